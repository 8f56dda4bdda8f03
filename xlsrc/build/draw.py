"""Draw any form from its declaration: fixed text, criteria tables, named cells, tables, matrices."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from xlsrc.a1 import cell_ref, col_letter, col_number, parse_ref
from xlsrc.build.sheet import DEFAULT_WIDTH, CachedFormula, Grid, Printing
from xlsrc.build.sheet import parse_ref as bounds
from xlsrc.forms.model import (
    COLOR_HEADER,
    COLOR_INPUT,
    COLOR_OUTPUT,
    Cell,
    Criteria,
    Fmt,
    Form,
    Formula,
    Matrix,
    Role,
    Table,
    Text,
)

# Property sets a form names by `style`.
BOX = {"border": 1, "text_wrap": True}
STYLES: dict[str, dict[str, Any]] = {
    "": {},
    "box": BOX,
    "head": {**BOX, "bold": True, "align": "center", "bg_color": COLOR_HEADER},
    "label": {**BOX, "align": "center"},
    "title": {"bold": True, "font_size": 16, "align": "center"},
    "note": {"font_size": 9, "text_wrap": True, "valign": "top"},
    "section": {**BOX, "valign": "top", "bold": True},
    "outline": BOX,  # indented by the line's level, top level bold
    "line": {"border": 0, "bottom": 1},  # a line to sign or write on with a pen
}

# What a clerk may still do on a protected sheet (XlsxWriter's names; True = allowed). The
# buttons' VBA sets the same protection again after Python has written (macros/Buttons.bas).
PROTECTION = {
    "format_columns": True,
    "format_rows": True,  # rows may be made taller for long text
    "insert_rows": True,  # indicator rows may be inserted
}
FOOTER = "&C第 &P 页，共 &N 页"
MARGINS = {"left": 0.5, "right": 0.5, "top": 0.6, "bottom": 0.6}  # inches

NUM_FORMATS = {
    Fmt.MONEY: "0.00",
    Fmt.PERCENT: "0.00%",
    Fmt.SCORE: "General",
    Fmt.INTEGER: "0",
}

Choices = Callable[[str], tuple[str, ...]]


def budget_text(characters: int) -> str:
    """What a box that holds `characters` of typed text is sized for: paragraphs of 100."""
    paragraphs = ["一" * 100] * (characters // 100) + ["一" * (characters % 100)]
    return "\n".join(p for p in paragraphs if p)


def role_props(role: Role, fmt: Fmt) -> dict[str, Any]:
    """Fill, lock flag and number format of a named cell."""
    props: dict[str, Any] = {"border": 1}
    if role is Role.INPUT:
        props.update(bg_color=COLOR_INPUT, locked=False)
    else:
        props.update(bg_color=COLOR_OUTPUT, locked=True)
    if fmt in NUM_FORMATS:
        props["num_format"] = NUM_FORMATS[fmt]
        props["align"] = "center"
    if fmt is Fmt.LONGTEXT:
        props.update(text_wrap=True, valign="top", align="left")
    if fmt is Fmt.TEXT:
        props["text_wrap"] = True
    if fmt is Fmt.AS_TYPED:  # Excel and WPS keep what is typed here as text, not 0.995
        props.update(num_format="@", text_wrap=True)
    return props


def draw(grid: Grid, form: Form, choices: Choices) -> None:
    """Lay the form out on its worksheet: widths, heights, every element, print setup."""
    grid.columns(dict(form.widths))
    for row, points in form.heights.items():
        grid.height(row, points)
    for element in form.elements:
        if isinstance(element, Text):
            _text(grid, element)
        elif isinstance(element, Criteria):
            _criteria(grid, element)
        elif isinstance(element, Cell):
            _cell(grid, element, choices)
        elif isinstance(element, Table):
            _table(grid, element, choices)
        elif isinstance(element, Matrix):
            _matrix(grid, element, choices)
    for letter in form.hidden_columns:
        c = col_number(letter) - 1
        grid.ws.set_column(c, c, form.widths.get(letter, DEFAULT_WIDTH), None, {"hidden": True})
    _page(grid, form)
    if form.protected:
        grid.ws.protect("", PROTECTION)


def _text(grid: Grid, t: Text) -> None:
    props = {**STYLES[t.style], **t.props}
    if ":" in t.ref:
        grid.merge(t.ref, t.value, **props)
    else:
        grid.put(t.ref, t.value, **props)


def _criteria(grid: Grid, c: Criteria) -> None:
    """Rows from column A; None continues the cell above, merged down."""
    for j in range(len(c.rows[0])):
        letter = col_letter(j)
        props = {**BOX, "align": "left" if letter in c.left_aligned else "center"}
        start = c.first_row
        for i, row in enumerate(c.rows):
            r = c.first_row + i
            if row[j] is not None:
                start = r
                grid.put(f"{letter}{r}", row[j], **props)
            ends = i + 1 == len(c.rows) or c.rows[i + 1][j] is not None
            if ends and r > start:
                grid.merge(f"{letter}{start}:{letter}{r}", None, **props)


def _cell(grid: Grid, cell: Cell, choices: Choices) -> None:
    grid.put(cell.ref, **{**role_props(cell.role, cell.fmt), **STYLES[cell.style]})
    if cell.span:
        grid.merge(cell.span)
    if cell.budget:
        grid.reserve(cell.ref, budget_text(cell.budget))
    _validation(grid, cell.ref, cell.choices, choices, cell.prompt, cell.label)


def _table(grid: Grid, table: Table, choices: Choices) -> None:
    last = table.first_row + table.rows - 1
    for col in table.columns:
        letter = table.letter(col.key)
        ref = f"{letter}{table.first_row}:{letter}{last}"
        grid.put(f"{letter}{table.header_row}", col.header, **STYLES["head"])
        grid.put(ref, **role_props(col.role, col.fmt))
        _validation(grid, ref, col.choices, choices, col.prompt, col.header)


def _matrix(grid: Grid, m: Matrix, choices: Choices) -> None:
    row, col, rows, _ = parse_ref(m.ref)
    if m.draw_labels:
        style = STYLES[m.label_style]
        for i, line in enumerate(m.lines):
            extra = (
                {"indent": line.indent * 2, "bold": line.indent == 0}
                if m.label_style == "outline"
                else {}
            )
            grid.put(f"{m.label_col}{row + i}", line.label, **style, **extra)
    for j, column in enumerate(m.columns):
        first, last = cell_ref(row, col + j), cell_ref(row + rows - 1, col + j)
        grid.put(f"{first}:{last}", **role_props(column.role, column.fmt))
        _validation(grid, f"{first}:{last}", column.choices, choices, column.prompt, column.header)
        if column.role is Role.INPUT and column.fmt is Fmt.LONGTEXT:
            for i, line in enumerate(m.lines):
                if line.budget:
                    grid.reserve(cell_ref(row + i, col + j), budget_text(line.budget))


def _validation(
    grid: Grid,
    ref: str,
    listed: tuple[str, ...] | str,
    choices: Choices,
    prompt: str = "",
    title: str = "",
) -> None:
    if not listed and not prompt:
        return
    options: dict[str, Any] = {"ignore_blank": True}
    if listed:
        values = choices(listed) if isinstance(listed, str) else listed
        # A warning, not a stop: published forms write "产出指标（50分）" and the like.
        options.update(validate="list", source=list(values), error_type="warning")
    else:
        options["validate"] = "any"
    if prompt:
        options.update(input_title=title[:32], input_message=prompt[:255])
    grid.ws.data_validation(ref, options)


def _page(grid: Grid, form: Form) -> None:
    ws, page = grid.ws, form.page
    ws.set_paper(9)  # A4
    if page.landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.set_margins(**MARGINS)
    ws.center_horizontally()
    ws.fit_to_pages(1, 0)
    ws.print_area(page.area)
    ws.set_footer(FOOTER)
    if page.repeat_rows:
        ws.repeat_rows(page.repeat_rows[0] - 1, page.repeat_rows[1] - 1)
    r1, c1, r2, c2 = bounds(page.area)
    criteria = [e for e in form.elements if isinstance(e, Criteria)]
    grid.printing = Printing(
        r1,
        r2,
        c1,
        c2,
        MARGINS,
        (page.repeat_rows[0] - 1, page.repeat_rows[1] - 1) if page.repeat_rows else None,
        [row - 1 for row in page.breaks],
        criteria[-1].last_row - 1 if criteria else None,
    )
    if page.freeze:
        row, col, _, _ = parse_ref(page.freeze)
        ws.freeze_panes(row - 1, col - 1)


def resolve_formulas(grid: Grid, context: Mapping[str, Any]) -> None:
    """Give each formula of the form the value viewers show before they recalculate."""
    for rc, value in list(grid.values.items()):
        if not isinstance(value, Formula):
            continue
        cached: Any = value.cached.format_map(context)
        if value.sum_of:
            r1, c1, r2, c2 = bounds(value.sum_of)
            numbers = [
                grid.values.get((r, c)) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)
            ]
            total = sum(
                (Decimal(str(n)) for n in numbers if isinstance(n, (int, float))), Decimal(0)
            )
            cached = int(total) if total == total.to_integral_value() else float(total)
        grid.values[rc] = CachedFormula(value.text, cached)
