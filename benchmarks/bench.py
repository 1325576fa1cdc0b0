"""How long a person waits, measured in fresh processes (median of REPEAT runs) and printed as ratios.

    python benchmarks/bench.py            # the example, 10× and 100× its indicators
    python benchmarks/bench.py --quick    # the example only

Every step runs as its own process, the way a user runs it, on a workbook evaluated once before (as a user's
workbook is from the second click on): `xlbokslut utvardera` (evaluate in place) against the floor of a fresh
Python that loads the same file with openpyxl and saves it; `xlbokslut exportera` against
openpyxl loading the input and saving a copy; the export per unit with 100 units against the plain export;
the ribbon button's whole run through xlwings' remote engine and the number of actions it sends to Excel;
60 indicators counted from four sheets of 1 000 survey answers against the same counts typed; the xlwings
Lite click in real Pyodide (Python 3.12 under Node; Pyodide's start, the first click and the next).
Peak memory (maximum resident set) is printed beside each time.
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
REPEAT = int(os.environ.get("REPEAT", 5))
# peak resident memory of the process itself (VmHWM starts afresh at exec; ru_maxrss would include the parent's)
PEAK = "def _peak():\n    return int(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))\n"
CLI = PEAK + "import sys; from xlbokslut.cli import main; code = main(sys.argv[1:])\n" + \
      "print('PEAK', _peak(), file=sys.stderr)\n" + \
      "sys.exit(code)"
FLOOR = PEAK + "import sys, openpyxl; b = openpyxl.load_workbook(sys.argv[1]); b.save(sys.argv[2])\n" + \
        "print('PEAK', _peak(), file=sys.stderr)"
BUTTON = PEAK + """import sys, time
sys.path.insert(0, %r)
from remote import payload
import xlwings as xw
p = payload(sys.argv[1])  # what Excel sends: Excel's work, not ours
start = time.perf_counter()
from xlbokslut import button
book = xw.Book(json=p)
button.run(book)
print('INNER', time.perf_counter() - start, len(book.json()['actions']))
print('PEAK', _peak(), file=sys.stderr)
""" % str(ROOT / "tests")


def run(code: str, *args: str, cwd: Path, fresh: tuple[Path, str] | None = None) -> tuple[float, int, str]:
    """(median seconds, peak MB, last stdout) of ``python -c code args`` in fresh processes; ``fresh`` = (source,
    name): the source is copied to that name before each run, so every run starts from the same file."""
    env = {**os.environ, "XLWINGS_LICENSE_KEY": "noncommercial", "HOME": str(cwd)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as on a user's machine: compiled modules are cached
    times, peaks, out = [], [], ""
    subprocess.run([sys.executable, "-c", "import xlbokslut.cli, xlwings, openpyxl"], env=env, check=True)
    for _ in range(REPEAT):
        if fresh is not None:
            shutil.copy(fresh[0], cwd / fresh[1])
        start = _now()
        done = subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, env=env, capture_output=True, text=True)
        elapsed = _now() - start
        if done.returncode != 0:
            raise SystemExit(f"failed: {args}\n{done.stderr}")
        out = done.stdout
        inner = [line for line in out.splitlines() if line.startswith("INNER")]
        times.append(float(inner[-1].split()[1]) if inner else elapsed)
        peaks.append(int(next(line.split()[1] for line in done.stderr.splitlines() if line.startswith("PEAK"))))
    return statistics.median(times), max(peaks) // 1024, out


def pyodide_click(folder: Path) -> None:
    """The xlwings Lite click in real Pyodide (Python 3.12 under Node, tests/pyodide): Pyodide's start with
    micropip, the first click (importing xlbokslut) and a second one, on the 2021 example's payload."""
    import json

    from lite_pyodide import available, build_wheels, run_in_pyodide, wheel
    from remote import payload

    import xlwings

    from xlbokslut import lite

    if not shutil.which("node") or not available("3.12"):
        print(f"{'xlwings Lite click in Pyodide':44s} skipped: needs node and `npm ci` in tests/pyodide")
        return
    wheels = build_wheels(folder / "wheels", (xlwings.__version__,))
    (folder / "main.py").write_text(lite.MAIN_PY, encoding="utf-8")
    sent = payload(ROOT / "examples" / "umearegionen_2021.xlsx")
    sent["client"] = "Office.js"
    (folder / "payload.json").write_text(json.dumps(sent), encoding="utf-8")
    install = [wheel(wheels, "xlwings", xlwings.__version__), wheel(wheels, "xlbokslut")]
    results, info = run_in_pyodide("3.12", wheels, folder / "main.py", [folder / "payload.json"] * 2, install)
    print(f"{'Pyodide start + micropip (xlwings Lite)':44s} {info['startup']:7.2f}s")
    print(f"{'Lite click in Pyodide, first (imports)':44s} {results[0]['seconds']:7.2f}s {'':8s} "
          f"{len(results[0]['actions']):>6d} actions to Excel")
    print(f"{'Lite click in Pyodide, second':44s} {results[1]['seconds']:7.2f}s")


def _now() -> float:
    import time

    return time.perf_counter()


def main() -> None:
    from helpers import scaled_workbook, survey_workbooks

    quick = "--quick" in sys.argv
    print(f"{'case':44s} {'time':>8s} {'peak':>8s} {'ratio':>7s}  target")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cases = [(1, ROOT / "examples" / "umearegionen_2021.xlsx")]
        if not quick:
            cases += [(10, scaled_workbook(folder, 10)), (100, scaled_workbook(folder, 100))]
        for factor, blank in cases:
            source = folder / f"evaluated_{factor}.xlsx"  # as a user's workbook is after its first evaluation
            shutil.copy(blank, source)
            subprocess.run([sys.executable, "-m", "xlbokslut", "utvardera", str(source)], check=True,
                           capture_output=True)
            shutil.copy(source, folder / "in.xlsx")
            floor, floor_peak, _ = run(FLOOR, "in.xlsx", "out.xlsx", cwd=folder)
            evaluate, peak, _ = run(CLI, "utvardera", "w.xlsx", cwd=folder, fresh=(source, "w.xlsx"))
            target = 0.5 if factor == 1 else 0.3
            label = f"{factor}× the example's indicators"
            print(f"{'floor: openpyxl load + save, ' + label:44s} {floor:7.2f}s {floor_peak:6d}MB")
            print(f"{'xlbokslut utvardera, ' + label:44s} {evaluate:7.2f}s {peak:6d}MB {evaluate / floor:6.2f}×  "
                  f"≤ {target}×, memory below the floor's")
            export, export_peak, _ = run(CLI, "exportera", "in.xlsx", "--utdata", "ut", cwd=folder)
            print(f"{'xlbokslut exportera, ' + label:44s} {export:7.2f}s {export_peak:6d}MB {export / floor:6.2f}×  "
                  "≤ 1.0×")
            click, click_peak, out = run(BUTTON, "in.xlsx", cwd=folder)
            actions = out.split()[-1]
            print(f"{'button click (remote engine), ' + label:44s} {click:7.2f}s {click_peak:6d}MB "
                  f"{actions:>6s} actions to Excel (target < 100)")
        surveyed, typed = survey_workbooks(folder)
        for path in (surveyed, typed):
            subprocess.run([sys.executable, "-m", "xlbokslut", "utvardera", str(path)], check=True, capture_output=True)
        with_survey, _, _ = run(CLI, "utvardera", "s.xlsx", cwd=folder, fresh=(surveyed, "s.xlsx"))
        without, _, _ = run(CLI, "utvardera", "t.xlsx", cwd=folder, fresh=(typed, "t.xlsx"))
        print(f"{'utvardera, 60 indicators typed':44s} {without:7.2f}s")
        print(f"{'utvardera, the same counted from 4×1000 answers':44s} {with_survey:7.2f}s {'':8s} "
              f"{with_survey - without:+6.2f}s  ≤ +0.2 s")
        shutil.copy(surveyed, folder / "s.xlsx")
        click, click_peak, out = run(BUTTON, "s.xlsx", cwd=folder)
        print(f"{'button click, 60 indicators from 4×1000 answers':44s} {click:7.2f}s {click_peak:6d}MB "
              f"{out.split()[-1]:>6s} actions to Excel")
        pyodide_click(folder)
        units = scaled_workbook(folder, 1, units=100)
        shutil.copy(units, folder / "units.xlsx")
        plain, _, _ = run(CLI, "exportera", "units.xlsx", "--utdata", "ut1", cwd=folder)
        per_unit, peak, _ = run(CLI, "exportera", "units.xlsx", "--utdata", "ut2", "--per-enhet", cwd=folder)
        print(f"{'exportera, 107 units':44s} {plain:7.2f}s")
        print(f"{'exportera --per-enhet, 107 units':44s} {per_unit:7.2f}s {peak:6d}MB {per_unit / plain:6.2f}×  "
              "≤ 2.5× the plain export")


if __name__ == "__main__":
    main()
