"""Rules files shipped with xlsrc, one per region and year; `load_rules` reads one."""

from __future__ import annotations

import sys
from functools import lru_cache
from importlib import resources
from pathlib import Path

from xlsrc.domain.rules import Rules, rules_from_mapping

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


@lru_cache(maxsize=8)
def load_rules(name_or_path: str = DEFAULT) -> Rules:
    """Load a shipped rules file by name, or any rules file by path."""
    path = Path(name_or_path)
    if path.suffix == ".toml" and path.exists():
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    else:
        ref = resources.files(__name__) / f"{name_or_path}.toml"
        if not ref.is_file():
            raise FileNotFoundError(
                f"找不到评分规则“{name_or_path}”，可选：{'、'.join(available())}"
            )
        data = tomllib.loads(ref.read_text(encoding="utf-8"))
    return rules_from_mapping(data)
