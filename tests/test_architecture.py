"""The core knows nothing of Excel engines, importing the package stays light (the button starts fast), and a
kind's name is spelled in one place."""
import ast
import subprocess
import sys
from pathlib import Path

import xlbokslut
from xlbokslut.schema import KINDS

PACKAGE = Path(xlbokslut.__file__).parent
CORE = ["model", "issues", "values", "schema", "kinds", "settings", "impact", "evaluate", "load", "styles",
        "participants", "links", "equivalents", "layout", "confidence", "yearly", "survey"]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    return imported | {node.module.split(".")[0] for node in ast.walk(tree)
                       if isinstance(node, ast.ImportFrom) and node.module and node.level == 0}


def test_core_imports_no_spreadsheet_engine():
    for name in CORE:
        imported = _imports(PACKAGE / f"{name}.py")
        assert not imported & {"openpyxl", "xlwings", "pandas", "lxml"}, f"{name}.py imports {imported}"


def test_every_core_module_is_checked():
    """A new module of the pure core is added to CORE above (or it is an adapter, and imports one)."""
    adapters = {"__init__", "__main__", "cli", "button", "udfs", "lite", "addin", "example", "jobs", "safefile"}
    top_level = {p.stem for p in PACKAGE.glob("*.py")}
    assert top_level - adapters == set(CORE)


def test_no_spreadsheet_library_at_run_time():
    """Workbooks are read and written as XML (ooxml/); openpyxl is only the tests' independent reader."""
    for path in PACKAGE.rglob("*.py"):
        assert "openpyxl" not in _imports(path), path


def test_importing_the_cli_does_not_load_heavy_libraries():
    code = "import sys, xlbokslut.cli, xlbokslut.evaluate; print(sorted(m for m in ('openpyxl', 'xlwings', " \
           "'pandas', 'pydantic') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def _string_constants(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)]


def test_a_kinds_name_is_spelled_only_in_the_registry():
    """schema.KINDS is the one place a kind's name is written; everything else asks the Kind object."""
    found = []
    for path in PACKAGE.rglob("*.py"):
        if path == PACKAGE / "schema.py":
            continue
        for line, text in _string_constants(path):
            found += [f"{path.relative_to(PACKAGE)}:{line}: {k.name}" for k in KINDS if k.name in text]
    assert found == []
    assert len({k.name for k in KINDS}) == len(KINDS)
