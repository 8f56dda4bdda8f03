"""The two test tiers: `python -m pytest -q` runs every test, `python -m pytest -q -m "not slow"`
leaves out the tests marked `slow` (LibreOffice, the browser, whole-workbook builds, expensive CLI
runs, big generated collections), so the developer's loop stays under a minute.

tests/lo.py and tests/browser.py call `require_slow` before they start their program: a test that
is not marked slow and starts one fails, naming itself, so the fast tier cannot grow heavy
unnoticed (a fast test that requests a slow session fixture is caught the same way when the fast
tier runs it first). conftest.py tells this module which test runs; scripts run outside pytest
(the benchmarks, tests/report_share.py) are not checked.
"""

from __future__ import annotations

from typing import Any

MARK = "slow"

# The pytest item running now, or None outside a test (set by conftest.py).
running: Any = None


class UnmarkedSlowTest(RuntimeError):
    """A test outside the slow tier started a slow program."""


def require_slow(program: str) -> None:
    """Fail unless no test runs or the running test is marked slow."""
    item = running
    if item is not None and item.get_closest_marker(MARK) is None:
        raise UnmarkedSlowTest(
            f"{item.nodeid} starts {program}: mark it `@pytest.mark.{MARK}` "
            f"(or its module `pytestmark = pytest.mark.{MARK}`)"
        )
