"""The waterfall of plan vs actual (SPEC §10) as chart geometry: the plan's GMV, each driver's
effect as a step up or down from where the previous one left it, and the actual GMV.

The bars are horizontal, one row each with its words above it (name at the left, amount at the
right), so that the chart stays legible 360 units wide. The axis starts below the lowest level
(not at 0), so that effects of a few percent of GMV stay visible; its ticks say where it starts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from gmvcli.report.charts import WIDTH, Chart, Label, Line, Rect, nice_ticks, tick

ROW = 34.0


def waterfall(
    plan: tuple[str, float],
    effects: Sequence[tuple[str, float, str]],
    actual: tuple[str, float, str],
    money: Callable[[float], str],
    title: str,
    desc: str,
) -> Chart:
    """plan = (label, GMV); effects = (label, amount, amount as text); actual = (label, GMV, css
    class of the model). The effects add up to actual − plan (rounded so by the caller)."""
    levels = [plan[1]]
    for _, value, _ in effects:
        levels.append(levels[-1] + value)
    levels.append(actual[1])
    lowest, highest = min(levels), max(levels)
    span = highest - lowest or abs(highest) or 1.0
    ticks = nice_ticks(max(0.0, lowest - span * 0.6) if lowest >= 0 else lowest, highest, 4)
    lo, hi = ticks[0], ticks[-1]
    left, right, top = 12.0, WIDTH - 12, 6.0

    def px(v: float) -> float:
        return left + (v - lo) / (hi - lo) * (right - left)

    rows: list[tuple[str, str, float, float, str]] = [
        (plan[0], money(plan[1]), lo, plan[1], "muted")
    ]
    level = plan[1]
    for name, value, shown in effects:
        cls = "up" if value > 0 else "down" if value < 0 else "muted"
        rows.append((name, shown, level, level + value, cls))
        level += value
    rows.append((actual[0], money(actual[1]), lo, actual[1], actual[2]))
    rects, lines, labels = [], [], []
    for i, (name, shown, a, b, cls) in enumerate(rows):
        y = top + i * ROW
        strong = "total" if i in (0, len(rows) - 1) else ""
        labels.append(Label(left, y + 10, name, "start", strong))
        labels.append(Label(right, y + 10, shown, "end", strong))
        x1, x2 = sorted((px(a), px(b)))
        rects.append(Rect(x1, y + 15, max(x2 - x1, 1.0), 12, cls))
        if i < len(rows) - 1:  # where the next row starts
            lines.append(Line(px(b), y + 27, px(b), y + ROW + 15, "mark"))
    bottom = top + len(rows) * ROW + 2
    lines.append(Line(left, bottom, right, bottom, "axis"))
    for t in ticks:
        lines.append(Line(px(t), bottom, px(t), bottom + 3, "axis"))
        labels.append(tick(px(t), bottom + 14, money(t)))
    return Chart(title, desc, WIDTH, bottom + 22, tuple(rects), tuple(lines), (), (), tuple(labels))
