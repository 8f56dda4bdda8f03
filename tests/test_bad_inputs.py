"""Hostile but realistic inputs, through the CLI as a clerk runs it: exit code and Chinese message.

Each case builds its input in a fresh folder, runs `xlsrc.cli.main` in-process and checks the
exit code (0 done, 1 检查 found errors, 2 bad input) and a fragment of the message. No case may
print a traceback, and a command that fails leaves its input file byte for byte as it was.

    PYTHONPATH=. python tests/test_bad_inputs.py

prints the list of cases with what xlsrc answered, as markdown.
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from conftest import EXAMPLES
from hostile import (
    encrypted_workbook,
    many_parts,
    old_xls,
    replace_in_sheets,
    store_whole,
    zip_bomb,
    zipped,
)

from xlsrc import forms
from xlsrc.adapters.base import CELL_LIMIT
from xlsrc.adapters.openpyxl_file import OpenpyxlFile
from xlsrc.binding import Binding
from xlsrc.cli import main

# Each of the 80 hostile inputs runs a whole CLI command, most on a copy of an example workbook.
pytestmark = pytest.mark.slow

SEED = EXAMPLES / "seed000.xlsm"
NAME = "单位自评.xlsm"
RULES_TEXT = (
    Path(__file__).resolve().parent.parent / "xlsrc" / "rules" / "yueyang-2024.toml"
).read_text(encoding="utf-8")
MARK = 987654.125  # a number the file writer stores exactly, replaced in the sheet's XML


Build = Callable[[Path], Path | list[str]] | dict


@dataclass(frozen=True)
class Case:
    """One bad input: what it is, the command, how to make its input, what xlsrc must answer.

    `build` makes the input in a folder: a dict is cells typed into seed000; a function returns
    the workbook, or the rest of the command line (after the command, or all of it if the
    command is empty).
    """

    what: str
    command: str
    build: Build
    code: int
    fragment: str

    def make(self, folder: Path) -> list[str]:
        built = cells(folder, self.build) if isinstance(self.build, dict) else self.build(folder)
        rest = built if isinstance(built, list) else [str(built)]
        return [self.command, *rest] if self.command else rest


# -- building inputs


@functools.cache
def _where(field: str, row: int | None) -> tuple[str, int, int]:
    area = Binding(OpenpyxlFile(SEED)).where(field, row)
    return area.sheet, area.row, area.col


def seed(folder: Path, name: str = NAME) -> Path:
    path = folder / name
    shutil.copyfile(SEED, path)
    return path


def edit(folder: Path, change: Callable[[openpyxl.Workbook], None], name: str = NAME) -> Path:
    path = folder / name
    wb = openpyxl.load_workbook(SEED, keep_vba=True)
    change(wb)
    wb.save(path)
    return path


class Typed(str):
    """Text the clerk typed as text (Excel: a leading apostrophe), even if it starts with "="."""


def cells(folder: Path, values: dict, name: str = NAME) -> Path:
    """seed000 with {field or (field, indicator row): value} typed in; long text stored whole."""

    def change(wb: openpyxl.Workbook) -> None:
        for key, value in values.items():
            field, row = key if isinstance(key, tuple) else (key, None)
            sheet, r, c = _where(field, row)
            cell = wb[sheet].cell(r, c)
            if isinstance(value, str) and len(value) > CELL_LIMIT:
                store_whole(cell, value)
            else:
                cell.value = value
            if isinstance(value, Typed):
                cell.data_type = "s"

    return edit(folder, change, name)


def in_xml(folder: Path, field: str | tuple[str, int], written: str) -> Path:
    """A number cell whose XML holds `written`, as a program other than Excel may write it."""
    path = cells(folder, {field: MARK})
    replace_in_sheets(path, repr(MARK), written)
    return path


def raw(folder: Path, data: bytes, name: str = NAME) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def rules_file(folder: Path, text: str | bytes, name: str = "本地规则.toml") -> Path:
    path = folder / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def without_sheet(sheet: str) -> Callable[[openpyxl.Workbook], None]:
    return lambda wb: wb.remove(wb[sheet])


def without_name(name: str) -> Callable[[openpyxl.Workbook], None]:
    def change(wb: openpyxl.Workbook) -> None:
        del wb.defined_names[name]

    return change


def empty_indicators(wb: openpyxl.Workbook) -> None:
    table = forms.self_eval.INDICATORS
    sheet, row, col = _where("indicator.level1", 0)
    for r in range(row, row + table.rows):
        for c in range(col, col + len(table.columns)):
            wb[sheet].cell(r, c).value = None


def read_only(path: Path) -> Path:
    path.chmod(stat.S_IRUSR | stat.S_IRGRP)
    return path


# seed000's one error (E110): its unmet indicator with the reason the 定稿 needs.
EXPLAINED = {("indicator.deviation", 13): "受市场环境影响未完成，已制定整改措施。"}


def section(text: str) -> dict:
    """Report section 七 (存在的问题及原因分析) holding `text`, seed000's error mended."""
    return {**EXPLAINED, ("report.problems.text", None): text}


def owner_file(path: Path) -> Path:
    path.with_name("~$" + path.name).write_bytes(b"\x00" * 165)
    return path


LONG = "因疫情影响项目延期，正在整改。" * 2_700  # 40 500 characters pasted into one cell
SEED_SIZE = SEED.stat().st_size


def with_seed(*extra: str) -> Callable[[Path], list[str]]:
    """seed000 copied into the folder, then `extra` options ({d} is the folder)."""
    return lambda d: [str(seed(d)), *(e.format(d=d) for e in extra)]


def with_rules(text: str | bytes) -> Callable[[Path], list[str]]:
    """seed000 with --rules naming a rules file holding `text`."""
    return lambda d: [str(seed(d)), "--rules", str(rules_file(d, text))]


# -- the cases

W0, T0, A0 = ("indicator.weight", 0), ("indicator.target", 0), ("indicator.actual", 0)
BROKEN_TOML = RULES_TEXT.replace("[budget]", "[budget")
WRONG_SETTING = RULES_TEXT.replace("rate_places = 4", 'rate_places = "四"')
WORD = {"[Content_Types].xml": "", "word/document.xml": ""}
HTML = b"<html><table><tr><td>1</td></tr></table></html>"

# (what, command, build, exit code, fragment of the message); one case a line.
# fmt: off
CASES = [Case(*row) for row in (
    # Files that are not there or not workbooks.
    ("文件不存在", "calc", lambda d: d / "不存在.xlsm", 2, "找不到文件"),
    ("把文件夹当作工作簿", "calc", lambda d: d, 2, "是一个文件夹，不是工作簿"),
    ("空文件（0 字节）", "calc", lambda d: raw(d, b""), 2, "是空文件"),
    ("只下载了一半的工作簿", "check", lambda d: raw(d, SEED.read_bytes()[: SEED_SIZE // 2]), 2, "已损坏或不完整"),
    ("末尾少了几个字节的工作簿", "report", lambda d: raw(d, SEED.read_bytes()[:-10]), 2, "已损坏或不完整"),
    ("CSV 文件改名为 .xlsx", "calc", lambda d: raw(d, "年度,指标值\n2024,≥95%\n".encode(), "数据.xlsx"), 2, "而是文本文件"),
    ("GB18030 编码的 CSV 改名为 .xlsm", "check", lambda d: raw(d, "单位,预算\n某局,362.83\n".encode("gb18030")), 2, "而是文本文件"),
    ("业务系统导出的“xls”其实是网页", "calc", lambda d: raw(d, HTML, "导出.xls"), 2, "而是文本文件"),
    ("随机二进制数据", "calc", lambda d: raw(d, bytes(range(256)) * 8), 2, "不是 Excel 工作簿（"),
    ("旧版 Excel 97-2003 .xls", "calc", lambda d: raw(d, old_xls(), "单位自评.xls"), 2, "另存为"),
    ("旧版 .xls 定稿导出", "finalize", lambda d: raw(d, old_xls(), "单位自评.xls"), 2, "另存为"),
    ("设置了打开密码的工作簿：计算", "calc", lambda d: raw(d, encrypted_workbook()), 2, "受密码保护"),
    ("设置了打开密码的工作簿：检查", "check", lambda d: raw(d, encrypted_workbook()), 2, "删除密码"),
    ("设置了打开密码的工作簿：定稿导出", "finalize", lambda d: raw(d, encrypted_workbook()), 2, "受密码保护"),
    ("压缩包，但不是工作簿", "calc", lambda d: raw(d, zipped({"说明.txt": "x"})), 2, "是压缩包，但不是 Excel 工作簿"),
    ("Word 文档改名为 .xlsx", "check", lambda d: raw(d, zipped(WORD), "a.xlsx"), 2, "是 Word 文档"),
    ("解压后 1 GB 的 zip 炸弹：计算", "calc", lambda d: zip_bomb(d / NAME), 2, "解压后将有 1.0 GB"),
    ("解压后 1 GB 的 zip 炸弹：定稿导出", "finalize", lambda d: zip_bomb(d / NAME), 2, "不像正常的 Excel 工作簿"),
    ("内含 2 万个部件的压缩包", "check", lambda d: many_parts(d / NAME, 20_000), 2, "内含 20000 个部件"),
    ("工作簿的扩展名是 .txt", "calc", lambda d: seed(d, "单位自评.txt"), 2, "扩展名不是 .xlsx 或 .xlsm"),
    ("工作簿没有扩展名", "check", lambda d: seed(d, "单位自评"), 2, "扩展名不是 .xlsx 或 .xlsm"),
    ("数字单元格的 XML 里写着 NaN（其他程序生成）", "calc", lambda d: in_xml(d, "budget.total", "NaN"), 2, "无法打开"),
    # The workbook's layout.
    ("删除了“基础数据表”工作表", "calc", lambda d: edit(d, without_sheet("基础数据表")), 2, "工作簿中没有工作表“基础数据表”"),
    ("删除了“自评报告”工作表后生成报告", "report", lambda d: edit(d, without_sheet("自评报告")), 2, "工作簿中没有工作表“自评报告”"),
    ("删除了名称 xs_total", "calc", lambda d: edit(d, without_name("xs_total")), 2, "名称管理器"),
    ("删除了名称 xs_indicators", "check", lambda d: edit(d, without_name("xs_indicators")), 2, "找不到名称“xs_indicators”"),
    ("“评分规则”单元格写了没有安装的规则", "calc", {"workbook.rules": "广东省2024"}, 2, "评分规则“广东省2024”没有安装"),
    # What clerks type into the cells.
    ("分值写成文字“十分”", "check", {W0: "十分"}, 1, "分值“十分”应为数字"),
    ("分值是没有计算结果的公式", "calc", {W0: "=5*2"}, 2, "含公式“=5*2”，但文件中没有计算结果"),
    ("全年预算数是没有计算结果的公式", "check", {"budget.total": "=SUM(E7:E10)"}, 2, "单元格 D5 含公式"),
    ("指标表全部清空", "check", lambda d: edit(d, empty_indicators), 1, "分值合计为10，应为100"),
    ("分值合计不是 100", "check", {W0: 20}, 1, "分值合计为110，应为100"),
    ("全年预算数为负数", "check", {"budget.total": -362.83}, 1, "全年预算数为-362.83，应大于0"),
    ("全年预算数为 0", "check", {"budget.total": 0}, 1, "全年预算数为空或为0"),
    ("全年执行数为 0", "check", {"budget.spent": 0}, 1, "全年执行数为0，应大于0"),
    ("年初预算数为负数", "check", {"budget.initial": -326.96}, 1, "年初预算数为-326.96，应大于0"),
    ("指标分值为负数", "check", {W0: -10}, 1, "分值为-10，不能为负数"),
    ("适用的指标分值为 0", "check", {W0: 0}, 1, "分值为0：有年度指标值的指标分值应大于0"),
    ("预算执行率分值为负数", "check", {"budget.weight": -10}, 1, "预算执行率的分值为-10，不能为负数"),
    ("全年预算数 1e308", "check", {"budget.total": 1e308}, 1, "全年预算数“1e+308”数值过大"),
    ("全年执行数 -1e308", "check", {"budget.spent": -1e308}, 1, "全年执行数“-1e+308”数值过大"),
    ("分值 1e308 时计算得分", "calc", {W0: 1e308}, 0, "个错误，请运行 xlsrc check"),
    ("年度指标值在 XML 里是 1e999999（无穷大）", "check", lambda d: in_xml(d, T0, "1e999999"), 1, "年度指标值“inf”无法识别：不是有效的数字"),
    ("实际完成值在 XML 里是 -1e999999", "check", lambda d: in_xml(d, A0, "-1e999999"), 1, "实际完成值“-inf”无法识别"),
    ("人工评分 1e308", "check", {("indicator.manual", 3): 1e308}, 1, "人工评分“1e+308”数值过大"),
    ("全年预算数写成文字 1e999999", "check", {"budget.total": "1e999999"}, 1, "全年预算数“1e999999”应为数字"),
    ("基础数据表编制数 1e308", "check", {"base.staff_authorized": 1e308}, 1, "基础数据表编制数“1e+308”数值过大"),
    ("基础数据表三公经费写成 NaN", "check", {"expense.three_public.final": "NaN"}, 1, "基础数据表“三公经费”本年决算数“NaN”应为数字"),
    ("年度指标值“≥abc”", "check", {T0: "≥abc"}, 1, "年度指标值“≥abc”无法识别"),
    ("年度指标值与实际完成值单位不同", "check", {("indicator.actual", 8): "1万次"}, 1, "单位不一致"),
    ("定性档次写了下拉列表以外的文字", "check", {("indicator.band", 9): "很好"}, 1, "定性档次“很好”无法识别"),
    ("人工评分没有调整理由", "check", {("indicator.manual", 7): 9}, 1, "须填写调整理由"),
    ("全年执行数大于全年预算数", "check", {"budget.spent": 400}, 1, "超过100%"),
    ("三级指标为空", "check", {("indicator.level3", 0): None}, 1, "三级指标为空"),
    ("评价年度写成“二〇二四”", "calc", {"self.year": "二〇二四"}, 0, "计算完成"),
    # Text longer than a cell holds.
    ("偏差原因分析粘贴了 4 万字，生成报告", "report", {("indicator.deviation", 13): LONG}, 0, "处文字超过 Excel 单元格上限，已截断"),
    ("调整理由粘贴了 4 万字，计算得分", "calc", {("indicator.manual", 7): 9, ("indicator.reason", 7): LONG}, 0, "已截断并在末尾注明"),
    ("报告段落粘贴了 4 万字，定稿导出", "finalize", section(LONG), 2, "超过 Excel 单元格上限 32767 字"),
    ("报告段落粘贴了 4 万字，生成报告", "report", section(LONG), 0, "以下各节已由您修改，未覆盖：七、存在的问题及原因分析"),
    # Text that looks like a formula.
    ("单位名称是以“=”开头的文字，定稿导出", "finalize", {**EXPLAINED, "self.unit": Typed('=HYPERLINK("http://example.com")')}, 0, "已导出"),
    ("检查发现错误时定稿导出", "finalize", with_seed(), 1, "未导出定稿"),
    ("检查发现错误，仍要定稿导出", "finalize", with_seed("--force"), 0, "已导出"),
    ("报告段落是以“=”开头的文字，定稿导出", "finalize", section(Typed("=SUM(1,2) 以下为问题说明")), 0, "已导出"),
    # Rules files.
    ("--rules 写了不存在的规则名", "calc", with_seed("--rules", "guangdong-2024"), 2, "找不到评分规则“guangdong-2024”"),
    ("--rules 指向不存在的 .toml", "check", with_seed("--rules", "{d}/无.toml"), 2, "找不到评分规则"),
    ("规则文件 TOML 语法错误", "check", with_rules(BROKEN_TOML), 2, "行格式有误"),
    ("规则文件存成 GBK 编码", "calc", with_rules(RULES_TEXT.encode("gb18030")), 2, "不是 UTF-8 编码"),
    ("规则文件的设置值写错", "calc", with_rules(WRONG_SETTING), 2, "precision.rate_places 应为 0 到 6 的整数"),
    ("规则文件其实是一个文件夹", "report", lambda d: [str(seed(d)), "--rules", str(_folder(d / "规则.toml"))], 2, "找不到评分规则"),
    # Where the result goes.
    ("-o 指向文件夹", "calc", lambda d: [str(seed(d)), "-o", str(_folder(d / "结果"))], 2, "是一个文件夹，请在 -o 后写文件名"),
    ("-o 指向只读文件", "calc", lambda d: [str(seed(d)), "-o", str(read_only(seed(d, "只读.xlsm")))], 2, "是只读文件"),
    ("-o 指向不存在的文件夹", "calc", with_seed("-o", "{d}/没有此文件夹/结果.xlsm"), 2, "文件夹不存在"),
    ("-o 把含宏的工作簿存为 .xlsx", "calc", with_seed("-o", "{d}/结果.xlsx"), 2, "含宏，请保存为 .xlsm"),
    ("工作簿正在 Excel 中打开", "calc", lambda d: owner_file(seed(d)), 2, "正在 Excel 或 WPS 中打开"),
    ("原工作簿是只读文件", "report", lambda d: read_only(seed(d)), 2, "是只读文件"),
    ("定稿存为 .xlsm", "finalize", with_seed("-o", "{d}/定稿.xlsm"), 2, "定稿文件应为 .xlsx"),
    ("定稿要覆盖原工作簿", "finalize", lambda d: [str(_xlsx(d)), "-o", str(d / "单位自评.xlsx")], 2, "不能覆盖原工作簿"),
    ("定稿导出为 pdf", "finalize", with_seed("--format", "pdf"), 2, "不支持导出为“pdf”"),
    # The command line itself.
    ("没有写任何参数", "", lambda d: [], 2, "缺少参数 命令"),
    ("只写了命令，没写工作簿", "calc", lambda d: [], 2, "缺少参数 工作簿文件名"),
    ("命令写错（calculate）", "", lambda d: ["calculate", str(seed(d))], 2, "没有命令 'calculate'"),
    ("多写了不认识的选项", "calc", with_seed("--bogus"), 2, "无法识别的参数 --bogus"),
    ("-o 后面没写文件名", "check", with_seed("-o"), 2, "-o/--output 后面缺少值"),
)]
# fmt: on


def _folder(path: Path) -> Path:
    path.mkdir()
    return path


def _xlsx(folder: Path) -> Path:
    path = folder / "单位自评.xlsx"
    openpyxl.load_workbook(SEED).save(path)
    return path


# -- running a case


def run(
    case: Case, folder: Path, output: Callable[[], tuple[str, str]]
) -> tuple[list[str], int, str, str]:
    """Build the case's input in `folder`, run the CLI on it: (argv, exit code, stdout, stderr).

    `output` returns what the run printed (capsys in the tests). Asserts what holds for every
    case: no traceback, and a command that fails leaves its input file as it was (a check that
    found errors has written them into it).
    """
    argv = case.make(folder)
    source = Path(argv[1]) if len(argv) > 1 else None
    before = source.read_bytes() if source is not None and source.is_file() else None
    try:
        code = main(argv)
    except SystemExit as exit_:  # usage errors, as argparse ends them
        code = int(exit_.code or 0)
    out, err = output()
    for path in folder.rglob("*"):  # read-only files made for the case can be cleaned up
        with contextlib.suppress(OSError):
            path.chmod(path.stat().st_mode | stat.S_IWUSR)
    assert "Traceback" not in out + err
    marked = case.command == "check" and code == 1  # check writes its marks back, as told
    if code != 0 and not marked and source is not None and before is not None:
        assert source.read_bytes() == before, f"{case.what}: the input file changed"
    return argv, code, out, err


@pytest.fixture(autouse=True)
def logs(tmp_path, monkeypatch):
    monkeypatch.setenv("XLSRC_LOG_DIR", str(tmp_path / "logs"))


def test_there_are_at_least_sixty_cases_each_told_apart():
    assert len(CASES) >= 60
    assert len({c.what for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.what for c in CASES])
def test_a_bad_input_gets_its_exit_code_and_chinese_message(case, tmp_path, capsys):
    _, code, out, err = run(case, tmp_path, lambda: tuple(capsys.readouterr()))
    assert (code, case.fragment in out + err) == (case.code, True), out + err
    assert not (tmp_path / "logs").exists()  # no internal error was logged


def shown(text: str, folder: Path) -> str:
    """Text without the temporary folder's path."""
    return text.replace(f"{folder}{os.sep}", "").replace(str(folder), ".")


def markdown() -> str:
    """One line per case: the input, the command, and the exit code and line xlsrc answered."""
    rows = []
    for case in CASES:
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            os.environ["XLSRC_LOG_DIR"] = str(folder / "logs")
            stdout, stderr = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
                argv, code, out, err = run(
                    case, folder, lambda o=stdout, e=stderr: (o.getvalue(), e.getvalue())
                )
            lines = [x.strip() for x in (err + out).splitlines() if x.strip()]
            line = next((x for x in lines if case.fragment in x), lines[0] if lines else "")
            line = shown(line, folder)
            if len(line) > 240:
                line = line[:240] + "……"
            command = shown(" ".join(["xlsrc", *argv]), folder)
            rows.append(f"- {case.what}：`{command}` → 退出码 {code}，{line}")
    return "\n".join(rows)


if __name__ == "__main__":
    sys.stdout.write(markdown() + "\n")
