"""`review` and `fit` as JSON-ready data, table, CSV and markdown (SPEC §10): one module per format,
as in gmvcli.render, with `words` for what the table and the markdown both say.

Numbers come from gmvcli.review; nothing is recomputed here. Effects are rounded with the largest
remainder, so that the printed effects add up to the printed delta, cent for cent.
"""

from gmvcli.render.review.csv import render_csv
from gmvcli.render.review.data import review_data
from gmvcli.render.review.fit import fit_data, render_fit
from gmvcli.render.review.markdown import render_markdown
from gmvcli.render.review.table import render_table

__all__ = ["fit_data", "render_csv", "render_fit", "render_markdown", "render_table", "review_data"]
