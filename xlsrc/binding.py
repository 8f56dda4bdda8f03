"""The forms bound to one workbook: read inputs, write outputs and place findings by field path.

Use cases speak of fields ("budget.total", "indicator.score", "expense.project.final");
this module turns them into areas through the forms' declarations and the workbook's
defined names, so it knows no sheet and no address of its own.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from xlsrc import forms
from xlsrc.a1 import col_number, parse_ref
from xlsrc.adapters.base import Area, Grid, Port
from xlsrc.forms.model import COLOR_INPUT, COLOR_OUTPUT, Cell, Matrix, Role, Table, role_runs, runs


def _label(value: object) -> str:
    text = unicodedata.normalize("NFKC", "" if value is None else str(value))
    return "".join(text.split())


def match_lines(labels: list[object], wanted: list[str]) -> dict[int, int]:
    """Line index → row index: each line is the next row whose label starts with the line's.

    Rows a clerk inserted are skipped; where a label is not found and the block still has
    exactly one row per line, the line keeps its position.
    """
    found: dict[int, int] = {}
    seen = [_label(v) for v in labels]
    start = 0
    for i, label in enumerate(wanted):
        key = _label(label)
        for r in range(start, len(seen)):
            if key and seen[r].startswith(key):
                found[i] = r
                start = r + 1
                break
    if len(labels) == len(wanted):
        taken = set(found.values())
        for i in range(len(wanted)):
            if i not in found and i not in taken:
                found[i] = i
    return found


class Binding:
    """One workbook seen through the forms; reads are cached, writes go through `Writes`."""

    def __init__(self, port: Port) -> None:
        self.port = port
        self._areas: dict[str, Area] = {}
        self._rows: dict[str, dict[str, int]] = {}

    # -- where things are
    def area(self, name: str) -> Area:
        """The rectangle a defined name refers to in this workbook (rows may have been inserted)."""
        if name not in self._areas:
            self._areas[name] = self.port.area(name)
        return self._areas[name]

    def has(self, name: str) -> bool:
        from xlsrc.errors import LayoutError

        try:
            self.area(name)
        except LayoutError:
            return False
        return True

    def line_rows(self, field: str) -> dict[str, int]:
        """Line key → 0-based row inside the matrix's area, found by the labels beside it."""
        if field not in self._rows:
            matrix = _element(field, Matrix)
            area = self.area(matrix.name)
            offset = col_number(matrix.label_col) - parse_ref(matrix.ref)[1]
            labels = [line[0] for line in self.port.values(area.sub(0, offset, area.rows, 1))]
            by_index = match_lines(labels, [line.label for line in matrix.lines])
            self._rows[field] = {matrix.lines[i].key: r for i, r in by_index.items()}
        return self._rows[field]

    def where(self, field: str, row: int | None = None) -> Area:
        """The cell a field path names: a single cell, a table column at `row`, a matrix cell."""
        if field in forms.BY_FIELD:
            element = forms.BY_FIELD[field][1]
            if isinstance(element, Cell):
                return self.area(element.name)
        head, _, rest = field.partition(".")
        element = forms.BY_FIELD[head][1]
        if isinstance(element, Table):
            return self.area(element.name).sub(row or 0, element.index(rest))
        if isinstance(element, Matrix):
            line, _, column = rest.partition(".")
            return self.area(element.name).sub(self.line_rows(head)[line], element.index(column))
        raise KeyError(field)

    # -- reading
    def value(self, field: str) -> object:
        return self.port.values(self.where(field))[0][0]

    def group(self, prefix: str, role: Role = Role.INPUT) -> dict[str, object]:
        """{attribute: value} of the single cells under `prefix.` with this role."""
        return {
            cell.field.removeprefix(prefix + "."): self.value(cell.field)
            for cell in forms.cells(prefix, role)
        }

    def rows(self, field: str) -> list[dict[str, object]]:
        """A table's rows as {column key: value}."""
        table = _element(field, Table)
        keys = [c.key for c in table.columns]
        return [
            dict(zip(keys, line, strict=False)) for line in self.port.values(self.area(table.name))
        ]

    def lines(self, field: str) -> dict[str, dict[str, object]]:
        """A matrix's lines as {line key: {column key: value}}; a line not found reads as empty."""
        matrix = _element(field, Matrix)
        grid = self.port.values(self.area(matrix.name))
        rows = self.line_rows(field)
        keys = [c.key for c in matrix.columns]
        out: dict[str, dict[str, object]] = {}
        for line in matrix.lines:
            r = rows.get(line.key)
            values = grid[r] if r is not None else [None] * len(keys)
            out[line.key] = dict(zip(keys, values, strict=False))
        return out

    # -- colours
    def role_fills(self, skip: Iterable[str] = ()) -> list[tuple[Area, str]]:
        """Every named input and output back to its own colour, clearing earlier flags."""
        skipped = set(skip)
        color = {Role.INPUT: COLOR_INPUT, Role.OUTPUT: COLOR_OUTPUT}
        fills: list[tuple[Area, str]] = []
        for element in forms.NAMED:
            if element.name in skipped:
                continue
            area = self.area(element.name)
            if isinstance(element, Cell):
                fills.append((area, color[element.role]))
                continue
            for role in Role:
                for first, count in role_runs(element.columns, role):
                    fills.append((area.sub(0, first, area.rows, count), color[role]))
        return fills


def _element(field: str, kind: type[Any]) -> Any:
    element = forms.BY_FIELD[field][1]
    if not isinstance(element, kind):
        raise TypeError(f"{field} is not a {kind.__name__}")
    return element


class Writes:
    """Output values collected by field, written in as few contiguous blocks as possible.

    Only output cells can be written here: a use case cannot touch what the clerk typed.
    """

    def __init__(self, binding: Binding) -> None:
        self.binding = binding
        self._cells: dict[str, object] = {}
        self._columns: dict[str, dict[str, list[object]]] = {}
        self._lines: dict[str, dict[str, Mapping[str, object]]] = {}

    def cell(self, field: str, value: object) -> None:
        cell = _element(field, Cell)
        if cell.role is not Role.OUTPUT:
            raise ValueError(f"{cell.name} is not an output")
        self._cells[field] = value

    def column(self, field: str, key: str, values: list[object]) -> None:
        table = _element(field, Table)
        if table.columns[table.index(key)].role is not Role.OUTPUT:
            raise ValueError(f"{table.name}.{key} is not an output")
        self._columns.setdefault(field, {})[key] = values

    def lines(self, field: str, values: Mapping[str, Mapping[str, object]]) -> None:
        matrix = _element(field, Matrix)
        if matrix.role is not Role.OUTPUT:
            raise ValueError(f"{matrix.name} is not an output")
        self._lines[field] = values

    def flush(self) -> None:
        port, b = self.binding.port, self.binding
        for area, grid in _coalesce((b.where(f), v) for f, v in self._cells.items()):
            port.write(area, grid)
        for field, columns in self._columns.items():
            table = _element(field, Table)
            area = b.area(table.name)
            given = (
                i for i, c in enumerate(table.columns) if c.role is Role.OUTPUT and c.key in columns
            )
            for first, count in runs(given):
                keys = [table.columns[first + k].key for k in range(count)]
                block: Grid = [[_at(columns[k], i) for k in keys] for i in range(area.rows)]
                port.write(area.sub(0, first, area.rows, count), block)
        for field, values in self._lines.items():
            matrix = _element(field, Matrix)
            area = b.area(matrix.name)
            at_row = {r: key for key, r in b.line_rows(field).items()}
            block = [
                [
                    (values.get(at_row[r]) or {}).get(c.key) if r in at_row else None
                    for c in matrix.columns
                ]
                for r in range(area.rows)
            ]
            port.write(area, block)
        self._cells.clear()
        self._columns.clear()
        self._lines.clear()


def _at(values: list[object], i: int) -> object:
    return values[i] if i < len(values) else None


def _coalesce(cells: Iterable[tuple[Area, object]]) -> list[tuple[Area, Grid]]:
    """Merge single cells that sit side by side on one row into one write."""
    out: list[tuple[Area, Grid]] = []
    for area, value in sorted(cells, key=lambda c: (c[0].sheet, c[0].row, c[0].col)):
        if out:
            prev, grid = out[-1]
            if (
                prev.sheet == area.sheet
                and prev.row == area.row
                and prev.rows == 1
                and prev.col + prev.cols == area.col
            ):
                out[-1] = (
                    Area(prev.sheet, prev.row, prev.col, 1, prev.cols + 1),
                    [grid[0] + [value]],
                )
                continue
        out.append((area, [[value]]))
    return out
