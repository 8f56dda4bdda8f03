"""Architecture guards: the domain stays standard-library only."""

import ast
import sys
from pathlib import Path

DOMAIN = Path(__file__).resolve().parent.parent / "xlsrc" / "domain"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            out.add(node.module.split(".")[0])
    return out


def test_domain_imports_only_the_standard_library():
    files = sorted(DOMAIN.glob("*.py"))
    assert files, "no domain modules found"
    for path in files:
        outside = {m for m in imported_modules(path) if m not in sys.stdlib_module_names}
        assert not outside, f"{path.name} imports {sorted(outside)}"


def test_the_guard_would_catch_a_leak(tmp_path):
    leak = tmp_path / "leak.py"
    leak.write_text("import os\nfrom openpyxl import Workbook\n", encoding="utf-8")
    assert imported_modules(leak) - set(sys.stdlib_module_names) == {"openpyxl"}
