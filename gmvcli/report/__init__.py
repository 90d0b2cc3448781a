"""`gmvcli report` (SPEC §12): one self-contained HTML page per scenario file.

`data` gathers and words what the page shows from the core's results, `charts` turns series into
SVG geometry, `html` renders the Jinja2 templates in `templates/`; `texts` holds every word.
Only `html` needs Jinja2 (the `report` extra); nothing here needs matplotlib or a network.
"""

from __future__ import annotations

from gmvcli.errors import Problem
from gmvcli.model import Scenario
from gmvcli.report.data import Source, gather


def build(
    scenario: Scenario,
    source: Source,
    lang: str,
    periods: int | None = None,
    runs: int = 10_000,
) -> tuple[str, list[tuple[str, Problem]]]:
    """The page's HTML, and the problems to tell on stderr as (merchant id, Problem) pairs."""
    from gmvcli.report.html import render

    view, problems = gather(scenario, source, lang, periods, runs)
    return render(view), problems


__all__ = ["Source", "build", "gather"]
