"""Command line: the same use cases as the buttons, on .xlsx/.xlsm files (WPS, Linux, batch)."""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

from xlsrc.domain import text as T

# 0 done; 1 检查 found errors; 2 bad input, usage, or a file that cannot be used now;
# 3 internal error (one line on stderr naming the log file with the traceback).
EXIT_OK, EXIT_PROBLEMS, EXIT_FAILED, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_INTERRUPTED = 130  # Ctrl+C, as shells report it


def _print(text: object = "", file=None) -> None:  # type: ignore[no-untyped-def]
    """Print a line for the terminal: characters that would act on it (escape sequences from
    a cell, bells) shown as `_xHHHH_`. A reader that closed the pipe (`xlsrc check … | head`)
    stops the printing, not the command: its files are written and its exit code stands."""
    from xlsrc.domain.controls import for_terminal

    stream = file or sys.stdout
    try:
        print(for_terminal(str(text)), file=stream)
        stream.flush()
    except BrokenPipeError:
        _silence(stream)


def _silence(stream) -> None:  # type: ignore[no-untyped-def]
    """Send the rest of a closed stream to the null device, so that exiting does not complain."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)


@contextlib.contextmanager
def _writing(source: str | Path, target: str | Path | None) -> Iterator[None]:
    """One run per written file: hold its lock from load to save; never write a file open in Excel."""
    from xlsrc.errors import InputError

    if Path(source).is_dir():
        raise InputError(T.A_INPUT_IS_FOLDER.format(path=source))
    if not Path(source).is_file():
        raise InputError(T.A_NO_FILE.format(path=source))
    if target is None:  # nothing written: the file is read once, whole
        yield
        return
    with _locked(Path(target)):
        yield


@contextlib.contextmanager
def _locked(target: Path) -> Iterator[None]:
    """Hold the lock of the file written from its first read to its save."""
    from xlsrc import files

    files.check_writable(target)  # before locking: a folder gets no lock file beside it
    with files.exclusive([target]):
        files.check_writable(target)
        yield


def _fitted(wanted: Path) -> Path:
    """A default output name the file system holds; the clerk is told when it was shortened."""
    from xlsrc.files import fit_path

    fitted = fit_path(wanted)
    if fitted != wanted:
        _print(T.F_NAME_SHORTENED.format(full=wanted.name, short=fitted.name), file=sys.stderr)
    return fitted


def _print_problems(outcome, out) -> None:  # type: ignore[no-untyped-def]
    from xlsrc.domain.findings import listed

    for p in outcome.problems:
        if not listed(p.severity, p.code):
            continue
        _print(f"  [{p.severity.value}] {p.code} {p.sheet}!{p.cell}：{p.message}", file=out)


def _said(message: str, file: str | Path) -> str:
    """A use case's message in command-line words: a command to run where a button says click."""
    name = Path(file).name
    for button, command in T.U_CLI_WORDS:
        message = message.replace(button, command.format(name=name))
    return message


def _write_back(args: argparse.Namespace, use_case_name: str) -> int:
    """Run a use case that writes the workbook, in place or to -o, under the file's lock."""
    from xlsrc import usecases
    from xlsrc.adapters.openpyxl_file import OpenpyxlFile

    with _writing(args.file, args.output or args.file):
        book = OpenpyxlFile(args.file)
        outcome = getattr(usecases, use_case_name)(book, _rules(args))
        saved = book.save(args.output)
    _print(_said(outcome.message, saved))
    _print(T.U_WRITTEN.format(path=saved))
    return EXIT_OK


def _calc(args: argparse.Namespace) -> int:
    return _write_back(args, "calculate")


def _check(args: argparse.Namespace) -> int:
    from xlsrc import forms, usecases
    from xlsrc.adapters.openpyxl_file import OpenpyxlFile

    # Without -o the marks go back into the file (backup kept), as the buttons mark the open
    # workbook: a WPS user opens it and sees them.
    with _writing(args.file, args.output or args.file):
        book = OpenpyxlFile(args.file)
        outcome = usecases.check(book, _rules(args))
        saved = book.save(args.output)
    _print(_said(outcome.message, saved))
    _print_problems(outcome, sys.stdout)
    _print(T.U_CHECK_WRITTEN.format(sheet=forms.checks.SHEET, path=saved))
    return EXIT_PROBLEMS if outcome.errors else EXIT_OK


def _project(args: argparse.Namespace) -> int:
    """项目: add, remove or list the department's 项目支出绩效自评表 (one sheet each)."""
    from xlsrc import projects
    from xlsrc.adapters.openpyxl_file import OpenpyxlFile

    if args.action == "list":
        found = projects.listed(OpenpyxlFile(args.file))
        names = "、".join(str(p) for p in found)
        _print(T.P_LISTED.format(count=len(found), names=names) if found else T.P_LIST_NONE)
        return EXIT_OK
    if not args.names:
        from xlsrc.errors import InputError

        raise InputError(T.P_NAME_BLANK)
    with _writing(args.file, args.output or args.file):
        book = OpenpyxlFile(args.file)
        told = []
        for name in args.names:
            if args.action == "add":
                done = projects.add(book, name, Path(args.file).name)
                told.append(T.P_ADDED.format(name=done.name, sheet=done.sheet))
            else:
                done = projects.remove(book, name)
                told.append(T.P_REMOVED.format(name=done.name or done.sheet, sheet=done.sheet))
        projects.show(book)  # the 项目清单 on 使用说明, as the buttons leave it
        saved = book.save(args.output)
    for line in told:
        _print(_said(line, saved))
    _print(T.U_WRITTEN.format(path=saved))
    return EXIT_OK


def _report(args: argparse.Namespace) -> int:
    if args.docx is None:
        return _write_back(args, "report")
    from xlsrc import outputs
    from xlsrc.errors import InputError

    output = outputs.get("docx")  # a missing extra is told before the workbook is touched
    if args.docx and Path(args.docx).suffix.lower() != ".docx":
        raise InputError(T.A_DOCX_SUFFIX.format(name=Path(args.docx).name))
    code = _write_back(args, "report")
    src = Path(args.output or args.file)
    target = Path(args.docx) if args.docx else _fitted(output.wanted_target(src))
    with _writing(src, target):
        written = outputs.export(output.name, src, target, rules=_rules(args))
    _print(T.U_EXPORTED_FILE.format(path=written))
    return code


def _finalize(args: argparse.Namespace) -> int:
    from xlsrc import outputs
    from xlsrc.errors import ExportRefused

    output = outputs.get(args.format)
    src = Path(args.file)
    with _writing(src, None):  # a missing file is named before its 定稿's name is read from it
        target = Path(args.output) if args.output else _fitted(output.wanted_target(src))

    def listed(outcome) -> None:  # type: ignore[no-untyped-def]
        if outcome.errors:
            _print(outcome.message, file=sys.stderr)
            _print_problems(outcome, sys.stderr)

    with _writing(src, target):
        try:
            written = outputs.export(
                output.name, src, target, force=args.force, rules=_rules(args), checked=listed
            )
        except ExportRefused as refused:
            _print(T.U_ERROR.format(message=refused), file=sys.stderr)
            return EXIT_PROBLEMS
    _print(T.U_EXPORTED_FILE.format(path=written))
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from xlsrc import outputs
    from xlsrc.errors import InputError

    data = outputs.data_formats()
    if args.format not in data:
        raise InputError(T.A_UNKNOWN_FORMAT.format(name=args.format, choices="、".join(data)))
    output = outputs.get(args.format)
    src = Path(args.file)
    target = Path(args.output) if args.output else _fitted(output.wanted_target(src))
    with _writing(src, target):
        written = outputs.export(output.name, src, target, rules=_rules(args))
    _print(T.U_EXPORTED_FILE.format(path=written))
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from xlsrc.errors import InputError
    from xlsrc.readers import read_all
    from xlsrc.readers.importer import import_all
    from xlsrc.template import default_template

    template = Path(args.template) if args.template else default_template()
    for file in args.files:
        if Path(args.output).resolve() == Path(file).resolve():
            raise InputError(T.R_IMPORT_OVERWRITES.format(name=Path(file).name))
    with _writing(args.files[0], args.output):
        found = [f for file in args.files for f in read_all(file)]
        told = import_all(found, template, Path(args.output), _rules(args))
    _print(_said("\n".join(told), args.output))
    return EXIT_OK


def _init(args: argparse.Namespace) -> int:
    from xlsrc.template import init

    target = Path(args.path) if args.path else Path(T.I_DEFAULT_NAME)
    with _locked(target):
        told = init(target)
    _print("\n".join(told))
    return EXIT_OK


def _audit(args: argparse.Namespace) -> int:
    from xlsrc.readers import read_all
    from xlsrc.readers.auditor import audit_all, default_target, write_marked
    from xlsrc.rules import DEFAULT, load_rules

    target = Path(args.output) if args.output else _fitted(default_target(Path(args.file)))
    with _writing(args.file, target):
        reports = audit_all(read_all(args.file), _rules(args) or load_rules(DEFAULT))
        written = write_marked(reports, target)
    for report in reports:
        _print("\n".join(report.report(len(reports) > 1)))
    _print(T.R_AUDIT_WRITTEN.format(path=written))
    return EXIT_PROBLEMS if any(r.errors for r in reports) else EXIT_OK


def _collect(args: argparse.Namespace) -> int:
    import importlib.util

    from xlsrc.collect import collect
    from xlsrc.rules import DEFAULT, load_rules

    needed = [m for m in ("pandas", "xlsxwriter", "tqdm") if importlib.util.find_spec(m) is None]
    if needed:
        _print(T.SM_NEEDS_PANDAS.format(detail="、".join(needed)), file=sys.stderr)
        return EXIT_FAILED
    import tqdm

    folder = Path(args.folder)
    whole = folder.resolve()
    target = (
        Path(args.output) if args.output else _fitted(whole.with_name(whole.name + "-汇总.xlsx"))
    )
    chosen = load_rules(args.rules) if args.rules else None  # told before any file is read

    def bar(results, total):  # type: ignore[no-untyped-def]
        yield from tqdm.tqdm(
            results, total=total, desc=T.SM_READING, unit="个", file=sys.stderr, disable=None
        )

    if not folder.is_dir():
        _print(T.U_ERROR.format(message=T.SM_NOT_FOLDER.format(path=folder)), file=sys.stderr)
        return EXIT_FAILED
    with _locked(target):
        done = collect(
            folder,
            rules=chosen,
            exclude=target,
            jobs=args.jobs,
            progress=bar,
            meanwhile=lambda: importlib.import_module("xlsrc.outputs.summary"),
        )
        if not done.files:
            _print(T.U_ERROR.format(message=T.SM_NO_FILES.format(path=folder)), file=sys.stderr)
            return EXIT_FAILED
        from xlsrc.outputs.summary import write_summary

        rules = chosen or load_rules(DEFAULT)  # its grades name the 等次 counted
        written = write_summary(target, done.entries, done.skipped, done.files, rules)
    for s in done.skipped:
        _print(T.SM_SKIPPED_LINE.format(file=s.file, reason=s.reason), file=sys.stderr)
    _print(T.SM_COLLECTED.format(units=len(done.entries), files=done.files, path=written))
    if done.skipped:
        _print(T.SM_SKIPPED_COUNT.format(count=len(done.skipped)), file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


def _build(args: argparse.Namespace) -> int:
    try:
        from xlsrc.build import build_all
    except ImportError as exc:
        _print(T.U_TEMPLATE_EXTRA.format(detail=exc), file=sys.stderr)
        return EXIT_FAILED
    for path in build_all(Path(args.root)):
        _print(T.U_BUILT.format(path=path))
    return EXIT_OK


def _build_web(args: argparse.Namespace) -> int:
    from xlsrc import web

    out = Path(args.out_dir)
    web.build(out, pyodide=args.pyodide, wheels=args.wheels, base_url=args.base_url)
    _print(T.W_BUILT.format(path=out, serve=web.serve_hint(out)))
    return EXIT_OK


def _rules(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """--rules overrides the workbook's own 评分规则 cell; without it the workbook decides."""
    from xlsrc.rules import load_rules

    return load_rules(args.rules) if args.rules else None


_USAGE_PATTERNS = (
    (re.compile(r"the following arguments are required: (?P<names>.+)"), T.U_USAGE_REQUIRED),
    (re.compile(r"unrecognized arguments: (?P<args>.+)"), T.U_USAGE_UNRECOGNIZED),
    (
        re.compile(
            r"argument command: invalid choice: (?P<value>.+) \(choose from (?P<choices>.+)\)"
        ),
        T.U_USAGE_COMMAND,
    ),
    (re.compile(r"argument (?P<name>\S+): expected one argument"), T.U_USAGE_NO_VALUE),
    (
        re.compile(r"argument (?P<name>\S+): invalid (?P<kind>\w+) value: (?P<value>.+)"),
        T.U_USAGE_BAD_VALUE,
    ),
    (
        re.compile(r"ambiguous option: (?P<option>\S+) could match (?P<choices>.+)"),
        T.U_USAGE_AMBIGUOUS,
    ),
)
# What the words argparse prints in a usage or help text are in Chinese.
_ARGPARSE_WORDS = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
}
_argv: list[str] = []  # the command line being parsed, for the hint about a leading dash


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        if prefix is None:
            prefix = _ARGPARSE_WORDS["usage: "]
        return super().add_usage(usage, actions, groups, prefix)


class _Parser(argparse.ArgumentParser):
    """argparse with its usage, help and errors in Chinese (exit code 2, as argparse always had)."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = _ARGPARSE_WORDS["positional arguments"]
        self._optionals.title = _ARGPARSE_WORDS["options"]
        self.add_argument(
            "-h", "--help", action="help", help=_ARGPARSE_WORDS["show this help message and exit"]
        )

    def error(self, message: str) -> NoReturn:
        for pattern, sentence in _USAGE_PATTERNS:
            m = pattern.fullmatch(message)
            if m:
                words = {k: T.U_USAGE_NAMES.get(v, v) for k, v in m.groupdict().items()}
                message = sentence.format(**words)
                break
        self.print_usage(sys.stderr)
        dashed = next(
            (a for a in _argv if _looks_like_file(a) and a not in self._option_string_actions), None
        )
        hint = T.U_USAGE_DASH.format(arg=dashed, prog=self.prog) if dashed else ""
        after = _argv[_argv.index("--docx") + 1 :] if "--docx" in _argv else []
        if after and after[0].lower().endswith((".xlsx", ".xlsm")):
            hint += T.U_USAGE_DOCX.format(arg=after[0], prog=self.prog)
        self.exit(EXIT_FAILED, T.U_USAGE.format(detail=message, prog=self.prog) + hint + "\n")


def _looks_like_file(arg: str) -> bool:
    """A word starting with "-" that names a file (or has a file's suffix), not an option."""
    if not arg.startswith("-") or arg in ("-", "--"):
        return False
    return os.path.exists(arg) or bool(re.search(r"\.\w{2,4}$", arg)) or not arg.isascii()


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="xlsrc", description="部门整体支出绩效自评：计算得分、检查、生成模板")
    sub = p.add_subparsers(dest="command", required=True)

    calc = sub.add_parser("calc", help="计算得分（写入执行率、各指标得分、小计、总分、等次）")
    calc.add_argument("file", help="工作簿（.xlsx 或 .xlsm）")
    calc.add_argument("-o", "--output", help="另存为（默认写回原文件）")
    calc.set_defaults(run=_calc)

    chk = sub.add_parser(
        "check", help="检查：在“校验结果”工作表列出问题并标出单元格（发现错误时退出码为 1）"
    )
    chk.add_argument("file", help="工作簿（.xlsx 或 .xlsm）")
    chk.add_argument("-o", "--output", help="把标注了问题的工作簿另存为此文件（默认写回原文件）")
    chk.set_defaults(run=_check)

    rep = sub.add_parser("report", help="生成报告（只重写未经您修改的段落）")
    rep.add_argument("file", help="工作簿（.xlsx 或 .xlsm）")
    rep.add_argument("-o", "--output", help="另存为（默认写回原文件）")
    rep.add_argument(
        "--docx",
        nargs="?",
        const="",
        metavar="OUT",
        help="同时导出 Word 自评报告（公文格式，附各附件表格）；"
        '不写文件名时为“<年度>部门整体支出绩效自评报告-<单位>.docx”。需要 pip install "xlsrc[word]"',
    )
    rep.set_defaults(run=_report)

    prj = sub.add_parser(
        "project",
        help="项目支出绩效自评表：add 添加项目（每个项目一张工作表）、remove 删除项目、list 列出项目",
    )
    prj.add_argument("action", choices=("add", "remove", "list"), help="add、remove 或 list")
    prj.add_argument("file", help="工作簿（.xlsm 或 .xlsx）")
    prj.add_argument(
        "names", nargs="*", help="项目名称（可写多个；删除时也可写工作表名称）", metavar="项目名称"
    )
    prj.add_argument("-o", "--output", help="另存为（默认写回原文件，并保留备份）")
    prj.set_defaults(run=_project)

    fin = sub.add_parser(
        "finalize",
        help="定稿导出：计算、检查后生成报送财政局的 .xlsx（只含正式表格，不含宏）；"
        "检查发现错误时不导出（退出码为 1）",
    )
    fin.add_argument("file", help="工作簿（.xlsm 或 .xlsx）")
    fin.add_argument(
        "-o", "--output", help="定稿文件名（默认“<年度>部门整体支出绩效自评-<单位>.xlsx”）"
    )
    fin.add_argument("--format", default="xlsx", help="导出格式（默认 xlsx）")
    fin.add_argument("--force", action="store_true", help="检查发现错误时仍然导出（错误照样列出）")
    fin.set_defaults(run=_finalize)

    exp = sub.add_parser(
        "export",
        help="导出数据：计算、检查后把得分（json）或问题清单（csv）另存，供其他程序使用；工作簿不变",
    )
    exp.add_argument("format", help="数据格式：json（各表得分）或 csv（问题清单）")
    exp.add_argument("file", help="工作簿（.xlsx 或 .xlsm）")
    exp.add_argument(
        "-o", "--output", help="导出的文件（默认“<原文件名>-得分.json”或“-问题清单.csv”）"
    )
    exp.set_defaults(run=_export)

    imp = sub.add_parser(
        "import",
        help="把按正式表样填写的自评表（.xlsx/.xlsm/.xls/.ods，不必用本模板）填入模板："
        "部门整体支出绩效自评表填入“自评表”，每张项目支出绩效自评表成为一个项目",
    )
    imp.add_argument(
        "files",
        nargs="+",
        help="自评表工作簿（.xlsx、.xlsm、.xls 或 .ods），可写多个",
        metavar="file",
    )
    imp.add_argument("-o", "--output", required=True, help="填好的模板另存为（.xlsm）")
    imp.add_argument("--template", help="模板文件（默认为随 xlsrc 安装的模板）")
    imp.set_defaults(run=_import)

    aud = sub.add_parser(
        "audit",
        help="审核任一自评表：按规则重算每行得分，与表中得分、总分、分值核对（发现错误时退出码为 1）",
    )
    aud.add_argument("file", help="自评表工作簿（.xlsx、.xlsm、.xls 或 .ods）")
    aud.add_argument("-o", "--output", help="标注了问题的 .xlsx（默认“<原文件名>-审核.xlsx”）")
    aud.set_defaults(run=_audit)

    for cmd in (calc, chk, rep, fin, exp, imp, aud):
        cmd.add_argument(
            "--rules",
            help="评分规则名称或 .toml 文件路径（默认按工作簿“评分规则”单元格，留空则为岳阳市2024）",
        )

    col = sub.add_parser(
        "collect",
        help="汇总：读取文件夹中各单位的自评表，生成排名、图表和问题清单（有文件未汇总时退出码为 1）",
    )
    col.add_argument("folder", help="存放各单位自评表的文件夹（含子文件夹）")
    col.add_argument("-o", "--output", help="汇总工作簿（.xlsx，默认“<文件夹名>-汇总.xlsx”）")
    col.add_argument(
        "--rules", help="评分规则名称或 .toml 文件路径（默认按各工作簿“评分规则”单元格）"
    )
    col.add_argument("--jobs", type=int, help="同时读取的进程数（默认为处理器核数）")
    col.set_defaults(run=_collect)

    ini = sub.add_parser(
        "init", help="新建自评工作簿：复制一份模板，并在 xlwings.conf 中填好本机 Python 的路径"
    )
    ini.add_argument(
        "path",
        nargs="?",
        help=f"新工作簿的文件名（.xlsm，默认“{T.I_DEFAULT_NAME}”），不覆盖已有文件",
    )
    ini.set_defaults(run=_init)

    build = sub.add_parser("build-template", help="从源文件生成模板与示例工作簿")
    build.add_argument("--root", default=".", help="项目根目录（写入 workbook/）")
    build.set_defaults(run=_build)

    web = sub.add_parser(
        "build-web",
        help="生成在浏览器中使用的网页（静态网站：复制到任一网站服务器即可，工作簿不离开本机）",
    )
    web.add_argument("out_dir", help="写入网页的文件夹")
    web.add_argument("--pyodide", help="已下载的 pyodide npm 压缩包（.tgz，没有网络时用）")
    web.add_argument("--wheels", help="存放所需 .whl 文件的文件夹（没有网络时用）")
    web.add_argument(
        "--base-url",
        help="网站部署后的网址（如 https://czj.example.gov.cn/xlsrc/），写入 lite/ 与 wps/ 的加载项文件",
    )
    web.set_defaults(run=_build_web)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run one command; its exit code. Never lets a traceback reach the terminal."""
    from xlsrc.errors import XlsrcError

    _argv[:] = sys.argv[1:] if argv is None else argv
    args = parser().parse_args(argv)
    try:
        return int(args.run(args))
    except (XlsrcError, OSError) as exc:
        from xlsrc.files import sentence

        _print(T.U_ERROR.format(message=sentence(exc)), file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        _print(T.U_INTERRUPTED, file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:
        from xlsrc import crashlog

        _print(crashlog.explain(exc, f"xlsrc {args.command}", T.U_INTERNAL), file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
