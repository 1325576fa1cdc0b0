"""Real Pyodide under Node for the xlwings Lite tests and the benchmark: the wheels Lite's micropip would
install, fetched from the package index beforehand, and one run of tests/pyodide/run_lite.mjs."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).parent
PYODIDE = TESTS / "pyodide"
# Python version → (npm alias in tests/pyodide/package.json, the micropip that Pyodide release ships)
PYODIDES = {"3.12": ("pyodide-312", "0.9.0"), "3.13": ("pyodide-313", "0.11.0"), "3.14": ("pyodide-314", "0.11.1")}


def wheel(folder: Path, project: str, version: str = "*") -> str:
    return next(folder.glob(f"{project}-{version}-*.whl")).name


def available(version: str) -> bool:
    return (PYODIDE / "node_modules" / PYODIDES[version][0]).is_dir()


def build_wheels(folder: Path, xlwings_versions: tuple[str, ...]) -> Path:
    """xlbokslut built from this tree, xlwings' pure wheels of the versions given and each Pyodide's micropip."""
    pip = [sys.executable, "-m", "pip", "-q", "--disable-pip-version-check"]
    subprocess.run(pip + ["wheel", "--no-deps", "-w", str(folder), str(TESTS.parent)], check=True,
                   capture_output=True)
    download = pip + ["download", "--no-deps", "--only-binary=:all:", "-d", str(folder)]
    for xlwings in dict.fromkeys(xlwings_versions):
        subprocess.run(download + ["--platform", "any", "--implementation", "py", "--abi", "none",
                                   f"xlwings=={xlwings}"], check=True, capture_output=True)
    for version, (_, micropip) in PYODIDES.items():
        subprocess.run(download + ["--python-version", version, f"micropip=={micropip}"], check=True,
                       capture_output=True)
    return folder


def run_in_pyodide(version: str, wheels: Path, main_py: Path, payloads: list[Path], install: list[str],
                   data=()) -> tuple[list[dict], dict]:
    """Each payload clicked in one Pyodide after micropip installed ``install`` (wheel file names, in order) from
    ``wheels`` and ``data`` was put into /data: (one result per payload, the run's info)."""
    job = {"pyodide": PYODIDES[version][0], "wheels": str(wheels),
           "micropip": f"micropip-{PYODIDES[version][1]}-py3-none-any.whl", "install": list(install),
           "data": [str(p) for p in data], "runtime": str(TESTS / "lite_runtime.py"), "main": str(main_py),
           "payloads": [str(p) for p in payloads]}
    job_file = main_py.parent / f"job_{version}.json"
    job_file.write_text(json.dumps(job), encoding="utf-8")
    done = subprocess.run(["node", str(PYODIDE / "run_lite.mjs"), str(job_file)], capture_output=True, text=True,
                          cwd=PYODIDE, timeout=600)
    if done.returncode != 0:
        raise AssertionError(done.stderr[-3000:])  # run_lite.mjs ends on the click's Python traceback
    *results, info = [json.loads(line) for line in done.stdout.splitlines()]
    return results, info
