"""What the indicator kinds take and give, below them: where a row's numbers came from (``Source``), one
survey question's ``Tally``, and an indicator's ``Outcome`` with the statuses as the contract spells them.
``model`` gathers these with the other domain types."""
from __future__ import annotations

from enum import Enum
from fractions import Fraction
from types import MappingProxyType
from typing import NamedTuple
from collections.abc import Mapping

from .issues import Issue, joined

# The statuses of an indicator, as the contract spells them.
REACHED = "Uppnått"
NEAR = "Nära målet"
NOT_REACHED = "Ej uppnått"
MISSING = "Mätning saknas"
INPUT_ERROR = "Fel i indata"
STATUSES = (REACHED, NEAR, NOT_REACHED, MISSING, INPUT_ERROR)


class Origin(Enum):
    """Where a verification row's numbers came from, when they were not typed on the row."""

    SURVEY = "enkät"
    PARTICIPANTS = "Deltagare"
    EQUIVALENTS = "Helårsekvivalenter"
    EXAMPLES = "Exempel"


class Source(NamedTuple):
    """Where a verification row's numbers came from: ``origin``, and ``label`` as Kontroll names it
    ("Enkät Deltagarenkät 2021, kolumn C ”…”", "Deltagare (Ungdomstorget)")."""

    origin: Origin
    label: str


class Tally(NamedTuple):
    """One unit's (or the whole förbund's) count of one survey question."""

    positive: int = 0
    answered: int = 0
    by_gender: Mapping[str, tuple[int, int]] = MappingProxyType({})  # "Kvinnor"/"Män" → (positive, answered)
    total: Fraction = Fraction(0)  # the sum of numeric answers (for a mean)
    numeric: int = 0


class Outcome(NamedTuple):
    """An indicator's outcome for one bokslut.

    Attributes:
        status: one of schema.STATUSES.
        text: the outcome as printed, ``77 % (247 av 319)``.
        percent: the whole percent the status was decided on (None where it is not a percent).
        value: the number compared with the target (for "closest to target" lists).
        issues: why the status is not plain arithmetic (a cell at fault, a row missing), each with its place.
        remark: where a figure came from ("Hämtat från Deltagare (Ungdomstorget)"), for Kontroll.
        to_target: what it would have taken to reach the target ("3 fler positiva svar"); '' when reached.
        basis: what the figure rests on ("9 av 12; 95 % säkert mellan 47 och 91 %"), for Underlag.
        small: counted from fewer answers than the setting "Litet underlag (svar)".
    """

    status: str
    text: str = ""
    percent: int | None = None
    value: float | None = None
    issues: tuple[Issue, ...] = ()
    remark: str = ""
    to_target: str = ""
    basis: str = ""
    small: bool = False

    @property
    def note(self) -> str:
        """The Kontroll text: every issue with its place, then the remark."""
        return joined(self.issues, self.remark)
