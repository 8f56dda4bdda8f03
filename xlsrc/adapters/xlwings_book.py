"""Adapter over a live xlwings Book (Excel desktop, or xlwings' remote engine in tests).

Each read or write is a round trip to Excel: a sheet is read once, from A1 to
the last used cell, and areas are sliced from that copy.

Sheets are copied and deleted (a project added or removed) only in Excel itself: xlwings'
remote engine, which xlwings Lite, xlwings Server and the WPS add-in run on, queues a copy as a
`copySheet` action that none of their clients applies, and copies no sheet-scoped names.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from xlsrc.adapters.base import (
    Area,
    Grid,
    missing_name_message,
    named_area,
    safe_text,
    split_name,
)
from xlsrc.domain import text as T
from xlsrc.domain.values import typed
from xlsrc.errors import InputError, MissingName


class XlwingsBook:
    """A `Port` over an `xlwings.Book`."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self._sheets: dict[str, Grid] = {}
        self._sheet_names: list[str] | None = None
        self._formats = True  # False once the engine says it cannot read number formats
        self._number_formats: dict[tuple[str, int, int], str | None] = {}

    @property
    def sheet_names(self) -> list[str]:
        """The workbook's sheets in tab order, hidden ones too."""
        return [sheet.name for sheet in self.book.sheets]

    @property
    def changes_sheets(self) -> bool:
        """Whether sheets can be added and deleted here: in Excel, not on the remote engine
        (whose book is the client's JSON, a dict)."""
        return not isinstance(getattr(self.book, "api", None), dict)

    def copy_sheet(
        self,
        source: str,
        name: str,
        before: str | None = None,
        drop_names: Collection[str] = (),
    ) -> None:
        """Copy sheet `source` as a new visible sheet `name` before sheet `before` (last if None).

        Excel gives the copy its own copies of the source's sheet-scoped names; those named in
        `drop_names` (the model's marker) are deleted from the copy. A hidden source gives a
        hidden copy, which is shown.
        """
        if not self.changes_sheets:
            raise InputError(T.P_NOT_HERE)
        sheets = self.book.sheets
        where = {"before": sheets[before]} if before is not None else {"after": sheets[-1]}
        app = self.book.app
        alerts = app.display_alerts
        app.display_alerts = False  # Excel asks nothing about names copied within one book
        try:
            copied = sheets[source].copy(name=name, **where)
        finally:
            app.display_alerts = alerts
        for each in list(copied.names):
            if str(each.name).rsplit("!", 1)[-1] in drop_names:
                each.delete()
        copied.visible = True
        self._forget()

    def delete_sheet(self, name: str) -> None:
        """Delete sheet `name` (xlwings asks Excel not to confirm)."""
        if not self.changes_sheets:
            raise InputError(T.P_NOT_HERE)
        self.book.sheets[name].delete()
        self._forget()

    def _forget(self) -> None:
        """Sheets were added or deleted: what was read of the book is read again."""
        self._sheets.clear()
        self._sheet_names = None
        self._number_formats.clear()

    def area(self, name: str) -> Area:
        found = self._name(name)
        if found is None:
            raise MissingName(missing_name_message(name))
        if self._sheet_names is None:
            self._sheet_names = [sheet.name for sheet in self.book.sheets]
        local = split_name(name)[1]
        return named_area(local, _refers_to(found, self._sheet_names), self._sheet_names)

    def scopes(self, name: str) -> list[str]:
        """The sheets that hold `name` scoped to themselves, in tab order."""
        return [s.name for s in self.book.sheets if _local(s, name) is not None]

    def _name(self, name: str) -> Any:
        """The book's name, else one scoped to a sheet: Excel calls that one "自评表!xs_…";
        "sheet!name" is that sheet's own."""
        sheet, local = split_name(name)
        if sheet is not None:
            try:
                return _local(self.book.sheets[sheet], local)
            except Exception:  # no such sheet: xlwings raises KeyError, or a COM error
                return None
        try:
            return self.book.names[name]
        except Exception:  # xlwings raises KeyError, or a COM error from Excel
            pass
        for each in self.book.names:
            if each.name.rsplit("!", 1)[-1] == name:
                return each
        return None

    def values(self, area: Area) -> Grid:
        grid = self._sheet(area.sheet)
        out: Grid = []
        for r in range(area.row - 1, area.row - 1 + area.rows):
            line = grid[r] if r < len(grid) else []
            out.append(
                [
                    self._typed(area.sheet, r, c, line[c]) if c < len(line) else None
                    for c in range(area.col - 1, area.col - 1 + area.cols)
                ]
            )
        return out

    def _typed(self, sheet: str, r: int, c: int, value: object) -> object:
        """A number with the format Excel shows it in (99.5% is 0.995 in "0.0%").

        Excel gives the format cell by cell, so only numbers are asked for it. xlwings' remote
        engine cannot read formats: there a number stays a number (the scorer reads a fraction
        against a percent target as a percentage, and warns), unless the host sent them with
        the book (`sent_formats`).
        """
        if not self._formats or isinstance(value, bool) or not isinstance(value, (int, float)):
            return value
        key = (sheet, r, c)
        if key not in self._number_formats:
            sent = sent_formats(self.book.sheets[sheet])
            if sent is not None:
                line = sent[r] if r < len(sent) else []
                found = line[c] if c < len(line) else None
            else:
                try:
                    found = self.book.sheets[sheet].range((r + 1, c + 1)).number_format
                except NotImplementedError:
                    self._formats = False
                    return value
            self._number_formats[key] = found if isinstance(found, str) else None
        return typed(value, self._number_formats[key])

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


def _local(sheet: Any, name: str) -> Any:
    """The name `name` scoped to `sheet`, or None."""
    try:
        names = list(sheet.names)
    except Exception:  # an engine without sheet names
        return None
    return next((n for n in names if str(n.name).rsplit("!", 1)[-1] == name), None)


def sent_formats(sheet: Any) -> Any:
    """The number formats a host sent beside a sheet's values in xlwings' JSON book protocol
    (`"number_formats"`, one string or null per cell, the shape of `"values"`), or None.

    xlwings' own clients send none; the WPS add-in (`xlsrc build-web`, wps/main.js) reads
    them through WPS's object model, so 99.5% typed there scores as it does in Excel.
    """
    api = getattr(sheet, "api", None)
    formats = api.get("number_formats") if isinstance(api, dict) else None
    return formats if isinstance(formats, list) else None


def _refers_to(name: Any, sheets: list[str]) -> str:
    """A name's reference as 名称管理器 shows it ("='自评表'!$B$14:$O$53").

    xlwings' remote engine gets names from the client's payload: the VBA client sends only
    names that refer to a range, as a sheet and an address that may hold several areas
    ("A1:B2,D1"), which its `refers_to` would cut to the first; Excel gives `refers_to`.
    """
    api = getattr(name, "api", None)
    if isinstance(api, dict):
        if api.get("refers_to"):
            return str(api["refers_to"])
        if api.get("address") and api.get("sheet_index") is not None:
            sheet = "'" + sheets[api["sheet_index"]].replace("'", "''") + "'"
            return "=" + ",".join(f"{sheet}!{part}" for part in str(api["address"]).split(","))
        return ""
    return str(name.refers_to or "")
