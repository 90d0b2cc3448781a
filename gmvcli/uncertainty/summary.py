"""What a simulation says, as data (SPEC §8 JSON): the requested percentiles of each metric and the
share of draws in which content earns more (`p_content_wins`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from gmvcli.data import r2, r6
from gmvcli.rows import TOTALS

if TYPE_CHECKING:
    import numpy as np

    from gmvcli.uncertainty.simulate import MerchantSimulation

Percentiles = Sequence[tuple[str, float]]  # ("p5", 5.0)


def percentile_values(values: np.ndarray, percentiles: Percentiles) -> dict[str, float]:
    import numpy as np

    points = np.percentile(values, [q for _, q in percentiles])
    return {key: r2(float(v)) for (key, _), v in zip(percentiles, points, strict=True)}


def simulate_data(
    file: str,
    name: str,
    runs: int,
    seed: int,
    sims: list[MerchantSimulation],
    percentiles: Percentiles,
    periods: int | None = None,
) -> dict[str, Any]:
    """SPEC §8's JSON; `periods` says what the figures are: one period (null) or totals over N."""
    merchants = []
    for m in sims:
        entry: dict[str, Any] = {"id": m.id}
        for model in ("shelf", "content"):
            values = getattr(m, model)
            entry[model] = (
                None
                if values is None
                else {k: percentile_values(values[k], percentiles) for k in TOTALS}
            )
        entry["p_content_wins"] = (
            None if m.advantage is None else r6(float((m.advantage > 0).mean()))
        )
        merchants.append(entry)
    return {
        "file": file,
        "name": name,
        "runs": runs,
        "seed": seed,
        "periods": periods,
        "merchants": merchants,
    }
