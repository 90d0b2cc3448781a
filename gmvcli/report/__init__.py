"""`gmvcli report` (SPEC §12): one self-contained HTML page per scenario file.

`data` runs the core on the file and gathers what the page shows (`view`, plain records), each
section worded by its own module (`comparison`, `forecast`, `uncertainty`, `policies`, `inputs`,
`explain`, and `actuals`: plan vs actual from `review`); `charts` turns series into SVG geometry, `html` renders the Jinja2 templates in
`templates/`; `texts` holds every word.
Only `html` needs Jinja2 (the `report` extra); nothing here needs matplotlib or a network.
"""

from __future__ import annotations

from gmvcli.report.data import Gathered, gather
from gmvcli.report.view import Source


def page_html(gathered: Gathered) -> str:
    """The HTML page of what `gather` found (the merchants shown, plan vs actual with a review);
    its warnings and problems are for stderr."""
    from gmvcli.report.html import render

    return render(gathered.view)


__all__ = ["Gathered", "Source", "gather", "page_html"]
