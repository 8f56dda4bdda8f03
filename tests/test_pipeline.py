"""One pipeline for every scored form: the registry, form-relative findings, one scoring that
calc, check, audit and collect share, and exports that receive the evaluated workbook."""

from __future__ import annotations

import csv
import json
import shutil
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import EXAMPLES

from xlsrc import cli, outputs, scored, usecases
from xlsrc.adapters.openpyxl_file import OpenpyxlFile
from xlsrc.collect import read_entry
from xlsrc.domain.findings import Finding, Severity
from xlsrc.domain.summary import RULE_CODES
from xlsrc.outputs.xlsx import finalize
from xlsrc.readers import read_found
from xlsrc.readers.auditor import audit_found
from xlsrc.rules import load_rules


def test_the_shipped_forms_are_scored_in_order_and_only_when_asked_for():
    keys = [f.key for f in scored.registry()]
    assert keys == ["附件2", "附件4-1", "附件5", "自评报告（2021）", "项目自评表"]
    ev = usecases.evaluate(OpenpyxlFile(EXAMPLES / "seed002.xlsm"))
    assert [f.key for f, _ in ev.results] == ["附件2", "附件5"]  # 2024 rules: no 附件4-1
    ev = usecases.evaluate(OpenpyxlFile(EXAMPLES / "seed003.xlsm"))
    assert [f.key for f, _ in ev.results] == ["附件2", "附件4-1", "自评报告（2021）"]
    head, result = ev.results.headline()
    assert head.key == "附件4-1" and ev.total == result.total == Decimal(92)


def test_the_self_evaluation_is_scored_for_others_but_listed_only_when_asked_for():
    ev = usecases.evaluate(OpenpyxlFile(EXAMPLES / "seed003.xlsm"))
    own = ev.results.get("附件2")
    assert own is not None and own.findings  # the 2021 example leaves the 自评表 unfilled
    listed = {f.code for _, _, f in ev.results.listed()}
    assert not listed & {f.code for f in own.findings if f.code not in _codes(ev, "附件4-1")}


def _codes(ev: usecases.Evaluation, key: str) -> set[str]:
    got = ev.results.get(key)
    return set() if got is None else {f.code for f in got.findings}


# -- a scored form added as one module and its registration


def _unit_form() -> scored.ScoredForm:
    """A form that asks for a 单位 of at least four characters: its finding's field is its
    own ("unit"), placed on the workbook's 单位 cell by the form."""

    def score(book: scored.Workbook, done: object) -> scored.Scored:
        unit = str(book.binding.value("self.unit") or "")
        findings = (
            () if len(unit) >= 4 else (Finding("W990", Severity.WARNING, "单位名称过短", "unit"),)
        )
        return scored.Scored("附件9", None, findings=findings)

    return scored.ScoredForm("附件9", score, place=lambda b, f: b.where("self.unit"))


@pytest.fixture
def unit_form():
    form = scored.register(_unit_form())
    yield form
    scored.unregister(form.key)


def _short_unit(tmp_path: Path) -> Path:
    import openpyxl

    path = tmp_path / "short.xlsm"
    shutil.copy(EXAMPLES / "seed000.xlsm", path)
    wb = openpyxl.load_workbook(path, keep_vba=True)
    sheet, ref = next(iter(wb.defined_names["xs_unit"].destinations))
    wb[sheet][ref.replace("$", "")] = "某局"
    wb.save(path)
    return path


def test_a_registered_form_reaches_calc_check_and_collect(tmp_path, unit_form):
    path = _short_unit(tmp_path)
    base = load_rules()
    asked = replace(base, required_forms=(*base.required_forms, "附件9"))
    ev = usecases.evaluate(OpenpyxlFile(path), asked)
    assert [f.key for f, _ in ev.results][-1] == "附件9"
    mine = [p for p in ev.problems if p.code == "W990"]
    assert [(p.sheet, p.cell) for p in mine] == [("自评表", "C3")]
    checked = usecases.check(OpenpyxlFile(path), asked)
    assert any(p.code == "W990" for p in checked.problems)
    assert usecases.calculate(OpenpyxlFile(path), asked).total == ev.total
    entry = read_entry(path, tmp_path, asked)
    assert [(i.sheet, i.cell, i.code) for i in entry.issues if i.code == "W990"] == [
        ("自评表", "C3", "W990")
    ]
    # Not asked for by the rules: scored nowhere, listed nowhere.
    assert not [p for p in usecases.evaluate(OpenpyxlFile(path), base).problems if p.code == "W990"]


def test_a_form_key_is_registered_once():
    with pytest.raises(ValueError):
        scored.register(scored.ScoredForm("附件2", lambda book, done: scored.Scored("附件2", None)))


# -- one scoring: a rules setting acts alike in calc, check, audit and collect


def test_a_rules_setting_reaches_calc_check_audit_and_collect(tmp_path):
    """Whole-point indicator scores (precision.indicator_score_places = 0) change seed 000's
    total; calc, check, the audit of its 定稿 and collect all give the same total."""
    text = (Path(__file__).resolve().parent.parent / "xlsrc/rules/yueyang-2024.toml").read_text(
        encoding="utf-8"
    )
    whole = tmp_path / "whole.toml"
    whole.write_text(
        text.replace("indicator_score_places = 1", "indicator_score_places = 0"), "utf-8"
    )
    rules = load_rules(str(whole))
    default = usecases.evaluate(OpenpyxlFile(EXAMPLES / "seed000.xlsm")).total
    assert default == Decimal("94.16")

    folder = tmp_path / "inbox"
    folder.mkdir()
    path = folder / "seed000.xlsm"
    shutil.copy(EXAMPLES / "seed000.xlsm", path)
    book = OpenpyxlFile(path)
    calc = usecases.calculate(book, rules)
    book.save()
    assert calc.total != default
    # 8.6 → 9, 2.5 → 3 (half up), 4.7 → 5: whole points on every scored row.
    assert calc.total == Decimal("95.36")
    assert usecases.check(OpenpyxlFile(path), rules).total == calc.total

    finished = finalize(path, tmp_path / "定稿.xlsx", force=True, rules=rules)
    audited = audit_found(read_found(finished), rules)
    assert audited.result.result.total == calc.total
    assert not [f for f in audited.result.findings if f.code in RULE_CODES]
    under_default = audit_found(read_found(finished), load_rules())
    assert under_default.result.result.total == default
    differs = {f.code for f in under_default.result.findings if f.code in RULE_CODES}
    assert differs == {"E190", "E194"}  # rows scored 9 for 8.6, and the total

    entry = read_entry(path, folder, rules)
    assert entry.total == calc.total and entry.follows == "是"
    assert read_entry(path, folder, load_rules()).follows == "否"


# -- exports receive the evaluated workbook


def test_a_data_export_is_one_module_that_reads_the_evaluation(tmp_path):
    out = tmp_path / "s.json"
    assert cli.main(["export", "json", str(EXAMPLES / "seed000.xlsm"), "-o", str(out)]) == 0
    data = json.loads(out.read_text("utf-8"))
    assert (data["total"], data["grade"], data["year"]) == (94.16, "优", 2024)
    own = data["forms"][0]
    assert own["key"] == "附件2" and own["budget"]["rate"] == 0.8355
    assert [r["score"] for r in own["rows"] if r["level3"] and "进出口" in r["level3"]] == [8.6]
    assert {p["code"] for p in data["problems"]} == {"W203", "E110"}


def test_the_csv_export_lists_what_check_lists_and_keeps_formulas_as_text(tmp_path):
    out = tmp_path / "s.csv"
    assert cli.main(["export", "csv", str(EXAMPLES / "seed000.xlsm"), "-o", str(out)]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel opens UTF-8 with its mark as Chinese
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0] == ["序号", "编号", "类别", "工作表", "单元格", "问题"]
    checked = usecases.check(OpenpyxlFile(EXAMPLES / "seed000.xlsm"))
    listed = [p for p in checked.problems if p.severity is not Severity.INFO]
    assert [(r[1], r[4]) for r in rows[1:]] == [(p.code, p.cell) for p in listed]
    from xlsrc.outputs.data import _as_text

    assert _as_text("=1+1") == "'=1+1" and _as_text("-x") == "'-x" and _as_text("a=b") == "a=b"


def test_export_refuses_the_clerks_papers_and_unknown_formats(tmp_path, capsys):
    src = str(EXAMPLES / "seed000.xlsm")
    assert cli.main(["export", "xlsx", src]) == 2
    assert "json、csv" in capsys.readouterr().err
    assert cli.main(["export", "pdf", src]) == 2


def test_an_export_format_added_as_one_module_is_offered_by_export(tmp_path, monkeypatch):
    seen = []

    def write(ev: outputs.Evaluated, target: Path, **_: object) -> Path:
        seen.append(ev.checked.evaluation.total)
        target.write_text(str(ev.checked.evaluation.total), "utf-8")
        return target

    monkeypatch.setitem(outputs._REGISTRY, "txt", outputs.Output("txt", ".txt", "总分", write))
    out = tmp_path / "total.txt"
    assert cli.main(["export", "txt", str(EXAMPLES / "seed000.xlsm"), "-o", str(out)]) == 0
    assert out.read_text("utf-8") == "94.16" and seen == [Decimal("94.16")]


def test_an_export_does_not_change_the_workbook(tmp_path):
    path = tmp_path / "seed000.xlsm"
    shutil.copy(EXAMPLES / "seed000.xlsm", path)
    before = path.read_bytes()
    outputs.export("json", path, tmp_path / "x.json")
    assert path.read_bytes() == before
