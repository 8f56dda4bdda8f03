"""Numbers no form holds, and budgets or weights at or below 0, through calculate and check.

Each bad value is put into a numeric input of the example workbook seed000; calculate and
check must place a Chinese error on that very cell with the text read, never raise.
"""

from __future__ import annotations

import functools
import math
import shutil
from pathlib import Path

import openpyxl
import pytest
from conftest import EXAMPLES
from hostile import replace_in_sheets

from xlsrc import forms
from xlsrc.adapters.openpyxl_file import OpenpyxlFile
from xlsrc.binding import Binding
from xlsrc.domain import text as T
from xlsrc.domain.findings import Severity
from xlsrc.usecases import Outcome, calculate, check

SEED = EXAMPLES / "seed000.xlsm"
# The indicator row each indicator input is edited on, one row each so that no bad value
# hides another (a row whose target cannot be read is not scored, nor its actual value read).
ROWS = {"indicator.target": 0, "indicator.actual": 1, "indicator.weight": 2, "indicator.manual": 3}
MARK = 987654.125  # a number the file writer stores exactly, replaced in the sheet's XML

# Every numeric input: field path → the label its message starts with.
INPUTS = {
    "budget.initial": "年初预算数",
    "budget.total": "全年预算数",
    "budget.spent": "全年执行数",
    "budget.weight": "分值",
    "budget.income_general": "一般公共预算",
    "budget.basic": "基本支出",
    "budget.project": "项目支出",
    "indicator.target": "年度指标值",
    "indicator.actual": "实际完成值",
    "indicator.weight": "分值",
    "indicator.manual": "人工评分",
    "base.staff_authorized": "基础数据表编制数",
    "base.staff_actual": "基础数据表实际在职人数",
    "base.building_plan": "基础数据表批复规模",
    "base.invest_actual": "基础数据表实际投资",
    "expense.three_public.final": "基础数据表“三公经费”本年决算数",
    "expense.project.budget": "基础数据表“项目支出”本年预算数",
    "expense.public_office.prior_final": "基础数据表“办公经费”上年决算数",
}
# 年度指标值 and 实际完成值 are read as values (text, dates, quantities), the others as numbers.
VALUE_FIELDS = {"indicator.target", "indicator.actual"}

# Bad values: kind → (how it reaches the cell, the text the message quotes, reason for a number
# field, reason for a value field). "file" numbers are what a sheet's XML declares.
BAD = {
    "1e308": ("number", 1e308, "1e+308", T.REASON_TOO_LARGE, T.REASON_TOO_LARGE),
    "-1e308": ("number", -1e308, "-1e+308", T.REASON_TOO_LARGE, T.REASON_TOO_LARGE),
    "inf": ("file", "1e999999", "inf", T.REASON_NOT_FINITE, T.REASON_NOT_FINITE),
    "-inf": ("file", "-1e999999", "-inf", T.REASON_NOT_FINITE, T.REASON_NOT_FINITE),
    "NaN": ("read", math.nan, "nan", T.REASON_NOT_FINITE, T.REASON_NOT_FINITE),
    "text 1e999999": (
        "number",
        "1e999999",
        "1e999999",
        T.REASON_NOT_A_NUMBER,
        T.REASON_NOT_A_VALUE,
    ),
    "text NaN": ("number", "NaN", "NaN", T.REASON_NOT_A_NUMBER, T.REASON_NOT_A_VALUE),
    "text 1e308": ("number", "1e308", "1e308", T.REASON_NOT_A_NUMBER, T.REASON_NOT_A_VALUE),
    "41 nines": ("number", "9" * 41, "9" * 41, T.REASON_TOO_LARGE, T.REASON_TOO_LARGE),
}


def expected_message(field: str, shown: str, number_reason: str, value_reason: str) -> str:
    if field in VALUE_FIELDS:
        return f"{INPUTS[field]}“{shown}”无法识别：{value_reason}"
    return f"{INPUTS[field]}“{shown}”{number_reason}"


@functools.cache
def _cells() -> dict[str, tuple[str, int, int]]:
    b = Binding(OpenpyxlFile(SEED))
    out = {}
    for field in INPUTS:
        area = b.where(field, ROWS.get(field))
        out[field] = (area.sheet, area.row, area.col)
    return out


def cells(fields) -> dict[str, tuple[str, int, int]]:
    """(sheet, row, column) of each field in the example workbook."""
    return {field: _cells()[field] for field in fields}


def workbook_with(tmp_path: Path, values: dict[str, object], how: str = "number") -> OpenpyxlFile:
    """A copy of seed000 whose given fields hold the given values, opened as the CLI opens it."""
    path = tmp_path / "单位自评.xlsm"
    shutil.copyfile(SEED, path)
    wb = openpyxl.load_workbook(path, keep_vba=True)
    where = cells(values)
    for field, value in values.items():
        sheet, row, col = where[field]
        wb[sheet].cell(row, col).value = MARK if how in ("file", "read") else value
    wb.save(path)
    if how == "file":
        (value,) = set(values.values())
        replace_in_sheets(path, repr(MARK), str(value))
    book = OpenpyxlFile(path)
    if how == "read":  # what a reader of another kind may hand over
        for field, value in values.items():
            sheet, row, col = where[field]
            book.book[sheet].cell(row, col).value = value
    return book


def problem_at(outcome: Outcome, field: str, where: tuple[str, int, int]):
    sheet, row, col = where
    return [
        (p.severity, p.message)
        for p in outcome.problems
        if (p.sheet, p.area.row, p.area.col) == (sheet, row, col)
    ]


_RUNS: dict[str, tuple[Outcome, Outcome, list[object]]] = {}


@pytest.fixture
def run_with(tmp_path_factory):
    """calculate and check on seed000 with one kind of bad value in every numeric input (once)."""

    def run(kind: str) -> tuple[Outcome, Outcome, list[object]]:
        if kind not in _RUNS:
            how, value = BAD[kind][:2]
            folder = tmp_path_factory.mktemp("bad")
            calculated = calculate(workbook_with(folder, dict.fromkeys(INPUTS, value), how))
            book = workbook_with(folder, dict.fromkeys(INPUTS, value), how)
            checked = check(book)
            listed = book.values(book.area(forms.checks.LIST.name))
            _RUNS[kind] = (calculated, checked, [line[5] for line in listed if line[5]])
        return _RUNS[kind]

    return run


@pytest.mark.parametrize("field", INPUTS)
@pytest.mark.parametrize("kind", BAD)
@pytest.mark.slow
def test_a_number_no_form_holds_is_an_error_on_its_cell(kind, field, run_with):
    calculated, checked, listed = run_with(kind)
    message = expected_message(field, *BAD[kind][2:])
    where = cells([field])[field]
    for outcome in (calculated, checked):
        assert (Severity.ERROR, message) in problem_at(outcome, field, where)
    assert T.U_CALCULATED_ERRORS.format(errors=calculated.errors) in calculated.message
    assert checked.errors >= 1  # the CLI's 检查 exits 1
    assert message in listed  # and 校验结果 lists it


# Budgets and weights at or below 0: (field, value, code, message).
NOT_POSITIVE = [
    ("budget.total", -362.83, "E134", "全年预算数为-362.83，应大于0，请核实"),
    ("budget.total", 0, "E130", "全年预算数为空或为0，无法计算执行率"),
    ("budget.spent", 0, "E134", "全年执行数为0，应大于0，请核实"),
    ("budget.spent", -303.13, "E134", "全年执行数为-303.13，应大于0，请核实"),
    ("budget.initial", -1, "E134", "年初预算数为-1，应大于0，请核实"),
    ("budget.weight", -10, "E135", "预算执行率的分值为-10，不能为负数"),
    ("indicator.weight", -10, "E117", "分值为-10，不能为负数"),
    ("indicator.weight", 0, "E118", T.F_WEIGHT_ZERO[1]),
]


@pytest.mark.slow
def test_an_initial_budget_of_zero_is_a_project_funded_during_the_year(tmp_path):
    """年初预算数 0 with a 全年预算数: the money came during the year (稷山县 2021, 大英县 2023)."""
    for value in (0, "0", "0.00"):
        checked = check(workbook_with(tmp_path, {"budget.initial": value}))
        assert not [p for p in checked.problems if p.code in ("E130", "E134")]


@pytest.mark.parametrize("field, value, code, message", NOT_POSITIVE)
@pytest.mark.slow
def test_a_budget_or_weight_at_or_below_zero_is_an_error(tmp_path, field, value, code, message):
    where = cells([field])[field]
    calculated = calculate(workbook_with(tmp_path, {field: value}))
    checked = check(workbook_with(tmp_path, {field: value}))
    for outcome in (calculated, checked):
        found = [p for p in outcome.problems if p.code == code]
        assert [(p.severity, p.message) for p in found] == [(Severity.ERROR, message)]
        assert (found[0].sheet, found[0].area.row, found[0].area.col) == where
    # Nothing is scored from a bad figure: no negative score pulls the total down.
    assert calculated.total is not None and calculated.total >= 0
    assert checked.errors >= 2  # this one and seed000's unexplained unmet row
