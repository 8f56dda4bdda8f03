"""A 项目支出绩效自评表's own checks, beside the scoring it shares with the 自评表.

The budget row (年度资金总额) and the indicator rows are scored by `selfeval.score_form`,
as every 自评表 is (docs/rules.md §1-§4); what is the project form's own is the funds by
source (当年财政拨款, 上年结转资金, 其他资金), which add up to the 年度资金总额, and its name,
by which the bureau's summary and the report list it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from . import text as T
from .findings import Finding, finding
from .numbers import fmt, quantize
from .values import number_or_none

# 项目资金's sources, under the 年度资金总额 line; and the figures each line has.
SOURCES = ("fiscal", "carried", "other")
COLUMNS = {"initial": "年初预算数", "total": "全年预算数", "spent": "全年执行数"}


@dataclass(frozen=True)
class Funds:
    """项目资金 as typed: line ("budget", "fiscal", …) → column ("initial", …) → raw value."""

    lines: Mapping[str, Mapping[str, object]] = field(default_factory=dict)

    def figure(self, line: str, column: str) -> Decimal | None:
        return number_or_none((self.lines.get(line) or {}).get(column))

    def rate(self, line: str, places: int = 4) -> Decimal | None:
        """A line's 执行率 (全年执行数 / 全年预算数), None without both or with a 0 budget."""
        total, spent = self.figure(line, "total"), self.figure(line, "spent")
        if total is None or spent is None or total == 0:
            return None
        return quantize(spent / total, places)


def check_funds(funds: Funds) -> list[Finding]:
    """Each column whose sources are written and do not add up to the 年度资金总额 (W241)."""
    out: list[Finding] = []
    for column, label in COLUMNS.items():
        total = funds.figure("budget", column)
        parts = [funds.figure(line, column) for line in SOURCES]
        written = [p for p in parts if p is not None]
        if total is None or not written:
            continue
        added = sum(written, Decimal(0))
        if abs(added - total) > Decimal("0.005"):
            out.append(
                finding(
                    T.W_PROJECT_SOURCES,
                    f"budget.{column}",
                    column=label,
                    parts=fmt(added),
                    total=fmt(total),
                )
            )
    return out


def check_name(name: object) -> list[Finding]:
    """W240 when the form names no project."""
    text = "" if name is None else str(name).strip()
    return [] if text else [finding(T.W_PROJECT_UNNAMED, "project.name")]


def same_names(names: Sequence[tuple[str, object]]) -> dict[str, list[Finding]]:
    """(sheet, 项目名称) of every project → the W242 findings of each sheet whose project is
    named as an earlier one's."""
    seen: dict[str, str] = {}
    out: dict[str, list[Finding]] = {}
    for sheet, name in names:
        text = "" if name is None else "".join(str(name).split())
        if not text:
            continue
        if text in seen:
            out.setdefault(sheet, []).append(
                finding(
                    T.W_PROJECT_NAME_TWICE, "project.name", name=str(name).strip(), other=seen[text]
                )
            )
        else:
            seen[text] = sheet
    return out


def check_spent(spent: Sequence[Decimal | None], department: object) -> list[Finding]:
    """W243 on the 自评表's 项目支出 when the projects' 全年执行数 add up to more than it.

    `spent` is each project's 全年执行数 (None where not written); `department` the 自评表's
    项目支出 as typed. Nothing is said without a readable 项目支出 or without any project's
    figure: those blanks have their own findings.
    """
    written = [s for s in spent if s is not None]
    limit = number_or_none(department)
    if limit is None or not written:
        return []
    added = sum(written, Decimal(0))
    if added - limit <= Decimal("0.005"):
        return []
    return [
        finding(T.W_PROJECTS_SPENT, "budget.project", projects=fmt(added), department=fmt(limit))
    ]


# A project budget this many times the department's is a figure typed in 元 (1 万元 = 10000 元).
YUAN_FACTOR = Decimal(100)


def check_scale(total: Decimal | None, department: object) -> list[Finding]:
    """W244 on a project's 全年预算数 when it is over a hundred times the department's: the
    form asks for 万元, and a published form in 元 is read as written."""
    limit = number_or_none(department)
    if total is None or limit is None or limit <= 0 or total <= limit * YUAN_FACTOR:
        return []
    return [finding(T.W_PROJECT_IN_YUAN, "budget.total", project=fmt(total), department=fmt(limit))]
