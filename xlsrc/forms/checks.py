"""校验结果: the list of problems 检查 found, each with its sheet, cell and message."""

from __future__ import annotations

from xlsrc.forms.model import Button, Cell, Column, Fmt, Form, Formula, Page, Role, Table, Text

KEY = "校验结果"
SHEET = "校验结果"
TITLE = "校验结果"
OUT = Role.OUTPUT

LIST = Table(
    name="xs_checks",
    field="check",
    first_row=4,
    first_col="A",
    rows=500,  # the block a check run clears and rewrites
    label="校验结果",
    columns=(
        Column("number", "序号", OUT, 6),
        Column("code", "代码", OUT, 12),
        Column("severity", "级别", OUT, 6),
        Column("sheet", "工作表", OUT, 12),
        Column("cell", "单元格", OUT, 10),
        Column("message", "说明", OUT, 70),
    ),
)

_LAST = LIST.first_row + LIST.rows - 1
LINK = "G"  # beside the list: a link to the cell each row names (the list is rewritten by 检查)


def _link(row: int) -> Text:
    sheet, cell = f"{LIST.letter('sheet')}{row}", f"{LIST.letter('cell')}{row}"
    target = f'"#\'"&{sheet}&"\'!"&{cell}'
    return Text(f"{LINK}{row}", Formula(f'=IF({cell}="","",HYPERLINK({target},"转到"))'))


FORM = Form(
    key=KEY,
    sheet=SHEET,
    title=TITLE,
    widths={"A": 6, "B": 12, "C": 6, "D": 12, "E": 10, "F": 70, LINK: 8},
    heights={1: 30},
    # Printing stops after a page of rows; the list on screen is longer.
    page=Page(
        f"A1:F{LIST.first_row + 40}",
        repeat_rows=(LIST.header_row, LIST.header_row),
        freeze=f"A{LIST.first_row}",
    ),
    buttons=(Button("检查", "xs_check", "H2"),),
    elements=(
        Text("A1:F1", TITLE, "title"),
        Cell("xs_check_status", "check.status", "A2", OUT, Fmt.TEXT, "校验状态", span="A2:F2"),
        LIST,
        Text(f"{LINK}{LIST.header_row}", "定位", "head"),
        *(_link(row) for row in range(LIST.first_row, _LAST + 1)),
    ),
)
