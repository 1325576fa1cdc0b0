"""What an evaluation writes into the user's workbook, as a plan of positioned cells that every adapter applies.

The plan holds only what xlbokslut owns: the written columns of the input
tables (every row of the table, so that a cleared row loses its old result),
the total rows it appends, and whole sheets (Resultat, Indataproblem, the
hidden record) laid out here cell by cell, so an adapter only puts cells,
tables and column widths where the plan says.
"""
from __future__ import annotations

from types import MappingProxyType
from typing import NamedTuple
from collections.abc import Mapping, Sequence

from ..issues import ERROR
from ..layout import Grid, SheetLayout, TableSpan
from ..model import REACHED, Evaluation, TableData
from ..participants import A, D, GENDERS, NEW, P, PREVIOUS, REMAINING, STUDIES, WORK, Line, ParticipantTables, throughput_text
from ..schema import (BACKGROUND_TABLE, EQUIVALENTS_TABLE, PARTICIPANTS_TABLE, PROBLEMS_SHEET, PROBLEMS_TABLE,
                      RECORD_HEADERS, RECORD_SHEET, RESULT_AREAS_TABLE, RESULT_INDICATORS_TABLE,
                      RESULT_PARTICIPANTS_TABLE, RESULT_SHEET, TOTAL_ROW, TOTAL_UNIT, VERIFICATIONS_TABLE, Table, in_order,
                      norm_header)
from ..styles import LINE_HEIGHT, SIGNED_FORMAT, line_count, status_style
from ..yearly import LastYear
from ..values import counted

FIRST_BLOCK_ROW = 4  # rows 1–2: title and subtitle of an owned sheet


class CellWrite(NamedTuple):
    """One cell xlbokslut writes: a value (text is always written as text), a named style from styles.py, a
    number format, and whether long text wraps."""

    sheet: str
    row: int
    col: int
    value: object
    style: str = "written"
    number_format: str | None = None
    wrap: bool = False


class TableResize(NamedTuple):
    """Grow an Excel table object to ``last_row`` (rows xlbokslut appended below it, or typed right below it); with
    ``shrink``, end it there (rows xlbokslut had added at its bottom and removed)."""

    table: str
    last_row: int
    shrink: bool = False


class Block(NamedTuple):
    """A table on an owned sheet: its rows and each row's styles, by header (every header once: see
    ``Table.row``), and a number format per column."""

    heading: str
    table: Table
    rows: Sequence[Mapping[str, object]]
    styles: Sequence[Mapping[str, str]]
    formats: Mapping[str, str] = MappingProxyType({})
    sets_widths: bool = True  # False: the block wraps its text in the widths the other blocks set


LONGEST_WORD = 24  # a column is widened for a word up to this long


def lay_out(name: str, title: str, subtitle: str, blocks: list[Block]) -> SheetLayout:
    """Title, subtitle, then each block: a heading, the header row, the rows, and an Excel table over them
    (with one empty row when there are no rows). Widths are the widest column spec of each column among the
    blocks that set widths (then of the others, for columns those do not have)."""
    grids = [Grid(1, 1, [[title]], [["title"]]), Grid(2, 1, [[subtitle]], [["sheet_note"]])]
    tables: list[TableSpan] = []
    widths: dict[int, float] = {}
    for block in sorted(blocks, key=lambda b: not b.sets_widths):  # the blocks that set widths first
        for col, column in enumerate(block.table.columns, start=1):
            if block.sets_widths or col not in widths:
                widths[col] = max(widths.get(col, 0), column.width)
            else:  # wide enough for the block's longest word ("Medarbetarnöjdhet"), never broken inside a word
                words = [len(w) for r in block.rows if isinstance(v := r.get(column.header), str) for w in v.split()]
                words += [len(w) for w in column.header.split()]
                widths[col] = max(widths[col], min(max(words, default=0) + 2, LONGEST_WORD))
    row = FIRST_BLOCK_ROW
    for block in blocks:
        columns = block.table.columns
        grids.append(Grid(row, 1, [[block.heading]], [["block_heading"]]))
        header = row + 1
        grids.append(Grid(header, 1, [list(block.table.headers)], [["plain"] * len(columns)], (),
                          (True,) * len(columns)))
        if block.rows:
            grids.append(Grid(header + 1, 1, [block.table.row(r) for r in block.rows],
                              [[str(style) for style in block.table.row(r)] for r in block.styles],
                              tuple(block.formats.get(c.header) for c in columns), (True,) * len(columns)))
        last = header + max(len(block.rows), 1)
        tables.append(TableSpan(block.table.name, header, 1, last, len(columns), tuple(block.table.headers)))
        row = last + 3
    heights = {}
    for grid in grids[2:]:
        for r, values in enumerate(grid.values, start=grid.row):
            lines = max((line_count(v, widths.get(c, 10)) for c, v in enumerate(values, start=grid.col)
                         if v.__class__ is str and len(v) > widths.get(c, 10)), default=1)
            if lines > 1:
                heights[r] = LINE_HEIGHT * lines
    return SheetLayout(name, grids, tuple(tables), widths, heights)


# --- the written columns of the input tables --------------------------------------------------------------
def written_cells(table: TableData, spec: Table, row: int, values: Mapping[str, object],
                  styles: Mapping[str, str] = MappingProxyType({})) -> list[CellWrite]:
    """The written columns of one row of an input table, ``values`` by header: each of the contract's written
    columns (and nothing else) gets its value, in the style given for it (default "written")."""
    cells = in_order(spec.written_headers, values, spec.name)
    return [CellWrite(table.sheet, row, table.columns[norm_header(header)], value, styles.get(header, "written"))
            for header, value in zip(spec.written_headers, cells)]


def verification_writes(table: TableData, ev: Evaluation) -> list[CellWrite]:
    """Utfall and Status for every row of tblVerifikationer (blank for rows with nothing to evaluate)."""
    writes = []
    for row in range(table.header_row + 1, table.last_row + 1):
        outcome = ev.verification_rows.get(row)
        status = outcome.status if outcome else None
        writes += written_cells(table, VERIFICATIONS_TABLE, row,
                                {"Utfall": (outcome.text if outcome else None) or None, "Status": status},
                                {"Status": status_style(status)})
    return writes


def figure_writes(table: TableData | None, spec: Table, figures: ParticipantTables | None, group_header: str
                  ) -> tuple[list[CellWrite], list[TableResize]]:
    """Deltagare and Bakgrund: the written columns of every row, the total cells xlbokslut fills, and the
    total rows it appends below the table."""
    if table is None or figures is None:
        return [], []
    col = table.columns
    by_row = {line.row: line for line in figures.lines}
    appended = {line.row for line in figures.appended}
    cleared = {line.row for line in figures.removed} - appended
    writes = [CellWrite(table.sheet, line.row, col[header], None, "plain")  # what xlbokslut wrote there, and only that
              for line in figures.removed for header, value in line.typed.items() if value is not None and value != ""]
    for row in range(table.header_row + 1, max([table.last_row, *appended]) + 1):
        line: Line | None = by_row.get(row)
        figures_of_line = {"Totalt": line.total, "Andel (%)": line.percent, "Kontroll": line.note} if line else {}
        values = {h: figures_of_line.get(h) for h in spec.written_headers}  # Bakgrund writes only Totalt
        writes += written_cells(table, spec, row, values, {"Kontroll": "warning" if values.get("Kontroll") else "written"})
        if line is None:
            continue
        if line.row in appended:
            writes.append(CellWrite(table.sheet, row, col[group_header.casefold()], line.group, "plain"))
            writes.append(CellWrite(table.sheet, row, col["kategori"], line.category, "plain"))
        for header, value in line.filled.items():  # Kvinnor, Män, Föregående år; None: a filled value withdrawn
            writes.append(CellWrite(table.sheet, row, col[norm_header(header)], value,
                                    "filled" if value is not None else "plain"))
    resize = []
    if table.from_table_object:
        end = max([table.last_row, table.object_end, *appended])
        if end in cleared:  # the rows xlbokslut removed were the table's last: it ends at the last row kept
            kept = [row for row in by_row if row < end]
            resize = [TableResize(table.name, max(kept, default=table.header_row + 1), shrink=True)]
        elif appended and max(appended) > table.object_end:
            resize = [TableResize(table.name, max(appended))]
    return writes, resize


def equivalent_writes(table: TableData | None, ev: Evaluation) -> list[CellWrite]:
    if table is None:
        return []
    by_row = {line.row: line for line in ev.equivalents}
    writes = []
    for row in range(table.header_row + 1, table.last_row + 1):
        line = by_row.get(row)
        writes += written_cells(table, EQUIVALENTS_TABLE, row, {"Andel (%)": line.share if line else None,
                                                                "Förändring (procentenheter)": line.change if line else None})
    return writes


# --- the hidden record of what xlbokslut filled --------------------------------------------------------
def record_rows(ev: Evaluation) -> list[list[object]]:
    """What xlbokslut wrote in typed columns, so that the next run tells those cells from typed ones: the total
    cells it filled, and the group and Kategori cells of the total rows it appended (so that it knows those rows,
    and removes one that is no longer needed while it holds only what xlbokslut wrote)."""
    rows: list[list[object]] = [list(RECORD_HEADERS)]
    for table, group_header, figures in (("Deltagare", "Enhet", ev.participants), ("Bakgrund", "Tabell", ev.background)):
        for line in (figures.lines if isinstance(figures, ParticipantTables) else ()):
            if line.added:  # a row xlbokslut appended: its group and Kategori cells are xlbokslut's
                rows += [[table, line.group, line.category, group_header, line.group],
                         [table, line.group, line.category, "Kategori", line.category]]
            for header in (*GENDERS, PREVIOUS):
                if line.filled.get(header) is not None:
                    rows.append([table, line.group, line.category, header, line.filled[header]])
    return rows


def read_record(values: list[list[object]]) -> dict[tuple, object]:
    """The inverse of record_rows, from the hidden sheet's values."""
    out = {}
    for line in values[1:]:
        if len(line) >= 5 and line[0]:
            out[(str(line[0]), str(line[1]), str(line[2]), str(line[3]))] = line[4]
    return out


def record_sheet(rows: list[list[object]]) -> SheetLayout:
    return SheetLayout(RECORD_SHEET, [Grid(1, 1, rows, [["plain"] * len(r) for r in rows])], hidden=True)


# --- the owned sheets --------------------------------------------------------------------------------
def _participant_block(ev: Evaluation) -> Block | None:
    participants = ev.participants
    if not isinstance(participants, ParticipantTables) or not participants.units:
        return None
    rows, styles = [], []
    units = sorted(participants.units.values(), key=lambda f: f.unit.casefold() == TOTAL_UNIT.casefold())
    for f in units:
        problems = sum(len(line.problems) for line in f.lines.values())
        positive = f.lines.get(P)
        rows.append({"Enhet": f.unit, "Deltagare": f.get(D), "varav nya": f.get(NEW), "Avslutade": f.get(A),
                     "Genomströmning": throughput_text(f) or None,
                     "Positiv lösning": f"{positive.percent} % ({f.get(P)} av {f.get(A)})"
                     if positive and positive.percent is not None else None,
                     "Till arbete (%)": f.lines[WORK].percent if WORK in f.lines else None,
                     "Till studier (%)": f.lines[STUDIES].percent if STUDIES in f.lines else None,
                     "Kvar": f.lines[REMAINING].people() if REMAINING in f.lines else None,
                     "Kontroll": "OK" if not problems else f"{counted(problems, 'kontroll', 'kontroller')} stämmer inte, "
                                                                "se bladet Deltagare"})
        base = "total_row" if f.unit.casefold() == TOTAL_UNIT.casefold() else "plain"
        styles.append(RESULT_PARTICIPANTS_TABLE.each(base) | {"Kontroll": base if not problems else "warning"})
    return Block("Deltagarna i siffror", RESULT_PARTICIPANTS_TABLE, rows, styles, sets_widths=False)


def _title(ev: Evaluation, what: str) -> str:
    s = ev.budget.settings
    return " – ".join(x for x in (what, s.organisation, s.year) if x)


def result_sheet(ev: Evaluation) -> SheetLayout:
    last = ev.last_year if isinstance(ev.last_year, LastYear) else None
    area_rows, area_styles = [], []
    for a in ev.areas:
        before = last.areas.get((a.unit, a.number)) if last else None
        area_rows.append({"Enhet": a.unit or None, "Nr": a.number, "Målområde": a.name, "Antal mål": a.goals,
                          "Antal indikatorer": a.indicators, "Max impactvärde": a.max_points,
                          "Uppnått impactvärde": a.points, "Andel uppnådda indikatorer (%)": a.reached_share,
                          "IMPACTindex": a.index, "Mot mål": a.versus_target, "Fjolår IMPACTindex": before,
                          "Förändring": last.index_change(a.unit, a.number, a.index) if last else None,
                          "Målvikt (%)": a.target_weight, "Faktisk vikt (%)": a.actual_weight,
                          "Mätt vikt (%)": a.measured_weight, "Viktkontroll": a.weight_check})
        style = "total_row" if a.number == TOTAL_ROW else "plain"
        area_styles.append(RESULT_AREAS_TABLE.each(style)
                           | {"Viktkontroll": style if a.weight_check == "OK" or a.unit else "warning"})
    ind_rows, ind_styles = [], []
    for r in ev.indicators:
        o, ind = r.outcome, r.indicator
        note = o.note if (o.status != REACHED or o.note) else ""
        earlier = last.of(r) if last else None
        ind_rows.append({"Målområde": ind.area, "Mål-nr": ind.goal_no, "Indikator-nr": ind.number,
                         "Indikator": ind.text, "Enhet": r.unit or None, "Mål": r.target_text,
                         "Utfall": o.text or None, "Utfall (%)": o.percent, "Status": o.status, "Poäng": r.points,
                         "Max poäng": r.max_points, "Till målet": o.to_target or None, "Underlag": o.basis or None,
                         "Fjolår utfall": (earlier.text or None) if earlier else None,
                         "Fjolår status": earlier.status if earlier else None, "Kontroll": note or None})
        ind_styles.append(RESULT_INDICATORS_TABLE.each("plain")
                          | {"Status": status_style(o.status),
                             "Fjolår status": status_style(earlier.status) if earlier else "plain"})
    blocks = [Block("IMPACTindex per målområde", RESULT_AREAS_TABLE, area_rows, area_styles,
                    {"Mot mål": SIGNED_FORMAT, "Förändring": SIGNED_FORMAT}, sets_widths=False),
              Block("Indikatorer", RESULT_INDICATORS_TABLE, ind_rows, ind_styles),
              *filter(None, [_participant_block(ev)])]
    layout = lay_out(RESULT_SHEET, _title(ev, "Resultat"),
                     "Skrivs av xlbokslut vid varje utvärdering. Ändringar på det här bladet skrivs över.", blocks)
    return _printable(layout, RESULT_INDICATORS_TABLE.name)


PAGE_WIDTH_PX = 760  # landscape A4 between the margins, in Excel's column pixels (7 a character at 11 pt), as
# LibreOffice prints them (measured: its columns print wider than Excel's, which then has room to spare)
READABLE_SCALE = 65  # the smallest print scale that reads well (11 pt prints as 7 pt); below it, more pages across
MOST_PAGES_ACROSS = 3
TITLE_COLUMNS = (1, 3)  # repeated at the left of every page: Målområde, Mål-nr, Indikator-nr (Enhet, Nr, Målområde)


def _column_breaks(px: list[int], titles: int, capacity: float) -> list[int] | None:
    """Where the columns break into pages ``capacity`` pixels wide (each page after the first begins with the
    title columns, ``titles`` pixels), as the number of columns before each break; None if a column cannot fit."""
    breaks, used = [], 0
    for i, width in enumerate(px):
        if used + width > capacity and i > 0:
            if i < TITLE_COLUMNS[1] or titles + width > capacity:
                return None
            breaks.append(i)
            used = titles
        used += width
    return breaks


def print_scale(widths: Mapping[int, float]) -> tuple[int, list[int]]:
    """The largest print scale (percent) at which the columns fit on as few pages across as read well, and the
    column breaks: one page across if that is at least READABLE_SCALE, else two, else three."""
    px = [int(widths.get(c, 10) * 7 + 5) for c in range(1, max(widths, default=1) + 1)]
    titles = sum(px[TITLE_COLUMNS[0] - 1:TITLE_COLUMNS[1]])
    fits = {scale: breaks for scale in range(100, 9, -1)
            if (breaks := _column_breaks(px, titles, PAGE_WIDTH_PX * 100 / scale)) is not None}
    for across in range(1, MOST_PAGES_ACROSS + 1):
        scale = next((s for s, b in fits.items() if len(b) < across), None)
        if scale is not None and (scale >= READABLE_SCALE or across == MOST_PAGES_ACROSS):
            return scale, fits[scale]
    return 10, fits.get(10, [])


def _printable(layout: SheetLayout, main_table: str) -> SheetLayout:
    """Resultat on paper: landscape at a readable scale, as many pages across as that needs (the first columns
    repeated at the left of each, a page followed by the rest of its rows), the main table on a page of its own
    with its header repeated on every page."""
    scale, breaks = print_scale(layout.widths)
    main = next(t for t in layout.tables if t.name == main_table)
    return layout._replace(scale=scale, col_breaks=tuple(breaks), print_cols=TITLE_COLUMNS if breaks else None,
                           print_rows=(main.first_row, main.first_row), breaks=(main.first_row - 2,))


def problems_sheet(ev: Evaluation) -> SheetLayout:
    rows = [{"Nivå": i.level, "Plats": i.place or None, "Problem": i.message} for i in ev.issues]
    styles = [PROBLEMS_TABLE.each("warning" if i.level == ERROR else "plain") for i in ev.issues]
    if not rows:
        rows, styles = [{"Nivå": "OK", "Plats": None, "Problem": "Inga problem hittades i indata."}], \
            [PROBLEMS_TABLE.each("plain")]
    return lay_out(PROBLEMS_SHEET, _title(ev, "Problem i indata"),
                   "Rätta cellerna som anges under Plats och utvärdera igen. Skrivs av xlbokslut.",
                   [Block("Problem att rätta", PROBLEMS_TABLE, rows, styles)])


class Plan(NamedTuple):
    """Everything one evaluation writes into the workbook: cells of existing sheets, tables grown, sheets
    (re)written whole, and owned sheets removed."""

    writes: list[CellWrite]
    resizes: list[TableResize]
    sheets: list[SheetLayout]
    removed: tuple[str, ...] = ()


def grown_tables(tables: dict[str, TableData | None]) -> list[TableResize]:
    """Tables with rows typed directly below them: grown over those rows."""
    return [TableResize(t.name, t.last_row) for t in tables.values()
            if t is not None and t.from_table_object and t.last_row > t.object_end]


def plan(tables: dict[str, TableData | None], ev: Evaluation) -> Plan:
    verifications = tables[VERIFICATIONS_TABLE.name]
    assert verifications is not None  # a required table: the adapters raise UnusableWorkbook without it
    writes = verification_writes(verifications, ev)
    participants, background = (f if isinstance(f, ParticipantTables) else None for f in (ev.participants,
                                                                                          ev.background))
    participant_writes, resizes = figure_writes(tables.get(PARTICIPANTS_TABLE.name), PARTICIPANTS_TABLE,
                                                participants, "Enhet")
    background_writes, more = figure_writes(tables.get(BACKGROUND_TABLE.name), BACKGROUND_TABLE, background,
                                            "Tabell")
    writes += participant_writes + background_writes + equivalent_writes(tables.get(EQUIVALENTS_TABLE.name), ev)
    sheets = [result_sheet(ev), problems_sheet(ev)]
    record = record_rows(ev)
    if len(record) > 1:
        sheets.append(record_sheet(record))
    return Plan(writes, grown_tables(tables) + resizes + more, sheets, () if len(record) > 1 else (RECORD_SHEET,))

