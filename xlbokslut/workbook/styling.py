"""styles.STYLES applied to openpyxl cells, and the print setup every sheet shares."""
from __future__ import annotations

from ..styles import STYLES


class Styler:
    """Applies styles.STYLES to openpyxl cells, building each fill and font once."""

    def __init__(self):
        from openpyxl.styles import Alignment, Font, PatternFill

        self._fill, self._font, self._alignment = PatternFill, Font, Alignment
        self._cache: dict[str, tuple] = {}

    def apply(self, cell, name: str) -> None:
        if name not in self._cache:
            style = STYLES[name]
            fill = self._fill("solid", start_color=style.fill) if style.fill else self._fill(None)
            font = self._font(bold=style.bold, italic=style.italic, color=style.font, size=style.size or 11)
            self._cache[name] = (fill, font)
        cell.fill, cell.font = self._cache[name]

    def wrap(self, cell) -> None:
        cell.alignment = self._alignment(wrap_text=True, vertical="top")


def print_setup(ws, landscape: bool = True) -> None:
    """A4, fit to page width, as many pages down as needed."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
