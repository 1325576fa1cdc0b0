"""Last year's workbook, read (never written) and evaluated with its own settings, beside this year's
evaluation. A last-year file that is missing or unusable is a notice; this year's evaluation goes on."""
from __future__ import annotations

from pathlib import Path

from ..issues import Issue, UnusableWorkbook
from ..model import Evaluation
from ..schema import SETTINGS_TABLE
from ..yearly import compare


def _notice(ev: Evaluation, place: str, text: str) -> Evaluation:
    return ev._replace(issues=ev.issues + (Issue.notice(place, text + " Jämförelsen med fjolåret utelämnas."),))


def with_last_year(ev: Evaluation, explicit: Path | str | None = None, folder: Path | None = None,
                   own: Path | None = None) -> Evaluation:
    """``ev`` with last year's results, from ``explicit`` (the command line's --fjol) or the setting
    "Fjolårets arbetsbok" (relative to ``folder``, this workbook's folder; ``own`` is this workbook's file)."""
    from .files import WorkbookFile
    from ..evaluate import evaluate_tables

    name = str(explicit) if explicit else ev.budget.settings.last_year
    if not name:
        return ev
    place = "--fjol" if explicit else SETTINGS_TABLE.sheet
    path = Path(name)
    if not path.suffix:
        path = path.with_suffix(".xlsx")
    if not explicit and not path.is_absolute():
        if folder is None:
            return _notice(ev, place, f"Fjolårets arbetsbok ”{name}” kan inte läsas här: arbetsboken är inte sparad "
                                      "i en mapp på datorn.")
        path = folder / path
    if own is not None and path.exists() and path.resolve() == Path(own).resolve():
        return _notice(ev, place, f"Fjolårets arbetsbok ”{name}” är årets egen arbetsbok.")
    try:
        book = WorkbookFile(path, for_writing=False)
        try:
            last = evaluate_tables(book.read_tables(), book.read_record(), book.sheets())
        finally:
            book.close()
    except UnusableWorkbook as problem:
        return _notice(ev, place, f"Fjolårets arbetsbok kunde inte läsas: {problem}")
    return ev._replace(last_year=compare(ev, last, path.name))
