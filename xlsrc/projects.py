"""The department's projects: add one (a copy of the hidden model sheet), remove one, list them.

A project is a sheet holding the 项目支出绩效自评表's names scoped to itself (forms.project).
Adding copies the model sheet, named after the project, in front of 校验结果, so projects
follow the 部门整体 forms in tab order, each new one after the last; the project's name is
written into its 项目名称. Removing deletes the project's sheet (the file's backup keeps it).
The buttons and `xlsrc project` run these same functions.

The 项目清单 on 使用说明 (forms.help.PROJECTS) lists the projects with their 总分 and 等次:
the buttons write it after adding or removing, 计算得分 and 检查 with what they scored.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from xlsrc import forms
from xlsrc.adapters.base import Grid, Port
from xlsrc.binding import Binding, Writes
from xlsrc.domain import text as T
from xlsrc.errors import InputError
from xlsrc.forms import project as form

if TYPE_CHECKING:
    from xlsrc.scored import Results

SHEET_LIMIT = 31  # Excel's longest sheet name
_NOT_IN_SHEET_NAMES = "[]:*?/\\"


@dataclass(frozen=True)
class Project:
    sheet: str
    name: str

    def __str__(self) -> str:
        return T.P_SHEET_OF.format(name=self.name or self.sheet, sheet=self.sheet)


def _fold(name: str) -> str:
    return unicodedata.normalize("NFKC", name).casefold()


def sheet_title(name: str, taken: Collection[str]) -> str:
    """The sheet name for a project: its name without the characters Excel refuses, cut to 31
    characters, and `numbered` when a sheet of that name exists."""
    clean = "".join("_" if ch in _NOT_IN_SHEET_NAMES else ch for ch in " ".join(name.split()))
    return numbered(clean.strip("'").strip() or form.UNNAMED, taken)


def numbered(title: str, taken: Collection[str]) -> str:
    """`title` cut to 31 characters, numbered "（2）", "（3）" … while a sheet of that name is
    taken (Excel compares sheet names without case and full-width forms)."""
    used = {_fold(t) for t in taken}
    out, n = title[:SHEET_LIMIT], 1
    while _fold(out) in used:
        n += 1
        suffix = f"（{n}）"
        out = title[: SHEET_LIMIT - len(suffix)] + suffix
    return out


def listed(port: Port) -> list[Project]:
    """Every project of the workbook, in tab order, with the name its form gives."""
    out = []
    for b in Binding(port).instances(form.MARKER, form.MODEL_NAME):
        value = b.value("project.name")
        out.append(Project(b.scope or "", "" if value is None else str(value).strip()))
    return out


def _sheets(port: Port) -> list[str]:
    names = getattr(port, "sheet_names", None)
    return list(names() if callable(names) else names or [])


def _model(port: Port, book: str) -> str:
    look = getattr(port, "scopes", None)
    models = look(form.MODEL_NAME) if look is not None else []
    if not models:
        raise InputError(T.P_NO_MODEL.format(book=book, model=form.SHEET))
    return str(models[0])


def add(port: Port, name: str, book: str = "") -> Project:
    """Add a project named `name`: a copy of the model sheet, before 校验结果."""
    text = " ".join(str(name or "").split())
    if not text:
        raise InputError(T.P_NAME_BLANK)
    copy = getattr(port, "copy_sheet", None)
    if copy is None:
        raise InputError(T.P_NOT_HERE)
    model = _model(port, book)
    b = Binding(port)
    title = sheet_title(text, _sheets(port))
    copy(model, title, before=b.sheet(forms.checks.FORM), drop_names=(form.MODEL_NAME,))
    where = Binding(port, title).where("project.name")
    port.write(where, [[text]])
    return Project(title, text)


def find(port: Port, which: str) -> Project:
    """The project whose sheet or 项目名称 is `which` (spaces and case aside)."""
    wanted = _fold("".join(str(which).split()))
    projects = listed(port)
    for p in projects:
        if wanted in (_fold("".join(p.sheet.split())), _fold("".join(p.name.split()))):
            return p
    names = "、".join(str(p) for p in projects) or T.P_NO_PROJECTS
    raise InputError(T.P_NOT_FOUND.format(name=which, names=names))


def remove(port: Port, which: str) -> Project:
    """Delete the sheet of the project named `which` (its sheet name or its 项目名称)."""
    delete = getattr(port, "delete_sheet", None)
    if delete is None:
        raise InputError(T.P_NOT_HERE)
    project = find(port, which)
    delete(project.sheet)
    return project


LIST = forms.help.PROJECTS.field  # the 项目清单 on 使用说明
LIST_COLUMNS = ("sheet", "name", "total", "grade")


def _number(value: object) -> object:
    return float(value) if isinstance(value, Decimal) else value


def list_rows(port: Port, results: Results | None = None) -> Grid:
    """The 项目清单's rows (sheet, 项目名称, 总分, 等次), in tab order: as scored when `results`
    are given, else as the project sheets show them."""
    if results is not None:
        return [
            [s.sheet or "", getattr(s.result, "name", ""), _number(s.total), s.grade]
            for s in results.every(form.KEY)
        ]
    rows: Grid = []
    for b in Binding(port).instances(form.MARKER, form.MODEL_NAME):
        name = b.value("project.name")
        rows.append(
            [
                b.scope or "",
                "" if name is None else str(name).strip(),
                _number(b.value("project.total")),
                b.value("project.grade"),
            ]
        )
    return rows


def missing_list(b: Binding) -> list[str]:
    """The names of the 项目清单 and its input that a workbook made before them lacks."""
    return [e.name for e in forms.help.PROJECT_NAMES if not b.has(e.name)]


def put_list(w: Writes, rows: Grid) -> None:
    """Queue the 项目清单 (rows below the projects cleared) on `w`; a workbook made before the
    list has none and gets none."""
    b = w.binding
    if not b.has(forms.help.PROJECTS.name):
        return
    room = b.capacity(LIST)
    if len(rows) > room:
        more = T.P_LIST_MORE.format(count=len(rows) - room + 1)
        rows = [*rows[: room - 1], [None, more, None, None]]
    for j, key in enumerate(LIST_COLUMNS):
        w.column(LIST, key, [r[j] for r in rows])


def show(port: Port, results: Results | None = None) -> None:
    """Write the 项目清单 on 使用说明 (one write)."""
    w = Writes(Binding(port))
    put_list(w, list_rows(port, results))
    w.flush()
