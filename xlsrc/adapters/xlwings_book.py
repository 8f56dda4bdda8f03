"""Adapter over a live xlwings Book (Excel desktop, or xlwings' remote engine in tests).

Each read or write is a round trip to Excel: a sheet is read once, from A1 to
the last used cell, and areas are sliced from that copy.
"""

from __future__ import annotations

from typing import Any

from xlsrc.adapters.base import Area, Grid, missing_name_message, safe_text
from xlsrc.errors import LayoutError


class XlwingsBook:
    """A `Port` over an `xlwings.Book`."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self._sheets: dict[str, Grid] = {}

    def area(self, name: str) -> Area:
        try:
            rng = self.book.names[name].refers_to_range
        except Exception as exc:  # xlwings raises KeyError, ValueError or COM errors
            raise LayoutError(missing_name_message(name)) from exc
        rows, cols = rng.shape
        return Area(rng.sheet.name, rng.row, rng.column, rows, cols)

    def values(self, area: Area) -> Grid:
        grid = self._sheet(area.sheet)
        out: Grid = []
        for r in range(area.row - 1, area.row - 1 + area.rows):
            line = grid[r] if r < len(grid) else []
            out.append(
                [
                    line[c] if c < len(line) else None
                    for c in range(area.col - 1, area.col - 1 + area.cols)
                ]
            )
        return out

    def write(self, area: Area, values: Grid) -> None:
        sheet = self.book.sheets[area.sheet]
        last = (area.row + len(values) - 1, area.col + max(len(v) for v in values) - 1)
        sheet.range((area.row, area.col), last).value = [
            [safe_text(v) for v in line] for line in values
        ]
        self._sheets.pop(area.sheet, None)

    def fill(self, area: Area, color: str | None) -> None:
        sheet = self.book.sheets[area.sheet]
        last = (area.row + area.rows - 1, area.col + area.cols - 1)
        sheet.range((area.row, area.col), last).color = color

    def alert(self, message: str, title: str) -> None:
        self.book.app.alert(message, title=title)

    def _sheet(self, name: str) -> Grid:
        if name not in self._sheets:
            sheet = self.book.sheets[name]
            last = sheet.used_range.last_cell
            value = sheet.range((1, 1), (last.row, last.column)).options(ndim=2).value
            self._sheets[name] = value or []
        return self._sheets[name]
