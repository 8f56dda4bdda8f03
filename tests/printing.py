"""Test support: rows too short for their text, and a template a clerk has filled with long text."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from xlsrc import forms
from xlsrc.a1 import parse_ref
from xlsrc.adapters.openpyxl_file import OpenpyxlFile
from xlsrc.build import measure
from xlsrc.build.sheet import DEFAULT_WIDTH


def _widths(ws: Worksheet) -> dict[int, float]:
    widths: dict[int, float] = {}
    for dim in ws.column_dimensions.values():
        if dim.width and dim.min and dim.max:
            for c in range(dim.min, dim.max + 1):
                widths[c] = measure.shown_width(dim.width)
    return widths


def _printed(ws: Worksheet) -> tuple[int, int, int, int]:
    area = str(ws.print_area).split("!")[-1]
    row, col, rows, cols = parse_ref(area)
    return row, col, row + rows - 1, col + cols - 1


def shortfalls(ws: Worksheet, strict: bool) -> list[str]:
    """Printed wrapped cells whose rows are shorter than `measure` says their text needs.

    Not `strict` (a workbook): a cell alone on rows without a set height passes, since Excel
    sizes such rows to the text typed, and no row need be taller than Excel allows (409 pt:
    only the 定稿 can spread longer text over more rows). `strict` (the 定稿): every row
    must carry its height and every text must fit.
    """
    widths = _widths(ws)
    r1, c1, r2, c2 = _printed(ws)
    spans = {(m.min_row, m.min_col): m for m in ws.merged_cells.ranges}
    out = []
    for row in ws.iter_rows(min_row=r1, max_row=r2, min_col=c1, max_col=c2):
        for cell in row:
            if not isinstance(cell.value, str) or not cell.value or not cell.alignment.wrap_text:
                continue
            span = spans.get((cell.row, cell.column))
            last_row = span.max_row if span else cell.row
            last_col = span.max_col if span else cell.column
            width = sum(widths.get(c, DEFAULT_WIDTH) for c in range(cell.column, last_col + 1))
            need = measure.height(cell.value, width, float(cell.font.sz or 10))
            rows = range(cell.row, last_row + 1)
            if not strict:
                need = min(need, measure.MAX_ROW * len(rows))
            set_heights = [ws.row_dimensions[r].height for r in rows]
            if not strict and span is None and set_heights[0] is None:
                continue  # sized by the spreadsheet program as the clerk types
            have = sum(h if h is not None else measure.DEFAULT_ROW for h in set_heights)
            if have + 0.01 < need:
                out.append(f"{ws.title}!{cell.coordinate}: {have:g} < {need:g} pt")
    return out


# A clerk's long text: sentences with figures and punctuation, as the seeds' are written.
SENTENCE = (
    "围绕年度目标细化分解任务，全年完成进出口贸易额429亿元，同比增长12.5%，"
    "带动就业1.2万人；按季度开展专项检查和跟踪问效，确保资金使用合规、高效。"
)


def long_text(characters: int, paragraph: int = 100, end: str = "") -> str:
    """`characters` of text in paragraphs of at most `paragraph` characters, the last ones
    `end` (a marker to find on paper: the text is otherwise one sentence over and over)."""
    text = (SENTENCE * (characters // len(SENTENCE) + 1))[: characters - len(end)] + end
    return "\n".join(text[i : i + paragraph] for i in range(0, characters, paragraph))


# The boxes sized for text yet to be typed, by defined name, with what they hold.
BUDGETED = {
    "xs_goal_expected": forms.self_eval.GOAL_BUDGET,
    "xs_goal_actual": forms.self_eval.GOAL_BUDGET,
    "xs_frugality": forms.base_data.FRUGALITY_BUDGET,
}
# The last characters `typed_template` types into each box (report sections by line key).
MARKERS = {
    key: f"【止{i:02d}】"
    for i, key in enumerate([*BUDGETED, *(line.key for line in forms.report.SECTIONS)])
}


LEVELS = (
    ("产出指标", ("数量指标", "数量指标", "数量指标", "数量指标", "质量指标", "质量指标")),
    ("产出指标", ("时效指标", "时效指标", "成本指标", "成本指标")),
    ("效益指标", ("经济效益指标", "经济效益指标", "社会效益指标", "社会效益指标")),
    ("效益指标", ("可持续影响指标", "可持续影响指标")),
    ("满意度指标", ("服务对象满意度指标",) * 4),
)
WEIGHTS = {"产出指标": 5, "效益指标": 5, "满意度指标": 2.5}  # 10 × 5 + 6 × 5 + 4 × 2.5 = 90


def indicator_rows() -> list[dict[str, object]]:
    """Twenty indicators, one a row, each 三级指标 numbered so a page can be found by it."""
    rows: list[dict[str, object]] = []
    previous: tuple[str, str] = ("", "")
    for level1, level2s in LEVELS:
        for level2 in level2s:
            n = len(rows) + 1
            unmet = n in (3, 12)
            rows.append(
                {
                    "level1": level1 if level1 != previous[0] else None,
                    "level2": level2 if (level1, level2) != previous else None,
                    "level3": f"指标{n:02d}：" + long_text(30 + 3 * n),
                    "target": "≥95%",
                    "actual": "90%" if unmet else "≥96%",
                    "weight": WEIGHTS[level1],
                    "deviation": long_text(80) if unmet else None,
                }
            )
            previous = (level1, level2)
    return rows


def typed_template(template: Path, out: Path) -> Path:
    """The template after a clerk has typed every long-text box up to what it is sized for,
    and twenty indicators with long names (the file is written as a save would write it)."""
    shutil.copyfile(template, out)
    book = OpenpyxlFile(out)

    def put(name: str, values: list[list[object]], row: int = 0, col: int = 0) -> None:
        area = book.area(name)
        book.write(area.sub(row, col, len(values), len(values[0])), values)

    for field, value in {
        "self.year": 2024,
        "self.unit": "岳阳市城陵矶综合保税区管理委员会机关后勤服务中心",
        "budget.initial": 300.0,
        "budget.total": 360.0,
        "budget.spent": 352.5,
        "budget.weight": 10,
        "budget.income_general": 360.0,
        "budget.basic": 300.0,
        "budget.project": 52.5,
        "base.staff_authorized": 20,
        "base.staff_actual": 18,
        "sign.preparer": "王小明",
        "sign.phone": "0730-1234567",
    }.items():
        cell = forms.BY_FIELD[field][1]
        put(cell.name, [[value]])
    for name, characters in BUDGETED.items():
        put(name, [[long_text(characters, end=MARKERS[name])]])
    table = forms.self_eval.INDICATORS
    keys = [c.key for c in table.columns]
    rows = indicator_rows()
    put(table.name, [[row.get(k) for k in keys[:8]] for row in rows])
    report = forms.report.TEXT
    put(
        report.name,
        [[long_text(line.budget, end=MARKERS[line.key])] for line in forms.report.SECTIONS],
    )
    book.save(out)
    return out


def workbook(path: Path, data_only: bool = True) -> openpyxl.Workbook:
    return openpyxl.load_workbook(path, data_only=data_only)


# A department of sixteen indicators typed the Excel way (issue 22), made from seed 002's
# example in LibreOffice as a clerk types: three rows inserted in the 产出 block, percentages
# and dates typed into cells of the General format (stored as 0.9358 and as a date), a bare
# number, and 一级指标 typed without their weights.
DEPARTMENT_ROWS = 16


def excel_department(src: Path, out: Path, profile: Path) -> Path:
    """seed 002's example with sixteen indicators typed the Excel way, saved by LibreOffice."""
    import lo

    sheet = forms.self_eval.SHEET
    table = forms.self_eval.INDICATORS
    col = {
        c.key: chr(ord("A") + OpenpyxlFile(src).area(table.name).col - 1 + i)
        for i, c in enumerate(table.columns)
    }
    steps: list[tuple[object, ...]] = [("rows", sheet, 21, 3)]  # before sheet row 22

    def typed(cell: str, text: str) -> None:
        steps.extend([("general", sheet, cell), ("type", sheet, cell, text)])

    for row, (level3, target, actual, weight) in enumerate(
        [
            ("办公经费控制率", "≤100%", "93.58%", 5),
            ("单位运行成本", "≤82万元", "80.87", 3),
            ("政府采购执行率", "≥95%", "99.5%", 2),
        ],
        start=22,
    ):
        steps.append(("text", sheet, f"{col['level3']}{row}", level3))
        steps.append(("text", sheet, f"{col['target']}{row}", target))
        typed(f"{col['actual']}{row}", actual)
        steps.append(("number", sheet, f"{col['weight']}{row}", weight))
        steps.append(("text", sheet, f"{col['deviation']}{row}", "无偏差"))
    typed(f"{col['target']}20", "2024-12-31")
    typed(f"{col['actual']}20", "2024-12-20")
    steps.append(("number", sheet, f"{col['weight']}20", 5))
    typed(f"{col['actual']}21", "96.5%")
    steps.append(("number", sheet, f"{col['weight']}21", 5))
    for row, label in ((14, "产出指标"), (25, "效益指标"), (29, "满意度指标")):
        steps.append(("text", sheet, f"{col['level1']}{row}", label))
    lo.edit([(src, out, steps)], profile)
    return out
