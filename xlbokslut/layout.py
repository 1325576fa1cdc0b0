"""A sheet's content as positioned data, for every writer: grids of cells with named styles (styles.py), tables,
column widths, row heights, merged cells, print setup, charts and dropdowns. Nothing here knows an engine.
"""
from __future__ import annotations

from types import MappingProxyType
from typing import NamedTuple
from collections.abc import Mapping, Sequence

from .styles import RESULT_TABLE_STYLE

Range = tuple[int, int, int, int]  # first row, first column, last row, last column (1-based)


class Grid(NamedTuple):
    """A rectangle of cells, its top left at (row, col): values and named styles row by row, a number format and
    whether text wraps, per column. Text is always written as text."""

    row: int
    col: int
    values: Sequence[Sequence[object]]
    styles: Sequence[Sequence[str]]
    formats: tuple[str | None, ...] = ()
    wraps: tuple[bool, ...] = ()

    def cells(self):
        """(row, col, value, style, number format, wrap) of every cell, row by row."""
        for r, (values, styles) in enumerate(zip(self.values, self.styles), start=self.row):
            for c, (value, style) in enumerate(zip(values, styles)):
                yield (r, self.col + c, value, style, self.formats[c] if self.formats else None,
                       self.wraps[c] if self.wraps else False)


def cell(row: int, col: int, value: object, style: str = "plain", wrap: bool = False) -> Grid:
    """A grid of one cell."""
    return Grid(row, col, [[value]], [[style]], (), (wrap,))


class TableSpan(NamedTuple):
    """An Excel table: its name, cell range (header row first) and headers."""

    name: str
    first_row: int
    first_col: int
    last_row: int
    last_col: int
    headers: tuple[str, ...]
    style: str = RESULT_TABLE_STYLE


class Chart(NamedTuple):
    """A column chart (with lines over it) of ranges on its own sheet, placed over ``anchor`` (a cell range).

    Attributes:
        bars, lines: series as (header cell, values range), each range one column of the sheet.
        categories: the range of the category labels.
        colors: the bar colours and then the line colours (RGB hex), in series order.
    """

    anchor: Range
    title: str
    categories: Range
    bars: tuple[tuple[tuple[int, int], Range], ...]
    lines: tuple[tuple[tuple[int, int], Range], ...] = ()
    colors: tuple[str, ...] = ()
    y_min: float | None = None
    y_max: float | None = None
    y_title: str = ""
    x_title: str = ""


class Dropdown(NamedTuple):
    """A list validation: ``source`` is a formula (``Listor!$A$2:$A$13``) or a comma-separated list; "" for none
    (any value: only the input message).

    ``strict``: a value outside the list is refused (Excel's Stop box); ``warning``: it is questioned but may stay
    (the Warning box, "Continue?": for lists where values of one's own are allowed); neither: the list only
    suggests. ``title`` and ``message`` are the box's title and text. ``prompt`` (with ``prompt_title``) is the
    input message Excel and LibreOffice show beside a selected cell."""

    ranges: str
    source: str
    strict: bool = True
    message: str = ""
    warning: bool = False
    title: str = ""
    prompt: str = ""
    prompt_title: str = ""


class SheetLayout(NamedTuple):
    """A sheet written whole: grids of cells (in row order, none sharing a row), tables, column widths and the
    height of rows with wrapped text (estimated; Excel itself fits rows only when a person edits them), and what
    the board's printed pages need."""

    name: str
    grids: list[Grid]
    tables: tuple[TableSpan, ...] = ()
    widths: Mapping[int, float] = MappingProxyType({})
    heights: Mapping[int, float] = MappingProxyType({})
    hidden: bool = False
    landscape: bool = True
    merges: tuple[Range, ...] = ()
    freeze: tuple[int, int] | None = None  # the first scrolling cell, (row, col)
    print_rows: tuple[int, int] | None = None  # rows repeated at the top of every printed page
    header: str = ""  # plain text printed centred at the top of every page (the writer escapes & and cuts it)
    footer: tuple[str, str] = ("", "")  # printed left and right at the bottom ("Sida &P av &N")
    breaks: tuple[int, ...] = ()  # a page break after each of these rows
    charts: tuple[Chart, ...] = ()
    dropdowns: tuple[Dropdown, ...] = ()
    print_cols: tuple[int, int] | None = None  # columns repeated at the left of every printed page
    scale: int | None = None  # the print scale in percent; None: fitted to one page's width
    col_breaks: tuple[int, ...] = ()  # a page break after each of these columns (with ``scale``)
