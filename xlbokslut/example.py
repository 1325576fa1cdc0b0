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
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).parent / "example_data"
EXAMPLES_FOLDER = Path(__file__).resolve().parents[1] / "examples"
DEFAULT = "umearegionen_2021"
EXAMPLE_PATH = EXAMPLES_FOLDER / f"{DEFAULT}.xlsx"


def _blank(data: object) -> object:
    """TOML has no empty value: "" stands for a blank cell."""
    if isinstance(data, dict):
        return {k: _blank(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_blank(v) for v in data]
    return None if data == "" else data


AREA_DATA = ("Nr", "Målområde", "Målvikt (%)")
PARTICIPANT_DATA = ("Enhet", "Kategori", "Kvinnor", "Män", "Föregående år")
BACKGROUND_DATA = ("Tabell", "Kategori", "Kvinnor", "Män")
EQUIVALENT_DATA = ("Kommun", "År", "Helårsekvivalenter", "Befolkning 20–64 år")


def _named(headers: tuple[str, ...], row: list) -> dict:
    """A data file's row (its columns are listed in the file, in ``headers``' order) by header."""
    if len(row) > len(headers):
        raise ValueError(f"a row of {headers} has {len(row)} values: {row!r}")
    return dict(zip(headers, row))


@dataclass(frozen=True)
class Example:
    """An example's data, as rows of the contract's tables by header (None or left out = a blank cell).

    Attributes:
        participants: rows of tblDeltagare.
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
    questions: Sequence = ()
    answers: tuple = ()  # sheets of survey answers: (name, rows)

    def workbook(self):
        from .workbook.template import build_workbook

        return build_workbook(self.settings, self.areas, self.budget, self.verifications, self.participants,
                              self.about, self.background, self.equivalents, self.examples, self.questions,
                              self.answers)


def _participant_rows(data: dict) -> list:
    """tblDeltagare rows: either per unit the twelve categories in order (``participants``), or rows as typed
    with categories of one's own (``participant_rows``)."""
    from .schema import PARTICIPANT_CATEGORIES

    return [_named(PARTICIPANT_DATA, [unit, category, *figures]) for unit, rows in data.get("participants", {}).items()
            for category, figures in zip(PARTICIPANT_CATEGORIES, rows)] \
        + [_named(PARTICIPANT_DATA, row) for row in data.get("participant_rows", [])]


def survey_answers(survey: dict) -> list[list[str]]:
    """The answer sheet of a synthetic survey: a header row, then one row per respondent (number, gender and an
    answer per question), each question's answers spread over the respondents of each gender in a fixed order
    of its own, so that the counts per answer and gender are exactly the ones given."""
    genders = [g for g, n in survey["genders"] for _ in range(n)]
    questions = [q["question"] for q in survey["answers"]]
    rows = [["Svarande", "Kön", *questions]] + [[str(i + 1), g] for i, g in enumerate(genders)]
    for q, question in enumerate(survey["answers"]):
        for g, (gender, _) in enumerate(survey["genders"]):
            people = sorted((i for i, x in enumerate(genders) if x == gender), key=lambda i: (i * 7919 + q * 104729) % 997)
            answers = [label for label, *counts in question["given"] for _ in range(counts[g])]
            for i, person in enumerate(people):
                rows[person + 1].append(answers[i] if i < len(answers) else "")
    return rows


def _verification(row: dict, unit: str | None, outcome: dict) -> dict:
    from .schema import OUTCOME_COLUMNS

    return {"Indikator-nr": row["nr"], "Enhet": unit, **{c: outcome.get(c) for c in OUTCOME_COLUMNS},
            "Hämta från": row.get("link"), "Verifikation": row.get("evidence"), "Kommentar": row.get("note")}


def _budget_and_verifications(data: dict) -> tuple[list, list]:
    surveyed = {q[0] for q in (data.get("survey") or {}).get("questions", [])}
    budget, verifications = [], []
    previous_area = previous_goal = None
    for ind in data["indicator"]:
        goal_no = ind.get("goal", ind["nr"].rsplit(".", 1)[0])
        area = ind.get("area", int(goal_no.split(".")[0]))
        new_goal = (area, goal_no) != (previous_area, previous_goal)
        budget.append({"Målområde": area if area != previous_area else None,
                       "Mål-nr": goal_no if new_goal else None,
                       "Socialt mål": data["goals"][goal_no] if new_goal else None, "Indikator-nr": ind["nr"],
                       "Indikator": ind["text"], "Typ": ind["kind"], "Målvärde": ind.get("target"),
                       "Övre gräns": ind.get("upper"), "Vikt": ind.get("weight", data.get("weight")),
                       "Källa": ind.get("source"), "Kommentar": ind.get("comment")})
        previous_area, previous_goal = area, goal_no
        outcome = ind.get("outcome", {}) if ind["nr"] not in surveyed else {}  # counted from the answers instead
        if outcome or ind.get("link") or ind.get("evidence") or ind.get("note"):
            verifications.append(_verification(ind, None, outcome))
    for row in data.get("unit_verifications", []):
        verifications.append(_verification(row, row["unit"], row.get("outcome", {})))
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


def _split(total: int, weights: list[float]) -> list[int]:
    """``total`` in whole parts proportional to ``weights`` that add up to it (largest remainder)."""
    if not sum(weights):
        return [0] * len(weights)
    exact = [total * w / sum(weights) for w in weights]
    parts = [int(x) for x in exact]
    for i in sorted(range(len(weights)), key=lambda i: parts[i] - exact[i])[:total - sum(parts)]:
        parts[i] += 1
    return parts


def _percent_error(exits: int, previous: dict, ends: tuple, varav: tuple) -> int:
    """How far (in percentage points, at worst) the categories of ``exits`` people are from last year's."""
    from .values import round_half_up, share

    counts = dict(zip(ends, _split(exits, [previous[n] for n in ends])))
    counts.update(zip(varav, _split(counts[ends[0]], [previous[n] for n in varav])))
    bases = {n: exits for n in ends} | {n: counts[ends[0]] for n in varav}
    return max((abs(round_half_up(share(counts[n], bases[n])) - previous[n]) for n in counts if bases[n]), default=0)


def previous_year_participants(participants: dict) -> dict:
    """Last year's participant table of each unit, rebuilt from this year's "Föregående år" column: participants
    and new ones as given, the exits at this year's throughput, and categories 4–11 at last year's percentages;
    then split into women and men as this year's, so that each gender adds up as the identities require."""
    from .participants import A, D, EXTRA, HEALTH, NEW, OTHER, P, REHAB, STUDIES, UNABLE, WORK

    ends, varav = (P, HEALTH, OTHER), (WORK, EXTRA, STUDIES, REHAB, UNABLE)
    out: dict[str, list[list[object]]] = {}
    for unit, rows in participants.items():
        if unit == "Totalt":
            out[unit] = [["", "", ""] for _ in rows]
            continue
        previous = {n: rows[n - 1][2] or 0 for n in range(1, len(rows) + 1)}
        now = {n: rows[n - 1][0] + rows[n - 1][1] for n in (D, A)}
        total = {D: previous[D], NEW: previous[NEW]}
        guess = round(total[D] * now[A] / now[D]) if now[D] else 0
        # the exits: near this year's throughput, where last year's percentages come out best in whole people
        total[A] = min(range(1, total[D] + 1),
                       key=lambda a: (_percent_error(a, previous, ends, varav), abs(a - guess)))
        total.update(zip(ends, _split(total[A], [previous[n] for n in ends])))
        total.update(zip(varav, _split(total[P], [previous[n] for n in varav])))
        women = {n: _split(total[n], rows[n - 1][:2] if sum(rows[n - 1][:2]) else [1, 1])[0] for n in (D, NEW)}
        women[A] = _split(total[A], [women[D], total[D] - women[D]])[0]
        women.update(zip(ends, _split(women[A], [total[n] for n in ends])))
        women.update(zip(varav, _split(women[P], [total[n] for n in varav])))
        total[len(rows)], women[len(rows)] = total[D] - total[A], women[D] - women[A]
        out[unit] = [[women[n], total[n] - women[n], ""] for n in range(1, len(rows) + 1)]
    return out


def _companion(base: dict, data: dict) -> dict:
    """Another year of an example: the base example's budget and figures with this file's changes (its own
    settings, indicators removed or reworded, outcomes, and the participants of the year before)."""
    removed = set(data.get("removed", []))
    texts, outcomes = data.get("texts", {}), data.get("outcomes", {})
    indicators = [{**ind, **({"text": texts[ind["nr"]]} if ind["nr"] in texts else {}),
                   **({"outcome": outcomes[ind["nr"]]} if ind["nr"] in outcomes else {})}
                  for ind in base["indicator"] if ind["nr"] not in removed]
    return {**base, "title": data["title"], "about": data.get("about", []), "survey": None,
            "settings": {**base["settings"], **data.get("settings", {})}, "indicator": indicators,
            "unit_verifications": [r for r in base.get("unit_verifications", []) if r["nr"] not in removed],
            "equivalents": data.get("equivalents", base.get("equivalents", [])),
            "participants": previous_year_participants(base["participants"]) if data.get("participants_from_base")
            else base.get("participants", {})}


def _data(name: str) -> dict:
    data = _blank(tomllib.loads((DATA / f"{name}.toml").read_text(encoding="utf-8")))
    assert isinstance(data, dict)  # a TOML document is a table
    return _companion(_data(data["base"]), data) if "base" in data else data


def load_example(name: str = DEFAULT) -> Example:
    data = _data(name)
    budget, verifications = _budget_and_verifications(data)
    background = [_named(BACKGROUND_DATA, [table, *row]) for table, rows in data.get("background", {}).items()
                  for row in rows]
    examples = [{"Indikator-nr": e["nr"], "Enhet": e.get("unit"), "Rubrik": e.get("title"), "Beskrivning": e.get("text"),
                 "Verifikation": e.get("evidence")} for e in data.get("examples", [])]
    survey = data.get("survey")
    questions = [{"Indikator-nr": nr, "Enkätblad": survey["sheet"], "Fråga": question, "Positiva svar": positive,
                  "Könskolumn": gender or None}
                 for nr, question, positive, gender in survey["questions"]] if survey else []
    answers = ((survey["sheet"], survey_answers(survey)),) if survey else ()
    return Example(name, data["title"], tuple(data.get("about", ())), data["settings"],
                   [_named(AREA_DATA, row) for row in data["areas"]], budget, verifications, _participant_rows(data),
                   background, [_named(EQUIVALENT_DATA, row) for row in data.get("equivalents", [])], examples,
                   _expected(data), questions, answers)


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
