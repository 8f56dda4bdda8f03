"""The bureau's summary of many departments' self-evaluations: one entry per department.

References:
    财预〔2020〕10号 第二十九条 (grades by total); docs/rules.md §1 (a published score that is not
    the rule's is reported with both numbers: `audit`), §2 (every problem with its place).
    A department sends one self-evaluation a year: a second file of the same 单位 and 年度
    is a duplicate, listed with the file kept and not counted twice.

Standard library only: the reading of files (`xlsrc.collect`) and the workbook written
(`xlsrc.outputs.summary`) are elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from . import text as T
from .findings import Finding, Severity
from .scoring import Kind
from .selfeval import FormResult, SelfEvaluation
from .values import normalize

# The audit's findings that say a published figure is not what the rules give.
RULE_CODES = frozenset(
    code
    for code, _ in (
        T.AU_ROW_DIFFERS,
        T.AU_BUDGET_SCORE_DIFFERS,
        T.AU_RATE_DIFFERS,
        T.AU_TOTAL_NOT_SUM,
        T.AU_TOTAL_DIFFERS,
        T.AU_WEIGHT_TOTAL_NOT_SUM,
        T.AU_MET_DEDUCTED,
        T.AU_BUDGET_TWICE,
        T.AU_GRADE_DIFFERS,
        T.AU_TOTAL_UNCAPPED,
    )
)


@dataclass(frozen=True)
class Issue:
    """One problem of one file, on its cell."""

    sheet: str
    cell: str
    code: str
    severity: Severity
    message: str


@dataclass(frozen=True)
class ProjectEntry:
    """One project (项目支出绩效自评表) of a department, as the summary's project table lists it."""

    sheet: str  # where the form is in the department's file
    name: str
    department: str = ""  # 主管部门
    budget: Decimal | None = None  # 年度资金总额, 全年预算数
    spent: Decimal | None = None  # 全年执行数
    rate: Decimal | None = None  # 执行率 by the rules
    total: Decimal | None = None
    grade: str = ""
    problems: int = 0  # errors and warnings on its sheet


@dataclass(frozen=True)
class Entry:
    """One department's self-evaluation as the summary shows it (figures by the rules)."""

    file: str  # the path under the collected folder
    source: str  # what kind of workbook it was read from (T.S_SOURCE_*)
    unit: str
    year: int | None
    total: Decimal | None
    grade: str
    pending: str = ""  # why the total is not final ("" when it is)
    declared_total: Decimal | None = None  # the total the file itself shows
    declared_grade: str = ""
    budget_rate: Decimal | None = None
    budget_score: Decimal | None = None
    subtotals: dict[str, Decimal] = field(default_factory=dict)  # category → score
    unmet: tuple[str, ...] = ()
    issues: tuple[Issue, ...] = ()
    follows: str = ""  # T.S_FOLLOWS_*
    digest: str = ""  # of the file's bytes
    projects: tuple[ProjectEntry, ...] = ()  # in tab order

    @property
    def errors(self) -> int:
        """Open errors of 检查 (the rules' differences are counted apart)."""
        return sum(i.severity is Severity.ERROR and i.code not in RULE_CODES for i in self.issues)

    @property
    def differences(self) -> int:
        return sum(i.code in RULE_CODES for i in self.issues)

    @property
    def key(self) -> tuple[str, int | None] | None:
        """(单位, 年度) as compared for duplicates; None for a file that names no unit."""
        unit = "".join(normalize(self.unit).split())
        return (unit, self.year) if unit else None


@dataclass(frozen=True)
class Skipped:
    """A file not in the summary, and why."""

    file: str
    reason: str


def unmet(form: SelfEvaluation, result: FormResult) -> tuple[str, ...]:
    """The indicators not met, by their 三级指标 (or the row number where it is blank)."""
    out: list[str] = []
    for i, (ind, row) in enumerate(zip(form.indicators, result.rows, strict=False)):
        if row.met is False and row.kind is not Kind.BLANK:
            name = normalize(str(ind.level3 or "")).strip()
            out.append(name or T.SM_ROW.format(row=i + 1))
    return tuple(out)


def follows(total: object, differences: Iterable[Finding | Issue]) -> str:
    """Whether the file's own scores are the rules': 是, 否, or 未计算 where it shows no total."""
    if total is None or (isinstance(total, str) and not total.strip()):
        return T.SM_FOLLOWS_UNSCORED
    return T.SM_FOLLOWS_NO if any(d.code in RULE_CODES for d in differences) else T.SM_FOLLOWS_YES


def deduplicate(entries: Sequence[Entry]) -> tuple[list[Entry], list[Skipped]]:
    """Each department once: a later file (by path) of a 单位 and 年度 already seen is skipped.

    A byte-identical copy is named as such; a different file of the same department is
    named with the one kept, for the bureau to ask which is final.
    """
    kept: list[Entry] = []
    skipped: list[Skipped] = []
    by_key: dict[tuple[str, int | None], Entry] = {}
    by_digest: dict[str, Entry] = {}
    for entry in sorted(entries, key=lambda e: e.file):
        same = by_digest.get(entry.digest) if entry.digest else None
        if same is not None:
            skipped.append(Skipped(entry.file, T.SM_IDENTICAL.format(kept=same.file)))
            continue
        key = entry.key
        first = by_key.get(key) if key is not None else None
        if first is not None:
            year = "" if entry.year is None else f"{entry.year}年"
            skipped.append(
                Skipped(
                    entry.file,
                    T.SM_DUPLICATE.format(unit=entry.unit, year=year, kept=first.file),
                )
            )
            continue
        if key is not None:
            by_key[key] = entry
        if entry.digest:
            by_digest[entry.digest] = entry
        kept.append(entry)
    return kept, skipped
