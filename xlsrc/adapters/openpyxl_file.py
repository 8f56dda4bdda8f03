"""Adapter over a workbook file opened with openpyxl: the headless path (CLI, WPS and Linux users)."""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable, Collection
from pathlib import Path
from typing import BinaryIO

import openpyxl
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles.numbers import is_date_format
from openpyxl.utils.datetime import from_excel
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.workbook import Workbook

from xlsrc import ooxml
from xlsrc.a1 import col_letter
from xlsrc.adapters.base import (
    Area,
    Filled,
    Grid,
    first_filled,
    missing_name_message,
    named_area,
    split_name,
)
from xlsrc.domain import text as T
from xlsrc.domain.controls import decoded
from xlsrc.domain.values import typed
from xlsrc.errors import InputError, MissingName
from xlsrc.files import same_file, save_atomically
from xlsrc.safety import check_workbook


class OpenpyxlFile:
    """A `Port` over an .xlsx/.xlsm file.

    openpyxl reads the cells; a save writes only the cells and fills that changed into the
    original package (`xlsrc.ooxml`), so everything else in the file survives as it was.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if not self.path.exists():
            raise InputError(T.A_NO_FILE.format(path=self.path))
        try:
            # One read of the file: the cached values come from the same version as the cells,
            # even if another run replaces the file meanwhile (saves are atomic).
            self._bytes = self.path.read_bytes()
            check_workbook(self._bytes, self.path.name)
            self.book: Workbook = _load(self._bytes)
            self.macros = "macroEnabled" in ooxml.content_type(self._bytes)
        except InputError:
            raise
        except Exception as exc:  # openpyxl raises many kinds for a broken file
            raise InputError(T.A_CANNOT_OPEN.format(name=self.path.name, detail=exc)) from exc
        self._results: dict[str, dict[tuple[int, int], object]] = {}
        self.edits = ooxml.Edits()
        self.messages: list[tuple[str, str]] = []

    # -- Port
    def area(self, name: str) -> Area:
        defined = self._defined_name(name)
        if defined is None:
            raise MissingName(missing_name_message(name))
        return named_area(split_name(name)[1], defined.attr_text, self.book.sheetnames)

    def _defined_name(self, name: str) -> DefinedName | None:
        """The workbook's name, else a name of that spelling scoped to one of its sheets;
        "sheet!name" is that sheet's own."""
        sheet, local = split_name(name)
        if sheet is not None:
            if sheet not in self.book.sheetnames:
                return None
            return self.book[sheet].defined_names.get(local)
        for names in (self.book.defined_names, *(ws.defined_names for ws in self.book.worksheets)):
            if name in names:
                return names[name]
        return None

    def scopes(self, name: str) -> list[str]:
        """The sheets that hold `name` scoped to themselves, in tab order."""
        return [ws.title for ws in self.book.worksheets if name in ws.defined_names]

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
                if isinstance(value, str):
                    value = decoded(value)  # as Excel shows it (and calamine reads it)
                line.append(typed(value, cell.number_format))
            out.append(line)
        return out

    def filled_beyond(self, sheet: str, last_row: int, last_col: int) -> Filled | None:
        """The first cell holding something below row `last_row` or right of `last_col`."""
        cells = self.book[sheet]._cells  # only the cells the file holds, however far they are
        return first_filled(
            ((r, c, cell.value) for (r, c), cell in cells.items() if r > last_row or c > last_col),
            last_row,
            last_col,
        )

    def write(self, area: Area, values: Grid) -> None:
        """Write values; a cell hidden under another in a merged range is left alone."""
        ws = self.book[area.sheet]
        for i, line in enumerate(values):
            for j, value in enumerate(line):
                cell = ws.cell(area.row + i, area.col + j)
                if isinstance(cell, MergedCell):
                    continue
                _set(cell, value)
                self.edits.values[area.sheet, cell.row, cell.column] = value

    def fill(self, area: Area, color: str | None) -> None:
        for r in range(area.row, area.row + area.rows):
            for c in range(area.col, area.col + area.cols):
                self.edits.fills[area.sheet, r, c] = color

    def alert(self, message: str, title: str) -> None:
        self.messages.append((title, message))

    # -- sheets
    @property
    def sheet_names(self) -> list[str]:
        """The workbook's sheets in tab order, hidden ones too."""
        return list(self.book.sheetnames)

    def copy_sheet(
        self,
        source: str,
        name: str,
        before: str | None = None,
        drop_names: Collection[str] = (),
    ) -> None:
        """Copy sheet `source` as a new visible sheet `name` before sheet `before` (last if None),
        with the names scoped to it but `drop_names` (`ooxml.copy_sheet`).

        The copy is made of the file as opened: values written and not yet saved stay where
        they were written and are saved with the rest.
        """
        sheets = self.book.sheetnames
        for sheet in (source, before):
            if sheet is not None and sheet not in sheets:
                raise InputError(T.A_NO_SHEET.format(name=self.path.name, sheet=sheet))
        problem = ooxml.sheet_name_problem(name, sheets)
        if problem is not None:
            reason = T.A_SHEET_NAME_PROBLEMS.get(problem, problem)
            raise InputError(T.A_SHEET_NAME.format(sheet=name, reason=reason))
        self._rebuilt(
            lambda data: ooxml.copy_sheet(data, source, name, before=before, drop_names=drop_names)
        )

    def delete_sheet(self, name: str) -> None:
        """Delete sheet `name` (`ooxml.delete_sheet`); what was written to it is forgotten."""
        if name not in self.book.sheetnames:
            raise InputError(T.A_NO_SHEET.format(name=self.path.name, sheet=name))
        if not any(ws.sheet_state == "visible" for ws in self.book.worksheets if ws.title != name):
            raise InputError(T.A_LAST_VISIBLE_SHEET.format(sheet=name))
        self._rebuilt(lambda data: ooxml.delete_sheet(data, name))
        for edits in (self.edits.values, self.edits.fills):
            for key in [k for k in edits if k[0] == name]:
                del edits[key]

    def _rebuilt(self, change: Callable[[bytes], bytes]) -> None:
        """Change the package, then read it again; values written so far stay written."""
        try:
            data = change(self._bytes)
        except ooxml.PackageError as exc:
            raise InputError(T.A_CANNOT_PATCH.format(name=self.path.name, detail=exc)) from exc
        self._bytes = data
        self.book = _load(data)
        self._results = {}
        for (sheet, row, col), value in self.edits.values.items():
            if sheet in self.book.sheetnames:
                _set(self.book[sheet].cell(row, col), value)

    # -- file
    def save(self, path: str | Path | None = None) -> Path:
        """Save atomically; saving over the file it was opened from first keeps a backup of it."""
        target = Path(path) if path else self.path
        in_place = path is None or same_file(target, self.path)
        if not in_place and self.macros and target.suffix.lower() != ".xlsm":
            raise InputError(T.A_KEEP_MACROS.format(name=self.path.name, target=target.name))
        if not in_place and not self.macros and target.suffix.lower() == ".xlsm":
            raise InputError(T.A_NO_MACROS.format(name=self.path.name, target=target.name))

        def write(f: BinaryIO) -> None:
            try:
                ooxml.patch(self._bytes, self.edits, f)
            except ooxml.SharedFormulaError as exc:
                raise InputError(T.A_SHARED_FORMULA.format(sheet=exc.sheet, cell=exc.cell)) from exc
            except ooxml.PackageError as exc:
                raise InputError(T.A_CANNOT_PATCH.format(name=self.path.name, detail=exc)) from exc

        return save_atomically(target, write, backup=in_place)

    def _computed(self, sheet: str, row: int, col: int, formula: object) -> object:
        """The cached result of a formula cell; a clerk's formula is never evaluated here."""
        if sheet not in self._results:
            self._results[sheet] = ooxml.formula_results(self._bytes, sheet)
        value = self._results[sheet].get((row, col))
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            number_format = self.book[sheet].cell(row, col).number_format
            if is_date_format(number_format):
                value = from_excel(value, self.book.epoch)
        if value is None:
            raise InputError(
                T.A_NO_CACHED_VALUE.format(
                    sheet=sheet, cell=f"{col_letter(col - 1)}{row}", formula=formula
                )
            )
        return value


def _set(cell: Cell, value: object) -> None:
    """Put a written value into the model, as the package patch will store it."""
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # text stays text, never a formula


def _load(data: bytes) -> Workbook:
    """openpyxl's model of the package, for reading. Its warnings that it will drop parts it
    does not model (extension lists…) do not apply: saves patch the package instead."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return openpyxl.load_workbook(io.BytesIO(data))
