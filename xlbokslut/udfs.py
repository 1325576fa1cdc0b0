"""Worksheet functions for Excel on Windows (xlwings UDFs), with the same rules as the rest of xlbokslut.

Import them with xlwings' "Import Functions" (UDF module: ``xlbokslut.udfs``). Excel function names cannot
contain a dot when they are defined in VBA, so they are BOKSLUT_STATUS, BOKSLUT_ANDEL and IMPACTINDEX.
Off Windows the decorators change nothing, so the functions are plain Python and tested as such.
"""
from __future__ import annotations

import xlwings as xw

from .evaluate import single
from .model import NEAR, REACHED, Cell
from .schema import GENDER_BALANCE, GENDER_GAP, SHARE_AT_LEAST, YES_NO, find_kind
from .values import ValueProblem, parse_count, round_half_up, share

CATEGORY = "Socialt bokslut"


def _flat(values) -> list:
    if not isinstance(values, (list, tuple)):
        return [values]
    return [v for item in values for v in _flat(item)]


@xw.func(category=CATEGORY)
@xw.arg("typ", doc=f"Indikatorns typ, t.ex. ”{SHARE_AT_LEAST.name}” (samma som kolumnen Typ i Budget).")
@xw.arg("malvarde", doc=f"Målvärdet, t.ex. 80 eller 80 %. Tomt för {YES_NO.name}.")
@xw.arg("utfall1", doc="Första utfallet i typens ordning: Täljare, Värde eller Kvinnor.")
@xw.arg("utfall2", doc="Andra: Nämnare, Jämförelsevärde, Män eller Kvinnor av.")
@xw.arg("utfall3", doc=f"Tredje ({GENDER_GAP.name}): Män.")
@xw.arg("utfall4", doc=f"Fjärde ({GENDER_GAP.name}): Män av.")
@xw.arg("ovre_grans", doc=f"Övre gräns för {GENDER_BALANCE.name} (standard 100 − målvärdet).")
def BOKSLUT_STATUS(typ, malvarde=None, utfall1=None, utfall2=None, utfall3=None, utfall4=None, ovre_grans=None):
    """Indikatorns status: Uppnått, Nära målet, Ej uppnått, Mätning saknas eller Fel i indata (standardmarginaler)."""
    kind = find_kind(str(typ or ""))
    if kind is None:
        return f"Fel i indata: typen ”{typ}” finns inte"
    target, upper, problems = kind.read_target(Cell(malvarde, "målvärdet"), Cell(ovre_grans, "övre gränsen"))
    if problems:
        return f"Fel i indata: {problems[0]}"
    inputs = dict(zip(kind.reads + kind.optional, (utfall1, utfall2, utfall3, utfall4)))
    return single(kind.name, target, inputs, upper).status


@xw.func(category=CATEGORY)
@xw.arg("n", doc="Antal som svarat positivt (täljaren).")
@xw.arg("antal", doc="Antal som svarat (nämnaren).")
def BOKSLUT_ANDEL(n, antal):
    """Andelen n av antal i hela procent, avrundat uppåt vid ,5 (som i bokslutet: 62,5 % blir 63)."""
    try:
        n, total = parse_count(n), parse_count(antal)
    except ValueProblem as problem:
        return f"Fel: {problem}"
    if n is None or total is None:
        return "Fel: både n och antal behövs"
    if total == 0 or n > total:
        return "Fel: antalet är 0" if total == 0 else f"Fel: {n} är större än {total}"
    return round_half_up(share(n, total))


@xw.func(category=CATEGORY)
@xw.arg("vikter", doc="Indikatorernas vikter (impactpoäng), ett område.")
@xw.arg("statusar", doc="Indikatorernas status, lika många celler som vikterna.")
@xw.arg("poang_nara", doc="Andel av vikten som Nära målet ger, 0–1 (standard 0).")
def IMPACTINDEX(vikter, statusar, poang_nara=0):
    """IMPACTindex: 100 × summan av vikterna för uppnådda indikatorer / summan av alla vikter, avrundat."""
    weights, statuses = _flat(vikter), _flat(statusar)
    if len(weights) != len(statuses):
        return "Fel: vikter och statusar måste vara lika många"
    total = earned = 0.0
    for weight, status in zip(weights, statuses):
        if weight in (None, ""):
            continue
        w = float(weight)
        total += w
        if status == REACHED:
            earned += w
        elif status == NEAR:
            earned += w * float(poang_nara or 0)
    if not total:
        return "Fel: summan av vikterna är 0"
    return round_half_up(100 * earned / total)
