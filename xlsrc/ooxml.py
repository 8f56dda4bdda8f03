"""Edit a workbook package in place: write only the cells and styles that changed.

A workbook file is a zip of XML parts. Libraries that load it into a model and save the
model drop what they do not model (images, charts, comments' shapes, extension-list
validations and conditional formats, custom XML, Office add-in parts, cached values of
formulas). Here the package is copied part by part as it was, and only the cells xlsrc
writes are spliced into their sheet's XML (and, for a new fill, a fill and a cell format
appended to the styles part). Every other byte of every part stays as the clerk's
spreadsheet program wrote it.

Standard library only (zipfile, expat), so it runs wherever Python does, Pyodide included.
"""

from __future__ import annotations

import io
import math
import posixpath
import re
import unicodedata
import zipfile
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import BinaryIO
from xml.parsers import expat
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import unescape

from xlsrc.a1 import col_letter, col_number

CellKey = tuple[str, int, int]  # sheet name, row, column (1-based)

_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_OFFICE_DOCUMENT = _REL_NS + "/officeDocument"
_CALC_CHAIN = _REL_NS + "/calcChain"
_STYLES = _REL_NS + "/styles"
_TYPES = "[Content_Types].xml"
# What may follow <calcPr> in workbook.xml (CT_Workbook's sequence): a new calcPr goes before these.
_AFTER_CALC_PR = (
    "oleSize",
    "customWorkbookViews",
    "pivotCaches",
    "smartTagPr",
    "smartTagTypes",
    "webPublishing",
    "fileRecoveryPr",
    "webPublishObjects",
    "extLst",
)
_VALUE_ATTRS = ("t", "cm", "vm", "ph")  # attributes of <c> that describe the value, not the cell
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ESCAPE_LIKE = re.compile("_(x[0-9A-Fa-f]{4}_)")
_CELL_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)")
_EPOCH = datetime(1899, 12, 30)


class PackageError(Exception):
    """The package cannot be edited as asked (a part is missing or malformed)."""


class SharedFormulaError(PackageError):
    """An edited cell holds the master of a shared formula that other cells still use."""

    def __init__(self, sheet: str, cell: str) -> None:
        super().__init__(f"{sheet}!{cell}")
        self.sheet = sheet
        self.cell = cell


# ---------------------------------------------------------------- XML text helpers
def _escape_text(text: str) -> str:
    text = _ESCAPE_LIKE.sub(r"_x005F_\1", text)  # a literal "_x0041_" must not read back as "A"
    text = _ILLEGAL_XML.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escape_attr(text: str) -> str:
    return (
        _escape_text(text)
        .replace('"', "&quot;")
        .replace("\t", "&#9;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
    )


def _attrs(attrs: Mapping[str, str]) -> str:
    return "".join(f' {k}="{_escape_attr(v)}"' for k, v in attrs.items())


_TAG = re.compile(rb"<[^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*>")


def _tag_end(data: bytes, start: int) -> int:
    """Index just after the '>' closing the tag that starts at `start` (quotes may hold '>')."""
    match = _TAG.match(data, start)
    if match is None:
        raise PackageError("unterminated tag")
    return match.end()


@dataclass
class _Element:
    """Where an element sits in its part's bytes."""

    start: int
    open_end: int  # just after the start tag
    attrs: dict[str, str]
    close: int = -1  # where the end tag starts (== open_end... for an empty element: end)
    end: int = -1  # just after the element

    @property
    def empty(self) -> bool:
        return self.close == self.end and self.open_end == self.end


class _Scanner:
    """Run expat over a part without namespace processing; report element spans by local name."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.parser = expat.ParserCreate()
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self._stack: list[tuple[str, _Element]] = []

    def run(self) -> None:
        try:
            self.parser.Parse(self.data, True)
        except expat.ExpatError as exc:
            raise PackageError(f"malformed XML: {exc}") from exc

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        start = self.parser.CurrentByteIndex
        element = _Element(start, _tag_end(self.data, start), attrs)
        local = name.rpartition(":")[2]
        self._stack.append((local, element))
        self.opened(local, name, element)

    def _end(self, name: str) -> None:
        local, element = self._stack.pop()
        at = self.parser.CurrentByteIndex
        if self.data[element.open_end - 2 : element.open_end] == b"/>":
            element.close = element.end = element.open_end
        else:
            element.close = at
            element.end = _tag_end(self.data, at)
        self.closed(local, element)

    @property
    def depth(self) -> int:
        return len(self._stack)

    def parent(self, up: int = 1) -> str:
        return self._stack[-1 - up][0] if len(self._stack) > up else ""

    def opened(self, local: str, qname: str, element: _Element) -> None: ...

    def closed(self, local: str, element: _Element) -> None: ...


def _splice(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    """Replace data[start:end] by text for each edit (edits may insert: start == end)."""
    out: list[bytes] = []
    pos = 0
    for start, end, text in sorted(edits, key=lambda e: (e[0], e[1])):
        if start < pos:
            raise PackageError("overlapping edits")
        out.append(data[pos:start])
        out.append(text)
        pos = end
    out.append(data[pos:])
    return b"".join(out)


# ---------------------------------------------------------------- values
def _number(value: float | int | Decimal) -> str:
    if isinstance(value, int):
        return str(value)
    number = float(value)
    if not math.isfinite(number):
        raise PackageError(f"not a finite number: {value!r}")
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return repr(number)


def _serial(value: date | datetime | time) -> float:
    if isinstance(value, datetime):
        return (value.replace(tzinfo=None) - _EPOCH).total_seconds() / 86400
    if isinstance(value, date):
        return float((value - _EPOCH.date()).days)
    return (value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6) / 86400


def cell_xml(prefix: str, attrs: Mapping[str, str], value: object) -> str:
    """The <c> element for `value` (None: an empty cell keeping its style)."""
    a = {k: v for k, v in attrs.items() if k not in _VALUE_ATTRS}
    p = prefix
    if value is None:
        return f"<{p}c{_attrs(a)}/>"
    if isinstance(value, bool):
        a["t"] = "b"
        body = f"<{p}v>{int(value)}</{p}v>"
    elif isinstance(value, (int, float, Decimal)):
        body = f"<{p}v>{_number(value)}</{p}v>"
    elif isinstance(value, (date, datetime, time)):
        body = f"<{p}v>{_number(_serial(value))}</{p}v>"
    else:
        a["t"] = "inlineStr"
        text = _escape_text(str(value))
        body = f'<{p}is><{p}t xml:space="preserve">{text}</{p}t></{p}is>'
    return f"<{p}c{_attrs(a)}>{body}</{p}c>"


# ---------------------------------------------------------------- sheets
@dataclass
class _Cell:
    element: _Element
    formula: dict[str, str] | None = None
    saved: list[str] | None = None  # the text of its <v>, if it has one


@dataclass
class _Row:
    number: int
    element: _Element
    cells: dict[int, _Cell] = field(default_factory=dict)


class _SheetScan(_Scanner):
    """A sheet part: where its rows and cells are, their formats, formulas and saved values."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.parser.CharacterDataHandler = self._text
        self.prefix = ""
        self.sheet_data: _Element | None = None
        self.rows: dict[int, _Row] = {}
        self.cols: list[tuple[int, int, int]] = []  # min, max, style
        self._row: _Row | None = None
        self._cell: _Cell | None = None
        self._last_row = 0
        self._last_col = 0

    def opened(self, local: str, qname: str, element: _Element) -> None:
        a = element.attrs
        if local == "sheetData" and self.depth == 2:
            self.prefix = qname[: len(qname) - len(local)]
            self.sheet_data = element
        elif local == "row" and self.parent() == "sheetData":
            number = int(a["r"]) if a.get("r") else self._last_row + 1
            self._last_row, self._last_col = number, 0
            self._row = self.rows[number] = _Row(number, element)
        elif local == "c" and self.parent() == "row" and self._row is not None:
            ref = a.get("r")
            match = _CELL_REF.fullmatch(ref) if ref else None
            col = col_number(match.group(1)) if match else self._last_col + 1
            self._last_col = col
            self._cell = self._row.cells[col] = _Cell(element)
        elif local == "f" and self.parent() == "c" and self._cell is not None:
            self._cell.formula = dict(a)
        elif local == "v" and self.parent() == "c" and self._cell is not None:
            self._cell.saved = []
        elif local == "col" and self.parent() == "cols":
            self.cols.append((int(a.get("min", 0)), int(a.get("max", 0)), int(a.get("style", 0))))

    def _text(self, text: str) -> None:
        if self._cell is not None and self._cell.saved is not None and self.parent(0) == "v":
            self._cell.saved.append(text)

    def closed(self, local: str, element: _Element) -> None:
        if local == "c":
            self._cell = None

    def style_of(self, row: int, col: int) -> int:
        """The cell format a cell shows: its own, else its row's, else its column's."""
        r = self.rows.get(row)
        if r is not None:
            c = r.cells.get(col)
            if c is not None:
                return int(c.element.attrs.get("s", 0))
            if r.element.attrs.get("customFormat") in ("1", "true") and "s" in r.element.attrs:
                return int(r.element.attrs["s"])
        for low, high, style in self.cols:
            if low <= col <= high:
                return style
        return 0


def _patch_sheet(
    name: str,
    scan: _SheetScan,
    values: Mapping[tuple[int, int], object],
    styles: Mapping[tuple[int, int], int],
) -> tuple[bytes, bool]:
    """The scanned sheet part with the given cells rewritten → (bytes, whether a formula was
    overwritten)."""
    data = scan.data
    if scan.sheet_data is None:
        raise PackageError(f"{name}: no sheetData")
    p = scan.prefix
    touched = sorted(set(values) | set(styles))
    edits: list[tuple[int, int, bytes]] = []
    dropped_formula = False
    new_rows: dict[int, list[str]] = {}
    new_cells: dict[int, dict[int, list[str]]] = {}  # row → insertion offset → cells
    for row, col in touched:
        ref = f"{col_letter(col - 1)}{row}"
        r = scan.rows.get(row)
        c = r.cells.get(col) if r else None
        if (row, col) not in values and scan.style_of(row, col) == styles[row, col]:
            continue  # the cell already looks as asked
        if c is not None:
            attrs = dict(c.element.attrs)
            if c.formula is not None and (row, col) in values:
                if c.formula.get("t") == "shared" and c.formula.get("ref"):
                    raise SharedFormulaError(name, ref)
                dropped_formula = True
        else:
            attrs = {"r": ref}
            style = scan.style_of(row, col)
            if style:
                attrs["s"] = str(style)
        if (row, col) in styles:
            attrs["s"] = str(styles[row, col])
        if (row, col) in values:
            text = cell_xml(p, attrs, values[row, col])
        elif c is not None:  # a style change only: keep the value part of the element as it is
            old = c.element
            text = f"<{p}c{_attrs(attrs)}" + data[
                old.open_end - (2 if old.empty else 1) : old.end
            ].decode("utf-8")
        else:
            text = cell_xml(p, attrs, None)
        if c is not None:
            edits.append((c.element.start, c.element.end, text.encode("utf-8")))
        elif r is not None:
            after = [k for k in r.cells if k > col]
            at = r.cells[min(after)].element.start if after else r.element.close
            new_cells.setdefault(row, {}).setdefault(at, []).append(text)
        else:
            new_rows.setdefault(row, []).append(text)
    for row, by_offset in new_cells.items():
        r = scan.rows[row]
        attrs = {k: v for k, v in r.element.attrs.items() if k != "spans"}
        if r.element.empty:
            body = "".join(t for texts in by_offset.values() for t in texts)
            edits.append(
                (r.element.start, r.element.end, f"<{p}row{_attrs(attrs)}>{body}</{p}row>".encode())
            )
            continue
        edits.append((r.element.start, r.element.open_end, f"<{p}row{_attrs(attrs)}>".encode()))
        for at, texts in by_offset.items():
            edits.append((at, at, "".join(texts).encode("utf-8")))
    sd = scan.sheet_data
    inserts: dict[int, list[str]] = {}
    for row in sorted(new_rows):
        later = [k for k in scan.rows if k > row]
        at = scan.rows[min(later)].element.start if later else sd.close
        inserts.setdefault(at, []).append(f'<{p}row r="{row}">{"".join(new_rows[row])}</{p}row>')
    for at, texts in inserts.items():
        body = "".join(texts).encode("utf-8")
        if sd.empty:
            edits.append(
                (
                    sd.start,
                    sd.end,
                    f"<{p}sheetData{_attrs(sd.attrs)}>".encode()
                    + body
                    + f"</{p}sheetData>".encode(),
                )
            )
        else:
            edits.append((at, at, body))
    return _splice(data, edits), dropped_formula


# ---------------------------------------------------------------- styles
class _StylesScan(_Scanner):
    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.prefix = ""
        self.fills: _Element | None = None
        self.fill_items: list[_Element] = []
        self.xfs: _Element | None = None
        self.xf_items: list[_Element] = []

    def opened(self, local: str, qname: str, element: _Element) -> None:
        if self.depth == 1:
            self.prefix = qname[: len(qname) - len(local)]
        if local == "fills" and self.depth == 2:
            self.fills = element
        elif local == "cellXfs" and self.depth == 2:
            self.xfs = element

    def closed(self, local: str, element: _Element) -> None:
        if local == "fill" and self.parent(0) == "fills":
            self.fill_items.append(element)
        elif local == "xf" and self.parent(0) == "cellXfs":
            self.xf_items.append(element)


class _Styles:
    """The styles part, and cell formats derived from existing ones with another fill."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        scan = self.scan = _StylesScan(data)
        scan.run()
        if scan.fills is None or scan.xfs is None or scan.fills.empty or scan.xfs.empty:
            raise PackageError("styles: no fills or cell formats")
        self.p = scan.prefix
        self.fills = [self._inner(f) for f in scan.fill_items]
        self.xfs = [(dict(x.attrs), self._inner(x)) for x in scan.xf_items]
        self.base_fills, self.base_xfs = len(self.fills), len(self.xfs)

    def _inner(self, element: _Element) -> str:
        return self.data[element.open_end : element.close].decode("utf-8")

    def _fill_id(self, color: str | None) -> int:
        p = self.p
        if color is None:
            inner = f'<{p}patternFill patternType="none"/>'
            wanted = 'patternType="none"'
        else:
            rgb = "FF" + color.lstrip("#").upper()
            inner = (
                f'<{p}patternFill patternType="solid"><{p}fgColor rgb="{rgb}"/>'
                f'<{p}bgColor indexed="64"/></{p}patternFill>'
            )
            # The fill's colour, not its bgColor: LibreOffice saves a solid fill with some
            # other fill's colour as its bgColor, which Excel does not show.
            wanted = f'<{p}fgColor rgb="{rgb}"'
        for i, existing in enumerate(self.fills):
            solid = 'patternType="solid"' in existing
            if wanted in existing and (color is None or solid) and existing.count("<") <= 4:
                return i
        self.fills.append(inner)
        return len(self.fills) - 1

    def with_fill(self, xf: int, color: str | None) -> int:
        """The index of a cell format equal to `xf` but for its fill."""
        if not 0 <= xf < len(self.xfs):
            xf = 0
        attrs, inner = self.xfs[xf]
        fill = str(self._fill_id(color))
        if attrs.get("fillId", "0") == fill:
            return xf
        new = {**attrs, "fillId": fill, "applyFill": "1"}
        for i, (a, body) in enumerate(self.xfs):
            if body == inner and a == new:
                return i
        self.xfs.append((new, inner))
        return len(self.xfs) - 1

    def bytes(self) -> bytes | None:
        """The part with the new fills and formats appended; None if nothing was added."""
        if len(self.fills) == self.base_fills and len(self.xfs) == self.base_xfs:
            return None
        p, scan = self.p, self.scan
        edits: list[tuple[int, int, bytes]] = []
        for element, items, count, render in (
            (scan.fills, self.fills, self.base_fills, lambda i: f"<{p}fill>{i}</{p}fill>"),
            (scan.xfs, self.xfs, self.base_xfs, None),
        ):
            assert element is not None
            added = items[count:]
            if not added:
                continue
            if render is None:
                text = "".join(
                    f"<{p}xf{_attrs(a)}>{body}</{p}xf>" if body else f"<{p}xf{_attrs(a)}/>"
                    for a, body in added  # type: ignore[misc]
                )
            else:
                text = "".join(render(i) for i in added)
            attrs = {**element.attrs, "count": str(len(items))}
            name = "fills" if render else "cellXfs"
            edits.append((element.start, element.open_end, f"<{p}{name}{_attrs(attrs)}>".encode()))
            edits.append((element.close, element.close, text.encode("utf-8")))
        return _splice(self.data, edits)


# ---------------------------------------------------------------- the package
def _rels_path(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def _target(source: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


part_target = _target  # the part a relationship of `source` points to


class _Collect(_Scanner):
    def __init__(self, data: bytes, local: str) -> None:
        super().__init__(data)
        self.local = local
        self.found: list[_Element] = []

    def closed(self, local: str, element: _Element) -> None:
        if local == self.local:
            self.found.append(element)


def _elements(data: bytes, local: str) -> list[_Element]:
    """Every element of that local name in a part, in document order (by where it ends)."""
    scan = _Collect(data, local)
    scan.run()
    return scan.found


def _workbook_part(read: Callable[[str], bytes]) -> str:
    for rel in _elements(read("_rels/.rels"), "Relationship"):
        if rel.attrs.get("Type") == _OFFICE_DOCUMENT:
            return _target("", rel.attrs.get("Target", ""))
    raise PackageError("no workbook part")


class _WorkbookScan(_Scanner):
    """workbook.xml: the sheets (name → relationship id), and where calcPr is or would go."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.sheets: dict[str, str] = {}
        self.calc_pr: _Element | None = None
        self.before_calc: int | None = None  # where a new calcPr would go
        self.root: _Element | None = None
        self.prefix = ""

    def opened(self, local: str, qname: str, element: _Element) -> None:
        if self.depth == 1:
            self.root = element
            self.prefix = qname[: len(qname) - len(local)]
        elif self.depth == 2:
            if local == "calcPr":
                self.calc_pr = element
            elif local in _AFTER_CALC_PR and self.before_calc is None:
                self.before_calc = element.start
        if local == "sheet" and self.parent() == "sheets":
            rid = next(
                (v for k, v in element.attrs.items() if k.rpartition(":")[2] == "id" and ":" in k),
                None,
            )
            if rid is not None:
                self.sheets[element.attrs.get("name", "")] = rid


class _Book:
    """A package open for reading: its workbook part, that part's relationships and sheets."""

    def __init__(self, z: zipfile.ZipFile) -> None:
        self.read = _reader(z)
        self.workbook = _workbook_part(self.read)
        self.rels_part = _rels_path(self.workbook)
        self.rels = _elements(self.read(self.rels_part), "Relationship")
        self.wb = _WorkbookScan(self.read(self.workbook))
        self.wb.run()

    def related(self, kind: str) -> list[_Element]:
        return [r for r in self.rels if r.attrs.get("Type") == kind]

    def target(self, rel: _Element) -> str:
        return _target(self.workbook, rel.attrs.get("Target", ""))

    def sheet_part(self, sheet: str) -> str:
        rid = self.wb.sheets.get(sheet)
        rel = next((r for r in self.rels if rid is not None and r.attrs.get("Id") == rid), None)
        if rel is None:
            raise PackageError(f"no sheet {sheet}")
        return self.target(rel)


@dataclass
class Edits:
    """What to change in a workbook: cell values and cell fills, by (sheet, row, column)."""

    values: dict[CellKey, object] = field(default_factory=dict)
    fills: dict[CellKey, str | None] = field(default_factory=dict)


def patch(data: bytes, edits: Edits, out: BinaryIO) -> None:
    """Write the package `data` with `edits` applied to `out` (a seekable binary file)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zin:
        book = _Book(zin)
        read = book.read
        styles_part = next((book.target(r) for r in book.related(_STYLES)), None)
        styles = _Styles(read(styles_part)) if edits.fills and styles_part else None

        by_sheet: dict[str, tuple[dict[tuple[int, int], object], dict[tuple[int, int], str | None]]]
        by_sheet = {}
        for (sheet, row, col), value in edits.values.items():
            by_sheet.setdefault(sheet, ({}, {}))[0][row, col] = value
        for (sheet, row, col), color in edits.fills.items():
            by_sheet.setdefault(sheet, ({}, {}))[1][row, col] = color
        replaced: dict[str, bytes] = {}
        removed: set[str] = set()
        dropped_formula = False
        for sheet, (values, fills) in by_sheet.items():
            part = book.sheet_part(sheet)
            scan = _SheetScan(read(part))
            scan.run()
            formats: dict[tuple[int, int], int] = {}
            if fills:
                if styles is None:
                    raise PackageError("no styles part")
                for (row, col), color in fills.items():
                    formats[row, col] = styles.with_fill(scan.style_of(row, col), color)
            replaced[part], dropped = _patch_sheet(sheet, scan, values, formats)
            dropped_formula = dropped_formula or dropped
        if styles is not None and styles_part is not None:
            new_styles = styles.bytes()
            if new_styles is not None:
                replaced[styles_part] = new_styles
        if edits.values:
            replaced[book.workbook] = _recalc_on_load(read(book.workbook), book.wb)
        chain = book.related(_CALC_CHAIN) if dropped_formula else []
        if chain:  # Excel rebuilds the calculation chain once a formula became a value
            removed.update(book.target(rel) for rel in chain)
            replaced[book.rels_part] = _splice(
                read(book.rels_part), [(r.start, r.end, b"") for r in chain]
            )
            types = read(_TYPES)
            drop = [
                o
                for o in _elements(types, "Override")
                if o.attrs.get("PartName", "").lstrip("/") in removed
            ]
            replaced[_TYPES] = _splice(types, [(o.start, o.end, b"") for o in drop])

        _write(zin, out, replaced, removed)


def _write(
    zin: zipfile.ZipFile,
    out: BinaryIO,
    replaced: Mapping[str, bytes],
    removed: set[str],
    added: Mapping[str, tuple[str, bytes]] | None = None,
) -> None:
    """Copy the package to `out` entry by entry, in its order: `replaced` parts with their new
    bytes, `removed` ones left out, and each `added` part (name → the part it follows, bytes)
    right after the part it follows."""
    after: dict[str, list[tuple[str, bytes]]] = {}
    for name, (previous, body) in (added or {}).items():
        after.setdefault(previous, []).append((name, body))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename not in removed:
                body = replaced[info.filename] if info.filename in replaced else zin.read(info)
                copy = zipfile.ZipInfo(info.filename, info.date_time)
                copy.compress_type = info.compress_type
                copy.external_attr = info.external_attr
                copy.create_system = info.create_system
                zout.writestr(copy, body)
            for name, body in after.get(info.filename, []):
                new = zipfile.ZipInfo(name, info.date_time)
                new.compress_type = zipfile.ZIP_DEFLATED
                new.external_attr = info.external_attr
                new.create_system = info.create_system
                zout.writestr(new, body)


def formula_results(data: bytes, sheet: str) -> dict[tuple[int, int], object]:
    """The result the spreadsheet program saved with each formula of `sheet`; None if none was saved.

    Numbers come back as openpyxl's reader gives them (int unless written with "." or "E"),
    booleans as bool, text and error values (#N/A…) as str. Nothing is evaluated.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        book = _Book(z)
        scan = _SheetScan(book.read(book.sheet_part(sheet)))
    scan.run()
    return {
        (row.number, col): _result(
            cell.element.attrs.get("t", "n"), None if cell.saved is None else "".join(cell.saved)
        )
        for row in scan.rows.values()
        for col, cell in row.cells.items()
        if cell.formula is not None
    }


def _result(kind: str, text: str | None) -> object:
    """A saved formula result as openpyxl's reader gives it (int unless written with . or E)."""
    if text is None or (text == "" and kind != "str"):
        return None
    if kind == "b":
        return text.strip() in ("1", "true")
    if kind in ("str", "e"):
        return text
    if kind != "n":
        return None  # no program saves a formula's result otherwise
    try:
        return float(text) if "." in text or "E" in text.upper() else int(text)
    except ValueError:
        return None


def _reader(z: zipfile.ZipFile) -> Callable[[str], bytes]:
    names = set(z.namelist())

    def read(part: str) -> bytes:
        if part not in names:
            raise PackageError(f"missing part {part}")
        return z.read(part)

    return read


def _recalc_on_load(data: bytes, wb: _WorkbookScan) -> bytes:
    """Ask the spreadsheet program to recalculate on open: formulas may use the cells written."""
    p = wb.prefix
    calc = wb.calc_pr
    if calc is not None:
        if calc.attrs.get("fullCalcOnLoad") in ("1", "true"):
            return data
        attrs = {**calc.attrs, "fullCalcOnLoad": "1"}
        tail = "/>" if calc.empty else ">"
        return _splice(
            data, [(calc.start, calc.open_end, f"<{p}calcPr{_attrs(attrs)}{tail}".encode())]
        )
    assert wb.root is not None
    at = wb.before_calc if wb.before_calc is not None else wb.root.close
    return _splice(data, [(at, at, f'<{p}calcPr fullCalcOnLoad="1"/>'.encode())])


def content_type(data: bytes) -> str:
    """The content type of the package's workbook part (it says whether macros are enabled)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        read = _reader(z)
        workbook = _workbook_part(read)
        for o in _elements(read(_TYPES), "Override"):
            if o.attrs.get("PartName", "").lstrip("/") == workbook:
                return o.attrs.get("ContentType", "")
    return ""


# ---------------------------------------------------------------- reading names and formats
# Reading for a summary of many files must cost little beside the cells' own reading, so the
# few parts needed are searched with regular expressions instead of parsed element by element:
# start tags, their attributes, and a defined name's text are all that is read.

# Number formats that say nothing about a value: a number in them is a plain number.
_PLAIN_FORMATS = frozenset({"", "General", "@"})
_ENTITIES = {"&apos;": "'", "&quot;": '"'}
_ATTR = re.compile(rb"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _unescape(raw: bytes) -> str:
    text = raw.decode("utf-8")
    return unescape(text, _ENTITIES) if "&" in text else text


def _tag_attrs(raw: bytes) -> dict[str, str]:
    return {
        m.group(1).decode(): _unescape(m.group(2) if m.group(2) is not None else m.group(3))
        for m in _ATTR.finditer(raw)
    }


def _start_tags(data: bytes, local: str) -> list[tuple[dict[str, str], int]]:
    """Every start tag of that local name (any prefix): its attributes and where it ends."""
    pattern = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?" + local.encode() + rb"(\s[^>]*)?>")
    return [(_tag_attrs(m.group(1) or b""), m.end()) for m in pattern.finditer(data)]


class Package:
    """A workbook package open for reading its names, sheets and number formats."""

    def __init__(self, data: bytes) -> None:
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            self.read = _reader(self.zip)
            root = next(
                (
                    a
                    for a, _ in _start_tags(self.read("_rels/.rels"), "Relationship")
                    if a.get("Type") == _OFFICE_DOCUMENT
                ),
                None,
            )
            if root is None:
                raise PackageError("no workbook part")
            self.workbook = _target("", root.get("Target", ""))
            self.rels = [
                a for a, _ in _start_tags(self.read(_rels_path(self.workbook)), "Relationship")
            ]
            self.part = self.read(self.workbook)
        except (zipfile.BadZipFile, KeyError, UnicodeDecodeError) as exc:
            raise PackageError(str(exc)) from exc
        self._names: dict[str, str] | None = None
        self.sheets: dict[str, str] = {}
        self.sheet_list: list[str] = []  # every sheet the workbook part lists, twice if twice
        for attrs, _ in _start_tags(self.part, "sheet"):
            self.sheet_list.append(attrs.get("name", ""))
            rid = next(
                (v for k, v in attrs.items() if k.rpartition(":")[2] == "id" and ":" in k), None
            )
            if rid is not None:
                self.sheets[attrs.get("name", "")] = rid

    def close(self) -> None:
        self.zip.close()

    def _related(self, kind: str) -> list[dict[str, str]]:
        return [r for r in self.rels if r.get("Type") == kind]

    def sheet_part(self, sheet: str) -> str:
        rid = self.sheets.get(sheet)
        rel = next((r for r in self.rels if rid is not None and r.get("Id") == rid), None)
        if rel is None:
            raise PackageError(f"no sheet {sheet}")
        return _target(self.workbook, rel.get("Target", ""))

    def defined_names(self) -> dict[str, str]:
        """The workbook's defined names and what each refers to ("'自评表'!$C$5"), read once.

        A name scoped to a sheet counts too; where both exist, the workbook-level one wins,
        as `OpenpyxlFile.area` looks them up.
        """
        if self._names is None:
            self._names = self._read_names()
        return self._names

    def name_entries(self) -> list[tuple[str, str | None, str]]:
        """Every defined name as written: (name, the sheet index it is scoped to, reference)."""
        entries = []
        closing = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?definedName\s*>")
        for attrs, end in _start_tags(self.part, "definedName"):
            if self.part[end - 2 : end] == b"/>":
                refers = ""
            else:
                m = closing.search(self.part, end)
                refers = _unescape(self.part[end : m.start() if m else end])
            entries.append((attrs.get("name", ""), attrs.get("localSheetId"), refers))
        return entries

    def local_names(self) -> dict[tuple[str, str], str]:
        """The names scoped to a sheet: (sheet, name) → what it refers to."""
        out: dict[tuple[str, str], str] = {}
        for name, scope, refers in self.name_entries():
            if scope is not None and scope.isdigit() and int(scope) < len(self.sheet_list):
                out.setdefault((self.sheet_list[int(scope)], name), refers)
        return out

    def _read_names(self) -> dict[str, str]:
        workbook: dict[str, str] = {}
        local: dict[str, str] = {}
        for name, scope, refers in self.name_entries():
            (local if scope is not None else workbook).setdefault(name, refers)
        return {**local, **workbook}

    def cell_format_count(self) -> int | None:
        """How many cell formats (cellXfs) the styles part declares; None without one."""
        styles = self._related(_STYLES)
        if not styles:
            return None
        part = self.read(_target(self.workbook, styles[0].get("Target", "")))
        m = re.search(
            rb"<(?:[A-Za-z_][\w.-]*:)?cellXfs[\s>].*?</(?:[A-Za-z_][\w.-]*:)?cellXfs>", part, re.S
        )
        return len(_start_tags(m.group(0), "xf")) if m else 0

    def shown_formats(self, builtin: Mapping[int, str]) -> dict[int, str]:
        """Cell format index → its number format, for the formats that are not General or Text."""
        styles = self._related(_STYLES)
        if not styles:
            return {}
        part = self.read(_target(self.workbook, styles[0].get("Target", "")))
        custom = {
            int(a["numFmtId"]): a.get("formatCode", "")
            for a, _ in _start_tags(part, "numFmt")
            if a.get("numFmtId", "").isdigit()
        }
        m = re.search(
            rb"<(?:[A-Za-z_][\w.-]*:)?cellXfs[\s>].*?</(?:[A-Za-z_][\w.-]*:)?cellXfs>", part, re.S
        )
        shown: dict[int, str] = {}
        for i, (a, _) in enumerate(_start_tags(m.group(0), "xf") if m else []):
            fid = a.get("numFmtId", "0")
            code = custom.get(int(fid), builtin.get(int(fid), "")) if fid.isdigit() else ""
            if code not in _PLAIN_FORMATS:
                shown[i] = code
        return shown

    def styled_cells(self, sheet: str, shown: Mapping[int, str]) -> dict[tuple[int, int], str]:
        """(row, column), 1-based → number format, for the sheet's cells in a format of `shown`.

        Only the tags of cells in such a format are looked at, where they name their cell
        (as every program writes them); a sheet with one that does not is read tag by tag,
        each cell following the one before it.
        """
        if not shown:
            return {}
        xml = self.read(self.sheet_part(sheet))
        ids = b"|".join(str(i).encode() for i in sorted(shown))
        tagged = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c\s[^>]*?\bs=\"(" + ids + rb")\"[^>]*>")
        found: dict[tuple[int, int], str] = {}
        for m in tagged.finditer(xml):
            ref = _CELL_REF_ATTR.search(b" " + m.group(0)[2:])
            if ref is None:
                return _styled_cells(xml, shown)
            found[int(ref.group(2)), col_number(ref.group(1).decode())] = shown[int(m.group(1))]
        return found


# A cell's start tag (any prefix, empty or not) and the attributes that place it.
_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(c|row)(\s[^>]*?)?/?>")
_ROW_ATTR = re.compile(rb'\sr="(\d+)"')
_CELL_REF_ATTR = re.compile(rb'\sr="\$?([A-Za-z]{1,3})\$?(\d+)"')
_STYLE_ATTR = re.compile(rb'\ss="(\d+)"')


def _styled_cells(xml: bytes, shown: Mapping[int, str]) -> dict[tuple[int, int], str]:
    """Tag by tag: a row or cell written without its reference follows the one before it."""
    found: dict[tuple[int, int], str] = {}
    row, col = 0, 0
    for m in _CELL_TAG.finditer(xml):
        tag, attrs = m.group(1), m.group(2) or b""
        if tag == b"row":
            number = _ROW_ATTR.search(attrs)
            row = int(number.group(1)) if number else row + 1
            col = 0
            continue
        ref = _CELL_REF_ATTR.search(attrs)
        if ref:
            col = col_number(ref.group(1).decode())
            row = int(ref.group(2))
        else:
            col += 1
        style = _STYLE_ATTR.search(attrs)
        if style:
            code = shown.get(int(style.group(1)))
            if code is not None:
                found[row, col] = code
    return found


# ---------------------------------------------------------------- sheets: list, copy, delete
# A sheet is copied or deleted the way the package patch writes cells: the parts it concerns
# are edited in place (workbook.xml, its relationships, [Content_Types].xml, the sheet parts)
# and every other part is copied byte for byte.

_WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_REL_NAMESPACES = frozenset({_REL_NS, "http://purl.oclc.org/ooxml/officeDocument/relationships"})
_SHEET_NAME_CHARS = frozenset("[]:*?/\\")
_SHEET_NAME_MAX = 31  # UTF-16 code units, as Excel counts
_STATES = ("visible", "hidden", "veryHidden")
# A sheet reference in a formula: a string literal (skipped), a quoted sheet name, or a plain
# one; not a 3D range's first sheet, an external book's ([1]Sheet!), nor an error (#REF!).
_FORMULA_SHEET = re.compile(r""""(?:[^"]|"")*"|'((?:[^']|'')+)'!|(?<![\w.\]:'#/!$])([\w.]+)!""")
_PLAIN_SHEET = re.compile(r"[A-Za-z_][A-Za-z_.]*")


def _name_key(name: str) -> str:
    """Sheet names as Excel compares them: case and width do not count."""
    return unicodedata.normalize("NFKC", name).casefold()


def sheet_name_problem(name: str, existing: Collection[str]) -> str | None:
    """Why `name` cannot name a new sheet beside `existing` ones, as a reason code, else None.

    "empty", "too_long" (over 31 characters), "bad_char" (one of []:*?/\\ or a control
    character), "quote_edge" (starts or ends with '), "reserved" ("History", which Excel keeps
    for change tracking), "taken" (another sheet has it, case and width ignored).
    """
    if not name.strip():
        return "empty"
    if len(name.encode("utf-16-le")) // 2 > _SHEET_NAME_MAX:
        return "too_long"
    if any(ch in _SHEET_NAME_CHARS or ord(ch) < 32 for ch in name):
        return "bad_char"
    if name.startswith("'") or name.endswith("'"):
        return "quote_edge"
    if _name_key(name) == "history":
        return "reserved"
    if _name_key(name) in {_name_key(e) for e in existing}:
        return "taken"
    return None


def sheet_ref(sheet: str) -> str:
    """How a formula names `sheet` before a reference's "!": quoted unless plainly a name."""
    if _PLAIN_SHEET.fullmatch(sheet) and sheet.casefold() not in ("r", "c", "true", "false"):
        return sheet
    return "'" + sheet.replace("'", "''") + "'"


def renamed_sheet_refs(formula: str, old: str, new: str) -> str:
    """The formula with its references to sheet `old` ('old'!A1, old!A1) pointing at `new`
    (a sheet name, or "#REF" for a sheet that is gone, as Excel writes it)."""
    key = _name_key(old)
    prefix = new + "!" if new == "#REF" else sheet_ref(new) + "!"

    def swap(m: re.Match[str]) -> str:
        quoted, plain = m.group(1), m.group(2)
        named = quoted.replace("''", "'") if quoted is not None else plain
        return prefix if named is not None and _name_key(named) == key else m.group(0)

    return _FORMULA_SHEET.sub(swap, formula)


def _xml(text: str, attr: bool = False) -> str:
    """Text as XML: only what must be escaped is (a formula or a name is written as it is)."""
    return xml_escape(text, {'"': "&quot;"} if attr else {})


def _tag_without(tag: bytes, *names: str) -> bytes:
    """A start tag without these attributes (and the space before each); nothing else moves."""
    for m in reversed(list(_ATTR.finditer(tag))):
        if m.group(1).decode() in names:
            start = m.start()
            while start > 0 and tag[start - 1 : start].isspace():
                start -= 1
            tag = tag[:start] + tag[m.end() :]
    return tag


def _tag_with(tag: bytes, name: str, value: str) -> bytes:
    """A start tag with attribute `name` set to `value` (changed in place, or added last)."""
    quoted = f'"{_xml(value, attr=True)}"'.encode()
    for m in _ATTR.finditer(tag):
        if m.group(1).decode() == name:
            at = m.start(2) - 1 if m.group(2) is not None else m.start(3) - 1
            return tag[:at] + quoted + tag[m.end() :]
    end = len(tag) - (2 if tag.endswith(b"/>") else 1)
    return tag[:end].rstrip() + b" " + name.encode() + b"=" + quoted + tag[end:]


def _rid_attr(attrs: Mapping[str, str]) -> str | None:
    """The qualified name of an element's relationship id attribute (r:id)."""
    return next((k for k in attrs if ":" in k and k.rpartition(":")[2] == "id"), None)


def _sheet_rel(book: _Book, sheet: _Element) -> _Element | None:
    """The workbook's relationship a <sheet> element names."""
    attr = _rid_attr(sheet.attrs)
    rid = sheet.attrs[attr] if attr else None
    return next((r for r in book.rels if rid is not None and r.attrs.get("Id") == rid), None)


class _BookScan(_Scanner):
    """workbook.xml for sheet operations: its sheets, defined names and workbook views."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.parser.CharacterDataHandler = self._text
        self.sheets_element: _Element | None = None
        self.sheets: list[_Element] = []
        self.sheet_qname = "sheet"
        self.names: list[_Element] = []
        self.name_text: dict[int, list[str]] = {}  # a defined name's start → its text
        self.views: list[_Element] = []
        self._name: _Element | None = None

    def opened(self, local: str, qname: str, element: _Element) -> None:
        if local == "sheets" and self.depth == 2:
            self.sheets_element = element
        elif local == "sheet" and self.parent() == "sheets":
            self.sheets.append(element)
            self.sheet_qname = qname
        elif local == "definedName" and self.parent() == "definedNames":
            self.names.append(element)
            self._name = element
            self.name_text[element.start] = []
        elif local == "workbookView" and self.parent() == "bookViews":
            self.views.append(element)

    def _text(self, text: str) -> None:
        if self._name is not None:
            self.name_text[self._name.start].append(text)

    def closed(self, local: str, element: _Element) -> None:
        if local == "definedName":
            self._name = None

    @property
    def sheet_names(self) -> list[str]:
        return [s.attrs.get("name", "") for s in self.sheets]

    def index(self, sheet: str) -> int:
        names = self.sheet_names
        if sheet in names:
            return names.index(sheet)
        keys = [_name_key(n) for n in names]
        if _name_key(sheet) in keys:
            return keys.index(_name_key(sheet))
        raise PackageError(f"no sheet {sheet}")

    def refers(self, name: _Element) -> str:
        return "".join(self.name_text.get(name.start, []))

    def tag(self, element: _Element) -> bytes:
        return self.data[element.start : element.open_end]


def _state(sheet: _Element) -> str:
    state = sheet.attrs.get("state", "visible")
    return state if state in _STATES else "visible"


def _local_sheet(name: _Element) -> int | None:
    scope = name.attrs.get("localSheetId", "")
    return int(scope) if scope.isdigit() else None


class _SheetCopyScan(_Scanner):
    """A sheet part to copy: its top-level elements, which of them hold relationship ids, and
    its sheet views."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self._spaces: list[dict[str, str]] = [{}]
        self.children: list[tuple[str, _Element]] = []
        self.grandchildren: dict[int, list[_Element]] = {}  # a child's start → its children
        self.related: set[int] = set()  # starts of elements holding a relationship id, or within
        self.rel_attrs: dict[int, list[str]] = {}  # start → its relationship attributes
        self.views: list[_Element] = []
        self.root: _Element | None = None

    def opened(self, local: str, qname: str, element: _Element) -> None:
        declared = {k[6:]: v for k, v in element.attrs.items() if k.startswith("xmlns:")}
        spaces = {**self._spaces[-1], **declared} if declared else self._spaces[-1]
        self._spaces.append(spaces)
        rel = [
            k
            for k in element.attrs
            if ":" in k
            and not k.startswith("xmlns:")
            and spaces.get(k.partition(":")[0]) in _REL_NAMESPACES
        ]
        if rel:
            self.rel_attrs[element.start] = rel
            self.related.update(e.start for _, e in self._stack)
        if self.depth == 1:
            self.root = element
        elif self.depth == 2:
            self.children.append((local, element))
        elif self.depth == 3:
            self.grandchildren.setdefault(self._stack[-2][1].start, []).append(element)
        if local == "sheetView" and self.parent() == "sheetViews":
            self.views.append(element)

    def closed(self, local: str, element: _Element) -> None:
        self._spaces.pop()


def _copied_sheet(data: bytes) -> bytes:
    """A sheet part as its copy: what points at the original's relationships (drawings,
    comments, tables, controls, linked hyperlinks, printer settings) left out, not selected,
    without the code name the VBA project knows the original by."""
    scan = _SheetCopyScan(data)
    scan.run()
    edits: list[tuple[int, int, bytes]] = []

    def tag(element: _Element) -> bytes:
        return data[element.start : element.open_end]

    root = scan.root
    uid = [k for k in root.attrs if k.endswith(":uid")] if root is not None else []
    if root is not None and uid:  # Excel's revision id of the sheet: the copy is another sheet
        edits.append((root.start, root.open_end, _tag_without(tag(root), *uid)))
    for view in scan.views:
        if "tabSelected" in view.attrs:
            edits.append((view.start, view.open_end, _tag_without(tag(view), "tabSelected")))
    for local, element in scan.children:
        if local == "sheetPr" and "codeName" in element.attrs:
            edits.append((element.start, element.open_end, _tag_without(tag(element), "codeName")))
        if element.start not in scan.related:
            continue
        if local == "pageSetup" and element.start in scan.rel_attrs:
            without = _tag_without(tag(element), *scan.rel_attrs[element.start])
            edits.append((element.start, element.open_end, without))
        elif local in ("hyperlinks", "extLst"):
            # Hyperlinks within the workbook (location only) and extensions without a
            # relationship stay; the rest go, and the container with them if nothing is left.
            items = scan.grandchildren.get(element.start, [])
            gone = [i for i in items if i.start in scan.related]
            if len(gone) == len(items):
                edits.append((element.start, element.end, b""))
            else:
                edits.extend((i.start, i.end, b"") for i in gone)
        else:
            edits.append((element.start, element.end, b""))
    return _splice(data, edits)


_FORMULA_ELEMENTS = frozenset({"f", "formula", "formula1", "formula2"})


class _FormulaScan(_Scanner):
    """A sheet part's formulas: cells', validations', conditional formats' (x14's <xm:f> too)."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.parser.CharacterDataHandler = self._text
        self.formulas: list[tuple[_Element, list[str]]] = []
        self._open: list[str] | None = None

    def opened(self, local: str, qname: str, element: _Element) -> None:
        self._open = None
        if local in _FORMULA_ELEMENTS:
            self._open = []
            self.formulas.append((element, self._open))

    def _text(self, text: str) -> None:
        if self._open is not None:
            self._open.append(text)

    def closed(self, local: str, element: _Element) -> None:
        self._open = None


def _without_sheet_refs(data: bytes, sheet: str) -> bytes | None:
    """A sheet part whose formulas' references to the deleted `sheet` read #REF! as Excel
    makes them; None if none refers to it."""
    spellings = {sheet, _xml(sheet), _xml(sheet).replace("'", "&apos;")}
    lowered = data.lower()
    if not any(s.lower().encode() in lowered for s in spellings):
        return None
    scan = _FormulaScan(data)
    scan.run()
    edits = []
    for element, parts in scan.formulas:
        text = "".join(parts)
        now = renamed_sheet_refs(text, sheet, "#REF")
        if now != text and not element.empty:
            edits.append((element.open_end, element.close, _xml(now).encode()))
    return _splice(data, edits) if edits else None


def _rels_source(rels: str) -> str:
    """The part a relationships part belongs to ("" for the package's own)."""
    folder = posixpath.dirname(posixpath.dirname(rels))
    return posixpath.join(folder, posixpath.basename(rels)[: -len(".rels")])


def _only_theirs(z: zipfile.ZipFile, gone: set[str]) -> set[str]:
    """`gone` with every part only parts of it point at (drawings, comments, charts… of a
    deleted sheet) and the relationship parts of all of them."""
    names = set(z.namelist())
    sources: dict[str, set[str]] = {}
    targets: dict[str, list[str]] = {}
    for rels in names:
        if not rels.endswith(".rels"):
            continue
        source = _rels_source(rels)
        for rel in _elements(z.read(rels), "Relationship"):
            if rel.attrs.get("TargetMode") == "External":
                continue
            target = _target(source, rel.attrs.get("Target", ""))
            sources.setdefault(target, set()).add(source)
            targets.setdefault(source, []).append(target)
    found = set(gone)
    todo = list(found)
    while todo:
        for target in targets.get(todo.pop(), []):
            if target not in found and sources[target] <= found:
                found.add(target)
                todo.append(target)
    return found | {_rels_path(p) for p in found if _rels_path(p) in names}


def _without_parts(types: bytes, removed: set[str]) -> list[tuple[int, int, bytes]]:
    """Edits taking the content-type overrides of removed parts out of [Content_Types].xml."""
    return [
        (o.start, o.end, b"")
        for o in _elements(types, "Override")
        if o.attrs.get("PartName", "").lstrip("/") in removed
    ]


def sheet_names(data: bytes) -> list[tuple[str, str]]:
    """The workbook's sheets in tab order: (name, "visible" | "hidden" | "veryHidden")."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        book = _Book(z)
        scan = _BookScan(book.read(book.workbook))
    scan.run()
    return [(s.attrs.get("name", ""), _state(s)) for s in scan.sheets]


def copy_sheet(
    data: bytes,
    source: str,
    name: str,
    *,
    before: str | None = None,
    drop_names: Collection[str] = (),
) -> bytes:
    """The package with worksheet `source` copied as a visible sheet `name`, placed before sheet
    `before` (last if None).

    The copy's cells, formulas, saved results, styles, merges, validations and print setup are
    the source's; what hangs on the source's own relationships (drawings, comments, tables,
    controls, linked hyperlinks) is not copied. The names scoped to the source are copied to the
    new sheet, their references to the source pointing at the copy, except `drop_names`. The
    calculation chain is removed (Excel rebuilds it).

    Raises PackageError for a missing source or `before`, or a name a new sheet cannot take
    (`sheet_name_problem`).
    """
    with zipfile.ZipFile(io.BytesIO(data)) as zin:
        book = _Book(zin)
        read = book.read
        wb = _BookScan(read(book.workbook))
        wb.run()
        if wb.sheets_element is None:
            raise PackageError("no sheets")
        src = wb.index(source)
        source = wb.sheet_names[src]
        problem = sheet_name_problem(name, wb.sheet_names)
        if problem is not None:
            raise PackageError(f"sheet name {name!r}: {problem}")
        at = len(wb.sheets) if before is None else wb.index(before)
        rid_attr = _rid_attr(wb.sheets[src].attrs)
        rel = _sheet_rel(book, wb.sheets[src])
        if rid_attr is None or rel is None:
            raise PackageError(f"no sheet {source}")
        part = book.target(rel)
        taken = {n.lower() for n in zin.namelist()}
        folder = posixpath.dirname(part)
        number = 1
        while posixpath.join(folder, f"sheet{number}.xml").lower() in taken:
            number += 1
        new_part = posixpath.join(folder, f"sheet{number}.xml")
        ids = {r.attrs.get("Id") for r in book.rels}
        rid = len(ids) + 1
        while f"rId{rid}" in ids:
            rid += 1
        new_rid = f"rId{rid}"

        # workbook.xml: the sheet, its names, the views' tab indexes
        edits: list[tuple[int, int, bytes]] = []
        sheet_id = 1 + max((int(s.attrs.get("sheetId", "0") or 0) for s in wb.sheets), default=0)
        element = (
            f'<{wb.sheet_qname} name="{_xml(name, attr=True)}" sheetId="{sheet_id}" '
            f'{rid_attr}="{new_rid}"/>'
        ).encode()
        place = wb.sheets[at].start if at < len(wb.sheets) else wb.sheets[-1].end
        edits.append((place, place, element))
        dropped = {n.casefold() for n in drop_names}
        for defined in wb.names:
            scope = _local_sheet(defined)
            if scope is None:
                continue
            tag = wb.tag(defined)
            if scope >= at:
                edits.append(
                    (
                        defined.start,
                        defined.open_end,
                        _tag_with(tag, "localSheetId", str(scope + 1)),
                    )
                )
            if scope != src or defined.attrs.get("name", "").casefold() in dropped:
                continue
            copy = _tag_with(tag, "localSheetId", str(at))
            if not defined.empty:
                refers = renamed_sheet_refs(wb.refers(defined), source, name)
                copy += _xml(refers).encode() + wb.data[defined.close : defined.end]
            edits.append((defined.end, defined.end, copy))
        for view in wb.views:
            tag = wb.tag(view)
            for attr in ("activeTab", "firstSheet"):
                value = view.attrs.get(attr, "")
                if value.isdigit() and int(value) >= at:
                    tag = _tag_with(tag, attr, str(int(value) + 1))
            if tag != wb.tag(view):
                edits.append((view.start, view.open_end, tag))
        replaced = {book.workbook: _splice(wb.data, edits)}

        # relationships and content types
        chain = book.related(_CALC_CHAIN)
        removed = {book.target(r) for r in chain}
        removed = _only_theirs(zin, removed) if removed else removed
        p = _prefix(read(book.rels_part))
        kind = _xml(rel.attrs.get("Type", ""), attr=True)
        target = _xml(posixpath.relpath(new_part, posixpath.dirname(book.workbook)), attr=True)
        new_rel = f'<{p}Relationship Id="{new_rid}" Type="{kind}" Target="{target}"/>'.encode()
        replaced[book.rels_part] = _splice(
            read(book.rels_part),
            [(rel.end, rel.end, new_rel), *((r.start, r.end, b"") for r in chain)],
        )
        types = read(_TYPES)
        overrides = _elements(types, "Override")
        own = next((o for o in overrides if o.attrs.get("PartName", "").lstrip("/") == part), None)
        kind = _xml(own.attrs.get("ContentType", _WORKSHEET_TYPE) if own else _WORKSHEET_TYPE, True)
        p = _prefix(types)
        override = f'<{p}Override PartName="/{_xml(new_part, True)}" ContentType="{kind}"/>'
        place = own.end if own else types.rindex(b"</")
        replaced[_TYPES] = _splice(
            types, [(place, place, override.encode()), *_without_parts(types, removed)]
        )
        out = io.BytesIO()
        _write(zin, out, replaced, removed, {new_part: (part, _copied_sheet(read(part)))})
    return out.getvalue()


class _RootScan(_Scanner):
    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.prefix = ""

    def opened(self, local: str, qname: str, element: _Element) -> None:
        if self.depth == 1:
            self.prefix = qname[: len(qname) - len(local)]


def _prefix(data: bytes) -> str:
    """The namespace prefix of a part's root element ("" or "x:")."""
    scan = _RootScan(data)
    scan.run()
    return scan.prefix


def delete_sheet(data: bytes, name: str) -> bytes:
    """The package without sheet `name`: its part, the parts only it used, its relationship and
    content type, the names scoped to it. Other names' and other sheets' formulas' references
    to it become #REF! as in Excel (their saved results stay until the next recalculation);
    later sheets' scoped names and the views' tab indexes move down one; if it was the active
    sheet, the next visible one (else the one before) becomes active and selected. The
    calculation chain is removed (Excel rebuilds it).

    Raises PackageError for a missing sheet or the workbook's last visible sheet.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as zin:
        book = _Book(zin)
        read = book.read
        wb = _BookScan(read(book.workbook))
        wb.run()
        gone = wb.index(name)
        name = wb.sheet_names[gone]
        visible = [i for i, s in enumerate(wb.sheets) if _state(s) == "visible" and i != gone]
        if not visible:
            raise PackageError(f"{name} is the last visible sheet")
        rel = _sheet_rel(book, wb.sheets[gone])
        if rel is None:
            raise PackageError(f"no sheet {name}")
        part = book.target(rel)

        def moved(index: int) -> int:
            return index - 1 if index > gone else index

        edits: list[tuple[int, int, bytes]] = [(wb.sheets[gone].start, wb.sheets[gone].end, b"")]
        for defined in wb.names:
            scope = _local_sheet(defined)
            if scope == gone:
                edits.append((defined.start, defined.end, b""))
                continue
            if scope is not None and scope > gone:
                tag = _tag_with(wb.tag(defined), "localSheetId", str(scope - 1))
                edits.append((defined.start, defined.open_end, tag))
            refers = wb.refers(defined)
            now = renamed_sheet_refs(refers, name, "#REF")
            if now != refers and not defined.empty:
                edits.append((defined.open_end, defined.close, _xml(now).encode()))
        active_before = None
        for view in wb.views:
            tag = wb.tag(view)
            active = int(view.attrs.get("activeTab", "0") or 0)
            if active == gone:
                after = [i for i in visible if i > gone]
                active_before = after[0] if after else visible[-1]
                tag = _tag_with(tag, "activeTab", str(moved(active_before)))
            elif active > gone:
                tag = _tag_with(tag, "activeTab", str(active - 1))
            first = view.attrs.get("firstSheet", "")
            if first.isdigit():
                tag = _tag_with(tag, "firstSheet", str(min(moved(int(first)), len(wb.sheets) - 2)))
            if tag != wb.tag(view):
                edits.append((view.start, view.open_end, tag))
        replaced = {book.workbook: _splice(wb.data, edits)}

        if active_before is not None:  # the newly active sheet is also the selected one
            shown_rel = _sheet_rel(book, wb.sheets[active_before])
            if shown_rel is not None:
                shown_part = book.target(shown_rel)
                sheet = read(shown_part)
                views = _elements(sheet, "sheetView")
                if views and views[0].attrs.get("tabSelected") not in ("1", "true"):
                    first_view = views[0]
                    tag = _tag_with(
                        sheet[first_view.start : first_view.open_end], "tabSelected", "1"
                    )
                    replaced[shown_part] = _splice(
                        sheet, [(first_view.start, first_view.open_end, tag)]
                    )

        for other in wb.sheets:
            other_rel = _sheet_rel(book, other)
            if other is wb.sheets[gone] or other_rel is None:
                continue
            other_part = book.target(other_rel)
            if other_part in zin.namelist():
                cleaned = _without_sheet_refs(replaced.get(other_part) or read(other_part), name)
                if cleaned is not None:
                    replaced[other_part] = cleaned

        chain = book.related(_CALC_CHAIN)
        removed = _only_theirs(zin, {part, *(book.target(r) for r in chain)})
        replaced[book.rels_part] = _splice(
            read(book.rels_part), [(r.start, r.end, b"") for r in (rel, *chain)]
        )
        types = read(_TYPES)
        replaced[_TYPES] = _splice(types, _without_parts(types, removed))
        out = io.BytesIO()
        _write(zin, out, replaced, removed)
    return out.getvalue()
