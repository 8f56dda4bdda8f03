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

from .numbers import fmt, fmt_percent
from .rules import Rules
from .scoring import Budget, IndicatorResult, Kind
from .selfeval import FormResult, SelfEvaluation
from .values import number_or_none

# Section indexes in the report (0-based, matching layout.REPORT_SECTIONS).
SPENDING, FUND, CAPITAL, INSURANCE, PERFORMANCE, PROBLEMS, MEASURES = 1, 2, 3, 4, 5, 6, 7


@dataclass(frozen=True)
class Facts:
    """What the narrative needs besides the scored form."""

    year: int
    unit: str
    public_final: object = None  # 公用经费, 本年决算
    three_public_budget: object = None  # 三公经费, 本年预算
    three_public_final: object = None  # 三公经费, 本年决算


def _money(value: Decimal | None) -> str:
    return "—" if value is None else f"{fmt(value)}万元"


def spending(b: Budget, result: FormResult, facts: Facts) -> str:
    total, spent, initial = (
        number_or_none(b.total),
        number_or_none(b.spent),
        number_or_none(b.initial),
    )
    basic, project = number_or_none(b.basic), number_or_none(b.project)
    parts = [f"{facts.year}年本单位全年预算数{_money(total)}"]
    if initial is not None:
        parts[0] += f"（年初预算数{_money(initial)}）"
    sentence = "，".join(parts) + f"，全年实际支出{_money(spent)}"
    shares = [
        f"{label}{_money(v)}"
        for label, v in (("基本支出", basic), ("项目支出", project))
        if v is not None
    ]
    if shares:
        sentence += "，其中" + "，".join(shares)
    if result.budget.rate is not None:
        sentence += f"，预算执行率{fmt_percent(result.budget.rate)}"
    sentence += "。"
    public = number_or_none(facts.public_final)
    if basic is not None and public is not None:
        sentence += f"基本支出中公用经费{_money(public)}。"
    return sentence


def no_spending(facts: Facts, amount: object) -> str | None:
    """ "本单位无此项支出" when the amount is recorded as zero; None when unknown."""
    value = number_or_none(amount)
    if value == 0:
        return f"{facts.year}年本单位无此项支出。"
    return None


def _row_name(ev: SelfEvaluation, i: int) -> str:
    return str(ev.indicators[i].level3 or "").replace("\n", "").strip() or f"第{i + 1}项指标"


def _unmet(ev: SelfEvaluation, result: FormResult) -> list[tuple[int, IndicatorResult]]:
    return [
        (i, r)
        for i, r in enumerate(result.rows)
        if r.kind is not Kind.BLANK and r.met is False and r.score is not None
    ]


def performance(ev: SelfEvaluation, result: FormResult) -> str:
    text = (
        f"根据《部门整体支出绩效自评表》，自评得分{fmt(result.total)}分，"
        f"部门整体支出绩效为“{result.grade}”。"
    )
    subs = [
        f"{s.category}{fmt(s.score)}分（分值{fmt(s.weight)}分）"
        for s in result.subtotals
        if s.weight
    ]
    if subs:
        text += "其中" + "，".join(subs) + "。"
    unmet = _unmet(ev, result)
    if unmet:
        items = []
        for i, r in unmet:
            ind = ev.indicators[i]
            items.append(
                f"{_row_name(ev, i)}（年度指标值{_clean(ind.target)}，实际完成{_clean(ind.actual)}，"
                f"得分{fmt(r.score or Decimal(0))}分）"
            )
        text += "未完全达到年度指标值的有：" + "；".join(items) + "。"
    else:
        text += "各项绩效指标均达到年度指标值。"
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
            f"预算执行率偏低。全年预算数{_money(number_or_none(ev.budget.total))}，实际支出"
            f"{_money(number_or_none(ev.budget.spent))}，执行率{fmt_percent(rate)}，低于{fmt_percent(rules.exec_rate_warning)}。"
        )
        measures.append(
            "加强预算执行管理。按月分析预算执行进度，对执行缓慢的资金及时查找原因、调整计划，提高预算编制的精准性。"
        )
    for i, _ in _unmet(ev, result):
        ind = ev.indicators[i]
        reason = _clean(ind.deviation)
        problems.append(
            f"“{_row_name(ev, i)}”未达到年度指标值（目标{_clean(ind.target)}，实际{_clean(ind.actual)}）"
            + (f"，原因：{reason}。" if reason else "。")
        )
        measures.append(
            f"针对“{_row_name(ev, i)}”，分析差距原因，细化年度目标和工作措施，加强过程跟踪。"
        )
    budget3, final3 = (
        number_or_none(facts.three_public_budget),
        number_or_none(facts.three_public_final),
    )
    if budget3 is not None and final3 is not None and final3 > budget3:
        problems.append(f"“三公”经费决算{_money(final3)}，超过预算{_money(budget3)}。")
        measures.append("严格执行“三公”经费预算，事前审批、事中控制，杜绝超预算支出。")
    if not problems:
        return "", ""
    numerals = "一二三四五六七八九十"

    def numbered(items: list[str]) -> str:
        return "\n".join(f"（{numerals[k] if k < 10 else k + 1}）{t}" for k, t in enumerate(items))

    return numbered(problems), numbered(measures)


def narrate(ev: SelfEvaluation, result: FormResult, facts: Facts, rules: Rules) -> dict[int, str]:
    """Generated text by section index; sections absent here are the clerk's to write."""
    out: dict[int, str] = {
        SPENDING: spending(ev.budget, result, facts),
        PERFORMANCE: performance(ev, result),
    }
    fund = no_spending(facts, ev.budget.income_fund)
    if fund:
        out[FUND] = fund
    problems, measures = problems_and_measures(ev, result, facts, rules)
    if problems:
        out[PROBLEMS] = problems
        out[MEASURES] = measures
    return out
