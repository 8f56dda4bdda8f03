"""Errors a clerk can see: Chinese sentences that say what is wrong, where, and what to do."""

from __future__ import annotations


class XlsrcError(Exception):
    """Base of xlsrc's errors; `str(error)` is the Chinese message for the clerk."""


class LayoutError(XlsrcError, LookupError):
    """The workbook lacks a sheet, defined name or header that xlsrc needs, or a name is broken."""


class MissingName(LayoutError):
    """A defined name xlsrc needs is not in the workbook at all (workbooks made before it lack it)."""


class InputError(XlsrcError, ValueError):
    """A cell holds something that cannot be used (the message names sheet, cell and text)."""


class MissingExtra(XlsrcError, ImportError):
    """An optional dependency is not installed; the message says what to install."""


class RulesFileError(XlsrcError, ValueError):
    """A rules file that cannot be read or used; the message names the file and each setting."""

    def __init__(self, message: str, problems: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems


class RulesNotFoundError(XlsrcError, FileNotFoundError):
    """No shipped rules file by that name and no such .toml file."""


class FileAccessError(XlsrcError):
    """A file cannot be written now: busy, open in Excel/WPS, read-only, a folder, or the disk is full."""


class ExportRefused(XlsrcError, ValueError):
    """定稿导出 refused because 检查 found errors; `problems` lists what it found."""

    def __init__(self, message: str, problems: tuple[object, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems
