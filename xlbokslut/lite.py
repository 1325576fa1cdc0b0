"""xlwings Lite (Python in Excel through Pyodide): what the task pane's button runs, and the texts to paste.

``xlbokslut lite`` prints ``MAIN_PY`` and ``REQUIREMENTS``. main.py defines the button itself with ``@script``:
older Lite runtimes find scripts by reading main.py's source, so a star import would give no button. This path
imports no file reader (no lxml): Lite sees only the open workbook. The board's files go to Lite's ``/data``
folder, where the user downloads them (Files → Import/Export): the summary always, the others only when their
packages are there.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

from .button import _alert
from .issues import UnusableWorkbook

DATA = Path("/data")  # Lite's Import/Export folder: what Python writes here the user can download
LOWEST_XLWINGS = "0.37.5"  # the first with Range.set_colors (setRangeColors); tests/test_lite.py runs it

MAIN_PY = '''\
# xlbokslut i xlwings Lite: ersätt allt i fliken main.py med denna text.
import glob
import sys
import zipfile

import xlwings as xw
from xlwings import script

# Innan xlbokslut finns på PyPI: hjulet xlbokslut-*.whl, importerat under Files > Import/Export, ligger i /data.
for wheel in sorted(glob.glob("/data/xlbokslut-*.whl"))[-1:]:
    zipfile.ZipFile(wheel).extractall("/tmp/xlbokslut-hjul")
    sys.path.insert(0, "/tmp/xlbokslut-hjul")

import xlbokslut.lite


@script
def utvardera(book: xw.Book):
    """Utvärdera bokslutet i den öppna arbetsboken."""
    xlbokslut.lite.utvardera(book)
'''

REQUIREMENTS = f"xlwings>={LOWEST_XLWINGS}\n"
PUBLISHED_REQUIREMENTS = f"xlbokslut\nxlwings>={LOWEST_XLWINGS}\n"


def utvardera(book) -> None:
    """Evaluate the open workbook in place, write the board's files to /data and say so in a message."""
    from .export.view import board_view
    from .workbook.excel import evaluate

    try:
        evaluation = evaluate(book)
    except UnusableWorkbook as problem:
        _alert(book, f"Det gick inte att utvärdera: {problem}", critical=True)
        return
    view = board_view(evaluation)
    index = view.total.index
    lines = [f"IMPACTindex {index if index is not None else '–'}", " · ".join(f"{s}: {n}" for s, n in view.counts().items()),
             "Resultatet står på bladet Resultat."]
    try:
        lines += board_files(book, evaluation)
    except UnusableWorkbook as problem:
        lines.append(f"Filerna för styrelsen kunde inte skrivas: {problem}")
    _alert(book, "\n".join(lines))


# what the board's other files are written with, none pure Python or all needing lxml: (module, requirements line)
EXPORT_PACKAGES = (("lxml", "lxml"), ("docx", "python-docx"), ("PIL", "pillow"))


def board_files(book, evaluation, folder: Path | None = None) -> list[str]:
    """Write the board's files into ``folder`` (Lite's /data); lines for the message. The results workbook,
    the Word document and the web page need EXPORT_PACKAGES, which Lite has only when requirements.txt names
    them (Pyodide's own builds of lxml and Pillow); without them only the summary is written."""
    folder = folder or DATA
    if not folder.is_dir():
        return []
    from .export.write import output_paths, write_outputs

    source = folder / Path(book.name).name
    missing = [line for module, line in EXPORT_PACKAGES if importlib.util.find_spec(module) is None]
    if missing:
        [summary] = write_outputs(source, evaluation, folder, summary_only=True)
        others = output_paths(source, evaluation, folder)
        return [f"Sammanfattningen för styrelsen: {summary} (hämta den under Files > Import/Export).",
                f"{others.report.name}, {others.document.name} och {others.page.name} skrivs bara om "
                f"requirements.txt också har raderna {', '.join(line for _, line in EXPORT_PACKAGES)}."]
    paths = write_outputs(source, evaluation, folder)
    return ["Filerna för styrelsen (hämta dem under Files > Import/Export):", *(f"  {p}" for p in paths)]
