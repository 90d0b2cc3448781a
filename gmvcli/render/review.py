"""`review` and `fit` as JSON-ready data, table, CSV and markdown (SPEC §10).

Numbers come from gmvcli.review; nothing is recomputed here. Effects are rounded with the largest
remainder, so that the printed effects add up to the printed delta, cent for cent.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any

from gmvcli.i18n import label, magnitude, money, percent
from gmvcli.render.data import model_data, r2, r6
from gmvcli.review.lmdi import round_to_sum
from gmvcli.review.messages import text

if TYPE_CHECKING:
    from gmvcli.review.fit import Fit
    from gmvcli.review.review import MerchantReview, ModelReview, Review, Side, TotalReview

#: words of the review table: key → (en, zh)
WORDS: dict[str, tuple[str, str]] = {
    "uv": ("visitors", "访客"),
    "watch_minutes": ("watch minutes", "观看时长"),
    "orders_per_minute": ("orders per minute", "单位时长转化"),
    "conversion_rate": ("conversion", "转化率"),
    "aov": ("AOV", "客单价"),
    "repurchase_frequency": ("repurchase", "复购频次"),
    "net_gmv": ("net GMV", "净GMV"),
    "traffic": ("traffic cost", "流量成本"),
    "commission": ("commission", "平台佣金"),
    "promotion": ("promotions", "促销让利"),
    "content": ("content cost", "内容成本"),
    "goods": ("cost of goods", "货品成本"),
    "rebate": ("rebate", "返点"),
    "col.period": ("Period", "期"),
    "col.dates": ("Dates", "日期"),
    "col.rows": ("Sessions", "场次"),
    "col.plan_gmv": ("Plan GMV", "计划GMV"),
    "col.actual_gmv": ("Actual GMV", "实际GMV"),
    "col.gmv_delta": ("Δ GMV", "GMV差额"),
    "col.pct": ("Δ %", "差额%"),
    "col.plan_contribution": ("Plan profit", "计划利润"),
    "col.actual_contribution": ("Actual profit", "实际利润"),
    "col.contribution_delta": ("Δ profit", "利润差额"),
    "col.factor": ("Why GMV moved", "GMV 变动原因"),
    "col.plan": ("Plan", "计划"),
    "col.actual": ("Actual", "实际"),
    "col.effect": ("Effect on GMV", "对GMV影响"),
    "col.line": ("Why profit moved", "利润变动原因"),
    "col.effect_profit": ("Effect on profit", "对利润影响"),
    "total": ("Total", "合计"),
    "title": ("Plan vs actual", "计划 vs 实际（复盘）"),
    "sessions_from": ("sessions from", "场次数据来自"),
    "note": ("Note", "说明"),
    "warning": ("warning", "警告"),
    "fit.field": ("Field", "字段"),
    "fit.value": ("Estimate", "估计值"),
    "fit.interval": ("90% interval", "90% 区间"),
    "fit.rows": ("Rows", "行数"),
    "fit.written_as": ("Written as", "写入为"),
}


def word(key: str, lang: str) -> str:
    en, zh = WORDS[key]
    return zh if lang == "zh" else en


# --- JSON ------------------------------------------------------------------------------------------


def _side(side: Side) -> dict[str, Any]:
    """The §4 rows, then the factors of GMV (money and visitors to 2 decimals, the rest to 6)."""
    out = model_data(side.result) or {}
    for k, v in side.factors.items():
        out[k] = r2(v) if k in ("uv", "aov") else r6(v)
    return out


def _pct(delta: float, base: float) -> float | None:
    return r6(delta / base * 100) if base else None


def model_review_data(r: ModelReview | None) -> dict[str, Any] | None:
    if r is None:
        return None
    return {
        "plan": _side(r.plan),
        "actual": _side(r.actual),
        "gmv_delta": r2(r.gmv_delta),
        "gmv_delta_pct": _pct(r.gmv_delta, r.plan.result.gmv),
        "gmv_effects": round_to_sum(r.gmv_effects, r.gmv_delta),
        "contribution_delta": r2(r.contribution_delta),
        "contribution_effects": round_to_sum(r.contribution_effects, r.contribution_delta),
    }


def total_data(t: TotalReview | None) -> dict[str, Any] | None:
    if t is None:
        return None
    return {
        "plan_gmv": r2(t.plan_gmv),
        "actual_gmv": r2(t.actual_gmv),
        "gmv_delta": r2(t.gmv_delta),
        "gmv_delta_pct": _pct(t.gmv_delta, t.plan_gmv),
        "gmv_effects": round_to_sum(t.gmv_effects, t.gmv_delta),
        "plan_contribution": r2(t.plan_contribution),
        "actual_contribution": r2(t.actual_contribution),
        "contribution_delta": r2(t.contribution_delta),
        "contribution_effects": round_to_sum(t.contribution_effects, t.contribution_delta),
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
                "content": model_review_data(p.content),
                "shelf": model_review_data(p.shelf),
            }
            for p in m.periods
        ],
        "total": {"content": total_data(m.content), "shelf": total_data(m.shelf)},
        "warnings": [w.text("en") for w in m.warnings],
        "notes": [text(code, "en", **dict(params)) for code, params in m.notes],
    }


def review_data(r: Review) -> dict[str, Any]:
    return {
        "file": r.file,
        "actuals": r.actuals,
        "name": r.name,
        "currency": r.currency,
        "period": r.period,
        "merchants": [merchant_review_data(m) for m in r.merchants],
    }


def fit_data(f: Fit) -> dict[str, Any]:
    return {
        "file": f.file,
        "actuals": f.actuals,
        "merchant": f.merchant,
        "rows": f.rows,
        "first": f.first.isoformat(),
        "last": f.last.isoformat(),
        "fields": [
            {
                "path": x.path,
                "value": r6(x.value),
                "low": r6(x.low),
                "high": r6(x.high),
                "rows": x.rows,
                "written": x.written,
            }
            for x in f.fields
        ],
    }
