"""附件5 部门整体支出绩效自评工作考核评分表: how the bureau grades the self-evaluation work.

References:
    The 岳阳市 2024 附件5 as published in seed 002 (criteria, evidence, points).
"""

from __future__ import annotations

from xlsrc.a1 import col_letter
from xlsrc.forms.model import (
    Button,
    Cell,
    Column,
    Criteria,
    Fmt,
    Form,
    Line,
    Matrix,
    Page,
    Role,
    Text,
    column_sum,
)

KEY = "附件5"
SHEET = "考核评分表"
TITLE = "部门整体支出绩效自评工作考核评分表"
HEADERS = ("一级指标", "二级指标", "评分标准", "所需佐证材料", "分值", "预审得分")

# Rows: 一级指标, 二级指标, 评分标准, 所需佐证材料, 分值; None continues the cell above.
ROWS: tuple[tuple[str | None, str, str, str, int], ...] = (
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

# The key of each row, in order; the row is found by its 二级指标.
KEYS = (
    "notice",
    "team",
    "self_check",
    "submission",
    "completeness",
    "self_table",
    "problems",
    "suggestions",
)
FIRST_ROW = 4
CRITERIA = Criteria(FIRST_ROW, ROWS, left_aligned="CD")
TOTAL_ROW = CRITERIA.last_row + 1
JUDGED_PROMPT = (
    "布置工作、单位自查等工作簿看不出的项目，按佐证材料填写预审得分；其他行由“计算得分”预审。"
)
SCORES = Matrix(
    name="xs_review",
    field="review",
    ref=f"F{FIRST_ROW}:H{CRITERIA.last_row}",
    label_col="B",
    label="预审得分",
    draw_labels=False,
    lines=tuple(Line(key, row[1]) for key, row in zip(KEYS, ROWS, strict=True)),
    columns=(
        Column("score", "预审得分", Role.OUTPUT, 9, Fmt.SCORE),
        Column("basis", "预审依据", Role.INPUT, 10, Fmt.SCORE, printed=False, prompt=JUDGED_PROMPT),
        Column("reason", "预审说明", Role.OUTPUT, 48, printed=False),
    ),
)
DATES_ROW = TOTAL_ROW + 2
DATE_PROMPT = "日期，如 2025年6月30日 或 2025-6-30。"
SUBMITTED = Cell(
    "xs_review_submitted",
    "review_date.submitted",
    f"C{DATES_ROW}",
    Role.INPUT,
    Fmt.TEXT,
    "报送日期",
    prompt="向财政局报送自评报告的日期。" + DATE_PROMPT,
)
DEADLINE = Cell(
    "xs_review_deadline",
    "review_date.deadline",
    f"C{DATES_ROW + 1}",
    Role.INPUT,
    Fmt.TEXT,
    "报送截止日期",
    prompt="当年自评通知规定的截止日期；留空按评分规则文件。" + DATE_PROMPT,
)
PRESCORE = Cell(
    "xs_review_total", "review_form.total", f"F{TOTAL_ROW}", Role.OUTPUT, Fmt.SCORE, "预审合计"
)

FORM = Form(
    key=KEY,
    sheet=SHEET,
    title=TITLE,
    official=True,
    filing=50,
    widths={"A": 10, "B": 10, "C": 58, "D": 22, "E": 6, "F": 9, "G": 10, "H": 48},
    heights={2: 30},
    buttons=(Button("计算得分", "xs_calculate", "J2"), Button("检查", "xs_check", "L2")),
    page=Page(
        f"A1:F{TOTAL_ROW}",
        repeat_rows=(FIRST_ROW - 1, FIRST_ROW - 1),
        freeze=f"A{FIRST_ROW}",
    ),
    elements=(
        Text("A1", KEY),
        Text("A2:F2", TITLE, "title"),
        *(Text(f"{col_letter(i)}{FIRST_ROW - 1}", h, "head") for i, h in enumerate(HEADERS)),
        Text(f"G{FIRST_ROW - 1}", "预审依据", "head"),
        Text(f"H{FIRST_ROW - 1}", "预审说明", "head"),
        CRITERIA,
        SCORES,
        Text(f"A{TOTAL_ROW}:D{TOTAL_ROW}", "合计", "label", {"bold": True}),
        Text(f"E{TOTAL_ROW}", column_sum("E", FIRST_ROW, CRITERIA.last_row), "label"),
        # Below the printed form: the dates 提交报告 is pre-scored by.
        Text(f"B{DATES_ROW}", "报送日期", props={"align": "right"}),
        Text(f"B{DATES_ROW + 1}", "报送截止日期", props={"align": "right"}),
        SUBMITTED,
        DEADLINE,
        PRESCORE,
    ),
)
