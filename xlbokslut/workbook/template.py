"""Builds the input workbook (the template, and the bundled example) from schema.py.

``python -m xlbokslut.workbook.template`` regenerates workbook_templates/socialt_bokslut_mall.xlsx.
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from ..links import link_options
from ..model import STATUSES, column_letter
from ..openpyxl_book import Styler, print_setup, put_layout
from ..safefile import save_book
from ..schema import (AREAS_TABLE, BACKGROUND_TABLE, BUDGET_TABLE, EQUIVALENTS_TABLE, INSTRUCTIONS_SHEET, KINDS,
                      PARTICIPANT_CATEGORIES, PARTICIPANTS_TABLE, PROBLEMS_SHEET, PROBLEMS_TABLE, RESULT_AREAS_TABLE,
                      RESULT_INDICATORS_TABLE, RESULT_SHEET, SETTINGS_TABLE, VERIFICATIONS_TABLE, YES_NO, Table)
from ..settings import SETTINGS, show
from ..styles import INPUT_TABLE_STYLE, STATUS_SYMBOLS
from .writeback import Block, SheetLayout, lay_out

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
    EQUIVALENTS_TABLE.name: "SCB:s helårsekvivalenter per kommun och år. Andel och förändring mot föregående år "
                            "skriver xlbokslut.",
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
    ("text", "Hämta från: i stället för att skriva av en siffra kan en verifikation hämta sitt utfall från "
             "bladet Deltagare (t.ex. ”Deltagare: genomströmning” för Enhet, eller hela förbundet när Enhet är "
             "tom) eller Helårsekvivalenter (”Helårsekvivalenter: Umeå”). Välj i listan i kolumnen Hämta från "
             "och lämna talkolumnerna tomma."),
    ("text", "6. Utvärdera: klicka på knappen Utvärdera under fliken Socialt bokslut i Excel, eller kör "
             "”xlbokslut utvardera FIL” i ett kommandofönster. Rätta det som står på bladet Indataproblem "
             "och utvärdera igen. Inget du skrivit ändras; bara de blå kolumnerna och resultatbladen skrivs."),
    ("heading", "Så skriver du tal"),
    ("text", "Tal kan skrivas som du brukar: 40, 40 %, 3,5, 1 213 686 kr. En andel kan skrivas i en cell som "
             "”52 av 54” eller ”52/54”. Ja och Nej kan också skrivas 1 och 0 eller sant och falskt."),
    ("text", "Procent: för andelstyperna, könstyperna och minskningarna betyder ett tal större än 0 och högst 1 "
             "en andel, så som Excel lagrar ett procenttal: 0,8 = 80 %, 1 = 100 %. Skriv hellre 80 eller 80 %."),
    ("text", "Tomma celler i Målområde, Mål-nr och Socialt mål ärver värdet från raden ovanför, men inte över "
             "gränsen till ett nytt målområde."),
    ("heading", "Indikatortyper (kolumnen Typ i Budget)"),
    ("kinds", ""),
    ("text", "”Nära målet” gäller när målet inte nåtts men utfallet ligger inom marginalen på bladet "
             "Inställningar: för andels- och könstyperna i procentenheter, för övriga typer i procent av "
             f"målvärdet. {YES_NO.name} och en minskning som inte är någon minskning blir aldrig ”Nära målet”."),
    ("heading", "Färgerna"),
    ("statuses", ""),
    ("heading", "IMPACTindex"),
    ("text", "En uppnådd indikator ger sin vikt i poäng, övriga 0 (”Nära målet” kan ge en andel av vikten enligt "
             "Inställningar). Målområdets IMPACTindex = 100 × uppnådda poäng / maximala poäng, avrundat till "
             "heltal. Totalt IMPACTindex räknas på samma sätt över alla målområden. ”Mot mål” är indexet minus "
             "målet. Viktkontrollen jämför varje målområdes andel av de maximala poängen med dess målvikt."),
]

STATUS_HELP = {
    "Uppnått": "Grön: det budgeterade utfallet är nått.",
    "Nära målet": "Orange: inte nått, men nära (inom marginalen i Inställningar).",
    "Ej uppnått": "Röd: det budgeterade utfallet är inte nått.",
    "Mätning saknas": "Grå: inget utfall är ifyllt.",
    "Fel i indata": "Lila: utfallet kan inte stämma (t.ex. 12 av 10, nämnaren 0, text där ett tal ska stå). "
                    "Kontroll-kolumnen på bladet Resultat och bladet Indataproblem säger vilken cell.",
}


def _table_sheet(book, styler: Styler, spec: Table, rows: Sequence[Sequence[object]]) -> None:
    from openpyxl.worksheet.table import Table as XlTable
    from openpyxl.worksheet.table import TableStyleInfo

    ws = book.create_sheet(spec.sheet)
    ws.cell(1, 1, spec.title)
    styler.apply(ws.cell(1, 1), "title")
    ws.cell(2, 1, SHEET_HELP.get(spec.name, ""))
    styler.apply(ws.cell(2, 1), "subtitle")
    n_rows = len(rows) + (0 if spec is SETTINGS_TABLE else BLANK_ROWS)
    for col, column in enumerate(spec.columns, start=1):
        header = ws.cell(HEADER_ROW, col, column.header)
        styler.apply(header, "written_header" if column.written else "header", wrap=True)
        ws.column_dimensions[column_letter(col)].width = column.width
        if column.written:
            if col == 1 or not spec.columns[col - 2].written:  # over the first of the written columns
                ws.cell(HEADER_ROW - 1, col, "Skrivs av xlbokslut")
                styler.apply(ws.cell(HEADER_ROW - 1, col), "written_marker")
            for r in range(n_rows):
                styler.apply(ws.cell(HEADER_ROW + 1 + r, col), "written")
    for r, values in enumerate(rows, start=HEADER_ROW + 1):
        for col, value in enumerate(values, start=1):
            if value is not None:
                ws.cell(r, col, value)
    last_row = HEADER_ROW + max(n_rows, 1)
    table = XlTable(displayName=spec.name, ref=f"A{HEADER_ROW}:{column_letter(len(spec.columns))}{last_row}")
    table.tableStyleInfo = TableStyleInfo(name=INPUT_TABLE_STYLE, showRowStripes=True)
    ws.add_table(table)
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.row_dimensions[HEADER_ROW].height = 32
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    print_setup(ws)


def empty_result_sheets() -> list[SheetLayout]:
    """Resultat and Indataproblem as they look before the first evaluation."""
    note = "Fylls i av xlbokslut när du utvärderar arbetsboken."
    return [lay_out(RESULT_SHEET, "Resultat", note, [Block("IMPACTindex per målområde", RESULT_AREAS_TABLE, [], []),
                                                     Block("Indikatorer", RESULT_INDICATORS_TABLE, [], [])]),
            lay_out(PROBLEMS_SHEET, "Problem i indata", note, [Block("Problem att rätta", PROBLEMS_TABLE, [], [])])]


def _list_validation(book, sheet: str, header: str, spec: Table, formula: str, strict: bool = True) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    col = column_letter(spec.headers.index(header) + 1)
    dv = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=strict,
                        errorTitle="Ogiltigt värde", error=f"Välj ett värde i listan för {header}.")
    dv.add(f"{col}{HEADER_ROW + 1}:{col}{VALIDATION_ROWS}")
    book[sheet].add_data_validation(dv)


def _lists_sheet(book, municipalities: Sequence[str]) -> int:
    """The hidden lists behind the dropdowns; returns the number of "Hämta från" choices."""
    ws = book.create_sheet(LISTS_SHEET)
    ws.cell(1, 1, "Kategorier (Deltagare)")
    for r, category in enumerate(PARTICIPANT_CATEGORIES, start=2):
        ws.cell(r, 1, category)
    ws.cell(1, 2, "Hämta från (Verifikationer)")
    options = link_options(list(municipalities))
    for r, option in enumerate(options, start=2):
        ws.cell(r, 2, option)
    ws.sheet_state = "hidden"
    return len(options)


def _instructions_sheet(book, styler: Styler, extra: Sequence[str]) -> None:
    ws = book.create_sheet(INSTRUCTIONS_SHEET, 0)
    print_setup(ws, landscape=False)
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 42
    ws.column_dimensions["C"].width = 70
    row = 1
    paragraphs = list(INSTRUCTIONS)
    if extra:
        paragraphs[1:1] = [("heading", "Om den här arbetsboken")] + [("text", t) for t in extra]
    for style, text in paragraphs:
        if style == "kinds":
            for col, head in enumerate(("Typ", "Läser i Verifikationer", "Uppnått när"), start=1):
                styler.apply(ws.cell(row, col, head), "header")
            for kind in KINDS:
                row += 1
                ws.cell(row, 1, kind.name)
                ws.cell(row, 2, ", ".join(kind.reads))
                styler.apply(ws.cell(row, 3, kind.help), "plain", wrap=True)
        elif style == "statuses":
            for status in STATUSES:
                ws.cell(row, 1, f"{STATUS_SYMBOLS[status]} {status}")
                styler.apply(ws.cell(row, 1), f"status:{status}")
                ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=3)
                ws.cell(row, 2, STATUS_HELP[status])
                row += 1
            row -= 1
        else:
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
            cell = ws.cell(row, 1, text)
            styler.apply(cell, style if style != "text" else "plain", wrap=True)
            if style == "text":
                ws.row_dimensions[row].height = 15 * max(1, len(text) // 120 + 1)
        row += 1 if style != "heading" else 1
        if style in ("title", "kinds", "statuses"):
            row += 1


def _setting_cell(value: object) -> object:
    return show(value) if isinstance(value, bool) else None if value == "" else value


def build_workbook(settings: dict[str, object] | None = None, areas: Sequence[Sequence[object]] = (),
                   budget: Sequence[Sequence[object]] = (), verifications: Sequence[Sequence[object]] = (),
                   participants: Sequence[Sequence[object]] = (), about: Sequence[str] = (),
                   background: Sequence[Sequence[object]] = (), equivalents: Sequence[Sequence[object]] = ()):
    """An input workbook with the contract's sheets and tables; rows are lists in the contract's column order."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    styler = Styler(book)
    values = {s.name: s.default for s in SETTINGS} | dict(settings or {})
    setting_rows = [[s.name, _setting_cell(values[s.name]), s.help] for s in SETTINGS]
    _table_sheet(book, styler, SETTINGS_TABLE, setting_rows)
    for r in range(len(setting_rows)):
        styler.apply(book[SETTINGS_TABLE.sheet].cell(HEADER_ROW + 1 + r, 3), "plain", wrap=True)
    _table_sheet(book, styler, AREAS_TABLE, areas)
    _table_sheet(book, styler, BUDGET_TABLE, budget)
    _table_sheet(book, styler, VERIFICATIONS_TABLE, verifications)
    _table_sheet(book, styler, PARTICIPANTS_TABLE, participants)
    _table_sheet(book, styler, BACKGROUND_TABLE, background)
    _table_sheet(book, styler, EQUIVALENTS_TABLE, equivalents)
    for sheet in empty_result_sheets():
        put_layout(book, sheet, styler)
    municipalities = list(dict.fromkeys(str(row[0]) for row in equivalents if row and row[0]))
    n_links = _lists_sheet(book, municipalities)
    _instructions_sheet(book, styler, about)
    _list_validation(book, "Budget", "Typ", BUDGET_TABLE, '"' + ",".join(k.name for k in KINDS) + '"')
    _list_validation(book, "Budget", "Målområde", BUDGET_TABLE,
                     f"'{AREAS_TABLE.sheet}'!$A${HEADER_ROW + 1}:$A${VALIDATION_ROWS}")
    _list_validation(book, "Verifikationer", "Indikator-nr", VERIFICATIONS_TABLE,
                     f"'{BUDGET_TABLE.sheet}'!$D${HEADER_ROW + 1}:$D${VALIDATION_ROWS}")
    _list_validation(book, "Verifikationer", "Värde", VERIFICATIONS_TABLE, '"Ja,Nej"', strict=False)
    _list_validation(book, "Verifikationer", "Hämta från", VERIFICATIONS_TABLE,
                     f"'{LISTS_SHEET}'!$B$2:$B${n_links + 1}", strict=False)
    _list_validation(book, "Deltagare", "Kategori", PARTICIPANTS_TABLE,
                     f"'{LISTS_SHEET}'!$A$2:$A${len(PARTICIPANT_CATEGORIES) + 1}")
    from openpyxl.worksheet.datavalidation import DataValidation

    yes_no = DataValidation(type="list", formula1='"Ja,Nej"', allow_blank=True)
    row = HEADER_ROW + 1 + [s.field for s in SETTINGS].index("round_shares")
    yes_no.add(f"B{row}")
    book[SETTINGS_TABLE.sheet].add_data_validation(yes_no)
    book.active = 0
    return book


def write_template(path: Path = TEMPLATE_PATH, organisation: str = "", year: str = "") -> Path:
    book = build_workbook({"Organisation": organisation, "Verksamhetsår": year})
    path.parent.mkdir(parents=True, exist_ok=True)
    save_book(book, path)
    return path


if __name__ == "__main__":
    print(write_template())
