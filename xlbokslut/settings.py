"""The settings of tblInställningar, declared once: each field of ``Settings`` carries its row's name, default,
converter and help.

``SETTINGS`` lists the rows (for the template, the check and the reader); ``load.load_settings`` reads the table's
rows with each setting's own converter. A setting with a choice of values is an Enum (``VaravOf``).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from enum import Enum
from typing import Any, NamedTuple

from .values import ValueProblem, clean_text, parse_count, parse_number, parse_percent, parse_year, parse_yes_no


def text(raw: object) -> str:
    return clean_text(raw)


def prose(raw: object) -> str:
    """A text of paragraphs (lines typed with Alt+Enter): spacing within a line tidied, blank lines dropped."""
    lines = (" ".join(line.split()) for line in str(raw).splitlines())
    return "\n".join(line for line in lines if line)


MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december")


def date_text(raw: object) -> str:
    """A date as Swedish text (2022-03-15, as a date or as text → '15 mars 2022'); other text as typed."""
    text = clean_text(raw)
    if isinstance(raw, dt.date) or re.fullmatch(r"\d{4}-\d\d-\d\d( 00:00:00)?", text):
        try:
            date = raw if isinstance(raw, dt.date) else dt.date.fromisoformat(text[:10])
        except ValueError:
            return text
        return f"{date.day} {MONTHS[date.month - 1]} {date.year}"
    return text


def non_negative(raw: object) -> float:
    number = parse_number(raw)
    if number is None:
        raise ValueProblem("ett tal behövs")
    if number.value < 0:
        raise ValueProblem("får inte vara negativt")
    return number.value


def whole(raw: object) -> int:
    count = parse_count(raw)
    if count is None:
        raise ValueProblem("ett heltal behövs")
    return count


class VaravOf(Enum):
    """What the varav rows of Deltagare are a percentage of (the setting "Varav-rader i procent av")."""

    POSITIVE = "positiv lösning"
    ENDED = "avslutade"


def choice(options: type[Enum]) -> Callable[[object], Enum]:
    """A converter that takes one of an Enum's values, as text (case and spacing do not matter)."""
    def convert(raw: object) -> Enum:
        typed = " ".join(clean_text(raw).split()).casefold()
        for option in options:
            if option.value.casefold() == typed:
                return option
        raise ValueProblem(f"”{clean_text(raw)}” ska vara " + " eller ".join(f"”{o.value}”" for o in options))
    convert.options = tuple(o.value for o in options)  # type: ignore[attr-defined]
    return convert


def fraction(raw: object) -> float:
    """0–1, also typed as a percent (50 % = 0,5)."""
    percent = parse_percent(raw)
    if percent is None or not 0 <= percent <= 100:
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


def _row(name: str, default: object, convert: Callable[[object], object], help: str,
         warn_if_missing: bool = True) -> Any:
    """A field of ``Settings`` that declares its row of tblInställningar (everything but the field name)."""
    return dataclasses.field(default=default, metadata={"row": (name, convert, help, warn_if_missing)})


@dataclasses.dataclass(frozen=True)
class Settings:
    """The values of tblInställningar: each field is one row, declared here once with its default."""

    organisation: str = _row("Organisation", "", text, "Namnet som står på varje rapport.", False)
    year: str = _row("Verksamhetsår", "", parse_year, "Året som bokslutet gäller.", False)
    impact_target: float = _row("IMPACTindex mål", 70, non_negative,
                                "Målet för IMPACTindex, för helheten och för varje målområde.")
    near_pp: float = _row("Nära målet (procentenheter)", 3, non_negative,
                          "Marginal för ”Nära målet” för andels- och könstyperna, i procentenheter.")
    near_pct: float = _row("Nära målet (procent av målvärdet)", 5, non_negative,
                           "Marginal för ”Nära målet” för övriga typer, i procent av målvärdet.")
    near_points: float = _row("Poäng för nära målet", 0, fraction,
                              "Andel av vikten som ”Nära målet” ger, 0–1 (0 enligt den publicerade metoden).")
    weight_tolerance: float = _row("Viktningstolerans (procentenheter)", 5, non_negative,
                                   "Tillåten skillnad mellan ett målområdes målvikt och dess andel av maxpoängen.")
    round_shares: bool = _row("Jämför avrundade procent", True, parse_yes_no,
                              "Ja: andelar avrundas till hela procent (avrundning uppåt vid ,5) innan de jämförs "
                              "med målet, så som styrelsen läser dem.")
    use_near: bool = _row("Använd Nära målet", True, parse_yes_no,
                          "Nej: bara två färger, Uppnått och Ej uppnått, som i boksluten 2015–2018.", False)
    varav_of: VaravOf = _row("Varav-rader i procent av", VaravOf.POSITIVE, choice(VaravOf),
                             "Vad Andel (%) på Deltagares varav-rader (rad 5–9) räknas av: positiv lösning eller "
                             "avslutade.", False)
    unit_min_measured: float = _row("Minsta mätta vikt för en enhets index", 0.5, fraction,
                                    "En enhets (plattforms) IMPACTindex räknas över de indikatorer som mätts för "
                                    "enheten, och bara när de tillsammans har minst denna andel av budgetens vikt, "
                                    "0–1 (0,5 = hälften). Gäller också per målområde.", False)
    small_base: int = _row("Litet underlag (svar)", 30, whole,
                           "En andel, ett medelvärde eller en könsfördelning med färre svar än så får en notis om "
                           "litet underlag.", False)
    smallest_group: int = _row("Minsta grupp som redovisas (svar)", 5, whole,
                               "Styrelsens underlag visar inte enkätsiffrorna för en plattform eller ett kön med "
                               "färre svar än så (där står ”färre än 5 svar”), så att ingen svarande kan kännas "
                               "igen.", False)
    last_year: str = _row("Fjolårets arbetsbok", "", text,
                          "Förra årets bokslut (filnamn, gärna i samma mapp), för jämförelsen med fjolåret.", False)
    adopted: str = _row("Fastställt av styrelsen", "", date_text,
                        "Datum då styrelsen fastställde bokslutet; står på titelsidan i Word-dokumentet och på "
                        "webbsidan.", False)
    introduction: str = _row("Inledning", "", prose,
                             "Er egen inledning till bokslutet (t.ex. förbundschefens ord). Nytt stycke: Alt+Enter. "
                             "Står först i Word-dokumentet och på webbsidan.", False)
    closing: str = _row("Avslutning", "", prose,
                        "Ert avslutande ord. Nytt stycke: Alt+Enter. Står sist i Word-dokumentet och på webbsidan.",
                        False)


SETTINGS = tuple(Setting(f.metadata["row"][0], f.name, f.default, *f.metadata["row"][1:])
                 for f in dataclasses.fields(Settings))


def options(setting: Setting) -> tuple[str, ...]:
    """The values to pick from for a setting (its dropdown), or ()."""
    if setting.convert is parse_yes_no:
        return ("Ja", "Nej")
    return getattr(setting.convert, "options", ())


def show(value: object) -> str:
    """A setting's value as the Värde cell shows it."""
    return "Ja" if value is True else "Nej" if value is False else value.value if isinstance(value, Enum) \
        else str(value)


def as_cell(value: object) -> object:
    """A setting's value as written into a new workbook's Värde cell (numbers stay numbers, '' is empty)."""
    return show(value) if isinstance(value, (bool, Enum)) else None if value == "" else value


def fallback(setting: Setting) -> str:
    """What is used instead of a setting that is missing or wrong."""
    return f"standardvärdet {show(setting.default)} används" if setting.default != "" else "den lämnas tom"
