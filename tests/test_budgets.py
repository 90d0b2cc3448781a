"""Budgets instead of visitor counts (SPEC §3): shelf.traffic_budget and content.public_budget."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from gmvcli.cli import app
from gmvcli.errors import ScenarioError
from tests.helpers import WEIWEI, scenario

runner = CliRunner()
EN = {"LANG": "C.UTF-8", "LC_ALL": ""}
# WEIWEI's shelf buys 200,000 visitors at ¥0.6 (¥120,000), content 80,000 public at ¥0.5 (¥40,000)
BUDGETS = WEIWEI.replace("      uv: 200000\n", "      traffic_budget: 12万\n").replace(
    "      public_uv: 80000\n", "      public_budget: ¥4万\n"
)
GROWING = (
    BUDGETS + "forecast: {periods: 3, shelf_traffic_cost_growth: 10%, public_cost_growth: 25%}\n"
)


def run(*args: str) -> Any:
    return runner.invoke(app, list(args), env=EN)


def test_a_budget_buys_the_visitors_a_count_would_give(write: Any) -> None:
    counted = json.loads(run("compare", str(write(WEIWEI, "a.yaml")), "-f", "json").stdout)
    budgeted = json.loads(run("compare", str(write(BUDGETS, "b.yaml")), "-f", "json").stdout)
    a, b = counted["merchants"][0], budgeted["merchants"][0]
    assert b["shelf"]["uv"] == 200_000 and b["content"]["public_uv"] == 80_000
    assert a["shelf"] == b["shelf"] and a["content"] == b["content"]


def test_in_a_forecast_the_budget_is_held_and_visitors_shrink(write: Any) -> None:
    out = json.loads(run("forecast", str(write(GROWING)), "-f", "json").stdout)
    periods = out["merchants"][0]["periods"]
    for t, p in enumerate(periods):
        assert p["shelf"]["costs"]["traffic"] == 120_000
        assert p["shelf"]["uv"] == round(200_000 / 1.1**t, 2)
        assert p["content"]["costs"]["traffic"] == 40_000
        assert p["content"]["public_uv"] == round(80_000 / 1.25**t, 2)
    # a visitor count is held instead, and its spend grows
    counted = WEIWEI + "forecast: {periods: 3, shelf_traffic_cost_growth: 10%}\n"
    out = json.loads(run("forecast", str(write(counted, "c.yaml")), "-f", "json").stdout)
    last = out["merchants"][0]["periods"][2]["shelf"]
    assert last["uv"] == 200_000 and last["costs"]["traffic"] == round(120_000 * 1.1**2, 2)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (BUDGETS.replace("traffic_budget: 12万\n", "traffic_budget: 12万\n      uv: 5\n"),
         "give uv or traffic_budget, not both"),
        (BUDGETS.replace("      traffic_cost_per_uv: 0.6\n", ""),
         "traffic_budget needs traffic_cost_per_uv above 0"),
        (BUDGETS.replace("public_cost_per_uv: 0.5", "public_cost_per_uv: 0"),
         "public_budget needs public_cost_per_uv above 0"),
        (BUDGETS.replace("public_budget: ¥4万\n", "public_budget: ¥4万\n      public_uv: 3\n"),
         "give public_uv or public_budget, not both"),
        (WEIWEI.replace("      uv: 200000\n", ""), "missing required key 'uv'"),
    ],
)  # fmt: skip
def test_a_budget_excludes_its_count_and_needs_a_cost(text: str, message: str) -> None:
    with pytest.raises(ScenarioError) as info:
        scenario(text)
    assert any(message in str(p) for p in info.value.problems), info.value.problems


def test_errors_in_chinese(write: Any) -> None:
    r = run(
        "validate",
        str(write(BUDGETS.replace("      traffic_cost_per_uv: 0.6\n", ""))),
        "--lang",
        "zh",
    )
    assert r.exit_code == 1
    assert "给了 traffic_budget 就需要 traffic_cost_per_uv 大于0" in r.stderr


def test_set_a_budget_replaces_the_count_and_explain_shows_the_division(write: Any) -> None:
    path = str(write(WEIWEI))
    out = json.loads(
        run(
            "compare",
            path,
            "--set",
            "shelf.traffic_budget=6万",
            "--set",
            "content.public_budget=2万",
            "-f",
            "json",
        ).stdout
    )
    assert out["merchants"][0]["shelf"]["uv"] == 100_000
    assert out["merchants"][0]["content"]["public_uv"] == 40_000
    text = run("explain", str(write(BUDGETS, "b.yaml"))).stdout
    assert "uv = traffic_budget ÷ traffic_cost_per_uv = ¥120,000 ÷ ¥0.6 = 200,000" in text
    assert "public_uv = public_budget ÷ public_cost_per_uv = ¥40,000 ÷ ¥0.5 = 80,000" in text


def test_sweep_varies_the_budget_a_merchant_gives(write: Any) -> None:
    path = str(write(BUDGETS))
    r = run("sweep", path, "--vary", "shelf.traffic_budget=6万,12万", "-f", "json")
    rows = json.loads(r.stdout)["rows"]
    assert [row["shelf_gmv"] for row in rows] == [222_500.0, 445_000.0]


def test_the_budget_fields_are_read_from_the_registry() -> None:
    """rows.BUDGETS declares each model's visitors/budget/cost once: the modules that read budgets
    spell no budget field themselves (as a string: a key, a path, a message parameter)."""
    import ast
    from pathlib import Path

    import gmvcli
    from gmvcli.rows import BUDGETS

    names = {b.budget for b in BUDGETS.values()}
    root = Path(gmvcli.__file__).parent
    for module in ("inputs.py", "model/validate.py", "engine.py", "explain.py"):
        tree = ast.parse((root / module).read_text(encoding="utf-8"))
        spelled = [
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and node.value in names
        ]
        assert spelled == [], (module, spelled)
