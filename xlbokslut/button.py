"""What the ribbon button runs: evaluate the calling workbook, export beside it, say so in a message box."""
from __future__ import annotations

from pathlib import Path

from .issues import UnusableWorkbook, to_fix

TITLE = "Socialt bokslut"
SHOWN_PROBLEMS = 5


def documents_folder() -> Path:
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else Path.home()


def export_folder(book) -> tuple[Path, Path, str]:
    """(folder, source path for naming, a sentence when the files cannot go beside the workbook)."""
    full = Path(book.fullname or book.name)
    if full.is_absolute() and full.parent.is_dir():
        return full.parent, full, ""
    folder = documents_folder()
    why = "inte sparad" if "://" not in str(book.fullname) else "sparad i OneDrive/SharePoint"
    return folder, folder / Path(book.name).name, (f"Arbetsboken är {why}, så filerna för styrelsen har sparats i "
                                                   f"{folder}.")


def message(ev, paths: list[Path], note: str) -> str:
    from .export.view import board_view
    from .values import fmt_num, fmt_signed

    view = board_view(ev)
    counts = view.counts()
    lines = [f"IMPACTindex {view.total.index if view.total.index is not None else '–'} "
             f"(mål {fmt_num(view.target)}, {fmt_signed(view.total.versus_target or 0)})",
             *filter(None, [view.last_year_sentence()]), "",
             " · ".join(f"{s}: {n}" for s, n in counts.items()), ""]
    for unit in ev.units[1:]:
        lines.append(f"Delbokslut {unit}: IMPACTindex {board_view(ev, unit).index_text()}")
    if ev.units[1:]:
        lines.append("")
    lines.append("Filerna för styrelsen:")
    lines += [f"  {p}" for p in paths]
    if note:
        lines += ["", note]
    serious = to_fix(ev.issues)
    if serious:
        lines += ["", f"Rätta först ({len(serious)} problem, se bladet Indataproblem):"]
        lines += [f"  {i}" for i in serious[:SHOWN_PROBLEMS]]
        if len(serious) > SHOWN_PROBLEMS:
            lines.append(f"  … och {len(serious) - SHOWN_PROBLEMS} till")
    lines += ["", "Resultatet står på bladet Resultat. Spara arbetsboken för att behålla det."]
    return "\n".join(lines)


def _alert(book, text: str, critical: bool = False) -> None:
    try:
        book.app.alert(text, TITLE, mode="critical" if critical else "info")
    except Exception:  # no message box (e.g. no Excel window): the text still reaches the log
        print(text)


def run(book=None) -> None:
    """Evaluate and export; every outcome ends in a Swedish message box, never a traceback window."""
    try:
        if book is None:
            import xlwings as xw

            book = xw.Book.caller()
        from .export.write import write_outputs
        from .workbook.excel import evaluate

        evaluation = evaluate(book)
        folder, source, note = export_folder(book)
        paths = write_outputs(source, evaluation, folder)
        _alert(book, message(evaluation, paths, note))
    except UnusableWorkbook as problem:
        _alert(book, f"Det gick inte att utvärdera: {problem}", critical=True)
    except Exception:  # a bug: say so plainly, and keep the details for whoever helps
        _alert(book, "Ett oväntat fel inträffade i xlbokslut. Inget har sparats. " + _log_bug()
               + " Kontakta den som installerade xlbokslut och berätta vad du gjorde.", critical=True)


def _log_bug() -> str:
    """Write the technical details of a bug to a file in Documents; a sentence saying where."""
    import traceback

    log = documents_folder() / "xlbokslut_fel.txt"
    try:
        with open(log, "a", encoding="utf-8") as f:
            f.write(traceback.format_exc() + "\n")
    except OSError:
        return ""
    return f"Detaljerna finns i {log}."
