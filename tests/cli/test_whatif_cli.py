"""sweep, solve and --plot through the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from gmvcli.cli import app
from tests.conftest import SCENARIOS

runner = CliRunner()
EN = {"LANG": "C.UTF-8", "LC_ALL": ""}
WEIWEI = str(SCENARIOS / "weiwei-factory.yaml")


def run(*args: str) -> Any:
    return runner.invoke(app, list(args), env=EN)


def test_sweep_csv_and_json() -> None:
    r = run(
        "sweep",
        WEIWEI,
        "--vary",
        "content.aov=89:129:10",
        "--vary",
        "shelf.traffic_cost_per_uv=0.4,0.6",
        "-f",
        "csv",
    )
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert (
        lines[0]
        == "file,merchant,content.aov,shelf.traffic_cost_per_uv,shelf_gmv,content_gmv,shelf_contribution,content_contribution,advantage"
    )
    assert len(lines) == 1 + 5 * 2
    out = json.loads(run("sweep", WEIWEI, "--vary", "content.aov=99,109", "-f", "json").stdout)
    assert out["file"] == WEIWEI and [r["content.aov"] for r in out["rows"]] == [99, 109]
    compared = json.loads(run("compare", WEIWEI, "--set", "content.aov=99", "-f", "json").stdout)
    m = compared["merchants"][0]
    assert out["rows"][0]["content_contribution"] == m["content"]["contribution"]
    assert out["rows"][0]["advantage"] == pytest.approx(
        m["comparison"]["contribution_delta"], abs=0.01
    )


def test_sweep_grid_limit_is_refused_before_any_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """Before any work: the scenario is not even read (no timing: it cannot flake)."""

    def no_work(*args: object, **kwargs: object) -> None:
        raise AssertionError("the scenario was read")

    monkeypatch.setattr("gmvcli.cli.run.one_scenario", no_work)
    r = run("sweep", WEIWEI, "--vary", "content.aov=1:1001:1", "--vary", "shelf.aov=1:1000:1")
    assert r.exit_code == 2
    assert "1,000,000" in r.stderr


def test_sweep_table_and_bad_path() -> None:
    r = run("sweep", WEIWEI, "--vary", "content.aov=99,109", "--lang", "zh")
    assert r.exit_code == 0 and "内容利润" in r.stdout
    assert run("sweep", WEIWEI, "--vary", "content.nope=1,2").exit_code == 2


def test_solve_breakeven_is_verified_by_compare() -> None:
    r = run("solve", WEIWEI, "--for", "content.aov", "-f", "json")
    assert r.exit_code == 0, r.stderr
    out = json.loads(r.stdout)
    assert (out["merchant"], out["for"], out["target"]) == ("weiwei", "content.aov", "breakeven")
    assert out["check"] == 0.0
    value = out["value"]
    compared = json.loads(
        run("compare", WEIWEI, "--set", f"content.aov={value!r}", "-f", "json").stdout
    )
    assert abs(compared["merchants"][0]["comparison"]["contribution_delta"]) < 0.01


def test_solve_target_and_no_solution() -> None:
    r = run("solve", WEIWEI, "--for", "cogs_rate", "--target", "contribution=10万", "-f", "json")
    out = json.loads(r.stdout)
    assert out["check"] == 100000.0 and 0 < out["value"] < 1
    r = run("solve", WEIWEI, "--for", "content.aov", "--target", "gmv=-5")
    assert r.exit_code == 1 and "no solution in (0, 1,000,000,000,000,000]" in r.stderr
    assert "1e-12" not in r.stderr
    assert run("solve", WEIWEI, "--for", "content.aov", "--target", "profit=5").exit_code == 2


SEVERAL = """\
name: several
merchants:
  - id: a
    name: A
    shelf: {uv: 1000, conversion_rate: 2%, aov: 50, traffic_cost_per_uv: 0.5}
    content: {private_uv: 1000, watch_minutes: 5, orders_per_minute: 1%, aov: 50}
  - id: b
    name: B
    content: {private_uv: 3000, watch_minutes: 5, orders_per_minute: 1%, aov: 50}
  - id: c
    name: C
    shelf: {uv: 2000, conversion_rate: 3%, aov: 80}
    content: {private_uv: 1000, watch_minutes: 4, orders_per_minute: 2%, aov: 80}
"""


def test_solve_never_picks_one_of_several_merchants_silently(tmp_path: Path) -> None:
    path = tmp_path / "several.yaml"
    path.write_text(SEVERAL, encoding="utf-8")
    r = run("solve", str(path), "--for", "content.aov", "-f", "json")
    assert r.exit_code == 2 and r.stdout == ""
    assert "pass --merchant ID (one of a, c)" in r.stderr  # b has no shelf: no breakeven
    zh = runner.invoke(app, ["solve", str(path), "--for", "content.aov", "--lang", "zh"], env=EN)
    assert zh.exit_code == 2 and "请用 --merchant 商家ID 指定一个（可选：a、c）" in zh.stderr
    r = run("solve", str(path), "--for", "content.aov", "--merchant", "c", "-f", "json")
    assert r.exit_code == 0 and json.loads(r.stdout)["merchant"] == "c"
    # the one merchant the solve applies to needs no --merchant
    r = run(
        "solve", str(path), "--for", "shelf.aov", "--target", "gmv=1万", "-m", "a", "-f", "json"
    )
    assert r.exit_code == 0
    path.write_text(SEVERAL.split("  - id: c")[0], encoding="utf-8")
    r = run("solve", str(path), "--for", "content.aov", "-f", "json")
    assert r.exit_code == 0 and json.loads(r.stdout)["merchant"] == "a"


@pytest.mark.parametrize("twice", [["-m", "a", "-m", "c"], ["--merchant", "a", "-mc"]])
def test_solve_refuses_a_repeated_merchant(twice: list[str], tmp_path: Path) -> None:
    """Click would keep the last --merchant and solve for it without a word."""
    path = tmp_path / "several.yaml"
    path.write_text(SEVERAL, encoding="utf-8")
    r = run("solve", str(path), "--for", "content.aov", *twice, "-f", "json")
    assert r.exit_code == 2 and r.stdout == ""
    assert "--merchant is given more than once" in r.stderr
    zh = runner.invoke(app, ["solve", str(path), "--for", "content.aov", *twice, "--lang", "zh"])
    assert zh.exit_code == 2 and "--merchant 只能指定一次" in zh.stderr


@pytest.mark.parametrize(
    ("command", "suffix"),
    [("simulate", ".png"), ("sensitivity", ".svg"), ("forecast", ".png")],
)
def test_plots_are_written(command: str, suffix: str, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    chart = tmp_path / f"chart{suffix}"
    extra = (
        ["--all"]
        if command == "sensitivity"
        else (["--runs", "500"] if command == "simulate" else [])
    )
    # a histogram needs draws that differ (SPEC §8: no histogram of one value)
    source = WEIWEI.replace("factory", "uncertain") if command == "simulate" else WEIWEI
    r = run(command, source, *extra, "--plot", str(chart))
    assert r.exit_code == 0, r.stderr
    assert chart.stat().st_size > 1000
    assert run(command, WEIWEI, *extra, "--plot", str(tmp_path / "x.gif")).exit_code == 2
