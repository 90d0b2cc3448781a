"""SPEC §5 and the time-dependent parts of §6, by hand."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from gmvcli.cli import app
from gmvcli.forecast import forecast_scenario, settings
from gmvcli.loader import load_text
from gmvcli.model import parse_scenario
from tests.conftest import ACCEPTANCE

approx = pytest.approx

SMALL = """\
name: small
forecast: {periods: 3, follow_rate: 20%, fan_churn_rate: 10%, public_cost_growth: 10%,
           shelf_traffic_cost_growth: 50%}
merchants:
  - id: m
    name: M
    shelf: {uv: 100, conversion_rate: 10%, aov: 110, traffic_cost_per_uv: 5}
    content: {fans: 1000, reach_rate: 50%, public_uv: 100, watch_minutes: 1,
              orders_per_minute: 10%, aov: 10, public_cost_per_uv: 1}
"""


def run(text: str, periods: int | None = None) -> Any:
    doc = load_text(text, "f.yaml")
    return forecast_scenario(parse_scenario(doc), doc, periods).merchants[0]


def test_three_periods_by_hand() -> None:
    m = run(SMALL)
    c = [p.content for p in m.periods]
    s = [p.shelf for p in m.periods]
    # t1: private 1000 × 50% = 500; uv 600; orders 600 × 10% = 60; gmv 60 × 10 = 600
    #     traffic 100 × 1 = 100; contribution 600 − 100 = 500; fans 1000 × 0.9 + 20% × 100 = 920
    assert (c[0].private_uv, c[0].gmv, c[0].costs.traffic, c[0].contribution) == approx(
        (500, 600, 100, 500)
    )
    assert (m.periods[0].fans_start, m.periods[0].fans_end) == approx((1000, 920))
    # t2: private 50% × 920 = 460; gmv 560; traffic 100 × 1.1 = 110; contribution 450; fans 848
    assert (c[1].private_uv, c[1].gmv, c[1].costs.traffic, c[1].contribution) == approx(
        (460, 560, 110, 450)
    )
    assert m.periods[1].fans_end == approx(848)
    # t3: private 424; gmv 524; traffic 121; contribution 403; fans 848 × 0.9 + 20 = 783.2
    assert (c[2].private_uv, c[2].gmv, c[2].costs.traffic, c[2].contribution) == approx(
        (424, 524, 121, 403)
    )
    assert m.periods[2].fans_end == approx(783.2)
    # shelf: gmv 100 × 10% × 110 = 1,100; traffic 500, 750, 1,125 → contribution 600, 350, −25
    assert [r.contribution for r in s] == approx([600, 350, -25])
    # cumulative: shelf 600, 950, 925; content 500, 950, 1,353 → content draws level in period 2
    assert m.crossover == 2
    assert m.content_totals.gmv == approx(1684) and m.shelf_totals.contribution == approx(925)


def test_periods_option_overrides_the_file() -> None:
    assert len(run(SMALL, periods=5).periods) == 5


def test_merchant_forecast_overrides_file_keys() -> None:
    text = SMALL.replace(
        "    name: M\n", "    name: M\n    forecast: {periods: 2, fan_churn_rate: 0}\n"
    )
    doc = load_text(text, "f.yaml")
    scn = parse_scenario(doc)
    cfg = settings(scn, scn.merchants[0])
    assert (cfg.periods, cfg.fan_churn_rate, cfg.follow_rate) == (2, 0.0, 0.2)
    m = run(text)
    assert m.periods[0].fans_end == approx(1000 + 20)


def test_private_uv_without_fans_starts_from_private_over_reach() -> None:
    text = SMALL.replace("fans: 1000", "private_uv: 500")
    m = run(text)
    assert m.periods[0].fans_start == approx(1000)
    assert m.periods[1].content.private_uv == approx(460)


POLICIES = """\
name: p
forecast: {periods: 4}
policies:
  free2: {commission_rate: 0, periods: 2}
  half: {commission_discount: 50%}
  coupon: {public_uv_bonus: 50, periods: 1}
  bet: {bet: {gmv_target: 600, public_uv_bonus: 1000}, periods: 2}
merchants:
  - id: m
    name: M
    policies: [free2, half, coupon, bet]
    content: {private_uv: 500, reach_rate: 50%, public_uv: 100, watch_minutes: 1,
              orders_per_minute: 10%, aov: 10, commission_rate: 10%}
"""


def test_policies_over_time() -> None:
    m = run(POLICIES)
    c = [p.content for p in m.periods]
    # free2 then half: 0 × 50% in periods 1–2, 10% × 50% = 5% from period 3
    assert [r.commission_rate for r in c] == approx([0, 0, 0.05, 0.05])
    # coupon in period 1 only; t1 gmv (500 + 100 + 50) × 10% × 10 = 650 ≥ 600 → bet pays 1,000 in t2;
    # t2 gmv (500 + 100 + 1,000) × 10% × 10 = 1,600 → pays in t3 (t2 is still within periods: 2);
    # t3 is past the bet's periods, so nothing for t4.
    assert [r.bonus_uv for r in c] == [50, 1000, 1000, 0]


def test_bet_missed_pays_nothing() -> None:
    m = run(POLICIES.replace("gmv_target: 600", "gmv_target: 10000"))
    assert [p.content.bonus_uv for p in m.periods] == [50, 0, 0, 0]


def test_content_without_reach_rate_is_an_error_for_that_merchant_only(write) -> None:  # type: ignore[no-untyped-def]
    text = (
        SMALL
        + """\
  - id: noreach
    name: N
    content: {private_uv: 10, watch_minutes: 1, orders_per_minute: 1%, aov: 10}
"""
    )
    path = write(text)
    r = CliRunner().invoke(app, ["forecast", str(path), "-f", "json"], env={"LANG": "C"})
    assert r.exit_code == 1
    out = json.loads(r.stdout)
    assert out["merchants"][0]["crossover"] == 2
    bad = out["merchants"][1]
    assert bad["periods"] == [] and bad["error"]["path"] == "merchants[1].content"
    assert (
        f"{path}:12:14: merchants[1].content: cannot forecast private visitors without reach_rate"
        in r.stderr
    )


def test_forecast_formats(write) -> None:  # type: ignore[no-untyped-def]
    path = write(SMALL)
    runner = CliRunner()
    csv_out = runner.invoke(app, ["forecast", str(path), "-f", "csv"]).stdout.splitlines()
    assert csv_out[0].startswith("file,scenario,merchant,merchant_name,role,period,model,")
    assert len(csv_out) == 1 + 3 * 2
    table = runner.invoke(
        app, ["forecast", str(path), "--lang", "en"], env={"COLUMNS": "100"}
    ).stdout
    assert "Content draws level in month 2" not in table  # 925 vs 1,353: content ends ahead
    assert "Content overtakes shelf in month 2; after 3 months it has earned ¥428 more." in table
    md = runner.invoke(app, ["forecast", str(path), "-f", "markdown", "--lang", "zh"]).stdout
    assert "| 期 | 货架GMV | 内容GMV | 货架利润 | 内容利润 | 粉丝 | 累计利润差 |" in md


# --- the public acceptance cases, as a regression test ------------------------------------------


def _close(got: Any, want: Any, path: str) -> None:
    if isinstance(want, dict):
        for key, value in want.items():
            if key in got:
                _close(got[key], value, f"{path}.{key}")
    elif isinstance(want, list):
        assert len(got) == len(want), path
        for i, (g, w) in enumerate(zip(got, want, strict=True)):
            _close(g, w, f"{path}[{i}]")
    elif isinstance(want, float) and not isinstance(want, bool):
        assert math.isclose(got, want, rel_tol=2e-6, abs_tol=0.011), path
    else:
        assert got == want, path


CASES = sorted((ACCEPTANCE / "cases").glob("*.yaml")) if ACCEPTANCE.exists() else []


@pytest.mark.skipif(not CASES, reason="../shared/acceptance is not beside the checkout")
@pytest.mark.parametrize("command", ["compare", "forecast"])
@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_public_acceptance_cases(case: Path, command: str) -> None:
    want = ACCEPTANCE / "expected" / f"{case.stem}.{command}.json"
    r = CliRunner().invoke(app, [command, str(case), "--format", "json"])
    assert r.exit_code == 0, r.stderr
    _close(json.loads(r.stdout), json.loads(want.read_text(encoding="utf-8")), "$")


def test_rebate_follows_the_policy_periods() -> None:
    text = POLICIES.replace("policies: [free2, half, coupon, bet]", "policies: [back]").replace(
        "  free2:", "  back: {rebate_rate: 10%, rebate_base: gmv, periods: 2}\n  free2:"
    )
    m = run(text)
    # gmv (500 + 100) × 10% × 10 = 600 in period 1; rebate 10% of gmv in periods 1–2 only
    assert [p.content.rebate for p in m.periods][:1] == approx([60])
    assert m.periods[1].content.rebate == approx(0.1 * m.periods[1].content.gmv)
    assert [p.content.rebate for p in m.periods][2:] == [0, 0]
