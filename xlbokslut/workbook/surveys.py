"""Survey exports into a workbook: a CSV or Excel export read as the tool wrote it, and copied into a new sheet
through the in-place writer, so that nothing else in the workbook changes (``xlbokslut enkat importera``)."""
from __future__ import annotations

import codecs
import csv
import io
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from collections.abc import Sequence

from ..excel_rules import bounds_problem, sheet_name, sheet_name_problem
from ..issues import UnusableWorkbook
from ..layout import Grid, SheetLayout
from ..safefile import read_regular_file
from ..survey import AnswerSheet, answer_sheet, not_counted

SEPARATORS = (";", ",", "\t")
MAX_EXPORT_BYTES = 50 * 2**20  # like the workbook's parts: a survey of thousands of answers is a few MB


def answer_layout(name: str, rows: Sequence[Sequence[object]]) -> SheetLayout:
    """A sheet of survey answers as an export gives them: the header row(s) and one row per respondent, every
    value as text (as the tool wrote it)."""
    width = max((len(r) for r in rows), default=0)
    body = [[None if v is None or v == "" else _text(v) for v in list(r) + [None] * (width - len(r))] for r in rows]
    grids = [Grid(1, 1, body, [["plain"] * width for _ in body])] if body else []
    return SheetLayout(name, grids, (), {c: 18 for c in range(1, width + 1)}, freeze=(2, 1) if body else None)


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (datetime, date)):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    return str(value)


def _decode(raw: bytes, name: str) -> str:
    """UTF-8 with or without BOM, UTF-16 (Excel's "Unicode text"), else Windows-1252 (older Excel on Windows)."""
    if raw.startswith(codecs.BOM_UTF8):
        try:
            return raw[len(codecs.BOM_UTF8):].decode("utf-8")
        except UnicodeDecodeError as problem:
            raise UnusableWorkbook(f"{name} är märkt som UTF-8 men är inte giltig UTF-8 (byte {problem.start + 3}); "
                                   "exportera svaren igen som CSV (UTF-8).") from None
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise UnusableWorkbook(f"{name} är märkt som UTF-16 (Unicode-text) men är avbruten eller skadad; "
                                   "exportera svaren igen.") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _separator(text: str) -> str:
    """The separator that splits the first lines into the most columns, the same number on each line."""
    sample = "\n".join(text.splitlines()[:30])

    def score(sep: str) -> tuple[int, int]:
        try:
            widths = [len(r) for r in csv.reader(io.StringIO(sample), delimiter=sep) if r]
        except csv.Error:  # a field too long with this separator: not the separator
            return 0, 0
        if not widths:
            return 0, 0
        common, times = Counter(widths).most_common(1)[0]
        return (common if common > 1 else 0), times

    return max(SEPARATORS, key=score)


def _read_regular(path: Path) -> bytes:
    """The bytes of a regular file of at most MAX_EXPORT_BYTES (a pipe or a device could block or never end)."""
    return read_regular_file(path, MAX_EXPORT_BYTES, "en enkätexport",
                             lambda mb: f"{path.name} är {mb} MB; en enkätexport får vara högst "
                                        f"{MAX_EXPORT_BYTES // 2**20} MB (tusentals svar tar några MB).")[0]


def read_csv(path: Path) -> list[list[str]]:
    text = _decode(_read_regular(path), path.name)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=_separator(text)))
    except csv.Error:  # a field longer than csv's limit (131 072 characters), or a NUL byte
        raise UnusableWorkbook(f"{path.name} går inte att läsa som CSV: ett fält är längre än "
                               f"{csv.field_size_limit():,} tecken eller innehåller ogiltiga tecken. Är det rätt "
                               "fil?".replace(",", " ")) from None
    while rows and not any(v.strip() for v in rows[-1]):
        rows.pop()
    return rows


def read_export(path: Path) -> Sequence[Sequence[object]]:
    """An export's rows, from a .csv/.txt or an .xlsx (its first sheet)."""
    if not path.exists():
        raise UnusableWorkbook(f"Filen {path} finns inte.")
    suffix = path.suffix.lower()
    rows: Sequence[Sequence[object]]
    if suffix in (".csv", ".txt", ".tsv"):
        rows = read_csv(path)
    elif suffix in (".xlsx", ".xlsm"):
        from .files import WorkbookFile

        book = WorkbookFile(path, for_writing=False)
        try:
            rows = book.book.values(book.book.sheets[0].name)
        finally:
            book.close()
    else:
        raise UnusableWorkbook(f"{path.name}: en enkätexport ska vara en CSV-fil (.csv) eller en Excel-fil (.xlsx).")
    if not any(any(v not in (None, "") for v in row) for row in rows):
        raise UnusableWorkbook(f"{path.name} innehåller inga svar.")
    return rows


def sheet_name_for(export: Path) -> str:
    return sheet_name(f"Enkät {export.stem}")


def import_survey(workbook: Path, export: Path, sheet: str | None = None,
                  keep_all: bool = False) -> tuple[str, AnswerSheet, list[str]]:
    """Copy ``export`` into a new sheet of ``workbook``: only the columns counting can use (the questions, the
    unit, the gender), unless ``keep_all``. Returns the sheet's name, its questions and the columns left out
    (``C ”E-post”``)."""
    from .files import WorkbookFile

    rows = read_export(export)
    left_out: list[str] = []
    if not keep_all:
        whole = answer_sheet("", rows)
        dropped = set(not_counted(whole))
        left_out = [f"{whole.column(i)} ”{whole.headers[i]}”" for i in sorted(dropped)]
        if dropped:
            rows = [[v for i, v in enumerate(row) if i not in dropped] for row in rows]
    too_large = bounds_problem(len(rows), max(len(r) for r in rows), export.name)
    if too_large:
        raise UnusableWorkbook(f"{too_large}, så den kan inte läggas på ett blad.")
    book = WorkbookFile(workbook)
    try:
        name = sheet.strip() if sheet else sheet_name_for(export)
        if book.book.sheet(name) is not None:
            raise UnusableWorkbook(f"Bladet ”{name}” finns redan i {workbook.name} och skrivs inte över. Välj ett "
                                   "annat namn med --blad.")
        problem = sheet_name_problem(name)
        if problem:
            raise UnusableWorkbook(f"Bladnamnet ”{name}” går inte i {workbook.name}: {problem}. Välj ett annat "
                                   "namn med --blad.")
        book.book.write_sheet(answer_layout(name, rows))
    except BaseException:
        book.close()
        raise
    book.save()
    return name, answer_sheet(name, rows), left_out


def questions_of(workbook: Path, sheet: str) -> AnswerSheet:
    from .files import WorkbookFile

    book = WorkbookFile(workbook, for_writing=False)
    try:
        names = [s.name for s in book.book.sheets]
        found = next((n for n in names if n.casefold() == sheet.strip().casefold()), None)
        if found is None:
            raise UnusableWorkbook(f"{workbook.name} har inget blad ”{sheet}”. Bladen: " + ", ".join(names) + ".")
        return answer_sheet(found, book.book.values(found))
    finally:
        book.close()
