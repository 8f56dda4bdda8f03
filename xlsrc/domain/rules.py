"""The region/year-specific scoring settings, as a plain value read from a rules file."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class Band:
    """A qualitative band: its name and its share of the weight, low..high inclusive."""

    name: str
    low: Decimal
    high: Decimal


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


def rules_from_mapping(data: Mapping[str, Any]) -> Rules:
    """Build `Rules` from the parsed rules file (a TOML mapping)."""

    def dec(value: Any) -> Decimal:
        return Decimal(str(value))

    weights = data["weights"]
    grades = sorted(((dec(g["min"]), str(g["name"])) for g in data["grades"]), reverse=True)
    bands = tuple(
        Band(str(b["name"]), dec(b["low"]), dec(b["high"])) for b in data["qualitative"]["bands"]
    )
    precision = data["precision"]
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
    )
