"""Till målet: what it would have taken, proven at the boundary for every kind and both rounding settings —
doing exactly what the text says reaches the target, and one step less does not. Underlag: the Wilson interval
against its definition."""
import re
from fractions import Fraction
from math import sqrt

import pytest
from hypothesis import given, settings as hyp_settings, strategies as st

from helpers import outcome
from xlbokslut.confidence import Basis, underlag, wilson
from xlbokslut.schema import KINDS
from xlbokslut.settings import Settings

REACHED = "Uppnått"
ROUNDINGS = [Settings(round_shares=True), Settings(round_shares=False)]
TWO_COLOURS = [Settings(round_shares=True, use_near=False), Settings(round_shares=False, use_near=False)]


def _k(text: str) -> int:
    m = re.match(r"(\d+) (fler|färre|till|positivt|person|kvinna|man|exempel)", text)
    assert m, text
    return int(m.group(1))


def _amount(text: str) -> Fraction:
    m = re.search(r"([\d ]+(?:,\d+)?)", text.replace("\u00a0", " "))
    return Fraction(m.group(1).replace(" ", "").replace(",", "."))


def _num(x: Fraction) -> str:
    return str(float(x)).replace(".", ",")


def _check(kind, target, apply, steps, upper=None, settings=None):
    """The text's step reaches the target; one unit less does not."""
    before = outcome(kind, target, upper, settings, **apply(0))
    assert before.status != REACHED and before.to_target, before
    exact = steps(before.to_target)
    assert outcome(kind, target, upper, settings, **apply(exact)).status == REACHED, before.to_target
    less = outcome(kind, target, upper, settings, **apply(exact - (1 if isinstance(exact, int) else
                                                                     Fraction(1, 10 ** _decimals(before.to_target)))))
    assert less.status != REACHED, (before.to_target, less)
    return before.to_target


def _decimals(text: str) -> int:
    m = re.search(r",(\d+)", text)
    return len(m.group(1)) if m else 0


@pytest.mark.parametrize("settings", ROUNDINGS + TWO_COLOURS)
@pytest.mark.parametrize("n, total, target", [(57, 298, 20), (72, 94, 80), (0, 2, 50), (1, 3, 67), (59, 80, 75),
                                             (199, 201, 100), (10, 13, 79.5), (5, 8, 64)])
def test_share_at_least(n, total, target, settings):
    text = _check("Andel minst", target, lambda k: {"Täljare": n + k, "Nämnare": total}, _k, settings=settings)
    assert re.fullmatch(r"1 positivt svar till|\d+ fler positiva svar", text)


@pytest.mark.parametrize("settings", ROUNDINGS)
@pytest.mark.parametrize("n, total, target", [(12, 93, 10), (11, 100, 10), (3, 20, 10), (22, 200, 10.5), (1, 2, 0)])
def test_share_at_most(n, total, target, settings):
    text = _check("Andel högst", target, lambda k: {"Täljare": n - k, "Nämnare": total}, _k, settings=settings)
    assert text.endswith(f"färre av {total}")


@given(st.integers(1, 400), st.data(), st.integers(1, 100), st.booleans(), st.booleans())
@hyp_settings(max_examples=300, deadline=None)
def test_share_boundary_for_any_counts(total, data, target, rounded, at_most):
    n = data.draw(st.integers(0, total))
    s = Settings(round_shares=rounded)
    kind = "Andel högst" if at_most else "Andel minst"
    o = outcome(kind, target, settings=s, Täljare=n, Nämnare=total)
    if o.status == REACHED:
        assert o.to_target == ""
        return
    k = _k(o.to_target)
    n2 = n - k if at_most else n + k
    n1 = n2 + 1 if at_most else n2 - 1
    assert outcome(kind, target, settings=s, Täljare=n2, Nämnare=total).status == REACHED
    assert outcome(kind, target, settings=s, Täljare=n1, Nämnare=total).status != REACHED


@pytest.mark.parametrize("settings", ROUNDINGS)
@pytest.mark.parametrize("kind, given, target", [("Andel minst", "26,3 %", 60), ("Andel minst", "79,4 %", 80),
                                                 ("Andel minst", "71,44 %", 75), ("Andel högst", "12,0 %", 10),
                                                 ("Andel högst", "10,5 %", 10)])
def test_share_given_as_a_percentage(kind, given, target, settings):
    value = Fraction(given.rstrip(" %").replace(",", "."))
    sign = 1 if kind == "Andel minst" else -1
    text = _check(kind, target, lambda x: {"Värde": f"{_num(value + sign * x)} %"}, _amount, settings=settings)
    assert text.endswith("procentenheter") and text[0] == ("+" if sign > 0 else "−")


@pytest.mark.parametrize("settings", ROUNDINGS)
@pytest.mark.parametrize("kind, value, target", [("Antal minst", 2, 6), ("Antal minst", 5, 6), ("Antal minst", 0, 2.5),
                                                 ("Antal högst", 31, 30), ("Antal högst", 40, 30.5)])
def test_count(kind, value, target, settings):
    sign = 1 if kind == "Antal minst" else -1
    _check(kind, target, lambda k: {"Värde": value + sign * k}, _k, settings=settings)


@pytest.mark.parametrize("settings", ROUNDINGS)
@pytest.mark.parametrize("value, target", [("3,1", 3.5), ("4,45", 4.5), ("2", 3.5)])
def test_mean(value, target, settings):
    v = Fraction(value.replace(",", "."))
    text = _check("Medelvärde minst", target, lambda x: {"Värde": _num(v + x)}, _amount, settings=settings)
    assert text.startswith("+") and text.endswith("i snitt")


@pytest.mark.parametrize("settings", ROUNDINGS)
@pytest.mark.parametrize("kind, value, target", [("Värde högst", 11.5, 9), ("Värde minst", 7.25, 10),
                                                 ("Värde högst", 100, 99.99)])
def test_value(kind, value, target, settings):
    sign = 1 if kind == "Värde minst" else -1
    text = _check(kind, target, lambda x: {"Värde": float(Fraction(str(value)) + sign * x)}, _amount,
                  settings=settings)
    assert text.endswith("högre" if sign > 0 else "lägre")


@pytest.mark.parametrize("settings", ROUNDINGS)
@pytest.mark.parametrize("now, base, target", [(465865, 576947, 20), (462798, 333963, 20), (99, 100, 5)])
def test_decrease(now, base, target, settings):
    text = _check("Minskning minst", target, lambda x: {"Värde": float(now - x), "Jämförelsevärde": base},
                  _amount, settings=settings)
    assert text.endswith("lägre")


@pytest.mark.parametrize("settings", ROUNDINGS)
@pytest.mark.parametrize("now, base, target", [(10.4, 10.7, 1), (14.8, 15.9, 1.5), (12, 11, 0.5)])
def test_decrease_in_points(now, base, target, settings):
    text = _check("Minskning minst procentenheter", target,
                  lambda x: {"Värde": f"{_num(Fraction(str(now)) - x)} %", "Jämförelsevärde": f"{_num(Fraction(str(base)))} %"},
                  _amount, settings=settings)
    assert text.endswith("procentenheter lägre")


def test_a_decrease_to_zero_says_any_decrease_will_do():
    assert outcome("Minskning minst", 0, Värde=10, Jämförelsevärde=10).to_target == "lägre än 10"
    assert outcome("Minskning minst procentenheter", 0, Värde="10,7 %", Jämförelsevärde="10,7 %").to_target == \
        "under 10,7 %"


@pytest.mark.parametrize("settings", ROUNDINGS)
@pytest.mark.parametrize("women, men, low, high", [(72, 17, 40, 60), (5, 15, 40, 60), (39, 61, 40, 60),
                                                   (10, 0, 30, 70)])
def test_gender_balance(women, men, low, high, settings):
    short = "Män" if women > men else "Kvinnor"
    text = _check("Könsfördelning", low, lambda k: {"Kvinnor": women + (k if short == "Kvinnor" else 0),
                                                    "Män": men + (k if short == "Män" else 0)}, _k, high, settings)
    assert text.endswith(("män", "man till") if short == "Män" else ("kvinnor", "kvinna till"))


@pytest.mark.parametrize("settings", ROUNDINGS)
@pytest.mark.parametrize("w, wn, m, mn, target", [(24, 26, 13, 16, 5), (10, 20, 18, 20, 10), (30, 30, 1, 3, 0)])
def test_gender_gap(w, wn, m, mn, target, settings):
    lower = "Kvinnor" if Fraction(w, wn) < Fraction(m, mn) else "Män"
    text = _check("Könsskillnad högst", target,
                  lambda k: {"Kvinnor": w + (k if lower == "Kvinnor" else 0), "Kvinnor_av": wn,
                             "Män": m + (k if lower == "Män" else 0), "Män_av": mn}, _k, settings=settings)
    assert text.endswith("bland kvinnor" if lower == "Kvinnor" else "bland män")


def test_yes_no_and_reached_indicators_say_nothing():
    assert outcome("Ja/Nej", None, Värde="Nej").to_target == ""
    assert outcome("Andel minst", 80, Täljare=81, Nämnare=93).to_target == ""


def test_every_kind_is_covered_here():
    covered = {"Andel minst", "Andel högst", "Antal minst", "Antal högst", "Medelvärde minst", "Värde minst",
               "Värde högst", "Minskning minst", "Minskning minst procentenheter", "Könsfördelning",
               "Könsskillnad högst", "Ja/Nej"}
    assert {k.name for k in KINDS} == covered


# --- Underlag -------------------------------------------------------------------------------------

def _score_interval(n: int, total: int, z: float = 1.959963984540054) -> tuple[float, float]:
    """The Wilson interval by its definition: every p that the score test at 95 % does not reject, found by
    bisection (independent of the closed form in xlbokslut.confidence)."""
    p_hat = n / total

    def accepted(p: float) -> bool:
        return abs(p_hat - p) <= z * sqrt(p * (1 - p) / total) if 0 < p < 1 else p == p_hat

    def edge(inside: float, outside: float) -> float:
        for _ in range(100):
            mid = (inside + outside) / 2
            inside, outside = (mid, outside) if accepted(mid) else (inside, mid)
        return inside

    return edge(p_hat, 0.0) if n else 0.0, edge(p_hat, 1.0) if n < total else 1.0


@pytest.mark.parametrize("n, total", [(9, 12), (2, 2), (0, 2), (9, 10), (81, 93), (319, 787), (1, 1000), (57, 298)])
def test_wilson_matches_the_score_test_at_the_printed_precision(n, total):
    low, high = wilson(n, total)
    ref_low, ref_high = _score_interval(n, total)
    assert (round(100 * low), round(100 * high)) == (round(100 * ref_low), round(100 * ref_high))


def test_the_underlag_text():
    assert underlag(Basis(12, 9), 30) == ("9 av 12; 95 % säkert mellan 47 och 91 %; litet underlag", True)
    assert underlag(Basis(93, 81), 30) == ("81 av 93; 95 % säkert mellan 79 och 92 %", False)
    assert underlag(Basis(57), 30) == ("57 svar", False)
    assert underlag(Basis(30, 30), 30)[1] is False  # the setting is the smallest base that is not small
    assert underlag(None, 30) == ("", False)
    assert outcome("Andel minst", 80, Täljare=9, Nämnare=12).basis == \
        "9 av 12; 95 % säkert mellan 47 och 91 %; litet underlag"
    assert outcome("Andel minst", 80, Värde="26,3 %").basis == ""  # a percentage alone rests on nothing known
    assert outcome("Medelvärde minst", 3.5, Värde="3,9", Nämnare=57).basis == "57 svar"
    assert outcome("Könsskillnad högst", 5, Kvinnor=24, Kvinnor_av=26, Män=13, Män_av=16).basis == \
        "kvinnor 26 svar, män 16 svar; litet underlag"


def test_a_census_prints_its_count_without_an_interval():
    """Everyone counted (Deltagare, Helårsekvivalenter, Exempel) is not a sample: no interval, never "litet"."""
    assert underlag(Basis(12, 9), 30, census="deltagare") == ("alla 12 deltagare", False)
    assert underlag(Basis(16, label="kvinnor 26 svar, män 16 svar", everyone=42), 30, census="deltagare") == \
        ("alla 42 deltagare", False)
