"""A tour of hostile inputs beyond tests/test_bad_inputs.py and tests/test_hostile3.py.

Each input is built in a fresh folder from seed000 (damaged packages, odd XML, odd cells,
odd names, odd paths, odd options) and run through `xlsrc.cli.main` as a clerk runs it; the
table says what xlsrc answered: its exit code and the line that matters. A case that takes
longer than `LIMIT` seconds, prints a traceback or logs an internal error says so.

    PYTHONPATH=. python tests/hostile_tour.py [WORD]   # only the cases whose name holds WORD
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import signal
import stat
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hostile import package_parts, zipped  # noqa: E402

from xlsrc.cli import main  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "workbook" / "examples" / "seed000.xlsm"
SEED3 = ROOT / "workbook" / "examples" / "seed003.xlsm"
SHEET = "xl/worksheets/sheet3.xml"  # 自评表
BASE = "xl/worksheets/sheet2.xml"  # 基础数据表
STRINGS = "xl/sharedStrings.xml"
WORKBOOK = "xl/workbook.xml"
UNIT = "岳阳城陵矶综合保税区管理委员会本级"
LIMIT = 60  # seconds a case may take

Build = Callable[[Path], list[str]]


# -- building inputs


def seed(d: Path, name: str = "单位.xlsm", source: Path = SEED) -> Path:
    path = d / name
    shutil.copyfile(source, path)
    return path


def package(
    d: Path,
    change: Callable[[dict[str, bytes]], object],
    name: str = "单位.xlsm",
    compression: int = zipfile.ZIP_DEFLATED,
) -> Path:
    """seed000's parts changed by `change` (in place), zipped again."""
    members = package_parts(SEED.read_bytes())
    change(members)
    path = d / name
    path.write_bytes(zipped(members, compression))
    return path


def part(name: str, edit: Callable[[str], str]) -> Callable[[dict[str, bytes]], None]:
    def change(members: dict[str, bytes]) -> None:
        members[name] = edit(members[name].decode()).encode()

    return change


def cell_xml(ref: str, edit: Callable[[str], str]) -> Callable[[dict[str, bytes]], None]:
    """Edit the <c> element of 自评表!ref as text."""

    def change(members: dict[str, bytes]) -> None:
        text = members[SHEET].decode()
        m = re.search(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)', text, re.S)
        assert m, ref
        members[SHEET] = (text[: m.start()] + edit(m.group()) + text[m.end() :]).encode()

    return change


def typed(
    d: Path, cells: dict[str, object], sheet: str = "自评表", name: str = "单位.xlsm"
) -> Path:
    """seed000 with values typed into cells (openpyxl, as another program saves them)."""
    wb = openpyxl.load_workbook(SEED, keep_vba=True)
    for ref, value in cells.items():
        if isinstance(value, str):  # control characters stored as Excel stores them
            value = re.sub(
                "[\x00-\x08\x0b\x0c\x0e-\x1f]", lambda m: f"_x{ord(m.group()):04X}_", value
            )
        wb[sheet][ref] = value
    path = d / name
    wb.save(path)
    return path


def names(edit: Callable[[str], str]) -> Callable[[dict[str, bytes]], None]:
    return part(WORKBOOK, edit)


def drop(*parts: str) -> Callable[[dict[str, bytes]], None]:
    def change(members: dict[str, bytes]) -> None:
        for p in parts:
            del members[p]

    return change


def add(name: str, body: bytes) -> Callable[[dict[str, bytes]], None]:
    return lambda members: members.__setitem__(name, body)


def raw_zip(
    d: Path, write: Callable[[zipfile.ZipFile, dict[str, bytes]], None], name: str = "单位.xlsm"
) -> Path:
    members = package_parts(SEED.read_bytes())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        write(z, members)
    path = d / name
    path.write_bytes(out.getvalue())
    return path


def flip_byte_in(member: str) -> Callable[[Path], Path]:
    """A byte of a deflated part changed: its checksum no longer matches."""

    def build(d: Path) -> Path:
        path = package(d, lambda m: None)
        data = bytearray(path.read_bytes())
        with zipfile.ZipFile(path) as z:
            info = z.getinfo(member)
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
        data[start + info.compress_size // 2] ^= 0x55
        path.write_bytes(bytes(data))
        return path

    return build


def with_method(method: int) -> Callable[[Path], Path]:
    """Every part stored, then the sheet's header claiming another compression method."""

    def build(d: Path) -> Path:
        path = package(d, lambda m: None, compression=zipfile.ZIP_STORED)
        data = bytearray(path.read_bytes())
        with zipfile.ZipFile(path) as z:
            info = z.getinfo(SHEET)
            central = data.rfind(b"PK\x01\x02" + bytes(0), 0)
        data[info.header_offset + 8 : info.header_offset + 10] = method.to_bytes(2, "little")
        pos = 0
        while (pos := data.find(b"PK\x01\x02", pos)) != -1:  # the central directory's entries
            n = int.from_bytes(data[pos + 28 : pos + 30], "little")
            if data[pos + 46 : pos + 46 + n] == SHEET.encode():
                data[pos + 10 : pos + 12] = method.to_bytes(2, "little")
            pos += 4
        del central
        path.write_bytes(bytes(data))
        return path

    return build


def encrypted_entry(d: Path) -> Path:
    """The sheet's entry flagged as encrypted with a zip password (general purpose bit 0)."""
    path = package(d, lambda m: None)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(SHEET)
    data[info.header_offset + 6] |= 1
    pos = 0
    while (pos := data.find(b"PK\x01\x02", pos)) != -1:
        n = int.from_bytes(data[pos + 28 : pos + 30], "little")
        if data[pos + 46 : pos + 46 + n] == SHEET.encode():
            data[pos + 8] |= 1
        pos += 4
    path.write_bytes(bytes(data))
    return path


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def link(path: Path, to: Path) -> Path:
    path.symlink_to(to)
    return path


def null_device(path: Path) -> Path:
    """A character device like /dev/null, made in the case's folder (the real one is never risked)."""
    os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    return path


def rules_file(d: Path, text: str | bytes, name: str = "规则.toml") -> Path:
    path = d / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def folder_of(d: Path, *files: tuple[str, Callable[[Path], Path]]) -> Path:
    inbox = d / "收件箱"
    inbox.mkdir()
    for name, make in files:
        made = make(d)
        shutil.move(made, inbox / name)
    return inbox


def cmd(command: str, make: Callable[[Path], Path], *extra: str) -> Build:
    """`xlsrc command FILE extra…` ({d} in extra is the case's folder)."""
    return lambda d: [command, str(make(d)), *(e.format(d=d) for e in extra)]


def seeded(d: Path) -> Path:
    return seed(d)


# -- the cases

SHARED_C3 = r"(<v>)\d+(</v>)"
# fmt: off
CASES: list[tuple[str, Build]] = [
    # Damaged packages.
    ("自评表 XML 只少最后 1 个字节", cmd("calc", lambda d: package(d, part(SHEET, lambda t: t[:-1])))),
    ("共享文本表被截断一半", cmd("check", lambda d: package(d, part(STRINGS, lambda t: t[: len(t) // 2])))),
    ("styles.xml 少了结束标记", cmd("calc", lambda d: package(d, part("xl/styles.xml", lambda t: t.replace("</styleSheet>", ""))))),
    ("workbook.xml 格式有误", cmd("calc", lambda d: package(d, part(WORKBOOK, lambda t: t.replace("<sheets>", "<sheets", 1))))),
    ("缺少 [Content_Types].xml", cmd("calc", lambda d: package(d, drop("[Content_Types].xml")))),
    ("缺少 _rels/.rels", cmd("check", lambda d: package(d, drop("_rels/.rels")))),
    ("缺少 workbook.xml.rels", cmd("calc", lambda d: package(d, drop("xl/_rels/workbook.xml.rels")))),
    ("缺少基础数据表的部件", cmd("check", lambda d: package(d, drop(BASE)))),
    ("缺少 styles.xml", cmd("calc", lambda d: package(d, drop("xl/styles.xml")))),
    ("缺少共享文本表", cmd("calc", lambda d: package(d, drop(STRINGS)))),
    ("自评表部件的校验和不符（一个字节被改）", cmd("calc", flip_byte_in(SHEET))),
    ("自评表部件用了未知压缩方法 99（AES）", cmd("calc", with_method(99))),
    ("自评表部件设了 zip 密码", cmd("calc", encrypted_entry)),
    ("部件用 bzip2 压缩", cmd("calc", lambda d: package(d, lambda m: None, compression=zipfile.ZIP_BZIP2))),
    ("部件用 LZMA 压缩，定稿导出", cmd("finalize", lambda d: package(d, lambda m: None, compression=zipfile.ZIP_LZMA), "--force")),
    ("全部部件不压缩（stored）", cmd("calc", lambda d: package(d, lambda m: None, compression=zipfile.ZIP_STORED))),
    ("zip 末尾多了 1 MB 垃圾数据", cmd("calc", lambda d: Path(shutil.copyfile(SEED, d / "单位.xlsm")).open("ab").write(os.urandom(2**20)) and d / "单位.xlsm")),
    ("zip 前面多了一段（自解压包样式）", cmd("calc", lambda d: (d / "单位.xlsm").write_bytes(b"MZ" + bytes(510) + SEED.read_bytes()) and d / "单位.xlsm")),
    ("含部件名“../../evil.xml”（路径穿越）", cmd("calc", lambda d: package(d, add("../../evil.xml", b"<x/>")))),
    ("含部件名“/etc/passwd”", cmd("check", lambda d: package(d, add("/etc/passwd", b"root")))),
    ("含目录条目 xl/", cmd("calc", lambda d: raw_zip(d, lambda z, m: (z.writestr("xl/", b""), [z.writestr(k, v) for k, v in m.items()])))),
    ("部件名大小写不同的第二份自评表", cmd("calc", lambda d: package(d, lambda m: m.__setitem__("xl/worksheets/SHEET3.xml", m[SHEET])))),
    # XML inside the parts.
    ("自评表 XML 含注释和处理指令", cmd("calc", lambda d: package(d, part(SHEET, lambda t: t.replace("<sheetData>", "<!-- x --><?pi y?><sheetData>", 1))))),
    ("共享文本是 UTF-16 编码（合法 XML）", cmd("calc", lambda d: package(d, lambda m: m.__setitem__(STRINGS, m[STRINGS].decode().replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"))))),
    ("共享文本声明 GB2312 实为 UTF-8", cmd("check", lambda d: package(d, part(STRINGS, lambda t: t.replace('encoding="UTF-8"', 'encoding="GB2312"'))))),
    ("共享文本中有非法 UTF-8 字节", cmd("calc", lambda d: package(d, lambda m: m.__setitem__(STRINGS, m[STRINGS].replace(UNIT.encode(), b"\xff\xfe" + UNIT.encode(), 1))))),
    ("共享文本中有 &#0;", cmd("calc", lambda d: package(d, part(STRINGS, lambda t: t.replace(UNIT, "&#0;" + UNIT, 1))))),
    ("共享文本中有未定义的实体 &nbsp;", cmd("calc", lambda d: package(d, part(STRINGS, lambda t: t.replace(UNIT, "&nbsp;" + UNIT, 1))))),
    ("共享文本中用 CDATA", cmd("calc", lambda d: package(d, part(STRINGS, lambda t: t.replace(UNIT, f"<![CDATA[{UNIT}]]>", 1))))),
    ("XML 1.1 声明", cmd("calc", lambda d: package(d, part(SHEET, lambda t: t.replace('version="1.0"', 'version="1.1"', 1))))),
    ("docProps/core.xml 含外部实体", cmd("calc", lambda d: package(d, part("docProps/core.xml", lambda t: t.replace("?>", '?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>', 1))))),
    ("[Content_Types].xml 含实体炸弹", cmd("check", lambda d: package(d, part("[Content_Types].xml", lambda t: t.replace("?>", '?><!DOCTYPE t [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>', 1))))),
    ("VML 绘图部件格式有误（不检查，照常读）", cmd("calc", lambda d: package(d, part("xl/drawings/vmlDrawing1.vml", lambda t: t[:-20])))),
    ("文档属性部件 2 MB", cmd("calc", lambda d: package(d, add("docProps/custom.xml", b"<Properties>" + os.urandom(2**20).hex().encode() + b"</Properties>")))),
    # Cells written as no spreadsheet program writes them.
    ("共享文本编号为 -1", cmd("calc", lambda d: package(d, cell_xml("C3", lambda c: re.sub(SHARED_C3, r"\g<1>-1\g<2>", c))))),
    ("共享文本编号为 abc", cmd("check", lambda d: package(d, cell_xml("C3", lambda c: re.sub(SHARED_C3, r"\g<1>abc\g<2>", c))))),
    ("单元格引用 XFE1（超出 Excel 列数）", cmd("calc", lambda d: package(d, cell_xml("C3", lambda c: c.replace('r="C3"', 'r="XFE1"'))))),
    ("行号 0", cmd("calc", lambda d: package(d, part(SHEET, lambda t: t.replace('<row r="1"', '<row r="0"', 1))))),
    ("行号 99999999", cmd("check", lambda d: package(d, part(SHEET, lambda t: t.replace("</sheetData>", '<row r="99999999"><c r="A99999999" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'))))),
    ("全年预算数的 XML 写成“362,83”", cmd("check", lambda d: package(d, cell_xml("D5", lambda c: re.sub(r"<v>[^<]*</v>", "<v>362,83</v>", c))))),
    ("全年预算数是逻辑值 t=\"b\" 2", cmd("check", lambda d: package(d, cell_xml("D5", lambda c: re.sub(r'<c ([^>]*?)>', r'<c \1 t="b">', c, count=1).replace("<v>362.83</v>", "<v>2</v>"))))),
    ("全年预算数是错误值 #DIV/0!", cmd("check", lambda d: package(d, cell_xml("D5", lambda c: re.sub(r'<c ([^>]*?)>', r'<c \1 t="e">', c, count=1).replace("<v>362.83</v>", "<v>#DIV/0!</v>"))))),
    ("全年预算数是日期类型 t=\"d\" 乱码", cmd("check", lambda d: package(d, cell_xml("D5", lambda c: re.sub(r'<c ([^>]*?)>', r'<c \1 t="d">', c, count=1).replace("<v>362.83</v>", "<v>不是日期</v>"))))),
    ("全年预算数的样式编号 9999（超出样式表）", cmd("calc", lambda d: package(d, cell_xml("D5", lambda c: re.sub(r's="\d+"', 's="9999"', c))))),
    # Names and sheets.
    ("名称 xs_budget_total 指向另一个工作簿 [1]Sheet1!$A$1", cmd("calc", lambda d: package(d, names(lambda t: t.replace("'自评表'!$D$5", "[1]Sheet1!$A$1", 1))))),
    ("名称 xs_budget_total 是 OFFSET 公式", cmd("check", lambda d: package(d, names(lambda t: t.replace("'自评表'!$D$5", "OFFSET('自评表'!$D$5,0,0)", 1))))),
    ("名称 xs_budget_total 指向整列 $D:$D", cmd("calc", lambda d: package(d, names(lambda t: t.replace("'自评表'!$D$5", "'自评表'!$D:$D", 1))))),
    ("同一名称定义了两次，指向不同单元格", cmd("calc", lambda d: package(d, names(lambda t: t.replace('<definedName name="xs_budget_total">', '<definedName name="xs_budget_total">\'自评表\'!$A$1</definedName><definedName name="xs_budget_total">', 1))))),
    ("工作簿中没有任何工作表", cmd("calc", lambda d: package(d, names(lambda t: re.sub(r"<sheets>.*</sheets>", "<sheets/>", t))))),
    ("同名工作表列出两次", cmd("calc", lambda d: package(d, names(lambda t: t.replace('<sheet name="自评表" sheetId="3" r:id="rId3"/>', '<sheet name="自评表" sheetId="3" r:id="rId3"/><sheet name="自评表" sheetId="10" r:id="rId2"/>'))))),
    ("自评表被设为 veryHidden", cmd("finalize", lambda d: package(d, names(lambda t: t.replace('<sheet name="自评表" sheetId="3"', '<sheet name="自评表" state="veryHidden" sheetId="3"'))), "--force")),
    ("工作表名含单引号“自评'表”（名称随之）", cmd("check", lambda d: package(d, names(lambda t: t.replace('name="自评表"', 'name="自评\'表"').replace("'自评表'!", "'自评''表'!"))))),
    ("自评表改名“2024年自评表”后生成报告", cmd("report", lambda d: package(d, lambda m: [m.__setitem__(k, v.decode().replace('<sheet name="自评表"', '<sheet name="2024年自评表"').replace("'自评表'!", "'2024年自评表'!").encode()) for k, v in list(m.items()) if k.startswith("xl/") and k.endswith(".xml")]))),
    ("基础数据表改名后定稿导出", cmd("finalize", lambda d: package(d, lambda m: [m.__setitem__(k, v.decode().replace('<sheet name="基础数据表"', '<sheet name="附件1"').replace("'基础数据表'!", "'附件1'!").encode()) for k, v in list(m.items()) if k.startswith("xl/") and k.endswith(".xml")]), "--force")),
    # What clerks type.
    ("单位名称全是控制字符，定稿导出", cmd("finalize", lambda d: typed(d, {"C3": "\x07\x07"}), "--force")),
    ("单位名称含 / 和 ..，定稿导出", cmd("finalize", lambda d: typed(d, {"C3": "../../某局/办公室"}), "--force")),
    ("单位名称含从右到左覆盖符 U+202E", cmd("finalize", lambda d: typed(d, {"C3": "某局\u202exslx.exe"}), "--force")),
    ("单位名称是 CON（Windows 保留名）", cmd("finalize", lambda d: typed(d, {"C3": "CON"}), "--force")),
    ("年度写成 1e308，定稿导出", cmd("finalize", lambda d: typed(d, {"I1": 1e308}), "--force")),
    ("年度指标值含 ESC 清屏序列", cmd("check", lambda d: typed(d, {"D15": "≥\x1b[2J500亿元"}))),
    ("偏差原因是 3 万个 \\x01", cmd("check", lambda d: typed(d, {"I27": "\x01" * 30000}))),
    ("10 万字的单位名称，生成报告", cmd("report", lambda d: typed(d, {"C3": "某" * 100_000}))),
    ("指标表下方粘贴 1 列说明", cmd("check", lambda d: typed(d, {"A70": "备注：以上指标由财务科填写"}))),
    ("评价评分表右侧填了数字（2021 格式）", cmd("check", lambda d: (lambda p: p)(typed(d, {"M5": 99}, sheet="评价评分表")))),
    # Names and paths of files.
    ("文件名含换行符", cmd("calc", lambda d: seed(d, "单位\n自评.xlsm"))),
    ("文件名含 ESC 序列（坏文件，错误信息含文件名）", cmd("calc", lambda d: (d / "\x1b[31m红.xlsm").write_bytes(b"x") and d / "\x1b[31m红.xlsm")),
    ("文件名 251 字节，原地保存", cmd("calc", lambda d: seed(d, "单" * 83 + ".xlsm"))),
    ("文件名 256 字节的 -o", cmd("calc", seeded, "-o", "{d}/" + "结" * 84 + ".xlsm")),
    ("指向自身的符号链接", cmd("calc", lambda d: (d / "环.xlsm").symlink_to(d / "环.xlsm") or d / "环.xlsm")),
    ("失效的符号链接", cmd("calc", lambda d: (d / "失效.xlsm").symlink_to(d / "不存在.xlsm") or d / "失效.xlsm")),
    ("-o 指向失效的符号链接", lambda d: ["calc", str(seed(d)), "-o", str(link(d / "链.xlsm", d / "别处.xlsm"))]),
    ("-o 指向管道（FIFO）", lambda d: ["calc", str(seed(d)), "-o", str(fifo(d / "管道.xlsm"))]),
    ("-o 是字符设备（/dev/null 的复制）", lambda d: ["calc", str(seed(d)), "-o", str(null_device(d / "空设备.xlsm"))]),
    ("输入是管道（FIFO）", lambda d: ["calc", str(fifo(d / "管道.xlsm"))]),
    ("输入是 /dev/zero", lambda d: ["check", "/dev/zero"]),
    ("-o 与输入是同一文件的另一写法", lambda d: ["calc", str(seed(d)), "-o", str(d / "." / "单位.xlsm")]),
    ("-o 写进 .xlsrc-backup 文件夹", cmd("calc", seeded, "-o", "{d}/.xlsrc-backup/单位.xlsm")),
    ("import 的 -o 就是输入文件", lambda d: ["import", str(seed(d)), "-o", str(d / "单位.xlsm")]),
    ("report --docx 写到不存在的文件夹", cmd("report", seeded, "--docx", "{d}/无此文件夹/报告.docx")),
    ("finalize --format 为空", cmd("finalize", seeded, "--format", "")),
    ("定稿 -o 是以 / 结尾的文件夹名", cmd("finalize", seeded, "-o", "{d}/定稿.xlsx/")),
    # Options.
    ("--rules 指向管道（FIFO）", lambda d: ["calc", str(seed(d)), "--rules", str(fifo(d / "规则.toml"))]),
    ("--rules 是 20 MB 的文件", lambda d: ["calc", str(seed(d)), "--rules", str(rules_file(d, "# " + "x" * 20 * 2**20 + "\n"))]),
    ("--rules 是 10 万层嵌套数组", lambda d: ["check", str(seed(d)), "--rules", str(rules_file(d, "a = " + "[" * 100_000 + "]" * 100_000 + "\n"))]),
    ("--rules 是 .xlsm 工作簿", lambda d: ["calc", str(seed(d)), "--rules", str(seed(d, "规则.xlsm"))]),
    ("collect --jobs 0", lambda d: ["collect", str(folder_of(d, ("a.xlsm", seeded))), "--jobs", "0", "-o", str(d / "汇总.xlsx")]),
    ("collect --jobs -3", lambda d: ["collect", str(folder_of(d, ("a.xlsm", seeded))), "--jobs", "-3", "-o", str(d / "汇总.xlsx")]),
    ("collect 文件夹里有指向上级的符号链接（循环）", lambda d: ["collect", str((lambda f: ((f / "环").symlink_to(f), f)[1])(folder_of(d, ("a.xlsm", seeded)))), "-o", str(d / "汇总.xlsx")]),
    ("collect 文件夹里有名为 x.xlsx 的管道", lambda d: ["collect", str((lambda f: (fifo(f / "x.xlsx"), f)[1])(folder_of(d, ("a.xlsm", seeded)))), "-o", str(d / "汇总.xlsx")]),
    ("collect 的 -o 写在被汇总的文件夹里", lambda d: (lambda f: ["collect", str(f), "-o", str(f / "汇总.xlsx")])(folder_of(d, ("a.xlsm", seeded)))),
    ("collect 一个空文件夹", lambda d: ["collect", str((d / "空").mkdir() or d / "空"), "-o", str(d / "汇总.xlsx")]),
    ("collect 混有截断、重复条目、实体、Word 伪装 .xls", lambda d: ["collect", str(folder_of(
        d,
        ("截断.xlsm", lambda e: package(e, part(SHEET, lambda t: t[:-200]), "t.xlsm")),
        ("重复.xlsm", lambda e: raw_zip(e, lambda z, m: [z.writestr(k, v) for k, v in [*m.items(), (SHEET, m[SHEET])]], "r.xlsm")),
        ("实体.xlsm", lambda e: package(e, part(STRINGS, lambda t: t.replace("?>", '?><!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]>', 1)), "s.xlsm")),
        ("a.xlsm", seeded),
    )), "-o", str(d / "汇总.xlsx")]),
]
# fmt: on


# -- running the tour


class _TooLong(Exception):
    pass


def _alarm(*_: object) -> None:
    raise _TooLong


def run(build: Build, folder: Path) -> tuple[str, int | str, str]:
    """(the command line, the exit code or what went wrong, the line that matters)."""
    os.environ["XLSRC_LOG_DIR"] = str(folder / "logs")
    try:
        argv = build(folder)
    except Exception as exc:  # noqa: BLE001 - a case the tour could not build
        return "", f"未能构造：{type(exc).__name__}: {exc}"[:80], ""
    out, err = io.StringIO(), io.StringIO()
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(LIMIT)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code: int | str = main(argv)
            except SystemExit as exit_:
                code = int(exit_.code or 0)
    except _TooLong:
        code = f"超过 {LIMIT} 秒"
    except BaseException as exc:  # noqa: BLE001 - the tour reports what escaped
        code = f"未捕获 {type(exc).__name__}"
    finally:
        signal.alarm(0)
    said = err.getvalue() + out.getvalue()
    if "Traceback" in said:
        code = f"{code}（含 Traceback）"
    if (folder / "logs").exists():
        code = f"{code}（内部错误）"
    lines = [x.strip() for x in said.splitlines() if x.strip() and not x.startswith("用法：")]
    pick = next((x for x in lines if x.startswith(("错误", "命令用法", "xlsrc 内部"))), None)
    pick = pick or next((x for x in lines if "W230" in x or "未汇总：" in x), None)
    pick = pick or next((x for x in lines if x.startswith(("已导出", "文件名“"))), None)
    line = pick or (lines[0] if lines else "")
    line = line.replace(f"{folder}{os.sep}", "").replace(str(folder), ".")
    command = " ".join(["xlsrc", *argv]).replace(f"{folder}{os.sep}", "").replace(str(folder), ".")
    return command, code, line


def _shorten(text: str, limit: int) -> str:
    text = text.replace("|", "｜").replace("\n", "⏎")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def tour(word: str = "") -> str:
    rows = ["| # | 输入 | 退出码 | xlsrc 的回答 |", "|---|---|---|---|"]
    for i, (what, build) in enumerate(CASES, 1):
        if word not in what:
            continue
        folder = Path(tempfile.mkdtemp(prefix="tour-"))
        try:
            _, code, line = run(build, folder)
        finally:
            for p in folder.rglob("*"):
                with contextlib.suppress(OSError):
                    p.chmod(p.stat().st_mode | stat.S_IWUSR)
            shutil.rmtree(folder, ignore_errors=True)
        rows.append(f"| {i} | {_shorten(what, 40)} | {code} | {_shorten(line, 110)} |")
        print(rows[-1], file=sys.stderr, flush=True)
    return "\n".join(rows)


if __name__ == "__main__":
    print(tour(sys.argv[1] if len(sys.argv) > 1 else ""))
