"""Any workbook file (.xlsx, .xlsm, .xls, .ods) as plain grids of values, one per sheet.

python-calamine reads all four formats; it gives values without their number formats, so
for .xlsx/.xlsm a percentage typed in Excel (0.995 shown as 99.5%) is turned back into the
text "99.5%" from openpyxl's reading of the formats. Dates arrive as dates. A formula's
saved result is its value; a formula never saved reads as blank. Nothing is evaluated.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from xml.etree.ElementTree import ParseError

from xlsrc import ooxml
from xlsrc.domain import text as T
from xlsrc.domain.shown import shown
from xlsrc.domain.values import Typed, format_unit
from xlsrc.errors import InputError
from xlsrc.safety import check_any_workbook

Grid = list[list[object]]
Span = tuple[int, int, int, int]  # first row, first column, last row, last column (0-based)
SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


@dataclass(frozen=True)
class Book:
    """A workbook's sheets as grids; `formats_known` when percentages arrived as text."""

    name: str
    sheets: list[tuple[str, Grid]]
    merged: dict[str, list[Span]] = field(default_factory=dict)
    formats_known: bool = True


def read_book(path: str | Path, data: bytes | None = None) -> Book:
    """Every sheet of the file as a grid of values; a clerk's sentence for a file that cannot be read.

    `data` is the file's content when the caller has read it already.
    """
    path = Path(path)
    if data is None:
        if path.is_dir():
            raise InputError(T.A_INPUT_IS_FOLDER.format(path=path))
        if not path.is_file():
            raise InputError(T.A_NO_FILE.format(path=path))
    if path.suffix.lower() not in SUFFIXES:
        raise InputError(T.R_SUFFIX.format(name=path.name))
    if data is None:
        data = path.read_bytes()
    check_any_workbook(data, path.name)
    try:
        import python_calamine
    except ImportError as exc:  # a dependency; told plainly if an install lost it
        raise InputError(T.R_NEEDS_CALAMINE.format(detail=exc)) from exc
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets: list[tuple[str, Grid]] = []
        merged: dict[str, list[Span]] = {}
        for name in book.sheet_names:
            sheet = book.get_sheet_by_name(name)
            sheets.append(
                (name, [[_value(v) for v in row] for row in sheet.to_python(skip_empty_area=False)])
            )
            spans = sheet.merged_cell_ranges or []
            merged[name] = [(a[0], a[1], b[0], b[1]) for a, b in spans]
    except Exception as exc:  # calamine raises its own kinds for damaged files
        raise InputError(T.R_CANNOT_READ.format(name=path.name, detail=exc)) from exc
    suffix = path.suffix.lower()
    known = suffix in (".xlsx", ".xlsm", ".ods")
    try:
        if suffix in (".xlsx", ".xlsm"):
            _percentages(data, sheets)
        elif suffix == ".ods":
            _ods_shown(data, sheets)
    except (ooxml.PackageError, zipfile.BadZipFile, KeyError, ParseError) as exc:
        raise InputError(T.R_CANNOT_READ.format(name=path.name, detail=exc)) from exc
    return Book(path.name, sheets, merged, known)


def _value(v: object) -> object:
    return None if v == "" else v


def _percentages(data: bytes, sheets: list[tuple[str, Grid]]) -> None:
    """Numbers shown as percentages or with a unit become the text the clerk sees:
    0.995 in "0.0%" → "99.5%", 1180 in `#,##0"个"` → "1,180个"."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS

    package = ooxml.Package(data)
    try:
        formats = {
            i: f for i, f in package.shown_formats(BUILTIN_FORMATS).items() if any(format_unit(f))
        }
        for name, grid in sheets:
            if name not in package.sheets:
                continue
            for (r, c), number_format in package.styled_cells(name, formats).items():
                if r > len(grid) or c > len(grid[r - 1]):
                    continue
                v = grid[r - 1][c - 1]
                if isinstance(v, (int, float)) and not isinstance(v, bool):
                    grid[r - 1][c - 1] = _shown(v, number_format)
    finally:
        package.close()


_ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ODS_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_ODS_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_PLAIN_NUMBER = re.compile(r"-?[\d,]*\.?\d*")


def _ods_shown(data: bytes, sheets: list[tuple[str, Grid]]) -> None:
    """What an .ods shows where a number's text says more than the number: a percentage keeps
    its percent sign (0.995 → "99.5%"), a number shown with a unit its text ("1,180个").

    An .ods cell carries its value type and the text it shows (office:value-type, text:p), so
    no format needs reading. Repeated rows and columns are counted, never expanded.
    """
    from defusedxml.ElementTree import iterparse

    grids = dict(sheets)
    with zipfile.ZipFile(io.BytesIO(data)) as z, z.open("content.xml") as f:
        grid: Grid | None = None
        r = c = 0
        shown_text: list[str] = []
        for event, el in iterparse(f, events=("start", "end")):
            tag = el.tag
            if event == "start":
                if tag == _ODS_TABLE + "table":
                    grid, r = grids.get(el.get(_ODS_TABLE + "name", "")), 0
                elif tag == _ODS_TABLE + "table-row":
                    c = 0
                elif tag in (_ODS_TABLE + "table-cell", _ODS_TABLE + "covered-table-cell"):
                    shown_text = []
                continue
            if tag == _ODS_TEXT + "p":
                shown_text.append("".join(el.itertext()))
            elif tag in (_ODS_TABLE + "table-cell", _ODS_TABLE + "covered-table-cell"):
                repeat = int(el.get(_ODS_TABLE + "number-columns-repeated", "1"))
                kind = el.get(_ODS_OFFICE + "value-type")
                if grid is not None and kind in ("percentage", "float", "currency"):
                    _ods_cell(grid, r, c, kind, "\n".join(shown_text))
                c += repeat
                el.clear()
            elif tag == _ODS_TABLE + "table-row":
                r += int(el.get(_ODS_TABLE + "number-rows-repeated", "1"))
                el.clear()


def _ods_cell(grid: Grid, r: int, c: int, kind: str, text: str) -> None:
    if r >= len(grid) or c >= len(grid[r]):
        return
    v = grid[r][c]
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return
    if kind == "percentage":
        grid[r][c] = percent_text(v)
    elif text and not _PLAIN_NUMBER.fullmatch(text.strip()):
        grid[r][c] = text.strip()  # a unit or a currency sign the cell shows with its number


def percent_text(v: float) -> str:
    """0.995 → "99.5%", 1 → "100%"."""
    number = (Decimal(repr(float(v))) * 100).normalize()
    return f"{number:f}%"


def _shown(v: float, number_format: str) -> str:
    """The text the cell shows; a percentage keeps every digit stored (99.5%, not 100% in "0%"),
    since the number is what the rules score."""
    percent, unit = format_unit(number_format)
    if percent and not unit:
        return percent_text(v)
    return shown(Typed(float(v), number_format))
