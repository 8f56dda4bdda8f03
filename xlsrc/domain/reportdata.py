"""What the report is written from besides the scored 自评表, and how its figures and texts print.

References:
    Seed 002's report: money as "194.72万元", 一 from the unit's 职能 and 机构设置, 二 with
    基本支出 split into 人员经费 and 公用经费 (figures of the 部门决算, typed once on the
    自评报告 sheet), the 基础数据表 (附件1) for 三公经费, 公用经费 and 项目支出.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from . import text as T
from .basedata import BaseData
from .numbers import quantize
from .selfeval import SelfEvaluation
from .shown import shown

# Comparison signs written in front of an actual value ("≥90%", "＝100%"): the target says them.
# Punctuation a quoted name or value ends with in the cell but not inside a sentence.
_ENDS = "。；;，,、"
_LEADING_SIGN = re.compile(r"^[≥≤≧≦＞＜>＝=<]+")


@dataclass(frozen=True)
class ProjectFacts:
    """One project of the department as the report names it: its 项目支出绩效自评表's
    年度资金总额 (全年预算数, 全年执行数), 执行率, 总分 and 等次 as scored."""

    name: str
    budget: Decimal | None = None  # 全年预算数
    spent: Decimal | None = None  # 全年执行数
    rate: Decimal | None = None  # 执行率 as the calc writes it
    total: Decimal | None = None
    grade: str = ""


@dataclass(frozen=True)
class Facts:
    """What the report needs besides the scored 自评表: the 基础数据表 and the report's own inputs.

    Figures are raw cell values (read with `number_or_none`); texts are as typed.
    """

    year: int
    public_final: object = None  # 附件1 公用经费, 本年决算
    public_budget: object = None  # 附件1 公用经费, 本年预算
    three_public_budget: object = None  # 附件1 三公经费, 本年预算
    three_public_final: object = None  # 附件1 三公经费, 本年决算
    project_budget: object = None  # 附件1 项目支出, 本年预算
    project_final: object = None  # 附件1 项目支出, 本年决算
    project_lines: tuple[tuple[str, object], ...] = ()  # 附件1 项目支出's items, 本年决算
    staff_authorized: object = None
    staff_actual: object = None
    goal_expected: object = None  # 自评表 年度总体目标, 预期目标
    goal_actual: object = None  # 自评表 年度总体目标, 实际完成情况
    functions: object = None  # 单位职能
    structure: object = None  # 机构设置
    assets: object = None  # 资产管理情况
    site: object = None  # 公开网站
    personnel: object = None  # 基本支出中人员经费 (the report's figure)
    public: object = None  # 基本支出中公用经费 (the report's figure)
    capital: object = None  # 国有资本经营预算支出
    insurance: object = None  # 社会保险基金预算支出
    attachments: tuple[str, ...] = ()  # titles of the forms attached, in order
    projects: tuple[ProjectFacts, ...] = ()  # the 项目支出绩效自评表, in tab order

    @classmethod
    def of(
        cls,
        year: int,
        base: BaseData,
        inputs: Mapping[str, object] | None = None,
        project_lines: Sequence[tuple[str, object]] = (),
        attachments: Sequence[str] = (),
        projects: Sequence[ProjectFacts] = (),
    ) -> Facts:
        """From the 基础数据表 and the report's inputs by attribute name (functions, public, …)."""
        known = {k: v for k, v in (inputs or {}).items() if k in cls.__dataclass_fields__}
        return cls(
            year,
            public_final=base.expense("public", "final"),
            public_budget=base.expense("public", "budget"),
            three_public_budget=base.expense("three_public", "budget"),
            three_public_final=base.expense("three_public", "final"),
            project_budget=base.expense("project", "budget"),
            project_final=base.expense("project", "final"),
            project_lines=tuple(project_lines),
            staff_authorized=base.staff_authorized,
            staff_actual=base.staff_actual,
            attachments=tuple(attachments),
            projects=tuple(projects),
            **known,
        )


def money(value: Decimal | None) -> str:
    """万元 with two decimals, as reports print money; a dash when unknown."""
    if value is None:
        return T.N_MONEY_UNKNOWN
    return T.N_MONEY.format(amount=f"{quantize(value, 2):f}")


def text_of(value: object) -> str:
    """A cell as it shows (`shown.shown`: 99.5%, 2024年12月20日), without surrounding blanks."""
    return shown(value).strip()


def lines_of(value: object) -> list[str]:
    """A typed text's non-empty lines."""
    return [
        line.strip() for line in text_of(value).replace("\r\n", "\n").split("\n") if line.strip()
    ]


def clean(value: object) -> str:
    return "".join(text_of(value).split()).replace("≧", "≥").replace("≦", "≤")


def actual_shown(value: object) -> str:
    """An actual value as a sentence quotes it: without the sign its target already states
    ("≦100%" → "100%") and without the full stop it may end with."""
    text = clean(value).rstrip(_ENDS)
    return _LEADING_SIGN.sub("", text) or text


def row_name(ev: SelfEvaluation, i: int) -> str:
    name = "".join(text_of(ev.indicators[i].level3).split()).rstrip(_ENDS)
    return name or T.N_ROW_FALLBACK.format(number=i + 1)
