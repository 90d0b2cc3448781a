"""Rich tables for the terminal. Imported only when the table format is asked for (rich is slow to
import); returns text so the CLI prints once."""

from __future__ import annotations

import io
from collections.abc import Iterable

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from gmvcli.compare import ScenarioResult
from gmvcli.errors import safe_text
from gmvcli.forecast import ScenarioForecast
from gmvcli.i18n import label, magnitude, money
from gmvcli.render import words

_BLOCKS = " ▁▂▃▄▅▆▇█"


def _console(width: int, color: bool) -> Console:
    return Console(
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


def _print(renderables: Iterable[RenderableType], width: int, color: bool) -> str:
    console = _console(width, color)
    for renderable in renderables:
        console.print(renderable)
    out = console.file.getvalue()  # type: ignore[attr-defined]
    return str(out)


def _heading(name: str) -> Text:
    return Text(safe_text(name), style="bold underline")


def compare_renderables(result: ScenarioResult, lang: str) -> list[RenderableType]:
    out: list[RenderableType] = [_heading(result.name)]
    for m in result.merchants:
        # the merchant's name as a line of its own: a table title would wrap at the table's width
        heading = Text(words.title(m.name, m.role, lang), style="bold")
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
        table.add_column(label("metric", lang))
        for key, model in (("shelf", m.shelf), ("content", m.content), ("delta", None)):
            if key == "delta" and m.comparison is None:
                continue
            if key in ("shelf", "content") and model is None:
                continue
            table.add_column(label(key, lang), justify="right", no_wrap=True)
        for text, shelf, content, delta in words.model_rows(m, lang, result.currency):
            cells = [text]
            if m.shelf is not None:
                cells.append(shelf)
            if m.content is not None:
                cells.append(content)
            if m.comparison is not None:
                cells.append(delta)
            style = "bold" if text in {label(k, lang) for k in words.KEY_ROWS} else None
            table.add_row(*cells, style=style)
        parts: list[RenderableType] = [heading, table]
        drivers = words.drivers_line(m, lang)
        if drivers:
            parts.append(Text(drivers))
        parts.append(Text(words.verdict(m, lang, result.currency, result.period), style="bold"))
        out.append(Group(*parts))
        out.append(Text(""))
    return out


def render_compare(results: Iterable[ScenarioResult], lang: str, width: int, color: bool) -> str:
    return _print((r for res in results for r in compare_renderables(res, lang)), width, color)


def sparkline(values: list[float]) -> str:
    """One block character per value, scaled between the smallest and largest."""
    if not values:
        return ""
    low, high = min(values), max(values)
    span = high - low
    if span == 0:
        return _BLOCKS[4] * len(values)
    return "".join(_BLOCKS[1 + round((v - low) / span * 7)] for v in values)


def forecast_renderables(
    result: ScenarioForecast, lang: str, width: int = 80
) -> list[RenderableType]:
    """Per period GMV, profit, fans and the cumulative advantage; bars when there is room."""
    out: list[RenderableType] = [_heading(result.name)]
    for m in result.merchants:
        if m.error is not None:
            continue
        # the merchant's name as a line of its own: a table title would wrap at the table's width
        heading = Text(words.title(m.name, m.role, lang), style="bold")
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
        has_shelf = m.shelf_totals is not None
        has_content = m.content_totals is not None
        table.add_column(label("period", lang), justify="right", no_wrap=True)
        for key, present in (
            ("col.shelf_gmv", has_shelf),
            ("col.content_gmv", has_content),
            ("col.shelf_contribution", has_shelf),
            ("col.content_contribution", has_content),
            ("fans", has_content),
        ):
            if present:
                table.add_column(label(key, lang), justify="right", no_wrap=True)
        both = has_shelf and has_content
        show_bars = both and width >= 120
        if both:
            table.add_column(label("col.cumulative", lang), justify="right", no_wrap=True)
        if show_bars:
            table.add_column("", no_wrap=True)
        cumulative = 0.0
        advantages = []
        for p in m.periods:
            if p.shelf is not None and p.content is not None:
                cumulative += p.content.contribution - p.shelf.contribution
            advantages.append(cumulative)
        bars = _bars(advantages)
        cur = result.currency
        for p, adv, bar in zip(m.periods, advantages, bars, strict=True):
            cells: list[str | Text] = [str(p.period)]
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
            table.add_row(*cells)
        parts: list[RenderableType] = [heading, table]
        if both:
            spark = sparkline([p.content.contribution for p in m.periods if p.content])
            name = label("col.content_contribution", lang).replace("\n", " ")
            parts.append(Text(f"{name}: {spark}"))
        parts.append(Text(words.forecast_verdict(m, lang, cur, result.period), style="bold"))
        out.append(Group(*parts))
        out.append(Text(""))
    return out


def _bars(values: list[float], width: int = 8) -> list[Text]:
    """A signed bar per value: green to the right when content is ahead, red to the left."""
    top = max((abs(v) for v in values), default=0.0)
    left = width if any(v < 0 for v in values) else 0
    bars = []
    for v in values:
        n = 0 if top == 0 else round(abs(v) / top * width)
        if v >= 0:
            bars.append(Text(" " * left + "│") + Text("█" * n, style="green"))
        else:
            bars.append(Text(" " * (left - n)) + Text("█" * n, style="red") + Text("│"))
    return bars


def render_forecast(results: Iterable[ScenarioForecast], lang: str, width: int, color: bool) -> str:
    return _print(
        (r for res in results for r in forecast_renderables(res, lang, width)), width, color
    )
