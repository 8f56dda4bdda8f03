"""Findings: what a check found, with a stable code, a severity, a Chinese message and a field.

A finding names the field it concerns as a path that the forms declare
("budget.total", "indicator.target", "form.weight_total"), so that the use
cases place it on its cell without knowing any sheet.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from . import text as T


class Severity(Enum):
    ERROR = "错误"
    WARNING = "警告"
    INFO = "提示"


@dataclass(frozen=True)
class Finding:
    """One problem found: code, severity, Chinese message, and where.

    `field` names the attribute of the input it concerns (an `Indicator` or
    `Budget` field); `row` is the indicator's index, None for form-level.
    """

    code: str
    severity: Severity
    message: str
    field: str
    row: int | None = None


def finding(
    spec: tuple[str, str], field_name: str, row: int | None = None, **values: object
) -> Finding:
    code, template = spec
    severity = {"E": Severity.ERROR, "W": Severity.WARNING, "I": Severity.INFO}[code[0]]
    return Finding(code, severity, template.format(**values), field_name, row)


def listed(severity: Severity, code: str) -> bool:
    """Whether a finding is listed to the clerk (校验结果, the CLI, the page, the audit):
    errors and warnings, and the notes that explain a rules setting's adjustment."""
    return severity is not Severity.INFO or code in T.RULES_INFO
