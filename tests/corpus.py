"""Load and check the corpus of published 年度指标值 / 实际完成值 pairs.

The corpus (tests/data/indicator_corpus.jsonl, described in tests/data/README.md)
holds target/actual strings copied from published 绩效自评表, each with the
reading a careful finance officer gives them.  Tests may use it to compare the
parser and the scorer with that reading.

    python tests/corpus.py      # check the file, then print counts by kind and region
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from decimal import Decimal, InvalidOperation
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "data" / "indicator_corpus.jsonl"

KINDS = {"quantity", "range", "deadline", "on_time", "qualitative", "descriptive"}
OPS = {"≥", ">", "≤", "<", "="}
FIELDS = (
    "id",
    "source",
    "title",
    "region",
    "year",
    "indicator",
    "target",
    "actual",
    "weight",
    "score",
    "reading",
)
MIN_PAIRS = 200  # what the reader is measured on needs at least this many
MAX_PER_SOURCE = 25


def load_corpus(path: Path = CORPUS) -> list[dict]:
    """Every pair of the corpus, in file order."""
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _decimal(value: object) -> bool:
    if value is None:
        return True
    if not isinstance(value, str):
        return False
    try:
        Decimal(value)
    except InvalidOperation:
        return False
    return True


def _side_problems(side: dict, where: str, target: bool) -> list[str]:
    problems = []
    keys = ("kind", "op", "number", "unit") + (("high",) if target else ())
    for key in keys:
        if key not in side:
            problems.append(f"{where}: no {key}")
    if side.get("kind") not in KINDS:
        problems.append(f"{where}: kind {side.get('kind')!r}")
    if side.get("op") not in OPS | {None}:
        problems.append(f"{where}: op {side.get('op')!r}")
    for key in ("number", "high"):
        if not _decimal(side.get(key)):
            problems.append(f"{where}: {key} {side.get(key)!r} is not a decimal string")
    if not isinstance(side.get("unit"), str):
        problems.append(f"{where}: unit must be a string")
    if side.get("kind") == "quantity" and side.get("number") is None:
        problems.append(f"{where}: a quantity needs a number")
    if side.get("kind") == "range" and (side.get("number") is None or side.get("high") is None):
        problems.append(f"{where}: a range needs number and high")
    return problems


def validate(pairs: list[dict]) -> list[str]:
    """Problems found in the corpus; an empty list when it is sound."""
    problems = []
    ids: Counter[str] = Counter()
    per_source: Counter[str] = Counter()
    for pair in pairs:
        pid = pair.get("id", "?")
        ids[pid] += 1
        per_source[pair.get("source", "")] += 1
        for field in FIELDS:
            if field not in pair:
                problems.append(f"{pid}: no {field}")
        for field in ("source", "title", "region", "indicator", "target", "actual"):
            if not isinstance(pair.get(field), str) or not pair.get(field):
                problems.append(f"{pid}: {field} must be a non-empty string")
        if pair.get("year") is not None and not 2019 <= pair["year"] <= 2025:
            problems.append(f"{pid}: year {pair['year']} outside 2019-2025")
        for field in ("weight", "score"):
            value = pair.get(field)
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, (int, float))
            ):
                problems.append(f"{pid}: {field} must be a number or null")
        reading = pair.get("reading", {})
        if reading.get("met") not in (True, False, None):
            problems.append(f"{pid}: met must be true, false or null")
        problems += _side_problems(reading.get("target", {}), f"{pid} target", True)
        problems += _side_problems(reading.get("actual", {}), f"{pid} actual", False)
    problems += [f"id {i} used {n} times" for i, n in ids.items() if n > 1]
    problems += [
        f"{n} pairs from {url} (at most {MAX_PER_SOURCE})"
        for url, n in per_source.items()
        if n > MAX_PER_SOURCE
    ]
    if len(pairs) < MIN_PAIRS:
        problems.append(f"{len(pairs)} pairs, at least {MIN_PAIRS} wanted")
    return problems


def main() -> int:
    pairs = load_corpus()
    problems = validate(pairs)
    for problem in problems:
        print("PROBLEM", problem)
    print(f"{len(pairs)} pairs from {len({p['source'] for p in pairs})} sources")
    print("\nby target kind:")
    for kind, n in Counter(p["reading"]["target"]["kind"] for p in pairs).most_common():
        print(f"  {kind:12} {n}")
    print("\nby region:")
    for region, n in Counter(p["region"] for p in pairs).most_common():
        print(f"  {region:16} {n}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
