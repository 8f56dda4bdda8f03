"""The 2021 report's 综合得分 and 评价等次 as a scored form: they must be the total and grade of
the form that scores the workbook (docs/rules.md §6: seed 003 says 94 where its 评价评分表 says 92)."""

from __future__ import annotations

from collections.abc import Mapping

from xlsrc.domain import text as T
from xlsrc.domain.findings import Finding, finding
from xlsrc.domain.numbers import fmt
from xlsrc.domain.scoring import as_text
from xlsrc.domain.values import number_or_none
from xlsrc.forms import report2021 as form
from xlsrc.scored import Scored, ScoredForm, Workbook, rating, self_eval

KEY = form.KEY
# The forms whose total the report states, the first scored one is compared.
SOURCES = ((rating.KEY, T.FORM_RATING), (self_eval.KEY, T.FORM_SELF))


def score(book: Workbook, done: Mapping[str, Scored]) -> Scored:
    """The report's figures against the form that scores the workbook (the 评价评分表 when the
    rules ask for it, else the 自评表 when they ask for that)."""
    b = book.binding
    asked = book.rules.required_forms
    source = next(((done[k], name) for k, name in SOURCES if k in done and k in asked), None)
    out: list[Finding] = []
    if source is None:
        return Scored(KEY, None)
    scored, name = source
    total, grade = scored.total, scored.grade or ""
    published = number_or_none(b.value("r21.score"))
    if published is not None and total is not None and published != total:
        out.append(
            finding(
                T.F_TOTALS_DISAGREE,
                "r21.score",
                report=T.REPORT_2021,
                published=fmt(published),
                form=name,
                total=fmt(total),
            )
        )
    written = as_text(b.value("r21.grade"))
    if (
        written
        and total is not None
        and not (written.startswith(grade) or grade.startswith(written))
    ):
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
    return Scored(KEY, None, findings=tuple(out))


SCORED = ScoredForm(KEY, score)
