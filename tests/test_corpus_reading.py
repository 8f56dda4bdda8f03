"""The reader against the corpus of published target/actual pairs (tests/data/).

Each pair carries the reading a careful finance officer gives it; `corpus.read_pair` lists how
xlsrc reads it otherwise (the kind, sign, number, unit or date of either string, and whether
the row is judged met).  `python tests/corpus.py --read` prints the shares and the pairs still
read otherwise.
"""

from corpus import MIN_PAIRS, load_corpus, read_pair, reading_report

GOAL = 0.98


def test_the_strings_are_read_as_a_careful_reader_reads_them():
    pairs = load_corpus()
    read, _, lines = reading_report(pairs)
    assert len(pairs) >= MIN_PAIRS
    assert read / len(pairs) >= GOAL, "\n".join(lines)


def test_met_or_unmet_is_judged_as_a_careful_reader_judges_it():
    pairs = load_corpus()
    _, judged, lines = reading_report(pairs)
    assert judged / len(pairs) >= GOAL, "\n".join(lines)


def test_the_comparison_can_fail(rules):
    pair = next(p for p in load_corpus() if p["target"] == "≤90万元")
    assert read_pair(pair, rules) == []
    wrong = {**pair, "reading": {**pair["reading"], "met": False}}
    assert read_pair(wrong, rules) == ["met True ≠ False"]
    wrong_unit = {
        **pair,
        "reading": {**pair["reading"], "target": {**pair["reading"]["target"], "unit": "元"}},
    }
    assert read_pair(wrong_unit, rules) == ["target number 90万元 ≠ 90元"]
