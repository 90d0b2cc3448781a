"""SPEC §10 `fit`: scenario inputs estimated from the sessions, with 90% bootstrap intervals.

Each field is a ratio of sums over the rows (the same sums `review` uses): watch_minutes =
Σ(uv·watch_minutes) ÷ Σuv, aov = Σgmv ÷ Σorders, … With 5 rows or more its 90% interval is the 5th–95th
percentile over 1,000 bootstrap resamples of the rows (numpy, seed 0), written as `"low to high"`.
`edit` writes the fitted values back into the scenario text.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import Any, NamedTuple

from gmvcli.model import Scenario
from gmvcli.review.actuals import Actuals
from gmvcli.review.issues import Issue
from gmvcli.review.selection import Selection, assign_merchants, select

RUNS = 1000
SEED = 0
MIN_ROWS = 5
PERCENT_FIELDS = frozenset(
    {"orders_per_minute", "conversion_rate", "refund_rate", "follow_rate", "reach_rate"}
)


class NeedMerchant(Exception):
    def __init__(self, ids: list[str]) -> None:
        super().__init__(ids)
        self.ids = ids


class FieldFit(NamedTuple):
    path: str  # within the merchant: content.watch_minutes, forecast.follow_rate
    value: float
    low: float | None
    high: float | None
    rows: int
    written: str  # the YAML value written to the file


class Fit(NamedTuple):
    file: str
    actuals: str
    merchant: str
    position: int  # of the merchant in the scenario
    rows: int
    first: dt.date
    last: dt.date
    fields: tuple[FieldFit, ...]
    warnings: tuple[Issue, ...]


# an estimator: sums (column → array over resamples, or floats) → value
Estimator = Callable[[dict[str, Any]], Any]


def _estimators(
    model: str, sel: Selection, have: frozenset[str], periods: int
) -> list[tuple[str, Estimator]]:
    """The fields the columns measure, each as a function of the sums."""
    m = sel.merchant
    out: list[tuple[str, Estimator]] = []
    has_buyers = "buyers" in have
    if model == "content":
        c = m.content
        assert c is not None
        rf_plan = c.repurchase_frequency
        if "private_uv" in have:
            if c.fans is not None:
                fans = sum(p.fans_start or 0.0 for p in sel.plan[:periods])
                if fans > 0:
                    out.append(("content.reach_rate", lambda s: s["private_uv"] / fans))
            else:
                out.append(("content.private_uv", lambda s: s["private_uv"] / periods))
        if "public_uv" in have and _public_is_count(sel):
            out.append(("content.public_uv", lambda s: s["public_uv"] / periods))
        out.append(("content.watch_minutes", lambda s: s["uv_minutes"] / s["uv"]))
        if has_buyers:
            out.append(("content.orders_per_minute", lambda s: s["buyers"] / s["uv_minutes"]))
        else:
            out.append(
                ("content.orders_per_minute", lambda s: s["orders"] / (s["uv_minutes"] * rf_plan))
            )
        out.append(("content.aov", lambda s: s["gmv"] / s["orders"]))
        if has_buyers:
            out.append(("content.repurchase_frequency", lambda s: s["orders"] / s["buyers"]))
        if "refunds" in have:
            out.append(("content.refund_rate", lambda s: s["refunds"] / s["gmv"]))
        if "traffic_cost" in have and "public_uv" in have:
            out.append(
                ("content.public_cost_per_uv", lambda s: s["traffic_cost"] / s["paid_grown"])
            )
        if "new_fans" in have and "public_uv" in have:
            out.append(("forecast.follow_rate", lambda s: s["new_fans"] / s["public_uv"]))
    else:
        sh = m.shelf
        assert sh is not None
        rf_plan = sh.repurchase_frequency
        if _shelf_uv_is_count(sel):
            out.append(("shelf.uv", lambda s: s["uv"] / periods))
        if has_buyers:
            out.append(("shelf.conversion_rate", lambda s: s["buyers"] / s["uv"]))
        else:
            out.append(("shelf.conversion_rate", lambda s: s["orders"] / (s["uv"] * rf_plan)))
        out.append(("shelf.aov", lambda s: s["gmv"] / s["orders"]))
        if has_buyers:
            out.append(("shelf.repurchase_frequency", lambda s: s["orders"] / s["buyers"]))
        if "refunds" in have:
            out.append(("shelf.refund_rate", lambda s: s["refunds"] / s["gmv"]))
        if "traffic_cost" in have:
            out.append(("shelf.traffic_cost_per_uv", lambda s: s["traffic_cost"] / s["uv_grown"]))
    return out


def _public_is_count(sel: Selection) -> bool:
    """False when the plan buys its paid visitors with a budget (public_budget): the budget is a
    decision, not a measurement, so it is kept (and public_cost_per_uv is fitted)."""
    return getattr(sel.merchant.content, "public_budget", None) is None


def _shelf_uv_is_count(sel: Selection) -> bool:
    return getattr(sel.merchant.shelf, "traffic_budget", None) is None


def fit(
    scenario: Scenario,
    file: str,
    actuals: Actuals,
    *,
    merchant: str | None = None,
    start: dt.date | None = None,
) -> Fit:
    """Estimates and intervals for one merchant. Raises ReadError, or NeedMerchant when it is not
    clear which merchant to fit."""
    import numpy as np

    ids = [m.id for m in scenario.merchants]
    if merchant is None and len(ids) > 1:
        if actuals.merchants is None:
            raise NeedMerchant(ids)
        present = [i for i, rows in assign_merchants(scenario, actuals, ()).items() if rows]
        if len(present) != 1:
            raise NeedMerchant(ids)
        merchant = ids[present[0]]
    selections, _, warnings = select(
        scenario, actuals, path=file, merchants=[merchant] if merchant else [], start=start
    )
    sel = selections[0]
    have = frozenset(actuals.values)
    fields: list[FieldFit] = []
    for model in ("content", "shelf"):
        pairs = [
            (r, t)
            for r, t in zip(sel.rows, sel.periods, strict=True)
            if actuals.channels[r] == model
        ]
        if not pairs:
            continue
        cols = _columns(actuals, pairs, sel, model, np)
        n = len(pairs)
        estimators = _estimators(model, sel, have, sel.span)
        totals = {k: float(v.sum()) for k, v in cols.items()}
        boot = _bootstrap(cols, n, np) if n >= MIN_ROWS else None
        for path, estimate in estimators:
            with np.errstate(divide="ignore", invalid="ignore"):
                try:
                    value = float(estimate(totals))
                except ZeroDivisionError:
                    continue
                if not math.isfinite(value):
                    continue
                low = high = None
                if boot is not None:
                    draws = np.asarray(estimate(boot), dtype=float)
                    draws = draws[np.isfinite(draws)]
                    if draws.size:
                        low, high = (float(x) for x in np.percentile(draws, [5, 95]))
            fields.append(FieldFit(path, value, low, high, n, _written(path, value, low, high)))
    days = [actuals.dates[r] for r in sel.rows]
    return Fit(
        file,
        actuals.file,
        sel.merchant.id,
        sel.position,
        len(sel.rows),
        min(days),
        max(days),
        tuple(fields),
        tuple(warnings.get(sel.position, [])),
    )


def _columns(
    actuals: Actuals, pairs: list[tuple[int, int]], sel: Selection, model: str, np: Any
) -> dict[str, Any]:
    v = actuals.values
    rows = [r for r, _ in pairs]

    def col(name: str) -> Any:
        values = v.get(name)
        if values is None:
            return np.zeros(len(rows))
        return np.array([values[r] for r in rows], dtype=float)

    uv = col("uv")
    # the plan's cost per paid visitor grows each period: the base cost is Σcost ÷ Σ(paid · growth)
    cfg = sel.cfg
    growth = cfg.public_cost_growth if model == "content" else cfg.shelf_traffic_cost_growth
    factor = np.array([(1 + growth) ** (t - 1) for _, t in pairs], dtype=float)
    public = col("public_uv")
    return {
        "uv": uv,
        "uv_minutes": uv * col("watch_minutes"),
        "orders": col("orders"),
        "buyers": col("buyers"),
        "gmv": col("gmv"),
        "refunds": col("refunds"),
        "traffic_cost": col("traffic_cost"),
        "private_uv": col("private_uv"),
        "public_uv": public,
        "new_fans": col("new_fans"),
        "paid_grown": public * factor,
        "uv_grown": uv * factor,
    }


def _bootstrap(cols: dict[str, Any], n: int, np: Any) -> dict[str, Any]:
    """Column sums over RUNS resamples of the rows (with replacement), seed 0."""
    rng = np.random.default_rng(SEED)
    names = list(cols)
    matrix = np.stack([cols[k] for k in names])  # columns × rows
    out = np.empty((len(names), RUNS))
    batch = max(1, min(RUNS, 4_000_000 // max(n, 1)))
    done = 0
    while done < RUNS:
        size = min(batch, RUNS - done)
        idx = rng.integers(0, n, size=(size, n))
        out[:, done : done + size] = matrix[:, idx].sum(axis=2)
        done += size
    return {k: out[i] for i, k in enumerate(names)}


def _sig(value: float, digits: int = 4) -> str:
    """`value` to `digits` significant digits, written without an exponent."""
    if value == 0:
        return "0"
    places = digits - 1 - math.floor(math.log10(abs(value)))
    rounded = round(value, places)
    text = f"{rounded:.{max(places, 0)}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _number_text(path: str, value: float) -> str:
    if path.rsplit(".", 1)[-1] in PERCENT_FIELDS:
        return _sig(value * 100) + "%"
    return _sig(value)


def _written(path: str, value: float, low: float | None, high: float | None) -> str:
    """The YAML value: "low to high" (a lognormal 90% interval) or, without one, the estimate."""
    if low is not None and high is not None and low > 0:
        a, b = _number_text(path, low), _number_text(path, high)
        if a != b:
            return f"{a} to {b}"
    return _number_text(path, value)
