"""styles.STYLES as named cell styles in an openpyxl workbook, and the print setup every sheet shares.

Each style is registered once per workbook (as "xlbokslut <name>", with a wrapped-text variant), and a cell
takes it in one assignment: much faster than setting fill, font and alignment cell by cell, and the styles
show by name in Excel's style gallery.
"""
from __future__ import annotations

from ..styles import STYLES

PREFIX = "xlbokslut "


class Styler:
    def __init__(self, book):
        self.book = book
        self._known = set(book.named_styles)

    def _named(self, name: str, wrap: bool) -> str:
        key = PREFIX + name + (" radbryt" if wrap else "")
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
