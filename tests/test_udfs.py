"""UDFs are plain functions outside Excel: call them directly."""

import pytest

from xlsrc import udfs


@pytest.mark.parametrize(
    "target, actual, weight, expected",
    [
        ("≥500亿元", "≥429亿元", 10, 8.6),
        ("≥2万人", "≥1万人", 5, 2.5),
        ("\n≥95%\n", "\n≥90%\n", "\n5\n", 4.7),
        ("≦100%", "　≦100%", 10, 10),
        ("2024年12月31日前", "2024年12月20日前", 10, 10),
        ("无生态效益", "无生态效益", 0, 0),
    ],
)
def test_xs_score(target, actual, weight, expected):
    assert udfs.XS_SCORE(target, actual, weight) == pytest.approx(expected)


def test_xs_score_explains_what_it_cannot_score():
    assert "≥abc" in udfs.XS_SCORE("≥abc", "1个", 5)


def test_budget_udfs():
    assert udfs.XS_EXEC_RATE(362.83, 303.13) == pytest.approx(0.8355)
    assert udfs.XS_EXEC_SCORE(362.83, 303.13, 10) == pytest.approx(8.36)
    assert "全年预算数" in udfs.XS_EXEC_SCORE(0, 1, 10)


@pytest.mark.parametrize(
    "total, grade", [(94.16, "优"), (85, "良"), (60, "中"), (59.9, "差"), ("abc", "")]
)
def test_xs_grade(total, grade):
    assert udfs.XS_GRADE(total) == grade


@pytest.mark.parametrize(
    "text, shown",
    [
        ("≥500亿元", "≥ 500 亿元"),
        ("12月底前", "时限：12月底前"),
        ("定性", "定性指标"),
        ("≥abc", "无法识别"),
        ("3-5个", "3～5 个（区间）"),
        ("约100人", "约 100 人"),
        ("≮95%", "≥ 95 %"),
    ],
)
def test_xs_parse(text, shown):
    assert udfs.XS_PARSE(text).startswith(shown)


def test_udf_names_are_ascii():
    names = [n for n in dir(udfs) if n.startswith("XS_")]
    assert names and all(n.isascii() for n in names)
