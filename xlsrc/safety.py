"""Is a file a workbook xlsrc may open? Decided on its bytes, before openpyxl reads a byte of it.

An .xlsx/.xlsm file is a zip package. What reaches xlsrc instead, and what the clerk is told:
an empty or truncated file; an Excel file with a password (Excel stores it as an OLE compound
file holding `EncryptionInfo` and `EncryptedPackage` streams); an old .xls (also OLE); a CSV or
web page renamed .xlsx; a zip that is no workbook; a package too large to open, or a zip bomb
that would unpack to gigabytes. openpyxl would otherwise raise something unreadable, or spend
minutes and all memory inflating the bomb.

Package limits, far above real workbooks (the template is ~100 KB; a workbook with 10 000
indicator rows is ~1.5 MB, unpacking to ~25 MB with parts compressed about 16:1):

- the file at most `MAX_FILE_BYTES` (100 MiB);
- at most `MAX_MEMBERS` parts (10 000; a workbook has tens);
- all parts together unpack to at most `MAX_UNPACKED_BYTES` (256 MiB);
- a part larger than `RATIO_FROM_BYTES` (1 MiB) compresses at most `MAX_RATIO`:1 (200; sheet
  XML compresses about 16:1, a run of zeros 1000:1);
- a document-property part (docProps/…: title, author, custom properties) at most
  `MAX_PROPERTY_BYTES` (1 MiB; Excel writes a few KB).

Then what is inside (`check_contents`), the one decision every reader relies on, so that
calc, collect, import and the page refuse the same files with the same sentence: each part
name once (a zip may hold two entries of one name, and readers disagree on which wins);
every XML part well-formed (a sheet cut short is refused, not read as far as it goes) and
without a document type declaration (no entity of any kind: external entities read local
files, nested ones are "billion laughs" bombs; Excel never writes one); every sheet the
workbook lists present; every shared-string index within the table.

Sizes are those the zip's central directory declares; Python's zipfile (which openpyxl reads
through) never inflates a part beyond its declared size, so checking them bounds the work.

Pure standard library: it runs where the domain runs (Pyodide).
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections import Counter
from xml.parsers import expat

from xlsrc import ooxml
from xlsrc.domain import text as T
from xlsrc.errors import InputError

MAX_FILE_BYTES = 100 * 2**20
MAX_MEMBERS = 10_000
MAX_UNPACKED_BYTES = 256 * 2**20
MAX_RATIO = 200
RATIO_FROM_BYTES = 2**20
MAX_PROPERTY_BYTES = 2**20
SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
# Streams of an encrypted OOXML package ([MS-OFFCRYPTO] 2.3.4.1 and 2.2.1).
ENCRYPTED_STREAMS = frozenset({"EncryptionInfo", "EncryptedPackage"})


def check_workbook(data: bytes, name: str) -> None:
    """Refuse, with the clerk's sentence, bytes that are not a workbook xlsrc may open.

    `name` is the file's name, shown in the message; its suffix must be a workbook's.
    """
    names = _package_parts(data, name, old_format=False)
    assert names is not None  # an OLE file was refused
    _check_parts(names, name)
    if not name.lower().endswith(SUFFIXES):
        raise InputError(T.S_SUFFIX.format(name=name))
    check_contents(data, name)


def check_any_workbook(data: bytes, name: str) -> None:
    """Refuse bytes that are no workbook of any kind the form reader reads (.xlsx/.xlsm/.xls/.ods).

    The same limits as `check_workbook`; an old .xls (OLE without encryption) and an
    OpenDocument spreadsheet (a zip with content.xml) are accepted here.
    """
    names = _package_parts(data, name, old_format=True)
    if names is None:
        _check_old_kind(data, name)
        return
    if "content.xml" not in names:
        _check_parts(names, name)
    check_contents(data, name)


def _package_parts(data: bytes, name: str, old_format: bool) -> set[str] | None:
    """The part names of a zip package within the limits, or None for an old-format (OLE)
    file when `old_format` allows it; anything else is refused with the clerk's sentence."""
    if not data:
        raise InputError(T.S_EMPTY.format(name=name))
    if len(data) > MAX_FILE_BYTES:
        raise InputError(
            T.S_FILE_TOO_LARGE.format(name=name, size=_size(len(data)), limit=_size(MAX_FILE_BYTES))
        )
    if data.startswith(OLE_MAGIC):
        if ENCRYPTED_STREAMS & ole_stream_names(data):
            raise InputError(T.S_ENCRYPTED.format(name=name))
        if old_format:
            return None
        _check_old_kind(data, name)
        raise InputError(T.S_OLD_FORMAT.format(name=name))
    if not data.startswith(ZIP_MAGIC):
        message = T.S_TEXT if _looks_like_text(data) else T.S_NOT_WORKBOOK
        raise InputError(message.format(name=name))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise InputError(T.S_DAMAGED.format(name=name)) from exc
    _check_sizes(members, name)
    twice = [(part, n) for part, n in Counter(m.filename for m in members).items() if n > 1]
    if twice:
        raise InputError(T.S_DUPLICATE_PART.format(name=name, part=twice[0][0], count=twice[0][1]))
    return {m.filename for m in members}


def _check_sizes(members: list[zipfile.ZipInfo], name: str) -> None:
    if len(members) > MAX_MEMBERS:
        raise InputError(
            T.S_TOO_MANY_PARTS.format(name=name, count=len(members), limit=MAX_MEMBERS)
        )
    unpacked = sum(m.file_size for m in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise InputError(
            T.S_UNPACKS_TOO_LARGE.format(
                name=name, size=_size(unpacked), limit=_size(MAX_UNPACKED_BYTES)
            )
        )
    for m in members:
        if m.filename.startswith("docProps/") and m.file_size > MAX_PROPERTY_BYTES:
            raise InputError(
                T.S_PROPERTY_TOO_LARGE.format(
                    name=name,
                    part=m.filename,
                    size=_size(m.file_size),
                    limit=_size(MAX_PROPERTY_BYTES),
                )
            )
        if m.file_size > RATIO_FROM_BYTES and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            ratio = m.file_size // max(m.compress_size, 1)
            raise InputError(
                T.S_RATIO.format(name=name, part=m.filename, ratio=ratio, limit=MAX_RATIO)
            )


def _check_parts(names: set[str], name: str) -> None:
    """An OOXML package with a workbook part; a Word or PowerPoint file is named as such."""
    if "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names):
        return
    if any(n.startswith("word/") for n in names):
        kind = T.S_KIND_WORD
    elif any(n.startswith("ppt/") for n in names):
        kind = T.S_KIND_POWERPOINT
    else:
        kind = ""
    raise InputError(T.S_ZIP_NOT_WORKBOOK.format(name=name, kind=kind))


# Streams that say what an OLE file other than an old workbook is ([MS-DOC], [MS-PPT], [MS-OXMSG]).
_OLE_KINDS = (
    ("WordDocument", T.S_KIND_WORD_OLD),
    ("PowerPoint Document", T.S_KIND_POWERPOINT_OLD),
    ("__properties_version1.0", T.S_KIND_MAIL),
)
_OLE_WORKBOOK = frozenset({"Workbook", "Book"})  # BIFF8, and BIFF5 of Excel 5/95


def _check_old_kind(data: bytes, name: str) -> None:
    """An OLE file read as an old .xls must hold a workbook stream; a Word or PowerPoint file,
    an Outlook message or another OLE file is named as what it is."""
    streams = ole_stream_names(data)
    if streams & _OLE_WORKBOOK:
        return
    kind = next((k for stream, k in _OLE_KINDS if stream in streams), T.S_KIND_OLE)
    raise InputError(T.S_OLE_NOT_WORKBOOK.format(name=name, kind=kind))


# -- what is inside the package

_XML_PARTS = (".xml", ".rels")
_CELL_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c\s[^>]*?\br=\"([A-Za-z]{1,3}[0-9]+)\"")
# The type attribute of a shared-string cell, the rest of its tag and its value (searched from
# the attribute: a search from each "<c" would try every attribute of every cell).
_SHARED_CELL = re.compile(rb'\st="s"[^>]*>\s*<(?:[A-Za-z_][\w.-]*:)?v>([^<]*)<')
_REF = re.compile(rb'\br="([A-Za-z]{1,3}[0-9]+)"')
_STRING_ITEM = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s>/]")


class _Declared(Exception):
    """A part declares a document type (and so may declare entities)."""


def check_contents(data: bytes, name: str) -> None:
    """Refuse a zip package whose parts no reader should be trusted with (the module docstring
    lists what); the sentence names the file, the sheet or part, and the cell where there is one.

    Call after the package's sizes were checked (`check_workbook`, `check_any_workbook`).
    """
    try:
        package = ooxml.Package(data)
    except ooxml.PackageError as exc:
        package = None  # an OpenDocument file: its XML is still checked
        missing = str(exc).removeprefix("missing part ")
        if _is_ooxml(data) and missing != str(exc):
            raise InputError(T.S_PART_MISSING.format(name=name, part=missing)) from None
    try:
        sheets = _sheet_parts(package) if package is not None else {}
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            present = set(z.namelist())
            xml = {}  # each XML part read (inflated) once
            for info in z.infolist():
                if info.filename.lower().endswith(_XML_PARTS):
                    xml[info.filename] = body = z.read(info)
                    _well_formed(body, info.filename, sheets.get(info.filename), name)
            if package is not None:
                _check_workbook_part(package, sheets, present, name)
                texts = {part: _utf8(xml[part]) for part in sheets}
                _check_shared_strings(xml, package, texts, sheets, name)
                _check_cells(package, texts, sheets, name)
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        ValueError,
        NotImplementedError,
        RuntimeError,
    ) as exc:
        # RuntimeError: a part encrypted with a zip password; NotImplementedError: a compression
        # method Python does not have; BadZipFile, zlib.error: a damaged part
        if isinstance(exc, InputError):
            raise
        raise InputError(T.S_DAMAGED.format(name=name)) from exc
    finally:
        if package is not None:
            package.close()


def _is_ooxml(data: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return "[Content_Types].xml" in z.namelist()


def _check_workbook_part(
    package: ooxml.Package, sheets: dict[str, str], present: set[str], name: str
) -> None:
    """Each sheet named once and present, each part the workbook relates to present, each
    defined name defined once in its scope: readers that disagree on these read other data."""
    seen: set[str] = set()
    for sheet in package.sheet_list:
        if sheet.casefold() in seen:  # Excel compares sheet names without case
            raise InputError(T.S_DUPLICATE_SHEET.format(name=name, sheet=sheet))
        seen.add(sheet.casefold())
    for part, sheet in sheets.items():
        if part not in present:
            raise InputError(T.S_SHEET_MISSING.format(name=name, sheet=sheet, part=part))
    for rel in package.rels:
        if rel.get("TargetMode") == "External":
            continue
        part = ooxml.part_target(package.workbook, rel.get("Target", ""))
        if part not in present:
            raise InputError(T.S_PART_MISSING.format(name=name, part=part))
    defined: dict[tuple[str, str | None], str] = {}
    for entry, scope, refers in package.name_entries():
        key = (entry.casefold(), scope)
        if key in defined:
            both = f"{defined[key]}；{refers}"
            raise InputError(T.S_DUPLICATE_NAME.format(name=name, defined=entry, refers=both))
        defined[key] = refers


def _sheet_parts(package: ooxml.Package) -> dict[str, str]:
    """Sheet part → the sheet's name, for every sheet the workbook part lists."""
    parts = {}
    for sheet in package.sheets:
        try:
            parts[package.sheet_part(sheet)] = sheet
        except ooxml.PackageError:
            continue  # a sheet without its relationship: openpyxl and calamine name it
    return parts


def _well_formed(body: bytes, part: str, sheet: str | None, name: str) -> None:
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def declared(*_: object) -> None:
        raise _Declared

    parser.StartDoctypeDeclHandler = declared
    parser.EntityDeclHandler = declared
    where = (
        T.S_WHERE_SHEET.format(sheet=sheet, part=part)
        if sheet
        else T.S_WHERE_PART.format(part=part)
    )
    try:
        parser.Parse(body, True)
    except _Declared:
        raise InputError(T.S_XML_DTD.format(name=name, where=where)) from None
    except expat.ExpatError as exc:
        before = list(_CELL_START.finditer(body, 0, max(parser.ErrorByteIndex, 0)))
        cell = T.S_AFTER_CELL.format(cell=before[-1].group(1).decode()) if before else ""
        raise InputError(
            T.S_XML_BROKEN.format(
                name=name,
                where=where,
                line=exc.lineno,
                column=exc.offset + 1,
                cell=cell,
                detail=expat.ErrorString(exc.code),
            )
        ) from None


def _utf8(body: bytes) -> bytes:
    """A part's bytes as UTF-8 for the searches below (XML may also be UTF-16, with its mark)."""
    if body.startswith((b"\xff\xfe", b"\xfe\xff")):
        return body.decode("utf-16").encode("utf-8")
    return body


# A value holding something that is no digit, sign, point or exponent: few values in a sheet
# match, and the tag of the cell holding it says whether that is wrong.
_ODD_VALUE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?v>([^<]*?[^0-9eE.+\-\s<][^<]*)<")
_STYLES_USED = re.compile(rb'\ss="(\d+)"')
_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c\s([^>]*)>")
_TYPE = re.compile(rb'\bt="(\w+)"')
_ISO_DATE = re.compile(rb"\d{4}-\d{2}-\d{2}(T[\d:.]+)?Z?|T?\d{2}:\d{2}(:[\d.]+)?")
_NOT_FINITE = frozenset({b"nan", b"inf", b"-inf", b"+inf", b"infinity", b"-infinity"})


def _check_cells(
    package: ooxml.Package, texts: dict[str, bytes], sheets: dict[str, str], name: str
) -> None:
    """Every number a number, every date a date, every cell format one the styles declare."""
    formats = package.cell_format_count()
    for part, sheet in sheets.items():
        xml = texts[part]
        used = _STYLES_USED.findall(xml) if formats is not None else []
        if not used or max(map(int, used)) < (formats or 0):
            used = []
        for m in _STYLES_USED.finditer(xml) if used else ():
            if int(m.group(1)) >= (formats or 0):
                raise InputError(
                    T.S_STYLE_INDEX.format(
                        name=name,
                        sheet=sheet,
                        cell=_ref(xml[xml.rfind(b"<", 0, m.start()) : m.end()]),
                        index=m.group(1).decode(),
                        count=formats,
                    )
                )
        for m in _ODD_VALUE.finditer(xml):
            tag = _CELL_TAG.match(xml, xml.rfind(b"<c ", 0, m.start()))
            if tag is None or tag.group(0).endswith(b"/>"):
                continue
            attrs, text = tag.group(1), m.group(1).strip()
            kind = _TYPE.search(attrs)
            kind_name = kind.group(1) if kind else b"n"
            if kind_name == b"d" and not _ISO_DATE.fullmatch(text):
                _bad_value(name, sheet, attrs, T.S_KIND_DATE, text)
            if kind_name == b"n" and text.lower() not in _NOT_FINITE:  # told by the value reader
                _bad_value(name, sheet, attrs, T.S_KIND_NUMBER, text)


def _ref(attrs: bytes) -> str:
    ref = _REF.search(attrs)
    return ref.group(1).decode() if ref else "?"


def _bad_value(name: str, sheet: str, attrs: bytes, kind: str, text: bytes) -> None:
    shown = text.decode("utf-8", "replace")[:20]
    raise InputError(
        T.S_BAD_CELL_VALUE.format(name=name, sheet=sheet, cell=_ref(attrs), kind=kind, text=shown)
    )


def _check_shared_strings(
    xml: dict[str, bytes],
    package: ooxml.Package,
    texts: dict[str, bytes],
    sheets: dict[str, str],
    name: str,
) -> None:
    """Every cell of type "s" names an item of the shared-string table."""
    table = next(
        (
            ooxml.part_target(package.workbook, r.get("Target", ""))
            for r in package.rels
            if r.get("Type", "").endswith("/sharedStrings")
        ),
        None,
    )
    count = len(_STRING_ITEM.findall(_utf8(xml[table]))) if table in xml else 0
    for part, sheet in sheets.items():
        body = texts[part]
        found = _SHARED_CELL.findall(body)
        if all(map(bytes.isdigit, found)) and (not found or max(map(int, found)) < count):
            continue  # the usual case, decided without a loop in Python
        for m in _SHARED_CELL.finditer(body):
            text = m.group(1).strip()
            index = int(text) if text.isdigit() else -1  # "-1" would read the last string
            if not 0 <= index < count:
                cell = _ref(body[body.rfind(b"<", 0, m.start()) : m.end()])
                raise InputError(
                    T.S_STRING_INDEX.format(
                        name=name,
                        sheet=sheet,
                        cell=cell,
                        index=text.decode("utf-8", "replace")[:20],
                        count=count,
                    )
                )


def _looks_like_text(data: bytes) -> bool:
    """CSV, a web page, plain text: no NUL byte at the start and readable as UTF-8 or GB 18030."""
    head = data[:4096]
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            head.decode(encoding)
        except UnicodeDecodeError as exc:
            if exc.start >= len(head) - 4:  # a character cut at the end of the sample
                return True
            continue
        return True
    return False


def _size(n: int) -> str:
    if n >= 2**30:
        return f"{n / 2**30:.1f} GB"
    if n >= 2**20:
        return f"{n / 2**20:.0f} MB"
    return f"{max(n // 1024, 1)} KB"


# -- OLE compound files ([MS-CFB]): just enough to list the directory's names.

_FREE_OR_END = 0xFFFFFFFA  # sector numbers from here up are markers, not sectors


def ole_stream_names(data: bytes) -> set[str]:
    """Names of the storages and streams in an OLE compound file's directory ([MS-CFB] 2.2–2.6).

    A file whose directory cannot be followed (truncated, damaged) falls back to a search of
    its bytes for the UTF-16LE names of the encrypted package, so it is still told apart.
    """
    names = _directory_names(data)
    if not names:
        names = {n for n in ENCRYPTED_STREAMS if n.encode("utf-16-le") in data}
    return names


def _directory_names(data: bytes) -> set[str]:
    if len(data) < 512:
        return set()
    shift = struct.unpack_from("<H", data, 0x1E)[0]
    if shift not in (9, 12):
        return set()
    size = 1 << shift
    count = len(data) // size - 1  # the header fills sector -1

    def sector(i: int) -> bytes | None:
        return data[(i + 1) * size : (i + 2) * size] if 0 <= i < count else None

    def numbers(block: bytes) -> tuple[int, ...]:
        return struct.unpack(f"<{size // 4}I", block)

    (first_dir,) = struct.unpack_from("<I", data, 0x30)
    next_difat, difat_count = struct.unpack_from("<II", data, 0x44)
    difat = list(struct.unpack_from("<109I", data, 0x4C))
    for _ in range(min(difat_count, count)):
        block = sector(next_difat)
        if block is None:
            break
        entries = numbers(block)
        difat += entries[:-1]
        next_difat = entries[-1]
    fat: list[int] = []
    for i in difat:
        block = sector(i) if i < _FREE_OR_END else None
        if block is not None:
            fat += numbers(block)
    names: set[str] = set()
    current, seen = first_dir, set()
    while current < _FREE_OR_END and current not in seen:
        seen.add(current)
        block = sector(current)
        if block is None:
            break
        for offset in range(0, size, 128):
            length = struct.unpack_from("<H", block, offset + 0x40)[0]
            if 2 <= length <= 64 and length % 2 == 0:
                names.add(block[offset : offset + length - 2].decode("utf-16-le", "replace"))
        current = fat[current] if current < len(fat) else _FREE_OR_END
    return names
