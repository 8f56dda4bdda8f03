"""Audit a foreign 自评表 file: the Chinese report and an .xlsx copy with the cells marked.

The marked copy holds every sheet's values as read (text stays text: nothing becomes a
formula), the merged cells as they were, the offending cells filled (errors salmon,
warnings amber, as 检查 colours them) with the message as a comment, and a first sheet
审核结果 listing each problem with a link to its cell.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from xlsrc.a1 import col_letter
from xlsrc.build import measure
from xlsrc.domain import text as T
from xlsrc.domain.audit import AuditResult, audit
from xlsrc.domain.findings import Finding, Severity
from xlsrc.domain.findings import listed as is_listed
from xlsrc.domain.numbers import fmt
from xlsrc.domain.rules import Rules
from xlsrc.domain.shown import shown
from xlsrc.errors import InputError
from xlsrc.files import save_atomically
from xlsrc.forms.model import COLOR_ERROR, COLOR_HEADER, COLOR_WARNING
from xlsrc.readers import Found
from xlsrc.readers.layout import cell

COLORS = {Severity.ERROR: COLOR_ERROR, Severity.WARNING: COLOR_WARNING}
# Excel's limit on a sheet name.
_SHEET_NAME_LIMIT = 31
# The marked copy's columns: at least and at most this wide; the font size text is measured at.
_MIN_WIDTH, _MAX_WIDTH = 6.0, 30.0
_SIZE = 11.0  # openpyxl's default font, Calibri 11


@dataclass(frozen=True)
class Placed:
    """A finding on the cell of the foreign form it concerns."""

    finding: Finding
    sheet: str
    row: int  # 0-based
    col: int  # 0-based

    @property
    def cell(self) -> str:
        return f"{col_letter(self.col)}{self.row + 1}"


@dataclass(frozen=True)
class Audit:
    found: Found
    result: AuditResult
    placed: tuple[Placed, ...]

    @property
    def errors(self) -> int:
        return sum(p.finding.severity is Severity.ERROR for p in self.listed)

    @property
    def warnings(self) -> int:
        return sum(p.finding.severity is Severity.WARNING for p in self.listed)

    @property
    def listed(self) -> list[Placed]:
        return [p for p in self.placed if is_listed(p.finding.severity, p.finding.code)]

    def report(self, named: bool = False) -> list[str]:
        """The terminal report: one summary line, then one line per problem.

        `named`: the file holds several forms, so the summary line names the form's project
        (or sheet).
        """
        total = self.result.published_total
        published = "（未找到）" if total is None else fmt(total)
        rule_total = fmt(self.result.result.total)
        name = self.found.book.name
        if named:
            project = self.found.self_eval.fields.get("project.name")
            which = project if project else self.found.self_eval.sheet
            name = T.R_AUDIT_FORM_NAMED.format(name=name, form=which)
        if self.listed:
            head = T.R_AUDITED.format(
                name=name,
                published=published,
                total=rule_total,
                errors=self.errors,
                warnings=self.warnings,
            )
        else:
            head = T.R_AUDITED_CLEAN.format(name=name, published=published, total=rule_total)
        lines = [head]
        lines += [
            T.R_AUDIT_LINE.format(
                severity=p.finding.severity.value,
                code=p.finding.code,
                sheet=p.sheet,
                cell=p.cell,
                message=p.finding.message,
            )
            for p in self.listed
        ]
        return lines


def audit_found(found: Found, rules: Rules) -> Audit:
    """Score the found form by `rules`, compare with its own figures, place each finding."""
    result = audit(found.form(), found.published(), rules, found.year(), found.budget_from_initial)
    placed = tuple(Placed(f, *found.where(f.field, f.row)) for f in result.findings)
    return Audit(found, result, placed)


def default_target(source: Path) -> Path:
    return source.with_name(source.stem + T.R_AUDIT_OUTPUT_SUFFIX)  # the CLI fits it


def audit_all(founds: Sequence[Found], rules: Rules) -> list[Audit]:
    """Each form of a file audited on its own (a 部门整体 form and its projects, or several)."""
    return [audit_found(found, rules) for found in founds]


def write_marked(report: Audit | Sequence[Audit], target: Path) -> Path:
    """Save the marked copy as `target` (.xlsx), atomically: every form's findings of one file."""
    if target.suffix.lower() != ".xlsx":
        raise InputError(T.R_AUDIT_OUTPUT.format(name=target.name))
    data = _marked_bytes([report] if isinstance(report, Audit) else list(report))

    def write(f: BinaryIO) -> None:
        f.write(data)

    return save_atomically(target, write)


def _text_cell(ws, r: int, c: int, value: object):  # type: ignore[no-untyped-def]
    """Write a value; a string is always a string (one starting with "=" is no formula)."""
    cell = ws.cell(r, c)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def _marked_bytes(reports: list[Audit]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.hyperlink import Hyperlink
    from openpyxl.worksheet.page import PageMargins

    wb = Workbook()
    summary = wb.active
    summary.title = T.R_AUDIT_SHEET
    book = reports[0].found.book
    names = {n: _sheet_name(n, i) for i, (n, _) in enumerate(book.sheets)}
    _text_cell(summary, 1, 1, T.R_AUDIT_TITLE.format(name=book.name)).font = Font(
        bold=True, size=14
    )
    several = len(reports) > 1
    heads = [r.report(several)[0] for r in reports]
    for k, head in enumerate(heads):
        _text_cell(summary, 2 + k, 1, head)
    top = 2 + len(heads)  # the note, a blank row, the headers, then the problems
    _text_cell(summary, top, 1, T.R_AUDIT_NOTE)
    head_fill = PatternFill("solid", fgColor=COLOR_HEADER.lstrip("#"))
    for j, label in enumerate(T.R_AUDIT_HEADERS, start=1):
        c = _text_cell(summary, top + 2, j, label)
        c.font, c.fill = Font(bold=True), head_fill
    wrap = Alignment(wrap_text=True, vertical="top")
    listed = [p for r in reports for p in r.listed]
    for i, p in enumerate(listed, start=1):
        row = [i, p.finding.code, p.finding.severity.value, p.sheet, p.cell, p.finding.message]
        for j, v in enumerate(row, start=1):
            c = _text_cell(summary, top + 2 + i, j, v)
            c.alignment = wrap
        link = summary.cell(top + 2 + i, 5)
        link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{names[p.sheet]}'!{p.cell}")
        link.font = Font(color="0563C1", underline="single")
        fill = COLORS.get(p.finding.severity)
        if fill:
            summary.cell(top + 2 + i, 3).fill = PatternFill("solid", fgColor=fill.lstrip("#"))
    for letter, width in zip("ABCDEF", (6, 8, 6, 12, 9, 70), strict=True):
        summary.column_dimensions[letter].width = width
    _page(summary, PageMargins)

    marks: dict[tuple[str, int, int], list[Placed]] = {}
    for p in listed:
        marks.setdefault((p.sheet, p.row, p.col), []).append(p)
    read = {k: v for r in reports for k, v in _as_read(r).items()}
    for name, grid in book.sheets:
        ws = wb.create_sheet(names[name])
        spans = book.merged.get(name, [])
        widths = _widths(grid)
        for r, line in enumerate(grid):
            for c, value in enumerate(line):
                value = read.get((name, r, c), value)
                if isinstance(value, (dt.date, dt.time)):
                    value = shown(value)  # as the form shows a date, not openpyxl's ISO format
                if value is not None:
                    _text_cell(ws, r + 1, c + 1, value).alignment = wrap
        for r0, c0, r1, c1 in spans:
            ws.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
        for c, w in widths.items():
            ws.column_dimensions[get_column_letter(c + 1)].width = w
        for r, h in _heights(grid, widths, spans).items():
            ws.row_dimensions[r + 1].height = h
        for (sheet, r, c), found in marks.items():
            if sheet != name:
                continue
            worst = min(found, key=lambda p: p.finding.severity is not Severity.ERROR)
            cell = ws.cell(r + 1, c + 1)
            cell.fill = PatternFill("solid", fgColor=COLORS[worst.finding.severity].lstrip("#"))
            text = "\n".join(f"{p.finding.code} {p.finding.message}" for p in found)
            cell.comment = Comment(text, "xlsrc")
        _page(ws, PageMargins)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _as_read(report: Audit) -> dict[tuple[str, int, int], object]:
    """Indicator values as the audit read them where that differs from the grid: a fraction
    from a file without formats (.xls, .ods) against a percentage target is its percentage."""
    form = report.found.self_eval
    grid = dict(report.found.book.sheets)[form.sheet]
    out: dict[tuple[str, int, int], object] = {}
    for row in form.rows:
        for key in ("target", "actual"):
            at, value = row.at.get(key), row.values.get(key)
            raw = cell(grid, *at) if at is not None else None
            if isinstance(value, str) and isinstance(raw, (int, float)) and at is not None:
                out[form.sheet, at[0], at[1]] = value
    return out


def _page(ws, margins) -> None:  # type: ignore[no-untyped-def]
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = margins(left=0.4, right=0.4, top=0.5, bottom=0.5)


def _widths(grid: Sequence[Sequence[object]]) -> dict[int, float]:
    """Each column as wide as its longest first line, within bounds (Excel's units)."""
    widths: dict[int, float] = {}
    for line in grid:
        for c, value in enumerate(line):
            if value is not None:
                first = str(value).strip().split("\n")[0]
                widths[c] = max(
                    widths.get(c, _MIN_WIDTH), min(measure.text_width(first, _SIZE), _MAX_WIDTH)
                )
    return widths


def _heights(
    grid: Sequence[Sequence[object]],
    widths: dict[int, float],
    spans: Sequence[tuple[int, int, int, int]],
) -> dict[int, float]:
    """Rows tall enough for their wrapped text (LibreOffice does not size rows of an .xlsx)."""
    span_at = {(r0, c0): (r1 - r0 + 1, c1) for r0, c0, r1, c1 in spans}
    heights: dict[int, float] = {}
    for r, line in enumerate(grid):
        for c, value in enumerate(line):
            if not isinstance(value, str) or not value.strip():
                continue
            rows, last = span_at.get((r, c), (1, c))
            width = sum(widths.get(j, _MIN_WIDTH) for j in range(c, last + 1))
            need = measure.height(value, width, _SIZE) / rows
            heights[r] = max(heights.get(r, 0.0), need)
    return heights


def _sheet_name(name: str, i: int) -> str:
    """The source sheet's name, unless it clashes with the list's or is too long."""
    if name == T.R_AUDIT_SHEET or len(name) > _SHEET_NAME_LIMIT:
        return f"{name[: _SHEET_NAME_LIMIT - 4]}_{i + 1}"
    return name
