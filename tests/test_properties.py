"""Property tests: the parsers read anything a clerk can type without raising."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from xlsrc.domain.scoring import Indicator, score_indicator
from xlsrc.domain.values import (
    Deadline,
    Descriptive,
    Empty,
    NotApplicable,
    NotUnderstood,
    OnTime,
    Qualitative,
    Quantity,
    Range,
    parse_number,
    parse_value,
)

VALUE_TYPES = (
    Quantity,
    Range,
    Deadline,
    OnTime,
    Qualitative,
    Descriptive,
    NotApplicable,
    Empty,
    NotUnderstood,
)

# Text built from the pieces clerks use, so the interesting branches are reached often.
pieces = st.sampled_from(
    [
        "≥",
        "≤",
        "＝",
        "=",
        "＞",
        "<",
        "≧",
        "≦",
        "亿",
        "万",
        "千",
        "元",
        "个",
        "%",
        "％",
        "人",
        "天",
        "标箱",
        "年",
        "月",
        "日",
        "前",
        "底",
        "以上",
        "以内",
        "不低于",
        "定性",
        "无",
        "效益",
        "　",
        "\n",
        "1",
        "9",
        "0",
        ".",
        "2024",
        "12",
        "31",
        ",",
        "-",
        "有效推进",
        "按时完成",
    ]
)
clerk_text = st.lists(pieces, max_size=10).map("".join)
any_cell = st.one_of(
    st.none(),
    st.text(),
    clerk_text,
    st.integers(),
    st.floats(allow_nan=True),
    st.booleans(),
    st.decimals(allow_nan=True),
)


@given(any_cell)
@settings(max_examples=500)
def test_parse_value_returns_a_value_or_not_understood(raw):
    got = parse_value(raw)
    assert isinstance(got, VALUE_TYPES)
    if isinstance(got, NotUnderstood):
        assert got.reason and isinstance(got.text, str)


@given(any_cell)
@settings(max_examples=300)
def test_parse_number_returns_a_number_or_not_understood(raw):
    got = parse_number(raw)
    assert isinstance(got, (Decimal, Empty, NotUnderstood))
    if isinstance(got, Decimal):
        assert got.is_finite()
    if isinstance(got, NotUnderstood):
        assert got.reason and isinstance(got.text, str)


@given(clerk_text, clerk_text, st.one_of(st.none(), st.integers(0, 20), clerk_text))
@settings(max_examples=300)
def test_scoring_never_raises_and_stays_within_the_weight(target, actual, weight):
    got = score_indicator(
        Indicator(level3="x", target=target, actual=actual, weight=weight, deviation="说明"),
        _rules(),
    )
    if got.score is not None and got.weight is not None and got.weight >= 0:
        assert 0 <= got.score <= got.weight


def _rules():
    from xlsrc.rules import load_rules

    return load_rules()
