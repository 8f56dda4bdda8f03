"""What the clerk sees at the edges of the rules: exact messages, the cell each one marks,
boundary scores and the form-level checks (RULES.md §1, §2)."""

from dataclasses import replace
from decimal import Decimal

import pytest

from xlsrc.domain.numbers import fmt, fmt_percent, quantize
from xlsrc.domain.scoring import Budget, Indicator, grade, score_budget, score_indicator
from xlsrc.domain.selfeval import SelfEvaluation, category_of, score_form

D = Decimal
ROW = 7  # findings must name the row they were raised on


def row(target, actual, weight=10, **kw):
    kw.setdefault("level3", "x")
    return Indicator(level1="产出指标", target=target, actual=actual, weight=weight, **kw)


def shown(findings):
    """(code, severity, field, row, message): everything the 检查 sheet shows of a finding."""
    return [(f.code, f.severity.value, f.field, f.row, f.message) for f in findings]


def e(code, field, message, severity="错误", row=ROW):
    return (code, severity, field, row, message)


def w(code, field, message, row=ROW):
    return (code, "警告", field, row, message)


BANDS = "达成年度指标、部分达成并具有一定效果、未达成且效果较差"
OPERATOR = "含比较符号（≥、≤、＝等）但未能读出数值"
NOT_A_VALUE = "未能识别为数值、日期或文字说明"
NOT_FINITE = "不是有效的数字（无穷大或非数值，可能来自出错的公式或其他软件），请重新填写"
TOO_LARGE = "数值过大（绝对值应小于1000万亿），请核实"

# (indicator, rule score, score, findings in order)
INDICATOR_MESSAGES = [
    (
        row(None, "1个", level3=None),
        None,
        None,
        [
            e("E101", "indicator.target", "年度指标值为空，请填写"),
            e("E116", "indicator.level3", "三级指标为空：考核评分表要求绩效指标细化到三级指标"),
        ],
    ),
    (row("≥1个", "1个", None), None, None, [e("E103", "indicator.weight", "分值为空，请填写")]),
    (row("≥1个", "1个", "十"), None, None, [e("E104", "indicator.weight", "分值“十”应为数字")]),
    (row("≥1个", "1个", True), None, None, [e("E104", "indicator.weight", "分值“True”应为数字")]),
    (
        row("≥1个", "1个", float("nan")),
        None,
        None,
        [e("E104", "indicator.weight", f"分值“nan”{NOT_FINITE}")],
    ),
    (row("≥1个", "1个", "10分"), D(10), D(10), []),
    # 分值 is above 0 on a row that applies; below 0 on none.
    (row("≥1个", "1个", -5), None, None, [e("E117", "indicator.weight", "分值为-5，不能为负数")]),
    (
        row("≥1个", "1个", 0),
        None,
        None,
        [
            e(
                "E118",
                "indicator.weight",
                "分值为0：有年度指标值的指标分值应大于0；不适用的指标请在年度指标值中填写“不适用”或“无”",
            )
        ],
    ),
    (row("无生态效益", "无", 0), D(0), D(0), []),
    (
        row("无生态效益", "无", "-1"),
        D(0),
        D(0),
        [e("E117", "indicator.weight", "分值为-1，不能为负数")],
    ),
    (
        row("≥1个", "1个", 1e308),
        None,
        None,
        [e("E104", "indicator.weight", f"分值“1e+308”{TOO_LARGE}")],
    ),
    (
        row("≥abc", "90%"),
        None,
        None,
        [e("E105", "indicator.target", f"年度指标值“≥abc”无法识别：{OPERATOR}")],
    ),
    (
        row("≥90%以下", "90%"),
        None,
        None,
        [
            e(
                "E105",
                "indicator.target",
                "年度指标值“≥90%以下”无法识别：比较符号与“以上/以下”矛盾",
            )
        ],
    ),
    (
        row("≥5xyz", "5公斤"),
        None,
        None,
        [e("E105", "indicator.target", "年度指标值“≥5xyz”无法识别：单位“xyz”未能识别")],
    ),
    (row("≥1个", None), None, None, [e("E102", "indicator.actual", "实际完成值为空，请填写")]),
    (
        row("≥1个", "≥abc"),
        None,
        None,
        [e("E106", "indicator.actual", f"实际完成值“≥abc”无法识别：{OPERATOR}")],
    ),
    (
        row("≥1个", True),
        None,
        None,
        [e("E106", "indicator.actual", f"实际完成值“True”无法识别：{NOT_A_VALUE}")],
    ),
    (
        row("≥1个", float("nan")),
        None,
        None,
        [e("E106", "indicator.actual", f"实际完成值“nan”无法识别：{NOT_FINITE}")],
    ),
    (
        row(100, "较好"),
        None,
        None,
        [
            e(
                "E107",
                "indicator.actual",
                "年度指标值为数量“100”，实际完成值“较好”不是数量，无法计算得分",
            )
        ],
    ),
    *[
        (
            row("≥95%", actual),
            None,
            None,
            [
                e(
                    "E107",
                    "indicator.actual",
                    f"年度指标值为数量“≥95%”，实际完成值“{actual}”不是数量，无法计算得分",
                )
            ],
        )
        for actual in ("按时完成", "定性", "无", "2024年12月31日")
    ],
    (
        row("≥100个", "100人", deviation="x"),
        None,
        None,
        [
            e(
                "E108",
                "indicator.actual",
                "单位不一致：年度指标值“≥100个”，实际完成值“100人”，请统一单位",
            )
        ],
    ),
    (
        row("2024年6月30日前", "较好"),
        None,
        None,
        [
            e(
                "E109",
                "indicator.actual",
                "年度指标值为时限“2024年6月30日前”，实际完成值“较好”不是日期，无法判断是否按时",
            )
        ],
    ),
    (
        row("2024年6月30日前", "2024年8月12日"),
        D("8.8"),
        D("8.8"),
        [
            w("W202", "indicator.actual", "晚于时限43天完成，按逾期天数扣分"),
            e("E110", "indicator.deviation", "未完成指标值，须填写偏差原因及改进措施"),
        ],
    ),
    (
        row("≥8个", "19个"),
        D(10),
        D(10),
        [
            w(
                "W201",
                "indicator.actual",
                "实际完成值为年度指标值的2.38倍，指标值可能设定偏低，请说明",
            )
        ],
    ),
    (
        row("无生态效益", "无生态效益", 5),
        D(0),
        D(0),
        [w("W205", "indicator.weight", "不适用的指标分值应为0，现为5，已按0分计")],
    ),
    (
        row("定性", "有效推进", 15, band="很好"),
        D(15),
        D(15),
        [e("E112", "indicator.band", f"定性档次“很好”无法识别，应为：{BANDS}")],
    ),
    (
        row("定性", "有效推进", 15, band="达成年度指标", manual=10, deviation="x"),
        D(10),
        D(10),
        [e("E113", "indicator.manual", "人工评分10不在所选档次“达成年度指标”的范围12～15内")],
    ),
    (
        row("定性", "有效推进", 15, manual="十三"),
        D(15),
        D(15),
        [e("E115", "indicator.manual", "人工评分“十三”应为数字")],
    ),
    (
        row("≥100个", "100个", manual="八"),
        D(10),
        D(10),
        [e("E115", "indicator.manual", "人工评分“八”应为数字")],
    ),
    (
        row("≥100个", "100个", manual=8),
        D(10),
        D(10),
        [e("E114", "indicator.reason", "人工评分8与规则得分10不同，须填写调整理由")],
    ),
    (
        row("≥100个", "100个", manual="8.0", reason="质量未达标"),
        D(10),
        D("8.0"),
        [
            e(
                "I301",
                "indicator.manual",
                "采用人工评分8（规则得分10），理由：质量未达标",
                severity="提示",
            )
        ],
    ),
    (
        row("≥95%", "较好", manual=8),
        None,
        None,
        [
            e(
                "E107",
                "indicator.actual",
                "年度指标值为数量“≥95%”，实际完成值“较好”不是数量，无法计算得分",
            ),
            e("E114", "indicator.reason", "人工评分8与规则得分无不同，须填写调整理由"),
        ],
    ),
    (
        row("≥95%", "较好", manual=8, reason="现场核查"),
        None,
        D(8),
        [
            e(
                "E107",
                "indicator.actual",
                "年度指标值为数量“≥95%”，实际完成值“较好”不是数量，无法计算得分",
            ),
            e(
                "I301",
                "indicator.manual",
                "采用人工评分8（规则得分无），理由：现场核查",
                severity="提示",
            ),
        ],
    ),
    (
        row("≥100个", "100个", manual=12, reason="奖励"),
        D(10),
        D(12),
        [
            e("I301", "indicator.manual", "采用人工评分12（规则得分10），理由：奖励", "提示"),
            e("E111", "indicator.score", "得分12大于分值10"),
        ],
    ),
    (
        row("≥100个", "80个", deviation="无偏差"),
        D(8),
        D(8),
        [e("E110", "indicator.deviation", "未完成指标值，须填写偏差原因及改进措施")],
    ),
]


@pytest.mark.parametrize("ind, rule, score, expected", INDICATOR_MESSAGES)
def test_indicator_messages_and_cells(ind, rule, score, expected, rules):
    got = score_indicator(ind, rules, year=2024, row=ROW)
    assert (got.rule_score, got.score) == (rule, score)
    assert shown(got.findings) == expected


# Boundaries of the score formulas: (indicator, rules changes, score, met).
SCORE_EDGES = [
    # ≤ with numbers below 1: an error rate of 0.8% against ≤0.5% is 10 × 0.5 / 0.8.
    (row("≤0.5%", "0.8%", deviation="x"), {}, D("6.3"), False),
    (row("≤0.5%", "0.6%", deviation="x"), {"reverse_formula": "linear"}, D(8), False),
    # A ≤0 target (no accidents) missed, and a negative target missed: no points, no error.
    (row("≤0起", "1起", deviation="x"), {"reverse_formula": "linear"}, D(0), False),
    (row("≤-5%", "0%", deviation="x"), {}, D(0), False),
    (row("≤-5%", "-6%"), {}, D(10), True),
    # ≥ with a target below 1.
    (row("≥0.5%", "0.3%", deviation="x"), {}, D(6), False),
    (row("≥0个", "0个"), {}, D(10), True),
    # On the deadline is on time; a date after an open 按时完成 counts from 31 December.
    (row("2024年6月30日前", "2024年6月30日"), {}, D(10), True),
    (row("按时完成", "2024年12月20日"), {}, D(10), True),
    (row("按时完成", "2025年1月10日", deviation="x"), {}, D("9.7"), False),
    (row("2月底前", "2024年2月29日"), {}, D(10), True),
    (row("2024年底前完成", "2025年1月5日", deviation="x"), {}, D("9.9"), False),
    # A date without a year is read in the target's year.
    (row("2023年12月31日前", "12月20日"), {}, D(10), True),
    (row("2023年6月30日前", "7月30日", deviation="x"), {}, D("9.2"), False),
    # Late with the "zero" rule: nothing, and the row is still not met.
    (row("2024年6月30日前", "2024年7月1日"), {"late_penalty": "zero"}, D(0), False),
]


@pytest.mark.parametrize("ind, changes, score, met", SCORE_EDGES)
def test_score_edges(ind, changes, score, met, rules):
    got = score_indicator(ind, replace(rules, **changes), year=2024)
    assert (got.score, got.met) == (score, met)
    codes = [f.code for f in got.findings]
    assert ("E110" in codes) == (met is False and ind.deviation is None)


def test_over_achievement_is_flagged_for_targets_below_one(rules):
    got = score_indicator(row("≥0.5%", "1%"), rules)
    assert got.score == 10 and [f.message for f in got.findings] == [
        "实际完成值为年度指标值的2倍，指标值可能设定偏低，请说明"
    ]


def test_a_tiny_target_met_many_times_over_is_flagged_not_refused(rules):
    # 10^15 / 10^-15: the ratio has 31 digits, more than Decimal's default 28.
    got = score_indicator(row("≥0.000000000000001个", "999999999999999个"), rules)
    assert got.score == 10
    assert [f.code for f in got.findings] == ["W201"]
    assert "999999999999999000000000000000倍" in got.findings[0].message


def test_missed_positive_target_of_zero_scores_nothing(rules):
    got = score_indicator(row("≥0%", "-3%"), rules, row=ROW)
    assert (got.score, got.met) == (0, False)
    assert shown(got.findings) == [
        e("E110", "indicator.deviation", "未完成指标值，须填写偏差原因及改进措施")
    ]


@pytest.mark.parametrize(
    "year, score",
    [
        (2023, D("9.6")),  # 15 days late on 2023-06-30
        (None, D(10)),  # no year given: the rules file's 2024, so 2023-07-15 is early
        (2024, D(10)),
    ],
)
def test_a_deadline_without_year_is_in_the_forms_year(year, score, rules):
    got = score_indicator(row("6月30日前", "2023年7月15日", deviation="x"), rules, year=year)
    assert got.score == score


@pytest.mark.parametrize(
    "band, manual, score, met, band_shown",
    [
        ("部分达成", 9, D(9), False, "部分达成并具有一定效果"),  # the band's low end is inside
        ("部分达成", 12, D(12), False, "部分达成并具有一定效果"),  # its top is inside too
        ("达成年度指标", 15, D(15), True, "达成年度指标"),
        # Inside 达成年度指标 below the weight: the band says met (no 偏差原因 due).
        ("达成年度指标", 13, D(13), True, "达成年度指标"),
        (None, None, D(15), True, "达成年度指标"),
        ("未达成", None, D(9), False, "未达成且效果较差"),
    ],
)
def test_qualitative_band_edges(band, manual, score, met, band_shown, rules):
    got = score_indicator(row("定性", "有效推进", 15, band=band, manual=manual), rules)
    assert (got.score, got.met, got.band) == (score, met, band_shown)
    codes = [f.code for f in got.findings]
    assert "E113" not in codes
    assert ("E110" in codes) == (not met)


# (budget, rate, score, weight, findings)
BUDGET_EDGES = [
    (Budget(total=100, spent=90), D("0.9"), D(9), D(10), []),
    (
        Budget(total=100, spent=89),
        D("0.89"),
        D("8.9"),
        D(10),
        [w("W203", "budget.rate", "执行率89%低于90%，请在自评报告中说明原因", row=None)],
    ),
    (
        Budget(total=100, spent="105"),
        D("1.05"),
        D(10),
        D(10),
        [
            e(
                "E133",
                "budget.rate",
                "执行率105%超过100%，请核实全年执行数与全年预算数",
                row=None,
            )
        ],
    ),
    (
        Budget(total="362.83万元", spent="303.13万元", weight="10分"),
        D("0.8355"),
        D("8.36"),
        D(10),
        [w("W203", "budget.rate", "执行率83.55%低于90%，请在自评报告中说明原因", row=None)],
    ),
    # A blank 分值 on a filled row is the rules' weight of the row, and says so.
    (
        Budget(total=100, spent=95, weight=None),
        D("0.95"),
        D("9.5"),
        D(10),
        [e("I306", "budget.weight", "预算执行率的分值未填，按评分规则计10分", "提示", row=None)],
    ),
    (
        Budget(total=100, spent=None, weight="十"),
        None,
        None,
        None,
        [
            e("E131", "budget.weight", "分值“十”应为数字", row=None),
            e("E132", "budget.spent", "全年执行数为空，请填写", row=None),
        ],
    ),
    (
        Budget(total="一百", spent=10),
        None,
        None,
        D(10),
        [e("E131", "budget.total", "全年预算数“一百”应为数字", row=None)],
    ),
    (
        Budget(total=100, spent="九十"),
        None,
        None,
        D(10),
        [e("E131", "budget.spent", "全年执行数“九十”应为数字", row=None)],
    ),
    (
        Budget(total=None, spent=10),
        None,
        None,
        D(10),
        [e("E130", "budget.total", "全年预算数为空或为0，无法计算执行率", row=None)],
    ),
    (
        Budget(total=100, spent=None),
        None,
        None,
        D(10),
        [e("E132", "budget.spent", "全年执行数为空，请填写", row=None)],
    ),
    # Money of the budget row is above 0; a figure at or below 0 is an error, never scored.
    (
        Budget(total=-362.83, spent=303.13),
        None,
        None,
        D(10),
        [e("E134", "budget.total", "全年预算数为-362.83，应大于0，请核实", row=None)],
    ),
    (
        Budget(total=100, spent=0),
        None,
        None,
        D(10),
        [e("E134", "budget.spent", "全年执行数为0，应大于0，请核实", row=None)],
    ),
    (
        Budget(total=100, spent="-95"),
        None,
        None,
        D(10),
        [e("E134", "budget.spent", "全年执行数为-95，应大于0，请核实", row=None)],
    ),
    # 年初预算数 0: a project funded during the year (稷山县 2021, 大英县 2023), no error.
    (Budget(initial=0, total=100, spent=95), D("0.95"), D("9.5"), D(10), []),
    (
        Budget(initial=-1, total=100, spent=95),
        D("0.95"),
        D("9.5"),
        D(10),
        [e("E134", "budget.initial", "年初预算数为-1，应大于0，请核实", row=None)],
    ),
    (
        Budget(initial="一百", total=100, spent=95),
        D("0.95"),
        D("9.5"),
        D(10),
        [e("E131", "budget.initial", "年初预算数“一百”应为数字", row=None)],
    ),
    # The row's weight may be 0 (a region that leaves the row out), never below.
    (Budget(total=100, spent=95, weight=0), D("0.95"), D(0), D(0), []),
    (
        Budget(total=100, spent=95, weight=-10),
        D("0.95"),
        None,
        None,
        [e("E135", "budget.weight", "预算执行率的分值为-10，不能为负数", row=None)],
    ),
    # Numbers beyond what a form holds are reported with what was read.
    (
        Budget(total=1e308, spent=10),
        None,
        None,
        D(10),
        [e("E131", "budget.total", f"全年预算数“1e+308”{TOO_LARGE}", row=None)],
    ),
    (
        Budget(total=100, spent=float("-inf")),
        None,
        None,
        D(10),
        [e("E131", "budget.spent", f"全年执行数“-inf”{NOT_FINITE}", row=None)],
    ),
]


@pytest.mark.parametrize("budget, rate, score, weight, expected", BUDGET_EDGES)
def test_budget_row_edges(budget, rate, score, weight, expected, rules):
    got = score_budget(budget, rules)
    assert (got.rate, got.score, got.weight) == (rate, score, weight)
    assert shown(got.findings) == expected


def test_weight_messages_name_the_totals(rules):
    rows = (
        Indicator(level1="产出指标", level3="a", target="≥1个", actual="1个", weight=60),
        Indicator(level1="效益指标", level3="b", target="≥1个", actual="1个", weight=30),
        Indicator(level1="满意度指标", level3="c", target="≥1个", actual="1个", weight=10),
    )
    result = score_form(SelfEvaluation(Budget(total=1, spent=1), rows), rules)
    assert (result.weight_total, result.total) == (D(110), D(110))
    assert shown(result.findings) == [
        e("E120", "form.weight_total", "分值合计为110，应为100", row=None),
        w("W204", "form.weight_total", "产出指标分值合计为60，标准权重为50", row=None),
    ]


def test_a_missing_budget_figure_does_not_change_the_weights(rules):
    rows = (
        Indicator(level1="产出指标", level3="a", target="≥1个", actual="1个", weight=50),
        Indicator(level1="效益指标", level3="b", target="≥1个", actual="1个", weight=30),
        Indicator(level1="满意度指标", level3="c", target="≥1个", actual="1个", weight=10),
    )
    result = score_form(SelfEvaluation(Budget(total=None, spent=1), rows), rules)
    assert result.weight_total == 100 and result.total == 90
    assert [f.code for f in result.all_findings()] == ["E130", "E121"]
    # 90 of the 90 points that could be scored is not 优: the budget row's 10 are unscored.
    assert result.grade == "待核" and result.pending == "1项指标共10分未能评分"


def test_a_not_applicable_row_keeps_its_weight_in_the_totals(rules):
    rows = (
        Indicator(level1="产出指标", level3="a", target="≥1个", actual="1个", weight=50),
        Indicator(level1="效益指标", level3="b", target="≥1个", actual="1个", weight=25),
        Indicator(level3="生态效益", target="无生态效益", actual="无生态效益", weight=5),
        Indicator(level1="满意度指标", level3="c", target="≥1个", actual="1个", weight=10),
    )
    result = score_form(SelfEvaluation(Budget(total=1, spent=1), rows), rules)
    assert (result.weight_total, result.total) == (100, 95)
    assert [f.code for f in result.all_findings()] == ["W205"]


def test_rows_after_a_blank_row_still_count(rules):
    rows = (
        Indicator(level1="产出指标", level3="a", target="≥1个", actual="1个", weight=40),
        Indicator(),
        Indicator(level3="b", target="≥1个", actual="1个", weight=10),
    )
    result = score_form(SelfEvaluation(Budget(total=1, spent=1), rows), rules)
    assert {s.category: (s.weight, s.score) for s in result.subtotals}["产出指标"] == (50, 50)


def test_the_forms_year_reaches_the_time_rows(rules):
    late = Indicator(
        level3="a", target="6月30日前", actual="2023年7月15日", weight=10, deviation="x"
    )
    result = score_form(SelfEvaluation(Budget(total=1, spent=1), (late,)), rules, year=2023)
    assert result.rows[0].score == D("9.6")


@pytest.mark.parametrize(
    "label, category",
    [
        ("产出指标\n(50分)", "产出指标"),
        ("基础指标（20分）", "基础指标"),
        ("绩效目标(80分)", "绩效目标"),
        ("（20分）", "其他指标"),
        ("社会效益", "效益指标"),
    ],
)
def test_category_of_a_level1_label(label, category):
    assert category_of(label) == category


def test_rows_before_any_level1_are_other(rules):
    rows = (Indicator(level3="a", target="≥1个", actual="1个", weight=10),)
    result = score_form(SelfEvaluation(Budget(total=1, spent=1), rows), rules)
    assert result.categories == ("其他指标",)
    assert result.subtotals[1].category == "其他指标"


# Funds breakdown: (budget changes, findings of the form).
FUNDS = [
    (
        {"basic": 60, "project": 30},
        [e("E140", "budget.basic", "基本支出60＋项目支出30＝90，与全年执行数100不一致", row=None)],
    ),
    (
        {"basic": 60},
        [e("E140", "budget.basic", "基本支出60＋项目支出0＝60，与全年执行数100不一致", row=None)],
    ),
    (
        {"project": "20.5"},
        [
            e(
                "E140",
                "budget.basic",
                "基本支出0＋项目支出20.5＝20.5，与全年执行数100不一致",
                row=None,
            )
        ],
    ),
    ({"basic": 100}, []),
    ({"project": 100}, []),
    ({"basic": "79.50", "project": "20.5"}, []),
    ({"spent": None, "basic": 60}, []),  # no 全年执行数 to compare with: E132 says so
    ({"spent": "九十", "basic": 60}, []),  # a bad 全年执行数 is reported once, on its cell
    ({"basic": "六十"}, [e("E131", "budget.basic", "基本支出“六十”应为数字", row=None)]),
    ({"project": "三十"}, [e("E131", "budget.project", "项目支出“三十”应为数字", row=None)]),
    *[
        ({field: "九十"}, [e("E131", f"budget.{field}", f"{label}“九十”应为数字", row=None)])
        for field, label in (
            ("income_general", "一般公共预算"),
            ("income_fund", "政府性基金拨款"),
            ("income_special", "纳入专户管理的非税收入拨款"),
            ("income_other", "其他资金"),
        )
    ],
    (
        {"income_general": 90},
        [e("E141", "budget.income_general", "按收入性质分合计90，与全年预算数100不一致", row=None)],
    ),
    ({"income_general": 90, "income_other": 10}, []),
    ({"income_general": 90, "total": None}, []),
]


@pytest.mark.parametrize("changes, expected", FUNDS)
def test_funds_breakdown(changes, expected, rules):
    budget = replace(Budget(total=100, spent=100), **changes)
    result = score_form(SelfEvaluation(budget, ()), rules)
    # [0] is E120 (no indicators); E121 says the budget row's points went unscored.
    assert [f for f in shown(result.findings)[1:] if f[0] != "E121"] == expected
    bad_spent = [f for f in result.all_findings() if f.field == "budget.spent"]
    assert len(bad_spent) <= 1


def test_lowest_grade_below_every_bound(rules):
    pass_fail = replace(rules, grades=((D(80), "合格"), (D(60), "基本合格")))
    assert [grade(D(t), pass_fail) for t in (85, 60, 59)] == ["合格", "基本合格", "基本合格"]
    assert grade(D(-1), rules) == "差"


@pytest.mark.parametrize(
    "show, value, expected",
    [
        (fmt, D("8.60"), "8.6"),
        (fmt, D("1E+2"), "100"),
        (fmt, D("110.0"), "110"),
        (fmt, D("0.0500"), "0.05"),
        (fmt_percent, D("0.8355"), "83.55%"),
        (fmt_percent, D("0.835460"), "83.55%"),  # two decimals whatever the rate carries
        (fmt_percent, D("0.9"), "90%"),
    ],
)
def test_numbers_as_printed(show, value, expected):
    assert show(value) == expected


@pytest.mark.parametrize(
    "value, places, expected",
    [
        (D("8.355"), 2, D("8.36")),  # half up, as Excel's ROUND
        (D("-2.5"), 0, D(-3)),  # half away from zero
        (D("6.25"), 1, D("6.3")),
        (D("8.34"), 1, D("8.3")),
    ],
)
def test_rounding_is_excels(value, places, expected):
    assert quantize(value, places) == expected
