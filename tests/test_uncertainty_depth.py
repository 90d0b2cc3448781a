"""Issue 16, items 5–8 (SPEC §8): Sobol indices, raw samples, policy effects and forecast settings
drawn, correlated inputs (Iman–Conover)."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

from gmvcli.cli import app
from gmvcli.correlations import spearman
from gmvcli.loader import load_text
from gmvcli.model import parse_scenario
from gmvcli.render.words import field_label
from gmvcli.uncertainty import evaluate, run_simulation, sobol, with_value

runner = CliRunner()
EN = {"LANG": "C.UTF-8", "LC_ALL": ""}
ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> Any:
    return runner.invoke(app, list(args), env=EN)


def scn(text: str) -> Any:
    return parse_scenario(load_text(text, "t.yaml"))


# --- 5. Sobol ---------------------------------------------------------------------------------------

# Content GMV with only watch_minutes ~ U(1, 3) and aov ~ U(50, 250) uncertain is c·X1·X2 (the
# constant c does not change any index). For a product of independent X1, X2 with means μ and
# variances σ²: V1 = Var(E[Y|X1]) = μ2²σ1², V2 = μ1²σ2², the interaction V12 = σ1²σ2², and
# Var(Y) = V1 + V2 + V12. Scaled so that X2 ~ U(1, 5): μ1 = 2, σ1² = 1/3, μ2 = 3, σ2² = 4/3, so
# V1 = 3, V2 = 16/3, V12 = 4/9, Var = 79/9, and
#   S1(watch) = 27/79 ≈ 0.342, S1(aov) = 48/79 ≈ 0.608,
#   ST(watch) = (27+4)/79 ≈ 0.392, ST(aov) = (48+4)/79 ≈ 0.658.
PRODUCT = """\
name: product
merchants:
  - id: p
    name: P
    content: {private_uv: 1万, watch_minutes: {low: 1, high: 3}, orders_per_minute: 1%,
              aov: {low: 50, high: 250}}
"""


def test_sobol_matches_the_analytic_indices_of_a_product() -> None:
    result = sobol(scn(PRODUCT), 0, "gmv", 1024, 0)
    got = {r.path: r for r in result.rows}
    assert [r.path for r in result.rows] == ["content.aov", "content.watch_minutes"]  # by st
    tolerance = 0.02  # 1,024 base samples of a scrambled Sobol' sequence: errors ≈ 0.005
    assert got["content.watch_minutes"].s1 == pytest.approx(27 / 79, abs=tolerance)
    assert got["content.aov"].s1 == pytest.approx(48 / 79, abs=tolerance)
    assert got["content.watch_minutes"].st == pytest.approx(31 / 79, abs=tolerance)
    assert got["content.aov"].st == pytest.approx(52 / 79, abs=tolerance)
    assert result.evaluations == 1024 * (2 + 2)
    for r in result.rows:  # the confidence half-widths cover the truth and are not silly
        assert 0 < r.s1_conf < 0.1 and 0 < r.st_conf < 0.1


def test_sobol_on_a_shipped_scenario_json_and_table() -> None:
    path = str(ROOT / "scenarios" / "weiwei-uncertain.yaml")
    r = run("sensitivity", path, "--method", "sobol", "--runs", "256", "-f", "json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert {k: data[k] for k in ("method", "runs", "seed", "metric")} == {
        "method": "sobol",
        "runs": 256,
        "seed": 0,
        "metric": "advantage",
    }
    rows = data["merchants"][0]["rows"]
    assert set(rows[0]) == {"path", "s1", "s1_conf", "st", "st_conf"}
    assert [r["st"] for r in rows] == sorted((r["st"] for r in rows), reverse=True)
    tornado = json.loads(run("sensitivity", path, "-f", "json").stdout)
    assert {r["path"] for r in rows} == {r["path"] for r in tornado["merchants"][0]["rows"]}
    assert rows[0]["path"] == tornado["merchants"][0]["rows"][0]["path"]  # same top input
    again = run("sensitivity", path, "--method", "sobol", "--runs", "256", "-f", "json")
    assert again.stdout == r.stdout  # seed 0 by default: reproducible
    table = run("sensitivity", path, "--method", "sobol", "--runs", "256", "--lang", "zh").stdout
    assert "一阶S1" in table and "总效应ST" in table and "客单价" not in table
    assert "单位时长订单转化率" in table  # fields by their zh label
    # the tornado's table and Sobol's name an input alike, in both languages (one field_label)
    from gmvcli.render.words import policy_names

    scenario = scn((ROOT / "scenarios" / "weiwei-uncertain.yaml").read_text(encoding="utf-8"))
    names = policy_names(scenario, scenario.merchants[0])
    wide = {**EN, "COLUMNS": "160"}  # a policy's label is long: at 80 columns names wrap
    for lang in ("en", "zh"):
        sobol_table = runner.invoke(
            app,
            ["sensitivity", path, "--method", "sobol", "--runs", "64", "--lang", lang],
            env=wide,
        )
        tornado_table = runner.invoke(app, ["sensitivity", path, "--lang", lang], env=wide).stdout
        for row in rows:
            name = field_label(row["path"], lang, names)
            assert name in sobol_table.stdout and name in tornado_table, (lang, row["path"])


def test_sobol_usage_and_missing_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    path = str(ROOT / "scenarios" / "weiwei-uncertain.yaml")
    assert run("sensitivity", path, "--runs", "100").exit_code == 2  # --runs is for sobol
    assert run("sensitivity", path, "--method", "sobol", "--all").exit_code == 2
    monkeypatch.setitem(sys.modules, "SALib", None)  # as if the extra were not installed
    r = run("sensitivity", path, "--method", "sobol")
    assert r.exit_code == 2 and "pip install 'gmvcli[uncertainty]'" in r.stderr
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    r = run("simulate", path, "--samples", "x.parquet")
    assert r.exit_code == 2 and "pyarrow" in r.stderr and "gmvcli[uncertainty]" in r.stderr


# --- 6. samples --------------------------------------------------------------------------------------

POLICY = """\
name: pol
forecast: {follow_rate: 5%}
policies:
  coupon: {public_uv_bonus: {low: 1万, high: 9万}}
merchants:
  - id: a
    name: A
    role: streamer
    policies: [coupon, {use: event_commission_cut, commission_discount: {low: 20%, high: 80%}}]
    shelf: {uv: 10万, conversion_rate: 2%, aov: 89}
    content: {fans: 50万, reach_rate: 10%, public_uv: 5万, watch_minutes: 5,
              orders_per_minute: 0.5%, aov: 89, commission_rate: 5%}
    forecast: {fan_churn_rate: {low: 1%, high: 9%}}
"""


def test_samples_in_three_formats_recompute_through_the_engine(tmp_path: Path) -> None:
    source = tmp_path / "p.yaml"
    source.write_text(POLICY, encoding="utf-8")
    out = {}
    for ext in ("csv", "jsonl", "parquet"):
        target = tmp_path / f"s.{ext}"
        r = run("simulate", str(source), "--runs", "300", "--seed", "9", "--samples", str(target))
        assert r.exit_code == 0, r.output
        out[ext] = target
    with open(out["csv"], newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    inputs = [
        "policies.coupon.public_uv_bonus",
        "a:policies[1].commission_discount",
        "a:forecast.fan_churn_rate",
    ]
    outputs = [
        f"a.{m}.{k}" for m in ("shelf", "content") for k in ("gmv", "net_gmv", "contribution")
    ]
    assert list(rows[0]) == ["run", "seed", *inputs, *outputs]
    assert [r["run"] for r in rows] == [str(i) for i in range(1, 301)]
    assert {r["seed"] for r in rows} == {"9"}
    lines = [json.loads(x) for x in out["jsonl"].read_text(encoding="utf-8").splitlines()]
    import pyarrow.parquet as pq

    table = pq.read_table(out["parquet"])
    assert table.schema.metadata[b"gmvcli.seed"] == b"9"
    assert table.column_names == ["run", *inputs, *outputs]
    parquet = table.to_pylist()
    scenario = scn(POLICY)
    paths = {  # the column of each drawn input → its place in the file
        "policies.coupon.public_uv_bonus": ("policies", "coupon", "public_uv_bonus"),
        "a:policies[1].commission_discount": ("merchants", 0, "policies", 1, "commission_discount"),
        "a:forecast.fan_churn_rate": ("merchants", 0, "forecast", "fan_churn_rate"),
    }
    for k in (0, 137, 299):
        # full precision: the text reads back as the very float written in every format
        assert lines[k] == {**{c: float(rows[k][c]) for c in rows[0] if c not in ("run", "seed")},
                            "run": k + 1, "seed": 9}  # fmt: skip
        assert parquet[k] == {c: v for c, v in lines[k].items() if c != "seed"}
        trial = scenario
        for column, path in paths.items():
            trial = with_value(trial, path, float(rows[k][column]))
        outcome = evaluate(trial, trial.merchants[0])
        assert outcome.content is not None
        for metric in ("gmv", "net_gmv", "contribution"):
            assert float(rows[k][f"a.content.{metric}"]) == outcome.content[metric]


def test_samples_stream_chunk_by_chunk_and_draws_do_not_depend_on_the_chunk() -> None:
    scenario = scn(POLICY)
    seen: list[tuple[int, int]] = []
    small = run_simulation(
        scenario, 250, 3, chunk=100, sink=lambda c: seen.append((c.start, c.size))
    )
    assert seen == [(0, 84), (84, 83), (167, 83)]  # equal chunks, none tiny
    whole = run_simulation(scenario, 250, 3)
    assert small.merchants[0].content is not None and whole.merchants[0].content is not None
    assert np.array_equal(
        small.merchants[0].content["contribution"], whole.merchants[0].content["contribution"]
    )


def test_samples_refuse_a_bad_name_and_the_input_itself(tmp_path: Path) -> None:
    source = tmp_path / "p.yaml"
    source.write_text(POLICY, encoding="utf-8")
    assert run("simulate", str(source), "--samples", str(tmp_path / "s.txt")).exit_code == 2
    source = source.rename(tmp_path / "p.csv")  # a scenario file may have any name
    r = run("simulate", str(source), "--samples", str(source))
    assert r.exit_code == 1 and source.read_text(encoding="utf-8") == POLICY


# --- 7. policy effects and forecast settings are drawn ---------------------------------------------

ONLY_POLICY = """\
name: only a policy effect is uncertain
policies:
  coupon: {public_uv_bonus: {low: 1万, high: 9万}}
merchants:
  - id: a
    name: A
    policies: [coupon]
    shelf: {uv: 10万, conversion_rate: 2%, aov: 89}
    content: {private_uv: 5万, watch_minutes: 5, orders_per_minute: 0.5%, aov: 89}
"""


def test_a_policy_effect_alone_spreads_the_result_and_is_listed(write) -> None:  # type: ignore[no-untyped-def]
    path = str(write(ONLY_POLICY))
    sim = json.loads(run("simulate", path, "--runs", "2000", "-f", "json").stdout)
    gmv = sim["merchants"][0]["content"]["gmv"]
    assert gmv["p5"] < gmv["p50"] < gmv["p95"]
    assert 0 < sim["merchants"][0]["p_content_wins"] < 1  # the bonus decides who wins
    rows = json.loads(run("sensitivity", path, "-f", "json").stdout)["merchants"][0]["rows"]
    assert [r["path"] for r in rows] == ["policies.coupon.public_uv_bonus"]
    assert rows[0]["swing"] > 0
    use = ONLY_POLICY.replace("policies: [coupon]", "policies: [{use: coupon, public_uv_bonus: {low: 0, high: 2万}}]")  # fmt: skip
    rows = json.loads(run("sensitivity", str(write(use, "u.yaml")), "-f", "json").stdout)
    assert rows["merchants"][0]["rows"][0]["path"] == "policies[0].public_uv_bonus"


def test_a_merchant_forecast_setting_is_drawn(write) -> None:  # type: ignore[no-untyped-def]
    path = str(write(POLICY.replace("public_uv_bonus: {low: 1万, high: 9万}", "public_uv_bonus: 5万").replace("commission_discount: {low: 20%, high: 80%}", "commission_discount: 50%")))  # fmt: skip
    sim = json.loads(run("simulate", path, "--runs", "500", "--periods", "6", "-f", "json").stdout)
    gmv = sim["merchants"][0]["content"]["gmv"]
    assert gmv["p5"] < gmv["p50"] < gmv["p95"]


def test_no_distribution_is_said_and_no_histogram_drawn() -> None:
    path = str(ROOT / "scenarios" / "weiwei-factory.yaml")
    r = run("simulate", path, "--runs", "200")
    assert r.exit_code == 0
    assert "no input is written as a distribution" in r.stderr
    assert "│" not in r.stdout  # no histogram of one value
    assert "no input is written as a distribution" in run("sensitivity", path).stderr


def test_merchant_option_keeps_that_merchants_distributions(write) -> None:  # type: ignore[no-untyped-def]
    two = ONLY_POLICY.replace("merchants:\n", "merchants:\n  - {id: z, name: Z, shelf: {uv: 1, conversion_rate: 1%, aov: 1}}\n")  # fmt: skip
    sim = json.loads(run("simulate", str(write(two)), "--runs", "500", "-m", "a", "-f", "json").stdout)  # fmt: skip
    gmv = sim["merchants"][0]["content"]["gmv"]
    assert sim["merchants"][0]["id"] == "a" and gmv["p5"] < gmv["p95"]


# --- 8. correlations ---------------------------------------------------------------------------------

CORRELATED = """\
name: corr
merchants:
  - id: a
    name: A
    shelf: {uv: 10万 to 20万, conversion_rate: {low: 2%, high: 3%}, aov: 89}
    content: {private_uv: 5万, watch_minutes: 3 to 6, orders_per_minute: {low: 0.4%, high: 0.6%},
              aov: {low: 80, mode: 90, high: 120}, repurchase_frequency: {mean: 1.5, sd: 0.2}}
  - id: b
    name: B
    content: {private_uv: 5万, watch_minutes: 3 to 6, orders_per_minute: 0.5%, aov: {low: 80, high: 120}}
correlations:
  - {a: content.watch_minutes, b: content.aov, rank: 0.6}
  - {a: a:shelf.uv, b: a:shelf.conversion_rate, rank: -0.5}
  - {a: a:content.repurchase_frequency, b: a:content.orders_per_minute, rank: 0.3}
"""


def test_correlations_are_achieved_and_marginals_unchanged() -> None:
    scenario = scn(CORRELATED)
    assert [(c.a_ref, c.b_ref) for c in scenario.correlations] == [
        ("a:content.watch_minutes", "a:content.aov"),  # a PATH: one pair in every merchant
        ("b:content.watch_minutes", "b:content.aov"),
        ("a:shelf.uv", "a:shelf.conversion_rate"),
        ("a:content.repurchase_frequency", "a:content.orders_per_minute"),
    ]
    drawn: dict[Any, list[Any]] = {}
    result = run_simulation(scenario, 20_000, 4, sink=lambda c: drawn.update({k: [v] for k, v in c.inputs.items()}))  # fmt: skip
    plain: dict[Any, list[Any]] = {}
    run_simulation(scenario._replace(correlations=()), 20_000, 4, sink=lambda c: plain.update({k: [v] for k, v in c.inputs.items()}))  # fmt: skip
    for c, got in zip(scenario.correlations, result.correlations, strict=True):
        achieved = spearman(drawn[c.a][0], drawn[c.b][0])
        # 20,000 draws: the sampling error of a rank correlation is about 1/√n ≈ 0.007
        assert achieved == pytest.approx(c.rank, abs=0.02)
        assert got.achieved == pytest.approx(achieved, abs=1e-12)
    for path, values in plain.items():  # the marginals are exactly the same draws, reordered
        assert np.array_equal(np.sort(values[0]), np.sort(drawn[path][0]))
    uncorrelated = spearman(plain[scenario.correlations[0].a][0], plain[scenario.correlations[0].b][0])  # fmt: skip
    assert abs(uncorrelated) < 0.03


def test_correlations_in_simulate_and_explain_output(write) -> None:  # type: ignore[no-untyped-def]
    path = str(write(CORRELATED))
    sim = json.loads(run("simulate", path, "--runs", "4000", "-f", "json").stdout)
    assert [set(c) for c in sim["correlations"]] == [{"a", "b", "rank", "achieved"}] * 4
    assert sim["correlations"][2]["achieved"] == pytest.approx(-0.5, abs=0.05)
    table = run("simulate", path, "--runs", "4000").stdout
    assert "Correlated inputs (Spearman rank)" in table and "a:shelf.conversion_rate" in table
    explained = run("explain", path).stdout
    assert "a:shelf.uv ~ a:shelf.conversion_rate  -0.5" in explained
    data = json.loads(run("explain", path, "-f", "json").stdout)
    assert data["correlations"][0] == {
        "a": "a:content.watch_minutes",
        "b": "a:content.aov",
        "rank": 0.6,
    }


@pytest.mark.parametrize(
    ("entries", "where", "message"),
    [
        (
            "  - {a: content.watch_minutes, b: content.aov, rank: 0.9}\n"
            "  - {a: content.aov, b: content.orders_per_minute, rank: 0.9}\n"
            "  - {a: content.watch_minutes, b: content.orders_per_minute, rank: -0.9}\n",
            ":11:5: correlations[2]:",
            "not positive definite",
        ),
        (
            "  - {a: content.watch_minutes, b: content.aov, rank: 0.5}\n"
            "  - {a: a:content.aov, b: a:content.watch_minutes, rank: 0.2}\n",
            ":10:5: correlations[1]:",
            "given twice (also correlations[0])",
        ),
        (
            "  - {a: shelf.aov, b: shelf.uv, rank: 0.2}\n",
            ":9:9: correlations[0].a:",
            "'shelf.aov' is not a distribution",
        ),
        (
            "  - {a: shelf.uv, b: shelf.conversion_rate, rank: 1}\n",
            ":9:51: correlations[0].rank:",
            "strictly between -1 and 1",
        ),
        (
            "  - {a: x:shelf.uv, b: shelf.conversion_rate, rank: 0.1}\n",
            ":9:9: correlations[0].a:",
            "no merchant 'x'",
        ),
        (
            "  - {a: shelf.uvv, b: shelf.conversion_rate, rank: 0.1}\n",
            ":9:9: correlations[0].a:",
            "did you mean 'shelf.uv'?",
        ),
        (
            "  - {a: shelf.uv, b: a:shelf.uv, rank: 0.1}\n",
            ":9:5: correlations[0]:",
            "the same input",
        ),
    ],
)
def test_bad_correlations_are_located_errors(write, entries: str, where: str, message: str) -> None:  # type: ignore[no-untyped-def]
    head = CORRELATED.split("  - id: b")[0] + "correlations:\n"
    r = run("validate", str(write(head + entries)))
    assert r.exit_code == 1
    assert where in r.stderr and message in r.stderr, r.stderr
    zh = run("validate", str(write(head + entries)), "--lang", "zh").stderr
    assert where in zh and message not in zh  # worded in Chinese from the catalogue


def test_the_matrix_is_judged_whole_not_entry_by_entry(write) -> None:  # type: ignore[no-untyped-def]
    # alone, the first two entries imply watch~orders = 0, which no matrix allows with 0.9 and 0.9;
    # the third entry makes the whole set consistent (its determinant is 0.036 > 0)
    head = CORRELATED.split("  - id: b")[0] + "correlations:\n"
    entries = (
        "  - {a: content.watch_minutes, b: content.aov, rank: 0.9}\n"
        "  - {a: content.aov, b: content.orders_per_minute, rank: 0.9}\n"
        "  - {a: content.watch_minutes, b: content.orders_per_minute, rank: 0.8}\n"
    )
    r = run("validate", str(write(head + entries)))
    assert r.exit_code == 0, r.stderr


def test_a_set_that_makes_a_correlated_input_a_number_is_named() -> None:
    path = str(ROOT / "scenarios" / "weiwei-uncertain.yaml")
    r = run("simulate", path, "--set", "content.orders_per_minute=0.5%", "--runs", "10")
    assert r.exit_code == 1
    assert "correlations[0].a" in r.stderr and "--set content.orders_per_minute=0.5%" in r.stderr
