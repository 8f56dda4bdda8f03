"""Seed 002's workbook with three projects, made as a clerk makes them: `xlsrc.projects.add`
on a copy of the example, then each project's inputs typed into its sheet.

The indicator rows are those of three published project forms (tests/project_forms.py:
永德, 稷山, 中江); the funds are the department's own (seed 002 has 20.62万元 of 项目支出),
so their 全年执行数 add up to less than the 自评表's 项目支出 unless a test says otherwise.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from conftest import EXAMPLES
from project_forms import FORMS, target_text

from xlsrc import projects
from xlsrc.adapters.openpyxl_file import OpenpyxlFile
from xlsrc.binding import Binding

SEED = EXAMPLES / "seed002.xlsm"


@dataclass(frozen=True)
class Planned:
    name: str
    form: str  # the published form whose indicator rows it has
    budget: float  # 全年预算数
    spent: float  # 全年执行数


PLANNED = (
    Planned("农村饮水安全巩固提升工程", "yongde", 12.0, 11.85),
    Planned("建档立卡个人缴费县级配套资金", "jishan", 5.5, 5.5),
    Planned("小型水库水标尺制作安装项目", "zhongjiang", 3.12, 2.8),
)


def type_project(book: OpenpyxlFile, sheet: str, planned: Planned) -> None:
    """The project's 主管部门, 实施单位, funds (all 当年财政拨款) and indicator rows."""
    b = Binding(book, sheet)
    published = FORMS[planned.form]

    def put(field: str, value: object, row: int | None = None) -> None:
        book.write(b.where(field, row), [[value]])

    put("project.department", published.department)
    put("project.unit", published.unit)
    for line in ("budget", "fiscal"):
        put(f"project.{line}_total", planned.budget)
        put(f"project.{line}_spent", planned.spent)
    put("project.budget_weight", 10)
    put("project.goal_expected", published.goal[0])
    put("project.goal_actual", published.goal[1])
    rows = [r for r in published.rows if r[2] is not None]  # a row left blank stays blank
    for i, (l1, l2, l3, sign, value, unit, actual, weight, _, deviation) in enumerate(rows):
        for key, typed in (
            ("level1", l1),
            ("level2", l2),
            ("level3", l3),
            ("target", target_text(sign, value, unit)),
            ("actual", actual),
            ("weight", weight),
            ("deviation", deviation),
        ):
            if typed is not None:
                put(f"project_indicator.{key}", typed, i)


def make(target: Path, planned: tuple[Planned, ...] = PLANNED, source: Path = SEED) -> Path:
    """A copy of `source` at `target` with the `planned` projects added and typed."""
    shutil.copyfile(source, target)
    book = OpenpyxlFile(target)
    for p in planned:
        added = projects.add(book, p.name)
        type_project(book, added.sheet, p)
    book.save()
    return target
