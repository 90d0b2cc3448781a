"""Excel workbooks (`--format xlsx`, SPEC §7): one sheet per table, numbers as numeric cells with
¥/% number formats taken from the column's kind, a frozen header row, headers in the chosen
language. Chinese merchants open results in Excel or WPS, where a UTF-8 CSV shows mojibake.

XlsxWriter (the `xlsx` extra) is imported only when a workbook is written; the workbook is built
in constant-memory mode in a temporary file and handed back as byte chunks, so a million-row sweep
does not sit in memory and the file reaches `-o` through `gmvcli.output` like every other format.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from gmvcli.i18n import label

if TYPE_CHECKING:
    from gmvcli.compare import ScenarioResult
    from gmvcli.diff import MerchantDiff
    from gmvcli.forecast import ScenarioForecast

#: Excel's last row is 1,048,576; one is the header
MAX_ROWS = 1_048_575


def text(code: str, lang: str, **params: object) -> str:
    """A text of the catalogue (gmvcli.messages.tables) in `lang`."""
    from gmvcli.messages import text as worded

    return worded(code, lang, **params)


class Column(NamedTuple):
    header: str
    kind: str  # text | money | count | percent | ratio | plain | int


class Typed(NamedTuple):
    """A cell whose kind differs from its column's (diff: one column holds every row)."""

    value: float | None
    kind: str


class Sheet(NamedTuple):
    name: str
    columns: Sequence[Column]
    rows: Iterable[Sequence[Any]]


def number_format(kind: str, currency: str) -> str | None:
    """The Excel number format of a kind: ¥ money, % rates, thousands for counts."""
    if kind == "money":
        symbol = '"¥"' if currency == "CNY" else f'"{currency} "'
        return f"{symbol}#,##0.00;-{symbol}#,##0.00"
    return {
        "count": "#,##0",
        "percent": "0.00%",
        "ratio": '0.00"×"',
        "plain": "#,##0.00",
        "minutes": "0.0",
        "int": "0",
    }.get(kind)


def _width(header: str) -> float:
    """A column wide enough for its header (CJK characters count double) and typical figures."""
    size = sum(2 if ord(ch) > 0x2E80 else 1 for ch in header)
    return max(12, min(40, size + 2))


def workbook(sheets: Iterable[Sheet], currency: str) -> Iterator[bytes]:
    """The .xlsx file as byte chunks (built in a temporary file, in constant memory)."""
    import tempfile

    import xlsxwriter  # type: ignore[import-untyped]

    with tempfile.TemporaryFile() as tmp:
        book = xlsxwriter.Workbook(tmp, {"constant_memory": True, "strings_to_formulas": False})
        header_format = book.add_format({"bold": True, "bottom": 1})
        formats: dict[str, Any] = {}

        def cell_format(kind: str) -> Any:
            if kind not in formats:
                pattern = number_format(kind, currency)
                formats[kind] = book.add_format({"num_format": pattern}) if pattern else None
            return formats[kind]

        used: set[str] = set()
        for sheet in sheets:
            name = _sheet_name(sheet.name, used)
            ws = book.add_worksheet(name)
            ws.freeze_panes(1, 0)
            for c, column in enumerate(sheet.columns):
                ws.set_column(c, c, _width(column.header))
                ws.write_string(0, c, column.header, header_format)
            r = 0
            for r, row in enumerate(sheet.rows, start=1):
                if r > MAX_ROWS:
                    raise TooManyRows(r)
                for c, (item, column) in enumerate(zip(row, sheet.columns, strict=True)):
                    value, kind = (
                        (item.value, item.kind) if isinstance(item, Typed) else (item, column.kind)
                    )
                    if value is None:
                        continue
                    if isinstance(value, bool) or not isinstance(value, int | float):
                        ws.write_string(r, c, _safe(str(value)))
                    else:
                        ws.write_number(r, c, value, cell_format(kind))
            if r:
                ws.autofilter(0, 0, r, len(sheet.columns) - 1)
        book.close()
        tmp.seek(0)
        while chunk := tmp.read(1 << 16):
            yield chunk


class TooManyRows(Exception):
    def __init__(self, rows: int) -> None:
        super().__init__(f"{rows} rows")
        self.rows = rows


def _sheet_name(name: str, used: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique (case-insensitively)."""
    clean = "".join("_" if ch in "[]:*?/\\" else ch for ch in name)[:31] or "sheet"
    candidate, n = clean, 2
    while candidate.lower() in used:
        suffix = f" ({n})"
        candidate, n = clean[: 31 - len(suffix)] + suffix, n + 1
    used.add(candidate.lower())
    return candidate


def _safe(value: str) -> str:
    """Text from files without control characters (Excel refuses most of them in a cell)."""
    from gmvcli.errors import safe_text

    return safe_text(value)


# --- the tables of each command ------------------------------------------------------------------

#: (label key, key in the model's JSON data, kind); costs nested as in JSON
METRICS: tuple[tuple[str, str, str], ...] = (
    ("uv", "uv", "count"),
    ("private_uv", "private_uv", "count"),
    ("public_uv", "public_uv", "count"),
    ("bonus_uv", "bonus_uv", "count"),
    ("conversion", "conversion", "percent"),
    ("orders", "orders", "count"),
    ("gmv", "gmv", "money"),
    ("refunds", "refunds", "money"),
    ("net_gmv", "net_gmv", "money"),
    ("costs.traffic", "costs.traffic", "money"),
    ("costs.commission", "costs.commission", "money"),
    ("costs.promotion", "costs.promotion", "money"),
    ("costs.content", "costs.content", "money"),
    ("costs.goods", "costs.goods", "money"),
    ("costs.total", "costs.total", "money"),
    ("rebate", "rebate", "money"),
    ("contribution", "contribution", "money"),
    ("roi", "roi", "plain"),
)


def _get(data: dict[str, Any] | None, path: str) -> Any:
    value: Any = data
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _header(key: str, lang: str) -> str:
    """A row's word as a column header: a table's indented sub-row (`  private (followers)`)
    names itself in full (`Private visitors`)."""
    from gmvcli.i18n import VARIABLES

    word = label(key, lang)
    if word.startswith(" ") and key in VARIABLES:
        en, zh, _ = VARIABLES[key]
        return zh if lang == "zh" else en[:1].upper() + en[1:]
    return word.strip()


def _metric_columns(lang: str) -> list[Column]:
    return [Column(_header(key, lang), kind) for key, _, kind in METRICS]


def _role(role: str | None, lang: str) -> str | None:
    return None if role is None else label("role." + role, lang)


def compare_sheets(results: Sequence[ScenarioResult], lang: str) -> list[Sheet]:
    """Results (one row per merchant and model) and the comparison (one row per merchant)."""
    from gmvcli.render import words
    from gmvcli.render.data import comparison_data, model_data

    head = [
        Column(text("xlsx.col.file", lang), "text"),
        Column(text("xlsx.col.scenario", lang), "text"),
        Column(text("xlsx.col.merchant", lang), "text"),
        Column(text("xlsx.col.merchant_name", lang), "text"),
        Column(text("xlsx.col.role", lang), "text"),
    ]
    rows: list[list[Any]] = []
    compared: list[list[Any]] = []
    for result in results:
        for m in result.merchants:
            who = [result.file, result.name, m.id, m.name, _role(m.role, lang)]
            for model in ("shelf", "content"):
                data = model_data(getattr(m, model))
                if data is None:
                    continue
                rows.append(
                    [*who, label(model, lang), *(_get(data, path) for _, path, _ in METRICS)]
                )
            c = comparison_data(m.comparison)
            if c is not None:
                compared.append(
                    [
                        *who,
                        c["gmv_delta"],
                        c["gmv_ratio"],
                        c["net_gmv_delta"],
                        c["contribution_delta"],
                        *(c["drivers"][k] for k in ("uv", "conversion", "aov", "repurchase")),
                        words.verdict(m, lang, result.currency, result.period),
                    ]
                )
    sheets = [
        Sheet(
            text("xlsx.sheet.results", lang),
            [*head, Column(text("xlsx.col.model", lang), "text"), *_metric_columns(lang)],
            rows,
        )
    ]
    if compared:
        columns = [
            *head,
            Column(text("xlsx.col.gmv_delta", lang), "money"),
            Column(text("xlsx.col.gmv_ratio", lang), "ratio"),
            Column(text("xlsx.col.net_gmv_delta", lang), "money"),
            Column(text("xlsx.col.contribution_delta", lang), "money"),
            *(
                Column(text(f"xlsx.col.driver.{k}", lang), "ratio")
                for k in ("uv", "conversion", "aov", "repurchase")
            ),
            Column(text("xlsx.col.verdict", lang), "text"),
        ]
        sheets.append(Sheet(text("xlsx.sheet.comparison", lang), columns, compared))
    return sheets


def forecast_sheets(results: Sequence[ScenarioForecast], lang: str) -> list[Sheet]:
    """Every period (one row per merchant, period and model) and the totals with the crossover."""
    from gmvcli.render.data import forecast_merchant_data

    head = [
        Column(text("xlsx.col.file", lang), "text"),
        Column(text("xlsx.col.scenario", lang), "text"),
        Column(text("xlsx.col.merchant", lang), "text"),
        Column(text("xlsx.col.merchant_name", lang), "text"),
        Column(text("xlsx.col.role", lang), "text"),
    ]
    periods: list[list[Any]] = []
    totals: list[list[Any]] = []
    for result in results:
        for m in result.merchants:
            if m.error is not None:
                continue
            data = forecast_merchant_data(m)
            who = [result.file, result.name, m.id, m.name, _role(m.role, lang)]
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
                            *(_get(d, path) for _, path, _ in METRICS),
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
                            t["gmv"],
                            t["net_gmv"],
                            t["contribution"],
                            data["crossover"],
                        ]
                    )
    return [
        Sheet(
            text("xlsx.sheet.periods", lang),
            [
                *head,
                Column(text("xlsx.col.period", lang), "int"),
                Column(text("xlsx.col.model", lang), "text"),
                *_metric_columns(lang),
                Column(text("xlsx.col.fans_start", lang), "count"),
                Column(text("xlsx.col.fans_end", lang), "count"),
            ],
            periods,
        ),
        Sheet(
            text("xlsx.sheet.totals", lang),
            [
                *head,
                Column(text("xlsx.col.model", lang), "text"),
                Column(label("gmv", lang), "money"),
                Column(label("net_gmv", lang), "money"),
                Column(label("contribution", lang), "money"),
                Column(text("xlsx.col.crossover", lang), "int"),
            ],
            totals,
        ),
    ]


def diff_sheets(merchants: Sequence[MerchantDiff], lang: str) -> list[Sheet]:
    """One row per merchant, model and §4 row: base, variant, Δ and Δ% (a percent cell)."""
    rows: list[list[Any]] = []
    for m in merchants:
        for model, d in m.models.items():
            if d is None:
                continue
            for key, path, kind in METRICS:
                b, v = _get(d.base, path), _get(d.variant, path)
                if b is None and v is None:
                    continue
                pct = _get(d.delta_pct, path)
                rows.append(
                    [
                        m.id,
                        m.name,
                        label("status." + m.status, lang),
                        label(model, lang),
                        _header(key, lang),
                        Typed(b, kind),
                        Typed(v, kind),
                        Typed(_get(d.delta, path), kind),
                        None if pct is None else pct / 100,
                    ]
                )
    columns = [
        Column(text("xlsx.col.merchant", lang), "text"),
        Column(text("xlsx.col.merchant_name", lang), "text"),
        Column(text("xlsx.col.status", lang), "text"),
        Column(text("xlsx.col.model", lang), "text"),
        Column(text("xlsx.col.row", lang), "text"),
        Column(text("xlsx.col.base", lang), "plain"),
        Column(text("xlsx.col.variant", lang), "plain"),
        Column(text("xlsx.col.delta", lang), "plain"),
        Column(text("xlsx.col.delta_pct", lang), "percent"),
    ]
    return [Sheet(text("xlsx.sheet.diff", lang), columns, rows)]


def sweep_sheets(
    rows: Iterable[dict[str, Any]], paths: Sequence[str], lang: str, file: str
) -> list[Sheet]:
    """One row per grid point and merchant, each varied field formatted as the field is."""
    from gmvcli.render.words import field_kind, field_label
    from gmvcli.whatif import SWEEP_METRICS

    columns = [
        Column(text("xlsx.col.file", lang), "text"),
        Column(text("xlsx.col.merchant", lang), "text"),
        *(Column(field_label(p, lang), field_kind(p)) for p in paths),
        *(Column(text(f"xlsx.col.{m}", lang), "money") for m in SWEEP_METRICS),
    ]
    keys = ["merchant", *paths, *SWEEP_METRICS]
    cells = ([file, *(row.get(k) for k in keys)] for row in rows)
    return [Sheet(text("xlsx.sheet.sweep", lang), columns, cells)]


def simulate_sheets(data: dict[str, Any], lang: str) -> list[Sheet]:
    """Per merchant, model and metric: the percentiles, and P(content wins) as a percent."""
    keys: list[str] = []
    for m in data["merchants"]:
        for model in ("shelf", "content"):
            if m[model]:
                keys = list(m[model]["gmv"])
                break
        if keys:
            break
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
        Column(text("xlsx.col.merchant", lang), "text"),
        Column(text("xlsx.col.model", lang), "text"),
        Column(text("xlsx.col.metric", lang), "text"),
        *(Column(k, "money") for k in keys),
        Column(text("xlsx.col.p_content_wins", lang), "percent"),
    ]
    return [Sheet(text("xlsx.sheet.simulate", lang), columns, rows)]
