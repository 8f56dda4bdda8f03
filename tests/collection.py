"""A bureau's inbox: a folder of departments' workbooks, the good and the bad, with what each should give.

Departments are the seeds' workbooks with another unit and another 全年执行数, scored by
计算得分 through the file adapter (so each file holds the figures the button wrote), some
never scored, some with a total edited by hand, some sent as 定稿; then forms in published
layouts (tests/foreign.py), and what an inbox also holds: a damaged file, a Word document,
a PDF, a spreadsheet that is no 自评表, Excel's lock file, a workbook whose 自评表 sheet was
deleted, the same department twice and the same file twice.

    python tests/collection.py OUT_DIR [N] [--check]
        writes the folder and OUT_DIR.expected.json; --check runs collect and compares
"""

from __future__ import annotations

import json
import random
import shutil
import sys
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
EXAMPLES = ROOT / "workbook" / "examples"
SEEDS_2024 = ("seed000", "seed002")
SEEDS_2021 = ("seed003", "seed004")


@dataclass(frozen=True)
class Expected:
    """What the summary should say of one file: its row, or a fragment of why it is skipped."""

    unit: str = ""
    year: int | None = None
    total: str = ""  # as the rules give it, "94.16"
    grade: str = ""
    follows: str = ""  # 是 / 否 / 未计算
    skipped: str = ""  # a fragment of the reason


def _departments(
    folder: Path, seed: str, count: int, start: int, rng: random.Random
) -> dict[str, Expected]:
    """`count` departments from one seed, each its own unit and 全年执行数; every 10th never
    scored, every 25th with its 总分 edited by hand after scoring."""
    from xlsrc import usecases
    from xlsrc.adapters.openpyxl_file import OpenpyxlFile
    from xlsrc.binding import Binding
    from xlsrc.domain.numbers import fmt

    port = OpenpyxlFile(EXAMPLES / f"{seed}.xlsm")
    b = Binding(port)
    budget = float(b.value("budget.total") or 0)
    base_unit = str(b.value("self.unit"))
    year = int(float(b.value("self.year")))
    own = seed in SEEDS_2024
    targets = [row.get("target") for row in b.rows("indicator")]
    expected: dict[str, Expected] = {}
    for k in range(count):
        i = start + k
        unit = f"{base_unit}（第{i:03d}号）"
        port.write(b.where("self.unit"), [[unit]])
        if own:
            spent = round(budget * rng.uniform(0.55, 1.0), 2)
            port.write(b.where("budget.spent"), [[spent]])
            _shortfalls(port, b, targets, rng.uniform(0.0, 0.6), rng)
        scored = i % 10 != 9
        evaluated = usecases.evaluate(port)
        follows = "未计算"
        if scored:
            usecases.calculate(port)
            follows = "是"
            if i % 25 == 24:
                field = "form.total" if seed in SEEDS_2024 else "rating_form.total"
                port.write(b.where(field), [[float(evaluated.total) + 5]])
                follows = "否"
        else:  # a workbook never scored: its 总分 and 等次 are blank
            for field in ("form.total", "form.grade", "rating_form.total", "rating_form.grade"):
                port.write(b.where(field), [[None]])
        name = f"{i:03d}-{seed}.xlsm"
        port.save(folder / name)
        expected[name] = Expected(unit, year, fmt(evaluated.total), evaluated.grade, follows)
    return expected


def _shortfalls(port, b, targets: list[object], share: float, rng: random.Random) -> None:  # type: ignore[no-untyped-def]
    """About `share` of the rows with an at-least target fall short of it (30% to 99% of it);
    the others are met exactly, as typed text."""
    from xlsrc.domain.values import Op, Quantity, parse_value

    for i, target in enumerate(targets):
        q = parse_value(target)
        if not isinstance(q, Quantity) or q.op not in (Op.GE, Op.GT) or q.number <= 0:
            continue
        factor = rng.uniform(0.3, 0.99) if rng.random() < share else 1.0
        number = float(q.number) * factor
        port.write(b.where("indicator.actual", i), [[f"{number:.4g}{q.unit}"]])


def _finished(folder: Path, source: Path, name: str) -> Path:
    from xlsrc.outputs.xlsx import finalize

    return finalize(source, folder / name, force=True)


def _zip(path: Path, parts: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        for part, text in parts.items():
            z.writestr(part, text)
    return path


WORD = {
    "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    "word/document.xml": "<w:document/>",
}


def make_folder(
    folder: Path, n: int = 60, seed: int = 7, profile: Path | None = None
) -> dict[str, Expected]:
    """Write `n` files (at least 23) into `folder`; what each should give, by its path in it.

    With a LibreOffice `profile`, two of the published forms come as LibreOffice saves them,
    .xls and .ods, in a subfolder (what a WPS or LibreOffice clerk sends).
    """
    import foreign
    import openpyxl

    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    expected: dict[str, Expected] = {}
    foreign_forms = [
        ("form-seed000.xlsx", [foreign.seed_self_eval("seed000")]),
        ("form-seed002.xlsx", [foreign.seed_self_eval("seed002"), foreign.seed002_base()]),
        ("form-langfang.xlsx", foreign.langfang_reordered()),
        ("form-split.xlsx", foreign.split_columns()),
        ("form-wps.xlsx", foreign.wps_totals()),
    ]
    others = len(foreign_forms) + 10  # the forms, a 定稿 and the nine files of an inbox below
    ours = max(8, n - others)
    share_2021 = max(2, ours // 10) // len(SEEDS_2021) * len(SEEDS_2021)
    counts = {s: share_2021 // len(SEEDS_2021) for s in SEEDS_2021}
    counts |= {s: (ours - share_2021) // len(SEEDS_2024) for s in SEEDS_2024}
    counts[SEEDS_2024[0]] += ours - sum(counts.values())
    start = 0
    for s in (*SEEDS_2024, *SEEDS_2021):
        expected.update(_departments(folder, s, counts[s], start, rng))
        start += counts[s]
    for name, sheets in foreign_forms:
        foreign.write_xlsx(sheets, folder / name)
        expected[name] = Expected()  # its row is the audit's (the test reads it so)
    if profile is not None:
        saved = folder / "另存"
        saved.mkdir()
        for name, suffix in (("form-split.xlsx", ".xls"), ("form-wps.xlsx", ".ods")):
            (converted,) = foreign.convert([folder / name], suffix, saved, profile)
            expected.pop(name)  # sent once, as LibreOffice saved it
            (folder / name).unlink()
            expected[converted.relative_to(folder).as_posix()] = Expected()

    first = sorted(
        p for p in expected if p.endswith("seed000.xlsm") and expected[p].follows == "是"
    )
    source = folder / first[0]
    finished = "定稿/" + first[0].replace(".xlsm", "-定稿.xlsx")
    (folder / "定稿").mkdir(exist_ok=True)
    _finished(folder, source, finished)
    # The 定稿 is the same department as its workbook: the workbook (first by path) is kept.
    expected[finished] = Expected(skipped="同为")

    data = source.read_bytes()
    (folder / "damaged.xlsm").write_bytes(data[: len(data) // 2])
    expected["damaged.xlsm"] = Expected(skipped="无法")
    (folder / "报告.docx").write_bytes(b"PK")
    expected["报告.docx"] = Expected(skipped="不是工作簿")
    (folder / "说明.pdf").write_bytes(b"%PDF-1.4\n")
    expected["说明.pdf"] = Expected(skipped="不是工作簿")
    _zip(folder / "word-renamed.xlsx", WORD)
    expected["word-renamed.xlsx"] = Expected(skipped="Word 文档")
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "电话"])
    wb.active.append(["张三", "13800000000"])
    wb.save(folder / "通讯录.xlsx")
    expected["通讯录.xlsx"] = Expected(skipped="找不到自评表")
    (folder / "~$000-seed000.xlsm").write_bytes(b"\x05lock")
    expected["~$000-seed000.xlsm"] = Expected(skipped="临时文件")
    shutil.copy(source, folder / "copy-of-first.xlsm")
    expected["copy-of-first.xlsm"] = Expected(skipped="内容完全相同")
    missing = openpyxl.load_workbook(source, keep_vba=True)
    del missing["自评表"]
    missing.save(folder / "no-self-eval.xlsm")
    expected["no-self-eval.xlsm"] = Expected(skipped="自评表")
    # The same department again, another 执行数: a later file of the unit is not counted.
    second = sorted(p for p in expected if p.endswith("seed002.xlsm") and expected[p].follows)[0]
    again = "zz-resent-" + second
    _resave_spent(folder / second, folder / again)
    expected[again] = Expected(skipped="同为")
    return expected


def _resave_spent(path: Path, target: Path) -> None:
    from xlsrc.adapters.openpyxl_file import OpenpyxlFile
    from xlsrc.binding import Binding

    port = OpenpyxlFile(path)
    b = Binding(port)
    port.write(b.where("budget.spent"), [[float(b.value("budget.spent")) - 1]])
    port.save(target)


def check(folder: Path, expected: dict[str, Expected]) -> list[str]:
    """What `collect` gives otherwise than expected, a line per file (the published forms'
    rows are the audit's; tests/test_collect.py compares them)."""
    from xlsrc.collect import collect
    from xlsrc.domain.numbers import fmt

    done = collect(folder)
    got = {e.file: e for e in done.entries}
    reasons = {s.file: s.reason for s in done.skipped}
    wrong = []
    for name, x in expected.items():
        if x.skipped:
            if x.skipped not in reasons.get(name, ""):
                wrong.append(f"{name}: not skipped for {x.skipped!r} ({reasons.get(name)})")
        elif x.unit:
            e = got.get(name)
            row = e and (
                e.unit,
                e.year,
                fmt(e.total) if e.total is not None else "",
                e.grade,
                e.follows,
            )
            if row != (x.unit, x.year, x.total, x.grade, x.follows):
                wrong.append(f"{name}: {row} != {(x.unit, x.year, x.total, x.grade, x.follows)}")
        elif name not in got:
            wrong.append(f"{name}: no row ({reasons.get(name)})")
    return wrong


def main() -> None:
    out = Path(sys.argv[1])
    n = int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2].isdigit() else 60
    expected = make_folder(out, n)
    Path(str(out) + ".expected.json").write_text(
        json.dumps({k: asdict(v) for k, v in expected.items()}, ensure_ascii=False, indent=1),
        encoding="utf-8",
    )
    print(f"{len(expected)} files in {out}")
    if "--check" in sys.argv:
        wrong = check(out, expected)
        rows = sum(1 for x in expected.values() if x.unit)
        skips = sum(1 for x in expected.values() if x.skipped)
        print(f"checked {rows} departments' rows and {skips} skipped files: {len(wrong)} wrong")
        print("\n".join(wrong))
        sys.exit(1 if wrong else 0)


if __name__ == "__main__":
    main()
