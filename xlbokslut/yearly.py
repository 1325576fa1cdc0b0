"""This year beside last year: last year's bokslut, evaluated with its own settings, matched indicator by
indicator (Indikator-nr and Enhet) and area by area (Enhet and Nr). An indicator that is new this year, or whose
text or kind changed, is marked so and never compared blindly. Pure: the adapters read last year's file."""
from __future__ import annotations

from types import MappingProxyType
from typing import NamedTuple
from collections.abc import Mapping

from .model import NEAR, NOT_REACHED, REACHED, Evaluation, IndicatorResult

NEW, CHANGED = "nytt", "ändrad"
_RANK = {REACHED: 2, NEAR: 1, NOT_REACHED: 0}
ARROWS = {1: "▲", -1: "▼", 0: "▶"}


class LastYearIndicator(NamedTuple):
    """Last year's result of one indicator (and unit).

    Attributes:
        text: last year's Utfall ('' for a new indicator).
        status: last year's status, or ``nytt`` / ``ändrad``.
        change: +1 better than last year, −1 worse, 0 the same; None when the two cannot be compared.
    """

    text: str
    status: str
    change: int | None = None


class LastYear(NamedTuple):
    """Last year's bokslut as this year's results need it.

    Attributes:
        name: the file it was read from.
        indicators: by (Indikator-nr, Enhet).
        areas: last year's IMPACTindex by (Enhet, Nr); the total's Nr is schema.TOTAL_ROW.
    """

    name: str
    year: str
    indicators: Mapping[tuple[str, str], LastYearIndicator] = MappingProxyType({})
    areas: Mapping[tuple[str, str], int | None] = MappingProxyType({})

    def of(self, result: IndicatorResult) -> LastYearIndicator | None:
        return self.indicators.get((result.indicator.number, result.unit))

    def index_change(self, unit: str, number: str, index: int | None) -> int | None:
        before = self.areas.get((unit, number))
        return None if index is None or before is None else index - before


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _change(now: str, before: str) -> int | None:
    if now not in _RANK or before not in _RANK:
        return None
    return (_RANK[now] > _RANK[before]) - (_RANK[now] < _RANK[before])


def compare(this: Evaluation, last: Evaluation, name: str) -> LastYear:
    """Every result of this year matched with last year's (``last`` evaluated on its own)."""
    before = {(r.indicator.number, r.unit): r for r in last.indicators}
    indicators = {}
    for r in this.indicators:
        old = before.get((r.indicator.number, r.unit))
        if old is None:
            indicators[(r.indicator.number, r.unit)] = LastYearIndicator("", NEW)
        elif not _same(old.indicator.text, r.indicator.text) or old.indicator.kind is not r.indicator.kind:
            indicators[(r.indicator.number, r.unit)] = LastYearIndicator(old.outcome.text, CHANGED)
        else:
            indicators[(r.indicator.number, r.unit)] = LastYearIndicator(
                old.outcome.text, old.outcome.status, _change(r.outcome.status, old.outcome.status))
    areas = {(a.unit, a.number): a.index for a in last.areas}
    return LastYear(name, last.budget.settings.year, MappingProxyType(indicators), MappingProxyType(areas))


def arrow(change: int | None) -> str:
    """▲ up, ▼ down, ▶ unchanged; '' when there is nothing to compare."""
    return "" if change is None else ARROWS[(change > 0) - (change < 0)]
