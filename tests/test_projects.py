"""The department's projects inside the workbook: three published project forms imported into
one workbook, scored by the rules, flagged in place, listed; added, removed and named the way a
clerk does it, and kept through a save by LibreOffice.

The forms are the published ones of tests/project_forms.py (sources in
tests/data/audit_sources.md); their rule totals are those test_project_forms.py audits.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import foreign as F
import lo
import openpyxl
import project_forms as P
import pytest
from test_project_forms import EXPECT, PROJECT

from xlsrc import cli, forms, ooxml, projects, usecases
from xlsrc.adapters.calamine_file import CalamineFile
from xlsrc.adapters.openpyxl_file import OpenpyxlFile
from xlsrc.binding import Binding
from xlsrc.domain.numbers import fmt
from xlsrc.errors import InputError
from xlsrc.files import backup_path
from xlsrc.forms.model import COLOR_ERROR

ROOT = Path(__file__).resolve().parent.parent
SEED002 = ROOT / "workbook" / "examples" / "seed002.xlsm"
THREE = ("yongde", "jishan", "zhongjiang")


def _sources(tmp: Path, keys: tuple[str, ...] = THREE) -> list[Path]:
    out = []
    for key in keys:
        form = P.FORMS[key]
        out.append(F.write_xlsx([P.sheet(form, form.published_layout)], tmp / f"{key}.xlsx"))
    return out


def _three(tmp: Path) -> Path:
    """Seed 002's department with three published project forms imported as its projects."""
    target = tmp / "three.xlsm"
    args = ["import", *map(str, _sources(tmp)), "--template", str(SEED002), "-o", str(target)]
    assert cli.main(args) == cli.EXIT_OK
    return target


def _projects(path: Path) -> list:
    return usecases.evaluate(OpenpyxlFile(path)).results.every(forms.project.KEY)


def test_three_published_forms_become_three_projects_after_the_department_forms(tmp_path):
    path = _three(tmp_path)
    names = [PROJECT[k][0] for k in THREE]
    found = projects.listed(OpenpyxlFile(path))
    assert [p.name for p in found] == names
    sheets = openpyxl.load_workbook(path).sheetnames
    at = [sheets.index(p.sheet) for p in found]
    assert at == sorted(at)
    assert max(sheets.index(f.sheet) for f in forms.FORMS if f.official and not f.scoped) < at[0]
    assert at[-1] < sheets.index(forms.checks.SHEET)
    ev = usecases.evaluate(OpenpyxlFile(path))
    assert [s.total for s in ev.results.every(forms.project.KEY)] == [
        Decimal(EXPECT[k][1]) for k in THREE
    ]
    assert ev.total == Decimal("98")  # the department's own total is seed 002's, untouched
    # 永德 publishes its funds in 元 (387664.62) where the form asks for 万元: told on its 全年预算数.
    in_yuan = [(p.sheet, p.cell) for p in ev.problems if p.code == "W244"]
    assert in_yuan == [(found[0].sheet, "D6")]


@pytest.mark.slow
def test_calc_writes_each_projects_figures_on_its_own_sheet(tmp_path):
    path = _three(tmp_path)
    assert cli.main(["calc", str(path)]) == cli.EXIT_OK
    book = OpenpyxlFile(path)
    scored = _projects(path)
    for key, p, one in zip(THREE, projects.listed(book), scored, strict=True):
        b = Binding(book, p.sheet)
        assert b.value("project.total") == float(EXPECT[key][1]), key
        assert b.value("project.grade") == one.grade and one.grade, key
        scores = [r["score"] for r in b.rows("project_indicator") if r["level3"]]
        assert scores and all(isinstance(s, (int, float)) for s in scores), key
        assert b.value("project.budget_rate") is not None
    model = Binding(book, forms.project.SHEET)
    assert model.value("project.total") is None  # the model is never a project


@pytest.mark.slow
def test_check_flags_each_project_in_place_and_lists_it(tmp_path):
    path = _three(tmp_path)
    assert cli.main(["check", str(path)]) == cli.EXIT_PROBLEMS  # the published forms have errors
    book = OpenpyxlFile(path)
    listed = Binding(book).rows("check")
    found = projects.listed(book)
    wb = openpyxl.load_workbook(path)
    for key, p in zip(THREE, found, strict=True):
        codes = {r["code"] for r in listed if r["sheet"] == p.sheet}
        expected = {c for c in EXPECT[key][0] if not c.startswith("E19")}  # the audit's own
        assert expected <= codes, (key, expected - codes)
    # 永德's row 6 (index 5) is not met and unexplained (E110): its 偏差原因 cell is marked.
    yongde = found[0]
    rows = [r for r in listed if r["sheet"] == yongde.sheet and r["code"] == "E110"]
    assert rows
    b = Binding(book, yongde.sheet)
    cell = rows[0]["cell"]
    assert b.where("project_indicator.deviation", 5).cell() == cell
    fill = wb[yongde.sheet][cell].fill.fgColor.rgb
    assert fill.endswith(COLOR_ERROR.lstrip("#").upper())


@pytest.mark.slow
def test_a_file_with_several_forms_yields_each(tmp_path):
    """One file holding two project forms on two sheets and a third under another on one sheet."""
    a, b = (P.sheet(P.FORMS[k], P.FORMS[k].published_layout) for k in ("yongde", "jishan"))
    source = F.write_xlsx([a, b], tmp_path / "two.xlsx")
    target = tmp_path / "two.xlsm"
    assert cli.main(["import", str(source), "-o", str(target)]) == cli.EXIT_OK
    got = _projects(target)
    assert [s.result.name for s in got] == [PROJECT["yongde"][0], PROJECT["jishan"][0]]
    assert [s.total for s in got] == [Decimal(EXPECT["yongde"][1]), Decimal(EXPECT["jishan"][1])]


@pytest.mark.slow
def test_add_remove_and_list_as_a_clerk_does(tmp_path, capsys):
    path = tmp_path / "book.xlsm"
    shutil.copy(SEED002, path)
    assert cli.main(["project", "list", str(path)]) == cli.EXIT_OK
    assert "还没有项目" in capsys.readouterr().out
    name = "农村饮水安全巩固提升工程（第二批）"
    assert cli.main(["project", "add", str(path), name, "学校食堂改造"]) == cli.EXIT_OK
    book = OpenpyxlFile(path)
    found = projects.listed(book)
    assert [(p.sheet, p.name) for p in found] == [(name, name), ("学校食堂改造",) * 2]
    assert backup_path(path).exists()  # the workbook before the projects were added
    # The same name again: a sheet of its own, and the clerk is warned of the twin.
    assert cli.main(["project", "add", str(path), name]) == cli.EXIT_OK
    found = projects.listed(OpenpyxlFile(path))
    assert found[-1].sheet == f"{name}（2）"
    problems = usecases.evaluate(OpenpyxlFile(path)).problems
    assert any(p.code == "W242" and p.sheet == f"{name}（2）" for p in problems)
    assert cli.main(["project", "remove", str(path), "学校食堂改造"]) == cli.EXIT_OK
    assert [p.sheet for p in projects.listed(OpenpyxlFile(path))] == [name, f"{name}（2）"]
    capsys.readouterr()
    assert cli.main(["project", "remove", str(path), "没有这个项目"]) == cli.EXIT_FAILED
    err = capsys.readouterr().err
    assert "没有项目“没有这个项目”" in err and name in err


def test_a_name_excel_refuses_as_a_sheet_name_is_kept_in_the_form(tmp_path):
    path = tmp_path / "book.xlsm"
    shutil.copy(SEED002, path)
    name = "污水处理/管网[一期]:工程?" + "很长" * 20
    assert cli.main(["project", "add", str(path), name]) == cli.EXIT_OK
    (p,) = projects.listed(OpenpyxlFile(path))
    assert p.name == name
    assert len(p.sheet) <= 31 and not set(p.sheet) & set("[]:*?/\\")
    assert CalamineFile(path).scopes(forms.project.MARKER) == [p.sheet, forms.project.SHEET]


def test_an_old_workbook_without_the_model_is_told_what_to_do(tmp_path):
    path = tmp_path / "old.xlsm"
    path.write_bytes(ooxml.delete_sheet(SEED002.read_bytes(), forms.project.SHEET))
    with pytest.raises(InputError, match="项目表样"):
        projects.add(OpenpyxlFile(path), "某项目")
    assert cli.main(["project", "add", str(path), "某项目"]) == cli.EXIT_FAILED
    assert usecases.evaluate(OpenpyxlFile(path)).total == Decimal("98")  # still scored


def test_a_blank_name_is_refused(tmp_path):
    book = OpenpyxlFile(SEED002)
    with pytest.raises(InputError, match="项目名称"):
        projects.add(book, "  ")


@pytest.mark.slow
def test_the_model_sheet_is_no_project_and_stays_blank(tmp_path):
    path = _three(tmp_path)
    assert cli.main(["calc", str(path)]) == cli.EXIT_OK
    wb = openpyxl.load_workbook(path)
    assert wb[forms.project.SHEET].sheet_state == "hidden"
    for p in projects.listed(OpenpyxlFile(path)):
        assert wb[p.sheet].sheet_state == "visible"
    assert forms.project.SHEET not in [p.sheet for p in projects.listed(OpenpyxlFile(path))]


@pytest.mark.slow
def test_projects_survive_a_save_by_libreoffice(tmp_path):
    """LibreOffice keeps names scoped to a sheet: its copy of the workbook has the same projects,
    scored the same."""
    path = _three(tmp_path)
    (saved,) = lo.convert_to(
        [path], tmp_path / "lo", tmp_path / "profile", "xlsx:Calc MS Excel 2007 XML", ".xlsx"
    )
    before = [(s.result.name, s.total) for s in _projects(path)]
    after = [(s.result.name, s.total) for s in _projects(saved)]
    assert after == before
    assert cli.main(["calc", str(saved)]) == cli.EXIT_OK


@pytest.mark.slow
def test_audit_of_the_workbook_audits_each_project_as_calculated(tmp_path, capsys):
    path = _three(tmp_path)
    assert cli.main(["calc", str(path)]) == cli.EXIT_OK
    capsys.readouterr()
    code = cli.main(["audit", str(path), "-o", str(tmp_path / "audit.xlsx")])
    out = capsys.readouterr().out
    assert code == cli.EXIT_PROBLEMS  # 永德's unexplained row, 中江's weights
    for key in THREE:
        total = fmt(Decimal(EXPECT[key][1]))
        assert f"表中总分 {total}，按规则计算 {total} 分" in out, key
    assert out.count("审核完成") == 4  # the 自评表 and three projects, not the blank model


@pytest.mark.slow
def test_a_name_that_looks_like_a_formula_stays_text(tmp_path):
    path = tmp_path / "book.xlsm"
    shutil.copy(SEED002, path)
    assert cli.main(["project", "add", str(path), '=HYPERLINK("http://x","点我")']) == 0
    (p,) = projects.listed(OpenpyxlFile(path))
    wb = openpyxl.load_workbook(path)
    cell = wb[p.sheet]["C3"]
    assert cell.data_type == "s" and cell.value == p.name == '=HYPERLINK("http://x","点我")'
