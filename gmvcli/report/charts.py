"""The report's charts as geometry: shapes and words that the template writes as inline SVG.

Nothing here draws pixels or needs a font: each chart is a list of rectangles, lines, polylines,
dots and texts in a small coordinate system (360 units wide, so that on a phone the text stays
about its CSS size). Text stays text in the SVG, so the reader's own fonts render it (Chinese
included), it can be selected and searched, and it is escaped by the template like any other
text. Colours come from CSS classes (`shelf`, `content`, `low`, `high`, ...).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import numpy as np

WIDTH = 360.0
FONT = 11.0  # the size of chart text, in chart units


class Rect(NamedTuple):
    x: float
    y: float
    w: float
    h: float
    cls: str


class Line(NamedTuple):
    x1: float
    y1: float
    x2: float
    y2: float
    cls: str


class Polyline(NamedTuple):
    points: tuple[tuple[float, float], ...]
    cls: str


class Dot(NamedTuple):
    x: float
    y: float
    r: float
    cls: str


class Label(NamedTuple):
    x: float
    y: float
    text: str
    anchor: str = "start"  # start | middle | end
    cls: str = ""


class Chart(NamedTuple):
    """One SVG: its accessible title, a longer description, size and shapes."""

    title: str
    desc: str
    width: float
    height: float
    rects: tuple[Rect, ...] = ()
    lines: tuple[Line, ...] = ()
    polylines: tuple[Polyline, ...] = ()
    dots: tuple[Dot, ...] = ()
    labels: tuple[Label, ...] = ()


def text_width(text: str, size: float = FONT) -> float:
    """A generous estimate of the width of `text` (the page has no font metrics to ask): CJK and
    full-width characters 1 em, capitals and wide letters 0.9 em, others 0.62 em."""
    return sum(_em(c) for c in text) * size


def _em(c: str) -> float:
    if ord(c) >= 0x2E80:
        return 1.0
    if c.isupper() or c in "mwMW%@":
        return 0.9
    return 0.62


def nice_ticks(low: float, high: float, count: int = 4) -> list[float]:
    """About `count` round values (1, 2, 2.5 or 5 × 10^k apart) covering [low, high]."""
    if not (math.isfinite(low) and math.isfinite(high)):
        return [0.0]
    if high <= low:
        high = low + (abs(low) or 1.0)
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw * (1 - 1e-9))
    start = math.floor(low / step + 1e-9)
    end = math.ceil(high / step - 1e-9)
    return [round(k * step, 10) + 0.0 for k in range(start, end + 1)]


def tick(x: float, y: float, text: str) -> Label:
    """A tick label centred under x, moved inside the chart when it would stick out."""
    half = text_width(text, 10) / 2
    if x - half < 1:
        return Label(1, y, text, "start", "tick")
    if x + half > WIDTH - 1:
        return Label(WIDTH - 1, y, text, "end", "tick")
    return Label(x, y, text, "middle", "tick")


# --- drivers ---------------------------------------------------------------------------------------


def drivers(
    rows: Sequence[tuple[str, float | None, str]],
    title: str,
    desc: str,
    equal_label: str,
) -> Chart:
    """Bars on a log scale around 1×: (label, ratio or None, ratio text) per row, the first row
    (the GMV ratio) drawn bold. Right of the centre line favours content, left favours shelf."""
    finite = [abs(math.log(r)) for _, r, _ in rows if r is not None and r > 0]
    scale = max([math.log(2.0), *finite])
    left = max([text_width(label) for label, _, _ in rows] + [40.0]) + 8
    area_left, area_right = left + 36, WIDTH - 36
    centre = (area_left + area_right) / 2
    half = (area_right - area_left) / 2
    row_h, top = 26.0, 8.0
    rects, labels = [], []
    for i, (label, ratio, shown) in enumerate(rows):
        y = top + i * row_h
        cls = "total" if i == 0 else ""
        labels.append(Label(left - 6, y + 15, label, "end", cls))
        if ratio is None or ratio <= 0:
            labels.append(Label(centre + 4, y + 15, shown, "start", "muted"))
            continue
        x = centre + math.log(ratio) / scale * half
        bar_cls = "content" if ratio > 1 else "shelf" if ratio < 1 else "muted"
        rects.append(Rect(min(x, centre), y + 5, max(abs(x - centre), 1.0), 14, bar_cls))
        if ratio >= 1:
            labels.append(Label(max(x, centre) + 4, y + 16, shown, "start", cls))
        else:
            labels.append(Label(x - 4, y + 16, shown, "end", cls))
    bottom = top + len(rows) * row_h
    lines = [Line(centre, top - 2, centre, bottom + 2, "axis")]
    labels.append(Label(centre, bottom + 16, equal_label, "middle", "muted"))
    return Chart(title, desc, WIDTH, bottom + 24, tuple(rects), tuple(lines), (), (), tuple(labels))


# --- cumulative contribution ------------------------------------------------------------------


def cumulative(
    periods: Sequence[int],
    series: Sequence[tuple[str, str, Sequence[float]]],
    crossover: int | None,
    crossover_label: str,
    money: Callable[[float], str],
    title: str,
    desc: str,
) -> Chart:
    """One line per (name, css class, cumulative values); the crossover period marked."""
    values = [v for _, _, vs in series for v in vs] or [0.0]
    ticks = nice_ticks(min(0.0, *values), max(0.0, *values))
    low, high = ticks[0], ticks[-1]
    tick_text = [money(t) for t in ticks]
    left = max(text_width(t, 10) for t in tick_text) + 10
    right, top, height = WIDTH - 12, 30.0, 190.0
    bottom = top + height
    first, last = periods[0], periods[-1]

    def px(t: float) -> float:
        return left + (t - first) / max(last - first, 1) * (right - left)

    def py(v: float) -> float:
        return bottom - (v - low) / (high - low) * height

    lines: list[Line] = []
    labels: list[Label] = []
    for t, text in zip(ticks, tick_text, strict=True):
        lines.append(Line(left, py(t), right, py(t), "zero" if t == 0 else "grid"))
        labels.append(Label(left - 4, py(t) + 3.5, text, "end", "tick"))
    step = max(1, math.ceil(len(periods) / 8))
    for t in periods:
        if (t - first) % step == 0 or t == last:
            labels.append(tick(px(t), bottom + 14, str(t)))
    polylines, dots = [], []
    x = 0.0
    for i, (name, cls, vs) in enumerate(series):
        pts = tuple((px(t), py(v)) for t, v in zip(periods, vs, strict=True))
        polylines.append(Polyline(pts, cls))
        if len(pts) <= 36:
            dots += [Dot(a, b, 2.2, cls) for a, b in pts]
        rects_x = left + x
        labels.append(Label(rects_x + 14, 12, name, "start", ""))
        dots.append(Dot(rects_x + 5, 8.5, 4.5, cls))
        x += text_width(name) + 30
        del i
    if crossover is not None and crossover in periods:
        at = list(periods).index(crossover)
        cx = px(crossover)
        lines.append(Line(cx, top, cx, bottom, "mark"))
        content_values = series[-1][2]
        dots.append(Dot(cx, py(content_values[at]), 5.5, "cross"))
        labels.append(_beside(cx, top + 12, crossover_label, left, right))
    return Chart(
        title,
        desc,
        WIDTH,
        bottom + 22,
        (),
        tuple(lines),
        tuple(polylines),
        tuple(dots),
        tuple(labels),
    )


#: the room a label keeps from the edges of the plot area
MARGIN = 4.0


def _beside(cx: float, y: float, text: str, left: float, right: float) -> Label:
    """The crossover's label beside its mark and inside the plot area, a margin from each edge:
    on the side with more room, else on the other, else as far left as it fits (over the mark:
    its white outline keeps it legible). It is bold: its width is estimated 10% wider."""
    width = text_width(text) * 1.1
    after = (cx + 5 + width <= right - MARGIN, Label(cx + 5, y, text, "start", "cross-label"))
    before = (cx - 5 - width >= left + MARGIN, Label(cx - 5, y, text, "end", "cross-label"))
    for fits, label in (after, before) if cx < (left + right) / 2 else (before, after):
        if fits:
            return label
    return Label(max(left + MARGIN, right - MARGIN - width), y, text, "start", "cross-label")


# --- histogram of the advantage -----------------------------------------------------------


def histogram(
    values: np.ndarray,
    money: Callable[[float], str],
    words: dict[str, str],
    title: str,
    desc: str,
    bins: int = 30,
) -> Chart:
    """Bars of the share of draws per bin (the middle 99% of draws; the tails are counted in the
    end bins); 0 is always a bin edge, so each bar is wholly shelf-ahead or content-ahead."""
    import numpy as np

    low, high = (float(v) for v in np.percentile(values, [0.5, 99.5]))
    if high <= low:
        low, high = low - 1.0, high + 1.0
    step = (high - low) / bins
    edges = np.arange(math.floor(low / step), math.ceil(high / step) + 1) * step
    counts, _ = np.histogram(np.clip(values, edges[0], edges[-1]), bins=edges)
    top_count = max(int(counts.max()), 1)
    left, right, top, height = 12.0, WIDTH - 12, 34.0, 150.0
    bottom = top + height

    first, last = float(edges[0]), float(edges[-1])

    def px(v: float) -> float:
        return left + (float(v) - first) / (last - first) * (right - left)

    rects = []
    for count, a, b in zip(counts, edges[:-1], edges[1:], strict=True):
        if count == 0:
            continue
        h = count / top_count * height
        cls = "content" if (a + b) / 2 > 0 else "shelf"
        rects.append(Rect(px(a), bottom - h, max(px(b) - px(a) - 0.6, 0.6), h, cls))
    lines = [Line(left, bottom, right, bottom, "axis")]
    labels = []
    ticks = [
        t for t in nice_ticks(float(edges[0]), float(edges[-1]), 4) if edges[0] <= t <= edges[-1]
    ]
    for t in ticks:
        lines.append(Line(px(t), bottom, px(t), bottom + 3, "axis"))
        labels.append(tick(px(t), bottom + 14, money(t)))
    if edges[0] <= 0 <= edges[-1]:
        lines.append(Line(px(0), top - 4, px(0), bottom, "zero-strong"))
        labels.append(Label(px(0), top - 8, words["breakeven"], "middle", "muted"))
    median = float(np.median(values))
    if edges[0] <= median <= edges[-1]:
        lines.append(Line(px(median), top + 6, px(median), bottom, "mark"))
        if abs(px(median) - px(0.0)) > text_width(words["median"], 10) + 4:
            labels.append(Label(px(median), top + 2, words["median"], "middle", "tick"))
    labels.append(Label(left + 14, 12, words["shelf_ahead"], "start", ""))
    shift = left + 14 + text_width(words["shelf_ahead"]) + 22
    labels.append(Label(shift + 14, 12, words["content_ahead"], "start", ""))
    rects += [Rect(left, 4, 10, 10, "shelf"), Rect(shift, 4, 10, 10, "content")]
    return Chart(title, desc, WIDTH, bottom + 22, tuple(rects), tuple(lines), (), (), tuple(labels))


# --- tornado --------------------------------------------------------------------------------------


def tornado(
    rows: Sequence[tuple[str, float, float]],
    base: float,
    money: Callable[[float], str],
    central_label: str,
    title: str,
    desc: str,
) -> Chart:
    """Per input (label, metric at its low value, metric at its high value), bars from `base`;
    the label sits above its bar so that long field names fit a phone's width."""
    values = [base] + [v for _, a, b in rows for v in (a, b)]
    ticks = nice_ticks(min(values), max(values), 4)
    lo, hi = ticks[0], ticks[-1]
    left, right, top = 12.0, WIDTH - 12, 22.0
    row_h = 34.0

    def px(v: float) -> float:
        return left + (v - lo) / (hi - lo) * (right - left)

    rects, labels = [], []
    for i, (label, low, high) in enumerate(rows):
        y = top + i * row_h
        labels.append(Label(left, y + 10, label, "start", ""))
        for value, cls, dy in ((low, "low", 14.0), (high, "high", 22.0)):
            a, b = sorted((px(base), px(value)))
            rects.append(Rect(a, y + dy, max(b - a, 1.0), 7, cls))
    bottom = top + len(rows) * row_h + 4
    lines = [
        Line(px(base), top - 4, px(base), bottom, "zero-strong"),
        Line(left, bottom, right, bottom, "axis"),
    ]
    for t in ticks:
        lines.append(Line(px(t), bottom, px(t), bottom + 3, "axis"))
        labels.append(tick(px(t), bottom + 14, money(t)))
    anchor = "start" if px(base) < WIDTH / 2 else "end"
    labels.append(
        Label(px(base) + (4 if anchor == "start" else -4), top - 8, central_label, anchor, "muted")
    )
    return Chart(title, desc, WIDTH, bottom + 22, tuple(rects), tuple(lines), (), (), tuple(labels))
