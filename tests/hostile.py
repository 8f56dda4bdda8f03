"""Test support: files that reach xlsrc instead of a workbook, and cells Excel would not write.

- `ole_file`: an OLE compound file ([MS-CFB] version 3) with the given streams, as Excel
  writes a password-protected workbook (streams EncryptionInfo, EncryptedPackage) or an old
  .xls (stream Workbook).
- `zip_bomb`: a workbook-shaped zip whose sheet part inflates to `unpacked` bytes of zeros,
  written without ever holding or compressing them (one deflated megabyte, repeated).
- `replace_in_sheets`: a number in a sheet's XML only another program would write (NaN, 1e999999).
- `store_whole`: a cell holding more than 32 767 characters (openpyxl's setter keeps that many).
- `package_parts`, `zipped`, `cell_element`: a package's parts by name, parts zipped back into
  a package, and one cell's element in a sheet's XML, for editing a workbook as text.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Mapping
from pathlib import Path

SECTOR = 512
END, FAT_SECTOR, FREE = 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
NONE = 0xFFFFFFFF  # no sibling / child in a directory entry
MINI_CUTOFF = 4096  # streams this large or larger live in ordinary sectors


def _entry(name: str, kind: int, start: int, size: int, left=NONE, right=NONE, child=NONE) -> bytes:
    raw = name.encode("utf-16-le") + b"\x00\x00"
    return (
        raw.ljust(64, b"\x00")
        + struct.pack("<HBB", len(raw), kind, 1)  # length, type, black
        + struct.pack("<III", left, right, child)
        + bytes(16 + 4 + 16)  # class id, state bits, times
        + struct.pack("<IQ", start, size)
    )


def ole_file(streams: dict[str, bytes]) -> bytes:
    """A compound file whose root storage holds these streams (each padded to 4 KiB)."""
    datas = [data.ljust(MINI_CUTOFF, b"\x00") for data in streams.values()]
    fat = [FAT_SECTOR, END]  # sector 0 holds the FAT, sector 1 the directory
    starts = []
    for data in datas:
        n = len(data) // SECTOR + (len(data) % SECTOR > 0)
        starts.append(len(fat))
        fat += [len(fat) + k + 1 for k in range(n - 1)] + [END]
    assert len(fat) <= SECTOR // 4, "one FAT sector is enough for these tests"
    entries = [_entry("Root Entry", 5, END, 0, child=1 if streams else NONE)]
    for i, (name, data, start) in enumerate(zip(streams, datas, starts, strict=True), start=1):
        right = i + 1 if i < len(streams) else NONE  # a chain of right siblings
        entries.append(_entry(name, 2, start, len(data), right=right))
    assert len(entries) <= SECTOR // 128, "one directory sector is enough for these tests"
    header = (
        bytes.fromhex("D0CF11E0A1B11AE1")
        + bytes(16)
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)  # minor, major, byte order, shifts
        + bytes(6)
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, MINI_CUTOFF, END, 0, END, 0)
        + struct.pack("<109I", 0, *[FREE] * 108)
    )
    body = struct.pack(f"<{SECTOR // 4}I", *fat, *[FREE] * (SECTOR // 4 - len(fat)))
    body += b"".join(entries).ljust(SECTOR, b"\x00")
    body += b"".join(data.ljust(-(-len(data) // SECTOR) * SECTOR, b"\x00") for data in datas)
    return header + body


def encrypted_workbook() -> bytes:
    """What Excel saves for a workbook with an open password (the package itself encrypted)."""
    return ole_file(
        {
            "\x06DataSpaces": b"",
            "EncryptionInfo": b"\x04\x00\x04\x00\x40\x00\x00\x00<encryption/>",
            "EncryptedPackage": b"\x00\x10\x00\x00\x00\x00\x00\x00" + bytes(range(256)) * 16,
        }
    )


def old_xls() -> bytes:
    """An Excel 97-2003 workbook: a BIFF8 stream named Workbook."""
    return ole_file(
        {"Workbook": b"\x09\x08\x10\x00\x00\x06\x05\x00", "\x05SummaryInformation": b""}
    )


def _raw_zip(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip of deflated members: (name, deflated bytes, crc32, unpacked size)."""
    out, central = b"", b""
    for name, data, crc, size in members:
        raw = name.encode()
        fields = struct.pack("<HHHHHIII", 20, 0, 8, 0, 0x21, crc, len(data), size)
        central += (
            struct.pack("<IH", 0x02014B50, 20)
            + fields
            + struct.pack("<HHHHHII", len(raw), 0, 0, 0, 0, 0, len(out))
            + raw
        )
        out += struct.pack("<I", 0x04034B50) + fields + struct.pack("<HH", len(raw), 0) + raw + data
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), len(out), 0
    )
    return out + central + end


def _deflated(data: bytes) -> tuple[bytes, int, int]:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush(), zlib.crc32(data), len(data)


def zip_bomb(path: Path, unpacked: int = 2**30) -> Path:
    """A zip shaped like a workbook whose sheet inflates to `unpacked` zero bytes (1 GiB: ~1 MB)."""
    mib = bytes(2**20)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    # After a full flush the compressor starts afresh, so every megabyte deflates the same.
    block = c.compress(mib) + c.flush(zlib.Z_FULL_FLUSH)
    count, crc = unpacked // len(mib), 0
    for _ in range(count):
        crc = zlib.crc32(mib, crc)
    sheet = block * count + c.flush()
    parts = [
        ("[Content_Types].xml", *_deflated(b'<?xml version="1.0"?><Types/>')),
        ("xl/workbook.xml", *_deflated(b'<?xml version="1.0"?><workbook/>')),
        ("xl/worksheets/sheet1.xml", sheet, crc, count * len(mib)),
    ]
    path.write_bytes(_raw_zip(parts))
    return path


def many_parts(path: Path, count: int) -> Path:
    """A workbook-shaped zip with `count` tiny parts."""
    empty = _deflated(b"")
    parts = [("[Content_Types].xml", *_deflated(b"<Types/>"))]
    parts += [(f"xl/media/image{i}.png", *empty) for i in range(count - 1)]
    path.write_bytes(_raw_zip(parts))
    return path


def replace_in_sheets(path: Path, old: str, new: str) -> None:
    """Rewrite every sheet's XML of the workbook so that each value `old` reads `new`."""
    with zipfile.ZipFile(path) as z:
        members = [(info, z.read(info)) for info in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in members:
            if info.filename.startswith("xl/worksheets/"):
                data = re.sub(rf"<v>{re.escape(old)}</v>".encode(), f"<v>{new}</v>".encode(), data)
            z.writestr(info, data)


def store_whole(cell, text: str) -> None:
    """Put `text` into an openpyxl cell whole, as another program (or WPS) may have saved it."""
    cell._value, cell.data_type = text, "s"


def package_parts(data: bytes) -> dict[str, bytes]:
    """Every part of a zip package by name, in the package's order."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def zipped(parts: Mapping[str, str | bytes], compression: int = zipfile.ZIP_STORED) -> bytes:
    """The zip package of these parts, in this order."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as z:
        for name, body in parts.items():
            z.writestr(name, body)
    return out.getvalue()


def cell_element(xml: str, ref: str) -> str:
    """The whole <c> element of cell `ref` in a sheet's XML."""
    return re.search(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)', xml, re.S).group()  # type: ignore[union-attr]
