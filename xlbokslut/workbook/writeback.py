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
from collections.abc import Mapping

from ..issues import ERROR
from ..layout import Grid, SheetLayout, TableSpan
from ..model import REACHED, Evaluation, TableData
from ..participants import A, D, GENDERS, NEW, P, REMAINING, STUDIES, WORK, Line, ParticipantTables, throughput_text
from ..schema import (BACKGROUND_TABLE, EQUIVALENTS_TABLE, PARTICIPANTS_TABLE, PROBLEMS_SHEET, PROBLEMS_TABLE,
                      RECORD_HEADERS, RECORD_SHEET, RESULT_AREAS_TABLE, RESULT_INDICATORS_TABLE,
                      RESULT_PARTICIPANTS_TABLE, RESULT_SHEET, TOTAL_ROW, TOTAL_UNIT, VERIFICATIONS_TABLE, Table)
from ..styles import LINE_HEIGHT, SIGNED_FORMAT, line_count, status_style

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
    """Grow an Excel table object to ``last_row`` (rows xlbokslut appended below it)."""

    table: str
    last_row: int


class Block(NamedTuple):
    """A table on an owned sheet: rows of values, a style per cell, a number format per column."""

    heading: str
    table: Table
    rows: list[list[object]]
    styles: list[list[str]]
    formats: Mapping[str, str] = MappingProxyType({})


def lay_out(name: str, title: str, subtitle: str, blocks: list[Block]) -> SheetLayout:
    """Title, subtitle, then each block: a heading, the header row, the rows, and an Excel table over them
    (with one empty row when there are no rows). Widths are the widest column spec of each column."""
    grids = [Grid(1, 1, [[title]], [["title"]]), Grid(2, 1, [[subtitle]], [["sheet_note"]])]
    tables, widths = [], {}
    row = FIRST_BLOCK_ROW
    for block in blocks:
        columns = block.table.columns
        grids.append(Grid(row, 1, [[block.heading]], [["block_heading"]]))
        header = row + 1
        grids.append(Grid(header, 1, [list(block.table.headers)], [["plain"] * len(columns)], (),
                          (True,) * len(columns)))
        for col, column in enumerate(columns, start=1):
            widths[col] = max(widths.get(col, 0), column.width)
        if block.rows:
            grids.append(Grid(header + 1, 1, block.rows, block.styles,
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
def verification_writes(table: TableData, ev: Evaluation) -> list[CellWrite]:
    """Utfall and Status for every row of tblVerifikationer (blank for rows with nothing to evaluate)."""
    col_outcome = table.columns["utfall"]
    col_status = table.columns["status"]
    writes = []
    for row in range(table.header_row + 1, table.last_row + 1):
        outcome = ev.verification_rows.get(row)
        text = outcome.text if outcome else None
        status = outcome.status if outcome else None
        writes.append(CellWrite(table.sheet, row, col_outcome, text or None))
        writes.append(CellWrite(table.sheet, row, col_status, status, status_style(status)))
    return writes


def figure_writes(table: TableData | None, figures: ParticipantTables | None, group_header: str
                  ) -> tuple[list[CellWrite], list[TableResize]]:
    """Deltagare and Bakgrund: the written columns of every row, the total cells xlbokslut fills, and the
    total rows it appends below the table."""
    if table is None or figures is None:
        return [], []
    col = table.columns
    written = [h for h in ("totalt", "andel (%)", "kontroll") if h in col]
    by_row = {line.row: line for line in figures.lines}
    appended = {line.row for line in figures.appended}
    writes = []
    for row in range(table.header_row + 1, table.last_row + len(figures.appended) + 1):
        line: Line | None = by_row.get(row)
        values = {"totalt": line.total, "andel (%)": line.percent, "kontroll": line.note} if line else {}
        for header in written:
            style = "warning" if header == "kontroll" and values.get(header) else "written"
            writes.append(CellWrite(table.sheet, row, col[header], values.get(header), style))
        if line is None:
            continue
        if line.row in appended:
            writes.append(CellWrite(table.sheet, row, col[group_header.casefold()], line.group, "plain"))
            writes.append(CellWrite(table.sheet, row, col["kategori"], line.category, "plain"))
        for gender, value in line.filled.items():  # None: a filled value withdrawn
            writes.append(CellWrite(table.sheet, row, col[gender.casefold()], value,
                                    "filled" if value is not None else "plain"))
    grow = appended and table.from_table_object and max(appended) > table.object_end
    resize = [TableResize(table.name, max(appended))] if grow else []
    return writes, resize


def equivalent_writes(table: TableData | None, ev: Evaluation) -> list[CellWrite]:
    if table is None:
        return []
    by_row = {line.row: line for line in ev.equivalents}
    writes = []
    for row in range(table.header_row + 1, table.last_row + 1):
        line = by_row.get(row)
        writes.append(CellWrite(table.sheet, row, table.columns["andel (%)"], line.share if line else None))
        writes.append(CellWrite(table.sheet, row, table.columns["förändring (procentenheter)"],
                                line.change if line else None))
    return writes


# --- the hidden record of what xlbokslut filled --------------------------------------------------------
def record_rows(ev: Evaluation) -> list[list[object]]:
    """What xlbokslut filled in typed columns, so that the next run tells those cells from typed ones."""
    rows = [list(RECORD_HEADERS)]
    for table, figures in (("Deltagare", ev.participants), ("Bakgrund", ev.background)):
        for line in (figures.lines if figures else []):
            for gender in GENDERS:
                if line.filled.get(gender) is not None:
                    rows.append([table, line.group, line.category, gender, line.filled[gender]])
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
    if not ev.participants or not ev.participants.units:
        return None
    rows, styles = [], []
    units = sorted(ev.participants.units.values(), key=lambda f: f.unit.casefold() == TOTAL_UNIT.casefold())
    for f in units:
        problems = sum(len(line.problems) for line in f.lines.values())
        positive = f.lines.get(P)
        rows.append([f.unit, f.get(D), f.get(NEW), f.get(A), throughput_text(f) or None,
                     f"{positive.percent} % ({f.get(P)} av {f.get(A)})" if positive and positive.percent is not None
                     else None,
                     f.lines[WORK].percent if WORK in f.lines else None,
                     f.lines[STUDIES].percent if STUDIES in f.lines else None,
                     f.lines[REMAINING].count() if REMAINING in f.lines else None,
                     "OK" if not problems else f"{problems} kontroller stämmer inte, se bladet Deltagare"])
        base = "total_row" if f.unit.casefold() == TOTAL_UNIT.casefold() else "plain"
        styles.append([base] * 9 + [base if not problems else "warning"])
    return Block("Deltagarna i siffror", RESULT_PARTICIPANTS_TABLE, rows, styles)


def _title(ev: Evaluation, what: str) -> str:
    s = ev.budget.settings
    return " – ".join(x for x in (what, s.organisation, s.year) if x)


def result_sheet(ev: Evaluation) -> SheetLayout:
    last = ev.last_year
    area_rows, area_styles = [], []
    for a in ev.areas:
        before = last.areas.get((a.unit, a.number)) if last else None
        area_rows.append([a.unit or None, a.number, a.name, a.goals, a.indicators, a.max_points, a.points,
                          a.reached_share, a.index, a.versus_target, before,
                          last.index_change(a.unit, a.number, a.index) if last else None, a.target_weight,
                          a.actual_weight, a.weight_check])
        style = "total_row" if a.number == TOTAL_ROW else "plain"
        area_styles.append([style] * 14 + [style if a.weight_check == "OK" else "warning"])
    ind_rows, ind_styles = [], []
    for r in ev.indicators:
        o, ind = r.outcome, r.indicator
        note = o.note if (o.status != REACHED or o.note) else ""
        before = last.of(r) if last else None
        ind_rows.append([ind.area, ind.goal_no, ind.number, ind.text, r.unit or None, r.target_text,
                         o.text or None, o.percent, o.status, r.points, r.max_points, o.to_target or None,
                         o.basis or None, (before.text or None) if before else None,
                         before.status if before else None, note or None])
        ind_styles.append(["plain"] * 8 + [status_style(o.status)] + ["plain"] * 5
                          + [status_style(before.status) if before else "plain", "plain"])
    blocks = [Block("IMPACTindex per målområde", RESULT_AREAS_TABLE, area_rows, area_styles,
                    {"Mot mål": SIGNED_FORMAT, "Förändring": SIGNED_FORMAT}),
              Block("Indikatorer", RESULT_INDICATORS_TABLE, ind_rows, ind_styles),
              *filter(None, [_participant_block(ev)])]
    return lay_out(RESULT_SHEET, _title(ev, "Resultat"),
                   "Skrivs av xlbokslut vid varje utvärdering. Ändringar på det här bladet skrivs över.", blocks)


def problems_sheet(ev: Evaluation) -> SheetLayout:
    rows = [[i.level, i.place or None, i.message] for i in ev.issues]
    styles = [["warning" if i.level == ERROR else "plain"] * 3 for i in ev.issues]
    if not rows:
        rows, styles = [["OK", None, "Inga problem hittades i indata."]], [["plain"] * 3]
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
    writes = verification_writes(tables[VERIFICATIONS_TABLE.name], ev)
    participant_writes, resizes = figure_writes(tables.get(PARTICIPANTS_TABLE.name), ev.participants, "Enhet")
    background_writes, more = figure_writes(tables.get(BACKGROUND_TABLE.name), ev.background, "Tabell")
    writes += participant_writes + background_writes + equivalent_writes(tables.get(EQUIVALENTS_TABLE.name), ev)
    sheets = [result_sheet(ev), problems_sheet(ev)]
    record = record_rows(ev)
    if len(record) > 1:
        sheets.append(record_sheet(record))
    return Plan(writes, grown_tables(tables) + resizes + more, sheets, [] if len(record) > 1 else [RECORD_SHEET])

