"""The 添加项目 / 删除项目 buttons and the 项目清单 on 使用说明.

In Excel (desktop RunPython) the buttons copy the hidden model sheet and delete project sheets
through the xlwings adapter; that is driven here on `excel_book.Book`, which does what Excel
does for the few calls made. On xlwings' remote engine (xlwings Lite, xlwings Server, the WPS
add-in) no client can apply a sheet copy: there the buttons answer with one clear message and
write nothing.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from conftest import EXAMPLES, ROOT
from excel_book import Book
from remote import apply_actions, payload_from_file

from xlsrc import buttons, projects, usecases
from xlsrc.adapters.xlwings_book import XlwingsBook
from xlsrc.domain import text as T
from xlsrc.forms import help
from xlsrc.forms import project as form

INPUT = help.PROJECT_INPUT.ref  # B3 on 使用说明


@pytest.fixture(scope="module")
def built() -> dict[str, Path]:
    """The committed template and seed 002 (test_template checks they are what the sources build)."""
    return {"template": ROOT / "workbook" / "template.xlsm", "seed002": EXAMPLES / "seed002.xlsm"}


def typed(path: Path, tmp_path: Path, name: object, out: str = "typed.xlsm") -> Path:
    """The workbook with `name` typed into the 项目名称 cell of 使用说明."""
    target = tmp_path / out
    wb = openpyxl.load_workbook(path, keep_vba=True)
    wb[help.SHEET][INPUT] = name
    wb.save(target)
    return target


def list_on(book: Book) -> list[list[object]]:
    """The 项目清单's filled rows as the sheet holds them."""
    sheet = book.sheets[help.SHEET]
    first = help.PROJECTS.first_row
    rows = []
    for r in range(first, first + help.PROJECTS.rows):
        line = [sheet.cells.get((r, c)) for c in range(1, 5)]
        if any(v not in (None, "") for v in line):
            rows.append(line)
    return rows


# -- in Excel


def test_add_copies_the_model_names_the_copy_and_lists_it(built, tmp_path):
    book = Book(typed(built["seed002"], tmp_path, "  农村饮水 安全工程 "))
    added = buttons.add_project(book)
    assert added.message == T.P_ADDED.format(name="农村饮水 安全工程", sheet="农村饮水 安全工程")
    assert book.app.alerts == [(T.P_ADD, added.message)]
    names = [s.name for s in book.sheets]
    # Before 校验结果, after the 部门整体 forms; shown; the model stays hidden and last.
    assert names.index("农村饮水 安全工程") == names.index("校验结果") - 1
    copy = book.sheets["农村饮水 安全工程"]
    assert copy.visible and not book.sheets[form.SHEET].visible
    # The copy has the form's names, scoped to itself, but not the model's marker.
    locals_ = {n.local for n in copy.names}
    assert form.MARKER in locals_ and form.MODEL_NAME not in locals_
    assert {n.sheet for n in copy.names} == {"农村饮水 安全工程"}
    assert book.value("农村饮水 安全工程", "C3") == "农村饮水 安全工程"
    # What the clerk typed stays; the list names the project, not yet scored.
    assert book.value(help.SHEET, INPUT) == "  农村饮水 安全工程 "
    assert list_on(book) == [["农村饮水 安全工程", "农村饮水 安全工程", None, None]]
    port = XlwingsBook(book)
    assert [p.sheet for p in projects.listed(port)] == ["农村饮水 安全工程"]


@pytest.mark.slow
def test_a_second_project_of_the_same_name_gets_a_numbered_sheet(built, tmp_path):
    book = Book(typed(built["template"], tmp_path, "道路/桥梁维护"))
    buttons.add_project(book)
    buttons.add_project(book)
    assert [row[0] for row in list_on(book)] == ["道路_桥梁维护", "道路_桥梁维护（2）"]
    assert [row[1] for row in list_on(book)] == ["道路/桥梁维护", "道路/桥梁维护"]


@pytest.mark.slow
def test_calculate_and_check_write_each_projects_total_into_the_list(built, tmp_path):
    book = Book(typed(built["seed002"], tmp_path, "项目甲"))
    buttons.add_project(book)
    port = XlwingsBook(book)
    usecases.calculate(port)
    [row] = list_on(book)
    assert row[:2] == ["项目甲", "项目甲"] and row[3]
    assert row[2] == book.value("项目甲", f"H{form.TOTAL_ROW}") is not None
    assert row[3] == book.value("项目甲", f"I{form.TOTAL_ROW}")
    usecases.check(XlwingsBook(book))
    assert list_on(book)[0][:2] == ["项目甲", "项目甲"]


def test_remove_asks_first_and_deletes_only_when_the_clerk_says_yes(built, tmp_path):
    book = Book(typed(built["template"], tmp_path, "项目甲"), answers=["no", "yes"])
    buttons.add_project(book)
    book.sheets[help.SHEET].cells[(3, 2)] = "项目甲"
    assert buttons.remove_project(book).message == T.P_REMOVE_CANCELLED.format(name="项目甲")
    assert "项目甲" in [s.name for s in book.sheets]
    done = buttons.remove_project(book)
    assert done.message == T.P_REMOVED.format(name="项目甲", sheet="项目甲")
    assert "项目甲" not in [s.name for s in book.sheets]
    assert not [n for n in book.local_names if n.sheet == "项目甲"]
    assert list_on(book) == []
    assert book.app.display_alerts  # as it was


@pytest.mark.slow
def test_remove_finds_the_project_by_its_sheet_name_too(built, tmp_path):
    book = Book(typed(built["template"], tmp_path, "a/b"), answers=["yes"])
    buttons.add_project(book)
    book.sheets[help.SHEET].cells[(3, 2)] = "A_B"  # the sheet's name, in other case
    assert buttons.remove_project(book).message == T.P_REMOVED.format(name="a/b", sheet="a_b")


@pytest.mark.parametrize("name", [None, pytest.param("   ", marks=pytest.mark.slow), "\u3000"])
def test_a_blank_name_is_asked_for_and_nothing_changes(built, tmp_path, name):
    path = typed(built["template"], tmp_path, name)
    book = Book(path)
    sheets = [s.name for s in book.sheets]
    assert buttons.add_project(book) is None
    assert buttons.remove_project(book) is None
    told = T.P_BUTTON_BLANK.format(sheet=help.SHEET, cell=INPUT, button=T.P_ADD)
    assert book.app.alerts[0] == (T.P_ADD, told)
    assert [s.name for s in book.sheets] == sheets and book.writes == 0


@pytest.mark.slow
def test_removing_a_project_that_is_not_there_names_those_that_are(built, tmp_path):
    book = Book(typed(built["template"], tmp_path, "项目甲"))
    buttons.add_project(book)
    book.sheets[help.SHEET].cells[(3, 2)] = "项目乙"
    assert buttons.remove_project(book) is None
    title, message = book.app.alerts[-1]
    assert title == T.P_REMOVE and "项目乙" in message and "项目甲" in message


@pytest.mark.slow
def test_a_workbook_without_the_model_is_told_so_without_a_traceback(built, tmp_path):
    path = typed(built["template"], tmp_path, "项目甲")
    book = Book(path)
    book.local_names[:] = [n for n in book.local_names if n.local != form.MODEL_NAME]
    assert buttons.add_project(book) is None
    assert book.app.alerts[-1] == (
        T.P_ADD,
        T.P_NO_MODEL.format(book=path.name, model=form.SHEET),
    )


@pytest.mark.slow
def test_adding_reads_and_writes_a_few_times_whatever_the_number_of_projects(built, tmp_path):
    counts = []
    for n in (1, 6):
        book = Book(typed(built["template"], tmp_path, "项目", f"n{n}.xlsm"))
        for _ in range(n - 1):
            buttons.add_project(book)
        book.writes = 0
        buttons.add_project(book)
        counts.append(book.writes)
    assert counts[0] == counts[1] <= 3  # the 项目名称, the list


# -- on xlwings' remote engine (xlwings Lite, xlwings Server, the WPS add-in)


@pytest.mark.parametrize("button", [buttons.add_project, buttons.remove_project])
@pytest.mark.parametrize("client", ["VBA", pytest.param("Office.js", marks=pytest.mark.slow)])
def test_the_remote_engine_answers_that_sheets_are_added_in_excel(built, tmp_path, button, client):
    import xlwings as xw

    path = typed(built["template"], tmp_path, "项目甲")
    book = xw.Book(json=payload_from_file(path, client=client))
    assert button(book) is None
    actions = book.json()["actions"]
    assert [a["func"] for a in actions] == ["alert"]
    assert actions[0]["args"][0] == T.P_NOT_HERE


def test_the_adapter_refuses_a_sheet_copy_on_the_remote_engine(built):
    import xlwings as xw

    from xlsrc.errors import InputError

    port = XlwingsBook(xw.Book(json=payload_from_file(built["template"])))
    assert not port.changes_sheets
    assert port.sheet_names[-2:] == [form.SHEET, "xlwings.conf"]
    with pytest.raises(InputError, match="xlsrc project"):
        port.copy_sheet(form.SHEET, "项目甲", before="校验结果")
    with pytest.raises(InputError, match="xlsrc project"):
        port.delete_sheet(form.SHEET)
    assert port.book.json()["actions"] == []


@pytest.mark.slow
def test_calculate_on_the_remote_engine_clears_the_list_in_one_write(built, tmp_path):
    import xlwings as xw

    path = typed(built["seed002"], tmp_path, "项目甲")
    book = xw.Book(json=payload_from_file(path))
    usecases.calculate(XlwingsBook(book))
    actions = book.json()["actions"]
    on_help = [a for a in actions if a.get("sheet_position") == 0 and a["func"] == "setValues"]
    [block] = on_help
    assert (block["start_row"] + 1, block["start_column"] + 1) == (help.PROJECTS.first_row, 1)
    assert len(block["values"]) == help.PROJECTS.rows and len(block["values"][0]) == 4
    out = tmp_path / "applied.xlsm"
    apply_actions(path, actions, out)
    assert all(v in (None, "") for line in block["values"] for v in line)
    assert openpyxl.load_workbook(out)[help.SHEET][INPUT].value == "项目甲"  # an input


def test_the_examples_of_this_checkout_have_the_list(built):
    wb = openpyxl.load_workbook(built["seed002"])
    assert help.PROJECTS.name in wb.defined_names
    assert wb[help.SHEET][f"A{help.PROJECTS.header_row}"].value == "工作表"


# -- end to end on the file: the CLI and 计算得分 keep the list


def _imported(tmp: Path, seed: Path) -> Path:
    """Seed 002's department with three published project forms imported as its projects."""
    import foreign as F
    import project_forms as P

    from xlsrc import cli

    sources = []
    for key in ("yongde", "jishan", "zhongjiang"):
        published = P.FORMS[key]
        sheet = P.sheet(published, published.published_layout)
        sources.append(F.write_xlsx([sheet], tmp / f"{key}.xlsx"))
    target = tmp / "three.xlsm"
    args = ["import", *map(str, sources), "--template", str(seed), "-o", str(target)]
    assert cli.main(args) == cli.EXIT_OK
    return target


def _file_list(path: Path) -> list[list[object]]:
    ws = openpyxl.load_workbook(path)[help.SHEET]
    first = help.PROJECTS.first_row
    rows = [
        [ws.cell(r, c).value for c in range(1, 5)] for r in range(first, first + help.PROJECTS.rows)
    ]
    return [r for r in rows if any(v is not None for v in r)]


@pytest.mark.slow
def test_calculate_lists_each_imported_project_with_its_total_and_grade(built, tmp_path):
    from xlsrc.adapters.openpyxl_file import OpenpyxlFile

    path = _imported(tmp_path, built["seed002"])
    book = OpenpyxlFile(path)
    outcome = usecases.calculate(book)
    book.save()
    scored = outcome.evaluation.results.every(form.KEY)
    assert len(scored) == 3
    want = [[s.sheet, s.result.name, float(s.total), s.grade] for s in scored]
    assert _file_list(path) == want
    # The list reads as the project sheets do: the same totals and grades as written there.
    wb = openpyxl.load_workbook(path)
    for sheet, _, total, grade in want:
        assert wb[sheet][f"H{form.TOTAL_ROW}"].value == total
        assert wb[sheet][f"I{form.TOTAL_ROW}"].value == grade
    # Scored once more through the xlwings adapter, the list is the same.
    excel = Book(path)
    usecases.check(XlwingsBook(excel))
    assert list_on(excel) == want


@pytest.mark.slow
def test_the_command_line_keeps_the_list_as_the_buttons_do(built, tmp_path):
    from xlsrc import cli

    path = tmp_path / "book.xlsm"
    path.write_bytes(built["seed002"].read_bytes())
    assert cli.main(["project", "add", str(path), "项目甲", "项目乙"]) == cli.EXIT_OK
    assert _file_list(path) == [["项目甲", "项目甲", None, None], ["项目乙", "项目乙", None, None]]
    assert cli.main(["project", "remove", str(path), "项目甲"]) == cli.EXIT_OK
    assert _file_list(path) == [["项目乙", "项目乙", None, None]]
    assert "项目甲" not in openpyxl.load_workbook(path).sheetnames


@pytest.mark.slow
def test_more_projects_than_the_list_holds_are_counted_in_its_last_row(built, tmp_path):
    from xlsrc.adapters.openpyxl_file import OpenpyxlFile
    from xlsrc.binding import Binding, Writes

    path = tmp_path / "many.xlsm"
    path.write_bytes(built["template"].read_bytes())
    book = OpenpyxlFile(path)
    room = help.PROJECTS.rows
    rows = [[f"项目{i:02d}", f"项目{i:02d}", 90.5, "优"] for i in range(1, room + 3)]
    w = Writes(Binding(book))
    projects.put_list(w, rows)
    w.flush()
    book.save()
    listed = _file_list(path)
    assert listed[:-1] == rows[: room - 1]
    assert listed[-1] == [None, T.P_LIST_MORE.format(count=3), None, None]


@pytest.mark.slow
def test_a_workbook_made_before_the_list_is_calculated_and_gets_projects_without_it(tmp_path):
    """The LibreOffice-saved template of tests/data predates the 项目清单 and its input."""
    from xlsrc.adapters.openpyxl_file import OpenpyxlFile

    path = tmp_path / "older.xlsm"
    path.write_bytes((ROOT / "tests" / "data" / "template_saved_by_libreoffice.xlsm").read_bytes())
    book = OpenpyxlFile(path)
    added = projects.add(book, "项目甲")
    projects.show(book)
    usecases.calculate(book)
    usecases.check(book)
    book.save()
    wb = openpyxl.load_workbook(path)
    assert added.sheet in wb.sheetnames and help.PROJECTS.name not in wb.defined_names
    assert wb[help.SHEET][f"A{help.PROJECTS.first_row}"].value is None
    # Its 添加项目 button would not exist; asked anyway, the missing input cell is told.
    excel = Book(path)
    assert buttons.add_project(excel) is None
    assert "xs_project_input" in excel.app.alerts[-1][1]
