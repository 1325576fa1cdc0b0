"""Every visual decision of xlbokslut, once: colours, named styles, table styles and number formats.

Adapters and the export only name these; each translates a name to its engine.
"""
from __future__ import annotations

from typing import NamedTuple

from .model import INPUT_ERROR, MISSING, NEAR, NOT_REACHED, REACHED


class Style(NamedTuple):
    fill: str | None = None  # RGB hex, no '#'
    font: str | None = None
    bold: bool = False
    size: float | None = None
    italic: bool = False
    align: str = ""  # "left bottom" …: horizontal and vertical alignment, '' for Excel's own


STATUS_TEXT = "1F1F1F"  # one dark, bold text on every status colour: readable on all five, and one setting in Excel
STATUS_STYLES = {
    REACHED: Style("C6EFCE", STATUS_TEXT, True),       # green
    NEAR: Style("FFD59E", STATUS_TEXT, True),          # orange
    NOT_REACHED: Style("FFC7CE", STATUS_TEXT, True),   # red
    MISSING: Style("D9D9D9", STATUS_TEXT, True),       # grey
    INPUT_ERROR: Style("E4CCF5", STATUS_TEXT, True),   # purple: a distinct colour for bad input
}
# The published bokslut (Word document, web page) shows a status as coloured symbol and word on white: each
# colour has a contrast of at least 4.5:1 against white (text), so also 3:1 (graphics).
STATUS_COLOURS = {
    REACHED: "1E7B34",      # green
    NEAR: "A85A00",         # orange
    NOT_REACHED: "C00000",  # red
    MISSING: "595959",      # grey
    INPUT_ERROR: "7030A0",  # purple
}
# The document's own colours: text and headings ≥ 4.5:1 on white, the header row's white text ≥ 4.5:1 on its
# fill, the chart's bars and target line ≥ 3:1 against the white page.
DOCUMENT_COLOURS = {"text": "1F1F1F", "heading": "1F3864", "muted": "595959", "link": "1F4E9A",
                    "header_fill": "1F3864", "total_fill": "E7E6E6", "rule": "8C8C8C"}
CHART_COLOURS = {"this_year": "1F3864", "last_year": "767676", "target": "C00000"}
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
    "warning": Style("FFF2CC"),  # yellow: check this
    "plain": Style(),
    "label": Style(None, "1F3864", True),
    "goal": Style(None, "1F3864", True),
    "example": Style(None, "404040", False, None, True),  # a written case example under its indicator
    "big": Style(None, "1F3864", True, 40, align="left bottom"),
    "big_small": Style(None, "595959", True, 20, align="left bottom"),
    "big_good": Style(None, "006100", True, 20, align="left bottom"),
    "big_bad": Style(None, "9C0006", True, 20, align="left bottom"),
    # the sheets xlbokslut writes whole (Resultat, Indataproblem): few distinct fonts, so that the live workbook
    # in Excel is formatted in a few dozen calls; the tables' own style colours their header rows
    "sheet_note": Style(None, None, False, None, True),
    "block_heading": Style(None, None, True),
    "total_row": Style("E7E6E6"),
    **{f"status:{name}": style for name, style in STATUS_STYLES.items()},
    "status:": Style("EAF1FB", STATUS_TEXT, True),  # a Status cell with nothing to say: same font as the others
}
NAMED_STYLE_PREFIX = "xlbokslut "  # how the styles show in Excel's style gallery

# Excel's built-in table styles: light for the tables people type into; for the results, a style whose header
# row is dark blue with white bold text, so that no cell of it needs a format of its own.
INPUT_TABLE_STYLE = "TableStyleLight1"
RESULT_TABLE_STYLE = "TableStyleMedium2"

SIGNED_FORMAT = '+0;"−"0;0'  # Mot mål: +10, −14, 0
CHANGE_FORMAT = '"▲ "+0;"▼ −"0;"▶ "0'  # the change against last year: ▲ +4, ▼ −3, ▶ 0
PERCENT_FORMAT = '0" %"'  # a whole percent stored as a number (77 → 77 %)


LINE_HEIGHT = 15  # points per line of 11-point text


def line_count(text: object, width: float) -> int:
    """How many lines a wrapped text takes in a column ``width`` characters wide (an estimate: Excel does not
    size rows for wrapped text that a program wrote)."""
    if not isinstance(text, str) or not text:
        return 1
    per_line = int(max(width, 1) * 1.15)
    if len(text) <= per_line and "\n" not in text:
        return 1
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))


def status_style(status: str | None) -> str:
    return f"status:{status}" if status in STATUS_STYLES else "status:"
