"""A cost growth that drives the cost of a visitor to zero: with a budget, the visitors it buys would
be infinite (`public_cost_growth: -100%` ended in a ZeroDivisionError reported as an internal error;
-99% over 600 periods underflowed to the same). Growth is bounded below at -50% a period."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gmvcli.cli import app
from tests.hostile.common import EN

SCENARIO = """name: g
forecast: {{periods: {periods}, public_cost_growth: {growth}}}
merchants:
  - id: a
    name: A
    role: factory
    content: {{public_budget: 10000, public_cost_per_uv: {cost}, aov: 100, watch_minutes: 4,
               orders_per_minute: 0.5%}}
"""


@pytest.mark.parametrize("growth", ["-100%", "-99%", "-51%"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_cost_growth_below_minus_half_is_a_located_error(
    tmp_path: Path, growth: str, lang: str
) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(SCENARIO.format(periods=600, growth=growth, cost=0.5), encoding="utf-8")
    r = CliRunner(env=EN).invoke(app, ["forecast", str(path), "--lang", lang])
    assert r.exit_code == 1, r.output
    assert f"{path}:2:" in r.stderr and "forecast.public_cost_growth" in r.stderr, r.stderr
    assert "internal error" not in r.stderr and "内部错误" not in r.stderr
    assert ("-50%" in r.stderr) and ("100%" in r.stderr)


def test_the_steepest_fall_allowed_stays_finite_over_the_longest_forecast(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(SCENARIO.format(periods=600, growth="-50%", cost="0.000000000001"), "utf-8")
    r = CliRunner(env=EN).invoke(app, ["forecast", str(path), "--format", "json"])
    assert r.exit_code == 0, r.stderr
    totals = json.loads(r.stdout)["merchants"][0]["totals"]["content"]
    assert all(isinstance(v, float) and v == v and abs(v) < float("inf") for v in totals.values())


def test_sweep_refuses_the_value_before_any_work(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(SCENARIO.format(periods=3, growth="0", cost=0.5), encoding="utf-8")
    args = ["sweep", str(path), "--vary", "forecast.public_cost_growth=-100%,0", "--periods", "3"]
    r = CliRunner(env=EN).invoke(app, [*args, "--format", "json"])
    assert r.exit_code in (1, 2), r.output
    assert "-50%" in r.stderr and "Traceback" not in r.output
