"""`review` as markdown: the same tables and verdicts as the terminal table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gmvcli.i18n import label
from gmvcli.render.review.words import (
    PERIOD_HEADERS,
    effect_tables,
    notes,
    period_rows,
    verdict,
    word,
)

if TYPE_CHECKING:
    from gmvcli.review.results import Review


def render_markdown(r: Review, lang: str) -> str:
    from gmvcli.render.markdown import esc

    def table(header: list[str], rows: list[list[str]]) -> list[str]:
        lines = ["| " + " | ".join(esc(h) for h in header) + " |"]
        lines.append("|" + "|".join([":--"] + ["--:"] * (len(header) - 1)) + "|")
        lines += ["| " + " | ".join(esc(c) for c in row) + " |" for row in rows]
        return [*lines, ""]

    cur = r.currency
    lines = [f"## {esc(r.name)}", "", f"{word('title', lang)} · {word('sessions_from', lang)} "
             f"{esc(r.actuals)}", ""]  # fmt: skip
    for m in r.merchants:
        for model in ("content", "shelf"):
            if getattr(m, model) is None:
                continue
            lines += [f"### {esc(m.name)} [{esc(m.id)}] · {label(model, lang)}", ""]
            lines += table(
                [word(k, lang) for k in PERIOD_HEADERS], period_rows(m, model, lang, cur)
            )
            for title, eh, rows in effect_tables(m, model, lang, cur):
                lines += table([title, *eh], rows)
            lines += [f"**{esc(verdict(m, model, r.period, lang, cur))}**", ""]
        lines += [f"- {esc(n)}" for n in notes(m, lang)]
        if m.notes:
            lines.append("")
    return "\n".join(lines)
