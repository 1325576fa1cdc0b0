"""The published bokslut's charts as PNG images (matplotlib, without pyplot), each with the alternative text that
says in words and numbers what it shows."""
from __future__ import annotations

import io
import textwrap
from typing import NamedTuple

from ..styles import CHART_COLOURS
from ..values import fmt_num
from .view import BoardView


class Chart(NamedTuple):
    png: bytes
    alt: str
    caption: str


def index_chart(view: BoardView) -> Chart | None:
    """IMPACTindex per area and in total against the target, with last year's beside this year's."""
    rows = [a for a in view.areas if a.index is not None]
    if not rows:
        return None
    rows.append(view.total)
    labels = ["Totalt" if a is view.total else f"{a.number} {a.name}" for a in rows]
    now = [a.index or 0 for a in rows]
    before = [view.last_index(a) for a in rows] if view.last_year else []
    this_year, last_year = view.year or "i år", (view.last_year.year or "fjolåret") if view.last_year else ""
    target = view.target
    alt = _index_alt(labels, [a.index for a in rows], before, this_year, last_year, target)
    caption = f"IMPACTindex per målområde {this_year}" + (f" och {last_year}" if before else "") + \
        f" mot målet {fmt_num(target)}"
    return Chart(_bars(labels, now, before, this_year, last_year, target), alt, caption)


def _index_alt(labels, now, before, this_year, last_year, target) -> str:
    parts = []
    for i, label in enumerate(labels):
        shown = "inget index" if now[i] is None else str(now[i])
        if before:
            shown += f" ({last_year}: {before[i]})" if before[i] is not None else f" ({last_year}: inget index)"
        parts.append(f"{label} {shown}")
    compared = f" jämfört med {last_year}" if before else ""
    return (f"Stapeldiagram: IMPACTindex {this_year}{compared} per målområde och totalt, med målet "
            f"{fmt_num(target)} som en streckad linje. " + "; ".join(parts) + ".")


def _bars(labels, now, before, this_year, last_year, target) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    colours = CHART_COLOURS
    figure = Figure(figsize=(7.0, 3.8), dpi=150)
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    n = len(labels)
    width = 0.38 if before else 0.6
    xs = list(range(n))
    series = [(now, this_year, colours["this_year"], 0.0)]
    if before:
        series = [([b if b is not None else 0 for b in before], last_year, colours["last_year"], -width / 2),
                  (now, this_year, colours["this_year"], width / 2)]
    for values, name, colour, shift in series:
        bars = ax.bar([x + shift for x in xs], values, width, label=str(name), color="#" + colour)
        ax.bar_label(bars, labels=[str(v) for v in values], padding=2, fontsize=9, color="#1F1F1F")
    ax.axhline(target, color="#" + colours["target"], linestyle=(0, (5, 3)), linewidth=1.4,
               label=f"Mål {fmt_num(target)}")
    ax.set_ylim(0, 110)
    ax.set_yticks(range(0, 101, 20))
    ax.set_ylabel("IMPACTindex", fontsize=9, color="#1F1F1F")
    ax.set_xticks(xs, ["\n".join(textwrap.wrap(label, 14)) for label in labels], fontsize=9, color="#1F1F1F")
    ax.tick_params(axis="y", labelsize=8, colors="#1F1F1F")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(fontsize=9, frameon=False, loc="upper center", bbox_to_anchor=(0.5, 1.12), ncol=3)
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()
