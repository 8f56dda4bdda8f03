"""附件1 部门整体支出绩效评价基础数据表: staffing, 三公经费, 项目支出, 公用经费, 楼堂馆所.

References:
    The 岳阳市 2024 附件1 as published in seed 002 (row labels, the three columns
    上年决算数 / 本年预算数 / 本年决算数, the note on 项目支出 and 公用经费).
"""

from __future__ import annotations

from xlsrc.forms.model import (
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
    Text,
)

IN, OUT = Role.INPUT, Role.OUTPUT
KEY = "附件1"
SHEET = "基础数据表"
TITLE = "年度部门整体支出绩效评价基础数据表"  # preceded by the year

FIRST_ROW = 6
MONEY = "单位：万元。"
AREA = "单位：平方米。"
PEOPLE = "人数（整数）。"
# The expense lines, by key; the label is found in column A (clerks may insert a row per 专项).
EXPENSES = Matrix(
    name="xs_expenses",
    field="expense",
    ref="B6:D22",
    label_col="A",
    label="经费控制情况",
    label_style="outline",
    lines=(
        Line("three_public", "三公经费", 0),
        Line("car", "1、公务用车购置和维护经费", 1),
        Line("car_purchase", "其中：公车购置", 2),
        Line("car_running", "公车运行维护", 2),
        Line("abroad", "2、出国经费", 1),
        Line("reception", "3、公务接待", 1),
        Line("project", "项目支出：", 0),
        Line("project_business", "1、业务工作经费", 1),
        Line("project_operation", "2、运行维护经费", 1),
        Line("project_special", "3、市级专项资金（一个专项一行）", 1),
        Line("project_other", "4、其他项目", 1),
        Line("public", "公用经费", 0),
        Line("public_office", "其中：办公经费", 1),
        Line("public_utilities", "水费、电费、差旅费", 1),
        Line("public_meetings", "会议费、培训费", 1),
        Line("procurement", "政府采购金额", 0),
        Line("basic_adjustment", "部门基本支出预算调整", 0),
    ),
    columns=(
        Column("prior_final", "上年决算数", IN, 12, Fmt.MONEY, prompt=MONEY),
        Column("budget", "本年预算数", IN, 12, Fmt.MONEY, prompt=MONEY),
        Column("final", "本年决算数", IN, 12, Fmt.MONEY, prompt=MONEY),
    ),
)
_LAST = FIRST_ROW + len(EXPENSES.lines) - 1
BUILDING_HEAD = _LAST + 1
BUILDING_ROW = _LAST + 2
FRUGALITY_ROW = _LAST + 3
NOTE_ROW = _LAST + 4
SIGN_ROW = _LAST + 5


def _year_label(offset: int, suffix: str) -> Formula:
    """A header that names the year: "2024年预算数", or "本年预算数" before the year is typed."""
    fallback = "上年" if offset else "本年"
    context = "{last_year}" if offset else "{this_year}"
    text = f'=IF(xs_year="","{fallback}",(xs_year-{offset})&"年")&"{suffix}"'
    return Formula(text, context + suffix)


# The 单位负责人 signs by hand: the line ends with the label. Full-width spaces leave room for
# a pen where nothing was typed; a date typed as a date prints as one.
_GAP = "　" * 6
SIGN = Formula(
    f'="填表人："&xs_preparer&"{_GAP}填报日期："&TEXT(xs_fill_date,"yyyy年m月d日")'
    f'&"{_GAP}联系电话："&xs_phone&"{_GAP}单位负责人签字："',
    f"填表人：{{preparer}}{_GAP}填报日期：{{fill_date}}{_GAP}联系电话：{{phone}}{_GAP}单位负责人签字：",
)
FRUGALITY_BUDGET = 300

FORM = Form(
    key=KEY,
    sheet=SHEET,
    title=TITLE,
    official=True,
    filing=10,
    widths={"A": 36, "B": 12, "C": 12, "D": 12, "E": 12, "F": 12, "G": 12},
    heights={2: 30, SIGN_ROW: 30},
    page=Page(f"A1:G{SIGN_ROW}"),
    buttons=(Button("计算得分", "xs_calculate", "I2"), Button("检查", "xs_check", "K2")),
    elements=(
        Text("A1", KEY),
        Text("A2:G2", Formula(f'=xs_year&"{TITLE}"', "{year}" + TITLE), "title"),
        Text("A3", "财政供养人员情况（人）", "head"),
        Text("B3", "编制数", "head"),
        Text("C3", _year_label(0, "实际在职人数"), "head"),
        Text("D3:G3", "控制率", "head"),
        Text("A4", None, "box"),
        Text("A5", "经费控制情况（万元）", "head"),
        Text("B5", _year_label(1, "决算数"), "head"),
        Text("C5", _year_label(0, "预算数"), "head"),
        Text("D5:G5", _year_label(0, "决算数"), "head"),
        # 本年决算数 is printed across D:G.
        *(Text(f"D{FIRST_ROW + i}:G{FIRST_ROW + i}") for i in range(len(EXPENSES.lines))),
        Text(f"A{BUILDING_HEAD}", "楼堂馆所控制情况\n（本年完工项目）", "head"),
        Text(f"B{BUILDING_HEAD}", "批复规模\n（㎡）", "head"),
        Text(f"C{BUILDING_HEAD}", "实际规模\n（㎡）", "head"),
        Text(f"D{BUILDING_HEAD}", "规模控制率", "head"),
        Text(f"E{BUILDING_HEAD}", "预算投资\n（万元）", "head"),
        Text(f"F{BUILDING_HEAD}", "实际投资\n（万元）", "head"),
        Text(f"G{BUILDING_HEAD}", "投资概算\n控制率", "head"),
        Text(f"A{BUILDING_ROW}", None, "box"),
        Text(f"A{FRUGALITY_ROW}", "厉行节约保障措施", "head"),
        Text(
            f"A{NOTE_ROW}:G{NOTE_ROW}",
            "说明：“项目支出”需要填报基本支出以外的所有项目支出情况，"
            "“公用经费”填报基本支出中的一般商品和服务支出。",
            "note",
        ),
        Text(f"A{SIGN_ROW}:G{SIGN_ROW}", SIGN, props={"valign": "bottom"}),
        Cell(
            "xs_staff_authorized",
            "base.staff_authorized",
            "B4",
            IN,
            Fmt.INTEGER,
            "编制数",
            prompt=PEOPLE,
        ),
        Cell(
            "xs_staff_actual",
            "base.staff_actual",
            "C4",
            IN,
            Fmt.INTEGER,
            "实际在职人数",
            prompt=PEOPLE,
        ),
        Cell("xs_staff_rate", "base.staff_rate", "D4", OUT, Fmt.PERCENT, "控制率", span="D4:G4"),
        EXPENSES,
        Cell(
            "xs_building_plan",
            "base.building_plan",
            f"B{BUILDING_ROW}",
            IN,
            Fmt.MONEY,
            "批复规模",
            prompt=AREA,
        ),
        Cell(
            "xs_building_actual",
            "base.building_actual",
            f"C{BUILDING_ROW}",
            IN,
            Fmt.MONEY,
            "实际规模",
            prompt=AREA,
        ),
        Cell(
            "xs_building_rate",
            "base.building_rate",
            f"D{BUILDING_ROW}",
            OUT,
            Fmt.PERCENT,
            "规模控制率",
        ),
        Cell(
            "xs_invest_plan",
            "base.invest_plan",
            f"E{BUILDING_ROW}",
            IN,
            Fmt.MONEY,
            "预算投资",
            prompt=MONEY,
        ),
        Cell(
            "xs_invest_actual",
            "base.invest_actual",
            f"F{BUILDING_ROW}",
            IN,
            Fmt.MONEY,
            "实际投资",
            prompt=MONEY,
        ),
        Cell(
            "xs_invest_rate",
            "base.invest_rate",
            f"G{BUILDING_ROW}",
            OUT,
            Fmt.PERCENT,
            "投资概算控制率",
        ),
        Cell(
            "xs_frugality",
            "base.frugality",
            f"B{FRUGALITY_ROW}",
            IN,
            Fmt.LONGTEXT,
            "厉行节约保障措施",
            span=f"B{FRUGALITY_ROW}:G{FRUGALITY_ROW}",
            prompt=f"可填写约 {FRUGALITY_BUDGET} 字；更长时本表打印不全，定稿导出时会自动加高。",
            budget=FRUGALITY_BUDGET,
        ),
    ),
)
