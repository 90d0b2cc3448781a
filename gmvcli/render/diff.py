"""`gmvcli diff` as a table (changed rows highlighted), markdown and CSV."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from gmvcli.diff import MerchantDiff
from gmvcli.i18n import label, plain
from gmvcli.render.csv import cell
from gmvcli.render.words import fmt

#: (label key, path in the model data, kind)
ROWS: tuple[tuple[str, str, str], ...] = (
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


def lines(
    m: MerchantDiff, lang: str, currency: str
) -> Iterator[tuple[str, str, str, str, str, str, bool]]:
    """(model, row label, base, variant, Δ, Δ%, changed) for every row of both models."""
    for model, d in m.models.items():
        if d is None:
            continue
        for key, path, kind in ROWS:
            b, v = _get(d.base, path), _get(d.variant, path)
            if b is None and v is None:
                continue
            delta = _get(d.delta, path)
            pct = _get(d.delta_pct, path)
            changed = d.delta is None or (delta is not None and delta != 0)
            yield (
                label(model, lang),
                label(key, lang).strip(),
                fmt(b, kind, lang, currency),
                fmt(v, kind, lang, currency),
                fmt(delta, kind, lang, currency, signed=True) if delta is not None else "",
                (("+" if pct > 0 else "") + plain(pct, 1) + "%") if pct is not None else "",
                changed,
            )


def summary(m: MerchantDiff, lang: str, currency: str) -> str:
    """One line: how each model's contribution moved."""
    parts = []
    for model, d in m.models.items():
        if d is None or d.delta is None:
            continue
        delta, pct = d.delta["contribution"], d.delta_pct["contribution"] if d.delta_pct else None
        text = fmt(delta, "money", lang, currency, signed=True)
        if pct is not None and delta:
            text += f" ({'+' if pct > 0 else ''}{plain(pct, 1)}%)"
        what = label("contribution", lang)
        parts.append(f"{label(model, lang)} {what.lower() if lang == 'en' else what} {text}")
    return "; ".join(parts) if parts else label("status." + m.status, lang)


def _heading(m: MerchantDiff, lang: str) -> str:
    return f"{m.name} [{m.id}] · {label('status.' + m.status, lang)}"


def render_table(
    merchants: list[MerchantDiff], lang: str, currency: str, width: int, color: bool
) -> str:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from gmvcli.errors import safe_text
    from gmvcli.render.table import _print

    out: list[Any] = []
    for m in merchants:
        table = Table(
            title=Text(safe_text(_heading(m, lang)), style="bold"),
            title_justify="left",
            box=box.SIMPLE_HEAD,
            pad_edge=False,
        )
        table.add_column("", no_wrap=True)
        table.add_column("", no_wrap=True)
        for key in ("diff.base", "diff.variant", "diff.delta", "diff.delta_pct"):
            table.add_column(label(key, lang), justify="right", no_wrap=True)
        previous = None
        for model, name, b, v, delta, pct, changed in lines(m, lang, currency):
            if previous is not None and model != previous:
                table.add_section()
            shown = model if model != previous else ""
            previous = model
            table.add_row(shown, name, b, v, delta, pct, style="bold yellow" if changed else "dim")
        out += [table, Text(summary(m, lang, currency)), Text("")]
    return _print(out, width, color)


def render_markdown(merchants: list[MerchantDiff], lang: str, currency: str) -> str:
    from gmvcli.render.markdown import esc

    out = []
    for m in merchants:
        out += [f"### {esc(_heading(m, lang))}", ""]
        head = [
            "",
            "",
            *(
                label(k, lang)
                for k in ("diff.base", "diff.variant", "diff.delta", "diff.delta_pct")
            ),
        ]
        out += ["| " + " | ".join(head) + " |", "|---|---|---:|---:|---:|---:|"]
        for model, name, b, v, delta, pct, changed in lines(m, lang, currency):
            row = [model, f"**{name}**" if changed else name, b, v, delta, pct]
            out.append("| " + " | ".join(row) + " |")
        out.append("")
    return "\n".join(out)


def render_csv(base: str, variant: str | None, merchants: list[MerchantDiff]) -> str:
    """Long CSV: one row per merchant, model and number."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        [
            "base",
            "variant",
            "merchant",
            "status",
            "model",
            "row",
            "base_value",
            "variant_value",
            "delta",
            "delta_pct",
        ]
    )
    for m in merchants:
        for model, d in m.models.items():
            if d is None:
                continue
            for _, path, _ in ROWS:
                b, v = _get(d.base, path), _get(d.variant, path)
                if b is None and v is None:
                    continue
                row = [
                    base,
                    variant or "",
                    m.id,
                    m.status,
                    model,
                    path,
                    b,
                    v,
                    _get(d.delta, path),
                    _get(d.delta_pct, path),
                ]
                writer.writerow([cell(x) for x in row])
    return buffer.getvalue()
