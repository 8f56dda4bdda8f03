"""What a form module declares: its named cells (inputs and outputs) and its fixed text, as data.

A form is a sheet of the workbook laid out like the official form. The builder draws
any form from its declaration; the use cases read, write and place findings through
the same declaration, by field path ("budget.total", "indicator.score"), so no code
outside a form module knows where a cell is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from xlsrc.a1 import col_letter, col_number, parse_ref, ref_of


class Role(Enum):
    INPUT = "input"  # the clerk types here; buttons never write
    OUTPUT = "output"  # buttons write here


class Fmt(Enum):
    TEXT = "text"
    MONEY = "money"  # 万元, two decimals
    PERCENT = "percent"  # 0.00%
    SCORE = "score"  # General: 8.6, 10, 8.36
    INTEGER = "integer"
    LONGTEXT = "longtext"  # wrapped paragraph
    AS_TYPED = "as_typed"  # text format "@": "99.5%" or "2024/12/31" stays what was typed


# Choices of a dropdown that are known only when the workbook is built.
RULES_CHOICES = "rules"  # the installed rules files
BAND_CHOICES = "bands"  # the qualitative bands of the default rules


@dataclass(frozen=True)
class Formula:
    """A formula written by the builder, with the value viewers show before recalculating.

    `cached` is formatted with the workbook's context (year, unit, …); `sum_of` asks the
    builder to cache the sum of the numbers it wrote into that range.
    """

    text: str
    cached: str = ""
    sum_of: str = ""


def column_sum(letter: str, first: int, last: int) -> Formula:
    """=SUM of one column's rows, cached as the sum of what the builder wrote there."""
    ref = f"{letter}{first}:{letter}{last}"
    return Formula(f"=SUM({ref})", sum_of=ref)


def column_index(columns: tuple[Any, ...], key: str) -> int:
    """0-based position of the column with this key."""
    for i, col in enumerate(columns):
        if col.key == key:
            return i
    raise KeyError(key)


def runs(indexes: Iterable[int]) -> list[tuple[int, int]]:
    """Contiguous (first, count) runs of ascending 0-based indexes: [1, 2, 5] → [(1, 2), (5, 1)]."""
    out: list[tuple[int, int]] = []
    for i in indexes:
        if out and out[-1][0] + out[-1][1] == i:
            out[-1] = (out[-1][0], out[-1][1] + 1)
        else:
            out.append((i, 1))
    return out


@dataclass(frozen=True)
class Text:
    """Fixed text of the printed form; a range is merged. `style` names a set of the builder's."""

    ref: str
    value: str | bool | Formula | None = None
    style: str = ""
    props: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Criteria:
    """A criteria table from `first_row`, one tuple a row; None continues the cell above (merged)."""

    first_row: int
    rows: tuple[tuple[Any, ...], ...]
    left_aligned: str = ""  # column letters whose text is left-aligned

    @property
    def last_row(self) -> int:
        return self.first_row + len(self.rows) - 1


@dataclass(frozen=True)
class Cell:
    """One named cell: defined name, field path, where it is in the template, role and type."""

    name: str
    field: str
    ref: str
    role: Role
    fmt: Fmt = Fmt.TEXT
    label: str = ""  # Chinese label, for messages
    span: str = ""  # the merged range it is drawn as, if wider than `ref`
    choices: tuple[str, ...] | str = ()
    prompt: str = ""  # input message shown when the cell is selected
    budget: int = 0  # characters of typed text its printed box holds (merged cells do not grow)
    style: str = ""  # a set of the builder's drawn over the role's (e.g. "line": a pen's line)


@dataclass(frozen=True)
class Column:
    """One column of a table or matrix: the key its values go by, and how it is drawn."""

    key: str
    header: str
    role: Role
    width: float = 10
    fmt: Fmt = Fmt.TEXT
    printed: bool = True
    choices: tuple[str, ...] | str = ()
    prompt: str = ""  # input message shown when a cell of the column is selected


@dataclass(frozen=True)
class Table:
    """A named block of rows that all mean the same (the indicator rows, the 校验结果 list).

    The header row is right above the first row; clerks may insert rows inside it, and
    columns: each column is found by its header, not by its place.
    """

    name: str
    field: str
    first_row: int
    first_col: str
    rows: int
    columns: tuple[Column, ...]
    label: str = ""
    # Columns whose cells are merged down a group when printed (outer first): a blank cell or
    # the same label again continues the group above, as 一级/二级指标 on the official form.
    merged: tuple[str, ...] = ()

    @property
    def ref(self) -> str:
        return ref_of(self.first_row, col_number(self.first_col), self.rows, len(self.columns))

    @property
    def header_row(self) -> int:
        return self.first_row - 1

    def letter(self, key: str) -> str:
        return col_letter(col_number(self.first_col) - 1 + self.index(key))

    def index(self, key: str) -> int:
        return column_index(self.columns, key)


@dataclass(frozen=True)
class Line:
    """A row of a matrix that has a meaning of its own, found by its label."""

    key: str
    label: str
    indent: int = 0
    budget: int = 0  # characters of typed text the line's long-text inputs hold when printed


@dataclass(frozen=True)
class Matrix:
    """A named block whose rows are known lines (by label in `label_col`) and whose columns are keyed.

    Lines are matched by their label in order, so rows a clerk inserts are skipped and a
    line keeps its meaning; where labels cannot be read the lines go by position. Columns
    are found by their headers in the row right above, like a table's.
    """

    name: str
    field: str
    ref: str
    label_col: str
    lines: tuple[Line, ...]
    columns: tuple[Column, ...]
    label: str = ""
    draw_labels: bool = True
    label_style: str = "box"

    @property
    def role(self) -> Role:
        roles = {c.role for c in self.columns}
        return roles.pop() if len(roles) == 1 else Role.INPUT

    @property
    def first_row(self) -> int:
        return parse_ref(self.ref)[0]

    @property
    def header_row(self) -> int:
        return self.first_row - 1

    def index(self, key: str) -> int:
        return column_index(self.columns, key)


@dataclass(frozen=True)
class Button:
    caption: str
    macro: str  # a Sub of macros/Buttons.bas
    cell: str  # top-left cell


@dataclass(frozen=True)
class Page:
    """Print setup: A4, fitted to one page wide, numbered in the footer.

    `breaks` are rows that begin a new page; `freeze` is the top-left cell of the part of the
    sheet that scrolls (columns left of it and rows above it stay on screen).
    """

    area: str
    landscape: bool = False
    repeat_rows: tuple[int, int] | None = None
    breaks: tuple[int, ...] = ()
    freeze: str = ""


Named = Cell | Table | Matrix
Element = Text | Criteria | Named


@dataclass(frozen=True)
class Form:
    """One sheet of the workbook.

    `key` is the form's id ("附件2", "自评报告"), the name a rules file's `[forms] required`
    gives it; `official` marks the forms a bureau receives (printed and exported in the 定稿,
    in the order of their `filing`); the others are the workbook's own sheets.
    """

    key: str
    sheet: str
    title: str
    elements: tuple[Element, ...]
    widths: Mapping[str, float]
    page: Page
    heights: Mapping[int, float] = field(default_factory=dict)
    buttons: tuple[Button, ...] = ()
    hidden_columns: tuple[str, ...] = ()
    official: bool = False
    # Where an official form lies in the bureau's pile, the 定稿 and the Word attachments: the
    # report first (0s), then the attachments as numbered (附件1 10, 附件2 20, 附件4-1 41, …).
    filing: int = 0
    protected: bool = True  # locked cells (all but inputs) protected, without a password
    # A form of many instances (the projects): its defined names are scoped to its sheet, so
    # each copy of the sheet carries its own; the sheet as built is the hidden model.
    scoped: bool = False
    hidden: bool = False

    @property
    def named(self) -> tuple[Named, ...]:
        return tuple(e for e in self.elements if isinstance(e, (Cell, Table, Matrix)))


# Fill colours: clerks type into input cells; buttons write only to output cells.
COLOR_INPUT = "#FFF2CC"  # pale yellow
COLOR_OUTPUT = "#DDEBF7"  # pale blue
COLOR_ERROR = "#F8CBAD"  # salmon: an error found by 检查
COLOR_WARNING = "#FFE699"  # amber: a warning found by 检查
COLOR_HEADER = "#F2F2F2"
