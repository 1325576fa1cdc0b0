"""The evaluation: budget and verifications in, statuses, IMPACTindex and issues out. Pure, no I/O."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from .impact import area_results, points_for
from .links import LinkProblem, resolve
from .issues import Issue
from .model import Budget, Evaluation, Indicator, IndicatorResult, Outcome, Settings, Verification
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


@dataclass(frozen=True)
class Sources:
    """What linked outcomes read: participant figures per unit, helårsekvivalenter, the year."""

    participants: dict = field(default_factory=dict)
    equivalents: list = field(default_factory=list)
    year: int | None = None


def _inputs(kind: Kind, ver: Verification, sources: Sources) -> tuple[dict | Outcome, Verification]:
    """read_inputs, after following the row's "Hämta från" link if it has one; also the row as followed."""
    if ver.link:
        try:
            ver = resolve(ver, kind, sources.participants, sources.equivalents, sources.year)
        except LinkProblem as problem:
            text = str(problem)
            return error(text if text.startswith("Verifikationer!") else f"{ver.link_where}: {text}"), ver
    return read_inputs(kind, ver), ver


def _evaluate_row(ind: Indicator, kind: Kind, ver: Verification, settings, sources: Sources) -> Outcome:
    inputs, ver = _inputs(kind, ver, sources)
    if isinstance(inputs, Outcome):
        return inputs
    try:
        outcome = RULES[kind.name](ind.target, ind.upper, inputs, settings)
    except InputProblem as problem:
        where = ver.cells[problem.column].where if problem.column in ver.cells else ver.where
        return error(f"{where}: {problem}")
    return replace(outcome, note=f"Hämtat från {ver.source}") if ver.source else outcome


def _sum_units(ind: Indicator, kind: Kind, rows: list[Verification], settings, sources: Sources) -> Outcome:
    """The förbund's outcome from its units' counts (share, count and gender kinds only)."""
    if not kind.summable:
        return Outcome(MISSING, note=f"Typen {kind.name} kan inte summeras från enheterna; "
                                     "förbundet behöver en egen rad i Verifikationer (Enhet tom)")
    totals: dict[str, int] = {}
    used = []
    for ver in rows:
        inputs, _ = _inputs(kind, ver, sources)
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


def evaluate(budget: Budget, load_issues: list[Issue] | None = None, sources: Sources | None = None) -> Evaluation:
    settings = budget.settings
    sources = sources or Sources()
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
                outcome = _evaluate_row(ind, kind, rows[0], settings, sources)
            elif unit == "" and any(u for (n, u) in by_key if n == ind.number):
                unit_rows = [by_key[(ind.number, u)][0] for u in units if (ind.number, u) in by_key]
                outcome = _sum_units(ind, kind, unit_rows, settings, sources)
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


def evaluate_tables(tables: dict, filled_before: dict | None = None) -> Evaluation:
    """The whole evaluation of a workbook's tables (as the adapters read them), pure.

    ``filled_before`` is what xlbokslut recorded as filled on the previous run (see participants.py).
    """
    from .equivalents import evaluate_equivalents
    from .load import load_budget
    from .participants import evaluate_background, evaluate_participants
    from .schema import BACKGROUND_TABLE, EQUIVALENTS_TABLE, PARTICIPANTS_TABLE

    budget, issues = load_budget(tables)
    filled_before = filled_before or {}
    participants = evaluate_participants(tables.get(PARTICIPANTS_TABLE.name), filled_before, issues)
    background = evaluate_background(tables.get(BACKGROUND_TABLE.name), filled_before, issues)
    equivalents = evaluate_equivalents(tables.get(EQUIVALENTS_TABLE.name), issues)
    year = budget.settings.year
    sources = Sources(participants.units, equivalents, int(year) if year.isdigit() else None)
    return replace(evaluate(budget, issues, sources), participants=participants, background=background,
                   equivalents=tuple(equivalents))


def single(kind_name: str, target, inputs: dict[str, object], upper=None, settings: Settings | None = None
           ) -> Outcome:
    """One indicator on its own (worksheet functions, tests): raw inputs by Verifikationer header."""
    from .model import Cell, GoalArea
    from .schema import OUTCOME_COLUMNS

    kind = find_kind(kind_name or "")
    if kind is None:
        return Outcome(INPUT_ERROR, note=f"typen ”{kind_name}” finns inte")
    ind = Indicator("1", "1.1", "", "1.1.1", "", kind.name, target, upper, 1)
    ver = Verification("1.1.1", "", {c: Cell(inputs.get(c), c) for c in OUTCOME_COLUMNS}, row=1, where="indata")
    return evaluate(Budget(settings or Settings(), (GoalArea("1", "", 100),), (ind,), (ver,))).indicators[0].outcome
