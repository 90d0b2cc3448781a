"""`gmvcli diff` (SPEC §9)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from gmvcli.cli import app
from tests.conftest import SCENARIOS
from tests.helpers import WEIWEI

runner = CliRunner()
EN = {"LANG": "C.UTF-8", "LC_ALL": ""}


def run(*args: str) -> Any:
    return runner.invoke(app, list(args), env=EN)


def numbers(obj: Any) -> list[Any]:
    if isinstance(obj, dict):
        return [x for v in obj.values() for x in numbers(v)]
    return [obj]


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.yaml")), ids=lambda p: p.name)
def test_a_file_against_itself_is_all_zeros(path: Path) -> None:
    r = run("diff", str(path), "--format", "json", "--exit-code")
    assert r.exit_code == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["base"] == str(path) and out["variant"] is None and out["overrides"] == []
    for m in out["merchants"]:
        assert m["status"] == "same"
        for model in ("shelf", "content"):
            if m[model] is not None:
                assert set(numbers(m[model]["delta"])) == {0.0}
                assert m[model]["base"] == m[model]["variant"]


def test_policies_none_equals_compare_without_policies(write) -> None:  # type: ignore[no-untyped-def]
    with_plan = WEIWEI.replace("role: factory", "role: streamer").replace(
        "    cogs_rate: 45%",
        "    cogs_rate: 45%\n    policies: [new_store_commission_free, traffic_coupon]",
    )
    path = write(with_plan, "plan.yaml")
    plain = write(WEIWEI.replace("role: factory", "role: streamer"), "plain.yaml")
    r = run("diff", str(path), "--policies", "none", "-f", "json", "--exit-code")
    assert r.exit_code == 1  # the plan changes numbers
    m = json.loads(r.stdout)["merchants"][0]
    assert json.loads(r.stdout)["overrides"] == ["--policies none"]
    expected = json.loads(run("compare", str(plain), "-f", "json").stdout)["merchants"][0]
    assert m["content"]["variant"] == expected["content"]
    assert m["shelf"]["variant"] == expected["shelf"]
    assert m["status"] == "changed"
    # the coupon's 50,000 free visitors at 3% × 1.6 × 89: GMV delta −213,600
    assert m["content"]["delta"]["gmv"] == -213600.0
    assert m["content"]["delta"]["bonus_uv"] == -50000.0
    assert m["content"]["delta_pct"]["bonus_uv"] == -100.0
    assert m["content"]["delta_pct"]["costs"]["commission"] is None  # base commission was 0


def test_set_applies_to_the_variant_only(write) -> None:  # type: ignore[no-untyped-def]
    path = write(WEIWEI)
    r = run("diff", str(path), "--set", "content.aov=99", "-f", "json")
    m = json.loads(r.stdout)["merchants"][0]
    assert m["content"]["base"]["gmv"] == 854400.0
    assert m["content"]["variant"]["gmv"] == 9600 * 99
    assert m["content"]["delta"]["gmv"] == 96000.0
    assert m["content"]["delta_pct"]["gmv"] == pytest.approx(96000 / 854400 * 100, abs=1e-6)
    assert m["shelf"]["delta"]["gmv"] == 0.0


def test_added_and_removed_merchants_and_models(write) -> None:  # type: ignore[no-untyped-def]
    base = write(WEIWEI, "a.yaml")
    other = WEIWEI.replace("id: weiwei", "id: other")
    shelf_only = WEIWEI.split("    content:")[0]
    variant = write(shelf_only + other.split("merchants:\n", 1)[1], "b.yaml")
    out = json.loads(run("diff", str(base), str(variant), "-f", "json").stdout)
    status = {m["id"]: m for m in out["merchants"]}
    assert status["weiwei"]["status"] == "changed"
    assert status["weiwei"]["content"]["variant"] is None
    assert status["weiwei"]["content"]["delta"] is None
    assert status["other"]["status"] == "added" and status["other"]["shelf"]["base"] is None
    back = json.loads(run("diff", str(variant), str(base), "-f", "json").stdout)
    assert {m["id"]: m["status"] for m in back["merchants"]}["other"] == "removed"


def test_table_markdown_and_csv(write) -> None:  # type: ignore[no-untyped-def]
    path = write(WEIWEI)
    table = run("diff", str(path), "--set", "content.aov=99").stdout
    assert "大进针织工厂（薇薇） [weiwei] · changed" in table
    assert "contribution change: shelf ±0, content +¥36,000 (+14.4%)" in table
    same = run("diff", str(path)).stdout
    assert same.rstrip().endswith("no differences")
    zh = run("diff", str(path), "--set", "content.aov=50", "--lang", "zh").stdout
    assert "贡献利润变化：货架电商 ±0，内容+私域 −¥" in zh
    # a difference has one sign in the table and the sentence (U+2212); the CSV keeps its numbers
    assert "−¥" in zh.split("贡献利润变化")[0] and "-¥" not in zh and "-1" not in zh
    assert ",-" in run("diff", str(path), "--set", "content.aov=50", "-f", "csv").stdout
    assert "无差异" in run("diff", str(path), "--lang", "zh").stdout
    markdown = run("diff", str(path), "--set", "content.aov=99", "--format", "markdown").stdout
    assert "contribution change: shelf ±0, content +¥36,000 (+14.4%)" in markdown
    md = run("diff", str(path), "--set", "content.aov=99", "-f", "markdown").stdout
    assert "| Content + private | **GMV** | ¥854,400 | ¥950,400 | +¥96,000 | +11.2% |" in md
    rows = list(csv.DictReader(io.StringIO(run("diff", str(path), "-f", "csv").stdout)))
    assert rows[0]["merchant"] == "weiwei" and rows[0]["delta"] == "0.0"


def test_bad_inputs(write) -> None:  # type: ignore[no-untyped-def]
    path = write(WEIWEI)
    r = run("diff", str(path), "--policies", "no_such_plan")
    assert r.exit_code == 1
    assert f"{path}: --policies no_such_plan: merchants[0].policies[0]: unknown policy" in r.stderr
    r = run("diff", str(path), "/no/such.yaml")
    assert r.exit_code == 1 and "no such file" in r.stderr
    assert run("diff", str(path), "--set", "shelf.nope=1").exit_code == 2


def test_a_bad_file_diffed_with_itself_is_reported_once(tmp_path: Path) -> None:
    """diff FILE --set …: the variant is the same file; its problems were printed twice."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nmerchants: [\n", encoding="utf-8")
    for args in (["--set", "content.aov=1"], [str(bad)]):
        r = run("diff", str(bad), *args)
        assert r.exit_code == 1
        assert len(r.stderr.strip().splitlines()) == 1, r.stderr
