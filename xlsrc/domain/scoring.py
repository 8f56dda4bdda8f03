"""Scoring rules of one row of the 自评表: the budget-execution row and each indicator.

References:
    财政部《项目支出绩效评价管理办法》(财预〔2020〕10号) 第二十九条 and 附件
    (proportional scoring of 定量 indicators, the three 定性 bands, grades
    优/良/中/差); the published 岳阳市 2024 forms in ../shared/seeds (rounding:
    seed 000 reproduces 83.55%, 8.36, 8.6).

Limitations:
    Region/year differences are read from `Rules`; a locality whose rule is
    not expressible there needs a new setting, not a special case here.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from . import text as T
from .findings import Finding, finding
from .numbers import ONE, ZERO, fmt, fmt_percent, quantize
from .rules import Band, Rules
from .values import (
    Deadline,
    Descriptive,
    Empty,
    NotApplicable,
    NotUnderstood,
    OnTime,
    Op,
    ParsedValue,
    Qualitative,
    Quantity,
    normalize,
    parse_number,
    parse_value,
)


class Kind(Enum):
    POSITIVE = T.KIND_POSITIVE
    REVERSE = T.KIND_REVERSE
    EQUALITY = T.KIND_EQUALITY
    TIME = T.KIND_TIME
    QUALITATIVE = T.KIND_QUALITATIVE
    NOT_APPLICABLE = T.KIND_NOT_APPLICABLE
    UNKNOWN = T.KIND_UNKNOWN
    BLANK = ""


@dataclass(frozen=True)
class Indicator:
    """One row of the indicator block, raw cell values as read."""

    level1: object = None
    level2: object = None
    level3: object = None
    target: object = None
    actual: object = None
    weight: object = None
    deviation: object = None
    band: object = None  # 定性档次 chosen by the clerk
    manual: object = None  # 人工评分: a 定性 score inside the band, or an override
    reason: object = None  # 调整理由 for an override

    def is_blank(self) -> bool:
        return all(
            is_blank(v)
            for v in (self.level3, self.target, self.actual, self.weight, self.manual, self.band)
        )


@dataclass(frozen=True)
class IndicatorResult:
    kind: Kind
    rule_score: Decimal | None
    score: Decimal | None
    met: bool | None
    weight: Decimal | None
    findings: tuple[Finding, ...] = ()
    band: str = ""


@dataclass(frozen=True)
class Budget:
    """The 年度资金总额 row and the funds breakdown, raw cell values (万元)."""

    initial: object = None
    total: object = None
    spent: object = None
    weight: object = 10
    income_general: object = None
    income_fund: object = None
    income_special: object = None
    income_other: object = None
    basic: object = None
    project: object = None


@dataclass(frozen=True)
class BudgetResult:
    rate: Decimal | None
    score: Decimal | None
    weight: Decimal | None
    findings: tuple[Finding, ...] = ()


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def as_text(value: object) -> str:
    return "" if value is None else str(value).strip()


def grade(total: Decimal, rules: Rules) -> str:
    """优/良/中/差 by the rules' lower bounds (财预〔2020〕10号 第二十九条)."""
    for bound, name in rules.grades:
        if total >= bound:
            return name
    return rules.grades[-1][1]


def kind_of(target: ParsedValue) -> Kind:
    """How a row is scored, from its parsed 年度指标值."""
    if isinstance(target, NotApplicable):
        return Kind.NOT_APPLICABLE
    if isinstance(target, Quantity):
        if target.op in (Op.LE, Op.LT):
            return Kind.REVERSE
        if target.op is Op.EQ:
            return Kind.EQUALITY
        return Kind.POSITIVE
    if isinstance(target, (Deadline, OnTime)):
        return Kind.TIME
    if isinstance(target, (Qualitative, Descriptive)):
        return Kind.QUALITATIVE
    return Kind.UNKNOWN


def score_budget(budget: Budget, rules: Rules) -> BudgetResult:
    """执行率 = 全年执行数 / 全年预算数; 得分 = 分值 × min(执行率, 100%).

    The rate is rounded first (seed 000: 0.835460… → 83.55%), then the score
    (10 × 83.55% = 8.355 → 8.36), both half up.
    """
    findings: list[Finding] = []
    weight = read_number(budget.weight, "budget.weight", "分值", findings)
    if weight is not None and weight < ZERO:  # 0 is allowed: some regions leave the row out
        findings.append(finding(T.F_BUDGET_WEIGHT_NEGATIVE, "budget.weight", weight=fmt(weight)))
        weight = None
    _positive(budget.initial, "budget.initial", "年初预算数", findings)
    total = read_number(budget.total, "budget.total", "全年预算数", findings)
    if total is not None and total < ZERO:  # 0 is reported below, as a blank is
        total = _positive(total, "budget.total", "全年预算数", findings)
    spent = _positive(budget.spent, "budget.spent", "全年执行数", findings)
    if total is None or total == ZERO:
        if not any(f.field == "budget.total" for f in findings):
            findings.append(finding(T.F_BUDGET_MISSING, "budget.total"))
        return BudgetResult(None, None, weight, tuple(findings))
    if spent is None:
        if not any(f.field == "budget.spent" for f in findings):
            findings.append(finding(T.F_SPENT_MISSING, "budget.spent"))
        return BudgetResult(None, None, weight, tuple(findings))
    rate = quantize(spent / total, rules.rate_places)
    if rate > ONE:
        findings.append(finding(T.F_EXEC_OVER, "budget.rate", rate=fmt_percent(rate)))
    elif rate < rules.exec_rate_warning:
        findings.append(
            finding(
                T.W_EXEC_LOW,
                "budget.rate",
                rate=fmt_percent(rate),
                threshold=fmt_percent(rules.exec_rate_warning),
            )
        )
    score = None if weight is None else quantize(weight * min(rate, ONE), rules.budget_score_places)
    return BudgetResult(rate, score, weight, tuple(findings))


def _positive(raw: object, field_name: str, label: str, findings: list[Finding]) -> Decimal | None:
    """A money figure of the budget row: a number above 0, else None with its finding."""
    value = read_number(raw, field_name, label, findings)
    if value is not None and value <= ZERO:
        findings.append(
            finding(T.F_BUDGET_NOT_POSITIVE, field_name, None, field=label, value=fmt(value))
        )
        return None
    return value


def read_number(
    raw: object,
    field_name: str,
    label: str,
    findings: list[Finding],
    spec: tuple[str, str] = T.F_BUDGET_BAD,
) -> Decimal | None:
    """A form-level figure; one that is written but unreadable adds `spec`'s finding."""
    value = parse_number(raw)
    if isinstance(value, Empty):
        return None
    if isinstance(value, NotUnderstood):
        findings.append(
            finding(spec, field_name, None, field=label, text=value.text, reason=value.reason)
        )
        return None
    return value


def score_indicator(
    ind: Indicator, rules: Rules, year: int | None = None, row: int | None = None
) -> IndicatorResult:
    """Score one indicator row by its kind (RULES.md §1; 财预〔2020〕10号 附件).

    Positive (≥, >, bare): met → w, else w × B / A.  Reverse (≤, <): met → w,
    else by `rules.reverse_formula`.  Equality (=): as positive with target A.
    Time: on or before the deadline → w, late → `rules.late_penalty`.
    Qualitative: the band's top, or the clerk's score inside the band.
    Not applicable: 0.  The clerk may override any other row with a reason.
    """
    if ind.is_blank():
        return IndicatorResult(Kind.BLANK, None, None, None, None)
    findings: list[Finding] = []
    weight = _weight(ind.weight, findings, row)
    target = parse_value(ind.target)
    actual = parse_value(ind.actual)
    kind = kind_of(target)
    weight = _usable_weight(weight, kind, findings, row)
    band_name = ""
    rule: Decimal | None = None
    met: bool | None = None

    if kind is Kind.NOT_APPLICABLE:
        if weight:
            findings.append(
                finding(T.W_NA_WITH_WEIGHT, "indicator.weight", row, weight=fmt(weight))
            )
        return IndicatorResult(kind, ZERO, ZERO, None, weight, tuple(findings))
    if isinstance(target, Empty):
        findings.append(finding(T.F_TARGET_MISSING, "indicator.target", row))
    elif isinstance(target, NotUnderstood):
        findings.append(
            finding(
                T.F_TARGET_NOT_UNDERSTOOD,
                "indicator.target",
                row,
                text=target.text,
                reason=target.reason,
            )
        )
    if is_blank(ind.level3):
        findings.append(finding(T.F_LEVEL3_MISSING, "indicator.level3", row))

    if kind is Kind.QUALITATIVE:
        band, band_name = _band(ind, rules, findings, row)
        if weight is not None:
            rule, met = _score_qualitative(ind, band, weight, rules, findings, row)
        score = rule
    else:
        if isinstance(target, Quantity):
            rule, met = _score_quantity(target, actual, weight, rules, findings, row)
        elif isinstance(target, (Deadline, OnTime)):
            rule, met = _score_time(target, actual, weight, rules, year, findings, row)
        score = _override(ind, rule, findings, row)

    if weight is not None and score is not None and score > weight:
        findings.append(
            finding(
                T.F_SCORE_OVER_WEIGHT, "indicator.score", row, score=fmt(score), weight=fmt(weight)
            )
        )
    if met is False and _no_deviation(ind.deviation):
        findings.append(finding(T.F_DEVIATION_MISSING, "indicator.deviation", row))
    return IndicatorResult(kind, rule, score, met, weight, tuple(findings), band_name)


# "无偏差" is what clerks write on met rows; on an unmet row it is no explanation.
_NO_DEVIATION = re.compile(r"^(?:无|无偏差|没有偏差|/|—|-|——)?$")


def _no_deviation(value: object) -> bool:
    return bool(_NO_DEVIATION.match(normalize(as_text(value))))


def _weight(raw: object, findings: list[Finding], row: int | None) -> Decimal | None:
    value = parse_number(raw)
    if isinstance(value, Empty):
        findings.append(finding(T.F_WEIGHT_MISSING, "indicator.weight", row))
        return None
    if isinstance(value, NotUnderstood):
        findings.append(
            finding(T.F_WEIGHT_BAD, "indicator.weight", row, text=value.text, reason=value.reason)
        )
        return None
    return value


def _usable_weight(
    weight: Decimal | None, kind: Kind, findings: list[Finding], row: int | None
) -> Decimal | None:
    """分值 is above 0, or 0 on a row that does not apply (RULES.md §1); else an error, not scored."""
    if weight is None:
        return None
    if weight < ZERO:
        findings.append(finding(T.F_WEIGHT_NEGATIVE, "indicator.weight", row, weight=fmt(weight)))
        return None
    if weight == ZERO and kind is not Kind.NOT_APPLICABLE:
        findings.append(finding(T.F_WEIGHT_ZERO, "indicator.weight", row))
        return None
    return weight


def _actual_problem(
    actual: ParsedValue,
    spec: tuple[str, str],
    target_text: str,
    findings: list[Finding],
    row: int | None,
) -> None:
    if isinstance(actual, Empty):
        findings.append(finding(T.F_ACTUAL_MISSING, "indicator.actual", row))
    elif isinstance(actual, NotUnderstood):
        findings.append(
            finding(
                T.F_ACTUAL_NOT_UNDERSTOOD,
                "indicator.actual",
                row,
                text=actual.text,
                reason=actual.reason,
            )
        )
    else:
        findings.append(
            finding(
                spec, "indicator.actual", row, target=target_text.strip(), text=as_text(actual.text)
            )
        )


def _score_quantity(
    target: Quantity,
    actual: ParsedValue,
    weight: Decimal | None,
    rules: Rules,
    findings: list[Finding],
    row: int | None,
) -> tuple[Decimal | None, bool | None]:
    if not isinstance(actual, Quantity):
        _actual_problem(actual, T.F_ACTUAL_NOT_NUMBER, target.text, findings, row)
        return None, None
    if target.unit and actual.unit and target.unit != actual.unit:
        findings.append(
            finding(
                T.F_UNIT_MISMATCH,
                "indicator.actual",
                row,
                target=target.text.strip(),
                actual=actual.text.strip(),
            )
        )
        return None, None
    a, b = target.number, actual.number
    if target.op in (Op.LE, Op.LT):
        met = b <= a
        if met:
            share = ONE
        elif rules.reverse_formula == "linear":
            share = max(ZERO, ONE - (b - a) / a) if a > 0 else ZERO
        else:
            share = a / b if b > 0 else ZERO
    else:
        met = b >= a
        if met:
            share = ONE
        else:  # w × B / A has no meaning for a target of 0 or below: no points, as for ≤
            share = max(ZERO, b / a) if a > 0 else ZERO
        if a > 0 and b / a > rules.over_achievement_ratio:
            findings.append(
                finding(T.W_OVER_ACHIEVED, "indicator.actual", row, ratio=fmt(quantize(b / a, 2)))
            )
    if weight is None:
        return None, met
    return quantize(weight * share, rules.indicator_score_places), met


def _resolve(deadline: Deadline, year: int) -> dt.date:
    y = deadline.year or year
    last = calendar.monthrange(y, deadline.month)[1]
    return dt.date(y, deadline.month, min(deadline.day or last, last))


def _score_time(
    target: Deadline | OnTime,
    actual: ParsedValue,
    weight: Decimal | None,
    rules: Rules,
    year: int | None,
    findings: list[Finding],
    row: int | None,
) -> tuple[Decimal | None, bool | None]:
    period_year = year or rules.year
    if isinstance(actual, OnTime):
        met, days_late = True, 0
    elif isinstance(actual, Deadline):
        if isinstance(target, OnTime):
            deadline = dt.date(target_year := period_year, 12, 31)
        else:
            deadline = _resolve(target, period_year)
            target_year = deadline.year
        done = _resolve(actual, target_year)
        days_late = max(0, (done - deadline).days)
        met = days_late == 0
    else:
        _actual_problem(actual, T.F_ACTUAL_NOT_DATE, target.text, findings, row)
        return None, None
    if weight is None:
        return None, met
    if met:
        return quantize(weight, rules.indicator_score_places), True
    findings.append(finding(T.W_LATE, "indicator.actual", row, days=days_late))
    if rules.late_penalty == "zero":
        return ZERO, False
    share = max(ZERO, ONE - Decimal(days_late) / Decimal(rules.late_period_days))
    return quantize(weight * share, rules.indicator_score_places), False


def _band(
    ind: Indicator, rules: Rules, findings: list[Finding], row: int | None
) -> tuple[Band, str]:
    name = as_text(ind.band)
    if not name:
        return rules.default_band, rules.default_band.name
    band = rules.band(name)
    if band is None:
        choices = "、".join(b.name for b in rules.bands)
        findings.append(
            finding(T.F_BAND_UNKNOWN, "indicator.band", row, text=name, choices=choices)
        )
        return rules.default_band, rules.default_band.name
    return band, band.name


def _score_qualitative(
    ind: Indicator,
    band: Band,
    weight: Decimal,
    rules: Rules,
    findings: list[Finding],
    row: int | None,
) -> tuple[Decimal | None, bool | None]:
    """The band's top, or the clerk's score if it lies inside the band (seed 002: 13 of 15)."""
    top = quantize(weight * band.high, rules.indicator_score_places)
    manual = _manual(ind, findings, row)
    if manual is None:
        return top, top == weight
    low = quantize(weight * band.low, rules.indicator_score_places)
    if not low <= manual <= top:
        findings.append(
            finding(
                T.F_BAND_SCORE_OUTSIDE,
                "indicator.manual",
                row,
                score=fmt(manual),
                band=band.name,
                low=fmt(low),
                high=fmt(top),
            )
        )
    return manual, manual >= weight


def _manual(ind: Indicator, findings: list[Finding], row: int | None) -> Decimal | None:
    value = parse_number(ind.manual)
    if isinstance(value, Empty):
        return None
    if isinstance(value, NotUnderstood):
        findings.append(
            finding(T.F_MANUAL_BAD, "indicator.manual", row, text=value.text, reason=value.reason)
        )
        return None
    return value


def _override(
    ind: Indicator,
    rule: Decimal | None,
    findings: list[Finding],
    row: int | None,
) -> Decimal | None:
    """A clerk's score replaces the rule's only with a reason (RULES.md §1)."""
    manual = _manual(ind, findings, row)
    if manual is None or manual == rule:
        return rule
    reason = as_text(ind.reason)
    shown_rule = "无" if rule is None else fmt(rule)
    if not reason:
        findings.append(
            finding(
                T.F_OVERRIDE_NO_REASON, "indicator.reason", row, score=fmt(manual), rule=shown_rule
            )
        )
        return rule
    findings.append(
        finding(
            T.I_OVERRIDE, "indicator.manual", row, score=fmt(manual), rule=shown_rule, reason=reason
        )
    )
    return manual
