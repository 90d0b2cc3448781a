"""SPEC §5: several periods — fans that compound or churn, paid traffic that gets dearer, policies
that start, end and pay out bets."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from gmvcli import engine
from gmvcli.engine import ModelResult
from gmvcli.errors import Problem
from gmvcli.loader import Document
from gmvcli.messages import msg
from gmvcli.model import FORECAST_FIELDS, Merchant, Scenario
from gmvcli.policies import Notice, Policy, bet_bonus, merchant_policies, policy_table, terms


class Period(NamedTuple):
    period: int
    shelf: ModelResult | None
    content: ModelResult | None
    fans_start: float | None
    fans_end: float | None


class Totals(NamedTuple):
    gmv: float
    net_gmv: float
    contribution: float


class MerchantForecast(NamedTuple):
    id: str
    name: str
    role: str | None
    periods: tuple[Period, ...]
    shelf_totals: Totals | None
    content_totals: Totals | None
    crossover: int | None
    warnings: tuple[Notice, ...]
    error: Problem | None = None

    def cumulative_advantage(self) -> list[float]:
        """Per period, Σ content − shelf contribution up to it (0 while a model is missing)."""
        total, out = 0.0, []
        for p in self.periods:
            if p.shelf is not None and p.content is not None:
                total += p.content.contribution - p.shelf.contribution
            out.append(total)
        return out


class ScenarioForecast(NamedTuple):
    file: str
    name: str
    currency: str
    period: str
    merchants: tuple[MerchantForecast, ...]

    @property
    def errors(self) -> list[Problem]:
        return [m.error for m in self.merchants if m.error is not None]


class Settings(NamedTuple):
    """The forecast keys in force for one merchant (SPEC §5)."""

    periods: int
    follow_rate: float
    fan_churn_rate: float
    shelf_traffic_cost_growth: float
    public_cost_growth: float


def settings(scenario: Scenario, merchant: Merchant, periods: int | None = None) -> Settings:
    """File-level `forecast:` keys, overridden by the merchant's, then by `--periods`."""
    merged = {f.name: f.default for f in FORECAST_FIELDS}
    for level in (scenario.forecast, merchant.forecast):
        if level is not None:
            merged.update({k: v for k, v in level._asdict().items() if v is not None})
    if periods is not None:
        merged["periods"] = periods
    return Settings(**merged)


#: why a merchant cannot be forecast (SPEC §5), and the fix
NO_REACH = msg("forecast.no_reach")
NO_REACH_HINT = msg("hint.add_reach_content")


def cannot_forecast(merchant: Merchant) -> bool:
    """Private visitors but no reach_rate: there is no way to turn fans into next period's visitors."""
    content = merchant.content
    return content is not None and not content.reach_rate and engine.private_uv(content) > 0


def _nonzero(value: Any) -> bool:
    """True for a non-zero number, and for an array (of simulated draws, checked by validation)."""
    return not isinstance(value, int | float) or value != 0


def _totals(results: list[ModelResult]) -> Totals:
    return Totals(
        gmv=sum(r.gmv for r in results),
        net_gmv=sum(r.net_gmv for r in results),
        contribution=sum(r.contribution for r in results),
    )


def forecast_merchant(
    merchant: Merchant, policies: tuple[Policy, ...], cfg: Settings
) -> list[Period]:
    """The periods 1..cfg.periods of one merchant (SPEC §5)."""
    content = merchant.content
    fans = 0.0
    private = 0.0
    if content is not None:
        private = engine.private_uv(content)
        if content.fans is not None:
            fans = content.fans
        elif content.reach_rate is not None and _nonzero(content.reach_rate):
            fans = private / content.reach_rate
    periods: list[Period] = []
    bonus_next = 0.0
    constant = (
        isinstance(cfg.shelf_traffic_cost_growth, float) and cfg.shelf_traffic_cost_growth == 0
    )
    shelf_constant = engine.shelf_result(merchant) if constant else None
    for t in range(1, cfg.periods + 1):
        shelf = shelf_constant or engine.shelf_result(
            merchant, (1 + cfg.shelf_traffic_cost_growth) ** (t - 1)
        )
        if content is None:
            periods.append(Period(t, shelf, None, None, None))
            continue
        if t > 1:
            reach = content.reach_rate if content.reach_rate is not None else 0.0
            private = reach * fans
        period_terms = terms(policies, content.commission_rate, t, bonus_next)
        result = engine.content_result(
            merchant, period_terms, private, (1 + cfg.public_cost_growth) ** (t - 1)
        )
        assert result is not None
        fans_end = fans * (1 - cfg.fan_churn_rate) + cfg.follow_rate * (
            result.public_uv + result.bonus_uv
        )
        periods.append(Period(t, shelf, result, fans, fans_end))
        bonus_next = bet_bonus(policies, t, result.gmv)
        fans = fans_end
    return periods


def _crossover(periods: list[Period]) -> int | None:
    shelf_sum = content_sum = 0.0
    for p in periods:
        if p.shelf is None or p.content is None:
            return None
        shelf_sum += p.shelf.contribution
        content_sum += p.content.contribution
        # compared in cents, as printed: a tie stays a tie whatever the float rounding
        if round(content_sum, 2) >= round(shelf_sum, 2):
            return p.period
    return None


def forecast_scenario(
    scenario: Scenario, doc: Document, periods: int | None = None
) -> ScenarioForecast:
    """Every merchant's forecast; a merchant that cannot be forecast carries a located error."""
    return forecast_head(scenario, doc)._replace(
        merchants=tuple(forecast_merchants(scenario, doc, periods))
    )


def forecast_head(scenario: Scenario, doc: Document) -> ScenarioForecast:
    """The scenario's forecast without its merchants (to stream them: forecast_merchants)."""
    return ScenarioForecast(doc.file, scenario.name, scenario.currency, scenario.period, ())


def forecast_merchants(
    scenario: Scenario, doc: Document, periods: int | None = None
) -> Iterator[MerchantForecast]:
    """The merchants' forecasts one at a time, in order, as forecast_scenario gives them."""
    table = policy_table(scenario)
    for i, merchant in enumerate(scenario.merchants):
        policies, notices = merchant_policies(merchant, table)
        content = merchant.content
        if cannot_forecast(merchant):
            error = doc.problem(
                ("merchants", i, "content"),
                NO_REACH,
                got=None,
                hint=NO_REACH_HINT,
            )
            yield MerchantForecast(
                merchant.id, merchant.name, merchant.role, (), None, None, None, notices, error
            )
            continue
        rows = forecast_merchant(merchant, policies, settings(scenario, merchant, periods))
        shelf = [p.shelf for p in rows if p.shelf is not None]
        content_rows = [p.content for p in rows if p.content is not None]
        yield MerchantForecast(
            merchant.id,
            merchant.name,
            merchant.role,
            tuple(rows),
            _totals(shelf) if merchant.shelf is not None else None,
            _totals(content_rows) if content is not None else None,
            _crossover(rows),
            notices,
        )
