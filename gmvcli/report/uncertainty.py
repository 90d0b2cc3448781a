"""The uncertainty section of a merchant: the simulated advantage (its percentiles and histogram)
and the tornado of `sensitivity`, from the uncertainty module's draws and swings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from gmvcli.i18n import magnitude, money, percent
from gmvcli.render.data import r2
from gmvcli.render.words import PolicyNames, field_label
from gmvcli.report import charts
from gmvcli.report.texts import money_format, text
from gmvcli.report.view import Table, UncertaintyView

if TYPE_CHECKING:
    from gmvcli.uncertainty import MerchantSimulation, Swing


def uncertainty_view(
    sim: MerchantSimulation,
    swings: Sequence[Swing],
    base: float,
    runs: int,
    seed: int,
    lang: str,
    currency: str,
    data: dict[str, Any],
    policies: PolicyNames | None = None,
) -> UncertaintyView | None:
    """The section, or None when the merchant's advantage was not simulated."""
    import numpy as np

    from gmvcli.render.uncertain import input_text

    if sim.advantage is None:
        return None
    adv = np.asarray(sim.advantage, dtype=float)
    share = data["p_content_wins"]
    points = {
        k: money(r2(float(v)), lang, currency)
        for k, v in zip(("p5", "p50", "p95"), np.percentile(adv, [5, 50, 95]), strict=True)
    }
    cash = money_format(lang, currency)
    histogram = None
    if float(adv.max() - adv.min()) > 0.005:
        words = {
            k: text(f"uncertainty.{k}", lang)
            for k in ("shelf_ahead", "content_ahead", "breakeven", "median")
        }
        histogram = charts.histogram(
            adv,
            cash,
            words,
            text("uncertainty.histogram", lang),
            text("uncertainty.wins_text", lang, share=percent(share)),
        )
    tornado = table = None
    if swings:
        rows = [(field_label(s.path, lang, policies), s.metric_low, s.metric_high) for s in swings]
        tornado = charts.tornado(
            rows,
            base,
            cash,
            text("tornado.central", lang, value=money(r2(base), lang, currency)),
            text("h.tornado", lang),
            text("tornado.note", lang),
        )
        table = Table(
            tuple(
                text(k, lang)
                for k in (
                    "col.input",
                    "col.low",
                    "col.high",
                    "col.metric_low",
                    "col.metric_high",
                    "col.swing",
                )
            ),
            tuple(
                (
                    field_label(s.path, lang, policies),
                    input_text(s.path, s.low, lang, currency),
                    input_text(s.path, s.high, lang, currency),
                    money(r2(s.metric_low), lang, currency),
                    money(r2(s.metric_high), lang, currency),
                    money(r2(s.swing), lang, currency),
                )
                for s in swings
            ),
            (False, True, True, True, True, True),
            True,
        )
    return UncertaintyView(
        text("h.uncertainty", lang, runs=magnitude(runs, lang)),
        text("uncertainty.note", lang, runs=magnitude(runs, lang), seed=seed),
        percent(share),
        text("uncertainty.wins_text", lang, share=percent(share))
        if histogram is not None
        else text("uncertainty.constant", lang),
        Table(
            (text("col.item", lang), *(text(f"col.{k}", lang) for k in points)),
            ((text("uncertainty.advantage", lang), *points.values()),),
            (False, True, True, True),
        ),
        histogram,
        tornado,
        table,
    )
