"""Test support: the forms' named areas of a workbook file, split by role."""

from __future__ import annotations

from pathlib import Path

from xlsrc import forms
from xlsrc.adapters.base import Area
from xlsrc.adapters.openpyxl_file import OpenpyxlFile
from xlsrc.forms.model import Cell, Role

IND = forms.self_eval.INDICATORS
SELF = forms.self_eval.SHEET
CHECKS = forms.checks.SHEET


def named_areas(path: Path) -> dict[str, Area]:
    book = OpenpyxlFile(path)
    return {e.name: book.area(e.name) for e in forms.NAMED}


def role_areas(areas: dict[str, Area], role: Role) -> list[Area]:
    """Every area of this role: single cells whole, tables and matrices column by column."""
    out: list[Area] = []
    for element in forms.NAMED:
        area = areas[element.name]
        if isinstance(element, Cell):
            if element.role is role:
                out.append(area)
            continue
        out += [
            area.sub(0, i, area.rows, 1) for i, c in enumerate(element.columns) if c.role is role
        ]
    return out
