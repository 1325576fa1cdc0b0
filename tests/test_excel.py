"""The live-workbook path through xlwings' own remote engine: the same cells as the command line."""
import shutil

import openpyxl
import pytest

from helpers import cell_snapshot, write_workbook
from remote import apply_actions, remote_book
from xlbokslut.example import EXAMPLE_PATH
from xlbokslut.workbook import excel
from xlbokslut.workbook.files import evaluate_file


def _fills(path) -> dict:
    book = openpyxl.load_workbook(path)
    out = {}
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.fill is not None and c.fill.fill_type == "solid" and c.value is not None:
                    out[(ws.title, c.coordinate)] = c.fill.fgColor.rgb[-6:]
    return out


def _tables(path) -> dict:
    book = openpyxl.load_workbook(path)
    return {(ws.title, name): ws.tables[name].ref for ws in book.worksheets for name in ws.tables}


def _both(tmp_path, source):
    """Evaluate one copy with the CLI's file adapter and another through the remote engine."""
    by_file, by_excel = tmp_path / "file.xlsx", tmp_path / "excel.xlsx"
    shutil.copy(source, by_file)
    shutil.copy(source, by_excel)
    evaluate_file(by_file)
    book = remote_book(by_excel)
    ev = excel.evaluate(book)
    apply_actions(by_excel, book.json()["actions"])
    return by_file, by_excel, ev


def _without_last_year(tmp_path):
    """The 2021 example without its last-year workbook (which the remote engine, on a server, cannot read)."""
    path = tmp_path / "example.xlsx"
    book = openpyxl.load_workbook(EXAMPLE_PATH)
    ws = book["Inställningar"]
    row = next(r for r in ws.iter_rows() if r[0].value == "Fjolårets arbetsbok")
    row[1].value = None
    book.save(path)
    return path


@pytest.mark.parametrize("runs", [1, 2])
def test_remote_engine_writes_what_the_cli_writes(tmp_path, runs):
    """Cell by cell, fill by fill, table by table; the second run starts from an evaluated workbook, where the
    totals xlbokslut filled must be recognised as its own."""
    source = _without_last_year(tmp_path)
    for run in range(runs):
        folder = tmp_path / f"run{run}"
        folder.mkdir()
        by_file, by_excel, ev = _both(folder, source)
        source = by_file
    assert cell_snapshot(by_excel) == cell_snapshot(by_file)
    assert _fills(by_excel) == _fills(by_file)
    assert _tables(by_excel) == _tables(by_file)
    assert openpyxl.load_workbook(by_excel)["_xlbokslut"].sheet_state == "hidden"
    assert next(a for a in ev.areas if a.number == "Totalt" and a.unit == "").index == 70


def test_unsaved_edits_count(tmp_path):
    """The payload carries what is on screen: a value the user typed but did not save is evaluated."""
    path = write_workbook(tmp_path / "a.xlsx")
    pay_path = tmp_path / "screen.xlsx"
    book = openpyxl.load_workbook(path)
    book["Verifikationer"]["C5"] = 260  # typed on screen, not saved to a.xlsx
    book.save(pay_path)
    live = remote_book(pay_path, name="a.xlsx")
    ev = excel.evaluate(live)
    assert ev.indicators[0].outcome.text == "82 % (260 av 319)"


def test_user_cells_are_untouched_by_the_remote_engine(tmp_path):
    path = write_workbook(tmp_path / "a.xlsx")
    before = cell_snapshot(path, ["Inställningar", "Målområden", "Budget", "Deltagare"])
    book = remote_book(path)
    excel.evaluate(book)
    apply_actions(path, book.json()["actions"])
    assert cell_snapshot(path, ["Inställningar", "Målområden", "Budget", "Deltagare"]) == before


def test_a_missing_sheet_is_reported_not_crashed(tmp_path):
    from xlbokslut.issues import UnusableWorkbook

    path = write_workbook(tmp_path / "a.xlsx")
    book = openpyxl.load_workbook(path)
    del book["Budget"]
    book.save(path)
    with pytest.raises(UnusableWorkbook, match="saknar bladet ”Budget”"):
        excel.evaluate(remote_book(path))


def test_button_evaluates_exports_and_says_so(tmp_path, monkeypatch):
    """The ribbon button's run on a never-saved workbook: files go to Documents, and the message says so."""
    from xlbokslut import button

    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "Documents").mkdir()
    path = tmp_path / "Bok1.xlsx"
    shutil.copy(EXAMPLE_PATH, path)
    book = remote_book(path, name="Bok1")
    button.run(book)
    alerts = apply_actions(path, book.json()["actions"])
    text, title = alerts[-1][0], alerts[-1][1]
    assert title == "Socialt bokslut" and alerts[-1][3] == "info"
    assert text.startswith("IMPACTindex 70 (mål 70, 0)")
    assert "Uppnått: 50 · Nära målet: 3 · Ej uppnått: 16" in text
    assert "Delbokslut Ungdomstorget: IMPACTindex inget index (bara 23 % av vikten är mätt för Ungdomstorget" in text
    assert f"inte sparad, så filerna för styrelsen har sparats i {tmp_path / 'Documents'}" in text
    assert (tmp_path / "Documents" / "samordningsforbundet_umearegionen_resultat_2021.xlsx").exists()
    assert (tmp_path / "Documents" / "samordningsforbundet_umearegionen_sammanfattning_2021.md").exists()


def test_button_failure_is_a_swedish_message_box(tmp_path):
    from xlbokslut import button

    path = write_workbook(tmp_path / "a.xlsx")
    book = openpyxl.load_workbook(path)
    book["Budget"]["F4"] = "Sort"  # a renamed column
    book.save(path)
    live = remote_book(path)
    button.run(live)
    alerts = apply_actions(path, live.json()["actions"])
    assert alerts[-1][3] == "critical"
    assert alerts[-1][0].startswith("Det gick inte att utvärdera: Tabellen ”Social budget: mål och indikatorer” "
                                    "på bladet ”Budget” saknar kolumnen ”Typ”")


def test_button_reports_a_bug_without_traceback(tmp_path, monkeypatch):
    from xlbokslut import button

    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "Documents").mkdir()
    from xlbokslut.workbook import excel as adapter

    path = write_workbook(tmp_path / "a.xlsx")
    live = remote_book(path)
    monkeypatch.setattr(adapter, "evaluate", lambda book: 1 / 0)
    button.run(live)
    alerts = apply_actions(path, live.json()["actions"])
    assert alerts[-1][0].startswith("Ett oväntat fel inträffade i xlbokslut. Inget har sparats. Detaljerna finns i ")
    assert "Traceback" not in alerts[-1][0] and "ZeroDivisionError" not in alerts[-1][0]
    assert "ZeroDivisionError" in (tmp_path / "Documents" / "xlbokslut_fel.txt").read_text(encoding="utf-8")


def test_lite_script_evaluates_in_place(tmp_path):
    from xlbokslut.lite import utvardera

    path = tmp_path / "ex.xlsx"
    shutil.copy(EXAMPLE_PATH, path)
    book = remote_book(path)
    utvardera(book)
    alerts = apply_actions(path, book.json()["actions"])
    assert alerts[-1][0].startswith("IMPACTindex 70\nUppnått: 50")
    assert openpyxl.load_workbook(path)["Resultat"]["A1"].value.startswith("Resultat")


def test_lite_script_on_a_two_colour_bokslut(tmp_path):
    from xlbokslut.example import example_path
    from xlbokslut.lite import utvardera

    path = tmp_path / "2017.xlsx"
    shutil.copy(example_path("003_umearegionen_2017"), path)
    book = remote_book(path)
    utvardera(book)
    alerts = apply_actions(path, book.json()["actions"])
    assert alerts[-1][0].splitlines()[1] == "Uppnått: 20 · Ej uppnått: 27 · Mätning saknas: 7 · Fel i indata: 1"


@pytest.mark.parametrize("factor", [1, 10])
def test_a_click_is_fewer_than_a_hundred_calls_to_excel(tmp_path, factor):
    """Each call to Excel costs time in the real application: values, colours and fonts go as large ranges, so
    the count stays below 100 whatever the number of indicators (benchmarks/bench.py also measures 100 times)."""
    from helpers import scaled_workbook

    path = scaled_workbook(tmp_path, factor)
    for run in range(2):  # the first click, and the next on an evaluated workbook
        book = remote_book(path)
        excel.evaluate(book)
        actions = book.json()["actions"]
        assert len(actions) < 100, (factor, run, len(actions))
        apply_actions(path, actions)


def test_last_year_from_a_workbook_in_a_folder_and_a_notice_where_there_is_none(tmp_path):
    """Desktop Excel knows the workbook's folder and reads last year's file beside it; the remote engine (xlwings
    Lite) sees only the open workbook, which it says once instead of failing."""
    from xlbokslut.example import example_path

    shutil.copy(EXAMPLE_PATH, tmp_path / "umearegionen_2021.xlsx")
    shutil.copy(example_path("umearegionen_2020"), tmp_path / "umearegionen_2020.xlsx")
    book = remote_book(tmp_path / "umearegionen_2021.xlsx")
    ev = excel.evaluate(book)
    assert ev.last_year is None
    assert [i.message for i in ev.issues if "jolår" in i.message] == [
        "Fjolårets arbetsbok ”umearegionen_2020.xlsx” kan inte läsas här: xlwings Lite når bara den öppna "
        "arbetsboken. Jämför med fjolåret genom att utvärdera med xlbokslut på en dator med Python. Jämförelsen "
        "med fjolåret utelämnas."]

    class Desktop:  # what desktop Excel reports for a saved workbook
        def __init__(self, book, fullname):
            self._book, self.fullname = book, str(fullname)

        def __getattr__(self, name):
            return getattr(self._book, name)

    ev = excel.evaluate(Desktop(remote_book(tmp_path / "umearegionen_2021.xlsx"), tmp_path / "umearegionen_2021.xlsx"))
    assert not [i for i in ev.issues if "jolår" in i.message] and ev.last_year.year == "2020"


def test_the_remote_engine_removes_the_totalt_rows_xlbokslut_added_as_the_cli_does(tmp_path):
    """Issue 16 item 5 live in Excel: a misspelt category put right and an own category deleted — the Totalt rows
    xlbokslut added for them go, and the table ends above them, as on the command line."""
    from pathlib import Path

    source = tmp_path / "typed.xlsx"
    shutil.copy(Path(__file__).parent / "fixtures" / "typed_misspelt.xlsx", source)
    evaluate_file(source)
    book = openpyxl.load_workbook(source)
    ws = book["Deltagare"]
    ws["B9"] = "varav till arbete"
    for col in "ABCD":
        ws[f"{col}17"] = None
    book.save(source)
    by_file, by_excel, ev = _both(tmp_path, source)
    assert cell_snapshot(by_excel) == cell_snapshot(by_file)
    assert _tables(by_excel)[("Deltagare", "tblDeltagare")] == _tables(by_file)[("Deltagare", "tblDeltagare")] == "A4:H41"
    assert sum("som xlbokslut lade till togs bort" in i.message for i in ev.issues) == 2
