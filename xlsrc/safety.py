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
  XML compresses about 16:1, a run of zeros 1000:1).

Sizes are those the zip's central directory declares; Python's zipfile (which openpyxl reads
through) never inflates a part beyond its declared size, so checking them bounds the work.

Pure standard library: it runs where the domain runs (Pyodide).
"""

from __future__ import annotations

import io
import struct
import zipfile

from xlsrc.domain import text as T
from xlsrc.errors import InputError

MAX_FILE_BYTES = 100 * 2**20
MAX_MEMBERS = 10_000
MAX_UNPACKED_BYTES = 256 * 2**20
MAX_RATIO = 200
RATIO_FROM_BYTES = 2**20
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


def check_any_workbook(data: bytes, name: str) -> None:
    """Refuse bytes that are no workbook of any kind the form reader reads (.xlsx/.xlsm/.xls/.ods).

    The same limits as `check_workbook`; an old .xls (OLE without encryption) and an
    OpenDocument spreadsheet (a zip with content.xml) are accepted here.
    """
    names = _package_parts(data, name, old_format=True)
    if names is not None and "content.xml" not in names:
        _check_parts(names, name)


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
