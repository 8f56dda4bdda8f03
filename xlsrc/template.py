"""The template workbook as installed: where it is, and a fresh copy set up for this computer.

A wheel carries the template as package data (`xlsrc/workbook/template.xlsm`, copied there by
setup.py at build time); a checkout uses its own `workbook/template.xlsm`, the one
`xlsrc build-template` writes.
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

from xlsrc.domain import text as T
from xlsrc.errors import InputError

NAME = "template.xlsm"


def default_template() -> Path:
    """The checkout's workbook/template.xlsm when xlsrc runs from one, else the packaged copy."""
    checkout = Path(__file__).resolve().parents[1] / "workbook" / NAME
    if checkout.exists():
        return checkout
    return Path(str(resources.files("xlsrc") / "workbook" / NAME))


def interpreter(platform: str | None = None, executable: str | None = None) -> dict[str, str]:
    """The xlwings.conf keys to fill for this Python: Interpreter_Win (pythonw.exe, so no console
    window opens at each click) or Interpreter_Mac; none on other systems (no Excel there)."""
    platform = platform or sys.platform
    executable = executable or sys.executable
    if platform.startswith("win"):
        python = Path(executable)
        pythonw = python.with_name("pythonw.exe")
        return {"Interpreter_Win": str(pythonw if pythonw.exists() else python)}
    if platform == "darwin":
        return {"Interpreter_Mac": executable}
    return {}


def source_folder() -> str | None:
    """The folder to put on PYTHONPATH when xlsrc runs from a checkout, not an installed package."""
    package = Path(__file__).resolve().parent
    if any(part in ("site-packages", "dist-packages") for part in package.parts):
        return None
    return str(package.parent)


def init(target: Path, platform: str | None = None, executable: str | None = None) -> list[str]:
    """Copy a fresh template to `target` with this computer's Python filled in its xlwings.conf
    sheet; what to tell the clerk. An existing file is never overwritten."""
    from xlsrc.adapters.base import Area
    from xlsrc.adapters.openpyxl_file import OpenpyxlFile
    from xlsrc.forms import xlwings_conf

    if target.suffix.lower() != ".xlsm":
        raise InputError(T.I_SUFFIX.format(name=target.name))
    if target.exists():
        raise InputError(T.I_EXISTS.format(path=target))
    template = default_template()
    if not template.exists():
        raise InputError(T.I_NO_TEMPLATE.format(path=template))
    book = OpenpyxlFile(template)
    settings = interpreter(platform, executable)
    folder = source_folder()
    if folder:
        settings["PYTHONPATH"] = folder
    rows = {key: i for i, (key, _) in enumerate(xlwings_conf.KEYS, start=1)}
    for key, value in settings.items():
        book.write(Area(xlwings_conf.SHEET, rows[key], 2), [[value]])
    saved = book.save(target)
    told = [T.I_WRITTEN.format(path=saved)]
    told += [
        T.I_SETTING.format(key=k, value=v, sheet=xlwings_conf.SHEET) for k, v in settings.items()
    ]
    if not interpreter(platform, executable):
        told.append(T.I_NO_EXCEL)
    return told
