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
    return (f"Liggande stapeldiagram: IMPACTindex {this_year}{compared} per målområde och totalt, med målet "
            f"{fmt_num(target)} som en streckad linje. " + "; ".join(parts) + ".")


def _bars(labels, now, before, this_year, last_year, target) -> bytes:
    """Horizontal bars, the areas from the top and the total last, so that long area names read in full."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    colours = CHART_COLOURS
    n = len(labels)
    rows_per_area = 2 if before else 1
    figure = Figure(figsize=(7.0, 1.2 + 0.32 * n * rows_per_area + 0.15 * n), dpi=150)
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    height = 0.38 if before else 0.6
    ys = list(range(n))
    series = [(now, this_year, colours["this_year"], 0.0)]
    if before:
        series = [([b if b is not None else 0 for b in before], last_year, colours["last_year"], height / 2),
                  (now, this_year, colours["this_year"], -height / 2)]
    for values, name, colour, shift in series:
        bars = ax.barh([y + shift for y in ys], values, height, label=str(name), color="#" + colour)
        ax.bar_label(bars, labels=[str(v) for v in values], padding=3, fontsize=9, color="#1F1F1F")
    ax.axvline(target, color="#" + colours["target"], linestyle=(0, (5, 3)), linewidth=1.6,
               label=f"Mål {fmt_num(target)}")
    ax.set_xlim(0, 105)
    ax.set_xticks(range(0, 101, 20))
    ax.set_xlabel("IMPACTindex", fontsize=9, color="#1F1F1F")
    ax.set_yticks(ys, ["\n".join(textwrap.wrap(label, 26)) for label in labels], fontsize=9, color="#1F1F1F")
    for tick in ax.get_yticklabels()[-1:]:
        tick.set_fontweight("bold")  # Totalt
    ax.invert_yaxis()
    ax.tick_params(axis="x", labelsize=9, colors="#1F1F1F")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    handles = dict(zip(*reversed(ax.get_legend_handles_labels()), strict=True))
    order = [str(this_year)] + ([str(last_year)] if before else []) + [f"Mål {fmt_num(target)}"]
    ax.legend([handles[name] for name in order], order, fontsize=9, frameon=False, loc="lower center",
              bbox_to_anchor=(0.5, 1.0), ncol=3)
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()
