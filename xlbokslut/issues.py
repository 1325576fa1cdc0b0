"""Problems in the user's data are values; only an unusable file is an exception."""
from __future__ import annotations

from typing import NamedTuple

ERROR = "Fel"
WARNING = "Varning"
NOTICE = "Notis"
LEVELS = (ERROR, WARNING, NOTICE)


class Issue(NamedTuple):
    """A problem in the input, carried from where it is found to where it is written.

    Attributes:
        place: ``Sheet!Cell`` (or a sheet name) the user should look at; may be ''.
        message: one Swedish sentence, without the place.
        level: ``ERROR`` (a figure could not be computed), ``WARNING`` (computed, but check it) or
            ``NOTICE`` (nothing is wrong, but the user should know).
    """

    place: str
    message: str
    level: str = ERROR

    def __str__(self) -> str:
        return f"{self.place}: {self.message}" if self.place else self.message

    @classmethod
    def warning(cls, place: str, message: str) -> Issue:
        return cls(place, message, WARNING)

    @classmethod
    def notice(cls, place: str, message: str) -> Issue:
        return cls(place, message, NOTICE)


def to_fix(issues) -> list[Issue]:
    """The errors and warnings: the one list that Indataproblem, the screen, the button's message and the board's
    "Att känna till" all show (notices are there to read, and stay on Indataproblem)."""
    return [i for i in issues if i.level != NOTICE]


def joined(issues: tuple[Issue, ...] | list[Issue], *more: str) -> str:
    """Issues and further remarks as one line, for a Kontroll cell."""
    return "; ".join([str(i) for i in issues] + [m for m in more if m])


class UnusableWorkbook(Exception):
    """The file cannot be read or written at all (missing, locked, wrong format …).

    ``str(exc)`` is one Swedish sentence for the user; the file has not been touched.
    """
