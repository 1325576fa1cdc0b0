"""The bundled examples: published socialt bokslut reports rebuilt as input workbooks.

Each example is a data file in ``example_data/`` (TOML, transcribed from the report; what the report leaves
open is reconstructed and said so in ``about``), turned into a workbook here. The default example is
Samordningsförbundet Umeåregionen's socialt bokslut 2021: evaluating it gives the report's table, indices
56, 80, 85, 72, 76, total 70. The others are the older reports (000_… to 003_…, 2015–2018): each indicator
carries the status the report prints or implies (``report``), and where the report's own figures disagree
(``slip``) the status xlbokslut must give instead (``status``) — the tests hold the evaluation to both.

``python -m xlbokslut.example`` regenerates the workbooks in ``examples/``.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).parent / "example_data"
EXAMPLES_FOLDER = Path(__file__).resolve().parents[1] / "examples"
DEFAULT = "umearegionen_2021"
EXAMPLE_NAME = f"{DEFAULT}.xlsx"
EXAMPLE_PATH = EXAMPLES_FOLDER / EXAMPLE_NAME


def _blank(data: object) -> object:
    """TOML has no empty value: "" stands for a blank cell."""
    if isinstance(data, dict):
        return {k: _blank(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_blank(v) for v in data]
    return None if data == "" else data


@dataclass(frozen=True)
class Example:
    """An example's data, as rows in the contract's column order (None = a blank cell).

    Attributes:
        participants: rows of tblDeltagare [enhet, kategori, kvinnor, män, föregående år].
        expected: per indicator (and unit), what the report prints or implies: {"report": status,
            "status": the status xlbokslut gives when it differs, "slip": the report's figures disagree}.
    """

    name: str
    title: str
    about: tuple[str, ...]
    settings: dict
    areas: list
    budget: list
    verifications: list
    participants: list
    background: list
    equivalents: list
    examples: list
    expected: dict

    def workbook(self):
        from .workbook.template import build_workbook

        return build_workbook(self.settings, self.areas, self.budget, self.verifications, self.participants,
                              self.about, self.background, self.equivalents, self.examples)


def _participant_rows(data: dict) -> list:
    """tblDeltagare rows: either per unit the twelve categories in order (``participants``), or rows as typed
    with categories of one's own (``participant_rows``)."""
    from .schema import PARTICIPANT_CATEGORIES

    return [[unit, category, *figures] for unit, rows in data.get("participants", {}).items()
            for category, figures in zip(PARTICIPANT_CATEGORIES, rows)] + data.get("participant_rows", [])


def _budget_and_verifications(data: dict) -> tuple[list, list]:
    from .schema import OUTCOME_COLUMNS

    budget, verifications = [], []
    previous_area = previous_goal = None
    for ind in data["indicator"]:
        goal_no = ind.get("goal", ind["nr"].rsplit(".", 1)[0])
        area = ind.get("area", int(goal_no.split(".")[0]))
        new_goal = (area, goal_no) != (previous_area, previous_goal)
        budget.append([area if area != previous_area else None, goal_no if new_goal else None,
                       data["goals"][goal_no] if new_goal else None, ind["nr"], ind["text"], ind["kind"],
                       ind.get("target"), ind.get("upper"), ind.get("weight", data.get("weight")), ind.get("source"),
                       ind.get("comment")])
        previous_area, previous_goal = area, goal_no
        outcome = ind.get("outcome", {})
        if outcome or ind.get("link") or ind.get("evidence") or ind.get("note"):
            verifications.append([ind["nr"], None, *[outcome.get(c) for c in OUTCOME_COLUMNS], ind.get("link"),
                                  ind.get("evidence"), ind.get("note")])
    for row in data.get("unit_verifications", []):
        outcome = row.get("outcome", {})
        verifications.append([row["nr"], row["unit"], *[outcome.get(c) for c in OUTCOME_COLUMNS], row.get("link"),
                              row.get("evidence"), row.get("note")])
    return budget, verifications


def _expected(data: dict) -> dict:
    """(Indikator-nr, Enhet) → what the report says, for the indicators that record it."""
    keys = ("report", "status", "slip")
    rows = [(ind, "") for ind in data["indicator"]] + [(row, row["unit"]) for row in data.get("unit_verifications", [])]
    return {(row["nr"], unit): {k: row[k] for k in keys if k in row} for row, unit in rows if "report" in row}


def names() -> list[str]:
    return sorted(p.stem for p in DATA.glob("*.toml"))


def titles() -> dict[str, str]:
    return {name: tomllib.loads((DATA / f"{name}.toml").read_text(encoding="utf-8"))["title"] for name in names()}


def load_example(name: str = DEFAULT) -> Example:
    data = _blank(tomllib.loads((DATA / f"{name}.toml").read_text(encoding="utf-8")))
    budget, verifications = _budget_and_verifications(data)
    background = [[table, *row] for table, rows in data.get("background", {}).items() for row in rows]
    examples = [[e["nr"], e.get("unit"), e.get("title"), e.get("text"), e.get("evidence")]
                for e in data.get("examples", [])]
    return Example(name, data["title"], tuple(data.get("about", ())), data["settings"], data["areas"], budget,
                   verifications, _participant_rows(data), background, data.get("equivalents", []), examples,
                   _expected(data))


def build_example(name: str = DEFAULT):
    return load_example(name).workbook()


def write_example(path: Path = EXAMPLE_PATH, name: str = DEFAULT) -> Path:
    from .safefile import write_atomically

    write_atomically(path, build_example(name).save)
    return path


def example_path(name: str) -> Path:
    """Where the committed workbook of an example lives."""
    return EXAMPLES_FOLDER / f"{name}.xlsx"


if __name__ == "__main__":
    for example in names():
        print(write_example(example_path(example), example))
