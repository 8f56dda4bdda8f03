"""Audit a filled-in 自评表: recompute every row by the rules and compare with the form's own scores.

References:
    docs/rules.md §1 "Published forms often break the rules" (scores that are not the rule's,
    met indicators deducted without a reason, totals that are not the sum of their rows,
    weights adding to 110) and §2 (every difference reported with both numbers); the rules
    themselves are `scoring.py` and `selfeval.py`, used as they are.

Limitations:
    A 定性 row's score is the clerk's judgment (财预〔2020〕10号 bands): the form's own score
    is taken as the judgment, in the band it falls in, and checked only for a reason when
    it is below the weight. A score is compared after rounding to the rules' decimals, so a
    form printing 8.355 for 8.36 is not a difference, one printing 9 for 8.6 is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from . import text as T
from .findings import Finding, finding
from .numbers import HUNDRED, ONE, ZERO, fmt, fmt_percent, quantize
from .rules import Band, Rules
from .scoring import Indicator, IndicatorResult, Kind, as_text, grade, kind_of, no_deviation
from .selfeval import FormResult, SelfEvaluation, score_form
from .values import Quantity, normalize, parse_number, parse_value

# An indicator row that scores the budget a second time: "预算执行率", "资金执行率".
_BUDGET_ROW = re.compile(r"(?:预算|资金)?执行率")
_SIGN = re.compile(r"^[≥≤><=]+")
# Rates up to this are shares (0.8355); above, percentage points (83.55, "100").
_SHARE_LIMIT = Decimal("1.5")
# Decimals a rate is compared at, at most: a formula's 0.862037037… is 0.862037.
_RATE_PLACES = 6
_PERCENT_PLACES = 2


@dataclass(frozen=True)
class Published:
    """The form's own results, raw cell values as read (None where the form has none)."""

    scores: tuple[object, ...] = ()  # one per indicator row
    budget_rate: object = None
    budget_score: object = None
    total: object = None
    weight_total: object = None
    grade: object = None


@dataclass(frozen=True)
class AuditResult:
    """The rules' scoring of the form and every finding, the form's own checks first."""

    result: FormResult
    findings: tuple[Finding, ...]
    published_total: Decimal | None


def band_of(share: Decimal, bands: Sequence[Band]) -> Band:
    """The band a score falls in, as a share of the weight; the highest band containing it."""
    for band in bands:
        if band.low <= share <= band.high:
            return band
    return bands[0]


def _number(raw: object) -> Decimal | None:
    value = parse_number(raw)
    return value if isinstance(value, Decimal) else None


def _judged(ind: Indicator, score: Decimal | None, rules: Rules) -> Indicator:
    """A 定性 row with the form's score as the clerk's judgment, in the band it falls in."""
    weight = _number(ind.weight)
    if kind_of(parse_value(ind.target)) is not Kind.QUALITATIVE:
        return ind
    if score is None or weight is None or weight <= ZERO or not ZERO <= score <= weight:
        return ind
    band = band_of(score / weight, rules.bands)
    return replace(ind, band=band.name, manual=score)


def _shown(value: Quantity) -> str:
    """A quantity as written, without its sign: "≥43.2万元" → "43.2万元"."""
    if value.typed:  # a number typed into the cell: 8755, not the file's 8755.0
        return fmt(value.number) + value.unit
    return _SIGN.sub("", normalize(value.text)) or fmt(value.number)


def _basis(ind: Indicator, res: IndicatorResult, rules: Rules) -> str:
    """How the rule's score comes about, in words the bureau can check by hand."""
    weight = fmt(res.weight) if res.weight is not None else ""
    if res.kind is Kind.NOT_APPLICABLE:
        return T.AU_BASIS_NA
    if res.met:
        basis = T.AU_BASIS_MET.format(weight=weight)
        if rules.deviation_ratio is not None and res.rule_score is not None and res.weight:
            deducted = quantize(res.weight, rules.indicator_score_places) - res.rule_score
            if deducted > ZERO and any(f.code == T.W_DEVIATION_DEDUCTED[0] for f in res.findings):
                basis = T.AU_BASIS_DEVIATION.format(
                    basis=basis, threshold=fmt(rules.deviation_ratio), deduction=fmt(deducted)
                )
        return basis
    target, actual = parse_value(ind.target), parse_value(ind.actual)
    if isinstance(target, Quantity) and isinstance(actual, Quantity):
        a, b = _shown(target), _shown(actual)
        top, bottom = (a, b) if res.kind is Kind.REVERSE else (b, a)
        return T.AU_BASIS_RATIO.format(weight=weight, top=top, bottom=bottom)
    # Else a late deadline: an unmet 定性 row's score is the form's own, never a difference.
    return T.AU_BASIS_LATE


def _rows(
    form: SelfEvaluation, result: FormResult, scores: Sequence[Decimal | None], rules: Rules
) -> list[Finding]:
    out: list[Finding] = []
    places = rules.indicator_score_places
    for i, (ind, res) in enumerate(zip(form.indicators, result.rows, strict=True)):
        if res.kind is Kind.BLANK:
            continue
        published = scores[i]
        if published is None:
            out.append(finding(T.AU_SCORE_MISSING, "indicator.score", i))
            continue
        if res.score is not None and quantize(published, places) != res.score:
            out.append(
                finding(
                    T.AU_ROW_DIFFERS,
                    "indicator.score",
                    i,
                    published=fmt(published),
                    rule=fmt(res.score),
                    basis=_basis(ind, res, rules),
                )
            )
        # Below full marks on a met row needs a reason, unless the rules deduct (偏离).
        full = res.weight if res.score is None else res.score
        if (
            res.met
            and res.kind is not Kind.QUALITATIVE  # a score inside 达成年度指标 is a judgment
            and full is not None
            and published < full
            and no_deviation(ind.deviation)
        ):
            out.append(
                finding(
                    T.AU_MET_DEDUCTED,
                    "indicator.deviation",
                    i,
                    published=fmt(published),
                    weight=fmt(full if res.weight is None else res.weight),
                )
            )
    return out


def as_rate(raw: object) -> Decimal | None:
    """A published 执行率 as a share: "83.55%" and 0.8355 → 0.8355; 100 and "100" → 1."""
    value = _number(raw)
    if value is None:
        return None
    return value / HUNDRED if value > _SHARE_LIMIT else value


def _places(value: Decimal) -> int:
    """Decimals a share is shown with, at least those of a whole percentage (1 is 100%)."""
    exponent = value.normalize().as_tuple().exponent
    shown = -exponent if isinstance(exponent, int) else 0
    return min(max(_PERCENT_PLACES, shown), _RATE_PLACES)


def _budget(
    form: SelfEvaluation, result: FormResult, pub: Published, rules: Rules
) -> list[Finding]:
    out: list[Finding] = []
    rate = result.budget.rate
    published_rate = as_rate(pub.budget_rate)
    spent, total = _number(form.budget.spent), _number(form.budget.total)
    if rate is not None and published_rate is not None and spent is not None and total:
        p = _places(published_rate)
        shown = quantize(published_rate, p)
        if shown not in (quantize(spent / total, p), quantize(rate, p)):
            out.append(
                finding(
                    T.AU_RATE_DIFFERS,
                    "budget.rate",
                    published=fmt_percent(published_rate),
                    rule=fmt_percent(rate),
                )
            )
    score = result.budget.score
    published_score = _number(pub.budget_score)
    if score is not None and published_score is not None:
        if quantize(published_score, rules.budget_score_places) != score:
            out.append(
                finding(
                    T.AU_BUDGET_SCORE_DIFFERS,
                    "budget.score",
                    published=fmt(published_score),
                    rule=fmt(score),
                    basis=_budget_basis(result, rules),
                )
            )
    return out


def _budget_basis(result: FormResult, rules: Rules) -> str:
    """How the budget row's rule score comes about: by the rate, or full marks at a threshold."""
    rate, weight = result.budget.rate or ZERO, fmt(result.budget.weight or ZERO)
    full = rules.full_marks_rate
    if full is not None and full <= rate < ONE:
        return T.AU_BASIS_FULL_MARKS.format(
            rate=fmt_percent(rate), threshold=fmt_percent(full), weight=weight
        )
    return T.AU_BASIS_BUDGET.format(weight=weight, rate=fmt_percent(min(rate, ONE)))


def _budget_twice(form: SelfEvaluation, result: FormResult) -> list[Finding]:
    """A 预算执行率 row among the indicators while the budget row carries a weight."""
    if not result.budget.weight:
        return []
    out: list[Finding] = []
    for i, (ind, res) in enumerate(zip(form.indicators, result.rows, strict=True)):
        names = [as_text(v) for v in (ind.level3, ind.level2, ind.level1)]
        text = next((n for n in names if _BUDGET_ROW.search(normalize(n))), None)
        if text is None or res.kind is Kind.BLANK or not res.weight:
            continue
        out.append(
            finding(
                T.AU_BUDGET_TWICE,
                "indicator.level3",
                i,
                weight=fmt(result.budget.weight),
                text=text.strip(),
                row_weight=fmt(res.weight),
            )
        )
    return out


def _totals(
    result: FormResult, pub: Published, scores: Sequence[Decimal | None], rules: Rules
) -> tuple[list[Finding], Decimal | None]:
    out: list[Finding] = []
    total = _number(pub.total)
    if total is not None:
        rows = sum((s for s in scores if s is not None), ZERO)
        added = rows + (_number(pub.budget_score) or ZERO)
        cap = result.cap
        # A form that applies the rules' cap by 执行率 adds up to its sum or to the cap.
        if added != total and not (cap is not None and total == min(added, cap.max)):
            out.append(
                finding(T.AU_TOTAL_NOT_SUM, "form.total", published=fmt(total), total=fmt(added))
            )
        places = rules.budget_score_places
        if quantize(total, places) != quantize(result.total, places):
            out.append(_total_differs(result, total, places))
    weight_total = _number(pub.weight_total)
    if weight_total is not None and weight_total != result.weight_total:
        out.append(
            finding(
                T.AU_WEIGHT_TOTAL_NOT_SUM,
                "form.weight_total",
                published=fmt(weight_total),
                total=fmt(result.weight_total),
            )
        )
    shown = as_text(pub.grade)
    if shown and total is not None and shown != grade(total, rules):
        out.append(
            finding(
                T.AU_GRADE_DIFFERS,
                "form.grade",
                published=shown,
                total=fmt(total),
                grade=grade(total, rules),
            )
        )
    return out, total


def _total_differs(result: FormResult, total: Decimal, places: int) -> Finding:
    """A published total that is not the rules': one that ignores their cap says so."""
    cap, rate = result.cap, result.budget.rate
    uncapped = quantize(result.sum_total, places)
    if cap is not None and rate is not None and result.total < uncapped == quantize(total, places):
        return finding(
            T.AU_TOTAL_UNCAPPED,
            "form.total",
            published=fmt(total),
            rate=fmt_percent(rate),
            below=fmt_percent(cap.below),
            max=fmt(cap.max),
            rule=fmt(result.total),
        )
    return finding(T.AU_TOTAL_DIFFERS, "form.total", published=fmt(total), rule=fmt(result.total))


def audit(
    form: SelfEvaluation,
    published: Published,
    rules: Rules,
    year: int | None = None,
    budget_from_initial: bool = False,
) -> AuditResult:
    """Score the form by the rules and list where its own scores, total and weights disagree.

    `budget_from_initial`: the form has no 全年预算数 and its 年初预算数 stands in for it
    (a note says so).
    """
    scores = [_number(s) for s in published.scores]
    scores += [None] * (len(form.indicators) - len(scores))
    judged = tuple(_judged(ind, s, rules) for ind, s in zip(form.indicators, scores, strict=False))
    scored = SelfEvaluation(form.budget, judged)
    result = score_form(scored, rules, year)
    totals, total = _totals(result, published, scores, rules)
    noted = (
        [finding(T.AU_BUDGET_FROM_INITIAL, "budget.initial", initial=fmt(initial))]
        if budget_from_initial and (initial := _number(form.budget.initial)) is not None
        else []
    )
    findings = (
        noted
        + result.all_findings()
        + _budget(scored, result, published, rules)
        + _rows(scored, result, scores, rules)
        + _budget_twice(scored, result)
        + totals
    )
    return AuditResult(result, tuple(findings), total)
