"""SPEC §4 and §5 over columns: many merchants at once, each field a numpy array.

The formulas are the engine's (`engine.shelf_inputs`, `engine.content_inputs`, `engine.result`,
`engine.compare` run on arrays) and the policies are `policies.terms` / `policies.bet_bonus`, called
once per group of merchants that list the same policies. Nothing here restates a formula: it only
arranges columns so the one-merchant code runs on thousands at once, and repeats §5's recurrence over
periods for all of them together.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from gmvcli import engine
from gmvcli.policies import Policy, Terms, bet_bonus, terms
from gmvcli.rows import CONTENT, SHELF
from gmvcli.score.rounding import round_exact

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
        if any(p.bet is not None for p in policies):
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


def periods(m: Merchants, cfg: Settings) -> Any:
    """Yield each period t = 1..N for all rows at once: (t, Period), as §5 defines it."""
    import numpy as np

    with np.errstate(divide="ignore", invalid="ignore"):
        fans = np.where(
            m.fans_given,
            m.fans,
            np.where(m.reach_given & (m.reach_rate != 0), m.private_uv / m.reach_rate, 0.0),
        )
    private = m.private_uv
    bonus_next: np.ndarray | float = 0.0
    for t in range(1, cfg.periods + 1):
        shelf = shelf_period(m, cost_factor(cfg.shelf_traffic_cost_growth, t))
        if t > 1:
            private = m.reach_rate * fans
        content = content_period(
            m, period_terms(m, t, bonus_next), private, cost_factor(cfg.public_cost_growth, t)
        )
        fans_end = fans * (1 - cfg.fan_churn_rate) + cfg.follow_rate * (
            content.public_uv + content.bonus_uv
        )
        yield t, Period(shelf, content, fans, fans_end)
        bonus_next = bets_won(m, t, content.gmv)  # type: ignore[arg-type]
        fans = fans_end


def totals(m: Merchants, cfg: Settings) -> Totals:
    """Totals over the periods and the crossover: the first period whose cumulative content
    contribution ≥ cumulative shelf contribution, compared in cents as `forecast` does."""
    import numpy as np

    sums = [np.zeros(m.n) for _ in range(6)]
    crossover = np.zeros(m.n, dtype=np.int64)
    both = m.has_shelf & m.has_content
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
        ahead = round_exact(sums[5], 2) >= round_exact(sums[2], 2)
        crossover[(crossover == 0) & ahead & both] = t
    return Totals(sums[0], sums[1], sums[2], sums[3], sums[4], sums[5], crossover)
