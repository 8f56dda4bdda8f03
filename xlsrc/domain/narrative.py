"""The report's data-driven paragraphs: spending, the score and grade, problems and measures.

References:
    The 2024 report of seed 002 (sections 一–十, sentences such as "2024年本单位
    部门预算资金194.72万元…预算执行率100%" and "自评得分98分，部门整体支出绩效为
    “优”"); 考核评分表 (附件5): problems must follow from the facts and "只提出
    资金不足" scores 0, so each problem here comes from a flag on the data.

Limitations:
    Sections that need facts the forms do not hold (一 职能与机构, 九 应用和公开,
    十 其他) are left to the clerk; 三–五 are written only when the data
    says there was no such spending.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from . import text as T
from .basedata import BaseData
from .numbers import fmt, fmt_percent
from .rules import Rules
from .scoring import Budget, IndicatorResult, Kind
from .selfeval import FormResult, SelfEvaluation
from .values import number_or_none

# Section keys of the report (the 自评报告 form declares the same keys, in its order).
GENERAL_BUDGET = "general_budget"  # 二、一般公共预算支出情况
FUND_BUDGET = "fund_budget"  # 三、政府性基金预算支出情况
PERFORMANCE = "performance"  # 六、部门整体支出绩效情况
PROBLEMS = "problems"  # 七、存在的问题及原因分析
MEASURES = "measures"  # 八、下一步改进措施
SECTIONS = (GENERAL_BUDGET, FUND_BUDGET, PERFORMANCE, PROBLEMS, MEASURES)


@dataclass(frozen=True)
class Facts:
    """What the narrative needs besides the scored form."""

    year: int
    public_final: object = None  # 公用经费, 本年决算
    three_public_budget: object = None  # 三公经费, 本年预算
    three_public_final: object = None  # 三公经费, 本年决算

    @classmethod
    def of(cls, year: int, base: BaseData) -> Facts:
        return cls(
            year,
            public_final=base.expense("public", "final"),
            three_public_budget=base.expense("three_public", "budget"),
            three_public_final=base.expense("three_public", "final"),
        )


def _money(value: Decimal | None) -> str:
    return T.N_MONEY_UNKNOWN if value is None else T.N_MONEY.format(amount=fmt(value))


def spending(b: Budget, result: FormResult, facts: Facts) -> str:
    total, spent, initial = (
        number_or_none(b.total),
        number_or_none(b.spent),
        number_or_none(b.initial),
    )
    basic, project = number_or_none(b.basic), number_or_none(b.project)
    sentence = T.N_BUDGET.format(year=facts.year, total=_money(total))
    if initial is not None:
        sentence += T.N_BUDGET_INITIAL.format(initial=_money(initial))
    sentence += T.N_SPENT.format(spent=_money(spent))
    shares = [
        T.N_SHARE.format(label=label, amount=_money(v))
        for label, v in ((T.N_SHARE_BASIC, basic), (T.N_SHARE_PROJECT, project))
        if v is not None
    ]
    if shares:
        sentence += T.N_SHARES.format(shares=T.N_CLAUSE_SEPARATOR.join(shares))
    if result.budget.rate is not None:
        sentence += T.N_RATE.format(rate=fmt_percent(result.budget.rate))
    sentence += T.N_FULL_STOP
    public = number_or_none(facts.public_final)
    if basic is not None and public is not None:
        sentence += T.N_PUBLIC.format(amount=_money(public))
    return sentence


def no_spending(facts: Facts, amount: object) -> str | None:
    """ "本单位无此项支出" when the amount is recorded as zero; None when unknown."""
    value = number_or_none(amount)
    if value == 0:
        return T.N_NO_SPENDING.format(year=facts.year)
    return None


def _row_name(ev: SelfEvaluation, i: int) -> str:
    name = str(ev.indicators[i].level3 or "").replace("\n", "").strip()
    return name or T.N_ROW_FALLBACK.format(number=i + 1)


def _unmet(ev: SelfEvaluation, result: FormResult) -> list[tuple[int, IndicatorResult]]:
    return [
        (i, r)
        for i, r in enumerate(result.rows)
        if r.kind is not Kind.BLANK and r.met is False and r.score is not None
    ]


def performance(ev: SelfEvaluation, result: FormResult) -> str:
    text = T.N_SCORE.format(total=fmt(result.total), grade=result.grade)
    subs = [
        T.N_SUBTOTAL.format(category=s.category, score=fmt(s.score), weight=fmt(s.weight))
        for s in result.subtotals
        if s.weight
    ]
    if subs:
        text += T.N_SUBTOTALS.format(items=T.N_CLAUSE_SEPARATOR.join(subs))
    unmet = _unmet(ev, result)
    if unmet:
        items = []
        for i, r in unmet:
            ind = ev.indicators[i]
            items.append(
                T.N_UNMET_ITEM.format(
                    name=_row_name(ev, i),
                    target=_clean(ind.target),
                    actual=_clean(ind.actual),
                    score=fmt(r.score or Decimal(0)),
                )
            )
        text += T.N_UNMET.format(items=T.N_LIST_SEPARATOR.join(items))
    else:
        text += T.N_ALL_MET
    return text


def _clean(value: object) -> str:
    return "".join(str(value or "").split())


def problems_and_measures(
    ev: SelfEvaluation, result: FormResult, facts: Facts, rules: Rules
) -> tuple[str, str]:
    """Problems found in the data, each with the measure that answers it."""
    problems: list[str] = []
    measures: list[str] = []
    rate = result.budget.rate
    if rate is not None and rate < rules.exec_rate_warning:
        problems.append(
            T.N_PROBLEM_LOW_RATE.format(
                total=_money(number_or_none(ev.budget.total)),
                spent=_money(number_or_none(ev.budget.spent)),
                rate=fmt_percent(rate),
                threshold=fmt_percent(rules.exec_rate_warning),
            )
        )
        measures.append(T.N_MEASURE_LOW_RATE)
    for i, _ in _unmet(ev, result):
        ind = ev.indicators[i]
        reason = _clean(ind.deviation)
        name = _row_name(ev, i)
        problems.append(
            T.N_PROBLEM_UNMET.format(
                name=name, target=_clean(ind.target), actual=_clean(ind.actual)
            )
            + (T.N_PROBLEM_REASON.format(reason=reason) if reason else T.N_FULL_STOP)
        )
        measures.append(T.N_MEASURE_UNMET.format(name=name))
    budget3, final3 = (
        number_or_none(facts.three_public_budget),
        number_or_none(facts.three_public_final),
    )
    if budget3 is not None and final3 is not None and final3 > budget3:
        problems.append(
            T.N_PROBLEM_THREE_PUBLIC.format(final=_money(final3), budget=_money(budget3))
        )
        measures.append(T.N_MEASURE_THREE_PUBLIC)
    if not problems:
        return "", ""
    return _numbered(problems), _numbered(measures)


def _numbered(items: list[str]) -> str:
    numerals = T.N_NUMERALS
    return "\n".join(
        T.N_ITEM.format(numeral=numerals[k] if k < len(numerals) else k + 1, text=t)
        for k, t in enumerate(items)
    )


def narrate(ev: SelfEvaluation, result: FormResult, facts: Facts, rules: Rules) -> dict[str, str]:
    """Generated text by section key; sections absent here are the clerk's to write."""
    out: dict[str, str] = {
        GENERAL_BUDGET: spending(ev.budget, result, facts),
        PERFORMANCE: performance(ev, result),
    }
    fund = no_spending(facts, ev.budget.income_fund)
    if fund:
        out[FUND_BUDGET] = fund
    problems, measures = problems_and_measures(ev, result, facts, rules)
    if problems:
        out[PROBLEMS] = problems
        out[MEASURES] = measures
    return out
