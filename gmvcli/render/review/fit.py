"""`fit` as JSON-ready data and as a terminal table: each fitted field, its 90% interval and the
value written to the scenario."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gmvcli.data import rounded
from gmvcli.i18n import magnitude, percent
from gmvcli.render.grid import Block, Line, print_blocks
from gmvcli.render.review.table import grids
from gmvcli.render.review.words import word
from gmvcli.review.messages import text
from gmvcli.rows import BY_KEY

if TYPE_CHECKING:
    from gmvcli.review.fit import Fit


from gmvcli.render.words import field_label


def fit_number(path: str, value: float | None) -> float | None:
    """A fitted value as JSON (and xlsx) give it: visitors (counts) to 2 decimals, every other
    fitted input — a price, a cost per visitor, a rate, minutes, a frequency — to 6, as review gives
    the same factors. A fitted input is an estimate with an interval, not a result row: SPEC §7's
    cents would make a cost per visitor of ¥0.6007 (0.5985 to 0.6029) read 0.6 to 0.6."""
    found = BY_KEY.get(path.rsplit(".", 1)[-1])
    return rounded(value, 2 if found is not None and found.kind == "count" else 6)


def fit_data(f: Fit) -> dict[str, Any]:
    return {
        "file": f.file,
        "actuals": f.actuals,
        "merchant": f.merchant,
        "rows": f.rows,
        "first": f.first.isoformat(),
        "last": f.last.isoformat(),
        "fields": [
            {
                "path": x.path,
                "value": fit_number(x.path, x.value),
                "low": fit_number(x.path, x.low),
                "high": fit_number(x.path, x.high),
                "rows": x.rows,
                "written": x.written,
            }
            for x in f.fields
        ],
    }


FIT_MONEY = frozenset({"aov", "public_cost_per_uv", "traffic_cost_per_uv"})
FIT_RATES = frozenset(
    {"orders_per_minute", "conversion_rate", "refund_rate", "follow_rate", "reach_rate"}
)


def fit_value(path: str, value: float | None, lang: str) -> str:
    """A fitted value as the field is shown: ¥ for money, % for rates, 万 in zh for counts."""
    if value is None:
        return "—"
    key = path.rsplit(".", 1)[-1]
    if key in FIT_RATES:
        return percent(value) if value >= 0.01 else f"{value * 100:.3g}%"
    if key in FIT_MONEY:
        if value < 10:
            return f"¥{value:.4g}"
        return "¥" + (f"{value:,.2f}" if value < 1000 else magnitude(value, lang))
    if key in ("watch_minutes", "repurchase_frequency"):
        return f"{value:.4g}" if value < 1000 else f"{value:,.0f}"
    return magnitude(value, lang)


def fit_rows(f: Fit, lang: str) -> list[list[str]]:
    rows = []
    for x in f.fields:
        interval = "—"
        if x.low is not None and x.high is not None:
            low, high = fit_value(x.path, x.low, lang), fit_value(x.path, x.high, lang)
            interval = text("review.to", lang, low=low, high=high)
        name = field_label(x.path, lang)  # the field as people call it, its path beside it
        if name == x.path:
            shown = x.path
        else:
            shown = f"{name}（{x.path}）" if lang == "zh" else f"{name} · {x.path}"
        rows.append([shown, fit_value(x.path, x.value, lang), interval, str(x.rows), x.written])
    return rows


def render_fit(f: Fit, lang: str, width: int, color: bool) -> str:
    from gmvcli.errors import safe_text

    rows = text("review.rows", lang, count=f.rows)
    head = f"{safe_text(f.merchant)} · {rows} · {f.first}..{f.last} · {safe_text(f.actuals)}"
    out: list[Block] = [Line(head, "bold")]
    if not f.fields:
        out.append(Line(text("fit.no_fields", lang)))
    else:
        header = [word(k, lang) for k in ("fit.field", "fit.value", "fit.interval", "fit.rows",
                                          "fit.written_as")]  # fmt: skip
        out += grids(header, fit_rows(f, lang), width, bold_last=False)
    return print_blocks(out, width, color)
