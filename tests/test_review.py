"""考核评分表 (附件5) pre-score: working-day lateness across holidays and 调休, completeness,
the 自评表's weights and indicators, problems and suggestions that only ask for money."""

import datetime as dt
from dataclasses import replace
from decimal import Decimal as D

import pytest

from xlsrc.domain import review as V
from xlsrc.domain.review import ReviewFacts, pre_score, workdays_late
from xlsrc.domain.rules import ReviewRules

# 2025 (国办发明电〔2024〕12号): 劳动节 5月1日–5日 off; Sunday 4月27日 a 调休 working day.
HOLIDAYS_2025 = {dt.date(2025, 5, d) for d in range(1, 6)}
MAKEUP_2025 = {dt.date(2025, 4, 27)}


def calendar_2025(day: dt.date) -> bool:
    if day.year != 2025:
        raise NotImplementedError(day.year)
    if day in MAKEUP_2025:
        return True
    return day.weekday() < 5 and day not in HOLIDAYS_2025


SECTIONS = ("七、存在的问题及原因分析", "八、下一步改进措施")


def _d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@pytest.mark.parametrize(
    ("deadline", "submitted", "late"),
    [
        ("2025-04-25", "2025-04-25", 0),  # on the day
        ("2025-04-25", "2025-04-20", 0),  # early
        ("2025-04-25", "2025-04-26", 0),  # Saturday: not a working day
        ("2025-04-25", "2025-04-27", 1),  # Sunday 4月27日 is a 调休 working day
        ("2025-04-25", "2025-04-28", 2),  # Monday
        ("2025-04-30", "2025-05-05", 0),  # the whole 劳动节 holiday
        ("2025-04-30", "2025-05-06", 1),
        ("2025-04-25", "2025-05-09", 8),  # 4月27–30日 and 5月6–9日
    ],
)
def test_working_days_late_across_a_makeup_weekend(deadline, submitted, late):
    assert workdays_late(_d(submitted), _d(deadline), calendar_2025) == (late, [])


def test_without_a_holiday_calendar_weekdays_count():
    assert workdays_late(_d("2025-04-28"), _d("2025-04-25")) == (1, [])
    assert workdays_late(_d("2025-05-06"), _d("2025-04-30")) == (4, [])


def test_a_year_the_calendar_does_not_know_counts_weekdays_and_says_so():
    late, unknown = workdays_late(_d("2026-01-05"), _d("2025-12-31"), calendar_2025)
    assert (late, unknown) == (3, [2026])  # 1月1日 (a holiday) counted too: 1, 2, 5


def test_with_the_real_calendar_library():
    chinese_calendar = pytest.importorskip("chinese_calendar")
    assert workdays_late(_d("2025-04-28"), _d("2025-04-25"), chinese_calendar.is_workday) == (
        2,
        [],
    )
    assert workdays_late(_d("2025-05-06"), _d("2025-04-30"), chinese_calendar.is_workday) == (
        1,
        [],
    )


@pytest.mark.parametrize(
    ("raw", "day"),
    [
        (dt.date(2022, 6, 27), "2022-06-27"),
        (dt.datetime(2022, 6, 27, 9, 30), "2022-06-27"),
        ("2022年6月27日", "2022-06-27"),
        ("2022-6-27", "2022-06-27"),
        ("2022/06/27", "2022-06-27"),
        ("2022.6.27", "2022-06-27"),
    ],
)
def test_dates_as_typed(raw, day):
    assert V.read_date(raw) == _d(day)


@pytest.mark.parametrize("raw", ["6月27日", "2022年13月1日", "下周"])
def test_bad_dates_are_named(rules, raw):
    result = pre_score(ReviewFacts(submitted=raw, deadline="2022-06-30"), rules, SECTIONS)
    codes = [f.code for f in result.findings]
    assert "E503" in codes
    assert any(f"“{raw}”" in f.message for f in result.findings)


def _row(result, key):
    return next(r for r in result.rows if r.key == key)


@pytest.mark.parametrize(("late", "score"), [(0, 10), (1, 9), (3, 7), (10, 0), (12, 0)])
def test_submission_points(rules, late, score):
    deadline = _d("2025-06-02")  # weekdays only: no calendar given
    submitted = deadline
    while workdays_late(submitted, deadline)[0] < late:
        submitted += dt.timedelta(days=1)
    result = pre_score(ReviewFacts(submitted=submitted, deadline=deadline), rules, SECTIONS)
    assert _row(result, "submission").score == score
    if late:
        assert f"共{late}个工作日" in _row(result, "submission").reason


def test_deadline_from_the_rules_file_and_the_cell_wins(rules):
    ruled = replace(rules, review=ReviewRules(deadline=_d("2025-04-25")))
    facts = ReviewFacts(submitted="2025-04-28")
    result = pre_score(facts, ruled, SECTIONS, calendar_2025)
    assert _row(result, "submission").score == 8
    result = pre_score(replace(facts, deadline="2025-04-28"), ruled, SECTIONS, calendar_2025)
    assert _row(result, "submission").score == 10
    nothing = pre_score(facts, rules, SECTIONS)
    assert _row(nothing, "submission").score is None
    assert [f.code for f in nothing.findings] == ["I502"]
    assert [f.code for f in pre_score(ReviewFacts(), rules, SECTIONS).findings] == ["I501"]


@pytest.mark.parametrize(
    ("sections", "attachments", "score"),
    [(0, 0, 15), (1, 0, 13), (4, 0, 7), (5, 0, 7), (0, 1, 13), (0, 3, 9), (0, 4, 8), (5, 4, 0)],
)
def test_completeness(rules, sections, attachments, score):
    facts = ReviewFacts(
        missing_sections=tuple(f"s{i}" for i in range(sections)),
        missing_attachments=tuple(f"a{i}" for i in range(attachments)),
    )
    assert _row(pre_score(facts, rules, SECTIONS), "completeness").score == score


def test_self_table(rules):
    facts = ReviewFacts(
        weights=(("产出指标", D(50), D(50)), ("效益指标", D(20), D(30))),
        indicators=10,
        refined=10,
        measurable=5,
    )
    result = pre_score(facts, rules, SECTIONS)
    row = _row(result, "self_table")
    # 权重 1 of 2 categories (2.5 → 3: whole points, half up), 三级 10/10, 可衡量 5/10 (2.5 → 3);
    # 精简实用 3 and 密切相关 2 are the bureau's: pending, not earned
    assert row.score == 3 + 5 + 3
    assert "效益指标分值20（应为30）" in row.reason and "5分待财政局评定" in row.reason
    # pending: 布置工作 8 + 2 and 单位自查 10 without evidence, 提交报告 10 undated, and those 5;
    # the empty 反映问题 and 建议 score 0, as the form says
    assert result.pending == 8 + 2 + 10 + 10 + 5
    assert result.total == row.score + 15  # and 完整性 in full; 提交报告 undated
    empty = _row(pre_score(ReviewFacts(), rules, SECTIONS), "self_table")
    assert empty.score == 0


@pytest.mark.parametrize(
    ("text", "money"),
    [
        ("资金不足。", True),
        ("（一）专项经费不足，工作开展受限；（二）建议加大资金投入。", True),
        ("预算编制不够精准。资金不足。", False),
        ("", False),
    ],
)
def test_money_only(text, money):
    assert V.only_money(text) is money


def test_problems_and_suggestions(rules):
    facts = ReviewFacts(problems="经费紧张。", suggestions="加强预算编制，提高精准性。")
    result = pre_score(facts, rules, SECTIONS)
    # money only scores 0, as the form says; a real text is the bureau's to grade: 待评定
    assert (_row(result, "problems").score, _row(result, "suggestions").score) == (0, None)
    assert "待财政局按评分标准评定" in _row(result, "suggestions").reason
    assert [f.code for f in result.findings if f.code == "W507"] == ["W507"]
    assert result.total == 15  # 完整性 only: nothing of the suggestions is counted
    assert _row(pre_score(ReviewFacts(), rules, SECTIONS), "problems").score == 0


def test_judged_rows_and_total(rules):
    facts = ReviewFacts(judged={"notice": 8, "team": "2", "self_check": 11})
    result = pre_score(facts, rules, SECTIONS)
    assert [_row(result, k).score for k in ("notice", "team", "self_check")] == [8, 2, None]
    assert "E506" in [f.code for f in result.findings]
    assert result.total == 8 + 2 + 15  # completeness full; the rest unscored or 0


# ------------------------------------------------------------------ what each row says, and where
# The pre-score is read by the bureau beside the clerk's own: each row's sentence and each
# finding's cell are what a clerk sees, so they are asserted whole.


def test_late_and_on_time_submissions_are_explained_with_both_dates(rules):
    late = pre_score(
        ReviewFacts(submitted="2025-04-28", deadline="2025年4月25日"),
        rules,
        SECTIONS,
        calendar_2025,
    )
    assert _row(late, "submission").reason == (
        "2025年4月28日报送，晚于截止日期2025年4月25日共2个工作日，每个工作日扣1分，扣2分"
    )
    half = replace(rules, review=ReviewRules(late_points=D("0.5")))
    result = pre_score(
        ReviewFacts(submitted="2025-04-28", deadline="2025-04-25"), half, SECTIONS, calendar_2025
    )
    assert _row(result, "submission").score == 9
    assert _row(result, "submission").reason.endswith("每个工作日扣0.5分，扣1分")
    on_time = pre_score(ReviewFacts(submitted="2025-04-25", deadline="2025-04-25"), rules, SECTIONS)
    assert _row(on_time, "submission").reason == "2025年4月25日报送，未晚于截止日期2025年4月25日"
    assert on_time.findings == ()


def test_a_bad_date_is_placed_on_its_own_cell(rules):
    deadline = pre_score(ReviewFacts(submitted="2025-04-25", deadline="下周"), rules, SECTIONS)
    bad = [f for f in deadline.findings if f.code == "E503"]
    assert [(f.field, f.message) for f in bad] == [
        (
            "review_date.deadline",
            "报送截止日期“下周”无法识别为日期，请写成 2025年6月30日 或 2025-06-30",
        )
    ]
    # with the deadline unreadable and none in the rules, the row is unscored, said on 报送日期
    assert [(f.code, f.field) for f in deadline.findings[1:]] == [("I502", "review_date.submitted")]
    submitted = pre_score(ReviewFacts(submitted="六月", deadline="2025-04-25"), rules, SECTIONS)
    assert [(f.code, f.field) for f in submitted.findings] == [
        ("E503", "review_date.submitted"),
        ("I501", "review_date.submitted"),
    ]
    assert "报送日期“六月”" in submitted.findings[0].message


def test_a_year_outside_the_calendar_is_a_warning_on_the_submission_date(rules):
    result = pre_score(
        ReviewFacts(submitted="2026-01-05", deadline="2025-12-31"), rules, SECTIONS, calendar_2025
    )
    assert [(f.code, f.field, f.message) for f in result.findings] == [
        (
            "W504",
            "review_date.submitted",
            "节假日日历不含2026年，按周一至周五为工作日计算，请核对调休",
        )
    ]
    assert _row(result, "submission").score == 7


def test_completeness_names_what_is_missing(rules):
    facts = ReviewFacts(missing_sections=("四、", "六、"), missing_attachments=("附件3",))
    row = _row(pre_score(facts, rules, SECTIONS), "completeness")
    assert (row.score, row.reason) == (
        D(9),
        "正文缺少2个部分（四、、六、），每个扣2分；附件缺少1个（附件3），每个扣2分",
    )
    whole = _row(pre_score(ReviewFacts(), rules, SECTIONS), "completeness")
    assert (whole.score, whole.reason) == (D(15), "正文和附件齐全")


def test_the_self_table_row_counts_what_it_scored(rules):
    facts = ReviewFacts(
        weights=(("产出指标", D(50), D(50)), ("效益指标", D(20), D(30)), ("满意度", D(10), D(10))),
        indicators=8,
        refined=6,
        measurable=2,
    )
    row = _row(pre_score(facts, rules, SECTIONS), "self_table")
    # each share of 5 rounded half up to a whole point: 3.33 → 3, 3.75 → 4, 1.25 → 1; the
    # bureau's 5 (精简实用, 密切相关) is not counted
    assert row.score == 3 + 4 + 1
    assert row.reason == (
        "权重符合要求的类别2/3个，计3分；效益指标分值20（应为30）；"
        "细化到三级指标的6/8行，计4分；"
        "可衡量（定量或时效）的2/8行，计1分；精简实用、密切相关的5分待财政局评定，未计入预审合计"
    )
    unweighed = _row(pre_score(replace(facts, weights=()), rules, SECTIONS), "self_table")
    assert unweighed.score == 5 + 4 + 1  # no category named: the weights' full 5
    empty = _row(pre_score(ReviewFacts(weights=facts.weights), rules, SECTIONS), "self_table")
    assert (empty.score, empty.reason) == (0, "自评表没有绩效指标")


def test_problems_and_suggestions_say_why_they_scored_nothing(rules):
    on_time = {"submitted": "2025-04-25", "deadline": "2025-04-25"}
    facts = ReviewFacts(problems="资金紧张。", suggestions="", **on_time)
    result = pre_score(facts, rules, SECTIONS)
    assert _row(result, "problems").reason == (
        "自评报告“七、存在的问题及原因分析”只提出资金问题，按评分标准不得分"
    )
    assert _row(result, "suggestions").reason == "自评报告“八、下一步改进措施”为空，不得分"
    assert [(f.code, f.field, f.message) for f in result.findings] == [
        (
            "W507",
            "review.problems.score",
            "七、存在的问题及原因分析只提出资金问题：考核评分表中该项不得分",
        )
    ]
    present = pre_score(replace(facts, suggestions="细化绩效目标。"), rules, SECTIONS)
    assert _row(present, "suggestions").reason == (
        "自评报告“八、下一步改进措施”已填写，待财政局按评分标准评定，未计入预审合计"
    )


def test_judged_rows_name_their_cell_and_what_was_typed(rules):
    facts = ReviewFacts(judged={"notice": "八分", "team": 3, "self_check": "9.5"})
    result = pre_score(facts, rules, SECTIONS)
    assert [(f.code, f.field) for f in result.findings] == [
        ("E505", "review.notice.basis"),
        ("E506", "review.team.basis"),
        ("I501", "review_date.submitted"),
    ]
    assert result.findings[0].message.startswith("“自评通知”的预审依据“八分”")
    assert result.findings[1].message == "“工作小组”的预审依据3大于分值2"
    checked = _row(result, "self_check")
    assert (checked.score, checked.reason) == (D("9.5"), "按预审依据计9.5分")
    assert (_row(result, "notice").score, _row(result, "notice").reason) == (None, "")
    blank = _row(pre_score(ReviewFacts(), rules, SECTIONS), "team")
    assert (blank.score, blank.reason) == (None, "")
