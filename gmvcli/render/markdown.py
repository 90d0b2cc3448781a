"""Markdown tables for reports: the same rows and verdicts as the terminal table."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from gmvcli import textsafe
from gmvcli.compare import ScenarioResult
from gmvcli.i18n import label, magnitude, money
from gmvcli.render import words

if TYPE_CHECKING:
    from gmvcli.forecast import ScenarioForecast  # types only: compare's markdown never loads it


def esc(text: str) -> str:
    """Text from a file, safe inside a markdown table cell or heading."""
    return textsafe.markdown(text)


def _table(header: list[str], rows: Iterable[list[str]], aligns: list[str]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(aligns) + "|"]
    lines.extend("| " + " | ".join(r) + " |" for r in rows)
    return lines


def compare_markdown(result: ScenarioResult, lang: str) -> str:
    lines = [f"## {esc(result.name)}", ""]
    for m in result.merchants:
        lines += [f"### {esc(words.title(m.name, m.role, lang))}", ""]
        header = [""]
        keep = []
        for key, present in (
            ("shelf", m.shelf is not None),
            ("content", m.content is not None),
            ("delta", m.comparison is not None),
        ):
            keep.append(present)
            if present:
                header.append(label(key, lang).replace("\n", " "))
        rows = []
        for text, *values in words.model_rows(m, lang, result.currency):
            cells = [v for v, k in zip(values, keep, strict=True) if k]
            name = text.strip()
            if text.startswith("  "):
                name = "↳ " + name
            rows.append([name, *cells])
        lines += _table(header, rows, ["---"] + ["---:"] * (len(header) - 1))
        lines.append("")
        drivers = words.drivers_line(m, lang)
        if drivers:
            lines += [drivers, ""]
        lines += [f"**{words.verdict(m, lang, result.currency, result.period)}**", ""]
    return "\n".join(lines)


def forecast_markdown(result: ScenarioForecast, lang: str) -> str:
    lines = [f"## {esc(result.name)}", ""]
    cur = result.currency
    for m in result.merchants:
        if m.error is not None:
            continue
        lines += [f"### {esc(words.title(m.name, m.role, lang))}", ""]
        s, c = m.shelf_totals is not None, m.content_totals is not None
        header = [label("period", lang)]
        for key, present in (
            ("col.shelf_gmv", s),
            ("col.content_gmv", c),
            ("col.shelf_contribution", s),
            ("col.content_contribution", c),
            ("fans", c),
            ("col.cumulative", s and c),
        ):
            if present:
                header.append(label(key, lang).replace("\n", " "))
        rows = []
        for p, cumulative in zip(m.periods, m.cumulative_advantage(), strict=True):
            row = [str(p.period)]
            if p.shelf:
                row.append(money(p.shelf.gmv, lang, cur))
            if p.content:
                row.append(money(p.content.gmv, lang, cur))
            if p.shelf:
                row.append(money(p.shelf.contribution, lang, cur))
            if p.content:
                row += [money(p.content.contribution, lang, cur), magnitude(p.fans_end or 0, lang)]
            if p.shelf and p.content:
                row.append(money(cumulative, lang, cur))
            rows.append(row)
        lines += _table(header, rows, ["---:"] * len(header))
        lines += ["", f"**{words.forecast_verdict(m, lang, cur, result.period)}**", ""]
    return "\n".join(lines)


def render_compare(results: Iterable[ScenarioResult], lang: str) -> str:
    return "\n".join(compare_markdown(r, lang) for r in results)


def render_forecast(results: Iterable[ScenarioForecast], lang: str) -> str:
    return "\n".join(forecast_markdown(r, lang) for r in results)
