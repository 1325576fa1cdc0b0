"""``xlbokslut kontrollera``: a workbook's structure against the contract, every problem with how to fix it.

Errors stop an evaluation (a missing sheet, table or column); warnings do not, but the workbook then differs
from the contract (a table re-typed without its Excel table object, a missing setting row, no Typ dropdown).
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..issues import Issue
from ..model import STATUSES
from ..schema import (INPUT_TABLES, KINDS, RESULT_AREAS_TABLE, RESULT_INDICATORS_TABLE, RESULT_SHEET, BUDGET_TABLE,
                      SETTINGS_TABLE, Table, norm_header)
from ..settings import SETTINGS
from ..values import sentence
from .grid import REQUIRED_TABLES, find_header_row, header_map
from .xlsx import Spreadsheet, parse_range


def _located(book: Spreadsheet, spec: Table) -> tuple[str | None, int | None, tuple | None]:
    """(sheet, header row, table bounds or None) of a contract table, found as grid.read_tables finds it."""
    table = book.tables().get(spec.name.casefold())
    if table is not None:
        return table.sheet, table.bounds[1], table.bounds
    sheet = book.sheet(spec.sheet)
    if sheet is None:
        return None, None, None
    return sheet.name, find_header_row(spec, book.values(sheet.name)), None


def _columns(book: Spreadsheet, spec: Table, sheet: str, header_row: int, bounds) -> Iterator[Issue]:
    first, last = (bounds[0], bounds[2]) if bounds else (1, None)
    have = header_map(book.values(sheet), header_row, first, last)
    for column in spec.columns:
        header = column.header
        if norm_header(header) in have:
            continue
        level = Issue.warning if column.optional else Issue
        yield level(f"{sheet}!{header_row}:{header_row}",
                    f"{sentence(spec.label)} saknar kolumnen ”{header}”. Lägg till den i rubrikraden "
                    "(rad {0}), stavad exakt så.".format(header_row))


def check_workbook(path: Path, evaluated: bool = False) -> list[Issue]:
    """Every way the workbook differs from the contract; level Fel when it cannot be evaluated."""
    from .files import WorkbookFile

    book = WorkbookFile(path, for_writing=False).book
    issues: list[Issue] = []
    for spec in INPUT_TABLES:
        required = spec in REQUIRED_TABLES
        sheet, header_row, bounds = _located(book, spec)
        if sheet is None:
            make = Issue if required else Issue.notice
            issues.append(make(spec.sheet, f"Bladet ”{spec.sheet}” med {spec.label} saknas. Kopiera bladet från "
                                           "mallen (xlbokslut ny FIL) eller skapa det med rubrikerna "
                                           + ", ".join(f"”{h}”" for h in spec.headers) + "."))
            continue
        if header_row is None:
            issues.append((Issue if required else Issue.warning)(
                sheet, f"Bladet ”{sheet}” har ingen rubrikrad för {spec.label}. Skriv rubrikerna "
                       + ", ".join(f"”{h}”" for h in spec.headers) + " på en rad bland de översta."))
            continue
        if bounds is None:
            issues.append(Issue.warning(f"{sheet}!{header_row}:{header_row}",
                                        f"{sentence(spec.label)} är ingen Excel-tabell längre (den läses ändå). "
                                        "Markera rubrikraden och raderna under och välj Infoga > Tabell."))
        elif sheet.casefold() != spec.sheet.casefold():
            issues.append(Issue.warning(sheet, f"{sentence(spec.label)} ligger på bladet ”{sheet}”, inte ”{spec.sheet}”."))
        issues += _columns(book, spec, sheet, header_row, bounds)
    issues += _settings(book)
    issues += _kinds_dropdown(book)
    if evaluated:
        issues += _results(book)
    return issues


def check_results(path: Path) -> list[Issue]:
    """How Resultat differs from what an evaluation writes (empty or missing tables, unknown statuses)."""
    from .files import WorkbookFile

    return list(_results(WorkbookFile(path, for_writing=False).book))


def _settings(book: Spreadsheet) -> Iterator[Issue]:
    sheet, header_row, bounds = _located(book, SETTINGS_TABLE)
    if sheet is None or header_row is None:
        return
    names = {norm_header(row[0]) for row in book.values(sheet)[header_row:] if row and row[0] is not None}
    first_col = bounds[0] if bounds else 1
    names |= {norm_header(row[first_col - 1]) for row in book.values(sheet)[header_row:] if len(row) >= first_col}
    for setting in SETTINGS:
        if norm_header(setting.name) not in names and setting.warn_if_missing:
            yield Issue.warning(sheet, f"Inställningen ”{setting.name}” saknas; standardvärdet används. "
                                       "Lägg till en rad med den i tabellen.")


def _kinds_dropdown(book: Spreadsheet) -> Iterator[Issue]:
    sheet, header_row, bounds = _located(book, BUDGET_TABLE)
    if sheet is None or header_row is None:
        return
    column = header_map(book.values(sheet), header_row).get("typ")
    if column is None:
        return
    lists = book.validations(sheet)
    covering = [formula for sqref, formula in lists for part in sqref.split()
                if _covers(part, column)]
    if not covering:
        yield Issue.warning(f"{sheet}!{header_row}:{header_row}", "Kolumnen Typ har ingen lista att välja i. "
                            "Kopiera kolumnen från mallen, så att typerna stavas rätt.")
        return
    missing = [k.name for k in KINDS if not any(k.name in formula for formula in covering)]
    if missing and all('"' in f for f in covering):
        yield Issue.warning(sheet, "Listan i kolumnen Typ saknar " + ", ".join(f"”{m}”" for m in missing)
                            + ". Kopiera kolumnen från mallen.")


def _covers(ref: str, column: int) -> bool:
    try:
        first_col, _, last_col, _ = parse_range(ref)
    except ValueError:
        return False
    return first_col <= column <= last_col


def _filled_rows(book: Spreadsheet, table) -> list[list]:
    values = book.values(table.sheet)
    first_col, header_row, last_col, last_row = table.bounds
    return [r for r in values[header_row:last_row] if any(v not in (None, "") for v in r[first_col - 1:last_col])]


def _results(book: Spreadsheet) -> Iterator[Issue]:
    budget = book.tables().get(BUDGET_TABLE.name.casefold())
    no_indicators = budget is not None and not _filled_rows(book, budget)
    for spec in (RESULT_AREAS_TABLE, RESULT_INDICATORS_TABLE):
        table = book.tables().get(spec.name.casefold())
        if table is None:
            yield Issue(RESULT_SHEET, f"{sentence(spec.label)} saknas; utvärdera arbetsboken.")
            continue
        values = book.values(table.sheet)
        first_col, header_row, last_col, last_row = table.bounds
        headers = header_map(values, header_row, first_col, last_col)
        rows = _filled_rows(book, table)
        if not rows and not (spec is RESULT_INDICATORS_TABLE and no_indicators):  # no Budget rows: rightly empty
            yield Issue(RESULT_SHEET, f"{sentence(spec.label)} är tom; utvärdera arbetsboken.")
        status = headers.get("status")
        if status:
            bad = {r[status - 1] for r in rows if len(r) >= status} - set(STATUSES) - {None}
            if bad:
                yield Issue(RESULT_SHEET, "Okända statusar i Resultat: " + ", ".join(map(str, sorted(map(str, bad)))))
