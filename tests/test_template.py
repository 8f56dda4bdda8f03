"""The template and example workbooks: built from source, named, coloured, printable."""

from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl
import pytest
import xlwings
from conftest import DATA, EXAMPLES, ROOT
from openpyxl.utils import range_boundaries
from wb import CHECKS, IND, SELF

from xlsrc import build, forms
from xlsrc.a1 import abs_ref, col_letter, col_number
from xlsrc.build.draw import NUM_FORMATS
from xlsrc.build.vba import macro_files
from xlsrc.forms.model import COLOR_INPUT, COLOR_OUTPUT, Cell, Matrix, Role, Table

MACROS = ROOT / "macros"
TEMPLATE = ROOT / "workbook" / "template.xlsm"
XLWINGS_DIR = Path(xlwings.__file__).parent
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.xlsm"))
BUTTONS = [b for f in forms.FORMS for b in f.buttons]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("build")
    build.build_template(root / "workbook" / "template.xlsm")
    build.build_examples(root / "workbook" / "examples")
    return root


@pytest.fixture(scope="module")
def book():
    return openpyxl.load_workbook(TEMPLATE, keep_vba=True)


def test_every_data_file_has_a_committed_example():
    assert [p.stem for p in EXAMPLE_FILES] == sorted(p.stem for p in DATA.glob("*.json"))


@pytest.mark.slow
def test_rebuild_is_byte_identical_to_committed_files(built):
    rel = [Path("workbook/template.xlsm"), *(p.relative_to(ROOT) for p in EXAMPLE_FILES)]
    differ = [str(r) for r in rel if (built / r).read_bytes() != (ROOT / r).read_bytes()]
    assert not differ, f"stale workbooks, run `xlsrc build-template`: {differ}"


# ---------------------------------------------------------------- VBA


@pytest.mark.parametrize(
    "ours, theirs",
    [("xlwings.bas", "xlwings.bas"), ("Dictionary.cls", "addin/Dictionary.cls")],
)
def test_vendored_xlwings_vba_equals_installed_package(ours, theirs):
    # RunPython checks that the VBA module and the Python package have the same version.
    assert (MACROS / ours).read_bytes() == (XLWINGS_DIR / theirs).read_bytes()


def test_vba_is_ascii_with_crlf():
    for path in macro_files(MACROS):
        raw = path.read_bytes()
        raw.decode("ascii")
        assert b"\n" not in raw.replace(b"\r\n", b""), path.name


def _strip(src: str) -> str:
    src = src.replace("\r\n", "\n")
    src = re.sub(r"\AVERSION 1\.0 CLASS\nBEGIN\n.*?\nEND\n", "", src, flags=re.S)
    return "\n".join(x for x in src.split("\n") if not x.startswith("Attribute VB_")).strip()


def _vba_modules(path: Path) -> dict[str, str]:
    from oletools.olevba import VBA_Parser

    parser = VBA_Parser(str(path))
    try:
        return {Path(name).stem: code for _, _, name, code in parser.extract_macros()}
    finally:
        parser.close()


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # oletools' own pyparsing calls
@pytest.mark.parametrize("path", [TEMPLATE, *EXAMPLE_FILES], ids=lambda p: p.name)
def test_vba_project_is_exactly_the_macros_folder(path):
    modules = _vba_modules(path)
    documents = {"ThisWorkbook", *(f"Sheet{i + 1}" for i in range(len(forms.SHEETS)))}
    sources = {p.stem: p for p in macro_files(MACROS)}
    assert set(modules) == documents | set(sources)
    for name, src in sources.items():
        assert _strip(modules[name]) == _strip(src.read_text(encoding="ascii")), name


def test_every_button_runs_a_sub_of_buttons_bas():
    text = (MACROS / "Buttons.bas").read_text(encoding="ascii")
    subs = dict(re.findall(r'^Sub (\w+)\(\)\r?\n\s+RunUnprotected "([^"]+)"\r?$', text, flags=re.M))
    assert {b.macro for b in BUTTONS} <= set(subs)
    for macro, command in subs.items():
        action = macro.removeprefix("xs_")
        assert command == f"import xlsrc.buttons as b; b.{action}()"


# XlsxWriter's protection options (True = the clerk may) and the VBA arguments that say the same.
VBA_PERMISSIONS = {
    "format_cells": "AllowFormattingCells",
    "format_columns": "AllowFormattingColumns",
    "format_rows": "AllowFormattingRows",
    "insert_columns": "AllowInsertingColumns",
    "insert_rows": "AllowInsertingRows",
    "insert_hyperlinks": "AllowInsertingHyperlinks",
    "delete_columns": "AllowDeletingColumns",
    "delete_rows": "AllowDeletingRows",
    "sort": "AllowSorting",
    "autofilter": "AllowFiltering",
    "pivot_tables": "AllowUsingPivotTables",
}


def test_the_buttons_protect_again_with_the_templates_permissions():
    """Python writes outputs on unprotected sheets; the VBA must not loosen or tighten them."""
    from xlsrc.build.draw import PROTECTION

    text = (MACROS / "Buttons.bas").read_text(encoding="ascii").replace(" _\n", " ")
    (call,) = re.findall(r"^\s+\w+\.Protect (.+)$", text, flags=re.M)
    allowed = set(re.findall(r"(Allow\w+):=True", call))
    assert allowed == {VBA_PERMISSIONS[k] for k, v in PROTECTION.items() if v}
    assert "Unprotect" in text and "RunPython command" in text


@pytest.mark.parametrize("form", forms.FORMS, ids=lambda f: f.key)
def test_sheets_are_protected_without_a_password(book, form):
    from xlsrc.build.draw import PROTECTION

    protection = book[form.sheet].protection
    assert protection.sheet is form.protected
    if form.protected:
        assert not protection.password
        # openpyxl's flags say what is locked: False means the clerk may.
        assert protection.formatRows is not PROTECTION["format_rows"]
        assert protection.insertRows is not PROTECTION["insert_rows"]
        assert protection.deleteRows  # rows holding output cells cannot be deleted anyway


def test_buttons_are_drawn_on_their_sheets():
    import zipfile

    with zipfile.ZipFile(TEMPLATE) as z:
        vml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".vml"))
    for b in BUTTONS:
        assert f"[0]!{b.macro}" in vml
        assert b.caption in vml


# ---------------------------------------------------------------- sheets and names


def test_sheets_in_forms_order(book):
    assert book.sheetnames == list(forms.SHEETS)


@pytest.mark.parametrize("element", forms.NAMED, ids=lambda e: e.name)
def test_defined_name_points_at_its_declared_cells(book, element):
    sheet = forms.sheet_of(element.name)
    if element.name in forms.SCOPED_NAMES:  # each copy of a project sheet carries its own
        assert element.name not in book.defined_names
        names = book[sheet].defined_names
    else:
        names = book.defined_names
    dests = list(names[element.name].destinations)
    assert dests == [(sheet, abs_ref(element.ref))]


def test_the_project_model_is_hidden_and_marked_as_the_model(book):
    ws = book[forms.project.SHEET]
    assert ws.sheet_state == "hidden"
    assert forms.project.MODEL_NAME in ws.defined_names
    assert all(forms.project.MODEL_NAME not in w.defined_names for w in book if w is not ws)


def _cells(ws, ref):
    c1, r1, c2, r2 = range_boundaries(ref)
    for row in ws.iter_rows(min_row=r1, max_row=r2, min_col=c1, max_col=c2):
        yield from row


def _argb(hex_color: str) -> str:
    return "FF" + hex_color.lstrip("#").upper()


def _expect_role(cell, role, fmt):
    want = COLOR_INPUT if role is Role.INPUT else COLOR_OUTPUT
    assert cell.fill.fgColor.rgb == _argb(want), cell.coordinate
    assert cell.protection.locked is (role is Role.OUTPUT), cell.coordinate
    if fmt in NUM_FORMATS:
        assert cell.number_format == NUM_FORMATS[fmt], cell.coordinate


def _column_refs(element):
    """(ref, role, fmt) of each column of a table or matrix, or of a single cell."""
    if isinstance(element, Cell):
        return [(element.ref, element.role, element.fmt)]
    r1 = range_boundaries(element.ref)[1]
    r2 = range_boundaries(element.ref)[3]
    c1 = range_boundaries(element.ref)[0]
    return [
        (f"{col_letter(c1 - 1 + i)}{r1}:{col_letter(c1 - 1 + i)}{r2}", c.role, c.fmt)
        for i, c in enumerate(element.columns)
    ]


@pytest.mark.parametrize("element", forms.NAMED, ids=lambda e: e.name)
def test_named_cells_have_role_colour_lock_and_format(book, element):
    ws = book[forms.sheet_of(element.name)]
    for ref, role, fmt in _column_refs(element):
        for cell in _cells(ws, ref):
            if type(cell).__name__ != "MergedCell":
                _expect_role(cell, role, fmt)


@pytest.mark.parametrize(
    "table", [e for e in forms.NAMED if isinstance(e, Table)], ids=lambda e: e.name
)
def test_table_headers_and_no_merges_inside(book, table):
    ws = book[forms.sheet_of(table.name)]
    for col in table.columns:
        assert ws[f"{table.letter(col.key)}{table.header_row}"].value == col.header
    # Clerks insert rows inside a table: nothing may be merged there.
    block = range_boundaries(table.ref)
    for merged in ws.merged_cells.ranges:
        c1, r1, c2, r2 = merged.bounds
        overlaps = not (c2 < block[0] or c1 > block[2] or r2 < block[1] or r1 > block[3])
        assert not overlaps, str(merged)


@pytest.mark.parametrize(
    "matrix", [e for e in forms.NAMED if isinstance(e, Matrix)], ids=lambda e: e.name
)
def test_matrix_lines_are_found_by_their_labels(book, matrix):
    """Each line's label stands in the label column on its row, as the reader expects."""
    from xlsrc.adapters.openpyxl_file import OpenpyxlFile
    from xlsrc.binding import Binding

    port = OpenpyxlFile(TEMPLATE)
    rows = Binding(port).line_rows(matrix.field)
    first = range_boundaries(matrix.ref)[1]
    assert rows == {line.key: i for i, line in enumerate(matrix.lines)}
    ws = book[forms.sheet_of(matrix.name)]
    for i, line in enumerate(matrix.lines):
        got = ws[f"{matrix.label_col}{first + i}"].value
        assert "".join(str(got).split()).startswith("".join(line.label.split())), line.key


def test_print_area_leaves_out_unprinted_indicator_columns(book):
    area = book[SELF].print_area
    last = max(col_number(IND.letter(c.key)) for c in IND.columns if c.printed)
    assert f"${col_letter(last - 1)}$" in area
    assert f"${col_letter(last)}$" not in area


def test_dropdowns_offer_the_rules_bands_and_the_installed_rules(book, rules):
    from xlsrc.rules import available

    formulas = [dv.formula1 for dv in book[SELF].data_validations.dataValidation]
    assert '"' + ",".join(b.name for b in rules.bands) + '"' in formulas
    assert '"' + ",".join(forms.self_eval.LEVEL1_CHOICES) + '"' in formulas
    assert '"' + ",".join(available()) + '"' in formulas


def test_xlwings_conf_keys_are_read_by_xlwings_bas(book):
    ws = book[forms.xlwings_conf.SHEET]
    keys = []
    for row in ws.iter_rows(min_col=1, max_col=1):
        if row[0].value is None:
            break  # GetConfigFromSheet stops at the first blank cell of column A
        keys.append(row[0].value)
    assert keys == [k for k, _ in forms.xlwings_conf.KEYS]
    bas = (MACROS / "xlwings.bas").read_text(encoding="ascii")
    for key in keys:
        assert f'GetConfig("{key.upper()}"' in bas, key
    assert ws["B6"].value == "xlsrc.udfs"


# ---------------------------------------------------------------- examples


def _example_inputs(data: dict) -> list[tuple[str, int, int, object]]:
    """(sheet, row, col, value) of every input an example's data holds, through the forms."""
    out: list[tuple[str, int, int, object]] = []
    for field, value in data.get("cells", {}).items():
        cell = forms.BY_FIELD[field][1]
        c, r, _, _ = range_boundaries(cell.ref)
        out.append((forms.sheet_of(cell.name), r, c, value))
    for field, rows in data.get("tables", {}).items():
        table = forms.BY_FIELD[field][1]
        for i, values in enumerate(rows):
            for col in table.columns:
                want = values.get(col.key) if col.role is Role.INPUT else None
                r, c = table.first_row + i, col_number(table.letter(col.key))
                out.append((forms.sheet_of(table.name), r, c, want))
    for field, lines in data.get("matrices", {}).items():
        matrix = forms.BY_FIELD[field][1]
        c0, r0, _, _ = range_boundaries(matrix.ref)
        keys = [line.key for line in matrix.lines]
        for key, values in lines.items():
            for j, col in enumerate(matrix.columns):
                out.append(
                    (forms.sheet_of(matrix.name), r0 + keys.index(key), c0 + j, values.get(col.key))
                )
    return out


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_example_holds_its_data_at_the_named_cells(path):
    data = json.loads((DATA / f"{path.stem}.json").read_text(encoding="utf-8"))
    wb = openpyxl.load_workbook(path, keep_vba=True)
    inputs = _example_inputs(data)
    assert len(inputs) > 100
    for sheet, r, c, want in inputs:
        got = wb[sheet].cell(r, c).value
        if want in ("", None):
            assert got in ("", None), (sheet, r, c, got)
        else:
            # Numbers stay numbers and text stays text (even text that looks like a number).
            assert got == want and isinstance(got, str) == isinstance(want, str), (sheet, r, c)


# ---------------------------------------------------------------- as printed by LibreOffice

FORM_TITLES = {f.sheet: f.title for f in forms.FORMS if f.official}


@pytest.fixture(scope="session")
def printed(tmp_path_factory) -> dict[str, str]:
    """PDF text of the template and every example, from one LibreOffice run."""
    import lo

    tmp = tmp_path_factory.mktemp("lo")
    files = [TEMPLATE, *EXAMPLE_FILES]
    pdfs = lo.to_pdf(files, tmp / "pdf", tmp / "profile")
    return {f.stem: lo.pdf_text(p) for f, p in zip(files, pdfs, strict=True)}


@pytest.mark.parametrize("stem", ["template", *(p.stem for p in EXAMPLE_FILES)])
@pytest.mark.slow
def test_libreoffice_prints_every_form_title(printed, stem):
    text = printed[stem]
    for sheet, title in FORM_TITLES.items():
        assert title in text, (stem, sheet)


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
@pytest.mark.slow
def test_printed_titles_carry_the_year_and_unit(printed, path):
    cells = json.loads((DATA / f"{path.stem}.json").read_text(encoding="utf-8"))["cells"]
    text = printed[path.stem].replace(" ", "")
    year, unit = cells["self.year"], cells["self.unit"]
    assert f"{year}{forms.self_eval.TITLE}" in text
    assert f"{year}{forms.base_data.TITLE}" in text
    assert f"单位：{unit}" in text
    assert f"{year}年度{unit}{forms.report.TITLE}" in text


# ---------------------------------------------------------------- helping the clerk


def _validations(ws) -> list[tuple[set[str], object]]:
    """Each data validation of the sheet with the cells it covers."""
    return [
        ({f"{col_letter(c - 1)}{r}" for rng in dv.sqref.ranges for r, c in rng.cells}, dv)
        for dv in ws.data_validations.dataValidation
    ]


def _input_columns():
    """(element, column) of every input column of the forms' tables and matrices."""
    for element in forms.NAMED:
        if isinstance(element, (Table, Matrix)):
            for i, column in enumerate(element.columns):
                if column.role is Role.INPUT:
                    yield element, i, column


@pytest.mark.parametrize(
    "element, index, column",
    list(_input_columns()),
    ids=lambda v: v.name if hasattr(v, "name") else getattr(v, "key", str(v)),
)
def test_every_input_column_shows_a_message_when_selected(book, element, index, column):
    assert column.prompt, f"{element.name}.{column.key} has no input message"
    ws = book[forms.sheet_of(element.name)]
    c1, r1, _, r2 = range_boundaries(element.ref)
    letter = col_letter(c1 - 1 + index)
    wanted = {f"{letter}{r}" for r in range(r1, r2 + 1)}
    shown = [dv for cells, dv in _validations(ws) if wanted <= cells]
    assert shown and shown[0].showInputMessage and shown[0].prompt == column.prompt
    if column.choices:
        assert shown[0].type == "list"


def test_cells_with_a_message_show_it(book):
    for element in forms.NAMED:
        if isinstance(element, Cell) and element.prompt:
            ws = book[forms.sheet_of(element.name)]
            shown = [dv for cells, dv in _validations(ws) if element.ref in cells]
            assert shown and shown[0].prompt == element.prompt, element.name


def test_panes_stay_where_the_clerk_needs_them(book):
    # The 自评表's tall 年度总体目标 rows would fill the screen if frozen: its first columns
    # (一级/二级/三级指标) stay instead, for scrolling to 定性档次 … 校验提示.
    assert book[SELF].freeze_panes == "E1"
    assert book[CHECKS].freeze_panes == f"A{forms.checks.LIST.first_row}"


@pytest.mark.slow
def test_each_listed_problem_links_to_its_cell(tmp_path):
    """校验结果 rows carry a link to the flagged cell, beside the list 检查 rewrites."""
    from xlsrc.cli import main as cli

    out = tmp_path / "checked.xlsm"
    assert cli(["check", str(EXAMPLES / "seed000.xlsm"), "-o", str(out)]) == 1
    ws = openpyxl.load_workbook(out)[CHECKS]
    lst = forms.checks.LIST
    for row in (lst.first_row, lst.first_row + 1, lst.first_row + lst.rows - 1):
        sheet, cell = f"{lst.letter('sheet')}{row}", f"{lst.letter('cell')}{row}"
        link = ws[f"{forms.checks.LINK}{row}"].value
        assert link == f'=IF({cell}="","",HYPERLINK("#\'"&{sheet}&"\'!"&{cell},"转到"))'
    first = lst.first_row
    assert (ws[f"D{first}"].value, ws[f"E{first}"].value) == (SELF, "G5")  # the link's target


def test_official_forms_are_numbered_and_the_indicators_start_a_page(book):
    for form in forms.FORMS:
        assert "&P" in book[form.sheet].oddFooter.center.text
    breaks = [b.id for b in book[SELF].row_breaks.brk]
    assert breaks == [forms.self_eval.INDICATORS.header_row - 1]


def test_the_signature_is_left_to_the_pen(book):
    """单位负责人签字 is a blank line on the form; nobody types a name for the signature."""
    assert "sign.head" not in forms.BY_FIELD
    ws = book[SELF]
    row = forms.self_eval.SIGN_ROW
    texts = [str(c.value) for c in ws[row] if c.value]
    assert "单位负责人签字" in texts
    assert ws[f"I{row}"].value is None and ws[f"I{row}"].border.bottom.style == "thin"


def test_the_command_line_writes_outputs_and_keeps_the_sheets_protected(tmp_path):
    """A file's sheets stay protected; the headless path writes the cells all the same."""
    from xlsrc.adapters.openpyxl_file import OpenpyxlFile
    from xlsrc.cli import main as cli

    out = tmp_path / "calc.xlsm"
    assert cli(["calc", str(EXAMPLES / "seed000.xlsm"), "-o", str(out)]) == 0
    wb = openpyxl.load_workbook(out, keep_vba=True)
    assert all(wb[f.sheet].protection.sheet for f in forms.FORMS if f.protected)
    total = OpenpyxlFile(out)
    assert total.values(total.area("xs_total"))[0][0] == pytest.approx(94.16)
