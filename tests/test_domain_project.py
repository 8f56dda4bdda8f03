"""The project form's own checks (docs/rules.md §8): funds by source, its name, twins."""

from __future__ import annotations

from decimal import Decimal

from xlsrc.domain.project import Funds, check_funds, check_name, same_names


def _funds(**lines: dict[str, object]) -> Funds:
    return Funds(lines)


def test_sources_that_add_up_are_silent():
    funds = _funds(
        budget={"initial": 100, "total": 120, "spent": "118.5"},
        fiscal={"initial": 80, "total": 100, "spent": 100},
        carried={"initial": 20, "total": 20, "spent": "18.5"},
    )
    assert check_funds(funds) == []


def test_a_column_whose_sources_do_not_add_up_is_named_with_both_sums():
    funds = _funds(
        budget={"initial": 100, "total": 120, "spent": 118.5},
        fiscal={"initial": 80, "total": 100, "spent": 100},
        other={"initial": 20, "total": 19.99, "spent": 18.5},
    )
    (f,) = check_funds(funds)
    assert f.code == "W241" and f.field == "budget.total"
    assert "全年预算数" in f.message and "119.99" in f.message and "120" in f.message


def test_a_difference_within_half_a_hundredth_is_rounding():
    funds = _funds(budget={"total": "10.00"}, fiscal={"total": "6.004"}, other={"total": 4})
    assert check_funds(funds) == []
    funds = _funds(budget={"total": "10.00"}, fiscal={"total": "6.006"}, other={"total": 4})
    assert [f.code for f in check_funds(funds)] == ["W241"]


def test_no_sources_or_no_total_is_nothing_to_compare():
    assert check_funds(_funds(budget={"total": 10})) == []
    assert check_funds(_funds(fiscal={"total": 10})) == []
    assert check_funds(_funds(budget={"total": 10}, fiscal={"total": "—"})) == []


def test_each_column_is_compared_on_its_own():
    funds = _funds(
        budget={"initial": 50, "total": 60, "spent": 40},
        fiscal={"initial": 50, "total": 50, "spent": 40},
    )
    assert [f.field for f in check_funds(funds)] == ["budget.total"]


def test_rate_of_a_line():
    funds = _funds(fiscal={"total": 100, "spent": "99.5"}, other={"total": 0, "spent": 1})
    assert funds.rate("fiscal") == Decimal("0.9950")
    assert funds.rate("other") is None  # a 0 budget has no rate
    assert funds.rate("carried") is None
    assert funds.rate("fiscal", 2) == Decimal("1.00")


def test_a_form_without_a_name():
    assert [f.code for f in check_name(None)] == ["W240"]
    assert [f.code for f in check_name("  ")] == ["W240"]
    assert check_name("水旱灾害防御经费") == []
    assert check_name(2024) == []


def test_the_second_sheet_of_a_project_is_warned_naming_the_first():
    found = same_names(
        [
            ("A", "水旱灾害 防御经费"),
            ("B", "其他"),
            ("C", "水旱灾害防御经费"),
            ("D", None),
            ("E", ""),
        ]
    )
    assert list(found) == ["C"]
    (f,) = found["C"]
    assert f.code == "W242" and "“A”" in f.message and "水旱灾害防御经费" in f.message
    assert same_names([("A", None), ("B", None)]) == {}


def test_a_line_without_its_spent_figure_has_no_rate():
    assert _funds(fiscal={"total": 100}).rate("fiscal") is None
    assert _funds(fiscal={"spent": 100}).rate("fiscal") is None


def test_exactly_half_a_hundredth_apart_is_still_rounding():
    funds = _funds(budget={"total": "10.005"}, fiscal={"total": 10})
    assert check_funds(funds) == []


def test_the_findings_name_the_project_cells():
    assert [f.field for f in check_name("")] == ["project.name"]
    found = same_names([("A", "甲"), ("B", None), ("C", "甲")])
    assert [f.field for f in found["C"]] == ["project.name"]


def test_a_blank_name_before_the_twins_does_not_stop_the_search():
    found = same_names([("A", ""), ("B", "乙"), ("C", "乙"), ("D", "乙")])
    assert sorted(found) == ["C", "D"]


def test_a_project_budget_in_yuan_is_told_against_the_departments():
    from xlsrc.domain.project import check_scale

    (f,) = check_scale(Decimal("387664.62"), "194.72")
    assert f.code == "W244" and f.field == "budget.total"
    assert "387664.62" in f.message and "194.72" in f.message and "元" in f.message
    assert check_scale(Decimal("19472"), 194.72) == []  # exactly 100 times is still 万元
    assert [x.code for x in check_scale(Decimal("19472.01"), 194.72)] == ["W244"]
    assert check_scale(None, 194.72) == []
    assert check_scale(Decimal(5), None) == []
    assert check_scale(Decimal(5), 0) == []  # no department figure to compare with
    assert check_scale(Decimal(5), "待定") == []
    assert [x.code for x in check_scale(Decimal(60), "0.5")] == ["W244"]  # a small department
