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

from ..excel_rules import MAX_COLUMNS, MAX_ROWS
from ..issues import UnusableWorkbook
from ..model import column_letter
from ..ooxml.opc import CONTENT, REL_CONTENT, ContentTypes, Relationships, rels_part
from ..values import PercentCell, Uncomputed
from ..ooxml.package import CONTENT_TYPES, NS, REL_TYPE, Package, serialize
from ..excel_rules import cell_text
from ..ooxml.sheet import number_text, print_titles, sheet_chunks, style_keys, table_xml
from ..ooxml.stylesheet import Stylesheet
from ..ooxml.xmltext import xml_chars
from ..values import counted

_M = "{%s}" % NS["main"]
_R = "{%s}" % NS["r"]
WORKSHEET_TYPE = REL_TYPE + "worksheet"
TABLE_TYPE = REL_TYPE + "table"
CALC_CHAIN_TYPE = REL_TYPE + "calcChain"
STYLES_TYPE = REL_TYPE + "styles"
MAX_FILLED_ROWS = 100_000  # rows with data on one sheet
SHEET_TYPES = {REL_TYPE + kind for kind in ("worksheet", "chartsheet", "dialogsheet", "macrosheet")} | {
    "http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet",
    "http://schemas.microsoft.com/office/2006/relationships/xlIntlMacrosheet"}
STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")
_C, _V, _F = _M + "c", _M + "v", _M + "f"
PLAIN = ("plain", None, False)  # the style key of a cell written without a style


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


def _damaged(file_name: str, what: str) -> UnusableWorkbook:
    return UnusableWorkbook(f"{file_name} är skadad ({what}). Öppna den i Excel och spara den igen.")


def _row_number(row, previous: int, file_name: str, sheet: str) -> int:
    """A <row>'s number (the one after ``previous`` when it has none), within Excel's rows."""
    text = row.get("r")
    try:
        number = int(text) if text is not None else previous + 1
    except ValueError:
        number = 0
    if not 1 <= number <= MAX_ROWS:
        raise _damaged(file_name, f"bladet ”{sheet}” har en rad med numret {text}, men Excels rader är 1–1 048 576")
    return number


def _column_number(ref: str, file_name: str, sheet: str) -> int:
    col = col_of(ref) if ref.rstrip("0123456789").isalpha() and ref.isascii() else 0
    if not 1 <= col <= MAX_COLUMNS:
        raise _damaged(file_name, f"bladet ”{sheet}” har en cell {ref} utanför Excels kolumner A–XFD")
    return col


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


class SheetRef(NamedTuple):
    name: str
    part: str
    element: etree._Element  # the <sheet> element of workbook.xml


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
        self._rels: dict[str, Relationships] = {}
        root_rels = self.rels("")
        self.book_part = next((t for _, ty, t, ext in root_rels.items()
                               if ty.endswith("/officeDocument") and not ext), "xl/workbook.xml")
        if not package.has(self.book_part):
            raise UnusableWorkbook(f"{package.path.name} är ingen Excel-arbetsbok (den saknar arbetsbokens del).")
        self.book = package.xml(self.book_part)
        _check_namespace(self.book, package.path.name)
        self.book_rels = self.rels(self.book_part)
        pr = self.book.find(_M + "workbookPr")
        self.epoch = dt.datetime(1904, 1, 1) if pr is not None and pr.get("date1904") in ("1", "true") \
            else dt.datetime(1899, 12, 30)
        self.sheets: list[SheetRef] = []
        self._sheet_types: dict[str, str] = {}
        rels = {rid: (type_, target) for rid, type_, target, external in self.book_rels.items() if not external}
        for element in self.book.iterfind(f"{_M}sheets/{_M}sheet"):
            type_, part = rels.get(element.get(_R + "id"), ("", None))
            if part and package.has(part):
                self.sheets.append(SheetRef(element.get("name") or "", part, element))
                self._sheet_types[part] = type_
        self._check_structure()
        self._styles: Stylesheet | None = None
        self._shared: list[str] | None = None
        self._trees: dict[str, object] = {}
        self._tables: dict[str, TableRef] | None = None
        self._types: ContentTypes | None = None
        self._patched: set[str] = set()  # sheet parts whose cells were put
        self.formula_overwritten = False

    def _check_structure(self) -> None:
        """Refuse a package whose sheets are not what they say: xlbokslut writes sheets by name, so every name must
        be one sheet, every sheet its own part, and that part a sheet (never the workbook or its styles)."""
        file_name = self.package.path.name
        names: set[str] = set()
        parts: set[str] = set()
        for sheet in self.sheets:
            if sheet.name.casefold() in names:
                raise UnusableWorkbook(f"{file_name} har två blad som heter ”{sheet.name}”, vilket Excel inte "
                                       "tillåter; filen är manipulerad eller skadad och xlbokslut skriver inte i den. "
                                       "Byt namn på det ena bladet i Excel.")
            if sheet.part in parts or self._sheet_types[sheet.part] not in SHEET_TYPES \
                    or sheet.part == self.book_part:
                raise UnusableWorkbook(f"{file_name} har en struktur som inte är entydig (bladet ”{sheet.name}” pekar "
                                       f"på {sheet.part}, som inte är ett eget blad); xlbokslut skriver inte i den. "
                                       "Öppna den i Excel och spara den igen.")
            names.add(sheet.name.casefold())
            parts.add(sheet.part)

    def _worksheet(self, name: str) -> SheetRef:
        """The sheet ``name`` for writing into: it must be a worksheet."""
        ref = self._ref(name)
        if self._sheet_types[ref.part] != WORKSHEET_TYPE:
            raise UnusableWorkbook(f"Bladet ”{ref.name}” i {self.package.path.name} är inget vanligt kalkylblad "
                                   "(t.ex. ett diagramblad), så xlbokslut kan inte skriva i det. Byt namn på det.")
        return ref

    def _owned(self, name: str, own_tables: set[str]) -> SheetRef:
        """The sheet ``name`` that xlbokslut replaces or removes: a worksheet holding no table but its own."""
        ref = self._worksheet(name)
        own = {t.casefold() for t in own_tables}
        parts = self._table_parts(ref.part)
        foreign = [t.name for t in self.tables().values() if t.part in parts and t.name.casefold() not in own]
        if foreign:
            raise UnusableWorkbook(f"Bladet ”{ref.name}” i {self.package.path.name} innehåller tabellen {foreign[0]}, "
                                   "som inte hör dit; xlbokslut skriver inte över den. Byt namn på bladet eller flytta "
                                   "tabellen.")
        return ref

    # --- reading -----------------------------------------------------------------------------
    @property
    def styles(self) -> Stylesheet:
        if self._styles is None:
            part = next((t for _, ty, t, ext in self.book_rels.items() if ty == STYLES_TYPE and not ext), None)
            if part is None or not self.package.has(part):  # a workbook without styles gets them where Excel puts them
                part = posixpath.join(posixpath.dirname(self.book_part), "styles.xml")
                if not any(t == part for _, _, t, _ in self.book_rels.items()):
                    self.book_rels.add(STYLES_TYPE, part)
                self.types.set(part, CONTENT["styles"])
            self._styles = Stylesheet(self.package, part)
        return self._styles

    @property
    def types(self) -> ContentTypes:
        if self._types is None:
            self._types = ContentTypes(self.package.xml(CONTENT_TYPES))
        return self._types

    def _shared_strings(self) -> list[str]:
        if self._shared is None:
            part = next((t for _, ty, t, _ in self.book_rels.items() if ty.endswith("/sharedStrings")), None)
            root = self.package.xml(part) if part and self.package.has(part) else None
            self._shared = [] if root is None else [_text(si) for si in root.iterfind(_M + "si")]
        return self._shared

    def sheet(self, name: str) -> SheetRef | None:
        return next((s for s in self.sheets if s.name.casefold() == name.casefold()), None)

    def _ref(self, name: str) -> SheetRef:
        ref = self.sheet(name)
        if ref is None:
            raise UnusableWorkbook(f"{self.package.path.name} har inget blad ”{name}”.")
        return ref

    def tree(self, part: str):
        if part not in self._trees:
            self._trees[part] = self.package.xml(part)
        return self._trees[part]

    def values(self, name: str) -> list[list[object]]:
        """The sheet's values from A1 as rows of cells (a formula gives its last computed value)."""
        ref = self._ref(name)
        rows: list[list[object]] = []
        root = self.tree(ref.part)
        if ref.part not in self._patched:
            del self._trees[ref.part]  # parsed again only if cells are put into it: the rest is not kept in memory
        data = root.find(_M + "sheetData")
        if data is None:
            return rows
        shared, dates, percents = self._shared_strings(), self.styles.date_xfs, self.styles.percent_xfs
        columns: dict[str, int] = {}  # column letters → number, worked out once per sheet
        row_number = filled = 0
        file_name = self.package.path.name
        for row in data.iterfind(_M + "row"):
            row_number = _row_number(row, row_number, file_name, name)
            filled += 1
            if filled > MAX_FILLED_ROWS:
                raise UnusableWorkbook(f"Bladet ”{name}” har fler än {counted(MAX_FILLED_ROWS, 'rad', 'rader')}; det är för "
                                       "stort för ett bokslut. Ta bort rader som inte hör dit.")
            line = self._row_values(row, columns, shared, dates, name, percents)
            if line:
                rows.extend([[] for _ in range(row_number - len(rows))])
                rows[row_number - 1] = line
        return rows

    def answer_values(self, name: str) -> list[list[object]]:
        """``values`` of a large sheet of survey answers, read by pattern when the sheet is written the plain way
        Excel, LibreOffice and xlbokslut write it (several times faster), else as any sheet."""
        ref = self._ref(name)
        if ref.part not in self._trees:
            rows = _plain_values(self.package.read(ref.part), self._shared_strings(), self.styles.date_xfs,
                                 self.epoch, self.package.path.name, ref.name)
            if rows is not None:
                return rows
        return self.values(name)

    def _row_values(self, row, columns: dict[str, int], shared: list[str], dates: set[int],
                    sheet: str, percents: set[int] | frozenset[int] = frozenset()) -> list[object]:
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
                        value: object = text or ""
                    elif kind == "s" and text and text.isdigit() and int(text) < len(shared):
                        value = shared[int(text)]
                    else:
                        value = _typed_value(kind, style, text, formula, shared, dates, self.epoch, percents)
                    if value is not None:
                        if col > len(line):
                            line.extend([None] * (col - len(line)))
                        line[col - 1] = value
                if tag is None:
                    break
                r = el.get("r")
                if r:
                    letters = r.rstrip("0123456789")
                    col = columns.get(letters) or columns.setdefault(
                        letters, _column_number(r, self.package.path.name, sheet))
                else:
                    col += 1
                    if col > MAX_COLUMNS:
                        _column_number(column_letter(col), self.package.path.name, sheet)
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
        for dv in self.tree(self._ref(name).part).iter("{*}dataValidation"):
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
        part = self._worksheet(sheet_name).part
        root = self.tree(part)
        self._patched.add(part)
        data = root.find(_M + "sheetData")
        if data is None:
            data = etree.SubElement(root, _M + "sheetData")
        rows = {}
        number = 0
        for row in data.iterfind(_M + "row"):
            number = _row_number(row, number, self.package.path.name, sheet_name)
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

    def resize_table(self, name: str, last_row: int, shrink: bool = False) -> None:
        """Grow a table down to ``last_row`` (with ``shrink``: end it there, never above its first data row)."""
        table = self.tables()[name.casefold()]
        first_col, first_row, last_col, old_last = table.bounds
        last_row = max(last_row, first_row + 1)
        if last_row == old_last or (last_row < old_last and not shrink):
            return
        root = self.package.xml(table.part)
        ref = f"{column_letter(first_col)}{first_row}:{column_letter(last_col)}{last_row}"
        root.set("ref", ref)
        auto = root.find(_M + "autoFilter")
        if auto is not None:
            auto.set("ref", ref)
        for sort in root.iter(_M + "sortState"):  # the rows a sort remembers: the table's data rows
            sort.set("ref", f"{column_letter(first_col)}{first_row + 1}:{column_letter(last_col)}{last_row}")
        self.package.write(table.part, serialize(root))
        self.tables()[name.casefold()] = table._replace(bounds=(first_col, first_row, last_col, last_row))

    def write_sheet(self, layout) -> None:
        """A sheet xlbokslut owns (writeback.SheetLayout), replacing the one of that name in its place."""
        existing = self.sheet(layout.name)
        if existing is not None:
            existing = self._owned(layout.name, {span.name for span in layout.tables})
            part = existing.part
            self._drop_parts_of(part)
            element = existing.element
        else:
            part = self._new_part("xl/worksheets/sheet{}.xml")
            rid = self.book_rels.add(WORKSHEET_TYPE, part)
            self.types.set(part, CONTENT["worksheet"])
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
            self.types.set(table_part, CONTENT["table"])
            parts.append(rels.add(TABLE_TYPE, table_part))
            tables[span.name.casefold()] = TableRef(span.name, layout.name, table_part,
                                                    (span.first_col, span.first_row, span.last_col, span.last_row),
                                                    number)
        self._save_rels(rels)
        for key in style_keys(layout) - {PLAIN}:  # every style is in styles.xml before the sheet is written
            self.styles.index(*key)
        self.package.write(part, lambda: sheet_chunks(layout, self.styles.index, parts))
        self._trees.pop(part, None)
        self._set_print_titles(list(self.book.find(_M + "sheets")).index(element), print_titles(layout))

    # The elements that come after definedNames in CT_Workbook: a new definedNames goes before the first of them.
    _AFTER_DEFINED_NAMES = ("calcPr", "oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr", "smartTagTypes",
                            "webPublishing", "fileRecoveryPr", "webPublishObjects", "extLst")

    def _set_print_titles(self, index: int, titles: str | None) -> None:
        """The sheet's repeated rows and columns (the defined name _xlnm.Print_Titles local to sheet ``index``)."""
        names = self.book.find(_M + "definedNames")
        if names is not None:
            for defined in list(names):
                if defined.get("name") == "_xlnm.Print_Titles" and defined.get("localSheetId") == str(index):
                    names.remove(defined)
        if titles:
            if names is None:
                names = etree.Element(_M + "definedNames")
                after = next((c for c in self.book if etree.QName(c).localname in self._AFTER_DEFINED_NAMES), None)
                if after is None:
                    self.book.append(names)
                else:
                    after.addprevious(names)
            defined = etree.SubElement(names, _M + "definedName", name="_xlnm.Print_Titles",
                                       localSheetId=str(index))
            defined.text = titles
        if names is not None and len(names) == 0:
            self.book.remove(names)

    def remove_sheet(self, name: str) -> None:
        if self.sheet(name) is None:
            return
        ref = self._owned(name, set())
        sheets = self.book.find(_M + "sheets")
        index = list(sheets).index(ref.element)
        self._drop_parts_of(ref.part)
        self.book_rels.remove(ref.element.get(_R + "id"))
        sheets.remove(ref.element)
        self.package.remove(ref.part)
        self.types.set(ref.part, None)
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
        self.styles.save()
        self._save_rels(self.book_rels)
        if self._types is not None:
            self.package.write(CONTENT_TYPES, self._types.xml())

    # --- helpers -----------------------------------------------------------------------------
    def _save_rels(self, rels: Relationships) -> None:
        """Write a part's relationships back (a new relationships part gets its content type; an empty one goes)."""
        if len(rels):
            if not self.package.has(rels.name):
                self.types.set(rels.name, REL_CONTENT)
            self.package.write(rels.name, rels.xml())
        elif self.package.has(rels.name):
            self.package.remove(rels.name)
            self.types.set(rels.name, None)

    def _table_parts(self, part: str) -> set[str]:
        return {t for _, type_, t, external in self.rels(part).items() if type_ == TABLE_TYPE and not external}

    def _new_part(self, pattern: str) -> str:
        n = 1
        while self.package.has(pattern.format(n)):
            n += 1
        return pattern.format(n)

    def rels(self, part: str) -> Relationships:
        """A part's relationships, read once and kept (changes go to the same object)."""
        if part not in self._rels:
            name = rels_part(part)
            root = self.package.xml(name) if self.package.has(name) else None
            self._rels[part] = Relationships(part, root, self.package.part_name)
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
                self.types.set(target, None)
                dropped.add(target)
            rels.remove(rid)
        self._save_rels(rels)
        if self._tables is not None:
            self._tables = {k: t for k, t in self._tables.items() if t.part not in dropped}

    def _drop_calc_chain(self) -> None:
        for rid, type_, target, _ in self.book_rels.items():
            if type_ == CALC_CHAIN_TYPE:
                self.book_rels.remove(rid)
                self.package.remove(target)
                self.types.set(target, None)

_PLAIN_CELL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"((?: [a-zA-Z]+="[^"<>]*")*) ?(?:/>|>(<f(?: [^>]*)?(?:/>|>'
                         rb'[^<]*</f>))?(?:<v>([^<]*)</v>|<is><t(?: xml:space="preserve")?>([^<]*)</t></is>|<is><t/></is>)?'
                         rb'</c>)', re.S)
_ATTRIBUTE = re.compile(rb' (t|s)="([^"]*)"')


def _plain_values(data: bytes, shared: list[str], dates: set[int], epoch: dt.datetime, file_name: str,
                  sheet: str) -> list[list[object]] | None:
    """A sheet's values by pattern, or None when the sheet is not written the plain way (a namespace prefix, a
    cell without its reference, rich text, a formula without its value, anything but the XML declaration before
    the root element — where a DTD would be …): the caller then parses it."""
    root_at = data.find(b'<worksheet xmlns="' + NS["main"].encode() + b'"')
    if root_at < 0 or not data.startswith(b"<?xml") or b"<" in data[1:root_at].split(b"?>", 1)[-1] \
            or not data.rstrip().endswith(b"</worksheet>"):
        return None
    start, end = data.find(b"<sheetData"), data.find(b"</sheetData>")
    if start < 0:
        return None
    body = data[start:end if end > 0 else len(data)]
    if body.count(b"<row") > MAX_FILLED_ROWS:
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
        if not 1 <= row <= MAX_ROWS or col > MAX_COLUMNS:
            raise _damaged(file_name, f"bladet ”{sheet}” har en cell {letters.decode()}{row} utanför Excels rader "
                                      "1–1 048 576 och kolumner A–XFD")
        if row > len(rows):
            rows.extend([[] for _ in range(row - len(rows))])
        line = rows[row - 1]
        if col > len(line):
            line.extend([None] * (col - len(line)))
        line[col - 1] = value
    return rows


def _check_namespace(book, file_name: str) -> None:
    """Refuse a workbook part in another namespace than the transitional one Excel saves by default."""
    namespace = etree.QName(book).namespace
    if namespace == STRICT:
        raise UnusableWorkbook(f"{file_name} är sparad som Strict Open XML: spara som vanlig Excel-arbetsbok (.xlsx) "
                               "i Excel (Arkiv > Spara som) och försök igen.")
    if etree.QName(book).localname != "workbook" or namespace != NS["main"]:
        raise UnusableWorkbook(f"{file_name} är sparad i ett format som xlbokslut inte läser (en förhandsversion av "
                               "Excel 2007 eller ett annat program): spara som vanlig Excel-arbetsbok (.xlsx) och "
                               "försök igen.")


def _typed_value(kind: str | None, style: str | None, text: str | None, formula: str | None, shared: list[str],
                 dates: set[int], epoch: dt.datetime, percents: set[int] | frozenset[int] = frozenset()) -> object:
    """A cell's value from its type and style attributes and the text of its <v> (or <t>) and <f>; a number shown
    as a percentage (``percents``: those styles) is a ``PercentCell`` (0,17 shown ”17 %”)."""
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
    if percents and style and style.isdigit() and int(style) in percents:
        return PercentCell(number)
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
        text = xml_chars(cell_text(str(value)))
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
