"""评价评分表 (附件4-1): every rule at each edge of its bands, the inputs clerks type, overrides."""

from dataclasses import replace
from decimal import Decimal as D

import pytest

from xlsrc.domain import rating as R
from xlsrc.domain.rating import RatingData, RatingRow, score_rating, score_row
from xlsrc.domain.rules import RatingRules

PROPORTIONAL = RatingRules()
WHOLE = RatingRules(per_point="whole")


@pytest.fixture()
def whole_rules(rules):
    return replace(rules, rating=WHOLE)


# ------------------------------------------------------------------ band edges, rule by rule


@pytest.mark.parametrize(
    ("rate", "score"),
    [
        ("1", "5"),  # exactly 100%: 5
        ("0.5", "5"),
        ("1.0001", "5"),  # a hundredth of a point rounds away
        ("1.002", "4.9"),
        ("1.01", "4.5"),  # one point over: −0.5
        ("1.1", "0"),  # ten points over: 5 − 5
        ("1.09", "0.5"),
        ("2", "0"),  # seed 004: 8 在职 / 4 编制
    ],
)
def test_staff_control_edges(rate, score):
    got, _ = R.over_limit(D(rate), D(5), D("0.5"), PROPORTIONAL)
    assert got == D(score)


def test_staff_control_whole_points_ignore_a_part_point():
    assert R.over_limit(D("1.019"), D(5), D("0.5"), WHOLE)[0] == D("4.5")
    assert R.over_limit(D("1.02"), D(5), D("0.5"), WHOLE)[0] == D(4)
    assert R.over_limit(D("1.019"), D(5), D("0.5"), PROPORTIONAL)[0] == D("4.05")


@pytest.mark.parametrize(
    ("rate", "score"),
    [("1", "6"), ("0.99", "6"), ("1.01", "5"), ("1.06", "0"), ("1.055", "0.5"), ("1.5", "0")],
)
def test_three_public_control_edges(rate, score):
    assert R.over_limit(D(rate), D(6), D(1), PROPORTIONAL)[0] == D(score)


@pytest.mark.parametrize(
    ("rate", "score"),
    [("0", "5"), ("-0.2", "5"), ("0.01", "4.5"), ("0.1", "0"), ("0.08", "1"), ("0.2", "0")],
)
def test_three_public_change_edges(rate, score):
    assert R.change_rate(D(rate), PROPORTIONAL)[0] == D(score)


@pytest.mark.parametrize(
    ("rate", "score"),
    [
        ("0.9", 5),
        ("1", 5),
        ("0.8999", 4),
        ("0.8", 4),
        ("0.7999", 3),
        ("0.7", 3),
        ("0.6999", 2),
        ("0.6", 2),
        ("0.5999", 0),
        ("0", 0),
    ],
)
def test_key_spending_bands(rate, score):
    assert R.key_spending(D(rate))[0] == score


@pytest.mark.parametrize(
    ("rate", "score"),
    [
        ("0", "3"),
        ("0.0001", "2"),
        ("0.1", "2"),  # exactly 10%: still 2 (0-10%（含）)
        ("0.1001", "1"),
        ("0.2", "1"),  # exactly 20%
        ("0.2001", "0.5"),
        ("0.3", "0.5"),  # exactly 30%
        ("0.3001", "0"),
        ("-0.1", "2"),  # a cut is an adjustment too
        ("-0.35", "0"),
    ],
)
def test_budget_adjustment_bands(rate, score):
    assert R.adjustment(D(rate))[0] == D(score)


@pytest.mark.parametrize(
    ("rate", "score"),
    [("1", 5), ("0.95", 5), ("0.9499", 3), ("0.85", 3), ("0.8499", 1), ("0.75", 1), ("0.7499", 0)],
)
def test_satisfaction_bands(rate, score):
    assert R.satisfaction(D(rate))[0] == score


@pytest.mark.parametrize(
    ("rate", "floor", "per", "score"),
    [
        ("1", "1", "0.2", "3"),  # 政府采购执行率 exactly 100%
        ("1.05", "1", "0.2", "3"),
        ("0.99", "1", "0.2", "2.8"),
        ("0.85", "1", "0.2", "0"),  # 15 points short: 3 − 3
        ("0.5", "0.5", "0.2", "3"),  # 公务卡 exactly 50%
        ("0.49", "0.5", "0.2", "2.8"),
        ("0.35", "0.5", "0.2", "0"),
        ("1", "1", "0.1", "3"),  # 固定资产利用率 exactly 100%
        ("0.99", "1", "0.1", "2.9"),
        ("0.7", "1", "0.1", "0"),
        ("0.6", "1", "0.1", "0"),
    ],
)
def test_short_of_edges(rate, floor, per, score):
    assert R.short_of(D(rate), D(floor), D(3), D(per), PROPORTIONAL)[0] == D(score)


@pytest.mark.parametrize(("count", "score"), [(0, "3"), (1, "2.5"), (6, "0"), (7, "0")])
def test_payment_progress(count, score):
    assert R.late_specials(count, 2) == D(score)


@pytest.mark.parametrize(
    ("balance", "carried", "score"),
    [
        ("0", "5", 3),
        ("-431.91", "432.05", 3),
        ("0.14", "432.05", 2),
        ("5", "5", 2),
        ("5.01", "5", 0),
    ],
)
def test_balance(balance, carried, score):
    assert R.balance_score(D(balance), D(carried)) == score


def test_checklists():
    assert R.items_score("management_rules", frozenset()) == 3
    assert R.items_score("management_rules", frozenset({2})) == 2
    assert R.items_score("disclosure", frozenset({1})) == 2
    assert R.items_score("disclosure", frozenset({2, 5})) == 2
    assert R.items_score("asset_rules", frozenset({1})) == 1
    assert R.violations_score("compliance", 0) == 3
    assert R.violations_score("compliance", 2) == 1
    assert R.violations_score("asset_safety", 5) == 0


# ------------------------------------------------------------------ what clerks type


@pytest.mark.parametrize(
    ("raw", "rate"),
    [("96%", "0.96"), (0.96, "0.96"), ("96", "0.96"), (96, "0.96"), ("１００％", "1"), (1, "1")],
)
def test_rates_as_typed(raw, rate):
    assert R.read_rate(raw) == D(rate)


@pytest.mark.parametrize(
    ("raw", "items"),
    [("无", set()), ("②", {2}), ("①③", {1, 3}), ("2、3", {2, 3}), ("1,3", {1, 3}), ("２", {2})],
)
def test_items_as_typed(raw, items):
    assert R.read_items(raw, 3) == frozenset(items)


@pytest.mark.parametrize("raw", ["④", "4", "全部", "0、1"])
def test_items_out_of_range_or_unknown_are_refused(raw):
    result = score_row("management_rules", RatingRow(basis=raw), RatingData(), _rules())
    assert result.score is None
    assert [f.code for f in result.findings] == ["E402"]
    assert f"“{raw}”" in result.findings[0].message


@pytest.mark.parametrize(("raw", "count"), [("无", 0), (0, 0), ("2", 2), (3.0, 3)])
def test_counts_as_typed(raw, count):
    assert R.read_count(raw) == count


@pytest.mark.parametrize("raw", ["1.5", "-1", "两个"])
def test_bad_counts(raw):
    result = score_row("compliance", RatingRow(basis=raw), RatingData(), _rules())
    assert result.findings[0].code == "E402"
    assert result.findings[0].field == "rating.compliance.basis"


def _rules():
    from xlsrc.rules import load_rules

    return load_rules()


# ------------------------------------------------------------------ rows from the data


def test_staff_row_from_the_data_explains_the_deduction(rules):
    result = score_row("staff_control", RatingRow(), RatingData(4, 8), rules)
    assert (result.rule_score, result.score) == (0, 0)
    assert result.measured == "在职人数8人÷编制数4人＝200%"
    assert result.reason == (
        "在职人数8人÷编制数4人＝200%；超过100%100个百分点，每个百分点扣0.5分，扣5分"
    )


def test_full_points_leave_the_reason_empty(rules):
    result = score_row("staff_control", RatingRow(), RatingData(22, 22), rules)
    assert (result.score, result.reason) == (5, "")
    assert result.measured == "在职人数22人÷编制数22人＝100%"


def test_three_public_change_follows_the_basis_setting(rules):
    data = RatingData(three_public_prior=10, three_public_budget=10, three_public_final=11)
    by_final = score_row("three_public_change", RatingRow(), data, rules)
    assert by_final.score == 0  # +10%: 10 points × 0.5
    assert "本年决算11万元较上年决算10万元变动10%" in by_final.reason
    budget_rules = replace(rules, rating=RatingRules(three_public_basis="budget"))
    by_budget = score_row("three_public_change", RatingRow(), data, budget_rules)
    assert (by_budget.score, by_budget.reason) == (5, "")


def test_three_public_from_nothing_last_year(rules):
    data = RatingData(three_public_prior=0, three_public_final=3)
    assert score_row("three_public_change", RatingRow(), data, rules).score == 0
    data = RatingData(three_public_prior=0, three_public_final=0)
    assert score_row("three_public_change", RatingRow(), data, rules).score == 5


def test_typed_rate_wins_over_the_data(rules):
    data = RatingData(procurement_budget=100, procurement_final=90)
    assert score_row("procurement", RatingRow(), data, rules).score == 1
    assert score_row("procurement", RatingRow(basis="100%"), data, rules).score == 3


def test_adjustment_from_the_data(rules):
    data = RatingData(initial_budget=200, adjustment=20)
    result = score_row("budget_adjustment", RatingRow(), data, rules)
    assert result.score == 2
    assert result.reason.startswith("预算调整数20万元÷年初预算数200万元＝10%；按“0-10%（含）”计2分")


def test_balance_from_the_data(rules):
    data = RatingData(balance="0.14", carried_over="432.05")
    result = score_row("balance", RatingRow(), data, rules)
    assert result.score == 2
    assert "年末累计结余0.14万元，上年结转432.05万元" in result.reason


def test_asset_use_and_card(rules):
    data = RatingData(assets_total="2132.1", assets_in_use="2132.1")
    assert score_row("asset_use", RatingRow(), data, rules).score == 3
    assert score_row("official_card", RatingRow(basis="45%"), data, rules).score == 2
    no_data = score_row("official_card", RatingRow(), data, rules)
    assert no_data.score is None and no_data.findings[0].code == "W401"


def test_judged_rows_take_the_clerks_score_or_the_linked_share(rules):
    assert score_row("social", RatingRow(basis=3), RatingData(), rules).reason == (
        "按完成情况评定3分（评分依据填写）；在分值5分内评定，扣2分"
    )
    linked = RatingData(links={"output": D("0.9"), "economic": D(1)})
    assert score_row("output_growth_pole", RatingRow(), linked, rules).score == D("6.3")
    assert score_row("economic", RatingRow(), linked, rules).score == 5
    over = score_row("social", RatingRow(basis=6), RatingData(), rules)
    assert over.score is None and over.findings[0].code == "E403"


def test_manual_needs_a_reason_and_stays_within_the_weight(rules):
    no_reason = score_row("procurement", RatingRow(manual=3), RatingData(), rules)
    assert no_reason.score is None
    assert [f.code for f in no_reason.findings] == ["E405", "W401"]
    given = score_row(
        "three_public_change",
        RatingRow(manual=0, reason="本年新购公务用车一台"),
        RatingData(),
        rules,
    )
    assert given.score == 0 and given.rule_score is None
    assert given.reason == "评定0分（按规则计算为无）：本年新购公务用车一台"
    over = score_row("procurement", RatingRow(manual=4, reason="x"), RatingData(), rules)
    assert over.findings[0].code == "E403"
    bad = score_row("procurement", RatingRow(manual="三分"), RatingData(), rules)
    assert bad.findings[0].code == "E404"


def test_whole_form_total_and_grade(rules):
    rows = {key: RatingRow(manual=w, reason="x") for key, w in R.WEIGHTS.items()}
    result = score_rating(rows, RatingData(), rules)
    assert result.total == 100 and result.grade == "优"
    rows["staff_control"] = RatingRow()
    result = score_rating(rows, RatingData(25, 22), rules)
    assert result.total == 100
    result = score_rating({}, RatingData(4, 8), rules)
    assert result.total == 0 and result.grade == "差"
    assert sum(f.code == "W401" for f in result.all_findings()) == 24


def test_weights_are_the_forms():
    from xlsrc.forms import rating as form

    printed = [row[4] for row in form.ROWS]
    assert sum(R.WEIGHTS.values()) == 100 == sum(p for p in printed if p)
    for key, points in zip(form.KEYS, printed, strict=True):
        if key not in R.BENEFIT_ROWS:
            assert R.WEIGHTS[key] == points, key


def test_the_clerks_note_follows_the_rules_reason(rules):
    result = score_row("social", RatingRow(basis=3, reason="出口增速不快"), RatingData(), rules)
    assert result.reason.endswith("扣2分；出口增速不快")
    full = score_row("economic", RatingRow(basis=5, reason="招商引进多家企业"), RatingData(), rules)
    assert (full.score, full.reason) == (5, "招商引进多家企业")
    no_reason = score_row("procurement", RatingRow(manual=3), RatingData(), rules)
    assert no_reason.findings[0].field == "rating.procurement.note"


def test_band_and_bad_rate_are_named_in_the_reason(rules):
    over = score_row("budget_adjustment", RatingRow(basis="35%"), RatingData(), rules)
    assert over.reason == "预算调整率35%（评分依据填写）；按“大于30%”计0分，扣3分"
    bad = score_row("key_spending", RatingRow(basis="九成"), RatingData(), rules)
    assert (
        bad.findings[0].message == "“重点支出安排率”的评分依据“九成”无法识别：应为百分比（如 96%）"
    )


# ------------------------------------------------------------------ every rule through its row
# Each kind of row scored as the form scores it: the points, what was measured and why points
# went (附件4-1's 评分标准 and weights), so a rule that scores right but says it wrong fails too.


def _row(key, rules, basis=None, **data):
    return score_row(key, RatingRow(basis=basis), RatingData(**data), rules)


def _needs(result):
    """The W401 sentence of a row left without the data its rule needs."""
    assert result.score is None and result.rule_score is None
    (only,) = result.findings
    assert (only.code, only.field) == ("W401", f"rating.{result.key}.basis")
    return only.message


@pytest.mark.parametrize(
    ("key", "basis", "score", "measured", "reason"),
    [
        # 支付进度 (3): 0.5 off for each special not passed on in time
        ("payment_progress", "2", "2", "未按进度下达资金的专项2个", "每个扣0.5分，扣1分"),
        ("payment_progress", "无", "3", "未按进度下达资金的专项0个", ""),
        ("payment_progress", 9, "0", "未按进度下达资金的专项9个", "每个扣0.5分，扣3分"),
        # 资金使用合规性 (3) and 资产管理安全性 (4): 1 off for each case, 扣完为止
        ("compliance", "1", "2", "不符合要求1例", "每个扣1分，扣1分"),
        ("asset_safety", "5", "0", "不符合要求5例", "每个扣1分，扣4分"),
        ("asset_safety", "没有", "4", "不符合要求0例", ""),
        # checklists: the points of the items not met
        ("management_rules", "②", "2", "第②项不符合", "不符合项的分值共1分"),
        ("disclosure", "1、3", "1.5", "第①、③项不符合", "不符合项的分值共1.5分"),
        ("disclosure", "⑤④", "2", "第④、⑤项不符合", "不符合项的分值共1分"),
        ("asset_rules", "①", "1", "第①项不符合", "不符合项的分值共2分"),
        ("asset_rules", "无", "3", "各项均符合", ""),
        # rates typed in 评分依据, scored by their band
        (
            "key_spending",
            "85%",
            "4",
            "重点支出安排率85%（评分依据填写）",
            "按“80%（含）-90%”计4分，扣1分",
        ),
        (
            "key_spending",
            "59.9%",
            "0",
            "重点支出安排率59.9%（评分依据填写）",
            "按“低于60%”计0分，扣5分",
        ),
        ("key_spending", "90%", "5", "重点支出安排率90%（评分依据填写）", ""),
        (
            "satisfaction",
            "80%",
            "1",
            "社会公众或服务对象满意度80%（评分依据填写）",
            "按“75%（含）-85%”计1分，扣4分",
        ),
        ("satisfaction", 0.95, "5", "社会公众或服务对象满意度95%（评分依据填写）", ""),
        # 公务卡刷卡率: full points from 50%, 0.2 off a point below
        (
            "official_card",
            "45%",
            "2",
            "公务卡刷卡率45%（评分依据填写）",
            "低于50%共5个百分点，每个百分点扣0.2分，扣1分",
        ),
        ("official_card", "50%", "3", "公务卡刷卡率50%（评分依据填写）", ""),
    ],
)
def test_each_rule_scores_and_explains_its_row(rules, key, basis, score, measured, reason):
    result = _row(key, rules, basis)
    assert result.findings == ()
    assert (result.rule_score, result.score) == (D(score), D(score))
    assert result.measured == measured
    assert result.reason == (f"{measured}；{reason}" if reason else "")


def test_the_rates_of_the_data_are_scored_by_their_own_limits(rules):
    control = _row("three_public_control", rules, three_public_budget=10, three_public_final="10.5")
    assert control.score == 1  # 6 points, 5 points over 100% at 1 each
    assert control.reason == (
        "三公经费决算10.5万元÷预算10万元＝105%；超过100%5个百分点，每个百分点扣1分，扣5分"
    )
    procurement = _row("procurement", rules, procurement_budget=100, procurement_final=90)
    assert procurement.reason == (
        "政府采购实际90万元÷采购预算100万元＝90%；低于100%共10个百分点，每个百分点扣0.2分，扣2分"
    )
    in_use = _row("asset_use", rules, assets_total=100, assets_in_use=95)
    assert in_use.score == D("2.5")  # 3 points, 5 points short of 100% at 0.1 each
    assert in_use.reason == (
        "在用固定资产95万元÷固定资产合计100万元＝95%；低于100%共5个百分点，每个百分点扣0.1分，扣0.5分"
    )
    typed = _row(
        "three_public_control", rules, "103%", three_public_budget=10, three_public_final=20
    )
    assert (typed.score, typed.measured) == (3, "“三公经费”控制率103%（评分依据填写）")


def test_whole_points_apply_to_the_shortfalls_and_the_excesses_alike(whole_rules):
    short = _row("asset_use", whole_rules, assets_total=1000, assets_in_use=955)  # 95.5%
    assert short.score == D("2.6")  # 4 whole points at 0.1
    over = _row("three_public_control", whole_rules, "102.9%")
    assert over.score == 4  # 2 whole points at 1


@pytest.mark.parametrize(
    ("key", "data", "needs"),
    [
        ("staff_control", {"staff_authorized": 5}, "编制数、实有人数"),
        (
            "three_public_control",
            {"three_public_budget": 0, "three_public_final": 3},
            "本年三公经费预算数、决算数",
        ),
        ("procurement", {"procurement_final": 90}, "政府采购预算、实际采购金额，或政府采购执行率"),
        (
            "asset_use",
            {"assets_total": "x", "assets_in_use": 3},
            "固定资产合计、在用固定资产，或固定资产利用率",
        ),
        ("official_card", {}, "公务卡刷卡率（百分比）"),
        ("key_spending", {}, "重点支出安排率（百分比）"),
        ("satisfaction", {}, "社会公众或服务对象满意度（百分比）"),
        ("payment_progress", {}, "个数，没有写“无”"),
        ("compliance", {}, "个数，没有写“无”"),
        ("disclosure", {}, "不符合的项号，全部符合写“无”"),
    ],
)
def test_a_row_without_its_figures_says_what_it_needs(rules, key, data, needs):
    label = R.T.RATING_LABELS[key]
    assert _needs(_row(key, rules, **data)) == (
        f"“{label}”缺少计算所需的数据（{needs}），请在评分依据中填写，或在人工评分中打分并说明理由"
    )
