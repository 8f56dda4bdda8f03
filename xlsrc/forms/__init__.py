"""The workbook's forms, one module each, in sheet order; and the index of their named cells.

To add a form: write one module beside these that declares `FORM`, and add it to `FORMS`.
The builder draws it, and the use cases reach its cells by defined name or field path.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from xlsrc.domain.shown import shown
from xlsrc.forms import (
    base_data,
    checks,
    help,
    project,
    rating,
    report,
    report2021,
    review,
    self_eval,
    xlwings_conf,
)
from xlsrc.forms.model import Cell, Form, Matrix, Named, Role, Table

FORMS: tuple[Form, ...] = (
    help.FORM,
    base_data.FORM,
    self_eval.FORM,
    review.FORM,
    rating.FORM,
    report.FORM,
    report2021.FORM,
    checks.FORM,
    project.FORM,
    xlwings_conf.FORM,
)
SHEETS: tuple[str, ...] = tuple(f.sheet for f in FORMS)
BY_KEY: dict[str, Form] = {f.key: f for f in FORMS}
OFFICIAL: tuple[str, ...] = tuple(f.key for f in FORMS if f.official)


def _index() -> tuple[dict[str, tuple[Form, Named]], dict[str, tuple[Form, Named]]]:
    by_name: dict[str, tuple[Form, Named]] = {}
    by_field: dict[str, tuple[Form, Named]] = {}
    for form in FORMS:
        for element in form.named:
            for index, key in ((by_name, element.name), (by_field, element.field)):
                if key in index:
                    raise ValueError(f"{key} is declared twice")
                index[key] = (form, element)
    return by_name, by_field


BY_NAME, BY_FIELD = _index()
NAMED: tuple[Named, ...] = tuple(e for _, e in BY_NAME.values())
# The names of the forms of many instances (the projects): scoped to each instance's sheet.
SCOPED_NAMES: frozenset[str] = frozenset(n for n, (f, _) in BY_NAME.items() if f.scoped)


def context(cells: Mapping[str, Any]) -> dict[str, Any]:
    """What the forms' formulas show, from the input cells by field path: year, unit, signatures.

    The builder caches these values for viewers that do not recalculate; the 定稿 prints them.
    """
    year = cells.get("self.year")

    def text(field: str) -> str:
        return shown(cells.get(field))

    return {
        "year": "" if year is None else year,
        "this_year": f"{year}年" if year else "本年",
        "last_year": f"{year - 1}年" if year else "上年",
        "unit": text("self.unit"),
        "preparer": text("sign.preparer"),
        "fill_date": text("sign.date"),
        "phone": text("sign.phone"),
    }


# A project's form in the report's list of attachments: "项目支出绩效自评表（项目名称）".
PROJECT_ATTACHMENT = "{title}（{name}）"


def attachment_titles(
    keys: tuple[str, ...] | list[str], projects: Sequence[str] = ()
) -> tuple[str, ...]:
    """The titles of the forms attached to the report: the numbered attachments as filed
    (附件1, 附件2, 附件4-1, 附件5), then the other forms (the 2021 report's data form), then
    one 项目支出绩效自评表 per project, named by `projects` (each project's name, in tab
    order) as the 定稿 and the Word report print them; the report itself is not an attachment."""

    def order(key: str) -> tuple[bool, int]:
        return not key.startswith("附件"), BY_KEY[key].filing

    attached = sorted(
        (k for k in keys if k in BY_KEY and k != report.KEY and not BY_KEY[k].scoped), key=order
    )
    own = project.FORM.title.removeprefix("年度")
    return (
        *(BY_KEY[k].title.removeprefix("年度") for k in attached),
        *(PROJECT_ATTACHMENT.format(title=own, name=name) for name in projects),
    )


def named(name: str) -> Named:
    """The cell, table or matrix a defined name stands for."""
    return BY_NAME[name][1]


def sheet_of(name: str) -> str:
    return BY_NAME[name][0].sheet


def cells(prefix: str, role: Role | None = None) -> tuple[Cell, ...]:
    """The single cells whose field path starts with `prefix.` (e.g. every "budget." input)."""
    return tuple(
        e
        for e in NAMED
        if isinstance(e, Cell)
        and e.field.startswith(prefix + ".")
        and (role is None or e.role is role)
    )


__all__ = [
    "BY_FIELD",
    "BY_KEY",
    "BY_NAME",
    "FORMS",
    "NAMED",
    "OFFICIAL",
    "SCOPED_NAMES",
    "SHEETS",
    "Cell",
    "Form",
    "Matrix",
    "Table",
    "cells",
    "context",
    "named",
    "sheet_of",
]
