"""The chart of `forecast --plot`: the cumulative contribution of both models per period, and
the period where content overtakes shelf."""

from __future__ import annotations

from collections.abc import Sequence

from gmvcli.crossover import crossover
from gmvcli.messages import msg
from gmvcli.plot import files
from gmvcli.plot.errors import PlotError
from gmvcli.plot.files import check
from gmvcli.plot.style import CONTENT_COLOR, SHELF_COLOR, chart_style, money_axis, note


def cumulative(
    periods: Sequence[int],
    shelf_cumulative: Sequence[float],
    content_cumulative: Sequence[float],
    path: str,
    lang: str,
    title: str,
    unit_label: str,
    currency_symbol: str = "¥",
) -> None:
    """Cumulative contribution of both models per period, the crossover period marked.
    `unit_label` is the period unit worded for `chart_lang(lang)` (`label("unit.month", ...)`)."""
    if not len(periods) == len(shelf_cumulative) == len(content_cumulative):
        raise PlotError(msg("plot.lengths"))
    if not periods:
        raise PlotError(msg("plot.no_periods"))
    fmt = check(path, lang)
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    with chart_style(lang) as style:
        fig = Figure(figsize=(8, 4.5), layout="constrained")
        ax = fig.add_subplot()
        marker = "o" if len(periods) <= 36 else None
        for model, values, color in (
            ("shelf", shelf_cumulative, SHELF_COLOR),
            ("content", content_cumulative, CONTENT_COLOR),
        ):
            ax.plot(
                periods, values, color=color, marker=marker, markersize=3, label=style.words(model)
            )
        ax.axhline(0, color="0.6", linewidth=0.8)
        unit = style.clean(unit_label)
        t = crossover(zip(periods, shelf_cumulative, content_cumulative, strict=True))
        if t:
            value = content_cumulative[list(periods).index(t)]
            ax.axvline(t, color="0.4", linestyle=":", linewidth=1)
            ax.plot(
                [t],
                [value],
                marker="*",
                markersize=14,
                color="crimson",
                linestyle="none",
                label=style.words("plot.crossover", unit=unit, t=t),
            )
        else:
            note(ax, style.words("plot.no_crossover", n=len(periods), unit=unit))
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        money_axis(ax.yaxis, style, currency_symbol)
        ax.set_xlabel(style.words("plot.period_axis", unit=unit))
        ax.set_ylabel(style.words("plot.cumulative"))
        ax.set_title(style.text(title))
        ax.legend(loc="best")
        files.save(fig, path, fmt)
