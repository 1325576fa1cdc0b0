"""How sure a figure is: the number it rests on (Underlag), the 95 % Wilson score interval of a share, and
"litet underlag" under the workbook's setting. An interval and "litet underlag" belong to samples (survey
answers); a census (every participant on Deltagare, Helårsekvivalenter, Exempel) prints only its basis.
The status never changes because of it."""
from __future__ import annotations

from math import sqrt
from typing import NamedTuple

from .values import fmt_int, round_half_up

Z95 = 1.959963984540054  # the 97.5th percentile of the standard normal distribution


class Basis(NamedTuple):
    """What an outcome was counted from.

    Attributes:
        respondents: N (for a gender gap, the smaller of the two groups).
        positive: n, for a share (gives the interval); None for other kinds.
        label: how N is described when it is not "n av N" (``57 svar``).
        everyone: how many a full count counted, where that is not N (both groups of a gender gap).
    """

    respondents: int
    positive: int | None = None
    label: str = ""
    everyone: int | None = None


def wilson(n: int, total: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of n of N, as fractions (0–1)."""
    p = n / total
    denominator = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denominator
    half = z / denominator * sqrt(p * (1 - p) / total + z * z / (4 * total * total))
    return max(0.0, centre - half), min(1.0, centre + half)


def underlag(basis: Basis | None, small_base: int, census: str = "") -> tuple[str, bool]:
    """The Underlag text (``9 av 12; 95 % säkert mellan 47 och 91 %; litet underlag``) and whether it is small.
    ``census`` names what a full count counted (``deltagare``): then the text is ``alla 319 deltagare``."""
    if basis is None:
        return "", False
    if census:
        return f"alla {fmt_int(basis.everyone or basis.respondents)} {census}", False
    if basis.positive is not None and basis.respondents:
        low, high = wilson(basis.positive, basis.respondents)
        text = (f"{fmt_int(basis.positive)} av {fmt_int(basis.respondents)}; 95 % säkert mellan "
                f"{round_half_up(100 * low)} och {round_half_up(100 * high)} %")
    else:
        text = basis.label or f"{fmt_int(basis.respondents)} svar"
    small = basis.respondents < small_base
    return text + ("; litet underlag" if small else ""), small
