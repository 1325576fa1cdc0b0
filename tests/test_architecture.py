"""The core knows nothing of Excel engines, and importing the package stays light (the button starts fast)."""
import ast
import subprocess
import sys
from pathlib import Path

import xlbokslut

CORE = ["model", "issues", "values", "schema", "rules", "impact", "evaluate", "load", "styles"]


def test_core_imports_no_spreadsheet_engine():
    package = Path(xlbokslut.__file__).parent
    for name in CORE:
        tree = ast.parse((package / f"{name}.py").read_text(encoding="utf-8"))
        imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                    for alias in node.names}
        imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                     if isinstance(node, ast.ImportFrom) and node.module and node.level == 0}
        assert not imported & {"openpyxl", "xlwings", "pandas"}, f"{name}.py imports {imported}"


def test_importing_the_cli_does_not_load_heavy_libraries():
    code = "import sys, xlbokslut.cli, xlbokslut.evaluate; print(sorted(m for m in ('openpyxl', 'xlwings', " \
           "'pandas', 'pydantic') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
