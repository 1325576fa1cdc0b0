"""A workbook evaluated: its tables read, evaluated, and set beside last year's — the one path of the file
adapter, the xlwings adapter, last year's workbook and the jobs.

A workbook is any adapter with ``read_tables()``, ``read_record()``, ``sheets()`` (for survey answers),
``path`` (its file, or None when it has none on this computer), ``no_files`` (why no other file can be read
where it is evaluated, or "") and ``open_file(path)`` (another workbook file, for reading: last year's);
``apply(plan)`` when it is evaluated in place.
"""
from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from ..evaluate import evaluate_tables
from ..model import Evaluation, TableData
from ..schema import SETTINGS_TABLE
from .lastyear import setting_cell, with_last_year
from .writeback import plan


class Evaluated(NamedTuple):
    """A workbook's tables as read (where the plan writes) and their evaluation."""

    tables: dict[str, TableData | None]
    evaluation: Evaluation


def evaluate_workbook(workbook, last_year: Path | str | None = None, beside_last_year: bool = True) -> Evaluated:
    """Read and evaluate ``workbook``, then, unless ``beside_last_year`` is False, read last year's workbook
    (``last_year``, the command line's --fjol, or the setting "Fjolårets arbetsbok") the same way and set this
    year's results beside it."""
    tables, unreadable = workbook.read_tables()
    evaluation = evaluate_tables(tables, workbook.read_record(), workbook.sheets(), unreadable)
    if beside_last_year:
        def last_years(path: Path) -> Evaluation:
            book = workbook.open_file(path)
            try:
                return evaluate_workbook(book, beside_last_year=False).evaluation
            finally:
                book.close()

        evaluation = with_last_year(evaluation, last_years, last_year, workbook.path, workbook.no_files,
                                    setting_cell(tables.get(SETTINGS_TABLE.name)))
    return Evaluated(tables, evaluation)


def evaluate_in_place(workbook, last_year: Path | str | None = None) -> Evaluation:
    """Evaluate ``workbook`` and apply what the evaluation writes into it (the workbook is not saved here)."""
    tables, evaluation = evaluate_workbook(workbook, last_year)
    workbook.apply(plan(tables, evaluation))
    return evaluation
