"""How a chart looks: its colours, its fonts (matplotlib's settings for one chart), and its words
and amounts made safe to draw — text from the caller loses the characters no installed font can
draw, so a chart never shows boxes."""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from gmvcli.i18n import label, magnitude
from gmvcli.plot import fonts

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.axis import Axis

SHELF_COLOR = "#4C72B0"
CONTENT_COLOR = "#DD8452"
LOW_COLOR = "#8172B3"
HIGH_COLOR = "#55A868"
PLAN_COLOR = "#9AA5B1"
DOWN_COLOR = "#C44E52"


class Style(NamedTuple):
    lang: str  # the language the chart is labelled in
    families: tuple[str, ...]
    chars: frozenset[int]  # what the fonts can draw

    def words(self, key: str, **params: object) -> str:
        """A chart word from i18n LABELS, its {placeholders} filled."""
        text = label(key, self.lang)
        return escape(text.format(**params) if params else text)

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
        return escape(self.clean(text))

    def money(self, value: float, symbol: str) -> str:
        """A tick label: ¥25万 in zh, ¥250k in en; -¥4,200 for a negative amount."""
        text = magnitude(value, "zh") if self.lang == "zh" else compact(value)
        if text.startswith("-"):
            return escape(f"-{symbol}{text[1:]}")
        return escape(f"{symbol}{text}")


def escape(text: str) -> str:
    """A literal `$` (matplotlib would read `$...$` as mathtext)."""
    return text.replace("$", r"\$")


def compact(value: float) -> str:
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
def chart_style(lang: str) -> Iterator[Style]:
    """Fonts and settings for one chart; matplotlib's global settings are left as they were."""
    import matplotlib

    cjk = fonts.cjk_font()
    shown = fonts.chart_lang(lang)
    if lang == "zh" and shown != "zh":
        fonts.say_no_cjk()
    families: tuple[str, ...] = (fonts.LATIN,)
    if cjk is not None:
        families = (cjk, fonts.LATIN) if shown == "zh" else (fonts.LATIN, cjk)
    chars: set[int] = set()
    for name in families:
        path = fonts.font_file(name)
        if path:
            chars |= fonts.charmap(path)
    with matplotlib.rc_context(
        {
            "font.family": list(families),
            "axes.unicode_minus": True,
            "svg.hashsalt": "gmvcli",  # the same ids in every run
            "svg.fonttype": "path",  # glyphs as outlines: the viewer needs no CJK font
        }
    ):
        yield Style(shown, families, frozenset(chars))


def money_axis(axis: Axis, style: Style, symbol: str) -> None:
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda v, _pos: style.money(v, symbol)))


def note(ax: Axes, text: str) -> None:
    """A text box in the top left corner of the axes."""
    ax.text(
        0.02,
        0.97,
        text,
        transform=ax.transAxes,
        va="top",
        ha="left",
        bbox={"boxstyle": "round", "facecolor": "white", "alpha": 0.85, "edgecolor": "0.7"},
    )
