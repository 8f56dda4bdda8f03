"""The package patch: only the cells and fills written change; every other byte of the file stays."""

from __future__ import annotations

import io
import re
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from conftest import EXAMPLES
from hostile import cell_element, package_parts, zipped
from openpyxl.styles import PatternFill

from xlsrc import ooxml
from xlsrc.adapters.base import Area
from xlsrc.adapters.openpyxl_file import OpenpyxlFile
from xlsrc.errors import InputError
from xlsrc.usecases import calculate, check, report

SEED = EXAMPLES / "seed000.xlsm"


def patched(data: bytes, values=None, fills=None) -> bytes:
    out = io.BytesIO()
    ooxml.patch(data, ooxml.Edits(dict(values or {}), dict(fills or {})), out)
    return out.getvalue()


def small_book(edit=None) -> bytes:
    """A workbook saved by openpyxl: sheet 表 with a few styled cells, a merge and a formula."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表"
    ws["A1"] = "标题"
    ws["B2"] = 1
    ws["D2"] = 4
    ws["B5"] = "=B2*2"
    ws["A1"].fill = PatternFill(fill_type="solid", fgColor="00FF00")
    ws.column_dimensions["F"].number_format = "0.00%"
    ws.merge_cells("A8:C8")
    if edit:
        edit(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def load(data: bytes, **kw) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data), **kw)


def sheet_xml(data: bytes, sheet: str = "xl/worksheets/sheet1.xml") -> str:
    return package_parts(data)[sheet].decode("utf-8")


# -- nothing but what was asked changes


def test_no_edit_copies_every_part_in_order():
    data = SEED.read_bytes()
    out = patched(data)
    assert list(package_parts(out)) == list(package_parts(data))
    assert package_parts(out) == package_parts(data)


def test_a_value_changes_only_its_own_cell_element():
    data = SEED.read_bytes()
    book = OpenpyxlFile(SEED)
    area = book.area("xs_total")
    out = patched(data, {(area.sheet, area.row, area.col): 12.5})
    before, after = package_parts(data), package_parts(out)
    changed = sorted(n for n in before if before[n] != after[n])
    assert changed == ["xl/worksheets/sheet3.xml"]  # its workbook.xml already asks to recalc
    assert load(out)[area.sheet].cell(area.row, area.col).value == 12.5
    # Only the cell's own element differs in the sheet part.
    old, new = before["xl/worksheets/sheet3.xml"], after["xl/worksheets/sheet3.xml"]
    head = next(i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b)
    tail = next(i for i, (a, b) in enumerate(zip(old[::-1], new[::-1], strict=False)) if a != b)
    assert new[head : len(new) - tail].count(b"<c ") <= 1
    assert len(new) - tail - head < 80


@pytest.mark.parametrize(
    "value, expected",
    [
        (3, 3),
        (Decimal("94.16"), 94.16),
        (Decimal("100.00"), 100),
        (0.1 + 0.2, 0.1 + 0.2),
        (-1e-7, -1e-7),
        (True, True),
        ("优", "优"),
        ("=SUM(A1:A3)", "=SUM(A1:A3)"),
        ("<b>&amp;\"'</b>", "<b>&amp;\"'</b>"),
        ("  前后空格  ", "  前后空格  "),
        ("第一行\n第二行", "第一行\n第二行"),
        (date(2025, 1, 31), 45688),  # the serial; the cell's format decides how it shows
        (datetime(2025, 1, 31, 12), 45688.5),
        (None, None),
    ],
)
def test_values_read_back_as_written(value, expected):
    out = patched(small_book(), {("表", 2, 2): value})
    cell = load(out)["表"]["B2"]
    assert cell.value == expected
    if isinstance(value, str):
        assert cell.data_type == "s"  # text stays text, never a formula
        b2 = re.search(r'<c r="B2".*?</c>', sheet_xml(out), re.S).group()
        assert "<f>" not in b2 and 't="inlineStr"' in b2


def test_a_control_character_is_escaped_as_excel_does():
    out = patched(small_book(), {("表", 2, 2): "a\x0bb"})
    assert "a_x000B_b" in sheet_xml(out)
    assert load(out)["表"]["B2"].value == "a_x000B_b"  # openpyxl does not unescape; Excel does


def test_non_finite_numbers_are_refused():
    with pytest.raises(ooxml.PackageError):
        patched(small_book(), {("表", 2, 2): float("nan")})


# -- where new cells and rows go


def test_new_cells_and_rows_are_placed_in_order():
    values = {
        ("表", 2, 1): "A2",  # before the first cell of an existing row
        ("表", 2, 3): "C2",  # between two cells
        ("表", 2, 9): "I2",  # after the last
        ("表", 1, 2): "B1",
        ("表", 3, 2): "B3",  # a new row between rows 2 and 5
        ("表", 4, 1): "A4",
        ("表", 40, 2): "B40",  # a new row after the last
    }
    out = patched(small_book(), values)
    ws = load(out)["表"]
    for (_, row, col), value in values.items():
        assert ws.cell(row, col).value == value
    assert ws["B2"].value == 1 and ws["D2"].value == 4 and ws["A1"].value == "标题"
    xml = sheet_xml(out)
    rows = [int(r) for r in re.findall(r'<row r="(\d+)"', xml)]
    assert rows == sorted(rows)
    refs = re.findall(r'<c r="([A-Z]+)2"', xml)
    assert refs == ["A", "B", "C", "D", "I"]


def test_a_new_cell_takes_its_column_format():
    out = patched(small_book(), {("表", 6, 6): 0.5})
    assert load(out)["表"]["F6"].number_format == "0.00%"


def test_an_empty_sheet_gets_its_first_row():
    def empty(wb):
        wb.create_sheet("空")

    data = small_book(empty)
    out = patched(data, {("空", 3, 2): "x"})
    assert load(out)["空"]["B3"].value == "x"


def test_rows_and_cells_without_their_optional_r_attribute():
    data = small_book()
    xml = sheet_xml(data)
    bare = re.sub(r'<row r="\d+"', "<row", xml).replace('r="B2"', "").replace('r="D2"', "")
    bare = bare.replace("<c  t", "<c t")
    files = package_parts(data)
    files["xl/worksheets/sheet1.xml"] = bare.encode()
    before = load(zipped(files))["表"]
    out = patched(zipped(files), {("表", 1, 3): "new"})
    after = load(out)["表"]
    assert after.cell(1, 3).value == "new"
    assert [[c.value for c in r] for r in after.iter_rows(max_col=4)][1:] == [
        [c.value for c in r] for r in before.iter_rows(max_col=4)
    ][1:]


def test_a_sheet_written_with_a_namespace_prefix():
    data = small_book()
    files = package_parts(data)
    xml = files["xl/worksheets/sheet1.xml"].decode()
    xml = re.sub(r"<(/?)(?!\?)([a-zA-Z]+)", r"<\1x:\2", xml)
    xml = xml.replace(
        'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
        'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
    )
    files["xl/worksheets/sheet1.xml"] = xml.encode()
    out = patched(zipped(files), {("表", 2, 3): 7, ("表", 20, 1): "末行"})
    new = sheet_xml(out)
    assert '<x:c r="C2"><x:v>7</x:v></x:c>' in new
    assert '<x:row r="20"><x:c r="A20" t="inlineStr">' in new


# -- formulas


@pytest.mark.parametrize(
    "calc_pr, expected",
    [
        ("", '<definedNames/><calcPr fullCalcOnLoad="1"/></workbook>'),
        ("<extLst/>", '<definedNames/><calcPr fullCalcOnLoad="1"/><extLst/></workbook>'),
        ('<calcPr calcId="191029"/>', '<calcPr calcId="191029" fullCalcOnLoad="1"/>'),
        ('<calcPr calcId="1" fullCalcOnLoad="1"/>', '<calcPr calcId="1" fullCalcOnLoad="1"/>'),
    ],
)
def test_a_written_value_asks_excel_to_recalculate_on_open(calc_pr, expected):
    files = package_parts(small_book())
    xml = files["xl/workbook.xml"].decode()
    xml = re.sub(r"<calcPr[^>]*/>", calc_pr, xml)
    files["xl/workbook.xml"] = xml.encode()
    out = package_parts(patched(zipped(files), {("表", 2, 2): 5}))["xl/workbook.xml"].decode()
    assert expected in out
    assert out.count("<calcPr") == 1
    assert (
        package_parts(patched(zipped(files)))["xl/workbook.xml"].decode() == xml
    )  # no edit, no change


def test_overwriting_a_formula_drops_the_calculation_chain():
    files = package_parts(small_book())
    files["xl/calcChain.xml"] = (
        b'<?xml version="1.0"?><calcChain xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><c r="B5" i="1"/></calcChain>'
    )
    append(
        files,
        "xl/_rels/workbook.xml.rels",
        '<Relationship Id="rIdCC" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/calcChain" Target="calcChain.xml"/>',
    )
    append(
        files,
        "[Content_Types].xml",
        '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.calcChain+xml"/>',
    )
    data = zipped(files)
    kept = package_parts(patched(data, {("表", 2, 2): 5}))
    assert "xl/calcChain.xml" in kept  # a value over a value keeps the chain
    out = package_parts(patched(data, {("表", 5, 2): 5}))
    assert "xl/calcChain.xml" not in out
    assert b"calcChain" not in out["xl/_rels/workbook.xml.rels"]
    assert b"calcChain" not in out["[Content_Types].xml"]
    assert load(zipped(out))["表"]["B5"].value == 5


def append(files: dict[str, bytes], part: str, element: str) -> None:
    """Add an element at the end of a part's root element."""
    text = files[part].decode()
    close = text.rindex("</")
    files[part] = (text[:close] + element + text[close:]).encode()


def test_the_master_cell_of_a_shared_formula_is_not_overwritten(tmp_path):
    files = package_parts(small_book())
    xml = files["xl/worksheets/sheet1.xml"].decode()
    xml = xml.replace("<f>B2*2</f>", '<f t="shared" ref="B5:B6" si="0">B2*2</f>')
    files["xl/worksheets/sheet1.xml"] = xml.encode()
    with pytest.raises(ooxml.SharedFormulaError) as err:
        patched(zipped(files), {("表", 5, 2): 1})
    assert (err.value.sheet, err.value.cell) == ("表", "B5")
    path = tmp_path / "book.xlsx"
    path.write_bytes(zipped(files))
    book = OpenpyxlFile(path)
    book.write(Area("表", 5, 2), [[1]])
    with pytest.raises(InputError, match="表.*B5.*共享公式"):
        book.save()
    assert path.read_bytes() == zipped(files)


# -- fills


def test_fills_reuse_formats_and_do_not_grow_on_every_run(tmp_path):
    path = tmp_path / "seed.xlsm"
    path.write_bytes(SEED.read_bytes())

    def xf_count() -> int:
        styles = package_parts(path.read_bytes())["xl/styles.xml"].decode()
        return int(re.search(r'<cellXfs count="(\d+)"', styles).group(1))

    counts = [xf_count()]
    for _ in range(3):
        run(path, calculate, check)
        counts.append(xf_count())
    assert counts[0] < counts[1]  # the error and warning flags of seed 000 are new formats
    assert counts[1] == counts[2] == counts[3]  # then reused, not added on every run


def test_a_fill_keeps_the_rest_of_the_cell_format():
    out = patched(small_book(), fills={("表", 1, 1): "#FFC7CE", ("表", 6, 6): "#FFEB9C"})
    ws = load(out)["表"]
    assert ws["A1"].fill.fgColor.rgb == "FFFFC7CE"
    assert ws["A1"].value == "标题"
    assert ws["F6"].fill.fgColor.rgb == "FFFFEB9C"
    assert ws["F6"].number_format == "0.00%"
    cleared = load(patched(out, fills={("表", 1, 1): None}))["表"]["A1"]
    assert cleared.fill.fill_type is None


def test_a_fill_is_reused_by_its_colour_not_by_another_fills_bgcolor():
    # As LibreOffice saves fills: a salmon fill whose bgColor is amber, then the amber one.
    def lo_fills(data: bytes) -> bytes:
        parts = package_parts(data)
        styles = parts["xl/styles.xml"].decode()
        fills = (
            '<fills count="4"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill>'
            '<fill><patternFill patternType="solid"><fgColor rgb="FFF8CBAD"/>'
            '<bgColor rgb="FFFFE699"/></patternFill></fill>'
            '<fill><patternFill patternType="solid"><fgColor rgb="FFFFE699"/>'
            '<bgColor rgb="FFFFF2CC"/></patternFill></fill></fills>'
        )
        parts["xl/styles.xml"] = re.sub(r"<fills.*?</fills>", fills, styles, flags=re.S).encode()
        return zipped(parts)

    out = patched(lo_fills(small_book()), fills={("表", 2, 2): "#FFE699", ("表", 4, 4): "#F8CBAD"})
    ws = load(out)["表"]
    assert ws["B2"].fill.fgColor.rgb == "FFFFE699"
    assert ws["D4"].fill.fgColor.rgb == "FFF8CBAD"


# -- the adapter


def test_a_merged_cell_under_another_is_not_written(tmp_path):
    path = tmp_path / "book.xlsx"
    path.write_bytes(small_book())
    book = OpenpyxlFile(path)
    book.write(Area("表", 8, 1).sub(0, 0, 1, 3), [["合并", "x", "y"]])
    out = load(book.save().read_bytes())["表"]
    assert out["A8"].value == "合并"
    assert "B8" not in sheet_xml(path.read_bytes())


def run(path: Path, *steps) -> Path:
    """Open `path`, run the use cases on it and save it in place."""
    book = OpenpyxlFile(path)
    for step in steps:
        step(book)
    book.save()
    return path


def seed_copy(path: Path, *steps) -> Path:
    path.write_bytes(SEED.read_bytes())
    return run(path, *steps)


def test_a_macro_workbook_named_xlsx_keeps_its_macros(tmp_path):
    path = seed_copy(tmp_path / "改名.xlsx", calculate)
    after = package_parts(path.read_bytes())
    assert after["xl/vbaProject.bin"] == package_parts(SEED.read_bytes())["xl/vbaProject.bin"]
    assert after["[Content_Types].xml"] == package_parts(SEED.read_bytes())["[Content_Types].xml"]
    with pytest.raises(InputError, match=r"含宏，请保存为 \.xlsm"):
        OpenpyxlFile(path).save(tmp_path / "另存.xlsx")


def test_a_workbook_without_macros_is_not_saved_as_xlsm(tmp_path):
    path = tmp_path / "无宏.xlsx"
    path.write_bytes(small_book())
    with pytest.raises(InputError, match=r"不含宏，请保存为 \.xlsx"):
        OpenpyxlFile(path).save(tmp_path / "另存.xlsm")


def test_calc_check_report_change_only_output_cells_and_fills(tmp_path):
    path = seed_copy(tmp_path / "seed.xlsm", calculate, check, report)
    before, after = package_parts(SEED.read_bytes()), package_parts(path.read_bytes())
    assert list(before) == list(after)
    changed = {n for n in before if before[n] != after[n]}
    assert changed <= {"xl/workbook.xml", "xl/styles.xml"} | {
        n for n in before if n.startswith("xl/worksheets/sheet")
    }
    assert after["xl/vbaProject.bin"] == before["xl/vbaProject.bin"]


def test_the_seed_example_reads_the_same_after_a_patch(tmp_path):
    path = tmp_path / "seed.xlsm"
    path.write_bytes(SEED.read_bytes())
    book = OpenpyxlFile(path)
    calculate(book)
    book.save()
    a, b = load(SEED.read_bytes()), load(path.read_bytes())
    for ws in a.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                other = b[ws.title][cell.coordinate]
                if cell.value != other.value:
                    assert (ws.title, cell.coordinate) in book.edits.values or cell.value is None, (
                        ws.title,
                        cell.coordinate,
                    )


# -- results saved with formulas


def test_formula_results_are_read_as_saved_never_evaluated():
    def formulas(wb):
        ws = wb["表"]
        for ref in ("C1", "C2", "C3", "C4", "C5", "C6", "C7"):
            ws[ref] = "=1+1"

    files = package_parts(small_book(formulas))
    xml = files["xl/worksheets/sheet1.xml"].decode()
    saved = {
        "C1": "<f>1+1</f><v>2</v>",
        "C2": "<f>1/3</f><v>0.33333333333333331</v>",
        "C3": '<f>A1&amp;"x"</f><v>标题x</v>',
        "C4": "<f>1=1</f><v>1</v>",
        "C5": "<f>NA()</f><v>#N/A</v>",
        "C6": "<f>1+1</f>",
        "C7": "<f>DATE(2024,12,20)</f><v>45646</v>",
    }
    kinds = {"C3": ' t="str"', "C4": ' t="b"', "C5": ' t="e"'}
    for ref, inner in saved.items():
        old = cell_element(xml, ref)
        xml = xml.replace(old, f'<c r="{ref}"{kinds.get(ref, "")}>{inner}</c>')
    files["xl/worksheets/sheet1.xml"] = xml.encode()
    results = ooxml.formula_results(zipped(files), "表")
    assert results == {
        (1, 3): 2,
        (2, 3): 0.3333333333333333,
        (3, 3): "标题x",
        (4, 3): True,
        (5, 3): "#N/A",
        (6, 3): None,
        (7, 3): 45646,
        (5, 2): None,  # B5's formula was saved by openpyxl, without a result
    }
    assert isinstance(results[1, 3], int)


def test_a_date_result_reads_as_a_date_where_the_cell_shows_a_date(tmp_path):
    def dated(wb):
        wb["表"]["C7"] = "=DATE(2024,12,20)"
        wb["表"]["C7"].number_format = "yyyy-mm-dd"

    files = package_parts(small_book(dated))
    xml = files["xl/worksheets/sheet1.xml"].decode()
    xml = re.sub(r"(<c r=\"C7\"[^>]*>)<f>(.*?)</f><v></v>", r"\1<f>\2</f><v>45646</v>", xml)
    files["xl/worksheets/sheet1.xml"] = xml.encode()
    path = tmp_path / "dated.xlsx"
    path.write_bytes(zipped(files))
    book = OpenpyxlFile(path)
    assert book.values(Area("表", 7, 3)) == [[datetime(2024, 12, 20)]]


# -- what is written is exactly what was asked


@pytest.mark.parametrize(
    "text, stored",
    [
        ("_x0041_", "_x005F_x0041_"),  # a literal escape-like run stays literal for Excel
        ("a]]>b", "a]]&gt;b"),  # "]]>" may not stand in XML text
        ("<&>", "&lt;&amp;&gt;"),
        ("\x01", "_x0001_"),
    ],
)
def test_text_is_stored_as_excel_reads_it(text, stored):
    out = patched(small_book(), {("表", 2, 2): text})
    assert f'<t xml:space="preserve">{stored}</t>' in sheet_xml(out)
    load(out)  # still a well-formed part


def test_attributes_survive_being_written_again():
    import xml.etree.ElementTree as ET

    value = 'a"b\tc\nd\re&f<g>'
    xml = ooxml.cell_xml("", {"r": "B2", "s": "3", "odd": value, "t": "s"}, 1)
    element = ET.fromstring(xml)
    assert element.attrib == {"r": "B2", "s": "3", "odd": value}  # t belonged to the old value


@pytest.mark.parametrize(
    "value, stored",
    [
        (Decimal("1E+2"), "100"),
        (Decimal("94.160"), "94.16"),
        (1e15, "1000000000000000.0"),
        (999999999999999.0, "999999999999999"),
        (2**60, str(2**60)),
        (-0.5, "-0.5"),
        (datetime(2024, 12, 20, 6), "45646.25"),
        (date(1900, 3, 1), "61"),
        (time(18), "0.75"),
        (datetime(2024, 12, 20, 0, 0, 1), repr(45646 + 1 / 86400)),
    ],
)
def test_numbers_are_stored_as_excel_writes_them(value, stored):
    assert ooxml.cell_xml("", {"r": "A1"}, value) == f'<c r="A1"><v>{stored}</v></c>'


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), Decimal("NaN")])
def test_a_number_no_cell_holds_is_refused(value):
    with pytest.raises(ooxml.PackageError, match="not a finite number"):
        ooxml.cell_xml("", {"r": "A1"}, value)


def test_a_broken_sheet_part_is_refused_with_what_is_wrong():
    files = package_parts(small_book())
    files["xl/worksheets/sheet1.xml"] = files["xl/worksheets/sheet1.xml"][:-20]  # cut short
    with pytest.raises(ooxml.PackageError, match="malformed XML"):
        patched(zipped(files), {("表", 2, 2): 1})


def test_a_sheet_the_package_lacks_is_named():
    with pytest.raises(ooxml.PackageError, match="no sheet 别的表"):
        patched(small_book(), {("别的表", 2, 2): 1})


def test_a_package_that_cannot_be_patched_is_told_and_left_alone(tmp_path):
    files = package_parts(small_book())
    xml = files["xl/worksheets/sheet1.xml"].decode()
    files["xl/worksheets/sheet1.xml"] = re.sub(r"<sheetData>.*</sheetData>", "", xml).encode()
    path = tmp_path / "无表体.xlsx"
    path.write_bytes(zipped(files))
    book = OpenpyxlFile(path)  # openpyxl reads a sheet without cells
    book.write(Area("表", 2, 2), [[1]])
    with pytest.raises(
        InputError, match="无法把结果写入“无表体.xlsx”.*no sheetData.*原文件未作改动"
    ):
        book.save()
    assert path.read_bytes() == zipped(files)
