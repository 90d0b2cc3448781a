"""`gmvcli report` (SPEC §12): one self-contained HTML page per scenario file.

`data` runs the core on the file and gathers what the page shows (`view`, plain records), each
section worded by its own module (`comparison`, `forecast`, `uncertainty`, `policies`, `inputs`,
`explain`, and `actuals`: plan vs actual from `review`); `charts` turns series into SVG geometry, `html` renders the Jinja2 templates in
`templates/`; `texts` holds every word.
Only `html` needs Jinja2 (the `report` extra); nothing here needs matplotlib or a network.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from gmvcli.errors import Problem
from gmvcli.model import Scenario
from gmvcli.policies import Notice
from gmvcli.report.data import gather
from gmvcli.report.view import Source

if TYPE_CHECKING:
    from gmvcli.review.results import Review


class Report(NamedTuple):
    """The page, and what to tell on stderr (see `data.Gathered`)."""

    html: str
    warnings: tuple[tuple[str, tuple[Notice, ...]], ...]
    problems: tuple[tuple[str, Problem], ...]


def build(
    scenario: Scenario,
    source: Source,
    lang: str,
    periods: int | None = None,
    runs: int = 10_000,
    only: Sequence[str] = (),
    review: Review | None = None,
) -> Report:
    """The page for the merchants of `only` (default: all) in `lang`, with plan vs actual for
    the merchants `review` (SPEC §10) holds."""
    from gmvcli.report.html import render

    gathered = gather(scenario, source, lang, periods, runs, only=only, review=review)
    return Report(render(gathered.view), gathered.warnings, gathered.problems)


__all__ = ["Report", "Source", "build", "gather"]
