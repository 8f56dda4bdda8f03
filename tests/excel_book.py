"""Test support: a workbook behind the few xlwings calls `XlwingsBook` makes in desktop Excel.

There is no Excel here, and xlwings' remote engine neither copies sheet-scoped names nor lets
a client apply a sheet copy; so adding and removing projects through the xlwings adapter is
tested on this stand-in. It does what Excel does, as documented for the calls used:

- `Worksheet.Copy Before:=` (xlwings `Sheet.copy(before=, after=, name=)`) inserts a copy with
  the source's values, visibility and its own copies of the source's sheet-scoped names
  (Excel: "local names are copied with the sheet"), and returns it (xlwings finds the copy
  by the sheet names before and after, then renames it);
- `Worksheet.Delete` removes the sheet with the names scoped to it;
- `Name.Name` of a sheet-scoped name reads "'项目A'!xs_prj_name", `RefersTo` "='项目A'!$C$3";
- `Application.DisplayAlerts`, and `alert(..., buttons="yes_no")` answering "yes" or "no".

Reads and writes are counted like round trips to Excel.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import openpyxl

from xlsrc.a1 import parse_ref


def _quoted(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


class Name:
    def __init__(self, owner: list[Name], local: str, sheet: str, ref: str, scope: Any = None):
        self.owner, self.local, self.sheet, self.ref, self.scope = owner, local, sheet, ref, scope
        self.api = None  # a COM object in Excel; not the remote engine's dict

    @property
    def name(self) -> str:
        return self.local if self.scope is None else f"{_quoted(self.scope.name)}!{self.local}"

    @property
    def refers_to(self) -> str:
        return f"={_quoted(self.sheet)}!{self.ref}"

    def delete(self) -> None:
        self.owner.remove(self)


class Range:
    def __init__(self, sheet: Sheet, first: tuple[int, int], last: tuple[int, int] | None):
        self.sheet = sheet
        self.r1, self.c1 = first
        self.r2, self.c2 = last or first
        self.ndim = 2 if last is not None else 0

    def options(self, ndim: int = 0) -> Range:
        self.ndim = ndim
        return self

    @property
    def value(self) -> Any:
        self.sheet.book.reads += 1
        grid = [
            [self.sheet.cells.get((r, c)) for c in range(self.c1, self.c2 + 1)]
            for r in range(self.r1, self.r2 + 1)
        ]
        return grid if self.ndim == 2 else grid[0][0]

    @value.setter
    def value(self, grid: Any) -> None:
        self.sheet.book.writes += 1
        rows = grid if isinstance(grid, list) else [[grid]]
        for i, line in enumerate(rows):
            for j, v in enumerate(line):
                self.sheet.cells[(self.r1 + i, self.c1 + j)] = v

    @property
    def number_format(self) -> str:
        return "General"

    @property
    def color(self) -> None:
        return None

    @color.setter
    def color(self, value: Any) -> None:
        self.sheet.book.writes += 1

    @property
    def last_cell(self) -> Range:
        return Range(self.sheet, (self.r2, self.c2), None)

    @property
    def row(self) -> int:
        return self.r1

    @property
    def column(self) -> int:
        return self.c1


class Sheet:
    def __init__(self, book: Book, name: str, cells: dict, visible: bool) -> None:
        self.book, self._name, self.cells, self.visible = book, name, cells, visible
        self.api = object()

    @property
    def name(self) -> str:
        return self._name

    @property
    def names(self) -> list[Name]:
        return [n for n in self.book.local_names if n.scope is self]

    @property
    def index(self) -> int:
        return self.book.sheets.list.index(self) + 1

    def range(self, first: tuple[int, int], last: tuple[int, int] | None = None) -> Range:
        return Range(self, first, last)

    @property
    def used_range(self) -> Range:
        last_row = max((r for r, _ in self.cells), default=1)
        last_col = max((c for _, c in self.cells), default=1)
        return Range(self, (1, 1), (last_row, last_col))

    def copy(
        self, before: Sheet | None = None, after: Sheet | None = None, name: str = ""
    ) -> Sheet:
        sheets = self.book.sheets.list
        taken = {s.name.casefold() for s in sheets}
        if name.casefold() in taken:
            raise ValueError(f"Sheet named '{name}' already present in workbook")
        at = sheets.index(before) if before is not None else sheets.index(after) + 1
        new = Sheet(self.book, name, copy.deepcopy(self.cells), self.visible)
        sheets.insert(at, new)
        for n in list(self.names):  # the copy's own copies of the source's local names
            sheet = name if n.sheet == self.name else n.sheet
            self.book.local_names.append(Name(self.book.local_names, n.local, sheet, n.ref, new))
        return new

    def delete(self) -> None:
        assert not self.book.app.display_alerts or self.book.app.deletes_confirmed
        self.book.sheets.list.remove(self)
        self.book.local_names[:] = [n for n in self.book.local_names if n.scope is not self]


class Sheets:
    def __init__(self) -> None:
        self.list: list[Sheet] = []

    def __iter__(self):
        return iter(list(self.list))

    def __len__(self) -> int:
        return len(self.list)

    def __getitem__(self, key: int | str) -> Sheet:
        if isinstance(key, int):
            return self.list[key]
        for s in self.list:
            if s.name.casefold() == key.casefold():
                return s
        raise KeyError(key)


class App:
    def __init__(self, answers: list[str]) -> None:
        self.display_alerts = True
        self.deletes_confirmed = True  # xlwings' Sheet.delete turns DisplayAlerts off itself
        self.alerts: list[tuple[str, str]] = []
        self.answers = answers

    def alert(self, prompt: str, title: str = "", buttons: str = "ok", **_: Any) -> str | None:
        self.alerts.append((title, prompt))
        if buttons == "yes_no":
            return self.answers.pop(0)
        return None


class BookNames:
    def __init__(self, names: list[Name]) -> None:
        self.list = names

    def __iter__(self):
        return iter(list(self.list))

    def __getitem__(self, key: str) -> Name:
        for n in self.list:
            if n.name == key:
                return n
        raise KeyError(key)


class Book:
    """The workbook file as Excel would hold it once opened."""

    def __init__(self, path: Path, answers: list[str] | None = None) -> None:
        self.name = Path(path).name
        self.fullname = str(path)
        self.app = App(list(answers or []))
        self.sheets = Sheets()
        self.local_names: list[Name] = []
        self.book_names: list[Name] = []
        self.names = BookNames(self.book_names)
        self.reads = self.writes = 0
        wb = openpyxl.load_workbook(path, data_only=True)
        for ws in wb.worksheets:
            cells = {
                (c.row, c.column): c.value
                for row in ws.iter_rows()
                for c in row
                if c.value is not None
            }
            self.sheets.list.append(Sheet(self, ws.title, cells, ws.sheet_state == "visible"))
        for scope, defined in [(None, wb.defined_names)] + [
            (self.sheets[ws.title], ws.defined_names) for ws in wb.worksheets
        ]:
            for local, d in defined.items():
                dests = list(d.destinations)
                if len(dests) != 1:
                    continue
                sheet, ref = dests[0]
                owner = self.book_names if scope is None else self.local_names
                owner.append(Name(owner, local, sheet, ref, scope))

    @property
    def all_names(self) -> list[Name]:
        return self.book_names + self.local_names

    def value(self, sheet: str, ref: str) -> Any:
        row, col, _, _ = parse_ref(re.sub(r"\$", "", ref))
        return self.sheets[sheet].cells.get((row, col))

    def save(self) -> None:
        pass
