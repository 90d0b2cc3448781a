"""Rich tables for the terminal. Imported only when the table format is asked for (rich is slow to
import); returns text so the CLI prints once."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group, JustifyMethod, RenderableType
from rich.table import Table
from rich.text import Text

from gmvcli.compare import ScenarioResult
from gmvcli.errors import safe_text
from gmvcli.forecast import ScenarioForecast
from gmvcli.i18n import label, magnitude, money
from gmvcli.render import words

_BLOCKS = " ▁▂▃▄▅▆▇█"


def console(width: int, color: bool) -> Console:
    """A console that writes to a string: `width` columns, colour only when asked; Chinese lines
    broken by the kinsoku rule."""
    from gmvcli.render.kinsoku import install

    install()
    return Console(
        file=io.StringIO(),
        width=width,
        height=25,  # both given: rich then never asks the terminal (it did, for every cell)
        color_system="standard" if color else None,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
    )


def _print(renderables: Iterable[RenderableType], width: int, color: bool) -> str:
    from gmvcli.render.plain import print_renderable  # rich's characters, faster (issue 11)

    printer = console(width, color)
    for renderable in renderables:
        print_renderable(printer, renderable)
    return str(printer.file.getvalue())  # type: ignore[attr-defined]


class Col(NamedTuple):
    """A column of a fitted table: figures are never cut; labels wrap between words."""

    header: str
    figure: bool = True
    justify: str = "right"
    repeat: bool = False  # drawn in every part of a stacked table (labels always are)


Cell = str | Text


def _len(cell: Cell) -> int:
    return cell.cell_len if isinstance(cell, Text) else cell_len(cell)


def _longest_word(text: str) -> int:
    return max((cell_len(w) for w in text.split()), default=0)


def fitted(
    columns: Sequence[Col],
    rows: Sequence[Sequence[Cell]],
    width: int,
    *,
    styles: Sequence[str | None] | None = None,
    sections: Iterable[int] = (),
    title: Text | None = None,
) -> list[Table]:
    """Rich tables that show every figure whole at `width` (SPEC §7).

    Figure columns get the width of their widest cell (and of their header's longest word);
    label columns take the rest and wrap between words. When the figures alone do not fit, the
    table stacks: the figure columns are split into groups, each drawn with the label columns.
    """
    figure_widths = {
        i: max([_longest_word(c.header), *(_len(r[i]) for r in rows)])
        for i, c in enumerate(columns)
        if c.figure
    }
    label_min = {
        i: min(
            max([cell_len(c.header.replace("\n", " ")), *(_len(r[i]) for r in rows)], default=1),
            max([6, _longest_word(c.header), *(_longest_word(str(r[i])) for r in rows)]),
        )
        for i, c in enumerate(columns)
        if not c.figure
    }
    labels = [i for i, c in enumerate(columns) if not c.figure or c.repeat]
    used = sum(label_min.get(i) or figure_widths[i] for i in labels) + 3 * len(labels) - 1
    groups: list[list[int]] = [[]]
    room = used
    for i in figure_widths:
        if i in labels:
            continue
        need = figure_widths[i] + 3
        if groups[-1] and room + need > width:
            groups.append([])
            room = used
        groups[-1].append(i)
        room += need
    breaks = set(sections)
    tables = []
    label_natural = {
        i: max([cell_len(columns[i].header), *(_len(r[i]) for r in rows)], default=1)
        for i in label_min
    }
    for g, group in enumerate(groups):
        chosen = sorted([*labels, *group])
        # room left once labels have their natural width: headers of figures unwrap into it
        widths = {i: figure_widths[i] for i in chosen if i in figure_widths}
        spare = width - (sum(label_natural.values()) + sum(widths.values()) + 3 * len(chosen) - 1)
        for i in widths:
            lines = columns[i].header.split("\n")
            wanted = max(cell_len(line) for line in lines) if len(lines) > 1 else cell_len(lines[0])
            grow = min(max(0, wanted - widths[i]), max(0, spare))
            widths[i] += grow
            spare -= grow
        table = Table(
            box=box.SIMPLE_HEAD,
            pad_edge=False,
            title=title if g == 0 else None,
            title_justify="left",
        )
        for i in chosen:
            c = columns[i]
            justify: JustifyMethod = "right" if c.justify == "right" else "left"
            if c.figure:
                # as wide as the widest figure; only a header longer than that wraps
                table.add_column(c.header, justify=justify, width=widths[i])
            else:
                table.add_column(c.header, justify=justify, min_width=label_min[i])
        for r, row in enumerate(rows):
            if r in breaks:
                table.add_section()
            table.add_row(*(row[i] for i in chosen), style=styles[r] if styles else None)
        tables.append(table)
    return tables


def _heading(name: str) -> Text:
    return Text(safe_text(name), style="bold underline")


def compare_renderables(result: ScenarioResult, lang: str, width: int = 80) -> list[RenderableType]:
    out: list[RenderableType] = [_heading(result.name)]
    key_rows = {label(k, lang) for k in words.KEY_ROWS}
    for m in result.merchants:
        # the merchant's name as a line of its own: a table title would wrap at the table's width
        heading = Text(words.title(m.name, m.role, lang), style="bold")
        columns = [Col(label("metric", lang), figure=False, justify="left")]
        present = [m.shelf is not None, m.content is not None, m.comparison is not None]
        for key, shown in zip(("shelf", "content", "delta"), present, strict=True):
            if shown:
                columns.append(Col(label(key, lang)))
        rows: list[list[Cell]] = []
        styles: list[str | None] = []
        for text, shelf, content, delta in words.model_rows(m, lang, result.currency):
            values = [shelf, content, delta]
            rows.append([text, *(v for v, shown in zip(values, present, strict=True) if shown)])
            styles.append("bold" if text in key_rows else None)
        parts: list[RenderableType] = [heading, *fitted(columns, rows, width, styles=styles)]
        drivers = words.drivers_line(m, lang)
        if drivers:
            parts.append(Text(drivers))
        parts.append(Text(words.verdict(m, lang, result.currency, result.period), style="bold"))
        out.append(Group(*parts))
        out.append(Text(""))
    return out


def render_compare(results: Iterable[ScenarioResult], lang: str, width: int, color: bool) -> str:
    return _print(
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
        parts: list[RenderableType] = [heading, *fitted(columns, rows, width)]
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
