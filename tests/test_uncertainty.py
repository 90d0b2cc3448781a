"""SPEC §8: distributions, simulate and sensitivity."""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

from gmvcli.cli import app
from gmvcli.loader import load_text
from gmvcli.model import Distribution, parse_scenario
from gmvcli.uncertainty import draw, generators, quantile, sensitivity, simulate

runner = CliRunner()
EN = {"LANG": "C.UTF-8", "LC_ALL": ""}

UNCERTAIN = """\
name: u
merchants:
  - id: a
    name: A
    role: factory
    cogs_rate: {low: 40%, high: 50%}
    shelf: {uv: 10万 to 30万, conversion_rate: {low: 2%, mode: 2.5%, high: 4%},
            aov: {mean: 89, sd: 10}, traffic_cost_per_uv: 0.5}
    content: {private_uv: 8万, public_uv: 5万, watch_minutes: 3 to 6, orders_per_minute: 0.5%,
              aov: 89, repurchase_frequency: 1.5, public_cost_per_uv: 0.5}
"""
CENTRAL = """\
name: u
merchants:
  - id: a
    name: A
    role: factory
    cogs_rate: 45%
    shelf: {uv: 173205.0807568877, conversion_rate: 2.5%, aov: 89, traffic_cost_per_uv: 0.5}
    content: {private_uv: 8万, public_uv: 5万, watch_minutes: 4.242640687119285,
              orders_per_minute: 0.5%, aov: 89, repurchase_frequency: 1.5, public_cost_per_uv: 0.5}
"""


def scn(text: str = UNCERTAIN) -> Any:
    return parse_scenario(load_text(text, "u.yaml"))


def run(*args: str, input: str | None = None) -> Any:
    return runner.invoke(app, list(args), env=EN, input=input)


@pytest.mark.parametrize(
    ("d", "mean"),
    [
        (Distribution("uniform", 10, 20, 0, 0, 1e15), 15),
        (Distribution("triangular", 10, 12, 20, 0, 1e15), 14),
        (Distribution("normal", 100, 5, 0, 0, 1e15), 100),
    ],
)
def test_draws_have_the_right_mean_and_percentiles(d: Distribution, mean: float) -> None:
    values = draw(d, np.random.default_rng(1), 200_000)
    assert values.mean() == pytest.approx(mean, rel=0.01)
    for q in (0.1, 0.5, 0.9):
        assert np.quantile(values, q) == pytest.approx(quantile(d, q), rel=0.01)


def test_a_to_b_is_a_90_percent_lognormal_interval() -> None:
    d = Distribution("lognormal", 3, 6, 0, 1e-12, 1e15)
    values = draw(d, np.random.default_rng(2), 400_000)
    assert np.quantile(values, 0.05) == pytest.approx(3, rel=0.01)
    assert np.quantile(values, 0.95) == pytest.approx(6, rel=0.01)
    assert d.central() == pytest.approx(math.sqrt(18))
    assert quantile(d, 0.05) == pytest.approx(3) and quantile(d, 0.95) == pytest.approx(6)


def test_draws_are_clipped_to_the_field_range() -> None:
    rate = Distribution("normal", 0.02, 0.05, 0, 0.0, 1.0)
    values = draw(rate, np.random.default_rng(3), 10_000)
    assert values.min() >= 0 and values.max() <= 1


def test_deterministic_commands_use_the_central_value(write) -> None:  # type: ignore[no-untyped-def]
    a = json.loads(run("compare", str(write(UNCERTAIN, "u.yaml")), "-f", "json").stdout)
    b = json.loads(run("compare", str(write(CENTRAL, "c.yaml")), "-f", "json").stdout)
    assert a["merchants"] == b["merchants"]


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("uv: {low: 5, high: 1}", "low must not be above high"),
        ("uv: 0 to 5", "'a to b' needs a > 0 and b > 0"),
        ("uv: 5 to 1", "'a to b' needs a < b"),
        ("conversion_rate: 2 to 4", "a rate interval must lie within [0, 1]"),
        ("conversion_rate: {low: 2%, mode: 5%, high: 4%}", "needs low ≤ mode ≤ high"),
        ("aov: {mean: 89, sd: -1}", "sd must be 0 or more"),
        ("aov: {low: 1, top: 3}", "a distribution is {low, high}"),
    ],
)
def test_bad_distributions_are_located_errors(write, field: str, message: str) -> None:  # type: ignore[no-untyped-def]
    text = "name: x\nmerchants:\n  - id: a\n    name: A\n    shelf:\n      uv: 1000\n      conversion_rate: 2%\n      aov: 9\n"
    key = field.split(":")[0]
    text = text.replace(f"      {key}: ", f"      {field}\n      _old_{key}: ", 1)
    text = "\n".join(line for line in text.splitlines() if "_old_" not in line) + "\n"
    r = run("validate", str(write(text)))
    assert r.exit_code == 1
    assert ":6:" in r.stderr or ":7:" in r.stderr or ":8:" in r.stderr
    assert message in r.stderr


def test_simulate_with_zero_width_distributions_equals_compare(write) -> None:  # type: ignore[no-untyped-def]
    text = CENTRAL.replace("cogs_rate: 45%", "cogs_rate: {low: 45%, high: 45%}")
    path = write(text)
    sim = json.loads(run("simulate", str(path), "--runs", "500", "-f", "json").stdout)
    cmp = json.loads(run("compare", str(path), "-f", "json").stdout)
    m, c = sim["merchants"][0], cmp["merchants"][0]
    for model in ("shelf", "content"):
        for metric in ("gmv", "net_gmv", "contribution"):
            assert set(m[model][metric].values()) == {c[model][metric]}
    assert m["p_content_wins"] == (1.0 if c["comparison"]["contribution_delta"] > 0 else 0.0)


def test_simulate_json_shape_and_reproducibility(write) -> None:  # type: ignore[no-untyped-def]
    path = str(write(UNCERTAIN))
    args = (
        "simulate",
        path,
        "--runs",
        "3000",
        "--seed",
        "7",
        "-f",
        "json",
        "--percentiles",
        "10,50,90",
    )
    first, second = run(*args), run(*args)
    assert first.exit_code == 0, first.stderr
    assert first.stdout == second.stdout
    out = json.loads(first.stdout)
    assert (out["runs"], out["seed"], out["file"]) == (3000, 7, path)
    m = out["merchants"][0]
    assert list(m) == ["id", "shelf", "content", "p_content_wins"]
    assert list(m["shelf"]["gmv"]) == ["p10", "p50", "p90"]
    assert m["shelf"]["gmv"]["p10"] < m["shelf"]["gmv"]["p50"] < m["shelf"]["gmv"]["p90"]
    assert 0 <= m["p_content_wins"] <= 1
    other = run("simulate", path, "--runs", "3000", "--seed", "8", "-f", "json").stdout
    assert other != first.stdout


def test_simulate_forecast_totals_and_table(write) -> None:  # type: ignore[no-untyped-def]
    path = str(
        write(
            UNCERTAIN.replace(
                "    content: {private_uv: 8万,", "    content: {private_uv: 8万, reach_rate: 20%,"
            )
        )
    )
    one = json.loads(run("simulate", path, "--runs", "1000", "-f", "json").stdout)
    six = json.loads(run("simulate", path, "--runs", "1000", "--periods", "6", "-f", "json").stdout)
    assert (
        six["merchants"][0]["shelf"]["gmv"]["p50"]
        == pytest.approx(6 * one["merchants"][0]["shelf"]["gmv"]["p50"], abs=0.04)
    )  # each p50 is rounded to cents: 6 × a rounded one and a rounded total differ by ≤ 7 half-cents
    table = run("simulate", path, "--runs", "1000", "--lang", "en").stdout
    assert "content earns more contribution in" in table and "│" in table


def test_simulate_vectorised_matches_scalar_engine() -> None:
    scenario = scn()
    sims = simulate(scenario, 50, 5)
    from gmvcli.uncertainty import evaluate, with_value

    streams = generators(5, len(scenario.uncertain))
    draws = [(p, draw(d, g, 50)) for (p, d), g in zip(scenario.uncertain, streams, strict=True)]
    for k in (0, 17, 49):
        trial = scenario
        for p, values in draws:
            trial = with_value(trial, p, float(values[k]))
        outcome = evaluate(trial, trial.merchants[0])
        assert sims[0].shelf is not None and outcome.shelf is not None
        assert sims[0].shelf["contribution"][k] == pytest.approx(
            outcome.shelf["contribution"], rel=1e-12
        )


def test_sensitivity_ranks_by_swing(write) -> None:  # type: ignore[no-untyped-def]
    rows = sensitivity(scn(), 0, "advantage")
    assert {r.path for r in rows} == {
        "cogs_rate",
        "shelf.uv",
        "shelf.conversion_rate",
        "shelf.aov",
        "content.watch_minutes",
    }
    assert [r.swing for r in rows] == sorted((r.swing for r in rows), reverse=True)
    uv = next(r for r in rows if r.path == "shelf.uv")
    assert uv.low == pytest.approx(quantile(scn().uncertain[1][1], 0.1))
    out = json.loads(run("sensitivity", str(write(UNCERTAIN)), "-f", "json").stdout)
    assert out["metric"] == "advantage"
    row = out["merchants"][0]["rows"][0]
    assert list(row) == ["path", "low", "high", "metric_low", "metric_high", "swing"]
    assert row["swing"] == pytest.approx(abs(row["metric_high"] - row["metric_low"]), abs=0.02)


def test_sensitivity_all_moves_plain_inputs_ten_percent(write) -> None:  # type: ignore[no-untyped-def]
    out = json.loads(
        run("sensitivity", str(write(CENTRAL)), "--all", "-f", "json", "--metric", "gmv").stdout
    )
    rows = {r["path"]: r for r in out["merchants"][0]["rows"]}
    assert rows["content.aov"]["low"] == pytest.approx(89 * 0.9)
    assert rows["content.aov"]["high"] == pytest.approx(89 * 1.1)
    assert rows["content.aov"]["metric_high"] > rows["content.aov"]["metric_low"]
    none = json.loads(run("sensitivity", str(write(CENTRAL)), "-f", "json").stdout)
    assert none["merchants"][0]["rows"] == []


def test_percentiles_option_is_checked(write) -> None:  # type: ignore[no-untyped-def]
    path = str(write(UNCERTAIN))
    assert run("simulate", path, "--percentiles", "5,500").exit_code == 2
    assert run("simulate", path, "--percentiles", "x").exit_code == 2


def test_a_repeated_percentiles_option_is_refused(write) -> None:  # type: ignore[no-untyped-def]
    """Click would keep the last --percentiles silently: the user meant all of them."""
    path = str(write(UNCERTAIN))
    for second in (["--percentiles", "95"], ["--percentiles=95"]):
        r = run("simulate", path, "--percentiles", "5,50", *second, "-f", "json")
        assert r.exit_code == 2 and r.stdout == ""
        assert "--percentiles is given more than once" in r.stderr
    r = run("simulate", path, "--runs", "200", "--percentiles", "5,50", "-f", "json")
    assert r.exit_code == 0
    assert list(json.loads(r.stdout)["merchants"][0]["content"]["gmv"]) == ["p5", "p50"]


def test_periods_refuse_merchants_that_cannot_be_forecast(write) -> None:  # type: ignore[no-untyped-def]
    text = (
        "name: x\nmerchants:\n  - id: a\n    name: A\n    shelf: {uv: 1000, conversion_rate: 2%, aov: 50}\n"
        "    content: {private_uv: 500 to 900, watch_minutes: 3, orders_per_minute: 1%, aov: 50}\n"
    )
    path = write(text)
    for command in ("simulate", "sensitivity"):
        r = run(command, str(path), "--periods", "3")
        assert r.exit_code == 1
        assert (
            "merchants[0].content: cannot forecast private visitors without reach_rate" in r.stderr
        )
    assert run("simulate", str(path), "--runs", "100").exit_code == 0
