"""Last year beside this year: the 2021 example with its 2020 companion, matched indicator by indicator, in
Resultat, on the command line, in the board's export and in the button's message — and a workbook without a
last-year file evaluates exactly as before."""
import shutil

import openpyxl
import pytest

from helpers import area_results, cell_snapshot, indicator_results, table_rows, write_workbook, SETTINGS
from xlbokslut.button import message
from xlbokslut.cli import main
from xlbokslut.example import EXAMPLE_PATH, example_path, load_example
from xlbokslut.jobs import export_file
from xlbokslut.workbook.files import evaluate_file

LAST = "umearegionen_2020"


@pytest.fixture()
def pair(tmp_path):
    """The 2021 example and its 2020 companion, side by side as a user keeps them."""
    shutil.copy(EXAMPLE_PATH, tmp_path / "umearegionen_2021.xlsx")
    shutil.copy(example_path(LAST), tmp_path / f"{LAST}.xlsx")
    return tmp_path / "umearegionen_2021.xlsx"


def test_resultat_shows_last_years_index_and_statuses(pair):
    ev = evaluate_file(pair)
    areas = area_results(pair)
    assert (areas["Totalt"]["IMPACTindex"], areas["Totalt"]["Fjolår IMPACTindex"], areas["Totalt"]["Förändring"]) \
        == (70, 65, 5)
    assert [(areas[n]["Fjolår IMPACTindex"], areas[n]["Förändring"]) for n in "12345"] == \
        [(52, 4), (80, 0), (81, 4), (61, 11), (57, 19)]
    rows = indicator_results(pair)
    assert (rows["3.2.1"]["Fjolår utfall"], rows["3.2.1"]["Fjolår status"], rows["3.2.1"]["Status"]) == \
        ("76 % (68 av 90)", "Uppnått", "Nära målet")
    assert (rows["1.2.5"]["Fjolår utfall"], rows["1.2.5"]["Fjolår status"]) == (None, "nytt")
    assert (rows["4.5.1"]["Fjolår utfall"], rows["4.5.1"]["Fjolår status"]) == ("0", "ändrad")
    units = indicator_results(pair, "Vännäs")
    assert units["1.1.1"]["Fjolår status"] in ("Uppnått", "Nära målet", "Ej uppnått")
    assert _about_last_year(ev) == []


def _about_last_year(ev) -> list:
    return [(i.level, i.message) for i in ev.issues if "jolår" in i.message]


def test_the_last_year_file_is_only_read(pair):
    before = (pair.parent / f"{LAST}.xlsx").read_bytes()
    evaluate_file(pair)
    assert (pair.parent / f"{LAST}.xlsx").read_bytes() == before


def test_last_year_is_evaluated_with_its_own_settings(pair):
    """A two-colour year before a three-colour year: last year's statuses are last year's own."""
    last = pair.parent / f"{LAST}.xlsx"
    book = openpyxl.load_workbook(last)
    ws = book["Inställningar"]
    next(r for r in ws.iter_rows() if r[0].value == "Använd Nära målet")[1].value = "Nej"
    book.save(last)
    evaluate_file(pair)
    statuses = {r["Fjolår status"] for r in table_rows(pair, "tblResultatIndikatorer")}
    assert "Nära målet" not in statuses and "Uppnått" in statuses


def test_without_a_last_year_file_nothing_changes_but_a_notice(pair, tmp_path):
    """A missing file is a notice; every result is what it would be with the setting blank."""
    (pair.parent / f"{LAST}.xlsx").unlink()
    missing, blank = tmp_path / "missing.xlsx", tmp_path / "blank.xlsx"
    shutil.copy(pair, missing)
    book = openpyxl.load_workbook(pair)
    next(r for r in book["Inställningar"].iter_rows() if r[0].value == "Fjolårets arbetsbok")[1].value = None
    book.save(blank)
    ev_missing, ev_blank = evaluate_file(missing), evaluate_file(blank)
    assert _about_last_year(ev_missing) == [
        ("Notis", f"Fjolårets arbetsbok kunde inte läsas: Filen {tmp_path / 'umearegionen_2020.xlsx'} finns inte. "
                  "Jämförelsen med fjolåret utelämnas.")]
    assert _about_last_year(ev_blank) == [] and ev_blank.last_year is None
    assert cell_snapshot(missing, ["Resultat"]) == cell_snapshot(blank, ["Resultat"])
    assert all(r["Fjolår status"] is None for r in table_rows(blank, "tblResultatIndikatorer"))


@pytest.mark.parametrize("content, reason", [(b"not a workbook", "är ingen giltig .xlsx-fil"),
                                             (b"", "är tom (0 byte)")])
def test_an_unusable_last_year_file_is_a_notice(pair, content, reason):
    (pair.parent / f"{LAST}.xlsx").write_bytes(content)
    ev = evaluate_file(pair)
    (level, text), = _about_last_year(ev)
    assert ev.last_year is None and reason in text and level == "Notis"


def test_a_workbook_that_names_itself_is_not_compared_with_itself(tmp_path):
    path = write_workbook(tmp_path / "a.xlsx", settings={**SETTINGS, "Fjolårets arbetsbok": "a.xlsx"})
    ev = evaluate_file(path)
    assert ev.last_year is None and any("är årets egen arbetsbok" in i.message for i in ev.issues)


def test_the_command_line_names_last_year_and_says_the_change(pair, tmp_path, capsys):
    elsewhere = tmp_path / "arkiv"
    elsewhere.mkdir()
    (pair.parent / f"{LAST}.xlsx").rename(elsewhere / "bokslut_2020.xlsx")
    assert main(["utvardera", str(pair), "--fjol", str(elsewhere / "bokslut_2020.xlsx")]) == 0
    assert "Jämfört med 2020: IMPACTindex 70 mot 65 (▲ +5)." in capsys.readouterr().out


@pytest.mark.parametrize("command", ["utvardera", "exportera"])
def test_a_last_year_file_named_on_the_command_line_that_cannot_be_used_stops_the_run(pair, tmp_path, capsys,
                                                                                    command):
    before = pair.read_bytes()
    (tmp_path / "trasig.xlsx").write_bytes(b"not a workbook")
    for name, reason in (("nope.xlsx", "finns inte"), ("trasig.xlsx", "är ingen giltig .xlsx-fil")):
        assert main([command, str(pair), "--fjol", str(tmp_path / name), "--utdata", str(tmp_path / "ut")]
                    [:None if command == "exportera" else 4]) == 2
        err = capsys.readouterr().err.strip()
        assert err.startswith(f"Fel: --fjol {tmp_path / name} går inte att använda: ") and reason in err
        assert err.count("\n") == 0 and "Traceback" not in err
    assert pair.read_bytes() == before and not (tmp_path / "ut").exists()


def test_the_setting_naming_a_missing_file_is_a_notice_at_its_cell(pair):
    (pair.parent / f"{LAST}.xlsx").unlink()
    ev = evaluate_file(pair)
    notice, = [i for i in ev.issues if "Fjolårets arbetsbok" in i.message]
    ws = openpyxl.load_workbook(pair)["Inställningar"]
    row = next(r for r in range(1, 40) if ws.cell(r, 1).value == "Fjolårets arbetsbok")
    assert (notice.level, notice.place) == ("Notis", f"Inställningar!B{row}")


def test_the_example_command_writes_2021_with_its_2020(tmp_path, capsys):
    assert main(["exempel", "--utdata", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Jämfört med 2020: IMPACTindex 70 mot 65 (▲ +5)." in out
    assert (tmp_path / "umearegionen_2020.xlsx").exists() and (tmp_path / "umearegionen_2021.xlsx").exists()


def test_the_board_sees_last_year_on_every_page(pair, tmp_path):
    ev, paths = export_file(pair, tmp_path / "ut")
    book = openpyxl.load_workbook(paths[0])
    first = [[c for c in row] for row in book["Sammanfattning"].iter_rows(values_only=True)]
    big = next(i for i, row in enumerate(first) if row[0] == "IMPACTindex")
    assert (first[big][7], first[big + 1][7], first[big][9], first[big + 1][9]) == ("Fjolår 2020", 65, "Förändring", 5)
    assert book["Sammanfattning"].cell(big + 2, 10).number_format == '"▲ "+0;"▼ −"0;"▶ "0'
    header = next(row for row in first if row[0] == "Nr")
    assert list(header[12:14]) == ["Fjolår 2020", "Förändring"]
    area = [row for row in book["4 Samordning"].iter_rows(values_only=True)]
    assert area[3][5] == "FJOLÅR 2020"
    row = next(r for r in area if r[1] and r[1].startswith("4.1.4"))
    assert row[3] == "70 % (14 av 20) *\nTill målet: 2 fler positiva svar" and row[5] == "81 % (17 av 21)\n● Uppnått"
    assert area[-1][0].startswith("* Färre än 30 svar")
    summary = paths[1].read_text(encoding="utf-8")
    assert "## Jämfört med fjolåret" in summary and "Nya eller ändrade indikatorer jämförs inte: 1.2.5, 4.5.1." in summary
    assert "## Närmast målet" in summary


def test_the_chart_shows_this_year_beside_last_year(pair, tmp_path):
    import zipfile

    _, paths = export_file(pair, tmp_path / "ut")
    with zipfile.ZipFile(paths[0]) as z:
        chart = z.read(next(n for n in z.namelist() if n.startswith("xl/charts/"))).decode()
    assert chart.count("<c:ser>") == 3 and "$M$" in chart  # this year, last year (column M), the target line


def test_the_buttons_message_says_the_change(pair):
    ev = evaluate_file(pair)
    assert "Jämfört med 2020: IMPACTindex 70 mot 65 (▲ +5)." in message(ev, [], "").splitlines()


def test_the_2020_companion_rebuilds_the_2021_reports_previous_year_column(tmp_path):
    """Participants and new ones as printed; the percentages of rows 4–11 within a point of the report's."""
    path = tmp_path / "2020.xlsx"
    shutil.copy(example_path(LAST), path)
    evaluate_file(path)
    rows = {(r["Enhet"], r["Kategori"]): r for r in table_rows(path, "tblDeltagare")}
    for line in load_example().participants:
        unit, category, previous = line["Enhet"], line["Kategori"], line["Föregående år"]
        if unit == "Totalt" or previous is None:
            continue
        got = rows[(unit, category)]
        if category in ("Antal deltagare hela året", "varav nya för året"):
            assert got["Totalt"] == previous, (unit, category)
        elif got["Andel (%)"] is not None:
            assert abs(got["Andel (%)"] - previous) <= 2, (unit, category, got["Andel (%)"], previous)
        assert got["Kontroll"] is None, (unit, category, got["Kontroll"])
