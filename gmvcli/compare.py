"""A whole scenario, one period: each merchant's two models, their comparison and warnings."""

from __future__ import annotations

from typing import NamedTuple

from gmvcli import engine
from gmvcli.engine import Comparison, ModelResult
from gmvcli.model import Merchant, Scenario
from gmvcli.policies import Notice, Policy, merchant_policies, policy_table, terms


class MerchantResult(NamedTuple):
    id: str
    name: str
    role: str | None
    shelf: ModelResult | None
    content: ModelResult | None
    comparison: Comparison | None
    policies: tuple[Policy, ...]
    warnings: tuple[Notice, ...]


class ScenarioResult(NamedTuple):
    file: str
    name: str
    currency: str
    period: str
    merchants: tuple[MerchantResult, ...]


def compare_merchant(merchant: Merchant, table: dict[str, Policy]) -> MerchantResult:
    """SPEC §4 for one merchant, with its policies in period 1."""
    policies, notices = merchant_policies(merchant, table)
    shelf = engine.shelf_result(merchant)
    content = None
    if merchant.content is not None:
        content = engine.content_result(
            merchant, terms(policies, merchant.content.commission_rate, period=1)
        )
    comparison = engine.compare(shelf, content) if shelf and content else None
    return MerchantResult(
        merchant.id, merchant.name, merchant.role, shelf, content, comparison, policies, notices
    )


def compare_scenario(scenario: Scenario, file: str) -> ScenarioResult:
    table = policy_table(scenario)
    return ScenarioResult(
        file,
        scenario.name,
        scenario.currency,
        scenario.period,
        tuple(compare_merchant(m, table) for m in scenario.merchants),
    )
