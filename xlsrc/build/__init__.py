"""Build the template workbook and the example workbooks from `xlsrc.forms` and `macros/`.

The `.xlsm` files in `workbook/` are generated, never edited by hand: XlsxWriter draws each
form from its declaration; pyOpenVBA turns `macros/*.bas|*.cls` into the VBA project; an
example's data (`workbook/examples/data/*.json`, keyed by field path) fills the inputs.
Document properties are fixed so that the same sources give the same bytes, which lets a
test compare the committed binaries with a fresh build.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

from xlsrc import forms
from xlsrc.a1 import abs_ref, cell_ref, parse_ref
from xlsrc.build.draw import draw, resolve_formulas
from xlsrc.build.sheet import Formats, Grid
from xlsrc.build.vba import vba_project
from xlsrc.forms import project
from xlsrc.forms.model import BAND_CHOICES, RULES_CHOICES, Cell, Matrix, Role, Table

ROOT = Path(__file__).resolve().parent.parent.parent
TEMPLATE_PATH = Path("workbook") / "template.xlsm"
EXAMPLES_DIR = Path("workbook") / "examples"
MACROS_DIR = Path("macros")

CREATED = dt.datetime(2024, 1, 1)  # fixed, so rebuilding gives identical bytes
BUTTON_SIZE = {"width": 100, "height": 28}


def choices(source: str) -> tuple[str, ...]:
    """The dropdown values that depend on what is installed."""
    from xlsrc.rules import DEFAULT, available, load_rules

    if source == RULES_CHOICES:
        return tuple(available())
    if source == BAND_CHOICES:
        return tuple(b.name for b in load_rules(DEFAULT).bands)
    raise KeyError(source)


def fill(grids: dict[str, Grid], data: dict[str, Any]) -> None:
    """Write an example's inputs into the named cells; outputs stay empty."""

    def put(element: Cell | Table | Matrix, row: int, col: int, value: Any) -> None:
        if value is None:
            return
        if isinstance(element, Cell) and element.role is Role.OUTPUT:
            raise ValueError(f"示例数据写入了输出单元格 {element.name}")
        grids[forms.sheet_of(element.name)].put(cell_ref(row, col), value)

    for field, value in data.get("cells", {}).items():
        cell = forms.BY_FIELD[field][1]
        assert isinstance(cell, Cell), field
        row, col, _, _ = parse_ref(cell.ref)
        put(cell, row, col, value)
    for field, rows in data.get("tables", {}).items():
        table = forms.BY_FIELD[field][1]
        assert isinstance(table, Table), field
        if len(rows) > table.rows:
            raise ValueError(f"示例数据的“{table.label}”超过 {table.rows} 行")
        row0, col0, _, _ = parse_ref(table.ref)
        for i, values in enumerate(rows):
            for j, column in enumerate(table.columns):
                if column.role is Role.INPUT:
                    put(table, row0 + i, col0 + j, values.get(column.key))
    for field, lines in data.get("matrices", {}).items():
        matrix = forms.BY_FIELD[field][1]
        assert isinstance(matrix, Matrix), field
        row0, col0, _, _ = parse_ref(matrix.ref)
        keys = [line.key for line in matrix.lines]
        for key, values in lines.items():
            for j, column in enumerate(matrix.columns):
                put(matrix, row0 + keys.index(key), col0 + j, values.get(column.key))


def write_workbook(out_path: Path, vba_bin: bytes, data: dict[str, Any] | None = None) -> Path:
    import xlsxwriter

    out_path.parent.mkdir(parents=True, exist_ok=True)
    book = xlsxwriter.Workbook(str(out_path))
    book.set_properties(
        {
            "title": "部门整体支出绩效自评",
            "subject": forms.context((data or {}).get("cells", {}))["unit"] or "模板",
            "author": "xlsrc",
            "created": CREATED,
        }
    )
    book.add_vba_project(io.BytesIO(vba_bin), is_stream=True)
    book.set_vba_name("ThisWorkbook")
    formats = Formats(book)
    grids: dict[str, Grid] = {}
    for i, form in enumerate(forms.FORMS):
        grids[form.sheet] = Grid(book, formats, form.sheet, f"Sheet{i + 1}")
        draw(grids[form.sheet], form, choices)
    if data is not None:
        fill(grids, data)
    values = forms.context((data or {}).get("cells", {}))
    for grid in grids.values():
        resolve_formulas(grid, values)
        grid.flush()
    for element in forms.NAMED:
        sheet = forms.sheet_of(element.name)
        # A form of many instances scopes its names to its sheet, so each copy has its own.
        local = f"'{sheet}'!" if element.name in forms.SCOPED_NAMES else ""
        book.define_name(f"{local}{element.name}", f"='{sheet}'!{abs_ref(element.ref)}")
    for form in forms.FORMS:
        if form.scoped:  # the model every instance is copied from is not an instance
            book.define_name(f"'{form.sheet}'!{project.MODEL_NAME}", f"='{form.sheet}'!$A$1")
        if form.hidden:
            grids[form.sheet].ws.hide()
    for form in forms.FORMS:
        for button in form.buttons:
            grids[form.sheet].ws.insert_button(
                button.cell, {"macro": button.macro, "caption": button.caption, **BUTTON_SIZE}
            )
    grids[forms.self_eval.SHEET].ws.activate()
    book.close()
    return out_path


def build_template(out_path: Path, root: Path = ROOT) -> Path:
    """Write the empty template workbook."""
    vba = vba_project(root / MACROS_DIR, len(forms.FORMS))
    return write_workbook(Path(out_path), vba)


def build_examples(out_dir: Path, root: Path = ROOT) -> list[Path]:
    """Write one example workbook per data file in workbook/examples/data."""
    vba = vba_project(root / MACROS_DIR, len(forms.FORMS))
    written = []
    for src in sorted((root / EXAMPLES_DIR / "data").glob("*.json")):
        data = json.loads(src.read_text(encoding="utf-8"))
        written.append(write_workbook(Path(out_dir) / f"{src.stem}.xlsm", vba, data))
    return written


def build_all(root: Path = ROOT) -> list[Path]:
    """Write workbook/template.xlsm and workbook/examples/*.xlsm under `root`."""
    root = Path(root)
    return [build_template(root / TEMPLATE_PATH, root), *build_examples(root / EXAMPLES_DIR, root)]
