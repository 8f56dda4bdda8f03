"""定稿 as .xlsx: the macro-free workbook a clerk emails (values, no VBA, no buttons, no xlwings.conf).

Mail gateways reject macro files and Office blocks macros from the internet
(DESIGN.md), so the finished file keeps only what displays without Python.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

from xlsrc.errors import InputError
from xlsrc.forms import xlwings_conf
from xlsrc.outputs import Output


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
    if xlwings_conf.SHEET in book.sheetnames:
        del book[xlwings_conf.SHEET]
    book.save(target)
    return target


OUTPUT = Output("xlsx", ".xlsx", "定稿（不含宏的 .xlsx，可邮件报送）", finalize)
