"""The forms bound to one workbook: read inputs, write outputs and place findings by field path.

Use cases speak of fields ("budget.total", "indicator.score", "expense.project.final");
this module turns them into areas through the forms' declarations and the workbook's
defined names, so it knows no sheet and no address of its own.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from xlsrc import forms
from xlsrc.a1 import col_number, parse_ref
from xlsrc.adapters.base import Area, Grid, Port, missing_name_message, scoped_name
from xlsrc.domain import text as T
from xlsrc.errors import InputError, LayoutError, MissingName
from xlsrc.forms.model import COLOR_INPUT, COLOR_OUTPUT, Cell, Matrix, Role, Table, runs


def label_text(value: object) -> str:
    """A label as compared: NFKC (full-width folded) and without any whitespace."""
    text = unicodedata.normalize("NFKC", "" if value is None else str(value))
    return "".join(text.split())


_label = label_text


def _matched_lines(seen: list[str], wanted: list[str]) -> dict[int, int]:
    """Line index → row index of the lines found by label (each after the one before)."""
    found: dict[int, int] = {}
    start = 0
    for i, label in enumerate(wanted):
        key = _label(label)
        for r in range(start, len(seen)):
            if key and seen[r].startswith(key):
                found[i] = r
                start = r + 1
                break
    return found


def _by_position(found: dict[int, int], size: int, wanted: int) -> dict[int, int]:
    """Where the block still has exactly one place per item, an item not found keeps its own."""
    if size != wanted:
        return found
    taken = set(found.values())
    return {**found, **{i: i for i in range(wanted) if i not in found and i not in taken}}


def match_lines(labels: list[object], wanted: list[str]) -> dict[int, int]:
    """Line index → row index: each line is the next row whose label starts with the line's.

    Rows a clerk inserted are skipped; where a label is not found and the block still has
    exactly one row per line, the line keeps its position.
    """
    found = _matched_lines([_label(v) for v in labels], wanted)
    return _by_position(found, len(labels), len(wanted))


# A year in front of a header stands for 本年/上年: 基础数据表's headers read "2023年决算数".
_YEAR = re.compile(r"^(?:\d{4}年|本年|上年)")


def match_columns(headers: list[object], wanted: list[str]) -> dict[int, int]:
    """Column index → offset in the block: each declared column is found by its header label.

    Labels are compared after NFKC and without spaces. An exact label wins; else the first
    free header that starts with the label, a year in front of either ignored ("分值（分）"
    is 分值, "2023年决算数" is 上年决算数). A header that only ends with the label is another
    column ("规则得分" is not 得分). Where a header is not found and the block still has
    exactly one column per declared column (a clerk retyped a header), the column keeps
    its position.
    """
    seen = [_label(h) for h in headers]
    keys = [_label(w) for w in wanted]
    found: dict[int, int] = {}

    def take(fits: Callable[[str, str], bool]) -> None:
        """Give each column not found yet the first free header that fits its label."""
        for i, key in enumerate(keys):
            if i in found:
                continue
            taken = set(found.values())
            for offset, label in enumerate(seen):
                if offset not in taken and label and fits(label, key):
                    found[i] = offset
                    break

    take(str.__eq__)
    take(lambda label, key: _YEAR.sub("", label).startswith(_YEAR.sub("", key)))
    return _by_position(found, len(headers), len(wanted))


class Binding:
    """One workbook seen through the forms; reads are cached, writes go through `Writes`."""

    def __init__(self, port: Port, scope: str | None = None) -> None:
        self.port = port
        # The sheet of one instance of a form of many (a project): its names are that sheet's.
        self.scope = scope
        self._areas: dict[str, Area] = {}
        self._rows: dict[str, dict[str, int]] = {}
        self._columns: dict[str, dict[str, int]] = {}

    # -- where things are
    def area(self, name: str) -> Area:
        """The rectangle a defined name refers to in this workbook (rows may have been inserted)."""
        if name not in self._areas:
            if name in forms.SCOPED_NAMES:
                if self.scope is None:  # the form has instances, and this binding is none of them
                    raise MissingName(missing_name_message(name))
                self._areas[name] = self.port.area(scoped_name(self.scope, name))
            else:
                self._areas[name] = self.port.area(name)
        return self._areas[name]

    def scoped(self, sheet: str) -> Binding:
        """The same workbook seen through the instance of a form of many on `sheet`."""
        return Binding(self.port, sheet)

    def instances(self, marker: str, model: str) -> list[Binding]:
        """Each instance of a form of many, in tab order: the sheets holding the name `marker`
        scoped to themselves, except the model (the sheet that also holds `model`). A port
        that cannot list scoped names has none."""
        look = getattr(self.port, "scopes", None)
        if look is None:
            return []
        models = set(look(model))
        return [self.scoped(sheet) for sheet in look(marker) if sheet not in models]

    def seen(self, form: forms.Form) -> list[Binding]:
        """The bindings `form` is read through: this one for a form of one; for the form of many
        (the projects), one per instance, in tab order."""
        if not form.scoped:
            return [self]
        return self.instances(forms.project.MARKER, forms.project.MODEL_NAME)

    def has(self, name: str) -> bool:
        """Whether the workbook defines the name (a broken one still raises LayoutError)."""
        try:
            self.area(name)
        except MissingName:
            return False
        return True

    def sheet(self, form: forms.Form) -> str:
        """The sheet holding `form` in this workbook: where its defined names point, so a sheet
        the clerk renamed ("2024年自评表": Excel moves the names with it) is still found."""
        if form.scoped and self.scope is not None:
            return self.scope
        for element in form.named:
            try:
                return self.area(element.name).sheet
            except LayoutError:
                continue
        return form.sheet

    def capacity(self, field: str) -> int:
        """How many rows a table has room for."""
        return self.area(_element(field, Table).name).rows

    def columns(self, element: Table | Matrix) -> dict[str, int]:
        """Column key → 0-based offset inside the element's area, found by the header row above it.

        Columns a clerk inserted inside the area are skipped. A header that is a formula
        with no saved result cannot be read: such headers stand for the columns not found
        when they are as many; else the clerk is asked to open and save the file in Excel.
        """
        if element.name not in self._columns:
            area = self.area(element.name)
            headers, unreadable = self._headers(area)
            found = match_columns(headers, [c.header for c in element.columns])
            missing = [i for i in range(len(element.columns)) if i not in found]
            blank = [j for j in unreadable if j not in found.values()]
            if missing and len(blank) == len(missing):
                found.update(zip(missing, blank, strict=True))
            elif missing and unreadable:
                raise next(iter(unreadable.values()))
            elif missing:
                raise LayoutError(
                    T.A_COLUMN_MISSING.format(
                        sheet=area.sheet,
                        row=area.row - 1,
                        label=element.label,
                        header=element.columns[missing[0]].header,
                        name=element.name,
                        ref=area.address,
                    )
                )
            self._columns[element.name] = {c.key: found[i] for i, c in enumerate(element.columns)}
        return self._columns[element.name]

    def _headers(self, area: Area) -> tuple[list[object], dict[int, InputError]]:
        """The header row right above an area, and why each header that cannot be read cannot."""
        if area.row == 1:
            return [None] * area.cols, {}
        row = Area(area.sheet, area.row - 1, area.col, 1, area.cols)
        try:
            return self.port.values(row)[0], {}
        except InputError:
            headers: list[object] = []
            unreadable: dict[int, InputError] = {}
            for j in range(area.cols):
                try:
                    headers.append(self.port.values(row.sub(0, j))[0][0])
                except InputError as exc:
                    headers.append(None)
                    unreadable[j] = exc
            return headers, unreadable

    def spans(self, element: Table | Matrix, keys: Iterable[str]) -> list[tuple[int, list[str]]]:
        """The columns `keys` as runs of side-by-side columns: (first offset, keys left to right).

        Columns adjacent in the declaration are apart when a clerk inserted one between them.
        """
        at = self.columns(element)
        out: list[tuple[int, list[str]]] = []
        for offset, key in sorted((at[k], k) for k in keys):
            if out and out[-1][0] + len(out[-1][1]) == offset:
                out[-1][1].append(key)
            else:
                out.append((offset, [key]))
        return out

    def line_rows(self, field: str) -> dict[str, int]:
        """Line key → 0-based row inside the matrix's area, found by the labels beside it."""
        if field not in self._rows:
            matrix = _element(field, Matrix)
            labels = self._labels(matrix, self.area(matrix.name))
            by_index = match_lines(labels, [line.label for line in matrix.lines])
            self._rows[field] = {matrix.lines[i].key: r for i, r in by_index.items()}
        return self._rows[field]

    def _labels(self, matrix: Matrix, area: Area) -> list[object]:
        """The cells of the matrix's label column, beside each row of its area.

        The label column is where it was declared relative to the area; when a clerk inserted
        columns between the two, it is the column left of the area whose cells match the
        most line labels (the nearest to the declared one among equals).
        """
        wanted = [line.label for line in matrix.lines]
        declared = area.col + col_number(matrix.label_col) - parse_ref(matrix.ref)[1]
        best: tuple[int, list[object]] | None = None
        for col in sorted(range(1, area.col), key=lambda c: abs(c - declared)):
            try:
                labels = [
                    line[0] for line in self.port.values(Area(area.sheet, area.row, col, area.rows))
                ]
            except InputError:  # a clerk's formula without a saved result: not a label column
                continue
            matched = len(_matched_lines([_label(v) for v in labels], wanted))
            if best is None or matched > best[0]:
                best = (matched, labels)
            if matched == len(wanted):
                break
        return best[1] if best else [None] * area.rows

    def where(self, field: str, row: int | None = None) -> Area:
        """The cell a field path names: a single cell, a table column at `row`, a matrix cell."""
        if field in forms.BY_FIELD:
            element = forms.BY_FIELD[field][1]
            if isinstance(element, Cell):
                return self.area(element.name)
        head, _, rest = field.partition(".")
        element = forms.BY_FIELD[head][1]
        if isinstance(element, Table):
            return self.area(element.name).sub(row or 0, self.columns(element)[rest])
        if isinstance(element, Matrix):
            line, _, column = rest.partition(".")
            return self.area(element.name).sub(
                self.line_rows(head)[line], self.columns(element)[column]
            )
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
        """A table's rows as {column key: value}; rows a clerk inserted inside are rows too."""
        table = _element(field, Table)
        at = self.columns(table)
        grid = self.port.values(self.area(table.name))
        return [{key: line[offset] for key, offset in at.items()} for line in grid]

    def lines(self, field: str) -> dict[str, dict[str, object]]:
        """A matrix's lines as {line key: {column key: value}}; a line not found reads as empty."""
        matrix = _element(field, Matrix)
        at = self.columns(matrix)
        grid = self.port.values(self.area(matrix.name))
        rows = self.line_rows(field)
        out: dict[str, dict[str, object]] = {}
        for line in matrix.lines:
            r = rows.get(line.key)
            out[line.key] = {k: None if r is None else grid[r][o] for k, o in at.items()}
        return out

    # -- colours
    def role_fills(self, skip: Iterable[str] = ()) -> list[tuple[Area, str]]:
        """Every named input and output back to its own colour, clearing earlier flags: the
        workbook's own forms, or an instance's (a scoped binding) form.

        Only the declared columns are filled: a column a clerk inserted keeps its own colour.
        """
        skipped = set(skip)
        color = {Role.INPUT: COLOR_INPUT, Role.OUTPUT: COLOR_OUTPUT}
        fills: list[tuple[Area, str]] = []
        for element in forms.NAMED:
            if element.name in skipped or (element.name in forms.SCOPED_NAMES) != bool(self.scope):
                continue
            area = self.area(element.name)
            if isinstance(element, Cell):
                fills.append((area, color[element.role]))
                continue
            for role in Role:
                keys = [c.key for c in element.columns if c.role is role]
                for first, run in self.spans(element, keys):
                    fills.append((area.sub(0, first, area.rows, len(run)), color[role]))
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
        """A matrix's output columns by line; its input columns are never written."""
        matrix = _element(field, Matrix)
        outputs = {c.key for c in matrix.columns if c.role is Role.OUTPUT}
        wrong = {k for line in values.values() for k in line} - outputs
        if not outputs or wrong:
            raise ValueError(f"{matrix.name}: {sorted(wrong) or 'no'} output columns")
        self._lines[field] = values

    def flush(self) -> None:
        port, b = self.binding.port, self.binding
        for area, grid in _coalesce((b.where(f), v) for f, v in self._cells.items()):
            port.write(area, grid)
        for field, columns in self._columns.items():
            table = _element(field, Table)
            area = b.area(table.name)
            for first, keys in b.spans(table, columns):
                block: Grid = [[_at(columns[k], i) for k in keys] for i in range(area.rows)]
                port.write(area.sub(0, first, area.rows, len(keys)), block)
        for field, values in self._lines.items():
            matrix = _element(field, Matrix)
            area = b.area(matrix.name)
            at_row = {r: key for key, r in b.line_rows(field).items()}
            spans = b.spans(matrix, [c.key for c in matrix.columns if c.role is Role.OUTPUT])
            # Only the lines found are written: a row a clerk inserted keeps what was typed.
            for top, count in runs(sorted(at_row)):
                for first, keys in spans:
                    block = [
                        [(values.get(at_row[r]) or {}).get(k) for k in keys]
                        for r in range(top, top + count)
                    ]
                    port.write(area.sub(top, first, count, len(keys)), block)
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
