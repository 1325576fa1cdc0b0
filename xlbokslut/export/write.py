"""Writing the board's files: ``<namn>_resultat_<år>.xlsx`` and ``<namn>_sammanfattning_<år>.md``."""
from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from pathlib import Path

from ..issues import UnusableWorkbook
from ..model import Evaluation
from .view import board_view


def slug(text: str) -> str:
    """'Samordningsförbundet Umeåregionen' → 'samordningsforbundet_umearegionen'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")


def output_paths(source: Path, ev: Evaluation, folder: Path, unit: str = "") -> tuple[Path, Path]:
    settings = ev.budget.settings
    name = slug(settings.organisation) or slug(source.stem) or "bokslut"
    if unit:
        name += "_" + (slug(unit) or "enhet")
    year = slug(settings.year) or "utan_ar"
    return folder / f"{name}_resultat_{year}.xlsx", folder / f"{name}_sammanfattning_{year}.md"


def _replace_text(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".~xlbokslut-", suffix=".md", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise UnusableWorkbook(f"{path.name} kunde inte skrivas ({exc.strerror}).") from None


def write_outputs(source: Path, ev: Evaluation, folder: Path | None = None, per_unit: bool = False) -> list[Path]:
    """Build and write the board's files for the förbund (and each unit); returns the paths written."""
    from ..workbook.files import lock_files, safe_save
    from .report import build_report
    from .summary import markdown

    folder = Path(folder) if folder else source.parent
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for unit in [""] + (list(ev.units[1:]) if per_unit else []):
        report_path, summary_path = output_paths(source, ev, folder, unit)
        for path in (report_path, summary_path):
            if path.resolve() == source.resolve():
                raise UnusableWorkbook(f"Utdata skulle skriva över indatafilen {source.name}; välj en annan mapp "
                                       "med --utdata.")
            if lock_files(path):
                raise UnusableWorkbook(f"{path.name} är öppen i ett annat program. Stäng den och försök igen.")
        view = board_view(ev, unit)
        safe_save(build_report(view), report_path)
        _replace_text(summary_path, markdown(view))
        written += [report_path, summary_path]
    return written


def export_file(path: Path | str, folder: Path | str | None = None, per_unit: bool = False
                ) -> tuple[Evaluation, list[Path]]:
    """Evaluate a workbook in memory (the file itself is only read) and write the board's files."""
    from ..evaluate import evaluate_tables
    from ..workbook.files import WorkbookFile

    source = Path(path)
    workbook = WorkbookFile(source, for_writing=False)
    ev = evaluate_tables(workbook.read_tables(), workbook.read_record())
    return ev, write_outputs(source, ev, Path(folder) if folder else None, per_unit)
