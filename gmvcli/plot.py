"""Charts for `--plot FILE.png|FILE.svg` (SPEC §8): the advantage histogram of `simulate`, the
tornado of `sensitivity` and the cumulative contribution of `forecast`.

matplotlib is an optional extra (`pip install 'gmvcli[plot]'`) and is imported inside the
functions, so the other commands never pay for it; without it they raise `PlotUnavailable`.
Figures are built with the object API (`matplotlib.figure.Figure`, no pyplot): nothing is
registered globally, no window can open, whatever backend the process has.

Chinese labels need a font with CJK glyphs: `chart_lang` gives "zh" only when one is installed
(found through matplotlib's font list, then fontconfig). Otherwise the chart is labelled in English,
a one-line notice on stderr says why (never a silent switch), and text from the caller (titles,
input names) loses the characters no installed font can draw, so a chart never shows boxes.
"""

from __future__ import annotations

import contextlib
import math
import os
from collections.abc import Iterator, Sequence
from functools import cache, lru_cache
from typing import TYPE_CHECKING, NamedTuple

from gmvcli.i18n import label, magnitude, percent
from gmvcli.messages import Msg, msg

if TYPE_CHECKING:
    import numpy.typing as npt
    from matplotlib.axis import Axis
    from matplotlib.figure import Figure

FORMATS = {".png": "png", ".svg": "svg"}

#: fonts with CJK glyphs, in order of preference (Simplified Chinese forms first)
CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Sans CJK TC",
    "Noto Sans CJK HK",
    "Noto Sans CJK JP",
    "Noto Sans CJK KR",
    "Source Han Sans",
    "Noto Serif CJK SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "STHeiti",
    "SimHei",
    "Songti SC",
    "SimSun",
    "AR PL UMing CN",
    "AR PL UKai CN",
    "AR PL UMing TW",
    "Droid Sans Fallback",
    "Arial Unicode MS",
)
#: other families whose name says they cover CJK, tried after the list above
_CJK_HINTS = ("CJK", "Han Sans", "Han Serif", "WenQuanYi", "AR PL ", "Hei", "Song", "Ming")
#: characters a font must have to count as CJK: the ones the zh labels use most
_CJK_PROBE = "货架内容私域万亿优势抽样"
#: the font matplotlib ships, used for Latin text and as the fallback
_LATIN = "DejaVu Sans"

SHELF_COLOR = "#4C72B0"
CONTENT_COLOR = "#DD8452"
LOW_COLOR = "#8172B3"
HIGH_COLOR = "#55A868"


class PlotUnavailable(Exception):
    """matplotlib cannot be imported: the `plot` extra is not installed (or is broken)."""

    def __init__(self, problem: Msg) -> None:
        super().__init__(str(problem))
        self.problem = problem


class PlotError(ValueError):
    """A chart that cannot be drawn: a file name of another format, or nothing to draw."""

    def __init__(self, problem: Msg) -> None:
        super().__init__(str(problem))
        self.problem = problem


# --- fonts and language ---------------------------------------------------------------------------


@cache
def _charmap(path: str) -> frozenset[int]:
    """The code points a font file has glyphs for (empty when it cannot be read)."""
    from matplotlib.ft2font import FT2Font

    try:
        return frozenset(FT2Font(path).get_charmap())
    except (OSError, RuntimeError, ValueError):
        return frozenset()


def _fontconfig_cjk_files() -> list[str]:
    """Font files fontconfig says cover Chinese (`fc-list :lang=zh`); empty without fc-list."""
    import shutil
    import subprocess

    exe = shutil.which("fc-list")
    if exe is None:
        return []
    try:
        done = subprocess.run(
            [exe, "--format", "%{file}\\n", ":lang=zh"],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted({line.strip() for line in done.stdout.splitlines() if line.strip()})


def _scan_cjk() -> tuple[str, str] | None:
    from matplotlib import font_manager

    files: dict[str, str] = {}
    for entry in font_manager.fontManager.ttflist:
        files.setdefault(entry.name, str(entry.fname))
    hinted = sorted(n for n in files if n not in CJK_FONTS and any(h in n for h in _CJK_HINTS))
    probe = {ord(c) for c in _CJK_PROBE}
    for name in (*CJK_FONTS, *hinted):
        if name in files and probe <= _charmap(files[name]):
            return name, files[name]
    return None


@lru_cache(maxsize=1)
def _find_cjk() -> tuple[str, str] | None:
    """(family name, file) of the preferred installed font with CJK glyphs."""
    try:
        from matplotlib import font_manager
    except ImportError:
        return None
    found = _scan_cjk()
    if found is None:
        # matplotlib caches its font list (~/.cache/matplotlib) and does not see fonts installed
        # after that: add the ones fontconfig knows for Chinese, for this run
        added = False
        for path in _fontconfig_cjk_files():
            try:
                font_manager.fontManager.addfont(path)
                added = True
            except (OSError, RuntimeError, ValueError):
                continue
        if added:
            found = _scan_cjk()
    return found


def cjk_font() -> str | None:
    """The family name of an installed font with Chinese glyphs, or None (also without
    matplotlib)."""
    found = _find_cjk()
    return found[0] if found else None


def chart_lang(lang: str) -> str:
    """The language a chart is labelled in: "zh" only when asked for and a CJK font is installed,
    otherwise "en" (so labels never show as boxes). Word the labels you pass for this language."""
    return "zh" if lang == "zh" and cjk_font() is not None else "en"


@cache
def _say_no_cjk() -> None:
    """Tell the user, once per run, that zh charts are labelled in English for want of a font."""
    import sys

    from gmvcli.messages import text

    sys.stderr.write(text("plot.no_cjk", "zh") + "\n")


def _font_file(name: str) -> str | None:
    from matplotlib import font_manager

    if name == _LATIN:
        return font_manager.findfont(font_manager.FontProperties(family=_LATIN))
    found = _find_cjk()
    if found and found[0] == name:
        return found[1]
    for entry in font_manager.fontManager.ttflist:
        if entry.name == name:
            return str(entry.fname)
    return None


class _Style(NamedTuple):
    lang: str  # the language the chart is labelled in
    families: tuple[str, ...]
    chars: frozenset[int]  # what the fonts can draw

    def words(self, key: str, **params: object) -> str:
        """A chart word from i18n LABELS, its {placeholders} filled."""
        text = label(key, self.lang)
        return _escape(text.format(**params) if params else text)

    def clean(self, text: str) -> str:
        """Text from the caller without the characters no font has (a run of them becomes one
        space; then spaces and separators left dangling at the ends go)."""
        if not self.chars:  # the font files could not be read: leave the text alone
            return text
        dropped = False
        out = []
        for c in text:
            if c == "\n" or ord(c) in self.chars:
                out.append(c)
            else:
                out.append(" ")
                dropped = True
        kept = "".join(out)
        if dropped:
            kept = "\n".join(" ".join(line.split()) for line in kept.split("\n"))
            kept = kept.strip(" \n-–—:|·,;/()[]")
        return kept

    def text(self, text: str) -> str:
        """Text from the caller, cleaned and safe from mathtext."""
        return _escape(self.clean(text))

    def money(self, value: float, symbol: str) -> str:
        """A tick label: ¥25万 in zh, ¥250k in en; -¥4,200 for a negative amount."""
        text = magnitude(value, "zh") if self.lang == "zh" else _compact(value)
        if text.startswith("-"):
            return _escape(f"-{symbol}{text[1:]}")
        return _escape(f"{symbol}{text}")


def _escape(text: str) -> str:
    """A literal `$` (matplotlib would read `$...$` as mathtext)."""
    return text.replace("$", r"\$")


def _compact(value: float) -> str:
    """Three significant digits with k/M/B: 1.23M, 250k, 950, 0.5."""
    if not math.isfinite(value):
        return str(value)
    sign = "-" if value < 0 else ""
    size = float(f"{abs(value):.3g}")
    for suffix, scale in (("B", 1e9), ("M", 1e6), ("k", 1e3)):
        if size >= scale:
            return sign + f"{size / scale:.3g}" + suffix
    if size == 0:
        return "0"
    return sign + f"{size:.3g}"


@contextlib.contextmanager
def _style(lang: str) -> Iterator[_Style]:
    """Fonts and settings for one chart; matplotlib's global settings are left as they were."""
    import matplotlib

    cjk = cjk_font()
    shown = chart_lang(lang)
    if lang == "zh" and shown != "zh":
        _say_no_cjk()
    families: tuple[str, ...] = (_LATIN,)
    if cjk is not None:
        families = (cjk, _LATIN) if shown == "zh" else (_LATIN, cjk)
    chars: set[int] = set()
    for name in families:
        path = _font_file(name)
        if path:
            chars |= _charmap(path)
    with matplotlib.rc_context(
        {
            "font.family": list(families),
            "axes.unicode_minus": True,
            "svg.hashsalt": "gmvcli",  # the same ids in every run
            "svg.fonttype": "path",  # glyphs as outlines: the viewer needs no CJK font
        }
    ):
        yield _Style(shown, families, frozenset(chars))


# --- files -------------------------------------------------------------------------------------


def _format(path: str, lang: str) -> str:
    ext = os.path.splitext(path)[1].lower()
    if ext not in FORMATS:
        raise PlotError(msg("plot.format", file=path, ext=ext or os.path.basename(path)))
    return FORMATS[ext]


def _require(lang: str) -> None:
    try:
        import matplotlib.figure  # noqa: F401
    except ImportError as exc:
        raise PlotUnavailable(msg("plot.unavailable")) from exc


def check(path: str, lang: str = "en") -> str:
    """The format ("png" or "svg") of a chart file name. Raises ValueError for another extension
    and PlotUnavailable without matplotlib — call it before a long run to fail early."""
    fmt = _format(path, lang)
    _require(lang)
    return fmt


def _save(fig: Figure, path: str, fmt: str) -> None:
    """Write the figure atomically: a temp file in the same directory, then rename over `path`."""
    from gmvcli.output import open_output

    with open_output(path) as f:
        if fmt == "svg":
            fig.savefig(f, format="svg", metadata={"Date": None})
        else:
            fig.savefig(f, format="png", dpi=150)


def _money_axis(axis: Axis, style: _Style, symbol: str) -> None:
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda v, _pos: style.money(v, symbol)))


# --- the charts --------------------------------------------------------------------------------


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

    with _style(lang) as style:
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
        ax.text(
            0.02,
            0.97,
            style.words(
                "plot.content_wins", share=percent(share), runs=magnitude(data.size, style.lang)
            )
            + "\n"
            + style.words("plot.median")
            + ": "
            + style.money(median, currency_symbol),
            transform=ax.transAxes,
            va="top",
            ha="left",
            bbox={"boxstyle": "round", "facecolor": "white", "alpha": 0.85, "edgecolor": "0.7"},
        )
        _money_axis(ax.xaxis, style, currency_symbol)
        ax.set_xlabel(style.words("plot.advantage"))
        ax.set_ylabel(style.words("plot.draws"))
        ax.set_title(style.text(title))
        ax.legend(loc="best")
        _save(fig, path, fmt)


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
    with _style(lang) as style:
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
        _money_axis(ax.xaxis, style, currency_symbol)
        ax.set_xlabel(style.text(metric_label))
        ax.set_title(style.text(title))
        if n:
            ax.legend(loc="best", fontsize=8)
        _save(fig, path, fmt)


def crossover(
    periods: Sequence[int], shelf_cumulative: Sequence[float], content_cumulative: Sequence[float]
) -> int | None:
    """The first period whose cumulative content contribution ≥ shelf's, compared in cents as
    `forecast` does (SPEC §5); None if none."""
    for t, shelf, content in zip(periods, shelf_cumulative, content_cumulative, strict=True):
        if round(content, 2) >= round(shelf, 2):
            return t
    return None


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

    with _style(lang) as style:
        fig = Figure(figsize=(8, 4.5), layout="constrained")
        ax = fig.add_subplot()
        marker = "o" if len(periods) <= 36 else None
        ax.plot(
            periods,
            shelf_cumulative,
            color=SHELF_COLOR,
            marker=marker,
            markersize=3,
            label=style.words("shelf"),
        )
        ax.plot(
            periods,
            content_cumulative,
            color=CONTENT_COLOR,
            marker=marker,
            markersize=3,
            label=style.words("content"),
        )
        ax.axhline(0, color="0.6", linewidth=0.8)
        unit = style.clean(unit_label)
        t = crossover(periods, shelf_cumulative, content_cumulative)
        if t is not None:
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
            ax.text(
                0.02,
                0.97,
                style.words("plot.no_crossover", n=len(periods), unit=unit),
                transform=ax.transAxes,
                va="top",
                ha="left",
                bbox={"boxstyle": "round", "facecolor": "white", "alpha": 0.85, "edgecolor": "0.7"},
            )
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        _money_axis(ax.yaxis, style, currency_symbol)
        ax.set_xlabel(style.words("plot.period_axis", unit=unit))
        ax.set_ylabel(style.words("plot.cumulative"))
        ax.set_title(style.text(title))
        ax.legend(loc="best")
        _save(fig, path, fmt)


# --- review: plan vs actual ---------------------------------------------------------------------

PLAN_COLOR = "#9AA5B1"
DOWN_COLOR = "#C44E52"


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
    with _style(lang) as style:
        shown = style.lang

        def w(key: str) -> str:
            return _escape(text(f"review.chart.{key}", shown))

        fig = Figure(figsize=(11, 4.5), layout="constrained")
        left, right = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.3]})
        xs = list(range(len(periods)))
        left.bar([x - 0.2 for x in xs], plan, width=0.4, color=PLAN_COLOR, label=w("plan"))
        left.bar([x + 0.2 for x in xs], actual, width=0.4, color=CONTENT_COLOR, label=w("actual"))
        left.set_xticks(xs, [str(p) for p in periods])
        left.set_xlabel(w("period"))
        left.set_title(w("gmv"))
        left.legend(loc="best")
        _money_axis(left.yaxis, style, currency_symbol)

        names = [w("plan")]
        names += [_escape(text(f"review.word.{k}", shown)) for k, _ in effects]
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
        _money_axis(right.yaxis, style, currency_symbol)
        fig.suptitle(style.text(title))
        _save(fig, path, fmt)
