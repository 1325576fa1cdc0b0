"""The evaluation: budget and verifications in, statuses, IMPACTindex and issues out. Pure, no I/O."""
from __future__ import annotations

from .impact import area_results, points_for
from .issues import Issue
from .model import Budget, Evaluation, Indicator, IndicatorResult, Outcome, Verification
from .rules import RULES, InputProblem, error, target_text
from .schema import INPUT_ERROR, MISSING, Kind, find_kind
from .values import ValueProblem, is_blank, parse_count, parse_number, parse_pair, parse_percent, parse_yes_no


def _parser(kind: Kind, column: str):
    """How a Verifikationer column is read for a kind."""
    if column == "Värde":
        if kind.name == "Ja/Nej":
            return parse_yes_no
        if kind.name.startswith("Antal"):
            return parse_count
        if kind.name == "Minskning minst procentenheter":
            return parse_percent
        return lambda raw: None if (n := parse_number(raw)) is None else n.value
    if column == "Jämförelsevärde":
        if kind.name == "Minskning minst procentenheter":
            return parse_percent
        return lambda raw: None if (n := parse_number(raw)) is None else n.value
    return parse_count


# A pair typed in one cell ("52 av 54") fills the column and its denominator.
_PAIRS = {"Täljare": "Nämnare", "Kvinnor": "Kvinnor av", "Män": "Män av"}


def read_inputs(kind: Kind, ver: Verification) -> dict | Outcome:
    """The kind's inputs from a verification row, or the Outcome that says why there are none."""
    values: dict[str, object] = {}
    problems: list[str] = []
    columns = kind.reads + (("Nämnare",) if kind.name == "Medelvärde minst" else ())
    for column in columns:
        cell = ver.cells[column]
        if column in values:
            continue
        try:
            pair = parse_pair(cell.value) if column in _PAIRS else None
            if pair is not None:
                values[column], values[_PAIRS[column]] = pair
                other = ver.cells[_PAIRS[column]]
                if not is_blank(other.value) and parse_count(other.value) != pair[1]:
                    problems.append(f"{other.where}: {_PAIRS[column]} ({other.value}) stämmer inte med "
                                    f"”{cell.value}” i {column}")
            else:
                values[column] = _parser(kind, column)(cell.value)
        except ValueProblem as problem:
            problems.append(f"{cell.where}: {column}: {problem}")
            values[column] = "fel"
    if problems:
        return error("; ".join(problems))
    required = [c for c in kind.reads]
    blank = [c for c in required if values.get(c) is None]
    if len(blank) == len(required):
        return Outcome(MISSING, note=f"Inget utfall ifyllt på raden ({ver.where})")
    if blank:
        return error("; ".join(f"{ver.cells[c].where}: {c} saknas" for c in blank))
    return values


def _evaluate_row(ind: Indicator, kind: Kind, ver: Verification, settings) -> Outcome:
    inputs = read_inputs(kind, ver)
    if isinstance(inputs, Outcome):
        return inputs
    try:
        return RULES[kind.name](ind.target, ind.upper, inputs, settings)
    except InputProblem as problem:
        where = ver.cells[problem.column].where if problem.column in ver.cells else ver.where
        return error(f"{where}: {problem}")


def _sum_units(ind: Indicator, kind: Kind, rows: list[Verification], settings) -> Outcome:
    """The förbund's outcome from its units' counts (share, count and gender kinds only)."""
    if not kind.summable:
        return Outcome(MISSING, note=f"Typen {kind.name} kan inte summeras från enheterna; "
                                     "förbundet behöver en egen rad i Verifikationer (Enhet tom)")
    totals: dict[str, int] = {}
    used = []
    for ver in rows:
        inputs = read_inputs(kind, ver)
        if isinstance(inputs, Outcome):
            if inputs.status == INPUT_ERROR:
                return error(f"kan inte summera enheterna: {inputs.note}")
            continue
        used.append(ver.unit)
        for column, value in inputs.items():
            totals[column] = totals.get(column, 0) + (value or 0)
    if not used:
        return Outcome(MISSING, note="Ingen enhet har något utfall ifyllt")
    try:
        outcome = RULES[kind.name](ind.target, ind.upper, totals, settings)
    except InputProblem as problem:
        return error(f"summan av enheterna: {problem}")
    return Outcome(outcome.status, outcome.text, outcome.percent, outcome.value,
                   "Summerat från enheterna " + ", ".join(used))


def evaluate(budget: Budget, load_issues: list[Issue] | None = None) -> Evaluation:
    settings = budget.settings
    issues = list(load_issues or [])
    known = {ind.number: ind for ind in budget.indicators}
    units: list[str] = []
    by_key: dict[tuple[str, str], list[Verification]] = {}
    row_outcomes: dict[int, Outcome] = {}
    for ver in budget.verifications:
        if not ver.indicator_no:
            row_outcomes[ver.row] = error(f"{ver.where}: Indikator-nr saknas")
            issues.append(Issue(ver.where, "Indikator-nr saknas på raden"))
            continue
        if ver.indicator_no not in known:
            row_outcomes[ver.row] = error(f"{ver.where}: Indikator-nr {ver.indicator_no} finns inte i Budget")
            issues.append(Issue(ver.where, f"Indikator-nr {ver.indicator_no} finns inte i Budget"))
            continue
        if ver.unit and ver.unit not in units:
            units.append(ver.unit)
        by_key.setdefault((ver.indicator_no, ver.unit), []).append(ver)

    results: list[IndicatorResult] = []
    for unit in ["", *units]:
        for ind in budget.indicators:
            kind = find_kind(ind.kind)
            rows = by_key.get((ind.number, unit), [])
            if ind.problems:
                outcome = error("; ".join(ind.problems))
            elif len(rows) > 1:
                where = ", ".join(v.where for v in rows)
                outcome = error(f"flera rader i Verifikationer för samma indikator och enhet: {where}")
                issues.append(Issue(rows[0].where, f"Indikator {ind.number}"
                                                   f"{' för ' + unit if unit else ''} har flera rader: {where}"))
            elif rows:
                outcome = _evaluate_row(ind, kind, rows[0], settings)
            elif unit == "" and any(u for (n, u) in by_key if n == ind.number):
                unit_rows = [by_key[(ind.number, u)][0] for u in units if (ind.number, u) in by_key]
                outcome = _sum_units(ind, kind, unit_rows, settings)
            else:
                outcome = Outcome(MISSING, note="Ingen rad i Verifikationer" + (f" för {unit}" if unit else ""))
            if outcome.status == INPUT_ERROR and rows and not ind.problems:
                place, _, message = outcome.note.partition(": ")
                issues.append(Issue(place, message))
            for ver in rows:
                row_outcomes[ver.row] = outcome
            results.append(IndicatorResult(
                ind, unit, outcome, points_for(outcome.status, ind.weight, settings), ind.weight,
                target_text(ind.kind, ind.target, ind.upper) if kind else "", rows[0] if len(rows) == 1 else None))

    areas = []
    for unit in ["", *units]:
        areas += area_results(unit, budget.areas, [r for r in results if r.unit == unit], settings)
    return Evaluation(budget, tuple(["", *units]), tuple(results), tuple(areas), row_outcomes, tuple(issues))
