"""Text longer than an Excel cell holds (32 767 characters) is never cut silently.

What xlsrc writes into the working workbook (校验提示, 校验结果, report sections) is cut at the
limit, ends with a visible note, and the run names the cell in a warning (W208). The 定稿 the
bureau receives is refused instead, naming each cell, so the clerk shortens the text.
"""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest
from conftest import EXAMPLES
from hostile import store_whole

from xlsrc import forms
from xlsrc.adapters.base import CELL_LIMIT, cell_length, cut_to_cell
from xlsrc.adapters.openpyxl_file import OpenpyxlFile
from xlsrc.cli import main as cli
from xlsrc.domain import text as T
from xlsrc.domain.findings import Severity
from xlsrc.usecases import calculate, check, report

IND = forms.self_eval.INDICATORS
MARK = T.A_CUT_MARK.format(limit=CELL_LIMIT)
PASTED = "因疫情影响项目延期。" * 4_000  # 40 000 characters pasted into one cell
UNMET_ROW, OVERRIDE_ROW = 13, 7  # seed000: 服务对象满意度 unmet; 进出口贸易额 (rule 8.6)


@pytest.mark.parametrize(
    "text, cut",
    [
        ("短", False),
        ("字" * CELL_LIMIT, False),
        ("字" * (CELL_LIMIT + 1), True),
        ("😀" * (CELL_LIMIT // 2), False),  # 32 766 units: each emoji counts twice
        ("😀" * (CELL_LIMIT // 2 + 1), True),
        ("字" * (CELL_LIMIT - 1) + "😀", True),  # the last emoji is the unit too many
    ],
)
def test_a_text_is_cut_to_the_cell_with_a_visible_note(text, cut):
    got = cut_to_cell(text)
    assert cell_length(got) <= CELL_LIMIT
    if not cut:
        assert got is text
        return
    assert got.endswith(MARK) and text.startswith(got.removesuffix(MARK))
    assert cell_length(got) >= CELL_LIMIT - 1  # cut at the limit, not before (an emoji is 2)


def workbook(tmp_path, row: int = UNMET_ROW, section: str | None = None, **columns: str):
    """seed000 with long text pasted into indicator `row`'s columns and/or report section 七."""
    path = tmp_path / "单位自评.xlsm"
    wb = openpyxl.load_workbook(EXAMPLES / "seed000.xlsm", keep_vba=True)
    ind = OpenpyxlFile(EXAMPLES / "seed000.xlsm").area(IND.name)
    for key, text in columns.items():
        cell = wb[ind.sheet].cell(ind.row + row, ind.col + IND.index(key))
        store_whole(cell, text) if len(text) > CELL_LIMIT else setattr(cell, "value", text)
    if section is not None:
        area = OpenpyxlFile(EXAMPLES / "seed000.xlsm").area(forms.report.TEXT.name)
        store_whole(
            wb[area.sheet].cell(area.row + 6, area.col), section
        )  # 七、存在的问题及原因分析
    wb.save(path)
    return path


def cuts(outcome):
    return [p for p in outcome.problems if p.code == "W208"]


def test_a_long_deviation_in_the_report_is_cut_with_a_note_and_a_warning(tmp_path):
    path = workbook(tmp_path, deviation=PASTED)
    book = OpenpyxlFile(path)
    outcome = report(book)
    area = book.area(forms.report.TEXT.name).sub(6)  # 七、存在的问题及原因分析
    (warning,) = cuts(outcome)
    assert (warning.severity, warning.sheet, warning.cell) == (Severity.WARNING, "自评报告", "B10")
    assert f"超过 Excel 单元格上限 {CELL_LIMIT} 字" in warning.message
    assert "自评报告!B10" in outcome.message
    text = book.values(area)[0][0]
    assert cell_length(text) <= CELL_LIMIT and text.endswith(MARK)
    assert "服务对象满意度" in text and PASTED[:100] in text
    book.save()
    # Run again: the cut section is xlsrc's own text, not the clerk's edit; it is generated
    # again, cut again, and said again.
    again = OpenpyxlFile(path)
    outcome = report(again)
    assert len(cuts(outcome)) == 1 and T.U_REPORT_KEPT[:6] not in outcome.message
    assert again.values(area)[0][0] == text


def test_a_long_message_in_the_row_is_cut_and_calculate_says_where(tmp_path):
    # An override's 调整理由 is quoted in the row's 校验提示.
    book = OpenpyxlFile(workbook(tmp_path, OVERRIDE_ROW, manual="9", reason=PASTED))
    outcome = calculate(book)
    (warning,) = cuts(outcome)
    ind = book.area(IND.name)
    assert (warning.sheet, warning.area) == (ind.sheet, ind.sub(OVERRIDE_ROW, IND.index("message")))
    assert warning.cell in outcome.message
    message = book.values(warning.area)[0][0]
    assert message.startswith("【提示】采用人工评分9（规则得分8.6），理由：因疫情")
    assert message.endswith(MARK) and cell_length(message) <= CELL_LIMIT
    assert book.values(book.area("xs_status"))[0][0] == outcome.message
    assert outcome.total == Decimal("94.56")  # the override still counts


def test_check_lists_the_cut_and_tells_of_the_cut_list_entry(tmp_path):
    # A 年度指标值 that cannot be read is quoted in 校验提示 and on 校验结果.
    target = "≥" + "未能量化的目标说明" * 4_500
    book = OpenpyxlFile(workbook(tmp_path, UNMET_ROW, target=target))
    outcome = check(book)
    box = book.area(forms.checks.LIST.name)
    listed = [line for line in book.values(box) if line[0] is not None]
    ind = book.area(IND.name)
    row_cell = ind.sub(UNMET_ROW, IND.index("message")).cell()
    assert any(line[1] == "W208" and line[4] == row_cell for line in listed)
    e105 = next(i for i, line in enumerate(listed) if line[1] == "E105")
    assert listed[e105][5].startswith("年度指标值“≥未能量化") and listed[e105][5].endswith(MARK)
    assert {p.cell for p in cuts(outcome)} == {row_cell, box.sub(e105, 5).cell()}
    assert all(cell_length(line[5]) <= CELL_LIMIT for line in listed)
    assert f"自评表!{row_cell}" in outcome.message


def test_finalize_refuses_a_text_no_cell_holds_and_names_it(tmp_path, capsys):
    path = workbook(tmp_path, UNMET_ROW, section="问题" * 20_000)
    before = path.read_bytes()
    target = tmp_path / "定稿.xlsx"
    assert cli(["finalize", str(path), "-o", str(target), "--force"]) == 2
    err = capsys.readouterr().err
    cell = T.A_TOO_LONG_CELL.format(sheet="自评报告", cell="B10", length=40_000)
    assert err.endswith(
        "错误：" + T.A_FINISHED_TOO_LONG.format(limit=CELL_LIMIT, cells=cell) + "\n"
    )
    assert not target.exists() and path.read_bytes() == before


def test_a_clerks_long_section_is_kept_by_report(tmp_path, capsys):
    """The clerk's own text is theirs: 生成报告 leaves it whole; only the 定稿 asks to shorten it."""
    path = workbook(tmp_path, UNMET_ROW, section="问题" * 20_000)
    assert cli(["report", str(path)]) == 0
    assert "七、存在的问题及原因分析" in capsys.readouterr().out
    book = OpenpyxlFile(path)
    assert book.values(book.area(forms.report.TEXT.name).sub(6))[0][0] == "问题" * 20_000
