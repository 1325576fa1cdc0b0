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


AREAS = [[1, "Samhälls- och medlemsnytta", 60], [2, "Samordning", 40]]
BUDGET = [
    [1, "1.1", "Deltagarna har gått vidare till en positiv lösning.", "1.1.1", "80 % positiv lösning",
     "Andel minst", 80, None, 8, "Statistik", None],
    [None, None, None, "1.1.2", "Högst 10 % svarar inte alls", "Andel högst", 10, None, 3, None, None],
    [None, "1.2", "Framgångsbeskrivningar", "1.2.1", "Två framgångsbeskrivningar", "Antal minst", 2, None, 3,
     None, None],
    [2, "2.1", "Jämställd representation", "2.1.1", "40–60 % kvinnor bland deltagarna", "Könsfördelning", 40, 60,
     3, None, None],
    [None, None, None, "2.1.2", "Ledningen redovisar en fallstudie", "Ja/Nej", None, None, 2, None, None],
    [None, "2.2", "Minskat försörjningsstöd", "2.2.1", "Minska med 30 %", "Minskning minst", 30, None, 1, None,
     None],
]
VERIFICATIONS = [
    ["1.1.1", None, 247, 319, None, None, None, None, None, None, None, "Statistik 2021", None],
    ["1.1.2", None, 2, 93, None, None, None, None, None, None, None, "Enkät", None],
    ["1.2.1", None, None, None, 2, None, None, None, None, None, None, "Pärm flik 3", None],
    ["2.1.1", None, None, None, None, None, 362, None, 425, None, None, "Statistik", None],
    ["2.1.2", None, None, None, "Ja", None, None, None, None, None, None, "Fallstudie", None],
    ["2.2.1", None, None, None, 591461, 1213686, None, None, None, None, None, "Ekonomi", None],
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
        budget += [[row[0], row[1], row[2], row[3] + suffix, *row[4:]] for row in example.budget]
        verifications += [[row[0] + suffix, *row[1:]] for row in example.verifications]
    participants = list(example.participants)
    for u in range(units):
        unit = f"Plattform {u + 1}"
        verifications += [[row[0], unit, *row[2:]] for row in example.verifications if row[1] is None][:40]
        participants += [[unit, *row[1:]] for row in participants if row[0] == "Ungdomstorget"]
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
        budget.append([1 if n == 0 else None, "1.1" if n == 0 else None, "Nöjdhet" if n == 0 else None, nr,
                       f"80 % nöjda, fråga {n + 1}", "Andel minst", 80, None, 1, "Enkät", None])
        header = answers[s][1][0][4 + q]
        rows_q.append([nr, answers[s][0], header, "Till stor del; Till mycket stor del; Helt och hållet", None,
                       "Plattform", None])
        sheet = answer_sheet(answers[s][0], answers[s][1])
        tally = count(Question(nr, answers[s][0], header, rows_q[-1][3], "", "", "", {}), sheet).tallies[""]
        typed.append([nr, None, tally.positive, tally.answered, None, None, None, None, None, None, None, None, None])
    areas = [[1, "Nöjdhet", 100]]
    settings = {"Organisation": "Testförbundet", "Verksamhetsår": "2025"}
    surveyed = folder / f"survey_{respondents}x{questions}.xlsx"
    build_workbook(settings, areas, budget, [], questions=rows_q, answers=answers).save(surveyed)
    plain = folder / f"typed_{respondents}x{questions}.xlsx"
    build_workbook(settings, areas, budget, typed).save(plain)
    return surveyed, plain
