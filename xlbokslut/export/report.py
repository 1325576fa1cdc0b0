"""The board's results workbook: values only, print-ready, readable without the input workbook."""
from __future__ import annotations

import math
import re

from ..model import REACHED, STATUSES, column_letter
from ..openpyxl_book import Styler, print_setup, put_cell
from ..participants import PARTICIPANT_CATEGORIES, SHARE_OF
from ..schema import TOTAL_UNIT
from ..styles import PERCENT_FORMAT, SIGNED_FORMAT, STATUS_SYMBOLS
from ..values import fmt_num, fmt_signed
from .summary import summary_lines
from .view import BoardView


class _Sheet:
    """A worksheet being written top to bottom; every value goes through ``put`` (values only)."""

    def __init__(self, book, title: str, widths: list[float], styler: Styler, view: BoardView,
                 landscape: bool = True):
        self.ws = book.create_sheet(_sheet_name(title, book.sheetnames))
        self.styler, self.widths = styler, widths
        for col, width in enumerate(widths, start=1):
            self.ws.column_dimensions[column_letter(col)].width = width
        print_setup(self.ws, landscape)
        header = " – ".join(x for x in (view.organisation, view.year) if x)
        self.ws.oddHeader.center.text = header.replace("&", "&&")
        self.ws.oddFooter.right.text = "Sida &P av &N"
        self.ws.oddFooter.left.text = "Socialt bokslut"
        self.row = 1

    def put(self, row: int, col: int, value, style: str = "plain", fmt: str | None = None, wrap: bool = False):
        return put_cell(self.ws, row, col, value, self.styler, style, fmt, wrap)

    def line(self, values: list, styles: list[str] | str = "plain", formats: dict[int, str] | None = None,
             wrap: bool = True) -> int:
        """Write one row; set its height from the longest wrapped text. Returns the row written."""
        styles = [styles] * len(values) if isinstance(styles, str) else styles
        lines = 1
        for col, (value, style) in enumerate(zip(values, styles), start=1):
            self.put(self.row, col, value, style, (formats or {}).get(col), wrap)
            if wrap and isinstance(value, str) and col <= len(self.widths):
                lines = max(lines, math.ceil(len(value) / (max(self.widths[col - 1], 1) * 1.15)))
        if lines > 1:
            self.ws.row_dimensions[self.row].height = 15 * lines
        self.row += 1
        return self.row - 1

    def heading(self, text: str, style: str = "heading") -> None:
        self.put(self.row, 1, text, style)
        self.row += 1

    def skip(self, n: int = 1) -> None:
        self.row += n


def _sheet_name(title: str, taken: list[str]) -> str:
    name = re.sub(r"[\[\]:*?/\\]", "-", title)[:31].strip()
    base, n = name, 2
    while name in taken:
        name = f"{base[:28]} {n}"
        n += 1
    return name


def _status(status: str) -> str:
    return f"{STATUS_SYMBOLS[status]} {status}"


def _summary_sheet(book, view: BoardView, styler: Styler) -> None:
    s = _Sheet(book, "Sammanfattning", [6, 38, 10, 10, 9, 11, 11, 11, 10, 13, 8, 9], styler, view)
    year = f" {view.year}" if view.year else ""
    s.heading(f"Socialt bokslut{year}", "title")
    s.heading(view.title, "heading")
    s.skip()
    from openpyxl.styles import Alignment

    versus = view.total.versus_target
    s.ws.row_dimensions[s.row + 1].height = 50
    for col, label, value, style, fmt in (
            (1, "IMPACTindex", view.total.index if view.total.index is not None else "–", "big", None),
            (4, "Mål", view.target, "big_small", None),
            (6, "Mot mål", versus, "big_good" if (versus or 0) >= 0 else "big_bad", SIGNED_FORMAT)):
        s.put(s.row, col, label, "heading" if col == 1 else "label")
        s.put(s.row + 1, col, value, style, fmt).alignment = Alignment(horizontal="left", vertical="bottom")
    for row in (s.row, s.row + 1):
        s.ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
    s.skip(2)
    s.line([view.headline()], "plain", wrap=False)
    s.skip()

    s.heading("Målområden")
    headers = ["Nr", "Målområde", "Målvikt", "Faktisk vikt", "Antal mål", "Antal indikatorer", "Max impactvärde",
               "Uppnått impactvärde", "Andel uppnådda", "IMPACTindex", "Mål", "Mot mål"]
    first = s.line(headers, "header")
    s.ws.print_title_rows = None
    formats = {3: PERCENT_FORMAT, 4: PERCENT_FORMAT, 9: PERCENT_FORMAT, 12: SIGNED_FORMAT}
    for a in view.areas + [view.total]:
        style = "total" if a is view.total else "plain"
        s.line([a.number, a.name if a is not view.total else "", a.target_weight, a.actual_weight,
                a.goals, a.indicators, a.max_points, a.points, a.reached_share, a.index, view.target,
                a.versus_target], style, formats)
    last_area = s.row - 2
    s.skip()

    s.heading("Indikatorer per status")
    chart_row = s.row
    counts = view.counts()
    for status in STATUSES:
        s.line([_status(status), None, counts[status]], [f"status:{status}", f"status:{status}", "plain"], wrap=False)
        s.ws.merge_cells(start_row=s.row - 1, start_column=1, end_row=s.row - 1, end_column=2)
    _chart(s, first, last_area, f"E{chart_row - 1}")
    s.row = max(s.row, chart_row + 16)
    from openpyxl.worksheet.pagebreak import Break

    s.ws.row_breaks.append(Break(id=s.row))
    s.skip()

    for title, items in (("Närmast målet (ej uppnådda)", view.closest()), ("Längst under målet", view.shortfalls()),
                         ("Störst marginal över målet", view.gains())):
        if not items:
            continue
        s.heading(title)
        s.line(["Indikator", None, "Utfall", None, None, None, "Mål", None, None, "Avstånd till målet"], "header",
               wrap=False)
        _merge_highlight(s, s.row - 1)
        for r in items:
            ind, status = r.result.indicator, r.result.outcome.status
            s.line([f"{ind.number} {ind.text}", None, r.result.outcome.text, None, None, None, r.result.target_text,
                    None, None, r.text], ["plain"] * 9 + [f"status:{status}"])
            _merge_highlight(s, s.row - 1)
            s.ws.row_dimensions[s.row - 1].height = 15 * max(1, math.ceil(len(ind.text) / 48))
        s.skip()

    s.heading("Sammanfattning i text")
    for kind, text in summary_lines(view)[2:]:
        if kind == "heading":
            s.heading(text, "label")
        else:
            row = s.line([("• " if kind == "item" else "") + text], wrap=True)
            s.ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(headers))
            s.ws.row_dimensions[row].height = 15 * max(1, math.ceil(len(text) / 130))


def _merge_highlight(s: _Sheet, row: int) -> None:
    for first, last in ((1, 2), (3, 6), (7, 9), (10, 12)):
        s.ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)


def _chart(s: _Sheet, header_row: int, last_row: int, anchor: str) -> None:
    from openpyxl.chart import BarChart, LineChart, Reference

    if last_row <= header_row:
        return
    bar = BarChart()
    bar.type, bar.style = "col", 10
    bar.title = "IMPACTindex per målområde"
    bar.y_axis.scaling.min, bar.y_axis.scaling.max = 0, 100
    bar.y_axis.title = "Index"
    bar.x_axis.title = "Målområde"
    bar.add_data(Reference(s.ws, min_col=10, min_row=header_row, max_row=last_row), titles_from_data=True)
    bar.set_categories(Reference(s.ws, min_col=1, min_row=header_row + 1, max_row=last_row))
    target = LineChart()
    target.add_data(Reference(s.ws, min_col=11, min_row=header_row, max_row=last_row), titles_from_data=True)
    target.series[0].graphicalProperties.line.solidFill = "C00000"
    target.series[0].graphicalProperties.line.width = 28000
    bar += target
    bar.height, bar.width = 7.5, 17
    bar.legend.position = "b"
    s.ws.add_chart(bar, anchor)


def _area_sheets(book, view: BoardView, styler: Styler) -> None:
    for area in view.areas:
        s = _Sheet(book, f"{area.number} {area.name}", [38, 52, 18, 34, 16, 10], styler, view)
        s.heading(f"Målområde {area.number} • {area.name.upper()}", "title")
        index = "inget index" if area.index is None else \
            f"IMPACTindex {area.index} (mål {fmt_num(view.target)}, {fmt_signed(area.versus_target)})"
        s.heading(f"{index} · {area.points:g} av {area.max_points:g} impactpoäng · {area.indicators} indikatorer, "
                  f"{area.reached_share if area.reached_share is not None else 0} % uppnådda", "subtitle")
        s.skip()
        header = s.line(["SOCIALT MÅL", "INDIKATOR", "MÅL", "RESULTAT", "STATUS", "POÄNG"], "header")
        s.ws.print_title_rows = f"{header}:{header}"
        s.ws.freeze_panes = f"A{header + 1}"
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
            s.line([goal, f"{ind.number} {ind.text}", r.target_text, result, _status(o.status), points],
                   ["goal", "plain", "plain", "plain", f"status:{o.status}", "plain"])


def _figure_table(s: _Sheet, title: str, rows: list[list], percent_rows: set[int]) -> None:
    s.heading(title, "label")
    s.line(["", "Kvinnor", "Män", "Totalt", "%", "Föregående år"], "header", wrap=False)
    for i, values in enumerate(rows):
        formats = {5: PERCENT_FORMAT, **({6: PERCENT_FORMAT} if i in percent_rows else {})}
        s.line(values, "total" if i == len(rows) - 1 and values[0] == "Totalt" else "plain", formats)
    s.skip()


def _participants_sheet(book, view: BoardView, styler: Styler) -> None:
    ev = view.evaluation
    p = ev.participants
    if not p or not p.units:
        return
    s = _Sheet(book, "Deltagarna i siffror", [50, 10, 10, 10, 8, 14], styler, view, landscape=False)
    s.heading("Deltagarna i siffror", "title")
    s.skip()
    wanted = [view.unit] if view.unit else sorted(p.units, key=lambda u: u.casefold() != TOTAL_UNIT.casefold())
    for unit in wanted:
        figures = p.units.get(unit)
        if figures is None:
            continue
        rows = []
        for number, category in enumerate(PARTICIPANT_CATEGORIES, start=1):
            line = figures.lines.get(number)
            if line is None:
                continue
            label = ("   – " if category.startswith("varav") else "") + category
            rows.append([label, line.counts.get("Kvinnor"), line.counts.get("Män"), line.total, line.percent,
                         line.previous])
        percent_rows = {i for i, number in enumerate(sorted(figures.lines)) if number in SHARE_OF}
        name = "Samordningsförbundet totalt" if unit.casefold() == TOTAL_UNIT.casefold() else unit
        _figure_table(s, name, rows, percent_rows)
    if ev.background and ev.background.lines and not view.unit:
        s.heading("Deltagarnas bakgrund", "heading")
        groups: dict[str, list] = {}
        for line in ev.background.lines:
            groups.setdefault(line.group, []).append(
                [line.category, line.counts.get("Kvinnor"), line.counts.get("Män"), line.total, None, None])
        for name, rows in groups.items():
            rows.sort(key=lambda r: str(r[0]).casefold() in ("totalt", "summa", "slutsumma"))
            _figure_table(s, name, rows, set())


def _verifications_sheet(book, view: BoardView, styler: Styler) -> None:
    s = _Sheet(book, "Verifikationer", [12, 60, 14, 34, 16, 44], styler, view)
    s.heading("Verifikationer", "title")
    s.heading("Var beviset för varje utfall finns, för revisorerna.", "subtitle")
    s.skip()
    header = s.line(["Indikator", "Text", "Enhet", "Utfall", "Status", "Verifikation"], "header")
    s.ws.print_title_rows = f"{header}:{header}"
    s.ws.freeze_panes = f"A{header + 1}"
    for r in view.indicators:
        ver = r.verification
        reference = ver.reference if ver else ""
        if ver and ver.link:
            reference = f"{reference} (hämtat: {ver.link})".strip()
        s.line([r.indicator.number, r.indicator.text, r.unit or "Förbundet", r.outcome.text or r.outcome.note or None,
                _status(r.outcome.status), reference or "–"],
               ["plain", "plain", "plain", "plain", f"status:{r.outcome.status}", "plain"])


def build_report(view: BoardView):
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    styler = Styler(book)
    _summary_sheet(book, view, styler)
    _area_sheets(book, view, styler)
    _participants_sheet(book, view, styler)
    _verifications_sheet(book, view, styler)
    book.active = 0
    return book

