"""Fill the template with a foreign 自评表 (and 基础数据表): `xlsrc import FILE -o OUT.xlsm`.

The template is written through the file adapter (`OpenpyxlFile`), cell by cell at the
places its forms declare, then scored by the same `calculate` the button runs. The form's
own scores are not copied, except a 定性 row's, which is the clerk's judgment (人工评分).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from xlsrc import forms, projects, usecases
from xlsrc.adapters.openpyxl_file import OpenpyxlFile
from xlsrc.binding import Binding
from xlsrc.domain import text as T
from xlsrc.domain.audit import band_of
from xlsrc.domain.numbers import fmt
from xlsrc.domain.rules import Rules
from xlsrc.domain.scoring import Kind, kind_of
from xlsrc.domain.values import number_or_none, parse_value
from xlsrc.errors import InputError
from xlsrc.readers import Found
from xlsrc.readers.layout import Row

_ROW_KEYS = ("level1", "level2", "level3", "target", "actual", "weight", "deviation")


def _cell(value: object) -> object:
    return float(value) if isinstance(value, Decimal) else value


def _qualitative(row: Row, rules: Rules) -> tuple[str, float] | None:
    """(band, score) for a 定性 row whose form gives a score within its weight."""
    if kind_of(parse_value(row.values.get("target"))) is not Kind.QUALITATIVE:
        return None
    score, weight = (
        number_or_none(row.values.get("score")),
        number_or_none(row.values.get("weight")),
    )
    if score is None or weight is None or weight <= 0 or not 0 <= score <= weight:
        return None
    return band_of(score / weight, rules.bands).name, float(score)


def _line(row: Row) -> str:
    return f"第{row.line + 1}行"


# A project form's fields as the readers give them → the project sheet's.
_PROJECT_FIELDS = {
    "goal.expected": "project.goal_expected",
    "goal.actual": "project.goal_actual",
    **{f"budget.{c}": f"project.budget_{c}" for c in ("initial", "total", "spent", "weight")},
}


@dataclass(frozen=True)
class _Target:
    """Where one form goes: the 自评表 (no sheet) or a project's sheet, and its field names."""

    binding: Binding
    table: str  # the indicator table's field
    budget_total: str

    def field(self, name: str) -> str | None:
        """The field a reader's field fills here, or None if this form has no such cell."""
        if self.binding.scope is None:
            owner = forms.BY_FIELD.get(name, (None,))[0]
            return name if owner is not None and not owner.scoped else None
        name = _PROJECT_FIELDS.get(name, name)
        owner = forms.BY_FIELD.get(name, (None,))[0]
        return name if owner is forms.project.FORM else None


def _fill(book: OpenpyxlFile, to: _Target, found: Found, chosen: Rules, told: list[str]) -> None:
    """One form's inputs into its place: its fields, its rows (定性 scores as 人工评分)."""
    b = to.binding
    s = found.self_eval

    def put(field: str, value: object, row: int | None = None) -> None:
        book.write(b.where(field, row), [[_cell(value)]])

    for field, value in s.fields.items():
        where = to.field(field)
        if where is not None:
            put(where, value)
    if found.budget_from_initial:
        put(to.budget_total, s.fields["budget.initial"])
        told.append(T.R_BUDGET_FROM_INITIAL)
    room = b.capacity(to.table)
    judged: list[str] = []
    for i, row in enumerate(s.rows[:room]):
        for key in _ROW_KEYS:
            value = row.values.get(key)
            if value is not None:
                put(f"{to.table}.{key}", value, i)
        qualitative = _qualitative(row, chosen)
        if qualitative:
            put(f"{to.table}.band", qualitative[0], i)
            put(f"{to.table}.manual", qualitative[1], i)
            judged.append(_line(row))
    if len(s.rows) > room:
        rest = s.rows[room:]
        told.append(
            T.R_TOO_MANY_ROWS.format(
                room=room,
                first=rest[0].line + 1,
                count=len(rest),
                rows="、".join(_line(r) for r in rest),
            )
        )
    if s.missing:
        told.append(T.R_NOT_FOUND.format(labels="、".join(s.missing)))
    if judged:
        told.append(T.R_QUALITATIVE_COPIED.format(rows="、".join(judged)))


def _fill_base(book: OpenpyxlFile, b: Binding, found: Found, told: list[str]) -> None:
    assert found.base is not None
    told.append(T.R_FOUND_BASE.format(sheet=found.base.sheet))
    for field, value in found.base.fields.items():
        book.write(b.where(field), [[_cell(value)]])
    for line, columns in found.base.expenses.items():
        for column, value in columns.items():
            if value is not None:
                book.write(b.where(f"expense.{line}.{column}"), [[_cell(value)]])
    if found.base.missing:
        told.append(T.R_NOT_FOUND_BASE.format(labels="、".join(found.base.missing)))


def import_all(
    found: Sequence[Found], template: Path, target: Path, rules: Rules | None
) -> list[str]:
    """Write every form found into one copy of the template saved as `target`: the 部门整体
    form into the 自评表 (the first one; others are told and left), each project form into a
    project of its own, the first 基础数据表 into the 基础数据表. What to tell the clerk."""
    if not template.exists():
        raise InputError(T.A_NO_FILE.format(path=template))
    book = OpenpyxlFile(template)
    b = Binding(book)
    chosen = usecases.rules_of(b, rules)
    told: list[str] = []
    department: Found | None = None
    based = False
    for each in found:
        s = each.self_eval
        where = f"{each.book.name}"
        if each.is_project():
            name = str(s.fields.get("project.name") or "").strip() or forms.project.UNNAMED
            added = projects.add(book, name, target.name)
            told.append(
                T.R_FOUND_PROJECT.format(
                    file=where,
                    sheet=s.sheet,
                    row=s.header_row + 1,
                    rows=len(s.rows),
                    name=name,
                    target=added.sheet,
                )
            )
            to = _Target(
                Binding(book, added.sheet), forms.project.INDICATORS.field, "project.budget_total"
            )
            _fill(book, to, each, chosen, told)
        elif department is None:
            department = each
            told.append(T.R_FOUND.format(sheet=s.sheet, row=s.header_row + 1, rows=len(s.rows)))
            _fill(book, _Target(b, "indicator", "budget.total"), each, chosen, told)
        else:
            told.append(T.R_SECOND_DEPARTMENT.format(file=where, sheet=s.sheet))
        if each.base is not None and not based:
            based = True
            _fill_base(book, b, each, told)
    told.append(T.R_SCORES_NOT_COPIED)
    outcome = usecases.calculate(book, rules)
    if department is not None or not any(f.is_project() for f in found):
        told.append(outcome.message)
    assert outcome.evaluation is not None
    for one in outcome.evaluation.results.every(forms.project.KEY):
        told.append(
            T.R_PROJECT_SCORED.format(
                name=one.result.name or one.sheet, total=fmt(one.total or 0), grade=one.grade or ""
            )
        )
    saved = book.save(target)
    told.append(T.R_IMPORTED.format(path=saved))
    return told


def import_into(found: Found, template: Path, target: Path, rules: Rules | None) -> list[str]:
    """One form found into a copy of the template (`import_all` of one)."""
    return import_all([found], template, target, rules)
