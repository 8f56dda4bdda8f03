"""The 评价评分表 (附件4-1), the 考核评分表 (附件5) and the 2021 report's 综合得分, read and written.

`calculate` and `check` (xlsrc.usecases) call these for the forms the workbook's rules ask
for: the figures come from the 2021 自评报告 form where it is filled, else from the 基础数据表
and the 自评表; the domain (`xlsrc.domain.rating`, `xlsrc.domain.review`) scores them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from xlsrc import forms
from xlsrc.binding import Binding, Writes
from xlsrc.domain import basedata, review
from xlsrc.domain import text as T
from xlsrc.domain.findings import Finding, finding
from xlsrc.domain.numbers import fmt
from xlsrc.domain.rating import BENEFIT_ROWS, RatingData, RatingResult, RatingRow, score_rating
from xlsrc.domain.review import ReviewFacts, ReviewResult, pre_score
from xlsrc.domain.rules import Rules
from xlsrc.domain.scoring import Kind, as_text, is_blank
from xlsrc.domain.selfeval import FormResult, SelfEvaluation
from xlsrc.domain.values import number_or_none

RATING, REVIEW, SELF, REPORT_2021 = "附件4-1", "附件5", "附件2", forms.report2021.KEY
MEASURABLE = (Kind.POSITIVE, Kind.REVERSE, Kind.EQUALITY, Kind.TIME)
# 履职效益 rows and the 二级指标 of the 自评表 they are linked to.
BENEFIT_LINKS = {"economic": "经济", "social": "社会", "ecological": "生态"}


def workday_calendar() -> Callable[..., bool]:
    """Mainland working days with public holidays and 调休 days (chinese-calendar), or
    Monday to Friday when that package is missing (the domain then says so per year)."""
    try:
        from chinese_calendar import is_workday
    except ImportError:  # pragma: no cover - a declared dependency
        return review.weekdays
    return is_workday  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Scores:
    """What the forms beyond the 自评表 gave: None for a form the rules do not ask for."""

    rating: RatingResult | None
    review: ReviewResult | None
    findings: tuple[Finding, ...]


def _first(b: Binding, field: str) -> dict[str, object]:
    """The first row of a 2021 table: the department's own (汇总) figures."""
    rows = b.rows(field)
    return rows[0] if rows else {}


def _either(primary: object, fallback: object) -> object:
    return fallback if is_blank(primary) else primary


def _links(ev: SelfEvaluation, result: FormResult) -> dict[str, Decimal]:
    """The share of the points each group of scored 自评表 indicators got (产出, 经济/社会/生态)."""
    sums: dict[str, list[Decimal]] = {}
    level2 = ""
    for ind, row, category in zip(ev.indicators, result.rows, result.categories, strict=True):
        level2 = as_text(ind.level2) or level2
        if row.score is None or not row.weight:
            continue
        keys = ["output"] if category == T.CATEGORY_OUTPUT else []
        keys += [k for k, word in BENEFIT_LINKS.items() if word in level2]
        for key in keys:
            got = sums.setdefault(key, [Decimal(0), Decimal(0)])
            got[0] += row.score
            got[1] += row.weight
    return {k: s / w for k, (s, w) in sums.items() if w}


def rating_data(
    b: Binding, base: basedata.BaseData, ev: SelfEvaluation, result: FormResult
) -> RatingData:
    """The figures of the 附件4-1's rule-based rows: the 2021 form first, then 附件1/附件2."""
    r21 = b.group("r21")
    income, spending = _first(b, "r21_income"), _first(b, "r21_spending")
    three_public, assets = _first(b, "r21_three_public"), _first(b, "r21_assets")
    return RatingData(
        staff_authorized=_either(r21.get("staff_authorized"), base.staff_authorized),
        staff_actual=_either(r21.get("staff_actual"), base.staff_actual),
        three_public_prior=base.expense("three_public", "prior_final"),
        three_public_budget=base.expense("three_public", "budget"),
        three_public_final=_either(
            base.expense("three_public", "final"), three_public.get("total")
        ),
        initial_budget=ev.budget.initial,
        adjustment=base.expense("basic_adjustment", "final"),
        balance=spending.get("cumulative"),
        carried_over=income.get("carried"),
        procurement_budget=base.expense("procurement", "budget"),
        procurement_final=base.expense("procurement", "final"),
        assets_total=assets.get("total"),
        assets_in_use=assets.get("in_use"),
        links=_links(ev, result),
    )


def review_facts(
    b: Binding, base: basedata.BaseData, ev: SelfEvaluation, result: FormResult, rules: Rules
) -> ReviewFacts:
    """What the workbook shows about the self-evaluation work (附件5)."""
    report = {k: v["text"] for k, v in b.lines("report").items()}
    missing_sections = tuple(
        line.label for line in forms.report.SECTIONS if is_blank(report.get(line.key))
    )
    filled = {
        "附件1": not is_blank(base.staff_authorized)
        or any(not is_blank(v) for line in base.expenses.values() for v in line.values()),
        SELF: any(not ind.is_blank() for ind in ev.indicators),
    }
    missing_attachments = tuple(
        f"{key} {forms.BY_KEY[key].sheet}"
        for key in rules.required_forms
        if key in filled and not filled[key]
    )
    actual = {s.category: s.weight for s in result.subtotals}
    weights = tuple(
        (category, actual.get(category, Decimal(0)), expected)
        for category, expected in rules.category_weights
        if category != T.CATEGORY_BUDGET
    )
    scored = [
        (ind, row)
        for ind, row in zip(ev.indicators, result.rows, strict=True)
        if row.kind is not Kind.BLANK
    ]
    return ReviewFacts(
        submitted=b.value("review_date.submitted"),
        deadline=b.value("review_date.deadline"),
        missing_sections=missing_sections,
        missing_attachments=missing_attachments,
        weights=weights,
        indicators=len(scored),
        refined=sum(not is_blank(ind.level3) for ind, _ in scored),
        measurable=sum(row.kind in MEASURABLE for _, row in scored),
        problems=report.get("problems"),
        suggestions=report.get("measures"),
        judged={k: v["basis"] for k, v in b.lines("review").items() if k in review.JUDGED},
    )


def _totals_agree(b: Binding, total: Decimal, grade: str, form: str) -> list[Finding]:
    """The 2021 report's 综合得分 and 评价等次 against the form that scores it (RULES.md §6)."""
    out: list[Finding] = []
    published = number_or_none(b.value("r21.score"))
    if published is not None and published != total:
        out.append(
            finding(
                T.F_TOTALS_DISAGREE,
                "r21.score",
                report=T.REPORT_2021,
                published=fmt(published),
                form=form,
                total=fmt(total),
            )
        )
    written = as_text(b.value("r21.grade"))
    if written and not (written.startswith(grade) or grade.startswith(written)):
        out.append(
            finding(
                T.W_GRADE_DISAGREES,
                "r21.grade",
                report=T.REPORT_2021,
                published=written,
                total=fmt(total),
                grade=grade,
            )
        )
    return out


def score(
    b: Binding,
    base: basedata.BaseData,
    ev: SelfEvaluation,
    result: FormResult,
    rules: Rules,
    is_workday: Callable[..., bool] | None = None,
) -> Scores:
    """Score the 附件4-1 and pre-score the 附件5 when the rules ask for them, and compare the
    2021 report's 综合得分 with the form that scores the workbook."""
    rated = reviewed = None
    findings: list[Finding] = []
    if RATING in rules.required_forms:
        rows = {
            k: RatingRow(v["basis"], v["manual"], v["note"]) for k, v in b.lines("rating").items()
        }
        rated = score_rating(rows, rating_data(b, base, ev, result), rules)
        findings += rated.all_findings()
    if REVIEW in rules.required_forms:
        facts = review_facts(b, base, ev, result, rules)
        sections = (forms.report.SECTIONS[6].label, forms.report.SECTIONS[7].label)
        reviewed = pre_score(facts, rules, sections, is_workday or workday_calendar())
        findings += reviewed.findings
    if REPORT_2021 in rules.required_forms:
        if rated is not None:
            findings += _totals_agree(b, rated.total, rated.grade, T.FORM_RATING)
        elif SELF in rules.required_forms:
            findings += _totals_agree(b, result.total, result.grade, T.FORM_SELF)
    return Scores(rated, reviewed, tuple(findings))


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def write(w: Writes, scores: Scores) -> None:
    """The scores into the output cells of the 附件4-1 and 附件5."""
    if scores.rating is not None:
        w.lines(
            "rating",
            {
                r.key: {
                    "score": _number(r.score),
                    "reason": r.reason or None,
                    "measured": r.measured or None,
                }
                for r in scores.rating.rows
            },
        )
        w.cell("rating_form.total", float(scores.rating.total))
        w.cell("rating_form.grade", scores.rating.grade)
    if scores.review is not None:
        w.lines(
            "review",
            {
                r.key: {"score": _number(r.score), "reason": r.reason or None}
                for r in scores.review.rows
            },
        )
        w.cell("review_form.total", float(scores.review.total))


__all__ = ["BENEFIT_ROWS", "Scores", "score", "write", "workday_calendar"]
