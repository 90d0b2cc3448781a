"""The sheets of each command's workbook (`--format xlsx`): which columns, of which kind, with
headers in the run's language, and a row per merchant, model, period or grid point, taken from the
data the JSON output shows (`render.data`). `writer.workbook` writes them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from gmvcli.i18n import label
from gmvcli.render.xlsx.writer import Column, Sheet, Typed
from gmvcli.rows import COMPARISON, DRIVERS, TABLE_ROWS, TOTALS

if TYPE_CHECKING:
    from gmvcli.compare import ScenarioResult
    from gmvcli.diff import MerchantDiff
    from gmvcli.forecast import ScenarioForecast


def text(code: str, lang: str, **params: object) -> str:
    """A text of the catalogue (gmvcli.messages.tables) in `lang`."""
    from gmvcli.messages import text as worded

    return worded(code, lang, **params)


def row_header(key: str, lang: str) -> str:
    """A row's word as a column header: a table's indented sub-row (`  private (followers)`)
    names itself in full (`Private visitors`)."""
    from gmvcli.i18n import VARIABLES

    word = label(key, lang)
    if word.startswith(" ") and key in VARIABLES:
        en, zh, _ = VARIABLES[key]
        return zh if lang == "zh" else en[:1].upper() + en[1:]
    return word.strip()


def _metric_values(data: dict[str, Any]) -> list[Any]:
    """A model's figures in the order of the table rows (`rows.TABLE_ROWS`)."""
    return [q.read(data) for q in TABLE_ROWS]


def _metric_columns(lang: str) -> list[Column]:
    return [Column(row_header(q.json or "", lang), q.written) for q in TABLE_ROWS]


def _role(role: str | None, lang: str) -> str | None:
    return None if role is None else label("role." + role, lang)


def _headed(lang: str, kind: str, *keys: str) -> list[Column]:
    """Columns of one kind, headed by their `xlsx.col.<key>` texts."""
    return [Column(text(f"xlsx.col.{key}", lang), kind) for key in keys]


def _who_columns(lang: str) -> list[Column]:
    """The columns that say whose row it is: file, scenario, merchant id and name, role."""
    return _headed(lang, "text", "file", "scenario", "merchant", "merchant_name", "role")


def _who(result: ScenarioResult | ScenarioForecast, m: Any, lang: str) -> list[Any]:
    """The cells of `_who_columns` for merchant `m` of a scenario's results."""
    return [result.file, result.name, m.id, m.name, _role(m.role, lang)]


def _merchants(
    results: Sequence[ScenarioResult] | Sequence[ScenarioForecast], lang: str
) -> Iterator[tuple[Any, Any, list[Any]]]:
    """Each merchant of each scenario's results: (the results, the merchant, its `_who` cells)."""
    for result in results:
        for m in result.merchants:
            yield result, m, _who(result, m, lang)


def compare_sheets(results: Sequence[ScenarioResult], lang: str) -> list[Sheet]:
    """Results (one row per merchant and model) and the comparison (one row per merchant)."""
    from gmvcli.render import words
    from gmvcli.render.data import comparison_data, model_data

    head = _who_columns(lang)
    rows: list[list[Any]] = []
    compared: list[list[Any]] = []
    for result, m, who in _merchants(results, lang):
        for model in ("shelf", "content"):
            data = model_data(getattr(m, model))
            if data is None:
                continue
            rows.append([*who, label(model, lang), *_metric_values(data)])
        c = comparison_data(m.comparison)
        if c is not None:
            compared.append(
                [
                    *who,
                    *(c[k] for k, _ in COMPARISON),
                    *(c["drivers"][k] for k, _ in DRIVERS),
                    words.verdict(m, lang, result.currency, result.period),
                ]
            )
    sheets = [
        Sheet(
            text("xlsx.sheet.results", lang),
            [*head, *_headed(lang, "text", "model"), *_metric_columns(lang)],
            rows,
        )
    ]
    if compared:
        columns = [
            *head,
            *(Column(text(f"xlsx.col.{k}", lang), kind) for k, kind in COMPARISON),
            *_headed(lang, "ratio", *(f"driver.{k}" for k, _ in DRIVERS)),
            *_headed(lang, "text", "verdict"),
        ]
        sheets.append(Sheet(text("xlsx.sheet.comparison", lang), columns, compared))
    return sheets


def forecast_sheets(results: Sequence[ScenarioForecast], lang: str) -> list[Sheet]:
    """Every period (one row per merchant, period and model) and the totals with the crossover."""
    from gmvcli.render.data import forecast_merchant_data

    head = _who_columns(lang)
    periods: list[list[Any]] = []
    totals: list[list[Any]] = []
    for _, m, who in _merchants(results, lang):
        if m.error is not None:
            continue
        data = forecast_merchant_data(m)
        for p in data["periods"]:
            for model in ("shelf", "content"):
                d = p[model]
                if d is None:
                    continue
                periods.append(
                    [
                        *who,
                        p["period"],
                        label(model, lang),
                        *_metric_values(d),
                        d.get("fans_start"),
                        d.get("fans_end"),
                    ]
                )
        for model in ("shelf", "content"):
            t = data["totals"][model]
            if t is not None:
                totals.append(
                    [
                        *who,
                        label(model, lang),
                        *(t[k] for k in TOTALS),
                        data["crossover"],
                    ]
                )
    return [
        Sheet(
            text("xlsx.sheet.periods", lang),
            [
                *head,
                *_headed(lang, "int", "period"),
                *_headed(lang, "text", "model"),
                *_metric_columns(lang),
                *_headed(lang, "count", "fans_start", "fans_end"),
            ],
            periods,
        ),
        Sheet(
            text("xlsx.sheet.totals", lang),
            [
                *head,
                *_headed(lang, "text", "model"),
                *(Column(label(k, lang), "money") for k in TOTALS),
                *_headed(lang, "int", "crossover"),
            ],
            totals,
        ),
    ]


def diff_sheets(merchants: Sequence[MerchantDiff], lang: str) -> list[Sheet]:
    """One row per merchant, model and §4 row: base, variant, Δ and Δ% (a percent cell)."""
    from gmvcli.diff import row_diffs

    rows: list[list[Any]] = []
    for m in merchants:
        for r in row_diffs(m):
            kind = r.row.written
            rows.append(
                [
                    m.id,
                    m.name,
                    label("status." + m.status, lang),
                    label(r.model, lang),
                    row_header(r.path, lang),
                    Typed(r.base, kind),
                    Typed(r.variant, kind),
                    Typed(r.delta, kind),
                    None if r.delta_pct is None else r.delta_pct / 100,
                ]
            )
    columns = [
        *_headed(lang, "text", "merchant", "merchant_name", "status", "model", "row"),
        *_headed(lang, "plain", "base", "variant", "delta"),
        *_headed(lang, "percent", "delta_pct"),
    ]
    return [Sheet(text("xlsx.sheet.diff", lang), columns, rows)]


def sweep_sheets(
    rows: Iterable[dict[str, Any]], paths: Sequence[str], lang: str, file: str
) -> list[Sheet]:
    """One row per grid point and merchant, each varied field formatted as the field is."""
    from gmvcli.render.words import field_kind, field_label
    from gmvcli.whatif import SWEEP_METRICS

    columns = [
        *_headed(lang, "text", "file", "merchant"),
        *(Column(field_label(p, lang), field_kind(p)) for p in paths),
        *_headed(lang, "money", *SWEEP_METRICS),
    ]
    keys = ["merchant", *paths, *SWEEP_METRICS]
    cells = ([file, *(row.get(k) for k in keys)] for row in rows)
    return [Sheet(text("xlsx.sheet.sweep", lang), columns, cells)]


def simulate_sheets(data: dict[str, Any], lang: str) -> list[Sheet]:
    """Per merchant, model and metric: the percentiles, and P(content wins) as a percent."""
    from gmvcli.render.uncertain import percentile_keys

    keys = percentile_keys(data["merchants"])
    rows: list[list[Any]] = []
    for m in data["merchants"]:
        for model in ("shelf", "content"):
            if not m[model]:
                continue
            for metric, points in m[model].items():
                rows.append(
                    [
                        m["id"],
                        label(model, lang),
                        label(metric, lang),
                        *(points[k] for k in keys),
                        m["p_content_wins"],
                    ]
                )
    columns = [
        *_headed(lang, "text", "merchant", "model", "metric"),
        *(Column(k, "money") for k in keys),
        *_headed(lang, "percent", "p_content_wins"),
    ]
    return [Sheet(text("xlsx.sheet.simulate", lang), columns, rows)]
