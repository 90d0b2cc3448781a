"""SPEC §4 and §5 over columns: many merchants at once, each field a numpy array.

The formulas are the engine's (`engine.shelf_inputs`, `engine.content_inputs`, `engine.result`,
`engine.compare` run on arrays) and the policies are `policies.terms` / `policies.bet_bonus`, called
once per group of merchants that list the same policies. Nothing here restates a formula: it only
arranges columns so the one-merchant code runs on thousands at once, and repeats §5's recurrence over
periods for all of them together.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from gmvcli import engine
from gmvcli.model import Content, Merchant, Shelf
from gmvcli.policies import Policy, Terms, bet_bonus, terms
from gmvcli.rows import CONTENT, SHELF

if TYPE_CHECKING:
    import numpy as np


class Merchants(NamedTuple):
    """Merchants as columns. `shelf`/`content` are model records whose fields are arrays (rows
    without the model hold harmless placeholders and are masked by `has_shelf`/`has_content`)."""

    n: int
    has_shelf: np.ndarray
    has_content: np.ndarray
    shelf: Any  # model.Shelf of arrays
    content: Any  # model.Content of arrays; private_uv/fans/reach_rate as below
    cogs_rate: np.ndarray
    private_uv: np.ndarray  # §4: private_uv as given, or fans × reach_rate, or 0
    fans: np.ndarray  # fans as given (0 where not)
    fans_given: np.ndarray
    reach_rate: np.ndarray  # 0 where not given
    reach_given: np.ndarray
    #: (the policies listed, in order; the rows that list them)
    groups: tuple[tuple[tuple[Policy, ...], np.ndarray], ...]
    #: budgets instead of visitor counts (SPEC §3), and the rows that give them
    traffic_budget: np.ndarray | None = None
    traffic_budget_given: np.ndarray | None = None
    public_budget: np.ndarray | None = None
    public_budget_given: np.ndarray | None = None


class Settings(NamedTuple):
    """§5 forecast keys as columns (periods is one number for the whole run)."""

    periods: int
    follow_rate: np.ndarray
    fan_churn_rate: np.ndarray
    shelf_traffic_cost_growth: np.ndarray
    public_cost_growth: np.ndarray


class Period(NamedTuple):
    shelf: engine.ModelResult  # fields are arrays
    content: engine.ModelResult
    fans_start: np.ndarray
    fans_end: np.ndarray


class Totals(NamedTuple):
    """Sums over the periods of each model (arrays), and the crossover period (0 where none)."""

    shelf_gmv: np.ndarray
    shelf_net_gmv: np.ndarray
    shelf_contribution: np.ndarray
    content_gmv: np.ndarray
    content_net_gmv: np.ndarray
    content_contribution: np.ndarray
    crossover: np.ndarray


def period_terms(m: Merchants, period: int, bonus: np.ndarray | float = 0.0) -> Terms:
    """`policies.terms` for every row, group by group; `bonus` carries bets won last period."""
    import numpy as np

    rate = np.array(m.content.commission_rate, dtype=float)
    bonus_uv = np.broadcast_to(np.asarray(bonus, dtype=float), (m.n,)).copy()
    rebate_traffic = np.zeros(m.n)
    rebate_gmv = np.zeros(m.n)
    for policies, rows in m.groups:
        if not policies:
            continue
        extra = bonus_uv[rows] if isinstance(bonus, np.ndarray) else bonus
        t = terms(policies, rate[rows], period, extra)
        rate[rows] = t.commission_rate
        bonus_uv[rows] = t.bonus_uv
        rebate_traffic[rows] = t.rebate_traffic_rate
        rebate_gmv[rows] = t.rebate_gmv_rate
    return Terms(rate, bonus_uv, rebate_traffic, rebate_gmv)  # type: ignore[arg-type]


def bets_won(m: Merchants, period: int, gmv: np.ndarray) -> np.ndarray:
    """`policies.bet_bonus` for every row: bonus visitors earned for the next period."""
    import numpy as np

    out = np.zeros(m.n)
    for policies, rows in m.groups:
        if any(p.effects.bet is not None for p in policies):
            out[rows] = bet_bonus(policies, period, gmv[rows])
    return out


def _bought(
    model: str, inputs: dict[str, Any], budget: np.ndarray | None, given: np.ndarray | None
) -> None:
    """Rows that give a budget: their visitors are what it buys at this period's cost, by the
    engine's own formula (the engine picks one way for a whole record; rows differ here)."""
    import numpy as np

    if budget is None or given is None or not given.any():
        return
    row = engine.BUDGET_UV[model]
    visitors, cost = row.key, ("traffic_cost_per_uv" if model == SHELF else "public_cost_per_uv")
    names = {"traffic_budget" if model == SHELF else "public_budget": budget, cost: inputs[cost]}
    with np.errstate(divide="ignore", invalid="ignore"):
        bought = eval(row.code, {"__builtins__": {}}, names)  # our own formula text
    inputs[visitors] = np.where(given, bought, inputs[visitors])


def shelf_period(m: Merchants, cost_factor: np.ndarray | float = 1.0) -> engine.ModelResult:
    inputs = engine.shelf_inputs(m.shelf, m.cogs_rate, cost_factor)  # type: ignore[arg-type]
    _bought(SHELF, inputs, m.traffic_budget, m.traffic_budget_given)
    return engine.result(SHELF, inputs)


def content_period(
    m: Merchants, period_terms_: Terms, private: np.ndarray, cost_factor: np.ndarray | float = 1.0
) -> engine.ModelResult:
    inputs = engine.content_inputs(m.content, m.cogs_rate, period_terms_, private, cost_factor)  # type: ignore[arg-type]
    _bought(CONTENT, inputs, m.public_budget, m.public_budget_given)
    return engine.result(CONTENT, inputs)


def one_period(
    m: Merchants,
) -> tuple[engine.ModelResult, engine.ModelResult, engine.Comparison]:
    """§4 for every row: shelf, content (policies of period 1) and their comparison."""
    shelf = shelf_period(m)
    content = content_period(m, period_terms(m, 1), m.private_uv)
    return shelf, content, engine.compare(shelf, content)


def cost_factor(growth: np.ndarray, period: int) -> np.ndarray:
    """(1 + growth)^(period − 1) as the one-merchant forecast computes it, with Python's `**` on
    each distinct growth rate (numpy's power may differ in the last bit)."""
    import numpy as np

    values, inverse = np.unique(growth, return_inverse=True)
    factors = np.array([(1 + float(g)) ** (period - 1) for g in values])
    out: np.ndarray = factors[inverse.reshape(-1)]
    return out


def cannot_forecast(m: Merchants) -> np.ndarray:
    """Rows with private visitors but no reach_rate (SPEC §5: an error for that merchant)."""
    out: np.ndarray = m.has_content & (~m.reach_given | (m.reach_rate == 0)) & (m.private_uv > 0)
    return out


class _Columns:
    """§5's steps for many merchants at once (`forecast.recurrence` runs them)."""

    def __init__(self, m: Merchants, cfg: Settings) -> None:
        self.m, self.cfg = m, cfg

    def shelf(self, t: int) -> engine.ModelResult:
        return shelf_period(self.m, cost_factor(self.cfg.shelf_traffic_cost_growth, t))

    def content(self, t: int, private: np.ndarray, bonus: np.ndarray | float) -> engine.ModelResult:
        cost = cost_factor(self.cfg.public_cost_growth, t)
        return content_period(self.m, period_terms(self.m, t, bonus), private, cost)

    def bets(self, t: int, gmv: np.ndarray) -> np.ndarray:
        return bets_won(self.m, t, gmv)


def periods(m: Merchants, cfg: Settings) -> Any:
    """Yield each period t = 1..N for all rows at once: (t, Period), as §5 defines it."""

    from gmvcli.forecast import fans_start, recurrence

    fans = fans_start(m.fans, m.private_uv, m.reach_rate, m.fans_given, m.reach_given)
    for t, shelf, content, start, end in recurrence(
        _Columns(m, cfg), cfg, fans, m.private_uv, m.reach_rate
    ):
        yield t, Period(shelf, content, start, end)


def totals(m: Merchants, cfg: Settings) -> Totals:
    """Totals over the periods and the crossover (`gmvcli.crossover`; 0 where none)."""
    import numpy as np

    from gmvcli.crossover import crossover

    sums = [np.zeros(m.n) for _ in range(6)]

    def steps() -> Iterator[tuple[int, np.ndarray, np.ndarray]]:
        for t, p in periods(m, cfg):
            for i, value in enumerate(
                (
                    p.shelf.gmv,
                    p.shelf.net_gmv,
                    p.shelf.contribution,
                    p.content.gmv,
                    p.content.net_gmv,
                    p.content.contribution,
                )
            ):
                sums[i] = sums[i] + value
            yield t, sums[2], sums[5]

    first = crossover(steps(), np.zeros(m.n, dtype=np.int64))
    first[~(m.has_shelf & m.has_content)] = 0
    return Totals(sums[0], sums[1], sums[2], sums[3], sums[4], sums[5], first)


class Block(NamedTuple):
    """The forecasts of many merchants as columns: every field of a result is a (merchants,
    periods) array (row i: merchant i's periods), as `forecast` needs them to write its output."""

    shelf: engine.ModelResult
    content: engine.ModelResult
    fans_start: np.ndarray
    fans_end: np.ndarray
    crossover: np.ndarray  # 0 where none (or a model missing)


def from_records(
    merchants: Sequence[Merchant], policies: Sequence[tuple[Policy, ...]]
) -> Merchants:
    """A scenario's merchants (validated records, each with its policies) as columns; a missing
    model or field holds 0 and is masked (`has_shelf`, `has_content`, the `*_given` columns)."""
    import numpy as np

    shelves = [m.shelf for m in merchants]
    contents = [m.content for m in merchants]

    def column(records: list[Any], name: str) -> np.ndarray:
        values = [None if r is None else getattr(r, name) for r in records]
        return np.array([0.0 if v is None else v for v in values], dtype=float)

    def given(records: list[Any], name: str) -> np.ndarray:
        return np.array([r is not None and getattr(r, name) is not None for r in records])

    groups: dict[tuple[Policy, ...], list[int]] = {}
    for i, listed in enumerate(policies):
        groups.setdefault(listed, []).append(i)
    shelf: Any = Shelf(**{f: column(shelves, f) for f in Shelf._fields})  # type: ignore[arg-type]
    content: Any = Content(**{f: column(contents, f) for f in Content._fields})  # type: ignore[arg-type]
    private = [0.0 if c is None else engine.private_uv(c) for c in contents]
    return Merchants(
        n=len(merchants),
        has_shelf=np.array([s is not None for s in shelves]),
        has_content=np.array([c is not None for c in contents]),
        shelf=shelf._replace(traffic_budget=None),
        content=content._replace(private_uv=None, public_budget=None),
        cogs_rate=np.array([m.cogs_rate for m in merchants], dtype=float),
        private_uv=np.array(private, dtype=float),
        fans=content.fans,
        fans_given=given(contents, "fans"),
        reach_rate=content.reach_rate,
        reach_given=given(contents, "reach_rate"),
        groups=tuple((listed, np.array(rows)) for listed, rows in groups.items()),
        traffic_budget=shelf.traffic_budget,
        traffic_budget_given=given(shelves, "traffic_budget"),
        public_budget=content.public_budget,
        public_budget_given=given(contents, "public_budget"),
    )


def settings_columns(each: Sequence[Any]) -> Settings:
    """Each merchant's `forecast.Settings` as columns (they share one number of periods)."""
    import numpy as np

    (count,) = {cfg.periods for cfg in each}
    return Settings(
        count,
        *(np.array([getattr(cfg, f) for cfg in each], dtype=float) for f in Settings._fields[1:]),
    )


def _stack(values: list[Any], n: int) -> np.ndarray:
    """One value (a number or a column) per period → a (rows, periods) array."""
    import numpy as np

    whole = [v if isinstance(v, np.ndarray) and v.shape == (n,) else np.full(n, v) for v in values]
    return np.array(whole, dtype=float).T


def _stacked(results: list[Any], n: int) -> Any:
    """Per-period results of every row → one result whose fields are (rows, periods) arrays."""
    first = results[0]
    fields: dict[str, Any] = {
        name: _stack([getattr(r, name) for r in results], n)
        for name in first._fields
        if name not in ("model", "costs")
    }
    costs: Any = [_stack([r.costs[i] for r in results], n) for i in range(len(first.costs))]
    return first._replace(costs=engine.Costs(*costs), **fields)


def crossover(shelf: np.ndarray, content: np.ndarray) -> np.ndarray:
    """Per row of (rows, periods) contributions, the crossover period (`gmvcli.crossover`; 0: none)."""
    import numpy as np

    from gmvcli.crossover import crossover as first

    # np.cumsum adds in order, as the one-merchant loop does
    shelf_sum, content_sum = np.cumsum(shelf, axis=1), np.cumsum(content, axis=1)
    steps = ((t + 1, shelf_sum[:, t], content_sum[:, t]) for t in range(shelf.shape[1]))
    out: np.ndarray = first(steps, np.zeros(shelf.shape[0], dtype=np.int64))
    return out


def columns(m: Merchants, cfg: Settings) -> Block:
    """§5 for every row, each field kept for every period (memory: rows × periods × fields)."""
    import numpy as np

    with np.errstate(all="ignore"):
        steps = [p for _, p in periods(m, cfg)]
        shelf = _stacked([p.shelf for p in steps], m.n)
        content = _stacked([p.content for p in steps], m.n)
        start = _stack([p.fans_start for p in steps], m.n)
        end = _stack([p.fans_end for p in steps], m.n)
        first = crossover(shelf.contribution, content.contribution)
    both = m.has_shelf & m.has_content
    return Block(shelf, content, start, end, np.where(both, first, 0))
