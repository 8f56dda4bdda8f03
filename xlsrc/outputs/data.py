"""Data exports (`xlsrc export`): the scores and the problems of a workbook, for other programs.

`json` holds every scored form's total, grade and figures (each form says what it holds),
under "projects" each project's 项目支出绩效自评表 (one entry per project sheet, in tab
order), and every problem 检查 lists; `csv` is the 校验结果 list (a project's problems name
its sheet), UTF-8 with a byte-order mark so that Excel and WPS open it with its Chinese
intact. Both are written from the workbook as it is calculated and checked in memory; the
workbook is not changed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

from xlsrc.domain import text as T
from xlsrc.domain.findings import listed as is_listed
from xlsrc.files import save_atomically
from xlsrc.outputs import Evaluated, Output

# The columns of the csv: the 校验结果 sheet's own.
CSV_HEADER = ("序号", "编号", "类别", "工作表", "单元格", "问题")


def plain(value: Any) -> Any:
    """A value as JSON holds it: numbers as numbers, dates as ISO text, the rest as text."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, (float, Decimal)):
        number = float(value)
        return int(number) if number.is_integer() else number
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return str(value)


def content(ev: Evaluated) -> dict[str, Any]:
    """What the json export holds."""
    evaluation = ev.checked.evaluation
    assert evaluation is not None  # 检查 always evaluates
    reading = evaluation.reading
    b = reading.binding
    forms_out, projects = [], []
    for form, result in evaluation.results:
        entry: dict[str, Any] = {
            "key": form.key,
            "required": form.required(reading.rules),
            "total": plain(result.total),
            "grade": result.grade,
        }
        if result.sheet is not None:  # an instance (a project): listed with the others
            entry["sheet"] = result.sheet
        if form.data is not None:
            entry.update(plain(form.data(result)))
        (forms_out if result.sheet is None else projects).append(entry)
    return {
        "unit": plain(b.value("self.unit")),
        "year": reading.year,
        "rules": f"{reading.rules.region} {reading.rules.year}",
        "total": plain(evaluation.total),
        "grade": evaluation.grade,
        "pending": evaluation.pending,
        "forms": forms_out,
        "projects": projects,
        "problems": [
            {
                "code": p.code,
                "severity": p.severity.value,
                "sheet": p.sheet,
                "cell": p.cell,
                "message": p.message,
            }
            for p in ev.checked.problems
            if is_listed(p.severity, p.code)
        ],
    }


def write_json(ev: Evaluated, target: Path, **_: object) -> Path:
    text = json.dumps(content(ev), ensure_ascii=False, indent=2) + "\n"

    def write(f: BinaryIO) -> None:
        f.write(text.encode("utf-8"))

    return save_atomically(target, write)


def write_csv(ev: Evaluated, target: Path, **_: object) -> Path:
    buffer = io.StringIO()
    out = csv.writer(buffer, lineterminator="\r\n")
    out.writerow(CSV_HEADER)
    listed = [p for p in ev.checked.problems if is_listed(p.severity, p.code)]
    for i, p in enumerate(listed, start=1):
        # A message is text: a leading = + - @ would be a formula to Excel, so it is quoted off.
        row = [i, p.code, p.severity.value, p.sheet, p.cell, p.message]
        out.writerow([_as_text(v) for v in row])

    def write(f: BinaryIO) -> None:
        f.write(buffer.getvalue().encode("utf-8-sig"))

    return save_atomically(target, write)


def _as_text(value: object) -> object:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def _named(suffix: str, template: str) -> Any:
    def named(source: Path) -> Path:
        return source.with_name(template.format(stem=source.stem) + suffix)

    return named


OUTPUTS = (
    Output("json", ".json", T.A_JSON_DESCRIPTION, write_json, named=_named(".json", T.A_JSON_NAME)),
    Output("csv", ".csv", T.A_CSV_DESCRIPTION, write_csv, named=_named(".csv", T.A_CSV_NAME)),
)
