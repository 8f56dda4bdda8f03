"""基础数据表 (附件1) in the domain: its derived rates and its agreement with the 自评表."""

from decimal import Decimal as D

import pytest

from xlsrc.domain.basedata import BaseData, BaseResult, cross_check, derive, ratio
from xlsrc.domain.findings import Severity


@pytest.mark.parametrize(
    ("numerator", "denominator", "places", "rate"),
    [
        (7, 8, 4, D("0.875")),  # seed 002: 8 编制, 7 在职 → 87.5%
        ("7", "8", 4, D("0.875")),  # as typed into a text cell
        (1, 3, 4, D("0.3333")),
        (2, 3, 4, D("0.6667")),  # half up
        (2, 3, 2, D("0.67")),
        (120, 100, 4, D("1.2")),  # over 100% stays as it is
        (0, 5, 4, D(0)),
    ],
)
def test_a_rate_is_rounded_half_up_to_its_places(numerator, denominator, places, rate):
    assert ratio(numerator, denominator, places) == rate


@pytest.mark.parametrize(("numerator", "denominator"), [(7, 0), (None, 8), (7, None), ("七", 8)])
def test_no_rate_without_two_numbers_and_a_denominator(numerator, denominator):
    assert ratio(numerator, denominator) is None


def test_each_rate_divides_the_actual_by_the_plan():
    base = BaseData(
        staff_authorized=8,
        staff_actual=7,
        building_plan=200,
        building_actual=150,
        invest_plan=3,
        invest_actual=4,
    )
    assert derive(base) == BaseResult(D("0.875"), D("0.75"), D("1.3333"))
    assert derive(BaseData()) == BaseResult(None, None, None)


def test_an_expense_figure_is_none_when_its_line_or_column_is_absent():
    base = BaseData(expenses={"project": {"final": "20.62"}, "public": {}})
    assert base.expense("project", "final") == "20.62"
    assert base.expense("project", "budget") is None
    assert base.expense("three_public", "final") is None


def test_the_project_spending_must_agree_with_the_self_evaluation():
    base = BaseData(expenses={"project": {"final": "20.62"}})
    (only,) = cross_check(base, "20.6")
    assert (only.code, only.severity, only.field, only.row) == (
        "E142",
        Severity.ERROR,
        "budget.project",
        None,
    )
    assert only.message == "基础数据表项目支出（本年决算）20.62与自评表项目支出20.6不一致"
    assert cross_check(base, D("20.620")) == []
    assert cross_check(base, None) == []
    assert cross_check(BaseData(), 20) == []
