"""Plan vs actual of one merchant on the page (`report --actuals`, SPEC §10 and §12): what
`gmvcli review` finds, worded as its table words it (`render.review.words`): the periods, the
waterfall of the effects on GMV, the verdict, and the effects per period on GMV and on profit.
Nothing is computed here: the review (gmvcli.review) made every figure."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gmvcli.i18n import label
from gmvcli.render.data import r2
from gmvcli.render.review.words import (
    PERIOD_HEADERS,
    effect_tables,
    notes,
    period_heading,
    period_rows,
    signed_money,
    span,
    verdict,
    word,
)
from gmvcli.report.texts import money_format, text
from gmvcli.report.view import ActualsView, Table
from gmvcli.report.waterfall import waterfall
from gmvcli.review.lmdi import round_to_sum
from gmvcli.review.results import FACTORS

if TYPE_CHECKING:
    from gmvcli.review.results import MerchantReview, Review


def actuals_views(m: MerchantReview, review: Review, lang: str) -> tuple[ActualsView, ...]:
    """One view per model the sessions hold (content first, as `review` prints them)."""
    return tuple(
        _model_view(m, model, review, lang)
        for model in ("content", "shelf")
        if getattr(m, model) is not None
    )


def _effects_table(title: str, header: list[str], rows: list[list[str]], lang: str) -> Table:
    head = (title, *(period_heading(h, lang) for h in header))
    return Table(
        head,
        tuple(tuple(r) for r in rows),
        (False, *([True] * len(header))),
        True,
    )


def _model_view(m: MerchantReview, model: str, review: Review, lang: str) -> ActualsView:
    currency = review.currency
    total = getattr(m, model)
    sessions = sum(p.rows for p in m.periods)
    source = text(
        "actuals.source",
        lang,
        count=f"{sessions:,}",
        file=review.actuals,
        first=m.first.isoformat() if m.first else "",
        last=m.last.isoformat() if m.last else "",
    )
    header = [word(k, lang) for k in PERIOD_HEADERS]
    rows = period_rows(m, model, lang, currency)
    # GMV and profit as two tables (as `review` splits them when narrow), so each fits a laptop
    periods, profit = (
        Table(
            tuple(header[i] for i in part),
            tuple(tuple(r[i] for i in part) for r in rows),
            tuple(i > 1 for i in part),
            True,
            frozenset({len(rows) - 1}),
        )
        for part in ((0, 1, 2, 3, 4, 5, 6), (0, 7, 8, 9))
    )
    effects = round_to_sum(total.gmv_effects, total.gmv_delta)
    said = verdict(m, model, review.period, lang, currency)
    chart = waterfall(
        (word("col.plan_gmv", lang), r2(total.plan_gmv)),
        [
            (word(k, lang), effects[k], signed_money(effects[k], lang, currency))
            for k in FACTORS[model]
        ],
        (word("col.actual_gmv", lang), r2(total.actual_gmv), model),
        money_format(lang, currency),
        text("actuals.chart", lang, span=span(len(m.periods), review.period, lang)),
        said,
    )
    gmv_effects, profit_effects = effect_tables(m, model, lang, currency)
    return ActualsView(
        heading=text("h.actuals", lang, model=label(model, lang)),
        source=source,
        periods=periods,
        profit=profit,
        chart=chart,
        verdict=said,
        effects_summary=text("actuals.effects", lang),
        gmv_effects=_effects_table(*gmv_effects, lang),
        profit_effects=_effects_table(*profit_effects, lang),
        notes=tuple(notes(m, lang)),
    )
