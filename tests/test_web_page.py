"""The page's Python (`xlsrc.web.page`) in CPython: the answers the browser shows, as plain values,
for good workbooks and for the files clerks really pick by mistake."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLES
from openpyxl import Workbook

from xlsrc import forms, usecases
from xlsrc.adapters.openpyxl_file import OpenpyxlFile
from xlsrc.binding import Binding
from xlsrc.cli import main
from xlsrc.domain import text as T
from xlsrc.web import page

# Each case runs a whole use case on an example workbook through the page's functions.
pytestmark = pytest.mark.slow

FINISHED = "2024部门整体支出绩效自评-岳阳城陵矶综合保税区管理委员会本级.xlsx"


@pytest.fixture
def seed(tmp_path) -> Path:
    path = tmp_path / "seed000.xlsm"
    shutil.copy(EXAMPLES / "seed000.xlsm", path)
    return path


def test_open_tells_the_unit_and_year(seed):
    assert page.open_workbook(str(seed)) == {
        "ok": True,
        "name": "seed000.xlsm",
        "unit": "岳阳城陵矶综合保税区管理委员会本级",
        "year": "2024",
        "macros": True,
    }


def test_calculate_scores_the_file_in_place(seed):
    answer = page.run("calculate", str(seed))
    assert answer["ok"] and answer["title"] == "计算得分"
    assert (answer["total"], answer["grade"]) == ("94.16", "优")
    assert answer["message"].startswith("计算完成：总分 94.16 分，等次“优”")
    assert answer["file"] == str(seed)
    saved = Binding(OpenpyxlFile(seed))
    assert saved.value("form.total") == pytest.approx(94.16)
    assert saved.value("form.grade") == "优"
    assert (seed.parent / ".xlsrc-backup" / seed.name).is_file()  # as the CLI keeps one


def test_answers_are_json(seed):
    for action in ("calculate", "check", "report"):
        text = page.run_json(action, str(seed))
        assert json.loads(text) == page.run(action, str(seed))
        assert "\\u" not in text  # Chinese stays readable in the console
    opened = page.open_json(str(seed))
    assert json.loads(opened) == page.open_workbook(str(seed))
    assert "岳阳城陵矶综合保税区" in opened


def test_check_lists_what_the_cli_lists(seed, tmp_path, capsys):
    answer = page.run("check", str(seed))
    assert (answer["errors"], answer["warnings"]) == (1, 1)
    lines = [
        f"  [{p['severity']}] {p['code']} {p['sheet']}!{p['cell']}：{p['message']}"
        for p in answer["problems"]
    ]
    fresh = tmp_path / "cli.xlsm"
    shutil.copy(EXAMPLES / "seed000.xlsm", fresh)
    assert main(["check", str(fresh)]) == 1
    printed = capsys.readouterr().out.splitlines()
    assert printed[1:-1] == lines and str(fresh) in printed[-1]  # and where it wrote them
    assert [p["number"] for p in answer["problems"]] == [1, 2]
    # 检查 marks the workbook, as the button marks the open one.
    marked = OpenpyxlFile(seed)
    assert "检查完成：1 个错误" in str(Binding(marked).value("check.status"))


def test_problems_of_kind_info_stay_out(seed):
    from xlsrc.adapters.base import Area
    from xlsrc.domain.findings import Severity

    def problem(severity):
        return usecases.Problem("X1", severity, Area("自评表", 5, 7), "m")

    outcome = usecases.Outcome(
        "检查",
        "m",
        problems=(problem(Severity.INFO), problem(Severity.WARNING), problem(Severity.ERROR)),
    )
    answer = page.outcome_answer(outcome)
    assert [p["severity"] for p in answer["problems"]] == ["警告", "错误"]
    assert [p["number"] for p in answer["problems"]] == [1, 2]
    assert answer["problems"][0]["cell"] == "G5"
    assert answer["total"] is None and answer["grade"] is None


def test_report_returns_every_section_in_order(seed):
    answer = page.run("report", str(seed))
    assert answer["message"].startswith("已生成 7 节报告正文")
    sections = answer["sections"]
    assert [s["label"] for s in sections] == [line.label for line in forms.report.SECTIONS]
    general = sections[1]
    assert general["label"] == "二、一般公共预算支出情况"
    assert "2024年本单位部门预算资金362.83万元" in general["text"]
    assert sections[0]["text"] == ""  # not generated: the clerk writes it
    # The text is what the workbook now holds.
    held = Binding(OpenpyxlFile(seed)).lines("report")
    assert general["text"] == held["general_budget"]["text"]


def test_finalize_is_refused_while_check_finds_errors(seed):
    answer = page.run("finalize", str(seed))
    assert answer["ok"] is False and answer["refused"] is True
    assert answer["error"] == T.W_FINALIZE_REFUSED.format(errors=1)
    assert answer["title"] == "定稿导出"
    assert [p["code"] for p in answer["problems"]] == ["W203", "E110"]
    assert "file" not in answer
    assert not list((seed.parent / page.FINISHED_DIR).glob("*.xlsx"))


def test_finalize_forced_writes_the_macro_free_xlsx_beside_the_workbook(seed):
    answer = page.run("finalize", str(seed), force=True)
    assert answer["ok"] is True and answer["title"] == "定稿导出"
    written = Path(answer["file"])
    assert written == seed.parent / page.FINISHED_DIR / FINISHED
    assert answer["message"] == T.U_EXPORTED.format(path=FINISHED)
    with zipfile.ZipFile(written) as z:
        assert not [n for n in z.namelist() if "vba" in n.lower()]
    assert seed.is_file()  # the workbook itself stays


def test_finalize_without_errors_needs_no_force(tmp_path):
    path = tmp_path / "seed002.xlsm"
    shutil.copy(EXAMPLES / "seed002.xlsm", path)
    answer = page.run("finalize", str(path))
    assert answer["ok"] is True and answer["errors"] == 0
    assert Path(answer["file"]).suffix == ".xlsx"


def _bad_files(folder: Path) -> list[Path]:
    text = folder / "名单.xlsx"
    text.write_text("姓名,电话\n张三,123\n", encoding="utf-8")
    broken = folder / "半截.xlsm"
    broken.write_bytes((EXAMPLES / "seed000.xlsm").read_bytes()[:40000])
    empty = folder / "空.xlsx"
    empty.write_bytes(b"")
    old = folder / "旧版.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    foreign = folder / "别的表.xlsx"
    book = Workbook()
    book.active["A1"] = "不是自评表"
    book.save(foreign)
    return [text, broken, empty, old, foreign]


def test_bad_files_get_the_clis_own_sentence(tmp_path, capsys):
    for bad in _bad_files(tmp_path):
        opened = page.open_workbook(str(bad))
        ran = page.run("calculate", str(bad))
        assert main(["calc", str(bad)]) == 2
        said = capsys.readouterr().err.strip()
        assert opened == {"ok": False, "error": said}, bad.name
        assert ran == {"ok": False, "error": said}, bad.name
        assert said.startswith("错误：")


def test_no_workbook_and_unknown_actions(tmp_path, seed):
    assert page.run("calculate", "") == {"ok": False, "error": T.W_NO_WORKBOOK}
    assert page.run("calculate", str(tmp_path / "gone.xlsx")) == {
        "ok": False,
        "error": T.W_NO_WORKBOOK,
    }
    assert page.run("delete", str(seed)) == {
        "ok": False,
        "error": T.W_UNKNOWN_ACTION.format(action="delete"),
    }


def test_an_unexpected_error_is_one_sentence_and_the_traceback_goes_to_the_console(
    seed, monkeypatch, capsys
):
    def broken(port, rules=None):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(usecases, "calculate", broken)
    answer = page.run("calculate", str(seed))
    assert answer == {
        "ok": False,
        "error": T.W_INTERNAL.format(detail="ZeroDivisionError: division by zero"),
    }
    assert "Traceback" in capsys.readouterr().err


def test_an_os_error_is_told_as_the_cli_tells_it(seed, monkeypatch):
    def refused(self, path=None):
        raise PermissionError(13, "Permission denied", str(seed))

    monkeypatch.setattr(OpenpyxlFile, "save", refused)
    answer = page.run("calculate", str(seed))
    assert answer["ok"] is False
    assert answer["error"] == T.U_ERROR.format(message=T.F_NO_PERMISSION.format(path=seed))


def test_finalize_twice_replaces_the_first(seed):
    first = page.run("finalize", str(seed), force=True)
    again = page.run("finalize", str(seed), force=True)
    assert again["ok"] is True and again["file"] == first["file"]
