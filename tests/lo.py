"""LibreOffice and poppler helpers: look at workbooks the way a spreadsheet program prints them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

TOOLS = ("soffice", "pdftotext", "pdftoppm")


def missing_tools() -> list[str]:
    return [t for t in TOOLS if shutil.which(t) is None]


def require_tools() -> None:
    """Fail, not skip: CI installs these (apt: libreoffice-calc fonts-noto-cjk poppler-utils)."""
    missing = missing_tools()
    if missing:
        raise RuntimeError(
            f"missing {', '.join(missing)}; install libreoffice-calc fonts-noto-cjk poppler-utils"
        )


def to_pdf(files: list[Path], outdir: Path, profile: Path, timeout: float = 300) -> list[Path]:
    """Convert all files in one soffice run (its cold start dominates) → the PDFs, same order.

    A private user profile keeps this run apart from any other soffice on the machine.
    """
    require_tools()
    outdir.mkdir(parents=True, exist_ok=True)
    cmd = [
        "soffice",
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(outdir),
        *map(str, files),
    ]
    subprocess.run(cmd, check=True, capture_output=True, timeout=timeout)
    pdfs = [outdir / f"{Path(f).stem}.pdf" for f in files]
    absent = [p.name for p in pdfs if not p.exists()]
    if absent:
        raise RuntimeError(f"LibreOffice wrote no PDF for {', '.join(absent)}")
    return pdfs


def pdf_text(pdf: Path, layout: bool = True) -> str:
    """The PDF's text: laid out as on the page, or (`layout=False`) in drawing order, where a
    wrapped cell's lines follow each other."""
    require_tools()
    return subprocess.run(
        ["pdftotext", *(["-layout"] if layout else []), str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def pdf_pages(pdf: Path, layout: bool = True) -> list[str]:
    """Text per page (pdftotext separates pages with form feeds)."""
    return pdf_text(pdf, layout).split("\f")[:-1]


def to_png(pdf: Path, prefix: Path, dpi: int = 60) -> list[Path]:
    """One PNG per page, for looking at the layout."""
    require_tools()
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(prefix)], check=True)
    return sorted(prefix.parent.glob(f"{prefix.name}-*.png"))
