"""The report as a Word document laid out as a government document, its attachments as tables.

References:
    GB/T 9704-2012《党政机关公文格式》: A4; margins top 37 mm, bottom 35 mm, left 28 mm, right
    26 mm (版心 156 × 225 mm); 22 lines of 28 characters; 正文 仿宋_GB2312 三号 (16 pt);
    标题 小标宋 二号 (22 pt); 一级标题 黑体, 二级标题 楷体_GB2312; page numbers "— 1 —" in the
    footer. Seed 002: the report, then 附件1, 附件2 (and 附件5) each on its own pages.

Limitations:
    The fonts are named as the standard names them (方正小标宋简体, 仿宋_GB2312, 楷体_GB2312),
    with 宋体/仿宋/楷体 as Word's alternates when they are not installed; a machine with none
    of them shows a substitute. Tables are the 定稿's printed forms (`printed.plans`), so they
    keep its merges and its values as shown.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

from xlsrc import forms, usecases
from xlsrc.adapters.openpyxl_file import OpenpyxlFile
from xlsrc.binding import Binding
from xlsrc.domain import text as T
from xlsrc.domain.controls import for_document
from xlsrc.domain.rules import Rules
from xlsrc.errors import InputError
from xlsrc.files import save_atomically
from xlsrc.outputs import Evaluated, Output, export, printed
from xlsrc.outputs.xlsx import named_from

# GB/T 9704-2012 §5.2 (page), §7 (fonts and sizes).
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
LINES, CHARS = 22, 28
BODY_PT, TITLE_PT, TABLE_PT, TABLE_TITLE_PT = 16, 22, 10.5, 18
TITLE_FONT, BODY_FONT, HEADING_FONT, SUBHEADING_FONT = (
    "方正小标宋简体",
    "仿宋_GB2312",
    "黑体",
    "楷体_GB2312",
)
# Word uses the alternate when the named font is missing (the fallbacks).
ALTERNATES = {TITLE_FONT: "宋体", BODY_FONT: "仿宋", SUBHEADING_FONT: "楷体"}
TEXT_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]  # 156
# Twentieths of a point taken from each character: 28 × (16 − 0.25) pt ≤ 156 mm.
CONDENSE_TWIPS = math.ceil((BODY_PT - TEXT_MM / 25.4 * 72 / CHARS) * 20)
LINE_PITCH_PT = (PAGE_MM[1] - MARGINS_MM["top"] - MARGINS_MM["bottom"]) / 25.4 * 72 / LINES

# The elements that follow w:spacing in a run's properties (ECMA-376 CT_RPr order).
_AFTER_SPACING = (
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
)
# "（一）…" and "1." open a sub-heading or a numbered item.
_SUB = re.compile(r"^（[一二三四五六七八九十]+）")


def report_name(path: Path) -> Path:
    """<年度>部门整体支出绩效自评报告-<单位>.docx beside the workbook."""
    return named_from(path, T.A_DOCX_NAME)


def write_docx(
    src: str | Path,
    out: str | Path | None = None,
    *,
    rules: Rules | None = None,
    **_: object,
) -> Path:
    """Score the workbook and write its report (generated where the clerk did not edit it) and
    the attachments the rules ask for as a .docx; the workbook itself is not changed."""
    return export("docx", src, out, rules=rules)


def _accepts(src: Path, target: Path) -> None:
    if target.suffix.lower() != ".docx":
        raise InputError(T.A_DOCX_SUFFIX.format(name=target.name))


def write_report(ev: Evaluated, target: Path, **_: object) -> Path:
    """The report of a workbook calculated in memory, generated there as 生成报告 would."""
    usecases.report(ev.port, ev.rules)
    doc = document(ev.port, ev.rules)
    return save_atomically(target, doc.save)


def document(port: OpenpyxlFile, rules: Rules | None = None) -> Any:
    """The python-docx Document of the report and its attachments."""
    from docx import Document

    binding = Binding(port)
    required = usecases.rules_of(binding, rules).required_forms
    doc = Document()
    _page(doc)
    _styles(doc)
    _alternates(doc)
    inputs = {f: binding.value(f) for f in ("self.year", "self.unit")}
    context = forms.context(inputs)
    _title(doc, forms.report.HEADING.cached.format_map(context))
    texts = binding.lines(forms.report.TEXT.field)
    for line in forms.report.SECTIONS:
        text = texts[line.key]["text"]
        if line.key == "attachments":
            _attachment_list(doc, text)
            continue
        _paragraph(doc, line.label, HEADING_FONT)
        for paragraph in printed._paragraphs(text):
            _body(doc, paragraph)
    keys = [k for k in required if k in forms.OFFICIAL and k != forms.report.KEY]
    for plan, key in zip(
        printed.plans(port, keys), sorted(keys, key=printed.form_order), strict=True
    ):
        _attachment(doc, key, plan)
    return doc


# -- the page and the fonts


def _page(doc: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    section = doc.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.footer_distance = Mm(28 - 7)  # the page number 7 mm below the 版心 (§7.5)
    sect = section._sectPr
    for old in sect.findall(qn("w:docGrid")):
        sect.remove(old)
    grid = OxmlElement("w:docGrid")
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(round(LINE_PITCH_PT * 20)))
    sect.append(grid)
    footer = section.footer.paragraphs[0]
    footer.alignment = 1
    _run(footer, "— ", "宋体", 14)
    _field(footer, "PAGE", "宋体", 14)
    _run(footer, " —", "宋体", 14)


def _font(run_or_style: Any, name: str, size: float | None = None, bold: bool = False) -> None:
    """A font by name for Latin and East Asian text alike (w:eastAsia set)."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    font = run_or_style.font
    font.name = name
    if size:
        font.size = Pt(size)
    font.bold = bold
    fonts = run_or_style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _styles(doc: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    normal = doc.styles["Normal"]
    _font(normal, BODY_FONT, BODY_PT)
    # 28 characters of 16 pt fill the 156 mm line when each is condensed by CONDENSE_TWIPS
    # (a line grid of characters would do it in Word, but LibreOffice gives a character two
    # cells of a grid narrower than the font).
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(-CONDENSE_TWIPS))
    rpr = normal.element.get_or_add_rPr()
    after = [qn(f"w:{t}") for t in _AFTER_SPACING]
    later = next((child for child in rpr if child.tag in after), None)
    if later is None:
        rpr.append(spacing)
    else:
        later.addprevious(spacing)
    fmt = normal.paragraph_format
    fmt.line_spacing = Pt(LINE_PITCH_PT)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.widow_control = False


def _alternates(doc: Any) -> None:
    """Word's font table: each named font with its alternate (w:altName) and the GB charset."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    part = next(p for p in doc.part.package.iter_parts() if p.partname.endswith("fontTable.xml"))
    root = parse_xml(part.blob)
    for name, alternate in ALTERNATES.items():
        root.append(
            parse_xml(
                f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{alternate}"/>'
                '<w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/>'
                "</w:font>"
            )
        )
    from lxml import etree

    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# -- paragraphs


def _run(paragraph: Any, text: str, font: str, size: float, bold: bool = False) -> Any:
    run = paragraph.add_run(for_document(text))  # text as shown, control characters out
    _font(run, font, size, bold)
    return run


def _field(paragraph: Any, code: str, font: str, size: float) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for kind, text in (
        ("begin", None),
        (None, f" {code} "),
        ("separate", None),
        (None, "1"),
        ("end", None),
    ):
        run = _run(paragraph, "", font, size)
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text and text.strip() == code:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text or ""


def _title(doc: Any, text: str) -> None:
    from docx.shared import Pt

    p = doc.add_paragraph()
    p.alignment = 1
    p.paragraph_format.line_spacing = Pt(TITLE_PT * 1.5)
    _run(p, text, TITLE_FONT, TITLE_PT)
    doc.add_paragraph()  # one blank line under the title (§7.3.3)


def _paragraph(doc: Any, text: str, font: str, indent: bool = True) -> Any:
    from docx.shared import Pt

    p = doc.add_paragraph()
    if indent:
        p.paragraph_format.first_line_indent = Pt(BODY_PT * 2)
    _run(p, text, font, BODY_PT)
    return p


def _body(doc: Any, text: str) -> None:
    """A paragraph of the text: a "（一）" heading in 楷体 (its first sentence when it goes on)."""
    from docx.shared import Pt

    if not _SUB.match(text):
        _paragraph(doc, text, BODY_FONT)
        return
    head, stop, rest = text.partition("。")
    p = doc.add_paragraph()
    p.paragraph_format.first_line_indent = Pt(BODY_PT * 2)
    _run(p, head + stop, SUBHEADING_FONT, BODY_PT)
    if rest:
        _run(p, rest, BODY_FONT, BODY_PT)


def _attachment_list(doc: Any, text: object) -> None:
    """附件：1.… with the later items under the first (§7.3.5.2)."""
    from docx.shared import Pt

    items = printed._paragraphs(text)
    if not items:
        return
    doc.add_paragraph()
    label = T.A_DOCX_ATTACHMENTS
    for i, item in enumerate(items):
        p = doc.add_paragraph()
        p.paragraph_format.left_indent = Pt(BODY_PT * (2 + len(label)))
        p.paragraph_format.first_line_indent = Pt(-BODY_PT * len(label)) if i == 0 else Pt(0)
        _run(p, (label if i == 0 else "") + item, BODY_FONT, BODY_PT)


# -- attachments as tables


def _attachment(doc: Any, key: str, plan: printed.Plan) -> None:
    from docx.enum.text import WD_BREAK
    from docx.shared import Pt

    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    label = doc.add_paragraph()
    _run(label, key, HEADING_FONT, BODY_PT)
    rows = _table_rows(plan)
    first, last = (rows[0], rows[-1]) if rows else (plan.rows + 1, plan.rows)
    for r in range(2, first):  # the title rows; row 1 holds the 附件 label
        text = "".join(_shown(b) for (rr, _), b in sorted(plan.boxes.items()) if rr == r)
        if text.strip():
            p = doc.add_paragraph()
            p.alignment = 1
            p.paragraph_format.line_spacing = Pt(TABLE_TITLE_PT * 1.5)
            _run(p, text, TITLE_FONT, TABLE_TITLE_PT)
    if rows:
        _table(doc, plan, first, last)
    for r in range(last + 1, plan.rows + 1):
        text = "　".join(
            s for (rr, _), b in sorted(plan.boxes.items()) if rr == r if (s := _shown(b))
        )
        if text.strip():
            p = doc.add_paragraph()
            p.paragraph_format.line_spacing = Pt(TABLE_PT * 1.6)
            _run(p, text, BODY_FONT, TABLE_PT)


def _bordered(box: printed.Box) -> bool:
    border = box.style.border
    return any(getattr(border, side).style for side in ("left", "right", "top", "bottom"))


def _table_rows(plan: printed.Plan) -> list[int]:
    """The rows of the form's grid: from the first row whose bordered boxes span more than half
    the columns, to the last such row before one that has none (the 附件 label with its year
    box, the title, notes and the signature line's underlined blanks print as paragraphs)."""
    cols = len(plan.widths)
    spanned: dict[int, set[int]] = {}
    for (r, c), box in plan.boxes.items():
        if _bordered(box):
            for row in range(r, r + box.rows):
                spanned.setdefault(row, set()).update(range(c, c + box.cols))
    rows: list[int] = []
    for r in range(1, plan.rows + 1):
        if len(spanned.get(r, ())) * 2 > cols:
            rows.append(r)
        elif rows:
            break
    return rows


def _table(doc: Any, plan: printed.Plan, first: int, last: int) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Mm, Pt

    cols = len(plan.widths)
    table = doc.add_table(rows=last - first + 1, cols=cols)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    total = sum(plan.widths)
    widths = [Mm(TEXT_MM * w / total) for w in plan.widths]
    for j, column in enumerate(table.columns):
        column.width = widths[j]  # the table grid, which LibreOffice follows
    for row in table.rows:
        for j, cell in enumerate(row.cells):
            cell.width = widths[j]
            fmt = cell.paragraphs[0].paragraph_format
            fmt.line_spacing = Pt(TABLE_PT * 1.4)
            fmt.first_line_indent = Pt(0)
    for (r, c), box in sorted(plan.boxes.items()):
        if not first <= r <= last:
            continue
        bottom = min(r + box.rows - 1, last)
        right = min(c + box.cols - 1, cols)
        cell = table.cell(r - first, c - 1)
        if (bottom, right) != (r, c):
            cell = cell.merge(table.cell(bottom - first, right - 1))
        text = _shown(box)
        if text:
            p = cell.paragraphs[0]
            align = box.style.alignment.horizontal
            p.alignment = {"center": 1, "right": 2}.get(str(align), 0)
            _run(p, text, BODY_FONT, TABLE_PT, bool(box.style.font.b))


def _shown(box: printed.Box) -> str:
    """A box's value as the form prints it: percentages and money by the cell's format."""
    value, number_format = box.value, box.style.number_format or "General"
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        places = len(m[1]) if (m := re.search(r"0\.(0+)", number_format)) else None
        if "%" in number_format:
            return f"{value * 100:.{places or 0}f}%"
        if places is not None:
            return f"{value:.{places}f}"
        return printed._shown(value)
    return str(value).strip()  # clerks pad with full-width spaces to push text right


OUTPUTS = (
    Output(
        "docx",
        ".docx",
        T.A_DOCX_DESCRIPTION,
        write_report,
        requires=("docx",),
        extra="word",
        named=report_name,
        document=True,
        accepts=_accepts,
    ),
)
