"""Errors a clerk can see: Chinese sentences that say what is wrong, where, and what to do."""

from __future__ import annotations


class XlsrcError(Exception):
    """Base of xlsrc's errors; `str(error)` is the Chinese message for the clerk."""


class LayoutError(XlsrcError, LookupError):
    """The workbook lacks a sheet or defined name that xlsrc needs."""


class InputError(XlsrcError, ValueError):
    """A cell holds something that cannot be used (the message names sheet, cell and text)."""


class MissingExtra(XlsrcError, ImportError):
    """An optional dependency is not installed; the message says what to install."""
