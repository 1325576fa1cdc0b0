"""Deltagarna i siffror and the background tables: totals, percentages and the identities that must hold.

Both tables are counts by women and men. A *total* row is filled by xlbokslut
when its Kvinnor/Män cells are blank (or hold what xlbokslut filled before),
and checked, never overwritten, when a person typed them. ``filled_before``
is what xlbokslut recorded on the previous run (see workbook/writeback.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .issues import Issue
from .model import Cell, TableData, address
from .schema import PARTICIPANT_CATEGORIES, TOTAL_UNIT, norm_header
from .values import ValueProblem, clean_text, fmt_int, is_blank, parse_count, round_half_up, share

CATEGORY_NO = {norm_header(c): i for i, c in enumerate(PARTICIPANT_CATEGORIES, start=1)}
D, NEW, A, P, WORK, EXTRA, STUDIES, REHAB, UNABLE, HEALTH, OTHER, REMAINING = range(1, 13)
SHARE_OF = {P: A, **{c: P for c in (WORK, EXTRA, STUDIES, REHAB, UNABLE)}, HEALTH: A, OTHER: A}
BACKGROUND_TOTALS = {"totalt", "summa", "slutsumma"}
GENDERS = ("Kvinnor", "Män")


@dataclass
class Line:
    """A row of tblDeltagare or tblBakgrund, as read and as computed.

    Attributes:
        group: the Enhet (Deltagare) or the Tabell (Bakgrund).
        category: the Kategori as typed; ``number`` its place 1–12 in Deltagare (0 if unknown).
        counts: Kvinnor and Män as numbers (None when blank or unreadable).
        filled: the gender columns xlbokslut fills on this row (total rows only), with the value.
    """

    row: int
    group: str
    category: str
    number: int
    cells: dict[str, Cell]
    where: str  # the Kategori cell
    counts: dict[str, int | None]
    filled: dict[str, int] = field(default_factory=dict)
    computed: bool = False  # "Antal kvar" left blank and computed as D − A
    previous: object = None  # Föregående år as typed (a count on rows 1–2, a percent on rows 4–11)
    total: int | None = None
    percent: int | None = None
    problems: list[str] = field(default_factory=list)

    def count(self, gender: str | None = None) -> int | None:
        if gender:
            return self.counts.get(gender)
        values = [self.counts.get(g) for g in GENDERS]
        return None if any(v is None for v in values) else sum(values)


@dataclass
class Figures:
    """The participant figures of one unit by category number (for links and the summary)."""

    unit: str
    lines: dict[int, Line]

    def get(self, number: int, gender: str | None = None) -> int | None:
        line = self.lines.get(number)
        return line.count(gender) if line else None


def _read_lines(table: TableData, group_header: str, issues: list[Issue], numbered: bool) -> list[Line]:
    lines = []
    for row in table.rows:
        group = clean_text(row.get(group_header).value)
        category = clean_text(row.get("Kategori").value)
        cells = {g: row.get(g) for g in GENDERS}
        line = Line(row.number, group, category, CATEGORY_NO.get(norm_header(category), 0) if numbered else 0,
                    cells, row.get("Kategori").where, {})
        previous = row.get("Föregående år")
        line.previous = previous.value if previous is not None and not is_blank(previous.value) else None
        if not group:
            line.problems.append(f"{group_header} saknas")
            issues.append(Issue(row.get(group_header).where, f"{group_header} saknas på raden"))
        if numbered and category and not line.number:
            line.problems.append(f"okänd kategori ”{category}”")
            issues.append(Issue(row.get("Kategori").where, f"Kategorin ”{category}” finns inte; välj i listan"))
        for g in GENDERS:
            try:
                line.counts[g] = parse_count(cells[g].value)
            except ValueProblem as problem:
                line.counts[g] = None
                line.problems.append(f"{cells[g].where}: {problem}")
                issues.append(Issue(cells[g].where, f"{g}: {problem}"))
        lines.append(line)
    return lines


def _new_line(table: TableData, row: int, group: str, category: str) -> Line:
    """A total row that xlbokslut appends below the table."""
    cells = {g: Cell(None, address(table.sheet, row, table.columns[norm_header(g)])) for g in GENDERS}
    return Line(row, group, category, 0, cells, address(table.sheet, row, table.columns["kategori"]), {})


def _fill_or_check(line: Line, expected: dict[str, int], filled_before: dict, key: tuple, issues: list[Issue],
                   what: str) -> None:
    """A total row: fill blank cells (and those xlbokslut filled before); check typed ones."""
    for g in GENDERS:
        cell = line.cells[g]
        ours = filled_before.get(key + (g,))
        if is_blank(cell.value) or (ours is not None and line.counts[g] == ours):
            line.counts[g] = expected[g]
            line.filled[g] = expected[g]
        elif line.counts[g] is not None and line.counts[g] != expected[g]:
            message = f"{g}: ifyllt {fmt_int(line.counts[g])}, men {what} är {fmt_int(expected[g])}"
            line.problems.append(message)
            issues.append(Issue(cell.where, message))


def _sum(lines: list[Line]) -> dict[str, int]:
    return {g: sum(line.counts.get(g) or 0 for line in lines) for g in GENDERS}


def _check_unit(lines: dict[int, Line]) -> None:
    """The identities of DOMAIN.md, each reported on the row whose figure disagrees."""
    def get(n, g):
        return lines[n].count(g) if n in lines else None

    for g in GENDERS:
        label = g.lower()
        parts = [get(n, g) for n in (WORK, EXTRA, STUDIES, REHAB, UNABLE)]
        if P in lines and None not in parts and get(P, g) is not None and sum(parts) != get(P, g):
            lines[P].problems.append(f"{label}: rad 5–9 (varav arbete … saknar arbetsförmåga) summerar till "
                                     f"{sum(parts)}, inte {get(P, g)}")
        parts = [get(n, g) for n in (P, HEALTH, OTHER)]
        if A in lines and None not in parts and get(A, g) is not None and sum(parts) != get(A, g):
            lines[A].problems.append(f"{label}: positiv lösning + avbrott (rad 4 + 10 + 11) = {sum(parts)}, "
                                     f"inte {get(A, g)} avslutade")
        if REMAINING in lines and not lines[REMAINING].computed and None not in (get(D, g), get(A, g)) \
                and get(REMAINING, g) is not None and get(REMAINING, g) != get(D, g) - get(A, g):
            lines[REMAINING].problems.append(f"{label}: kvar ska vara deltagare − avslutade = "
                                             f"{get(D, g) - get(A, g)}, inte {get(REMAINING, g)}")
        if NEW in lines and None not in (get(NEW, g), get(D, g)) and get(NEW, g) > get(D, g):
            lines[NEW].problems.append(f"{label}: fler nya ({get(NEW, g)}) än deltagare ({get(D, g)})")


def _compute_remaining(lines: dict[int, Line]) -> None:
    """'Antal kvar' left blank is D − A (shown in Totalt; the typed cells stay blank)."""
    line = lines.get(REMAINING)
    if line and all(is_blank(line.cells[g].value) for g in GENDERS) and D in lines and A in lines:
        for g in GENDERS:
            d, a = lines[D].count(g), lines[A].count(g)
            line.counts[g] = None if None in (d, a) else d - a
        line.computed = True


def _percentages(lines: dict[int, Line]) -> None:
    for number, line in lines.items():
        line.total = line.count()
        base = lines.get(SHARE_OF.get(number))
        if base is not None and line.total is not None and base.count():
            line.percent = round_half_up(share(line.total, base.count()))


@dataclass
class ParticipantTables:
    lines: list[Line]
    units: dict[str, Figures]
    appended: list[Line]  # total rows xlbokslut adds because the table had none


def evaluate_participants(table: TableData | None, filled_before: dict, issues: list[Issue]) -> ParticipantTables:
    if table is None:
        return ParticipantTables([], {}, [])
    lines = _read_lines(table, "Enhet", issues, numbered=True)
    by_unit: dict[str, dict[int, Line]] = {}
    for line in lines:
        if line.group and line.number:
            unit = by_unit.setdefault(line.group, {})
            if line.number in unit:
                line.problems.append(f"kategorin finns redan på rad {unit[line.number].row}")
                issues.append(Issue(line.where, f"{line.category} för {line.group} finns redan på rad "
                                                f"{unit[line.number].row}"))
                continue
            unit[line.number] = line
    units = [u for u in by_unit if u.casefold() != TOTAL_UNIT.casefold()]
    for u in units:
        _compute_remaining(by_unit[u])
    totals = next((by_unit[u] for u in by_unit if u.casefold() == TOTAL_UNIT.casefold()), None)
    appended: list[Line] = []
    if not units and totals is not None:  # no units left: what xlbokslut filled before goes, typed cells stay
        for line in totals.values():
            for g in GENDERS:
                ours = filled_before.get(("Deltagare", TOTAL_UNIT, line.category, g))
                if ours is not None and line.counts[g] == ours:
                    line.counts[g] = None
                    line.filled[g] = None
    if units and totals is None and table.free_below < 12:
        issues.append(Issue(f"{table.sheet}!A{table.last_row + 1}",
                            "Kan inte lägga till förbundets Totalt-rader under tabellen: raderna under den är inte "
                            "tomma. Flytta det som står där, eller skriv in enheten Totalt själv."))
    elif units:
        if totals is None:
            totals = {}
            for number in range(1, 13):
                line = _new_line(table, table.last_row + number, TOTAL_UNIT, PARTICIPANT_CATEGORIES[number - 1])
                line.number = number
                totals[number] = line
                appended.append(line)
            by_unit[TOTAL_UNIT] = totals
        for number, line in totals.items():
            members = [by_unit[u][number] for u in units if number in by_unit[u]]
            _fill_or_check(line, _sum(members), filled_before, ("Deltagare", TOTAL_UNIT, line.category),
                           issues, "summan av enheterna")
    for line in lines:
        line.total = line.count()
    for unit in by_unit.values():
        _check_unit(unit)
        _percentages(unit)
    figures = {u: Figures(u, lines_) for u, lines_ in by_unit.items()}
    return ParticipantTables(lines + appended, figures, appended)


def evaluate_background(table: TableData | None, filled_before: dict, issues: list[Issue]) -> ParticipantTables:
    """tblBakgrund: Totalt per row, and one total row per Tabell (filled, checked, or appended)."""
    if table is None:
        return ParticipantTables([], {}, [])
    lines = _read_lines(table, "Tabell", issues, numbered=False)
    groups: dict[str, list[Line]] = {}
    for line in lines:
        if line.group:
            groups.setdefault(line.group, []).append(line)
    appended = []
    next_row = table.last_row
    for name, members in groups.items():
        totals = [m for m in members if m.category.casefold() in BACKGROUND_TOTALS]
        parts = [m for m in members if m not in totals]
        if not totals:
            if next_row - table.last_row >= table.free_below:
                issues.append(Issue(f"{table.sheet}!A{table.last_row + 1}", f"Kan inte lägga till en Totalt-rad "
                                    f"för {name}: raderna under tabellen är inte tomma"))
                continue
            next_row += 1
            totals = [_new_line(table, next_row, name, "Totalt")]
            appended += totals
        for line in totals:
            _fill_or_check(line, _sum(parts), filled_before, ("Bakgrund", name, line.category), issues,
                           "summan av kategorierna")
    for line in lines + appended:
        line.total = line.count()
    return ParticipantTables(lines + appended, {}, appended)


def find_unit(units: dict[str, Figures], name: str) -> Figures | None:
    """A unit's figures by name, ignoring case (as users type ”totalt” or ”Totalt”)."""
    return next((f for u, f in units.items() if u.casefold() == name.casefold()), None)


def line_note(line: Line) -> str | None:
    notes = list(line.problems)
    if line.computed:
        notes.insert(0, "beräknat som deltagare − avslutade")
    return "; ".join(notes) or None


def throughput_text(figures: Figures) -> str:
    a, d = figures.get(A), figures.get(D)
    if a is None or not d:
        return ""
    return f"{round_half_up(share(a, d))} % ({fmt_int(a)} av {fmt_int(d)})"
