"""SPEC §10 `review`: the sessions of each period set against the §5 forecast of the same merchant.

`selection` picks each merchant's rows and periods, `sides` computes plan and actual of each model in
each period; here they become a review: the LMDI effects on GMV, the effects on contribution and the
totals over the periods (records in `results`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from gmvcli.engine import ModelResult
from gmvcli.model import Scenario
from gmvcli.review import lmdi
from gmvcli.review.actuals import Actuals
from gmvcli.review.issues import Issue, ReadError
from gmvcli.review.periods import Calendar
from gmvcli.review.results import (
    CONTRIBUTION_LINES,
    FACTORS,
    MerchantReview,
    ModelReview,
    PeriodReview,
    Review,
    Side,
    TotalReview,
)
from gmvcli.review.selection import Selection, select
from gmvcli.review.sides import Problemed, actual_side, period_sums, plan_factors


def review(
    scenario: Scenario,
    file: str,
    actuals: Actuals,
    *,
    merchants: Sequence[str] = (),
    start: dt.date | None = None,
) -> Review:
    """SPEC §10 for every merchant with rows (or the ones asked for). Raises ReadError."""
    selections, cal, warnings = select(
        scenario, actuals, path=file, merchants=merchants, start=start
    )
    reviewed = tuple(
        _merchant_review(scenario, actuals, s, cal, warnings.get(s.position, []))
        for s in selections
    )
    return Review(file, actuals.file, scenario.name, scenario.currency, scenario.period, reviewed)


def contribution_effects(plan: ModelResult, actual: ModelResult) -> dict[str, float]:
    """How each additive line moved contribution: net GMV and rebate up, each cost down."""
    p, a = plan.costs, actual.costs
    return {
        "net_gmv": actual.net_gmv - plan.net_gmv,
        "traffic": -(a.traffic - p.traffic),
        "commission": -(a.commission - p.commission),
        "promotion": -(a.promotion - p.promotion),
        "content": -(a.content - p.content),
        "goods": -(a.goods - p.goods),
        "rebate": actual.rebate - plan.rebate,
    }


def _merchant_review(
    scenario: Scenario,
    actuals: Actuals,
    sel: Selection,
    cal: Calendar,
    warnings: list[Issue],
) -> MerchantReview:
    merchant = sel.merchant
    have = frozenset(actuals.values)
    channels = {actuals.channels[r] for r in sel.rows}
    models = [m for m in ("content", "shelf") if m in channels]
    sums = {m: period_sums(actuals, sel, m) for m in models}
    counts = [0] * sel.span
    for t in sel.periods:
        counts[t - 1] += 1
    notes: list[tuple[str, tuple[tuple[str, object], ...]]] = []
    if "refunds" not in have:
        notes.append(("review.note_refunds", ()))
    if "buyers" not in have:
        notes.append(("review.note_buyers", ()))
    if "traffic_cost" not in have:
        notes.append(("review.note_traffic", ()))
    if "content" in models and not ({"private_uv", "public_uv"} & have):
        notes.append(("review.note_split", ()))
    periods: list[PeriodReview] = []
    errors: list[Issue] = []
    for t in range(1, sel.span + 1):
        start, end = cal.bounds(t)
        by_model: dict[str, ModelReview | None] = {"content": None, "shelf": None}
        if counts[t - 1] == 0:
            notes.append(("review.note_empty_period", (("period", t),)))
        for model in models:
            plan_result = getattr(sel.plan[t - 1], model)
            plan = Side(plan_result, plan_factors(model, merchant, plan_result), {})
            try:
                actual = actual_side(model, sel, t, sums[model][t - 1], have, actuals.file)
            except Problemed as exc:
                errors.append(exc.issue)
                continue
            by_model[model] = ModelReview(
                plan,
                actual,
                lmdi.effects(FACTORS[model], plan.factors, actual.factors),
                contribution_effects(plan.result, actual.result),
            )
        periods.append(
            PeriodReview(t, start, end, counts[t - 1], by_model["content"], by_model["shelf"])
        )
    if errors:
        raise ReadError(errors)
    totals = {m: _total([getattr(p, m) for p in periods], m) for m in models}
    days = [actuals.dates[r] for r in sel.rows]
    return MerchantReview(
        merchant.id,
        merchant.name,
        tuple(periods),
        totals.get("content"),
        totals.get("shelf"),
        tuple(warnings),
        tuple(notes),
        min(days) if days else None,
        max(days) if days else None,
    )


def _total(reviews: list[ModelReview | None], model: str) -> TotalReview:
    done = [r for r in reviews if r is not None]
    gmv_effects = dict.fromkeys(FACTORS[model], 0.0)
    contribution = dict.fromkeys(CONTRIBUTION_LINES, 0.0)
    for r in done:
        for k, v in r.gmv_effects.items():
            gmv_effects[k] += v
        for k, v in r.contribution_effects.items():
            contribution[k] += v
    return TotalReview(
        sum(r.plan.result.gmv for r in done),
        sum(r.actual.result.gmv for r in done),
        gmv_effects,
        sum(r.plan.result.contribution for r in done),
        sum(r.actual.result.contribution for r in done),
        contribution,
    )
