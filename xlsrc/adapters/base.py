"""The interface the use cases need from a workbook, and the cell-area value they pass around."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Protocol

from xlsrc.a1 import col_letter, parse_ref
from xlsrc.domain import text as T
from xlsrc.errors import LayoutError

Grid = list[list[object]]
__all__ = [
    "CELL_LIMIT",
    "Area",
    "Grid",
    "Port",
    "cell_length",
    "cut_to_cell",
    "missing_name_message",
    "named_area",
    "parse_ref",
    "safe_text",
]


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


def split_name(name: str) -> tuple[str | None, str]:
    """ "项目A!xs_prj_total" → ("项目A", "xs_prj_total"): a name scoped to a sheet, as Excel
    writes it; a workbook-level name has no sheet. A defined name never holds "!"."""
    sheet, bang, local = name.rpartition("!")
    return (sheet, local) if bang else (None, name)


def scoped_name(sheet: str, name: str) -> str:
    """The name `name` scoped to `sheet`, spelled as `split_name` reads it."""
    return f"{sheet}!{name}"


def _where(name: str) -> str:
    """Where the template puts a name: "（应指向工作表“自评表”的 B14:O53，绩效指标）"."""
    from xlsrc import forms

    sheet, local = split_name(name)
    if local not in forms.BY_NAME:
        return ""
    form, element = forms.BY_NAME[local]
    return T.A_MISSING_NAME_WHERE.format(
        sheet=sheet or form.sheet, ref=element.ref, label=element.label
    )


def missing_name_message(name: str) -> str:
    """What to tell the clerk when a defined name xlsrc needs is not in the workbook."""
    return T.A_MISSING_NAME.format(name=name, where=_where(name))


# One area of a name's reference: a sheet (quoted when it must be) and a cell or rectangle.
_AREA = re.compile(
    r"(?:'(?P<quoted>(?:[^']|'')+)'|(?P<plain>[^'!,]+))!"
    r"(?P<ref>\$?[A-Za-z]{1,3}\$?[0-9]+(?::\$?[A-Za-z]{1,3}\$?[0-9]+)?)"
)


def _areas(text: str) -> list[str]:
    """The comma-separated parts of a reference, commas inside quoted sheet names kept."""
    parts, part, quoted = [], "", False
    for ch in text:
        if ch == "'":
            quoted = not quoted
        if ch == "," and not quoted:
            parts.append(part)
            part = ""
        else:
            part += ch
    return [*parts, part]


def named_area(name: str, refers: str, sheets: Collection[str]) -> Area:
    """The rectangle of a defined name's reference ("='自评表'!$B$14:$O$53").

    A reference the clerk broke is a LayoutError that says what is wrong with it and how to
    mend it in 名称管理器: #REF! (rows, columns or the sheet deleted), several areas, a sheet
    that is not in the workbook, or something other than a cell area.
    """
    text = refers.strip().removeprefix("=").strip()
    shown, where = f"={text}", _where(name)
    if "#REF!" in text.upper():
        raise LayoutError(T.A_NAME_REF.format(name=name, refers=shown, where=where))
    if len(_areas(text)) > 1:
        raise LayoutError(T.A_NAME_AREAS.format(name=name, refers=shown, where=where))
    match = _AREA.fullmatch(text)
    if match is None:
        raise LayoutError(T.A_NAME_NOT_RANGE.format(name=name, refers=shown, where=where))
    sheet = match["plain"] or match["quoted"].replace("''", "'")
    if sheet not in sheets:
        raise LayoutError(
            T.A_NAME_NO_SHEET.format(name=name, refers=shown, sheet=sheet, where=where)
        )
    return Area(sheet, *parse_ref(match["ref"]))


Filled = tuple[int, int, object, int]  # row, column and value of the first cell; how many


def first_filled(
    cells: Iterable[tuple[int, int, object]], last_row: int, last_col: int
) -> Filled | None:
    """The first (by row, then column) of `cells` below `last_row` or right of `last_col` that
    holds something, and how many such cells there are."""
    first: tuple[int, int, object] | None = None
    count = 0
    for row, col, value in cells:
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if row > last_row or col > last_col:
            count += 1
            if first is None or (row, col) < first[:2]:
                first = (row, col, value)
    return None if first is None else (*first, count)


def safe_text(value: object) -> object:
    """Keep text as text: a string Excel would read as a formula gets the text prefix "'"."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


# Characters an Excel cell holds (Excel's specifications); Excel counts UTF-16 code units, so a
# character beyond the Basic Multilingual Plane (an emoji, a rare CJK ideograph) counts twice.
CELL_LIMIT = 32_767


def cell_length(text: str) -> int:
    """Length of `text` as Excel counts it against `CELL_LIMIT`."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def cut_to_cell(text: str) -> str:
    """`text` if a cell holds it, else its head ending with a visible note that the rest was cut."""
    if len(text) <= CELL_LIMIT // 2 or cell_length(text) <= CELL_LIMIT:
        return text
    mark = T.A_CUT_MARK.format(limit=CELL_LIMIT)
    room, used = CELL_LIMIT - cell_length(mark), 0
    for i, ch in enumerate(text):
        used += 2 if ord(ch) > 0xFFFF else 1
        if used > room:
            return text[:i] + mark
    raise AssertionError("unreachable: the text was longer than the cell")


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

    # Optional: `scopes(name) -> list[str]`, the sheets (in tab order) that hold a name scoped
    # to themselves; `area("sheet!name")` is that sheet's. A port without it has no projects.
