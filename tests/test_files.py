"""Lossless files: atomic saves with a backup, one run per file, Excel's owner file, exit codes."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES
from openpyxl.workbook.workbook import Workbook

from xlsrc import files
from xlsrc.adapters.openpyxl_file import OpenpyxlFile
from xlsrc.cli import main as cli
from xlsrc.errors import FileAccessError
from xlsrc.outputs.xlsx import finalize
from xlsrc.usecases import calculate

SEED = EXAMPLES / "seed000.xlsm"

# A failed save must not print "Exception ignored in ZipFile.__del__" later.
pytestmark = pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")


def total(path: Path) -> object:
    book = OpenpyxlFile(path)
    return book.values(book.area("xs_total"))[0][0]


def leftovers(folder: Path) -> list[str]:
    """Temporary files of a save, anywhere under `folder`."""
    return sorted(p.name for p in folder.rglob(f"*{files.TEMP_SUFFIX}"))


@pytest.fixture
def seed(tmp_path) -> Path:
    path = tmp_path / "单位自评.xlsm"
    shutil.copyfile(SEED, path)
    return path


@pytest.fixture(autouse=True)
def logs(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "logs"
    monkeypatch.setenv("XLSRC_LOG_DIR", str(folder))
    return folder


class DiskFills:
    """A file object that takes `room` bytes, then fails as a full disk does while the save lasts."""

    def __init__(self, f, room: int) -> None:
        self._f, self._room, self.saving = f, room, True

    def write(self, data) -> int:
        if self.saving and self._room < len(data):
            self._f.write(bytes(data[: self._room]))
            self._room = 0
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self._room -= len(data)
        return self._f.write(data)

    def __getattr__(self, name):
        return getattr(self._f, name)


@pytest.fixture
def full_disk(monkeypatch):
    """openpyxl's save writes 20 kB of the workbook, then the disk is full."""
    original = Workbook.save

    def save(self, filename):
        disk = DiskFills(filename, 20_000)
        try:
            return original(self, disk)
        finally:
            disk.saving = False  # what happens later to the file is up to xlsrc

    monkeypatch.setattr(Workbook, "save", save)


# -- atomic saves


def test_in_place_save_keeps_a_backup_of_the_original_and_writes_the_result(seed):
    original = seed.read_bytes()
    book = OpenpyxlFile(seed)
    calculate(book)
    assert book.save() == seed
    assert files.backup_path(seed).read_bytes() == original
    assert total(seed) == pytest.approx(94.16)
    assert leftovers(seed.parent) == []
    # Only the latest backup is kept: the next in-place save backs up the calculated file.
    calculated = seed.read_bytes()
    OpenpyxlFile(seed).save()
    assert files.backup_path(seed).read_bytes() == calculated
    assert sorted(p.name for p in (seed.parent / files.BACKUP_DIR).iterdir()) == [seed.name]


def test_saving_to_another_file_keeps_no_backup(seed, tmp_path):
    OpenpyxlFile(seed).save(tmp_path / "out.xlsm")
    assert not (tmp_path / files.BACKUP_DIR).exists()


def test_a_full_disk_leaves_the_original_byte_identical_and_no_temporary(seed, full_disk):
    original = seed.read_bytes()
    book = OpenpyxlFile(seed)
    calculate(book)
    with pytest.raises(FileAccessError, match="磁盘空间不足") as err:
        book.save()
    assert str(seed) in str(err.value)
    assert seed.read_bytes() == original
    assert leftovers(seed.parent) == []


def test_a_full_disk_during_finalize_leaves_the_old_export_and_no_temporary(seed, full_disk):
    target = seed.with_name("定稿.xlsx")
    target.write_bytes(b"the previous export")
    with pytest.raises(FileAccessError, match="磁盘空间不足"):
        finalize(seed, target)
    assert target.read_bytes() == b"the previous export"
    assert leftovers(seed.parent) == []


def test_the_cli_reports_a_full_disk_with_exit_2(seed, full_disk, capsys):
    original = seed.read_bytes()
    assert cli(["calc", str(seed)]) == 2
    err = capsys.readouterr().err
    assert "磁盘空间不足" in err and str(seed) in err and "Traceback" not in err
    assert seed.read_bytes() == original
    assert leftovers(seed.parent) == []
