"""The add-in is built from xlwings' own template, its ribbon calls VBA that exists, and it knows its Python."""
import zipfile
from pathlib import Path

import pytest

from xlbokslut import addin
from xlbokslut.cli import main
from xlbokslut.issues import UnusableWorkbook

MACROS = Path(__file__).resolve().parents[1] / "macros"


def test_build_replaces_only_the_ribbon(tmp_path, capsys):
    assert main(["addin", "bygg", "--utdata", str(tmp_path)]) == 0
    built = tmp_path / "xlbokslut.xlam"
    with zipfile.ZipFile(addin.template_path()) as template, zipfile.ZipFile(built) as ours:
        assert [i.filename for i in ours.infolist()] == [i.filename for i in template.infolist()]
        for name in template.namelist():
            if name != addin.RIBBON_PART:
                assert ours.read(name) == template.read(name), name
        ribbon = ours.read(addin.RIBBON_PART).decode("utf-8")
    assert 'label="Socialt bokslut"' in ribbon and 'label="Utvärdera"' in ribbon and 'size="large"' in ribbon
    assert "screentip=" in ribbon
    assert addin.ribbon_callbacks(ribbon) == ["RibbonMyAddin.RunMain"]
    assert "RunMain" in addin.vba_modules(built)["RibbonMyAddin"]


def test_callback_check_catches_a_missing_sub_and_bad_xml():
    modules = addin.vba_modules(addin.template_path())
    addin.check_callbacks(addin.RIBBON_XML, modules)
    with pytest.raises(UnusableWorkbook, match="RibbonMyAddin.RunOther"):
        addin.check_callbacks(addin.RIBBON_XML.replace("RunMain", "RunOther"), modules)
    with pytest.raises(UnusableWorkbook, match="XML är felaktig"):
        addin.check_callbacks("<customUI><ribbon></customUI>", modules)


def _settings(xlam) -> tuple[list[str], dict[str, str]]:
    """The add-in's sheet names and its settings sheet as {A: B}, read from the XML as Excel would."""
    from xml.etree import ElementTree

    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(xlam) as z:
        names = [s.get("name") for s in ElementTree.fromstring(z.read("xl/workbook.xml")).iter(f"{{{ns['m']}}}sheet")]
        strings = ["".join(t.text or "" for t in si.iter(f"{{{ns['m']}}}t"))
                   for si in ElementTree.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", ns)]
        sheet = ElementTree.fromstring(z.read("xl/worksheets/sheet1.xml"))
    settings = {}
    for row in sheet.iter(f"{{{ns['m']}}}row"):
        cells = {}
        for c in row.findall("m:c", ns):
            if c.get("t") == "s":
                cells[c.get("r")[0]] = strings[int(c.find("m:v", ns).text)]
            elif c.get("t") == "inlineStr":
                cells[c.get("r")[0]] = "".join(t.text or "" for t in c.iter(f"{{{ns['m']}}}t"))
        if "A" in cells:
            settings[cells["A"]] = cells.get("B")
    return names, settings


def test_install_writes_the_interpreter_into_the_addins_settings_sheet(tmp_path, capsys):
    folder = tmp_path / "XLSTART"
    assert main(["addin", "installera", "--mapp", str(folder)]) == 0
    import sys

    names, settings = _settings(folder / "xlbokslut.xlam")
    assert names == ["myaddin.conf"]
    assert settings["Interpreter_Win"] == settings["Interpreter_Mac"] == sys.executable
    assert _settings(addin.template_path())[0] == ["_myaddin.conf"]  # the template itself is inactive
    assert main(["addin", "avinstallera", "--mapp", str(folder)]) == 0
    assert not (folder / "xlbokslut.xlam").exists()
    assert main(["addin", "avinstallera", "--mapp", str(folder)]) == 0
    assert "inte installerat" in capsys.readouterr().out


def test_interpreter_path_is_escaped(tmp_path):
    target = addin.install(tmp_path, interpreter=r"C:\Program Files\Python & Co\python.exe")
    assert _settings(target)[1]["Interpreter_Win"] == r"C:\Program Files\Python & Co\python.exe"


def test_macros_folder_holds_what_the_build_uses():
    assert (MACROS / "customUI.xml").read_text(encoding="utf-8") == addin.RIBBON_XML
    template_vba = addin.vba_modules(addin.template_path())["RibbonMyAddin"].replace("\r\n", "\n").strip()
    assert (MACROS / "RibbonMyAddin.bas").read_text(encoding="utf-8").strip() == template_vba
