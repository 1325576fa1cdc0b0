"""Immutable domain types. Nothing here knows about Excel."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from types import MappingProxyType
from typing import NamedTuple
from collections.abc import Mapping

from .issues import Issue
from .kinds import Kind
from .settings import Settings
# the types the kinds take and give, gathered here with the others
from .outcome import (INPUT_ERROR, MISSING, NEAR, NOT_REACHED, REACHED, STATUSES, Origin, Outcome,  # noqa: F401
                      Source, Tally)
from .values import Cell


@cache
def column_letter(col: int) -> str:
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def address(sheet: str, row: int, col: int) -> str:
    """``Sheet!B7`` for a 1-based row and column."""
    return f"{sheet}!{column_letter(col)}{row}"


class GoalArea(NamedTuple):
    """A målområde. ``target_weight`` is the målvikt in percent (None when not given)."""

    number: str
    name: str
    target_weight: float | None
    where: str = ""


class Indicator(NamedTuple):
    """One row of the social budget.

    Attributes:
        area, goal_no, goal: the målområde Nr, Mål-nr and Socialt mål (after fill-down).
        number, text: Indikator-nr and the sentence.
        kind: the Typ (a ``kinds.Kind`` from the registry in schema.py); None when the Typ is unknown.
        target, upper: Målvärde and Övre gräns in the kind's unit (percent as 80, not 0.8).
        weight: Vikt.
        problems: what is wrong with this budget row; the indicator is then "Fel i indata".
        where: the row's Indikator-nr cell, for messages.
    """

    area: str
    goal_no: str
    goal: str
    number: str
    text: str
    kind: Kind | None
    target: float | None
    upper: float | None
    weight: int
    source: str = ""
    problems: tuple[Issue, ...] = ()
    where: str = ""

    @property
    def target_text(self) -> str:
        return _target_text(self.kind, self.target, self.upper) if self.kind else ""


@lru_cache(maxsize=4096)
def _target_text(kind, target, upper) -> str:
    """How the board reads a target (the same for every unit and every sheet that prints it)."""
    return kind.target_text(target, upper)


class Verification(NamedTuple):
    """One row of tblVerifikationer: raw input cells by header, read by the indicator's kind.

    Attributes:
        indicator_no: the Indikator-nr it reports on.
        unit: '' for the whole förbund, else the plattform (a delbokslut).
        cells: the input cells by contract header ("Täljare", "Värde" …).
        reference: the Verifikation text (where the evidence is).
        row: the worksheet row, so that Utfall and Status can be written back.
        link: the "Hämta från" choice ('' when the numbers are typed).
        source: where the numbers came from (a link or a survey); None when they were typed on the row.
    """

    indicator_no: str
    unit: str
    cells: dict[str, Cell]
    reference: str = ""
    row: int = 0
    where: str = ""
    link: str = ""
    link_where: str = ""
    source: Source | None = None
    problem: Issue | None = None  # the row cannot be used (a survey question that cannot be counted)


class Budget(NamedTuple):
    """Everything read from the workbook that the evaluation needs.

    Attributes:
        settings: tblInställningar.
        areas, indicators, verifications: tblMålområden, tblBudget and tblVerifikationer, in the order typed.
    """

    settings: Settings
    areas: tuple[GoalArea, ...]
    indicators: tuple[Indicator, ...]
    verifications: tuple[Verification, ...]


class IndicatorResult(NamedTuple):
    indicator: Indicator
    unit: str
    outcome: Outcome
    points: float
    max_points: int
    verification: Verification | None = None

    @property
    def target_text(self) -> str:
        return self.indicator.target_text


@dataclass(frozen=True)
class AreaResult:
    """A row of tblResultatMålområden (``number`` is schema.TOTAL_ROW for the total). A dataclass, not a
    NamedTuple: its field ``index`` would shadow ``tuple.index``."""

    unit: str
    number: str
    name: str
    goals: int
    indicators: int
    max_points: float
    points: float
    reached_share: int | None
    index: int | None
    versus_target: int | None
    target_weight: float | None
    actual_weight: int | None
    weight_check: str
    measured_weight: int | None = None  # the share (%) of the budget's weight that has an outcome


class Evaluation(NamedTuple):
    """Everything the evaluation produced.

    Attributes:
        units: the bokslut evaluated: '' (the förbund) first, then each unit with a delbokslut.
        indicators, areas: the rows of tblResultatIndikatorer and tblResultatMålområden, unit by unit.
        verification_rows: each tblVerifikationer row's outcome, by worksheet row (for Utfall and Status).
        issues: every problem in the input, each once, in the order found.
        participants, background, equivalents: tblDeltagare, tblBakgrund and tblHelårsekvivalenter as evaluated.
        examples: the written case examples of tblExempel.
        last_year: last year's results beside this year's (None without a last-year workbook).
    """

    budget: Budget
    units: tuple[str, ...]
    indicators: tuple[IndicatorResult, ...]
    areas: tuple[AreaResult, ...]
    verification_rows: Mapping[int, Outcome] = MappingProxyType({})
    issues: tuple = ()
    participants: object = None  # participants.ParticipantTables
    background: object = None  # participants.ParticipantTables (tblBakgrund)
    equivalents: tuple = ()  # equivalents.EquivalentLine
    examples: tuple[CaseExample, ...] = ()
    last_year: object = None  # yearly.LastYear, when last year's workbook was read
    surveys: Mapping = MappingProxyType({})  # (Indikator-nr, Enhet) → survey.SurveyCount


class CaseExample(NamedTuple):
    """A written case example (tblExempel): a framgångsbeskrivning or a good example for an indicator.

    Attributes:
        unit: '' for the whole förbund, else the plattform.
        where: the row's Indikator-nr cell.
    """

    indicator_no: str
    unit: str
    title: str
    text: str
    reference: str
    where: str


class Row(NamedTuple):
    """A data row of a table: its worksheet row number and its cells by normalised header."""

    number: int
    cells: dict[str, Cell]

    def get(self, header: str) -> Cell | None:
        return self.cells.get(" ".join(header.split()).casefold())

    def cell(self, header: str) -> Cell:
        """The cell of a column the contract requires: every row read has one (a table without it is unreadable)."""
        return self.cells[" ".join(header.split()).casefold()]


class TableData(NamedTuple):
    """A contract table as read from a sheet: where it is and its non-blank data rows.

    Attributes:
        columns: worksheet column number (1-based) by normalised header.
        header_row: the worksheet row of the headers.
        last_row: the table's last worksheet row (the end of the table object, or of the sheet).
    """

    name: str
    sheet: str
    header_row: int
    last_row: int
    columns: dict[str, int]
    rows: tuple[Row, ...]
    from_table_object: bool = True
    free_below: int = 10**6  # empty rows right below the table (room to append total rows)
    object_end: int = 0  # the Excel table object's last row (it may run on below last_row); 0 without one
    unread: tuple = ()  # Issues: what the sheet holds outside its tables (on the sheet's first table only)
