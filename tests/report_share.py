"""How much of seed 002's own report the generated report says: sentences split and matched.

Run `PYTHONPATH=. python tests/report_share.py` to print the count and every seed sentence
with the generated sentence it matched; `tests/test_report_share.py` holds the bar.

Method:
    * The seed's report is its text from the line after the title down to the last line of
      its 附件 list ("3.部门整体支出绩效自评工作考核评分表"). The generated report is the
      example workbook seed002.xlsm after 生成报告: each section's label, then its text.
    * Both are split into sentences at every line break and after every 。！？ (a heading
      or a list line is a sentence of its own).
    * A sentence is compared normalized: NFKC (full-width , ; ( ) fold to half-width), no
      blanks, no leading list number ("1." "（一）" "4、" as the seed's Word numbering left
      them), no trailing 。, numbers without trailing decimal zeros (174.10 → 174.1), and
      附表 read as 附件 (the seed calls 附件2 附表2 once).
    * exact: a generated sentence equals the seed's. close: the best generated sentence has a
      difflib ratio ≥ CLOSE and holds every number of the seed's sentence.
    * typed: a data sentence copied as typed from a text the clerk types once (职能, 机构设置,
      资产管理情况, 年度总体目标); the others are composed from figures and flags.
    * fixed: the matching generated sentence is a section label or a text the report always
      writes (text.py constants without a placeholder: the 基本支出 definition, sub-headings,
      "无"). The rest are written from the workbook's data (figures, typed-once fields, or a
      wording a flag on the data selects).
"""

from __future__ import annotations

import difflib
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = Path("/work/shared/seeds")
CLOSE = 0.8
_LIST_MARK = re.compile(
    r"^(?:[（(][0-9一二三四五六七八九十]+[)）][、.]?|[0-9一二三四五六七八九十]+[、.．](?!\d))"
)
_TRAILING_ZEROS = re.compile(r"(\d+\.\d*?[1-9])0+(?!\d)|(\d+)\.0+(?!\d)")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def sentences(text: str) -> list[str]:
    out: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        for part in re.split(r"(?<=[。！？])", line):
            if part.strip():
                out.append(part.strip())
    return out


def normalize(sentence: str) -> str:
    s = unicodedata.normalize("NFKC", sentence)
    s = "".join(s.split())
    s = _LIST_MARK.sub("", s)
    s = s.rstrip("。")
    s = _TRAILING_ZEROS.sub(lambda m: m[1] or m[2], s)
    return s.replace("附表", "附件")


def seed_report(path: Path | None = None) -> str:
    path = path or next(SEEDS.glob("002_*.txt"))
    lines = path.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if "自评报告" in line) + 1
    end = next(i for i, line in enumerate(lines) if "自评工作考核评分表" in line and i > start)
    return "\n".join(lines[start : end + 1])


@dataclass(frozen=True)
class Match:
    seed: str
    generated: str | None
    kind: str  # "exact", "close" or "none"
    fixed: bool
    typed: bool = False  # the generated sentence is a typed-once text copied as typed


def fixed_sentences() -> set[str]:
    """Normalized sentences the report writes whatever the data: labels and constant texts."""
    from xlsrc import forms
    from xlsrc.domain import text as T

    out = {normalize(line.label) for line in forms.report.SECTIONS}
    for name in dir(T):
        value = getattr(T, name)
        if name.startswith("N_") and isinstance(value, str) and "{" not in value:
            out.update(normalize(s) for s in sentences(value))
        if name.startswith("N_SUB_"):  # sub-headings: numbered, or naming the year
            for numeral in T.N_NUMERALS[:2]:
                out.add(normalize(value.format(numeral=numeral, year=2024)))
    return out - {normalize(s) for _, (p, m) in _themes() for s in (p, m)}


def _themes() -> list[tuple[str, tuple[str, str]]]:
    from xlsrc.domain.problems import THEMES

    return list(THEMES)


def match(seed_text: str, generated_text: str, typed_text: str = "") -> list[Match]:
    generated = {normalize(s): s for s in sentences(generated_text)}
    fixed = fixed_sentences()
    typed = {normalize(s) for s in sentences(typed_text)}
    out = []
    for s in sentences(seed_text):
        key = normalize(s)
        if not key:
            continue
        if key in generated:
            out.append(Match(s, generated[key], "exact", key in fixed, key in typed))
            continue
        numbers = set(_NUMBER.findall(key))
        best, ratio = None, 0.0
        for g in generated:
            if not numbers <= set(_NUMBER.findall(g)):
                continue
            r = difflib.SequenceMatcher(None, key, g, autojunk=False).ratio()
            if r > ratio:
                best, ratio = g, r
        if best is not None and ratio >= CLOSE:
            out.append(Match(s, generated[best], "close", best in fixed, best in typed))
        else:
            out.append(Match(s, None, "none", False))
    return out


TYPED = ("unit.functions", "unit.structure", "unit.assets", "goal.expected", "goal.actual")


def typed_texts(workbook: Path) -> str:
    """The texts the clerk typed once that the report copies (职能, 机构设置, 资产, 目标)."""
    from xlsrc.adapters.openpyxl_file import OpenpyxlFile
    from xlsrc.binding import Binding

    binding = Binding(OpenpyxlFile(workbook))
    return "\n".join(str(binding.value(f) or "") for f in TYPED)


def generated_report(workbook: Path, tmp: Path) -> str:
    """The report of `workbook` after 生成报告, section label then text."""
    from xlsrc import forms
    from xlsrc.adapters.openpyxl_file import OpenpyxlFile
    from xlsrc.usecases import report

    book = OpenpyxlFile(workbook)
    report(book)
    saved = OpenpyxlFile(book.save(tmp / workbook.name))
    texts = saved.values(saved.area(forms.report.TEXT.name))
    parts = []
    for line, (text,) in zip(forms.report.SECTIONS, texts, strict=True):
        parts.append(line.label)
        if text:
            parts.append(str(text))
    return "\n".join(parts)


def share(matches: list[Match]) -> dict[str, int]:
    return {
        "sentences": len(matches),
        "exact": sum(m.kind == "exact" for m in matches),
        "close": sum(m.kind == "close" for m in matches),
        "fixed": sum(m.kind != "none" and m.fixed for m in matches),
        "data": sum(m.kind != "none" and not m.fixed for m in matches),
        "typed": sum(m.kind != "none" and not m.fixed and m.typed for m in matches),
    }


def main() -> int:
    import tempfile

    example = ROOT / "workbook" / "examples" / "seed002.xlsm"
    with tempfile.TemporaryDirectory() as tmp:
        text = generated_report(example, Path(tmp))
    matches = match(seed_report(), text, typed_texts(example))
    for m in matches:
        tag = {"exact": "=", "close": "~", "none": " "}[m.kind]
        tag += "F" if m.fixed else "T" if m.typed else " "
        print(f"{tag} {m.seed[:60]}")
    n = share(matches)
    total = n["sentences"]
    print(
        f"\n{total} sentences in seed 002's report; generated: {n['exact']} exact + "
        f"{n['close']} close = {n['exact'] + n['close']} ({(n['exact'] + n['close']) / total:.0%}); "
        f"from data {n['data']} ({n['data'] / total:.0%}; of them {n['typed']} copied from "
        f"typed-once texts, {n['data'] - n['typed']} composed), fixed text {n['fixed']}"
    )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
