"""Renderers of `simulate` and `sensitivity`: JSON data, CSV, markdown and terminal text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from gmvcli.data import r2, r6
from gmvcli.i18n import label, money, plain

if TYPE_CHECKING:
    import numpy as np

    from gmvcli.uncertainty import MerchantSimulation, Swing

Percentiles = Sequence[tuple[str, float]]  # ("p5", 5.0)


def _percentiles(values: np.ndarray, percentiles: Percentiles) -> dict[str, float]:
    import numpy as np

    points = np.percentile(values, [q for _, q in percentiles])
    return {key: r2(float(v)) for (key, _), v in zip(percentiles, points, strict=True)}


def simulate_data(
    file: str,
    name: str,
    runs: int,
    seed: int,
    sims: list[MerchantSimulation],
    percentiles: Percentiles,
) -> dict[str, Any]:
    merchants = []
    for m in sims:
        entry: dict[str, Any] = {"id": m.id}
        for model in ("shelf", "content"):
            values = getattr(m, model)
            entry[model] = (
                None
                if values is None
                else {
                    k: _percentiles(values[k], percentiles)
                    for k in ("gmv", "net_gmv", "contribution")
                }
            )
        entry["p_content_wins"] = (
            None if m.advantage is None else r6(float((m.advantage > 0).mean()))
        )
        merchants.append(entry)
    return {"file": file, "name": name, "runs": runs, "seed": seed, "merchants": merchants}


def simulate_csv(data: dict[str, Any], header: bool = True) -> str:
    import csv
    import io

    from gmvcli.render.csv import cell

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    keys: list[str] = []
    for m in data["merchants"]:
        for model in ("shelf", "content"):
            if m[model]:
                keys = list(m[model]["gmv"])
                break
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
    """A text histogram: one line per bin, `low … high │█████ share`."""
    import numpy as np

    # the middle 99% of draws, so that a long tail does not squash the picture into one bar;
    # draws outside it are counted in the end bins
    low, high = np.percentile(values, [0.5, 99.5])
    if high <= low:
        low, high = float(values.min()) - 0.5, float(values.max()) + 0.5
    counts, edges = np.histogram(np.clip(values, low, high), bins=bins, range=(low, high))
    top = counts.max() if counts.size else 0
    lines = []
    for count, low, high in zip(counts, edges[:-1], edges[1:], strict=True):
        bar = "█" * (0 if top == 0 else round(count / top * width))
        share = count / len(values) * 100
        lines.append(
            f"{money(float(low), lang, currency):>10} … {money(float(high), lang, currency):<10} │{bar} {share:.1f}%"
        )
    return lines


def simulate_text(
    data: dict[str, Any],
    sims: list[MerchantSimulation],
    lang: str,
    currency: str,
    width: int,
    color: bool,
) -> str:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from gmvcli.errors import safe_text
    from gmvcli.render.table import _print

    out: list[Any] = [Text(safe_text(data["name"]), style="bold underline")]
    for entry, sim in zip(data["merchants"], sims, strict=True):
        table = Table(
            title=Text(safe_text(f"{sim.name} [{sim.id}]"), style="bold"),
            title_justify="left",
            box=box.SIMPLE_HEAD,
            pad_edge=False,
        )
        table.add_column("", no_wrap=True)
        table.add_column("", no_wrap=True)
        keys: list[str] = []
        for model in ("shelf", "content"):
            if entry[model]:
                keys = list(entry[model]["gmv"])
                break
        for key in keys:
            table.add_column(key, justify="right", no_wrap=True)
        for model in ("shelf", "content"):
            if not entry[model]:
                continue
            for i, (metric, points) in enumerate(entry[model].items()):
                table.add_row(
                    label(model, lang) if i == 0 else "",
                    label(metric, lang),
                    *(money(v, lang, currency) for v in points.values()),
                )
        parts: list[Any] = [table]
        if sim.advantage is not None:
            share = entry["p_content_wins"] * 100
            parts.append(
                Text(
                    label("sim.wins", lang).format(share=plain(share, 1), runs=f"{data['runs']:,}"),
                    style="bold",
                )
            )
            parts.append(Text(label("sim.histogram", lang)))
            parts += [Text(line) for line in histogram_lines(sim.advantage, lang, currency)]
        out += [*parts, Text("")]
    return _print(out, width, color)


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
                        "low": r.low,
                        "high": r.high,
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
    """An input's value written for its kind: 2.5%, 20万 / 200,000, ¥89."""
    from gmvcli.i18n import magnitude, percent
    from gmvcli.model import SECTIONS

    parts = path.split(".")
    section = {"shelf": "shelf", "content": "content", "forecast": "forecast"}.get(
        parts[0], "merchant"
    )
    fields = {f.name: f for f in SECTIONS[section]}
    field = fields.get(parts[-1])
    kind = "" if field is None else ("money" if field.unit == "CNY" else field.kind)
    if kind in ("rate", "growth"):
        return percent(value)
    if kind == "count":
        return magnitude(value, lang)
    if kind == "money":
        return money(value, lang, currency)
    return plain(value, 2)


def sensitivity_text(
    data: dict[str, Any], lang: str, currency: str, width: int, color: bool
) -> str:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from gmvcli.errors import safe_text
    from gmvcli.render.table import _print

    bars = width >= 100
    out: list[Any] = [Text(safe_text(data["name"]), style="bold underline")]
    for m in data["merchants"]:
        title = f"{m['id']} · {label('metric.' + data['metric'], lang)}"
        table = Table(
            title=Text(title, style="bold"),
            title_justify="left",
            box=box.SIMPLE_HEAD,
            pad_edge=False,
        )
        for key, justify in (
            ("sens.input", "left"), ("sens.low", "right"), ("sens.high", "right"),
            ("sens.metric_low", "right"), ("sens.metric_high", "right"), ("sens.swing", "right"),
        ):  # fmt: skip
            table.add_column(
                label(key, lang),
                justify="left" if justify == "left" else "right",
                no_wrap=key != "sens.input",
                overflow="fold",
            )
        if bars:
            table.add_column("", no_wrap=True)
        top = max((r["swing"] for r in m["rows"]), default=0.0)
        for r in m["rows"]:
            cells = [
                r["path"],
                input_text(r["path"], r["low"], lang, currency),
                input_text(r["path"], r["high"], lang, currency),
                money(r["metric_low"], lang, currency),
                money(r["metric_high"], lang, currency),
                money(r["swing"], lang, currency),
            ]
            if bars:
                cells.append("█" * (0 if not top else max(1, round(r["swing"] / top * 12))))
            table.add_row(*cells)
        if not m["rows"]:
            table.add_row(label("sens.none", lang), *[""] * (6 if bars else 5))
        out += [table, Text("")]
    return _print(out, width, color)


def sensitivity_csv(data: dict[str, Any]) -> str:
    import csv
    import io

    from gmvcli.render.csv import cell

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
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
    """The first `limit` rows of a sweep as a rich table (or markdown), and how many were left out."""
    from itertools import islice

    from gmvcli.errors import safe_text

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
    cells = [
        [
            *([safe_text(str(r["merchant"]))] if several else []),
            *(plain(r[h], 4) for h in headers),
            *("—" if r[m] is None else money(r[m], lang, currency) for m in metrics),
        ]
        for r in shown
    ]
    more = label("sweep.more", lang).format(n=f"{rest:,}") if rest else ""
    if markdown:
        head = [
            *(["merchant"] if several else []),
            *headers,
            *(t.replace("\n", " ") for t in titles),
        ]
        lines = [
            f"## {safe_text(name)}",
            "",
            "| " + " | ".join(head) + " |",
            "|" + "---|" * len(head),
        ]
        lines += ["| " + " | ".join(c) + " |" for c in cells]
        return "\n".join([*lines, "", more, ""]) if more else "\n".join([*lines, ""])
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from gmvcli.render.table import _print

    table = Table(
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        title=Text(safe_text(name), style="bold"),
        title_justify="left",
    )
    if several:
        table.add_column("merchant", no_wrap=True)
    lasts = [h.rsplit(".", 1)[-1] for h in headers]
    for h, last in zip(headers, lasts, strict=True):
        table.add_column(last if lasts.count(last) == 1 else h, justify="right", no_wrap=True)
    for t in titles:
        table.add_column(t, justify="right", no_wrap=True)
    for c in cells:
        table.add_row(*c)
    parts: list[Any] = [table]
    if more:
        parts.append(Text(more))
    return _print(parts, width, color)


def solve_text(data: dict[str, Any], solution: Any, lang: str, currency: str) -> str:
    """content.aov = 97.2533 — content contribution equals shelf (check: ¥0.00)."""
    goal = data["target"]
    if solution.metric == "advantage":
        what = label("solve.breakeven", lang)
    else:
        what = label("solve.reaches", lang).format(
            metric=label(f"{solution.model}", lang) + " " + label(solution.metric, lang),
            goal=money(solution.goal, lang, currency),
        )
    check = money(round(solution.check, 2) + 0.0, lang, currency)
    return (
        f"{data['merchant']}: {data['for']} = {solution.value:.10g}\n"
        f"  {what} ({label('solve.check', lang)}: {check}; {label('solve.target', lang)} {goal}; "
        f"{label('solve.searched', lang)} [{solution.lo:g}, {solution.hi:g}])\n"
    )
