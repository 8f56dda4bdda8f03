"""The VBA project of the workbook: `macros/*.bas|*.cls` turned into vbaProject.bin by pyOpenVBA."""

from __future__ import annotations

import tempfile
import zipfile
from functools import lru_cache
from pathlib import Path


def macro_files(macros_dir: Path) -> list[Path]:
    """The modules of the VBA project, in a stable order."""
    files = [p for p in macros_dir.iterdir() if p.suffix.lower() in (".bas", ".cls")]
    return sorted(files, key=lambda p: p.name.lower())


def vba_project(macros_dir: Path, n_sheets: int) -> bytes:
    """vbaProject.bin holding ThisWorkbook, Sheet1..SheetN and the modules in `macros_dir`."""
    sources = tuple((p.name, p.read_bytes()) for p in macro_files(macros_dir))
    return _vba_project(sources, n_sheets)


@lru_cache(maxsize=4)
def _vba_project(sources: tuple[tuple[str, bytes], ...], n_sheets: int) -> bytes:
    import xlsxwriter
    from pyopenvba import ExcelFile, VBAModuleKind

    with tempfile.TemporaryDirectory() as tmp:
        # pyOpenVBA adds a document module per sheet of the file it is given, so the
        # skeleton needs the final sheet count; its names do not matter.
        skeleton, out = Path(tmp, "skeleton.xlsm"), Path(tmp, "vba.xlsm")
        book = xlsxwriter.Workbook(str(skeleton))
        for _ in range(n_sheets):
            book.add_worksheet()
        book.close()
        with ExcelFile(skeleton) as xf:
            project = xf.add_vba_project()
            for name, data in sources:
                stem, suffix = name.rsplit(".", 1)
                kind = VBAModuleKind.other if suffix.lower() == "cls" else VBAModuleKind.standard
                project.add_module(stem, data.decode("ascii"), kind=kind)
            xf.save(out)
        with zipfile.ZipFile(out) as z:
            return z.read("xl/vbaProject.bin")
