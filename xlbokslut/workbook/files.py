"""The file adapter: workbook files on disk (command line, tests, batch runs), changed part by part."""
from __future__ import annotations

import os
from pathlib import Path

from ..issues import Issue, UnusableWorkbook
from ..model import TableData
from ..safefile import lock_files, write_atomically
from ..safefile import WriteLock
from ..schema import INPUT_TABLES, RECORD_SHEET
from .grid import REQUIRED_TABLES, read_tables
from ..ooxml.package import Package
from .evaluation import evaluate_in_place
from .writeback import Plan, read_record
from .xlsx import Spreadsheet

EXCEL_SUFFIXES = (".xlsx", ".xlsm")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_ZIP_MAGIC = b"PK"


def check_file(path: Path, for_writing: bool) -> None:
    """Raise UnusableWorkbook with one Swedish sentence when ``path`` cannot be used."""
    name = path.name
    if not path.exists():
        raise UnusableWorkbook(f"Filen {path} finns inte.")
    if path.is_dir():
        raise UnusableWorkbook(f"{path} är en mapp, inte en Excel-fil.")
    if not path.is_file():  # a pipe or a device: opening it could wait forever
        raise UnusableWorkbook(f"{path} är ingen vanlig fil och kan inte vara en Excel-arbetsbok.")
    if path.suffix.lower() == ".xls":
        raise UnusableWorkbook(f"{name} är i det gamla Excel-formatet (.xls). Öppna den i Excel och spara den "
                               "som Excel-arbetsbok (.xlsx).")
    if path.suffix.lower() not in EXCEL_SUFFIXES:
        raise UnusableWorkbook(f"{name} är ingen Excel-arbetsbok: filnamnet ska sluta på .xlsx.")
    try:
        with path.open("rb") as f:
            head = f.read(8)
    except PermissionError:
        raise UnusableWorkbook(f"{name} kan inte öppnas: den är låst av ett annat program, eller så saknas "
                               "behörighet.") from None
    if not head:
        raise UnusableWorkbook(f"{name} är tom (0 byte).")
    if head.startswith(_OLE_MAGIC):
        raise UnusableWorkbook(f"{name} är lösenordsskyddad (krypterad). Ta bort lösenordet i Excel "
                               "(Arkiv > Info > Skydda arbetsbok) och försök igen.")
    if not head.startswith(_ZIP_MAGIC):
        raise UnusableWorkbook(f"{name} är ingen giltig .xlsx-fil (den är skadad eller har fel filändelse).")
    if for_writing:
        locks = lock_files(path)
        if locks:
            raise UnusableWorkbook(f"{name} är öppen i ett annat program (Excel eller LibreOffice). Stäng den "
                                   f"och försök igen. Är den inte öppen: ta bort låsfilen {locks[0].name}.")
        if not os.access(path, os.W_OK) or not path.stat().st_mode & 0o222:
            raise UnusableWorkbook(f"{name} är skrivskyddad. Ta bort skrivskyddet (eller spara en kopia) "
                                   "och försök igen.")


class WorkbookFile:
    """An .xlsx opened for evaluation: read part by part, and changed only where xlbokslut owns the cells.

    Every part of the file that xlbokslut does not write (images, charts, comments, validation, custom XML,
    macros, every other sheet) is copied byte for byte on saving; in the sheets it writes, only its cells change.
    Opened for writing, the file is locked against other xlbokslut writers until it is saved or closed.
    """

    no_files = ""  # a file on this computer: last year's workbook can be read beside it

    def __init__(self, path: Path | str, for_writing: bool = True):
        self.path = Path(path)
        check_file(self.path, for_writing)
        self.lock = WriteLock(self.path) if for_writing else None
        try:
            self.package = Package(self.path)
            self.book = Spreadsheet(self.package)
        except BaseException:
            self.close()
            raise

    def read_tables(self) -> tuple[dict[str, TableData | None], dict[str, Issue]]:
        objects = {key: (t.sheet, t.bounds) for key, t in self.book.tables().items()}
        return read_tables(INPUT_TABLES, REQUIRED_TABLES, [s.name for s in self.book.sheets], self.book.values,
                           objects, self.path.name)

    def read_record(self) -> dict:
        return read_record(self.book.values(RECORD_SHEET)) if self.book.sheet(RECORD_SHEET) else {}

    def sheets(self):
        """(sheet names, a function giving a sheet's values): what survey answers are read from."""
        return [s.name for s in self.book.sheets], self.book.answer_values

    def open_file(self, path: Path) -> WorkbookFile:
        """Another workbook file, for reading (last year's)."""
        return WorkbookFile(path, for_writing=False)

    def apply(self, plan: Plan) -> None:
        by_sheet: dict[str, list] = {}
        for w in plan.writes:
            by_sheet.setdefault(w.sheet, []).append(w)
        for sheet, writes in by_sheet.items():
            self.book.put(sheet, writes)
        for resize in plan.resizes:
            self.book.resize_table(resize.table, resize.last_row, resize.shrink)
        for layout in plan.sheets:
            self.book.write_sheet(layout)
        for name in plan.removed:
            self.book.remove_sheet(name)

    def save(self) -> None:
        try:
            self.book.finish()
            write_atomically(self.path, self.package.save)
        finally:
            self.close()

    def close(self) -> None:
        if getattr(self, "package", None) is not None:
            self.package.close()
        if self.lock is not None:
            self.lock.release()


def evaluate_file(path: Path | str, last_year: Path | str | None = None):
    """Evaluate a workbook file in place and return the Evaluation (``last_year``: a last-year workbook that
    overrides the setting "Fjolårets arbetsbok").

    Raises UnusableWorkbook (and leaves the file byte-for-byte as it was) when it cannot be used.
    """
    workbook = WorkbookFile(path)
    try:
        evaluation = evaluate_in_place(workbook, last_year)
    except BaseException:
        workbook.close()
        raise
    workbook.save()
    return evaluation
