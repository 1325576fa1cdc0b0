"""Deltagarna i siffror and the background tables: totals, percentages and the identities that must hold.

Both tables are counts by women and men. A *total* row is filled by xlbokslut
when its Kvinnor/Män cells are blank (or hold what xlbokslut filled before),
and checked, never overwritten, when a person typed them. ``filled_before``
is what xlbokslut recorded on the previous run (see workbook/writeback.py).

Every row is an immutable ``Line``; each step below returns new lines, kept by worksheet row in a ``_Lines``.
"""
from __future__ import annotations

from types import MappingProxyType
from typing import NamedTuple
from collections.abc import Mapping

from .issues import Issue, joined
from .model import Cell, TableData, address
from .schema import PARTICIPANT_CATEGORIES, TOTAL_UNIT, norm_header
from .settings import Settings, VaravOf
from .values import ValueProblem, runs, clean_text, fmt_int, is_blank, parse_count, round_half_up, share

CATEGORY_NO = {norm_header(c): i for i, c in enumerate(PARTICIPANT_CATEGORIES, start=1)}
D, NEW, A, P, WORK, EXTRA, STUDIES, REHAB, UNABLE, HEALTH, OTHER, REMAINING = range(1, 13)
SHARE_OF = {P: A, **{c: P for c in (WORK, EXTRA, STUDIES, REHAB, UNABLE)}, HEALTH: A, OTHER: A}
BACKGROUND_TOTALS = {"totalt", "summa", "slutsumma"}
GENDERS = ("Kvinnor", "Män")


class Line(NamedTuple):
    """A row of tblDeltagare or tblBakgrund, as read and as computed.

    Attributes:
        group: the Enhet (Deltagare) or the Tabell (Bakgrund).
        category: the Kategori as typed; ``number`` its place 1–12 in Deltagare (0 if unknown).
        cells: the Kvinnor and Män cells; ``where`` the Kategori cell.
        counts: Kvinnor and Män as numbers (None when blank or unreadable).
        filled: the gender columns xlbokslut fills on this row (total rows only), with the value (None: a
            value it filled before is withdrawn).
        computed: "Antal kvar" left blank and computed as D − A.
        previous: Föregående år as typed (a count on rows 1–2, a percent on rows 4–11).
        problems: what Kontroll says about the row.
    """

    row: int
    group: str
    category: str
    number: int
    cells: Mapping[str, Cell]
    where: str
    counts: Mapping[str, int | None]
    filled: Mapping[str, int | None] = MappingProxyType({})
    computed: bool = False
    previous: object = None
    total: int | None = None
    percent: int | None = None
    problems: tuple[Issue, ...] = ()

    def people(self, gender: str | None = None) -> int | None:
        """The count for one gender, or for all (None when one is unknown)."""
        if gender:
            return self.counts.get(gender)
        known = [v for g in GENDERS if (v := self.counts.get(g)) is not None]
        return sum(known) if len(known) == len(GENDERS) else None

    def with_problem(self, message: str, place: str = "") -> Line:
        return self._replace(problems=self.problems + (Issue(place, message),))

    @property
    def note(self) -> str | None:
        """The Kontroll text (None when all is well)."""
        return joined(self.problems) or None


class Figures(NamedTuple):
    """The participant figures of one unit by category number (for links and the summary)."""

    unit: str
    lines: Mapping[int, Line]

    def get(self, number: int, gender: str | None = None) -> int | None:
        line = self.lines.get(number)
        return line.people(gender) if line else None


class ParticipantTables(NamedTuple):
    lines: tuple[Line, ...] = ()
    units: Mapping[str, Figures] = MappingProxyType({})
    appended: tuple[Line, ...] = ()  # total rows xlbokslut adds because the table had none


class _Lines:
    """The current version of every line, by worksheet row, in reading order."""

    def __init__(self, lines: list[Line]):
        self.by_row = {line.row: line for line in lines}

    def __getitem__(self, row: int) -> Line:
        return self.by_row[row]

    def update(self, row: int, **changes) -> None:
        self.by_row[row] = self.by_row[row]._replace(**changes)

    def problem(self, row: int, message: str, place: str = "") -> None:
        self.by_row[row] = self.by_row[row].with_problem(message, place)

    def add(self, line: Line) -> None:
        self.by_row[line.row] = line

    def all(self) -> tuple[Line, ...]:
        return tuple(self.by_row.values())


def _read_lines(table: TableData, group_header: str, numbered: bool) -> tuple[list[Line], list[Issue]]:
    """The table's rows as lines, and what is wrong with their cells."""
    lines = []
    issues: list[Issue] = []
    for row in table.rows:
        group = clean_text(row.cell(group_header).value)
        category = clean_text(row.cell("Kategori").value)
        cells = {g: row.cell(g) for g in GENDERS}
        previous = row.get("Föregående år")
        problems: list[Issue] = []
        for header, text in ((group_header, group), ("Kategori", category)):
            if not text:
                problems.append(Issue("", f"{header} saknas"))
                issues.append(Issue(row.cell(header).where, f"{header} saknas på raden"))
        number = CATEGORY_NO.get(norm_header(category), 0) if numbered else 0
        counts: dict[str, int | None] = {}
        for g in GENDERS:
            try:
                counts[g] = parse_count(cells[g].value)
            except ValueProblem as problem:
                counts[g] = None
                problems.append(Issue(cells[g].where, str(problem)))
                issues.append(Issue(cells[g].where, f"{g}: {problem}"))
        lines.append(Line(row.number, group, category, number, cells, row.cell("Kategori").where, counts,
                          previous=previous.value if previous is not None and not is_blank(previous.value) else None,
                          problems=tuple(problems)))
    return lines, issues


def _new_line(table: TableData, row: int, group: str, category: str, number: int = 0) -> Line:
    """A total row that xlbokslut appends below the table."""
    cells = {g: Cell(None, address(table.sheet, row, table.columns[norm_header(g)])) for g in GENDERS}
    return Line(row, group, category, number, cells, address(table.sheet, row, table.columns["kategori"]),
                {g: None for g in GENDERS})


def _fill_or_check(lines: _Lines, row: int, expected: dict[str, int], filled_before: dict, key: tuple,
                   what: str) -> list[Issue]:
    """A total row: fill blank cells (and those xlbokslut filled before); check typed ones, returning what
    disagrees."""
    issues: list[Issue] = []
    line = lines[row]
    counts, filled = dict(line.counts), dict(line.filled)
    for g in GENDERS:
        cell = line.cells[g]
        ours = filled_before.get(key + (g,))
        if isinstance(cell.value, str) and cell.value and not cell.value.strip():
            issues.append(Issue.warning(cell.where, "cellen innehåller bara mellanslag; töm den, så fyller xlbokslut i "
                                                    "summan"))
        elif cell.value is None or cell.value == "" or (ours is not None and counts[g] == ours):
            counts[g] = filled[g] = expected[g]
        elif (typed := counts[g]) is not None and typed != expected[g]:
            message = f"{g}: ifyllt {fmt_int(typed)}, men {what} är {fmt_int(expected[g])}"
            lines.problem(row, message)
            issues.append(Issue(cell.where, message))
    lines.update(row, counts=counts, filled=filled)
    return issues


def _sum(lines: list[Line]) -> dict[str, int]:
    return {g: sum(line.counts.get(g) or 0 for line in lines) for g in GENDERS}


def _rows_text(numbers: list[int]) -> str:
    """Category numbers as the rows people say: [5, 6, 7, 8, 9] → "rad 5–9", [5, 7, 8] → "rad 5, 7–8"."""
    return "rad " + ", ".join(f"{a}–{b}" if b > a else f"{a}" for a, b in runs(numbers))


def _check_unit(lines: _Lines, unit: dict[int, int], own_varav: tuple[int, ...] = ()) -> list[Issue]:
    """The identities of DOMAIN.md over the rows the unit has (a missing row is not a reason to skip the check),
    each reported on the row whose figure disagrees, in Kontroll and as a warning at that row's cell. Where
    standard varav rows are missing, the unit's own "varav …" rows (``own_varav``, worksheet rows) stand in for
    them in the sum (2017: "varav annan behovsanpassad lösning")."""
    issues: list[Issue] = []

    def get(n, g):
        return lines[unit[n]].people(g) if n in unit else None

    def fail(n: int, g: str, message: str) -> None:
        lines.problem(unit[n], message)
        issues.append(Issue.warning(lines[unit[n]].cells[g].where, message))

    varav = (WORK, EXTRA, STUDIES, REHAB, UNABLE)
    for g in GENDERS:
        label = g.lower()
        present = [n for n in varav if n in unit]
        parts = [get(n, g) for n in present]
        if len(present) < len(varav):
            parts += [lines[row].count(g) for row in own_varav]
        if P in unit and present and None not in parts and get(P, g) is not None and sum(parts) != get(P, g):
            absent = [n for n in varav if n not in unit]
            which = ("rad 5–9 (varav arbete … saknar arbetsförmåga)" if not absent else
                     f"{_rows_text(present)} ({_rows_text(absent)} saknas)")
            fail(P, g, f"{label}: {which} summerar till {sum(parts)}, inte {get(P, g)}")
        present = [n for n in (P, HEALTH, OTHER) if n in unit]
        parts = [get(n, g) for n in present]
        if A in unit and P in present and None not in parts and get(A, g) is not None and sum(parts) != get(A, g):
            absent = [n for n in (P, HEALTH, OTHER) if n not in unit]
            which = ("positiv lösning + avbrott (rad 4 + 10 + 11)" if not absent else
                     " + ".join(f"rad {n}" for n in present) + f" ({_rows_text(absent)} saknas)")
            fail(A, g, f"{label}: {which} = {sum(parts)}, inte {get(A, g)} avslutade")
        if REMAINING in unit and not lines[unit[REMAINING]].computed and None not in (get(D, g), get(A, g)) \
                and get(REMAINING, g) is not None and get(REMAINING, g) != get(D, g) - get(A, g):
            fail(REMAINING, g, f"{label}: kvar ska vara deltagare − avslutade = {get(D, g) - get(A, g)}, inte "
                               f"{get(REMAINING, g)}")
        if NEW in unit and None not in (get(NEW, g), get(D, g)) and get(NEW, g) > get(D, g):
            fail(NEW, g, f"{label}: fler nya ({get(NEW, g)}) än deltagare ({get(D, g)})")
    return issues


def _compute_remaining(lines: _Lines, unit: dict[int, int]) -> None:
    """'Antal kvar' left blank is D − A (shown in Totalt; the typed cells stay blank)."""
    if REMAINING not in unit or D not in unit or A not in unit:
        return
    line = lines[unit[REMAINING]]
    if all(is_blank(line.cells[g].value) for g in GENDERS):
        counts = {}
        for g in GENDERS:
            d, a = lines[unit[D]].people(g), lines[unit[A]].people(g)
            counts[g] = None if d is None or a is None else d - a
        lines.update(line.row, counts=counts, computed=True)


def _percentages(lines: _Lines, unit: dict, varav_of: VaravOf) -> None:
    """Andel (%): row 4 and 10–11 of row 3; rows 5–9 (and a category of one's own named "varav …") of row 4 or,
    with the setting "Varav-rader i procent av: avslutade", of row 3."""
    varav_base = A if varav_of is VaravOf.ENDED else P
    for key, row in unit.items():
        if isinstance(key, str):
            base = unit.get(varav_base) if key.startswith("varav") else None
        else:
            base = unit.get(varav_base if SHARE_OF.get(key) == P else SHARE_OF.get(key))
        total, base_total = lines[row].people(), lines[base].people() if base else None
        if total is not None and base_total:
            lines.update(row, percent=round_half_up(share(total, base_total)))


def _key(line: Line) -> int | str:
    """A standard category by its number 1–12; one of the user's own by its name."""
    return line.number or norm_header(line.category)


def evaluate_participants(table: TableData | None, filled_before: dict, varav_of: VaravOf = Settings.varav_of
                          ) -> tuple[ParticipantTables, list[Issue]]:
    """tblDeltagare: each unit's figures checked, Totalt filled or checked (or appended); and the problems."""
    if table is None:
        return ParticipantTables(), []
    read, issues = _read_lines(table, "Enhet", numbered=True)
    lines = _Lines(read)
    by_unit: dict[str, dict] = {}  # unit → category (number, or own name) → row
    own: set[str] = set()
    for line in lines.all():
        if line.group and line.category:
            unit = by_unit.setdefault(line.group, {})
            key = _key(line)
            if key in unit:
                lines.problem(line.row, f"kategorin finns redan på rad {unit[key]}")
                issues.append(Issue(line.where, f"{line.category} för {line.group} finns redan på rad {unit[key]}"))
                continue
            unit[key] = line.row
            if isinstance(key, str) and key not in own:
                own.add(key)
                issues.append(Issue.notice(line.where, f"”{line.category}” är en egen kategori (inte en av de tolv): "
                                                       "den summeras till Totalt men ingår inte i kontrollerna. Är "
                                                       "den en felstavad standardkategori, välj den i listan."))
    units = [u for u in by_unit if u.casefold() != TOTAL_UNIT.casefold()]
    for u in units:
        _compute_remaining(lines, by_unit[u])
    total_unit = next((u for u in by_unit if u.casefold() == TOTAL_UNIT.casefold()), None)
    appended: list[int] = []
    if not units and total_unit is not None:  # no units left: what xlbokslut filled before goes, typed cells stay
        for row in by_unit[total_unit].values():
            line = lines[row]
            withdrawn = {g: None for g in GENDERS
                         if filled_before.get(("Deltagare", TOTAL_UNIT, line.category, g)) is not None
                         and line.counts[g] == filled_before[("Deltagare", TOTAL_UNIT, line.category, g)]}
            if withdrawn:
                lines.update(row, counts={**line.counts, **withdrawn}, filled={**line.filled, **withdrawn})
    if units and total_unit is None and table.free_below < 12:
        issues.append(Issue(f"{table.sheet}!A{table.last_row + 1}",
                            "Kan inte lägga till förbundets Totalt-rader under tabellen: raderna under den är inte "
                            "tomma. Flytta det som står där, eller skriv in enheten Totalt själv."))
    elif units:
        if total_unit is None:
            total_unit = TOTAL_UNIT
            by_unit[TOTAL_UNIT] = {}
            present = {_key(lines[row]): lines[row].category for u in units for row in by_unit[u].values()}
            standard: list[tuple[int | str, str]] = [(n, c) for n, c in enumerate(PARTICIPANT_CATEGORIES, start=1) if n in present]
            owns: list[tuple[int | str, str]] = [(k, c) for k, c in present.items() if isinstance(k, str)]
            for n, (key, category) in enumerate(standard + owns, start=1):  # the categories the units have
                line = _new_line(table, table.last_row + n, TOTAL_UNIT, category, key if isinstance(key, int) else 0)
                lines.add(line)
                by_unit[TOTAL_UNIT][key] = line.row
                appended.append(line.row)
        for key, row in by_unit[total_unit].items():
            members = [lines[by_unit[u][key]] for u in units if key in by_unit[u]]
            if not members:
                continue  # a category on the total only (2016: "Ej i statistik"): taken as typed
            issues += _fill_or_check(lines, row, _sum(members), filled_before,
                                     ("Deltagare", TOTAL_UNIT, lines[row].category), "summan av enheterna")
    for line in lines.all():
        lines.update(line.row, total=line.people())
    for unit in by_unit.values():
        issues += _check_unit(lines, {k: r for k, r in unit.items() if isinstance(k, int)},
                              tuple(r for k, r in unit.items() if isinstance(k, str) and k.startswith("varav")))
        _percentages(lines, unit, varav_of)
    figures = {u: Figures(u, {n: lines[row] for n, row in rows.items()}) for u, rows in by_unit.items()}
    return ParticipantTables(lines.all(), figures, tuple(lines[row] for row in appended)), issues


def evaluate_background(table: TableData | None, filled_before: dict) -> tuple[ParticipantTables, list[Issue]]:
    """tblBakgrund: Totalt per row, and one total row per Tabell (filled, checked, or appended); and the
    problems."""
    if table is None:
        return ParticipantTables(), []
    read, issues = _read_lines(table, "Tabell", numbered=False)
    lines = _Lines(read)
    groups: dict[str, list[Line]] = {}
    for line in lines.all():
        if line.group:
            groups.setdefault(line.group, []).append(line)
    appended = []
    next_row = table.last_row
    for name, members in groups.items():
        totals = [m.row for m in members if m.category.casefold() in BACKGROUND_TOTALS]
        parts = [m for m in members if m.row not in totals]
        if not totals:
            if next_row - table.last_row >= table.free_below:
                issues.append(Issue(f"{table.sheet}!A{table.last_row + 1}", f"Kan inte lägga till en Totalt-rad "
                                    f"för {name}: raderna under tabellen är inte tomma"))
                continue
            next_row += 1
            lines.add(_new_line(table, next_row, name, "Totalt"))
            totals = [next_row]
            appended.append(next_row)
        for row in totals:
            issues += _fill_or_check(lines, row, _sum(parts), filled_before, ("Bakgrund", name, lines[row].category),
                                     "summan av kategorierna")
    for line in lines.all():
        lines.update(line.row, total=line.people())
    return ParticipantTables(lines.all(), {}, tuple(lines[row] for row in appended)), issues


def find_unit(units: Mapping[str, Figures], name: str) -> Figures | None:
    """A unit's figures by name, ignoring case (as users type ”totalt” or ”Totalt”)."""
    return next((f for u, f in units.items() if u.casefold() == name.casefold()), None)


def throughput_text(figures: Figures) -> str:
    a, d = figures.get(A), figures.get(D)
    if a is None or not d:
        return ""
    return f"{round_half_up(share(a, d))} % ({fmt_int(a)} av {fmt_int(d)})"
