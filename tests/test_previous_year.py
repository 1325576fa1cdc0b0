"""Deltagare's Föregående år (issue 16 item 2): a count on rows 1–2, a percent on rows 4–11, blank elsewhere —
said where it is typed, the förbund's counts summed from the units (its percents from last year's workbook), and
what cannot be last year's value named at its cell and kept out of the board's files. Typing is tested on
workbooks saved by LibreOffice (tests/fixtures/make_typed_fixtures.py: typed_previous.xlsx,
typed_previous_units.xlsx, typed_previous_slips.xlsx)."""
from __future__ import annotations

import shutil
import zipfile
from pathlib import Path
from zipfile import ZipFile

import openpyxl
from lxml import etree

from helpers import participant_row, table_rows, write_workbook
from test_document import html_tables
from xlbokslut.export.view import board_view
from xlbokslut.jobs import export_file
from xlbokslut.participants import PREVIOUS_RULE
from xlbokslut.schema import PARTICIPANT_CATEGORIES
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
    assert said[vuxentorget_new] == ("Varning: Föregående år är antal på rad 1–2, inte procent: ”17 %” – skriv "
                                     "förra årets antal")
    positive = f"Deltagare!E{rows[('Vuxentorget', 'Avslutade till en för individen positiv lösning')]['_row']}"
    assert said[positive] == "Varning: Föregående år är procent på rad 4–11; 140 är över 100 % – är det ett antal?"
    work, unable = (rows[("Vindeln", c)]["_row"] for c in ("varav till arbete", "varav saknar arbetsförmåga"))
    assert said[f"Deltagare!E{work}:E{unable}"] == (
        "Varning: Föregående år på rad 5–9 summerar till 116 %, men de är andelar av rad 4 och kan tillsammans inte "
        "bli över 100 % – är det antal? Skriv procent.")
    assert rows[("Vindeln", "varav till studier")]["Kontroll"].startswith("Föregående år på rad 5–9 summerar till 116 %")
    ended = f"Deltagare!E{rows[('Vindeln', 'Totalt antal avslutade hela året')]['_row']}"
    assert said[ended] == ("Notis: Föregående år läses bara på rad 1–2 (antal) och 4–11 (procent), inte på rad 3 "
                           "(Totalt antal avslutade hela året): ”30” används inte. Töm cellen.")
    # The förbund's count where a unit has none usable, and its percentages, are said once, not guessed.
    new_total = f"Deltagare!E{rows[('Totalt', 'varav nya för året')]['_row']}"
    assert said[new_total] == ("Notis: förbundets Föregående år på raden ”varav nya för året” fylls inte i: "
                               "Vuxentorget saknar ett giltigt antal där, och summan av enheterna behöver alla")
    assert rows[("Totalt", "varav nya för året")][PREVIOUS] is None
    assert sum("förbundets Föregående år på rad 4–11 (procent)" in m for m in said.values()) == 1


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
    assert 'showInputMessage="1"' in deltagare and 'promptTitle="Föregående år"' in deltagare
    assert "antal på rad 1–2 (deltagare, nya), procent på rad 4–11, tomt på övriga rader" in deltagare


def test_each_kind_of_previous_year_slip_on_its_own():
    from xlbokslut.participants import read_previous
    from xlbokslut.values import Cell

    def read(value, number, category=""):
        value, issue = read_previous(Cell(value, "Deltagare!E9"), number, category)
        return value, issue and f"{issue.level}: {issue.message}"

    from xlbokslut.values import PercentCell

    assert read(31, 5) == (31, None) and read("412", 1) == (412, None) and read("31 %", 4) == (31, None)
    assert read(PercentCell(0.31), 4) == (31, None)  # typed ”31 %”: the cell is formatted as a percentage
    assert read(0.31, 4) == (31, None)  # a fraction, as Excel hands over 31 %
    assert read(PercentCell(0.17), 1)[1] == read(0.17, 1)[1] == read("17 %", 1)[1] == (
        "Varning: Föregående år är antal på rad 1–2, inte procent: ”17 %” – skriv förra årets antal")
    assert read(-2, 10) == (None, "Varning: Föregående år: −2 – en procent kan inte vara negativ")
    assert read(12.5, 1) == (None, "Varning: Föregående år: 12,5 är inte ett helt antal")
    assert read(-4, 2) == (None, "Varning: Föregående år: −4 – ett antal kan inte vara negativt")
    assert read("tolv", 2)[1] == "Varning: Föregående år: ”tolv” är inte ett tal"
    assert read(40, 3)[0] is None and read(40, 3)[1].startswith("Notis: Föregående år läses bara på rad 1–2")
    assert read(140, 0, "varav annan lösning")[0] is None  # a category of one's own: not read, named
    assert read(5, 0, "Ej i statistik") == (None, "Notis: Föregående år läses inte för en egen kategori (”Ej i "
                                                  "statistik”): ”5” används inte. Töm cellen, eller välj en av de "
                                                  "tolv kategorierna.")


# --- three units typed in LibreOffice: the förbund filled, following, checked; last year's percents ---------
FIXTURES = Path(__file__).parent / "fixtures"
# typed_previous_units.xlsx: Vindeln rows 5–16, Vuxentorget 17–28, Robertsfors 29–40; the first run appends Totalt 41–52
TOTAL_D, TOTAL_NEW, TOTAL_P = "E41", "E42", "E44"
NO_PERCENTS = ("Deltagare!E44: förbundets Föregående år på rad 4–11 (procent) kan inte räknas ut ur enheternas "
               "procent utan fjolårets antal och lämnas tomt. Skriv förra årets procent från fjolårets bokslut, eller "
               "ange Fjolårets arbetsbok på bladet Inställningar, så hämtar xlbokslut dem därifrån.")


def _copy(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    shutil.copy(FIXTURES / name, path)
    return path


def _cells(path: Path, *refs: str) -> list:
    ws = openpyxl.load_workbook(path)["Deltagare"]
    return [ws[ref].value for ref in refs]


def _edit(path: Path, cells: dict) -> None:
    book = openpyxl.load_workbook(path)
    for ref, value in cells.items():
        book["Deltagare"][ref] = value
    book.save(path)


def _issues(ev) -> list[str]:
    return [f"{i.level} {i}" for i in ev.issues]


def _record(path: Path) -> list[tuple]:
    ws = openpyxl.load_workbook(path)["_xlbokslut"]
    return [tuple(c.value for c in row) for row in ws.iter_rows(min_row=2)]


# --- 2: the förbund's Föregående år -------------------------------------------------------------------------------
def test_the_forbunds_previous_counts_are_the_units_sum_and_follow_a_changed_unit(tmp_path):
    path = _copy(tmp_path, "typed_previous_units.xlsx")
    ev = evaluate_file(path)
    assert _cells(path, "A41", "B41", TOTAL_D, TOTAL_NEW) == ["Totalt", "Antal deltagare hela året", 524, 172]
    assert ("Deltagare", "Totalt", "Antal deltagare hela året", "Föregående år", 524) in _record(path)
    assert openpyxl.load_workbook(path)["Deltagare"][TOTAL_D].font.i  # filled: blue italics, like the sums
    assert not [i for i in ev.issues if i.level != "Notis"], ev.issues
    assert f"Notis {NO_PERCENTS}" in _issues(ev)  # the percents are not invented, and said so once
    assert _cells(path, *(f"E{r}" for r in range(44, 52))) == [None] * 8
    _edit(path, {"E5": 40})  # Vindeln had 40 participants last year, not 33
    ev = evaluate_file(path)
    assert _cells(path, TOTAL_D, TOTAL_NEW) == [531, 172]
    assert not [i for i in ev.issues if i.level != "Notis"], ev.issues
    evaluate_file(path)
    assert _cells(path, TOTAL_D, TOTAL_NEW) == [531, 172]


def test_a_typed_forbund_previous_is_checked_and_never_overwritten(tmp_path):
    path = _copy(tmp_path, "typed_previous_units.xlsx")
    evaluate_file(path)
    _edit(path, {TOTAL_NEW: 170})
    ev = evaluate_file(path)
    warning = "Varning Deltagare!E42: Föregående år: ifyllt 170, men summan av enheterna är 172"
    assert warning in _issues(ev)
    assert _cells(path, TOTAL_NEW, "H42") == [170, "Föregående år: ifyllt 170, men summan av enheterna är 172"]
    _edit(path, {"E6": 20})  # a unit changes: the typed figure stays typed
    ev = evaluate_file(path)
    assert _cells(path, TOTAL_NEW) == [170]
    assert "Varning Deltagare!E42: Föregående år: ifyllt 170, men summan av enheterna är 174" in _issues(ev)


def test_a_unit_without_its_figure_leaves_the_forbunds_blank_and_names_the_unit(tmp_path):
    path = _copy(tmp_path, "typed_previous_units.xlsx")
    evaluate_file(path)
    _edit(path, {"E29": None})  # Robertsfors' participants last year cleared
    ev = evaluate_file(path)
    assert _cells(path, TOTAL_D, TOTAL_NEW) == [None, 172]  # what xlbokslut filled is withdrawn
    assert ("Notis Deltagare!E41: förbundets Föregående år på raden ”Antal deltagare hela året” fylls inte i: "
            "Robertsfors saknar ett giltigt antal där, och summan av enheterna behöver alla") in _issues(ev)


def _last_year(tmp_path: Path) -> Path:
    """Last year's workbook: two units, the förbund's Andel (%) computed from their counts."""
    rows = []
    for unit, figures in (("Vindeln", [(30, 25), (10, 8), (10, 10), (8, 6), (4, 3), (1, 1), (2, 1), (1, 1), (0, 0),
                                      (1, 2), (1, 2), (20, 15)]),
                          ("Vuxentorget", [(14, 12), (5, 4), (6, 6), (3, 4), (2, 2), (0, 1), (1, 0), (0, 1), (0, 0),
                                           (2, 1), (1, 1), (8, 6)])):
        rows += [participant_row(unit, c, w, m) for c, (w, m) in zip(PARTICIPANT_CATEGORIES, figures)]
    path = write_workbook(tmp_path / "fjol.xlsx", participants=rows)
    evaluate_file(path)
    return path


def test_the_forbunds_percentages_come_from_last_years_workbook_and_stay(tmp_path):
    last = _last_year(tmp_path)
    totals = {r["Kategori"]: r["Andel (%)"] for r in table_rows(last, "tblDeltagare") if r["Enhet"] == "Totalt"}
    expected = [totals[c] for c in PARTICIPANT_CATEGORIES[3:11]]
    assert None not in expected
    path = _copy(tmp_path, "typed_previous_units.xlsx")
    ev = evaluate_file(path, last)
    assert _cells(path, *(f"E{r}" for r in range(44, 52))) == expected
    assert not [i for i in ev.issues if "Föregående år" in i.message], ev.issues
    assert ("Deltagare", "Totalt", "Avslutade till en för individen positiv lösning", "Föregående år",
            expected[0]) in _record(path)
    ev = evaluate_file(path)  # without last year's workbook (xlwings Lite, the file moved): what was filled stays
    assert _cells(path, *(f"E{r}" for r in range(44, 52))) == expected
    assert not [i for i in ev.issues if "Föregående år" in i.message], ev.issues
    _edit(path, {"E44": 70})  # typed over: the förbund's own figure, kept from then on
    evaluate_file(path, last)
    assert _cells(path, "E44", "E45") == [70, expected[1]]


# --- 3: impossible values, each at its cell --------------------------------------------------------------------------
SLIPS = [
    "Varning Deltagare!E5: Föregående år är antal på rad 1–2, inte procent: ”17 %” – skriv förra årets antal",
    "Varning Deltagare!E6: Föregående år är antal på rad 1–2, inte procent: ”10 %” – skriv förra årets antal",
    "Notis Deltagare!E7: Föregående år läses bara på rad 1–2 (antal) och 4–11 (procent), inte på rad 3 (Totalt antal "
    "avslutade hela året): ”12” används inte. Töm cellen.",
    "Varning Deltagare!E9: Föregående år är procent på rad 4–11; 140 är över 100 % – är det ett antal?",
    "Varning Deltagare!E14: Föregående år: −3 – en procent kan inte vara negativ",
    "Varning Deltagare!E15: Föregående år: ”okänt” är inte ett tal",
    "Notis Deltagare!E16: Föregående år läses bara på rad 1–2 (antal) och 4–11 (procent), inte på rad 12 (Antal kvar "
    "i verksamheten): ”18” används inte. Töm cellen.",
    "Varning Deltagare!E18: Föregående år: fler nya (25) än deltagare (20)",
    "Varning Deltagare!E21:E25: Föregående år på rad 5–9 summerar till 107 %, men de är andelar av rad 4 och kan "
    "tillsammans inte bli över 100 % – är det antal? Skriv procent.",
    "Notis Deltagare!E29: Föregående år läses inte för en egen kategori (”Ej i statistik”): ”5” används inte. Töm "
    "cellen, eller välj en av de tolv kategorierna.",
]


def test_each_impossible_previous_value_is_named_at_its_cell(tmp_path):
    path = _copy(tmp_path, "typed_previous_slips.xlsx")
    ev = evaluate_file(path)
    issues = _issues(ev)
    assert sorted(i for i in issues if "Föregående år" in i and "förbundets" not in i) == sorted(SLIPS)
    kontroll = {r["_row"]: r["Kontroll"] for r in table_rows(path, "tblDeltagare")}
    assert kontroll[5] == "Föregående år är antal på rad 1–2, inte procent: ”17 %” – skriv förra årets antal"
    assert kontroll[9] == "Föregående år är procent på rad 4–11; 140 är över 100 % – är det ett antal?"
    assert kontroll[18] == "Föregående år: fler nya (25) än deltagare (20)"
    assert all("summerar till 107 %" in kontroll[r] for r in range(21, 26))
    assert kontroll[7] is None and kontroll[16] is None  # not read: named in Indataproblem, not a failed check
    problems = [f"{r['Nivå']} {r['Plats']}: {r['Problem']}" for r in table_rows(path, "tblIndataproblem")]
    assert all(s in problems for s in SLIPS)
    assert ("Notis Deltagare!E30: förbundets Föregående år på raden ”Antal deltagare hela året” fylls inte i: Vindeln "
            "saknar ett giltigt antal där, och summan av enheterna behöver alla") in issues
    assert _cells(path, "E5", "E6", "E9") == [0.17, "10 %", 140]  # nothing typed is changed


# --- 1: the rule where it is typed -------------------------------------------------------------------------------
def _validations(path: Path, sheet: str) -> dict:
    with ZipFile(path) as z:
        book = etree.fromstring(z.read("xl/workbook.xml"))
        rels = etree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels}
        rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
        part = next("xl/" + targets[s.get(rid)].lstrip("/").removeprefix("xl/") for s in book.iter("{*}sheet")
                    if s.get("name") == sheet)
        root = etree.fromstring(z.read(part))
    return {dv.get("sqref").split(":")[0]: dv for dv in root.iter("{*}dataValidation")}


def test_the_previous_column_says_its_rule_when_a_cell_is_selected():
    assert PREVIOUS_RULE == "antal på rad 1–2 (deltagare, nya), procent på rad 4–11, tomt på övriga rader"
    for path in (TEMPLATE_PATH, FIXTURES / "typed_previous_units.xlsx"):  # the template, and as LibreOffice saved it
        lists = _validations(path, "Deltagare")
        previous = lists["E5"]
        assert previous.get("showInputMessage") in ("1", "true"), path
        assert previous.get("promptTitle") == "Föregående år" and PREVIOUS_RULE in previous.get("prompt"), path
        assert previous.get("type") in (None, "none")  # any value may be typed: the message only
        kategori = lists["B5"]  # the Kategori list still warns and lets an own category stay
        assert (kategori.get("type"), kategori.get("errorStyle")) == ("list", "warning"), path
    instructions = openpyxl.load_workbook(TEMPLATE_PATH)["Instruktioner"]
    text = " ".join(str(c.value) for row in instructions.iter_rows() for c in row if c.value)
    assert "Föregående år på bladet Deltagare: antal på rad 1–2 (deltagare, nya), procent på rad 4–11" in text


# --- the board's files ---------------------------------------------------------------------------------------------
def _figure_rows(report: Path) -> dict[str, dict[str, tuple]]:
    """The report's Deltagarna i siffror: per table, category → (Föregående år, its number format)."""
    ws = openpyxl.load_workbook(report)["Deltagarna i siffror"]
    out: dict[str, dict[str, tuple]] = {}
    table = None
    for row in ws.iter_rows():
        if row[0].value and all(c.value is None for c in row[1:6]):
            table = out.setdefault(str(row[0].value), {})
        elif table is not None and row[0].value and row[0].value != "":
            table[str(row[0].value).strip(" –")] = (row[5].value, row[5].number_format)
    return out


def _html_previous(paths) -> dict[str, dict[str, str]]:
    page = next(p for p in paths if p.suffix == ".html")
    return {caption: {" ".join(r[0]).lstrip("– "): " ".join(r[5]) for r in rows} for caption, header, rows in html_tables(page)
            if header[-1:] == ["Föregående år"]}


def test_the_board_shows_counts_without_percent_and_no_impossible_value(tmp_path):
    path = _copy(tmp_path, "typed_previous_units.xlsx")
    evaluate_file(path)
    _, paths = export_file(path, tmp_path / "ut")
    tables = _figure_rows(paths[0])
    total = next(t for name, t in tables.items() if name.endswith("totalt"))
    assert total["Antal deltagare hela året"][0] == 524 and "%" not in total["Antal deltagare hela året"][1]
    assert tables["Vindeln"]["Avslutade till en för individen positiv lösning"] == (68, '0" %"')  # typed ”68 %”
    assert tables["Vindeln"]["Antal deltagare hela året"][0] == 33
    page = _html_previous(paths)
    forbund = next(t for name, t in page.items() if name.endswith("totalt"))
    assert forbund["Antal deltagare hela året"] == "524"
    assert page["Vindeln"]["Avslutade till en för individen positiv lösning"].replace("\u00a0", " ") == "68 %"

    path = _copy(tmp_path, "typed_previous_slips.xlsx")
    evaluate_file(path)
    _, paths = export_file(path, tmp_path / "ut2")
    tables, page = _figure_rows(paths[0]), _html_previous(paths)
    for category in ("Antal deltagare hela året", "varav nya för året", "varav till arbete", "Övriga avbrott"):
        assert tables["Vindeln"][category][0] is None, category  # ”17 %”, ”10 %”, 140, ”okänt”: not printed
        assert page["Vindeln"][category] in ("", "–"), category
    assert tables["Vindeln"]["Avslutade till en för individen positiv lösning"][0] == 67
    assert all(tables["Vuxentorget"][c][0] is None for c in PARTICIPANT_CATEGORIES[4:9])  # the counts in rows 5–9
    assert tables["Vuxentorget"]["Avslutade till en för individen positiv lösning"][0] == 60
