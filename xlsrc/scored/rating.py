"""The 评价评分表 (附件4-1, the 2021 format) as a scored form, by rule from the workbook's figures.

The figures come from the 2021 自评报告 form where it is filled, else from the 基础数据表 and
the 自评表; `domain.rating` scores them (docs/rules.md §3).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from xlsrc.binding import Binding, Writes
from xlsrc.domain import basedata
from xlsrc.domain import text as T
from xlsrc.domain.findings import finding
from xlsrc.domain.numbers import fmt, quantize
from xlsrc.domain.rating import RatingData, RatingRow, score_rating
from xlsrc.domain.scoring import as_text, is_blank
from xlsrc.domain.selfeval import FormResult, SelfEvaluation
from xlsrc.domain.values import number_or_none
from xlsrc.forms import rating as form
from xlsrc.scored import Scored, ScoredForm, Summary, Workbook, as_float
from xlsrc.scored import self_eval as own

KEY = form.FORM.key
# 履职效益 rows and the 二级指标 of the 自评表 they are linked to.
BENEFIT_LINKS = {"economic": "经济", "social": "社会", "ecological": "生态"}


def _first(b: Binding, field: str) -> dict[str, object]:
    """The first row of a 2021 table: the department's own (汇总) figures."""
    rows = b.rows(field)
    return rows[0] if rows else {}


def _either(primary: object, fallback: object) -> object:
    return fallback if is_blank(primary) else primary


def links(ev: SelfEvaluation, result: FormResult) -> dict[str, Decimal]:
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
        links=links(ev, result),
    )


def score(book: Workbook, done: Mapping[str, Scored]) -> Scored:
    b = book.binding
    scoring: own.Scoring = done[own.KEY].result
    rows = {k: RatingRow(v["basis"], v["manual"], v["note"]) for k, v in b.lines("rating").items()}
    data = rating_data(b, book.base, scoring.form, scoring.result)
    rated = score_rating(rows, data, book.rules)
    return Scored(KEY, rated, rated.total, rated.grade, "", tuple(rated.all_findings()))


def write(w: Writes, scored: Scored) -> None:
    rated = scored.result
    w.lines(
        "rating",
        {
            r.key: {
                "score": as_float(r.score),
                "reason": r.reason or None,
                "measured": r.measured or None,
            }
            for r in rated.rows
        },
    )
    w.cell("rating_form.total", float(rated.total))
    w.cell("rating_form.grade", rated.grade)


def summary(book: Workbook, scored: Scored) -> Summary:
    """The 评价评分表's line of the bureau's summary: its total as shown against the rules'."""
    b = book.binding
    declared = b.value("rating_form.total")
    shown = number_or_none(declared)
    places = book.rules.budget_score_places
    total = scored.total if scored.total is not None else Decimal(0)
    differences = (
        (
            finding(
                T.AU_TOTAL_DIFFERS,
                "rating_form.total",
                published=fmt(shown),
                rule=fmt(total),
            ),
        )
        if shown is not None and quantize(shown, places) != quantize(total, places)
        else ()
    )
    return Summary(
        declared_total=declared,
        declared_grade=b.value("rating_form.grade"),
        differences=differences,
    )


def data(scored: Scored) -> dict[str, object]:
    """Each row's score by its key, as the form's own rows go."""
    return {"rows": {r.key: r.score for r in scored.result.rows}}


SCORED = ScoredForm(KEY, score, write=write, data=data, headline=True, summary=summary)
