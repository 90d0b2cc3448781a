"""Renderers of `simulate` and `sensitivity`: JSON data, CSV, markdown and terminal text."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from gmvcli.data import r2, r6
from gmvcli.i18n import label, money, plain

if TYPE_CHECKING:
    import numpy as np

    from gmvcli.uncertainty import MerchantSimulation, Swing


def percentile_keys(merchants: Iterable[dict[str, Any]]) -> list[str]:
    """The percentile columns of simulate's data (`p5`, `p50`, …): the same for every model and
    metric, read from the first one there is."""
    for m in merchants:
        for model in ("shelf", "content"):
            if m[model]:
                return list(next(iter(m[model].values())))
    return []


def simulate_csv(data: dict[str, Any], header: bool = True) -> str:
    import io

    from gmvcli.render.csv import cell
    from gmvcli.textsafe import CsvWriter

    buffer = io.StringIO()
    writer = CsvWriter(buffer)
    keys = percentile_keys(data["merchants"])
    if header:
        writer.writerow(["file", "merchant", "model", "metric", *keys, "p_content_wins"])
    for m in data["merchants"]:
        for model in ("shelf", "content"):
            if not m[model]:
                continue
            for metric, points in m[model].items():
                row = [data["file"], m["id"], model, metric, *points.values(), m["p_content_wins"]]
                writer.writerow([cell(v) for v in row])
    return buffer.getvalue()


def histogram_lines(
    values: np.ndarray, lang: str, currency: str, bins: int = 12, width: int = 30
) -> list[str]:
    """A text histogram: one line per bin, `low … high │█████ share`, the │ in one column."""
    import numpy as np
    from rich.cells import cell_len

    # the middle 99% of draws, so that a long tail does not squash the picture into one bar;
    # draws outside it are counted in the end bins
    low, high = np.percentile(values, [0.5, 99.5])
    if high <= low:
        low, high = float(values.min()) - 0.5, float(values.max()) + 0.5
    counts, edges = np.histogram(np.clip(values, low, high), bins=bins, range=(low, high))
    top = counts.max() if counts.size else 0
    lows = [money(float(x), lang, currency) for x in edges[:-1]]
    highs = [money(float(x), lang, currency) for x in edges[1:]]
    left = max(cell_len(x) for x in lows)
    right = max(cell_len(x) for x in highs)
    lines = []
    for count, a, b in zip(counts, lows, highs, strict=True):
        bar = "█" * (0 if top == 0 else round(count / top * width))
        share = count / len(values) * 100
        pad_a = " " * (left - cell_len(a))
        pad_b = " " * (right - cell_len(b))
        lines.append(f"  {pad_a}{a} … {b}{pad_b} │{bar} {share:.1f}%")
    return lines


def _title(data: dict[str, Any], lang: str, periods: int | None, period: str) -> list[Any]:
    """The scenario's name, then what the figures are of: the first period, or `periods` totalled."""
    from gmvcli.errors import safe_text
    from gmvcli.render.grid import Line
    from gmvcli.render.words import say

    if periods is None:
        span = say("sim.one_period", lang, first=say(f"first.{period}", lang))
    else:
        span = say("sim.totals", lang, n=periods, units=say(f"units.{period}", lang))
    return [Line(safe_text(data["name"]), "bold underline"), Line(span)]


def simulate_text(
    data: dict[str, Any],
    sims: list[MerchantSimulation],
    lang: str,
    currency: str,
    width: int,
    color: bool,
    periods: int | None = None,
    period: str = "month",
) -> str:
    from gmvcli.errors import safe_text
    from gmvcli.render.grid import Cell, Col, Line, fitted, print_blocks

    out = _title(data, lang, periods, period)
    for entry, sim in zip(data["merchants"], sims, strict=True):
        keys = percentile_keys([entry])
        columns = [Col("", figure=False, justify="left"), *(Col(k) for k in keys)]
        rows: list[list[Cell]] = []
        sections: list[int] = []
        for model in ("shelf", "content"):
            if not entry[model]:
                continue
            if rows:
                sections.append(len(rows))
            rows.append([label(model, lang), *([""] * len(keys))])
            for metric, points in entry[model].items():
                rows.append(
                    [
                        "  " + label(metric, lang),
                        *(money(v, lang, currency) for v in points.values()),
                    ]
                )
        styles: list[str | None] = ["bold" if r[1] == "" else None for r in rows]
        title = Line(safe_text(f"{sim.name} [{sim.id}]"), "bold")
        parts: list[Any] = [title, *fitted(columns, rows, width, styles=styles, sections=sections)]
        if sim.advantage is not None:
            share = entry["p_content_wins"] * 100
            parts.append(
                Line(
                    label("sim.wins", lang).format(share=plain(share, 1), runs=f"{data['runs']:,}"),
                    style="bold",
                )
            )
            import numpy as np

            if float(np.ptp(sim.advantage)) > 0:
                parts.append(Line(label("sim.histogram", lang)))
                parts += [Line(line) for line in histogram_lines(sim.advantage, lang, currency)]
        out += [*parts, Line("")]
    return print_blocks(out, width, color)


def sensitivity_data(
    file: str, name: str, metric: str, rows: dict[str, list[Swing]]
) -> dict[str, Any]:
    return {
        "file": file,
        "name": name,
        "metric": metric,
        "merchants": [
            {
                "id": merchant_id,
                "rows": [
                    {
                        "path": r.path,
                        "low": r6(r.low),  # an input's value, as JSON writes a ratio:
                        "high": r6(r.high),  # 6 decimals, no float noise (SPEC §7)
                        "metric_low": r2(r.metric_low),
                        "metric_high": r2(r.metric_high),
                        "swing": r2(r.swing),
                    }
                    for r in swings
                ],
            }
            for merchant_id, swings in rows.items()
        ],
    }


def input_text(path: str, value: float, lang: str, currency: str) -> str:
    """An input's value written as its field is: 2.5%, 20万 / 200,000, ¥89, 4.5 minutes."""
    from gmvcli.i18n import PRICES
    from gmvcli.render.words import field_kind, fmt

    kind = "price" if path.rsplit(".", 1)[-1] in PRICES else field_kind(path)
    return fmt(value, kind, lang, currency)


def _names(scenario: Any, merchant_id: str) -> dict[str, tuple[str, str]] | None:
    """The names of the policies of a merchant's paths (None without the scenario)."""
    from gmvcli.render.words import policy_names

    if scenario is None:
        return None
    merchant = next((m for m in scenario.merchants if m.id == merchant_id), None)
    return policy_names(scenario, merchant)


def sensitivity_text(
    data: dict[str, Any],
    lang: str,
    currency: str,
    width: int,
    color: bool,
    periods: int | None = None,
    period: str = "month",
    scenario: Any = None,
) -> str:
    """The tornado as a table: fields by their label (a policy's effect by the policy's name in
    `scenario`), values as the field is, ¥0 swings left out."""
    from gmvcli.errors import safe_text
    from gmvcli.render.grid import Cell, Col, Line, fitted, print_blocks
    from gmvcli.render.words import field_label, say

    bars = width >= 100
    out = _title(data, lang, periods, period)
    for m in data["merchants"]:
        names = _names(scenario, m["id"])
        title = f"{m['id']} · {label('metric.' + data['metric'], lang)}"
        columns = [
            Col(label("sens.input", lang), figure=False, justify="left"),
            *(
                Col(label(key, lang))
                for key in (
                    "sens.low",
                    "sens.high",
                    "sens.metric_low",
                    "sens.metric_high",
                    "sens.swing",
                )
            ),
        ]
        if bars:
            columns.append(Col("", justify="left"))
        moving = [r for r in m["rows"] if r["swing"]]
        still = len(m["rows"]) - len(moving)
        top = max((r["swing"] for r in moving), default=0.0)
        rows: list[list[Cell]] = []
        for r in moving:
            cells: list[Cell] = [
                field_label(r["path"], lang, names),
                input_text(r["path"], r["low"], lang, currency),
                input_text(r["path"], r["high"], lang, currency),
                money(r["metric_low"], lang, currency),
                money(r["metric_high"], lang, currency),
                money(r["swing"], lang, currency),
            ]
            if bars:
                cells.append("█" * (0 if not top else max(1, round(r["swing"] / top * 12))))
            rows.append(cells)
        out.append(Line(safe_text(title), "bold"))
        if rows:
            out += fitted(columns, rows, width)
        else:
            out.append(Line(label("sens.none", lang) if not still else say("sens.all_still", lang)))
        if rows and still:
            out.append(Line(say("sens.still", lang, n=still)))
        out.append(Line(""))
    return print_blocks(out, width, color)


def sensitivity_csv(data: dict[str, Any]) -> str:
    import io

    from gmvcli.render.csv import cell
    from gmvcli.textsafe import CsvWriter

    buffer = io.StringIO()
    writer = CsvWriter(buffer)
    writer.writerow(
        ["file", "merchant", "metric", "path", "low", "high", "metric_low", "metric_high", "swing"]
    )
    for m in data["merchants"]:
        for r in m["rows"]:
            row = [
                data["file"],
                m["id"],
                data["metric"],
                r["path"],
                r["low"],
                r["high"],
                r["metric_low"],
                r["metric_high"],
                r["swing"],
            ]
            writer.writerow([cell(v) for v in row])
    return buffer.getvalue()


def sweep_table(
    name: str,
    rows: Any,
    headers: Sequence[str],
    lang: str,
    currency: str,
    width: int,
    color: bool,
    *,
    markdown: bool = False,
    limit: int = 500,
) -> str:
    """The first `limit` rows of a sweep as a rich table (or markdown), and how many were left out.
    Varied fields are headed by their label and written as the field is (0.3%, ¥128)."""
    from itertools import islice

    from gmvcli.errors import safe_text
    from gmvcli.render.words import field_kind, field_label, fmt

    metrics = (
        "shelf_gmv",
        "content_gmv",
        "shelf_contribution",
        "content_contribution",
        "advantage",
    )
    titles = [label("sweep." + m, lang) for m in metrics]
    shown = list(islice(rows, limit))
    rest = sum(1 for _ in rows)
    several = len({r["merchant"] for r in shown}) > 1
    kinds = [field_kind(h) for h in headers]
    cells = [
        [
            *([safe_text(str(r["merchant"]))] if several else []),
            *(fmt(r[h], k, lang, currency) for h, k in zip(headers, kinds, strict=True)),
            *("—" if r[m] is None else money(r[m], lang, currency) for m in metrics),
        ]
        for r in shown
    ]
    more = label("sweep.more", lang).format(n=f"{rest:,}") if rest else ""
    heads = [field_label(h, lang) for h in headers]
    merchant_head = say_merchant(lang)
    if markdown:
        from gmvcli.render.markdown import esc

        head = [
            *([merchant_head] if several else []),
            *(esc(h) for h in heads),
            *(t.replace("\n", " ") for t in titles),
        ]
        lines = [
            f"## {esc(name)}",
            "",
            "| " + " | ".join(head) + " |",
            "|" + ("---|" if several else "") + "---:|" * (len(head) - (1 if several else 0)),
        ]
        lines += ["| " + " | ".join(esc(x) for x in c) + " |" for c in cells]
        return "\n".join([*lines, "", more, ""]) if more else "\n".join([*lines, ""])
    from gmvcli.render.grid import Cell, Col, Line, fitted, print_blocks

    columns = [
        *([Col(merchant_head, figure=False, justify="left")] if several else []),
        *(Col(h, repeat=True) for h in heads),
        *(Col(t) for t in titles),
    ]
    table_rows: list[list[Cell]] = [list(c) for c in cells]
    parts: list[Any] = [Line(safe_text(name), "bold"), *fitted(columns, table_rows, width)]
    if more:
        parts.append(Line(more))
    return print_blocks(parts, width, color)


def say_merchant(lang: str) -> str:
    return "商家" if lang == "zh" else "merchant"


def solve_text(
    data: dict[str, Any], solution: Any, lang: str, currency: str, period: str = "month"
) -> str:
    """`weiwei: average order value (content) = ¥112.97` and what it meets, checked by the engine."""
    from gmvcli.render.words import field_kind, field_label, precise, say

    value = precise(solution.value, field_kind(solution.path), lang, currency)
    if solution.metric == "advantage":
        what = say("solve.parity", lang)
    elif solution.metric == "contribution" and solution.goal == 0:
        what = say("solve.breakeven", lang, model=label(solution.model or "content", lang))
    else:
        what = label("solve.reaches", lang).format(
            metric=label(f"{solution.model}", lang) + " " + label(solution.metric, lang),
            goal=money(solution.goal, lang, currency),
        )
    n = data.get("periods", 1)
    span = (
        say("solve.in_first", lang, first=say(f"first.{period}", lang))
        if n == 1
        else say("solve.over", lang, n=n, units=say(f"units.{period}", lang))
    )
    check = money(round(solution.check, 2) + 0.0, lang, currency)
    field = field_label(solution.path, lang)
    sep = "，" if lang == "zh" else ", "
    return (
        f"{data['merchant']}: {data['for']} = {value} — {field}\n"
        f"  {what}{sep}{span}{say('solve.check', lang, check=check)}\n"
    )
