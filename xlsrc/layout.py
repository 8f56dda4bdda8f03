"""The workbook layout as data: sheets, defined names, input and output cells.

Written once and used by the template builder, the adapters and the tests.
Code reaches every input and output through a defined name (`xs_*`), never a
hard-coded address, so clerks may insert rows inside the blocks.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

# Sheet names (Chinese as data; each lives here only).
SHEET_BASE = "基础数据表"  # 附件1 basic data table
SHEET_SELF = "自评表"  # 附件2 self-evaluation table
SHEET_REVIEW = "考核评分表"  # 附件5 the bureau's assessment of the self-evaluation work
SHEET_RATING = "评价评分表"  # 附件4-1 common-indicator rating table (older format)
SHEET_REPORT = "自评报告"  # narrative report
SHEET_CHECKS = "校验结果"  # check results list
SHEET_HELP = "使用说明"  # instructions
SHEET_CONF = "xlwings.conf"  # xlwings' own configuration sheet (name fixed by xlwings)

SHEETS = (
    SHEET_HELP,
    SHEET_BASE,
    SHEET_SELF,
    SHEET_REVIEW,
    SHEET_RATING,
    SHEET_REPORT,
    SHEET_CHECKS,
    SHEET_CONF,
)

# Fill colours: clerks type into INPUT cells; buttons write only to OUTPUT cells.
COLOR_INPUT = "#FFF2CC"  # pale yellow
COLOR_OUTPUT = "#DDEBF7"  # pale blue
COLOR_ERROR = "#F8CBAD"  # salmon: an error found by 检查
COLOR_WARNING = "#FFE699"  # amber: a warning found by 检查
COLOR_HEADER = "#F2F2F2"


class Role(Enum):
    INPUT = "input"
    OUTPUT = "output"


class Fmt(Enum):
    TEXT = "text"
    MONEY = "money"  # 万元, two decimals
    PERCENT = "percent"  # 0.00%
    SCORE = "score"  # General: 8.6, 10, 8.36
    INTEGER = "integer"
    LONGTEXT = "longtext"  # wrapped paragraph


@dataclass(frozen=True)
class Field:
    """One named cell or range: name, sheet, A1 reference in the template, role, format."""

    name: str
    sheet: str
    ref: str
    role: Role
    fmt: Fmt = Fmt.TEXT
    label: str = ""  # Chinese label, for messages


@dataclass(frozen=True)
class Column:
    """One column of the indicator block: the `Indicator` attribute it holds, or an output."""

    key: str
    header: str
    role: Role
    width: float
    fmt: Fmt = Fmt.TEXT
    printed: bool = True


# ---------------------------------------------------------------- 自评表 (附件2)
# The indicator block starts at column B; column A holds the merged "绩效指标" label.
INDICATOR_FIRST_ROW = 14
INDICATOR_ROWS = 40
INDICATOR_HEADER_ROW = INDICATOR_FIRST_ROW - 1
INDICATOR_FIRST_COL = 1  # 0-based: column B
INDICATOR_COLUMNS: tuple[Column, ...] = (
    Column("level1", "一级指标", Role.INPUT, 11),
    Column("level2", "二级指标", Role.INPUT, 11),
    Column("level3", "三级指标", Role.INPUT, 22),
    Column("target", "年度指标值", Role.INPUT, 14),
    Column("actual", "实际完成值", Role.INPUT, 14),
    Column("weight", "分值", Role.INPUT, 7, Fmt.SCORE),
    Column("score", "得分", Role.OUTPUT, 7, Fmt.SCORE),
    Column("deviation", "偏差原因分析及改进措施", Role.INPUT, 24),
    Column("band", "定性档次", Role.INPUT, 14, printed=False),
    Column("manual", "人工评分", Role.INPUT, 9, Fmt.SCORE, printed=False),
    Column("reason", "调整理由", Role.INPUT, 18, printed=False),
    Column("kind", "评分方式", Role.OUTPUT, 10, printed=False),
    Column("rule_score", "规则得分", Role.OUTPUT, 9, Fmt.SCORE, printed=False),
    Column("message", "校验提示", Role.OUTPUT, 40, printed=False),
)
INDICATOR_TOTAL_ROW = INDICATOR_FIRST_ROW + INDICATOR_ROWS  # 总分 row right below the block


def column_index(key: str) -> int:
    """0-based position of a column inside the indicator block."""
    for i, col in enumerate(INDICATOR_COLUMNS):
        if col.key == key:
            return i
    raise KeyError(key)


def col_letter(index0: int) -> str:
    """0-based column index → letters (0 → A, 26 → AA)."""
    out = ""
    n = index0 + 1
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def _block_ref() -> str:
    first = col_letter(INDICATOR_FIRST_COL)
    last = col_letter(INDICATOR_FIRST_COL + len(INDICATOR_COLUMNS) - 1)
    return f"{first}{INDICATOR_FIRST_ROW}:{last}{INDICATOR_FIRST_ROW + INDICATOR_ROWS - 1}"


_T = INDICATOR_TOTAL_ROW
_I, _O = Role.INPUT, Role.OUTPUT

SELF_FIELDS: tuple[Field, ...] = (
    Field("xs_year", SHEET_SELF, "I1", _I, Fmt.INTEGER, "评价年度"),
    Field("xs_unit", SHEET_SELF, "C3", _I, Fmt.TEXT, "市级预算部门名称"),
    Field("xs_budget_initial", SHEET_SELF, "C5", _I, Fmt.MONEY, "年初预算数"),
    Field("xs_budget_total", SHEET_SELF, "D5", _I, Fmt.MONEY, "全年预算数"),
    Field("xs_spent", SHEET_SELF, "E5", _I, Fmt.MONEY, "全年执行数"),
    Field("xs_budget_weight", SHEET_SELF, "F5", _I, Fmt.SCORE, "分值"),
    Field("xs_exec_rate", SHEET_SELF, "G5", _O, Fmt.PERCENT, "执行率"),
    Field("xs_exec_score", SHEET_SELF, "H5", _O, Fmt.SCORE, "得分"),
    Field("xs_income_general", SHEET_SELF, "E7", _I, Fmt.MONEY, "一般公共预算"),
    Field("xs_income_fund", SHEET_SELF, "E8", _I, Fmt.MONEY, "政府性基金拨款"),
    Field("xs_income_special", SHEET_SELF, "E9", _I, Fmt.MONEY, "纳入专户管理的非税收入拨款"),
    Field("xs_income_other", SHEET_SELF, "E10", _I, Fmt.MONEY, "其他资金"),
    Field("xs_basic", SHEET_SELF, "I7", _I, Fmt.MONEY, "基本支出"),
    Field("xs_project", SHEET_SELF, "I8", _I, Fmt.MONEY, "项目支出"),
    Field("xs_goal_expected", SHEET_SELF, "B12", _I, Fmt.LONGTEXT, "预期目标"),
    Field("xs_goal_actual", SHEET_SELF, "F12", _I, Fmt.LONGTEXT, "实际完成情况"),
    Field("xs_indicators", SHEET_SELF, _block_ref(), _I, Fmt.TEXT, "绩效指标"),
    Field("xs_weight_total", SHEET_SELF, f"G{_T}", _O, Fmt.SCORE, "分值合计"),
    Field("xs_total", SHEET_SELF, f"H{_T}", _O, Fmt.SCORE, "总分"),
    Field("xs_grade", SHEET_SELF, f"I{_T}", _O, Fmt.TEXT, "等次"),
    Field("xs_preparer", SHEET_SELF, f"B{_T + 2}", _I, Fmt.TEXT, "填表人"),
    Field("xs_fill_date", SHEET_SELF, f"D{_T + 2}", _I, Fmt.TEXT, "填报日期"),
    Field("xs_phone", SHEET_SELF, f"F{_T + 2}", _I, Fmt.TEXT, "联系电话"),
    Field("xs_head", SHEET_SELF, f"H{_T + 2}", _I, Fmt.TEXT, "单位负责人"),
    # Beside the printed form (not printed): status line and subtotals by 一级指标.
    Field("xs_status", SHEET_SELF, "K6", _O, Fmt.TEXT, "状态"),
    Field("xs_summary", SHEET_SELF, "L9:M13", _O, Fmt.SCORE, "得分汇总"),
)
# Row labels of xs_summary, in order (the last is the total).
SUMMARY_ROWS = ("预算执行率", "产出指标", "效益指标", "满意度指标", "合计")
SUMMARY_LABEL_COL = "K"
SUMMARY_HEADER_ROW = 8

# ---------------------------------------------------------------- 基础数据表 (附件1)
# Expense rows: label, indent level; three input columns (上年决算 / 本年预算 / 本年决算).
EXPENSE_ROWS: tuple[tuple[str, int], ...] = (
    ("三公经费", 0),
    ("1、公务用车购置和维护经费", 1),
    ("其中：公车购置", 2),
    ("公车运行维护", 2),
    ("2、出国经费", 1),
    ("3、公务接待", 1),
    ("项目支出：", 0),
    ("1、业务工作经费", 1),
    ("2、运行维护经费", 1),
    ("3、市级专项资金（一个专项一行）", 1),
    ("4、其他项目", 1),
    ("公用经费", 0),
    ("其中：办公经费", 1),
    ("水费、电费、差旅费", 1),
    ("会议费、培训费", 1),
    ("政府采购金额", 0),
    ("部门基本支出预算调整", 0),
)
EXPENSE_FIRST_ROW = 6
_E_LAST = EXPENSE_FIRST_ROW + len(EXPENSE_ROWS) - 1
_BLD = _E_LAST + 2  # 楼堂馆所 input row

BASE_FIELDS: tuple[Field, ...] = (
    Field("xs_staff_authorized", SHEET_BASE, "B4", _I, Fmt.INTEGER, "编制数"),
    Field("xs_staff_actual", SHEET_BASE, "C4", _I, Fmt.INTEGER, "实际在职人数"),
    Field("xs_staff_rate", SHEET_BASE, "D4", _O, Fmt.PERCENT, "控制率"),
    Field("xs_expenses", SHEET_BASE, f"B{EXPENSE_FIRST_ROW}:D{_E_LAST}", _I, Fmt.MONEY, "经费控制情况"),
    Field("xs_building_plan", SHEET_BASE, f"B{_BLD}", _I, Fmt.MONEY, "批复规模"),
    Field("xs_building_actual", SHEET_BASE, f"C{_BLD}", _I, Fmt.MONEY, "实际规模"),
    Field("xs_building_rate", SHEET_BASE, f"D{_BLD}", _O, Fmt.PERCENT, "规模控制率"),
    Field("xs_invest_plan", SHEET_BASE, f"E{_BLD}", _I, Fmt.MONEY, "预算投资"),
    Field("xs_invest_actual", SHEET_BASE, f"F{_BLD}", _I, Fmt.MONEY, "实际投资"),
    Field("xs_invest_rate", SHEET_BASE, f"G{_BLD}", _O, Fmt.PERCENT, "投资概算控制率"),
    Field("xs_frugality", SHEET_BASE, f"B{_BLD + 1}", _I, Fmt.LONGTEXT, "厉行节约保障措施"),
)

# ---------------------------------------------------------------- 自评报告
REPORT_SECTIONS: tuple[str, ...] = (
    "一、部门（单位）基本情况",
    "二、一般公共预算支出情况",
    "三、政府性基金预算支出情况",
    "四、国有资本经营预算支出情况",
    "五、社会保险基金预算支出情况",
    "六、部门整体支出绩效情况",
    "七、存在的问题及原因分析",
    "八、下一步改进措施",
    "九、部门整体支出绩效自评结果拟应用和公开情况",
    "十、其他需要说明的情况",
)
REPORT_FIRST_ROW = 4
REPORT_FIELDS: tuple[Field, ...] = (
    Field(
        "xs_report",
        SHEET_REPORT,
        f"B{REPORT_FIRST_ROW}:B{REPORT_FIRST_ROW + len(REPORT_SECTIONS) - 1}",
        _I,
        Fmt.LONGTEXT,
        "报告正文",
    ),
)

# ---------------------------------------------------------------- 校验结果
CHECK_HEADERS = ("序号", "代码", "级别", "工作表", "单元格", "说明")
CHECK_FIRST_ROW = 4
CHECK_MAX_ROWS = 500  # the block a check run clears and rewrites
CHECK_FIELDS: tuple[Field, ...] = (
    Field("xs_check_status", SHEET_CHECKS, "A2", _O, Fmt.TEXT, "校验状态"),
    Field(
        "xs_checks",
        SHEET_CHECKS,
        f"A{CHECK_FIRST_ROW}:F{CHECK_FIRST_ROW + CHECK_MAX_ROWS - 1}",
        _O,
        Fmt.TEXT,
        "校验结果",
    ),
)

FIELDS: tuple[Field, ...] = SELF_FIELDS + BASE_FIELDS + REPORT_FIELDS + CHECK_FIELDS
FIELD_BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}

# Buttons: caption, macro (in macros/Buttons.bas), sheet, top-left cell.
BUTTONS: tuple[tuple[str, str, str, str], ...] = (
    ("计算得分", "xs_calculate", SHEET_SELF, "K2"),
    ("检查", "xs_check", SHEET_SELF, "M2"),
    ("生成报告", "xs_report", SHEET_SELF, "O2"),
    ("定稿导出", "xs_finalize", SHEET_SELF, "O4"),
    ("计算得分", "xs_calculate", SHEET_BASE, "I2"),
    ("检查", "xs_check", SHEET_BASE, "K2"),
    ("检查", "xs_check", SHEET_CHECKS, "H2"),
    ("生成报告", "xs_report", SHEET_REPORT, "D2"),
    ("定稿导出", "xs_finalize", SHEET_REPORT, "F2"),
)

# Budget `Field` → `Budget` attribute.
BUDGET_NAMES: dict[str, str] = {
    "xs_budget_initial": "initial",
    "xs_budget_total": "total",
    "xs_spent": "spent",
    "xs_budget_weight": "weight",
    "xs_income_general": "income_general",
    "xs_income_fund": "income_fund",
    "xs_income_special": "income_special",
    "xs_income_other": "income_other",
    "xs_basic": "basic",
    "xs_project": "project",
}
