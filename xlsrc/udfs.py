"""Worksheet functions (UDFs) for Windows Excel, wired through the xlwings.conf sheet's "UDF Modules".

Each is a thin wrapper over the domain; outside Excel the xlwings decorators
change nothing, so tests call the functions directly.
"""

from __future__ import annotations

from decimal import Decimal

import xlwings as xw

from xlsrc.domain import scoring
from xlsrc.domain import text as T
from xlsrc.domain.findings import Severity
from xlsrc.domain.numbers import fmt
from xlsrc.domain.values import Deadline, NotUnderstood, Quantity, Range, parse_value


def _rules(caller: object = None):  # type: ignore[no-untyped-def]
    """The rules named in the calling workbook's 评分规则 cell (xlwings passes `caller`).

    A rules problem comes back as its Chinese message, which the cell shows.
    """
    from xlsrc.errors import XlsrcError
    from xlsrc.rules import load_rules

    if caller is None:
        return load_rules()
    from xlsrc.adapters.xlwings_book import XlwingsBook
    from xlsrc.binding import Binding
    from xlsrc.usecases import rules_of

    try:
        return rules_of(Binding(XlwingsBook(caller.sheet.book)))  # type: ignore[attr-defined]
    except XlsrcError as exc:
        return str(exc)


def _out(value: Decimal | None) -> float | str:
    return "" if value is None else float(value)


@xw.func
@xw.arg("weight", doc="分值")
def XS_SCORE(target: object, actual: object, weight: object, caller: object = None) -> float | str:  # noqa: N802
    """按评分规则计算一个绩效指标的得分。参数：年度指标值、实际完成值、分值。无法评分时返回说明文字。"""
    rules = _rules(caller)
    if isinstance(rules, str):
        return rules
    result = scoring.score_indicator(
        scoring.Indicator(level3="-", target=target, actual=actual, weight=weight, deviation="-"),
        rules,
    )
    if result.score is None:
        errors = [f.message for f in result.findings if f.severity is Severity.ERROR]
        return errors[0] if errors else ""
    return float(result.score)


@xw.func
def XS_EXEC_SCORE(
    budget: object, spent: object, weight: object = 10, caller: object = None
) -> float | str:  # noqa: N802
    """预算执行率得分 = 分值 × min(全年执行数 ÷ 全年预算数, 100%)，执行率先四舍五入到0.01%。"""
    rules = _rules(caller)
    if isinstance(rules, str):
        return rules
    result = scoring.score_budget(scoring.Budget(total=budget, spent=spent, weight=weight), rules)
    if result.score is None:
        return result.findings[0].message if result.findings else ""
    return float(result.score)


@xw.func
def XS_EXEC_RATE(budget: object, spent: object, caller: object = None) -> float | str:  # noqa: N802
    """预算执行率 = 全年执行数 ÷ 全年预算数，四舍五入到0.01%。"""
    rules = _rules(caller)
    if isinstance(rules, str):
        return rules
    result = scoring.score_budget(scoring.Budget(total=budget, spent=spent), rules)
    return (
        _out(result.rate)
        if result.rate is not None
        else (result.findings[0].message if result.findings else "")
    )


@xw.func
def XS_GRADE(total: object, caller: object = None) -> str:  # noqa: N802
    """按总分给出等次：优（≥90）、良（80–90）、中（60–80）、差（<60）。"""
    from xlsrc.domain.values import parse_number

    value = parse_number(total)
    if not isinstance(value, Decimal):
        return ""
    rules = _rules(caller)
    return rules if isinstance(rules, str) else scoring.grade(value, rules)


@xw.func
def XS_PARSE(text: object) -> str:  # noqa: N802
    """说明系统如何理解一个指标值，例如“≥500亿元”→“≥ 500 亿元”，“3-5个”→“3～5 个（区间）”。"""
    value = parse_value(text)
    if isinstance(value, Quantity):
        op = value.op.value if value.op else (T.P_ABOUT if value.approx else "")
        return f"{op} {fmt(value.number)} {value.unit}".strip()
    if isinstance(value, Range):
        return T.P_RANGE.format(low=fmt(value.low), high=fmt(value.high), unit=value.unit)
    if isinstance(value, Deadline):
        year = T.P_YEAR.format(year=value.year) if value.year else ""
        day = T.P_DAY.format(day=value.day) if value.day else T.P_MONTH_END
        return T.P_DEADLINE.format(year=year, month=value.month, day=day)
    if isinstance(value, NotUnderstood):
        return T.P_NOT_UNDERSTOOD.format(reason=value.reason)
    return {
        "Qualitative": T.P_QUALITATIVE,
        "Descriptive": T.P_DESCRIPTIVE,
        "NotApplicable": T.P_NOT_APPLICABLE,
        "OnTime": T.P_ON_TIME,
        "Empty": "",
    }[type(value).__name__]
