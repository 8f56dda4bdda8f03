"""A read-only `Port` over a workbook file read with python-calamine: for reading many files fast.

`xlsrc collect` reads hundreds of workbooks; openpyxl builds a model of every cell and style
of each, calamine only reads the values. The defined names and the number formats calamine
does not give are read from the package (`xlsrc.ooxml.Package`), so every value reaches the
use cases as `OpenpyxlFile` hands it: typed with its number format (0.995 shown as 99.5% is
99.5%). A sheet is read when a use case first asks for one of its cells.

A formula's saved result is its value; a formula saved without one reads as blank (calamine
cannot tell it from an empty cell), where `OpenpyxlFile` names the cell.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

from xlsrc import ooxml
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
from xlsrc.domain.values import typed
from xlsrc.errors import InputError, MissingName
from xlsrc.safety import check_workbook


class ReadOnly(Exception):
    """A use case that writes was given a workbook opened only for reading."""


class CalamineFile:
    """A `Port` that reads an .xlsx/.xlsm file's values; nothing is ever written to it."""

    def __init__(
        self, path: str | Path, data: bytes | None = None, package: ooxml.Package | None = None
    ) -> None:
        """`data` (the file's bytes) and `package` (its package, open) when the caller has them."""
        self.path = Path(path)
        if data is None:
            if not self.path.exists():
                raise InputError(T.A_NO_FILE.format(path=self.path))
            data = self.path.read_bytes()
        check_workbook(data, self.path.name)
        try:
            import python_calamine

            self.package = package or ooxml.Package(data)
            self.names = self.package.defined_names()
            self.local = self.package.local_names()
            self.book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        except ImportError as exc:
            raise InputError(T.R_NEEDS_CALAMINE.format(detail=exc)) from exc
        except Exception as exc:  # a damaged package: calamine and zipfile raise their own kinds
            raise InputError(T.A_CANNOT_OPEN.format(name=self.path.name, detail=exc)) from exc
        self.sheet_names = list(self.book.sheet_names)
        self._grids: dict[str, Grid] = {}
        self._formats: dict[str, dict[tuple[int, int], str]] = {}
        self._shown: dict[int, str] | None = None

    def area(self, name: str) -> Area:
        sheet, local = split_name(name)
        refers = self.names.get(name) if sheet is None else self.local.get((sheet, local))
        if refers is None:
            raise MissingName(missing_name_message(name))
        return named_area(local, refers, self.sheet_names)

    def scopes(self, name: str) -> list[str]:
        """The sheets that hold `name` scoped to themselves, in tab order."""
        held = {sheet for sheet, local in self.local if local == name}
        return [s for s in self.package.sheet_list if s in held]

    def values(self, area: Area) -> Grid:
        grid, formats = self._sheet(area.sheet)
        out: Grid = []
        for r in range(area.row, area.row + area.rows):
            line = grid[r - 1] if r - 1 < len(grid) else []
            out.append(
                [
                    typed(line[c - 1] if c - 1 < len(line) else None, formats.get((r, c)))
                    for c in range(area.col, area.col + area.cols)
                ]
            )
        return out

    def _sheet(self, sheet: str) -> tuple[Grid, dict[tuple[int, int], str]]:
        if sheet not in self._grids:
            try:
                rows = self.book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
                if self._shown is None:
                    from openpyxl.styles.numbers import BUILTIN_FORMATS

                    self._shown = self.package.shown_formats(BUILTIN_FORMATS)
                self._formats[sheet] = self.package.styled_cells(sheet, self._shown)
            except Exception as exc:  # a damaged sheet part
                raise InputError(T.A_CANNOT_OPEN.format(name=self.path.name, detail=exc)) from exc
            self._grids[sheet] = [[None if v == "" else v for v in row] for row in rows]
        return self._grids[sheet], self._formats[sheet]

    def filled_beyond(self, sheet: str, last_row: int, last_col: int) -> Filled | None:
        """The first cell holding something below row `last_row` or right of `last_col`."""
        grid, _ = self._sheet(sheet)

        def cells() -> Iterator[tuple[int, int, object]]:
            for r, line in enumerate(grid, 1):
                for c in range(0 if r > last_row else last_col, len(line)):
                    yield r, c + 1, line[c]

        return first_filled(cells(), last_row, last_col)

    def write(self, area: Area, values: Grid) -> None:
        raise ReadOnly(area.address)

    def fill(self, area: Area, color: str | None) -> None:
        raise ReadOnly(area.address)

    def alert(self, message: str, title: str) -> None:
        """Nothing to show: the file is only read."""

    def close(self) -> None:
        self.package.close()
        self.book.close()
