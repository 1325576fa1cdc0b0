"""How long a person waits. Each step runs as a fresh process, timed REPEAT times; the median is printed.

    python benchmarks/bench.py

(a) start Python and import what the ribbon button imports; (b) evaluate the example in place — through the
file adapter (the command line) and through xlwings' remote engine (the button's path, Excel simulated by
its payload); (c) export the board's files; (d) the floor: openpyxl loading and saving the same workbook.
Then the scaling of the evaluation with the number of indicators (the example repeated up to 10 times).
"""
from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPEAT = 5


def timed(code: str, setup_files: dict[str, Path] | None = None, inner: bool = False) -> float:
    """Median wall time of ``python -c code`` in fresh processes (``inner``: the time the code prints)."""
    times = []
    for _ in range(REPEAT):
        with tempfile.TemporaryDirectory() as tmp:
            for name, source in (setup_files or {}).items():
                shutil.copy(source, Path(tmp) / name)
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-c", code], cwd=tmp, check=True, capture_output=True, text=True,
                                  env={"PYTHONPATH": str(ROOT), "XLWINGS_LICENSE_KEY": "noncommercial",
                                       "HOME": tmp, "PATH": "/usr/bin:/bin"})
            times.append(float(done.stdout.split()[-1]) if inner else time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    example = ROOT / "examples" / "umearegionen_2021.xlsx"
    files = {"ex.xlsx": example}
    sys.path.insert(0, str(ROOT / "tests"))
    python = timed("pass")
    package = timed("import xlbokslut")
    button_imports = timed("import xlbokslut, xlbokslut.button, xlwings, xlbokslut.workbook.excel, "
                           "xlbokslut.export.write, xlbokslut.evaluate")
    floor = timed("import openpyxl; b = openpyxl.load_workbook('ex.xlsx'); b.save('ex.xlsx')", files)
    # RunPython's command line imports xlwings before any button code runs ("import xlwings.utils; ...")
    bootstrap = timed("import xlwings.utils, openpyxl; b = openpyxl.load_workbook('ex.xlsx'); b.save('ex.xlsx')",
                      files)
    cli = timed("from xlbokslut.cli import main; main(['utvardera', 'ex.xlsx'])", files)
    export = timed("from xlbokslut.cli import main; main(['exportera', 'ex.xlsx'])", files)
    click = timed(
        "import sys, time; sys.path.insert(0, %r)\n"
        "from remote import payload\n"
        "import xlwings as xw\n"
        "p = payload('ex.xlsx')  # what Excel sends: Excel's work, not ours\n"
        "start = time.perf_counter()\n"
        "from xlbokslut import button\n"
        "button.run(xw.Book(json=p))\n"
        "print(time.perf_counter() - start)\n" % str(ROOT / "tests"), files, inner=True)
    button_own = button_imports + click

    print(f"Python start (floor of any process)            {python:6.2f} s")
    print(f"(a) import xlbokslut                           {package:6.2f} s  (+{package - python:.2f} s)")
    print(f"(a) import what the button imports             {button_imports:6.2f} s  (+{button_imports - python:.2f} s)")
    print(f"(b) evaluate in place, file adapter (CLI)      {cli:6.2f} s")
    print(f"(b+c) button click: evaluate in place + export  {click:6.2f} s  (remote engine, after imports)")
    print(f"button's whole run: (a) + click                {button_own:6.2f} s")
    print(f"(c) export (CLI, evaluates in memory)          {export:6.2f} s")
    print(f"(d) floor: openpyxl load + save                {floor:6.2f} s")
    print(f"(d') floor + xlwings' RunPython bootstrap       {bootstrap:6.2f} s")
    print(f"ratio button / floor                           {button_own / floor:6.2f}  (target ≤ 1.5)")
    print(f"ratio button / floor with xlwings bootstrap    {button_own / bootstrap:6.2f}")
    print(f"ratio CLI evaluate / floor                     {cli / floor:6.2f}")
    print(f"import xlbokslut adds                          {package - python:6.2f} s  (target < 0.3)")
    scaling()


def scaling() -> None:
    """Evaluation time (pure, in process) against the number of indicators."""
    from xlbokslut.evaluate import evaluate_tables
    from xlbokslut.example import load_example
    from xlbokslut.workbook.files import WorkbookFile
    from xlbokslut.workbook.template import build_workbook

    example = load_example()
    budget, verifications = example.budget, example.verifications
    print("\nindicators  evaluate (ms)  per indicator (ms)")
    with tempfile.TemporaryDirectory() as tmp:
        for factor in (1, 2, 5, 10):
            b, v = [], []
            for k in range(factor):
                suffix = f".{k}" if k else ""
                for row in budget:
                    b.append([row[0], row[1], row[2], row[3] + suffix, *row[4:]] if k == 0 else
                             [row[0], (row[1] or "") and row[1], row[2], row[3] + suffix, *row[4:]])
                for row in verifications:
                    v.append([row[0] + suffix, *row[1:]])
            path = Path(tmp) / f"x{factor}.xlsx"
            build_workbook(example.settings, example.areas, b, v, example.participant_rows(), (), example.background,
                           example.equivalents).save(path)
            workbook = WorkbookFile(path, for_writing=False)
            tables, record = workbook.read_tables(), workbook.read_record()
            runs = []
            for _ in range(REPEAT):
                start = time.perf_counter()
                evaluate_tables(tables, record)
                runs.append(time.perf_counter() - start)
            ms = statistics.median(runs) * 1000
            print(f"{len(b):10d}  {ms:13.1f}  {ms / len(b):18.3f}")


if __name__ == "__main__":
    main()
