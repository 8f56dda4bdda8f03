"""Reading, importing and auditing 自评表 workbooks not made with the template.

Each fixture is a published form's layout (tests/data/audit_sources.md) written as a clerk's
Excel holds it; the .xls and .ods copies are LibreOffice's own saves of those files.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import foreign as F
import pytest

from xlsrc import cli, forms, projects, usecases
from xlsrc.adapters.openpyxl_file import OpenpyxlFile
from xlsrc.binding import Binding
from xlsrc.domain.findings import Severity
from xlsrc.readers import read_found
from xlsrc.readers.auditor import audit_found
from xlsrc.rules import load_rules
from xlsrc.scored import project as project_scored
from xlsrc.scored import self_eval

# name → (sheets builder, format it is tested in, {code: [indicator row or None]}, rule total)
LAYOUTS = {
    "seed000": (
        lambda: [F.seed_self_eval("seed000")],
        ".xls",
        {"E110": [13], "W203": [None]},
        "94.16",
    ),
    "seed002": (
        lambda: [F.seed002_base(), F.seed_self_eval("seed002")],
        ".ods",
        {"W201": [1]},
        "98",
    ),
    "langfang_reordered": (
        F.langfang_reordered,
        ".xlsx",
        {"W203": [None], "E191": [None], "E190": [0], "E194": [None]},
        "97.22",
    ),
    "split_columns": (
        F.split_columns,
        ".xls",
        {"W204": [None, None]},
        "97.82",
    ),
    "budget_twice": (
        F.budget_twice,
        ".ods",
        {"E120": [None], "W204": [None], "E197": [1]},
        "110",
    ),
    "wps_totals": (
        F.wps_totals,
        ".xlsx",
        # W210: 3120 typed against ≥3000批次 takes the target's unit
        {"W210": [0], "E191": [None], "E190": [1], "E196": [1], "E193": [None], "E194": [None]},
        "99.31",
    ),
    "tianchang_project": (
        F.tianchang_project,
        ".xlsx",
        # E121: the row without a target is unscored, so the total is not graded
        {"E101": [3], "E121": [None], "E194": [None]},
        "90",
    ),
}


@pytest.fixture(scope="module")
def xlsx(tmp_path_factory) -> dict[str, Path]:
    """Every layout as .xlsx (no LibreOffice: tests of the .xlsx layouts stay in the fast tier)."""
    root = tmp_path_factory.mktemp("foreign")
    return {
        name: F.write_xlsx(build(), root / f"{name}.xlsx") for name, (build, *_) in LAYOUTS.items()
    }


@pytest.fixture(scope="module")
def files(xlsx, tmp_path_factory) -> dict[str, Path]:
    """Every layout as .xlsx, and as LibreOffice's .xls/.ods save where the table says so."""
    root = tmp_path_factory.mktemp("converted")
    out = dict(xlsx)
    for suffix in (".xls", ".ods"):
        names = [n for n, spec in LAYOUTS.items() if spec[1] == suffix]
        for name, path in zip(
            names,
            F.convert([xlsx[n] for n in names], suffix, root / suffix[1:], root / "lo"),
            strict=True,
        ):
            out[f"{name}{suffix}"] = path
    return out


def _path(files: dict[str, Path], name: str) -> Path:
    suffix = LAYOUTS[name][1]
    return files[name] if suffix == ".xlsx" else files[f"{name}{suffix}"]


def _at(line: list[object], i: int) -> object:
    return line[i] if i < len(line) else None


def _found_codes(report) -> dict[str, list[int | None]]:
    out: dict[str, list[int | None]] = {}
    for f in report.result.findings:
        if f.severity is not Severity.INFO:
            out.setdefault(f.code, []).append(f.row)
    return out


@pytest.mark.parametrize("name", LAYOUTS)
@pytest.mark.slow
def test_each_layout_is_audited_in_its_format(files, rules, name):
    _, suffix, expected, total = LAYOUTS[name]
    path = _path(files, name)
    assert path.suffix == suffix
    report = audit_found(read_found(path), rules)
    assert _found_codes(report) == expected
    assert report.result.result.total == Decimal(total)


@pytest.mark.parametrize("name", [n for n, spec in LAYOUTS.items() if spec[1] != ".xlsx"])
@pytest.mark.slow
def test_every_format_reads_the_same_form(files, name):
    """The .xlsx and LibreOffice's .xls/.ods save of it give the same rows and figures."""
    a, b = read_found(files[name]), read_found(_path(files, name))
    assert a.form() == b.form()
    assert a.published() == b.published() or _same_numbers(a.published(), b.published())


def _same_numbers(p, q) -> bool:
    from xlsrc.domain.values import number_or_none

    pairs = [
        (p.total, q.total),
        (p.budget_score, q.budget_score),
        *zip(p.scores, q.scores, strict=True),
    ]
    return all(number_or_none(x) == number_or_none(y) for x, y in pairs)


@pytest.mark.slow
def test_seed000_published_scores_follow_the_rules_and_its_unmet_row_is_reported(files, rules):
    report = audit_found(read_found(_path(files, "seed000")), rules)
    codes = {f.code for f in report.result.findings}
    assert not {c for c in codes if c.startswith(("E19", "W29"))}, codes
    unmet = [p for p in report.placed if p.finding.code == "E110"]
    assert len(unmet) == 1
    found = report.found.self_eval
    row = found.rows[unmet[0].finding.row]
    assert row.values["level3"] == "服务对象满意度"
    # Placed on that row's 偏差原因分析及改进措施 cell (column I of the printed form).
    assert unmet[0].cell == f"I{row.line + 1}"
    assert report.result.published_total == Decimal("94.16")


@pytest.mark.slow
def test_seed002_published_scores_follow_the_rules(files, rules):
    report = audit_found(read_found(_path(files, "seed002")), rules)
    assert report.errors == 0
    assert report.result.result.total == report.result.published_total == Decimal(98)
    # The 定性 招商引资 row's 13 of 15 is the clerk's judgment, with its reason.
    judged = report.result.result.rows[8]
    assert (judged.score, judged.weight) == (Decimal(13), Decimal(15))


def test_a_changed_score_is_reported_with_both_numbers(tmp_path, rules):
    sheet = F.seed_self_eval("seed000")
    for line in sheet.rows:
        if _at(line, 3) == "进出口贸易额":
            line[7] = 9  # the rule gives 8.6
    report = audit_found(read_found(F.write_xlsx([sheet], tmp_path / "changed.xlsx")), rules)
    messages = [f.message for f in report.result.findings if f.code == "E190"]
    assert messages == ["表中得分9，按规则应得8.6（分值10×429亿元÷500亿元）"]
    codes = {f.code for f in report.result.findings}
    # The rows now add to 94.56 under the published 94.16, which the rules still give.
    assert "E193" in codes and "E194" not in codes


# ------------------------------------------------------------------ import into the template


@pytest.mark.parametrize("name", LAYOUTS)
@pytest.mark.slow
def test_import_fills_the_template_and_scores_as_the_audit(files, tmp_path, name):
    """The template filled from a foreign form computes the total the audit computed."""
    target = tmp_path / f"{name}.xlsm"
    code = cli.main(["import", str(_path(files, name)), "-o", str(target)])
    assert code == cli.EXIT_OK
    found = read_found(_path(files, name))
    book = OpenpyxlFile(target)
    binding = usecases.read(book).binding
    if found.is_project():  # a project form becomes a project of the workbook
        (sheet,) = (p.sheet for p in projects.listed(book))
        _, evaluation = project_scored.read(Binding(book, sheet))
    else:
        evaluation = self_eval.read(binding)
    rows = [r for r in evaluation.indicators if not r.is_blank()]
    assert [r.level3 for r in rows] == [r.values.get("level3") for r in found.self_eval.rows]
    assert evaluation.budget.total == pytest.approx(float(found.form().budget.total))
    expected = Decimal(LAYOUTS[name][3])
    ev = usecases.evaluate(OpenpyxlFile(target))
    scored_total = ev.results.every(forms.project.KEY)[0].total if found.is_project() else ev.total
    assert scored_total == expected


def test_import_says_what_it_could_not_place(xlsx, tmp_path, capsys):
    cli.main(["import", str(_path(xlsx, "wps_totals")), "-o", str(tmp_path / "w.xlsm")])
    out = capsys.readouterr().out
    assert "未找到：预期目标、实际完成情况。" in out
    cli.main(["import", str(_path(xlsx, "tianchang_project")), "-o", str(tmp_path / "t.xlsm")])
    assert "未找到" not in capsys.readouterr().out


@pytest.mark.slow
def test_import_copies_the_base_data_sheet(files, tmp_path):
    target = tmp_path / "s2.xlsm"
    cli.main(["import", str(_path(files, "seed002")), "-o", str(target)])
    reading = usecases.read(OpenpyxlFile(target))
    assert (reading.base.staff_authorized, reading.base.staff_actual) == (8, 7)
    assert reading.base.expense("three_public", "prior_final") == pytest.approx(11.64)
    assert reading.base.expense("project", "final") == pytest.approx(20.62)
    assert "八项规定" in reading.base.frugality


def test_import_over_capacity_lists_the_rows_left_out(tmp_path, capsys):
    sheet = F.seed_self_eval("seed000")
    head = next(i for i, line in enumerate(sheet.rows) if _at(line, 1) == "一级指标")
    extra = [[None, None, None, f"新增指标{i}", "≥1个", "1个", 1, 1, None] for i in range(30)]
    sheet.rows[head + 1 : head + 1] = extra
    sheet.merges = []
    src = F.write_xlsx([sheet], tmp_path / "long.xlsx")
    assert cli.main(["import", str(src), "-o", str(tmp_path / "long.xlsm")]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert "模板只有 40 行绩效指标" in out and "4 行指标未能填入" in out


# ------------------------------------------------------------------ the CLI and the marked copy


def test_audit_cli_prints_the_report_and_marks_the_cells(xlsx, tmp_path, capsys):
    from openpyxl import load_workbook

    target = tmp_path / "marked.xlsx"
    code = cli.main(["audit", str(_path(xlsx, "wps_totals")), "-o", str(target)])
    out = capsys.readouterr().out
    assert code == cli.EXIT_PROBLEMS
    assert "表中预算执行率得分9，按规则应得9.91" in out
    assert "已写入标注了问题的工作簿" in out
    wb = load_workbook(target)
    assert wb.sheetnames[0] == "审核结果"
    listed = [r for r in wb["审核结果"].iter_rows(min_row=6, values_only=True) if r[0]]
    assert [r[1] for r in listed] == ["W210", "E191", "E190", "E196", "E193", "E194"]
    ws = wb["附件2 自评表"]
    assert ws["H4"].fill.fgColor.rgb.endswith("F8CBAD")
    assert "E191" in ws["H4"].comment.text
    assert ws["C10"].fill.fgColor.rgb in ("00000000", None)  # unflagged cells keep no fill
    e191 = 6 + [r[1] for r in listed].index("E191")
    assert wb["审核结果"][f"E{e191}"].hyperlink.location == "'附件2 自评表'!H4"
    assert wb["审核结果"]["E6"].hyperlink.location == "'附件2 自评表'!F9"  # W210, row 1


@pytest.mark.slow
def test_audit_exit_codes(files, tmp_path):
    assert cli.main(["audit", str(_path(files, "seed002")), "-o", str(tmp_path / "a.xlsx")]) == 0
    assert cli.main(["audit", str(_path(files, "seed000")), "-o", str(tmp_path / "b.xlsx")]) == 1
    assert cli.main(["audit", str(tmp_path / "nothing.xlsx")]) == cli.EXIT_FAILED


def test_audit_writes_beside_the_file_by_default(xlsx, tmp_path):
    src = tmp_path / "单位自评.xlsx"
    src.write_bytes(xlsx["wps_totals"].read_bytes())
    cli.main(["audit", str(src)])
    assert (tmp_path / "单位自评-审核.xlsx").exists()


def test_text_in_the_marked_copy_stays_text(tmp_path, rules):
    from openpyxl import load_workbook

    sheet = F.seed_self_eval("seed002")
    for line in sheet.rows:
        if _at(line, 3) == "新签约项目":
            line[8] = '=HYPERLINK("http://x")'
    src = F.write_xlsx([sheet], tmp_path / "formula.xlsx")
    cli.main(["audit", str(src), "-o", str(tmp_path / "out.xlsx")])
    ws = load_workbook(tmp_path / "out.xlsx")["附件2"]
    cells = [c for row in ws.iter_rows() for c in row if c.value == '=HYPERLINK("http://x")']
    assert cells and all(c.data_type == "s" for c in cells)


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        ("notes.txt", b"hello", "不是 .xlsx、.xlsm、.xls 或 .ods"),
        ("fake.xlsx", "一级指标,二级指标\n".encode(), "不是 Excel 工作簿"),
        ("empty.ods", b"", "空"),
    ],
)
def test_files_that_are_no_workbook_get_a_sentence(tmp_path, capsys, name, content, needle):
    path = tmp_path / name
    path.write_bytes(content)
    assert cli.main(["audit", str(path)]) == cli.EXIT_FAILED
    err = capsys.readouterr().err
    assert needle in err and "Traceback" not in err


def test_a_workbook_without_a_self_eval_is_named(tmp_path, capsys):
    sheet = F.Sheet("Sheet1", [["项目", "金额"], ["办公费", 12]])
    src = F.write_xlsx([sheet], tmp_path / "other.xlsx")
    assert cli.main(["audit", str(src)]) == cli.EXIT_FAILED
    assert "“other.xlsx”中找不到自评表" in capsys.readouterr().err


def test_import_needs_an_output(capsys, xlsx):
    with pytest.raises(SystemExit) as exc:
        cli.main(["import", str(xlsx["wps_totals"])])
    assert exc.value.code == cli.EXIT_FAILED
    assert "缺少参数" in capsys.readouterr().err


@pytest.mark.slow
def test_rules_file_for_a_budget_weighted_20(files, tmp_path):
    """With a rules file whose weights are 20/40/30/10, the split layout's weights are as required."""
    import xlsrc.rules

    text = (Path(xlsrc.rules.__file__).parent / "yueyang-2024.toml").read_text(encoding="utf-8")
    text = text.replace('"预算执行率" = 10', '"预算执行率" = 20').replace(
        '"效益指标" = 30', '"效益指标" = 20'
    )
    custom = tmp_path / "budget20.toml"
    custom.write_text(text, encoding="utf-8")
    report = audit_found(read_found(_path(files, "split_columns")), load_rules(str(custom)))
    assert _found_codes(report) == {}
