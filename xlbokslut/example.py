"""The bundled examples: published socialt bokslut reports rebuilt as input workbooks.

Each example is a data file in ``example_data/`` (TOML, transcribed from the report; what the report leaves
open is reconstructed and said so in ``about``), turned into a workbook here. The default example is
Samordningsförbundet Umeåregionen's socialt bokslut 2021: evaluating it gives the report's table, indices
56, 80, 85, 72, 76, total 70.

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
        participants: per unit, the twelve categories as [kvinnor, män, föregående år].
    """

    name: str
    title: str
    about: tuple[str, ...]
    settings: dict
    areas: list
    budget: list
    verifications: list
    participants: dict
    background: list
    equivalents: list
    examples: list

    def workbook(self):
        from .workbook.template import build_workbook

        return build_workbook(self.settings, self.areas, self.budget, self.verifications, self.participant_rows(),
                              self.about, self.background, self.equivalents, self.examples)

    def participant_rows(self) -> list:
        from .schema import PARTICIPANT_CATEGORIES

        return [[unit, category, *figures] for unit, rows in self.participants.items()
                for category, figures in zip(PARTICIPANT_CATEGORIES, rows)]


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
                       ind.get("target"), ind.get("upper"), ind["weight"], ind.get("source"), ind.get("comment")])
        previous_area, previous_goal = area, goal_no
        outcome = ind.get("outcome", {})
        if outcome or ind.get("link") or ind.get("evidence"):
            verifications.append([ind["nr"], None, *[outcome.get(c) for c in OUTCOME_COLUMNS], ind.get("link"),
                                  ind.get("evidence"), ind.get("note")])
    for row in data.get("unit_verifications", []):
        outcome = row.get("outcome", {})
        verifications.append([row["nr"], row["unit"], *[outcome.get(c) for c in OUTCOME_COLUMNS], row.get("link"),
                              row.get("evidence"), row.get("note")])
    return budget, verifications


def names() -> list[str]:
    return sorted(p.stem for p in DATA.glob("*.toml"))


def load_example(name: str = DEFAULT) -> Example:
    data = _blank(tomllib.loads((DATA / f"{name}.toml").read_text(encoding="utf-8")))
    budget, verifications = _budget_and_verifications(data)
    background = [[table, *row] for table, rows in data.get("background", {}).items() for row in rows]
    examples = [[e["nr"], e.get("unit"), e.get("title"), e.get("text"), e.get("evidence")]
                for e in data.get("examples", [])]
    return Example(name, data["title"], tuple(data.get("about", ())), data["settings"], data["areas"], budget,
                   verifications, data.get("participants", {}), background, data.get("equivalents", []), examples)


def build_example(name: str = DEFAULT):
    return load_example(name).workbook()


def write_example(path: Path = EXAMPLE_PATH, name: str = DEFAULT) -> Path:
    from .safefile import write_atomically

    write_atomically(path, build_example(name).save)
    return path


if __name__ == "__main__":
    print(write_example())
