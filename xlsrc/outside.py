"""Cells filled below or beside a form: typed where no use case reads them, so told, not ignored.

A clerk who runs out of indicator rows may type on below the signature line, or paste a
column beside the form; 计算得分, 检查 and the report read only the form's named areas, so
those cells would count for nothing without a word. The form's block is where its names
point in this workbook, widened by what the template prints around them (titles, notes,
the signature line), so rows and columns inserted inside the form move it along.
"""

from __future__ import annotations

from xlsrc import forms
from xlsrc.a1 import parse_ref
from xlsrc.adapters.base import Area
from xlsrc.binding import Binding
from xlsrc.domain import text as T
from xlsrc.errors import LayoutError
from xlsrc.forms.model import Form

SHOWN_TEXT = 20  # characters of the first cell's text quoted in the message


def _template_margin(form: Form) -> tuple[int, int]:
    """Rows and columns the printed form reaches beyond its last named cell in the template."""
    last_row = last_col = 0
    for element in form.named:
        row, col, rows, cols = parse_ref(element.ref)
        last_row, last_col = max(last_row, row + rows - 1), max(last_col, col + cols - 1)
    _, _, rows, cols = parse_ref(form.page.area)  # the print area starts at A1
    return max(rows - last_row, 0), max(cols - last_col, 0)


def _block(binding: Binding, form: Form) -> tuple[str, int, int] | None:
    """The sheet, last row and last column of the form in this workbook; None if it has none."""
    areas = []
    for element in form.named:
        try:
            areas.append(binding.area(element.name))
        except LayoutError:
            continue
    if not areas:
        return None
    down, right = _template_margin(form)
    sheet = areas[0].sheet
    on_sheet = [a for a in areas if a.sheet == sheet]
    last_row = max(a.row + a.rows - 1 for a in on_sheet) + down
    last_col = max(a.col + a.cols - 1 for a in on_sheet) + right
    return sheet, last_row, last_col


def _forms(binding: Binding) -> list[tuple[Form, Binding]]:
    """Each official form with the binding it is seen through: a form of many once per
    instance (each project's sheet), the hidden model never."""
    return [(form, each) for form in forms.FORMS if form.official for each in binding.seen(form)]


def beyond(binding: Binding) -> list[tuple[Area, str]]:
    """(the first filled cell, the message) for each official form with cells filled outside it.

    Only ports that can list a sheet's filled cells (`filled_beyond`) are looked at: the
    file adapters; in Excel the buttons read named areas only.
    """
    port: object = binding.port
    look = getattr(port, "filled_beyond", None)
    while look is None and hasattr(port, "port"):  # a wrapper (usecases.Fitted) around a file
        port = port.port
        look = getattr(port, "filled_beyond", None)
    if look is None:
        return []
    found = []
    for form, seen in _forms(binding):
        block = _block(seen, form)
        if block is None:
            continue
        sheet, last_row, last_col = block
        first = look(sheet, last_row, last_col)
        if first is None:
            continue
        row, col, value, count = first
        area = Area(sheet, row, col)
        text = str(value)
        shown = text[:SHOWN_TEXT] + ("…" if len(text) > SHOWN_TEXT else "")
        block_ref = Area(sheet, 1, 1, last_row, last_col).address
        found.append(
            (
                area,
                T.W_OUTSIDE_FORM[1].format(
                    sheet=sheet, cell=area.cell(), block=block_ref, count=count, text=shown
                ),
            )
        )
    return found
