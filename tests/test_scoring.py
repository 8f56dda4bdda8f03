"""Table-driven tests of the scoring rules (RULES.md §1) and the form-level checks (§2)."""

from dataclasses import replace
from decimal import Decimal

import pytest

from xlsrc.domain.numbers import quantize
from xlsrc.domain.rules import rules_from_mapping
from xlsrc.domain.scoring import Budget, Indicator, Kind, grade, score_budget, score_indicator
from xlsrc.domain.selfeval import SelfEvaluation, score_form

D = Decimal


def row(target, actual, weight=10, **kw):
    return Indicator(
        level1="产出指标",
        level2="数量指标",
        level3="x",
        target=target,
        actual=actual,
        weight=weight,
        **kw,
    )


@pytest.mark.parametrize(
    "target, actual, weight, kind, score, met",
    [
        ("≥100个", "120个", 10, Kind.POSITIVE, D(10), True),
        ("≥100个", "80个", 10, Kind.POSITIVE, D(8), False),
        ("≥100个", "≥85个", 10, Kind.POSITIVE, D("8.5"), False),
        ("100个", "50个", 10, Kind.POSITIVE, D(5), False),
        ("≥3万人", "15000人", 6, Kind.POSITIVE, D(3), False),
        ("≥0%", "-3%", 10, Kind.POSITIVE, D(0), False),  # growth target missed: no B/A
        ("≥-5%", "-8%", 10, Kind.POSITIVE, D(0), False),
        ("≤5天", "4天", 10, Kind.REVERSE, D(10), True),
        ("≤5天", "8天", 10, Kind.REVERSE, D("6.3"), False),  # 10 × 5/8 = 6.25 → 6.3 half up
        ("≦100%", "125%", 10, Kind.REVERSE, D(8), False),
        ("＝100%", "100%", 5, Kind.EQUALITY, D(5), True),
        ("＝100%", "90%", 5, Kind.EQUALITY, D("4.5"), False),
        ("2024年12月31日前", "2024年12月20日前", 10, Kind.TIME, D(10), True),
        ("12月底前", "2024年11月30日", 10, Kind.TIME, D(10), True),
        ("2024年6月30日前", "2024年8月12日", 10, Kind.TIME, D("8.8"), False),  # 43 days late of 365
        ("2024年6月30日前", "按时完成", 10, Kind.TIME, D(10), True),
        ("定性", "有效推进", 15, Kind.QUALITATIVE, D(15), True),
        ("带动周边产业发展", "带动周边产业发展", 5, Kind.QUALITATIVE, D(5), True),
        ("无生态效益", "无生态效益", 0, Kind.NOT_APPLICABLE, D(0), None),
    ],
)
def test_indicator_rules(target, actual, weight, kind, score, met, rules):
    got = score_indicator(row(target, actual, weight, deviation="原因"), rules, year=2024)
    assert (got.kind, got.score, got.met) == (kind, score, met)


def test_rate_is_rounded_before_the_score_as_the_published_form_does(rules):
    # Unrounded, 10 × 303.13/362.83 = 8.3546 → 8.35; the form shows 83.55% and 8.36.
    assert quantize(D("303.13") / D("362.83") * 10, 2) == D("8.35")
    assert score_budget(Budget(total="362.83", spent="303.13"), rules).score == D("8.36")


@pytest.mark.parametrize(
    "budget, spent, rate, score, codes",
    [
        ("362.83", "303.13", D("0.8355"), D("8.36"), ["W203"]),
        (194.72, 194.72, D(1), D(10), []),
        (100, 105, D("1.05"), D(10), ["E133"]),
        (100, 95, D("0.95"), D("9.5"), []),
        (0, 10, None, None, ["E130"]),
        (None, 10, None, None, ["E130"]),
        (100, None, None, None, ["E132"]),
        ("一百", 10, None, None, ["E131"]),
    ],
)
def test_budget_row(budget, spent, rate, score, codes, rules):
    got = score_budget(Budget(total=budget, spent=spent), rules)
    assert (got.rate, got.score) == (rate, score)
    assert [f.code for f in got.findings] == codes


@pytest.mark.parametrize(
    "total, expected",
    [
        (D(100), "优"),
        (D(90), "优"),
        (D("89.99"), "良"),
        (D(80), "良"),
        (D("79.9"), "中"),
        (D(60), "中"),
        (D("59.99"), "差"),
        (D(0), "差"),
    ],
)
def test_grade_boundaries(total, expected, rules):
    assert grade(total, rules) == expected


def codes(result):
    return [f.code for f in result.findings]


def test_unmet_without_deviation_is_an_error(rules):
    assert "E110" in codes(score_indicator(row("≥100个", "80个"), rules))
    assert "E110" in codes(score_indicator(row("≥100个", "80个", deviation="无偏差"), rules))
    assert "E110" not in codes(score_indicator(row("≥100个", "80个", deviation="市场变化"), rules))
    assert "E110" not in codes(score_indicator(row("≥100个", "120个"), rules))


def test_over_achievement_is_flagged_not_deducted(rules):
    got = score_indicator(row("≥8个", "19个"), rules)
    assert got.score == 10 and "W201" in codes(got)
    assert "W201" not in codes(score_indicator(row("≥100个", "120个"), rules))


def test_unit_mismatch_is_flagged_instead_of_guessed(rules):
    got = score_indicator(row("≥100个", "100人", deviation="x"), rules)
    assert got.score is None and "E108" in codes(got)


def test_units_with_multipliers_compare(rules):
    assert score_indicator(row("≥2万人", "20000人"), rules).score == 10


def test_not_understood_target_names_the_text(rules):
    got = score_indicator(row("≥abc", "90%"), rules)
    assert got.kind is Kind.UNKNOWN and got.score is None
    (f,) = [f for f in got.findings if f.code == "E105"]
    assert "≥abc" in f.message and f.field == "indicator.target"


def test_actual_not_a_number_for_a_quantity(rules):
    got = score_indicator(row("≥95%", "较好", deviation="x"), rules)
    assert got.score is None and "E107" in codes(got)


def test_missing_weight_and_values(rules):
    assert {"E101", "E103"} <= set(codes(score_indicator(row(None, "1个", None), rules)))
    assert "E102" in codes(score_indicator(row("≥1个", None), rules))
    assert "E104" in codes(score_indicator(row("≥1个", "1个", "十"), rules))


def test_not_applicable_with_weight_scores_zero_and_warns(rules):
    got = score_indicator(row("无生态效益", "无生态效益", 5), rules)
    assert got.score == 0 and codes(got) == ["W205"]
    assert codes(score_indicator(row("无生态效益", "无生态效益", 0), rules)) == []


@pytest.mark.parametrize(
    "band, manual, score, code",
    [
        (None, None, D(15), None),
        ("达成年度指标", 13, D(13), None),
        ("部分达成并具有一定效果", None, D(12), None),
        ("部分达成", 10, D(10), None),
        ("未达成且效果较差", None, D(9), None),
        ("达成年度指标", 10, D(10), "E113"),  # below the band's 12
        ("很好", None, D(15), "E112"),
        (None, "十三", D(15), "E115"),
    ],
)
def test_qualitative_bands(band, manual, score, code, rules):
    got = score_indicator(
        row("定性", "有效推进", 15, band=band, manual=manual, deviation="说明"), rules
    )
    assert got.score == score
    if code:
        assert code in codes(got)
    else:
        assert [c for c in codes(got) if c.startswith("E")] == []


def test_override_needs_a_reason(rules):
    no_reason = score_indicator(row("≥100个", "100个", manual=8), rules)
    assert no_reason.score == 10 and "E114" in codes(no_reason)
    with_reason = score_indicator(row("≥100个", "100个", manual=8, reason="质量未达标"), rules)
    assert with_reason.score == 8 and with_reason.rule_score == 10 and "I301" in codes(with_reason)


def test_override_above_weight_is_an_error(rules):
    got = score_indicator(row("≥100个", "100个", manual=12, reason="奖励"), rules)
    assert "E111" in codes(got)


def test_late_penalty_zero_from_rules_file(rules):
    strict = replace(rules, late_penalty="zero")
    assert score_indicator(row("2024年6月30日前", "2024年7月1日", deviation="x"), strict).score == 0


def test_reverse_formula_linear_from_rules_file(rules):
    linear = replace(rules, reverse_formula="linear")
    # 10 × (1 − (8 − 5)/5) = 4
    assert score_indicator(row("≤5天", "8天", deviation="x"), linear).score == 4


def test_indicator_precision_from_rules_file(rules):
    whole = replace(rules, indicator_score_places=0)
    assert score_indicator(row("≥500亿元", "≥429亿元", deviation="x"), whole).score == 9


def test_blank_rows_are_skipped(rules):
    form = SelfEvaluation(Budget(total=100, spent=100), (row("≥1个", "1个", 90), Indicator()))
    result = score_form(form, rules)
    assert result.rows[1].kind is Kind.BLANK
    assert result.total == 100 and result.weight_total == 100


def test_form_level_weight_checks(rules):
    form = SelfEvaluation(Budget(total=100, spent=100), (row("≥1个", "1个", 60),))
    result = score_form(form, rules)
    got = [f.code for f in result.findings]
    assert "E120" in got and "W204" in got


def test_level1_fill_down_groups_rows(rules):
    rows = (
        Indicator(level1="产出指标\n(50分)", level3="a", target="≥1个", actual="1个", weight=50),
        Indicator(level1="效益指标（30分）", level3="b", target="定性", actual="好", weight=30),
        Indicator(level1="满意度\n指标", level3="c", target="≥90%", actual="95%", weight=10),
    )
    result = score_form(SelfEvaluation(Budget(total=1, spent=1), rows), rules)
    assert result.categories == ("产出指标", "效益指标", "满意度指标")
    assert not [f for f in result.findings if f.code in ("E120", "W204")]


def test_funds_breakdown_checks(rules):
    bad = Budget(total=100, spent=100, basic=60, project=30, income_general=90)
    result = score_form(SelfEvaluation(bad, ()), rules)
    assert {"E140", "E141"} <= set(codes(result))


def test_rules_from_mapping_reads_a_custom_file():
    data = {
        "region": "某市",
        "year": 2025,
        "weights": {"产出指标": 60},
        "grades": [{"name": "合格", "min": 60}, {"name": "不合格", "min": 0}],
        "budget": {"exec_rate_warning": 0.8},
        "precision": {"rate_places": 4, "budget_score_places": 0, "indicator_score_places": 0},
        "quantitative": {"reverse_formula": "linear", "over_achievement_ratio": 1.5},
        "time": {"late_penalty": "zero", "period_days": 365},
        "qualitative": {"bands": [{"name": "好", "low": 0.5, "high": 1}]},
    }
    rules = rules_from_mapping(data)
    assert grade(D(61), rules) == "合格" and rules.default_band.name == "好"
    assert quantize(D("2.5"), 0) == 3


# --- locality settings (docs/rules.md §7): each at its edge ----------------------------------------


@pytest.fixture(scope="module")
def local(tmp_path_factory):
    from capped import capped_rules

    return capped_rules(tmp_path_factory.mktemp("rules"))


@pytest.mark.parametrize(
    "spent, rate, score, codes",
    [
        ("98.99", D("0.9899"), D("9.9"), []),  # below the threshold: by the rate
        ("99", D("0.99"), D(10), ["I305"]),  # at it: full marks
        ("99.3", D("0.993"), D(10), ["I305"]),  # the published 岳阳 form: 99.3% → 10 of 10
        ("100", D(1), D(10), []),  # full marks by the rate itself: nothing to explain
        ("83.55", D("0.8355"), D("8.36"), ["W203"]),
    ],
)
def test_full_marks_rate_at_its_edge(spent, rate, score, codes, local, rules):
    got = score_budget(Budget(total="100", spent=spent), local)
    assert (got.rate, got.score, [f.code for f in got.findings]) == (rate, score, codes)
    if codes == ["I305"]:
        assert "达到99%" in got.findings[0].message and "满分10分" in got.findings[0].message
    # Without the setting the same row scores by the rate.
    plain = score_budget(Budget(total="100", spent=spent), rules).score
    assert plain == quantize(D(10) * min(rate, D(1)), 2)


def _form(spent, indicator_weight=90):
    """A budget row of 10 over 100 and one met indicator of `indicator_weight`."""
    return SelfEvaluation(
        Budget(total="100", spent=spent, weight=100 - indicator_weight),
        (row("≥100个", "100个", indicator_weight),),
    )


@pytest.mark.parametrize(
    "spent, uncapped, total, cap",
    [
        ("80", D(98), D(98), None),  # 80%: no cap
        ("79.99", D(98), D(89), D(89)),  # 10 × 79.99% = 7.999 → 8; 98 → 89
        ("70", D(97), D(89), D(89)),
        ("69.99", D(97), D(79), D(79)),  # under 0.80 and 0.70: the lowest max
        ("60", D(96), D(79), D(79)),
        ("59.99", D(96), D(69), D(69)),
        ("50", D(95), D(69), D(69)),
        ("49.99", D(95), D(59), D(59)),
        ("0.01", D(90), D(59), D(59)),
    ],
)
def test_total_cap_at_its_edges(spent, uncapped, total, cap, local, rules):
    got = score_form(_form(spent), local)
    assert (got.sum_total, got.total) == (uncapped, total)
    assert (got.cap.max if got.cap else None) == cap
    capped = [f for f in got.findings if f.code == "W216"]
    if cap is None:
        assert capped == []
    else:
        assert capped[0].field == "form.total"
        assert f"总分按规则不超过{cap}分" in capped[0].message
        assert f"各项得分合计{uncapped}分" in capped[0].message
        assert got.grade == grade(total, local)
    # Without caps the total is the sum.
    assert score_form(_form(spent), rules).total == uncapped


def test_a_cap_that_applies_but_is_not_reached_changes_nothing(local):
    form = SelfEvaluation(
        Budget(total="100", spent="75", weight=10), (row("≥100个", "70个", 90, deviation="原因"),)
    )
    got = score_form(form, local)  # 7.5 + 90 × 70% = 70.5, under the cap of 89
    assert got.cap is not None and got.cap.max == 89
    assert got.total == got.sum_total == D("70.5")
    assert "W216" not in [f.code for f in got.findings]


@pytest.mark.parametrize(
    "target, actual, weight, score, deducted",
    [
        ("≥100个", "129.9个", 10, D(10), False),
        ("≥100个", "130个", 10, D(8), True),
        ("≥100个", "200个", 10, D(8), True),
        ("100个", "130个", 10, D(8), True),  # a bare number is a floor: positive
        ("≥100个", "130个", 1, D(0), True),  # never below 0
        ("≥95%", "≥99%", 5, D(5), False),
        ("≥500亿元", "650亿元", 10, D(8), True),  # seed 000's 进出口贸易额 at 130%
        ("≤100个", "40个", 10, D(10), False),  # reverse: below the limit is not 偏离
        ("＝100%", "130%", 10, D(10), False),  # equality is not a positive row
        ("≥100个", "已完成129.9%", 10, D(10), False),  # a share of the target done
        ("≥100个", "已完成130%", 10, D(8), True),
    ],
)
def test_deviation_deduction_at_its_edge(target, actual, weight, score, deducted, local, rules):
    got = score_indicator(row(target, actual, weight), local, year=2024)
    codes = [f.code for f in got.findings]
    assert (got.score, got.rule_score, "W215" in codes) == (score, score, deducted)
    if deducted:
        message = next(f.message for f in got.findings if f.code == "W215")
        assert "偏离标准1.3倍" in message and f"扣{min(2, weight)}分" in message
    assert "W215" not in [
        f.code for f in score_indicator(row(target, actual, weight), rules).findings
    ]


@pytest.mark.parametrize(
    "weight, total, spent, expected, codes",
    [
        (None, "100", "95", D(10), ["I306"]),  # blank 分值: the rules' 10
        ("", "100", "95", D(10), ["I306"]),
        (20, "100", "95", D(20), []),  # typed: as typed (the form warns W204 on the weights)
        (None, None, None, None, []),  # an empty row stays empty
    ],
)
def test_a_blank_budget_weight_is_the_rules(weight, total, spent, expected, codes, rules):
    got = score_budget(Budget(total=total, spent=spent, weight=weight), rules)
    assert got.weight == expected
    assert [f.code for f in got.findings if f.code.startswith("I")] == codes


def test_a_blank_budget_weight_follows_a_rules_file_weighting_it_20(rules):
    twenty = replace(rules, category_weights=(("预算执行率", D(20)), ("产出指标", D(80))))
    got = score_budget(Budget(total="100", spent="95", weight=None), twenty)
    assert (got.weight, got.score) == (D(20), D(19))
    assert "按评分规则计20分" in got.findings[0].message
    typed = score_form(SelfEvaluation(Budget(total="100", spent="95", weight=10), ()), twenty)
    assert "W204" in [f.code for f in typed.findings]
