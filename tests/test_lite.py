"""xlwings Lite: the pasted main.py clicked the way Lite's runtime clicks it (tests/lite_runtime.py), in CPython
with every file reader blocked, under different hash seeds, and in real Pyodide (Python 3.12, 3.13 and 3.14,
the npm package ``pyodide`` under Node, packages from local wheels, no network), whose actions must equal
CPython's byte for byte.

The Pyodide tests need node and ``npm ci`` in tests/pyodide; they skip without them, except where
XLBOKSLUT_REQUIRE_PYODIDE=1 (CI, set in .ci/run), where their absence fails.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from lite_pyodide import PYODIDE, PYODIDES, available, build_wheels, run_in_pyodide, wheel
from remote import payload

from xlbokslut import lite
from xlbokslut.example import example_path

TESTS = Path(__file__).parent
ROOT = TESTS.parent
# what Lite never needs: the file reader and writer of workbooks, lxml, the add-in builder and what it reads
BLOCKED = ("lxml", "oletools", "msoffcrypto", "openpyxl", "docx", "PIL", "xlbokslut.workbook.files",
           "xlbokslut.workbook.xlsx", "xlbokslut.ooxml", "xlbokslut.addin")
REQUIRED = os.environ.get("XLBOKSLUT_REQUIRE_PYODIDE") == "1"
BELOW_LOWEST = "0.37.4"  # the last xlwings without Range.set_colors


@pytest.fixture(scope="module")
def clicks(tmp_path_factory):
    """main.py and the payloads Excel sends for the 2021 and the 2017 example (as Lite's Office.js client)."""
    folder = tmp_path_factory.mktemp("lite")
    (folder / "main.py").write_text(lite.MAIN_PY, encoding="utf-8")
    payloads = []
    for name, path in (("2021", ROOT / "examples" / "umearegionen_2021.xlsx"),
                       ("2017", example_path("003_umearegionen_2017"))):
        sent = payload(path)
        sent["client"] = "Office.js"
        payloads.append(folder / f"payload_{name}.json")
        payloads[-1].write_text(json.dumps(sent), encoding="utf-8")
    return folder, payloads


def click_in_cpython(folder: Path, payloads: list[Path], seed: str = "0", data: Path | None = None) -> list[dict]:
    """Each payload clicked in a fresh CPython with every module in BLOCKED made unimportable."""
    code = (f"import sys; sys.path.insert(0, {str(TESTS)!r}); import lite_runtime\n"
            f"for name in {BLOCKED!r}: sys.modules[name] = None\n"
            "import xlbokslut.lite as lite\n"
            f"lite.DATA = lite.Path({str(data or '/nonexistent')!r})\n"
            "lite_runtime.main(sys.argv[1:])")
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run([sys.executable, "-c", code, str(folder / "main.py"), *map(str, payloads)],
                          capture_output=True, text=True, env=env, cwd=folder)
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def alert(actions: list[dict]) -> str:
    return next(a["args"][0] for a in reversed(actions) if a["func"] == "alert")


def test_the_lite_script_needs_no_file_reader_and_no_lxml(clicks, tmp_path):
    """Both examples name last year's workbook: Lite says it cannot read it instead of importing the reader,
    and writes the board's summary to /data without lxml, python-docx or Pillow (the other files need them)."""
    folder, payloads = clicks
    first, second = click_in_cpython(folder, payloads, data=tmp_path)
    assert alert(first["actions"]).startswith("IMPACTindex 70\nUppnått: 50")
    assert "Fel i indata: 1" in alert(second["actions"]).splitlines()[1]
    problems = [v for a in first["actions"] if a["func"] == "setValues" for row in a["values"] for v in row
                if isinstance(v, str) and "Fjolårets arbetsbok" in v]
    assert problems == ["'Fjolårets arbetsbok ”umearegionen_2020.xlsx” kan inte läsas här: xlwings Lite når bara "
                        "den öppna arbetsboken. Jämför med fjolåret genom att utvärdera med xlbokslut på en dator "
                        "med Python. Jämförelsen med fjolåret utelämnas."]
    summary = tmp_path / "samordningsforbundet_umearegionen_sammanfattning_2021.md"
    assert f"Sammanfattningen för styrelsen: {summary} (hämta den under Files > Import/Export)." in \
        alert(first["actions"])
    assert "samordningsforbundet_umearegionen_resultat_2021.xlsx, samordningsforbundet_umearegionen_socialt_" \
           "bokslut_2021.docx och samordningsforbundet_umearegionen_socialt_bokslut_2021.html skrivs bara om " \
           "requirements.txt också har raderna lxml, python-docx, pillow." in alert(first["actions"])
    assert summary.read_text(encoding="utf-8").startswith("# ")
    assert not list(tmp_path.glob("*.xlsx"))


def test_with_its_packages_lite_writes_all_the_board_files(tmp_path):
    from remote import remote_book

    import openpyxl

    book = remote_book(ROOT / "examples" / "umearegionen_2021.xlsx")
    from xlbokslut.workbook.excel import evaluate

    lines = lite.board_files(book, evaluate(book), tmp_path)
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == ["samordningsforbundet_umearegionen_resultat_2021.xlsx",
                       "samordningsforbundet_umearegionen_sammanfattning_2021.md",
                       "samordningsforbundet_umearegionen_socialt_bokslut_2021.docx",
                       "samordningsforbundet_umearegionen_socialt_bokslut_2021.html"]
    assert lines[0] == "Filerna för styrelsen (hämta dem under Files > Import/Export):"
    assert openpyxl.load_workbook(tmp_path / written[0]).sheetnames


def test_an_empty_bokslut_says_there_is_no_index_yet(tmp_path):
    from remote import remote_book

    from xlbokslut.workbook.template import TEMPLATE_PATH

    shutil.copy(TEMPLATE_PATH, tmp_path / "ny.xlsx")
    book = remote_book(tmp_path / "ny.xlsx")
    lite.utvardera(book)
    assert alert(book.json()["actions"]).startswith("IMPACTindex –\nUppnått: 0")


def test_the_actions_do_not_depend_on_hash_order(clicks):
    """Pyodide's hashes are 32 bits wide, CPython's 64: nothing sent to Excel may follow a set's order."""
    folder, payloads = clicks
    runs = [[json.dumps(c["actions"]) for c in click_in_cpython(folder, payloads, seed)] for seed in ("0", "1", "4242")]
    assert runs[0] == runs[1] == runs[2]


def test_every_action_sent_is_in_the_list_compared_with_the_office_js_client(clicks):
    folder, payloads = clicks
    sent = {a["func"] for click in click_in_cpython(folder, payloads) for a in click["actions"]}
    listed = (ROOT / "macros" / "README.md").read_text(encoding="utf-8")
    assert {"setValues", "setRangeColors", "alert"} <= sent
    assert [func for func in sorted(sent) if f"`{func}`" not in listed] == []


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.tuples(st.integers(1, 12), st.integers(1, 5)), st.sampled_from("abcdefgh"), min_size=1),
       st.permutations("abcdefgh"), st.integers(1, 10 ** 6))
def test_rectangles_come_in_an_order_that_only_the_cells_decide(cells, renamed, salt):
    """Whatever the values are (and so whatever their hashes), the same cells give the same rectangles in the
    same order: the order of the calls to Excel follows from positions only."""
    from xlbokslut.workbook.excel import rectangles

    rename = {old: f"{new}{salt}" for old, new in zip("abcdefgh", renamed)}
    plain = rectangles(cells)
    assert [(rect, rename[v]) for rect, v in plain] == rectangles({k: rename[v] for k, v in cells.items()})
    assert sorted((r, c) for (r1, c1, r2, c2), _ in plain for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)) \
        == sorted(cells)


def test_xlbokslut_lite_prints_the_texts_to_paste(capsys):
    from xlbokslut.cli import main

    assert main(["lite", "--main"]) == 0
    assert capsys.readouterr().out == lite.MAIN_PY
    assert main(["lite", "--requirements"]) == 0
    assert capsys.readouterr().out == f"xlwings>={lite.LOWEST_XLWINGS}\n"
    assert main(["lite", "--requirements", "--publicerad"]) == 0
    assert capsys.readouterr().out == f"xlbokslut\nxlwings>={lite.LOWEST_XLWINGS}\n"
    assert main(["lite"]) == 0
    out = capsys.readouterr().out
    assert lite.MAIN_PY in out and "Files > Import/Export" in out
    compile(lite.MAIN_PY, "main.py", "exec")
    assert "@script\ndef utvardera(book: xw.Book):" in lite.MAIN_PY  # found by a runtime that reads the source


def test_the_dependencies_leave_out_of_pyodide_what_lite_does_not_need():
    from importlib.metadata import requires

    from packaging.requirements import Requirement

    pyodide = {"sys_platform": "emscripten", "platform_system": "Emscripten"}
    wanted = [str(r) for r in map(Requirement, requires("xlbokslut")) if r.marker is None or
              (r.marker.evaluate(pyodide) and "extra" not in str(r.marker))]
    assert wanted == [f'xlwings>={lite.LOWEST_XLWINGS}; sys_platform == "emscripten"']


# --- real Pyodide -------------------------------------------------------------------------------------------

def _pyodide_or_skip(version: str) -> None:
    missing = ("node is not installed" if not shutil.which("node") else
               f"run `npm ci` in {PYODIDE}" if not available(version) else "")
    if missing:
        if REQUIRED:
            pytest.fail(f"Pyodide {version} is required here (XLBOKSLUT_REQUIRE_PYODIDE=1) but {missing}")
        pytest.skip(f"Pyodide {version} for the xlwings Lite test: {missing}")


@pytest.fixture(scope="module")
def wheels(tmp_path_factory):
    if not REQUIRED and not (shutil.which("node") and any(map(available, PYODIDES))):
        pytest.skip(f"no Pyodide for the xlwings Lite tests (needs node and `npm ci` in {PYODIDE})")
    import xlwings

    return build_wheels(tmp_path_factory.mktemp("wheels"), (xlwings.__version__, lite.LOWEST_XLWINGS, BELOW_LOWEST))


def click_in_pyodide(version, wheels, folder, payloads, install, data=()):
    _pyodide_or_skip(version)
    results, info = run_in_pyodide(version, wheels, folder / "main.py", payloads, install, data)
    assert info["python"].startswith(version + ".")
    return results, info


@pytest.mark.parametrize("version", list(PYODIDES))
def test_the_lite_script_in_pyodide_sends_what_cpython_sends(version, clicks, wheels):
    """micropip installs xlbokslut and xlwings from local wheels and nothing else (lxml, oletools and their
    kin are marked off Pyodide; any download would fail the run), and both examples give the same actions."""
    import xlwings

    folder, payloads = clicks
    install = [wheel(wheels, "xlwings", xlwings.__version__), wheel(wheels, "xlbokslut")]
    results, info = click_in_pyodide(version, wheels, folder, payloads, install)
    assert info["installed"] == ["micropip", "xlbokslut", "xlwings"]
    expected = click_in_cpython(folder, payloads)
    for got, want in zip(results, expected, strict=True):
        assert json.dumps(got["actions"], ensure_ascii=False) == json.dumps(want["actions"], ensure_ascii=False)


def test_the_lowest_xlwings_runs_the_script_and_the_one_before_cannot(clicks, wheels):
    """Lite's requirements may name an older xlwings than the desktop pin: the lowest allowed sends the same
    actions; the release before it lacks Range.set_colors, which the status colours are sent with."""
    folder, payloads = clicks
    lowest = [wheel(wheels, "xlwings", lite.LOWEST_XLWINGS), wheel(wheels, "xlbokslut")]
    results, info = click_in_pyodide("3.12", wheels, folder, payloads[:1], lowest)
    assert info["installed"] == ["micropip", "xlbokslut", "xlwings"]
    [expected] = click_in_cpython(folder, payloads[:1])
    assert json.dumps(results[0]["actions"]) == json.dumps(expected["actions"])
    with pytest.raises(AssertionError, match="'Range' object has no attribute 'set_colors'"):
        click_in_pyodide("3.12", wheels, folder, payloads[:1], [wheel(wheels, "xlwings", BELOW_LOWEST)],
                         [wheels / wheel(wheels, "xlbokslut")])


def test_before_publication_the_wheel_in_data_gives_the_button(clicks, wheels, tmp_path):
    """Lite installs only xlwings; main.py takes xlbokslut from its wheel imported into /data, and the click
    leaves the board's summary there for download, as CPython writes it."""
    import xlwings

    folder, payloads = clicks
    results, info = click_in_pyodide("3.12", wheels, folder, payloads[:1], [wheel(wheels, "xlwings", xlwings.__version__)],
                                     [wheels / wheel(wheels, "xlbokslut")])
    assert info["installed"] == ["micropip", "xlwings"]
    [expected] = click_in_cpython(folder, payloads[:1], data=tmp_path)
    text = alert(results[0]["actions"])
    assert text == alert(expected["actions"]).replace(str(tmp_path), "/data")
    assert [a for a in results[0]["actions"] if a["func"] != "alert"] == \
        [a for a in expected["actions"] if a["func"] != "alert"]
    assert info["data"] == {p.name: p.read_text(encoding="utf-8") for p in tmp_path.glob("*.md")}
