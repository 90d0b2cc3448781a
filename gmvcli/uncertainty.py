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

    Every path a distribution can sit at is supported: a merchant's fields (its forecast keys and
    the effects of its `{use: ID, ...}` policies included), the file-level forecast, and the
    effects of the file's own policies.
    """
    if path[0] == "merchants" and isinstance(path[1], int):
        i = path[1]
        merchants = list(scenario.merchants)
        merchants[i] = _set_in_merchant(merchants[i], tuple(path[2:]), value)
        return scenario._replace(merchants=tuple(merchants))
    if path[0] == "forecast" and scenario.forecast is not None and len(path) == 2:
        return scenario._replace(forecast=scenario.forecast._replace(**{str(path[1]): value}))
    if path[0] == "policies" and len(path) >= 3:
        policies = tuple(
            (pid, d._replace(effects=_set(d.effects, tuple(path[2:]), value)))
            if pid == path[1]
            else (pid, d)
            for pid, d in scenario.policies
        )
        return scenario._replace(policies=policies)
    return scenario


def _set_in_merchant(merchant: Merchant, rest: tuple[PathPart, ...], value: Any) -> Merchant:
    if rest[0] == "policies" and len(rest) >= 3 and isinstance(rest[1], int):
        uses = list(merchant.policies)
        use = uses[rest[1]]
        uses[rest[1]] = use._replace(effects=_set(use.effects, rest[2:], value))
        return merchant._replace(policies=tuple(uses))
    return _set(merchant, rest, value)  # type: ignore[no-any-return]


def _set(record: Any, rest: tuple[PathPart, ...], value: Any) -> Any:
    if len(rest) == 1:
        return record._replace(**{str(rest[0]): value})
    child = getattr(record, str(rest[0]))
    if child is None:
        return record
    return record._replace(**{str(rest[0]): _set(child, rest[1:], value)})


def supported(path: Sequence[PathPart]) -> bool:
    """Whether `with_value` can put a value at `path` (every path of `Scenario.uncertain`)."""
    if path[0] == "merchants":
        return len(path) >= 3
    return (path[0] == "forecast" and len(path) == 2) or (path[0] == "policies" and len(path) >= 3)


def affects(scenario: Scenario, path: Sequence[PathPart], index: int) -> bool:
    """Whether the input at `path` can change merchant `index`'s results."""
    merchant = scenario.merchants[index]
    if path[0] == "merchants":
        return path[1] == index
    if path[0] == "forecast":
        own = merchant.forecast
        return own is None or getattr(own, str(path[1])) is None
    if path[0] == "policies":
        return any(use.use == path[1] for use in merchant.policies)
    return False


def uncertain_of(scenario: Scenario, index: int) -> list[tuple[tuple[PathPart, ...], Distribution]]:
    """The distributions that bear on merchant `index`, in file order."""
    return [(p, d) for p, d in scenario.uncertain if supported(p) and affects(scenario, p, index)]


def shown_path(path: Sequence[PathPart]) -> str:
    """An input's path as sensitivity shows it: relative to its merchant, or from the file's top."""
    from gmvcli.loader import format_path

    return format_path(path[2:]) if path[0] == "merchants" else format_path(path)


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

#: draws are made and evaluated this many at a time, so memory does not grow with --runs
CHUNK = 50_000


class MerchantSimulation(NamedTuple):
    id: str
    name: str
    shelf: dict[str, np.ndarray] | None
    content: dict[str, np.ndarray] | None
    advantage: np.ndarray | None


class Achieved(NamedTuple):
    """A correlation as written and the Spearman rank correlation the draws achieved."""

    a: str
    b: str
    rank: float
    achieved: float


class Simulation(NamedTuple):
    merchants: list[MerchantSimulation]
    correlations: list[Achieved]


class Chunk(NamedTuple):
    """Draws start..start+size-1 (0-based): each input's values and each merchant's outcome."""

    start: int
    size: int
    inputs: dict[tuple[PathPart, ...], np.ndarray]
    outcomes: list[Outcome]


def chunks(runs: int, chunk: int = CHUNK) -> list[tuple[int, int]]:
    """(start, size) of equal-sized chunks covering `runs` (no tiny last chunk)."""
    count = max(1, -(-runs // chunk))
    base, extra = divmod(runs, count)
    out, start = [], 0
    for k in range(count):
        size = base + (1 if k < extra else 0)
        out.append((start, size))
        start += size
    return out


def generators(seed: int, count: int) -> list[np.random.Generator]:
    """One independent stream per input (numpy SeedSequence.spawn): an input's draws depend only
    on the seed and its place in the file, never on the chunk size or on the other inputs."""
    import numpy as np

    return [np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(count)]


def simulate(
    scenario: Scenario,
    runs: int,
    seed: int,
    periods: int | None = None,
    chunk: int = CHUNK,
    progress: Any = None,
) -> list[MerchantSimulation]:
    """Draw every uncertain input `runs` times and evaluate each merchant on the draws."""
    return run_simulation(scenario, runs, seed, periods, chunk, progress).merchants


def run_simulation(
    scenario: Scenario,
    runs: int,
    seed: int,
    periods: int | None = None,
    chunk: int = CHUNK,
    progress: Any = None,
    sink: Any = None,
) -> Simulation:
    """Draw every uncertain input `runs` times, impose the file's correlations, and evaluate
    each merchant on the draws, chunk by chunk; `sink(Chunk)` sees every chunk (for --samples).

    Outputs are written into arrays allocated once; draws live only as long as their chunk.
    """
    import numpy as np

    from gmvcli import correlations as corr

    inputs = [(p, d) for p, d in scenario.uncertain if supported(p)]
    streams = generators(seed, len(inputs))
    groups = corr.groups(scenario.correlations)
    # the reordering has its own stream, so the draws themselves are the same with or without it
    reorder = np.random.default_rng([seed, 0x1C])
    mine = [
        [k for k, (p, _) in enumerate(inputs) if affects(scenario, p, i)]
        for i in range(len(scenario.merchants))
    ]
    kept: list[dict[str, dict[str, np.ndarray] | None]] = []
    for m in scenario.merchants:
        kept.append(
            {
                model: None if getattr(m, model) is None else {k: np.empty(runs) for k in METRICS}
                for model in ("shelf", "content")
            }
        )
    achieved = [0.0] * len(scenario.correlations)
    for start, size in chunks(runs, chunk):
        values = {p: draw(d, g, size) for (p, d), g in zip(inputs, streams, strict=True)}
        ranks: dict[tuple[PathPart, ...], np.ndarray] = {}
        for group in groups:
            ranks.update(corr.impose(values, group, reorder))
        for j, c in enumerate(scenario.correlations):
            if c.a in ranks:
                achieved[j] += corr.rank_correlation(ranks[c.a], ranks[c.b]) * size / runs
        outcomes = []
        for index, keys in enumerate(mine):
            trial = scenario
            for k in keys:
                trial = with_value(trial, inputs[k][0], values[inputs[k][0]])
            outcome = evaluate(trial, trial.merchants[index], periods)
            outcomes.append(outcome)
            for model in ("shelf", "content"):
                got, into = getattr(outcome, model), kept[index][model]
                if got is not None and into is not None:
                    for metric in METRICS:
                        into[metric][start : start + size] = got[metric]
            if progress is not None:
                progress(size)
        if sink is not None:
            sink(Chunk(start, size, values, outcomes))
    out = []
    for m, models in zip(scenario.merchants, kept, strict=True):
        shelf, content = models["shelf"], models["content"]
        adv = content["contribution"] - shelf["contribution"] if shelf and content else None
        out.append(MerchantSimulation(m.id, m.name, shelf, content, adv))
    found = [
        Achieved(c.a_ref, c.b_ref, c.rank, achieved[j]) for j, c in enumerate(scenario.correlations)
    ]
    return Simulation(out, found)


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
    for path, d in uncertain_of(scenario, index):
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
    rows = []
    for path, low, high in inputs_of(scenario, index, everything):
        values = []
        for value in (low, high):
            trial = with_value(scenario, path, value)
            values.append(metric(evaluate(trial, trial.merchants[index], periods), name))
        if values[0] is None or values[1] is None:
            continue
        rows.append(Swing(shown_path(path), low, high, float(values[0]), float(values[1])))
    rows.sort(key=lambda r: -r.swing)
    return rows


# --- Sobol indices ------------------------------------------------------------------------------------


class SobolRow(NamedTuple):
    """First-order and total Sobol indices of one input, with 95% confidence half-widths."""

    path: str
    s1: float
    s1_conf: float
    st: float
    st_conf: float


class SobolResult(NamedTuple):
    rows: list[SobolRow]
    inputs: int  # D
    evaluations: int  # runs × (D + 2)


def quantiles(d: Distribution, u: np.ndarray) -> np.ndarray:
    """The inverse CDF of `d` at each u in (0, 1) (vectorised `quantile`), clipped to the range."""
    import numpy as np
    from scipy.special import (  # type: ignore[import-untyped,import-not-found,unused-ignore]
        ndtri,  # scipy comes with SALib, the only caller
    )

    if d.shape == "uniform":
        values = d.a + (d.b - d.a) * u
    elif d.shape == "triangular":
        low, mode, high = d.a, d.b, d.c
        if high == low:
            values = np.full(u.shape, low)
        else:
            cut = (mode - low) / (high - low)
            left = low + np.sqrt(u * (high - low) * (mode - low))
            right = high - np.sqrt((1 - u) * (high - low) * (high - mode))
            values = np.where(u < cut, left, right)
    elif d.shape == "lognormal":
        mu, sigma = _lognormal(d)
        values = np.exp(mu + sigma * ndtri(u))
    else:
        values = d.a + d.b * ndtri(u)
    return np.clip(values, d.low, d.high)


def sobol(
    scenario: Scenario,
    index: int,
    name: str,
    runs: int,
    seed: int,
    periods: int | None = None,
) -> SobolResult:
    """Variance-based indices of merchant `index`'s metric (SALib: Saltelli's scheme on a
    scrambled Sobol' sequence, then Sobol analysis with bootstrap confidence).

    The unit-cube points are mapped through each input's own inverse CDF (clipped like every
    draw), so the indices are of the distributions as written. `runs` is SALib's N, the number of
    base samples: the model is evaluated N × (D + 2) times. Inputs are taken as independent.
    """
    import warnings

    import numpy as np
    from SALib.analyze import (  # type: ignore[import-untyped,import-not-found,unused-ignore]
        sobol as analyze,
    )
    from SALib.sample import (  # type: ignore[import-untyped,import-not-found,unused-ignore]
        sobol as sample,
    )

    inputs = uncertain_of(scenario, index)
    if not inputs:
        return SobolResult([], 0, 0)
    names = [shown_path(p) for p, _ in inputs]
    problem = {"num_vars": len(inputs), "names": names, "bounds": [[0.0, 1.0]] * len(inputs)}
    with warnings.catch_warnings():
        # scipy asks for a power of 2 to keep the Sobol' sequence balanced; any N is still valid
        warnings.simplefilter("ignore", UserWarning)
        unit = sample.sample(problem, runs, calc_second_order=False, seed=seed)
    unit = np.clip(unit, 1e-12, 1 - 1e-12)  # Φ⁻¹(0) is −∞: keep the ends finite before clipping
    total = len(unit)
    y = np.empty(total)
    for start, size in chunks(total):
        trial = scenario
        for j, (path, d) in enumerate(inputs):
            trial = with_value(trial, path, quantiles(d, unit[start : start + size, j]))
        value = metric(evaluate(trial, trial.merchants[index], periods), name)
        if value is None:
            return SobolResult([], len(inputs), 0)
        y[start : start + size] = value
    if not np.ptp(y) > 1e-9 * max(1.0, float(np.abs(y).max())):
        # the metric does not move at all: no variance to apportion
        rows = [SobolRow(n, 0.0, 0.0, 0.0, 0.0) for n in names]
        return SobolResult(rows, len(inputs), total)
    with np.errstate(divide="ignore", invalid="ignore"):
        # SALib's bootstrap seeds only from a non-zero seed; seed + 1 keeps --seed 0 reproducible
        found = analyze.analyze(problem, y, calc_second_order=False, conf_level=0.95, seed=seed + 1)
    rows = [
        SobolRow(
            n,
            _finite(found["S1"][j]),
            _finite(found["S1_conf"][j]),
            _finite(found["ST"][j]),
            _finite(found["ST_conf"][j]),
        )
        for j, n in enumerate(names)
    ]
    rows.sort(key=lambda r: -r.st)
    return SobolResult(rows, len(inputs), total)


def _finite(value: Any) -> float:
    number = float(value)
    return number if math.isfinite(number) else 0.0
