"""The interface the use cases need from a workbook, and the cell-area value they pass around."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from xlsrc.a1 import col_letter, parse_ref

Grid = list[list[object]]
__all__ = ["Area", "Grid", "Port", "missing_name_message", "parse_ref", "safe_text"]


@dataclass(frozen=True)
class Area:
    """A rectangle on one sheet; rows and columns are 1-based like Excel's."""

    sheet: str
    row: int
    col: int
    rows: int = 1
    cols: int = 1

    def sub(self, row: int = 0, col: int = 0, rows: int = 1, cols: int = 1) -> Area:
        """The rectangle at 0-based offsets inside this one."""
        return Area(self.sheet, self.row + row, self.col + col, rows, cols)

    def cell(self, row: int = 0, col: int = 0) -> str:
        """A1 address of the cell at 0-based offsets: area.cell(2, 1) → "C16"."""
        return f"{col_letter(self.col + col - 1)}{self.row + row}"

    @property
    def address(self) -> str:
        first = self.cell()
        if self.rows == 1 and self.cols == 1:
            return first
        return f"{first}:{self.cell(self.rows - 1, self.cols - 1)}"


def missing_name_message(name: str) -> str:
    """What to tell the clerk when a defined name xlsrc needs is not in the workbook."""
    from xlsrc import forms

    where = ""
    if name in forms.BY_NAME:
        form, element = forms.BY_NAME[name]
        where = f"（应指向工作表“{form.sheet}”的 {element.ref}，{element.label}）"
    return (
        f"工作簿中找不到名称“{name}”{where}。请使用 xlsrc 模板填写，"
        "或在“公式 → 名称管理器”中恢复该名称。"
    )


def safe_text(value: object) -> object:
    """Keep text as text: a string Excel would read as a formula gets the text prefix "'"."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


class Port(Protocol):
    """What a use case needs from a workbook, whatever holds it."""

    def area(self, name: str) -> Area:
        """The rectangle a defined name refers to; LayoutError if it is missing."""
        ...

    def values(self, area: Area) -> Grid:
        """Cell values of the rectangle (None for empty), rows × cols."""
        ...

    def write(self, area: Area, values: Grid) -> None:
        """Write a block of values (None clears a cell); text stays text."""
        ...

    def fill(self, area: Area, color: str | None) -> None:
        """Set the fill colour ("#RRGGBB") of a rectangle; None removes the fill."""
        ...

    def alert(self, message: str, title: str) -> None:
        """Show the clerk a message (a message box in Excel; a no-op for files)."""
        ...
