"""The fast tier stays fast and the mutation run stays whole (README, developer guide).

`python -m pytest -q -m "not slow"` is the developer's loop: the tests marked `slow` start
LibreOffice or the browser, build whole workbooks or run big collections. tests/tiers.py makes a
test that starts LibreOffice or Chromium without the mark fail; these tests keep the rest honest.
"""

from __future__ import annotations

import ast
import fnmatch
import subprocess
import sys
from pathlib import Path

import pytest
import tiers

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
MUTMUT = PYPROJECT["tool"]["mutmut"]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module.split(".")[0])
    return out


def _marked_slow_at_module_level(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "pytestmark" for t in node.targets
        ):
            return "slow" in ast.unparse(node.value).split(".")
    return False


def test_the_slow_marker_is_registered():
    names = [m.split(":")[0].strip() for m in PYPROJECT["tool"]["pytest"]["ini_options"]["markers"]]
    assert tiers.MARK in names


def test_modules_driving_the_browser_are_slow_as_a_whole():
    driving = [
        p.name for p in sorted(TESTS.glob("test_*.py")) if _imports(p) & {"selenium", "browser"}
    ]
    assert "test_web_browser.py" in driving
    assert [n for n in driving if not _marked_slow_at_module_level(TESTS / n)] == []


def test_the_module_mark_is_read_from_the_assignment(tmp_path):
    slow = tmp_path / "test_a.py"
    slow.write_text("import pytest\n\npytestmark = pytest.mark.slow\n", encoding="utf-8")
    other = tmp_path / "test_b.py"
    other.write_text("import pytest\n\npytestmark = pytest.mark.filterwarnings('x')\n", "utf-8")
    assert _marked_slow_at_module_level(slow) and not _marked_slow_at_module_level(other)


def test_a_fast_test_that_starts_libreoffice_fails_naming_itself(request):
    assert tiers.running is request.node
    with pytest.raises(tiers.UnmarkedSlowTest, match="test_a_fast_test_that_starts_libreoffice"):
        tiers.require_slow("LibreOffice")
    import lo

    with pytest.raises(tiers.UnmarkedSlowTest, match="LibreOffice"):
        lo.to_pdf([ROOT / "workbook" / "template.xlsm"], Path("/nonexistent"), Path("/nonexistent"))


@pytest.mark.slow
def test_a_slow_test_may_start_them():
    tiers.require_slow("LibreOffice")  # no error: the mark is there


def test_outside_a_test_nothing_is_checked(monkeypatch):
    monkeypatch.setattr(tiers, "running", None)
    tiers.require_slow("LibreOffice")


# ------------------------------------------------------------------ the mutation run


def _mutated(path: str) -> bool:
    return any(fnmatch.fnmatch(path, p) for p in MUTMUT["only_mutate"]) and not any(
        fnmatch.fnmatch(path, p) for p in MUTMUT.get("do_not_mutate", [])
    )


def test_mutmut_mutates_every_domain_module_but_the_sentences():
    domain = sorted(
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "xlsrc" / "domain").glob("*.py")
        if p.name != "__init__.py"
    )
    assert "xlsrc/domain/rating.py" in domain
    left_out = [p for p in domain if not _mutated(p)]
    assert left_out == ["xlsrc/domain/text.py"]


def test_mutmut_runs_existing_fast_test_files():
    args = MUTMUT["pytest_add_cli_args_test_selection"]
    files = [a for a in args if a.endswith(".py")]
    assert files and all((ROOT / f).is_file() for f in files)
    assert args[args.index("-m") + 1] == "not slow"
    slow_modules = [f for f in files if _marked_slow_at_module_level(ROOT / f)]
    assert slow_modules == []


@pytest.mark.slow
def test_the_fast_tier_holds_at_least_70_percent_of_the_tests():
    def count(*args: str) -> int:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "--collect-only",
                "-q",
                "-p",
                "no:cacheprovider",
                *args,
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
        return sum(1 for line in done.stdout.splitlines() if "::" in line)

    every, fast = count(), count("-m", "not slow")
    assert every > 1000 and fast >= 0.7 * every, (fast, every)
