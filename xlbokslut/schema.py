"""The workbook contract (docs/ARBETSBOKEN.md) as data: sheets, tables and columns (from contract.toml), and the
indicator kinds.

The template, the reader, the writer and the documentation all take their
names from here, so a name is spelled in one place only.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple, TypeVar

from .kinds import AT_MOST, Count, Decrease, DecreasePoints, GenderBalance, GenderGap, Kind, Mean, Share, \
    Value, YesNo
from .model import INPUT_ERROR, MISSING, NEAR, NOT_REACHED, REACHED, STATUSES  # noqa: F401 (the contract's words)
from .values import norm_header  # noqa: F401 (how the contract's names are matched)

V = TypeVar("V")
TOTAL_UNIT = "Totalt"  # the unit name of the förbund's total rows in tblDeltagare
TOTAL_ROW = "Totalt"  # the Nr of the last row in tblResultatMålområden


# --- tables ----------------------------------------------------------------------------------
class Column(NamedTuple):
    """A column of a contract table.

    Attributes:
        header: the header text users see (the contract's spelling).
        width: column width in the template, in Excel's characters.
        optional: True for the columns a user may delete without losing anything the evaluation needs.
        outcome: True for the Verifikationer columns that hold an outcome (what the indicator kinds read).
        written: True for the columns xlbokslut writes (never typed by people).
        help: a Swedish sentence for the Instruktioner sheet and the header comment.
    """

    header: str
    width: float = 14
    optional: bool = False
    outcome: bool = False
    written: bool = False
    help: str = ""


class Table(NamedTuple):
    """A contract table: its columns in the contract's order (contract.toml), the one order every writer follows."""

    name: str
    sheet: str
    columns: tuple[Column, ...]
    title: str = ""

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    @property
    def label(self) -> str:
        """How a message names the table: by its title, never by its internal name (tblBudget)."""
        return f"tabellen ”{self.title}”"

    @property
    def input_headers(self) -> list[str]:
        return [c.header for c in self.columns if not c.written]

    @property
    def required_headers(self) -> list[str]:
        return [c.header for c in self.columns if not c.optional]

    @property
    def written_headers(self) -> list[str]:
        return [c.header for c in self.columns if c.written]

    def row(self, values: Mapping[str, object], typed: bool = False) -> list[object]:
        """A row given by header, laid out in the table's column order. Every header is given once, and nothing
        else; ``typed``: a row of what people type, where a header left out (or a written one) is a blank cell."""
        return in_order(self.input_headers if typed else self.headers, values, self.name, typed, self.headers)

    def each(self, value: V) -> dict[str, V]:
        """``value`` under every header (a row's styles, before the cells that differ)."""
        return dict.fromkeys(self.headers, value)


def in_order(headers: Sequence[str], values: Mapping[str, object], what: str, partial: bool = False,
             layout: Sequence[str] | None = None) -> list[object]:
    """``values`` (by header) in the order of ``layout`` (default: ``headers``); raises ValueError when a key is
    not one of ``headers`` or, unless ``partial``, a header has no value: a column added to a table is then
    either computed by every writer or fails loudly, never written shifted or silently blank."""
    if not isinstance(values, Mapping):
        raise ValueError(f"{what}: a row is given by header (a mapping), not by position: {values!r}")
    unknown = [k for k in values if k not in headers]
    missing = [] if partial else [h for h in headers if h not in values]
    if unknown or missing:
        raise ValueError(f"{what}: " + "; ".join(
            part for part in (f"no such column {unknown}" if unknown else "",
                              f"no value for {missing}" if missing else "") if part))
    return [values.get(h) for h in (layout or headers)]


def _load_tables() -> dict[str, Table]:
    import tomllib
    from pathlib import Path

    contract = tomllib.loads((Path(__file__).parent / "contract.toml").read_text(encoding="utf-8"))
    return {t["name"]: Table(t["name"], t["sheet"], tuple(Column(**c) for c in t["columns"]), t["title"])
            for t in contract["table"]}


TABLES = _load_tables()
# the tables people type into
SETTINGS_TABLE = TABLES["tblInställningar"]
AREAS_TABLE = TABLES["tblMålområden"]
BUDGET_TABLE = TABLES["tblBudget"]
VERIFICATIONS_TABLE = TABLES["tblVerifikationer"]
PARTICIPANTS_TABLE = TABLES["tblDeltagare"]
BACKGROUND_TABLE = TABLES["tblBakgrund"]
EQUIVALENTS_TABLE = TABLES["tblHelårsekvivalenter"]
EXAMPLES_TABLE, SURVEY_TABLE = TABLES["tblExempel"], TABLES["tblEnkätfrågor"]
# the tables xlbokslut writes
RESULT_AREAS_TABLE = TABLES["tblResultatMålområden"]
RESULT_INDICATORS_TABLE = TABLES["tblResultatIndikatorer"]
RESULT_PARTICIPANTS_TABLE = TABLES["tblResultatDeltagare"]
PROBLEMS_TABLE = TABLES["tblIndataproblem"]

# The Verifikationer columns that hold an outcome (what the indicator kinds read), in the contract's order.
OUTCOME_COLUMNS = tuple(c.header for c in VERIFICATIONS_TABLE.columns if c.outcome)

INPUT_TABLES = (SETTINGS_TABLE, AREAS_TABLE, BUDGET_TABLE, VERIFICATIONS_TABLE, PARTICIPANTS_TABLE,
                BACKGROUND_TABLE, EQUIVALENTS_TABLE, EXAMPLES_TABLE, SURVEY_TABLE)
RESULT_SHEET = "Resultat"
RECORD_SHEET = "_xlbokslut"  # hidden: the cells of typed columns that xlbokslut filled, to tell them from typed ones
RECORD_HEADERS = ("Tabell", "Grupp", "Kategori", "Kolumn", "Värde")
PROBLEMS_SHEET = "Indataproblem"
INSTRUCTIONS_SHEET = "Instruktioner"

# --- indicator kinds: the only place a kind's name is spelled -------------------------------------
SHARE_AT_LEAST = Share("Andel minst", "Täljare av Nämnare i procent ska vara minst Målvärde.")
SHARE_AT_MOST = Share("Andel högst", "Täljare av Nämnare i procent får vara högst Målvärde.", AT_MOST)
COUNT_AT_LEAST = Count("Antal minst", "Ett antal (Värde) ska vara minst Målvärde.")
COUNT_AT_MOST = Count("Antal högst", "Ett antal (Värde) får vara högst Målvärde.", AT_MOST)
MEAN_AT_LEAST = Mean("Medelvärde minst",
                     "Ett medelvärde (Värde; Nämnare = antal svar om du vill) ska vara minst Målvärde.")
VALUE_AT_LEAST = Value("Värde minst", "Ett värde (Värde) ska vara minst Målvärde.")
VALUE_AT_MOST = Value("Värde högst", "Ett värde (Värde) får vara högst Målvärde.", AT_MOST)
GENDER_BALANCE = GenderBalance("Könsfördelning", "Andelen kvinnor och andelen män (av Kvinnor + Män) ska båda "
                                                 "ligga mellan Målvärde och Övre gräns.")
GENDER_GAP = GenderGap("Könsskillnad högst", "Skillnaden mellan kvinnornas andel (Kvinnor av Kvinnor av) och "
                                             "männens (Män av Män av) får vara högst Målvärde procentenheter.",
                       AT_MOST)
DECREASE = Decrease("Minskning minst", "Värdet ska ha minskat med minst Målvärde procent från Jämförelsevärde.")
DECREASE_POINTS = DecreasePoints("Minskning minst procentenheter",
                                 "En andel i procent (Värde) ska ha minskat med minst Målvärde procentenheter från "
                                 "Jämförelsevärde (och minskat över huvud taget).")
YES_NO = YesNo("Ja/Nej", "Värde Ja (eller 1, sant) betyder uppnått, Nej ej uppnått.")

KINDS: tuple[Kind, ...] = (SHARE_AT_LEAST, SHARE_AT_MOST, COUNT_AT_LEAST, COUNT_AT_MOST, MEAN_AT_LEAST,
                           VALUE_AT_LEAST, VALUE_AT_MOST, GENDER_BALANCE, GENDER_GAP, DECREASE, DECREASE_POINTS,
                           YES_NO)
KINDS_BY_NAME = {k.name.casefold(): k for k in KINDS}


def find_kind(text: str) -> Kind | None:
    return KINDS_BY_NAME.get(" ".join(text.split()).casefold())


# --- participants ----------------------------------------------------------------------------
PARTICIPANT_CATEGORIES = (
    "Antal deltagare hela året",
    "varav nya för året",
    "Totalt antal avslutade hela året",
    "Avslutade till en för individen positiv lösning",
    "varav till arbete",
    "varav till extratjänster",
    "varav till studier",
    "varav fortsatt rehab och öppet a-sök",
    "varav saknar arbetsförmåga",
    "Avbrott av hälsoskäl",
    "Övriga avbrott",
    "Antal kvar i verksamheten",
)
