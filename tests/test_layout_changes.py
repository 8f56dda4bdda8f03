"""Workbooks as clerks change them: columns and rows inserted, headers retyped, names broken.

Rows and columns are inserted by LibreOffice (tests/lo.py), which moves defined names,
merged cells and data validations the way Excel does; the whole path calc → check →
report then runs on the changed workbook and must give what it gives on the unchanged one.
"""

from __future__ import annotations

from pathlib import Path

import lo
import openpyxl
import pytest
from conftest import EXAMPLES
from openpyxl.workbook.defined_name import DefinedName
from remote import apply_actions, payload_from_file
from wb import role_areas

import xlsrc.buttons as buttons
from xlsrc import forms
from xlsrc.adapters.base import Area, named_area
from xlsrc.adapters.openpyxl_file import OpenpyxlFile
from xlsrc.binding import Binding
from xlsrc.cli import main as cli
from xlsrc.errors import InputError, LayoutError
from xlsrc.forms.model import Cell, Role
from xlsrc.usecases import calculate, check, report

# LibreOffice inserts the rows and columns; every case runs calc, check and report.
pytestmark = pytest.mark.slow

SEED = EXAMPLES / "seed000.xlsm"
SELF, BASE = forms.self_eval.SHEET, forms.base_data.SHEET
RATING, REPORT = forms.rating.SHEET, forms.report.SHEET

# What a clerk did, as LibreOffice steps: ("cols"/"rows", sheet, 0-based index to insert
# before, count) and ("text", sheet, cell, text) for what the clerk typed afterwards.
EDITS: dict[str, list[tuple[object, ...]]] = {
    "unchanged": [],
    # Between 实际完成值 and 分值: this emptied 分值 and wrote 评分方式 into 调整理由.
    "column_before_weight": [
        ("cols", SELF, 6, 1),
        ("text", SELF, "G13", "备注"),
        ("text", SELF, "G14", "手写备注"),
    ],
    # Between 评分方式 and 规则得分: output columns side by side are now apart.
    "column_between_outputs": [
        ("cols", SELF, 13, 1),
        ("text", SELF, "N13", "复核意见"),
        ("text", SELF, "N20", "已复核"),
    ],
    # Column M: inside 绩效指标 (调整理由 | 评分方式) and inside 得分汇总 (分值 | 得分).
    "column_in_summary": [
        ("cols", SELF, 12, 1),
        ("text", SELF, "M7", "说明"),
        ("text", SELF, "M9", "手写"),
        ("text", SELF, "M20", "手写"),
    ],
    # Rows above every block, and inside the indicator table, the expense lines, the rating.
    "rows": [
        ("rows", SELF, 1, 1),
        ("rows", SELF, 16, 1),
        ("rows", BASE, 1, 1),
        ("rows", BASE, 10, 1),
        ("rows", RATING, 8, 1),
        ("text", RATING, "G9", "插入行的说明"),
    ],
    # Inside 经费控制情况 (formula headers), between 评价评分表's labels and scores and inside
    # them, and between 自评报告's section names and texts.
    "columns_elsewhere": [
        ("cols", BASE, 2, 1),
        ("text", BASE, "C5", "备注"),
        ("text", BASE, "C7", "手写"),
        ("cols", RATING, 4, 1),
        ("cols", RATING, 7, 1),
        ("text", RATING, "H4", "备注"),
        ("text", RATING, "H6", "手写"),
        ("cols", REPORT, 1, 1),
        ("text", REPORT, "B4", "手写"),
    ],
    # A column inserted and the 分值 header retyped: 分值 cannot be found.
    "retyped_header_in_wider_block": [
        ("cols", SELF, 6, 1),
        ("text", SELF, "H13", "权重"),
    ],
}


@pytest.fixture(scope="module")
def edited(tmp_path_factory) -> dict[str, Path]:
    """Every edit of seed000, made by LibreOffice in one run."""
    tmp = tmp_path_factory.mktemp("layout")
    paths = {name: tmp / f"{name}.xlsm" for name in EDITS}
    lo.edit([(SEED, paths[name], steps) for name, steps in EDITS.items()], tmp / "profile")
    return paths


def run_all(path: Path, out: Path) -> dict[str, object]:
    """calc → check → report, each on the file the one before saved, as the CLI runs them."""
    outcomes = {}
    for name, use_case in (("calc", calculate), ("check", check), ("report", report)):
        book = OpenpyxlFile(path)
        outcomes[name] = use_case(book)
        path = out.with_name(f"{out.stem}-{name}{out.suffix}")
        book.save(path)
    outcomes["path"] = path
    return outcomes


def results(path: Path) -> dict[str, object]:
    """What the use cases wrote, read back through the forms (independent of where it lies)."""
    b = Binding(OpenpyxlFile(path))
    keys = ("level3", "score", "kind", "rule_score", "message")
    checks = [
        (r["code"], r["severity"], r["message"]) for r in b.rows("check") if r["code"] is not None
    ]
    return {
        "indicators": [tuple(r[k] for k in keys) for r in b.rows("indicator") if r["level3"]],
        "summary": b.lines("summary"),
        "report": b.lines("report"),
        "generated": b.lines("report_generated"),
        "checks": checks,
        "cells": {
            c.field: b.value(c.field)
            for c in forms.NAMED
            if isinstance(c, Cell) and c.role is Role.OUTPUT and c.name not in forms.SCOPED_NAMES
        },
    }


def cells(path: Path) -> dict[tuple[str, int, int], object]:
    wb = openpyxl.load_workbook(path)
    return {
        (ws.title, c.row, c.column): (c.value, c.fill.fill_type, str(c.fill.fgColor.rgb))
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
    }


def inside(areas: list[Area], sheet: str, row: int, col: int) -> bool:
    return any(
        a.sheet == sheet and a.row <= row < a.row + a.rows and a.col <= col < a.col + a.cols
        for a in areas
    )


@pytest.fixture(scope="module")
def unchanged(edited, tmp_path_factory) -> dict[str, object]:
    outcomes = run_all(edited["unchanged"], tmp_path_factory.mktemp("unchanged") / "u.xlsm")
    return {"outcomes": outcomes, "results": results(outcomes["path"])}


# ---------------------------------------------------------------- inserted rows and columns


def test_the_unchanged_round_trip_scores_like_the_example(unchanged):
    assert float(unchanged["outcomes"]["calc"].total) == pytest.approx(94.16)


@pytest.mark.parametrize(
    "edit",
    [
        "column_before_weight",
        "column_between_outputs",
        "column_in_summary",
        "rows",
        "columns_elsewhere",
    ],
)
def test_calc_check_report_on_a_changed_workbook(edit, edited, unchanged, tmp_path):
    src = edited[edit]
    before = cells(src)
    # 生成报告 writes the sections the clerk has not edited: the report text is written too.
    binding = Binding(OpenpyxlFile(src))
    text = binding.area(forms.report.TEXT.name)
    text = text.sub(0, binding.columns(forms.report.TEXT)["text"], text.rows)
    outputs = [*role_areas(src, Role.OUTPUT), text]
    named = outputs + role_areas(src, Role.INPUT)
    outcomes = run_all(src, tmp_path / f"{edit}.xlsm")

    for step in ("calc", "check", "report"):
        got, want = outcomes[step], unchanged["outcomes"][step]
        assert (got.message, got.total, got.grade) == (want.message, want.total, want.grade)
    got = results(outcomes["path"])
    for key, value in unchanged["results"].items():
        assert got[key] == value, key

    after = cells(outcomes["path"])
    for (sheet, row, col), (value, fill, color) in before.items():
        if inside(outputs, sheet, row, col):
            continue
        new = after.get((sheet, row, col), (None, None, "00000000"))
        # Nothing typed is lost, and what is outside the forms keeps its colour too.
        assert new[0] == value, (sheet, row, col)
        if not inside(named, sheet, row, col):
            assert new[1:] == (fill, color), (sheet, row, col)


@pytest.mark.parametrize("edit", ["column_before_weight", "column_in_summary", "rows"])
def test_the_remote_engine_writes_what_the_file_path_writes(edit, edited, tmp_path):
    import xlwings as xw

    src = edited[edit]
    book = xw.Book(json=payload_from_file(src))
    outcome = buttons.calculate(book)
    assert float(outcome.total) == pytest.approx(94.16)
    apply_actions(src, book.json()["actions"], tmp_path / "remote.xlsm")
    file_book = OpenpyxlFile(src)
    calculate(file_book)
    file_book.save(tmp_path / "file.xlsm")
    assert results(tmp_path / "remote.xlsm") == results(tmp_path / "file.xlsm")


def test_the_typed_cells_of_inserted_columns_survive(edited, tmp_path):
    out = run_all(edited["column_before_weight"], tmp_path / "c.xlsm")["path"]
    ws = openpyxl.load_workbook(out)[SELF]
    assert (ws["G13"].value, ws["G14"].value) == ("备注", "手写备注")
    assert (ws["H13"].value, ws["H14"].value) == ("分值", 10)  # 分值 is still there


def test_a_missing_header_in_a_wider_block_names_sheet_row_and_header(edited, capsys):
    src = edited["retyped_header_in_wider_block"]
    with pytest.raises(LayoutError) as err:
        calculate(OpenpyxlFile(src))
    message = str(err.value)
    assert SELF in message and "第 13 行" in message and "“分值”" in message
    assert "xs_indicators" in message
    assert cli(["calc", str(src), "-o", str(src.with_name("o.xlsm"))]) == 2
    captured = capsys.readouterr()
    assert "“分值”" in captured.err and "Traceback" not in captured.err + captured.out


def test_a_retyped_header_keeps_its_column_when_nothing_was_inserted(tmp_path):
    src = tmp_path / "retyped.xlsm"
    wb = openpyxl.load_workbook(SEED, keep_vba=True)
    wb[SELF]["G13"] = "权重"  # was 分值
    wb.save(src)
    assert float(calculate(OpenpyxlFile(src)).total) == pytest.approx(94.16)


def test_formula_headers_without_a_saved_result(edited, tmp_path):
    """openpyxl keeps no results of 基础数据表's header formulas: they stand for the columns not found."""
    saved = tmp_path / "saved.xlsm"
    openpyxl.load_workbook(edited["columns_elsewhere"], keep_vba=True).save(saved)
    lines = Binding(OpenpyxlFile(saved)).lines("expense")
    assert lines == Binding(OpenpyxlFile(SEED)).lines("expense")
    # One header retyped as well: the columns cannot be told apart; open and save in Excel.
    wb = openpyxl.load_workbook(saved, keep_vba=True)
    wb[BASE]["D5"] = "预算"
    wb.save(saved)
    with pytest.raises(InputError) as err:
        Binding(OpenpyxlFile(saved)).lines("expense")
    assert BASE in str(err.value) and "B5" in str(err.value) and "保存" in str(err.value)


# ---------------------------------------------------------------- names as clerks break them


def _with_names(tmp_path: Path, change) -> Path:
    src = tmp_path / "names.xlsm"
    wb = openpyxl.load_workbook(SEED, keep_vba=True)
    change(wb)
    wb.save(src)
    return src


def _sheet_scoped(wb: openpyxl.Workbook) -> None:
    """Every name scoped to its own sheet, as "Define Name" with a sheet scope makes it."""
    for name in [n for n in wb.defined_names if n.startswith("xs_")]:
        defined = wb.defined_names.pop(name)
        sheet = next(iter(defined.destinations))[0]
        wb[sheet].defined_names.add(DefinedName(name, attr_text=defined.attr_text))


def test_sheet_scoped_names_work_in_both_adapters(tmp_path):
    import xlwings as xw

    src = _with_names(tmp_path, _sheet_scoped)
    assert not [n for n in openpyxl.load_workbook(src).defined_names if n.startswith("xs_")]
    assert float(calculate(OpenpyxlFile(src)).total) == pytest.approx(94.16)
    book = xw.Book(json=payload_from_file(src))
    assert "xs_total" not in [n.name for n in book.names]
    assert float(buttons.calculate(book).total) == pytest.approx(94.16)


@pytest.mark.parametrize(
    "refers, area",
    [
        ("='自评表'!$B$14:$O$53", Area("自评表", 14, 2, 40, 14)),
        ("自评表!I1", Area("自评表", 1, 9)),
        # Quoted sheet names may hold commas and doubled quotes.
        ("='a, b''s'!$A$1:$B$2", Area("a, b's", 1, 1, 2, 2)),
    ],
)
def test_references_as_excel_writes_them(refers, area):
    assert named_area("xs_x", refers, [area.sheet]) == area


BROKEN = {
    "deleted": ("xs_summary", "#REF!", ["“=#REF!”", "被删除", "L7:M12"]),
    "deleted_on_a_sheet": ("xs_total", f"'{SELF}'!#REF!", ["#REF!", "被删除"]),
    "several_areas": (
        "xs_indicators",
        "'附件2'!$A$1:$B$2,'附件2'!$D$1",
        ["多个区域", "'附件2'!$D$1"],
    ),
    "no_such_sheet": ("xs_year", "'旧表'!$I$1", ["旧表", "没有工作表"]),
    "not_an_area": ("xs_grade", "5", ["“=5”", "不是一个单元格"]),
}


@pytest.mark.parametrize("case", BROKEN)
def test_a_broken_name_says_what_is_wrong_and_how_to_mend_it(case, tmp_path, capsys):
    name, refers, words = BROKEN[case]

    def change(wb):
        wb.defined_names[name].attr_text = refers

    src = _with_names(tmp_path, change)
    with pytest.raises(LayoutError) as err:
        calculate(OpenpyxlFile(src))
    message = str(err.value)
    assert name in message and "名称管理器" in message
    assert all(word in message for word in words), message
    assert cli(["check", str(src)]) == 2
    captured = capsys.readouterr()
    assert message in captured.err and "Traceback" not in captured.err + captured.out


def test_broken_names_on_the_remote_engine(tmp_path):
    """The VBA client sends several areas on one sheet as one address; it leaves #REF! names out."""
    import xlwings as xw

    def change(wb):
        wb.defined_names["xs_indicators"].attr_text = f"'{SELF}'!$B$14:$O$53,'{SELF}'!$Q$1"
        wb.defined_names["xs_summary"].attr_text = "#REF!"

    src = _with_names(tmp_path, change)
    book = xw.Book(json=payload_from_file(src))
    assert buttons.calculate(book) is None
    alert = book.json()["actions"][-1]["args"][0]
    assert "xs_indicators" in alert and "多个区域" in alert and "名称管理器" in alert

    def only_ref(wb):
        wb.defined_names["xs_summary"].attr_text = "#REF!"

    book = xw.Book(json=payload_from_file(_with_names(tmp_path, only_ref)))
    assert buttons.calculate(book) is None
    alert = book.json()["actions"][-1]["args"][0]
    assert "xs_summary" in alert and "名称管理器" in alert


def test_a_broken_rules_name_is_not_taken_for_a_missing_one(tmp_path):
    """Workbooks made before 评分规则 lack the name and use the default; a broken one is said."""

    def change(wb):
        wb.defined_names["xs_rules"].attr_text = f"'{SELF}'!#REF!"

    with pytest.raises(LayoutError) as err:
        calculate(OpenpyxlFile(_with_names(tmp_path, change)))
    assert "xs_rules" in str(err.value)
