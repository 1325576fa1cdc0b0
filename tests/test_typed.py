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


# --- item 5: own categories may stay; Totalt rows xlbokslut added go when no longer needed ---------------------
from zipfile import ZipFile  # noqa: E402

from lxml import etree  # noqa: E402

from fixtures.make_typed_fixtures import CATEGORIES, VINDELN  # noqa: E402
from helpers import cell_snapshot, participant_row  # noqa: E402

REMOVED = ("Deltagare!A42:B42: raden Totalt · varav till arbte som xlbokslut lade till togs bort – ingen enhet har "
           "den kategorin längre")  # Vindeln's B9 misspelt: run 1 appends the Totalt rows 30–43, the misspelt one at 42


def _edit(path: Path, sheet: str, cells: dict) -> None:
    """What a user types between two evaluations (openpyxl on the copy, as the test's edit step)."""
    book = openpyxl.load_workbook(path)
    for ref, value in cells.items():
        book[sheet][ref] = value
    book.save(path)


def _misspelt(tmp_path) -> Path:
    path = _copy(tmp_path, "typed_misspelt.xlsx")
    evaluate_file(path)
    assert [r["Kategori"] for r in table_rows(path, "tblDeltagare") if r["_row"] == 42] == ["varav till arbte"]
    return path


def _typed(snapshot: dict, sheet: str = "Deltagare") -> dict:
    """The cells a person types on the sheet (Enhet … Föregående år: columns A–E below the headers)."""
    return {k: v for k, v in snapshot.items() if k[0] == sheet and k[1][0] in "ABCDE" and int(k[1][1:]) > 4}


def _table_xml(path: Path, name: str):
    with ZipFile(path) as z:
        for part in z.namelist():
            if part.startswith("xl/tables/"):
                root = etree.fromstring(z.read(part))
                if root.get("name") == name:
                    return root
    raise AssertionError(name)


def test_the_totalt_row_added_for_a_misspelt_category_goes_when_the_spelling_is_put_right(tmp_path):
    path = _misspelt(tmp_path)
    _edit(path, "Deltagare", {"B9": "varav till arbete"})
    before = cell_snapshot(path, ["Deltagare"])
    ev = evaluate_file(path)
    after = cell_snapshot(path, ["Deltagare"])
    assert not any(k[1].endswith("42") and k[1][0] in "ABCDEFGH" for k in after), after  # the row is empty
    assert REMOVED in [str(i) for i in ev.issues]
    assert not [i for i in ev.issues if i.level != "Notis"], ev.issues  # the misspelling was the only problem
    assert not [str(i) for i in ev.issues if "arbte" in i.message and str(i) != REMOVED]  # nothing blames the user
    typed = {k: v for k, v in _typed(before).items() if not k[1].endswith("42")}
    assert _typed(after) == {**typed, **{("Deltagare", "C34"): 6, ("Deltagare", "D34"): 5}}  # only the sum follows
    changed = {k[1] for k in before.keys() | after.keys() if k[1][0] in "FGH" and before.get(k) != after.get(k)}
    assert changed == {"H8", "H33", "F34", "G34", "F42", "G42"}  # xlbokslut's columns follow, nothing else
    assert (after.get(("Deltagare", "H8")), after.get(("Deltagare", "H33"))) == (None, None)  # the warnings are gone
    ev = evaluate_file(path)  # the blank row left inside the table is nothing to report, and nothing changes
    assert cell_snapshot(path, ["Deltagare"]) == after
    assert not [str(i) for i in ev.issues if "42" in i.place or "arbte" in i.message], ev.issues
    assert _table_xml(path, "tblDeltagare").get("ref") == "A4:H43"


def test_totalt_rows_added_at_the_bottom_go_and_the_table_ends_above_them(tmp_path):
    path = _misspelt(tmp_path)
    _edit(path, "Deltagare", {"B9": "varav till arbete", **{f"{c}17": None for c in "ABCD"}})  # Ej i statistik gone
    ev = evaluate_file(path)
    assert {str(i) for i in ev.issues} >= {REMOVED, "Deltagare!A43:B43: raden Totalt · Ej i statistik som xlbokslut "
                                                    "lade till togs bort – ingen enhet har den kategorin längre"}
    table = _table_xml(path, "tblDeltagare")
    assert table.get("ref") == "A4:H41"
    assert table.find("{*}autoFilter").get("ref") == "A4:H41"
    assert max(r["_row"] for r in table_rows(path, "tblDeltagare")) == 41
    ws = openpyxl.load_workbook(path)["Deltagare"]
    assert [ws.cell(r, c).value for r in (42, 43) for c in range(1, 9)] == [None] * 16


def test_a_totalt_row_typed_into_since_is_kept_as_typed(tmp_path):
    path = _misspelt(tmp_path)
    _edit(path, "Deltagare", {"B9": "varav till arbete", "E42": 3, "C43": 9})  # Föregående år; a sum typed over
    ev = evaluate_file(path)
    ws = openpyxl.load_workbook(path)["Deltagare"]
    assert [ws.cell(42, c).value for c in range(1, 6)] == ["Totalt", "varav till arbte", None, None, 3]
    assert "Deltagare!A42:B42: raden Totalt · varav till arbte som xlbokslut lade till står kvar eftersom någon har " \
           "skrivit i den, men ingen enhet har den kategorin längre: summorna som xlbokslut fyllde i är tömda. Ta " \
           "bort raden om den inte behövs." in [str(i) for i in ev.issues]
    assert REMOVED not in [str(i) for i in ev.issues]
    assert ws.cell(43, 3).value == 9  # typed: checked, never overwritten
    assert "Deltagare!C43: Kvinnor: ifyllt 9, men summan av enheterna är 3" in [str(i) for i in ev.issues]
    evaluate_file(path)
    ws = openpyxl.load_workbook(path)["Deltagare"]
    assert [ws.cell(42, c).value for c in range(1, 6)] == ["Totalt", "varav till arbte", None, None, 3]


def test_a_workbook_evaluated_before_added_rows_were_recorded_keeps_them(tmp_path):
    path = _misspelt(tmp_path)
    book = openpyxl.load_workbook(path)
    record = book["_xlbokslut"]
    for r in range(record.max_row, 1, -1):  # the record as earlier versions wrote it: only the filled sums
        if record.cell(r, 4).value in ("Enhet", "Tabell", "Kategori"):
            record.delete_rows(r)
    book["Deltagare"]["B9"] = "varav till arbete"
    book.save(path)
    ev = evaluate_file(path)
    ws = openpyxl.load_workbook(path)["Deltagare"]
    assert [ws.cell(42, c).value for c in range(1, 5)] == ["Totalt", "varav till arbte", None, None]
    assert "Deltagare!A42:B42: ingen enhet har kategorin ”varav till arbte” längre: summorna som xlbokslut fyllde i " \
           "på raden Totalt · varav till arbte är tömda. Ta bort raden om den inte behövs." in [str(i) for i in ev.issues]
    assert not [i for i in ev.issues if i.level != "Notis"], ev.issues
    assert len(table_rows(path, "tblDeltagare")) == 39  # the units' 13 + 12 rows and the 14 Totalt rows: none removed


def test_a_background_totalt_row_moves_with_a_renamed_tabell_and_goes_with_a_deleted_one(tmp_path):
    path = _misspelt(tmp_path)
    _edit(path, "Bakgrund", {"A5": "Åldersgrupp", "A6": "Åldersgrupp"})
    ev = evaluate_file(path)
    rows = [(r["Tabell"], r["Kategori"], r["Kvinnor"], r["Män"], r["_row"]) for r in table_rows(path, "tblBakgrund")]
    assert rows[4:] == [("Åldersgrupp", "Totalt", 12, 10, 9), ("Utbildning", "Totalt", 12, 10, 10)]
    assert "Bakgrund!A9:B9: raden Ålder · Totalt som xlbokslut lade till togs bort – tabellen Ålder har inga andra " \
           "rader längre" in [str(i) for i in ev.issues]
    _edit(path, "Bakgrund", {f"{c}{r}": None for c in "ABCD" for r in (7, 8)})  # Utbildning deleted
    ev = evaluate_file(path)
    assert [r["_row"] for r in table_rows(path, "tblBakgrund")] == [5, 6, 9]
    assert "Bakgrund!A10:B10: raden Utbildning · Totalt som xlbokslut lade till togs bort – tabellen Utbildning har " \
           "inga andra rader längre" in [str(i) for i in ev.issues]


def test_a_unit_whose_misspelling_is_put_right_gets_its_totalt_row(tmp_path):
    rows = [participant_row("Vindeln", "varav till arbte" if c == "varav till arbete" else c, w, m)
            for c, (w, m) in zip(CATEGORIES, VINDELN)]
    path = write_workbook(tmp_path / "a.xlsx", participants=rows)
    evaluate_file(path)
    _edit(path, "Deltagare", {"B9": "varav till arbete"})
    ev = evaluate_file(path)
    totals = {r["Kategori"]: (r["Kvinnor"], r["Män"], r["_row"]) for r in table_rows(path, "tblDeltagare")
              if r["Enhet"] == "Totalt"}
    assert {c: t[:2] for c, t in totals.items()} == dict(zip(CATEGORIES, VINDELN))
    assert totals["varav till arbete"][2] == 28  # in the row the misspelt one had, below the other eleven
    assert not [i for i in ev.issues if i.level != "Notis"], ev.issues


def test_the_kategori_list_on_deltagare_warns_and_lets_an_own_category_stay():
    from xlbokslut.workbook.template import TEMPLATE_PATH

    with ZipFile(TEMPLATE_PATH) as z:
        book = etree.fromstring(z.read("xl/workbook.xml"))
        rels = etree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels}
        rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
        parts = {s.get("name"): "xl/" + targets[s.get(rid)].lstrip("/").removeprefix("xl/")
                 for s in book.iter("{*}sheet")}
        lists = {name: {dv.get("sqref"): dv for dv in etree.fromstring(z.read(part)).iter("{*}dataValidation")}
                 for name, part in parts.items()}
    kategori = lists["Deltagare"]["B5:B2000"]
    assert (kategori.get("errorStyle"), kategori.get("showErrorMessage")) == ("warning", "1")
    assert "En egen kategori är tillåten" in kategori.get("error")
    for sheet, ref in (("Budget", "A5:A2000"), ("Budget", "F5:F2000"), ("Verifikationer", "A5:A2000")):
        stop = lists[sheet][ref]  # only the list's values can be evaluated: Excel's Stop box
        assert (stop.get("errorStyle"), stop.get("showErrorMessage")) == (None, "1"), (sheet, ref)
