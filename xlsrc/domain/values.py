"""Parse 年度指标值 / 实际完成值 as clerks write them into plain values.

The parser never raises on text: anything it cannot read comes back as
`NotUnderstood` carrying the text that was read and a Chinese reason, so a
check can show the clerk exactly what went wrong.

References:
    财政部《项目支出绩效评价管理办法》(财预〔2020〕10号) 附件 — indicator forms
    (定量 ≥/≤/=, 时效, 定性).  The spellings covered are those of the published
    岳阳市 forms (their figures in workbook/examples/data) and of the published forms of other regions in
    tests/data/indicator_corpus.jsonl: look-alike signs (═ ﹦ ≧ ≦ ⩾ ⩽ ≮ ≯), words
    (不低于, 不少于, 以上, 以内, 左右, 约), ranges (95%-100%, 3-5个, ≥3个且≤5个),
    periods (1-12月, 2021.1.1-12.31), Chinese numerals (三家, 十二个, 两次) and the
    units of `units.UNITS`.

Values typed into a spreadsheet arrive as numbers and dates: 99.5% typed in Excel or WPS
is the number 0.995 shown with a percent format.  `typed` keeps the format with the
number so that it reads as the text the clerk sees.

Numbers are bounded: Excel keeps 15 significant digits, and no figure of these forms
(万元, points, counts, rates) comes near 10^15 or, other than 0, below 10^-15; a value outside
that range, or one that is not finite (NaN, ±inf from a broken formula or another program),
is reported, not computed with.

Limitations:
    A cell holding several targets ("1.产值400亿元以上；2.增加值136亿元以上")
    is read as descriptive text, not as several quantities.  Words between an
    operator and its number ("至少全年完成2次") make the cell descriptive.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from functools import lru_cache

from . import text as T
from . import units as U
from .shown import shown

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
    """A number with its operator and unit as written: "≥2万人" is 2 of 万人 (`units.lookup`).

    `op` is None for a bare number ("84个").  Percentages keep their printed
    number (90 for "90%") with unit "%".  `label` is descriptive text written
    before the operator ("通关时效提升≥90%").  `approx` marks 约/左右.  `typed` is
    True for a number the spreadsheet stored as a number (not text).
    """

    text: str
    op: Op | None
    number: Decimal
    unit: str
    label: str = ""
    approx: bool = False
    typed: bool = False


@dataclass(frozen=True)
class Range:
    """A target between two numbers ("95%-100%", "3-5个", "≥3个且≤5个"), bounds included."""

    text: str
    low: Decimal
    high: Decimal
    unit: str


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
    Quantity
    | Range
    | Deadline
    | OnTime
    | Qualitative
    | Descriptive
    | NotApplicable
    | Empty
    | NotUnderstood
)


class Typed(float):
    """A number as a spreadsheet stores it, with the number format it is shown in.

    It is a float everywhere (sums, comparisons); `parse_value` reads it as what the clerk
    sees: 0.995 in "0.0%" is 99.5%, 12 in `0"个"` is 12个.
    """

    number_format: str

    def __new__(cls, value: float, number_format: str) -> Typed:
        obj = super().__new__(cls, value)
        obj.number_format = number_format
        return obj

    def __reduce__(self) -> tuple[object, ...]:
        return (Typed, (float(self), self.number_format))


def _format_sections(number_format: str) -> str:
    """The format's first section with quoted text, escapes and [colour] codes replaced by "_"."""
    first = number_format.split(";", 1)[0]
    first = re.sub(r'"[^"]*"', lambda m: "_" * len(m.group()), first)
    first = re.sub(r"\\.", "__", first)
    return re.sub(r"\[[^\]]*\]", lambda m: "_" * len(m.group()), first)


def format_unit(number_format: str) -> tuple[bool, str]:
    """(percent?, literal unit) a number format shows: "0.0%" → (True, ""), `0"万元"` → (False, "万元")."""
    if not number_format or number_format in ("General", "@"):
        return False, ""
    percent = "%" in _format_sections(number_format)
    first = number_format.split(";", 1)[0]
    literals = "".join(re.findall(r'"([^"]*)"', first)) + "".join(re.findall(r"\\(.)", first))
    return percent, literals.strip()


def typed(value: object, number_format: str | None) -> object:
    """`value` as `Typed` when its number format shows it otherwise than General does (a percent
    sign, a unit, thousands separators, fixed decimals), else as it is."""
    if number_format is None or isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    if number_format in ("General", "@", ""):
        return value
    if _shows_otherwise(float(value), number_format):
        return Typed(float(value), number_format)
    return value


@lru_cache(maxsize=4096)
def _shows_otherwise(value: float, number_format: str) -> bool:
    """Whether the format shows the number otherwise than General does. Cached: a sheet holds
    the same few formats and many equal numbers (0, the same sums), and every read asks."""
    percent, unit = format_unit(number_format)
    return percent or bool(unit) or shown(value, number_format) != shown(value)


# Word operators as clerks write them.  Longest first so that "不低于" wins over "低于".
_PREFIX_WORDS: tuple[tuple[str, Op], ...] = (
    ("大于等于", Op.GE),  # greater or equal
    ("小于等于", Op.LE),  # less or equal
    ("大于或等于", Op.GE),  # greater or equal
    ("小于或等于", Op.LE),  # less or equal
    ("不低于", Op.GE),  # not below
    ("不少于", Op.GE),  # not fewer than
    ("不小于", Op.GE),  # not smaller than
    ("不高于", Op.LE),  # not above
    ("不超过", Op.LE),  # not exceeding
    ("不超出", Op.LE),  # not exceeding
    ("不多于", Op.LE),  # not more than
    ("不大于", Op.LE),  # not greater than
    ("控制在", Op.LE),  # kept within
    ("至少", Op.GE),  # at least
    ("最少", Op.GE),  # at least
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
    ("或以上", Op.GE),  # or above
    ("或以下", Op.LE),  # or below
    ("以上", Op.GE),  # above
    ("以下", Op.LE),  # below
    ("以内", Op.LE),  # within
    ("之内", Op.LE),  # within
    ("内", Op.LE),  # within ("3个工作日内")
)
# About: "约100人", "100人左右" — a target to reach, read as a bare number.
_APPROX_PREFIX = ("大约", "约")
_APPROX_SUFFIX = ("左右",)
_SYMBOLS: dict[str, Op] = {"≥": Op.GE, "≤": Op.LE, ">": Op.GT, "<": Op.LT, "=": Op.EQ}
_MULTIPLIERS = U.MULTIPLIERS
# Look-alike signs of published forms: box drawing ═, small/full-width forms, ≮ (not less
# than) and ≯ (not greater than), slanted ⩾ ⩽; traditional 個 萬 億.
_LOOK_ALIKES = (
    ("═", "="),
    ("≧", "≥"),
    ("≦", "≤"),
    ("⩾", "≥"),
    ("⩽", "≤"),
    ("≮", "≥"),
    ("≯", "≤"),
    (">=", "≥"),
    ("<=", "≤"),
    ("≥=", "≥"),
    ("≤=", "≤"),
    ("==", "="),
    ("個", "个"),
    ("萬", "万"),
    ("億", "亿"),
)
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6}
_CN_DIGITS |= {"七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}
_CN_NUMERAL = "[零〇一二两三四五六七八九十百千万亿]+"
_ARABIC = r"[-+]?\d+(?:\.\d+)?"

_OP_WORDS = "|".join(re.escape(w) for w, _ in _PREFIX_WORDS)
_SUFFIX = "|".join(re.escape(w) for w, _ in _SUFFIX_WORDS)
_MULT = "|".join(re.escape(w) for w, _ in _MULTIPLIERS)
_APPROX_BEFORE = "|".join(_APPROX_PREFIX)
_APPROX_AFTER = "|".join(_APPROX_SUFFIX)
# Words between an operator and its number: "至少全年完成2次", "完成率100%", "已完成100%".
_VERB = (
    r"(?:全年|累计|年内|年度|已|已经|实际)?(?:完成|开展|举办|组织|实现|达成|发放|新增)(?:率|了)?"
)
COMPLETION_LABEL = re.compile(rf"^{_VERB}$")
# "每亩300": an amount per unit with the currency left off.
_PER = re.compile(r"^每(?P<per>[\u4e00-\u9fff]{1,2})$")
# A unit: a few letters or CJK characters, with "/" "·" for compounds ("元/人·月").
_UNIT = r"[^\d≥≤<>=.~\-]{0,6}?"
_QUANTITY = re.compile(
    rf"^(?P<label>.*?)(?P<op>[≥≤<>=]|{_OP_WORDS})?(?P<verb>{_VERB})?(?P<about>{_APPROX_BEFORE})?"
    rf"(?P<num>{_ARABIC})(?P<mult>{_MULT})?"
    rf"(?P<unit>{_UNIT})(?P<suffix>{_SUFFIX})?(?P<after>{_APPROX_AFTER})?$"
)
_CN_QUANTITY = re.compile(
    rf"^(?P<op>[≥≤<>=]|{_OP_WORDS})?(?P<about>{_APPROX_BEFORE})?"
    rf"(?P<num>{_CN_NUMERAL})(?P<unit>[^\d≥≤<>=]{{1,4}}?)"
    rf"(?P<suffix>{_SUFFIX})?(?P<after>{_APPROX_AFTER})?$"
)


def _bound(n: str, m: str, u: str) -> str:
    """One end of a range: its number, multiplier and unit, in named groups."""
    return rf"(?P<{n}>{_ARABIC})(?P<{m}>{_MULT})?(?P<{u}>{_UNIT})"


_RANGE = re.compile(
    "^"
    + _bound("low", "lmult", "lunit")
    + r"(?:-|—|–|~|至|到)+"
    + _bound("high", "hmult", "hunit")
    + "$"
)
_BETWEEN = re.compile(
    rf"^(?:≥|{_OP_WORDS})"
    + _bound("low", "lmult", "lunit")
    + r"(?:且|并且|,|、|;)(?:≤|<|小于等于|不超过|不高于|不大于|不多于)"
    + _bound("high", "hmult", "hunit")
    + "$"
)
_DATE = re.compile(
    r"^(?:(?P<year>\d{4})(?:年|[-./]))?(?P<month>\d{1,2})(?:月|[-./])"
    r"(?:(?P<day>\d{1,2})(?:日|号)?|底|末|份)?"
    r"(?:前|之前|以前|内|止|为止)?(?:完成|办结|完工)?$"
)
# A period: its end is the deadline ("1-12月", "2021.1.1-12.31", "2024年1月至12月").
_PERIOD = re.compile(
    r"^(?:(?P<y1>\d{4})(?:年|[./-]))?(?P<m1>\d{1,2})(?:月|[./])?(?:(?P<d1>\d{1,2})(?:日|号)?)?"
    r"(?:-|—|–|~|至|到)"
    r"(?:(?P<y2>\d{4})(?:年|[./-]))?(?P<m2>\d{1,2})(?P<sep>月|[./])(?:(?P<d2>\d{1,2})(?:日|号)?)?"
    r"(?:底|末|份)?(?:前|之前|以前|内|止|为止)?(?:完成|办结|完工)?$"
)
_YEAR_END = re.compile(
    r"^(?:(?P<year>\d{4})年?)?(?:年底|年末|年内|年度内|年底前|年末前|本年度内)(?:前)?(?:完成)?$"
)
_ON_TIME = re.compile(
    r"^(?:已)?(?:按时|按期|如期|及时|提前|在规定时间内|规定时间内|在规定时限内|规定时限内"
    r"|在项目计划完成时间内|在计划时间内|计划时间内)(?:完成|办结|完工|到位|发放|拨付)?(?:率?100%)?$"
)
_NOT_APPLICABLE = re.compile(
    r"^(?:[/／—–-]+|(?:无|不涉及|不适用)(?:此项|该项)?(?:生态|社会|经济|可持续|环境)?"
    r"(?:效益|影响|发展)?(?:指标)?)$"
)
_QUALITATIVE = re.compile(r"^定性(?:指标)?$")
# A figure whose digits are mixed with Latin letters before a unit ("M.8万元", "1O0%"): a scan's
# or a typist's misprint (银川市 2021 项目支出绩效自评表, tests/data/audit_sources.md).
_GARBLED_NUMBER = re.compile(
    r"^[≥≤<>=]*(?P<num>[0-9A-Za-z.]*[0-9][0-9A-Za-z.]*)(?P<unit>[^0-9A-Za-z.]+)$"
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
# Text typed into a cell formatted as text: a formula that Excel kept as text.
_FORMULA_AS_TEXT = re.compile(r"^=[A-Za-z(]")


def normalize(text: str) -> str:
    """Fold full-width forms and look-alikes and drop whitespace so that spellings compare equal."""
    s = unicodedata.normalize("NFKC", text)
    s = re.sub(r"\s+", "", s)
    for old, new in _LOOK_ALIKES:
        s = s.replace(old, new)
    s = re.sub(r"(?<=\d),(?=\d{3})", "", s)  # thousands separators
    s = re.sub(r"%\((?:百分比|百分率)\)", "%", s)
    return s.strip("。;；,，、")


def parse_value(raw: object) -> ParsedValue:
    """Read one 年度指标值 or 实际完成值 cell (text, number, date or blank)."""
    if raw is None:
        return Empty()
    if isinstance(raw, bool):
        return NotUnderstood(str(raw), T.REASON_NOT_A_VALUE)
    if isinstance(raw, Typed):
        return _typed_cell(raw)
    if isinstance(raw, (int, float, Decimal)):
        return _number_cell(raw)
    if isinstance(raw, (dt.datetime, dt.date)):
        return Deadline(shown(raw), raw.year, raw.month, raw.day)
    if isinstance(raw, dt.time):
        return NotUnderstood(raw.isoformat(), T.REASON_NOT_A_VALUE)
    text = str(raw)
    lines = [line for line in (x.strip() for x in text.splitlines()) if line]
    s = normalize(text)
    if not s:
        return Empty(text)
    if _FORMULA_AS_TEXT.match(s):
        return NotUnderstood(text, T.REASON_FORMULA_AS_TEXT)
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
        for parse in (_parse_range, _parse_quantity, _parse_chinese):
            found = parse(text, s)
            if found is not None:
                return found
    if any(ch in s for ch in _SYMBOLS):
        return NotUnderstood(text, T.REASON_OPERATOR_WITHOUT_NUMBER)
    if _garbled_number(s):
        return NotUnderstood(text, T.REASON_GARBLED_NUMBER)
    if _CJK.search(s):
        return Descriptive(text)
    return NotUnderstood(text, T.REASON_NOT_A_VALUE)


def _garbled_number(s: str) -> bool:
    """A number with Latin letters in it followed by a known unit: "M.8万元", "1O0%"."""
    m = _GARBLED_NUMBER.match(s)
    if not m or not re.search(r"[A-Za-z]", m.group("num")):
        return False
    unit = U.canonical(m.group("unit"))
    return unit == U.PERCENT or (bool(unit) and U.lookup(unit) is not None)


def _number_cell(raw: int | float | Decimal) -> ParsedValue:
    number = _decimal(raw)
    if isinstance(number, NotUnderstood):
        return number
    return Quantity(shown(raw), None, number, "", typed=not isinstance(raw, Decimal))


def _typed_cell(raw: Typed) -> ParsedValue:
    """A number with its format: 0.995 in "0.0%" → 99.5%, 12 in `0"个"` → 12个."""
    number = _decimal(float(raw))
    if isinstance(number, NotUnderstood):
        return number
    percent, literal = format_unit(raw.number_format)
    if percent:
        number *= 100
        unit = U.PERCENT
    else:
        unit = normalize(literal)
    text = shown(raw)
    bounded = _bounded(number, text)
    if isinstance(bounded, NotUnderstood):
        return bounded
    return Quantity(text, None, bounded, U.canonical(unit), typed=True)


def _plain(number: Decimal) -> str:
    """A number as a clerk writes it: 99.5, 100, 0.25 (no exponent, no trailing zeros)."""
    return format(number.normalize(), "f")


def _decimal(raw: int | float | Decimal) -> Decimal | NotUnderstood:
    """A cell's number as a Decimal, or why it cannot be computed with."""
    if isinstance(raw, float):  # its shortest spelling: 0.1, not the binary expansion
        return _bounded(Decimal(repr(float(raw))), repr(float(raw)))
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
    period = _PERIOD.match(s)
    if period:
        return _period(text, s, period)
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


def _period(text: str, s: str, m: re.Match[str]) -> Deadline | None:
    """The end of a period "1-12月" / "2021.1.1-12.31" as its deadline."""
    m1, m2 = int(m.group("m1")), int(m.group("m2"))
    d2 = int(m.group("d2")) if m.group("d2") else None
    if not (1 <= m1 <= m2 <= 12) or (d2 is not None and not 1 <= d2 <= 31):
        return None
    year = m.group("y2") or m.group("y1")
    if year is None and "月" not in s:
        return None
    return Deadline(text, int(year) if year else None, m2, d2)


def _op_of(op_text: str | None) -> Op | None:
    if not op_text:
        return None
    return _SYMBOLS.get(op_text) or dict(_PREFIX_WORDS)[op_text]


def _parse_quantity(text: str, s: str) -> Quantity | NotUnderstood | None:
    m = _QUANTITY.match(s)
    if not m:
        return None
    label, op_text, suffix = m.group("label"), m.group("op"), m.group("suffix")
    about = bool(m.group("about") or m.group("after"))
    unit = _known_head(U.canonical(m.group("unit") or ""))
    verb = m.group("verb") or ""
    per = _PER.match(label)
    if per and not unit and not op_text:
        label, unit = "", "/" + per.group("per")
    if verb and not op_text:
        label, verb = label + verb, ""
    if label and not op_text and not suffix and not about and not COMPLETION_LABEL.match(label):
        return None  # "新开工项目65个": a sentence, not a value
    if label and _has_operator(label):
        return None  # several values in one cell
    if unit and not U.known(unit) and not _CJK.fullmatch(unit[:1]) and "/" not in unit:
        return None if op_text is None else NotUnderstood(text, _unknown(unit))
    # "20万元" is 20 of 万元: a bare "20" beside it means 20万元
    unit = (m.group("mult") or "") + unit
    return _quantity(text, Decimal(m.group("num")), unit, op_text, suffix, about, label)


def _known_head(unit: str) -> str:
    """A known unit followed by words is that unit: "2次宣传" → 次, "100人参加" → 人."""
    if U.known(unit):
        return unit
    for end in range(len(unit) - 1, 0, -1):
        if U.lookup(unit[:end]) is not None and _CJK.fullmatch(unit[end : end + 1]):
            return unit[:end]
    return unit


def _unknown(unit: str) -> str:
    return T.REASON_UNKNOWN_UNIT.format(unit=unit)


def _quantity(
    text: str,
    number: Decimal | None,
    unit: str,
    op_text: str | None,
    suffix: str | None,
    about: bool,
    label: str,
) -> Quantity | NotUnderstood:
    """A quantity from its parts; `unit` includes its multiplier, `number` None if unreadable."""
    op = _op_of(op_text)
    if suffix:
        suffix_op = dict(_SUFFIX_WORDS)[suffix]
        if op is not None and _is_upper(op) != _is_upper(suffix_op):
            return NotUnderstood(text, T.REASON_CONTRADICTORY)  # "≥90%以下"
        op = op or suffix_op
    if about and op is not None:
        return NotUnderstood(text, T.REASON_CONTRADICTORY_ABOUT)  # "≥约90%"
    if number is None:
        return NotUnderstood(text, T.REASON_NOT_A_VALUE)
    bounded = _bounded(number * U.base_factor(unit), text)
    if isinstance(bounded, NotUnderstood):
        return bounded
    return Quantity(text, op, number, U.canonical(unit), label, about)


def _parse_chinese(text: str, s: str) -> Quantity | NotUnderstood | None:
    """ "三家", "不少于十二个", "两次": a Chinese numeral with a unit of the units table."""
    m = _CN_QUANTITY.match(s)
    if not m or not U.known(m.group("unit")) or not m.group("unit"):
        return None
    about = bool(m.group("about") or m.group("after"))
    return _quantity(
        text,
        _chinese_number(m.group("num")),
        m.group("unit"),
        m.group("op"),
        m.group("suffix"),
        about,
        "",
    )


def _chinese_number(numeral: str) -> Decimal | None:
    """一百二十 → 120, 两千 → 2000, 十二 → 12, 三万五千 → 35000; None if it is not a numeral."""
    total, section, digit = 0, 0, None
    for ch in numeral:
        if ch in "零〇" and digit is None and (section or total):
            continue  # 一百零五: 零 holds an empty place
        if ch in _CN_DIGITS:
            if digit is not None:
                return None  # "三四": two digits in a row are not one numeral
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            section += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
        else:  # 万, 亿
            section += digit or 0
            if section == 0:
                return None
            total = (total + section) * _CN_BIG[ch]
            section, digit = 0, None
    return Decimal(total + section + (digit or 0))


def _parse_range(text: str, s: str) -> Range | NotUnderstood | None:
    m = _RANGE.match(s) or _BETWEEN.match(s)
    if not m:
        return None
    bounds = []
    for n, mult, unit_key in (("low", "lmult", "lunit"), ("high", "hmult", "hunit")):
        unit = (m.group(mult) or "") + (m.group(unit_key) or "")
        bounds.append((Decimal(m.group(n)), U.canonical(unit)))
    (low, low_unit), (high, high_unit) = bounds
    unit = high_unit or low_unit
    if low_unit and high_unit and low_unit != high_unit:
        converted = U.convert(low, low_unit, high_unit)
        if converted is None:
            return NotUnderstood(text, T.REASON_RANGE_UNITS)
        low = converted
    if not U.known(unit) and not _CJK.match(unit):
        return None
    if low > high:
        return NotUnderstood(text, T.REASON_RANGE_ORDER)
    for number in (low, high):
        bounded = _bounded(number, text)
        if isinstance(bounded, NotUnderstood):
            return bounded
    return Range(text, low, high, unit)


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
