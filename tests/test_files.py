"""Lossless files: atomic saves with a backup, one run per file, Excel's owner file, exit codes."""

from __future__ import annotations

import errno
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest
from conftest import EXAMPLES, ROOT
from filelock import FileLock
from openpyxl.workbook.workbook import Workbook
from remote import payload_from_file

import xlsrc.buttons as buttons
from xlsrc import files, ooxml, outputs, usecases
from xlsrc.adapters.openpyxl_file import OpenpyxlFile
from xlsrc.cli import main as cli
from xlsrc.domain import text as T
from xlsrc.errors import FileAccessError
from xlsrc.outputs.xlsx import finalize
from xlsrc.usecases import calculate

SEED = EXAMPLES / "seed000.xlsm"

# A failed save must not print "Exception ignored in ZipFile.__del__" later.
pytestmark = pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")


def total(path: Path) -> object:
    book = OpenpyxlFile(path)
    return book.values(book.area("xs_total"))[0][0]


def report_text(path: Path) -> list[object]:
    book = OpenpyxlFile(path)
    return [v for row in book.values(book.area("xs_report")) for v in row if v]


def xlsrc_process(*args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "xlsrc.cli", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


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
    """A save (the package patch of a run, openpyxl's save of a 定稿) writes 8 kB, then the disk is full."""
    save, patch = Workbook.save, ooxml.patch

    def filling(write, f):
        disk = DiskFills(f, 8_000)
        try:
            return write(disk)
        finally:
            disk.saving = False  # what happens later to the file is up to xlsrc

    monkeypatch.setattr(Workbook, "save", lambda book, f: filling(lambda d: save(book, d), f))
    monkeypatch.setattr(
        ooxml, "patch", lambda data, ed, f: filling(lambda d: patch(data, ed, d), f)
    )


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
        finalize(seed, target, force=True)
    assert target.read_bytes() == b"the previous export"
    assert leftovers(seed.parent) == []


def test_the_cli_reports_a_full_disk_with_exit_2(seed, full_disk, capsys):
    original = seed.read_bytes()
    assert cli(["calc", str(seed)]) == 2
    err = capsys.readouterr().err
    assert "磁盘空间不足" in err and str(seed) in err and "Traceback" not in err
    assert seed.read_bytes() == original
    assert leftovers(seed.parent) == []


# -- a kill never leaves a truncated workbook


@pytest.mark.slow
def test_a_kill_during_an_in_place_save_leaves_the_original_or_the_result(tmp_path):
    """SIGKILL `xlsrc calc` at random moments around its save; the file is always whole."""
    if not hasattr(signal, "SIGKILL"):
        pytest.skip("no SIGKILL on this platform")
    original = SEED.read_bytes()
    path = tmp_path / "单位自评.xlsm"
    path.write_bytes(original)
    started = time.monotonic()
    proc = xlsrc_process("calc", str(path))
    assert proc.wait(timeout=30) == 0, proc.stderr.read() if proc.stderr else ""
    run = time.monotonic() - started  # loading Python to the saved file
    result = total(path)
    assert result == pytest.approx(94.16)
    rng = random.Random(20240601)
    outcomes = {"original": 0, "result": 0, "finished": 0}
    for _ in range(20):
        path.write_bytes(original)
        proc = xlsrc_process("calc", str(path))
        time.sleep(rng.uniform(0.5, 1.05) * run)  # most kills land in loading, calculating, saving
        proc.send_signal(signal.SIGKILL)
        code = proc.wait(timeout=30)
        proc.stdout.close()
        proc.stderr.close()
        if code == 0:
            outcomes["finished"] += 1
        if path.read_bytes() == original:
            outcomes["original"] += 1
            continue
        openpyxl.load_workbook(path, keep_vba=True)  # a truncated zip would raise here
        assert total(path) == result
        outcomes["result"] += 1
    print(f"\nkill loop, run {run:.2f} s: {outcomes}, temporaries left: {len(leftovers(tmp_path))}")
    assert outcomes["original"] + outcomes["result"] == 20
    # The next run on the file removes what killed runs left behind.
    assert cli(["calc", str(path)]) == 0
    assert leftovers(tmp_path) == []


# -- one run per file


@pytest.mark.slow
def test_two_runs_at_once_on_one_file_never_interleave(seed):
    """calc and report start together on one file: each sees the other's result or is turned away.

    Without the lock both would read the original and the later save would drop the
    other's result (the total or the report text).
    """
    original = seed.read_bytes()
    rounds = []
    for _ in range(2):
        seed.write_bytes(original)
        procs = {cmd: xlsrc_process(cmd, str(seed)) for cmd in ("calc", "report")}
        ended = {cmd: (p.wait(timeout=60), *p.communicate()) for cmd, p in procs.items()}
        codes = {cmd: e[0] for cmd, e in ended.items()}
        rounds.append(codes)
        for code, _out, err in ended.values():
            assert code in (0, 2)
            if code == 2:
                assert "正由另一个 xlsrc 运行处理" in err and str(seed) in err
        assert list(codes.values()).count(0) >= 1
        openpyxl.load_workbook(seed, keep_vba=True)
        assert (total(seed) is not None) == (codes["calc"] == 0)
        assert bool(report_text(seed)) == (codes["report"] == 0)
    print(f"\nconcurrent calc + report, exit codes per round: {rounds}")


def test_a_busy_file_is_refused_with_a_chinese_message(seed, monkeypatch, capsys):
    monkeypatch.setattr(files, "LOCK_TIMEOUT", 0.2)
    original = seed.read_bytes()
    with FileLock(files.lock_path(seed)):
        assert cli(["calc", str(seed)]) == 2
    err = capsys.readouterr().err
    assert T.F_BUSY.format(path=seed.absolute()) in err
    assert seed.read_bytes() == original
    assert cli(["calc", str(seed)]) == 0  # the lock is free again


def test_a_workbook_open_in_excel_is_not_written_in_place(seed, tmp_path, capsys):
    owner = seed.with_name("~$" + seed.name)
    owner.write_bytes(b"\x00" * 165)  # Excel's owner file: the user's name, padded
    original = seed.read_bytes()
    for command in ("calc", "check", "report"):
        assert cli([command, str(seed)]) == 2
        err = capsys.readouterr().err
        assert owner.name in err and "关闭" in err and str(seed) in err
    assert seed.read_bytes() == original
    # Writing to another file is fine while the clerk has the workbook open.
    assert cli(["calc", str(seed), "-o", str(tmp_path / "另存.xlsm")]) == 0
    assert cli(["check", str(seed), "-o", str(tmp_path / "标注.xlsm")]) == 1
    owner.unlink()
    assert cli(["calc", str(seed)]) == 0


# -- exit codes and messages


def test_output_to_a_folder_is_refused_with_its_message(seed, tmp_path, capsys):
    folder = tmp_path / "结果"
    folder.mkdir()
    for args in (["calc", str(seed)], ["check", str(seed)], ["finalize", str(seed)]):
        assert cli([*args, "-o", str(folder)]) == 2
        err = capsys.readouterr().err
        assert T.F_IS_FOLDER.format(path=folder) in err
    assert list(folder.iterdir()) == []
    assert not files.lock_path(folder).exists()


def test_a_folder_given_as_the_workbook_is_named_as_a_folder(tmp_path, capsys):
    for command in ("calc", "check", "report", "finalize"):
        assert cli([command, str(tmp_path)]) == 2
        assert (
            capsys.readouterr().err == "错误：" + T.A_INPUT_IS_FOLDER.format(path=tmp_path) + "\n"
        )
    assert list(tmp_path.iterdir()) == []  # no lock, export or log left in it


def test_a_read_only_target_is_refused_with_its_message(seed, tmp_path, capsys):
    out = tmp_path / "只读.xlsm"
    shutil.copyfile(seed, out)
    before = out.read_bytes()
    for target in (out, seed):
        target.chmod(stat.S_IRUSR | stat.S_IRGRP)
    try:
        assert cli(["calc", str(seed), "-o", str(out)]) == 2
        assert T.F_READ_ONLY.format(path=out) in capsys.readouterr().err
        assert cli(["report", str(seed)]) == 2
        assert T.F_READ_ONLY.format(path=seed) in capsys.readouterr().err
    finally:
        for target in (out, seed):
            target.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert out.read_bytes() == before
    assert leftovers(tmp_path) == []


def test_a_read_only_folder_is_refused_with_its_message(seed, tmp_path, monkeypatch, capsys):
    """The folder refuses new files (simulated: root may write anywhere)."""

    def refuse(*args, dir=None, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), dir)

    monkeypatch.setattr(files.tempfile, "mkstemp", refuse)
    out = tmp_path / "out.xlsm"
    assert cli(["calc", str(seed), "-o", str(out)]) == 2
    assert T.F_NO_PERMISSION.format(path=out) in capsys.readouterr().err
    assert not out.exists()


def test_an_internal_error_gives_exit_3_one_line_and_a_log(seed, logs, monkeypatch, capsys):
    def broken(*args, **kwargs):
        raise RuntimeError("boom in calculate")

    monkeypatch.setattr(usecases, "calculate", broken)
    original = seed.read_bytes()
    assert cli(["calc", str(seed)]) == 3
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == 1 and "Traceback" not in captured.err + captured.out
    (log,) = logs.glob("*.log")
    assert str(log) in lines[0]
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "RuntimeError: boom in calculate" in text
    assert seed.read_bytes() == original


def test_usage_errors_are_in_chinese_with_exit_2(capsys):
    for argv, words in (
        ([], "缺少参数 命令（calc、check"),
        (["calc"], "缺少参数 工作簿文件名"),
        (["calc", "a.xlsm", "--bogus"], "无法识别的参数 --bogus"),
        (["calculate", "a.xlsm"], "没有命令 'calculate'，可选：'calc', 'check'"),
        (["calc", "a.xlsm", "-o"], "-o/--output 后面缺少值"),
    ):
        with pytest.raises(SystemExit) as exit_:
            cli(argv)
        assert exit_.value.code == 2
        err = capsys.readouterr().err
        assert "命令用法有误" in err and words in err and "-h" in err


# -- the buttons


def run_button(button, path: Path) -> list[dict]:
    import xlwings as xw

    book = xw.Book(json=payload_from_file(path))
    assert button(book) is None
    return book.json()["actions"]


def test_an_unexpected_error_in_a_button_is_one_alert_with_the_log(logs, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom in check")

    monkeypatch.setattr(usecases, "check", broken)
    actions = run_button(buttons.check, SEED)
    alerts = [a for a in actions if a["func"] == "alert"]
    assert len(alerts) == 1 and alerts[0]["args"][1] == T.U_CHECK
    (log,) = logs.glob("*.log")
    assert str(log) in alerts[0]["args"][0] and "Traceback" not in alerts[0]["args"][0]
    assert "RuntimeError: boom in check" in log.read_text(encoding="utf-8")


def test_an_unexpected_error_in_finalize_is_one_alert_with_the_log(logs, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom in export")

    monkeypatch.setattr(outputs, "export", broken)
    actions = run_button(buttons.finalize, EXAMPLES / "seed002.xlsm")  # checks clean: no question
    alerts = [a for a in actions if a["func"] == "alert"]
    assert len(alerts) == 1 and alerts[0]["args"][1] == T.U_FINALIZE
    (log,) = logs.glob("*.log")
    assert str(log) in alerts[0]["args"][0]
    assert "RuntimeError: boom in export" in log.read_text(encoding="utf-8")
