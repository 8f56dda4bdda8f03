"""The official forms as a bureau prints them: the sheets of the 定稿, laid out afresh.

Each form the region asks for is copied from the clerk's workbook into a new workbook: the
printed columns only, each formula replaced by the value it shows, no fills, validation or
protection. Indicator rows left empty are dropped, 一级/二级指标 are merged down their groups as
on the official form, every row is sized to its final text (`xlsrc.build.measure`), and page
breaks keep a group, and the rows after a form's last block (总分, the signature line), on the
page of the rows before them. The report becomes a document: title, then each section's
heading and paragraphs.

A form is first planned (`Plan`: boxes on a grid), then sized, paginated and written, so rows
can still be added or boxes split where a page breaks.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from copy import copy
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from openpyxl.styles import Alignment, Border, Font
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from xlsrc import forms
from xlsrc.a1 import col_letter, parse_ref, ref_of
from xlsrc.adapters.base import Area, Port
from xlsrc.adapters.openpyxl_file import OpenpyxlFile
from xlsrc.binding import Binding
from xlsrc.build import measure
from xlsrc.build.draw import FOOTER, MARGINS
from xlsrc.build.sheet import DEFAULT_WIDTH, FONT, snap
from xlsrc.domain.controls import as_stored, decoded, for_document
from xlsrc.domain.shown import shown
from xlsrc.forms.model import Cell, Form, Formula, Matrix, Table, Text
from xlsrc.projects import numbered

# The report's text runs across two columns of this width (characters), merged on each row:
# LibreOffice shrinks a sheet to the page width only when it has more than one column.
REPORT_WIDTHS = [45.0, 45.0]
REPORT_FONTS = {
    "title": Font(name=FONT, sz=16, bold=True),
    "heading": Font(name=FONT, sz=12, bold=True),
    "text": Font(name=FONT, sz=12),
}
_SUM = re.compile(r"=SUM\(\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)\)", re.IGNORECASE)


@dataclass(frozen=True)
class Style:
    font: Font = field(default_factory=lambda: Font(name=FONT, sz=10))
    border: Border = field(default_factory=Border)
    alignment: Alignment = field(default_factory=Alignment)
    number_format: str = "General"

    @classmethod
    def of(cls, cell: Any) -> Style:
        return cls(copy(cell.font), copy(cell.border), copy(cell.alignment), cell.number_format)


@dataclass
class Box:
    """A cell of the plan, merged over `rows` × `cols` when larger than one."""

    value: object
    style: Style
    rows: int = 1
    cols: int = 1


@dataclass
class Plan:
    """One sheet of the 定稿 before it is written; rows and columns are 1-based."""

    title: str
    widths: list[float]
    boxes: dict[tuple[int, int], Box] = field(default_factory=dict)
    fixed: dict[int, float] = field(default_factory=dict)  # minimum heights kept from the form
    rows: int = 0
    repeat: tuple[int, int] | None = None
    keep: list[tuple[int, int, bool]] = field(default_factory=list)  # first, last, strong
    names: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)
    one_page: bool = False  # printed shrunk to one page instead of broken (set by `layout`)
    document: bool = False  # the report: paragraphs, which may be cut at a page's foot
    key: str = ""  # the form's key ("附件2", "项目自评表")
    scoped: bool = False  # an instance of a form of many (a project): its names are its sheet's

    def put(self, row: int, col: int, box: Box) -> None:
        self.boxes[(row, col)] = box
        self.rows = max(self.rows, row + box.rows - 1)


# -- from the workbook


def form_order(key: str) -> int:
    """Where the form lies in the bureau's pile: the report first, then the attachments as
    numbered (each form declares its `filing`)."""
    return forms.BY_KEY[key].filing


def printed_keys(required: tuple[str, ...] | list[str], skip: tuple[str, ...] = ()) -> list[str]:
    """The official forms a bureau receives of a workbook whose rules ask for `required`: those
    asked for, and the form of many instances (the projects), which prints once per instance
    whenever the workbook has any, whatever the rules."""
    return [
        k for k in forms.OFFICIAL if (k in required or forms.BY_KEY[k].scoped) and k not in skip
    ]


def plans(port: OpenpyxlFile, keys: list[str]) -> list[Plan]:
    """The plan of each official form named in `keys`, in the order a bureau files them; a form
    of many instances gives one plan per instance (each project), in tab order."""
    binding = Binding(port)
    inputs = {
        f: binding.value(f)
        for f in ("self.year", "self.unit", "sign.preparer", "sign.date", "sign.phone")
    }
    context = forms.context(inputs)
    out = []
    for key in sorted(keys, key=form_order):
        form = forms.BY_KEY[key]
        if form is forms.report.FORM:
            out.append(_report(binding, context))
            continue
        for each in binding.seen(form):
            out.append(_form(port, each, form, context))
    return out


def _print_bounds(ws: Worksheet, form: Form) -> tuple[int, int, int, int]:
    """First row, first column, last row, last column of the sheet's print area."""
    area = ws.print_area or form.page.area
    if isinstance(area, (list, tuple)):
        area = area[0]
    row, col, rows, cols = parse_ref(str(area).split("!")[-1].split(",")[0])
    return row, col, row + rows - 1, col + cols - 1


def column_widths(ws: Worksheet, first: int, last: int) -> list[float]:
    """Widths in characters (as Excel shows them) of the sheet's columns first..last."""
    widths = {}
    for dim in ws.column_dimensions.values():
        if dim.width and dim.min and dim.max:
            for c in range(dim.min, dim.max + 1):
                widths[c] = measure.shown_width(dim.width)
    return [widths.get(c, DEFAULT_WIDTH) for c in range(first, last + 1)]


def _unused_rows(binding: Binding, form: Form) -> set[int]:
    """Rows of the form's tables whose printed cells are all empty (1-based sheet rows)."""
    unused: set[int] = set()
    for table in (e for e in form.elements if isinstance(e, Table)):
        area = binding.area(table.name)
        printed = [c.key for c in table.columns if c.printed]
        for i, row in enumerate(binding.rows(table.field)):
            if all(row.get(k) in (None, "") for k in printed):
                unused.add(area.row + i)
    return unused


def _budget_rows(binding: Binding, form: Form) -> set[int]:
    """Rows sized in the workbook for text yet to be typed: sized here for the text typed."""
    return {binding.area(e.name).row for e in form.elements if isinstance(e, Cell) and e.budget > 0}


def _form(port: OpenpyxlFile, binding: Binding, form: Form, context: dict[str, Any]) -> Plan:
    """A form copied from the workbook: its print area, less the table rows left empty."""
    ws = port.book[binding.sheet(form)]
    r1, c1, r2, c2 = _print_bounds(ws, form)
    dropped = _unused_rows(binding, form)
    kept = [r for r in range(r1, r2 + 1) if r not in dropped]
    new_row = {old: i + 1 for i, old in enumerate(kept)}
    # An instance prints under its own sheet's name (the project's); a form of one under the
    # form's, wherever the clerk renamed its sheet.
    title = binding.sheet(form) if form.scoped else form.sheet
    plan = Plan(title, column_widths(ws, c1, c2), key=form.key, scoped=form.scoped)
    formulas = {
        e.value.text: e.value
        for e in form.elements
        if isinstance(e, Text) and isinstance(e.value, Formula)
    }

    def box(cell: Any, rows: int = 1, cols: int = 1) -> Box:
        return Box(_value(port, ws, cell, formulas, context), Style.of(cell), rows, cols)

    tables = [binding.area(t.name) for t in form.elements if isinstance(t, Table)]
    covered: set[tuple[int, int]] = set()
    for merged in ws.merged_cells.ranges:
        if merged.min_col < c1 or merged.max_col > c2:
            continue
        if any(_inside(merged.min_row, merged.min_col, t) for t in tables):
            continue  # merges inside a table are redrawn from its groups
        rows = [r for r in range(merged.min_row, merged.max_row + 1) if r in new_row]
        if rows:
            cols = merged.max_col - merged.min_col + 1
            top_left = ws.cell(merged.min_row, merged.min_col)
            plan.put(new_row[rows[0]], merged.min_col - c1 + 1, box(top_left, len(rows), cols))
            covered.update((r, c) for r in rows for c in range(merged.min_col, merged.max_col + 1))
    for old in kept:
        for col in range(c1, c2 + 1):
            if (old, col) not in covered:
                plan.put(new_row[old], col - c1 + 1, box(ws.cell(old, col)))
    budget_rows = _budget_rows(binding, form)
    for old in kept:
        dim = ws.row_dimensions.get(old)
        if dim is not None and dim.height and dim.customHeight and old not in budget_rows:
            plan.fixed[new_row[old]] = dim.height
    titles = _title_rows(ws)
    if titles and titles[0] in new_row and titles[1] in new_row:
        plan.repeat = (new_row[titles[0]], new_row[titles[1]])
        plan.keep.append((plan.repeat[1], plan.repeat[1] + 1, True))  # no header ends a page
        _free_titles(plan)
    _merge_groups(plan, binding, form, new_row, c1)
    _keep_tail(plan, binding, form, new_row, c2)
    _names(plan, binding, form, new_row, c1, c2)
    _label_grades(plan, form)
    return plan


# The 等次 printed under the 偏差原因 column: the 自评表's and each project's.
GRADE_FIELDS = ("form.grade", "project.grade")


def _label_grades(plan: Plan, form: Form) -> None:
    """A 等次 printed in a column headed otherwise (the 偏差原因 column) says what it
    is: "等次：优". The label is the cell's number format, so the cell still holds "优" and the
    定稿 reads back as the workbook does."""
    for element in form.named:
        if isinstance(element, Cell) and element.field in GRADE_FIELDS and element.label:
            at = plan.names.get(element.name)
            box = plan.boxes.get(at[:2]) if at else None
            if box is not None:
                box.style = replace(box.style, number_format=f'"{element.label}："@')


def _free_titles(plan: Plan) -> None:
    """A box reaching from the title rows into the body (the 绩效指标 label) starts below them:
    the titles print again on every page, and half a label would print with them."""
    assert plan.repeat
    below = plan.repeat[1] + 1
    for (r, c), box in list(plan.boxes.items()):
        if plan.repeat[0] <= r < below < r + box.rows:
            plan.boxes[(below, c)] = Box(box.value, box.style, r + box.rows - below, box.cols)
            plan.boxes[(r, c)] = Box(None, box.style, below - r, box.cols)


def _inside(row: int, col: int, area: Area) -> bool:
    return area.row <= row < area.row + area.rows and area.col <= col < area.col + area.cols


def _title_rows(ws: Worksheet) -> tuple[int, int] | None:
    """The rows printed again on every page ("$13:$13"), where the clerk's inserts moved them."""
    found = re.fullmatch(r"\$?(\d+):\$?(\d+)", str(ws.print_title_rows or ""))
    return (int(found[1]), int(found[2])) if found else None


def _value(
    port: Port, ws: Worksheet, cell: Any, formulas: dict[str, Formula], context: dict[str, Any]
) -> object:
    """What the cell shows: its value, a formula's result, the text of a declared formula."""
    if cell.data_type != "f":
        return decoded(cell.value) if isinstance(cell.value, str) else cell.value  # as shown
    text = str(cell.value)
    declared = formulas.get(text)
    if declared is not None and not declared.sum_of:
        return declared.cached.format_map(context)
    total = _SUM.fullmatch(text.strip())
    if total:
        return _sum(port, ws, total)
    return port.values(Area(ws.title, cell.row, cell.column))[0][0]


def _storable(value: object) -> object:
    """Shown text as the 定稿 stores it: the characters a file cannot hold left out, and a
    literal "_x0041_" escaped so that it reads back as typed (openpyxl writes text as given)."""
    if not isinstance(value, str):
        return value
    return as_stored(for_document(value))


def _sum(port: Port, ws: Worksheet, m: re.Match[str]) -> object:
    """=SUM(E5:E29) over what the cells hold now (the workbook may not have been recalculated)."""
    top, left, rows, cols = parse_ref(f"{m[1]}{m[2]}:{m[3]}{m[4]}")
    values = port.values(Area(ws.title, top, left, rows, cols))
    total = sum(
        (
            Decimal(str(v))
            for line in values
            for v in line
            if isinstance(v, (int, float)) and not isinstance(v, bool)
        ),
        Decimal(0),
    )
    return int(total) if total == total.to_integral_value() else float(total)


def _merge_groups(
    plan: Plan, binding: Binding, form: Form, new_row: dict[int, int], c1: int
) -> None:
    """一级/二级指标 merged down their groups, as on the official 自评表.

    A blank cell continues the group above, as does the same label written again; a new
    一级指标 starts new 二级 groups too. Each 二级 group is kept on one page when it fits.
    """
    for table in form.named:
        if isinstance(table, Table) and table.merged:
            _merge_table(plan, binding, table, new_row, c1)


def _merge_table(
    plan: Plan, binding: Binding, table: Table, new_row: dict[int, int], c1: int
) -> None:
    area = binding.area(table.name)
    rows = [new_row[area.row + i] for i in range(area.rows) if area.row + i in new_row]
    if not rows:
        return
    levels = [table.index(key) for key in table.merged]
    cols = [area.col + i - c1 + 1 for i in levels]
    keys = [c.key for c in table.columns]
    # The group's weight beside its 一级 label, where the table has a 分值 column.
    weight_col = area.col + keys.index("weight") - c1 + 1 if "weight" in keys else None
    starts: list[set[int]] = [set() for _ in cols]
    for depth, col in enumerate(cols):
        current: object = object()
        for r in rows:
            value = plan.boxes[(r, col)].value
            label = "".join(str(value).split()) if value not in (None, "") else None
            outer_start = depth and r in starts[depth - 1]
            if r == rows[0] or outer_start or (label is not None and label != current):
                starts[depth].add(r)
                current = label if label is not None else current
    for depth, col in enumerate(cols):
        ordered = sorted(starts[depth])
        for i, first in enumerate(ordered):
            last = (ordered[i + 1] if i + 1 < len(ordered) else rows[-1] + 1) - 1
            box = plan.boxes[(first, col)]
            box.rows = last - first + 1
            box.style = replace(
                box.style,
                alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
            )
            for r in range(first + 1, last + 1):
                del plan.boxes[(r, col)]
            if depth == len(cols) - 1 and depth and last > first:
                plan.keep.append((first, last, False))
            if depth == 0 and weight_col is not None:
                weights = [plan.boxes.get((r, weight_col)) for r in range(first, last + 1)]
                box.value = _weighed(box.value, [b.value if b else None for b in weights])


_WEIGHED = re.compile(r"[（(]\s*\d+(?:\.\d+)?\s*分\s*[）)]|\d+(?:\.\d+)?\s*分")


def _weighed(label: object, weights: list[object]) -> object:
    """An 一级指标 with its weight, as the official form prints it: "产出指标（50分）", the sum
    of its rows' 分值; a label that already states one keeps it (on a line of its own), and
    rows whose 分值 is not a number leave the label as it is.

    References:
        财预〔2020〕10号 附件 部门整体支出绩效自评表: 产出指标（50分）, 效益指标（30分）,
        满意度指标（10分）.
    """
    text = str(label or "").strip()
    if not text:
        return label
    stated = _WEIGHED.search(text)
    if stated:
        # "产出指标（50分）" typed on one line prints as the computed label does, the weight on
        # a line of its own: a narrow column would otherwise break it before its "）".
        head = text[: stated.start()].rstrip()
        if "\n" in text or not head or text[stated.start()] not in "（(":
            return label
        return f"{head}\n{text[stated.start() :]}"
    total = Decimal(0)
    for value in weights:
        if value in (None, ""):
            continue
        try:
            total += Decimal(str(value).strip().strip("\u3000"))
        except ArithmeticError:
            return label
    if not total.is_finite() or total <= 0:
        return label
    return f"{text}\n（{format(total.normalize(), 'f')}分）"


def _keep_tail(plan: Plan, binding: Binding, form: Form, new_row: dict[int, int], c2: int) -> None:
    """The rows after the form's last printed block (总分, notes, the signature) stay with
    the block's last row."""
    lasts = [0]
    for element in form.elements:
        if isinstance(element, (Table, Matrix)):
            area = binding.area(element.name)
            if area.col <= c2:
                lasts += [new_row[r] for r in range(area.row, area.row + area.rows) if r in new_row]
    if 0 < max(lasts) < plan.rows:
        plan.keep.append((max(lasts), plan.rows, True))


def _names(
    plan: Plan, binding: Binding, form: Form, new_row: dict[int, int], c1: int, c2: int
) -> None:
    """Defined names of the printed cells, so the 定稿 can be read like the workbook."""
    for element in form.named:
        area = binding.area(element.name)
        columns = getattr(element, "columns", ())
        printed = len(columns) if isinstance(element, Cell) else _printed_prefix(columns)
        width = area.cols if isinstance(element, Cell) else printed
        if not width or area.col < c1 or area.col + width - 1 > c2:
            continue
        rows = [new_row[r] for r in range(area.row, area.row + area.rows) if r in new_row]
        if not rows:
            continue
        plan.names[element.name] = (rows[0], area.col - c1 + 1, len(rows), width)


def _printed_prefix(columns: tuple[Any, ...]) -> int:
    count = 0
    for column in columns:
        if not getattr(column, "printed", True):
            break
        count += 1
    return count


def _report(binding: Binding, context: dict[str, Any]) -> Plan:
    """The report as a document: title, then each section's heading and its paragraphs."""
    form = forms.report.FORM
    plan = Plan(form.sheet, list(REPORT_WIDTHS), document=True, key=form.key)
    cols = len(REPORT_WIDTHS)
    wrap = Alignment(wrap_text=True, vertical="top")
    plan.put(
        1,
        1,
        Box(
            forms.report.HEADING.cached.format_map(context),
            Style(
                REPORT_FONTS["title"],
                alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
            ),
            cols=cols,
        ),
    )
    plan.fixed[1] = 40
    row = 3
    texts = binding.lines(forms.report.TEXT.field)
    for line in forms.report.SECTIONS:
        plan.put(row, 1, Box(line.label, Style(REPORT_FONTS["heading"], alignment=wrap), cols=cols))
        heading = row
        row += 1
        for paragraph in _paragraphs(texts[line.key]["text"]):
            plan.put(row, 1, Box(paragraph, Style(REPORT_FONTS["text"], alignment=wrap), cols=cols))
            row += 1
        plan.keep.append((heading, min(heading + 1, row - 1), True))
    return plan


def _paragraphs(text: object) -> list[str]:
    """A section's text, one row a paragraph (rows cannot grow past a page; paragraphs can)."""
    if text in (None, ""):
        return []
    return [p for p in str(text).replace("\r\n", "\n").split("\n") if p.strip()]


# -- sizing and pages


def _extent(plan: Plan) -> Iterator[tuple[int, int, Box]]:
    yield from ((r, c, box) for (r, c), box in sorted(plan.boxes.items()))


def needs(plan: Plan) -> list[tuple[int, int, float]]:
    """(first row, last row, points) of every box with text, by `measure`."""
    out = []
    for r, c, box in _extent(plan):
        if box.value in (None, ""):
            continue
        size, width = _measures(plan, c, box)
        text = shown(box.value, box.style.number_format)
        if box.style.alignment.wrap_text:
            need = measure.height(text, width, size)
        else:
            need = measure.line_height(size)
        out.append((r, r + box.rows - 1, need))
    return out


def _measures(plan: Plan, c: int, box: Box) -> tuple[float, float]:
    """The font size of a box at column `c`, and its width in column units."""
    return float(box.style.font.sz or measure.BASE_SIZE), sum(plan.widths[c - 1 : c - 1 + box.cols])


def heights(plan: Plan) -> dict[int, float]:
    """Every row's height: the form's own minimum, grown to show its text."""
    fitted = measure.fit_rows(needs(plan), plan.fixed)
    return {r: snap(max(fitted.get(r, 0.0), measure.DEFAULT_ROW)) for r in range(1, plan.rows + 1)}


TEXT_ROW_LINES = 12  # lines of a long text per row: a page ends at most this short of its foot


def split_long_texts(plan: Plan) -> None:
    """A one-row text taller than Excel's highest row goes on over rows of its own, each
    holding a few lines (so that pages fill up to their foot); boxes beside it are merged
    down those rows."""
    for (r, c), box in sorted(plan.boxes.items(), reverse=True):
        if box.rows != 1 or not isinstance(box.value, str) or not box.style.alignment.wrap_text:
            continue
        size, width = _measures(plan, c, box)
        most = int((measure.MAX_ROW - measure.ROW_PADDING) // measure.line_height(size))
        chunks, rest = [], box.value
        if measure.lines(rest, width, size) > most:  # no row could show it all
            while measure.lines(rest, width, size) > TEXT_ROW_LINES:
                head, rest = measure.split_text(rest, width, TEXT_ROW_LINES, size)
                chunks.append(head)
        if not chunks:
            continue
        chunks.append(rest)
        _insert_rows(plan, r, len(chunks) - 1)
        box.rows, box.value = 1, chunks[0]
        for i, chunk in enumerate(chunks[1:], start=1):
            plan.boxes[(r + i, c)] = Box(chunk, box.style, 1, box.cols)


def split_tall_rows(plan: Plan, sizes: dict[int, float]) -> dict[int, float]:
    """A row taller than Excel allows becomes several rows, every box on it merged down them."""
    for r in sorted(sizes, reverse=True):
        parts = math.ceil(sizes[r] / measure.MAX_ROW)
        if parts < 2:
            continue
        _insert_rows(plan, r, parts - 1)
        share = snap(sizes[r] / parts)
        sizes = {(k if k <= r else k + parts - 1): v for k, v in sizes.items()}
        for k in range(r, r + parts):
            sizes[k] = share
    return sizes


def _insert_rows(plan: Plan, row: int, count: int) -> None:
    moved: dict[tuple[int, int], Box] = {}
    for (r, c), box in plan.boxes.items():
        if r > row:
            moved[(r + count, c)] = box
        else:
            if r + box.rows - 1 >= row:
                box.rows += count
            moved[(r, c)] = box
    plan.boxes = moved
    plan.rows += count
    plan.fixed = {(k if k <= row else k + count): v for k, v in plan.fixed.items()}
    plan.keep = [(*_shifted(k[:2], row, count), k[2]) for k in plan.keep]
    if plan.repeat:
        plan.repeat = _shifted(plan.repeat, row, count)
    plan.names = {
        n: (r if r <= row else r + count, c, rows + (count if r <= row < r + rows else 0), cols)
        for n, (r, c, rows, cols) in plan.names.items()
    }


def _shifted(span: tuple[int, ...], row: int, count: int) -> tuple[int, int]:
    first, last = span[0], span[1]
    return (first if first <= row else first + count, last if last < row else last + count)


def page_breaks(plan: Plan, sizes: dict[int, float]) -> list[int]:
    """Rows (1-based) that begin a page, for Excel's zoom, which is the largest of the programs."""
    scale = measure.fit_scale(plan.widths, (MARGINS["left"], MARGINS["right"]))
    page = measure.page_rows_height(scale, (MARGINS["top"], MARGINS["bottom"]))
    heights_0 = [sizes[r] for r in range(1, plan.rows + 1)]
    keep = [(a - 1, b - 1, strong) for a, b, strong in plan.keep if b > a]
    repeat = (plan.repeat[0] - 1, plan.repeat[1] - 1) if plan.repeat else None
    return [b + 1 for b in measure.paginate(heights_0, page, keep, repeat)]


def split_at_breaks(plan: Plan, breaks: list[int], sizes: dict[int, float]) -> None:
    """A box running over a page break is cut there. A label (a text either part can show)
    is printed again on the new page; a longer text continues on the new page."""
    for b in breaks:
        for (r, c), box in list(plan.boxes.items()):
            if r < b <= r + box.rows - 1:
                head, tail = box.value, box.value
                if isinstance(box.value, str) and box.style.alignment.wrap_text:
                    size, width = _measures(plan, c, box)

                    def room(rows: range, size: float = size) -> int:
                        points = sum(sizes.get(k, measure.DEFAULT_ROW) for k in rows)
                        return int((points - measure.ROW_PADDING) // measure.line_height(size))

                    first, rest = room(range(r, b)), room(range(b, r + box.rows))
                    need = measure.lines(box.value, width, size)
                    if first >= 1 and need > max(first, rest):  # too long to print again
                        head, tail = measure.split_text(box.value, width, first, size)
                box.value = head
                plan.boxes[(b, c)] = Box(tail, box.style, r + box.rows - b, box.cols)
                box.rows = b - r


# -- writing


# A form printed at no less than this share of the zoom that fits its width, to print on one
# page, beats a second page holding its last rows, 总分 and the signature line.
ONE_PAGE_SHRINK = 0.85
FOOT_LINES = 2  # lines of a paragraph cut at a page's foot that go on each side of the cut


def _scale(plan: Plan) -> float:
    return measure.fit_scale(plan.widths, (MARGINS["left"], MARGINS["right"]))


def page_height(plan: Plan) -> float:
    """Sheet points of rows one page holds at the zoom that fits the columns (Excel's)."""
    return measure.page_rows_height(_scale(plan), (MARGINS["top"], MARGINS["bottom"]))


def fits_one_page(plan: Plan, sizes: dict[int, float]) -> bool:
    """Whether the form, fitted to one page tall, prints at no less than ONE_PAGE_SHRINK of
    the zoom that fits its width (the program then picks the zoom: no room kept for error)."""
    full = measure.page_rows_height(_scale(plan), (MARGINS["top"], MARGINS["bottom"]), fill=1.0)
    return sum(sizes.values()) <= full / ONE_PAGE_SHRINK


def fill_page_foot(plan: Plan, sizes: dict[int, float]) -> bool:
    """Cut the first paragraph a page break pushes whole onto the next page where the page
    before ends (at least FOOT_LINES lines on each side; a heading kept with it goes with the
    first part): pages of the report end at their foot, not where a long paragraph starts.
    Whether a paragraph was cut."""
    page = page_height(plan)
    breaks = page_breaks(plan, sizes)
    for start, b in zip([1, *breaks], breaks, strict=False):
        room = page - sum(sizes[r] for r in range(start, b))
        row = b
        if (b, b + 1, True) in plan.keep:  # a heading with its first paragraph
            room -= sizes[b]
            row = b + 1
        box = plan.boxes.get((row, 1))
        if box is None or box.rows != 1 or not isinstance(box.value, str):
            continue
        size, width = _measures(plan, 1, box)
        fit = int((room - measure.ROW_PADDING) // measure.line_height(size))
        fit = min(fit, measure.lines(box.value, width, size) - FOOT_LINES)
        if fit < FOOT_LINES:
            continue
        head, tail = measure.split_text(box.value, width, fit, size)
        if not head or not tail:
            continue
        ending_here = [k for k in plan.keep if k[1] == row]
        _insert_rows(plan, row, 1)
        plan.keep = [
            (k[0], row, k[2]) if (k[0], k[1] - 1, k[2]) in ending_here else k for k in plan.keep
        ]
        box.rows, box.value = 1, head
        plan.boxes[(row + 1, 1)] = Box(tail, box.style, 1, box.cols)
        return True
    return False


def layout(plan: Plan) -> tuple[dict[int, float], list[int]]:
    """Row heights and page breaks. A box cut at a break shows its whole text on each page,
    which may need taller rows there, and so other breaks: repeat until nothing moves.

    A form a little longer than a page is shrunk onto one (`Plan.one_page`, no breaks); the
    report's paragraphs are cut where a page ends."""
    split_long_texts(plan)
    sizes = split_tall_rows(plan, heights(plan))
    if not plan.document and fits_one_page(plan, sizes):
        plan.one_page = True
        return sizes, []
    if plan.document:
        for _ in range(plan.rows):
            if not fill_page_foot(plan, sizes):
                break
            sizes = split_tall_rows(plan, heights(plan))
    breaks: list[int] = []
    for _ in range(5):
        breaks = page_breaks(plan, sizes)
        split_at_breaks(plan, breaks, sizes)
        grown = split_tall_rows(plan, heights(replace(plan, fixed={**plan.fixed, **sizes})))
        if grown == sizes:
            break
        sizes = grown
    return sizes, breaks


def write(plan: Plan, book: Workbook) -> Worksheet:
    """Size, paginate and write the plan as a sheet of `book`."""
    sizes, breaks = layout(plan)
    # A project named like a form whose sheet the clerk renamed: numbered "（2）".
    ws = book.create_sheet(numbered(plan.title, book.sheetnames))
    for i, width in enumerate(plan.widths, start=1):
        ws.column_dimensions[col_letter(i - 1)].width = measure.stored_width(width)
    for r, size in sizes.items():
        ws.row_dimensions[r].height = size
    for r, c, box in _extent(plan):
        if box.rows > 1 or box.cols > 1:
            ws.merge_cells(
                start_row=r, start_column=c, end_row=r + box.rows - 1, end_column=c + box.cols - 1
            )
        cell = ws.cell(r, c)
        cell.value = _storable(box.value)
        if isinstance(box.value, str) and box.value.startswith("="):
            cell.data_type = "s"  # text stays text, never a formula
        for rr in range(r, r + box.rows):
            for cc in range(c, c + box.cols):
                _style(ws.cell(rr, cc), box.style)
    _page(ws, plan, breaks)
    for name, (r, c, rows, cols) in plan.names.items():
        ref = ref_of(r, c, rows, cols, absolute=True)
        defined = DefinedName(name, attr_text=f"{_quoted(ws.title)}!{ref}")
        # An instance's names are its sheet's own, as in the workbook: each project of the
        # 定稿 is found and read as the workbook's are.
        (ws.defined_names if plan.scoped else book.defined_names)[name] = defined
    return ws


def _quoted(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


def _style(cell: Any, style: Style) -> None:
    cell.font = copy(style.font)
    cell.border = copy(style.border)
    cell.alignment = copy(style.alignment)
    cell.number_format = style.number_format


def _page(ws: Worksheet, plan: Plan, breaks: list[int]) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1 if plan.one_page else 0
    ws.print_options.horizontalCentered = True
    for side, inches in {**MARGINS, "header": 0.3, "footer": 0.3}.items():
        setattr(ws.page_margins, side, inches)
    ws.oddFooter.center.text = FOOTER.removeprefix("&C")
    ws.print_area = ref_of(1, 1, plan.rows, len(plan.widths))
    if plan.repeat:
        ws.print_title_rows = f"{plan.repeat[0]}:{plan.repeat[1]}"
    for b in breaks:
        ws.row_breaks.append(Break(id=b - 1))
