"""The 自评表 (附件2) as a scored form: its budget row, indicator rows, subtotals, total, grade.

Its findings also cover what the 自评表 is checked against: the 基础数据表's figures and the
report's own (docs/rules.md §2). Scoring is `domain.selfeval.score_form`, the one the audit of
a published form uses too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from xlsrc import forms, projects
from xlsrc.binding import Binding, Writes
from xlsrc.domain import basedata
from xlsrc.domain import text as T
from xlsrc.domain.audit import Published, audit
from xlsrc.domain.findings import Finding, Severity
from xlsrc.domain.problems import report_findings, unfilled
from xlsrc.domain.reportdata import Facts, ProjectFacts
from xlsrc.domain.scoring import Budget, Indicator, Kind, as_text, read_number
from xlsrc.domain.selfeval import FormResult, SelfEvaluation, score_form
from xlsrc.domain.summary import RULE_CODES, follows, unmet
from xlsrc.forms.model import Fmt, Role
from xlsrc.scored import Scored, ScoredForm, Summary, Workbook, as_float

KEY = forms.self_eval.FORM.key
INDICATOR_FIELDS = frozenset(Indicator.__dataclass_fields__)
# 一级指标 of the subtotals → the line of the 得分汇总 block.
SUMMARY_LINES = {
    T.CATEGORY_BUDGET: "budget",
    T.CATEGORY_OUTPUT: "output",
    T.CATEGORY_BENEFIT: "benefit",
    T.CATEGORY_SATISFACTION: "satisfaction",
}
# The 项目支出 items of the 基础数据表 the report names with their amounts.
PROJECT_LINES = ("project_business", "project_operation", "project_special", "project_other")


def read(b: Binding) -> SelfEvaluation:
    """The 自评表's inputs: the budget row and every indicator row (rows a clerk inserted too)."""
    budget = Budget(**b.group("budget"))
    indicators = tuple(
        Indicator(**{k: v for k, v in row.items() if k in INDICATOR_FIELDS})
        for row in b.rows("indicator")
    )
    return SelfEvaluation(budget, indicators)


def _item_name(label: str) -> str:
    """ "3、市级专项资金（一个专项一行）" → "市级专项资金": the item as a sentence names it."""
    name = label.split("、", 1)[-1]
    return name.split("（", 1)[0].strip()


def _project_names(b: Binding) -> list[str]:
    """Each project's name (its sheet's when blank), in tab order: attachments of the report."""
    return [p.name or p.sheet for p in projects.listed(b.port)]


def project_facts(scored: Scored) -> ProjectFacts:
    """A scored project (scored.project's `Project`) as the report names it: its name (or its
    sheet's), its 年度资金总额's 全年预算数 and 全年执行数, 执行率, 总分 and 等次."""
    project = scored.result
    result = project.result
    return ProjectFacts(
        project.name or project.sheet,
        project.figure("budget", "total"),
        project.figure("budget", "spent"),
        result.budget.rate,
        result.total,
        result.grade or "",
    )


def facts(book: Workbook, projects: Sequence[Scored] = ()) -> Facts:
    """What the report is written from besides the 自评表 (the year falls back on the rules');
    `projects`, the scored 项目支出绩效自评表, are named in its 项目支出 paragraph."""
    lines = {line.key: line.label for line in forms.base_data.EXPENSES.lines}
    project_lines = [
        (_item_name(lines[key]), book.base.expense(key, "final")) for key in PROJECT_LINES
    ]
    goals = {"goal_expected": book.binding.value("goal.expected")}
    goals["goal_actual"] = book.binding.value("goal.actual")
    return Facts.of(
        book.year or book.rules.year,
        book.base,
        {**book.report_inputs, **goals},
        project_lines,
        forms.attachment_titles(book.rules.required_forms, _project_names(book.binding)),
        [project_facts(p) for p in projects],
    )


def _unreadable_base(base: basedata.BaseData) -> list[Finding]:
    """Every figure of the 基础数据表 that is written but cannot be used as a number."""
    out: list[Finding] = []
    for cell in forms.cells("base", Role.INPUT):
        if cell.fmt in (Fmt.MONEY, Fmt.INTEGER):
            raw = getattr(base, cell.field.removeprefix("base."))
            read_number(raw, cell.field, cell.label, out, T.F_BASE_BAD)
    block = forms.base_data.EXPENSES
    for line in block.lines:
        name = line.label.removeprefix("其中：").rstrip("：")
        for column in block.columns:
            label = T.BASE_LINE_FIGURE.format(line=name, column=column.header)
            raw = base.expense(line.key, column.key)
            read_number(raw, f"{block.field}.{line.key}.{column.key}", label, out, T.F_BASE_BAD)
    return out


def _unreadable_report(inputs: Mapping[str, object]) -> list[Finding]:
    """Every figure among the report's inputs that is written but cannot be used as a number."""
    out: list[Finding] = []
    for cell in forms.report.FACT_CELLS:
        key = cell.field.split(".", 1)[1]
        if cell.fmt is Fmt.MONEY and key in inputs:
            read_number(inputs[key], cell.field, cell.label, out, T.F_REPORT_BAD)
    return out


class Scoring:
    """The 自评表's result with the form it scored (the report and the audit read both)."""

    def __init__(self, form: SelfEvaluation, result: FormResult) -> None:
        self.form = form
        self.result = result


def score(book: Workbook, done: Mapping[str, Scored]) -> Scored:
    form = read(book.binding)
    result = score_form(form, book.rules, book.year)
    extra = basedata.cross_check(book.base, form.budget.project)
    unreadable = _unreadable_base(book.base) + _unreadable_report(book.report_inputs)
    findings = result.all_findings() + unreadable + extra + report_findings(form, facts(book))
    b = book.binding
    report = b.lines("report") if b.has(forms.report.TEXT.name) else {}
    findings += unfilled({k: v["text"] for k, v in report.items()})
    return Scored(
        KEY,
        Scoring(form, result),
        result.total,
        result.grade,
        result.pending,
        tuple(findings),
    )


def message(findings: Sequence[Finding]) -> str | None:
    """A 校验提示: the findings worth the clerk's eye, with the clerk's override (I301) and the
    rules' adjustments (T.RULES_INFO) among the notes."""
    shown = [f for f in findings if f.severity is not Severity.INFO or f.code in T.SHOWN_INFO]
    return "；".join(f"【{f.severity.value}】{f.message}" for f in shown) or None


def row_messages(scored: Scored) -> list[object]:
    """Each indicator row's 校验提示."""
    return [message(row.findings) for row in scored.result.result.rows]


# The 校验提示 of the budget row and of the total, by the defined name a workbook made before
# they existed lacks, the field written and the fields of the findings it explains.
SIDE_MESSAGES = (
    ("xs_budget_message", "budget.message", "budget."),
    ("xs_total_message", "form.message", "form."),
)


def write(w: Writes, scored: Scored) -> None:
    """执行率, every row's 得分 and kind, the subtotals block, 总分 and 等次.

    The rows' 校验提示 are written by the use case, which cuts them to what a cell holds; the
    budget row's and the total's are written here.
    """
    result: FormResult = scored.result.result
    for name, value in (
        ("budget.rate", as_float(result.budget.rate)),
        ("budget.score", as_float(result.budget.score)),
        ("form.weight_total", float(result.weight_total)),
        ("form.total", float(result.total)),
        ("form.grade", result.grade),
    ):
        w.cell(name, value)
    w.column("indicator", "score", [as_float(r.score) for r in result.rows])
    w.column("indicator", "kind", [r.kind.value or None for r in result.rows])
    w.column(
        "indicator",
        "rule_score",
        [as_float(r.rule_score) if r.kind is not Kind.BLANK else None for r in result.rows],
    )
    summary: dict[str, dict[str, object]] = {
        SUMMARY_LINES[s.category]: {"weight": as_float(s.weight), "score": as_float(s.score)}
        for s in result.subtotals
        if s.category in SUMMARY_LINES
    }
    # 合计 is the rows' sum; 总分上限 the rules' cap by 执行率 that applies (the 总分 is the lower).
    summary["total"] = {"weight": float(result.weight_total), "score": float(result.sum_total)}
    summary["cap"] = {"score": None if result.cap is None else float(result.cap.max)}
    w.lines("summary", summary)
    found = result.budget.findings + result.findings
    for name, field, prefix in SIDE_MESSAGES:
        if w.binding.has(name):  # written through the port, which cuts what a cell cannot hold
            w.cell(field, message([f for f in found if f.field.startswith(prefix)]))


def published(b: Binding) -> Published:
    """The figures the 自评表 shows, as read (what 计算得分 wrote, or what a clerk typed)."""
    return Published(
        scores=tuple(row.get("score") for row in b.rows("indicator")),
        budget_rate=b.value("budget.rate"),
        budget_score=b.value("budget.score"),
        total=b.value("form.total"),
        weight_total=b.value("form.weight_total"),
        grade=b.value("form.grade"),
    )


def as_calculated(shown: Published, result: FormResult) -> bool:
    """Whether the figures the workbook shows are exactly what 计算得分 writes now: then the
    audit has nothing to say and is not run."""

    def same(value: object, rule: Decimal | None) -> bool:
        if rule is None:
            return value is None or as_text(value) == ""
        return isinstance(value, (int, float)) and float(value) == float(rule)

    return (
        same(shown.total, result.total)
        and as_text(shown.grade) == result.grade
        and same(shown.budget_score, result.budget.score)
        and same(shown.budget_rate, result.budget.rate)
        and len(shown.scores) == len(result.rows)
        and all(same(s, r.score) for s, r in zip(shown.scores, result.rows, strict=True))
    )


def summary(book: Workbook, scored: Scored) -> Summary:
    """The 自评表's line of the bureau's summary, with the audit's rule differences."""
    scoring: Scoring = scored.result
    result = scoring.result
    shown = published(book.binding)
    differences: list[Finding] = []
    calculated = follows(shown.total, []) != T.SM_FOLLOWS_UNSCORED
    if calculated and not as_calculated(shown, result):
        found = audit(scoring.form, shown, book.rules, book.year).findings
        differences = [f for f in found if f.code in RULE_CODES]
    return Summary(
        declared_total=shown.total,
        declared_grade=shown.grade,
        budget_rate=result.budget.rate,
        budget_score=result.budget.score,
        subtotals={s.category: s.score for s in result.subtotals},
        unmet=unmet(scoring.form, result),
        differences=tuple(differences),
    )


def data(scored: Scored) -> dict[str, object]:
    """The 自评表's figures: the budget row, the subtotals and each indicator row as scored."""
    scoring: Scoring = scored.result
    result = scoring.result
    rows = scored_rows(scoring.form, result)
    return {
        "budget": {
            "total": scoring.form.budget.total,
            "spent": scoring.form.budget.spent,
            "rate": result.budget.rate,
            "weight": result.budget.weight,
            "score": result.budget.score,
        },
        "subtotals": {s.category: s.score for s in result.subtotals},
        "weight_total": result.weight_total,
        "rows": rows,
    }


def scored_rows(form: SelfEvaluation, result: FormResult) -> list[dict[str, object]]:
    """Each indicator row that is filled in, as typed and as scored, for the data exports."""
    return [
        {
            "level1": ind.level1,
            "level2": ind.level2,
            "level3": ind.level3,
            "target": ind.target,
            "actual": ind.actual,
            "weight": row.weight,
            "kind": row.kind.value,
            "met": row.met,
            "score": row.score,
        }
        for ind, row in zip(form.indicators, result.rows, strict=True)
        if row.kind is not Kind.BLANK
    ]


def notes(scored: Scored) -> tuple[str, list[object]]:
    return "indicator.message", row_messages(scored)


SCORED = ScoredForm(
    KEY,
    score,
    write=write,
    always=True,
    headline=True,
    summary=summary,
    notes=notes,
    data=data,
)
