"""Writing the board's files: ``<namn>_resultat_<år>.xlsx`` and ``<namn>_sammanfattning_<år>.md``."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from ..issues import UnusableWorkbook
from ..model import Evaluation
from ..safefile import ensure_folder, lock_files, write_atomically, write_text
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


def write_outputs(source: Path, ev: Evaluation, folder: Path | None = None, per_unit: bool = False) -> list[Path]:
    """Build and write the board's files for the förbund (and each unit); returns the paths written."""
    from ..ooxml.newbook import write_workbook
    from .report import build_report
    from .summary import markdown

    folder = Path(folder) if folder else source.parent
    ensure_folder(folder)
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
        sheets = build_report(view)
        write_atomically(report_path, lambda tmp, sheets=sheets: write_workbook(tmp, sheets))
        write_text(summary_path, markdown(view))
        written += [report_path, summary_path]
    return written

