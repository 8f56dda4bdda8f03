"""The workbook layout as data: sheets, defined names, input and output cells.

Written once and used by the template builder, the adapters and the tests.
Code reaches every input and output through a defined name (`xs_*`), never a
hard-coded address, so clerks may insert rows inside the blocks.
"""

from __future__ import annotations

import re
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
    Column("weight", "分值", Role.INPUT, 8, Fmt.SCORE),
    Column("score", "得分", Role.OUTPUT, 8, Fmt.SCORE),
    Column("deviation", "偏差原因分析及改进措施", Role.INPUT, 24),
    Column("band", "定性档次", Role.INPUT, 14, printed=False),
    Column("manual", "人工评分", Role.INPUT, 11, Fmt.SCORE, printed=False),
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


def parse_ref(ref: str) -> tuple[int, int, int, int]:
    """ "$B$14:$O$53" or "C3" → (row, col, rows, cols), 1-based; the inverse of col_letter."""
    coords = []
    for part in ref.replace("$", "").split(":"):
        m = re.fullmatch(r"([A-Za-z]+)(\d+)", part)
        if not m:
            raise ValueError(ref)
        letters, digits = m.groups()
        col = 0
        for ch in letters.upper():
            col = col * 26 + ord(ch) - 64
        coords.append((int(digits), col))
    (r1, c1), (r2, c2) = coords[0], coords[-1]
    return min(r1, r2), min(c1, c2), abs(r2 - r1) + 1, abs(c2 - c1) + 1


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
    Field("xs_summary", SHEET_SELF, "L8:M12", _O, Fmt.SCORE, "得分汇总"),
)
# Row labels of xs_summary, in order (the last is the total).
SUMMARY_ROWS = ("预算执行率", "产出指标", "效益指标", "满意度指标", "合计")
SUMMARY_LABEL_COL = "K"
# Ends on row 12 so that it stays clear of the indicator header row (13).
SUMMARY_HEADER_ROW = 7

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
    Field(
        "xs_expenses", SHEET_BASE, f"B{EXPENSE_FIRST_ROW}:D{_E_LAST}", _I, Fmt.MONEY, "经费控制情况"
    ),
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
    # The text 生成报告 last wrote into each section: a section whose text differs from it
    # was edited by the clerk and is not regenerated.
    Field(
        "xs_report_generated",
        SHEET_REPORT,
        f"J{REPORT_FIRST_ROW}:J{REPORT_FIRST_ROW + len(REPORT_SECTIONS) - 1}",
        _O,
        Fmt.LONGTEXT,
        "上次生成的文本",
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

# ---------------------------------------------------------------- presentation
# Static text of the printed forms, used only by the template builder. In the
# tables below, None means "same cell as the row above" (merged when printed).

TITLE_SELF = "年度部门整体支出绩效自评表"  # preceded by the year
TITLE_BASE = "年度部门整体支出绩效评价基础数据表"  # preceded by the year
TITLE_REVIEW = "部门整体支出绩效自评工作考核评分表"
TITLE_RATING = "部门整体支出绩效评价评分表"
TITLE_REPORT = "部门整体支出绩效自评报告"
TITLE_CHECKS = "校验结果"
TITLE_HELP = "部门整体支出绩效自评工作簿 使用说明"

# 一级指标 and 二级指标 dropdown choices on 自评表 (财预〔2020〕10号 indicator framework).
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

# 附件5 rows: 一级指标, 二级指标, 评分标准, 所需佐证材料, 分值 (seed 002).
REVIEW_HEADERS = ("一级指标", "二级指标", "评分标准", "所需佐证材料", "分值", "预审得分")
REVIEW_ROWS: tuple[tuple[str | None, str, str, str, int], ...] = (
    (
        "布置工作\n10分",
        "自评通知\n（8分）",
        "1.印发绩效自评通知的得2分，否则不得分。\n"
        "2.按照本规程规定，绩效自评通知包括自评范围、自评主要依据、自评主要内容、自评程序和步骤、"
        "有关要求等内容，并附有本通知要求的附件的，得6分；否则缺1项扣1分，最多扣6分。",
        "绩效自评通知盖章的电子版",
        8,
    ),
    (
        None,
        "工作小组\n（2分）",
        "成立绩效自评工作小组的得2分，否则不得分。",
        "本部门、本单位预算绩效管理领导小组/绩效评价工作小组有关文件盖章的电子版",
        2,
    ),
    (
        "实施评价\n20分",
        "单位自查\n（10分）",
        "市级预算部门本级和所属单位都要开展绩效自查，转移支付项目单位都要开展绩效自查，"
        "县、区级主管部门都要汇总本区域转移支付情况；以上各项每发现一个单位没有做相应工作的，"
        "扣1分，最多扣10分。",
        "1、转移支付项目单位名称和资金情况清单\n2、有转移支付资金的各县区主管部门汇总情况的盖章PDF版",
        10,
    ),
    (
        None,
        "提交报告\n（10分）",
        "按时向市财政局报送报告的得10分；每推迟一个工作日报送报告的扣1分，最多扣10分。",
        "",
        10,
    ),
    (
        "自评报告\n70分",
        "完整性\n（15分）",
        "1.绩效自评报告正文部分内容齐全的，得8分；否则每少一个部分扣2分，最多扣8分。\n"
        "2.绩效自评报告附件部分内容齐全的，得7分；否则每少一个部分扣2分，最多扣7分。",
        "",
        15,
    ),
    (
        None,
        "绩效\n自评表\n（20分）",
        "1、部门整体支出和项目支出绩效指标反映产出、效益、服务对象满意度方面的指标和预算执行率的"
        "权重符合《岳阳市市级预算部门绩效自评操作规程》要求的，得5分，否则按比例扣除相应的分数。\n"
        "2.部门整体支出和项目支出绩效指标全部细化到三级指标的，得5分；部分细化的，酌情扣分；"
        "没有细化的，不得分。\n"
        "3.部门整体支出和项目支出三级绩效指标内涵明确、具体、可衡量的得5分；突出核心指标，"
        "精简实用的得3分；指标与部门整体支出和项目支出密切相关，全面反映产出和效益的得2分；"
        "否则，每项酌情扣分，最多扣10分。",
        "",
        20,
    ),
    (
        None,
        "反映问\n题情况\n（20分）",
        "从预算和预算绩效管理，部门履职效能，资金分配、使用和管理，资产和财务管理，政府采购等方面"
        "归纳问题、分析原因全面的，得20分；反映问题、分析原因较全面的，得16—18分；反映问题、"
        "分析原因不全面的，得13—15分；问题未归纳且过于简单的，得10—12分；只提出资金不足问题的"
        "不得分；其他情况酌情扣分。",
        "",
        20,
    ),
    (
        None,
        "建议情况\n（15分）",
        "建议与问题对应且全面的得15分，建议比较全面的得12—14分，建议不全面的得9—11分，"
        "建议过于简单的得6—8分，只提出加大资金投入建议的不得分；其他情况酌情扣分。",
        "",
        15,
    ),
)

# 附件4-1 rows: 一级指标, 二级指标, 三级指标, 评分标准, 分值 (seed 003).
RATING_HEADERS = (
    "一级指标",
    "二级指标",
    "三级指标",
    "评分标准",
    "分值",
    "自评得分",
    "扣分原因和其他说明",
)
_OUTPUT_CRITERIA = (
    "此项指标根据《中共岳阳市委 岳阳市人民政府 关于做好岳阳市加快推进湖南发展新增长极建设2015年度"
    "综合绩效考评工作的通知》（岳发〔2015〕11号）和《中共岳阳市委 岳阳市人民政府 关于做好2015年度"
    "综合绩效考评工作的补充通知》（岳发〔2015〕19号）附件2第一大项“工作实绩指标”（700分）考核内容设置。\n"
    "部门单位应根据部门实际进行调整，并将其细化成相应的个性化指标。"
)
RATING_ROWS: tuple[tuple[str | None, str | None, str, str | None, int | None], ...] = (
    (
        "投  入\n（15分）",
        "预算配置\n（15分）",
        "财政供养人员控制率",
        "以100%为标准。在职人员控制率≦100%，计5分；每超过一个百分点扣0.5分，扣完为止。",
        5,
    ),
    (
        None,
        None,
        "“三公经费”变动率",
        "“三公经费”变动率≦0，计5分；“三公经费”＞0，每超过一个百分点扣0.5分，扣完为止。",
        5,
    ),
    (
        None,
        None,
        "重点支出安排率",
        "重点支出安排率≥90%，计5分；80%（含）-90%，计4分；70%（含）-80%，计3分；"
        "60%（含）-70%，计2分；低于60%不得分。",
        5,
    ),
    (
        "过  程\n（40分）",
        "预算执行\n（15分）",
        "预算调整率",
        "预算调整率=0，计3分；0-10%（含），计2分；10-20%（含），计1分；20-30%（含），计0.5分；"
        "大于30%不得分。",
        3,
    ),
    (
        None,
        None,
        "支付进度",
        "春节前下达全部专项资金的50%；6月底前所有专项资金指标全部下达完。\n"
        "每出现一个专项未按进度完成资金下达扣0.5分，扣完为止。",
        3,
    ),
    (
        None,
        None,
        "资金结余",
        "无结余，3分；有结余，但不超过上年结转，2分；结余超过上年结转，不得分。",
        3,
    ),
    (
        None,
        None,
        "“三公经费”控制率",
        "以100%为标准。三公经费控制率≦100%，计6分；每超过一个百分点扣1分，扣完为止。",
        6,
    ),
    (
        None,
        "预算管理\n（15分）",
        "管理制度健全性",
        "①已制定或具有预算资金管理办法，内部财务管理制度、会计核算制度等管理制度，1分；\n"
        "②相关管理制度合法、合规、完整，1分；\n③相关管理制度得到有效执行，1分。",
        3,
    ),
    (
        None,
        None,
        "资金使用合规性",
        "①支出符合国家财经法规和财务管理制度规定以及有关专项资金管理办法的规定；\n"
        "②资金拨付有完整的审批程序和手续；\n③项目支出按规定经过评估论证；\n"
        "④支出符合部门预算批复的用途；\n⑤资金使用无截留、挤占、挪用、虚列支出等情况。\n"
        "以上情况每出现一例不符合要求的扣1分，扣完为止。",
        3,
    ),
    (
        None,
        None,
        "预决算信息公开性和完善性",
        "①按规定内容公开预决算信息，1分；\n②按规定时限公开预决算信息，0.5分；\n"
        "③基础数据信息和会计信息资料真实，0.5分；\n④基础数据信息和会计信息资料完整，0.5分；\n"
        "⑤基础数据信息和汇集信息资料准确，0.5分。",
        3,
    ),
    (
        None,
        None,
        "政府采购执行率",
        "政府采购执行率等于100%的，得3分；每减少一个百分点，扣0.2分，扣完为止。",
        3,
    ),
    (
        None,
        None,
        "公务卡刷卡率",
        "公务卡刷卡率达50％以上的，得3分。每减少一个百分点，扣0.2分，扣完为止。",
        3,
    ),
    (
        None,
        "资产管理\n（10分）",
        "管理制度健全性",
        "①已制定或具有资产管理制度，且相关资产管理制度合法、合规、完整，2分；\n"
        "②相关资产管理制度得到有效执行，1分。",
        3,
    ),
    (
        None,
        None,
        "资产管理安全性",
        "①资产保存完整；\n②资产配置合理；\n③资产处置规范；\n④资产账务管理合规，帐实相符；\n"
        "⑤资产有偿使用及处置收入及时足额上缴；\n以上情况每出现一例不符合有关要求的扣1分，扣完为止。",
        4,
    ),
    (
        None,
        None,
        "固定资产利用率",
        "每低于100%一个百分点扣0.1分，扣完为止。",
        3,
    ),
    (
        "产  出\n（25分）",
        "职责履行\n（25分）",
        "推进全面小康建设指标任务完成情况",
        _OUTPUT_CRITERIA,
        5,
    ),
    (None, None, "建设湖南新增极目标任务完成情况", None, 7),
    (None, None, "《政府工作报告》目标任务完成情况", None, 5),
    (None, None, "省市重点民生实事完成情况", None, 2),
    (None, None, "省市重点工程和重大项目建设完成情况", None, 2),
    (None, None, "其他工作实绩指标完成情况", None, 4),
    (
        "效  果\n（20分）",
        "履职效益\n（20分）",
        "经济效益",
        "此三项指标为设置部门整体支出绩效评价指标时必须考虑的共性要素。\n"
        "部门单位应根据部门实际并结合部门整体支出绩效目标设立情况有选择的进行设置，"
        "并将其细化为相应的个性化指标。",
        15,
    ),
    (None, None, "社会效益", None, None),
    (None, None, "生态效益", None, None),
    (
        None,
        None,
        "社会公众或服务对象满意度",
        "95%（含）以上计5分；\n85%（含）-95%，计3分；\n75%（含）-85%，计1分；\n低于75%计0分。",
        5,
    ),
)
RATING_NOTE = (
    "备注：如部门（单位）根据本部门实际情况修改调整了附件3《部门整体支出绩效评价指标体系（参考样表）》，"
    "须相应修改调整本表中的对应部分。"
)

# 使用说明 sheet: (heading, paragraph) pairs; a heading of "" continues the section above.
HELP_SECTIONS: tuple[tuple[str, str], ...] = (
    (
        "一、这个工作簿做什么",
        "本工作簿按岳阳市部门整体支出绩效自评的表样排版：基础数据表（附件1）、自评表（附件2）、"
        "考核评分表（附件5）、评价评分表（附件4-1）和自评报告。填好数据后，按钮会自动计算执行率、"
        "各项得分、总分和等次，检查常见问题，并生成报告正文。每张表按A4纸排版，可直接打印。",
    ),
    (
        "二、填什么",
        "只填浅黄色单元格：单位名称、评价年度、预算数和执行数、资金来源、年度总体目标、"
        "绩效指标（一级/二级/三级指标、年度指标值、实际完成值、分值、偏差原因）、基础数据表中的人员和经费数。"
        "浅蓝色单元格由按钮计算填写，请不要手工修改。绩效指标不够用时，可在指标区域中间插入整行。",
    ),
    (
        "",
        "定性指标（年度指标值写“定性”或文字描述）：在自评表右侧“定性档次”列选择档次，"
        "需要时在“人工评分”列填写档次范围内的分数；人工调整规则得分时，须在“调整理由”列写明理由。",
    ),
    (
        "三、颜色",
        "浅黄色＝需要填写；浅蓝色＝自动计算；橙红色＝检查发现的错误；琥珀色＝检查发现的提醒。"
        "检查结果的完整列表见“校验结果”工作表。",
    ),
    (
        "四、按钮",
        "计算得分：计算执行率、每项指标得分、总分和等次。检查：列出未填、未完成未说明原因、"
        "权重不符等问题。生成报告：根据数据写出自评报告各部分正文，可再修改。"
        "定稿导出：另存一份不含宏的 .xlsx 文件，用于邮件报送（含宏的文件会被邮件系统拦截）。",
    ),
    (
        "五、WPS 或 Linux 用户",
        "WPS 不支持本工作簿的按钮。请在命令行使用 xlsrc 程序对工作簿进行同样的计算、检查和生成报告，"
        "例如：xlsrc calc 文件名.xlsm（计算得分）、xlsrc check 文件名.xlsm（检查）、"
        "xlsrc report 文件名.xlsm（生成报告）、xlsrc finalize 文件名.xlsm（定稿导出）；"
        "运行 xlsrc --help 可查看全部命令。结果写回文件后，用 WPS 打开即可看到。",
    ),
    (
        "六、Windows 电脑上的准备（只需一次）",
        "1. 安装 Python 3.10 或更高版本（安装时勾选“Add Python to PATH”）。\n"
        "2. 在命令提示符中运行：pip install xlsrc（会同时安装 xlwings）。\n"
        "3. 在 Excel 中启用宏：打开文件时点击“启用内容”。从邮件或网络得到的文件，"
        "需在文件属性中勾选“解除锁定”。\n"
        "4. 如果按钮提示找不到 Python，在“xlwings.conf”工作表的 Interpreter_Win 一行的B列"
        "填写 pythonw.exe 的完整路径，例如 C:\\Python312\\pythonw.exe。",
    ),
)

# xlwings.conf sheet: keys from A1 down without gaps, as xlwings.bas GetConfigFromSheet reads them.
# Booleans stay booleans: an empty "Use UDF Server" would break RunPython's Boolean conversion.
XLWINGS_CONF: tuple[tuple[str, str | bool], ...] = (
    ("Interpreter_Win", ""),
    ("Interpreter_Mac", ""),
    ("PYTHONPATH", ""),
    ("Conda Path", ""),
    ("Conda Env", ""),
    ("UDF Modules", "xlsrc.udfs"),
    ("Debug UDFs", False),
    ("Use UDF Server", False),
    ("Show Console", False),
)
XLWINGS_CONF_NOTE = (
    "以上为 xlwings 的设置（键名从A1起连续排列，不要插入空行）。"
    "Interpreter_Win：pythonw.exe 的完整路径，留空则使用系统中的 python。"
)
