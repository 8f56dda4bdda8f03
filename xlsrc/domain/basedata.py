"""The 基础数据表 (附件1): its derived rates and its agreement with the 自评表.

References:
    附件1 部门整体支出绩效评价基础数据表 (seed 002): 控制率 = 实际在职人数 / 编制数
    (8 编制, 7 在职 → 87.5%); 规模控制率 = 实际规模 / 批复规模; 投资概算控制率 =
    实际投资 / 预算投资.  docs/rules.md §2: the two tables must agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from . import text as T
from .findings import Finding, finding
from .numbers import fmt, quantize
from .values import number_or_none


@dataclass(frozen=True)
class BaseData:
    """The 基础数据表's inputs, raw cell values as read.

    `expenses` holds the expense lines by key ("three_public", "project", "public", …),
    each with "prior_final" (上年决算数), "budget" (本年预算数) and "final" (本年决算数).
    """

    staff_authorized: object = None
    staff_actual: object = None
    building_plan: object = None
    building_actual: object = None
    invest_plan: object = None
    invest_actual: object = None
    frugality: object = None
    expenses: Mapping[str, Mapping[str, object]] = field(default_factory=dict)

    def expense(self, line: str, column: str) -> object:
        """One figure of the expense block, None when the line or the figure is absent."""
        return (self.expenses.get(line) or {}).get(column)


def ratio(numerator: object, denominator: object, places: int = 4) -> Decimal | None:
    """numerator / denominator rounded half up, None when either is missing or the denominator is 0."""
    num, den = number_or_none(numerator), number_or_none(denominator)
    if num is None or den is None or den == 0:
        return None
    return quantize(num / den, places)


@dataclass(frozen=True)
class BaseResult:
    staff_rate: Decimal | None
    building_rate: Decimal | None
    invest_rate: Decimal | None


def derive(base: BaseData) -> BaseResult:
    return BaseResult(
        ratio(base.staff_actual, base.staff_authorized),
        ratio(base.building_actual, base.building_plan),
        ratio(base.invest_actual, base.invest_plan),
    )


def cross_check(base: BaseData, self_project: object) -> list[Finding]:
    """基础数据表 项目支出 (本年决算) must equal the 自评表's 项目支出 when both are given."""
    b = number_or_none(base.expense("project", "final"))
    s = number_or_none(self_project)
    if b is None or s is None or b == s:
        return []
    return [finding(T.F_BASE_VS_SELF, "budget.project", None, base=fmt(b), self_=fmt(s))]
