"""What `review` finds (SPEC §10), as plain records: plan and actual of each model in each period,
the effects that explain the difference, and their totals per merchant."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from gmvcli.engine import ModelResult
from gmvcli.review.issues import Issue

FACTORS: dict[str, tuple[str, ...]] = {
    "content": ("uv", "watch_minutes", "orders_per_minute", "aov", "repurchase_frequency"),
    "shelf": ("uv", "conversion_rate", "aov", "repurchase_frequency"),
}
CONTRIBUTION_LINES = ("net_gmv", "traffic", "commission", "promotion", "content", "goods", "rebate")


class Side(NamedTuple):
    """Plan or actual of one model in one period: the §4 rows and the factors of GMV."""

    result: ModelResult
    factors: dict[str, float]
    inputs: dict[str, float]


class ModelReview(NamedTuple):
    plan: Side
    actual: Side
    gmv_effects: dict[str, float]
    contribution_effects: dict[str, float]

    @property
    def gmv_delta(self) -> float:
        return self.actual.result.gmv - self.plan.result.gmv

    @property
    def contribution_delta(self) -> float:
        return self.actual.result.contribution - self.plan.result.contribution


class PeriodReview(NamedTuple):
    period: int
    start: dt.date
    end: dt.date
    rows: int
    content: ModelReview | None
    shelf: ModelReview | None


class TotalReview(NamedTuple):
    plan_gmv: float
    actual_gmv: float
    gmv_effects: dict[str, float]
    plan_contribution: float
    actual_contribution: float
    contribution_effects: dict[str, float]

    @property
    def gmv_delta(self) -> float:
        return self.actual_gmv - self.plan_gmv

    @property
    def contribution_delta(self) -> float:
        return self.actual_contribution - self.plan_contribution


class MerchantReview(NamedTuple):
    id: str
    name: str
    periods: tuple[PeriodReview, ...]
    content: TotalReview | None
    shelf: TotalReview | None
    warnings: tuple[Issue, ...]
    notes: tuple[tuple[str, tuple[tuple[str, object], ...]], ...]
    first: dt.date | None  # first and last session reviewed
    last: dt.date | None


class Review(NamedTuple):
    file: str
    actuals: str
    name: str
    currency: str
    period: str
    merchants: tuple[MerchantReview, ...]
