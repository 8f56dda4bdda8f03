"""How much room text takes on a printed sheet: widths, wrapped lines, row heights and pages.

Excel neither sizes merged cells nor rows whose height was set, and LibreOffice does not size
rows when it opens an .xlsx, so the builder, the 定稿 and the tests size rows themselves, all
with these functions. They are deliberately generous: a row a little too tall costs white
space; a row too short cuts the form's text off on paper.

Units: column widths in Excel's character units (the width of "0" of the workbook's default
font, 7 pixels for Calibri 11), heights in points.

References:
    Excel's column width: pixels = trunc(width × 7 + 5) for the default Calibri 11
    (Microsoft, "ColumnWidth" / ECMA-376 §18.3.1.13). Measured with LibreOffice 7.4 and
    fonts-noto-cjk: a CJK character of 10 pt takes 1.6 units, a digit 1.0, a line 14.6 pt;
    Excel with 宋体 needs 1.9, 0.95 and 13.5: the values below cover both.

Limitations:
    Proportional Latin text is counted at one unit a character, bold text as regular.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

BASE_SIZE = 10.0  # the font size the widths below are for
WIDE, NARROW = 2.0, 1.0  # units per character at BASE_SIZE: CJK and full-width, the rest
CELL_PADDING = 1.0  # units a cell keeps clear of its borders
LINE_FACTOR = 1.5  # points per line per point of font size (CJK fonts need the leading)
ROW_PADDING = 4.0  # points above and below the text
DEFAULT_ROW = 15.0  # Excel's default row height, points
MAX_ROW = 409.0  # Excel's highest row, points

# Punctuation that may not start a line (it stays with the character before it).
_NO_LINE_START = set("，。、；：？！）》」』”’%％,.;:?!)]}")


def char_width(ch: str, size: float = BASE_SIZE) -> float:
    """Width of one character in column units.

    Ambiguous-width characters (≥ ≤ “ ” ×) are full width in Chinese fonts, so they count wide.
    """
    if unicodedata.combining(ch):
        return 0.0
    wide = unicodedata.east_asian_width(ch) in "WFA"
    return (WIDE if wide else NARROW) * size / BASE_SIZE


def text_width(text: str, size: float = BASE_SIZE) -> float:
    """Width of a one-line string in column units: "产出指标" → 8, "≥95%" → 5."""
    return sum(char_width(ch, size) for ch in text)


def _units(paragraph: str) -> list[str]:
    """Pieces a line cannot break inside: a run of Latin letters and digits, or a character
    with the punctuation that must follow it on the same line."""
    units: list[str] = []
    for ch in paragraph:
        joins_word = ch.isascii() and ch.isalnum()
        if units and (
            ch in _NO_LINE_START
            or (joins_word and units[-1][-1].isascii() and units[-1][-1].isalnum())
        ):
            units[-1] += ch
        else:
            units.append(ch)
    return units


def lines(text: str, width: float, size: float = BASE_SIZE) -> int:
    """Lines a wrapped cell of `width` units needs for `text`; a paragraph per "\\n".

    Lines are filled greedily as Excel does, without breaking a Latin word or putting
    closing punctuation at the start of a line; a piece wider than a line is cut.
    """
    usable = max(width - CELL_PADDING, char_width("一", size))
    total = 0
    for paragraph in text.split("\n"):
        count, used = 1, 0.0
        for unit in _units(paragraph):
            w = text_width(unit, size)
            if used + w <= usable:
                used += w
                continue
            if used > 0:
                count += 1
            while w > usable:  # a piece longer than a line is broken where it must be
                w -= usable
                count += 1
            used = w
        total += count
    return total


def split_text(text: str, width: float, first: int, size: float = BASE_SIZE) -> tuple[str, str]:
    """`text` cut where `first` wrapped lines of `width` units end: (what they show, the rest).

    Lines are filled as `lines` fills them, so the first part needs at most `first` lines.
    """
    usable = max(width - CELL_PADDING, char_width("一", size))
    count, pos = 0, 0
    for p, paragraph in enumerate(text.split("\n")):
        count += 1
        used = 0.0
        for unit in _units(paragraph):
            w = text_width(unit, size)
            if used + w > usable and used > 0:
                count += 1
                used = 0.0
            if count > first:
                return text[:pos].rstrip("\n"), text[pos:].lstrip("\n")
            used += w
            while used > usable:  # a piece longer than a line runs over several
                used -= usable
                count += 1
            pos += len(unit)
        if count >= first and p < text.count("\n"):
            return text[:pos], text[pos + 1 :]
        pos += 1  # the newline
    return text, ""


def line_height(size: float = BASE_SIZE) -> float:
    return LINE_FACTOR * size


def points(line_count: int, size: float = BASE_SIZE) -> float:
    """Row height in points that shows `line_count` lines at `size`."""
    return line_count * line_height(size) + ROW_PADDING


def height(text: str, width: float, size: float = BASE_SIZE) -> float:
    """Points a wrapped cell of `width` units needs to show all of `text`."""
    return points(lines(text, width, size), size)


def fit_rows(
    needs: Iterable[tuple[int, int, float]], fixed: Mapping[int, float] | None = None
) -> dict[int, float]:
    """Row heights that show every cell: `needs` are (first row, last row, points) of cells.

    `fixed` heights are kept as a minimum. A cell on one row sets that row's height; a cell
    merged down several rows adds what it lacks beyond their heights, shared equally, so a
    tall label beside a tall text box adds nothing. Rows not in the result keep the default.
    """
    heights = dict(fixed or {})
    spans = []
    for first, last, need in needs:
        if first == last:
            heights[first] = max(heights.get(first, 0.0), need)
        else:
            spans.append((last - first, first, last, need))
    for _, first, last, need in sorted(spans):
        rows = range(first, last + 1)
        lacking = need - sum(max(heights.get(r, 0.0), DEFAULT_ROW) for r in rows)
        if lacking > 0:
            for r in rows:
                heights[r] = max(heights.get(r, 0.0), DEFAULT_ROW) + lacking / len(rows)
    return heights


# -- pages


A4_POINTS = (595.3, 841.9)
POINTS_PER_INCH = 72.0


def stored_width(width: float) -> float:
    """The width a file stores for a column `width` characters wide (its 5 pixels of padding
    included), as Excel and XlsxWriter write it: 7 → 7.7109375."""
    pixels = int(width * 7 + 0.5) + 5 if width >= 1 else int(width * 12 + 0.5)
    return int(pixels / 7 * 256) / 256


def shown_width(stored: float) -> float:
    """The width in characters of a column whose file says `stored`; the inverse of
    `stored_width`."""
    pixels = int(stored * 7 + 0.5)
    return max(pixels - 5, 0) / 7 if pixels >= 12 else pixels / 12


def column_points(width: float) -> float:
    """A column of `width` units as Excel prints it, in points (96 pixels an inch)."""
    return math.trunc(width * 7 + 5) * 0.75


def fit_scale(widths: Sequence[float], margins: tuple[float, float]) -> float:
    """The zoom Excel picks to fit these columns on one A4 portrait page width (≤ 100%).

    `margins` are left and right, in inches; Excel rounds the zoom down to a whole percent.
    """
    usable = A4_POINTS[0] - sum(margins) * POINTS_PER_INCH
    wanted = sum(column_points(w) for w in widths)
    return min(100, math.floor(usable / wanted * 100)) / 100 if wanted else 1.0


def page_rows_height(scale: float, margins: tuple[float, float], fill: float = 0.92) -> float:
    """Sheet points of rows that fit on one A4 portrait page at `scale` (top, bottom margins
    in inches); `fill` leaves room for a program that lays the rows out a little taller."""
    usable = A4_POINTS[1] - sum(margins) * POINTS_PER_INCH
    return usable / scale * fill


def paginate(
    heights: Sequence[float],
    page: float,
    keep: Sequence[tuple[int, int, bool]] = (),
    repeat: tuple[int, int] | None = None,
    waste: float = 0.3,
) -> list[int]:
    """Rows (0-based) that begin a new page, so that every page holds at most `page` points.

    `keep` lists ranges (first, last, strong) of rows that should stay on one page: a break
    falls before such a range rather than inside it, when the range fits on a page at all.
    A weak range is kept only if that leaves no more than `waste` of the page empty; a strong
    one whatever it costs. The earliest start that qualifies wins, so nested ranges move
    together when they can. `repeat` is the range of title rows printed again at the top of
    each following page.
    """
    titles = sum(heights[repeat[0] : repeat[1] + 1]) if repeat else 0.0
    breaks: list[int] = []
    start, used, r = 0, 0.0, 0
    while r < len(heights):
        if used + heights[r] <= page or r == start:
            used += heights[r]
            r += 1
            continue
        holding = [k for k in keep if start < k[0] < r <= k[1]]
        end = max((k[1] for k in holding), default=r)
        page_top = titles if repeat and start > repeat[1] else 0.0
        at = r
        for first, _, strong in sorted(holding):
            left = page - (page_top + sum(heights[start:first]))
            fits = sum(heights[first : end + 1]) + titles <= page
            if fits and (strong or left <= waste * page):
                at = first
                break
        # A break moved before a group must not cut a strong range either (a header kept
        # with the first row of the group it heads).
        moved = True
        while moved:
            moved = False
            for first, last, strong in keep:
                if strong and start < first < at <= last:
                    at, moved = first, True
        breaks.append(at)
        start, r = at, at
        used = titles if repeat and at > repeat[1] else 0.0
    return breaks
