"""Internal errors go to a log file, never to the clerk's screen as a traceback.

The log folder is `XLSRC_LOG_DIR` if set, else `~/.xlsrc/logs`, else `<temp>/xlsrc-logs`;
only the newest `KEEP` logs are kept.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import platform
import sys
import tempfile
import traceback
from pathlib import Path

KEEP = 20


def folders() -> list[Path]:
    configured = os.environ.get("XLSRC_LOG_DIR")
    if configured:
        return [Path(configured)]
    return [Path.home() / ".xlsrc" / "logs", Path(tempfile.gettempdir()) / "xlsrc-logs"]


def write(exc: BaseException, context: str = "") -> Path | None:
    """Write `exc` with its traceback to a new log file; its path, or None if no folder is writable."""
    from xlsrc import __version__

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    lines = [
        f"xlsrc {__version__}, Python {platform.python_version()}, {platform.platform()}",
        f"time: {dt.datetime.now().isoformat(timespec='seconds')}",
        f"argv: {sys.argv!r}",
        f"context: {context}",
        "",
        *traceback.format_exception(type(exc), exc, exc.__traceback__),
    ]
    for folder in folders():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"xlsrc-{stamp}-{os.getpid()}.log"
            path.write_text("\n".join(lines), encoding="utf-8")
        except OSError:
            continue
        _prune(folder)
        return path
    return None


def explain(exc: BaseException, context: str, sentence: str) -> str:
    """Log `exc` with its traceback; `sentence` (with {log}) tells the clerk where the log is."""
    from xlsrc.domain import text as T

    log = write(exc, context)
    if log is None:
        return T.U_INTERNAL_NO_LOG.format(detail=f"{type(exc).__name__}: {exc}")
    return sentence.format(log=log)


def _prune(folder: Path) -> None:
    with contextlib.suppress(OSError):
        logs = sorted(folder.glob("xlsrc-*.log"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in logs[KEEP:]:
            old.unlink()
