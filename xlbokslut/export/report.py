"""The board's results workbook: values only, print-ready, readable without the input workbook.

Each sheet is built top to bottom as a layout (layout.SheetLayout) and written by ooxml.newbook: no
spreadsheet library, so a report takes milliseconds and the export per unit stays quick.
"""
from __future__ import annotations

from collections.abc import Sequence

from ..excel_rules import sheet_name
from ..layout import Chart, Grid, SheetLayout
from ..model import REACHED
from ..schema import in_order
from ..survey import answers_shown
from ..styles import CHANGE_FORMAT, LINE_HEIGHT, PERCENT_FORMAT, SIGNED_FORMAT, STATUS_SYMBOLS, line_count
from ..values import counted
from ..yearly import CHANGED, NEW
from .summary import summary_lines
from .view import BoardView


class _Sheet:
    """A worksheet being written top to bottom, as grids of cells (values only) and what its pages need."""

    def __init__(self, title: str, widths: Sequence[float], view: BoardView, taken: list[str], landscape: bool = True):
        self.name = sheet_name(title, taken)
        taken.append(self.name)
        self.widths, self.view, self.landscape = list(widths), view, landscape
        self.grids: list[Grid] = []
        self.merges: list[tuple] = []
        self.heights: dict[int, float] = {}
        self.breaks: list[int] = []
        self.charts: list[Chart] = []
        self.freeze: tuple[int, int] | None = None
        self.print_rows: tuple[int, int] | None = None
        self.row = 1

    def put(self, row: int, col: int, value, style: str = "plain", fmt: str | None = None, wrap: bool = False):
        self.grids.append(Grid(row, col, [[value]], [[style]], (fmt,), (wrap,)))

    def line(self, values: list, styles: list[str] | str = "plain", formats: dict[int, str] | None = None,
             wrap: bool = True) -> int:
        """Write one row; set its height from the longest wrapped text. Returns the row written."""
        styles = [styles] * len(values) if isinstance(styles, str) else styles
        formats = formats or {}
        self.grids.append(Grid(self.row, 1, [list(values)], [list(styles)],
                               tuple(formats.get(c) for c in range(1, len(values) + 1)), (wrap,) * len(values)))
        if wrap:
            lines = max((line_count(v, w) for v, w in zip(values, self.widths)
                         if v.__class__ is str and (len(v) > w or "\n" in v)), default=1)
            if lines > 1:
                self.heights[self.row] = LINE_HEIGHT * lines
        self.row += 1
        return self.row - 1

    def heading(self, text: str, style: str = "heading") -> None:
        self.put(self.row, 1, text, style)
        self.row += 1

    def skip(self, n: int = 1) -> None:
        self.row += n

    def merge(self, row: int, first: int, last: int) -> None:
        self.merges.append((row, first, row, last))

    def _fit_headers(self) -> None:
        """Widen a column where a header's longest word would be cut ("Max impactvärd"): bold text is about a
        tenth wider than the width's characters; a merged header may use its whole span."""
        spans = {(r, c): last for r, c, _, last in self.merges}
        for grid in self.grids:
            for row, col, value, style, _, _ in grid.cells():
                if style != "header" or not isinstance(value, str) or not value.strip():
                    continue
                last = spans.get((row, col), col)
                need = max(len(word) for word in value.split()) * 1.1 + 1
                have = sum(self.widths[col - 1:last])
                if need > have:
                    self.widths[last - 1] += need - have

    def layout(self) -> SheetLayout:
        self._fit_headers()
        header = " – ".join(x for x in (self.view.organisation, self.view.year) if x)
        self.grids.sort(key=lambda g: (g.row, g.col))
        return SheetLayout(self.name, self.grids, (), dict(enumerate(self.widths, start=1)), self.heights, False,
                           self.landscape, tuple(self.merges), self.freeze, self.print_rows, header,
                           ("Socialt bokslut", "Sida &P av &N"), tuple(self.breaks), tuple(self.charts))


def _status(status: str) -> str:
    return f"{STATUS_SYMBOLS[status]} {status}"


def _summary_sheet(view: BoardView, taken: list[str]) -> SheetLayout:
    s = _Sheet("Sammanfattning", [6, 38, 10, 10, 9, 11, 11, 11, 10, 13, 8, 9, 10, 12], view, taken)
    year = f" {view.year}" if view.year else ""
    s.heading(f"Socialt bokslut{year}", "title")
    s.heading(view.title, "heading")
    s.skip()
    versus = view.total.versus_target
    s.heights[s.row + 1] = 50
    big = [(1, "IMPACTindex", view.total.index if view.total.index is not None else "–", "big", None),
           (4, "Mål", view.target, "big_small", None),
           (6, "Mot mål", versus, "big_good" if (versus or 0) >= 0 else "big_bad", SIGNED_FORMAT)]
    before, change = view.last_index(view.total), view.index_change(view.total)
    if before is not None and view.last_year is not None:
        big += [(8, f"Fjolår {view.last_year.year}".strip(), before, "big_small", None),
                (10, "Förändring", change if change is not None else "–",
                 "big_good" if (change or 0) >= 0 else "big_bad", CHANGE_FORMAT)]
    for col, label, value, style, fmt in big:
        s.put(s.row, col, label, "heading" if col == 1 else "label")
        s.put(s.row + 1, col, value, style, fmt)
    for row in (s.row, s.row + 1):
        s.merge(row, 1, 2)
    s.skip(2)
    s.line([view.headline()], "plain", wrap=False)
    s.skip()

    s.heading("Målområden")
    last_year = f"Fjolår {view.last_year.year}".strip() if view.last_year else None
    formats = {"Målvikt": PERCENT_FORMAT, "Faktisk vikt": PERCENT_FORMAT, "Andel uppnådda": PERCENT_FORMAT,
               "Mot mål": SIGNED_FORMAT, "Förändring": CHANGE_FORMAT}
    weight = "Mätt vikt" if view.unit else "Faktisk vikt"  # a unit's weight check is the förbund's
    formats[weight] = formats.pop("Faktisk vikt")
    headers = ["Nr", "Målområde", "Målvikt", weight, "Antal mål", "Antal indikatorer", "Max impactvärde",
               "Uppnått impactvärde", "Andel uppnådda", "IMPACTindex", "Mål", "Mot mål",
               *([last_year, "Förändring"] if last_year else [])]
    first = s.line(headers, "header")
    for a in view.areas + [view.total]:
        values = {"Nr": a.number, "Målområde": a.name if a is not view.total else "", "Målvikt": a.target_weight,
                  weight: a.measured_weight if view.unit else a.actual_weight, "Antal mål": a.goals,
                  "Antal indikatorer": a.indicators,
                  "Max impactvärde": a.max_points, "Uppnått impactvärde": a.points, "Andel uppnådda": a.reached_share,
                  "IMPACTindex": a.index, "Mål": view.target, "Mot mål": a.versus_target}
        if last_year:
            values |= {last_year: view.last_index(a), "Förändring": view.index_change(a)}
        s.line(in_order(headers, values, "Målområden"), "total" if a is view.total else "plain",
               {headers.index(h) + 1: fmt for h, fmt in formats.items() if h in headers})
    last_area = s.row - 2
    s.skip()

    s.heading("Indikatorer per status")
    chart_row = s.row
    counts = view.counts()
    for status in counts:
        s.line([_status(status), None, counts[status]], [f"status:{status}", f"status:{status}", "plain"], wrap=False)
        s.merge(s.row - 1, 1, 2)
    _chart(s, first, last_area, chart_row - 1, [headers.index(h) + 1 for h in ("IMPACTindex", last_year) if h],
           headers.index("Mål") + 1)
    s.row = max(s.row, chart_row + 16)
    s.breaks.append(s.row)
    s.skip()

    highlights = (("Närmast målet (ej uppnådda)", view.closest(), "Till målet"),
                  ("Längst under målet", view.shortfalls(), "Avstånd till målet"),
                  ("Största marginalen över målet", view.gains(), "Avstånd till målet"))
    for title, items, column in highlights:
        if not items:
            continue
        s.heading(title)
        s.line(["Indikator", None, "Utfall", None, None, None, "Mål", None, None, column], "header",
               wrap=False)
        _merge_highlight(s, s.row - 1)
        for r in items:
            ind, status = r.result.indicator, r.result.outcome.status
            distance = (r.result.outcome.to_target or r.text) if column == "Till målet" else r.text
            s.line([f"{ind.number} {ind.text}", None, r.result.outcome.text, None, None, None, r.result.target_text,
                    None, None, distance], ["plain"] * 9 + [f"status:{status}"])
            _merge_highlight(s, s.row - 1)
            s.heights[s.row - 1] = LINE_HEIGHT * line_count(ind.text, 48 / 1.15)
        s.skip()
    note = view.distance_note([x for _, items, _ in highlights for x in items])
    if note:
        row = s.line([note], wrap=True)
        s.merge(row, 1, len(headers))
        s.heights[row] = LINE_HEIGHT * line_count(note, sum(s.widths[:len(headers)]) / 1.15)
        s.skip()

    s.heading("Sammanfattning i text")
    for kind, text in summary_lines(view)[2:]:
        if text == note:  # said under the highlights above
            continue
        if kind == "heading":
            s.heading(text, "label")
        else:
            row = s.line([("• " if kind == "item" else "") + text], wrap=True)
            s.merge(row, 1, len(headers))
            s.heights[row] = LINE_HEIGHT * line_count(text, sum(s.widths[:len(headers)]) / 1.15)
    return s.layout()


def _merge_highlight(s: _Sheet, row: int) -> None:
    for first, last in ((1, 2), (3, 6), (7, 9), (10, 12)):
        s.merge(row, first, last)


def _chart(s: _Sheet, header_row: int, last_row: int, anchor_row: int, bar_columns: list[int],
           target_column: int) -> None:
    """The index per area as columns (``bar_columns``: this year's, then last year's) under the target
    (``target_column``) as a line; the categories are the area names (the second column), not their numbers."""
    if last_row <= header_row:
        return
    bars = tuple(((header_row, col), (header_row + 1, col, last_row, col)) for col in bar_columns)
    s.charts.append(Chart((anchor_row, 5, anchor_row + 14, 12), "IMPACTindex per målområde",
                          (header_row + 1, 2, last_row, 2), bars,
                          (((header_row, target_column), (header_row + 1, target_column, last_row, target_column)),),
                          ("4472C4", "A5A5A5")[:len(bars)] + ("C00000",), 0, 100, "Index", "Målområde"))


def _area_sheets(view: BoardView, taken: list[str]) -> list[SheetLayout]:
    sheets = []
    last = view.last_year
    for area in view.areas:
        widths = [34, 48, 16, 34, 15] + ([26] if last else []) + [9]
        s = _Sheet(f"{area.number} {area.name}", widths, view, taken)
        s.heading(f"Målområde {area.number} • {area.name.upper()}", "title")
        index = f"IMPACTindex {view.index_text(area)}"
        if view.unit and area.index is not None:
            index += f", {area.measured_weight} % av vikten mätt"
        s.heading(f"{index} · {area.points:g} av {area.max_points:g} impactpoäng · {counted(area.indicators, 'indikator', 'indikatorer')}, "
                  f"{area.reached_share if area.reached_share is not None else 0} % uppnådda", "subtitle")
        s.skip()
        before_header = [f"FJOLÅR {last.year}".strip()] if last else []
        header = s.line(["SOCIALT MÅL", "INDIKATOR", "MÅL", "RESULTAT", "STATUS", *before_header, "POÄNG"], "header")
        small = False
        s.print_rows, s.freeze = (header, header), (header + 1, 1)
        previous_goal = None
        members = [r for r in view.indicators if r.indicator.area == area.number]
        if not members:
            s.line(["Inga indikatorer i målområdet."])
        for r in members:
            ind, o = r.indicator, r.outcome
            goal = f"{ind.goal_no} {ind.goal}" if (ind.goal_no, ind.goal) != previous_goal else None
            previous_goal = (ind.goal_no, ind.goal)
            points = f"{r.points:g} av {r.max_points}" if r.max_points else "–"
            result = o.text or (o.note if o.status != REACHED else "")
            if o.small:
                result, small = f"{result} {SMALL_MARK}", True
            if o.to_target:
                result += f"\nTill målet: {o.to_target}"
            before = [_last_year_cell(last.of(r))] if last else []
            row = s.line([goal, f"{ind.number} {ind.text}", r.target_text, result, _status(o.status), *before, points],
                         ["goal", "plain", "plain", "plain", f"status:{o.status}", *(["plain"] if last else []),
                          "plain"])
            if goal:  # bold text runs wider than the estimate for plain text
                s.heights[row] = max(s.heights.get(row, LINE_HEIGHT), LINE_HEIGHT * line_count(goal, widths[0] * 0.85))
            survey = view.evaluation.surveys.get((ind.number, r.unit))
            if survey is not None:  # the question and how many gave each answer, as the reports print them
                spread = answers_shown(survey.distribution, " · ")
                row = s.line([None, f"Fråga: ”{survey.header}”", f"Svaren: {spread}"], ["plain", "example", "example"])
                s.merge(row, 3, len(widths))
                s.heights[row] = LINE_HEIGHT * max(line_count(spread, sum(s.widths[2:])),
                                                   line_count(f"Fråga: ”{survey.header}”", s.widths[1]))
            for example in view.examples(ind.number):  # written examples under their indicator, as the reports
                row = s.line([None, f"Exempel: {example.title}" if example.title else "Exempel", example.text],
                             ["plain", "example", "example"])
                s.merge(row, 3, len(widths))
                s.heights[row] = LINE_HEIGHT * max(line_count(example.text, sum(s.widths[2:])),
                                                   line_count(example.title, s.widths[1]))
        if small:
            s.skip()
            row = s.line([f"{SMALL_MARK} {SMALL_NOTE.format(view.evaluation.budget.settings.small_base)}"],
                         "subtitle", wrap=False)
            s.merge(row, 1, len(widths))
        sheets.append(s.layout())
    return sheets


SMALL_MARK = "*"
SMALL_NOTE = ("Färre än {} svar: ett enstaka svar flyttar andelen flera procentenheter, så resultatet är osäkert "
              "(säkerhetsintervallet står under Underlag på arbetsbokens blad Resultat).")


def _last_year_cell(before) -> str | None:
    """Last year's result and status in one cell (``75 % (70 av 93)`` over ``○ Ej uppnått``), or nytt/ändrad."""
    if before is None:
        return None
    if before.status == NEW:
        return "Ny indikator i år"
    if before.status == CHANGED:
        return "Ändrad sedan fjolåret"
    status = _status(before.status) if before.status in STATUS_SYMBOLS else before.status
    return f"{before.text}\n{status}" if before.text else status



def _figure_table(s: _Sheet, title: str, rows: list[list], percent_rows: set[int]) -> None:
    s.heading(title, "label")
    headers = ["", "Kvinnor", "Män", "Totalt", "%", "Föregående år"]
    share, before = headers.index("%") + 1, headers.index("Föregående år") + 1
    s.line(headers, "header", wrap=False)
    for i, values in enumerate(rows):
        formats = {share: PERCENT_FORMAT, **({before: PERCENT_FORMAT} if i in percent_rows else {})}
        s.line(values, "total" if i == len(rows) - 1 and values[0] == "Totalt" else "plain", formats)
    s.skip()


def _participants_sheet(view: BoardView, taken: list[str]) -> SheetLayout | None:
    tables = view.figure_tables()
    if not tables:
        return None
    s = _Sheet("Deltagarna i siffror", [50, 10, 10, 10, 8, 14], view, taken, landscape=False)
    s.heading("Deltagarna i siffror", "title")
    s.skip()
    background = False
    for table in tables:
        if table.background and not background:
            s.heading("Deltagarnas bakgrund", "heading")
            background = True
        _figure_table(s, table.title, table.rows, table.percent_rows)
    return s.layout()


def _verifications_sheet(view: BoardView, taken: list[str]) -> SheetLayout:
    s = _Sheet("Verifikationer", [12, 60, 14, 34, 16, 44], view, taken)
    s.heading("Verifikationer", "title")
    s.heading("Var beviset för varje utfall finns, för revisorerna.", "subtitle")
    s.skip()
    header = s.line(["Indikator", "Text", "Enhet", "Utfall", "Status", "Verifikation"], "header")
    s.print_rows, s.freeze = (header, header), (header + 1, 1)
    for r in view.indicators:
        ver = r.verification
        reference = ver.reference if ver else ""
        if ver and ver.link:
            reference = f"{reference} (hämtat: {ver.link})".strip()
        s.line([r.indicator.number, r.indicator.text, r.unit or "Förbundet", r.outcome.text or r.outcome.note or None,
                _status(r.outcome.status), reference or "–"],
               ["plain", "plain", "plain", "plain", f"status:{r.outcome.status}", "plain"])
    return s.layout()


def build_report(view: BoardView) -> list[SheetLayout]:
    """The report's sheets: the summary, one per area, the participants, the verifications."""
    taken: list[str] = []
    sheets = [_summary_sheet(view, taken), *_area_sheets(view, taken)]
    participants = _participants_sheet(view, taken)
    return sheets + ([participants] if participants else []) + [_verifications_sheet(view, taken)]
