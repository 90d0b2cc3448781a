"""Compare and forecast as terminal tables: lines and grids (gmvcli.render.grid), printed without
rich when there is no colour. Imported only when the table format is asked for; returns text so
the CLI prints once."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from gmvcli.compare import ScenarioResult
from gmvcli.errors import safe_text
from gmvcli.i18n import label, magnitude, money
from gmvcli.render import words
from gmvcli.render.grid import Block, Cell, Col, Line, Styled, fitted, print_blocks

if TYPE_CHECKING:
    from gmvcli.forecast import ScenarioForecast  # types only: compare's tables never load it

__all__ = ["Cell", "Col", "fitted"]

_BLOCKS = " ▁▂▃▄▅▆▇█"


def _heading(name: str) -> Line:
    return Line(safe_text(name), "bold underline")


def compare_renderables(result: ScenarioResult, lang: str, width: int = 80) -> list[Block]:
    out: list[Block] = [_heading(result.name)]
    key_rows = {label(k, lang) for k in words.KEY_ROWS}
    for m in result.merchants:
        # the merchant's name as a line of its own: a table title would wrap at the table's width
        heading = Line(words.title(m.name, m.role, lang), "bold")
        columns = [Col(label("metric", lang), figure=False, justify="left")]
        present = [m.shelf is not None, m.content is not None, m.comparison is not None]
        for key, shown in zip(("shelf", "content", "delta"), present, strict=True):
            if shown:
                columns.append(Col(label(key, lang)))
        rows: list[list[Cell]] = []
        styles: list[str | None] = []
        keep = [0, *(k + 1 for k, p in enumerate(present) if p)]  # the label, then each model
        for row in words.model_rows(m, lang, result.currency):
            rows.append(list(row) if len(keep) == 4 else [row[k] for k in keep])
            styles.append("bold" if row[0] in key_rows else None)
        parts: list[Block] = [heading, *fitted(columns, rows, width, styles=styles)]
        drivers = words.drivers_line(m, lang)
        if drivers:
            parts.append(Line(drivers))
        parts.append(Line(words.verdict(m, lang, result.currency, result.period), "bold"))
        out += [*parts, Line("")]
    return out


def render_compare(results: Iterable[ScenarioResult], lang: str, width: int, color: bool) -> str:
    return print_blocks(
        (r for res in results for r in compare_renderables(res, lang, width)), width, color
    )


def sparkline(values: list[float]) -> str:
    """One block character per value, scaled between the smallest and largest."""
    if not values:
        return ""
    low, high = min(values), max(values)
    span = high - low
    if span == 0:
        return _BLOCKS[4] * len(values)
    return "".join(_BLOCKS[1 + round((v - low) / span * 7)] for v in values)


def forecast_renderables(result: ScenarioForecast, lang: str, width: int = 80) -> list[Block]:
    """Per period GMV, profit, fans and the cumulative advantage; bars when there is room."""
    out: list[Block] = [_heading(result.name)]
    for m in result.merchants:
        if m.error is not None:
            continue
        # the merchant's name as a line of its own: a table title would wrap at the table's width
        heading = Line(words.title(m.name, m.role, lang), "bold")
        has_shelf = m.shelf_totals is not None
        has_content = m.content_totals is not None
        columns = [Col(label("period", lang), repeat=True)]
        for key, present in (
            ("col.shelf_gmv", has_shelf),
            ("col.content_gmv", has_content),
            ("col.shelf_contribution", has_shelf),
            ("col.content_contribution", has_content),
            ("fans", has_content),
        ):
            if present:
                columns.append(Col(label(key, lang)))
        both = has_shelf and has_content
        show_bars = both and width >= 120
        if both:
            columns.append(Col(label("col.cumulative", lang)))
        if show_bars:
            columns.append(Col("", justify="left"))
        advantages = m.cumulative_advantage()
        bars = _bars(advantages)
        cur = result.currency
        rows: list[list[Cell]] = []
        for p, adv, bar in zip(m.periods, advantages, bars, strict=True):
            cells: list[Cell] = [str(p.period)]
            if p.shelf is not None:
                cells.append(money(p.shelf.gmv, lang, cur))
            if p.content is not None:
                cells.append(money(p.content.gmv, lang, cur))
            if p.shelf is not None:
                cells.append(money(p.shelf.contribution, lang, cur))
            if p.content is not None:
                cells.append(money(p.content.contribution, lang, cur))
                cells.append(magnitude(p.fans_end or 0.0, lang))
            if both:
                cells.append(money(adv, lang, cur))
            if show_bars:
                cells.append(bar)
            rows.append(cells)
        parts: list[Block] = [heading, *fitted(columns, rows, width)]
        if both:
            spark = sparkline([p.content.contribution for p in m.periods if p.content])
            name = label("col.content_contribution", lang).replace("\n", " ")
            parts.append(Line(f"{name}: {spark}"))
        parts.append(Line(words.forecast_verdict(m, lang, cur, result.period), "bold"))
        out += [*parts, Line("")]
    return out


def _bars(values: list[float], width: int = 8) -> list[Styled]:
    """A signed bar per value: green to the right when content is ahead, red to the left."""
    top = max((abs(v) for v in values), default=0.0)
    left = width if any(v < 0 for v in values) else 0
    bars = []
    for v in values:
        n = 0 if top == 0 else round(abs(v) / top * width)
        if v >= 0:
            bars.append(Styled(((" " * left + "│", None), ("█" * n, "green"))))
        else:
            bars.append(Styled(((" " * (left - n), None), ("█" * n, "red"), ("│", None))))
    return bars


def render_forecast(results: Iterable[ScenarioForecast], lang: str, width: int, color: bool) -> str:
    return print_blocks(
        (r for res in results for r in forecast_renderables(res, lang, width)), width, color
    )
