"""Deltagare's Föregående år (issue 16 item 2): a count on rows 1–3 and 12, a percent on rows 4–11 — said where it
is typed, the förbund's counts summed from the units, and what cannot be last year's value named at its cell
(a workbook typed in LibreOffice: tests/fixtures/make_typed_fixtures.py, typed_previous.xlsx)."""
from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import openpyxl

from helpers import table_rows
from xlbokslut.export.view import board_view
from xlbokslut.workbook.files import evaluate_file
from xlbokslut.workbook.template import TEMPLATE_PATH

FIXTURE = Path(__file__).parent / "fixtures" / "typed_previous.xlsx"
PREVIOUS = "Föregående år"


def _evaluated(tmp_path: Path):
    path = tmp_path / "bokslut.xlsx"
    shutil.copy(FIXTURE, path)
    return path, evaluate_file(path)


def _rows(path: Path) -> dict[tuple[str, str], dict]:
    return {(r["Enhet"], r["Kategori"]): r for r in table_rows(path, "tblDeltagare")}


def _messages(ev) -> dict[str, str]:
    return {i.place: f"{i.level}: {i.message}" for i in ev.issues}


def _type(path: Path, unit: str, category: str, value) -> str:
    """Types a Föregående år the way a user would (the file saved again), returning its cell."""
    book = openpyxl.load_workbook(path)
    ws = book["Deltagare"]
    row = next(r for r in range(5, 80) if ws.cell(r, 1).value == unit and ws.cell(r, 2).value == category)
    ws.cell(row, 5).value = value
    book.save(path)
    return f"Deltagare!E{row}"


def test_the_forbunds_previous_year_is_the_units_sum_and_follows_them(tmp_path):
    path, _ = _evaluated(tmp_path)
    # Before: the förbund's Föregående år stayed empty although every unit had one.
    assert _rows(path)[("Totalt", "Antal deltagare hela året")][PREVIOUS] == 70  # 50 + 20
    _type(path, "Vindeln", "Antal deltagare hela året", 55)
    evaluate_file(path)
    assert _rows(path)[("Totalt", "Antal deltagare hela året")][PREVIOUS] == 75  # what xlbokslut filled follows
    where = _type(path, "Totalt", "Antal deltagare hela året", 80)
    ev = evaluate_file(path)
    assert _rows(path)[("Totalt", "Antal deltagare hela året")][PREVIOUS] == 80  # typed: checked, never overwritten
    assert _messages(ev)[where] == "Varning: Föregående år: ifyllt 80, men summan av enheterna är 75"


def test_what_cannot_be_last_years_value_is_named_at_its_cell(tmp_path):
    path, ev = _evaluated(tmp_path)
    said = _messages(ev)
    rows = _rows(path)
    vuxentorget_new = f"Deltagare!E{rows[('Vuxentorget', 'varav nya för året')]['_row']}"
    assert said[vuxentorget_new] == ("Varning: Föregående år är förra årets antal på den här raden (procent bara på "
                                     "rad 4–11): skriv antalet, inte 17 %.")
    positive = f"Deltagare!E{rows[('Vuxentorget', 'Avslutade till en för individen positiv lösning')]['_row']}"
    assert said[positive].startswith("Varning: Föregående år är förra årets andel i procent på den här raden (rad "
                                     "4–11), men 140 är över 100 % – är det ett antal?")
    work = f"Deltagare!E{rows[('Vindeln', 'varav till arbete')]['_row']}"
    assert said[work] == ("Varning: Föregående år på rad 5–9 summerar till 116 %, men andelar av rad 4 kan inte bli "
                          "mer än 100 % – är det antal? Skriv andelarna i procent.")
    assert rows[("Vindeln", "varav till studier")]["Kontroll"].startswith("Föregående år på rad 5–9 summerar till 116 %")
    # The förbund's count where a unit has none usable, and its percentages, are said once, not guessed.
    new_total = f"Deltagare!E{rows[('Totalt', 'varav nya för året')]['_row']}"
    assert said[new_total] == ("Notis: Förbundets Föregående år för ”varav nya för året” räknas inte: Vuxentorget "
                               "saknar ett användbart Föregående år på raden")
    assert rows[("Totalt", "varav nya för året")][PREVIOUS] is None
    assert sum("Förbundets Föregående år i procent (rad 4–11)" in m for m in said.values()) == 1


def test_the_board_never_prints_an_impossible_previous_share(tmp_path):
    """Before: the counts typed on rows 5–9 printed as "42 %" and the 140 as "140 %"."""
    _, ev = _evaluated(tmp_path)
    tables = {t.title: t for t in board_view(ev).figure_tables()}
    vindeln = {row[0].strip(" –"): (i, row[5]) for i, row in enumerate(tables["Vindeln"].rows)}
    assert vindeln["Antal deltagare hela året"][1] == 50 and vindeln["Antal deltagare hela året"][0] not in \
        tables["Vindeln"].percent_rows  # a count, printed as a count
    assert vindeln["varav till arbete"][1] is None and vindeln["Avbrott av hälsoskäl"][1] == 16
    vuxentorget = {row[0].strip(" –"): row[5] for row in tables["Vuxentorget"].rows}
    assert vuxentorget["Avslutade till en för individen positiv lösning"] is None
    assert vuxentorget["varav nya för året"] is None and vuxentorget["varav till arbete"] == 30
    assert {row[0].strip(" –"): row[5] for row in tables["Samordningsförbundet totalt"].rows}[
        "Antal deltagare hela året"] == 70


def test_the_template_says_what_previous_year_holds_where_it_is_typed():
    with zipfile.ZipFile(TEMPLATE_PATH) as z:
        book = z.read("xl/workbook.xml").decode()
        assert "Deltagare" in book
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    deltagare = next(s for s in sheets if "tblDeltagare" in s or "Föregående år" in s and "Egen kategori?" in s)
    assert 'showInputMessage="1"' in deltagare and 'promptTitle="Förra årets värde"' in deltagare
    assert "Procent på rad 4–11" in deltagare and "Antal på rad 1–3 och 12" in deltagare


def test_each_kind_of_previous_year_slip_on_its_own():
    from xlbokslut.participants import read_previous
    from xlbokslut.values import Cell

    def read(value, number, category=""):
        value, issue = read_previous(Cell(value, "Deltagare!E9"), number, category)
        return value, issue and f"{issue.level}: {issue.message}"

    assert read(31, 5) == (31, None) and read("412", 1) == (412, None) and read(40, 3) == (40, None)
    assert read(0.5, 5)[1] == ("Notis: Föregående år 0,5 läses som 0,5 %. Är cellen formaterad som procent (50 %), "
                               "skriv 50 i stället.")
    assert read(-2, 10)[0] is None and "under 0" in read(-2, 10)[1]
    assert read(12.5, 1) == (None, "Varning: Föregående år är förra årets antal på den här raden (procent bara på "
                                   "rad 4–11): 12,5 är inte ett helt antal.")
    assert read("tolv", 2)[1] == "Varning: Föregående år: ”tolv” är inte ett tal"
    assert read(140, 0, "varav annan lösning")[0] is None  # an own "varav …" is a share
    assert read(140, 0, "Ej i statistik") == (140, None)  # an own category of another kind is a count
