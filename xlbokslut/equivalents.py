"""Helårsekvivalenter: full-year equivalents on public support as a share of the population aged 20–64."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .issues import Issue
from .model import TableData
from .values import ValueProblem, clean_text, parse_count, parse_number


@dataclass
class EquivalentLine:
    row: int
    municipality: str
    year: int | None
    share: float | None = None  # percent, one decimal, half up
    change: float | None = None  # percentage points against the previous year, from the shown shares
    where: str = ""
    problems: list[str] = field(default_factory=list)


def _one_decimal(x: Decimal) -> float:
    return float(x.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _read(row, header: str, parse, line: EquivalentLine):
    cell = row.get(header)
    try:
        return parse(cell.value)
    except ValueProblem as problem:
        line.problems.append(f"{cell.where}: {header}: {problem}")
        return None


def evaluate_equivalents(table: TableData | None, issues: list[Issue]) -> list[EquivalentLine]:
    if table is None:
        return []
    lines = []
    for row in table.rows:
        municipality = clean_text(row.get("Kommun").value)
        line = EquivalentLine(row.number, municipality, None, where=row.get("Andel (%)").where)
        year = _read(row, "År", parse_number, line)
        line.year = int(year.value) if year and year.value.is_integer() else None
        count = _read(row, "Helårsekvivalenter", parse_number, line)
        population = _read(row, "Befolkning 20–64 år", parse_count, line)
        for header, value in (("Kommun", municipality), ("År", year), ("Helårsekvivalenter", count),
                              ("Befolkning 20–64 år", population)):
            if value in (None, "") and not any(p.startswith(row.get(header).where + ":") for p in line.problems):
                line.problems.append(f"{row.get(header).where}: {header} saknas")
        if not line.problems:
            if population == 0:
                line.problems.append(f"{row.get('Befolkning 20–64 år').where}: befolkningen är 0")
            elif count.value > population:
                line.problems.append(f"{row.get('Helårsekvivalenter').where}: fler helårsekvivalenter än invånare")
            else:
                line.share = _one_decimal(Decimal(repr(count.value)) * 100 / Decimal(population))
        lines.append(line)
    by_key = {(l.municipality.casefold(), l.year): l for l in lines if l.share is not None}
    for line in lines:
        before = by_key.get((line.municipality.casefold(), (line.year or 0) - 1))
        if line.share is not None and before is not None:
            line.change = _one_decimal(Decimal(repr(line.share)) - Decimal(repr(before.share)))
        for problem in line.problems:
            place, _, message = problem.partition(": ")
            issues.append(Issue(place, message))
    return lines


def lookup(lines: list[EquivalentLine], municipality: str, year: int | None) -> tuple[EquivalentLine | None, ...]:
    """(this year's line, last year's line) for a municipality; the latest year when ``year`` is None."""
    mine = {l.year: l for l in lines if l.municipality.casefold() == municipality.casefold() and l.share is not None}
    if not mine:
        return None, None
    if year is None or year not in mine:
        year = max(y for y in mine if y is not None)
    return mine.get(year), mine.get(year - 1)
