"""Immutable domain types. Nothing here knows about Excel."""
from __future__ import annotations

from dataclasses import dataclass, field


def column_letter(col: int) -> str:
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def address(sheet: str, row: int, col: int) -> str:
    """``Sheet!B7`` for a 1-based row and column."""
    return f"{sheet}!{column_letter(col)}{row}"


class Uncomputed(str):
    """A formula cell whose value Excel never computed (the file was not saved by Excel)."""


@dataclass(frozen=True)
class Cell:
    """A raw value read from the workbook, with where it came from.

    Attributes:
        value: what the cell holds (number, text, bool, date or None).
        where: its address, ``Sheet!B7``.
    """

    value: object
    where: str


@dataclass(frozen=True)
class Settings:
    organisation: str = ""
    year: str = ""
    impact_target: float = 70
    near_pp: float = 3
    near_pct: float = 5
    near_points: float = 0
    weight_tolerance: float = 5
    round_shares: bool = True


@dataclass(frozen=True)
class GoalArea:
    """A målområde. ``target_weight`` is the målvikt in percent (None when not given)."""

    number: str
    name: str
    target_weight: float | None
    where: str = ""


@dataclass(frozen=True)
class Indicator:
    """One row of the social budget.

    Attributes:
        area, goal_no, goal: the målområde Nr, Mål-nr and Socialt mål (after fill-down).
        number, text, kind: Indikator-nr, the sentence, the Typ name.
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
    kind: str
    target: float | None
    upper: float | None
    weight: int
    source: str = ""
    problems: tuple[str, ...] = ()
    where: str = ""


@dataclass(frozen=True)
class Verification:
    """One row of tblVerifikationer: raw input cells by header, read by the indicator's kind.

    Attributes:
        indicator_no: the Indikator-nr it reports on.
        unit: '' for the whole förbund, else the plattform (a delbokslut).
        cells: the input cells by contract header ("Täljare", "Värde" …).
        reference: the Verifikation text (where the evidence is).
        row: the worksheet row, so that Utfall and Status can be written back.
        link: the "Hämta från" choice ('' when the numbers are typed); ``source`` says where they came from.
    """

    indicator_no: str
    unit: str
    cells: dict[str, Cell]
    reference: str = ""
    row: int = 0
    where: str = ""
    link: str = ""
    link_where: str = ""
    source: str = ""


@dataclass(frozen=True)
class Budget:
    """Everything read from the workbook that the evaluation needs."""

    settings: Settings
    areas: tuple[GoalArea, ...]
    indicators: tuple[Indicator, ...]
    verifications: tuple[Verification, ...]


@dataclass(frozen=True)
class Outcome:
    """An indicator's outcome for one bokslut.

    Attributes:
        status: one of schema.STATUSES.
        text: the outcome as printed, ``77 % (247 av 319)``.
        percent: the whole percent the status was decided on (None where it is not a percent).
        value: the number compared with the target (for "closest to target" lists).
        note: the reason, for Kontroll, where the status is not plain arithmetic.
    """

    status: str
    text: str = ""
    percent: int | None = None
    value: float | None = None
    note: str = ""


@dataclass(frozen=True)
class IndicatorResult:
    indicator: Indicator
    unit: str
    outcome: Outcome
    points: float
    max_points: int
    target_text: str
    verification: Verification | None = None


@dataclass(frozen=True)
class AreaResult:
    """A row of tblResultatMålområden (``number`` is schema.TOTAL_ROW for the total)."""

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


@dataclass(frozen=True)
class Evaluation:
    """Everything the evaluation produced; ``units`` lists the delbokslut ('' = förbund first)."""

    budget: Budget
    units: tuple[str, ...]
    indicators: tuple[IndicatorResult, ...]
    areas: tuple[AreaResult, ...]
    verification_rows: dict[int, Outcome] = field(default_factory=dict)
    issues: tuple = ()
    participants: object = None  # participants.ParticipantTables
    background: object = None  # participants.ParticipantTables (tblBakgrund)
    equivalents: tuple = ()  # equivalents.EquivalentLine


@dataclass(frozen=True)
class Row:
    """A data row of a table: its worksheet row number and its cells by normalised header."""

    number: int
    cells: dict[str, Cell]

    def get(self, header: str) -> Cell | None:
        return self.cells.get(" ".join(header.split()).casefold())


@dataclass(frozen=True)
class TableData:
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
