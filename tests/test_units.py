"""A unit's delbokslut: the indicators measured for it, an index over what was measured, with its coverage, and
none where too little was measured (Inställningar: Minsta mätta vikt för en enhets index)."""
from __future__ import annotations

from helpers import SETTINGS, VERIFICATIONS, area_results, indicator_results, verification_row, write_workbook
from xlbokslut.cli import main
from xlbokslut.jobs import export_file

# the budget's weights: 1.1.1 8, 1.1.2 3, 1.2.1 3, 2.1.1 3, 2.1.2 2, 2.2.1 1 (20 in all)
UNIT_ROWS = [
    verification_row("1.1.1", "Norr", "Statistik", Täljare=30, Nämnare=40),  # 75 %: not reached
    verification_row("1.2.1", "Norr", "Pärm", Värde=2),  # reached, weight 3
    verification_row("2.1.2", "Norr", "Fallstudie", Värde="Ja"),  # reached, weight 2
    verification_row("1.1.2", "Söder", "Enkät", Täljare=1, Nämnare=50),  # reached, weight 3 of 20
]


def _workbook(tmp_path, settings=SETTINGS):
    return write_workbook(tmp_path / "enheter.xlsx", verifications=[*VERIFICATIONS, *UNIT_ROWS],
                          settings=settings)


def test_a_units_index_is_over_what_was_measured_for_it_with_its_coverage(tmp_path, capsys):
    path = _workbook(tmp_path)
    assert main(["utvardera", str(path)]) == 0
    out = capsys.readouterr().out
    # Norr: 1.1.1 (8, not reached), 1.2.1 (3) and 2.1.2 (2) reached: 5 of 13 points, 13 of 20 weight measured
    assert "IMPACTindex Norr: 38 (mål 70, −32; 65 % av vikten mätt, 3 indikatorer)" in out
    assert "IMPACTindex Söder: inget index (bara 15 % av vikten är mätt för Söder, minst 50 % behövs)" in out
    assert sorted(indicator_results(path, "Norr")) == ["1.1.1", "1.2.1", "2.1.2"]  # only what concerns Norr
    assert sorted(indicator_results(path, "Söder")) == ["1.1.2"]
    norr = area_results(path, "Norr")
    assert (norr["Totalt"]["IMPACTindex"], norr["Totalt"]["Max impactvärde"], norr["Totalt"]["Mätt vikt (%)"]) == \
        (38, 13, 65)
    assert norr["Totalt"]["Viktkontroll"] == "Index över det som är mätt för enheten: 65 % av vikten"
    # area 1 of Norr: 1.1.1 and 1.2.1 measured, 11 of its 14 weight; area 2: only 2.1.2, 2 of 6 = 33 %
    assert (norr["1"]["IMPACTindex"], norr["1"]["Mätt vikt (%)"]) == (27, 79)
    assert (norr["2"]["IMPACTindex"], norr["2"]["Mätt vikt (%)"]) == (None, 33)
    assert norr["2"]["Viktkontroll"] == "Inget index: bara 33 % av vikten är mätt för enheten (minst 50 %)"
    söder = area_results(path, "Söder")["Totalt"]
    assert (söder["IMPACTindex"], söder["Mot mål"], söder["Mätt vikt (%)"]) == (None, None, 15)
    forbund = area_results(path)["Totalt"]  # the förbund's index is unchanged by its units
    assert (forbund["IMPACTindex"], forbund["Mätt vikt (%)"]) == (60, 100)


def test_the_least_measured_share_is_a_setting(tmp_path, capsys):
    path = _workbook(tmp_path, {**SETTINGS, "Minsta mätta vikt för en enhets index": "10 %"})
    assert main(["utvardera", str(path)]) == 0
    assert "IMPACTindex Söder: 100 (mål 70, +30; 15 % av vikten mätt, 1 indikator)" in capsys.readouterr().out


def test_a_units_delbokslut_lists_its_own_indicators_and_says_what_its_index_rests_on(tmp_path):
    path = _workbook(tmp_path)
    _, paths = export_file(path, per_unit=True)
    summaries = {p.name: p.read_text(encoding="utf-8") for p in paths if p.suffix == ".md"}
    norr = next(text for name, text in summaries.items() if "_norr_" in name)
    assert "IMPACTindex 38 mot målet 70 (−32): Norr nådde inte sitt mål. Indexet räknas över det som är mätt för " \
           "enheten: 65 % av vikten mätt, 3 indikatorer." in norr
    assert "Av 3 indikatorer är 2 uppnådda, 0 nära målet, 1 ej uppnådd, 0 saknar mätning, 0 har fel i indata." in norr
    assert "2.2.1" not in norr  # measured for the förbund only: not Norr's
    söder = next(text for name, text in summaries.items() if "_soder_" in name)
    assert "IMPACTindex för Söder: inget index (bara 15 % av vikten är mätt för Söder, minst 50 % behövs)." in söder
