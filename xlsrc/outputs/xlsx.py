"""定稿 as .xlsx: the macro-free workbook a clerk emails (values, no VBA, no buttons, no xlwings.conf).

Mail gateways reject macro files and Office blocks macros from the internet
(DESIGN.md), so the finished file keeps only what displays without Python.
"""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl

from xlsrc.adapters.base import CELL_LIMIT, cell_length, cut_to_cell
from xlsrc.domain import text as T
from xlsrc.errors import InputError
from xlsrc.files import save_atomically
from xlsrc.forms import xlwings_conf
from xlsrc.outputs import Output
from xlsrc.safety import check_workbook


def finished_name(path: Path) -> Path:
    return path.with_name(T.A_FINISHED_NAME.format(stem=path.stem))


def finalize(src: str | Path, out: str | Path | None = None) -> Path:
    """Write the email-safe copy of `src`; formulas become their last computed values where known."""
    src = Path(src)
    target = Path(out) if out else finished_name(src)
    if target.suffix.lower() != ".xlsx":
        raise InputError(T.A_FINISHED_SUFFIX.format(name=target.name))
    if target.resolve() == src.resolve():
        raise InputError(T.A_FINISHED_OVERWRITES)
    try:
        data = src.read_bytes()  # one read: formulas and cached values of the same version
        check_workbook(data, src.name)
        book = openpyxl.load_workbook(io.BytesIO(data))  # no keep_vba: VBA and buttons are dropped
        cached = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except InputError:
        raise
    except Exception as exc:
        raise InputError(T.A_FINISHED_CANNOT_OPEN.format(name=src.name, detail=exc)) from exc
    too_long: list[str] = []
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    value = cached[ws.title].cell(cell.row, cell.column).value
                    if value is not None:
                        cell.value = value
                        if cell.data_type == "f":  # openpyxl reads text starting with "=" so
                            cell.data_type = "s"  # a text result stays text, never a formula
                if isinstance(cell.value, str) and cut_to_cell(cell.value) is not cell.value:
                    too_long.append(
                        T.A_TOO_LONG_CELL.format(
                            sheet=ws.title, cell=cell.coordinate, length=cell_length(cell.value)
                        )
                    )
    if too_long:  # the file a bureau receives is never cut short: the clerk shortens the text
        raise InputError(T.A_FINISHED_TOO_LONG.format(limit=CELL_LIMIT, cells="；".join(too_long)))
    if xlwings_conf.SHEET in book.sheetnames:
        del book[xlwings_conf.SHEET]
    return save_atomically(target, book.save)


OUTPUT = Output("xlsx", ".xlsx", T.A_XLSX_DESCRIPTION, finalize, named=finished_name)
