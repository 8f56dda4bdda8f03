"""Seed 000 under the 岳阳 2024 rules plus the locality settings of docs/rules.md §7 (tests/capped.py):
caps of the total by execution rate, full marks from 99%, 2 points off at 130% of a target.

The same rules file reaches 计算得分, 检查, 生成报告, 定稿导出, the audit and the summary alike.
"""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest
from capped import capped_file
from conftest import EXAMPLES

from xlsrc import cli, forms, usecases
from xlsrc.adapters.openpyxl_file import OpenpyxlFile
from xlsrc.collect import collect
from xlsrc.readers import read_found
from xlsrc.readers.auditor import audit_found
from xlsrc.rules import load_rules

IND = forms.self_eval.INDICATORS
TRADE = "进出口贸易额"  # seed 000: ≥500亿元, actual 429亿元 → 8.6 of 10
TOTAL_CODES = {"E193", "E194", "E199"}


@pytest.fixture(scope="module")
def rules_file(tmp_path_factory) -> Path:
    return capped_file(tmp_path_factory.mktemp("rules"))


def _area(name: str):
    return OpenpyxlFile(EXAMPLES / "seed000.xlsm").area(name)


def _seed000(folder: Path, spent: object = None, trade: object = None) -> Path:
    """A copy of seed 000 with its 全年执行数 and its 进出口贸易额's actual retyped."""
    path = folder / "seed000.xlsm"
    wb = openpyxl.load_workbook(EXAMPLES / "seed000.xlsm", keep_vba=True)
    ws = wb[forms.self_eval.SHEET]
    if spent is not None:  # and its 基本支出, which is all of it
        for name in ("xs_spent", "xs_basic"):
            area = _area(name)
            ws.cell(area.row, area.col).value = spent
    if trade is not None:
        block = _area("xs_indicators")
        level3 = block.col + IND.index("level3")
        rows = [
            r
            for r in range(block.row, block.row + block.rows)
            if TRADE in str(ws.cell(r, level3).value)
        ]
        assert len(rows) == 1
        ws.cell(rows[0], block.col + IND.index("actual")).value = trade
    wb.save(path)
    return path


def _value(path: Path, name: str) -> object:
    book = OpenpyxlFile(path)
    return book.values(book.area(name))[0][0]


def _summary(path: Path) -> dict[str, list[object]]:
    book = OpenpyxlFile(path)
    grid = book.values(book.area(forms.self_eval.SUMMARY.name))
    return {line.key: grid[i] for i, line in enumerate(forms.self_eval.SUMMARY.lines)}


@pytest.mark.parametrize(
    "spent, trade, total, grade, budget_score, trade_score",
    [
        (None, None, 94.16, "优", 8.36, 8.6),  # unchanged: 83.55% is above every cap
        (272.12, None, 89, "良", 7.5, 8.6),  # 75.00% < 80%: 93.3 capped to 89
        (361.02, None, 95.8, "优", 10, 8.6),  # 99.50% ≥ 99%: full marks
        (None, "650亿元", 93.56, "优", 8.36, 8),  # 130% of 500亿元: 偏离, 10 − 2
    ],
)
@pytest.mark.slow
def test_seed000_under_the_locality_settings(
    tmp_path, rules_file, spent, trade, total, grade, budget_score, trade_score
):
    path = _seed000(tmp_path, spent, trade)
    assert cli.main(["calc", str(path), "--rules", str(rules_file)]) == cli.EXIT_OK
    assert _value(path, "xs_total") == pytest.approx(total)
    assert _value(path, "xs_grade") == grade
    assert _value(path, "xs_exec_score") == pytest.approx(budget_score)
    book = OpenpyxlFile(path)
    block = book.area("xs_indicators")
    level3 = book.values(block.sub(0, IND.index("level3"), block.rows, 1))
    row = next(i for i, (v,) in enumerate(level3) if TRADE in str(v))
    assert book.values(block.sub(row, IND.index("score")))[0][0] == pytest.approx(trade_score)


@pytest.mark.slow
def test_the_capped_total_is_explained_on_the_form_and_in_the_report(tmp_path, rules_file):
    path = _seed000(tmp_path, spent=272.12)
    assert cli.main(["calc", str(path), "--rules", str(rules_file)]) == cli.EXIT_OK
    summary = _summary(path)
    assert summary["total"] == pytest.approx([100, 93.3])  # 合计: the rows' sum
    assert summary["cap"] == [None, 89]  # 总分上限
    said = "执行率75%低于80%，总分按规则不超过89分（各项得分合计93.3分，减4.3分）"
    assert said in _value(path, "xs_total_message")
    checked = tmp_path / "checked.xlsm"
    cli.main(["check", str(path), "-o", str(checked), "--rules", str(rules_file)])
    book = OpenpyxlFile(checked)
    listed = book.values(book.area(forms.checks.LIST.name))
    capped = [r for r in listed if r[1] == "W216"]
    assert len(capped) == 1 and said in capped[0][5]
    assert capped[0][4] == _area("xs_total").cell()
    assert cli.main(["report", str(path), "--rules", str(rules_file)]) == cli.EXIT_OK
    reading = usecases.read(OpenpyxlFile(path))
    performance = reading.binding.value("report.performance.text")
    assert "自评得分89分" in performance
    assert "因预算执行率75%低于80%，按评分规则总分不超过89分（各项得分合计93.3分）" in performance


@pytest.mark.slow
def test_full_marks_and_the_deviation_are_explained_where_the_clerk_looks(tmp_path, rules_file):
    path = _seed000(tmp_path, spent=361.02, trade="650亿元")
    assert cli.main(["calc", str(path), "--rules", str(rules_file)]) == cli.EXIT_OK
    assert "执行率99.5%达到99%，按评分规则得满分10分（按比例为9.95分，加0.05分）" in _value(
        path, "xs_budget_message"
    )
    messages = [
        m
        for (m,) in OpenpyxlFile(path).values(
            _area("xs_indicators").sub(0, IND.index("message"), IND.rows, 1)
        )
    ]
    deviated = [m for m in messages if m and "偏离标准1.3倍" in m]
    assert len(deviated) == 1 and "按规则扣2分（10分→8分）" in deviated[0]
    assert _value(path, "xs_total") == pytest.approx(95.2)  # 95.8 − 8.6 + 8


@pytest.mark.slow
def test_the_capped_workbooks_final_copy_audits_without_a_total_difference(tmp_path, rules_file):
    path = _seed000(tmp_path, spent=272.12)
    final = tmp_path / "定稿.xlsx"
    args = ["finalize", str(path), "-o", str(final), "--force", "--rules", str(rules_file)]
    assert cli.main(args) in (cli.EXIT_OK, 1)
    assert final.exists()
    rules = load_rules(str(rules_file))
    audited = audit_found(read_found(final), rules)
    assert audited.result.published_total == 89
    assert audited.result.result.total == 89
    codes = {p.finding.code for p in audited.placed}
    assert not codes & TOTAL_CODES, codes
    # The CLI says the same.
    out = tmp_path / "审核.xlsx"
    cli.main(["audit", str(final), "-o", str(out), "--rules", str(rules_file)])
    listed = [c.value for c in openpyxl.load_workbook(out).worksheets[-1]["B"]]
    assert not set(listed) & TOTAL_CODES
    # A copy whose total ignores the cap is reported, with the cap's reason.
    wb = openpyxl.load_workbook(final)
    ws = wb[forms.self_eval.SHEET]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == 89)
    cell.value = 93.3
    ignored = tmp_path / "未封顶.xlsx"
    wb.save(ignored)
    found = [p.finding for p in audit_found(read_found(ignored), rules).placed]
    uncapped = [f for f in found if f.code in TOTAL_CODES]
    assert [f.code for f in uncapped] == ["E199"]
    assert "表中总分93.3未按执行率封顶：执行率75%低于80%，总分按规则不超过89分，应为89" in (
        uncapped[0].message
    )
    # Under the shipped rules, without caps, the capped copy is the one that differs.
    plain = [p.finding.code for p in audit_found(read_found(final), load_rules()).placed]
    assert "E194" in plain


@pytest.mark.slow
def test_one_rules_file_reaches_calc_check_audit_and_collect_alike(tmp_path, rules_file):
    rules = load_rules(str(rules_file))
    ours, finals = tmp_path / "ours", tmp_path / "finals"
    ours.mkdir()
    finals.mkdir()
    path = _seed000(ours, spent=272.12)
    final = finals / "定稿.xlsx"
    args = ["finalize", str(path), "-o", str(final), "--force", "--rules", str(rules_file)]
    assert cli.main(args) in (cli.EXIT_OK, 1)
    # Our workbook and a form of another layout (the 定稿), each in a folder of its own: one
    # department's two files in one folder would be one entry.
    collected = {
        name: collect(folder, rules=rules, jobs=1).entries
        for name, folder in (("ours", ours), ("finals", finals))
    }
    assert [len(e) for e in collected.values()] == [1, 1]
    totals = {
        "calc": usecases.calculate(OpenpyxlFile(path), rules).total,
        "check": usecases.check(OpenpyxlFile(path), rules).total,
        "audit": audit_found(read_found(final), rules).result.result.total,
        **{f"collect {name}": entries[0].total for name, entries in collected.items()},
    }
    assert set(totals.values()) == {D(89)}, totals
    assert collected["ours"][0].grade == collected["finals"][0].grade == "良"
    # The CLI's collect with --rules writes the same total into the summary workbook.
    from xlsrc.domain import text as T

    out = tmp_path / "汇总.xlsx"
    args = ["collect", str(ours), "-o", str(out), "--jobs", "1", "--rules", str(rules_file)]
    assert cli.main(args) == cli.EXIT_OK
    ws = openpyxl.load_workbook(out).worksheets[0]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    head = next(i for i, r in enumerate(rows) if T.SM_COL_TOTAL in r)
    column = rows[head].index(T.SM_COL_TOTAL)
    assert [r[column] for r in rows[head + 1 :] if r[column] is not None] == [89]
    # Without the file every one of them says 93.3.
    assert usecases.evaluate(OpenpyxlFile(path), load_rules()).total == D("93.3")
    assert collect(finals, jobs=1).entries[0].total == D("93.3")


def test_the_budget_weights_prompt_names_no_weight_the_rules_may_not_have():
    cell = forms.named("xs_budget_weight")
    assert "10" not in cell.prompt and "评分规则" in cell.prompt
    for rules_name in ("sichuan-2023", "yueyang-2024"):
        assert load_rules(rules_name).expected_weight("预算执行率") is not None


def test_every_finding_code_is_unique():
    from xlsrc.domain import text as T

    codes = [
        v[0]
        for v in vars(T).values()
        if isinstance(v, tuple) and len(v) == 2 and isinstance(v[0], str) and len(v[0]) == 4
        if v[0][0] in "EWI" and v[0][1:].isdigit()
    ]
    assert len(codes) == len(set(codes))
    assert {"I305", "I306", "W215", "W216", "E199"} <= set(codes)


@pytest.mark.slow
def test_full_marks_are_listed_where_problems_are_listed(tmp_path, rules_file, capsys):
    """The rules' adjustment is a 提示 the CLI, the page and 校验结果 list, not one they hide."""
    from xlsrc.web.page import outcome_answer

    path = _seed000(tmp_path, spent=361.02)
    cli.main(["check", str(path), "--rules", str(rules_file)])
    assert "[提示] I305 自评表!H5：执行率99.5%达到99%" in capsys.readouterr().out
    outcome = usecases.check(OpenpyxlFile(path), load_rules(str(rules_file)))
    answer = outcome_answer(outcome)
    assert "I305" in [p["code"] for p in answer["problems"]]
    assert (answer["errors"], answer["warnings"]) == (outcome.errors, outcome.warnings)
    assert "I306" not in [p.code for p in outcome.problems]  # seed 000 types its 分值
