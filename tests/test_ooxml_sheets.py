"""Copying and deleting worksheets in the package: the copy is the sheet, names follow, the rest stays."""

from __future__ import annotations

import io
import re
import struct
import zlib

import openpyxl
import pytest
import xlsxwriter
from conftest import ROOT
from hostile import package_parts, zipped
from python_calamine import CalamineWorkbook

from xlsrc import ooxml
from xlsrc.adapters.base import Area
from xlsrc.adapters.openpyxl_file import OpenpyxlFile
from xlsrc.errors import InputError

TEMPLATE = ROOT / "workbook" / "template.xlsm"
# The template as LibreOffice saves it (tests/data/README.md says how it was made).
LO_SAVED = ROOT / "tests" / "data" / "template_saved_by_libreoffice.xlsm"
BOOKS = {"template": TEMPLATE, "libreoffice": LO_SAVED}


def load(data: bytes, **kw) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data), **kw)


def calamine_rows(data: bytes, sheet: str) -> list[list[object]]:
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name(sheet).to_python()


def patched(data: bytes, values: dict) -> bytes:
    out = io.BytesIO()
    ooxml.patch(data, ooxml.Edits(values), out)
    return out.getvalue()


def workbook_xml(data: bytes) -> str:
    return package_parts(data)["xl/workbook.xml"].decode()


def sheet_part(data: bytes, sheet: str) -> str:
    package = ooxml.Package(data)
    try:
        return package.read(package.sheet_part(sheet)).decode()
    finally:
        package.close()


_REF_SHEET = re.compile(r"^'((?:[^']|'')+)'!|^([^'!]+)!")


def names(data: bytes) -> list[tuple[str, str | None, str]]:
    """Every defined name: (name, the sheet it is scoped to or None, what it refers to)."""
    package = ooxml.Package(data)
    sheets = package.sheet_list
    entries = [
        (name, None if scope is None else sheets[int(scope)], refers)
        for name, scope, refers in package.name_entries()
    ]
    package.close()
    return entries


def referred_sheet(refers: str) -> str:
    m = _REF_SHEET.match(refers)
    assert m, refers
    return m.group(1).replace("''", "'") if m.group(1) is not None else m.group(2)


def assert_scoped_names_point_home(data: bytes) -> None:
    """A sheet's print area and print titles (and any scoped name) refer to that sheet."""
    scoped = [(n, s, r) for n, s, r in names(data) if s is not None and _REF_SHEET.match(r)]
    assert scoped
    for name, scope, refers in scoped:
        assert referred_sheet(refers) == scope, (name, scope, refers)


def fill(cell) -> tuple:
    f = cell.fill
    return (f.fill_type, f.fgColor.rgb, f.fgColor.theme, f.fgColor.tint, f.bgColor.rgb)


def assert_same_sheet(book: openpyxl.Workbook, source: str, copy: str) -> None:
    a, b = book[source], book[copy]
    assert (a.max_row, a.max_column) == (b.max_row, b.max_column)
    for row_a, row_b in zip(a.iter_rows(), b.iter_rows(), strict=True):
        for ca, cb in zip(row_a, row_b, strict=True):
            assert ca.value == cb.value, ca.coordinate
            assert ca.number_format == cb.number_format, ca.coordinate
            assert fill(ca) == fill(cb), ca.coordinate
            assert ca._style == cb._style, ca.coordinate
    assert {str(r) for r in a.merged_cells.ranges} == {str(r) for r in b.merged_cells.ranges}

    def validations(ws):
        return sorted(
            (str(v.sqref), v.type, v.formula1, v.prompt, v.promptTitle)
            for v in ws.data_validations.dataValidation
        )

    assert validations(a) == validations(b)
    assert a.page_setup.orientation == b.page_setup.orientation
    assert a.page_setup.paperSize == b.page_setup.paperSize
    assert a.page_setup.fitToHeight == b.page_setup.fitToHeight
    assert a.sheet_properties.pageSetUpPr.fitToPage == b.sheet_properties.pageSetUpPr.fitToPage
    assert a.print_options.horizontalCentered == b.print_options.horizontalCentered
    assert a.page_margins.left == b.page_margins.left
    assert a.oddFooter.center.text == b.oddFooter.center.text
    assert a.freeze_panes == b.freeze_panes
    assert a.print_title_rows == b.print_title_rows
    assert a.print_area.replace(f"'{source}'", f"'{copy}'") == b.print_area
    assert [(k, d.width) for k, d in a.column_dimensions.items()] == [
        (k, d.width) for k, d in b.column_dimensions.items()
    ]
    assert [(k, d.height) for k, d in a.row_dimensions.items()] == [
        (k, d.height) for k, d in b.row_dimensions.items()
    ]


# ---------------------------------------------------------------- copy, on the shipped template


# The LibreOffice-saved package in the full suite; the template's in the fast tier too.
@pytest.fixture(
    params=[
        pytest.param(k, marks=pytest.mark.slow) if k == "libreoffice" else k for k in sorted(BOOKS)
    ]
)
def shipped(request) -> bytes:
    return BOOKS[request.param].read_bytes()


def test_a_copy_is_the_sheet_placed_before_another(shipped):
    before = ooxml.sheet_names(shipped)
    data = ooxml.copy_sheet(shipped, "自评表", "项目一", before="考核评分表")
    after = ooxml.sheet_names(data)
    assert [n for n, _ in after] == [
        *[n for n, _ in before][:3],
        "项目一",
        *[n for n, _ in before][3:],
    ]
    assert dict(after)["项目一"] == "visible"
    formulas, cached = load(data), load(data, data_only=True)
    assert_same_sheet(formulas, "自评表", "项目一")
    assert_same_sheet(cached, "自评表", "项目一")
    assert formulas["项目一"]["A2"].value == formulas["自评表"]["A2"].value
    assert str(formulas["项目一"]["A2"].value).startswith("=")  # the formula, not its value
    assert calamine_rows(data, "项目一") == calamine_rows(data, "自评表")
    assert calamine_rows(data, "自评表") == calamine_rows(shipped, "自评表")


def test_the_copied_sheet_part_holds_nothing_of_the_originals_relationships(shipped):
    data = ooxml.copy_sheet(shipped, "自评表", "项目一", before="考核评分表")
    parts = package_parts(data)
    package = ooxml.Package(data)
    part = package.sheet_part("项目一")
    package.close()
    assert part not in package_parts(shipped)
    assert ooxml._rels_path(part) not in parts  # no relationships of its own
    xml = parts[part].decode()
    assert "r:id" not in xml
    for gone in ("tabSelected", "codeName", "<legacyDrawing", "<drawing", "<controls"):
        assert gone not in xml
    original = sheet_part(data, "自评表")
    assert original == sheet_part(shipped, "自评表")  # the source is untouched
    assert "tabSelected" in original
    types = parts["[Content_Types].xml"].decode()
    assert f'PartName="/{part}"' in types
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    assert f'Target="{part.removeprefix("xl/")}"' in rels
    ids = re.findall(r'Id="([^"]+)"', rels)
    assert len(ids) == len(set(ids))
    sheet_ids = re.findall(r'<sheet [^>]*sheetId="(\d+)"', workbook_xml(data))
    assert len(sheet_ids) == len(set(sheet_ids))


def test_every_other_part_is_kept_byte_for_byte(shipped):
    data = ooxml.copy_sheet(shipped, "自评表", "项目一", before="考核评分表")
    old, new = package_parts(shipped), package_parts(data)
    changed = {p for p in old if old[p] != new.get(p)}
    assert changed == {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml"}
    assert new["xl/vbaProject.bin"] == old["xl/vbaProject.bin"]
    assert "macroEnabled" in ooxml.content_type(data)


def test_print_areas_follow_the_copy_and_the_later_sheets(shipped):
    data = ooxml.copy_sheet(shipped, "自评表", "项目一", before="考核评分表")
    assert_scoped_names_point_home(data)
    scoped = {(n, s) for n, s, _ in names(data) if s is not None}
    assert {("_xlnm.Print_Area", "项目一"), ("_xlnm.Print_Titles", "项目一")} <= scoped
    assert scoped - {(n, "项目一") for n, _ in scoped} == {
        (n, s) for n, s, _ in names(shipped) if s is not None
    }
    book = load(data)
    assert book["项目一"].print_area == "'项目一'!$A$1:$I$56"
    assert book["考核评分表"].print_area == "'考核评分表'!$A$1:$F$12"
    # workbook-level names still point where they did
    level = {n: r for n, s, r in names(data) if s is None}
    assert level == {n: r for n, s, r in names(shipped) if s is None}
    assert book.active.title == "自评表"  # the active tab moved with its sheet


def test_a_patch_writes_into_the_copy_and_the_other_sheets(shipped):
    data = ooxml.copy_sheet(shipped, "自评表", "项目一", before="考核评分表")
    out = patched(data, {("项目一", 5, 3): 123.5, ("自评表", 5, 3): 7, ("项目一", 60, 2): "新行"})
    book = load(out)
    assert book["项目一"]["C5"].value == 123.5
    assert book["项目一"]["B60"].value == "新行"
    assert book["自评表"]["C5"].value == 7
    assert calamine_rows(out, "项目一")[4][2] == 123.5


def test_a_second_copy_and_a_copy_of_the_copy(shipped):
    once = ooxml.copy_sheet(shipped, "自评表", "项目一", before="考核评分表")
    twice = ooxml.copy_sheet(once, "自评表", "项目二", before="考核评分表")
    thrice = ooxml.copy_sheet(twice, "项目一", "项目三")
    sheets = [n for n, _ in ooxml.sheet_names(thrice)]
    assert sheets[2:5] == ["自评表", "项目一", "项目二"]
    assert sheets[-1] == "项目三"
    assert_scoped_names_point_home(thrice)
    book = load(thrice)
    for copy in ("项目一", "项目二", "项目三"):
        assert_same_sheet(book, "自评表", copy)
    parts = [p for p in package_parts(thrice) if p.startswith("xl/worksheets/sheet")]
    assert len(parts) == len(set(parts)) == len(sheets)
    out = patched(thrice, {("项目二", 5, 3): 2, ("项目三", 5, 3): 3})
    assert [load(out)[s]["C5"].value for s in ("项目二", "项目三")] == [2, 3]


def test_a_copy_of_the_hidden_model_sheet_libreoffice_saved():
    """The fixture was saved when the template had its hidden model sheet 项目表样 with names
    of its own (LibreOffice writes them unquoted)."""
    data = LO_SAVED.read_bytes()
    model = {n: r for n, s, r in names(data) if s == "项目表样"}
    assert len(model) > 10 and "xs_prj_model" in model
    out = ooxml.copy_sheet(
        data, "项目表样", "乡村道路", before="校验结果", drop_names={"xs_prj_model"}
    )
    assert ooxml.sheet_names(out)[7:10] == [
        ("乡村道路", "visible"),
        ("校验结果", "visible"),
        ("项目表样", "hidden"),
    ]
    copied = {n: r for n, s, r in names(out) if s == "乡村道路"}
    assert copied == {
        n: r.replace("项目表样!", "'乡村道路'!") for n, r in model.items() if n != "xs_prj_model"
    }
    assert {n: r for n, s, r in names(out) if s == "项目表样"} == model
    assert_scoped_names_point_home(out)
    book = load(out)
    own = {n for n in model if not n.startswith("_xlnm.")} - {"xs_prj_model"}
    assert sorted(book["乡村道路"].defined_names) == sorted(own)  # print setup is read apart
    assert_same_sheet(book, "项目表样", "乡村道路")
    assert calamine_rows(out, "乡村道路") == calamine_rows(out, "项目表样")


# ---------------------------------------------------------------- a book with sheet-scoped names


def tiny_png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


def scoped_book(active: str = "首页", first_sheet: str | None = None) -> bytes:
    """首页, a hidden model sheet 表样 with names of its own, a comment, an image, a table and
    links, then Other with a name of the same spelling and 末页."""
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True})
    sheets = {n: wb.add_worksheet(n) for n in ("首页", "表样", "Other", "末页")}
    model = sheets["表样"]
    money = wb.add_format({"num_format": "#,##0.00", "bg_color": "#FFF2CC"})
    model.merge_range("A1:C1", "项目支出绩效自评表", wb.add_format({"bold": True}))
    model.write_number("B2", 1234.5, money)
    model.write_number("B3", 10)
    model.write_formula("C2", "=B2*2", money, 2469)
    model.data_validation("D2", {"validate": "list", "source": ["是", "否"]})
    model.write_url("A5", "internal:'首页'!A1", string="回首页")
    model.write_url("A6", "https://example.com/", string="外链")
    model.write_comment("A2", "批注")
    model.insert_image("H2", "dot.png", {"image_data": io.BytesIO(tiny_png())})
    model.add_table("E4:F6", {"name": "项目表"})
    model.set_landscape()
    model.print_area("A1:F10")
    model.repeat_rows(0)
    model.hide()
    wb.define_name("表样!xs_x", "='表样'!$A$1")
    wb.define_name("表样!xs_total", "=表样!$B$2")
    wb.define_name("表样!xs_sum", "=SUM('表样'!$B$2:$B$3)+LEN(\"表样!A1\")+首页!$A$1")
    wb.define_name("表样!xs_model_only", "='表样'!$B$3")
    wb.define_name("Other!xs_x", "=Other!$C$3")
    wb.define_name("xs_all", "='表样'!$B$2")
    sheets["首页"].write("A1", "首页")
    sheets["首页"].write_formula("B1", "='表样'!B2*2", None, 2469)
    sheets["首页"].write_formula("C1", '="表样!"&表样!B3', None, "表样!10")
    sheets["Other"].data_validation("D1", {"validate": "list", "source": "='表样'!$B$2:$B$3"})
    sheets["Other"].write("C3", "别处")
    sheets["末页"].write("A1", "末页")
    sheets[active].activate()
    if first_sheet:
        sheets[first_sheet].set_first_sheet()
    wb.close()
    return out.getvalue()


def test_names_scoped_to_the_source_are_copied_for_the_copy():
    data = scoped_book()
    out = ooxml.copy_sheet(data, "表样", "项目 A", before="Other", drop_names={"XS_MODEL_ONLY"})
    assert ooxml.sheet_names(out) == [
        ("首页", "visible"),
        ("表样", "hidden"),
        ("项目 A", "visible"),
        ("Other", "visible"),
        ("末页", "visible"),
    ]
    entries = {(n, s): r for n, s, r in names(out)}
    assert entries[("xs_x", "项目 A")] == "'项目 A'!$A$1"
    assert entries[("xs_total", "项目 A")] == "'项目 A'!$B$2"
    assert entries[("xs_sum", "项目 A")] == "SUM('项目 A'!$B$2:$B$3)+LEN(\"表样!A1\")+首页!$A$1"
    assert ("xs_model_only", "项目 A") not in entries
    assert entries[("xs_model_only", "表样")] == "'表样'!$B$3"  # the model keeps its own
    assert entries[("xs_x", "表样")] == "'表样'!$A$1"
    assert entries[("xs_x", "Other")] == "Other!$C$3"  # shifted to Other's new index
    assert entries[("xs_all", None)] == "'表样'!$B$2"  # workbook-level: left alone
    book = load(out)
    copy = book["项目 A"]
    assert copy.sheet_state == "visible"
    assert copy.defined_names["xs_total"].attr_text == "'项目 A'!$B$2"
    assert book["Other"].defined_names["xs_x"].attr_text == "Other!$C$3"
    assert copy.print_area == "'项目 A'!$A$1:$F$10"
    assert copy.print_title_rows == "$1:$1"
    assert copy.page_setup.orientation == "landscape"
    assert copy["B2"].number_format == "#,##0.00"
    assert copy["B2"].fill.fgColor.rgb == book["表样"]["B2"].fill.fgColor.rgb == "FFFFF2CC"
    assert {str(r) for r in copy.merged_cells.ranges} == {"A1:C1"}
    assert [str(v.sqref) for v in copy.data_validations.dataValidation] == ["D2"]
    assert calamine_rows(out, "项目 A") == calamine_rows(out, "表样")


def test_what_hangs_on_the_sources_relationships_is_not_copied():
    data = scoped_book()
    out = ooxml.copy_sheet(data, "表样", "项目 A")
    xml = sheet_part(out, "项目 A")
    for gone in ("<legacyDrawing", "<drawing", "<tableParts", "r:id", "example.com"):
        assert gone not in xml
    assert "location=\"'首页'!A1\"" in xml  # a link within the workbook stays
    book = load(out)
    assert book["项目 A"]["A5"].hyperlink.location == "'首页'!A1"
    assert book["项目 A"]["A2"].comment is None
    assert book["表样"]["A2"].comment.text == "批注"
    assert len(book["表样"].tables) == 1 and not book["项目 A"].tables
    assert package_parts(out).keys() - package_parts(data).keys() == {
        ooxml.Package(out).sheet_part("项目 A")
    }


def test_the_copy_does_not_take_the_sources_revision_id():
    files = package_parts(scoped_book())
    part = "xl/worksheets/sheet2.xml"
    xml = files[part].decode()
    assert "<legacyDrawing" in xml  # the model sheet
    files[part] = xml.replace(
        "<worksheet ",
        '<worksheet xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" '
        'xr:uid="{00000000-0001-0000-0000-000000000000}" ',
        1,
    ).encode()
    out = ooxml.copy_sheet(zipped(files), "表样", "项目")
    assert "xr:uid" not in sheet_part(out, "项目")
    assert 'xmlns:xr="http://schemas.microsoft.com' in sheet_part(out, "项目")
    assert "xr:uid" in sheet_part(out, "表样")


def test_inserting_first_shifts_every_scoped_name_and_the_tab_indexes():
    data = scoped_book(active="Other", first_sheet="表样")
    out = ooxml.copy_sheet(data, "表样", "项目", before="首页")
    assert [n for n, _ in ooxml.sheet_names(out)][:2] == ["项目", "首页"]
    assert_scoped_names_point_home(out)
    view = re.search(r"<workbookView [^>]*>", workbook_xml(out)).group()
    assert 'activeTab="3"' in view and 'firstSheet="2"' in view
    assert load(out).active.title == "Other"


def test_a_sheet_name_with_a_quote_is_quoted_the_excel_way():
    data = scoped_book()
    out = ooxml.copy_sheet(data, "表样", "O'Neil 表")
    entries = {(n, s): r for n, s, r in names(out)}
    assert entries[("xs_total", "O'Neil 表")] == "'O''Neil 表'!$B$2"
    assert load(out)["O'Neil 表"].defined_names["xs_total"].attr_text == "'O''Neil 表'!$B$2"
    again = ooxml.copy_sheet(out, "O'Neil 表", "Plain")
    entries = {(n, s): r for n, s, r in names(again)}
    assert entries[("xs_total", "Plain")] == "Plain!$B$2"


@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        ("'表样'!$A$1", "'新'!$A$1"),
        ("表样!$A$1:$B$2", "'新'!$A$1:$B$2"),
        ("'表样'!A1+'表样'!B2", "'新'!A1+'新'!B2"),
        ("SUM(表样!A1,x表样!A1)", "SUM('新'!A1,x表样!A1)"),  # another sheet's name ends alike
        ('"表样!A1"&表样!A1', "\"表样!A1\"&'新'!A1"),  # text in quotes is text
        ("'表样 2'!A1", "'表样 2'!A1"),
        ("[1]表样!A1", "[1]表样!A1"),  # another workbook's sheet
        ("首页:表样!A1", "首页:表样!A1"),  # a 3D range keeps its ends
        ("#REF!A1", "#REF!A1"),
    ],
)
def test_references_to_the_sheet_are_renamed(formula, expected):
    assert ooxml.renamed_sheet_refs(formula, "表样", "新") == expected


def test_a_quoted_name_with_quotes_is_read_and_written_with_doubled_quotes():
    assert ooxml.renamed_sheet_refs("'It''s'!A1+It!A1", "it's", "a'b") == "'a''b'!A1+It!A1"
    assert ooxml.renamed_sheet_refs("'gone'!$A$1+GONE!B2", "Gone", "#REF") == "#REF!$A$1+#REF!B2"


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("项目一", None),
        ("Project (2)", None),
        ("", "empty"),
        ("   ", "empty"),
        ("x" * 31, None),
        ("项" * 32, "too_long"),
        ("a/b", "bad_char"),
        ("a:b", "bad_char"),
        ("[1]", "bad_char"),
        ("a*", "bad_char"),
        ("a?", "bad_char"),
        ("a\\b", "bad_char"),
        ("a\nb", "bad_char"),
        ("'项目", "quote_edge"),
        ("项目'", "quote_edge"),
        ("O'Neil", None),
        ("history", "reserved"),
        ("HISTORY", "reserved"),
        ("自评表", "taken"),
        ("SHEET1", "taken"),
        ("ｓｈｅｅｔ１", "taken"),  # full width: the same name to Excel
    ],
)
def test_sheet_name_problems(name, problem):
    assert ooxml.sheet_name_problem(name, ["自评表", "Sheet1"]) == problem


@pytest.mark.parametrize("name", ["自评表", "自评表".upper(), "a/b", "x" * 40, "History", ""])
def test_a_copy_under_a_bad_name_is_refused(name):
    data = TEMPLATE.read_bytes()
    with pytest.raises(ooxml.PackageError):
        ooxml.copy_sheet(data, "考核评分表", name)


def test_a_copy_of_a_missing_sheet_or_before_a_missing_sheet_is_refused():
    data = TEMPLATE.read_bytes()
    with pytest.raises(ooxml.PackageError, match="没有这张表"):
        ooxml.copy_sheet(data, "没有这张表", "项目一")
    with pytest.raises(ooxml.PackageError, match="没有这张表"):
        ooxml.copy_sheet(data, "自评表", "项目一", before="没有这张表")


# ---------------------------------------------------------------- the calculation chain

CHAIN = "xl/calcChain.xml"


def with_calc_chain(data: bytes) -> bytes:
    files = package_parts(data)
    files[CHAIN] = (
        b'<?xml version="1.0"?><calcChain xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><c r="A2" i="3"/></calcChain>'
    )
    for part, element in (
        (
            "xl/_rels/workbook.xml.rels",
            '<Relationship Id="rIdCC" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/calcChain" Target="calcChain.xml"/>',
        ),
        (
            "[Content_Types].xml",
            '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.calcChain+xml"/>',
        ),
    ):
        text = files[part].decode()
        close = text.rindex("</")
        files[part] = (text[:close] + element + text[close:]).encode()
    return zipped(files)


@pytest.mark.parametrize(
    "change",
    [
        lambda d: ooxml.copy_sheet(d, "自评表", "项目一"),
        lambda d: ooxml.delete_sheet(d, "考核评分表"),
    ],
    ids=["copy", "delete"],
)
def test_the_calculation_chain_goes(change):
    data = with_calc_chain(TEMPLATE.read_bytes())
    assert CHAIN in package_parts(data)
    out = package_parts(change(data))
    assert CHAIN not in out
    assert b"calcChain" not in out["xl/_rels/workbook.xml.rels"]
    assert b"calcChain" not in out["[Content_Types].xml"]
    load(zipped(out))


# ---------------------------------------------------------------- delete


def test_deleting_the_active_sheet(shipped):
    data = ooxml.delete_sheet(shipped, "自评表")
    sheets = [n for n, _ in ooxml.sheet_names(data)]
    assert "自评表" not in sheets and len(sheets) == len(ooxml.sheet_names(shipped)) - 1
    assert all(s != "自评表" for _, s, _ in names(data))
    assert_scoped_names_point_home(data)
    level = {n: r for n, s, r in names(data) if s is None}
    assert level["xs_basic"] == "#REF!$I$7"
    assert level["xs_checks"] == names_of(shipped)["xs_checks"]  # names elsewhere stay
    book = load(data)
    assert book.active.title == "考核评分表"  # the next sheet is active and selected
    selected = [s for s in sheets if 'tabSelected="1"' in sheet_part(data, s)]
    selected += [s for s in sheets if 'tabSelected="true"' in sheet_part(data, s)]
    assert selected == ["考核评分表"]
    assert calamine_rows(data, "考核评分表") == calamine_rows(shipped, "考核评分表")
    assert CalamineWorkbook.from_filelike(io.BytesIO(data)).sheet_names == sheets
    old, new = package_parts(shipped), package_parts(data)
    gone = old.keys() - new.keys()
    package = ooxml.Package(shipped)
    part = package.sheet_part("自评表")
    package.close()
    assert {part, ooxml._rels_path(part)} <= gone
    assert all(p.startswith(("xl/worksheets/", "xl/drawings/", "xl/ctrlProps/")) for p in gone)
    types = new["[Content_Types].xml"].decode()
    for p in gone:
        assert f'PartName="/{p}"' not in types
    for p in re.findall(r'PartName="/([^"]+)"', types):
        assert p in new
    assert new["xl/vbaProject.bin"] == old["xl/vbaProject.bin"]


def names_of(data: bytes) -> dict[str, str]:
    return {n: r for n, s, r in names(data) if s is None}


def test_deleting_a_sheet_takes_its_names_and_the_parts_only_it_used():
    data = scoped_book()
    out = ooxml.delete_sheet(data, "表样")
    assert ooxml.sheet_names(out) == [
        ("首页", "visible"),
        ("Other", "visible"),
        ("末页", "visible"),
    ]
    entries = {(n, s): r for n, s, r in names(out)}
    assert entries == {("xs_x", "Other"): "Other!$C$3", ("xs_all", None): "#REF!$B$2"}
    book = load(out)
    assert book["Other"].defined_names["xs_x"].attr_text == "Other!$C$3"
    assert book.defined_names["xs_all"].attr_text == "#REF!$B$2"
    old, new = package_parts(data), package_parts(out)
    gone = old.keys() - new.keys()
    kinds = {re.sub(r"\d+", "", p) for p in gone}
    assert kinds == {
        "xl/worksheets/sheet.xml",
        "xl/worksheets/_rels/sheet.xml.rels",
        "xl/comments.xml",
        "xl/drawings/vmlDrawing.vml",
        "xl/drawings/drawing.xml",
        "xl/drawings/_rels/drawing.xml.rels",
        "xl/media/image.png",
        "xl/tables/table.xml",
    }
    types = new["[Content_Types].xml"].decode()
    for p in re.findall(r'PartName="/([^"]+)"', types):
        assert p in new
    assert calamine_rows(out, "Other") == [["别处"]]  # calamine reads from the first used cell
    # formulas into the deleted sheet read #REF! as Excel makes them; their results stay saved
    assert book["首页"]["B1"].value == "=#REF!B2*2"
    assert book["首页"]["C1"].value == '="表样!"&#REF!B3'
    assert [v.formula1 for v in book["Other"].data_validations.dataValidation] == ["#REF!$B$2:$B$3"]
    assert load(out, data_only=True)["首页"]["B1"].value == 2469


def test_deleting_the_last_active_sheet_activates_the_visible_one_before():
    data = scoped_book(active="末页", first_sheet="末页")
    out = ooxml.delete_sheet(ooxml.delete_sheet(data, "末页"), "Other")
    assert ooxml.sheet_names(out) == [("首页", "visible"), ("表样", "hidden")]
    view = re.search(r"<workbookView [^>]*>", workbook_xml(out)).group()
    assert 'activeTab="0"' in view and 'firstSheet="1"' in view  # never past the end
    assert load(out).active.title == "首页"
    assert 'tabSelected="1"' in sheet_part(out, "首页")


def test_the_last_visible_sheet_and_a_missing_sheet_are_not_deleted():
    data = ooxml.delete_sheet(ooxml.delete_sheet(scoped_book(), "Other"), "末页")
    with pytest.raises(ooxml.PackageError, match="首页"):
        ooxml.delete_sheet(data, "首页")
    with pytest.raises(ooxml.PackageError, match="没有这张表"):
        ooxml.delete_sheet(data, "没有这张表")
    assert [n for n, _ in ooxml.sheet_names(ooxml.delete_sheet(data, "表样"))] == ["首页"]


def test_a_deleted_copy_leaves_the_workbook_as_it_was():
    data = TEMPLATE.read_bytes()
    out = ooxml.delete_sheet(
        ooxml.copy_sheet(data, "自评表", "项目一", before="考核评分表"), "项目一"
    )
    assert ooxml.sheet_names(out) == ooxml.sheet_names(data)
    assert names(out) == names(data)
    old, new = package_parts(data), package_parts(out)
    assert old.keys() == new.keys()
    assert all(old[p] == new[p] for p in old if p != "xl/workbook.xml")


# ---------------------------------------------------------------- the file adapter


def test_the_file_adapter_copies_and_deletes_and_keeps_what_was_written(tmp_path):
    path = tmp_path / "单位.xlsm"
    path.write_bytes(TEMPLATE.read_bytes())
    f = OpenpyxlFile(path)
    f.write(Area("自评表", 5, 3, 1, 1), [[1000]])
    f.write(Area("校验结果", 2, 1, 1, 1), [["将被删除"]])
    f.fill(Area("校验结果", 2, 1, 1, 1), "#FF0000")
    f.copy_sheet("自评表", "项目一", before="考核评分表")
    assert f.book.sheetnames[3] == "项目一"
    assert f.sheet_names == f.book.sheetnames == [n for n, _ in ooxml.sheet_names(f._bytes)]
    assert f.values(Area("自评表", 5, 3, 1, 1)) == [[1000]]  # still written, not yet saved
    assert f.values(Area("项目一", 2, 1, 1, 1)) == f.values(Area("自评表", 2, 1, 1, 1))
    f.write(Area("项目一", 5, 3, 1, 1), [[2000]])
    f.delete_sheet("校验结果")
    assert "校验结果" not in f.book.sheetnames
    assert all(k[0] != "校验结果" for k in (*f.edits.values, *f.edits.fills))
    assert path.read_bytes() == TEMPLATE.read_bytes()  # nothing saved yet
    f.save()
    book = load(path.read_bytes())
    assert book["自评表"]["C5"].value == 1000
    assert book["项目一"]["C5"].value == 2000
    assert "校验结果" not in book.sheetnames
    assert book["项目一"].print_area == "'项目一'!$A$1:$I$56"
    assert OpenpyxlFile(path).macros


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("自评表", "同名"),
        ("a/b", "字符"),
        pytest.param("项" * 40, "31", marks=pytest.mark.slow),
        pytest.param("History", "保留", marks=pytest.mark.slow),
    ],
)
def test_the_file_adapter_says_in_chinese_why_a_name_cannot_be_used(tmp_path, name, words):
    path = tmp_path / "单位.xlsm"
    path.write_bytes(TEMPLATE.read_bytes())
    f = OpenpyxlFile(path)
    with pytest.raises(InputError, match=words) as err:
        f.copy_sheet("考核评分表", name)
    assert name in str(err.value)
    with pytest.raises(InputError, match="没有工作表“不存在”"):
        f.copy_sheet("不存在", "项目一")
    with pytest.raises(InputError, match="没有工作表“不存在”"):
        f.delete_sheet("不存在")
    assert f.book.sheetnames == load(TEMPLATE.read_bytes()).sheetnames


def test_the_file_adapter_keeps_one_visible_sheet(tmp_path):
    path = tmp_path / "单位.xlsx"
    path.write_bytes(ooxml.delete_sheet(ooxml.delete_sheet(scoped_book(), "Other"), "末页"))
    f = OpenpyxlFile(path)
    with pytest.raises(InputError, match="至少要留一张"):
        f.delete_sheet("首页")


# ---------------------------------------------------------------- LibreOffice


@pytest.mark.slow
def test_libreoffice_prints_the_copy(tmp_path):
    import lo

    data = ooxml.copy_sheet(TEMPLATE.read_bytes(), "自评表", "项目一", before="考核评分表")
    data = patched(data, {("项目一", 3, 3): "复制表专用标记"})  # the unit name, C3:I3
    book = tmp_path / "copied.xlsm"
    book.write_bytes(data)
    (pdf,) = lo.to_pdf([book], tmp_path, tmp_path / "lo-profile")
    text = lo.pdf_text(pdf)
    assert "复制表专用标记" in text
    original = lo.pdf_text(lo.to_pdf([TEMPLATE], tmp_path / "orig", tmp_path / "lo-profile")[0])
    heading = "年度部门整体支出绩效自评表"
    assert text.count(heading) == 2 * original.count(heading) > 0
    pages = lo.pdf_pages(pdf)
    own = [i for i, page in enumerate(pages) if "复制表专用标记" in page]
    assert len(own) == 1  # the unit name is on the copy's first page only
    # the copy prints as many pages as its source, its title row repeated on each
    assert pages[own[0] + 1].count("三级指标") == pages[own[0] - 1].count("三级指标") == 1
