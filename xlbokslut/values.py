"""Reading cell values the way Swedish office staff type them, and printing numbers back.

Every parser takes the raw cell value (a number, a bool, a string, None, a
date) and returns a plain Python value, or raises ``ValueProblem`` with a
Swedish sentence that the caller prefixes with the cell address.
"""
from __future__ import annotations

import datetime as _dt
import math
import re
from typing import NamedTuple
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from numbers import Real


_SPACES = "\u00a0\u202f\u2009\u2007 "
_MINUS = "\u2212\u2013"  # typographic minus, en dash
_NUMBER = re.compile(r"^[+-]?(\d+|\d{1,3}(?:\s\d{3})+)(?:[.,]\d+)?$")
_UNITS = ("kronor", "kr", "st", "procent", "%")
_UNIT_SHOWN = {"kronor": "kr", "kr": "kr", "st": "st"}  # the units an outcome's text keeps
_PAIR = re.compile(r"^\s*(\S.*?)\s*(?:av|/)\s*(\S.*?)\s*$", re.IGNORECASE)
_TRUE = {"ja", "j", "sant", "true", "yes", "1", "x"}
_FALSE = {"nej", "n", "falskt", "false", "no", "0"}
MAX_NUMBER = 1e12
MIN_NUMBER = 1e-9


class Uncomputed(str):
    """A formula cell whose value Excel never computed (the file was not saved by Excel)."""


class PercentCell(float):
    """A number in a cell formatted as a percentage: 0,17 is what the user saw and typed as ”17 %”. Read as the
    float it is everywhere; the reading of Deltagare's Föregående år tells it from a count."""

    def __repr__(self) -> str:
        return f"PercentCell({float(self)!r})"


class Cell(NamedTuple):
    """A raw value read from the workbook, with where it came from.

    Attributes:
        value: what the cell holds (number, text, bool, date or None).
        where: its address, ``Sheet!B7``.
    """

    value: object
    where: str


class ValueProblem(ValueError):
    """A cell value that cannot be read; ``str(exc)`` is a Swedish sentence."""


class Number(NamedTuple):
    """A number read from a cell; ``percent`` is True when it was typed with a % sign."""

    value: float
    percent: bool = False
    unit: str = ""  # "kr" or "st" when it was typed with one ("1 213 686 kr")


class Amount(float):
    """A number that keeps the unit it was typed with ("kr", "st"; "" for none), so that the outcome says
    "1 213 686 kr → 591 461 kr" as typed."""

    unit: str

    def __new__(cls, value: float, unit: str = "") -> Amount:
        amount = super().__new__(cls, value)
        amount.unit = unit
        return amount


def _check_computed(raw: object) -> None:
    if isinstance(raw, Uncomputed):
        raise ValueProblem(f"formeln {_describe(raw)} har inget beräknat värde; öppna filen i Excel och spara den")


def is_blank(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def norm_header(text: object) -> str:
    """How headers and setting names are matched: spacing and case do not matter."""
    return " ".join(str(text).split()).casefold() if text is not None else ""


def clean_text(raw: object) -> str:
    """A cell as trimmed text ('' for blank); whole floats print without '.0', booleans as Excel shows them."""
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return "SANT" if raw else "FALSKT"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return " ".join(str(raw).split())


def _describe(raw: object) -> str:
    text = clean_text(raw)
    return f"”{text[:40]}”"


def parse_number(raw: object) -> Number | None:
    """'3,5' → 3.5, '40 %' → 40 (percent), '1 213 686 kr' → 1213686; blank → None. A ``Number`` (a figure
    xlbokslut computed, not typed) is taken as it is."""
    _check_computed(raw)
    if is_blank(raw):
        return None
    if isinstance(raw, Number):
        return raw
    if isinstance(raw, bool):
        raise ValueProblem(f"{_describe(raw)} är ett sant/falskt-värde, inte ett tal")
    if isinstance(raw, Real):
        try:
            return _sane(Number(float(raw)), raw)
        except OverflowError:  # a whole number of hundreds of digits
            raise ValueProblem(f"{_describe(raw)} är inte ett rimligt tal för ett bokslut") from None
    if isinstance(raw, (_dt.date, _dt.time, _dt.timedelta)):
        raise ValueProblem("Excel har tolkat värdet som ett datum; skriv talet som text, t.ex. ”52 av 54”")
    text = str(raw).strip().lower()
    for ch in _MINUS:
        text = text.replace(ch, "-")
    percent = False
    named = ""
    stripped = True
    while stripped:
        stripped = False
        for unit in _UNITS:
            if text.endswith(unit):
                percent = percent or unit in ("%", "procent")
                named = named or _UNIT_SHOWN.get(unit, "")
                text = text[: -len(unit)].rstrip(_SPACES + ".")
                stripped = True
    for ch in _SPACES:
        text = text.replace(ch, " ")
    if not _NUMBER.match(text):
        raise ValueProblem(f"{_describe(raw)} är inte ett tal")
    return _sane(Number(float(text.replace(" ", "").replace(",", ".")), percent, named), raw)


def _sane(number: Number, raw: object) -> Number:
    """Numbers a bokslut can hold: finite, not beyond a thousand billion, and not so close to 0 that dividing by
    it gives nonsense."""
    if not math.isfinite(number.value) or abs(number.value) > MAX_NUMBER or 0 < abs(number.value) < MIN_NUMBER:
        raise ValueProblem(f"{_describe(raw)} är inte ett rimligt tal för ett bokslut")
    return number


def parse_percent(raw: object) -> float | None:
    """A percent value: '80', '80 %' and 0,8 (a fraction, as Excel stores 80 %) all give 80."""
    number = parse_number(raw)
    if number is None:
        return None
    if not number.percent and 0 < number.value <= 1:
        return number.value * 100
    return number.value


class Typed(NamedTuple):
    """A number as typed: its exact value and how many decimals it was written with (''4,0'' has one)."""

    value: Fraction
    decimals: int


def parse_typed(raw: object) -> Typed | None:
    """A number with the decimals it was typed with: '4,0' → (4, 1), 3.25 → (3.25, 2), 26 → (26, 0). A ``Typed``
    (a figure xlbokslut computed exactly, such as a survey's mean) is taken as it is."""
    if isinstance(raw, Typed):
        return raw
    number = parse_number(raw)
    if number is None:
        return None
    if isinstance(raw, str):
        digits = re.sub(r"[^\d,.]", "", raw.strip())
        decimals = len(re.split(r"[,.]", digits)[-1]) if re.search(r"[,.]\d+$", digits) else 0
    elif isinstance(raw, int):
        decimals = 0
    else:  # a float keeps what its shortest form shows: 4.0 → one decimal, 3.25 → two
        exponent = Decimal(repr(number.value)).as_tuple().exponent
        decimals = max(0, -exponent) if isinstance(exponent, int) else 0  # always an int: the number is finite
    value = Fraction(Decimal(repr(number.value)))
    return Typed(value, min(decimals, 3))


def parse_percent_typed(raw: object) -> Typed | None:
    """A share in percent as typed ('26,3 %' → 26,3 with one decimal); 0 < x ≤ 1 without % is a fraction."""
    typed = parse_typed(raw)
    number = parse_number(raw)
    if typed is None or number is None:
        return None
    if not number.percent and 0 < typed.value <= 1:
        return Typed(typed.value * 100, max(0, typed.decimals - 2))
    return typed


def parse_count(raw: object) -> int | None:
    """A whole number ≥ 0 (a count of people, answers, examples)."""
    number = parse_number(raw)
    if number is None:
        return None
    if number.percent:
        raise ValueProblem(f"{_describe(raw)} är ett procenttal, här ska det stå ett antal")
    if number.value < 0:
        raise ValueProblem(f"{_describe(raw)}: ett antal kan inte vara negativt")
    if not float(number.value).is_integer():
        raise ValueProblem(f"{_describe(raw)}: ett antal måste vara ett heltal")
    return int(number.value)


def parse_pair(raw: object) -> tuple[int, int] | None:
    """'52 av 54' or '52/54' in one cell → (52, 54); a plain number is not a pair (None)."""
    if not isinstance(raw, str):
        return None
    match = _PAIR.match(raw)
    if not match:
        return None
    part, whole = parse_count(match.group(1)), parse_count(match.group(2))
    assert part is not None and whole is not None  # both groups hold a non-space character: never blank
    return part, whole


def parse_yes_no(raw: object) -> bool | None:
    """Ja or Nej, also 1/0, sant/falskt, true/false; blank → None."""
    _check_computed(raw)
    if is_blank(raw):
        return None
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, Real) and raw in (0, 1):
        return bool(raw)
    text = str(raw).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueProblem(f"{_describe(raw)} är varken Ja eller Nej")


def parse_year(raw: object) -> str:
    """A year as text ('2021'): a whole number from 1900 to 2100."""
    number = parse_number(raw)
    if number is None:
        raise ValueProblem("året saknas")
    if number.percent or not float(number.value).is_integer() or not 1900 <= number.value <= 2100:
        raise ValueProblem(f"{_describe(raw)} är inget år (skriv t.ex. 2025)")
    return str(int(number.value))


def round_half_up(x: float | Fraction) -> int:
    """Round to a whole number, halves away from zero (62,5 → 63, as Excel's AVRUNDA)."""
    d = Decimal(x.numerator) / Decimal(x.denominator) if isinstance(x, Fraction) else Decimal(repr(float(x)))
    return int(d.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def share(n: int, total: int) -> Fraction:
    """n of total in percent, exact (so that 62,5 % rounds up, never down by float error)."""
    return Fraction(100 * n, total)


def fmt_int(x: int | float) -> str:
    """1213686 → '1 213 686' (thin-space-free: a normal space, as the reports print it)."""
    sign = "−" if x < 0 else ""
    return sign + f"{abs(int(x)):,}".replace(",", " ")


def fmt_num(x: float | Fraction, decimals: int = 1, keep: bool = False) -> str:
    """3.9 → '3,9', 1213686 → '1 213 686', 10.0 → '10'; at most ``decimals`` decimals (exactly that many with
    ``keep``: 4 → '4,0')."""
    q = Decimal(1).scaleb(-decimals)
    d = (Decimal(x.numerator) / Decimal(x.denominator) if isinstance(x, Fraction)
         else Decimal(repr(float(x)))).quantize(q, rounding=ROUND_HALF_UP)
    if d == d.to_integral_value() and not (keep and decimals):
        return fmt_int(int(d))
    whole, _, frac = f"{abs(d):f}".partition(".")
    sign = "−" if d < 0 else ""
    return f"{sign}{fmt_int(int(whole))},{frac if keep else frac.rstrip('0')}"


def counted(n: float | Fraction, one: str, many: str, decimals: int = 0) -> str:
    """A number with its noun in Swedish agreement: '1 varning', '2 varningar', '1,5 procentenheter', '−1
    procentenhet'. The noun is singular exactly when the number as printed is one."""
    shown = fmt_num(n, decimals)
    return f"{shown} {one if shown in ('1', '−1') else many}"


def sentence(text: str) -> str:
    """The text with its first letter a capital (unlike str.capitalize, the rest is kept as it is)."""
    return text[:1].upper() + text[1:]


def row_span(first: int, last: int) -> str:
    """'rad 20' or 'raderna 20–22'."""
    return f"rad {first}" if first == last else f"raderna {first}–{last}"


def fmt_signed(x: int) -> str:
    """+10, −14, 0: the way 'Mot mål' is printed."""
    if x > 0:
        return f"+{x}"
    if x < 0:
        return f"−{abs(x)}"
    return "0"


def runs(numbers: list[int]) -> list[tuple[int, int]]:
    """Consecutive numbers as (first, last) runs: [3, 4, 5, 9] → [(3, 5), (9, 9)]."""
    out: list[tuple[int, int]] = []
    for n in sorted(numbers):
        if out and n == out[-1][1] + 1:
            out[-1] = (out[-1][0], n)
        else:
            out.append((n, n))
    return out
