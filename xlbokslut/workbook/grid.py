"""Engine-neutral reading of contract tables from a sheet's values (files and xlwings alike).

An adapter hands over a sheet as a 2-D list of values (row 1 first) and,
where the sheet has one, the Excel table object's bounds; this module finds
the header row, the columns by header text, and the data rows with their
``Sheet!Cell`` addresses.
"""
from __future__ import annotations

import difflib
from collections.abc import Sequence

from ..issues import Issue, UnusableWorkbook
from ..model import Cell, Row, TableData, address
from ..schema import AREAS_TABLE, BUDGET_TABLE, SETTINGS_TABLE, VERIFICATIONS_TABLE, Table, norm_header

from ..values import is_blank

REQUIRED_TABLES = (SETTINGS_TABLE, AREAS_TABLE, BUDGET_TABLE, VERIFICATIONS_TABLE)

HEADER_SCAN_ROWS = 30


def header_map(values: Sequence[Sequence[object]], row: int, first_col: int = 1,
                last_col: int | None = None) -> dict[str, int]:
    cells = values[row - 1] if row - 1 < len(values) else ()
    last = len(cells) if last_col is None else min(last_col, len(cells))
    found: dict[str, int] = {}
    for col in range(first_col, last + 1):
        name = norm_header(cells[col - 1])
        if name and name not in found:
            found[name] = col
    return found


def _row(values: Sequence[Sequence[object]], r: int, first_col: int, last_col: int) -> Sequence[object]:
    """Row ``r``'s values in the columns first_col…last_col (1-based; fewer where the row is shorter)."""
    line = values[r - 1] if 0 < r <= len(values) else ()
    return line[first_col - 1:last_col]


def _occupied(value: object) -> bool:
    """A cell xlbokslut must not write over: anything typed, even spaces."""
    return value is not None and value != ""


def _last_filled_row(values: Sequence[Sequence[object]]) -> int:
    """The last row with anything in it (engines differ on whether empty formatted rows count)."""
    n = len(values)
    while n and not any(_occupied(v) for v in values[n - 1]):
        n -= 1
    return n


def _required(spec: Table) -> list[str]:
    return [norm_header(h) for h in spec.required_headers]


def find_header_row(spec: Table, values: Sequence[Sequence[object]]) -> int | None:
    """The first row (1-based) within the top rows that holds all the table's required headers."""
    wanted = set(_required(spec))
    for row in range(1, min(len(values), HEADER_SCAN_ROWS) + 1):
        if wanted <= set(header_map(values, row)):
            return row
    return None


class UnreadableTable(UnusableWorkbook):
    """A table that is there but cannot be read (a header misspelt or missing); ``place`` is its header's cell."""

    def __init__(self, message: str, place: str):
        super().__init__(message)
        self.place = place


def _misspelt(spec: Table, sheet: str, values: Sequence[Sequence[object]], row: int, first_col: int = 1) -> str:
    """The cell of a header row most likely meant as one of the table's missing headers (the closest text);
    else the row's first cell."""
    found = header_map(values, row, first_col)
    missing = [h for h in _required(spec) if h not in found]
    for header in missing:
        close = difflib.get_close_matches(header, [h for h in found if h not in _required(spec)], n=1, cutoff=0.6)
        if close:
            return address(sheet, row, found[close[0]])
    return address(sheet, row, first_col)


def _closest_header(spec: Table, sheet: str, values: Sequence[Sequence[object]]) -> str:
    """The cell where a table without a recognisable header row went wrong: in the top row holding most of its
    headers, the misspelt one; without any, the sheet's first filled cell."""
    wanted = set(_required(spec))
    best = max(range(1, min(len(values), HEADER_SCAN_ROWS) + 1),
               key=lambda r: (len(wanted & set(header_map(values, r))), -r), default=None)
    if best and wanted & set(header_map(values, best)):
        return _misspelt(spec, sheet, values, best)
    filled = ((r, c) for r, line in enumerate(values, 1) for c, v in enumerate(line, 1) if _occupied(v))
    r, c = next(filled, (1, 1))
    return address(sheet, r, c)


def read_table(spec: Table, sheet: str, values: Sequence[Sequence[object]],
               bounds: tuple[int, int, int, int] | None) -> TableData:
    """Read ``spec`` from a sheet's values; ``bounds`` = (first_col, header_row, last_col, last_row)
    of the Excel table object, or None to find the header row by its text.

    Raises UnreadableTable when the header row or a required column cannot be found.
    """
    if bounds is not None:
        first_col, header_row, last_col, object_end = bounds
        end = object_end
        while any(_occupied(v) for v in _row(values, end + 1, first_col, last_col)):
            end += 1  # a row typed directly below the table belongs to it (Excel would have grown the table)
        last_row = min(end, max(_last_filled_row(values), header_row))  # a table stretched far below its data
    else:
        header_row = find_header_row(spec, values)
        if header_row is None:
            raise UnreadableTable(
                f"Bladet ”{sheet}” saknar tabellen {spec.name}: hittar ingen rubrikrad med "
                + ", ".join(f"”{h}”" for h in spec.required_headers) + ".",
                _closest_header(spec, sheet, values))
        first_col, last_col, last_row = 1, max((len(r) for r in values), default=0), len(values)
        object_end = 0
    columns = header_map(values, header_row, first_col, last_col)
    missing = [h for h in spec.required_headers if norm_header(h) not in columns]
    if missing:
        raise UnreadableTable(
            f"Tabellen {spec.name} på bladet ”{sheet}” saknar kolumnen "
            + ", ".join(f"”{h}”" for h in missing)
            + f" (rubrikraden är rad {header_row}). Lägg tillbaka kolumnen med exakt den rubriken.",
            _misspelt(spec, sheet, values, header_row, first_col))
    inputs = [norm_header(h) for h in spec.input_headers if norm_header(h) in columns]
    rows = []
    for r in range(header_row + 1, min(last_row, len(values)) + 1):
        line = values[r - 1]
        cells = {name: Cell(line[col - 1] if col - 1 < len(line) else None, address(sheet, r, col))
                 for name, col in columns.items()}
        if all(is_blank(cells[name].value) for name in inputs):
            continue
        rows.append(Row(r, cells))
    free_below = 10**6
    if bounds is not None:
        free_below = 0
        while free_below < 30:
            r = last_row + free_below + 1
            if any(_occupied(v) for v in _row(values, r, first_col, last_col)):
                break
            free_below += 1
    return TableData(spec.name, sheet, header_row, last_row, columns, tuple(rows), bounds is not None, free_below,
                     object_end)


def read_tables(specs, required, sheet_names: list[str], values_of, table_objects: dict, book_name: str
                ) -> tuple[dict[str, TableData | None], dict[str, Issue]]:
    """Find every contract table: by its Excel table object (on any sheet), else by its header row on its sheet.

    ``values_of(sheet)`` gives a sheet's values from A1; ``table_objects`` maps a lower-case table name to
    (sheet, (first_col, header_row, last_col, last_row)). A required table that cannot be found raises
    UnusableWorkbook; an optional one is None, and when it is there but cannot be read (a header misspelt, its
    table object removed) the second value says why, by table name, at its header's cell.
    """
    out: dict[str, TableData | None] = {}
    unreadable: dict[str, Issue] = {}
    for spec in specs:
        found = table_objects.get(spec.name.casefold())
        sheet = found[0] if found else next((n for n in sheet_names if n.casefold() == spec.sheet.casefold()), None)
        out[spec.name] = None
        if sheet is None:
            if spec in required:
                raise UnusableWorkbook(f"{book_name} saknar bladet ”{spec.sheet}” (tabellen {spec.name}). "
                                       "Utgå från mallen: xlbokslut ny FIL.")
            continue
        values = values_of(sheet)
        try:
            out[spec.name] = read_table(spec, sheet, values, found[1] if found else None)
        except UnreadableTable as problem:
            if spec in required:
                raise
            if found or any(_occupied(v) for line in values for v in line):  # an empty sheet holds nothing to lose
                unreadable[spec.name] = Issue(problem.place, f"{problem} Inget i tabellen läses förrän det är rättat.")
    return out, unreadable
