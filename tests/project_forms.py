"""Published 项目支出绩效自评表 (project forms) of several provinces, as workbooks.

Each form holds the figures its published page shows (sources in tests/data/audit_sources.md);
nothing the page does not state is filled in. A form is written in the layout it was
published in and in another one (the 年度指标值 split into 指标性质 / 指标值 / 度量单位 under
a merged header, joined into one column, or 分值 moved before the target), the way clerks
retype a form.
"""

from __future__ import annotations

from dataclasses import dataclass

from foreign import Percent, Sheet

from xlsrc.readers.layout import number_text

# (一级, 二级, 三级, 指标性质, 指标值, 度量单位, 实际完成值, 分值, 得分, 偏差原因)
IndicatorRow = tuple[object, object, object, str, object, str, object, object, object, object]

LAYOUTS = ("joined", "split", "weight_first")


@dataclass(frozen=True)
class ProjectForm:
    key: str
    title: str
    year: str
    name: str
    department: str | None
    unit: str | None
    money_headers: tuple[str, ...]  # the budget header, in the published order
    money_label: str  # the budget row's label: 年度资金总额 / 总额
    money: tuple[object, ...]  # the budget row, aligned with money_headers
    funds: tuple[tuple[str, tuple[object, ...]], ...]  # 其中：当年财政拨款 … lines
    goal: tuple[str, str]
    rows: tuple[IndicatorRow, ...]
    total: tuple[object, object, object]  # 分值合计, 总分, 等次 (None where blank)
    published_layout: str
    labels: tuple[str, str, str, str, str] = (
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    )


def target_text(sign: str, value: object, unit: str) -> object:
    """指标性质 + 指标值 + 度量单位 as one 年度指标值 cell ("≧" 735 "人次" → "≧735人次")."""
    if value is None:
        return None
    text = number_text(value)
    return f"{sign}{text}{unit}" if (sign or unit or isinstance(value, str)) else value


def sheet(form: ProjectForm, layout: str) -> Sheet:
    """The form on one sheet in `layout`: "joined", "split" or "weight_first"."""
    target, actual, weight, score, deviation = form.labels
    s = Sheet("项目支出绩效自评表")
    width = {"joined": 9, "split": 11, "weight_first": 9}[layout]
    last = "ABCDEFGHIJK"[width - 1]
    s.add(form.title, merge=[f"A{{r}}:{last}{{r}}"])
    s.add(form.year, merge=[f"A{{r}}:{last}{{r}}"])
    s.add("项目名称", None, form.name, merge=[f"C{{r}}:{last}{{r}}"])
    s.add("主管部门", None, form.department, None, None, "实施单位", form.unit)
    s.add("项目资金\n（万元）", None, *form.money_headers)
    s.add(None, form.money_label, *form.money)
    for label, values in form.funds:
        s.add(None, label, *values)
    s.add("年度总体目标", "预期目标", None, None, None, "实际完成情况", merge=["B{r}:E{r}"])
    s.add(None, form.goal[0], None, None, None, form.goal[1], merge=["B{r}:E{r}"])
    if layout == "split":
        top = s.add(
            "绩效指标",
            "一级指标",
            "二级指标",
            "三级指标",
            target,
            None,
            None,
            actual,
            weight,
            score,
            deviation,
            merge=["E{r}:G{r}"],
        )
        s.add(None, None, None, None, "指标性质", "指标值", "度量单位")
        for c in "ABCDHIJK":
            s.merges.append(f"{c}{top}:{c}{top + 1}")
    elif layout == "weight_first":
        s.add(
            "绩效指标", "一级指标", "二级指标", "三级指标", weight, target, actual, score, deviation
        )
    else:
        s.add(
            "绩效指标", "一级指标", "二级指标", "三级指标", target, actual, weight, score, deviation
        )
    for l1, l2, l3, sign, value, unit, done, w, got, why in form.rows:
        if layout == "split":
            s.add(None, l1, l2, l3, sign or None, value, unit or None, done, w, got, why)
        elif layout == "weight_first":
            s.add(None, l1, l2, l3, w, target_text(sign, value, unit), done, got, why)
        else:
            s.add(None, l1, l2, l3, target_text(sign, value, unit), done, w, got, why)
    weights, total, grade = form.total
    at = {"joined": 6, "split": 8, "weight_first": 4}[layout]
    line: list[object] = ["总分"] + [None] * (width - 1)
    line[at] = weights
    score_at = {"joined": 7, "split": 9, "weight_first": 7}[layout]
    line[score_at] = total
    if grade is not None:
        line[score_at + 1] = grade
    s.add(*line, merge=[f"A{{r}}:{'ABCDEFGHIJK'[at - 1]}{{r}}"])
    return s


# ------------------------------------------------------------------ the published forms

# 云南省临沧市永德县明朗中学 2022 义务教育营养改善计划专项资金 (https://www.yongde.gov.cn/info/3003/116104.htm):
# money in 元; the page prints two figures under 年初预算数 / 全年预算数 / 全年执行数, read
# here as 全年预算数 and 全年执行数 (执行率 100%); 年初预算数 left blank as the page leaves it.
YONGDE = ProjectForm(
    key="yongde",
    title="2022年度项目支出绩效自评表",
    year="部门：临沧市永德县明朗中学",
    name="义务教育营养改善计划专项资金",
    department="永德县教育体育局",
    unit="永德县明朗中学",
    money_headers=("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
    money_label="年度资金总额",
    money=(None, 387664.62, 387664.62, 10, "100%", 10),
    funds=(
        ("其中：当年财政拨款", (None, 387664.62, 387664.62, "—")),
        ("上年结转资金", (None, None, None, "—")),
        ("其他资金", ("—", "—", "—", "—")),
    ),
    goal=(
        "确保每一个学生都能享受到国家政策福利，改善学生体质",
        "确保每一个学生都能享受到国家政策福利，改善学生体质",
    ),
    rows=(
        ("产出指标", "数量指标", "学生受资助人数", "≧", 735, "人次", 735, 10, 10, None),
        (None, "质量指标", "营养改善计划覆盖率", "≧", 100, "%", "100%", 10, 10, None),
        (None, "时效指标", "资金到位及时率", "≧", 100, "%", "100%", 10, 7, None),
        (None, "成本指标", "生均补助标准达标率", "═", 100, "%", "100%", 10, 10, None),
        (
            "效益指标",
            "经济效益指标",
            "减轻贫困学生家庭经济负担",
            "",
            "有效",
            "",
            "有效",
            10,
            10,
            None,
        ),
        (None, "社会效益指标", "政策知晓率", "═", 100, "%", "98%", 10, 9, None),
        (None, "生态效益指标", None, "", None, "", None, None, None, None),
        (None, "可持续影响指标", "促进学校教育事业健康发展", "≧", 100, "%", "100%", 10, 10, None),
        ("满意度指标", "服务对象满意度指标等", "学生满意度", "≧", 95, "%", "100%", 10, 10, None),
        (None, None, "家长满意度", "≧", 95, "%", "100%", 10, 10, None),
    ),
    total=(100, 96, "优"),
    published_layout="split",
)

# 山西省运城市稷山县医疗保障局 2020 建档立卡个人缴费县级配套资金
# (https://keke.chddh.cn/archives/bqg98jldqdz7y2xm7pe6.html, the form's .xlsx as text):
# 65.66 and 65.07 under 全年预算数 / 全年执行数, 执行率 99% scored 9; rows add to 84 + 9 = 93
# under a 总分 of 94.
JISHAN = ProjectForm(
    key="jishan",
    title="稷山县项目支出绩效自评表",
    year="（2020年度）",
    name="建档立卡个人缴费县级配套资金",
    department="稷山县医疗保障局",
    unit="稷山县医疗保险服务中心",
    money_headers=("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
    money_label="年度资金总额",
    money=(None, 65.66, 65.07, 10, "99%", 9),
    funds=(
        ("其中：当年财政拨款", (None, 65.66, 65.07, "—", "99%", "—")),
        ("上年结转资金", (None, None, None, "—", None, "—")),
        ("其他资金", (None, None, None, "—", None, "—")),
    ),
    goal=(
        "提高医疗保障水平，推进因病致贫问题的根本性解决",
        "提高医疗保障水平，推进了因病致贫问题的基本性解决",
    ),
    rows=(
        (
            "产出指标（50分）",
            "数量指标",
            "指标1：全县参合人数",
            "",
            8755,
            "",
            8676,
            15,
            13,
            "建档立卡中有新增死亡人员，导致有偏差",
        ),
        (None, "质量指标", "指标1：资金是否全部纳入医保统筹", "", 100, "%", "100%", 15, 15, None),
        (None, "时效指标", "指标1：资金是否全部及时纳入", "", 100, "%", "100%", 10, 10, None),
        (None, "成本指标", "指标1：配套资金每人每年", "", 75, "元", "75元", 10, 10, None),
        (
            "效益指标（30分）",
            "社会效益指标",
            "指标1：是否解决建档立卡人员看病难贵问题",
            "",
            95,
            "%",
            "95%",
            30,
            27,
            None,
        ),
        (
            "满意度指标（10分）",
            "服务对象满意度指标",
            "指标1：是否满意",
            "",
            95,
            "%",
            "95%",
            10,
            9,
            None,
        ),
    ),
    total=(100, 94, None),
    published_layout="joined",
)

# 四川省德阳市中江县水利局 2022 农业水价综合改革…小型水库水标尺制作安装项目
# (https://chacewang.com/newsdetail/news242266.html): 全年预算数（A）/ 全年执行数（B）/
# 执行率（B/A）, no 年初预算数; 分值 printed before 年度指标值; weights 70/20/10 and the
# budget's 10 add to 110 under a 总分 row of 100 / 100.
ZHONGJIANG = ProjectForm(
    key="zhongjiang",
    title="绩效目标自评表",
    year="（2022年度）",
    name="中江县农业水价综合改革精准补贴和节水奖励项目小型水库水标尺制作安装项目",
    department="中江县水利局",
    unit="中江县水利局",
    money_headers=("全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分"),
    money_label="年度资金总额：",
    money=(20, 20, 10, "100.00%", 10),
    funds=(("其中：本年财政拨款", (20, 20)), ("其他资金", ())),
    goal=(
        "对农村地区供水计量设施设备进行改进，对项目区农业用水计量，为项目区农业生产夯实基础",
        "对项目区农业用水计量，为项目区农业生产夯实基础",
    ),
    rows=(
        ("产出指标（70分）", "数量指标", "安装坡面水标尺", "≥", 266, "米", "≥266米", 10, 10, None),
        (None, None, "水标尺宽度", "≥", 50, "厘米", "≥50厘米", 10, 10, None),
        (None, "质量指标", "项目（工程）验收合格率", "", 100, "%", "100%", 20, 20, None),
        (None, "时效指标", "及时（按期）开工率", "≥", 90, "%", "≥90%", 10, 10, None),
        (None, None, "及时（按期）完工率", "≥", 90, "%", "≥90%", 10, 10, None),
        (None, "成本指标", "项目计划总投资", "", 20, "万元", "20万元", 10, 10, None),
        (
            "效益指标（20分）",
            "社会效益指标",
            "受益脱贫（含监测对象）户人口数",
            "≥",
            1000,
            "人",
            "≥1000人",
            10,
            10,
            None,
        ),
        (None, None, "群众生产生活条件改善状况", "", "显著提升", "", "显著提升", 10, 10, None),
        (
            "满意度指标（10分）",
            "服务对象满意度指标",
            "受益脱贫（含监测对象）户满意度",
            "≥",
            95,
            "%",
            "≥95%",
            10,
            10,
            None,
        ),
    ),
    total=(100, 100, None),
    published_layout="weight_first",
    labels=("年度指标值", "全年实际值", "分值", "得分", "未完成原因及拟采取的改进措施"),
)

# 河北省廊坊市食品工程学校 2019 办公宿舍楼、食堂及餐厅暖通改造经费 (http://www.lfsp.cn/newsinfo/1158053.html),
# the form `foreign.langfang_reordered` retypes with 分值 first: here as published.
LANGFANG = ProjectForm(
    key="langfang",
    title="项目支出绩效自评表",
    year="（2019年度）",
    name="办公宿舍楼、食堂及餐厅暖通改造经费",
    department="某市发改委",
    unit="某市食品工程学校",
    money_headers=("年初\n预算数", "全年\n预算数", "全年\n执行数", "分值", "执行率", "得分"),
    money_label="年度资金总额",
    money=(43.2, 43.2, 37.24, 10, Percent(0.862), 9),
    funds=(
        ("其中：当年财政拨款", (43.2, 43.2, 37.24)),
        ("上年结转资金", ()),
        ("其他资金", ()),
    ),
    goal=("完成暖通改造", "已完工，尾款未付"),
    rows=(
        (
            "产出指标\n（50分）",
            "数量指标",
            "指标1：工程资金金额（万元）",
            "≥",
            43.2,
            "万元",
            "37.24万元",
            10,
            9,
            "已完工，剩余3%尾款未付，且最高限价低于预算金额。提高预算准确度。",
        ),
        (None, None, "指标2", "", None, "", None, None, None, None),
        (None, "质量指标", "指标1：工程完工率", "", 100, "%", "100%", 10, 10, None),
        (None, None, "指标2：工程验收合格率", "", 100, "%", Percent(1), 10, 10, None),
        (None, "时效指标", "指标1：项目完成及时率", "", 100, "%", "100%", 10, 10, None),
        (None, "成本指标", "指标1：成本控制率", "≤", 100, "%", "100%", 10, 10, None),
        (None, None, "……", "", None, "", None, None, None, None),
        (
            "效益指标\n（30分）",
            "社会效益指标",
            "指标1：学校发展能力",
            "",
            "定性",
            "",
            "明显提升",
            15,
            15,
            None,
        ),
        (None, "可持续影响指标", "指标1：长期使用性", "≥", 10, "年", "10年", 15, 15, None),
        (
            "满意度指标\n（10分）",
            "服务对象满意度指标",
            "指标1：学生满意度",
            "≥",
            90,
            "%",
            Percent(0.95),
            10,
            10,
            None,
        ),
    ),
    total=(100, 98, None),
    published_layout="joined",
    labels=("年度\n指标值", "实际\n完成值", "分值", "得分（分）", "偏差原因分析及改进措施"),
)

# 安徽省天长市水利局 2022 水旱灾害防御经费 (search corpus "pages"; 天长市 government site),
# `foreign.tianchang_project` as a project form: 主管部门 blank, 执行率 not printed.
TIANCHANG = ProjectForm(
    key="tianchang",
    title="项目支出绩效自评表",
    year="（2022年度）",
    name="水旱灾害防御经费",
    department=None,
    unit="天长市水利局",
    money_headers=(
        "年初预算数",
        "全年预算数（A）",
        "全年执行数（B）",
        "分值",
        "执行率（B/A）",
        "得分",
    ),
    money_label="年度资金总额：",
    money=(880, 880, 880, 10, None, 10),
    funds=(("其中：本年财政拨款", (880, 880, 880, "-", None, "-")),),
    goal=("完成年度防汛工作", "完成年度目标。"),
    rows=(
        (
            "产出指标\n（50分）",
            "数量指标",
            "指标1：完成中型灌区节水改造项目数量",
            "",
            1,
            "",
            1,
            10,
            10,
            None,
        ),
        (None, None, "指标2：完成农业综合水价改革项目", "", 1, "", 1, 10, 10, None),
        (None, None, "……", "", None, "", None, None, None, None),
        (None, "质量指标", "指标1：工程质量合格", "", "合格", "", "合格", 10, 10, None),
        (None, "时效指标", "指标1：年度资金支付完成率100%", "", None, "", None, 10, 10, None),
        (
            None,
            "成本指标",
            "指标1：资金执行在预算范围内",
            "≤",
            880,
            "万元",
            "880万元",
            10,
            10,
            None,
        ),
        (
            "效益指标\n（30分）",
            "经济效益\n指标",
            "指标1：全市安全度汛",
            "",
            "定性",
            "",
            "安全度汛",
            10,
            10,
            None,
        ),
        (
            None,
            "社会效益\n指标",
            "指标1：保护全市人口财产不受损失",
            "",
            "定性",
            "",
            "无损失",
            10,
            10,
            None,
        ),
        (None, "生态效益\n指标", "指标1：/", "", "/", "", "/", None, None, None),
        (
            None,
            "可持续影\n响指标",
            "指标1：已建工程良性运行",
            "",
            "定性",
            "",
            "良性运行",
            10,
            10,
            None,
        ),
        (
            "满意度指标\n（10分）",
            "服务对象\n满意度指标",
            "指标1：服务对象满意度",
            "",
            90,
            "%",
            "100%",
            10,
            10,
            None,
        ),
    ),
    total=(100, 100, None),
    published_layout="joined",
)

FORMS = {f.key: f for f in (YONGDE, JISHAN, ZHONGJIANG, LANGFANG, TIANCHANG)}


# 湖北省黄石市住房和城乡建设局 2022 黄石市系统化全域海绵城市示范城市的申报工作经费项目自评表
# (http://zjj.huangshi.gov.cn/xxgk_7967/fdzdgknr/czzj/czzxzj/202307/t20230721_1034104.html):
# 预算数（A）/ 执行数（B）/ 执行率（B/A）/ 得分（20分*执行率）, the budget's 20 points stated in
# its header; the indicator block 年初目标值（A）/ 实际完成值（B）/ 得分 has no 分值 column (the
# block's header says 80分 for its eight rows, each scored 10); 总分 written "99.55分".
HUANGSHI_ROWS = (
    (
        "产出指标",
        "数量指标",
        "完成省级宣传片制作;完成实施方案的编制;完成自评估报告",
        "完成1部宣传片,2套方案",
        "完成1部宣传片,2套方案",
        10,
    ),
    (None, "质量指标", "通过专家评审", "通过", "通过", 10),
    (
        None,
        "时效指标",
        "上半年完成宣传片制作;下半年完成实施方案",
        "6月份完成宣传片制作;9月份完成文本;11月完成专家评审",
        "完成",
        10,
    ),
    (
        None,
        "成本指标",
        "省级宣传片制作费、申报文本编制费、自评估报告编制费",
        "200万",
        "195.5万元",
        10,
    ),
    ("效益指标", "经济效益 指标", "统筹海绵城市项目谋划", "统筹海绵城市项目谋划", "完成", 10),
    (None, "社会效益 指标", "指导城市建设", "指导城市建设", "完成", 10),
    (None, "生态效益 指标", "有利于城市生态、韧性发展", "有利于城市生态、韧性发展", "完成", 10),
    ("满意度指标", "满意度指标", "群众满意度", "满意", "完成", 10),
)


def huangshi(layout: str = "published") -> Sheet:
    """The 黄石 form as published, or "score_first": 得分 moved before the targets."""
    s = Sheet("Sheet1")
    s.add("2022年度黄石市系统化全域海绵城市示范城市的申报工作经费项目自评表", merge=["A{r}:G{r}"])
    s.add("项目名称", "黄石市系统化全域海绵城市示范城市的申报工作经费", merge=["B{r}:G{r}"])
    s.add("主管部门", "黄石市住房和城乡建设局", None, "项目实施单位", "黄石市住房和城乡建设局")
    s.add("项目类别", "1、部门预算项目 ☑ 2、市直专项", merge=["B{r}:G{r}"])
    s.add("项目属性", "1、持续性项目 ☑ 2、新增性项目 □", merge=["B{r}:G{r}"])
    s.add("项目类型", "1、常年性项目 □ 2、延续性项目 ☑ 3、一次性项目 □", merge=["B{r}:G{r}"])
    s.add(
        "预算执行情况（万元）\n（20分）",
        "预算数（A）",
        "执行数（B）",
        "执行率（B/A）",
        "得分\n（20分*执行率）",
    )
    s.add("年度财政资金总额", 200, 195.5, "97.75%", 19.55)
    heads = ("一级指标", "二级指标", "三级指标", "年初目标值（A）", "实际完成值（B）", "得分")
    if layout == "score_first":
        s.add("年度绩效目标1\n（80分）", *heads[:3], heads[5], heads[3], heads[4])
        for l1, l2, l3, target, actual, score in HUANGSHI_ROWS:
            s.add(None, l1, l2, l3, score, target, actual)
        s.add("总分", None, None, None, "99.55分", merge=["A{r}:D{r}"])
    else:
        s.add("年度绩效目标1\n（80分）", *heads)
        for row in HUANGSHI_ROWS:
            s.add(None, *row)
        s.add("总分", "99.55分", merge=["B{r}:G{r}"])
    s.add("偏差大或目标未完成原因分析", "2022年12月，第三方咨询单位已编制完成海绵城市自评估报告")
    return s
