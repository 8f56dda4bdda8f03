"""The share of seed 002's own report that the generated report says (method: report_share.py)."""

from __future__ import annotations

import report_share as S
from conftest import EXAMPLES


def test_at_least_two_fifths_of_seed002s_sentences_are_written_from_its_data(tmp_path):
    example = EXAMPLES / "seed002.xlsm"
    matches = S.match(
        S.seed_report(), S.generated_report(example, tmp_path), S.typed_texts(example)
    )
    n = S.share(matches)
    assert n["sentences"] == 74
    assert n["data"] / n["sentences"] >= 0.40
    # Not only copies of what the clerk typed: sentences composed from figures and flags too.
    assert n["data"] - n["typed"] >= 12


def test_the_count_can_fail_and_normalizes_only_what_it_says():
    seed = "2024年度基本支出174.1万元，其中人员经费93.08万元。\n（一）预算精准性有待进一步提高。"
    assert S.share(S.match(seed, "完全不同的一句话。"))["exact"] == 0
    same = S.match(
        seed, "2024年度基本支出174.10万元，其中人员经费93.08万元。\n预算精准性有待进一步提高"
    )
    assert [m.kind for m in same] == ["exact", "exact"]
    # A close sentence must keep every number of the seed's.
    other_number = S.match(seed, "2024年度基本支出175.10万元，其中人员经费93.08万元。")
    assert other_number[0].kind == "none"


def test_sentences_split_at_line_breaks_and_full_stops():
    assert S.sentences("甲。乙！\n丙\n\n丁？") == ["甲。", "乙！", "丙", "丁？"]
    assert S.normalize("（1） 、单位职能") == "单位职能"
    assert S.normalize("4、 国有资本经营预算支出情况") == "国有资本经营预算支出情况"
    assert S.normalize("1.支出174.10万元，执行率100.00%。") == "支出174.1万元,执行率100%"
    assert S.normalize("1.5万元") == "1.5万元"  # a decimal, not a list number
    assert S.normalize("自评得分98分(详见附表2)") == "自评得分98分(详见附件2)"
