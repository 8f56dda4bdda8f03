"""The forms as a bureau receives them: rows tall enough for their text, the 定稿 as printed.

Every wrapped cell's row is checked by the same measure the builder and the 定稿 use
(`xlsrc.build.measure`), on the template, on the examples and on the template after a clerk
has typed long text; the 定稿 of each is printed by LibreOffice and read back page by page.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import EXAMPLES, ROOT, load_seed
from printing import (
    MARKERS,
    excel_department,
    indicator_rows,
    long_text,
    shortfalls,
    typed_template,
    workbook,
)

from xlsrc import forms
from xlsrc.adapters.openpyxl_file import OpenpyxlFile
from xlsrc.cli import main as cli
from xlsrc.errors import ExportRefused
from xlsrc.outputs.xlsx import finalize
from xlsrc.usecases import calculate, report

# LibreOffice prints the forms; the 定稿 is exported for most cases.
pytestmark = pytest.mark.slow

TEMPLATE = ROOT / "workbook" / "template.xlsm"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.xlsm"))
# The examples in the 2021 format (their own rules file): no 自评表, the 评价评分表 instead.
FORMAT_2021 = {
    p.stem
    for p in EXAMPLE_FILES
    if load_seed(p.stem)["cells"].get("workbook.rules") == "yueyang-2021"
}
FORMS_2021 = ["自评报告（2021）", "附件4-1"]  # yueyang-2021 asks for these
EXAMPLES_2024 = [p for p in EXAMPLE_FILES if p.stem not in FORMAT_2021]
# What only the clerk's workbook holds: helper columns and internal sheets and labels.
NOT_IN_FINISHED = (
    "定性档次",
    "人工评分",
    "调整理由",
    "评分方式",
    "规则得分",
    "校验提示",
    "得分汇总",
    "评分规则",
    "上次生成的文本",
    "使用说明",
    "校验结果",
    "Interpreter_Win",
    "生成报告",
)
DEFAULT_FORMS = [
    "自评报告",
    "附件1",
    "附件2",
    "附件5",
]  # yueyang-2024 asks for these, in filing order


@pytest.fixture(scope="module")
def typed(tmp_path_factory) -> Path:
    return typed_template(TEMPLATE, tmp_path_factory.mktemp("typed") / "typed.xlsm")


def finished_of(src: Path, out_dir: Path) -> Path:
    """The 定稿 of a workbook after 计算得分 and 生成报告, as a clerk would export it."""
    book = OpenpyxlFile(src)
    calculate(book)
    report(book)
    ready = book.save(out_dir / src.name)
    return finalize(ready, out_dir / f"{src.stem}-定稿.xlsx", force=True)


@pytest.fixture(scope="module")
def finished(tmp_path_factory, typed) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("finished")
    return {p.stem: finished_of(p, out) for p in [*EXAMPLE_FILES, typed]}


# ---------------------------------------------------------------- rows tall enough


@pytest.mark.parametrize("path", [TEMPLATE, *EXAMPLE_FILES], ids=lambda p: p.stem)
def test_every_printed_row_of_the_workbook_holds_its_text(path):
    wb = workbook(path)
    short = [s for ws in wb.worksheets if ws.print_area for s in shortfalls(ws, strict=False)]
    assert not short


def test_the_typed_template_prints_long_text_in_its_boxes(typed):
    """Boxes Excel does not grow (merged 年度总体目标, the report's rows) hold what they promise."""
    wb = workbook(typed)
    assert not [s for ws in wb.worksheets if ws.print_area for s in shortfalls(ws, strict=False)]


def test_text_beyond_a_box_budget_is_found_short(typed, tmp_path):
    """The check can fail: a goal half again as long as its box holds does not fit."""
    book = OpenpyxlFile(typed)
    area = book.area("xs_goal_expected")
    book.write(area, [[long_text(forms.self_eval.GOAL_BUDGET * 3 // 2)]])
    over = book.save(tmp_path / "over.xlsm")
    assert any("B12" in s for s in shortfalls(workbook(over)[forms.self_eval.SHEET], strict=False))


def test_every_row_of_every_finished_form_holds_its_text(finished):
    for path in finished.values():
        wb = workbook(path)
        for ws in wb.worksheets:
            assert not shortfalls(ws, strict=True), path.name
            assert all(ws.row_dimensions[r].height for r in range(1, ws.max_row + 1)), ws.title


# ---------------------------------------------------------------- the 定稿 as a file


def test_the_finished_file_holds_the_forms_the_rules_ask_for_and_nothing_else(finished):
    for stem, path in finished.items():
        wb = openpyxl.load_workbook(path)
        keys = FORMS_2021 if stem in FORMAT_2021 else DEFAULT_FORMS
        assert wb.sheetnames == [forms.BY_KEY[k].sheet for k in keys]
        for ws in wb.worksheets:
            assert not ws.protection.sheet
            assert not ws.data_validations.dataValidation
            assert ws.oddFooter.center.text and "&P" in ws.oddFooter.center.text
            for row in ws.iter_rows():
                for cell in row:
                    assert cell.fill.fill_type is None, (ws.title, cell.coordinate)
                    assert cell.data_type != "f", (ws.title, cell.coordinate)
                    assert not (isinstance(cell.value, str) and cell.value in NOT_IN_FINISHED)
        parts = zipfile.ZipFile(path).namelist()
        assert "xl/vbaProject.bin" not in parts and not any("vml" in p for p in parts)


def test_a_region_asking_for_the_rating_form_gets_it(tmp_path):
    from xlsrc.rules import DEFAULT, _load_shipped

    shipped = (ROOT / "xlsrc" / "rules" / f"{DEFAULT}.toml").read_text(encoding="utf-8")
    rules_file = tmp_path / "rating.toml"
    rules_file.write_text(
        re.sub(r"required = \[.*\]", 'required = ["附件2", "附件4-1", "自评报告"]', shipped),
        encoding="utf-8",
    )
    assert _load_shipped  # the shipped file is the model the test copies
    out = tmp_path / "定稿.xlsx"
    src = EXAMPLES / "seed002.xlsm"
    assert cli(["finalize", str(src), "-o", str(out), "--rules", str(rules_file)]) == 0
    assert openpyxl.load_workbook(out).sheetnames == ["自评报告", "自评表", "评价评分表"]


def test_unused_indicator_rows_are_left_out_and_groups_merged(finished):
    table = forms.self_eval.INDICATORS
    for stem, path in finished.items():
        if stem in FORMAT_2021:
            continue  # no 自评表 in the 2021 format
        rows = indicator_rows() if stem == "typed" else load_seed(stem)["tables"]["indicator"]
        book = OpenpyxlFile(path)
        area = book.area(table.name)
        ws = openpyxl.load_workbook(path)[forms.self_eval.SHEET]
        # One 三级指标 a printed indicator (a row taller than Excel allows may span two).
        names = [ws[f"{table.letter('level3')}{area.row + i}"].value for i in range(area.rows)]
        page_starts = {b.id + 1 - area.row for b in ws.row_breaks.brk}
        at = [  # the sheet row of each indicator, not its label printed again on a new page
            i
            for i, n in enumerate(names)
            if n and not (i in page_starts and n == next(m for m in names[i - 1 :: -1] if m))
        ]
        assert len(at) == len(rows), stem
        level1 = table.letter("level1")
        merged = sorted(
            (m.min_row - area.row, m.max_row - area.row)
            for m in ws.merged_cells.ranges
            if m.min_col == m.max_col == openpyxl.utils.column_index_from_string(level1)
            and area.row <= m.min_row < area.row + area.rows
        )
        assert merged, stem
        starts = [at[i] for i, r in enumerate(rows) if str(r.get("level1") or "").strip()]
        for first, end in zip(starts, [*starts[1:], area.rows], strict=True):
            # The group is one box from its label down (a group cut by a page break is two,
            # the label printed again at the top of the new page): every row of it is in a
            # box that starts with the label, and no box reaches into the next group.
            want = _flat(str(ws[f"{level1}{area.row + first}"].value))
            assert want, (stem, first)
            for r in range(first, end):
                box = next(((a, b) for a, b in merged if a <= r <= b), (r, r))
                assert first <= box[0] and box[1] < end, (stem, r)
                assert _flat(str(ws[f"{level1}{area.row + box[0]}"].value)) == want, (stem, r)


def test_the_finished_file_is_named_after_year_and_unit(tmp_path, capsys):
    src = tmp_path / "君山区贸促会.xlsm"
    src.write_bytes((EXAMPLES / "seed002.xlsm").read_bytes())
    assert cli(["finalize", str(src)]) == 0
    unit = load_seed("seed002")["cells"]["self.unit"]
    assert (tmp_path / f"2024部门整体支出绩效自评-{unit}.xlsx").exists()


def test_finalize_refuses_while_check_finds_errors_and_lists_them(tmp_path, capsys):
    src = EXAMPLES / "seed000.xlsm"  # an unmet indicator without a reason: an error
    out = tmp_path / "定稿.xlsx"
    with pytest.raises(ExportRefused):
        finalize(src, out)
    assert not out.exists()
    assert cli(["finalize", str(src), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "E110" in err and "自评表!I27" in err and "--force" in err
    assert not out.exists()
    assert cli(["finalize", str(src), "-o", str(out), "--force"]) == 0
    assert "E110" in capsys.readouterr().err  # still listed
    assert out.exists()


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    book = OpenpyxlFile(EXAMPLES / "seed002.xlsm")
    book.write(book.area("xs_indicators").sub(0, 2), [["=1+1 人次"]])
    src = book.save(tmp_path / "formula.xlsm")
    out = finalize(src, tmp_path / "定稿.xlsx", force=True)
    ws = openpyxl.load_workbook(out)[forms.self_eval.SHEET]
    cell = ws[OpenpyxlFile(out).area("xs_indicators").cell(0, 2)]
    assert cell.value == "=1+1 人次" and cell.data_type == "s"


def test_titles_and_signature_print_what_the_clerk_typed(finished):
    """Formulas become the text they show, from the inputs as they are now."""
    wb = openpyxl.load_workbook(finished["typed"])
    unit = TYPED_UNIT
    assert wb["自评报告"]["A1"].value == f"2024年度{unit}部门整体支出绩效自评报告"
    assert wb["自评表"]["A2"].value == "2024年度部门整体支出绩效自评表"
    base = wb["基础数据表"]
    sign = next(c.value for row in base.iter_rows() for c in row if "填表人" in str(c.value))
    assert sign.startswith("填表人：王小明") and sign.endswith("单位负责人签字：")


# ---------------------------------------------------------------- printed by LibreOffice


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory, finished, typed) -> dict[str, Path]:
    """Every 定稿 and the typed template itself printed to PDF, in one LibreOffice run."""
    import lo

    tmp = tmp_path_factory.mktemp("lo")
    files = [*finished.values(), typed]
    names = [*finished, "typed-workbook"]
    pdfs = lo.to_pdf(files, tmp / "pdf", tmp / "profile")
    return {n: p for n, p in zip(names, pdfs, strict=True)}


@pytest.fixture(scope="module")
def printed(pdfs) -> dict[str, list[str]]:
    """Pages of text as laid out on paper."""
    import lo

    return {n: lo.pdf_pages(p) for n, p in pdfs.items()}


@pytest.fixture(scope="module")
def printed_raw(pdfs) -> dict[str, list[str]]:
    """Pages of text in drawing order: a wrapped cell's lines one after the other."""
    import lo

    return {n: lo.pdf_pages(p, layout=False) for n, p in pdfs.items()}


def _flat(text: str) -> str:
    return "".join(text.split())


def _form_pages(pages: list[str], title: str) -> dict[str, list[int]]:
    """Pages of each form: a form starts on the page whose first line is its 附件 number
    (the report: its title) and runs until the next one starts."""
    out: dict[str, list[int]] = {}
    current = None
    for i, page in enumerate(pages):
        first = _flat(next((line for line in page.splitlines() if line.strip()), ""))
        for key in DEFAULT_FORMS:
            report_starts = len(first) >= 8 and _flat(title).startswith(first)
            if (key == "自评报告" and report_starts) or (
                key != "自评报告" and first.startswith(key)
            ):
                assert key not in out, f"{key} starts twice"
                current = key
        assert current is not None, f"page {i + 1} belongs to no form"
        out.setdefault(current, []).append(i)
    return out


TYPED_UNIT = "岳阳市城陵矶综合保税区管理委员会机关后勤服务中心"


def _expected(stem: str) -> tuple[str, str]:
    """The report's title and the last indicator's 三级指标 (its first words) of a 定稿."""
    if stem == "typed":
        return f"2024年度{TYPED_UNIT}{forms.report.TITLE}", "指标20："
    seed = load_seed(stem)
    cells = seed["cells"]
    last = _flat(seed["tables"]["indicator"][-1]["level3"])[:6]
    return f"{cells['self.year']}年度{cells['self.unit']}{forms.report.TITLE}", last


@pytest.mark.parametrize("stem", [*(p.stem for p in EXAMPLES_2024), "typed"])
def test_each_form_starts_on_its_own_page(printed, stem):
    title, _ = _expected(stem)
    pages = _form_pages(printed[stem], title)
    assert list(pages) == DEFAULT_FORMS
    for i, page in enumerate(printed[stem]):
        assert f"第 {i + 1} 页" in page  # page numbers in the footer


@pytest.mark.parametrize("stem", [*(p.stem for p in EXAMPLES_2024), "typed"])
def test_total_and_signature_print_on_the_page_of_the_last_indicator(printed, stem):
    title, last = _expected(stem)
    pages = printed[stem]
    own = _form_pages(pages, title)["附件2"]

    def on(i: int, words: str) -> bool:  # on one printed line: columns do not run together
        return any(words in _flat(line) for line in pages[i].splitlines())

    with_last = [i for i in own if on(i, last)]
    # The 总分 label stands alone ("总     分解任务" is the 年度总体目标 label beside a text).
    with_total = [i for i in own if re.search(r"(^|\s)总分(\s|$)", pages[i], flags=re.M)]
    with_sign = [i for i in own if on(i, "单位负责人签字")]
    assert with_total == with_sign == [with_last[-1]], (stem, with_last, with_total)


@pytest.mark.parametrize("stem", [*(p.stem for p in EXAMPLE_FILES), "typed"])
def test_no_helper_column_or_internal_sheet_is_printed(printed, stem):
    text = _flat("".join(printed[stem]))
    assert not [word for word in NOT_IN_FINISHED if word in text]


def test_the_typed_template_prints_the_end_of_every_long_text(printed_raw):
    """On the workbook's own print, the last words typed in each sized box are on paper."""
    text = _flat("".join(printed_raw["typed-workbook"]))
    assert [m for m in MARKERS.values() if m not in text] == []


def test_the_finished_forms_print_the_end_of_every_long_text(printed_raw):
    text = _flat("".join(printed_raw["typed"]))
    assert [m for m in MARKERS.values() if m not in text] == []


def test_total_and_signature_stay_with_the_last_indicator_for_any_number_of_rows(typed):
    """However many indicators, no page starts with 总分 or the signature line, and no last
    page holds rows that would have fit the page before; a form a little longer than a page
    is shrunk onto one. For some counts a plain page fill would have put 总分 and the
    signature alone on a page (the keep is needed)."""
    from xlsrc.build import measure
    from xlsrc.outputs import printed

    book = OpenpyxlFile(typed)
    area = book.area(forms.self_eval.INDICATORS.name)
    rows = indicator_rows() * 2
    needed, shrunk = [], []
    for count in range(1, area.rows + 1):
        values = [[r.get(c.key) for c in forms.self_eval.INDICATORS.columns[:8]] for r in rows]
        book.write(
            area.sub(0, 0, area.rows, 8), values[:count] + [[None] * 8] * (area.rows - count)
        )
        (plan,) = printed.plans(book, ["附件2"])
        last = plan.names[forms.self_eval.INDICATORS.name]
        last_row = last[0] + last[2] - 1  # the last indicator's row of the 定稿
        sizes, breaks = printed.layout(plan)
        assert not [b for b in breaks if last_row < b <= plan.rows], count
        page, total = printed.page_height(plan), sum(sizes.values())
        scale = measure.fit_scale(plan.widths, (0.5, 0.5))
        full = measure.page_rows_height(scale, (0.6, 0.6), fill=1.0)
        assert plan.one_page == (full / total >= 0.85), count  # text shrunk at most 15%
        if plan.one_page and total > page:
            shrunk.append(count)
        if breaks:
            starts = [1, *breaks]
            titles = sum(sizes[r] for r in range(plan.repeat[0], plan.repeat[1] + 1))
            before = sum(sizes[r] for r in range(starts[-2], breaks[-1]))
            before += titles if starts[-2] > plan.repeat[1] else 0
            last_page = sum(sizes[r] for r in range(breaks[-1], plan.rows + 1))
            assert before + last_page > page, count
        plain = measure.paginate(
            [sizes[r] for r in range(1, plan.rows + 1)],
            measure.page_rows_height(measure.fit_scale(plan.widths, (0.5, 0.5)), (0.6, 0.6)),
            repeat=(plan.repeat[0] - 1, plan.repeat[1] - 1),
        )
        needed += [count for b in plain if last_row < b + 1 <= plan.rows]
    assert needed and shrunk


def test_a_report_section_longer_than_a_page_runs_on_without_repeating(tmp_path):
    """A section the clerk made long: its text is printed once, page after page, whole."""
    src = tmp_path / "单位自评.xlsm"
    wb = openpyxl.load_workbook(EXAMPLES / "seed002.xlsm", keep_vba=True)
    area = OpenpyxlFile(EXAMPLES / "seed002.xlsm").area(forms.report.TEXT.name)
    sentences = [f"第{i}条：因项目延期，正在整改，已明确责任人和完成时限。" for i in range(400)]
    wb[area.sheet].cell(area.row + 6, area.col).value = "".join(sentences)  # 七、存在的问题
    wb.save(src)
    out = finalize(src)
    ws = openpyxl.load_workbook(out)[forms.report.SHEET]
    parts = [c.value for row in ws.iter_rows() for c in row if "条：因项目延期" in str(c.value)]
    assert len(parts) > 1  # over several boxes …
    assert "".join(parts) == "".join(sentences)  # … each character once, in order


def test_a_label_cut_by_a_page_break_is_printed_whole_again(finished):
    """The 绩效指标 label beside the indicator block is repeated on each page, never split."""
    for stem, path in finished.items():
        if stem in FORMAT_2021:
            continue  # no 自评表 in the 2021 format
        ws = openpyxl.load_workbook(path)[forms.self_eval.SHEET]
        area = OpenpyxlFile(path).area(forms.self_eval.INDICATORS.name)
        labels = [
            ws.cell(r, 1).value
            for r in range(area.row, area.row + area.rows)
            if ws.cell(r, 1).value
        ]
        assert len(set(labels)) == 1, (stem, labels)


# ---------------------------------------------------------------- issue 22: the 定稿's pages


@pytest.fixture(scope="module")
def department(tmp_path_factory) -> tuple[Path, Path]:
    """The 定稿 of a department of sixteen indicators typed the Excel way, and its PDF."""
    import lo

    tmp = tmp_path_factory.mktemp("department")
    src = excel_department(EXAMPLES / "seed002.xlsm", tmp / "dept16.xlsm", tmp / "edit")
    (tmp / "out").mkdir()
    out = finished_of(src, tmp / "out")
    (pdf,) = lo.to_pdf([out], tmp / "pdf", tmp / "profile")
    return out, pdf


@pytest.mark.parametrize(
    "label, weights, printed",
    [
        ("产出指标", [5, "5", "\u300010"], "产出指标\n（20分）"),
        ("满意度指标", [2.5, 2.5, None], "满意度指标\n（5分）"),
        ("产出指标\n\n(50分)", [5], "产出指标\n\n(50分)"),  # a weight already stated
        # a weight typed on the label's line goes on a line of its own, as a computed one does
        ("效益指标（30分）", [5], "效益指标\n（30分）"),
        ("产出指标 (50分)", [5], "产出指标\n(50分)"),
        ("效益指标 30分", [5], "效益指标 30分"),
        ("效益指标", [5, "五分"], "效益指标"),  # not a number: left as typed
        ("效益指标", [None, ""], "效益指标"),
        (None, [5], None),
    ],
)
def test_an_indicator_group_is_labelled_with_its_weight(label, weights, printed):
    from xlsrc.outputs.printed import _weighed

    assert _weighed(label, weights) == printed


def test_the_grade_is_labelled_and_each_group_weighed(department, finished):
    path, _ = department
    ws = openpyxl.load_workbook(path)[forms.self_eval.SHEET]
    book = OpenpyxlFile(path)
    grade = ws[book.area("xs_grade").cell(0, 0)]
    assert grade.value == "优" and grade.number_format == '"等次："@'  # read back as 优
    level1 = forms.self_eval.INDICATORS.letter("level1")
    area = book.area(forms.self_eval.INDICATORS.name)
    labels = [ws[f"{level1}{area.row + i}"].value for i in range(area.rows)]
    assert [lb for lb in labels if lb] == [
        "产出指标\n（50分）",
        "效益指标\n（30分）",
        "满意度指标\n（10分）",
    ]
    seed = openpyxl.load_workbook(finished["seed002"])[forms.self_eval.SHEET]
    assert seed[f"{level1}{area.row}"].value == "产出指标\n\n(50分)"  # as the clerk wrote it


def test_the_department_prints_its_self_evaluation_on_one_page(department):
    """Sixteen indicators, 总分 and the signature line: one page, not a page of last rows."""
    import lo

    path, pdf = department
    pages = lo.pdf_pages(pdf)
    title = openpyxl.load_workbook(path)[forms.report.SHEET]["A1"].value
    own = _form_pages(pages, title)["附件2"]
    assert len(own) == 1
    page = _flat(pages[own[0]])
    assert "等次：优" in page and "产出指标（50分）" in page and "单位负责人签字" in page
    ws = openpyxl.load_workbook(path)[forms.self_eval.SHEET]
    assert not ws.row_breaks.brk and ws.page_setup.fitToHeight in (1, "1", None)


REPORT_TOP, REPORT_BOTTOM = 0.6 * 72, 841.9 - 0.6 * 72  # the 定稿's margins, points
_SECTION = re.compile(r"^[一二三四五六七八九十]+、")


@pytest.mark.parametrize("stem", [*(p.stem for p in EXAMPLES_2024), "typed", "department"])
def test_no_report_page_is_more_than_a_third_empty(pdfs, department, stem):
    """Unless a section ends there: each page of the report runs down to its last third."""
    import lo

    pdf = department[1] if stem == "department" else pdfs[stem]
    pages = lo.pdf_words(pdf)
    first_form = next(i for i, p in enumerate(pages) if p and p[0][0] == "附件1")
    for i in range(first_form - 1):  # every report page but the last
        body = [(w, top, bottom) for w, top, bottom in pages[i] if bottom < REPORT_BOTTOM]
        reach = (max(b for *_, b in body) - REPORT_TOP) / (REPORT_BOTTOM - REPORT_TOP)
        following = pages[i + 1][0][0]
        assert reach >= 2 / 3 or _SECTION.match(following), (stem, i + 1, round(reach, 2))
