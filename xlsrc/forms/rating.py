"""附件4-1 部门整体支出绩效评价评分表 (the 2021 format): 投入 / 过程 / 产出 / 效果, 100 points.

References:
    The 岳阳市 2021 附件4-1 as published in seed 003 (rows, criteria, points);
    docs/rules.md §3 for how each rule-based row is scored.
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
    Formula,
    Line,
    Matrix,
    Page,
    Role,
    Text,
    column_sum,
)

KEY = "附件4-1"
SHEET = "评价评分表"
TITLE = "部门整体支出绩效评价评分表"
HEADERS = ("一级指标", "二级指标", "三级指标", "评分标准", "分值", "自评得分", "扣分原因和其他说明")

# Rows: 一级指标, 二级指标, 三级指标, 评分标准, 分值; None continues the cell above.
_OUTPUT_CRITERIA = (
    "此项指标根据《中共岳阳市委 岳阳市人民政府 关于做好岳阳市加快推进湖南发展新增长极建设2015年度"
    "综合绩效考评工作的通知》（岳发〔2015〕11号）和《中共岳阳市委 岳阳市人民政府 关于做好2015年度"
    "综合绩效考评工作的补充通知》（岳发〔2015〕19号）附件2第一大项“工作实绩指标”（700分）考核内容设置。\n"
    "部门单位应根据部门实际进行调整，并将其细化成相应的个性化指标。"
)
ROWS: tuple[tuple[str | None, str | None, str, str | None, int | None], ...] = (
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
NOTE = (
    "备注：如部门（单位）根据本部门实际情况修改调整了附件3《部门整体支出绩效评价指标体系（参考样表）》，"
    "须相应修改调整本表中的对应部分。"
)

# The key of each row, in order; the row is found by its 三级指标.
KEYS = (
    "staff_control",
    "three_public_change",
    "key_spending",
    "budget_adjustment",
    "payment_progress",
    "balance",
    "three_public_control",
    "management_rules",
    "compliance",
    "disclosure",
    "procurement",
    "official_card",
    "asset_rules",
    "asset_safety",
    "asset_use",
    "output_xiaokang",
    "output_growth_pole",
    "output_government_report",
    "output_livelihood",
    "output_key_projects",
    "output_other",
    "economic",
    "social",
    "ecological",
    "satisfaction",
)
FIRST_ROW = 5
CRITERIA = Criteria(FIRST_ROW, ROWS, left_aligned="D")
TOTAL_ROW = CRITERIA.last_row + 1
BASIS_PROMPT = (
    "按本行评分标准填写：比率写百分比（如 96%，有数据的行可留空自动计算）；"
    "未按进度下达的专项、不符合要求的例数写个数，没有写“无”；"
    "按项计分的行写不符合的项号（如“②”），全部符合写“无”；产出、效果各行写评定的得分。"
)
SCORES = Matrix(
    name="xs_rating",
    field="rating",
    ref=f"F{FIRST_ROW}:K{CRITERIA.last_row}",
    label_col="C",
    label="自评得分",
    draw_labels=False,
    lines=tuple(Line(key, row[2]) for key, row in zip(KEYS, ROWS, strict=True)),
    columns=(
        Column("score", "自评得分", Role.OUTPUT, 8, Fmt.SCORE),
        Column("reason", "扣分原因和其他说明", Role.OUTPUT, 30),
        Column("basis", "评分依据", Role.INPUT, 14, printed=False, prompt=BASIS_PROMPT),
        Column(
            "manual",
            "人工评分",
            Role.INPUT,
            9,
            Fmt.SCORE,
            printed=False,
            prompt="需要调整按规则计算的得分时填写，并在“调整理由”中写明原因。",
        ),
        Column("note", "调整理由", Role.INPUT, 18, printed=False, prompt="填写了人工评分时必填。"),
        Column("measured", "计算过程", Role.OUTPUT, 36, printed=False),
    ),
)
# The 总分 as 计算得分 writes it (a formula's cached sum would print 0 until recalculated);
# the 等次 beside the printed form.
TOTAL = Cell(
    "xs_rating_total", "rating_form.total", f"F{TOTAL_ROW}", Role.OUTPUT, Fmt.SCORE, "总分"
)
GRADE = Cell("xs_rating_grade", "rating_form.grade", f"K{TOTAL_ROW}", Role.OUTPUT, Fmt.TEXT, "等次")

FORM = Form(
    key=KEY,
    sheet=SHEET,
    title=TITLE,
    official=True,
    filing=41,
    widths={
        "A": 9,
        "B": 10,
        "C": 16,
        "D": 50,
        "E": 6,
        **{col_letter(5 + i): c.width for i, c in enumerate(SCORES.columns)},
    },
    heights={2: 30},
    buttons=(Button("计算得分", "xs_calculate", "I2"), Button("检查", "xs_check", "K2")),
    page=Page(
        f"A1:G{TOTAL_ROW + 1}",
        repeat_rows=(FIRST_ROW - 1, FIRST_ROW - 1),
        freeze=f"A{FIRST_ROW}",
    ),
    elements=(
        Text("A1", KEY),
        Text("A2:G2", TITLE, "title"),
        Text("A3:G3", Formula('="单位："&xs_unit', "单位：{unit}")),
        *(Text(f"{col_letter(i)}{FIRST_ROW - 1}", h, "head") for i, h in enumerate(HEADERS)),
        *(
            Text(f"{col_letter(5 + i)}{FIRST_ROW - 1}", c.header, "head")
            for i, c in enumerate(SCORES.columns)
            if not c.printed
        ),
        CRITERIA,
        SCORES,
        Text(f"A{TOTAL_ROW}:D{TOTAL_ROW}", "总  分", "label", {"bold": True}),
        Text(f"E{TOTAL_ROW}", column_sum("E", FIRST_ROW, CRITERIA.last_row), "label"),
        Text(f"G{TOTAL_ROW}", None, "box"),
        Text(f"A{TOTAL_ROW + 1}:G{TOTAL_ROW + 1}", NOTE, "note"),
        Text(f"J{TOTAL_ROW}", "等次", props={"align": "right"}),
        TOTAL,
        GRADE,
    ),
)
