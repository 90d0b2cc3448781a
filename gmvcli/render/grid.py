"""Tables and lines as plain data, printed without rich when the output has no colour.

A renderer describes what it shows — lines of text, and tables (`Grid`: columns with a header, a
justification and a width; rows of cells; sections) — and `print_blocks` writes them: laid out
here (`gmvcli.render.layout`) when there is no colour (piped, `-o`, NO_COLOR), which never imports
rich; converted to rich tables for a colour terminal (`gmvcli.render.richgrid`). Both print the same
characters (issue 11 item 12: rich cost about 5 ms per merchant table; issue 16 item 0: importing
rich cost ~40 ms of start-up).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from rich.cells import cell_len  # rich's table of character widths, without the rest of rich


class Styled(NamedTuple):
    """Text in pieces, each with its own style (a bar drawn green or red); plain, just the text."""

    pieces: tuple[tuple[str, str | None], ...]

    def __str__(self) -> str:
        return "".join(text for text, _ in self.pieces)


Cell = str | Styled


def plain(cell: Cell) -> str:
    return cell if isinstance(cell, str) else str(cell)


class Line(NamedTuple):
    """A line of text (wrapped between words when it is longer than the width)."""

    text: Cell
    style: str | None = None


class Column(NamedTuple):
    header: str
    justify: str = "left"  # left | right
    width: int | None = None  # fixed: figures are never cut
    min_width: int | None = None  # a label column wraps, but not below this
    no_wrap: bool = False  # one line per cell, and the column does not shrink
    overflow: str = "ellipsis"  # a word too long for the column: ends in … | folds onto lines


class Grid(NamedTuple):
    """A table drawn as rich's box SIMPLE_HEAD without edge padding; `breaks` are the rows that
    start a new section (a blank line before them)."""

    columns: tuple[Column, ...]
    rows: Sequence[Sequence[Cell]]
    styles: Sequence[str | None] | None = None
    breaks: frozenset[int] = frozenset()
    title: Line | None = None  # above the table, wrapped at its width


Block = Line | Grid


def print_blocks(blocks: Iterable[Any], width: int, color: bool) -> str:
    """The text of `blocks` (lines and grids; rich renderables too, from renderers not yet
    described as data) at `width` columns, in colour only when `color`."""
    if color:
        from gmvcli.render.richgrid import print_rich

        return print_rich(blocks, width, color=True)
    import gc

    was_enabled = gc.isenabled()
    gc.disable()  # lines and grids are acyclic: the collector only slowed 10⁴ tables by a third
    try:
        return _print_plain(blocks, width)
    finally:
        if was_enabled:
            gc.enable()


def _print_plain(blocks: Iterable[Any], width: int) -> str:
    from gmvcli.render.layout import grid_text, line_text

    out: list[str] = []
    for block in blocks:  # often a generator: each merchant's blocks are made as they are printed
        text: str | None
        if isinstance(block, Line):
            text = line_text(plain(block.text), width)
        elif isinstance(block, Grid):
            text = grid_text(block, width)
        else:
            text = None
        if text is None:  # a case the layout leaves to rich (see layout.py), or a rich renderable
            from gmvcli.render.richgrid import print_rich

            text = print_rich([block], width, color=False)
        out.append(text)
    return "".join(out)


class Col(NamedTuple):
    """A column of a fitted table: figures are never cut; labels wrap between words."""

    header: str
    figure: bool = True
    justify: str = "right"
    repeat: bool = False  # drawn in every part of a stacked table (labels always are)


_WIDTHS: dict[str, int] = {}
_WORDS: dict[str, int] = {}


def cell_width(text: str) -> int:
    """The cells `text` takes on a terminal, as rich counts them (CJK: 2), remembered: a table of
    10⁴ merchants measures the same labels and many of the same figures again and again."""
    found = _WIDTHS.get(text)
    if found is None:
        if len(_WIDTHS) > 100_000:
            _WIDTHS.clear()
        found = _WIDTHS[text] = cell_len(text)
    return found


def _longest_word(text: str) -> int:
    found = _WORDS.get(text)
    if found is None:
        if len(_WORDS) > 100_000:
            _WORDS.clear()
        found = _WORDS[text] = max(map(cell_width, text.split()), default=0)
    return found


def fitted(
    columns: Sequence[Col],
    rows: Sequence[Sequence[Cell]],
    width: int,
    *,
    styles: Sequence[str | None] | None = None,
    sections: Iterable[int] = (),
) -> list[Grid]:
    """Tables that show every figure whole at `width` (SPEC §7).

    Figure columns get the width of their widest cell (and of their header's longest word);
    label columns take the rest and wrap between words. When the figures alone do not fit, the
    table stacks: the figure columns are split into groups, each drawn with the label columns.
    """
    texts = [
        [c if c.__class__ is str else str(c) for c in column] for column in zip(*rows, strict=True)
    ]
    if not texts:
        texts = [[] for _ in columns]
    known = _WIDTHS.get  # cell_width without a call per cell, for 10⁴ merchants
    widest = [max([known(t) or cell_width(t) for t in column], default=0) for column in texts]
    figure_widths = {
        i: max(_longest_word(c.header), widest[i]) for i, c in enumerate(columns) if c.figure
    }
    label_min = {
        i: min(
            max(cell_width(c.header.replace("\n", " ")), widest[i]),
            max(6, _longest_word(c.header), max(map(_longest_word, texts[i]), default=0)),
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
    breaks = frozenset(b for b in sections if 0 < b < len(rows))
    label_natural = {i: max(cell_width(columns[i].header), widest[i]) for i in label_min}
    grids = []
    for group in groups:
        chosen = sorted([*labels, *group])
        # room left once labels have their natural width: headers of figures unwrap into it
        widths = {i: figure_widths[i] for i in chosen if i in figure_widths}
        spare = width - (sum(label_natural.values()) + sum(widths.values()) + 3 * len(chosen) - 1)
        for i in widths:
            lines = columns[i].header.split("\n")
            wanted = max(map(cell_width, lines))
            grow = min(max(0, wanted - widths[i]), max(0, spare))
            widths[i] += grow
            spare -= grow
        grid_columns = tuple(
            # a figure column is as wide as its widest figure; only a longer header wraps
            Column(c.header, "right" if c.justify == "right" else "left", width=widths[i])
            if c.figure
            else Column(c.header, "right" if c.justify == "right" else "left", None, label_min[i])
            for i, c in ((i, columns[i]) for i in chosen)
        )
        every = len(chosen) == len(columns)
        grid_rows = rows if every else [tuple(row[i] for i in chosen) for row in rows]
        grids.append(Grid(grid_columns, grid_rows, styles, breaks))
    return grids
