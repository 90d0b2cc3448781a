"""Charts for `--plot FILE.png|FILE.svg` (SPEC §8): the advantage histogram of `simulate`, the
tornado of `sensitivity`, the cumulative contribution of `forecast` and the plan-vs-actual
waterfall of `review`, one module each; `fonts`, `style` and `files` are what they share.

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

from gmvcli.plot.errors import PlotError, PlotUnavailable
from gmvcli.plot.files import FORMATS, check
from gmvcli.plot.fonts import CJK_FONTS, chart_lang, cjk_font
from gmvcli.plot.forecast import cumulative
from gmvcli.plot.review import waterfall
from gmvcli.plot.sensitivity import tornado
from gmvcli.plot.simulate import histogram

__all__ = [
    "CJK_FONTS",
    "FORMATS",
    "PlotError",
    "PlotUnavailable",
    "chart_lang",
    "check",
    "cjk_font",
    "cumulative",
    "histogram",
    "tornado",
    "waterfall",
]
