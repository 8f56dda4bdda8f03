"""A real browser on the built page: the site served on 127.0.0.1 and Debian's headless Chromium
driven by selenium, as a clerk's browser would open it from a bureau's intranet."""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import tiers

CHROMIUM = os.environ.get("XLSRC_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("XLSRC_CHROMEDRIVER", "/usr/bin/chromedriver")
# The machine's network is closed: without these, Chromium's own background fetches fail slowly.
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--lang=zh-CN",
)
READY_TIMEOUT = 120  # seconds; Pyodide starts in ~3 s here
ACTION_TIMEOUT = 120


def missing() -> list[str]:
    """What is not installed of the browser the tests drive (CI installs all of it)."""
    out = [p for p in (CHROMIUM, CHROMEDRIVER) if not shutil.which(p)]
    try:
        import selenium  # noqa: F401
    except ImportError:
        out.append("selenium")
    return out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    """A static server as a bureau's would be, that also remembers what it was asked for."""

    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
    }

    def log_message(self, format: str, *args: object) -> None:
        self.server.paths.append(self.path)  # type: ignore[attr-defined]


@contextlib.contextmanager
def serve(site: Path) -> Iterator[tuple[str, list[str]]]:
    """Serve `site` on a free port of 127.0.0.1 → (its URL, the paths requested so far)."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.paths = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", server.paths  # type: ignore[attr-defined]
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium(
    downloads: Path, width: int = 1200, height: int = 1400, netlog: Path | None = None
) -> Iterator[object]:
    """A fresh headless Chromium (own profile) that saves downloads into `downloads` and logs
    the page's network requests (CDP Network events, through the performance log); with
    `netlog`, every request the browser makes, workers' included, is written there on quit."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    tiers.require_slow("Chromium")
    profile = tempfile.mkdtemp(prefix="xlsrc-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    flags = [*FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"]
    if netlog is not None:
        flags += [f"--log-net-log={netlog}", "--net-log-capture-mode=Default"]
    for flag in flags:
        options.add_argument(flag)
    options.add_experimental_option(
        "prefs",
        {"download.default_directory": str(downloads), "download.prompt_for_download": False},
    )
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    options.add_experimental_option("perfLoggingPrefs", {"enableNetwork": True})
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    try:
        driver.execute_cdp_cmd(
            "Browser.setDownloadBehavior",
            {"behavior": "allow", "downloadPath": str(downloads), "eventsEnabled": True},
        )
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


NETWORK_SCHEMES = ("http", "https", "ws", "wss", "ftp")


def requested_urls(driver) -> list[str]:  # type: ignore[no-untyped-def]
    """The URLs the page's document asked for since the last call (CDP Network events)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def netlog_requests(path: Path) -> list[dict[str, str]]:
    """Every URL request in Chromium's NetLog: url, initiator, request_type and the
    network isolation key (top-frame site, frame site) that ties it to a page."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    start = doc["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    return [
        {k: str(e["params"].get(k, "")) for k in ("url", "initiator", "request_type")}
        | {"site": str(e["params"].get("network_isolation_key", "")).split(" ")[0]}
        for e in doc["events"]
        if e["type"] == start and "url" in e.get("params", {})
    ]


def of_page(requests: list[dict[str, str]], origin: str) -> list[dict[str, str]]:
    """The requests made for the page at `origin`: started by it (its scripts, its worker), or
    made in its context (anything it embeds carries its site as the top-frame site). The rest
    is Chromium's own traffic (updates, sign-in), which no page can cause or prevent."""
    own = urlsplit(origin)
    site = f"{own.scheme}://{own.hostname}"
    return [r for r in requests if r["initiator"] == origin.rstrip("/") or r["site"] == site]


def foreign(urls: list[str], origin: str) -> list[str]:
    """The URLs that leave for anywhere but `origin` (blob:, data:, chrome: stay in the browser)."""
    own = urlsplit(origin)
    return [
        u
        for u in urls
        if urlsplit(u).scheme in NETWORK_SCHEMES
        and (urlsplit(u).scheme, urlsplit(u).netloc) != (own.scheme, own.netloc)
    ]


def wait_ready(driver, timeout: float = READY_TIMEOUT) -> float:  # type: ignore[no-untyped-def]
    """Wait until Python is ready on the page → the seconds the page measured."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, timeout).until(
        lambda d: (
            d.execute_script("return document.body.dataset.ready") == "true"
            or "failed" in d.find_element("id", "loading").get_attribute("class")
        )
    )
    text = driver.find_element("id", "progress-text").text
    seconds = driver.execute_script("return document.body.dataset.readySeconds")
    if seconds is None:
        raise AssertionError(f"the page did not start: {text}")
    return float(seconds)


def choose(driver, path: Path) -> None:  # type: ignore[no-untyped-def]
    """Choose a workbook as a clerk does, and wait until the page has opened or refused it."""
    from selenium.webdriver.support.ui import WebDriverWait

    count = int(driver.execute_script("return document.body.dataset.opened || 0"))
    driver.find_element("id", "file").send_keys(str(path))
    WebDriverWait(driver, ACTION_TIMEOUT).until(
        lambda d: int(d.execute_script("return document.body.dataset.opened || 0")) > count
    )


def press(driver, action: str, selector: str | None = None) -> float:  # type: ignore[no-untyped-def]
    """Click a button and wait for its answer → the seconds the page measured for it."""
    from selenium.webdriver.support.ui import WebDriverWait

    count = int(driver.execute_script("return document.body.dataset.answers || 0"))
    driver.find_element("css selector", selector or f"[data-action={action}]").click()
    WebDriverWait(driver, ACTION_TIMEOUT).until(
        lambda d: int(d.execute_script("return document.body.dataset.answers || 0")) > count
    )
    return float(driver.execute_script("return document.body.dataset.lastSeconds"))


def wait_download(folder: Path, suffix: str, timeout: float = 30) -> Path:
    """The file Chromium finished saving into `folder` (no .crdownload left)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = [p for p in folder.iterdir() if p.suffix == suffix]
        partial = [p for p in folder.iterdir() if p.suffix == ".crdownload"]
        if done and not partial:
            return done[0]
        time.sleep(0.1)
    raise AssertionError(f"no {suffix} downloaded into {folder}: {list(folder.iterdir())}")


def wait_for(driver, condition: str, timeout: float = ACTION_TIMEOUT) -> None:  # type: ignore[no-untyped-def]
    """Wait until the JavaScript expression `condition` is true on the page."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, timeout).until(lambda d: d.execute_script(f"return ({condition})"))
