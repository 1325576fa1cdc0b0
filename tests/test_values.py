"""Reading cells as Swedes type them, and printing numbers back."""
import datetime as dt
from fractions import Fraction

import pytest

from xlbokslut.values import Uncomputed
from xlbokslut.values import (ValueProblem, fmt_int, fmt_num, fmt_signed, parse_count, parse_number, parse_pair,
                              parse_percent, parse_yes_no, round_half_up)


@pytest.mark.parametrize("raw, value", [
    (40, 40), (3.5, 3.5), ("40", 40), ("3,5", 3.5), ("3.5", 3.5), ("1 213 686", 1213686),
    ("1 213 686 kr", 1213686), ("1\u00a0213\u00a0686", 1213686), ("−14", -14), (" 7 st ", 7), ("0,4", 0.4),
])
def test_numbers(raw, value):
    assert parse_number(raw).value == value


@pytest.mark.parametrize("raw", ["abc", "12 13", "3,5,6", "1 2345", "fem", "--3"])
def test_unreadable_numbers_say_what_was_typed(raw):
    with pytest.raises(ValueProblem, match="inte ett tal"):
        parse_number(raw)


def test_blank_is_none_and_dates_get_a_hint():
    assert parse_number(None) is None and parse_number("  ") is None
    with pytest.raises(ValueProblem, match="datum"):
        parse_number(dt.datetime(2021, 5, 3))
    with pytest.raises(ValueProblem, match="sant/falskt"):
        parse_number(True)


@pytest.mark.parametrize("raw, percent", [
    (40, 40), ("40 %", 40), ("40%", 40), (0.4, 40), ("0,4", 40), (1, 100), ("80 procent", 80),
    ("0,5 %", 0.5),  # typed with a % sign: half a percent, not a fraction
    (0, 0), (62.5, 62.5),
])
def test_percent_and_the_fraction_rule(raw, percent):
    assert parse_percent(raw) == pytest.approx(percent)


def test_counts():
    assert parse_count("12") == 12 and parse_count(12.0) == 12
    for raw, message in [(-1, "negativt"), (1.5, "heltal"), ("40 %", "procenttal")]:
        with pytest.raises(ValueProblem, match=message):
            parse_count(raw)


def test_pairs():
    assert parse_pair("52 av 54") == (52, 54)
    assert parse_pair("52/54") == (52, 54)
    assert parse_pair(" 9 AV 10 ") == (9, 10)
    assert parse_pair("52") is None and parse_pair(52) is None


def test_yes_no():
    assert [parse_yes_no(v) for v in ("Ja", "NEJ", 1, 0, "sant", "falskt", True, None)] == \
           [True, False, True, False, True, False, True, None]
    with pytest.raises(ValueProblem, match="varken Ja eller Nej"):
        parse_yes_no("kanske")


def test_formula_without_cached_value_is_reported():
    with pytest.raises(ValueProblem, match="inget beräknat värde"):
        parse_number(Uncomputed("=A1+B1"))


@pytest.mark.parametrize("x, rounded", [(62.5, 63), (0.5, 1), (2.5, 3), (77.49, 77), (-0.5, -1), (-14.2, -14),
                                        (Fraction(125, 2), 63), (Fraction(7249, 100), 72)])
def test_round_half_up(x, rounded):
    assert round_half_up(x) == rounded


def test_formatting():
    assert fmt_int(1213686) == "1 213 686"
    assert fmt_num(3.9) == "3,9" and fmt_num(10.0) == "10" and fmt_num(Fraction(1, 3), 2) == "0,33"
    assert fmt_num(-0.3) == "−0,3"
    assert [fmt_signed(x) for x in (10, -14, 0)] == ["+10", "−14", "0"]
