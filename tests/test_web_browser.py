"""The built page in a real headless Chromium: a clerk chooses seed 000's workbook, presses the
four buttons, reads the results and downloads the files; nothing leaves the page's origin.

The site is built once per session (`xlsrc build-web`, Pyodide and wheels from the cache or the
registries) and served on 127.0.0.1, as a bureau's intranet server would serve it.
"""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import browser
import pytest
from conftest import EXAMPLES

# Chromium and Pyodide on the built page.
pytestmark = pytest.mark.slow

SEED = EXAMPLES / "seed000.xlsm"

if browser.missing():
    if os.environ.get("CI"):
        raise RuntimeError(f"CI must install {browser.missing()} (see .ci/run)")
    pytest.skip(f"not installed: {', '.join(browser.missing())}", allow_module_level=True)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    from xlsrc import web

    out = tmp_path_factory.mktemp("site")
    web.build(out)
    return out


@pytest.fixture(scope="session")
def served(site):
    with browser.serve(site) as (url, paths):
        yield url, paths


@pytest.fixture(scope="session")
def shots(tmp_path_factory) -> Path:
    """Where screenshots go: XLSRC_SCREENSHOTS to keep them, else the session's temporary folder."""
    folder = os.environ.get("XLSRC_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        return Path(folder)
    return tmp_path_factory.mktemp("shots")


@pytest.fixture
def downloads(tmp_path) -> Path:
    folder = tmp_path / "downloads"
    folder.mkdir()
    return folder


@pytest.fixture
def page(served, downloads):
    url, _ = served
    with browser.chromium(downloads) as driver:
        driver.get(url)
        browser.wait_ready(driver)
        yield driver


def text(driver, css: str) -> str:
    return driver.find_element("css selector", css).text


def table(driver) -> list[list[str]]:
    rows = driver.find_elements("css selector", "#problems tbody tr")
    return [[td.text for td in row.find_elements("css selector", "td")] for row in rows]


def cpython(action: str, source: Path, tmp: Path, **kw) -> dict:
    """What the page's Python answers in CPython for the same file: the expectation."""
    from xlsrc.web import page

    copy = tmp / "cpython" / source.name
    copy.parent.mkdir(exist_ok=True)
    shutil.copy(source, copy)
    return page.run(action, str(copy), **kw)


def test_calculate_shows_seed_000s_score_and_downloads_the_scored_workbook(
    page, downloads, tmp_path
):
    from xlsrc.adapters.openpyxl_file import OpenpyxlFile
    from xlsrc.binding import Binding

    browser.choose(page, SEED)
    assert "岳阳城陵矶综合保税区" in text(page, "#opened")
    browser.press(page, "calculate")
    assert text(page, "#total") == "94.16"
    assert text(page, "#grade") == "优"
    assert "总分 94.16 分" in text(page, "#message")

    page.find_element("css selector", "a.download[data-kind=workbook]").click()
    got = browser.wait_download(downloads, ".xlsm")
    assert got.name == SEED.name
    with zipfile.ZipFile(got) as z:
        assert "xl/vbaProject.bin" in z.namelist()  # the clerk's macros survive

    # The score cells hold numbers, the same as the CLI's calc writes into the same file.
    scored = Binding(OpenpyxlFile(got))
    assert scored.value("form.total") == pytest.approx(94.16)
    assert scored.value("form.grade") == "优"
    expected = tmp_path / "cli.xlsm"
    from xlsrc.cli import main

    assert main(["calc", str(SEED), "-o", str(expected)]) == 0
    want = Binding(OpenpyxlFile(expected))
    scores = [r["score"] for r in scored.rows("indicator")]
    assert [r["score"] for r in want.rows("indicator")] == scores
    assert sum(isinstance(s, (int, float)) for s in scores) >= 14


def test_check_lists_each_problem_with_sheet_and_cell(page, tmp_path):
    browser.choose(page, SEED)
    browser.press(page, "check")
    assert "检查完成：1 个错误，1 个警告" in text(page, "#message")
    rows = table(page)
    expected = cpython("check", SEED, tmp_path)["problems"]
    assert rows == [
        [str(p["number"]), p["severity"], p["sheet"], p["cell"], p["message"]] for p in expected
    ]
    assert ["2", "错误", "自评表", "I27", "未完成指标值，须填写偏差原因及改进措施"] in rows


def test_report_shows_the_generated_sections(page):
    browser.choose(page, SEED)
    browser.press(page, "report")
    assert "已生成 7 节报告正文" in text(page, "#message")
    report = text(page, "#sections")
    assert "二、一般公共预算支出情况" in report
    assert "2024年本单位部门预算资金362.83" in report
    assert "十、其他需要说明的情况" in report


def test_finalize_asks_first_then_downloads_a_macro_free_xlsx(page, downloads):
    from openpyxl import load_workbook

    browser.choose(page, SEED)
    browser.press(page, "finalize")  # seed 000 has one error: refused until the clerk insists
    assert "检查发现 1 个错误" in text(page, "#error")
    assert page.find_element("id", "force").is_displayed()
    assert not page.find_elements("css selector", "a.download")
    assert ["2", "错误", "自评表", "I27", "未完成指标值，须填写偏差原因及改进措施"] in table(page)

    browser.press(page, "finalize", selector="#force")
    assert "已导出不含宏的定稿文件" in text(page, "#message")
    page.find_element("css selector", "a.download[data-kind=finished]").click()
    got = browser.wait_download(downloads, ".xlsx")
    assert got.name == "2024部门整体支出绩效自评-岳阳城陵矶综合保税区管理委员会本级.xlsx"
    with zipfile.ZipFile(got) as z:
        assert not [n for n in z.namelist() if "vba" in n.lower()]
        assert b"macroEnabled" not in z.read("[Content_Types].xml")
    book = load_workbook(got)
    assert "自评表" in book.sheetnames
    assert "校验结果" not in book.sheetnames


def test_bad_files_get_the_clis_sentence_and_no_buttons(page, tmp_path):
    not_a_workbook = tmp_path / "名单.xlsx"
    not_a_workbook.write_text("姓名,电话\n张三,123\n", encoding="utf-8")
    broken = tmp_path / "半截.xlsm"
    broken.write_bytes(SEED.read_bytes()[:40000])
    foreign = tmp_path / "别的表.xlsx"
    from openpyxl import Workbook

    other = Workbook()
    other.active["A1"] = "不是自评表"
    other.save(foreign)

    from xlsrc.web import page as py_page

    for bad in (not_a_workbook, broken, foreign):
        browser.choose(page, bad)
        shown = text(page, "#error")
        assert shown.startswith("错误：")
        assert bad.name in shown or "自评" in shown, shown
        assert shown == py_page.open_workbook(str(bad))["error"]
        assert not page.find_element("css selector", "[data-action=calculate]").is_enabled()
        assert "Traceback" not in page.page_source

    # A good file after a bad one works again.
    browser.choose(page, SEED)
    assert not page.find_element("id", "error").is_displayed()
    browser.press(page, "calculate")
    assert text(page, "#total") == "94.16"


def test_a_workbook_saved_by_libreoffice_scores_as_in_the_cli(page, tmp_path):
    import lo

    saved = lo.convert_to([SEED], tmp_path / "lo", tmp_path / "profile", _XLSX, ".xlsx")[0]
    browser.choose(page, saved)
    browser.press(page, "calculate")
    expected = cpython("calculate", saved, tmp_path)
    assert expected["ok"], expected
    assert text(page, "#total") == expected["total"] == "94.16"
    assert text(page, "#grade") == expected["grade"]


_XLSX = "xlsx:Calc MS Excel 2007 XML"


def test_nothing_is_requested_from_another_origin(served, downloads, tmp_path):
    url, paths = served
    netlog = tmp_path / "netlog.json"
    with browser.chromium(downloads, netlog=netlog) as driver:
        driver.get(url)
        browser.wait_ready(driver)
        browser.choose(driver, SEED)
        for action in ("calculate", "check", "report"):
            browser.press(driver, action)
        browser.press(driver, "finalize")
        browser.press(driver, "finalize", selector="#force")
        driver.find_element("css selector", "a.download").click()
        browser.wait_download(downloads, ".xlsx")
        document = browser.requested_urls(driver)
    # The document's own requests (CDP): only its origin.
    assert url in document
    assert browser.foreign(document, url) == []
    # The browser's network log (written on quit) has the worker's requests too; the page's
    # requests all go to its origin. The log must hold the worker's, or this proves nothing.
    mine = [r["url"] for r in browser.of_page(browser.netlog_requests(netlog), url)]
    assert url + "pyodide/pyodide.asm.wasm" in mine
    assert any(u.startswith(url + "wheels/xlsrc-") for u in mine)
    assert browser.foreign(mine, url) == []
    assert "/site.json" in paths


@pytest.mark.parametrize("width", [1200, 390])
def test_screenshot_of_the_results(served, tmp_path, shots, width):
    url, _ = served
    with browser.chromium(tmp_path, width=width, height=1600) as driver:
        driver.get(url)
        browser.wait_ready(driver)
        browser.choose(driver, SEED)
        browser.press(driver, "check")
        # Nothing is wider than the window, at a phone's width too.
        overflow = driver.execute_script(
            "return document.documentElement.scrollWidth - window.innerWidth"
        )
        assert overflow <= 0
        shot = shots / f"web-check-{width}.png"
        driver.save_screenshot(str(shot))
        browser.press(driver, "report")
        driver.save_screenshot(str(shots / f"web-report-{width}.png"))
        browser.press(driver, "finalize")
        driver.save_screenshot(str(shots / f"web-refused-{width}.png"))
    assert shot.stat().st_size > 10_000


def test_the_network_check_would_catch_a_leak(site, tmp_path):
    """A copy of the site whose page and worker reach another origin (another loopback
    address, so nothing leaves the machine): both requests are found."""
    leaky = tmp_path / "leaky"
    shutil.copytree(site, leaky)
    index = leaky / "index.html"
    index.write_text(
        index.read_text(encoding="utf-8").replace(
            "</main>", '<img src="http://127.0.0.2:9/page.png" alt=""></main>'
        ),
        encoding="utf-8",
    )
    worker = leaky / "worker.js"
    worker.write_text(
        'fetch("http://127.0.0.2:9/worker.json").catch(() => {});\n'
        + worker.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    # The page's own policy would block the image; the leak must reach the network to be seen.
    index.write_text(
        index.read_text(encoding="utf-8").replace("img-src 'self'", "img-src *"),
        encoding="utf-8",
    )
    netlog = tmp_path / "netlog.json"
    with browser.serve(leaky) as (url, _), browser.chromium(tmp_path, netlog=netlog) as driver:
        driver.get(url)
        browser.wait_ready(driver)
        document = browser.requested_urls(driver)
    mine = [r["url"] for r in browser.of_page(browser.netlog_requests(netlog), url)]
    assert browser.foreign(document, url) == ["http://127.0.0.2:9/page.png"]
    assert sorted(browser.foreign(mine, url)) == [
        "http://127.0.0.2:9/page.png",
        "http://127.0.0.2:9/worker.json",
    ]


def test_opened_as_a_file_the_page_says_to_use_a_server(site, tmp_path):
    with browser.chromium(tmp_path) as driver:
        driver.get((site / "index.html").as_uri())
        with pytest.raises(AssertionError, match="请通过网址打开本页面"):
            browser.wait_ready(driver, timeout=30)
        assert not driver.find_element("css selector", "[data-action=calculate]").is_enabled()


def test_each_project_is_shown_with_its_total_and_grade_and_its_problems_listed(
    page, tmp_path, shots
):
    import project_book

    book = project_book.make(tmp_path / "三个项目.xlsm")
    browser.choose(page, book)
    browser.press(page, "calculate")
    expected = cpython("calculate", book, tmp_path)
    rows = page.find_elements("css selector", "#projects tbody tr")
    shown = [[td.text for td in row.find_elements("css selector", "td")] for row in rows]
    assert shown == [[p["name"], p["total"], p["grade"]] for p in expected["projects"]]
    assert [r[0] for r in shown] == [p.name for p in project_book.PLANNED]
    assert text(page, "#total") == expected["total"]  # the 自评表's, as before

    browser.press(page, "check")
    page.save_screenshot(str(shots / "projects.png"))
    assert page.find_element("id", "projects").is_displayed()
    sheets = {r[2] for r in table(page)}
    assert {p.name for p in project_book.PLANNED[::2]} <= sheets  # their own sheets' problems

    browser.choose(page, SEED)  # a workbook without projects shows no project table
    browser.press(page, "calculate")
    assert not page.find_element("id", "projects").is_displayed()
