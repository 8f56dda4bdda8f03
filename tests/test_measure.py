"""The text measure every printed row is sized by, and the page breaks it places."""

from __future__ import annotations

import pytest

from xlsrc.build import measure


@pytest.mark.parametrize(
    "text, width",
    [
        ("产出指标", 8),  # CJK: two units a character
        ("≥95%", 5),  # ≥ is full width in Chinese fonts; % and digits one unit
        ("“三公”经费", 12),  # curly quotes count wide too
        ("abc 123", 7),
        ("", 0),
    ],
)
def test_text_width_in_character_units(text, width):
    assert measure.text_width(text) == width


def test_text_width_grows_with_the_font():
    assert measure.text_width("一", 12) == pytest.approx(2.4)


@pytest.mark.parametrize(
    "text, width, lines",
    [
        ("一" * 10, 21, 1),  # 20 units of text in 20 usable units
        ("一" * 11, 21, 2),
        ("一" * 30, 22, 3),  # 10 characters a line
        ("一\n二\n三", 22, 3),  # a line per paragraph
        ("一\n\n二", 22, 3),  # an empty paragraph is an empty line
        ("", 22, 1),
        ("一" * 9 + "。", 21, 1),  # the stop fits at the end of the line
        ("一" * 10 + "。", 21, 2),  # ... and never starts one: it takes its character along
        ("一" * 9 + "2024", 21, 2),  # a number is not broken: it moves to the next line
        ("8" * 45, 21, 3),  # a piece longer than a line is broken where it must be
    ],
)
def test_lines_fill_greedily_without_breaking_words(text, width, lines):
    assert measure.lines(text, width) == lines


def test_a_stop_that_would_start_a_line_takes_its_character_along():
    # Ten characters fill a line of 20 usable units; the stop drags the tenth to line two.
    assert measure.lines("一" * 10 + "。" + "一" * 8, 21) == 2


def test_height_is_lines_times_the_line_height_plus_padding():
    assert measure.height("一" * 30, 22) == 3 * 15 + measure.ROW_PADDING
    assert measure.height("一", 22, 16) == 24 + measure.ROW_PADDING


def test_fit_rows_gives_one_row_cells_their_height():
    assert measure.fit_rows([(1, 1, 40.0), (1, 1, 20.0), (2, 2, 10.0)]) == {1: 40.0, 2: 10.0}


def test_fit_rows_spreads_only_what_a_merged_cell_lacks():
    # A label over rows 1-2 needs 60; row 2 already holds a 50-point text box.
    heights = measure.fit_rows([(2, 2, 50.0), (1, 2, 60.0)])
    assert heights == {2: 50.0}  # 15 + 50 ≥ 60: nothing added
    heights = measure.fit_rows([(1, 3, 75.0)])
    assert heights == pytest.approx({1: 25.0, 2: 25.0, 3: 25.0})


def test_fit_rows_keeps_fixed_heights_as_a_minimum():
    assert measure.fit_rows([(1, 1, 19.0)], {1: 30.0, 2: 22.0}) == {1: 30.0, 2: 22.0}


@pytest.mark.parametrize("chars", [1, 7, 8.43, 11, 22, 45, 90])
def test_stored_and_shown_widths_are_inverse(chars):
    assert measure.shown_width(measure.stored_width(chars)) == pytest.approx(chars, abs=0.01)


def test_stored_width_matches_what_excel_writes():
    assert measure.stored_width(7) == 7.7109375


def test_the_self_evaluation_form_prints_at_79_percent():
    """附件2's columns (7 + 11 + 11 + 22 + 14 + 14 + 8 + 8 + 24) on A4 with half-inch margins."""
    assert measure.fit_scale([7, 11, 11, 22, 14, 14, 8, 8, 24], (0.5, 0.5)) == 0.79
    assert measure.fit_scale([10], (0.5, 0.5)) == 1.0


@pytest.mark.parametrize(
    "keep, breaks",
    [
        ([], [3, 6, 9]),
        ([(2, 4, True)], [2, 5, 8]),  # rows 2-4 move to the next page together
        ([(2, 4, False)], [3, 6, 9]),  # weak: moving them would leave 43% of the page empty
        ([(1, 2, False)], [3, 6, 9]),  # the range fits where it is
        ([(0, 9, True)], [3, 6, 9]),  # a range longer than a page cannot be kept
        ([(5, 7, True)], [3, 5, 8]),  # rows 5-7 start the third page together
    ],
)
def test_paginate_keeps_ranges_together_when_they_fit(keep, breaks):
    assert measure.paginate([10.0] * 10, 35, keep) == breaks


def test_a_group_moved_to_the_next_page_takes_the_header_it_is_kept_with():
    # Rows 4-6 (a group) would be cut: they move, and row 3, kept with row 4, goes along.
    keep = [(4, 6, False), (3, 4, True)]
    assert measure.paginate([10.0] * 8, 65, keep, waste=0.5) == [3]
    assert measure.paginate([10.0] * 8, 65, keep[:1], waste=0.5) == [4]


def test_paginate_counts_the_repeated_title_rows_on_following_pages():
    # Row 0 is printed again on top of every page after the first.
    assert measure.paginate([10.0] * 10, 35, repeat=(0, 0)) == [3, 5, 7, 9]


def test_paginate_never_leaves_a_page_without_a_row():
    assert measure.paginate([50.0, 10.0, 60.0], 35) == [1, 2]


@pytest.mark.parametrize("first", [1, 2, 5, 12, 40])
@pytest.mark.parametrize(
    "text",
    [
        "因疫情影响项目延期，正在整改。" * 30,
        "第一段文字较短。\n" + "第二段 mixed text with English words 和中文。" * 8 + "\n第三段",
        "",
        "短",
    ],
)
def test_split_text_fills_the_first_lines_and_keeps_every_character(text, first):
    head, tail = measure.split_text(text, 30, first)
    assert measure.lines(head, 30) <= first
    assert text in (head + tail, head + "\n" + tail)  # at most the newline at the cut is dropped
    if tail:  # the first part is full: one more unit would need another line
        assert measure.lines(text, 30) > first
        assert measure.lines(head, 30) == first or text[len(head)] == "\n"
