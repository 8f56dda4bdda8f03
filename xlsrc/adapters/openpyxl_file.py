"""Adapter over a workbook file opened with openpyxl: the headless path (CLI, WPS and Linux users)."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
from openpyxl.styles import PatternFill
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.workbook import Workbook

from xlsrc.a1 import col_letter
from xlsrc.adapters.base import Area, Grid, missing_name_message, named_area
from xlsrc.domain import text as T
from xlsrc.errors import InputError, MissingName
from xlsrc.files import same_file, save_atomically


class OpenpyxlFile:
    """A `Port` over an .xlsx/.xlsm file; VBA and form buttons of .xlsm files are kept on save."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if not self.path.exists():
            raise InputError(T.A_NO_FILE.format(path=self.path))
        self.keep_vba = self.path.suffix.lower() == ".xlsm"
        try:
            # One read of the file: the cached values come from the same version as the cells,
            # even if another run replaces the file meanwhile (saves are atomic).
            self._bytes = self.path.read_bytes()
            self.book: Workbook = openpyxl.load_workbook(
                io.BytesIO(self._bytes), keep_vba=self.keep_vba
            )
        except Exception as exc:  # openpyxl raises many kinds for a broken file
            raise InputError(T.A_CANNOT_OPEN.format(name=self.path.name, detail=exc)) from exc
        self._cached: Workbook | None = None
        self.messages: list[tuple[str, str]] = []

    # -- Port
    def area(self, name: str) -> Area:
        defined = self._defined_name(name)
        if defined is None:
            raise MissingName(missing_name_message(name))
        return named_area(name, defined.attr_text, self.book.sheetnames)

    def _defined_name(self, name: str) -> DefinedName | None:
        """The workbook's name, else a name of that spelling scoped to one of its sheets."""
        for names in (self.book.defined_names, *(ws.defined_names for ws in self.book.worksheets)):
            if name in names:
                return names[name]
        return None

    def values(self, area: Area) -> Grid:
        ws = self.book[area.sheet]
        out: Grid = []
        for r in range(area.row, area.row + area.rows):
            line: list[object] = []
            for c in range(area.col, area.col + area.cols):
                cell = ws.cell(r, c)
                value = cell.value
                if cell.data_type == "f":
                    value = self._computed(area.sheet, r, c, value)
                line.append(value)
            out.append(line)
        return out

    def write(self, area: Area, values: Grid) -> None:
        ws = self.book[area.sheet]
        for i, line in enumerate(values):
            for j, value in enumerate(line):
                cell = ws.cell(area.row + i, area.col + j)
                cell.value = value
                if isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"  # text stays text, never a formula

    def fill(self, area: Area, color: str | None) -> None:
        ws = self.book[area.sheet]
        pattern = (
            PatternFill(fill_type="solid", fgColor=color.lstrip("#").upper())
            if color
            else PatternFill(fill_type=None)
        )
        for r in range(area.row, area.row + area.rows):
            for c in range(area.col, area.col + area.cols):
                ws.cell(r, c).fill = pattern

    def alert(self, message: str, title: str) -> None:
        self.messages.append((title, message))

    # -- file
    def save(self, path: str | Path | None = None) -> Path:
        """Save atomically; saving over the file it was opened from first keeps a backup of it."""
        target = Path(path) if path else self.path
        if self.keep_vba and target.suffix.lower() != ".xlsm":
            raise InputError(T.A_KEEP_MACROS.format(name=self.path.name, target=target.name))
        in_place = path is None or same_file(target, self.path)
        return save_atomically(target, self.book.save, backup=in_place)

    def _computed(self, sheet: str, row: int, col: int, formula: object) -> object:
        """The cached result of a formula cell; a clerk's formula is never evaluated here."""
        if self._cached is None:
            self._cached = openpyxl.load_workbook(
                io.BytesIO(self._bytes), data_only=True, keep_vba=False
            )
        value = self._cached[sheet].cell(row, col).value
        if value is None:
            raise InputError(
                T.A_NO_CACHED_VALUE.format(
                    sheet=sheet, cell=f"{col_letter(col - 1)}{row}", formula=formula
                )
            )
        return value
