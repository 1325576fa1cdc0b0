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

from ..values import clean_text, is_blank, runs, sentence

REQUIRED_TABLES = (SETTINGS_TABLE, AREAS_TABLE, BUDGET_TABLE, VERIFICATIONS_TABLE)

HEADER_SCAN_ROWS = 30
WRITTEN_MARKER = "skrivs av xlbokslut"  # the template's note above the written columns


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
               bounds: tuple[int, int, int, int] | None, limit: int = 10**9) -> TableData:
    """Read ``spec`` from a sheet's values; ``bounds`` = (first_col, header_row, last_col, last_row)
    of the Excel table object, or None to find the header row by its text; ``limit``: the last row the table
    may reach (the row above the next table on the sheet).

    Raises UnreadableTable when the header row or a required column cannot be found.
    """
    if bounds is not None:
        first_col, header_row, last_col, object_end = bounds
        # Rows typed below the table belong to it, across blank rows, up to the next table on the sheet
        # (LibreOffice and pasting never grow a table); a table stretched far below its data ends at its data.
        last_row = header_row
        for r in range(header_row + 1, min(len(values), limit) + 1):
            if any(_occupied(v) for v in _row(values, r, first_col, last_col)):
                last_row = r
    else:
        found_row = find_header_row(spec, values)
        if found_row is None:
            raise UnreadableTable(
                f"Bladet ”{sheet}” saknar {spec.label}: hittar ingen rubrikrad med "
                + ", ".join(f"”{h}”" for h in spec.required_headers) + ".",
                _closest_header(spec, sheet, values))
        header_row, first_col, last_col, last_row = found_row, 1, max((len(r) for r in values), default=0), len(values)
        object_end = 0
    columns = header_map(values, header_row, first_col, last_col)
    missing = [h for h in spec.required_headers if norm_header(h) not in columns]
    if missing:
        raise UnreadableTable(
            f"{sentence(spec.label)} på bladet ”{sheet}” saknar kolumnen "
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
    table object removed) the second value says why, by table name, at its header's cell. What the sheets hold
    outside their tables is named on the first table of each sheet (``TableData.unread``).
    """
    cache: dict[str, Sequence[Sequence[object]]] = {}

    def values_on(sheet: str) -> Sequence[Sequence[object]]:
        if sheet not in cache:
            cache[sheet] = values_of(sheet)
        return cache[sheet]

    out: dict[str, TableData | None] = {}
    unreadable: dict[str, Issue] = {}
    for spec in specs:
        found = table_objects.get(spec.name.casefold())
        sheet = found[0] if found else next((n for n in sheet_names if n.casefold() == spec.sheet.casefold()), None)
        out[spec.name] = None
        if sheet is None:
            if spec in required:
                raise UnusableWorkbook(f"{book_name} saknar bladet ”{spec.sheet}” ({spec.label}). "
                                       "Utgå från mallen: xlbokslut ny FIL.")
            continue
        values = values_on(sheet)
        try:
            bounds = found[1] if found else None
            below = [b[1] for n, b in table_objects.values() if bounds and n == sheet and b[1] > bounds[1]]
            out[spec.name] = read_table(spec, sheet, values, bounds, min(below, default=10**9) - 1)
        except UnreadableTable as problem:
            if spec in required:
                raise
            if found or any(_occupied(v) for line in values for v in line):  # an empty sheet holds nothing to lose
                unreadable[spec.name] = Issue(problem.place, f"{problem} Inget i tabellen läses förrän det är rättat.")
    by_sheet: dict[str, list[TableData]] = {}
    for table in out.values():
        if table is not None:
            by_sheet.setdefault(table.sheet, []).append(table)
    for sheet, tables in by_sheet.items():
        first = tables[0]
        known = {spec.name: {norm_header(h) for h in spec.headers} for spec in specs}
        out[first.name] = first._replace(unread=unread_cells(sheet, values_on(sheet), tables, known))
    return out, unreadable


def unread_cells(sheet: str, values: Sequence[Sequence[object]], tables: list[TableData],
                 known: dict[str, set[str]]) -> tuple[Issue, ...]:
    """A notice for every run of non-empty cells (down one column) that no table on the sheet reads.

    Read are the contract columns (``known``: the headers by table name) of a table from its header row to
    its last row; a column of one's own in a table is named with its header. Above the first header row
    is the sheet's heading: column A (title, help line) and the markers "Skrivs av xlbokslut" over the written
    columns; anything else there is named too.
    """
    top = min(t.header_row for t in tables)
    read = {(r, c) for t in tables for name, c in t.columns.items() if name in known[t.name]
            for r in range(t.header_row, t.last_row + 1)}
    own = {(t.header_row, c): name for t in tables for name, c in t.columns.items() if name not in known[t.name]}
    stray: dict[int, list[int]] = {}
    for r, line in enumerate(values, start=1):
        for c, value in enumerate(line, start=1):
            if is_blank(value) or (r, c) in read:
                continue
            if r < top and (c == 1 or norm_header(value) == WRITTEN_MARKER):
                continue
            stray.setdefault(c, []).append(r)
    issues = []
    for c, rows in sorted(stray.items()):
        for first, last in runs(rows):
            place = address(sheet, first, c) + (f":{address(sheet, last, c).split('!')[1]}" if last > first else "")
            header = values[first - 1][c - 1] if (first, c) in own else None
            what = (f"Kolumnen ”{clean_text(header)}” finns inte i mallen" if header is not None
                    else "Står utanför tabellen")
            issues.append(Issue.notice(place, f"{what} och läses inte av xlbokslut; ska det räknas, skriv det i "
                                              "tabellens kolumner (rubrikerna stavade som i mallen)"))
    return tuple(issues)
