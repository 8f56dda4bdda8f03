"""Workbooks laid out like published 自评表 forms, not made with the template.

Each layout is modelled on a published form (sources in tests/data/audit_sources.md): the
seeds' 附件2/附件1 as printed, and the variations real forms show. A sheet is written as a
clerk's Excel would hold it: merged cells, numbers typed as numbers, percentages as numbers
with a percent format, dates as dates. `.xls` and `.ods` copies are made by LibreOffice.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import lo

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "workbook" / "examples" / "data"


class Percent(float):
    """A number the clerk typed as a percentage: written with a percent format."""


@dataclass
class Sheet:
    """Rows of values (None blank), merges as "A1:C1", percent/date cells by their value type."""

    name: str
    rows: list[list[object]] = field(default_factory=list)
    merges: list[str] = field(default_factory=list)

    def add(self, *values: object, merge: Sequence[str] = ()) -> int:
        """Append a row; `merge` ranges use "{r}" for this row's number. Returns the row (1-based)."""
        self.rows.append(list(values))
        r = len(self.rows)
        self.merges += [m.format(r=r) for m in merge]
        return r


def write_xlsx(sheets: Sequence[Sheet], path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    wb = Workbook()
    wb.remove(wb.active)
    for sheet in sheets:
        ws = wb.create_sheet(sheet.name)
        for r, line in enumerate(sheet.rows, start=1):
            for c, value in enumerate(line, start=1):
                if value is None:
                    continue
                cell = ws.cell(r, c)
                cell.value = float(value) if isinstance(value, Percent) else value
                if isinstance(value, str):
                    cell.data_type = "s"
                    cell.alignment = Alignment(wrap_text=True)
                if isinstance(value, Percent):
                    cell.number_format = "0.00%"
                elif isinstance(value, dt.date):
                    cell.number_format = "yyyy/m/d"
        for m in sheet.merges:
            ws.merge_cells(m)
    wb.save(path)
    return path


def convert(sources: Sequence[Path], suffix: str, outdir: Path, profile: Path) -> list[Path]:
    """LibreOffice's own save of each file as .xls or .ods (what a WPS/LibreOffice clerk sends)."""
    filters = {".xls": "xls:MS Excel 97", ".ods": "ods"}
    return lo.convert_to(list(sources), outdir, profile, filters[suffix], suffix)


# ------------------------------------------------------------------ the seeds' 附件2 as printed


def seed(name: str) -> dict:
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


# The indicator block's headers as the official form prints them.
HEADERS = (
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
)


def goals(s: Sheet, expected: object, actual: object, last: str = "I") -> int:
    """The 年度总体目标 header and its row, 预期目标 in B:E and 实际完成情况 in F:last."""
    spans = ["B{r}:E{r}", "F{r}:" + last + "{r}"]
    head = s.add("年度总体目标", "预期目标", None, None, None, "实际完成情况", merge=spans)
    s.add(None, expected, None, None, None, actual, merge=spans)
    return head


def seed_self_eval(name: str) -> Sheet:
    """A seed's 附件2 laid out as it was published (seed text): A side labels, B..I the form.

    The budget row's 执行率 and 得分 and every row's 得分 are the published ones.
    """
    d = seed(name)
    cells, pub = d["cells"], d["published"]
    s = Sheet("附件2")
    s.add("附件2")
    s.add(f"{cells['self.year']}年度部门整体支出绩效自评表", merge=["A{r}:I{r}"])
    s.add("市级预算部门名称", None, cells["self.unit"], merge=["A{r}:B{r}", "C{r}:I{r}"])
    s.add(
        "年度预\n算申请\n（万元）",
        None,
        "年初预算数",
        "全年预算数",
        "全年执行数",
        "分值",
        "执行率",
        "得分",
        merge=["H{r}:I{r}"],
    )
    first = s.add(
        None,
        "年度资金总额",
        cells["budget.initial"],
        cells["budget.total"],
        cells["budget.spent"],
        cells["budget.weight"],
        pub["rate"],
        float(pub["budget_score"]),
        merge=["H{r}:I{r}"],
    )
    s.add(
        None, "按收入性质分：", None, None, None, "按支出性质分：", merge=["B{r}:E{r}", "F{r}:I{r}"]
    )

    def money(key: str) -> str:
        v = cells.get(key)
        return "" if v is None else f"{v}"

    s.add(
        None,
        f"  其中：  一般公共预算：{money('budget.income_general')}",
        None,
        None,
        None,
        f"其中：基本支出：{money('budget.basic')}",
        merge=["B{r}:E{r}", "F{r}:I{r}"],
    )
    s.add(
        None,
        f"政府性基金拨款：{money('budget.income_fund')}",
        None,
        None,
        None,
        f"项目支出：{money('budget.project')}",
        merge=["B{r}:E{r}", "F{r}:I{r}"],
    )
    s.add(None, "纳入专户管理的非税收入拨款：", merge=["B{r}:E{r}", "F{r}:I{r}"])
    last = s.add(
        None, f"其他资金：{money('budget.income_other')}", merge=["B{r}:E{r}", "F{r}:I{r}"]
    )
    s.merges.append(f"A{first - 1}:A{last}")
    goal = goals(s, cells.get("goal.expected"), cells.get("goal.actual"), "I")
    s.merges.append(f"A{goal}:A{goal + 1}")
    head = s.add(
        "绩\n效\n指\n标",
        *HEADERS,
    )
    for row in d["tables"]["indicator"]:
        s.add(
            None,
            row["level1"] or None,
            row["level2"] or None,
            row["level3"],
            row["target"],
            row["actual"],
            row["weight"],
            _score(row["published_score"]),
            row["deviation"] or "　",
        )
    end = len(s.rows)
    s.merges.append(f"A{head}:A{end}")
    s.add("总分", None, None, None, None, None, 100, _score(pub["total"]), merge=["A{r}:F{r}"])
    s.add("填表人：", None, "填报日期：", None, "联系电话：", None, "单位负责人签字：")
    return s


def _score(text: str) -> float | int:
    number = float(text)
    return int(number) if number.is_integer() else number


def seed002_base() -> Sheet:
    """Seed 002's 附件1 as published: staffing, the expense lines, 厉行节约."""
    d = seed("seed002")
    cells = d["cells"]
    s = Sheet("附件1")
    s.add("附件1")
    s.add("2024年度部门整体支出绩效评价基础数据表", merge=["A{r}:D{r}"])
    s.add("财政供养人员情况（人）", "编制数", "2024年实际在职人数", "控制率")
    s.add(None, cells["base.staff_authorized"], cells["base.staff_actual"], "87.5%　")
    s.add("经费控制情况（万元）", "2023年决算数", "2024年预算数", "2024年决算数")
    labels = {
        "three_public": "三公经费",
        "car": "   1、公务用车购置和维护经费",
        "car_purchase": "       其中：公车购置",
        "car_running": "             公车运行维护",
        "abroad": "   2、出国经费",
        "reception": "   3、公务接待",
        "project": "项目支出：",
        "project_business": "    1、业务工作经费",
        "project_operation": "    2、运行维护经费",
        "project_special": "3、市级专项资金（一个专项一行）",
        "project_other": "4.招商引资",
        "public": "公用经费",
        "public_office": "    其中：办公经费",
        "public_utilities": "          水费、电费、差旅费",
        "public_meetings": "          会议费、培训费",
        "procurement": "政府采购金额",
        "basic_adjustment": "部门基本支出预算调整 ",
    }
    lines = d["matrices"]["expense"]
    for key, label in labels.items():
        v = lines.get(key, {})
        s.add(label, v.get("prior_final"), v.get("budget"), v.get("final"))
    s.add(
        "楼堂馆所控制情况\n（2024年完工项目）", "批复规模\n（㎡）", "实际规模（㎡）", "规模控制率"
    )
    s.add("厉行节约保障措施", cells["base.frugality"], merge=["B{r}:D{r}"])
    return s


# ------------------------------------------------------------------ layouts of other published forms
#
# Each returns the sheets and what an audit must find: {code: [row of the indicator block or
# None for the form]} (indicator rows counted from 0, in reading order).


def langfang_reordered() -> list[Sheet]:
    """廊坊 2019 项目支出绩效自评表: 年度\\n指标值 headers; here 分值 stands before the target,
    headers carry stray and full-width spaces, 执行率 86% (typed as a percentage) is scored
    9 of 10 where the rule gives 8.62, and a 数量 row 37.24 of 43.2 is scored 9 (rule 8.6)."""
    s = Sheet("Sheet1")
    s.add("附件1")
    s.add("项目支出绩效自评表", merge=["A{r}:I{r}"])
    s.add("（2019年度）", merge=["A{r}:I{r}"])
    s.add("项目名称", None, "办公宿舍楼、食堂及餐厅暖通改造经费", merge=["C{r}:I{r}"])
    s.add("主管部门", None, "某市发改委", None, None, "实施单位", "某市食品工程学校")
    s.add(
        "项目资金\n（万元）",
        None,
        "年初\n预算数",
        "全年\n预算数",
        "全年\n执行数",
        "分值",
        "执行率",
        "得分",
    )
    s.add(None, "年度资金总额", 43.2, 43.2, 37.24, 10, Percent(0.862), 9)
    s.add(None, "其中：当年财政拨款", 43.2, 43.2, 37.24)
    s.add(None, "上年结转资金")
    s.add(None, "其他资金")
    goals(s, "完成暖通改造", "已完工，尾款未付", "I")
    s.add(
        "绩效指标",
        "一级 指标",
        "二级　指标",
        "三级 指标",
        "分　值",
        "年度\n指标值",
        "实际\n完成值",
        "得分（分）",
        "偏差原因分析及改进措施",
    )
    rows = [
        (
            "产出指标\n（50分）",
            "数量指标",
            "指标1：工程资金金额（万元）",
            10,
            "≥43.2万元",
            "37.24万元",
            9,
            "已完工，剩余3%尾款未付，且最高限价低于预算金额。提高预算准确度。",
        ),
        (None, None, "指标2", None, None, None, None, None),
        (None, "质量指标", "指标1：工程完工率", 10, "100%", "100%", 10, None),
        (None, None, "指标2：工程验收合格率", 10, "100%", Percent(1), 10, None),
        (None, "时效指标", "指标1：项目完成及时率", 10, "100%", "100%", 10, None),
        (None, "成本指标", "指标1：成本控制率", 10, "≤100%", "100%", 10, None),
        (None, None, "……", None, None, None, None, None),
        (
            "效益指标\n（30分）",
            "社会效益指标",
            "指标1：学校发展能力",
            15,
            "定性",
            "明显提升",
            15,
            None,
        ),
        (None, "可持续影响指标", "指标1：长期使用性", 15, "≥10年", "10年", 15, None),
        (
            "满意度指标\n（10分）",
            "服务对象满意度指标",
            "指标1：学生满意度",
            10,
            "≥90%",
            Percent(0.95),
            10,
            None,
        ),
    ]
    for row in rows:
        s.add(None, *row)
    s.add("总分", None, None, None, 100, None, None, 98)
    return [s]


LANGFANG_EXPECT = {"E191": [None], "E190": [0], "E194": [None]}


def split_columns() -> list[Sheet]:
    """指标性质 / 指标值 / 度量单位 under one merged 年度指标值, the budget row weighted 20 and the
    绩效指标 80, as several provinces print the form; all scores follow the rules."""
    s = Sheet("绩效自评表")
    s.add("2023年度部门整体支出绩效自评表", merge=["A{r}:K{r}"])
    s.add("部门（单位）名称：某县农业农村局", merge=["A{r}:K{r}"])
    s.add(None, None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
    s.add("预算执行", "年度资金总额", 1200, 1250.5, 1239.3, 20, Percent(0.991), 19.82)
    goals(s, "保障粮食生产", "完成", "K")
    s.add(
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        None,
        None,
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
        merge=["D{r}:F{r}"],
    )
    s.add(None, None, None, "指标性质", "指标值", "度量单位")
    for c in "ABCGHIJ":
        s.merges.append(f"{c}7:{c}8")
    rows = [
        ("产出指标", "数量指标", "高标准农田建设面积", "≥", 2, "万亩", 2.1, 20, 20, None),
        (None, "质量指标", "农产品抽检合格率", "大于等于", 98, "%", 98.5, 20, 20, None),
        (None, "时效指标", "项目完工时间", "定性", "按时完成", None, "按时完成", 10, 10, None),
        (
            "效益指标",
            "经济效益指标",
            "带动农户增收",
            "≥",
            500,
            "万元",
            450,
            20,
            18,
            "受市场价格影响，下年加强产销对接",
        ),
        (
            "满意度指标",
            "服务对象满意度指标",
            "农户满意度",
            "≥",
            95,
            "%",
            Percent(0.96),
            10,
            10,
            None,
        ),
    ]
    for row in rows:
        s.add(*row)
    s.add("总分", None, None, None, None, None, None, 100, 97.82)
    return [s]


SPLIT_EXPECT: dict[str, list[int | None]] = {}


def budget_twice() -> list[Sheet]:
    """A 预算执行率 row among the indicators while the budget row scores it already: weights 110."""
    s = Sheet("自评表")
    s.add("2024年度部门整体支出绩效自评表", merge=["A{r}:I{r}"])
    s.add("市级预算部门名称", None, "某市文化旅游局", merge=["C{r}:I{r}"])
    s.add("年度预算申请", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
    s.add(None, "年度资金总额", 500, 520, 520, 10, "100%", 10)
    s.add(
        None,
        None,
        *HEADERS,
    )
    rows = [
        ("产出指标", "数量指标", "举办文化活动场次", "≥50场", "52场", 30, 30, None),
        (None, "成本指标", "预算执行率", "≥95%", "100%", 10, 10, None),
        (None, "时效指标", "活动按时举办", "2024年12月31日前", "2024年11月30日", 20, 20, None),
        ("效益指标", "社会效益指标", "群众参与人次", "≥10万人次", "12万人次", 30, 30, None),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "95%", 10, 10, None),
    ]
    for row in rows:
        s.add(None, None, *row)
    s.add("总分", None, None, None, None, None, None, 110, 110)
    return [s]


BUDGET_TWICE_EXPECT = {"E197": [1], "E120": [None], "E194": [None]}


def wps_totals() -> list[Sheet]:
    """Typed by a clerk in WPS: 执行率 99.10% scored 9 of 10, a met row deducted without a
    reason, rows adding to 93 under a 总分 of 94, a date typed as a date, blank rows left in
    the block, headers named 指标值 / 全年实际值 / 自评得分."""
    s = Sheet("附件2 自评表")
    s.add(None, "2024年度部门整体支出绩效自评表")
    s.add(None, "单位名称：某区市场监督管理局")
    s.add(None, "项目资金", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
    s.add(None, "年度资金总额", 300, 333, 330, 10, Percent(0.991), 9)
    s.add(None, "其中：基本支出", None, None, 280)
    s.add(None, "项目支出", None, None, 50)
    s.add(None)
    s.add(
        None,
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
        "全年实际值",
        "分值",
        "自评得分",
        "偏差原因",
    )
    rows = [
        ("产出指标", "数量指标", "食品抽检批次", "≥3000批次", 3120, 20, 20, None),
        (None, "质量指标", "抽检合格率", "≥95%", Percent(0.98), 15, 14, None),
        (None, None, None, None, None, None, None, None),
        (None, "时效指标", "投诉处理时限", "2024年12月31日前", dt.date(2024, 12, 20), 15, 15, None),
        ("效益指标", "社会效益指标", "食品安全事故", "≤0起", "0起", 30, 30, None),
        (None, None, None, None, None, None, None, None),
        (
            "满意度指标",
            "服务对象满意度指标",
            "群众满意度",
            "≥90%",
            "85%",
            10,
            9.4,
            "宣传不够，下年加强",
        ),
    ]
    for row in rows:
        s.add(None, *row)
    s.add(None, "总分", None, None, None, None, 100, 94)
    return [s]


WPS_EXPECT = {
    "E191": [None],
    "E190": [1],
    "E196": [1],
    "E193": [None],
    "E194": [None],
}


def tianchang_project() -> list[Sheet]:
    """天长市 2022 项目支出绩效自评表: 全年预算数（A）/ 全年执行数（B）/ 执行率（B/A），
    "年度资金总额：" with no 执行率 printed, "指标1：" names, "指标2：" and "……" rows left
    blank, "/" for 生态效益, a 时效 row whose target was written into its name."""
    s = Sheet("Sheet1")
    s.add("项目支出绩效自评表", merge=["A{r}:I{r}"])
    s.add("（2022年度）", merge=["A{r}:I{r}"])
    s.add("项目名称", None, "水旱灾害防御经费", merge=["C{r}:I{r}"])
    s.add("主管部门", None, None, None, "实施单位", None, "天长市水利局")
    s.add(
        "项目资金\n（万元）",
        None,
        "年初预算数",
        "全年预算数（A）",
        "全年执行数（B）",
        "分值",
        "执行率（B/A）",
        "得分",
    )
    s.add(None, "年度资金总额：", 880, 880, 880, 10, None, 10)
    s.add(None, "其中：本年财政拨款", 880, 880, 880, "-", None, "-")
    goals(s, "完成年度防汛工作", "完成年度目标。", "I")
    s.add(
        "年度绩效指标完成情况",
        "一级\n指标",
        *HEADERS[1:],
    )
    rows = [
        ("产出指标\n（50分）", "数量指标", "指标1：完成中型灌区节水改造项目数量", 1, 1, 10, 10),
        (None, None, "指标2：完成农业综合水价改革项目", 1, 1, 10, 10),
        (None, None, "……", None, None, None, None),
        (None, "质量指标", "指标1：工程质量合格", "合格", "合格", 10, 10),
        (None, "时效指标", "指标1：年度资金支付完成率100%", None, None, 10, 10),
        (None, "成本指标", "指标1：资金执行在预算范围内", "≤880万元", "880万元", 10, 10),
        ("效益指标\n（30分）", "经济效益\n指标", "指标1：全市安全度汛", "定性", "安全度汛", 10, 10),
        (None, "社会效益\n指标", "指标1：保护全市人口财产不受损失", "定性", "无损失", 10, 10),
        (None, "生态效益\n指标", "指标1：/", "/", "/", None, None),
        (None, "可持续影\n响指标", "指标1：已建工程良性运行", "定性", "良性运行", 10, 10),
        (
            "满意度指标\n（10分）",
            "服务对象\n满意度指标",
            "指标1：服务对象满意度",
            "90%",
            "100%",
            10,
            10,
        ),
    ]
    for row in rows:
        s.add(None, *row)
    s.add("总分", None, None, None, None, None, 100, 100)
    return [s]


TIANCHANG_EXPECT = {"E101": [4], "E102": [4], "E120": [None], "E195": [None]}
