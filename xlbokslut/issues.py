"""Problems in the user's data are values; only an unusable file is an exception."""
from __future__ import annotations

from dataclasses import dataclass

ERROR = "Fel"
WARNING = "Varning"


@dataclass(frozen=True)
class Issue:
    """A problem in the input, pointing at where it is.

    Attributes:
        where: ``Sheet!Cell`` (or a sheet name) the user should look at; may be ''.
        message: one Swedish sentence.
        level: ``ERROR`` (a figure could not be computed) or ``WARNING`` (computed, but check it).
    """

    where: str
    message: str
    level: str = ERROR

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class UnusableWorkbook(Exception):
    """The file cannot be read or written at all (missing, locked, wrong format …).

    ``str(exc)`` is one Swedish sentence for the user; the file has not been touched.
    """
