"""The feature fixture: every feature is intact in it, spreadsheet programs open it, and
openpyxl's load and save loses or rewrites the features listed here (why saving needs a patcher).
"""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from fixture_features import FEATURES, SOURCE, make_feature_workbook, make_misnamed_xlsx

from xlsrc.adapters.openpyxl_file import OpenpyxlFile
from xlsrc.usecases import calculate

# What `load_workbook(keep_vba=True).save()` did to the fixture (openpyxl 3.1.5, no Pillow).
OPENPYXL_LOSES = {
    "input_formula",  # the formula stays, its cached value is dropped: headless reads fail
    "threaded_comment",  # thread and persons parts dropped; only Excel's placeholder note stays
    "x14_data_validation",  # the extension list is dropped: the 调整理由 dropdown is gone
    "x14_data_bar",  # the x14 rule and the 2007 rule's link to it are dropped
    "image",  # dropped without Pillow; with Pillow openpyxl re-encodes the drawing
    "custom_xml",  # customXml item, its properties and relationship dropped
    "web_extension",  # the add-in's task pane parts and relationship dropped
    "ignored_errors",  # dropped
    "clerk_sheet",  # the clerk's formula loses its cached value (strings become inline)
}
OPENPYXL_REWRITES = {
    "legacy_comment",  # moved to xl/comments/comment1.xml; the bold author run is flattened
    "data_validation",  # showDropDown="0" added
    "chart",  # drawing renamed; lang, date1904, the series' c16 id and print settings dropped
    "custom_properties",  # same properties, serialized anew
    "header_footer",  # empty even/first header and footer elements added
}
# Kept as they were: conditional_formatting, sheet_view, defined_name, vba.

# openpyxl says so for the x14 extension lists and the 2007 data bar's link to its x14 rule.
pytestmark = pytest.mark.filterwarnings("ignore:.*extension is not supported:UserWarning")


@pytest.fixture(scope="module")
def fixture(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("features") / "features.xlsm"
    make_feature_workbook(SOURCE, path)
    return path


@pytest.fixture(scope="module")
def misnamed(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("misnamed") / "features.xlsx"
    make_misnamed_xlsx(SOURCE, path)
    return path


@pytest.mark.parametrize("feature", FEATURES)
def test_the_feature_is_intact_in_the_fixture(fixture, misnamed, feature):
    assert FEATURES[feature](fixture) is None
    assert FEATURES[feature](misnamed) is None


@pytest.mark.parametrize("feature", sorted(set(FEATURES) - {"vba"}))
def test_the_check_fails_on_the_example_without_the_feature(feature):
    assert FEATURES[feature](SOURCE) is not None


def test_the_fixture_is_reproducible(tmp_path, fixture, misnamed):
    again = tmp_path / "again.xlsm"
    make_feature_workbook(SOURCE, again)
    assert again.read_bytes() == fixture.read_bytes() == misnamed.read_bytes()


def test_the_misnamed_copy_must_be_named_xlsx(tmp_path):
    with pytest.raises(ValueError):
        make_misnamed_xlsx(SOURCE, tmp_path / "features.xlsm")


def test_openpyxl_load_and_save_loses_or_rewrites_the_listed_features(fixture, tmp_path):
    saved = tmp_path / "saved.xlsm"
    openpyxl.load_workbook(fixture, keep_vba=True).save(saved)
    failed = {name for name, check in FEATURES.items() if check(saved)}
    assert failed == OPENPYXL_LOSES | OPENPYXL_REWRITES


def test_openpyxl_opens_the_fixture(fixture, misnamed):
    for path in (fixture, misnamed):
        book = openpyxl.load_workbook(path, keep_vba=True)
        assert book.sheetnames[-1] == "备注"
        assert book["自评表"]["F14"].value == "=E14"


def test_the_input_formula_scores_as_the_value_it_replaced(fixture):
    totals = []
    for path in (SOURCE, fixture):
        book = OpenpyxlFile(path)
        calculate(book)
        totals.append(book.values(book.area("xs_total")))
    assert totals[0] == totals[1] == [[94.16]]


@pytest.mark.slow
def test_libreoffice_opens_the_fixture(fixture, misnamed, tmp_path):
    import lo

    pdfs = lo.to_pdf([fixture, misnamed], tmp_path / "pdf", tmp_path / "profile")
    for pdf in pdfs:
        text = lo.pdf_text(pdf)
        assert "2024年度部门整体支出绩效自评表" in text
        assert "常用调整理由" in text and "预算执行情况（万元）" in text  # the sheet and its chart
        assert re.search(r"第 \d+ 页，共 \d+ 页", text)  # the clerk's footer of 附件2
        assert "岳阳城陵矶综合保税区" in text  # … and header


# -- what xlsrc's runs leave of them


def _run_all(path: Path, target: Path | None = None) -> Path:
    """计算得分, 检查 and 生成报告 as the CLI runs them, each saved (in place, or to `target`)."""
    from xlsrc.usecases import check, report

    source = path
    for step in (calculate, check, report):
        book = OpenpyxlFile(source)
        step(book)
        source = book.save(target)
    return source


@pytest.mark.parametrize("how", ["in_place", "save_as"])
@pytest.mark.slow
def test_every_feature_survives_calc_check_and_report(fixture, misnamed, tmp_path, how):
    for original in (fixture, misnamed):
        path = tmp_path / original.name
        path.write_bytes(original.read_bytes())
        target = tmp_path / "另存.xlsm" if how == "save_as" else None  # macros need .xlsm
        saved = _run_all(path, target)
        failed = {name: why for name, check in FEATURES.items() if (why := check(saved))}
        assert failed == {}, original.name
        book = OpenpyxlFile(saved)
        assert book.values(book.area("xs_total")) == [[94.16]]


def test_opening_the_fixture_prints_no_warning_about_dropped_parts(fixture, recwarn):
    import warnings

    warnings.simplefilter("always")
    book = OpenpyxlFile(fixture)
    calculate(book)
    assert [str(w.message) for w in recwarn] == []
