"""The workbook contract (docs/ARBETSBOKEN.md) as data: sheets, tables, columns, kinds, settings.

The template, the reader, the writer and the documentation all take their
names from here, so a name is spelled in one place only.
"""
from __future__ import annotations

from dataclasses import dataclass

# --- statuses -------------------------------------------------------------------------------
REACHED = "Uppnått"
NEAR = "Nära målet"
NOT_REACHED = "Ej uppnått"
MISSING = "Mätning saknas"
INPUT_ERROR = "Fel i indata"
STATUSES = (REACHED, NEAR, NOT_REACHED, MISSING, INPUT_ERROR)

TOTAL_UNIT = "Totalt"  # the unit name of the förbund's total rows in tblDeltagare
TOTAL_ROW = "Totalt"  # the Nr of the last row in tblResultatMålområden


# --- tables ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Column:
    """A column of a contract table.

    Attributes:
        header: the header text users see (the contract's spelling).
        width: column width in the template, in Excel's characters.
        written: True for the columns xlbokslut writes (never typed by people).
        help: a Swedish sentence for the Instruktioner sheet and the header comment.
    """

    header: str
    width: float = 14
    written: bool = False
    help: str = ""

    @property
    def wraps(self) -> bool:
        """Long-text columns wrap on the sheets xlbokslut writes."""
        return self.width >= 40


@dataclass(frozen=True)
class Table:
    name: str
    sheet: str
    columns: tuple[Column, ...]
    title: str = ""

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    @property
    def input_headers(self) -> list[str]:
        return [c.header for c in self.columns if not c.written]


SETTINGS_TABLE = Table("tblInställningar", "Inställningar", (
    Column("Inställning", 40), Column("Värde", 34), Column("Förklaring", 90)),
    "Inställningar för årets bokslut")

AREAS_TABLE = Table("tblMålområden", "Målområden", (
    Column("Nr", 8, help="Målområdets nummer, 1, 2, 3 …"),
    Column("Målområde", 40, help="Målområdets namn."),
    Column("Målvikt (%)", 14, help="Hur stor del av det totala impactvärdet området ska väga."),
), "Målområden och målvikter")

BUDGET_TABLE = Table("tblBudget", "Budget", (
    Column("Målområde", 12, help="Målområdets Nr (se bladet Målområden). Tom cell = samma som raden ovanför."),
    Column("Mål-nr", 9, help="T.ex. 1.2. Tom cell = samma som raden ovanför."),
    Column("Socialt mål", 42, help="Målets mening. Tom cell = samma som raden ovanför."),
    Column("Indikator-nr", 12, help="Unikt, t.ex. 1.2.1. Verifikationerna pekar hit."),
    Column("Indikator", 60, help="Indikatorns mening, som i den sociala budgeten."),
    Column("Typ", 30, help="Indikatorns typ, välj i listan."),
    Column("Målvärde", 11, help="Målet i typens enhet, t.ex. 80 eller 80 %. Tomt för Ja/Nej."),
    Column("Övre gräns", 11, help="Bara för Könsfördelning: zonens övre gräns, t.ex. 60."),
    Column("Vikt", 8, help="Impactpoäng, ett heltal ≥ 0 (0 = visas men räknas inte)."),
    Column("Källa", 22, help="Svarsgrupp eller datakälla."),
    Column("Kommentar", 30),
), "Social budget: mål och indikatorer")

VERIFICATIONS_TABLE = Table("tblVerifikationer", "Verifikationer", (
    Column("Indikator-nr", 12, help="Indikatorn i Budget som raden redovisar utfallet för."),
    Column("Enhet", 16, help="Tom = hela förbundet; annars plattformen/enheten (delbokslut)."),
    Column("Täljare", 10, help="n av N: antal som svarat positivt (går även att skriva ”52 av 54”)."),
    Column("Nämnare", 10, help="N: antal som svarat."),
    Column("Värde", 12, help="Antal, medelvärde, värde, nuvarande värde eller Ja/Nej."),
    Column("Jämförelsevärde", 15, help="Utgångsvärdet (föregående år) för minskningar."),
    Column("Kvinnor", 10, help="Antal kvinnor (positiva svar bland kvinnor för Könsskillnad)."),
    Column("Kvinnor av", 11, help="Antal kvinnor som svarat (Könsskillnad)."),
    Column("Män", 10, help="Antal män (positiva svar bland män för Könsskillnad)."),
    Column("Män av", 10, help="Antal män som svarat (Könsskillnad)."),
    Column("Hämta från", 30, help="Välj i listan för att hämta utfallet från bladet Deltagare eller "
                                  "Helårsekvivalenter i stället för att skriva det (Enhet väljer plattform)."),
    Column("Verifikation", 36, help="Var beviset finns: enkät och fråga, flik i pärmen, fil."),
    Column("Kommentar", 30),
    Column("Utfall", 46, written=True, help="Skrivs av xlbokslut."),
    Column("Status", 16, written=True, help="Skrivs av xlbokslut, färgad."),
), "Verifikationer: utfallen")

PARTICIPANTS_TABLE = Table("tblDeltagare", "Deltagare", (
    Column("Enhet", 18, help="Plattformen/enheten. Enheten Totalt summeras av xlbokslut."),
    Column("Kategori", 46, help="En av de tolv kategorierna, välj i listan."),
    Column("Kvinnor", 10),
    Column("Män", 10),
    Column("Föregående år", 14, help="Förra årets värde: antal på rad 1–2, procent på rad 4–11."),
    Column("Totalt", 10, written=True, help="Skrivs av xlbokslut: Kvinnor + Män."),
    Column("Andel (%)", 11, written=True, help="Skrivs av xlbokslut (rad 4–11)."),
    Column("Kontroll", 50, written=True, help="Skrivs av xlbokslut: kontroller som inte stämmer."),
), "Deltagarna i siffror")

BACKGROUND_TABLE = Table("tblBakgrund", "Bakgrund", (
    Column("Tabell", 24, help="Tabellens namn, t.ex. Åldersintervall, Utbildningsnivå, Försörjningskälla före."),
    Column("Kategori", 36, help="T.ex. 20–24 år. En rad Totalt per tabell fylls i (eller kontrolleras) av xlbokslut."),
    Column("Kvinnor", 10),
    Column("Män", 10),
    Column("Totalt", 10, written=True, help="Skrivs av xlbokslut: Kvinnor + Män."),
), "Deltagarnas bakgrund")

EQUIVALENTS_TABLE = Table("tblHelårsekvivalenter", "Helårsekvivalenter", (
    Column("Kommun", 18),
    Column("År", 8),
    Column("Helårsekvivalenter", 18, help="Antal helårsekvivalenter 20–64 år (SCB)."),
    Column("Befolkning 20–64 år", 18),
    Column("Andel (%)", 11, written=True, help="Skrivs av xlbokslut: helårsekvivalenter / befolkning."),
    Column("Förändring (procentenheter)", 16, written=True,
           help="Skrivs av xlbokslut: andelen minus föregående års andel för samma kommun."),
), "Helårsekvivalenter som andel av befolkningen 20–64 år")

RESULT_AREAS_TABLE = Table("tblResultatMålområden", "Resultat", (
    Column("Enhet", 14, True), Column("Nr", 8, True), Column("Målområde", 32, True),
    Column("Antal mål", 10, True), Column("Antal indikatorer", 12, True),
    Column("Max impactvärde", 12, True), Column("Uppnått impactvärde", 12, True),
    Column("Andel uppnådda indikatorer (%)", 14, True), Column("IMPACTindex", 12, True),
    Column("Mot mål", 10, True), Column("Målvikt (%)", 10, True), Column("Faktisk vikt (%)", 10, True),
    Column("Viktkontroll", 44, True),
), "IMPACTindex per målområde")

RESULT_INDICATORS_TABLE = Table("tblResultatIndikatorer", "Resultat", (
    Column("Målområde", 12, True), Column("Mål-nr", 8, True), Column("Indikator-nr", 12, True),
    Column("Indikator", 50, True), Column("Enhet", 14, True), Column("Mål", 22, True),
    Column("Utfall", 40, True), Column("Utfall (%)", 10, True), Column("Status", 16, True),
    Column("Poäng", 8, True), Column("Max poäng", 10, True), Column("Kontroll", 60, True),
), "Indikatorer")

RESULT_PARTICIPANTS_TABLE = Table("tblResultatDeltagare", "Resultat", (
    Column("Enhet", 16, True), Column("Deltagare", 10, True), Column("varav nya", 10, True),
    Column("Avslutade", 10, True), Column("Genomströmning", 22, True), Column("Positiv lösning", 22, True),
    Column("Till arbete (%)", 10, True), Column("Till studier (%)", 10, True), Column("Kvar", 8, True),
    Column("Kontroll", 44, True),
), "Deltagarna i siffror")

PROBLEMS_TABLE = Table("tblIndataproblem", "Indataproblem", (
    Column("Nivå", 10, True), Column("Plats", 22, True), Column("Problem", 100, True),
), "Problem i indata att rätta")

# The Verifikationer columns that hold an outcome (what the indicator kinds read).
OUTCOME_COLUMNS = ("Täljare", "Nämnare", "Värde", "Jämförelsevärde", "Kvinnor", "Kvinnor av", "Män", "Män av")

INPUT_TABLES = (SETTINGS_TABLE, AREAS_TABLE, BUDGET_TABLE, VERIFICATIONS_TABLE, PARTICIPANTS_TABLE,
                BACKGROUND_TABLE, EQUIVALENTS_TABLE)
RESULT_SHEET = "Resultat"
RECORD_SHEET = "_xlbokslut"  # hidden: the cells of typed columns that xlbokslut filled, to tell them from typed ones
RECORD_HEADERS = ("Tabell", "Grupp", "Kategori", "Kolumn", "Värde")
PROBLEMS_SHEET = "Indataproblem"
INSTRUCTIONS_SHEET = "Instruktioner"

# --- settings ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class SettingSpec:
    """One row of tblInställningar: ``field`` is the name on ``model.Settings``."""

    name: str
    field: str
    default: object
    kind: str  # "text", "number", "fraction" (0–1, also typed as a percent), "yes_no"
    help: str


SETTINGS = (
    SettingSpec("Organisation", "organisation", "", "text", "Namnet som står på varje rapport."),
    SettingSpec("Verksamhetsår", "year", "", "text", "Året som bokslutet gäller."),
    SettingSpec("IMPACTindex mål", "impact_target", 70, "number",
                "Målet för IMPACTindex, för helheten och för varje målområde."),
    SettingSpec("Nära målet (procentenheter)", "near_pp", 3, "number",
                "Marginal för ”Nära målet” för andels- och könstyperna, i procentenheter."),
    SettingSpec("Nära målet (procent av målvärdet)", "near_pct", 5, "number",
                "Marginal för ”Nära målet” för övriga typer, i procent av målvärdet."),
    SettingSpec("Poäng för nära målet", "near_points", 0, "fraction",
                "Andel av vikten som ”Nära målet” ger, 0–1 (0 enligt den publicerade metoden)."),
    SettingSpec("Viktningstolerans (procentenheter)", "weight_tolerance", 5, "number",
                "Tillåten skillnad mellan ett målområdes målvikt och dess andel av maxpoängen."),
    SettingSpec("Jämför avrundade procent", "round_shares", True, "yes_no",
                "Ja: andelar avrundas till hela procent (avrundning uppåt vid ,5) innan de jämförs med målet, "
                "så som styrelsen läser dem."),
)


# --- indicator kinds -------------------------------------------------------------------------
PP = "pp"  # margin for "Nära målet" in percentage points
REL = "rel"  # margin in percent of the target


@dataclass(frozen=True)
class Kind:
    """An indicator kind (Typ).

    Attributes:
        name: the Typ text users pick.
        reads: the Verifikationer columns it needs.
        margin: PP, REL, or '' (no "Nära målet").
        percent_target: Målvärde (and Övre gräns) is a percent; 0 < x ≤ 1 reads as a fraction.
        summable: the förbund outcome may be summed from the units' rows.
        unit: how the target is printed after the number.
        help: one Swedish sentence for the Instruktioner sheet.
    """

    name: str
    reads: tuple[str, ...]
    margin: str
    percent_target: bool
    summable: bool
    unit: str
    help: str


KINDS = (
    Kind("Andel minst", ("Täljare", "Nämnare"), PP, True, True, " %",
         "Täljare av Nämnare i procent ska vara minst Målvärde."),
    Kind("Andel högst", ("Täljare", "Nämnare"), PP, True, True, " %",
         "Täljare av Nämnare i procent får vara högst Målvärde."),
    Kind("Antal minst", ("Värde",), REL, False, True, "",
         "Ett antal (Värde) ska vara minst Målvärde."),
    Kind("Antal högst", ("Värde",), REL, False, True, "",
         "Ett antal (Värde) får vara högst Målvärde."),
    Kind("Medelvärde minst", ("Värde",), REL, False, False, "",
         "Ett medelvärde (Värde; Nämnare = antal svar om du vill) ska vara minst Målvärde."),
    Kind("Värde minst", ("Värde",), REL, False, False, "",
         "Ett värde (Värde) ska vara minst Målvärde."),
    Kind("Värde högst", ("Värde",), REL, False, False, "",
         "Ett värde (Värde) får vara högst Målvärde."),
    Kind("Könsfördelning", ("Kvinnor", "Män"), PP, True, True, " %",
         "Andelen kvinnor och andelen män (av Kvinnor + Män) ska båda ligga mellan Målvärde och Övre gräns."),
    Kind("Könsskillnad högst", ("Kvinnor", "Kvinnor av", "Män", "Män av"), PP, True, True, " procentenheter",
         "Skillnaden mellan kvinnornas andel (Kvinnor av Kvinnor av) och männens (Män av Män av) "
         "får vara högst Målvärde procentenheter."),
    Kind("Minskning minst", ("Värde", "Jämförelsevärde"), REL, True, False, " %",
         "Värdet ska ha minskat med minst Målvärde procent från Jämförelsevärde."),
    Kind("Minskning minst procentenheter", ("Värde", "Jämförelsevärde"), REL, True, False, " procentenheter",
         "En andel i procent (Värde) ska ha minskat med minst Målvärde procentenheter från Jämförelsevärde "
         "(och minskat över huvud taget)."),
    Kind("Ja/Nej", ("Värde",), "", False, False, "",
         "Värde Ja (eller 1, sant) betyder uppnått, Nej ej uppnått."),
)
KINDS_BY_NAME = {k.name.casefold(): k for k in KINDS}
YES_NO = "Ja/Nej"


def find_kind(text: str) -> Kind | None:
    return KINDS_BY_NAME.get(" ".join(text.split()).casefold())


def norm_header(text: object) -> str:
    """How headers and setting names are matched: spacing and case do not matter."""
    return " ".join(str(text).split()).casefold() if text is not None else ""


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
