"""The `review --plot` chart: plan vs actual GMV per period, and a waterfall of the driver effects
from plan to actual GMV over all periods. Drawn with the conventions of gmvcli.plot (object API, no
pyplot; fonts, escaping and the atomic save come from there)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gmvcli.messages import text
from gmvcli.render.review import word
from gmvcli.review.lmdi import round_to_sum

if TYPE_CHECKING:
    from gmvcli.review.review import Review

PLAN_COLOR = "#9AA5B1"
ACTUAL_COLOR = "#DD8452"
UP_COLOR = "#55A868"
DOWN_COLOR = "#C44E52"


def chart_args(result: Review, lang: str) -> dict[str, Any]:
    """What `review` chart draws for the first merchant and model reviewed."""
    m = result.merchants[0]
    model = "content" if m.content is not None else "shelf"
    total = getattr(m, model)
    periods = [p for p in m.periods if getattr(p, model) is not None]
    effects = round_to_sum(total.gmv_effects, total.gmv_delta)
    return {
        "periods": [p.period for p in periods],
        "plan": [getattr(p, model).plan.result.gmv for p in periods],
        "actual": [getattr(p, model).actual.result.gmv for p in periods],
        "effects": [(k, v) for k, v in effects.items()],
        "plan_total": total.plan_gmv,
        "actual_total": total.actual_gmv,
        "title": f"{m.name} [{m.id}]",
    }


def review(
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
    """Two panels: bars of plan and actual GMV per period; a waterfall from plan to actual total
    GMV, one step per factor (green up, red down)."""
    from matplotlib.figure import Figure

    from gmvcli import plot as charts

    fmt = charts.check(path, lang)
    with charts._style(lang) as style:
        shown = style.lang

        def w(key: str) -> str:
            return text(f"review.chart.{key}", shown)

        fig = Figure(figsize=(11, 4.5), layout="constrained")
        left, right = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.3]})
        xs = list(range(len(periods)))
        left.bar([x - 0.2 for x in xs], plan, width=0.4, color=PLAN_COLOR, label=w("plan"))
        left.bar([x + 0.2 for x in xs], actual, width=0.4, color=ACTUAL_COLOR, label=w("actual"))
        left.set_xticks(xs, [str(p) for p in periods])
        left.set_xlabel(w("period"))
        left.set_title(w("gmv"))
        left.legend(loc="best")
        charts._money_axis(left.yaxis, style, currency_symbol)

        names = [w("plan")] + [style.text(word(k, shown)) for k, _ in effects] + [w("actual")]
        level = plan_total
        bottoms, heights, colors = [0.0], [plan_total], [PLAN_COLOR]
        for _, value in effects:
            bottoms.append(min(level, level + value))
            heights.append(abs(value))
            colors.append(UP_COLOR if value >= 0 else DOWN_COLOR)
            level += value
        bottoms.append(0.0)
        heights.append(actual_total)
        colors.append(ACTUAL_COLOR)
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
        charts._money_axis(right.yaxis, style, currency_symbol)
        fig.suptitle(style.text(title))
        charts._save(fig, path, fmt)
