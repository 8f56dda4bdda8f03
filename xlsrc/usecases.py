"""Use cases the buttons, the CLI and the tests share: calculate, check and report a workbook.

Each takes a `Port` (a live xlwings Book or an openpyxl file), reads through the forms'
declarations (`Binding`), runs the pure domain, and writes only to output cells, in a
number of writes that does not grow with the number of indicator rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from xlsrc import forms, projects, scored
from xlsrc.adapters.base import CELL_LIMIT, Area, Grid, Port, cell_length, cut_to_cell
from xlsrc.binding import Binding, Writes
from xlsrc.domain import basedata
from xlsrc.domain import project as domain_project
from xlsrc.domain import text as T
from xlsrc.domain.findings import Finding, Severity
from xlsrc.domain.findings import listed as is_listed
from xlsrc.domain.narrative import narrate
from xlsrc.domain.numbers import fmt
from xlsrc.domain.rules import Rules
from xlsrc.domain.values import parse_number
from xlsrc.errors import InputError
from xlsrc.forms.model import COLOR_ERROR, COLOR_WARNING
from xlsrc.outside import beyond
from xlsrc.scored import as_float
from xlsrc.scored import self_eval as scored_self_eval

SEVERITY_COLORS = {Severity.ERROR: COLOR_ERROR, Severity.WARNING: COLOR_WARNING}
RULES_FIELD = "workbook.rules"
STATUS_FIELD = "workbook.status"
CHECKS_FIELD = "check"
# The 校验结果 list's columns, in the order a problem's row is built.
CHECK_COLUMNS = ("number", "code", "severity", "sheet", "cell", "message")


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
    path: Path | None = None  # the file an export wrote
    evaluation: Evaluation | None = None  # what 计算得分 and 检查 scored, every form's result

    @property
    def errors(self) -> int:
        return sum(p.severity is Severity.ERROR for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity is Severity.WARNING for p in self.problems)


class Fitted:
    """The workbook as the use cases write it: text longer than a cell holds is never cut silently.

    Such text is cut to the cell's limit and ends with a visible note (Excel would refuse or
    truncate it); each cut is remembered as a warning on its cell for the clerk.
    """

    def __init__(self, port: Port) -> None:
        self.port = port
        self.cuts: list[Problem] = []

    def area(self, name: str) -> Area:
        return self.port.area(name)

    def values(self, area: Area) -> Grid:
        return self.port.values(area)

    def fill(self, area: Area, color: str | None) -> None:
        self.port.fill(area, color)

    def alert(self, message: str, title: str) -> None:
        self.port.alert(message, title)

    def scopes(self, name: str) -> list[str]:
        look = getattr(self.port, "scopes", None)
        return [] if look is None else list(look(name))

    def write(self, area: Area, values: Grid) -> None:
        self.port.write(
            area,
            [
                [self.fit(area.sub(i, j), v) for j, v in enumerate(line)]
                for i, line in enumerate(values)
            ],
        )

    def fit(self, area: Area, value: object) -> object:
        """The value to write into `area`: text cut to what a cell holds, the cut remembered."""
        if not isinstance(value, str):
            return value
        cut = cut_to_cell(value)
        if cut is not value:
            code, template = T.W_CELL_CUT
            message = template.format(length=cell_length(value), limit=CELL_LIMIT)
            self.cuts.append(Problem(code, Severity.WARNING, area, message))
        return cut

    def note(self) -> str:
        """What the outcome's message adds about the cuts, if any."""
        if not self.cuts:
            return ""
        cells = "、".join(f"{p.sheet}!{p.cell}" for p in self.cuts)
        return T.U_CUT.format(count=len(self.cuts), cells=cells)


# The department's inputs every scored form may read (the 自评表's own are read by its form).
Reading = scored.Workbook


def _report_inputs(b: Binding) -> dict[str, object]:
    """The report's inputs typed once (职能, 人员经费, …) by Facts attribute; a workbook made
    before they existed simply has none."""
    out: dict[str, object] = {}
    for cell in forms.report.FACT_CELLS:
        if b.has(cell.name):
            out[cell.field.split(".", 1)[1]] = b.value(cell.field)
    return out


def rules_of(binding: Binding, override: Rules | None = None) -> Rules:
    """The rules the workbook names in its 评分规则 cell; `override` (the CLI's --rules) wins.

    A blank cell, or a workbook made before the cell existed, uses the default rules.
    """
    from xlsrc.rules import DEFAULT, available, load_rules

    if override is not None:
        return override
    name = binding.value(RULES_FIELD) if binding.has("xs_rules") else None
    text = "" if name is None else str(name).strip()
    if not text:
        return load_rules(DEFAULT)
    if text not in available():
        area = binding.where(RULES_FIELD)
        raise InputError(
            T.U_RULES_NOT_INSTALLED.format(
                sheet=area.sheet,
                cell=area.cell(),
                text=text,
                choices="、".join(available()),
                default=DEFAULT,
            )
        )
    return load_rules(text)


def read(port: Port, rules: Rules | None = None) -> Reading:
    """Read the department's shared inputs (基础数据表, 年度, rules, the report's figures)."""
    b = Binding(port)
    year_value = parse_number(b.value("self.year"))  # first: a workbook not ours is told so here
    base = basedata.BaseData(**b.group("base"), expenses=b.lines("expense"))
    year = int(year_value) if isinstance(year_value, Decimal) and 1900 < year_value < 2200 else None
    return Reading(b, rules_of(b, rules), year, base, _report_inputs(b))


Notes = list[tuple[Binding, str, list[object]]]


def _fitted_notes(ev: Evaluation, out: Fitted) -> Notes:
    """Each scored form's row notes (校验提示) by their column (on each instance's sheet for a
    form of many), each cut to what a cell holds before anything else is written."""
    notes: Notes = []
    for form, result in ev.results:
        if form.notes is not None:
            b = result.binding or ev.reading.binding
            column, messages = form.notes(result)
            fitted = [out.fit(b.where(column, i), m) for i, m in enumerate(messages)]
            notes.append((b, column, fitted))
    return notes


def _placed(
    reading: Reading, listed: Sequence[tuple[scored.ScoredForm, scored.Scored, Finding]]
) -> list[Problem]:
    """Every listed finding on the cell its form places it at (an instance's on its sheet)."""
    b = reading.binding
    return [
        Problem(f.code, f.severity, form.place(s.binding or b, f), f.message)
        for form, s, f in listed
    ]


@dataclass(frozen=True)
class Evaluation:
    """What 计算得分 and 检查 find in a workbook, before anything is written."""

    reading: Reading
    results: scored.Results
    problems: tuple[Problem, ...]
    total: Decimal  # the headline form's: the 自评表's, or the 评价评分表's in the 2021 format
    grade: str
    pending: str  # why the total is not final; "" when it is


def _across(results: scored.Results) -> scored.Results:
    """The checks across forms, added to the findings of the form they are placed on: the
    projects' 全年执行数 against the 自评表's 项目支出 (W243), and each project's 全年预算数
    against the department's (W244). Projects are scored after the 自评表, so its own
    scoring cannot see them."""
    own = results.get(scored_self_eval.KEY)
    every = results.every(forms.project.KEY)
    if own is None or not every:
        return results
    spent = [p.result.figure("budget", "spent") for p in every]
    department = own.result.form.budget
    added: dict[int, tuple[Finding, ...]] = {
        id(own): tuple(domain_project.check_spent(spent, department.project))
    }
    for p in every:  # a project in 元 against the department's 万元 (W244)
        added[id(p)] = tuple(
            domain_project.check_scale(p.result.figure("budget", "total"), department.total)
        )
    items = tuple((f, replace(s, findings=s.findings + added.get(id(s), ()))) for f, s in results)
    return replace(results, items=items)


def evaluate(port: Port, rules: Rules | None = None) -> Evaluation:
    """Score and check a workbook without writing to it (a read-only port will do)."""
    reading = read(port, rules)
    results = _across(scored.score_all(reading))
    problems = _placed(reading, results.listed())
    code, _ = T.W_OUTSIDE_FORM
    problems += [Problem(code, Severity.WARNING, a, m) for a, m in beyond(reading.binding)]
    _, head = results.headline()
    total = head.total if head.total is not None else Decimal(0)
    return Evaluation(reading, results, tuple(problems), total, head.grade or "", head.pending)


def _write_outputs(ev: Evaluation, notes: Notes, status: str) -> None:
    derived = basedata.derive(ev.reading.base)
    w = Writes(ev.reading.binding)
    scored.write_all(w, ev.results)
    for name, value in (
        ("base.staff_rate", as_float(derived.staff_rate)),
        ("base.building_rate", as_float(derived.building_rate)),
        ("base.invest_rate", as_float(derived.invest_rate)),
        (STATUS_FIELD, status),
    ):
        w.cell(name, value)
    projects.put_list(w, projects.list_rows(w.binding.port, ev.results))
    _write_notes(w, notes)
    w.flush()


def _write_notes(w: Writes, notes: Notes) -> None:
    """The rows' 校验提示, as fitted, into their forms' note columns (an instance's on its own
    sheet)."""
    for b, column, messages in notes:
        table, _, key = column.partition(".")
        if b is w.binding:
            w.column(table, key, messages)
            continue
        own = Writes(b)
        own.column(table, key, messages)
        own.flush()


def calculate(port: Port, rules: Rules | None = None) -> Outcome:
    """计算得分: write every scored form's outputs, 总分 and 等次 (docs/architecture.md)."""
    out = Fitted(port)
    ev = evaluate(out, rules)
    problems = list(ev.problems)
    notes = _fitted_notes(ev, out)
    errors = sum(p.severity is Severity.ERROR for p in problems)
    total, grade, pending = ev.total, ev.grade, ev.pending
    message = (
        T.U_CALCULATED_PENDING.format(total=fmt(total), grade=grade, why=pending)
        if pending
        else T.U_CALCULATED.format(total=fmt(total), grade=grade)
    )
    message += projects_line(ev.results)
    if errors:
        message += T.U_CALCULATED_ERRORS.format(errors=errors)
    message += out.note()
    _write_outputs(ev, notes, message)
    problems += out.cuts
    return Outcome(T.U_CALCULATE, message, total, grade, tuple(problems), evaluation=ev)


def projects_line(results: scored.Results) -> str:
    """What 计算得分 adds about the projects: each one's total and grade, in tab order."""
    from xlsrc.forms import project

    items = []
    for s in results.every(project.KEY):
        name = getattr(s.result, "name", "") or s.sheet or ""
        total = fmt(s.total if s.total is not None else Decimal(0))
        spec = T.U_PROJECT_PENDING if s.pending else T.U_PROJECT_ITEM
        items.append(spec.format(name=name, total=total, grade=s.grade or ""))
    return T.U_PROJECTS.format(count=len(items), items="；".join(items)) if items else ""


def _flag_fills(problems: Sequence[Problem]) -> list[tuple[Area, str]]:
    """One fill per run of flagged cells down a column (an error outranks a warning)."""
    color_at: dict[tuple[str, int, int], str] = {}
    for p in problems:
        color = SEVERITY_COLORS.get(p.severity)
        if color is None:
            continue
        key = (p.sheet, p.area.row, p.area.col)
        if color_at.get(key) != COLOR_ERROR:
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
    out = Fitted(port)
    ev = evaluate(out, rules)
    problems = list(ev.problems)
    b = ev.reading.binding
    notes = _fitted_notes(ev, out)
    problems += out.cuts  # a 校验提示 cut short is flagged and listed with the rest
    checks_sheet = forms.checks.SHEET
    own = [e.name for e in forms.checks.FORM.named]  # the list itself is never flagged
    own += projects.missing_list(b)  # a workbook made before the 项目清单 has none to colour
    fills = b.role_fills(skip=own)
    for _, each in ev.results:
        fills += each.binding.role_fills() if each.binding is not None else []
    for area, color in fills + _flag_fills(problems):
        out.fill(area, color)

    listed = [p for p in problems if is_listed(p.severity, p.code)]
    room = b.capacity(CHECKS_FIELD)
    rows: Grid = [
        [i, p.code, p.severity.value, p.sheet, p.cell, p.message]
        for i, p in enumerate(listed, start=1)
    ]
    if len(rows) > room:
        rows = rows[: room - 1] + [
            [None, None, None, None, None, T.U_CHECKS_MORE.format(count=len(rows) - room + 1)]
        ]
    w = Writes(b)
    # Rows below the list are cleared: a column shorter than the table is padded with blanks.
    before = len(out.cuts)
    for j, key in enumerate(CHECK_COLUMNS):
        where = f"{CHECKS_FIELD}.{key}"
        w.column(CHECKS_FIELD, key, [out.fit(b.where(where, i), r[j]) for i, r in enumerate(rows)])
    problems += out.cuts[before:]  # a listed message cut short: told in the outcome

    errors = sum(p.severity is Severity.ERROR for p in listed)
    warnings = sum(p.severity is Severity.WARNING for p in listed)
    if listed:
        message = T.U_CHECKED.format(errors=errors, warnings=warnings, sheet=checks_sheet)
    else:
        message = T.U_CHECKED_CLEAN
    message += out.note()
    w.cell("check.status", message)
    w.cell(STATUS_FIELD, message)
    projects.put_list(w, projects.list_rows(b.port, ev.results))
    _write_notes(w, notes)
    w.flush()
    return Outcome(T.U_CHECK, message, ev.total, ev.grade, tuple(problems), evaluation=ev)


def report(port: Port, rules: Rules | None = None) -> Outcome:
    """生成报告: write the data-driven sections, leaving every section the clerk has edited."""
    out = Fitted(port)
    reading = read(out, rules)
    b = reading.binding
    # The 自评表 and each project (the 项目支出 paragraph names them), through the registry.
    keys = (scored_self_eval.KEY, forms.project.KEY)
    results = scored.score_all(reading, [f for f in scored.registry() if f.key in keys])
    own = results.get(scored_self_eval.KEY)
    assert own is not None  # the 自评表 is scored for every workbook
    scoring: scored_self_eval.Scoring = own.result
    result = scoring.result
    facts = scored_self_eval.facts(reading, results.every(forms.project.KEY))
    generated = narrate(scoring.form, result, facts, reading.rules)
    current = {k: v["text"] for k, v in b.lines("report").items()}
    previous = {k: v["text"] for k, v in b.lines("report_generated").items()}
    shadows: dict[str, dict[str, object]] = {}
    kept: list[str] = []
    written = 0
    for line in forms.report.SECTIONS:
        cur, prev, new = current[line.key], previous[line.key], generated.get(line.key)
        edited = cur not in (None, "") and cur != prev
        if new is None or edited:
            shadows[line.key] = {"text": prev}
            if new is not None:
                kept.append(line.label)
            continue
        where = b.where(f"report.{line.key}.text")
        new = out.fit(where, new)  # what the cell holds; its shadow holds the same
        shadows[line.key] = {"text": new}
        written += 1
        # Only sections that change are rewritten, so an edited cell is never touched.
        if new != cur:
            out.write(where, [[new]])
    w = Writes(b)
    w.lines("report_generated", shadows)
    message = T.U_REPORTED.format(count=written)
    if kept:
        message += T.U_REPORT_KEPT.format(sections="、".join(kept))
    message += out.note()
    w.cell(STATUS_FIELD, message)
    w.flush()
    return Outcome(T.U_REPORT, message, result.total, result.grade, tuple(out.cuts))
