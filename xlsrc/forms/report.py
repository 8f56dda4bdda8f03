"""自评报告: the report's sections, generated from the data and edited by the clerk.

References:
    The section headings of the 2024 report in seed 002 (一 部门（单位）基本情况 …
    十 其他需要说明的情况).
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

KEY = "自评报告"
SHEET = "自评报告"
TITLE = "部门整体支出绩效自评报告"
FIRST_ROW = 4

# Each section's printed box holds `budget` characters (rows sized for text do not grow when
# text is typed or generated later); the 定稿 sizes every section to its text.
SECTIONS = (
    Line("basic", "一、部门（单位）基本情况", budget=1200),
    Line("general_budget", "二、一般公共预算支出情况", budget=600),
    Line("fund_budget", "三、政府性基金预算支出情况", budget=100),
    Line("capital_budget", "四、国有资本经营预算支出情况", budget=100),
    Line("insurance_budget", "五、社会保险基金预算支出情况", budget=100),
    Line("performance", "六、部门整体支出绩效情况", budget=1200),
    Line("problems", "七、存在的问题及原因分析", budget=800),
    Line("measures", "八、下一步改进措施", budget=800),
    Line("publication", "九、部门整体支出绩效自评结果拟应用和公开情况", budget=200),
    Line("other", "十、其他需要说明的情况", budget=200),
    Line("attachments", "附件", budget=200),
)
LAST_ROW = FIRST_ROW + len(SECTIONS) - 1

TEXT = Matrix(
    name="xs_report",
    field="report",
    ref=f"B{FIRST_ROW}:B{LAST_ROW}",
    label_col="A",
    label="报告正文",
    label_style="section",
    lines=SECTIONS,
    columns=(
        Column(
            "text",
            "正文",
            Role.INPUT,
            90,
            Fmt.LONGTEXT,
            prompt="可由“生成报告”按钮生成；您修改过的段落不会被覆盖。",
        ),
    ),
)
# The text 生成报告 last wrote into each section: a section whose text differs from it
# was edited by the clerk and is not regenerated.
GENERATED = Matrix(
    name="xs_report_generated",
    field="report_generated",
    ref=f"J{FIRST_ROW}:J{LAST_ROW}",
    label_col="A",
    label="上次生成的文本",
    draw_labels=False,
    lines=SECTIONS,
    columns=(Column("text", "上次生成的文本", Role.OUTPUT, 40, Fmt.LONGTEXT),),
)

# What the report needs beyond the two tables, typed once (the unit's 职能 and 机构设置 change
# rarely; 人员经费/公用经费 and the other budgets come from the 部门决算). Below the printed
# report: read by 生成报告, never printed themselves.
FACTS_HEAD = LAST_ROW + 2
FACTS_ROW = FACTS_HEAD + 1
MONEY = "单位：万元，取自部门决算。"
NONE_IS_ZERO = "单位：万元。没有此项支出填 0，报告写“无此项支出”；留空则该节由您填写。"
FUNCTIONS_BUDGET = 1200
FACTS = (
    (
        "unit.functions",
        "单位职能",
        Fmt.LONGTEXT,
        "按“（1）……”分行填写本单位职能。",
        FUNCTIONS_BUDGET,
    ),
    ("unit.structure", "机构设置", Fmt.LONGTEXT, "内设机构、编制和下属单位。", 300),
    ("spend.personnel", "基本支出中人员经费", Fmt.MONEY, MONEY, 0),
    ("spend.public", "基本支出中公用经费", Fmt.MONEY, MONEY, 0),
    ("spend.capital", "国有资本经营预算支出", Fmt.MONEY, NONE_IS_ZERO, 0),
    ("spend.insurance", "社会保险基金预算支出", Fmt.MONEY, NONE_IS_ZERO, 0),
    (
        "unit.assets",
        "资产管理情况",
        Fmt.LONGTEXT,
        "资产管理制度、资产使用情况；留空则报告在此处留出“【请填写：……】”，请改写。",
        400,
    ),
    ("unit.site", "公开网站", Fmt.TEXT, "自评结果公开的网站，如“某某区人民政府门户网站”。", 0),
)
FACT_CELLS = tuple(
    Cell(
        "xs_" + field.replace(".", "_"),
        field,
        f"B{FACTS_ROW + i}",
        Role.INPUT,
        fmt,
        label,
        prompt=prompt if not budget else f"{prompt}可填写约 {budget} 字。",
        budget=budget,
    )
    for i, (field, label, fmt, prompt, budget) in enumerate(FACTS)
)

HEADING = Formula(f'=xs_year&"年度"&xs_unit&"{TITLE}"', "{year}年度{unit}" + TITLE)

FORM = Form(
    key=KEY,
    sheet=SHEET,
    title=TITLE,
    official=True,
    filing=0,
    widths={"A": 24, "B": 90, "J": 40},
    heights={1: 40},
    page=Page(f"A1:B{LAST_ROW}"),
    hidden_columns=("J",),
    buttons=(
        Button("生成报告", "xs_report", "D2"),
        Button("定稿导出", "xs_finalize", "F2"),
        Button("导出Word", "xs_report_docx", "H2"),
    ),
    elements=(
        Text("A1:B1", HEADING, "title", {"text_wrap": True}),
        # Beside the printed report, under the buttons: a note for the clerk, not for the bureau.
        Text("D5:H7", "各部分正文可由“生成报告”按钮生成，生成后可直接修改。", "note"),
        Text(f"A{FIRST_ROW - 1}", "部分", "head"),
        Text(f"B{FIRST_ROW - 1}", "正文", "head"),
        # Every named block has its columns' headers right above it: they are found by them.
        Text(f"J{FIRST_ROW - 1}", GENERATED.columns[0].header, "head"),
        TEXT,
        GENERATED,
        Text(f"A{FACTS_HEAD}", "报告资料", "head"),
        Text(f"B{FACTS_HEAD}", "每年填写一次，供“生成报告”使用（不打印）", "head"),
        *(Text(f"A{FACTS_ROW + i}", label, "label") for i, (_, label, *_) in enumerate(FACTS)),
        *FACT_CELLS,
    ),
)
