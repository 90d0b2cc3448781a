"""Results as plain, JSON-ready data (SPEC §7): English keys, money and counts to 2 decimals, ratios to 6."""

from __future__ import annotations

from operator import attrgetter
from typing import TYPE_CHECKING, Any

from gmvcli.i18n import message
from gmvcli.rows import JSON_ROWS

if TYPE_CHECKING:
    from gmvcli.compare import MerchantResult, ScenarioResult
    from gmvcli.engine import Comparison, ModelResult
    from gmvcli.errors import Problem
    from gmvcli.forecast import MerchantForecast, ScenarioForecast, Totals
    from gmvcli.policies import Notice


def r2(value: float) -> float:
    """Money and counts: 2 decimals, never -0.0."""
    return round(value, 2) + 0.0


def r6(value: float | None) -> float | None:
    """Ratios: 6 decimals."""
    return None if value is None else round(value, 6) + 0.0


def rounded(value: float | None, decimals: int) -> float | None:
    """A number as JSON shows it (SPEC §7): 2 or 6 decimals, never -0.0 or float noise."""
    return None if value is None else round(value, decimals) + 0.0


def model_data(result: ModelResult | None) -> dict[str, Any] | None:
    """A model's §4 rows as JSON: every quantity of the registry with a JSON path, in order."""
    if result is None:
        return None
    out: dict[str, Any] = {}
    for q in JSON_ROWS:
        if result.model not in q.models:
            continue
        head, _, leaf = q.json.rpartition(".") if q.json else ("", "", "")
        value = rounded(attrgetter(q.json or "")(result), q.decimals)
        (out.setdefault(head, {}) if head else out)[leaf] = value
    return out


def comparison_data(comparison: Comparison | None) -> dict[str, Any] | None:
    if comparison is None:
        return None
    d = comparison.drivers
    return {
        "gmv_delta": r2(comparison.gmv_delta),
        "gmv_ratio": r6(comparison.gmv_ratio),
        "net_gmv_delta": r2(comparison.net_gmv_delta),
        "contribution_delta": r2(comparison.contribution_delta),
        "drivers": {
            "uv": r6(d.uv),
            "conversion": r6(d.conversion),
            "aov": r6(d.aov),
            "repurchase": r6(d.repurchase),
        },
    }


def warnings_data(notices: tuple[Notice, ...]) -> list[str]:
    return [message(n.key, "en", **dict(n.params)) for n in notices]


def merchant_data(m: MerchantResult) -> dict[str, Any]:
    return {
        "id": m.id,
        "name": m.name,
        "role": m.role,
        "shelf": model_data(m.shelf),
        "content": model_data(m.content),
        "comparison": comparison_data(m.comparison),
        "warnings": warnings_data(m.warnings),
    }


def compare_data(result: ScenarioResult) -> dict[str, Any]:
    return {
        "file": result.file,
        "name": result.name,
        "currency": result.currency,
        "merchants": [merchant_data(m) for m in result.merchants],
    }


def _totals(t: Totals | None) -> dict[str, float] | None:
    if t is None:
        return None
    return {"gmv": r2(t.gmv), "net_gmv": r2(t.net_gmv), "contribution": r2(t.contribution)}


def forecast_merchant_data(m: MerchantForecast) -> dict[str, Any]:
    periods = []
    for p in m.periods:
        content = model_data(p.content)
        if content is not None:
            content["fans_start"] = r2(p.fans_start or 0.0)
            content["fans_end"] = r2(p.fans_end or 0.0)
        periods.append({"period": p.period, "shelf": model_data(p.shelf), "content": content})
    out: dict[str, Any] = {
        "id": m.id,
        "name": m.name,
        "role": m.role,
        "periods": periods,
        "totals": {"shelf": _totals(m.shelf_totals), "content": _totals(m.content_totals)},
        "crossover": m.crossover,
        "warnings": warnings_data(m.warnings),
    }
    if m.error is not None:
        out["totals"] = None
        out["error"] = m.error.as_json()
    return out


def forecast_data(result: ScenarioForecast) -> dict[str, Any]:
    return {
        "file": result.file,
        "name": result.name,
        "currency": result.currency,
        "merchants": [forecast_merchant_data(m) for m in result.merchants],
    }


def error_data(file: str, problem: Problem) -> dict[str, Any]:
    """A failed input in json/jsonl output: {"file", "error": {"message", "line", "column", "path"}}."""
    return {"file": file, "error": problem.as_json()}
