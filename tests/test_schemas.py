"""Every XML part xlbokslut writes is valid against the ECMA-376 transitional schemas, and every package it writes
passes the packaging checks no schema makes: new workbooks (the template, the examples, the board's results
workbook) whole, and a user's workbook changed in place (evaluated twice, a survey imported) in every part that
changed — where the user's own part already broke the schema, xlbokslut adds no error of its own.

The schemas are in ../shared/ooxml-xsd/, beside the project and not on a user's machine: without them the test
skips with the reason, and CI (XLBOKSLUT_REQUIRE_SCHEMAS=1 in .ci/run) fails instead.
"""
from __future__ import annotations

import os
import re
import shutil
import zipfile
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from helpers import ROOT, write_workbook
from package_checks import package_problems
from xlbokslut.example import build_example, example_path, names
from xlbokslut.jobs import export_file
from xlbokslut.workbook.files import evaluate_file
from xlbokslut.workbook.surveys import import_survey
from xlbokslut.workbook.template import write_template

SCHEMAS = ROOT.parent / "shared" / "ooxml-xsd"
FIXTURES = Path(__file__).parent / "fixtures"
LINE = re.compile(r"line \d+")
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
XML_NS = "http://www.w3.org/XML/1998/namespace"
# the schema of each root element's namespace; parts in other namespaces (VML, custom XML, threaded comments …)
# are never written by xlbokslut, only copied byte for byte; docProps/core.xml is not checked, its schema imports
# the Dublin Core schemas from the network
SCHEMA_OF = {
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main": "sml.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/chart": "dml-chart.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing": "dml-spreadsheetDrawing.xsd",
    "http://schemas.openxmlformats.org/package/2006/relationships": "opc-relationships.xsd",
    "http://schemas.openxmlformats.org/package/2006/content-types": "opc-contentTypes.xsd",
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main": "wml.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/main": "dml-main.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties":
        "shared-documentPropertiesExtended.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/bibliography": "shared-bibliography.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/customXml": "shared-customXmlDataProperties.xsd",
}
# wml.xsd and shared-math.xsd import the xml: namespace without a schemaLocation; tests/xml.xsd stands in for it
XML_XSD = Path(__file__).parent / "xml.xsd"


@pytest.fixture(scope="module", autouse=True)
def schemas_present():
    if not (SCHEMAS / "sml.xsd").exists():
        if os.environ.get("XLBOKSLUT_REQUIRE_SCHEMAS"):
            pytest.fail(f"the ECMA-376 schemas are required here and are not in {SCHEMAS}")
        # Justified skip: the schemas are beside the project, not in it (never on a user's machine); CI has them
        # and forbids the skip.
        pytest.skip(f"the ECMA-376 schemas are not in {SCHEMAS}: the written XML cannot be validated here")


@cache
def schema(file_name: str) -> etree.XMLSchema:
    """A schema, its imports resolved from the same folder (schemaLocation is relative to the file), the xml:
    namespace from the stand-in (the first import of a namespace is the one used)."""
    namespace = etree.parse(str(SCHEMAS / file_name)).getroot().get("targetNamespace")
    wrapper = (f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
               f'<xs:import namespace="{XML_NS}" schemaLocation="{XML_XSD.resolve().as_uri()}"/>'
               f'<xs:import namespace="{namespace}" schemaLocation="{(SCHEMAS / file_name).as_uri()}"/></xs:schema>')
    return etree.XMLSchema(etree.fromstring(wrapper))


def _understood(root) -> set[str]:
    return {ns for ns in SCHEMA_OF} | {MC, XML_NS, "http://schemas.openxmlformats.org/officeDocument/2006/"
                                       "relationships", "http://schemas.openxmlformats.org/drawingml/2006/main"}


def preprocess(root):
    """The part as an application of the transitional standard reads it (Markup Compatibility, ECMA-376 Part 3):
    an mc:AlternateContent becomes its Fallback, ignorable namespaces go; and xml:space on text, which Excel
    writes and these schema files reject for want of the W3C xml.xsd."""
    root = etree.fromstring(etree.tostring(root))
    understood = _understood(root)
    for alternate in list(root.iter(f"{{{MC}}}AlternateContent")):
        fallback = alternate.find(f"{{{MC}}}Fallback")
        parent = alternate.getparent()
        at = parent.index(alternate)
        for child in reversed(list(fallback) if fallback is not None else []):
            parent.insert(at, child)
        parent.remove(alternate)
    ignorable = set()
    for element in root.iter():
        for prefix in (element.get(f"{{{MC}}}Ignorable") or "").split():
            ignorable.add(element.nsmap.get(prefix))
        element.attrib.pop(f"{{{MC}}}Ignorable", None)
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        namespace = etree.QName(element).namespace
        if namespace in ignorable and namespace not in understood and element.getparent() is not None:
            element.getparent().remove(element)
            continue
        for name in list(element.attrib):
            if name.startswith("{") and etree.QName(name).namespace in ignorable - understood:
                del element.attrib[name]
        element.attrib.pop(f"{{{XML_NS}}}space", None)
    return root


def schema_errors(name: str, data: bytes) -> list[str]:
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    namespace = etree.QName(root).namespace
    if namespace not in SCHEMA_OF:
        return []
    checker = schema(SCHEMA_OF[namespace])
    if checker.validate(preprocess(root)):
        return []
    return [f"{name}: {LINE.sub('line …', e.message)}" for e in checker.error_log]


def _xml_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n.endswith((".xml", ".rels"))}


def assert_valid_package(path: Path, before: dict[str, bytes] | None = None) -> int:
    """Validate every XML part of ``path`` (only the parts that differ from ``before``, the package as it was);
    returns how many parts were validated."""
    assert package_problems(path) == [], path.name
    validated = 0
    for name, data in _xml_parts(path).items():
        if before is not None and before.get(name) == data:
            continue
        errors = schema_errors(name, data)
        if before is not None and name in before:
            errors = [e for e in errors if e not in set(schema_errors(name, before[name]))]
        assert errors == [], f"{path.name}: {errors[:5]}"
        validated += name.rsplit(".", 1)[-1] in ("xml", "rels")
    return validated


def test_the_validator_finds_what_is_wrong(tmp_path):
    """The checks can fail: a cell out of order, a made-up attribute, a missing content type and a broken target
    are each found."""
    path = write_workbook(tmp_path / "a.xlsx")
    parts = {n: zipfile.ZipFile(path).read(n) for n in zipfile.ZipFile(path).namelist()}
    sheet = parts["xl/worksheets/sheet2.xml"]
    assert schema_errors("sheet", sheet) == []
    assert schema_errors("sheet", sheet.replace(b"<sheetData>", b"<sheetData><bogus/>", 1))
    assert schema_errors("sheet", sheet.replace(b"<sheetData>", b'<sheetData><row r="1" made-up="1"/>', 1))
    assert schema_errors("styles", parts["xl/styles.xml"].replace(b"<fonts", b"<fonts nonsense='1'", 1))
    parts["xl/extra.bin"] = b"?"
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b'Target="styles.xml"', b'Target="Styles2.xml"')
    broken = tmp_path / "b.xlsx"
    with zipfile.ZipFile(broken, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    problems = package_problems(broken)
    assert any("xl/extra.bin has no content type" in p for p in problems)
    assert any("Styles2.xml, which is not in the package" in p for p in problems)


def test_the_template_and_the_examples(tmp_path):
    assert assert_valid_package(write_template(tmp_path / "mall.xlsx")) > 20
    for name in names():
        path = tmp_path / f"{name}.xlsx"
        build_example(name).save(path)
        assert assert_valid_package(path) > 20, name


def test_the_boards_results_workbook(tmp_path):
    path = tmp_path / "bokslut.xlsx"
    shutil.copy(example_path("umearegionen_2021"), path)
    _, written = export_file(path, tmp_path / "ut", per_unit=True)
    books = [p for p in written if p.suffix == ".xlsx"]
    assert len(books) > 2
    for book in books:
        assert assert_valid_package(book) > 5, book.name


@pytest.mark.parametrize("name, per_unit", [("umearegionen_2021", True), ("002_ungdomstorget_2018", False)])
def test_the_published_word_documents(tmp_path, name, per_unit):
    """The bokslut as Word writes it: every part against wml.xsd (and DrawingML, the properties, OPC), the
    package checks as for a workbook."""
    path = tmp_path / "bokslut.xlsx"
    shutil.copy(example_path(name), path)
    _, written = export_file(path, tmp_path / "ut", per_unit=per_unit)
    documents = [p for p in written if p.suffix == ".docx"]
    assert documents
    for document in documents:
        assert assert_valid_package(document) > 10, document.name
    settings = zipfile.ZipFile(documents[0]).read("word/settings.xml")
    assert schema_errors("settings", re.sub(rb' w:percent="\d+"', b"", settings))  # the check can fail


@pytest.mark.parametrize("source", ["example", "excel_features.xlsx", "libreoffice_saved.xlsx"])
def test_a_workbook_changed_in_place(tmp_path, source):
    path = tmp_path / "bokslut.xlsx"
    shutil.copy(example_path("umearegionen_2021") if source == "example" else FIXTURES / source, path)
    original = _xml_parts(path)
    evaluate_file(path)
    evaluate_file(path)
    export = tmp_path / "svar.csv"
    export.write_text("Tidstämpel;Fråga 1;Kön\n2025-01-01;Ja;Kvinna\n2025-01-02;Nej & annat <svar>;Man\n",
                      encoding="utf-8")
    import_survey(path, export, "Enkät")
    evaluate_file(path)
    changed = assert_valid_package(path, original)
    assert changed >= 5
