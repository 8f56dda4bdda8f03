"""Benchmarks from DESIGN.md's performance budget, printed as ratios against baselines run alongside.

    python bench/bench_calc.py [--repeat N]

- headless calc on an example vs openpyxl loading and saving the same file (budget: little more);
- scoring 200 indicator rows in the domain, against 14 rows (and its absolute time, budget ≪ 1 s);
- remote-engine actions of calculate for 14 vs 200 rows (budget: equal);
- `import xlsrc.buttons` vs a bare interpreter start (budget: no pandas, so close to 1).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
EXAMPLE = ROOT / "workbook" / "examples" / "seed000.xlsm"


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    n = ap.parse_args().repeat
    import openpyxl

    from xlsrc import usecases
    from xlsrc.adapters.openpyxl_file import OpenpyxlFile
    from xlsrc.domain.scoring import Budget, Indicator
    from xlsrc.domain.selfeval import SelfEvaluation, score_form
    from xlsrc.rules import load_rules

    out = Path(tempfile.mkdtemp()) / "out.xlsm"

    def baseline() -> None:
        openpyxl.load_workbook(EXAMPLE, keep_vba=True).save(out)

    def calc() -> None:
        book = OpenpyxlFile(EXAMPLE)
        usecases.calculate(book)
        book.save(out)

    base_t, calc_t = best(baseline, n), best(calc, n)
    print(
        f"headless calc / openpyxl load+save: {calc_t / base_t:.2f}  ({calc_t * 1000:.0f} ms vs {base_t * 1000:.0f} ms)"
    )

    rules = load_rules()
    row = Indicator("产出指标", "数量指标", "x", "≥500亿元", "≥429亿元", 10, "原因")

    def score(rows: int):
        form = SelfEvaluation(Budget(total=100, spent=90), (row,) * rows)
        return lambda: score_form(form, rules)

    t14, t200 = best(score(14), n), best(score(200), n)
    print(f"domain scoring 200 rows / 14 rows: {t200 / t14:.1f}  (200 rows: {t200 * 1000:.1f} ms)")

    import xlwings as xw
    from remote import payload_from_file
    from test_usecases import resize_indicator_block

    import xlsrc.buttons as buttons

    payload = payload_from_file(EXAMPLE)
    counts = {}
    for rows in (14, 200):
        book = xw.Book(json=resize_indicator_block(payload, rows))
        t = time.perf_counter()
        buttons.calculate(book)
        elapsed = time.perf_counter() - t
        counts[rows] = len(book.json()["actions"])
        print(
            f"remote calculate, {rows} rows: {counts[rows]} actions, {elapsed * 1000:.0f} ms in Python"
        )
    print(f"actions 200 rows / 14 rows: {counts[200] / counts[14]:.2f}")

    def start(code: str) -> float:
        return statistics.median(_timed([sys.executable, "-c", code]) for _ in range(n))

    bare, imp = start("pass"), start("import xlsrc.buttons")
    with_xw = start("import xlwings")
    print(
        f"start-up import xlsrc.buttons / bare python: {imp / bare:.2f}; import xlwings / bare: {with_xw / bare:.2f}"
    )


def _timed(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True)
    return time.perf_counter() - t


if __name__ == "__main__":
    main()
