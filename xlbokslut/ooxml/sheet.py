"""The XML of a sheet written whole (layout.SheetLayout), of its tables, and of its charts' drawing and chart
parts, as strings: the XML Excel writes, in the order its schema requires."""
from __future__ import annotations

from collections.abc import Callable

from ..excel_rules import bounds_problem, cell_text, defined_name_problem, header_footer
from ..layout import Chart, Range, SheetLayout, TableSpan
from ..model import column_letter
from .package import NS
from .xmltext import xml_attr, xml_text

DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
DRAWING_NS = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
CHART_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"


def number_text(value: int | float) -> str:
    return str(value) if isinstance(value, int) else repr(float(value))


def ref(first_row: int, first_col: int, last_row: int, last_col: int, absolute: bool = False) -> str:
    d = "$" if absolute else ""
    first = f"{d}{column_letter(first_col)}{d}{first_row}"
    last = f"{d}{column_letter(last_col)}{d}{last_row}"
    return first if first == last else f"{first}:{last}"


def sheet_ref(sheet: str, cells: str) -> str:
    """A reference to cells of a sheet, the sheet's name quoted as Excel quotes it."""
    return "'" + sheet.replace("'", "''") + "'!" + cells


def print_titles(layout) -> str | None:
    """The _xlnm.Print_Titles reference of a sheet: its repeated columns, then its repeated rows; None for none."""
    parts = []
    if layout.print_cols:
        first, last = layout.print_cols
        parts.append(sheet_ref(layout.name, f"${column_letter(first)}:${column_letter(last)}"))
    if layout.print_rows:
        first, last = layout.print_rows
        parts.append(sheet_ref(layout.name, f"${first}:${last}"))
    return ",".join(parts) or None


def _rows_of(grids) -> dict[int, list]:
    """Row number → the (grid, values, styles) segments on that row, in column order."""
    rows: dict[int, list] = {}
    for grid in grids:
        for r, (values, names) in enumerate(zip(grid.values, grid.styles), start=grid.row):
            rows.setdefault(r, []).append((grid, values, names))
    for segments in rows.values():
        if len(segments) > 1:
            segments.sort(key=lambda s: s[0].col)
    return dict(sorted(rows.items()))


def _cells(out: list[str], number_: int, segments, style_of: Callable[[str, str | None, bool], int],
           styles: dict) -> None:
    for grid, values, names in segments:
        formats = grid.formats or (None,) * len(values)
        wraps = grid.wraps or (False,) * len(values)
        for col, value, name, fmt, wrap in zip(range(grid.col, grid.col + len(values)), values, names, formats, wraps):
            key = (name, fmt, wrap)
            style = styles.get(key)
            if style is None:
                style = styles[key] = f' s="{style_of(*key)}"'
            at = f'<c r="{column_letter(col)}{number_}"{style}'
            if value is None or value == "":
                if style:
                    out.append(at + "/>")
            elif value.__class__ is str:
                text = xml_text(cell_text(value))
                space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
                out.append(f'{at} t="inlineStr"><is><t{space}>{text}</t></is></c>')
            elif isinstance(value, bool):
                out.append(f'{at} t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, (int, float)):
                out.append(f"{at}><v>{number_text(value)}</v></c>")
            else:
                out.append(f'{at} t="inlineStr"><is><t>{xml_text(cell_text(str(value)))}</t></is></c>')


def style_keys(layout: SheetLayout) -> set[tuple]:
    """Every (style, number format, wrap) the layout's cells use."""
    keys: set[tuple] = set()
    for grid in layout.grids:
        formats = grid.formats or (None,) * max(len(v) for v in grid.values)
        wraps = grid.wraps or (False,) * len(formats)
        for names in grid.styles:
            keys.update(zip(names, formats, wraps))
    return keys


def sheet_xml(layout: SheetLayout, style_of: Callable[[str, str | None, bool], int], table_rids: list[str],
              drawing_rid: str | None = None) -> bytes:
    """The worksheet part of a layout; ``style_of(name, number format, wrap)`` gives a cellXfs index."""
    return b"".join(sheet_chunks(layout, style_of, table_rids, drawing_rid))


def sheet_chunks(layout: SheetLayout, style_of: Callable[[str, str | None, bool], int], table_rids: list[str],
                 drawing_rid: str | None = None, rows_per_chunk: int = 2000):
    """The worksheet part as chunks of bytes, a few thousand rows at a time."""
    rows = _rows_of(layout.grids)
    last_row = max(rows, default=1)
    last_col = max((g.col + len(v) - 1 for g in layout.grids for v in g.values), default=1)
    too_large = bounds_problem(last_row, last_col, f"Bladet {layout.name}")
    if too_large:  # the callers check what a user can cause before building the layout
        raise ValueError(too_large)
    out = [DECLARATION, f'<worksheet xmlns="{NS["main"]}" xmlns:r="{NS["r"]}">',
           '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' if not layout.hidden and not layout.scale else "",
           f'<dimension ref="{ref(1, 1, last_row, last_col)}"/><sheetViews><sheetView workbookViewId="0">']
    if layout.freeze:
        row, col = layout.freeze
        top_left = ref(row, col, row, col)
        split = (f' xSplit="{col - 1}"' if col > 1 else "") + (f' ySplit="{row - 1}"' if row > 1 else "")
        pane = "bottomRight" if row > 1 and col > 1 else "bottomLeft" if row > 1 else "topRight"
        out.append(f'<pane{split} topLeftCell="{top_left}" activePane="{pane}" state="frozen"/>'
                   f'<selection pane="{pane}" activeCell="{top_left}" sqref="{top_left}"/>')
    out.append('</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>')
    if layout.widths:
        out.append("<cols>" + "".join(f'<col min="{c}" max="{c}" width="{w:g}" customWidth="1"/>'
                                      for c, w in sorted(layout.widths.items())) + "</cols>")
    out.append("<sheetData>")
    styles: dict[tuple, str] = {("plain", None, False): ""}
    heights = dict(layout.heights)
    for number_ in sorted(set(rows) | set(heights)):
        height = heights.get(number_)
        out.append(f'<row r="{number_}" ht="{height:g}" customHeight="1">' if height else f'<row r="{number_}">')
        _cells(out, number_, rows.get(number_, ()), style_of, styles)
        out.append("</row>")
        if len(out) > rows_per_chunk * 8:
            yield "".join(out).encode("utf-8")
            out.clear()
    out.append("</sheetData>")
    if layout.merges:
        out.append(f'<mergeCells count="{len(layout.merges)}">'
                   + "".join(f'<mergeCell ref="{ref(*m)}"/>' for m in layout.merges) + "</mergeCells>")
    if layout.dropdowns:
        out.append(f'<dataValidations count="{len(layout.dropdowns)}">')
        for d in layout.dropdowns:
            prompt = (f' showInputMessage="1" promptTitle={xml_attr(d.prompt_title[:32])} '
                      f'prompt={xml_attr(d.prompt[:255])}' if d.prompt else "")  # Excel's limits
            if not d.source:  # any value: the input message only
                out.append(f'<dataValidation allowBlank="1"{prompt} sqref="{d.ranges}"/>')
                continue
            source = d.source if "!" in d.source else '"' + d.source + '"'
            title = d.title or ("Inte i listan" if d.warning else "Ogiltigt värde")
            out.append('<dataValidation type="list"' + (' errorStyle="warning"' if d.warning else "")
                       + f' allowBlank="1" showErrorMessage="{int(d.strict or d.warning)}"'
                       + (f' errorTitle={xml_attr(title)} error={xml_attr(d.message)}' if d.message else "")
                       + prompt + f' sqref="{d.ranges}"><formula1>{xml_text(source)}</formula1></dataValidation>')
        out.append("</dataValidations>")
    out.append('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>')
    if not layout.hidden:
        orientation = "landscape" if layout.landscape else "portrait"
        fit = (f'scale="{layout.scale}" pageOrder="overThenDown"' if layout.scale else 'fitToWidth="1" fitToHeight="0"')
        out.append(f'<pageSetup paperSize="9" {fit} orientation="{orientation}"/>')
    if layout.header or any(layout.footer):
        left, right = layout.footer
        out.append("<headerFooter>" + (f"<oddHeader>{xml_text(header_footer(layout.header, '&C'))}</oddHeader>"
                                       if layout.header else "")
                   + (f"<oddFooter>{xml_text(('&L' + left if left else '') + ('&R' + right if right else ''))}"
                      "</oddFooter>" if any(layout.footer) else "") + "</headerFooter>")
    if layout.breaks:
        out.append(f'<rowBreaks count="{len(layout.breaks)}" manualBreakCount="{len(layout.breaks)}">'
                   + "".join(f'<brk id="{b}" max="16383" man="1"/>' for b in layout.breaks) + "</rowBreaks>")
    if layout.col_breaks:
        out.append(f'<colBreaks count="{len(layout.col_breaks)}" manualBreakCount="{len(layout.col_breaks)}">'
                   + "".join(f'<brk id="{b}" max="1048575" man="1"/>' for b in layout.col_breaks) + "</colBreaks>")
    if drawing_rid:
        out.append(f'<drawing r:id="{drawing_rid}"/>')
    if table_rids:
        out.append(f'<tableParts count="{len(table_rids)}">'
                   + "".join(f'<tablePart r:id="{rid}"/>' for rid in table_rids) + "</tableParts>")
    out.append("</worksheet>")
    yield "".join(out).encode("utf-8")


def table_xml(span: TableSpan, table_id: int) -> bytes:
    cells = ref(span.first_row, span.first_col, span.last_row, span.last_col)
    if defined_name_problem(span.name):
        raise ValueError(defined_name_problem(span.name))
    name = xml_attr(span.name)
    columns = "".join(f'<tableColumn id="{i}" name={xml_attr(str(h))}/>' for i, h in enumerate(span.headers, 1))
    return (f'{DECLARATION}<table xmlns="{NS["main"]}" id="{table_id}" name={name} displayName={name} ref="{cells}" '
            f'totalsRowShown="0"><autoFilter ref="{cells}"/><tableColumns count="{len(span.headers)}">{columns}'
            f'</tableColumns><tableStyleInfo name="{span.style}" showFirstColumn="0" showLastColumn="0" '
            f'showRowStripes="1" showColumnStripes="0"/></table>').encode()


def drawing_xml(charts: tuple[Chart, ...], chart_rids: list[str]) -> bytes:
    """The drawing that places a sheet's charts over their cell ranges."""
    out = [DECLARATION, f'<xdr:wsDr xmlns:xdr="{DRAWING_NS}" xmlns:a="{A_NS}">']
    for n, (chart, rid) in enumerate(zip(charts, chart_rids), start=2):
        r1, c1, r2, c2 = chart.anchor
        out.append(f'<xdr:twoCellAnchor><xdr:from><xdr:col>{c1 - 1}</xdr:col><xdr:colOff>0</xdr:colOff>'
                   f'<xdr:row>{r1 - 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>{c2}</xdr:col>'
                   f'<xdr:colOff>0</xdr:colOff><xdr:row>{r2}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>'
                   f'<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="{n}" name="Diagram {n - 1}"/>'
                   '<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/>'
                   '<a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData '
                   f'uri="{CHART_NS}"><c:chart xmlns:c="{CHART_NS}" xmlns:r="{NS["r"]}" r:id="{rid}"/>'
                   '</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>')
    out.append("</xdr:wsDr>")
    return "".join(out).encode("utf-8")


def _rich(text: str, size: int | None = None, bold: bool = False) -> str:
    props = (f' sz="{size * 100}"' if size else "") + (' b="1"' if bold else "")
    return (f'<c:tx><c:rich><a:bodyPr/><a:p><a:pPr><a:defRPr{props}/></a:pPr><a:r><a:rPr lang="sv-SE"{props}/>'
            f'<a:t>{xml_text(text)}</a:t></a:r></a:p></c:rich></c:tx>')


def _series(sheet: str, index: int, header: tuple[int, int], values: Range, categories: Range, color: str,
            line: bool) -> str:
    paint = (f'<c:spPr><a:ln w="28575"><a:solidFill><a:srgbClr val="{color}"/></a:solidFill></a:ln></c:spPr>'
             '<c:marker><c:symbol val="none"/></c:marker>') if line else \
        f'<c:spPr><a:solidFill><a:srgbClr val="{color}"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>'
    return (f'<c:ser><c:idx val="{index}"/><c:order val="{index}"/><c:tx><c:strRef><c:f>'
            f'{xml_text(sheet_ref(sheet, ref(*header, *header, absolute=True)))}</c:f></c:strRef></c:tx>{paint}'
            f'<c:cat><c:strRef><c:f>{xml_text(sheet_ref(sheet, ref(*categories, absolute=True)))}</c:f></c:strRef>'
            f'</c:cat><c:val><c:numRef><c:f>{xml_text(sheet_ref(sheet, ref(*values, absolute=True)))}</c:f>'
            f'</c:numRef></c:val>' + ('<c:smooth val="0"/>' if line else "") + "</c:ser>")


def chart_xml(sheet: str, chart: Chart) -> bytes:
    """A clustered column chart with its lines drawn over it, both from ranges of ``sheet``."""
    palette = list(chart.colors) + ["1F3864", "8EA9DB", "C00000", "7F7F7F"]
    bars = "".join(_series(sheet, i, h, v, chart.categories, palette[i], False) for i, (h, v) in enumerate(chart.bars))
    lines = "".join(_series(sheet, len(chart.bars) + i, h, v, chart.categories, palette[len(chart.bars) + i], True)
                    for i, (h, v) in enumerate(chart.lines))
    scaling = '<c:orientation val="minMax"/>' + (f'<c:max val="{chart.y_max:g}"/>' if chart.y_max is not None else "") \
        + (f'<c:min val="{chart.y_min:g}"/>' if chart.y_min is not None else "")
    axis_title = lambda text: f"<c:title>{_rich(text)}<c:overlay val=\"0\"/></c:title>" if text else ""  # noqa: E731
    out = [DECLARATION, f'<c:chartSpace xmlns:c="{CHART_NS}" xmlns:a="{A_NS}" xmlns:r="{NS["r"]}">',
           '<c:roundedCorners val="0"/><c:chart>',
           f'<c:title>{_rich(chart.title, 12, True)}<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>',
           '<c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/>'
           f'<c:varyColors val="0"/>{bars}<c:gapWidth val="150"/><c:axId val="500"/><c:axId val="600"/></c:barChart>']
    if lines:
        out.append(f'<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>{lines}<c:marker val="1"/>'
                   '<c:axId val="500"/><c:axId val="600"/></c:lineChart>')
    out.append('<c:catAx><c:axId val="500"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>'
               f'<c:axPos val="b"/>{axis_title(chart.x_title)}<c:numFmt formatCode="General" sourceLinked="1"/>'
               '<c:tickLblPos val="nextTo"/><c:crossAx val="600"/><c:crosses val="autoZero"/><c:auto val="1"/>'
               '<c:lblAlgn val="ctr"/><c:lblOffset val="100"/></c:catAx>'
               f'<c:valAx><c:axId val="600"/><c:scaling>{scaling}</c:scaling><c:delete val="0"/><c:axPos val="l"/>'
               f'<c:majorGridlines/>{axis_title(chart.y_title)}<c:numFmt formatCode="General" sourceLinked="1"/>'
               '<c:tickLblPos val="nextTo"/><c:crossAx val="500"/><c:crosses val="autoZero"/>'
               '<c:crossBetween val="between"/></c:valAx></c:plotArea><c:legend><c:legendPos val="b"/>'
               '<c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>'
               '</c:chartSpace>')
    return "".join(out).encode("utf-8")
