"""Shared fixtures: paths and the seed example data."""

import json
import os
from pathlib import Path

import pytest
import tiers

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "workbook" / "examples"
DATA = EXAMPLES / "data"


def load_seed(name: str) -> dict:
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def rules():
    from xlsrc.rules import load_rules

    return load_rules()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """Tell tests/tiers.py which test runs (its setup, call and teardown), for `require_slow`."""
    tiers.running = item
    try:
        return (yield)
    finally:
        tiers.running = None
