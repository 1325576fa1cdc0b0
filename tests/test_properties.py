"""Property-based: whatever a person (or another program) puts in the input cells, the evaluation ends normally,
changes no typed cell, and every problem it reports names a cell."""
import datetime as dt
import io
import re
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import participant_row, write_workbook
from xlbokslut.cli import main
from xlbokslut.model import column_letter
from xlbokslut.schema import (AREAS_TABLE, BACKGROUND_TABLE, BUDGET_TABLE, EQUIVALENTS_TABLE, PARTICIPANTS_TABLE,
                              SETTINGS_TABLE, VERIFICATIONS_TABLE)
from xlbokslut.workbook.template import HEADER_ROW
from xlbokslut.workbook.files import evaluate_file

EXCEL_ERRORS = ["#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!"]
cell_values = st.one_of(
    st.none(),
    st.integers(min_value=-10**20, max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, 1, 0.5, 1e308, -1e-300, 3.5, 2021]),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=25),
    st.sampled_from(["52 av 54", "9/0", "40 %", "1 213 686 kr", "Ja", "nej", "  ", "−5", "3,5", "1e400", "Totalt",
                     "=1+1", "+46", "@x", "=cmd|' /C calc'!A0", "Andel minst", "Deltagare: genomströmning"]),
    st.sampled_from(EXCEL_ERRORS),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1950, 1, 1), max_value=dt.datetime(2100, 1, 1)),
)


def _typed_columns(table, only=None) -> str:
    """The letters of the columns a person types into, as the template lays out the contract's columns."""
    return "".join(column_letter(i) for i, c in enumerate(table.columns, start=1)
                   if not c.written and (only is None or c.header in only))


# (sheet, first data row, columns a person types into)
INPUT_CELLS = [(SETTINGS_TABLE.sheet, HEADER_ROW + 1, _typed_columns(SETTINGS_TABLE, {"Värde"}))] + [
    (table.sheet, HEADER_ROW + 1, _typed_columns(table))
    for table in (AREAS_TABLE, BUDGET_TABLE, VERIFICATIONS_TABLE, PARTICIPANTS_TABLE, BACKGROUND_TABLE,
                  EQUIVALENTS_TABLE)]
PLACE = re.compile(r"^[^!]+!\$?[A-Z]+\$?\d+(:\$?[A-Z]+\$?\d+)?$|^[^!]+!\d+:\d+$")


@st.composite
def workbooks(draw):
    """Which cells to fill and with what: up to 30 cells anywhere in the input tables' first rows."""
    cells = {}
    for _ in range(draw(st.integers(min_value=1, max_value=30))):
        sheet, first, columns = draw(st.sampled_from(INPUT_CELLS))
        row = draw(st.integers(min_value=first, max_value=first + 8))
        cells[(sheet, f"{draw(st.sampled_from(list(columns)))}{row}")] = draw(cell_values)
    return cells


def _typed(path: Path) -> dict:
    book = openpyxl.load_workbook(path)
    return {(ws.title, c.coordinate): c.value for name, _, columns in INPUT_CELLS for ws in [book[name]]
            for row in ws.iter_rows(min_row=4) for c in row
            if c.value is not None and c.column_letter in columns}


@settings(max_examples=int(__import__("os").environ.get("XLBOKSLUT_EXAMPLES", 40)), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(cells=workbooks())
def test_any_input_ends_in_sentences_naming_cells(tmp_path_factory, cells):
    folder = tmp_path_factory.mktemp("p")
    path = write_workbook(folder / "a.xlsx", participants=[participant_row("A", "Antal deltagare hela året", 3, 4, 5)])
    book = openpyxl.load_workbook(path)
    for (sheet, ref), value in cells.items():
        book[sheet][ref] = value
    book.save(path)
    typed = _typed(path)
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["utvardera", str(path)])
    assert code == 0, err.getvalue()
    after = _typed(path)
    assert {key: after.get(key) for key in typed} == typed  # xlbokslut may add cells (totals), never change one
    ev = evaluate_file(path)
    for issue in ev.issues:
        assert PLACE.match(issue.place) or issue.place in openpyxl.load_workbook(path).sheetnames, issue
        assert "Error" not in issue.message and "Traceback" not in issue.message
