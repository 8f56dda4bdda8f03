"""What the page's buttons run in the browser: the CLI's use cases on a file, answered as JSON.

The page's worker writes the clerk's workbook into Pyodide's in-memory file system and calls
`open_workbook` once, then `run` for each button. Each answer is a dict of plain values
(`ok`, the use case's `message`, `total`/`grade`, the `problems` 检查 lists, each project's
total and grade (`projects`), the report's `sections`, and `file`, the path of the workbook or 定稿 to offer for download). Bad input
gets the CLI's own sentence (`错误：…`); nothing raises out of here, so the page never shows
a traceback (an unexpected one goes to the browser's console for support staff).

The very functions the Excel buttons and `xlsrc calc/check/report/finalize` run are called:
`xlsrc.usecases` over `OpenpyxlFile`, and the `.xlsx` 定稿 of `xlsrc.outputs`.
"""

from __future__ import annotations

import json
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from xlsrc.domain import text as T
from xlsrc.domain.findings import listed
from xlsrc.domain.numbers import fmt
from xlsrc.errors import ExportRefused, XlsrcError

Answer = dict[str, Any]
ACTIONS = ("calculate", "check", "report", "finalize")
FINISHED_DIR = "定稿"  # beside the workbook: the 定稿 never replaces it


def open_workbook(path: str) -> Answer:
    """Open the chosen file as xlsrc would: its 单位 and 年度, or the sentence why it cannot be used."""

    def opened() -> Answer:
        from xlsrc import usecases
        from xlsrc.adapters.openpyxl_file import OpenpyxlFile

        book = OpenpyxlFile(path)
        binding = usecases.read(book).binding  # read as the buttons read: the same first complaint
        year = binding.value("self.year")  # openpyxl gives a typed 2024 as an int
        return {
            "ok": True,
            "name": Path(path).name,
            "unit": _text(binding.value("self.unit")),
            "year": _text(year),
            "macros": book.macros,
        }

    return _answer(opened)


def run(action: str, path: str, force: bool = False) -> Answer:
    """One button on the workbook at `path`: 计算得分, 检查 and 生成报告 update it in place
    (as the Excel buttons update the open workbook); 定稿导出 writes the 定稿 beside it."""
    if action not in ACTIONS:
        return _failed(T.W_UNKNOWN_ACTION.format(action=action))
    if not path or not Path(path).is_file():
        return _failed(T.W_NO_WORKBOOK)
    if action == "finalize":
        return _answer(lambda: _finalize(Path(path), force))
    return _answer(lambda: _update(action, Path(path)))


def run_json(action: str, path: str, force: bool = False) -> str:
    """`run` as JSON text: what the worker hands to the page."""
    return json.dumps(run(action, path, force), ensure_ascii=False)


def open_json(path: str) -> str:
    return json.dumps(open_workbook(path), ensure_ascii=False)


def _update(action: str, path: Path) -> Answer:
    from xlsrc import usecases
    from xlsrc.adapters.openpyxl_file import OpenpyxlFile

    book = OpenpyxlFile(path)
    outcome = getattr(usecases, action)(book)
    book.save()
    answer = outcome_answer(outcome)
    answer["file"] = str(path)
    if action == "report":
        answer["sections"] = report_sections(book)
    return answer


def _finalize(path: Path, force: bool) -> Answer:
    from xlsrc import outputs

    output = outputs.get("xlsx")
    target = path.parent / FINISHED_DIR / output.default_target(path).name
    target.parent.mkdir(exist_ok=True)
    seen: list[Any] = []
    try:
        written = outputs.export(output.name, path, target, force=force, checked=seen.append)
    except ExportRefused:
        answer = outcome_answer(seen[0], T.U_FINALIZE)
        error = T.W_FINALIZE_REFUSED.format(errors=answer["errors"])
        answer.update(ok=False, refused=True, error=error)
        return answer
    answer = outcome_answer(seen[0], T.U_FINALIZE)
    answer["message"] = T.U_EXPORTED.format(path=written.name)
    answer["file"] = str(written)
    return answer


def outcome_answer(outcome: Any, title: str | None = None) -> Answer:
    """A use case's `Outcome` as plain values; 提示 (INFO) findings stay out, as in the CLI."""
    problems = [p for p in outcome.problems if listed(p.severity, p.code)]
    return {
        "ok": True,
        "title": title or outcome.title,
        "message": outcome.message,
        "total": None if outcome.total is None else fmt(outcome.total),
        "grade": outcome.grade,
        "errors": outcome.errors,
        "warnings": outcome.warnings,
        "problems": [
            {
                "number": i,
                "code": p.code,
                "severity": p.severity.value,
                "sheet": p.sheet,
                "cell": p.cell,
                "message": p.message,
            }
            for i, p in enumerate(problems, 1)
        ],
        "projects": projects(outcome),
    }


def projects(outcome: Any) -> list[dict[str, str | None]]:
    """Each project's name (its sheet's when blank), sheet, total and grade, in tab order, from
    what 计算得分 and 检查 scored; their problems are among `problems`, on their sheets."""
    from xlsrc import forms

    ev = getattr(outcome, "evaluation", None)
    if ev is None:
        return []
    return [
        {
            "sheet": s.sheet,
            "name": s.result.name or s.sheet,
            "total": None if s.total is None else fmt(s.total),
            "grade": s.grade,
        }
        for s in ev.results.every(forms.project.KEY)
    ]


def report_sections(book: Any) -> list[dict[str, str]]:
    """The 自评报告's sections as the workbook now holds them (the generated and the clerk's own)."""
    from xlsrc import forms
    from xlsrc.binding import Binding

    current = Binding(book).lines("report")
    return [
        {"label": line.label, "text": _text(current[line.key]["text"])}
        for line in forms.report.SECTIONS
    ]


def _answer(work: Callable[[], Answer]) -> Answer:
    """Run `work`; a clerk's sentence instead of any exception."""
    try:
        return work()
    except (XlsrcError, OSError) as exc:
        from xlsrc.files import sentence

        return _failed(T.U_ERROR.format(message=sentence(exc)))
    except Exception as exc:
        traceback.print_exc(file=sys.stderr)  # the browser's console, for support staff
        return _failed(T.W_INTERNAL.format(detail=f"{type(exc).__name__}: {exc}"))


def _failed(message: str) -> Answer:
    return {"ok": False, "error": message}


def _text(value: object) -> str:
    return "" if value is None else str(value)
