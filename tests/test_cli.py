"""The command line: what users see, exit codes, and files left untouched when they cannot be used."""
import os
import subprocess
import sys

import openpyxl
import pytest

from helpers import area_results, contract_problems, digest, write_workbook
from xlbokslut.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_evaluate_prints_index_statuses_and_problems(tmp_path, capsys):
    path = write_workbook(tmp_path / "bokslut.xlsx")
    code, out, err = run(capsys, "utvardera", str(path))
    assert code == 0 and err == ""
    assert "IMPACTindex: 60 (mål 70, −10)" in out
    assert "Indikatorer: 5 Uppnått, 1 Nära målet, 0 Ej uppnått, 0 Mätning saknas, 0 Fel i indata" in out
    assert "Problem i indata: 0" in out


def test_english_alias_and_input_problems_still_exit_0(tmp_path, capsys):
    from helpers import VERIFICATIONS

    verifications = [dict(r) for r in VERIFICATIONS]
    verifications[0]["Täljare"] = "tolv"
    path = write_workbook(tmp_path / "bokslut.xlsx", verifications=verifications)
    code, out, _ = run(capsys, "evaluate", str(path))
    assert code == 0
    assert "1 Fel i indata" in out
    assert "Verifikationer!C5: Täljare: ”tolv” är inte ett tal" in out


def _unusable(tmp_path):
    """(name, how to make it, expected words in the message)"""
    good = write_workbook(tmp_path / "good.xlsx")

    def missing_sheet(p):
        book = openpyxl.load_workbook(good)
        del book["Budget"]
        book.save(p)

    def missing_column(p):
        book = openpyxl.load_workbook(good)
        book["Budget"]["F4"] = "Sort"
        book.save(p)

    def locked(p):
        p.write_bytes(good.read_bytes())
        (p.parent / f"~${p.name}").write_bytes(b"owner")

    def read_only(p):
        p.write_bytes(good.read_bytes())
        p.chmod(0o444)

    return [
        ("empty.xlsx", lambda p: p.write_bytes(b""), "är tom"),
        ("text.xlsx", lambda p: p.write_text("inte en arbetsbok"), "ingen giltig .xlsx-fil"),
        ("old.xls", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504), "gamla Excel-formatet"),
        ("secret.xlsx", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504),
         "lösenordsskyddad"),
        ("data.csv", lambda p: p.write_text("a;b"), "ingen Excel-arbetsbok"),
        ("broken.xlsx", lambda p: p.write_bytes(b"PK\x03\x04" + b"\0" * 100), "kunde inte läsas"),
        ("nosheet.xlsx", missing_sheet, "saknar bladet ”Budget”"),
        ("nocolumn.xlsx", missing_column, "saknar kolumnen ”Typ”"),
        ("open.xlsx", locked, "öppen i ett annat program"),
        ("readonly.xlsx", read_only, "skrivskyddad"),
    ]


@pytest.mark.parametrize("case", range(10))
def test_unusable_file_exit_2_with_one_swedish_sentence_and_untouched(tmp_path, capsys, case):
    name, make, words = _unusable(tmp_path)[case]
    path = tmp_path / name
    make(path)
    before = digest(path)
    code, out, err = run(capsys, "utvardera", str(path))
    assert code == 2
    assert err.startswith("Fel: ") and words in err and "Traceback" not in err
    assert err.count("\n") == 1
    assert digest(path) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".~xlbokslut")]  # no temp file left


def test_missing_file(tmp_path, capsys):
    code, _, err = run(capsys, "utvardera", str(tmp_path / "finnsinte.xlsx"))
    assert code == 2 and "finns inte" in err


def test_new_workbook_from_the_template(tmp_path, capsys):
    path = tmp_path / "bokslut_2025.xlsx"
    code, out, _ = run(capsys, "ny", str(path), "--organisation", "Samordningsförbundet Test", "--ar", "2025")
    assert code == 0 and "Skapade" in out
    ws = openpyxl.load_workbook(path)["Inställningar"]
    assert ws["B5"].value == "Samordningsförbundet Test" and ws["B6"].value == "2025"
    assert contract_problems(path) == []
    before = digest(path)
    code, _, err = run(capsys, "new", str(path))
    assert code == 2 and "finns redan" in err and digest(path) == before


def test_an_empty_new_workbook_evaluates(tmp_path, capsys):
    path = tmp_path / "tom.xlsx"
    run(capsys, "ny", str(path))
    code, out, _ = run(capsys, "utvardera", str(path))
    assert code == 0 and "IMPACTindex: kan inte räknas ut" in out
    assert contract_problems(path) == []


def test_demo_writes_and_evaluates_the_example(tmp_path, capsys):
    code, out, _ = run(capsys, "exempel", "--utdata", str(tmp_path / "ut"))
    assert code == 0
    assert "IMPACTindex: 70 (mål 70, 0)" in out
    assert "1 Samhälls- och medlemsnytta" in out and "56 (−14)" in out
    assert area_results(tmp_path / "ut" / "umearegionen_2021.xlsx")["Totalt"]["IMPACTindex"] == 70


def test_help_and_usage_errors_are_swedish(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "Användning: xlbokslut" in out and "kommandon" in out and "utvardera" in out
    with pytest.raises(SystemExit) as exit_:
        main(["utvardera"])
    assert exit_.value.code == 2
    assert "det här saknas: FIL" in capsys.readouterr().err


def test_console_script_runs_without_traceback(tmp_path):
    """The installed command, in a fresh process, as a user runs it."""
    env = dict(os.environ, PYTHONIOENCODING="cp1252")  # a Windows console cannot print every character
    result = subprocess.run([sys.executable, "-m", "xlbokslut", "utvardera", str(tmp_path / "x.xlsx")],
                            capture_output=True, text=True, encoding="cp1252", env=env)
    assert result.returncode == 2
    assert result.stderr.startswith("Fel: Filen") and "Traceback" not in result.stderr


def test_check_a_conforming_workbook(tmp_path, capsys):
    path = write_workbook(tmp_path / "a.xlsx")
    code, out, _ = run(capsys, "kontrollera", str(path))
    assert code == 0 and out.endswith("Arbetsboken följer mallen.\n")
    before = digest(path)
    assert run(capsys, "check", str(path), "--utvarderad")[0] == 1  # not evaluated yet: the result tables are empty
    assert digest(path) == before


def test_check_names_what_is_missing_and_how_to_fix_it(tmp_path, capsys):
    path = write_workbook(tmp_path / "a.xlsx")
    book = openpyxl.load_workbook(path)
    book["Budget"]["F4"] = "Sort"
    book["Budget"].data_validations.dataValidation = []
    del book["Målområden"].tables["tblMålområden"]
    del book["Bakgrund"]
    rows = book["Inställningar"]
    rows["A7"] = "IMPACT-mål"
    book.save(path)
    code, out, _ = run(capsys, "kontrollera", str(path))
    assert code == 1
    assert "Fel: Budget!4:4: Tabellen ”Social budget: mål och indikatorer” saknar kolumnen ”Typ”. Lägg till den i rubrikraden (rad 4)" in out
    assert "Varning: Målområden!4:4: Tabellen ”Målområden och målvikter” är ingen Excel-tabell längre" in out
    assert "Varning: Inställningar: Inställningen ”IMPACTindex mål” saknas" in out
    assert "Notis: Bakgrund: Bladet ”Bakgrund” med tabellen ”Deltagarnas bakgrund” saknas" in out
    assert out.endswith("Arbetsboken går inte att utvärdera: rätta felet ovan.\n")


def test_version_says_which_xlbokslut_runs(capsys):
    from importlib.metadata import version

    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out == f"xlbokslut {version('xlbokslut')}\n"


def test_checking_an_unevaluated_workbook_says_to_evaluate_it_not_that_it_cannot_be(tmp_path, capsys):
    path = write_workbook(tmp_path / "ny.xlsx")  # indicators typed, not yet evaluated
    code, out, _ = run(capsys, "kontrollera", "--utvarderad", str(path))
    assert code == 1
    assert "går inte att utvärdera" not in out
    assert out.endswith(f"Arbetsboken följer mallen men är inte utvärderad: kör xlbokslut utvardera {path}\n")
    run(capsys, "utvardera", str(path))
    code, out, _ = run(capsys, "kontrollera", "--utvarderad", str(path))
    assert (code, out.splitlines()[-1]) == (0, "Arbetsboken följer mallen.")


def test_a_workbook_without_indicators_is_evaluated_with_an_empty_indicator_table(tmp_path, capsys):
    path = tmp_path / "tom.xlsx"
    run(capsys, "ny", str(path))
    run(capsys, "utvardera", str(path))
    code, out, _ = run(capsys, "kontrollera", "--utvarderad", str(path))
    assert (code, out.splitlines()[-1]) == (0, "Arbetsboken följer mallen.")
