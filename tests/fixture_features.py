"""Test support: a workbook that carries what a clerk's real file may carry, and a check per feature.

`make_feature_workbook(src, dst)` starts from a workbook of our builder (a macro-enabled package)
and adds, in the package itself, the parts and elements Excel 365 writes for: a clerk's input
formula with its cached value, a note and a threaded comment, classic and x14 data validation,
a classic conditional format and an x14 data bar, a picture, a chart, a customXml item, an Office
add-in's task pane, custom document properties, a zoomed sheet view, header/footer text,
ignored errors, a sheet and a defined name of the clerk's own. Each edit inserts text next to a
unique anchor, so the rest of every part stays byte for byte as it was (prefixes included).

`FEATURES` maps a feature to a check of a workbook file: None when the feature is intact, else
what is missing or changed. Parts a headless run has no reason to touch must keep their bytes;
what lives inside a sheet must keep its element, attributes and children (prefixes aside). The
checks compare with the fixture built from `SOURCE`.
"""

from __future__ import annotations

import functools
import io
import math
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape

from xlsrc import forms
from xlsrc.a1 import abs_ref, cell_ref, parse_ref, ref_of

SOURCE = Path(__file__).resolve().parent.parent / "workbook" / "examples" / "seed000.xlsm"

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"
XM = "http://schemas.microsoft.com/office/excel/2006/main"
TC = "http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"

REL_COMMENTS = f"{R}/comments"
REL_VML = f"{R}/vmlDrawing"
REL_DRAWING = f"{R}/drawing"
REL_IMAGE = f"{R}/image"
REL_CHART = f"{R}/chart"
REL_SHEET = f"{R}/worksheet"
REL_CUSTOM_XML = f"{R}/customXml"
REL_CUSTOM_XML_PROPS = f"{R}/customXmlProps"
REL_CUSTOM_PROPS = f"{R}/custom-properties"
REL_VBA = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
REL_THREADED = "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment"
REL_PERSON = "http://schemas.microsoft.com/office/2017/10/relationships/person"
REL_TASKPANES = "http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes"
REL_WEBEXTENSION = "http://schemas.microsoft.com/office/2011/relationships/webextension"

CT_SHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_COMMENTS = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
CT_THREADED = "application/vnd.ms-excel.threadedcomments+xml"
CT_PERSON = "application/vnd.ms-excel.person+xml"
CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml"
CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
CT_CUSTOM_XML_PROPS = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
CT_CUSTOM_PROPS = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CT_TASKPANES = "application/vnd.ms-office.webextensiontaskpanes+xml"
CT_WEBEXTENSION = "application/vnd.ms-office.webextension+xml"

EXT_DV = "{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}"  # x14:dataValidations
EXT_CF = "{78C0D931-6437-407d-A8EE-F0AAD7539E65}"  # x14:conditionalFormattings
EXT_CF_ID = "{B025F937-C7B1-47D3-B67F-A62EFF666E3E}"  # a 2007 rule's link to its x14 rule

XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
NEW_PART_TIME = (1980, 1, 1, 0, 0, 0)  # new parts get a fixed date: the fixture is reproducible

# Where the features go: the 附件2 sheet and its indicator block, as the forms declare them.
IND = forms.self_eval.INDICATORS
SELF = forms.self_eval.SHEET
FIRST = IND.first_row
LAST = IND.first_row + IND.rows - 1
ACTUAL = f"{IND.letter('actual')}{FIRST}"  # 实际完成值 of the first indicator
TARGET = f"{IND.letter('target')}{FIRST}"  # 年度指标值 beside it: the formula's source
WEIGHTS = f"{IND.letter('weight')}{FIRST}:{IND.letter('weight')}{LAST}"
# A column beside the indicator block the clerk uses for notes, checked by a rule of their own.
CLERK_COLUMN = f"P{FIRST}:P{LAST}"
SCORES = f"{IND.letter('score')}{FIRST}:{IND.letter('score')}{LAST}"
REASONS = f"{IND.letter('reason')}{FIRST}:{IND.letter('reason')}{LAST}"
DEVIATION = f"{IND.letter('deviation')}{FIRST}"
SPENT = forms.named("xs_spent").ref  # 全年执行数, an input with a note
TARGETS_AND_ACTUALS = f"{IND.letter('target')}{FIRST}:{IND.letter('actual')}{LAST}"

NOTES_SHEET = "备注"  # the clerk's own sheet
REASON_LIST = f"{NOTES_SHEET}!$A$3:$A$6"
REASON_NAME = "调整理由清单"  # the clerk's own defined name
REASON_TEXTS = ("指标值口径调整", "统计数据延迟公布", "不可抗力影响", "预算中途调整")
NOTE_AUTHOR = "李会计"
NOTE_TEXT = "含上年结转资金12.5万元，已与财务系统核对。"
THREAD_AUTHOR = "王科长"
THREAD_TEXT = "偏差原因请按海关统计数据补充。"
THREAD_ID = "{3F2A9C1E-7B4D-4E8A-9C21-5D6E7F801234}"
PERSON_ID = "{8C1D2E3F-4A5B-4C6D-8E7F-901A2B3C4D5E}"

Parts = dict[str, bytes]
Value = str | float | None


# ------------------------------------------------------------------ the package, as parts


class Package:
    """The parts of a zip package in their order, with the zip entries they were read from."""

    def __init__(self, data: bytes) -> None:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            self.infos = {i.filename: i for i in z.infolist()}
            self.parts: Parts = {i.filename: z.read(i) for i in z.infolist()}

    def text(self, name: str) -> str:
        return self.parts[name].decode("utf-8")

    def put(self, name: str, text: str | bytes) -> None:
        self.parts[name] = text.encode("utf-8") if isinstance(text, str) else text

    def edit(self, name: str, anchor: str, new: str) -> None:
        """Replace the one occurrence of `anchor` in a part; anything else is a wrong anchor."""
        text = self.text(name)
        if text.count(anchor) != 1:
            raise ValueError(f"{name}: {anchor!r} occurs {text.count(anchor)} times")
        self.put(name, text.replace(anchor, new))

    def insert_before(self, name: str, anchor: str, new: str) -> None:
        self.edit(name, anchor, new + anchor)

    def bytes(self) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as z:
            for name, data in self.parts.items():
                info = self.infos.get(name)
                if info is None:
                    info = zipfile.ZipInfo(name, NEW_PART_TIME)
                    info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, data)
        return out.getvalue()

    # -- relationships and content types
    def add_rel(self, source: str, rel_type: str, target: str) -> str:
        """Add a relationship from `source` ("" for the package) → its new id."""
        name = rels_name(source)
        if name not in self.parts:
            self.put(name, f'{XML_HEAD}<Relationships xmlns="{PKG}"></Relationships>')
        taken = set(re.findall(r'Id="rId(\d+)"', self.text(name)))
        rid = f"rId{next(n for n in range(1, len(taken) + 2) if str(n) not in taken)}"
        rel = f'<Relationship Id="{rid}" Type="{rel_type}" Target="{target}"/>'
        self.insert_before(name, "</Relationships>", rel)
        return rid

    def add_override(self, part: str, content_type: str) -> None:
        override = f'<Override PartName="/{part}" ContentType="{content_type}"/>'
        self.insert_before("[Content_Types].xml", "</Types>", override)

    def add_default(self, extension: str, content_type: str) -> None:
        default = f'<Default Extension="{extension}" ContentType="{content_type}"/>'
        types = f'<Types xmlns="{CT}">'
        self.edit("[Content_Types].xml", types, types + default)


def rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{base}.rels")


# ------------------------------------------------------------------ reading a package


class Book:
    """A workbook file read for the checks: its parts, relationships, sheets and strings."""

    def __init__(self, data: bytes) -> None:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            self.parts: Parts = {i.filename: z.read(i) for i in z.infolist()}

    def xml(self, name: str) -> ET.Element:
        return ET.fromstring(self.parts[name])

    def rels(self, source: str) -> list[tuple[str, str, str]]:
        """(id, type, part name) of each internal relationship of `source` ("" = the package)."""
        name = rels_name(source)
        if name not in self.parts:
            return []
        out = []
        for rel in self.xml(name):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            if target.startswith("/"):
                part = target[1:]
            else:
                part = posixpath.normpath(posixpath.join(posixpath.dirname(source), target))
            out.append((rel.get("Id", ""), rel.get("Type", ""), part))
        return out

    def related(self, source: str, rel_type: str) -> str | None:
        return next((part for _, t, part in self.rels(source) if t == rel_type), None)

    def by_id(self, source: str, rid: str | None) -> str | None:
        return next((part for i, _, part in self.rels(source) if i == rid), None)

    @functools.cached_property
    def workbook(self) -> str:
        return next(p for _, t, p in self.rels("") if t.endswith("/officeDocument"))

    def sheet(self, title: str) -> str | None:
        for sheet in self.xml(self.workbook).iter(f"{{{MAIN}}}sheet"):
            if sheet.get("name") == title:
                return self.by_id(self.workbook, sheet.get(f"{{{R}}}id"))
        return None

    @functools.cached_property
    def strings(self) -> list[str]:
        part = self.related(self.workbook, f"{R}/sharedStrings")
        if part is None:
            return []
        return ["".join(si.itertext()) for si in self.xml(part)]

    def cells(self, sheet: str) -> dict[str, tuple[str | None, Value]]:
        """Each cell's (formula, value): numbers as floats, text from wherever the cell keeps it."""
        out = {}
        for c in self.xml(sheet).iter(f"{{{MAIN}}}c"):
            kind, raw = c.get("t", "n"), c.findtext(f"{{{MAIN}}}v")
            value: Value = raw or None
            if kind == "s" and raw:
                value = self.strings[int(raw)]
            elif kind == "inlineStr":
                value = "".join(c.find(f"{{{MAIN}}}is").itertext())  # type: ignore[union-attr]
            elif kind == "n" and raw:
                value = float(raw)
            out[c.get("r", "")] = (c.findtext(f"{{{MAIN}}}f"), value)
        return out

    def content_type(self, part: str) -> str | None:
        types = self.xml("[Content_Types].xml")
        for override in types.iter(f"{{{CT}}}Override"):
            if override.get("PartName", "").lstrip("/") == part:
                return override.get("ContentType")
        extension = part.rsplit(".", 1)[-1].lower()
        for default in types.iter(f"{{{CT}}}Default"):
            if default.get("Extension", "").lower() == extension:
                return default.get("ContentType")
        return None


def shape(element: ET.Element) -> tuple:
    """An element as data: name, attributes, text and children; namespace prefixes play no part."""
    return (
        element.tag,
        tuple(sorted(element.attrib.items())),
        element.text or "",
        tuple(shape(child) for child in element),
    )


# ------------------------------------------------------------------ building the fixture


def make_feature_workbook(src: Path, dst: Path) -> None:
    """Write to `dst` the package of `src` with every feature of `FEATURES` added."""
    Path(dst).write_bytes(_build(Path(src).read_bytes()))


def make_misnamed_xlsx(src: Path, dst: Path) -> None:
    """The same macro-enabled package under a `.xlsx` name, as a clerk who renamed it has it."""
    if Path(dst).suffix.lower() != ".xlsx":
        raise ValueError(f"{dst} is not named .xlsx")
    make_feature_workbook(src, dst)


def _build(data: bytes) -> bytes:
    pkg = Package(data)
    book = Book(data)
    sheet = book.sheet(SELF)
    if sheet is None:
        raise ValueError(f"no sheet {SELF}")
    _add_input_formula(pkg, book, sheet)
    _add_comments(pkg, book, sheet)
    _add_validation(pkg, sheet)
    _add_conditional_formats(pkg, sheet)
    _add_sheet_settings(pkg, sheet)
    _add_picture(pkg, sheet)
    _add_notes_sheet(pkg, book, sheet)
    _add_custom_xml(pkg, book.workbook)
    _add_web_extension(pkg)
    _add_custom_properties(pkg)
    return pkg.bytes()


def _cell(sheet_xml: str, ref: str) -> str:
    """A cell's element as the sheet part spells it."""
    match = re.search(rf'<c r="{ref}"(?: [^>]*?)?(?:/>|>.*?</c>)', sheet_xml)
    if match is None:
        raise ValueError(f"no cell {ref}")
    return match.group(0)


def _add_input_formula(pkg: Package, book: Book, sheet: str) -> None:
    """实际完成值 taken from 年度指标值 by a formula, with the cached result Excel saves."""
    cells = book.cells(sheet)
    value = cells[ACTUAL][1]
    if not isinstance(value, str) or cells[TARGET][1] != value:
        raise ValueError(
            f"{ACTUAL} is not the text of {TARGET}: the formula would change the score"
        )
    actual = _cell(pkg.text(sheet), ACTUAL)
    style = re.search(r' s="\d+"', actual)
    formula = (
        f'<c r="{ACTUAL}"{style.group(0) if style else ""} t="str">'
        f"<f>{TARGET}</f><v>{escape(value)}</v></c>"
    )
    pkg.edit(sheet, actual, formula)


def _note_shape(number: int, ref: str) -> str:
    """The hidden VML box of a note on `ref`, anchored beside it as Excel places it."""
    row, col, _, _ = parse_ref(ref)
    anchor = f"{col}, 15, {row - 2}, 10, {col + 2}, 15, {row + 3}, 4"  # zero-based cells
    return (
        f'<v:shape id="_x0000_s{number}" type="#_x0000_t202" style="position:absolute;'
        f"margin-left:0;margin-top:0;width:108pt;height:59.25pt;z-index:{number % 1024};"
        'visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/>'
        '<v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>'
        '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div>'
        '</v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>'
        f"<x:Anchor>{anchor}</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>{row - 1}</x:Row>"
        f"<x:Column>{col - 1}</x:Column></x:ClientData></v:shape>"
    )


def _add_comments(pkg: Package, book: Book, sheet: str) -> None:
    """A note on 全年执行数 and a threaded comment on 偏差原因, as Excel 365 saves them.

    A sheet has one legacy drawing: the notes' shapes join the form buttons' VML part.
    """
    vml = book.related(sheet, REL_VML)
    if vml is None:
        raise ValueError(f"{sheet} has no VML part")
    ids = [int(n) for n in re.findall(r'id="_x0000_s(\d+)"', pkg.text(vml))]
    shapes = (
        '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" '
        'path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>'
        '<v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
        + _note_shape(max(ids) + 1, SPENT)
        + _note_shape(max(ids) + 2, DEVIATION)
    )
    pkg.insert_before(vml, "</xml>", shapes)

    run = '<rPr>{}<sz val="9"/><color indexed="81"/><rFont val="宋体"/><charset val="134"/></rPr>'
    placeholder = (
        "[Threaded comment]\n\nYour version of Excel allows you to read this threaded comment; "
        "however, any edits to it will get removed if the file is opened in a newer version of "
        "Excel. Learn more: https://go.microsoft.com/fwlink/?linkid=870924\n\nComment:\n    "
        + THREAD_TEXT
    )
    comments = (
        f'{XML_HEAD}<comments xmlns="{MAIN}" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="xr" '
        'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision">'
        f"<authors><author>tc={THREAD_ID}</author><author>{NOTE_AUTHOR}</author></authors>"
        f'<commentList><comment ref="{SPENT}" authorId="1" shapeId="0" '
        'xr:uid="{6B1C0F3A-2D4E-4F5A-8B6C-7D8E9F0A1B2C}"><text>'
        f"<r>{run.format('<b/>')}<t>{NOTE_AUTHOR}:</t></r>"
        f'<r>{run.format("")}<t xml:space="preserve">\n{NOTE_TEXT}</t></r></text></comment>'
        f'<comment ref="{DEVIATION}" authorId="0" shapeId="0" xr:uid="{THREAD_ID}">'
        f"<text><t>{escape(placeholder)}</t></text></comment></commentList></comments>"
    )
    threaded = (
        f'{XML_HEAD}<ThreadedComments xmlns="{TC}" xmlns:x="{MAIN}">'
        f'<threadedComment ref="{DEVIATION}" dT="2025-03-10T09:15:42.37" personId="{PERSON_ID}" '
        f'id="{THREAD_ID}"><text>{THREAD_TEXT}</text></threadedComment></ThreadedComments>'
    )
    persons = (
        f'{XML_HEAD}<personList xmlns="{TC}" xmlns:x="{MAIN}">'
        f'<person displayName="{THREAD_AUTHOR}" id="{PERSON_ID}" userId="{THREAD_AUTHOR}" '
        'providerId="None"/></personList>'
    )
    for part, text, content_type, source, rel_type in (
        ("xl/comments1.xml", comments, CT_COMMENTS, sheet, REL_COMMENTS),
        ("xl/threadedComments/threadedComment1.xml", threaded, CT_THREADED, sheet, REL_THREADED),
        ("xl/persons/person.xml", persons, CT_PERSON, book.workbook, REL_PERSON),
    ):
        pkg.put(part, text)
        pkg.add_override(part, content_type)
        pkg.add_rel(source, rel_type, posixpath.relpath(part, posixpath.dirname(source)))


def _add_validation(pkg: Package, sheet: str) -> None:
    """A 0–100 check on the clerk's own column (classic), 调整理由 chosen from the list on the
    clerk's sheet (x14)."""
    text = pkg.text(sheet)
    count = int(re.search(r'<dataValidations count="(\d+)"', text).group(1))  # type: ignore[union-attr]
    pkg.edit(sheet, f'<dataValidations count="{count}">', f'<dataValidations count="{count + 1}">')
    pkg.insert_before(
        sheet,
        "</dataValidations>",
        '<dataValidation type="decimal" allowBlank="1" showInputMessage="1" showErrorMessage="1" '
        f'errorTitle="分值" error="分值应在0到100之间" sqref="{CLERK_COLUMN}">'
        "<formula1>0</formula1><formula2>100</formula2></dataValidation>",
    )


def _add_conditional_formats(pkg: Package, sheet: str) -> None:
    """得分 below 分值 in light red (needs a dxf in styles.xml), and a data bar on 得分."""
    styles = "xl/styles.xml"
    count = int(re.search(r'<dxfs count="(\d+)"', pkg.text(styles)).group(1))  # type: ignore[union-attr]
    dxf = (
        '<dxf><font><color rgb="FF9C0006"/></font>'
        '<fill><patternFill><bgColor rgb="FFFFC7CE"/></patternFill></fill></dxf>'
    )
    if count:
        pkg.edit(styles, f'<dxfs count="{count}">', f'<dxfs count="{count + 1}">')
        pkg.insert_before(styles, "</dxfs>", dxf)
    else:
        pkg.edit(styles, '<dxfs count="0"/>', f'<dxfs count="1">{dxf}</dxfs>')
    weight, score = IND.letter("weight"), IND.letter("score")
    bar_id = "{A3C5E7F9-1B2D-4F60-8A9B-0C1D2E3F4A5B}"
    pkg.edit(
        sheet,
        "</mergeCells>",
        f'</mergeCells><conditionalFormatting sqref="{SCORES}">'
        f'<cfRule type="expression" dxfId="{count}" priority="1">'
        f'<formula>AND(${score}{FIRST}&lt;&gt;"",${score}{FIRST}&lt;${weight}{FIRST})</formula>'
        '</cfRule><cfRule type="dataBar" priority="2"><dataBar><cfvo type="min"/><cfvo type="max"/>'
        '<color rgb="FF638EC6"/></dataBar><extLst>'
        f'<ext uri="{EXT_CF_ID}" xmlns:x14="{X14}"><x14:id>{bar_id}</x14:id></ext></extLst>'
        "</cfRule></conditionalFormatting>",
    )
    x14_bar = (
        f'<ext uri="{EXT_CF}" xmlns:x14="{X14}"><x14:conditionalFormattings>'
        f'<x14:conditionalFormatting xmlns:xm="{XM}"><x14:cfRule type="dataBar" id="{bar_id}">'
        '<x14:dataBar minLength="0" maxLength="100" gradient="0"><x14:cfvo type="autoMin"/>'
        '<x14:cfvo type="autoMax"/><x14:negativeFillColor rgb="FFFF0000"/>'
        '<x14:axisColor rgb="FF000000"/></x14:dataBar></x14:cfRule>'
        f"<xm:sqref>{SCORES}</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings>"
        "</ext>"
    )
    x14_list = (
        f'<ext uri="{EXT_DV}" xmlns:x14="{X14}"><x14:dataValidations count="1" xmlns:xm="{XM}">'
        '<x14:dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1">'
        f"<x14:formula1><xm:f>{REASON_LIST}</xm:f></x14:formula1><xm:sqref>{REASONS}</xm:sqref>"
        "</x14:dataValidation></x14:dataValidations></ext>"
    )
    # Excel writes the extensions in this order, the list validation's among them.
    pkg.insert_before(sheet, "</worksheet>", f"<extLst>{x14_bar}{x14_list}</extLst>")


def _add_sheet_settings(pkg: Package, sheet: str) -> None:
    """Zoom and selection, a printed header and footer, and an ignored error check."""
    text = pkg.text(sheet)
    view = re.search(r"<sheetView [^>]*>.*?</sheetView>|<sheetView [^>]*/>", text).group(0)  # type: ignore[union-attr]
    zoomed = view.replace("<sheetView ", '<sheetView zoomScale="85" zoomScaleNormal="85" ', 1)
    selection = re.search(r"<selection[^>]*/>", zoomed)
    pane = re.search(r' pane="(\w+)"', selection.group(0)) if selection else None
    chosen = f'<selection{pane.group(0) if pane else ""} activeCell="{ACTUAL}" sqref="{ACTUAL}"/>'
    if selection:
        zoomed = zoomed.replace(selection.group(0), chosen)
    elif zoomed.endswith("/>"):
        zoomed = zoomed[:-2] + f">{chosen}</sheetView>"
    else:
        zoomed = zoomed.replace("</sheetView>", f"{chosen}</sheetView>")
    pkg.edit(sheet, view, zoomed)
    header_footer = (
        '<headerFooter><oddHeader>&amp;L&amp;"宋体,常规"岳阳城陵矶综合保税区</oddHeader>'
        "<oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter></headerFooter>"
    )
    old = re.search(r"<headerFooter.*?</headerFooter>|<headerFooter[^>]*/>", pkg.text(sheet))
    if old:  # the template prints page numbers already: the clerk's header goes with them
        pkg.edit(sheet, old.group(0), header_footer)
    else:
        pkg.insert_before(
            sheet, _first(pkg.text(sheet), ("<rowBreaks", "<legacyDrawing ")), header_footer
        )
    pkg.insert_before(
        sheet,
        _first(pkg.text(sheet), ("<drawing ", "<legacyDrawing ")),
        f'<ignoredErrors><ignoredError sqref="{TARGETS_AND_ACTUALS}" numberStoredAsText="1"/>'
        "</ignoredErrors>",
    )


def _first(text: str, anchors: tuple[str, ...]) -> str:
    """The anchor that comes first in `text` (elements of a sheet go in the schema's order)."""
    return min((a for a in anchors if a in text), key=text.index)


def png(size: int = 64) -> bytes:
    """A small red seal (ring and dot) as an RGBA PNG."""
    centre = (size - 1) / 2
    rows = bytearray()
    for y in range(size):
        rows.append(0)  # filter: none
        for x in range(size):
            d = math.hypot(x - centre, y - centre)
            inked = size * 0.38 <= d <= size * 0.48 or d <= size * 0.12
            rows += bytes((200, 16, 16, 255) if inked else (0, 0, 0, 0))

    def chunk(tag: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(tag + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + tag + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + chunk(b"IEND", b"")
    )


def _anchor(tag: str, col: int, col_off: int, row: int, row_off: int) -> str:
    return (
        f"<xdr:{tag}><xdr:col>{col}</xdr:col><xdr:colOff>{col_off}</xdr:colOff>"
        f"<xdr:row>{row}</xdr:row><xdr:rowOff>{row_off}</xdr:rowOff></xdr:{tag}>"
    )


def _drawing(anchor: str) -> str:
    return (
        f'{XML_HEAD}<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/'
        'spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        f"{anchor}</xdr:wsDr>"
    )


def _add_drawing(pkg: Package, sheet: str, drawing: str, text: str) -> None:
    pkg.put(drawing, text)
    pkg.add_override(drawing, CT_DRAWING)
    rid = pkg.add_rel(sheet, REL_DRAWING, posixpath.relpath(drawing, posixpath.dirname(sheet)))
    element = f'<drawing r:id="{rid}"/>'
    if "<legacyDrawing " in pkg.text(sheet):
        pkg.insert_before(sheet, "<legacyDrawing ", element)
    else:
        pkg.insert_before(sheet, "</worksheet>", element)


def _add_picture(pkg: Package, sheet: str) -> None:
    """A seal over the 负责人 line of 附件2, 30 pt square."""
    emu = 381000  # 30 pt
    sign_row = forms.self_eval.SIGN_ROW - 1  # zero-based
    col = parse_ref(DEVIATION)[1] - 1  # zero-based
    left = 952500  # 100 px into the column
    picture = (
        '<xdr:twoCellAnchor editAs="oneCell">'
        + _anchor("from", col, left, sign_row - 1, 0)
        + _anchor("to", col, left + emu, sign_row, 190500)
        + '<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="图片 1" descr="公章"><a:extLst>'
        '<a:ext uri="{FF2B5EF4-FFF2-40B4-BE49-F238E27FC236}"><a16:creationId '
        'xmlns:a16="http://schemas.microsoft.com/office/drawing/2014/main" '
        'id="{1E2F3A4B-5C6D-4E7F-8091-A2B3C4D5E6F7}"/></a:ext></a:extLst></xdr:cNvPr>'
        '<xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr>'
        f'<xdr:blipFill><a:blip xmlns:r="{R}" r:embed="rId1"/><a:stretch><a:fillRect/>'
        '</a:stretch></xdr:blipFill><xdr:spPr><a:xfrm><a:off x="0" y="0"/>'
        f'<a:ext cx="{emu}" cy="{emu}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        "</xdr:spPr></xdr:pic><xdr:clientData/></xdr:twoCellAnchor>"
    )
    drawing = "xl/drawings/drawing1.xml"
    pkg.put("xl/media/image1.png", png())
    pkg.add_default("png", "image/png")
    pkg.add_rel(drawing, REL_IMAGE, "../media/image1.png")
    _add_drawing(pkg, sheet, drawing, _drawing(picture))


def _chart(categories: str, values: str, names: list[str], numbers: list[str]) -> str:
    def points(items: list[str]) -> str:
        return f'<c:ptCount val="{len(items)}"/>' + "".join(
            f'<c:pt idx="{i}"><c:v>{escape(v)}</c:v></c:pt>' for i, v in enumerate(items)
        )

    axis = (
        '<c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>'
        '<c:axPos val="{}"/>{}<c:majorTickMark val="none"/><c:minorTickMark val="none"/>'
        '<c:tickLblPos val="nextTo"/><c:crossAx val="{}"/><c:crosses val="autoZero"/>'
    )
    return (
        f'{XML_HEAD}<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        f'xmlns:r="{R}" xmlns:c16r2="http://schemas.microsoft.com/office/drawing/2015/06/chart">'
        '<c:date1904 val="0"/><c:lang val="zh-CN"/><c:roundedCorners val="0"/><c:chart>'
        "<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr/></a:pPr>"
        '<a:r><a:rPr lang="zh-CN"/><a:t>预算执行情况（万元）</a:t></a:r></a:p></c:rich></c:tx>'
        '<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>'
        '<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>'
        '<c:ser><c:idx val="0"/><c:order val="0"/><c:invertIfNegative val="0"/>'
        f"<c:cat><c:strRef><c:f>{categories}</c:f><c:strCache>{points(names)}</c:strCache>"
        f"</c:strRef></c:cat><c:val><c:numRef><c:f>{values}</c:f><c:numCache>"
        f"<c:formatCode>General</c:formatCode>{points(numbers)}</c:numCache></c:numRef></c:val>"
        '<c:extLst><c:ext uri="{C3380CC4-5D6E-409C-BE32-E72D297353CC}" '
        'xmlns:c16="http://schemas.microsoft.com/office/drawing/2014/chart">'
        '<c16:uniqueId val="{00000000-5A3B-4C2D-9E1F-000000000001}"/></c:ext></c:extLst></c:ser>'
        '<c:gapWidth val="219"/><c:overlap val="-27"/>'
        '<c:axId val="510001001"/><c:axId val="510001002"/></c:barChart>'
        '<c:catAx><c:axId val="510001001"/>'
        + axis.format("b", "", "510001002")
        + '<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/>'
        '</c:catAx><c:valAx><c:axId val="510001002"/>'
        + axis.format(
            "l", '<c:majorGridlines/><c:numFmt formatCode="General" sourceLinked="1"/>', "510001001"
        )
        + '<c:crossBetween val="between"/></c:valAx></c:plotArea><c:plotVisOnly val="1"/>'
        '<c:dispBlanksAs val="gap"/></c:chart><c:printSettings><c:headerFooter/>'
        '<c:pageMargins b="0.75" l="0.7" r="0.7" t="0.75" header="0.3" footer="0.3"/>'
        "<c:pageSetup/></c:printSettings></c:chartSpace>"
    )


def _add_strings(pkg: Package, book: Book, texts: list[str]) -> list[int]:
    """Append strings to the shared string table, once per use → their indexes."""
    part = book.related(book.workbook, f"{R}/sharedStrings")
    assert part is not None
    counts = re.search(r'<sst [^>]*?count="(\d+)" uniqueCount="(\d+)"', pkg.text(part))
    assert counts is not None
    total, unique = (int(n) for n in counts.groups())
    old = counts.group(0)
    new = old.replace(f'count="{total}"', f'count="{total + len(texts)}"').replace(
        f'uniqueCount="{unique}"', f'uniqueCount="{unique + len(texts)}"'
    )
    pkg.edit(part, old, new)
    pkg.insert_before(part, "</sst>", "".join(f"<si><t>{escape(t)}</t></si>" for t in texts))
    return list(range(unique, unique + len(texts)))


def _number(value: Value) -> str:
    assert isinstance(value, float)
    return str(int(value)) if value.is_integer() else repr(value)


def _add_notes_sheet(pkg: Package, book: Book, sheet: str) -> None:
    """The clerk's sheet 备注: a reason list (named), a check sum formula and a budget chart."""
    cells = book.cells(sheet)
    weight_col = parse_ref(WEIGHTS)[1]
    total = sum(
        value
        for ref, (_, value) in cells.items()
        if isinstance(value, float)
        and parse_ref(ref)[1] == weight_col
        and FIRST <= parse_ref(ref)[0] <= LAST
    )
    # The budget row: 年初预算数, 全年预算数, 全年执行数 side by side, their labels above.
    row, col, _, _ = parse_ref(forms.named("xs_budget_initial").ref)
    amounts = ref_of(row, col, 1, 3)
    labels = ref_of(row - 1, col, 1, 3)
    names = [cells[cell_ref(row - 1, col + i)][1] for i in range(3)]
    numbers = [_number(cells[cell_ref(row, col + i)][1]) for i in range(3)]
    title, head, check, *reasons = _add_strings(
        pkg, book, [NOTES_SHEET, "常用调整理由", "分值合计（核对）", *REASON_TEXTS]
    )
    check_sum = f'<c r="C3"><f>SUM({SELF}!{WEIGHTS})</f><v>{_number(float(total))}</v></c>'
    rows = [
        f'<row r="1"><c r="A1" t="s"><v>{title}</v></c></row>',
        f'<row r="2"><c r="A2" t="s"><v>{head}</v></c><c r="C2" t="s"><v>{check}</v></c></row>',
        *(
            f'<row r="{r}"><c r="A{r}" t="s"><v>{index}</v></c>{check_sum if r == 3 else ""}</row>'
            for r, index in enumerate(reasons, start=3)
        ),
    ]
    number = 1 + sum(p.startswith("xl/worksheets/sheet") for p in pkg.parts)
    notes = f"xl/worksheets/sheet{number}.xml"
    pkg.put(
        notes,
        f'{XML_HEAD}<worksheet xmlns="{MAIN}" xmlns:r="{R}"><dimension ref="A1:C6"/>'
        '<sheetViews><sheetView workbookViewId="0"/></sheetViews>'
        '<sheetFormatPr defaultRowHeight="15"/><cols>'
        '<col min="1" max="1" width="24.7109375" customWidth="1"/>'
        '<col min="3" max="3" width="18.7109375" customWidth="1"/></cols>'
        f'<sheetData>{"".join(rows)}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" '
        'bottom="0.75" header="0.3" footer="0.3"/></worksheet>',
    )
    pkg.add_override(notes, CT_SHEET)
    workbook = book.workbook
    rid = pkg.add_rel(workbook, REL_SHEET, posixpath.relpath(notes, posixpath.dirname(workbook)))
    ids = [int(n) for n in re.findall(r'sheetId="(\d+)"', pkg.text(workbook))]
    pkg.insert_before(
        workbook,
        "</sheets>",
        f'<sheet name="{NOTES_SHEET}" sheetId="{max(ids) + 1}" r:id="{rid}"/>',
    )
    pkg.insert_before(
        workbook,
        "</definedNames>",
        f'<definedName name="{REASON_NAME}">{REASON_LIST}</definedName>',
    )
    _add_app_titles(pkg, NOTES_SHEET, REASON_NAME)

    chart, drawing = "xl/charts/chart1.xml", "xl/drawings/drawing2.xml"
    pkg.put(
        chart,
        _chart(
            f"{SELF}!{abs_ref(labels)}",
            f"{SELF}!{abs_ref(amounts)}",
            [str(n) for n in names],
            numbers,
        ),
    )
    pkg.add_override(chart, CT_CHART)
    pkg.add_rel(drawing, REL_CHART, "../charts/chart1.xml")
    frame = (
        "<xdr:twoCellAnchor>"
        + _anchor("from", 0, 0, 7, 0)
        + _anchor("to", 5, 0, 23, 0)
        + '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="图表 1"/>'
        '<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/>'
        '<a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic>'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
        f'<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
        f'xmlns:r="{R}" r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame>'
        "<xdr:clientData/></xdr:twoCellAnchor>"
    )
    _add_drawing(pkg, notes, drawing, _drawing(frame))


def _add_app_titles(pkg: Package, sheet: str, name: str) -> None:
    """docProps/app.xml lists the sheets, then the names, and counts both as Excel does."""
    app = "docProps/app.xml"
    counts = {}
    for heading in ("Worksheets", "Named Ranges"):
        old = re.search(
            rf"<vt:lpstr>{heading}</vt:lpstr></vt:variant><vt:variant><vt:i4>(\d+)</vt:i4>",
            pkg.text(app),
        )
        assert old is not None
        counts[heading] = int(old.group(1))
        pkg.edit(
            app, old.group(0), old.group(0).replace(f">{old.group(1)}<", f">{counts[heading] + 1}<")
        )
    size = re.search(r'<TitlesOfParts><vt:vector size="(\d+)"', pkg.text(app))
    assert size is not None
    pkg.edit(app, size.group(0), size.group(0).replace(size.group(1), str(int(size.group(1)) + 2)))
    titles = re.findall(r"<vt:lpstr>([^<]*)</vt:lpstr>", pkg.text(app).split("<TitlesOfParts>")[1])
    last_sheet = f"<vt:lpstr>{titles[counts['Worksheets'] - 1]}</vt:lpstr>"
    pkg.edit(app, last_sheet, f"{last_sheet}<vt:lpstr>{sheet}</vt:lpstr>")
    pkg.insert_before(app, "</vt:vector></TitlesOfParts>", f"<vt:lpstr>{name}</vt:lpstr>")


def _add_custom_xml(pkg: Package, workbook: str) -> None:
    """An item a document system stored in the file, with its properties part."""
    item, props = "customXml/item1.xml", "customXml/itemProps1.xml"
    pkg.put(
        item,
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\r\n'
        '<oa:archive xmlns:oa="urn:example:oa-archive"><oa:docNo>岳财绩〔2025〕12号</oa:docNo>'
        "<oa:unit>岳阳城陵矶综合保税区</oa:unit></oa:archive>",
    )
    pkg.put(
        props,
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\r\n'
        '<ds:datastoreItem ds:itemID="{5E0B1F6A-3C2D-4B8E-9F10-2A3B4C5D6E7F}" '
        'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
        '<ds:schemaRefs><ds:schemaRef ds:uri="urn:example:oa-archive"/></ds:schemaRefs>'
        "</ds:datastoreItem>",
    )
    pkg.add_override(props, CT_CUSTOM_XML_PROPS)
    pkg.add_rel(item, REL_CUSTOM_XML_PROPS, "itemProps1.xml")
    pkg.add_rel(workbook, REL_CUSTOM_XML, posixpath.relpath(item, posixpath.dirname(workbook)))


def _add_web_extension(pkg: Package) -> None:
    """An Office add-in's task pane, stored as Excel stores it (the add-in id is made up)."""
    panes, extension = "xl/webextensions/taskpanes.xml", "xl/webextensions/webextension1.xml"
    pkg.put(
        extension,
        f'{XML_HEAD}<we:webextension xmlns:we="http://schemas.microsoft.com/office/webextensions/'
        'webextension/2010/11" id="{4D7E9A2B-1C3F-4B5D-8E6A-0F1B2C3D4E5F}">'
        '<we:reference id="wa200000001" version="1.0.0.0" store="zh-CN" storeType="OMEX"/>'
        '<we:alternateReferences><we:reference id="wa200000001" version="1.0.0.0" '
        'store="WA200000001" storeType="OMEX"/></we:alternateReferences><we:properties>'
        '<we:property name="Office.AutoShowTaskpaneWithDocument" value="true"/></we:properties>'
        f'<we:bindings/><we:snapshot xmlns:r="{R}"/></we:webextension>',
    )
    pkg.put(
        panes,
        f'{XML_HEAD}<wetp:taskpanes xmlns:wetp="http://schemas.microsoft.com/office/webextensions/'
        'taskpanes/2010/11"><wetp:taskpane dockstate="right" visibility="0" width="350" row="4">'
        f'<wetp:webextensionref xmlns:r="{R}" r:id="rId1"/></wetp:taskpane></wetp:taskpanes>',
    )
    pkg.add_override(extension, CT_WEBEXTENSION)
    pkg.add_override(panes, CT_TASKPANES)
    pkg.add_rel(panes, REL_WEBEXTENSION, "webextension1.xml")
    pkg.add_rel("", REL_TASKPANES, panes)


def _add_custom_properties(pkg: Package) -> None:
    """File → Properties → Custom, and the build stamp WPS leaves in files it saved."""
    custom = "docProps/custom.xml"
    fmtid = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
    pkg.put(
        custom,
        f'{XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'docPropsVTypes"><property fmtid="{fmtid}" pid="2" name="填报单位">'
        "<vt:lpwstr>岳阳城陵矶综合保税区管理委员会</vt:lpwstr></property>"
        f'<property fmtid="{fmtid}" pid="3" name="KSOProductBuildVer">'
        "<vt:lpwstr>2052-12.1.0.16729</vt:lpwstr></property></Properties>",
    )
    pkg.add_override(custom, CT_CUSTOM_PROPS)
    pkg.add_rel("", REL_CUSTOM_PROPS, custom)


# ------------------------------------------------------------------ the checks

Check = Callable[[Book, Book], "str | None"]
Where = Callable[[Book], "str | None"]  # finds a part in a book: both books may name it apart

ROOT: Where = lambda book: ""  # noqa: E731 - the package itself, as a relationship source
WORKBOOK: Where = lambda book: book.workbook  # noqa: E731


def in_sheet(title: str) -> Where:
    return lambda book: book.sheet(title)


@functools.cache
def _reference() -> Book:
    return Book(_build(SOURCE.read_bytes()))


def _same_part(book: Book, ref: Book, what: str, part: str) -> str | None:
    """`part` (of `ref`) is in `book` with the same bytes and content type."""
    if part not in book.parts:
        return f"{what}: {part} is missing"
    if book.content_type(part) != ref.content_type(part):
        return f"{what}: {part} has content type {book.content_type(part)}"
    if book.parts[part] != ref.parts[part]:
        return f"{what}: {part} was rewritten"
    return None


def _follow(book: Book, ref: Book, what: str, start: Where, *types: str) -> str | None:
    """From `start`, relationships of `types` in turn (each from the part the last reached)
    lead to the same parts as in `ref`, byte for byte."""
    got, want = start(book), start(ref)
    assert want is not None
    if got is None:
        return f"{what}: its parent part is missing"
    for rel_type in types:
        got, want = book.related(got, rel_type), ref.related(want, rel_type)
        assert want is not None, rel_type
        if got is None:
            return f"{what}: no {rel_type.rsplit('/', 1)[-1]} relationship"
        if got != want:
            return f"{what}: {got} instead of {want}"
        problem = _same_part(book, ref, what, got)
        if problem:
            return problem
    return None


def _element(book: Book, part: str | None, path: str) -> ET.Element | None:
    return None if part is None or part not in book.parts else book.xml(part).find(path)


def _same_element(book: Book, ref: Book, where: Where, path: str, what: str) -> str | None:
    """The element at `path` in the part `where` finds has the same attributes and children."""
    want = _element(ref, where(ref), path)
    assert want is not None, path
    got = _element(book, where(book), path)
    if got is None:
        return f"{what} is missing"
    if shape(got) != shape(want):
        return f"{what} changed: {ET.tostring(got, encoding='unicode')[:300]}"
    return None


def _m(path: str) -> str:
    """An ElementTree path in the spreadsheetml namespace: 'a/b' → '{main}a/{main}b'."""
    return "/".join(f"{{{MAIN}}}{step}" for step in path.split("/"))


def _parts(what: str, start: Where, *types: str) -> Check:
    return lambda book, ref: _follow(book, ref, what, start, *types)


def _elements(where: Where, path: str, what: str) -> Check:
    return lambda book, ref: _same_element(book, ref, where, _m(path), what)


def _all(*checks: Check) -> Check:
    """The first problem any of `checks` finds."""

    def check(book: Book, ref: Book) -> str | None:
        return next((p for c in checks if (p := c(book, ref))), None)

    return check


def _check_input_formula(book: Book, ref: Book) -> str | None:
    part, want = book.sheet(SELF), ref.cells(ref.sheet(SELF) or "")[ACTUAL]
    got = None if part is None else book.cells(part).get(ACTUAL)
    if got != want:
        return f"{SELF}!{ACTUAL} (formula, cached value) is {got}, not {want}"
    return None


def _check_note_text(book: Book, ref: Book) -> str | None:
    part = book.sheet(SELF)
    comments = None if part is None else book.related(part, REL_COMMENTS)
    found = _element(book, comments, _m(f"commentList/comment[@ref='{SPENT}']"))
    text = None if found is None else "".join(found.itertext())
    if text is None or NOTE_TEXT not in text:
        return f"the note on {SELF}!{SPENT} is missing (found {text!r})"
    legacy = _element(book, part, _m("legacyDrawing"))
    rid = None if legacy is None else legacy.get(f"{{{R}}}id")
    if part is None or book.by_id(part, rid) != book.related(part, REL_VML):
        return f"{SELF} has no legacyDrawing pointing at its VML part"
    return None


def _check_dxf(book: Book, ref: Book) -> str | None:
    """The format the conditional rule refers to is still at its place in styles.xml."""
    rule = _element(ref, ref.sheet(SELF), _m(CF_RULE))
    assert rule is not None
    dxf = f"{_m('dxfs/dxf')}[{int(rule.get('dxfId', '0')) + 1}]"
    got, want = _element(book, "xl/styles.xml", dxf), _element(ref, "xl/styles.xml", dxf)
    assert want is not None
    if got is None or shape(got) != shape(want):
        return "conditional format: its dxf in styles.xml changed"
    return None


def _check_clerk_sheet(book: Book, ref: Book) -> str | None:
    part = ref.sheet(NOTES_SHEET)
    assert part is not None
    if book.sheet(NOTES_SHEET) != part:
        return f"sheet {NOTES_SHEET} is missing or moved to {book.sheet(NOTES_SHEET)}"
    got, want = book.cells(part), ref.cells(part)
    if got != want:
        changed = {k: got.get(k) for k in want if got.get(k) != want[k]}
        return f"sheet {NOTES_SHEET}: cells (formula, value) changed: {changed}"
    return _same_part(book, ref, f"sheet {NOTES_SHEET}", part)


def _check_macro_enabled(book: Book, ref: Book) -> str | None:
    if book.content_type(book.workbook) != ref.content_type(ref.workbook):
        return f"the workbook part is {book.content_type(book.workbook)}"
    return None


def _on_file(check: Check) -> Callable[[Path], str | None]:
    return lambda path: check(Book(Path(path).read_bytes()), _reference())


CF_RULE = f"conditionalFormatting[@sqref='{SCORES}']/cfRule[@type='expression']"
BAR_RULE = f"conditionalFormatting[@sqref='{SCORES}']/cfRule[@type='dataBar']"

FEATURES: dict[str, Callable[[Path], str | None]] = {
    name: _on_file(check)
    for name, check in {
        "input_formula": _check_input_formula,
        "legacy_comment": _all(
            _check_note_text,
            _parts("note", in_sheet(SELF), REL_COMMENTS),
            _parts("note and button shapes", in_sheet(SELF), REL_VML),
        ),
        "threaded_comment": _all(
            _parts("threaded comment", in_sheet(SELF), REL_THREADED),
            _parts("persons", WORKBOOK, REL_PERSON),
        ),
        "data_validation": _elements(
            in_sheet(SELF),
            f"dataValidations/dataValidation[@sqref='{CLERK_COLUMN}']",
            "data validation",
        ),
        "x14_data_validation": _elements(
            in_sheet(SELF), f"extLst/ext[@uri='{EXT_DV}']", "x14 list validation"
        ),
        "conditional_formatting": _all(
            _elements(in_sheet(SELF), CF_RULE, "conditional format"), _check_dxf
        ),
        "x14_data_bar": _all(
            _elements(in_sheet(SELF), BAR_RULE, "data bar rule"),
            _elements(in_sheet(SELF), f"extLst/ext[@uri='{EXT_CF}']", "x14 data bar"),
        ),
        "image": _all(
            _elements(in_sheet(SELF), "drawing", "drawing element"),
            _parts("picture", in_sheet(SELF), REL_DRAWING, REL_IMAGE),
        ),
        "chart": _parts("chart", in_sheet(NOTES_SHEET), REL_DRAWING, REL_CHART),
        "custom_xml": _parts("custom XML", WORKBOOK, REL_CUSTOM_XML, REL_CUSTOM_XML_PROPS),
        "web_extension": _parts("add-in task pane", ROOT, REL_TASKPANES, REL_WEBEXTENSION),
        "custom_properties": _parts("custom properties", ROOT, REL_CUSTOM_PROPS),
        "sheet_view": _elements(in_sheet(SELF), "sheetViews/sheetView", "sheet view"),
        "header_footer": _elements(in_sheet(SELF), "headerFooter", "header and footer"),
        "ignored_errors": _elements(in_sheet(SELF), "ignoredErrors", "ignored errors"),
        "clerk_sheet": _check_clerk_sheet,
        "defined_name": _elements(
            WORKBOOK, f"definedNames/definedName[@name='{REASON_NAME}']", "defined name"
        ),
        "vba": _all(_parts("VBA project", WORKBOOK, REL_VBA), _check_macro_enabled),
    }.items()
}
