"""Build the template workbook and the example workbooks from `layout` and `macros/`.

The `.xlsm` files in `workbook/` are generated, never edited by hand: XlsxWriter draws the
sheets, names, formats and buttons; pyOpenVBA turns `macros/*.bas|*.cls` into the VBA project.
Document properties are fixed so that the same sources give the same bytes, which lets a test
compare the committed binaries with a fresh build.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from xlsrc import layout as L

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_PATH = Path("workbook") / "template.xlsm"
EXAMPLES_DIR = Path("workbook") / "examples"
MACROS_DIR = Path("macros")

CREATED = dt.datetime(2024, 1, 1)  # fixed, so rebuilding gives identical bytes
FONT = "宋体"
FONT_SIZE = 10
LINE_HEIGHT = 15.0  # points per wrapped line at FONT_SIZE (CJK fonts need the extra leading)
DEFAULT_ROW_HEIGHT = 15.0
MAX_ROW_HEIGHT = 409.0  # Excel's limit
PAPER_A4 = 9
BUTTON_SIZE = {"width": 100, "height": 28}


# ---------------------------------------------------------------- VBA project


def macro_files(macros_dir: Path) -> list[Path]:
    """The modules of the VBA project, in a stable order."""
    files = [p for p in macros_dir.iterdir() if p.suffix.lower() in (".bas", ".cls")]
    return sorted(files, key=lambda p: p.name.lower())


def vba_project(macros_dir: Path, n_sheets: int) -> bytes:
    """vbaProject.bin holding ThisWorkbook, Sheet1..SheetN and the modules in `macros_dir`."""
    sources = tuple((p.name, p.read_bytes()) for p in macro_files(macros_dir))
    return _vba_project(sources, n_sheets)


@lru_cache(maxsize=4)
def _vba_project(sources: tuple[tuple[str, bytes], ...], n_sheets: int) -> bytes:
    import xlsxwriter
    from pyopenvba import ExcelFile, VBAModuleKind

    with tempfile.TemporaryDirectory() as tmp:
        # pyOpenVBA adds a document module per sheet of the file it is given, so the
        # skeleton needs the final sheet count; its names do not matter.
        skeleton, out = Path(tmp, "skeleton.xlsm"), Path(tmp, "vba.xlsm")
        book = xlsxwriter.Workbook(str(skeleton))
        for _ in range(n_sheets):
            book.add_worksheet()
        book.close()
        with ExcelFile(skeleton) as xf:
            project = xf.add_vba_project()
            for name, data in sources:
                stem, suffix = name.rsplit(".", 1)
                kind = VBAModuleKind.other if suffix.lower() == "cls" else VBAModuleKind.standard
                project.add_module(stem, data.decode("ascii"), kind=kind)
            xf.save(out)
        with zipfile.ZipFile(out) as z:
            return z.read("xl/vbaProject.bin")


# ---------------------------------------------------------------- cell grid


@dataclass(frozen=True)
class Formula:
    """A formula with the value to cache, for viewers that do not recalculate."""

    text: str
    value: Any = ""


def parse_ref(ref: str) -> tuple[int, int, int, int]:
    """'B14:O53' or 'C5' → 0-based (first_row, first_col, last_row, last_col), as XlsxWriter counts."""
    row, col, rows, cols = L.parse_ref(ref)
    return row - 1, col - 1, row + rows - 2, col + cols - 2


def abs_ref(ref: str) -> str:
    """'B14:O53' → '$B$14:$O$53'."""
    from xlsxwriter.utility import xl_rowcol_to_cell

    r1, c1, r2, c2 = parse_ref(ref)
    first = xl_rowcol_to_cell(r1, c1, True, True)
    if (r1, c1) == (r2, c2):
        return first
    return f"{first}:{xl_rowcol_to_cell(r2, c2, True, True)}"


def text_width(text: str) -> float:
    """Approximate display width in column units at FONT_SIZE (measured on LibreOffice output)."""
    return sum(1.6 if unicodedata.east_asian_width(ch) in "WF" else 0.9 for ch in text)


def wrapped_lines(text: str, width: float) -> int:
    usable = max(width - 1, 1)
    return sum(max(1, math.ceil(text_width(line) / usable)) for line in text.split("\n"))


class Grid:
    """One worksheet as values + format properties per cell, written out in one pass.

    Collecting first lets field roles be layered over the static form, and lets row heights
    follow the text actually written (neither Excel nor XlsxWriter sizes wrapped rows).
    """

    def __init__(self, book: Any, formats: Formats, name: str, vba_name: str) -> None:
        self.ws = book.add_worksheet(name)
        self.ws.set_vba_name(vba_name)
        self.formats = formats
        self.values: dict[tuple[int, int], Any] = {}
        self.props: dict[tuple[int, int], dict[str, Any]] = {}
        self.merges: list[tuple[int, int, int, int]] = []
        self.widths: dict[int, float] = {}
        self.heights: dict[int, float] = {}

    def columns(self, widths: dict[str, float]) -> None:
        for letter, width in widths.items():
            c = parse_ref(f"{letter}1")[1]
            self.widths[c] = width
            self.ws.set_column(c, c, width)

    def height(self, row1: int, points: float) -> None:
        self.heights[row1 - 1] = points

    def cells(self, ref: str) -> Iterator[tuple[int, int]]:
        r1, c1, r2, c2 = parse_ref(ref)
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                yield r, c

    def put(self, ref: str, value: Any = None, **props: Any) -> None:
        """Value into the top-left cell of `ref`, properties onto every cell of it."""
        r1, c1, _, _ = parse_ref(ref)
        if value is not None:
            self.values[(r1, c1)] = value
        for rc in self.cells(ref):
            self.props.setdefault(rc, {}).update(props)

    def merge(self, ref: str, value: Any = None, **props: Any) -> None:
        self.put(ref, value, **props)
        self.merges.append(parse_ref(ref))

    def row(self, ref: str, values: Iterable[Any], **props: Any) -> None:
        r, c, _, _ = parse_ref(ref)
        for i, v in enumerate(values):
            self.put(_cell(r, c + i), v, **props)

    def flush(self) -> None:
        covered: set[tuple[int, int]] = set()
        need: dict[int, float] = {}
        for r1, c1, r2, c2 in self.merges:
            fmt = self.formats.get(self.props.get((r1, c1), {}))
            self.ws.merge_range(r1, c1, r2, c2, None, fmt)
            for r in range(r1, r2 + 1):
                covered.update((r, c) for c in range(c1 + 1 if r == r1 else c1, c2 + 1))
            self._note_height(need, r1, r2, c1, c2)
        for rc in sorted(set(self.values) | set(self.props)):
            if rc in covered:
                continue
            r, c = rc
            self._write(r, c, self.values.get(rc), self.formats.get(self.props.get(rc, {})))
            if not any(m[0] <= r <= m[2] and m[1] <= c <= m[3] for m in self.merges):
                self._note_height(need, r, r, c, c)
        for r in sorted(set(need) | set(self.heights)):
            h = max(self.heights.get(r, 0.0), need.get(r, 0.0))
            if h > DEFAULT_ROW_HEIGHT or r in self.heights:
                self.ws.set_row(r, min(h, MAX_ROW_HEIGHT))

    def _note_height(self, need: dict[int, float], r1: int, r2: int, c1: int, c2: int) -> None:
        value = self.values.get((r1, c1))
        props = self.props.get((r1, c1), {})
        if not isinstance(value, (str, Formula)) or not props.get("text_wrap"):
            return
        text = value if isinstance(value, str) else str(value.value)
        width = sum(self.widths.get(c, 8.43) for c in range(c1, c2 + 1))
        points = wrapped_lines(text, width) * LINE_HEIGHT + 4
        rows = r2 - r1 + 1
        # A merged cell spreads its text over its rows; only grow rows not sized otherwise.
        per_row = points / rows
        for r in range(r1, r2 + 1):
            need[r] = max(need.get(r, 0.0), per_row)

    def _write(self, r: int, c: int, value: Any, fmt: Any) -> None:
        ws = self.ws
        if isinstance(value, Formula):
            ws.write_formula(r, c, value.text, fmt, value.value)
        elif value is None or value == "":
            ws.write_blank(r, c, None, fmt)
        elif isinstance(value, bool):
            ws.write_boolean(r, c, value, fmt)
        elif isinstance(value, (int, float)):
            ws.write_number(r, c, value, fmt)
        else:
            # Always a string, even when it looks like "=..." or a number: data stays data.
            ws.write_string(r, c, str(value), fmt)


def _cell(r: int, c: int) -> str:
    from xlsxwriter.utility import xl_rowcol_to_cell

    return xl_rowcol_to_cell(r, c)


class Formats:
    """XlsxWriter formats shared by property set, on top of the body font."""

    BASE = {"font_name": FONT, "font_size": FONT_SIZE, "valign": "vcenter"}

    def __init__(self, book: Any) -> None:
        self.book = book
        self.cache: dict[tuple[tuple[str, Any], ...], Any] = {}

    def get(self, props: dict[str, Any]) -> Any:
        merged = {**self.BASE, **props}
        key = tuple(sorted(merged.items()))
        if key not in self.cache:
            self.cache[key] = self.book.add_format(merged)
        return self.cache[key]


# Reusable property sets.
BOX = {"border": 1, "text_wrap": True}
HEAD = {**BOX, "bold": True, "align": "center", "bg_color": L.COLOR_HEADER}
LABEL = {**BOX, "align": "center"}
TITLE = {"bold": True, "font_size": 16, "align": "center"}
NOTE = {"font_size": 9, "text_wrap": True, "valign": "top"}

NUM_FORMATS = {
    L.Fmt.MONEY: "0.00",
    L.Fmt.PERCENT: "0.00%",
    L.Fmt.SCORE: "General",
    L.Fmt.INTEGER: "0",
}


def role_props(role: L.Role, fmt: L.Fmt) -> dict[str, Any]:
    """Fill, lock flag and number format of a named cell."""
    props: dict[str, Any] = {"border": 1}
    if role is L.Role.INPUT:
        props.update(bg_color=L.COLOR_INPUT, locked=False)
    else:
        props.update(bg_color=L.COLOR_OUTPUT, locked=True)
    if fmt in NUM_FORMATS:
        props["num_format"] = NUM_FORMATS[fmt]
        props["align"] = "center"
    if fmt is L.Fmt.LONGTEXT:
        props.update(text_wrap=True, valign="top", align="left")
    if fmt is L.Fmt.TEXT:
        props["text_wrap"] = True
    return props


def page_setup(
    grid: Grid, area: str, *, landscape: bool = False, repeat: tuple[int, int] | None = None
) -> None:
    ws = grid.ws
    ws.set_paper(PAPER_A4)
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.center_horizontally()
    ws.fit_to_pages(1, 0)
    ws.print_area(area)
    if repeat:
        ws.repeat_rows(repeat[0] - 1, repeat[1] - 1)


def _vertical(text: str) -> str:
    """One character per line: narrow side labels of the printed forms."""
    return "\n".join(text)


def _year_title(data: dict[str, Any] | None, title: str) -> Formula:
    year = (data or {}).get("year")
    return Formula(f'=xs_year&"{title}"', f"{year if year is not None else ''}{title}")


# ---------------------------------------------------------------- sheets


def sheet_help(g: Grid) -> None:
    g.columns({"A": 26, "B": 84})
    g.merge("A1:B1", L.TITLE_HELP, **TITLE)
    g.height(1, 30)
    row = 3
    for heading, text in L.HELP_SECTIONS:
        g.put(f"A{row}", heading or None, bold=True, valign="top", text_wrap=True)
        g.put(f"B{row}", text, text_wrap=True, valign="top")
        row += 1
    row += 1
    g.put(f"A{row}", "颜色示例", bold=True)
    row += 1
    for color, text in (
        (L.COLOR_INPUT, "需要填写的单元格"),
        (L.COLOR_OUTPUT, "按钮计算填写的单元格"),
        (L.COLOR_ERROR, "检查发现的错误"),
        (L.COLOR_WARNING, "检查发现的提醒"),
    ):
        g.put(f"A{row}", None, bg_color=color, border=1)
        g.put(f"B{row}", text)
        row += 1
    page_setup(g, f"A1:B{row - 1}")


def sheet_base(g: Grid, data: dict[str, Any] | None) -> None:
    g.columns({"A": 36, "B": 12, "C": 12, "D": 12, "E": 12, "F": 12, "G": 12})
    g.put("A1", "附件1")
    g.merge("A2:G2", _year_title(data, L.TITLE_BASE), **TITLE)
    g.height(2, 30)
    year = (data or {}).get("year")

    def year_label(offset: int, suffix: str) -> Formula:
        fallback = "上年" if offset else "本年"
        cached = f"{year - offset}年" if year else fallback
        text = f'=IF(xs_year="","{fallback}",(xs_year-{offset})&"年")&"{suffix}"'
        return Formula(text, cached + suffix)

    g.put("A3", "财政供养人员情况（人）", **HEAD)
    g.put("B3", "编制数", **HEAD)
    g.put("C3", year_label(0, "实际在职人数"), **HEAD)
    g.merge("D3:G3", "控制率", **HEAD)
    g.put("A4", None, **BOX)
    g.merge("D4:G4")
    g.put("A5", "经费控制情况（万元）", **HEAD)
    g.put("B5", year_label(1, "决算数"), **HEAD)
    g.put("C5", year_label(0, "预算数"), **HEAD)
    g.merge("D5:G5", year_label(0, "决算数"), **HEAD)
    for i, (label, indent) in enumerate(L.EXPENSE_ROWS):
        r = L.EXPENSE_FIRST_ROW + i
        g.put(f"A{r}", label, **BOX, indent=indent * 2, bold=indent == 0)
        g.merge(f"D{r}:G{r}")
    r = L.EXPENSE_FIRST_ROW + len(L.EXPENSE_ROWS)
    g.row(
        f"A{r}",
        (
            "楼堂馆所控制情况\n（本年完工项目）",
            "批复规模\n（㎡）",
            "实际规模\n（㎡）",
            "规模控制率",
            "预算投资\n（万元）",
            "实际投资\n（万元）",
            "投资概算\n控制率",
        ),
        **HEAD,
    )
    g.put(f"A{r + 1}", None, **BOX)
    g.put(f"A{r + 2}", "厉行节约保障措施", **HEAD)
    g.merge(f"B{r + 2}:G{r + 2}")
    g.height(r + 2, 60)
    g.merge(
        f"A{r + 3}:G{r + 3}",
        "说明：“项目支出”需要填报基本支出以外的所有项目支出情况，“公用经费”填报基本支出中的一般商品和服务支出。",
        **NOTE,
    )
    prep = (data or {}).get("preparer", {})
    sign = Formula(
        '="填表人："&xs_preparer&"    填报日期："&xs_fill_date&"    联系电话："&xs_phone'
        '&"    单位负责人签字："&xs_head',
        f"填表人：{prep.get('name') or ''}    填报日期：{prep.get('date') or ''}    "
        f"联系电话：{prep.get('phone') or ''}    单位负责人签字：{prep.get('head') or ''}",
    )
    g.merge(f"A{r + 4}:G{r + 4}", sign, font_size=FONT_SIZE)
    page_setup(g, f"A1:G{r + 4}")


def sheet_self(g: Grid, data: dict[str, Any] | None, bands: tuple[str, ...]) -> None:
    widths = {"A": 7}
    for i, col in enumerate(L.INDICATOR_COLUMNS):
        widths[L.col_letter(L.INDICATOR_FIRST_COL + i)] = col.width
    g.columns(widths)
    g.put("A1", "附件2")
    g.put("H1", "评价年度", align="right")
    g.merge("A2:I2", _year_title(data, L.TITLE_SELF), **TITLE)
    g.height(2, 30)
    g.merge("A3:B3", "市级预算部门名称", **LABEL)
    g.merge("C3:I3")
    g.height(3, 22)
    g.merge("A4:A10", _vertical("年度预算申请（万元）"), **LABEL)
    g.row("B4", ("", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率"), **HEAD)
    g.merge("H4:I4", "得分", **HEAD)
    g.put("B5", "年度资金总额", **LABEL)
    g.merge("H5:I5")
    g.merge("B6:E6", "按收入性质分：", **BOX)
    g.merge("F6:I6", "按支出性质分：", **BOX)
    for r, text in (
        (7, "其中：一般公共预算"),
        (8, "政府性基金拨款"),
        (9, "纳入专户管理的非税收入拨款"),
        (10, "其他资金"),
    ):
        g.merge(f"B{r}:D{r}", text, **BOX, align="right")
    for r, text in ((7, "其中：基本支出"), (8, "项目支出")):
        g.merge(f"F{r}:H{r}", text, **BOX, align="right")
    g.merge("F9:I9", None, **BOX)
    g.merge("F10:I10", None, **BOX)
    g.merge("A11:A12", _vertical("年度总体目标"), **LABEL)
    g.merge("B11:E11", "预期目标", **HEAD)
    g.merge("F11:I11", "实际完成情况", **HEAD)
    g.merge("B12:E12")
    g.merge("F12:I12")
    g.height(12, 120)

    # Indicator block: headers, per-column roles, dropdowns; no merges inside it.
    first, last = L.INDICATOR_FIRST_ROW, L.INDICATOR_FIRST_ROW + L.INDICATOR_ROWS - 1
    g.merge(f"A{L.INDICATOR_HEADER_ROW}:A{last}", _vertical("绩效指标"), **LABEL)
    for i, col in enumerate(L.INDICATOR_COLUMNS):
        letter = L.col_letter(L.INDICATOR_FIRST_COL + i)
        g.put(f"{letter}{L.INDICATOR_HEADER_ROW}", col.header, **HEAD)
        g.put(f"{letter}{first}:{letter}{last}", None, **role_props(col.role, col.fmt))
    g.height(L.INDICATOR_HEADER_ROW, 30)
    lists = {"level1": L.LEVEL1_CHOICES, "level2": L.LEVEL2_CHOICES, "band": bands}
    for key, choices in lists.items():
        letter = L.col_letter(L.INDICATOR_FIRST_COL + L.column_index(key))
        g.ws.data_validation(
            f"{letter}{first}:{letter}{last}",
            {
                "validate": "list",
                "source": list(choices),
                "ignore_blank": True,
                # A warning, not a stop: published forms write "产出指标（50分）" and the like.
                "error_type": "warning",
            },
        )

    t = L.INDICATOR_TOTAL_ROW
    g.merge(f"A{t}:F{t}", "总分", **LABEL, bold=True)
    g.height(t, 20)
    s = t + 2
    g.put(f"A{s}", "填表人", align="right")
    g.put(f"C{s}", "填报日期", align="right")
    g.put(f"E{s}", "联系电话", align="right")
    g.put(f"G{s}", "负责人", align="right")
    g.merge(f"H{s}:I{s}")

    # Beside the printed form: status line and subtotals by 一级指标.
    status = L.FIELD_BY_NAME["xs_status"].ref
    g.merge(f"{status}:O{parse_ref(status)[0] + 1}")
    g.row(f"{L.SUMMARY_LABEL_COL}{L.SUMMARY_HEADER_ROW}", ("类别", "分值", "得分"), **HEAD)
    for i, label in enumerate(L.SUMMARY_ROWS):
        g.put(f"{L.SUMMARY_LABEL_COL}{L.SUMMARY_HEADER_ROW + 1 + i}", label, **LABEL)

    page_setup(g, f"A1:I{s}", repeat=(L.INDICATOR_HEADER_ROW, L.INDICATOR_HEADER_ROW))


def sheet_review(g: Grid) -> None:
    g.columns({"A": 10, "B": 10, "C": 58, "D": 22, "E": 6, "F": 9})
    g.put("A1", "附件5")
    g.merge("A2:F2", L.TITLE_REVIEW, **TITLE)
    g.height(2, 30)
    g.row("A3", L.REVIEW_HEADERS, **HEAD)
    first = 4
    _grouped_rows(g, first, list(L.REVIEW_ROWS), left="CD")
    last = first + len(L.REVIEW_ROWS) - 1
    g.put(f"F{first}:F{last}", None, **role_props(L.Role.INPUT, L.Fmt.SCORE))
    t = last + 1
    g.merge(f"A{t}:D{t}", "合计", **LABEL, bold=True)
    g.put(f"E{t}", Formula(f"=SUM(E{first}:E{last})", 100), **LABEL)
    g.put(f"F{t}", Formula(f"=SUM(F{first}:F{last})", 0), **LABEL)
    page_setup(g, f"A1:F{t}", repeat=(3, 3))


RATING_FIRST_ROW = 5  # first criteria row of 评价评分表


def sheet_rating(g: Grid, data: dict[str, Any] | None) -> None:
    g.columns({"A": 9, "B": 10, "C": 16, "D": 50, "E": 6, "F": 8, "G": 18})
    g.put("A1", "附件4-1")
    g.merge("A2:G2", L.TITLE_RATING, **TITLE)
    g.height(2, 30)
    unit = (data or {}).get("unit") or ""
    g.merge("A3:G3", Formula('="单位："&xs_unit', f"单位：{unit}"))
    g.row("A4", L.RATING_HEADERS, **HEAD)
    first = RATING_FIRST_ROW
    _grouped_rows(g, first, list(L.RATING_ROWS), left="D")
    last = first + len(L.RATING_ROWS) - 1
    g.put(f"F{first}:F{last}", None, **role_props(L.Role.INPUT, L.Fmt.SCORE))
    g.put(f"G{first}:G{last}", None, **role_props(L.Role.INPUT, L.Fmt.TEXT))
    scores = (data or {}).get("rating") or []
    for i, (score, reason) in enumerate(scores):
        g.put(f"F{first + i}", score)
        g.put(f"G{first + i}", reason)
    t = last + 1
    g.merge(f"A{t}:D{t}", "总  分", **LABEL, bold=True)
    g.put(f"E{t}", Formula(f"=SUM(E{first}:E{last})", 100), **LABEL)
    total = sum(s for s, _ in scores if isinstance(s, (int, float)))
    g.put(f"F{t}", Formula(f"=SUM(F{first}:F{last})", total), **LABEL)
    g.put(f"G{t}", None, **BOX)
    g.merge(f"A{t + 1}:G{t + 1}", L.RATING_NOTE, **NOTE)
    page_setup(g, f"A1:G{t + 1}", repeat=(4, 4))


def _grouped_rows(g: Grid, first: int, rows: list[tuple[Any, ...]], left: str) -> None:
    """Rows of a criteria table from column A; None continues the cell above (merged)."""
    for j in range(len(rows[0])):
        letter = L.col_letter(j)
        props = {**BOX, "align": "left" if letter in left else "center"}
        start = first
        for i, row in enumerate(rows):
            r = first + i
            if row[j] is not None:
                start = r
                g.put(f"{letter}{r}", row[j], **props)
            ends = i + 1 == len(rows) or rows[i + 1][j] is not None
            if ends and r > start:
                g.merge(f"{letter}{start}:{letter}{r}", None, **props)


def sheet_report(g: Grid, data: dict[str, Any] | None) -> None:
    g.columns({"A": 24, "B": 90})
    unit = (data or {}).get("unit") or ""
    year = (data or {}).get("year")
    g.merge(
        "A1:B1",
        Formula(
            f'=xs_year&"年度"&xs_unit&"{L.TITLE_REPORT}"',
            f"{year if year is not None else ''}年度{unit}{L.TITLE_REPORT}",
        ),
        **TITLE,
        text_wrap=True,
    )
    g.height(1, 40)
    g.merge("A2:B2", "（各部分正文可由“生成报告”按钮生成，生成后可直接修改。）", **NOTE)
    g.row(f"A{L.REPORT_FIRST_ROW - 1}", ("部分", "正文"), **HEAD)
    for i, section in enumerate(L.REPORT_SECTIONS):
        r = L.REPORT_FIRST_ROW + i
        g.put(f"A{r}", section, **BOX, valign="top", bold=True)
        g.height(r, 60)
    # The last generated text is the buttons' memory, not something the clerk reads.
    generated = parse_ref(L.FIELD_BY_NAME["xs_report_generated"].ref)[1]
    g.ws.set_column(generated, generated, 40, None, {"hidden": True})
    page_setup(g, f"A1:B{L.REPORT_FIRST_ROW + len(L.REPORT_SECTIONS) - 1}")


def sheet_checks(g: Grid) -> None:
    g.columns({"A": 6, "B": 12, "C": 6, "D": 12, "E": 10, "F": 70})
    g.merge("A1:F1", L.TITLE_CHECKS, **TITLE)
    g.height(1, 30)
    status = L.FIELD_BY_NAME["xs_check_status"].ref
    g.merge(f"{status}:F{parse_ref(status)[0] + 1}")
    g.row(f"A{L.CHECK_FIRST_ROW - 1}", L.CHECK_HEADERS, **HEAD)
    # Printing stops after a page of rows; the list on screen is longer.
    page_setup(g, f"A1:F{L.CHECK_FIRST_ROW + 40}", repeat=(L.CHECK_FIRST_ROW - 1,) * 2)


def sheet_conf(g: Grid) -> None:
    g.columns({"A": 20, "B": 40})
    for i, (key, value) in enumerate(L.XLWINGS_CONF):
        g.put(f"A{i + 1}", key)
        g.put(
            f"B{i + 1}",
            value if value != "" else None,
            **({} if value != "" else {"locked": False, "bg_color": L.COLOR_INPUT}),
        )
    g.put(f"A{len(L.XLWINGS_CONF) + 2}", L.XLWINGS_CONF_NOTE)
    page_setup(g, f"A1:B{len(L.XLWINGS_CONF) + 2}")


# ---------------------------------------------------------------- fields and data


def apply_fields(grids: dict[str, Grid]) -> None:
    """Colour, lock and format every named cell; the indicator block by column."""
    for f in L.FIELDS:
        if f.name == "xs_indicators":
            continue  # styled per column in sheet_self
        grids[f.sheet].put(f.ref, **role_props(f.role, f.fmt))


def define_names(book: Any) -> None:
    for f in L.FIELDS:
        book.define_name(f.name, f"='{f.sheet}'!{abs_ref(f.ref)}")


def fill(grids: dict[str, Grid], data: dict[str, Any]) -> None:
    """Write an example's inputs into the named cells; outputs stay empty."""

    def put(name: str, value: Any, offset: tuple[int, int] = (0, 0)) -> None:
        if value is None:
            return
        f = L.FIELD_BY_NAME[name]
        r1, c1, _, _ = parse_ref(f.ref)
        grids[f.sheet].put(_cell(r1 + offset[0], c1 + offset[1]), value)

    put("xs_year", data.get("year"))
    put("xs_unit", data.get("unit"))
    names = {attr: name for name, attr in L.BUDGET_NAMES.items()}
    for attr, value in (data.get("budget") or {}).items():
        if attr in names:
            put(names[attr], value)
    goals = data.get("goals") or {}
    put("xs_goal_expected", goals.get("expected"))
    put("xs_goal_actual", goals.get("actual"))
    inputs = [(i, c.key) for i, c in enumerate(L.INDICATOR_COLUMNS) if c.role is L.Role.INPUT]
    for r, ind in enumerate(data.get("indicators") or []):
        if r >= L.INDICATOR_ROWS:
            raise ValueError(f"示例数据的绩效指标超过 {L.INDICATOR_ROWS} 行")
        for i, key in inputs:
            put("xs_indicators", ind.get(key), (r, i))
    prep = data.get("preparer") or {}
    for key, name in (
        ("name", "xs_preparer"),
        ("date", "xs_fill_date"),
        ("phone", "xs_phone"),
        ("head", "xs_head"),
    ):
        put(name, prep.get(key))
    base = data.get("base") or {}
    staff = base.get("staff") or {}
    put("xs_staff_authorized", staff.get("authorized"))
    put("xs_staff_actual", staff.get("actual"))
    for r, row in enumerate(base.get("expenses") or []):
        for c, value in enumerate(row[1:4]):
            put("xs_expenses", value, (r, c))
    building = base.get("building") or {}
    for key in ("building_plan", "building_actual", "invest_plan", "invest_actual"):
        put(f"xs_{key}", building.get(key))
    put("xs_frugality", base.get("frugality"))


# ---------------------------------------------------------------- workbooks


def write_workbook(out_path: Path, vba_bin: bytes, data: dict[str, Any] | None = None) -> Path:
    import xlsxwriter

    from xlsrc.rules import load_rules

    bands = tuple(b.name for b in load_rules().bands)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    book = xlsxwriter.Workbook(str(out_path))
    book.set_properties(
        {
            "title": "部门整体支出绩效自评",
            "subject": (data or {}).get("unit") or "模板",
            "author": "xlsrc",
            "created": CREATED,
        }
    )
    book.add_vba_project(io.BytesIO(vba_bin), is_stream=True)
    book.set_vba_name("ThisWorkbook")
    formats = Formats(book)
    grids = {name: Grid(book, formats, name, f"Sheet{i + 1}") for i, name in enumerate(L.SHEETS)}
    sheet_help(grids[L.SHEET_HELP])
    sheet_base(grids[L.SHEET_BASE], data)
    sheet_self(grids[L.SHEET_SELF], data, bands)
    sheet_review(grids[L.SHEET_REVIEW])
    sheet_rating(grids[L.SHEET_RATING], data)
    sheet_report(grids[L.SHEET_REPORT], data)
    sheet_checks(grids[L.SHEET_CHECKS])
    sheet_conf(grids[L.SHEET_CONF])
    apply_fields(grids)
    if data is not None:
        fill(grids, data)
    for grid in grids.values():
        grid.flush()
    define_names(book)
    for caption, macro, sheet, cell in L.BUTTONS:
        grids[sheet].ws.insert_button(cell, {"macro": macro, "caption": caption, **BUTTON_SIZE})
    grids[L.SHEET_SELF].ws.activate()
    book.close()
    return out_path


def build_template(out_path: Path, root: Path = ROOT) -> Path:
    """Write the empty template workbook."""
    vba = vba_project(root / MACROS_DIR, len(L.SHEETS))
    return write_workbook(Path(out_path), vba)


def build_examples(out_dir: Path, root: Path = ROOT) -> list[Path]:
    """Write one example workbook per data file in workbook/examples/data."""
    vba = vba_project(root / MACROS_DIR, len(L.SHEETS))
    written = []
    for src in sorted((root / EXAMPLES_DIR / "data").glob("*.json")):
        data = json.loads(src.read_text(encoding="utf-8"))
        written.append(write_workbook(Path(out_dir) / f"{src.stem}.xlsm", vba, data))
    return written


def build_all(root: Path = ROOT) -> list[Path]:
    """Write workbook/template.xlsm and workbook/examples/*.xlsm under `root`."""
    root = Path(root)
    return [build_template(root / TEMPLATE_PATH, root), *build_examples(root / EXAMPLES_DIR, root)]


def main_build(root: Path) -> list[Path]:
    """Entry point of `xlsrc build-template`: the files written."""
    return build_all(root)
