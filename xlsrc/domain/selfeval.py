"""The whole 自评表: subtotals by 一级指标, total, grade, and the checks of the form as a whole.

References:
    财预〔2020〕10号 第二十九条 (standard weights 10/50/30/10 and grades);
    docs/rules.md §2 (weights must add to 100; 基本支出 + 项目支出 = 全年执行数;
    the income breakdown adds to 全年预算数).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from . import text as T
from .findings import Finding, finding
from .numbers import HUNDRED, ZERO, fmt, fmt_percent
from .rules import Rules, TotalCap
from .scoring import (
    Budget,
    BudgetResult,
    Indicator,
    IndicatorResult,
    Kind,
    as_text,
    grade,
    is_blank,
    read_number,
    score_budget,
    score_indicator,
)
from .values import normalize, number_or_none


@dataclass(frozen=True)
class Subtotal:
    category: str
    weight: Decimal
    score: Decimal


@dataclass(frozen=True)
class SelfEvaluation:
    budget: Budget
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True)
class FormResult:
    budget: BudgetResult
    rows: tuple[IndicatorResult, ...]
    categories: tuple[str, ...]
    subtotals: tuple[Subtotal, ...]
    weight_total: Decimal
    total: Decimal
    grade: str
    findings: tuple[Finding, ...] = field(default=())
    pending: str = ""  # why the total is not final ("" when it is): the grade is then 待核
    uncapped: Decimal | None = None  # the sum of the rows before a cap; None: the same as total
    cap: TotalCap | None = None  # the cap of the total by 执行率 that applies, if any

    @property
    def sum_total(self) -> Decimal:
        """The rows' sum, before any cap by 执行率."""
        return self.total if self.uncapped is None else self.uncapped

    def all_findings(self) -> list[Finding]:
        out = list(self.budget.findings)
        for row in self.rows:
            out.extend(row.findings)
        out.extend(self.findings)
        return out


_CATEGORY_KEYS = (
    ("产出", T.CATEGORY_OUTPUT),
    ("效益", T.CATEGORY_BENEFIT),
    ("满意", T.CATEGORY_SATISFACTION),
)


def category_of(level1: str) -> str:
    """The standard 一级指标 a label belongs to: "产出指标\\n(50分)" → 产出指标."""
    s = normalize(level1)
    for key, name in _CATEGORY_KEYS:
        if key in s:
            return name
    return re.sub(r"[(（].*$", "", s) or T.CATEGORY_OTHER


def fill_down(indicators: Sequence[Indicator]) -> tuple[str, ...]:
    """Each row's category; a blank 一级指标 continues the one above, as on the printed form."""
    out: list[str] = []
    current = T.CATEGORY_OTHER
    for ind in indicators:
        if not is_blank(ind.level1):
            current = category_of(as_text(ind.level1))
        out.append(current)
    return tuple(out)


def score_form(form: SelfEvaluation, rules: Rules, year: int | None = None) -> FormResult:
    """Score the whole 自评表: budget row, rows, subtotals by 一级指标, total, grade.

    The total is the rows' sum, capped by `rules.total_caps` when the execution rate is
    below a cap's `below` (docs/rules.md §7); the grade is the capped total's.
    """
    budget = score_budget(form.budget, rules)
    rows = tuple(score_indicator(ind, rules, year, row=i) for i, ind in enumerate(form.indicators))
    categories = fill_down(form.indicators)
    weights: dict[str, Decimal] = {}
    scores: dict[str, Decimal] = {}
    for cat, res in zip(categories, rows, strict=True):
        if res.kind is Kind.BLANK:
            continue
        weights[cat] = weights.get(cat, ZERO) + (res.weight or ZERO)
        scores[cat] = scores.get(cat, ZERO) + (res.score or ZERO)
    subtotals = [Subtotal(T.CATEGORY_BUDGET, budget.weight or ZERO, budget.score or ZERO)]
    subtotals += [Subtotal(cat, weights[cat], scores[cat]) for cat in weights]
    weight_total = sum((s.weight for s in subtotals), ZERO)
    uncapped = sum((s.score for s in subtotals), ZERO)
    findings: list[Finding] = []
    cap = rules.cap_for(budget.rate)
    total = uncapped if cap is None else min(uncapped, cap.max)
    if cap is not None and budget.rate is not None and total < uncapped:
        findings.append(
            finding(
                T.W_TOTAL_CAPPED,
                "form.total",
                None,
                rate=fmt_percent(budget.rate),
                below=fmt_percent(cap.below),
                max=fmt(cap.max),
                sum=fmt(uncapped),
                cut=fmt(uncapped - total),
            )
        )
    if weight_total != HUNDRED:
        findings.append(
            finding(T.F_WEIGHT_TOTAL, "form.weight_total", None, total=fmt(weight_total))
        )
    for sub in subtotals:
        expected = rules.expected_weight(sub.category)
        if expected is not None and sub.weight != expected:
            findings.append(
                finding(
                    T.W_CATEGORY_WEIGHT,
                    "form.weight_total",
                    None,
                    category=sub.category,
                    total=fmt(sub.weight),
                    expected=fmt(expected),
                )
            )
    findings.extend(_funds_checks(form.budget))
    unscored = _unscored(budget, rows)
    pending = _pending(unscored, weight_total)
    shown_grade = T.GRADE_PENDING if pending else grade(total, rules)
    if unscored:
        findings.append(
            finding(
                T.F_UNSCORED,
                "form.total",
                None,
                count=len(unscored),
                points=fmt(sum(unscored, ZERO)),
                grade=T.GRADE_PENDING,
            )
        )
    return FormResult(
        budget,
        rows,
        categories,
        tuple(subtotals),
        weight_total,
        total,
        shown_grade,
        tuple(findings),
        pending,
        uncapped if cap is not None else None,
        cap,
    )


def _unscored(budget: BudgetResult, rows: Sequence[IndicatorResult]) -> list[Decimal]:
    """The weights of rows that carry points but could not be scored."""
    out = [budget.weight] if budget.weight and budget.score is None else []
    out += [r.weight for r in rows if r.weight and r.score is None and r.kind is not Kind.BLANK]
    return out


def _pending(unscored: list[Decimal], weight_total: Decimal) -> str:
    """Why the total is not a grade yet (weights not 100, rows unscored), or "" (docs/rules.md §2).

    A total of rows that could not all be scored, or of weights that do not add to 100, is
    not a grade: 优/良 on it would be read as final by the bureau.
    """
    reasons = []
    if unscored:
        reasons.append(
            T.PENDING_UNSCORED.format(count=len(unscored), points=fmt(sum(unscored, ZERO)))
        )
    if weight_total != HUNDRED:
        reasons.append(T.PENDING_WEIGHTS.format(total=fmt(weight_total)))
    return T.PENDING_SEPARATOR.join(reasons)


def _funds_checks(b: Budget) -> list[Finding]:
    """基本支出 + 项目支出 = 全年执行数; income breakdown sums to 全年预算数 (docs/rules.md §2)."""
    out: list[Finding] = []
    # A bad 全年执行数 or 全年预算数 is reported by the budget row's own checks.
    spent = number_or_none(b.spent)
    total = number_or_none(b.total)
    basic = read_number(b.basic, "budget.basic", "基本支出", out)
    project = read_number(b.project, "budget.project", "项目支出", out)
    if spent is not None and (basic is not None or project is not None):
        parts = (basic or ZERO) + (project or ZERO)
        if parts != spent:
            out.append(
                finding(
                    T.F_BASIC_PROJECT_SUM,
                    "budget.basic",
                    None,
                    basic=fmt(basic or ZERO),
                    project=fmt(project or ZERO),
                    total=fmt(parts),
                    spent=fmt(spent),
                )
            )
    incomes = [
        read_number(v, name, label, out)
        for v, name, label in (
            (b.income_general, "budget.income_general", "一般公共预算"),
            (b.income_fund, "budget.income_fund", "政府性基金拨款"),
            (b.income_special, "budget.income_special", "纳入专户管理的非税收入拨款"),
            (b.income_other, "budget.income_other", "其他资金"),
        )
    ]
    known = [v for v in incomes if v is not None]
    if total is not None and known and sum(known, ZERO) != total:
        out.append(
            finding(
                T.F_INCOME_SUM,
                "budget.income_general",
                None,
                total=fmt(sum(known, ZERO)),
                budget=fmt(total),
            )
        )
    return out
