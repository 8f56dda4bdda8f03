"""The outputs registry: formats by name, a clear message for an unknown one or a missing extra."""

from __future__ import annotations

import pytest
from conftest import EXAMPLES

from xlsrc import outputs
from xlsrc.cli import main as cli
from xlsrc.errors import InputError, MissingExtra


def test_the_shipped_formats_are_registered():
    registered = outputs.registered()
    assert list(registered) == ["xlsx", "docx", "json", "csv"]  # one module may bring several
    assert registered["xlsx"].suffix == ".xlsx"
    assert [k for k, v in registered.items() if v.document] == ["xlsx", "docx"]
    assert list(outputs.data_formats()) == ["json", "csv"]


def test_an_unknown_format_lists_the_choices():
    with pytest.raises(InputError) as err:
        outputs.get("pdf")
    assert "pdf" in str(err.value) and "xlsx" in str(err.value)


def test_a_format_whose_extra_is_missing_says_what_to_install(monkeypatch):
    fake = outputs.Output(
        "fake", ".fake", "报告", lambda src, out=None: out, ("no_such_module_xyz",), "word"
    )
    monkeypatch.setitem(outputs._REGISTRY, "fake", fake)
    with pytest.raises(MissingExtra) as err:
        outputs.get("fake")
    assert 'pip install "xlsrc[word]"' in str(err.value)
    assert "no_such_module_xyz" in str(err.value)


def test_registering_a_second_format_under_a_taken_name_fails():
    with pytest.raises(ValueError):
        outputs.register(outputs.Output("xlsx", ".xlsx", "x", lambda src, out=None: out))


def test_cli_finalize_goes_through_the_registry(tmp_path, capsys):
    out = tmp_path / "定稿.xlsx"
    assert cli(["finalize", str(EXAMPLES / "seed002.xlsm"), "-o", str(out)]) == 0
    assert out.exists()
    assert cli(["finalize", str(EXAMPLES / "seed000.xlsm"), "--format", "odt"]) == 2
    assert "odt" in capsys.readouterr().err
