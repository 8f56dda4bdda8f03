"""`xlsrc collect` over a folder of 500 workbooks against a bare python-calamine read of the same files.

    python bench/bench_collect.py [--files 500] [--repeat 3] [--folder DIR]

Both sides run in a fresh interpreter per repeat (each pays its own start and imports), on
the same folder (tests/collection.py makes it once: departments, published forms, a 定稿,
damaged and foreign files). Printed:

- the baseline: every sheet of every file read by python-calamine, one process, nothing
  else (no names, no formats, no scoring, nothing written);
- collect as the CLI runs it (all cores), and with one worker, each as a ratio to the
  baseline (goal ≤ 2);
- peak memory (the summed resident memory of the process and its workers, sampled every
  20 ms) of each, and the ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BASELINE = r"""
import sys, python_calamine
from pathlib import Path
n = 0
for p in sorted(Path(sys.argv[1]).rglob("*")):
    if not p.is_file() or p.name.startswith((".", "~$")):
        continue
    if p.suffix.lower() not in (".xlsx", ".xlsm", ".xls", ".ods"):
        continue
    try:
        book = python_calamine.CalamineWorkbook.from_path(str(p))
        for name in book.sheet_names:
            n += len(book.get_sheet_by_name(name).to_python(skip_empty_area=False))
    except Exception:
        pass
print(n)
"""


def run(cmd: list[str]) -> float:
    """Wall seconds of the command."""
    t = time.perf_counter()
    subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def tree_peak(cmd: list[str]) -> int:
    """Sum of the peak RSS of the command and each worker it starts (KiB), sampled from /proc."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    best = 0
    while proc.poll() is None:
        total = 0
        for pid in _tree(proc.pid):
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
            except OSError:
                continue
        best = max(best, total)
        time.sleep(0.02)
    return best


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                ppid = int(Path(d, "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(d.name))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += children.get(pid, [])
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=500)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--folder", type=Path)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-collect-"))
    folder = args.folder or work / "inbox"
    if not folder.exists():
        t = time.perf_counter()
        subprocess.run(
            [sys.executable, str(ROOT / "tests" / "collection.py"), str(folder), str(args.files)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        print(f"made {folder} in {time.perf_counter() - t:.1f} s")
    files = sum(1 for p in folder.rglob("*") if p.is_file())
    out = work / "汇总.xlsx"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    os.environ.update(env)
    baseline = [sys.executable, "-c", BASELINE, str(folder)]
    collect = [sys.executable, "-m", "xlsrc", "collect", str(folder), "-o", str(out)]
    one = [*collect, "--jobs", "1"]

    times: dict[str, list[float]] = {"baseline": [], "collect": [], "collect-1": []}
    for _ in range(args.repeat):
        for name, cmd in (("baseline", baseline), ("collect", collect), ("collect-1", one)):
            times[name].append(run(cmd))
    best = {k: min(v) for k, v in times.items()}
    mem = {
        "baseline": tree_peak(baseline),
        "collect": tree_peak(collect),
        "collect-1": tree_peak(one),
    }
    print(f"files: {files} ({folder}), cores: {os.cpu_count()}, best of {args.repeat}")
    print(
        f"baseline (bare calamine read, 1 process): {best['baseline']:.2f} s, {mem['baseline'] / 1024:.0f} MiB"
    )
    for name, label in (("collect", "collect (all cores)"), ("collect-1", "collect --jobs 1")):
        print(
            f"{label}: {best[name]:.2f} s = {best[name] / best['baseline']:.2f} × baseline (goal ≤ 2); "
            f"memory {mem[name] / 1024:.0f} MiB = {mem[name] / max(mem['baseline'], 1):.2f} × baseline"
        )
    print(json.dumps({"seconds": best, "peak_rss_kib": mem}, ensure_ascii=False))


if __name__ == "__main__":
    main()
