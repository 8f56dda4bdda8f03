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


# -- reading the corpus with xlsrc's reader

_KIND = {
    "Quantity": "quantity",
    "Range": "range",
    "Deadline": "deadline",
    "OnTime": "on_time",
    "Qualitative": "text",
    "Descriptive": "text",
    "NotApplicable": "text",
}
_TEXT_KINDS = {"qualitative", "descriptive"}


def _same_number(ours, ours_unit: str, number: str | None, unit: str) -> bool:
    """Our number in our unit equals the reading's number in its unit."""
    from xlsrc.domain import units as U

    want = Decimal(number)
    found = U.lookup(ours_unit)
    if ours_unit == "" or ours_unit.startswith("/") or (found is not None and not found.dimension):
        # the unit, or all but its multiplier ("300万"), is only in the context
        factor = U.base_factor(unit) if unit.startswith(("万", "亿")) else 1
        return ours in (want, want * factor)
    converted = U.convert(ours, ours_unit, unit)
    return converted is not None and converted == want


def _same_unit(ours: str, unit: str) -> bool:
    from xlsrc.domain import units as U

    if ours == "" or (ours.startswith("/") and unit.endswith(ours)):
        return True  # the reading took the unit from the indicator's name or the form
    if U.canonical(ours) == U.canonical(unit):
        return True
    if any(ours == word and unit.startswith(word) for word, _ in U.MULTIPLIERS):
        return True  # "300万": 万 of the unit the context gives (万元)
    a, b = U.lookup(ours), U.lookup(unit)
    return a is not None and b is not None and a.dimension == b.dimension


def _date(parsed, year: int | None) -> str:
    import calendar

    y = parsed.year or year
    day = parsed.day or calendar.monthrange(y, parsed.month)[1]
    return f"{y:04d}-{parsed.month:02d}-{day:02d}"


def _reading_date(text: str) -> str:
    import calendar

    parts = [int(x) for x in text.split("-")]
    if len(parts) == 2:
        parts.append(calendar.monthrange(parts[0], parts[1])[1])
    return "{:04d}-{:02d}-{:02d}".format(*parts)


def side_differences(parsed, side: dict, year: int | None, target: bool) -> list[str]:
    """How xlsrc's reading of one string differs from the careful reader's ([] if not)."""
    kind = _KIND.get(type(parsed).__name__, type(parsed).__name__)
    want = "text" if side["kind"] in _TEXT_KINDS else side["kind"]
    if kind != want:
        return [f"kind {kind} ≠ {side['kind']}"]
    out = []
    if kind == "quantity":
        if target and (parsed.op.value if parsed.op else None) != side["op"]:
            out.append(f"op {parsed.op} ≠ {side['op']}")
        if not _same_unit(parsed.unit, side["unit"]):
            out.append(f"unit {parsed.unit!r} ≠ {side['unit']!r}")
        elif not _same_number(parsed.number, parsed.unit, side["number"], side["unit"]):
            out.append(f"number {parsed.number}{parsed.unit} ≠ {side['number']}{side['unit']}")
    elif kind == "range":
        for ours, key in ((parsed.low, "number"), (parsed.high, "high")):
            if not _same_number(ours, parsed.unit, side[key], side["unit"]):
                out.append(f"{key} {ours} ≠ {side[key]}")
    elif kind == "deadline" and _date(parsed, year) != _reading_date(side["date"]):
        out.append(f"date {_date(parsed, year)} ≠ {side['date']}")
    return out


def read_pair(pair: dict, rules) -> list[str]:
    """How xlsrc reads a pair differently from the careful reader: target, actual and met."""
    from xlsrc.domain.scoring import Indicator, Kind, score_indicator, text_met
    from xlsrc.domain.values import parse_value

    reading = pair["reading"]
    target, actual = parse_value(pair["target"]), parse_value(pair["actual"])
    out = [f"target {d}" for d in side_differences(target, reading["target"], pair["year"], True)]
    out += [f"actual {d}" for d in side_differences(actual, reading["actual"], pair["year"], False)]
    row = Indicator(
        level3=pair["indicator"], target=pair["target"], actual=pair["actual"], weight=10
    )
    result = score_indicator(row, rules, pair["year"])
    met = text_met(target, actual) if result.kind is Kind.QUALITATIVE else result.met
    if met != reading["met"]:
        out.append(f"met {met} ≠ {reading['met']}")
    return out


def reading_report(pairs: list[dict]) -> tuple[int, int, list[str]]:
    """(pairs whose strings are read as the careful reader reads them, pairs also judged met
    alike, lines naming each pair read otherwise)."""
    from xlsrc.rules import load_rules

    rules = load_rules()
    read, judged, lines = 0, 0, []
    for pair in pairs:
        differences = read_pair(pair, rules)
        strings = [d for d in differences if not d.startswith("met ")]
        read += not strings
        judged += not differences
        if differences:
            lines.append(
                f"{pair['id']} {pair['target']!r} / {pair['actual']!r}: {'; '.join(differences)}"
            )
    return read, judged, lines


def main() -> int:
    pairs = load_corpus()
    if "--read" in sys.argv[1:]:
        read, judged, lines = reading_report(pairs)
        n = len(pairs)
        print(f"{n} pairs; strings read as the careful reader reads them: {read} ({read / n:.1%})")
        print(f"... and met/unmet judged alike as well: {judged} ({judged / n:.1%})")
        print("\n".join(lines))
        return 0
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
