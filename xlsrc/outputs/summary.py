"""The bureau's summary workbook (`xlsrc collect`): every department, ranked, charted, with problems.

Sheets: 汇总 (one row per department in rank order, with data bars on the 总分 and the
number of its projects), 项目汇总 (one row per project of every department), 图表 (the grade distribution and the score distribution as native Excel charts, with the
tables they are drawn from), 问题清单 (every open problem by department and cell) and
未汇总文件 (each file not counted, and why). pandas shapes the tables (ranking, counts,
bands) and XlsxWriter writes them; every text is written as text, never as a formula or a
link, whatever a department typed.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

import pandas as pd
import xlsxwriter

from xlsrc.domain import text as T
from xlsrc.domain.findings import Severity
from xlsrc.domain.rules import Rules
from xlsrc.domain.summary import Entry, Skipped
from xlsrc.errors import InputError
from xlsrc.files import save_atomically

FONT = "宋体"
HEADER_FILL = "#DDEBF7"
# Score bands of the score chart: lower bounds, each 5 points wide above 60.
BANDS = (60, 65, 70, 75, 80, 85, 90, 95)
# Column widths in characters (Excel's unit) by header; others get DEFAULT_WIDTH.
WIDTHS = {
    T.SM_COL_RANK: 5,
    T.SM_COL_UNIT: 30,
    T.SM_COL_YEAR: 6,
    T.SM_COL_GRADE: 5,
    T.SM_COL_UNMET_COUNT: 6,
    T.SM_COL_ERRORS: 6,
    T.SM_COL_DECLARED_GRADE: 5,
    T.SM_COL_FOLLOWS: 6,
    T.SM_COL_DIFFERENCES: 6,
    T.SM_COL_UNMET: 28,
    T.SM_COL_FILE: 24,
    T.SM_COL_SOURCE: 14,
    T.SM_COL_NOTE: 16,
    T.SM_COL_MESSAGE: 60,
    T.SM_COL_REASON: 70,
    T.SM_COL_SHEET: 12,
    T.SM_COL_PROJECTS: 5,
    T.SM_COL_PROJECT: 30,
    T.SM_COL_DEPARTMENT: 20,
    T.SM_COL_PROJECT_BUDGET: 11,
    T.SM_COL_PROJECT_SPENT: 11,
    T.SM_COL_PROBLEMS: 6,
}
DEFAULT_WIDTH = 8
# The 总分's data bar starts at this score: below it (差) no bar, 100 a full one.
DATA_BAR_FROM = 60
# The 图表 sheet's charts end before this column (0-based): its printed page ends there.
CHART_LAST_COLUMN = 13
# Columns the printed 汇总 leaves out: where a row came from matters on screen, not on paper.
UNPRINTED = (T.SM_COL_FILE, T.SM_COL_SOURCE)
UNPRINTED_PROJECT = (T.SM_COL_SHEET, T.SM_COL_FILE)  # the 项目汇总's last columns
SIZE = 10  # the font size, in points
# Wrapped text lines up to this many per row; the rest shows when the cell is selected.
MAX_LINES = 4


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def frame(entries: Sequence[Entry]) -> Any:
    """The 汇总 table: one row per department, ranked by 总分 within its year.

    The newest year first; a total that is not final (待核) gets no rank and comes last;
    equal totals share a rank.
    """
    rows = [
        {
            T.SM_COL_UNIT: e.unit or T.SM_NO_UNIT,
            T.SM_COL_YEAR: e.year,
            T.SM_COL_TOTAL: _float(e.total),
            T.SM_COL_GRADE: e.grade,
            T.SM_COL_RATE: _float(e.budget_rate),
            T.SM_COL_BUDGET: _float(e.budget_score),
            T.SM_COL_OUTPUT: _float(e.subtotals.get(T.CATEGORY_OUTPUT)),
            T.SM_COL_BENEFIT: _float(e.subtotals.get(T.CATEGORY_BENEFIT)),
            T.SM_COL_SATISFACTION: _float(e.subtotals.get(T.CATEGORY_SATISFACTION)),
            T.SM_COL_UNMET_COUNT: len(e.unmet),
            T.SM_COL_UNMET: "、".join(e.unmet),
            T.SM_COL_ERRORS: e.errors,
            T.SM_COL_PROJECTS: len(e.projects),
            T.SM_COL_DECLARED: _float(e.declared_total),
            T.SM_COL_DECLARED_GRADE: e.declared_grade,
            T.SM_COL_FOLLOWS: e.follows,
            T.SM_COL_DIFFERENCES: e.differences,
            T.SM_COL_NOTE: e.pending,
            T.SM_COL_FILE: e.file,
            T.SM_COL_SOURCE: e.source,
        }
        for e in entries
    ]
    df = pd.DataFrame(rows, columns=list(T.SM_SUMMARY_COLUMNS[1:]))
    final = df[T.SM_COL_NOTE] == ""
    ranks = (
        df[final]
        .groupby(T.SM_COL_YEAR, dropna=False)[T.SM_COL_TOTAL]
        .rank(method="min", ascending=False)
    )
    df.insert(0, T.SM_COL_RANK, ranks.astype("Int64"))
    df["_final"] = final
    df = df.sort_values(
        ["_final", T.SM_COL_YEAR, T.SM_COL_TOTAL, T.SM_COL_UNIT],
        ascending=[False, False, False, True],
        na_position="last",
        kind="stable",
    ).drop(columns="_final")
    return df.reset_index(drop=True)


def projects_frame(entries: Sequence[Entry], order: Sequence[str]) -> Any:
    """The 项目汇总 table: every project of every department, departments in the summary's
    order (`order`: their files), each department's projects in tab order."""
    position = {file: i for i, file in enumerate(order)}
    rows = [
        {
            T.SM_COL_UNIT: e.unit or T.SM_NO_UNIT,
            T.SM_COL_PROJECT: p.name or T.SM_NO_PROJECT_NAME,
            T.SM_COL_DEPARTMENT: p.department,
            T.SM_COL_PROJECT_BUDGET: _float(p.budget),
            T.SM_COL_PROJECT_SPENT: _float(p.spent),
            T.SM_COL_PROJECT_RATE: _float(p.rate),
            T.SM_COL_SCORE: _float(p.total),
            T.SM_COL_GRADE: p.grade,
            T.SM_COL_PROBLEMS: p.problems,
            T.SM_COL_SHEET: p.sheet,
            T.SM_COL_FILE: e.file,
            "_at": position.get(e.file, len(position)),
        }
        for e in entries
        for p in e.projects
    ]
    columns = list(T.SM_PROJECT_COLUMNS)
    if not rows:
        return pd.DataFrame(columns=columns)
    df = pd.DataFrame(rows).sort_values("_at", kind="stable")
    return df[columns].reset_index(drop=True)


def grade_counts(df: Any, rules: Rules) -> Any:
    """Departments per 等次, in the rules' order (优 first), 待核 last where there are any."""
    names = [name for _, name in rules.grades]
    counts = df[T.SM_COL_GRADE].value_counts()
    extra = [g for g in counts.index if g not in names]
    order = names + sorted(extra)
    return pd.DataFrame(
        {T.SM_COL_GRADE: order, T.SM_COL_COUNT: [int(counts.get(g, 0)) for g in order]}
    )


def band_counts(df: Any) -> Any:
    """Departments per score band of 5 points (below 60 as one band); 待核 totals left out."""
    scored = df.loc[df[T.SM_COL_NOTE] == "", T.SM_COL_TOTAL].dropna()
    edges = [float("-inf"), *BANDS, float("inf")]
    labels = [T.SM_BAND_BELOW.format(low=BANDS[0])]
    labels += [T.SM_BAND.format(low=lo, high=hi) for lo, hi in zip(BANDS, BANDS[1:], strict=False)]
    labels += [T.SM_BAND_TOP.format(low=BANDS[-1])]
    bands = pd.cut(scored, edges, right=False, labels=labels)
    counts = bands.value_counts().reindex(labels, fill_value=0)
    return pd.DataFrame({T.SM_COL_BAND: labels, T.SM_COL_COUNT: [int(c) for c in counts]})


def problems_frame(entries: Sequence[Entry], order: Sequence[str]) -> Any:
    """Every error and warning, by department in the summary's order, errors first."""
    position = {file: i for i, file in enumerate(order)}
    rows = [
        {
            T.SM_COL_UNIT: e.unit or T.SM_NO_UNIT,
            T.SM_COL_FILE: e.file,
            T.SM_COL_SHEET: i.sheet,
            T.SM_COL_CELL: i.cell,
            T.SM_COL_CODE: i.code,
            T.SM_COL_SEVERITY: i.severity.value,
            T.SM_COL_MESSAGE: i.message,
            "_at": position.get(e.file, len(position)),
            "_err": i.severity is not Severity.ERROR,
        }
        for e in entries
        for i in e.issues
    ]
    columns = list(T.SM_PROBLEM_COLUMNS)
    if not rows:
        return pd.DataFrame(columns=columns)
    df = pd.DataFrame(rows).sort_values(["_at", "_err"], kind="stable")
    return df[columns].reset_index(drop=True)


def skipped_frame(skipped: Sequence[Skipped]) -> Any:
    return pd.DataFrame(
        [{T.SM_COL_FILE: s.file, T.SM_COL_REASON: s.reason} for s in skipped],
        columns=list(T.SM_SKIPPED_COLUMNS),
    )


class _Sheet:
    """Writes one table with a title, notes and a header in the summary's formats."""

    def __init__(self, formats: dict[str, Any]) -> None:
        self.f = formats

    def table(
        self, ws: Any, df: Any, title: str, notes: Sequence[str], filtered: bool = False
    ) -> int:
        """The title, notes, header and rows (with an autofilter if `filtered`); the header's row."""
        columns = list(df.columns)
        widths = [WIDTHS.get(name, DEFAULT_WIDTH) for name in columns]
        if len(columns) > 1:
            ws.merge_range(0, 0, 0, len(columns) - 1, title, self.f["title"])
        else:
            ws.write(0, 0, title, self.f["title"])
        for row, note in enumerate(notes, start=1):
            ws.write_string(row, 0, note, self.f["note"])
        header = len(notes) + 1
        for j, (name, width) in enumerate(zip(columns, widths, strict=True)):
            ws.write_string(header, j, name, self.f["header"])
            ws.set_column(j, j, width)
        ws.set_row(header, _height(columns, widths))
        for i, values in enumerate(df.itertuples(index=False), start=header + 1):
            for j, (name, value) in enumerate(zip(columns, values, strict=True)):
                self.cell(ws, i, j, name, value)
            ws.set_row(i, _height([v if isinstance(v, str) else "" for v in values], widths))
        if filtered and len(df):
            ws.autofilter(header, 0, header + len(df), len(columns) - 1)
        return header

    def counts(self, ws: Any, top: int, df: Any) -> None:
        """A two-column table (a label, a count) with its header at row `top`."""
        for j, name in enumerate(df.columns):
            ws.write_string(top, j, name, self.f["header"])
        for i, (label, count) in enumerate(df.itertuples(index=False), start=top + 1):
            ws.write_string(i, 0, label, self.f["text"])
            ws.write_number(i, 1, count, self.f["integer"])

    def cell(self, ws: Any, r: int, c: int, name: str, value: Any) -> None:
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            ws.write_blank(r, c, None, self.f["text"])
        elif isinstance(value, str):
            ws.write_string(r, c, value, self.f["wrap"])
        elif name in (T.SM_COL_RATE, T.SM_COL_PROJECT_RATE):
            ws.write_number(r, c, float(value), self.f["percent"])
        elif (
            isinstance(value, float) and not float(value).is_integer() or name in T.SM_SCORE_COLUMNS
        ):
            ws.write_number(r, c, float(value), self.f["score"])
        else:
            ws.write_number(r, c, float(value), self.f["integer"])


def _height(texts: Sequence[str], widths: Sequence[float]) -> float:
    """Points a row needs for its wrapped texts (at most `MAX_LINES` lines)."""
    from xlsrc.build import measure

    lines = max((_lines(t, w) for t, w in zip(texts, widths, strict=True) if t), default=1)
    return measure.points(max(lines, 1), SIZE)


@functools.lru_cache(maxsize=4096)
def _lines(text: str, width: float) -> int:
    """Lines of a wrapped cell (at most `MAX_LINES`); the same message recurs across departments."""
    from xlsrc.build import measure

    if (
        "\n" not in text
        and len(text) * measure.char_width("一", SIZE) <= width - measure.CELL_PADDING
    ):
        return 1  # fits even if every character is as wide as a Chinese one
    return min(measure.lines(text, width, SIZE), MAX_LINES)


def _formats(book: Any) -> dict[str, Any]:
    base = {"font_name": FONT, "font_size": SIZE, "valign": "vcenter"}
    cell = {**base, "border": 1}
    return {
        "title": book.add_format({**base, "bold": True, "font_size": 14, "align": "center"}),
        "note": book.add_format({**base, "font_size": 9}),
        "header": book.add_format(
            {**cell, "bold": True, "bg_color": HEADER_FILL, "align": "center", "text_wrap": True}
        ),
        "text": book.add_format(cell),
        "wrap": book.add_format({**cell, "text_wrap": True}),
        "score": book.add_format({**cell, "num_format": "0.00"}),
        "percent": book.add_format({**cell, "num_format": "0.00%"}),
        "integer": book.add_format({**cell, "num_format": "0"}),
    }


def _print_setup(ws: Any, header: int, columns: int) -> None:
    ws.set_paper(9)  # A4
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(header)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.set_footer("&C第 &P 页，共 &N 页")
    ws.freeze_panes(header + 1, 0)
    ws.print_area(0, 0, max(header, ws.dim_rowmax or 0), max(columns - 1, 0))


def _years(entries: Sequence[Entry]) -> str:
    years = sorted({e.year for e in entries if e.year is not None})
    return "、".join(str(y) for y in years)


def write_summary(
    target: Path,
    entries: Sequence[Entry],
    skipped: Sequence[Skipped],
    files: int,
    rules: Rules,
    today: dt.date | None = None,
) -> Path:
    """Write the summary workbook as `target` (.xlsx), atomically."""
    if target.suffix.lower() != ".xlsx":
        raise InputError(T.SM_OUTPUT_SUFFIX.format(name=target.name))
    today = today or dt.date.today()
    df = frame(entries)
    grades = grade_counts(df, rules)
    bands = band_counts(df)
    problems = problems_frame(entries, list(df[T.SM_COL_FILE]))
    projects = projects_frame(entries, list(df[T.SM_COL_FILE]))
    skipped_df = skipped_frame(skipped)

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer,
        {
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "in_memory": True,
        },
    )
    book.set_properties({"title": T.SM_TITLE_PLAIN, "creator": "xlsrc"})
    f = _formats(book)
    sheet = _Sheet(f)
    years = _years(entries)
    title = T.SM_TITLE.format(years=years) if years else T.SM_TITLE_PLAIN
    counted = T.SM_COUNTS.format(
        files=files, units=len(entries), skipped=len(skipped), date=today.isoformat()
    )

    ws = book.add_worksheet(T.SM_SHEET_SUMMARY)
    header = sheet.table(ws, df, title, [counted, T.SM_SUMMARY_NOTE], filtered=True)
    if len(df):
        col = list(df.columns).index(T.SM_COL_TOTAL)
        ws.conditional_format(
            header + 1,
            col,
            header + len(df),
            col,
            {
                "type": "data_bar",
                "bar_color": "#9BC2E6",
                "bar_solid": True,
                "min_type": "num",
                "min_value": DATA_BAR_FROM,
                "max_type": "num",
                "max_value": 100,
            },
        )
    _print_setup(ws, header, len(df.columns) - len(UNPRINTED))

    wj = book.add_worksheet(T.SM_SHEET_PROJECTS)
    units = len({e.file for e in entries if e.projects})
    notes = [T.SM_PROJECTS_COUNT.format(units=units, projects=len(projects)), T.SM_PROJECTS_NOTE]
    project_title = T.SM_PROJECTS_TITLE.format(years=years) if years else T.SM_PROJECTS_TITLE_PLAIN
    header = sheet.table(wj, projects, project_title, notes, filtered=True)
    _print_setup(wj, header, len(projects.columns) - len(UNPRINTED_PROJECT))

    wc = book.add_worksheet(T.SM_SHEET_CHARTS)
    wc.merge_range(0, 0, 0, CHART_LAST_COLUMN, title, f["title"])
    wc.write_string(1, 0, counted, f["note"])
    top = 3
    band_top = top + len(grades) + 2
    sheet.counts(wc, top, grades)
    sheet.counts(wc, band_top, bands)
    wc.set_column(0, 0, 12)
    wc.set_column(1, 1, 8)
    name = T.SM_SHEET_CHARTS
    for chart_title, first, rows, anchor in (
        (T.SM_CHART_GRADES, top, len(grades), "D4"),
        (T.SM_CHART_BANDS, band_top, len(bands), "D22"),
    ):
        chart = book.add_chart({"type": "column"})
        chart.add_series(
            {
                "name": chart_title,
                "categories": [name, first + 1, 0, first + rows, 0],
                "values": [name, first + 1, 1, first + rows, 1],
                "data_labels": {"value": True},
                "fill": {"color": "#5B9BD5"},
                "gap": 60,
            }
        )
        chart.set_title({"name": chart_title, "name_font": {"name": FONT, "size": 12}})
        chart.set_legend({"none": True})
        chart.set_x_axis({"num_font": {"name": FONT, "size": 9}})
        chart.set_y_axis(
            {
                "name": T.SM_COL_COUNT,
                "name_font": {"name": FONT, "size": 9},
                "num_font": {"name": FONT, "size": 9},
                "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}},
                "min": 0,
            }
        )
        chart.set_size({"width": 600, "height": 320})
        wc.insert_chart(anchor, chart)
    wc.set_paper(9)
    wc.set_portrait()
    wc.fit_to_pages(1, 1)
    wc.print_area(0, 0, 38, CHART_LAST_COLUMN)

    wp = book.add_worksheet(T.SM_SHEET_PROBLEMS)
    header = sheet.table(wp, problems, T.SM_PROBLEMS_TITLE, [T.SM_PROBLEMS_NOTE], filtered=True)
    _print_setup(wp, header, len(problems.columns))

    wsk = book.add_worksheet(T.SM_SHEET_SKIPPED)
    header = sheet.table(wsk, skipped_df, T.SM_SKIPPED_TITLE, [T.SM_SKIPPED_NOTE])
    _print_setup(wsk, header, len(skipped_df.columns))
    book.close()
    data = buffer.getvalue()

    def write(out: BinaryIO) -> None:
        out.write(data)

    return save_atomically(target, write)
