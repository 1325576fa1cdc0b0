"""IMPACTindex per målområde and in total, the share reached and the weight check."""
from __future__ import annotations

from fractions import Fraction

from .kinds import exact
from .model import MISSING, NEAR, REACHED, AreaResult, GoalArea, Indicator, IndicatorResult
from .schema import TOTAL_ROW
from .settings import Settings
from .values import fmt_num, round_half_up


def points_for(status: str, weight: int, settings: Settings) -> float:
    """The IMPACT points an indicator earns: its weight when reached, a setting's share when near."""
    if status == REACHED:
        return weight
    if status == NEAR and settings.near_points:
        return float(exact(weight) * exact(settings.near_points))
    return 0


def _percent(part, whole) -> int | None:
    return round_half_up(Fraction(100) * exact(part) / exact(whole)) if whole else None


def _row(unit: str, number: str, name: str, results: list[IndicatorResult], settings: Settings,
         target_weight: float | None, actual_weight: int | None, weight_check: str, budget_weight: float) -> AreaResult:
    """One row. The förbund's counts every indicator (one not measured earns 0); a unit's only the ones measured
    for it, and none at all when they carry too little of the budget's weight (see _unit_check)."""
    measured = [r for r in results if r.outcome.status != MISSING]
    scored = measured if unit else results
    max_points = sum(r.max_points for r in scored)
    points = sum(r.points for r in scored)
    measured_max = sum(r.max_points for r in measured)
    index = _percent(points, max_points)
    if unit:
        enough = bool(budget_weight) and exact(measured_max) >= exact(settings.unit_min_measured) * exact(budget_weight)
        index = index if enough else None
        weight_check = _unit_check(measured_max, budget_weight, enough, settings)
        actual_weight = None
    reached = sum(1 for r in scored if r.outcome.status == REACHED)
    return AreaResult(
        unit=unit, number=number, name=name,
        goals=len({(r.indicator.area, r.indicator.goal_no) for r in results}),
        indicators=len(results), max_points=max_points, points=points,
        reached_share=_percent(reached, len(scored)),
        index=index,
        versus_target=None if index is None else index - round_half_up(settings.impact_target),
        target_weight=target_weight, actual_weight=actual_weight if max_points else None,
        weight_check=weight_check, measured_weight=_percent(measured_max, budget_weight))


def _unit_check(measured_max: float, budget_weight: float, enough: bool, settings: Settings) -> str:
    """What a unit's row rests on, in place of the förbund's weight check."""
    least = round_half_up(100 * exact(settings.unit_min_measured))
    if not measured_max:
        return "Inget index: inget är mätt för enheten här"
    share = _percent(measured_max, budget_weight)
    if not enough:
        return f"Inget index: bara {share} % av vikten är mätt för enheten (minst {least} %)"
    return f"Index över det som är mätt för enheten: {share} % av vikten"


def _weight_check(area: GoalArea | None, max_points: float, actual: int | None, settings: Settings) -> str:
    if not max_points:
        return "Inga impactpoäng i målområdet (alla vikter 0 eller inga indikatorer): inget index"
    if area is None or area.target_weight is None:
        return "Målvikt saknas"
    assert actual is not None  # the area has impactpoäng, so the whole has too
    tolerance = fmt_num(settings.weight_tolerance)
    if abs(exact(actual) - exact(area.target_weight)) <= exact(settings.weight_tolerance):
        return "OK"
    return f"{actual} % mot målvikt {fmt_num(area.target_weight)} % ± {tolerance}"


def area_results(unit: str, areas: tuple[GoalArea, ...], results: list[IndicatorResult],
                 settings: Settings, budget: tuple[Indicator, ...] = ()) -> list[AreaResult]:
    """One row per målområde (in the order of tblMålområden), then the Totalt row. ``budget``: every indicator
    of the budget, for the share of its weight measured (default: those of ``results``)."""
    by_area: dict[str, list[IndicatorResult]] = {a.number: [] for a in areas}
    for r in results:
        by_area.setdefault(r.indicator.area, []).append(r)
    weights: dict[str, float] = {}
    for ind in budget or [r.indicator for r in results]:
        weights[ind.area] = weights.get(ind.area, 0) + ind.weight
    known = {a.number: a for a in areas}
    total_max = sum(r.max_points for r in results)
    rows = []
    for number, members in by_area.items():
        area = known.get(number)
        max_points = sum(r.max_points for r in members)
        actual = _percent(max_points, total_max)
        rows.append(_row(unit, number, area.name if area else "(okänt målområde)", members, settings,
                         area.target_weight if area else None, actual,
                         _weight_check(area, max_points, actual, settings), weights.get(number, 0)))
    weight_list = [a.target_weight for a in areas if a.target_weight is not None]
    weight_sum = sum(exact(w) for w in weight_list)
    if len(weight_list) < len(areas):
        total_check = "Målvikt saknas för något målområde"
    elif weight_sum == 100:
        total_check = "OK"
    else:
        total_check = f"Målvikterna summerar till {fmt_num(weight_sum)} %, inte 100 %"
    rows.append(_row(unit, TOTAL_ROW, "Totalt", results, settings, float(weight_sum) if weight_list else None,
                     100 if total_max else None, total_check, sum(weights.values())))
    return rows
