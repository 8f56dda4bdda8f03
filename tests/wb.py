"""Test support: the forms' named areas of a workbook file, split by role."""

from __future__ import annotations

from pathlib import Path

from xlsrc import forms
from xlsrc.adapters.base import Area
from xlsrc.adapters.openpyxl_file import OpenpyxlFile
from xlsrc.binding import Binding
from xlsrc.forms.model import Cell, Role

IND = forms.self_eval.INDICATORS
SELF = forms.self_eval.SHEET
CHECKS = forms.checks.SHEET


def named_areas(path: Path) -> dict[str, Area]:
    book = OpenpyxlFile(path)
    return {e.name: book.area(e.name) for e in forms.NAMED}


def role_areas(path: Path, role: Role) -> list[Area]:
    """Every area of this role: single cells whole, tables and matrices column by column.

    Columns are found by their headers, as the use cases find them: a column a clerk
    inserted inside a block is in no area.
    """
    book = OpenpyxlFile(path)
    # A project's names on every sheet that has them: each project and the hidden model.
    seen = [(Binding(book), e) for e in forms.NAMED if e.name not in forms.SCOPED_NAMES]
    seen += [
        (Binding(book, sheet), e)
        for sheet in book.scopes(forms.project.MARKER)
        for e in forms.NAMED
        if e.name in forms.SCOPED_NAMES
    ]
    out: list[Area] = []
    for binding, element in seen:
        area = binding.area(element.name)
        if isinstance(element, Cell):
            if element.role is role:
                out.append(area)
            continue
        at = binding.columns(element)
        out += [area.sub(0, at[c.key], area.rows, 1) for c in element.columns if c.role is role]
    return out
