"""The scored forms of a workbook, registered once: how each reads, scores, places and writes.

A scored form is one module here that declares `SCORED = ScoredForm(...)` and is named in
`MODULES`. `calculate`, `check` and `evaluate` (xlsrc.usecases), `collect`, the page and every
export walk `registry()`; none of them names a particular form. A form's findings carry
fields relative to the form ("total", "indicator.target" and a row index); the form's
`place` turns them into cells of the workbook. Every score comes from the domain, so a rules
setting acts the same wherever a form is scored (calc, check, audit, collect, the page).

docs/architecture.md ("Scored forms") tells how to add one.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from xlsrc.adapters.base import Area
from xlsrc.binding import Binding, Writes
from xlsrc.domain.basedata import BaseData
from xlsrc.domain.findings import Finding
from xlsrc.domain.rules import Rules

# The scored forms shipped with xlsrc, by module name under xlsrc.scored, in the order they
# are scored: a form may use the results of those before it.
MODULES: tuple[str, ...] = ("self_eval", "rating", "review", "report2021", "project")


@dataclass(frozen=True)
class Workbook:
    """What every scored form may read besides its own cells: the department's shared inputs."""

    binding: Binding
    rules: Rules
    year: int | None
    base: BaseData
    report_inputs: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Scored:
    """What one scored form gave: the domain's result, its total and grade, its findings.

    `findings` carry fields relative to the form; `declared` is what the form itself shows
    (its 总分 and 等次 as read, before anything is written) for collect's comparison.
    """

    key: str
    result: Any
    total: Decimal | None = None
    grade: str | None = None
    pending: str = ""  # why the total is not final; "" when it is
    findings: tuple[Finding, ...] = ()
    # The instance's binding, for a form of many instances (a project); None for the others.
    binding: Binding | None = field(default=None, compare=False, repr=False)

    @property
    def sheet(self) -> str | None:
        """The sheet of the instance scored; None for a form of one."""
        return None if self.binding is None else self.binding.scope


@dataclass(frozen=True)
class Summary:
    """What the bureau's summary lists of the form whose total is the department's."""

    declared_total: object = None
    declared_grade: object = None
    budget_rate: Decimal | None = None
    budget_score: Decimal | None = None
    subtotals: Mapping[str, Decimal] = field(default_factory=dict)
    unmet: tuple[str, ...] = ()
    differences: tuple[Finding, ...] = ()  # where the figures shown differ from the rules'


def as_float(value: Decimal | None) -> float | None:
    """A score or rate as a cell holds it (Excel stores numbers as floats); None stays blank."""
    return None if value is None else float(value)


def _place(binding: Binding, finding: Finding) -> Area:
    return binding.where(finding.field, finding.row)


def _nothing(w: Writes, scored: Scored) -> None:
    return None


@dataclass(frozen=True)
class ScoredForm:
    """One scored form: its key (the id a rules file's `[forms] required` names) and hooks.

    - `score(book, done)` reads the form's inputs through `book.binding` and scores them with
      the domain; `done` holds the results of the forms scored before it, by key.
    - `place(binding, finding)` is the cell of a finding's form-relative field.
    - `write(writes, scored)` puts the outputs into the form's output cells.
    - `always`: scored even when the rules do not ask for the form (others read its result);
      its findings are listed and its total told only when the rules ask for it.
    - `headline`: its total can be the department's (the first such form the rules ask for).
    - `summary(book, scored)`: what collect lists of it when it is the headline form.
    - `notes(scored)`: a table column ("indicator.message") and each row's 校验提示, written by
      calc and check after cutting each to what a cell holds.
    - `data(scored)`: the form's figures as plain values, for the data exports.
    - `instances(binding)`: for a form of many (the projects), one binding scoped to each
      instance's sheet; the form is scored once per instance and its findings are always
      listed (a workbook that has projects wants them checked, whatever the rules).
    """

    key: str
    score: Callable[[Workbook, Mapping[str, Scored]], Scored]
    place: Callable[[Binding, Finding], Area] = _place
    write: Callable[[Writes, Scored], None] = _nothing
    always: bool = False
    headline: bool = False
    summary: Callable[[Workbook, Scored], Summary] | None = None
    notes: Callable[[Scored], tuple[str, list[object]]] | None = None
    data: Callable[[Scored], dict[str, object]] | None = None
    instances: Callable[[Binding], Sequence[Binding]] | None = None

    def wanted(self, rules: Rules) -> bool:
        return self.always or self.required(rules)

    def required(self, rules: Rules) -> bool:
        return self.instances is not None or self.key in rules.required_forms


_REGISTRY: dict[str, ScoredForm] = {}


def register(form: ScoredForm) -> ScoredForm:
    """Add a scored form after the shipped ones (a test or a plug-in); its key is unique."""
    if form.key in _REGISTRY and _REGISTRY[form.key] is not form:
        raise ValueError(f"scored form {form.key!r} is registered twice")
    _REGISTRY[form.key] = form
    return form


def unregister(key: str) -> None:
    _REGISTRY.pop(key, None)


def registry() -> tuple[ScoredForm, ...]:
    """Every scored form, in the order they are scored (the shipped ones first)."""
    shipped = [importlib.import_module(f"{__name__}.{name}").SCORED for name in MODULES]
    for form in shipped:
        if form.key not in _REGISTRY:
            register(form)
    keys = [f.key for f in shipped]
    return (*shipped, *(f for k, f in _REGISTRY.items() if k not in keys))


@dataclass(frozen=True)
class Results:
    """Every scored form's result, in registry order, with the form that scored it."""

    items: tuple[tuple[ScoredForm, Scored], ...]
    rules: Rules

    def __iter__(self) -> Iterator[tuple[ScoredForm, Scored]]:
        return iter(self.items)

    def get(self, key: str) -> Scored | None:
        return next((s for f, s in self.items if f.key == key), None)

    def every(self, key: str) -> list[Scored]:
        """Every instance's result of a form of many (each project), in tab order."""
        return [s for f, s in self.items if f.key == key]

    def listed(self) -> list[tuple[ScoredForm, Scored, Finding]]:
        """The findings told to the clerk: those of the forms the rules ask for."""
        return [(f, s, x) for f, s in self.items if f.required(self.rules) for x in s.findings]

    def headline(self) -> tuple[ScoredForm, Scored]:
        """The form whose total is the department's: the first the rules ask for that can be
        (the 自评表, or the 评价评分表 in the 2021 format), else the first scored one."""
        can = [(f, s) for f, s in self.items if f.headline and s.total is not None]
        asked = [(f, s) for f, s in can if f.required(self.rules)]
        return (asked or can)[0]


def score_all(book: Workbook, forms: Sequence[ScoredForm] | None = None) -> Results:
    """Score every registered form the workbook's rules want, in registry order."""
    done: dict[str, Scored] = {}
    items: list[tuple[ScoredForm, Scored]] = []
    for form in registry() if forms is None else forms:
        if not form.wanted(book.rules):
            continue
        if form.instances is not None:
            for each in form.instances(book.binding):
                one = form.score(replace(book, binding=each), done)
                items.append((form, replace(one, binding=each)))
            continue
        scored = form.score(book, done)
        done[form.key] = scored
        items.append((form, scored))
    return Results(tuple(items), book.rules)


def write_all(w: Writes, results: Results) -> None:
    """Every form's outputs: a form of one into `w`, each instance into its own sheet."""
    for form, scored in results:
        if scored.binding is None:
            form.write(w, scored)
            continue
        own = Writes(scored.binding)
        form.write(own, scored)
        own.flush()


__all__ = [
    "MODULES",
    "Results",
    "ScoredForm",
    "Scored",
    "Summary",
    "Workbook",
    "as_float",
    "register",
    "registry",
    "score_all",
    "unregister",
    "write_all",
]
