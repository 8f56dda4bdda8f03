"""The report's problems (七) and measures (八): each from a flag on the data, grouped by theme.

References:
    考核评分表 (附件5, seed 002): 反映问题 (20 points) asks for problems "从预算和预算绩效管理，
    部门履职效能，资金分配、使用和管理，资产和财务管理，政府采购等方面归纳", 建议 (15 points)
    for measures "与问题对应且全面"; "只提出资金不足问题的不得分". Seed 002's report (七 (一)
    预算精准性有待进一步提高 … 八 (一) 加强预算编制的前瞻性，提高预算编制水平). docs/rules.md §2
    (the flags: unmet indicators, 执行率 below the warning, 三公 over budget, over-achievement,
    weights, 基础数据表 against 自评表) and §3 (预算调整率: an adjustment above 10% of the
    年初预算 keeps at most 1 of its 3 points in 附件4-1; 财政供养人员控制率 above 100% loses
    points).

Limitations:
    A problem states what the figures show; a cause beyond them is the clerk's to add (the
    reason typed in 偏差原因分析 is quoted). A theme without a flag is not written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from . import text as T
from .findings import Finding, finding
from .numbers import fmt, fmt_percent, quantize
from .reportdata import Facts, actual_shown, clean, money, row_name
from .rules import Rules
from .scoring import Kind
from .selfeval import FormResult, SelfEvaluation
from .values import Quantity, number_or_none, parse_value

# An adjustment of the 年初预算 above this share makes a problem (docs/rules.md §3 预算调整率).
ADJUSTMENT_SHARE = Decimal("0.1")
# What clerks write in 偏差原因分析 when there was no deviation: no reason for an unmet row.
NO_REASON = frozenset({"无", "无偏差", "/", "／", "—", "-", "不涉及"})

# A sentence names this many indicators at most, then says how many there are in all.
NAMES_LISTED = 3
# Themes in the order the report lists them, each (problem heading, measure heading).
THEMES: tuple[tuple[str, tuple[str, str]], ...] = (
    ("budget", T.N_THEME_BUDGET),
    ("control", T.N_THEME_CONTROL),
    ("goals", T.N_THEME_GOALS),
    ("unmet", T.N_THEME_UNMET),
    ("data", T.N_THEME_DATA),
)


@dataclass(frozen=True)
class Issue:
    """One flag in words: the facts it shows and the measure that answers it."""

    theme: str
    problem: str
    measure: str


def quoted(name: str) -> str:
    """“name”, its own quotation marks turned into inner ones: “推进‘湘商回归’”."""
    return "“" + name.replace("“", "‘").replace("”", "’") + "”"


def listed(names: list[str]) -> str:
    """Names joined; past NAMES_LISTED the first ones and how many there are."""
    if len(names) <= NAMES_LISTED:
        return T.N_NAME_SEPARATOR.join(names)
    shown = T.N_NAME_SEPARATOR.join(names[:NAMES_LISTED])
    return T.N_MORE_NAMES.format(names=shown, count=len(names))


def _over(actual: object, limit: object) -> tuple[Decimal, Decimal] | None:
    """(actual, limit) when both are recorded and the actual is above the limit."""
    a, b = number_or_none(actual), number_or_none(limit)
    if a is None or b is None or a <= b:
        return None
    return a, b


def budget_issues(ev: SelfEvaluation, result: FormResult, rules: Rules) -> list[Issue]:
    """预算调整 beyond ADJUSTMENT_SHARE of the 年初预算; 执行率 below the rules' warning."""
    out: list[Issue] = []
    initial, total = number_or_none(ev.budget.initial), number_or_none(ev.budget.total)
    if initial is not None and total is not None and initial > 0:
        share = abs(total - initial) / initial
        if share > ADJUSTMENT_SHARE:
            problem = T.N_ADJUSTED.format(
                initial=money(initial), total=money(total), rate=fmt_percent(share)
            )
            out.append(Issue("budget", problem, T.N_ADJUSTED_MEASURE))
    rate = result.budget.rate
    if rate is not None and rate < rules.exec_rate_warning:
        problem = T.N_LOW_RATE.format(
            total=money(total),
            spent=money(number_or_none(ev.budget.spent)),
            rate=fmt_percent(rate),
            threshold=fmt_percent(rules.exec_rate_warning),
        )
        out.append(Issue("budget", problem, T.N_LOW_RATE_MEASURE))
    return out


def control_issues(facts: Facts) -> list[Issue]:
    """三公经费 and 公用经费 above their budgets; 在职人数 above the 编制数."""
    out: list[Issue] = []
    three = _over(facts.three_public_final, facts.three_public_budget)
    if three:
        problem = T.N_THREE_PUBLIC_OVER.format(final=money(three[0]), budget=money(three[1]))
        out.append(Issue("control", problem, T.N_THREE_PUBLIC_MEASURE))
    public = _over(facts.public_final, facts.public_budget)
    if public:
        problem = T.N_PUBLIC_OVER.format(final=money(public[0]), budget=money(public[1]))
        out.append(Issue("control", problem, T.N_PUBLIC_MEASURE))
    staff = _over(facts.staff_actual, facts.staff_authorized)
    if staff and staff[1] > 0:
        problem = T.N_STAFF_OVER.format(
            actual=fmt(staff[0]),
            authorized=fmt(staff[1]),
            rate=fmt_percent(staff[0] / staff[1]),
        )
        out.append(Issue("control", problem, T.N_STAFF_MEASURE))
    return out


def _ratio(target: object, actual: object) -> Decimal | None:
    a, b = parse_value(target), parse_value(actual)
    if isinstance(a, Quantity) and isinstance(b, Quantity) and a.number > 0:
        return quantize(b.number / a.number, 2)
    return None


def goal_issues(ev: SelfEvaluation, result: FormResult) -> list[Issue]:
    """Targets set too low (met many times over), targets only in words, weights off standard."""
    out: list[Issue] = []
    qualitative: list[str] = []
    for i, r in enumerate(result.rows):
        ind = ev.indicators[i]
        if any(f.code == T.W_OVER_ACHIEVED[0] for f in r.findings):
            ratio = _ratio(ind.target, ind.actual)
            if ratio is not None:
                problem = T.N_OVER_ACHIEVED.format(
                    name=quoted(row_name(ev, i)),
                    target=clean(ind.target),
                    actual=actual_shown(ind.actual),
                    ratio=fmt(ratio),
                )
                out.append(Issue("goals", problem, T.N_OVER_ACHIEVED_MEASURE))
        if r.kind is Kind.QUALITATIVE and r.weight:
            qualitative.append(quoted(row_name(ev, i)))
    if qualitative:
        problem = T.N_QUALITATIVE_TARGETS.format(names=listed(qualitative))
        out.append(Issue("goals", problem, T.N_QUALITATIVE_MEASURE))
    weights = [
        f.message
        for f in result.findings
        if f.code in (T.W_CATEGORY_WEIGHT[0], T.F_WEIGHT_TOTAL[0])
    ]
    if weights:
        problem = T.N_WEIGHTS.format(items=T.N_LIST_SEPARATOR.join(weights))
        out.append(Issue("goals", problem, T.N_WEIGHTS_MEASURE))
    return out


def unmet_issues(ev: SelfEvaluation, result: FormResult) -> list[Issue]:
    """Each indicator short of its target with the reason typed for it; one measure for all."""
    items: list[str] = []
    names: list[str] = []
    for i, r in enumerate(result.rows):
        if r.kind is Kind.BLANK or r.score is None:
            continue
        ind = ev.indicators[i]
        reason = clean(ind.deviation).rstrip("。；;")
        # A 定性 row judged inside 达成年度指标 is met, yet one scored below its weight with a
        # reason typed for it is short of full marks: the report names it as the clerk did.
        judged_short = (
            r.kind is Kind.QUALITATIVE
            and r.weight is not None
            and r.score < r.weight
            and bool(reason)
            and reason not in NO_REASON
        )
        if r.met is not False and not judged_short:
            continue
        said = (
            T.N_UNMET_REASON.format(reason=reason)
            if reason and reason not in NO_REASON
            else T.N_UNMET_NO_REASON
        )
        names.append(quoted(row_name(ev, i)))
        template = T.N_UNMET_QUALITATIVE if r.kind is Kind.QUALITATIVE else T.N_UNMET_ITEM
        items.append(
            template.format(
                name=quoted(row_name(ev, i)),
                target=clean(ind.target),
                actual=actual_shown(ind.actual),
                score=fmt(r.score),
                weight=fmt(r.weight or Decimal(0)),
                reason=said,
            )
        )
    if not items:
        return []
    measure = T.N_UNMET_MEASURE.format(names=listed(names))
    return [Issue("unmet", "".join(items), measure)]


def disagreements(
    ev: SelfEvaluation, facts: Facts
) -> list[tuple[tuple[str, str], str, dict[str, str]]]:
    """Figures of the report that differ from the tables: (finding spec, field, values)."""
    out: list[tuple[tuple[str, str], str, dict[str, str]]] = []
    public, base = number_or_none(facts.public), number_or_none(facts.public_final)
    if public is not None and base is not None and public != base:
        out.append(
            (T.W_REPORT_PUBLIC, "spend.public", {"report": money(public), "base": money(base)})
        )
    personnel, basic = number_or_none(facts.personnel), number_or_none(ev.budget.basic)
    if personnel is not None and public is not None and basic is not None:
        total = personnel + public
        if total != basic:
            values = {
                "personnel": money(personnel),
                "public": money(public),
                "total": money(total),
                "basic": money(basic),
            }
            out.append((T.W_REPORT_BASIC_SUM, "spend.personnel", values))
    return out


_TO_FILL = re.compile(re.escape(T.N_FILL.split("{", 1)[0]) + r"[^】]*】")


def unfilled(sections: Mapping[str, object]) -> list[Finding]:
    """检查: a report section still holding a blank the generated text left for the clerk."""
    out = []
    for key, text in sections.items():
        found = _TO_FILL.search(text) if isinstance(text, str) else None
        if found:
            out.append(finding(T.W_REPORT_TO_FILL, f"report.{key}.text", None, blank=found[0]))
    return out


def report_findings(ev: SelfEvaluation, facts: Facts) -> list[Finding]:
    """检查: the report's own figures against the 基础数据表 and the 自评表."""
    return [
        finding(spec, field, None, **values) for spec, field, values in disagreements(ev, facts)
    ]


def data_issues(ev: SelfEvaluation, facts: Facts) -> list[Issue]:
    """The disagreements 检查 reports, and 项目支出 of the two tables, as one theme."""
    sentences = {
        T.W_REPORT_PUBLIC[0]: T.N_REPORT_PUBLIC_MISMATCH,
        T.W_REPORT_BASIC_SUM[0]: T.N_REPORT_BASIC_MISMATCH,
    }
    out = [
        Issue("data", sentences[spec[0]].format(**values) + T.N_FULL_STOP, T.N_DATA_MEASURE)
        for spec, _, values in disagreements(ev, facts)
    ]
    base, own = number_or_none(facts.project_final), number_or_none(ev.budget.project)
    if base is not None and own is not None and base != own:
        problem = T.N_BASE_PROJECT_MISMATCH.format(base=money(base), self_=money(own))
        out.append(Issue("data", problem + T.N_FULL_STOP, T.N_DATA_MEASURE))
    return out


def issues(ev: SelfEvaluation, result: FormResult, facts: Facts, rules: Rules) -> tuple[Issue, ...]:
    """Every problem the data shows, theme by theme."""
    return (
        *budget_issues(ev, result, rules),
        *control_issues(facts),
        *goal_issues(ev, result),
        *unmet_issues(ev, result),
        *data_issues(ev, facts),
    )


def numbered(found: tuple[Issue, ...]) -> tuple[str, str]:
    """七 and 八: one numbered paragraph per theme, the measure under the same number.

    A measure said once for a theme is not repeated for each of its problems.
    """
    problems: list[str] = []
    measures: list[str] = []
    for theme, (problem_head, measure_head) in THEMES:
        mine = [i for i in found if i.theme == theme]
        if not mine:
            continue
        numeral = _numeral(len(problems))
        said: list[str] = []
        for i in mine:
            if i.measure not in said:
                said.append(i.measure)
        problems.append(
            T.N_ITEM.format(numeral=numeral, text=problem_head + "".join(i.problem for i in mine))
        )
        measures.append(T.N_ITEM.format(numeral=numeral, text=measure_head + "".join(said)))
    return "\n".join(problems), "\n".join(measures)


def _numeral(k: int) -> str:
    """一 … 十, then 11, 12 …"""
    return T.N_NUMERALS[k] if k < len(T.N_NUMERALS) else str(k + 1)
