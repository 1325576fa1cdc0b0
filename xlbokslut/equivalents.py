"""Helårsekvivalenter: full-year equivalents on public support as a share of the population aged 20–64."""
from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple
from decimal import ROUND_HALF_UP, Decimal

from .issues import Issue
from .model import Row, TableData
from .values import ValueProblem, clean_text, parse_count, parse_number


class EquivalentLine(NamedTuple):
    row: int
    municipality: str
    year: int | None
    share: float | None = None  # percent, one decimal, half up
    change: float | None = None  # percentage points against the previous year, from the shown shares
    where: str = ""
    problems: tuple[Issue, ...] = ()


def _one_decimal(x: Decimal) -> float:
    return float(x.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _read_line(row: Row) -> EquivalentLine:
    problems: list[Issue] = []

    def read(header: str, parse):
        cell = row.cell(header)
        try:
            value = parse(cell.value)
        except ValueProblem as problem:
            problems.append(Issue(cell.where, f"{header}: {problem}"))
            return None
        if value is None:
            problems.append(Issue(cell.where, f"{header} saknas"))
        return value

    municipality = clean_text(row.cell("Kommun").value)
    if not municipality:
        problems.append(Issue(row.cell("Kommun").where, "Kommun saknas"))
    year = read("År", parse_number)
    if year is not None and not year.value.is_integer():
        problems.append(Issue(row.cell("År").where, "År ska vara ett helt årtal, t.ex. 2021"))
    count = read("Helårsekvivalenter", parse_number)
    population = read("Befolkning 20–64 år", parse_count)
    share = None
    if count is not None and count.value < 0:
        problems.append(Issue(row.cell("Helårsekvivalenter").where, "Helårsekvivalenter kan inte vara negativt"))
    if not problems:
        if population == 0:
            problems.append(Issue(row.cell("Befolkning 20–64 år").where, "befolkningen är 0"))
        elif count.value > population:
            problems.append(Issue(row.cell("Helårsekvivalenter").where, "fler helårsekvivalenter än invånare"))
        else:
            share = _one_decimal(Decimal(repr(count.value)) * 100 / Decimal(population))
    return EquivalentLine(row.number, municipality, int(year.value) if year and year.value.is_integer() else None,
                          share, None, row.cell("Andel (%)").where, tuple(problems))


def evaluate_equivalents(table: TableData | None) -> tuple[list[EquivalentLine], list[Issue]]:
    """The lines with their shares and changes, and what is wrong with them."""
    issues: list[Issue] = []
    if table is None:
        return [], issues
    lines = [_read_line(row) for row in table.rows]
    by_key = {(ln.municipality.casefold(), ln.year): ln for ln in lines if ln.share is not None}
    out = []
    for read in lines:
        before = by_key.get((read.municipality.casefold(), (read.year or 0) - 1))
        line = read
        if read.share is not None and before is not None:
            line = read._replace(change=_one_decimal(Decimal(repr(read.share)) - Decimal(repr(before.share))))
        issues += line.problems
        out.append(line)
    return out, issues


def lookup(lines: Sequence[EquivalentLine], municipality: str, year: int | None
           ) -> tuple[EquivalentLine | None, EquivalentLine | None]:
    """(this year's line, last year's line) for a municipality; the latest year when ``year`` is None."""
    mine = {ln.year: ln for ln in lines if ln.municipality.casefold() == municipality.casefold() and ln.share is not None}
    if not mine:
        return None, None
    if year is None or year not in mine:
        year = max(y for y in mine if y is not None)
    return mine.get(year), mine.get(year - 1)
