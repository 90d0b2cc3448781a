"""`review` as CSV: long format, one row per merchant, model and period, then its total."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any

from gmvcli.render.review.data import merchant_review_data

if TYPE_CHECKING:
    from gmvcli.review.results import Review

CSV_COLUMNS = (
    "file", "actuals", "merchant", "model", "period", "start", "end", "rows",
    "plan_uv", "actual_uv", "plan_gmv", "actual_gmv", "gmv_delta", "gmv_delta_pct",
    "plan_contribution", "actual_contribution", "contribution_delta",
    "effect_uv", "effect_watch_minutes", "effect_orders_per_minute", "effect_conversion_rate",
    "effect_aov", "effect_repurchase_frequency",
    "effect_net_gmv", "effect_traffic", "effect_commission", "effect_promotion",
    "effect_content", "effect_goods", "effect_rebate",
)  # fmt: skip


#: the changes a row states as they are, in a period's data and in the total alike
_DELTAS = ("gmv_delta", "gmv_delta_pct", "contribution_delta")


def _row(
    base: dict[str, Any], span: dict[str, Any], figures: dict[str, Any], x: dict[str, Any]
) -> dict[str, Any]:
    """A CSV row: whose it is, the span it covers, its figures and each effect (`effect_<key>`)."""
    effects = {**x["gmv_effects"], **x["contribution_effects"]}
    return {
        **base,
        **span,
        **figures,
        **{k: x[k] for k in _DELTAS},
        **{f"effect_{k}": v for k, v in effects.items()},
    }


def csv_rows(r: Review) -> list[dict[str, Any]]:
    """Long format: one row per merchant, model and period, then its total (period "total")."""
    out: list[dict[str, Any]] = []
    for m in r.merchants:
        data = merchant_review_data(m)
        for model in ("content", "shelf"):
            if data["total"][model] is None:
                continue
            base = {"file": r.file, "actuals": r.actuals, "merchant": m.id, "model": model}
            for p in data["periods"]:
                x = p[model]
                if x is None:
                    continue
                span = {k: p[k] for k in ("period", "start", "end", "rows")}
                figures = {
                    f"{side}_{k}": x[side][k]
                    for side in ("plan", "actual")
                    for k in ("uv", "gmv", "contribution")
                }
                out.append(_row(base, span, figures, x))
            t = data["total"][model]
            periods = data["periods"]
            span = {"period": "total", "start": periods[0]["start"], "end": periods[-1]["end"],
                    "rows": sum(p["rows"] for p in periods)}  # fmt: skip
            figures = {
                f"{side}_{k}": t[f"{side}_{k}"]
                for side in ("plan", "actual")
                for k in ("gmv", "contribution")
            }
            out.append(_row(base, span, figures, t))
    return out


def render_csv(reviews: list[Review]) -> str:
    from gmvcli.render.csv import cell

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in reviews:
        for row in csv_rows(r):
            writer.writerow([cell(row.get(c)) for c in CSV_COLUMNS])
    return buffer.getvalue()
