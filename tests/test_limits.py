"""Input at and past every limit: a number of 400 digits, NaN in a survey, a name too long for a file, survey
exports that are not text, not files or too large, output that cannot be written. Each ends in one Swedish
sentence (exit 2, nothing changed) or a problem naming its cell — never exit 1, never a hang."""
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from helpers import BUDGET, VERIFICATIONS, area_row, budget_row, digest, question_row, write_workbook
from xlbokslut.cli import main
from xlbokslut.workbook.template import build_workbook


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_number_of_400_digits_is_a_problem_at_its_cell(tmp_path, capsys):
    verifications = [dict(r) for r in VERIFICATIONS]
    verifications[0]["Täljare"] = 10**400
    budget = [dict(r) for r in BUDGET]
    budget[1]["Målvärde"] = 10**400
    path = write_workbook(tmp_path / "a.xlsx", budget, verifications)
    code, out, err = run(capsys, "utvardera", path)
    assert code == 0, err
    assert "Verifikationer!C5: Täljare: ”1000000000000000000000000000000000000000” är inte ett rimligt tal" in out
    assert "Budget!G6: Målvärde: ”1000000000000000000000000000000000000000” är inte ett rimligt tal" in out
    assert run(capsys, "exportera", path)[0] == 0


def _survey_workbook(path: Path, answer: str) -> Path:
    """A survey sheet whose first answer cell holds ``answer`` as Excel's stored number (<v>NaN</v>, 1e400)."""
    budget = [budget_row(1, "1.1", "Nöjda", "1.1.1", "Medel minst 3", "Medelvärde minst", 3, None, 8)]
    build_workbook({"Organisation": "T", "Verksamhetsår": "2025"}, [area_row(1, "A", 100)], budget, [],
                   questions=[question_row("1.1.1", "Svar", "Fråga", "4-5")],
                   answers=[("Svar", [["Fråga"], [12345], [5], [4]])]).save(path)
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    cell = b'<c r="A2" t="inlineStr"><is><t>12345</t></is></c>'
    changed = [n for n, d in parts.items() if cell in d]
    assert len(changed) == 1
    parts[changed[0]] = parts[changed[0]].replace(cell, f'<c r="A2"><v>{answer}</v></c>'.encode())
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


@pytest.mark.parametrize("answer", ["NaN", "INF", "-inf", "1e400", "9" * 400])
def test_a_survey_answer_that_is_no_number_a_survey_gives_is_not_counted_as_one(tmp_path, capsys, answer):
    path = _survey_workbook(tmp_path / "a.xlsx", answer)
    code, out, err = run(capsys, "utvardera", path)
    assert code == 0, err
    from xlbokslut.workbook.files import evaluate_file

    result = next(r for r in evaluate_file(path).indicators if r.indicator.number == "1.1.1" and not r.unit)
    assert result.outcome.text.startswith("4,5"), result.outcome  # the mean of the two real answers


@pytest.mark.parametrize("typed", ["/", ".", ".."])
def test_last_years_workbook_that_is_a_folder(tmp_path, capsys, typed):
    path = write_workbook(tmp_path / "a.xlsx", settings={"Organisation": "T", "Verksamhetsår": "2025",
                                                          "Fjolårets arbetsbok": typed})
    code, out, err = run(capsys, "utvardera", path)
    assert code == 0 and "Fjolårets arbetsbok kunde inte läsas" in out + str(
        __import__("helpers").table_rows(path, "tblIndataproblem")), err


def test_an_organisation_of_300_characters_gives_short_file_names(tmp_path, capsys):
    path = write_workbook(tmp_path / "a.xlsx", settings={"Organisation": "Samordningsförbundet & " * 13,
                                                          "Verksamhetsår": "2025"})
    code, out, err = run(capsys, "exportera", path, "--utdata", tmp_path / "ut")
    assert code == 0, err
    names = [p.name for p in (tmp_path / "ut").iterdir()]
    assert names and all(len(n) < 100 for n in names)
    assert "samordningsforbundet_samordningsforbundet_resultat_2025.xlsx" in names


def test_a_folder_path_too_long_is_a_sentence(tmp_path, capsys):
    path = write_workbook(tmp_path / "a.xlsx")
    code, out, err = run(capsys, "exportera", path, "--utdata", tmp_path / ("u" * 260))
    assert code == 2 and err.startswith("Fel: ") and "för långt" in err and "\n" == err[-1] and err.count("\n") == 1


CSV_CASES = {
    "utf8_after_bom": (b"\xef\xbb\xbfFr\xc3\xa5ga;K\xc3\xb6n\n\xff\xfe;Man\n", "märkt som UTF-8 men är inte giltig"),
    "odd_utf16": (b"\xff\xfeF\x00r\x00\n", "märkt som UTF-16"),
    "huge_field": (('Fråga;Kön\n"' + "a" * 140_000 + '";Man\n').encode(), "längre än 131 072 tecken"),
    "too_wide": ((";".join(f"F{i}" for i in range(20_000)) + "\n" + ";".join("Ja" for _ in range(20_000))
                  + "\n").encode(), "har 20 000 kolumner; ett Excel-blad rymmer högst 16 384 (till kolumn XFD)"),
}


@pytest.mark.parametrize("case", CSV_CASES)
def test_a_survey_export_that_cannot_be_read(tmp_path, capsys, case):
    data, expected = CSV_CASES[case]
    path = write_workbook(tmp_path / "a.xlsx")
    before = digest(path)
    export = tmp_path / "svar.csv"
    export.write_bytes(data)
    code, out, err = run(capsys, "enkat", "importera", export, "--arbetsbok", path)
    assert code == 2 and expected in err and err.count("\n") == 1, err
    assert digest(path) == before


def test_a_survey_export_over_50_mb_is_refused_at_once(tmp_path, capsys):
    path = write_workbook(tmp_path / "a.xlsx")
    export = tmp_path / "svar.csv"
    with export.open("wb") as f:
        f.truncate(108 * 2**20)  # sparse: 108 MB without writing them
    code, out, err = run(capsys, "enkat", "importera", export, "--arbetsbok", path)
    assert code == 2 and "svar.csv är 108 MB; en enkätexport får vara högst 50 MB" in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and /dev/zero are POSIX")
def test_a_pipe_or_a_device_as_survey_export_does_not_hang(tmp_path):
    path = write_workbook(tmp_path / "a.xlsx")
    os.mkfifo(tmp_path / "fifo.csv")
    (tmp_path / "zero.csv").symlink_to("/dev/zero")
    for name in ("fifo.csv", "zero.csv"):
        proc = subprocess.run([sys.executable, "-m", "xlbokslut", "enkat", "importera", str(tmp_path / name),
                               "--arbetsbok", str(path)], capture_output=True, text=True, timeout=60)
        assert proc.returncode == 2 and f"{name} är ingen vanlig fil" in proc.stderr


@pytest.mark.parametrize("stem", [b"bad\xffname", b"ctl\x01name"])
@pytest.mark.skipif(sys.platform == "win32", reason="file names as bytes are POSIX")
def test_a_survey_file_name_with_invalid_utf8_or_control_characters(tmp_path, stem):
    path = write_workbook(tmp_path / "a.xlsx")
    export = os.fsdecode(bytes(tmp_path) + b"/" + stem + b".csv")
    Path(export).write_text("Fråga;Kön\nJa;Man\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "xlbokslut", "enkat", "importera", export, "--arbetsbok",
                           str(path)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    import openpyxl

    assert len(openpyxl.load_workbook(path).sheetnames[-1]) <= 31


@pytest.mark.parametrize("name", ["'apostrof'", "History", "history", "\U0001F600" * 16, "a:b", "x" * 32])
def test_sheet_names_excel_refuses(tmp_path, capsys, name):
    path = write_workbook(tmp_path / "a.xlsx")
    before = digest(path)
    export = tmp_path / "svar.csv"
    export.write_text("Fråga;Kön\nJa;Man\n", encoding="utf-8")
    code, out, err = run(capsys, "enkat", "importera", export, "--arbetsbok", path, "--blad", name)
    assert code == 2 and err.startswith(f"Fel: Bladnamnet ”{name}” går inte i a.xlsx: ") and digest(path) == before


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="/dev/full is Linux")
def test_output_to_a_full_device(tmp_path):
    path = write_workbook(tmp_path / "a.xlsx")
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "xlbokslut", "utvardera", str(path)], stdout=full,
                              stderr=subprocess.PIPE, text=True, timeout=60)
    assert proc.returncode == 2 and proc.stderr == "Fel: utskriften kunde inte skrivas (disken är full). " \
        f"Hann sparas: {path}.\n"


def test_ctrl_c_while_starting_prints_one_sentence(tmp_path):
    """SIGINT from the first moment the package is imported until the command runs: no traceback."""
    code = ("import os, signal, sys\nsys.modules['__main__'].__file__ = 'xlbokslut'\nimport xlbokslut\n"
            "os.kill(os.getpid(), signal.SIGINT)\nimport time\ntime.sleep(5)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and proc.stderr == "Avbrutet. Inga filer har ändrats.\n"
