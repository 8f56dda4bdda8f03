"""Entry points of the workbook's buttons (RunPython "import xlsrc.buttons as b; b.calculate()").

Each gets the calling book inside the function, runs a use case, and tells the
clerk the outcome. xlwings is imported inside the functions: importing it pulls
in pandas, and RunPython starts a fresh Python on every click.
"""

from __future__ import annotations

from typing import Any

from xlsrc.domain import text as T


def _port(book: Any) -> Any:
    from xlsrc.adapters.xlwings_book import XlwingsBook

    if book is None:
        import xlwings as xw

        book = xw.Book.caller()
    return XlwingsBook(book)


def _run(book: Any, use_case: Any, title: str) -> Any:
    from xlsrc.errors import XlsrcError

    port = _port(book)
    try:
        outcome = use_case(port)
    except XlsrcError as exc:
        port.alert(str(exc), title)
        return None
    port.alert(outcome.message, outcome.title)
    return outcome


def calculate(book: Any = None) -> Any:
    """计算得分 button."""
    from xlsrc import usecases

    return _run(book, usecases.calculate, T.U_CALCULATE)


def check(book: Any = None) -> Any:
    """检查 button."""
    from xlsrc import usecases

    return _run(book, usecases.check, T.U_CHECK)


def report(book: Any = None) -> Any:
    """生成报告 button."""
    from xlsrc import usecases

    return _run(book, usecases.report, T.U_REPORT)


def finalize(book: Any = None) -> Any:
    """定稿导出 button: save the workbook, then write its macro-free .xlsx beside it."""
    from pathlib import Path

    from xlsrc import outputs
    from xlsrc.errors import XlsrcError

    port = _port(book)
    try:
        port.book.save()
        target = outputs.export("xlsx", Path(port.book.fullname))
    except XlsrcError as exc:
        port.alert(str(exc), T.U_FINALIZE)
        return None
    port.alert(T.U_EXPORTED.format(path=target), T.U_FINALIZE)
    return target
