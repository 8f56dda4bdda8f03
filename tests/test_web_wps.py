"""The WPS add-in `xlsrc build-web` writes (wps/), in headless Chromium against a stand-in for
WPS's object model (tests/wps_mock.js) that holds a real workbook's values, number formats,
fills and names, generated here from the file. The pane's four buttons write exactly the cells
and fills `xlsrc calc/check/report` write, never an input cell; 定稿导出 saves through the host
and writes the CLI's 定稿 beside the workbook.

No WPS runs here: the mock models only the documented calls main.js makes
(Application.ActiveWorkbook, Worksheets, Names, UsedRange, Range(...).Value2, NumberFormat,
Interior.Color, Save; wps.PluginStorage, CreateTaskPane, FileSystem).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import browser
import openpyxl
import pytest
from conftest import EXAMPLES
from openpyxl.utils.datetime import to_excel
from test_usecases import all_fills, input_cells

from xlsrc import web
from xlsrc.cli import main as cli
from xlsrc.web import hosts

MOCK = Path(__file__).with_name("wps_mock.js")
FOLDER = "/home/clerk/绩效自评"  # where the mock says the clerk's workbook is saved

pytestmark = pytest.mark.slow

if browser.missing():
    if os.environ.get("CI"):
        raise RuntimeError(f"CI must install {browser.missing()} (see .ci/run)")
    pytest.skip(f"not installed: {', '.join(browser.missing())}", allow_module_level=True)


# -- the mock's workbook, from the file


def _value2(v: object) -> object:
    """A cell's value as ET's Value2 gives it: dates are serial numbers."""
    if isinstance(v, (dt.datetime, dt.date)):
        return to_excel(v)
    if isinstance(v, dt.time):
        return to_excel(v)
    return v


def _bgr(rgb: str) -> int:
    n = int(rgb, 16)
    return ((n & 0xFF) << 16) | (n & 0xFF00) | ((n >> 16) & 0xFF)


def describe(path: Path) -> dict:
    """What WPS would show of the workbook at `path`: cached values, formats, fills, names."""
    values = openpyxl.load_workbook(path, data_only=True)
    styled = openpyxl.load_workbook(path)
    fills = all_fills(path)
    sheets = []
    for ws in values.worksheets:
        cells, formats = {}, {}
        for row in styled[ws.title].iter_rows():
            for c in row:
                v = ws.cell(c.row, c.column).value
                if v is not None:
                    cells[f"{c.row},{c.column}"] = _value2(v)
                if c.number_format != "General":
                    formats[f"{c.row},{c.column}"] = c.number_format
        sheets.append(
            {
                "name": ws.title,
                "rows": ws.max_row,
                "cols": ws.max_column,
                "cells": cells,
                "formats": formats,
                "fills": {
                    f"{r},{c}": _bgr(rgb) for (s, r, c), rgb in fills.items() if s == ws.title
                },
            }
        )
    names = [
        {"name": name, "refers_to": "=" + defined.attr_text}
        for name, defined in values.defined_names.items()
    ]
    return {
        "name": path.name,
        "path": FOLDER,
        "full_name": f"{FOLDER}/{path.name}",
        "active": 0,
        "sheets": sheets,
        "names": names,
        "file": base64.b64encode(path.read_bytes()).decode("ascii"),
    }


# -- what the mock holds after the buttons, as the CLI's files would show it


def mock_values(dump: dict) -> dict[tuple[str, int, int], object]:
    return {
        (s["name"], *map(int, k.split(","))): v
        for s in dump["sheets"]
        for k, v in s["cells"].items()
        if v is not None
    }


def mock_fills(dump: dict) -> dict[tuple[str, int, int], str]:
    out = {}
    for s in dump["sheets"]:
        for k, bgr in s["fills"].items():
            rgb = ((bgr & 0xFF) << 16) | (bgr & 0xFF00) | ((bgr >> 16) & 0xFF)
            out[(s["name"], *map(int, k.split(",")))] = f"{rgb:06X}"
    return out


def file_values(path: Path, original: Path) -> dict[tuple[str, int, int], object]:
    """The CLI's result as WPS would show it: written cells as written, formulas (which the
    CLI never writes) with the original file's cached values."""
    wb = openpyxl.load_workbook(path)
    cached = openpyxl.load_workbook(original, data_only=True)
    out = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                v = c.value
                if isinstance(v, str) and v.startswith("="):
                    v = cached[ws.title].cell(c.row, c.column).value
                if v is not None:
                    out[(ws.title, c.row, c.column)] = _value2(v)
    return out


def written(dump: dict) -> set[tuple[str, int, int]]:
    """The cells whose values the add-in wrote (检查 also fills input cells: its flags)."""
    return {tuple(x) for x in dump["log"]["values"]}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    site = tmp_path_factory.mktemp("site")
    web.build(site, base_url="http://127.0.0.1:8000/")
    with browser.serve(site) as (url, _):
        yield site, url


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = os.environ.get("XLSRC_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        return Path(folder)
    return tmp_path_factory.mktemp("shots")


def open_pane(driver, url: str, seed: Path) -> None:
    source = "window.__ET_BOOK = " + json.dumps(describe(seed), ensure_ascii=False) + ";\n"
    source += MOCK.read_text(encoding="utf-8")
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": source})
    driver.get(url + "wps/taskpane.html")
    browser.wait_for(driver, "document.body.dataset.ready === 'true'")


def press(driver, selector: str) -> None:
    count = int(driver.execute_script("return document.body.dataset.answers || 0"))
    driver.find_element("css selector", selector).click()
    browser.wait_for(driver, f"Number(document.body.dataset.answers || 0) > {count}")


def text(driver, css: str) -> str:
    return driver.find_element("css selector", css).text


def dump(driver) -> dict:
    return driver.execute_script("return window.__et.dump()")


@pytest.fixture(scope="module")
def typed(tmp_path_factory) -> Path:
    """Seed 000 with indicator values typed the Excel way into General cells by LibreOffice
    (99.5% is 0.995 shown as a percentage, 2024-12-20 a date): they score as the CLI scores
    them only if main.js sends the number formats and dates as WPS shows them."""
    import lo
    from test_typed_values import ACTUAL, SELF, TARGET, TYPED

    tmp = tmp_path_factory.mktemp("typed")
    edits = []
    for row, target, actual in TYPED:
        for col, value in ((TARGET, target), (ACTUAL, actual)):
            edits += [("general", SELF, f"{col}{row}"), ("type", SELF, f"{col}{row}", value)]
    out = tmp / "typed.xlsm"
    lo.edit([(EXAMPLES / "seed000.xlsm", out, edits)], tmp / "profile")
    return out


@pytest.mark.parametrize("seed", ["seed000", "seed002", "typed"])
def test_the_four_buttons_write_what_the_cli_writes(served, seed, tmp_path, shots, request):
    site, url = served
    source = request.getfixturevalue("typed") if seed == "typed" else EXAMPLES / f"{seed}.xlsm"
    if seed == "typed":  # the fixture is what a clerk typed: numbers with formats, dates
        sheet = openpyxl.load_workbook(source)["自评表"]
        assert isinstance(sheet["F17"].value, float) and "%" in sheet["F17"].number_format
        assert isinstance(sheet["F20"].value, dt.datetime)
    inputs = {k for k in input_cells(source)}
    expected_values = file_values(source, source)
    assert (
        mock_values({"sheets": describe(source)["sheets"]}) == expected_values
    )  # the mock is the file

    # The CLI, one button after the other on one copy, as the clerk clicks them.
    cli_file = tmp_path / source.name
    shutil.copy(source, cli_file)
    with browser.chromium(tmp_path, width=420, height=1400) as driver:
        open_pane(driver, url, source)
        for action, command in (("calculate", "calc"), ("check", "check"), ("report", "report")):
            assert cli([command, str(cli_file), "-o", str(cli_file)]) in (0, 1)
            press(driver, f"[data-action={action}]")
            assert not driver.find_element("id", "error").is_displayed(), text(driver, "#error")
            state = dump(driver)
            assert mock_values(state) == file_values(cli_file, source), action
            assert mock_fills(state) == all_fills(cli_file), action
            if action != "report":  # 生成报告 fills the report's blank sections, as the CLI does
                assert not written(state) & inputs, action
            if action == "check":
                driver.save_screenshot(str(shots / f"wps-pane-check-{seed}.png"))
        assert text(driver, "#total") != "—"

        # 定稿导出: refused while 检查 finds errors, until the clerk insists; then saved
        # through WPS and the 定稿 written beside the workbook.
        press(driver, "[data-action=finalize]")
        state = dump(driver)
        errors = driver.execute_script(
            "return document.querySelectorAll('#problems tr.error').length"
        )
        if errors:
            assert "仍然导出" in text(driver, "#force")
            assert state["log"]["saves"] == 0 and state["files"] == {}
            driver.save_screenshot(str(shots / f"wps-pane-refused-{seed}.png"))
            press(driver, "#force")
        state = dump(driver)
        assert not driver.find_element("id", "error").is_displayed(), text(driver, "#error")
        assert state["log"]["saves"] == 1
        [(path, data)] = state["files"].items()
        cli_finished = tmp_path / "cli-定稿.xlsx"
        assert cli(["finalize", str(source), "--force", "-o", str(cli_finished)]) in (0, 1)
        assert path == f"{FOLDER}/{cli_finished.name}" or path.startswith(FOLDER + "/")
        got = tmp_path / "wps-定稿.xlsx"
        got.write_bytes(base64.b64decode(data))
        assert file_values(got, got) == file_values(cli_finished, cli_finished)
        assert "已导出不含宏的定稿文件" in text(driver, "#message")
        assert path in text(driver, "#message")
        driver.save_screenshot(str(shots / f"wps-pane-finalized-{seed}.png"))


def test_a_ribbon_button_opens_the_pane_and_runs_there(served, tmp_path):
    _, url = served
    with browser.chromium(tmp_path, width=420, height=900) as driver:
        open_pane(driver, url, EXAMPLES / "seed000.xlsm")
        count = int(driver.execute_script("return document.body.dataset.answers || 0"))
        assert driver.execute_script("return OnAction({Id: 'xlsrc.calculate'})") is True
        browser.wait_for(driver, f"Number(document.body.dataset.answers || 0) > {count}")
        state = dump(driver)
        assert state["log"]["panes"] == [url + "wps/taskpane.html"]
        assert state["pressed"] is None  # taken by the pane
        assert text(driver, "#total") == "94.16"
        # A second press shows the same pane again.
        driver.execute_script("OnAction({Id: 'xlsrc.check'})")
        browser.wait_for(driver, "document.body.dataset.last === 'check'")
        assert dump(driver)["log"]["panes"] == [url + "wps/taskpane.html"]


def test_the_ribbon_has_the_buttons_in_chinese_and_main_js_their_callbacks(served):
    site, _ = served
    ribbon = ET.parse(site / "wps" / "ribbon.xml").getroot()
    ns = {"ui": "http://schemas.microsoft.com/office/2006/01/customui"}
    buttons = ribbon.findall(".//ui:button", ns)
    assert [b.get("label") for b in buttons] == [
        "计算得分",
        "检查",
        "生成报告",
        "定稿导出",
        "添加项目",
        "删除项目",
    ]
    assert [b.get("id") for b in buttons] == [f"xlsrc.{a}" for a in hosts.ACTIONS]
    main = (site / "wps" / "main.js").read_text(encoding="utf-8")
    for callback in {ribbon.get("onLoad"), *(b.get("onAction") for b in buttons)}:
        assert f"function {callback}(" in main
    plugins = ET.parse(site / "wps" / "jsplugins.xml").getroot()
    [entry] = plugins.findall("jspluginonline")
    assert (entry.get("type"), entry.get("url")) == ("et", "http://127.0.0.1:8000/wps/")
    # WPS makes the add-in's own index.html: the site must not bring one into wps/.
    assert not (site / "wps" / "index.html").exists()
