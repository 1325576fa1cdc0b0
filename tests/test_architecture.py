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
        "participants", "links", "equivalents", "layout", "confidence", "yearly", "survey", "outcome", "excel_rules"]


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


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Each module of the package → the package's modules it imports anywhere in its text: at the top, inside
    functions, under ``if TYPE_CHECKING`` (``from .x import y`` counts y when y is a module, else x)."""
    modules = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        imported = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = package.split(".")[:len(package.split(".")) - node.level + 1] if node.level else []
                target = ".".join(base + ([node.module] if node.module else []))
                imported |= {f"{target}.{alias.name}" if f"{target}.{alias.name}" in modules else target
                             for alias in node.names}
        graph[name] = {m for m in imported if m in modules and m != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import cycles of ``graph``: each strongly connected group of more than one module, as one cycle
    through it."""
    found, done = [], set()
    for start in sorted(graph):
        if start in done:
            continue
        path, stack = [start], [iter(sorted(graph[start]))]
        while stack:  # depth first; a module seen on the current path closes a cycle
            following = next(stack[-1], None)
            if following is None:
                done.add(path.pop())
                stack.pop()
            elif following in path:
                cycle = path[path.index(following):] + [following]
                if not any(set(cycle) <= set(c) for c in found):
                    found.append(cycle)
            elif following not in done:
                path.append(following)
                stack.append(iter(sorted(graph[following])))
    return found


def test_no_import_cycle_among_the_packages_modules():
    """Each module can be read bottom up: nothing imports, even inside a function, a module that imports it."""
    assert [" → ".join(c) for c in cycles(import_graph())] == []


def test_the_import_graph_sees_every_kind_of_import():
    """The check above would find a cycle closed inside a function, under TYPE_CHECKING, or by a relative
    import of a module by name."""
    graph = import_graph()
    assert "xlbokslut.ooxml.newbook" in graph["xlbokslut.export.write"]  # inside a function
    assert "xlbokslut.workbook.evaluation" in graph["xlbokslut.workbook.excel"]  # inside a function
    assert "xlbokslut.model" in graph["xlbokslut.workbook.grid"]  # from ..model import …
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_a_workbook_is_read_and_evaluated_in_one_place():
    """workbook/evaluation.py is the one path from a workbook to its evaluation (the file adapter, the xlwings
    adapter, last year's workbook and the jobs all go through it); the plan module only plans."""
    callers = [str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.py")
               for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
               if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) ==
               "evaluate_tables"]
    assert callers == ["workbook/evaluation.py"]
    graph = import_graph()
    assert {m for m in graph["xlbokslut.workbook.writeback"] if m.startswith("xlbokslut.workbook.")} == set()
    for adapter in ("xlbokslut.workbook.files", "xlbokslut.workbook.excel", "xlbokslut.jobs"):
        assert "xlbokslut.workbook.evaluation" in graph[adapter], adapter
