"""The 评价评分表 (附件4-1) scored row by row: rules on the data, checklists, the clerk's judgment.

References:
    岳阳市 2021 附件4-1 部门整体支出绩效评价评分表 (seed 003): the rows, their points and each
    row's 评分标准, quoted in each rule below; docs/rules.md §3.
    Whether the 三公经费变动率 compares 决算 or 预算, and how a part of a percentage point counts,
    differ by locality: `RatingRules` of the rules file.

Limitations:
    The points and bands are those printed on the 2021 岳阳 form (`xlsrc/forms/rating.py`); a
    region whose form prints other bands needs its own table here, not only a rules file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial

from . import text as T
from .findings import Finding, finding
from .numbers import HUNDRED, ZERO, fmt, fmt_percent, quantize
from .rules import RatingRules, Rules
from .scoring import as_text, grade
from .values import Empty, NotUnderstood, parse_number

# Rows of the form and their points, in the form's order (附件4-1). The three 履职效益 rows share
# 15 points on the form (one merged cell); each is scored within a third of them, so together
# they never exceed the 15.
WEIGHTS: dict[str, Decimal] = {
    key: Decimal(points)
    for key, points in (
        ("staff_control", 5),
        ("three_public_change", 5),
        ("key_spending", 5),
        ("budget_adjustment", 3),
        ("payment_progress", 3),
        ("balance", 3),
        ("three_public_control", 6),
        ("management_rules", 3),
        ("compliance", 3),
        ("disclosure", 3),
        ("procurement", 3),
        ("official_card", 3),
        ("asset_rules", 3),
        ("asset_safety", 4),
        ("asset_use", 3),
        ("output_xiaokang", 5),
        ("output_growth_pole", 7),
        ("output_government_report", 5),
        ("output_livelihood", 2),
        ("output_key_projects", 2),
        ("output_other", 4),
        ("economic", 5),
        ("social", 5),
        ("ecological", 5),
        ("satisfaction", 5),
    )
}
BENEFIT_ROWS = ("economic", "social", "ecological")
OUTPUT_ROWS = tuple(k for k in WEIGHTS if k.startswith("output_"))
# Checklists scored by the items met: the points of items ①, ②, … (附件4-1).
ITEM_POINTS: dict[str, tuple[Decimal, ...]] = {
    "management_rules": (Decimal(1), Decimal(1), Decimal(1)),
    "disclosure": (Decimal(1), Decimal("0.5"), Decimal("0.5"), Decimal("0.5"), Decimal("0.5")),
    "asset_rules": (Decimal(2), Decimal(1)),
}
# Checklists scored by violations: "每出现一例不符合要求的扣1分，扣完为止" (附件4-1).
VIOLATION_ROWS = ("compliance", "asset_safety")
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"


@dataclass(frozen=True)
class RatingRow:
    """The clerk's inputs on one row: 评分依据 (a rate, a count, items not met or a judged
    score, as the row asks), 人工评分 and 调整理由. Raw cell values."""

    basis: object = None
    manual: object = None
    reason: object = None


@dataclass(frozen=True)
class RatingData:
    """The figures the rule-based rows are computed from, raw cell values of the other forms.

    `links` holds, for "output" and the 履职效益 rows, the share of the points the linked
    绩效指标 scored on the 自评表 (0..1), when the workbook has scored ones.
    """

    staff_authorized: object = None
    staff_actual: object = None
    three_public_prior: object = None  # 上年决算
    three_public_budget: object = None  # 本年预算
    three_public_final: object = None  # 本年决算
    initial_budget: object = None  # 年初预算数
    adjustment: object = None  # 预算调整数
    balance: object = None  # 年末累计结余
    carried_over: object = None  # 上年结转
    procurement_budget: object = None
    procurement_final: object = None
    assets_total: object = None
    assets_in_use: object = None
    links: Mapping[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class Scored:
    """A rule's verdict: the score, what was measured, and why points were deducted."""

    score: Decimal
    measured: str
    why: str = ""  # empty when nothing was deducted


@dataclass(frozen=True)
class RowResult:
    key: str
    weight: Decimal
    rule_score: Decimal | None
    score: Decimal | None
    measured: str  # 计算过程: what the rule measured
    reason: str  # 扣分原因和其他说明: empty when the row has its full points
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class RatingResult:
    rows: tuple[RowResult, ...]
    total: Decimal
    grade: str
    findings: tuple[Finding, ...] = ()

    def all_findings(self) -> list[Finding]:
        return [f for r in self.rows for f in r.findings] + list(self.findings)


# -- the rules, one per kind of row (附件4-1's 评分标准 quoted in each)


def _points(share: Decimal, settings: RatingRules) -> Decimal:
    """Percentage points in a share (0.035 → 3.5); whole points only if the region says so."""
    points = share * HUNDRED
    return Decimal(int(points)) if settings.per_point == "whole" else points


def _deduct(weight: Decimal, per: Decimal, points: Decimal, places: int) -> Decimal:
    """The weight less `per` for each point, "扣完为止": never below 0."""
    return max(ZERO, quantize(weight - per * points, places))


def over_limit(
    rate: Decimal, weight: Decimal, per: Decimal, settings: RatingRules
) -> tuple[Decimal, Decimal]:
    """ "以100%为标准。…≦100%，计满分；每超过一个百分点扣{per}分，扣完为止" → (score, points over).

    财政供养人员控制率 (5, 0.5 a point) and “三公经费”控制率 (6, 1 a point) (附件4-1).
    """
    points = _points(max(ZERO, rate - 1), settings)
    return _deduct(weight, per, points, settings.score_places), points


def change_rate(rate: Decimal, settings: RatingRules) -> tuple[Decimal, Decimal]:
    """“三公经费”变动率≦0，计5分；＞0，每超过一个百分点扣0.5分，扣完为止 (附件4-1)."""
    points = _points(max(ZERO, rate), settings)
    return _deduct(
        WEIGHTS["three_public_change"], Decimal("0.5"), points, settings.score_places
    ), points


def short_of(
    rate: Decimal, floor: Decimal, weight: Decimal, per: Decimal, settings: RatingRules
) -> tuple[Decimal, Decimal]:
    """Full points at `floor` or above; `per` off for each point below it, to 0 → (score, points).

    政府采购执行率 (100%, 3, 0.2), 公务卡刷卡率 (50%, 3, 0.2), 固定资产利用率 (100%, 3, 0.1)
    (附件4-1: "每减少一个百分点，扣0.2分，扣完为止"; "每低于100%一个百分点扣0.1分").
    """
    points = _points(max(ZERO, floor - rate), settings)
    return _deduct(weight, per, points, settings.score_places), points


def key_spending(rate: Decimal) -> tuple[Decimal, int]:
    """重点支出安排率≥90% 5分；80%（含）-90% 4分；70%（含）-80% 3分；60%（含）-70% 2分；
    低于60%不得分 (附件4-1) → (score, band index)."""
    for i, (low, score) in enumerate(((90, 5), (80, 4), (70, 3), (60, 2))):
        if rate * HUNDRED >= low:
            return Decimal(score), i
    return ZERO, 4


def adjustment(rate: Decimal) -> tuple[Decimal, int]:
    """预算调整率=0，计3分；0-10%（含）2分；10-20%（含）1分；20-30%（含）0.5分；大于30%不得分
    (附件4-1) → (score, band index). The rate is the adjustment's size, up or down."""
    size = abs(rate) * HUNDRED
    if size == 0:
        return Decimal(3), 0
    for i, (high, score) in enumerate(((10, "2"), (20, "1"), (30, "0.5")), start=1):
        if size <= high:
            return Decimal(score), i
    return ZERO, 4


def satisfaction(rate: Decimal) -> tuple[Decimal, int]:
    """95%（含）以上5分；85%（含）-95% 3分；75%（含）-85% 1分；低于75% 0分 (附件4-1)."""
    for i, (low, score) in enumerate(((95, 5), (85, 3), (75, 1))):
        if rate * HUNDRED >= low:
            return Decimal(score), i
    return ZERO, 3


def late_specials(count: int, places: int) -> Decimal:
    """支付进度: 每出现一个专项未按进度完成资金下达扣0.5分，扣完为止 (附件4-1)."""
    return _deduct(WEIGHTS["payment_progress"], Decimal("0.5"), Decimal(count), places)


def balance_score(balance: Decimal, carried: Decimal) -> Decimal:
    """资金结余: 无结余3分；有结余但不超过上年结转2分；结余超过上年结转不得分 (附件4-1).

    The 结余 is the year-end 累计结余: seed 003's 累计结余 0.14 against 上年结转 432.05 is
    scored 2 "有结余" there (its 当年结余 is −431.91).
    """
    if balance <= 0:
        return Decimal(3)
    return Decimal(2) if balance <= carried else ZERO


def items_score(key: str, not_met: frozenset[int]) -> Decimal:
    """A checklist scored by the items met: each item's points when it is met (附件4-1)."""
    return sum((p for i, p in enumerate(ITEM_POINTS[key], start=1) if i not in not_met), ZERO)


def violations_score(key: str, count: int) -> Decimal:
    """以上情况每出现一例不符合要求的扣1分，扣完为止 (附件4-1)."""
    return max(ZERO, WEIGHTS[key] - count)


# -- reading the clerk's 评分依据


class _Bad(Exception):
    def __init__(self, text: str, reason: str) -> None:
        super().__init__(text)
        self.text, self.reason = text, reason


def read_rate(raw: object) -> Decimal | None:
    """A rate typed as 96%, "96%" or 0.96 (a percent-formatted cell); a bare number above 1.5
    is read as percentage points ("96" is 96%). None when blank."""
    value = parse_number(raw)
    if isinstance(value, Empty):
        return None
    if isinstance(value, NotUnderstood):
        raise _Bad(value.text, T.REASON_NOT_RATE)
    if value < 0:
        raise _Bad(as_text(raw), T.REASON_NOT_RATE)
    return value / HUNDRED if value > Decimal("1.5") else value


def read_count(raw: object) -> int | None:
    """A count of cases: a whole number, or 无 for none. None when blank."""
    text = as_text(raw)
    if not text:
        return None
    if text in T.R_NOTHING:
        return 0
    value = parse_number(raw)
    if isinstance(value, Decimal) and value >= 0 and value == int(value):
        return int(value)
    raise _Bad(text, T.REASON_NOT_COUNT)


def read_items(raw: object, size: int) -> frozenset[int] | None:
    """The items not met: "②", "2、3", "①③", or 无. None when blank."""
    text = as_text(raw)
    if not text:
        return None
    if text in T.R_NOTHING:
        return frozenset()
    numbers: set[int] = set()
    for part in re.split(r"[\s,，、;；和及]+", text):
        if not part:
            continue
        if all(c in CIRCLED for c in part):
            numbers.update(CIRCLED.index(c) + 1 for c in part)
        elif part.isdigit() and len(part) <= 2:
            numbers.add(int(part))
        else:
            raise _Bad(text, T.REASON_NOT_ITEMS)
    if not numbers or max(numbers) > size or min(numbers) < 1:
        raise _Bad(text, T.REASON_NOT_ITEMS)
    return frozenset(numbers)


def read_judged(raw: object) -> Decimal | None:
    """A score the clerk judged; None when blank."""
    value = parse_number(raw)
    if isinstance(value, Empty):
        return None
    if isinstance(value, NotUnderstood):
        raise _Bad(value.text, value.reason)
    return value


def _money(raw: object) -> Decimal | None:
    value = parse_number(raw)
    return value if isinstance(value, Decimal) else None


# -- one row


Rule = Callable[[str, RatingRow, RatingData, Rules], "Scored | str"]


def _why_deducted(full: Decimal, got: Decimal, template: str, **values: object) -> str:
    """What was deducted and by which rule; empty when the row has its full points."""
    if got >= full:
        return ""
    return template.format(deduction=fmt(full - got), **values)


def _rate_of(
    key: str,
    row: RatingRow,
    figures: tuple[Decimal | None, Decimal | None],
    template: str,
    names: tuple[str, str],
    places: int,
) -> tuple[Decimal, str] | None:
    """The row's rate: typed in 评分依据, else numerator ÷ denominator of the data."""
    typed = read_rate(row.basis)
    label = T.RATING_LABELS[key]
    if typed is not None:
        return typed, T.R_TYPED_RATE.format(label=label, rate=fmt_percent(typed))
    num, den = figures
    if num is None or den is None or den == 0:
        return None
    rate = quantize(num / den, places)
    shown = {names[0]: fmt(num), names[1]: fmt(den), "rate": fmt_percent(rate)}
    return rate, template.format(**shown)


def _three_public_change(key: str, row: RatingRow, data: RatingData, rules: Rules) -> Scored | str:
    by_budget = rules.rating.three_public_basis == "budget"
    label = T.R_THREE_PUBLIC_BUDGET if by_budget else T.R_THREE_PUBLIC_FINAL
    typed = read_rate(row.basis)
    weight = WEIGHTS[key]
    if typed is not None:
        rate, measured = (
            typed,
            T.R_TYPED_RATE.format(label=T.RATING_LABELS[key], rate=fmt_percent(typed)),
        )
    else:
        prior = _money(data.three_public_prior)
        current = _money(data.three_public_budget if by_budget else data.three_public_final)
        if prior is None or current is None:
            return T.NEEDS_THREE_PUBLIC_CHANGE.format(label=label)
        if prior == 0:
            if current <= 0:
                return Scored(
                    weight, T.R_THREE_PUBLIC_NEW.format(label=label, current=fmt(current))
                )
            measured = T.R_THREE_PUBLIC_NEW.format(label=label, current=fmt(current))
            return Scored(ZERO, measured, T.R_NEW_THREE_PUBLIC.format(deduction=fmt(weight)))
        rate = quantize((current - prior) / prior, rules.rate_places)
        measured = T.R_THREE_PUBLIC_CHANGE.format(
            label=label, current=fmt(current), prior=fmt(prior), rate=fmt_percent(rate)
        )
    score, points = change_rate(rate, rules.rating)
    why = _why_deducted(weight, score, T.R_RULE_CHANGE, points=fmt(points), per="0.5")
    return Scored(score, measured, why)


# The rules that several rows share take their settings first and are bound in RULES with
# functools.partial, so that what they do runs when a row is scored, not when the module loads.


def _banded(
    scorer: Callable[[Decimal], tuple[Decimal, int]],
    bands: tuple[str, ...],
    key: str,
    row: RatingRow,
    data: RatingData,
    rules: Rules,
) -> Scored | str:
    """A rate typed in 评分依据, scored by the band `scorer` puts it in."""
    rate = read_rate(row.basis)
    if rate is None:
        return T.NEEDS_RATE.format(label=T.RATING_LABELS[key])
    score, band = scorer(rate)
    measured = T.R_TYPED_RATE.format(label=T.RATING_LABELS[key], rate=fmt_percent(rate))
    why = _why_deducted(WEIGHTS[key], score, T.R_RULE_BAND, band=bands[band], score=fmt(score))
    return Scored(score, measured, why)


def _adjustment(key: str, row: RatingRow, data: RatingData, rules: Rules) -> Scored | str:
    got = _rate_of(
        key,
        row,
        (_money(data.adjustment), _money(data.initial_budget)),
        T.R_ADJUSTMENT,
        ("adjustment", "initial"),
        rules.rate_places,
    )
    if got is None:
        return T.NEEDS_ADJUSTMENT
    rate, measured = got
    score, band = adjustment(rate)
    why = _why_deducted(
        WEIGHTS[key], score, T.R_RULE_BAND, band=T.R_BAND_ADJUSTMENT[band], score=fmt(score)
    )
    return Scored(score, measured, why)


def _payment(key: str, row: RatingRow, data: RatingData, rules: Rules) -> Scored | str:
    count = read_count(row.basis)
    if count is None:
        return T.NEEDS_COUNT
    score = late_specials(count, rules.rating.score_places)
    why = _why_deducted(WEIGHTS[key], score, T.R_RULE_EACH, per="0.5")
    return Scored(score, T.R_LATE_SPECIALS.format(count=count), why)


def _balance(key: str, row: RatingRow, data: RatingData, rules: Rules) -> Scored | str:
    balance, carried = _money(data.balance), _money(data.carried_over)
    if balance is None or carried is None:
        return T.NEEDS_BALANCE
    score = balance_score(balance, carried)
    measured = T.R_BALANCE.format(balance=fmt(balance), carried=fmt(carried))
    template = T.R_RULE_BALANCE_CARRIED if score else T.R_RULE_BALANCE_OVER
    return Scored(score, measured, _why_deducted(WEIGHTS[key], score, template))


Figures = Callable[[RatingData], tuple[object, object]]


def _figured_rate(
    key: str,
    row: RatingRow,
    data: RatingData,
    rules: Rules,
    figures: Figures,
    template: str,
    names: tuple[str, str],
) -> tuple[Decimal, str] | None:
    """The row's rate, typed in 评分依据 or numerator ÷ denominator of the data, and how it
    was measured; None when neither is there."""
    num, den = figures(data)
    return _rate_of(key, row, (_money(num), _money(den)), template, names, rules.rate_places)


def _over(
    per: str,
    figures: Figures,
    template: str,
    names: tuple[str, str],
    needs: str,
    key: str,
    row: RatingRow,
    data: RatingData,
    rules: Rules,
) -> Scored | str:
    """以100%为标准，≦100%计满分，每超过一个百分点扣`per`分，扣完为止 (附件4-1)."""
    got = _figured_rate(key, row, data, rules, figures, template, names)
    if got is None:
        return needs
    rate, measured = got
    score, points = over_limit(rate, WEIGHTS[key], Decimal(per), rules.rating)
    why = _why_deducted(WEIGHTS[key], score, T.R_RULE_OVER, points=fmt(points), per=per)
    return Scored(score, measured, why)


def _short(
    floor: str,
    per: str,
    figures: Figures,
    template: str,
    names: tuple[str, str],
    needs: str,
    key: str,
    row: RatingRow,
    data: RatingData,
    rules: Rules,
) -> Scored | str:
    """Full points from `floor` up, `per` off for each point below it (附件4-1)."""
    got = _figured_rate(key, row, data, rules, figures, template, names)
    if got is None:
        return needs
    rate, measured = got
    score, points = short_of(rate, Decimal(floor), WEIGHTS[key], Decimal(per), rules.rating)
    why = _why_deducted(
        WEIGHTS[key],
        score,
        T.R_RULE_SHORT,
        floor=fmt_percent(Decimal(floor)),
        points=fmt(points),
        per=per,
    )
    return Scored(score, measured, why)


def _items(key: str, row: RatingRow, data: RatingData, rules: Rules) -> Scored | str:
    not_met = read_items(row.basis, len(ITEM_POINTS[key]))
    if not_met is None:
        return T.NEEDS_ITEMS
    score = items_score(key, not_met)
    if not_met:
        shown = "、".join(CIRCLED[i - 1] for i in sorted(not_met))
        measured = T.R_ITEMS_NOT_MET.format(items=shown)
    else:
        measured = T.R_ALL_ITEMS_MET
    return Scored(score, measured, _why_deducted(WEIGHTS[key], score, T.R_RULE_ITEMS))


def _violations(key: str, row: RatingRow, data: RatingData, rules: Rules) -> Scored | str:
    count = read_count(row.basis)
    if count is None:
        return T.NEEDS_COUNT
    score = violations_score(key, count)
    why = _why_deducted(WEIGHTS[key], score, T.R_RULE_EACH, per="1")
    return Scored(score, T.R_VIOLATIONS.format(count=count), why)


def _judged(key: str, row: RatingRow, data: RatingData, rules: Rules) -> Scored | str:
    """产出 and 履职效益 rows: the clerk's judgment, else the linked 绩效指标's share of points."""
    weight = WEIGHTS[key]
    judged = read_judged(row.basis)
    if judged is not None:
        measured = T.R_JUDGED.format(score=fmt(judged))
        score = judged
    else:
        share = data.links.get("output" if key in OUTPUT_ROWS else key)
        if share is None:
            return T.NEEDS_JUDGMENT
        score = quantize(weight * min(share, Decimal(1)), rules.rating.score_places)
        measured = T.R_LINKED.format(share=fmt_percent(share))
    why = _why_deducted(weight, score, T.R_RULE_JUDGED, weight=fmt(weight))
    return Scored(score, measured, why)


RULES: dict[str, Rule] = {
    "staff_control": partial(
        _over,
        "0.5",
        lambda d: (d.staff_actual, d.staff_authorized),
        T.R_STAFF,
        ("actual", "authorized"),
        T.NEEDS_STAFF,
    ),
    "three_public_change": _three_public_change,
    "key_spending": partial(_banded, key_spending, T.R_BAND_KEY),
    "budget_adjustment": _adjustment,
    "payment_progress": _payment,
    "balance": _balance,
    "three_public_control": partial(
        _over,
        "1",
        lambda d: (d.three_public_final, d.three_public_budget),
        T.R_THREE_PUBLIC_CONTROL,
        ("final", "budget"),
        T.NEEDS_THREE_PUBLIC_CONTROL,
    ),
    "management_rules": _items,
    "compliance": _violations,
    "disclosure": _items,
    "procurement": partial(
        _short,
        "1",
        "0.2",
        lambda d: (d.procurement_final, d.procurement_budget),
        T.R_PROCUREMENT,
        ("final", "budget"),
        T.NEEDS_PROCUREMENT,
    ),
    "official_card": partial(
        _short,
        "0.5",
        "0.2",
        lambda d: (None, None),
        "",
        ("", ""),
        T.NEEDS_RATE.format(label=T.RATING_LABELS["official_card"]),
    ),
    "asset_rules": _items,
    "asset_safety": _violations,
    "asset_use": partial(
        _short,
        "1",
        "0.1",
        lambda d: (d.assets_in_use, d.assets_total),
        T.R_ASSET_USE,
        ("in_use", "total"),
        T.NEEDS_ASSETS,
    ),
    **{key: _judged for key in (*OUTPUT_ROWS, *BENEFIT_ROWS)},
    "satisfaction": partial(_banded, satisfaction, T.R_BAND_SATISFACTION),
}


def _field(key: str, column: str) -> str:
    return f"rating.{key}.{column}"


def score_row(key: str, row: RatingRow, data: RatingData, rules: Rules) -> RowResult:
    """One row: the rule's score from the data or 评分依据, then the clerk's 人工评分 if any."""
    label = T.RATING_LABELS[key]
    weight = WEIGHTS[key]
    findings: list[Finding] = []
    rule: Decimal | None = None
    measured = reason = ""
    try:
        verdict = RULES[key](key, row, data, rules)
    except _Bad as bad:
        findings.append(
            finding(
                T.F_RATING_BASIS_BAD,
                _field(key, "basis"),
                label=label,
                text=bad.text,
                reason=bad.reason,
            )
        )
        verdict = None
    if isinstance(verdict, Scored):
        rule, measured, reason = verdict.score, verdict.measured, verdict.why
        if reason:
            reason = measured + T.R_SEPARATOR + reason
        if rule > weight or rule < 0:
            findings.append(
                finding(
                    T.F_RATING_OVER_WEIGHT,
                    _field(key, "basis"),
                    label=label,
                    score=fmt(rule),
                    weight=fmt(weight),
                )
            )
            rule = None
    score = rule
    manual = parse_number(row.manual)
    if isinstance(manual, NotUnderstood):
        findings.append(
            finding(
                T.F_RATING_MANUAL_BAD,
                _field(key, "manual"),
                label=label,
                text=manual.text,
                reason=manual.reason,
            )
        )
    elif isinstance(manual, Decimal) and manual != rule:
        shown_rule = T.R_NONE if rule is None else fmt(rule)
        why = as_text(row.reason)
        if manual > weight or manual < 0:
            findings.append(
                finding(
                    T.F_RATING_OVER_WEIGHT,
                    _field(key, "manual"),
                    label=label,
                    score=fmt(manual),
                    weight=fmt(weight),
                )
            )
        elif not why:
            findings.append(
                finding(
                    T.F_RATING_NO_REASON,
                    _field(key, "note"),
                    label=label,
                    score=fmt(manual),
                    rule=shown_rule,
                )
            )
        else:
            findings.append(
                finding(
                    T.I_RATING_MANUAL,
                    _field(key, "manual"),
                    label=label,
                    score=fmt(manual),
                    rule=shown_rule,
                    reason=why,
                )
            )
            score = manual
            reason = (
                T.R_MANUAL.format(score=fmt(manual), rule=shown_rule, reason=why)
                if manual < weight
                else ""
            )
    note = as_text(row.reason)
    if note and score is rule:  # the clerk's 其他说明 follows the rule's reason
        reason = T.R_SEPARATOR.join(p for p in (reason, note) if p)
    if isinstance(verdict, str) and score is None:
        findings.append(
            finding(T.F_RATING_NO_DATA, _field(key, "basis"), label=label, needs=verdict)
        )
    return RowResult(key, weight, rule, score, measured, reason, tuple(findings))


def score_rating(rows: Mapping[str, RatingRow], data: RatingData, rules: Rules) -> RatingResult:
    """The whole 附件4-1: every row, the 总分 (rows without a score count 0) and the 等次."""
    results = tuple(score_row(key, rows.get(key, RatingRow()), data, rules) for key in WEIGHTS)
    total = sum((r.score for r in results if r.score is not None), ZERO)
    return RatingResult(results, total, grade(total, rules))
