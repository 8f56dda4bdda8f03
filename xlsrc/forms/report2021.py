"""The 2021 岳阳 部门（单位）整体支出绩效评价自评报告 form: cover, 概况, 收支, 目标, 得分, 评价人员.

References:
    The 岳阳市 2021 form as published in seeds 003 (市口岸办) and 004 (城陵矶新港区企业服务部):
    the cover (部门名称, 预算编码, 评价方式, 评价机构, 报告日期), 一 基本概况, 二 收支情况 (收入,
    支出和结余, 三公经费, 固定资产 tables by 机构), 三 定性/定量目标 and 综合得分/评价等次,
    四 评价人员, the 意见 blocks, and 五 评价报告综述. Its 综合得分 is typed as the department
    wrote it: 检查 compares it with the 评价评分表 (附件4-1) total (docs/rules.md §6).
"""

from __future__ import annotations

from xlsrc.a1 import col_letter
from xlsrc.forms.model import Cell, Column, Fmt, Form, Formula, Page, Role, Table, Text

IN, OUT = Role.INPUT, Role.OUTPUT
KEY = "自评报告（2021）"
SHEET = "自评报告2021"
TITLE = "年度部门（单位）整体支出绩效评价自评报告"  # preceded by the year
MONEY = "单位：万元。第一行填写部门（单位）汇总数，下面各行填写局机关和二级机构。"
INSTITUTION = Column("name", "机构名称", IN, 14, prompt="第一行为部门（单位）汇总。")


def _money(key: str, header: str) -> Column:
    return Column(key, header, IN, 11, Fmt.MONEY, prompt=MONEY)


def _box(name: str, field: str, ref: str, label: str, budget: int, span: str) -> Cell:
    """A long text box of the form: merged, sized for `budget` characters when built."""
    prompt = f"可填写约 {budget} 字；更长时本表打印不全，定稿导出时会自动加高。"
    return Cell(name, field, ref, IN, Fmt.LONGTEXT, label, span, prompt=prompt, budget=budget)


def _line(name: str, field: str, ref: str, label: str, fmt: Fmt = Fmt.TEXT, span: str = "") -> Cell:
    return Cell(name, field, ref, IN, fmt, label, span)


INCOME = Table(
    "xs_r21_income",
    "r21_income",
    17,
    "A",
    4,
    (
        INSTITUTION,
        _money("total", "收入合计"),
        _money("carried", "上年结转"),
        _money("general", "公共财政拨款"),
        _money("fund", "政府基金拨款"),
        _money("special", "纳入专户管理的非税收入拨款"),
        _money("other", "其他收入"),
    ),
    "年度收入情况",
)
SPENDING = Table(
    "xs_r21_spending",
    "r21_spending",
    23,
    "A",
    4,
    (
        INSTITUTION,
        _money("total", "支出合计"),
        _money("basic", "基本支出"),
        _money("personnel", "人员支出"),
        _money("public", "公用支出"),
        _money("project", "项目支出"),
        _money("balance", "当年结余"),
        _money("cumulative", "累计结余"),
    ),
    "年度支出和结余情况",
)
THREE_PUBLIC = Table(
    "xs_r21_three_public",
    "r21_three_public",
    29,
    "A",
    4,
    (
        INSTITUTION,
        _money("total", "三公经费合计"),
        _money("reception", "公务接待费"),
        _money("car_running", "公务用车运维费"),
        _money("car_purchase", "公务用车购置费"),
        _money("abroad", "因公出国费"),
    ),
    "三公经费",
)
ASSETS = Table(
    "xs_r21_assets",
    "r21_assets",
    35,
    "A",
    4,
    (
        INSTITUTION,
        _money("total", "固定资产合计"),
        _money("in_use", "在用固定资产"),
        _money("rented", "出租固定资产"),
        _money("other", "其他"),
    ),
    "固定资产",
)
TARGETS = Table(
    "xs_r21_targets",
    "r21_targets",
    44,
    "A",
    20,
    (
        Column(
            "level1",
            "评价内容",
            IN,
            12,
            choices=("产出目标", "效益目标", "社会公众或服务对象满意度"),
            prompt="产出目标、效益目标或满意度。同一组只在第一行填写。",
        ),
        Column(
            "level2",
            "指标类型",
            IN,
            10,
            prompt="如质量指标、数量指标、时效指标、成本指标、社会效益、经济效益、生态效益。",
        ),
        Column("target", "绩效目标", IN, 30, prompt="年初设定的绩效目标。"),
        Column("actual", "完成情况", IN, 30, prompt="实际完成情况。"),
    ),
    "整体支出绩效定量目标",
)
PEOPLE = Table(
    "xs_r21_people",
    "r21_people",
    67,
    "A",
    4,
    (
        Column("name", "姓  名", IN, 12, prompt="评价组成员姓名；签字栏打印后手签。"),
        Column("title", "职务/职称", IN, 10, prompt="职务或职称。"),
        Column("unit", "单  位", IN, 30, prompt="所在单位或科室。"),
    ),
    "评价人员",
)
SCORE_ROW = 64
SIGN_ROW = 71
SUMMARY_ROW = 76
_GAP = "　" * 20
_DATE = "　" * 24 + "年　　月　　日"
SIGNATURES = (
    f"评价组组长（签字）：\n\n{_DATE}",
    f"部门（单位）意见：\n\n{_GAP}部门（单位）负责人（签章）：\n{_DATE}",
    f"财政部门归口业务科室意见：\n\n{_GAP}财政部门归口业务科室负责人（签章）：\n{_DATE}",
    "填报人（签名）：" + _GAP + "联系电话：",
)
SUMMARY_BUDGET = 1500


def _headed(table: Table) -> tuple[Text, ...]:
    """The table's caption row above its header row."""
    last = col_letter(len(table.columns) - 1)
    caption = table.label + ("（万元）" if table.columns[1].fmt is Fmt.MONEY else "")
    return (Text(f"A{table.header_row - 1}:{last}{table.header_row - 1}", caption, "label"),)


FORM = Form(
    key=KEY,
    sheet=SHEET,
    title=TITLE,
    official=True,
    filing=1,
    widths={"A": 12, "B": 10, "C": 30, "D": 30, "E": 10, "F": 10, "G": 10, "H": 10},
    heights={1: 36, SIGN_ROW: 60, SIGN_ROW + 1: 60, SIGN_ROW + 2: 60, SIGN_ROW + 3: 24},
    page=Page(f"A1:H{SUMMARY_ROW}", breaks=(39, 65)),
    elements=(
        Text("A1:H1", Formula(f'=xs_year&"{TITLE}"', "{year}" + TITLE), "title"),
        Text("A2:B2", "部门（单位）名称", "label"),
        Text("C2:H2", Formula("=xs_unit", "{unit}"), "box"),
        Text("A3:B3", "预 算 编 码", "label"),
        Text("A4:B4", "评价方式", "label"),
        Text("A5:B5", "评价机构", "label"),
        Text("A6:B6", "报告日期", "label"),
        _line("xs_r21_code", "r21.code", "C3", "预算编码", span="C3:H3"),
        _line("xs_r21_method", "r21.method", "C4", "评价方式", span="C4:H4"),
        _line("xs_r21_agency", "r21.agency", "C5", "评价机构", span="C5:H5"),
        _line("xs_r21_date", "r21.date", "C6", "报告日期", span="C6:H6"),
        Text("A8:H8", "一、部门（单位）基本概况", "head"),
        Text("A9", "联系人", "label"),
        Text("E9", "联络电话", "label"),
        Text("A10", "人员编制", "label"),
        Text("E10", "实有人数", "label"),
        Text("A11", "职能职责概述", "label"),
        Text("A12", "年度主要工作内容", "label"),
        Text("A13", "年度部门（单位）总体运行情况及取得的成绩", "label"),
        _line("xs_r21_contact", "r21.contact", "B9", "联系人", span="B9:D9"),
        _line("xs_r21_phone", "r21.phone", "F9", "联络电话", span="F9:H9"),
        _line(
            "xs_r21_staff_authorized",
            "r21.staff_authorized",
            "B10",
            "人员编制",
            Fmt.INTEGER,
            "B10:D10",
        ),
        _line("xs_r21_staff_actual", "r21.staff_actual", "F10", "实有人数", Fmt.INTEGER, "F10:H10"),
        _box("xs_r21_duties", "r21.duties", "B11", "职能职责概述", 400, "B11:H11"),
        _box("xs_r21_work", "r21.work", "B12", "年度主要工作内容", 300, "B12:H12"),
        _box("xs_r21_results", "r21.results", "B13", "总体运行情况及取得的成绩", 500, "B13:H13"),
        Text("A14:H14", "二、部门（单位）收支情况", "head"),
        *_headed(INCOME),
        INCOME,
        *_headed(SPENDING),
        SPENDING,
        *_headed(THREE_PUBLIC),
        THREE_PUBLIC,
        *_headed(ASSETS),
        ASSETS,
        Text("A39:H39", "三、部门（单位）整体支出绩效自评情况", "head"),
        Text("A40:B41", "整体支出绩效定性目标及实施计划完成情况", "label"),
        Text("C40", "预期目标", "head"),
        Text("D40:H40", "实际完成", "head"),
        _box("xs_r21_goal_expected", "r21.goal_expected", "C41", "预期目标", 400, ""),
        _box("xs_r21_goal_actual", "r21.goal_actual", "D41", "实际完成", 400, "D41:H41"),
        *_headed(TARGETS),
        TARGETS,
        Text(f"A{SCORE_ROW}:B{SCORE_ROW}", "绩效自评综合得分", "label"),
        Text(f"D{SCORE_ROW}", "评价等次", "label"),
        Cell(
            "xs_r21_score",
            "r21.score",
            f"C{SCORE_ROW}",
            IN,
            Fmt.SCORE,
            "绩效自评综合得分",
            prompt="填写评价评分表（附件4-1）的总分；检查会核对两者是否一致。",
        ),
        Cell(
            "xs_r21_grade",
            "r21.grade",
            f"E{SCORE_ROW}",
            IN,
            Fmt.TEXT,
            "评价等次",
            span=f"E{SCORE_ROW}:H{SCORE_ROW}",
            prompt="优、良、中、差；检查会按总分核对。",
        ),
        Text(f"A{PEOPLE.header_row - 1}:H{PEOPLE.header_row - 1}", "四、评价人员", "head"),
        Text(f"D{PEOPLE.header_row}:H{PEOPLE.header_row}", "签  字", "head"),
        *(
            Text(f"D{r}:H{r}", None, "box")
            for r in range(PEOPLE.first_row, PEOPLE.first_row + PEOPLE.rows)
        ),
        PEOPLE,
        *(
            Text(f"A{SIGN_ROW + i}:H{SIGN_ROW + i}", text, "box", {"valign": "top"})
            for i, text in enumerate(SIGNATURES)
        ),
        Text(f"A{SUMMARY_ROW - 1}:H{SUMMARY_ROW - 1}", "五、评价报告综述（文字部分）", "head"),
        _box(
            "xs_r21_summary",
            "r21.summary",
            f"A{SUMMARY_ROW}",
            "评价报告综述",
            SUMMARY_BUDGET,
            f"A{SUMMARY_ROW}:H{SUMMARY_ROW}",
        ),
    ),
)
