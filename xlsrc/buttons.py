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


def _tell(book: Any, port: Any, message: str, title: str) -> None:
    """One alert for the clerk, through the port if there is one, else through Excel directly."""
    try:
        if port is not None:
            port.alert(message, title)
            return
        if book is None:
            import xlwings as xw

            book = xw.Book.caller()
        book.app.alert(message, title=title)
    except Exception:  # nothing left to tell the clerk with; an unexpected error is in the log
        pass


def _run(book: Any, use_case: Any, title: str) -> Any:
    """Run a use case on the calling book; every outcome or error ends in one alert, never a traceback."""
    from xlsrc.errors import XlsrcError

    port = None
    try:
        port = _port(book)
        outcome = use_case(port)
    except XlsrcError as exc:
        _tell(book, port, str(exc), title)
        return None
    except Exception as exc:
        from xlsrc import crashlog

        _tell(book, port, crashlog.explain(exc, f"button {title}", T.U_INTERNAL_ALERT), title)
        return None
    _tell(book, port, outcome.message, outcome.title)
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
    """定稿导出 button: score and check the workbook; while 检查 finds errors, export only if the
    clerk confirms; then save it and write the 定稿 beside it."""
    from pathlib import Path

    from xlsrc import outputs, usecases
    from xlsrc.usecases import Outcome

    def export(port: Any) -> Outcome:
        usecases.calculate(port)
        checked = usecases.check(port)
        if checked.errors:
            question = T.U_FINALIZE_CONFIRM.format(errors=checked.errors)
            # Excel answers "yes" or "no"; a client that cannot ask (xlwings Server) answers None.
            answer = port.book.app.alert(question, title=T.U_FINALIZE, buttons="yes_no")
            if answer != "yes":
                return Outcome(T.U_FINALIZE, T.U_FINALIZE_CANCELLED, problems=checked.problems)
        port.book.save()
        target = outputs.export("xlsx", Path(port.book.fullname), force=True)
        return Outcome(T.U_FINALIZE, T.U_EXPORTED.format(path=target), path=target)

    outcome = _run(book, export, T.U_FINALIZE)
    return None if outcome is None else outcome.path


def report_docx(book: Any = None) -> Any:
    """导出Word button: generate the report, save the workbook, and write the Word report beside it."""
    from pathlib import Path

    from xlsrc import outputs, usecases
    from xlsrc.usecases import Outcome

    def export(port: Any) -> Outcome:
        output = outputs.get("docx")  # the install hint comes before anything is written
        usecases.report(port)
        port.book.save()
        target = outputs.export(output.name, Path(port.book.fullname))
        return Outcome(T.U_REPORT, T.U_DOCX_EXPORTED.format(path=target), path=target)

    outcome = _run(book, export, T.U_REPORT)
    return None if outcome is None else outcome.path


def _named_project(port: Any, button: str) -> str:
    """The project name the clerk typed on 使用说明 for the button `button`."""
    from xlsrc import forms
    from xlsrc.binding import Binding
    from xlsrc.domain.shown import shown
    from xlsrc.errors import InputError

    if not getattr(port, "changes_sheets", True):
        raise InputError(T.P_NOT_HERE)
    b = Binding(port)
    field = forms.help.PROJECT_INPUT.field
    text = " ".join(shown(b.value(field)).split())
    if not text:
        where = b.where(field)
        raise InputError(
            T.P_BUTTON_BLANK.format(sheet=where.sheet, cell=where.cell(), button=button)
        )
    return text


def add_project(book: Any = None) -> Any:
    """添加项目 button: a project sheet named after the 项目名称 typed on 使用说明 (which stays
    there), then the 项目清单 again."""
    from pathlib import Path

    from xlsrc import projects
    from xlsrc.usecases import Outcome

    def add(port: Any) -> Outcome:
        name = _named_project(port, T.P_ADD)
        added = projects.add(port, name, Path(str(port.book.name)).name)
        projects.show(port)
        return Outcome(T.P_ADD, T.P_ADDED.format(name=added.name, sheet=added.sheet))

    return _run(book, add, T.P_ADD)


def remove_project(book: Any = None) -> Any:
    """删除项目 button: once the clerk confirms, delete the sheet of the project named on 使用说明
    (its 项目名称 or sheet name), then write the 项目清单 again."""
    from xlsrc import projects
    from xlsrc.usecases import Outcome

    def remove(port: Any) -> Outcome:
        found = projects.find(port, _named_project(port, T.P_REMOVE))
        name = found.name or found.sheet
        question = T.P_REMOVE_CONFIRM.format(name=name, sheet=found.sheet)
        answer = port.book.app.alert(question, title=T.P_REMOVE, buttons="yes_no")
        if answer != "yes":
            return Outcome(T.P_REMOVE, T.P_REMOVE_CANCELLED.format(name=name))
        projects.remove(port, found.sheet)
        projects.show(port)
        return Outcome(T.P_REMOVE, T.P_REMOVED.format(name=name, sheet=found.sheet))

    return _run(book, remove, T.P_REMOVE)
