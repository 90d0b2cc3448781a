"""What-if tables as a merchant reads them (SPEC §8): values as the field is, labels in the language."""

from __future__ import annotations

import json
from typing import Any

from typer.testing import CliRunner

from gmvcli.cli import app
from tests.conftest import SCENARIOS

runner = CliRunner()
WEIWEI = str(SCENARIOS / "weiwei-factory.yaml")
UNCERTAIN = str(SCENARIOS / "weiwei-uncertain.yaml")


def run(*args: str, width: int = 80) -> Any:
    return runner.invoke(
        app, list(args), env={"LANG": "C.UTF-8", "LC_ALL": "", "COLUMNS": str(width)}
    )


def test_sweep_writes_values_as_their_fields_with_labels() -> None:
    args = [
        "sweep",
        WEIWEI,
        "--vary",
        "content.orders_per_minute=0.3%,0.5%",
        "--vary",
        "shelf.aov=128",
    ]
    en = run(*args).stdout
    assert "0.3%" in en and "¥128" in en and "0.003" not in en
    assert "minute" in en and "content.orders_per_minute" not in en
    zh = run(*args, "--lang", "zh").stdout
    assert "单位时长订单转化率" in zh and "客单价" in zh and "¥128" in zh


def test_sensitivity_labels_fields_and_leaves_out_zero_swings() -> None:
    zh = run("sensitivity", WEIWEI, "--all", "--lang", "zh").stdout
    assert "content." not in zh and "shelf." not in zh
    assert "内容+私域 复购频次" in zh
    en = run("sensitivity", WEIWEI, "--all").stdout
    rows = [line for line in en.splitlines() if "¥" in line]
    assert rows and all(not line.rstrip().endswith(" ¥0") for line in rows)
    data = json.loads(run("sensitivity", WEIWEI, "--all", "--format", "json").stdout)
    still = sum(1 for r in data["merchants"][0]["rows"] if r["swing"] == 0)
    if still:
        assert f"not shown: inputs that move nothing (swing ¥0): {still}" in en
    # no word is cut in two at 80 columns: every label word is a whole word of a label
    assert "frequen\n" not in en and "repurchase_freque" not in en


def test_solve_says_what_it_solved_as_the_field_is_and_over_how_many_periods() -> None:
    en = run("solve", WEIWEI, "--for", "content.aov").stdout
    assert en.startswith("weiwei: content.aov = ¥112.97 — average order value (content)")
    assert "content = shelf" in en and "in period 1" in en and "1e-12" not in en
    zh = run("solve", WEIWEI, "--for", "shelf.conversion_rate", "--lang", "zh", "-n", "6").stdout
    assert "与货架持平" in zh and "按6个月合计计算" in zh and "%" in zh
    data = json.loads(run("solve", WEIWEI, "--for", "content.aov", "-n", "6", "-f", "json").stdout)
    assert data["periods"] == 6
    parity = json.loads(
        run("solve", WEIWEI, "--for", "content.aov", "--target", "parity", "-f", "json").stdout
    )
    assert parity["target"] == "breakeven" and parity["periods"] == 1
    keep = run("solve", WEIWEI, "--for", "content.aov", "--target", "保本", "--lang", "zh").stdout
    assert "保本" in keep and "贡献利润为¥0" in keep


def test_simulate_says_what_its_figures_are_and_warns_without_distributions() -> None:
    r = run("simulate", WEIWEI, "--runs", "50")
    assert "no input is written as a distribution" in r.stderr
    assert "│" not in r.stdout  # no histogram of one value
    r = run("simulate", UNCERTAIN, "--runs", "200", "--periods", "12")
    assert r.stderr == "" and "totals over 12 months" in r.stdout
    assert "one period" in run("simulate", UNCERTAIN, "--runs", "200").stdout
    bars = [
        line
        for line in run("simulate", UNCERTAIN, "--runs", "500").stdout.splitlines()
        if "│" in line
    ]
    assert len(bars) > 5 and len({line.index("│") for line in bars}) == 1
