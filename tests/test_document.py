"""The published bokslut: the Word document and the web page for every example, read back and held to Resultat,
their accessibility (structure, language, alt text, contrast, axe-core in headless Chromium), and the PDF."""
import datetime as dt
import json
import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from hypothesis import given, settings, strategies as st

from helpers import area_results, indicator_results, write_workbook
from xlbokslut.cli import main
from xlbokslut.example import names
from xlbokslut.export.publication import Heading, Items, Paragraph, Publication, Status, Table
from xlbokslut.export.webpage import page
from xlbokslut.jobs import export_file, write_demo
from xlbokslut.model import STATUSES
from xlbokslut.styles import CHART_COLOURS, DOCUMENT_COLOURS, STATUS_COLOURS, STATUS_STYLES, STATUS_SYMBOLS

A11Y = Path(__file__).parent / "a11y"
PUBLISHED = [n for n in names() if n != "umearegionen_2020"]  # 2020 is the 2021 example's last year only
NBSP = "\u00a0"


@pytest.fixture(scope="module")
def examples(tmp_path_factory):
    """Every published example written, evaluated and exported: name → (workbook, evaluation, paths)."""
    out = {}
    for name in PUBLISHED:
        folder = tmp_path_factory.mktemp(name)
        workbook, ev, paths = write_demo(folder, name)
        out[name] = workbook, ev, paths
    return out


def _written(paths, suffix):
    return next(p for p in paths if p.name.endswith(suffix))


def test_every_example_writes_the_document_and_the_page(examples):
    assert len(PUBLISHED) == 5
    for name, (_, ev, paths) in examples.items():
        document, web = _written(paths, "_socialt_bokslut_" + ev.budget.settings.year + ".docx"), \
            _written(paths, ".html")
        assert document.stat().st_size > 10_000 and web.stat().st_size > 10_000, name


# --- reading the document and the page back ------------------------------------------------------------------

def _cell_lines(cell) -> tuple[str, ...]:
    return tuple(p.text.replace(NBSP, " ") for p in cell.paragraphs if p.text)


def docx_tables(path) -> list[tuple[str, list[str], list[tuple[tuple[str, ...], ...]]]]:
    """(caption, header, rows of cells of lines) for every table of the document."""
    d = docx.Document(path)
    out = []
    for table in d.tables:
        caption = table._tbl.tblPr.find(qn("w:tblCaption"))
        rows = [tuple(_cell_lines(c) for c in row.cells) for row in table.rows]
        out.append((caption.get(qn("w:val")) if caption is not None else None, [" ".join(c) for c in rows[0]],
                    rows[1:]))
    return out


class _Page(HTMLParser):
    """The page's tables as (caption, header, rows of cells of lines), its headings, images and tags."""

    def __init__(self):
        super().__init__()
        self.tables, self.headings, self.images, self.tags, self.text, self.scopes = [], [], [], [], [], []
        self._cell = self._where = None
        self._heading = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if tag == "table":
            self.tables.append([None, [], []])
        elif tag == "caption":
            self._where = "caption"
            self._cell = [""]
        elif tag == "tr":
            self.tables[-1][2].append([])
        elif tag in ("th", "td"):
            self._cell = [""]
            if tag == "th":
                self.scopes.append(attrs.get("scope"))
        elif tag == "br" and self._cell is not None:
            self._cell.append("")
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading = [int(tag[1]), ""]
        elif tag == "img":
            self.images.append(attrs)

    def handle_endtag(self, tag):
        if tag == "caption":
            self.tables[-1][0] = self._cell[0].split(". ", 1)[1]
            self._cell = None
        elif tag in ("th", "td"):
            self.tables[-1][2][-1].append(tuple(line for line in self._cell if line))
            self._cell = None
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6") and self._heading:
            self.headings.append(tuple(self._heading))
            self._heading = None

    def handle_data(self, data):
        self.text.append(data)
        data = data.replace(NBSP, " ")
        if self._cell is not None:
            self._cell[-1] += data
        if self._heading is not None:
            self._heading[1] += data


def html_page(path) -> _Page:
    parsed = _Page()
    parsed.feed(Path(path).read_text(encoding="utf-8"))
    return parsed


def html_tables(path):
    out = []
    for caption, _, rows in html_page(path).tables:
        out.append((caption, [" ".join(c) for c in rows[0]], [tuple(r) for r in rows[1:]]))
    return out


def _status_word(lines) -> str | None:
    for line in lines:
        for status in STATUSES:
            if line == f"{STATUS_SYMBOLS[status]} {status}":
                return status
    return None


def _indicator_rows(tables) -> dict[str, dict]:
    """Indicator number → its row in the goal tables, by header."""
    out = {}
    for caption, header, rows in tables:
        if caption and caption.startswith("Indikatorer för mål"):
            for row in rows:
                out[row[0][0].split(" ")[0]] = dict(zip(header, row, strict=True))
    return out


def _area_rows(tables) -> dict[str, dict]:
    caption, header, rows = next(t for t in tables if t[0] and t[0].startswith("IMPACTindex per målområde"))
    return {row[0][0].split(" ")[0]: dict(zip(header, row, strict=True)) for row in rows}


def _number(cell) -> int | None:
    text = cell[0].replace("−", "-").replace("▲", "").replace("▼", "").replace("▶", "").strip()
    return None if text == "–" else int(text.replace("+", ""))


def _same_figures_as_resultat(tables, workbook, unit=None):
    """Every indicator's target, outcome, status and points, and every area's index, as Resultat has them."""
    results = indicator_results(workbook, unit)
    shown = _indicator_rows(tables)
    assert set(shown) == set(results)
    for number, r in results.items():
        row = shown[number]
        assert row["Mål"] == ((r["Mål"],) if r["Mål"] else ()), number
        outcome = row["Utfall"]
        if r["Utfall"]:
            assert outcome[0] == r["Utfall"], number
        if r["Till målet"]:
            assert f"Till målet: {r['Till målet']}" in outcome, number
        if r["Underlag"]:
            assert f"Underlag: {r['Underlag']}" in outcome, number
        assert _status_word(row["Status"]) == r["Status"], number
        points = f"{r['Poäng']:g} av {r['Max poäng']}".replace(".", ",") if r["Max poäng"] else "–"
        assert row["Poäng"] == (points,), number
        last = next((v for k, v in row.items() if k.startswith("Fjolår")), None)
        if last is not None and r["Fjolår status"] in STATUSES:
            assert _status_word(last) == r["Fjolår status"], number
            assert last[0] == (r["Fjolår utfall"] or f"{STATUS_SYMBOLS[r['Fjolår status']]} {r['Fjolår status']}"), number
    areas = area_results(workbook, unit)
    shown_areas = _area_rows(tables)
    for nr, a in areas.items():
        row = shown_areas[nr]
        assert _number(row["IMPACTindex"]) == a["IMPACTindex"], nr
        assert _number(row["Mot mål"]) == a["Mot mål"], nr
        last = next((v for k, v in row.items() if k.startswith("Fjolår")), None)
        if last is not None:
            assert _number(last) == a["Fjolår IMPACTindex"] and _number(row["Förändring"]) == a["Förändring"], nr
        reached = a["Andel uppnådda indikatorer (%)"]
        assert row["Andel uppnådda"] == (f"{reached} %" if reached is not None else "–",), nr


def test_the_figures_in_both_equal_resultat(examples):
    for name, (workbook, ev, paths) in examples.items():
        for read in (docx_tables, html_tables):
            tables = read(_written(paths, ".docx" if read is docx_tables else ".html"))
            _same_figures_as_resultat(tables, workbook)
        assert indicator_results(workbook), name


def test_the_document_is_structured_for_a_screen_reader(examples):
    for name, (_, ev, paths) in examples.items():
        path = _written(paths, ".docx")
        d = docx.Document(path)
        levels = [int(p.style.name.split()[-1]) for p in d.paragraphs if p.style.name.startswith("Heading")]
        assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), name
        assert d.paragraphs[0].style.name == "Title" and d.paragraphs[0].text.startswith("Socialt bokslut")
        texts = [p.text for p in d.paragraphs]
        for area in ev.areas:
            if not area.unit and area.number != "Totalt":
                assert f"Målområde {area.number} {area.name}" in texts, name
        # every indicator with its status as symbol and word, in a table whose header row repeats on each page
        rows = _indicator_rows(docx_tables(path))
        for r in (r for r in ev.indicators if not r.unit):
            assert _status_word(rows[r.indicator.number]["Status"]) == r.outcome.status, (name, r.indicator.number)
        for table in d.tables:
            first = table.rows[0]._tr
            assert first.trPr is not None and first.trPr.find(qn("w:tblHeader")) is not None
            assert table._tbl.tblPr.find(qn("w:tblCaption")) is not None
        # every image with alternative text that says what the chart shows, in numbers
        pictures = d.inline_shapes
        assert len(pictures) >= 1, name
        for shape in pictures:
            alt = shape._inline.docPr.get("descr")
            assert alt and "IMPACTindex" in alt
            total = next(a for a in ev.areas if not a.unit and a.number == "Totalt")
            assert f"Totalt {total.index}" in alt
        # language and properties
        styles = d.styles.element
        lang = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
        assert lang.get(qn("w:val")) == "sv-SE"
        props = d.core_properties
        assert props.language == "sv-SE" and props.title.startswith("Socialt bokslut")
        assert props.author == (ev.budget.settings.organisation or "Socialt bokslut")


def test_the_page_is_structured_for_a_screen_reader(examples):
    for name, (_, ev, paths) in examples.items():
        text = _written(paths, ".html").read_text(encoding="utf-8")
        assert '<html lang="sv">' in text and "<title>Socialt bokslut" in text
        parsed = html_page(_written(paths, ".html"))
        for landmark in ("header", "nav", "main", "footer"):
            assert parsed.tags.count(landmark) == 1, (name, landmark)
        levels = [h[0] for h in parsed.headings]
        assert levels[0] == 1 and levels.count(1) == 1
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), name
        assert all(img.get("alt") and img["src"].startswith("data:image/png;base64,") for img in parsed.images)
        assert parsed.tags.count("table") == parsed.tags.count("caption")
        assert None not in parsed.scopes
        rows = _indicator_rows(html_tables(_written(paths, ".html")))
        for r in (r for r in ev.indicators if not r.unit):
            assert _status_word(rows[r.indicator.number]["Status"]) == r.outcome.status, (name, r.indicator.number)


def test_per_unit_documents_hold_the_units_figures(tmp_path, examples):
    workbook = examples["umearegionen_2021"][0]
    _, paths = export_file(workbook, tmp_path, per_unit=True)
    unit_doc = next(p for p in paths if p.name.endswith("_ungdomstorget_socialt_bokslut_2021.docx"))
    d = docx.Document(unit_doc)
    assert "Delbokslut för Ungdomstorget" in [p.text for p in d.paragraphs[:4]]
    _same_figures_as_resultat(docx_tables(unit_doc), workbook, "Ungdomstorget")
    _same_figures_as_resultat(html_tables(unit_doc.with_suffix(".html")), workbook, "Ungdomstorget")


def test_the_organisations_own_texts_come_from_the_workbook(tmp_path):
    source = write_workbook(tmp_path / "in.xlsx", settings={
        "Organisation": "Testförbundet", "Verksamhetsår": "2025",
        "Inledning": "Första stycket  med   mellanrum.\n\nAndra stycket.",
        "Avslutning": "Tack till alla deltagare.", "Fastställt av styrelsen": dt.datetime(2026, 3, 15)})
    ev, paths = export_file(source, tmp_path / "ut")
    assert ev.budget.settings.adopted == "15 mars 2026"
    d = docx.Document(_written(paths, ".docx"))
    texts = [p.text for p in d.paragraphs]
    assert "Fastställt av styrelsen 15 mars 2026" in texts[:4]
    start = texts.index("Inledning")
    assert texts[start + 1:start + 3] == ["Första stycket med mellanrum.", "Andra stycket."]
    assert texts[-2:] == ["Avslutning", "Tack till alla deltagare."]
    assert d.paragraphs[start].style.name == "Heading 1"
    headings = [h[1] for h in html_page(_written(paths, ".html")).headings]
    assert headings[1:3] == ["Innehåll", "Inledning"] and headings[-1] == "Avslutning"


def test_the_adopted_date_reads_as_swedish_however_it_was_typed():
    from xlbokslut.settings import date_text

    assert date_text(dt.datetime(2026, 3, 15)) == date_text("2026-03-15") == "15 mars 2026"
    assert date_text("den 15 mars 2026") == "den 15 mars 2026" and date_text("2026-13-45") == "2026-13-45"


def test_a_second_or_misspelt_text_row_is_named_not_lost(tmp_path):
    from openpyxl import load_workbook

    source = write_workbook(tmp_path / "in.xlsx", settings={"Organisation": "Testförbundet", "Verksamhetsår": "2025",
                                                           "Inledning": "Första raden."})
    book = load_workbook(source)
    sheet = book["Inställningar"]
    last = max(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value)
    sheet.cell(last + 1, 1, "Inledning")
    sheet.cell(last + 1, 2, "Andra raden.")
    sheet.cell(last + 2, 1, "Avslutnng")
    sheet.cell(last + 2, 2, "Tack.")
    book.save(source)
    ev, _ = export_file(source, tmp_path / "ut")
    assert ev.budget.settings.introduction == "Första raden." and ev.budget.settings.closing == ""
    messages = {i.place: i.message for i in ev.issues}
    assert messages[f"Inställningar!B{last + 1}"].startswith("Inställningen ”Inledning” står på flera rader; bara "
                                                            "den första (Inställningar!B")
    assert messages[f"Inställningar!B{last + 2}"] == ("Det finns ingen inställning som heter ”Avslutnng”; värdet "
                                                      "läses inte (stavning?)")


# --- contrast -------------------------------------------------------------------------------------------------

def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str = "FFFFFF") -> float:
    """WCAG 2.1's contrast ratio of two RGB colours."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_of_the_status_colours_and_the_documents_colours():
    assert contrast("000000") == pytest.approx(21) and contrast("767676") == pytest.approx(4.54, abs=0.01)
    assert set(STATUS_COLOURS) == set(STATUSES)
    for status, colour in STATUS_COLOURS.items():
        assert contrast(colour) >= 4.5, status  # the status word on white: text (so also ≥ 3:1 as graphics)
    for name, colour in CHART_COLOURS.items():
        assert contrast(colour) >= 3, name  # bars and the target line against the white page
    for name in ("text", "heading", "muted", "link"):
        assert contrast(DOCUMENT_COLOURS[name]) >= 4.5, name
    assert contrast("FFFFFF", DOCUMENT_COLOURS["header_fill"]) >= 4.5
    assert contrast(DOCUMENT_COLOURS["text"], DOCUMENT_COLOURS["total_fill"]) >= 4.5
    for status, style in STATUS_STYLES.items():  # Excel: dark text on the light status fills
        assert contrast(style.font, style.fill) >= 4.5, status


# --- escaping -------------------------------------------------------------------------------------------------

def _tags(html_text: str) -> list[str]:
    parsed = _Page()
    parsed.feed(html_text)
    return parsed.tags


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_every_text_on_the_page_is_shown_as_typed(text):
    def pub(t):
        return Publication(t, t, t, (t,), (Heading(1, t), Heading(2, t), Paragraph(t), Items((t,)),
                                           Table(t, (t, t), (((t,), (Status(t),)),), (1, 1))))
    plain = page(pub("x"))
    made = page(pub(text))
    assert _tags(made) == _tags(plain)
    parsed = _Page()
    parsed.feed(made)
    shown = "".join(parsed.text)
    assert shown.count(text) >= 8 or text.strip() == "" or "\r" in text


# --- axe-core in headless Chromium ----------------------------------------------------------------------------

def _browser_missing() -> str:
    if not (shutil.which("node") and Path("/usr/bin/chromium").exists() or os.environ.get("CHROMIUM")):
        return "node or Chromium is not installed (CI installs both and runs this)"
    if not (A11Y / "node_modules" / "axe-core").exists():
        return "the npm packages are not installed: npm ci in tests/a11y (CI does)"
    return ""


def test_the_pages_pass_axe_core_in_headless_chromium(examples, tmp_path):
    missing = _browser_missing()
    if missing:
        if os.environ.get("XLBOKSLUT_REQUIRE_BROWSER"):
            pytest.fail(missing)
        pytest.skip(missing)
    pages = [str(_written(paths, ".html")) for _, _, paths in examples.values()]
    run = subprocess.run(["node", str(A11Y / "check.js"), "--screenshot", str(tmp_path), *pages],
                         capture_output=True, text=True, timeout=600, check=False)
    assert run.returncode == 0, run.stderr
    violations = json.loads(run.stdout)
    assert set(violations) == set(pages)
    assert violations == {p: [] for p in pages}
    assert all((tmp_path / (Path(p).stem + ".png")).stat().st_size > 50_000 for p in pages)  # it was drawn


# --- PDF ------------------------------------------------------------------------------------------------------

def test_pdf_without_libreoffice_says_so_in_one_sentence(tmp_path, monkeypatch, capsys, examples):
    workbook = examples["002_ungdomstorget_2018"][0]
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice on the way
    assert main(["exportera", str(workbook), "--utdata", str(tmp_path / "ut"), "--pdf"]) == 0
    out = capsys.readouterr().out
    assert out.strip().splitlines()[-1] == ("PDF skrevs inte: LibreOffice finns inte på datorn (installera det från "
                                            "libreoffice.org, eller öppna Word-dokumentet och spara det som PDF).")
    assert not list((tmp_path / "ut").glob("*.pdf")) and list((tmp_path / "ut").glob("*.docx"))


def test_pdf_with_libreoffice_is_tagged(tmp_path, capsys, examples):
    if not (shutil.which("soffice") and shutil.which("pdfinfo")):
        if os.environ.get("XLBOKSLUT_REQUIRE_LIBREOFFICE"):
            pytest.fail("LibreOffice or pdfinfo is missing")
        pytest.skip("LibreOffice and poppler-utils are not installed (CI installs them and runs this)")
    workbook = examples["umearegionen_2021"][0]
    assert main(["exportera", str(workbook), "--utdata", str(tmp_path), "--pdf", "--per-enhet"]) == 0
    out = capsys.readouterr().out
    documents = sorted(tmp_path.glob("*.docx"))
    assert len(documents) == 8 and all(str(d.with_suffix(".pdf")) in out for d in documents)  # one for each
    pdf = tmp_path / "samordningsforbundet_umearegionen_socialt_bokslut_2021.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info and "Title:           Socialt bokslut 2021" in info
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Målområde 1" in text and "Uppnått" in text
