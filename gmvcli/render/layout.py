"""Lines and grids laid out as plain text, character for character as rich lays them out, without
importing rich (only `rich.cells`, its table of character widths: ~3 ms against ~40 ms for rich,
and CJK widths then agree with rich's by construction).

What is ported (from rich 15; the tests compare with whichever rich is installed): `Table._calculate_column_widths` with its `_collapse_widths` and
`ratio_reduce` for box SIMPLE_HEAD, no edge padding, columns fixed or with a minimum width;
`Text.wrap` (`divide_line`, `rstrip_end`, left/right justification, the ellipsis of a cell, the fold
of a line); the header row aligned at the bottom, other rows at the top, a blank line between
sections. A case outside that (a column narrower than its padding, a table wider than the width
after rich's last resort, control characters rich would strip, tabs) returns None and the caller
hands the block to rich. tests/test_plain_layout.py compares both for every shipped scenario,
language and width from 40 to 160 columns.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise
from typing import Any

from rich.cells import chop_cells, set_cell_size

from gmvcli.render.grid import _WIDTHS, Column, Grid, plain
from gmvcli.render.grid import cell_width as cells
from gmvcli.render.kinsoku import kinsoku

_WORD = re.compile(r"\s*\S+\s*")
_TRAILING = re.compile(r"\s+$")
#: characters rich's Text strips or expands (control codes, tabs), and lines splitlines() breaks
_RICH_CHANGES = re.compile("[\x00-\x09\x0b-\x1f\x7f\x85\u2028\u2029]")


def _rich_breaks(text: str, width: int, fold: bool) -> list[int]:
    """Where rich breaks a line to fit `width` cells (rich._wrap.divide_line)."""
    breaks: list[int] = []
    offset = 0
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group()
        length = cells(word.rstrip())
        if width - offset >= length:
            offset += cells(word)
        elif length > width:
            if fold:
                pieces = chop_cells(word, width)
                for k, piece in enumerate(pieces):
                    if start:
                        breaks.append(start)
                    if k == len(pieces) - 1:
                        offset = cells(piece)
                    else:
                        start += len(piece)
            else:
                if start:
                    breaks.append(start)
                offset = cells(word)
        elif offset and start:
            breaks.append(start)
            offset = cells(word)
    return breaks


#: rich's breaks with the kinsoku rule, as `richgrid.console` installs it into rich (zh lines never
#: start with closing punctuation, whichever path prints them)
_breaks = kinsoku(_rich_breaks)


def _divided(line: str, width: int, fold: bool) -> list[str]:
    """A line cut at rich's breaks, each piece's trailing whitespace cropped as `Text.rstrip_end`
    does (it counts characters, not cells)."""
    cuts = [0, *_breaks(line, width, fold), len(line)]
    pieces = []
    for a, b in pairwise(cuts):
        piece = line[a:b]
        if len(piece) > width:
            trailing = _TRAILING.search(piece)
            if trailing is not None:
                piece = piece[: len(piece) - min(len(trailing.group()), len(piece) - width)]
        pieces.append(piece)
    return pieces


def _truncated(text: str, width: int, ellipsis: bool) -> str:
    if cells(text) > width:
        return set_cell_size(text, width - 1) + "…" if ellipsis else set_cell_size(text, width)
    return text


def _column(texts: list[str], width: int, column: Column, tall: set[int]) -> list[Any]:
    """A column's cells at `width` (Text.wrap with the column's justification and overflow
    "ellipsis"): a cell of one line as a string of exactly `width` cells, a taller one as a
    tuple of them (its row goes into `tall`)."""
    out: list[Any] = []
    known = _WIDTHS.get
    justify = column.justify
    for r, text in enumerate(texts):
        if "\n" not in text:
            if justify == "right":
                stripped = text.rstrip()  # as Lines.justify does before padding
                w = known(stripped)
                if w is None:
                    w = cells(stripped)
                if w <= width and (stripped is text or cells(text) <= width):
                    out.append(" " * (width - w) + stripped)
                    continue
            else:
                w = known(text)
                if w is None:
                    w = cells(text)
                if w <= width:
                    out.append(text + " " * (width - w))
                    continue
        lines = _wrapped(text, width, justify, column.overflow == "fold", column.no_wrap)
        if len(lines) == 1:
            out.append(lines[0])
        else:
            out.append(lines)
            tall.add(r)
    return out


@lru_cache(maxsize=8192)
def _wrapped(text: str, width: int, justify: str, fold: bool, no_wrap: bool) -> tuple[str, ...]:
    """A cell that does not fit on one line, wrapped (labels repeat for every merchant: each is
    wrapped once). A word too long for the column ends in … or, with `fold`, folds; a `no_wrap`
    cell keeps each of its lines whole, then cut as the overflow says."""
    out = []
    for line in text.split("\n"):
        for piece in [line] if no_wrap else _divided(line, width, fold):
            if justify == "right":
                piece = _truncated(piece.rstrip(), width, ellipsis=not fold)
                out.append(" " * (width - cells(piece)) + piece)
            else:
                piece = _truncated(piece, width, ellipsis=not fold)
                out.append(piece + " " * (width - cells(piece)))
    return tuple(out)


def line_text(text: str, width: int) -> str | None:
    """A line printed as rich prints `Text(text)`: folded between words at `width`."""
    if _RICH_CHANGES.search(text):
        return None
    if "\n" not in text and cells(text) <= width:
        return text + "\n"
    out = []
    for line in text.split("\n"):
        out += [_truncated(piece, width, ellipsis=False) for piece in _divided(line, width, True)]
    return "\n".join(out) + "\n"


_LONGEST: dict[str, int] = {}


def _longest(text: str) -> int:
    """The cells of a text's longest line, as rich measures it (`str.splitlines`)."""
    found = _LONGEST.get(text)
    if found is None:
        if len(_LONGEST) > 100_000:
            _LONGEST.clear()
        lines = text.splitlines()
        found = _LONGEST[text] = max(map(cells, lines), default=0) if "\n" in text else cells(text)
    return found


def _measure(column: Column, texts: list[str], pad: int, limit: int) -> int:
    """The width rich gives a column within `limit` cells, padding included (`_measure_column`:
    a fixed width, or the longest line of its cells, at least its minimum width)."""
    if limit < 1:
        return 0
    if column.width is not None:
        return min(column.width + pad, limit)
    # Padding.__rich_measure__ first: a column narrower than its padding takes the limit
    known = _LONGEST.get
    longest = max([known(t) or _longest(t) for t in texts])
    high = limit if limit - pad < 1 else min(longest + pad, limit)
    if column.min_width is not None:
        high = max(high, column.min_width + pad)
    return high


def _widths(grid: Grid, texts: list[list[str]], pads: list[int], max_width: int) -> list[int]:
    """Table._calculate_column_widths for our tables (no expand, no ratios, no max widths)."""
    columns = grid.columns
    widths = [_measure(c, texts[i], pads[i], max_width) or 1 for i, c in enumerate(columns)]
    if sum(widths) > max_width:
        widths = _collapse(widths, [c.width is None and not c.no_wrap for c in columns], max_width)
        if sum(widths) > max_width:  # rich's last resort: every column loses its share
            widths = _reduce(sum(widths) - max_width, [1] * len(widths), widths, widths)
        widths = [
            _measure(c, texts[i], pads[i], w)
            for i, (c, w) in enumerate(zip(columns, widths, strict=True))
        ]
    return widths


def _reduce(total: int, ratios: list[int], maximums: list[int], values: list[int]) -> list[int]:
    """rich._ratio.ratio_reduce."""
    ratios = [r if m else 0 for r, m in zip(ratios, maximums, strict=True)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    remaining = total
    out = []
    for ratio, maximum, value in zip(ratios, maximums, values, strict=True):
        if ratio and total_ratio > 0:
            taken = min(maximum, round(ratio * remaining / total_ratio))
            out.append(value - taken)
            remaining -= taken
            total_ratio -= ratio
        else:
            out.append(value)
    return out


def _collapse(widths: list[int], wrapable: list[bool], max_width: int) -> list[int]:
    """Table._collapse_widths: the widest wrapable columns give up room first."""
    total = sum(widths)
    excess = total - max_width
    if any(wrapable):
        while total and excess > 0:
            widest = max(w for w, ok in zip(widths, wrapable, strict=True) if ok)
            second = max(
                w if ok and w != widest else 0 for w, ok in zip(widths, wrapable, strict=True)
            )
            difference = widest - second
            ratios = [
                1 if (w == widest and ok) else 0 for w, ok in zip(widths, wrapable, strict=True)
            ]
            if not any(ratios) or not difference:
                break
            widths = _reduce(excess, ratios, [min(excess, difference)] * len(widths), widths)
            total = sum(widths)
            excess = total - max_width
    return widths


def grid_text(grid: Grid, width: int) -> str | None:
    """The grid as rich prints its table at `width`, or None for a case left to rich."""
    columns = grid.columns
    last = len(columns) - 1
    pads = [(1 if i > 0 else 0) + (1 if i < last else 0) for i in range(last + 1)]
    body = [
        [c if c.__class__ is str else str(c) for c in column]
        for column in zip(*grid.rows, strict=True)
    ]
    texts = [
        [c.header, *column]
        for c, column in zip(columns, body or [[] for _ in columns], strict=True)
    ]
    if _RICH_CHANGES.search("\n".join("\n".join(column) for column in texts)):
        return None
    widths = _widths(grid, texts, pads, width - len(columns) - 1)
    inner = [w - p for w, p in zip(widths, pads, strict=True)]
    total = sum(widths) + len(widths) + 1  # the two edges and the separators between columns
    if min(inner) < 1 or total > width:
        return None
    lines = []
    if grid.title is not None:
        title = plain(grid.title.text)
        if _RICH_CHANGES.search(title):
            return None
        if title:  # as rich: wrapped at the table's width, each line padded to it
            for line in title.split("\n"):
                for piece in _divided(line, total, fold=True):
                    piece = _truncated(piece, total, ellipsis=False)
                    lines.append(piece + " " * (total - cells(piece)))
    tall: set[int] = set()
    laid = [
        _column(t, inner[i], c, tall) for i, (c, t) in enumerate(zip(columns, texts, strict=True))
    ]
    lines.append(" " * total)
    last_row = len(grid.rows)
    breaks = grid.breaks
    for r, parts in enumerate(zip(*laid, strict=True)):
        if r not in tall:
            lines.append(" " + "   ".join(parts) + " ")
        else:
            stacks = [p if isinstance(p, tuple) else (p,) for p in parts]
            height = max(map(len, stacks))
            if r == 0:  # rich aligns the header row at the bottom, the others at the top
                stacks = [(" " * inner[i],) * (height - len(p)) + p for i, p in enumerate(stacks)]
            for k in range(height):
                row = (p[k] if k < len(p) else " " * inner[i] for i, p in enumerate(stacks))
                lines.append(" " + "   ".join(row) + " ")
        if r in breaks and r < last_row:
            lines.append(" " * total)
        if r == 0:
            lines.append(" " + "─" * (total - 2) + " ")
    lines.append(" " * total)
    return "\n".join(lines) + "\n"
