"""Lines and grids (gmvcli.render.grid) as rich renderables, for a colour terminal — and for the
rare table the plain layout leaves to rich. Imported only then: rich is slow to import."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from rich import box
from rich.console import Console, JustifyMethod, OverflowMethod
from rich.table import Table
from rich.text import Text

from gmvcli.render.grid import Cell, Grid, Line


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


def text(cell: Cell, style: str | None = None) -> Text | str:
    if isinstance(cell, str):
        return cell if style is None else Text(cell, style=style)
    return Text.assemble(*((t, s or "") for t, s in cell.pieces), style=style or "")


def table(grid: Grid) -> Table:
    title = None if grid.title is None else renderable(grid.title)
    out = Table(box=box.SIMPLE_HEAD, pad_edge=False, title=title, title_justify="left")
    for c in grid.columns:
        justify: JustifyMethod = "right" if c.justify == "right" else "left"
        overflow: OverflowMethod = "fold" if c.overflow == "fold" else "ellipsis"
        out.add_column(
            c.header,
            justify=justify,
            width=c.width,
            min_width=c.min_width,
            no_wrap=c.no_wrap,
            overflow=overflow,
        )
    styles = grid.styles
    for r, row in enumerate(grid.rows):
        if r in grid.breaks:
            out.add_section()
        out.add_row(*(text(cell) for cell in row), style=styles[r] if styles else None)
    return out


def renderable(block: Any) -> Any:
    """A rich renderable for a line or a grid; anything else is one already."""
    if isinstance(block, Line):
        made = text(block.text, block.style)
        return Text(made) if isinstance(made, str) else made
    if isinstance(block, Grid):
        return table(block)
    return block


def print_rich(blocks: Iterable[Any], width: int, color: bool) -> str:
    printer = console(width, color)
    for block in blocks:
        printer.print(renderable(block))
    return str(printer.file.getvalue())  # type: ignore[attr-defined]
