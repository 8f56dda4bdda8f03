"""定稿导出: the macro-free .xlsx a clerk emails (values, no VBA, no buttons, no xlwings.conf).

Mail gateways reject macro files and Office blocks macros from the internet
(DESIGN.md), so the finished file keeps only what displays without Python.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

from xlsrc import layout as L
from xlsrc.errors import InputError


def finished_name(path: Path) -> Path:
    return path.with_name(f"{path.stem}-定稿.xlsx")


def finalize(src: str | Path, out: str | Path | None = None) -> Path:
    """Write the email-safe copy of `src`; formulas become their last computed values where known."""
    src = Path(src)
    target = Path(out) if out else finished_name(src)
    if target.suffix.lower() != ".xlsx":
        raise InputError(f"定稿文件应为 .xlsx（现为“{target.name}”）。")
    if target.resolve() == src.resolve():
        raise InputError("定稿文件不能覆盖原工作簿，请另取文件名。")
    try:
        book = openpyxl.load_workbook(src)  # without keep_vba: VBA and form buttons are dropped
        cached = openpyxl.load_workbook(src, data_only=True)
    except Exception as exc:
        raise InputError(f"无法打开“{src.name}”：{exc}。") from exc
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    value = cached[ws.title].cell(cell.row, cell.column).value
                    if value is not None:
                        cell.value = value
    if L.SHEET_CONF in book.sheetnames:
        del book[L.SHEET_CONF]
    book.save(target)
    return target
