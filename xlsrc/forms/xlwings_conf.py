"""xlwings.conf: the settings sheet xlwings' VBA reads (interpreter, PYTHONPATH, UDF modules).

The sheet name and the keys are fixed by xlwings (xlwings.bas GetConfigFromSheet reads
column A from A1 down and stops at the first blank cell).
"""

from __future__ import annotations

from xlsrc.forms.model import COLOR_INPUT, Form, Page, Text

KEY = "xlwings.conf"
SHEET = "xlwings.conf"

KEYS: tuple[tuple[str, str | bool], ...] = (
    ("Interpreter_Win", ""),
    ("Interpreter_Mac", ""),
    ("PYTHONPATH", ""),
    ("Conda Path", ""),
    ("Conda Env", ""),
    ("UDF Modules", "xlsrc.udfs"),
    ("Debug UDFs", False),
    ("Use UDF Server", False),
    ("Show Console", False),
)
NOTE = (
    "以上为 xlwings 的设置（键名从A1起连续排列，不要插入空行）。"
    "Interpreter_Win：pythonw.exe 的完整路径，留空则使用系统中的 python；"
    "用 xlsrc init 新建的工作簿已填好本机的路径。"
)

FORM = Form(
    key=KEY,
    sheet=SHEET,
    title=SHEET,
    widths={"A": 20, "B": 40},
    page=Page(f"A1:B{len(KEYS) + 2}"),
    protected=False,  # settings a technician edits
    elements=(
        *(
            t
            for i, (key, value) in enumerate(KEYS)
            for t in (
                Text(f"A{i + 1}", key),
                # Blank values are the clerk's to fill: unlocked and shaded as inputs.
                Text(f"B{i + 1}", value)
                if value != ""
                else Text(f"B{i + 1}", None, props={"locked": False, "bg_color": COLOR_INPUT}),
            )
        ),
        Text(f"A{len(KEYS) + 2}", NOTE),
    ),
)
