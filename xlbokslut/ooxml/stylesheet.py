"""xl/styles.xml: which cell formats are dates, and xlbokslut's named styles added without renumbering any.

A style is found or added as a named cell style ("xlbokslut Uppnått", with a "… radbryt" variant for wrapped
text) plus the cell format that uses it; a second run finds what the first added, so the file does not grow.
Formats are counted as Excel counts them: an ``mc:AlternateContent`` among them stands for the formats of the
branch Excel reads. A stylesheet without fonts, fills, borders or cell style formats (Excel accepts that) first
gets the defaults those indices mean, so that nothing of the user's is renumbered or rebound.
"""
from __future__ import annotations

import copy
import re

from ..styles import NAMED_STYLE_PREFIX, STYLES
from .package import NS, Package, serialize

PART = "xl/styles.xml"
_M = "{%s}" % NS["main"]
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
BUILTIN_DATE_FORMATS = set(range(14, 23)) | set(range(27, 37)) | set(range(45, 48)) | set(range(50, 59))
BUILTIN_PERCENT_FORMATS = {9, 10}  # 0% and 0.00%
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')
EMPTY = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="%s"><fonts count="1"><font>'
         b'<sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill '
         b'patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1">'
         b'<border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf '
         b'numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" '
         b'fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" '
         b'xfId="0" builtinId="0"/></cellStyles></styleSheet>' % NS["main"].encode())
# what an index 0 means where a section is missing: the defaults of EMPTY
_DEFAULTS = {
    "fonts": b'<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>',
    "fills": b'<fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>',
    "borders": b"<border><left/><right/><top/><bottom/><diagonal/></border>",
    "cellStyleXfs": b'<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>',
    "cellStyles": b'<cellStyle name="Normal" xfId="0" builtinId="0"/>',
}
# the order of the children of <styleSheet> that the schema requires
_TAGS = {"numFmts": "numFmt", "fonts": "font", "fills": "fill", "borders": "border", "cellStyleXfs": "xf",
         "cellXfs": "xf", "cellStyles": "cellStyle", "dxfs": "dxf"}
ORDER = ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles",
         "colors", "extLst")


def is_date_format(code: str) -> bool:
    """A number format shows a date or time (d, m, y, h, s outside quoted text and [colour] sections)."""
    return bool(re.search(r"[dmyhs]", _QUOTED.sub("", code.lower()))) and code.lower() != "general"


def is_percent_format(code: str) -> bool:
    """A number format shows the value times 100 with a % sign (``0%``, ``0,0 %``; not ``0" %"``, where the sign
    is quoted text)."""
    return "%" in _QUOTED.sub("", code)


def entries(section, tag: str) -> list:
    """The ``tag`` children of a section as Excel numbers them: those inside an mc:AlternateContent are the ones
    of its first mc:Choice (the branch Excel itself wrote), or of its mc:Fallback."""
    if section is None:
        return []
    out = []
    for child in section:
        if child.tag == _M + tag:
            out.append(child)
        elif child.tag == _MC + "AlternateContent":
            branch = next(iter(child.iterfind(_MC + "Choice")), None)
            if branch is None:
                branch = child.find(_MC + "Fallback")
            out += [] if branch is None else branch.findall(_M + tag)
    return out


def _alignment(parent, name: str, wrap: bool) -> None:
    from lxml import etree

    horizontal, _, vertical = STYLES[name].align.partition(" ")
    if wrap or horizontal or vertical:
        element = etree.SubElement(parent, _M + "alignment")
        if horizontal:
            element.set("horizontal", horizontal)
        if vertical or wrap:
            element.set("vertical", vertical or "top")
        if wrap:
            element.set("wrapText", "1")


class Stylesheet:
    """The styles of a workbook's package, or of a new workbook (``package`` None)."""

    def __init__(self, package: Package | None = None, part: str = PART):
        from lxml import etree

        self.package, self.part = package, part
        existing = package is not None and package.has(part)
        self.root = package.xml(part) if package is not None and existing else etree.fromstring(EMPTY)
        self.changed = not existing
        formats = {}
        for f in entries(self.root.find(_M + "numFmts"), "numFmt"):
            try:
                formats[int(f.get("numFmtId"))] = f.get("formatCode", "")
            except (TypeError, ValueError):
                continue
        self.date_xfs, self.percent_xfs = set(), set()
        for index, xf in enumerate(self._entries("cellXfs")):
            fmt = int(xf.get("numFmtId", "0")) if xf.get("numFmtId", "0").isdigit() else 0
            if fmt in BUILTIN_DATE_FORMATS or (fmt in formats and is_date_format(formats[fmt])):
                self.date_xfs.add(index)
            elif fmt in BUILTIN_PERCENT_FORMATS or (fmt in formats and is_percent_format(formats[fmt])):
                self.percent_xfs.add(index)
        self._formats = {code: fid for fid, code in formats.items()}
        self._cache: dict[tuple, int] = {}

    def _entries(self, section: str) -> list:
        return entries(self.root.find(_M + section), _TAGS[section])

    def _section(self, name: str):
        """The section ``name``, created in the schema's order when missing, holding at least the defaults that
        an index 0 means."""
        from lxml import etree

        found = self.root.find(_M + name)
        if found is None:
            found = etree.Element(_M + name)
            later = [self.root.find(_M + n) for n in ORDER[ORDER.index(name) + 1:]]
            anchor = next((e for e in later if e is not None), None)
            if anchor is None:
                self.root.append(found)
            else:
                anchor.addprevious(found)
            self.changed = True
        if name in _DEFAULTS and not entries(found, _TAGS[name]):
            found.extend(etree.fromstring(b"<x xmlns='%s'>%s</x>" % (NS["main"].encode(), _DEFAULTS[name])))
            found.set("count", str(len(entries(found, _TAGS[name]))))
            self.changed = True
        return found

    def _append(self, section: str, element) -> int:
        parent = self._section(section)
        parent.append(element)
        count = len(self._entries(section))
        parent.set("count", str(count))
        self.changed = True
        return count - 1

    def _number_format(self, code: str | None) -> int:
        from lxml import etree

        if not code:
            return 0
        if code not in self._formats:
            used = [int(f.get("numFmtId")) for f in self._entries("numFmts") if f.get("numFmtId", "").isdigit()]
            fid = max([163, *used]) + 1
            self._append("numFmts", etree.Element(_M + "numFmt", numFmtId=str(fid), formatCode=code))
            self._formats[code] = fid
        return self._formats[code]

    def _font(self, name: str) -> int:
        from lxml import etree

        style = STYLES[name]
        base = next(iter(self._entries("fonts")), None)
        font = etree.Element(_M + "font")
        if style.bold:
            etree.SubElement(font, _M + "b")
        if style.italic:
            etree.SubElement(font, _M + "i")
        base_size = base.find(_M + "sz") if base is not None else None
        etree.SubElement(font, _M + "sz", val=f"{style.size:g}" if style.size else
                         (base_size.get("val") if base_size is not None else "11"))
        if style.font:
            etree.SubElement(font, _M + "color", rgb="FF" + style.font)
        for tag in ("name", "family", "scheme"):
            element = base.find(_M + tag) if base is not None else None
            if element is not None:
                etree.SubElement(font, _M + tag, val=element.get("val"))
        return self._append("fonts", font)

    def _fill(self, name: str) -> int:
        from lxml import etree

        style = STYLES[name]
        if not style.fill:
            return 0
        fill = etree.Element(_M + "fill")
        pattern = etree.SubElement(fill, _M + "patternFill", patternType="solid")
        etree.SubElement(pattern, _M + "fgColor", rgb="FF" + style.fill)
        etree.SubElement(pattern, _M + "bgColor", indexed="64")
        return self._append("fills", fill)

    def _named(self, name: str, wrap: bool) -> int:
        """The cellStyleXfs index of the named style, added with its font and fill when it is not there."""
        from lxml import etree

        key = NAMED_STYLE_PREFIX + name + (" radbryt" if wrap else "")
        for section in ("fonts", "fills", "borders", "cellStyleXfs", "cellStyles"):  # index 0 must mean something
            self._section(section)
        for cell_style in self.root.iterfind(f"{_M}cellStyles/{_M}cellStyle"):
            if cell_style.get("name") == key:
                return int(cell_style.get("xfId"))
        xf = etree.Element(_M + "xf", numFmtId="0", fontId=str(self._font(name)), fillId=str(self._fill(name)),
                           borderId="0", applyFont="1", applyFill="1", applyAlignment="1")
        _alignment(xf, name, wrap)
        index = self._append("cellStyleXfs", xf)
        self._append("cellStyles", etree.Element(_M + "cellStyle", name=key, xfId=str(index)))
        return index

    def index(self, name: str, number_format: str | None = None, wrap: bool = False) -> int:
        """The cellXfs index for a style of styles.STYLES (with a number format, wrapped or not)."""
        from lxml import etree

        key = (name, number_format, wrap)
        if key in self._cache:
            return self._cache[key]
        named = self._named(name, wrap)
        base = self._entries("cellStyleXfs")[named]
        fmt = str(self._number_format(number_format))
        font, fill = base.get("fontId", "0"), base.get("fillId", "0")
        alignment = base.find(_M + "alignment")
        wanted = (str(named), fmt, font, fill, "0", None if alignment is None else dict(alignment.attrib))
        for i, xf in enumerate(self._entries("cellXfs")):
            own = xf.find(_M + "alignment")
            if (xf.get("xfId"), xf.get("numFmtId", "0"), xf.get("fontId", "0"), xf.get("fillId", "0"),
                    xf.get("borderId", "0"), None if own is None else dict(own.attrib)) == wanted:
                self._cache[key] = i
                return i
        xf = etree.Element(_M + "xf", numFmtId=fmt, fontId=font, fillId=fill, borderId="0", xfId=str(named),
                           applyFont="1", applyFill="1", applyNumberFormat="1", applyAlignment="1")
        if alignment is not None:
            xf.append(copy.deepcopy(alignment))
        self._cache[key] = self._append("cellXfs", xf)
        return self._cache[key]

    def save(self) -> None:
        if self.changed and self.package is not None:
            self.package.write(self.part, serialize(self.root))

    def xml(self) -> bytes:
        return serialize(self.root)
