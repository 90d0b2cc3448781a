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
        return _text(renderable, console.width) or _text_wrapped(renderable, console)
    if isinstance(renderable, Group):
        parts = [_plain(r, console) for r in renderable.renderables]
        return None if any(p is None for p in parts) else "".join(p or "" for p in parts)
    if isinstance(renderable, Table):
        return _table(renderable, console)
    return None


@lru_cache(maxsize=8192)
def _wrapped(text: str, width: int, justify: str, console: Console) -> tuple[str, ...]:
    """The lines rich wraps a cell into at `width`, each padded to `width` as `justify` says
    (labels repeat for every merchant: each is wrapped once)."""
    lines = Text(text).wrap(console, width, justify=justify, overflow="ellipsis")  # type: ignore[arg-type]
    return tuple(line.plain + " " * (width - cell_len(line.plain)) for line in lines)


def _lines(text: str, width: int, justify: str, console: Console) -> tuple[str, ...]:
    """A cell's lines at `width`, padded: one line when it fits, else as rich wraps it."""
    if "\n" not in text:
        gap = width - cell_len(text)
        if gap >= 0:
            return (" " * gap + text if justify == "right" else text + " " * gap,)
    return _wrapped(text, width, justify, console)


def _text(text: Text, width: int) -> str | None:
    plain = text.plain
    if "\n" in plain or "\t" in plain or text.justify not in (None, "default", "left"):
        return None
    if cell_len(plain) > width or text.end != "\n":
        return None  # rich would wrap it
    if plain != plain.rstrip(" "):
        return None  # trailing spaces: leave them to rich
    return plain + "\n"


def _text_wrapped(text: Text, console: Console) -> str | None:
    """A line longer than the width (a verdict), wrapped as rich wraps it, without rich's
    rendering pipeline around it (that cost ~0.2 ms a line, for every merchant). Styles do not
    matter: this path prints only without colour."""
    plain = text.plain
    if "\n" in plain or "\t" in plain or text.justify not in (None, "default", "left"):
        return None
    if text.end != "\n" or text.overflow not in (None, "fold"):
        return None
    lines = Text(plain).wrap(console, console.width, overflow="fold")
    return "".join(line.plain + "\n" for line in lines)


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
    last = len(table.columns) - 1
    pads = [(1 if i > 0 else 0) + (1 if i < last else 0) for i in range(last + 1)]
    columns: list[tuple[str, list[str]]] = []
    widths: list[int] = []
    for i, column in enumerate(table.columns):
        if (
            column.max_width is not None
            or column.ratio is not None
            or column.justify not in ("left", "right")
            or column.overflow != "ellipsis"
            or column.vertical != "top"
        ):
            return None
        found = [_cell(column.header), *(_cell(c) for c in column._cells)]
        cells = [c for c in found if c is not None and "\t" not in c]
        if len(cells) != len(found):
            return None
        columns.append((column.justify, cells))
        # as rich measures a column: a fixed width, or the longest line, at least min_width
        if column.width is not None:
            widths.append(column.width + pads[i])
        else:
            longest = max(cell_len(line) for c in cells for line in c.split("\n"))
            widths.append(max(longest, column.min_width or 0) + pads[i])
    total = sum(widths) + len(widths) + 1  # the two edges and the separators between columns
    if total > width:
        # rich narrows the one column that may wrap (the labels) by the excess, as
        # Table._collapse_widths does; if that is not enough it would cut figures: leave it to rich
        wrapable = [i for i, c in enumerate(table.columns) if c.width is None and not c.no_wrap]
        excess = total - width
        narrowest = max(2, (table.columns[0].min_width or 0) + pads[0])
        if wrapable != [0] or widths[0] - excess < narrowest:
            return None
        widths[0] -= excess
        total = width
    lines = []
    if table.title is not None:
        title = _cell(table.title)
        if title is None or "\n" in title or cell_len(title) > total:
            return None  # rich would wrap the title
        lines.append(title + " " * (total - cell_len(title)))
    lines.append(" " * total)
    n_rows = len(columns[0][1])
    sections = {i + 1 for i, row in enumerate(table.rows) if row.end_section}
    inner = [w - p for w, p in zip(widths, pads, strict=True)]
    for r in range(n_rows):
        parts = [
            _lines(texts[r], inner[i], justify, console)
            for i, (justify, texts) in enumerate(columns)
        ]
        height = max(len(p) for p in parts)
        if r == 0:  # rich aligns the header row at the bottom, the others at the top
            parts = [(" " * inner[i],) * (height - len(p)) + p for i, p in enumerate(parts)]
        for k in range(height):
            out = [" "]
            for i, part in enumerate(parts):
                body = part[k] if k < len(part) else " " * inner[i]
                out.append((" " if i > 0 else "") + body + (" " if i < last else ""))
                out.append(" ")
            lines.append("".join(out))
        if r in sections and r < n_rows - 1:
            lines.append(" " * total)
        if r == 0:
            lines.append(" " + "─" * (total - 2) + " ")
    lines.append(" " * total)
    return "\n".join(lines) + "\n"
