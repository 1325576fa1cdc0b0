"""The committed template and example are what the code generates, and they follow the contract."""
import openpyxl
import pytest

from helpers import contract_problems
from xlbokslut.example import EXAMPLE_PATH, build_example, example_path, names
from xlbokslut.schema import KINDS, STATUSES
from xlbokslut.workbook.template import TEMPLATE_PATH, build_workbook


def fingerprint(book) -> dict:
    """A workbook's content without volatile metadata (timestamps, zip order)."""
    out = {}
    for ws in book.worksheets:
        cells = {c.coordinate: (c.value, c.fill.fgColor.rgb if c.fill and c.fill.fill_type else None, c.font.b)
                 for row in ws.iter_rows() for c in row if c.value is not None or (c.fill and c.fill.fill_type)}
        out[ws.title] = {
            "state": ws.sheet_state, "freeze": ws.freeze_panes, "cells": cells,
            "widths": {k: d.width for k, d in ws.column_dimensions.items()},
            "tables": {name: ws.tables[name].ref for name in ws.tables},
            "validations": sorted((str(dv.sqref), dv.formula1) for dv in ws.data_validations.dataValidation),
            "merged": sorted(str(m) for m in ws.merged_cells.ranges),
        }
    return out


@pytest.mark.parametrize("path, build", [(TEMPLATE_PATH, build_workbook)] +
                         [(example_path(n), lambda n=n: build_example(n)) for n in names()])
def test_committed_workbook_is_up_to_date(path, build, tmp_path):
    fresh = tmp_path / path.name
    build().save(fresh)
    assert fingerprint(openpyxl.load_workbook(path)) == fingerprint(openpyxl.load_workbook(fresh)), \
        f"{path.name} is out of date: run python -m xlbokslut.workbook.template and python -m xlbokslut.example"


@pytest.mark.parametrize("path", [TEMPLATE_PATH] + [example_path(n) for n in names()])
def test_committed_workbooks_follow_the_contract(path):
    assert contract_problems(path) == []


def test_template_is_ready_to_type_into():
    book = openpyxl.load_workbook(TEMPLATE_PATH)
    assert book.sheetnames[0] == "Instruktioner"
    budget = book["Budget"]
    assert budget.freeze_panes == "A5"
    validations = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in budget.data_validations.dataValidation}
    assert all(k.name in validations["F5"] for k in KINDS)  # Typ
    assert "Målområden" in validations["A5"]  # Målområde
    ver = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in book["Verifikationer"].data_validations.dataValidation}
    assert "Budget" in ver["A5"] and ver["E5"] == '"Ja,Nej"'
    assert book["Verifikationer"]["N3"].value == "Skrivs av xlbokslut"
    settings = {r[0].value: r[1].value for r in book["Inställningar"].iter_rows(min_row=5) if r[0].value}
    assert settings["IMPACTindex mål"] == 70 and settings["Nära målet (procentenheter)"] == 3
    assert settings["Poäng för nära målet"] == 0 and settings["Jämför avrundade procent"] == "Ja"


def test_instructions_explain_every_kind_and_colour():
    ws = openpyxl.load_workbook(TEMPLATE_PATH)["Instruktioner"]
    text = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    for kind in KINDS:
        assert kind.name in text
    for status in STATUSES:
        assert status in text
    assert "0,8 = 80 %" in text


def test_example_says_what_is_reconstructed():
    ws = openpyxl.load_workbook(EXAMPLE_PATH)["Instruktioner"]
    text = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    assert "Återskapat" in text and "vikterna" in text
