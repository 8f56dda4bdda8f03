"""The summary's pure parts: duplicates, unmet indicators, rule conformity, ranking, counts,
and the package reading that finds names and number formats."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import pytest
from openpyxl.styles.numbers import BUILTIN_FORMATS

from xlsrc import ooxml
from xlsrc.domain import text as T
from xlsrc.domain.findings import Finding, Severity
from xlsrc.domain.rules import Rules
from xlsrc.domain.scoring import Budget, Indicator
from xlsrc.domain.selfeval import SelfEvaluation, score_form
from xlsrc.domain.summary import RULE_CODES, Entry, Issue, deduplicate, follows, unmet
from xlsrc.outputs.summary import band_counts, frame, grade_counts, problems_frame
from xlsrc.rules import DEFAULT, load_rules


def entry(file: str, unit: str = "甲局", year: int | None = 2024, **kw: object) -> Entry:
    return Entry(
        file=file,
        source="",
        unit=unit,
        year=year,
        total=kw.pop("total", Decimal(90)),
        grade=kw.pop("grade", "优"),
        **kw,
    )  # type: ignore[arg-type]


def issue(code: str, severity: Severity = Severity.ERROR) -> Issue:
    return Issue("自评表", "A1", code, severity, "m")


class TestDeduplicate:
    def test_a_later_file_of_the_same_unit_and_year_is_skipped_naming_the_kept(self):
        kept, skipped = deduplicate([entry("b.xlsx"), entry("a.xlsm")])
        assert [e.file for e in kept] == ["a.xlsm"]
        assert skipped[0].file == "b.xlsx" and "“a.xlsm”" in skipped[0].reason
        assert "甲局2024年" in skipped[0].reason

    def test_units_are_compared_after_folding_width_and_spaces(self):
        kept, skipped = deduplicate([entry("a", "甲 局（本级）"), entry("b", "甲局(本级)")])
        assert len(kept) == 1 and len(skipped) == 1

    def test_another_year_or_unit_is_another_department(self):
        kept, _ = deduplicate([entry("a"), entry("b", year=2023), entry("c", "乙局")])
        assert len(kept) == 3

    def test_files_without_a_unit_are_never_taken_for_each_other(self):
        kept, _ = deduplicate([entry("a", ""), entry("b", "  ")])
        assert len(kept) == 2

    def test_an_identical_file_is_named_as_such(self):
        kept, skipped = deduplicate([entry("a", "", digest="d1"), entry("b", "乙", digest="d1")])
        assert [e.file for e in kept] == ["a"]
        assert "内容完全相同" in skipped[0].reason and "“a”" in skipped[0].reason

    def test_no_digest_is_no_identity(self):
        kept, _ = deduplicate([entry("a", "甲"), entry("b", "乙")])
        assert len(kept) == 2

    def test_without_a_year_the_reason_names_no_year(self):
        _, skipped = deduplicate([entry("a", year=None), entry("b", year=None)])
        assert "甲局的自评" in skipped[0].reason


def test_errors_and_differences_are_counted_apart():
    e = entry(
        "a", issues=(issue("E101"), issue("E190"), issue("W201", Severity.WARNING), issue("E194"))
    )
    assert (e.errors, e.differences) == (1, 2)


def test_rule_codes_are_the_audits_comparisons():
    assert "E190" in RULE_CODES and "E198" in RULE_CODES and "W290" not in RULE_CODES
    assert "E101" not in RULE_CODES


@pytest.mark.parametrize(
    ("total", "codes", "said"),
    [
        (None, [], "未计算"),
        ("  ", [], "未计算"),
        (90, [], "是"),
        ("90", ["W290"], "是"),
        (90, ["E194"], "否"),
        (0, ["E190"], "否"),
    ],
)
def test_follows(total, codes, said):
    assert follows(total, [Finding(c, Severity.ERROR, "", "x") for c in codes]) == said


def test_unmet_names_the_rows_not_met_by_their_level3():
    form = SelfEvaluation(
        Budget(total=100, spent=100),
        (
            Indicator("产出指标", "数量指标", "培训人次", "≥100人次", "80人次", 10),
            Indicator("产出指标", "数量指标", "宣传次数", "≥2次", "2次", 10),
            Indicator("效益指标", "社会效益", None, "≥90%", "50%", 10),
            Indicator(None, None, None, None, None, None),
        ),
    )
    result = score_form(form, load_rules(DEFAULT), 2024)
    assert unmet(form, result) == ("培训人次", "第3行指标")


def rules() -> Rules:
    return load_rules(DEFAULT)


class TestFrame:
    def test_ranks_within_a_year_ties_share_pending_last_and_unranked(self):
        df = frame(
            [
                entry("a", "甲", total=Decimal("90")),
                entry("b", "乙", total=Decimal("95")),
                entry("c", "丙", total=Decimal("90")),
                entry("d", "丁", total=Decimal("99"), pending="1项指标未能评分"),
                entry("e", "戊", year=2023, total=Decimal("80")),
            ]
        )
        rows = list(zip(df[T.SM_COL_UNIT], df[T.SM_COL_RANK], df[T.SM_COL_YEAR], strict=True))
        import pandas as pd

        assert [(u, None if pd.isna(r) else int(r), y) for u, r, y in rows] == [
            ("乙", 1, 2024),
            ("丙", 2, 2024),
            ("甲", 2, 2024),
            ("戊", 1, 2023),
            ("丁", None, 2024),
        ]

    def test_grade_counts_follow_the_rules_order_and_add_other_grades(self):
        df = frame([entry("a", grade="良"), entry("b", grade="优"), entry("c", grade="待核")])
        counts = grade_counts(df, rules())
        assert list(counts[T.SM_COL_GRADE]) == ["优", "良", "中", "差", "待核"]
        assert list(counts[T.SM_COL_COUNT]) == [1, 1, 0, 0, 1]

    @pytest.mark.parametrize(
        ("total", "band"),
        [
            ("59.99", "60分以下"),
            ("60", "60～65分"),
            ("89.99", "85～90分"),
            ("90", "90～95分"),
            ("95", "95分及以上"),
            ("100", "95分及以上"),
            ("0", "60分以下"),
        ],
    )
    def test_band_edges(self, total, band):
        counts = band_counts(frame([entry("a", total=Decimal(total))]))
        got = dict(zip(counts[T.SM_COL_BAND], counts[T.SM_COL_COUNT], strict=True))
        assert got[band] == 1 and sum(got.values()) == 1 and len(got) == 9

    def test_a_pending_total_is_in_no_band(self):
        counts = band_counts(frame([entry("a", pending="x")]))
        assert sum(counts[T.SM_COL_COUNT]) == 0

    def test_problems_in_the_summarys_order_errors_first(self):
        a = entry("a", "甲", issues=(issue("W201", Severity.WARNING), issue("E101")))
        b = entry("b", "乙", issues=(issue("E102"),))
        df = problems_frame([a, b], ["b", "a"])
        assert list(df[T.SM_COL_CODE]) == ["E102", "E101", "W201"]
        assert list(problems_frame([entry("c")], ["c"]).columns) == list(T.SM_PROBLEM_COLUMNS)


def package(sheet_xml: str, styles_extra: str = "", xfs: str = "") -> bytes:
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": "<Types/>",
        "_rels/.rels": f'<Relationships><Relationship Id="r" Type="{rel}/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook {ns} xmlns:r="{rel}"><sheets><sheet name="表 1" sheetId="1" '
        'r:id="rId1"/></sheets><definedNames><definedName name="xs_a">\'表 1\'!$B$2'
        '</definedName><definedName name="xs_b" localSheetId="0">\'表 1\'!$C$3</definedName>'
        '<definedName name="xs_a" localSheetId="0">\'表 1\'!$Z$9</definedName>'
        '<definedName name="xs_q">&apos;A&amp;B&apos;!$A$1</definedName></definedNames></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships><Relationship Id="rId1" Type="{rel}/worksheet" '
        f'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{rel}/styles" '
        'Target="styles.xml"/></Relationships>',
        "xl/styles.xml": f'<styleSheet {ns}><numFmts count="1"><numFmt numFmtId="164" '
        'formatCode="0.0&quot;个&quot;"/></numFmts>'
        + styles_extra
        + '<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="10"/><xf numFmtId="164"/>'
        '<xf numFmtId="49"/><xf numFmtId="14"/>' + xfs + "</cellXfs></styleSheet>",
        "xl/worksheets/sheet1.xml": sheet_xml,
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, text in parts.items():
            z.writestr(name, text)
    return out.getvalue()


def number_formats(data: bytes) -> dict[tuple[int, int], str]:
    """The sheet's cells in a format that is not General or Text, as the readers find them."""
    package = ooxml.Package(data)
    try:
        return package.styled_cells("表 1", package.shown_formats(BUILTIN_FORMATS))
    finally:
        package.close()


class TestPackage:
    def test_names_workbook_level_wins_and_text_is_unescaped(self):
        names = ooxml.Package(package("<worksheet/>")).defined_names()
        assert names == {"xs_a": "'表 1'!$B$2", "xs_b": "'表 1'!$C$3", "xs_q": "'A&B'!$A$1"}

    def test_formats_of_referenced_cells(self):
        xml = (
            '<worksheet><sheetData><row r="2"><c r="A2" s="1"><v>0.5</v></c><c r="B2" s="0"/>'
            '<c r="C2" s="2" t="n"/><c r="D2" s="3"/><c r="E2" s="4"/></row></sheetData></worksheet>'
        )
        got = number_formats(package(xml))
        assert got == {(2, 1): "0.00%", (2, 3): '0.0"个"', (2, 5): "mm-dd-yy"}

    def test_cells_and_rows_without_references_follow_the_one_before(self):
        xml = (
            '<x:worksheet xmlns:x="urn:x"><x:sheetData><x:row><x:c s="1"/><x:c/><x:c s="2"/>'
            '</x:row><x:row r="5"><x:c r="B5"/><x:c s="1"/></x:row><x:row><x:c s="4"/></x:row>'
            "</x:sheetData></x:worksheet>"
        )
        got = number_formats(package(xml))
        assert got == {(1, 1): "0.00%", (1, 3): '0.0"个"', (5, 3): "0.00%", (6, 1): "mm-dd-yy"}

    def test_a_sheet_of_plain_formats_only_has_none(self):
        xml = '<worksheet><sheetData><row r="1"><c r="A1" s="3"/></row></sheetData></worksheet>'
        assert number_formats(package(xml)) == {}

    def test_cols_and_conditional_formats_are_not_cells(self):
        xml = (
            '<worksheet><cols><col min="1" max="2" style="1"/></cols><sheetData><row r="3">'
            '<c r="B3" s="1"/></row></sheetData><conditionalFormatting><cfRule s="1"/>'
            "</conditionalFormatting></worksheet>"
        )
        got = number_formats(package(xml))
        assert got == {(3, 2): "0.00%"}

    def test_a_package_without_a_workbook_is_a_package_error(self):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as z:
            z.writestr("_rels/.rels", "<Relationships/>")
        with pytest.raises(ooxml.PackageError):
            ooxml.Package(out.getvalue())
