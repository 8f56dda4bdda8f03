"""The same workbook filled as text and as typed values gives the same scores.

A clerk types into 年度指标值 / 实际完成值. In the template those columns are formatted as
text, so "99.5%" stays "99.5%". In a cell with the General format (an older workbook, a
pasted value, a clerk who changed the format) Excel, WPS and LibreOffice store 99.5% as the
number 0.995 shown as a percentage, 2024-12-20 as a date, 98 as a number. LibreOffice types
both workbooks here, cell by cell, as a clerk does; they are scored through the file adapter
and through xlwings' remote engine (which hands over numbers without their formats).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import lo
import openpyxl
import pytest
from conftest import EXAMPLES
from remote import apply_actions, payload_from_file
from wb import IND, SELF

import xlsrc.buttons as buttons
from xlsrc.adapters.openpyxl_file import OpenpyxlFile
from xlsrc.usecases import calculate

# LibreOffice types the values as a clerk would.
pytestmark = pytest.mark.slow

FIRST = 14  # first indicator row of the template
TARGET, ACTUAL = (chr(ord("B") + IND.index(k)) for k in ("target", "actual"))
# (row, target, actual) typed into seed 000's example, over its own values.
TYPED = [
    (17, "≥99%", "99.5%"),  # a percentage
    (18, "≥95%", "93%"),  # a percentage short of its target
    (19, "100%", "100%"),  # both sides typed
    (20, "2024-12-31", "2024-12-20"),  # dates
    (21, "1200", "1150"),  # bare numbers
    (22, "≥90%", "0.92"),  # a fraction typed as such
]


@pytest.fixture(scope="module")
def books(tmp_path_factory) -> dict[str, Path]:
    """seed 000 typed into as text (the template's format) and as values (General cells)."""
    tmp = tmp_path_factory.mktemp("typed")
    src = EXAMPLES / "seed000.xlsm"
    as_text, as_values = [], []
    for row, target, actual in TYPED:
        for col, value in ((TARGET, target), (ACTUAL, actual)):
            cell = f"{col}{row}"
            as_text.append(("type", SELF, cell, value))
            as_values += [("general", SELF, cell), ("type", SELF, cell, value)]
    out = {"text": tmp / "text.xlsm", "values": tmp / "values.xlsm"}
    lo.edit([(src, out["text"], as_text), (src, out["values"], as_values)], tmp / "profile")
    return out


def test_the_fixtures_hold_what_a_clerk_typed(books):
    text = openpyxl.load_workbook(books["text"])[SELF]
    values = openpyxl.load_workbook(books["values"])[SELF]
    assert [text[f"{ACTUAL}{r}"].value for r, *_ in TYPED] == [a for *_, a in TYPED]
    assert text[f"{ACTUAL}17"].number_format == "@"
    typed = {r: values[f"{ACTUAL}{r}"] for r, *_ in TYPED}
    assert typed[17].value == pytest.approx(0.995) and "%" in typed[17].number_format
    assert typed[19].value == 1 and values[f"{TARGET}19"].value == 1
    assert isinstance(typed[20].value, dt.datetime) and typed[20].value.day == 20
    assert typed[21].value == 1150 and typed[22].value == pytest.approx(0.92)


def scores(path: Path) -> tuple[list[object], object, object]:
    book = OpenpyxlFile(path)
    block = book.area("xs_indicators")
    rows = [r[0] for r in book.values(block.sub(0, IND.index("score"), 14, 1))]
    value = lambda name: book.values(book.area(name))[0][0]  # noqa: E731
    return rows, value("xs_total"), value("xs_grade")


def calc_file(path: Path, out: Path) -> Path:
    book = OpenpyxlFile(path)
    calculate(book)
    book.save(out)
    return out


def calc_remote(path: Path, out: Path) -> Path:
    import xlwings as xw

    book = xw.Book(json=payload_from_file(path))
    buttons.calculate(book)
    apply_actions(path, book.json()["actions"], out)
    return out


def test_typed_values_score_as_the_same_text(books, tmp_path):
    text = scores(calc_file(books["text"], tmp_path / "t.xlsm"))
    values = scores(calc_file(books["values"], tmp_path / "v.xlsm"))
    remote = scores(calc_remote(books["values"], tmp_path / "r.xlsm"))
    assert values == text
    assert remote == text
    rows, total, grade = text
    # 99.5% of ≥99% is met; 93% of ≥95% earns 10 × 93/95 = 9.8; 1150 of 1200 earns
    # 10 × 1150/1200 = 9.6; 0.92 against ≥90% is 92%: met
    assert rows[3:9] == [5, 9.8, 5, 5, 9.6, 5]
    assert grade in ("优", "良") and total == pytest.approx(sum(rows) + 8.36)


def test_no_typed_value_is_reported_as_unmet_or_unreadable(books, tmp_path):
    out = calc_file(books["values"], tmp_path / "v.xlsm")
    book = OpenpyxlFile(out)
    block = book.area("xs_indicators")
    messages = [r[0] or "" for r in book.values(block.sub(0, IND.index("message"), 14, 1))]
    assert "无法识别" not in "".join(messages)
    assert "未完成" not in messages[3]  # 99.5% of ≥99%: met
    assert "E1" not in messages[6] and "按99.5%计分" not in messages[3]


class _Cell:
    def __init__(self, sheet, row, col):
        self.sheet, self.row, self.col = sheet, row, col

    @property
    def number_format(self):
        self.sheet.asked.append((self.row, self.col))
        return self.sheet.formats.get((self.row, self.col), "General")

    def options(self, ndim):
        return self

    @property
    def value(self):
        return self.sheet.grid


class _Sheet:
    """The part of an xlwings sheet on Excel that XlwingsBook reads."""

    def __init__(self, grid, formats):
        self.grid, self.formats, self.asked = grid, formats, []

    @property
    def used_range(self):
        class Used:
            last_cell = type("Last", (), {"row": len(self.grid), "column": len(self.grid[0])})

        return Used()

    def range(self, first, last=None):
        return _Cell(self, *first)


def test_excel_hands_over_each_numbers_format():
    from xlsrc.adapters.base import Area
    from xlsrc.adapters.xlwings_book import XlwingsBook
    from xlsrc.domain.values import Typed

    sheet = _Sheet([["≥95%", 0.995, 12, "text"]], {(1, 2): "0.0%", (1, 3): '0"个"'})
    book = XlwingsBook(type("Book", (), {"sheets": {SELF: sheet}})())
    got = book.values(Area(SELF, 1, 1, 1, 4))[0]
    assert got[0] == "≥95%" and got[3] == "text"
    assert isinstance(got[1], Typed) and got[1].number_format == "0.0%"
    assert isinstance(got[2], Typed) and got[2].number_format == '0"个"'
    book.values(Area(SELF, 1, 1, 1, 4))
    assert sorted(sheet.asked) == [(1, 2), (1, 3)]  # numbers only, each once
