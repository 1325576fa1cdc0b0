"""Swedish as the user reads it: number agreement by one helper, no internal names, no doubled words."""
from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

import openpyxl
from hypothesis import given, strategies as st

from helpers import BUDGET, VERIFICATIONS, budget_row, verification_row, write_workbook
from xlbokslut.cli import main
from xlbokslut.example import names
from xlbokslut.values import counted, fmt_num, row_span

PACKAGE = Path(__file__).resolve().parents[1] / "xlbokslut"

# what the old texts said; none of it may appear in anything a user reads
OLD_PATTERNS = [
    r"(?<![\d,])−?1 (varningar|notiser|kontroller|indikatorer|procentenheter|ej uppnådda|uppnådda|personer|fler)\b",
    r"[Rr]aderna (\d+)–\1\b",
    r"\btbl[A-ZÅÄÖ]\w+",
    r"Enkät Enkät",
    r"Störst ",
    r"\\!",
]
PLURALS = ("varningar", "notiser", "kontroller", "indikatorer", "procentenheter", "personer", "rader",
           "enheter", "celler", "frågor")


@given(st.one_of(st.integers(-10 ** 6, 10 ** 6), st.fractions(max_denominator=1000).filter(lambda f: abs(f) < 10 ** 6),
                 st.floats(-10 ** 6, 10 ** 6, allow_nan=False)), st.integers(0, 3))
def test_the_noun_agrees_with_the_number_as_printed(n, decimals):
    text = counted(n, "procentenhet", "procentenheter", decimals)
    number, _, word = text.rpartition(" ")
    assert number == fmt_num(n, decimals)
    assert word == ("procentenhet" if number in ("1", "−1") else "procentenheter")


@given(st.integers(1, 10 ** 6), st.integers(0, 5))
def test_a_row_span_of_one_row_is_one_row(first, more):
    text = row_span(first, first + more)
    assert text == (f"rad {first}" if more == 0 else f"raderna {first}–{first + more}")


def test_no_message_puts_a_number_before_a_plural_noun_without_the_helper():
    """The class of defect at its source: an f-string placeholder directly before a plural noun ("{n} varningar")
    says "1 varningar" when n is 1; such texts go through values.counted."""
    pattern = re.compile(r"\{[^{}]+\} (" + "|".join(PLURALS) + r")\b")
    internal = re.compile(r"tabellen \{[^}]*\.name\}|\{spec\.name\}")
    found = []
    for path in PACKAGE.rglob("*.py"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line) or internal.search(line):
                found.append(f"{path.name}:{number}: {line.strip()}")
    assert found == []


def _texts_of(path: Path) -> list[str]:
    if path.suffix == ".md":
        return [path.read_text(encoding="utf-8")]
    book = openpyxl.load_workbook(path)
    return [c for ws in book.worksheets if not ws.sheet_state == "hidden" for row in ws.iter_rows(values_only=True)
            for c in row if isinstance(c, str)]


def _old_patterns_in(texts: list[str]) -> list[str]:
    return [f"{p!r}: {t[:120]}" for t in texts for p in OLD_PATTERNS if re.search(p, t)]


def test_no_old_pattern_in_anything_the_examples_print(tmp_path, capsys):
    texts = []
    for name in names():
        out = tmp_path / name
        assert main(["exempel", name, "--utdata", str(out)]) == 0
        for workbook in out.glob("*.xlsx"):
            if "_resultat_" not in workbook.name:
                main(["exportera", str(workbook), "--per-enhet", "--utdata", str(out / "enheter")])
        texts.append(capsys.readouterr().out)
        texts += [t for p in sorted(out.rglob("*")) if p.suffix in (".xlsx", ".md") for t in _texts_of(p)]
    assert _old_patterns_in(texts) == []


def test_one_of_each_is_said_in_the_singular(tmp_path, capsys):
    budget = [*BUDGET, budget_row(None, "2.2", None, "2.2.2", "Andelen ska minska med en procentenhet",
                                  "Minskning minst procentenheter", 1, None, 1)]
    verifications = [dict(r) for r in VERIFICATIONS] + [
        verification_row("2.2.2", None, "SCB", Värde="10,5 %", Jämförelsevärde="11,5 %")]
    verifications[0]["Värde"] = "70 %"  # a percentage beside counts that give 77 %: one warning
    verifications[1]["Jämförelsevärde"] = 5  # a column an Andel högst row does not read: one notice
    path = write_workbook(tmp_path / "bokslut.xlsx", budget=budget, verifications=verifications)
    assert main(["utvardera", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Problem i indata: 1 varning, 1 notis (se bladet Indataproblem)" in out
    results = {r[2]: r for r in openpyxl.load_workbook(path)["Resultat"].iter_rows(values_only=True) if r and r[2]}
    assert results["2.2.2"][5] == "minska minst 1 procentenhet"
    assert results["2.2.2"][6] == "−1 procentenhet (11,5 % → 10,5 %)"


def test_a_fraction_of_one_is_singular_too():
    assert counted(Fraction(2, 2), "notis", "notiser") == "1 notis"
    assert counted(1.04, "procentenhet", "procentenheter", 1) == "1 procentenhet"  # printed as 1
    assert counted(1.05, "procentenhet", "procentenheter", 1) == "1,1 procentenheter"
