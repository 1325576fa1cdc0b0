"""Evaluating real workbook files: results written back, read again, and nothing typed changed."""
import shutil

import openpyxl
import pytest

from helpers import (BUDGET, VERIFICATIONS, area_results, area_row, cell_snapshot, contract_problems,
                     indicator_results, table_rows, verification_row, write_workbook)
from xlbokslut.styles import STATUS_STYLES
from xlbokslut.workbook.files import evaluate_file

INPUT_SHEETS = ["Inställningar", "Målområden", "Budget", "Deltagare"]


@pytest.fixture
def tidy(tmp_path):
    return write_workbook(tmp_path / "bokslut.xlsx")


def _verification_columns(path):
    return {r["Indikator-nr"]: (r["Utfall"], r["Status"]) for r in table_rows(path, "tblVerifikationer")}


def test_results_are_written_into_the_workbook(tidy):
    evaluate_file(tidy)
    assert _verification_columns(tidy) == {
        "1.1.1": ("77 % (247 av 319)", "Nära målet"),
        "1.1.2": ("2 % (2 av 93)", "Uppnått"),
        "1.2.1": ("2", "Uppnått"),
        "2.1.1": ("Kvinnor 46 %, män 54 %", "Uppnått"),
        "2.1.2": ("Ja", "Uppnått"),
        "2.2.1": ("−51 % (1 213 686 → 591 461)", "Uppnått"),
    }
    ind = indicator_results(tidy)
    assert ind["1.1.1"]["Mål"] == "minst 80 %"
    assert (ind["1.1.1"]["Utfall (%)"], ind["1.1.1"]["Poäng"], ind["1.1.1"]["Max poäng"]) == (77, 0, 8)
    assert ind["2.1.1"]["Mål"] == "40–60 %" and ind["2.1.1"]["Utfall (%)"] == 46
    areas = area_results(tidy)
    # area 1: 3 of 14 points; area 2: 6 of 6; total 9 of 17 → 53
    assert [areas["1"][k] for k in ("Max impactvärde", "Uppnått impactvärde", "IMPACTindex", "Mot mål")] == \
           [14, 6, 43, -27]
    assert areas["2"]["IMPACTindex"] == 100 and areas["Totalt"]["IMPACTindex"] == 60
    assert areas["Totalt"]["Antal indikatorer"] == 6 and areas["Totalt"]["Antal mål"] == 4
    assert areas["1"]["Andel uppnådda indikatorer (%)"] == 67
    assert areas["1"]["Faktisk vikt (%)"] == 70 and areas["1"]["Viktkontroll"] == "70 % mot målvikt 60 % ± 5"
    assert areas["Totalt"]["Viktkontroll"] == "OK"
    assert contract_problems(tidy, evaluated=True) == []


def test_status_cells_are_coloured(tidy):
    evaluate_file(tidy)
    ws = openpyxl.load_workbook(tidy)["Verifikationer"]
    status_col = [c.value for c in ws[4]].index("Status") + 1
    fills = {ws.cell(r, status_col).value: ws.cell(r, status_col).fill.fgColor.rgb for r in range(5, 11)}
    assert fills["Uppnått"].endswith(STATUS_STYLES["Uppnått"].fill)
    assert fills["Nära målet"].endswith(STATUS_STYLES["Nära målet"].fill)


def test_nothing_typed_is_changed_and_a_second_run_gives_the_same_cells(tidy):
    before = cell_snapshot(tidy, INPUT_SHEETS)
    evaluate_file(tidy)
    first = cell_snapshot(tidy)
    evaluate_file(tidy)
    assert cell_snapshot(tidy) == first
    assert cell_snapshot(tidy, INPUT_SHEETS) == before
    typed_before = {k: v for k, v in cell_snapshot(_fresh_copy(tidy), ["Verifikationer"]).items()
                    if k[1][0] not in "NO"}
    typed_after = {k: v for k, v in cell_snapshot(tidy, ["Verifikationer"]).items() if k[1][0] not in "NO"}
    assert typed_after == typed_before


def _fresh_copy(path):
    """The same workbook as it was before any evaluation."""
    return write_workbook(path.with_name("fresh.xlsx"))


def test_cleared_row_leaves_no_stale_result(tidy):
    evaluate_file(tidy)
    book = openpyxl.load_workbook(tidy)
    ws = book["Verifikationer"]
    for col in range(1, 14):  # the user clears row 6 (indicator 1.1.2) entirely
        ws.cell(6, col).value = None
    book.save(tidy)
    evaluate_file(tidy)
    ws = openpyxl.load_workbook(tidy)["Verifikationer"]
    assert ws["N6"].value is None and ws["O6"].value is None
    assert indicator_results(tidy)["1.1.2"]["Status"] == "Mätning saknas"


def test_removed_budget_row_disappears_from_results(tmp_path):
    path = write_workbook(tmp_path / "a.xlsx")
    evaluate_file(path)
    assert "2.2.1" in indicator_results(path)
    write_workbook(path, budget=BUDGET[:-1], verifications=VERIFICATIONS[:-1])
    evaluate_file(path)
    assert "2.2.1" not in indicator_results(path)
    assert area_results(path)["Totalt"]["Antal indikatorer"] == 5


def _untidy(path):
    """The tidy workbook as a person might leave it: columns moved, extra columns, blank rows, numbers as
    text, headers with odd case and spaces, and the Budget table object lost."""
    write_workbook(path)
    book = openpyxl.load_workbook(path)
    ws = book["Verifikationer"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=4, max_row=10)]
    header = rows[0]
    order = [header.index(h) for h in ("Kommentar", "Nämnare", "Täljare", "Indikator-nr", "Värde", "Enhet",
                                       "Jämförelsevärde", "Män", "Kvinnor", "Kvinnor av", "Män av", "Verifikation",
                                       "Status", "Utfall")]
    del ws.tables["tblVerifikationer"]
    for r in ws.iter_rows(min_row=4, max_row=30):
        for c in r:
            c.value = None
    out = [[(" " + header[i].upper() + " ") if header[i] == "Nämnare" else header[i] for i in order] + ["Egen"]]
    for row in rows[1:]:
        line = [row[i] for i in order] + ["x"]
        out.append([f"{v}" if isinstance(v, int) else v for v in line])  # numbers typed as text
        out.append([None] * len(line))  # a blank row after each
    for r, line in enumerate(out, start=6):
        for c, v in enumerate(line, start=2):
            ws.cell(r, c, v)
    budget = book["Budget"]
    del budget.tables["tblBudget"]
    book.save(path)
    return path


def test_untidy_workbook_gives_the_same_results(tmp_path):
    tidy = write_workbook(tmp_path / "tidy.xlsx")
    untidy = _untidy(tmp_path / "untidy.xlsx")
    evaluate_file(tidy)
    ev = evaluate_file(untidy)
    assert not [i for i in ev.issues if i.level == "Fel"]
    strip = lambda rows: {k: {h: v for h, v in r.items() if h != "_row"} for k, r in rows.items()}
    assert strip(indicator_results(untidy)) == strip(indicator_results(tidy))
    assert strip(area_results(untidy)) == strip(area_results(tidy))
    ws = openpyxl.load_workbook(untidy)["Verifikationer"]
    assert ws["N7"].value == "Nära målet" and ws["O7"].value == "77 % (247 av 319)"  # Status, Utfall moved


def test_fill_down_does_not_cross_a_new_area(tmp_path):
    budget = [dict(r) for r in BUDGET]
    budget[3]["Mål-nr"] = None  # area 2 starts with a blank Mål-nr
    path = write_workbook(tmp_path / "a.xlsx", budget=budget)
    ev = evaluate_file(path)
    assert "Budget!B8: Mål-nr saknas (ett nytt målområde börjar här)" in [str(i) for i in ev.issues]
    assert indicator_results(path)["2.1.1"]["Status"] == "Fel i indata"


def test_budget_problems_are_reported_with_their_cells(tmp_path):
    budget = [dict(r) for r in BUDGET]
    budget[0]["Typ"] = "Andel mist"     # a typo
    budget[1]["Målvärde"] = "tio"      # text where the target belongs
    budget[2]["Vikt"] = -2             # a negative weight
    budget[4]["Indikator-nr"] = "1.1.1"  # a duplicate
    path = write_workbook(tmp_path / "a.xlsx", budget=budget)
    ev = evaluate_file(path)
    messages = [str(i) for i in ev.issues]
    assert "Budget!F5: typen ”Andel mist” finns inte; välj en typ i listan" in messages
    assert "Budget!G6: Målvärde: ”tio” är inte ett tal" in messages
    assert any(m.startswith("Budget!I7: Vikt:") and "negativt" in m for m in messages)
    assert "Budget!D9: Indikator-nr 1.1.1 finns redan i Budget!D5" in messages
    results = indicator_results(path)
    assert results["1.1.1"]["Status"] == "Fel i indata" and "Budget!F5" in results["1.1.1"]["Kontroll"]
    problems = table_rows(path, "tblIndataproblem")
    assert {p["Plats"] for p in problems} >= {"Budget!F5", "Budget!G6", "Budget!I7", "Budget!D9"}


def test_unknown_indicator_and_duplicate_rows_in_verifications(tmp_path):
    verifications = [dict(r) for r in VERIFICATIONS] + [
        verification_row("9.9.9", Täljare=1, Nämnare=2),
        verification_row("1.1.2", Täljare=3, Nämnare=93),
    ]
    path = write_workbook(tmp_path / "a.xlsx", verifications=verifications)
    ev = evaluate_file(path)
    assert "Verifikationer!A11: Indikator-nr 9.9.9 finns inte i Budget" in [str(i) for i in ev.issues]
    status = {(r["Indikator-nr"], r["_row"]): r["Status"] for r in table_rows(path, "tblVerifikationer")}
    assert status[("9.9.9", 11)] == "Fel i indata"
    assert status[("1.1.2", 6)] == status[("1.1.2", 12)] == "Fel i indata"
    assert "flera rader" in indicator_results(path)["1.1.2"]["Kontroll"]
    # one problem, at the first row's cell, naming both rows (not a second one whose place is a sentence)
    duplicates = [p for p in table_rows(path, "tblIndataproblem") if "flera rader" in p["Problem"]]
    assert [(p["Plats"], p["Problem"]) for p in duplicates] == [
        ("Verifikationer!A6", "Indikator 1.1.2 har flera rader i Verifikationer: Verifikationer!A6, "
                              "Verifikationer!A12")]


def test_formulas_are_read_by_their_cached_value_or_reported(tmp_path):
    path = write_workbook(tmp_path / "a.xlsx")
    book = openpyxl.load_workbook(path)
    book["Verifikationer"]["C5"] = "=200+47"  # openpyxl writes no cached value, as a file never opened in Excel
    book.save(path)
    ev = evaluate_file(path)
    assert any(str(i).startswith("Verifikationer!C5: Täljare: formeln ”=200+47” har inget beräknat värde")
               for i in ev.issues)
    assert openpyxl.load_workbook(path)["Verifikationer"]["C5"].value == "=200+47"  # the formula is kept


def test_formula_with_cached_value(tmp_path):
    """A file saved by Excel holds the formula and its value; patch the XML the way Excel writes it."""
    import re
    import zipfile

    path = write_workbook(tmp_path / "a.xlsx")
    book = openpyxl.load_workbook(path)
    book["Verifikationer"]["C5"] = "=200+47"
    book.save(path)
    patched = tmp_path / "b.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(patched, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if b"<f>200+47</f>" in data:
                data = re.sub(rb"<f>200\+47</f><v\s*/>|<f>200\+47</f><v></v>", b"<f>200+47</f><v>247</v>", data)
            dst.writestr(item, data)
    evaluate_file(patched)
    assert indicator_results(patched)["1.1.1"]["Utfall"] == "77 % (247 av 319)"


def test_delbokslut_per_unit_and_summed_forbund(tmp_path):
    verifications = [
        verification_row("1.1.1", "Ungdomstorget", Täljare=69, Nämnare=82),
        verification_row("1.1.1", "Vuxentorget", Täljare=94, Nämnare=127),
        verification_row("1.2.1", Värde=2),
        verification_row("2.2.1", "Ungdomstorget", Värde=10, Jämförelsevärde=20),
    ]
    path = write_workbook(tmp_path / "a.xlsx", verifications=verifications)
    ev = evaluate_file(path)
    assert ev.units == ("", "Ungdomstorget", "Vuxentorget")
    forbund = indicator_results(path)
    assert forbund["1.1.1"]["Utfall"] == "78 % (163 av 209)"  # summed from the units' counts
    assert "Summerat från enheterna Ungdomstorget, Vuxentorget" in forbund["1.1.1"]["Kontroll"]
    assert forbund["2.2.1"]["Status"] == "Mätning saknas"  # a decrease is not summed
    assert "egen rad" in forbund["2.2.1"]["Kontroll"]
    youth = indicator_results(path, "Ungdomstorget")
    assert youth["1.1.1"]["Utfall"] == "84 % (69 av 82)" and youth["1.1.1"]["Status"] == "Uppnått"
    assert sorted(youth) == ["1.1.1", "2.2.1"]  # a unit lists what concerns it, not 1.2.1 measured for the förbund
    total = area_results(path, "Ungdomstorget")["Totalt"]
    assert (total["Max impactvärde"], total["Mätt vikt (%)"], total["IMPACTindex"]) == (9, 45, None)  # under 50 %
    assert contract_problems(path, evaluated=True) == []


def test_settings_change_the_evaluation(tmp_path):
    settings = {"Organisation": "X", "Verksamhetsår": 2025, "Poäng för nära målet": 0.5,
                "IMPACTindex mål": 60, "Nära målet (procentenheter)": "3 %"}
    path = write_workbook(tmp_path / "a.xlsx", settings=settings)
    evaluate_file(path)
    assert indicator_results(path)["1.1.1"]["Poäng"] == 4  # half of 8 for "Nära målet"
    areas = area_results(path)
    assert areas["1"]["Uppnått impactvärde"] == 10
    assert areas["Totalt"]["IMPACTindex"] == 80 and areas["Totalt"]["Mot mål"] == 20  # 16 of 20 against 60


def test_bad_setting_falls_back_to_the_default_and_says_so(tmp_path):
    path = write_workbook(tmp_path / "a.xlsx", settings={"IMPACTindex mål": "sjuttio"})
    ev = evaluate_file(path)
    assert "Inställningar!B7: IMPACTindex mål: ”sjuttio” är inte ett tal; standardvärdet 70 används" in \
           [str(i) for i in ev.issues]


def test_weight_zero_and_an_area_without_points(tmp_path):
    budget = [dict(r) for r in BUDGET]
    for row in budget[3:]:
        row["Vikt"] = 0
    path = write_workbook(tmp_path / "a.xlsx", budget=budget)
    evaluate_file(path)
    areas = area_results(path)
    assert areas["2"]["IMPACTindex"] is None and "inget index" in areas["2"]["Viktkontroll"]
    assert areas["2"]["Antal indikatorer"] == 3 and areas["2"]["Andel uppnådda indikatorer (%)"] == 100
    assert areas["Totalt"]["Antal indikatorer"] == 6


def test_target_weights_must_add_up_to_100(tmp_path):
    path = write_workbook(tmp_path / "a.xlsx", areas=[area_row(1, "A", 60), area_row(2, "B", 35)])
    evaluate_file(path)
    assert area_results(path)["Totalt"]["Viktkontroll"] == "Målvikterna summerar till 95 %, inte 100 %"


def test_the_example_reproduces_the_published_2021_table(tmp_path):
    from xlbokslut.example import EXAMPLE_PATH

    path = tmp_path / "ex.xlsx"
    shutil.copy(EXAMPLE_PATH, path)
    ev = evaluate_file(path)
    rows = area_results(path)
    published = {  # Nr: (indicators, max, achieved, index, versus target, actual weight)
        "1": (12, 68, 38, 56, -14, 38), "2": (20, 44, 35, 80, 10, 25), "3": (13, 26, 22, 85, 15, 15),
        "4": (15, 18, 13, 72, 2, 10), "5": (9, 21, 16, 76, 6, 12), "Totalt": (69, 177, 124, 70, 0, 100),
    }
    for nr, expected in published.items():
        r = rows[nr]
        assert (r["Antal indikatorer"], r["Max impactvärde"], r["Uppnått impactvärde"], r["IMPACTindex"],
                r["Mot mål"], r["Faktisk vikt (%)"]) == expected, nr
        assert r["Viktkontroll"] == "OK"
    assert [rows[n]["Antal mål"] for n in "12345"] == [3, 5, 5, 5, 3]
    results = indicator_results(path)
    assert results["1.1.1"]["Utfall"] == "41 % (319 av 787)" and results["1.1.1"]["Status"] == "Uppnått"
    assert results["1.2.1"]["Status"] == "Nära målet" and results["1.2.2"]["Status"] == "Ej uppnått"
    assert results["2.2.1"]["Utfall"] == "Kvinnor 96 % (52 av 54), män 95 % (36 av 38): skillnad 1 procentenhet"
    assert [i for i in ev.issues if i.level == "Fel"] == []
    assert contract_problems(path, evaluated=True) == []
