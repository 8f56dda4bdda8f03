"""The page in the browser against the CLI and the in-process use case, printed as ratios.

    python bench/bench_web.py [--repeat N] [--site DIR]

- time to ready: from opening the page until Python and xlsrc are loaded (Pyodide's start, the
  wheels unpacked), as the page measures it and as the clerk waits for it (navigation included);
- 计算得分 on seed 000 in the browser (the page's own measure: worker call, Python, reading the
  file back) against `python -m xlsrc calc` on the same file (a fresh interpreter each time)
  and against `usecases.calculate` over `OpenpyxlFile` in this process (load, score, save).

Builds the site with `xlsrc build-web` (cached downloads) unless --site names a built one.
Never asserted in tests: the numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))
EXAMPLE = ROOT / "workbook" / "examples" / "seed000.xlsm"

from bench_calc import best  # noqa: E402  (the same best-of-N as the other benchmarks)


def in_process(folder: Path) -> None:
    from xlsrc import usecases
    from xlsrc.adapters.openpyxl_file import OpenpyxlFile

    book = OpenpyxlFile(EXAMPLE)
    usecases.calculate(book)
    book.save(folder / "in-process.xlsm")


def cli(folder: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "xlsrc", "calc", str(EXAMPLE), "-o", str(folder / "cli.xlsm")],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )


def browser_times(site: Path, repeat: int, folder: Path) -> tuple[float, float, float, str]:
    """→ (best ready as the page measures it, best ready as waited for, best 计算得分, total)."""
    import browser

    ready, waited, calc, total = [], [], [], ""
    with browser.serve(site) as (url, _):
        for _ in range(repeat):
            with browser.chromium(folder) as driver:
                t = time.perf_counter()
                driver.get(url)
                ready.append(browser.wait_ready(driver))
                waited.append(time.perf_counter() - t)
                browser.choose(driver, EXAMPLE)
                for _ in range(repeat):
                    calc.append(browser.press(driver, "calculate"))
                total = driver.find_element("id", "total").text
    return min(ready), min(waited), min(calc), total


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--site", help="a site built by xlsrc build-web (default: build one)")
    args = ap.parse_args()
    n = args.repeat

    with tempfile.TemporaryDirectory(prefix="xlsrc-bench-web-") as tmp:
        folder = Path(tmp)
        site = Path(args.site) if args.site else folder / "site"
        if not args.site:
            from xlsrc import web

            t = time.perf_counter()
            web.build(site)
            print(f"build-web (cached downloads): {time.perf_counter() - t:.2f} s")
        downloads = folder / "downloads"
        downloads.mkdir()
        ready, waited, page_calc, total = browser_times(site, n, downloads)
        cli_calc = best(lambda: cli(folder), n)
        proc_calc = best(lambda: in_process(folder), n)
        shutil.rmtree(downloads, ignore_errors=True)

    print(f"browser: ready {ready:.2f} s (page's measure), {waited:.2f} s from navigation")
    print(f"browser 计算得分: {page_calc:.3f} s (total shown: {total})")
    print(f"CLI `xlsrc calc`: {cli_calc:.3f} s")
    print(f"in-process calculate (load, score, save): {proc_calc:.3f} s")
    print(f"ratio browser 计算得分 / in-process: {page_calc / proc_calc:.2f}")
    print(f"ratio browser 计算得分 / CLI: {page_calc / cli_calc:.2f}")
    print(f"ratio browser ready + 计算得分 / CLI: {(waited + page_calc) / cli_calc:.2f}")


if __name__ == "__main__":
    main()
