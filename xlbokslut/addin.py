"""The Excel add-in: built from the ribbon add-in template inside the installed xlwings package.

``build`` copies every part of xlwings' ``quickstart_addin_ribbon.xlam`` unchanged and in order, except the
ribbon XML, which becomes ours (tab "Socialt bokslut", button "Utvärdera"). Its button calls the template's
own VBA ``RibbonMyAddin.RunMain``, which runs ``import <file stem>; <file stem>.main()`` — so the add-in is
saved as ``xlbokslut.xlam`` and the button runs ``xlbokslut.main()``. No VBA is changed (only Excel can
compile VBA). ``install`` also writes this Python's path into the add-in's own settings sheet
``myaddin.conf`` (the template's VBA looks there under its project name "myaddin").
"""
from __future__ import annotations

import importlib.util
import os
import re
import sys
import tempfile
import zipfile
from functools import partial
from pathlib import Path
from xml.etree import ElementTree

from .issues import UnusableWorkbook
from .ooxml.xmltext import xml_text
from .safefile import ensure_folder, write_atomically

ADDIN_NAME = "xlbokslut.xlam"
PROJECT_NAME = "myaddin"  # the template's VBA constant PROJECT_NAME
RIBBON_PART = "customUI/customUI.xml"
RIBBON_XML = """<customUI xmlns="http://schemas.microsoft.com/office/2006/01/customui">
  <ribbon>
    <tabs>
      <tab id="xlbokslutTab" label="Socialt bokslut">
        <group id="xlbokslutGroup" label="Bokslut">
          <button id="xlbokslutEvaluate" label="Utvärdera" size="large" imageMso="CalculateNow"
                  onAction="RibbonMyAddin.RunMain"
                  screentip="Utvärdera bokslutet"
                  supertip="Räknar ut status och IMPACTindex i den öppna arbetsboken, skriver resultatet på bladen Resultat och Indataproblem och sparar styrelsens resultatarbetsbok och sammanfattning bredvid arbetsboken." />
        </group>
      </tab>
    </tabs>
  </ribbon>
</customUI>
"""
CALLBACK_ATTRIBUTES = ("onAction", "getLabel", "getEnabled", "getVisible", "getImage", "getScreentip",
                       "getSupertip", "onLoad", "getPressed")
_RIBBON_SUB = re.compile(r"^\s*(?:Public\s+|Private\s+)?Sub\s+(\w+)\s*\(\s*control\s+As\s+IRibbonControl\s*\)",
                         re.IGNORECASE | re.MULTILINE)


def template_path() -> Path:
    spec = importlib.util.find_spec("xlwings")
    if spec is None or spec.origin is None:
        raise UnusableWorkbook("xlwings är inte installerat; installera xlbokslut igen (pip install xlbokslut).")
    path = Path(spec.origin).parent / "quickstart_addin_ribbon.xlam"
    if not path.exists():
        raise UnusableWorkbook(f"Hittar inte xlwings mall för tillägg ({path.name}) i {path.parent}.")
    return path


def vba_modules(xlam: Path) -> dict[str, str]:
    """The VBA source of every module in the add-in, by module name (read with oletools)."""
    from oletools.olevba import VBA_Parser

    parser = VBA_Parser(str(xlam))
    try:
        return {Path(name).stem: code for _, _, name, code in parser.extract_macros()}
    finally:
        parser.close()


def ribbon_callbacks(xml: str) -> list[str]:
    """Every callback the ribbon XML names; raises UnusableWorkbook if the XML is not well formed."""
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as exc:
        raise UnusableWorkbook(f"Menyfliksområdets XML är felaktig: {exc}") from None
    return [name for el in root.iter() for attr in CALLBACK_ATTRIBUTES if (name := el.get(attr))]


def check_callbacks(xml: str, modules: dict[str, str]) -> None:
    """Every ``Module.Sub`` (or ``Sub``) of the ribbon must be a ``Sub X(control As IRibbonControl)``."""
    subs = {module: set(_RIBBON_SUB.findall(code)) for module, code in modules.items()}
    for callback in ribbon_callbacks(xml):
        module, _, sub = callback.rpartition(".")
        found = sub in subs.get(module, set()) if module else any(sub in s for s in subs.values())
        if not found:
            raise UnusableWorkbook(f"Knappen anropar {callback}, men den finns inte i tilläggets VBA.")


def _rewrite(source: Path, target: Path, replace: dict[str, bytes]) -> None:
    """Copy a zip part by part, in order, replacing the named parts; then move it into place."""
    def write(tmp: Path) -> None:
        with zipfile.ZipFile(source) as src, zipfile.ZipFile(tmp, "w") as dst:
            for item in src.infolist():
                data = replace.get(item.filename, src.read(item.filename))
                dst.writestr(item, data, compress_type=item.compress_type)

    ensure_folder(target.parent)
    write_atomically(target, write)


def build(target: Path) -> Path:
    """Build the add-in at ``target`` after checking the ribbon XML and its callbacks."""
    template = template_path()
    check_callbacks(RIBBON_XML, vba_modules(template))
    _rewrite(template, target, {RIBBON_PART: RIBBON_XML.encode("utf-8")})
    return target


def _append_cell(row: re.Match[str], cell: str) -> str:
    """A matched one-cell row of the settings sheet with ``cell`` added after its cell."""
    return f'{row[1]} spans="1:2"{row[2]}{row[3]}{cell}{row[4]}'


def _with_interpreter(xlam: Path, interpreter: str) -> dict[str, bytes]:
    """The settings sheet renamed to myaddin.conf, with Interpreter_Win/Mac set to ``interpreter``."""
    with zipfile.ZipFile(xlam) as z:
        workbook = z.read("xl/workbook.xml").decode("utf-8")
        sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    workbook = workbook.replace(f'name="_{PROJECT_NAME}.conf"', f'name="{PROJECT_NAME}.conf"')
    value = xml_text(interpreter)
    for row in (1, 2):  # A1 Interpreter_Win, A2 Interpreter_Mac in the template
        cell = f'<c r="B{row}" t="inlineStr"><is><t>{value}</t></is></c>'
        sheet, n = re.subn(rf'(<row r="{row}") spans="1:1"([^>]*>)(.*?)(</row>)',
                           partial(_append_cell, cell=cell), sheet, count=1)
        if n != 1:
            raise UnusableWorkbook("xlwings mall för tillägg ser annorlunda ut än väntat; bygg om xlbokslut.")
    return {"xl/workbook.xml": workbook.encode("utf-8"), "xl/worksheets/sheet1.xml": sheet.encode("utf-8")}


def xlstart_folder() -> Path:
    if sys.platform.startswith("win"):
        return Path(os.environ.get("APPDATA", Path.home())) / "Microsoft" / "Excel" / "XLSTART"
    if sys.platform == "darwin":
        return (Path.home() / "Library" / "Group Containers" / "UBF8T346G9.Office" / "User Content.localized"
                / "Startup.localized" / "Excel")
    raise UnusableWorkbook("Excel finns bara för Windows och macOS; på den här datorn kan tillägget byggas men "
                           "inte installeras. Ange en mapp med --mapp för att lägga det någon annanstans.")


def install(folder: Path | None = None, interpreter: str | None = None) -> Path:
    """Build the add-in with this Python as its interpreter and put it in Excel's XLSTART folder."""
    folder = folder or xlstart_folder()
    with tempfile.TemporaryDirectory() as tmp:
        built = build(Path(tmp) / ADDIN_NAME)
        target = folder / ADDIN_NAME
        _rewrite(built, target, _with_interpreter(built, interpreter or sys.executable))
    return target


def uninstall(folder: Path | None = None) -> Path | None:
    target = (folder or xlstart_folder()) / ADDIN_NAME
    if not target.exists():
        return None
    try:
        target.unlink()
    except PermissionError:
        raise UnusableWorkbook(f"{target} kan inte tas bort medan Excel är öppet. Stäng Excel och försök igen.") \
            from None
    return target
