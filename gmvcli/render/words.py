"""What tables and markdown share: the rows people read, worded and formatted for a language."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from gmvcli.compare import MerchantResult
from gmvcli.engine import ModelResult, main_driver
from gmvcli.errors import safe_text
from gmvcli.forecast import MerchantForecast
from gmvcli.i18n import label, magnitude, message, money, percent, plain, times
from gmvcli.policies import Notice

Getter = Callable[[ModelResult], float | None]


class Line(NamedTuple):
    key: str
    get: Getter
    kind: str  # count | money | percent | plain | ratio
    content_only: bool = False


LINES: tuple[Line, ...] = (
    Line("uv", lambda r: r.uv, "count"),
    Line("private_uv", lambda r: r.private_uv, "count", True),
    Line("public_uv", lambda r: r.public_uv, "count", True),
    Line("bonus_uv", lambda r: r.bonus_uv, "count", True),
    Line("conversion", lambda r: r.conversion, "percent"),
    Line("orders", lambda r: r.orders, "count"),
    Line("aov", lambda r: r.aov, "money"),
    Line("repurchase", lambda r: r.repurchase, "plain"),
    Line("gmv", lambda r: r.gmv, "money"),
    Line("refunds", lambda r: r.refunds, "money"),
    Line("net_gmv", lambda r: r.net_gmv, "money"),
    Line("costs.traffic", lambda r: r.costs.traffic, "money"),
    Line("costs.commission", lambda r: r.costs.commission, "money"),
    Line("costs.promotion", lambda r: r.costs.promotion, "money"),
    Line("costs.content", lambda r: r.costs.content, "money"),
    Line("costs.goods", lambda r: r.costs.goods, "money"),
    Line("costs.total", lambda r: r.costs.total, "money"),
    Line("rebate", lambda r: r.rebate, "money"),
    Line("contribution", lambda r: r.contribution, "money"),
    Line("roi", lambda r: r.roi, "plain"),
)
#: Rows drawn in bold: the answer people came for.
KEY_ROWS = frozenset({"gmv", "net_gmv", "contribution"})


def fmt(value: float | None, kind: str, lang: str, currency: str, signed: bool = False) -> str:
    if value is None:
        return "—"
    if kind == "count":
        text = magnitude(value, lang)
    elif kind == "money":
        text = money(value, lang, currency)
    elif kind == "percent":
        text = percent(value)
    else:
        text = plain(value)
    if signed and value > 0:
        text = "+" + text
    return text


def model_rows(
    m: MerchantResult | tuple[ModelResult | None, ModelResult | None],
    lang: str,
    currency: str,
) -> list[tuple[str, str, str, str]]:
    """(label, shelf, content, Δ) for every line of the table."""
    shelf, content = (m.shelf, m.content) if isinstance(m, MerchantResult) else m
    rows = []
    for line in LINES:
        if line.content_only and content is None:
            continue
        s = None if shelf is None or line.content_only else line.get(shelf)
        c = None if content is None else line.get(content)
        delta = None if (s is None or c is None) else c - s
        rows.append(
            (
                label(line.key, lang),
                "" if line.content_only else fmt(s, line.kind, lang, currency),
                fmt(c, line.kind, lang, currency),
                fmt(delta, line.kind, lang, currency, signed=True) if delta is not None else "",
            )
        )
    return rows


def drivers_line(m: MerchantResult, lang: str) -> str | None:
    """GMV ratio 2.1× = visitors 0.9× · conversion 1.5× · order value 1× · repurchase 1.6×."""
    if m.comparison is None:
        return None
    d = m.comparison.drivers
    parts = [
        f"{label('driver.' + name, lang)} {times(getattr(d, name))}"
        for name in ("uv", "conversion", "aov", "repurchase")
    ]
    return f"{label('drivers', lang)} {times(m.comparison.gmv_ratio)} = " + " · ".join(parts)


def verdict(m: MerchantResult, lang: str, currency: str, period: str) -> str:
    """One sentence: who earns more contribution, by how much, and why GMV differs."""
    if m.comparison is None:
        only = "shelf" if m.shelf is not None else "content"
        return message("verdict.only", lang, model=label(only, lang))
    comparison = m.comparison
    delta = comparison.contribution_delta
    driver = main_driver(comparison.drivers, comparison.gmv_ratio)
    why = ""
    if driver is not None and comparison.gmv_ratio is not None:
        direction = "up" if comparison.gmv_ratio > 1 else "down"
        why = message(f"verdict.why.{direction}", lang, driver=label("driver." + driver, lang))
    key = (
        "verdict.content"
        if delta > 0.005
        else "verdict.shelf"
        if delta < -0.005
        else "verdict.even"
    )
    return message(
        key,
        lang,
        money=money(abs(delta), lang, currency),
        per=label(f"per.{period}", lang),
        ratio=times(comparison.gmv_ratio),
        why=why,
    )


def title(name: str, role: str | None, lang: str) -> str:
    text = safe_text(name)
    if role:
        text += f" · {label('role.' + role, lang)}"
    return text


def notice_text(n: Notice, lang: str) -> str:
    return message(n.key, lang, **dict(n.params))


def forecast_verdict(m: MerchantForecast, lang: str, currency: str, period: str) -> str:
    """When content overtakes shelf, and how far ahead (or behind) it is at the end."""
    if m.shelf_totals is None or m.content_totals is None:
        only = "shelf" if m.shelf_totals is not None else "content"
        return message("verdict.only", lang, model=label(only, lang))
    n = len(m.periods)
    gap = m.content_totals.contribution - m.shelf_totals.contribution
    unit = label(f"unit.{period}", lang)
    params = {"unit": unit, "n": n, "money": money(abs(gap), lang, currency)}
    if m.crossover is None:
        return message("forecast.never", lang, **params)
    key = "forecast.first" if m.crossover == 1 else "forecast.overtakes"
    if gap < 0:
        key = "forecast.falls_back"
    return message(key, lang, t=m.crossover, **params)
