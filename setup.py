"""Build step pyproject.toml cannot declare: the template workbook goes into the package.

`workbook/template.xlsm` is where `xlsrc build-template` writes it and where a clerk of a
checkout opens it; a wheel carries a copy as `xlsrc/workbook/template.xlsm` so that
`xlsrc import` and `xlsrc init` work wherever xlsrc is installed (xlsrc/template.py finds it).
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

TEMPLATE = Path("workbook") / "template.xlsm"


class BuildWithTemplate(build_py):
    def run(self) -> None:
        super().run()
        if not TEMPLATE.exists():
            raise SystemExit(f"{TEMPLATE} is missing: run `xlsrc build-template` first")
        target = Path(self.build_lib) / "xlsrc" / "workbook"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy2(TEMPLATE, target / TEMPLATE.name)


setup(cmdclass={"build_py": BuildWithTemplate})
