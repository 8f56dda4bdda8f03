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

from xlsrc import layout as L
from xlsrc import template

MACROS = ROOT / "macros"
TEMPLATE = ROOT / "workbook" / "template.xlsm"
XLWINGS_DIR = Path(xlwings.__file__).parent
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.xlsm"))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("build")
    template.build_template(root / "workbook" / "template.xlsm")
    template.build_examples(root / "workbook" / "examples")
    return root


@pytest.fixture(scope="module")
def book():
    return openpyxl.load_workbook(TEMPLATE, keep_vba=True)


def test_every_data_file_has_a_committed_example():
    assert [p.stem for p in EXAMPLE_FILES] == sorted(p.stem for p in DATA.glob("*.json"))


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
    for path in template.macro_files(MACROS):
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
    documents = {"ThisWorkbook", *(f"Sheet{i + 1}" for i in range(len(L.SHEETS)))}
    sources = {p.stem: p for p in template.macro_files(MACROS)}
    assert set(modules) == documents | set(sources)
    for name, src in sources.items():
        assert _strip(modules[name]) == _strip(src.read_text(encoding="ascii")), name


def test_every_button_runs_a_sub_of_buttons_bas():
    text = (MACROS / "Buttons.bas").read_text(encoding="ascii")
    subs = dict(re.findall(r'^Sub (\w+)\(\)\r?\n\s+RunPython "([^"]+)"\r?$', text, flags=re.M))
    assert {macro for _, macro, _, _ in L.BUTTONS} <= set(subs)
    for macro, command in subs.items():
        action = macro.removeprefix("xs_")
        assert command == f"import xlsrc.buttons as b; b.{action}()"


def test_buttons_are_drawn_on_their_sheets():
    import zipfile

    with zipfile.ZipFile(TEMPLATE) as z:
        vml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".vml"))
    for caption, macro, _, _ in L.BUTTONS:
        assert f"[0]!{macro}" in vml
        assert caption in vml


# ---------------------------------------------------------------- sheets and names


def test_sheets_in_layout_order(book):
    assert book.sheetnames == list(L.SHEETS)


@pytest.mark.parametrize("field", L.FIELDS, ids=lambda f: f.name)
def test_defined_name_points_at_field(book, field):
    dests = list(book.defined_names[field.name].destinations)
    assert dests == [(field.sheet, template.abs_ref(field.ref))]


def _cells(ws, ref):
    c1, r1, c2, r2 = range_boundaries(ref)
    for row in ws.iter_rows(min_row=r1, max_row=r2, min_col=c1, max_col=c2):
        yield from row


def _argb(hex_color: str) -> str:
    return "FF" + hex_color.lstrip("#").upper()


def _expect_role(cell, role):
    want = L.COLOR_INPUT if role is L.Role.INPUT else L.COLOR_OUTPUT
    assert cell.fill.fgColor.rgb == _argb(want), cell.coordinate
    assert cell.protection.locked is (role is L.Role.OUTPUT), cell.coordinate


@pytest.mark.parametrize(
    "field", [f for f in L.FIELDS if f.name != "xs_indicators"], ids=lambda f: f.name
)
def test_field_cells_have_role_colour_and_lock(book, field):
    ws = book[field.sheet]
    for cell in _cells(ws, field.ref):
        if type(cell).__name__ == "MergedCell":
            continue
        _expect_role(cell, field.role)
        if field.fmt in template.NUM_FORMATS:
            assert cell.number_format == template.NUM_FORMATS[field.fmt], cell.coordinate


def test_indicator_block_columns_follow_layout(book):
    ws = book[L.SHEET_SELF]
    last = L.INDICATOR_FIRST_ROW + L.INDICATOR_ROWS - 1
    for i, col in enumerate(L.INDICATOR_COLUMNS):
        letter = L.col_letter(L.INDICATOR_FIRST_COL + i)
        assert ws[f"{letter}{L.INDICATOR_HEADER_ROW}"].value == col.header
        for cell in _cells(ws, f"{letter}{L.INDICATOR_FIRST_ROW}:{letter}{last}"):
            _expect_role(cell, col.role)
    # Clerks insert rows inside the block: nothing may be merged there.
    block = range_boundaries(L.FIELD_BY_NAME["xs_indicators"].ref)
    for merged in ws.merged_cells.ranges:
        c1, r1, c2, r2 = merged.bounds
        overlaps = not (c2 < block[0] or c1 > block[2] or r2 < block[1] or r1 > block[3])
        assert not overlaps, str(merged)


def test_print_area_leaves_out_unprinted_indicator_columns(book):
    ws = book[L.SHEET_SELF]
    area = ws.print_area
    last_col = max(
        L.INDICATOR_FIRST_COL + i for i, c in enumerate(L.INDICATOR_COLUMNS) if c.printed
    )
    assert f"${L.col_letter(last_col)}$" in area
    assert f"${L.col_letter(last_col + 1)}$" not in area


def test_dropdowns_offer_the_rules_bands(book, rules):
    ws = book[L.SHEET_SELF]
    formulas = [dv.formula1 for dv in ws.data_validations.dataValidation]
    band_list = '"' + ",".join(b.name for b in rules.bands) + '"'
    assert band_list in formulas
    assert '"' + ",".join(L.LEVEL1_CHOICES) + '"' in formulas


def test_summary_and_report_labels(book):
    ws = book[L.SHEET_SELF]
    for i, label in enumerate(L.SUMMARY_ROWS):
        assert ws[f"{L.SUMMARY_LABEL_COL}{L.SUMMARY_HEADER_ROW + 1 + i}"].value == label
    report = book[L.SHEET_REPORT]
    for i, section in enumerate(L.REPORT_SECTIONS):
        assert report[f"A{L.REPORT_FIRST_ROW + i}"].value == section
    checks = book[L.SHEET_CHECKS]
    header = [c.value for c in checks[L.CHECK_FIRST_ROW - 1]][: len(L.CHECK_HEADERS)]
    assert tuple(header) == L.CHECK_HEADERS


def test_xlwings_conf_keys_are_read_by_xlwings_bas(book):
    ws = book[L.SHEET_CONF]
    keys = []
    for row in ws.iter_rows(min_col=1, max_col=1):
        if row[0].value is None:
            break  # GetConfigFromSheet stops at the first blank cell of column A
        keys.append(row[0].value)
    assert keys == [k for k, _ in L.XLWINGS_CONF]
    bas = (MACROS / "xlwings.bas").read_text(encoding="ascii")
    for key in keys:
        assert f'GetConfig("{key.upper()}"' in bas, key
    assert ws["B6"].value == "xlsrc.udfs"


# ---------------------------------------------------------------- examples


def _example_inputs(data: dict) -> list[tuple[str, tuple[int, int], object]]:
    """(field name, offset inside the field, value) for every input the data holds."""
    out: list[tuple[str, tuple[int, int], object]] = [
        ("xs_year", (0, 0), data["year"]),
        ("xs_unit", (0, 0), data["unit"]),
    ]
    by_attr = {attr: name for name, attr in L.BUDGET_NAMES.items()}
    for attr, value in data["budget"].items():
        out.append((by_attr[attr], (0, 0), value))
    out.append(("xs_goal_expected", (0, 0), data["goals"]["expected"]))
    out.append(("xs_goal_actual", (0, 0), data["goals"]["actual"]))
    for r, ind in enumerate(data["indicators"]):
        for i, col in enumerate(L.INDICATOR_COLUMNS):
            if col.role is L.Role.INPUT:
                out.append(("xs_indicators", (r, i), ind.get(col.key)))
            else:
                out.append(("xs_indicators", (r, i), None))  # outputs are left empty
    prep = data["preparer"]
    for key, name in (
        ("name", "xs_preparer"),
        ("date", "xs_fill_date"),
        ("phone", "xs_phone"),
        ("head", "xs_head"),
    ):
        out.append((name, (0, 0), prep.get(key)))
    base = data.get("base")
    if base:
        out.append(("xs_staff_authorized", (0, 0), base["staff"]["authorized"]))
        out.append(("xs_staff_actual", (0, 0), base["staff"]["actual"]))
        for r, row in enumerate(base["expenses"]):
            for c, value in enumerate(row[1:4]):
                out.append(("xs_expenses", (r, c), value))
        out.append(("xs_frugality", (0, 0), base.get("frugality")))
    return out


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_example_holds_its_data_at_the_named_cells(path):
    data = json.loads((DATA / f"{path.stem}.json").read_text(encoding="utf-8"))
    wb = openpyxl.load_workbook(path, keep_vba=True)
    for name, (dr, dc), want in _example_inputs(data):
        f = L.FIELD_BY_NAME[name]
        c1, r1, _, _ = range_boundaries(f.ref)
        got = wb[f.sheet].cell(r1 + dr, c1 + dc).value
        if want in ("", None):
            assert got in ("", None), (name, dr, dc, got)
        else:
            # Numbers stay numbers and text stays text (even text that looks like a number).
            assert got == want and isinstance(got, str) == isinstance(want, str), (name, dr, dc)
    scores = data.get("rating") or []
    rating = wb[L.SHEET_RATING]
    for i, (score, reason) in enumerate(scores):
        assert rating.cell(template.RATING_FIRST_ROW + i, 6).value == score
        assert (rating.cell(template.RATING_FIRST_ROW + i, 7).value or "") == reason


# ---------------------------------------------------------------- as printed by LibreOffice

FORM_TITLES = {
    L.SHEET_BASE: L.TITLE_BASE,
    L.SHEET_SELF: L.TITLE_SELF,
    L.SHEET_REVIEW: L.TITLE_REVIEW,
    L.SHEET_RATING: L.TITLE_RATING,
}


@pytest.fixture(scope="session")
def printed(tmp_path_factory) -> dict[str, str]:
    """PDF text of the template and every example, from one LibreOffice run."""
    import lo

    tmp = tmp_path_factory.mktemp("lo")
    files = [TEMPLATE, *EXAMPLE_FILES]
    pdfs = lo.to_pdf(files, tmp / "pdf", tmp / "profile")
    return {f.stem: lo.pdf_text(p) for f, p in zip(files, pdfs, strict=True)}


@pytest.mark.parametrize("stem", ["template", *(p.stem for p in EXAMPLE_FILES)])
def test_libreoffice_prints_every_form_title(printed, stem):
    text = printed[stem]
    for sheet, title in FORM_TITLES.items():
        assert title in text, (stem, sheet)


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_printed_titles_carry_the_year_and_unit(printed, path):
    data = json.loads((DATA / f"{path.stem}.json").read_text(encoding="utf-8"))
    text = printed[path.stem].replace(" ", "")
    assert f"{data['year']}{L.TITLE_SELF}" in text
    assert f"{data['year']}{L.TITLE_BASE}" in text
    assert f"单位：{data['unit']}" in text
