"""The Word document as a tagged PDF, through LibreOffice's PDF export (where LibreOffice is installed)."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

TAGGED_PDF = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'
NO_OFFICE = ("PDF skrevs inte: LibreOffice finns inte på datorn (installera det från libreoffice.org, eller "
             "öppna Word-dokumentet och spara det som PDF).")
PLACES = (r"C:\Program Files\LibreOffice\program\soffice.exe", r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
          "/Applications/LibreOffice.app/Contents/MacOS/soffice")
TIMEOUT = 180  # seconds: a first start of LibreOffice is slow


def find_office() -> str | None:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    return found or next((p for p in PLACES if os.path.isfile(p)), None)


def to_pdf(documents: list[Path]) -> tuple[list[Path], str]:
    """Convert each .docx to a .pdf beside it: the PDFs written, and '' or one Swedish sentence on why not."""
    office = find_office()
    if office is None:
        return [], NO_OFFICE
    written: list[Path] = []
    if not documents:
        return written, ""
    folder = documents[0].parent
    with tempfile.TemporaryDirectory(prefix="xlbokslut-office-") as profile, \
            tempfile.TemporaryDirectory(prefix="xlbokslut-pdf-", dir=folder) as out:
        # its own profile, so that a LibreOffice the user has open does not take the job; one start for all
        try:
            subprocess.run([office, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                            "--convert-to", TAGGED_PDF, "--outdir", out, *map(str, documents)],
                           capture_output=True, timeout=TIMEOUT * len(documents), check=False)
        except (OSError, subprocess.TimeoutExpired):
            pass
        for document in documents:
            made = Path(out) / (document.stem + ".pdf")
            if not made.exists():
                return written, f"PDF skrevs inte: LibreOffice kunde inte konvertera {document.name}."
            target = document.with_suffix(".pdf")
            try:
                os.replace(made, target)
            except OSError:
                return written, f"{target.name} är öppen i ett annat program. Stäng den och försök igen."
            written.append(target)
    return written, ""
