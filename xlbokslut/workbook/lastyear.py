"""Last year's workbook, read (never written) and evaluated with its own settings, beside this year's
evaluation. A last-year file that is missing or unusable is a notice; this year's evaluation goes on."""
from __future__ import annotations

from pathlib import Path
from collections.abc import Callable

from ..issues import Issue, UnusableWorkbook
from ..model import Evaluation, TableData
from ..participants import ParticipantTables, previous_from_last_year
from ..schema import SETTINGS_TABLE, norm_header
from ..yearly import compare

LAST_YEAR_SETTING = "Fjolårets arbetsbok"


def _notice(ev: Evaluation, place: str, text: str) -> Evaluation:
    return ev._replace(issues=ev.issues + (Issue.notice(place, text + " Jämförelsen med fjolåret utelämnas."),))


def with_last_year(ev: Evaluation, evaluate: Callable[[Path], Evaluation], explicit: Path | str | None = None,
                   own: Path | None = None, no_files: str = "", setting_place: str = "") -> Evaluation:
    """``ev`` with last year's results, from ``explicit`` (the command line's --fjol) or the setting
    "Fjolårets arbetsbok" (relative to the folder of ``own``, this workbook's file, None when it has none);
    ``evaluate`` reads and evaluates last year's file (raising UnusableWorkbook when it cannot). ``no_files``:
    why no other workbook can be read where this one is evaluated (xlwings Lite): then a named last-year
    workbook is only a notice, and no file reader (nor lxml) is imported. A setting that cannot be used is a
    notice at ``setting_place`` (its Värde cell); an explicit file that cannot be used raises UnusableWorkbook."""
    name = str(explicit) if explicit else ev.budget.settings.last_year
    if not name:
        return ev
    if explicit:  # an argument that cannot be used stops the run (exit 2), before anything is written
        return _explicit(ev, evaluate, Path(name), own)
    place = setting_place or SETTINGS_TABLE.sheet
    if no_files:
        return _notice(ev, place, f"Fjolårets arbetsbok ”{name}” kan inte läsas här: {no_files}.")
    path = Path(name)
    if not path.suffix and path.name:  # not for a folder such as / or ..
        path = path.with_suffix(".xlsx")
    if not explicit and not path.is_absolute():
        if own is None:
            return _notice(ev, place, f"Fjolårets arbetsbok ”{name}” kan inte läsas här: arbetsboken är inte sparad "
                                      "i en mapp på datorn.")
        path = Path(own).parent / path
    if own is not None and path.exists() and path.resolve() == Path(own).resolve():
        return _notice(ev, place, f"Fjolårets arbetsbok ”{name}” är årets egen arbetsbok.")
    try:
        last = evaluate(path)
    except UnusableWorkbook as problem:
        return _notice(ev, place, f"Fjolårets arbetsbok kunde inte läsas: {problem}")
    return _beside(ev, last, path.name)


def _explicit(ev: Evaluation, evaluate: Callable[[Path], Evaluation], path: Path, own: Path | None) -> Evaluation:
    """Last year's results from the file the command line names, or UnusableWorkbook in one sentence."""
    if not path.suffix:
        path = path.with_suffix(".xlsx")
    if own is not None and path.exists() and path.resolve() == Path(own).resolve():
        raise UnusableWorkbook(f"--fjol {path} är årets egen arbetsbok; ange förra årets.")
    try:
        last = evaluate(path)
    except UnusableWorkbook as problem:
        raise UnusableWorkbook(f"--fjol {path} går inte att använda: {_lowered(str(problem))}") from None
    return _beside(ev, last, path.name)


def _beside(ev: Evaluation, last: Evaluation, name: str) -> Evaluation:
    """This year's evaluation beside last year's: the results compared, and the förbund's Föregående år on
    Deltagare's rows 4–11 taken from last year's Totalt where xlbokslut may fill it."""
    ev = ev._replace(last_year=compare(ev, last, name))
    if not isinstance(ev.participants, ParticipantTables) or not isinstance(last.participants, ParticipantTables):
        return ev
    same_varav = last.budget.settings.varav_of is ev.budget.settings.varav_of
    participants = previous_from_last_year(ev.participants, last.participants, name, same_varav)
    old, new = ev.participants.previous_notice, participants.previous_notice
    issues = tuple(new if i == old else i for i in ev.issues if i != old or new is not None)
    return ev._replace(participants=participants, issues=issues)


def _lowered(sentence: str) -> str:
    """A sentence to follow a colon: its first letter lower case unless it starts a name or a path."""
    first = sentence[:1]
    return sentence if not first.isalpha() or sentence.split(" ", 1)[0].isupper() else first.lower() + sentence[1:]


def setting_cell(settings: TableData | None) -> str:
    """The Värde cell of the setting "Fjolårets arbetsbok" (where a notice about it points), or ''."""
    for row in settings.rows if settings is not None else ():
        name, value = row.get("Inställning"), row.get("Värde")
        if name is not None and value is not None and norm_header(name.value) == norm_header(LAST_YEAR_SETTING):
            return value.where
    return ""
