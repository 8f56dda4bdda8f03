"""Files that are not workbooks are told apart on their bytes, before openpyxl reads them."""

from __future__ import annotations

import io
import shutil
import time
import zipfile
from pathlib import Path

import olefile
import openpyxl
import pytest
from conftest import EXAMPLES
from hostile import (
    encrypted_workbook,
    many_parts,
    old_xls,
    ole_file,
    package_parts,
    zip_bomb,
    zipped,
)

from xlsrc import files, safety
from xlsrc.cli import main as cli
from xlsrc.domain import text as T
from xlsrc.errors import InputError

SEED = EXAMPLES / "seed000.xlsm"


def refused(data: bytes, name: str = "单位自评.xlsm") -> str:
    with pytest.raises(InputError) as info:
        safety.check_workbook(data, name)
    return str(info.value)


@pytest.mark.slow
def test_the_examples_and_a_workbook_of_ten_thousand_rows_pass():
    for path in sorted(EXAMPLES.glob("*.xlsm")):
        safety.check_workbook(path.read_bytes(), path.name)
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("自评表")
    for r in range(10_000):
        ws.append(
            ["产出指标", "数量指标", f"指标{r}", f"≥{r}个", f"{r + 1}个", 5, 4.5, "说明" * 20]
        )
    out = io.BytesIO()
    wb.save(out)
    safety.check_workbook(out.getvalue(), "大.xlsx")
    unpacked = sum(i.file_size for i in zipfile.ZipFile(out).infolist())
    assert unpacked * 10 < safety.MAX_UNPACKED_BYTES  # room for ten such sheets


def test_the_test_files_are_what_excel_writes():
    """olefile (oletools' reader) lists the streams the helper wrote, so the guard sees real ones."""
    for data, streams in (
        (encrypted_workbook(), {"EncryptionInfo", "EncryptedPackage"}),
        (old_xls(), {"Workbook"}),
    ):
        ole = olefile.OleFileIO(io.BytesIO(data))
        assert streams <= {"/".join(p) for p in ole.listdir()}
        assert streams <= safety.ole_stream_names(data)


def test_a_password_protected_workbook_says_how_to_remove_the_password():
    message = refused(encrypted_workbook())
    assert message == T.S_ENCRYPTED.format(name="单位自评.xlsm")
    assert "受密码保护" in message and "删除密码" in message


def test_the_stream_names_are_read_from_the_directory_not_from_anywhere():
    # An old .xls whose cells happen to hold the name is still an old .xls ...
    text = "EncryptedPackage".encode("utf-16-le")
    assert "另存为" in refused(ole_file({"Workbook": b"\x09\x08" + text}))
    # ... and an encrypted file cut short, its directory unreadable, is still encrypted.
    cut = encrypted_workbook()
    damaged = cut[:0x30] + b"\xff\xff\xff\x7f" + cut[0x34:]  # directory sector out of range
    assert safety._directory_names(damaged) == set()
    assert "受密码保护" in refused(damaged)


def test_an_old_xls_is_asked_to_be_saved_as_xlsm_or_xlsx():
    message = refused(old_xls(), "单位自评.xls")
    assert message == T.S_OLD_FORMAT.format(name="单位自评.xls")
    assert "另存为" in message and ".xlsm" in message


@pytest.mark.parametrize(
    "data, expected",
    [
        (b"", T.S_EMPTY),
        ("年度,指标值\n2024,≥95%\n".encode("gb18030"), T.S_TEXT),
        ("年度,指标值\n2024,≥95%\n".encode(), T.S_TEXT),
        (b"<html><body><table><tr><td>1</td></tr></table></body></html>", T.S_TEXT),
        (bytes(range(256)) * 4, T.S_NOT_WORKBOOK),
        (SEED.read_bytes()[: len(SEED.read_bytes()) // 2], T.S_DAMAGED),
        (SEED.read_bytes()[:-10], T.S_DAMAGED),
    ],
    ids=["empty", "csv-gb18030", "csv-utf8", "html", "binary", "half", "end-cut"],
)
def test_what_is_no_workbook_gets_its_own_sentence(data, expected):
    assert refused(data) == expected.format(name="单位自评.xlsm")


def zip_of(names: list[str]) -> bytes:
    return zipped(dict.fromkeys(names, "x"))


@pytest.mark.parametrize(
    "names, kind",
    [
        (["readme.txt"], ""),
        (["[Content_Types].xml", "word/document.xml"], T.S_KIND_WORD),
        (["[Content_Types].xml", "ppt/presentation.xml"], T.S_KIND_POWERPOINT),
        (["xl/workbook.xml"], ""),  # no content types: not an OOXML package
    ],
)
def test_a_zip_that_is_no_workbook_is_named_for_what_it_is(names, kind):
    assert refused(zip_of(names)) == T.S_ZIP_NOT_WORKBOOK.format(name="单位自评.xlsm", kind=kind)


@pytest.mark.parametrize("name", ["单位自评.txt", "单位自评.zip", "单位自评", "单位自评.xls"])
def test_a_workbook_under_another_suffix_is_asked_to_be_renamed(name):
    assert refused(SEED.read_bytes(), name) == T.S_SUFFIX.format(name=name)


def test_a_workbook_with_a_suffix_in_capitals_is_a_workbook():
    safety.check_workbook(SEED.read_bytes(), "单位自评.XLSM")


def test_package_limits(tmp_path, monkeypatch):
    data = SEED.read_bytes()
    monkeypatch.setattr(safety, "MAX_FILE_BYTES", len(data) - 1)
    assert "超过 xlsrc 可处理的上限" in refused(data)
    monkeypatch.undo()
    message = refused(many_parts(tmp_path / "m.xlsx", safety.MAX_MEMBERS + 1).read_bytes())
    assert message == T.S_TOO_MANY_PARTS.format(
        name="单位自评.xlsm", count=safety.MAX_MEMBERS + 1, limit=safety.MAX_MEMBERS
    )
    parts = package_parts(SEED.read_bytes())  # a workbook with a thousand pictures passes
    parts.update({f"xl/media/image{i}.png": b"" for i in range(1000)})
    safety.check_workbook(zipped(parts), "m.xlsm")
    message = refused(many_parts(tmp_path / "m.xlsx", 1000).read_bytes())
    assert message == T.S_PART_MISSING.format(name="单位自评.xlsm", part="_rels/.rels")


def test_a_part_compressed_beyond_the_ratio_is_refused_even_when_small_in_total(tmp_path):
    bomb = zip_bomb(tmp_path / "b.xlsx", unpacked=64 * 2**20).read_bytes()  # under 256 MB
    message = refused(bomb)
    assert message.startswith("“单位自评.xlsm”中的“xl/worksheets/sheet1.xml”压缩比为 ")
    assert ":1，超过上限 200:1" in message


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    return zip_bomb(tmp_path_factory.mktemp("bomb") / "炸弹.xlsx")


def test_a_zip_bomb_is_refused_within_seconds_by_every_command(bomb, tmp_path, capsys):
    assert bomb.stat().st_size < 2 * 2**20  # a gigabyte of zeros, as mailed
    before = bomb.read_bytes()
    expected = T.S_UNPACKS_TOO_LARGE.format(name=bomb.name, size="1.0 GB", limit="256 MB")
    for command in ("calc", "check", "report", "finalize"):
        started = time.monotonic()
        assert cli([command, str(bomb)]) == 2
        elapsed = time.monotonic() - started
        err = capsys.readouterr().err
        assert err == T.U_ERROR.format(message=expected) + "\n"
        assert elapsed < 3, f"{command} took {elapsed:.1f} s"
    assert bomb.read_bytes() == before
    written = [p.name for p in bomb.parent.iterdir() if not p.name.endswith(files.LOCK_SUFFIX)]
    assert written == [bomb.name]  # no backup, no export, no temporary


def test_the_guard_runs_before_openpyxl_on_every_path(tmp_path, monkeypatch, capsys):
    """Neither the adapter nor the export hands openpyxl a file the guard refuses."""
    seen: list[object] = []
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: seen.append(a))
    path = tmp_path / "单位自评.xlsm"
    path.write_bytes(encrypted_workbook())
    for command in ("calc", "finalize"):
        assert cli([command, str(path)]) == 2
        assert "受密码保护" in capsys.readouterr().err
    assert seen == []


@pytest.mark.slow
def test_a_real_workbook_still_opens_through_the_guard(tmp_path, capsys):
    path = tmp_path / "单位自评.xlsm"
    shutil.copyfile(SEED, path)
    assert cli(["calc", str(path)]) == 0
    assert cli(["finalize", str(path), "--force"]) == 0  # seed 000 has an error of its own
