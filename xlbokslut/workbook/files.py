"""The openpyxl adapter: workbook files on disk (command line, tests, batch runs)."""
from __future__ import annotations

import os
from pathlib import Path

from ..issues import UnusableWorkbook
from ..model import TableData, Uncomputed
from ..safefile import lock_files, save_book
from ..schema import INPUT_TABLES, RECORD_SHEET
from .grid import REQUIRED_TABLES, read_tables
from .writeback import Plan, evaluate_in_place, read_record

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
    """An .xlsx opened for evaluation: formulas kept, cached values read where a cell has a formula."""

    def __init__(self, path: Path | str, for_writing: bool = True):
        self.path = Path(path)
        check_file(self.path, for_writing)
        import openpyxl

        self._openpyxl = openpyxl
        self.book = self._load(data_only=False)
        self._values_book = None
        self._cache: dict[str, list[list[object]]] = {}

    def _load(self, data_only: bool):
        try:
            return self._openpyxl.load_workbook(self.path, data_only=data_only,
                                                keep_vba=self.path.suffix.lower() == ".xlsm")
        except PermissionError:
            raise UnusableWorkbook(f"{self.path.name} kan inte öppnas: den är låst av ett annat program.") from None
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise UnusableWorkbook(f"{self.path.name} kunde inte läsas som en Excel-arbetsbok "
                                   f"({type(exc).__name__}). Öppna den i Excel och spara den igen.") from None

    # --- reading -----------------------------------------------------------------------------
    def _sheet(self, name: str):
        for ws in self.book.worksheets:
            if ws.title.casefold() == name.casefold():
                return ws
        return None

    def _table_object(self, name: str):
        for ws in self.book.worksheets:
            for tname in ws.tables:
                if tname.casefold() == name.casefold():
                    return ws, ws.tables[tname]
        return None, None

    def _values(self, ws) -> list[list[object]]:
        if ws.title not in self._cache:
            self._cache[ws.title] = [[self._cell_value(ws, c) for c in line] for line in ws.iter_rows()]
        return self._cache[ws.title]

    def _cell_value(self, ws, cell):
        if cell.data_type != "f":
            return cell.value
        if self._values_book is None:
            self._values_book = self._load(data_only=True)
        cached = self._values_book[ws.title][cell.coordinate].value
        if cached is None:
            formula = cell.value if isinstance(cell.value, str) else getattr(cell.value, "text", "=?")
            return Uncomputed(formula)
        return cached

    def read_tables(self) -> dict[str, TableData | None]:
        from openpyxl.utils.cell import range_boundaries

        objects = {name.casefold(): (ws.title, range_boundaries(ws.tables[name].ref))
                   for ws in self.book.worksheets for name in ws.tables}
        return read_tables(INPUT_TABLES, REQUIRED_TABLES, self.book.sheetnames,
                           lambda sheet: self._values(self.book[sheet]), objects, self.path.name)

    def read_record(self) -> dict:
        ws = self._sheet(RECORD_SHEET)
        return read_record(self._values(ws)) if ws is not None else {}

    # --- writing -----------------------------------------------------------------------------
    def apply(self, plan: Plan) -> None:
        from ..openpyxl_book import Styler, put_cell, put_layout

        styler = Styler(self.book)
        for w in plan.writes:
            put_cell(self.book[w.sheet], w.row, w.col, w.value, styler, w.style, w.number_format, w.wrap)
        for resize in plan.resizes:
            ws, table = self._table_object(resize.table)
            first, _, last = table.ref.partition(":")
            table.ref = f"{first}:{last.rstrip('0123456789')}{resize.last_row}"
            if table.autoFilter is not None:
                table.autoFilter.ref = table.ref
        for layout in plan.sheets:
            put_layout(self.book, layout, styler)
        for name in plan.removed:
            if name in self.book.sheetnames:
                del self.book[name]

    def save(self) -> None:
        save_book(self.book, self.path)


def evaluate_file(path: Path | str):
    """Evaluate a workbook file in place and return the Evaluation.

    Raises UnusableWorkbook (and leaves the file byte-for-byte as it was) when it cannot be used.
    """
    workbook = WorkbookFile(path)
    evaluation = evaluate_in_place(workbook)
    workbook.save()
    return evaluation
