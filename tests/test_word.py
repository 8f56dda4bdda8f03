"""The Word report: a government document (GB/T 9704-2012 page, fonts, grid) with its attachments."""

from __future__ import annotations

import math
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import EXAMPLES

from xlsrc import forms
from xlsrc.adapters.openpyxl_file import OpenpyxlFile
from xlsrc.cli import main as cli

# The report is exported to Word and printed by LibreOffice.
pytestmark = pytest.mark.slow

docx = pytest.importorskip("docx")  # the `word` extra; the `test` extra installs it

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> tuple[Path, Path]:
    """seed002 after 生成报告 with section 十 edited by the clerk, and its Word report."""
    tmp = tmp_path_factory.mktemp("word")
    first = tmp / "first.xlsm"
    assert cli(["report", str(EXAMPLES / "seed002.xlsm"), "-o", str(first)]) == 0
    wb = openpyxl.load_workbook(first, keep_vba=True)
    area = OpenpyxlFile(first).area(forms.report.TEXT.name)
    wb[area.sheet].cell(area.row + 9, area.col).value = "本年度机构改革，职能有调整。"
    wb.save(first)
    book, out = tmp / "book.xlsm", tmp / "报告.docx"
    assert cli(["report", str(first), "-o", str(book), "--docx", str(out)]) == 0
    return book, out


def _mm(length) -> float:
    return round(length / 36000, 1)


def test_the_page_is_a4_with_the_official_margins_and_line_grid(exported):
    _, out = exported
    section = docx.Document(str(out)).sections[0]
    assert (_mm(section.page_width), _mm(section.page_height)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert tuple(_mm(m) for m in margins) == (37, 35, 28, 26)
    grid = section._sectPr.find(f"{W}docGrid")
    # 22 lines in the 225 mm 版心: 28.99 pt a line.
    assert grid.get(f"{W}type") == "lines" and grid.get(f"{W}linePitch") == "580"


def test_body_and_title_fonts_are_named_for_east_asian_text_with_fallbacks(exported):
    _, out = exported
    doc = docx.Document(str(out))
    normal = doc.styles["Normal"]
    fonts = normal.element.rPr.rFonts
    assert fonts.get(f"{W}eastAsia") == "仿宋_GB2312" and normal.font.size.pt == 16
    title = doc.paragraphs[0].runs[0]
    assert title.element.rPr.rFonts.get(f"{W}eastAsia") == "方正小标宋简体"
    assert title.font.size.pt == 22 and doc.paragraphs[0].alignment == 1
    # Broken where the words allow (GB/T 9704 §7.3.3), by a line break inside the paragraph.
    assert doc.paragraphs[0].text.split("\n") == [
        "2024年度中国国际贸易促进委员会岳阳市",
        "君山区委员会部门整体支出绩效自评报告",
    ]
    headings = [p for p in doc.paragraphs if p.text.startswith("一、")]
    assert headings[0].runs[0].element.rPr.rFonts.get(f"{W}eastAsia") == "黑体"
    table = zipfile.ZipFile(out).read("word/fontTable.xml").decode()
    for name, alternate in (
        ("仿宋_GB2312", "仿宋"),
        ("方正小标宋简体", "宋体"),
        ("楷体_GB2312", "楷体"),
    ):
        assert f'w:name="{name}"><w:altName w:val="{alternate}"/>' in table


def test_the_text_is_the_workbooks_report_edits_included(exported):
    book, out = exported
    doc = docx.Document(str(out))
    paragraphs = [p.text for p in doc.paragraphs]
    binding = OpenpyxlFile(book)
    texts = binding.values(binding.area(forms.report.TEXT.name))
    for line, (text,) in zip(forms.report.SECTIONS, texts, strict=True):
        if line.key == "attachments":
            items = str(text).split("\n")
            listed = [p.replace("\t", "") for p in paragraphs]  # a tab after each number
            assert "附件：" + items[0] in listed and items[-1] in listed
            continue
        assert line.label in paragraphs
        for paragraph in str(text).split("\n"):
            assert paragraph in paragraphs, paragraph[:30]
    assert "本年度机构改革，职能有调整。" in paragraphs
    assert "2024年度基本支出174.10万元，其中人员经费93.08万元，公用经费81.02万元。" in paragraphs


def test_the_attachments_are_tables_holding_the_forms_figures(exported):
    _, out = exported
    doc = docx.Document(str(out))
    # 附件1, 附件2, 附件5 as the rules file asks; 附件2 in two tables, the second headed by
    # the indicator header that is printed again on each page.
    assert len(doc.tables) == 4
    labels = [p.text for p in doc.paragraphs if p.text in ("附件1", "附件2", "附件5")]
    assert labels == ["附件1", "附件2", "附件5"]

    def cells(table) -> list[str]:
        return [c.text for row in table.rows for c in row.cells]

    base, budget, indicators, _ = (cells(t) for t in doc.tables)
    self_eval = budget + indicators
    assert {"87.50%", "11.64", "80.87", "20.62"} <= set(base)
    assert {"194.72", "124.08", "100.00%", "98", "招商引资", "13"} <= set(self_eval)
    assert "等次：优" in indicators  # labelled, not a bare 优 under 偏差原因
    assert "≥30次" in self_eval  # the clerk's padding spaces are not printed
    assert indicators[: len(doc.tables[2].columns)][1:4] == ["一级指标", "二级指标", "三级指标"]


def test_attachment_tables_are_compact_with_repeated_headers(exported):
    """Rows off the body's 22-line grid at single pitch in 五号, 小五 or 8 pt, rows that do not split,
    the indicator header repeated on each page, the table as wide as the text block."""
    _, out = exported
    doc = docx.Document(str(out))
    for table in doc.tables:
        grid = [int(c.get(f"{W}w")) for c in table._tbl.tblGrid.findall(f"{W}gridCol")]
        assert abs(sum(grid) / 20 / 72 * 25.4 - 156) < 1  # twips → mm: the 版心 width
        for row in table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    ppr = p._p.pPr
                    assert ppr.find(f"{W}snapToGrid").get(f"{W}val") == "0"
                    spacing = ppr.find(f"{W}spacing")
                    assert spacing.get(f"{W}lineRule") == "exact"
                    assert int(spacing.get(f"{W}line")) <= 14 * 20
                    assert all(r.font.size.pt in (10.5, 9, 8) for r in p.runs if r.text)
    header = doc.tables[2].rows[0]._tr.trPr
    assert header.find(f"{W}tblHeader") is not None
    assert all(r._tr.trPr.find(f"{W}tblHeader") is None for r in doc.tables[2].rows[1:])
    assert doc.tables[2].rows[1]._tr.trPr.find(f"{W}cantSplit") is not None
    # The last rows go with the signature line under the table.
    last = doc.tables[2].rows[-1].cells[0].paragraphs[0]
    assert last.paragraph_format.keep_with_next


@pytest.mark.parametrize(
    "title",
    [
        "2024年度中国国际贸易促进委员会岳阳市君山区委员会部门整体支出绩效自评报告",
        "2024年度岳阳市城陵矶综合保税区管理委员会机关后勤服务中心部门整体支出绩效自评报告",
        "2024年度岳阳城陵矶综合保税区管理委员会本级部门整体支出绩效自评报告",
        "2024年度岳阳市君山区钱粮湖镇农业综合服务中心部门整体支出绩效自评报告",
        "2024年度部门整体支出绩效自评表",
    ],
)
def test_a_title_breaks_only_between_words(title):
    from xlsrc.outputs.docx import TEXT_PT, TITLE_PT, _em, title_lines, title_words

    width = TEXT_PT / TITLE_PT
    lines = title_lines(title, width)
    assert "".join(lines) == title
    assert all(_em(line) <= width for line in lines)
    words = title_words(title)
    ends = {len("".join(words[: i + 1])) for i in range(len(words))}
    assert {len("".join(lines[: i + 1])) for i in range(len(lines))} <= ends
    assert not any(line.endswith(("绩", "支", "自评")) for line in lines)  # never "绩/效"
    # The fewest lines the width allows.
    assert len(lines) == math.ceil(_em(title) / width) or len(lines) == 1 + math.ceil(
        _em(title) / width
    )


@pytest.fixture(scope="module")
def printed_docs(tmp_path_factory, exported) -> dict[str, tuple[Path, Path]]:
    """The Word documents of seed 000, of seed 002 (as `exported`) and of a department of
    sixteen indicators typed the Excel way (issue 22), each with its PDF from LibreOffice."""
    import lo
    from printing import excel_department

    tmp = tmp_path_factory.mktemp("printed-docs")
    dept = excel_department(EXAMPLES / "seed002.xlsm", tmp / "dept16.xlsm", tmp / "edit")
    docs = {"seed002": exported[1]}
    for name, src in (("seed000", EXAMPLES / "seed000.xlsm"), ("dept16", dept)):
        docs[name] = tmp / f"{name}.docx"
        assert (
            cli(["report", str(src), "-o", str(tmp / f"{name}.xlsm"), "--docx", str(docs[name])])
            == 0
        )
    pdfs = lo.to_pdf(list(docs.values()), tmp / "pdf", tmp / "profile")
    return {name: (doc, pdf) for (name, doc), pdf in zip(docs.items(), pdfs, strict=True)}


# Pages LibreOffice prints: the report's pages (GB/T 9704: 22 lines of 28 characters) and one
# page a form, as on paper, but for the sixteen-indicator 自评表 (two); before the attachments
# were sized to their content: 17, 19 and 19.
MOST_PAGES = {"seed000": 11, "seed002": 11, "dept16": 12}
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*%?")


@pytest.mark.parametrize("name", list(MOST_PAGES))
def test_attachments_print_whole_numbers_and_words_on_few_pages(printed_docs, name):
    """No number and no short label is broken inside a narrow column ("1180.4/0", "分/值"),
    and the document takes about the pages of the paper forms."""
    import lo

    doc, pdf = printed_docs[name]
    pages = lo.pdf_words(pdf)
    assert len(pages) <= MOST_PAGES[name]
    first = next(i for i, p in enumerate(pages) if [w for w, *_ in p[:2]] == ["附件", "1"])
    printed = {w for page in pages[first:] for w, *_ in page}
    cells = {c.text for t in docx.Document(str(doc)).tables for row in t.rows for c in row.cells}
    numbers = {n for text in cells for n in _NUMBER.findall(text) if len(n) >= 3}
    labels = {t for t in cells if 2 <= len(t) <= 5 and all("\u4e00" <= ch <= "\u9fff" for ch in t)}
    assert numbers and labels
    assert not [n for n in numbers if not any(n in w for w in printed)]
    assert not [t for t in labels if not any(t in w for w in printed)]


@pytest.mark.parametrize("name", list(MOST_PAGES))
def test_a_tables_end_keeps_its_signature_and_each_page_its_header(printed_docs, name):
    import lo

    doc, pdf = printed_docs[name]
    pages = lo.pdf_words(pdf)
    signed = [i for i, p in enumerate(pages) if any("单位负责人签字" in w for w, *_ in p)]
    assert len(signed) == 2  # 附件1 and 附件2
    # Rows of the form above the signature: not only the repeated header and 总分.
    header = "".join(c.text for c in docx.Document(str(doc)).tables[2].rows[0].cells)
    for i in signed:
        line = next(top for w, top, _ in pages[i] if "单位负责人签字" in w)
        rows = [
            w
            for w, top, _ in pages[i]
            if top < line - 1
            and w not in header
            and w != "总分"
            and not w.startswith("等次")
            and not _NUMBER.fullmatch(w)
        ]
        assert len(rows) >= 3, f"page {i + 1}: the signature line without its rows"
    start = next(i for i, p in enumerate(pages) if any(w == "年初预算数" for w, *_ in p))
    end = next(i for i, p in enumerate(pages) if any(w == "总分" for w, *_ in p))
    assert start <= end == signed[1]
    for i in range(start + 1, end + 1):  # the indicator header printed again
        assert any(w == "三级指标" for w, *_ in pages[i]), f"page {i + 1}"


def test_the_title_prints_on_the_lines_it_was_broken_into(printed_docs):
    import lo

    from xlsrc.outputs.docx import TEXT_PT, TITLE_PT, title_lines

    _, pdf = printed_docs["seed002"]
    lines = [ln for ln in lo.pdf_pages(pdf)[0].splitlines() if ln.strip()]
    title = "2024年度中国国际贸易促进委员会岳阳市君山区委员会部门整体支出绩效自评报告"
    want = title_lines(title, TEXT_PT / TITLE_PT)
    assert ["".join(ln.split()) for ln in lines[: len(want)]] == want


def test_libreoffice_prints_it_on_a4_pages(exported, tmp_path):
    import lo

    _, out = exported
    (pdf,) = lo.to_pdf([out], tmp_path / "pdf", tmp_path / "profile")
    pages = lo.pdf_pages(pdf, layout=False)
    assert len(pages) >= 8
    flat = ["".join(p.split()) for p in pages]
    assert "自评得分98分（详见附件2）" in flat[0] + "".join(flat[1:8])
    assert any(p.startswith("附件1") for p in flat) and any("附件5" in p for p in flat)
    import subprocess

    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "595.3" in info and "841.89" in info  # A4 in points


def test_without_the_word_extra_the_clerk_gets_the_install_command(tmp_path, monkeypatch, capsys):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "docx" else real(name, *a)
    )
    src = tmp_path / "s.xlsm"
    src.write_bytes((EXAMPLES / "seed002.xlsm").read_bytes())
    before = src.read_bytes()
    assert cli(["report", str(src), "--docx"]) == 2
    err = capsys.readouterr().err
    assert 'pip install "xlsrc[word]"' in err and "Traceback" not in err
    assert src.read_bytes() == before  # nothing written before the hint


def test_a_target_that_is_not_docx_is_refused(tmp_path, capsys):
    assert (
        cli(
            [
                "report",
                str(EXAMPLES / "seed002.xlsm"),
                "-o",
                str(tmp_path / "a.xlsm"),
                "--docx",
                str(tmp_path / "r.doc"),
            ]
        )
        == 2
    )
    assert ".docx" in capsys.readouterr().err
    assert not (tmp_path / "a.xlsm").exists()  # refused before the workbook is written
