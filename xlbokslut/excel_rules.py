"""Excel's rules for what a workbook may hold, in one place: sheet names, page headers and footers, defined
names, a cell's text and the sheet's bounds. Every writer and every name xlbokslut builds asks this module;
user-facing reasons are Swedish sentences."""
from __future__ import annotations

import re
from collections.abc import Iterable

from .values import counted, fmt_int

MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384  # column XFD
MAX_CELL_TEXT = 32_767  # characters in one cell
MAX_SHEET_NAME = 31  # UTF-16 code units, as Excel counts
MAX_HEADER_FOOTER = 255  # characters of one page header or footer, its &-codes included
MAX_DEFINED_NAME = 255
MAX_PROPERTY = 255  # a document property of an Office file (title, author)
SHEET_NAME_FORBIDDEN = "[]:*?/\\"
RESERVED_SHEET_NAMES = ("History",)  # Excel keeps it for change tracking
_FORBIDDEN = re.compile("[" + re.escape(SHEET_NAME_FORBIDDEN) + "\x00-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_CELL_LIKE = re.compile(r"^(?:[A-Za-z]{1,3}\d+|[RrCc]|[Rr]\d*[Cc]\d*)$")
_NAME = re.compile(r"^[A-Za-z_\\\u00c0-\uffff][\w.\\\u00c0-\uffff]*$")
ELLIPSIS = "…"


def utf16_length(text: str) -> int:
    """The length Excel sees: characters outside the basic plane (emoji) count twice."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _cut_utf16(text: str, units: int) -> str:
    """The longest start of ``text`` of at most ``units`` UTF-16 units (an emoji is never split)."""
    out, used = [], 0
    for ch in text:
        used += 2 if ord(ch) > 0xFFFF else 1
        if used > units:
            break
        out.append(ch)
    return "".join(out)


def sheet_name_problem(name: str, taken: Iterable[str] = ()) -> str | None:
    """Why Excel would refuse ``name`` as a sheet's name (in a workbook whose sheets are ``taken``), or None."""
    if not name.strip():
        return "ett bladnamn får inte vara tomt"
    if utf16_length(name) > MAX_SHEET_NAME:
        return f"ett bladnamn får vara högst {MAX_SHEET_NAME} tecken (”{name}” har {utf16_length(name)})"
    if _FORBIDDEN.search(name):
        return "ett bladnamn får inte innehålla styrtecken eller något av tecknen " + " ".join(SHEET_NAME_FORBIDDEN)
    if name.startswith("'") or name.endswith("'"):
        return "ett bladnamn får inte börja eller sluta med apostrof (')"
    if name.casefold() in {n.casefold() for n in RESERVED_SHEET_NAMES}:
        return f"Excel reserverar bladnamnet ”{name}”"
    if name.casefold() in {t.casefold() for t in taken}:
        return f"bladet ”{name}” finns redan (stora och små bokstäver räknas lika)"
    return None


def sheet_name(title: str, taken: Iterable[str] = ()) -> str:
    """A sheet name Excel accepts made from ``title``: forbidden characters as ``-``, no apostrophe first or
    last, at most 31 UTF-16 units, and unique ignoring case among ``taken`` (``Titel 2``, ``Titel 3`` …)."""
    used = {t.casefold() for t in taken} | {n.casefold() for n in RESERVED_SHEET_NAMES}
    base = " ".join(_FORBIDDEN.sub("-", title).split()).strip("' ") or "Blad"
    name, n = _cut_utf16(base, MAX_SHEET_NAME).rstrip("' "), 2
    while name.casefold() in used:
        suffix = f" {n}"
        name = _cut_utf16(base, MAX_SHEET_NAME - len(suffix)).rstrip("' ") + suffix
        n += 1
    return name


def header_footer(text: str, codes: str = "") -> str:
    """A page header or footer section: ``codes`` (``&C``, ``&P``: written as they are) then ``text`` with its
    ``&`` doubled (so Excel prints it instead of reading a code), cut with … to Excel's 255 characters."""
    escaped = text.replace("&", "&&")
    room = MAX_HEADER_FOOTER - len(codes)
    if len(escaped) > room:
        cut = text
        while len(cut.replace("&", "&&")) + len(ELLIPSIS) > room:
            cut = cut[:-1]
        escaped = cut.rstrip().replace("&", "&&") + ELLIPSIS
    return codes + escaped


def shortened(text: str, longest: int) -> str:
    """``text`` cut with … to ``longest`` UTF-16 units (Office counts them)."""
    if len(text) <= longest // 2 or utf16_length(text) <= longest:
        return text
    return _cut_utf16(text, longest - len(ELLIPSIS)) + ELLIPSIS


def cell_text(text: str) -> str:
    """Text for one cell: cut with … to Excel's 32 767 characters."""
    return shortened(text, MAX_CELL_TEXT)


def defined_name_problem(name: str) -> str | None:
    """Why Excel would refuse ``name`` for a defined name or a table, or None."""
    if not name or len(name) > MAX_DEFINED_NAME:
        return f"ett namn ska ha 1–{MAX_DEFINED_NAME} tecken"
    if not _NAME.match(name) or _CELL_LIKE.match(name):
        return (f"”{name}” går inte som namn: det ska börja med en bokstav eller _, får inte innehålla mellanslag "
                "och får inte se ut som en cellreferens")
    return None


def bounds_problem(rows: int, columns: int, what: str) -> str | None:
    """Why ``rows`` × ``columns`` does not fit on one sheet, or None (``what``: the thing that is too large)."""
    if columns > MAX_COLUMNS:
        return (f"{what} har {columns:,} kolumner; ett Excel-blad rymmer högst {MAX_COLUMNS:,} (till kolumn "
                "XFD)").replace(",", " ")
    if rows > MAX_ROWS:
        return f"{what} har {counted(rows, 'rad', 'rader')}; ett Excel-blad rymmer högst {fmt_int(MAX_ROWS)}"
    return None
