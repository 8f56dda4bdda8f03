"""Seeds 003 and 004 in the 2021 format: the 评价评分表 scored row by row from the workbook,
against the department's published scores, and the report's 综合得分 checked against it."""

from decimal import Decimal

from conftest import EXAMPLES, load_seed

from xlsrc.adapters.openpyxl_file import OpenpyxlFile
from xlsrc.binding import Binding
from xlsrc.usecases import calculate, check


def _scores(book: OpenpyxlFile) -> dict[str, object]:
    return {k: v["score"] for k, v in Binding(book).lines("rating").items()}


def test_seed003_every_row_as_published_total_92():
    book = OpenpyxlFile(EXAMPLES / "seed003.xlsm")
    outcome = calculate(book)
    published = load_seed("seed003")["published"]
    assert _scores(book) == published["rating"]
    assert outcome.total == Decimal(published["rating_total"]) == 92
    assert book.values(book.area("xs_rating_total"))[0][0] == 92
    assert (outcome.grade, book.values(book.area("xs_rating_grade"))[0][0]) == ("优", "优")


def test_seed003_rows_from_data_are_computed_not_typed():
    book = OpenpyxlFile(EXAMPLES / "seed003.xlsm")
    lines = Binding(book).lines("rating")
    for key in ("staff_control", "balance", "asset_use"):
        assert (lines[key]["basis"], lines[key]["manual"]) == (None, None), key
    calculate(book)
    lines = Binding(book).lines("rating")
    assert lines["balance"]["reason"] == (
        "年末累计结余0.14万元，上年结转432.05万元；有结余但不超过上年结转，计2分，扣1分"
    )
    assert lines["social"]["reason"].endswith("出口增速不快")
    assert lines["three_public_change"]["reason"] == (
        "评定0分（按规则计算为无）：本年新购公务用车一台"
    )


def test_seed003_report_94_against_form_92_is_flagged():
    outcome = check(OpenpyxlFile(EXAMPLES / "seed003.xlsm"))
    assert [(p.code, p.sheet, p.cell) for p in outcome.problems if p.code[0] != "I"] == [
        ("E409", "自评报告2021", "C64")
    ]
    assert "综合得分94与评价评分表的总分92不一致" in outcome.problems[-1].message


def test_seed004_staff_over_establishment_costs_5_of_the_claimed_100():
    book = OpenpyxlFile(EXAMPLES / "seed004.xlsm")
    outcome = calculate(book)
    scores = _scores(book)
    assert scores["staff_control"] == 0  # 8 实有 / 4 编制 = 200%
    assert scores["balance"] == 3 and scores["asset_use"] == 3
    assert outcome.total == 95
    reason = Binding(book).lines("rating")["staff_control"]["reason"]
    assert reason == "在职人数8人÷编制数4人＝200%；超过100%100个百分点，每个百分点扣0.5分，扣5分"
    problems = check(OpenpyxlFile(EXAMPLES / "seed004.xlsm")).problems
    codes = [p.code for p in problems if p.code[0] != "I"]
    assert codes == ["E409"]  # 优秀 is read as 优: no grade warning
