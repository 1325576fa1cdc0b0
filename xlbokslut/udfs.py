"""Worksheet functions for Excel on Windows (xlwings UDFs), with the same rules as the rest of xlbokslut.

Import them with xlwings' "Import Functions" (UDF module: ``xlbokslut.udfs``). Excel function names cannot
contain a dot when they are defined in VBA, so they are BOKSLUT_STATUS, BOKSLUT_ANDEL and IMPACTINDEX.
Off Windows the decorators change nothing, so the functions are plain Python and tested as such.
"""
from __future__ import annotations

import xlwings as xw

from .evaluate import single
from .schema import NEAR, REACHED, find_kind
from .values import ValueProblem, parse_count, parse_percent, round_half_up, share

CATEGORY = "Socialt bokslut"


def _flat(values) -> list:
    if not isinstance(values, (list, tuple)):
        return [values]
    return [v for item in values for v in _flat(item)]


@xw.func(category=CATEGORY)
@xw.arg("typ", doc="Indikatorns typ, t.ex. ”Andel minst” (samma som kolumnen Typ i Budget).")
@xw.arg("malvarde", doc="Målvärdet, t.ex. 80 eller 80 %. Tomt för Ja/Nej.")
@xw.arg("utfall1", doc="Första utfallet i typens ordning: Täljare, Värde eller Kvinnor.")
@xw.arg("utfall2", doc="Andra: Nämnare, Jämförelsevärde, Män eller Kvinnor av.")
@xw.arg("utfall3", doc="Tredje (Könsskillnad högst): Män.")
@xw.arg("utfall4", doc="Fjärde (Könsskillnad högst): Män av.")
@xw.arg("ovre_grans", doc="Övre gräns för Könsfördelning (standard 100 − målvärdet).")
def BOKSLUT_STATUS(typ, malvarde=None, utfall1=None, utfall2=None, utfall3=None, utfall4=None, ovre_grans=None):
    """Indikatorns status: Uppnått, Nära målet, Ej uppnått, Mätning saknas eller Fel i indata (standardmarginaler)."""
    kind = find_kind(str(typ or ""))
    if kind is None:
        return f"Fel i indata: typen ”{typ}” finns inte"
    try:
        parse = parse_percent if kind.percent_target else (lambda raw: None if raw in (None, "") else float(raw))
        target, upper = parse(malvarde), parse_percent(ovre_grans) if ovre_grans not in (None, "") else None
    except (ValueProblem, ValueError) as problem:
        return f"Fel i indata: målvärdet: {problem}"
    if kind.name == "Könsfördelning" and target is not None and upper is None:
        upper = 100 - target
    inputs = dict(zip(kind.reads, (utfall1, utfall2, utfall3, utfall4)))
    if kind.name == "Medelvärde minst" and utfall2 not in (None, ""):
        inputs["Nämnare"] = utfall2
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
