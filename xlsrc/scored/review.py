"""The 考核评分表 (附件5) as a scored form: the bureau's grading of the self-evaluation work,
pre-scored from what the workbook shows (docs/rules.md §4)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal

from xlsrc import forms
from xlsrc.binding import Binding, Writes
from xlsrc.domain import basedata, review
from xlsrc.domain import text as T
from xlsrc.domain.review import ReviewFacts, pre_score
from xlsrc.domain.rules import Rules
from xlsrc.domain.scoring import Kind, is_blank
from xlsrc.domain.selfeval import FormResult, SelfEvaluation
from xlsrc.scored import Scored, ScoredForm, Workbook, as_float
from xlsrc.scored import self_eval as own

KEY = forms.review.FORM.key
MEASURABLE = (Kind.POSITIVE, Kind.REVERSE, Kind.EQUALITY, Kind.TIME)


def workday_calendar() -> Callable[..., bool]:
    """Mainland working days with public holidays and 调休 days (chinese-calendar), or
    Monday to Friday when that package is missing (the domain then says so per year)."""
    try:
        from chinese_calendar import is_workday
    except ImportError:  # pragma: no cover - a declared dependency
        return review.weekdays
    return is_workday  # type: ignore[no-any-return]


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
        own.KEY: any(not ind.is_blank() for ind in ev.indicators),
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


def score(book: Workbook, done: Mapping[str, Scored]) -> Scored:
    scoring: own.Scoring = done[own.KEY].result
    facts = review_facts(book.binding, book.base, scoring.form, scoring.result, book.rules)
    sections = (forms.report.SECTIONS[6].label, forms.report.SECTIONS[7].label)
    reviewed = pre_score(facts, book.rules, sections, workday_calendar())
    return Scored(KEY, reviewed, reviewed.total, None, "", tuple(reviewed.findings))


def write(w: Writes, scored: Scored) -> None:
    reviewed = scored.result
    w.lines(
        "review",
        {
            r.key: {
                "score": T.V_PENDING if r.score is None else as_float(r.score),
                "reason": r.reason or None,
            }
            for r in reviewed.rows
        },
    )
    w.cell("review_form.total", float(reviewed.total))


def data(scored: Scored) -> dict[str, object]:
    """Each row's score by its key, as the form's own rows go."""
    return {"rows": {r.key: r.score for r in scored.result.rows}}


SCORED = ScoredForm(KEY, score, write=write, data=data)
