"""The forms as data: declarations agree with the domain, the binding finds cells by field path."""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import openpyxl
import pytest
from conftest import EXAMPLES, ROOT

from xlsrc import forms
from xlsrc.a1 import abs_ref, col_letter, col_number, parse_ref, ref_of
from xlsrc.adapters.base import Area
from xlsrc.adapters.openpyxl_file import OpenpyxlFile
from xlsrc.binding import Binding, Writes, match_columns, match_lines
from xlsrc.build import TEMPLATE_PATH
from xlsrc.domain.basedata import BaseData
from xlsrc.domain.scoring import Budget, Indicator
from xlsrc.errors import InputError
from xlsrc.forms.model import Cell, Matrix, Role, Table
from xlsrc.usecases import calculate, check, read

DOMAIN = ROOT / "xlsrc" / "domain"
BLOCKS = [e for e in forms.NAMED if isinstance(e, (Table, Matrix))]


# ---------------------------------------------------------------- A1 references


@pytest.mark.parametrize(
    "ref, parsed",
    [
        ("A1", (1, 1, 1, 1)),
        ("$B$14:$O$53", (14, 2, 40, 14)),
        ("O53:B14", (14, 2, 40, 14)),
        ("AA7", (7, 27, 1, 1)),
        ("XFD1048576", (1048576, 16384, 1, 1)),
    ],
)
def test_a1_references_round_trip(ref, parsed):
    assert parse_ref(ref) == parsed
    assert parse_ref(ref_of(*parsed)) == parsed


@pytest.mark.parametrize("bad", ["", "B", "14", "B14:", "A1:B2:C3", "B-1", "1B"])
def test_a1_rejects_what_is_not_a_reference(bad):
    with pytest.raises(ValueError):
        parse_ref(bad)


def test_column_letters():
    assert [col_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]
    assert [col_number(s) for s in ("A", "z", "AA", "ZZ", "AAA")] == [1, 26, 27, 702, 703]
    assert abs_ref("B14:O53") == "$B$14:$O$53" and abs_ref("C3") == "$C$3"


# ---------------------------------------------------------------- declarations vs the domain


def _finding_fields() -> set[str]:
    """Every field path a domain module passes to `finding(...)` or `read_number(...)`."""
    fields: set[str] = set()
    for path in DOMAIN.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in (
                "finding",
                "read_number",
            ):
                for arg in node.args[:2]:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        if re.fullmatch(r"[a-z_]+\.[a-z_0-9.]+", arg.value):
                            fields.add(arg.value)
    return fields


def test_every_field_a_finding_names_is_declared_by_a_form():
    fields = _finding_fields()
    assert len(fields) >= 15, fields
    book = OpenpyxlFile(EXAMPLES / "seed000.xlsm")
    binding = Binding(book)
    for field in sorted(fields):
        if field.startswith("project."):  # a project's own: on each project's sheet
            assert forms.BY_FIELD[field][0] is forms.project.FORM, field
            continue
        area = binding.where(field, 0)
        assert area.sheet in forms.SHEETS, field


def test_domain_dataclasses_match_the_declared_inputs():
    budget = {c.field.removeprefix("budget.") for c in forms.cells("budget", Role.INPUT)}
    assert budget == {f.name for f in dataclasses.fields(Budget)}
    table = forms.self_eval.INDICATORS
    inputs = {c.key for c in table.columns if c.role is Role.INPUT}
    assert inputs == {f.name for f in dataclasses.fields(Indicator)}
    base = {c.field.removeprefix("base.") for c in forms.cells("base", Role.INPUT)}
    assert base | {"expenses"} == {f.name for f in dataclasses.fields(BaseData)}


def test_rules_files_may_name_exactly_the_official_forms():
    from xlsrc.domain.rules import DEFAULT_FORM_IDS, DEFAULT_REQUIRED_FORMS

    assert set(DEFAULT_FORM_IDS) <= set(forms.OFFICIAL)
    assert set(DEFAULT_REQUIRED_FORMS) <= set(forms.OFFICIAL)


def test_report_sections_the_narrative_writes_are_declared():
    from xlsrc.domain import narrative

    keys = [line.key for line in forms.report.SECTIONS]
    assert set(narrative.SECTIONS) <= set(keys)


def test_names_and_fields_are_unique_and_every_name_is_xs():
    names = [e.name for e in forms.NAMED]
    assert len(names) == len(set(names))
    assert all(n.startswith("xs_") for n in names)
    assert len({e.field for e in forms.NAMED}) == len(names)


def test_every_form_prints_from_a1_and_the_official_ones_have_titles():
    assert {"附件1", "附件2", "自评报告"} <= set(forms.OFFICIAL)
    assert all(forms.BY_KEY[key].title for key in forms.OFFICIAL)
    for form in forms.FORMS:
        row, col, rows, cols = parse_ref(form.page.area)
        assert (row, col) == (1, 1), form.key
        for element in form.named:
            if isinstance(element, Cell) and element.role is Role.INPUT:
                r, c, _, _ = parse_ref(element.ref)
                assert r >= 1 and c >= 1


# ---------------------------------------------------------------- the binding


@pytest.mark.parametrize(
    "labels, wanted, found",
    [
        (["a", "b", "c"], ["a", "b", "c"], {0: 0, 1: 1, 2: 2}),
        # A row inserted after "a" (one 专项 a row): "b" and "c" keep their meaning.
        (["a", "a2", "b", "c"], ["a", "b", "c"], {0: 0, 1: 2, 2: 3}),
        # Full-width and spaced labels still match.
        (["其中： 公车购置", "x"], ["其中：公车购置", "x"], {0: 0, 1: 1}),
        # A label the clerk changed: one row per line, so the line keeps its place.
        (["a", "typo", "c"], ["a", "b", "c"], {0: 0, 1: 1, 2: 2}),
        # A changed label and an extra row: the line is not guessed.
        (["a", "typo", "x", "c"], ["a", "b", "c"], {0: 0, 2: 3}),
        # Two lines with the same label (管理制度健全性 twice on 附件4-1) take rows in order.
        (["m", "s", "m"], ["m", "s", "m"], {0: 0, 1: 1, 2: 2}),
    ],
)
def test_matrix_lines_are_matched_by_label_in_order(labels, wanted, found):
    assert match_lines(labels, wanted) == found


@pytest.mark.parametrize(
    "path", [ROOT / TEMPLATE_PATH, *sorted(EXAMPLES.glob("*.xlsm"))], ids=lambda p: p.stem
)
def test_every_declared_column_is_found_by_its_header_at_its_declared_index(path):
    book = OpenpyxlFile(path)
    for block in BLOCKS:
        # A project's blocks are read on a project sheet: the model is one, seen as such.
        scoped = block.name in forms.SCOPED_NAMES
        binding = Binding(book, forms.project.SHEET if scoped else None)
        declared = {c.key: i for i, c in enumerate(block.columns)}
        assert binding.columns(block) == declared, block.name
        area = binding.area(block.name)
        assert area.row - 1 == block.header_row
        headers = book.values(Area(area.sheet, area.row - 1, area.col, 1, area.cols))[0]
        # One column more: no position to fall back on, so each is found by its header.
        found = match_columns([*headers, None], [c.header for c in block.columns])
        assert found == {i: i for i in range(len(block.columns))}, block.name


@pytest.mark.parametrize(
    "headers, wanted, found",
    [
        (["a", "b"], ["a", "b"], {0: 0, 1: 1}),
        # An inserted column is skipped.
        (["a", "备注", "b"], ["a", "b"], {0: 0, 1: 2}),
        # Full-width letters and spaces are normalised.
        (["ＡＢ", " 分 值\n", "x"], ["AB", "分值"], {0: 0, 1: 1}),
        # "规则得分" only ends with "得分": it is another column.
        (["规则得分", "得分"], ["得分"], {0: 1}),
        (["规则得分", "备注"], ["得分"], {}),
        # A header that starts with the label is the column; an exact one wins.
        (["分值（分）", "备注"], ["分值"], {0: 0}),
        (["分值（分）", "分值", "x"], ["分值"], {0: 1}),
        # 基础数据表 writes the years: "2023年决算数" is 上年决算数.
        (
            ["2023年决算数", None, "2024年预算数", "2024年决算数"],
            ["上年决算数", "本年预算数", "本年决算数"],
            {0: 0, 1: 2, 2: 3},
        ),
        # A retyped header keeps its place while the block has one column per declared one…
        (["a", "权重", "c"], ["a", "b", "c"], {0: 0, 1: 1, 2: 2}),
        # …but not in a wider block.
        (["a", "权重", "x", "c"], ["a", "b", "c"], {0: 0, 2: 3}),
        # Two headers with one label are taken in order.
        (["m", "s", "m"], ["m", "s", "m"], {0: 0, 1: 1, 2: 2}),
    ],
)
def test_columns_are_matched_by_header(headers, wanted, found):
    assert match_columns(headers, wanted) == found


def test_an_inserted_expense_row_keeps_every_line_in_place(tmp_path):
    """A clerk inserts a row under 市级专项资金 for a second 专项; 公用经费 is still read."""
    src = tmp_path / "inserted.xlsx"
    wb = openpyxl.load_workbook(EXAMPLES / "seed002.xlsm")
    ws = wb[forms.base_data.SHEET]
    special = forms.base_data.FIRST_ROW + 9  # 3、市级专项资金
    ws.insert_rows(special + 1)
    ws[f"A{special + 1}"] = "第二个专项"
    ws[f"D{special + 1}"] = 5
    wb.defined_names["xs_expenses"].attr_text = f"'{ws.title}'!$B$6:$D$23"
    wb.save(src)
    before = read(OpenpyxlFile(EXAMPLES / "seed002.xlsm")).base.expenses
    after = read(OpenpyxlFile(src)).base.expenses
    assert after == before
    assert after["public"]["final"] == before["public"]["final"] is not None


def test_writes_refuse_input_cells():
    binding = Binding(OpenpyxlFile(EXAMPLES / "seed000.xlsm"))
    w = Writes(binding)
    with pytest.raises(ValueError):
        w.cell("budget.total", 1)
    with pytest.raises(ValueError):
        w.column("indicator", "target", [1])
    with pytest.raises(ValueError):
        w.lines("expense", {})


def test_writes_only_the_columns_given(tmp_path):
    """Writing 校验提示 alone leaves 评分方式 and 规则得分 as they were."""
    book = OpenpyxlFile(EXAMPLES / "seed000.xlsm")
    calculate(book)
    binding = Binding(book)
    before = binding.rows("indicator")
    w = Writes(binding)
    w.column("indicator", "message", ["x"] * len(before))
    w.flush()
    after = binding.rows("indicator")
    for b, a in zip(before, after, strict=True):
        assert a["message"] == "x"
        assert (a["kind"], a["rule_score"], a["score"]) == (b["kind"], b["rule_score"], b["score"])


# ---------------------------------------------------------------- rules chosen per workbook


def _with_rules_cell(tmp_path: Path, value: object) -> Path:
    src = tmp_path / "rules.xlsm"
    wb = openpyxl.load_workbook(EXAMPLES / "seed000.xlsm", keep_vba=True)
    cell = forms.named("xs_rules")
    wb[forms.self_eval.SHEET][cell.ref] = value
    wb.save(src)
    return src


@pytest.fixture
def whole_points(monkeypatch, rules):
    """A second installed rules file that rounds indicator scores to whole points."""
    import xlsrc.rules as R

    other = dataclasses.replace(rules, region="测试市", indicator_score_places=0)
    shipped_available, shipped_load = R.available, R.load_rules
    monkeypatch.setattr(R, "available", lambda: [*shipped_available(), "test-whole"])
    monkeypatch.setattr(
        R,
        "load_rules",
        lambda name=R.DEFAULT: other if name == "test-whole" else shipped_load(name),
    )
    return other


def test_the_workbook_rules_cell_chooses_the_rules(tmp_path, whole_points):
    default = calculate(OpenpyxlFile(EXAMPLES / "seed000.xlsm"))
    chosen = calculate(OpenpyxlFile(_with_rules_cell(tmp_path, "test-whole")))
    assert float(default.total) == pytest.approx(94.16)
    # 8.6 → 9, 2.5 → 3, 4.7 → 5 when scores are whole points.
    assert float(chosen.total) == pytest.approx(94.16 + 0.4 + 0.5 + 0.3)


def test_cli_rules_option_overrides_the_cell(tmp_path, whole_points, capsys):
    from xlsrc.cli import main

    src = _with_rules_cell(tmp_path, "test-whole")
    assert main(["calc", str(src), "-o", str(tmp_path / "o.xlsm"), "--rules", "yueyang-2024"]) == 0
    assert "94.16" in capsys.readouterr().out


def test_an_unknown_rules_name_names_sheet_cell_and_text(tmp_path):
    src = _with_rules_cell(tmp_path, "广州-2031")
    with pytest.raises(InputError) as err:
        check(OpenpyxlFile(src))
    message = str(err.value)
    cell = forms.named("xs_rules").ref
    assert forms.self_eval.SHEET in message and cell in message and "广州-2031" in message
    assert "yueyang-2024" in message


def test_a_blank_rules_cell_and_an_older_workbook_use_the_default(tmp_path):
    older = tmp_path / "older.xlsm"
    wb = openpyxl.load_workbook(EXAMPLES / "seed000.xlsm", keep_vba=True)
    del wb.defined_names["xs_rules"]
    wb.save(older)
    assert float(calculate(OpenpyxlFile(older)).total) == pytest.approx(94.16)
    blank = _with_rules_cell(tmp_path, "  ")
    assert float(calculate(OpenpyxlFile(blank)).total) == pytest.approx(94.16)


def test_buttons_and_udfs_honour_the_rules_cell(tmp_path, whole_points):
    import xlwings as xw
    from remote import payload_from_file

    import xlsrc.buttons as buttons
    from xlsrc import udfs

    src = _with_rules_cell(tmp_path, "test-whole")
    book = xw.Book(json=payload_from_file(src))
    outcome = buttons.calculate(book)
    assert float(outcome.total) == pytest.approx(95.36)
    caller = book.sheets[forms.self_eval.SHEET].range("A1")
    assert udfs.XS_SCORE("≥500亿元", "≥429亿元", 10, caller=caller) == 9
    assert udfs.XS_SCORE("≥500亿元", "≥429亿元", 10) == 8.6
    unknown = xw.Book(json=payload_from_file(_with_rules_cell(tmp_path, "无此规则")))
    message = udfs.XS_GRADE(95, caller=unknown.sheets[0].range("A1"))
    assert "无此规则" in message and "没有安装" in message


def test_a_line_whose_label_is_gone_reads_empty_and_is_not_written(tmp_path):
    """A changed label plus an inserted row: the line is not guessed, and no write lands there."""
    src = tmp_path / "relabelled.xlsx"
    wb = openpyxl.load_workbook(EXAMPLES / "seed002.xlsm")
    ws = wb[forms.self_eval.SHEET]
    ws["K8"] = "产出"  # 产出指标 renamed
    ws.insert_rows(11)  # inside the 得分汇总 block (L7:M12 → L7:M13)
    wb.defined_names["xs_summary"].attr_text = f"'{ws.title}'!$L$7:$M$13"
    wb.save(src)
    binding = Binding(OpenpyxlFile(src))
    lines = binding.lines("summary")
    assert lines["output"] == {"weight": None, "score": None}
    lines_found = {"budget", "benefit", "satisfaction", "total", "cap"}
    assert set(binding.line_rows("summary")) == lines_found
    w = Writes(binding)
    w.lines("summary", {"output": {"weight": 1, "score": 2}, "total": {"weight": 3, "score": 4}})
    w.flush()
    grid = binding.port.values(binding.area("xs_summary"))
    assert grid[binding.line_rows("summary")["total"]] == [3, 4]
    assert all(row in ([None, None], [3, 4]) for row in grid)
