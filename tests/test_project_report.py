"""The department's projects in the report's 项目支出 paragraph and the W243 cross-check,
from plain domain values (no workbook)."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from xlsrc.domain import narrative as N
from xlsrc.domain import project as P
from xlsrc.domain import text as T
from xlsrc.domain.basedata import BaseData
from xlsrc.domain.findings import Severity
from xlsrc.domain.reportdata import Facts, ProjectFacts
from xlsrc.domain.scoring import Budget, Indicator
from xlsrc.domain.selfeval import SelfEvaluation, score_form

D = Decimal


def department(project=20.62):
    budget = Budget(total=194.72, spent=194.72, weight=10, basic=174.1, project=project)
    rows = (Indicator("产出指标", "数量指标", "x", "≥10个", "12个", 90, ""),)
    return SelfEvaluation(budget, rows)


WATER = ProjectFacts("农村饮水安全巩固提升工程", D("120"), D("118.5"), D("0.9875"), D("95.2"), "优")
ROADS = ProjectFacts("乡村公路养护", D("30.4"), D("24.32"), D("0.8"), D("78.55"), "中")


def paragraph(rules, facts: Facts, project=20.62) -> str:
    ev = department(project)
    lines = N.spending(ev, score_form(ev, rules, 2024), facts).split("\n")
    at = lines.index(T.N_SUB_PROJECT)
    assert len(lines) == at + 2  # the paragraph is the section's last line
    return lines[at + 1]


def test_each_project_is_named_with_its_funds_rate_score_and_grade_in_order(rules):
    facts = Facts(2024, project_lines=(("业务工作经费", 20.62),), projects=(WATER, ROADS))
    assert paragraph(rules, facts) == (
        "2024年本单位项目支出20.62万元，其中业务工作经费20.62万元。"
        "共实施项目2个：农村饮水安全巩固提升工程全年预算120.00万元，执行118.50万元，"
        "执行率98.75%，自评得分95.2分（优）；乡村公路养护全年预算30.40万元，执行24.32万元，"
        "执行率80%，自评得分78.55分（中）。"
    )


def test_without_projects_the_paragraph_is_as_before(rules):
    facts = Facts(2024, project_lines=(("业务工作经费", 20.62),))
    assert paragraph(rules, facts) == "2024年本单位项目支出20.62万元，其中业务工作经费20.62万元。"
    assert N.projects(()) == ""


def test_a_figure_not_written_is_left_out_and_a_project_still_named(rules):
    bare = ProjectFacts("项目甲")
    half = ProjectFacts("项目乙", budget=D("10"), total=D("60"))
    text = paragraph(rules, Facts(2024, projects=(bare, half)))
    assert text.endswith("共实施项目2个：项目甲；项目乙全年预算10.00万元，自评得分60分。")


def test_projects_are_named_even_when_the_self_eval_leaves_project_spending_blank(rules):
    text = paragraph(rules, Facts(2024, projects=(WATER,)), project=None)
    assert text.startswith("共实施项目1个：农村饮水安全巩固提升工程全年预算120.00万元")


def test_facts_of_keeps_the_projects_in_order():
    facts = Facts.of(2024, BaseData(), projects=[ROADS, WATER])
    assert facts.projects == (ROADS, WATER)


def test_projects_spending_more_than_the_self_evals_project_spending_is_w243():
    found = P.check_spent([D("118.5"), None, D("24.32")], "120")
    assert [(f.code, f.severity, f.field) for f in found] == [
        ("W243", Severity.WARNING, "budget.project")
    ]
    assert "142.82 万元" in found[0].message and "120 万元" in found[0].message


def test_projects_within_the_self_evals_project_spending_say_nothing():
    assert P.check_spent([D("100"), D("20.62")], 120.62) == []
    assert P.check_spent([D("100"), D("20.625")], D("120.62")) == []  # within half a cent
    assert P.check_spent([D("100"), D("20.63")], D("120.62")) != []


def test_w243_needs_a_readable_project_spending_and_a_projects_figure():
    assert P.check_spent([D("500")], None) == []
    assert P.check_spent([D("500")], "不详") == []
    assert P.check_spent([None, None], 10) == []
    assert P.check_spent([], 10) == []


# ---------------------------------------------------------------- the bureau's summary


def _entry(file, unit, total, projects=()):
    from xlsrc.domain.summary import Entry

    return Entry(
        file=file,
        source="",
        unit=unit,
        year=2024,
        total=D(total),
        grade="优",
        projects=tuple(projects),
    )


def test_the_project_table_lists_each_departments_projects_in_the_summarys_order():
    from xlsrc.domain.summary import ProjectEntry
    from xlsrc.outputs.summary import frame, projects_frame

    a = ProjectEntry(
        "水", "饮水工程", "水利局", D("120"), D("118.5"), D("0.9875"), D("95.2"), "优", 2
    )
    b = ProjectEntry("路", "", "", None, None, None, D("70"), "中", 0)
    c = ProjectEntry("林", "造林", "林业局", D("10"), D("5"), D("0.5"), D("60.5"), "中", 1)
    low = _entry("b.xlsm", "乙局", 80, [c])
    high = _entry("a.xlsm", "甲局", 95, [a, b])
    plain = _entry("c.xlsm", "丙局", 90)
    df = frame([low, plain, high])
    assert list(zip(df[T.SM_COL_UNIT], df[T.SM_COL_PROJECTS], strict=True)) == [
        ("甲局", 2),
        ("丙局", 0),
        ("乙局", 1),
    ]
    projects = projects_frame([low, plain, high], list(df[T.SM_COL_FILE]))
    assert list(projects.columns) == list(T.SM_PROJECT_COLUMNS)
    rows = projects.to_dict("records")
    assert [(r[T.SM_COL_UNIT], r[T.SM_COL_PROJECT], r[T.SM_COL_SHEET]) for r in rows] == [
        ("甲局", "饮水工程", "水"),
        ("甲局", T.SM_NO_PROJECT_NAME, "路"),
        ("乙局", "造林", "林"),
    ]
    first = rows[0]
    assert (first[T.SM_COL_PROJECT_BUDGET], first[T.SM_COL_PROJECT_SPENT]) == (120.0, 118.5)
    assert (first[T.SM_COL_PROJECT_RATE], first[T.SM_COL_SCORE]) == (0.9875, 95.2)
    assert (first[T.SM_COL_GRADE], first[T.SM_COL_PROBLEMS], first[T.SM_COL_DEPARTMENT]) == (
        "优",
        2,
        "水利局",
    )
    assert pd.isna(rows[1][T.SM_COL_PROJECT_BUDGET])  # blank, never 0


def test_no_projects_is_an_empty_table_with_the_columns():
    from xlsrc.outputs.summary import projects_frame

    df = projects_frame([_entry("a.xlsm", "甲局", 90)], ["a.xlsm"])
    assert list(df.columns) == list(T.SM_PROJECT_COLUMNS) and len(df) == 0
