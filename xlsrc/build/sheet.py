"""A worksheet as values and format properties per cell, written out by XlsxWriter in one pass.

Collecting first lets a form's named cells be layered over its fixed text, and lets row
heights follow the text actually written (see `xlsrc.build.measure`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from xlsrc.a1 import cell_ref
from xlsrc.a1 import parse_ref as _parse_ref
from xlsrc.build import measure

FONT = "宋体"
FONT_SIZE = 10
DEFAULT_WIDTH = 8.43  # Excel's default column width


@dataclass(frozen=True)
class CachedFormula:
    """A formula with the value to cache, for viewers that do not recalculate."""

    text: str
    value: Any = ""


def parse_ref(ref: str) -> tuple[int, int, int, int]:
    """'B14:O53' or 'C5' → 0-based (first_row, first_col, last_row, last_col), as XlsxWriter counts."""
    row, col, rows, cols = _parse_ref(ref)
    return row - 1, col - 1, row + rows - 2, col + cols - 2


@dataclass
class Printing:
    """What a sheet prints (0-based rows and columns) and how it is paged.

    `breaks` are the rows that begin a page, set by the form (0-based, which is also
    XlsxWriter's numbering: the 1-based row above the break); without them breaks are placed
    by `Grid._paginate`, keeping the rows from `tail` to the end (a total, a note) together.
    """

    first_row: int
    last_row: int
    first_col: int
    last_col: int
    margins: dict[str, float]
    repeat: tuple[int, int] | None = None
    breaks: list[int] = field(default_factory=list)
    tail: int | None = None


def snap(points: float) -> float:
    """Round a height up to whole pixels (0.75 pt), as Excel stores it, never below the text."""
    return math.ceil(points / 0.75 - 1e-9) * 0.75


class Grid:
    """One worksheet as values + format properties per cell, written out in one pass.

    Collecting first lets field roles be layered over the static form, and lets row heights
    follow the text actually written: a row is given a height when its wrapped text needs
    more than one line, or when a cell reserves room for text the clerk will type (`reserve`);
    other rows keep no height, so the spreadsheet program sizes them as the clerk types.
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
        self.reserved: dict[tuple[int, int], str] = {}
        self.printing: Printing | None = None

    def columns(self, widths: dict[str, float]) -> None:
        for letter, width in widths.items():
            c = parse_ref(f"{letter}1")[1]
            self.widths[c] = width
            self.ws.set_column(c, c, width)

    def height(self, row1: int, points: float) -> None:
        self.heights[row1 - 1] = points

    def reserve(self, ref: str, text: str) -> None:
        """Size the rows of `ref` (a cell or its merged range) for at least this much text."""
        r1, c1, _, _ = parse_ref(ref)
        self.reserved[(r1, c1)] = text

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
        heights = self._heights()
        breaks = self.printing.breaks if self.printing else []
        if self.printing and not breaks:
            heights, breaks = self._paginate(heights)
        covered: set[tuple[int, int]] = set()
        for r1, c1, r2, c2 in self.merges:
            fmt = self.formats.get(self.props.get((r1, c1), {}))
            self.ws.merge_range(r1, c1, r2, c2, None, fmt)
            for r in range(r1, r2 + 1):
                covered.update((r, c) for c in range(c1 + 1 if r == r1 else c1, c2 + 1))
        for rc in sorted(set(self.values) | set(self.props)):
            if rc not in covered:
                r, c = rc
                self._write(r, c, self.values.get(rc), self.formats.get(self.props.get(rc, {})))
        for r in sorted(heights):
            if heights[r] > measure.DEFAULT_ROW or r in self.heights:
                self.ws.set_row(r, snap(min(heights[r], measure.MAX_ROW)))
        if breaks:
            self.ws.set_h_pagebreaks(sorted(breaks))

    def _heights(self) -> dict[int, float]:
        """Row heights (0-based rows) that show every wrapped text and reserved box."""
        needs = [(r1, r2, self._need(r1, c1, c2)) for r1, c1, r2, c2 in self.merges]
        for r, c in sorted(set(self.values) | set(self.props)):
            if not any(m[0] <= r <= m[2] and m[1] <= c <= m[3] for m in self.merges):
                needs.append((r, r, self._need(r, c, c)))
        return measure.fit_rows(needs, self.heights)

    def _paginate(self, heights: dict[int, float]) -> tuple[dict[int, float], list[int]]:
        """Page breaks for a form longer than a page, placed between merged groups where that
        wastes little, the rows after `printing.tail` kept with it. A group cut anyway is
        split there, its label written again on the new page (and its rows re-sized)."""
        p = self.printing
        assert p is not None
        scale = measure.fit_scale(
            [self.widths.get(c, DEFAULT_WIDTH) for c in range(p.first_col, p.last_col + 1)],
            (p.margins["left"], p.margins["right"]),
        )
        page = measure.page_rows_height(scale, (p.margins["top"], p.margins["bottom"]))
        rows = range(p.first_row, p.last_row + 1)
        keep = [
            (m[0] - p.first_row, m[2] - p.first_row, False)
            for m in self.merges
            if m[2] > m[0] and m[1] >= p.first_col and m[3] <= p.last_col
        ]
        if p.tail is not None:
            keep.append((p.tail - p.first_row, p.last_row - p.first_row, True))
        repeat = (p.repeat[0] - p.first_row, p.repeat[1] - p.first_row) if p.repeat else None
        breaks: list[int] = []
        for _ in range(5):
            sizes = [max(heights.get(r, 0.0), measure.DEFAULT_ROW) for r in rows]
            found = [b + p.first_row for b in measure.paginate(sizes, page, keep, repeat)]
            if found == breaks:
                break
            breaks = found
            self._split_merges(breaks)
            heights = self._heights()
        return heights, breaks

    def _split_merges(self, breaks: list[int]) -> None:
        for b in breaks:
            for i, (r1, c1, r2, c2) in enumerate(list(self.merges)):
                if r1 < b <= r2:
                    self.merges[i] = (r1, c1, b - 1, c2)
                    self.merges.append((b, c1, r2, c2))
                    if (r1, c1) in self.values:
                        self.values[(b, c1)] = self.values[(r1, c1)]

    def _need(self, r: int, c1: int, c2: int) -> float:
        """Points the wrapped text of the cell at (r, c1), spanning columns c1..c2, needs."""
        value = self.values.get((r, c1))
        props = self.props.get((r, c1), {})
        if not props.get("text_wrap"):
            return 0.0
        width = sum(self.widths.get(c, DEFAULT_WIDTH) for c in range(c1, c2 + 1))
        size = props.get("font_size", FONT_SIZE)
        texts = [self.reserved.get((r, c1), "")]
        if isinstance(value, (str, CachedFormula)):
            texts.append(value if isinstance(value, str) else str(value.value))
        return max((measure.height(t, width, size) for t in texts if t), default=0.0)

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
