"""A cell's value as the spreadsheet shows it: the one way every text xlsrc writes quotes a cell.

99.5% typed in Excel is stored as 0.995 in a percent format, 2024/12/20 as a date, 1,180.4 as
1180.4 in a "#,##0.00" format. A report, a message or a Word table that quotes the cell must
say what the clerk saw ("99.5%", "2024年12月20日", "1,180.40"), never what the file stores
("0.995", "2024-12-20 00:00:00").

References:
    ECMA-376 Part 1, §18.8.31 numFmt (format codes: sections split by ";", quoted literals,
    "\\" escapes, [colour] and [$-locale] codes, "0" "#" "?" digits, "," thousands, "%",
    date and time codes y m d h s); Excel rounds a shown number half away from zero.
    Dates are written the long Chinese way clerks and 公文 write them (GB/T 9704: "2024年12月20日").

Limitations:
    Scientific ("0.00E+00"), fraction ("# ?/?") and conditional ("[>100]") formats are shown
    as General. Dates are always the long Chinese form, whatever date format the cell has:
    the sentence reads the same whether the clerk chose "yyyy/m/d" or "yyyy年m月d日".
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

# Excel's day 0 (1900 date system, the serial numbers a date format shows).
_EPOCH = dt.datetime(1899, 12, 30)
_GENERAL_DIGITS = 15  # significant digits Excel keeps


def date_text(value: dt.date) -> str:
    """2024年12月20日."""
    return f"{value.year}年{value.month}月{value.day}日"


def shown(value: object, number_format: str | None = None) -> str:
    """`value` as a cell in `number_format` shows it (the format a `Typed` carries, if not given).

    >>> shown(0.995, "0.0%"), shown(1180.4, "#,##0.00"), shown(dt.datetime(2024, 12, 20))
    ('99.5%', '1,180.40', '2024年12月20日')
    """
    if number_format is None:
        number_format = getattr(value, "number_format", None)
    fmt = number_format or "General"
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time() or not _has_time(fmt):
            return date_text(value)
        return f"{date_text(value)} {_clock(value.time(), fmt)}"
    if isinstance(value, dt.date):
        return date_text(value)
    if isinstance(value, dt.time):
        return _clock(value, fmt)
    if isinstance(value, (int, float, Decimal)):
        return _number(value, fmt)
    text = str(value)
    section = next((s for s in _split(fmt) if "@" in _bare(s)), None)
    if section is None or section.strip() == "@":
        return text
    return _literals(section, text)  # '"等次："@' prints its words around the text


def _number(value: int | float | Decimal, fmt: str) -> str:
    number = _decimal(value)
    if number is None:
        return str(value)
    with localcontext() as ctx:
        ctx.prec = 1000  # a float's 309 integer digits and the places a format asks for
        return _formatted(number, fmt)


def _formatted(number: Decimal, fmt: str) -> str:
    section, negative = _section(fmt, number)
    # [$¥-804]: a currency symbol with its locale, shown as the symbol
    section = re.sub(r"\[\$([^\]-]*)(?:-[^\]]*)?\]", lambda m: f'"{m[1]}"', section)
    bare = _bare(section)
    if _is_date(bare):
        try:
            when = _EPOCH + dt.timedelta(days=float(number))
        except (OverflowError, ValueError):
            return _general(number)
        if not re.search(r"[ydYD]", bare) or (re.search(r"[hsHS]", bare) and number < 1):
            return _clock(when.time(), bare)
        return shown(when, bare)
    if re.search(r"[eE][+-]|\?|/", bare):  # scientific, fractions: General
        return ("-" if negative else "") + _general(abs(number))
    if not section.strip() or "general" in bare.lower() or "@" in bare:
        text = ("-" if negative else "") + _general(abs(number))
        return _literals(re.sub("(?i)general", "0", section), text)
    if not re.search(r"[0#?]", bare):  # a section of text only ("-" for zero)
        return _literals(section, "").replace("@", "")
    if "%" in bare:
        number *= 100 ** bare.count("%")
    digits = re.sub(r"[^0#.,]", "", bare)
    integer, _, fraction = digits.partition(".")
    while integer.endswith(","):  # a trailing comma scales by a thousand
        integer = integer[:-1]
        number /= 1000
    places = len(re.sub(r"[^0]", "", fraction)) + len(re.sub(r"[^#]", "", fraction))
    zeros = len(re.sub(r"[^0]", "", fraction))
    rounded = abs(number).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    whole, _, frac = f"{rounded:f}".partition(".")
    frac = frac.rstrip("0").ljust(zeros, "0") if places > zeros else frac
    min_int = len(re.sub(r"[^0]", "", integer))
    if whole == "0" and min_int == 0:
        whole = ""
    whole = whole.rjust(min_int, "0")
    if "," in integer and whole:
        whole = f"{int(whole):,}"
    text = whole + ("." + frac if frac or (fraction and zeros) else "")
    if not text:
        text = "0"
    sign = "-" if negative and rounded else ""
    return _literals(section, sign + text)


def _decimal(value: int | float | Decimal) -> Decimal | None:
    try:
        number = Decimal(repr(float(value))) if isinstance(value, float) else Decimal(value)
    except (InvalidOperation, ValueError, OverflowError):
        return None
    return number if number.is_finite() else None


def _general(number: Decimal) -> str:
    """General: up to 15 significant digits, no trailing zeros; an exponent ("1E+20") beyond
    what 15 digits hold, as Excel shows such numbers."""
    if number == 0:
        return "0"
    exponent = number.adjusted()
    rounded = number.quantize(Decimal(1).scaleb(exponent - _GENERAL_DIGITS + 1), ROUND_HALF_UP)
    if exponent >= _GENERAL_DIGITS or exponent < -9:
        mantissa = f"{rounded.scaleb(-exponent).normalize():f}"
        return f"{mantissa}E{'+' if exponent > 0 else '-'}{abs(exponent):02d}"
    return f"{rounded.normalize():f}"


def _section(fmt: str, number: Decimal) -> tuple[str, bool]:
    """The section for the number's sign; True when the minus sign is the caller's to write."""
    sections = _split(fmt)
    if number < 0 and len(sections) > 1:
        return sections[1], False
    if number == 0 and len(sections) > 2:
        return sections[2], False
    return sections[0], number < 0


def _split(fmt: str) -> list[str]:
    out, part, quoted, escaped = [], "", False, False
    for ch in fmt:
        if escaped:
            part, escaped = part + ch, False
        elif ch == "\\":
            part, escaped = part + ch, True
        elif ch == '"':
            part, quoted = part + ch, not quoted
        elif ch == ";" and not quoted:
            out.append(part)
            part = ""
        else:
            part += ch
    out.append(part)
    return out


def _bare(section: str) -> str:
    """The section's codes without literals, escapes, [codes], padding and spacing."""
    s = re.sub(r'"[^"]*"', "", section)
    s = re.sub(r"\\.", "", s)
    s = re.sub(r"\[[^\]]*\]", "", s)
    s = re.sub(r"[_*].", "", s)
    return s.strip()


def _literals(section: str, number: str) -> str:
    """The section's text around its digits: `0"个"` with 84 → "84个"; "¥#,##0" → "¥1,180"."""
    s = re.sub(r"\[[^\]]*\]", "", section)
    s = re.sub(r"[_*].", "", s)
    out, placed, i = "", False, 0
    while i < len(s):
        ch = s[i]
        if ch == '"':
            end = s.find('"', i + 1)
            end = len(s) if end < 0 else end
            out += s[i + 1 : end]
            i = end + 1
            continue
        if ch == "\\" and i + 1 < len(s):
            out += s[i + 1]
            i += 2
            continue
        if ch in "0#?.,@":
            if not placed:
                out += number
                placed = True
            i += 1
            continue
        out += ch  # any other character prints as it stands ("%", "-", "(", 个…)
        i += 1
    return out if placed or not number else out + number


def _is_date(bare: str) -> bool:
    return bool(bare) and bare.lower() != "general" and bool(re.search(r"[ymdhsYMDHS]", bare))


def _has_time(fmt: str) -> bool:
    return bool(re.search(r"[hsHS]", _bare(_split(fmt)[0])))


def _clock(value: dt.time, fmt: str) -> str:
    """9:05, or 9:05:30 when the format shows seconds."""
    seconds = re.search(r"[sS]", _bare(_split(fmt)[0]) if fmt else "")
    text = f"{value.hour}:{value.minute:02d}"
    return f"{text}:{value.second:02d}" if seconds else text
