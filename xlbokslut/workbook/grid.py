"""Engine-neutral reading of contract tables from a sheet's values (files and xlwings alike).

An adapter hands over a sheet as a 2-D list of values (row 1 first) and,
where the sheet has one, the Excel table object's bounds; this module finds
the header row, the columns by header text, and the data rows with their
``Sheet!Cell`` addresses.
"""
from __future__ import annotations

from collections.abc import Sequence

from ..issues import UnusableWorkbook
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


def read_table(spec: Table, sheet: str, values: Sequence[Sequence[object]],
               bounds: tuple[int, int, int, int] | None) -> TableData:
    """Read ``spec`` from a sheet's values; ``bounds`` = (first_col, header_row, last_col, last_row)
    of the Excel table object, or None to find the header row by its text.

    Raises UnusableWorkbook when the header row or a required column cannot be found.
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
            raise UnusableWorkbook(
                f"Bladet ”{sheet}” saknar tabellen {spec.name}: hittar ingen rubrikrad med "
                + ", ".join(f"”{h}”" for h in spec.required_headers) + ".")
        first_col, last_col, last_row = 1, max((len(r) for r in values), default=0), len(values)
        object_end = 0
    columns = header_map(values, header_row, first_col, last_col)
    missing = [h for h in spec.required_headers if norm_header(h) not in columns]
    if missing:
        raise UnusableWorkbook(
            f"Tabellen {spec.name} på bladet ”{sheet}” saknar kolumnen "
            + ", ".join(f"”{h}”" for h in missing)
            + f" (rubrikraden är rad {header_row}). Lägg tillbaka kolumnen med exakt den rubriken.")
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
                ) -> dict[str, TableData | None]:
    """Find every contract table: by its Excel table object (on any sheet), else by its header row on its sheet.

    ``values_of(sheet)`` gives a sheet's values from A1; ``table_objects`` maps a lower-case table name to
    (sheet, (first_col, header_row, last_col, last_row)). A required table that cannot be found raises
    UnusableWorkbook; an optional one is None.
    """
    out = {}
    for spec in specs:
        found = table_objects.get(spec.name.casefold())
        if found is not None:
            sheet, bounds = found
            out[spec.name] = read_table(spec, sheet, values_of(sheet), bounds)
            continue
        sheet = next((n for n in sheet_names if n.casefold() == spec.sheet.casefold()), None)
        if sheet is None:
            if spec in required:
                raise UnusableWorkbook(f"{book_name} saknar bladet ”{spec.sheet}” (tabellen {spec.name}). "
                                       "Utgå från mallen: xlbokslut ny FIL.")
            out[spec.name] = None
            continue
        try:
            out[spec.name] = read_table(spec, sheet, values_of(sheet), None)
        except UnusableWorkbook:
            if spec in required:
                raise
            out[spec.name] = None
    return out
