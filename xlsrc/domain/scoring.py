"""Scoring rules of one row of the 自评表: the budget-execution row and each indicator.

References:
    财政部《项目支出绩效评价管理办法》(财预〔2020〕10号) 第二十九条 and 附件
    (proportional scoring of 定量 indicators, the three 定性 bands, grades
    优/良/中/差); the published 岳阳市 2024 forms (workbook/examples/data; rounding:
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
from . import units as U
from .findings import Finding, finding
from .numbers import ONE, ZERO, fmt, fmt_percent, quantize
from .rules import Band, Rules
from .values import (
    COMPLETION_LABEL,
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
    Range,
    normalize,
    parse_number,
    parse_value,
)


class Kind(Enum):
    POSITIVE = T.KIND_POSITIVE
    REVERSE = T.KIND_REVERSE
    EQUALITY = T.KIND_EQUALITY
    TIME = T.KIND_TIME
    RANGE = T.KIND_RANGE
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
    if isinstance(target, Range):
        return Kind.RANGE
    if isinstance(target, (Deadline, OnTime)):
        return Kind.TIME
    if isinstance(target, (Qualitative, Descriptive)):
        return Kind.QUALITATIVE
    return Kind.UNKNOWN


def score_budget(budget: Budget, rules: Rules) -> BudgetResult:
    """执行率 = 全年执行数 / 全年预算数; 得分 = 分值 × min(执行率, 100%).

    The rate is rounded first (seed 000: 0.835460… → 83.55%), then the score
    (10 × 83.55% = 8.355 → 8.36), both half up.  A blank 分值 is the rules' weight of
    the row; at or above `rules.full_marks_rate` the row earns its whole weight (a
    published 岳阳 2024 form scores 99.3% as 10 of 10, docs/rules.md §7).
    """
    findings: list[Finding] = []
    weight = read_number(budget.weight, "budget.weight", "分值", findings)
    used = not (is_blank(budget.total) and is_blank(budget.spent))
    if used and is_blank(budget.weight):  # 分值 left blank on a filled row: the rules' weight
        weight = rules.expected_weight(T.CATEGORY_BUDGET)
        if weight is not None:
            findings.append(finding(T.I_BUDGET_WEIGHT_RULES, "budget.weight", weight=fmt(weight)))
    if weight is not None and weight < ZERO:  # 0 is allowed: some regions leave the row out
        findings.append(finding(T.F_BUDGET_WEIGHT_NEGATIVE, "budget.weight", weight=fmt(weight)))
        weight = None
    # 年初预算数 may be 0: a project funded during the year (稷山县 2021, 大英县 2023 forms).
    initial = read_number(budget.initial, "budget.initial", "年初预算数", findings)
    if initial is not None and initial < ZERO:
        _positive(initial, "budget.initial", "年初预算数", findings)
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
    if weight is None:
        return BudgetResult(rate, None, weight, tuple(findings))
    score = quantize(weight * min(rate, ONE), rules.budget_score_places)
    full = rules.full_marks_rate
    if full is not None and full <= rate < ONE and score != weight:
        findings.append(
            finding(
                T.I_FULL_MARKS,
                "budget.score",
                rate=fmt_percent(rate),
                threshold=fmt_percent(full),
                weight=fmt(weight),
                proportional=fmt(score),
                added=fmt(weight - score),
            )
        )
        score = quantize(weight, rules.budget_score_places)
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
    """Score one indicator row by its kind (docs/rules.md §1; 财预〔2020〕10号 附件).

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

    if kind is Kind.NOT_APPLICABLE and weight and _stated(actual):
        # "-" or "/" as the target of a row that carries points and reports an actual: the
        # target is missing, not the row inapplicable (docs/rules.md §1 "Rows that do not apply").
        findings.append(
            finding(
                T.F_TARGET_DASH,
                "indicator.target",
                row,
                text=as_text(ind.target),
                weight=fmt(weight),
                actual=as_text(ind.actual),
            )
        )
        return IndicatorResult(Kind.UNKNOWN, None, None, None, weight, tuple(findings))
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
        said = text_met(target, actual)
        if said is False:
            findings.append(
                finding(
                    T.W_CONTRADICTS,
                    "indicator.actual",
                    row,
                    actual=as_text(ind.actual),
                    target=as_text(ind.target),
                )
            )
            met = False
        score = rule
    else:
        if isinstance(target, (Quantity, Range)):
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
    if met is False and no_deviation(ind.deviation):
        findings.append(finding(T.F_DEVIATION_MISSING, "indicator.deviation", row))
    return IndicatorResult(kind, rule, score, met, weight, tuple(findings), band_name)


def _stated(actual: ParsedValue) -> bool:
    """An actual that reports something: neither blank nor itself a "/" or "无"."""
    return not isinstance(actual, (Empty, NotApplicable))


# "无偏差" is what clerks write on met rows; on an unmet row it is no explanation.
_NO_DEVIATION = re.compile(r"^(?:无|无偏差|没有偏差|/|—|-|——)?$")


def no_deviation(value: object) -> bool:
    """True when 偏差原因 explains nothing: blank, "无", "无偏差", "/" or a dash."""
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
    """分值 is above 0, or 0 on a row that does not apply (docs/rules.md §1); else an error, not scored."""
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
    target: Quantity | Range,
    actual: ParsedValue,
    weight: Decimal | None,
    rules: Rules,
    findings: list[Finding],
    row: int | None,
) -> tuple[Decimal | None, bool | None]:
    """Positive, reverse, equality and range rows (docs/rules.md §1): the share of w earned."""
    if not isinstance(actual, Quantity):
        _actual_problem(actual, T.F_ACTUAL_NOT_NUMBER, target.text, findings, row)
        return None, None
    b = _in_target_unit(target, actual, findings, row)
    if b is None:
        return None, None
    if isinstance(b, _Completion):
        share, met = min(ONE, b.share), b.share >= ONE
    elif isinstance(target, Range):
        share, met = _range_share(target, b, rules)
    else:
        share, met = _share(target, b, rules, findings, row)
    if weight is None:
        return None, met
    score = quantize(weight * share, rules.indicator_score_places)
    if isinstance(target, Quantity) and kind_of(target) is Kind.POSITIVE and target.number > 0:
        times = b.share if isinstance(b, _Completion) else b / target.number
        score = _deviation(times, score, rules, findings, row)
    return score, met


def _deviation(
    times: Decimal, score: Decimal, rules: Rules, findings: list[Finding], row: int | None
) -> Decimal:
    """A positive row whose actual reaches `deviation_ratio` × its target (`times` is B / A) is
    偏离, the target set too low: `deviation_deduction` points off, never below 0 (docs/rules.md §7)."""
    ratio = rules.deviation_ratio
    if ratio is None or times < ratio:
        return score
    after = max(ZERO, score - rules.deviation_deduction)
    findings.append(
        finding(
            T.W_DEVIATION_DEDUCTED,
            "indicator.actual",
            row,
            ratio=fmt(quantize(times, 2)),
            threshold=fmt(ratio),
            deduction=fmt(score - after),
            before=fmt(score),
            after=fmt(after),
        )
    )
    return after


@dataclass(frozen=True)
class _Completion:
    """An actual that states how much of the target was done ("已完成100%")."""

    share: Decimal


def is_completion(actual: Quantity) -> bool:
    """ "已完成100%", "完成率100%": the share of the target done, whatever the target's unit."""
    return actual.unit == U.PERCENT and bool(COMPLETION_LABEL.match(normalize(actual.label)))


def _in_target_unit(
    target: Quantity | Range, actual: Quantity, findings: list[Finding], row: int | None
) -> Decimal | _Completion | None:
    """B in the target's unit (docs/rules.md §1 "compare A and B in the same unit"), or None.

    Same unit: as written (an unknown unit is warned).  A bare actual takes the target's unit
    and is warned; a fraction against a percent target (0.995 vs ≥95%, as a number typed into
    a cell without a percent format reaches us) is read as a percentage and warned.  Units of
    one dimension convert (`units.convert`); others are an error, never guessed.
    """
    tu, au, b = target.unit, actual.unit, actual.number
    if is_completion(actual) and tu != U.PERCENT:
        findings.append(finding(T.I_COMPLETION, "indicator.actual", row, text=actual.text))
        return _Completion(b / 100)
    if au == tu:
        if tu and not U.known(tu):
            findings.append(finding(T.W_UNIT_UNKNOWN, "indicator.actual", row, unit=tu))
        return b
    if not au:
        if tu == U.PERCENT and _looks_fractional(target, b):
            shown = f"{fmt(b * 100)}%"
            findings.append(
                finding(T.W_FRACTION, "indicator.actual", row, text=actual.text, shown=shown)
            )
            return b * 100
        findings.append(
            finding(
                T.W_UNIT_TAKEN, "indicator.actual", row, text=actual.text, shown=f"{fmt(b)}{tu}"
            )
        )
        return b
    if not tu:
        return b  # "100" against "100%": the actual says what the target meant
    converted = U.convert(b, au, tu)
    if converted is None:
        findings.append(
            finding(
                T.F_UNIT_MISMATCH,
                "indicator.actual",
                row,
                target=target.text.strip(),
                actual=actual.text.strip(),
            )
        )
        return None
    findings.append(
        finding(
            T.I_CONVERTED, "indicator.actual", row, text=actual.text, shown=f"{fmt(converted)}{tu}"
        )
    )
    return converted


def _looks_fractional(target: Quantity | Range, b: Decimal) -> bool:
    """0 < B ≤ 1.5 against a percent target of 10% or more: B is a fraction, not B%."""
    high = target.high if isinstance(target, Range) else target.number
    return ZERO < b <= Decimal("1.5") and high >= 10


def _share(
    target: Quantity, b: Decimal, rules: Rules, findings: list[Finding], row: int | None
) -> tuple[Decimal, bool]:
    a = target.number
    if target.op in (Op.LE, Op.LT):
        met = b <= a
        if met:
            share = ONE
        elif rules.reverse_formula == "linear":
            share = max(ZERO, ONE - (b - a) / a) if a > 0 else ZERO
        else:
            share = a / b if b > 0 else ZERO
        return share, met
    if target.approx:
        findings.append(
            finding(
                T.W_APPROX,
                "indicator.target",
                row,
                text=target.text,
                shown=f"{fmt(a)}{target.unit}",
            )
        )
    met = b >= a
    if met:
        share = ONE
    else:  # w × B / A has no meaning for a target of 0 or below: no points, as for ≤
        share = max(ZERO, b / a) if a > 0 else ZERO
    if a > 0 and b / a > rules.over_achievement_ratio:
        findings.append(
            finding(T.W_OVER_ACHIEVED, "indicator.actual", row, ratio=fmt(quantize(b / a, 2)))
        )
    return share, met


def _range_share(target: Range, b: Decimal, rules: Rules) -> tuple[Decimal, bool]:
    """Inside [low, high] → all of w; below as a positive row on low, above as a reverse on high."""
    low, high = target.low, target.high
    if low <= b <= high:
        return ONE, True
    if b < low:
        return (max(ZERO, b / low) if low > 0 else ZERO), False
    if rules.reverse_formula == "linear":
        return (max(ZERO, ONE - (b - high) / high) if high > 0 else ZERO), False
    return high / b, False


# What an actual written in words says of its target (docs/rules.md §1 定性; published forms in
# tests/data/indicator_corpus.jsonl): "未完成", "无效", "否" say it was not reached; "基本达到"
# and "部分完成" that it was reached in part; "达成预期指标", "已完成", "合格" that it was.
_SAYS_UNMET = re.compile(
    r"(?:未|没有|没|无法|不能|尚未)(?:能|按时|按期|及时|全部|完全){0,2}"
    r"(?:完成|达到|达成|实现|到位|落实|开展|兑现|发放|合格|达标|培训|验收)"
    r"|^(?:否|无效|不合格|不达标|较差|差|滞后|未|没有)$|部分(?:完成|达成|达到|实现)"
    r"|^基本(?:完成|达到|达成|实现|满意)"
)
_SAYS_MET = re.compile(
    r"^(?:已|已经|全部|均|全面|圆满|如期|按时)?(?:完成|达成|达到|实现|落实|到位|合格|达标|有效|是|优|优秀"
    r"|良好|满意|符合|显著)"
    r"|达成(?:预期|年度)(?:指标|目标)|^按.{0,8}(?:完成|发放|执行|标准)"
)


def text_met(target: ParsedValue, actual: ParsedValue) -> bool | None:
    """Whether a qualitative row's actual, read as text, says the target was reached.

    None when the text does not tell (a bare number, "无", a sentence without a verdict).
    """
    if isinstance(actual, Quantity):
        if actual.unit == U.PERCENT and (not actual.label or is_completion(actual)):
            return actual.number >= 100
        return None
    if not isinstance(actual, (Descriptive, Qualitative)):
        return None
    said = normalize(actual.text)
    if isinstance(target, (Descriptive, Qualitative)):
        wanted = normalize(target.text)
        if said == wanted or (len(said) >= 2 and said in wanted):
            return True
    if _SAYS_UNMET.search(said):
        return False
    if _SAYS_MET.search(said):
        return True
    return None


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
    elif text_met(target, actual) is True:
        findings.append(
            finding(T.W_TIME_BY_TEXT, "indicator.actual", row, target=target.text, text=actual.text)
        )
        met, days_late = True, 0
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
    """The band's top, or the clerk's score if it lies inside the band (seed 002: 13 of 15).

    Met is what the band says: 达成年度指标 (the band reaching the full weight) is met
    whatever score inside it the clerk judged; the lower bands are not.
    """
    top = quantize(weight * band.high, rules.indicator_score_places)
    met = band.high >= ONE
    manual = _manual(ind, findings, row)
    if manual is None:
        return top, met
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
    return manual, met


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
    """A clerk's score replaces the rule's only with a reason (docs/rules.md §1)."""
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
