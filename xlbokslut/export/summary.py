"""The written summary for the board: about one page of Swedish Markdown."""
from __future__ import annotations

import re

from ..issues import to_fix
from ..schema import INPUT_ERROR, MISSING
from ..values import counted, fmt_signed
from .view import HIGHLIGHTS, BoardView

STATUS_WORDS = {"Uppnått": ("uppnådd", "uppnådda"), "Nära målet": ("nära målet", "nära målet"),
                "Ej uppnått": ("ej uppnådd", "ej uppnådda"), "Mätning saknas": ("saknar mätning", "saknar mätning"),
                "Fel i indata": ("har fel i indata", "har fel i indata")}
INDICATORS = ("indikator", "indikatorer")


def _label(r) -> str:
    ind = r.result.indicator
    return f"{ind.number} {ind.text.rstrip('.')}"


def _ranked(r) -> str:
    return f"{_label(r)} – {r.result.outcome.text} (mål {r.result.target_text}; {r.text})"


def summary_lines(view: BoardView) -> list[tuple[str, str]]:
    """The summary as (kind, text) lines: kind is 'title', 'heading', 'text' or 'item'. Markdown and the
    Sammanfattning sheet are both made from these."""
    year = f" {view.year}" if view.year else ""
    lines: list[tuple[str, str]] = [("title", f"Socialt bokslut{year} – {view.title}"), ("text", view.headline())]
    lines.append(("heading", "Målområden"))
    for a in view.areas:
        if a.index is None or a.versus_target is None:
            lines.append(("item", f"{a.number} {a.name}: {view.index_text(a)}"))
        else:
            measured = f" ({view.measured(a)})" if view.unit else ""
            lines.append(("item", f"{a.number} {a.name}: IMPACTindex {a.index} ({fmt_signed(a.versus_target)}), "
                                  f"{a.points:g} av {a.max_points:g} impactpoäng{measured}"))
    counts = view.counts()
    lines.append(("heading", "Indikatorer"))
    lines.append(("text", f"Av {counted(len(view.indicators), *INDICATORS)} är "
                          + ", ".join(counted(n, *STATUS_WORDS[s]) for s, n in counts.items()) + "."))
    if view.last_year:
        lines += _compared_lines(view)
    near = view.to_target()
    if near:
        lines.append(("heading", "Närmast målet"))
        lines += [("item", f"{r.indicator.number} {r.indicator.text.rstrip('.')} – {r.outcome.text}, mål "
                           f"{r.target_text}: {r.outcome.to_target}") for r in near[:HIGHLIGHTS]]
    gains, shortfalls = view.gains(), view.shortfalls()
    if gains:
        lines.append(("heading", "Största framgångarna"))
        lines += [("item", _ranked(g)) for g in gains]
    if shortfalls:
        lines.append(("heading", "Största avstånden till målet"))
        lines += [("item", _ranked(s)) for s in shortfalls]
    if gains or shortfalls:
        lines.append(("text", view.distance_note(gains + shortfalls)))
    problems = view.data_problems()
    lines.append(("heading", "Att känna till innan bokslutet presenteras"))
    if problems:
        errors = sum(1 for r in problems if r.outcome.status == INPUT_ERROR)
        missing = sum(1 for r in problems if r.outcome.status == MISSING)
        counts_as = ("de med fel räknas som ej uppnådda, de utan mätning räknas inte i enhetens index" if view.unit
                     else "de räknas som ej uppnådda i IMPACTindex")
        lines.append(("text", f"{counted(errors, *INDICATORS)} har fel i indata och {missing} saknar mätning; "
                              f"{counts_as}."))
        for r in problems[:10]:
            reason = f" – {r.outcome.note}" if r.outcome.note else ""
            lines.append(("item", f"{r.indicator.number} {r.outcome.status}{reason}"))
        if len(problems) > 10:
            lines.append(("item", f"… och {len(problems) - 10} till (se bladen per målområde)"))
    elif not view.indicators:
        lines.append(("text", "Budgeten har inga indikatorer ännu: fyll i bladet Budget och utvärdera igen."))
    notes = [r.outcome.note or "" for r in problems]
    others = [i for i in to_fix(view.evaluation.issues) if not any(str(i) in note for note in notes)]
    if others:  # every error and warning of Indataproblem that no indicator above already says
        lines.append(("text", "Problem i indata att rätta (bladet Indataproblem i arbetsboken):"))
        lines += [("item", f"{i.level}: {i}") for i in others[:10]]
        if len(others) > 10:
            lines.append(("item", f"… och {len(others) - 10} till"))
    elif not problems and view.indicators:
        lines.append(("text", "Alla indikatorer har ett utfall utan fel i indata."))
    sentence = view.participants_sentence()
    if sentence:
        lines.append(("heading", "Deltagarna"))
        lines.append(("text", sentence))
    return lines


def _compared_lines(view: BoardView) -> list[tuple[str, str]]:
    """Jämfört med fjolåret: the index, then which indicators did better or worse, and which are new."""
    last = view.last_year
    assert last is not None  # written only beside last year's figures
    when = last.year or "fjolåret"
    compared = view.compared()
    lines = [("heading", "Jämfört med fjolåret")]
    sentence = view.last_year_sentence()
    n = sum(len(v) for v in compared.values())
    lines.append(("text", (sentence + " " if sentence else "") +
                  f"Av {counted(n, *INDICATORS)} som går att jämföra med {when} har {len(compared[1])} bättre status, "
                  f"{len(compared[-1])} sämre och {len(compared[0])} samma."))
    for change, word in ((1, "Bättre"), (-1, "Sämre")):
        for r in compared[change][:HIGHLIGHTS]:
            before = last.of(r)
            assert before is not None  # compared() holds only indicators with last year's status
            lines.append(("item", f"{word}: {r.indicator.number} {r.indicator.text.rstrip('.')} – {before.text}, "
                                  f"{before.status.lower()} → {r.outcome.text}, {r.outcome.status.lower()}"))
        if len(compared[change]) > HIGHLIGHTS:
            lines.append(("item", f"{word}: … och {len(compared[change]) - HIGHLIGHTS} till"))
    fresh = view.new_or_changed()
    if fresh:
        lines.append(("text", "Nya eller ändrade indikatorer jämförs inte: "
                              + ", ".join(r.indicator.number for r in fresh) + "."))
    return lines


_MARKDOWN = re.compile(r"([\\`*_\[\]<>#|~&])")  # "!" is harmless once "[" is escaped


def md_escape(text: str) -> str:
    """Text as Markdown shows it literally: no emphasis, links, HTML or headings from what a person typed."""
    return _MARKDOWN.sub(r"\\\1", " ".join(text.split("\n")))


def markdown(view: BoardView) -> str:
    prefix = {"title": "# ", "heading": "\n## ", "item": "- ", "text": ""}
    out = []
    headline = view.headline()
    previous = ""
    for kind, text in summary_lines(view):
        shown = md_escape(text)
        if previous == "item" and kind == "text":  # a paragraph after a list needs a blank line, or it joins the list
            out.append("")
        out.append(prefix[kind] + (f"**{shown}**" if kind == "text" and text == headline else shown))
        if kind in ("title", "text"):
            out.append("")
        previous = kind
    return "\n".join(out).replace("\n\n\n", "\n\n").strip() + "\n"
