"""Any text in any text field ends up in XML that a strict parser and openpyxl read: names with & < > (an area
called ``Arbete & Hälsa``), control characters, lone surrogates, right-to-left marks, 32 767 characters."""
import io
import os
import zipfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import docx
import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from helpers import BUDGET, VERIFICATIONS, area_row, participant_row, verification_row
from xlbokslut.cli import main
from xlbokslut.excel_rules import MAX_CELL_TEXT, MAX_HEADER_FOOTER, sheet_name, sheet_name_problem, utf16_length
from xlbokslut.layout import Chart, Dropdown, Grid, SheetLayout
from xlbokslut.ooxml.newbook import workbook_parts
from xlbokslut.ooxml.xmltext import xml_chars
from xlbokslut.workbook.template import build_workbook

EXAMPLES = int(os.environ.get("XLBOKSLUT_EXAMPLES", 0)) or None
HOSTILE = ["Arbete & Hälsa", "&<>\"'", "A&&B &P av &N", "]]>", "'apostrof'", "History", "\u202eRTL\u200f",
           "\U0001F600" * 16, "_x0041_", "\x00\x01\x1f\ufffe", "\ud800", "\udfff\ud83d", "=1+1", " lead", "tail\n"]
texts = st.one_of(
    st.text(st.characters(exclude_categories=()), max_size=40),  # every code point: controls and surrogates too
    st.sampled_from(HOSTILE),
    st.lists(st.sampled_from(HOSTILE), min_size=2, max_size=4).map(" ".join),
    st.sampled_from(["&", "x", "\U0001F600", "<Ä"]).map(lambda c: c * (MAX_CELL_TEXT // len(c))),
)
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)  # strict: recover=False


def assert_every_part_is_xml(path: Path) -> None:
    """Every XML part of the package parses strictly, and openpyxl (python-docx) opens the workbook (document)."""
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(z.read(name), PARSER)  # raises on anything that is not XML
    if path.suffix == ".docx":
        docx.Document(str(path))
    else:
        openpyxl.load_workbook(path).close()


@settings(max_examples=EXAMPLES or 60, deadline=None)
@given(sheet_titles=st.lists(texts, min_size=1, max_size=4), cells=st.lists(texts, min_size=1, max_size=6),
       header=texts, chart_title=texts, message=texts)
def test_any_text_in_a_new_workbook_is_xml(tmp_path_factory, sheet_titles, cells, header, chart_title, message):
    taken: list[str] = []
    layouts = []
    for title in sheet_titles:
        name = sheet_name(title, taken)
        assert sheet_name_problem(name, taken) is None, name
        taken.append(name)
        grids = [Grid(1, 1, [[c for c in cells]], [["plain"] * len(cells)]), Grid(2, 1, [[0], [1]], [["plain"]] * 2)]
        chart = Chart((5, 3, 15, 8), chart_title, (2, 1, 3, 1), (((1, 1), (2, 1, 3, 1)),), y_title=chart_title)
        layouts.append(SheetLayout(name, grids, print_rows=(1, 1), header=header, charts=(chart,),
                                   dropdowns=(Dropdown("A2:A3", "Ja,Nej", True, message),)))
    path = tmp_path_factory.mktemp("x") / "a.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        for part, data in workbook_parts(layouts).items():
            z.writestr(part, data)
    assert_every_part_is_xml(path)
    with zipfile.ZipFile(path) as z:
        sheet = etree.fromstring(z.read("xl/worksheets/sheet1.xml"), PARSER)
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    written = [t.text or "" for t in sheet.iterfind(".//m:row[@r='1']//m:t", ns)]
    expected = [xml_chars(c) for c in cells if c]  # an empty cell is not written
    assert [w.rstrip("…") for w in written] == [e[:len(w.rstrip("…"))] for e, w in zip(expected, written)]
    assert all(utf16_length(w) <= MAX_CELL_TEXT for w in written)
    odd_header = sheet.find(".//m:oddHeader", ns)
    assert odd_header is None or len(odd_header.text) <= MAX_HEADER_FOOTER


def _csv_field(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


@settings(max_examples=EXAMPLES or 12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(organisation=texts, areas=st.lists(texts, min_size=2, max_size=2), budget=st.lists(texts, min_size=4, max_size=4),
       verification=st.lists(texts, min_size=2, max_size=2), example=st.lists(texts, min_size=2, max_size=2),
       unit=texts, survey=st.lists(texts, min_size=3, max_size=3))
def test_any_text_in_any_field_gives_workbooks_every_program_opens(tmp_path_factory, organisation, areas, budget,
                                                                   verification, example, unit, survey):
    """utvardera and exportera (per unit too) on a workbook whose every text field holds hostile text."""
    folder = tmp_path_factory.mktemp("e")
    rows = [dict(r) for r in BUDGET]
    rows[0] |= dict(zip(("Socialt mål", "Indikator", "Källa", "Kommentar"), budget))
    ver = [dict(r) for r in VERIFICATIONS]
    ver[0] |= dict(zip(("Verifikation", "Kommentar"), verification))
    ver.append(verification_row("1.1.2", unit, verification[0], Täljare=3, Nämnare=9))
    path = folder / "a.xlsx"
    build_workbook({"Organisation": organisation, "Verksamhetsår": "2025"},
                   [area_row(1, areas[0], 60), area_row(2, areas[1], 40)], rows, ver,
                   [participant_row(unit, "Antal deltagare hela året", 3, 4, 5)],
                   examples=[{"Indikator-nr": "1.2.1", "Rubrik": example[0], "Beskrivning": example[1],
                              "Verifikation": "Pärm"}]).save(path)
    export = folder / "svar.csv"
    header, answer, other = (xml_chars(s).replace("\r", " ").replace("\n", " ").strip() or "x" for s in survey)
    export.write_text(f"Kön;{_csv_field(header)};{_csv_field(other)}\nKvinna;{_csv_field(answer)};Ja\n"
                      f"Man;Ja;{_csv_field(answer)}\n", encoding="utf-8", errors="replace")
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        imported = main(["enkat", "importera", str(export), "--arbetsbok", str(path)])
        evaluated = main(["utvardera", str(path)])
        exported = main(["exportera", str(path), "--per-enhet", "--utdata", str(folder / "ut")])
    assert (imported, evaluated, exported) == (0, 0, 0), err.getvalue()
    written = sorted((folder / "ut").glob("*.xlsx")) + sorted((folder / "ut").glob("*.docx"))
    assert written and "Fel" not in err.getvalue()
    for workbook in [path, *written]:
        assert_every_part_is_xml(workbook)
