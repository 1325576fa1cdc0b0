"""Builders and readers shared by the tests: real workbooks written with openpyxl and read back."""
from __future__ import annotations

import hashlib
from pathlib import Path

import openpyxl
from openpyxl.utils.cell import range_boundaries

from xlbokslut.evaluate import single
from xlbokslut.issues import NOTICE
from xlbokslut.settings import Settings
from xlbokslut.schema import OUTCOME_COLUMNS
from xlbokslut.workbook.check import check_workbook
from xlbokslut.workbook.template import build_workbook

ROOT = Path(__file__).resolve().parents[1]


def outcome(kind: str, target=None, upper=None, settings: Settings | None = None, **inputs):
    """Evaluate one indicator of ``kind`` with the given Verifikationer inputs (Kvinnor_av = "Kvinnor av")."""
    return single(kind, target, {c: inputs.get(c.replace(" ", "_"), inputs.get(c)) for c in OUTCOME_COLUMNS}, upper,
                  settings)


def area_row(number, name, weight) -> dict:
    """A tblMålområden row by header."""
    return {"Nr": number, "Målområde": name, "Målvikt (%)": weight}


def participant_row(unit, category, women, men, previous=None) -> dict:
    """A tblDeltagare row by header."""
    return {"Enhet": unit, "Kategori": category, "Kvinnor": women, "Män": men, "Föregående år": previous}


def equivalent_row(municipality, year, equivalents, population) -> dict:
    """A tblHelårsekvivalenter row by header."""
    return {"Kommun": municipality, "År": year, "Helårsekvivalenter": equivalents, "Befolkning 20–64 år": population}


def question_row(number, sheet, question, positive, selection=None, unit_column=None, gender_column=None) -> dict:
    """A tblEnkätfrågor row by header."""
    return {"Indikator-nr": number, "Enkätblad": sheet, "Fråga": question, "Positiva svar": positive,
            "Urval": selection, "Enhetskolumn": unit_column, "Könskolumn": gender_column}


AREAS = [area_row(1, "Samhälls- och medlemsnytta", 60), area_row(2, "Samordning", 40)]


def budget_row(area, goal_no, goal, number, text, kind, target=None, upper=None, weight=None, **more) -> dict:
    """A tblBudget row by header (``more``: other columns by header, e.g. Källa)."""
    return {"Målområde": area, "Mål-nr": goal_no, "Socialt mål": goal, "Indikator-nr": number, "Indikator": text,
            "Typ": kind, "Målvärde": target, "Övre gräns": upper, "Vikt": weight, **more}


def verification_row(number, unit=None, evidence=None, **outcome) -> dict:
    """A tblVerifikationer row by header; ``outcome``: its columns, a space as _ (Kvinnor_av = "Kvinnor av"),
    Hamta_fran = "Hämta från"."""
    named = {k.replace("_", " ").replace("Hamta fran", "Hämta från"): v for k, v in outcome.items()}
    return {"Indikator-nr": number, "Enhet": unit, "Verifikation": evidence, **named}


BUDGET = [
    budget_row(1, "1.1", "Deltagarna har gått vidare till en positiv lösning.", "1.1.1", "80 % positiv lösning",
               "Andel minst", 80, None, 8, Källa="Statistik"),
    budget_row(None, None, None, "1.1.2", "Högst 10 % svarar inte alls", "Andel högst", 10, None, 3),
    budget_row(None, "1.2", "Framgångsbeskrivningar", "1.2.1", "Två framgångsbeskrivningar", "Antal minst", 2, None, 3),
    budget_row(2, "2.1", "Jämställd representation", "2.1.1", "40–60 % kvinnor bland deltagarna", "Könsfördelning",
               40, 60, 3),
    budget_row(None, None, None, "2.1.2", "Ledningen redovisar en fallstudie", "Ja/Nej", None, None, 2),
    budget_row(None, "2.2", "Minskat försörjningsstöd", "2.2.1", "Minska med 30 %", "Minskning minst", 30, None, 1),
]
VERIFICATIONS = [
    verification_row("1.1.1", None, "Statistik 2021", Täljare=247, Nämnare=319),
    verification_row("1.1.2", None, "Enkät", Täljare=2, Nämnare=93),
    verification_row("1.2.1", None, "Pärm flik 3", Värde=2),
    verification_row("2.1.1", None, "Statistik", Kvinnor=362, Män=425),
    verification_row("2.1.2", None, "Fallstudie", Värde="Ja"),
    verification_row("2.2.1", None, "Ekonomi", Värde=591461, Jämförelsevärde=1213686),
]
SETTINGS = {"Organisation": "Testförbundet", "Verksamhetsår": "2025"}


def write_workbook(path: Path, budget=BUDGET, verifications=VERIFICATIONS, areas=AREAS, settings=SETTINGS,
                   participants=()) -> Path:
    build_workbook(settings, areas, budget, verifications, participants).save(path)
    return path


def table_rows(path: Path, name: str, data_only: bool = False) -> list[dict]:
    """The data rows of an Excel table, as dicts by header (blank rows skipped)."""
    book = openpyxl.load_workbook(path, data_only=data_only)
    for ws in book.worksheets:
        if name in ws.tables:
            c1, r1, c2, r2 = range_boundaries(ws.tables[name].ref)
            headers = [ws.cell(r1, c).value for c in range(c1, c2 + 1)]
            rows = []
            for r in range(r1 + 1, r2 + 1):
                values = [ws.cell(r, c).value for c in range(c1, c2 + 1)]
                if any(v not in (None, "") for v in values):
                    rows.append(dict(zip(headers, values)) | {"_row": r})
            return rows
    raise AssertionError(f"no table {name} in {path}")


def indicator_results(path: Path, unit=None) -> dict[str, dict]:
    return {r["Indikator-nr"]: r for r in table_rows(path, "tblResultatIndikatorer") if r["Enhet"] == unit}


def area_results(path: Path, unit=None) -> dict[str, dict]:
    return {str(r["Nr"]): r for r in table_rows(path, "tblResultatMålområden") if r["Enhet"] == unit}


def cell_snapshot(path: Path, sheets=None) -> dict:
    """Every cell's value on the given sheets (all if None): to prove nothing typed was changed."""
    book = openpyxl.load_workbook(path)
    snap = {}
    for ws in book.worksheets:
        if sheets is None or ws.title in sheets:
            for row in ws.iter_rows():
                for c in row:
                    if c.value is not None:
                        snap[(ws.title, c.coordinate)] = c.value
    return snap


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def contract_problems(path: Path, evaluated: bool = False) -> list[str]:
    """xlbokslut's own structural check (``xlbokslut kontrollera``): every error and warning, empty = conforms."""
    return [str(i) for i in check_workbook(path, evaluated) if i.level != NOTICE]


def scaled_workbook(folder: Path, factor: int, units: int = 0) -> Path:
    """The example with its indicators repeated ``factor`` times (and ``units`` extra plattformar)."""
    from xlbokslut.example import load_example
    from xlbokslut.workbook.template import build_workbook

    example = load_example()
    budget, verifications = [], []
    for k in range(factor):
        suffix = f".{k}" if k else ""
        budget += [row | {"Indikator-nr": row["Indikator-nr"] + suffix} for row in example.budget]
        verifications += [row | {"Indikator-nr": row["Indikator-nr"] + suffix} for row in example.verifications]
    participants = list(example.participants)
    for u in range(units):
        unit = f"Plattform {u + 1}"
        verifications += [row | {"Enhet": unit} for row in example.verifications if row["Enhet"] is None][:40]
        participants += [row | {"Enhet": unit} for row in participants if row["Enhet"] == "Ungdomstorget"]
    path = folder / f"x{factor}_{units}.xlsx"
    build_workbook(example.settings, example.areas, budget, verifications, participants, (), example.background,
                   example.equivalents).save(path)
    return path


def survey_workbooks(folder: Path, respondents: int = 1000, questions: int = 60, sheets: int = 4) -> tuple[Path, Path]:
    """The same bokslut twice: ``questions`` indicators counted from ``sheets`` answer sheets of ``respondents``
    rows each, and the same counts typed into Verifikationer (for measuring what counting costs)."""
    from xlbokslut.survey import Question, answer_sheet, count

    scale = ["Inte alls", "Till liten del", "Delvis", "Till stor del", "Till mycket stor del", "Helt och hållet"]
    per_sheet = questions // sheets
    answers, rows_q, budget, typed = [], [], [], []
    for s in range(sheets):
        headers = ["ID", "Starttid", "Kön", "Plattform"] + [f"Fråga {s * per_sheet + q + 1}: hur nöjd är du?"
                                                            for q in range(per_sheet)]
        rows = [headers] + [[str(r + 1), "2025-03-01 10:00", "Kvinna" if r % 2 else "Man", f"Plattform {r % 4 + 1}",
                             *[scale[(r * 7 + q * 3) % 6] if (r + q) % 11 else "" for q in range(per_sheet)]]
                            for r in range(respondents)]
        answers.append((f"Enkät {s + 1}", rows))
    for n in range(questions):
        s, q = divmod(n, per_sheet)
        nr = f"1.1.{n + 1}"
        budget.append(budget_row(1 if n == 0 else None, "1.1" if n == 0 else None, "Nöjdhet" if n == 0 else None, nr,
                                 f"80 % nöjda, fråga {n + 1}", "Andel minst", 80, None, 1, Källa="Enkät"))
        header = answers[s][1][0][4 + q]
        positive = "Till stor del; Till mycket stor del; Helt och hållet"
        rows_q.append(question_row(nr, answers[s][0], header, positive, unit_column="Plattform"))
        sheet = answer_sheet(answers[s][0], answers[s][1])
        tally = count(Question(nr, answers[s][0], header, positive, "", "", "", {}), sheet).tallies[""]
        typed.append(verification_row(nr, Täljare=tally.positive, Nämnare=tally.answered))
    areas = [area_row(1, "Nöjdhet", 100)]
    settings = {"Organisation": "Testförbundet", "Verksamhetsår": "2025"}
    surveyed = folder / f"survey_{respondents}x{questions}.xlsx"
    build_workbook(settings, areas, budget, [], questions=rows_q, answers=answers).save(surveyed)
    plain = folder / f"typed_{respondents}x{questions}.xlsx"
    build_workbook(settings, areas, budget, typed).save(plain)
    return surveyed, plain
