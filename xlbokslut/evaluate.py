"""The evaluation: budget and verifications in, statuses, IMPACTindex and issues out. Pure, no I/O."""
from __future__ import annotations


from collections.abc import Mapping
from types import MappingProxyType

from .confidence import underlag
from .impact import area_results, points_for
from .issues import Issue
from .kinds import Kind, error
from .links import Sources, resolve
from .model import (INPUT_ERROR, MISSING, NEAR, NOT_REACHED, REACHED, Budget, Evaluation, Indicator,
                    IndicatorResult, Origin, Outcome, Source, Verification)
from .schema import AREAS_TABLE, TOTAL_ROW, find_kind
from .settings import Settings
from .values import row_span, sentence


def _inputs(kind: Kind, ver: Verification, sources: Sources) -> tuple[dict | Outcome, Verification]:
    """The kind's inputs from a row, after following its "Hämta från" link if it has one; also the row as
    followed."""
    if ver.link:
        followed = resolve(ver, kind, sources)
        if isinstance(followed, Issue):
            return error(followed), ver
        ver = followed
    return kind.read_inputs(ver.cells, ver.where), ver


# What a full count (not a sample) counted, by where its numbers came from.
_CENSUS = {Origin.PARTICIPANTS: "deltagare", Origin.EQUIVALENTS: "deltagare", Origin.EXAMPLES: "exempel"}


def _explained(ind: Indicator, kind: Kind, inputs: dict, settings: Settings, outcome: Outcome,
               source: Source | None = None, census: str = "") -> Outcome:
    """The outcome with what it would have taken to reach the target and what it rests on: an interval
    for a sample, the count for a census (``census``: what was counted, from ``_CENSUS``)."""
    if outcome.status not in (REACHED, NEAR, NOT_REACHED):
        return outcome
    to_target = "" if outcome.status == REACHED else kind.to_target(ind.target, ind.upper, inputs, settings, source)
    basis, small = underlag(kind.basis(inputs), settings.small_base, census)
    return outcome._replace(to_target=to_target, basis=basis, small=small)


def _evaluate_row(ind: Indicator, kind: Kind, ver: Verification, settings: Settings, sources: Sources) -> Outcome:
    if ver.problem is not None:
        return error(ver.problem)
    inputs, ver = _inputs(kind, ver, sources)
    if isinstance(inputs, Outcome):
        return inputs
    outcome = _explained(ind, kind, inputs, settings, kind.outcome(ind.target, ind.upper, inputs, settings),
                         ver.source, _census(ver))
    if outcome.issues:  # an issue about a column of the row (or the row): put the cell's address there
        outcome = outcome._replace(issues=tuple(i._replace(place=ver.cells[i.place].where if i.place in ver.cells
                                                           else i.place or ver.where) for i in outcome.issues))
    return outcome._replace(remark=f"Hämtat från {ver.source.label}") if ver.source else outcome


def _census(ver: Verification) -> str:
    """What a row linked to a full count counted; '' for a survey or typed numbers (maybe a sample)."""
    return _CENSUS.get(ver.source.origin, "") if ver.source is not None else ""


def _counted_from_survey(ver: Verification) -> bool:
    return ver.source is not None and ver.source.origin is Origin.SURVEY


def _sum_units(ind: Indicator, kind: Kind, rows: list[Verification], settings: Settings, sources: Sources
               ) -> Outcome:
    """The förbund's outcome from its units' counts (share, count and gender kinds only)."""
    if not kind.summable:
        return Outcome(MISSING, remark=f"Typen {kind.name} kan inte summeras från enheterna; "
                                       "förbundet behöver en egen rad i Verifikationer (Enhet tom)")
    totals: dict[str, int] = {}
    used = []
    counted = set()
    for ver in rows:
        inputs, followed = _inputs(kind, ver, sources)
        if isinstance(inputs, Outcome):
            if inputs.status == INPUT_ERROR:
                return error(*(i._replace(message=f"kan inte summera enheterna: {i.message}") for i in inputs.issues))
            continue
        if any(column not in inputs for column in kind.reads):
            return Outcome(MISSING, remark=f"{ver.unit} har bara en andel i procent; enheternas andelar kan inte "
                                           "summeras, så förbundet behöver en egen rad (Enhet tom)")
        used.append(ver.unit)
        counted.add(_census(followed))
        for column, value in inputs.items():
            totals[column] = totals.get(column, 0) + (value or 0)
    if not used:
        return Outcome(MISSING, remark="Ingen enhet har något utfall ifyllt")
    census = counted.pop() if len(counted) == 1 else ""  # a census only if every unit's count is one
    outcome = _explained(ind, kind, totals, settings, kind.outcome(ind.target, ind.upper, totals, settings),
                         census=census)
    if outcome.status == INPUT_ERROR:
        return error(*(Issue("", f"summan av enheterna: {i.message}") for i in outcome.issues))
    return outcome._replace(remark="Summerat från enheterna " + ", ".join(used))


def _outcome(ind: Indicator, unit: str, rows: list[Verification], unit_rows: list[Verification], settings: Settings,
             sources: Sources) -> Outcome:
    kind = ind.kind
    if ind.problems or kind is None:  # an indicator without a kind has the problem "Typ saknas"
        if not rows and not unit_rows:  # nothing measured: the budget's problem is listed, the status says so
            return Outcome(MISSING, remark="Ingen rad i Verifikationer; rätta också Budget: "
                                           + "; ".join(i.message for i in ind.problems))
        return error(*ind.problems)
    if len(rows) > 1:
        surveyed = [v for v in rows if _counted_from_survey(v)]
        typed = [v for v in rows if not _counted_from_survey(v)]
        if typed and surveyed:
            return error(Issue(typed[0].where, f"Indikator {ind.number}{' för ' + unit if unit else ''} har både "
                                               f"ett ifyllt utfall ({', '.join(v.where for v in typed)}) och en "
                                               f"enkätfråga ({surveyed[0].where}): töm utfallet eller ta bort "
                                               "raden i Enkätfrågor"))
        where = ", ".join(v.where for v in rows)
        return error(Issue(rows[0].where, f"Indikator {ind.number}{' för ' + unit if unit else ''} har flera rader "
                                          f"i Verifikationer: {where}"))
    if rows:
        return _evaluate_row(ind, kind, rows[0], settings, sources)
    if unit_rows:
        return _sum_units(ind, kind, unit_rows, settings, sources)
    return Outcome(MISSING, remark="Ingen rad i Verifikationer" + (f" för {unit}" if unit else ""))


def _weight_issues(budget: Budget, areas) -> list[Issue]:
    """The målvikter that do not add up to 100 (or one missing), as a warning at the sheet Målområden: the index
    is computed, but the weights do not say what the budget means. (How far each area's share of the points is
    from its målvikt is Resultat's Viktkontroll, a property of the budget, not a slip.)"""
    return [Issue.warning(AREAS_TABLE.sheet, a.weight_check)
            for a in areas if not a.unit and a.number == TOTAL_ROW and a.weight_check != "OK"]


def evaluate(budget: Budget, load_issues: list[Issue] | None = None, sources: Sources | None = None) -> Evaluation:
    settings = budget.settings
    sources = sources or Sources()
    issues = dict.fromkeys(load_issues or [])  # ordered, and each issue once
    known = {ind.number: ind for ind in budget.indicators}
    units: list[str] = []
    by_key: dict[tuple[str, str], list[Verification]] = {}
    row_outcomes: dict[int, Outcome] = {}
    for ver in budget.verifications:
        if not ver.indicator_no:
            problem = Issue(ver.where, "Indikator-nr saknas på raden")
        elif ver.indicator_no not in known:
            problem = Issue(ver.where, f"Indikator-nr {ver.indicator_no} finns inte i Budget")
        else:
            if ver.unit and ver.unit not in units:
                units.append(ver.unit)
            by_key.setdefault((ver.indicator_no, ver.unit), []).append(ver)
            continue
        row_outcomes[ver.row] = error(problem)
        issues[problem] = None

    results: list[IndicatorResult] = []
    for unit in ["", *units]:
        for ind in budget.indicators:
            rows = by_key.get((ind.number, unit), [])
            if unit and not rows:  # a unit's delbokslut lists only the indicators measured for it
                continue
            unit_rows = [by_key[(ind.number, u)][0] for u in units if (ind.number, u) in by_key] if unit == "" else []
            outcome = _outcome(ind, unit, rows, unit_rows, settings, sources)
            if rows:
                issues.update(dict.fromkeys(outcome.issues))
                for ver in rows:
                    row_outcomes[ver.row] = outcome
                    if ind.kind is not None:
                        issues.update(dict.fromkeys(ind.kind.unread(ver.cells)))
            results.append(IndicatorResult(ind, unit, outcome, points_for(outcome.status, ind.weight, settings),
                                           ind.weight, rows[0] if len(rows) == 1 else None))

    areas = []
    for unit in ["", *units]:
        areas += area_results(unit, budget.areas, [r for r in results if r.unit == unit], settings,
                              budget.indicators)
    issues.update(dict.fromkeys(_weight_issues(budget, areas)))
    return Evaluation(budget, tuple(["", *units]), tuple(results), tuple(areas), row_outcomes, tuple(issues))


def _with_surveys(budget: Budget, table, sheets) -> tuple[Budget, Mapping, list[Issue]]:
    """The budget with its verifications counted from survey answers added (tblEnkätfrågor), what was counted,
    and the problems."""
    from .survey import load_questions, survey_verifications

    questions, issues = load_questions(table, {i.number for i in budget.indicators})
    if not questions:
        return budget, {}, issues
    names, values_of = sheets
    counted = survey_verifications(questions, {i.number: i.kind for i in budget.indicators}, budget.verifications,
                                   names, values_of)
    return budget._replace(verifications=counted.verifications), counted.counts, issues + list(counted.issues)


def evaluate_tables(tables: dict, filled_before: dict | None = None, sheets=None,
                    unreadable: Mapping[str, Issue] = MappingProxyType({})) -> Evaluation:
    """The whole evaluation of a workbook's tables (as the adapters read them), pure.

    ``filled_before`` is what xlbokslut recorded as filled on the previous run (see participants.py);
    ``sheets`` = (sheet names, a function giving a sheet's values), for the survey answers tblEnkätfrågor names;
    ``unreadable``: the optional tables that are there but could not be read, by name, with why.
    """
    from .equivalents import evaluate_equivalents
    from .load import load_budget, load_examples
    from .participants import evaluate_background, evaluate_participants
    from .schema import BACKGROUND_TABLE, EQUIVALENTS_TABLE, EXAMPLES_TABLE, PARTICIPANTS_TABLE, SURVEY_TABLE

    budget, issues = load_budget(tables)
    issues += unreadable.values()
    surveys: Mapping = {}
    if sheets is not None:
        budget, surveys, survey_issues = _with_surveys(budget, tables.get(SURVEY_TABLE.name), sheets)
        issues += survey_issues
    for t in tables.values():
        if t is not None and t.from_table_object and t.last_row > t.object_end:
            rows = sentence(row_span(t.object_end + 1, t.last_row))
            them = "den" if t.last_row == t.object_end + 1 else "dem"
            issues.append(Issue.notice(f"{t.sheet}!A{t.object_end + 1}", f"{rows} står under tabellen på bladet "
                                       f"{t.sheet} och räknas till den; tabellen utvidgas över {them}"))
        issues += t.unread if t is not None else ()
    filled_before = filled_before or {}
    participants, participant_issues = evaluate_participants(tables.get(PARTICIPANTS_TABLE.name), filled_before,
                                                             budget.settings.varav_of)
    background, background_issues = evaluate_background(tables.get(BACKGROUND_TABLE.name), filled_before)
    equivalents, equivalent_issues = evaluate_equivalents(tables.get(EQUIVALENTS_TABLE.name))
    examples, example_issues = load_examples(tables.get(EXAMPLES_TABLE.name), {i.number for i in budget.indicators})
    issues += participant_issues + background_issues + equivalent_issues + example_issues
    year = budget.settings.year
    sources = Sources(participants.units, tuple(equivalents), int(year) if year.isdigit() else None, examples,
                      budget.settings.varav_of, unreadable)
    return evaluate(budget, issues, sources)._replace(participants=participants, background=background,
                                                      equivalents=tuple(equivalents), examples=examples,
                                                      surveys=surveys)


def single(kind_name: str, target, inputs: dict[str, object], upper=None, settings: Settings | None = None) -> Outcome:
    """One indicator on its own (worksheet functions, tests): raw inputs by Verifikationer header."""
    from .model import Cell, GoalArea
    from .schema import OUTCOME_COLUMNS

    kind = find_kind(kind_name or "")
    if kind is None:
        return error(Issue("", f"typen ”{kind_name}” finns inte"))
    ind = Indicator("1", "1.1", "", "1.1.1", "", kind, target, upper, 1)
    ver = Verification("1.1.1", "", {c: Cell(inputs.get(c), c) for c in OUTCOME_COLUMNS}, row=1, where="indata")
    return evaluate(Budget(settings or Settings(), (GoalArea("1", "", 100),), (ind,), (ver,))).indicators[0].outcome
