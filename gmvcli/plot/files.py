"""Chart files: the format a file name asks for (checked before a long run) and the atomic write."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from gmvcli.messages import msg
from gmvcli.plot.errors import PlotError, PlotUnavailable

if TYPE_CHECKING:
    from matplotlib.figure import Figure

FORMATS = {".png": "png", ".svg": "svg"}


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


def save(fig: Figure, path: str, fmt: str) -> None:
    """Write the figure atomically: a temp file in the same directory, then rename over `path`."""
    from gmvcli.output import open_output

    with open_output(path) as f:
        if fmt == "svg":
            fig.savefig(f, format="svg", metadata={"Date": None})
        else:
            fig.savefig(f, format="png", dpi=150)
