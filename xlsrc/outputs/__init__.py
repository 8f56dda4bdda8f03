"""What a workbook can be exported as: one module per format, each registered by name.

A module here declares `OUTPUTS = (Output(...), ...)` (one format or several); adding a
format is one module and its name in `FORMATS`. Every export receives the workbook scored
and checked once, in memory (`Evaluated`): no format opens or scores the file itself.
Formats that need an optional dependency name it, and asking for one whose dependency is
missing gets the command that installs it. `document` formats are the clerk's papers
(`xlsrc finalize`, `xlsrc report --docx`); the others are data (`xlsrc export`).
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from xlsrc.domain import text as T
from xlsrc.domain.rules import Rules
from xlsrc.errors import InputError, MissingExtra

if TYPE_CHECKING:
    from xlsrc.adapters.openpyxl_file import OpenpyxlFile
    from xlsrc.usecases import Outcome

# The format modules shipped with xlsrc, by module name under xlsrc.outputs.
FORMATS: tuple[str, ...] = ("xlsx", "docx", "data")


@dataclass(frozen=True)
class Evaluated:
    """A workbook as every export receives it: calculated and checked in memory, once.

    `port` holds the workbook with 计算得分's and 检查's outputs (the file is not changed);
    `checked` is what 检查 found, its `evaluation` every scored form's result.
    """

    source: Path
    port: OpenpyxlFile
    checked: Outcome
    rules: Rules | None = None  # the caller's override of the workbook's own rules


def evaluated(source: str | Path, rules: Rules | None = None) -> Evaluated:
    """Open `source`, calculate and check it in memory."""
    from xlsrc import usecases
    from xlsrc.adapters.openpyxl_file import OpenpyxlFile

    port = OpenpyxlFile(source)
    usecases.calculate(port, rules)
    return Evaluated(Path(source), port, usecases.check(port, rules), rules)


@dataclass(frozen=True)
class Output:
    """An export: its name, what it writes, and the function that writes it."""

    name: str
    suffix: str
    description: str  # Chinese, shown in the CLI's help
    write: Callable[..., Path]  # write(evaluated, target, **options) → the file written
    requires: tuple[str, ...] = ()  # modules the format imports
    extra: str = ""  # the pip extra that installs them
    named: Callable[[Path], Path] | None = None  # the file written when no target is given
    document: bool = False  # a paper of the clerk's (finalize, report --docx), not data
    accepts: Callable[[Path, Path], None] | None = None  # refuses a target before any work

    def wanted_target(self, source: Path) -> Path:
        """The name the export takes without a target, however long."""
        return self.named(source) if self.named else source.with_suffix(self.suffix)

    def default_target(self, source: Path) -> Path:
        """Where `write(source)` writes without a target (the CLI locks it before the export):
        the wanted name, shortened if the file system cannot hold it."""
        from xlsrc.files import fit_path

        return fit_path(self.wanted_target(source))


_REGISTRY: dict[str, Output] = {}


def register(output: Output) -> Output:
    if output.name in _REGISTRY and _REGISTRY[output.name] is not output:
        raise ValueError(f"output {output.name!r} is registered twice")
    _REGISTRY[output.name] = output
    return output


def registered() -> dict[str, Output]:
    """Every format, the shipped ones first."""
    for name in FORMATS:
        for output in importlib.import_module(f"{__name__}.{name}").OUTPUTS:
            if output.name not in _REGISTRY:
                register(output)
    return dict(_REGISTRY)


def data_formats() -> dict[str, Output]:
    """The formats `xlsrc export` writes (the clerk's papers have commands of their own)."""
    return {k: v for k, v in registered().items() if not v.document}


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
    name: str,
    source: str | Path,
    target: str | Path | None = None,
    *,
    rules: Rules | None = None,
    checked: Callable[[Outcome], None] | None = None,
    **options: object,
) -> Path:
    """Write `source` in the named format: the workbook is calculated and checked in memory
    once and handed to the format (options such as force= go to its writer); `checked` is
    given what 检查 found before anything is written (the CLI lists it)."""
    output = get(name)
    src = Path(source)
    path = Path(target) if target else output.default_target(src)
    if output.accepts is not None:
        output.accepts(src, path)
    ev = evaluated(src, rules)
    if checked is not None:
        checked(ev.checked)
    return output.write(ev, path, **options)
