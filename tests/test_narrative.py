"""The report's generated sentences, from plain domain values (no workbook)."""

from __future__ import annotations

import dataclasses

from xlsrc.domain.basedata import BaseData
from xlsrc.domain.narrative import (
    MEASURES,
    PROBLEMS,
    Facts,
    narrate,
    performance,
    problems_and_measures,
)
from xlsrc.domain.scoring import Budget, Indicator
from xlsrc.domain.selfeval import SelfEvaluation, score_form


def unmet(name: object, n: int = 1) -> tuple[Indicator, ...]:
    return tuple(
        Indicator("产出指标", "数量指标", name, "≥10个", "5个", 10, "原因" if n else "")
        for _ in range(n)
    )


def form(indicators: tuple[Indicator, ...], spent: object = 100) -> SelfEvaluation:
    return SelfEvaluation(Budget(total=100, spent=spent, weight=10), indicators)


def test_facts_read_the_expense_lines():
    base = BaseData(
        expenses={
            "public": {"final": 3},
            "three_public": {"budget": 2, "final": 4},
        }
    )
    assert Facts.of(2024, base) == Facts(2024, 3, 2, 4)


def test_an_indicator_with_no_name_is_named_by_its_row_and_line_breaks_are_dropped(rules):
    ev = form(unmet(None) + unmet("新签\n约项目"))
    result = score_form(ev, rules, 2024)
    text = performance(ev, result)
    assert "第1项指标（年度指标值≥10个，实际完成5个，得分5分）" in text
    assert "；新签约项目（年度指标值" in text


def test_more_than_ten_problems_are_numbered_on(rules):
    ev = form(unmet("x", 12))
    result = score_form(ev, rules, 2024)
    problems, measures = problems_and_measures(ev, result, Facts(2024), rules)
    lines = problems.split("\n")
    assert len(lines) == 12 and len(measures.split("\n")) == 12
    assert lines[9].startswith("（十）") and lines[10].startswith("（11）")
    assert lines[11].startswith("（12）“x”未达到年度指标值（目标≥10个，实际5个），原因：原因。")


def test_an_unknown_amount_prints_a_dash(rules):
    ev = SelfEvaluation(Budget(total=None, spent=50, weight=10), unmet("x"))
    result = score_form(ev, rules, 2024)
    out = narrate(ev, result, Facts(2024), rules)
    assert "全年预算数—，全年实际支出50万元" in out["general_budget"]


def test_problems_and_measures_come_in_pairs_and_a_low_rate_comes_first(rules):
    ev = form(unmet("x"), spent=50)
    result = score_form(ev, rules, 2024)
    out = narrate(ev, result, Facts(2024), rules)
    assert out[PROBLEMS].startswith(
        "（一）预算执行率偏低。全年预算数100万元，实际支出50万元，执行率50%"
    )
    assert out[MEASURES].startswith("（一）加强预算执行管理。")
    stricter = dataclasses.replace(rules, exec_rate_warning=rules.exec_rate_warning / 2)
    relaxed = narrate(ev, result, Facts(2024), stricter)
    assert relaxed[PROBLEMS].startswith("（一）“x”未达到年度指标值")


def test_no_problem_no_section(rules):
    ev = form((Indicator("产出指标", "数量指标", "x", "≥10个", "12个", 10, ""),))
    out = narrate(ev, score_form(ev, rules, 2024), Facts(2024), rules)
    assert PROBLEMS not in out and MEASURES not in out
    assert out["performance"].endswith("各项绩效指标均达到年度指标值。")
