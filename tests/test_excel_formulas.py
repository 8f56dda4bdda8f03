"""Formulas a clerk typed into input cells, as Excel saves them, through calc → check → report.

Excel stores a formula with its last result (`<f>…</f><v>…</v>`). xlsrc reads the result,
never evaluates the formula, and leaves both in the file for the next run.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLES
from hostile import cell_element, package_parts, zipped

from xlsrc.adapters.openpyxl_file import OpenpyxlFile
from xlsrc.cli import main as cli
from xlsrc.domain import text as T
from xlsrc.usecases import calculate, check, report

SHEET = "xl/worksheets/sheet3.xml"  # 自评表 of the examples
# cell → what Excel writes inside <c> for a formula typed there, with its cached result.
FORMULAS = {
    "D5": ("", "<f>300+62.83</f><v>362.83</v>"),  # 全年预算数
    "G15": ("", "<f>5*2</f><v>10</v>"),  # 分值
    "F14": (' t="str"', '<f>"≥"&amp;"300亿"</f><v>≥300亿</v>'),  # 实际完成值
}


def with_formulas(path: Path, formulas: dict[str, tuple[str, str]]) -> Path:
    """The seed 000 example with formulas in the given cells, each keeping its cell format."""
    files = package_parts((EXAMPLES / "seed000.xlsm").read_bytes())
    xml = files[SHEET].decode()
    for ref, (kind, inner) in formulas.items():
        old = cell_element(xml, ref)
        style = re.search(r' s="\d+"', old).group()
        xml = xml.replace(old, f'<c r="{ref}"{style}{kind}>{inner}</c>')
    files[SHEET] = xml.encode()
    path.write_bytes(zipped(files, zipfile.ZIP_DEFLATED))
    return path


def sheet_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(SHEET).decode()


@pytest.mark.slow
def test_formulas_and_their_results_survive_calc_check_report(tmp_path):
    path = with_formulas(tmp_path / "单位自评.xlsm", FORMULAS)
    typed = {ref: cell_element(sheet_xml(path), ref) for ref in FORMULAS}
    for step in (calculate, check, report, calculate):
        book = OpenpyxlFile(path)
        outcome = step(book)
        book.save()
        xml = sheet_xml(path)
        for ref, element in typed.items():
            assert cell_element(xml, ref) == element, (step.__name__, ref)
    assert float(outcome.total) == pytest.approx(94.16)
    assert outcome.grade == "优"


def test_the_cli_runs_calc_then_check_on_a_file_with_formulas(tmp_path, capsys):
    path = with_formulas(tmp_path / "单位自评.xlsm", FORMULAS)
    assert cli(["calc", str(path)]) == 0
    assert cli(["check", str(path)]) == 1  # seed 000 has one error of its own, as before
    out = capsys.readouterr()
    assert "94.16" in out.out
    assert T.A_NO_CACHED_VALUE.split("{")[0] not in out.out + out.err


def test_a_formula_without_its_result_is_named_not_evaluated(tmp_path):
    path = with_formulas(tmp_path / "单位自评.xlsm", {"G15": ("", "<f>5*2</f>")})
    with pytest.raises(Exception, match="自评表.*G15.*5\\*2"):
        calculate(OpenpyxlFile(path))
