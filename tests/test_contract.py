"""contract.toml alone says each table's columns, their order and which are optional: every row written to a
table is given by header and laid out in that order, so adding a column is a line in the contract plus the code
that computes its value."""
import re
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import xlbokslut
from helpers import contract_problems, table_rows
from xlbokslut.example import write_example
from xlbokslut.schema import BUDGET_TABLE, TABLES
from xlbokslut.workbook.files import evaluate_file

PACKAGE = Path(xlbokslut.__file__).parent


@given(table=st.sampled_from(list(TABLES.values())), data=st.data())
def test_a_row_needs_every_header_once_and_nothing_else(table, data):
    """Laid out in the contract's order; a header left out, a header that is not the table's, or a row given
    by position fails (a row of what people type may leave columns out)."""
    values = {h: data.draw(st.integers()) for h in table.headers}
    assert table.row(dict(reversed(values.items()))) == [values[h] for h in table.headers]
    left_out = data.draw(st.sampled_from(table.headers))
    with pytest.raises(ValueError, match=re.escape(f"no value for ['{left_out}']")):
        table.row({h: v for h, v in values.items() if h != left_out})
    with pytest.raises(ValueError, match="no such column"):
        table.row(values | {data.draw(st.text().filter(lambda t: t not in table.headers)): 1})
    with pytest.raises(ValueError, match="not by position"):
        table.row(list(values.values()))
    typed = {h: values[h] for h in table.input_headers if h != left_out}
    assert table.row(typed, typed=True) == [typed.get(h) for h in table.headers]


def _with_columns(folder: Path) -> Path:
    """A copy of the package with two columns added, each the way the contract's header comment says: a column
    people may type into at the start of tblBudget (one line in the contract: nothing computes it), and a written
    column Typ after Mål in tblResultatIndikatorer (one line in the contract, one in the code that fills it)."""
    copy = folder / "xlbokslut"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    contract = copy / "contract.toml"
    text = contract.read_text(encoding="utf-8")
    first_budget_column = '  { header = "Målområde", width = 12, help = "Målområdets Nr'
    target_column = '  { header = "Mål", width = 22, written = true },\n'
    assert text.count(first_budget_column) == 1 and text.count(target_column) == 1
    text = text.replace(first_budget_column, '  { header = "Ansvarig", width = 16, optional = true },\n'
                        + first_budget_column)
    contract.write_text(text.replace(target_column, target_column
                                     + '  { header = "Typ", width = 24, written = true },\n'), encoding="utf-8")
    plan = copy / "workbook" / "writeback.py"
    code = plan.read_text(encoding="utf-8")
    computed = '"Mål": r.target_text,'
    assert code.count(computed) == 1
    plan.write_text(code.replace(computed, computed + ' "Typ": ind.kind.name if ind.kind else None,'),
                    encoding="utf-8")
    return folder


def test_adding_a_column_is_a_line_in_the_contract_plus_the_code_that_computes_it(tmp_path):
    plain = write_example(tmp_path / "plain.xlsx")
    evaluate_file(plain)
    changed = tmp_path / "changed.xlsx"
    script = ("import sys; from pathlib import Path; from xlbokslut.example import write_example; "
              "from xlbokslut.workbook.files import evaluate_file; path = Path(sys.argv[1]); "
              "write_example(path); evaluate_file(path)")
    subprocess.run([sys.executable, "-c", script, str(changed)], check=True, cwd=_with_columns(tmp_path / "pkg"))

    book = openpyxl.load_workbook(changed)
    headers = [c.value for c in book["Budget"][4] if c.value]
    assert headers == ["Ansvarig", *BUDGET_TABLE.headers]  # the template lays out the contract's order
    validations = {str(v.sqref): v.formula1 for v in book["Verifikationer"].data_validations.dataValidation}
    assert validations["A5:A2000"] == "'Budget'!$E$5:$E$2000"  # the Indikator-nr list follows its column
    results = table_rows(changed, "tblResultatIndikatorer")
    before = table_rows(plain, "tblResultatIndikatorer")
    assert list(results[0])[:8] == ["Målområde", "Mål-nr", "Indikator-nr", "Indikator", "Enhet", "Mål", "Typ",
                                    "Utfall"]
    assert [{k: v for k, v in r.items() if k != "Typ"} for r in results] == before  # the rest as before
    assert {r["Indikator-nr"]: r["Typ"] for r in results}["1.1.1"] == \
        {r["Indikator-nr"]: r["Typ"] for r in table_rows(plain, "tblBudget")}["1.1.1"]
    assert table_rows(changed, "tblResultatMålområden") == table_rows(plain, "tblResultatMålområden")
    check = subprocess.run([sys.executable, "-m", "xlbokslut", "kontrollera", "--utvarderad", str(changed)],
                           cwd=tmp_path / "pkg", capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert contract_problems(plain, evaluated=True) == []
