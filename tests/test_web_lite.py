"""The xlwings Lite add-in `xlsrc build-web` writes (lite/main.py, lite/requirements.txt), run the
way xlwings tests its scripts: `XLWINGS_ON_SERVER=true`, an Office.js payload of the workbook,
`custom_scripts_call(module, name, ...)` (xlwings' tests/test_custom_scripts_call.py). Each
script writes what `xlsrc calc/check/report` write into the same file, with actions only
xlwings' Office.js client implements.

No Excel and no Lite run here: Lite's own client (which builds the payload and applies the
actions in Excel) is stood in for by `remote.payload_from_file(client="Office.js")` and
`remote.apply_actions(client=OFFICEJS_ACTIONS)`.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from conftest import EXAMPLES
from remote import OFFICEJS_ACTIONS, apply_actions, payload_from_file
from test_usecases import all_fills, all_values, input_cells

from xlsrc import web
from xlsrc.adapters.openpyxl_file import OpenpyxlFile
from xlsrc.binding import Binding
from xlsrc.cli import main as cli

ROOT = Path(__file__).resolve().parent.parent
SEEDS = [EXAMPLES / f"seed00{n}.xlsm" for n in (0, 2, 3)]
SCRIPTS = {"calculate": "calc", "check": "check", "report": "report"}
BASE = "https://czj.example.gov.cn/xlsrc/"

# Runs in a fresh Python as xlwings Lite runs main.py: xlwings imported on a "server".
LITE = r"""
import asyncio, importlib.util, json, sys
import xlwings as xw
from xlwings.pro.udfs_officejs import custom_functions_meta, custom_scripts_call, custom_scripts_meta

spec = importlib.util.spec_from_file_location("main", sys.argv[1])
main = importlib.util.module_from_spec(spec)
spec.loader.exec_module(main)
request = json.load(sys.stdin)
out = {"scripts": custom_scripts_meta(main), "functions": custom_functions_meta(main), "runs": {}}
for name in request["scripts"]:
    book = xw.Book(json=request["payload"])
    done = asyncio.run(custom_scripts_call(main, name, typehint_to_value={xw.Book: book}))
    out["runs"][name] = done.json()["actions"]
out["calls"] = [getattr(main, f)(*args) for f, args in request["calls"]]
json.dump(out, sys.stdout, ensure_ascii=False, default=str)
"""


def lite(main_py: Path, payload: dict, scripts=tuple(SCRIPTS), calls=()) -> dict:
    env = {
        **os.environ,
        "XLWINGS_ON_SERVER": "true",
        "XLWINGS_LICENSE_KEY": "noncommercial",
        "PYTHONPATH": str(ROOT),
    }
    request = {"payload": payload, "scripts": list(scripts), "calls": list(calls)}
    done = subprocess.run(
        [sys.executable, "-c", LITE, str(main_py)],
        input=json.dumps(request, ensure_ascii=False, default=str),
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _fake_tarball() -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for name in web.PYODIDE_FILES:
            data = f"// {name}\n".encode()
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def build_offline(out: Path, tmp: Path, monkeypatch, base_url: str | None = BASE) -> Path:
    """The site with a fake runtime and fake pinned wheels: lite/ and wps/ are the real files."""
    import base64

    tarball = tmp / "pyodide.tgz"
    tarball.write_bytes(_fake_tarball())
    digest = base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
    monkeypatch.setattr(web, "PYODIDE_INTEGRITY", f"sha512-{digest}")
    folder = tmp / "wheels"
    folder.mkdir(exist_ok=True)
    pins = []
    for w in (*web.WHEELS, *web.HOSTS):
        data = f"wheel {w.name}".encode()
        (folder / w.filename).write_bytes(data)
        pins.append(web.Wheel(w.name, w.version, w.filename, hashlib.sha256(data).hexdigest()))
    monkeypatch.setattr(web, "WHEELS", tuple(pins[: len(web.WHEELS)]))
    monkeypatch.setattr(web, "HOSTS", tuple(pins[len(web.WHEELS) :]))
    web.build(out, pyodide=tarball, wheels=folder, cache=tmp / "cache", base_url=base_url)
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    mp = pytest.MonkeyPatch()
    try:
        tmp = tmp_path_factory.mktemp("lite")
        return build_offline(tmp / "site", tmp, mp)
    finally:
        mp.undo()


def test_requirements_name_the_sites_own_wheels_by_url(site):
    lines = (site / "lite" / "requirements.txt").read_text(encoding="utf-8").splitlines()
    urls = [line for line in lines if line and not line.startswith("#")]
    manifest = json.loads((site / "site.json").read_text(encoding="utf-8"))
    assert urls == [f"{BASE}wheels/{name}" for name in manifest["wheels"]]
    for url in urls:  # each is a file the bureau's server will serve
        assert (site / url.removeprefix(BASE)).is_file(), url
    assert urls[-1].endswith(web.XLSRC_WHEEL)
    assert not any("xlwings" in u for u in urls)  # Lite brings its own xlwings


def test_without_a_base_url_the_files_say_to_rebuild_with_one(tmp_path, monkeypatch, capsys):
    site = build_offline(tmp_path / "site", tmp_path, monkeypatch, base_url=None)
    requirements = (site / "lite" / "requirements.txt").read_text(encoding="utf-8")
    assert "--base-url" in requirements
    assert "../wheels/" in requirements
    assert "--base-url" in (site / "wps" / "jsplugins.xml").read_text(encoding="utf-8")
    with pytest.raises(web.WebBuildError, match="不是网址"):
        web.site_url("czj.example.gov.cn/xlsrc")
    assert web.site_url("https://czj.example.gov.cn/xlsrc") == BASE


def test_the_cli_passes_the_base_url(tmp_path, monkeypatch):
    seen = {}
    monkeypatch.setattr(web, "build", lambda out, **kw: seen.update(kw))
    assert cli(["build-web", str(tmp_path / "s"), "--base-url", BASE]) == 0
    assert seen["base_url"] == BASE


def test_the_cli_refuses_an_address_that_is_not_one_before_downloading(tmp_path, capsys):
    assert cli(["build-web", str(tmp_path / "s"), "--base-url", "czj/xlsrc"]) == 2
    assert "“czj/xlsrc”不是网址" in capsys.readouterr().err
    assert not (tmp_path / "s").exists()


def test_the_scripts_are_the_buttons_with_chinese_captions(site):
    got = lite(site / "lite" / "main.py", payload_from_file(SEEDS[0], client="Office.js"), ())
    assert [(s["function_name"], s["name"]) for s in got["scripts"]] == sorted(
        [
            ("calculate", "计算得分"),
            ("check", "检查"),
            ("report", "生成报告"),
            ("add_project", "添加项目"),
            ("remove_project", "删除项目"),
        ]
    )
    functions = {f["name"]: f for f in got["functions"]["functions"]}
    assert sorted(functions) == [
        "XS_EXEC_RATE",
        "XS_EXEC_SCORE",
        "XS_GRADE",
        "XS_PARSE",
        "XS_SCORE",
    ]
    assert "得分" in functions["XS_SCORE"]["description"]  # the desktop UDF's own description


def test_the_functions_score_as_the_desktop_udfs(site):
    from xlsrc import udfs

    calls = [
        ("xs_score", ["≥500亿元", "≥429亿元", 10]),
        ("xs_exec_score", [362.83, 303.13, 10]),
        ("xs_exec_rate", [362.83, 303.13]),
        ("xs_grade", [94.16]),
        ("xs_parse", ["≥500亿元"]),
    ]
    got = lite(
        site / "lite" / "main.py", payload_from_file(SEEDS[0], client="Office.js"), (), calls
    )
    assert got["calls"] == [getattr(udfs, f.upper())(*args) for f, args in calls]
    assert got["calls"][:2] == [8.6, 8.36]


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_each_script_writes_what_the_cli_writes(site, seed, tmp_path):
    from xlsrc import usecases

    got = lite(site / "lite" / "main.py", payload_from_file(seed, client="Office.js"))
    before = input_cells(seed)
    for script, command in SCRIPTS.items():
        actions = got["runs"][script]
        # Every action is one xlwings' Office.js client implements (apply_actions checks each).
        assert {a["func"] for a in actions} <= OFFICEJS_ACTIONS
        assert {a["func"] for a in actions} <= {"setValues", "setRangeColor", "alert"}
        in_lite = tmp_path / f"lite-{script}{seed.suffix}"
        alerts = apply_actions(seed, actions, in_lite, client=OFFICEJS_ACTIONS)
        by_cli = tmp_path / f"cli-{script}{seed.suffix}"
        assert cli([command, str(seed), "-o", str(by_cli)]) in (0, 1)
        assert all_values(in_lite) == all_values(by_cli), script
        assert all_fills(in_lite) == all_fills(by_cli), script
        if script != "report":  # 生成报告 fills the report's blank sections, as the CLI does
            assert input_cells(in_lite) == before
        # The clerk is told what the button in Excel tells: the use case's own message.
        copy = tmp_path / f"copy-{script}{seed.suffix}"
        shutil.copy(seed, copy)
        assert alerts == [getattr(usecases, script)(OpenpyxlFile(copy)).message]

    # The totals, grades and findings, named: the same cells as the CLI's.
    scored = Binding(OpenpyxlFile(tmp_path / f"lite-calculate{seed.suffix}"))
    expected = Binding(OpenpyxlFile(tmp_path / f"cli-calculate{seed.suffix}"))
    assert scored.value("form.total") == expected.value("form.total") is not None
    assert scored.value("form.grade") == expected.value("form.grade") is not None
    checked = Binding(OpenpyxlFile(tmp_path / f"lite-check{seed.suffix}"))
    expected = Binding(OpenpyxlFile(tmp_path / f"cli-check{seed.suffix}"))
    assert checked.rows("check") == expected.rows("check")
    assert any(row["message"] for row in checked.rows("check"))


@pytest.mark.slow
def test_what_lites_check_leaves_in_the_workbook_as_printed(site, tmp_path):
    """Lite's pane is xlwings' own; what the clerk sees of xlsrc is the workbook after 检查:
    rendered (LibreOffice → PDF → PNG, into XLSRC_SCREENSHOTS) to be looked at."""
    import lo

    seed = SEEDS[0]
    got = lite(site / "lite" / "main.py", payload_from_file(seed, client="Office.js"), ["check"])
    checked = tmp_path / "lite-check.xlsx"
    apply_actions(seed, got["runs"]["check"], checked, client=OFFICEJS_ACTIONS)
    [pdf] = lo.to_pdf([checked], tmp_path / "pdf", tmp_path / "profile")
    assert "未完成指标值，须填写偏差原因及改进措施" in lo.pdf_text(pdf)
    shots = Path(os.environ.get("XLSRC_SCREENSHOTS") or tmp_path / "shots")
    shots.mkdir(parents=True, exist_ok=True)
    assert lo.to_png(pdf, shots / "lite-check-seed000")


def test_adding_or_removing_a_project_in_lite_says_where_it_is_done(site):
    """Lite's client applies no sheet copy: the scripts tell the clerk so and write nothing."""
    from xlsrc.domain import text as T

    payload = payload_from_file(SEEDS[1], client="Office.js")
    got = lite(site / "lite" / "main.py", payload, ("add_project", "remove_project"))
    for script in ("add_project", "remove_project"):
        [action] = got["runs"][script]
        assert action["func"] == "alert" and action["args"][0] == T.P_NOT_HERE, script
