"""Golden tests: the published figures of seeds 000 and 002, from the raw strings as printed."""

from decimal import Decimal

import pytest
from conftest import load_seed

from xlsrc.domain.numbers import fmt_percent
from xlsrc.domain.scoring import Budget, Indicator
from xlsrc.domain.selfeval import SelfEvaluation, score_form

FIELDS = (
    "level1",
    "level2",
    "level3",
    "target",
    "actual",
    "weight",
    "deviation",
    "band",
    "manual",
    "reason",
)


def form_of(seed: dict) -> SelfEvaluation:
    cells = seed["cells"]
    budget = Budget(**{k: cells.get(f"budget.{k}") for k in Budget.__dataclass_fields__})
    rows = tuple(
        Indicator(**{k: row.get(k) for k in FIELDS}) for row in seed["tables"]["indicator"]
    )
    return SelfEvaluation(budget, rows)


@pytest.mark.parametrize("name", ["seed000", "seed002"])
def test_every_row_score_matches_the_published_form(name, rules):
    seed = load_seed(name)
    result = score_form(form_of(seed), rules, year=seed["cells"]["self.year"])
    got = [r.score for r in result.rows]
    published = [Decimal(row["published_score"]) for row in seed["tables"]["indicator"]]
    assert got == published


def test_seed000_budget_total_and_grade(rules):
    seed = load_seed("seed000")
    result = score_form(form_of(seed), rules, year=2024)
    assert fmt_percent(result.budget.rate) == "83.55%"
    assert result.budget.score == Decimal("8.36")
    assert result.total == Decimal("94.16")
    assert result.grade == "优"
    assert result.weight_total == 100


def test_seed002_total_98_with_clerks_qualitative_13_of_15(rules):
    seed = load_seed("seed002")
    result = score_form(form_of(seed), rules, year=2024)
    qualitative = result.rows[8]
    assert qualitative.kind.name == "QUALITATIVE"
    assert (qualitative.score, qualitative.weight) == (Decimal(13), Decimal(15))
    assert result.budget.rate == 1 and result.budget.score == 10
    assert result.total == Decimal(98)
    assert result.grade == "优"


def test_seed002_has_no_errors_and_flags_the_over_achieved_row(rules):
    result = score_form(form_of(load_seed("seed002")), rules, year=2024)
    codes = [(f.code, f.row) for f in result.all_findings()]
    assert [c for c in codes if c[0].startswith("E")] == []
    assert ("W201", 1) in codes  # ≥8个 vs 19个: 2.38 times the target


def test_subtotals_add_up_to_the_total(rules):
    result = score_form(form_of(load_seed("seed000")), rules, year=2024)
    subs = {s.category: s.score for s in result.subtotals}
    assert subs == {
        "预算执行率": Decimal("8.36"),
        "产出指标": Decimal(50),
        "效益指标": Decimal("26.1"),
        "满意度指标": Decimal("9.7"),
    }
    assert sum(subs.values()) == result.total
