"""What goes wrong with a chart: matplotlib missing, or a chart that cannot be drawn."""

from __future__ import annotations

from gmvcli.messages import Msg


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
