"""LibreOffice and poppler helpers: look at workbooks the way a spreadsheet program prints them."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path

import tiers

TOOLS = ("soffice", "pdftotext", "pdftoppm")


def missing_tools() -> list[str]:
    return [t for t in TOOLS if shutil.which(t) is None]


def require_tools() -> None:
    """Fail, not skip: CI installs these (apt: libreoffice-calc fonts-noto-cjk poppler-utils).
    Every soffice run starts here, so only a test marked slow may (tests/tiers.py)."""
    tiers.require_slow("LibreOffice")
    missing = missing_tools()
    if missing:
        raise RuntimeError(
            f"missing {', '.join(missing)}; install libreoffice-calc fonts-noto-cjk poppler-utils"
        )


def to_pdf(files: list[Path], outdir: Path, profile: Path, timeout: float = 300) -> list[Path]:
    """Convert all files in one soffice run (its cold start dominates) → the PDFs, same order.

    A private user profile keeps this run apart from any other soffice on the machine.
    """
    return convert_to(files, outdir, profile, "pdf", ".pdf", timeout)


def convert_to(
    files: list[Path], outdir: Path, profile: Path, target: str, suffix: str, timeout: float = 300
) -> list[Path]:
    """LibreOffice's own save of each file as `target` ("pdf", "xls:MS Excel 97", "ods"), in one
    soffice run with a private profile → the files written, named stem + `suffix`, same order."""
    require_tools()
    outdir.mkdir(parents=True, exist_ok=True)
    cmd = [
        "soffice",
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        target,
        "--outdir",
        str(outdir),
        *map(str, files),
    ]
    subprocess.run(cmd, check=True, capture_output=True, timeout=timeout)
    written = [outdir / f"{Path(f).stem}{suffix}" for f in files]
    absent = [p.name for p in written if not p.exists()]
    if absent:
        raise RuntimeError(f"LibreOffice wrote no {', '.join(absent)}")
    return written


def pdf_text(pdf: Path, layout: bool = True) -> str:
    """The PDF's text: laid out as on the page, or (`layout=False`) in drawing order, where a
    wrapped cell's lines follow each other."""
    require_tools()
    return subprocess.run(
        ["pdftotext", *(["-layout"] if layout else []), str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def pdf_pages(pdf: Path, layout: bool = True) -> list[str]:
    """Text per page (pdftotext separates pages with form feeds)."""
    return pdf_text(pdf, layout).split("\f")[:-1]


def pdf_words(pdf: Path) -> list[list[tuple[str, float, float]]]:
    """Per page, every word poppler finds (a run of text without a gap: a wrapped cell's
    lines are separate words) with the top and bottom of its box, in points from the top."""
    import html
    import re

    require_tools()
    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    word = re.compile(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>')
    return [
        [(html.unescape(w), float(top), float(bottom)) for top, bottom, w in word.findall(page)]
        for page in out.split("<page ")[1:]
    ]


def to_png(pdf: Path, prefix: Path, dpi: int = 60) -> list[Path]:
    """One PNG per page, for looking at the layout."""
    require_tools()
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(prefix)], check=True)
    return sorted(prefix.parent.glob(f"{prefix.name}-*.png"))


# ---------------------------------------------------------------- editing as a clerk does
#
# LibreOffice inserts rows and columns the way Excel does: defined names, merged cells,
# data validations and formulas move or grow with them (openpyxl's insert_cols moves
# none of these). No Python-UNO here, so a Basic macro in a private profile reads a
# job file and does the edits; `soffice --headless macro:///…` runs it.

_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub Report(path As String, message As String)
    sfa = createUnoService("com.sun.star.ucb.SimpleFileAccess")
    out = createUnoService("com.sun.star.io.TextOutputStream")
    out.setOutputStream(sfa.openFileWrite(ConvertToURL(path)))
    out.setEncoding("UTF-8")
    out.writeString(message)
    out.closeOutput()
End Sub

Function Props(name As String, value As Variant) As Variant
    Dim p(0) As New com.sun.star.beans.PropertyValue
    p(0).Name = name
    p(0).Value = value
    Props = p()
End Function

Function SaveArgs(filter As String) As Variant
    Dim p(1) As New com.sun.star.beans.PropertyValue
    p(0).Name = "FilterName"
    p(0).Value = filter
    p(1).Name = "Overwrite"
    p(1).Value = True
    SaveArgs = p()
End Function

Sub Edit(jobPath As String, donePath As String)
    On Error Goto Failed
    Dim doc As Object
    Dim line As String
    sfa = createUnoService("com.sun.star.ucb.SimpleFileAccess")
    inp = createUnoService("com.sun.star.io.TextInputStream")
    inp.setInputStream(sfa.openFileRead(ConvertToURL(jobPath)))
    inp.setEncoding("UTF-8")
    Do While Not inp.isEOF()
        line = inp.readLine()
        f = Split(line, Chr(9))
        Select Case f(0)
        Case "open"
            doc = StarDesktop.loadComponentFromURL(ConvertToURL(f(1)), "_blank", 0, Props("Hidden", True))
        Case "cols"
            doc.Sheets.getByName(f(1)).unprotect("")
            doc.Sheets.getByName(f(1)).Columns.insertByIndex(CLng(f(2)), CLng(f(3)))
        Case "rows"
            doc.Sheets.getByName(f(1)).unprotect("")
            doc.Sheets.getByName(f(1)).Rows.insertByIndex(CLng(f(2)), CLng(f(3)))
        Case "text"
            doc.Sheets.getByName(f(1)).getCellRangeByName(f(2)).setString(f(3))
        Case "number"
            doc.Sheets.getByName(f(1)).getCellRangeByName(f(2)).setValue(Val(f(3)))
        Case "type"
            ctrl = doc.getCurrentController()
            ctrl.setActiveSheet(doc.Sheets.getByName(f(1)))
            ctrl.select(doc.Sheets.getByName(f(1)).getCellRangeByName(f(2)))
            disp = createUnoService("com.sun.star.frame.DispatchHelper")
            disp.executeDispatch(ctrl.getFrame(), ".uno:EnterString", "", 0, Props("StringName", f(3)))
        Case "general"
            doc.Sheets.getByName(f(1)).unprotect("")
            doc.Sheets.getByName(f(1)).getCellRangeByName(f(2)).NumberFormat = 0
        Case "save"
            doc.storeToURL(ConvertToURL(f(1)), SaveArgs(f(2)))
            doc.close(True)
        End Select
    Loop
    inp.closeInput()
    Report(donePath, "ok")
    StarDesktop.terminate()
    Exit Sub
Failed:
    Report(donePath, "error " &amp; Err &amp; ": " &amp; Error$ &amp; " at " &amp; line)
    If Not IsNull(doc) And Not IsEmpty(doc) Then doc.close(True)
    StarDesktop.terminate()
End Sub
</script:module>
"""
_FILTERS = {".xlsm": "Calc MS Excel 2007 VBA XML", ".xlsx": "Calc MS Excel 2007 XML"}


def _run_alone(cmd: list[str], timeout: float) -> None:
    """Run soffice in a session of its own; on timeout end that session, not just the launcher."""
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        raise


def _macro_profile(profile: Path, timeout: float) -> str:
    """A private profile whose Standard library holds the editing macro; its -env option."""
    env = f"-env:UserInstallation={profile.resolve().as_uri()}"
    module = profile / "user" / "basic" / "Standard" / "Module1.xba"
    if not module.exists():
        _run_alone(["soffice", env, "--headless", "--norestore", "--terminate_after_init"], timeout)
    module.write_text(_MACRO, encoding="utf-8")
    return env


def edit(
    jobs: list[tuple[Path, Path, list[tuple[object, ...]]]], profile: Path, timeout: float = 120
) -> None:
    """Open each source, apply its steps, save it as the target, all in one soffice run.

    Steps: ("cols", sheet, index0, count) and ("rows", sheet, index0, count) insert before
    the 0-based column/row, as Excel's Insert does; ("text", sheet, "G13", text) and
    ("number", sheet, "G14", 1.5) set a cell's content; ("type", sheet, "G13", "99.5%") types
    into the selected cell as a clerk does, so the cell's format decides what is stored;
    ("general", sheet, "G13:G20") sets cells to the General number format.
    """
    require_tools()
    profile.mkdir(parents=True, exist_ok=True)
    env = _macro_profile(profile, timeout)
    lines = []
    for i, (src, dst, steps) in enumerate(jobs):
        # A copy per job: soffice cannot open the same file twice in one run.
        copy = profile / f"source{i}{Path(src).suffix}"
        shutil.copyfile(src, copy)
        lines.append(f"open\t{copy.resolve()}")
        lines += ["\t".join(str(part) for part in step) for step in steps]
        lines.append(f"save\t{Path(dst).resolve()}\t{_FILTERS[Path(dst).suffix.lower()]}")
    job, done = profile / "job.txt", profile / "done.txt"
    # Every line ends in a tab: the last field a line is split into is never read.
    job.write_text("".join(f"{line}\t\n" for line in lines), encoding="utf-8")
    done.unlink(missing_ok=True)
    url = f'macro:///Standard.Module1.Edit("{job.resolve()}","{done.resolve()}")'
    _run_alone(["soffice", env, "--headless", "--norestore", url], timeout)
    result = done.read_text(encoding="utf-8") if done.exists() else "no result"
    if result != "ok":
        raise RuntimeError(f"LibreOffice could not edit the workbooks: {result}")
