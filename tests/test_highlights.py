"""The board's highlights — "Närmast målet", "Längst under målet", "Största marginalen" — rank like with like:
a gap in procentenheter and a gap in % av målvärdet are each measured against the kind's "Nära målet" margin,
and the report says what the distance means."""
import openpyxl

from helpers import AREAS, budget_row, verification_row, write_workbook
from xlbokslut.export.view import board_view
from xlbokslut.jobs import export_file
from xlbokslut.workbook.files import evaluate_file

# Three red shares a few points short (Nära målet is 3 procentenheter) and a count 4,9 % short of its target of
# 1 000 (Nära målet is 5 % of the target): the count is Nära målet, the shares are not.
BUDGET = [
    budget_row(1, "1.1", "Deltagarna går vidare.", "1.1.1", "70 % går vidare", "Andel minst", 70, None, 2),
    budget_row(None, None, None, "1.1.2", "70 % nöjda", "Andel minst", 70, None, 2),
    budget_row(None, None, None, "1.1.3", "70 % trygga", "Andel minst", 70, None, 2),
    budget_row(None, "1.2", "Många nås.", "1.2.1", "1 000 besök", "Antal minst", 1000, None, 2),
    budget_row(2, "2.1", "Långt kvar.", "2.1.1", "100 deltagare i arbete", "Antal minst", 100, None, 2),
    budget_row(None, None, None, "2.1.2", "70 % i arbete", "Andel minst", 70, None, 2),
]
VERIFICATIONS = [
    verification_row("1.1.1", Täljare=664, Nämnare=1000),  # 66,4 % → −3,6 procentenheter, not reached
    verification_row("1.1.2", Täljare=662, Nämnare=1000),  # 66,2 % → −3,8
    verification_row("1.1.3", Täljare=660, Nämnare=1000),  # 66 % → −4
    verification_row("1.2.1", Värde=951),  # −4,9 % av målvärdet → Nära målet
    verification_row("2.1.1", Värde=75),  # −25 % av målvärdet: 5 margins of 5 % short
    verification_row("2.1.2", Täljare=100, Nämnare=200),  # 50 % → −20 procentenheter: 6,7 margins of 3 short
]


def _evaluated(tmp_path):
    path = write_workbook(tmp_path / "b.xlsx", budget=BUDGET, verifications=VERIFICATIONS, areas=AREAS)
    return path, evaluate_file(path)


def test_nearest_to_the_target_lists_the_indicator_that_is_near_it_first(tmp_path):
    _, ev = _evaluated(tmp_path)
    view = board_view(ev)
    statuses = {r.indicator.number: r.outcome.status for r in view.indicators}
    assert statuses["1.2.1"] == "Nära målet" and statuses["1.1.1"] == "Ej uppnått"
    # Before: the three shares (raw gaps −3,6, −3,8, −4 beat −4,9) and the Nära målet indicator was missing.
    assert [x.result.indicator.number for x in view.closest()] == ["1.2.1", "1.1.1", "1.1.2"]
    assert [r.indicator.number for r in view.to_target()][:2] == ["1.2.1", "1.1.1"]


def test_furthest_below_the_target_compares_margins_not_units(tmp_path):
    _, ev = _evaluated(tmp_path)
    shortfalls = board_view(ev).shortfalls()
    # −20 procentenheter (6,7 margins of 3) is further below than −25 % of a count's target (5 margins of 5 %);
    # before, the raw numbers put the count first.
    assert [x.result.indicator.number for x in shortfalls][:2] == ["2.1.2", "2.1.1"]
    assert [x.text for x in shortfalls][:2] == ["−20 procentenheter", "−25 % av målvärdet"]


def test_the_report_and_the_summary_say_what_the_distance_means(tmp_path):
    path, _ = _evaluated(tmp_path)
    _, paths = export_file(path, tmp_path / "ut")
    note = ("Avståndet står i varje måls egen enhet. Olika slags mål jämförs genom att avståndet ställs mot "
            "gränsen för Nära målet (3 procentenheter för andelar, 5 % av målvärdet för övriga mål).")
    summary = next(p for p in paths if p.suffix == ".md").read_text(encoding="utf-8")
    assert note in summary
    report = openpyxl.load_workbook(next(p for p in paths if p.name.endswith(".xlsx")))
    texts = [c.value for row in report["Sammanfattning"].iter_rows() for c in row if isinstance(c.value, str)]
    assert note in texts
