"""附件2 部门整体支出绩效自评表: the budget row, the funds, the goals and the indicator block.

References:
    The 岳阳市 2024 附件2 as published in seeds 000 and 002 (row order, labels, the
    indicator columns 一级/二级/三级指标 … 偏差原因分析及改进措施); 财预〔2020〕10号 for the
    一级/二级指标 framework offered in the dropdowns.
"""

from __future__ import annotations

from xlsrc.forms.model import (
    BAND_CHOICES,
    RULES_CHOICES,
    Button,
    Cell,
    Column,
    Fmt,
    Form,
    Formula,
    Line,
    Matrix,
    Page,
    Role,
    Table,
    Text,
)

IN, OUT = Role.INPUT, Role.OUTPUT
KEY = "附件2"
SHEET = "自评表"
TITLE = "年度部门整体支出绩效自评表"  # preceded by the year

# 一级指标 and 二级指标 dropdown choices (财预〔2020〕10号 indicator framework).
LEVEL1_CHOICES = ("产出指标", "效益指标", "满意度指标")
LEVEL2_CHOICES = (
    "数量指标",
    "质量指标",
    "时效指标",
    "成本指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
    "服务对象满意度指标",
)

# Labels printed on the form and used in messages, each spelled once.
UNIT = "市级预算部门名称"
INITIAL, TOTAL, SPENT, WEIGHT, RATE, SCORE = (
    "年初预算数",
    "全年预算数",
    "全年执行数",
    "分值",
    "执行率",
    "得分",
)
INCOME_GENERAL = "一般公共预算"
INCOME_FUND = "政府性基金拨款"
INCOME_SPECIAL = "纳入专户管理的非税收入拨款"
INCOME_OTHER = "其他资金"
BASIC, PROJECT = "基本支出", "项目支出"
EXPECTED, ACTUAL = "预期目标", "实际完成情况"

INDICATORS = Table(
    name="xs_indicators",
    field="indicator",
    first_row=14,
    first_col="B",
    rows=40,
    label="绩效指标",
    merged=("level1", "level2"),
    columns=(
        Column(
            "level1",
            "一级指标",
            IN,
            11,
            choices=LEVEL1_CHOICES,
            prompt="产出指标、效益指标或满意度指标。同一组只在第一行填写，下面各行留空即可。",
        ),
        Column(
            "level2",
            "二级指标",
            IN,
            11,
            choices=LEVEL2_CHOICES,
            prompt="如数量指标、质量指标、时效指标。同一组只在第一行填写，下面各行留空即可。",
        ),
        Column("level3", "三级指标", IN, 22, prompt="具体、可衡量的指标名称。"),
        Column(
            "target",
            "年度指标值",
            IN,
            14,
            Fmt.AS_TYPED,
            prompt="如 ≥500亿元、≤100%、＝100%、2024年12月31日前；定性指标写“定性”或文字。",
        ),
        Column(
            "actual",
            "实际完成值",
            IN,
            14,
            Fmt.AS_TYPED,
            prompt="与年度指标值同一单位，如 429亿元、98%、2024年12月20日。",
        ),
        Column("weight", "分值", IN, 8, Fmt.SCORE, prompt="本指标的分值（数字）。"),
        Column("score", "得分", OUT, 8, Fmt.SCORE),
        Column(
            "deviation",
            "偏差原因分析及改进措施",
            IN,
            24,
            prompt="未达到年度指标值时必须填写原因和改进措施。",
        ),
        Column(
            "band",
            "定性档次",
            IN,
            14,
            printed=False,
            choices=BAND_CHOICES,
            prompt="定性指标选择档次，默认按档次上限计分。",
        ),
        Column(
            "manual",
            "人工评分",
            IN,
            11,
            Fmt.SCORE,
            printed=False,
            prompt="需要调整规则得分时填写，并在“调整理由”中写明原因。",
        ),
        Column("reason", "调整理由", IN, 18, printed=False, prompt="填写了人工评分时必填。"),
        Column("kind", "评分方式", OUT, 10, printed=False),
        Column("rule_score", "规则得分", OUT, 9, Fmt.SCORE, printed=False),
        Column("message", "校验提示", OUT, 40, printed=False),
    ),
)
_LAST = INDICATORS.first_row + INDICATORS.rows - 1
TOTAL_ROW = _LAST + 1  # 总分 right below the block
SIGN_ROW = TOTAL_ROW + 2

# Subtotals by 一级指标, beside the printed form; the last line is the total.
SUMMARY = Matrix(
    name="xs_summary",
    field="summary",
    ref="L7:M12",
    label_col="K",
    label="得分汇总",
    label_style="label",
    lines=(
        Line("budget", "预算执行率"),
        Line("output", "产出指标"),
        Line("benefit", "效益指标"),
        Line("satisfaction", "满意度指标"),
        Line("total", "合计"),
        Line("cap", "总分上限"),  # the rules' cap by 执行率 (docs/rules.md §7), blank when none
    ),
    columns=(
        Column("weight", "分值", OUT, 8, Fmt.SCORE),
        Column("score", "得分", OUT, 8, Fmt.SCORE),
    ),
)


MONEY = "单位：万元。"
YEAR_PROMPT = "四位数字，如 2024。表头和报告的年度随之变化。"
UNIT_PROMPT = "单位全称，与公章一致；定稿文件名也用它。"

# The printed 年度总体目标 boxes hold this many characters each (Excel does not grow merged
# cells); the 定稿 sizes them to whatever was typed.
GOAL_BUDGET = 600
GOAL_PROMPT = f"可填写约 {GOAL_BUDGET} 字；更长时本表打印不全，定稿导出时会自动加高。"


def _money(name: str, field: str, ref: str, label: str) -> Cell:
    return Cell(name, field, ref, IN, Fmt.MONEY, label, prompt=MONEY)


def _goal(name: str, field: str, span: str, label: str) -> Cell:
    """A 年度总体目标 box: merged, so sized for GOAL_BUDGET characters when built."""
    ref = span.split(":")[0]
    return Cell(
        name, field, ref, IN, Fmt.LONGTEXT, label, span, prompt=GOAL_PROMPT, budget=GOAL_BUDGET
    )


def _vertical(text: str) -> str:
    """One character per line: the narrow side labels of the printed form."""
    return "\n".join(text)


_HEAD_ROW = INDICATORS.header_row
FORM = Form(
    key=KEY,
    sheet=SHEET,
    title=TITLE,
    official=True,
    filing=20,
    widths={"A": 7, **{INDICATORS.letter(c.key): c.width for c in INDICATORS.columns}},
    heights={2: 30, 3: 22, _HEAD_ROW: 30, TOTAL_ROW: 20, SIGN_ROW: 30},
    # The indicator block starts a page of its own, its header repeated on the next ones;
    # the columns 一级/二级/三级指标 stay on screen while the clerk scrolls to the right.
    page=Page(
        f"A1:I{SIGN_ROW}",
        repeat_rows=(_HEAD_ROW, _HEAD_ROW),
        breaks=(_HEAD_ROW,),
        freeze="E1",
    ),
    buttons=(
        Button("计算得分", "xs_calculate", "K2"),
        Button("检查", "xs_check", "M2"),
        Button("生成报告", "xs_report", "O2"),
        Button("定稿导出", "xs_finalize", "O4"),
    ),
    elements=(
        Text("A1", KEY),
        Text("H1", "评价年度", props={"align": "right"}),
        Text("A2:I2", Formula(f'=xs_year&"{TITLE}"', "{year}" + TITLE), "title"),
        Text("A3:B3", UNIT, "label"),
        Text("A4:A10", _vertical("年度预算申请（万元）"), "label"),
        Text("B4", "", "head"),
        Text("C4", INITIAL, "head"),
        Text("D4", TOTAL, "head"),
        Text("E4", SPENT, "head"),
        Text("F4", WEIGHT, "head"),
        Text("G4", RATE, "head"),
        Text("H4:I4", SCORE, "head"),
        Text("B5", "年度资金总额", "label"),
        Text("B6:E6", "按收入性质分：", "box"),
        Text("F6:I6", "按支出性质分：", "box"),
        Text("B7:D7", "其中：" + INCOME_GENERAL, "box", {"align": "right"}),
        Text("B8:D8", INCOME_FUND, "box", {"align": "right"}),
        Text("B9:D9", INCOME_SPECIAL, "box", {"align": "right"}),
        Text("B10:D10", INCOME_OTHER, "box", {"align": "right"}),
        Text("F7:H7", "其中：" + BASIC, "box", {"align": "right"}),
        Text("F8:H8", PROJECT, "box", {"align": "right"}),
        Text("F9:I9", None, "box"),
        Text("F10:I10", None, "box"),
        Text("A11:A12", _vertical("年度总体目标"), "label"),
        Text("B11:E11", EXPECTED, "head"),
        Text("F11:I11", ACTUAL, "head"),
        Text(f"A{_HEAD_ROW}:A{_LAST}", _vertical("绩效指标"), "label"),
        Text(f"A{TOTAL_ROW}:F{TOTAL_ROW}", "总分", "label", {"bold": True}),
        Text(f"A{SIGN_ROW}", "填表人", props={"align": "right", "valign": "bottom"}),
        Text(f"C{SIGN_ROW}", "填报日期", props={"align": "right", "valign": "bottom"}),
        Text(f"E{SIGN_ROW}", "联系电话", props={"align": "right", "valign": "bottom"}),
        # Signed by hand on the printed form: a blank line, never typed.
        Text(
            f"G{SIGN_ROW}:H{SIGN_ROW}",
            "单位负责人签字",
            props={"align": "right", "valign": "bottom"},
        ),
        Text(f"I{SIGN_ROW}", None, "line"),
        Text("K4", "评分规则", props={"align": "right"}),
        Text("K6", "类别", "head"),
        Text("L6", "分值", "head"),
        Text("M6", "得分", "head"),
        Cell("xs_year", "self.year", "I1", IN, Fmt.INTEGER, "评价年度", prompt=YEAR_PROMPT),
        Cell("xs_unit", "self.unit", "C3", IN, Fmt.TEXT, UNIT, span="C3:I3", prompt=UNIT_PROMPT),
        _money("xs_budget_initial", "budget.initial", "C5", INITIAL),
        _money("xs_budget_total", "budget.total", "D5", TOTAL),
        _money("xs_spent", "budget.spent", "E5", SPENT),
        Cell(
            "xs_budget_weight",
            "budget.weight",
            "F5",
            IN,
            Fmt.SCORE,
            WEIGHT,
            prompt="预算执行率的分值；留空则按所选评分规则的分值计分。",
        ),
        Cell("xs_exec_rate", "budget.rate", "G5", OUT, Fmt.PERCENT, RATE),
        Cell("xs_exec_score", "budget.score", "H5", OUT, Fmt.SCORE, SCORE, span="H5:I5"),
        _money("xs_income_general", "budget.income_general", "E7", INCOME_GENERAL),
        _money("xs_income_fund", "budget.income_fund", "E8", INCOME_FUND),
        _money("xs_income_special", "budget.income_special", "E9", INCOME_SPECIAL),
        _money("xs_income_other", "budget.income_other", "E10", INCOME_OTHER),
        _money("xs_basic", "budget.basic", "I7", BASIC),
        _money("xs_project", "budget.project", "I8", PROJECT),
        _goal("xs_goal_expected", "goal.expected", "B12:E12", EXPECTED),
        _goal("xs_goal_actual", "goal.actual", "F12:I12", ACTUAL),
        INDICATORS,
        Cell("xs_weight_total", "form.weight_total", f"G{TOTAL_ROW}", OUT, Fmt.SCORE, "分值合计"),
        Cell("xs_total", "form.total", f"H{TOTAL_ROW}", OUT, Fmt.SCORE, "总分"),
        Cell("xs_grade", "form.grade", f"I{TOTAL_ROW}", OUT, Fmt.TEXT, "等次"),
        # The total's 校验提示, in the column of the rows' (a cap by 执行率, weights not 100).
        Cell("xs_total_message", "form.message", f"O{TOTAL_ROW}", OUT, Fmt.TEXT, "总分校验提示"),
        Cell("xs_preparer", "sign.preparer", f"B{SIGN_ROW}", IN, Fmt.TEXT, "填表人", style="line"),
        Cell("xs_fill_date", "sign.date", f"D{SIGN_ROW}", IN, Fmt.TEXT, "填报日期", style="line"),
        Cell("xs_phone", "sign.phone", f"F{SIGN_ROW}", IN, Fmt.TEXT, "联系电话", style="line"),
        # Beside the printed form: the rules the workbook is scored by, status, subtotals.
        Cell(
            "xs_rules",
            "workbook.rules",
            "L4",
            IN,
            Fmt.TEXT,
            "评分规则",
            span="L4:N4",
            choices=RULES_CHOICES,
            prompt="选择本地区、本年度的评分规则；留空按默认规则",
        ),
        Cell("xs_status", "workbook.status", "K3", OUT, Fmt.TEXT, "状态", span="K3:O3"),
        # The budget row's 校验提示 (a full-marks threshold, the weight taken from the rules).
        Cell(
            "xs_budget_message",
            "budget.message",
            "K5",
            OUT,
            Fmt.TEXT,
            "预算执行率校验提示",
            span="K5:O5",
        ),
        SUMMARY,
    ),
)
