"""What a workbook can be exported as: one module per format, each registered by name.

A module here declares `OUTPUT = Output(...)`; adding a format is one module and its name
in `FORMATS`. Formats that need an optional dependency name it, and asking for one whose
dependency is missing gets the command that installs it.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from xlsrc.domain import text as T
from xlsrc.errors import InputError, MissingExtra

# The formats shipped with xlsrc, by module name under xlsrc.outputs.
FORMATS: tuple[str, ...] = ("xlsx", "docx")


@dataclass(frozen=True)
class Output:
    """An export: its name, what it writes, and the function that writes it."""

    name: str
    suffix: str
    description: str  # Chinese, shown in the CLI's help
    write: Callable[..., Path]  # write(source, target=None, **options) → the file written
    requires: tuple[str, ...] = ()  # modules the format imports
    extra: str = ""  # the pip extra that installs them
    named: Callable[[Path], Path] | None = None  # the file written when no target is given

    def default_target(self, source: Path) -> Path:
        """Where `write(source)` writes without a target (the CLI locks it before the export)."""
        return self.named(source) if self.named else source.with_suffix(self.suffix)


_REGISTRY: dict[str, Output] = {}


def register(output: Output) -> Output:
    if output.name in _REGISTRY and _REGISTRY[output.name] is not output:
        raise ValueError(f"output {output.name!r} is registered twice")
    _REGISTRY[output.name] = output
    return output


def registered() -> dict[str, Output]:
    """Every format, the shipped ones first."""
    for name in FORMATS:
        if name not in _REGISTRY:
            register(importlib.import_module(f"{__name__}.{name}").OUTPUT)
    return dict(_REGISTRY)


def get(name: str) -> Output:
    """The format by name; MissingExtra when its optional dependency is not installed."""
    outputs = registered()
    if name not in outputs:
        raise InputError(T.A_UNKNOWN_FORMAT.format(name=name, choices="、".join(outputs)))
    output = outputs[name]
    missing = [m for m in output.requires if importlib.util.find_spec(m) is None]
    if missing:
        raise MissingExtra(
            T.A_MISSING_EXTRA.format(
                description=output.description, extra=output.extra, modules=", ".join(missing)
            )
        )
    return output


def export(
    name: str, source: str | Path, target: str | Path | None = None, **options: object
) -> Path:
    """Write `source` in the named format (options such as force= go to its writer)."""
    return get(name).write(Path(source), Path(target) if target else None, **options)
