"""xlsrc installed like any package: the wheel carries the template; `import` and `init` work
from any folder, outside the checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import EXAMPLES

from xlsrc import template
from xlsrc.cli import main as cli

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    "platform, key",
    [("win32", "Interpreter_Win"), ("darwin", "Interpreter_Mac"), ("linux", None)],
)
def test_init_fills_this_computers_python(tmp_path, capsys, monkeypatch, platform, key):
    real = template.interpreter
    monkeypatch.setattr(template, "interpreter", lambda *a: real(platform, sys.executable))
    monkeypatch.chdir(tmp_path)
    assert cli(["init"]) == 0
    out = capsys.readouterr().out
    conf = openpyxl.load_workbook(tmp_path / "部门整体支出绩效自评.xlsm")["xlwings.conf"]
    values = {conf.cell(r, 1).value: conf.cell(r, 2).value for r in range(1, 10)}
    filled = {k for k in ("Interpreter_Win", "Interpreter_Mac") if values[k]}
    assert filled == ({key} if key else set())
    if key:
        assert Path(values[key]).name.startswith("python") and values[key] in out
    else:
        assert "没有填写 Python 路径" in out
    assert values["PYTHONPATH"] == str(ROOT)  # run from this checkout, not installed
    assert values["UDF Modules"] == "xlsrc.udfs"  # the template's own settings stay


def test_init_never_overwrites_and_wants_a_macro_workbook(tmp_path, capsys):
    existing = tmp_path / "单位.xlsm"
    existing.write_bytes(b"mine")
    assert cli(["init", str(existing)]) == 2
    assert "已存在，未覆盖" in capsys.readouterr().err and existing.read_bytes() == b"mine"
    assert cli(["init", str(tmp_path / "单位.xlsx")]) == 2
    assert ".xlsm" in capsys.readouterr().err


def test_windows_prefers_pythonw_beside_python(tmp_path):
    (tmp_path / "python.exe").write_bytes(b"")
    assert template.interpreter("win32", str(tmp_path / "python.exe")) == {
        "Interpreter_Win": str(tmp_path / "python.exe")
    }
    (tmp_path / "pythonw.exe").write_bytes(b"")
    assert template.interpreter("win32", str(tmp_path / "python.exe")) == {
        "Interpreter_Win": str(tmp_path / "pythonw.exe")
    }


@pytest.mark.slow
def test_the_wheel_carries_the_template_and_works_outside_the_checkout(tmp_path):
    # built from a copy of what a source distribution holds: the build leaves the checkout alone
    source = tmp_path / "source"
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md"):
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "xlsrc", source / "xlsrc", ignore=shutil.ignore_patterns("__pycache__"))
    (source / "workbook").mkdir()
    shutil.copy(ROOT / "workbook" / "template.xlsm", source / "workbook" / "template.xlsm")
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", str(source), "-w", str(dist)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (wheel,) = dist.glob("xlsrc-*.whl")
    with zipfile.ZipFile(wheel) as z:
        packaged = z.read("xlsrc/workbook/template.xlsm")
    assert packaged == (ROOT / "workbook" / "template.xlsm").read_bytes()
    # A fresh environment that sees this one's dependencies (openpyxl, calamine…) but not its
    # xlsrc: a path line in a .pth adds the folder without running the editable install's hook.
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # no checkout on the path
    subprocess.run(
        [bin_dir / "python", "-m", "pip", "install", "-q", "--no-deps", "--no-index", wheel],
        env=env,
        check=True,
        capture_output=True,
        timeout=600,
    )
    # after the install: pip would take this environment's editable xlsrc for installed
    site = subprocess.run(
        [bin_dir / "python", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(site, "deps.pth").write_text("\n".join(sorted(deps)) + "\n")
    work = tmp_path / "某单位"
    work.mkdir()
    shutil.copy(EXAMPLES / "seed002.xlsm", work / "表.xlsm")

    def xlsrc(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(bin_dir / "xlsrc"), *args],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    where = subprocess.run(
        [bin_dir / "python", "-c", "import xlsrc; print(xlsrc.__file__)"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert str(venv) in where  # the installed copy, not this checkout
    done = xlsrc("import", "表.xlsm", "-o", "导入.xlsm")
    assert done.returncode == 0, done.stderr
    assert (work / "导入.xlsm").exists()
    made = xlsrc("init", "新.xlsm")
    assert made.returncode == 0, made.stderr
    conf = openpyxl.load_workbook(work / "新.xlsm")["xlwings.conf"]
    assert conf["B3"].value is None  # installed: nothing to put on PYTHONPATH
