"""SPEC §4 by hand: every row of the table for the SPEC's own example merchant."""

from __future__ import annotations

import pytest

from gmvcli import engine
from gmvcli.compare import compare_scenario
from gmvcli.policies import Terms
from gmvcli.rows import MODELS
from tests.helpers import scenario

approx = pytest.approx


@pytest.fixture
def weiwei():  # type: ignore[no-untyped-def]
    return scenario().merchants[0]


def test_shelf_rows(weiwei) -> None:  # type: ignore[no-untyped-def]
    r = engine.shelf_result(weiwei)
    assert r is not None
    assert r.uv == 200_000
    assert r.conversion == 0.025
    assert r.orders == approx(5_000)  # 200,000 × 2.5% × 1
    assert r.gmv == approx(445_000)  # 5,000 × 89
    assert r.refunds == approx(44_500)  # 445,000 × 10%
    assert r.net_gmv == approx(400_500)  # 445,000 − 44,500
    assert r.costs.traffic == approx(120_000)  # 200,000 × 0.6
    assert r.costs.commission == approx(20_025)  # 400,500 × 5%
    assert r.costs.promotion == approx(32_040)  # 400,500 × 8%
    assert r.costs.content == 0
    assert r.costs.goods == approx(180_225)  # 400,500 × 45%
    assert r.costs.total == approx(352_290)  # 120,000 + 20,025 + 32,040 + 0 + 180,225
    assert r.rebate == 0
    assert r.contribution == approx(48_210)  # 400,500 − 352,290 + 0
    assert r.roi == approx(445_000 / 120_000)


def test_content_rows(weiwei) -> None:  # type: ignore[no-untyped-def]
    r = engine.content_result(weiwei, Terms(commission_rate=0.05))
    assert r is not None
    assert (r.private_uv, r.public_uv, r.bonus_uv) == (120_000, 80_000, 0)
    assert r.uv == 200_000  # 120,000 + 80,000 + 0
    assert r.conversion == approx(0.03)  # 6 minutes × 0.5% per minute
    assert r.orders == approx(9_600)  # 200,000 × 3% × 1.6
    assert r.gmv == approx(854_400)  # 9,600 × 89
    assert r.refunds == approx(213_600)  # 854,400 × 25%
    assert r.net_gmv == approx(640_800)
    assert r.costs.traffic == approx(40_000)  # only the 80,000 paid visitors × 0.5
    assert r.costs.commission == approx(32_040)  # 640,800 × 5%
    assert r.costs.promotion == 0
    assert r.costs.content == 30_000
    assert r.costs.goods == approx(288_360)  # 640,800 × 45%
    assert r.costs.total == approx(390_400)
    assert r.contribution == approx(250_400)  # 640,800 − 390,400
    assert r.roi == approx(21.36)  # 854,400 ÷ 40,000


def test_comparison_and_drivers() -> None:
    m = compare_scenario(scenario(), "t.yaml").merchants[0]
    c = m.comparison
    assert c is not None
    assert c.gmv_delta == approx(409_400)  # 854,400 − 445,000
    assert c.gmv_ratio == approx(1.92)
    assert c.net_gmv_delta == approx(240_300)
    assert c.contribution_delta == approx(202_190)  # 250,400 − 48,210
    d = c.drivers
    assert (d.uv, d.conversion, d.aov, d.repurchase) == approx((1.0, 1.2, 1.0, 1.6))
    assert engine.main_driver(d, c.gmv_ratio) == "repurchase"


def test_fans_times_reach_gives_private_uv() -> None:
    text = scenario().merchants[0].content
    assert text is not None
    fans = text._replace(private_uv=None, fans=600_000, reach_rate=0.2)
    assert engine.private_uv(fans) == approx(120_000)
    none = text._replace(private_uv=None, fans=None)
    assert engine.private_uv(none) == 0


def test_roi_is_none_without_traffic_cost(weiwei) -> None:  # type: ignore[no-untyped-def]
    free = weiwei._replace(shelf=weiwei.shelf._replace(traffic_cost_per_uv=0.0))
    r = engine.shelf_result(free)
    assert r is not None and r.roi is None


def test_policy_terms_change_commission_bonus_and_rebate(weiwei) -> None:  # type: ignore[no-untyped-def]
    terms = Terms(
        commission_rate=0.0, bonus_uv=10_000, rebate_traffic_rate=0.05, rebate_gmv_rate=0.01
    )
    r = engine.content_result(weiwei, terms)
    assert r is not None
    assert r.uv == 210_000  # bonus visitors watch and buy ...
    assert r.costs.traffic == approx(40_000)  # ... but cost nothing
    assert r.costs.commission == 0
    assert r.gmv == approx(210_000 * 0.03 * 1.6 * 89)
    assert r.rebate == approx(40_000 * 0.05 + r.gmv * 0.01)
    assert r.contribution == approx(r.net_gmv - r.costs.total + r.rebate)


def test_drivers_none_where_shelf_factor_is_zero() -> None:
    s = scenario().merchants[0]
    zero = s._replace(shelf=s.shelf._replace(uv=0.0))  # type: ignore[union-attr]
    shelf = engine.shelf_result(zero)
    content = engine.content_result(zero, Terms(0.05))
    assert shelf is not None and content is not None
    c = engine.compare(shelf, content)
    assert c.gmv_ratio is None and c.drivers.uv is None
    assert c.drivers.conversion == approx(1.2)


def test_every_row_formula_names_only_known_variables() -> None:
    # The formula text is what the engine evaluates; each name must be an input or an earlier row.
    inputs = {
        "shelf": set(engine.shelf_inputs(scenario().merchants[0].shelf, 0.1)),  # type: ignore[arg-type]
        "content": set(
            engine.content_inputs(scenario().merchants[0].content, 0.1, Terms(0.0), 0.0)  # type: ignore[arg-type]
        ),
    }
    for model in MODELS:
        known = set(inputs[model])
        for row in engine.rows_for(model):
            names = set(row.code.co_names)
            assert names <= known, (model, row.key, names - known)
            known.add(row.key)
