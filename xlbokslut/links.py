"""Linked outcomes: a verification row that takes its numbers from Deltagare or Helårsekvivalenter.

The Verifikationer column "Hämta från" holds one of ``link_options()``, picked
from a dropdown: ``Deltagare: genomströmning`` (for the row's Enhet, or the
förbund's Totalt when Enhet is blank) or ``Helårsekvivalenter: Umeå``. The
link fills the columns the indicator's kind reads, each with the address of
the cell it came from, so every later message still points at real cells.
"""
from __future__ import annotations

from types import MappingProxyType
from typing import NamedTuple
from collections.abc import Mapping, Sequence

from .equivalents import EquivalentLine, lookup
from .kinds import Kind, LinkProblem
from .model import CaseExample, Cell, Origin, Source, Verification
from .participants import A, D, EXTRA, HEALTH, NEW, OTHER, P, REHAB, STUDIES, UNABLE, WORK, Figures, find_unit
from .issues import Issue
from .schema import EQUIVALENTS_TABLE, EXAMPLES_TABLE, KINDS, PARTICIPANTS_TABLE, TOTAL_UNIT, Table
from .settings import Settings, VaravOf
from .values import Number, is_blank

EXAMPLES_LINK = "Exempel"
PARTICIPANTS_PREFIX = "Deltagare: "
EQUIVALENTS_PREFIX = "Helårsekvivalenter: "

# link name → (numerator category, denominator category or None)
PARTICIPANT_LINKS = {
    "deltagare": (D, None),
    "nya för året": (NEW, D),
    "genomströmning": (A, D),
    "positiv lösning": (P, A),
    "till arbete": (WORK, P),
    "till extratjänster": (EXTRA, P),
    "till studier": (STUDIES, P),
    "till fortsatt rehab och öppet a-sök": (REHAB, P),
    "saknar arbetsförmåga": (UNABLE, P),
    "avbrott av hälsoskäl": (HEALTH, A),
    "övriga avbrott": (OTHER, A),
}


def link_options(municipalities: Sequence[str] = ()) -> list[str]:
    return ([PARTICIPANTS_PREFIX + name for name in PARTICIPANT_LINKS] + [EXAMPLES_LINK]
            + [EQUIVALENTS_PREFIX + m for m in municipalities])


def _participant_inputs(kind: Kind, figures: Figures, measure: str, varav_of: VaravOf) -> dict[str, Cell]:
    numerator, denominator = PARTICIPANT_LINKS[measure]
    if denominator == P and varav_of is VaravOf.ENDED:
        denominator = A
    num = figures.lines.get(numerator)
    den = figures.lines.get(denominator) if denominator else None
    if num is None or (denominator and den is None):
        missing = numerator if num is None else denominator
        raise LinkProblem(f"{figures.unit} saknar rad {missing} på bladet Deltagare")
    return kind.participant_inputs(num, den, measure)


def _equivalent_inputs(kind: Kind, lines: Sequence[EquivalentLine], municipality: str, year: int | None
                       ) -> dict[str, Cell]:
    if not kind.takes_equivalents:
        able = " eller ".join(k.name for k in KINDS if k.takes_equivalents)
        raise LinkProblem(f"en indikator av typen {kind.name} kan inte hämta från Helårsekvivalenter "
                          f"(använd typen {able})")
    now, before = lookup(lines, municipality, year)
    if now is None or now.share is None:
        raise LinkProblem(f"kommunen {municipality} finns inte (med en uträknad andel) på bladet Helårsekvivalenter")
    if before is None or before.share is None:
        raise LinkProblem(f"{municipality} saknar föregående år ({(now.year or 0) - 1}) på bladet Helårsekvivalenter")
    # as percent, so that a share under 1 % is not read as a fraction (0,8 % stays 0,8 %)
    return {"Värde": Cell(Number(now.share, percent=True), now.where),
            "Jämförelsevärde": Cell(Number(before.share, percent=True), before.where)}


class Sources(NamedTuple):
    """What linked outcomes read: participant figures per unit, helårsekvivalenter, the year, case examples, and
    the denominator of the varav rows (the setting "Varav-rader i procent av")."""

    participants: Mapping[str, Figures] = MappingProxyType({})
    equivalents: tuple = ()
    year: int | None = None
    examples: tuple[CaseExample, ...] = ()
    varav_of: VaravOf = Settings.varav_of
    unreadable: Mapping[str, Issue] = MappingProxyType({})  # the tables there but not readable, by name

    def readable(self, table: Table) -> None:
        """Raises LinkProblem when the table a link reads is there but could not be read."""
        if table.name in self.unreadable:
            raise LinkProblem(f"{table.label} på bladet {table.sheet} kan inte läsas (se "
                              f"{self.unreadable[table.name].place} i Indataproblem), så inget hämtas därifrån")


def _example_inputs(kind: Kind, ver: Verification, examples: tuple[CaseExample, ...]) -> dict[str, Cell]:
    if not kind.takes_examples:
        able = " eller ".join(k.name for k in KINDS if k.takes_examples)
        raise LinkProblem(f"en indikator av typen {kind.name} kan inte räkna exempel (använd typen {able})")
    mine = [e for e in examples if e.indicator_no == ver.indicator_no and (not ver.unit or
                                                                         e.unit.casefold() == ver.unit.casefold())]
    return {"Värde": Cell(len(mine), mine[0].where if mine else EXAMPLES_TABLE.sheet)}


def resolve(ver: Verification, kind: Kind, sources: Sources) -> Verification | Issue:
    """The verification with its linked columns filled, or why the link leads nowhere (at the cell at fault)."""
    try:
        return _followed(ver, kind, sources)
    except LinkProblem as problem:
        return Issue(problem.place or ver.link_where, str(problem))


def _followed(ver: Verification, kind: Kind, sources: Sources) -> Verification:
    """``resolve``'s work; raises LinkProblem (here and in the kinds' ``participant_inputs``) where it stops."""
    link = " ".join(ver.link.split())
    participants, equivalents, year = sources.participants, sources.equivalents, sources.year
    if link.casefold() == EXAMPLES_LINK.casefold():
        sources.readable(EXAMPLES_TABLE)
        inputs = _example_inputs(kind, ver, sources.examples)
        source = Source(Origin.EXAMPLES, "Exempel")
    elif link.casefold().startswith(PARTICIPANTS_PREFIX.casefold()):
        measure = link[len(PARTICIPANTS_PREFIX):].strip().casefold()
        if measure not in PARTICIPANT_LINKS:
            raise LinkProblem(f"”{link}” finns inte; välj i listan")
        sources.readable(PARTICIPANTS_TABLE)
        unit = ver.unit or TOTAL_UNIT
        figures = find_unit(participants, unit)
        if figures is None:
            raise LinkProblem(f"enheten {unit} finns inte på bladet Deltagare")
        inputs = _participant_inputs(kind, figures, measure, sources.varav_of)
        source = Source(Origin.PARTICIPANTS, f"Deltagare ({figures.unit})")
    elif link.casefold().startswith(EQUIVALENTS_PREFIX.casefold()):
        sources.readable(EQUIVALENTS_TABLE)
        inputs = _equivalent_inputs(kind, equivalents, link[len(EQUIVALENTS_PREFIX):].strip(), year)
        source = Source(Origin.EQUIVALENTS, "Helårsekvivalenter")
    else:
        raise LinkProblem(f"”{link}” finns inte; välj i listan")
    typed = [c for c in inputs if not is_blank(ver.cells[c].value)]
    if typed:
        raise LinkProblem(f"{typed[0]} är ifylld fast raden hämtar från {source.label}; töm cellen eller Hämta från",
                          ver.cells[typed[0]].where)
    return ver._replace(cells={**ver.cells, **inputs}, source=source)
