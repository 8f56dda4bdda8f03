"""calculate and check through both adapters: buttons on the remote engine, the CLI on files."""

from __future__ import annotations

import copy
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import EXAMPLES
from remote import apply_actions, payload_from_file
from wb import CHECKS, IND, SELF, named_areas, role_areas

import xlsrc.buttons as buttons
from xlsrc.a1 import parse_ref
from xlsrc.adapters.base import Area
from xlsrc.adapters.openpyxl_file import OpenpyxlFile
from xlsrc.cli import main as cli
from xlsrc.forms.model import COLOR_ERROR, COLOR_INPUT, Role
from xlsrc.usecases import calculate, check

# Each case runs the buttons or the CLI on whole example workbooks, some on two engines.
pytestmark = pytest.mark.slow

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.xlsm"))
BUTTONS = {"calculate": (buttons.calculate, calculate), "check": (buttons.check, check)}


def test_examples_exist():
    assert [p.stem for p in EXAMPLE_FILES] == ["seed000", "seed002", "seed003", "seed004"]


def input_cells(path: Path) -> dict[tuple[str, int, int], object]:
    """Every input cell's value, by (sheet, row, col)."""
    wb = openpyxl.load_workbook(path)
    cells: dict[tuple[str, int, int], object] = {}
    for a in role_areas(path, Role.INPUT):
        for r in range(a.row, a.row + a.rows):
            for c in range(a.col, a.col + a.cols):
                cells[(a.sheet, r, c)] = wb[a.sheet].cell(r, c).value
    return cells


def all_values(path: Path) -> dict[tuple[str, int, int], object]:
    wb = openpyxl.load_workbook(path)
    return {
        (ws.title, c.row, c.column): c.value
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.value is not None
    }


def all_fills(path: Path) -> dict[tuple[str, int, int], str]:
    wb = openpyxl.load_workbook(path)
    return {
        (ws.title, c.row, c.column): str(c.fill.fgColor.rgb)[-6:]
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.fill is not None and c.fill.fill_type == "solid"
    }


def run_remote(path: Path, button: str, out: Path) -> list[dict]:
    import xlwings as xw

    book = xw.Book(json=payload_from_file(path))
    BUTTONS[button][0](book)
    actions = book.json()["actions"]
    apply_actions(path, actions, out)
    return actions


def run_file(path: Path, button: str, out: Path):
    book = OpenpyxlFile(path)
    outcome = BUTTONS[button][1](book)
    book.save(out)
    return outcome


@pytest.mark.parametrize("button", BUTTONS)
@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_buttons_never_change_an_input_cell(example, button, tmp_path):
    before = input_cells(example)
    remote_out, file_out = tmp_path / f"remote{example.suffix}", tmp_path / f"file{example.suffix}"
    actions = run_remote(example, button, remote_out)
    run_file(example, button, file_out)
    assert input_cells(remote_out) == before
    assert input_cells(file_out) == before
    # Every value the button wrote lies inside an output area.
    outputs = role_areas(example, Role.OUTPUT)
    sheetnames = openpyxl.load_workbook(example).sheetnames
    for a in actions:
        if a["func"] != "setValues":
            continue
        sheet = sheetnames[a["sheet_position"]]
        top, left = a["start_row"] + 1, a["start_column"] + 1
        for r in range(top, top + a["row_count"]):
            for c in range(left, left + a["column_count"]):
                assert any(
                    o.sheet == sheet and o.row <= r < o.row + o.rows and o.col <= c < o.col + o.cols
                    for o in outputs
                ), f"write outside the output cells: {sheet} row {r} col {c}"


@pytest.mark.parametrize("button", BUTTONS)
@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_remote_engine_and_openpyxl_give_the_same_workbook(example, button, tmp_path):
    remote_out, file_out = tmp_path / f"remote{example.suffix}", tmp_path / f"file{example.suffix}"
    run_remote(example, button, remote_out)
    run_file(example, button, file_out)
    assert all_values(remote_out) == all_values(file_out)
    assert all_fills(remote_out) == all_fills(file_out)


def test_calculate_writes_the_published_figures_of_seed000(tmp_path):
    out = tmp_path / "out.xlsm"
    run_remote(EXAMPLES / "seed000.xlsm", "calculate", out)
    book = OpenpyxlFile(out)
    value = lambda name: book.values(book.area(name))[0][0]  # noqa: E731
    assert value("xs_exec_rate") == pytest.approx(0.8355)
    assert value("xs_exec_score") == pytest.approx(8.36)
    assert value("xs_total") == pytest.approx(94.16)
    assert value("xs_grade") == "优"
    block = book.area("xs_indicators")
    scores = [r[0] for r in book.values(block.sub(0, IND.index("score"), 14, 1))]
    assert scores == pytest.approx([10, 10, 5, 5, 10, 5, 5, 8.6, 2.5, 5, 5, 5, 5, 4.7])
    summary = book.values(book.area("xs_summary"))
    assert summary[-2] == pytest.approx([100, 94.16])  # 合计
    assert summary[-1] == [None, None]  # 总分上限: the rules set none


@pytest.mark.parametrize("button", BUTTONS)
def test_buttons_are_idempotent(button, tmp_path):
    once, twice = tmp_path / "once.xlsm", tmp_path / "twice.xlsm"
    run_file(EXAMPLES / "seed000.xlsm", button, once)
    run_file(once, button, twice)
    assert all_values(once) == all_values(twice)
    assert all_fills(once) == all_fills(twice)


def test_check_lists_every_problem_with_sheet_cell_and_text(tmp_path):
    src = tmp_path / "bad.xlsm"
    wb = openpyxl.load_workbook(EXAMPLES / "seed002.xlsm", keep_vba=True)
    areas = named_areas(EXAMPLES / "seed002.xlsm")
    block = areas["xs_indicators"]
    weight_cell = block.sub(2, IND.index("weight"))
    target_cell = block.sub(3, IND.index("target"))
    wb[block.sheet][weight_cell.cell()] = "十分"
    wb[block.sheet][target_cell.cell()] = "≥abc"
    wb.save(src)
    outcome = run_file(src, "check", tmp_path / "out.xlsm")
    by_cell = {(p.sheet, p.cell): p for p in outcome.problems}
    assert "“十分”" in by_cell[(SELF, weight_cell.cell())].message
    assert "“≥abc”" in by_cell[(SELF, target_cell.cell())].message
    listed = openpyxl.load_workbook(tmp_path / "out.xlsm")[CHECKS]
    first = areas["xs_checks"]
    rows = [
        [listed.cell(r, c).value for c in range(first.col, first.col + 6)]
        for r in range(first.row, first.row + 10)
        if listed.cell(r, first.col).value is not None
    ]
    assert [SELF, weight_cell.cell()] in [row[3:5] for row in rows]
    fills = all_fills(tmp_path / "out.xlsm")
    assert fills[(SELF, weight_cell.row, weight_cell.col)] == COLOR_ERROR.lstrip("#")


def test_check_clears_flags_once_the_problem_is_fixed(tmp_path):
    areas = named_areas(EXAMPLES / "seed002.xlsm")
    cell = areas["xs_indicators"].sub(2, IND.index("weight"))
    bad = tmp_path / "bad.xlsm"
    wb = openpyxl.load_workbook(EXAMPLES / "seed002.xlsm", keep_vba=True)
    wb[cell.sheet][cell.cell()] = "十分"
    wb.save(bad)
    run_file(bad, "check", tmp_path / "flagged.xlsm")
    assert all_fills(tmp_path / "flagged.xlsm")[
        (cell.sheet, cell.row, cell.col)
    ] == COLOR_ERROR.lstrip("#")
    wb = openpyxl.load_workbook(tmp_path / "flagged.xlsm", keep_vba=True)
    wb[cell.sheet][cell.cell()] = 5
    wb.save(tmp_path / "fixed.xlsm")
    run_file(tmp_path / "fixed.xlsm", "check", tmp_path / "clean.xlsm")
    assert all_fills(tmp_path / "clean.xlsm")[
        (cell.sheet, cell.row, cell.col)
    ] == COLOR_INPUT.lstrip("#")


def resize_indicator_block(payload: dict, rows: int) -> dict:
    """The payload of the same book after the clerk inserted or deleted rows inside the indicator block."""
    p = copy.deepcopy(payload)
    sheet_index = [s["name"] for s in p["sheets"]].index(SELF)
    values = p["sheets"][sheet_index]["values"]
    name = next(n for n in p["names"] if n["name"] == "xs_indicators")
    top, left, height, width = parse_ref(name["address"])
    filled = [
        values[top - 1 + i]
        for i in range(height)
        if any(v is not None for v in values[top - 1 + i][left - 1 : left - 1 + 8])
    ]
    new_rows = [list(filled[i % len(filled)]) for i in range(rows)]
    values[top - 1 : top - 1 + height] = new_rows
    shift = rows - height
    for n in p["names"]:
        if n["sheet_index"] != sheet_index:
            continue
        r, c, h, w = parse_ref(n["address"])
        if n["name"] == "xs_indicators":
            h = rows
        elif r >= top + height:
            r += shift
        first = Area("x", r, c).cell()
        n["address"] = (
            first if (h, w) == (1, 1) else f"{first}:{Area('x', r, c, h, w).cell(h - 1, w - 1)}"
        )
    return p


def test_round_trips_of_calculate_do_not_grow_with_rows():
    import xlwings as xw

    payload = payload_from_file(EXAMPLES / "seed000.xlsm")
    counts = {}
    for rows in (14, 200):
        book = xw.Book(json=resize_indicator_block(payload, rows))
        outcome = buttons.calculate(book)
        counts[rows] = len(book.json()["actions"])
        assert outcome.total is not None
    print(f"\ncalculate actions: 14 rows → {counts[14]}, 200 rows → {counts[200]}")
    assert counts[14] == counts[200]


def test_import_buttons_does_not_import_pandas():
    code = (
        "import sys, xlsrc.buttons; sys.exit('pandas' in sys.modules or 'xlwings' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_cli_calc_keeps_vba_and_buttons(tmp_path, capsys):
    out = tmp_path / "out.xlsm"
    assert cli(["calc", str(EXAMPLES / "seed000.xlsm"), "-o", str(out)]) == 0
    assert "94.16" in capsys.readouterr().out
    names = zipfile.ZipFile(out).namelist()
    assert "xl/vbaProject.bin" in names
    assert any(n.startswith("xl/drawings/vmlDrawing") for n in names)
    original = zipfile.ZipFile(EXAMPLES / "seed000.xlsm").read("xl/vbaProject.bin")
    assert zipfile.ZipFile(out).read("xl/vbaProject.bin") == original


def test_cli_check_exit_code(tmp_path, capsys):
    for name in ("seed002.xlsm", "seed000.xlsm"):
        shutil.copyfile(EXAMPLES / name, tmp_path / name)
    assert cli(["check", str(tmp_path / "seed002.xlsm")]) == 0
    assert (
        cli(["check", str(tmp_path / "seed000.xlsm")]) == 1
    )  # the unmet 满意度 row has no 偏差原因
    out = capsys.readouterr().out
    assert "E110" in out and "点击" not in out


def test_cli_check_writes_what_it_says_into_the_file(tmp_path, capsys):
    """Without -o the marks go into the workbook, as the 使用说明 tells WPS users."""
    path = tmp_path / "单位自评.xlsm"
    shutil.copyfile(EXAMPLES / "seed000.xlsm", path)
    before = path.read_bytes()
    assert cli(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "已在“校验结果”工作表列出并标出单元格" in out and str(path) in out
    listed = openpyxl.load_workbook(path)["校验结果"]
    assert "E110" in [c.value for row in listed.iter_rows() for c in row]
    assert (tmp_path / ".xlsrc-backup" / path.name).read_bytes() == before


def test_cli_messages_name_commands_not_buttons(tmp_path, capsys):
    path = tmp_path / "单位自评.xlsm"
    shutil.copyfile(EXAMPLES / "seed000.xlsm", path)
    assert cli(["calc", str(path)]) == 0
    out = capsys.readouterr().out
    assert "请运行 xlsrc check 单位自评.xlsm" in out and "点击" not in out
    assert cli(["report", str(path)]) == 0
    assert "点击" not in capsys.readouterr().out


def test_cli_on_plain_xlsx(tmp_path):
    xlsx = tmp_path / "plain.xlsx"
    wb = openpyxl.load_workbook(EXAMPLES / "seed002.xlsm")
    wb.save(xlsx)
    assert cli(["calc", str(xlsx)]) == 0
    book = OpenpyxlFile(xlsx)
    assert book.values(book.area("xs_total"))[0][0] == 98


def test_missing_name_gets_a_chinese_message(tmp_path, capsys):
    src = tmp_path / "noname.xlsm"
    wb = openpyxl.load_workbook(EXAMPLES / "seed000.xlsm", keep_vba=True)
    del wb.defined_names["xs_total"]
    wb.save(src)
    assert cli(["calc", str(src)]) == 2
    err = capsys.readouterr().err
    assert "xs_total" in err and SELF in err


def test_missing_file_and_broken_file(tmp_path, capsys):
    assert cli(["calc", str(tmp_path / "none.xlsx")]) == 2
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    assert cli(["check", str(broken)]) == 2
    assert "不是 Excel 工作簿" in capsys.readouterr().err


def test_text_written_back_stays_text(tmp_path):
    src = tmp_path / "t.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "S"
    wb.save(src)
    book = OpenpyxlFile(src)
    book.write(Area("S", 1, 1, 1, 2), [["=1+1", "+86 123"]])
    book.save()
    cell = openpyxl.load_workbook(src)["S"]["A1"]
    assert cell.data_type == "s" and cell.value == "=1+1"
