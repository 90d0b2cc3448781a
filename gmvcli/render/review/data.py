"""`review` as JSON-ready data: the §4 rows of plan and actual, the deltas and the effects, rounded
as SPEC §7 says (effects with the largest remainder, so they add up to the rounded delta)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from gmvcli.render.data import model_data, r2, r6
from gmvcli.review.lmdi import round_to_sum
from gmvcli.review.messages import text

if TYPE_CHECKING:
    from gmvcli.review.results import MerchantReview, ModelReview, Review, Side, TotalReview


def _side(side: Side) -> dict[str, Any]:
    """The §4 rows, then the factors of GMV (money and visitors to 2 decimals, the rest to 6)."""
    out = model_data(side.result) or {}
    for k, v in side.factors.items():
        out[k] = r2(v) if k in ("uv", "aov") else r6(v)
    return out


def percent_change(delta: float, base: float) -> float | None:
    return r6(delta / base * 100) if base else None


def _gmv_change(delta: float, plan: float, effects: dict[str, float]) -> dict[str, Any]:
    """The change of GMV: how much, in percent of the plan, and its effects (summing to it)."""
    return {
        "gmv_delta": r2(delta),
        "gmv_delta_pct": percent_change(delta, plan),
        "gmv_effects": round_to_sum(effects, delta),
    }


def _contribution_change(delta: float, effects: dict[str, float]) -> dict[str, Any]:
    return {"contribution_delta": r2(delta), "contribution_effects": round_to_sum(effects, delta)}


def model_review_data(r: ModelReview) -> dict[str, Any]:
    return {
        "plan": _side(r.plan),
        "actual": _side(r.actual),
        **_gmv_change(r.gmv_delta, r.plan.result.gmv, r.gmv_effects),
        **_contribution_change(r.contribution_delta, r.contribution_effects),
    }


def total_data(t: TotalReview) -> dict[str, Any]:
    return {
        "plan_gmv": r2(t.plan_gmv),
        "actual_gmv": r2(t.actual_gmv),
        **_gmv_change(t.gmv_delta, t.plan_gmv, t.gmv_effects),
        "plan_contribution": r2(t.plan_contribution),
        "actual_contribution": r2(t.actual_contribution),
        **_contribution_change(t.contribution_delta, t.contribution_effects),
    }


def _by_model(data: Callable[[Any], dict[str, Any]], of: Any) -> dict[str, Any]:
    """The content and the shelf review (in that order) of a period or the totals, as data;
    None for a model the merchant lacks."""
    return {
        m: None if getattr(of, m) is None else data(getattr(of, m)) for m in ("content", "shelf")
    }


def merchant_review_data(m: MerchantReview) -> dict[str, Any]:
    return {
        "id": m.id,
        "name": m.name,
        "periods": [
            {
                "period": p.period,
                "start": p.start.isoformat(),
                "end": p.end.isoformat(),
                "rows": p.rows,
                **_by_model(model_review_data, p),
            }
            for p in m.periods
        ],
        "total": _by_model(total_data, m),
        "warnings": [w.text("en") for w in m.warnings],
        "notes": [text(code, "en", **dict(params)) for code, params in m.notes],
    }


def review_data(r: Review) -> dict[str, Any]:
    """The review's record as it is (file, actuals, name, currency, period), its merchants as data."""
    return {**r._asdict(), "merchants": [merchant_review_data(m) for m in r.merchants]}
