"""The region/year-specific scoring settings, as a plain value read from a rules file.

A rules file is checked completely before it is used: every unknown key, missing key, wrong type
and out-of-range value is reported in one `RulesError`, each naming the setting by its dotted path
(`precision.rate_places`; `grades[2].min` is the `min` of the second `[[grades]]`).
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from . import text as T

REVERSE_FORMULAS = ("target_over_actual", "linear")
THREE_PUBLIC_BASES = ("final", "budget")
PER_POINT_MODES = ("proportional", "whole")
LATE_PENALTIES = ("proportional", "zero")
MAX_PLACES = 6
# The forms asked for when a rules file has no [forms]: the 基础数据表, the 自评表 and the report,
# the core of the current (2024) format (docs/rules.md §1, §5); seed 002 submits these and 附件5 too.
DEFAULT_REQUIRED_FORMS = ("附件1", "附件2", "自评报告")
# The form ids a rules file may name when the caller does not say (the loader passes the
# workbook's official forms, so a new form needs no change here).
DEFAULT_FORM_IDS = ("附件1", "附件2", "附件4-1", "附件5", "自评报告", "自评报告（2021）")


class RulesError(ValueError):
    """A rules file that cannot be used; `problems` lists every fault, `str()` joins them."""

    def __init__(self, problems: Sequence[str], source: str | None = None) -> None:
        self.problems = tuple(problems)
        self.source = source
        joined = T.RULES_SEPARATOR.join(self.problems)
        if source:
            message = T.RULES_INVALID.format(source=source, problems=joined)
        else:
            message = T.RULES_INVALID_NO_SOURCE.format(problems=joined)
        super().__init__(message)


@dataclass(frozen=True)
class Band:
    """A qualitative band: its name and its share of the weight, low..high inclusive."""

    name: str
    low: Decimal
    high: Decimal


@dataclass(frozen=True)
class RatingRules:
    """Settings of the 评价评分表 (附件4-1) that differ by locality.

    `three_public_basis`: the this-year 三公 figure compared with last year's 决算 for the
    变动率, "final" (本年决算) or "budget" (本年预算); `per_point`: how "每超过/每减少一个百分点"
    counts a part of a point, "proportional" (0.5 point over deducts half) or "whole" (only
    whole points count); `score_places`: decimals of a row's score.
    """

    three_public_basis: str = "final"
    per_point: str = "proportional"
    score_places: int = 2


@dataclass(frozen=True)
class ReviewRules:
    """Settings of the 考核评分表 (附件5) pre-score that differ by year.

    `deadline`: the day the report is due at the finance bureau (set by each year's notice),
    None when the rules file does not say; `late_points`: points deducted per working day late.
    """

    deadline: dt.date | None = None
    late_points: Decimal = Decimal(1)


@dataclass(frozen=True)
class TotalCap:
    """The total may not exceed `max` while the execution rate is below `below` (a share)."""

    below: Decimal
    max: Decimal


@dataclass(frozen=True)
class Rules:
    """Everything in scoring that differs by locality or year.

    References:
        财预〔2020〕10号 (standard weights, qualitative bands, grades);
        the rules file itself cites its sources per setting.
    """

    region: str
    year: int
    category_weights: tuple[tuple[str, Decimal], ...]
    grades: tuple[tuple[Decimal, str], ...]  # (lower bound, name), highest first
    bands: tuple[Band, ...]
    over_achievement_ratio: Decimal
    exec_rate_warning: Decimal
    rate_places: int
    budget_score_places: int
    indicator_score_places: int
    reverse_formula: str  # "target_over_actual" | "linear"
    late_penalty: str  # "proportional" | "zero"
    late_period_days: int
    required_forms: tuple[str, ...] = DEFAULT_REQUIRED_FORMS  # form ids of the official forms
    rating: RatingRules = RatingRules()
    review: ReviewRules = ReviewRules()
    publication_basis: str = ""  # the document 自评结果 are applied by (报告 九), "" when unnamed
    # Optional locality rules (docs/rules.md §7); None / () / 0 change nothing.
    full_marks_rate: Decimal | None = None  # 执行率 at or above it earns the budget row's weight
    total_caps: tuple[TotalCap, ...] = ()  # caps of the total by 执行率
    deviation_ratio: Decimal | None = None  # positive row with B ≥ A × ratio is 偏离
    deviation_deduction: Decimal = Decimal(0)  # points taken off a 偏离 row

    def cap_for(self, rate: Decimal | None) -> TotalCap | None:
        """The cap that applies at this execution rate: the lowest `max` among the caps whose
        `below` the rate is under; None when none applies or the rate is unknown."""
        caps = [c for c in self.total_caps if rate is not None and rate < c.below]
        return min(caps, key=lambda c: (c.max, c.below)) if caps else None

    @property
    def default_band(self) -> Band:
        return self.bands[0]

    def band(self, name: str) -> Band | None:
        key = name.strip()
        for band in self.bands:
            if band.name == key or (key and key in band.name):
                return band
        return None

    def expected_weight(self, category: str) -> Decimal | None:
        return dict(self.category_weights).get(category)


def shown(value: Any) -> str:
    """A value as the clerk wrote it in the file, for "现为…"."""
    if isinstance(value, str):
        return f"“{value}”"
    if isinstance(value, bool):
        return " true" if value else " false"
    if isinstance(value, Mapping):
        return T.RULES_FOUND_TABLE
    if isinstance(value, list):
        return T.RULES_FOUND_LIST
    return f" {value}"


class _Check:
    """Collects the problems of one rules mapping."""

    def __init__(self, form_ids: Collection[str]) -> None:
        self.problems: list[str] = []
        self.form_ids = tuple(form_ids)

    def wrong(self, path: str, expected: str, value: Any) -> None:
        self.problems.append(T.RULES_WRONG.format(path=path, expected=expected, found=shown(value)))

    def add(self, problem: str) -> None:
        self.problems.append(problem)


Validator = Callable[[_Check, str, Any], None]


_V = TypeVar("_V")


def _described(validate: _V, **parts: Any) -> _V:
    """`validate` carrying what `keys()` reads: a table's `fields` and `optional` keys, an
    array's `items` (a function that builds the item's validator), a free key's `any_key`."""
    for name, part in parts.items():
        setattr(validate, name, part)
    return validate


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _is_number(value: Any) -> bool:
    """An int or a finite float; not a bool (an int subclass), not nan or inf."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return not isinstance(value, float) or math.isfinite(value)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _text(check: _Check, path: str, value: Any) -> None:
    if not isinstance(value, str) or not value.strip():
        check.wrong(path, T.RULES_EXPECT_TEXT, value)


def _integer(low: int, high: int | None, expected: str) -> Validator:
    def validate(check: _Check, path: str, value: Any) -> None:
        if not _is_int(value) or value < low or (high is not None and value > high):
            check.wrong(path, expected, value)

    return validate


def _number(low: float, high: float | None, expected: str) -> Validator:
    def validate(check: _Check, path: str, value: Any) -> None:
        if not _is_number(value) or value < low or (high is not None and value > high):
            check.wrong(path, expected, value)

    return validate


def _choice(*options: str) -> tuple[Validator, str]:
    """One of `options`, and what that expects."""
    expected = T.RULES_EXPECT_ONE_OF.format(choices="、".join(f"“{o}”" for o in options))

    def validate(check: _Check, path: str, value: Any) -> None:
        if value not in options:
            check.wrong(path, expected, value)

    return validate, expected


def _table(
    fields: Mapping[str, tuple[Validator, str]],
    optional: Collection[str] = (),
    together: Collection[tuple[str, str]] = (),
) -> Validator:
    """A table with exactly these keys (each with its validator and what it expects); of each
    pair in `together`, both optional keys are written or neither."""

    def validate(check: _Check, path: str, value: Any) -> None:
        if not isinstance(value, Mapping):
            check.wrong(path, T.RULES_EXPECT_TABLE.format(path=path), value)
            return
        for key in value:
            if key not in fields:
                where = _join(path, str(key))
                hints = difflib.get_close_matches(str(key), list(fields), n=1)
                if hints:
                    hint = _join(path, hints[0])
                    check.add(T.RULES_UNKNOWN_KEY_HINT.format(path=where, hint=hint))
                else:
                    check.add(T.RULES_UNKNOWN_KEY.format(path=where))
        for key, (validator, expected) in fields.items():
            where = _join(path, key)
            if key in value:
                validator(check, where, value[key])
            elif key not in optional:
                check.add(T.RULES_MISSING.format(path=where, expected=expected))
        for first, second in together:
            if (first in value) != (second in value):
                given, absent = (first, second) if first in value else (second, first)
                check.add(
                    T.RULES_TOGETHER.format(
                        path=_join(path, absent),
                        given=_join(path, given),
                        expected=fields[absent][1],
                    )
                )

    return _described(validate, fields=fields, optional=tuple(optional))


def _tables(item: Validator) -> Callable[[_Check, str, Any], list[Mapping[str, Any]]]:
    """An array of tables ([[path]]), at least one; returns the items that are tables."""

    def validate(check: _Check, path: str, value: Any) -> list[Mapping[str, Any]]:
        if not isinstance(value, list):
            check.wrong(path, T.RULES_EXPECT_TABLES.format(path=path), value)
            return []
        if not value:
            check.add(T.RULES_EMPTY.format(path=path))
        for i, entry in enumerate(value, start=1):
            item(check, f"{path}[{i}]", entry)
        return [entry for entry in value if isinstance(entry, Mapping)]

    return _described(validate, items=lambda: item)


def _no_repeats(check: _Check, path: str, names: Sequence[Any]) -> None:
    seen: set[Any] = set()
    for name in names:
        if name in seen:
            check.add(T.RULES_DUPLICATE.format(path=path, name=name))
        seen.add(name)


def _weights(check: _Check, path: str, value: Any) -> None:
    """Weights by 一级指标: any category name, each a non-negative number."""
    if not isinstance(value, Mapping):
        check.wrong(path, T.RULES_EXPECT_TABLE.format(path=path), value)
        return
    non_negative = _number(0, None, T.RULES_EXPECT_NON_NEGATIVE)
    for key, weight in value.items():
        non_negative(check, _join(path, str(key)), weight)


# The checks are built when a file is checked, never at import, so each can be tested.
_NAME = (_text, T.RULES_EXPECT_TEXT)


def _share() -> tuple[Validator, str]:
    return _number(0, 1, T.RULES_EXPECT_SHARE), T.RULES_EXPECT_SHARE


def _places() -> tuple[Validator, str]:
    return _integer(0, MAX_PLACES, T.RULES_EXPECT_PLACES), T.RULES_EXPECT_PLACES


def _grade() -> Validator:
    return _table(
        {
            "name": _NAME,
            "min": (_number(0, 100, T.RULES_EXPECT_GRADE_MIN), T.RULES_EXPECT_GRADE_MIN),
        }
    )


def _grades(check: _Check, path: str, value: Any) -> None:
    grades = _tables(_grade())(check, path, value)
    _no_repeats(check, path, [g["name"] for g in grades if isinstance(g.get("name"), str)])
    mins = [g["min"] for g in grades if _is_number(g.get("min"))]
    seen: set[Decimal] = set()
    for low in mins:
        if Decimal(str(low)) in seen:
            check.add(T.RULES_DUPLICATE_MIN.format(path=path, min=low))
        seen.add(Decimal(str(low)))
    if grades and mins and Decimal(0) not in seen:
        check.add(T.RULES_NO_ZERO_GRADE.format(path=path))


def _band() -> Validator:
    return _table({"name": _NAME, "low": _share(), "high": _share()})


def _bands(check: _Check, path: str, value: Any) -> None:
    bands = _tables(_band())(check, path, value)
    _no_repeats(check, path, [b["name"] for b in bands if isinstance(b.get("name"), str)])
    for i, band in enumerate(value if isinstance(value, list) else [], start=1):
        if not isinstance(band, Mapping):
            continue
        low: Any = band.get("low")
        high: Any = band.get("high")
        if _is_number(low) and _is_number(high) and low > high:
            check.add(T.RULES_LOW_ABOVE_HIGH.format(path=f"{path}[{i}]", low=low, high=high))


def _cap() -> Validator:
    return _table(
        {
            "below": _share(),
            "max": (_number(0, 100, T.RULES_EXPECT_POINTS), T.RULES_EXPECT_POINTS),
        }
    )


def _caps(check: _Check, path: str, value: Any) -> None:
    """[[budget.total_caps]]: each a `below` rate (share) and the `max` total below it."""
    caps = _tables(_cap())(check, path, value)
    belows = [c["below"] for c in caps if _is_number(c.get("below"))]
    seen: set[Decimal] = set()
    for below in belows:
        if Decimal(str(below)) in seen:
            check.add(T.RULES_DUPLICATE_BELOW.format(path=path, below=below))
        seen.add(Decimal(str(below)))


_described(_weights, any_key=("<category>", T.RULES_EXPECT_NON_NEGATIVE))
_described(_grades, items=_grade)
_described(_bands, items=_band)
_described(_caps, items=_cap)


def _date(check: _Check, path: str, value: Any) -> None:
    """A TOML date (2025-06-30), not a date-time and not text."""
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        check.wrong(path, T.RULES_EXPECT_DATE, value)


def _form_ids(check: _Check, path: str, value: Any) -> None:
    if not isinstance(value, list):
        check.wrong(path, T.RULES_EXPECT_LIST, value)
        return
    if not value:
        check.add(T.RULES_EMPTY.format(path=path))
    one_of, _ = _choice(*check.form_ids)
    for i, form in enumerate(value, start=1):
        one_of(check, f"{path}[{i}]", form)
    _no_repeats(check, path, [f for f in value if isinstance(f, str)])


def _schema() -> Validator:
    """The whole rules file's checks; built per call so that no check is fixed at import."""
    return _table(
        {
            "region": _NAME,
            "year": (_integer(1900, 2999, T.RULES_EXPECT_YEAR), T.RULES_EXPECT_YEAR),
            "weights": (_weights, T.RULES_EXPECT_TABLE.format(path="weights")),
            "grades": (_grades, T.RULES_EXPECT_TABLES.format(path="grades")),
            "budget": (
                _table(
                    {
                        "exec_rate_warning": _share(),
                        "full_marks_rate": _share(),
                        "total_caps": (
                            _caps,
                            T.RULES_EXPECT_TABLES.format(path="budget.total_caps"),
                        ),
                    },
                    optional=("full_marks_rate", "total_caps"),
                ),
                T.RULES_EXPECT_TABLE.format(path="budget"),
            ),
            "precision": (
                _table(
                    {
                        "rate_places": _places(),
                        "budget_score_places": _places(),
                        "indicator_score_places": _places(),
                    }
                ),
                T.RULES_EXPECT_TABLE.format(path="precision"),
            ),
            "quantitative": (
                _table(
                    {
                        "reverse_formula": _choice(*REVERSE_FORMULAS),
                        "over_achievement_ratio": (
                            _number(1, None, T.RULES_EXPECT_RATIO),
                            T.RULES_EXPECT_RATIO,
                        ),
                        "deviation_ratio": (
                            _number(1, None, T.RULES_EXPECT_RATIO),
                            T.RULES_EXPECT_RATIO,
                        ),
                        "deviation_deduction": (
                            _number(0, 100, T.RULES_EXPECT_POINTS),
                            T.RULES_EXPECT_POINTS,
                        ),
                    },
                    optional=("deviation_ratio", "deviation_deduction"),
                    together=(("deviation_ratio", "deviation_deduction"),),
                ),
                T.RULES_EXPECT_TABLE.format(path="quantitative"),
            ),
            "time": (
                _table(
                    {
                        "late_penalty": _choice(*LATE_PENALTIES),
                        "period_days": (
                            _integer(1, None, T.RULES_EXPECT_POSITIVE_INT),
                            T.RULES_EXPECT_POSITIVE_INT,
                        ),
                    }
                ),
                T.RULES_EXPECT_TABLE.format(path="time"),
            ),
            "qualitative": (
                _table({"bands": (_bands, T.RULES_EXPECT_TABLES.format(path="qualitative.bands"))}),
                T.RULES_EXPECT_TABLE.format(path="qualitative"),
            ),
            "forms": (
                _table({"required": (_form_ids, T.RULES_EXPECT_LIST)}),
                T.RULES_EXPECT_TABLE.format(path="forms"),
            ),
            "rating": (
                _table(
                    {
                        "three_public_basis": _choice(*THREE_PUBLIC_BASES),
                        "per_point": _choice(*PER_POINT_MODES),
                        "score_places": _places(),
                    }
                ),
                T.RULES_EXPECT_TABLE.format(path="rating"),
            ),
            "review": (
                _table(
                    {
                        "deadline": (_date, T.RULES_EXPECT_DATE),
                        "late_points": (
                            _number(0, 10, T.RULES_EXPECT_LATE_POINTS),
                            T.RULES_EXPECT_LATE_POINTS,
                        ),
                    },
                    optional=("deadline",),
                ),
                T.RULES_EXPECT_TABLE.format(path="review"),
            ),
            "report": (
                _table({"publication_basis": _NAME}),
                T.RULES_EXPECT_TABLE.format(path="report"),
            ),
        },
        optional=("forms", "rating", "review", "report"),
    )


@dataclass(frozen=True)
class Key:
    """One key of a rules file: its dotted path, whether its table must hold it, what it expects.

    `grades[].min` is the `min` of each `[[grades]]`; `weights.<category>` any 一级指标 name.
    """

    path: str
    required: bool
    expected: str


def keys() -> Iterator[Key]:
    """Every key the schema checks, each table before its keys (docs/rules-keys.md lists them)."""
    return _keys(_schema(), "")


def _keys(validate: Validator, path: str) -> Iterator[Key]:
    fields = getattr(validate, "fields", {})
    for key, (child, expected) in fields.items():
        where = _join(path, key)
        yield Key(where, key not in getattr(validate, "optional", ()), expected)
        yield from _keys(child, where)
    items = getattr(validate, "items", None)
    if items is not None:
        yield from _keys(items(), f"{path}[]")
    any_key = getattr(validate, "any_key", None)
    if any_key is not None:
        yield Key(_join(path, any_key[0]), False, any_key[1])


def rules_problems(data: Any, form_ids: Collection[str] = DEFAULT_FORM_IDS) -> list[str]:
    """Every problem of a parsed rules file, in file order of the schema; empty when usable.

    `form_ids` are the forms a rules file may ask for (the workbook's official forms).
    """
    check = _Check(form_ids)
    _schema()(check, "", data)
    return check.problems


def rules_from_mapping(
    data: Mapping[str, Any],
    source: str | None = None,
    form_ids: Collection[str] = DEFAULT_FORM_IDS,
) -> Rules:
    """Build `Rules` from the parsed rules file (a TOML mapping).

    Raises `RulesError` naming `source` (the file) and every problem when the mapping is not a
    complete, valid rules file.
    """
    problems = rules_problems(data, form_ids)
    if problems:
        raise RulesError(problems, source)

    def dec(value: Any) -> Decimal:
        return Decimal(str(value))

    weights = data["weights"]
    grades = sorted(((dec(g["min"]), str(g["name"])) for g in data["grades"]), reverse=True)
    bands = tuple(
        Band(str(b["name"]), dec(b["low"]), dec(b["high"])) for b in data["qualitative"]["bands"]
    )
    precision = data["precision"]
    forms = data.get("forms", {}).get("required", DEFAULT_REQUIRED_FORMS)
    rating = data.get("rating")
    review = data.get("review")
    budget, quantitative = data["budget"], data["quantitative"]
    full_marks = budget.get("full_marks_rate")
    deviation = quantitative.get("deviation_ratio")
    return Rules(
        region=str(data["region"]),
        year=int(data["year"]),
        category_weights=tuple((str(k), dec(v)) for k, v in weights.items()),
        grades=tuple(grades),
        bands=bands,
        over_achievement_ratio=dec(data["quantitative"]["over_achievement_ratio"]),
        exec_rate_warning=dec(data["budget"]["exec_rate_warning"]),
        rate_places=int(precision["rate_places"]),
        budget_score_places=int(precision["budget_score_places"]),
        indicator_score_places=int(precision["indicator_score_places"]),
        reverse_formula=str(data["quantitative"]["reverse_formula"]),
        late_penalty=str(data["time"]["late_penalty"]),
        late_period_days=int(data["time"]["period_days"]),
        required_forms=tuple(str(f) for f in forms),
        rating=RatingRules(
            str(rating["three_public_basis"]),
            str(rating["per_point"]),
            int(rating["score_places"]),
        )
        if rating
        else RatingRules(),
        review=ReviewRules(review.get("deadline"), dec(review["late_points"]))
        if review
        else ReviewRules(),
        publication_basis=str(data.get("report", {}).get("publication_basis", "")),
        full_marks_rate=None if full_marks is None else dec(full_marks),
        total_caps=tuple(
            TotalCap(dec(c["below"]), dec(c["max"])) for c in budget.get("total_caps", ())
        ),
        deviation_ratio=None if deviation is None else dec(deviation),
        deviation_deduction=dec(quantitative.get("deviation_deduction", 0)),
    )
