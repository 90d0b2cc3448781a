"""The comparison of one merchant on the page: its §4 table and its drivers, from `compare`'s
results rounded as the JSON output rounds them (so the page and `compare --format json` agree to
the cent) and formatted with the same i18n functions as the tables.

How a JSON figure of `compare` is shown on the page (the mapping the browser test checks):

| JSON key | shown as | example (en / zh) |
| --- | --- | --- |
| uv, private_uv, public_uv, bonus_uv, orders | `magnitude` | 200,000 / 20万 |
| gmv, refunds, net_gmv, costs.*, rebate, contribution | `money` | ¥445,000 / ¥44.5万 |
| conversion | `percent` | 2.5% |
| roi | `plain` (2 decimals), "—" for null | 4.45 |
| comparison.gmv_delta, net_gmv_delta, contribution_delta | `money`, "+" when > 0 | -¥52,600 / -¥5.26万 |
| comparison.gmv_ratio, comparison.drivers.* | `times`, "—" for null | 0.88× |

each applied to the JSON value (already rounded: money and counts to 2 decimals, ratios to 6).
"""

from __future__ import annotations

from gmvcli.compare import MerchantResult
from gmvcli.i18n import label, times
from gmvcli.render.data import r2, r6
from gmvcli.render.words import KEY_ROWS, LINES, Line, fmt
from gmvcli.report import charts
from gmvcli.report.charts import Chart
from gmvcli.report.texts import text
from gmvcli.report.view import Table
from gmvcli.rows import COMPARISON, DRIVERS

#: the comparison fields that JSON gives as deltas (`gmv` → `gmv_delta`): the page shows these,
#: not a recomputed Δ
JSON_DELTAS = {k.removesuffix("_delta"): k for k, _ in COMPARISON if k.endswith("_delta")}
DRIVER_NAMES = tuple(name for name, _ in DRIVERS)


def _rounded(line: Line, value: float | None) -> float | None:
    """As the JSON of `compare` rounds it (SPEC §7): ratios and rates to 6 decimals, the rest to 2."""
    if value is None:
        return None
    return r6(value) if line.decimals == 6 else r2(value)


def compare_table(m: MerchantResult, lang: str, currency: str) -> Table:
    """Label, shelf, content and Δ for every line of the §4 comparison."""
    rows: list[tuple[str, str, str, str]] = []
    strong = set()
    for line in LINES:
        if line.content_only and m.content is None:
            continue
        s = None if m.shelf is None or line.content_only else _rounded(line, line.get(m.shelf))
        c = None if m.content is None else _rounded(line, line.get(m.content))
        delta: float | None = None
        if m.comparison is not None and line.key in JSON_DELTAS:
            delta = r2(getattr(m.comparison, JSON_DELTAS[line.key]))
        elif s is not None and c is not None:
            delta = c - s
        if line.key in KEY_ROWS:
            strong.add(len(rows))
        rows.append(
            (
                label(line.key, lang).strip(),
                "" if line.content_only else fmt(s, line.kind, lang, currency),
                fmt(c, line.kind, lang, currency),
                "" if delta is None else fmt(delta, line.kind, lang, currency, signed=True),
            )
        )
    head = (
        text("col.item", lang),
        label("shelf", lang),
        label("content", lang),
        label("delta", lang),
    )
    return Table(head, tuple(rows), (False, True, True, True), False, frozenset(strong))


def drivers(m: MerchantResult, lang: str) -> tuple[str | None, Chart | None]:
    """The drivers line (GMV ratio 0.88× = visitors 0.8× · ...) and its chart, from the values
    JSON gives (6 decimals)."""
    if m.comparison is None:
        return None, None
    ratio = r6(m.comparison.gmv_ratio)
    values = {k: r6(getattr(m.comparison.drivers, k)) for k in DRIVER_NAMES}
    parts = [f"{label('driver.' + k, lang)} {times(values[k])}" for k in DRIVER_NAMES]
    line = f"{label('drivers', lang)} {times(ratio)} = " + " · ".join(parts)
    rows = [(text("drivers.total", lang), ratio, times(ratio))]
    rows += [(label("driver." + k, lang), values[k], times(values[k])) for k in DRIVER_NAMES]
    chart = charts.drivers(rows, text("h.drivers", lang), line, text("drivers.equal", lang))
    return line, chart
