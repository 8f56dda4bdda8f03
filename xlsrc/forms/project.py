"""项目支出绩效自评表: one sheet per project of the department, copied from a hidden model.

The form's defined names are scoped to its sheet (`'项目A'!xs_prj_name`), so every copy of
the sheet carries its own: a project is a sheet that holds them. The model sheet (hidden,
marked by the local name `xs_prj_model`) is never a project; `xlsrc project add` and the
添加项目 button copy it and name the copy after the project (docs/architecture.md,
"Projects").

References:
    财预〔2020〕10号 附件 项目支出绩效自评表 (项目名称, 主管部门, 实施单位, 项目资金 by
    年度资金总额 / 当年财政拨款 / 上年结转资金 / 其他资金 with 年初预算数 … 得分, 年度总体目标,
    the indicator block, 总分), as the published forms in tests/data/audit_sources.md lay it out.
"""

from __future__ import annotations

from xlsrc.forms import base_data, self_eval
from xlsrc.forms.model import Cell, Fmt, Form, Formula, Page, Role, Table, Text

IN, OUT = Role.INPUT, Role.OUTPUT
KEY = "项目自评表"
SHEET = "项目表样"  # the hidden model every project sheet is copied from
TITLE = "年度项目支出绩效自评表"  # preceded by the year
# Local name only the model holds: a sheet with it is the model, not a project.
MODEL_NAME = "xs_prj_model"
# Local name every project sheet holds (its 项目名称): how projects are found.
MARKER = "xs_prj_name"
# The name a project sheet gets before the clerk names the project.
UNNAMED = "项目"

NAME, DEPARTMENT, UNIT = "项目名称", "主管部门", "实施单位"
INITIAL, TOTAL, SPENT, WEIGHT, RATE, SCORE = (
    self_eval.INITIAL,
    self_eval.TOTAL,
    self_eval.SPENT,
    self_eval.WEIGHT,
    self_eval.RATE,
    self_eval.SCORE,
)
# The lines of 项目资金, by the key the readers of published forms give them (fiscal …).
FUND_LINES = (
    ("budget", "年度资金总额"),
    ("fiscal", "其中：当年财政拨款"),
    ("carried", "上年结转资金"),
    ("other", "其他资金"),
)
FUNDS_ROW = 6  # 年度资金总额; the sources below it

INDICATORS = Table(
    name="xs_prj_indicators",
    field="project_indicator",
    first_row=FUNDS_ROW + len(FUND_LINES) + 3,
    first_col="B",
    rows=30,
    label="绩效指标",
    merged=("level1", "level2"),
    columns=self_eval.INDICATORS.columns,
)
_HEAD_ROW = INDICATORS.header_row
_LAST = INDICATORS.first_row + INDICATORS.rows - 1
TOTAL_ROW = _LAST + 1
SIGN_ROW = TOTAL_ROW + 2
GOAL_ROW = _HEAD_ROW - 1  # the boxes; their header right above


def _money(line: str, column: str, ref: str, label: str) -> Cell:
    return Cell(
        f"xs_prj_{line}_{column}",
        f"project.{line}_{column}",
        ref,
        IN,
        Fmt.MONEY,
        label,
        prompt=self_eval.MONEY,
    )


def _fund_cells() -> tuple[Cell | Text, ...]:
    """The 项目资金 block: 年初预算数, 全年预算数, 全年执行数 typed for each line; 执行率 of
    each line and the 年度资金总额's 分值 and 得分 (the budget row every rules file scores)."""
    out: list[Cell | Text] = []
    for i, (line, label) in enumerate(FUND_LINES):
        row = FUNDS_ROW + i
        name = label.removeprefix("其中：")
        # "其中：" on a line of its own: the narrow label column breaks it there, not in a word.
        shown = label.replace("其中：", "其中：\n")
        out.append(
            Text(f"B{row}", shown, "label" if line == "budget" else "box", {"align": "right"})
        )
        for column, letter, head in (
            ("initial", "C", INITIAL),
            ("total", "D", TOTAL),
            ("spent", "E", SPENT),
        ):
            out.append(_money(line, column, f"{letter}{row}", f"{name}{head}"))
        out.append(
            Cell(
                f"xs_prj_{line}_rate",
                f"project.{line}_rate",
                f"G{row}",
                OUT,
                Fmt.PERCENT,
                f"{name}{RATE}",
            )
        )
        if line != "budget":
            out.append(Text(f"F{row}", "—", "box", {"align": "center"}))
            out.append(Text(f"H{row}:I{row}", "—", "box", {"align": "center"}))
    out.append(
        Cell(
            "xs_prj_budget_weight",
            "project.budget_weight",
            f"F{FUNDS_ROW}",
            IN,
            Fmt.SCORE,
            WEIGHT,
            prompt="预算执行率的分值；留空则按所选评分规则的分值计分。",
        )
    )
    out.append(
        Cell(
            "xs_prj_budget_score",
            "project.budget_score",
            f"H{FUNDS_ROW}",
            OUT,
            Fmt.SCORE,
            SCORE,
            span=f"H{FUNDS_ROW}:I{FUNDS_ROW}",
        )
    )
    return tuple(out)


def _vertical(text: str) -> str:
    return "\n".join(text)


_FUNDS_LAST = FUNDS_ROW + len(FUND_LINES) - 1
FORM = Form(
    key=KEY,
    sheet=SHEET,
    title=TITLE,
    official=True,
    filing=60,  # after the 部门整体 forms, one per project
    scoped=True,
    hidden=True,
    widths={"A": 7, **{INDICATORS.letter(c.key): c.width for c in INDICATORS.columns}},
    heights={2: 30, 3: 22, 4: 22, _HEAD_ROW: 30, TOTAL_ROW: 20, SIGN_ROW: 30},
    page=Page(
        f"A1:I{SIGN_ROW}",
        repeat_rows=(_HEAD_ROW, _HEAD_ROW),
        breaks=(_HEAD_ROW,),
        freeze="E1",
    ),
    elements=(
        Text("H1", "评价年度", props={"align": "right"}),
        Text("I1", Formula('=IF(xs_year="","",xs_year)', "{year}"), props={"align": "left"}),
        Text("A2:I2", Formula(f'=xs_year&"{TITLE}"', "{year}" + TITLE), "title"),
        Text("A3:B3", NAME, "label"),
        Text("A4:B4", DEPARTMENT, "label"),
        Text("F4:G4", UNIT, "label"),
        Text(f"A5:A{_FUNDS_LAST}", _vertical("项目资金（万元）"), "label"),
        Text("B5", "", "head"),
        Text("C5", INITIAL, "head"),
        Text("D5", TOTAL, "head"),
        Text("E5", SPENT, "head"),
        Text("F5", WEIGHT, "head"),
        Text("G5", RATE, "head"),
        Text("H5:I5", SCORE, "head"),
        Text(f"A{GOAL_ROW - 1}:A{GOAL_ROW}", _vertical("年度总体目标"), "label"),
        Text(f"B{GOAL_ROW - 1}:E{GOAL_ROW - 1}", self_eval.EXPECTED, "head"),
        Text(f"F{GOAL_ROW - 1}:I{GOAL_ROW - 1}", self_eval.ACTUAL, "head"),
        Text(f"A{_HEAD_ROW}:A{_LAST}", _vertical("绩效指标"), "label"),
        Text(f"A{TOTAL_ROW}:F{TOTAL_ROW}", "总分", "label", {"bold": True}),
        Text(f"A{SIGN_ROW}:I{SIGN_ROW}", base_data.SIGN, props={"valign": "bottom"}),
        Cell(
            MARKER,
            "project.name",
            "C3",
            IN,
            Fmt.TEXT,
            NAME,
            span="C3:I3",
            prompt="项目全称，与预算批复一致。工作表以项目名称命名。",
        ),
        Cell(
            "xs_prj_department", "project.department", "C4", IN, Fmt.TEXT, DEPARTMENT, span="C4:E4"
        ),
        Cell("xs_prj_unit", "project.unit", "H4", IN, Fmt.TEXT, UNIT, span="H4:I4"),
        *_fund_cells(),
        Cell(
            "xs_prj_goal_expected",
            "project.goal_expected",
            f"B{GOAL_ROW}",
            IN,
            Fmt.LONGTEXT,
            self_eval.EXPECTED,
            f"B{GOAL_ROW}:E{GOAL_ROW}",
            prompt=self_eval.GOAL_PROMPT,
            budget=self_eval.GOAL_BUDGET,
        ),
        Cell(
            "xs_prj_goal_actual",
            "project.goal_actual",
            f"F{GOAL_ROW}",
            IN,
            Fmt.LONGTEXT,
            self_eval.ACTUAL,
            f"F{GOAL_ROW}:I{GOAL_ROW}",
            prompt=self_eval.GOAL_PROMPT,
            budget=self_eval.GOAL_BUDGET,
        ),
        INDICATORS,
        Cell(
            "xs_prj_weight_total",
            "project.weight_total",
            f"G{TOTAL_ROW}",
            OUT,
            Fmt.SCORE,
            "分值合计",
        ),
        Cell("xs_prj_total", "project.total", f"H{TOTAL_ROW}", OUT, Fmt.SCORE, "总分"),
        Cell("xs_prj_grade", "project.grade", f"I{TOTAL_ROW}", OUT, Fmt.TEXT, "等次"),
        Cell("xs_prj_message", "project.message", f"O{TOTAL_ROW}", OUT, Fmt.TEXT, "总分校验提示"),
        Cell(
            "xs_prj_budget_message",
            "project.budget_message",
            f"K{FUNDS_ROW}",
            OUT,
            Fmt.TEXT,
            "预算执行率校验提示",
            span=f"K{FUNDS_ROW}:O{FUNDS_ROW}",
        ),
    ),
)
