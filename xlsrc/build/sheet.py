"""A worksheet as values and format properties per cell, written out by XlsxWriter in one pass.

Collecting first lets a form's named cells be layered over its fixed text, and lets row
heights follow the text actually written (neither Excel nor XlsxWriter sizes wrapped rows).
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from xlsrc.a1 import cell_ref
from xlsrc.a1 import parse_ref as _parse_ref

FONT = "宋体"
FONT_SIZE = 10
LINE_HEIGHT = 15.0  # points per wrapped line at FONT_SIZE (CJK fonts need the extra leading)
DEFAULT_ROW_HEIGHT = 15.0
MAX_ROW_HEIGHT = 409.0  # Excel's limit


@dataclass(frozen=True)
class CachedFormula:
    """A formula with the value to cache, for viewers that do not recalculate."""

    text: str
    value: Any = ""


def parse_ref(ref: str) -> tuple[int, int, int, int]:
    """'B14:O53' or 'C5' → 0-based (first_row, first_col, last_row, last_col), as XlsxWriter counts."""
    row, col, rows, cols = _parse_ref(ref)
    return row - 1, col - 1, row + rows - 2, col + cols - 2


def text_width(text: str) -> float:
    """Approximate display width in column units at FONT_SIZE (measured on LibreOffice output)."""
    return sum(1.6 if unicodedata.east_asian_width(ch) in "WF" else 0.9 for ch in text)


def wrapped_lines(text: str, width: float) -> int:
    usable = max(width - 1, 1)
    return sum(max(1, math.ceil(text_width(line) / usable)) for line in text.split("\n"))


class Grid:
    """One worksheet as values + format properties per cell, written out in one pass.

    Collecting first lets field roles be layered over the static form, and lets row heights
    follow the text actually written (neither Excel nor XlsxWriter sizes wrapped rows).
    """

    def __init__(self, book: Any, formats: Formats, name: str, vba_name: str) -> None:
        self.ws = book.add_worksheet(name)
        self.ws.set_vba_name(vba_name)
        self.formats = formats
        self.values: dict[tuple[int, int], Any] = {}
        self.props: dict[tuple[int, int], dict[str, Any]] = {}
        self.merges: list[tuple[int, int, int, int]] = []
        self.widths: dict[int, float] = {}
        self.heights: dict[int, float] = {}

    def columns(self, widths: dict[str, float]) -> None:
        for letter, width in widths.items():
            c = parse_ref(f"{letter}1")[1]
            self.widths[c] = width
            self.ws.set_column(c, c, width)

    def height(self, row1: int, points: float) -> None:
        self.heights[row1 - 1] = points

    def cells(self, ref: str) -> Iterator[tuple[int, int]]:
        r1, c1, r2, c2 = parse_ref(ref)
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                yield r, c

    def put(self, ref: str, value: Any = None, **props: Any) -> None:
        """Value into the top-left cell of `ref`, properties onto every cell of it."""
        r1, c1, _, _ = parse_ref(ref)
        if value is not None:
            self.values[(r1, c1)] = value
        for rc in self.cells(ref):
            self.props.setdefault(rc, {}).update(props)

    def merge(self, ref: str, value: Any = None, **props: Any) -> None:
        self.put(ref, value, **props)
        self.merges.append(parse_ref(ref))

    def row(self, ref: str, values: Iterable[Any], **props: Any) -> None:
        r, c, _, _ = parse_ref(ref)
        for i, v in enumerate(values):
            self.put(_cell(r, c + i), v, **props)

    def flush(self) -> None:
        covered: set[tuple[int, int]] = set()
        need: dict[int, float] = {}
        for r1, c1, r2, c2 in self.merges:
            fmt = self.formats.get(self.props.get((r1, c1), {}))
            self.ws.merge_range(r1, c1, r2, c2, None, fmt)
            for r in range(r1, r2 + 1):
                covered.update((r, c) for c in range(c1 + 1 if r == r1 else c1, c2 + 1))
            self._note_height(need, r1, r2, c1, c2)
        for rc in sorted(set(self.values) | set(self.props)):
            if rc in covered:
                continue
            r, c = rc
            self._write(r, c, self.values.get(rc), self.formats.get(self.props.get(rc, {})))
            if not any(m[0] <= r <= m[2] and m[1] <= c <= m[3] for m in self.merges):
                self._note_height(need, r, r, c, c)
        for r in sorted(set(need) | set(self.heights)):
            h = max(self.heights.get(r, 0.0), need.get(r, 0.0))
            if h > DEFAULT_ROW_HEIGHT or r in self.heights:
                self.ws.set_row(r, min(h, MAX_ROW_HEIGHT))

    def _note_height(self, need: dict[int, float], r1: int, r2: int, c1: int, c2: int) -> None:
        value = self.values.get((r1, c1))
        props = self.props.get((r1, c1), {})
        if not isinstance(value, (str, CachedFormula)) or not props.get("text_wrap"):
            return
        text = value if isinstance(value, str) else str(value.value)
        width = sum(self.widths.get(c, 8.43) for c in range(c1, c2 + 1))
        points = wrapped_lines(text, width) * LINE_HEIGHT + 4
        rows = r2 - r1 + 1
        # A merged cell spreads its text over its rows; only grow rows not sized otherwise.
        per_row = points / rows
        for r in range(r1, r2 + 1):
            need[r] = max(need.get(r, 0.0), per_row)

    def _write(self, r: int, c: int, value: Any, fmt: Any) -> None:
        ws = self.ws
        if isinstance(value, CachedFormula):
            ws.write_formula(r, c, value.text, fmt, value.value)
        elif value is None or value == "":
            ws.write_blank(r, c, None, fmt)
        elif isinstance(value, bool):
            ws.write_boolean(r, c, value, fmt)
        elif isinstance(value, (int, float)):
            ws.write_number(r, c, value, fmt)
        else:
            # Always a string, even when it looks like "=..." or a number: data stays data.
            ws.write_string(r, c, str(value), fmt)


def _cell(r: int, c: int) -> str:
    return cell_ref(r + 1, c + 1)


class Formats:
    """XlsxWriter formats shared by property set, on top of the body font."""

    BASE = {"font_name": FONT, "font_size": FONT_SIZE, "valign": "vcenter"}

    def __init__(self, book: Any) -> None:
        self.book = book
        self.cache: dict[tuple[tuple[str, Any], ...], Any] = {}

    def get(self, props: dict[str, Any]) -> Any:
        merged = {**self.BASE, **props}
        key = tuple(sorted(merged.items()))
        if key not in self.cache:
            self.cache[key] = self.book.add_format(merged)
        return self.cache[key]
