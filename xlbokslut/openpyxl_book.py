"""New workbooks built with openpyxl (the template, the examples, the board's export): styles.STYLES as named
cell styles, the print setup every sheet shares, and a laid-out sheet (writeback.SheetLayout) put into a book.

Each style is registered once per workbook (as "xlbokslut <name>", with a wrapped-text variant), and a cell
takes it in one assignment: much faster than setting fill, font and alignment cell by cell, and the styles
show by name in Excel's style gallery.
"""
from __future__ import annotations

from .model import column_letter
from .styles import NAMED_STYLE_PREFIX, STYLES


class Styler:
    def __init__(self, book):
        self.book = book
        self._known = set(book.named_styles)

    def _named(self, name: str, wrap: bool) -> str:
        key = NAMED_STYLE_PREFIX + name + (" radbryt" if wrap else "")
        if key not in self._known:
            from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill

            style = STYLES[name]
            self.book.add_named_style(NamedStyle(
                name=key,
                fill=PatternFill("solid", start_color=style.fill) if style.fill else PatternFill(None),
                font=Font(bold=style.bold, italic=style.italic, color=style.font, size=style.size or 11),
                alignment=Alignment(wrap_text=True, vertical="top") if wrap else Alignment()))
            self._known.add(key)
        return key

    def apply(self, cell, name: str, wrap: bool = False) -> None:
        cell.style = self._named(name, wrap)


def print_setup(ws, landscape: bool = True) -> None:
    """A4, fit to page width, as many pages down as needed."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def put_cell(ws, row: int, col: int, value, styler: Styler, style: str = "plain", number_format: str | None = None,
             wrap: bool = False):
    """One cell; text is always text (never read as a formula), and a plain cell keeps the default style."""
    cell = ws.cell(row, col)
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    if style != "plain" or wrap:
        styler.apply(cell, style, wrap)
    if number_format:
        cell.number_format = number_format
    return cell


def put_layout(book, layout, styler: Styler) -> None:
    """A SheetLayout as a new sheet (replacing one of the same name, in its place)."""
    from openpyxl.worksheet.table import Table, TableStyleInfo

    if layout.name in book.sheetnames:
        index = book.sheetnames.index(layout.name)
        del book[layout.name]
        ws = book.create_sheet(layout.name, index)
    else:
        ws = book.create_sheet(layout.name)
    for grid in layout.grids:
        for row, col, value, style, number_format, wrap in grid.cells():
            if value is not None or style != "plain":
                put_cell(ws, row, col, value, styler, style, number_format, wrap)
    for span in layout.tables:
        table = Table(displayName=span.name, ref=f"{column_letter(span.first_col)}{span.first_row}:"
                                                 f"{column_letter(span.last_col)}{span.last_row}")
        table.tableStyleInfo = TableStyleInfo(name=span.style, showRowStripes=True)
        ws.add_table(table)
    for col, width in layout.widths.items():
        ws.column_dimensions[column_letter(col)].width = width
    for row, height in layout.heights.items():
        ws.row_dimensions[row].height = height
    if layout.hidden:
        ws.sheet_state = "hidden"
    else:
        print_setup(ws, layout.landscape)
