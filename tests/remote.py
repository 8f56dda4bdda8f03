"""Test support: drive the buttons through xlwings' remote engine as the VBA client would.

`payload_from_file` builds the JSON that xlwings' VBA client (Remote.bas,
RunRemotePython) sends: each worksheet's values from A1 to the last used cell
(empty → null, dates → ISO text) and the defined names that refer to a range.
`apply_actions` plays the returned actions back onto the file with openpyxl,
accepting only actions the VBA client implements (or, with `client=OFFICEJS_ACTIONS`, those
xlwings' Office.js client implements: the client of xlwings Lite and xlwings Server).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import openpyxl
from openpyxl.styles import PatternFill

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

# Every Sub of xlwings' Remote.bas that applies an action (xlwings 0.37.8).
VBA_ACTIONS = frozenset(
    "activateSheet addHyperlink addPicture addSheet addTable alert copyRange deletePicture nameDelete "
    "namesAdd rangeClear rangeClearContents rangeClearFormats rangeDelete rangeInsert rangeSelect "
    "resizeTable runMacro setAutofit setNumberFormat setPictureHeight setPictureName setPictureWidth "
    "setRangeColor setRangeName setSheetName setTableName setTableStyle setValues sheetClear "
    "sheetClearContents sheetClearFormats sheetDelete showAutofilterTable showHeadersTable "
    "showTotalsTable updatePicture".split()
)

# The actions of the Office.js client's `funcs` map (xlwings-server,
# xlwings_server/static/js/custom-scripts/index.js, the `let funcs = {...}` it dispatches on).
OFFICEJS_ACTIONS = frozenset(
    "setValues addSheet setSheetName setAutofit setRangeColor activateSheet addHyperlink "
    "setNumberFormat setPictureName setPictureWidth setPictureHeight deletePicture addPicture "
    "updatePicture alert setRangeName namesAdd nameDelete runMacro rangeDelete rangeInsert "
    "rangeSelect rangeClearContents rangeClearFormats rangeGroup rangeUngroup rangeClear "
    "rangeAdjustIndent addTable setTableName resizeTable showAutofilterTable showHeadersTable "
    "showTotalsTable setTableStyle copyRange copyFromRange sheetDelete sheetClear "
    "sheetClearFormats sheetClearContents freezePaneAtRange freezePaneUnfreeze "
    "setFontProperty".split()
)


def _json_value(v: object) -> object:
    if isinstance(v, dt.datetime):
        return v.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if isinstance(v, dt.date):
        return dt.datetime(v.year, v.month, v.day).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    return str(v)


def _sheet_prefix(sheet: str) -> str:
    """A sheet name as Excel writes it before "!": quoted unless letters, digits, _ and ."""
    return sheet if re.fullmatch(r"[^\W\d][\w.]*", sheet) else "'" + sheet.replace("'", "''") + "'"


def payload_from_file(
    path: Path, selection: str = "A1", client: str = "VBA", formats: bool = False
) -> dict:
    """The book as xlwings' VBA client sends it, or as its Office.js client does
    (`client="Office.js"`: empty cells are "", as Excel's `range.values` gives them); with
    `formats`, each sheet's `number_formats` beside its values, as the WPS add-in sends them."""
    import xlwings

    empty = "" if client == "Office.js" else None

    wb = openpyxl.load_workbook(path, data_only=True)
    names = []
    scopes = [(None, wb.defined_names)] + [(ws.title, ws.defined_names) for ws in wb.worksheets]
    for scope, defined_names in scopes:
        for name, defined in defined_names.items():
            dests = list(defined.destinations)
            # Remote.bas sends a name only if its RefersToRange works: never one that is #REF!,
            # points to no sheet, or has areas on several sheets; areas on one sheet are one
            # address "A1:B2,D1".
            sheets = {sheet for sheet, _ in dests}
            refs = [ref for _, ref in dests]
            if len(sheets) != 1 or not sheets <= set(wb.sheetnames) or not all(refs):
                continue
            names.append(
                {
                    # Excel's Name.Name of a sheet-scoped name: "自评表!xs_indicators".
                    "name": name if scope is None else f"{_sheet_prefix(scope)}!{name}",
                    "sheet_index": wb.sheetnames.index(dests[0][0]),
                    "address": ",".join(refs).replace("$", ""),
                    "book_scope": scope is None,
                    "scope_sheet_name": scope,
                    "scope_sheet_index": None if scope is None else wb.sheetnames.index(scope),
                }
            )
    sheets = []
    for ws in wb.worksheets:
        if ws.max_row == 1 and ws.max_column == 1 and ws["A1"].value is None:
            values: list = [[]]
        else:
            values = [
                [empty if v is None else _json_value(v) for v in row]
                for row in ws.iter_rows(1, ws.max_row, 1, ws.max_column, values_only=True)
            ]
        sheet = {"name": ws.title, "pictures": [], "tables": [], "values": values}
        if formats:
            styled = openpyxl.load_workbook(path)[ws.title]
            sheet["number_formats"] = [
                [c.number_format if isinstance(c.value, (int, float)) else None for c in row]
                for row in styled.iter_rows(1, len(values), 1, len(values[0]) or 1)
            ]
        sheets.append(sheet)
    return {
        "client": client,
        "version": xlwings.__version__,
        "book": {
            "name": Path(path).name,
            "active_sheet_index": wb.sheetnames.index(wb.active.title),
            "selection": selection,
        },
        "names": names,
        "sheets": sheets,
    }


def remote_book(path: Path):
    import xlwings as xw

    return xw.Book(json=payload_from_file(path))


def apply_actions(
    path: Path, actions: list[dict], out: Path, client: frozenset[str] = VBA_ACTIONS
) -> list[str]:
    """Apply setValues / setRangeColor onto a copy of the file; returns the alert texts."""
    keep_vba = Path(path).suffix.lower() == ".xlsm"
    wb = openpyxl.load_workbook(path, keep_vba=keep_vba)
    alerts: list[str] = []
    for action in actions:
        func = action["func"]
        assert func in client, f"the client cannot run {func}"
        if func == "alert":
            alerts.append(action["args"][0])
            continue
        ws = wb.worksheets[action["sheet_position"]]
        r0, c0 = action["start_row"] + 1, action["start_column"] + 1
        if func == "setValues":
            for i, line in enumerate(action["values"]):
                for j, v in enumerate(line):
                    cell = ws.cell(r0 + i, c0 + j)
                    if v == "":
                        cell.value = None
                    elif isinstance(v, str) and v.startswith("'"):
                        cell.value = v[1:]  # Excel's text prefix: stored as text
                        cell.data_type = "s"
                    else:
                        assert not (isinstance(v, str) and v.startswith("=")), (
                            f"formula written: {v}"
                        )
                        cell.value = v
        elif func == "setRangeColor":
            color = action["args"][0].lstrip("#").upper()
            for i in range(action["row_count"]):
                for j in range(action["column_count"]):
                    ws.cell(r0 + i, c0 + j).fill = PatternFill(fill_type="solid", fgColor=color)
        else:
            raise AssertionError(f"unexpected action {func}")
    wb.save(out)
    return alerts
