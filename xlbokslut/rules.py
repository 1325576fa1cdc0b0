"""One function per indicator kind: from the parsed inputs to the outcome and its status.

Every rule takes the target, the upper edge (Könsfördelning), the inputs by
Verifikationer header, and the settings. Arithmetic is exact (fractions), so
that a value exactly on a target or on the edge of "Nära målet" is decided the
way a person counting by hand would decide it. An input that cannot be right
(N = 0, n > N …) raises ``InputProblem`` naming the column at fault.
"""
from __future__ import annotations

from fractions import Fraction
from typing import Callable

from .model import Outcome, Settings
from .schema import INPUT_ERROR, NEAR, NOT_REACHED, REACHED
from .values import fmt_int, fmt_num, round_half_up, share


class InputProblem(ValueError):
    """Inputs that cannot be right; ``column`` is the Verifikationer header at fault."""

    def __init__(self, message: str, column: str = ""):
        super().__init__(message)
        self.column = column


def exact(x: float | int | Fraction) -> Fraction:
    """A float as the decimal the user typed (0.1 stays 1/10), for exact comparisons."""
    return x if isinstance(x, Fraction) else Fraction(repr(x)) if isinstance(x, float) else Fraction(x)


def _status_at_least(value: Fraction, target: Fraction, margin: Fraction) -> str:
    if value >= target:
        return REACHED
    return NEAR if target - value <= margin else NOT_REACHED


def _status_at_most(value: Fraction, target: Fraction, margin: Fraction) -> str:
    if value <= target:
        return REACHED
    return NEAR if value - target <= margin else NOT_REACHED


def _pp(s: Settings) -> Fraction:
    return exact(s.near_pp)


def _rel(target: Fraction, s: Settings) -> Fraction:
    return abs(target) * exact(s.near_pct) / 100


def _share(n: int, total: int, n_col: str, total_col: str) -> Fraction:
    if total == 0:
        raise InputProblem(f"{total_col} är 0, så ingen andel kan räknas ut", total_col)
    if n > total:
        raise InputProblem(f"{n_col} ({n}) är större än {total_col} ({total})", n_col)
    return share(n, total)


def _compared(x: Fraction, s: Settings) -> Fraction:
    """A share as compared with its target: whole percent when the setting says so."""
    return Fraction(round_half_up(x)) if s.round_shares else x


def _pct(x: Fraction) -> str:
    return f"{round_half_up(x)} %"


def share_at_least(target, upper, v, s):
    sh = _share(v["Täljare"], v["Nämnare"], "Täljare", "Nämnare")
    status = _status_at_least(_compared(sh, s), exact(target), _pp(s))
    return Outcome(status, f"{_pct(sh)} ({v['Täljare']} av {v['Nämnare']})", round_half_up(sh), float(sh))


def share_at_most(target, upper, v, s):
    sh = _share(v["Täljare"], v["Nämnare"], "Täljare", "Nämnare")
    status = _status_at_most(_compared(sh, s), exact(target), _pp(s))
    return Outcome(status, f"{_pct(sh)} ({v['Täljare']} av {v['Nämnare']})", round_half_up(sh), float(sh))


def count_at_least(target, upper, v, s):
    t = exact(target)
    return Outcome(_status_at_least(Fraction(v["Värde"]), t, _rel(t, s)), fmt_int(v["Värde"]), None, v["Värde"])


def count_at_most(target, upper, v, s):
    t = exact(target)
    return Outcome(_status_at_most(Fraction(v["Värde"]), t, _rel(t, s)), fmt_int(v["Värde"]), None, v["Värde"])


def mean_at_least(target, upper, v, s):
    t, x = exact(target), exact(v["Värde"])
    text = fmt_num(x, 2)
    if v.get("Nämnare") is not None:
        text += f" (n = {fmt_int(v['Nämnare'])})"
    return Outcome(_status_at_least(x, t, _rel(t, s)), text, None, v["Värde"])


def value_at_least(target, upper, v, s):
    t, x = exact(target), exact(v["Värde"])
    return Outcome(_status_at_least(x, t, _rel(t, s)), fmt_num(x, 2), None, v["Värde"])


def value_at_most(target, upper, v, s):
    t, x = exact(target), exact(v["Värde"])
    return Outcome(_status_at_most(x, t, _rel(t, s)), fmt_num(x, 2), None, v["Värde"])


def gender_balance(target, upper, v, s):
    women, men = v["Kvinnor"], v["Män"]
    w = _share(women, women + men, "Kvinnor", "Kvinnor + Män")
    w_cmp = _compared(w, s)
    m_cmp = 100 - w_cmp
    low, high = exact(target), exact(upper)
    outside = max(low - w_cmp, w_cmp - high, low - m_cmp, m_cmp - high, Fraction(0))
    status = REACHED if outside == 0 else NEAR if outside <= _pp(s) else NOT_REACHED
    w_pct = round_half_up(w)
    return Outcome(status, f"Kvinnor {w_pct} %, män {100 - w_pct} %", w_pct, float(w))


def gender_gap_at_most(target, upper, v, s):
    w = _share(v["Kvinnor"], v["Kvinnor av"], "Kvinnor", "Kvinnor av")
    m = _share(v["Män"], v["Män av"], "Män", "Män av")
    gap = abs(_compared(w, s) - _compared(m, s))
    unit = "procentenhet" if gap == 1 else "procentenheter"
    text = (f"Kvinnor {_pct(w)} ({v['Kvinnor']} av {v['Kvinnor av']}), "
            f"män {_pct(m)} ({v['Män']} av {v['Män av']}): skillnad {fmt_num(gap)} {unit}")
    return Outcome(_status_at_most(gap, exact(target), _pp(s)), text, round_half_up(gap), float(gap))


def _decrease_status(decrease: Fraction, target: Fraction, s: Settings) -> str:
    """A decrease that is not a decrease (≤ 0) is never reached and never near."""
    if decrease <= 0:
        return NOT_REACHED
    return _status_at_least(decrease, target, _rel(target, s))


def _non_negative(v: dict, *cols: str) -> None:
    for col in cols:
        if v[col] < 0:
            raise InputProblem(f"{col} kan inte vara negativt här", col)


def decrease_at_least(target, upper, v, s):
    _non_negative(v, "Värde", "Jämförelsevärde")
    now, base = exact(v["Värde"]), exact(v["Jämförelsevärde"])
    if base == 0:
        raise InputProblem("Jämförelsevärde är 0, så ingen minskning i procent kan räknas ut", "Jämförelsevärde")
    decrease = (base - now) * 100 / base
    change = round_half_up(-decrease)
    sign = "+" if change > 0 else "−" if change < 0 else ""
    text = f"{sign}{abs(change)} % ({fmt_num(base, 2)} → {fmt_num(now, 2)})"
    return Outcome(_decrease_status(decrease, exact(target), s), text, round_half_up(decrease), float(decrease))


def decrease_pp_at_least(target, upper, v, s):
    _non_negative(v, "Värde", "Jämförelsevärde")
    for col in ("Värde", "Jämförelsevärde"):
        if v[col] > 100:
            raise InputProblem(f"{col} ({fmt_num(exact(v[col]), 2)} %) är över 100 %", col)
    now, base = exact(v["Värde"]), exact(v["Jämförelsevärde"])
    decrease = base - now
    sign = "−" if decrease > 0 else "+" if decrease < 0 else "±"
    text = (f"{sign}{fmt_num(abs(decrease), 2)} procentenheter "
            f"({fmt_num(base, 2)} % → {fmt_num(now, 2)} %)")
    return Outcome(_decrease_status(decrease, exact(target), s), text, None, float(decrease))


def yes_no(target, upper, v, s):
    return Outcome(REACHED, "Ja", None, 1) if v["Värde"] else Outcome(NOT_REACHED, "Nej", None, 0)


RULES: dict[str, Callable[..., Outcome]] = {
    "Andel minst": share_at_least,
    "Andel högst": share_at_most,
    "Antal minst": count_at_least,
    "Antal högst": count_at_most,
    "Medelvärde minst": mean_at_least,
    "Värde minst": value_at_least,
    "Värde högst": value_at_most,
    "Könsfördelning": gender_balance,
    "Könsskillnad högst": gender_gap_at_most,
    "Minskning minst": decrease_at_least,
    "Minskning minst procentenheter": decrease_pp_at_least,
    "Ja/Nej": yes_no,
}


def target_text(kind: str, target: float | None, upper: float | None) -> str:
    """The target as the board reads it: 'minst 80 %', '40–60 %', 'Ja'."""
    if kind == "Ja/Nej":
        return "Ja"
    if target is None:
        return ""
    t = fmt_num(exact(target), 2)
    return {
        "Andel minst": f"minst {t} %",
        "Andel högst": f"högst {t} %",
        "Antal minst": f"minst {t}",
        "Antal högst": f"högst {t}",
        "Medelvärde minst": f"minst {t}",
        "Värde minst": f"minst {t}",
        "Värde högst": f"högst {t}",
        "Könsfördelning": f"{t}–{fmt_num(exact(upper), 2) if upper is not None else ''} %",
        "Könsskillnad högst": f"skillnad högst {t} procentenheter",
        "Minskning minst": f"minska minst {t} %" if target else "ska minska",
        "Minskning minst procentenheter": f"minska minst {t} procentenheter" if target else "ska minska",
    }[kind]


def error(note: str) -> Outcome:
    return Outcome(INPUT_ERROR, "", None, None, note)


PP_KINDS = {"Andel minst", "Andel högst", "Könsfördelning", "Könsskillnad högst", "Minskning minst",
            "Minskning minst procentenheter"}


def target_gap(kind: str, target: float | None, upper: float | None, outcome: Outcome) -> float | None:
    """How far an outcome is above (+) or below (−) its target, as the board reads it: percentage points
    for the percent kinds, percent of the target for counts, means and values; None for Ja/Nej and for
    outcomes without a value."""
    if outcome.value is None or target is None or kind == "Ja/Nej":
        return None
    value, t = exact(outcome.value), exact(target)
    if kind == "Könsfördelning":
        w = Fraction(outcome.percent) if outcome.percent is not None else value
        low, high = t, exact(upper if upper is not None else 100 - target)
        return float(min(w - low, high - w, (100 - w) - low, high - (100 - w)))
    if kind in ("Andel minst", "Andel högst", "Könsskillnad högst") and outcome.percent is not None:
        value = Fraction(outcome.percent)  # the whole percent the board reads
    at_most = kind.endswith("högst")
    if kind in PP_KINDS:
        return float(t - value if at_most else value - t)
    if t == 0:
        return None
    return float((t - value if at_most else value - t) * 100 / abs(t))


def gap_text(kind: str, gap: float) -> str:
    unit = "procentenheter" if kind in PP_KINDS else "% av målvärdet"
    return f"{'+' if gap > 0 else '−' if gap < 0 else '±'}{fmt_num(abs(gap))} {unit}"
