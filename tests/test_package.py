"""The package a user's workbook is: two writers at once, a file changed while it is evaluated, hostile and
crafted packages, ownership. Every refusal is one Swedish sentence with exit 2 and the file as it was."""
from __future__ import annotations

import io
import multiprocessing
import os
import re
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from helpers import digest, indicator_results, write_workbook
from package_checks import package_problems
from xlbokslut.cli import main
from xlbokslut.workbook import xlsx

EXCEPTION_NAME = re.compile(r"\b[A-Z][a-z]+(Error|Exception)\b|BadZipFile|KeyError|Traceback")
FIXTURES = Path(__file__).parent / "fixtures"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def parts_of(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def rewrite(path: Path, change) -> None:
    """Rewrite the package with ``change(parts)`` applied to its parts (a dict by name, in order)."""
    parts = parts_of(path)
    change(parts)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def assert_refused(capsys, path: Path, words: str, *argv) -> str:
    before = digest(path)
    code, _, err = run(capsys, *(argv or ("utvardera",)), path)
    assert code == 2 and words in err and not EXCEPTION_NAME.search(err), (code, err)
    assert digest(path) == before
    return err


# --- two writers, a file changed meanwhile ---------------------------------------------------------------------

def _writer(argv: list[str], start, results) -> None:
    err = io.StringIO()
    sys.stdout, sys.stderr = io.StringIO(), err
    start.wait()
    code = main(argv)
    results.put((argv[0], argv[-1], code, err.getvalue()))


def test_two_writers_on_one_file_leave_it_whole_and_each_written_or_refused(tmp_path):
    """20 times two processes write one workbook at once (two evaluations, or an evaluation and a survey import):
    the workbook is whole every time, and each writer either wrote (exit 0, its sheet there) or was refused with
    exit 2 saying the file is busy or changed."""
    context = multiprocessing.get_context("fork")
    export = tmp_path / "svar.csv"
    export.write_text("Tidstämpel;Fråga 1\n2025-01-01;Ja\n2025-01-02;Nej\n", encoding="utf-8")
    path = write_workbook(tmp_path / "a.xlsx")
    refusals, evaluated = set(), False
    for n in range(20):
        second = ["utvardera", str(path)] if n % 2 else ["enkat", "importera", str(export), "--arbetsbok", str(path),
                                                       "--blad", f"Enkät {n}"]
        start, results = context.Event(), context.Queue()
        writers = [context.Process(target=_writer, args=(argv, start, results))
                   for argv in (["utvardera", str(path)], second)]
        for w in writers:
            w.start()
        start.set()
        outcomes = [results.get(timeout=120) for _ in writers]
        for w in writers:
            w.join(timeout=120)
        for command, _, code, err in outcomes:
            assert code in (0, 2), (command, code, err)
            if code == 2:
                assert "används just nu av en annan körning" in err or "ändrades medan" in err, err
                refusals.add(err.split(":")[1].strip()[:30])
        with zipfile.ZipFile(path) as z:
            assert z.testzip() is None
        assert package_problems(path) == []
        sheets = openpyxl.load_workbook(path).sheetnames
        imported = [o for o in outcomes if o[0] == "enkat"]
        for _, _, code, _ in imported:
            assert (f"Enkät {n}" in sheets) == (code == 0), (n, outcomes)
        evaluated = evaluated or any(o[0] == "utvardera" and o[2] == 0 for o in outcomes)
        if evaluated:
            assert indicator_results(path)["1.1.1"]["Status"] == "Nära målet"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    assert refusals, "the two writers never met: the test did not test concurrency"


def test_a_second_writer_is_told_the_file_is_busy(tmp_path, capsys):
    from xlbokslut.safefile import WriteLock

    path = write_workbook(tmp_path / "a.xlsx")
    lock = WriteLock(path)
    try:
        err = assert_refused(capsys, path, "används just nu av en annan körning av xlbokslut")
        export = tmp_path / "svar.csv"
        export.write_text("Fråga\nJa\n", encoding="utf-8")
        assert_refused(capsys, path, "används just nu", "enkat", "importera", export, "--arbetsbok")
    finally:
        lock.release()
    assert err.count(".") <= 2  # one sentence (the file name has the other full stop)
    code, _, _ = run(capsys, "utvardera", path)
    assert code == 0 and sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx", "svar.csv"]


def _while_evaluating(monkeypatch, action) -> None:
    """Run ``action`` at the last moment before xlbokslut saves (after everything was read)."""
    real = xlsx.Spreadsheet.finish

    def finish(self):
        action()
        real(self)

    monkeypatch.setattr(xlsx.Spreadsheet, "finish", finish)


def test_a_file_replaced_while_evaluating_keeps_the_newer_save(tmp_path, capsys, monkeypatch):
    path = write_workbook(tmp_path / "a.xlsx")
    colleague = write_workbook(tmp_path / "kollega.xlsx", settings={"Organisation": "Kollegans", "Verksamhetsår": 2025})
    newer = colleague.read_bytes()
    _while_evaluating(monkeypatch, lambda: os.replace(colleague, path))
    code, _, err = run(capsys, "utvardera", path)
    assert code == 2 and "ändrades medan xlbokslut arbetade med den" in err and "inget har skrivits" in err
    assert path.read_bytes() == newer and [p.name for p in tmp_path.iterdir()] == ["a.xlsx"]


@pytest.mark.parametrize("change", ["truncated", "rewritten in place"])
def test_a_file_changed_in_place_while_evaluating_is_not_overwritten(tmp_path, capsys, monkeypatch, change):
    path = write_workbook(tmp_path / "a.xlsx")
    size = path.stat().st_size

    def act():
        with open(path, "r+b") as f:
            if change == "truncated":
                f.truncate(size // 2)
            else:
                f.write(b"PK")  # the same size, written again (a sync tool's in-place update)
                os.utime(path, ns=(0, path.stat().st_mtime_ns + 1_000_000))

    _while_evaluating(monkeypatch, act)
    code, _, err = run(capsys, "utvardera", path)
    after = path.read_bytes()
    assert code == 2 and "ändrades medan" in err
    assert len(after) == (size // 2 if change == "truncated" else size)
    assert [p.name for p in tmp_path.iterdir()] == ["a.xlsx"]


# --- crafted structures ------------------------------------------------------------------------------------------

@pytest.fixture
def evaluated(tmp_path, capsys):
    path = write_workbook(tmp_path / "a.xlsx")
    assert run(capsys, "utvardera", path)[0] == 0
    return path


def _sheet_rids(book: bytes) -> dict[str, str]:
    return dict(re.findall(rb'<sheet name="([^"]+)"[^>]*r:id="([^"]+)"', book))


def test_a_sheet_pointing_at_the_workbook_part_is_refused(evaluated, capsys):
    rid = _sheet_rids(parts_of(evaluated)["xl/workbook.xml"])[b"Resultat"]

    def point_at_workbook(parts):
        rels = parts["xl/_rels/workbook.xml.rels"]
        parts["xl/_rels/workbook.xml.rels"] = re.sub(rb'(<Relationship Id="' + rid + rb'"[^>]*Target=")[^"]+"',
                                                      rb'\1workbook.xml"', rels)

    rewrite(evaluated, point_at_workbook)
    for argv in (["utvardera"], ["exportera"]):
        assert_refused(capsys, evaluated, "struktur som inte är entydig", *argv)


def test_two_sheets_of_one_name_are_refused(evaluated, capsys):
    def rename(parts):
        parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(b'<sheet name="Instruktioner"',
                                                                    b'<sheet name="resultat"')

    rewrite(evaluated, rename)
    assert_refused(capsys, evaluated, "två blad som heter ”Resultat”")


@pytest.mark.parametrize("owned", ["Resultat", "Indataproblem"])
def test_a_contract_table_on_a_sheet_xlbokslut_writes_is_refused(tmp_path, capsys, owned):
    """Swapped relationship ids: the sheet named Resultat (or Indataproblem) is the part holding tblBudget."""
    verifications = [["1.1.1", None, 247, 319, None, None, None, None, None, None, None, "Statistik", None],
                     ["9.9.9", None, 1, 2, *[None] * 9]]  # an unknown indicator: Indataproblem gets a row
    path = write_workbook(tmp_path / "a.xlsx", verifications=verifications)
    assert run(capsys, "utvardera", path)[0] == 0

    def swap(parts):
        book = parts["xl/workbook.xml"]
        rids = _sheet_rids(book)
        a, b = rids[b"Budget"], rids[owned.encode()]
        book = book.replace(b'r:id="' + a + b'"', b'r:id="@@"').replace(b'r:id="' + b + b'"', b'r:id="' + a + b'"')
        parts["xl/workbook.xml"] = book.replace(b'r:id="@@"', b'r:id="' + b + b'"')

    rewrite(path, swap)
    code, _, err = run(capsys, "utvardera", path)
    assert code == 2 and not EXCEPTION_NAME.search(err)
    assert "tblBudget" in err or "Budget" in err
    assert table_cells(path, "tblBudget")


def table_cells(path: Path, name: str) -> list:
    book = openpyxl.load_workbook(path)
    for ws in book.worksheets:
        if name in ws.tables:
            return [c.value for row in ws[ws.tables[name].ref] for c in row]
    return []


# --- hostile packages --------------------------------------------------------------------------------------------

def _patch_entry(path: Path, part: str, method: int | None = None, flags: int = 0) -> None:
    """Set an entry's compression method and add flag bits, in its local header and the central directory."""
    data = bytearray(path.read_bytes())
    name = part.encode()
    for signature, flag_at, method_at, name_at in ((b"PK\x03\x04", 6, 8, 30), (b"PK\x01\x02", 8, 10, 46)):
        at = data.find(signature)
        while at >= 0:
            length = struct.unpack_from("<H", data, at + name_at - (4 if signature == b"PK\x03\x04" else 18))[0]
            if data[at + name_at:at + name_at + length] == name:
                old = struct.unpack_from("<H", data, at + flag_at)[0]
                struct.pack_into("<H", data, at + flag_at, old | flags)
                if method is not None:
                    struct.pack_into("<H", data, at + method_at, method)
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("method, flags, words", [
    (None, 0x1, "har krypterade delar"),  # ZipCrypto
    (99, 0x1, "har krypterade delar"),  # AES (WinZip)
    (9, 0, "packad på ett sätt som Excel inte använder"),  # Deflate64
    (12, 0, "packad på ett sätt som Excel inte använder"),  # bzip2
])
def test_encrypted_or_unusually_compressed_parts_are_a_sentence(tmp_path, capsys, method, flags, words):
    path = write_workbook(tmp_path / "a.xlsx")
    _patch_entry(path, "xl/styles.xml", method, flags)
    for argv in (["utvardera"], ["exportera"], ["kontrollera"]):
        assert_refused(capsys, path, words, *argv)


def _add_to_sheet(path: Path, sheet: str, xml: bytes, replace: tuple[bytes, bytes] | None = None) -> None:
    part = _sheet_part(path, sheet)

    def change(parts):
        data = parts[part]
        if replace:
            data = data.replace(*replace, 1)
        parts[part] = data.replace(b"</sheetData>", xml + b"</sheetData>")

    rewrite(path, change)


def _sheet_part(path: Path, sheet: str) -> str:
    parts = parts_of(path)
    rid = _sheet_rids(parts["xl/workbook.xml"])[sheet.encode()].decode()
    target = re.search(rf'Id="{rid}"[^>]*Target="([^"]+)"'.encode(), parts["xl/_rels/workbook.xml.rels"]).group(1)
    return "xl/" + target.decode()


@pytest.mark.parametrize("xml, replace, words", [
    (b"", (b'<row r="1"', b'<row r="0"'), "rad med numret 0"),
    (b'<row r="1048577"><c r="A1048577"><v>1</v></c></row>', None, "rad med numret 1048577"),
    (b'<row r="999999999"><c r="A999999999"><v>1</v></c></row>', None, "rad med numret 999999999"),
    (b'<row r="60"><c r="XFE60"><v>1</v></c></row>', None, "cell XFE60 utanför Excels kolumner"),
    (b'<row r="61"><c r="ZZZZZZ61"><v>1</v></c></row>', None, "cell ZZZZZZ61 utanför Excels kolumner"),
    (b'<row r="abc"><c><v>1</v></c></row>', None, "rad med numret abc"),
])
@pytest.mark.parametrize("sheet", ["Budget", "Enkät"])
def test_rows_and_columns_outside_excel_are_a_sentence(tmp_path, capsys, xml, replace, words, sheet):
    path = write_workbook(tmp_path / "a.xlsx")
    if sheet == "Enkät":  # an answer sheet, read by pattern
        export = tmp_path / "svar.csv"
        export.write_text("Fråga\nJa\n", encoding="utf-8")
        assert run(capsys, "enkat", "importera", export, "--arbetsbok", path, "--blad", "Enkät")[0] == 0
        if replace:
            replace = (b'<row r="1">', b'<row r="0">')
    _add_to_sheet(path, sheet, xml, replace)
    argv = ["utvardera", path] if sheet == "Budget" else ["enkat", "fragor", path, "--blad", "Enkät"]
    code, _, err = run(capsys, *argv)
    assert code == 2 and words in err and f"”{sheet}”" in err and not EXCEPTION_NAME.search(err), err


def test_a_fifo_is_never_opened_as_a_workbook(tmp_path):
    """A named pipe as the workbook or as last year's: a sentence at once, never a hang."""
    fifo = tmp_path / "rör.xlsx"
    os.mkfifo(fifo)
    path = write_workbook(tmp_path / "a.xlsx")
    for argv in (["utvardera", str(fifo)], ["exportera", str(fifo)], ["utvardera", str(path), "--fjol", str(fifo)]):
        proc = subprocess.run([sys.executable, "-m", "xlbokslut", *argv], capture_output=True, text=True, timeout=60)
        out = proc.stderr if "--fjol" not in argv else " ".join(problem_texts(path))
        assert "ingen vanlig fil" in out and not EXCEPTION_NAME.search(proc.stderr), (argv, out)
        assert proc.returncode == (0 if "--fjol" in argv else 2)


def problem_texts(path: Path) -> list[str]:
    """Every text on the sheet Indataproblem."""
    sheet = openpyxl.load_workbook(path)["Indataproblem"]
    return [str(c.value) for row in sheet.iter_rows() for c in row if c.value]


def _with_prolog(data: bytes, prolog: bytes) -> bytes:
    declaration, rest = data.split(b"?>", 1)
    return declaration + b"?>" + prolog + rest.lstrip()


DTD = b'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


@pytest.mark.parametrize("case", ["padded", "utf-16", "comment before", "answer sheet padded"])
def test_a_dtd_anywhere_is_refused(tmp_path, capsys, case):
    path = write_workbook(tmp_path / "a.xlsx")
    argv: tuple = ()
    if case == "answer sheet padded":
        export = tmp_path / "svar.csv"
        export.write_text("Fråga\nJa\n", encoding="utf-8")
        assert run(capsys, "enkat", "importera", export, "--arbetsbok", path, "--blad", "Enkät")[0] == 0
        part, argv = _sheet_part(path, "Enkät"), ("enkat", "fragor", "--blad", "Enkät")
    else:
        part = _sheet_part(path, "Budget")

    def attack(parts):
        data = parts[part]
        if case == "utf-16":
            text = _with_prolog(data, DTD).decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
            parts[part] = text.encode("utf-16")
        elif case == "comment before":
            parts[part] = _with_prolog(data, b"<!-- " + b"x" * 5000 + b" -->" + DTD)
        else:
            parts[part] = _with_prolog(data, b" " * 10_000 + DTD)

    rewrite(path, attack)
    if argv:
        code, _, err = run(capsys, "enkat", "fragor", path, "--blad", "Enkät")
        assert code == 2 and "XML som Excel aldrig skriver" in err
    else:
        assert_refused(capsys, path, "XML som Excel aldrig skriver")


def _namespaced(path: Path, main_ns: str, rel_ns: str) -> None:
    def change(parts):
        for name, data in parts.items():
            if name.endswith((".xml", ".rels")):
                parts[name] = data.replace(MAIN_NS.encode(), main_ns.encode()).replace(REL_NS.encode(),
                                                                                     rel_ns.encode())

    rewrite(path, change)


@pytest.mark.parametrize("main_ns, rel_ns, words", [
    ("http://purl.oclc.org/ooxml/spreadsheetml/main", "http://purl.oclc.org/ooxml/officeDocument/relationships",
     "sparad som Strict Open XML: spara som vanlig Excel-arbetsbok"),
    ("http://schemas.openxmlformats.org/spreadsheetml/2006/5/main", REL_NS,
     "förhandsversion av Excel 2007"),
])
def test_strict_and_beta_workbooks_are_a_sentence_in_every_command(tmp_path, capsys, main_ns, rel_ns, words):
    path = write_workbook(tmp_path / "a.xlsx")
    _namespaced(path, main_ns, rel_ns)
    export = tmp_path / "svar.csv"
    export.write_text("Fråga\nJa\n", encoding="utf-8")
    for argv in (["utvardera"], ["exportera"], ["kontrollera"], ["enkat", "importera", export, "--arbetsbok"]):
        assert_refused(capsys, path, words, *argv)
    code, _, err = run(capsys, "enkat", "fragor", path, "--blad", "Budget")
    assert code == 2 and words in err
    good = write_workbook(tmp_path / "b.xlsx")
    code, _, err = run(capsys, "utvardera", good, "--fjol", path)
    assert code == 0 and any(words in text for text in problem_texts(good)), err


# --- ownership ---------------------------------------------------------------------------------------------------

# Justified skip: only root may give a file to another user, which is the case to test (CI runs as root).
@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="giving a file away needs root")
def test_an_evaluated_file_keeps_its_owner_group_and_mode(tmp_path, capsys):
    path = write_workbook(tmp_path / "a.xlsx")
    os.chown(path, 4321, 8765)
    path.chmod(0o664)
    assert run(capsys, "utvardera", path)[0] == 0
    info = path.stat()
    assert (info.st_uid, info.st_gid, info.st_mode & 0o777) == (4321, 8765, 0o664)


def test_the_add_in_gets_the_umask_mode(tmp_path, capsys):
    old = os.umask(0o022)
    try:
        from xlbokslut.addin import build

        built = build(tmp_path / "xlbokslut.xlam")
        assert built.stat().st_mode & 0o777 == 0o644
        assert [p.name for p in tmp_path.iterdir()] == ["xlbokslut.xlam"]
    finally:
        os.umask(old)
