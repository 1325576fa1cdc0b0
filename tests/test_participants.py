"""Deltagarna i siffror, background tables, helårsekvivalenter and linked outcomes, on real workbooks."""

import openpyxl
import pytest

from helpers import (BUDGET, VERIFICATIONS, area_row, budget_row, contract_problems, equivalent_row, indicator_results,
                     participant_row, table_rows, verification_row, write_workbook)
from xlbokslut.example import load_example
from xlbokslut.schema import PARTICIPANT_CATEGORIES
from xlbokslut.workbook.files import evaluate_file

PARTICIPANTS: dict = {}
for _row in load_example().participants:  # each unit's (Kvinnor, Män, Föregående år) per category
    if _row["Enhet"] != "Totalt":
        PARTICIPANTS.setdefault(_row["Enhet"], []).append((_row["Kvinnor"], _row["Män"], _row["Föregående år"]))
# The 2021 report's eight tables: Totalt per category (rows 1–12) and the percent column (rows 4–11).
PUBLISHED = {
    "Totalt": ([787, 187, 319, 247, 77, 22, 57, 59, 32, 51, 21, 468], [77, 31, 9, 23, 24, 13, 16, 7]),
    "Ungdomstorget": ([248, 60, 82, 69, 21, 0, 25, 13, 10, 10, 3, 166], [84, 30, 0, 36, 19, 14, 12, 4]),
    "Vuxentorget": ([346, 56, 127, 94, 34, 0, 20, 26, 14, 27, 6, 219], [74, 36, 0, 21, 28, 15, 21, 5]),
    "Bjurholm": ([26, 12, 12, 11, 2, 7, 1, 0, 1, 0, 1, 14], [92, 18, 64, 9, 0, 9, 0, 8]),
    "Vännäs": ([66, 22, 33, 25, 10, 6, 3, 4, 2, 6, 2, 33], [76, 40, 24, 12, 16, 8, 18, 6]),
    "Nordmaling": ([41, 14, 27, 19, 3, 1, 5, 9, 1, 4, 4, 14], [70, 16, 5, 26, 47, 5, 15, 15]),
    "Robertsfors": ([36, 13, 26, 22, 6, 3, 3, 7, 3, 1, 3, 10], [85, 27, 14, 14, 32, 14, 4, 12]),
    "Vindeln": ([24, 10, 12, 7, 1, 5, 0, 0, 1, 3, 2, 12], [58, 14, 71, 0, 0, 14, 25, 17]),
}
# The förbund's women and men as printed (the report's "Samordningsförbundet TOTALT" table)
PUBLISHED_TOTAL_GENDERS = [(362, 425), (93, 94), (155, 164), (116, 131), (42, 35), (10, 12), (28, 29), (21, 38),
                           (15, 17), (30, 21), (9, 12), (207, 261)]


@pytest.fixture(scope="module")
def example(evaluated_example):
    return evaluated_example


def _by_unit(path):
    out = {}
    for r in table_rows(path, "tblDeltagare"):
        out.setdefault(r["Enhet"], {})[r["Kategori"]] = r
    return out


@pytest.mark.parametrize("unit", list(PUBLISHED))
def test_every_published_total_and_percentage(example, unit):
    rows = _by_unit(example)[unit]
    totals, percents = PUBLISHED[unit]
    assert [rows[c]["Totalt"] for c in PARTICIPANT_CATEGORIES] == totals
    assert [rows[c]["Andel (%)"] for c in PARTICIPANT_CATEGORIES[3:11]] == percents
    assert [rows[c]["Andel (%)"] for c in PARTICIPANT_CATEGORIES[:3] + PARTICIPANT_CATEGORIES[11:]] == [None] * 4
    assert all(rows[c]["Kontroll"] in (None, "beräknat som deltagare − avslutade") for c in PARTICIPANT_CATEGORIES)


def test_forbund_total_is_filled_from_the_units_and_keeps_last_year(example):
    rows = _by_unit(example)["Totalt"]
    assert [(rows[c]["Kvinnor"], rows[c]["Män"]) for c in PARTICIPANT_CATEGORIES] == PUBLISHED_TOTAL_GENDERS
    assert rows["Antal deltagare hela året"]["Föregående år"] == 914
    assert rows["Avslutade till en för individen positiv lösning"]["Föregående år"] == 71
    assert contract_problems(example, evaluated=True) == []


def test_throughput_and_delbokslut_in_resultat(example):
    summary = {r["Enhet"]: r for r in table_rows(example, "tblResultatDeltagare")}
    assert summary["Totalt"]["Genomströmning"] == "41 % (319 av 787)"
    assert summary["Ungdomstorget"]["Genomströmning"] == "33 % (82 av 248)"
    assert summary["Totalt"]["Positiv lösning"] == "77 % (247 av 319)"
    assert all(r["Kontroll"] == "OK" for r in summary.values())
    youth = indicator_results(example, "Ungdomstorget")
    assert youth["1.2.1"]["Utfall"] == "84 % (69 av 82)" and youth["1.2.1"]["Status"] == "Uppnått"
    assert youth["1.2.2"]["Utfall"] == "30 % (21 av 69)"
    areas = {(r["Enhet"], r["Nr"]) for r in table_rows(example, "tblResultatMålområden")}
    assert {(unit, "Totalt") for unit in PARTICIPANTS} <= areas


def test_linked_outcomes_give_the_published_results(example):
    forbund = indicator_results(example)
    assert forbund["1.1.1"]["Utfall"] == "41 % (319 av 787)"
    assert forbund["1.1.1"]["Kontroll"] == "Hämtat från Deltagare (Totalt)"
    assert forbund["2.1.1"]["Utfall"] == "Kvinnor 46 %, män 54 %"
    assert forbund["1.3.6"]["Utfall"] == "−0,3 procentenheter (10,7 % → 10,4 %)"


def test_background_totals_match_the_reports_slutsumma(example):
    totals = {r["Tabell"]: (r["Kvinnor"], r["Män"], r["Totalt"]) for r in table_rows(example, "tblBakgrund")
              if r["Kategori"] == "Totalt"}
    assert totals == {"Åldersintervall": (320, 367, 687), "Utbildningsnivå": (320, 367, 687),
                      "Försörjningskälla före": (353, 389, 742)}


def test_equivalents_share_and_change(example):
    rows = {(r["Kommun"], r["År"]): r for r in table_rows(example, "tblHelårsekvivalenter")}
    assert rows[("Umeå", 2021)]["Andel (%)"] == 10.4 and rows[("Umeå", 2021)]["Förändring (procentenheter)"] == -0.3
    assert rows[("Umeå", 2020)]["Förändring (procentenheter)"] is None


# --- participant tables that do not add up ------------------------------------------------

def _unit_rows(unit, figures):
    return [participant_row(unit, c, w, m) for c, (w, m, _) in zip(PARTICIPANT_CATEGORIES, figures)]


def _workbook(tmp_path, participants, verifications=VERIFICATIONS, **kw):
    return write_workbook(tmp_path / "d.xlsx", participants=participants, verifications=verifications, **kw)


def test_a_unit_that_does_not_add_up_is_named_with_the_failing_identity(tmp_path):
    figures = [list(f) for f in PARTICIPANTS["Ungdomstorget"]]
    figures[4][0] = 12           # women to work: 12 instead of 11, so rows 5–9 no longer sum to row 4
    figures[11] = (80, 88, None)  # 80 women remain, but 121 − 43 = 78
    path = _workbook(tmp_path, _unit_rows("Ungdomstorget", figures))
    evaluate_file(path)
    rows = _by_unit(path)["Ungdomstorget"]
    assert rows["Avslutade till en för individen positiv lösning"]["Kontroll"] == \
        "kvinnor: rad 5–9 (varav arbete … saknar arbetsförmåga) summerar till 35, inte 34"
    assert rows["Antal kvar i verksamheten"]["Kontroll"] == "kvinnor: kvar ska vara deltagare − avslutade = 78, inte 80"
    assert rows["varav till arbete"]["Kontroll"] is None
    summary = {r["Enhet"]: r for r in table_rows(path, "tblResultatDeltagare")}
    assert summary["Ungdomstorget"]["Kontroll"] == "2 kontroller stämmer inte, se bladet Deltagare"


def test_totals_are_appended_then_follow_the_units_but_typed_totals_are_only_checked(tmp_path):
    rows = _unit_rows("A", PARTICIPANTS["Bjurholm"]) + _unit_rows("B", PARTICIPANTS["Vindeln"])
    path = _workbook(tmp_path, rows)
    evaluate_file(path)
    total = _by_unit(path)["Totalt"]
    assert (total["Antal deltagare hela året"]["Kvinnor"], total["Antal deltagare hela året"]["Totalt"]) == (24, 50)
    assert openpyxl.load_workbook(path)["_xlbokslut"].sheet_state == "hidden"
    # a unit's figure changes: the total xlbokslut filled follows
    book = openpyxl.load_workbook(path)
    ws = book["Deltagare"]
    ws["C5"] = 14  # A, Antal deltagare, Kvinnor 13 → 14
    total_row = next(r for r in range(5, 60) if ws.cell(r, 1).value == "Totalt")
    ws.cell(total_row + 1, 3).value = 50  # a person types over the filled "varav nya" total for women
    book.save(path)
    ev = evaluate_file(path)
    total = _by_unit(path)["Totalt"]
    assert total["Antal deltagare hela året"]["Kvinnor"] == 25
    assert total["varav nya för året"]["Kvinnor"] == 50  # typed: never overwritten ...
    assert total["varav nya för året"]["Kontroll"] == \
        "Kvinnor: ifyllt 50, men summan av enheterna är 11; kvinnor: fler nya (50) än deltagare (25)"  # ... checked
    assert any(i.message == "Kvinnor: ifyllt 50, men summan av enheterna är 11" for i in ev.issues)
    assert len([r for r in table_rows(path, "tblDeltagare") if r["Enhet"] == "Totalt"]) == 12  # appended once


def test_blank_unit_is_reported_and_an_own_category_is_summed_with_a_notice(tmp_path):
    """Version 2: a category of one's own is no error; it is summed into Totalt, kept out of the identities, and
    named once as a notice so that a misspelt standard category is seen."""
    rows = _unit_rows("A", PARTICIPANTS["Bjurholm"]) + [participant_row(None, "Antal deltagare hela året", 3, 4),
                                                         participant_row("A", "Antal sökande", 5, 6),
                                                         participant_row("B", "Antal sökande", 1, 1)]
    path = _workbook(tmp_path, rows)
    ev = evaluate_file(path)
    messages = [str(i) for i in ev.issues]
    assert "Deltagare!A17: Enhet saknas på raden" in messages
    notices = [i for i in ev.issues if "egen kategori" in i.message]
    assert [(i.place, i.level) for i in notices] == [("Deltagare!B18", "Notis")]
    own = [r for r in table_rows(path, "tblDeltagare") if r["Kategori"] == "Antal sökande"]
    assert [(r["Enhet"], r["Totalt"], r["Kontroll"]) for r in own] == [("A", 11, None), ("B", 2, None),
                                                                        ("Totalt", 13, None)]


def test_unit_in_verifications_but_not_in_participants_still_evaluates(tmp_path):
    verifications = [dict(r) for r in VERIFICATIONS] + [
        verification_row("1.1.1", "Nyplattformen", Täljare=5, Nämnare=8),
        verification_row("1.1.1", "Vindeln", Hamta_fran="Deltagare: positiv lösning"),
    ]
    path = _workbook(tmp_path, _unit_rows("Bjurholm", PARTICIPANTS["Bjurholm"]), verifications)
    ev = evaluate_file(path)
    assert indicator_results(path, "Nyplattformen")["1.1.1"]["Utfall"] == "63 % (5 av 8)"
    vindeln = indicator_results(path, "Vindeln")["1.1.1"]
    assert vindeln["Status"] == "Fel i indata"
    assert vindeln["Kontroll"] == "Verifikationer!K12: enheten Vindeln finns inte på bladet Deltagare"
    assert "Vindeln" in ev.units


def test_links_that_lead_nowhere_or_clash_with_typed_numbers(tmp_path):
    verifications = [dict(r) for r in VERIFICATIONS]
    verifications[0]["Hämta från"] = "Deltagare: genomströmning"  # 1.1.1 has Täljare/Nämnare typed as well
    verifications[2]["Hämta från"] = "Deltagare: hjältar"          # no such measure
    verifications[5]["Hämta från"] = "Helårsekvivalenter: Umeå"   # a Minskning minst indicator cannot take a pp change
    path = _workbook(tmp_path, _unit_rows("A", PARTICIPANTS["Bjurholm"]), verifications)
    evaluate_file(path)
    results = indicator_results(path)
    assert results["1.1.1"]["Kontroll"] == ("Verifikationer!C5: Täljare är ifylld fast raden hämtar från Deltagare "
                                            "(Totalt); töm cellen eller Hämta från")
    assert results["1.2.1"]["Kontroll"] == "Verifikationer!K7: ”Deltagare: hjältar” finns inte; välj i listan"
    assert "Minskning minst procentenheter" in results["2.2.1"]["Kontroll"]
    assert {r["Status"] for r in results.values() if r["Indikator-nr"] in ("1.1.1", "1.2.1", "2.2.1")} == \
        {"Fel i indata"}


def test_equivalent_problems_name_their_cells(tmp_path):
    equivalents = [equivalent_row("Umeå", 2020, 8000, 0), equivalent_row("Umeå", 2021, "många", 76000),
                   equivalent_row("Vännäs", 2021, 600, 500)]
    from xlbokslut.workbook.template import build_workbook

    path = tmp_path / "h.xlsx"
    build_workbook({}, [area_row(1, "A", 100)], BUDGET[:1], VERIFICATIONS[:1], equivalents=equivalents).save(path)
    ev = evaluate_file(path)
    messages = [str(i) for i in ev.issues]
    assert "Helårsekvivalenter!D5: befolkningen är 0" in messages
    assert "Helårsekvivalenter!C6: Helårsekvivalenter: ”många” är inte ett tal" in messages
    assert "Helårsekvivalenter!C7: fler helårsekvivalenter än invånare" in messages


def test_a_linked_share_under_one_percent_is_not_a_fraction(tmp_path):
    from xlbokslut.workbook.template import build_workbook

    budget = [budget_row(1, "1.1", "Mål", "1.1.1", "Andelen ska minska", "Minskning minst procentenheter", 0, None, 1)]
    verifications = [verification_row("1.1.1", Hamta_fran="Helårsekvivalenter: Liten")]
    equivalents = [equivalent_row("Liten", 2020, 9, 1000), equivalent_row("Liten", 2021, 8, 1000)]  # 0,9 % → 0,8 %
    path = tmp_path / "l.xlsx"
    build_workbook({"Verksamhetsår": 2021}, [area_row(1, "A", 100)], budget, verifications,
                   equivalents=equivalents).save(path)
    evaluate_file(path)
    assert indicator_results(path)["1.1.1"]["Utfall"] == "−0,1 procentenheter (0,9 % → 0,8 %)"


def test_filled_totals_go_when_the_units_go(tmp_path):
    path = _workbook(tmp_path, _unit_rows("A", PARTICIPANTS["Bjurholm"]))
    evaluate_file(path)
    book = openpyxl.load_workbook(path)
    ws = book["Deltagare"]
    for row in range(5, 17):  # the user deletes unit A's twelve rows' contents
        for col in range(1, 6):
            ws.cell(row, col).value = None
    total_row = next(r for r in range(5, 60) if ws.cell(r, 1).value == "Totalt")
    ws.cell(total_row, 4).value = 99  # ... but has typed one total by hand: that one stays
    book.save(path)
    evaluate_file(path)
    total = _by_unit(path)["Totalt"]["Antal deltagare hela året"]
    assert (total["Kvinnor"], total["Män"]) == (None, 99)
    assert all(r["Kvinnor"] is None for r in _by_unit(path)["Totalt"].values())


def test_a_year_that_is_not_whole_is_named_and_a_link_to_it_is_an_input_error(tmp_path):
    """År 2021,5 was read as no year while its share was counted; a link to the municipality then crashed."""
    from xlbokslut.workbook.template import build_workbook

    budget = [budget_row(1, "1.1", "Mål", "1.1.1", "Andelen ska minska", "Minskning minst procentenheter", 0, None, 1)]
    verifications = [verification_row("1.1.1", Hamta_fran="Helårsekvivalenter: Liten")]
    equivalents = [equivalent_row("Liten", "2021,5", 8, 1000)]
    path = tmp_path / "y.xlsx"
    build_workbook({}, [area_row(1, "A", 100)], budget, verifications, equivalents=equivalents).save(path)
    ev = evaluate_file(path)
    assert "Helårsekvivalenter!B5: År ska vara ett helt årtal, t.ex. 2021" in [str(i) for i in ev.issues]
    result = indicator_results(path)["1.1.1"]
    assert result["Status"] == "Fel i indata"
    assert "Liten finns inte" in result["Kontroll"]


def test_a_share_of_all_participants_is_a_census_without_an_interval(example):
    """Deltagare counts everyone, not a sample: Underlag names the count, with no interval and no "litet underlag"."""
    forbund = indicator_results(example)
    assert forbund["1.1.1"]["Underlag"] == "alla 787 deltagare"
    vindeln = indicator_results(example, "Vindeln")
    linked = [r for r in vindeln.values() if r["Kontroll"].startswith("Hämtat från Deltagare")]
    assert linked and all("säkert" not in r["Underlag"] and "litet" not in r["Underlag"] for r in linked)
