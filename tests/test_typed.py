"""Issue 16: what a user types in LibreOffice is read or named, never silently ignored (workbooks saved by
LibreOffice: tests/fixtures/make_typed_fixtures.py)."""
from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl

from helpers import indicator_results, table_rows
from xlbokslut.workbook.files import evaluate_file

FIXTURES = Path(__file__).parent / "fixtures"


def _copy(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    shutil.copy(FIXTURES / name, path)
    return path


def test_rows_typed_after_a_blank_row_below_a_table_are_read(tmp_path):
    path = _copy(tmp_path, "typed_below_tables.xlsx")
    ev = evaluate_file(path)
    results = indicator_results(path)
    assert results["2.2.1"]["Status"] == "Uppnått"  # the Budget row and its Verifikationer row, each after a blank
    assert results["2.2.1"]["Utfall"] == "3"
    assert indicator_results(path, "Vuxentorget")["1.2.1"]["Utfall"] == "26"  # the unit after the blank row
    ws = openpyxl.load_workbook(path)["Verifikationer"]
    row = next(r for r in range(5, 60) if ws.cell(r, 1).value == "2.2.1")
    assert ws.cell(row, 15).value == "Uppnått"
    units = {r["Enhet"] for r in table_rows(path, "tblDeltagare")}
    assert units == {"Vindeln", "Vuxentorget", "Totalt"}
    totals = {r["Kategori"]: r for r in table_rows(path, "tblDeltagare") if r["Enhet"] == "Totalt"}
    assert (totals["Antal deltagare hela året"]["Kvinnor"], totals["Antal deltagare hela året"]["Män"]) == (44, 37)
    assert not [i for i in ev.issues if i.level != "Notis"], ev.issues
    notices = [str(i) for i in ev.issues if "under tabellen" in i.message]
    assert len(notices) == 3 and all("räknas till den" in n for n in notices)


# --- the property: any non-empty cell on an input sheet is read or named ---------------------------------------
from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402
from openpyxl.utils.cell import range_boundaries  # noqa: E402

from helpers import write_workbook  # noqa: E402
from xlbokslut.workbook.evaluation import evaluate_workbook  # noqa: E402
from xlbokslut.issues import UnusableWorkbook  # noqa: E402
from xlbokslut.schema import INPUT_TABLES, norm_header  # noqa: E402
from xlbokslut.workbook.files import WorkbookFile  # noqa: E402

TYPED = st.sampled_from(["x", "Anteckning", "1.1.1", "Ja", "12", 7, 0.5, "40 %", "Vindeln", "Totalt", " 3 "])


def _covers(place: str, sheet: str, row: int, col: int) -> bool:
    where, _, ref = place.partition("!")
    if where != sheet or not ref:
        return False
    first_col, first_row, last_col, last_row = range_boundaries(ref)
    return first_row <= row <= last_row and first_col <= col <= last_col


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spec=st.sampled_from(INPUT_TABLES),
       cells=st.lists(st.tuples(st.integers(1, 45), st.integers(1, 18), TYPED), min_size=1, max_size=5))
def test_every_cell_typed_on_an_input_sheet_is_read_or_named(tmp_path, spec, cells):
    path = write_workbook(tmp_path / "a.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book[spec.sheet]
    written = {c for c, column in enumerate(spec.columns, start=1) if column.written}
    for row, col, value in cells:
        ws.cell(row, col).value = value
    book.save(path)
    workbook = WorkbookFile(path, for_writing=False)
    try:
        tables, ev = evaluate_workbook(workbook, beside_last_year=False)
    except UnusableWorkbook as exc:  # a required header typed over: the run stops and says which column
        assert "saknar" in str(exc)
        return
    finally:
        workbook.close()
    table = tables[spec.name]
    if table is None:  # an optional table's header typed over: the whole table is named, at its header
        assert any(i.place.startswith(f"{spec.sheet}!") and "läses" in i.message for i in ev.issues), ev.issues
        return
    contract = {norm_header(h) for h in spec.headers}
    read = {cell.where for row in table.rows for name, cell in row.cells.items() if name in contract}
    for row, col, value in cells:
        if row > 4 and col in written:
            continue  # xlbokslut's own columns (Utfall, Status, Totalt …): written on every run
        where = f"{spec.sheet}!{openpyxl.utils.get_column_letter(col)}{row}"
        if row < 4 and col == 1 or row == 4 and norm_header(value) in contract or where in read:
            continue  # the sheet's heading (title, help line), a contract header, a cell of a row read
        assert any(_covers(i.place, spec.sheet, row, col) for i in ev.issues), (where, value, ev.issues)


# --- items 3, 4, 6: the usual slips, typed in LibreOffice ------------------------------------------------------
def _slips(tmp_path):
    path = _copy(tmp_path, "typed_slips.xlsx")
    return path, evaluate_file(path)


def test_a_unit_without_a_varav_row_is_still_checked(tmp_path):
    path, ev = _slips(tmp_path)
    row = next(r for r in table_rows(path, "tblDeltagare")
               if (r["Enhet"], r["Kategori"]) == ("Vindeln", "Avslutade till en för individen positiv lösning"))
    assert row["Kontroll"] == "män: rad 5, 7–9 (rad 6 saknas) summerar till 5, inte 6"
    assert "Varning Deltagare!D8: män: rad 5, 7–9 (rad 6 saknas) summerar till 5, inte 6" in \
        [f"{i.level} {i}" for i in ev.issues]


def test_every_error_and_warning_reaches_all_four_places(tmp_path, capsys):
    from xlbokslut.button import message as button_message
    from xlbokslut.cli import main
    from xlbokslut.issues import to_fix

    path, ev = _slips(tmp_path)
    serious = to_fix(ev.issues)
    weights = "Målområden: Målvikterna summerar till 95 %, inte 100 %"
    participants = "Deltagare!D8: män: rad 5, 7–9 (rad 6 saknas) summerar till 5, inte 6"
    assert {weights, participants} <= {str(i) for i in serious}
    problems = [f"{r['Plats']}: {r['Problem']}" for r in table_rows(path, "tblIndataproblem")]
    assert all(str(i) in problems for i in serious)  # 1: Indataproblem
    assert main(["utvardera", str(path)]) == 0
    screen = capsys.readouterr().out
    assert all(str(i) in screen for i in serious)  # 2: the screen
    message = button_message(ev, [], "")
    assert all(str(i) in message for i in serious[:5]) and f"{len(serious)} problem" in message  # 3: the button
    assert main(["exportera", str(path), "--utdata", str(tmp_path / "ut")]) == 0
    summary = next((tmp_path / "ut").glob("*.md")).read_text(encoding="utf-8")
    known = summary.split("Att känna till innan bokslutet presenteras")[1].replace("\\", "")  # Markdown escapes
    assert all(str(i) in known for i in serious), known  # 4: the board's report


def test_a_misspelt_survey_question_is_one_error(tmp_path):
    path, ev = _slips(tmp_path)
    about = [str(i) for i in ev.issues if "1.1.1" in i.message or i.place.startswith("Enkätfrågor")]
    assert about == ["Enkätfrågor!C5: frågan ”Har du fått stöd?” finns inte på bladet Enkät; närmast: "
                     "”Har du fått stödet du behövde?”"]
    row = next(r for r in table_rows(path, "tblVerifikationer") if r["Indikator-nr"] == "1.1.1")
    assert row["Status"] == "Fel i indata"  # shown on the typed row, which the question took over
    assert indicator_results(path)["1.1.1"]["Status"] == "Fel i indata"
