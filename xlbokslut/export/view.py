"""One bokslut (the förbund's, or a unit's delbokslut) as the board reads it: the figures both the results
workbook and the summary print, computed once."""
from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from ..kinds import GenderBalance, GenderGap
from ..model import AreaResult, Evaluation, IndicatorResult
from ..kinds import PP_ONE, PP_UNIT, Kind
from ..participants import A, D, P, SHARE_OF, STUDIES, WORK, Figures, ParticipantTables, find_unit
from ..model import INPUT_ERROR, MISSING, NEAR, NOT_REACHED, REACHED, STATUSES
from ..schema import TOTAL_ROW, TOTAL_UNIT
from ..settings import Settings
from ..survey import too_few
from ..values import counted, fmt_num, fmt_signed, round_half_up, share
from ..yearly import CHANGED, NEW, LastYear, LastYearIndicator, arrow

NO_LAST = LastYearIndicator("", "")

HIGHLIGHTS = 3


class Ranked(NamedTuple):
    """An indicator's distance to its target: ``gap`` in its kind's unit (procentenheter, or % av målvärdet),
    ``margin`` the "Nära målet" margin in the same unit. Indicators of different kinds are ranked by
    ``relative``, the gap in margins, so that like is compared with like."""
    result: IndicatorResult
    gap: float
    margin: float | None

    @property
    def text(self) -> str:
        return _kind(self.result).gap_text(self.gap)

    @property
    def relative(self) -> float:
        return self.gap / self.margin if self.margin else self.gap

    @property
    def nearest_first(self) -> tuple[bool, float]:
        """Sort key among the unmet: Nära målet first, then the smallest gap in margins."""
        return self.result.outcome.status != NEAR, -self.relative


class FigureTable(NamedTuple):
    """One table of participant figures: rows of [category, Kvinnor, Män, Totalt, %, Föregående år]; the rows
    whose Föregående år is a percent; whether it is a background table (tblBakgrund)."""
    title: str
    rows: list[list]
    percent_rows: set[int]
    background: bool = False


class BoardView(NamedTuple):
    evaluation: Evaluation
    unit: str  # '' = the förbund
    areas: list[AreaResult]  # without the total row
    total: AreaResult
    indicators: list[IndicatorResult]
    ranked: list[Ranked]  # the indicators with a gap to their target (reached, near or not reached)

    @property
    def organisation(self) -> str:
        return self.evaluation.budget.settings.organisation

    @property
    def year(self) -> str:
        return self.evaluation.budget.settings.year

    @property
    def target(self) -> float:
        return self.evaluation.budget.settings.impact_target

    @property
    def title(self) -> str:
        name = self.organisation or "Socialt bokslut"
        part = f" – delbokslut {self.unit}" if self.unit else ""
        return f"{name}{part}"

    def measured(self, area: AreaResult | None = None) -> str:
        """What a unit's index rests on: ``60 % av vikten mätt, 20 indikatorer`` ('' for the förbund)."""
        area = area or self.total
        if not self.unit:
            return ""
        return f"{area.measured_weight or 0} % av vikten mätt, {counted(area.indicators, 'indikator', 'indikatorer')}"

    def index_text(self, area: AreaResult | None = None) -> str:
        """``80 (mål 70, +10)``, or for a unit without enough measured ``inget index (bara 6 % av vikten mätt,
        minst 50 %)``."""
        area = area or self.total
        if area.index is None or area.versus_target is None:
            if self.unit and not area.measured_weight:
                return f"inget index (inget är mätt för {self.unit})"
            if self.unit:
                least = round_half_up(100 * self.evaluation.budget.settings.unit_min_measured)
                return (f"inget index (bara {area.measured_weight or 0} % av vikten är mätt för {self.unit}, "
                        f"minst {least} % behövs)")
            return "inget index (inga impactpoäng)"
        return f"{area.index} (mål {fmt_num(self.target)}, {fmt_signed(area.versus_target)})"

    def headline(self) -> str:
        if self.total.index is None or self.total.versus_target is None:
            if self.unit:
                return f"IMPACTindex för {self.unit}: {self.index_text()}."
            return "IMPACTindex kan inte räknas ut: inga indikatorer med vikt."
        verdict = "nådde" if self.total.versus_target >= 0 else "nådde inte"
        measured = f" Indexet räknas över det som är mätt för enheten: {self.measured()}." if self.unit else ""
        return (f"IMPACTindex {self.total.index} mot målet {fmt_num(self.target)} "
                f"({fmt_signed(self.total.versus_target)}): {self.subject()} {verdict} sitt mål.{measured}")

    def subject(self) -> str:
        """Who reached its goal: the unit of a delbokslut; the förbund; or, for a plattform's own bokslut (an
        organisation that is not a förbund, such as Steget vidare), its name."""
        if self.unit:
            return self.unit
        if self.organisation and "förbund" not in self.organisation.casefold():
            return self.organisation
        return "förbundet"

    @property
    def last_year(self) -> LastYear | None:
        """Last year's results, or None."""
        last = self.evaluation.last_year
        return last if isinstance(last, LastYear) else None

    def last_index(self, area: AreaResult) -> int | None:
        return self.last_year.areas.get((area.unit, area.number)) if self.last_year else None

    def index_change(self, area: AreaResult) -> int | None:
        return self.last_year.index_change(area.unit, area.number, area.index) if self.last_year else None

    def last_year_sentence(self) -> str:
        """``Jämfört med 2020: IMPACTindex 70 mot 64 (▲ +6).`` ('' without last year's figures)."""
        before, change = self.last_index(self.total), self.index_change(self.total)
        if before is None or change is None or self.total.index is None or self.last_year is None:
            return ""
        when = self.last_year.year or "fjolåret"
        return f"Jämfört med {when}: IMPACTindex {self.total.index} mot {before} ({arrow(change)} {fmt_signed(change)})."

    def compared(self) -> dict[int, list[IndicatorResult]]:
        """The indicators that could be compared with last year, by change (+1 better, −1 worse, 0 same)."""
        out: dict[int, list[IndicatorResult]] = {1: [], -1: [], 0: []}
        for r in self.indicators:
            before = self.last_year.of(r) if self.last_year else None
            if before is not None and before.change is not None:
                out[before.change].append(r)
        return out

    def new_or_changed(self) -> list[IndicatorResult]:
        if not self.last_year:
            return []
        return [r for r in self.indicators if (self.last_year.of(r) or NO_LAST).status in (NEW, CHANGED)]

    def to_target(self) -> list[IndicatorResult]:
        """The unmet indicators with what it would have taken, the nearest first."""
        unmet = [x for x in self.ranked if x.gap < 0 and x.result.outcome.to_target]
        return [x.result for x in sorted(unmet, key=lambda x: x.nearest_first)]

    def counts(self) -> dict[str, int]:
        c = Counter(r.outcome.status for r in self.indicators)
        shown = [st for st in STATUSES if st != NEAR or self.evaluation.budget.settings.use_near or c.get(NEAR)]
        return {status: c.get(status, 0) for status in shown}  # no "Nära målet" in a two-colour bokslut

    def gains(self, n: int = HIGHLIGHTS) -> list[Ranked]:
        return sorted((x for x in self.ranked if x.gap > 0), key=lambda x: -x.relative)[:n]

    def shortfalls(self, n: int = HIGHLIGHTS) -> list[Ranked]:
        return sorted((x for x in self.ranked if x.gap < 0), key=lambda x: x.relative)[:n]

    def closest(self, n: int = HIGHLIGHTS) -> list[Ranked]:
        """Not reached, but nearest to the target."""
        return sorted((x for x in self.ranked if x.gap < 0), key=lambda x: x.nearest_first)[:n]

    def distance_note(self, listed: list[Ranked]) -> str:
        """What the distances in ``listed`` mean and how they were ranked, in one or two sentences ('' for
        none)."""
        if not listed:
            return ""
        settings = self.evaluation.budget.settings
        in_points = {_kind(x.result).near_in_points for x in listed}
        margins = ([f"{counted(settings.near_pp, PP_ONE, PP_UNIT, 1)} för andelar"]
                   if True in in_points and settings.near_pp > 0 else []) \
            + ([f"{fmt_num(settings.near_pct, 1)} % av målvärdet för övriga mål"]
               if False in in_points and settings.near_pct > 0 else [])
        said = "Avståndet står i varje måls egen enhet."
        if not margins:  # margins of 0: the distances are ranked as they stand
            return said
        yardstick = "gränsen för Nära målet" if settings.use_near else "en marginal"  # two colours: no Nära målet
        return f"{said} Olika slags mål jämförs genom att avståndet ställs mot {yardstick} ({', '.join(margins)})."

    def examples(self, number: str) -> list:
        """The written case examples of an indicator: the unit's own, or every one for the förbund."""
        return [e for e in self.evaluation.examples if e.indicator_no == number
                and (not self.unit or e.unit.casefold() == self.unit.casefold())]

    def data_problems(self) -> list[IndicatorResult]:
        return [r for r in self.indicators if r.outcome.status in (INPUT_ERROR, MISSING)]

    def figures(self) -> Figures | None:
        p = self.evaluation.participants
        if not isinstance(p, ParticipantTables) or not p.units:
            return None
        return find_unit(p.units, self.unit or TOTAL_UNIT)

    def participants_sentence(self) -> str:
        f = self.figures()
        if f is None or (participants := f.get(D)) is None:
            return ""
        text = f"{participants} deltagare under året."
        if (ended := f.get(A)) is not None and participants:
            text += f" {ended} avslutade insatsen (genomströmning {round_half_up(share(ended, participants))} %)"
            positive = f.lines.get(P)
            if positive is not None and positive.percent is not None:
                text += f", och {positive.percent} % av dem gick till en för individen positiv lösning"
                work, studies = f.lines.get(WORK), f.lines.get(STUDIES)
                if work and studies and work.percent is not None and studies.percent is not None:
                    text += (f": {work.percent} % av dem till arbete och {studies.percent} % till studier")
            text += "."
        return text

    def figure_tables(self) -> list[FigureTable]:
        """Deltagarna i siffror: the förbund's total first, then each unit (only the unit in a delbokslut),
        then the förbund's background tables."""
        ev = self.evaluation
        p = ev.participants
        if not isinstance(p, ParticipantTables) or not p.units:
            return []
        out = []
        wanted = [self.unit] if self.unit else sorted(p.units, key=lambda u: u.casefold() != TOTAL_UNIT.casefold())
        for unit in wanted:
            figures = p.units.get(unit)
            if figures is None:
                continue
            rows, percent_rows = [], set()
            for i, line in enumerate(sorted(figures.lines.values(), key=lambda line: line.row)):  # in the order typed
                varav = line.category.casefold().startswith("varav")
                label = ("   – " if varav else "") + line.category
                rows.append([label, line.counts.get("Kvinnor"), line.counts.get("Män"), line.total, line.percent,
                             line.previous])
                if line.number in SHARE_OF or (not line.number and varav):
                    percent_rows.add(i)
            whole = "Samordningsförbundet" if self.subject() == "förbundet" else self.subject()
            name = f"{whole} totalt" if unit.casefold() == TOTAL_UNIT.casefold() else unit
            out.append(FigureTable(name, rows, percent_rows))
        if isinstance(ev.background, ParticipantTables) and ev.background.lines and not self.unit:
            groups: dict[str, list] = {}
            for line in ev.background.lines:
                groups.setdefault(line.group, []).append(
                    [line.category, line.counts.get("Kvinnor"), line.counts.get("Män"), line.total, None, None])
            for name, rows in groups.items():
                rows.sort(key=lambda r: str(r[0]).casefold() in ("totalt", "summa", "slutsumma"))
                out.append(FigureTable(name, rows, set(), True))
        return out


def _kind(r: IndicatorResult) -> Kind:
    """The Typ of an indicator with a status from its outcome: one without a known Typ is Fel i indata."""
    assert r.indicator.kind is not None
    return r.indicator.kind


def _ranked(indicators: list[IndicatorResult], settings: Settings) -> list[Ranked]:
    out = []
    for r in indicators:
        if r.outcome.status in (REACHED, NEAR, NOT_REACHED):
            kind = _kind(r)
            gap = kind.gap(r.indicator.target, r.indicator.upper, r.outcome)
            if gap is not None:
                out.append(Ranked(r, gap, kind.gap_margin(r.indicator.target, settings)))
    return out


def _small_groups_hidden(ev: Evaluation) -> Evaluation:
    """``ev`` as the board may see it: a survey breakdown (a unit, a gender) of fewer answers than the setting
    Minsta grupp som redovisas shows "färre än N svar" instead of its figures, and no answer counts."""
    smallest = ev.budget.settings.smallest_group
    hidden = {key for key, counted in ev.surveys.items()
              if too_few(counted, key[1], smallest, isinstance(counted_kind(ev, key[0]), (GenderBalance, GenderGap)))}
    if not hidden:
        return ev
    text = f"färre än {smallest} svar"
    indicators = tuple(r._replace(outcome=r.outcome._replace(text=text, to_target="", basis=""))
                       if (r.indicator.number, r.unit) in hidden else r for r in ev.indicators)
    return ev._replace(indicators=indicators, surveys={k: v for k, v in ev.surveys.items() if k not in hidden})


def counted_kind(ev: Evaluation, number: str):
    return next((r.indicator.kind for r in ev.indicators if r.indicator.number == number), None)


def board_view(ev: Evaluation, unit: str = "") -> BoardView:
    ev = _small_groups_hidden(ev)
    rows = [a for a in ev.areas if a.unit == unit]
    indicators = [r for r in ev.indicators if r.unit == unit]
    return BoardView(ev, unit, [a for a in rows if a.number != TOTAL_ROW],
                     next(a for a in rows if a.number == TOTAL_ROW), indicators, _ranked(indicators, ev.budget.settings))
