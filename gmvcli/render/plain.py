"""A fast path for printing rich renderables without colour: the same characters rich would print,
at a fraction of its cost (issue 11 item 12).

rich lays out each table with measuring, wrapping and cropping passes that cost about 5 ms per
merchant table, so 10⁴ merchants took minutes where JSON takes seconds. Tables of the shape our
renderers use (box SIMPLE_HEAD, no outer padding, one line per cell, fitting the width) and lines of
text that need no wrapping are written here directly; anything else — colour, a table that must
shrink or wrap, other boxes, titles — goes to rich as before. tests/hostile/test_scale.py checks
that both print the same characters for every shipped scenario and width.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text


def print_renderable(console: Console, renderable: Any) -> None:
    """Print `renderable` on `console`: directly when the fast path applies, else through rich."""
    if isinstance(renderable, Group) and console.no_color:
        for part in renderable.renderables:  # a group prints its parts one after the other
            print_renderable(console, part)
        return
    text = _plain(renderable, console) if console.no_color else None
    if text is None:
        console.print(renderable)
    else:
        console.file.write(text)


def _plain(renderable: Any, console: Console) -> str | None:
    if isinstance(renderable, Text):
        return _text(renderable, console.width)
    if isinstance(renderable, Group):
        parts = [_plain(r, console) for r in renderable.renderables]
        return None if any(p is None for p in parts) else "".join(p or "" for p in parts)
    if isinstance(renderable, Table):
        return _table(renderable, console)
    return None


@lru_cache(maxsize=4096)
def _wrapped(text: str, width: int, console: Console) -> tuple[str, ...]:
    """The lines rich wraps a left-justified cell into, each padded to `width` (labels repeat for
    every merchant: wrapped once)."""
    lines = Text(text).wrap(console, width, justify="left", overflow="ellipsis")
    return tuple(line.plain + " " * (width - cell_len(line.plain)) for line in lines)


def _text(text: Text, width: int) -> str | None:
    plain = text.plain
    if "\n" in plain or "\t" in plain or text.justify not in (None, "default", "left"):
        return None
    if cell_len(plain) > width or text.end != "\n":
        return None  # rich would wrap it
    if plain != plain.rstrip(" "):
        return None  # trailing spaces: leave them to rich
    return plain + "\n"


def _cell(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, Text) and value.justify in (None, "default"):
        return value.plain
    return None


def _table(table: Table, console: Console) -> str | None:
    width = console.width
    if (
        table.box is not box.SIMPLE_HEAD
        or table.pad_edge
        or not table.show_edge
        or not table.show_header
        or table.show_footer
        or table.show_lines
        or table.leading
        or table.collapse_padding
        or table.expand
        or table.caption is not None
        or (table.title is not None and table.title_justify != "left")
        or table.width is not None
        or table.min_width is not None
        or tuple(table.padding) != (0, 1, 0, 1)
        or not table.columns
    ):
        return None
    columns = []
    for column in table.columns:
        if (
            column.width is not None
            or column.min_width is not None
            or column.max_width is not None
            or column.ratio is not None
            or column.justify not in ("left", "right", "default")
            or column.overflow != "ellipsis"
        ):
            return None
        found = [_cell(column.header), *(_cell(c) for c in column._cells)]
        cells = [c for c in found if c is not None and "\n" not in c and "\t" not in c]
        if len(cells) != len(found):
            return None
        columns.append((column.justify, cells))
    last = len(columns) - 1
    widths = []
    for i, (_, texts) in enumerate(columns):
        padding = (1 if i > 0 else 0) + (1 if i < last else 0)
        widths.append(max(cell_len(c) for c in texts) + padding)
    total = sum(widths) + len(widths) + 1  # the two edges and the separators between columns
    wrap = False
    if total > width:
        # rich narrows the one column that may wrap (the labels) by the excess, as
        # Table._collapse_widths does; if that is not enough it would cut figures: leave it to rich
        wrapable = [i for i, c in enumerate(table.columns) if not c.no_wrap]
        excess = total - width
        if wrapable != [0] or columns[0][0] != "left" or widths[0] - excess < 2:
            return None
        widths[0] -= excess
        total = width
        wrap = True
    lines = []
    if table.title is not None:
        title = _cell(table.title)
        if title is None or "\n" in title or cell_len(title) > total:
            return None  # rich would wrap the title
        lines.append(title + " " * (total - cell_len(title)))
    lines.append(" " * total)
    n_rows = len(columns[0][1])
    sections = {i + 1 for i, row in enumerate(table.rows) if row.end_section}
    for r in range(n_rows):
        first = [columns[0][1][r]]
        if wrap:
            first = list(_wrapped(first[0], widths[0] - (1 if last else 0), console))
        for k, label in enumerate(first):
            out = [" "]
            for i, (justify, texts) in enumerate(columns):
                content = label if i == 0 else (texts[r] if k == 0 else "")
                inner = widths[i] - (1 if i > 0 else 0) - (1 if i < last else 0)
                gap = " " * (inner - cell_len(content))
                body = gap + content if justify == "right" else content + gap
                out.append((" " if i > 0 else "") + body + (" " if i < last else ""))
                out.append(" ")
            lines.append("".join(out))
        if r in sections and r < n_rows - 1:
            lines.append(" " * total)
        if r == 0:
            lines.append(" " + "─" * (total - 2) + " ")
    lines.append(" " * total)
    return "\n".join(lines) + "\n"
