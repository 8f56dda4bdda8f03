"""The shipped 岳阳 2024 rules plus the locality settings of issue 23 (docs/rules.md §7): a full-marks
execution rate of 99%, caps of the total by execution rate (0.80 → 89, 0.70 → 79, 0.60 → 69,
0.50 → 59) and a 2-point deduction for a positive indicator at 130% of its target."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from xlsrc.domain.rules import Rules
from xlsrc.rules import load_rules

FULL_MARKS = "full_marks_rate = 0.99\n"
DEVIATION = "deviation_ratio = 1.3\ndeviation_deduction = 2\n"
CAPS = "".join(
    f"\n[[budget.total_caps]]\nbelow = {below}\nmax = {top}\n"
    for below, top in (("0.80", 89), ("0.70", 79), ("0.60", 69), ("0.50", 59))
)


def capped_text(name: str = "yueyang-2024") -> str:
    """The shipped file's text with the settings added inside its own [budget] and
    [quantitative] tables (a TOML table is written once) and the caps at the end."""
    text = (resources.files("xlsrc.rules") / f"{name}.toml").read_text(encoding="utf-8")
    for anchor, added in (
        ("exec_rate_warning = 0.90\n", FULL_MARKS),
        ("over_achievement_ratio = 1.2\n", DEVIATION),
    ):
        assert text.count(anchor) == 1, anchor
        text = text.replace(anchor, anchor + added)
    return text + CAPS


def capped_file(folder: Path) -> Path:
    path = folder / "yueyang-2024-caps.toml"
    path.write_text(capped_text(), encoding="utf-8")
    return path


def capped_rules(folder: Path) -> Rules:
    return load_rules(str(capped_file(folder)))
