"""The worksheet functions, as plain Python (on Windows xlwings registers them with Excel)."""
import pytest

from xlbokslut.udfs import BOKSLUT_ANDEL, BOKSLUT_STATUS, IMPACTINDEX


@pytest.mark.parametrize("args, status", [
    (("Andel minst", 80, 247, 319), "Nära målet"),
    (("Andel minst", 0.8, 80, 100), "Uppnått"),          # 80 % as Excel stores it
    (("Andel högst", "10 %", 4, 42), "Uppnått"),
    (("Antal minst", 2, 0), "Ej uppnått"),
    (("Medelvärde minst", 3.5, 3.9), "Uppnått"),
    (("Könsfördelning", 40, 362, 425), "Uppnått"),        # upper edge defaults to 60
    (("Könsskillnad högst", 20, 52, 54, 36, 38), "Uppnått"),
    (("Minskning minst", 30, 591461, 1213686), "Uppnått"),
    (("Ja/Nej", None, "Ja"), "Uppnått"),
    (("Andel minst", 80, 9, 0), "Fel i indata"),           # the 2017 "9/0"
    (("Andel minst", 80), "Mätning saknas"),
])
def test_status(args, status):
    assert BOKSLUT_STATUS(*args) == status


def test_status_with_an_unknown_kind():
    assert BOKSLUT_STATUS("Andel mist", 80, 1, 2) == "Fel i indata: typen ”Andel mist” finns inte"


def test_share():
    assert BOKSLUT_ANDEL(5, 8) == 63 and BOKSLUT_ANDEL(319.0, 787.0) == 41
    assert BOKSLUT_ANDEL(9, 0) == "Fel: antalet är 0"
    assert BOKSLUT_ANDEL(12, 10) == "Fel: 12 är större än 10"


def test_impactindex_takes_ranges_as_excel_passes_them():
    weights = [[8], [12], [10], [8], [3], [3]] + [[4]] * 6  # area 1 of the 2021 example
    statuses = [["Uppnått"], ["Nära målet"], ["Ej uppnått"], ["Nära målet"], ["Uppnått"], ["Uppnått"]] + \
        [["Uppnått"]] * 6
    assert IMPACTINDEX(weights, statuses) == 56
    assert IMPACTINDEX(weights, statuses, 0.5) == 71  # (38 + 10) / 68
    assert IMPACTINDEX([1, 2], ["Uppnått"]) == "Fel: vikter och statusar måste vara lika många"
