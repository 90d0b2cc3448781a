"""SPEC §8: uncertain inputs — drawing them, and evaluating the engine on arrays of draws.

numpy is imported inside the functions, so that `compare` and friends never pay for it. The
engine itself is the same code as for one number: its formulas are plain arithmetic and run on
arrays unchanged, so simulate with zero-width distributions gives exactly `compare`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from statistics import NormalDist
from typing import TYPE_CHECKING, Any, NamedTuple

from gmvcli import engine
from gmvcli.compare import compare_merchant
from gmvcli.forecast import forecast_merchant, settings
from gmvcli.loader import PathPart
from gmvcli.model import Z95, Distribution, Merchant, Scenario
from gmvcli.policies import merchant_policies, policy_table

if TYPE_CHECKING:
    import numpy as np

METRICS = ("gmv", "net_gmv", "contribution")
_UNIT = NormalDist()


def quantile(d: Distribution, q: float) -> float:
    """The q-quantile (0 < q < 1) of a distribution, clipped to the field's range."""
    if d.shape == "uniform":
        value = d.a + (d.b - d.a) * q
    elif d.shape == "triangular":
        low, mode, high = d.a, d.b, d.c
        if high == low:
            value = low
        elif q < (mode - low) / (high - low):
            value = low + math.sqrt(q * (high - low) * (mode - low))
        else:
            value = high - math.sqrt((1 - q) * (high - low) * (high - mode))
    elif d.shape == "lognormal":
        mu, sigma = _lognormal(d)
        value = math.exp(mu + sigma * _UNIT.inv_cdf(q))
    else:
        value = d.a + d.b * _UNIT.inv_cdf(q)
    return min(max(value, d.low), d.high)


def _lognormal(d: Distribution) -> tuple[float, float]:
    """mu and sigma of the lognormal whose 5th and 95th percentiles are a and b."""
    return (math.log(d.a) + math.log(d.b)) / 2, (math.log(d.b) - math.log(d.a)) / (2 * Z95)


def draw(d: Distribution, rng: np.random.Generator, n: int) -> np.ndarray:
    """n draws, clipped to the field's valid range."""
    import numpy as np

    if d.shape == "uniform":
        values = rng.uniform(d.a, d.b, n) if d.b > d.a else np.full(n, d.a)
    elif d.shape == "triangular":
        values = rng.triangular(d.a, d.b, d.c, n) if d.c > d.a else np.full(n, d.a)
    elif d.shape == "lognormal":
        mu, sigma = _lognormal(d)
        values = rng.lognormal(mu, sigma, n)
    else:
        values = rng.normal(d.a, d.b, n) if d.b > 0 else np.full(n, d.a)
    return np.clip(values, d.low, d.high)


# --- putting values into a scenario --------------------------------------------------------------


def with_value(scenario: Scenario, path: Sequence[PathPart], value: Any) -> Scenario:
    """The scenario with the number at `path` (as in the file) replaced by `value` (maybe an array).

    Paths into merchants and into the file-level forecast are supported; others (policy effects)
    keep their central value.
    """
    if path[0] == "merchants" and isinstance(path[1], int):
        i = path[1]
        merchants = list(scenario.merchants)
        merchants[i] = _set(merchants[i], tuple(path[2:]), value)
        return scenario._replace(merchants=tuple(merchants))
    if path[0] == "forecast" and scenario.forecast is not None and len(path) == 2:
        return scenario._replace(forecast=scenario.forecast._replace(**{str(path[1]): value}))
    return scenario


def _set(record: Any, rest: tuple[PathPart, ...], value: Any) -> Any:
    if len(rest) == 1:
        return record._replace(**{str(rest[0]): value})
    child = getattr(record, str(rest[0]))
    if child is None:
        return record
    return record._replace(**{str(rest[0]): _set(child, rest[1:], value)})


def supported(path: Sequence[PathPart]) -> bool:
    return (path[0] == "merchants" and len(path) >= 3 and path[2] != "policies") or (
        path[0] == "forecast" and len(path) == 2
    )


# --- evaluation ------------------------------------------------------------------------------------


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
    return {"gmv": result.gmv, "net_gmv": result.net_gmv, "contribution": result.contribution}


def _sum(results: list[engine.ModelResult | None]) -> dict[str, Any]:
    out: dict[str, Any] = dict.fromkeys(METRICS, 0.0)
    for r in results:
        if r is not None:
            for k in METRICS:
                out[k] = out[k] + getattr(r, k)
    return out


def advantage(outcome: Outcome) -> Any:
    """content contribution − shelf contribution (None unless both models are there)."""
    if outcome.shelf is None or outcome.content is None:
        return None
    return outcome.content["contribution"] - outcome.shelf["contribution"]


def metric(outcome: Outcome, name: str, model: str = "content") -> Any:
    """advantage, or gmv / net_gmv / contribution of `model`."""
    if name == "advantage":
        return advantage(outcome)
    chosen = outcome.content if model == "content" else outcome.shelf
    return None if chosen is None else chosen[name]


# --- simulate ---------------------------------------------------------------------------------------


class MerchantSimulation(NamedTuple):
    id: str
    name: str
    shelf: dict[str, np.ndarray] | None
    content: dict[str, np.ndarray] | None
    advantage: np.ndarray | None


def simulate(
    scenario: Scenario,
    runs: int,
    seed: int,
    periods: int | None = None,
    chunk: int = 50_000,
    progress: Any = None,
) -> list[MerchantSimulation]:
    """Draw every uncertain input `runs` times and evaluate each merchant on the draws.

    Draws are made input by input in file order from one generator seeded with `seed`, so the
    same seed gives the same numbers; evaluation goes in chunks to bound memory.
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    draws = [(path, draw(d, rng, runs)) for path, d in scenario.uncertain if supported(path)]
    out = []
    for index, merchant in enumerate(scenario.merchants):
        mine = [(p, v) for p, v in draws if p[0] != "merchants" or p[1] == index]
        parts: list[Outcome] = []
        for start in range(0, runs, chunk):
            stop = min(runs, start + chunk)
            trial = scenario
            for path, values in mine:
                trial = with_value(trial, path, values[start:stop])
            m = trial.merchants[index]
            outcome = evaluate(trial, m, periods)
            parts.append(_broadcast(outcome, stop - start))
            if progress is not None:
                progress(stop - start)
        shelf = _join([p.shelf for p in parts])
        content = _join([p.content for p in parts])
        adv = content["contribution"] - shelf["contribution"] if shelf and content else None
        out.append(MerchantSimulation(merchant.id, merchant.name, shelf, content, adv))
    return out


def _broadcast(outcome: Outcome, n: int) -> Outcome:
    import numpy as np

    def full(d: dict[str, Any] | None) -> dict[str, Any] | None:
        if d is None:
            return None
        return {k: np.broadcast_to(np.asarray(v, dtype=float), (n,)) for k, v in d.items()}

    return Outcome(full(outcome.shelf), full(outcome.content))


def _join(parts: list[dict[str, Any] | None]) -> dict[str, np.ndarray] | None:
    import numpy as np

    if not parts or parts[0] is None:
        return None
    return {k: np.concatenate([p[k] for p in parts if p is not None]) for k in parts[0]}


# --- sensitivity --------------------------------------------------------------------------------------


class Swing(NamedTuple):
    path: str
    low: float
    high: float
    metric_low: float
    metric_high: float

    @property
    def swing(self) -> float:
        return abs(self.metric_high - self.metric_low)


def inputs_of(
    scenario: Scenario, index: int, everything: bool
) -> list[tuple[tuple[PathPart, ...], float, float]]:
    """(path, low, high) of the inputs to move for one merchant: distributions at their 10th and
    90th percentile, and with `everything` the other numeric inputs ±10%."""
    from gmvcli.model import SECTIONS

    found: list[tuple[tuple[PathPart, ...], float, float]] = []
    seen = set()
    for path, d in scenario.uncertain:
        if not supported(path) or (path[0] == "merchants" and path[1] != index):
            continue
        found.append((path, quantile(d, 0.1), quantile(d, 0.9)))
        seen.add(path)
    if everything:
        merchant = scenario.merchants[index]
        numeric = {"rate", "count", "money", "positive"}
        candidates: list[tuple[tuple[PathPart, ...], Any]] = [
            (("merchants", index, "cogs_rate"), merchant.cogs_rate)
        ]
        for section in ("shelf", "content"):
            record = getattr(merchant, section)
            if record is None:
                continue
            for field in SECTIONS[section]:
                if field.kind in numeric:
                    candidates.append(
                        (("merchants", index, section, field.name), getattr(record, field.name))
                    )
        for path, value in candidates:
            if path in seen or value is None or value == 0:
                continue
            high = value * 1.1
            if str(path[-1]).endswith("_rate") or path[-1] == "orders_per_minute":
                high = min(high, 1.0)
            found.append((path, value * 0.9, high))
    return found


def sensitivity(
    scenario: Scenario, index: int, name: str, everything: bool = False, periods: int | None = None
) -> list[Swing]:
    """Move each input to its low and high value (others central); rows ranked by swing."""
    from gmvcli.loader import format_path

    rows = []
    for path, low, high in inputs_of(scenario, index, everything):
        values = []
        for value in (low, high):
            trial = with_value(scenario, path, value)
            values.append(metric(evaluate(trial, trial.merchants[index], periods), name))
        if values[0] is None or values[1] is None:
            continue
        shown = format_path(path[2:]) if path[0] == "merchants" else format_path(path)
        rows.append(Swing(shown, low, high, float(values[0]), float(values[1])))
    rows.sort(key=lambda r: -r.swing)
    return rows
