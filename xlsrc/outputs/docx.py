"""The report as a Word document laid out as a government document, its attachments as tables.

References:
    GB/T 9704-2012《党政机关公文格式》: A4; margins top 37 mm, bottom 35 mm, left 28 mm, right
    26 mm (版心 156 × 225 mm); 22 lines of 28 characters; 正文 仿宋_GB2312 三号 (16 pt);
    标题 小标宋 二号 (22 pt); 一级标题 黑体, 二级标题 楷体_GB2312; page numbers "— 1 —" in the
    footer. Seed 002: the report, then 附件1, 附件2 (and 附件5) each on its own pages;
    each project's 项目支出绩效自评表 follows them, numbered after the highest (附件6, 附件7,
    …), since the notice gives the projects' forms no number of their own.

Limitations:
    The fonts are named as the standard names them (方正小标宋简体, 仿宋_GB2312, 楷体_GB2312),
    with 宋体/仿宋/楷体 as Word's alternates when they are not installed; a machine with none
    of them shows a substitute. Tables are the 定稿's printed forms (`printed.plans`), so they
    keep its merges and its values as shown.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from pathlib import Path
from typing import Any

from xlsrc import forms, usecases
from xlsrc.adapters.openpyxl_file import OpenpyxlFile
from xlsrc.binding import Binding
from xlsrc.domain import text as T
from xlsrc.domain.controls import for_document
from xlsrc.domain.rules import Rules
from xlsrc.domain.shown import shown
from xlsrc.errors import InputError
from xlsrc.files import save_atomically
from xlsrc.outputs import Evaluated, Output, export, printed
from xlsrc.outputs.xlsx import named_from

# GB/T 9704-2012 §5.2 (page), §7 (fonts and sizes).
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
LINES, CHARS = 22, 28
BODY_PT, TITLE_PT, TABLE_PT, TABLE_TITLE_PT = 16, 22, 10.5, 18
# Official forms print their tables in 五号 (10.5 pt), 小五 (9 pt) when that saves a page, and
# 8 pt for a form that then fits its one page (the 定稿 shrinks such a form onto one page too).
TABLE_SIZES = (10.5, 9.0, 8.0)
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
    plans = printed.plans(port, printed.printed_keys(required, skip=(forms.report.KEY,)))
    for plan, label in zip(plans, attachment_labels(plans), strict=True):
        _attachment(doc, label, plan)
    return doc


_NUMBERED = re.compile(r"附件(\d+)")


def attachment_labels(plans: list[printed.Plan]) -> list[str]:
    """The label over each attachment: a 部门整体 form's own number ("附件2", "附件4-1"); each
    project's form the next numbers after the highest the bureau's notice gives ("附件6",
    "附件7" after 附件5), so no two attachments share a label."""
    numbers = [int(m[1]) for p in plans if not p.scoped and (m := _NUMBERED.match(p.key))]
    following = max(numbers, default=0) + 1
    labels = []
    for plan in plans:
        if plan.scoped:
            labels.append(T.A_DOCX_ATTACHMENT.format(number=following))
            following += 1
        else:
            labels.append(plan.key)
    return labels


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
    _lines_run(p, title_lines(text, TEXT_PT / TITLE_PT), TITLE_FONT, TITLE_PT)
    doc.add_paragraph()  # one blank line under the title (§7.3.3)


def _lines_run(paragraph: Any, lines: list[str], font: str, size: float) -> None:
    """The lines of a title in one paragraph, each after a manual line break."""
    from docx.enum.text import WD_BREAK

    for i, line in enumerate(lines):
        run = _run(paragraph, line, font, size)
        if i < len(lines) - 1:
            run.add_break(WD_BREAK.LINE)


# A title may break after the year, after a unit's organisation or city word, and before or
# inside the form's name at a word boundary, never inside a word (GB/T 9704-2012 §7.3.3:
# "标题回行时，要做到词意完整，排列对称").
_TITLE_WORDS = re.compile(
    r".+?(?:年度|管理委员会|委员会|办公室|管理局|中心|政府|公司|局|省|市(?!场)|县(?!级))"
    r"|部门整体支出|绩效自评报告|绩效自评表|部门整体支出绩效自评(?:报告|表)?"
)


def title_words(text: str) -> list[str]:
    """`text` cut where a title may break: "2024年度", "中国国际贸易促进委员会", "岳阳市",
    "君山区委员会", "部门整体支出", "绩效自评报告"."""
    words: list[str] = []
    pos = 0
    for m in _TITLE_WORDS.finditer(text):
        if m.start() > pos:
            words.append(text[pos : m.start()])
        words.append(m.group())
        pos = m.end()
    if pos < len(text):
        words.append(text[pos:])
    return [w for w in words if w]


def title_lines(text: str, width: float) -> list[str]:
    """The title's lines, each at most `width` ems where the words allow: the fewest lines,
    then the most even ones (least squared room left). A word longer than a line is cut where
    the line is full."""
    words: list[str] = []
    for word in title_words(text):
        while _em(word) > width:
            cut = max(i for i in range(1, len(word) + 1) if _em(word[:i]) <= width)
            words.append(word[:cut])
            word = word[cut:]
        words.append(word)
    n = len(words)
    # best[i]: (lines, squared room) of words[i:]; then[i]: where its first line ends.
    best: list[tuple[int, float]] = [(0, 0.0)] * (n + 1)
    then = [n] * (n + 1)
    for i in range(n - 1, -1, -1):
        best[i] = (n + 1, math.inf)
        for j in range(i + 1, n + 1):
            line = _em("".join(words[i:j]))
            if line > width and j > i + 1:
                break
            lines, room = best[j]
            candidate = (lines + 1, room + (width - line) ** 2)
            if candidate < best[i]:
                best[i], then[i] = candidate, j
    out, i = [], 0
    while i < n:
        out.append("".join(words[i : then[i]]))
        i = then[i]
    return out


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


# The number of an attachment in the report's list: "1." (or "1．", "1、" as a clerk types it).
_ITEM_NUMBER = re.compile(r"^\s*(\d+[.．、])\s*")


def _attachment_list(doc: Any, text: object) -> None:
    """附件：1.… with the later items under the first, and a name that runs onto another line
    lined up under its own first character (§7.3.5.2: "附件名称较长需回行时，应当与上一行
    附件名称的首字对齐"): the number hangs before the name, which starts at a tab set at the
    left indent, so the name lines up whatever the width of the number in the font used."""
    from docx.shared import Pt

    items = printed._paragraphs(text)
    if not items:
        return
    doc.add_paragraph()
    label = T.A_DOCX_ATTACHMENTS
    for i, item in enumerate(items):
        found = _ITEM_NUMBER.match(item)
        number, name = (found[1], item[found.end() :]) if found else ("", item)
        # Digits and the stop are half an em in 仿宋; a quarter em to spare for wider fonts.
        hang = (len(number) * 0.5 + 0.25) * BODY_PT if number else 0.0
        lead = BODY_PT * len(label) if i == 0 else 0.0
        p = doc.add_paragraph()
        p.paragraph_format.left_indent = Pt(BODY_PT * (2 + len(label)) + hang)
        p.paragraph_format.first_line_indent = Pt(-(lead + hang))
        p.paragraph_format.tab_stops.add_tab_stop(Pt(BODY_PT * (2 + len(label)) + hang))
        prefix = (label if i == 0 else "") + number + ("\t" if number else "")
        _run(p, prefix + name, BODY_FONT, BODY_PT)


# -- attachments as tables


def _attachment(doc: Any, label: str, plan: printed.Plan) -> None:
    """An attachment on pages of its own: its label, its title, its table (cut before the
    rows printed again on every page, which head the second part) and the lines under it
    (notes, the signature line), kept with the table's last rows."""
    heading = doc.add_paragraph()
    heading.paragraph_format.page_break_before = True
    heading.paragraph_format.keep_with_next = True
    _compact(heading, BODY_PT)
    _run(heading, label, HEADING_FONT, BODY_PT)
    rows = _table_rows(plan)
    first, last = (rows[0], rows[-1]) if rows else (plan.rows + 1, plan.rows)
    titles = []
    for r in range(2, first):  # the title rows; row 1 holds the 附件 label
        text = "".join(_shown(b) for (rr, _), b in sorted(plan.boxes.items()) if rr == r)
        if text.strip():
            titles.append(text.strip())
    for text in titles:
        p = doc.add_paragraph()
        p.alignment = 1
        _compact(p, TABLE_TITLE_PT, after=TABLE_TITLE_PT / 6, line=1.3)
        p.paragraph_format.keep_with_next = True
        _lines_run(p, title_lines(text, TEXT_PT / TABLE_TITLE_PT), TITLE_FONT, TABLE_TITLE_PT)
    tail = []
    for r in range(last + 1, plan.rows + 1):
        text = "　".join(
            s for (rr, _), b in sorted(plan.boxes.items()) if rr == r if (s := _shown(b))
        )
        if text.strip():
            tail.append(text)
    # A few lines under the table (a note, the signature line) stay with its last rows; a
    # form that goes on in text (自评报告（2021）) flows.
    kept = 0 < len(tail) <= TAIL_KEPT
    size = TABLE_SIZES[0]
    if rows:
        parts = _parts(plan, first, last)
        above = BODY_PT * LINE_EM + len(titles) * TABLE_TITLE_PT * 1.65  # label, titles
        size, layouts = _sizes(plan, parts, above)
        for i, ((top, bottom, header), widths) in enumerate(zip(parts, layouts, strict=True)):
            if i:
                _gap(doc)
            ending = i == len(parts) - 1 and kept
            _table(doc, plan, top, bottom, widths, size, header, ending, i < len(parts) - 1)
    for i, text in enumerate(tail):
        p = doc.add_paragraph()
        _compact(p, size, before=size / 2 if i == 0 else 0, line=1.6)
        p.paragraph_format.keep_with_next = kept and i < len(tail) - 1
        _run(p, text, BODY_FONT, size)


def _compact(
    paragraph: Any, size: float, before: float = 0, after: float = 0, line: float = 0
) -> None:
    """A paragraph of a form: off the body's 22-line grid, `line` ems a line (exactly; the
    table's own pitch when 0), `before` and `after` points around it, no indent."""
    from docx.shared import Pt

    fmt = paragraph.paragraph_format
    fmt.line_spacing = Pt(size * (line or LINE_EM))
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.first_line_indent = Pt(0)
    _insert(paragraph._p.get_or_add_pPr(), "snapToGrid", {"val": "0"}, _PPR_AFTER_SNAP)


def _insert(parent: Any, tag: str, attrs: dict[str, str], later: tuple[str, ...]) -> Any:
    """`<w:tag …/>` in `parent`, before the first child whose tag comes later in the schema's
    sequence (Word refuses elements out of order); an existing one is replaced."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for old in parent.findall(qn(f"w:{tag}")):
        parent.remove(old)
    element = OxmlElement(f"w:{tag}")
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), value)
    after = {qn(f"w:{t}") for t in later}
    successor = next((child for child in parent if child.tag in after), None)
    if successor is None:
        parent.append(element)
    else:
        successor.addprevious(element)
    return element


# Children of w:pPr, w:tblPr and w:trPr that follow the one inserted (ECMA-376 sequences).
_PPR_AFTER_SNAP = (
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
)
_TBLPR_AFTER_CELLMAR = ("tblLook", "tblCaption", "tblDescription", "tblPrChange")
_TBLPR_AFTER_BORDERS = ("shd", "tblLayout", "tblCellMar", *_TBLPR_AFTER_CELLMAR)
_TRPR_AFTER_CANTSPLIT = ("trHeight", "tblHeader", "tblCellSpacing", "jc", "hidden")
_TRPR_AFTER_HEADER = ("tblCellSpacing", "jc", "hidden")


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


def _parts(plan: printed.Plan, first: int, last: int) -> list[tuple[int, int, int]]:
    """(first row, last row, header rows) of each table an attachment prints as: one table,
    or two when the rows printed again on every page (the 自评表's indicator header) lie
    inside it, since a Word table repeats only its own first rows."""
    if plan.repeat and first <= plan.repeat[0] <= plan.repeat[1] < last:
        top, bottom = plan.repeat
        count = bottom - top + 1
        if top == first:
            return [(first, last, count)]
        return [(first, top - 1, 0), (top, last, count)]
    return [(first, last, 0)]


# -- sizing a table to its content

CELL_MARGIN_PT = 2.85  # left and right inside a cell (57 twips, 1 mm)
CELL_EDGE_PT = 0.5  # top and bottom inside a cell
LINE_EM = 1.2  # a table's line pitch in ems: CJK glyphs fill 1 em
TEXT_PT = TEXT_MM / 25.4 * 72
PAGE_PT = (PAGE_MM[1] - MARGINS_MM["top"] - MARGINS_MM["bottom"]) / 25.4 * 72
# A Latin letter or digit in ems: 0.5 in 仿宋, 0.64 in DejaVu Sans (LibreOffice's fallback).
NARROW_EM = 0.65
PAGE_FILL = 0.92  # of a page a table's estimated height may take: estimates err by a few percent
TAIL_KEPT = 3  # lines under a table kept with it: a note and the signature line
SHORT_EM = 5.0  # a text this short is one word: never broken (分值, 年度指标值, ≥100%, 194.72)
# A number or Latin word with its sign and unit: one piece a line holds whole.
_PIECE = re.compile(r"[≥≤＞＜>=<＝≧≦═＋+±~～−-]*[0-9A-Za-z][0-9A-Za-z.,:/%％‰㎡-]*[%％‰]?|\s+|.")
_CLOSING = set("，。、；：？！）》」』”’%％,.;:?!)]}")


def _em(text: str) -> float:
    """Width of `text` in ems: CJK, full-width and ambiguous (≥ “) characters one, others
    NARROW_EM."""
    return sum(
        1.0 if unicodedata.east_asian_width(ch) in "WFA" else NARROW_EM
        for ch in text
        if not unicodedata.combining(ch)
    )


# Word and LibreOffice set a quarter em between Chinese and a Latin letter or digit beside it
# (w:autoSpaceDE, w:autoSpaceDN).
AUTOSPACE_EM = 0.25


def _spaced(text: str) -> float:
    """Width of `text` in a table cell, in ems: `_em` and the space set between Chinese and
    the numbers and Latin words among it."""

    def latin(ch: str) -> bool:
        return ch.isascii() and ch.isalnum()

    def wide(ch: str) -> bool:
        return unicodedata.east_asian_width(ch) in "WF"

    turns = sum(
        1
        for a, b in zip(text, text[1:], strict=False)
        if (latin(a) and wide(b)) or (wide(a) and latin(b))
    )
    return _em(text) + AUTOSPACE_EM * turns


def _pieces(line: str) -> list[str]:
    """What a line breaks between: numbers and Latin words whole, a character with the
    closing punctuation after it."""
    out: list[str] = []
    for m in _PIECE.finditer(line):
        piece = m.group()
        if out and piece[0] in _CLOSING:
            out[-1] += piece
        else:
            out.append(piece)
    return out


def _least(text: str) -> float:
    """The ems the narrowest column must hold: a short text whole, else its widest piece."""
    widest = 1.0
    for line in text.split("\n"):
        if _spaced(line) <= SHORT_EM:
            widest = max(widest, _spaced(line))
        else:
            widest = max(widest, *(_spaced(p) for p in _pieces(line)))
    return widest


@functools.lru_cache(maxsize=4096)
def _widths_of(text: str) -> tuple[tuple[float, ...], ...]:
    """Per line of `text`, the width in ems of each piece a line may break before (with the
    space set between it and the piece before)."""
    out = []
    for line in text.split("\n"):
        widths, previous = [], ""
        for piece in _pieces(line):
            widths.append(_spaced(previous[-1:] + piece) - _spaced(previous[-1:]))
            previous = piece
        out.append(tuple(widths))
    return tuple(out)


def _lines(text: str, width: float) -> int:
    """Lines a cell `width` ems wide needs for `text`, filled greedily piece by piece."""
    total = 0
    for line in _widths_of(text):
        count, used = 1, 0.0
        for w in line:
            if used + w <= width + 1e-6:
                used += w
                continue
            if used > 0:
                count += 1
            while w > width + 1e-6:  # a piece wider than the cell is broken where it must be
                w -= width
                count += 1
            used = w
        total += count
    return total


Cells = list[tuple[int, int, int, int, str]]  # first row, column, rows, columns, text


def _cells(plan: printed.Plan, first: int, last: int) -> Cells:
    """The boxes with text on rows first..last, cut to those rows (row 0 is `first`)."""
    out = []
    for (r, c), box in sorted(plan.boxes.items()):
        bottom = min(r + box.rows - 1, last)
        if bottom < first or r > last:
            continue
        top = max(r, first)
        out.append(
            (top - first, c - 1, bottom - top + 1, box.cols, _shown(box) if r == top else "")
        )
    return out


def _heights(cells: Cells, rows: int, widths: list[float], size: float, memo: dict) -> list[float]:
    """Each row's height (points) when the columns are `widths` points wide."""
    line = LINE_EM * size
    heights = [line + 2 * CELL_EDGE_PT] * rows
    spans = []
    for r, c, n, cols, text in cells:
        room = (sum(widths[c : c + cols]) - 2 * CELL_MARGIN_PT) / size
        key = (text, round(room, 2))
        if key not in memo:
            memo[key] = _lines(text, room) if text else 1
        need = memo[key] * line + 2 * CELL_EDGE_PT
        if n == 1:
            heights[r] = max(heights[r], need)
        else:
            spans.append((n, r, need))
    for n, r, need in sorted(spans):
        lacking = need - sum(heights[r : r + n])
        if lacking > 0:
            for k in range(r, r + n):
                heights[k] += lacking / n
    return heights


def _widths(cells: Cells, rows: int, cols: int, size: float) -> list[float] | None:
    """Column widths (points, summing to the text block's width) that print the table
    shortest: each column at least as wide as its numbers and short words, then widened where
    that saves the most lines for the room it takes. None when the least widths do not fit."""
    pad = 2 * CELL_MARGIN_PT + size / 2  # and half an em for fonts wider than measured
    least = [size + pad] * cols
    for _, c, _, n, text in sorted(cells, key=lambda cell: cell[3]):
        need = _least(text) * size + pad
        if n == 1:
            least[c] = max(least[c], need)
        elif (lacking := need - sum(least[c : c + n])) > 0:
            for k in range(c, c + n):
                least[k] += lacking / n
    if sum(least) > TEXT_PT:
        return None
    widths, memo = least, {}
    while (room := TEXT_PT - sum(widths)) > 1:
        height = sum(_heights(cells, rows, widths, size, memo))
        best: tuple[float, int, float] | None = None
        for c in range(cols):
            for step in (3.0, 6.0, 12.0, 24.0, 48.0, 96.0):
                if step > room:
                    break
                trial = [w + step if k == c else w for k, w in enumerate(widths)]
                gain = (height - sum(_heights(cells, rows, trial, size, memo))) / step
                if gain > 1e-6 and (best is None or gain > best[0]):
                    best = (gain, c, step)
        if best is None:
            break
        widths = [w + best[2] if k == best[1] else w for k, w in enumerate(widths)]
    spare = TEXT_PT - sum(widths)  # what saves no line widens every column alike
    return [w + spare * w / sum(widths) for w in widths]


def _sizes(
    plan: printed.Plan, parts: list[tuple[int, int, int]], above: float
) -> tuple[float, list[list[float]]]:
    """The font size of an attachment's tables and each table's column widths: the largest
    size that prints the attachment on the fewest pages (and fits the width)."""
    cols = len(plan.widths)
    chosen: tuple[float, list[list[float]]] | None = None
    best: tuple[float, float] = (math.inf, 0.0)
    for size in TABLE_SIZES:
        layouts, height = [], above
        for top, bottom, _ in parts:
            cells = _cells(plan, top, bottom)
            widths = _widths(cells, bottom - top + 1, cols, size)
            if widths is None:
                break
            layouts.append(widths)
            height += sum(_heights(cells, bottom - top + 1, widths, size, {}))
        else:
            pages = math.ceil(height / (PAGE_PT * PAGE_FILL))
            rank = (pages, -size)
            if rank < best:
                chosen, best = (size, layouts), rank
            if pages == 1:
                break  # no smaller size does better
    if chosen is None:  # even 小五 is too wide: the form's own proportions
        total = sum(plan.widths)
        return TABLE_SIZES[-1], [[TEXT_PT * w / total for w in plan.widths] for _ in parts]
    return chosen


def _gap(doc: Any) -> None:
    """The thinnest paragraph between two parts of a table: Word joins adjacent tables."""
    from docx.shared import Pt

    p = doc.add_paragraph()
    _compact(p, 1, line=1)
    p.paragraph_format.line_spacing = Pt(1)
    _run(p, "", BODY_FONT, 1)


def _table(
    doc: Any,
    plan: printed.Plan,
    first: int,
    last: int,
    widths: list[float],
    size: float,
    header: int,
    ending: bool,
    open_bottom: bool,
) -> None:
    """Rows first..last of the plan as a table of `widths`: rows that do not split over a
    page, the first `header` rows printed again on every page, the last two kept with what
    follows when `ending` (the signature line), no bottom border when `open_bottom` (the next
    part of the table follows)."""
    from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
    from docx.shared import Pt

    cols = len(plan.widths)
    table = doc.add_table(rows=last - first + 1, cols=cols)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    margins = _insert(tbl_pr, "tblCellMar", {}, _TBLPR_AFTER_CELLMAR)
    for side, points in (
        ("top", CELL_EDGE_PT),
        ("left", CELL_MARGIN_PT),
        ("bottom", CELL_EDGE_PT),
        ("right", CELL_MARGIN_PT),
    ):
        _insert(margins, side, {"w": str(round(points * 20)), "type": "dxa"}, ())
    if open_bottom:
        borders = _insert(tbl_pr, "tblBorders", {}, _TBLPR_AFTER_BORDERS)
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            style = ("nil", "0") if side == "bottom" else ("single", "4")
            _insert(borders, side, {"val": style[0], "sz": style[1], "space": "0"}, ())
    for j, column in enumerate(table.columns):
        column.width = Pt(widths[j])  # the table grid, which LibreOffice follows
    heights = _heights(_cells(plan, first, last), last - first + 1, widths, size, {})
    rows = list(table.rows)
    grid = [list(row.cells) for row in rows]  # python-docx finds a cell by walking the table
    for i, row in enumerate(rows):
        tr_pr = row._tr.get_or_add_trPr()
        if heights[i] < PAGE_PT / 3:
            _insert(tr_pr, "cantSplit", {}, _TRPR_AFTER_CANTSPLIT)
        if i < header:
            _insert(tr_pr, "tblHeader", {}, _TRPR_AFTER_HEADER)
        for j, cell in enumerate(grid[i]):
            cell.width = Pt(widths[j])
            cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
            _compact(cell.paragraphs[0], size)
    for (r, c), box in sorted(plan.boxes.items()):
        bottom = min(r + box.rows - 1, last)
        if bottom < first or r > last:
            continue
        top = max(r, first)
        right = min(c + box.cols - 1, cols)
        cell = grid[top - first][c - 1]  # boxes do not overlap: each merge is its own
        if (bottom, right) != (top, c):
            cell = cell.merge(grid[bottom - first][right - 1])
        text = _shown(box) if r == top else ""
        if text:
            p = cell.paragraphs[0]
            align = box.style.alignment.horizontal
            p.alignment = {"center": 1, "right": 2}.get(str(align), 0)
            _run(p, text, BODY_FONT, size, bool(box.style.font.b))
    if ending:  # the last rows go to the next page with the lines under the table
        for row in table.rows[-2:]:
            for cell in row.cells:
                for p in cell.paragraphs:
                    p.paragraph_format.keep_with_next = True


def _shown(box: printed.Box) -> str:
    """A box's value as the form prints it: by the cell's number format, dates the long way."""
    # clerks pad with full-width spaces to push text right
    return shown(box.value, box.style.number_format or None).strip()


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
