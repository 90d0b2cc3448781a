"""Evaluating the engine on arrays of draws: the same code as for one number, so simulate with
zero-width distributions gives exactly `compare`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from gmvcli import engine
from gmvcli.compare import compare_merchant
from gmvcli.forecast import forecast_merchant, settings
from gmvcli.model import Merchant, Scenario
from gmvcli.policies import merchant_policies, policy_table
from gmvcli.rows import ADVANTAGE_ROW
from gmvcli.uncertainty.draws import METRICS

if TYPE_CHECKING:
    pass


class Outcome(NamedTuple):
    """gmv, net_gmv and contribution of each model (None where absent): numbers or arrays."""

    shelf: dict[str, Any] | None
    content: dict[str, Any] | None


def evaluate(scenario: Scenario, merchant: Merchant, periods: int | None = None) -> Outcome:
    """One period (`periods` None) or the totals over a forecast, of one merchant."""
    table = policy_table(scenario)
    if periods is None:
        r = compare_merchant(merchant, table)
        return Outcome(_metrics(r.shelf), _metrics(r.content))
    policies, _ = merchant_policies(merchant, table)
    rows = forecast_merchant(merchant, policies, settings(scenario, merchant, periods))
    return Outcome(
        _sum([p.shelf for p in rows]) if merchant.shelf is not None else None,
        _sum([p.content for p in rows]) if merchant.content is not None else None,
    )


def _metrics(result: engine.ModelResult | None) -> dict[str, Any] | None:
    if result is None:
        return None
    return {k: getattr(result, k) for k in METRICS}


def _sum(results: list[engine.ModelResult | None]) -> dict[str, Any]:
    out: dict[str, Any] = dict.fromkeys(METRICS, 0.0)
    for r in results:
        if r is not None:
            for k in METRICS:
                out[k] = out[k] + getattr(r, k)
    return out


def advantage(outcome: Outcome) -> Any:
    """content contribution − shelf contribution (None unless both models are there)."""
    return gap(outcome.shelf, outcome.content)


def gap(shelf: dict[str, Any] | None, content: dict[str, Any] | None) -> Any:
    """The advantage of content (SPEC §8) from each model's metrics: None unless both are there."""
    if shelf is None or content is None:
        return None
    return content[ADVANTAGE_ROW] - shelf[ADVANTAGE_ROW]


def metric(outcome: Outcome, name: str, model: str = "content") -> Any:
    """advantage, or gmv / net_gmv / contribution of `model`."""
    if name == "advantage":
        return advantage(outcome)
    chosen = outcome.content if model == "content" else outcome.shelf
    return None if chosen is None else chosen[name]
