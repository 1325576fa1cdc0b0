"""From the rows of the input tables to the domain model, collecting every problem as an Issue."""
from __future__ import annotations

from .issues import WARNING, Issue
from .model import Budget, Cell, GoalArea, Indicator, Row, Settings, TableData, Verification
from .schema import (AREAS_TABLE, BUDGET_TABLE, OUTCOME_COLUMNS, SETTINGS, SETTINGS_TABLE, VERIFICATIONS_TABLE,
                     YES_NO, find_kind, norm_header)
from .values import ValueProblem, clean_text, is_blank, parse_count, parse_number, parse_percent, parse_yes_no


def _text(row: Row, header: str) -> str:
    cell = row.get(header)
    return clean_text(cell.value) if cell else ""


def _where(row: Row, header: str, fallback: str = "") -> str:
    cell = row.get(header)
    return cell.where if cell else fallback


def load_settings(table: TableData | None, issues: list[Issue]) -> Settings:
    values: dict[str, object] = {}
    by_name = {norm_header(_text(r, "Inställning")): r for r in table.rows} if table else {}
    for spec in SETTINGS:
        row = by_name.get(norm_header(spec.name))
        cell = row.get("Värde") if row else None
        if cell is None or is_blank(cell.value):
            if spec.kind != "text" and table is not None:
                issues.append(Issue(table.sheet, f"Inställningen ”{spec.name}” saknas; "
                                                 f"standardvärdet {_show_default(spec.default)} används", WARNING))
            continue
        try:
            if spec.kind == "text":
                values[spec.field] = clean_text(cell.value)
            elif spec.kind == "yes_no":
                values[spec.field] = parse_yes_no(cell.value)
            elif spec.kind == "fraction":
                percent = parse_percent(cell.value)
                if not 0 <= percent <= 100:
                    raise ValueProblem("ska vara mellan 0 och 1 (eller 0 % och 100 %)")
                values[spec.field] = percent / 100
            else:
                number = parse_number(cell.value)
                if number.value < 0:
                    raise ValueProblem("får inte vara negativt")
                values[spec.field] = number.value
        except ValueProblem as problem:
            issues.append(Issue(cell.where, f"{spec.name}: {problem}; standardvärdet "
                                            f"{_show_default(spec.default)} används"))
    return Settings(**values)


def _show_default(value: object) -> str:
    return "Ja" if value is True else str(value)


def load_areas(table: TableData, issues: list[Issue]) -> tuple[GoalArea, ...]:
    areas: list[GoalArea] = []
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
        try:
            weight = parse_percent(cell.value) if cell else None
        except ValueProblem as problem:
            issues.append(Issue(cell.where, f"Målvikt: {problem}"))
        areas.append(GoalArea(number, _text(row, "Målområde"), weight, _where(row, "Nr")))
    return tuple(areas)


def _fill_down(rows: tuple[Row, ...]) -> list[tuple[Row, str, str, str, list[str]]]:
    """Målområde, Mål-nr and Socialt mål inherit from the row above, but not across a new area."""
    out = []
    area = goal_no = goal = ""
    for row in rows:
        problems: list[str] = []
        typed_area = _text(row, "Målområde")
        if typed_area and typed_area != area:
            area, goal_no, goal = typed_area, "", ""
        goal_no = _text(row, "Mål-nr") or goal_no
        goal = _text(row, "Socialt mål") or goal
        if not area:
            problems.append(f"{_where(row, 'Målområde')}: Målområde saknas")
        if not goal_no:
            problems.append(f"{_where(row, 'Mål-nr')}: Mål-nr saknas (ett nytt målområde börjar här)")
        out.append((row, area, goal_no, goal, problems))
    return out


def load_indicators(table: TableData, areas: tuple[GoalArea, ...], issues: list[Issue]) -> tuple[Indicator, ...]:
    known_areas = {a.number for a in areas}
    indicators: list[Indicator] = []
    seen: dict[str, str] = {}
    for row, area, goal_no, goal, problems in _fill_down(table.rows):
        number = _text(row, "Indikator-nr")
        where = _where(row, "Indikator-nr")
        if not number:
            number = f"rad {row.number}"
            problems.append(f"{where}: Indikator-nr saknas")
        elif number in seen:
            problems.append(f"{where}: Indikator-nr {number} finns redan i {seen[number]}")
            number = f"{number} (rad {row.number})"
        else:
            seen[number] = where
        if area and area not in known_areas:
            problems.append(f"{_where(row, 'Målområde')}: målområde {area} finns inte på bladet Målområden")
        kind_text = _text(row, "Typ")
        kind = find_kind(kind_text) if kind_text else None
        if kind is None:
            problems.append(f"{_where(row, 'Typ')}: "
                            + (f"typen ”{kind_text}” finns inte; välj en typ i listan" if kind_text else "Typ saknas"))
        target = upper = None
        if kind is not None:
            target, upper = _targets(row, kind, problems)
        weight = _weight(row, problems)
        indicator = Indicator(area, goal_no, goal, number, _text(row, "Indikator"),
                              kind.name if kind else kind_text, target, upper, weight,
                              _text(row, "Källa"), tuple(problems), where)
        for problem in problems:
            place, _, message = problem.partition(": ")
            issues.append(Issue(place, message))
        indicators.append(indicator)
    return tuple(indicators)


def _targets(row: Row, kind, problems: list[str]) -> tuple[float | None, float | None]:
    cell = row.get("Målvärde")
    parse = parse_percent if kind.percent_target else lambda raw: _plain(parse_number(raw))
    target = upper = None
    try:
        target = parse(cell.value) if cell else None
        if target is None and kind.name != YES_NO:
            problems.append(f"{_where(row, 'Målvärde')}: Målvärde saknas")
    except ValueProblem as problem:
        problems.append(f"{cell.where}: Målvärde: {problem}")
    if target is not None:
        if target < 0:
            problems.append(f"{cell.where}: Målvärde kan inte vara negativt")
        elif kind.name.startswith(("Andel", "Könsfördelning")) and target > 100:
            problems.append(f"{cell.where}: Målvärde {clean_text(cell.value)} är över 100 %")
    if kind.name == "Könsfördelning" and target is not None:
        upper_cell = row.get("Övre gräns")
        try:
            upper = parse_percent(upper_cell.value) if upper_cell else None
        except ValueProblem as problem:
            problems.append(f"{upper_cell.where}: Övre gräns: {problem}")
            return target, None
        if upper is None:
            upper = 100 - target
        if not target <= upper <= 100:
            problems.append(f"{_where(row, 'Övre gräns')}: Övre gräns ({upper:g}) ska ligga mellan "
                            f"Målvärde ({target:g}) och 100")
    return target, upper


def _plain(number) -> float | None:
    return None if number is None else number.value


def _weight(row: Row, problems: list[str]) -> int:
    cell = row.get("Vikt")
    try:
        weight = parse_count(cell.value) if cell else None
    except ValueProblem as problem:
        problems.append(f"{cell.where}: Vikt: {problem}")
        return 0
    if weight is None:
        problems.append(f"{_where(row, 'Vikt')}: Vikt saknas")
        return 0
    return weight


def load_verifications(table: TableData) -> tuple[Verification, ...]:
    out = []
    for row in table.rows:
        cells = {h: row.get(h) or Cell(None, "") for h in OUTCOME_COLUMNS}
        link = _text(row, "Hämta från")
        has_data = link or any(not is_blank(c.value) for c in cells.values())
        number = _text(row, "Indikator-nr")
        if not number and not has_data:
            continue  # only a comment or a reference: nothing to evaluate
        out.append(Verification(number, _text(row, "Enhet"), cells, _text(row, "Verifikation"),
                                row.number, _where(row, "Indikator-nr"), link, _where(row, "Hämta från")))
    return tuple(out)


def load_budget(tables: dict[str, TableData | None]) -> tuple[Budget, list[Issue]]:
    """``tables`` maps contract table names to what the adapter read (None when absent)."""
    issues: list[Issue] = []
    settings = load_settings(tables.get(SETTINGS_TABLE.name), issues)
    areas = load_areas(tables[AREAS_TABLE.name], issues)
    indicators = load_indicators(tables[BUDGET_TABLE.name], areas, issues)
    verifications = load_verifications(tables[VERIFICATIONS_TABLE.name])
    return Budget(settings, areas, indicators, verifications), issues
