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

#: the page for the merchants of `only` (default: all) in `lang`, with plan vs actual for the
#: merchants a review holds: `.html`, and the warnings and problems to tell on stderr
build = gather

__all__ = ["Gathered", "Source", "build", "gather"]
