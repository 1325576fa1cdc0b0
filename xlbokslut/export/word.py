"""The published bokslut as an accessible Word document (python-docx): a title page, real headings (so that a
table of contents works), real tables with a repeated header row and a caption, every image with alternative
text, the language Swedish and the title and author in the document's properties."""
from __future__ import annotations

import datetime as dt
import io
from xml.sax.saxutils import escape as xml_escape
from pathlib import Path

from ..excel_rules import MAX_PROPERTY, shortened
from ..styles import DOCUMENT_COLOURS, STATUS_COLOURS
from .publication import Figure, Heading, Items, Paragraph, Publication, Status, Table

LANGUAGE = "sv-SE"
TEXT_WIDTH_CM = 16.6  # A4 with 2.2 cm margins
KEEP_TOGETHER = 20  # rows: a table this short is not split over two pages


def write_docx(path: Path, pub: Publication) -> None:
    document_bytes(pub, path)


def document_bytes(pub: Publication, path: Path | None = None) -> bytes:
    from docx import Document
    from docx.shared import Cm

    doc = Document()
    _setup(doc, pub)
    body = _Body(doc)
    _title_page(body, pub)
    tables = figures = 0
    for block in pub.blocks:
        if isinstance(block, Heading):
            body.paragraph(block.text, f"Heading {block.level}")
        elif isinstance(block, Paragraph):
            if block.role == "note":
                body.paragraph(block.text, "Förklaring")
            else:
                body.paragraph(block.text, bold=block.role == "lead")
        elif isinstance(block, Items):
            for item in block.items:
                body.paragraph(item, "List Bullet")
        elif isinstance(block, Table):
            tables += 1
            _table(body, block, tables)
        elif isinstance(block, Figure):
            figures += 1
            body.flush()
            shape = doc.add_picture(io.BytesIO(block.png), width=Cm(min(block.width_cm, TEXT_WIDTH_CM)))
            doc_pr = shape._inline.docPr
            doc_pr.set("descr", block.alt)
            doc_pr.set("title", block.caption)
            body.paragraph(f"Figur {figures}. {block.caption}", "Caption")
    body.flush()
    out = io.BytesIO()
    doc.save(str(path) if path is not None else out)
    return out.getvalue()


class _Body:
    """The document's body written as WordprocessingML text and parsed once: python-docx's paragraph API looks
    each style's name up through every style, a second per unit's document."""

    def __init__(self, doc):
        self.doc, self.parts, self.ids = doc, [], {}

    def style(self, name: str) -> str:
        if name not in self.ids:
            self.ids[name] = self.doc.styles[name].style_id
        return self.ids[name]

    def paragraph(self, text: str, style: str = "", bold: bool = False, keep: bool = False,
                  size: float | None = None, before: float | None = None) -> None:
        props = (f'<w:pStyle w:val="{self.style(style)}"/>' if style else "") + ("<w:keepNext/>" if keep else "") \
            + (f'<w:spacing w:before="{round(before * 20)}"/>' if before else "")
        run = ("<w:b/>" if bold else "") + (f'<w:sz w:val="{round(size * 2)}"/>' if size else "")
        self.parts.append(f"<w:p>{f'<w:pPr>{props}</w:pPr>' if props else ''}<w:r>"
                          f"{f'<w:rPr>{run}</w:rPr>' if run else ''}"
                          f'<w:t xml:space="preserve">{xml_escape(text)}</w:t></w:r></w:p>')

    def flush(self) -> None:
        from docx.oxml import parse_xml

        if self.parts:
            end = self.doc.element.body.sectPr
            for element in list(parse_xml(f"<w:body {NS}>{''.join(self.parts)}</w:body>")):
                end.addprevious(element)
            self.parts = []


def _setup(doc, pub: Publication) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2)
    # Swedish everywhere: the defaults every style inherits, the theme's fonts, and the properties
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)
    for style in doc.styles:
        element = style.element.find(qn("w:rPr"))
        found = element.find(qn("w:lang")) if element is not None else None
        if found is not None:
            found.set(qn("w:val"), LANGUAGE)
    # python-docx's template writes <w:zoom w:val="bestFit"/>, which the schema rejects without w:percent
    zoom = doc.settings.element.find(qn("w:zoom"))
    if zoom is not None and zoom.get(qn("w:percent")) is None:
        zoom.set(qn("w:percent"), "100")
    theme = doc.settings.element.find(qn("w:themeFontLang"))
    if theme is not None:
        theme.set(qn("w:val"), LANGUAGE)
    props = doc.core_properties
    props.title, props.author = shortened(pub.title, MAX_PROPERTY), shortened(pub.author, MAX_PROPERTY)
    props.language = LANGUAGE
    props.subject, props.keywords = "Socialt bokslut", "socialt bokslut; IMPACTindex"
    props.comments, props.last_modified_by, props.revision = "", props.author, 1
    props.created = props.modified = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)

    ink = RGBColor.from_string(DOCUMENT_COLOURS["text"])
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size, normal.font.color.rgb = "Calibri", Pt(11), ink
    normal.paragraph_format.space_after = Pt(6)
    for name, size in (("Title", 28), ("Subtitle", 14), ("Heading 1", 18), ("Heading 2", 13), ("Heading 3", 11.5)):
        style = doc.styles[name]
        style.font.name, style.font.size = "Calibri", Pt(size)
        style.font.color.rgb = RGBColor.from_string(DOCUMENT_COLOURS["heading"])
        style.font.italic = False
    doc.styles["Heading 1"].paragraph_format.page_break_before = True
    for name in ("Heading 2", "Heading 3"):
        doc.styles[name].paragraph_format.space_before = Pt(12)
    caption = doc.styles["Caption"]
    caption.font.size, caption.font.bold, caption.font.italic = Pt(9.5), True, False
    caption.font.color.rgb = ink
    cell_text = doc.styles.add_style("Tabelltext", 1)
    cell_text.base_style = normal
    cell_text.font.size = Pt(9)
    cell_text.paragraph_format.space_after = Pt(0)
    note = doc.styles.add_style("Förklaring", 1)
    note.base_style = normal
    note.font.size, note.font.italic = Pt(9.5), True
    note.font.color.rgb = RGBColor.from_string(DOCUMENT_COLOURS["muted"])
    _footer(section, pub)


def _footer(section, pub: Publication) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    paragraph = section.footer.paragraphs[0]
    run = paragraph.add_run(f"{pub.title} · sida ")
    run.font.size = Pt(9)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    number = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    number.append(text)
    field.append(number)
    paragraph._p.append(field)


def _title_page(body: _Body, pub: Publication) -> None:
    body.paragraph(pub.heading, "Title")
    for line in pub.subtitle:
        body.paragraph(line, "Subtitle")
    lead = next((b for b in pub.blocks if isinstance(b, Paragraph) and b.role == "lead"), None)
    if lead:
        body.paragraph(lead.text, bold=True, size=14, before=36)


def _table(body: _Body, block: Table, number: int) -> None:
    """A real Word table, written as its XML (python-docx's cell API takes a second per dozen tables): the
    caption above it and in its properties, a header row repeated on every page, rows not split, a short
    table kept on one page."""
    body.paragraph(f"Tabell {number}. {block.caption}", "Caption", keep=True)
    cell_style, table_style = body.style("Tabelltext"), body.style("Table Grid")
    scale = TEXT_WIDTH_CM / sum(block.widths)
    widths = [round(w * scale * TWIPS_PER_CM) for w in block.widths]
    together = len(block.rows) <= KEEP_TOGETHER
    rows = [_row(block.header, widths, block.numeric, cell_style, header=True, keep=together)]
    for r, row in enumerate(block.rows):
        total = block.total and r == len(block.rows) - 1
        rows.append(_row(row, widths, block.numeric, cell_style, total=total, keep=together and r < len(block.rows) - 1))
    xml = (f'<w:tbl {NS}><w:tblPr><w:tblStyle w:val="{table_style}"/><w:tblW w:w="0" w:type="auto"/>'
           '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/>'
           '<w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
           '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
           f'w:noHBand="0" w:noVBand="1"/><w:tblCaption w:val="{_attr(block.caption)}"/></w:tblPr><w:tblGrid>'
           + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>" + "".join(rows) + "</w:tbl>")
    body.parts.append(xml.replace(f"<w:tbl {NS}>", "<w:tbl>"))
    body.parts.append('<w:p><w:pPr><w:spacing w:after="0"/></w:pPr></w:p>')


TWIPS_PER_CM = 567
NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _attr(text: str) -> str:
    return xml_escape(text, {'"': "&quot;"})


def _row(cells, widths, numeric, cell_style, header=False, total=False, keep=False) -> str:
    colours = DOCUMENT_COLOURS
    out = ["<w:tr><w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if header else "") + "</w:trPr>"]
    for c, cell in enumerate(cells):
        parts = (cell,) if header else (cell or ("",))
        fill = colours["header_fill"] if header else colours["total_fill"] if total else None
        shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
        out.append(f'<w:tc><w:tcPr><w:tcW w:w="{widths[c]}" w:type="dxa"/>{shading}</w:tcPr>')
        for part in parts:
            status = isinstance(part, Status)
            colour = "FFFFFF" if header else STATUS_COLOURS.get(part.status) if isinstance(part, Status) else None
            bold = header or total or status
            run = ("<w:b/>" if bold else "") + (f'<w:color w:val="{colour}"/>' if colour else "")
            text = part.text if isinstance(part, Status) else part
            out.append(f'<w:p><w:pPr><w:pStyle w:val="{cell_style}"/>' + ("<w:keepNext/>" if keep else "")
                       + ('<w:jc w:val="right"/>' if c in numeric else "") + "</w:pPr>"
                       + f'<w:r>{f"<w:rPr>{run}</w:rPr>" if run else ""}'
                       + f'<w:t xml:space="preserve">{xml_escape(text)}</w:t></w:r></w:p>')
        out.append("</w:tc>")
    out.append("</w:tr>")
    return "".join(out)
