"""Scores of the wider reader's values: units, bare actuals, fractions, ranges, text verdicts."""

from decimal import Decimal as D

import pytest

from xlsrc.domain.scoring import Indicator, Kind, score_indicator, text_met
from xlsrc.domain.values import Typed, parse_value


def score(target, actual, weight=10, rules=None, **kw):
    return score_indicator(
        Indicator(level1="产出指标", level3="x", target=target, actual=actual, weight=weight, **kw),
        rules,
        year=2024,
        row=0,
    )


def codes(result):
    return [f.code for f in result.findings]


@pytest.mark.parametrize(
    "target, actual, expected, met, code",
    [
        # units of one dimension convert (I303), never compared as written
        ("≥2公里", "1500米", D("7.5"), False, "I303"),
        ("≥100亩", "6.667公顷", D(10), True, "I303"),
        ("≤90万元", "850000元", D(10), True, "I303"),
        ("≥2万人", "15000人", D("7.5"), False, "I303"),
        # a bare actual takes the target's unit (W210): 90 against ≤90万元 is 90万元
        ("≤90万元", "90", D(10), True, "W210"),
        ("=6万元", "6", D(10), True, "W210"),
        ("≥50个", "40", D(8), False, "W210"),
        # an unknown unit on both sides is scored, and warned (W209)
        ("≥500簇", "400簇", D(8), False, "W209"),
        # "已完成100%" against a target of another unit is a completion share (I304)
        ("≥2次", "已完成100%", D(10), True, "I304"),
        ("10万元", "已完成80%", D(8), False, "I304"),
        # ranges: inside → w; below → w × B / low; above → w × high / B
        ("95%-100%", "97%", D(10), True, None),
        ("3-5个", "2个", D("6.7"), False, None),
        ("3-5个", "10个", D(5), False, None),
        # about: read as at least, warned (W214)
        ("约100人", "90人", D(9), False, "W214"),
    ],
)
def test_units_and_shapes(target, actual, expected, met, code, rules):
    got = score(target, actual, rules=rules)
    assert (got.score, got.met) == (expected, met), got.findings
    if code:
        assert code in codes(got)


def test_units_of_different_dimensions_are_an_error(rules):
    got = score("≥2万人", "1万次", rules=rules)
    assert got.score is None and "E108" in codes(got)


@pytest.mark.parametrize("typed_value", [Typed(0.995, "0.0%"), "99.5%"])
def test_a_percent_typed_as_a_number_scores_as_its_text(typed_value, rules):
    got = score("≥95%", typed_value, rules=rules)
    assert (got.score, got.met) == (D(10), True)
    assert "E110" not in codes(got)


@pytest.mark.parametrize("fraction", [0.995, "0.995"])
def test_a_fraction_against_a_percent_target_is_read_as_a_percentage(fraction, rules):
    got = score("≥95%", fraction, rules=rules)
    assert (got.score, got.met) == (D(10), True)
    assert "W211" in codes(got)


def test_a_small_percent_target_keeps_the_bare_number(rules):
    got = score("≤5%", 0.03, rules=rules)  # 0.03% of errors, not 3%
    assert got.met is True and "W211" not in codes(got) and "W210" in codes(got)


def test_a_typed_date_meets_a_deadline(rules):
    import datetime as dt

    on_time = score("2024年12月31日前", dt.datetime(2024, 12, 20), rules=rules)
    late = score("2024年12月31日前", dt.datetime(2025, 1, 10), rules=rules)
    assert on_time.met is True and on_time.score == 10
    assert late.met is False and "W202" in codes(late)


@pytest.mark.parametrize(
    "target, actual, expected",
    [
        ("有效", "有效", True),
        ("效果明显", "达成预期指标", True),
        ("是", "基本达到", False),
        ("有效推进", "未完成", False),
        ("显著提升", "无效", False),
        ("是", "否", False),
        ("1-6期培训结束后及时考核", "1-2期未能及时培训", False),
        ("有所提升", "100%", True),
        ("有所提升", "80%", False),
        ("应助尽助", "9", None),
        ("有效推进", "推进中", None),
        ("提高教育质量与上年相比显著提高", "显著提高", True),
    ],
)
def test_what_a_text_actual_says(target, actual, expected):
    assert text_met(parse_value(target), parse_value(actual)) is expected


def test_a_contradicting_actual_is_warned_and_asks_for_a_reason(rules):
    got = score("有效推进", "未完成", rules=rules)
    assert got.kind is Kind.QUALITATIVE and got.met is False
    assert {"W212", "E110"} <= set(codes(got))
    explained = score("有效推进", "未完成", rules=rules, deviation="受疫情影响延期")
    assert "E110" not in codes(explained) and "W212" in codes(explained)


def test_a_time_target_met_in_words_is_warned(rules):
    got = score("在项目计划完成时间内完成", "达成预期指标", rules=rules)
    assert got.met is True and "W213" in codes(got)
    assert score("2024年12月底前", "正在推进", rules=rules).score is None


def test_an_incomplete_total_is_not_graded(rules):
    from xlsrc.domain.scoring import Budget
    from xlsrc.domain.selfeval import SelfEvaluation, score_form

    rows = [
        Indicator(level1="产出指标", level3="a", target="≥10个", actual="10个", weight=50),
        Indicator(level1="效益指标", level3="b", target="≥2万人", actual="1万次", weight=30),
        Indicator(level1="满意度指标", level3="c", target="≥90%", actual="95%", weight=10),
    ]
    budget = Budget(total=100, spent=100, weight=10)
    result = score_form(SelfEvaluation(budget, tuple(rows)), rules)
    assert (result.total, result.grade) == (D(70), "待核")
    assert result.pending == "1项指标共30分未能评分"
    e121 = [f.message for f in result.findings if f.code == "E121"]
    assert e121 == [
        "1项有分值的指标（共30分）未能评分，总分不完整，等次暂定为“待核”；请按本表提示改正后重新计算"
    ]
    assert result.subtotals[0].category == "预算执行率"
    rows[1] = Indicator(level1="效益指标", level3="b", target="≥2万人", actual="2万人", weight=40)
    over = score_form(SelfEvaluation(budget, tuple(rows)), rules)
    assert (over.grade, over.pending) == ("待核", "分值合计为110，不是100")
    rows[1] = Indicator(level1="效益指标", level3="b", target="≥2万人", actual="2万人", weight=30)
    whole = score_form(SelfEvaluation(budget, tuple(rows)), rules)
    assert (whole.total, whole.grade, whole.pending) == (D(100), "优", "")


def test_calculate_says_why_the_total_is_pending(tmp_path):
    import shutil

    from conftest import EXAMPLES
    from wb import IND

    from xlsrc.adapters.openpyxl_file import OpenpyxlFile
    from xlsrc.usecases import calculate

    path = tmp_path / "book.xlsm"
    shutil.copyfile(EXAMPLES / "seed000.xlsm", path)
    book = OpenpyxlFile(path)
    block = book.area("xs_indicators")
    book.write(block.sub(0, IND.index("actual")), [["1万次"]])  # row 1: ≥300亿 vs 1万次
    outcome = calculate(book)
    assert "等次“待核”" in outcome.message and "1项指标共10分未能评分" in outcome.message
