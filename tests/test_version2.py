"""Version 2 of the workbook contract, at its edges: shares given as percentages, two colours, rows typed below
tables, notices for columns a kind does not read, own participant categories, case examples — and a version-1
workbook that evaluates exactly as before."""
import shutil

import openpyxl
import pytest

from helpers import (AREAS, BUDGET, SETTINGS, VERIFICATIONS, area_row, budget_row, indicator_results, outcome,
                     participant_row, table_rows, verification_row, write_workbook)
from remote import apply_actions, remote_book
from xlbokslut.jobs import export_file
from xlbokslut.schema import KINDS, OUTCOME_COLUMNS, VERIFICATIONS_TABLE
from xlbokslut.settings import Settings
from xlbokslut.workbook import excel
from xlbokslut.workbook.files import evaluate_file

REACHED, NEAR, NOT, ERROR = "Uppnått", "Nära målet", "Ej uppnått", "Fel i indata"
TWO_COLOURS = Settings(use_near=False)


@pytest.mark.parametrize("given, status, text", [
    ("80 %", REACHED, "80 %"),            # exactly at the target
    ("79,6 %", REACHED, "79,6 %"),        # rounds to 80: the board reads whole percent
    ("79,4 %", NEAR, "79,4 %"),           # 79: just under, inside the margin
    ("77 %", NEAR, "77 %"),               # the edge of the 3-point margin counts as near
    ("76,9 %", NEAR, "76,9 %"),           # rounds to 77: on the margin's edge
    ("76,4 %", NOT, "76,4 %"),            # rounds to 76: outside the margin
    (0.263, NOT, "26,3 %"),               # a fraction, as Excel stores 26,3 %
    ("26,3", NOT, "26,3 %"),
])
def test_a_share_given_as_a_percentage(given, status, text):
    o = outcome("Andel minst", 80, Värde=given)
    assert (o.status, o.text, o.percent) == (status, text, round(float(str(given).strip(" %").replace(",", "."))
                                                                  * (100 if given == 0.263 else 1) + 1e-9))


def test_a_share_as_a_percentage_compared_unrounded_when_the_setting_says_no():
    assert outcome("Andel minst", 80, Värde="79,6 %").status == REACHED
    assert outcome("Andel minst", 80, settings=Settings(round_shares=False), Värde="79,6 %").status == NEAR
    assert outcome("Andel högst", 10, Värde="10,4 %").status == REACHED  # read as the board reads it: 10 %
    assert outcome("Andel högst", 10, settings=Settings(round_shares=False), Värde="10,4 %").status == NEAR


def test_a_percentage_that_agrees_or_disagrees_with_its_counts():
    agrees = outcome("Andel minst", 80, Täljare=81, Nämnare=93, Värde="87 %")
    assert (agrees.status, agrees.text, agrees.issues) == (REACHED, "87 % (81 av 93)", ())
    slip = outcome("Andel minst", 80, Täljare=72, Nämnare=94, Värde="76 %")  # 2017: 72/94 printed 76 %
    assert slip.status == NEAR and slip.text == "77 % (72 av 94)"  # the counts decide …
    assert [str(i) for i in slip.issues] == ["Värde: angiven andel 76 % stämmer inte med 72 av 94 = 77 %"]
    assert slip.issues[0].level == "Varning"  # … and the percentage is flagged, not hidden
    decimals = outcome("Andel minst", 20, Täljare=5, Nämnare=19, Värde="26,3 %")  # 26,315… to one decimal
    assert decimals.issues == ()


def test_the_slip_names_its_cell_in_the_workbook(tmp_path):
    verifications = [dict(r) for r in VERIFICATIONS]
    verifications[0] |= {"Täljare": 72, "Nämnare": 94, "Värde": "76 %"}
    path = write_workbook(tmp_path / "a.xlsx", verifications=verifications)
    evaluate_file(path)
    assert indicator_results(path)["1.1.1"]["Kontroll"] == \
        "Verifikationer!E5: angiven andel 76 % stämmer inte med 72 av 94 = 77 %"
    problems = [(p["Nivå"], p["Plats"]) for p in table_rows(path, "tblIndataproblem")]
    assert ("Varning", "Verifikationer!E5") in problems


@pytest.mark.parametrize("kind, target, upper, inputs", [
    ("Andel minst", 80, None, {"Täljare": 79, "Nämnare": 100}),
    ("Andel högst", 10, None, {"Täljare": 11, "Nämnare": 100}),
    ("Antal minst", 30, None, {"Värde": 29}),
    ("Antal högst", 30, None, {"Värde": 31}),
    ("Medelvärde minst", 3.5, None, {"Värde": 3.4}),
    ("Värde minst", 30, None, {"Värde": 29}),
    ("Värde högst", 9, None, {"Värde": 9.2}),
    ("Könsfördelning", 40, 60, {"Kvinnor": 38, "Män": 62}),
    ("Könsskillnad högst", 20, None, {"Kvinnor": 82, "Kvinnor_av": 100, "Män": 60, "Män_av": 100}),
    ("Minskning minst", 20, None, {"Värde": 465865, "Jämförelsevärde": 576947}),  # 2015: 19,25 % against 20 %
    ("Minskning minst procentenheter", 1, None, {"Värde": 10, "Jämförelsevärde": 10.95}),
])
def test_two_colours_for_every_kind(kind, target, upper, inputs):
    """A result inside the margin is near with three colours and not reached with two."""
    assert outcome(kind, target, upper, **inputs).status == NEAR
    assert outcome(kind, target, upper, TWO_COLOURS, **inputs).status == NOT


def test_a_percentage_point_target_is_read_as_typed():
    """Minskning minst procentenheter, Målvärde 1: one percentage point, not 100 %."""
    assert outcome("Minskning minst procentenheter", 1, Värde="14,8 %", Jämförelsevärde="15,9 %").status == REACHED
    assert outcome("Minskning minst procentenheter", 0.3, Värde=10.41, Jämförelsevärde=10.7).status == NEAR


def test_a_mean_keeps_its_decimals():
    assert outcome("Medelvärde minst", 3.5, Värde="4,0").text == "4,0"
    assert outcome("Medelvärde minst", 3.5, Värde=4.0).text == "4,0"
    assert outcome("Medelvärde minst", 3.5, Värde="3,25").text == "3,25"
    assert outcome("Medelvärde minst", 3, Värde=4).text == "4"


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_a_value_in_a_column_the_kind_does_not_read_is_a_notice(tmp_path, kind):
    unread = next(c for c in OUTCOME_COLUMNS if c not in kind.reads + kind.optional + kind.also_reads)
    column = VERIFICATIONS_TABLE.headers.index(unread) + 1
    budget = [budget_row(1, "1.1", "Mål", "1.1.1", "Indikator", kind.name, 1 if kind.needs_target else None, None, 1)]
    row = {"Indikator-nr": "1.1.1", unread: 7}
    path = write_workbook(tmp_path / "a.xlsx", budget=budget, verifications=[row], areas=[area_row(1, "A", 100)])
    ev = evaluate_file(path)
    letter = openpyxl.utils.get_column_letter(column)
    notices = [i for i in ev.issues if i.level == "Notis"]
    assert [(i.place, i.message.split(":")[0]) for i in notices] == \
        [(f"Verifikationer!{letter}5", f"{unread} läses inte för typen {kind.name}")]


def _typed_below(path, rows: dict[int, dict]):
    """Rows typed (by header) on the sheet Verifikationer at the given worksheet rows, outside the table."""
    book = openpyxl.load_workbook(path)
    ws = book["Verifikationer"]
    for r, values in rows.items():
        for c, v in enumerate(VERIFICATIONS_TABLE.row(values, typed=True), start=1):
            if v is not None:
                ws.cell(r, c, v)
    book.save(path)


def test_rows_typed_below_a_table_belong_to_it_and_the_table_grows(tmp_path):
    path = write_workbook(tmp_path / "a.xlsx", verifications=VERIFICATIONS[:5])
    end = int(openpyxl.load_workbook(path)["Verifikationer"].tables["tblVerifikationer"].ref.split(":")[1][1:])
    # directly below the table (as LibreOffice leaves it), then one more directly below that, then one after a gap
    _typed_below(path, {end + 1: VERIFICATIONS[5], end + 2: verification_row("1.2.1", "Plattform", Värde=2),
                        end + 4: verification_row("9.9.9", Täljare=1, Nämnare=2)})
    ev = evaluate_file(path)
    assert indicator_results(path)["2.2.1"]["Status"] == REACHED
    assert indicator_results(path, "Plattform")["1.2.1"]["Status"] == REACHED
    ws = openpyxl.load_workbook(path)["Verifikationer"]
    assert ws.tables["tblVerifikationer"].ref.endswith(str(end + 4))
    outcome_column = VERIFICATIONS_TABLE.headers.index("Utfall") + 1
    assert ws.cell(end + 1, outcome_column).value.startswith("−51 %")
    assert ws.cell(end + 4, outcome_column + 1).value == ERROR
    notices = [str(i) for i in ev.issues if "under tabellen" in i.message]
    assert notices == [f"Verifikationer!A{end + 1}: Raderna {end + 1}–{end + 4} står under tabellen på bladet "
                       "Verifikationer och räknas till den; tabellen utvidgas över dem"]
    assert f"Verifikationer!A{end + 4}: Indikator-nr 9.9.9 finns inte i Budget" in map(str, ev.issues)
    ev = evaluate_file(path)  # the second run: the table covers them, nothing to say
    assert not [i for i in ev.issues if "under tabellen" in i.message]


def test_the_table_grows_through_excel_too(tmp_path):
    path = write_workbook(tmp_path / "a.xlsx", verifications=VERIFICATIONS[:5])
    end = int(openpyxl.load_workbook(path)["Verifikationer"].tables["tblVerifikationer"].ref.split(":")[1][1:])
    _typed_below(path, {end + 1: VERIFICATIONS[5]})
    by_file = tmp_path / "file.xlsx"
    shutil.copy(path, by_file)
    evaluate_file(by_file)
    book = remote_book(path)
    excel.evaluate(book)
    apply_actions(path, book.json()["actions"])
    for p in (path, by_file):
        assert openpyxl.load_workbook(p)["Verifikationer"].tables["tblVerifikationer"].ref.endswith(str(end + 1))
    assert indicator_results(path)["2.2.1"] == indicator_results(by_file)["2.2.1"]


def test_varav_rows_as_a_share_of_all_who_ended_2017(tmp_path):
    """Umeåregionen 2017: no row 4; rows 5–9 and 'annan behovsanpassad lösning' of the 298 who ended."""
    rows = [participant_row("Förbundet", category, women, men) for category, women, men in (
        ("Antal deltagare hela året", 422, 468), ("varav nya för året", 221, 260),
        ("Totalt antal avslutade hela året", 139, 159), ("varav till arbete", 34, 58), ("varav till studier", 28, 29),
        ("varav annan behovsanpassad lösning", 45, 42), ("Övriga avbrott", 32, 30),
        ("Antal kvar i verksamheten", 283, 309))]
    path = write_workbook(tmp_path / "a.xlsx", participants=rows,
                          settings={**SETTINGS, "Varav-rader i procent av": "avslutade"})
    evaluate_file(path)
    shares = {r["Kategori"]: r["Andel (%)"] for r in table_rows(path, "tblDeltagare") if r["Enhet"] == "Förbundet"}
    assert (shares["varav till arbete"], shares["varav till studier"], shares["varav annan behovsanpassad lösning"],
            shares["Övriga avbrott"]) == (31, 19, 29, 21)
    assert all(r["Kontroll"] is None for r in table_rows(path, "tblDeltagare"))  # the own category: no identity


def test_an_own_category_on_the_total_only_is_taken_as_typed(tmp_path):
    """Steget vidare 2016: 'Ej i statistik (SUS)' on the total only."""
    rows = [participant_row("A", "Antal deltagare hela året", 3, 4),
            participant_row("Totalt", "Antal deltagare hela året", None, None),
            participant_row("Totalt", "Ej i statistik (SUS)", 2, 1)]
    path = write_workbook(tmp_path / "a.xlsx", participants=rows)
    evaluate_file(path)
    total = {r["Kategori"]: r for r in table_rows(path, "tblDeltagare") if r["Enhet"] == "Totalt"}
    assert (total["Ej i statistik (SUS)"]["Totalt"], total["Ej i statistik (SUS)"]["Kontroll"]) == (3, None)
    assert total["Antal deltagare hela året"]["Totalt"] == 7


def test_case_examples_are_counted_and_printed_under_their_indicator(tmp_path):
    from xlbokslut.workbook.template import build_workbook

    verifications = [dict(r) for r in VERIFICATIONS]
    verifications[2] |= {"Värde": None, "Hämta från": "Exempel"}  # 1.2.1: two success stories, counted
    verifications.append(verification_row("1.2.1", "Vuxentorget", Hamta_fran="Exempel"))
    examples = [{"Indikator-nr": "1.2.1", "Rubrik": "Från sysslolöshet till en meningsfull vardag",
                 "Beskrivning": "Hen kom som flykting …", "Verifikation": "Pärm 3"},
                {"Indikator-nr": "1.2.1", "Enhet": "Vuxentorget", "Rubrik": "Ett nytt jobb",
                 "Beskrivning": "Efter två år i arbetsträning …", "Verifikation": "Pärm 4"}]
    path = tmp_path / "a.xlsx"
    build_workbook(SETTINGS, AREAS, BUDGET, verifications, examples=examples).save(path)
    evaluate_file(path)
    assert indicator_results(path)["1.2.1"]["Utfall"] == "2" and indicator_results(path)["1.2.1"]["Status"] == REACHED
    assert indicator_results(path, "Vuxentorget")["1.2.1"]["Utfall"] == "1"
    _, paths = export_file(path)
    sheet = openpyxl.load_workbook(paths[0])["1 Samhälls- och medlemsnytta"]
    rows = [[c for c in r] for r in sheet.iter_rows(values_only=True)]
    at = next(i for i, r in enumerate(rows) if r[1] and r[1].startswith("1.2.1"))
    assert rows[at + 1][1:3] == ["Exempel: Från sysslolöshet till en meningsfull vardag", "Hen kom som flykting …"]
    assert rows[at + 2][1] == "Exempel: Ett nytt jobb"


@pytest.mark.parametrize("table_object", [True, False])
def test_a_case_example_table_that_cannot_be_read_is_named_not_ignored(tmp_path, table_object):
    """tblExempel with a misspelt header (its Excel table kept, or removed too): the table is named at the header
    cell in Indataproblem, and the indicator that counts its examples says why it has no outcome (it once fell
    silently from Uppnått to Ej uppnått with "Problem i indata: 0")."""
    from xlbokslut.workbook.template import build_workbook

    verifications = [dict(r) for r in VERIFICATIONS]
    verifications[2] |= {"Värde": None, "Hämta från": "Exempel"}  # 1.2.1 counts its two success stories
    examples = [{"Indikator-nr": "1.2.1", "Rubrik": "Ett nytt jobb", "Beskrivning": "Efter två år …",
                 "Verifikation": "Pärm 3"},
                {"Indikator-nr": "1.2.1", "Rubrik": "En egen lägenhet", "Beskrivning": "Med stöd från …",
                 "Verifikation": "Pärm 4"}]
    path = tmp_path / "a.xlsx"
    build_workbook(SETTINGS, AREAS, BUDGET, verifications, examples=examples).save(path)
    book = openpyxl.load_workbook(path)
    sheet = book["Exempel"]
    header = next(c for row in sheet.iter_rows(max_row=10) for c in row if c.value == "Indikator-nr")
    header.value = "Indikatornr"
    if not table_object:
        del sheet.tables["tblExempel"]
    book.save(path)
    evaluate_file(path)
    problems = [(r["Nivå"], r["Plats"], r["Problem"]) for r in table_rows(path, "tblIndataproblem")]
    assert problems[0][:2] == ("Fel", f"Exempel!{header.coordinate}")
    assert "Exempel: framgångsbeskrivningar" in problems[0][2] and "Indikator-nr" in problems[0][2]
    row = indicator_results(path)["1.2.1"]
    assert row["Status"] == ERROR
    assert row["Kontroll"] == ("Verifikationer!K7: tabellen ”Exempel: framgångsbeskrivningar och goda exempel” "
                               f"på bladet Exempel kan inte läsas (se Exempel!{header.coordinate} i Indataproblem), så inget hämtas därifrån")


def test_a_version_1_workbook_evaluates_as_before(tmp_path):
    """Without the version-2 settings rows and the Exempel sheet, the results and the problems are the same."""
    v2 = write_workbook(tmp_path / "v2.xlsx")
    v1 = write_workbook(tmp_path / "v1.xlsx")
    book = openpyxl.load_workbook(v1)
    del book["Exempel"]
    ws = book["Inställningar"]
    for row in range(ws.max_row, 4, -1):
        if ws.cell(row, 1).value in ("Använd Nära målet", "Varav-rader i procent av", "Litet underlag (svar)",
                                     "Fjolårets arbetsbok"):
            ws.delete_rows(row)
    book.save(v1)
    issues = [str(i) for i in evaluate_file(v1).issues]
    assert issues == [str(i) for i in evaluate_file(v2).issues] == []
    assert indicator_results(v1) == indicator_results(v2)


def test_an_indicator_without_a_target_is_unmeasured_until_an_outcome_is_typed(tmp_path):
    """Umeåregionen 2017 budgeted ”x %” and reported ”Utfall saknas”: the missing target is an input problem,
    but the status says what the board needs to know: nothing was measured."""
    budget = [row | {"Målvärde": None} if row["Indikator-nr"] == "1.1.2" else row for row in BUDGET]
    verifications = [row for row in VERIFICATIONS if row["Indikator-nr"] != "1.1.2"]
    path = write_workbook(tmp_path / "a.xlsx", budget, verifications)
    evaluate_file(path)
    assert indicator_results(path)["1.1.2"]["Status"] == "Mätning saknas"
    assert ("Fel", "Budget!G6", "Målvärde saknas") in [(r["Nivå"], r["Plats"], r["Problem"])
                                                       for r in table_rows(path, "tblIndataproblem")]
    path = write_workbook(tmp_path / "b.xlsx", budget, VERIFICATIONS)
    evaluate_file(path)
    assert indicator_results(path)["1.1.2"]["Status"] == ERROR


def test_participant_links_follow_the_varav_setting(tmp_path):
    """With ”Varav-rader i procent av = avslutade”, ”Deltagare: till arbete” is a share of all who ended."""
    rows = [participant_row("A", "Antal deltagare hela året", 50, 50),
            participant_row("A", "Totalt antal avslutade hela året", 20, 20),
            participant_row("A", "Avslutade till en för individen positiv lösning", 10, 10),
            participant_row("A", "varav till arbete", 5, 5), participant_row("A", "varav till studier", 5, 5)]
    budget = [budget_row(1, "1.1", "Arbete", "1.1.1", "30 % till arbete", "Andel minst", 30, None, 1)]
    verifications = [verification_row("1.1.1", Hamta_fran="Deltagare: till arbete")]
    for setting, text in (("positiv lösning", "50 % (10 av 20)"), ("avslutade", "25 % (10 av 40)")):
        path = write_workbook(tmp_path / f"{setting}.xlsx", budget, verifications,
                              settings={**SETTINGS, "Varav-rader i procent av": setting}, participants=rows)
        evaluate_file(path)
        assert indicator_results(path)["1.1.1"]["Utfall"] == text
