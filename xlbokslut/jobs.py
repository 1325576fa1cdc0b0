"""The user's jobs end to end, where a workbook adapter meets the export: what the commands run."""
from __future__ import annotations

from pathlib import Path

from .issues import UnusableWorkbook
from .model import Evaluation


def export_file(path: Path | str, folder: Path | str | None = None, per_unit: bool = False,
                last_year: Path | str | None = None) -> tuple[Evaluation, list[Path]]:
    """Evaluate a workbook in memory (the file itself is only read) and write the board's files."""
    from .evaluate import evaluate_tables
    from .export.write import write_outputs
    from .workbook.files import WorkbookFile
    from .workbook.lastyear import with_last_year

    source = Path(path)
    workbook = WorkbookFile(source, for_writing=False)
    try:
        ev = evaluate_tables(workbook.read_tables(), workbook.read_record())
    finally:
        workbook.close()
    ev = with_last_year(ev, last_year, source.parent, source)
    return ev, write_outputs(source, ev, Path(folder) if folder else None, per_unit)


def write_demo(folder: Path, name: str | None = None) -> tuple[Path, Evaluation, list[Path]]:
    """Write a bundled example (by default 2021) into ``folder``, evaluate it in place and export the board's
    files."""
    from .example import DEFAULT, example_path, write_example
    from .export.write import write_outputs
    from .safefile import ensure_folder, lock_files
    from .workbook.files import evaluate_file

    ensure_folder(folder)
    path = folder / example_path(name or DEFAULT).name
    if lock_files(path):
        raise UnusableWorkbook(f"{path} är öppen i ett annat program. Stäng den och försök igen.")
    write_example(path, name or DEFAULT)
    evaluation = evaluate_file(path)
    return path, evaluation, write_outputs(path, evaluation)
