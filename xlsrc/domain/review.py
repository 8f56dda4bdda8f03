"""The 考核评分表 (附件5) pre-scored: what the workbook itself shows about the self-evaluation work.

References:
    岳阳市 附件5 部门整体支出绩效自评工作考核评分表 (seed 002): 提交报告 10 "每推迟一个工作日
    报送报告的扣1分，最多扣10分"; 完整性 15 (正文 8 and 附件 7, "每少一个部分扣2分"); 绩效自评表
    20 (权重 5 "否则按比例扣除", 细化到三级指标 5, 内涵明确、可衡量 5 + 精简实用 3 + 密切相关 2);
    反映问题 20 and 建议 15 ("只提出资金不足问题的不得分"); docs/rules.md §4.
    Working days: the State Council's yearly notice of public holidays and 调休 working days,
    through the calendar the caller passes in (`is_workday`).

Limitations:
    布置工作 and 单位自查 need evidence the workbook does not hold: they carry the score the
    clerk types as 预审依据. 反映问题 and 建议 are graded by the bureau for how complete they
    are (bands such as 16–18 of 20): the pre-score gives 0 to an empty text or one that only
    asks for money (as the form says) and otherwise leaves the row 待评定, counting none of its
    points; so are 绩效自评表's 精简实用 3 and 密切相关 2. The form scores in whole points
    (its standards deduct whole points; seed 002's 合计 is 98): a proportional share is rounded
    half up to a whole point.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from . import text as T
from .findings import Finding, finding
from .numbers import ZERO, fmt, quantize
from .rules import Rules
from .scoring import as_text
from .values import Empty, NotUnderstood, parse_number

WEIGHTS: dict[str, Decimal] = {
    key: Decimal(points)
    for key, points in (
        ("notice", 8),
        ("team", 2),
        ("self_check", 10),
        ("submission", 10),
        ("completeness", 15),
        ("self_table", 20),
        ("problems", 20),
        ("suggestions", 15),
    )
}
JUDGED = ("notice", "team", "self_check")
SECTION_POINTS, ATTACHMENT_POINTS, PER_MISSING = Decimal(8), Decimal(7), Decimal(2)
# 绩效自评表: 权重 5, 三级指标 5, 可衡量 5; the remaining 5 (精简实用 3, 密切相关 2) is the bureau's.
PART_POINTS = Decimal(5)
BUREAU_POINTS = Decimal(5)  # 绩效自评表: 精简实用 3 + 密切相关 2, the bureau's judgment
PLACES = 0  # the form's points are whole
LONGEST_LATE = 400  # days after the deadline looked at: far more than the 10 points need

IsWorkday = Callable[[dt.date], bool]


def weekdays(day: dt.date) -> bool:
    """Monday to Friday: the calendar when no holiday calendar is at hand."""
    return day.weekday() < 5


@dataclass(frozen=True)
class ReviewFacts:
    """What the workbook shows about the self-evaluation work, gathered by the use case.

    `weights` holds (category, weight on the 自评表, weight the rules expect) for each category
    the rules name; `indicators`, `refined`, `measurable` count the 自评表's filled indicator
    rows, those with a 三级指标, and those scored by a number or a date.
    """

    submitted: object = None
    deadline: object = None
    missing_sections: tuple[str, ...] = ()
    missing_attachments: tuple[str, ...] = ()
    weights: tuple[tuple[str, Decimal, Decimal], ...] = ()
    indicators: int = 0
    refined: int = 0
    measurable: int = 0
    problems: object = None
    suggestions: object = None
    judged: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class ReviewRow:
    key: str
    weight: Decimal
    score: Decimal | None
    reason: str


@dataclass(frozen=True)
class ReviewResult:
    """`total` adds the points the workbook shows; `pending` the points left to the bureau
    (rows 待评定, and the parts of rows it grades), never counted as earned."""

    rows: tuple[ReviewRow, ...]
    total: Decimal
    findings: tuple[Finding, ...] = ()
    pending: Decimal = ZERO


def read_date(raw: object) -> dt.date | None | NotUnderstood:
    """A date as a cell holds it (a date, a date-time) or as typed: 2025年6月30日, 2025-6-30,
    2025/06/30, 2025.6.30. None when blank."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    text = as_text(raw)
    if not text:
        return None
    found = re.fullmatch(r"(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?", text)
    if found:
        try:
            return dt.date(*(int(g) for g in found.groups()))
        except ValueError:
            pass
    return NotUnderstood(text, "")


def workdays_late(
    submitted: dt.date, deadline: dt.date, is_workday: IsWorkday = weekdays
) -> tuple[int, list[int]]:
    """Working days after `deadline` up to and including `submitted`, and the years the
    calendar could not answer for (those days were counted Monday to Friday).

    A 调休 Saturday or Sunday is a working day; a public holiday on a weekday is not: that is
    the calendar's to say. Submitting on or before the deadline is 0.
    """
    late = 0
    unknown: list[int] = []
    days = min((submitted - deadline).days, LONGEST_LATE)
    for offset in range(1, days + 1):
        day = deadline + dt.timedelta(days=offset)
        try:
            working = is_workday(day)
        except (NotImplementedError, KeyError, ValueError):
            working = weekdays(day)
            if day.year not in unknown:
                unknown.append(day.year)
        late += working
    return late, unknown


def only_money(text: str) -> bool:
    """Whether every sentence of a problems or suggestions text is about money only
    (附件5: "只提出资金不足问题的不得分", "只提出加大资金投入建议的不得分")."""
    sentences = [s.strip() for s in re.split(r"[。；;！!\n]+", text) if s.strip()]
    return bool(sentences) and all(any(w in s for w in T.MONEY_ONLY_WORDS) for s in sentences)


def _share(points: Decimal, part: int, whole: int) -> Decimal:
    return quantize(points * part / whole, PLACES) if whole else ZERO


def _submission(
    facts: ReviewFacts, rules: Rules, is_workday: IsWorkday, findings: list[Finding]
) -> tuple[Decimal | None, str]:
    weight = WEIGHTS["submission"]
    dates: list[dt.date | None] = []
    for raw, label, fallback in (
        (facts.submitted, T.REVIEW_SUBMITTED, None),
        (facts.deadline, T.REVIEW_DEADLINE, rules.review.deadline),
    ):
        value = read_date(raw)
        if isinstance(value, NotUnderstood):
            findings.append(
                finding(T.F_REVIEW_DATE_BAD, _field_of(label), label=label, text=value.text)
            )
            value = None
        dates.append(value or fallback)
    submitted, deadline = dates
    if submitted is None or deadline is None:
        spec = T.F_REVIEW_NO_SUBMITTED if submitted is None else T.F_REVIEW_NO_DEADLINE
        findings.append(finding(spec, _field_of(T.REVIEW_SUBMITTED)))
        return None, ""
    late, unknown = workdays_late(submitted, deadline, is_workday)
    for year in unknown:
        findings.append(finding(T.F_REVIEW_CALENDAR, _field_of(T.REVIEW_SUBMITTED), year=year))
    shown = {"submitted": _day(submitted), "deadline": _day(deadline)}
    if not late:
        return weight, T.V_ON_TIME.format(**shown)
    per = rules.review.late_points
    score = max(ZERO, weight - per * late)
    why = T.V_LATE.format(days=late, per=fmt(per), deduction=fmt(weight - score), **shown)
    return score, why


def _day(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _field_of(label: str) -> str:
    return "review_date.deadline" if label == T.REVIEW_DEADLINE else "review_date.submitted"


def _completeness(facts: ReviewFacts) -> tuple[Decimal, str]:
    parts: list[str] = []
    score = ZERO
    for points, missing, template in (
        (SECTION_POINTS, facts.missing_sections, T.V_SECTIONS_MISSING),
        (ATTACHMENT_POINTS, facts.missing_attachments, T.V_ATTACHMENTS_MISSING),
    ):
        score += max(ZERO, points - PER_MISSING * len(missing))
        if missing:
            parts.append(template.format(count=len(missing), names="、".join(missing)))
    return score, T.V_SEPARATOR.join(parts) or T.V_COMPLETE


def _self_table(facts: ReviewFacts) -> tuple[Decimal, str]:
    if not facts.indicators:
        return ZERO, T.V_NO_INDICATORS
    good = [w for w in facts.weights if w[1] == w[2]]
    weights = _share(PART_POINTS, len(good), len(facts.weights)) if facts.weights else PART_POINTS
    refined = _share(PART_POINTS, facts.refined, facts.indicators)
    measurable = _share(PART_POINTS, facts.measurable, facts.indicators)
    parts = [
        T.V_WEIGHTS.format(good=len(good), all=len(facts.weights), score=fmt(weights)),
        *(
            T.V_WEIGHT_WRONG.format(category=c, actual=fmt(a), expected=fmt(e))
            for c, a, e in facts.weights
            if a != e
        ),
        T.V_REFINED.format(refined=facts.refined, count=facts.indicators, score=fmt(refined)),
        T.V_MEASURABLE.format(
            measurable=facts.measurable, count=facts.indicators, score=fmt(measurable)
        ),
    ]
    return weights + refined + measurable, T.V_SEPARATOR.join(parts)


def _text_row(
    key: str, raw: object, section: str, findings: list[Finding]
) -> tuple[Decimal | None, str]:
    """0 for what the form scores 0 (nothing written, money only); else the bureau's to grade."""
    text = as_text(raw)
    if not text:
        return ZERO, T.V_TEXT_EMPTY.format(section=section)
    if only_money(text):
        findings.append(finding(T.F_REVIEW_MONEY_ONLY, f"review.{key}.score", section=section))
        return ZERO, T.V_MONEY_ONLY.format(section=section)
    return None, T.V_TEXT_PENDING.format(section=section)


def _judged(key: str, raw: object, findings: list[Finding]) -> tuple[Decimal | None, str]:
    label = T.REVIEW_LABELS[key]
    value = parse_number(raw)
    if isinstance(value, Empty):
        return None, ""
    if isinstance(value, NotUnderstood):
        findings.append(
            finding(
                T.F_REVIEW_JUDGED_BAD,
                f"review.{key}.basis",
                label=label,
                text=value.text,
                reason=value.reason,
            )
        )
        return None, ""
    if value > WEIGHTS[key] or value < 0:
        findings.append(
            finding(
                T.F_REVIEW_OVER_WEIGHT,
                f"review.{key}.basis",
                label=label,
                score=fmt(value),
                weight=fmt(WEIGHTS[key]),
            )
        )
        return None, ""
    return value, T.V_JUDGED.format(score=fmt(value))


def pre_score(
    facts: ReviewFacts,
    rules: Rules,
    sections: Sequence[str],
    is_workday: IsWorkday = weekdays,
) -> ReviewResult:
    """Every row of the 附件5 the workbook can show, and the total of those scored.

    `sections` names the report's 存在的问题 and 改进措施 sections, for the messages.
    """
    findings: list[Finding] = []
    scores: dict[str, tuple[Decimal | None, str]] = {
        key: _judged(key, facts.judged.get(key), findings) for key in JUDGED
    }
    scores["submission"] = _submission(facts, rules, is_workday, findings)
    scores["completeness"] = _completeness(facts)
    scores["self_table"] = _self_table(facts)
    scores["problems"] = _text_row("problems", facts.problems, sections[0], findings)
    scores["suggestions"] = _text_row("suggestions", facts.suggestions, sections[1], findings)
    rows = tuple(ReviewRow(k, WEIGHTS[k], *scores[k]) for k in WEIGHTS)
    total = sum((r.score for r in rows if r.score is not None), ZERO)
    pending = sum((r.weight for r in rows if r.score is None), ZERO)
    if facts.indicators:
        pending += BUREAU_POINTS
    return ReviewResult(rows, total, tuple(findings), pending)
