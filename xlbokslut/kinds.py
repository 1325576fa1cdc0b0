"""Indicator kinds: each family owns everything about its kinds.

A ``Kind`` knows the Verifikationer columns it reads and how each is parsed, how its Målvärde is read and
bounded, its rule (outcome and status), how the board reads its target, how far an outcome is from the
target and in which unit, and which linked outcomes it accepts. The kinds themselves, with their names,
are one table in ``schema.KINDS``; nothing else spells a kind's name.

Arithmetic is exact (fractions), so that a value exactly on a target or on the edge of "Nära målet" is
decided the way a person counting by hand would decide it. An input that cannot be right (N = 0, n > N …)
is an Outcome "Fel i indata" naming the column at fault (``Kind.outcome``; inside a family's rule it is raised
as ``InputProblem``, so that a rule reads as arithmetic).
"""
from __future__ import annotations

import dataclasses
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from math import ceil, floor
from collections.abc import Callable

from .confidence import Basis
from .issues import Issue
from .outcome import INPUT_ERROR, MISSING, NEAR, NOT_REACHED, REACHED, Origin, Outcome, Source, Tally
from .settings import Settings
from .values import (Amount, Cell, ValueProblem, clean_text, counted, fmt_int, fmt_num, is_blank, parse_count, parse_number,
                     parse_pair, parse_percent, parse_percent_typed, parse_typed, parse_yes_no, round_half_up, share,
                     Typed)

AT_LEAST, AT_MOST = "minst", "högst"
PP_UNIT = "procentenheter"
PP_ONE = "procentenhet"
REL_UNIT = "% av målvärdet"

# A pair typed in one cell ("52 av 54") fills the column and its denominator.
PAIRS = {"Täljare": "Nämnare", "Kvinnor": "Kvinnor av", "Män": "Män av"}


class InputProblem(ValueError):
    """Inputs that cannot be right; ``column`` is the Verifikationer header at fault."""

    def __init__(self, message: str, column: str = ""):
        super().__init__(message)
        self.column = column


class LinkProblem(ValueError):
    """A linked outcome cannot be taken; ``str(exc)`` is a Swedish sentence, ``place`` the cell at fault ('' for
    the row's Hämta från cell)."""

    def __init__(self, message: str, place: str = ""):
        super().__init__(message)
        self.place = place


def exact(x: float | int | Fraction) -> Fraction:
    """A float as the decimal the user typed (0.1 stays 1/10), for exact comparisons."""
    return x if isinstance(x, Fraction) else Fraction(repr(x)) if isinstance(x, float) else Fraction(x)


def number(raw: object) -> Amount | None:
    n = parse_number(raw)
    return None if n is None else Amount(n.value, n.unit)


def _unit(v: dict, *cols: str) -> str:
    """The unit ("kr") any of ``cols`` was typed with, for the outcome's text; '' for none."""
    return next((u for col in cols if (u := getattr(v.get(col), "unit", ""))), "")


def _amount(x: float | Fraction, unit: str) -> str:
    return f"{fmt_num(x, 2)} {unit}" if unit else fmt_num(x, 2)


def error(*issues: Issue) -> Outcome:
    return Outcome(INPUT_ERROR, issues=tuple(issues))


def _status(value: Fraction, target: Fraction, margin: Fraction | None, direction: str) -> str:
    below = target - value if direction == AT_LEAST else value - target
    if below <= 0:
        return REACHED
    return NEAR if margin is not None and below <= margin else NOT_REACHED


def _share(n: int, total: int, n_col: str, total_col: str) -> Fraction:
    if total == 0:
        raise InputProblem(f"{total_col} är 0, så ingen andel kan räknas ut", total_col)
    if n > total:
        raise InputProblem(f"{n_col} ({n}) är större än {total_col} ({total})", n_col)
    return share(n, total)


def _compared(x: Fraction, settings: Settings) -> Fraction:
    """A share as compared with its target: whole percent when the setting says so."""
    return Fraction(round_half_up(x)) if settings.round_shares else x


def _rounded(x: Fraction, decimals: int) -> Decimal:
    return (Decimal(x.numerator) / Decimal(x.denominator)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)


def _pct(x: Fraction) -> str:
    return f"{round_half_up(x)} %"


def _signed_gap(value: Fraction, target: Fraction, direction: str) -> Fraction:
    return value - target if direction == AT_LEAST else target - value


def _up(x: Fraction, decimals: int) -> Fraction:
    """x rounded up (away from zero) to ``decimals`` decimals: a step that is never too short."""
    step = Fraction(1, 10 ** decimals)
    return ceil(x / step) * step


def _share_reached(direction: str, target: Fraction, settings: Settings) -> tuple[Fraction, bool]:
    """The share at which a share kind is reached: (bound, strict). At least: share ≥ bound. At most: share
    ≤ bound, or < bound when strict — whole percent half up, as the board reads it, when the setting says so."""
    if direction == AT_LEAST:
        return (Fraction(ceil(target)) - Fraction(1, 2), False) if settings.round_shares else (target, False)
    return (Fraction(floor(target)) + Fraction(1, 2), True) if settings.round_shares else (target, False)


def _first(holds: Callable[[int], bool], limit: int = 10 ** 7) -> int | None:
    """The smallest k ≥ 1 for which a condition that stays true once true holds; None beyond ``limit``."""
    high = 1
    while not holds(high):
        high *= 2
        if high > limit:
            return None
    low = high // 2  # holds(low) is false (or low is 0)
    while high - low > 1:
        mid = (low + high) // 2
        low, high = (low, mid) if holds(mid) else (mid, high)
    return high


def _more(k: int, what: str, one: str) -> str:
    """'1 positivt svar till' / '3 fler positiva svar'."""
    return f"1 {one} till" if k == 1 else f"{k} fler {what}"


class Kind:
    """An indicator kind (Typ). Subclasses are the families; instances, with their names, are schema.KINDS.

    Attributes:
        name: the Typ text users pick.
        help: one Swedish sentence for the Instruktioner sheet.
        reads: the Verifikationer columns that must all be filled for an outcome.
        optional: columns it reads when they are filled.
        also_reads: columns it reads in another way (a share given as a percentage in Värde).
        percent_target: Målvärde (and Övre gräns) is a percent: 0 < x ≤ 1 reads as a fraction.
        target_max: the largest Målvärde that makes sense (100 for a share), or None.
        near_in_points: "Nära målet" is a margin in percentage points (else in percent of the target).
        summable: the förbund's outcome may be summed from the units' rows.
        gap_unit: the unit of ``gap``.
        needs_target: Målvärde must be filled.
    """

    reads: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    also_reads: tuple[str, ...] = ()
    percent_target = False
    target_max: float | None = None
    near_in_points = False
    summable = False
    gap_unit = REL_UNIT
    needs_target = True
    takes_equivalents = False
    takes_examples = False

    def __init__(self, name: str, help: str, direction: str = AT_LEAST):
        self.name, self.help, self.direction = name, help, direction

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}>"

    # --- the budget row ----------------------------------------------------------------------
    def parse_target(self, raw: object) -> float | None:
        return parse_percent(raw) if self.percent_target else number(raw)

    def read_target(self, target_cell: Cell | None, upper_cell: Cell | None
                    ) -> tuple[float | None, float | None, list[Issue]]:
        """Målvärde (and Övre gräns) of a budget row, with what is wrong with them."""
        if target_cell is None:
            return None, None, [Issue("", "Målvärde saknas")] if self.needs_target else []
        problems: list[Issue] = []
        target = None
        try:
            target = self.parse_target(target_cell.value)
        except ValueProblem as problem:
            problems.append(Issue(target_cell.where, f"Målvärde: {problem}"))
        if target is None:
            if self.needs_target and not problems:
                problems.append(Issue(target_cell.where, "Målvärde saknas"))
            return None, None, problems
        if target < 0:
            problems.append(Issue(target_cell.where, "Målvärde kan inte vara negativt"))
        elif self.target_max is not None and target > self.target_max:
            problems.append(Issue(target_cell.where, f"Målvärde {clean_text(target_cell.value)} är över 100 %"))
        return target, None, problems

    # --- the verification row ----------------------------------------------------------------
    def parser(self, column: str) -> Callable[[object], object]:
        """How a Verifikationer column is read for this kind (counts unless a family says otherwise)."""
        return parse_count

    def read_inputs(self, cells: dict[str, Cell], where: str) -> dict | Outcome:
        """The kind's inputs from a verification row's cells, or the Outcome that says why there are none."""
        values: dict[str, object] = {}
        problems: list[Issue] = []
        for column in self.reads + self.optional:
            cell = cells[column]
            if column in values:
                continue
            try:
                pair = parse_pair(cell.value) if column in PAIRS else None
                if pair is not None:
                    values[column], values[PAIRS[column]] = pair
                    other = cells[PAIRS[column]]
                    if not is_blank(other.value) and parse_count(other.value) != pair[1]:
                        problems.append(Issue(other.where, f"{PAIRS[column]} ({other.value}) stämmer inte med "
                                                            f"”{cell.value}” i {column}"))
                else:
                    values[column] = self.parser(column)(cell.value)
            except ValueProblem as problem:
                problems.append(Issue(cell.where, f"{column}: {problem}"))
                values[column] = "fel"
        if problems:
            return error(*problems)
        blank = [c for c in self.reads if values.get(c) is None]
        if len(blank) == len(self.reads):
            return Outcome(MISSING, remark=f"Inget utfall ifyllt på raden ({where})")
        if blank:
            return error(*(Issue(cells[c].where, f"{c} saknas") for c in blank))
        return values

    def unread(self, cells: dict[str, Cell]) -> list[Issue]:
        """A notice for each filled column that this kind does not read (never read silently as something else)."""
        read = set(self.reads + self.optional + self.also_reads)
        return [Issue.notice(cell.where, f"{column} läses inte för typen {self.name}: ”{clean_text(cell.value)}” "
                                         "används inte. Töm cellen, eller byt typ i Budget.")
                for column, cell in cells.items() if column not in read and not is_blank(cell.value)]

    def outcome(self, target: float | None, upper: float | None, values: dict, settings: Settings) -> Outcome:
        """The rule's outcome, never an exception: inputs that cannot be right (N = 0, n > N …) are Fel i indata.
        An issue whose place is a column name ("Värde") is about that column's cell, one with no place about the
        row; the caller puts the address there."""
        try:
            return self.evaluate(target, upper, values, settings)
        except InputProblem as problem:
            column = problem.column if problem.column in self.reads + self.optional else ""
            return error(Issue(column, str(problem)))

    def evaluate(self, target: float | None, upper: float | None, values: dict, settings: Settings) -> Outcome:
        """The family's rule: the outcome and its status; raises InputProblem for inputs that cannot be right
        (callers use ``outcome``)."""
        raise NotImplementedError

    def margin(self, target: Fraction, settings: Settings) -> Fraction | None:
        """How far from the target is still "Nära målet"; None in two-colour mode (Använd Nära målet: Nej)."""
        if not settings.use_near:
            return None
        if self.near_in_points:
            return exact(settings.near_pp)
        return abs(target) * exact(settings.near_pct) / 100

    # --- how the board reads it --------------------------------------------------------------
    def target_text(self, target: float | None, upper: float | None) -> str:
        """The target as the board reads it: 'minst 80 %', '40–60 %', 'Ja'."""
        if target is None:
            return ""
        unit = " %" if self.percent_target else ""
        return f"{self.direction} {fmt_num(exact(target), 2)}{unit}"

    def gap(self, target: float | None, upper: float | None, outcome: Outcome) -> float | None:
        """How far an outcome is above (+) or below (−) its target, in ``gap_unit``; None without a value."""
        if outcome.value is None or target is None:
            return None
        t = exact(target)
        if t == 0:
            return None
        return float(_signed_gap(exact(outcome.value), t, self.direction) * 100 / abs(t))

    def gap_margin(self, target: float | None, settings: Settings) -> float | None:
        """The "Nära målet" margin in ``gap_unit`` (also in two-colour mode): the yardstick that makes gaps of
        different kinds comparable (a gap of −2 procentenheter against a margin of 3 is nearer than −8 % of the
        target against 5). None without a target."""
        if target is None or exact(target) == 0:
            return None
        margin = self.margin(exact(target), dataclasses.replace(settings, use_near=True))
        assert margin is not None
        return float(margin * 100 / abs(exact(target))) if self.gap_unit == REL_UNIT else float(margin)

    def gap_text(self, gap: float) -> str:
        sign = "+" if gap > 0 else "−" if gap < 0 else "±"
        if self.gap_unit == PP_UNIT:
            return sign + counted(abs(gap), PP_ONE, PP_UNIT, 1)
        return f"{sign}{fmt_num(abs(gap))} {self.gap_unit}"

    def to_target(self, target: float | None, upper: float | None, values: dict, settings: Settings,
                  source: Source | None = None) -> str:
        """What it would have taken to reach the target, by the kind's own rule (``3 fler positiva svar``,
        ``+0,2 i snitt``); '' where nothing can be said. ``source`` is where linked numbers came from."""
        return ""

    def basis(self, values: dict) -> Basis | None:
        """What the outcome was counted from (N, and n for a share); None where it is not counted."""
        return None

    # --- linked outcomes ---------------------------------------------------------------------
    def survey_inputs(self, tally: Tally) -> dict[str, object] | str:
        """The Verifikationer columns this kind reads, as numbers counted from one survey question's answers;
        or why the kind cannot be counted from a survey."""
        return f"typen {self.name} kan inte räknas från en enkät"

    def participant_inputs(self, numerator, denominator, measure: str) -> dict[str, Cell]:
        """The columns a link to Deltagare fills, from participant lines (``denominator`` may be None)."""
        raise LinkProblem(f"en indikator av typen {self.name} kan inte hämta ”{measure}” från Deltagare")


def _origin(source: Source | None) -> Origin | None:
    return source.origin if source is not None else None


def _total(line) -> Cell:
    return Cell(line.people(), line.where)


def _gender(line, gender: str) -> Cell:
    return Cell(line.counts.get(gender), line.cells[gender].where)


class _Percent(Kind):
    """The kinds counted in people and decided in percent: near within percentage points, summable over units."""

    percent_target = True
    near_in_points = True
    summable = True
    gap_unit = PP_UNIT


class Share(_Percent):
    """n of N in percent, at least or at most the target. Without counts, Värde may give the share in percent
    (as reports print it); with both, the counts decide and the percentage is checked against them."""

    reads = ("Täljare", "Nämnare")
    also_reads = ("Värde",)
    target_max = 100

    def read_inputs(self, cells, where):
        counts = super().read_inputs(cells, where)
        given = cells["Värde"]
        if is_blank(given.value):
            return counts
        try:
            percent = parse_percent_typed(given.value)
        except ValueProblem as problem:
            return error(Issue(given.where, f"Värde: {problem}"))
        if not 0 <= percent.value <= 100:
            return error(Issue(given.where, f"Värde: andelen {clean_text(given.value)} ligger inte mellan 0 och 100 %"))
        if isinstance(counts, Outcome):
            return {"Andel": percent} if counts.status == MISSING else counts
        return {**counts, "Andel": percent}

    def evaluate(self, target, upper, v, settings: Settings):
        t = exact(target)
        if "Täljare" not in v:  # the share as a percentage only
            given = v["Andel"]
            status = _status(_compared(given.value, settings), t, self.margin(t, settings), self.direction)
            return Outcome(status, f"{fmt_num(given.value, given.decimals)} %", round_half_up(given.value),
                           float(given.value))
        sh = _share(v["Täljare"], v["Nämnare"], "Täljare", "Nämnare")
        status = _status(_compared(sh, settings), t, self.margin(t, settings), self.direction)
        issues: tuple[Issue, ...] = ()
        given = v.get("Andel")
        if given is not None and _rounded(sh, given.decimals) != _rounded(given.value, given.decimals):
            exact_share = fmt_num(sh, given.decimals, keep=True)
            issues = (Issue.warning("Värde", f"angiven andel {fmt_num(given.value, given.decimals, keep=True)} % "
                                             f"stämmer inte med {v['Täljare']} av {v['Nämnare']} = {exact_share} %"),)
        return Outcome(status, f"{_pct(sh)} ({v['Täljare']} av {v['Nämnare']})", round_half_up(sh), float(sh),
                       issues)

    def gap(self, target, upper, outcome):
        if outcome.percent is None or target is None:
            return None
        return float(_signed_gap(Fraction(outcome.percent), exact(target), self.direction))  # the whole percent read

    def to_target(self, target, upper, v, settings: Settings, source: Source | None = None):
        bound, strict = _share_reached(self.direction, exact(target), settings)
        if "Täljare" not in v:  # a percentage only: the percentage points, at the precision it was typed with
            given = v["Andel"]
            decimals = max(1, given.decimals)
            step = Fraction(1, 10 ** decimals)
            if self.direction == AT_LEAST:
                return "+" + counted(_up(bound - given.value, decimals), PP_ONE, PP_UNIT, decimals)
            allowed = (ceil(bound / step) - 1) * step if strict else floor(bound / step) * step
            return "−" + counted(given.value - allowed, PP_ONE, PP_UNIT, decimals)
        n, total = v["Täljare"], v["Nämnare"]
        if self.direction == AT_LEAST:
            what = (("personer", "person") if _origin(source) is Origin.PARTICIPANTS
                       else ("positiva svar", "positivt svar"))
            return _more(max(1, ceil(total * bound / 100) - n), *what)
        limit = total * bound / 100
        allowed = ceil(limit) - 1 if strict else floor(limit)
        return f"{n - allowed} färre av {fmt_int(total)}"

    def basis(self, v):
        return Basis(v["Nämnare"], v["Täljare"]) if "Täljare" in v else None

    def survey_inputs(self, tally):
        return {"Täljare": tally.positive, "Nämnare": tally.answered}

    def participant_inputs(self, numerator, denominator, measure):
        if denominator is None:
            return super().participant_inputs(numerator, denominator, measure)
        return {"Täljare": _total(numerator), "Nämnare": _total(denominator)}


class Count(Kind):
    """A count (people, examples), at least or at most the target."""

    reads = ("Värde",)
    summable = True
    takes_examples = True

    def evaluate(self, target, upper, v, settings: Settings):
        t = exact(target)
        status = _status(Fraction(v["Värde"]), t, self.margin(t, settings), self.direction)
        return Outcome(status, fmt_int(v["Värde"]), None, v["Värde"])

    def to_target(self, target, upper, v, settings: Settings, source: Source | None = None):
        t = exact(target)
        if self.direction == AT_MOST:
            return f"{v['Värde'] - floor(t)} färre"
        k = ceil(t) - v["Värde"]
        if _origin(source) is Origin.EXAMPLES:
            return f"{k} exempel till"
        return "1 till" if k == 1 else f"{k} fler"

    def survey_inputs(self, tally):  # the positive answers
        return {"Värde": tally.positive}

    def participant_inputs(self, numerator, denominator, measure):
        return {"Värde": _total(numerator)}


class Mean(Kind):
    """A mean (of a scale), at least the target; Nämnare = the number of answers, when given."""

    reads = ("Värde",)
    optional = ("Nämnare",)

    def parser(self, column):
        return parse_typed if column == "Värde" else parse_count

    def evaluate(self, target, upper, v, settings: Settings):
        t, x = exact(target), v["Värde"].value
        text = fmt_num(x, v["Värde"].decimals, keep=True)  # a mean keeps the decimals it was typed with: 4,0
        if v.get("Nämnare") is not None:
            text += f" (n = {fmt_int(v['Nämnare'])})"
        return Outcome(_status(x, t, self.margin(t, settings), self.direction), text, None, float(x))

    def to_target(self, target, upper, v, settings: Settings, source: Source | None = None):
        decimals = max(1, v["Värde"].decimals)
        step = _up(abs(exact(target) - v["Värde"].value), decimals)
        return f"{'+' if self.direction == AT_LEAST else '−'}{fmt_num(step, decimals)} i snitt"

    def basis(self, v):
        return Basis(v["Nämnare"]) if v.get("Nämnare") else None

    def survey_inputs(self, tally):
        """The mean of the numeric answers, exact (shown with one decimal), and how many gave one."""
        if not tally.numeric:
            return "inga svar är siffror, så inget medelvärde kan räknas ut"
        return {"Värde": Typed(tally.total / tally.numeric, 1), "Nämnare": tally.numeric}


class Value(Kind):
    """Any number (sick days, kronor), at least or at most the target."""

    reads = ("Värde",)

    def parser(self, column):
        return number

    def evaluate(self, target, upper, v, settings: Settings):
        t, x = exact(target), exact(v["Värde"])
        return Outcome(_status(x, t, self.margin(t, settings), self.direction), _amount(x, _unit(v, "Värde")), None,
                       float(v["Värde"]))

    def to_target(self, target, upper, v, settings: Settings, source: Source | None = None):
        difference = _up(abs(exact(target) - exact(v["Värde"])), 2)
        return f"{_amount(difference, _unit(v, 'Värde'))} {'högre' if self.direction == AT_LEAST else 'lägre'}"


class GenderBalance(_Percent):
    """The women's and the men's share both inside the zone Målvärde–Övre gräns."""

    reads = ("Kvinnor", "Män")
    target_max = 100

    def read_target(self, target_cell, upper_cell):
        target, _, problems = super().read_target(target_cell, upper_cell)
        if target is None:
            return target, None, problems
        try:
            upper = parse_percent(upper_cell.value) if upper_cell else None
        except ValueProblem as problem:
            return target, None, problems + [Issue(upper_cell.where, f"Övre gräns: {problem}")]
        if upper is None:
            upper = 100 - target
        if not target <= upper <= 100:
            problems.append(Issue(upper_cell.where if upper_cell else "", f"Övre gräns ({upper:g}) ska ligga mellan "
                                                                          f"Målvärde ({target:g}) och 100"))
        return target, upper, problems

    def evaluate(self, target, upper, v, settings: Settings):
        women, men = v["Kvinnor"], v["Män"]
        w = _share(women, women + men, "Kvinnor", "Kvinnor + Män")
        w_cmp = _compared(w, settings)
        m_cmp = 100 - w_cmp
        low, high = exact(target), exact(upper)
        outside = max(low - w_cmp, w_cmp - high, low - m_cmp, m_cmp - high, Fraction(0))
        margin = self.margin(low, settings)
        status = REACHED if outside == 0 else NEAR if margin is not None and outside <= margin else NOT_REACHED
        w_pct = round_half_up(w)
        return Outcome(status, f"Kvinnor {w_pct} %, män {100 - w_pct} %", w_pct, float(w))

    def target_text(self, target, upper):
        if target is None:
            return ""
        return f"{fmt_num(exact(target), 2)}–{fmt_num(exact(upper), 2) if upper is not None else ''} %"

    def gap(self, target, upper, outcome):
        if outcome.value is None or target is None:
            return None
        w = Fraction(outcome.percent) if outcome.percent is not None else exact(outcome.value)
        low, high = exact(target), exact(upper if upper is not None else 100 - target)
        return float(min(w - low, high - w, (100 - w) - low, high - (100 - w)))

    def to_target(self, target, upper, v, settings: Settings, source: Source | None = None):
        """How many more of the under-represented gender would have brought both shares into the zone."""
        low, high = exact(target), exact(upper)
        counts = {"Kvinnor": v["Kvinnor"], "Män": v["Män"]}
        women = _compared(share(counts["Kvinnor"], counts["Kvinnor"] + counts["Män"]), settings)
        short = "Kvinnor" if women < low or 100 - women > high else "Män"

        def inside(k: int) -> bool:  # the short gender's share up to the zone, the other's down to it
            c = {**counts, short: counts[short] + k}
            w = _compared(share(c["Kvinnor"], c["Kvinnor"] + c["Män"]), settings)
            x = w if short == "Kvinnor" else 100 - w
            return x >= low and 100 - x <= high

        k = _first(inside)
        if k is None or self.evaluate(target, upper, {**counts, short: counts[short] + k}, settings).status != REACHED:
            return ""
        return _more(k, short.lower(), "kvinna" if short == "Kvinnor" else "man")

    def basis(self, v):
        return Basis(v["Kvinnor"] + v["Män"], label=counted(v['Kvinnor'] + v['Män'], "person", "personer"))

    def survey_inputs(self, tally):  # who answered, by gender
        return {g: tally.by_gender.get(g, (0, 0))[1] for g in ("Kvinnor", "Män")}

    def participant_inputs(self, numerator, denominator, measure):
        return {"Kvinnor": _gender(numerator, "Kvinnor"), "Män": _gender(numerator, "Män")}


class GenderGap(_Percent):
    """The gap between the women's and the men's share, in percentage points, at most the target."""

    reads = ("Kvinnor", "Kvinnor av", "Män", "Män av")

    def evaluate(self, target, upper, v, settings: Settings):
        w = _share(v["Kvinnor"], v["Kvinnor av"], "Kvinnor", "Kvinnor av")
        m = _share(v["Män"], v["Män av"], "Män", "Män av")
        gap = abs(_compared(w, settings) - _compared(m, settings))
        text = (f"Kvinnor {_pct(w)} ({v['Kvinnor']} av {v['Kvinnor av']}), "
                f"män {_pct(m)} ({v['Män']} av {v['Män av']}): skillnad {counted(gap, PP_ONE, PP_UNIT, 1)}")
        t = exact(target)
        return Outcome(_status(gap, t, self.margin(t, settings), AT_MOST), text, round_half_up(gap), float(gap))

    def target_text(self, target, upper):
        return "" if target is None else f"skillnad högst {counted(exact(target), PP_ONE, PP_UNIT, 2)}"

    def gap(self, target, upper, outcome):
        if outcome.percent is None or target is None:
            return None
        return float(exact(target) - Fraction(outcome.percent))

    def to_target(self, target, upper, v, settings: Settings, source: Source | None = None):
        """How many more positive answers in the group with the lower share (same number who answered)."""
        lower = "Kvinnor" if share(v["Kvinnor"], v["Kvinnor av"]) < share(v["Män"], v["Män av"]) else "Män"
        for k in range(1, v[f"{lower} av"] - v[lower] + 1):
            if self.evaluate(target, upper, {**v, lower: v[lower] + k}, settings).status == REACHED:
                return f"{_more(k, 'positiva svar', 'positivt svar')} bland {'kvinnor' if lower == 'Kvinnor' else 'män'}"
        return ""

    def basis(self, v):
        return Basis(min(v["Kvinnor av"], v["Män av"]),
                     label=f"kvinnor {fmt_int(v['Kvinnor av'])} svar, män {fmt_int(v['Män av'])} svar",
                     everyone=v["Kvinnor av"] + v["Män av"])

    def survey_inputs(self, tally):
        (w, w_of), (m, m_of) = (tally.by_gender.get(g, (0, 0)) for g in ("Kvinnor", "Män"))
        return {"Kvinnor": w, "Kvinnor av": w_of, "Män": m, "Män av": m_of}

    def participant_inputs(self, numerator, denominator, measure):
        if denominator is None:
            return super().participant_inputs(numerator, denominator, measure)
        return {"Kvinnor": _gender(numerator, "Kvinnor"), "Kvinnor av": _gender(denominator, "Kvinnor"),
                "Män": _gender(numerator, "Män"), "Män av": _gender(denominator, "Män")}


def _non_negative(v: dict, *cols: str) -> None:
    for col in cols:
        if v[col] < 0:
            raise InputProblem(f"{col} kan inte vara negativt här", col)


def _decrease_status(decrease: Fraction, target: Fraction, margin: Fraction | None) -> str:
    """A decrease that is not a decrease (≤ 0) is never reached and never near."""
    if decrease <= 0:
        return NOT_REACHED
    return _status(decrease, target, margin, AT_LEAST)


class Decrease(Kind):
    """A value that must have decreased by at least Målvärde percent from Jämförelsevärde."""

    reads = ("Värde", "Jämförelsevärde")
    percent_target = True
    gap_unit = PP_UNIT

    def parser(self, column):
        return number

    def evaluate(self, target, upper, v, settings: Settings):
        _non_negative(v, "Värde", "Jämförelsevärde")
        now, base = exact(v["Värde"]), exact(v["Jämförelsevärde"])
        if base == 0:
            raise InputProblem("Jämförelsevärde är 0, så ingen minskning i procent kan räknas ut", "Jämförelsevärde")
        decrease = (base - now) * 100 / base
        change = round_half_up(-decrease)
        sign = "+" if change > 0 else "−" if change < 0 else ""
        unit = _unit(v, "Värde", "Jämförelsevärde")
        text = f"{sign}{abs(change)} % ({_amount(base, unit)} → {_amount(now, unit)})"
        t = exact(target)
        return Outcome(_decrease_status(decrease, t, self.margin(t, settings)), text, round_half_up(decrease),
                       float(decrease))

    def target_text(self, target, upper):
        if target is None:
            return ""
        return f"minska minst {fmt_num(exact(target), 2)} %" if target else "ska minska"

    def gap(self, target, upper, outcome):
        if outcome.value is None or target is None:
            return None
        return float(exact(outcome.value) - exact(target))

    def to_target(self, target, upper, v, settings: Settings, source: Source | None = None):
        now, base, t = exact(v["Värde"]), exact(v["Jämförelsevärde"]), exact(target)
        unit = _unit(v, "Värde", "Jämförelsevärde")
        if t == 0:  # any decrease will do
            return f"lägre än {_amount(base, unit)}"
        return f"{_amount(_up(now - base * (1 - t / 100), 2), unit)} lägre"


class DecreasePoints(Decrease):
    """A share in percent that must have decreased by at least Målvärde percentage points (and at all). Its
    Målvärde is a difference in percentage points, read as typed (1 = one point), not by the fraction rule."""

    takes_equivalents = True

    def parse_target(self, raw):
        return number(raw)

    def parser(self, column):
        return parse_percent

    def evaluate(self, target, upper, v, settings: Settings):
        _non_negative(v, "Värde", "Jämförelsevärde")
        for col in ("Värde", "Jämförelsevärde"):
            if v[col] > 100:
                raise InputProblem(f"{col} ({fmt_num(exact(v[col]), 2)} %) är över 100 %", col)
        now, base = exact(v["Värde"]), exact(v["Jämförelsevärde"])
        decrease = base - now
        sign = "−" if decrease > 0 else "+" if decrease < 0 else "±"
        text = f"{sign}{counted(abs(decrease), PP_ONE, PP_UNIT, 2)} ({fmt_num(base, 2)} % → {fmt_num(now, 2)} %)"
        t = exact(target)
        return Outcome(_decrease_status(decrease, t, self.margin(t, settings)), text, None, float(decrease))

    def target_text(self, target, upper):
        if target is None:
            return ""
        return f"minska minst {counted(exact(target), PP_ONE, PP_UNIT, 2)}" if target else "ska minska"

    def to_target(self, target, upper, v, settings: Settings, source: Source | None = None):
        now, base, t = exact(v["Värde"]), exact(v["Jämförelsevärde"]), exact(target)
        if t == 0:
            return f"under {fmt_num(base, 2)} %"
        return f"{counted(_up(now - (base - t), 2), PP_ONE, PP_UNIT, 2)} lägre"


class YesNo(Kind):
    """Presented or not: Ja is reached, Nej is not; never "Nära målet"."""

    reads = ("Värde",)
    needs_target = False

    def parser(self, column):
        return parse_yes_no

    def evaluate(self, target, upper, v, settings: Settings):
        return Outcome(REACHED, "Ja", None, 1) if v["Värde"] else Outcome(NOT_REACHED, "Nej", None, 0)

    def target_text(self, target, upper):
        return "Ja"

    def gap(self, target, upper, outcome):
        return None
