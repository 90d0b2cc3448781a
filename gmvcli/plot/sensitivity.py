"""The chart of `sensitivity --plot`: the tornado of the metric at each input's low and high value."""

from __future__ import annotations

from collections.abc import Sequence

from gmvcli.plot import files
from gmvcli.plot.files import check
from gmvcli.plot.style import HIGH_COLOR, LOW_COLOR, chart_style, money_axis


def tornado(
    rows: Sequence[tuple[str, float, float]],
    base: float,
    path: str,
    lang: str,
    title: str,
    metric_label: str,
    currency_symbol: str = "¥",
) -> None:
    """Tornado of a sensitivity run: per input (label, metric at its low value, metric at its high
    value) a bar from `base` (the metric with every input central) to each; largest swing on top.
    Labels are the caller's, worded for `chart_lang(lang)`."""
    fmt = check(path, lang)
    from matplotlib.figure import Figure

    ranked = sorted(rows, key=lambda r: -abs(r[2] - r[1]))
    n = len(ranked)
    with chart_style(lang) as style:
        fig = Figure(figsize=(8, max(2.5, 1.4 + 0.45 * n)), layout="constrained")
        ax = fig.add_subplot()
        y = list(range(n))
        lows = [float(r[1]) for r in ranked]
        highs = [float(r[2]) for r in ranked]
        ax.barh(
            y,
            [v - base for v in lows],
            left=base,
            color=LOW_COLOR,
            height=0.6,
            label=style.words("plot.input_low"),
        )
        ax.barh(
            y,
            [v - base for v in highs],
            left=base,
            color=HIGH_COLOR,
            height=0.6,
            alpha=0.85,
            label=style.words("plot.input_high"),
        )
        central = style.words("plot.central") + ": " + style.money(base, currency_symbol)
        ax.axvline(base, color="black", linewidth=1, label=central)
        for i, (low, high) in enumerate(zip(lows, highs, strict=True)):
            for value in (low, high):
                if value == base:
                    continue
                right = value > base
                ax.annotate(
                    style.money(value, currency_symbol),
                    (value, i),
                    xytext=(4 if right else -4, 0),
                    textcoords="offset points",
                    ha="left" if right else "right",
                    va="center",
                    fontsize=8,
                )
        ax.set_yticks(y, [style.text(r[0]) for r in ranked])
        if n:
            ax.set_ylim(n - 0.5, -0.5)  # the first (largest) row on top
        else:
            ax.text(
                0.5,
                0.5,
                style.words("plot.no_inputs"),
                transform=ax.transAxes,
                ha="center",
                va="center",
            )
        ax.margins(x=0.18)
        money_axis(ax.xaxis, style, currency_symbol)
        ax.set_xlabel(style.text(metric_label))
        ax.set_title(style.text(title))
        if n:
            ax.legend(loc="best", fontsize=8)
        files.save(fig, path, fmt)
