"""Parse 年度指标值 / 实际完成值 as clerks write them into plain values.

The parser never raises on text: anything it cannot read comes back as
`NotUnderstood` carrying the text that was read and a Chinese reason, so a
check can show the clerk exactly what went wrong.

References:
    财政部《项目支出绩效评价管理办法》(财预〔2020〕10号) 附件 — indicator forms
    (定量 ≥/≤/=, 时效, 定性).  The spellings covered here are those of the
    published 岳阳市 self-evaluation forms (../shared/seeds).

Numbers are bounded: Excel keeps 15 significant digits, and no figure of these forms
(万元, points, counts, rates) comes near 10^15 or, other than 0, below 10^-15; a value outside
that range, or one that is not finite (NaN, ±inf from a broken formula or another program),
is reported, not computed with.

Limitations:
    A cell holding several targets ("1.产值400亿元以上；2.增加值136亿元以上")
    is read as descriptive text, not as several quantities.  Chinese numerals
    ("三家") are not read as numbers.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from . import text as T

# Magnitudes a cell's number may have: 0, or from 10^-15 up to (not including) 10^15,
# Excel's 15 significant digits either side.
LIMIT = Decimal(10) ** 15
SMALLEST = Decimal(10) ** -15


class Op(Enum):
    """Comparison operator of a quantitative value."""

    GE = "≥"
    GT = ">"
    LE = "≤"
    LT = "<"
    EQ = "="


@dataclass(frozen=True)
class Quantity:
    """A number with its operator and unit, multipliers (亿/万/千) applied.

    `op` is None for a bare number ("84个").  Percentages keep their printed
    number (90 for "90%") with unit "%".  `label` is descriptive text written
    before the operator ("通关时效提升≥90%").
    """

    text: str
    op: Op | None
    number: Decimal
    unit: str
    label: str = ""


@dataclass(frozen=True)
class Deadline:
    """A date by which something is (to be) done; `day` None means month end."""

    text: str
    year: int | None
    month: int
    day: int | None


@dataclass(frozen=True)
class OnTime:
    """ "按时完成" and the like: done within the period, no date given."""

    text: str


@dataclass(frozen=True)
class Qualitative:
    """The marker "定性": the clerk judges the row by band."""

    text: str


@dataclass(frozen=True)
class Descriptive:
    """Descriptive text such as "有效推进" (scored as a qualitative row)."""

    text: str


@dataclass(frozen=True)
class NotApplicable:
    """A row that does not apply, e.g. "无生态效益"."""

    text: str


@dataclass(frozen=True)
class Empty:
    """Nothing was written."""

    text: str = ""


@dataclass(frozen=True)
class NotUnderstood:
    """Text the parser could not read; `reason` is a Chinese sentence."""

    text: str
    reason: str


ParsedValue = (
    Quantity | Deadline | OnTime | Qualitative | Descriptive | NotApplicable | Empty | NotUnderstood
)

# Word operators as clerks write them.  Longest first so that "不低于" wins over "低于".
_PREFIX_WORDS: tuple[tuple[str, Op], ...] = (
    ("大于等于", Op.GE),  # greater or equal
    ("小于等于", Op.LE),  # less or equal
    ("不低于", Op.GE),  # not below
    ("不少于", Op.GE),  # not fewer than
    ("不小于", Op.GE),  # not smaller than
    ("不高于", Op.LE),  # not above
    ("不超过", Op.LE),  # not exceeding
    ("不多于", Op.LE),  # not more than
    ("不大于", Op.LE),  # not greater than
    ("控制在", Op.LE),  # kept within
    ("至少", Op.GE),  # at least
    ("达到", Op.GE),  # reach
    ("高于", Op.GT),  # above
    ("大于", Op.GT),  # greater than
    ("超过", Op.GT),  # exceeding
    ("多于", Op.GT),  # more than
    ("突破", Op.GT),  # break through
    ("低于", Op.LT),  # below
    ("小于", Op.LT),  # smaller than
    ("少于", Op.LT),  # fewer than
)
_SUFFIX_WORDS: tuple[tuple[str, Op], ...] = (
    ("及以上", Op.GE),  # and above
    ("及以下", Op.LE),  # and below
    ("以上", Op.GE),  # above
    ("以下", Op.LE),  # below
    ("以内", Op.LE),  # within
)
_SYMBOLS: dict[str, Op] = {"≥": Op.GE, "≤": Op.LE, ">": Op.GT, "<": Op.LT, "=": Op.EQ}
# Multipliers, longest first.
_MULTIPLIERS: tuple[tuple[str, Decimal], ...] = (
    ("万亿", Decimal("1000000000000")),
    ("亿", Decimal("100000000")),
    ("千万", Decimal("10000000")),
    ("百万", Decimal("1000000")),
    ("万", Decimal("10000")),
    ("千", Decimal("1000")),
)

_OP_WORDS = "|".join(re.escape(w) for w, _ in _PREFIX_WORDS)
_SUFFIX = "|".join(re.escape(w) for w, _ in _SUFFIX_WORDS)
_MULT = "|".join(re.escape(w) for w, _ in _MULTIPLIERS)
_QUANTITY = re.compile(
    rf"^(?P<label>.*?)(?P<op>[≥≤<>=]|{_OP_WORDS})?"
    rf"(?P<num>[-+]?\d+(?:\.\d+)?)(?P<mult>{_MULT})?"
    rf"(?P<unit>[^\d≥≤<>=.]{{0,4}}?)(?P<suffix>{_SUFFIX})?$"
)
_DATE = re.compile(
    r"^(?:(?P<year>\d{4})(?:年|[-./]))?(?P<month>\d{1,2})(?:月|[-./])"
    r"(?:(?P<day>\d{1,2})(?:日|号)?|底|末|份)?"
    r"(?:前|之前|以前|内|止|为止)?(?:完成|办结|完工)?$"
)
_YEAR_END = re.compile(
    r"^(?:(?P<year>\d{4})年?)?(?:年底|年末|年内|年度内|年底前|年末前|本年度内)(?:前)?(?:完成)?$"
)
_ON_TIME = re.compile(r"^(?:已)?(?:按时|按期|如期|及时|提前)(?:完成|办结|完工|到位)?$")
_NOT_APPLICABLE = re.compile(
    r"^(?:[/／—–-]+|(?:无|不涉及|不适用)(?:此项|该项)?(?:生态|社会|经济|可持续|环境)?"
    r"(?:效益|影响|发展)?(?:指标)?)$"
)
_QUALITATIVE = re.compile(r"^定性(?:指标)?$")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def normalize(text: str) -> str:
    """Fold full-width forms and drop whitespace so that spellings compare equal."""
    s = unicodedata.normalize("NFKC", text)
    s = s.replace("≧", "≥").replace("≦", "≤").replace(">=", "≥").replace("<=", "≤")
    s = s.replace("==", "=")  # NFKC has already folded full-width ＝ ＞ ＜ ％
    s = re.sub(r"\s+", "", s)
    s = re.sub(r"(?<=\d),(?=\d{3})", "", s)  # thousands separators
    return s.strip("。;；,，、")


def parse_value(raw: object) -> ParsedValue:
    """Read one 年度指标值 or 实际完成值 cell (text, number or blank)."""
    if raw is None:
        return Empty()
    if isinstance(raw, bool):
        return NotUnderstood(str(raw), T.REASON_NOT_A_VALUE)
    if isinstance(raw, (int, float, Decimal)):
        return _number_cell(raw)
    text = str(raw)
    lines = [line for line in (x.strip() for x in text.splitlines()) if line]
    s = normalize(text)
    if not s:
        return Empty(text)
    if _NOT_APPLICABLE.match(s):
        return NotApplicable(text)
    if _QUALITATIVE.match(s):
        return Qualitative(text)
    if _ON_TIME.match(s):
        return OnTime(text)
    date = _parse_deadline(text, s)
    if date is not None:
        return date
    if len(lines) <= 1:
        quantity = _parse_quantity(text, s)
        if quantity is not None:
            return quantity
    if any(ch in s for ch in _SYMBOLS):
        return NotUnderstood(text, T.REASON_OPERATOR_WITHOUT_NUMBER)
    if _CJK.search(s):
        return Descriptive(text)
    return NotUnderstood(text, T.REASON_NOT_A_VALUE)


def _number_cell(raw: int | float | Decimal) -> ParsedValue:
    number = _decimal(raw)
    if isinstance(number, NotUnderstood):
        return number
    return Quantity(str(raw), None, number, "")


def _decimal(raw: int | float | Decimal) -> Decimal | NotUnderstood:
    """A cell's number as a Decimal, or why it cannot be computed with."""
    if isinstance(raw, float):  # its shortest spelling: 0.1, not the binary expansion
        return _bounded(Decimal(repr(raw)), repr(raw))
    number = Decimal(raw)  # exact, however many digits (str() of a huge int raises)
    return _bounded(number, str(number))


def _bounded(number: Decimal, text: str) -> Decimal | NotUnderstood:
    if not number.is_finite():
        return NotUnderstood(text, T.REASON_NOT_FINITE)
    if abs(number) >= LIMIT:
        return NotUnderstood(text, T.REASON_TOO_LARGE)
    if number and abs(number) < SMALLEST:
        return NotUnderstood(text, T.REASON_TOO_SMALL)
    return number


def _parse_deadline(text: str, s: str) -> Deadline | None:
    m = _YEAR_END.match(s)
    if m:
        year = m.group("year")
        return Deadline(text, int(year) if year else None, 12, 31)
    m = _DATE.match(s)
    if not m:
        return None
    month = int(m.group("month"))
    day = int(m.group("day")) if m.group("day") else None
    year = int(m.group("year")) if m.group("year") else None
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    # A bare "12.31" is ambiguous with a decimal number: insist on a date word.
    if year is None and "月" not in s:
        return None
    return Deadline(text, year, month, day)


def _parse_quantity(text: str, s: str) -> Quantity | NotUnderstood | None:
    m = _QUANTITY.match(s)
    if not m:
        return None
    label, op_text, suffix = m.group("label"), m.group("op"), m.group("suffix")
    unit = m.group("unit") or ""
    if label and not op_text and not suffix:
        return None  # "新开工项目65个": a sentence, not a value
    if label and _has_operator(label):
        return None  # several values in one cell
    op: Op | None = None
    if op_text:
        op = _SYMBOLS.get(op_text) or dict(_PREFIX_WORDS)[op_text]
    if suffix:
        suffix_op = dict(_SUFFIX_WORDS)[suffix]
        if op is not None and _is_upper(op) != _is_upper(suffix_op):
            return NotUnderstood(text, T.REASON_CONTRADICTORY)  # "≥90%以下"
        op = op or suffix_op
    if unit not in T.KNOWN_UNITS:
        if op is None:
            return None
        return NotUnderstood(text, T.REASON_UNKNOWN_UNIT.format(unit=unit))
    number = Decimal(m.group("num"))
    mult = m.group("mult")
    if mult:
        number *= dict(_MULTIPLIERS)[mult]
    bounded = _bounded(number, text)
    if isinstance(bounded, NotUnderstood):
        return bounded
    return Quantity(text, op, bounded, unit, label)


def _is_upper(op: Op) -> bool:
    """True for operators that bound from above (≤, <)."""
    return op in (Op.LE, Op.LT)


def _has_operator(fragment: str) -> bool:
    if any(ch in fragment for ch in _SYMBOLS):
        return True
    return any(w in fragment for w, _ in _SUFFIX_WORDS) or any(
        w in fragment for w, _ in _PREFIX_WORDS
    )


def parse_number(raw: object) -> Decimal | Empty | NotUnderstood:
    """Read a numeric cell (分值, 万元 amounts): blank → Empty, text → number or NotUnderstood.

    Accepts "　10", "1,200.5", "83.55%" (→ 0.8355) and plain numbers.
    """
    if raw is None:
        return Empty()
    if isinstance(raw, bool):
        return NotUnderstood(str(raw), T.REASON_NOT_A_NUMBER)
    if isinstance(raw, (int, float, Decimal)):
        return _decimal(raw)
    text = str(raw)
    s = normalize(text).removesuffix("万元").removesuffix("元").removesuffix("分")
    if not s:
        return Empty(text)
    percent = s.endswith("%")
    s = s.removesuffix("%")
    if not re.fullmatch(r"[-+]?\d+(?:\.\d+)?", s):
        return NotUnderstood(text, T.REASON_NOT_A_NUMBER)
    number = _bounded(Decimal(s), text)
    if isinstance(number, NotUnderstood):
        return number
    return number / 100 if percent else number


def number_or_none(raw: object) -> Decimal | None:
    """`parse_number` for places that only use a number when there is a readable one."""
    value = parse_number(raw)
    return value if isinstance(value, Decimal) else None
