"""`xlsrc collect DIR -o 汇总.xlsx`: read every department's workbook in a folder into one summary.

Each file is read once, by the fastest reader that knows its shape:

- our workbook (.xlsm, or an .xlsx saved from it): its defined names, through the read-only
  calamine port, scored and checked by `usecases.evaluate` as 计算得分 and 检查 would, and
  the scores it shows compared with the rules' (`domain.audit`);
- any other 自评表 (our 定稿, official forms filled by hand, .xls, .ods): the import reader
  (`xlsrc.readers`) finds the form by its labels, and the audit scores and compares it.

What cannot be read (a damaged file, another document, a workbook without a 自评表, a sheet
deleted) is listed with its reason and the rest go on. Files are read in worker processes,
one per core; the order of the files does not change the summary.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from xlsrc import forms, ooxml
from xlsrc.domain import summary
from xlsrc.domain import text as T
from xlsrc.domain.findings import Severity
from xlsrc.domain.rules import Rules
from xlsrc.domain.scoring import as_text
from xlsrc.domain.summary import Entry, Issue, ProjectEntry, Skipped
from xlsrc.domain.values import number_or_none
from xlsrc.errors import InputError, XlsrcError
from xlsrc.readers.grid import SUFFIXES
from xlsrc.scored import Summary

if TYPE_CHECKING:
    from xlsrc import usecases
    from xlsrc.readers import Found

# The form of the current format: a department whose headline is another is in the 2021 one.
SELF_EVAL = forms.self_eval.FORM.key

# Files a folder of e-mailed attachments holds besides the workbooks, never read.
_LOCK_PREFIX = "~$"  # Excel's and WPS's owner files of an open workbook
# A name only our working workbook has (its 状态 cell): a 定稿 keeps the official forms' names
# but not this one, and is read by its labels like any printed form.
_OUR_NAME = "xs_status"


@dataclass(frozen=True)
class Collected:
    entries: list[Entry]
    skipped: list[Skipped]
    files: int  # files looked at


def files_in(folder: Path, exclude: Path | None = None) -> list[Path]:
    """Every file under `folder` (subfolders too), in a stable order; `exclude` left out, and
    hidden files and folders: .xlsrc-backup holds the copies a save in place keeps, a lock
    file marks a file being written, macOS leaves ._ copies beside attachments."""
    skip = exclude.resolve() if exclude is not None else None
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
        and (skip is None or p.resolve() != skip)
    )


def read_entry(path: Path, root: Path, rules: Rules | None = None) -> Entry | Skipped:
    """One file as the summary's entry, or why it is skipped. Never raises for a bad file.

    `rules` override each workbook's own 评分规则 cell (the CLI's --rules).
    """
    shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    if path.name.startswith(_LOCK_PREFIX):
        return Skipped(shown, T.SM_LOCK_FILE)
    if path.suffix.lower() not in SUFFIXES:
        return Skipped(shown, T.SM_NOT_WORKBOOK)
    try:
        data = path.read_bytes()
        digest = hashlib.sha1(data, usedforsecurity=False).hexdigest()
        package = _package(data, path)
        if package is None:
            return _foreign(path, shown, data, digest, rules)
        try:
            if _OUR_NAME in package.defined_names():
                return _ours(path, shown, data, digest, rules, package)
        finally:
            package.close()
        return _foreign(path, shown, data, digest, rules)
    except (XlsrcError, OSError) as exc:
        from xlsrc.files import sentence

        return Skipped(shown, sentence(exc))
    except Exception as exc:  # a file no reader foresaw: logged, named, and the rest go on
        from xlsrc import crashlog

        log = crashlog.write(exc, f"xlsrc collect {path}")
        return Skipped(shown, T.SM_INTERNAL.format(detail=type(exc).__name__, log=log or ""))


def _package(data: bytes, path: Path) -> ooxml.Package | None:
    """The package of an .xlsx/.xlsm file, open; None for another kind of file or a damaged one
    (the readers name what is wrong with it)."""
    if path.suffix.lower() not in (".xlsx", ".xlsm") or data[:2] != b"PK":
        return None
    try:
        return ooxml.Package(data)
    except ooxml.PackageError:
        return None


def _decimal(value: object) -> Decimal | None:
    number = number_or_none(value)
    return None if number is None else Decimal(number)


def _ours(
    path: Path, shown: str, data: bytes, digest: str, rules: Rules | None, package: ooxml.Package
) -> Entry:
    """Our working workbook (its workbook part names our status cell), scored and checked as
    计算得分 and 检查 would; its headline form says what it shows against the rules."""
    from xlsrc import usecases
    from xlsrc.adapters.calamine_file import CalamineFile

    port = CalamineFile(path, data, package)
    try:
        ev = usecases.evaluate(port, rules)
        head, result = ev.results.headline()
        told = head.summary(ev.reading, result) if head.summary else Summary()
        differences = list(told.differences)
        b = ev.reading.binding
        problems = list(ev.problems) + [
            usecases.Problem(f.code, f.severity, head.place(b, f), f.message) for f in differences
        ]
        return Entry(
            file=shown,
            source=T.SM_SOURCE_OURS if head.key == SELF_EVAL else T.SM_SOURCE_OURS_2021,
            unit=as_text(b.value("self.unit")),
            year=ev.reading.year,
            total=ev.total,
            grade=ev.grade,
            pending=ev.pending,
            declared_total=_decimal(told.declared_total),
            declared_grade=as_text(told.declared_grade),
            budget_rate=told.budget_rate,
            budget_score=told.budget_score,
            subtotals=dict(told.subtotals),
            unmet=told.unmet,
            issues=tuple(
                Issue(p.sheet, p.cell, p.code, p.severity, p.message)
                for p in problems
                if p.severity is not Severity.INFO
            ),
            follows=summary.follows(told.declared_total, differences),
            digest=digest,
            projects=_projects(ev),
        )
    finally:
        port.close()


def _projects(ev: usecases.Evaluation) -> tuple[ProjectEntry, ...]:
    """Each project of our workbook as scored, with the problems 检查 places on its sheet."""
    out = []
    for s in ev.results.every(forms.project.KEY):
        project = s.result
        problems = sum(p.sheet == s.sheet and p.severity is not Severity.INFO for p in ev.problems)
        out.append(
            ProjectEntry(
                sheet=s.sheet or "",
                name=project.name,
                department=project.department,
                budget=project.figure("budget", "total"),
                spent=project.figure("budget", "spent"),
                rate=project.result.budget.rate,
                total=s.total,
                grade=s.grade or "",
                problems=problems,
            )
        )
    return tuple(out)


def _foreign(path: Path, shown: str, data: bytes, digest: str, rules: Rules | None) -> Entry:
    """Any other 自评表, found by its labels and audited as `xlsrc audit` does."""
    from xlsrc.readers import read_found
    from xlsrc.readers.auditor import audit_found
    from xlsrc.rules import DEFAULT, load_rules

    found = read_found(path, data)
    rules = rules or load_rules(DEFAULT)
    audited = audit_found(found, rules)
    result, published = audited.result.result, found.published()
    return Entry(
        file=shown,
        source=T.SM_SOURCE_FORM,
        unit=as_text(found.self_eval.fields.get("self.unit")),
        year=found.year(),
        total=result.total,
        grade=result.grade,
        pending=result.pending,
        declared_total=audited.result.published_total,
        declared_grade=as_text(published.grade),
        budget_rate=result.budget.rate,
        budget_score=result.budget.score,
        subtotals={s.category: s.score for s in result.subtotals},
        unmet=summary.unmet(found.form(), result),
        issues=tuple(
            Issue(p.sheet, p.cell, p.finding.code, p.finding.severity, p.finding.message)
            for p in audited.listed
        ),
        follows=summary.follows(published.total, audited.result.findings),
        digest=digest,
        projects=_foreign_projects(found, rules),
    )


def _foreign_projects(found: Found, rules: Rules) -> tuple[ProjectEntry, ...]:
    """Every 项目支出绩效自评表 the file holds (beside a 部门整体 form, or several projects on
    its sheets), each audited on its own as `xlsrc audit` does."""
    from xlsrc.readers import Found
    from xlsrc.readers.auditor import audit_found
    from xlsrc.readers.layout import find_self_evals

    book = found.book
    out = []
    for form in find_self_evals(book.sheets, book.formats_known):
        each = Found(book, form, found.base)
        if not each.is_project():
            continue
        audited = audit_found(each, rules)
        result = audited.result.result
        fields, money = form.fields, each.form().budget  # 年初预算数 where it stands for the year's
        out.append(
            ProjectEntry(
                sheet=form.sheet,
                name=as_text(fields.get("project.name")),
                department=as_text(fields.get("project.department")),
                budget=_decimal(money.total),
                spent=_decimal(money.spent),
                rate=result.budget.rate,
                total=result.total,
                grade=result.grade,
                problems=len(audited.listed),
            )
        )
    return tuple(out)


def _one(job: tuple[Path, Path, Rules | None]) -> Entry | Skipped:
    return read_entry(*job)


def collect(
    folder: Path,
    *,
    rules: Rules | None = None,
    exclude: Path | None = None,
    jobs: int | None = None,
    progress: Callable[[Iterator[Entry | Skipped], int], Iterator[Entry | Skipped]] | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> Collected:
    """Read every file under `folder`; duplicates of a department are moved to the skipped.

    `meanwhile` runs in this process while the workers read (the CLI imports what writes
    the summary then).
    """
    if not folder.is_dir():
        raise InputError(T.SM_NOT_FOLDER.format(path=folder))
    paths = files_in(folder, exclude)
    work = [(p, folder, rules) for p in paths]
    workers = max(1, min(jobs or os.cpu_count() or 1, len(work)))
    pool = ProcessPoolExecutor(workers) if workers > 1 else None
    try:
        chunk = max(1, min(16, len(work) // (workers * 8) or 1))
        results: Iterator[Entry | Skipped] = (
            pool.map(_one, work, chunksize=chunk) if pool else map(_one, work)
        )
        if meanwhile is not None:
            meanwhile()
        if progress is not None:
            results = progress(results, len(work))
        read = list(results)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    entries = [r for r in read if isinstance(r, Entry)]
    skipped = [r for r in read if isinstance(r, Skipped)]
    kept, duplicates = summary.deduplicate(entries)
    return Collected(kept, sorted(skipped + duplicates, key=lambda s: s.file), len(paths))
