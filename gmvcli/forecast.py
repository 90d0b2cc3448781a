"""SPEC §5: several periods — fans that compound or churn, paid traffic that gets dearer, policies
that start, end and pay out bets."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import repeat
from typing import Any, NamedTuple, Protocol

from gmvcli import engine
from gmvcli.crossover import first_period, running
from gmvcli.engine import Costs, ModelResult
from gmvcli.errors import Problem
from gmvcli.loader import Document
from gmvcli.messages import msg
from gmvcli.model import FORECAST_FIELDS, Merchant, Scenario
from gmvcli.policies import Notice, Policy, bet_bonus, merchant_policies, policy_table, terms
from gmvcli.rows import JSON_ROWS


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
    periods: Sequence[Period]  # a tuple, or ColumnPeriods
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

    def cumulative(self) -> list[tuple[int, float, float]]:
        """(period, Σ shelf, Σ content contribution up to it) while both models are there."""
        return list(running(self.periods))


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


class Step(Protocol):
    """One period of each model (§4) at period t's costs and policies, for `recurrence`."""

    def shelf(self, t: int) -> Any: ...
    def content(self, t: int, private: Any, bonus: Any) -> Any: ...
    def bets(self, t: int, gmv: Any) -> Any: ...


class _One:
    """§5's steps for one merchant: its fields numbers, or arrays of simulated draws."""

    def __init__(self, merchant: Merchant, policies: tuple[Policy, ...], cfg: Settings) -> None:
        self.merchant, self.policies, self.cfg = merchant, policies, cfg
        growth = cfg.shelf_traffic_cost_growth
        constant = isinstance(growth, float) and growth == 0
        self.shelf_constant = engine.shelf_result(merchant) if constant else None

    def shelf(self, t: int) -> ModelResult | None:
        return self.shelf_constant or engine.shelf_result(
            self.merchant, (1 + self.cfg.shelf_traffic_cost_growth) ** (t - 1)
        )

    def content(self, t: int, private: Any, bonus: Any) -> ModelResult | None:
        content = self.merchant.content
        if content is None:
            return None
        period_terms = terms(self.policies, content.commission_rate, t, bonus)
        factor = (1 + self.cfg.public_cost_growth) ** (t - 1)
        return engine.content_result(self.merchant, period_terms, private, factor)

    def bets(self, t: int, gmv: Any) -> Any:
        return bet_bonus(self.policies, t, gmv)


def recurrence(
    step: Step, cfg: Any, fans: Any, private: Any, reach: Any
) -> Iterator[tuple[int, Any, Any, Any, Any]]:
    """SPEC §5, the one place it is written, for one merchant or for many at once (`step` computes
    one period of each model on numbers, arrays of draws, or columns of merchants).

    For t = 1..N: shelf at period t's cost; content with private_uv_t = reach_rate × fans_{t−1}
    (period 1: `private` as given), the policies active in t and the bet bonus won in t−1; then
    fans_t = fans_{t−1} × (1 − fan_churn_rate) + follow_rate × (public_uv + bonus_uv_t).
    Yields (t, shelf, content, fans_{t−1}, fans_t); content and fans are None without a content
    model."""
    bonus: Any = 0.0
    for t in range(1, cfg.periods + 1):
        shelf = step.shelf(t)
        if t > 1:
            private = reach * fans
        content = step.content(t, private, bonus)
        if content is None:
            yield t, shelf, None, None, None
            continue
        fans_end = fans * (1 - cfg.fan_churn_rate) + cfg.follow_rate * (
            content.public_uv + content.bonus_uv
        )
        yield t, shelf, content, fans, fans_end
        bonus = step.bets(t, content.gmv)
        fans = fans_end


def fans_start(fans: Any, private: Any, reach: Any, given: Any = None, reached: Any = None) -> Any:
    """fans₀ (SPEC §5), the one place it is worked out: the fans as given; else private_uv ÷
    reach_rate, when a reach_rate other than 0 is given; else 0.

    For one merchant `fans` and `reach` are None when not given (numbers, or arrays of draws).
    For columns of merchants (score, the block forecast) every argument is an array and whether
    each is given is said by the masks `given` (fans) and `reached` (reach_rate)."""
    if given is None:
        if fans is not None:
            return fans
        if reach is not None and _nonzero(reach):
            return private / reach
        return 0.0
    import numpy as np

    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(given, fans, np.where(reached & (reach != 0), private / reach, 0.0))


def forecast_merchant(
    merchant: Merchant, policies: tuple[Policy, ...], cfg: Settings
) -> list[Period]:
    """The periods 1..cfg.periods of one merchant (SPEC §5)."""
    content = merchant.content
    fans = private = reach = 0.0
    if content is not None:
        private = engine.private_uv(content)
        fans = fans_start(content.fans, private, content.reach_rate)
        if content.reach_rate is not None:
            reach = content.reach_rate
    step = _One(merchant, policies, cfg)
    return [Period(*row) for row in recurrence(step, cfg, fans, private, reach)]


def forecast_scenario(
    scenario: Scenario, doc: Document, periods: int | None = None
) -> ScenarioForecast:
    """Every merchant's forecast; a merchant that cannot be forecast carries a located error."""
    return forecast_head(scenario, doc)._replace(
        merchants=tuple(forecast_merchants(scenario, doc, periods, columns=False))
    )


def forecast_head(scenario: Scenario, doc: Document) -> ScenarioForecast:
    """The scenario's forecast without its merchants (to stream them: forecast_merchants)."""
    return ScenarioForecast(doc.file, scenario.name, scenario.currency, scenario.period, ())


#: merchants are forecast together as columns up to this many merchant-periods (memory grows with
#: it), and only when at least MIN_BLOCK of them share a number of periods and make MIN_WORK
#: merchant-periods: below that, one at a time costs less than numpy's import and per-call cost
BLOCK = 1 << 14
MIN_BLOCK = 8
MIN_WORK = 2048


class _Entry(NamedTuple):
    at: int  # the merchant's index in the file
    merchant: Merchant
    policies: tuple[Policy, ...]
    notices: tuple[Notice, ...]
    cfg: Settings


def forecast_merchants(
    scenario: Scenario, doc: Document, periods: int | None = None, *, columns: bool = True
) -> Iterator[MerchantForecast]:
    """The merchants' forecasts one at a time, in order, as forecast_scenario gives them. With
    `columns` (streamed output), blocks of merchants are forecast at once and their periods kept
    as columns (`ColumnPeriods`): the same numbers, written from columns; without, each merchant
    is forecast on its own and its periods are records."""
    table = policy_table(scenario)
    block: list[_Entry] = []
    size = 0
    for i, merchant in enumerate(scenario.merchants):
        policies, notices = merchant_policies(merchant, table)
        cfg = settings(scenario, merchant, periods)
        block.append(_Entry(i, merchant, policies, notices, cfg))
        size += cfg.periods
        if not columns or size >= BLOCK:
            yield from _forecast_block(block, doc)
            block, size = [], 0
    yield from _forecast_block(block, doc)


def _forecast_block(block: list[_Entry], doc: Document) -> Iterator[MerchantForecast]:
    """The forecasts of `block`, in order: as columns where enough merchants share a number of
    periods, one by one otherwise."""
    alike: dict[int, list[int]] = {}
    for k, e in enumerate(block):
        if not cannot_forecast(e.merchant):
            alike.setdefault(e.cfg.periods, []).append(k)
    done: dict[int, MerchantForecast] = {}
    for count, ks in alike.items():
        if len(ks) >= MIN_BLOCK and len(ks) * count >= MIN_WORK:
            done.update(zip(ks, _as_columns([block[k] for k in ks]), strict=True))
    for k, e in enumerate(block):
        # popped: a merchant's arrays and records go once it is written
        yield done.pop(k) if k in done else _forecast_one(e, doc)


def _forecast_one(e: _Entry, doc: Document) -> MerchantForecast:
    merchant = e.merchant
    if cannot_forecast(merchant):
        error = doc.problem(("merchants", e.at, "content"), NO_REACH, got=None, hint=NO_REACH_HINT)
        return MerchantForecast(
            merchant.id, merchant.name, merchant.role, (), None, None, None, e.notices, error
        )
    rows = forecast_merchant(merchant, e.policies, e.cfg)
    shelf = [p.shelf for p in rows if p.shelf is not None]
    content = [p.content for p in rows if p.content is not None]
    return MerchantForecast(
        merchant.id,
        merchant.name,
        merchant.role,
        tuple(rows),
        _totals(shelf) if merchant.shelf is not None else None,
        _totals(content) if merchant.content is not None else None,
        first_period(rows),
        e.notices,
    )


def _as_columns(block: list[_Entry]) -> list[MerchantForecast]:
    """§5 for every merchant of `block` at once (`score.forecast`, on numpy arrays)."""
    from gmvcli.score import forecast as columnar

    m = columnar.from_records([e.merchant for e in block], [e.policies for e in block])
    cols = columnar.columns(m, columnar.settings_columns([e.cfg for e in block]))
    out = []
    for j, e in enumerate(block):
        merchant = e.merchant
        shelf = _row(cols.shelf, j) if merchant.shelf is not None else None
        content = _row(cols.content, j) if merchant.content is not None else None
        fans = (cols.fans_start[j], cols.fans_end[j]) if content is not None else None
        crossover = int(cols.crossover[j])
        out.append(
            MerchantForecast(
                merchant.id,
                merchant.name,
                merchant.role,
                ColumnPeriods(e.cfg.periods, shelf, content, fans),
                _column_totals(shelf),
                _column_totals(content),
                crossover or None,
                e.notices,
            )
        )
    return out


def _row(result: Any, j: int) -> ModelResult:
    """Row j of a result whose fields are (merchants, periods) arrays."""
    fields = {f: getattr(result, f)[j] for f in result._fields if f not in ("model", "costs")}
    row: ModelResult = result._replace(costs=Costs(*(c[j] for c in result.costs)), **fields)
    return row


def _column_totals(result: ModelResult | None) -> Totals | None:
    """Totals as `_totals` adds them up (Python's sum over the same numbers)."""
    if result is None:
        return None
    return Totals(*(sum(getattr(result, f).tolist()) for f in Totals._fields))


class ColumnPeriods(Sequence[Period]):
    """A merchant's periods as columns: each field of `shelf` and `content` an array over the
    periods (from a block forecast, `_as_columns`); the Period records are made on first use."""

    def __init__(
        self, length: int, shelf: ModelResult | None, content: ModelResult | None, fans: Any
    ) -> None:
        self.length, self.shelf, self.content, self.fans = length, shelf, content, fans
        self._records: list[Period] | None = None

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, i: Any) -> Any:
        return self.records()[i]

    def records(self) -> list[Period]:
        """The periods as `forecast_merchant` gives them (a ratio with no value is None)."""
        if self._records is None:
            n = self.length
            fans: Iterable[Any] = repeat((None, None), n)
            if self.fans is not None:
                fans = zip(*(f.tolist() for f in self.fans), strict=True)
            shelves, contents = _records(self.shelf, n), _records(self.content, n)
            rows = zip(range(1, n + 1), shelves, contents, fans, strict=True)
            self._records = [Period(t, s, c, *f) for t, s, c, f in rows]
        return self._records


#: the fields of a result that are None where a ratio has no value (NaN in columns)
_NULLABLE = {q.json for q in JSON_ROWS if q.nullable}


def _records(result: ModelResult | None, n: int) -> Iterable[ModelResult | None]:
    if result is None:
        return repeat(None, n)
    columns: list[Iterable[Any]] = []
    for f in result._fields:
        value = getattr(result, f)
        if f == "model":
            columns.append(repeat(value, n))
        elif f == "costs":
            columns.append(map(Costs._make, zip(*(c.tolist() for c in value), strict=True)))
        elif f in _NULLABLE:
            columns.append([None if v != v else v for v in value.tolist()])
        else:
            columns.append(value.tolist())
    return map(ModelResult._make, zip(*columns, strict=True))
