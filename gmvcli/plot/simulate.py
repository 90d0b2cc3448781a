"""The chart of `simulate --plot`: the histogram of the simulated advantage."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gmvcli.i18n import magnitude, percent
from gmvcli.messages import msg
from gmvcli.plot import files
from gmvcli.plot.errors import PlotError
from gmvcli.plot.files import check
from gmvcli.plot.style import CONTENT_COLOR, SHELF_COLOR, chart_style, money_axis, note

if TYPE_CHECKING:
    import numpy.typing as npt


def histogram(
    values: npt.ArrayLike,
    path: str,
    lang: str,
    title: str,
    currency_symbol: str = "¥",
) -> None:
    """Histogram of the simulated advantage (content − shelf contribution, one value per draw),
    with a line at 0 and the share of draws above 0 (`p_content_wins`) in a text box.
    Non-finite draws are left out; ValueError when none is left."""
    import numpy as np

    fmt = check(path, lang)
    data = np.asarray(values, dtype=float).ravel()
    data = data[np.isfinite(data)]
    if data.size == 0:
        raise PlotError(msg("plot.no_values"))
    from matplotlib.figure import Figure

    with chart_style(lang) as style:
        fig = Figure(figsize=(8, 4.5), layout="constrained")
        ax = fig.add_subplot()
        edges = np.histogram_bin_edges(data, bins="auto")
        if edges.size > 81:
            edges = np.histogram_bin_edges(data, bins=80)
        ax.hist(
            [data[data <= 0], data[data > 0]],
            bins=edges.tolist(),
            stacked=True,
            color=[SHELF_COLOR, CONTENT_COLOR],
            label=[style.words("plot.shelf_ahead"), style.words("plot.content_ahead")],
        )
        ax.axvline(0, color="black", linewidth=1.2, label=style.words("plot.breakeven"))
        median = float(np.median(data))
        ax.axvline(median, color="dimgray", linewidth=1, linestyle="--")
        share = float(np.mean(data > 0))
        note(
            ax,
            style.words(
                "plot.content_wins", share=percent(share), runs=magnitude(data.size, style.lang)
            )
            + "\n"
            + style.words("plot.median")
            + ": "
            + style.money(median, currency_symbol),
        )
        money_axis(ax.xaxis, style, currency_symbol)
        ax.set_xlabel(style.words("plot.advantage"))
        ax.set_ylabel(style.words("plot.draws"))
        ax.set_title(style.text(title))
        ax.legend(loc="best")
        files.save(fig, path, fmt)
