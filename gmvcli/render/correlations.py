"""The correlations of a scenario (SPEC §8) as text: in `explain` as written, in `simulate` with the
rank correlation the draws achieved."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from gmvcli.errors import safe_text
from gmvcli.messages import text

if TYPE_CHECKING:
    from gmvcli.model import Correlation
    from gmvcli.uncertainty import Achieved


def correlations_data(correlations: Sequence[Correlation]) -> list[dict[str, Any]]:
    """`[{"a", "b", "rank"}]`, one per pair of inputs (a PATH written for every merchant gives
    one pair per merchant)."""
    return [{"a": c.a_ref, "b": c.b_ref, "rank": c.rank} for c in correlations]


def explain_lines(correlations: Sequence[Correlation], lang: str, markdown: bool = False) -> str:
    """`Correlated inputs (Spearman rank)` and one `a ~ b  +0.6` line per pair."""
    if not correlations:
        return ""
    if markdown:
        lines = ["", f"## {text('corr.heading', lang)}", ""]
        lines += [f"- `{c.a_ref}` ~ `{c.b_ref}`: {c.rank:+g}" for c in correlations]
    else:
        lines = ["", text("corr.heading", lang)]
        lines += [
            f"  {safe_text(c.a_ref)} ~ {safe_text(c.b_ref)}  {c.rank:+g}" for c in correlations
        ]
    return "\n".join(lines) + "\n"


def achieved_text(achieved: Sequence[Achieved], lang: str, width: int, color: bool) -> str:
    """`a ~ b: +0.5 wanted, +0.502 achieved`, one line per pair, wrapped between words to `width`
    (the references are long: no table)."""
    from gmvcli.render.grid import Line, print_blocks

    lines: list[Any] = [Line(text("corr.heading", lang))]
    for c in achieved:
        result = text("corr.result", lang, rank=f"{c.rank:+g}", achieved=f"{c.achieved:+.3f}")
        lines.append(Line(f"  {safe_text(c.a)} ~ {safe_text(c.b)}: {result}"))
    return print_blocks(lines, width, color)
