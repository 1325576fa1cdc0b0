"""The openpyxl adapter: workbook files on disk (command line, tests, batch runs)."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from ..issues import UnusableWorkbook
from ..model import TableData, Uncomputed
from ..schema import INPUT_TABLES, RECORD_SHEET
from ..model import column_letter
from .grid import REQUIRED_TABLES, read_tables
from .styling import Styler, print_setup
from .writeback import OwnedSheet, Plan, read_record

EXCEL_SUFFIXES = (".xlsx", ".xlsm")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_ZIP_MAGIC = b"PK"


def lock_files(path: Path) -> list[Path]:
    """Owner files Excel (~$name) and LibreOffice (.~lock.name#) leave while the file is open."""
    names = {f"~${path.name}", f"~${path.name[2:]}", f".~lock.{path.name}#"}
    return [path.parent / n for n in sorted(names) if (path.parent / n).exists()]


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
        styler = Styler(self.book)
        for w in plan.writes:
            cell = self.book[w.sheet].cell(w.row, w.col)
            cell.value = w.value
            styler.apply(cell, w.style)
        for resize in plan.resizes:
            ws, table = self._table_object(resize.table)
            first, _, last = table.ref.partition(":")
            table.ref = f"{first}:{last.rstrip('0123456789')}{resize.last_row}"
            if table.autoFilter is not None:
                table.autoFilter.ref = table.ref
        for sheet in plan.sheets:
            _write_owned_sheet(self.book, sheet, styler)
        if RECORD_SHEET in self.book.sheetnames:
            del self.book[RECORD_SHEET]
        if len(plan.record) > 1:
            ws = self.book.create_sheet(RECORD_SHEET)
            for line in plan.record:
                ws.append(line)
            ws.sheet_state = "hidden"

    def save(self) -> None:
        safe_save(self.book, self.path)


def safe_save(book, path: Path) -> None:
    """Write beside the original, then replace it: the original is never half-written."""
    fd, tmp_name = tempfile.mkstemp(prefix=".~xlbokslut-", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        book.save(tmp)
        if path.exists():
            shutil.copymode(path, tmp)
        os.replace(tmp, path)
    except PermissionError:
        tmp.unlink(missing_ok=True)
        raise UnusableWorkbook(f"{path.name} kunde inte sparas: filen är låst av ett annat program eller "
                               "skrivskyddad. Den har inte ändrats.") from None
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UnusableWorkbook(f"{path.name} kunde inte sparas ({exc.strerror}). Den har inte ändrats.") from None


def _write_owned_sheet(book, sheet: OwnedSheet, styler: Styler) -> None:
    from openpyxl.worksheet.table import Table as XlTable
    from openpyxl.worksheet.table import TableStyleInfo

    if sheet.name in book.sheetnames:
        index = book.sheetnames.index(sheet.name)
        del book[sheet.name]
        ws = book.create_sheet(sheet.name, index)
    else:
        ws = book.create_sheet(sheet.name)
    ws.cell(1, 1, sheet.title)
    styler.apply(ws.cell(1, 1), "title")
    ws.cell(2, 1, sheet.subtitle)
    styler.apply(ws.cell(2, 1), "subtitle")
    widths: dict[int, float] = {}
    row = 4
    for block in sheet.blocks:
        ws.cell(row, 1, block.heading)
        styler.apply(ws.cell(row, 1), "heading")
        row += 1
        for col, column in enumerate(block.table.columns, start=1):
            cell = ws.cell(row, col, column.header)
            styler.apply(cell, "header", wrap=True)
            widths[col] = max(widths.get(col, 0), column.width)
        formats = {block.table.headers.index(h) + 1: f for h, f in block.formats.items()}
        wide = {col for col, column in enumerate(block.table.columns, start=1) if column.wraps}
        for values, styles in zip(block.rows, block.styles):
            row += 1
            for col, (value, style) in enumerate(zip(values, styles), start=1):
                cell = ws.cell(row, col, value)
                styler.apply(cell, style, wrap=col in wide)
                if col in formats:
                    cell.number_format = formats[col]
        last = row if block.rows else row + 1
        ref = f"A{row - len(block.rows)}:{column_letter(len(block.table.columns))}{last}"
        table = XlTable(displayName=block.table.name, ref=ref)
        table.tableStyleInfo = TableStyleInfo(name="TableStyleLight15", showRowStripes=True)
        ws.add_table(table)
        row = last + 3
    for col, width in widths.items():
        ws.column_dimensions[column_letter(col)].width = width
    print_setup(ws)


def evaluate_file(path: Path | str):
    """Evaluate a workbook file in place and return the Evaluation.

    Raises UnusableWorkbook (and leaves the file byte-for-byte as it was) when it cannot be used.
    """
    from ..evaluate import evaluate_tables
    from .writeback import plan

    workbook = WorkbookFile(path)
    tables = workbook.read_tables()
    evaluation = evaluate_tables(tables, workbook.read_record())
    workbook.apply(plan(tables, evaluation))
    workbook.save()
    return evaluation
