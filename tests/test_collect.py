"""xlsrc collect: a folder of departments' workbooks into one summary, the bad files listed."""

from __future__ import annotations

import io
import os
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from collection import Expected, check, make_folder

from xlsrc import cli, usecases
from xlsrc.adapters.base import Area
from xlsrc.adapters.calamine_file import CalamineFile, ReadOnly
from xlsrc.adapters.openpyxl_file import OpenpyxlFile
from xlsrc.collect import collect, files_in, read_entry
from xlsrc.domain import text as T
from xlsrc.domain.numbers import fmt
from xlsrc.readers import read_found
from xlsrc.readers.auditor import audit_found
from xlsrc.rules import DEFAULT, load_rules

ROOT = Path(__file__).resolve().parent.parent


def _own(ev: usecases.Evaluation):  # type: ignore[no-untyped-def]
    """The 自评表's scoring in an evaluation: the form read and its result."""
    got = ev.results.get("附件2")
    assert got is not None
    return got.result


EXAMPLES = ROOT / "workbook" / "examples"


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Expected]]:
    folder = tmp_path_factory.mktemp("inbox") / "各单位自评"
    profile = tmp_path_factory.mktemp("lo")
    return folder, make_folder(folder, 48, profile=profile)


@pytest.fixture(scope="module")
def summary(inbox, tmp_path_factory):  # type: ignore[no-untyped-def]
    folder, _ = inbox
    out = tmp_path_factory.mktemp("out") / "汇总.xlsx"
    code = cli.main(["collect", str(folder), "-o", str(out), "--jobs", "2"])
    return code, out, collect(folder, jobs=1)


@pytest.mark.slow
def test_every_department_gets_the_row_the_rules_give(inbox):
    folder, expected = inbox
    ours = {f: x for f, x in expected.items() if x.unit}
    assert len(ours) >= 30
    assert check(folder, expected) == []
    # The made folder holds all three answers to "does the score follow the rules".
    assert {x.follows for x in ours.values()} == {"是", "否", "未计算"}


@pytest.mark.slow
def test_a_published_form_gets_the_audits_figures(inbox):
    folder, expected = inbox
    forms = [f for f, x in expected.items() if not x.unit and not x.skipped]
    assert len(forms) == 5
    got = {f: read_entry(folder / f, folder) for f in forms}
    for f in forms:
        audited = audit_found(read_found(folder / f), load_rules(DEFAULT))
        r, e = audited.result, got[f]
        fields = audited.found.self_eval.fields
        assert (e.file, e.unit, e.year) == (f, fields.get("self.unit"), audited.found.year()), f
        assert (e.total, e.grade, e.pending, e.declared_total) == (
            r.result.total,
            r.result.grade,
            r.result.pending,
            r.published_total,
        ), f
        assert (e.budget_rate, e.budget_score) == (r.result.budget.rate, r.result.budget.score)
        assert e.subtotals == {s.category: s.score for s in r.result.subtotals}
        assert [(i.sheet, i.cell, i.code, i.severity, i.message) for i in e.issues] == [
            (p.sheet, p.cell, p.finding.code, p.finding.severity, p.finding.message)
            for p in audited.listed
        ], f
        assert e.declared_grade == (audited.found.published().grade or "")
        assert e.source == T.SM_SOURCE_FORM and len(e.digest) == 40
    # The published seed form is the seed's published figure; a form whose scores are not
    # the rules' says so, and names the indicators not met.
    seed = got["form-seed000.xlsx"]
    assert (fmt(seed.total), seed.grade, seed.follows) == ("94.16", "优", "是")
    assert seed.unmet == ("进出口贸易额", "带动社会就业", "服务对象满意度")
    assert got["form-langfang.xlsx"].follows == "否"


@pytest.mark.slow
def test_bad_files_are_listed_with_the_reason_and_the_rest_go_on(inbox, summary):
    _, expected = inbox
    code, _, done = summary
    reasons = {s.file: s.reason for s in done.skipped}
    wanted = {f: x.skipped for f, x in expected.items() if x.skipped}
    assert set(reasons) == set(wanted)
    for f, fragment in wanted.items():
        assert fragment in reasons[f], (f, reasons[f])
    assert code == cli.EXIT_PROBLEMS
    assert len(done.entries) == len(expected) - len(wanted)


@pytest.mark.slow
def test_the_summary_workbook_holds_every_row_problem_and_skipped_file(summary):
    _, out, done = summary
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == [
        T.SM_SHEET_SUMMARY,
        T.SM_SHEET_PROJECTS,
        T.SM_SHEET_CHARTS,
        T.SM_SHEET_PROBLEMS,
        T.SM_SHEET_SKIPPED,
    ]
    ws = wb[T.SM_SHEET_SUMMARY]
    header = next(r for r in range(1, 8) if ws.cell(r, 1).value == T.SM_COL_RANK)
    columns = [c.value for c in ws[header]]
    assert tuple(columns) == T.SM_SUMMARY_COLUMNS
    rows = [
        dict(zip(columns, r, strict=True))
        for r in ws.iter_rows(min_row=header + 1, values_only=True)
    ]
    assert len(rows) == len(done.entries)
    by_file = {e.file: e for e in done.entries}
    for row in rows:
        e = by_file[row[T.SM_COL_FILE]]
        assert row[T.SM_COL_TOTAL] == pytest.approx(float(e.total))
        assert (row[T.SM_COL_GRADE], row[T.SM_COL_UNIT], row[T.SM_COL_ERRORS]) == (
            e.grade,
            e.unit,
            e.errors,
        )
        assert row[T.SM_COL_UNMET_COUNT] == len(e.unmet)
    # Within a year the ranks follow the totals: higher total, smaller rank; ties share one.
    for year in {r[T.SM_COL_YEAR] for r in rows}:
        ranked = [r for r in rows if r[T.SM_COL_YEAR] == year and r[T.SM_COL_RANK] is not None]
        for a, b in zip(ranked, ranked[1:], strict=False):
            assert a[T.SM_COL_TOTAL] >= b[T.SM_COL_TOTAL]
            assert (a[T.SM_COL_RANK] == b[T.SM_COL_RANK]) == (
                a[T.SM_COL_TOTAL] == b[T.SM_COL_TOTAL]
            )
        assert ranked[0][T.SM_COL_RANK] == 1
    problems = wb[T.SM_SHEET_PROBLEMS]
    listed = problems.max_row - 3  # title, note, header
    assert listed == sum(len(e.issues) for e in done.entries)
    skipped = wb[T.SM_SHEET_SKIPPED]
    assert skipped.max_row - 3 == len(done.skipped)


@pytest.mark.slow
def test_the_charts_are_native_charts_drawn_from_the_count_tables(summary):
    _, out, done = summary
    with zipfile.ZipFile(out) as z:
        charts = sorted(n for n in z.namelist() if n.startswith("xl/charts/chart"))
        xml = [z.read(n).decode() for n in charts]
    assert len(charts) == 2
    assert all(f"{T.SM_SHEET_CHARTS}!$B$" in x for x in xml)
    wb = openpyxl.load_workbook(out)
    ws = wb[T.SM_SHEET_CHARTS]
    table = [(ws.cell(r, 1).value, ws.cell(r, 2).value) for r in range(1, ws.max_row + 1)]
    heads = [i for i, (a, _) in enumerate(table) if a in (T.SM_COL_GRADE, T.SM_COL_BAND)]
    grade_rows = dict(table[heads[0] + 1 : heads[1] - 1])
    grades = [e.grade for e in done.entries]
    assert grade_rows == {g: grades.count(g) for g in ("优", "良", "中", "差")}
    bands = [n for _, n in table[heads[1] + 1 :] if n is not None]
    assert len(bands) == 9
    assert sum(bands) == sum(1 for e in done.entries if not e.pending)


@pytest.mark.slow
def test_our_workbook_reads_the_same_through_calamine_as_through_the_file_adapter(inbox):
    folder, expected = inbox
    files = sorted(EXAMPLES.glob("*.xlsm")) + [
        folder / f for f in list(expected)[:40:7] if f.endswith(".xlsm") and not expected[f].skipped
    ]
    for path in files:
        a, b = usecases.evaluate(OpenpyxlFile(path)), usecases.evaluate(CalamineFile(path))
        assert (a.total, a.grade, a.pending) == (b.total, b.grade, b.pending), path
        assert _own(a).form == _own(b).form and a.reading.base == b.reading.base, path
        assert a.problems == b.problems, path


def test_a_percentage_typed_into_a_general_cell_is_read_as_a_percentage(tmp_path):
    """0.995 in a 0.0% cell is 99.5%, as the clerk sees it, whichever reader reads it."""
    src = tmp_path / "typed.xlsm"
    port = OpenpyxlFile(EXAMPLES / "seed000.xlsm")
    from xlsrc.binding import Binding

    b = Binding(port)
    i = next(n for n, row in enumerate(b.rows("indicator")) if "%" in str(row.get("target")))
    area = b.where("indicator.actual", i)
    port.save(src)
    wb = openpyxl.load_workbook(src, keep_vba=True)
    cell = wb[area.sheet].cell(area.row, area.col)
    cell.value, cell.number_format = 0.5, "0.0%"
    wb.save(src)
    a, b = usecases.evaluate(OpenpyxlFile(src)), usecases.evaluate(CalamineFile(src))
    assert _own(a).form.indicators[i].actual == _own(b).form.indicators[i].actual
    assert _own(b).form.indicators[i].actual.number_format == "0.0%"
    assert _own(a).result.rows[i].score == _own(b).result.rows[i].score
    assert _own(b).result.rows[i].met is False and _own(b).result.rows[i].score is not None


def test_the_calamine_port_never_writes(tmp_path):
    port = CalamineFile(EXAMPLES / "seed000.xlsm")
    area = port.area("xs_total")
    with pytest.raises(ReadOnly):
        port.write(area, [[1]])
    with pytest.raises(ReadOnly):
        port.fill(area, "#FFFFFF")


def test_a_folder_of_good_workbooks_exits_zero(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    for p in sorted(EXAMPLES.glob("seed00[02].xlsm")):
        (folder / p.name).write_bytes(p.read_bytes())
    out = folder / "汇总.xlsx"  # inside the folder: not read as a department
    assert cli.main(["collect", str(folder), "-o", str(out), "--jobs", "1"]) == cli.EXIT_OK
    printed = capsys.readouterr()
    assert "已汇总 2 个单位（共 2 个文件）" in printed.out
    assert out.exists()
    # Run again: the summary written last time is not read as a department.
    assert cli.main(["collect", str(folder), "-o", str(out), "--jobs", "1"]) == cli.EXIT_OK


def test_hidden_folders_and_backups_are_not_read(tmp_path):
    (tmp_path / ".xlsrc-backup").mkdir()
    (tmp_path / ".xlsrc-backup" / "a.xlsm").write_bytes(b"x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.xlsx").write_bytes(b"x")
    (tmp_path / "c.xlsx").write_bytes(b"x")
    (tmp_path / "._c.xlsx").write_bytes(b"x")
    assert [
        p.relative_to(tmp_path).as_posix() for p in files_in(tmp_path, tmp_path / "c.xlsx")
    ] == ["sub/b.xlsx"]


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["collect", "{tmp}/没有这个文件夹"], "不是文件夹"),
        (["collect", "{tmp}/empty"], "没有任何文件"),
        (["collect", "{tmp}/full", "-o", "{tmp}/汇总.xlsm"], "须保存为 .xlsx"),
        (["collect", "{tmp}/full", "--rules", "没有的规则"], "没有的规则"),
    ],
)
def test_bad_arguments_get_a_chinese_message_and_exit_code_2(args, fragment, tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "a.xlsm").write_bytes((EXAMPLES / "seed000.xlsm").read_bytes())
    code = cli.main([a.format(tmp=tmp_path) for a in args])
    err = capsys.readouterr().err
    assert code == cli.EXIT_FAILED
    assert fragment in err and "Traceback" not in err


def test_a_unit_typed_as_a_formula_stays_text_in_the_summary(tmp_path):
    port = OpenpyxlFile(EXAMPLES / "seed000.xlsm")
    from xlsrc.binding import Binding

    b = Binding(port)
    port.write(b.where("self.unit"), [['=HYPERLINK("http://example.com","点我")']])
    folder = tmp_path / "in"
    folder.mkdir()
    port.save(folder / "a.xlsm")
    out = tmp_path / "汇总.xlsx"
    assert cli.main(["collect", str(folder), "-o", str(out), "--jobs", "1"]) == cli.EXIT_OK
    with zipfile.ZipFile(out) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "hyperlink" not in sheet.lower()
    wb = openpyxl.load_workbook(out)
    values = [c.value for row in wb[T.SM_SHEET_SUMMARY].iter_rows() for c in row]
    assert '=HYPERLINK("http://example.com","点我")' in values


def test_the_progress_callback_sees_every_file(tmp_path):
    for p in sorted(EXAMPLES.glob("*.xlsm")):
        (tmp_path / p.name).write_bytes(p.read_bytes())
    seen = []

    def progress(results, total):  # type: ignore[no-untyped-def]
        seen.append(total)
        for r in results:
            seen.append(r.file)
            yield r

    done = collect(tmp_path, jobs=2, progress=progress)
    assert seen[0] == 4 and sorted(seen[1:]) == sorted(p.name for p in EXAMPLES.glob("*.xlsm"))
    assert len(done.entries) == 4


def test_an_unforeseen_failure_skips_the_file_with_its_log(tmp_path, monkeypatch):
    import xlsrc.collect as c

    def boom(*args):  # type: ignore[no-untyped-def]
        raise ZeroDivisionError("x")

    monkeypatch.setattr(c, "_ours", boom)
    monkeypatch.setenv("XLSRC_LOG_DIR", str(tmp_path / "logs"))
    (tmp_path / "a.xlsm").write_bytes((EXAMPLES / "seed000.xlsm").read_bytes())
    result = read_entry(tmp_path / "a.xlsm", tmp_path)
    assert "ZeroDivisionError" in result.reason and str(tmp_path / "logs") in result.reason


def test_a_2021_workbook_compares_its_rating_total(tmp_path):
    port = OpenpyxlFile(EXAMPLES / "seed003.xlsm")
    outcome = usecases.calculate(port)
    from xlsrc.binding import Binding

    port.write(Binding(port).where("rating_form.total"), [[float(outcome.total) - 3]])
    port.save(tmp_path / "a.xlsm")
    e = read_entry(tmp_path / "a.xlsm", tmp_path)
    assert (e.total, e.follows, e.differences) == (outcome.total, "否", 1)
    assert e.declared_total == outcome.total - 3
    assert e.source == T.SM_SOURCE_OURS_2021


@pytest.mark.slow
def test_reading_does_not_depend_on_the_number_of_workers(inbox):
    folder, _ = inbox
    one, two = collect(folder, jobs=1), collect(folder, jobs=2)
    assert one == two


def test_unreadable_package_parts_are_a_clear_skip(tmp_path):
    data = (EXAMPLES / "seed000.xlsm").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["xl/workbook.xml"] = b"<workbook"  # cut short
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for n, d in parts.items():
            z.writestr(n, d)
    (tmp_path / "a.xlsm").write_bytes(out.getvalue())
    result = read_entry(tmp_path / "a.xlsm", tmp_path)
    assert not hasattr(result, "total") and "a.xlsm" in result.reason
    assert os.path.basename(result.file) == "a.xlsm"


@pytest.mark.slow
def test_totals_are_decimals_as_the_domain_gives_them(summary):
    _, _, done = summary
    assert all(isinstance(e.total, Decimal) for e in done.entries)


def test_the_audit_is_skipped_only_where_the_shown_figures_are_the_rules():
    """A workbook showing exactly what 计算得分 writes needs no audit; any other figure does."""
    from dataclasses import replace

    from xlsrc.domain.audit import Published
    from xlsrc.scored.self_eval import as_calculated as _as_calculated

    port = OpenpyxlFile(EXAMPLES / "seed000.xlsm")
    usecases.calculate(port)
    ev = usecases.evaluate(port)
    r = _own(ev).result
    shown = Published(
        scores=tuple(None if s.score is None else float(s.score) for s in r.rows),
        budget_rate=float(r.budget.rate),
        budget_score=float(r.budget.score),
        total=float(r.total),
        weight_total=float(r.weight_total),
        grade=r.grade,
    )
    assert _as_calculated(shown, r)
    scores = list(shown.scores)
    first = next(i for i, s in enumerate(scores) if s is not None)
    blank = next(i for i, s in enumerate(scores) if s is None)
    for changed in (
        replace(shown, total=float(r.total) + 0.01),
        replace(shown, total=str(r.total)),  # the same figure typed as text is no output
        replace(shown, grade="良"),
        replace(shown, grade=None),
        replace(shown, budget_score=None),
        replace(shown, budget_rate=float(r.budget.rate) / 100),
        replace(shown, scores=tuple(scores[:-1])),
        replace(shown, scores=tuple(s + 1 if i == first else s for i, s in enumerate(scores))),
        replace(shown, scores=tuple(0.0 if i == blank else s for i, s in enumerate(scores))),
        replace(shown, scores=tuple(" " if i == first else s for i, s in enumerate(scores))),
    ):
        assert not _as_calculated(changed, r), changed
    # A blank cell where the rules give nothing is the same, as is a cell of spaces.
    spaces = replace(shown, scores=tuple(" " if i == blank else s for i, s in enumerate(scores)))
    assert _as_calculated(spaces, r)


def test_a_read_only_write_names_the_area():
    port = CalamineFile(EXAMPLES / "seed000.xlsm")
    with pytest.raises(ReadOnly, match=r"H5"):
        port.write(port.area("xs_exec_score"), [[1]])
    with pytest.raises(ReadOnly, match=r"H5"):
        port.fill(port.area("xs_exec_score"), None)


def _repacked(src: Path, target: Path, change: dict[str, bytes | None]) -> Path:
    """A copy of the package with parts replaced (None removes one)."""
    with zipfile.ZipFile(src) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    for name, data in change.items():
        if data is None:
            parts.pop(name)
        else:
            parts[name] = data
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return target


def test_the_calamine_port_says_what_is_wrong_with_a_file(tmp_path):
    from xlsrc.errors import InputError, LayoutError, MissingName

    missing = tmp_path / "没有.xlsm"
    with pytest.raises(InputError, match=str(missing)):
        CalamineFile(missing)
    seed = EXAMPLES / "seed000.xlsm"
    no_rels = _repacked(seed, tmp_path / "坏包.xlsm", {"xl/_rels/workbook.xml.rels": None})
    with pytest.raises(InputError, match="“坏包.xlsm”已损坏：缺少部件“xl/_rels/workbook.xml.rels”"):
        CalamineFile(no_rels)
    port = CalamineFile(seed)
    with pytest.raises(MissingName) as missing_name:
        port.area("xs_nothing")
    assert "xs_nothing" in str(missing_name.value)
    port.names["xs_total"] = "'没有的表'!$A$1"
    with pytest.raises(LayoutError, match="xs_total.*没有的表"):
        port.area("xs_total")
    with zipfile.ZipFile(seed) as z:
        sheet = next(n for n in z.namelist() if n.startswith("xl/worksheets/sheet3"))
    broken = _repacked(seed, tmp_path / "坏表.xlsm", {sheet: b"<worksheet><sheetData><row"})
    with pytest.raises(InputError, match="“坏表.xlsm”已损坏：工作表“自评表”.+的内容不完整"):
        CalamineFile(broken)  # refused before any reader runs, as OpenpyxlFile refuses it


def test_a_sheet_whose_first_row_and_column_are_empty_keeps_its_addresses(tmp_path):
    """Cells are read at their own addresses even where the sheet's used area starts lower."""
    port = OpenpyxlFile(EXAMPLES / "seed000.xlsm")
    from xlsrc.binding import Binding

    b = Binding(port)
    sheet = b.where("indicator.target", 0).sheet
    ws = port.book[sheet]
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=1):
        for cell in row:
            if cell.value is not None and not isinstance(cell, openpyxl.cell.cell.MergedCell):
                port.write(Area(sheet, cell.row, 1), [[None]])
    for cell in ws[1]:
        if cell.value is not None and not isinstance(cell, openpyxl.cell.cell.MergedCell):
            port.write(Area(sheet, 1, cell.column), [[None]])
    port.save(tmp_path / "a.xlsm")
    a = usecases.evaluate(OpenpyxlFile(tmp_path / "a.xlsm"))
    c = usecases.evaluate(CalamineFile(tmp_path / "a.xlsm"))
    assert _own(a).form == _own(c).form and a.total == c.total


@pytest.mark.slow
def test_workers_started_by_spawning_as_on_windows_need_nothing_from_the_parent(tmp_path):
    """Windows and macOS start workers as fresh interpreters: nothing a worker needs may come
    from the parent's memory (a fork would hide that), and the command runs once."""
    import subprocess
    import sys

    folder = tmp_path / "in"
    folder.mkdir()
    for p in sorted(EXAMPLES.glob("*.xlsm")):
        (folder / p.name).write_bytes(p.read_bytes())
    out = tmp_path / "汇总.xlsx"
    code = (
        "import multiprocessing, runpy, sys; multiprocessing.set_start_method('spawn'); "
        f"sys.argv = ['xlsrc', 'collect', {str(folder)!r}, '-o', {str(out)!r}, '--jobs', '2']; "
        "runpy.run_module('xlsrc', run_name='__main__', alter_sys=True)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=240, cwd=ROOT
    )
    assert done.returncode == cli.EXIT_OK, done.stderr
    assert done.stdout.count("已汇总 4 个单位") == 1


def test_without_calamine_the_port_says_how_to_install_it(monkeypatch):
    import sys

    from xlsrc.errors import InputError

    monkeypatch.setitem(sys.modules, "python_calamine", None)  # import fails
    with pytest.raises(InputError, match="pip install python-calamine.*python_calamine"):
        CalamineFile(EXAMPLES / "seed000.xlsm")


def test_rules_given_on_the_command_line_reach_every_worker(tmp_path):
    """--rules wins over each workbook's own 评分规则 cell, in the worker processes too."""
    text = (ROOT / "xlsrc" / "rules" / "yueyang-2024.toml").read_text(encoding="utf-8")
    strict = tmp_path / "严格.toml"
    strict.write_text(text.replace('name = "优"\nmin = 90', 'name = "优"\nmin = 99'), "utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    for p in sorted(EXAMPLES.glob("seed00[02].xlsm")):
        (folder / p.name).write_bytes(p.read_bytes())
    grades = {e.file: e.grade for e in collect(folder, jobs=2).entries}
    assert grades == {"seed000.xlsm": "优", "seed002.xlsm": "优"}
    strict_grades = {
        e.file: e.grade for e in collect(folder, rules=load_rules(str(strict)), jobs=2).entries
    }
    assert strict_grades == {"seed000.xlsm": "良", "seed002.xlsm": "良"}
    out = tmp_path / "汇总.xlsx"
    assert cli.main(["collect", str(folder), "-o", str(out), "--rules", str(strict)]) == 0
    ws = openpyxl.load_workbook(out)[T.SM_SHEET_SUMMARY]
    assert [c.value for c in ws["E"]].count("良") == 2
