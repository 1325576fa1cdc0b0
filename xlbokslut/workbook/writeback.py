"""What an evaluation writes into the user's workbook, as a plan both adapters apply the same way.

The plan holds only the cells xlbokslut owns: the written columns of the
input tables (every row of the table, so that a cleared row loses its old
result) and whole sheets (Resultat, Indataproblem) that are rebuilt each run.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..issues import ERROR
from ..model import Evaluation, TableData
from ..schema import (PROBLEMS_SHEET, PROBLEMS_TABLE, REACHED, RESULT_AREAS_TABLE, RESULT_INDICATORS_TABLE,
                      RESULT_SHEET, Table)
from ..styles import status_style

SIGNED_FORMAT = '+0;"−"0;0'


@dataclass(frozen=True)
class CellWrite:
    sheet: str
    row: int
    col: int
    value: object
    style: str = "written"


@dataclass
class Block:
    """A table on an owned sheet: rows of values, a style per cell, a number format per column."""

    heading: str
    table: Table
    rows: list[list[object]]
    styles: list[list[str]]
    formats: dict[str, str] = field(default_factory=dict)


@dataclass
class OwnedSheet:
    """A sheet written entirely by xlbokslut."""

    name: str
    title: str
    subtitle: str
    blocks: list[Block]


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


def _title(ev: Evaluation, what: str) -> str:
    s = ev.budget.settings
    return " – ".join(x for x in (what, s.organisation, s.year) if x)


def result_sheet(ev: Evaluation) -> OwnedSheet:
    area_rows, area_styles = [], []
    for a in ev.areas:
        area_rows.append([a.unit or None, a.number, a.name, a.goals, a.indicators, a.max_points, a.points,
                          a.reached_share, a.index, a.versus_target, a.target_weight, a.actual_weight,
                          a.weight_check])
        style = "total" if a.number == "Totalt" else "plain"
        check_style = style if a.weight_check == "OK" else "warning"
        area_styles.append([style] * 12 + [check_style])
    ind_rows, ind_styles = [], []
    for r in ev.indicators:
        o, ind = r.outcome, r.indicator
        note = o.note if (o.status != REACHED or o.note) else ""
        ind_rows.append([ind.area, ind.goal_no, ind.number, ind.text, r.unit or None, r.target_text,
                         o.text or None, o.percent, o.status, r.points, r.max_points, note or None])
        ind_styles.append(["plain"] * 8 + [status_style(o.status)] + ["plain"] * 3)
    return OwnedSheet(RESULT_SHEET, _title(ev, "Resultat"),
                      "Skrivs av xlbokslut vid varje utvärdering. Ändringar på det här bladet skrivs över.",
                      [Block("IMPACTindex per målområde", RESULT_AREAS_TABLE, area_rows, area_styles,
                             {"Mot mål": SIGNED_FORMAT}),
                       Block("Indikatorer", RESULT_INDICATORS_TABLE, ind_rows, ind_styles)])


def problems_sheet(ev: Evaluation) -> OwnedSheet:
    rows = [[i.level, i.where or None, i.message] for i in ev.issues]
    styles = [["warning" if i.level == ERROR else "plain"] * 3 for i in ev.issues]
    if not rows:
        rows, styles = [["OK", None, "Inga problem hittades i indata."]], [["plain"] * 3]
    return OwnedSheet(PROBLEMS_SHEET, _title(ev, "Problem i indata"),
                      "Rätta cellerna som anges under Plats och utvärdera igen. Skrivs av xlbokslut.",
                      [Block("Problem att rätta", PROBLEMS_TABLE, rows, styles)])
