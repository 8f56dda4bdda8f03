"""Reading 自评表 workbooks not made with the template: any official-looking layout, any format.

`grid` turns a file into grids of values (python-calamine), `layout` finds the forms on
them by their labels (pure Python, reusable in Pyodide), and this module hands the domain
what was found: the form to score and the form's own published results.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from xlsrc import forms
from xlsrc.domain import text as T
from xlsrc.domain.audit import Published
from xlsrc.domain.scoring import Budget, Indicator
from xlsrc.domain.selfeval import SelfEvaluation
from xlsrc.domain.values import parse_number
from xlsrc.errors import InputError
from xlsrc.readers.grid import Book, read_book
from xlsrc.readers.layout import (
    BaseDataSheet,
    SelfEvalSheet,
    find_base_data,
    find_self_eval,
    find_self_evals,
)

_BUDGET_FIELDS = frozenset(Budget.__dataclass_fields__)
_INDICATOR_FIELDS = ("level1", "level2", "level3", "target", "actual", "weight", "deviation")


@dataclass(frozen=True)
class Found:
    """A workbook file and the forms found in it."""

    book: Book
    self_eval: SelfEvalSheet
    base: BaseDataSheet | None

    def form(self) -> SelfEvaluation:
        """The 自评表 as the scoring reads it (the budget row's weight as the form gives it)."""
        s = self.self_eval
        budget = {
            k.removeprefix("budget."): v
            for k, v in s.fields.items()
            if k.startswith("budget.") and k.removeprefix("budget.") in _BUDGET_FIELDS
        }
        if "weight" not in budget:  # a form without a budget 分值 still weighs it 10
            budget["weight"] = Budget.weight
        if self.budget_from_initial:
            budget["total"] = budget["initial"]
        indicators = tuple(
            Indicator(**{k: row.values.get(k) for k in _INDICATOR_FIELDS}) for row in s.rows
        )
        return SelfEvaluation(Budget(**budget), indicators)

    @property
    def budget_from_initial(self) -> bool:
        """The form has a 年初预算数 and no 全年预算数 column: the one stands for the other."""
        fields = self.self_eval.fields
        return "budget.total" not in fields and fields.get("budget.initial") is not None

    def is_project(self) -> bool:
        """A 项目支出绩效自评表: the form names its project (项目名称)."""
        return "project.name" in self.self_eval.fields

    def published(self) -> Published:
        s = self.self_eval
        return Published(
            scores=tuple(row.values.get("score") for row in s.rows),
            budget_rate=s.published.get("budget.rate"),
            budget_score=s.published.get("budget.score"),
            total=s.published.get("form.total"),
            weight_total=s.published.get("form.weight_total"),
            grade=s.published.get("form.grade"),
        )

    def year(self) -> int | None:
        value = parse_number(self.self_eval.fields.get("self.year"))
        return int(value) if isinstance(value, Decimal) and 1900 < value < 2200 else None

    def where(self, field: str, row: int | None = None) -> tuple[str, int, int]:
        """(sheet, 0-based row, 0-based column) a finding's field names on the foreign form.

        An indicator field the form has no column for (人工评分…) falls on the row's 得分;
        a form-level field not found falls on the indicator header.
        """
        s = self.self_eval
        if row is not None and row < len(s.rows):
            at = s.rows[row].at
            key = field.removeprefix("indicator.")
            r, c = at.get(key) or at.get("score") or next(iter(at.values()))
            return s.sheet, r, c
        if field in s.at:
            return (s.sheet, *s.at[field])
        if field.startswith("budget.") and "budget.total" in s.at:
            return (s.sheet, *s.at["budget.total"])
        return s.sheet, s.header_row, min(s.columns.values())


def expense_lines() -> list[tuple[str, str]]:
    """The 基础数据表's expense lines (key, label) as the template declares them."""
    return [(line.key, line.label) for line in forms.base_data.EXPENSES.lines]


def read_found(path: str | Path, data: bytes | None = None) -> Found:
    """Read a workbook file and find its 自评表 (and 基础数据表); a clerk's sentence if none.

    `data` is the file's content when the caller has read it already.
    """
    book = read_book(path, data)
    found = find_self_eval(book.sheets, book.formats_known)
    if found is None:
        raise InputError(T.R_NO_SELF_EVAL.format(name=book.name))
    return Found(book, found, find_base_data(book.sheets, expense_lines()))


def read_all(path: str | Path, data: bytes | None = None) -> list[Found]:
    """Every 自评表 in a workbook file: a 部门整体 form and its projects, or several projects on
    one sheet or on several; a clerk's sentence if there is none."""
    book = read_book(path, data)
    found = find_self_evals(book.sheets, book.formats_known)
    # An empty form beside filled ones is a blank copy (the template's hidden 项目表样), not a form.
    found = [f for f in found if f.rows] or found[:1]
    if not found:
        raise InputError(T.R_NO_SELF_EVAL.format(name=book.name))
    base = find_base_data(book.sheets, expense_lines())
    return [Found(book, f, base) for f in found]
