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

from .issues import NOTICE, Issue, joined
from .model import Cell, TableData, address, column_letter
from .schema import PARTICIPANT_CATEGORIES, TABLES, TOTAL_UNIT, norm_header
from .settings import Settings, VaravOf
from .values import (PercentCell, ValueProblem, runs, clean_text, fmt_int, fmt_num, is_blank, parse_count,
                     parse_number, round_half_up, share)

CATEGORY_NO = {norm_header(c): i for i, c in enumerate(PARTICIPANT_CATEGORIES, start=1)}
D, NEW, A, P, WORK, EXTRA, STUDIES, REHAB, UNABLE, HEALTH, OTHER, REMAINING = range(1, 13)
SHARE_OF = {P: A, **{c: P for c in (WORK, EXTRA, STUDIES, REHAB, UNABLE)}, HEALTH: A, OTHER: A}
BACKGROUND_TOTALS = {"totalt", "summa", "slutsumma"}
GENDERS = ("Kvinnor", "Män")
PREVIOUS = "Föregående år"  # last year's value: a count on rows 1–2, a percent on rows 4–11, blank elsewhere
PREVIOUS_COUNTS = (D, NEW)
PREVIOUS_PERCENTS = tuple(range(P, OTHER + 1))
PREVIOUS_RULE = "antal på rad 1–2 (deltagare, nya), procent på rad 4–11, tomt på övriga rader"


class Line(NamedTuple):
    """A row of tblDeltagare or tblBakgrund, as read and as computed.

    Attributes:
        group: the Enhet (Deltagare) or the Tabell (Bakgrund).
        category: the Kategori as typed; ``number`` its place 1–12 in Deltagare (0 if unknown).
        cells: the Kvinnor and Män cells; ``where`` the Kategori cell.
        counts: Kvinnor and Män as numbers (None when blank or unreadable).
        filled: the typed columns xlbokslut fills on this row (total rows only: Kvinnor, Män, Föregående år), with
            the value (None: a value it filled before is withdrawn).
        computed: "Antal kvar" left blank and computed as D − A.
        previous: Föregående år as read: a count on rows 1–2, a percent on rows 4–11 (``17 %`` typed, or 0,17
            in a percent-formatted cell, is 17); None when blank, not read (other rows) or impossible (named in
            ``problems``). On the förbund's rows it may be filled by xlbokslut (``filled[PREVIOUS]``).
        previous_cell: the Föregående år cell (None when the table has no such column).
        previous_free: the förbund's Föregående år cell is blank or holds what xlbokslut filled in before, so
            that xlbokslut may fill it (from last year's workbook, rows 4–11).
        problems: what Kontroll says about the row.
        typed: every cell of the row that xlbokslut does not write (by normalised header), as read.
        added: a total row xlbokslut appended (on this run, or on an earlier one and the record says so).
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
    previous: float | None = None
    previous_cell: Cell | None = None
    previous_free: bool = False
    total: int | None = None
    percent: int | None = None
    problems: tuple[Issue, ...] = ()
    typed: Mapping[str, object] = MappingProxyType({})
    added: bool = False

    def people(self, gender: str | None = None) -> int | None:
        """The count for one gender, or for all (None when one is unknown)."""
        if gender:
            return self.counts.get(gender)
        known = [v for g in GENDERS if (v := self.counts.get(g)) is not None]
        return sum(known) if len(known) == len(GENDERS) else None

    def with_problem(self, message: str, place: str = "") -> Line:
        return self._replace(problems=self.problems + (Issue(place, message),))

    @property
    def previous_where(self) -> str:
        """The Föregående år cell's address (only asked of a line that has the column)."""
        assert self.previous_cell is not None
        return self.previous_cell.where

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
    appended: tuple[Line, ...] = ()  # total rows xlbokslut writes on this run (below the table, or in a removed row)
    removed: tuple[Line, ...] = ()  # total rows xlbokslut added before that are no longer needed: their cells cleared
    previous_notice: Issue | None = None  # the förbund's Föregående år on rows 4–11 left blank: the Notis saying so


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

    def remove(self, row: int) -> Line:
        return self.by_row.pop(row)

    def all(self) -> tuple[Line, ...]:
        return tuple(self.by_row.values())


def _read_lines(table: TableData, group_header: str, numbered: bool) -> tuple[list[Line], list[Issue]]:
    """The table's rows as lines, and what is wrong with their cells."""
    lines = []
    issues: list[Issue] = []
    written = {norm_header(h) for h in TABLES[table.name].written_headers}
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
                          previous_cell=previous, problems=tuple(problems),
                          typed={h: c.value for h, c in row.cells.items() if h not in written}))
    return lines, issues


def _new_line(table: TableData, row: int, group: str, category: str, number: int = 0) -> Line:
    """A total row that xlbokslut appends below the table (or writes into a row it removed)."""
    cells = {g: Cell(None, address(table.sheet, row, table.columns[norm_header(g)])) for g in GENDERS}
    col = table.columns.get(norm_header(PREVIOUS))
    return Line(row, group, category, number, cells, address(table.sheet, row, table.columns["kategori"]),
                {g: None for g in GENDERS}, previous_cell=Cell(None, address(table.sheet, row, col)) if col else None,
                added=True)


# --- total rows xlbokslut added: known by the record, removed when no longer needed ----------------------------
def _recorded(record: dict, sheet: str, line: Line) -> dict[str, object]:
    """What the record says xlbokslut wrote on the row of ``line``'s group and category, by normalised column."""
    key = (sheet, line.group, line.category)
    return {norm_header(k[3]): v for k, v in record.items() if k[:3] == key}


def _added_before(record: dict, sheet: str, group_header: str, line: Line) -> bool:
    """A row xlbokslut appended on an earlier run: the record holds its group and Kategori cells as they are now
    (a workbook evaluated before xlbokslut recorded appended rows has no such entry: its rows are typed ones)."""
    ours = _recorded(record, sheet, line)
    return bool(line.group) and ours.get(norm_header(group_header)) == line.group \
        and ours.get("kategori") == line.category


def _untouched(record: dict, sheet: str, line: Line) -> bool:
    """Every cell of the row is blank or holds exactly what xlbokslut recorded writing there."""
    ours = _recorded(record, sheet, line)

    def same(value: object, recorded: object) -> bool:
        if isinstance(value, str) or isinstance(recorded, str):
            return clean_text(value) == clean_text(recorded) and recorded is not None
        return value == recorded

    return all(v is None or v == "" or same(v, ours.get(h)) for h, v in line.typed.items())


def _total_key(line: Line) -> tuple[str, str, str]:
    """Where the record keeps what xlbokslut filled on one of the förbund's Totalt rows (then the column)."""
    return "Deltagare", TOTAL_UNIT, line.category


def _place(table: TableData, row: int, group_header: str, last: int = 0) -> str:
    """The group and Kategori cells of a row (or of rows ``row``–``last``), as a range (``Deltagare!A31:B31``)."""
    cols = sorted((table.columns[norm_header(group_header)], table.columns["kategori"]))
    return f"{address(table.sheet, row, cols[0])}:{column_letter(cols[1])}{last or row}"


def _withdraw(lines: _Lines, row: int, filled_before: dict, key: tuple) -> bool:
    """Clear the gender cells xlbokslut filled before on a total row that has nothing to sum (typed cells stay);
    whether there were any."""
    line = lines[row]
    withdrawn = {g: None for g in GENDERS if filled_before.get(key + (g,)) is not None
                 and line.counts[g] == filled_before[key + (g,)]}
    if withdrawn:
        lines.update(row, counts={**line.counts, **withdrawn}, filled={**line.filled, **withdrawn})
    if _holds_filled(lines[row], filled_before, key):
        lines.update(row, previous=None, filled={**lines[row].filled, PREVIOUS: None})
        withdrawn[PREVIOUS] = None
    return bool(withdrawn)


def _slots(table: TableData, freed: list[int], count: int) -> list[int]:
    """Where ``count`` new total rows go: first the rows removed on this run, then below the table."""
    below = max(0, count - len(freed))
    return sorted(freed)[:count] + [table.last_row + n for n in range(1, below + 1)]


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


# --- Föregående år: last year's value, a count on rows 1–2 and a percent on rows 4–11 ---------------------------
def _shown(raw: object) -> str:
    """A Föregående år cell as the user sees it (0,17 in a percent-formatted cell is ”17 %”)."""
    return f"{fmt_num(float(raw) * 100)} %" if isinstance(raw, PercentCell) else clean_text(raw)


def _typed_percent(raw: object) -> bool:
    """The cell was typed as a percentage: formatted as one, or text with a % sign."""
    if isinstance(raw, PercentCell):
        return True
    try:
        number = parse_number(raw)
    except ValueProblem:
        return False
    return number is not None and number.percent


def _number_or_none(raw: object) -> float | None:
    """The number a cell holds, or None when it holds none (text, a date …)."""
    try:
        number = parse_number(raw)
    except ValueProblem:
        return None
    return None if number is None else number.value


def _as_percent(raw: object) -> float:
    """Föregående år on rows 4–11 in percent: 17, ”17 %” and 0,17 (a percent-formatted cell, or a fraction as Excel
    stores 17 %) are all 17; raises ValueProblem for text that is no number and for a negative value."""
    if isinstance(raw, PercentCell):
        value = float(raw) * 100
    else:
        number = parse_number(raw)
        assert number is not None
        value = number.value
        if not number.percent and 0 < value < 1:
            value *= 100
    if value < 0:
        raise ValueProblem(f"{fmt_num(value)} – en procent kan inte vara negativ")
    return round(value, 6)


def _holds_filled(line: Line, filled_before: dict, key: tuple) -> bool:
    """The Föregående år cell holds what xlbokslut recorded filling in there on the previous run."""
    ours = filled_before.get(key + (PREVIOUS,))
    return ours is not None and line.previous_cell is not None and not is_blank(line.previous_cell.value) \
        and line.previous_cell.value == ours and not isinstance(line.previous_cell.value, PercentCell)


def read_previous(cell: Cell, number: int, category: str) -> tuple[float | None, Issue | None]:
    """Föregående år by its row's rule (PREVIOUS_RULE): a count on rows 1–2, a percent on rows 4–11, nothing on
    the others (``number`` 3, 12, or 0 for a category of one's own). Returns the value, or None and what to say:
    a Varning for a value that cannot be last year's (a percent where a count belongs, a "percent" over 100), a
    Notis for a value on a row that has none (not read, never silently ignored)."""
    raw = cell.value
    if is_blank(raw):
        return None, None
    if number in PREVIOUS_COUNTS:
        fraction = raw if isinstance(raw, float) and 0 < raw < 1 else None  # 0,17: how a spreadsheet stores 17 %
        if _typed_percent(raw) or fraction is not None:
            shown = _shown(raw if _typed_percent(raw) or fraction is None else PercentCell(fraction))
            message = f"{PREVIOUS} är antal på rad 1–2, inte procent: ”{shown}” – skriv förra årets antal"
        else:
            try:
                return parse_count(raw), None
            except ValueProblem as problem:
                value = _number_or_none(raw)
                message = (f"{PREVIOUS}: {problem}" if value is None else
                           f"{PREVIOUS}: {fmt_num(value)} – ett antal kan inte vara negativt" if value < 0 else
                           f"{PREVIOUS}: {fmt_num(value)} är inte ett helt antal")
    elif number in PREVIOUS_PERCENTS:
        try:
            value = _as_percent(raw)
        except ValueProblem as problem:
            message = f"{PREVIOUS}: {problem}"
        else:
            if value <= 100:
                return value, None
            message = f"{PREVIOUS} är procent på rad 4–11; {fmt_num(value)} är över 100 % – är det ett antal?"
    elif number:
        return None, Issue.notice(cell.where, f"{PREVIOUS} läses bara på rad 1–2 (antal) och 4–11 (procent), inte på "
                                              f"rad {number} ({category}): ”{_shown(raw)}” används inte. Töm cellen.")
    else:
        return None, Issue.notice(cell.where, f"{PREVIOUS} läses inte för en egen kategori (”{category}”): "
                                              f"”{_shown(raw)}” används inte. Töm cellen, eller välj en av de tolv "
                                              "kategorierna.")
    return None, Issue.warning(cell.where, message)


def _read_previous(lines: _Lines, row: int) -> list[Issue]:
    """Föregående år of one line (read_previous): an impossible value is also said in the row's Kontroll."""
    line = lines[row]
    if line.previous_cell is None or not line.group or not line.category:
        return []
    value, said = read_previous(line.previous_cell, line.number, line.category)
    lines.update(row, previous=value)
    if said is None:
        return []
    if said.level != NOTICE:  # Kontroll says what is wrong; a value that is not read is only named
        lines.problem(row, said.message)
    return [said]


def _check_previous(lines: _Lines, unit: dict[int, int], varav_of: VaravOf) -> list[Issue]:
    """The unit's Föregående år across rows: nya not above deltagare; shares of one row (5–9 of row 4, or of row 3
    with "Varav-rader i procent av: avslutade"; 4, 10 and 11 of row 3) not summing to well over 100 (more than
    100 + one per row, for rounding) — such figures are counts, and are not read."""
    issues: list[Issue] = []

    def previous(n: int) -> float | None:
        return lines[unit[n]].previous if n in unit else None

    d, new = previous(D), previous(NEW)
    if d is not None and new is not None and new > d:
        message = f"{PREVIOUS}: fler nya ({fmt_num(new)}) än deltagare ({fmt_num(d)})"
        lines.problem(unit[NEW], message)
        issues.append(Issue.warning(lines[unit[NEW]].previous_where, message))
    varav_base = A if varav_of is VaravOf.ENDED else P
    for group, base in (((WORK, EXTRA, STUDIES, REHAB, UNABLE), varav_base), ((P, HEALTH, OTHER), A)):
        present = [n for n in group if previous(n) is not None]
        total = sum(previous(n) or 0 for n in present)
        if total <= 100 + len(present):
            continue
        cells = [lines[unit[n]].previous_where for n in present]
        place = cells[0] if len(cells) == 1 else f"{cells[0]}:{cells[-1].split('!')[-1]}"
        message = (f"{PREVIOUS} på {_rows_text(present)} summerar till {fmt_num(total)} %, men de är andelar av "
                   f"rad {base} och kan tillsammans inte bli över 100 % – är det antal? Skriv procent.")
        issues.append(Issue.warning(place, message))
        for n in present:
            lines.problem(unit[n], message)
            lines.update(unit[n], previous=None)
    return issues


def _fill_previous(lines: _Lines, row: int, members: list[Line], filled_before: dict, key: tuple) -> list[Issue]:
    """The förbund's Föregående år on rows 1–2: the sum of the units' when every unit that has the row has one;
    filled when the cell is blank (or holds what xlbokslut filled before), checked when typed."""
    line = lines[row]
    cell = line.previous_cell
    if cell is None:
        return []
    lacking = [m.group for m in members if m.previous is None]
    expected = None if lacking else int(sum(m.previous or 0 for m in members))
    ours = _holds_filled(line, filled_before, key)
    if cell.value is None or cell.value == "" or ours:
        if expected is not None:
            lines.update(row, previous=expected, filled={**line.filled, PREVIOUS: expected})
            return []
        if ours:  # the sum cannot be made any more: what xlbokslut filled is withdrawn
            lines.update(row, previous=None, filled={**line.filled, PREVIOUS: None})
        if len(lacking) == len(members):
            return []  # no unit gives last year's figure: the column is not used
        which = lacking[0] if len(lacking) == 1 else ", ".join(lacking[:-1]) + " och " + lacking[-1]
        return [Issue.notice(cell.where, f"förbundets {PREVIOUS} på raden ”{line.category}” fylls inte i: {which} "
                                         "saknar ett giltigt antal där, och summan av enheterna behöver alla")]
    if is_blank(cell.value):
        return [Issue.warning(cell.where, "cellen innehåller bara mellanslag; töm den, så fyller xlbokslut i summan")]
    if expected is not None and line.previous is not None and line.previous != expected:
        message = f"{PREVIOUS}: ifyllt {fmt_num(line.previous)}, men summan av enheterna är {fmt_int(expected)}"
        lines.problem(row, message)
        return [Issue.warning(cell.where, message)]
    return []


PREVIOUS_PERCENT_NOTICE = (f"förbundets {PREVIOUS} på rad 4–11 (procent) kan inte räknas ut ur enheternas procent "
                           "utan fjolårets antal och lämnas tomt. Skriv förra årets procent från fjolårets bokslut, "
                           "eller ange Fjolårets arbetsbok på bladet Inställningar, så hämtar xlbokslut dem därifrån.")


def _free_percents(lines: _Lines, total: dict, units: list[dict], filled_before: dict) -> Issue | None:
    """The förbund's Föregående år on rows 4–11: left for last year's workbook when blank, kept (and recorded
    again) when it holds what xlbokslut filled before; the Notis, once, when one is blank though the units give
    theirs."""
    blank = []
    for n in PREVIOUS_PERCENTS:
        cell = lines[total[n]].previous_cell if n in total else None
        if cell is None:
            continue
        line, value = lines[total[n]], cell.value
        if _holds_filled(line, filled_before, _total_key(line)):
            lines.update(line.row, previous_free=True, filled={**line.filled, PREVIOUS: value})
        elif value is None or value == "":
            lines.update(line.row, previous_free=True)
            if any(n in u and lines[u[n]].previous is not None for u in units):
                blank.append(line)
    if not blank:
        return None
    first = min(blank, key=lambda line: line.row)
    return Issue.notice(first.previous_where, PREVIOUS_PERCENT_NOTICE)


def previous_from_last_year(tables: ParticipantTables, last: ParticipantTables, name: str,
                            comparable_varav: bool = True) -> ParticipantTables:
    """The förbund's Föregående år on rows 4–11 that xlbokslut may fill, from last year's evaluated workbook (its
    Totalt's Andel (%)); ``comparable_varav``: last year's rows 5–9 were shares of the same row as this year's."""
    this, before = find_unit(tables.units, TOTAL_UNIT), find_unit(last.units, TOTAL_UNIT)
    if this is None:
        return tables
    changed: dict[int, Line] = {}
    missing = []
    for n in PREVIOUS_PERCENTS:
        line = this.lines.get(n)
        if line is None or not line.previous_free:
            continue
        old = before.lines.get(n) if before is not None else None
        if old is not None and old.percent is not None and (comparable_varav or SHARE_OF.get(n) != P):
            changed[line.row] = line._replace(previous=old.percent, filled={**line.filled, PREVIOUS: old.percent})
        elif line.previous is None:
            missing.append(line)
    notice = tables.previous_notice
    if notice is not None:
        notice = None if not missing else Issue.notice(
            min(missing, key=lambda line: line.row).previous_where,
            f"förbundets {PREVIOUS} på {_rows_text([m.number for m in missing])} finns inte i fjolårets arbetsbok "
            f"{name} och lämnas tomt: skriv förra årets procent själv.")
    lines = tuple(changed.get(line.row, line) for line in tables.lines)
    units = {u: f._replace(lines={k: changed.get(line.row, line) for k, line in f.lines.items()})
             for u, f in tables.units.items()}
    return tables._replace(lines=lines, units=units, appended=tuple(changed.get(line.row, line)
                                                                    for line in tables.appended),
                           previous_notice=notice)


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
    own: dict[str, tuple[int, Issue]] = {}  # own category → its first row and the notice naming it
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
                own[key] = line.row, Issue.notice(line.where, f"”{line.category}” är en egen kategori (inte en av de "
                                                              "tolv): den summeras till Totalt men ingår inte i "
                                                              "kontrollerna. Är den en felstavad standardkategori, välj "
                                                              "den i listan.")
                issues.append(own[key][1])
    for line in lines.all():
        issues += _read_previous(lines, line.row)
    units = [u for u in by_unit if u.casefold() != TOTAL_UNIT.casefold()]
    for u in units:
        _compute_remaining(lines, by_unit[u])
    total_unit = next((u for u in by_unit if u.casefold() == TOTAL_UNIT.casefold()), None)
    removed: list[Line] = []
    if total_unit is not None:
        removed, more = _unneeded_totals(table, lines, by_unit, units, total_unit, filled_before)
        issues += more
        unnamed = [notice for row, notice in own.values() if row in {line.row for line in removed}]
        issues = [i for i in issues if i not in unnamed]  # a removed row's own category is not named
        if not by_unit[total_unit]:
            del by_unit[total_unit]
            total_unit = None
    appended: list[int] = []
    if units:
        present = {_key(lines[row]): lines[row].category for u in units for row in by_unit[u].values()}
        standard: list[tuple[int | str, str]] = [(n, c) for n, c in enumerate(PARTICIPANT_CATEGORIES, start=1)
                                                 if n in present]
        owns: list[tuple[int | str, str]] = [(k, c) for k, c in present.items() if isinstance(k, str)]
        if total_unit is None:
            wanted = standard + owns  # the categories the units have
        elif all(lines[row].added for row in by_unit[total_unit].values()):  # xlbokslut's rows: a category added
            wanted = [(k, c) for k, c in standard + owns if k not in by_unit[total_unit]]
        else:
            wanted = []  # Totalt rows a person typed: taken as they are
        freed = [line.row for line in removed]
        if len(wanted) - len(freed) > table.free_below:
            issues.append(Issue(f"{table.sheet}!A{table.last_row + 1}",
                                "Kan inte lägga till förbundets Totalt-rader under tabellen: raderna under den är inte "
                                "tomma. Flytta det som står där, eller skriv in enheten Totalt själv."))
        else:
            if total_unit is None:
                total_unit = TOTAL_UNIT
                by_unit[TOTAL_UNIT] = {}
            for (key, category), row in zip(wanted, _slots(table, freed, len(wanted))):
                line = _new_line(table, row, TOTAL_UNIT, category, key if isinstance(key, int) else 0)
                lines.add(line)
                by_unit[total_unit][key] = line.row
                appended.append(line.row)
        for key, row in (by_unit[total_unit].items() if total_unit is not None else ()):
            members = [lines[by_unit[u][key]] for u in units if key in by_unit[u]]
            if not members:
                continue  # a category on the total only (2016: "Ej i statistik"): taken as typed
            key_of_row = _total_key(lines[row])
            issues += _fill_or_check(lines, row, _sum(members), filled_before, key_of_row, "summan av enheterna")
            if key in PREVIOUS_COUNTS:
                issues += _fill_previous(lines, row, members, filled_before, key_of_row)
    notice = None
    if total_unit is not None:
        notice = _free_percents(lines, by_unit[total_unit], [by_unit[u] for u in units], filled_before)
        issues += [notice] if notice else []
    for line in lines.all():
        lines.update(line.row, total=line.people())
    for unit in by_unit.values():
        numbered = {k: r for k, r in unit.items() if isinstance(k, int)}
        issues += _check_unit(lines, numbered,
                              tuple(r for k, r in unit.items() if isinstance(k, str) and k.startswith("varav")))
        issues += _check_previous(lines, numbered, varav_of)
        _percentages(lines, unit, varav_of)
    figures = {u: Figures(u, {n: lines[row] for n, row in rows.items()}) for u, rows in by_unit.items()}
    return ParticipantTables(lines.all(), figures, tuple(lines[row] for row in appended), tuple(removed),
                             notice), issues


def _unneeded_totals(table: TableData, lines: _Lines, by_unit: dict[str, dict], units: list[str], total_unit: str,
                     filled_before: dict) -> tuple[list[Line], list[Issue]]:
    """The förbund's Totalt rows for a category no unit has (any more: a misspelt category put right, a unit's
    row deleted). One xlbokslut added whose cells all hold what it wrote is removed; any other keeps what a
    person typed, loses the sums xlbokslut filled in, and is named when there was such a sum or xlbokslut added
    it. A row xlbokslut added for a category a unit has stays xlbokslut's (``added``)."""
    removed: list[Line] = []
    issues: list[Issue] = []
    unit_keys = {key for u in units for key in by_unit[u]}
    for key, row in list(by_unit[total_unit].items()):
        line = lines[row]
        added = _added_before(filled_before, "Deltagare", "Enhet", line)
        if key in unit_keys:
            lines.update(row, added=added)
            continue
        where = _place(table, row, "Enhet")
        what = f"raden {line.group} · {line.category}"
        if added and _untouched(filled_before, "Deltagare", line):
            removed.append(lines.remove(row))
            del by_unit[total_unit][key]
            if units:
                issues.append(Issue.notice(where, f"{what} som xlbokslut lade till togs bort – ingen enhet har den "
                                                  "kategorin längre"))
            continue
        withdrawn = _withdraw(lines, row, filled_before, _total_key(line))
        lines.update(row, added=added)
        if not units:
            continue  # the table is being emptied: nothing to say about each row
        emptied = ": summorna som xlbokslut fyllde i är tömda" if withdrawn else ""
        if added:
            issues.append(Issue.notice(where, f"{what} som xlbokslut lade till står kvar eftersom någon har skrivit i "
                                              f"den, men ingen enhet har den kategorin längre{emptied}. Ta bort raden "
                                              "om den inte behövs."))
        elif withdrawn:
            issues.append(Issue.notice(where, f"ingen enhet har kategorin ”{line.category}” längre: summorna som "
                                              f"xlbokslut fyllde i på {what} är tömda. Ta bort raden om den inte "
                                              "behövs."))
    if removed and not units:
        place = _place(table, min(line.row for line in removed), "Enhet", max(line.row for line in removed))
        issues.append(Issue.notice(place, "raderna Totalt som xlbokslut lade till togs bort – tabellen har inga "
                                          "enheter längre"))
    return removed, issues


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
    removed: list[Line] = []
    for name, members in list(groups.items()):
        total_lines = [m for m in members if m.category.casefold() in BACKGROUND_TOTALS]
        for m in total_lines:
            added = _added_before(filled_before, "Bakgrund", "Tabell", m)
            if added and len(total_lines) == len(members) and _untouched(filled_before, "Bakgrund", m):
                removed.append(lines.remove(m.row))  # the Tabell was renamed or deleted
                issues.append(Issue.notice(_place(table, m.row, "Tabell"),
                                           f"raden {name} · {m.category} som xlbokslut lade till togs bort – tabellen "
                                           f"{name} har inga andra rader längre"))
            else:
                lines.update(m.row, added=added)
        groups[name] = [lines[m.row] for m in members if m.row in lines.by_row]
        if not groups[name]:
            del groups[name]
    needing = [name for name, members in groups.items()
               if not any(m.category.casefold() in BACKGROUND_TOTALS for m in members)]
    slots = dict(zip(needing, _slots(table, [line.row for line in removed], len(needing))))
    appended = []
    for name, members in groups.items():
        totals = [m.row for m in members if m.category.casefold() in BACKGROUND_TOTALS]
        parts = [m for m in members if m.row not in totals]
        if not totals:
            if slots[name] - table.last_row > table.free_below:
                issues.append(Issue(f"{table.sheet}!A{table.last_row + 1}", f"Kan inte lägga till en Totalt-rad "
                                    f"för {name}: raderna under tabellen är inte tomma"))
                continue
            lines.add(_new_line(table, slots[name], name, "Totalt"))
            totals = [slots[name]]
            appended.append(slots[name])
        for row in totals:
            issues += _fill_or_check(lines, row, _sum(parts), filled_before, ("Bakgrund", name, lines[row].category),
                                     "summan av kategorierna")
    for line in lines.all():
        lines.update(line.row, total=line.people())
    return ParticipantTables(lines.all(), {}, tuple(lines[row] for row in appended), tuple(removed)), issues


def find_unit(units: Mapping[str, Figures], name: str) -> Figures | None:
    """A unit's figures by name, ignoring case (as users type ”totalt” or ”Totalt”)."""
    return next((f for u, f in units.items() if u.casefold() == name.casefold()), None)


def throughput_text(figures: Figures) -> str:
    a, d = figures.get(A), figures.get(D)
    if a is None or not d:
        return ""
    return f"{round_half_up(share(a, d))} % ({fmt_int(a)} av {fmt_int(d)})"
