"""The package-level checks no XML schema makes (ECMA-376 Part 2, the packaging conventions): a content type for
every part, relationship ids unique within a part, part names unique ignoring case, every internal target
present. Independent of xlbokslut's own package code: read with zipfile and the standard library's XML."""
from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from xml.etree import ElementTree

CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _source_of(rels_name: str) -> str:
    folder, name = posixpath.split(rels_name)
    return posixpath.join(posixpath.dirname(folder), name[:-len(".rels")])


def package_problems(path: Path) -> list[str]:
    problems: list[str] = []
    with zipfile.ZipFile(path) as z:
        names = [n for n in z.namelist() if not n.endswith("/")]
        folded: dict[str, str] = {}
        for name in names:
            if name.casefold() in folded:
                problems.append(f"{name} and {folded[name.casefold()]} are one part name ignoring case")
            folded[name.casefold()] = name
        types = ElementTree.fromstring(z.read("[Content_Types].xml"))
        defaults = {d.get("Extension", "").casefold() for d in types.iter(CT + "Default")}
        overrides = [o.get("PartName", "") for o in types.iter(CT + "Override")]
        for name in names:
            if name == "[Content_Types].xml":
                continue
            extension = name.rsplit(".", 1)[-1].casefold() if "." in posixpath.basename(name) else ""
            if extension not in defaults and "/" + name.casefold() not in {o.casefold() for o in overrides}:
                problems.append(f"{name} has no content type")
        for override in overrides:
            if override[1:].casefold() not in folded:
                problems.append(f"content type for {override}, which is not in the package")
        for name in names:
            if not name.endswith(".rels"):
                continue
            source = _source_of(name)
            if source and source.casefold() not in folded:
                problems.append(f"{name} belongs to {source}, which is not in the package")
            ids = set()
            for rel in ElementTree.fromstring(z.read(name)).iter(REL + "Relationship"):
                rid = rel.get("Id")
                if rid in ids:
                    problems.append(f"{name}: the relationship id {rid} is used twice")
                ids.add(rid)
                if rel.get("TargetMode") == "External":
                    continue
                target = rel.get("Target", "")
                resolved = target[1:] if target.startswith("/") else \
                    posixpath.normpath(posixpath.join(posixpath.dirname(source), target))
                if resolved.casefold() not in folded:
                    problems.append(f"{name}: {rid} points at {resolved}, which is not in the package")
    return problems
