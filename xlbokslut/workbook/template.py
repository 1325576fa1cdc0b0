"""Builds the input workbook (the template, and the bundled example) from schema.py.

``python -m xlbokslut.workbook.template`` regenerates workbook_templates/socialt_bokslut_mall.xlsx.
"""
from __future__ import annotations

from pathlib import Path
from typing import NamedTuple
from collections.abc import Mapping, Sequence

from ..layout import Dropdown, Grid, SheetLayout, TableSpan, cell
from ..links import link_options
from ..model import STATUSES, column_letter
from ..participants import PREVIOUS, PREVIOUS_RULE
from ..ooxml.newbook import write_workbook
from ..safefile import write_atomically
from ..schema import (AREAS_TABLE, BACKGROUND_TABLE, BUDGET_TABLE, DECREASE_POINTS, EQUIVALENTS_TABLE, EXAMPLES_TABLE,
                      GENDER_BALANCE, GENDER_GAP,
                      INSTRUCTIONS_SHEET, KINDS, PARTICIPANT_CATEGORIES, PARTICIPANTS_TABLE, PROBLEMS_SHEET,
                      PROBLEMS_TABLE, RESULT_AREAS_TABLE, RESULT_INDICATORS_TABLE, RESULT_SHEET, SETTINGS_TABLE,
                      SHARE_AT_LEAST, SHARE_AT_MOST, SURVEY_TABLE, VERIFICATIONS_TABLE, YES_NO, Table)
from ..settings import SETTINGS, as_cell, options
from ..styles import INPUT_TABLE_STYLE, LINE_HEIGHT, STATUS_SYMBOLS, line_count
from .surveys import answer_layout
from .writeback import Block, lay_out

HEADER_ROW = 4  # rows 1–3: title, help line, "written by xlbokslut" markers
BLANK_ROWS = 15  # empty table rows below the data, ready to type into
VALIDATION_ROWS = 2000
LISTS_SHEET = "Listor"
TEMPLATE_PATH = Path(__file__).resolve().parents[2] / "workbook_templates" / "socialt_bokslut_mall.xlsx"

SHEET_HELP = {
    SETTINGS_TABLE.name: "Fyll i organisation och år. Övriga värden är metodens standard; ändra bara om styrelsen "
                         "beslutat annat.",
    AREAS_TABLE.name: "Ett målområde per rad. Målvikterna ska tillsammans bli 100 %.",
    BUDGET_TABLE.name: "En rad per indikator. Tomma celler i Målområde, Mål-nr och Socialt mål ärver värdet "
                       "från raden ovanför.",
    VERIFICATIONS_TABLE.name: "En rad per indikator (och enhet för delbokslut). Fyll i de kolumner som "
                              "indikatorns typ läser; Utfall och Status skriver xlbokslut.",
    PARTICIPANTS_TABLE.name: "En rad per enhet och kategori. Totalt, Andel (%) och Kontroll skriver xlbokslut; "
                             "enheten Totalt (hela förbundet) summerar xlbokslut.",
    BACKGROUND_TABLE.name: "Deltagarnas bakgrund: valfria tabeller (ålder, utbildning, försörjning …), en rad per "
                           "kategori. Raden Totalt per tabell fyller xlbokslut i.",
    EXAMPLES_TABLE.name: "Skriftliga exempel (framgångsbeskrivningar, goda exempel), ett per rad. En indikator av typen "
                         "Antal kan räkna dem: välj Exempel i kolumnen Hämta från på bladet Verifikationer.",
    EQUIVALENTS_TABLE.name: "SCB:s helårsekvivalenter per kommun och år. Andel och förändring mot föregående år "
                            "skriver xlbokslut.",
    SURVEY_TABLE.name: "En rad per indikator som räknas ur enkätsvar: bladet med svaren, frågans kolumnrubrik och "
                       "vilka svar som räknas. xlbokslut räknar n av N; skriv inget utfall för den i Verifikationer.",
}

INSTRUCTIONS = [
    ("title", "Socialt bokslut med xlbokslut"),
    ("text", "Den här arbetsboken är underlaget för årets sociala bokslut. Du skriver in den sociala budgeten "
             "och utfallen; xlbokslut räknar ut varje indikators status, procentsatserna och IMPACTindex och "
             "skriver resultatet tillbaka hit, på bladen Resultat och Indataproblem."),
    ("heading", "Så här går året till"),
    ("text", "1. Inställningar: skriv organisationens namn och verksamhetsåret."),
    ("text", "2. Målområden: ett målområde per rad med nummer, namn och målvikt (tillsammans 100 %)."),
    ("text", "3. Budget: den sociala budget som styrelsen antagit, en rad per indikator: målområdets nummer, "
             "Mål-nr, socialt mål, Indikator-nr, indikatorns text, typ, målvärde och vikt (impactpoäng)."),
    ("text", "4. Verifikationer: under och efter året, en rad per indikator med utfallet (t.ex. 81 av 93) och "
             "var verifikationen finns. Lämna Enhet tom för hela förbundet; skriv plattformens namn för ett "
             "delbokslut."),
    ("text", "5. Deltagare: antal deltagare och avslut per plattform, kvinnor och män, med förra årets värde. "
             "xlbokslut räknar Totalt, andelarna och förbundets summa (enheten Totalt) och kontrollerar att "
             "raderna går ihop. Bakgrund och Helårsekvivalenter fylls i på samma sätt."),
    ("text", "Föregående år på bladet Deltagare: antal på rad 1–2 (deltagare, nya), procent på rad 4–11 (62 eller "
             "62 %), tomt på övriga rader och på egna kategorier. Förbundets antal på rad 1–2 fyller xlbokslut i "
             "som summan av enheternas; dess procent går inte att räkna ut ur enheternas och hämtas ur Fjolårets "
             "arbetsbok om den är angiven, annars skriver du dem. Ett värde som inte kan stämma (över 100 % på rad "
             "4–11, procent på rad 1–2, fler nya än deltagare) nämns på bladet Indataproblem och skrivs inte i "
             "styrelsens underlag."),
    ("text", "Hämta från: i stället för att skriva av en siffra kan en verifikation hämta sitt utfall från "
             "bladet Deltagare (t.ex. ”Deltagare: genomströmning” för Enhet, eller hela förbundet när Enhet är "
             "tom), Helårsekvivalenter (”Helårsekvivalenter: Umeå”) eller räkna raderna på bladet Exempel "
             "(”Exempel”, för en Antal-indikator som ”två framgångsbeskrivningar”). Välj i listan i kolumnen "
             "Hämta från och lämna talkolumnerna tomma."),
    ("text", "Exempel: skriv bokslutets framgångsbeskrivningar och goda exempel på bladet Exempel, ett per rad med "
             "indikatorn, rubrik och text. De skrivs ut under sin indikator i styrelsens underlag."),
    ("text", "Bokslutet att publicera: ”xlbokslut exportera” skriver också bokslutet som Word-dokument och som "
             "webbsida, tillgängliga enligt lagen om tillgänglighet till digital offentlig service. Er egen "
             "inledning och ert avslutande ord skrivs i inställningarna Inledning och Avslutning (nytt stycke: "
             "Alt+Enter), och datumet då styrelsen fastställde bokslutet i Fastställt av styrelsen."),
    ("heading", "Enkäter: räkna utfallet ur svaren"),
    ("text", "1. Exportera svaren ur enkätverktyget (Google Formulär, Microsoft Forms, SurveyMonkey, LimeSurvey …) "
             "som CSV eller Excel: en rad per svarande, en kolumn per fråga."),
    ("text", "2. Lägg in svaren på ett eget blad: kör ”xlbokslut enkat importera EXPORT --arbetsbok FIL” (bladet "
             "skapas och frågorna listas med nummer), eller klistra in exporten på ett nytt blad själv."),
    ("text", "3. Enkätfrågor: en rad per indikator med bladets namn, frågans kolumnrubrik (kopiera den från "
             "bladet) och de svar som räknas som positiva, åtskilda med semikolon: Till stor del; Till mycket "
             "stor del, eller koder 4;5;6 eller 4-6. Urval (t.ex. Roll = Personal) räknar bara en del av de "
             "svarande; Enhetskolumn ger delbokslut per plattform och Könskolumn räknar kvinnor och män för "
             f"{GENDER_GAP.name} och {GENDER_BALANCE.name}."),
    ("text", "4. Utvärdera. Den som inte svarat på frågan räknas inte; alla andra svar räknas i N. Bladet "
             "Indataproblem nämner bara svar som kan vara felskrivna: ett svar som liknar ett av de räknade utan "
             "att vara det (”Mycket bar”), eller ett enstaka svar som inte liknar något annat. Hur alla svar "
             "fördelade sig står i styrelsens underlag. Skriv inget utfall i Verifikationer för en indikator som "
             "räknas ur en enkät."),
    ("text", "Minsta grupp som redovisas (svar), på bladet Inställningar, standard 5: styrelsens underlag och "
             "bokslutet att publicera visar inte enkätsiffrorna för en plattform eller ett kön med färre svar än "
             "så (där står ”färre än 5 svar”), så att ingen som svarat kan kännas igen. Arbetsbokens blad "
             "Resultat visar alla siffror."),
    ("text", "Fler rader: skriv under en tabell. I Excel växer tabellen av sig själv; har du skrivit i ett annat "
             "program räknar xlbokslut raden till tabellen ändå och utvidgar tabellen (bladet Indataproblem säger "
             "det). Tomma rader emellan gör inget: allt som står under en tabell, fram till nästa tabell på "
             "bladet, räknas till den, och det som inte kan läsas nämns på bladet Indataproblem."),
    ("text", "6. Utvärdera: klicka på knappen Utvärdera under fliken Socialt bokslut i Excel, eller kör "
             "”xlbokslut utvardera FIL” i ett kommandofönster. Rätta det som står på bladet Indataproblem "
             "och utvärdera igen. Inget du skrivit ändras; bara de blå kolumnerna och resultatbladen skrivs."),
    ("heading", "Fjolåret, vad som hade behövts och hur säkert det är"),
    ("text", "Fjolårets arbetsbok: skriv filnamnet på förra årets bokslut på bladet Inställningar (gärna i samma "
             "mapp som den här). Resultat visar då fjolårets utfall och status bredvid årets, och fjolårets "
             "IMPACTindex med förändringen. En indikator som är ny i år, eller vars text eller typ ändrats, "
             "märks nytt eller ändrad och jämförs inte."),
    ("text", "Till målet på bladet Resultat säger vad som hade behövts för att nå målet, t.ex. ”3 fler positiva "
             "svar”. Underlag säger hur många svar ett utfall bygger på och, för en andel ur en enkät, mellan "
             "vilka procent det sanna värdet med 95 % säkerhet ligger. Färre svar än inställningen Litet "
             "underlag märks ”litet underlag”; statusen ändras inte av det. En siffra som hämtas från bladet "
             "Deltagare, Helårsekvivalenter eller Exempel räknar alla och är inget urval: där står bara vad som "
             "räknats, t.ex. ”alla 319 deltagare”, utan intervall och aldrig litet underlag."),
    ("heading", "Så skriver du tal"),
    ("text", "Tal kan skrivas som du brukar: 40, 40 %, 3,5, 1 213 686 kr. En andel kan skrivas i en cell som "
             "”52 av 54” eller ”52/54”. Ja och Nej kan också skrivas 1 och 0 eller sant och falskt."),
    ("text", "Procent: för andelstyperna, könstyperna och minskningarna betyder ett tal större än 0 och högst 1 "
             "en andel, så som Excel lagrar ett procenttal: 0,8 = 80 %, 1 = 100 %. Skriv hellre 80 eller 80 %. "
             f"Målvärdet för {DECREASE_POINTS.name} är en skillnad och läses som det står: 1 = en procentenhet."),
    ("text", f"En andel som bara finns i procent (t.ex. 26,3 % i en rapport) skrivs i Värde för {SHARE_AT_LEAST.name} "
             f"och {SHARE_AT_MOST.name}, med Täljare och Nämnare tomma. Fylls alla tre i avgör antalen, och "
             "xlbokslut kontrollerar att procenten stämmer med dem."),
    ("text", "Tomma celler i Målområde, Mål-nr och Socialt mål ärver värdet från raden ovanför, men inte över "
             "gränsen till ett nytt målområde."),
    ("heading", "Indikatortyper (kolumnen Typ i Budget)"),
    ("kinds", ""),
    ("text", "”Nära målet” gäller när målet inte nåtts men utfallet ligger inom marginalen på bladet "
             "Inställningar: för andels- och könstyperna i procentenheter, för övriga typer i procent av "
             f"målvärdet. {YES_NO.name} och en minskning som inte är någon minskning blir aldrig ”Nära målet”."),
    ("text", "Två färger: sätt Använd Nära målet till Nej på bladet Inställningar. Då blir varje indikator "
             "Uppnått eller Ej uppnått, som i boksluten 2015–2018 (samma sak som båda marginalerna 0)."),
    ("heading", "Färgerna"),
    ("statuses", ""),
    ("heading", "IMPACTindex"),
    ("text", "En uppnådd indikator ger sin vikt i poäng, övriga 0 (”Nära målet” kan ge en andel av vikten enligt "
             "Inställningar). Målområdets IMPACTindex = 100 × uppnådda poäng / maximala poäng, avrundat till "
             "heltal. Totalt IMPACTindex räknas på samma sätt över alla målområden. ”Mot mål” är indexet minus "
             "målet. Viktkontrollen jämför varje målområdes andel av de maximala poängen med dess målvikt."),
    ("text", "Delbokslut: en rad i Verifikationer med Enhet ifylld ger enheten (plattformen) ett eget bokslut med "
             "de indikatorer som mätts för den. Enhetens IMPACTindex räknas över det som är mätt, och kolumnen "
             "Mätt vikt (%) på bladet Resultat visar hur stor del av budgetens vikt det är. Är det mindre än "
             "inställningen Minsta mätta vikt för en enhets index (standard 0,5, hälften) får enheten inget index: "
             "det skulle säga mer om vad som inte mättes än om hur det gick."),
]

STATUS_HELP = {
    "Uppnått": "Grön: det budgeterade utfallet är nått.",
    "Nära målet": "Orange: inte nått, men nära (inom marginalen i Inställningar).",
    "Ej uppnått": "Röd: det budgeterade utfallet är inte nått.",
    "Mätning saknas": "Grå: inget utfall är ifyllt.",
    "Fel i indata": "Lila: utfallet kan inte stämma (t.ex. 12 av 10, nämnaren 0, text där ett tal ska stå). "
                    "Kontroll-kolumnen på bladet Resultat och bladet Indataproblem säger vilken cell.",
}


def _table_sheet(spec: Table, rows: Sequence[Mapping[str, object]], dropdowns: tuple[Dropdown, ...] = ()
                 ) -> SheetLayout:
    """An input sheet: title, help line, "Skrivs av xlbokslut" over the written columns, the header row, the rows
    (by header: see ``Table.row``; and empty rows to type into), and the Excel table over them."""
    columns = spec.columns
    n_rows = len(rows) + (0 if spec is SETTINGS_TABLE else BLANK_ROWS)
    grids = [cell(1, 1, spec.title, "title"), cell(2, 1, SHEET_HELP.get(spec.name, ""), "subtitle")]
    markers = [c for c, column in enumerate(columns, start=1) if column.written and (c == 1 or not columns[c - 2].written)]
    marker_row: list[str | None] = [None] * len(columns)
    for c in markers:
        marker_row[c - 1] = "Skrivs av xlbokslut"
    if markers:
        grids.append(Grid(HEADER_ROW - 1, 1, [marker_row], [["written_marker" if v else "plain" for v in marker_row]]))
    grids.append(Grid(HEADER_ROW, 1, [[c.header for c in columns]],
                      [["written_header" if c.written else "header" for c in columns]], (), (True,) * len(columns)))
    body = [spec.row(rows[r], typed=True) if r < len(rows) else [None] * len(columns) for r in range(n_rows)]
    styles = [["written" if column.written else "plain" for column in columns] for _ in range(n_rows)]
    wraps = tuple(column.width >= 60 for column in columns)  # long texts wrap
    if body:
        grids.append(Grid(HEADER_ROW + 1, 1, body, styles, (), wraps))
    last_row = HEADER_ROW + max(n_rows, 1)
    heights = {HEADER_ROW: 32}
    for r, values in enumerate(body, start=HEADER_ROW + 1):  # long texts wrap: make their rows tall enough
        lines = max((line_count(v, column.width) for v, column, wrap in zip(values, columns, wraps) if wrap),
                    default=1)
        if lines > 1:
            heights[r] = LINE_HEIGHT * lines
    return SheetLayout(spec.sheet, grids,
                       (TableSpan(spec.name, HEADER_ROW, 1, last_row, len(columns), tuple(spec.headers),
                                  INPUT_TABLE_STYLE),),
                       {c: column.width for c, column in enumerate(columns, start=1)}, heights,
                       freeze=(HEADER_ROW + 1, 1), print_rows=(HEADER_ROW, HEADER_ROW), dropdowns=dropdowns)


def empty_result_sheets() -> list[SheetLayout]:
    """Resultat and Indataproblem as they look before the first evaluation."""
    note = "Fylls i av xlbokslut när du utvärderar arbetsboken."
    return [lay_out(RESULT_SHEET, "Resultat", note, [Block("IMPACTindex per målområde", RESULT_AREAS_TABLE, [], []),
                                                     Block("Indikatorer", RESULT_INDICATORS_TABLE, [], [])]),
            lay_out(PROBLEMS_SHEET, "Problem i indata", note, [Block("Problem att rätta", PROBLEMS_TABLE, [], [])])]


def _column(spec: Table, header: str) -> str:
    """The column letter of ``header`` in ``spec`` as the template lays it out."""
    return column_letter(spec.headers.index(header) + 1)


def _list_of(spec: Table, header: str) -> str:
    """A dropdown's source: the column ``header`` of ``spec``'s rows in the template."""
    col = _column(spec, header)
    return f"'{spec.sheet}'!${col}${HEADER_ROW + 1}:${col}${VALIDATION_ROWS}"


# Deltagare's Kategori: own categories are allowed (WORKBOOK.md), so the list warns instead of refusing. The other
# lists: Målområde, Typ and Indikator-nr refuse what is not in the list (nothing else can be evaluated); Värde,
# Hämta från, Enkätblad and the settings only suggest (numbers, a kommun or a sheet added later, 1/0 and sant/falskt
# are valid too, and the evaluation names a value it cannot use).
OWN_CATEGORY_MESSAGE = ("Det här är inte en av de tolv kategorierna. En egen kategori är tillåten: den summeras till "
                        "Totalt men ingår inte i kontrollerna. Är den felstavad, ångra och välj kategorin i listan.")


def _dropdown(spec: Table, header: str, source: str, strict: bool = True) -> Dropdown:
    col = _column(spec, header)
    return Dropdown(f"{col}{HEADER_ROW + 1}:{col}{VALIDATION_ROWS}", source, strict,
                    f"Välj ett värde i listan för {header}.")


# Deltagare's Föregående år holds two kinds of figure by row: said where it is typed (shown when a cell is selected)
PREVIOUS_TITLE = "Föregående år"
PREVIOUS_MESSAGE = (f"Förra årets värde: {PREVIOUS_RULE}. Skriv t.ex. 314 på rad 1, 62 eller 62 % på rad 4. "
                    "Förbundets (Totalt) antal fyller xlbokslut i.")


def _input_message(spec: Table, header: str, title: str, message: str) -> Dropdown:
    """A column's input message, shown beside a selected cell in Excel and LibreOffice (any value may be typed)."""
    col = _column(spec, header)
    return Dropdown(f"{col}{HEADER_ROW + 1}:{col}{VALIDATION_ROWS}", "", False, prompt=message, prompt_title=title)


def _lists_sheet(municipalities: Sequence[str]) -> SheetLayout:
    """The hidden lists behind the dropdowns."""
    options = link_options(list(municipalities))
    rows: list[list[str | None]] = [["Kategorier (Deltagare)", "Hämta från (Verifikationer)"]]
    for r in range(max(len(PARTICIPANT_CATEGORIES), len(options))):
        rows.append([PARTICIPANT_CATEGORIES[r] if r < len(PARTICIPANT_CATEGORIES) else None,
                     options[r] if r < len(options) else None])
    return SheetLayout(LISTS_SHEET, [Grid(1, 1, rows, [["plain", "plain"]] * len(rows))], hidden=True)


def _instructions_sheet(extra: Sequence[str]) -> SheetLayout:
    widths = {1: 30, 2: 42, 3: 70}
    grids, merges, heights = [], [], {}
    row = 1
    paragraphs = list(INSTRUCTIONS)
    if extra:
        paragraphs[1:1] = [("heading", "Om den här arbetsboken")] + [("text", t) for t in extra]
    for style, text in paragraphs:
        if style == "kinds":
            grids.append(Grid(row, 1, [["Typ", "Läser i Verifikationer", "Uppnått när"]], [["header"] * 3]))
            for kind in KINDS:
                row += 1
                grids.append(Grid(row, 1, [[kind.name, ", ".join(kind.reads), kind.help]], [["plain"] * 3], (),
                                  (True, True, True)))
                heights[row] = LINE_HEIGHT * max(line_count(kind.help, widths[3]), line_count(kind.name, widths[1]))
        elif style == "statuses":
            for status in STATUSES:
                grids.append(Grid(row, 1, [[f"{STATUS_SYMBOLS[status]} {status}", STATUS_HELP[status]]],
                                  [[f"status:{status}", "plain"]]))
                merges.append((row, 2, row, 3))
                row += 1
            row -= 1
        else:
            merges.append((row, 1, row, 3))
            grids.append(cell(row, 1, text, style if style != "text" else "plain", wrap=True))
            if style == "text":
                heights[row] = LINE_HEIGHT * line_count(text, sum(widths.values()))
        row += 1
        if style in ("title", "kinds", "statuses"):
            row += 1
    return SheetLayout(INSTRUCTIONS_SHEET, grids, (), widths, heights, landscape=False, merges=tuple(merges))


class NewWorkbook(NamedTuple):
    """A workbook to write: its sheets, in order."""

    sheets: list[SheetLayout]

    def save(self, path: Path) -> None:
        write_workbook(Path(path), self.sheets)


Rows = Sequence[Mapping[str, object]]  # a table's rows, each by header (a header left out is a blank cell)


def build_workbook(settings: dict[str, object] | None = None, areas: Rows = (), budget: Rows = (),
                   verifications: Rows = (), participants: Rows = (), about: Sequence[str] = (),
                   background: Rows = (), equivalents: Rows = (), examples: Rows = (), questions: Rows = (),
                   answers: Sequence[tuple[str, Sequence[Sequence[object]]]] = ()) -> NewWorkbook:
    """An input workbook with the contract's sheets and tables; each table's rows by header; ``answers``: sheets
    of survey answers as (name, rows of the export)."""
    values = {s.name: s.default for s in SETTINGS} | dict(settings or {})
    setting_rows = [{"Inställning": s.name, "Värde": as_cell(values[s.name]), "Förklaring": s.help}
                    for s in SETTINGS]
    choices = tuple(Dropdown(f"{_column(SETTINGS_TABLE, 'Värde')}{HEADER_ROW + 1 + i}", ",".join(options(s)), False)
                    for i, s in enumerate(SETTINGS) if options(s))
    municipalities = list(dict.fromkeys(str(row["Kommun"]) for row in equivalents if row.get("Kommun")))
    n_links = len(link_options(municipalities))
    sheets = [
        _instructions_sheet(about),
        _table_sheet(SETTINGS_TABLE, setting_rows, choices),
        _table_sheet(AREAS_TABLE, areas),
        _table_sheet(BUDGET_TABLE, budget, (
            _dropdown(BUDGET_TABLE, "Målområde", _list_of(AREAS_TABLE, "Nr")),
            _dropdown(BUDGET_TABLE, "Typ", ",".join(k.name for k in KINDS)))),
        _table_sheet(VERIFICATIONS_TABLE, verifications, (
            _dropdown(VERIFICATIONS_TABLE, "Indikator-nr",
                      _list_of(BUDGET_TABLE, "Indikator-nr")),
            _dropdown(VERIFICATIONS_TABLE, "Värde", "Ja,Nej", strict=False),
            _dropdown(VERIFICATIONS_TABLE, "Hämta från", f"'{LISTS_SHEET}'!$B$2:$B${n_links + 1}", strict=False))),
        _table_sheet(EXAMPLES_TABLE, examples, (
            _dropdown(EXAMPLES_TABLE, "Indikator-nr", _list_of(BUDGET_TABLE, "Indikator-nr")),)),
        _table_sheet(SURVEY_TABLE, questions, (
            _dropdown(SURVEY_TABLE, "Indikator-nr", _list_of(BUDGET_TABLE, "Indikator-nr")),
            *([_dropdown(SURVEY_TABLE, "Enkätblad", ",".join(name for name, _ in answers), strict=False)]
              if answers else []))),
        *(answer_layout(name, rows) for name, rows in answers),
        _table_sheet(PARTICIPANTS_TABLE, participants, (
            _dropdown(PARTICIPANTS_TABLE, "Kategori", f"'{LISTS_SHEET}'!$A$2:$A${len(PARTICIPANT_CATEGORIES) + 1}")
            ._replace(strict=False, warning=True, title="Egen kategori?", message=OWN_CATEGORY_MESSAGE),
            _input_message(PARTICIPANTS_TABLE, PREVIOUS, PREVIOUS_TITLE, PREVIOUS_MESSAGE))),
        _table_sheet(BACKGROUND_TABLE, background),
        _table_sheet(EQUIVALENTS_TABLE, equivalents),
        *empty_result_sheets(),
        _lists_sheet(municipalities),
    ]
    return NewWorkbook(sheets)


def write_template(path: Path = TEMPLATE_PATH, organisation: str = "", year: str = "") -> Path:
    book = build_workbook({"Organisation": organisation, "Verksamhetsår": year})
    write_atomically(path, book.save)
    return path


if __name__ == "__main__":
    print(write_template())
