"""Rules files shipped with xlsrc, one per region and year; `load_rules` reads one.

Every file is checked completely on load (`xlsrc.domain.rules.rules_from_mapping`); a faulty file
raises `RulesFileError` whose Chinese message names the file and each wrong setting.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from importlib import resources
from pathlib import Path

from xlsrc.domain import text as T
from xlsrc.domain.rules import Rules, RulesError, rules_from_mapping
from xlsrc.errors import RulesFileError, RulesNotFoundError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DEFAULT = "yueyang-2024"


def available() -> list[str]:
    """Names of the shipped rules files."""
    return sorted(
        p.name[:-5] for p in resources.files(__name__).iterdir() if p.name.endswith(".toml")
    )


def load_rules(name_or_path: str = DEFAULT) -> Rules:
    """Load a shipped rules file by name, or any rules file by path.

    A path is read again on every call, so an edited file is never served stale; shipped files
    do not change while xlsrc runs and are read once.
    """
    path = Path(name_or_path)
    if path.suffix != ".toml":
        return _load_shipped(name_or_path)
    if not path.is_file():
        raise _not_found(name_or_path)
    return _parse(path.read_bytes(), str(path))


@lru_cache(maxsize=8)
def _load_shipped(name: str) -> Rules:
    ref = resources.files(__name__) / f"{name}.toml"
    if not ref.is_file():
        raise _not_found(name)
    return _parse(ref.read_bytes(), f"{name}.toml")


def _not_found(name: str) -> RulesNotFoundError:
    return RulesNotFoundError(T.RULES_NOT_FOUND.format(name=name, choices="、".join(available())))


def _parse(raw: bytes, source: str) -> Rules:
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RulesFileError(T.RULES_NOT_UTF8.format(source=source)) from exc
    try:
        data = tomllib.loads(content)
    except tomllib.TOMLDecodeError as exc:
        raise RulesFileError(_syntax_message(exc, source, content)) from exc
    except RecursionError as exc:  # arrays or tables nested thousands deep
        raise RulesFileError(T.RULES_TOO_DEEP.format(source=source)) from exc
    try:
        from xlsrc.forms import OFFICIAL

        return rules_from_mapping(data, source, OFFICIAL)
    except RulesError as exc:
        raise RulesFileError(str(exc), exc.problems) from exc


def _syntax_message(exc: tomllib.TOMLDecodeError, source: str, content: str) -> str:
    """Chinese sentence naming the file and line; the parser's own words stay as detail.

    tomllib before Python 3.14 gives the place only in its message: "(at line 3, column 5)",
    or "(at end of document)", which is the file's last line.
    """
    detail = str(exc)
    line = getattr(exc, "lineno", None)  # Python 3.14+ and recent tomli
    found = re.search(r"\s*\(at line (\d+), column \d+\)\s*$", detail)
    if found:
        line = line or int(found.group(1))
        detail = detail[: found.start()]
    at_end = re.search(r"\s*\(at end of document\)\s*$", detail)
    if at_end:
        line = line or content.rstrip("\n").count("\n") + 1
        detail = detail[: at_end.start()]
    if line:
        return T.RULES_SYNTAX.format(source=source, line=line, detail=detail)
    return T.RULES_SYNTAX_NO_LINE.format(source=source, detail=detail)
