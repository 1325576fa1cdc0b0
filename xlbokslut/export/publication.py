"""The published bokslut as a sequence of blocks (headings, paragraphs, lists, tables, figures), built once from
the board's view; the Word document (word.py) and the web page (webpage.py) each render the same blocks, so
both print the same figures."""
from __future__ import annotations

from typing import NamedTuple

from ..model import REACHED
from ..styles import STATUS_SYMBOLS
from ..survey import answers_shown
from ..values import counted, fmt_num, fmt_signed
from ..yearly import CHANGED, NEW, arrow
from .charts import index_chart
from .summary import summary_lines
from .view import BoardView


class Status(NamedTuple):
    """A status, shown as symbol and word (and coloured: never colour alone)."""
    status: str

    @property
    def text(self) -> str:
        symbol = STATUS_SYMBOLS.get(self.status)
        return f"{symbol}{NBSP}{self.status}" if symbol else self.status  # a long status may wrap between words


NBSP = "\u00a0"  # keeps "● Ej uppnått" and "3 av 4" on one line
Part = str | Status
Cell = tuple[Part, ...]  # the lines of one table cell


class Heading(NamedTuple):
    level: int  # 1, 2, 3: the document's own headings (the title is above them)
    text: str


class Paragraph(NamedTuple):
    text: str
    role: str = ""  # "lead": the headline; "note": a small explanation


class Items(NamedTuple):
    items: tuple[str, ...]


class Table(NamedTuple):
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[int, ...]  # relative column widths
    numeric: tuple[int, ...] = ()  # columns of numbers, aligned right
    total: bool = False  # the last row is a total


class Figure(NamedTuple):
    png: bytes
    alt: str  # what the chart shows, in words and numbers
    caption: str
    width_cm: float = 16


Block = Heading | Paragraph | Items | Table | Figure


class Publication(NamedTuple):
    title: str  # the document's title (core properties, <title>)
    author: str  # the organisation
    heading: str  # the title page: "Socialt bokslut 2021"
    subtitle: tuple[str, ...]  # the organisation, the unit, the adopted date
    blocks: tuple[Block, ...]


def _cell(*parts: Part | None) -> Cell:
    return tuple(p.replace(" %", NBSP + "%") if isinstance(p, str) else p for p in parts if p not in (None, ""))


def _number(x) -> str:
    return "–" if x is None else fmt_num(x)


def _percent(x) -> str:
    return "–" if x is None else f"{fmt_num(x)} %"


def _change(change: int | None) -> str:
    return "–" if change is None else f"{arrow(change)} {fmt_signed(change)}"


def _paragraphs(text: str) -> list[Block]:
    return [Paragraph(line) for line in text.split("\n") if line.strip()]


def publication(view: BoardView) -> Publication:
    settings = view.evaluation.budget.settings
    year = f" {view.year}" if view.year else ""
    subtitle = [view.organisation] if view.organisation else []
    if view.unit:
        subtitle.append(f"Delbokslut för {view.unit}")
    if settings.adopted:
        subtitle.append(f"Fastställt av styrelsen {settings.adopted}")
    blocks: list[Block] = []
    if settings.introduction:
        blocks += [Heading(1, "Inledning"), *_paragraphs(settings.introduction)]
    blocks += _summary(view)
    for area in view.areas:
        blocks += _area(view, area)
    blocks += _participants(view)
    if settings.closing:
        blocks += [Heading(1, "Avslutning"), *_paragraphs(settings.closing)]
    return Publication(f"Socialt bokslut{year} – {view.title}", view.organisation or "Socialt bokslut",
                       f"Socialt bokslut{year}", tuple(subtitle), tuple(blocks))


def _summary(view: BoardView) -> list[Block]:
    """The Markdown summary's sections, with the areas as a table and a chart."""
    blocks: list[Block] = [Heading(1, "Sammanfattning"), Paragraph(view.headline(), "lead")]
    sentence = view.last_year_sentence()
    if sentence:
        blocks.append(Paragraph(sentence))
    blocks += [_area_table(view), *_chart(view)]
    items: list[str] = []
    section = ""
    for kind, text in summary_lines(view)[2:]:
        if kind != "item" and items:
            blocks.append(Items(tuple(items)))
            items = []
        if kind == "heading":
            if section == PROBLEMS:
                blocks += _problems(view)
            section = text
            if section != AREAS:  # the areas are the table above
                blocks.append(Heading(2, text))
        elif section == AREAS or (section == PROBLEMS and kind == "item"):
            continue
        elif kind == "item":
            items.append(text)
        else:
            blocks.append(Paragraph(text))
    if items:
        blocks.append(Items(tuple(items)))
    if section == PROBLEMS:
        blocks += _problems(view)
    return blocks


AREAS, PROBLEMS = "Målområden", "Att känna till innan bokslutet presenteras"


def _problems(view: BoardView) -> list[Block]:
    """Every indicator without a usable outcome, by its text: the cells at fault are the workbook's business."""
    problems = view.data_problems()
    return [Items(tuple(f"{r.indicator.number} {r.indicator.text.rstrip('.')}: {r.outcome.status.lower()}"
                        for r in problems))] if problems else []


def _area_table(view: BoardView) -> Table:
    last = view.last_year
    header = ["Målområde", "IMPACTindex", "Mot mål", "Impactpoäng", "Andel uppnådda"]
    if last:
        header += [f"Fjolår {last.year}".strip(), "Förändring"]
    rows = []
    for a in view.areas + [view.total]:
        row = [_cell("Totalt" if a is view.total else f"{a.number} {a.name}"), _cell(_number(a.index)),
               _cell("–" if a.versus_target is None else fmt_signed(a.versus_target)),
               _cell(f"{fmt_num(a.points)}{NBSP}av{NBSP}{fmt_num(a.max_points)}"), _cell(_percent(a.reached_share))]
        if last:
            row += [_cell(_number(view.last_index(a))), _cell(_change(view.index_change(a)))]
        rows.append(tuple(row))
    return Table(f"IMPACTindex per målområde (målet är {fmt_num(view.target)})", tuple(header), tuple(rows),
                 ((34,) if last else (77,)) + (26, 16, 26, 21) + ((18, 25) if last else ()),
                 tuple(range(1, len(header))), True)


def _chart(view: BoardView) -> list[Figure]:
    chart = index_chart(view)
    return [Figure(chart.png, chart.alt, chart.caption)] if chart else []


def _area(view: BoardView, area) -> list[Block]:
    index = "inget IMPACTindex (inga impactpoäng)" if area.index is None else \
        f"IMPACTindex {area.index} mot målet {fmt_num(view.target)} ({fmt_signed(area.versus_target)})"
    blocks: list[Block] = [
        Heading(1, f"Målområde {area.number} {area.name}"),
        Paragraph(f"{index}, {fmt_num(area.points)} av {fmt_num(area.max_points)} impactpoäng, "
                  f"{counted(area.indicators, 'indikator', 'indikatorer')}, {_percent(area.reached_share)} uppnådda.")]
    members = [r for r in view.indicators if r.indicator.area == area.number]
    if not members:
        return blocks + [Paragraph("Inga indikatorer i målområdet.")]
    goals: dict[tuple[str, str], list] = {}
    for r in members:
        goals.setdefault((r.indicator.goal_no, r.indicator.goal), []).append(r)
    small = False
    for (number, goal), results in goals.items():
        blocks.append(Heading(2, f"Mål {number} {goal}".strip()))
        blocks.append(_indicator_table(view, number, results))
        small = small or any(r.outcome.small for r in results)
        for r in results:
            blocks += _under_indicator(view, r)
    if small:
        blocks.append(Paragraph(SMALL_NOTE.format(view.evaluation.budget.settings.small_base), "note"))
    return blocks


SMALL_NOTE = ("Litet underlag: färre än {} svar. Ett enstaka svar flyttar då andelen flera procentenheter, så "
              "resultatet är osäkert.")


def _indicator_table(view: BoardView, goal: str, results: list) -> Table:
    last = view.last_year
    header = ["Indikator", "Mål", "Utfall", "Status"] + ([f"Fjolår {last.year}".strip()] if last else []) + ["Poäng"]
    rows = []
    for r in results:
        ind, o = r.indicator, r.outcome
        outcome = _cell(o.text or (o.note if o.status != REACHED else ""),
                        f"Till målet: {o.to_target}" if o.to_target else None,
                        f"Underlag: {o.basis}" if o.basis else None)
        row = [_cell(f"{ind.number} {ind.text}"), _cell(r.target_text), outcome or ("–",), (Status(o.status),)]
        if last:
            row.append(_last_year(last.of(r)))
        row.append(_cell(f"{fmt_num(r.points)}{NBSP}av{NBSP}{r.max_points}" if r.max_points else "–"))
        rows.append(tuple(row))
    widths = ((47,) if last else (73,)) + (16, 32, 28) + ((26,) if last else ()) + (17,)  # mm of the A4 page
    return Table(f"Indikatorer för mål {goal}".strip(), tuple(header), tuple(rows), widths, (len(header) - 1,))


def _last_year(before) -> Cell:
    if before is None:
        return ("–",)
    if before.status == NEW:
        return ("Ny indikator i år",)
    if before.status == CHANGED:
        return ("Ändrad sedan fjolåret",)
    return _cell(before.text, Status(before.status))


def _under_indicator(view: BoardView, r) -> list[Block]:
    """The survey question with its answers and the written case examples, under their indicator."""
    blocks: list[Block] = []
    number = r.indicator.number
    counted = view.evaluation.surveys.get((number, r.unit))
    if counted is not None:
        spread = answers_shown(counted.distribution, ", ")
        blocks.append(Paragraph(f"Indikator {number}, enkätfrågan ”{counted.header}”. Svaren: {spread}.", "note"))
    for example in view.examples(number):
        title = f": {example.title}" if example.title else ""
        blocks += [Heading(3, f"Exempel till indikator {number}{title}"), *_paragraphs(example.text)]
    return blocks


def _participants(view: BoardView) -> list[Block]:
    tables = view.figure_tables()
    if not tables:
        return []
    blocks: list[Block] = [Heading(1, "Deltagarna i siffror")]
    sentence = view.participants_sentence()
    if sentence:
        blocks.append(Paragraph(sentence))
    background = False
    for t in tables:
        if t.background and not background:
            blocks.append(Heading(2, "Deltagarnas bakgrund"))
            background = True
        rows: list[tuple[Cell, ...]] = []
        for i, (label, women, men, total, percent, previous) in enumerate(t.rows):
            shown_previous = _percent(previous) if i in t.percent_rows and previous is not None else \
                (_count(previous))
            rows.append((_cell(str(label).strip()), _cell(_count(women)), _cell(_count(men)), _cell(_count(total)),
                         _cell("" if percent is None else f"{fmt_num(percent)} %") or ("",),
                         _cell(shown_previous) or ("",)))
        total_row = bool(t.rows) and str(t.rows[-1][0]).casefold() in ("totalt", "summa", "slutsumma")
        header = ("Kategori", "Kvinnor", "Män", "Totalt", "%", "Föregående år") if not t.background else \
            ("Kategori", "Kvinnor", "Män", "Totalt")
        rows = [row[:len(header)] for row in rows]
        blocks.append(Table(t.title, header, tuple(rows), (36, 12, 10, 11, 9, 15)[:len(header)],
                            tuple(range(1, len(header))), total_row))
    return blocks


def _count(x) -> str:
    return "" if x is None else fmt_num(x)
