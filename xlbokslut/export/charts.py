"""The published bokslut's charts as PNG images (drawn with Pillow), each with the alternative text that
says in words and numbers what it shows."""
from __future__ import annotations

import functools
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
    now = [a.index for a in rows]
    before = [view.last_index(a) for a in rows] if view.last_year else []
    this_year, last_year = view.year or "i år", (view.last_year.year or "fjolåret") if view.last_year else ""
    target = view.target
    alt = _index_alt(labels, [a.index for a in rows], before, this_year, last_year, target)
    caption = f"IMPACTindex per målområde {this_year}" + (f" och {last_year}" if before else "") + \
        f" mot målet {fmt_num(target)}"
    png = _bars(labels, now, before, this_year, last_year, target)
    return Chart(png, alt, caption) if png else None  # no font: the table above the chart says it all


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


SCALE = 2  # pixels per point: the image is drawn at 144 dpi, sharp when printed at its width on A4


FONTS = ("segoeui.ttf", "arial.ttf", "Arial.ttf", "DejaVuSans.ttf", "LiberationSans-Regular.ttf", "Helvetica.ttc")


@functools.lru_cache(maxsize=4)
def _font(size: int):
    """A system font with the Swedish letters (Windows, macOS and Linux each have one of these), or None."""
    from PIL import ImageFont

    for name in FONTS:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return None


def _bars(labels, now, before, this_year, last_year, target) -> bytes | None:
    """Horizontal bars, the areas from the top and the total last (so long area names read in full), with the
    target as a dashed vertical line; drawn with Pillow."""
    from PIL import Image, ImageDraw

    colours = {k: "#" + v for k, v in CHART_COLOURS.items()}
    ink = "#1F1F1F"
    font = _font(9 * SCALE)
    if font is None:
        return None
    wrapped = ["\n".join(textwrap.wrap(label, 26)) or " " for label in labels]
    label_width = max(font.getbbox(line)[2] for text in wrapped for line in text.split("\n"))
    left, right, top = label_width + 16 * SCALE, 30 * SCALE, 28 * SCALE
    bar = 11 * SCALE
    group = (2 * bar if before else bar) + 10 * SCALE
    width = 500 * SCALE
    height = top + group * len(labels) + 34 * SCALE
    plot = width - left - right
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)

    def x_of(value: float) -> float:
        return left + plot * value / 105

    # the legend: this year, last year, the target
    entries = [(colours["this_year"], str(this_year), "box")]
    if before:
        entries.append((colours["last_year"], str(last_year), "box"))
    entries.append((colours["target"], f"Mål {fmt_num(target)}", "line"))
    x = left
    for colour, name, kind in entries:
        if kind == "box":
            draw.rectangle((x, 8 * SCALE, x + 14 * SCALE, 16 * SCALE), fill=colour)
        else:
            for dash in range(0, 14 * SCALE, 6 * SCALE):
                draw.line((x + dash, 12 * SCALE, x + dash + 4 * SCALE, 12 * SCALE), fill=colour, width=2 * SCALE)
        draw.text((x + 18 * SCALE, 12 * SCALE), name, font=font, fill=ink, anchor="lm")
        x += 18 * SCALE + font.getbbox(name)[2] + 18 * SCALE
    bottom = top + group * len(labels)
    # the grid and the axis
    for tick in range(0, 101, 20):
        tx = x_of(tick)
        draw.line((tx, top, tx, bottom), fill="#D9D9D9", width=1)
        draw.line((tx, bottom, tx, bottom + 4 * SCALE), fill=ink, width=SCALE)
        draw.text((tx, bottom + 6 * SCALE), str(tick), font=font, fill=ink, anchor="mt")
    draw.line((left, top, left, bottom), fill=ink, width=SCALE)
    draw.line((left, bottom, left + plot, bottom), fill=ink, width=SCALE)
    draw.text((left + plot / 2, bottom + 20 * SCALE), "IMPACTindex", font=font, fill=ink, anchor="mt")
    # the bars with their values, and each area's name
    for i, text in enumerate(wrapped):
        y = top + i * group + 5 * SCALE
        series = [(now[i], colours["this_year"])] + ([(before[i], colours["last_year"])] if before else [])
        for j, (value, colour) in enumerate(series):
            y0 = y + j * bar
            shown = "–" if value is None else str(value)
            if value:
                draw.rectangle((left + SCALE, y0, x_of(value), y0 + bar - SCALE), fill=colour)
            draw.text((x_of(value or 0) + 3 * SCALE, y0 + bar / 2), shown, font=font, fill=ink, anchor="lm")
        middle = y + len(series) * bar / 2
        draw.multiline_text((left - 6 * SCALE, middle), text, font=font, fill=ink, anchor="rm", align="right",
                            spacing=2 * SCALE)
    tx = x_of(target)
    for dash in range(top, bottom, 8 * SCALE):
        draw.line((tx, dash, tx, min(dash + 5 * SCALE, bottom)), fill=colours["target"], width=2 * SCALE)
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=1, dpi=(72 * SCALE, 72 * SCALE))  # fast: one per unit
    return out.getvalue()
