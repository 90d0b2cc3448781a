"""`gmvcli diff` as a table (changed rows highlighted), markdown and CSV."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from gmvcli.diff import MerchantDiff, row_diffs
from gmvcli.i18n import PRICES, label, plain
from gmvcli.render.csv import cell
from gmvcli.render.words import fmt, say
from gmvcli.rows import TABLE_ROWS


def lines(
    m: MerchantDiff, lang: str, currency: str
) -> Iterator[tuple[str, str, str, str, str, str, bool]]:
    """(model, row label, base, variant, Δ, Δ%, changed) for every row of both models. A difference
    is signed as the closing line signs it (+¥1,234 / −¥1,234, U+2212, as review's tables do); a
    value keeps the hyphen of every other table (-¥5,664); CSV and JSON keep their numbers."""
    for r in row_diffs(m):
        kind, pct = ("price" if r.row.key in PRICES else r.row.written), r.delta_pct
        yield (
            label(r.model, lang),
            label(r.path, lang).strip(),
            fmt(r.base, kind, lang, currency),
            fmt(r.variant, kind, lang, currency),
            _minus(fmt(r.delta, kind, lang, currency, signed=True)) if r.delta is not None else "",
            _minus(("+" if pct > 0 else "") + plain(pct, 1) + "%") if pct is not None else "",
            r.changed,
        )


def _minus(text: str) -> str:
    """A difference is written with a minus sign: −¥19.3万 (−67.2%)."""
    return text.replace("-", "−")


def summary(m: MerchantDiff, lang: str, currency: str) -> str:
    """The closing line: how contribution changed in each model, or that nothing did (SPEC §9)."""
    if m.status == "same":
        return say("diff.none", lang)
    if m.status in ("added", "removed"):
        return say(f"diff.merchant_{m.status}", lang)
    parts = []
    still = True
    for model, d in m.models.items():
        if d is None:
            continue
        name = say(f"diff.model.{model}", lang)
        if d.delta is None:
            side = "added" if d.base is None else "removed"
            parts.append(say(f"diff.model_{side}", lang, model=name))
            still = False
            continue
        delta = d.delta["contribution"]
        pct = d.delta_pct["contribution"] if d.delta_pct else None
        if not delta:
            parts.append(f"{name} ±0")
            continue
        still = False
        text = fmt(delta, "money", lang, currency, signed=True)
        if pct is not None:
            text += say("diff.pct", lang, pct=("+" if pct > 0 else "") + plain(pct, 1) + "%")
        parts.append(f"{name} {_minus(text)}")
    line = say("diff.contribution", lang, changes=say("diff.sep", lang).join(parts))
    if still:
        moved = [
            label(q.json or "", lang).strip()
            for model, d in m.models.items()
            if d is not None and d.delta is not None
            for q in TABLE_ROWS
            if q.read(d.delta)
        ]
        unique = list(dict.fromkeys(moved))
        line += say("diff.other_rows", lang, rows=say("diff.sep", lang).join(unique))
    return line


def _heading(m: MerchantDiff, lang: str) -> str:
    return f"{m.name} [{m.id}] · {label('status.' + m.status, lang)}"


def render_table(
    merchants: list[MerchantDiff], lang: str, currency: str, width: int, color: bool
) -> str:
    from gmvcli.errors import safe_text
    from gmvcli.render.grid import Cell, Col, Line, fitted, print_blocks

    out: list[Any] = []
    for m in merchants:
        columns = [
            Col("", figure=False, justify="left"),
            *(
                Col(label(k, lang))
                for k in ("diff.base", "diff.variant", "diff.delta", "diff.delta_pct")
            ),
        ]
        rows: list[list[Cell]] = []
        styles: list[str | None] = []
        sections: list[int] = []
        previous = None
        for model, name, b, v, delta, pct, changed in lines(m, lang, currency):
            if model != previous:
                # the model as a heading row: a column of its own would take a fifth of 80
                if previous is not None:
                    sections.append(len(rows))
                rows.append([model, "", "", "", ""])
                styles.append("bold")
                previous = model
            rows.append(["  " + name, b, v, delta, pct])
            styles.append("bold yellow" if changed else "dim")
        title = Line(safe_text(_heading(m, lang)), "bold")
        out += [title, *fitted(columns, rows, width, styles=styles, sections=sections)]
        out += [Line(summary(m, lang, currency)), Line("")]
    return print_blocks(out, width, color)


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
        out += ["", esc(summary(m, lang, currency)), ""]
    return "\n".join(out)


def render_csv(base: str, variant: str | None, merchants: list[MerchantDiff]) -> str:
    """Long CSV: one row per merchant, model and number."""
    import io

    from gmvcli.textsafe import CsvWriter

    buffer = io.StringIO()
    writer = CsvWriter(buffer)
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
        for r in row_diffs(m):
            row = [
                base,
                variant or "",
                m.id,
                m.status,
                r.model,
                r.path,
                r.base,
                r.variant,
                r.delta,
                r.delta_pct,
            ]
            writer.writerow([cell(x) for x in row])
    return buffer.getvalue()
