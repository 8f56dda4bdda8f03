"""xlsrc.web.hosts in CPython: what the page's worker answers the WPS add-in for a book sent in
xlwings' JSON protocol (the add-in itself is driven in tests/test_web_wps.py)."""

from __future__ import annotations

import json
import shutil

import openpyxl
import pytest
from conftest import EXAMPLES
from remote import payload_from_file

from xlsrc.adapters.openpyxl_file import OpenpyxlFile
from xlsrc.usecases import check
from xlsrc.web import hosts

SEED = EXAMPLES / "seed000.xlsm"


def typed_percent(tmp_path):
    """Seed 000 with one 实际完成值 typed the Excel way: 0.995 shown as 99.5%."""
    out = tmp_path / "typed.xlsm"
    wb = openpyxl.load_workbook(SEED, keep_vba=True)
    cell = wb["自评表"]["F17"]
    cell.value, cell.number_format = 0.995, "0.0%"
    wb.save(out)
    return out


def codes(answer):
    return sorted(p["code"] for p in answer["problems"])


@pytest.mark.slow
def test_a_number_typed_as_a_percentage_checks_as_in_the_file_when_its_format_is_sent(tmp_path):
    typed = typed_percent(tmp_path)
    with_formats = hosts.run("check", payload_from_file(typed, client="WPS", formats=True))
    without = hosts.run("check", payload_from_file(typed, client="WPS"))
    in_file = check(OpenpyxlFile(shutil.copy(typed, tmp_path / "copy.xlsm")))
    assert codes(with_formats) == sorted(
        p.code for p in in_file.problems if p.severity.value != "提示"
    )
    # Without the format the remote engine sees a bare fraction, and says so.
    assert "W211" in codes(without) and "W211" not in codes(with_formats)


def test_the_answer_carries_the_actions_and_the_outcome():
    answer = json.loads(
        hosts.run_json("calculate", json.dumps(payload_from_file(SEED, client="WPS")))
    )
    assert answer["ok"] and answer["total"] == "94.16" and answer["grade"] == "优"
    funcs = [a["func"] for a in answer["actions"]]
    assert set(funcs) == {"setValues", "alert"} and funcs[-1] == "alert"
    assert answer["actions"][-1]["args"][0] == answer["message"]


def test_finalize_scores_and_checks_up_to_the_save():
    answer = hosts.run("finalize", payload_from_file(SEED, client="WPS"))
    assert answer["title"] == "定稿导出"
    assert answer["errors"] == 1
    assert {a["func"] for a in answer["actions"]} == {"setValues", "setRangeColor", "alert"}


def test_a_workbook_that_is_not_ours_gets_the_buttons_sentence(tmp_path):
    other = tmp_path / "别的表.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "不是自评表"
    wb.save(other)
    answer = hosts.run("calculate", payload_from_file(other, client="WPS"))
    assert not answer["ok"]
    assert "找不到名称" in answer["error"] and "Traceback" not in answer["error"]
    assert [a["func"] for a in answer["actions"]] == ["alert"]


def test_an_unknown_action_is_refused():
    answer = hosts.run("delete", payload_from_file(SEED, client="WPS"))
    assert answer == {"ok": False, "error": "网页没有“delete”这个操作。", "actions": []}


@pytest.mark.parametrize("action", ["add_project", "remove_project"])
def test_a_project_is_added_in_excel_or_with_the_cli_not_in_wps(action):
    from xlsrc.domain import text as T

    answer = hosts.run(action, payload_from_file(SEED, client="WPS"))
    assert answer == {"ok": False, "error": T.P_NOT_HERE_WPS, "actions": []}
    assert "xlsrc project add" in answer["error"]
