"""The packaging conventions (ECMA-376 Part 2) every package needs: a part's relationships and the content types
of the parts — one implementation for a user's workbook changed in place and for a new workbook.

Part names are compared ignoring case, as the conventions require.
"""
from __future__ import annotations

import posixpath
from collections.abc import Callable

from lxml import etree

from .package import NS, REL_TYPE, serialize

REL_CONTENT = "application/vnd.openxmlformats-package.relationships+xml"
_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml"
CONTENT = {
    "workbook": _MAIN + ".sheet.main+xml", "worksheet": _MAIN + ".worksheet+xml", "styles": _MAIN + ".styles+xml",
    "table": _MAIN + ".table+xml", "drawing": "application/vnd.openxmlformats-officedocument.drawing+xml",
    "chart": "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
}
_REL = "{%s}" % NS["rel"]
_CT = "{%s}" % NS["ct"]


def rels_part(part: str) -> str:
    """The relationships part of ``part`` ("" for the package itself)."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def resolve(source: str, target: str) -> str:
    """A relationship's target as a part name, from the part ``source`` whose relationship it is."""
    if target.startswith("/"):
        return target[1:]
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


class Relationships:
    """The relationships of the part ``source``: parsed from ``root``, or new."""

    def __init__(self, source: str, root=None, part_name: Callable[[str], str] = str):
        self.source, self.name, self._part_name = source, rels_part(source), part_name
        self.root = root if root is not None else etree.Element(_REL + "Relationships", nsmap={None: NS["rel"]})

    def items(self) -> list[tuple[str, str, str, bool]]:
        """(Id, Type, target part or external address, external)."""
        out = []
        for r in self.root.iterfind(_REL + "Relationship"):
            external = r.get("TargetMode") == "External"
            target = r.get("Target") or ""
            out.append((r.get("Id") or "", r.get("Type") or "", target if external
                        else self._part_name(resolve(self.source, target)), external))
        return out

    def target(self, rid: str) -> str | None:
        return next((t for i, _, t, _ in self.items() if i == rid), None)

    def add(self, kind: str, target_part: str) -> str:
        """A relationship of type ``kind`` (a full type, or a name under the officeDocument types) to a part."""
        used = {r.get("Id") for r in self.root}
        n = 1
        while f"rId{n}" in used:
            n += 1
        relative = posixpath.relpath(target_part, posixpath.dirname(self.source) or ".")
        type_ = kind if "/" in kind else REL_TYPE + kind
        etree.SubElement(self.root, _REL + "Relationship", Id=f"rId{n}", Type=type_, Target=relative)
        return f"rId{n}"

    def remove(self, rid: str) -> None:
        for r in self.root.findall(_REL + "Relationship"):
            if r.get("Id") == rid:
                self.root.remove(r)

    def __len__(self) -> int:
        return len(self.root.findall(_REL + "Relationship"))

    def xml(self) -> bytes:
        return serialize(self.root)


class ContentTypes:
    """[Content_Types].xml: parsed from ``root``, or new with the defaults for .rels and .xml."""

    def __init__(self, root=None):
        if root is None:
            root = etree.Element(_CT + "Types", nsmap={None: NS["ct"]})
            etree.SubElement(root, _CT + "Default", Extension="rels", ContentType=REL_CONTENT)
            etree.SubElement(root, _CT + "Default", Extension="xml", ContentType="application/xml")
        self.root = root

    def _default(self, part: str) -> str | None:
        extension = posixpath.splitext(part)[1][1:].casefold()
        return next((d.get("ContentType") for d in self.root.iterfind(_CT + "Default")
                     if (d.get("Extension") or "").casefold() == extension), None)

    def _overrides(self, part: str) -> list:
        name = "/" + part.casefold()
        return [o for o in self.root.iterfind(_CT + "Override") if (o.get("PartName") or "").casefold() == name]

    def of(self, part: str) -> str | None:
        override = self._overrides(part)
        return override[0].get("ContentType") if override else self._default(part)

    def set(self, part: str, content_type: str | None) -> None:
        """Give ``part`` its content type (an Override unless the extension's Default is that type already);
        None: the part is gone, and so is its Override."""
        for override in self._overrides(part):
            self.root.remove(override)
        if content_type and self._default(part) != content_type:
            etree.SubElement(self.root, _CT + "Override", PartName="/" + part, ContentType=content_type)

    def xml(self) -> bytes:
        return serialize(self.root)

