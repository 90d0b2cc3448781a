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
                row = dict(base, period=p["period"], start=p["start"], end=p["end"], rows=p["rows"])
                row.update(
                    plan_uv=x["plan"]["uv"],
                    actual_uv=x["actual"]["uv"],
                    plan_gmv=x["plan"]["gmv"],
                    actual_gmv=x["actual"]["gmv"],
                    gmv_delta=x["gmv_delta"],
                    gmv_delta_pct=x["gmv_delta_pct"],
                    plan_contribution=x["plan"]["contribution"],
                    actual_contribution=x["actual"]["contribution"],
                    contribution_delta=x["contribution_delta"],
                )
                row.update({f"effect_{k}": v for k, v in x["gmv_effects"].items()})
                row.update({f"effect_{k}": v for k, v in x["contribution_effects"].items()})
                out.append(row)
            t = data["total"][model]
            row = dict(base, period="total", start=data["periods"][0]["start"],
                       end=data["periods"][-1]["end"], rows=sum(p["rows"] for p in data["periods"]))  # fmt: skip
            row.update(
                plan_gmv=t["plan_gmv"],
                actual_gmv=t["actual_gmv"],
                gmv_delta=t["gmv_delta"],
                gmv_delta_pct=t["gmv_delta_pct"],
                plan_contribution=t["plan_contribution"],
                actual_contribution=t["actual_contribution"],
                contribution_delta=t["contribution_delta"],
            )
            row.update({f"effect_{k}": v for k, v in t["gmv_effects"].items()})
            row.update({f"effect_{k}": v for k, v in t["contribution_effects"].items()})
            out.append(row)
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
