"""Use cases the buttons, the CLI and the tests share: calculate and check a workbook.

Each takes a `Port` (a live xlwings Book or an openpyxl file), reads whole
blocks, runs the pure domain, and writes only to output cells, in a number of
writes that does not grow with the number of indicator rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from xlsrc import layout as L
from xlsrc.adapters.base import Area, Grid, Port
from xlsrc.domain import basedata
from xlsrc.domain.findings import Finding, Severity
from xlsrc.domain.numbers import fmt
from xlsrc.domain.rules import Rules
from xlsrc.domain.scoring import Budget, Indicator, Kind
from xlsrc.domain.selfeval import FormResult, SelfEvaluation, score_form
from xlsrc.domain.values import parse_number

INPUT_KEYS = tuple(c.key for c in L.INDICATOR_COLUMNS if c.key in Indicator.__dataclass_fields__)
SEVERITY_COLORS = {Severity.ERROR: L.COLOR_ERROR, Severity.WARNING: L.COLOR_WARNING}


@dataclass(frozen=True)
class Problem:
    """A finding placed on a cell of the workbook."""

    code: str
    severity: Severity
    area: Area
    message: str

    @property
    def sheet(self) -> str:
        return self.area.sheet

    @property
    def cell(self) -> str:
        return self.area.cell()


@dataclass(frozen=True)
class Outcome:
    """What a use case tells the clerk."""

    title: str
    message: str
    total: Decimal | None = None
    grade: str | None = None
    problems: tuple[Problem, ...] = field(default=())

    @property
    def errors(self) -> int:
        return sum(p.severity is Severity.ERROR for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity is Severity.WARNING for p in self.problems)


@dataclass(frozen=True)
class Reading:
    """The inputs read from a workbook, and where each came from."""

    form: SelfEvaluation
    base: basedata.BaseData
    year: int | None
    unit: object
    expenses: Grid
    areas: dict[str, Area]


def _load_rules(rules: Rules | None) -> Rules:
    if rules is not None:
        return rules
    from xlsrc.rules import load_rules

    return load_rules()


def read(port: Port) -> Reading:
    """Read every input of the 自评表 and 基础数据表 in one pass over their names."""
    areas = {f.name: port.area(f.name) for f in L.FIELDS}

    def first(name: str) -> object:
        return port.values(areas[name])[0][0]

    budget = Budget(**{attr: first(name) for name, attr in L.BUDGET_NAMES.items()})
    block = port.values(areas["xs_indicators"])
    keys = [c.key for c in L.INDICATOR_COLUMNS]
    indicators = tuple(
        Indicator(**{k: v for k, v in zip(keys, line, strict=False) if k in INPUT_KEYS})
        for line in block
    )
    expenses = port.values(areas["xs_expenses"])
    base = basedata.BaseData(
        first("xs_staff_authorized"),
        first("xs_staff_actual"),
        first("xs_building_plan"),
        first("xs_building_actual"),
        first("xs_invest_plan"),
        first("xs_invest_actual"),
        project_final=_expense(expenses, "项目支出", 2),
    )
    year_value = parse_number(first("xs_year"))
    year = int(year_value) if isinstance(year_value, Decimal) and 1900 < year_value < 2200 else None
    return Reading(
        SelfEvaluation(budget, indicators), base, year, first("xs_unit"), expenses, areas
    )


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _row_messages(result: FormResult) -> Grid:
    out: Grid = []
    for row in result.rows:
        shown = [f for f in row.findings if f.severity is not Severity.INFO or f.code == "I301"]
        out.append(["；".join(f"【{f.severity.value}】{f.message}" for f in shown) or None])
    return out


def _column_runs(role: L.Role) -> list[tuple[int, int]]:
    """Contiguous (first, count) runs of indicator columns with this role."""
    runs: list[tuple[int, int]] = []
    for i, col in enumerate(L.INDICATOR_COLUMNS):
        if col.role is not role:
            continue
        if runs and runs[-1][0] + runs[-1][1] == i:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((i, 1))
    return runs


def _coalesce(cells: Iterable[tuple[Area, object]]) -> list[tuple[Area, Grid]]:
    """Merge single cells that sit side by side on one row into one write."""
    out: list[tuple[Area, Grid]] = []
    for area, value in sorted(cells, key=lambda c: (c[0].sheet, c[0].row, c[0].col)):
        if out:
            prev, grid = out[-1]
            if (
                prev.sheet == area.sheet
                and prev.row == area.row
                and prev.rows == 1
                and prev.col + prev.cols == area.col
            ):
                out[-1] = (
                    Area(prev.sheet, prev.row, prev.col, 1, prev.cols + 1),
                    [grid[0] + [value]],
                )
                continue
        out.append((area, [[value]]))
    return out


def _write_outputs(port: Port, reading: Reading, result: FormResult, status: str) -> None:
    areas = reading.areas
    derived = basedata.derive(reading.base)
    singles = {
        "xs_exec_rate": _number(result.budget.rate),
        "xs_exec_score": _number(result.budget.score),
        "xs_weight_total": float(result.weight_total),
        "xs_total": float(result.total),
        "xs_grade": result.grade,
        "xs_staff_rate": _number(derived.staff_rate),
        "xs_building_rate": _number(derived.building_rate),
        "xs_invest_rate": _number(derived.invest_rate),
        "xs_status": status,
    }
    for area, grid in _coalesce((areas[name], value) for name, value in singles.items()):
        port.write(area, grid)

    block = areas["xs_indicators"]
    columns: dict[str, list[object]] = {
        "score": [_number(r.score) for r in result.rows],
        "kind": [r.kind.value or None for r in result.rows],
        "rule_score": [
            _number(r.rule_score) if r.kind is not Kind.BLANK else None for r in result.rows
        ],
        "message": [line[0] for line in _row_messages(result)],
    }
    for first, count in _column_runs(L.Role.OUTPUT):
        keys = [L.INDICATOR_COLUMNS[first + k].key for k in range(count)]
        grid = [[columns[k][i] for k in keys] for i in range(block.rows)]
        port.write(block.sub(0, first, block.rows, count), grid)

    by_category = {s.category: s for s in result.subtotals}
    summary: Grid = []
    for label in L.SUMMARY_ROWS[:-1]:
        sub = by_category.get(label)
        summary.append([_number(sub.weight), _number(sub.score)] if sub else [None, None])
    summary.append([float(result.weight_total), float(result.total)])
    port.write(areas["xs_summary"], summary)


def _score(reading: Reading, rules: Rules) -> tuple[FormResult, list[Finding]]:
    result = score_form(reading.form, rules, reading.year)
    extra = basedata.cross_check(reading.base, reading.form.budget.project)
    return result, extra


_BUDGET_FIELD_NAMES = {attr: name for name, attr in L.BUDGET_NAMES.items()} | {
    "rate": "xs_exec_rate"
}
_FORM_FIELD_NAMES = {
    "weight": "xs_weight_total",
    "basic": "xs_basic",
    "income_general": "xs_income_general",
    "project": "xs_project",
}


def _attr(f: Finding) -> str:
    return "weight" if f.field == "form.weight_total" else f.field.split(".")[-1]


def locate(reading: Reading, result: FormResult, extra: Sequence[Finding]) -> list[Problem]:
    """Place every finding on its cell: budget fields, indicator cells, form-level totals."""
    areas = reading.areas
    block = areas["xs_indicators"]
    placed: list[tuple[Finding, Area]] = []
    for f in result.budget.findings:
        placed.append((f, areas[_BUDGET_FIELD_NAMES.get(_attr(f), "xs_budget_total")]))
    for row in result.rows:
        for f in row.findings:
            col = L.column_index(_attr(f)) if f.row is not None else 0
            placed.append((f, block.sub(f.row or 0, col)))
    for f in list(result.findings) + list(extra):
        placed.append((f, areas[_FORM_FIELD_NAMES.get(_attr(f), "xs_total")]))
    return [Problem(f.code, f.severity, a, f.message) for f, a in placed]


def calculate(port: Port, rules: Rules | None = None) -> Outcome:
    """计算得分: write 执行率, every row's 得分, subtotals, 总分 and 等次 (DESIGN.md)."""
    reading = read(port)
    result, extra = _score(reading, _load_rules(rules))
    problems = locate(reading, result, extra)
    errors = sum(p.severity is Severity.ERROR for p in problems)
    message = f"计算完成：总分 {fmt(result.total)} 分，等次“{result.grade}”。"
    if errors:
        message += f"发现 {errors} 个错误，请点击“检查”查看。"
    _write_outputs(port, reading, result, message)
    return Outcome("计算得分", message, result.total, result.grade, tuple(problems))


def _input_fills(areas: dict[str, Area]) -> list[tuple[Area, str]]:
    """Every input and output cell back to its own colour, clearing earlier flags."""
    fills: list[tuple[Area, str]] = []
    for f in L.FIELDS:
        if f.name == "xs_indicators" or f.sheet == L.SHEET_CHECKS:
            continue
        fills.append((areas[f.name], L.COLOR_INPUT if f.role is L.Role.INPUT else L.COLOR_OUTPUT))
    block = areas["xs_indicators"]
    for role, color in ((L.Role.INPUT, L.COLOR_INPUT), (L.Role.OUTPUT, L.COLOR_OUTPUT)):
        for first, count in _column_runs(role):
            fills.append((block.sub(0, first, block.rows, count), color))
    return fills


def _flag_fills(problems: Sequence[Problem]) -> list[tuple[Area, str]]:
    """One fill per run of flagged cells down a column (an error outranks a warning)."""
    color_at: dict[tuple[str, int, int], str] = {}
    for p in problems:
        color = SEVERITY_COLORS.get(p.severity)
        if color is None:
            continue
        key = (p.sheet, p.area.row, p.area.col)
        if color_at.get(key) != L.COLOR_ERROR:
            color_at[key] = color
    fills: list[tuple[Area, str]] = []
    for (sheet, row, col), color in sorted(
        color_at.items(), key=lambda kv: (kv[0][0], kv[0][2], kv[0][1])
    ):
        if fills:
            prev, prev_color = fills[-1]
            if (prev.sheet, prev.col, prev.row + prev.rows, prev_color) == (sheet, col, row, color):
                fills[-1] = (Area(sheet, prev.row, col, prev.rows + 1, 1), color)
                continue
        fills.append((Area(sheet, row, col), color))
    return fills


def check(port: Port, rules: Rules | None = None) -> Outcome:
    """检查: clear old flags, colour offending cells, and list every problem on 校验结果."""
    reading = read(port)
    result, extra = _score(reading, _load_rules(rules))
    problems = locate(reading, result, extra)
    for area, color in _input_fills(reading.areas) + _flag_fills(problems):
        port.fill(area, color)

    listed = [p for p in problems if p.severity is not Severity.INFO]
    box = reading.areas["xs_checks"]
    rows: Grid = [
        [i, p.code, p.severity.value, p.sheet, p.cell, p.message]
        for i, p in enumerate(listed, start=1)
    ]
    if len(rows) > box.rows:
        rows = rows[: box.rows - 1] + [
            [None, None, None, None, None, f"……另有 {len(rows) - box.rows + 1} 条未列出"]
        ]
    rows += [[None] * box.cols for _ in range(box.rows - len(rows))]
    port.write(box, rows)

    errors = sum(p.severity is Severity.ERROR for p in listed)
    warnings = len(listed) - errors
    if listed:
        message = f"检查完成：{errors} 个错误，{warnings} 个警告，已在“{L.SHEET_CHECKS}”工作表列出并标出单元格。"
    else:
        message = "检查完成：未发现问题。"
    port.write(reading.areas["xs_check_status"], [[message]])
    port.write(reading.areas["xs_status"], [[message]])
    port.write(
        reading.areas["xs_indicators"].sub(
            0, L.column_index("message"), reading.areas["xs_indicators"].rows, 1
        ),
        _row_messages(result),
    )
    return Outcome("检查", message, result.total, result.grade, tuple(problems))


def _expense(expenses: Grid, label: str, column: int) -> object:
    """A value of the 基础数据表 expense block by its row label (column 0 上年决算, 1 本年预算, 2 本年决算)."""
    for (row_label, _), line in zip(L.EXPENSE_ROWS, expenses, strict=False):
        if row_label.startswith(label):
            return line[column] if column < len(line) else None
    return None


def report(port: Port, rules: Rules | None = None) -> Outcome:
    """生成报告: write the data-driven sections, leaving every section the clerk has edited."""
    from xlsrc.domain.narrative import Facts, narrate

    rules = _load_rules(rules)
    reading = read(port)
    result, _ = _score(reading, rules)
    areas = reading.areas
    expenses = reading.expenses
    unit = reading.unit
    facts = Facts(
        year=reading.year or rules.year,
        unit=str(unit or ""),
        public_final=_expense(expenses, "公用经费", 2),
        three_public_budget=_expense(expenses, "三公经费", 1),
        three_public_final=_expense(expenses, "三公经费", 2),
    )
    generated = narrate(reading.form, result, facts, rules)
    text_area, shadow_area = areas["xs_report"], areas["xs_report_generated"]
    current = [line[0] for line in port.values(text_area)]
    previous = [line[0] for line in port.values(shadow_area)]
    texts: Grid = []
    shadows: Grid = []
    kept: list[str] = []
    written = 0
    for i in range(text_area.rows):
        cur, prev, new = current[i], previous[i] if i < len(previous) else None, generated.get(i)
        edited = cur not in (None, "") and cur != prev
        if new is None or edited:
            texts.append([cur])
            shadows.append([prev])
            if new is not None:
                kept.append(L.REPORT_SECTIONS[i] if i < len(L.REPORT_SECTIONS) else f"第{i + 1}节")
        else:
            texts.append([new])
            shadows.append([new])
            written += 1
    # Only sections that change are rewritten, so an edited cell is never touched.
    for i in range(text_area.rows):
        if texts[i][0] != current[i]:
            port.write(text_area.sub(i, 0), [texts[i]])
    port.write(shadow_area, shadows)
    message = f"已生成 {written} 节报告正文。"
    if kept:
        message += (
            "以下各节已由您修改，未覆盖："
            + "、".join(kept)
            + "（清空该节后再点“生成报告”即可重新生成）。"
        )
    port.write(areas["xs_status"], [[message]])
    return Outcome("生成报告", message, result.total, result.grade)
