"""The xlwings adapter: the live workbook in Excel (or xlwings' remote engine), unsaved edits included.

It reads every sheet's values in one call per sheet and applies the same
``writeback.Plan`` as the file adapter, grouping cells into runs and
rectangles so that a click costs a few hundred calls to Excel, not thousands.
The workbook is not saved: the user decides when to save.
"""
from __future__ import annotations

from ..schema import INPUT_TABLES, RECORD_SHEET
from ..styles import STYLES
from .grid import REQUIRED_TABLES, read_tables
from .writeback import CellWrite, OwnedSheet, Plan, read_record


def _hex(color: str | None) -> str | None:
    return f"#{color}" if color else None


def _sheet_values(sheet) -> list[list[object]]:
    """A sheet's values from A1 (the used range may start further in)."""
    used = sheet.used_range
    values = used.options(ndim=2).value or []
    top, left = used.row, used.column
    pad = [None] * (left - 1)
    return [[] for _ in range(top - 1)] + [pad + list(row) for row in values]


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Consecutive row numbers as (first, last) pairs."""
    out: list[tuple[int, int]] = []
    for r in sorted(rows):
        if out and r == out[-1][1] + 1:
            out[-1] = (out[-1][0], r)
        else:
            out.append((r, r))
    return out


class LiveWorkbook:
    def __init__(self, book):
        self.book = book
        self._cache: dict[str, list[list[object]]] = {}

    def _values(self, name: str) -> list[list[object]]:
        if name not in self._cache:
            self._cache[name] = _sheet_values(self.book.sheets[name])
        return self._cache[name]

    def _table_objects(self) -> dict:
        out = {}
        for sheet in self.book.sheets:
            for table in sheet.tables:
                rng = table.range
                last = rng.last_cell
                out[table.name.casefold()] = (sheet.name, (rng.column, rng.row, last.column, last.row))
        return out

    def read_tables(self):
        return read_tables(INPUT_TABLES, REQUIRED_TABLES, [s.name for s in self.book.sheets], self._values,
                           self._table_objects(), self.book.name)

    def read_record(self) -> dict:
        names = [s.name for s in self.book.sheets]
        return read_record(self._values(RECORD_SHEET)) if RECORD_SHEET in names else {}

    # --- writing -----------------------------------------------------------------------------
    def _style(self, rng, name: str) -> None:
        style = STYLES[name]
        rng.color = _hex(style.fill)
        rng.font.color = _hex(style.font) or "#000000"
        rng.font.bold = style.bold
        if style.italic:
            rng.font.italic = True

    def _cells(self, writes: list[CellWrite]) -> None:
        by_column: dict[tuple[str, int], dict[int, CellWrite]] = {}
        for w in writes:
            by_column.setdefault((w.sheet, w.col), {})[w.row] = w
        for (sheet_name, col), cells in by_column.items():
            sheet = self.book.sheets[sheet_name]
            for first, last in _runs(list(cells)):
                sheet.range((first, col), (last, col)).value = [[cells[r].value] for r in range(first, last + 1)]
                start = first
                for r in range(first, last + 2):
                    if r > last or cells[r].style != cells[start].style:
                        self._style(sheet.range((start, col), (r - 1, col)), cells[start].style)
                        start = r

    def _replace_sheet(self, name: str):
        names = [s.name for s in self.book.sheets]
        if name in names:
            index = names.index(name)
            self.book.sheets[name].delete()
            names.pop(index)
            after = self.book.sheets[names[index - 1]] if index > 0 else None
            before = self.book.sheets[names[0]] if index == 0 and names else None
            return self.book.sheets.add(name, before=before, after=after)
        return self.book.sheets.add(name, after=self.book.sheets[len(names) - 1])

    def _owned(self, owned: OwnedSheet) -> None:
        sheet = self._replace_sheet(owned.name)
        sheet.range("A1").value = [[owned.title], [owned.subtitle]]
        self._style(sheet.range("A1"), "title")
        self._style(sheet.range("A2"), "subtitle")
        widths: dict[int, float] = {}
        row = 4
        for block in owned.blocks:
            n = len(block.table.columns)
            sheet.range((row, 1)).value = block.heading
            self._style(sheet.range((row, 1)), "heading")
            header = row + 1
            rows = block.rows or [[None] * n]
            sheet.range((header, 1)).value = [block.table.headers] + [list(r) for r in rows]
            self._style(sheet.range((header, 1), (header, n)), "header")
            self._rectangles(sheet, header + 1, block.styles)
            for col, column in enumerate(block.table.columns, start=1):
                widths[col] = max(widths.get(col, 0), column.width)
                data = sheet.range((header + 1, col), (header + len(rows), col))
                if column.header in block.formats:
                    data.number_format = block.formats[column.header]
                if column.wraps:
                    data.wrap_text = True
            sheet.tables.add(source=sheet.range((header, 1), (header + len(rows), n)), name=block.table.name,
                             has_headers=True, table_style_name="TableStyleLight15")
            row = header + len(rows) + 3
        for col, width in widths.items():
            sheet.range((1, col)).column_width = width

    def _rectangles(self, sheet, first_row: int, styles: list[list[str]]) -> None:
        """Style a block with as few ranges as possible: runs along each row, merged down the rows."""
        open_rects: dict[tuple[int, int, str], int] = {}  # (first col, last col, style) -> first row
        done = []
        for i, line in enumerate(styles + [[]]):
            runs = set()
            start = 0
            for c in range(1, len(line) + 1):
                if c == len(line) or line[c] != line[start]:
                    if line[start] != "plain":
                        runs.add((start + 1, c, line[start]))
                    start = c
            for key in list(open_rects):
                if key not in runs:
                    done.append((open_rects.pop(key), first_row + i - 1, key))
            for key in runs:
                open_rects.setdefault(key, first_row + i)
        for top, bottom, (c1, c2, style) in done:
            self._style(sheet.range((top, c1), (bottom, c2)), style)

    def _record(self, rows: list[list[object]]) -> None:
        names = [s.name for s in self.book.sheets]
        if RECORD_SHEET in names:
            self.book.sheets[RECORD_SHEET].delete()
        if len(rows) > 1:
            sheet = self.book.sheets.add(RECORD_SHEET, after=self.book.sheets[len(names) - 1 -
                                                                               (RECORD_SHEET in names)])
            sheet.range("A1").value = rows
            sheet.visible = False

    def apply(self, plan: Plan) -> None:
        app = self.book.app
        try:
            app.screen_updating = False
        except Exception:  # not every engine lets us; it only makes the click faster
            pass
        try:
            self._cells(plan.writes)
            for resize in plan.resizes:
                table = next(t for s in self.book.sheets for t in s.tables if t.name == resize.table)
                rng = table.range
                table.resize(rng.sheet.range((rng.row, rng.column), (resize.last_row, rng.last_cell.column)))
            for owned in plan.sheets:
                self._owned(owned)
            self._record(plan.record)
        finally:
            try:
                app.screen_updating = True
            except Exception:
                pass


def evaluate(book):
    """Evaluate an xlwings Book in place (values, status colours, Resultat) and return the Evaluation.

    Works with the classic engine (Excel on Windows and macOS) and xlwings' remote engine alike. The book is
    not saved. Raises UnusableWorkbook when a required sheet, table or column is missing.
    """
    from ..evaluate import evaluate_tables
    from .writeback import plan

    live = LiveWorkbook(book)
    tables = live.read_tables()
    evaluation = evaluate_tables(tables, live.read_record())
    live.apply(plan(tables, evaluation))
    return evaluation
