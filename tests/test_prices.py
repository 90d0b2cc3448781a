"""A price (客单价, aov) is shown as the merchant typed it: its cents where it has them, never rounded
to another whole number (¥189.9, not ¥190; ¥99,999.99, not ¥100,000). Totals stay whole."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from gmvcli.cli import app
from gmvcli.i18n import price

SCENARIO = """gmvcli: 1
name: t
merchants:
  - id: m
    name: m
    role: brand
    shelf: {{uv: 10000, conversion_rate: 2%, aov: {shelf}}}
    content: {{watch_minutes: 2, orders_per_minute: 0.5%, aov: {content}, public_uv: 10000}}
"""


@pytest.mark.parametrize(
    ("lang", "row"),
    [
        ("en", ["Avg order value", "¥99,999.99", "¥189.9", "-¥99,810.09"]),
        ("zh", ["客单价", "¥99999.99", "¥189.9", "-¥99810.09"]),
    ],
)
def test_compare_shows_a_price_as_typed(tmp_path, lang: str, row: list[str]) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "p.yaml"
    path.write_text(SCENARIO.format(shelf="99999.99", content="189.9"), encoding="utf-8")
    env = {"LANG": "C.UTF-8", "LC_ALL": "", "COLUMNS": "120"}
    out = CliRunner(env=env).invoke(app, ["compare", str(path), "--lang", lang]).stdout
    line = next(x for x in out.splitlines() if x.strip().startswith(row[0]))
    assert re.split(r"\s{2,}", line.strip()) == row, line
    assert "¥100,000" not in out and "¥190 " not in out


def test_whole_prices_and_totals_are_as_before() -> None:
    assert price(89, "en", "CNY") == "¥89"
    assert price(100_000, "en", "CNY") == "¥100,000"
    assert price(120_000, "zh", "CNY") == "¥12万"  # exact
    assert price(123_456, "zh", "CNY") == "¥123456"  # 12.3万 would be another number
    assert price(-20.5, "en", "CNY") == "-¥20.5"


@given(st.decimals(min_value=0, max_value=10**9, places=2), st.sampled_from(["en", "zh"]))
def test_a_price_reads_back_as_typed(typed, lang: str) -> None:  # type: ignore[no-untyped-def]
    shown = price(float(typed), lang, "CNY")
    number = shown.removeprefix("¥").replace(",", "")
    unit = {"万": 10**4, "亿": 10**8}.get(number[-1:], 1)
    value = float(number.rstrip("万亿")) * unit
    assert abs(value - float(typed)) < 0.005, (typed, shown)


def test_explain_and_sensitivity_show_a_price_as_typed(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from gmvcli.render.uncertain import input_text

    path = tmp_path / "p.yaml"
    path.write_text(SCENARIO.format(shelf="99999.99", content="189.9"), encoding="utf-8")
    out = CliRunner().invoke(app, ["explain", str(path), "--lang", "en"]).stdout
    assert "aov = ¥189.9 " in out and "aov = ¥99,999.99 " in out, out
    assert input_text("content.aov", 189.9, "en", "CNY") == "¥189.9"
