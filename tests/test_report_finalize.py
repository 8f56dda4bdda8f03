"""生成报告 keeps the clerk's edits; 定稿导出 writes a macro-free .xlsx that shows the results."""

from __future__ import annotations

import zipfile
from xml.etree import ElementTree as ET

import openpyxl
import pytest
from conftest import EXAMPLES
from remote import apply_actions, payload_from_file

import xlsrc.buttons as buttons
from xlsrc import forms
from xlsrc.adapters.openpyxl_file import OpenpyxlFile
from xlsrc.cli import main as cli
from xlsrc.errors import InputError
from xlsrc.outputs.xlsx import finalize
from xlsrc.usecases import calculate, report

# Each case runs 生成报告 or the 定稿 export on an example workbook; one prints it with LibreOffice.
pytestmark = pytest.mark.slow

BASIC, SPENDING, PERFORMANCE, PROBLEMS, OTHER = 0, 1, 5, 6, 9  # sections 一, 二, 六, 七, 十


def sections(path) -> list[object]:
    book = OpenpyxlFile(path)
    return [line[0] for line in book.values(book.area("xs_report"))]


def test_report_writes_the_sentences_of_seed002(tmp_path):
    out = tmp_path / "r.xlsm"
    assert cli(["report", str(EXAMPLES / "seed002.xlsm"), "-o", str(out)]) == 0
    text = sections(out)
    assert "全年实际支出194.72万元" in text[SPENDING] and "预算执行率100%" in text[SPENDING]
    assert "其中人员经费93.08万元，公用经费81.02万元。" in text[SPENDING]
    assert "自评得分98分（详见附件2），部门整体支出绩效为“优”" in text[PERFORMANCE]
    assert "招商引资" in text[PROBLEMS] and "资金不足" not in text[PROBLEMS]
    assert text[BASIC].startswith("（一）单位职能\n（1）根据区委、区人民政府")
    assert text[OTHER] == "无" and text[-1].startswith("1.部门整体支出绩效评价基础数据表")


def test_report_problems_follow_from_the_flags_of_seed000(tmp_path):
    out = tmp_path / "r.xlsm"
    cli(["report", str(EXAMPLES / "seed000.xlsm"), "-o", str(out)])
    problems = sections(out)[PROBLEMS]
    assert (
        "预算执行率83.55%" in problems and "进出口贸易额" in problems and "带动社会就业" in problems
    )
    assert "原因：无偏差" not in problems


def test_report_does_not_overwrite_an_edited_section(tmp_path):
    first = tmp_path / "first.xlsm"
    cli(["report", str(EXAMPLES / "seed000.xlsm"), "-o", str(first)])
    wb = openpyxl.load_workbook(first, keep_vba=True)
    area = OpenpyxlFile(first).area("xs_report")
    edited_cell = wb[area.sheet].cell(area.row + PERFORMANCE, area.col)
    edited_cell.value = "本单位自行撰写的绩效情况。"
    cleared = wb[area.sheet].cell(area.row + SPENDING, area.col)
    cleared.value = None
    wb.save(first)
    second = tmp_path / "second.xlsm"
    book = OpenpyxlFile(first)
    outcome = report(book)
    book.save(second)
    text = sections(second)
    assert text[PERFORMANCE] == "本单位自行撰写的绩效情况。"
    assert "全年实际支出303.13万元" in text[SPENDING]  # cleared → regenerated
    assert forms.report.SECTIONS[PERFORMANCE].label in outcome.message


def test_an_edited_section_survives_regenerating_and_is_named(tmp_path):
    """The clerk rewrites 一 and 十 and clears 七; 生成报告 again keeps both edits, refills 七."""
    first = tmp_path / "first.xlsm"
    cli(["report", str(EXAMPLES / "seed002.xlsm"), "-o", str(first)])
    generated = sections(first)
    wb = openpyxl.load_workbook(first, keep_vba=True)
    area = OpenpyxlFile(first).area("xs_report")
    ws = wb[area.sheet]
    edited_basic = generated[BASIC] + "\n本单位另有一项职能。"
    ws.cell(area.row + BASIC, area.col).value = edited_basic
    ws.cell(area.row + OTHER, area.col).value = "本年度机构改革，职能有调整。"
    ws.cell(area.row + PROBLEMS, area.col).value = None
    wb.save(first)
    book = OpenpyxlFile(first)
    outcome = report(book)
    second = book.save(tmp_path / "second.xlsm")
    text = sections(second)
    assert text[BASIC] == edited_basic
    assert text[OTHER] == "本年度机构改革，职能有调整。"
    assert text[PROBLEMS] == generated[PROBLEMS]  # cleared → written again
    assert text[SPENDING] == generated[SPENDING]
    labels = [forms.report.SECTIONS[i].label for i in (BASIC, OTHER)]
    assert all(label in outcome.message for label in labels)
    assert forms.report.SECTIONS[PROBLEMS].label not in outcome.message
    # A third run still keeps them: the edit is compared with what was generated, not the last run.
    book = OpenpyxlFile(second)
    report(book)
    assert sections(book.save(tmp_path / "third.xlsm"))[BASIC] == edited_basic


def test_check_reports_a_public_spending_that_differs_between_report_and_base_table(tmp_path):
    from xlsrc.usecases import check

    book = OpenpyxlFile(EXAMPLES / "seed002.xlsm")
    outcome = check(book)
    found = [p for p in outcome.problems if p.code == "W220"]
    assert len(found) == 1
    assert (found[0].sheet, found[0].cell) == (forms.report.SHEET, "B20")
    assert "81.02万元" in found[0].message and "80.87万元" in found[0].message


def test_a_workbook_without_the_report_inputs_still_reports(tmp_path):
    """A workbook made before the report's inputs existed: 一 is left to the clerk, no error."""
    src = tmp_path / "old.xlsm"
    wb = openpyxl.load_workbook(EXAMPLES / "seed002.xlsm", keep_vba=True)
    for cell in forms.report.FACT_CELLS:
        del wb.defined_names[cell.name]
    wb.save(src)
    book = OpenpyxlFile(src)
    report(book)
    text = sections(book.save(tmp_path / "out.xlsm"))
    assert text[BASIC] is None and "人员经费" not in text[SPENDING].split("\n")[2]


def test_report_button_on_the_remote_engine_matches_the_file_path(tmp_path):
    import xlwings as xw

    src = EXAMPLES / "seed002.xlsm"
    book = xw.Book(json=payload_from_file(src))
    buttons.report(book)
    apply_actions(src, book.json()["actions"], tmp_path / "remote.xlsm")
    file_book = OpenpyxlFile(src)
    report(file_book)
    file_book.save(tmp_path / "file.xlsm")
    assert sections(tmp_path / "remote.xlsm") == sections(tmp_path / "file.xlsm")


def test_finalize_writes_a_macro_free_xlsx_with_the_results(tmp_path):
    calculated = tmp_path / "calc.xlsm"
    book = OpenpyxlFile(EXAMPLES / "seed000.xlsm")
    calculate(book)
    book.save(calculated)
    out = finalize(calculated, force=True)  # seed 000 leaves a shortfall unexplained
    assert out.name == "2024部门整体支出绩效自评-岳阳城陵矶综合保税区管理委员会本级.xlsx"
    parts = zipfile.ZipFile(out).namelist()
    assert "xl/vbaProject.bin" not in parts
    assert not any("vmlDrawing" in p for p in parts)
    content_types = zipfile.ZipFile(out).read("[Content_Types].xml").decode()
    assert "macroEnabled" not in content_types
    wb = openpyxl.load_workbook(out)
    assert forms.xlwings_conf.SHEET not in wb.sheetnames
    total = OpenpyxlFile(out)
    assert total.values(total.area("xs_total"))[0][0] == pytest.approx(94.16)


def test_finalize_refuses_to_overwrite_the_source(tmp_path):
    src = tmp_path / "a.xlsx"
    openpyxl.Workbook().save(src)
    with pytest.raises(InputError):
        finalize(src, src)


def test_the_emailed_xlsx_shows_the_totals_in_libreoffice(tmp_path):
    import lo

    calculated = tmp_path / "seed000.xlsm"
    book = OpenpyxlFile(EXAMPLES / "seed000.xlsm")
    calculate(book)
    report(book)
    book.save(calculated)
    finished = finalize(calculated, tmp_path / "finished.xlsx", force=True)
    (pdf,) = lo.to_pdf([finished], tmp_path / "pdf", tmp_path / "profile")
    text = lo.pdf_text(pdf)
    assert "2024年度部门整体支出绩效自评表" in text
    assert "94.16" in text and "83.55%" in text and "8.36" in text
    assert "自评得分94.16分" in text


# Text that Excel would read as a formula if it lost its text type.
FORMULA_LIKE = ["=1+1", '=HYPERLINK("http://example.com","点此")', "+86 0730", "-负数", "@SUM(A1)"]


def sheet_cells(path, sheet_part: str) -> dict[str, ET.Element]:
    """The <c> elements of one sheet of a saved file, by reference, read from its XML."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    root = ET.fromstring(zipfile.ZipFile(path).read(sheet_part))
    return {c.get("r"): c for c in root.iterfind(".//m:c", ns)}


def test_finalize_of_the_template_keeps_a_typed_formula_as_text(tmp_path):
    src = tmp_path / "单位自评.xlsm"
    wb = openpyxl.load_workbook(EXAMPLES / "seed000.xlsm", keep_vba=True)
    area = OpenpyxlFile(EXAMPLES / "seed000.xlsm").area("xs_indicators")
    cell = wb[area.sheet].cell(area.row, area.col + forms.self_eval.INDICATORS.index("deviation"))
    cell.value, cell.data_type = FORMULA_LIKE[1], "s"
    wb.save(src)
    out = finalize(src, force=True)  # seed 000 has an error of its own
    finished = openpyxl.load_workbook(out)
    found = [
        (i, c.coordinate)
        for i, ws in enumerate(finished.worksheets, start=1)
        for row in ws.iter_rows()
        for c in row
        if c.value == FORMULA_LIKE[1]
    ]
    assert found  # the text is in the 定稿, on the 自评表 …
    for i, ref in found:  # … stored as text, never as a formula
        assert sheet_cells(out, f"xl/worksheets/sheet{i}.xml")[ref].find("{*}f") is None


def run_finalize_button(src, monkeypatch, tmp_path, answer):
    """The 定稿导出 button on the remote engine, Excel answering its question with `answer`;
    the export itself is recorded, not run (the remote engine has no file to save)."""
    import xlwings as xw

    from xlsrc import outputs

    questions, exported = [], []

    def alert(app, prompt, title=None, buttons="ok", mode=None, callback=None):
        if buttons == "yes_no":
            questions.append(prompt)
            return answer
        return None

    def export(name, source, target=None, **options):
        exported.append(options)
        return source

    monkeypatch.setenv("XLSRC_LOG_DIR", str(tmp_path))  # an unexpected error is logged here
    monkeypatch.setattr(xw.App, "alert", alert)
    monkeypatch.setattr(outputs, "export", export)
    book = xw.Book(json=payload_from_file(src))
    buttons.finalize(book)
    assert not list(tmp_path.glob("*.log"))
    return questions, exported, book.json()["actions"]


@pytest.mark.parametrize("answer, exports", [("yes", 1), ("no", 0), (None, 0)])
def test_the_button_exports_a_workbook_with_errors_only_when_the_clerk_confirms(
    monkeypatch, tmp_path, answer, exports
):
    questions, exported, actions = run_finalize_button(
        EXAMPLES / "seed000.xlsm", monkeypatch, tmp_path, answer
    )
    assert len(questions) == 1 and "1 个错误" in questions[0]
    assert exported == [{"force": True}] * exports
    # 检查 ran on the workbook itself: the list and the flags are there for the clerk.
    values = [a for a in actions if a["func"] == "setValues"]
    assert any("E110" in str(a["values"]) for a in values)


def test_the_button_asks_nothing_when_check_finds_no_error(monkeypatch, tmp_path):
    questions, exported, _ = run_finalize_button(
        EXAMPLES / "seed002.xlsm", monkeypatch, tmp_path, "no"
    )
    assert questions == [] and exported == [{"force": True}]
