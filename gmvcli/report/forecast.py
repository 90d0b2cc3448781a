"""The forecast section of a merchant: the cumulative contribution per period as a table and a
chart, from the forecast's periods rounded to the cent as the JSON output rounds them."""

from __future__ import annotations

from collections.abc import Callable

from gmvcli.errors import Problem
from gmvcli.forecast import MerchantForecast
from gmvcli.i18n import label
from gmvcli.render.data import r2
from gmvcli.render.words import fmt
from gmvcli.report import charts
from gmvcli.report.texts import money_format, period_unit, text
from gmvcli.report.view import ForecastView, Table


def forecast_view(
    f: MerchantForecast,
    lang: str,
    currency: str,
    period: str,
    lang_problem: Callable[[Problem], str],
) -> ForecastView:
    """The section, or its heading and why the forecast cannot be made."""
    unit = period_unit(period, lang)
    n = len(f.periods)
    if f.error is not None:
        return ForecastView(
            text("h.forecast", lang, n="", unit=unit).strip(),
            None,
            "",
            None,
            "",
            text("forecast.cannot", lang, problem=lang_problem(f.error)),
        )
    from gmvcli.render.words import forecast_verdict

    shelf_cum: list[float] = []
    content_cum: list[float] = []
    rows = []
    s_sum = c_sum = 0.0
    for p in f.periods:
        s = r2(p.shelf.contribution) if p.shelf else None
        c = r2(p.content.contribution) if p.content else None
        s_sum += s or 0.0
        c_sum += c or 0.0
        shelf_cum.append(s_sum)
        content_cum.append(c_sum)
        both = p.shelf is not None and p.content is not None
        rows.append(
            (
                str(p.period),
                fmt(r2(p.shelf.gmv) if p.shelf else None, "money", lang, currency),
                fmt(r2(p.content.gmv) if p.content else None, "money", lang, currency),
                fmt(s, "money", lang, currency),
                fmt(c, "money", lang, currency),
                fmt(r2(p.fans_end) if p.fans_end is not None else None, "count", lang, currency),
                fmt(c_sum - s_sum if both else None, "money", lang, currency),
            )
        )
    head = (
        text("col.period", lang),
        label("col.shelf_gmv", lang).replace("\n", " "),
        label("col.content_gmv", lang).replace("\n", " "),
        label("col.shelf_contribution", lang).replace("\n", " "),
        label("col.content_contribution", lang).replace("\n", " "),
        label("fans", lang),
        label("col.cumulative", lang).replace("\n", " "),
    )
    table = Table(head, tuple(rows), (False, *([True] * 6)), True)
    series = []
    if f.shelf_totals is not None:
        series.append((label("shelf", lang), "shelf", shelf_cum))
    if f.content_totals is not None:
        series.append((label("content", lang), "content", content_cum))
    crossover_label = (
        text("forecast.overtakes", lang, unit=unit, t=f.crossover) if f.crossover else ""
    )
    chart_verdict = forecast_verdict(f, lang, currency, period)
    chart = charts.cumulative(
        [p.period for p in f.periods],
        series,
        f.crossover,
        crossover_label,
        money_format(lang, currency),
        text("forecast.chart", lang),
        chart_verdict,
    )
    return ForecastView(
        text("h.forecast", lang, n=n, unit=unit),
        chart,
        chart_verdict,
        table,
        text("forecast.table", lang, n=n, unit=unit),
        None,
    )
