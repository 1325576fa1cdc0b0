"""A new .xlsx workbook from sheet layouts: the board's export, the template and the examples.

Every part is written as a string and zipped; the styles are xlbokslut's named styles (styles.py).
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from ..layout import SheetLayout
from .package import CONTENT_TYPES, NS, REL_TYPE
from .sheet import DECLARATION, chart_xml, drawing_xml, quoteattr, sheet_xml, sheet_ref, table_xml
from .stylesheet import Stylesheet

MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml"
CONTENT = {
    "workbook": MAIN + ".sheet.main+xml", "sheet": MAIN + ".worksheet+xml", "styles": MAIN + ".styles+xml",
    "table": MAIN + ".table+xml", "drawing": "application/vnd.openxmlformats-officedocument.drawing+xml",
    "chart": "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
}


def _rels(items: list[tuple[str, str, str]]) -> bytes:
    body = "".join(f'<Relationship Id="{rid}" Type="{REL_TYPE}{kind}" Target="{target}"/>'
                   for rid, kind, target in items)
    return f'{DECLARATION}<Relationships xmlns="{NS["rel"]}">{body}</Relationships>'.encode()


_SHARED_STYLES: list[Stylesheet] = []


def workbook_parts(layouts: list[SheetLayout], active: int = 0) -> dict[str, bytes]:
    """The package's parts, by name, in the order they are zipped. The styles are shared by every workbook this
    process writes (each gets all styles made so far), so that a run of reports builds them once."""
    if not _SHARED_STYLES:
        _SHARED_STYLES.append(Stylesheet())
    styles = _SHARED_STYLES[0]
    parts: dict[str, bytes] = {}
    overrides = [("/xl/workbook.xml", CONTENT["workbook"]), ("/xl/styles.xml", CONTENT["styles"])]
    sheets, book_rels, names = [], [], []
    table_id = chart_id = 0
    for n, layout in enumerate(layouts, start=1):
        rels: list[tuple[str, str, str]] = []
        table_rids = []
        for span in layout.tables:
            table_id += 1
            parts[f"xl/tables/table{table_id}.xml"] = table_xml(span, table_id)
            overrides.append((f"/xl/tables/table{table_id}.xml", CONTENT["table"]))
            table_rids.append(f"rId{len(rels) + 1}")
            rels.append((table_rids[-1], "table", f"../tables/table{table_id}.xml"))
        drawing_rid = None
        if layout.charts:
            chart_rids = []
            drawing_rels = []
            for chart in layout.charts:
                chart_id += 1
                parts[f"xl/charts/chart{chart_id}.xml"] = chart_xml(layout.name, chart)
                overrides.append((f"/xl/charts/chart{chart_id}.xml", CONTENT["chart"]))
                chart_rids.append(f"rId{len(drawing_rels) + 1}")
                drawing_rels.append((chart_rids[-1], "chart", f"../charts/chart{chart_id}.xml"))
            parts[f"xl/drawings/drawing{n}.xml"] = drawing_xml(layout.charts, chart_rids)
            parts[f"xl/drawings/_rels/drawing{n}.xml.rels"] = _rels(drawing_rels)
            overrides.append((f"/xl/drawings/drawing{n}.xml", CONTENT["drawing"]))
            drawing_rid = f"rId{len(rels) + 1}"
            rels.append((drawing_rid, "drawing", f"../drawings/drawing{n}.xml"))
        parts[f"xl/worksheets/sheet{n}.xml"] = sheet_xml(layout, styles.index, table_rids, drawing_rid)
        if rels:
            parts[f"xl/worksheets/_rels/sheet{n}.xml.rels"] = _rels(rels)
        overrides.append((f"/xl/worksheets/sheet{n}.xml", CONTENT["sheet"]))
        state = ' state="hidden"' if layout.hidden else ""
        sheets.append(f'<sheet name={quoteattr(layout.name)} sheetId="{n}"{state} r:id="rId{n}"/>')
        book_rels.append((f"rId{n}", "worksheet", f"worksheets/sheet{n}.xml"))
        if layout.print_rows:
            first, last = layout.print_rows
            names.append(f'<definedName name="_xlnm.Print_Titles" localSheetId="{n - 1}">'
                         f'{sheet_ref(layout.name, f"${first}:${last}")}</definedName>')
    book_rels.append((f"rId{len(layouts) + 1}", "styles", "styles.xml"))
    defined = f"<definedNames>{''.join(names)}</definedNames>" if names else ""
    parts["xl/workbook.xml"] = (f'{DECLARATION}<workbook xmlns="{NS["main"]}" xmlns:r="{NS["r"]}"><workbookPr/>'
                                f'<bookViews><workbookView activeTab="{active}"/></bookViews>'
                                f'<sheets>{"".join(sheets)}</sheets>{defined}</workbook>').encode()
    parts["xl/_rels/workbook.xml.rels"] = _rels(book_rels)
    parts["xl/styles.xml"] = styles.xml()
    parts["_rels/.rels"] = _rels([("rId1", "officeDocument", "xl/workbook.xml")])
    types = "".join(f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in overrides)
    parts[CONTENT_TYPES] = (f'{DECLARATION}<Types xmlns="{NS["ct"]}"><Default Extension="rels" ContentType='
                            '"application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
                            f'ContentType="application/xml"/>{types}</Types>').encode()
    order = [CONTENT_TYPES, "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"]
    return {name: parts[name] for name in order + [p for p in parts if p not in order]}


def write_workbook(path: Path, layouts: list[SheetLayout], active: int = 0) -> None:
    """Write the layouts as a new workbook at ``path`` (use safefile.write_atomically for a user's folder).

    The parts carry a fixed date, so that the same layouts always give the same bytes (committed workbooks
    change only when their content does)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for name, data in workbook_parts(layouts, active).items():
            z.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED, 1)
