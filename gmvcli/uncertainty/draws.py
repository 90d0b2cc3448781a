"""Drawing uncertain inputs (SPEC §8): quantiles and random draws of each kind of distribution."""

from __future__ import annotations

import math
from statistics import NormalDist
from typing import TYPE_CHECKING

from gmvcli.model import Z95, Distribution
from gmvcli.rows import TOTALS

if TYPE_CHECKING:
    import numpy as np


METRICS = TOTALS  # what simulate draws: the rows a forecast totals
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
