"""Build the static site that runs xlsrc in the browser: the page, Pyodide, and the wheels.

The site is plain files any static web server can host (a bureau's intranet, or
`python -m http.server`). Everything the page loads comes from the site's own origin: the
Pyodide distribution (the npm `pyodide` package, pinned by version and sha512 integrity),
the pure-Python wheels xlsrc needs on the page's path (pinned by version and sha256), and a
wheel of xlsrc zipped from this package. The page never needs xlwings, python-calamine or
pandas: only `usecases` over `OpenpyxlFile` and the `.xlsx` 定稿 run there.

The site also carries the buttons for inside the spreadsheet programs (`xlsrc.web.hosts`):
`lite/` for xlwings Lite (`main.py` and a `requirements.txt` naming the site's wheels by
URL) and `wps/`, a WPS加载项 (`ribbon.xml`, `main.js`, `taskpane.html`, and `jsplugins.xml` /
`publish.xml` naming the add-in's URL). Both need the address the site is served from
(`base_url`); the WPS add-in's pane loads the same worker, plus the xlwings wheel (`HOSTS`)
the first time it sends a book.

Downloads go through the ordinary clients (the npm registry's tarball over HTTPS, `pip
download` for wheels) into a cache (`$XDG_CACHE_HOME/xlsrc/web`, else `~/.cache/xlsrc/web`);
a machine without network passes `--pyodide FILE.tgz` and `--wheels FOLDER` instead. A file
whose digest differs from the pin is never used.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from xlsrc import __version__
from xlsrc.domain import text as T
from xlsrc.errors import XlsrcError

PYODIDE_VERSION = "314.0.7"
PYODIDE_URL = f"https://registry.npmjs.org/pyodide/-/pyodide-{PYODIDE_VERSION}.tgz"
# `npm view pyodide@314.0.7 dist.integrity`
PYODIDE_INTEGRITY = "sha512-0YvXxEhfEdpLfb/XkM2BFAeMROq0iMUX2bzzH9pOttyMcWkwq+HbE5uyuGD82LN7y2q+SNvi/6V5JEsOlD2R1A=="
# What the page loads of the distribution: the loader, the runtime, the standard library and
# the lock file loadPyodide reads at start. Source maps, consoles and type stubs stay out.
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.js",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
STATIC = Path(__file__).resolve().parent / "static"
PAGE_FILES = ("index.html", "app.js", "worker.js", "style.css")
HOST_FILES = ("lite/main.py", "wps/ribbon.xml", "wps/main.js", "wps/taskpane.html", "wps/pane.css")
ADDIN_NAME = "xlsrc"  # the WPS add-in's name in jsplugins.xml / publish.xml
MANIFEST = "site.json"


@dataclass(frozen=True)
class Wheel:
    """A pure-Python dependency of the page's path, pinned to one file of PyPI."""

    name: str
    version: str
    filename: str
    sha256: str


# The page's path imports openpyxl (its et-xmlfile), defusedxml (openpyxl refuses XML bombs
# with it) and chinese-calendar (the 考核评分表's working days, `xlsrc.formscores`).
# `pip download --only-binary=:all: --no-deps NAME==VERSION`; sha256 as PyPI lists it.
WHEELS = (
    Wheel(
        "openpyxl",
        "3.1.5",
        "openpyxl-3.1.5-py2.py3-none-any.whl",
        "5282c12b107bffeef825f4617dc029afaf41d0ea60823bbb665ef3079dc79de2",
    ),
    Wheel(
        "et-xmlfile",
        "2.0.0",
        "et_xmlfile-2.0.0-py3-none-any.whl",
        "7a91720bc756843502c3b7504c77b8fe44217c85c537d85037f0f536151b2caa",
    ),
    Wheel(
        "defusedxml",
        "0.7.1",
        "defusedxml-0.7.1-py2.py3-none-any.whl",
        "a352e7e428770286cc899e2542b6cdaedb2b4953ff269a210103ec58f6198a61",
    ),
    Wheel(
        "chinese-calendar",
        "1.11.0",
        "chinese_calendar-1.11.0-py2.py3-none-any.whl",
        "6800bf53bd011a8b3e9fbb91805d16210f59648c2d86130dc43c2aa7708207ec",
    ),
)
# The in-app hosts' Python builds the workbook with xlwings' remote engine (`xw.Book(json=...)`):
# its pure-Python wheel, the version pyproject.toml pins. xlwings Lite brings its own.
HOSTS = (
    Wheel(
        "xlwings",
        "0.37.8",
        "xlwings-0.37.8-py3-none-any.whl",
        "fdb32fde7136cc1d9e5352b9e27674f71f84573fc6067bbf196c418436d95a8e",
    ),
)
XLSRC_WHEEL = f"xlsrc-{__version__}-py3-none-any.whl"
# Zip entries get this time so that the same sources give the same wheel.
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


class WebBuildError(XlsrcError):
    """The site cannot be built: a download failed, or a file is not the pinned one."""


Fetch = Callable[[str], bytes]
PipDownload = Callable[[Wheel, Path], Path]


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "xlsrc" / "web"


def build(
    out: str | Path,
    *,
    pyodide: str | Path | None = None,
    wheels: str | Path | None = None,
    cache: Path | None = None,
    fetch: Fetch | None = None,
    pip_download: PipDownload | None = None,
    base_url: str | None = None,
) -> list[Path]:
    """Write the site into `out`; the files written, relative to `out`.

    `pyodide` is a local copy of the npm tarball and `wheels` a folder holding the pinned
    wheels, for machines without network; otherwise both come from the cache or are downloaded.
    `base_url` is where the site will be served (`https://…/site/`): xlwings Lite and WPS load
    from it; without it the add-ins' files hold addresses relative to the site.
    """
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise WebBuildError(T.W_OUT_IS_FILE.format(path=out))
    base = site_url(base_url)
    cache = cache if cache is not None else cache_dir()
    tarball = Path(pyodide) if pyodide else _cached_pyodide(cache, fetch or _fetch)
    runtime = pyodide_files(tarball)
    deps = {
        w.filename: _wheel_bytes(w, Path(wheels) if wheels else None, cache, pip_download)
        for w in WHEELS
    }
    deps[XLSRC_WHEEL] = xlsrc_wheel()
    host_deps = {
        w.filename: _wheel_bytes(w, Path(wheels) if wheels else None, cache, pip_download)
        for w in HOSTS
    }

    files: dict[str, bytes] = {
        name: (STATIC / name).read_bytes() for name in (*PAGE_FILES, *HOST_FILES)
    }
    files.update({f"pyodide/{name}": data for name, data in runtime.items()})
    files.update({f"wheels/{name}": data for name, data in {**deps, **host_deps}.items()})
    files[MANIFEST] = manifest(list(deps), list(host_deps))
    files["lite/requirements.txt"] = lite_requirements(list(deps), base)
    files["wps/jsplugins.xml"] = wps_plugins(base, "enable")
    files["wps/publish.xml"] = wps_plugins(base, "enable")
    for name, data in files.items():
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return [Path(name) for name in files]


def manifest(wheel_names: list[str], host_names: list[str] | None = None) -> bytes:
    """What the page's worker reads first: the versions and the wheels to unpack, in order
    (`hosts`: those unpacked only when an add-in sends a book)."""
    doc = {
        "xlsrc": __version__,
        "pyodide": PYODIDE_VERSION,
        "wheels": wheel_names,
        "hosts": host_names or [],
    }
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# -- the add-ins' addresses


def site_url(base_url: str | None) -> str:
    """The site's address ending in "/", or "" (addresses relative to the site) when not given."""
    if base_url is None:
        return ""
    url = base_url.strip()
    if not url.startswith(("http://", "https://")) or " " in url:
        raise WebBuildError(T.W_BAD_BASE_URL.format(url=base_url))
    return url if url.endswith("/") else url + "/"


def lite_requirements(wheel_names: list[str], base: str) -> bytes:
    """xlwings Lite's requirements.txt: the site's own wheels by URL (Lite brings xlwings)."""
    lines = [f"# {T.W_LITE_REQUIREMENTS}"]
    if not base:
        lines.append(f"# {T.W_NO_BASE_URL}")
    prefix = base or "../"
    lines += [f"{prefix}wheels/{name}" for name in wheel_names]
    return ("\n".join(lines) + "\n").encode("utf-8")


def wps_plugins(base: str, enable: str) -> bytes:
    """jsplugins.xml (oem.ini's JSPluginsServer) / publish.xml (a user's jsaddons folder):
    the add-in, in online mode, at the site's wps/ folder."""
    from xml.sax.saxutils import quoteattr

    url = f"{base}wps/" if base else "wps/"
    note = f"\n<!-- {T.W_NO_BASE_URL} -->" if not base else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f"{note}\n<jsplugins>\n"
        f'  <jspluginonline name="{ADDIN_NAME}" type="et" url={quoteattr(url)} enable="{enable}"/>\n'
        "</jsplugins>\n"
    ).encode()


# -- Pyodide


def check_integrity(data: bytes, integrity: str, what: str, name: str) -> None:
    """Refuse bytes whose Subresource-Integrity digest (`sha512-<base64>`, as npm pins) differs."""
    algorithm, _, expected = integrity.partition("-")
    actual = base64.b64encode(hashlib.new(algorithm, data).digest()).decode("ascii")
    if actual != expected:
        raise WebBuildError(
            T.W_BAD_DIGEST.format(
                what=what, name=name, expected=integrity, actual=f"{algorithm}-{actual}"
            )
        )


def _fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=120) as response:
        return bytes(response.read())


def _cached_pyodide(cache: Path, fetch: Fetch) -> Path:
    """The pinned tarball from the cache, downloaded into it first when absent or not the pin."""
    path = cache / Path(PYODIDE_URL).name
    if path.is_file():
        try:
            check_integrity(path.read_bytes(), PYODIDE_INTEGRITY, T.W_PYODIDE_ARCHIVE, str(path))
            return path
        except WebBuildError:
            pass  # a partial or foreign file in the cache is replaced
    try:
        data = fetch(PYODIDE_URL)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise WebBuildError(
            T.W_FETCH_FAILED.format(
                what=T.W_PYODIDE_ARCHIVE, url=PYODIDE_URL, detail=_reason(exc), option="--pyodide"
            )
        ) from exc
    check_integrity(data, PYODIDE_INTEGRITY, T.W_PYODIDE_ARCHIVE, PYODIDE_URL)
    _store(path, data)
    return path


def pyodide_files(tarball: Path) -> dict[str, bytes]:
    """The files the page needs from the npm tarball, after checking it is the pinned one."""
    try:
        data = tarball.read_bytes()
    except OSError as exc:
        raise WebBuildError(
            T.W_NOT_PYODIDE.format(name=tarball, version=PYODIDE_VERSION, detail=_reason(exc))
        ) from exc
    check_integrity(data, PYODIDE_INTEGRITY, T.W_PYODIDE_ARCHIVE, str(tarball))
    found: dict[str, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        for member in tar.getmembers():
            name = member.name.removeprefix("package/")
            if name in PYODIDE_FILES and member.isfile():
                extracted = tar.extractfile(member)
                if extracted is not None:
                    found[name] = extracted.read()
    missing = [name for name in PYODIDE_FILES if name not in found]
    if missing:  # only a changed pin can get here: the digest matched
        detail = T.W_PYODIDE_LACKS.format(files="、".join(missing))
        raise WebBuildError(
            T.W_NOT_PYODIDE.format(name=tarball, version=PYODIDE_VERSION, detail=detail)
        )
    return {name: found[name] for name in PYODIDE_FILES}


# -- wheels


def check_sha256(data: bytes, wheel: Wheel, name: str) -> None:
    actual = hashlib.sha256(data).hexdigest()
    if actual != wheel.sha256:
        raise WebBuildError(
            T.W_BAD_DIGEST.format(
                what=T.W_WHEEL, name=name, expected=f"sha256 {wheel.sha256}", actual=actual
            )
        )


def _wheel_bytes(
    wheel: Wheel, folder: Path | None, cache: Path, pip_download: PipDownload | None
) -> bytes:
    """The pinned wheel from `folder` if given, else from the cache, else from pip."""
    if folder is not None:
        path = folder / wheel.filename
        if not path.is_file():
            raise WebBuildError(T.W_NO_WHEEL.format(folder=folder, wheel=wheel.filename))
        data = path.read_bytes()
        check_sha256(data, wheel, str(path))
        return data
    cached = cache / wheel.filename
    if cached.is_file():
        data = cached.read_bytes()
        if hashlib.sha256(data).hexdigest() == wheel.sha256:
            return data
    with tempfile.TemporaryDirectory(prefix="xlsrc-wheel-") as tmp:
        path = (pip_download or _pip_download)(wheel, Path(tmp))
        data = path.read_bytes()
    check_sha256(data, wheel, wheel.filename)
    _store(cached, data)
    return data


def _pip_download(wheel: Wheel, folder: Path) -> Path:
    """`pip download` the pinned wheel into `folder`; the file it wrote."""
    command = [
        *(sys.executable, "-m", "pip", "download", "--disable-pip-version-check", "-q"),
        # `--platform any`: the pure-Python wheel even where a platform's own is published
        # (xlwings ships both; Pyodide needs the pure one).
        *("--only-binary=:all:", "--platform", "any", "--no-deps", "-d", str(folder)),
        f"{wheel.name}=={wheel.version}",
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    path = folder / wheel.filename
    if done.returncode != 0 or not path.is_file():
        lines = [line for line in done.stderr.splitlines() if line.startswith("ERROR")]
        detail = lines[-1] if lines else T.W_NO_WHEEL.format(folder=folder, wheel=wheel.filename)
        raise WebBuildError(T.W_PIP_FAILED.format(wheel=wheel.filename, detail=detail))
    return path


def xlsrc_wheel(package: Path | None = None) -> bytes:
    """A wheel of the xlsrc package as it is on disk (pure Python), byte for byte reproducible.

    The page's own files (`web/static`) and caches stay out: Python on the page never reads them.
    """
    package = package or Path(__file__).resolve().parent.parent
    entries: dict[str, bytes] = {}
    for path in sorted(package.rglob("*")):
        rel = path.relative_to(package)
        if path.is_dir() or "__pycache__" in rel.parts or path.suffix in (".pyc", ".pyo"):
            continue
        if rel.parts[:2] == ("web", "static"):
            continue
        entries[f"xlsrc/{rel.as_posix()}"] = path.read_bytes()
    info = f"xlsrc-{__version__}.dist-info"
    entries[f"{info}/METADATA"] = (
        f"Metadata-Version: 2.1\nName: xlsrc\nVersion: {__version__}\n"
        "Summary: the page's copy of xlsrc (build-web)\n"
    ).encode()
    entries[f"{info}/WHEEL"] = (
        b"Wheel-Version: 1.0\nGenerator: xlsrc build-web\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    )
    record = [
        f"{name},sha256={_urlsafe_digest(data)},{len(data)}" for name, data in entries.items()
    ]
    record.append(f"{info}/RECORD,,")
    entries[f"{info}/RECORD"] = ("\n".join(record) + "\n").encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            entry = zipfile.ZipInfo(name, FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            zf.writestr(entry, data)
    return buffer.getvalue()


def _urlsafe_digest(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def _store(path: Path, data: bytes) -> None:
    """Put a download into the cache whole (a rename), so a killed build leaves no half file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as tmp:
        tmp.write(data)
    os.replace(tmp.name, path)


def _reason(exc: BaseException) -> str:
    reason = getattr(exc, "reason", None)
    return str(reason if reason is not None else exc) or type(exc).__name__


def serve_hint(out: Path) -> str:
    """The command that tries the site on this computer."""
    return f"python -m http.server --bind 127.0.0.1 --directory {os.fspath(out)} 8000"
