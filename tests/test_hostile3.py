"""Hostile input, round three: one verdict on a package for every reader, renamed sheets,
symbolic links, control characters, long names, the command line's last English, and
cells typed outside a form. Every hostile file is built here from an example workbook."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from conftest import EXAMPLES, ROOT
from hostile import ole_file, package_parts, zipped

from xlsrc import files, safety
from xlsrc.cli import main
from xlsrc.collect import read_entry
from xlsrc.domain import text as T
from xlsrc.domain.controls import decoded, for_document, for_terminal
from xlsrc.domain.summary import Skipped
from xlsrc.errors import InputError
from xlsrc.readers import read_found
from xlsrc.web import page

SEED = EXAMPLES / "seed000.xlsm"
SELF_PART = "xl/worksheets/sheet3.xml"  # the 自评表 of the examples
UNIT = "岳阳城陵矶综合保税区管理委员会本级"


@pytest.fixture(autouse=True)
def logs(tmp_path, monkeypatch):
    monkeypatch.setenv("XLSRC_LOG_DIR", str(tmp_path / "logs"))
    yield
    assert not (tmp_path / "logs").exists(), "an internal error was logged"


def parts() -> dict[str, bytes]:
    return package_parts(SEED.read_bytes())


def write(path: Path, members: dict[str, bytes], *, twice: str | None = None) -> Path:
    """The package of `members` (deflated); `twice` names a part stored a second time, changed."""
    if twice is None:
        path.write_bytes(zipped(members, zipfile.ZIP_DEFLATED))
        return path
    out = io.BytesIO()
    with pytest.warns(UserWarning, match="Duplicate name"), zipfile.ZipFile(out, "w") as z:
        for name, body in members.items():
            z.writestr(name, body)
            if name == twice:
                z.writestr(name, body.replace(b"362.83", b"999"))
    path.write_bytes(out.getvalue())
    return path


def changed(path: Path, part: str, change) -> Path:  # type: ignore[no-untyped-def]
    members = parts()
    members[part] = change(members[part])
    return write(path, members)


def with_dtd(body: bytes, dtd: str, use: str = "") -> bytes:
    head = body.index(b"?>") + 2
    text = body[head:].decode()
    if use:
        text = text.replace(UNIT, use + UNIT, 1)
    return body[:head] + dtd.encode() + text.encode()


BOMB = (
    '<!DOCTYPE sst [<!ENTITY a "AAAAAAAAAA">'
    + "".join(
        f'<!ENTITY {n} "{("&" + p + ";") * 10}">'
        for p, n in zip("abcdefgh", "bcdefghi", strict=True)
    )
    + "]>"
)
EXTERNAL = '<!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]>'


def cli(argv: list[str], capsys) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    try:
        code = main(argv)
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out + err


def skipped(path: Path) -> str:
    entry = read_entry(path, path.parent)
    assert isinstance(entry, Skipped), entry
    return entry.reason


def calc_says(path: Path, capsys) -> str:  # type: ignore[no-untyped-def]
    before = path.read_bytes()
    code, said = cli(["calc", str(path)], capsys)
    assert code == 2 and path.read_bytes() == before
    return said.removeprefix("错误：").strip()


# -- one verdict for every reader


def test_a_sheet_cut_short_is_refused_by_calc_collect_import_and_the_page_alike(tmp_path, capsys):
    path = changed(tmp_path / "单位.xlsm", SELF_PART, lambda b: b[:-200])
    said = calc_says(path, capsys)
    assert said.startswith("“单位.xlsm”已损坏：工作表“自评表”（xl/worksheets/sheet3.xml）")
    assert "单元格 I56 之后" in said and "unclosed token" in said
    assert skipped(path) == said  # collect summed it as a unit before
    with pytest.raises(InputError) as info:
        read_found(path)
    assert str(info.value) == said
    assert page.open_workbook(str(path)) == {"ok": False, "error": f"错误：{said}"}
    for command in ("check", "report", "finalize", "audit"):
        assert cli([command, str(path)], capsys) == (2, f"错误：{said}\n")


def test_two_entries_of_one_sheet_are_refused_everywhere(tmp_path, capsys):
    path = write(tmp_path / "单位.xlsm", parts(), twice=SELF_PART)
    said = calc_says(path, capsys)
    assert said == T.S_DUPLICATE_PART.format(name="单位.xlsm", part=SELF_PART, count=2)
    assert skipped(path) == said


@pytest.mark.parametrize(
    ("part", "dtd", "use", "where"),
    [
        (SELF_PART, EXTERNAL, "", "工作表“自评表”（xl/worksheets/sheet3.xml）"),
        ("xl/sharedStrings.xml", BOMB, "&i;", "部件“xl/sharedStrings.xml”"),
        (
            "xl/sharedStrings.xml",
            EXTERNAL.replace("worksheet", "sst"),
            "&x;",
            "部件“xl/sharedStrings.xml”",
        ),
        (
            SELF_PART,
            '<!DOCTYPE worksheet [<!ENTITY % p SYSTEM "http://example.com/p.dtd"> %p;]>',
            "",
            "工作表“自评表”",
        ),
    ],
    ids=["external-in-sheet", "bomb-in-strings", "external-in-strings", "parameter-entity"],
)
def test_entities_are_refused_before_any_reader_expands_them(
    tmp_path, capsys, part, dtd, use, where
):
    path = changed(tmp_path / "单位.xlsm", part, lambda b: with_dtd(b, dtd, use))
    said = calc_says(path, capsys)
    assert said.startswith(f"“单位.xlsm”的{where}") and "文档类型声明" in said
    assert skipped(path) == said


def test_a_string_index_past_the_table_names_the_sheet_and_cell(tmp_path, capsys):
    def past(body: bytes) -> bytes:
        text = body.decode()
        at = text.index('<c r="C3"')
        value = text.index("<v>", at) + 3
        return (text[:value] + "99999" + text[text.index("</v>", value) :]).encode()

    path = changed(tmp_path / "单位.xlsm", SELF_PART, past)
    said = calc_says(path, capsys)
    assert said.startswith(
        "“单位.xlsm”已损坏：工作表“自评表”的单元格 C3 引用编号为 99999 的共享文本"
    )
    assert skipped(path) == said


def test_a_sixty_megabyte_custom_property_is_refused_naming_the_part(tmp_path, capsys):
    members = parts()
    members["docProps/custom.xml"] = (
        b'<?xml version="1.0"?><Properties><property name="x"><lpwstr>'
        + os.urandom(30 * 2**20).hex().encode()
        + b"</lpwstr></property></Properties>"
    )
    path = tmp_path / "单位.xlsm"
    path.write_bytes(zipped(members))  # stored: no ratio gives it away
    said = calc_says(path, capsys)
    assert said.startswith("“单位.xlsm”中的文档属性部件“docProps/custom.xml”有 60 MB")
    assert skipped(path) == said


def test_a_missing_sheet_part_is_named_and_collect_says_the_same(tmp_path, capsys):
    members = parts()
    del members[SELF_PART]
    path = write(tmp_path / "单位.xlsm", members)
    said = calc_says(path, capsys)
    assert said == T.S_SHEET_MISSING.format(name="单位.xlsm", sheet="自评表", part=SELF_PART)
    assert skipped(path) == said  # was "无法打开…：自评表。"


@pytest.mark.parametrize(
    ("streams", "kind"),
    [
        ({"WordDocument": b"x", "1Table": b""}, T.S_KIND_WORD_OLD),
        ({"PowerPoint Document": b"x"}, T.S_KIND_POWERPOINT_OLD),
        ({"__properties_version1.0": b"x", "__substg1.0_0037001F": b""}, T.S_KIND_MAIL),
        ({"Contents": b"x"}, T.S_KIND_OLE),
    ],
    ids=["word", "powerpoint", "outlook", "other"],
)
def test_an_xls_that_is_another_ole_file_is_named_as_what_it_is(tmp_path, capsys, streams, kind):
    path = tmp_path / "单位.xls"
    path.write_bytes(ole_file(streams))
    said = T.S_OLE_NOT_WORKBOOK.format(name="单位.xls", kind=kind)
    assert skipped(path) == said  # was "Cannot detect file format"
    for command in ("import", "audit"):
        extra = ["-o", str(tmp_path / "x.xlsm")] if command == "import" else []
        assert cli([command, str(path), *extra], capsys) == (2, f"错误：{said}\n")


def test_the_examples_and_an_old_xls_still_pass():
    for path in EXAMPLES.glob("*.xlsm"):
        safety.check_workbook(path.read_bytes(), path.name)
    from hostile import old_xls

    safety.check_any_workbook(old_xls(), "a.xls")


# -- a renamed 自评表


def renamed(path: Path) -> Path:
    """seed000 with 自评表 renamed "2024年自评表" and every reference moved, as Excel does."""
    members = {}
    for name, body in parts().items():
        if name.startswith("xl/") and name.endswith(".xml"):
            text = body.decode()
            text = text.replace('<sheet name="自评表"', '<sheet name="2024年自评表"')
            text = text.replace("'自评表'!", "'2024年自评表'!").replace(
                ">自评表!", ">'2024年自评表'!"
            )
            body = text.encode()
        members[name] = body
    return write(path, members)


@pytest.mark.slow
def test_a_renamed_self_evaluation_sheet_finalizes_and_reports(tmp_path, capsys):
    path = renamed(tmp_path / "单位.xlsm")
    code, said = cli(["finalize", "--force", str(path)], capsys)
    assert code == 0, said
    finished = tmp_path / f"2024部门整体支出绩效自评-{UNIT}.xlsx"
    wb = openpyxl.load_workbook(finished)
    assert wb["自评表"]["C3"].value == UNIT and "2024年自评表!I27" in said
    code, said = cli(["report", str(path), "--docx"], capsys)
    assert code == 0, said
    report = docx.Document(tmp_path / f"2024部门整体支出绩效自评报告-{UNIT}.docx")
    assert any("94.16" in c.text for t in report.tables for r in t.rows for c in r.cells)


# -- symbolic links


def test_an_in_place_save_through_a_link_updates_the_file_it_points_to(tmp_path, capsys):
    real = tmp_path / "真" / "单位.xlsm"
    real.parent.mkdir()
    real.write_bytes(SEED.read_bytes())
    link = tmp_path / "link.xlsm"
    link.symlink_to(real)
    assert cli(["calc", str(link)], capsys)[0] == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes() != SEED.read_bytes()
    assert (real.parent / ".xlsrc-backup" / "单位.xlsm").read_bytes() == SEED.read_bytes()
    assert not list(tmp_path.glob("*.xlsrc-tmp")) and not (tmp_path / ".xlsrc-backup").exists()


def test_a_lock_file_made_a_link_is_never_followed(tmp_path, capsys):
    path = tmp_path / "单位.xlsm"
    path.write_bytes(SEED.read_bytes())
    victim = tmp_path / "victim.txt"
    victim.write_text("keep")
    files.lock_path(path).symlink_to(victim)
    code, said = cli(["calc", str(path)], capsys)
    assert code == 2 and "不是普通文件（是符号链接或文件夹），xlsrc 不会跟随或改动它" in said
    assert victim.read_text() == "keep" and path.read_bytes() == SEED.read_bytes()


# -- control characters


def escaped_unit(folder: Path, name: str, prefix: str) -> Path:
    def put(body: bytes) -> bytes:
        return body.replace(UNIT.encode(), (prefix + UNIT).encode(), 1)

    return changed(folder / name, "xl/sharedStrings.xml", put)


def test_a_unit_named_with_escape_sequences_reaches_the_terminal_escaped(tmp_path, capsys):
    folder = tmp_path / "收件箱"
    folder.mkdir()
    escape = "_x001B_[2J_x001B_]0;title_x0007_"
    escaped_unit(folder, "a.xlsm", escape)
    second = escaped_unit(folder, "b.xlsm", escape)  # told as a second copy, naming the unit
    second.write_bytes(zipped(package_parts(second.read_bytes())))  # other bytes, same content
    code, said = cli(["collect", str(folder), "-o", str(tmp_path / "汇总.xlsx")], capsys)
    assert code == 1
    assert "\x1b" not in said and "\x07" not in said
    assert "_x001B_[2J_x001B_]0;title_x0007_" + UNIT in said


@pytest.mark.slow
def test_the_finished_file_and_the_word_report_show_what_excel_shows(tmp_path, capsys):
    path = escaped_unit(tmp_path, "单位.xlsm", "_x0001_甲_x001B_乙_x000D__x000A_")
    assert (
        cli(["finalize", "--force", str(path), "-o", str(tmp_path / "定稿.xlsx")], capsys)[0] == 0
    )
    wb = openpyxl.load_workbook(tmp_path / "定稿.xlsx")
    assert wb["自评表"]["C3"].value == "甲乙\n" + UNIT
    assert cli(["report", str(path), "--docx", str(tmp_path / "报告.docx")], capsys)[0] == 0
    title = docx.Document(tmp_path / "报告.docx").paragraphs[0].text
    # The title breaks only between words (its lines are the layout's); nothing else is in it.
    assert title.replace("\n", "") == f"2024年度甲乙{UNIT}部门整体支出绩效自评报告"
    assert not any(ord(c) < 32 and c != "\n" for c in title)


def test_the_text_helpers():
    assert decoded("_x0041__x005F_x0042_") == "A_x0042_"
    assert for_document("a\x01b\x1b[2J\x7f\x85c\r\nd\te_x0041_") == "ab[2Jc\nd\te_x0041_"
    assert for_terminal("a\x1b[2J\x07\u202eb\nc\td\r") == "a_x001B_[2J_x0007__x202E_b\nc\td_x000D_"


# -- long names


def test_a_long_unit_name_gets_a_finished_file_name_the_file_system_holds(tmp_path, capsys):
    long_unit = "某某市某某区某某街道办事处综合行政执法大队" * 6  # 126 characters
    path = tmp_path / "单位.xlsm"
    wb = openpyxl.load_workbook(SEED, keep_vba=True)
    wb["自评表"]["C3"] = long_unit
    wb.save(path)
    code, said = cli(["finalize", "--force", str(path)], capsys)
    assert code == 0, said
    (written,) = tmp_path.glob("2024部门整体支出绩效自评-*.xlsx")
    assert len(os.fsencode(written.name)) <= 255 and "~" in written.name
    assert f"文件名“2024部门整体支出绩效自评-{long_unit}.xlsx”超过文件系统允许的长度" in said


def test_a_workbook_whose_name_fills_the_limit_is_saved_in_place(tmp_path, capsys):
    path = tmp_path / ("单位" * 41 + ".xlsm")  # 251 bytes: no room for ".tmp" or a lock suffix
    path.write_bytes(SEED.read_bytes())
    code, said = cli(["calc", str(path)], capsys)
    assert code == 0, said
    assert all(len(os.fsencode(p.name)) <= 255 for p in tmp_path.rglob("*"))
    assert files.fit_name("a" * 300 + ".xlsx") != files.fit_name("a" * 299 + "b.xlsx")


# -- the command line


def test_a_file_name_starting_with_a_dash_gets_the_hint(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("-单位.xlsm").write_bytes(SEED.read_bytes())
    code, said = cli(["calc", "-单位.xlsm"], capsys)
    assert code == 2 and said.startswith("用法：xlsrc calc")
    assert "请在文件名前写 --（例如：xlsrc calc -- -单位.xlsm）" in said
    assert cli(["calc", "--", "-单位.xlsm"], capsys)[0] == 0


def test_help_and_usage_are_in_chinese(capsys):
    code, said = cli(["calc", "-h"], capsys)
    assert code == 0 and "用法：" in said and "选项" in said and "显示本帮助并退出" in said
    assert "usage" not in said and "show this help" not in said
    code, said = cli(["collect", "d", "--jobs", "两"], capsys)
    assert code == 2 and "--jobs 的值 '两' 无效（应为整数）" in said


def test_a_closed_pipe_ends_the_printing_not_the_command(tmp_path):
    path = tmp_path / "单位.xlsm"
    path.write_bytes(SEED.read_bytes())
    read, written = os.pipe()
    os.close(read)  # the reader (`| head -0`) is gone before xlsrc prints
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.run(
        [sys.executable, "-m", "xlsrc.cli", "calc", str(path)],
        stdout=written,
        stderr=subprocess.PIPE,
        env=env,
        timeout=120,
        check=False,
    )
    os.close(written)
    assert (run.returncode, run.stderr) == (0, b"")
    assert path.read_bytes() != SEED.read_bytes()  # the work was done


# -- cells outside the form


@pytest.mark.slow
def test_rows_typed_below_the_signature_line_are_a_warning_naming_the_first_cell(tmp_path, capsys):
    path = tmp_path / "单位.xlsm"
    wb = openpyxl.load_workbook(SEED, keep_vba=True)
    for i in range(5000):
        wb["自评表"].append(["产出指标", "数量指标", f"补充指标{i}", "≥10个", "12个", 1])
    wb.save(path)
    code, said = cli(["check", str(path)], capsys)
    assert code == 1
    assert (
        "[警告] W230 自评表!A57：工作表“自评表”的表格范围（A1:O56）以外、自 A57 起有 30000 个单元格"
        in said
    )
    entry = read_entry(path, tmp_path)  # collect lists it too
    assert [(i.sheet, i.cell) for i in entry.issues if i.code == "W230"] == [("自评表", "A57")]


def test_a_column_pasted_beside_a_form_is_a_warning(tmp_path, capsys):
    path = tmp_path / "单位.xlsm"
    wb = openpyxl.load_workbook(SEED, keep_vba=True)
    wb["基础数据表"]["I10"] = "另列的说明"
    wb.save(path)
    _, said = cli(["check", str(path)], capsys)
    assert (
        "W230 基础数据表!I10：工作表“基础数据表”的表格范围（A1:G27）以外、自 I10 起有 1 个单元格填有内容（如“另列的说明”）"
        in said
    )


@pytest.mark.slow
def test_the_examples_have_nothing_outside_their_forms(capsys, tmp_path):
    for path in sorted(EXAMPLES.glob("*.xlsm")):
        _, said = cli(["check", str(path), "-o", str(tmp_path / path.name)], capsys)
        assert "W230" not in said
