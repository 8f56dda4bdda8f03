"""定稿 as .xlsx: the official forms a bureau receives, as they print, in a macro-free workbook.

Mail gateways reject macro files and Office blocks macros from the internet (docs/architecture.md), so
the finished file is written afresh (`xlsrc.outputs.printed`): the forms the region's rules
file asks for, then each project's 项目支出绩效自评表 (one sheet per project), values only,
nothing of the workbook's own (buttons, helper columns, colours, 使用说明, 校验结果,
xlwings.conf, the hidden 项目表样). The workbook is scored and checked first, in memory; while
检查 finds errors the export is refused unless the clerk insists (`force`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook

from xlsrc import usecases
from xlsrc.adapters.base import CELL_LIMIT, cell_length, cut_to_cell
from xlsrc.adapters.openpyxl_file import OpenpyxlFile
from xlsrc.binding import Binding
from xlsrc.domain import text as T
from xlsrc.domain.controls import for_document
from xlsrc.domain.rules import Rules
from xlsrc.errors import ExportRefused, InputError
from xlsrc.files import save_atomically
from xlsrc.outputs import Evaluated, Output, export, printed

# Characters no file name may hold on Windows, control characters, and the bidirectional
# overrides that make "报告\u202exslx.exe" show as "报告exe.xlsx".
_NOT_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]+')


def finished_name(path: Path) -> Path:
    """<年度>部门整体支出绩效自评-<单位>.xlsx beside the workbook; the file's name without a unit."""
    return named_from(path, T.A_FINISHED_NAME)


def named_from(path: Path, template: str) -> Path:
    """A file beside the workbook named by `template` from its 年度 and 单位 (the workbook's
    own name when no unit is typed), without the characters a file name cannot hold."""
    binding = Binding(OpenpyxlFile(path))
    year, unit = (binding.value(f) for f in ("self.year", "self.unit"))
    if isinstance(year, float) and year.is_integer():
        year = int(year)
    unit_text = _NOT_IN_NAMES.sub(" ", for_document(str(unit or ""))).strip() or path.stem
    year_text = _NOT_IN_NAMES.sub(" ", str(year or "")).strip()
    return path.with_name(template.format(year=year_text, unit=unit_text))


def finalize(
    src: str | Path,
    out: str | Path | None = None,
    *,
    force: bool = False,
    rules: Rules | None = None,
    checked: Callable[[usecases.Outcome], None] | None = None,
) -> Path:
    """Write the 定稿 of `src`; ExportRefused while 检查 finds errors, unless `force`.

    `checked` is given what 检查 found before anything is written (the CLI lists it).
    """
    return export("xlsx", src, out, force=force, rules=rules, checked=checked)


def _accepts(src: Path, target: Path) -> None:
    if target.suffix.lower() != ".xlsx":
        raise InputError(T.A_FINISHED_SUFFIX.format(name=target.name))
    if target.resolve() == src.resolve():
        raise InputError(T.A_FINISHED_OVERWRITES)


def write_finished(ev: Evaluated, target: Path, *, force: bool = False, **_: object) -> Path:
    """The 定稿 of a workbook calculated and checked in memory: the official forms its rules
    ask for, as they print."""
    outcome = ev.checked
    if outcome.errors and not force:
        raise ExportRefused(T.A_FINISHED_REFUSED.format(errors=outcome.errors), outcome.problems)
    _refuse_cut_text(ev.port.book)  # before laying out: the bureau's copy is never cut short
    required = usecases.rules_of(Binding(ev.port), ev.rules).required_forms
    book = Workbook()
    book.remove(book.active)
    for plan in printed.plans(ev.port, printed.printed_keys(required)):
        printed.write(plan, book)
    book.properties.title = "部门整体支出绩效自评"
    book.properties.creator = "xlsrc"
    return save_atomically(target, book.save)


OUTPUTS = (
    Output(
        "xlsx",
        ".xlsx",
        T.A_XLSX_DESCRIPTION,
        write_finished,
        named=finished_name,
        document=True,
        accepts=_accepts,
    ),
)


def _refuse_cut_text(book: Workbook) -> None:
    """The file a bureau receives is never cut short: text over a cell's limit is refused."""
    too_long = [
        T.A_TOO_LONG_CELL.format(sheet=ws.title, cell=cell.coordinate, length=cell_length(value))
        for ws in book.worksheets
        for row in ws.iter_rows()
        for cell in row
        if isinstance(value := cell.value, str) and cut_to_cell(value) is not value
    ]
    if too_long:
        raise InputError(T.A_FINISHED_TOO_LONG.format(limit=CELL_LIMIT, cells="；".join(too_long)))
