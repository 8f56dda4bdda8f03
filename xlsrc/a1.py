"""A1 references: the one place that turns "B14:O53" into numbers and back.

Rows and columns are 1-based, as Excel counts them.
"""

from __future__ import annotations

import re

_CELL = re.compile(r"([A-Za-z]{1,3})(\d+)")


def col_letter(index0: int) -> str:
    """0-based column index → letters (0 → A, 26 → AA)."""
    out = ""
    n = index0 + 1
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def col_number(letters: str) -> int:
    """Letters → 1-based column number (A → 1, AA → 27)."""
    col = 0
    for ch in letters.upper():
        col = col * 26 + ord(ch) - 64
    return col


def parse_ref(ref: str) -> tuple[int, int, int, int]:
    """ "$B$14:$O$53" or "C3" → (row, col, rows, cols), 1-based; the inverse of `ref_of`."""
    coords = []
    for part in ref.replace("$", "").split(":"):
        m = _CELL.fullmatch(part)
        if not m:
            raise ValueError(ref)
        letters, digits = m.groups()
        coords.append((int(digits), col_number(letters)))
    if len(coords) > 2:
        raise ValueError(ref)
    (r1, c1), (r2, c2) = coords[0], coords[-1]
    return min(r1, r2), min(c1, c2), abs(r2 - r1) + 1, abs(c2 - c1) + 1


def cell_ref(row: int, col: int, absolute: bool = False) -> str:
    """(14, 2) → "B14" (or "$B$14")."""
    d = "$" if absolute else ""
    return f"{d}{col_letter(col - 1)}{d}{row}"


def ref_of(row: int, col: int, rows: int = 1, cols: int = 1, absolute: bool = False) -> str:
    """(14, 2, 40, 14) → "B14:O53"; a single cell → "B14"."""
    first = cell_ref(row, col, absolute)
    if rows == 1 and cols == 1:
        return first
    return f"{first}:{cell_ref(row + rows - 1, col + cols - 1, absolute)}"


def abs_ref(ref: str) -> str:
    """ "B14:O53" → "$B$14:$O$53"."""
    return ref_of(*parse_ref(ref), absolute=True)
