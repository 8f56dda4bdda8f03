"""A workbook with three projects (seed 002 + `xlsrc.projects.add`, typed as a clerk types):
the report names each with the calc's figures, 检查 compares their spending with the 自评表's
项目支出 (W243), and the bureau's summary lists each project."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import foreign as F
import openpyxl
import project_book
import project_forms as P
import pytest
from conftest import EXAMPLES

from xlsrc import forms, projects, usecases
from xlsrc.adapters.openpyxl_file import OpenpyxlFile
from xlsrc.binding import Binding
from xlsrc.domain import text as T
from xlsrc.domain.numbers import fmt, fmt_percent
from xlsrc.domain.reportdata import money


@pytest.fixture(scope="module")
def three(tmp_path_factory) -> Path:
    return project_book.make(tmp_path_factory.mktemp("three") / "三个项目.xlsm")


def _decimal(value: object) -> Decimal:
    assert isinstance(value, (int, float)), value
    return Decimal(str(value))


def calculated(source: Path, target: Path) -> OpenpyxlFile:
    shutil.copyfile(source, target)
    book = OpenpyxlFile(target)
    usecases.calculate(book)
    book.save()
    return OpenpyxlFile(target)


def test_the_projects_are_added_in_order_before_the_check_sheet(three):
    book = OpenpyxlFile(three)
    assert [p.name for p in projects.listed(book)] == [p.name for p in project_book.PLANNED]
    names = book.sheet_names
    assert names.index(project_book.PLANNED[-1].name) < names.index(forms.checks.SHEET)


def test_the_report_names_each_project_with_the_calcs_figures(three, tmp_path):
    book = calculated(three, tmp_path / "book.xlsm")
    expected = []
    for planned in project_book.PLANNED:
        b = Binding(book, planned.name)  # the sheet is named after the project
        total = _decimal(b.value("project.total"))
        rate = _decimal(b.value("project.budget_rate"))
        budget, spent = (
            _decimal(b.value("project.budget_total")),
            _decimal(b.value("project.budget_spent")),
        )
        expected.append(
            f"{planned.name}全年预算{money(budget)}，执行{money(spent)}，"
            f"执行率{fmt_percent(rate)}，自评得分{fmt(total)}分（{b.value('project.grade')}）"
        )
    usecases.report(book)
    book.save()
    text = Binding(OpenpyxlFile(book.path)).lines("report")["general_budget"]["text"]
    lines = text.split("\n")
    paragraph = lines[lines.index(T.N_SUB_PROJECT) + 1]
    assert paragraph == (
        "2024年本单位项目支出20.62万元，其中业务工作经费20.62万元。"
        f"共实施项目3个：{'；'.join(expected)}。"
    )
    # The figures are the ones typed and the rules' own: 11.85 / 12 → 98.75%.
    assert "农村饮水安全巩固提升工程全年预算12.00万元，执行11.85万元，执行率98.75%" in paragraph


@pytest.mark.slow
def test_the_report_is_not_rewritten_where_the_clerk_edited_it(three, tmp_path):
    book = calculated(three, tmp_path / "book.xlsm")
    b = Binding(book)
    book.write(b.where("report.general_budget.text"), [[" 本单位自己写的支出情况。"]])
    outcome = usecases.report(book)
    assert "一般公共预算支出情况" in outcome.message  # told as kept
    assert b.lines("report")["general_budget"]["text"] == " 本单位自己写的支出情况。"


def _w243(problems):
    return [p for p in problems if p.code == T.W_PROJECTS_SPENT[0]]


@pytest.mark.slow
def test_projects_spending_more_than_the_self_evals_project_spending_is_flagged_there(tmp_path):
    within = project_book.make(tmp_path / "within.xlsm")
    assert _w243(usecases.check(OpenpyxlFile(within)).problems) == []

    over = project_book.PLANNED[:2] + (
        project_book.Planned("小型水库水标尺制作安装项目", "zhongjiang", 9.0, 8.0),
    )
    path = project_book.make(tmp_path / "over.xlsm", over)
    book = OpenpyxlFile(path)
    found = _w243(usecases.check(book).problems)
    where = Binding(book).where("budget.project")
    assert [(p.sheet, p.cell) for p in found] == [(where.sheet, where.cell())]
    assert "25.35 万元" in found[0].message and "20.62 万元" in found[0].message
    book.save()
    listed = Binding(OpenpyxlFile(path)).rows("check")
    assert any(r["code"] == "W243" and r["cell"] == where.cell() for r in listed)


@pytest.mark.slow
def test_the_examples_without_projects_report_as_before(tmp_path):
    book = calculated(EXAMPLES / "seed002.xlsm", tmp_path / "seed002.xlsm")
    usecases.report(book)
    text = Binding(book).lines("report")["general_budget"]["text"]
    assert "共实施项目" not in text
    assert text.endswith("2024年本单位项目支出20.62万元，其中业务工作经费20.62万元。")


# ---------------------------------------------------------------- the bureau's summary


@pytest.fixture(scope="module")
def inbox(three, tmp_path_factory):
    """Three departments: seed 002 with three projects, plain seed 000 and 004, and a file of
    two published project forms (永德 and 稷山, one per sheet)."""
    folder = tmp_path_factory.mktemp("inbox")
    shutil.copyfile(three, folder / "三个项目.xlsm")
    for seed in ("seed000", "seed004"):
        shutil.copyfile(EXAMPLES / f"{seed}.xlsm", folder / f"{seed}.xlsm")
    sheets = []
    for key, layout in (("yongde", "split"), ("jishan", "joined")):
        s = P.sheet(P.FORMS[key], layout)
        s.name = key
        sheets.append(s)
    F.write_xlsx(sheets, folder / "两个项目表.xlsx")
    return folder


@pytest.fixture(scope="module")
def collected(inbox, tmp_path_factory):
    from xlsrc.collect import collect
    from xlsrc.outputs.summary import write_summary
    from xlsrc.rules import DEFAULT, load_rules

    done = collect(inbox, jobs=1)
    out = tmp_path_factory.mktemp("summary") / "汇总.xlsx"
    write_summary(out, done.entries, done.skipped, done.files, load_rules(DEFAULT))
    return done, out, inbox


@pytest.mark.slow  # collects a folder of workbooks
def test_collect_lists_the_three_projects_with_the_calcs_totals(three, collected):
    done, _, _ = collected
    by_file = {e.file: e for e in done.entries}
    assert [len(by_file[f].projects) for f in ("seed000.xlsm", "seed004.xlsm")] == [0, 0]
    listed = by_file["三个项目.xlsm"].projects
    ev = usecases.evaluate(OpenpyxlFile(three))
    scored = ev.results.every(forms.project.KEY)
    assert [p.name for p in listed] == [p.name for p in project_book.PLANNED]
    assert [(p.total, p.grade) for p in listed] == [(s.total, s.grade) for s in scored]
    assert [p.spent for p in listed] == [Decimal(str(p.spent)) for p in project_book.PLANNED]
    for p in listed:  # each project's errors and warnings are those 检查 places on its sheet
        on_sheet = [x for x in ev.problems if x.sheet == p.sheet and x.severity.value != "提示"]
        assert p.problems == len(on_sheet)
    assert sum(p.problems for p in listed) > 0


@pytest.mark.slow  # collects a folder of workbooks
def test_collect_lists_the_projects_of_a_file_of_published_forms(collected, rules):
    from xlsrc.readers import read_all
    from xlsrc.readers.auditor import audit_found

    done, _, inbox = collected
    entry = next(e for e in done.entries if e.file == "两个项目表.xlsx")
    assert [p.name for p in entry.projects] == [P.YONGDE.name, P.JISHAN.name]
    assert [p.department for p in entry.projects] == [P.YONGDE.department, P.JISHAN.department]
    founds = read_all(inbox / "两个项目表.xlsx")
    totals = [audit_found(f, rules).result.result.total for f in founds]
    assert [p.total for p in entry.projects] == totals
    assert entry.projects[1].spent == Decimal("65.07")


@pytest.mark.slow  # collects a folder of workbooks
def test_the_summary_workbook_has_a_project_table_and_counts_projects(collected):
    done, out, _ = collected
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:2] == [T.SM_SHEET_SUMMARY, T.SM_SHEET_PROJECTS]
    ws = wb[T.SM_SHEET_SUMMARY]
    header = next(r for r in range(1, 8) if ws.cell(r, 1).value == T.SM_COL_RANK)
    columns = [c.value for c in ws[header]]
    rows = [
        dict(zip(columns, r, strict=True))
        for r in ws.iter_rows(min_row=header + 1, values_only=True)
    ]
    counts = {r[T.SM_COL_FILE]: r[T.SM_COL_PROJECTS] for r in rows}
    assert counts == {e.file: len(e.projects) for e in done.entries}
    assert counts["三个项目.xlsm"] == 3

    wp = wb[T.SM_SHEET_PROJECTS]
    header = next(r for r in range(1, 8) if wp.cell(r, 1).value == T.SM_COL_UNIT)
    columns = [c.value for c in wp[header]]
    assert tuple(columns) == T.SM_PROJECT_COLUMNS
    table = [
        dict(zip(columns, r, strict=True))
        for r in wp.iter_rows(min_row=header + 1, values_only=True)
    ]
    ours = [r for r in table if r[T.SM_COL_FILE] == "三个项目.xlsm"]
    entry = next(e for e in done.entries if e.file == "三个项目.xlsm")
    assert [r[T.SM_COL_PROJECT] for r in ours] == [p.name for p in project_book.PLANNED]
    for row, p in zip(ours, entry.projects, strict=True):
        assert row[T.SM_COL_UNIT] == entry.unit
        assert row[T.SM_COL_SCORE] == pytest.approx(float(p.total))
        assert row[T.SM_COL_GRADE] == p.grade
        assert row[T.SM_COL_PROJECT_SPENT] == pytest.approx(float(p.spent))
        assert row[T.SM_COL_PROJECT_RATE] == pytest.approx(float(p.rate))
        assert row[T.SM_COL_PROBLEMS] == p.problems
    assert len(table) == sum(len(e.projects) for e in done.entries) == 5
