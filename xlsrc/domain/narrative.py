"""The report's sections, written from the workbook's data as a department's report writes them.

References:
    The 2024 report of seed 002 (sections 一–十 and the 附件 list; sentences such as
    "2024年本单位部门预算资金194.72万元（基本支出174.1万元，项目支出20.62万元），全年实际
    支出194.72万元……预算执行率100%" and "根据《部门整体支出绩效自评表》自评得分98分…
    部门整体支出绩效为“优”"); docs/rules.md §5 (what each section holds); 考核评分表 (附件5):
    problems must follow from the facts and "只提出资金不足" scores 0, so each problem comes
    from a flag on the data (`xlsrc.domain.problems`).

Limitations:
    四 and 五 are written only when the clerk records those budgets (0 → 无此项支出); a blank
    figure leaves the section to the clerk, as does 一 without 职能 and 机构设置. The opening
    of 六 is chosen by the grade; its words of praise are the seed's and the clerk should
    confirm them.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from . import text as T
from .numbers import fmt, fmt_percent
from .problems import issues, numbered
from .reportdata import Facts, ProjectFacts, actual_shown, clean, lines_of, money, row_name, text_of
from .rules import Rules
from .scoring import IndicatorResult, Kind
from .selfeval import FormResult, SelfEvaluation, fill_down
from .values import number_or_none

# Section keys of the report (the 自评报告 form declares the same keys, in its order).
BASIC = "basic"  # 一、部门（单位）基本情况
GENERAL_BUDGET = "general_budget"  # 二、一般公共预算支出情况
FUND_BUDGET = "fund_budget"  # 三、政府性基金预算支出情况
CAPITAL_BUDGET = "capital_budget"  # 四、国有资本经营预算支出情况
INSURANCE_BUDGET = "insurance_budget"  # 五、社会保险基金预算支出情况
PERFORMANCE = "performance"  # 六、部门整体支出绩效情况
PROBLEMS = "problems"  # 七、存在的问题及原因分析
MEASURES = "measures"  # 八、下一步改进措施
PUBLICATION = "publication"  # 九、部门整体支出绩效自评结果拟应用和公开情况
OTHER = "other"  # 十、其他需要说明的情况
ATTACHMENTS = "attachments"  # 附件
# 预期目标 lines up to this long are a list the report runs into one sentence (seed 002's
# "1.招商引资整体情况稳中有进"); longer lines are paragraphs and stay paragraphs.
GOAL_LIST_ITEM = 40
SECTIONS = (
    BASIC,
    GENERAL_BUDGET,
    FUND_BUDGET,
    CAPITAL_BUDGET,
    INSURANCE_BUDGET,
    PERFORMANCE,
    PROBLEMS,
    MEASURES,
    PUBLICATION,
    OTHER,
    ATTACHMENTS,
)

# -- 一


def basic(facts: Facts) -> str | None:
    """一: the unit's 职能 and 机构设置 as the clerk typed them, under their sub-headings."""
    out: list[str] = []
    for heading, lines in (
        (T.N_SUB_FUNCTIONS, lines_of(facts.functions)),
        (T.N_SUB_STRUCTURE, lines_of(facts.structure)),
    ):
        if lines:
            # 机构设置 is (二) after 职能, (一) alone.
            out.append(heading.format(numeral=T.N_NUMERALS[1 if out else 0]))
            out.extend(lines)
    return "\n".join(out) or None


# -- 二 to 五


def spending(ev: SelfEvaluation, result: FormResult, facts: Facts) -> str:
    """二: the budget and its execution, 基本支出 split into 人员经费 and 公用经费, 项目支出."""
    b = ev.budget
    total, spent = number_or_none(b.total), number_or_none(b.spent)
    basic_spent, project = number_or_none(b.basic), number_or_none(b.project)
    first = T.N_BUDGET.format(year=facts.year, total=money(total))
    project_budget = number_or_none(facts.project_budget)
    if total is not None and project_budget is not None:
        first += T.N_BUDGET_SPLIT.format(
            basic=money(total - project_budget), project=money(project_budget)
        )
    first += T.N_SPENT.format(spent=money(spent))
    shares = [
        T.N_SHARE.format(label=label, amount=money(v))
        for label, v in ((T.N_SHARE_BASIC, basic_spent), (T.N_SHARE_PROJECT, project))
        if v  # a share of nothing is not said
    ]
    if shares:
        first += T.N_SHARES.format(shares=T.N_CLAUSE_SEPARATOR.join(shares))
    if result.budget.rate is not None:
        first += T.N_RATE.format(rate=fmt_percent(result.budget.rate))
    out = [T.N_SUB_BASIC, first + T.N_FULL_STOP]
    personnel, public = number_or_none(facts.personnel), number_or_none(facts.public)
    if public is None:
        public = number_or_none(facts.public_final)
    parts = []
    if personnel is not None:
        parts.append(T.N_PERSONNEL.format(amount=money(personnel)))
    if public is not None:
        parts.append(T.N_PUBLIC.format(amount=money(public)))
    if basic_spent is not None and parts:
        out.append(
            T.N_BASIC.format(
                year=facts.year, basic=money(basic_spent), parts=T.N_CLAUSE_SEPARATOR.join(parts)
            )
        )
    out.append(T.N_BASIC_DEFINITION)
    if project is not None or facts.projects:
        out.append(T.N_SUB_PROJECT)
        first = "" if project is None else _project(project, facts)
        out.append(first + projects(facts.projects))
    return "\n".join(out)


def _project(project: Decimal, facts: Facts) -> str:
    if project == 0:
        return T.N_NO_PROJECT.format(year=facts.year)
    sentence = T.N_PROJECT.format(year=facts.year, amount=money(project))
    items = [
        T.N_SHARE.format(label=name, amount=money(value))
        for name, raw in facts.project_lines
        if (value := number_or_none(raw))
    ]
    if items:
        sentence += T.N_PROJECT_LINES.format(lines=T.N_NAME_SEPARATOR.join(items))
    return sentence + T.N_FULL_STOP


def projects(listed: Sequence[ProjectFacts]) -> str:
    """ "共实施项目3个：A全年预算120.00万元，执行118.50万元，执行率98.75%，自评得分95.2分（优）；…。"
    from each project's 项目支出绩效自评表; "" without projects."""
    if not listed:
        return ""
    items = []
    for p in listed:
        clauses = []
        if p.budget is not None:
            clauses.append(T.N_PROJECT_BUDGET.format(amount=money(p.budget)))
        if p.spent is not None:
            clauses.append(T.N_PROJECT_SPENT.format(amount=money(p.spent)))
        if p.rate is not None:
            clauses.append(T.N_PROJECT_RATE.format(rate=fmt_percent(p.rate)))
        if p.total is not None:
            score = T.N_PROJECT_SCORE.format(total=fmt(p.total))
            clauses.append(score + (T.N_PROJECT_GRADE.format(grade=p.grade) if p.grade else ""))
        items.append(p.name + T.N_CLAUSE_SEPARATOR.join(clauses))
    text = T.N_PROJECTS.format(count=len(listed), items=T.N_LIST_SEPARATOR.join(items))
    return text + T.N_FULL_STOP


def budget_line(facts: Facts, amount: object, template: str) -> str | None:
    """三–五: "本单位无此项支出" for a zero, the amount otherwise; None when not recorded."""
    value = number_or_none(amount)
    if value is None:
        return None
    if value == 0:
        return T.N_NO_SPENDING.format(year=facts.year)
    return template.format(year=facts.year, amount=money(value))


# -- 六


def _opening(result: FormResult, facts: Facts) -> str:
    """What the data says of the year (indicators met, spending kept within its limits), a
    visible blank for the clerk's own judgment of it, and the score."""
    scored = [r for r in result.rows if r.kind not in (Kind.BLANK, Kind.NOT_APPLICABLE)]
    met = sum(1 for r in scored if r.met or (r.met is None and r.score == r.weight))
    if scored:
        text = T.N_INTRO_COUNT.format(year=facts.year, count=len(scored), met=met)
        if met < len(scored):
            text += T.N_INTRO_SHORT.format(short=len(scored) - met)
        text += T.N_FULL_STOP + T.N_INTRO_JUDGMENT
    else:
        text = T.N_INTRO_YEAR.format(year=facts.year) + T.N_INTRO_JUDGMENT
    clauses = []
    staff = _within(facts.staff_actual, facts.staff_authorized)
    if staff:
        clauses.append(T.N_CONTROL_PERSONNEL)
    if _within(facts.public_final, facts.public_budget):
        clauses.append(T.N_CONTROL_PUBLIC)
    if _within(facts.three_public_final, facts.three_public_budget):
        clauses.append(T.N_CONTROL_THREE_PUBLIC)
    if clauses:
        text += T.N_LIST_SEPARATOR.join(clauses) + T.N_FULL_STOP
    text += T.N_SCORE.format(total=fmt(result.total), grade=result.grade)
    cap, rate = result.cap, result.budget.rate
    if cap is not None and rate is not None and result.total < result.sum_total:
        text += T.N_SCORE_CAPPED.format(
            rate=fmt_percent(rate),
            below=fmt_percent(cap.below),
            max=fmt(cap.max),
            sum=fmt(result.sum_total),
        )
    return text


def _within(actual: object, limit: object) -> bool:
    """Both figures recorded and the actual not above the limit (a budget, the 编制数)."""
    a, b = number_or_none(actual), number_or_none(limit)
    return a is not None and b is not None and b > 0 and a <= b


def _notable(ev: SelfEvaluation, i: int, r: IndicatorResult) -> str | None:
    """The sentence for a row the report must name (short of its target, scored below its
    weight, or exceeding its target by far), None for a row met as planned."""
    ind = ev.indicators[i]
    name, actual = row_name(ev, i), actual_shown(ind.actual)
    score, weight = fmt(r.score or Decimal(0)), fmt(r.weight or Decimal(0))
    deducted = r.score is not None and r.weight is not None and r.score < r.weight
    if r.kind is Kind.QUALITATIVE:
        if not deducted and r.met is not False:
            return None
        return T.N_ITEM_QUALITATIVE.format(name=name, actual=actual, score=score, weight=weight)
    target = clean(ind.target)
    if r.met is False or deducted:
        return T.N_ITEM_UNMET.format(
            name=name, target=target, actual=actual, score=score, weight=weight
        )
    if any(f.code == T.W_OVER_ACHIEVED[0] for f in r.findings):
        return T.N_ITEM_EXCEEDED.format(name=name, target=target, actual=actual)
    if r.met is None:  # not scored by the rules: said as it is, for the clerk to see
        return T.N_ITEM_MET.format(name=name, target=target, actual=actual)
    return None


def indicator_groups(ev: SelfEvaluation, result: FormResult) -> list[str]:
    """One sentence per 一级指标: its weight and score, then per 二级 group how many indicators
    met their targets, naming only those that did not, lost points or went far beyond."""
    categories = fill_down(ev.indicators)
    groups: dict[str, dict[str, list[str | None]]] = {}
    level2 = ""
    for i, (category, r) in enumerate(zip(categories, result.rows, strict=True)):
        ind = ev.indicators[i]
        if text_of(ind.level1):
            level2 = ""
        if text_of(ind.level2):
            level2 = "".join(text_of(ind.level2).split())
        if r.kind in (Kind.BLANK, Kind.NOT_APPLICABLE):
            continue
        groups.setdefault(category, {}).setdefault(level2, []).append(_notable(ev, i, r))
    subtotal = {s.category: s for s in result.subtotals}
    out = []
    for category, by_level2 in groups.items():
        s = subtotal[category]
        named = [_named(l2, rows) for l2, rows in by_level2.items() if any(rows)]
        met = [(l2 or T.N_GROUP_UNNAMED, len(rows)) for l2, rows in by_level2.items()]
        met = [m for m, rows in zip(met, by_level2.values(), strict=True) if not any(rows)]
        if met:
            count = sum(n for _, n in met)
            labels = T.N_NAME_SEPARATOR.join(label for label, _ in met)
            template = T.N_GROUPS_MET if count > 1 else T.N_GROUP_ONE_MET
            named.append(
                template.format(labels=labels, count=count, rest=T.N_REST if named else "")
            )
        out.append(
            T.N_CATEGORY.format(
                category=category, weight=fmt(s.weight), score=fmt(s.score), groups="".join(named)
            )
        )
    return out


def _named(level2: str, rows: list[str | None]) -> str:
    """A 二级 group with rows to name: those rows, and how many others met their targets."""
    named = [x for x in rows if x]
    label = level2 or T.N_GROUP_UNNAMED
    items = T.N_LIST_SEPARATOR.join(named)
    rest = len(rows) - len(named)
    if not rest:
        return T.N_GROUP_ALL_NAMED.format(level2=label, items=items)
    text = T.N_GROUP_NAMED.format(level2=label, count=len(rows), items=items)
    return text + (T.N_GROUP_REST_MET if rest > 1 else T.N_GROUP_REST_ONE).format(count=rest)


def performance(ev: SelfEvaluation, result: FormResult, facts: Facts, rules: Rules) -> str:
    """六: the opening and the score, the goals and each indicator group, 资产管理."""
    out = [_opening(result, facts), T.N_SUB_GOALS.format(year=facts.year)]
    expected = [line.rstrip("。；;，,") for line in lines_of(facts.goal_expected)]
    if expected and max(map(len, expected)) <= GOAL_LIST_ITEM:
        out.append(T.N_GOALS_EXPECTED.format(goals=T.N_LIST_SEPARATOR.join(expected)))
    elif expected:  # paragraphs, not a list: each stays a paragraph
        out.append(T.N_GOALS_EXPECTED_TEXT)
        out.extend(lines_of(facts.goal_expected))
    out.extend(lines_of(facts.goal_actual))
    b = result.budget
    if b.rate is not None and b.score is not None and b.weight is not None:
        out.append(
            T.N_BUDGET_ROW.format(
                rate=fmt_percent(b.rate), score=fmt(b.score), weight=fmt(b.weight)
            )
        )
    out.extend(indicator_groups(ev, result))
    out.append(T.N_SUB_ASSETS)
    out.extend(lines_of(facts.assets) or [T.N_ASSETS_TO_FILL])
    return "\n".join(out)


# -- 九, 十, 附件


def publication(facts: Facts, rules: Rules) -> str:
    basis = rules.publication_basis or T.N_PUBLICATION_BASIS
    site = text_of(facts.site) or T.N_PUBLICATION_SITE_DEFAULT
    return T.N_PUBLICATION.format(year=facts.year, basis=basis) + T.N_PUBLICATION_SITE.format(
        site=site
    )


def attachments(facts: Facts) -> str | None:
    items = [T.N_ATTACHMENT.format(number=i, title=t) for i, t in enumerate(facts.attachments, 1)]
    return "\n".join(items) or None


def narrate(ev: SelfEvaluation, result: FormResult, facts: Facts, rules: Rules) -> dict[str, str]:
    """Generated text by section key; sections absent here are the clerk's to write."""
    problems, measures = numbered(issues(ev, result, facts, rules))
    out: dict[str, str | None] = {
        BASIC: basic(facts),
        GENERAL_BUDGET: spending(ev, result, facts),
        FUND_BUDGET: budget_line(facts, ev.budget.income_fund, T.N_FUND),
        CAPITAL_BUDGET: budget_line(facts, facts.capital, T.N_CAPITAL),
        INSURANCE_BUDGET: budget_line(facts, facts.insurance, T.N_INSURANCE),
        PERFORMANCE: performance(ev, result, facts, rules),
        PROBLEMS: problems or None,
        MEASURES: measures or None,
        PUBLICATION: publication(facts, rules),
        OTHER: T.N_OTHER,
        ATTACHMENTS: attachments(facts),
    }
    return {k: v for k, v in out.items() if v}
