"""A new .xlsx workbook from sheet layouts: the board's export, the template and the examples.

Sheets, tables and charts are written as strings (sheet.py), relationships and content types by opc.py; each
workbook has its own stylesheet holding only the styles it uses, so the same layouts give the same bytes
whatever was written before in the process.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from ..layout import SheetLayout
from .opc import CONTENT, ContentTypes, Relationships
from .package import CONTENT_TYPES, NS
from .sheet import DECLARATION, chart_xml, drawing_xml, print_titles, sheet_xml, table_xml
from .xmltext import xml_attr, xml_text
from .stylesheet import Stylesheet

BOOK = "xl/workbook.xml"
STYLES = "xl/styles.xml"


def workbook_parts(layouts: list[SheetLayout], active: int = 0) -> dict[str, bytes]:
    """The package's parts, by name, in the order they are zipped."""
    styles = Stylesheet()
    parts: dict[str, bytes] = {}
    types = ContentTypes()
    types.set(BOOK, CONTENT["workbook"])
    types.set(STYLES, CONTENT["styles"])
    book_rels = Relationships(BOOK)
    sheets, names = [], []
    table_id = chart_id = 0
    for n, layout in enumerate(layouts, start=1):
        part = f"xl/worksheets/sheet{n}.xml"
        rels = Relationships(part)
        table_rids = []
        for span in layout.tables:
            table_id += 1
            table = f"xl/tables/table{table_id}.xml"
            parts[table] = table_xml(span, table_id)
            types.set(table, CONTENT["table"])
            table_rids.append(rels.add("table", table))
        drawing_rid = None
        if layout.charts:
            drawing = f"xl/drawings/drawing{n}.xml"
            drawing_rels = Relationships(drawing)
            chart_rids = []
            for chart in layout.charts:
                chart_id += 1
                chart_part = f"xl/charts/chart{chart_id}.xml"
                parts[chart_part] = chart_xml(layout.name, chart)
                types.set(chart_part, CONTENT["chart"])
                chart_rids.append(drawing_rels.add("chart", chart_part))
            parts[drawing] = drawing_xml(layout.charts, chart_rids)
            parts[drawing_rels.name] = drawing_rels.xml()
            types.set(drawing, CONTENT["drawing"])
            drawing_rid = rels.add("drawing", drawing)
        parts[part] = sheet_xml(layout, styles.index, table_rids, drawing_rid)
        if len(rels):
            parts[rels.name] = rels.xml()
        types.set(part, CONTENT["worksheet"])
        state = ' state="hidden"' if layout.hidden else ""
        rid = book_rels.add("worksheet", part)
        sheets.append(f'<sheet name={xml_attr(layout.name)} sheetId="{n}"{state} r:id="{rid}"/>')
        titles = print_titles(layout)
        if titles:
            names.append(f'<definedName name="_xlnm.Print_Titles" localSheetId="{n - 1}">{xml_text(titles)}'
                         '</definedName>')
    book_rels.add("styles", STYLES)
    defined = f"<definedNames>{''.join(names)}</definedNames>" if names else ""
    parts[BOOK] = (f'{DECLARATION}<workbook xmlns="{NS["main"]}" xmlns:r="{NS["r"]}"><workbookPr/>'
                   f'<bookViews><workbookView activeTab="{active}"/></bookViews>'
                   f'<sheets>{"".join(sheets)}</sheets>{defined}</workbook>').encode()
    parts[book_rels.name] = book_rels.xml()
    parts[STYLES] = styles.xml()
    root_rels = Relationships("")
    root_rels.add("officeDocument", BOOK)
    parts[root_rels.name] = root_rels.xml()
    parts[CONTENT_TYPES] = types.xml()
    order = [CONTENT_TYPES, root_rels.name, BOOK, book_rels.name, STYLES]
    return {name: parts[name] for name in order + [p for p in parts if p not in order]}


def write_workbook(path: Path, layouts: list[SheetLayout], active: int = 0) -> None:
    """Write the layouts as a new workbook at ``path`` (use safefile.write_atomically for a user's folder).

    The parts carry a fixed date, so that the same layouts always give the same bytes (committed workbooks
    change only when their content does)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for name, data in workbook_parts(layouts, active).items():
            z.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED, 1)
