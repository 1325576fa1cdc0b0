"""The xlwings adapter: the live workbook in Excel (or xlwings' remote engine), unsaved edits included.

It reads every sheet's values in one call per sheet and puts the cells of the ``writeback.Plan``. Each call
to Excel costs time, so cells are sent as rectangles: values in one call per rectangle, fills as one colour
matrix, and each font property once per run of equal cells — never a property at its default on a sheet
xlbokslut has just made. The workbook is not saved: the user decides when to save.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from collections.abc import Hashable, Iterable, Mapping

from ..schema import INPUT_TABLES, RECORD_SHEET
from ..styles import STYLES
from ..values import runs
from .grid import REQUIRED_TABLES, read_tables
from .writeback import CellWrite, Plan, SheetLayout, read_record

MAX_COLOR_CELLS = 10_000  # xlwings' limit for one Range.set_colors call
TEXT_PREFIX = "'"  # Excel keeps a value that starts with an apostrophe as text and does not store the apostrophe
# Font properties as (xlwings attribute, value from a Style — None: leave the cell's own —, Excel's default)
FONT_PROPERTIES = (("color", lambda s: f"#{s.font}" if s.font else "#000000", "#000000"),
                   ("bold", lambda s: s.bold, False),
                   ("italic", lambda s: s.italic, False),
                   ("size", lambda s: s.size, None))

LITE_NO_FILES = ("xlwings Lite når bara den öppna arbetsboken. Jämför med fjolåret genom att utvärdera med "
                 "xlbokslut på en dator med Python")
Rect = tuple[int, int, int, int]  # first row, first column, last row, last column (1-based)


def _sheet_values(sheet) -> list[list[object]]:
    """A sheet's values from A1 (the used range may start further in)."""
    used = sheet.used_range
    values = used.options(ndim=2).value or []
    top, left = used.row, used.column
    pad: list[object] = [None] * (left - 1)
    above: list[list[object]] = [[] for _ in range(top - 1)]
    return above + [pad + list(row) for row in values]


def rectangles(cells: Mapping[tuple[int, int], Hashable]) -> list[tuple[Rect, Hashable]]:
    """Cells (row, col) → value as few rectangles of equal value as runs allow: runs down each column, merged
    across neighbouring columns that have the same run."""
    runs: dict[int, list[list]] = defaultdict(list)
    for (row, col), value in sorted(cells.items(), key=lambda item: (item[0][1], item[0][0])):
        column = runs[col]
        if column and column[-1][1] == row - 1 and column[-1][2] == value:
            column[-1][1] = row
        else:
            column.append([row, row, value])
    out: list[tuple[Rect, Hashable]] = []
    open_rects: dict[tuple, list[int]] = {}  # (first row, last row, value) → [first col, last col]
    for col in sorted(runs):
        current = dict.fromkeys((r1, r2, v) for r1, r2, v in runs[col])  # in row order, never in hash order
        for key in [k for k, (_, last) in open_rects.items() if k not in current or last != col - 1]:
            first, last = open_rects.pop(key)
            out.append(((key[0], first, key[1], last), key[2]))
        for key in current:
            if key in open_rects:
                open_rects[key][1] = col
            else:
                open_rects[key] = [col, col]
    out += [((key[0], first, key[1], last), key[2]) for key, (first, last) in open_rects.items()]
    return out


def _text_safe(value: object) -> object:
    return TEXT_PREFIX + value if isinstance(value, str) and value else value


class LiveWorkbook:
    def __init__(self, book):
        self.book = book
        self._cache: dict[str, list[list[object]]] = {}

    @property
    def path(self) -> Path | None:
        """The workbook's file, when it is saved in a folder on this computer (not unsaved, not in the cloud)."""
        full = Path(str(getattr(self.book, "fullname", "") or ""))
        return full if full.is_absolute() and full.parent.is_dir() else None

    @property
    def no_files(self) -> str:
        """Why no other workbook can be read here: xlwings' remote engine (xlwings Lite, where Python runs in
        Excel's browser sandbox) sees only the open workbook; "" for desktop Excel."""
        if self.path is None and getattr(self.book.app.engine, "name", "") == "remote":
            return LITE_NO_FILES
        return ""

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

    def sheets(self):
        """(sheet names, a function giving a sheet's values): what survey answers are read from."""
        return [s.name for s in self.book.sheets], self._values

    def open_file(self, path: Path):
        """Another workbook file, for reading (last year's is a file even when this one is live in Excel)."""
        from .files import WorkbookFile

        return WorkbookFile(path, for_writing=False)

    # --- writing -----------------------------------------------------------------------------
    def _put(self, sheet, writes: Iterable[CellWrite]) -> None:
        """Values, fills, fonts, number formats and wrapping of cells of an existing sheet, each as few ranges as
        possible. A font property is sent where a style sets it; a column xlbokslut writes always has the same
        role, so the fonts its earlier runs set are the ones it sets again."""
        by_cell = {(w.row, w.col): w for w in writes}
        if not by_cell:
            return

        def rng(rect: Rect):
            return sheet.range((rect[0], rect[1]), (rect[2], rect[3]))

        for rect, _ in rectangles({key: True for key in by_cell}):
            rng(rect).value = [[_text_safe(by_cell[(r, c)].value) for c in range(rect[1], rect[3] + 1)]
                               for r in range(rect[0], rect[2] + 1)]
        self._fills(by_cell, rng)
        for attribute, of_style, default in FONT_PROPERTIES:  # what a style sets; "plain" resets a cell
            wanted = {key: of_style(STYLES[w.style]) for key, w in by_cell.items()}
            wanted = {k: v for k, v in wanted.items() if v is not None and (v != default or by_cell[k].style == "plain")}
            for rect, value in rectangles(wanted):
                setattr(rng(rect).font, attribute, value)
        formats = {key: w.number_format for key, w in by_cell.items() if w.number_format}
        for rect, value in rectangles(formats):
            rng(rect).number_format = value
        for rect, value in rectangles({key: w.wrap for key, w in by_cell.items()}):
            rng(rect).wrap_text = value

    def _fills(self, by_cell: dict, rng) -> None:
        """Fills as colour matrices (one call per up to 10 000 cells), or one colour for a uniform range."""
        fills = {key: STYLES[w.style].fill for key, w in by_cell.items()}
        top, left = min(r for r, _ in fills), min(c for _, c in fills)
        bottom, right = max(r for r, _ in fills), max(c for _, c in fills)
        if len(set(fills.values())) == 1 and len(fills) == (bottom - top + 1) * (right - left + 1):
            rng((top, left, bottom, right)).color = _hex(next(iter(fills.values())))
            return
        step = max(1, MAX_COLOR_CELLS // (right - left + 1))
        for first in range(top, bottom + 1, step):
            last = min(bottom, first + step - 1)
            rng((first, left, last, right)).set_colors(
                [[_hex(fills[(r, c)]) if (r, c) in fills else ... for c in range(left, right + 1)]
                 for r in range(first, last + 1)])

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

    def _layout(self, layout: SheetLayout) -> None:
        """A new sheet: all values in one call, then each format over as large ranges as the layout allows."""
        sheet = self._replace_sheet(layout.name)
        if not layout.grids:
            return
        last_row = max(g.row + len(g.values) - 1 for g in layout.grids)
        last_col = max(g.col + len(v) - 1 for g in layout.grids for v in g.values)
        matrix: list[list[object]] = [[None] * last_col for _ in range(last_row)]
        for grid in layout.grids:
            for r, values in enumerate(grid.values, start=grid.row - 1):
                matrix[r][grid.col - 1:grid.col - 1 + len(values)] = [_text_safe(v) for v in values]
        sheet.range((1, 1), (last_row, last_col)).value = matrix
        self._format(sheet, layout)
        for span in layout.tables:
            sheet.tables.add(source=sheet.range((span.first_row, span.first_col), (span.last_row, span.last_col)),
                             name=span.name, has_headers=True, table_style_name=span.style)
        for (_, first, _, last), width in rectangles({(1, col): w for col, w in layout.widths.items()}):
            sheet.range((1, first), (1, last)).column_width = width
        if layout.heights:
            sheet.autofit("rows")  # Excel sizes the rows of wrapped text itself
        if layout.hidden:
            sheet.visible = False

    def _format(self, sheet, layout: SheetLayout) -> None:
        """Fills (per grid, as colour matrices), then fonts, number formats and wrapping over the whole sheet, each
        as few rectangles as the layout allows; Excel's defaults are not sent."""
        def rng(rect: Rect):
            return sheet.range((rect[0], rect[1]), (rect[2], rect[3]))

        for grid in layout.grids:
            self._fill_grid(grid, rng)
        cells = [(r, c, STYLES[name], fmt, wrap) for grid in layout.grids
                 for r, c, _, name, fmt, wrap in grid.cells()]
        for attribute, of_style, default in FONT_PROPERTIES:
            wanted = {(r, c): of_style(style) for r, c, style, _, _ in cells}
            for rect, value in rectangles({k: v for k, v in wanted.items() if v is not None and v != default}):
                setattr(rng(rect).font, attribute, value)
        for rect, value in rectangles({(r, c): fmt for r, c, _, fmt, _ in cells if fmt}):
            rng(rect).number_format = value
        for rect, _ in rectangles({(r, c): True for r, c, _, _, wrap in cells if wrap}):
            rng(rect).wrap_text = True

    def _fill_grid(self, grid, rng) -> None:
        height = len(grid.values)
        styles = [[STYLES[name] for name in line] for line in grid.styles]
        filled = sorted({c for line in styles for c, style in enumerate(line) if style.fill})
        for first, last in runs(filled):
            fills = [[line[c].fill if c < len(line) else None for c in range(first, last + 1)] for line in styles]
            top, left = grid.row, grid.col + first
            distinct = {f for line in fills for f in line}
            if len(distinct) == 1:
                rng((top, left, top + height - 1, grid.col + last)).color = _hex(distinct.pop())
                continue
            step = max(1, MAX_COLOR_CELLS // (last - first + 1))
            for start in range(0, height, step):
                part = fills[start:start + step]
                rng((top + start, left, top + start + len(part) - 1, grid.col + last)).set_colors(
                    [[_hex(f) if f else ... for f in line] for line in part])

    def apply(self, plan: Plan) -> None:
        app = self.book.app
        try:
            app.screen_updating = False
        except Exception:  # not every engine lets us; it only makes the click faster
            pass
        try:
            by_sheet: dict[str, list[CellWrite]] = defaultdict(list)
            for w in plan.writes:
                by_sheet[w.sheet].append(w)
            for name, writes in by_sheet.items():
                self._put(self.book.sheets[name], writes)
            for resize in plan.resizes:
                table = next(t for s in self.book.sheets for t in s.tables if t.name == resize.table)
                rng = table.range
                table.resize(rng.sheet.range((rng.row, rng.column), (resize.last_row, rng.last_cell.column)))
            for layout in plan.sheets:
                self._layout(layout)
            names = [s.name for s in self.book.sheets]
            for name in plan.removed:
                if name in names:
                    self.book.sheets[name].delete()
        finally:
            try:
                app.screen_updating = True
            except Exception:
                pass


def _hex(color: str | None) -> str | None:
    return f"#{color}" if color else None


def evaluate(book):
    """Evaluate an xlwings Book in place (values, status colours, Resultat) and return the Evaluation.

    Works with the classic engine (Excel on Windows and macOS) and xlwings' remote engine alike. The book is
    not saved. Raises UnusableWorkbook when a required sheet, table or column is missing.
    """
    from .evaluation import evaluate_in_place

    return evaluate_in_place(LiveWorkbook(book))
