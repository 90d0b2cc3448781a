"""What the review's table and markdown both say: the verdict, the rows of the period table and of
the effect tables, the notes, in the run's language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gmvcli.i18n import magnitude, money, percent
from gmvcli.render.review.data import percent_change
from gmvcli.review.lmdi import round_to_sum
from gmvcli.review.messages import text
from gmvcli.review.results import CONTRIBUTION_LINES, FACTORS

if TYPE_CHECKING:
    from gmvcli.review.results import MerchantReview, ModelReview, PeriodReview, TotalReview


def word(key: str, lang: str) -> str:
    """A word of the review table, from the catalogue (`review.word.KEY`)."""
    return text(f"review.word.{key}", lang)


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
    pct = percent_change(t.gmv_delta, t.plan_gmv)
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
                signed_pct(percent_change(r.gmv_delta, r.plan.result.gmv)),
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
            signed_pct(percent_change(t.gmv_delta, t.plan_gmv)),
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


#: the effect tables of a model, in order: the row whose change each explains (by factor of GMV, or
#: by contribution line), and the heading of its lines
EFFECT_TABLES: tuple[tuple[str, str], ...] = (("gmv", "col.factor"), ("contribution", "col.line"))


def effect_rows(
    m: MerchantReview, model: str, kind: str, lang: str, currency: str
) -> tuple[list[str], list[list[str]]]:
    """Rows: one per factor (kind "gmv") or contribution line, the effect in each period, then
    the total. Header: period numbers then Total."""
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


def effect_tables(
    m: MerchantReview, model: str, lang: str, currency: str
) -> list[tuple[str, list[str], list[list[str]]]]:
    """Each effect table of a model (EFFECT_TABLES): its first column's heading, its column
    headers (period numbers, then Total) and its rows."""
    return [
        (word(title, lang), *effect_rows(m, model, kind, lang, currency))
        for kind, title in EFFECT_TABLES
    ]


def period_heading(h: str, lang: str) -> str:
    """An effect table's column: "Period 2" / 第2期 for a period number, else as given (Total)."""
    if not h.isdigit():
        return h
    from gmvcli.i18n import label

    return f"第{h}期" if lang == "zh" else f"{label('period', lang)} {h}"


def notes(m: MerchantReview, lang: str) -> list[str]:
    return [text(code, lang, **dict(params)) for code, params in m.notes]
