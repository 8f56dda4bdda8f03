"""What the in-app hosts run: a button on a workbook sent in xlwings' JSON book protocol.

xlwings Lite builds the `xw.Book(json=...)` itself and calls `lite/main.py`; the WPS add-in
(`wps/main.js`) reads the open workbook through WPS's object model into the same JSON (the one
xlwings' Office.js client sends: `book`, `names`, `sheets` with `values`, plus each sheet's
`number_formats`, which xlwings ignores and `XlwingsBook` reads) and hands it to the page's
worker, which calls `run_json` here. The very entry points of the Excel buttons
(`xlsrc.buttons`) run on that book, through the xlwings adapter; what they wrote comes back
as xlwings' actions (`setValues`, `setRangeColor`, `alert`), which the host applies.

Limitations: xlwings' remote engine is write-only, so an answer carries no report sections
(the clerk reads them on the sheet), and 定稿导出 is done in two steps by the host: `finalize`
here writes what the Excel button writes before it saves (scores, 检查's flags and list),
then the host saves the workbook and the page's `run("finalize", ...)` writes the 定稿.
添加项目 / 删除项目 answer that projects are added in Excel or with `xlsrc project`.
"""

from __future__ import annotations

import json
import os
from typing import Any

from xlsrc.domain import text as T
from xlsrc.web.page import Answer, outcome_answer

ACTIONS = ("calculate", "check", "report", "finalize", "add_project", "remove_project")
# WPS adds and deletes no worksheet for Python here: the clerk is told to use Excel or the CLI.
PROJECT_ACTIONS = ("add_project", "remove_project")


def run(action: str, payload: dict[str, Any]) -> Answer:
    """One button on the book in `payload` → the answer the page shows, plus its `actions`."""
    if action not in ACTIONS:
        return {"ok": False, "error": T.W_UNKNOWN_ACTION.format(action=action), "actions": []}
    if action in PROJECT_ACTIONS:
        return {"ok": False, "error": T.P_NOT_HERE_WPS, "actions": []}
    # xlwings' remote engine is under the PolyForm Noncommercial licence, which names a
    # government institution's use a permitted purpose (docs/architecture.md).
    os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
    import xlwings as xw

    from xlsrc import buttons

    # The WPS add-in names no xlwings version: it speaks the protocol of the one shipped.
    book = xw.Book(json={"version": xw.__version__, **payload})
    try:
        outcome = (
            _prepare_finalize(book) if action == "finalize" else getattr(buttons, action)(book)
        )
        actions = book.json()["actions"]
    finally:
        book.close()
    if outcome is None:  # the button told the clerk why in its one alert
        told = [a["args"][0] for a in actions if a["func"] == "alert"]
        return {"ok": False, "error": told[-1] if told else T.W_NO_WORKBOOK, "actions": actions}
    answer = outcome_answer(outcome, T.U_FINALIZE if action == "finalize" else None)
    answer["actions"] = actions
    return answer


def run_json(action: str, payload: str) -> str:
    """`run` on JSON text → JSON text: what the worker calls."""
    return json.dumps(run(action, json.loads(payload)), ensure_ascii=False)


def _prepare_finalize(book: Any) -> Any:
    """定稿导出 up to the save, as `buttons.finalize` runs it: score, then check."""
    from xlsrc import buttons, usecases

    def score_and_check(port: Any) -> Any:
        usecases.calculate(port)
        return usecases.check(port)

    return buttons._run(book, score_and_check, T.U_FINALIZE)
