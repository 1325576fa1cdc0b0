"""The settings of tblInställningar as a declared table: name, field, default, converter and help, once.

``Settings`` is made from the table, so a default is written in one place; ``load_settings`` reads the
table's rows with each setting's own converter.
"""
from __future__ import annotations

from collections import namedtuple
from typing import NamedTuple
from collections.abc import Callable

from .issues import Issue
from .model import TableData
from .schema import norm_header
from .values import (ValueProblem, clean_text, is_blank, parse_count, parse_number, parse_percent, parse_year,
                     parse_yes_no)


def text(raw: object) -> str:
    return clean_text(raw)


def non_negative(raw: object) -> float:
    number = parse_number(raw)
    if number.value < 0:
        raise ValueProblem("får inte vara negativt")
    return number.value


def whole(raw: object) -> int:
    count = parse_count(raw)
    if count is None:
        raise ValueProblem("ett heltal behövs")
    return count


def choice(*options: str):
    """A converter that takes one of ``options`` (case and spacing do not matter)."""
    def convert(raw: object) -> str:
        typed = " ".join(clean_text(raw).split()).casefold()
        for option in options:
            if option.casefold() == typed:
                return option
        raise ValueProblem(f"”{clean_text(raw)}” ska vara " + " eller ".join(f"”{o}”" for o in options))
    convert.options = options
    return convert


def options(setting: Setting) -> tuple[str, ...]:
    """The values to pick from for a setting (its dropdown), or ()."""
    if setting.convert is parse_yes_no:
        return ("Ja", "Nej")
    return getattr(setting.convert, "options", ())


def fraction(raw: object) -> float:
    """0–1, also typed as a percent (50 % = 0,5)."""
    percent = parse_percent(raw)
    if not 0 <= percent <= 100:
        raise ValueProblem("ska vara mellan 0 och 1 (eller 0 % och 100 %)")
    return percent / 100


class Setting(NamedTuple):
    """One row of tblInställningar.

    Attributes:
        name: the Inställning text users see.
        field: the attribute on ``Settings``.
        default: used when the row is missing, blank or unreadable.
        convert: raw cell value → the setting's value; raises ValueProblem.
        help: a Swedish sentence for the Förklaring column.
        warn_if_missing: say so when the row is missing (the text settings need not be filled).
    """

    name: str
    field: str
    default: object
    convert: Callable[[object], object]
    help: str
    warn_if_missing: bool = True


SETTINGS = (
    Setting("Organisation", "organisation", "", text, "Namnet som står på varje rapport.", False),
    Setting("Verksamhetsår", "year", "", parse_year, "Året som bokslutet gäller.", False),
    Setting("IMPACTindex mål", "impact_target", 70, non_negative,
            "Målet för IMPACTindex, för helheten och för varje målområde."),
    Setting("Nära målet (procentenheter)", "near_pp", 3, non_negative,
            "Marginal för ”Nära målet” för andels- och könstyperna, i procentenheter."),
    Setting("Nära målet (procent av målvärdet)", "near_pct", 5, non_negative,
            "Marginal för ”Nära målet” för övriga typer, i procent av målvärdet."),
    Setting("Poäng för nära målet", "near_points", 0, fraction,
            "Andel av vikten som ”Nära målet” ger, 0–1 (0 enligt den publicerade metoden)."),
    Setting("Viktningstolerans (procentenheter)", "weight_tolerance", 5, non_negative,
            "Tillåten skillnad mellan ett målområdes målvikt och dess andel av maxpoängen."),
    Setting("Jämför avrundade procent", "round_shares", True, parse_yes_no,
            "Ja: andelar avrundas till hela procent (avrundning uppåt vid ,5) innan de jämförs med målet, "
            "så som styrelsen läser dem."),
    Setting("Använd Nära målet", "use_near", True, parse_yes_no,
            "Nej: bara två färger, Uppnått och Ej uppnått, som i boksluten 2015–2018.", False),
    Setting("Varav-rader i procent av", "varav_of", "positiv lösning", choice("positiv lösning", "avslutade"),
            "Vad Andel (%) på Deltagares varav-rader (rad 5–9) räknas av: positiv lösning eller avslutade.", False),
    Setting("Litet underlag (svar)", "small_base", 30, whole,
            "En andel, ett medelvärde eller en könsfördelning med färre svar än så får en notis om litet underlag.",
            False),
    Setting("Fjolårets arbetsbok", "last_year", "", text,
            "Förra årets bokslut (filnamn, gärna i samma mapp), för jämförelsen med fjolåret.", False),
)

Settings = namedtuple("Settings", [s.field for s in SETTINGS], defaults=[s.default for s in SETTINGS])
Settings.__doc__ = "The values of tblInställningar (defaults from SETTINGS)."
Settings.__module__ = __name__


def show(value: object) -> str:
    return "Ja" if value is True else "Nej" if value is False else str(value)


def _fallback(setting: Setting) -> str:
    return f"standardvärdet {show(setting.default)} används" if setting.default != "" else "den lämnas tom"


def load_settings(table: TableData | None, issues: list[Issue]) -> Settings:
    values: dict[str, object] = {}
    by_name = {}
    if table is not None:
        for row in table.rows:
            cell = row.get("Inställning")
            by_name.setdefault(norm_header(clean_text(cell.value) if cell else ""), row)
    for setting in SETTINGS:
        row = by_name.get(norm_header(setting.name))
        cell = row.get("Värde") if row else None
        if cell is None or is_blank(cell.value):
            if setting.warn_if_missing and table is not None:
                issues.append(Issue.warning(table.sheet, f"Inställningen ”{setting.name}” saknas; {_fallback(setting)}"))
            continue
        try:
            values[setting.field] = setting.convert(cell.value)
        except ValueProblem as problem:
            issues.append(Issue(cell.where, f"{setting.name}: {problem}; {_fallback(setting)}"))
    return Settings(**values)
