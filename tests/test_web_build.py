"""xlsrc build-web without network: the site's files, the pins, and the sentences when a
download fails or a file is not the pinned one. A fake npm tarball and fake wheels stand in
for the real ones (their pins are patched); the real build runs in test_web_browser.py."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import urllib.error
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

from xlsrc import web
from xlsrc.cli import main

EXTRA = ("pyodide.js.map", "console.html", "pyodide.d.ts", "README.md")


def integrity(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def fake_tarball(names=web.PYODIDE_FILES + EXTRA) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for name in names:
            data = f"// {name}\n".encode()
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


@pytest.fixture
def fakes(tmp_path, monkeypatch):
    """A pinned fake tarball, two pinned fake wheels and a fake wheel for the add-ins (`HOSTS`)
    in a folder; → (tarball, wheels folder)."""
    tarball = tmp_path / "pyodide.tgz"
    tarball.write_bytes(fake_tarball())
    monkeypatch.setattr(web, "PYODIDE_INTEGRITY", integrity(tarball.read_bytes()))
    folder = tmp_path / "wheels"
    folder.mkdir()
    pins = []
    for name in ("alpha", "beta", "gamma"):
        data = f"wheel {name}".encode()
        filename = f"{name}-1.0-py3-none-any.whl"
        (folder / filename).write_bytes(data)
        pins.append(web.Wheel(name, "1.0", filename, hashlib.sha256(data).hexdigest()))
    monkeypatch.setattr(web, "WHEELS", tuple(pins[:2]))
    monkeypatch.setattr(web, "HOSTS", tuple(pins[2:]))
    return tarball, folder


def no_network(url: str) -> bytes:
    raise AssertionError(f"no download expected: {url}")


def test_the_site_holds_the_page_the_pinned_runtime_and_the_wheels(fakes, tmp_path):
    tarball, folder = fakes
    out = tmp_path / "site"
    written = web.build(out, pyodide=tarball, wheels=folder, cache=tmp_path / "c", fetch=no_network)
    names = sorted(p.as_posix() for p in written)
    assert names == sorted(
        [
            "app.js",
            "index.html",
            "site.json",
            "style.css",
            "worker.js",
            *(f"pyodide/{n}" for n in web.PYODIDE_FILES),
            "wheels/alpha-1.0-py3-none-any.whl",
            "wheels/beta-1.0-py3-none-any.whl",
            "wheels/gamma-1.0-py3-none-any.whl",
            f"wheels/{web.XLSRC_WHEEL}",
            *web.HOST_FILES,
            "lite/requirements.txt",
            "wps/jsplugins.xml",
            "wps/publish.xml",
        ]
    )
    on_disk = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert on_disk == names  # source maps, consoles and type stubs stay out
    assert (out / "pyodide" / "pyodide.asm.wasm").read_bytes() == b"// pyodide.asm.wasm\n"
    manifest = json.loads((out / "site.json").read_text(encoding="utf-8"))
    # xlsrc last: its dependencies are on the path before it is imported.
    assert manifest["wheels"] == [
        "alpha-1.0-py3-none-any.whl",
        "beta-1.0-py3-none-any.whl",
        web.XLSRC_WHEEL,
    ]
    assert manifest["hosts"] == ["gamma-1.0-py3-none-any.whl"]  # only when an add-in asks
    assert manifest["pyodide"] == web.PYODIDE_VERSION


def test_the_pins_name_the_files_the_page_loads():
    assert web.PYODIDE_URL.endswith(f"/pyodide-{web.PYODIDE_VERSION}.tgz")
    assert web.PYODIDE_INTEGRITY.startswith("sha512-")
    for wheel in (*web.WHEELS, *web.HOSTS):
        assert wheel.filename.startswith(wheel.name.replace("-", "_") + "-" + wheel.version + "-")
        assert wheel.filename.endswith("-none-any.whl")  # pure Python: runs in Pyodide
        assert len(wheel.sha256) == 64
    worker = (web.STATIC / "worker.js").read_text(encoding="utf-8")
    assert 'from "./pyodide/pyodide.mjs"' in worker
    assert "pyodide.mjs" in web.PYODIDE_FILES
    page = (web.STATIC / "index.html").read_text(encoding="utf-8")
    for name in ("style.css", "app.js"):
        assert f'"{name}"' in page
    # No file of the page names another origin.
    for name in web.PAGE_FILES:
        content = (web.STATIC / name).read_text(encoding="utf-8")
        assert "http://" not in content and "https://" not in content, name


def test_a_tarball_that_is_not_the_pinned_one_is_refused_in_chinese(fakes, tmp_path, capsys):
    _, folder = fakes
    other = tmp_path / "pyodide-314.0.6.tgz"
    other.write_bytes(fake_tarball(("pyodide.js",)))
    code = main(
        ["build-web", str(tmp_path / "site"), "--pyodide", str(other), "--wheels", str(folder)]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert "校验值不符" in err and "pyodide-314.0.6.tgz" in err
    assert web.PYODIDE_INTEGRITY in err
    assert "Traceback" not in err
    assert not (tmp_path / "site").exists()  # nothing written


def test_a_missing_tarball_names_the_file(fakes, tmp_path, capsys):
    _, folder = fakes
    missing = tmp_path / "nowhere.tgz"
    code = main(
        ["build-web", str(tmp_path / "s"), "--pyodide", str(missing), "--wheels", str(folder)]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert "nowhere.tgz" in err and web.PYODIDE_VERSION in err


def test_no_network_says_what_to_do(fakes, tmp_path):
    _, folder = fakes

    def offline(url: str) -> bytes:
        raise urllib.error.URLError("Temporary failure in name resolution")

    with pytest.raises(web.WebBuildError) as told:
        web.build(tmp_path / "s", wheels=folder, cache=tmp_path / "cache", fetch=offline)
    message = str(told.value)
    assert "无法下载Pyodide 压缩包" in message
    assert web.PYODIDE_URL in message
    assert "Temporary failure in name resolution" in message
    assert "--pyodide" in message


def test_a_download_is_checked_then_cached_and_a_bad_cache_replaced(fakes, tmp_path):
    tarball, folder = fakes
    cache = tmp_path / "cache"
    calls = []

    def fetch(url: str) -> bytes:
        calls.append(url)
        return tarball.read_bytes()

    web.build(tmp_path / "a", wheels=folder, cache=cache, fetch=fetch)
    cached = cache / Path(web.PYODIDE_URL).name
    assert cached.read_bytes() == tarball.read_bytes()
    web.build(tmp_path / "b", wheels=folder, cache=cache, fetch=fetch)
    assert calls == [web.PYODIDE_URL]  # the second build used the cache
    cached.write_bytes(b"half a download")
    web.build(tmp_path / "c", wheels=folder, cache=cache, fetch=fetch)
    assert len(calls) == 2
    assert cached.read_bytes() == tarball.read_bytes()


def test_a_download_that_is_not_the_pin_is_neither_used_nor_cached(fakes, tmp_path):
    _, folder = fakes
    cache = tmp_path / "cache"
    with pytest.raises(web.WebBuildError, match="校验值不符"):
        web.build(
            tmp_path / "s", wheels=folder, cache=cache, fetch=lambda url: b"<html>proxy</html>"
        )
    assert not (cache / Path(web.PYODIDE_URL).name).exists()


def test_a_wheel_that_is_not_the_pin_is_refused(fakes, tmp_path):
    tarball, folder = fakes
    (folder / "beta-1.0-py3-none-any.whl").write_bytes(b"tampered")
    with pytest.raises(web.WebBuildError) as told:
        web.build(tmp_path / "s", pyodide=tarball, wheels=folder, cache=tmp_path / "c")
    message = str(told.value)
    assert "安装包" in message and "beta-1.0-py3-none-any.whl" in message
    assert hashlib.sha256(b"tampered").hexdigest() in message


def test_a_wheel_missing_from_the_folder_is_named(fakes, tmp_path):
    tarball, folder = fakes
    (folder / "alpha-1.0-py3-none-any.whl").unlink()
    with pytest.raises(web.WebBuildError, match="中没有 alpha-1.0-py3-none-any.whl"):
        web.build(tmp_path / "s", pyodide=tarball, wheels=folder, cache=tmp_path / "c")


def test_wheels_come_from_pip_once_then_from_the_cache(fakes, tmp_path):
    tarball, folder = fakes
    cache = tmp_path / "cache"
    asked = []

    def pip(wheel: web.Wheel, into: Path) -> Path:
        asked.append(wheel.name)
        target = into / wheel.filename
        target.write_bytes((folder / wheel.filename).read_bytes())
        return target

    web.build(tmp_path / "a", pyodide=tarball, cache=cache, pip_download=pip)
    web.build(tmp_path / "b", pyodide=tarball, cache=cache, pip_download=pip)
    assert asked == ["alpha", "beta", "gamma"]
    assert (tmp_path / "b" / "wheels" / "alpha-1.0-py3-none-any.whl").read_bytes() == b"wheel alpha"


def test_pip_that_brings_other_bytes_is_refused(fakes, tmp_path):
    tarball, _ = fakes

    def pip(wheel: web.Wheel, into: Path) -> Path:
        target = into / wheel.filename
        target.write_bytes(b"something else")
        return target

    with pytest.raises(web.WebBuildError, match="校验值不符"):
        web.build(tmp_path / "s", pyodide=tarball, cache=tmp_path / "c", pip_download=pip)
    assert not list((tmp_path / "c").glob("*.whl"))


@pytest.mark.slow
def test_pip_failing_is_told_in_chinese(tmp_path, monkeypatch):
    """The real `pip download`, asked for a version that cannot exist: pip says no at once."""
    wheel = web.Wheel("defusedxml", "0.0.0.0", "defusedxml-0.0.0.0-py3-none-any.whl", "0" * 64)
    monkeypatch.setenv("PIP_NO_INDEX", "1")  # no index: nothing leaves the machine
    with pytest.raises(web.WebBuildError) as told:
        web._pip_download(wheel, tmp_path)
    message = str(told.value)
    assert message.startswith("无法用 pip 下载 defusedxml-0.0.0.0-py3-none-any.whl：ERROR: ")
    assert "defusedxml==0.0.0.0" in message  # pip's last ERROR line says what it could not find
    assert "--wheels" in message


def test_an_output_that_is_a_file_is_refused(fakes, tmp_path, capsys):
    tarball, folder = fakes
    target = tmp_path / "site.txt"
    target.write_text("x")
    code = main(["build-web", str(target), "--pyodide", str(tarball), "--wheels", str(folder)])
    assert code == 2
    assert "是一个文件" in capsys.readouterr().err


def test_the_cli_prints_where_the_site_is_and_how_to_try_it(fakes, tmp_path, capsys):
    tarball, folder = fakes
    out = tmp_path / "网页"
    assert main(["build-web", str(out), "--pyodide", str(tarball), "--wheels", str(folder)]) == 0
    printed = capsys.readouterr().out
    assert f"已生成网页：{out}" in printed
    assert "python -m http.server" in printed
    assert (out / "index.html").is_file()


def test_the_xlsrc_wheel_is_the_package_and_reproducible():
    first, second = web.xlsrc_wheel(), web.xlsrc_wheel()
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        names = z.namelist()
        record = z.read(f"xlsrc-{web.__version__}.dist-info/RECORD").decode()
        for line in record.splitlines():
            name, digest, size = line.split(",")
            if digest:
                data = z.read(name)
                assert digest == "sha256=" + web._urlsafe_digest(data) and int(size) == len(data)
    package = ROOT / "xlsrc"
    expected = {
        "xlsrc/" + p.relative_to(package).as_posix()
        for p in package.rglob("*")
        if p.is_file()
        and "__pycache__" not in p.parts
        and p.suffix != ".pyc"
        and "static" not in p.relative_to(package).parts
    }
    assert {n for n in names if n.startswith("xlsrc/")} == expected
    assert any(n.startswith("xlsrc/rules/") and n.endswith(".toml") for n in names)
    assert "xlsrc/web/page.py" in names
    assert not [n for n in names if "/static/" in n or n.endswith(".pyc")]


# What Pyodide has: the standard library and the wheels the site ships; nothing else.
PAGE_PATH = """
import importlib.abc, json, os, shutil, sys, tempfile
from pathlib import Path

SHIPPED = {"xlsrc", "openpyxl", "et_xmlfile", "defusedxml", "chinese_calendar"}
if "MUTANT_UNDER_TEST" in os.environ:  # mutation testing's trampolines import it
    SHIPPED.add("mutmut")

class OnlyShipped(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        top = name.split(".")[0]
        if top in sys.stdlib_module_names or top in SHIPPED:
            return None
        raise ImportError(f"not on the page: {name}")

before = set(sys.modules)
sys.meta_path.insert(0, OnlyShipped())
from xlsrc.web import page

folder = Path(tempfile.mkdtemp())
path = folder / "seed000.xlsm"
shutil.copy(sys.argv[1], path)
answers = [page.open_workbook(str(path))]
answers += [page.run(a, str(path)) for a in ("calculate", "check", "report")]
answers.append(page.run("finalize", str(path), force=True))
new = set(sys.modules) - before
tops = sorted({m.split(".")[0] for m in new} - set(sys.stdlib_module_names))
print(json.dumps({"answers": answers, "modules": tops}, ensure_ascii=False))
"""


@pytest.mark.slow
def test_the_pages_path_needs_only_the_shipped_wheels(tmp_path):
    """In a Python that can import only the standard library and the site's wheels, every
    button works: no xlwings, pandas, python-calamine, filelock, numpy or lxml on the way."""
    script = tmp_path / "page_path.py"
    script.write_text(PAGE_PATH, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script), str(ROOT / "workbook" / "examples" / "seed000.xlsm")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
        | {k: v for k, v in os.environ.items() if k == "MUTANT_UNDER_TEST"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert [a["ok"] for a in result["answers"]] == [True] * 5, result["answers"]
    assert result["answers"][1]["total"] == "94.16"
    shipped = {w.filename.split("-")[0] for w in web.WHEELS} | {"xlsrc"}
    assert set(result["modules"]) - {"mutmut"} == shipped


def test_the_cache_follows_xdg_else_home(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert web.cache_dir() == tmp_path / "xdg" / "xlsrc" / "web"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert web.cache_dir() == tmp_path / "home" / ".cache" / "xlsrc" / "web"


def test_the_default_cache_is_used_and_a_nested_folder_made(fakes, tmp_path, monkeypatch):
    tarball, folder = fakes
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    out = tmp_path / "a" / "b"
    web.build(out, wheels=folder, fetch=lambda url: tarball.read_bytes())
    assert (tmp_path / "xdg" / "xlsrc" / "web" / Path(web.PYODIDE_URL).name).is_file()
    assert (out / "pyodide" / "pyodide.mjs").is_file()


def test_the_digest_message_names_both_digests(fakes, tmp_path):
    data = b"not pyodide"
    with pytest.raises(web.WebBuildError) as told:
        web.check_integrity(data, web.PYODIDE_INTEGRITY, "Pyodide 压缩包", "x.tgz")
    assert str(told.value) == web.T.W_BAD_DIGEST.format(
        what="Pyodide 压缩包", name="x.tgz", expected=web.PYODIDE_INTEGRITY, actual=integrity(data)
    )


def test_a_pinned_tarball_without_the_runtime_names_what_it_lacks(tmp_path, monkeypatch):
    tarball = tmp_path / "p.tgz"
    tarball.write_bytes(fake_tarball(("pyodide.js", "pyodide.mjs", "README.md")))
    monkeypatch.setattr(web, "PYODIDE_INTEGRITY", integrity(tarball.read_bytes()))
    with pytest.raises(web.WebBuildError) as told:
        web.pyodide_files(tarball)
    lacks = "、".join(n for n in web.PYODIDE_FILES if n not in ("pyodide.js", "pyodide.mjs"))
    assert str(told.value) == web.T.W_NOT_PYODIDE.format(
        name=tarball, version=web.PYODIDE_VERSION, detail=web.T.W_PYODIDE_LACKS.format(files=lacks)
    )


def _real_wheel(folder: Path, name: str, version: str) -> Path:
    """A minimal valid wheel, so the real pip can fetch it from a local folder."""
    path = folder / f"{name}-{version}-py3-none-any.whl"
    info = f"{name}-{version}.dist-info"
    files = {
        f"{name}/__init__.py": b"",
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n".encode(),
        f"{info}/WHEEL": b"Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = [f"{n},sha256={web._urlsafe_digest(d)},{len(d)}" for n, d in files.items()]
    files[f"{info}/RECORD"] = ("\n".join([*record, f"{info}/RECORD,,"]) + "\n").encode()
    with zipfile.ZipFile(path, "w") as z:
        for n, d in files.items():
            z.writestr(n, d)
    return path


@pytest.mark.slow
def test_the_real_pip_download_fetches_the_pinned_wheel(tmp_path, monkeypatch):
    """`pip download` against a local folder only (no index): nothing leaves the machine."""
    links = tmp_path / "links"
    links.mkdir()
    _real_wheel(links, "xlsrcwebprobe", "1.0")
    _real_wheel(links, "xlsrcwebprobe", "2.0")
    monkeypatch.setenv("PIP_NO_INDEX", "1")
    monkeypatch.setenv("PIP_FIND_LINKS", str(links))
    monkeypatch.setenv("PIP_CONFIG_FILE", os.devnull)
    into = tmp_path / "into"
    into.mkdir()
    wheel = web.Wheel("xlsrcwebprobe", "1.0", "xlsrcwebprobe-1.0-py3-none-any.whl", "0" * 64)
    got = web._pip_download(wheel, into)
    assert got == into / wheel.filename
    assert got.read_bytes() == (links / wheel.filename).read_bytes()
    assert [p.name for p in into.iterdir()] == [wheel.filename]  # the pinned version only
