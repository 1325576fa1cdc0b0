"""xlwings Lite (Python in Excel through Pyodide): the evaluation as a script button in the task pane.

Add ``xlbokslut`` to the add-in's requirements tab and paste ``from xlbokslut.lite import *`` in main.py.
Lite has no local files, so it evaluates in place (Resultat, Indataproblem, colours) and skips the export.
"""
from __future__ import annotations

import xlwings as xw
from xlwings import script

from .button import _alert
from .issues import UnusableWorkbook


@script
def utvardera(book: xw.Book):
    """Utvärdera bokslutet i den öppna arbetsboken."""
    from .export.view import board_view
    from .workbook.excel import evaluate

    try:
        view = board_view(evaluate(book))
    except UnusableWorkbook as problem:
        _alert(book, f"Det gick inte att utvärdera: {problem}", critical=True)
        return
    counts = view.counts()
    _alert(book, f"IMPACTindex {view.total.index}\n" + " · ".join(f"{s}: {n}" for s, n in counts.items())
           + "\nResultatet står på bladet Resultat.")


__all__ = ["utvardera"]
