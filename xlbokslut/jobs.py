"""The user's jobs end to end, where a workbook adapter meets the export: what the commands run."""
from __future__ import annotations

from pathlib import Path

from .issues import UnusableWorkbook
from .model import Evaluation


def export_file(path: Path | str, folder: Path | str | None = None, per_unit: bool = False,
                last_year: Path | str | None = None) -> tuple[Evaluation, list[Path]]:
    """Evaluate a workbook in memory (the file itself is only read) and write the board's files."""
    from .export.write import write_outputs
    from .workbook.evaluation import evaluate_workbook
    from .workbook.files import WorkbookFile

    source = Path(path)
    workbook = WorkbookFile(source, for_writing=False)
    try:
        ev = evaluate_workbook(workbook, last_year).evaluation
    finally:
        workbook.close()
    return ev, write_outputs(source, ev, Path(folder) if folder else None, per_unit)


def write_demo(folder: Path, name: str | None = None) -> tuple[Path, Evaluation, list[Path]]:
    """Write a bundled example (by default 2021) into ``folder`` — with last year's workbook when the example
    names one (2021 has its 2020) — evaluate it in place and export the board's files."""
    from .example import DEFAULT, load_example, names, write_example
    from .export.write import write_outputs
    from .safefile import ensure_folder, lock_files
    from .workbook.files import evaluate_file

    ensure_folder(folder)
    name = name or DEFAULT
    last_year = Path(load_example(name).settings.get("Fjolårets arbetsbok") or "").stem
    written = []
    for example in ([last_year] if last_year in names() else []) + [name]:
        path = folder / f"{example}.xlsx"
        if lock_files(path):
            raise UnusableWorkbook(f"{path} är öppen i ett annat program. Stäng den och försök igen.")
        write_example(path, example)
        written.append(path)
    evaluation = evaluate_file(path)
    return path, evaluation, written[:-1] + write_outputs(path, evaluation)
