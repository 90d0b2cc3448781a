"""`review` and `fit` as JSON-ready data, table, CSV and markdown (SPEC §10).

Numbers come from gmvcli.review; nothing is recomputed here. Effects are rounded with the largest
remainder, so that the printed effects add up to the printed delta, cent for cent.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any

from gmvcli.i18n import label, magnitude, money, percent
from gmvcli.render.data import model_data, r2, r6
from gmvcli.review.lmdi import round_to_sum
from gmvcli.review.messages import text

if TYPE_CHECKING:
    from gmvcli.review.fit import Fit
    from gmvcli.review.results import (
        MerchantReview,
        ModelReview,
        PeriodReview,
        Review,
        Side,
        TotalReview,
    )


def word(key: str, lang: str) -> str:
    """A word of the review table, from the catalogue (`review.word.KEY`)."""
    return text(f"review.word.{key}", lang)


# --- JSON ------------------------------------------------------------------------------------------


def _side(side: Side) -> dict[str, Any]:
    """The §4 rows, then the factors of GMV (money and visitors to 2 decimals, the rest to 6)."""
    out = model_data(side.result) or {}
    for k, v in side.factors.items():
        out[k] = r2(v) if k in ("uv", "aov") else r6(v)
    return out


def _pct(delta: float, base: float) -> float | None:
    return r6(delta / base * 100) if base else None


def model_review_data(r: ModelReview | None) -> dict[str, Any] | None:
    if r is None:
        return None
    return {
        "plan": _side(r.plan),
        "actual": _side(r.actual),
        "gmv_delta": r2(r.gmv_delta),
        "gmv_delta_pct": _pct(r.gmv_delta, r.plan.result.gmv),
        "gmv_effects": round_to_sum(r.gmv_effects, r.gmv_delta),
        "contribution_delta": r2(r.contribution_delta),
        "contribution_effects": round_to_sum(r.contribution_effects, r.contribution_delta),
    }


def total_data(t: TotalReview | None) -> dict[str, Any] | None:
    if t is None:
        return None
    return {
        "plan_gmv": r2(t.plan_gmv),
        "actual_gmv": r2(t.actual_gmv),
        "gmv_delta": r2(t.gmv_delta),
        "gmv_delta_pct": _pct(t.gmv_delta, t.plan_gmv),
        "gmv_effects": round_to_sum(t.gmv_effects, t.gmv_delta),
        "plan_contribution": r2(t.plan_contribution),
        "actual_contribution": r2(t.actual_contribution),
        "contribution_delta": r2(t.contribution_delta),
        "contribution_effects": round_to_sum(t.contribution_effects, t.contribution_delta),
    }


def merchant_review_data(m: MerchantReview) -> dict[str, Any]:
    return {
        "id": m.id,
        "name": m.name,
        "periods": [
            {
                "period": p.period,
                "start": p.start.isoformat(),
                "end": p.end.isoformat(),
                "rows": p.rows,
                "content": model_review_data(p.content),
                "shelf": model_review_data(p.shelf),
            }
            for p in m.periods
        ],
        "total": {"content": total_data(m.content), "shelf": total_data(m.shelf)},
        "warnings": [w.text("en") for w in m.warnings],
        "notes": [text(code, "en", **dict(params)) for code, params in m.notes],
    }


def review_data(r: Review) -> dict[str, Any]:
    return {
        "file": r.file,
        "actuals": r.actuals,
        "name": r.name,
        "currency": r.currency,
        "period": r.period,
        "merchants": [merchant_review_data(m) for m in r.merchants],
    }


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
                "value": r6(x.value),
                "low": r6(x.low),
                "high": r6(x.high),
                "rows": x.rows,
                "written": x.written,
            }
            for x in f.fields
        ],
    }


# --- words shared by table and markdown -------------------------------------------------------------


def span(n: int, period: str, lang: str) -> str:
    """3 months / 3个月; 1 week / 1周."""
    return text(f"review.span.{period}.{'one' if n == 1 else 'many'}", lang, n=n)


def signed_money(value: float, lang: str, currency: str) -> str:
    """+¥1,234 / −¥1,234 (a real minus sign, as in a verdict)."""
    text = money(abs(value), lang, currency)
    if round(value, 2) == 0:
        return "±" + text
    return ("+" if value > 0 else "−") + text


def signed_pct(value: float | None) -> str:
    if value is None:
        return "—"
    text = percent(abs(value) / 100)
    if round(value, 2) == 0:
        return "±" + text
    return ("+" if value > 0 else "−") + text


def verdict(m: MerchantReview, model: str, period: str, lang: str, currency: str) -> str:
    """ "GMV ¥X below plan (−12%) over 3 months: watch minutes −¥a, AOV +¥c…" and the profit line."""
    t: TotalReview | None = getattr(m, model)
    assert t is not None
    n = len(m.periods)
    where = span(n, period, lang)
    pct = _pct(t.gmv_delta, t.plan_gmv)
    effects = round_to_sum(t.gmv_effects, t.gmv_delta)
    ranked = sorted((k for k in effects if effects[k] != 0), key=lambda k: -abs(effects[k]))
    sep = "，" if lang == "zh" else ", "
    listed = sep.join(f"{word(k, lang)} {signed_money(effects[k], lang, currency)}" for k in ranked)
    if round(t.gmv_delta, 2) == 0:
        line = text("review.verdict_on_plan", lang, span=where)
    else:
        code = "review.verdict_above" if t.gmv_delta > 0 else "review.verdict_below"
        line = text(
            code,
            lang,
            amount=money(abs(t.gmv_delta), lang, currency),
            pct=signed_pct(pct),
            span=where,
            effects=listed,
        )
    if round(t.contribution_delta, 2) != 0:
        direction = text("review.above" if t.contribution_delta > 0 else "review.below", lang)
        line += (" " if lang != "zh" else "") + text(
            "review.verdict_contribution",
            lang,
            amount=money(abs(t.contribution_delta), lang, currency),
            direction=direction,
        )
    return line


def _dates(p: PeriodReview, lang: str) -> str:
    if p.start == p.end:
        return p.start.isoformat()
    return f"{p.start.isoformat()}..{p.end.isoformat()[5:]}"


def period_rows(m: MerchantReview, model: str, lang: str, currency: str) -> list[list[str]]:
    """Period, dates, sessions, plan/actual/Δ GMV, Δ%, plan/actual/Δ profit; the total last."""
    rows = []
    for p in m.periods:
        r: ModelReview | None = getattr(p, model)
        if r is None:
            continue
        rows.append(
            [
                str(p.period),
                _dates(p, lang),
                magnitude(p.rows, lang),
                money(r.plan.result.gmv, lang, currency),
                money(r.actual.result.gmv, lang, currency),
                signed_money(r.gmv_delta, lang, currency),
                signed_pct(_pct(r.gmv_delta, r.plan.result.gmv)),
                money(r.plan.result.contribution, lang, currency),
                money(r.actual.result.contribution, lang, currency),
                signed_money(r.contribution_delta, lang, currency),
            ]
        )
    t: TotalReview = getattr(m, model)
    rows.append(
        [
            word("total", lang),
            f"{m.periods[0].start.isoformat()}..{m.periods[-1].end.isoformat()[5:]}",
            magnitude(sum(p.rows for p in m.periods), lang),
            money(t.plan_gmv, lang, currency),
            money(t.actual_gmv, lang, currency),
            signed_money(t.gmv_delta, lang, currency),
            signed_pct(_pct(t.gmv_delta, t.plan_gmv)),
            money(t.plan_contribution, lang, currency),
            money(t.actual_contribution, lang, currency),
            signed_money(t.contribution_delta, lang, currency),
        ]
    )
    return rows


PERIOD_HEADERS = (
    "col.period",
    "col.dates",
    "col.rows",
    "col.plan_gmv",
    "col.actual_gmv",
    "col.gmv_delta",
    "col.pct",
    "col.plan_contribution",
    "col.actual_contribution",
    "col.contribution_delta",
)


def effect_rows(
    m: MerchantReview, model: str, kind: str, lang: str, currency: str
) -> tuple[list[str], list[list[str]]]:
    """Rows: one per factor (kind "gmv") or contribution line, the effect in each period, then
    the total. Header: period numbers then Total."""
    from gmvcli.review.results import CONTRIBUTION_LINES, FACTORS

    keys = FACTORS[model] if kind == "gmv" else CONTRIBUTION_LINES
    columns: list[dict[str, float]] = []
    header: list[str] = []
    for p in m.periods:
        r: ModelReview | None = getattr(p, model)
        if r is None:
            continue
        if kind == "gmv":
            columns.append(round_to_sum(r.gmv_effects, r.gmv_delta))
        else:
            columns.append(round_to_sum(r.contribution_effects, r.contribution_delta))
        header.append(str(p.period))
    t: TotalReview = getattr(m, model)
    if kind == "gmv":
        columns.append(round_to_sum(t.gmv_effects, t.gmv_delta))
    else:
        columns.append(round_to_sum(t.contribution_effects, t.contribution_delta))
    header.append(word("total", lang))
    rows = [[word(k, lang)] + [signed_money(c[k], lang, currency) for c in columns] for k in keys]
    return header, rows


def notes(m: MerchantReview, lang: str) -> list[str]:
    return [text(code, lang, **dict(params)) for code, params in m.notes]


# --- table ----------------------------------------------------------------------------------------


def _width(cells: list[str]) -> int:
    from rich.cells import cell_len

    return max((max(cell_len(line) for line in c.split("\n")) for c in cells), default=0)


def _fit_columns(header: list[str], rows: list[list[str]], width: int) -> list[list[int]]:
    """Groups of column indices (the first column repeated in each) whose table fits `width`:
    a figure is never cut, the table is split instead."""
    widths = [_width([h, *(r[i] for r in rows)]) for i, h in enumerate(header)]
    # rich's SIMPLE_HEAD box without edge padding: one space at each edge, three between columns
    groups: list[list[int]] = []
    current = [0]
    used = widths[0] + 2
    for i in range(1, len(header)):
        if used + 3 + widths[i] > width and len(current) > 1:
            groups.append(current)
            current, used = [0], widths[0] + 2
        current.append(i)
        used += 3 + widths[i]
    groups.append(current)
    return groups


def _rich_tables(
    header: list[str],
    rows: list[list[str]],
    width: int,
    bold_last: bool = True,
    parts: list[list[int]] | None = None,
) -> list[Any]:
    """One table when it fits `width`; else the `parts` (column groups that belong together),
    each split further only if it still does not fit. A figure is never cut."""
    from rich import box
    from rich.table import Table

    groups = [list(range(len(header)))]
    if parts and _needed(header, rows) > width:
        groups = parts
    fitted: list[list[int]] = []
    for g in groups:
        sub_header = [header[i] for i in g]
        sub_rows = [[r[i] for i in g] for r in rows]
        fitted += [[g[i] for i in sub] for sub in _fit_columns(sub_header, sub_rows, width)]
    out = []
    for group in fitted:
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
        for n, i in enumerate(group):
            table.add_column(header[i], justify="left" if n == 0 else "right", no_wrap=True)
        for k, r in enumerate(rows):
            style = "bold" if bold_last and k == len(rows) - 1 else None
            table.add_row(*(r[i] for i in group), style=style)
        out.append(table)
    return out


def review_renderables(r: Review, lang: str, width: int) -> list[Any]:
    from rich.console import Group
    from rich.text import Text

    from gmvcli.errors import safe_text

    cur = r.currency
    out: list[Any] = [Text(safe_text(r.name), style="bold underline")]
    out.append(
        Text(f"{word('title', lang)} · {word('sessions_from', lang)} {safe_text(r.actuals)}")
    )
    for m in r.merchants:
        for model in ("content", "shelf"):
            if getattr(m, model) is None:
                continue
            parts: list[Any] = [
                Text(
                    f"{safe_text(m.name)} [{safe_text(m.id)}] · {label(model, lang)}", style="bold"
                )
            ]
            header = [word(k, lang) for k in PERIOD_HEADERS]
            parts += _rich_tables(
                header,
                period_rows(m, model, lang, cur),
                width,
                parts=[[0, 1, 2, 3, 4, 5, 6], [0, 7, 8, 9]],
            )
            for kind, title in (("gmv", "col.factor"), ("contribution", "col.line")):
                eh, rows = effect_rows(m, model, kind, lang, cur)
                names = [word(title, lang)] + [
                    f"{label('period', lang)} {h}"
                    if h.isdigit() and lang != "zh"
                    else (f"第{h}期" if h.isdigit() else h)
                    for h in eh
                ]
                if len(names) - 1 > 2 and _needed(names, rows) > width:
                    # too many periods for the width: the total alone
                    names = [names[0], names[-1]]
                    rows = [[row[0], row[-1]] for row in rows]
                parts += _rich_tables(names, rows, width, bold_last=False)
            parts.append(Text(verdict(m, model, r.period, lang, cur), style="bold"))
            out.append(Group(*parts))
        for n in notes(m, lang):
            out.append(Text(text("review.note_line", lang, text=n), style="dim"))
        out.append(Text(""))
    return out


def _needed(header: list[str], rows: list[list[str]]) -> int:
    widths = [_width([h, *(r[i] for r in rows)]) for i, h in enumerate(header)]
    return sum(widths) + 3 * (len(widths) - 1) + 2


def render_table(r: Review, lang: str, width: int, color: bool) -> str:
    import io

    from rich.console import Console

    console = Console(
        file=io.StringIO(),
        width=width,
        color_system="standard" if color else None,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
    )
    for item in review_renderables(r, lang, width):
        console.print(item)
    out: str = console.file.getvalue()  # type: ignore[attr-defined]
    return out


# --- markdown -------------------------------------------------------------------------------------


def render_markdown(r: Review, lang: str) -> str:
    from gmvcli.render.markdown import esc

    def table(header: list[str], rows: list[list[str]]) -> list[str]:
        lines = ["| " + " | ".join(esc(h) for h in header) + " |"]
        lines.append("|" + "|".join([":--"] + ["--:"] * (len(header) - 1)) + "|")
        lines += ["| " + " | ".join(esc(c) for c in row) + " |" for row in rows]
        return [*lines, ""]

    cur = r.currency
    lines = [f"## {esc(r.name)}", "", f"{word('title', lang)} · {word('sessions_from', lang)} "
             f"{esc(r.actuals)}", ""]  # fmt: skip
    for m in r.merchants:
        for model in ("content", "shelf"):
            if getattr(m, model) is None:
                continue
            lines += [f"### {esc(m.name)} [{esc(m.id)}] · {label(model, lang)}", ""]
            lines += table(
                [word(k, lang) for k in PERIOD_HEADERS], period_rows(m, model, lang, cur)
            )
            for kind, title in (("gmv", "col.factor"), ("contribution", "col.line")):
                eh, rows = effect_rows(m, model, kind, lang, cur)
                lines += table([word(title, lang), *eh], rows)
            lines += [f"**{esc(verdict(m, model, r.period, lang, cur))}**", ""]
        lines += [f"- {esc(n)}" for n in notes(m, lang)]
        if m.notes:
            lines.append("")
    return "\n".join(lines)


# --- csv ------------------------------------------------------------------------------------------

CSV_COLUMNS = (
    "file", "actuals", "merchant", "model", "period", "start", "end", "rows",
    "plan_uv", "actual_uv", "plan_gmv", "actual_gmv", "gmv_delta", "gmv_delta_pct",
    "plan_contribution", "actual_contribution", "contribution_delta",
    "effect_uv", "effect_watch_minutes", "effect_orders_per_minute", "effect_conversion_rate",
    "effect_aov", "effect_repurchase_frequency",
    "effect_net_gmv", "effect_traffic", "effect_commission", "effect_promotion",
    "effect_content", "effect_goods", "effect_rebate",
)  # fmt: skip


def csv_rows(r: Review) -> list[dict[str, Any]]:
    """Long format: one row per merchant, model and period, then its total (period "total")."""
    out: list[dict[str, Any]] = []
    for m in r.merchants:
        data = merchant_review_data(m)
        for model in ("content", "shelf"):
            if data["total"][model] is None:
                continue
            base = {"file": r.file, "actuals": r.actuals, "merchant": m.id, "model": model}
            for p in data["periods"]:
                x = p[model]
                if x is None:
                    continue
                row = dict(base, period=p["period"], start=p["start"], end=p["end"], rows=p["rows"])
                row.update(
                    plan_uv=x["plan"]["uv"],
                    actual_uv=x["actual"]["uv"],
                    plan_gmv=x["plan"]["gmv"],
                    actual_gmv=x["actual"]["gmv"],
                    gmv_delta=x["gmv_delta"],
                    gmv_delta_pct=x["gmv_delta_pct"],
                    plan_contribution=x["plan"]["contribution"],
                    actual_contribution=x["actual"]["contribution"],
                    contribution_delta=x["contribution_delta"],
                )
                row.update({f"effect_{k}": v for k, v in x["gmv_effects"].items()})
                row.update({f"effect_{k}": v for k, v in x["contribution_effects"].items()})
                out.append(row)
            t = data["total"][model]
            row = dict(base, period="total", start=data["periods"][0]["start"],
                       end=data["periods"][-1]["end"], rows=sum(p["rows"] for p in data["periods"]))  # fmt: skip
            row.update(
                plan_gmv=t["plan_gmv"],
                actual_gmv=t["actual_gmv"],
                gmv_delta=t["gmv_delta"],
                gmv_delta_pct=t["gmv_delta_pct"],
                plan_contribution=t["plan_contribution"],
                actual_contribution=t["actual_contribution"],
                contribution_delta=t["contribution_delta"],
            )
            row.update({f"effect_{k}": v for k, v in t["gmv_effects"].items()})
            row.update({f"effect_{k}": v for k, v in t["contribution_effects"].items()})
            out.append(row)
    return out


def render_csv(reviews: list[Review]) -> str:
    from gmvcli.render.csv import cell

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in reviews:
        for row in csv_rows(r):
            writer.writerow([cell(row.get(c)) for c in CSV_COLUMNS])
    return buffer.getvalue()


# --- fit ------------------------------------------------------------------------------------------

_FIT_MONEY = frozenset({"aov", "public_cost_per_uv", "traffic_cost_per_uv"})
_FIT_RATES = frozenset(
    {"orders_per_minute", "conversion_rate", "refund_rate", "follow_rate", "reach_rate"}
)


def fit_value(path: str, value: float | None, lang: str) -> str:
    """A fitted value as the field is shown: ¥ for money, % for rates, 万 in zh for counts."""
    if value is None:
        return "—"
    key = path.rsplit(".", 1)[-1]
    if key in _FIT_RATES:
        return percent(value) if value >= 0.01 else f"{value * 100:.3g}%"
    if key in _FIT_MONEY:
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
        rows.append([x.path, fit_value(x.path, x.value, lang), interval, str(x.rows), x.written])
    return rows


def render_fit(f: Fit, lang: str, width: int, color: bool) -> str:
    import io

    from rich.console import Console
    from rich.text import Text

    from gmvcli.errors import safe_text

    console = Console(
        file=io.StringIO(),
        width=width,
        color_system="standard" if color else None,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
    )
    rows = text("review.rows", lang, count=f.rows)
    head = f"{safe_text(f.merchant)} · {rows} · {f.first}..{f.last} · {safe_text(f.actuals)}"
    console.print(Text(head, style="bold"))
    if not f.fields:
        console.print(text("fit.no_fields", lang))
    else:
        header = [word(k, lang) for k in ("fit.field", "fit.value", "fit.interval", "fit.rows",
                                          "fit.written_as")]  # fmt: skip
        for table in _rich_tables(header, fit_rows(f, lang), width, bold_last=False):
            console.print(table)
    return str(console.file.getvalue())  # type: ignore[attr-defined]
