"""Writing the board's files: ``<namn>_resultat_<år>.xlsx`` and ``<namn>_sammanfattning_<år>.md`` for the board,
``<namn>_socialt_bokslut_<år>.docx`` and ``.html`` to publish (and the .pdf with ``--pdf``)."""
from __future__ import annotations

import re
import unicodedata
from functools import partial
from pathlib import Path
from typing import NamedTuple

from ..issues import UnusableWorkbook
from ..model import Evaluation
from ..safefile import ensure_folder, lock_files, write_atomically, write_text
from .view import board_view


class Outputs(NamedTuple):
    report: Path  # the board's results workbook
    summary: Path  # the board's summary in text
    document: Path  # the published bokslut as a Word document
    page: Path  # … and as a web page


MAX_SLUG = {"name": 60, "unit": 40, "year": 10}  # a file name stays far below the 255 bytes a folder allows


def slug(text: str, longest: int = MAX_SLUG["name"]) -> str:
    """'Samordningsförbundet Umeåregionen' → 'samordningsforbundet_umearegionen', cut at a word to ``longest``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    name = re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")
    if len(name) > longest:
        cut = name[:longest + 1]
        name = (cut.rsplit("_", 1)[0] if "_" in cut[longest // 2:] else cut[:longest]).strip("_")
    return name


def output_paths(source: Path, ev: Evaluation, folder: Path, unit: str = "") -> Outputs:
    settings = ev.budget.settings
    name = slug(settings.organisation) or slug(source.stem) or "bokslut"
    if unit:
        name += "_" + (slug(unit, MAX_SLUG["unit"]) or "enhet")
    year = slug(settings.year, MAX_SLUG["year"]) or "utan_ar"
    return Outputs(folder / f"{name}_resultat_{year}.xlsx", folder / f"{name}_sammanfattning_{year}.md",
                   folder / f"{name}_socialt_bokslut_{year}.docx", folder / f"{name}_socialt_bokslut_{year}.html")


def write_outputs(source: Path, ev: Evaluation, folder: Path | None = None, per_unit: bool = False,
                  summary_only: bool = False) -> list[Path]:
    """Build and write the board's files for the förbund (and each unit); returns the paths written.
    ``summary_only``: the text summary alone (xlwings Lite without lxml, python-docx and Pillow, which the
    other files need)."""
    from .summary import markdown

    folder = Path(folder) if folder else source.parent
    ensure_folder(folder)
    written: list[Path] = []
    for unit in [""] + (list(ev.units[1:]) if per_unit else []):
        paths = output_paths(source, ev, folder, unit)
        n = 2
        while paths.report in written or paths.summary in written:  # two units giving one file name (Umeå, Umea)
            paths = Outputs(*(p.with_stem(f"{p.stem}_{n}") for p in output_paths(source, ev, folder, unit)))
            n += 1
        wanted = [paths.summary] if summary_only else list(paths)
        for path in wanted:
            if path.resolve() == source.resolve():
                raise UnusableWorkbook(f"Utdata skulle skriva över indatafilen {source.name}; välj en annan mapp "
                                       "med --utdata.")
            if lock_files(path):
                raise UnusableWorkbook(f"{path.name} är öppen i ett annat program. Stäng den och försök igen.")
        view = board_view(ev, unit)
        if summary_only:
            write_text(paths.summary, markdown(view))
        else:
            from ..ooxml.newbook import write_workbook
            from .publication import publication
            from .report import build_report
            from .webpage import page
            from .word import write_docx

            sheets = build_report(view)
            write_atomically(paths.report, partial(write_workbook, layouts=sheets))
            write_text(paths.summary, markdown(view))
            pub = publication(view)
            write_atomically(paths.document, partial(write_docx, pub=pub))
            write_text(paths.page, page(pub))
        written += wanted
    return written
