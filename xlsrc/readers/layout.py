"""Find the 自评表 and 基础数据表 in any workbook laid out like the official forms, by their labels.

Works on plain grids (a list of rows of cell values per sheet), so the same code serves the
CLI (`xlsrc import`, `xlsrc audit`), the bureau's collection of many files and a Pyodide page.
Labels are compared as the template's own reader compares them (`binding.match_columns`:
NFKC, no spaces, a year or a unit in brackets after the label ignored), whatever their column
order, merged cells (a merged cell's value sits in its first cell) and split columns
(指标性质 / 指标值 / 度量单位).

References:
    The 岳阳市 2024 附件2/附件1 (seeds 000 and 002); the published forms listed in
    tests/data/audit_sources.md (天长市 2022: 全年预算数（A）… 执行率（B/A）, "指标1：" rows
    and "……" placeholders; 廊坊 2019: 年度\\n指标值 headers; split 指标性质/指标值/度量单位
    columns and a budget row weighted 20 with 绩效目标 80, as several provinces print them).

Limitations:
    A .xls or .ods file carries no number formats through the reader: a bare fraction
    (0.98) in 实际完成值 against a percentage target (≥95%) is read as 98% there, while
    .xlsx/.xlsm percentages arrive as text already. Only the first 自评表 found is read.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from xlsrc.binding import label_text, match_columns, match_lines
from xlsrc.domain.values import Empty, NotApplicable, parse_value

Grid = Sequence[Sequence[object]]
Pos = tuple[int, int]  # 0-based (row, column) in a sheet's grid

# Indicator columns by key, each with the header labels published forms use for it (first wins).
INDICATOR_COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("level1", ("一级指标",)),
    ("level2", ("二级指标",)),
    ("level3", ("三级指标", "指标名称", "具体指标")),
    ("nature", ("指标性质", "指标方向")),
    (
        "target",
        ("年度指标值", "年度目标值", "指标值", "目标值", "预期指标值", "计划指标值", "年初目标值"),
    ),
    ("unit", ("度量单位", "计量单位")),
    ("actual", ("实际完成值", "全年实际值", "全年完成值", "实际完成", "实际值", "完成值")),
    ("weight", ("分值", "权重", "标准分")),
    ("score", ("得分", "自评得分", "实际得分", "评分")),
    ("deviation", ("偏差原因分析及改进措施", "偏差原因", "未完成原因", "原因分析", "备注")),
)
# Without these a row is not the indicator block's header. Some forms (湖北 项目自评表) print
# no 分值 column: their rows' weights are then missing, never guessed.
CORE = ("target", "actual", "score")
SPLIT = ("nature", "unit")
TOTAL_LABELS = ("总分", "合计", "总计", "综合得分", "自评总分")
END_LABELS = ("填表人", "单位负责人", "说明", "注：", "注:")
SUBTOTAL = "小计"

# 四川 forms: 年初预算 / 调整后预算数 / 预算执行数 / 预算执行率 / 权重; 银川: 调整预算数（A）.
BUDGET_COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("initial", ("年初预算数", "年初预算")),
    ("total", ("全年预算数", "调整后预算数", "调整预算数", "调整后预算", "预算数")),
    ("spent", ("全年执行数", "预算执行数", "全年执行", "执行数")),
    ("weight", ("分值", "权重")),
    ("rate", ("执行率", "预算执行率")),
    ("score", ("得分",)),
)
# The funds lines under the budget row of a 项目支出绩效自评表, by the field they fill.
PROJECT_FUNDS = (
    ("fiscal", ("当年财政拨款", "财政拨款", "财政资金")),
    ("carried", ("上年结转资金", "上年结转")),
    ("other", ("其他资金",)),
)
# A 项目支出绩效自评表's own fields: label → field.
PROJECT_LABELS = (
    ("project.name", ("项目名称",)),
    ("project.department", ("主管部门及代码", "主管部门")),
    ("project.unit", ("实施单位（盖章）", "实施单位", "项目实施单位")),
)
BUDGET_ROW_LABEL = "年度资金总额"
FUNDS = (
    ("income_general", "一般公共预算"),
    ("income_fund", "政府性基金"),
    ("income_special", "纳入专户管理的非税收入"),
    ("income_other", "其他资金"),
    ("basic", "基本支出"),
    ("project", "项目支出"),
)
UNIT_LABELS = (
    "市级预算部门名称",
    "预算部门名称",
    "部门（单位）名称",
    "部门名称",
    "单位名称",
    "实施单位",
    "项目实施单位",
)
GRADES = ("优", "良", "中", "差")
_YEAR = re.compile(r"(20\d\d)\s*年度?")
_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")

# 指标性质 as published ("≥", "大于等于", "正向") → the sign the value parser reads.
NATURE_SIGNS = (
    ("大于等于", "≥"),
    ("不低于", "≥"),
    ("正向", "≥"),
    ("小于等于", "≤"),
    ("不高于", "≤"),
    ("反向", "≤"),
    ("大于", ">"),
    ("小于", "<"),
    ("等于", "="),
)


@dataclass(frozen=True)
class Row:
    """One indicator row: its raw values by column key and where each was read."""

    values: Mapping[str, object]
    at: Mapping[str, Pos]
    line: int  # the grid row


@dataclass(frozen=True)
class SelfEvalSheet:
    """What was found on a sheet laid out like the 自评表.

    `fields` are the template's field paths ("budget.total", "goal.expected", "self.unit");
    `published` the form's own results ("budget.rate", "budget.score", "form.total",
    "form.weight_total", "form.grade"); `missing` the labels looked for and not found.
    """

    sheet: str
    header_row: int
    columns: Mapping[str, int]
    rows: tuple[Row, ...]
    fields: Mapping[str, object]
    published: Mapping[str, object]
    at: Mapping[str, Pos]
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class BaseDataSheet:
    """What was found on a sheet laid out like the 基础数据表 (附件1)."""

    sheet: str
    fields: Mapping[str, object]
    expenses: Mapping[str, Mapping[str, object]]
    at: Mapping[str, Pos] = field(default_factory=dict)
    missing: tuple[str, ...] = ()


def blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell(grid: Grid, r: int, c: int) -> object:
    """The value at (r, c), None outside the grid (rows are ragged)."""
    if 0 <= r < len(grid) and 0 <= c < len(grid[r]):
        return grid[r][c]
    return None


def _labels(line: Sequence[object]) -> list[str]:
    return [label_text(v) if isinstance(v, str) else "" for v in line]


def find_columns(
    headers: Sequence[object], wanted: Sequence[tuple[str, tuple[str, ...]]]
) -> dict[str, int]:
    """Column key → index in `headers`, each key by the first of its labels that is found.

    `match_columns` compares the labels; a column never falls back to its position here
    (a foreign form's columns are anywhere), so the row is padded to differ in length.
    """
    free: list[object] = [h if isinstance(h, str) else None for h in headers]
    found: dict[str, int] = {}
    for key, aliases in wanted:
        for alias in aliases:
            hit = match_columns([*free, None, None], [alias]).get(0)
            if hit is not None and hit < len(free):
                found[key] = hit
                free[hit] = None
                break
    return found


def _effective_headers(grid: Grid, r: int) -> tuple[list[object], int]:
    """The header labels of row r, with a second header row below merged in; its last row.

    A split 年度指标值 (指标性质 / 指标值 / 度量单位 under one merged cell) puts its labels
    one row down; where that row is blank the upper label stands for the column.
    """
    top = list(grid[r])
    below = list(grid[r + 1]) if r + 1 < len(grid) else []
    if below and find_columns(below, [c for c in INDICATOR_COLUMNS if c[0] in SPLIT]):
        width = max(len(top), len(below))
        merged = [
            cell(grid, r + 1, c) if not blank(cell(grid, r + 1, c)) else cell(grid, r, c)
            for c in range(width)
        ]
        return merged, r + 1
    return top, r


def _header(grid: Grid) -> tuple[int, int, dict[str, int]] | None:
    """(first header row, last header row, columns) of the indicator block, best match first."""
    best: tuple[int, int, int, dict[str, int]] | None = None
    for r in range(len(grid)):
        headers, last = _effective_headers(grid, r)
        columns = find_columns(headers, INDICATOR_COLUMNS)
        if not all(k in columns for k in CORE):
            continue
        if best is None or len(columns) > best[0]:
            best = (len(columns), r, last, columns)
    return None if best is None else best[1:]


def _starts(value: object, labels: Sequence[str]) -> bool:
    text = label_text(value) if isinstance(value, str) else ""
    return any(text.startswith(label_text(x)) for x in labels)


def _contains(value: object, label: str) -> bool:
    return isinstance(value, str) and label_text(label) in label_text(value)


def number_text(value: object) -> str:
    """A number as a clerk would type it: 95.0 → "95", 0.1 → "0.1"."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return "" if value is None else str(value).strip()
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    return format(number.normalize(), "f") if number == number.to_integral() else str(number)


def _date_text(value: dt.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def plain(value: object) -> object:
    """A grid value as the scoring reads it: dates as Chinese dates, blanks as None."""
    if isinstance(value, dt.datetime):
        return _date_text(value.date())
    if isinstance(value, dt.date):
        return _date_text(value)
    if isinstance(value, dt.time) or blank(value):
        return None
    return value


def _nature_sign(value: object) -> str:
    text = label_text(value) if value is not None else ""
    for word, sign in NATURE_SIGNS:
        if text.startswith(word):
            return sign
    return text


def _joined_target(nature: object, value: object, unit: object) -> object:
    """指标性质 + 指标值 + 度量单位 as one 年度指标值: ("≥", 95, "%") → "≥95%"."""
    sign = _nature_sign(nature)
    if sign.startswith("定性"):
        return value if isinstance(value, str) and value.strip() else "定性"
    if blank(value):
        return None
    text = number_text(value)
    unit_text = label_text(unit) if isinstance(unit, str) else ""
    if unit_text and not text.endswith(unit_text):
        text += unit_text
    return sign + text if sign and not _starts(text, [sign]) else text


def _with_unit(actual: object, unit: object) -> object:
    """A bare number under a split layout takes the row's 度量单位: 98 with "%" → "98%"."""
    if isinstance(actual, bool) or not isinstance(actual, (int, float, Decimal)):
        return actual
    unit_text = label_text(unit) if isinstance(unit, str) else ""
    return number_text(actual) + unit_text if unit_text else actual


_PERCENT_TARGET = re.compile(r"(\d+(?:\.\d+)?)%$")


def fraction_as_percent(actual: object, target: object) -> object:
    """A bare fraction against a percentage target, from a file that lost its formats.

    .xls/.ods grids carry no number formats: 98% typed in Excel arrives as 0.98. Against a
    target such as "≥95%" a bare number up to 1.5 can only be that fraction.
    """
    if isinstance(actual, bool) or not isinstance(actual, (int, float)):
        return actual
    m = _PERCENT_TARGET.search(label_text(target)) if isinstance(target, str) else None
    if m and 0 < actual <= 1.5 and Decimal(m.group(1)) > Decimal("1.5"):
        return (
            number_text((Decimal(repr(float(actual))) * 100).normalize()) + "%"
        )  # 99.5, not 99.500
    return actual


def _indicator_rows(
    grid: Grid, first: int, columns: Mapping[str, int], formats_known: bool
) -> tuple[list[Row], int | None]:
    """The indicator rows from `first` down to the 总分 row (its index, None if there is none)."""
    left = min(columns.get("weight", columns["score"]), columns["score"])
    rows: list[Row] = []
    for r in range(first, len(grid)):
        head = [cell(grid, r, c) for c in range(left)]
        if any(_starts(v, TOTAL_LABELS) for v in head):
            return rows, r
        if any(_starts(v, END_LABELS) for v in head):
            return rows, None
        raw = {k: plain(cell(grid, r, c)) for k, c in columns.items()}
        if _unfilled(raw):
            continue
        if any(_contains(v, SUBTOTAL) for v in head):
            continue
        at = dict(columns.items())
        values = dict(raw)
        if "nature" in columns or "unit" in columns:
            values["target"] = _joined_target(raw.get("nature"), raw["target"], raw.get("unit"))
        if not formats_known:
            values["actual"] = fraction_as_percent(values["actual"], values["target"])
        if "unit" in columns:
            values["actual"] = _with_unit(values["actual"], raw.get("unit"))
        rows.append(Row(values, {k: (r, c) for k, c in at.items()}, r))
    return rows, None


def _unfilled(raw: Mapping[str, object]) -> bool:
    """A row of the printed form left as it was: "指标2：", "……", or "/" in every cell.

    Neither 分值 nor 得分, and no 年度指标值 or 实际完成值 beyond a blank or a "/".
    """
    if raw.get("weight") is not None or raw.get("score") is not None:
        return False
    values = (parse_value(raw.get(k)) for k in ("target", "actual", "nature"))
    return all(isinstance(v, (Empty, NotApplicable)) for v in values)


def _right_of(grid: Grid, r: int, c: int, limit: int = 8) -> tuple[object, Pos] | None:
    """The first value right of (r, c) on its row."""
    for j in range(c + 1, c + 1 + limit):
        v = cell(grid, r, j)
        if not blank(v):
            return v, (r, j)
    return None


def _labelled(grid: Grid, rows: range, label: str) -> tuple[object, Pos] | None:
    """The figure written after a label: in the same cell ("一般公共预算：362.83") or right of it."""
    key = label_text(label)
    for r in rows:
        for c, v in enumerate(grid[r] if r < len(grid) else ()):
            if not isinstance(v, str) or key not in label_text(v):
                continue
            rest = label_text(v).split(key, 1)[1].lstrip(":：拨款收入")
            m = _NUMBER.match(rest)
            if m:
                return Decimal(m.group()), (r, c)
            nxt = _right_of(grid, r, c, 3)
            return nxt if nxt and _is_number(nxt[0]) else None
    return None


def _points(value: object) -> object:
    """A total written with its unit, "99.55分", as its number's text; anything else as it is."""
    if isinstance(value, str) and label_text(value).endswith("分"):
        return label_text(value).removesuffix("分")
    return value


def _is_number(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float, Decimal)):
        return True
    return isinstance(value, str) and bool(_NUMBER.fullmatch(label_text(value)))


def _budget(grid: Grid, before: int) -> tuple[dict[str, tuple[object, Pos]], int | None]:
    """The 年度资金总额 row by the header that names the budget (全年 or 年初) and 全年执行数."""
    for r in range(before):
        columns = find_columns(grid[r], BUDGET_COLUMNS)
        if "spent" not in columns or not ("total" in columns or "initial" in columns):
            continue
        budget_col = columns.get("total", columns.get("initial"))
        data = None
        for d in range(r + 1, min(r + 4, before)):
            if any(_contains(v, BUDGET_ROW_LABEL) for v in grid[d]):
                data = d
                break
        if data is None:
            data = next(
                (
                    d
                    for d in range(r + 1, min(r + 4, before))
                    if not blank(cell(grid, d, budget_col))
                ),
                None,
            )
        if data is None:
            return {}, r
        found = {k: (plain(cell(grid, data, c)), (data, c)) for k, c in columns.items()}
        if "weight" not in found:
            stated = _stated_weight(grid[r])
            if stated is not None:
                found["weight"] = (stated[0], (r, stated[1]))
        return found, data
    return {}, None


_STATED_POINTS = re.compile(r"[(（](\d+(?:\.\d+)?)分")


def _stated_weight(header: Sequence[object]) -> tuple[Decimal, int] | None:
    """The budget row's 分值 written into its header: "预算执行情况（万元）（20分）" (湖北)."""
    for c, v in enumerate(header):
        m = _STATED_POINTS.search(label_text(v)) if isinstance(v, str) else None
        if m:
            return Decimal(m.group(1)), c
    return None


def _project_funds(
    grid: Grid, data: int, before: int, columns: Mapping[str, tuple[object, Pos]]
) -> dict[str, tuple[object, Pos]]:
    """项目资金 by source (当年财政拨款 / 上年结转资金 / 其他资金): the lines under the budget row.

    Each figure under the budget row's 年初预算数 / 全年预算数 / 全年执行数 columns; a "—" or
    "/" is no figure. Field names: "project.fiscal_total", "project.other_spent", …
    """
    out: dict[str, tuple[object, Pos]] = {}
    label_end = min(c for _, (_, c) in columns.values())
    for r in range(data + 1, min(data + 6, before)):
        labels = [cell(grid, r, c) for c in range(label_end)]
        for key, names in PROJECT_FUNDS:
            if not any(_contains(v, n) for v in labels for n in names):
                continue
            for column in ("initial", "total", "spent"):
                if column in columns:
                    c = columns[column][1][1]
                    value = plain(cell(grid, r, c))
                    if _is_number(value):
                        out[f"project.{key}_{column}"] = (value, (r, c))
            break
    return out


def _project(grid: Grid, rows: range) -> dict[str, tuple[object, Pos]]:
    """项目名称, 主管部门, 实施单位: the text after the label (in its cell or right of it)."""
    out: dict[str, tuple[object, Pos]] = {}
    for r in rows:
        for c, v in enumerate(grid[r] if r < len(grid) else ()):
            for key, labels in PROJECT_LABELS:
                if key in out or not _starts(v, labels):
                    continue
                text = label_text(v)
                label = next(label_text(x) for x in labels if text.startswith(label_text(x)))
                rest = text[len(label) :].lstrip(":：")
                if rest:
                    out[key] = (rest, (r, c))
                else:
                    nxt = _right_of(grid, r, c, 3)
                    if nxt and not any(_starts(nxt[0], ls) for _, ls in PROJECT_LABELS):
                        out[key] = nxt
                break
    return out


def _unit(grid: Grid, rows: range) -> tuple[object, Pos] | None:
    for r in rows:
        for c, v in enumerate(grid[r] if r < len(grid) else ()):
            if _starts(v, UNIT_LABELS):
                rest = unicodedata.normalize("NFKC", str(v)).partition(":")[2].strip()
                return (rest, (r, c)) if rest else _right_of(grid, r, c)
    return None


def _year(grid: Grid, rows: range) -> tuple[int, Pos] | None:
    for r in rows:
        for c, v in enumerate(grid[r] if r < len(grid) else ()):
            if isinstance(v, str) and ("绩效" in v or "年度" in v):
                m = _YEAR.search(label_text(v))
                if m:
                    return int(m.group(1)), (r, c)
    return None


def _goals(grid: Grid, rows: range) -> dict[str, tuple[object, Pos]]:
    for r in rows:
        cols = find_columns(grid[r], (("expected", ("预期目标",)), ("actual", ("实际完成情况",))))
        if "expected" not in cols:
            continue
        out: dict[str, tuple[object, Pos]] = {}
        for d in range(r + 1, min(r + 4, rows.stop)):
            v = cell(grid, d, cols["expected"])
            if not blank(v):
                out["goal.expected"] = (v, (d, cols["expected"]))
                if "actual" in cols:
                    nxt = _right_of(grid, d, cols["actual"] - 1, 6)
                    if nxt:
                        out["goal.actual"] = nxt
                break
        return out
    return {}


def _total(grid: Grid, r: int, columns: Mapping[str, int]) -> dict[str, tuple[object, Pos]]:
    """分值合计, 总分 and 等次 on the 总分 row: under their columns, else in reading order."""
    out: dict[str, tuple[object, Pos]] = {}
    numbers = [(c, _points(v)) for c, v in enumerate(grid[r]) if _is_number(_points(v))]
    by_col = dict(numbers)
    weight_col = columns.get("weight", -1)
    # A number under the 分值 column is the weights' sum, never the total: a 总分 row whose
    # 得分 is blank states no total (四川 forms print 合计 100 and leave 得分 empty).
    loose = [(c, v) for c, v in numbers if c not in (weight_col, columns["score"])]
    if columns["score"] in by_col:
        out["form.total"] = (by_col[columns["score"]], (r, columns["score"]))
    elif loose:
        out["form.total"] = (loose[-1][1], (r, loose[-1][0]))
    if weight_col in by_col:
        out["form.weight_total"] = (by_col[weight_col], (r, weight_col))
    elif len(numbers) > 1:
        out["form.weight_total"] = (numbers[0][1], (r, numbers[0][0]))
    for c, v in enumerate(grid[r]):
        if isinstance(v, str) and label_text(v) in GRADES:
            out["form.grade"] = (label_text(v), (r, c))
    return out


# The signature line under the form: "填表人：张三　填报日期：2025年3月25日　联系电话：…", in one
# cell or as labels with their values to the right.
SIGN_LABELS = (
    ("sign.preparer", ("填表人", "填报人")),
    ("sign.date", ("填报日期", "填表日期")),
    ("sign.phone", ("联系电话", "联系方式")),
)
_SIGN_ENDS = ("单位负责人", "负责人签字", "审核人")
SIGN_ROWS = 12  # rows below the indicators looked at


def _signatures(grid: Grid, rows: range) -> dict[str, tuple[object, Pos]]:
    """填表人, 填报日期 and 联系电话 as written under the form (blanks left to the pen skipped)."""
    words = [w for _, labels in SIGN_LABELS for w in labels] + list(_SIGN_ENDS)
    out: dict[str, tuple[object, Pos]] = {}
    for r in rows:
        for c, v in enumerate(grid[r] if r < len(grid) else ()):
            if not isinstance(v, str):
                continue
            text = unicodedata.normalize("NFKC", v)
            for key, labels in SIGN_LABELS:
                at = (
                    min((i, w) for w in labels if (i := text.find(w)) >= 0)
                    if any(w in text for w in labels)
                    else None
                )
                if at is None or key in out:
                    continue
                rest = text[at[0] + len(at[1]) :]
                ends = [i for w in words if (i := rest.find(w)) >= 0]
                value = rest[: min(ends)] if ends else rest
                value = value.strip(" :：\u3000_＿（）()签字")
                if value:
                    out[key] = (value, (r, c))
                    continue
                if ends:  # another label follows in the same cell: this one was left blank
                    continue
                nxt = _right_of(grid, r, c, 2)
                if nxt and not (isinstance(nxt[0], str) and any(w in nxt[0] for w in words)):
                    out[key] = (_sign_text(nxt[0]), nxt[1])
    return {k: v for k, v in out.items() if not blank(v[0])}


def _sign_text(value: object) -> object:
    """A date as the long Chinese date, a phone number typed as a number as its digits."""
    value = plain(value)
    return number_text(value) if isinstance(value, (int, float)) else value


# What `missing` names when a part of the form is not found.
MISSING_LABELS = {
    "self.unit": "单位名称",
    "self.year": "年度",
    "budget.initial": "年初预算数",
    "budget.total": "全年预算数",
    "budget.spent": "全年执行数",
    "budget.weight": "预算执行率分值",
    "budget.rate": "执行率",
    "budget.score": "预算执行率得分",
    "goal.expected": "预期目标",
    "goal.actual": "实际完成情况",
    "form.total": "总分",
    "level1": "一级指标",
    "level2": "二级指标",
    "level3": "三级指标",
    "deviation": "偏差原因分析及改进措施",
}
_OUTCOMES = ("budget.rate", "budget.score", "form.total", "form.weight_total", "form.grade")


def read_self_eval(name: str, grid: Grid, formats_known: bool = True) -> SelfEvalSheet | None:
    """The 自评表 on one sheet, or None when the sheet has no indicator header."""
    found = _header(grid)
    if found is None:
        return None
    top, last, columns = found
    rows, total_row = _indicator_rows(grid, last + 1, columns, formats_known)
    placed: dict[str, tuple[object, Pos]] = {}
    budget, budget_row = _budget(grid, top)
    for key, value in budget.items():
        placed[f"budget.{key}"] = value
    head = range(0, top)
    project = _project(grid, head)
    placed.update(project)
    if project and budget_row is not None:
        placed.update(_project_funds(grid, budget_row, top, budget))
    funds_from = (budget_row + 1) if budget_row is not None else 0
    for key, label in FUNDS if not project else ():
        hit = _labelled(grid, range(funds_from, top), label)
        if hit:
            placed[f"budget.{key}"] = hit
    unit = _unit(grid, head)
    if unit:
        placed["self.unit"] = unit
    year = _year(grid, range(0, min(top, 8)))
    if year:
        placed["self.year"] = year
    placed.update(_goals(grid, head))
    if total_row is not None:
        placed.update(_total(grid, total_row, columns))
    below = total_row if total_row is not None else (rows[-1].line + 1 if rows else last + 1)
    placed.update(_signatures(grid, range(below, below + SIGN_ROWS)))
    fields = {k: v for k, (v, _) in placed.items() if k not in _OUTCOMES}
    published = {k: v for k, (v, _) in placed.items() if k in _OUTCOMES}
    at = {k: pos for k, (_, pos) in placed.items()}
    wanted = [k for k in MISSING_LABELS if "." in k and k != "form.weight_total"]
    if "budget.total" not in placed and "budget.initial" in placed:
        wanted.remove("budget.total")  # the 年初预算数 stands in, with a note
    missing = [MISSING_LABELS[k] for k in wanted if k not in placed]
    missing += [
        MISSING_LABELS[k] for k in ("level1", "level2", "level3", "deviation") if k not in columns
    ]
    return SelfEvalSheet(name, top, columns, tuple(rows), fields, published, at, tuple(missing))


def find_self_eval(
    sheets: Sequence[tuple[str, Grid]], formats_known: bool = True
) -> SelfEvalSheet | None:
    """The first sheet laid out like the 自评表 (sheets named 自评表 or 附件2 looked at first)."""
    order = sorted(
        range(len(sheets)),
        key=lambda i: not any(k in sheets[i][0] for k in ("自评表", "附件2")),
    )
    for i in order:
        found = read_self_eval(sheets[i][0], sheets[i][1], formats_known)
        if found is not None:
            return found
    return None


def _segments(grid: Grid, formats_known: bool) -> list[tuple[int, int]]:
    """(first row, end row) of each form on a sheet: forms stacked one below another.

    A form ends with its 总分 row; the next form's header (项目名称, budget, indicator header)
    starts after it. A header repeated without a 总分 row between is the same form's.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    r = 0
    while r < len(grid):
        headers, last = _effective_headers(grid, r)
        columns = find_columns(headers, INDICATOR_COLUMNS)
        if not all(k in columns for k in CORE):
            r += 1
            continue
        _, total_row = _indicator_rows(grid, last + 1, columns, formats_known)
        if total_row is None:  # the last form without a 总分 row
            spans.append((start, len(grid)))
            break
        spans.append((start, total_row + 1))
        start = r = total_row + 1
    if spans:
        spans[-1] = (spans[-1][0], len(grid))
    return spans


def read_self_evals(name: str, grid: Grid, formats_known: bool = True) -> list[SelfEvalSheet]:
    """Every form on one sheet (several 项目支出绩效自评表 printed one below another)."""
    out: list[SelfEvalSheet] = []
    for first, end in _segments(grid, formats_known) or [(0, len(grid))]:
        # Rows outside the form read as blank, so every position stays the sheet's own.
        view: list[Sequence[object]] = [()] * first + list(grid[first:end])
        found = read_self_eval(name, view, formats_known)
        if found is not None:
            out.append(found)
    return out


def find_self_evals(
    sheets: Sequence[tuple[str, Grid]], formats_known: bool = True
) -> list[SelfEvalSheet]:
    """Every form laid out like a 自评表 in a workbook, sheet by sheet, top to bottom."""
    return [f for name, grid in sheets for f in read_self_evals(name, grid, formats_known)]


# 基础数据表: the expense lines by their labels, the three columns by their headers.
EXPENSE_COLUMNS = (
    ("prior_final", ("上年决算数", "上年决算")),
    ("budget", ("本年预算数", "本年预算")),
    ("final", ("本年决算数", "本年决算")),
)
STAFF_COLUMNS = (("staff_authorized", ("编制数",)), ("staff_actual", ("实际在职人数", "在职人数")))


def read_base_data(name: str, grid: Grid, lines: Sequence[tuple[str, str]]) -> BaseDataSheet | None:
    """The 基础数据表 on one sheet: staffing, the expense lines (`lines`: key, label), 厉行节约."""
    head = next(
        (r for r in range(len(grid)) if len(find_columns(grid[r], EXPENSE_COLUMNS)) == 3), None
    )
    if head is None:
        return None
    columns = find_columns(grid[head], EXPENSE_COLUMNS)
    fields: dict[str, object] = {}
    at: dict[str, Pos] = {}
    missing: list[str] = []
    for r in range(head):
        staff = find_columns(grid[r], STAFF_COLUMNS)
        if staff:
            for key, c in staff.items():
                fields[f"base.{key}"] = plain(cell(grid, r + 1, c))
                at[f"base.{key}"] = (r + 1, c)
            break
    else:
        missing.append("编制数")
    label_col = min(columns.values()) - 1
    block = [cell(grid, r, label_col) for r in range(head + 1, len(grid))]
    # Lines below the block (楼堂馆所, 厉行节约) are not expense lines.
    end = next((i for i, v in enumerate(block) if _starts(v, ["楼堂馆所", "厉行节约"])), len(block))
    found = match_lines(block[:end], [label for _, label in lines])
    expenses: dict[str, dict[str, object]] = {}
    for i, (key, label) in enumerate(lines):
        if i not in found:
            missing.append(label)
            continue
        r = head + 1 + found[i]
        expenses[key] = {k: plain(cell(grid, r, c)) for k, c in columns.items()}
        for k, c in columns.items():
            at[f"expense.{key}.{k}"] = (r, c)
    for r in range(head + 1, len(grid)):
        for c, v in enumerate(grid[r]):
            if _starts(v, ["厉行节约"]):
                nxt = _right_of(grid, r, c)
                if nxt:
                    fields["base.frugality"], at["base.frugality"] = nxt
    return BaseDataSheet(name, fields, expenses, at, tuple(missing))


def find_base_data(
    sheets: Sequence[tuple[str, Grid]], lines: Sequence[tuple[str, str]]
) -> BaseDataSheet | None:
    for name, grid in sheets:
        found = read_base_data(name, grid, lines)
        if found is not None:
            return found
    return None
