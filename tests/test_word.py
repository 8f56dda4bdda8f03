"""The Word report: a government document (GB/T 9704-2012 page, fonts, grid) with its attachments."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import EXAMPLES

from xlsrc import forms
from xlsrc.adapters.openpyxl_file import OpenpyxlFile
from xlsrc.cli import main as cli

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
    assert title.text == "2024年度中国国际贸易促进委员会岳阳市君山区委员会部门整体支出绩效自评报告"
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
            assert "附件：" + items[0] in paragraphs and items[-1] in paragraphs
            continue
        assert line.label in paragraphs
        for paragraph in str(text).split("\n"):
            assert paragraph in paragraphs, paragraph[:30]
    assert "本年度机构改革，职能有调整。" in paragraphs
    assert "2024年度基本支出174.10万元，其中人员经费93.08万元，公用经费81.02万元。" in paragraphs


def test_the_attachments_are_tables_holding_the_forms_figures(exported):
    _, out = exported
    doc = docx.Document(str(out))
    assert len(doc.tables) == 3  # 附件1, 附件2, 附件5 as the rules file asks
    labels = [p.text for p in doc.paragraphs if p.text in ("附件1", "附件2", "附件5")]
    assert labels == ["附件1", "附件2", "附件5"]

    def cells(table) -> list[str]:
        return [c.text for row in table.rows for c in row.cells]

    base, self_eval, _ = (cells(t) for t in doc.tables)
    assert {"87.50%", "11.64", "80.87", "20.62"} <= set(base)
    assert {"194.72", "124.08", "100.00%", "98", "优", "招商引资", "13"} <= set(self_eval)
    assert "≥30次" in self_eval  # the clerk's padding spaces are not printed


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
