"""The sheets of `review` and `fit` (`--format xlsx`, SPEC §7 and §10): the review's periods and
totals from the rows its CSV output writes (rounded as JSON rounds them, effects adding up to the
delta), headers in the run's language; fit's fields, each estimate formatted as its field is."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gmvcli.i18n import label
from gmvcli.render.xlsx.tables import text
from gmvcli.render.xlsx.writer import Column, Sheet, Typed

if TYPE_CHECKING:
    from gmvcli.review.fit import Fit
    from gmvcli.review.results import Review

#: the effects on GMV of either model's factors, then the effects on contribution (CSV's order)
GMV_EFFECTS = (
    "uv",
    "watch_minutes",
    "orders_per_minute",
    "conversion_rate",
    "aov",
    "repurchase_frequency",
)


def _word(key: str, lang: str) -> str:
    from gmvcli.render.review.words import word

    return word(key, lang)


def _columns(lang: str, total: bool) -> list[tuple[str, Column]]:
    """(CSV column, sheet column) of a review sheet; the periods sheet has the period and uv."""
    from gmvcli.review.results import CONTRIBUTION_LINES

    def c(key: str, header: str, kind: str) -> tuple[str, Column]:
        return key, Column(header, kind)

    def w(key: str) -> str:
        return _word(f"col.{key}", lang)

    out = [
        c("merchant", text("xlsx.col.merchant", lang), "text"),
        c("merchant_name", text("xlsx.col.merchant_name", lang), "text"),
        c("model", text("xlsx.col.model", lang), "text"),
    ]
    if not total:
        out.append(c("period", text("xlsx.col.period", lang), "int"))
    out += [
        c("start", text("xlsx.col.start", lang), "text"),
        c("end", text("xlsx.col.end", lang), "text"),
        c("rows", w("rows"), "count"),
    ]
    if not total:
        out += [
            c("plan_uv", text("xlsx.col.plan_uv", lang), "count"),
            c("actual_uv", text("xlsx.col.actual_uv", lang), "count"),
        ]
    out += [
        c("plan_gmv", w("plan_gmv"), "money"),
        c("actual_gmv", w("actual_gmv"), "money"),
        c("gmv_delta", w("gmv_delta"), "money"),
        c("gmv_delta_pct", w("pct"), "percent"),
        c("plan_contribution", w("plan_contribution"), "money"),
        c("actual_contribution", w("actual_contribution"), "money"),
        c("contribution_delta", w("contribution_delta"), "money"),
    ]
    out += [
        c(f"effect_{k}", text("xlsx.col.gmv_effect", lang, factor=_word(k, lang)), "money")
        for k in GMV_EFFECTS
    ]
    out += [
        c(f"effect_{k}", text("xlsx.col.contribution_effect", lang, line=_word(k, lang)), "money")
        for k in CONTRIBUTION_LINES
    ]
    if total:
        out.append(c("verdict", text("xlsx.col.verdict", lang), "text"))
    return out


def review_sheets(r: Review, lang: str) -> list[Sheet]:
    """One row per merchant, model and period; then one per merchant and model over the periods,
    with the verdict. Δ% is a percent cell (−6.48% is -0.0648)."""
    from gmvcli.render.review.csv import csv_rows
    from gmvcli.render.review.words import verdict

    names = {m.id: m for m in r.merchants}
    periods: list[list[Any]] = []
    totals: list[list[Any]] = []
    period_columns, total_columns = _columns(lang, False), _columns(lang, True)
    for row in csv_rows(r):
        total = row["period"] == "total"
        m = names[row["merchant"]]
        cells = dict(row, merchant_name=m.name, model=label(row["model"], lang))
        pct = row.get("gmv_delta_pct")
        cells["gmv_delta_pct"] = None if pct is None else pct / 100
        if total:
            cells["verdict"] = verdict(m, row["model"], r.period, lang, r.currency)
        columns = total_columns if total else period_columns
        (totals if total else periods).append([cells.get(key) for key, _ in columns])
    return [
        Sheet(text("xlsx.sheet.periods", lang), [c for _, c in period_columns], periods),
        Sheet(text("xlsx.sheet.totals", lang), [c for _, c in total_columns], totals),
    ]


def _fit_kind(path: str) -> str:
    """A fitted field's cell kind: ¥ for money, % for rates, a plain number otherwise."""
    from gmvcli.render.review.fit import FIT_MONEY, FIT_RATES

    key = path.rsplit(".", 1)[-1]
    return "money" if key in FIT_MONEY else "percent" if key in FIT_RATES else "plain"


def fit_sheets(f: Fit, lang: str) -> list[Sheet]:
    """One row per fitted field: the estimate, its 90% interval (empty under 5 rows), the rows
    and the text written to the scenario; figures rounded as JSON rounds them."""
    from gmvcli.render.review.fit import fit_number

    rows = [
        [
            x.path,
            *(Typed(fit_number(x.path, v), _fit_kind(x.path)) for v in (x.value, x.low, x.high)),
            x.rows,
            x.written,
        ]
        for x in f.fields
    ]
    columns = [
        Column(_word("fit.field", lang), "text"),
        Column(_word("fit.value", lang), "plain"),
        Column(text("xlsx.col.low", lang), "plain"),
        Column(text("xlsx.col.high", lang), "plain"),
        Column(_word("fit.rows", lang), "count"),
        Column(_word("fit.written_as", lang), "text"),
    ]
    return [Sheet(text("xlsx.sheet.fit", lang), columns, rows)]
