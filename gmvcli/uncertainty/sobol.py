"""`sensitivity --method sobol` (SPEC §8): first-order and total Sobol indices by SALib."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, NamedTuple

from gmvcli.model import Distribution, Scenario
from gmvcli.uncertainty.draws import _lognormal
from gmvcli.uncertainty.evaluate import evaluate, metric
from gmvcli.uncertainty.simulate import chunks
from gmvcli.uncertainty.values import shown_path, uncertain_of, with_value

if TYPE_CHECKING:
    import numpy as np


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
