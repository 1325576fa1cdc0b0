"""Every visual decision of xlbokslut, once: colours, named styles, table styles and number formats.

Adapters and the export only name these; each translates a name to its engine.
"""
from __future__ import annotations

from dataclasses import dataclass

from .model import INPUT_ERROR, MISSING, NEAR, NOT_REACHED, REACHED


@dataclass(frozen=True)
class Style:
    fill: str | None = None  # RGB hex, no '#'
    font: str | None = None
    bold: bool = False
    size: float | None = None
    italic: bool = False


STATUS_STYLES = {
    REACHED: Style("C6EFCE", "006100", True),       # green
    NEAR: Style("FFD59E", "8A4B00", True),          # orange
    NOT_REACHED: Style("FFC7CE", "9C0006", True),   # red
    MISSING: Style("D9D9D9", "3A3A3A", True),       # grey
    INPUT_ERROR: Style("E4CCF5", "5B1F86", True),   # purple: a distinct colour for bad input
}
# Symbols so that colour is never the only signal.
STATUS_SYMBOLS = {REACHED: "●", NEAR: "◐", NOT_REACHED: "○", MISSING: "–", INPUT_ERROR: "!"}

STYLES = {
    "title": Style(None, "1F3864", True, 16),
    "subtitle": Style(None, "595959", False, 10, True),
    "heading": Style(None, "1F3864", True, 12),
    "header": Style("1F3864", "FFFFFF", True),
    "written_header": Style("2E75B6", "FFFFFF", True),
    "written": Style("EAF1FB"),
    "filled": Style("EAF1FB", "2E75B6", False, None, True),  # a typed column's cell that xlbokslut filled
    "written_marker": Style(None, "2E75B6", True, 9, True),
    "total": Style("F2F2F2", None, True),
    "warning": Style("FFF2CC", "7F6000"),
    "plain": Style(),
    "label": Style(None, "1F3864", True),
    "goal": Style(None, "1F3864", True),
    "big": Style(None, "1F3864", True, 40),
    "big_small": Style(None, "595959", True, 20),
    "big_good": Style(None, "006100", True, 20),
    "big_bad": Style(None, "9C0006", True, 20),
    **{f"status:{name}": style for name, style in STATUS_STYLES.items()},
}
NAMED_STYLE_PREFIX = "xlbokslut "  # how the styles show in Excel's style gallery

# Excel's built-in table styles: light for the tables people type into, striped for the results.
INPUT_TABLE_STYLE = "TableStyleLight1"
RESULT_TABLE_STYLE = "TableStyleLight15"

SIGNED_FORMAT = '+0;"−"0;0'  # Mot mål: +10, −14, 0
PERCENT_FORMAT = '0" %"'  # a whole percent stored as a number (77 → 77 %)


def status_style(status: str | None) -> str:
    return f"status:{status}" if status in STATUS_STYLES else "written"
