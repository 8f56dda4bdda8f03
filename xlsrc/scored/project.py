"""The 项目支出绩效自评表 as a scored form of many instances: one per project sheet.

Each project is scored as the 自评表 is (`domain.selfeval.score_form`, the same rules), its
findings placed on its own sheet. Its inputs are read through a binding scoped to the
project's sheet (`Binding.instances`), so the same field paths name each project's cells.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from xlsrc import forms
from xlsrc.adapters.base import Area
from xlsrc.binding import Binding, Writes
from xlsrc.domain import project as P
from xlsrc.domain.findings import Finding
from xlsrc.domain.scoring import Budget, Indicator, Kind
from xlsrc.domain.selfeval import FormResult, SelfEvaluation, score_form
from xlsrc.forms import project as form
from xlsrc.scored import Scored, ScoredForm, Workbook, as_float
from xlsrc.scored.self_eval import INDICATOR_FIELDS, message, row_messages, scored_rows

KEY = form.KEY
TABLE = form.INDICATORS.field
LINES = tuple(line for line, _ in form.FUND_LINES)
_FIELDS = frozenset(forms.BY_FIELD)


def instances(b: Binding) -> list[Binding]:
    """Every project of the workbook, in tab order."""
    return b.instances(form.MARKER, form.MODEL_NAME)


@dataclass(frozen=True)
class Project:
    """One project as read and scored: its names, funds, the form scored and the result."""

    sheet: str
    name: str
    department: str
    unit: str
    funds: P.Funds
    form: SelfEvaluation
    result: FormResult

    def figure(self, line: str, column: str) -> Decimal | None:
        return self.funds.figure(line, column)


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def read(b: Binding) -> tuple[P.Funds, SelfEvaluation]:
    """The project's funds by line, and the form as the scoring reads it."""
    lines = {line: {c: b.value(f"project.{line}_{c}") for c in P.COLUMNS} for line in LINES}
    weight = b.value("project.budget_weight")
    budget = Budget(**lines["budget"], weight=weight)
    indicators = tuple(
        Indicator(**{k: v for k, v in row.items() if k in INDICATOR_FIELDS})
        for row in b.rows(TABLE)
    )
    return P.Funds(lines), SelfEvaluation(budget, indicators)


def score(book: Workbook, done: Mapping[str, Scored]) -> Scored:
    b = book.binding
    funds, evaluation = read(b)
    result = score_form(evaluation, book.rules, book.year)
    name = b.value("project.name")
    findings = result.all_findings() + P.check_funds(funds) + P.check_name(name)
    assert b.scope is not None  # a project is always read through its sheet's binding
    siblings = instances(Binding(b.port))
    names = [(s.scope or "", s.value("project.name")) for s in siblings]
    findings += P.same_names(names).get(b.scope, [])
    project = Project(
        b.scope,
        _text(name),
        _text(b.value("project.department")),
        _text(b.value("project.unit")),
        funds,
        evaluation,
        result,
    )
    return Scored(KEY, project, result.total, result.grade, result.pending, tuple(findings))


def field_of(finding: Finding) -> str:
    """A finding's field on the project form: the 自评表's budget row is 年度资金总额's line,
    its indicator block the project's, its 总分 the project's."""
    head, _, rest = finding.field.partition(".")
    if head == "budget":
        wanted = f"project.budget_{rest}"
        return wanted if wanted in _FIELDS else "project.budget_total"
    if head == "indicator":
        keys = {c.key for c in form.INDICATORS.columns}
        return f"{TABLE}.{rest if rest in keys else 'score'}"
    if head == "form":
        wanted = f"project.{rest}"
        return wanted if wanted in _FIELDS else "project.total"
    return finding.field if finding.field in _FIELDS else "project.name"


def place(b: Binding, finding: Finding) -> Area:
    return b.where(field_of(finding), finding.row)


def write(w: Writes, scored: Scored) -> None:
    """Each line's 执行率, the budget row's 得分, each row's 得分, 总分 and 等次."""
    project: Project = scored.result
    result = project.result
    for line in LINES:
        rate = result.budget.rate if line == "budget" else project.funds.rate(line)
        w.cell(f"project.{line}_rate", as_float(rate))
    w.cell("project.budget_score", as_float(result.budget.score))
    w.cell("project.weight_total", float(result.weight_total))
    w.cell("project.total", float(result.total))
    w.cell("project.grade", result.grade)
    w.column(TABLE, "score", [as_float(r.score) for r in result.rows])
    w.column(TABLE, "kind", [r.kind.value or None for r in result.rows])
    w.column(
        TABLE,
        "rule_score",
        [as_float(r.rule_score) if r.kind is not Kind.BLANK else None for r in result.rows],
    )
    found = [*scored.findings]
    budget = [f for f in found if f.field.startswith("budget.")]
    total = [f for f in found if f.field.startswith(("form.", "project."))]
    w.cell("project.budget_message", message(budget))
    w.cell("project.message", message(total))


def notes(scored: Scored) -> tuple[str, list[object]]:
    return f"{TABLE}.message", row_messages(scored)  # a Project has its result as a Scoring has


def data(scored: Scored) -> dict[str, object]:
    """The project's figures: its names, funds by line, the budget row and each row scored."""
    project: Project = scored.result
    result = project.result
    rows = scored_rows(project.form, result)
    return {
        "sheet": project.sheet,
        "name": project.name,
        "department": project.department,
        "unit": project.unit,
        "funds": {line: {c: project.figure(line, c) for c in P.COLUMNS} for line in LINES},
        "budget": {
            "rate": result.budget.rate,
            "weight": result.budget.weight,
            "score": result.budget.score,
        },
        "subtotals": {s.category: s.score for s in result.subtotals},
        "weight_total": result.weight_total,
        "total": result.total,
        "grade": result.grade,
        "rows": rows,
    }


SCORED = ScoredForm(
    KEY,
    score,
    place=place,
    write=write,
    notes=notes,
    data=data,
    instances=instances,
)
