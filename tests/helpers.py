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
