"""The validated scenario as typed, immutable records."""

from __future__ import annotations

from typing import NamedTuple

from gmvcli.loader import PathPart
from gmvcli.model.kinds import Distribution
from gmvcli.plan import Effects

__all__ = [
    "Content",
    "Correlation",
    "Forecast",
    "Merchant",
    "PolicyDef",
    "PolicyUse",
    "Scenario",
    "Shelf",
    "only_merchants",
]


class Shelf(NamedTuple):
    uv: float  # with traffic_budget: the visitors it buys at the base cost (the engine recomputes)
    conversion_rate: float
    aov: float
    repurchase_frequency: float = 1.0
    traffic_cost_per_uv: float = 0.0
    commission_rate: float = 0.0
    discount_rate: float = 0.0
    refund_rate: float = 0.0
    traffic_budget: float | None = None  # held in a forecast: uv = budget ÷ cost of a visitor


class Content(NamedTuple):
    watch_minutes: float
    orders_per_minute: float
    aov: float
    private_uv: float | None = None
    fans: float | None = None
    reach_rate: float | None = None
    public_uv: float = 0.0
    repurchase_frequency: float = 1.0
    public_cost_per_uv: float = 0.0
    commission_rate: float = 0.0
    discount_rate: float = 0.0
    refund_rate: float = 0.0
    content_cost: float = 0.0
    public_budget: float | None = None  # held in a forecast: public_uv = budget ÷ cost


class Forecast(NamedTuple):
    """Forecast keys; None where the file does not set them (merchant keys override file keys)."""

    periods: int | None = None
    follow_rate: float | None = None
    fan_churn_rate: float | None = None
    shelf_traffic_cost_growth: float | None = None
    public_cost_growth: float | None = None


class PolicyDef(NamedTuple):
    name: str | tuple[str, str] | None  # text, or (zh, en)
    roles: tuple[str, ...] | None
    effects: Effects


class PolicyUse(NamedTuple):
    use: str
    effects: Effects


class Merchant(NamedTuple):
    id: str
    name: str
    role: str | None = None
    cogs_rate: float = 0.0
    policies: tuple[PolicyUse, ...] = ()
    shelf: Shelf | None = None
    content: Content | None = None
    forecast: Forecast | None = None


class Correlation(NamedTuple):
    """A rank correlation imposed between two drawn inputs (SPEC §8), resolved to their paths."""

    a: tuple[PathPart, ...]
    b: tuple[PathPart, ...]
    rank: float
    a_ref: str  # MERCHANT:PATH, or PATH for a file-level input
    b_ref: str
    entry: int  # index in the file's correlations: list


class Scenario(NamedTuple):
    name: str
    merchants: tuple[Merchant, ...]
    gmvcli: int = 1
    currency: str = "CNY"
    period: str = "month"
    forecast: Forecast | None = None
    policies: tuple[tuple[str, PolicyDef], ...] = ()
    #: the inputs written as distributions: (path in the file, distribution); the records hold
    #: their central values
    uncertain: tuple[tuple[tuple[PathPart, ...], Distribution], ...] = ()
    correlations: tuple[Correlation, ...] = ()


def only_merchants(scenario: Scenario, ids: set[str]) -> Scenario:
    """The scenario with only these merchants; uncertain inputs and correlations follow them."""
    kept = [i for i, m in enumerate(scenario.merchants) if m.id in ids]
    new = {old: new for new, old in enumerate(kept)}

    def moved(path: tuple[PathPart, ...]) -> tuple[PathPart, ...] | None:
        if path[0] != "merchants":
            return path
        index = new.get(int(path[1]))
        return None if index is None else ("merchants", index, *path[2:])

    uncertain = []
    for path, d in scenario.uncertain:
        where = moved(path)
        if where is not None:
            uncertain.append((where, d))
    correlations = []
    for c in scenario.correlations:
        a, b = moved(c.a), moved(c.b)
        if a is not None and b is not None:
            correlations.append(c._replace(a=a, b=b))
    return scenario._replace(
        merchants=tuple(scenario.merchants[i] for i in kept),
        uncertain=tuple(uncertain),
        correlations=tuple(correlations),
    )
