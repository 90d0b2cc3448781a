"""`review` as a terminal table: lines and grids (gmvcli.render.grid), printed without rich when
there is no colour; a table too wide for the terminal is split into column groups that belong
together, never cut."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gmvcli.errors import safe_text
from gmvcli.i18n import label
from gmvcli.render.grid import Block, Column, Grid, Line, cell_width, print_blocks
from gmvcli.render.review.words import (
    PERIOD_HEADERS,
    effect_tables,
    notes,
    period_heading,
    period_rows,
    verdict,
    word,
)
from gmvcli.review.messages import text

if TYPE_CHECKING:
    from gmvcli.review.results import Review


def _width(cells: list[str]) -> int:
    return max((max(cell_width(line) for line in c.split("\n")) for c in cells), default=0)


def _widths(header: list[str], rows: list[list[str]]) -> list[int]:
    """The width of each column: its widest cell or header."""
    return [_width([h, *(r[i] for r in rows)]) for i, h in enumerate(header)]


def _fit_columns(header: list[str], rows: list[list[str]], width: int) -> list[list[int]]:
    """Groups of column indices (the first column repeated in each) whose table fits `width`:
    a figure is never cut, the table is split instead."""
    widths = _widths(header, rows)
    # rich's SIMPLE_HEAD box without edge padding: one space at each edge, three between columns
    groups: list[list[int]] = []
    current = [0]
    used = widths[0] + 2
    for i in range(1, len(header)):
        if used + 3 + widths[i] > width and len(current) > 1:
            groups.append(current)
            current, used = [0], widths[0] + 2
        current.append(i)
        used += 3 + widths[i]
    groups.append(current)
    return groups


def grids(
    header: list[str],
    rows: list[list[str]],
    width: int,
    bold_last: bool = True,
    parts: list[list[int]] | None = None,
) -> list[Grid]:
    """One table when it fits `width`; else the `parts` (column groups that belong together),
    each split further only if it still does not fit. A figure is never cut."""
    groups = [list(range(len(header)))]
    if parts and _needed(header, rows) > width:
        groups = parts
    fitted: list[list[int]] = []
    for g in groups:
        sub_header = [header[i] for i in g]
        sub_rows = [[r[i] for i in g] for r in rows]
        fitted += [[g[i] for i in sub] for sub in _fit_columns(sub_header, sub_rows, width)]
    styles = [None] * (len(rows) - 1) + ["bold"] if bold_last and rows else None
    return [
        Grid(
            # labels (the first column) wrap; figures never do, and are never cut (SPEC §7)
            tuple(
                Column(header[i], "left" if n == 0 else "right", no_wrap=n != 0)
                for n, i in enumerate(group)
            ),
            [[r[i] for i in group] for r in rows],
            styles,
        )
        for group in fitted
    ]


def review_blocks(r: Review, lang: str, width: int) -> list[Block]:
    cur = r.currency
    out: list[Block] = [Line(safe_text(r.name), "bold underline")]
    out.append(
        Line(f"{word('title', lang)} · {word('sessions_from', lang)} {safe_text(r.actuals)}")
    )
    for m in r.merchants:
        for model in ("content", "shelf"):
            if getattr(m, model) is None:
                continue
            parts: list[Block] = [
                Line(f"{safe_text(m.name)} [{safe_text(m.id)}] · {label(model, lang)}", "bold")
            ]
            header = [word(k, lang) for k in PERIOD_HEADERS]
            parts += grids(
                header,
                period_rows(m, model, lang, cur),
                width,
                parts=[[0, 1, 2, 3, 4, 5, 6], [0, 7, 8, 9]],
            )
            for title, eh, rows in effect_tables(m, model, lang, cur):
                names = [title] + [period_heading(h, lang) for h in eh]
                if len(names) - 1 > 2 and _needed(names, rows) > width:
                    # too many periods for the width: the total alone
                    names = [names[0], names[-1]]
                    rows = [[row[0], row[-1]] for row in rows]
                parts += grids(names, rows, width, bold_last=False)
            parts.append(Line(verdict(m, model, r.period, lang, cur), "bold"))
            out += parts
        for n in notes(m, lang):
            out.append(Line(text("review.note_line", lang, text=n), "dim"))
        out.append(Line(""))
    return out


def _needed(header: list[str], rows: list[list[str]]) -> int:
    widths = _widths(header, rows)
    return sum(widths) + 3 * (len(widths) - 1) + 2


def render_table(r: Review, lang: str, width: int, color: bool) -> str:
    return print_blocks(review_blocks(r, lang, width), width, color)
