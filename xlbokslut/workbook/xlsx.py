"""The spreadsheet inside an .xlsx package, read and changed part by part.

Reading gives a sheet's values (cached results of formulas, dates as dates) and the Excel tables. Changing
puts single cells into a sheet's XML and leaves every other element as it was, grows a table, and writes
whole sheets that xlbokslut owns (with their tables) — never loading and re-saving the rest of the workbook.
"""
from __future__ import annotations

import datetime as dt
import html
from itertools import chain
import posixpath
import re
from typing import NamedTuple

from lxml import etree
from functools import cache

from ..issues import UnusableWorkbook
from ..model import Uncomputed, column_letter
from ..ooxml.package import CONTENT_TYPES, NS, REL_TYPE, Package, serialize
from ..ooxml.sheet import UNSAFE_XML, number_text, sheet_chunks, style_keys, table_xml
from ..ooxml.stylesheet import Stylesheet

_M = "{%s}" % NS["main"]
_R = "{%s}" % NS["r"]
_REL = "{%s}" % NS["rel"]
_CT = "{%s}" % NS["ct"]
WORKSHEET_TYPE = REL_TYPE + "worksheet"
TABLE_TYPE = REL_TYPE + "table"
CALC_CHAIN_TYPE = REL_TYPE + "calcChain"
WORKSHEET_CONTENT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
TABLE_CONTENT = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"
MAX_ROWS = 100_000  # rows with data on one sheet
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")
_C, _V, _F = _M + "c", _M + "v", _M + "f"


@cache
def col_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def col_of(ref: str) -> int:
    """'B7' → 2."""
    return col_number(ref.rstrip("0123456789").lstrip("$").rstrip("$").upper())


def parse_ref(ref: str) -> tuple[int, int]:
    """'B7' → (7, 2)."""
    letters = ref.rstrip("0123456789")
    digits = ref[len(letters):]
    if not digits or not letters.isalpha() or not letters.isascii():
        match = _CELL_REF.fullmatch(ref.replace("$", "").upper())
        if not match:
            raise ValueError(ref)
        letters, digits = match.group(1), match.group(2)
    return int(digits), col_number(letters.upper())


def parse_range(ref: str) -> tuple[int, int, int, int]:
    """'A4:O19' → (first col, first row, last col, last row)."""
    first, _, last = ref.partition(":")
    r1, c1 = parse_ref(first)
    r2, c2 = parse_ref(last or first)
    return c1, r1, c2, r2


def _resolve(base_part: str, target: str) -> str:
    if target.startswith("/"):
        return target[1:]
    return posixpath.normpath(posixpath.join(posixpath.dirname(base_part), target))


def _rels_part(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


_T = _M + "t"
_RPH = _M + "rPh"
_END = (None,)  # marks the end of a row's elements


def _text(element) -> str:
    """The text of a shared or inline string: every run, without phonetic hints."""
    if element is None:
        return ""
    if len(element) == 1 and element[0].tag == _T:  # plain text, the usual case
        return element[0].text or ""
    return "".join(t.text or "" for t in element.iter(_T) if t.getparent().tag != _M + "rPh")


class Rels:
    """A part's relationships."""

    def __init__(self, package: Package, part: str):
        self.package, self.part, self.name = package, part, _rels_part(part)
        self.root = package.xml(self.name) if package.has(self.name) else etree.Element(
            _REL + "Relationships", nsmap={None: NS["rel"]})

    def items(self) -> list[tuple[str, str, str, bool]]:
        """(Id, Type, resolved target, external)."""
        return [(r.get("Id"), r.get("Type"), r.get("Target") if r.get("TargetMode") == "External"
                 else _resolve(self.part, r.get("Target")), r.get("TargetMode") == "External")
                for r in self.root.iterfind(_REL + "Relationship")]

    def target(self, rid: str) -> str | None:
        return next((t for i, _, t, _ in self.items() if i == rid), None)

    def add(self, type_: str, target_part: str) -> str:
        used = {r.get("Id") for r in self.root}
        n = 1
        while f"rId{n}" in used:
            n += 1
        relative = posixpath.relpath(target_part, posixpath.dirname(self.part))
        etree.SubElement(self.root, _REL + "Relationship", Id=f"rId{n}", Type=type_, Target=relative)
        return f"rId{n}"

    def remove(self, rid: str) -> None:
        for r in self.root.findall(_REL + "Relationship"):
            if r.get("Id") == rid:
                self.root.remove(r)

    def save(self) -> None:
        if len(self.root):
            self.package.write(self.name, serialize(self.root))
        elif self.package.has(self.name):
            self.package.remove(self.name)


class SheetRef(NamedTuple):
    name: str
    part: str
    element: object  # the <sheet> element of workbook.xml


class TableRef(NamedTuple):
    name: str
    sheet: str
    part: str
    bounds: tuple[int, int, int, int]  # first col, header row, last col, last row
    id: int = 0


class Spreadsheet:
    """The workbook of a package: its sheets, tables and styles, read lazily and changed in place."""

    def __init__(self, package: Package):
        self.package = package
        root_rels = Rels(package, "")  # before the cache exists: read once
        self.book_part = next((t for _, ty, t, ext in root_rels.items()
                               if ty.endswith("/officeDocument") and not ext), "xl/workbook.xml")
        if not package.has(self.book_part):
            raise UnusableWorkbook(f"{package.path.name} är ingen Excel-arbetsbok (den saknar arbetsbokens del).")
        self.book = package.xml(self.book_part)
        self._rels: dict[str, Rels] = {}
        self.book_rels = self.rels(self.book_part)
        pr = self.book.find(_M + "workbookPr")
        self.epoch = dt.datetime(1904, 1, 1) if pr is not None and pr.get("date1904") in ("1", "true") \
            else dt.datetime(1899, 12, 30)
        self.sheets: list[SheetRef] = []
        for element in self.book.iterfind(f"{_M}sheets/{_M}sheet"):
            part = self.book_rels.target(element.get(_R + "id"))
            if part and package.has(part):
                self.sheets.append(SheetRef(element.get("name"), part, element))
        self._styles: Stylesheet | None = None
        self._shared: list[str] | None = None
        self._trees: dict[str, object] = {}
        self._tables: dict[str, TableRef] | None = None
        self._content_types = None
        self._patched: set[str] = set()  # sheet parts whose cells were put
        self.formula_overwritten = False

    # --- reading -----------------------------------------------------------------------------
    @property
    def styles(self) -> Stylesheet:
        if self._styles is None:
            self._styles = Stylesheet(self.package)
        return self._styles

    def _shared_strings(self) -> list[str]:
        if self._shared is None:
            part = next((t for _, ty, t, _ in self.book_rels.items() if ty.endswith("/sharedStrings")), None)
            root = self.package.xml(part) if part and self.package.has(part) else None
            self._shared = [] if root is None else [_text(si) for si in root.iterfind(_M + "si")]
        return self._shared

    def sheet(self, name: str) -> SheetRef | None:
        return next((s for s in self.sheets if s.name.casefold() == name.casefold()), None)

    def tree(self, part: str):
        if part not in self._trees:
            self._trees[part] = self.package.xml(part)
        return self._trees[part]

    def values(self, name: str) -> list[list[object]]:
        """The sheet's values from A1 as rows of cells (a formula gives its last computed value)."""
        ref = self.sheet(name)
        rows: list[list[object]] = []
        root = self.tree(ref.part)
        if ref.part not in self._patched:
            del self._trees[ref.part]  # parsed again only if cells are put into it: the rest is not kept in memory
        data = root.find(_M + "sheetData")
        if data is None:
            return rows
        shared, dates = self._shared_strings(), self.styles.date_xfs
        columns: dict[str, int] = {}  # column letters → number, worked out once per sheet
        row_number = filled = 0
        for row in data.iterfind(_M + "row"):
            row_number = int(row.get("r") or row_number + 1)
            filled += 1
            if filled > MAX_ROWS:
                raise UnusableWorkbook(f"Bladet ”{name}” har fler än {MAX_ROWS:,} rader; det är för stort för ett "
                                       "bokslut. Ta bort rader som inte hör dit.".replace(",", " "))
            line = self._row_values(row, columns, shared, dates)
            if line:
                rows.extend([[] for _ in range(row_number - len(rows))])
                rows[row_number - 1] = line
        return rows

    def answer_values(self, name: str) -> list[list[object]]:
        """``values`` of a large sheet of survey answers, read by pattern when the sheet is written the plain way
        Excel, LibreOffice and xlbokslut write it (several times faster), else as any sheet."""
        ref = self.sheet(name)
        if ref.part not in self._trees:
            rows = _plain_values(self.package.read(ref.part), self._shared_strings(), self.styles.date_xfs,
                                 self.epoch)
            if rows is not None:
                return rows
        return self.values(name)

    def _row_values(self, row, columns: dict[str, int], shared: list[str], dates: set[int]) -> list[object]:
        """A row's values by column. One pass over the row's cells and their value elements in document order,
        so that a large sheet (a thousand survey answers) is read without an object per cell's children."""
        line: list[object] = []
        col = 0
        kind = style = text = formula = None
        started = phonetic = False
        for el in chain(row.iter(_C, _V, _T, _F, _RPH), _END):
            tag = el.tag if el is not None else None
            if tag is None or tag == _C:
                if started:  # the previous cell is complete
                    if kind == "inlineStr":
                        value = text or ""
                    elif kind == "s" and text and text.isdigit() and int(text) < len(shared):
                        value = shared[int(text)]
                    else:
                        value = _typed_value(kind, style, text, formula, shared, dates, self.epoch)
                    if value is not None:
                        if col > len(line):
                            line.extend([None] * (col - len(line)))
                        line[col - 1] = value
                if tag is None:
                    break
                r = el.get("r")
                if r:
                    letters = r.rstrip("0123456789")
                    col = columns.get(letters) or columns.setdefault(letters, col_of(r))
                else:
                    col += 1
                kind, style, text, formula, started = el.get("t"), el.get("s"), None, None, True
            elif not started:
                continue
            elif tag == _V:
                text = el.text
            elif tag == _F:
                formula = el.text or "…"
            elif tag == _RPH:
                phonetic = True
            elif phonetic:  # the <t> of a phonetic hint: not part of the text
                phonetic = False
            else:
                text = (text or "") + (el.text or "")
        return line

    def tables(self) -> dict[str, TableRef]:
        """Every Excel table by lower-case name."""
        if self._tables is None:
            self._tables = {}
            for sheet in self.sheets:
                for _, type_, target, external in self.rels(sheet.part).items():
                    if type_ == TABLE_TYPE and not external and self.package.has(target):
                        table = self.package.xml(target)
                        name = table.get("displayName") or table.get("name") or ""
                        try:
                            bounds = parse_range(table.get("ref", ""))
                            number = int(table.get("id", "0"))
                        except ValueError:
                            continue
                        self._tables[name.casefold()] = TableRef(name, sheet.name, target, bounds, number)
        return self._tables

    def validations(self, name: str) -> list[tuple[str, str]]:
        """The sheet's list validations (dropdowns) as (cell ranges, list formula), of every Excel version."""
        out = []
        for dv in self.tree(self.sheet(name).part).iter("{*}dataValidation"):
            if dv.get("type") != "list":
                continue
            sqref = dv.get("sqref") or "".join(e.text or "" for e in dv.iterfind("{*}sqref"))
            formula = next((f for f in dv.iterfind("{*}formula1")), None)
            text = "" if formula is None else (formula.text or "".join(e.text or "" for e in formula)).strip()
            out.append((sqref, text))
        return out

    # --- changing ----------------------------------------------------------------------------
    def put(self, sheet_name: str, cells: list) -> None:
        """Set cells (writeback.CellWrite) of an existing sheet; the rest of its XML stays as it was."""
        part = self.sheet(sheet_name).part
        root = self.tree(part)
        self._patched.add(part)
        data = root.find(_M + "sheetData")
        if data is None:
            data = etree.SubElement(root, _M + "sheetData")
        rows = {}
        number = 0
        for row in data.iterfind(_M + "row"):
            number = int(row.get("r") or number + 1)
            rows[number] = row
        by_row: dict[int, list] = {}
        for w in cells:
            by_row.setdefault(w.row, []).append(w)
        styles: dict[tuple, int] = {}
        for number in sorted(by_row):
            row = rows.get(number)
            if row is None:
                row = etree.Element(_M + "row", r=str(number))
                later = [n for n in rows if n > number]
                if later:
                    rows[min(later)].addprevious(row)
                else:
                    data.append(row)
                rows[number] = row
            existing = _cells_by_column(row, number)
            for w in sorted(by_row[number], key=lambda w: w.col):
                cell = existing.get(w.col)
                if cell is None:
                    cell = existing[w.col] = _insert_cell(row, existing, number, w.col)
                elif cell.find(_F) is not None:
                    self.formula_overwritten = True
                key = (w.style, w.number_format, w.wrap)
                style = styles.get(key)
                if style is None:
                    style = styles[key] = self.styles.index(*key)
                _set_cell(cell, w.value, style)
            _fix_spans(row, existing)
        _grow_dimension(root, max(by_row, default=0), max((w.col for w in cells), default=0))

    def resize_table(self, name: str, last_row: int) -> None:
        """Grow a table down to ``last_row`` (never shrink it)."""
        table = self.tables()[name.casefold()]
        first_col, first_row, last_col, old_last = table.bounds
        if last_row <= old_last:
            return
        root = self.package.xml(table.part)
        ref = f"{column_letter(first_col)}{first_row}:{column_letter(last_col)}{last_row}"
        root.set("ref", ref)
        auto = root.find(_M + "autoFilter")
        if auto is not None:
            auto.set("ref", ref)
        self.package.write(table.part, serialize(root))
        self._tables[name.casefold()] = table._replace(bounds=(first_col, first_row, last_col, last_row))

    def write_sheet(self, layout) -> None:
        """A sheet xlbokslut owns (writeback.SheetLayout), replacing the one of that name in its place."""
        existing = self.sheet(layout.name)
        if existing is not None:
            part = existing.part
            self._drop_parts_of(part)
            element = existing.element
        else:
            part = self._new_part("xl/worksheets/sheet{}.xml")
            rid = self.book_rels.add(WORKSHEET_TYPE, part)
            self._content(part, WORKSHEET_CONTENT)
            sheets = self.book.find(_M + "sheets")
            ids = [int(s.get("sheetId", "0")) for s in sheets]
            element = etree.SubElement(sheets, _M + "sheet", name=layout.name, sheetId=str(max(ids, default=0) + 1))
            element.set(_R + "id", rid)
            self.sheets.append(SheetRef(layout.name, part, element))
        if layout.hidden:
            element.set("state", "hidden")
        elif "state" in element.attrib:
            del element.attrib["state"]
        rels = self.rels(part)
        tables = self.tables()
        parts = []
        for span in layout.tables:
            table_part = self._new_part("xl/tables/table{}.xml")
            number = max((t.id for t in tables.values()), default=0) + 1
            self.package.write(table_part, table_xml(span, number))
            self._content(table_part, TABLE_CONTENT)
            parts.append(rels.add(TABLE_TYPE, table_part))
            tables[span.name.casefold()] = TableRef(span.name, layout.name, table_part,
                                                    (span.first_col, span.first_row, span.last_col, span.last_row),
                                                    number)
        rels.save()
        for key in style_keys(layout):  # every style is in styles.xml before the sheet is written while saving
            self.styles.index(*key)
        self.package.write(part, lambda: sheet_chunks(layout, self.styles.index, parts))
        self._trees.pop(part, None)

    def remove_sheet(self, name: str) -> None:
        ref = self.sheet(name)
        if ref is None:
            return
        sheets = self.book.find(_M + "sheets")
        index = list(sheets).index(ref.element)
        self._drop_parts_of(ref.part)
        self.book_rels.remove(ref.element.get(_R + "id"))
        sheets.remove(ref.element)
        self.package.remove(ref.part)
        self._content(ref.part, None)
        self.sheets.remove(ref)
        self._tables = None
        for defined in self.book.iterfind(f"{_M}definedNames/{_M}definedName"):
            local = defined.get("localSheetId")
            if local is not None and int(local) == index:
                defined.getparent().remove(defined)
            elif local is not None and int(local) > index:
                defined.set("localSheetId", str(int(local) - 1))
        for view in self.book.iterfind(f"{_M}bookViews/{_M}workbookView"):
            for attribute in ("activeTab", "firstSheet"):
                if view.get(attribute) and int(view.get(attribute)) >= index > 0:
                    view.set(attribute, str(int(view.get(attribute)) - 1))

    def finish(self) -> None:
        """Serialize everything changed into the package."""
        for part in self._patched:
            self.package.write(part, serialize(self._trees[part]))
        if self.formula_overwritten:
            self._drop_calc_chain()
        self.package.write(self.book_part, serialize(self.book))
        self.book_rels.save()
        if self._content_types is not None:
            self.package.write(CONTENT_TYPES, serialize(self._content_types))
        self.styles.save()

    # --- helpers -----------------------------------------------------------------------------
    def _content(self, part: str, content_type: str | None) -> None:
        if self._content_types is None:
            self._content_types = self.package.xml(CONTENT_TYPES)
        name = "/" + part
        for override in self._content_types.findall(_CT + "Override"):
            if override.get("PartName") == name:
                self._content_types.remove(override)
        if content_type:
            etree.SubElement(self._content_types, _CT + "Override", PartName=name, ContentType=content_type)

    def _new_part(self, pattern: str) -> str:
        n = 1
        while self.package.has(pattern.format(n)):
            n += 1
        return pattern.format(n)

    def rels(self, part: str) -> Rels:
        """A part's relationships, read once and kept (changes go to the same object)."""
        if part not in self._rels:
            self._rels[part] = Rels(self.package, part)
        return self._rels[part]

    def _drop_parts_of(self, part: str) -> None:
        """Remove the parts only this sheet refers to (its tables, drawings, comments), then its relationships."""
        rels = self.rels(part)
        others = set()
        for name in self.package.names():
            if name.endswith(".rels") and name != rels.name:
                source = posixpath.join(posixpath.dirname(posixpath.dirname(name)),
                                        posixpath.basename(name)[:-len(".rels")])
                others |= {t for _, _, t, ext in self.rels(source).items() if not ext}
        dropped = set()
        for rid, _, target, external in rels.items():
            if not external and target not in others and self.package.has(target):
                self.package.remove(target)
                self._content(target, None)
                dropped.add(target)
            rels.remove(rid)
        rels.save()
        if self._tables is not None:
            self._tables = {k: t for k, t in self._tables.items() if t.part not in dropped}

    def _drop_calc_chain(self) -> None:
        for rid, type_, target, _ in self.book_rels.items():
            if type_ == CALC_CHAIN_TYPE:
                self.book_rels.remove(rid)
                self.package.remove(target)
                self._content(target, None)

_PLAIN_CELL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"((?: [a-zA-Z]+="[^"<>]*")*) ?(?:/>|>(<f(?: [^>]*)?(?:/>|>'
                         rb'[^<]*</f>))?(?:<v>([^<]*)</v>|<is><t(?: xml:space="preserve")?>([^<]*)</t></is>|<is><t/></is>)?'
                         rb'</c>)', re.S)
_ATTRIBUTE = re.compile(rb' (t|s)="([^"]*)"')


def _plain_values(data: bytes, shared: list[str], dates: set[int], epoch: dt.datetime) -> list[list[object]] | None:
    """A sheet's values by pattern, or None when the sheet is not written the plain way (a namespace prefix, a
    cell without its reference, rich text, a formula without its value, a DTD …): the caller then parses it."""
    head = data[:4096]
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head or not head.lstrip().startswith(b"<?xml") \
            or b'<worksheet xmlns="' + NS["main"].encode() + b'"' not in head or \
            not data.rstrip().endswith(b"</worksheet>"):
        return None
    start, end = data.find(b"<sheetData"), data.find(b"</sheetData>")
    if start < 0:
        return None
    body = data[start:end if end > 0 else len(data)]
    if body.count(b"<row") > MAX_ROWS:
        return None
    found = _PLAIN_CELL.findall(body)
    if len(found) != body.count(b"<c ") + body.count(b"<c>") + body.count(b"<c/>"):
        return None
    columns: dict[bytes, int] = {}
    rows: list[list[object]] = []
    for letters, number, attributes, formula, v, inline in found:
        if inline:
            value = inline.decode("utf-8")
            if "&" in value:
                value = html.unescape(value)
        elif v:
            if b' t="s"' in attributes:  # a shared string: what Excel saves text as
                value = shared[int(v)] if v.isdigit() and int(v) < len(shared) else None
            else:
                attrs = dict(_ATTRIBUTE.findall(attributes)) if attributes else {}
                kind, style = attrs.get(b"t"), attrs.get(b"s")
                text = v.decode("utf-8")
                value = _typed_value(kind.decode() if kind else None, style.decode() if style else None,
                                     html.unescape(text) if "&" in text else text, None, shared, dates, epoch)
        elif formula:
            return None  # a formula never computed: read as XML, which marks it
        else:
            continue
        if value is None:
            continue
        row = int(number)
        col = columns.get(letters) or columns.setdefault(letters, col_number(letters.decode()))
        if row > len(rows):
            rows.extend([[] for _ in range(row - len(rows))])
        line = rows[row - 1]
        if col > len(line):
            line.extend([None] * (col - len(line)))
        line[col - 1] = value
    return rows


def _typed_value(kind: str | None, style: str | None, text: str | None, formula: str | None, shared: list[str],
                 dates: set[int], epoch: dt.datetime) -> object:
    """A cell's value from its type and style attributes and the text of its <v> (or <t>) and <f>."""
    if kind == "inlineStr":
        return text or ""
    if not text:
        return Uncomputed("=" + formula) if formula is not None else None
    if kind == "s":
        return shared[int(text)] if text.isdigit() and int(text) < len(shared) else None
    if kind in ("str", "e"):
        return text
    if kind == "b":
        return text.strip() in ("1", "true")
    if kind == "d":
        try:
            return dt.datetime.fromisoformat(text)
        except ValueError:
            return text
    try:
        number = int(text) if text.isdigit() or (text[:1] == "-" and text[1:].isdigit()) else float(text)
    except ValueError:
        return text
    if style and style.isdigit() and int(style) in dates and 0 <= number < 2958466:
        return epoch + dt.timedelta(days=number)
    return number


def _cells_by_column(row, row_number: int) -> dict:
    """The <c> elements of a row by column (a cell written without its reference gets one)."""
    out = {}
    col = 0
    for c in row.iterfind(_C):
        r = c.get("r")
        if r:
            col = col_of(r)
        else:
            col += 1
            c.set("r", f"{column_letter(col)}{row_number}")
        out[col] = c
    return out


def _insert_cell(row, existing: dict, row_number: int, col: int):
    """A new <c> in column order among a row's cells."""
    new = etree.Element(_C, r=f"{column_letter(col)}{row_number}")
    after = [c for c in existing if c > col]
    if after:
        existing[min(after)].addprevious(new)
    elif existing:
        existing[max(existing)].addnext(new)
    else:
        row.insert(0, new)
    return new


def _set_cell(cell, value: object, style: int) -> None:
    """A cell's value and style; text always as an inline string (never read as a formula)."""
    for child in list(cell):
        cell.remove(child)
    for attribute in ("t", "cm", "vm"):
        cell.attrib.pop(attribute, None)
    cell.set("s", str(style))
    if value is None or value == "":
        return
    if isinstance(value, bool):
        cell.set("t", "b")
        etree.SubElement(cell, _M + "v").text = "1" if value else "0"
    elif isinstance(value, (int, float)):
        etree.SubElement(cell, _M + "v").text = number_text(value)
    else:
        cell.set("t", "inlineStr")
        text = UNSAFE_XML.sub("", str(value))
        t = etree.SubElement(etree.SubElement(cell, _M + "is"), _M + "t")
        t.text = text
        if text != text.strip():
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _fix_spans(row, cells: dict) -> None:
    if "spans" in row.attrib and cells:
        row.set("spans", f"{min(cells)}:{max(cells)}")


def _grow_dimension(root, last_row: int, last_col: int) -> None:
    dimension = root.find(_M + "dimension")
    if dimension is None or not last_row:
        return
    try:
        first_col, first_row, old_col, old_row = parse_range(dimension.get("ref", "A1"))
    except ValueError:
        return
    if last_row > old_row or last_col > old_col:
        dimension.set("ref", f"{column_letter(first_col)}{first_row}:{column_letter(max(old_col, last_col))}"
                             f"{max(old_row, last_row)}")
