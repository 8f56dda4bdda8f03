"""Fill the template with a foreign 自评表 (and 基础数据表): `xlsrc import FILE -o OUT.xlsm`.

The template is written through the file adapter (`OpenpyxlFile`), cell by cell at the
places its forms declare, then scored by the same `calculate` the button runs. The form's
own scores are not copied, except a 定性 row's, which is the clerk's judgment (人工评分).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from xlsrc import forms, usecases
from xlsrc.adapters.openpyxl_file import OpenpyxlFile
from xlsrc.binding import Binding
from xlsrc.domain import text as T
from xlsrc.domain.audit import band_of
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


def import_into(found: Found, template: Path, target: Path, rules: Rules | None) -> list[str]:
    """Write what was found into a copy of the template saved as `target`; what to tell the clerk."""
    if not template.exists():
        raise InputError(T.A_NO_FILE.format(path=template))
    book = OpenpyxlFile(template)
    b = Binding(book)
    s = found.self_eval
    told = [T.R_FOUND.format(sheet=s.sheet, row=s.header_row + 1, rows=len(s.rows))]

    def put(field: str, value: object, row: int | None = None) -> None:
        book.write(b.where(field, row), [[_cell(value)]])

    for field, value in s.fields.items():
        if field in forms.BY_FIELD and forms.BY_FIELD[field][0] is not forms.project.FORM:
            put(field, value)
    if found.budget_from_initial:
        put("budget.total", s.fields["budget.initial"])
        told.append(T.R_BUDGET_FROM_INITIAL)
    room = b.capacity("indicator")
    chosen = usecases.rules_of(b, rules)
    judged: list[str] = []
    for i, row in enumerate(s.rows[:room]):
        for key in _ROW_KEYS:
            value = row.values.get(key)
            if value is not None:
                put(f"indicator.{key}", value, i)
        qualitative = _qualitative(row, chosen)
        if qualitative:
            put("indicator.band", qualitative[0], i)
            put("indicator.manual", qualitative[1], i)
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
    if found.base is not None:
        told.append(T.R_FOUND_BASE.format(sheet=found.base.sheet))
        for field, value in found.base.fields.items():
            put(field, value)
        for line, columns in found.base.expenses.items():
            for column, value in columns.items():
                if value is not None:
                    put(f"expense.{line}.{column}", value)
        if found.base.missing:
            told.append(T.R_NOT_FOUND_BASE.format(labels="、".join(found.base.missing)))
    if s.missing:
        told.append(T.R_NOT_FOUND.format(labels="、".join(s.missing)))
    if judged:
        told.append(T.R_QUALITATIVE_COPIED.format(rows="、".join(judged)))
    told.append(T.R_SCORES_NOT_COPIED)
    outcome = usecases.calculate(book, rules)
    told.append(outcome.message)
    saved = book.save(target)
    told.append(T.R_IMPORTED.format(path=saved))
    return told
