"""Workbooks laid out like published 自评表 forms, not made with the template.

Each layout is modelled on a published form (sources in tests/data/audit_sources.md): the
seeds' 附件2/附件1 as printed, and the variations real forms show. A sheet is written as a
clerk's Excel would hold it: merged cells, numbers typed as numbers, percentages as numbers
with a percent format, dates as dates. `.xls` and `.ods` copies are made by LibreOffice.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

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
    outdir.mkdir(parents=True, exist_ok=True)
    cmd = [
        "soffice",
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        filters[suffix],
        "--outdir",
        str(outdir),
        *map(str, sources),
    ]
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)
    out = [outdir / (s.stem + suffix) for s in sources]
    missing = [p.name for p in out if not p.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice wrote no {', '.join(missing)}")
    return out


def have_soffice() -> bool:
    return shutil.which("soffice") is not None


# ------------------------------------------------------------------ the seeds' 附件2 as printed


def seed(name: str) -> dict:
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


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
    goal = s.add(
        "年度总体目标",
        "预期目标",
        None,
        None,
        None,
        "实际完成情况　",
        merge=["B{r}:E{r}", "F{r}:I{r}"],
    )
    s.add(
        None,
        cells.get("goal.expected"),
        None,
        None,
        None,
        cells.get("goal.actual"),
        merge=["B{r}:E{r}", "F{r}:I{r}"],
    )
    s.merges.append(f"A{goal}:A{goal + 1}")
    head = s.add(
        "绩\n效\n指\n标",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
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
