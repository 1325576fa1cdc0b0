"""Survey answers in, n of N out: five real export shapes counted by unit and gender, imported into a workbook
without touching anything else, evaluated through the command line, with every mistake a user can make named."""
import shutil
import zipfile

import openpyxl
from fractions import Fraction
from math import floor
from pathlib import Path

import pytest
from hypothesis import given, settings as hypothesis_settings
from hypothesis import strategies as st

from helpers import (AREAS, SETTINGS, budget_row, cell_snapshot, indicator_results, question_row, table_rows,
                     verification_row)
from xlbokslut.cli import main
from xlbokslut.survey import Question, count, parse_positive, is_positive
from xlbokslut.workbook.files import evaluate_file
from xlbokslut.workbook.surveys import import_survey, read_export
from xlbokslut.workbook.template import build_workbook

FIXTURES = Path(__file__).parent / "fixtures"
SURVEYS = FIXTURES / "surveys"
STÖD = "Har du fått stöd på ett sätt som är till stor nytta för dig?"
NÖJD = "Hur nöjd är du med verksamheten?"
AKTIVITETER = "Vilka aktiviteter har du deltagit i?"
POSITIVE = "Till stor del; Till mycket stor del; Helt och hållet"
UNIT, GENDER = "Vilken verksamhet deltar du i?", "Kön"

# per export: the file, the headers of the grid rows and the checkbox option, the positive answers of STÖD, and
# what the checkbox question gives (SurveyMonkey has a column per option: only those who chose it answered it)
SHAPES = {
    "google_forms": ("google_forms.csv", f"{NÖJD} [Bemötandet]", f"{NÖJD} [Tillgängligheten]", AKTIVITETER,
                     POSITIVE, (4, 8)),
    "microsoft_forms": ("microsoft_forms.xlsx", f"{NÖJD}.Bemötandet", f"{NÖJD}.Tillgängligheten", AKTIVITETER,
                        POSITIVE, (4, 8)),
    "surveymonkey": ("surveymonkey.csv", f"{NÖJD} – Bemötandet", f"{NÖJD} – Tillgängligheten",
                     f"{AKTIVITETER} – Arbetsträning", POSITIVE, (4, 4)),
    "limesurvey": ("limesurvey.csv", None, None, None, "4-6", None),
    "excel_unicode": ("excel_unicode.txt", f"{NÖJD} [Bemötandet]", f"{NÖJD} [Tillgängligheten]", AKTIVITETER,
                      POSITIVE, (4, 8)),
}


def _question(text, positive=POSITIVE, selection="", unit="", gender="") -> Question:
    return Question("1.1.1", "Enkät", text, positive, selection, unit, gender, {})


def _sheet(shape):
    from xlbokslut.survey import answer_sheet

    return answer_sheet("Enkät", read_export(SURVEYS / SHAPES[shape][0]))


@pytest.mark.parametrize("shape", SHAPES)
def test_each_export_shape_gives_n_of_n_by_unit_and_gender(shape):
    file, bemotande, tillganglighet, aktiviteter, positive, checkbox = SHAPES[shape]
    sheet = _sheet(shape)
    assert len(sheet.rows) == 10
    counted = count(_question(STÖD, positive, unit=UNIT, gender=GENDER), sheet)
    assert {u: (t.positive, t.answered) for u, t in counted.tallies.items()} == \
        {"": (6, 9), "Ungdomstorget": (3, 4), "Vuxentorget": (3, 5)}
    assert counted.tallies[""].by_gender == {"Kvinnor": (3, 4), "Män": (3, 4)}
    assert counted.unknown_genders == (("-oth-",) if shape == "limesurvey" else ("Annat",))
    assert counted.doubtful == ()  # ”Delvis”, ”Inte alls”, ”Till liten del”: the spread, not mistakes
    selected = count(_question(STÖD, positive, selection="Roll = Deltagare"), sheet)
    assert (selected.tallies[""].positive, selected.tallies[""].answered) == (4, 7)
    if bemotande:
        for header, expected in ((bemotande, (8, 10)), (tillganglighet, (7, 9)), (aktiviteter, checkbox)):
            t = count(_question(header, "Mycket bra; Bra; Arbetsträning"), sheet).tallies[""]
            assert (t.positive, t.answered) == expected, header


def test_two_header_rows_are_joined_and_a_single_column_question_needs_no_suffix():
    sheet = _sheet("surveymonkey")
    assert sheet.headers[11] == f"{STÖD} – Response"
    assert sheet.headers[12:14] == (f"{NÖJD} – Bemötandet", f"{NÖJD} – Tillgängligheten")
    assert count(_question(STÖD), sheet).header == f"{STÖD} – Response"
    ambiguous = count(_question(NÖJD), sheet).message
    assert ambiguous.startswith(f"”{NÖJD}” finns i flera kolumner på bladet Enkät: M ”{NÖJD} – Bemötandet”")


@pytest.mark.parametrize("raw, positive", [(5, True), (5.0, True), ("5", True), ("5.0", True), ("5,0", True),
                                           ("3", False), ("Till stor del", True), ("  till STOR  del. ", True),
                                           ("Gruppträffar;Arbetsträning;", True), ("Gruppträffar, Studiebesök", False),
                                           ("", False), (None, False)])
def test_answers_match_as_labels_codes_or_checkboxes(raw, positive):
    p = parse_positive("4-6; Till stor del; Arbetsträning")
    assert is_positive(raw, p) is positive


def test_a_question_that_is_not_there_names_the_closest_headers():
    problem = count(_question("Har du fått stöd på ett sätt som är till nytta?"), _sheet("google_forms")).message
    assert problem == ("frågan ”Har du fått stöd på ett sätt som är till nytta?” finns inte på bladet Enkät; "
                       f"närmast: ”{STÖD}”")


# --- through a workbook and the command line ---------------------------------------------------------------
BUDGET = [
    budget_row(1, "1.1", "Stöd", "1.1.1", "80 % ska svara till stor del …", "Andel minst", 80, None, 2,
               Källa="Deltagare"),
    budget_row(None, None, None, "1.1.2", "Samma fråga, bara deltagarna", "Andel minst", 80, None, 1),
    budget_row(None, None, None, "1.1.3", "Skillnaden mellan kvinnor och män högst 20", "Könsskillnad högst", 20,
               None, 1),
    budget_row(None, "1.2", "Bemötande", "1.2.1", "70 % nöjda med bemötandet", "Andel minst", 70, None, 1),
    budget_row(None, None, None, "1.2.2", "Högst 10 % svarar Inte alls", "Andel högst", 10, None, 1),
    budget_row(2, "2.1", "Ekonomi", "2.1.1", "Kostnaden har minskat", "Minskning minst", 10, None, 1),
]
QUESTIONS = [
    question_row("1.1.1", "Enkät", STÖD, POSITIVE, unit_column=UNIT),
    question_row("1.1.2", "Enkät", STÖD, POSITIVE, selection="Roll = Deltagare"),
    question_row("1.1.3", "Enkät", STÖD, POSITIVE, gender_column=GENDER),
    question_row("1.2.1", "Enkät", f"{NÖJD} [Bemötandet]", "Mycket bra; Bra"),
    question_row("1.2.2", "Enkät", STÖD, "Inte alls"),
]
VERIFICATIONS = [verification_row("1.1.1", None, "Deltagarenkät 2025"),
                 verification_row("2.1.1", None, "Ekonomi", Värde=90, Jämförelsevärde=100)]


def _workbook(path: Path, questions=QUESTIONS, verifications=VERIFICATIONS) -> Path:
    build_workbook(SETTINGS, AREAS, BUDGET, verifications, questions=questions).save(path)
    return path


def test_the_command_line_imports_counts_and_writes(tmp_path, capsys):
    path = _workbook(tmp_path / "bokslut.xlsx")
    assert main(["enkat", "importera", str(SURVEYS / "google_forms.csv"), "--arbetsbok", str(path), "--blad",
                 "Enkät"]) == 0
    out = capsys.readouterr().out
    assert f"    3    C  {STÖD}" in out and "(10 svarande)" in out  # Timestamp (A) is left out
    assert "Lämnade utanför 1 kolumn som inte behövs för att räkna och kan vara personuppgifter (namn, " \
        "kontaktuppgifter, tider, id): A ”Timestamp”. Med --behall-alla-kolumner kommer de med." in out
    assert main(["utvardera", str(path)]) == 0
    rows = indicator_results(path)
    assert [rows[n]["Utfall"] for n in ("1.1.1", "1.1.2", "1.2.1", "1.2.2")] == \
        ["67 % (6 av 9)", "57 % (4 av 7)", "80 % (8 av 10)", "11 % (1 av 9)"]
    assert rows["1.1.3"]["Utfall"] == "Kvinnor 75 % (3 av 4), män 75 % (3 av 4): skillnad 0 procentenheter"
    assert rows["1.1.1"]["Kontroll"] == f"Hämtat från Enkät, kolumn C ”{STÖD}”"
    units = {r["Enhet"]: r["Utfall"] for r in table_rows(path, "tblResultatIndikatorer") if r["Indikator-nr"] == "1.1.1"}
    assert units == {None: "67 % (6 av 9)", "Ungdomstorget": "75 % (3 av 4)", "Vuxentorget": "60 % (3 av 5)"}
    verification = next(r for r in table_rows(path, "tblVerifikationer") if r["Indikator-nr"] == "1.1.1")
    assert (verification["Utfall"], verification["Status"], verification["Täljare"]) == ("67 % (6 av 9)",
                                                                                         "Ej uppnått", None)
    notices = [r["Problem"] for r in table_rows(path, "tblIndataproblem") if r["Nivå"] == "Notis"]
    assert not any("Delvis" in n for n in notices)  # the spread of answers is the export's, not a problem
    assert f"Enkät, kolumn C ”{STÖD}”: okänt kön ”Annat” räknas i totalen men inte per kön" in notices


def test_a_typed_outcome_beside_a_survey_count_is_an_input_error(tmp_path):
    typed = [verification_row("1.1.2", Täljare=5, Nämnare=7)] + VERIFICATIONS
    path = _workbook(tmp_path / "b.xlsx", verifications=typed)
    import_survey(path, SURVEYS / "google_forms.csv", "Enkät")
    evaluate_file(path)
    row = indicator_results(path)["1.1.2"]
    assert row["Status"] == "Fel i indata"
    assert row["Kontroll"] == ("Verifikationer!A5: Indikator 1.1.2 har både ett ifyllt utfall (Verifikationer!A5) och "
                               "en enkätfråga (Enkätfrågor!A6): töm utfallet eller ta bort raden i Enkätfrågor")


@pytest.mark.parametrize("question, place, message", [
    (question_row("1.1.1", "Enkäten", STÖD, POSITIVE), "Enkätfrågor!B5",
     "bladet ”Enkäten” finns inte; menar du ”Enkät”?"),
    (question_row("1.1.1", "Enkät", "Har du fått stöd?", POSITIVE), "Enkätfrågor!C5",
     "frågan ”Har du fått stöd?” finns inte på bladet Enkät"),
    (question_row("1.1.1", "Enkät", STÖD, POSITIVE, selection="Roll: Personal"), "Enkätfrågor!E5",
     "Urval ”Roll: Personal” ska skrivas Kolumn = värde, t.ex. Roll = Personal"),
    (question_row("1.1.1", "Enkät", STÖD, POSITIVE, unit_column="Plattform"), "Enkätfrågor!F5",
     "Enhetskolumn: frågan ”Plattform” finns inte på bladet Enkät"),
    (question_row("2.1.1", "Enkät", STÖD, POSITIVE), "Enkätfrågor!A5",
     "typen Minskning minst kan inte räknas från en enkät"),
])
def test_every_mistake_in_enkatfragor_is_named_at_its_cell(tmp_path, question, place, message):
    path = _workbook(tmp_path / "c.xlsx", questions=[question], verifications=[])
    import_survey(path, SURVEYS / "google_forms.csv", "Enkät")
    evaluate_file(path)
    problems = [(r["Plats"], r["Problem"]) for r in table_rows(path, "tblIndataproblem") if r["Nivå"] == "Fel"]
    assert any(p == place and m.startswith(message) for p, m in problems), problems
    assert indicator_results(path)[question["Indikator-nr"]]["Status"] == "Fel i indata"


def test_importing_changes_nothing_else_in_the_workbook(tmp_path):
    """A workbook with Excel-only features and LibreOffice's formulas: every other part is byte for byte the same."""
    for source in (FIXTURES / "excel_features.xlsx", FIXTURES / "libreoffice_saved.xlsx"):
        path = tmp_path / source.name
        shutil.copy(source, path)
        before = cell_snapshot(path)
        with zipfile.ZipFile(path) as z:
            parts = {n: z.read(n) for n in z.namelist()}
        import_survey(path, SURVEYS / "surveymonkey.csv", "Enkät", keep_all=True)
        with zipfile.ZipFile(path) as z:
            after = {n: z.read(n) for n in z.namelist()}
        changed = {n for n in parts if parts[n] != after.get(n)}
        assert changed <= {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml",
                           "xl/styles.xml", "docProps/app.xml"}, changed
        assert {k: v for k, v in cell_snapshot(path).items() if k[0] != "Enkät"} == before
        answers = {k: v for k, v in cell_snapshot(path).items() if k[0] == "Enkät"}
        assert answers[("Enkät", "A3")] == "11400000000"  # every value kept as text


def test_an_existing_sheet_is_never_overwritten(tmp_path, capsys):
    path = _workbook(tmp_path / "d.xlsx")
    before = path.read_bytes()
    assert main(["enkat", "importera", str(SURVEYS / "google_forms.csv"), "--arbetsbok", str(path), "--blad",
                 "Budget"]) == 2
    assert "Bladet ”Budget” finns redan i d.xlsx och skrivs inte över. Välj ett annat namn med --blad." in \
        capsys.readouterr().err
    assert path.read_bytes() == before


def test_the_default_sheet_name_and_listing_the_questions_again(tmp_path, capsys):
    path = _workbook(tmp_path / "e.xlsx")
    assert main(["enkat", "importera", str(SURVEYS / "limesurvey.csv"), "--arbetsbok", str(path)]) == 0
    assert "på bladet ”Enkät limesurvey”" in capsys.readouterr().out
    assert main(["enkat", "fragor", str(path), "--blad", "enkät limesurvey"]) == 0
    out = capsys.readouterr().out
    assert f"    3    C  {STÖD}" in out
    assert main(["enkat", "fragor", str(path), "--blad", "Nope"]) == 2


@pytest.mark.parametrize("content, expected", [
    ("a;b\n1;2\n".encode("utf-8"), [["a", "b"], ["1", "2"]]),
    ("a\tb\n1\t2\n".encode("utf-16"), [["a", "b"], ["1", "2"]]),
    ("fråga,\"svar, med komma\"\nja,nej\n".encode("cp1252"), [["fråga", "svar, med komma"], ["ja", "nej"]]),
    ("\ufefffråga;svar\r\nJa;Nej\r\n".encode("utf-8"), [["fråga", "svar"], ["Ja", "Nej"]]),
])
def test_csv_encodings_and_separators(tmp_path, content, expected):
    path = tmp_path / "export.csv"
    path.write_bytes(content)
    assert read_export(path) == expected


def test_the_2021_example_counts_its_participant_survey_from_the_answers(tmp_path):
    """The published counts, now from 93 rows of answers: per question, and per gender for the gender gaps."""
    from xlbokslut.example import EXAMPLE_PATH

    path = tmp_path / "umearegionen_2021.xlsx"
    shutil.copy(EXAMPLE_PATH, path)
    ev = evaluate_file(path)
    assert len(ev.surveys) == 22
    rows = indicator_results(path)
    published = {"2.5.1": "94 % (87 av 93)", "2.5.2": "87 % (81 av 93)", "3.1.1": "87 % (81 av 93)",
                 "3.1.2": "2 % (2 av 93)", "3.2.1": "69 % (64 av 93)", "3.2.3": "91 % (85 av 93)",
                 "3.4.2": "2 % (2 av 93)", "3.5.1": "88 % (37 av 42)", "3.5.2": "10 % (4 av 42)",
                 "2.4.3": "Kvinnor 92 % (24 av 26), män 81 % (13 av 16): skillnad 11 procentenheter"}
    assert {nr: rows[nr]["Utfall"] for nr in published} == published
    assert rows["3.1.1"]["Kontroll"] == ("Hämtat från Enkät Deltagarenkät 2021, kolumn C ”Har personalen lyssnat "
                                         "på dig och tagit tillvara dina synpunkter?”")
    assert rows["3.1.1"]["Underlag"] == "81 av 93; 95 % säkert mellan 79 och 92 %"  # a sample keeps its interval
    evidence = next(r for r in table_rows(path, "tblVerifikationer") if r["Indikator-nr"] == "3.1.1")
    assert (evidence["Täljare"], evidence["Utfall"]) == (None, "87 % (81 av 93)")
    assert [i for i in ev.issues if i.level != "Notis"] == []
    # the spread of 22 questions' answers (”Till viss del” 25 …) is no problem in the input
    assert [i.message for i in ev.issues if "svar" in i.message and "kön" not in i.message] == []


def _answers(tmp_path: Path, answers: list[str], positive: str, kind: str = "Andel minst") -> Path:
    """Indicator 1.1.1 counted from the answers to NÖJD on sheet Enkät (rows 2 …; the import leaves out the time, so in column A)."""
    budget = [budget_row(1, "1.1", "Nöjda", "1.1.1", "Andel nöjda", kind, 50, None, 1)]
    path = tmp_path / "svar.xlsx"
    build_workbook(SETTINGS, AREAS[:1], budget, [], questions=[question_row("1.1.1", "Enkät", NÖJD, positive)]
                   ).save(path)
    export = tmp_path / "svar.csv"
    export.write_text(f"Tidstämpel,{NÖJD}\n" + "".join(f"2025-03-01,{a}\n" for a in answers), encoding="utf-8")
    import_survey(path, export, "Enkät")
    return path


def _notices(path: Path) -> list[tuple[str, str]]:
    evaluate_file(path)
    return [(r["Plats"], r["Problem"]) for r in table_rows(path, "tblIndataproblem") if r["Nivå"] == "Notis"]


def test_a_misspelt_counted_answer_is_a_notice_at_its_cell_and_the_spread_is_not(tmp_path):
    answers = ["Mycket bra"] * 6 + ["Ganska bra"] * 5 + ["Dålig"] * 3 + ["Mycket bar"] * 2
    path = _answers(tmp_path, answers, "Mycket bra; Ganska bra")
    assert _notices(path) == [("Enkät!A16", f"Enkät, kolumn A ”{NÖJD}”: svaret ”Mycket bar” (2 svar) liknar "
                               "”Mycket bra” i Positiva svar men räknas inte som det. Är det felstavat, rätta det "
                               "eller lägg till det i Positiva svar.")]
    assert indicator_results(path)["1.1.1"]["Utfall"] == "69 % (11 av 16)"


def test_for_andel_hogst_the_counted_answers_are_not_called_positive(tmp_path):
    answers = ["Aldrig"] * 10 + ["Ofta utsatt"] * 3 + ["Ofta utsat"]
    path = _answers(tmp_path, answers, "Ofta utsatt", kind="Andel högst")
    [(place, message)] = _notices(path)
    assert place == "Enkät!A15" and "”Ofta utsat” liknar ”Ofta utsatt” i Positiva svar" in message
    assert "positiv" not in message.replace("Positiva svar", "")


def test_an_answer_given_once_and_unlike_all_others_is_a_notice_but_a_rare_step_of_the_scale_is_not(tmp_path):
    answers = ["Mycket viktig"] * 12 + ["Viktig"] * 8 + ["Ganska viktig", "Inte alls viktig", "Vet ej"]
    path = _answers(tmp_path, answers, "Mycket viktig; Viktig")
    assert [place for place, _ in _notices(path)] == ["Enkät!A24"]
    codes = _answers(tmp_path, ["4", "5", "3", "2"] * 5 + ["1", "55"], "4-5")
    assert [(p, m.split(": ", 1)[1]) for p, m in _notices(codes)] == \
        [("Enkät!A23", "svaret ”55” gavs bara en gång och liknar inget annat svar på frågan. Kontrollera att det är "
          "rätt.")]


def test_a_survey_sheet_saved_by_libreoffice_counts_the_same(tmp_path):
    """The workbook above after LibreOffice opened and saved it: shared strings, its own attribute order."""
    path = tmp_path / "lo.xlsx"
    shutil.copy(FIXTURES / "survey_libreoffice.xlsx", path)
    evaluate_file(path)
    rows = indicator_results(path)
    assert [rows[n]["Utfall"] for n in ("1.1.1", "1.1.2", "1.2.1", "1.2.2")] == \
        ["67 % (6 av 9)", "57 % (4 av 7)", "80 % (8 av 10)", "11 % (1 av 9)"]


@pytest.mark.parametrize("workbook", ["survey_libreoffice.xlsx", "libreoffice_saved.xlsx", "excel_features.xlsx"])
def test_answer_sheets_read_by_pattern_read_what_xml_reads(workbook, tmp_path):
    """The quick reading of answer sheets gives every sheet's values exactly as the XML parser does, and is
    taken for the sheets Excel, LibreOffice and xlbokslut write (not silently always the slow way)."""
    from xlbokslut.workbook.files import WorkbookFile
    from xlbokslut.workbook.xlsx import _plain_values

    book = WorkbookFile(FIXTURES / workbook, for_writing=False).book
    quick = 0
    for sheet in book.sheets:
        slow = WorkbookFile(FIXTURES / workbook, for_writing=False).book.values(sheet.name)
        assert book.answer_values(sheet.name) == slow, sheet.name
        quick += _plain_values(book.package.read(sheet.part), book._shared_strings(), book.styles.date_xfs,
                               book.epoch, workbook, sheet.name) is not None
    assert quick >= len(book.sheets) // 2


# --- means, and kinds the survey counting does not name ----------------------------------------------------
MEAN_QUESTION = "Hur nöjd är du på en skala från 1 till 5?"


def _mean_workbook(tmp_path: Path, kind: str, target, typed=None) -> Path:
    """Indicator 1.1.1 counted from four answers 1, 2, 3, 3 (mean 2,25 exactly); 1.1.2 the same mean typed."""
    budget = [budget_row(1, "1.1", "Nöjda", "1.1.1", "Snittet från enkäten", kind, target, None, 1),
              budget_row(None, None, None, "1.1.2", "Samma snitt, ifyllt", kind, target, None, 1)]
    verifications = [verification_row("1.1.2", None, "Enkät", Värde=typed)]
    path = tmp_path / "snitt.xlsx"
    build_workbook(SETTINGS, AREAS[:1], budget, verifications if typed else [],
                   questions=[question_row("1.1.1", "Enkät", MEAN_QUESTION, None)]).save(path)
    answers = tmp_path / "svar.csv"
    answers.write_text(f"Tidstämpel,{MEAN_QUESTION}\n" + "".join(f"2025-03-0{i},{a}\n" for i, a in
                                                                  enumerate((1, 2, 3, 3), 1)), encoding="utf-8")
    import_survey(path, answers, "Enkät")
    evaluate_file(path)
    return path


def test_a_mean_is_compared_unrounded_whether_counted_from_a_survey_or_typed(tmp_path):
    """1, 2, 3, 3 is 2,25 exactly: on a target of 2,25 it is reached, counted or typed (it was once rounded to
    the text 2,2 on the way and missed the target)."""
    rows = indicator_results(_mean_workbook(tmp_path, "Medelvärde minst", "2,25", typed="2,25"))
    assert [(rows[n]["Status"], rows[n]["Utfall"]) for n in ("1.1.1", "1.1.2")] == \
        [("Uppnått", "2,3 (n = 4)"), ("Uppnått", "2,25")]
    assert rows["1.1.1"]["Kontroll"] == f"Hämtat från Enkät, kolumn A ”{MEAN_QUESTION}”"


def test_a_new_kind_in_an_existing_family_is_counted_from_a_survey(tmp_path, monkeypatch):
    """Medelvärde högst, one line in a registry (here the test's own), is counted from answers with no word
    about it in the survey counting."""
    from xlbokslut import schema
    from xlbokslut.kinds import AT_MOST, Mean

    mean_at_most = Mean("Medelvärde högst", "Ett medelvärde (Värde) får vara högst Målvärde.", AT_MOST)
    monkeypatch.setitem(schema.KINDS_BY_NAME, mean_at_most.name.casefold(), mean_at_most)
    rows = indicator_results(_mean_workbook(tmp_path, "Medelvärde högst", 2))
    assert (rows["1.1.1"]["Status"], rows["1.1.1"]["Utfall"], rows["1.1.1"]["Mål"]) == \
        ("Ej uppnått", "2,3 (n = 4)", "högst 2")
    assert rows["1.1.1"]["Till målet"] == "−0,3 i snitt"


@given(answers=st.lists(st.integers(1, 5), min_size=1, max_size=40), step=st.integers(-10, 10),
       rounded=st.booleans())
@hypothesis_settings(max_examples=300, deadline=None)
def test_every_kind_counted_from_answers_decides_as_the_same_numbers_typed(answers, step, rounded):
    """The class of the 2,25 defect: for any answers, each kind that can be counted from a survey decides on the
    exact numbers — the mean against a target in hundredths close to it unrounded, the counts exactly as if typed
    on the row."""
    target = Fraction(floor(Fraction(sum(answers) * 100, len(answers))) + step, 100)
    from xlbokslut.evaluate import single
    from xlbokslut.schema import KINDS, OUTCOME_COLUMNS
    from xlbokslut.settings import Settings
    from xlbokslut.survey import answer_sheet
    from xlbokslut.values import Cell

    rows = [["Poäng", "Kön"]] + [[a, "Kvinna" if i % 3 else "Man"] for i, a in enumerate(answers)]
    tally = count(Question("1.1.1", "Enkät", "Poäng", "4-5", "", "", "Kön", {}),
                  answer_sheet("Enkät", rows)).tallies[""]
    settings = Settings(use_near=False, round_shares=rounded)
    counted = 0
    for kind in KINDS:
        inputs = kind.survey_inputs(tally)
        if isinstance(inputs, str):
            continue
        counted += 1
        values = kind.read_inputs({c: Cell(inputs.get(c), "Enkät!A2") for c in OUTCOME_COLUMNS}, "Enkät!A2")
        upper = 100 - float(target) if kind.name == "Könsfördelning" else None
        got = kind.outcome(float(target), upper, values, settings) if isinstance(values, dict) else values
        if kind.name.startswith("Medelvärde"):
            mean = Fraction(sum(answers), len(answers))
            assert got.status == ("Uppnått" if mean >= target else "Ej uppnått"), (kind, mean, target)
        else:  # every input is a count: typed as the numbers it is, the outcome is the same
            typed = single(kind.name, float(target), {c: v for c, v in inputs.items()}, upper, settings)
            assert (got.status, got.text) == (typed.status, typed.text), kind
    assert counted == 7  # Andel minst/högst, Antal minst/högst, Medelvärde minst, Könsfördelning, Könsskillnad högst


def test_an_import_leaves_personal_data_in_the_survey_tool(tmp_path, capsys):
    """Names, e-mail and IP addresses, phone numbers and the tool's ids and times are left out (said so); the
    questions, the unit and the gender are imported; --behall-alla-kolumner keeps everything."""
    path = _workbook(tmp_path / "d.xlsx")
    assert main(["enkat", "importera", str(SURVEYS / "surveymonkey.csv"), "--arbetsbok", str(path), "--blad",
                 "Enkät"]) == 0
    out = capsys.readouterr().out
    assert "Lämnade utanför 9 kolumner som inte behövs för att räkna och kan vara personuppgifter (namn, " \
        "kontaktuppgifter, tider, id): A ”Respondent ID”, B ”Collector ID”, C ”Start Date”, D ”End Date”, " \
        "E ”IP Address”, F ”Email Address”, G ”First Name”, H ”Last Name”, I ”Custom Data 1”." in out
    kept = openpyxl.load_workbook(path)["Enkät"]
    assert [c.value for c in kept[1]][:3] == ["Vilken verksamhet deltar du i?", "Kön", STÖD]
    texts = {str(c.value) for row in kept.iter_rows() for c in row if c.value is not None}
    assert not any("@" in t for t in texts)

    export = tmp_path / "svar.csv"
    export.write_text("Vilken plattform?;Kön;Kontakt om du vill bli uppringd;Nöjd?\n"
                      "Ungdomstorget;Kvinna;070-123 45 67;Ja\nUngdomstorget;Man;anna@example.se;Nej\n"
                      "Steget;Man;+46 70 765 43 21;Ja\n", encoding="utf-8")
    assert main(["enkat", "importera", str(export), "--arbetsbok", str(path), "--blad", "Svar"]) == 0
    assert "C ”Kontakt om du vill bli uppringd”" in capsys.readouterr().out  # by what it holds
    assert [c.value for c in openpyxl.load_workbook(path)["Svar"][1]] == ["Vilken plattform?", "Kön", "Nöjd?"]
    assert main(["enkat", "importera", str(export), "--arbetsbok", str(path), "--blad", "Allt",
                 "--behall-alla-kolumner"]) == 0
    assert "Lämnade utanför" not in capsys.readouterr().out
    assert openpyxl.load_workbook(path)["Allt"]["C3"].value == "anna@example.se"


def test_the_board_never_sees_free_text_answers():
    from xlbokslut.survey import answers_shown

    closed = (("Till stor del", 12), ("Delvis", 5), ("Inte alls", 1))
    assert answers_shown(closed, " · ") == "Till stor del: 12 · Delvis: 5 · Inte alls: 1"
    # A numeric scale: the step, a colon, then how many (before: "3 10 · 5 7 · 4 5"), the highest step first.
    assert answers_shown((("3", 10), ("5", 7), ("4", 5)), " · ") == "5: 7 · 4: 5 · 3: 10"
    emails = tuple((f"person{i}@example.se", 1) for i in range(12))
    for free in (emails, emails[:2], tuple((f"Svar {i}", 1) for i in range(40)), (("Ja", 3), ("x" * 61, 1))):
        assert answers_shown(free, " · ").endswith("olika svar, som inte skrivs ut (fritext eller fler än 12 "
                                                   "svarsalternativ)")
        assert "@" not in answers_shown(free, " · ")


def test_a_unit_with_fewer_answers_than_the_smallest_group_shows_no_figures(tmp_path, capsys):
    """Minsta grupp som redovisas (default 5): a platform of three respondents is "färre än 5 svar" in its
    delbokslut, with no answer counts; a platform of six shows its figures."""
    budget = [budget_row(1, "1.1", "Nöjda", "1.1.1", "80 % nöjda", "Andel minst", 80, None, 1)]
    rows = [["Plattform", "Nöjd?"]] + [["Stora", "Ja" if i % 3 else "Nej"] for i in range(6)] + \
        [["Lilla", "Ja"], ["Lilla", "Ja"], ["Lilla", "Nej"]]
    path = tmp_path / "b.xlsx"
    build_workbook(SETTINGS, AREAS[:1], budget, [], questions=[question_row("1.1.1", "Svar", "Nöjd?", "Ja", None,
                                                                            "Plattform")],
                   answers=[("Svar", rows)]).save(path)
    assert main(["exportera", str(path), "--per-enhet", "--utdata", str(tmp_path / "ut")]) == 0, \
        capsys.readouterr().err

    def texts(unit):
        book = openpyxl.load_workbook(next((tmp_path / "ut").glob(f"*_{unit}_resultat_*.xlsx")))
        return [str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value]

    small, large = texts("lilla"), texts("stora")
    assert "färre än 5 svar" in small and not any("av 3" in t or t.startswith("Svaren:") for t in small)
    assert "67 % (4 av 6)" in large and "Svaren: Ja: 6 · Nej: 3" in large  # answers of all respondents
