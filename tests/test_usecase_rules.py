"""The use cases' own rules: flag colours, the 校验结果 list, messages, the year, the base data."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest
from conftest import EXAMPLES

from xlsrc import forms
from xlsrc.adapters.base import Area
from xlsrc.adapters.openpyxl_file import OpenpyxlFile
from xlsrc.domain.findings import Severity
from xlsrc.forms.model import COLOR_ERROR, COLOR_WARNING
from xlsrc.scored import score_all
from xlsrc.scored import self_eval as scored_self_eval
from xlsrc.usecases import Problem, _flag_fills, calculate, check, read, report

# Most cases run whole use cases on an example workbook.
pytestmark = pytest.mark.slow

SELF = forms.self_eval.SHEET
IND = forms.self_eval.INDICATORS


def problem(severity: Severity, row: int, col: int = 3, sheet: str = SELF) -> Problem:
    return Problem("X", severity, Area(sheet, row, col), "m")


def test_an_error_outranks_a_warning_on_the_same_cell_whatever_the_order():
    for order in ((Severity.WARNING, Severity.ERROR), (Severity.ERROR, Severity.WARNING)):
        fills = _flag_fills([problem(s, 5) for s in order])
        assert fills == [(Area(SELF, 5, 3), COLOR_ERROR)]


def test_flags_down_a_column_merge_into_one_fill_per_colour_run():
    fills = _flag_fills(
        [
            problem(Severity.ERROR, 5),
            problem(Severity.ERROR, 6),
            problem(Severity.WARNING, 7),
            problem(Severity.ERROR, 9),
            problem(Severity.ERROR, 5, col=4),
            problem(Severity.INFO, 10),
        ]
    )
    assert fills == [
        (Area(SELF, 5, 3, 2, 1), COLOR_ERROR),
        (Area(SELF, 7, 3), COLOR_WARNING),
        (Area(SELF, 9, 3), COLOR_ERROR),
        (Area(SELF, 5, 4), COLOR_ERROR),
    ]


def _example(tmp_path, name: str, edit) -> OpenpyxlFile:
    src = tmp_path / f"{name}.xlsm"
    wb = openpyxl.load_workbook(EXAMPLES / f"{name}.xlsm", keep_vba=True)
    edit(wb)
    wb.save(src)
    return OpenpyxlFile(src)


def _set(wb, name: str, value: object, row: int = 0, col: int = 0) -> None:
    element = forms.named(name)
    area = OpenpyxlFile(EXAMPLES / "seed000.xlsm").area(name)
    wb[forms.sheet_of(element.name)].cell(area.row + row, area.col + col).value = value


def test_check_lists_at_most_its_rows_and_says_how_many_more(tmp_path):
    rows = IND.rows

    def many_problems(wb):
        for r in range(rows):
            _set(wb, "xs_indicators", "x", r, IND.index("level3"))
            _set(wb, "xs_indicators", "≥abc", r, IND.index("target"))
            _set(wb, "xs_indicators", "十分", r, IND.index("weight"))

    book = _example(tmp_path, "seed000", many_problems)
    monkey_rows = 10
    # The list keeps its last row for the count of what did not fit.
    area = book.area(forms.checks.LIST.name)
    book.area = lambda name, _a=book.area: (  # type: ignore[method-assign]
        Area(area.sheet, area.row, area.col, monkey_rows, area.cols)
        if name == forms.checks.LIST.name
        else _a(name)
    )
    outcome = check(book)
    listed = book.values(Area(area.sheet, area.row, area.col, monkey_rows, area.cols))
    shown = len([p for p in outcome.problems if p.severity is not Severity.INFO])
    assert [line[0] for line in listed[:-1]] == list(range(1, monkey_rows))
    assert listed[-1][:5] == [None] * 5
    assert listed[-1][5] == f"……另有 {shown - monkey_rows + 1} 条未列出"


def test_check_message_counts_errors_and_warnings(tmp_path):
    outcome = check(OpenpyxlFile(EXAMPLES / "seed000.xlsm"))
    assert (outcome.errors, outcome.warnings) == (1, 1)
    assert outcome.message == "检查完成：1 个错误，1 个警告，已在“校验结果”工作表列出并标出单元格。"
    agreed = OpenpyxlFile(EXAMPLES / "seed003.xlsm")
    agreed.write(agreed.area("xs_r21_score"), [[92]])  # the report's 94 made the form's 92
    clean = check(agreed)
    assert clean.message == "检查完成：未发现问题。" and clean.errors == clean.warnings == 0


def test_calculate_says_how_many_errors_there_are():
    assert calculate(OpenpyxlFile(EXAMPLES / "seed000.xlsm")).message == (
        "计算完成：总分 94.16 分，等次“优”。发现 1 个错误，请点击“检查”查看。"
    )
    assert calculate(OpenpyxlFile(EXAMPLES / "seed002.xlsm")).message == (
        "计算完成：总分 98 分，等次“优”。"
    )


def test_row_messages_show_errors_warnings_and_overrides_but_not_other_notes(tmp_path):
    def override(wb):
        _set(wb, "xs_indicators", 9, 7, IND.index("manual"))
        _set(wb, "xs_indicators", "经复核", 7, IND.index("reason"))

    reading = read(_example(tmp_path, "seed000", override))
    own = score_all(reading, [scored_self_eval.SCORED]).get(scored_self_eval.KEY)
    messages = scored_self_eval.row_messages(own)
    assert messages[7] == "【提示】采用人工评分9（规则得分8.6），理由：经复核"
    assert messages[0] is None
    assert messages[13] == "【错误】未完成指标值，须填写偏差原因及改进措施"


@pytest.mark.parametrize("year, read_as", [(2024, 2024), (1901, 1901), (1900, None), (2200, None)])
def test_the_year_is_read_only_when_plausible(tmp_path, year, read_as):
    book = _example(tmp_path, "seed000", lambda wb: _set(wb, "xs_year", year))
    assert read(book).year == read_as


def test_base_data_is_read_by_line_and_derived_rates_written(tmp_path):
    book = OpenpyxlFile(EXAMPLES / "seed002.xlsm")
    reading = read(book)
    assert reading.base.staff_authorized == 8 and reading.base.staff_actual == 7
    assert reading.base.expense("three_public", "final") == 7.96
    calculate(book)
    assert book.values(book.area("xs_staff_rate"))[0][0] == pytest.approx(0.875)


def test_base_and_self_disagreeing_on_project_spending_is_flagged_on_the_self_table(tmp_path):
    def disagree(wb):
        _set(wb, "xs_expenses", 30, 6, 2)  # 项目支出, 本年决算

    outcome = check(_example(tmp_path, "seed002", disagree))
    found = [p for p in outcome.problems if p.code == "E142"]
    assert len(found) == 1
    assert (found[0].sheet, found[0].cell) == (SELF, forms.named("xs_project").ref)
    assert "30" in found[0].message and "20.62" in found[0].message


def test_report_uses_the_rules_year_when_the_workbook_has_none(tmp_path, rules):
    book = _example(tmp_path, "seed002", lambda wb: _set(wb, "xs_year", None))
    report(book)
    text = book.values(book.area(forms.report.TEXT.name))[1][0]
    assert text.split("\n")[1].startswith(f"{rules.year}年本单位部门预算资金194.72万元")


def test_report_names_the_sections_it_kept(tmp_path):
    def edit(wb):
        _set(wb, "xs_report", "自己写的", 5, 0)

    book = _example(tmp_path, "seed000", edit)
    outcome = report(book)
    assert outcome.message == (
        "已生成 6 节报告正文。以下各节已由您修改，未覆盖：六、部门整体支出绩效情况"
        "（清空该节后再点“生成报告”即可重新生成）。"
    )
    assert book.values(book.area("xs_report"))[5][0] == "自己写的"
    assert outcome.total == Decimal("94.16")


def test_three_public_spending_over_budget_is_a_problem_with_its_measure(tmp_path):
    def overrun(wb):
        _set(wb, "xs_expenses", 12.5, 0, 2)  # 三公经费, 本年决算 (预算 10)

    book = _example(tmp_path, "seed002", overrun)
    report(book)
    text = book.values(book.area("xs_report"))
    assert "（二）经费支出控制有待加强。“三公”经费决算12.50万元，超过预算10.00万元。" in text[6][0]
    assert "（二）从严控制各项经费支出。严格执行“三公”经费预算" in text[7][0]
    # Within budget (the example as published): no such problem.
    plain = OpenpyxlFile(EXAMPLES / "seed002.xlsm")
    report(plain)
    assert "三公" not in plain.values(plain.area("xs_report"))[6][0]


def test_public_spending_sentence_reads_the_reports_figure_else_the_public_line(tmp_path):
    def public(wb):
        _set(wb, "xs_expenses", 33.3, 11, 2)  # 公用经费, 本年决算

    book = _example(tmp_path, "seed002", public)
    report(book)
    assert "其中人员经费93.08万元，公用经费81.02万元。" in book.values(book.area("xs_report"))[1][0]

    def blank(wb):
        public(wb)
        _set(wb, "xs_spend_public", None)

    book = _example(tmp_path, "seed002", blank)
    report(book)
    assert "其中人员经费93.08万元，公用经费33.30万元。" in book.values(book.area("xs_report"))[1][0]


def test_building_and_investment_rates_are_written(tmp_path):
    def building(wb):
        for name, value in (
            ("xs_building_plan", 800),
            ("xs_building_actual", 760),
            ("xs_invest_plan", 300),
            ("xs_invest_actual", 330),
        ):
            _set(wb, name, value)

    book = _example(tmp_path, "seed002", building)
    calculate(book)
    assert book.values(book.area("xs_building_rate"))[0][0] == pytest.approx(0.95)
    assert book.values(book.area("xs_invest_rate"))[0][0] == pytest.approx(1.1)


def test_check_gives_every_named_cell_back_its_own_colour(tmp_path):
    """Old flags anywhere (a cell fixed since) are cleared: inputs yellow, outputs blue."""
    from openpyxl.styles import PatternFill

    from xlsrc.forms.model import COLOR_INPUT, COLOR_OUTPUT, Cell, Role

    def stale_flags(wb):
        red = PatternFill(fill_type="solid", fgColor=COLOR_ERROR.lstrip("#"))
        for element in forms.NAMED:
            if forms.sheet_of(element.name) == forms.checks.SHEET:
                continue
            if element.name in forms.SCOPED_NAMES:  # the hidden model: no project, not checked
                continue
            ws = wb[forms.sheet_of(element.name)]
            area = OpenpyxlFile(EXAMPLES / "seed003.xlsm").area(element.name)
            for r in range(area.row, area.row + min(area.rows, 3)):
                for c in range(area.col, area.col + area.cols):
                    ws.cell(r, c).fill = red

    book = _example(tmp_path, "seed003", stale_flags)
    book.write(book.area("xs_r21_score"), [[92]])  # the report's 94 made the form's 92
    outcome = check(book)
    assert outcome.errors == outcome.warnings == 0
    ws = openpyxl.load_workbook(book.save())
    want = {Role.INPUT: COLOR_INPUT, Role.OUTPUT: COLOR_OUTPUT}
    for element in forms.NAMED:
        if forms.sheet_of(element.name) == forms.checks.SHEET:
            continue  # the list and its status line are the check's own output
        if element.name in forms.SCOPED_NAMES:
            continue
        area = book.area(element.name)
        roles = (
            [element.role] * area.cols
            if isinstance(element, Cell)
            else [c.role for c in element.columns]
        )
        for j, role in enumerate(roles):
            cell = ws[area.sheet].cell(area.row, area.col + j)
            assert str(cell.fill.fgColor.rgb)[-6:] == want[role].lstrip("#"), (element.name, j)


def test_an_edited_section_stays_kept_on_every_later_run(tmp_path):
    book = _example(tmp_path, "seed000", lambda wb: None)
    report(book)
    area = book.area("xs_report")
    book.write(area.sub(5, 0), [["自己写的"]])
    first, second = report(book), report(book)
    assert (
        "六、部门整体支出绩效情况" in first.message and "六、部门整体支出绩效情况" in second.message
    )
    assert book.values(area)[5][0] == "自己写的"
    # A section nothing generates is left blank, and so is its memory.
    assert book.values(area)[0][0] is None
    assert book.values(book.area("xs_report_generated"))[0][0] is None
    # An emptied section counts as not edited and is written again.
    book.write(area.sub(5, 0), [[""]])
    report(book)
    assert book.values(area)[5][0].startswith("2024年，本单位设定绩效指标")


def test_report_follows_the_rules_it_is_given(tmp_path, rules):
    import dataclasses

    book = OpenpyxlFile(EXAMPLES / "seed000.xlsm")
    lenient = dataclasses.replace(rules, exec_rate_warning=Decimal("0.8"))
    report(book, lenient)
    problems = book.values(book.area("xs_report"))[6][0]
    assert "执行率" not in problems and "低于80%" not in problems
    strict = OpenpyxlFile(EXAMPLES / "seed000.xlsm")
    report(strict, rules)
    assert "预算执行率83.55%，低于90%。" in strict.values(strict.area("xs_report"))[6][0]


def test_a_section_the_clerk_reverts_to_the_generated_text_is_generated_again(tmp_path):
    book = _example(tmp_path, "seed000", lambda wb: None)
    report(book)
    area = book.area("xs_report")
    generated = book.values(area)[5][0]
    book.write(area.sub(5, 0), [["改过"]])
    book.write(area.sub(6, 0), [["也改过"]])
    two = report(book)
    assert "未覆盖：六、部门整体支出绩效情况、七、存在的问题及原因分析（" in two.message
    book.write(area.sub(5, 0), [[generated]])
    again = report(book)
    assert "六、部门整体支出绩效情况" not in again.message
    assert "七、存在的问题及原因分析" in again.message


def test_notes_that_are_not_flagged_do_not_stop_the_flags_after_them():
    fills = _flag_fills([problem(Severity.INFO, 4), problem(Severity.ERROR, 5)])
    assert fills == [(Area(SELF, 5, 3), COLOR_ERROR)]


def test_flags_are_ordered_by_sheet_then_column_then_row():
    other = forms.base_data.SHEET
    fills = _flag_fills(
        [
            problem(Severity.ERROR, 9, col=2),
            problem(Severity.WARNING, 3, col=5),
            problem(Severity.ERROR, 8, col=2),
            problem(Severity.ERROR, 4, col=7, sheet=other),
        ]
    )
    assert fills == sorted(fills, key=lambda f: (f[0].sheet, f[0].col, f[0].row))
    assert fills[0] == (Area(other, 4, 7), COLOR_ERROR)
    assert (Area(SELF, 8, 2, 2, 1), COLOR_ERROR) in fills


def test_single_cells_side_by_side_on_a_row_are_written_together():
    from xlsrc.binding import _coalesce

    cells = [
        (Area(SELF, 5, 8), "h"),
        (Area(SELF, 5, 7), "g"),
        (Area(SELF, 6, 9), "i"),
        (Area(SELF, 5, 10), "j"),
        (Area("其他", 5, 9), "x"),
    ]
    assert _coalesce(cells) == [
        (Area("其他", 5, 9), [["x"]]),
        (Area(SELF, 5, 7, 1, 2), [["g", "h"]]),
        (Area(SELF, 5, 10), [["j"]]),
        (Area(SELF, 6, 9), [["i"]]),
    ]
    # A block already taller than a row is never widened.
    assert _coalesce([(Area(SELF, 5, 7, 2, 1), "a"), (Area(SELF, 5, 8), "b")]) == [
        (Area(SELF, 5, 7, 2, 1), [["a"]]),
        (Area(SELF, 5, 8), [["b"]]),
    ]


def test_calculate_and_check_tell_their_title_total_grade_and_status(rules):
    import dataclasses

    book = OpenpyxlFile(EXAMPLES / "seed000.xlsm")
    calc = calculate(book)
    assert (calc.title, calc.total, calc.grade) == ("计算得分", Decimal("94.16"), "优")
    assert [p.code for p in calc.problems if p.severity is not Severity.INFO] == ["W203", "E110"]
    assert book.values(book.area("xs_status"))[0][0] == calc.message
    checked = check(book)
    assert (checked.title, checked.total, checked.grade) == ("检查", Decimal("94.16"), "优")
    lenient = dataclasses.replace(rules, exec_rate_warning=Decimal("0.8"))
    assert [p.code for p in check(book, lenient).problems if p.code.startswith("W")] == []
    assert [p.code for p in calculate(book, lenient).problems if p.code.startswith("W")] == []


@pytest.mark.parametrize(
    "num, den, want", [(1, 0, None), (None, 5, None), (5, None, None), (3, 1, Decimal(3))]
)
def test_ratio_needs_both_figures_and_a_denominator_other_than_zero(num, den, want):
    from xlsrc.domain.basedata import ratio

    assert ratio(num, den) == want
