"""A cell's value as the spreadsheet shows it (`xlsrc.domain.shown`), table-driven."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from xlsrc.domain.shown import shown
from xlsrc.domain.values import Typed, typed


@pytest.mark.parametrize(
    "value, number_format, expected",
    [
        (0.995, "0.00%", "99.50%"),
        (0.995, "0.0%", "99.5%"),
        (0.995, "0%", "100%"),  # as Excel shows it: rounded half away from zero
        (0.083, "0.0%", "8.3%"),
        (0.0835, "0.0%", "8.4%"),
        (1180.4, "#,##0.00", "1,180.40"),
        (1234567.891, "#,##0", "1,234,568"),
        (1180.4, "0.00", "1180.40"),
        (1180.4, "General", "1180.4"),
        (1180.4, None, "1180.4"),
        (1180.0, None, "1180"),
        (0.1 + 0.2, "General", "0.3"),
        (123456789012345678.0, None, "1.23456789012346E+17"),  # past 15 digits: an exponent
        (1e308, "0.00", "1" + "0" * 308 + ".00"),  # a fixed format shows every digit
        (1.5e-12, None, "1.5E-12"),  # 15 significant digits, not the float's binary tail
        (84, '0"个"', "84个"),
        (5, '"共"0"人"', "共5人"),
        (-3.456, "0.0;[Red]-0.0", "-3.5"),
        (-5, "0;(0)", "(5)"),
        (0, '0.00;-0.00;"-"', "-"),
        (2.5, "[$¥-804]#,##0.00", "¥2.50"),
        ("≥95%", "@", "≥95%"),
        ("优", '"等次："@', "等次：优"),  # a text format prints its words around the text
        ("优", '0.00;-0.00;0;"等次："@', "等次：优"),  # the fourth section is the text's
        (5, "0个", "5个"),  # an unquoted character prints as it stands
        (12, "@", "12"),
        (dt.datetime(2024, 12, 20), "yyyy/m/d", "2024年12月20日"),
        (dt.datetime(2024, 12, 20), "yyyy-mm-dd hh:mm:ss", "2024年12月20日"),
        (dt.datetime(2024, 12, 20, 9, 5), "yyyy/m/d h:mm", "2024年12月20日 9:05"),
        (dt.date(2025, 3, 25), None, "2025年3月25日"),
        (45646, "yyyy/m/d", "2024年12月20日"),  # a date's serial number
        (45646, 'yyyy"年"m"月"d"日"', "2024年12月20日"),
        (dt.time(0, 0), "h:mm:ss", "0:00:00"),
        (None, "0.00%", ""),
        (True, None, "TRUE"),
        (Typed(0.995, "0.0%"), None, "99.5%"),  # a typed value carries its format
        (Decimal("98.50"), "0.0", "98.5"),
    ],
)
def test_values_show_as_the_cell_shows_them(value, number_format, expected):
    assert shown(value, number_format) == expected


@pytest.mark.parametrize(
    "value, number_format", [(2024, "0"), (10, "General"), (0.5, "@"), (3, None)]
)
def test_formats_that_show_the_general_way_hand_the_number_over_as_it_is(value, number_format):
    got = typed(value, number_format)
    assert got == value and type(got) is type(value)


def test_formats_that_change_the_text_keep_it_with_the_number():
    got = typed(1180.4, "#,##0.00")
    assert isinstance(got, Typed) and shown(got) == "1,180.40"
