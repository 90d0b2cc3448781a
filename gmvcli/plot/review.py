"""The chart of `review --plot`: plan against actual GMV per period, and the waterfall of the
driver effects from the plan's total to the actual one."""

from __future__ import annotations

from gmvcli.plot import files
from gmvcli.plot.files import check
from gmvcli.plot.style import (
    CONTENT_COLOR,
    DOWN_COLOR,
    HIGH_COLOR,
    PLAN_COLOR,
    chart_style,
    escape,
    money_axis,
)


def waterfall(
    periods: list[int],
    plan: list[float],
    actual: list[float],
    effects: list[tuple[str, float]],
    plan_total: float,
    actual_total: float,
    path: str,
    lang: str,
    title: str,
    currency_symbol: str = "¥",
) -> None:
    """`review --plot`: bars of plan and actual GMV per period, and a waterfall from plan to actual
    total GMV, one step per factor (green up, red down), labelled from the catalogue
    (`review.word.FACTOR`, `review.chart.*`)."""
    from matplotlib.figure import Figure

    from gmvcli.messages import text

    fmt = check(path, lang)
    with chart_style(lang) as style:
        shown = style.lang

        def w(key: str) -> str:
            return escape(text(f"review.chart.{key}", shown))

        fig = Figure(figsize=(11, 4.5), layout="constrained")
        left, right = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.3]})
        xs = list(range(len(periods)))
        left.bar([x - 0.2 for x in xs], plan, width=0.4, color=PLAN_COLOR, label=w("plan"))
        left.bar([x + 0.2 for x in xs], actual, width=0.4, color=CONTENT_COLOR, label=w("actual"))
        left.set_xticks(xs, [str(p) for p in periods])
        left.set_xlabel(w("period"))
        left.set_title(w("gmv"))
        left.legend(loc="best")
        money_axis(left.yaxis, style, currency_symbol)

        names = [w("plan")]
        names += [escape(text(f"review.word.{k}", shown)) for k, _ in effects]
        names.append(w("actual"))
        level = plan_total
        bottoms, heights, colors = [0.0], [plan_total], [PLAN_COLOR]
        for _, value in effects:
            bottoms.append(min(level, level + value))
            heights.append(abs(value))
            colors.append(HIGH_COLOR if value >= 0 else DOWN_COLOR)
            level += value
        bottoms.append(0.0)
        heights.append(actual_total)
        colors.append(CONTENT_COLOR)
        positions = list(range(len(names)))
        right.bar(positions, heights, bottom=bottoms, color=colors, width=0.6)
        for i, (_, value) in enumerate(effects, start=1):
            sign = "+" if value >= 0 else "−"
            right.annotate(
                sign + style.money(abs(value), currency_symbol),
                (i, bottoms[i] + heights[i]),
                xytext=(0, 3),
                textcoords="offset points",
                ha="center",
                fontsize=8,
            )
        right.set_xticks(positions, names, rotation=20, ha="right")
        right.set_title(w("waterfall"))
        money_axis(right.yaxis, style, currency_symbol)
        fig.suptitle(style.text(title))
        files.save(fig, path, fmt)
