"""domain/controls.py: Excel's _xHHHH_ escapes, and control characters kept off documents and
terminals (ECMA-376 Part 1, 22.9.2.19 ST_Xstring)."""

import pytest

from xlsrc.domain.controls import as_stored, decoded, for_document, for_terminal


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("_x0041_", "A"),
        ("_x00e9_", "é"),  # hex digits in either case
        ("a_x000D_b", "a\rb"),
        ("_x005F_x0041_", "_x0041_"),  # the escaped underscore keeps a literal escape
        ("_x41_", "_x41_"),  # four digits or it is no escape
        ("x0041", "x0041"),
        ("报表_x000A_第二行", "报表\n第二行"),
    ],
)
def test_escapes_are_decoded_as_excel_shows_them(stored, shown):
    assert decoded(stored) == shown


@pytest.mark.parametrize("text", ["_x0041_", "a_x000D_b", "plain", "_x005F_"])
def test_what_is_stored_decodes_back_to_the_text(text):
    assert decoded(as_stored(text)) == text


def test_as_stored_escapes_only_escape_lookalikes():
    assert as_stored("_x0041_ and _x12_") == "_x005F_x0041_ and _x12_"


def test_a_document_keeps_tabs_and_line_breaks_and_drops_what_no_reader_sees():
    assert for_document("a\x07b\tc\r\nd\re\ufffef\uffff\x7f\x85\x00g") == "ab\tc\nd\nefg"
    assert for_document("第一行\n第二行") == "第一行\n第二行"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("\x1b[2J清屏", "_x001B_[2J清屏"),
        ("\x1b]0;title\x07", "_x001B_]0;title_x0007_"),
        ("覆盖\r前文", "覆盖_x000D_前文"),
        ("\u202eabc", "_x202E_abc"),  # right-to-left override
        ("\u2066x\u2069", "_x2066_x_x2069_"),  # isolates
        ("\x7f\x9b", "_x007F__x009B_"),
        ("a\tb\nc", "a\tb\nc"),  # tab and line feed act as they should
    ],
)
def test_a_terminal_sees_each_control_character_as_its_escape(text, line):
    assert for_terminal(text) == line
