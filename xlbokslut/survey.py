"""Survey answers in, n of N out: counting an indicator's outcome from a survey tool's export.

Staff paste an export (one row per respondent, one column per question) into a sheet of their own naming;
one row of tblEnkätfrågor per indicator says which sheet and question, which answers count as positive,
which respondents count (``Roll = Personal``), and optionally which columns name the plattform and the gender.
The counts become verification rows, as if typed, each pointing at the answers it came from. Pure: the
adapters hand over the sheets' values.

Exports differ: one header row (Google Forms, Microsoft Forms, LimeSurvey) or two (SurveyMonkey: the question
over its columns, the option or sub-question below, matched as ``question – sub-question``); grid questions
as ``Question [Row]``; codes (``5``, ``5.0``, ``"5"``) or labels in the cells; several answers in one cell
(``A;B``) for checkbox questions.
"""
from __future__ import annotations

import difflib
import math
import re
from collections import Counter
from fractions import Fraction
from typing import NamedTuple
from collections.abc import Callable, Mapping, Sequence

from .issues import Issue
from .kinds import Kind
from .model import Cell, Origin, Row, Source, TableData, Tally, Verification, column_letter
from .schema import INSTRUCTIONS_SHEET, OUTCOME_COLUMNS, RECORD_SHEET, TABLES
from .values import MAX_NUMBER, clean_text, fmt_int, is_blank

JOIN = " – "  # how two header rows are joined into one question name
MARKERS = {"response", "open-ended response", "svar", "öppet svar"}  # SurveyMonkey's second header row
WOMEN = {"kvinna", "kvinnor", "k", "female", "f", "woman", "women", "kvinnlig", "flicka", "tjej"}
MEN = {"man", "män", "m", "male", "men", "manlig", "pojke", "kille"}
_NUMBER = r"-?\d+(?:[.,]\d+)?"
_RANGE = re.compile(rf"^({_NUMBER})\s*[-–]\s*({_NUMBER})$")


def norm(text: object) -> str:
    """An answer or a header as compared: case, spacing (also non-breaking) and a trailing period ignored."""
    return " ".join(str(text).replace("\u00a0", " ").split()).casefold().rstrip(".").rstrip() if text is not None \
        else ""


# the workbook's own sheets, never survey answers (not suggested for a misspelt Enkätblad)
OWN_SHEETS = {norm(t.sheet) for t in TABLES.values()} | {norm(n) for n in (INSTRUCTIONS_SHEET, RECORD_SHEET, "Listor")}


def _number(raw: object) -> Fraction | None:
    """An answer as a number, or None: text, and numbers no survey gives (NaN, infinite, 400 digits)."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, (int, float)):
        number = Fraction(repr(raw)) if isinstance(raw, float) and math.isfinite(raw) else \
            Fraction(raw) if isinstance(raw, int) else None
    else:
        text = str(raw).strip().replace(",", ".")
        number = Fraction(text) if len(text) < 40 and re.fullmatch(r"-?\d+(?:\.\d+)?", text) else None
    return number if number is not None and abs(number) <= MAX_NUMBER else None


class Question(NamedTuple):
    """A row of tblEnkätfrågor; ``where`` gives each of its cells' addresses by header."""

    indicator_no: str
    sheet: str
    question: str
    positive: str
    selection: str
    unit_column: str
    gender_column: str
    where: Mapping[str, str]


class Positive(NamedTuple):
    """The answers that count: labels (normalised) and numeric ranges (codes 4;5;6 or 4-6)."""

    labels: frozenset
    ranges: tuple[tuple[Fraction, Fraction], ...]

    def matches(self, raw: object) -> bool:
        number = _number(raw)
        if number is not None and any(lo <= number <= hi for lo, hi in self.ranges):
            return True
        return norm(raw) in self.labels


def parse_positive(text: str) -> Positive:
    labels: set[str] = set()
    ranges: list[tuple[Fraction, Fraction]] = []
    for part in (p.strip() for p in str(text).split(";")):
        if not part:
            continue
        found = _RANGE.match(part)
        number = _number(part)
        if found:
            ends = _number(found.group(1)), _number(found.group(2))
            assert ends[0] is not None and ends[1] is not None  # _RANGE matches two numbers
            lo, hi = sorted((ends[0], ends[1]))
            ranges.append((lo, hi))
        elif number is not None:
            ranges.append((number, number))
        else:
            labels.add(norm(part))
    return Positive(frozenset(labels), tuple(ranges))


def _parts(raw: object) -> list[str]:
    """The answers in a checkbox question's cell: ``A;B`` or ``A, B`` (Microsoft Forms ends with ``;``)."""
    text = str(raw)
    separator = ";" if ";" in text else ","
    return [p.strip() for p in text.split(separator) if p.strip()]


def is_positive(raw: object, positive: Positive) -> bool:
    if positive.matches(raw):
        return True
    return isinstance(raw, str) and ("," in raw or ";" in raw) and any(positive.matches(p) for p in _parts(raw))


def gender_of(raw: object) -> str | None:
    key = norm(raw)
    return "Kvinnor" if key in WOMEN else "Män" if key in MEN else None


# --- the answer sheets -------------------------------------------------------------------------
class AnswerSheet(NamedTuple):
    """A sheet of survey answers: a name per column, and the respondents' rows (worksheet row numbers too)."""

    name: str
    headers: tuple[str, ...]
    rows: tuple[tuple[int, Sequence[object]], ...]

    def column(self, index: int) -> str:
        return column_letter(index + 1)


def _is_marker_row(first: Sequence[object], second: Sequence[object]) -> bool:
    """SurveyMonkey's layout: a second header row naming the option or sub-question under each question."""
    texts = [v for v in second if not is_blank(v)]
    if not texts or any(_number(v) is not None for v in texts):
        return False
    if any(norm(v) in MARKERS for v in texts):
        return True
    return any(is_blank(first[i] if i < len(first) else None) and not is_blank(v) for i, v in enumerate(second)) \
        and any(not is_blank(v) for v in first)


def answer_sheet(name: str, values: Sequence[Sequence[object]]) -> AnswerSheet:
    lines = [(i + 1, row) for i, row in enumerate(values) if any(not is_blank(v) for v in row)]
    if not lines:
        return AnswerSheet(name, (), ())
    (_, first), rest = lines[0], lines[1:]
    width = max(len(row) for _, row in lines)
    if rest and _is_marker_row(first, rest[0][1]):
        second, rest = rest[0][1], rest[1:]
        headers, question = [], ""
        for i in range(width):
            top = clean_text(first[i]) if i < len(first) and not is_blank(first[i]) else ""
            question = top or question
            sub = clean_text(second[i]) if i < len(second) and not is_blank(second[i]) else ""
            headers.append(f"{question}{JOIN}{sub}" if question and sub else question or sub)
    else:
        headers = [clean_text(first[i]) if i < len(first) and not is_blank(first[i]) else "" for i in range(width)]
    return AnswerSheet(name, tuple(headers), tuple(rest))


class Match(NamedTuple):
    at: int | None
    problem: str = ""


class Problem(NamedTuple):
    """Why a question cannot be counted, and the tblEnkätfrågor column whose cell is at fault."""

    message: str
    column: str = "Fråga"


def find_column(sheet: AnswerSheet, question: str) -> Match:
    """The column of ``question``: its whole header, or (two header rows) the question over a single column."""
    key = norm(question)
    exact = [i for i, h in enumerate(sheet.headers) if norm(h) == key]
    if not exact:
        exact = [i for i, h in enumerate(sheet.headers) if norm(h.split(JOIN)[0]) == key]
    if len(exact) == 1:
        return Match(exact[0])
    if exact:
        return Match(None, f"”{question}” finns i flera kolumner på bladet {sheet.name}: "
                           + ", ".join(f"{sheet.column(i)} ”{sheet.headers[i]}”" for i in exact[:5])
                           + ". Skriv hela rubriken, som i exporten.")
    closest = difflib.get_close_matches(question, [h for h in sheet.headers if h], n=3, cutoff=0.4)
    hint = ("; närmast: " + "; ".join(f"”{h}”" for h in closest)) if closest else ""
    return Match(None, f"frågan ”{question}” finns inte på bladet {sheet.name}{hint}")


# --- what an import keeps: personal data stays in the survey tool ---------------------------------
# columns counting never needs, by their header: who answered (name, contact, address, IP, personal number)
# and the tool's own bookkeeping (ids, times, pages)
NOT_COUNTED_HEADER = re.compile(
    r"namn|förnamn|efternamn|name|first name|last name|full name|e-?post(?:adress)?|e-?mail(?: address)?|"
    r"mail|telefon(?:nummer)?|tel|phone|mobil(?:nummer)?|mobile|ip|ip-?adress|ip address|adress|address|"
    r"postnummer|personnummer|födelsedatum|date of birth|custom data(?: \d+)?|respondent id|collector id|"
    r"response id|svars-?id|id|token|seed|timestamp|tidstämpel|tidsstämpel|start date|end date|starttid|sluttid|"
    r"start time|completion time|senaste ändringstid|last modified time|submitdate|datestamp|startdate|"
    r"lastpage|startlanguage|refurl")
_EMAIL_OR_IP = re.compile(r"[^@\s]+@[^@\s]+\.\w+|\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f]{1,4}(?::[0-9a-f]{0,4}){2,7}", re.I)
_PHONE_OR_ID = re.compile(r"\+?[\d\s()-]{8,}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
KEPT_HEADER = re.compile(r"kön|gender|sex|plattform|enhet|verksamhet|kommun|insats|roll")  # unit, gender, Urval


def _personal(value: str) -> bool:
    """An e-mail or IP address, a phone or personal number."""
    return bool(_EMAIL_OR_IP.fullmatch(value) or (_PHONE_OR_ID.fullmatch(value) and not _DATE.fullmatch(value)
                                                   and sum(ch.isdigit() for ch in value) >= 8))


def not_counted(sheet: AnswerSheet) -> list[int]:
    """The columns an import leaves out: personal data and the survey tool's bookkeeping, by header or (most
    answers personal data) by content; never a column whose header names the unit, the gender or the role."""
    out = []
    for i, header in enumerate(sheet.headers):
        key = norm(header.split(JOIN)[0])
        if KEPT_HEADER.search(key):
            continue
        values = [str(row[i]).strip() for _, row in sheet.rows if i < len(row) and not is_blank(row[i])]
        personal = sum(1 for v in values if _personal(v))
        if NOT_COUNTED_HEADER.fullmatch(key) or (values and personal * 2 >= len(values)):
            out.append(i)
    return out


MAX_SHOWN_ANSWERS = 12  # the options of a closed question (a 0–10 scale has 11)
MAX_OPTION_LENGTH = 60


def answers_shown(distribution: Sequence[tuple[str, int]], separator: str) -> str:
    """What the board's files print after "Svaren:": how many gave each option of a closed question. Free text
    is never printed (nor personal data): many different answers, mostly different answers, long ones or an
    e-mail address give only how many different answers there were."""
    given = sum(n for _, n in distribution)
    distinct = len(distribution)
    if distinct > MAX_SHOWN_ANSWERS or (distinct > 3 and distinct * 2 > given) or \
            any(len(a) > MAX_OPTION_LENGTH or _personal(a) for a, _ in distribution):
        return f"{fmt_int(distinct)} olika svar, som inte skrivs ut (fritext eller fler än {MAX_SHOWN_ANSWERS} " \
               "svarsalternativ)"
    numeric = all(_scale_step(a) is not None for a, _ in distribution)
    if numeric:  # a scale of numbers ("1"–"5"): highest first, and the count after a colon, not beside the step
        distribution = sorted(distribution, key=lambda item: -(_scale_step(item[0]) or 0))
    return separator.join(f"{answer}: {fmt_int(n)}" for answer, n in distribution)


def _scale_step(answer: str) -> float | None:
    """A numeric answer's value ("4", "4,5"), None for words."""
    text = answer.strip()
    return float(text.replace(",", ".")) if _STEP.match(text) else None


_STEP = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")


# --- counting ----------------------------------------------------------------------------------
UNUSUAL_FROM = 20  # an answer given once is unusual only among at least this many answers
CLOSE = 0.85  # similarity of a misspelling (”Mycket bar”), above that of scale steps (”Till viss del”: 0.77)


class Doubt(NamedTuple):
    """An answer that may be a mistake: its first cell, how many gave it, and the counted answer it resembles."""

    answer: str
    cell: str
    given: int
    resembles: str  # '' when it resembles no counted answer but is unlike every other answer


def doubtful_answers(answers: Counter, uncounted: Counter, counted: Positive,
                     labels: Mapping[str, str]) -> list[tuple[str, str]]:
    """Of the answers not counted, those that may be mistakes (WORKBOOK.md): close to a counted answer without
    being it, or given once among many and close to no other answer; each with the counted answer it resembles
    (as ``labels`` spells it), or ''."""
    total = sum(answers.values())
    out = []
    wanted = sorted(counted.labels)
    for answer, k in uncounted.items():
        if counted.matches(answer):
            continue
        close = difflib.get_close_matches(norm(answer), wanted, n=1, cutoff=CLOSE)
        if close:
            out.append((answer, labels[close[0]]))
        elif k == 1 and total >= UNUSUAL_FROM and _unlike(answer, [a for a in answers if a != answer], counted):
            out.append((answer, ""))
    return out


def _unlike(answer: str, others: list[str], counted: Positive) -> bool:
    """A number more than a step outside the scale the others and the counted codes span (the end of a scale
    given once is a step of it, 55 on a scale 1–5 is not); a text sharing no word with another answer
    (”Ganska viktig” beside ”Viktig” is a step of the scale, ”Ja” is not)."""
    number = _number(answer)
    if number is not None:
        scale = [n for n in map(_number, others) if n is not None] + [e for r in counted.ranges for e in r]
        return bool(scale) and not min(scale) - 1 <= number <= max(scale) + 1
    words = set(norm(answer).split())
    return not any(words & set(norm(a).split()) for a in others)


class SurveyCount(NamedTuple):
    """A question counted: per unit ('' = all respondents), with what the board and Indataproblem need."""

    question: Question
    sheet: str
    header: str
    column: str  # the column letter
    rows: tuple[int, int]  # the first and last worksheet row of the answers
    tallies: Mapping[str, Tally]
    distribution: tuple[tuple[str, int], ...]  # each distinct answer (all respondents) and how many gave it
    doubtful: tuple[Doubt, ...]  # answers that may be mistakes, for Indataproblem
    unknown_genders: tuple[str, ...] = ()

    @property
    def reference(self) -> str:
        return f"{survey_name(self.sheet)}, kolumn {self.column} ”{self.header}”"

    @property
    def source(self) -> Source:
        return Source(Origin.SURVEY, self.reference)

    @property
    def where(self) -> str:
        return f"{self.sheet}!{self.column}{self.rows[0]}:{self.column}{self.rows[1]}"


def _selection(sheet: AnswerSheet, text: str) -> tuple[Callable[[Sequence[object]], bool] | None, str]:
    """``Kolumn = värde`` (values separated by ;) as a test of a respondent's row; or the reason it cannot be."""
    if not text:
        return (lambda row: True), ""
    column, sep, wanted = text.partition("=")
    if not sep:
        return None, f"Urval ”{text}” ska skrivas Kolumn = värde, t.ex. Roll = Personal"
    found = find_column(sheet, column.strip())
    if found.at is None:
        return None, f"Urval: {found.problem}"
    values = {norm(v) for v in wanted.split(";") if v.strip()}
    index = found.at
    return (lambda row: index < len(row) and norm(row[index]) in values), ""


def count(question: Question, sheet: AnswerSheet) -> SurveyCount | Problem:
    """The question's counts, or why it cannot be counted."""
    found = find_column(sheet, question.question)
    if found.at is None:
        return Problem(found.problem)
    chosen, problem = _selection(sheet, question.selection)
    if chosen is None:
        return Problem(problem, "Urval")
    side = {}
    for name, heading, header in (("unit", "Enhetskolumn", question.unit_column),
                                  ("gender", "Könskolumn", question.gender_column)):
        if header:
            other = find_column(sheet, header)
            if other.at is None:
                return Problem(f"{heading}: {other.problem}", heading)
            side[name] = other.at
    positive = parse_positive(question.positive)
    index, unit_at, gender_at = found.at, side.get("unit"), side.get("gender")
    kept = [(number, row) for number, row in sheet.rows if chosen(row)]
    numbers, rows = [number for number, _ in kept], [row for _, row in kept]

    def column(at: int | None) -> list[object]:
        return [None] * len(rows) if at is None else [row[at] if at < len(row) else None for row in rows]

    given = column(index)
    # each distinct (answer, unit, gender) counted at C speed, then judged once
    combos = Counter(zip(given, column(unit_at), column(gender_at)))
    tallies: dict[str, list] = {}
    answers: Counter = Counter()
    negative: Counter = Counter()
    unknown: Counter = Counter()
    seen: dict[object, tuple[bool, str, Fraction | None] | None] = {}
    for (raw, u_raw, g_raw), k in combos.items():
        if raw not in seen:
            seen[raw] = None if is_blank(raw) else (is_positive(raw, positive), clean_text(raw), _number(raw))
        judged = seen[raw]
        if judged is None:
            continue
        good, label, value = judged
        answers[label] += k
        if not good:
            negative[label] += k
        gender = None
        if gender_at is not None:
            gender = gender_of(g_raw)
            if gender is None:
                unknown[clean_text(g_raw) if not is_blank(g_raw) else "(tomt)"] += k
        units = ("",) if unit_at is None or is_blank(u_raw) else ("", clean_text(u_raw))
        for unit in units:
            t = tallies.setdefault(unit, [0, 0, {}, Fraction(0), 0])
            t[0] += good * k
            t[1] += k
            if gender:
                n, total = t[2].get(gender, (0, 0))
                t[2][gender] = (n + good * k, total + k)
            if value is not None:
                t[3] += value * k
                t[4] += k
    answered = [numbers[i] for i, raw in enumerate(given) if seen.get(raw) is not None]
    first, last = (answered[0], answered[-1]) if answered else (0, 0)
    if not answers:
        return Problem(f"ingen har svarat på frågan ”{sheet.headers[index]}” på bladet {sheet.name}"
                       + (f" (med urvalet {question.selection})" if question.selection else ""))
    order = sorted(answers, key=lambda a: (not positive.matches(a), -answers[a]))
    # a counted label as the survey spells it, where it was given; else as typed in Positiva svar
    labels = {norm(p.strip()): p.strip() for p in question.positive.split(";") if p.strip()}
    labels.update({norm(a): a for a in answers if positive.matches(a)})
    first_row: dict[str, int] = {}
    for number, raw in zip(numbers, given):
        if (judged := seen.get(raw)) is not None:
            first_row.setdefault(judged[1], number)
    doubts = []
    for answer, resembles in doubtful_answers(answers, negative, positive, labels):
        row = first_row[answer]
        doubts.append(Doubt(answer, f"{sheet.name}!{sheet.column(index)}{row}", negative[answer], resembles))
    return SurveyCount(question, sheet.name, sheet.headers[index], sheet.column(index), (first, last),
                       {u: Tally(t[0], t[1], dict(t[2]), t[3], t[4]) for u, t in tallies.items()},
                       tuple((a, answers[a]) for a in order), tuple(doubts), tuple(unknown))


# --- counts as verification rows ---------------------------------------------------------------
def load_questions(table: TableData | None, known: set[str]) -> tuple[list[Question], list[Issue]]:
    """The rows of tblEnkätfrågor, and what is wrong with those that cannot be used."""
    out = []
    issues: list[Issue] = []
    for row in table.rows if table is not None else ():
        def text(header: str, row: Row = row) -> str:
            cell = row.get(header)
            return clean_text(cell.value) if cell is not None and not is_blank(cell.value) else ""

        where = {h: (cell.where if (cell := row.get(h)) is not None else "") for h in
                 ("Indikator-nr", "Enkätblad", "Fråga", "Positiva svar", "Urval", "Enhetskolumn", "Könskolumn")}
        question = Question(text("Indikator-nr"), text("Enkätblad"), text("Fråga"), text("Positiva svar"),
                            text("Urval"), text("Enhetskolumn"), text("Könskolumn"), where)
        missing = [h for h, v in (("Indikator-nr", question.indicator_no), ("Enkätblad", question.sheet),
                                  ("Fråga", question.question)) if not v]
        if missing:
            issues.append(Issue(where[missing[0]], f"{missing[0]} saknas på raden i Enkätfrågor"))
            continue
        if question.indicator_no not in known:
            issues.append(Issue(where["Indikator-nr"], f"Indikator-nr {question.indicator_no} finns inte i Budget"))
            continue
        out.append(question)
    return out, issues


class Surveyed(NamedTuple):
    verifications: tuple[Verification, ...]
    counts: Mapping[tuple[str, str], SurveyCount]  # (Indikator-nr, Enhet) → what was counted
    issues: tuple[Issue, ...]


def survey_name(sheet: str) -> str:
    """How a survey sheet is named as a source: ``Enkät Deltagare 2025``, once even when the sheet's own name
    begins with the word (``Enkät deltagarenkat_2024``, as ``xlbokslut enkat importera`` names it)."""
    return sheet if sheet == "Enkät" or sheet.startswith("Enkät ") else f"Enkät {sheet}"


def _error_row(question: Question, message: str, place: str, own: Verification | None
               ) -> tuple[Verification, Issue]:
    """A verification that cannot be counted: Fel i indata for the indicator, with the reason at its cell, on
    the typed row it takes over (``own``: the indicator's Verifikationer row with nothing in its outcome
    columns, so that this is the only error, shown in that row's Status)."""
    issue = Issue(place, message)
    cells = {c: Cell(None, place) for c in OUTCOME_COLUMNS}
    return Verification(question.indicator_no, "", cells, own.reference if own else "", own.row if own else 0, place,
                        source=Source(Origin.SURVEY, survey_name(question.sheet)),
                        problem=issue), issue


def doubt_message(reference: str, doubt: Doubt) -> str:
    """A doubtful answer in words; ”räknas” not ”positiv”, since for an at-most share the counted answers are the
    ones that should be few."""
    times = "" if doubt.given == 1 else f" ({fmt_int(doubt.given)} svar)"
    if doubt.resembles:
        return (f"{reference}: svaret ”{doubt.answer}”{times} liknar ”{doubt.resembles}” i Positiva svar men "
                "räknas inte som det. Är det felstavat, rätta det eller lägg till det i Positiva svar.")
    return (f"{reference}: svaret ”{doubt.answer}” gavs bara en gång och liknar inget annat svar på frågan. "
            "Kontrollera att det är rätt.")


def survey_verifications(questions: list[Question], kinds: Mapping[str, Kind | None],
                         typed: tuple[Verification, ...], sheet_names: list[str],
                         values_of: Callable[[str], list[list[object]]]) -> Surveyed:
    """Each question counted into verification rows (the förbund's, and each unit's with an Enhetskolumn).

    A typed row for the same indicator and unit with nothing in its outcome columns lends the count its row
    (so Utfall and Status are written there); one with an outcome stays, and the evaluation calls the pair
    Fel i indata.
    """
    sheets: dict[str, AnswerSheet] = {}
    rows: list[Verification] = []
    counts: dict[tuple[str, str], SurveyCount] = {}
    issues: list[Issue] = []
    empty_rows = {(v.indicator_no, v.unit): v for v in typed if not v.link
                  and all(is_blank(c.value) for c in v.cells.values())}
    lent: set[int] = set()

    def error_row(question: Question, message: str, place: str) -> tuple[Verification, Issue]:
        own = empty_rows.get((question.indicator_no, ""))
        if own is not None:
            lent.add(own.row)
        return _error_row(question, message, place, own)

    for question in questions:
        name = next((n for n in sheet_names if norm(n) == norm(question.sheet)), None)
        if name is None:
            answers = [n for n in sheet_names if norm(n) not in OWN_SHEETS]
            closest = difflib.get_close_matches(question.sheet, answers, n=2, cutoff=0.5)
            hint = f"; menar du {' eller '.join(f'”{c}”' for c in closest)}?" if closest else ""
            row, issue = error_row(question, f"bladet ”{question.sheet}” finns inte{hint}", question.where["Enkätblad"])
            rows.append(row)
            issues.append(issue)
            continue
        if name not in sheets:
            sheets[name] = answer_sheet(name, values_of(name))
        kind = kinds.get(question.indicator_no)
        if kind is None:
            continue  # the budget row has no kind: the indicator is already Fel i indata
        counted = count(question, sheets[name])
        if isinstance(counted, Problem):
            row, issue = error_row(question, counted.message, question.where[counted.column])
            rows.append(row)
            issues.append(issue)
            continue
        issues.extend(Issue.notice(d.cell, doubt_message(counted.reference, d)) for d in counted.doubtful)
        if counted.unknown_genders:
            issues.append(Issue.notice(question.where["Könskolumn"], f"{counted.reference}: okänt kön "
                                       + ", ".join(f"”{g}”" for g in counted.unknown_genders)
                                       + " räknas i totalen men inte per kön"))
        for unit, tally in counted.tallies.items():
            inputs = kind.survey_inputs(tally)
            if isinstance(inputs, str):
                row, issue = error_row(question, inputs, question.where["Indikator-nr"])
                rows.append(row)
                issues.append(issue)
                break
            own = empty_rows.get((question.indicator_no, unit))
            full = {c: Cell(inputs.get(c), counted.where) for c in OUTCOME_COLUMNS}
            reference = "; ".join(x for x in (own.reference if own else "", counted.reference) if x)
            if own:
                lent.add(own.row)
            rows.append(Verification(question.indicator_no, unit, full, reference, own.row if own else 0,
                                     question.where["Indikator-nr"], source=counted.source))
            counts[(question.indicator_no, unit)] = counted
    kept = tuple(v for v in typed if v.row not in lent)
    return Surveyed(kept + tuple(rows), counts, tuple(issues))


def too_few(counted: SurveyCount, unit: str, smallest: int, by_gender: bool) -> bool:
    """Whether the board may not see this breakdown's figures: a unit's (``unit``), or with ``by_gender`` a
    gender's, answers are fewer than ``smallest`` (the setting Minsta grupp som redovisas)."""
    tally = counted.tallies.get(unit)
    if tally is None:
        return False
    groups = ([tally.answered] if unit else []) + ([n for _, n in tally.by_gender.values()] if by_gender else [])
    return any(0 < n < smallest for n in groups)
