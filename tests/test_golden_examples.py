"""Golden files: every example after 计算得分, 检查 and 生成报告, as a clerk would read it.

One JSON per example in tests/golden/: every output cell the buttons write (by defined
name), the 校验结果 list, the cells 检查 colours, and the report's text by section. After a
deliberate change, regenerate with `XLSRC_UPDATE_GOLDEN=1 python -m pytest tests/test_golden_examples.py`
and read the diff before committing it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import EXAMPLES

from xlsrc import forms
from xlsrc.adapters.openpyxl_file import OpenpyxlFile
from xlsrc.forms.model import COLOR_ERROR, COLOR_WARNING, Cell, Role
from xlsrc.usecases import calculate, check, report

GOLDEN = Path(__file__).parent / "golden"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.xlsm"))
FLAG_NAMES = {COLOR_ERROR.lstrip("#").upper(): "错误", COLOR_WARNING.lstrip("#").upper(): "警告"}


def _plain(value: object) -> object:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, float):
        return round(value, 10)
    return value


def snapshot(path: Path, tmp_path: Path) -> dict:
    book = OpenpyxlFile(path)
    calculate(book)
    outcome = check(book)
    report(book)
    saved = book.save(tmp_path / path.name)
    book = OpenpyxlFile(saved)
    outputs: dict[str, object] = {}
    for element in forms.NAMED:
        if element.name == forms.checks.LIST.name:
            continue
        area = book.area(element.name)
        grid = book.values(area)
        if isinstance(element, Cell):
            if element.role is Role.OUTPUT:
                outputs[element.name] = _plain(grid[0][0])
            continue
        columns = [i for i, c in enumerate(element.columns) if c.role is Role.OUTPUT]
        if columns:
            rows = [[_plain(line[i]) for i in columns] for line in grid]
            while rows and all(v is None for v in rows[-1]):
                rows.pop()
            outputs[element.name] = rows
    listed = book.values(book.area(forms.checks.LIST.name))
    checks = [[_plain(v) for v in line] for line in listed if line[0] is not None]
    flags: dict[str, str] = {}
    for ws in book.book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                rgb = str(cell.fill.fgColor.rgb)[-6:].upper() if cell.fill.fill_type else ""
                if rgb in FLAG_NAMES:
                    flags[f"{ws.title}!{cell.coordinate}"] = FLAG_NAMES[rgb]
    text = book.values(book.area(forms.report.TEXT.name))
    sections = {line.label: text[i][0] for i, line in enumerate(forms.report.SECTIONS)}
    return {
        "message": outcome.message,
        "outputs": outputs,
        "checks": checks,
        "flags": flags,
        "report": sections,
    }


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_example_matches_its_golden_file(path, tmp_path):
    got = snapshot(path, tmp_path)
    golden = GOLDEN / f"{path.stem}.json"
    text = json.dumps(got, ensure_ascii=False, indent=2) + "\n"
    if os.environ.get("XLSRC_UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden.name}: run with XLSRC_UPDATE_GOLDEN=1"
    assert json.loads(golden.read_text(encoding="utf-8")) == got


def test_golden_files_hold_the_published_figures():
    """The goldens are not just what the code does today: they hold the seeds' own figures."""
    seed000 = json.loads((GOLDEN / "seed000.json").read_text(encoding="utf-8"))["outputs"]
    assert (seed000["xs_exec_rate"], seed000["xs_exec_score"]) == (0.8355, 8.36)
    assert (seed000["xs_total"], seed000["xs_grade"]) == (94.16, "优")
    seed002 = json.loads((GOLDEN / "seed002.json").read_text(encoding="utf-8"))
    assert (seed002["outputs"]["xs_total"], seed002["outputs"]["xs_staff_rate"]) == (98, 0.875)
    assert "自评得分98分" in seed002["report"]["六、部门整体支出绩效情况"]
