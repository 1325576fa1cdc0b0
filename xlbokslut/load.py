"""From the rows of the input tables to the domain model, collecting every problem as an Issue."""
from __future__ import annotations

from typing import Any

from .issues import Issue
from .model import Budget, CaseExample, Cell, GoalArea, Indicator, Row, TableData, Verification
from .schema import AREAS_TABLE, BUDGET_TABLE, OUTCOME_COLUMNS, SETTINGS_TABLE, VERIFICATIONS_TABLE, find_kind
from .settings import SETTINGS, Settings, fallback
from .values import ValueProblem, clean_text, is_blank, norm_header, parse_count, parse_percent


def _text(row: Row, header: str) -> str:
    cell = row.get(header)
    return clean_text(cell.value) if cell else ""


def _where(row: Row, header: str) -> str:
    cell = row.get(header)
    return cell.where if cell else ""


def load_settings(table: TableData | None) -> tuple[Settings, list[Issue]]:
    """The settings, and what is wrong with their rows (each wrong or missing one falls back on its default)."""
    values: dict[str, Any] = {}
    issues: list[Issue] = []
    by_name: dict[str, Row] = {}
    typed: dict[str, Cell] = {}
    known = {norm_header(setting.name) for setting in SETTINGS}
    if table is not None:
        for row in table.rows:  # the first row with a value counts; every other value typed is named
            cell, value = row.get("Inställning"), row.get("Värde")
            name = clean_text(cell.value) if cell else ""
            key = norm_header(name)
            if value is None or is_blank(value.value):
                by_name.setdefault(key, row)
            elif key not in known:
                issues.append(Issue.warning(value.where, f"Det finns ingen inställning som heter ”{name}”; värdet "
                                                         "läses inte (stavning?)" if name else
                                            "Ett värde utan namn i kolumnen Inställning läses inte"))
            elif key in typed:
                issues.append(Issue.warning(value.where, f"Inställningen ”{name}” står på flera rader; bara den "
                                                         f"första ({typed[key].where}) läses"))
            else:
                typed[key] = value
                by_name[key] = row
    for setting in SETTINGS:
        found = by_name.get(norm_header(setting.name))
        cell = found.get("Värde") if found else None
        if cell is None or is_blank(cell.value):
            if setting.warn_if_missing and table is not None:
                issues.append(Issue.warning(table.sheet, f"Inställningen ”{setting.name}” saknas; {fallback(setting)}"))
            continue
        try:
            values[setting.field] = setting.convert(cell.value)
        except ValueProblem as problem:
            issues.append(Issue(cell.where, f"{setting.name}: {problem}; {fallback(setting)}"))
    return Settings(**values), issues


def load_areas(table: TableData) -> tuple[tuple[GoalArea, ...], list[Issue]]:
    areas: list[GoalArea] = []
    issues: list[Issue] = []
    seen: set[str] = set()
    for row in table.rows:
        number = _text(row, "Nr")
        if not number:
            issues.append(Issue(_where(row, "Nr"), "Nr saknas för målområdet"))
            continue
        if number in seen:
            issues.append(Issue(_where(row, "Nr"), f"Målområde {number} finns redan ovanför"))
            continue
        seen.add(number)
        weight = None
        cell = row.get("Målvikt (%)")
        if cell is not None:
            try:
                weight = parse_percent(cell.value)
            except ValueProblem as problem:
                issues.append(Issue(cell.where, f"Målvikt: {problem}"))
        areas.append(GoalArea(number, _text(row, "Målområde"), weight, _where(row, "Nr")))
    return tuple(areas), issues


def _fill_down(rows: tuple[Row, ...]) -> list[tuple[Row, str, str, str, list[Issue]]]:
    """Målområde, Mål-nr and Socialt mål inherit from the row above, but not across a new area."""
    out = []
    area = goal_no = goal = ""
    for row in rows:
        problems: list[Issue] = []
        typed_area = _text(row, "Målområde")
        if typed_area and typed_area != area:
            area, goal_no, goal = typed_area, "", ""
        goal_no = _text(row, "Mål-nr") or goal_no
        goal = _text(row, "Socialt mål") or goal
        if not area:
            problems.append(Issue(_where(row, "Målområde"), "Målområde saknas"))
        if not goal_no:
            problems.append(Issue(_where(row, "Mål-nr"), "Mål-nr saknas (ett nytt målområde börjar här)"))
        out.append((row, area, goal_no, goal, problems))
    return out


def load_indicators(table: TableData, areas: tuple[GoalArea, ...]) -> tuple[tuple[Indicator, ...], list[Issue]]:
    issues: list[Issue] = []
    known_areas = {a.number for a in areas}
    indicators: list[Indicator] = []
    seen: dict[str, str] = {}
    for row, area, goal_no, goal, problems in _fill_down(table.rows):
        number = _text(row, "Indikator-nr")
        where = _where(row, "Indikator-nr")
        if not number:
            number = f"rad {row.number}"
            problems.append(Issue(where, "Indikator-nr saknas"))
        elif number in seen:
            problems.append(Issue(where, f"Indikator-nr {number} finns redan i {seen[number]}"))
            number = f"{number} (rad {row.number})"
        else:
            seen[number] = where
        if area and area not in known_areas:
            problems.append(Issue(_where(row, "Målområde"), f"målområde {area} finns inte på bladet Målområden"))
        kind_text = _text(row, "Typ")
        kind = find_kind(kind_text) if kind_text else None
        if kind is None:
            problems.append(Issue(_where(row, "Typ"), f"typen ”{kind_text}” finns inte; välj en typ i listan"
                                  if kind_text else "Typ saknas"))
        target = upper = None
        if kind is not None:
            target, upper, target_problems = kind.read_target(row.get("Målvärde"), row.get("Övre gräns"))
            problems.extend(target_problems)
        weight, weight_problems = _weight(row.get("Vikt"))
        problems.extend(weight_problems)
        indicators.append(Indicator(area, goal_no, goal, number, _text(row, "Indikator"), kind, target, upper,
                                    weight, _text(row, "Källa"), tuple(problems), where))
        issues += problems
    return tuple(indicators), issues


def _weight(cell: Cell | None) -> tuple[int, list[Issue]]:
    """Vikt, and what is wrong with it (0 then)."""
    if cell is None:
        return 0, [Issue("", "Vikt saknas")]
    try:
        weight = parse_count(cell.value)
    except ValueProblem as problem:
        return 0, [Issue(cell.where, f"Vikt: {problem}")]
    if weight is None:
        return 0, [Issue(cell.where, "Vikt saknas")]
    return weight, []


def load_verifications(table: TableData) -> tuple[Verification, ...]:
    out = []
    for row in table.rows:
        cells = {h: row.get(h) or Cell(None, "") for h in OUTCOME_COLUMNS}
        link = _text(row, "Hämta från")
        number, unit = _text(row, "Indikator-nr"), _text(row, "Enhet")
        if not number and not unit and not link and all(is_blank(c.value) for c in cells.values()):
            continue  # only a comment or a reference: nothing to evaluate
        out.append(Verification(number, unit, cells, _text(row, "Verifikation"),
                                row.number, _where(row, "Indikator-nr"), link, _where(row, "Hämta från")))
    return tuple(out)


def load_examples(table: TableData | None, known: set[str]) -> tuple[tuple[CaseExample, ...], list[Issue]]:
    """tblExempel: every row with an Indikator-nr or a text; an unknown Indikator-nr is an input problem."""
    out = []
    issues: list[Issue] = []
    for row in table.rows if table is not None else ():
        number, where = _text(row, "Indikator-nr"), _where(row, "Indikator-nr")
        if not number:
            issues.append(Issue(where, "Indikator-nr saknas för exemplet"))
            continue
        if number not in known:
            issues.append(Issue(where, f"Indikator-nr {number} finns inte i Budget"))
        out.append(CaseExample(number, _text(row, "Enhet"), _text(row, "Rubrik"), _text(row, "Beskrivning"),
                               _text(row, "Verifikation"), where))
    return tuple(out), issues


def _required(tables: dict[str, TableData | None], name: str) -> TableData:
    """A table the workbook cannot be used without: the adapters raise UnusableWorkbook before it is None."""
    table = tables[name]
    assert table is not None, name
    return table


def load_budget(tables: dict[str, TableData | None]) -> tuple[Budget, list[Issue]]:
    """``tables`` maps contract table names to what the adapter read (None when absent)."""
    settings, issues = load_settings(tables.get(SETTINGS_TABLE.name))
    areas, area_issues = load_areas(_required(tables, AREAS_TABLE.name))
    indicators, indicator_issues = load_indicators(_required(tables, BUDGET_TABLE.name), areas)
    issues += area_issues + indicator_issues
    verifications = load_verifications(_required(tables, VERIFICATIONS_TABLE.name))
    return Budget(settings, areas, indicators, verifications), issues
