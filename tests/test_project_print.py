"""Each project in what the bureau reads: the 定稿 prints its 项目支出绩效自评表 after the 部门整体
forms, the Word report attaches it and lists it, the json export lists it and the csv names its
sheet.

The department is seed 002's, with three projects added as a clerk adds them (`projects.add`)
and typed through their sheets' names: the published forms of 永德, 稷山 and 廊坊
(tests/project_forms.py, sources in tests/data/audit_sources.md), whose rule totals
test_project_forms.py audits. Where 检查 finds a row unmet and unexplained, the clerk writes its
偏差原因, so the 定稿 is exported without `force`.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
import project_forms as P
import pytest
from test_project_forms import EXPECT

from xlsrc import cli, forms, projects, usecases
from xlsrc.adapters.openpyxl_file import OpenpyxlFile
from xlsrc.binding import Binding
from xlsrc.outputs import docx as word
from xlsrc.outputs import printed
from xlsrc.outputs.xlsx import finalize
from xlsrc.readers import read_all
from xlsrc.readers.auditor import audit_all
from xlsrc.rules import load_rules

ROOT = Path(__file__).resolve().parent.parent
SEED002 = ROOT / "workbook" / "examples" / "seed002.xlsm"
THREE = ("yongde", "jishan", "langfang")
DEVIATION = "部分对象未及时知晓政策，下一年度加强宣传，确保全覆盖。"
# The published money headers, by the column of the project form they are typed into.
MONEY = {"年初预算数": "initial", "全年预算数": "total", "全年执行数": "spent"}


def _typed(value: object) -> object:
    """A published cell as the clerk types it: a percentage as "95%"."""
    if isinstance(value, P.Percent):
        return f"{float(value) * 100:g}%"
    return value


def _fill(book: OpenpyxlFile, sheet: str, form: P.ProjectForm) -> None:
    """Type a published form's inputs into the project's sheet, through its own names."""
    b = Binding(book, sheet)

    def put(field: str, value: object, row: int | None = None) -> None:
        if value is not None:
            book.write(b.where(field, row), [[_typed(value)]])

    put("project.department", form.department)
    put("project.unit", form.unit)
    heads = ["".join(h.split()) for h in form.money_headers]
    for head, value in zip(heads, form.money, strict=False):
        if head == "分值":
            put("project.budget_weight", value)
    lines = [("budget", form.money), *((_line(label), v) for label, v in form.funds)]
    for line, values in lines:
        for head, value in zip(heads, values, strict=False):
            column = next((c for h, c in MONEY.items() if head.startswith(h)), None)
            if column and isinstance(value, (int, float)):
                put(f"project.{line}_{column}", value)
    put("project.goal_expected", form.goal[0])
    put("project.goal_actual", form.goal[1])
    rows = [r for r in form.rows if r[7] is not None]  # placeholders ("指标2", "……") left out
    for i, (l1, l2, l3, sign, value, unit, done, weight, _, why) in enumerate(rows):
        target = P.target_text(sign, value, unit)
        for key, typed in (
            ("level1", l1),
            ("level2", l2),
            ("level3", l3),
            ("target", target),
            ("actual", done),
            ("weight", weight),
            ("deviation", why),
        ):
            put(f"project_indicator.{key}", typed, i)


def _line(label: str) -> str:
    return "fiscal" if "财政" in label else "carried" if "结转" in label else "other"


def three_projects(tmp: Path) -> Path:
    """Seed 002 with the three published projects added and typed, each unmet row explained."""
    path = tmp / "三个项目.xlsm"
    shutil.copy(SEED002, path)
    book = OpenpyxlFile(path)
    for key in THREE:
        form = P.FORMS[key]
        _fill(book, projects.add(book, form.name).sheet, form)
    for _, scored, finding in usecases.evaluate(book).results.listed():
        if finding.code == "E110" and scored.binding is not None:
            where = scored.binding.where("project_indicator.deviation", finding.row)
            book.write(where, [[DEVIATION]])
    book.save(path)
    return path


@pytest.fixture(scope="module")
def three(tmp_path_factory) -> Path:
    return three_projects(tmp_path_factory.mktemp("three"))


@pytest.fixture(scope="module")
def calculated(three, tmp_path_factory) -> OpenpyxlFile:
    """The workbook after 计算得分, as the clerk's copy holds it."""
    path = tmp_path_factory.mktemp("calc") / "calc.xlsm"
    shutil.copy(three, path)
    book = OpenpyxlFile(path)
    usecases.calculate(book)
    return book


@pytest.fixture(scope="module")
def finished(three, tmp_path_factory) -> Path:
    return finalize(three, tmp_path_factory.mktemp("final") / "定稿.xlsx")


@pytest.fixture(scope="module")
def report(three, tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("word")
    out = tmp / "报告.docx"
    assert cli.main(["report", str(three), "-o", str(tmp / "r.xlsm"), "--docx", str(out)]) == 0
    return out


def _sheets(path: Path) -> list[str]:
    return [p.sheet for p in projects.listed(OpenpyxlFile(path))]


# -- the pieces


def test_the_project_form_prints_whatever_the_rules_ask_for():
    keys = printed.printed_keys(("附件1", "附件2", "附件5", "自评报告"))
    assert set(keys) == {"附件1", "附件2", "附件5", "自评报告", forms.project.KEY}
    assert forms.project.KEY not in printed.printed_keys(["附件2"], skip=(forms.project.KEY,))
    assert "附件4-1" not in keys  # what the rules do not ask for stays out


def test_the_reports_attachments_name_each_project_after_the_department_forms():
    titles = forms.attachment_titles(["附件5", "附件1", "附件2", "自评报告"], ["甲项目", "乙项目"])
    assert titles == (
        "部门整体支出绩效评价基础数据表",
        "部门整体支出绩效自评表",
        "部门整体支出绩效自评工作考核评分表",
        "项目支出绩效自评表（甲项目）",
        "项目支出绩效自评表（乙项目）",
    )
    # The project form named by the rules adds no unnamed attachment.
    assert forms.attachment_titles(["附件2", forms.project.KEY]) == ("部门整体支出绩效自评表",)


def test_project_attachments_are_numbered_after_the_highest_number():
    def plan(key: str, scoped: bool = False) -> printed.Plan:
        return printed.Plan(key, [10.0], key=key, scoped=scoped)

    department = [plan("附件1"), plan("附件2"), plan("附件5")]
    projects_ = [plan(forms.project.KEY, True) for _ in range(3)]
    labels = word.attachment_labels([*department, *projects_])
    assert labels == ["附件1", "附件2", "附件5", "附件6", "附件7", "附件8"]
    older = word.attachment_labels([plan("自评报告（2021）"), plan("附件4-1"), projects_[0]])
    assert older == ["自评报告（2021）", "附件4-1", "附件5"]


def test_a_sheet_name_the_finished_file_has_is_numbered():
    assert projects.numbered("自评表", ["自评报告", "自评表"]) == "自评表（2）"
    assert projects.numbered("a", ["A", "a（2）"]) == "a（3）"
    long = "项" * 31
    assert projects.numbered(long, [long]) == "项" * 28 + "（2）"
    assert projects.numbered("新项目", ["自评表"]) == "新项目"


def test_a_department_without_projects_prints_no_project_form():
    port = OpenpyxlFile(SEED002)
    keys = printed.printed_keys(load_rules().required_forms)
    titles = [p.title for p in printed.plans(port, keys)]
    assert forms.project.SHEET not in titles
    assert titles == ["自评报告", "基础数据表", "自评表", "考核评分表"]


# -- the 定稿


def test_the_finished_file_prints_each_project_after_the_department_forms(three, finished):
    sheets = openpyxl.load_workbook(finished).sheetnames
    names = _sheets(three)
    assert names == [P.FORMS[k].name for k in THREE]  # each sheet named after its project
    assert sheets == ["自评报告", "基础数据表", "自评表", "考核评分表", *names]
    assert forms.project.SHEET not in sheets


def test_each_project_sheet_holds_its_own_names_and_nothing_of_the_workbook(three, finished):
    wb = openpyxl.load_workbook(finished)
    own = set(wb.defined_names)
    assert not {n for n in own if n.startswith("xs_prj")}
    assert "xs_status" not in own  # a 定稿 is never taken for the working workbook
    for sheet in _sheets(three):
        local = set(wb[sheet].defined_names)
        assert forms.project.MARKER in local and "xs_prj_indicators" in local
        assert forms.project.MODEL_NAME not in local
        # The helper cells beside the form are not printed, so not named.
        assert not local & {"xs_prj_message", "xs_prj_budget_message"}
    assert _sheets(finished) == _sheets(three)  # read back as projects, in the same order


def test_each_project_prints_the_calcs_values_and_totals(three, calculated, finished):
    out = OpenpyxlFile(finished)
    for key, sheet in zip(THREE, _sheets(three), strict=True):
        calc, final = Binding(calculated, sheet), Binding(out, sheet)
        for field in (
            "project.name",
            "project.department",
            "project.unit",
            "project.budget_total",
            "project.budget_spent",
            "project.budget_rate",
            "project.budget_weight",
            "project.budget_score",
            "project.fiscal_rate",
            "project.weight_total",
            "project.total",
            "project.grade",
        ):
            assert final.value(field) == calc.value(field), (key, field)
        assert Decimal(str(final.value("project.total"))) == Decimal(EXPECT[key][1])
        filled = [r for r in calc.rows("project_indicator") if r["level3"] not in (None, "")]
        # The 定稿 holds the printed columns only, in the form's order.
        keys = [c.key for c in forms.project.INDICATORS.columns if c.printed]
        kept = out.values(final.area(forms.project.INDICATORS.name))
        assert len(kept) == len(filled), key  # the rows left empty are not printed
        for line, row in zip(kept, filled, strict=True):
            shown = dict(zip(keys, line, strict=True))
            for column in ("level3", "target", "actual", "weight", "score", "deviation"):
                assert shown[column] == row[column], (key, column)


@pytest.mark.slow
def test_a_bureaus_reader_finds_each_project_with_the_rule_total(three, finished):
    audits = audit_all(read_all(finished), load_rules())
    totals = {a.found.self_eval.sheet: a.result.result.total for a in audits}
    for key, sheet in zip(THREE, _sheets(three), strict=True):
        assert totals[sheet] == Decimal(EXPECT[key][1]), key


# -- the Word report


def _attachments(path: Path) -> dict[str, list[str]]:
    """Each attachment's label → the text of its tables' cells, in the document's order."""
    import docx

    doc = docx.Document(str(path))
    out: dict[str, list[str]] = {}
    label = None
    tables = iter(doc.tables)
    for child in doc.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = "".join(t.text or "" for t in child.iter() if t.tag.endswith("}t"))
            if re.fullmatch(r"附件\d+(-\d+)?", text):
                label = text
                out[label] = []
        elif tag == "tbl" and label is not None:
            table = next(t for t in tables if t._tbl is child)
            out[label] += [c.text for row in table.rows for c in row.cells]
    return out


@pytest.mark.slow
def test_the_word_report_attaches_each_project_with_its_total(three, calculated, report):
    found = _attachments(report)
    assert list(found) == ["附件1", "附件2", "附件5", "附件6", "附件7", "附件8"]
    for label, key, sheet in zip(("附件6", "附件7", "附件8"), THREE, _sheets(three), strict=True):
        cells = found[label]
        calc = Binding(calculated, sheet)
        assert P.FORMS[key].name in cells
        assert f"{Decimal(EXPECT[key][1]).normalize():f}" in cells, key
        assert f"等次：{calc.value('project.grade')}" in cells
        assert P.FORMS[key].rows[0][2] in cells  # its first indicator


@pytest.mark.slow
def test_the_word_reports_list_of_attachments_names_each_project(report):
    import docx

    paragraphs = [p.text.replace("\t", "") for p in docx.Document(str(report)).paragraphs]
    for i, key in enumerate(THREE, start=4):
        assert f"{i}.项目支出绩效自评表（{P.FORMS[key].name}）" in paragraphs


# -- data


@pytest.mark.slow
def test_the_json_export_lists_every_project(three, calculated, tmp_path):
    out = tmp_path / "s.json"
    assert cli.main(["export", "json", str(three), "-o", str(out)]) == cli.EXIT_OK
    data = json.loads(out.read_text("utf-8"))
    assert [f["key"] for f in data["forms"]] == ["附件2", "附件5"]
    got = data["projects"]
    assert [p["sheet"] for p in got] == _sheets(three)
    for key, entry in zip(THREE, got, strict=True):
        calc = Binding(calculated, entry["sheet"])
        assert entry["key"] == forms.project.KEY and entry["name"] == P.FORMS[key].name
        assert Decimal(str(entry["total"])) == Decimal(EXPECT[key][1])
        assert entry["total"] == calc.value("project.total")
        assert entry["grade"] == calc.value("project.grade")
        assert entry["funds"]["budget"]["total"] == calc.value("project.budget_total")
        assert len(entry["rows"]) == len([r for r in P.FORMS[key].rows if r[7] is not None])
    assert data["total"] == 98  # the department's own, untouched


@pytest.mark.slow
def test_the_csv_names_each_projects_sheet(three, tmp_path):
    out = tmp_path / "s.csv"
    assert cli.main(["export", "csv", str(three), "-o", str(out)]) == cli.EXIT_OK
    rows = list(csv.reader(out.read_bytes().decode("utf-8-sig").splitlines()))[1:]
    checked = usecases.check(OpenpyxlFile(three))
    sheets = _sheets(three)
    wanted = [(p.code, p.sheet, p.cell) for p in checked.problems if p.sheet in sheets]
    assert wanted  # 永德's bare 735 (W210), 廊坊's 86% execution (W203)
    assert [(r[1], r[3], r[4]) for r in rows if r[3] in sheets] == wanted
    assert {"W210", "W203"} <= {code for code, _, _ in wanted}


# -- a project longer than a page

LONG_GROUPS = (
    ("产出指标", ("数量指标", "质量指标", "时效指标", "成本指标")),
    ("效益指标", ("社会效益指标", "可持续影响指标")),
    ("满意度指标", ("服务对象满意度指标",)),
)


def long_project(tmp: Path, per_group: int = 4) -> tuple[Path, str]:
    """Seed 002 with one project of 28 indicator rows, each with a long name and reason."""
    path = tmp / "长项目.xlsm"
    shutil.copy(SEED002, path)
    book = OpenpyxlFile(path)
    sheet = projects.add(book, "城区老旧小区改造及配套基础设施提升工程").sheet
    b = Binding(book, sheet)

    def put(field: str, value: object, row: int | None = None) -> None:
        book.write(b.where(field, row), [[value]])

    for field, value in (
        ("project.department", "某市住房和城乡建设局"),
        ("project.unit", "某市城市建设服务中心"),
        ("project.budget_initial", 500),
        ("project.budget_total", 480),
        ("project.budget_spent", 470),
        ("project.budget_weight", 10),
        ("project.goal_expected", "完成城区老旧小区改造，改善居民居住条件。" * 4),
        ("project.goal_actual", "已完成城区老旧小区改造，居民居住条件明显改善。" * 4),
    ):
        put(field, value)
    rows = [(l1, l2) for l1, l2s in LONG_GROUPS for l2 in l2s for _ in range(per_group)]
    for i, (l1, l2) in enumerate(rows):
        for key, value in (
            ("level1", l1),
            ("level2", l2),
            ("level3", f"第{i + 1}个小区配套设施改造完成情况及居民反映问题整改率"),
            ("target", "≥95%"),
            ("actual", "90%"),
            ("weight", 3),
            ("deviation", "部分小区受施工条件限制未按期完成，下一步倒排工期，确保完成。"),
        ):
            put(f"project_indicator.{key}", value, i)
    book.save(path)
    return path, sheet


@pytest.fixture(scope="module")
def long(tmp_path_factory) -> tuple[Path, str]:
    return long_project(tmp_path_factory.mktemp("long"))


@pytest.mark.slow
def test_a_long_project_breaks_between_groups_and_keeps_its_total_with_the_last_rows(long):
    path, sheet = long
    port = OpenpyxlFile(path)
    usecases.calculate(port)
    (plan,) = printed.plans(port, [forms.project.KEY])
    assert plan.title == sheet and plan.repeat  # the indicator header printed on every page
    column = {
        box.value: r for (r, c), box in plan.boxes.items() if box.value in ("总分", "一级指标")
    }
    total, header = column["总分"], column["一级指标"]
    # Where each 二级指标 group starts, before the layout prints a label again at a break.
    level2 = plan.names["xs_prj_indicators"][1] + 1
    starts = {r for (r, c) in plan.boxes if c == level2 and header < r < total}
    assert len(starts) == 7
    sizes, breaks = printed.layout(plan)
    assert breaks and not plan.one_page  # 28 long rows do not fit one page
    sign = plan.rows
    assert not [b for b in breaks if total - 1 < b <= sign]  # the last row, 总分, signature
    assert all(b > header + 1 for b in breaks)  # never the header alone at a page's foot
    # Pages break where a group starts (the groups are four rows, a page holds more).
    assert set(breaks) <= starts


# -- on paper (LibreOffice)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory, finished, report) -> dict[str, Path]:
    """The 定稿 and the Word report printed by LibreOffice."""
    import lo

    tmp = tmp_path_factory.mktemp("paper")
    made = lo.to_pdf([finished, report], tmp / "pdf", tmp / "profile")
    return dict(zip(("finished", "word"), made, strict=True))


@pytest.fixture(scope="module")
def paper(pdfs) -> dict[str, list[str]]:
    """The text of each page, flattened."""
    import lo

    return {
        name: ["".join(page.split()) for page in lo.pdf_pages(pdf)] for name, pdf in pdfs.items()
    }


@pytest.mark.slow
def test_each_project_prints_on_a_page_of_its_own_with_its_total_and_signature(three, paper):
    pages = paper["finished"]
    assert not any(forms.project.SHEET in page for page in pages)
    title = "2024年度项目支出绩效自评表"
    starts = [i for i, page in enumerate(pages) if title in page]
    assert len(starts) == 3 and starts[-1] == len(pages) - 1  # one page each, the last ones
    for i, key in zip(starts, THREE, strict=True):
        form, page = P.FORMS[key], pages[i]
        assert form.name in page and form.department in page, key
        total = f"{Decimal(EXPECT[key][1]).normalize():f}"
        assert "总分" in page and total in page and "填表人" in page, key
        assert page.index(form.rows[-1][2]) < page.index("总分") < page.index("填表人")


@pytest.mark.slow
def test_the_word_report_prints_each_project_under_its_label(paper):
    pages = paper["word"]
    for label, key in zip(("附件6", "附件7", "附件8"), THREE, strict=True):
        first = next(i for i, page in enumerate(pages) if page.startswith(label))
        own = pages[first : first + 2]  # an attachment holds one or two pages
        last = next(i for i, page in enumerate(own) if "填表人" in page)
        assert P.FORMS[key].name in own[0] and "项目支出绩效自评表" in own[0], key
        total = f"{Decimal(EXPECT[key][1]).normalize():f}"
        assert total in own[last] and "总分" in own[last], key
    assert pages[-1].startswith("附件8") or "附件8" in pages[-2]


@pytest.mark.slow
def test_a_long_project_prints_its_header_on_every_page_and_its_total_on_the_last(long, tmp_path):
    """In the 定稿 and in the Word report alike."""
    import lo

    path, sheet = long
    out = finalize(path, tmp_path / "长项目定稿.xlsx", force=True)  # weights add to 94
    doc = tmp_path / "长项目.docx"
    assert cli.main(["report", str(path), "-o", str(tmp_path / "r.xlsm"), "--docx", str(doc)]) == 0
    for pdf in lo.to_pdf([out, doc], tmp_path / "pdf", tmp_path / "profile"):
        pages = ["".join(p.split()) for p in lo.pdf_pages(pdf)]
        first = next(i for i, p in enumerate(pages) if "2024年度项目支出绩效自评表" in p)
        assert "城区老旧小区改造" in pages[first]
        own = pages[first:]
        assert len(own) >= 2, pdf.name
        assert all("一级指标二级指标三级指标" in p[:40] for p in own[1:]), pdf.name
        assert "第28个小区" in own[-1] and "总分" in own[-1] and "填表人" in own[-1], pdf.name
        for i in range(1, 29):  # every row printed once, none lost at a break
            assert sum(p.count(f"第{i}个小区") for p in own) == 1, (pdf.name, i)


@pytest.mark.slow
def test_a_long_attachment_name_runs_on_under_its_first_character(pdfs):
    """GB/T 9704 §7.3.5.2: "附件名称较长需回行时，应当与上一行附件名称的首字对齐"."""
    import subprocess

    bbox = subprocess.run(
        ["pdftotext", "-bbox", str(pdfs["word"]), "-"], check=True, capture_output=True, text=True
    ).stdout
    page = next(p for p in bbox.split("<page ") if "附件：1." in p)
    words = re.findall(r'xMin="([\d.]+)"[^>]*>([^<]*)</word>', page)
    start = next(i for i, (_, w) in enumerate(words) if w.startswith("附件："))
    # The footer's "— 8 —" left out.
    items = [(x, w) for x, w in words[start:] if "—" not in w and not w.isdigit()]
    names = [float(x) for x, w in items if not re.fullmatch(r"(附件：)?\d+\.", w)]
    numbers = [float(x) for x, w in items if re.fullmatch(r"\d+\.", w)]
    assert len(names) > len(numbers)  # the projects' names run on to a second line
    assert max(names) - min(names) < 1  # every line of a name starts under the first's
    assert max(numbers) < min(names)  # the numbers hang before the names


@pytest.mark.slow
def test_a_workbook_saved_by_libreoffice_prints_the_same_projects(three, finished, tmp_path):
    """A clerk on WPS or LibreOffice saves the workbook as .xlsx: its 定稿 is the same."""
    import lo

    (saved,) = lo.convert_to([three], tmp_path / "lo", tmp_path / "profile", "xlsx", ".xlsx")
    again = finalize(saved, tmp_path / "定稿.xlsx")
    assert openpyxl.load_workbook(again).sheetnames == openpyxl.load_workbook(finished).sheetnames
    ours, theirs = OpenpyxlFile(finished), OpenpyxlFile(again)
    for sheet in _sheets(three):
        area = Binding(ours, sheet).area(forms.project.INDICATORS.name)
        assert Binding(theirs, sheet).area(forms.project.INDICATORS.name) == area
        assert theirs.values(area) == ours.values(area), sheet
        for field in ("project.total", "project.grade", "project.budget_score"):
            assert Binding(theirs, sheet).value(field) == Binding(ours, sheet).value(field)
