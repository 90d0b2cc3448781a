"""Invariants of SPEC §4–§5 over generated merchants (hypothesis)."""

from __future__ import annotations

import json
import math
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from gmvcli.compare import compare_scenario
from gmvcli.data import compare_data, forecast_data, model_data
from gmvcli.forecast import forecast_scenario
from gmvcli.loader import load_text
from gmvcli.model import parse_scenario

rates = st.floats(min_value=0, max_value=1, allow_nan=False)
positive = st.floats(min_value=0.01, max_value=1e4, allow_nan=False)
counts = st.floats(min_value=0, max_value=1e7, allow_nan=False)
money = st.floats(min_value=0, max_value=50, allow_nan=False)

shelves = st.fixed_dictionaries(
    {
        "uv": st.floats(min_value=1, max_value=1e7),
        "conversion_rate": st.floats(min_value=1e-4, max_value=1),
        "aov": positive,
        "repurchase_frequency": st.floats(min_value=0.1, max_value=10),
        "traffic_cost_per_uv": money,
        "commission_rate": rates,
        "discount_rate": rates,
        "refund_rate": rates,
    }
)
contents = st.fixed_dictionaries(
    {
        "fans": counts,
        "reach_rate": st.floats(min_value=0.001, max_value=1),
        "public_uv": counts,
        "watch_minutes": st.floats(min_value=0.1, max_value=20),  # conversion ≤ 100% (SPEC §2)
        "orders_per_minute": st.floats(min_value=0, max_value=0.05),
        "aov": positive,
        "repurchase_frequency": st.floats(min_value=0.1, max_value=10),
        "public_cost_per_uv": money,
        "commission_rate": rates,
        "refund_rate": rates,
        "content_cost": counts,
    }
)
policies = st.lists(
    st.sampled_from(
        ["new_store_commission_free", "traffic_coupon", "cash_rebate", "brand_jbp", "traffic_bet"]
    ),
    max_size=3,
)
forecasts = st.fixed_dictionaries(
    {
        "follow_rate": rates,
        "fan_churn_rate": rates,
        "shelf_traffic_cost_growth": st.floats(min_value=-0.5, max_value=0.5),
        "public_cost_growth": st.floats(min_value=-0.5, max_value=0.5),
        "periods": st.integers(min_value=1, max_value=8),
    }
)


@st.composite
def merchants(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "id": "m",
        "name": "M",
        "role": draw(st.sampled_from(["factory", "brand", "streamer", "service_provider"])),
        "cogs_rate": draw(rates),
        "policies": draw(policies),
        "shelf": draw(shelves),
        "content": draw(contents),
        "forecast": draw(forecasts),
    }


def load(merchant: dict[str, Any]) -> Any:
    doc = load_text(json.dumps({"name": "p", "merchants": [merchant]}), "p.yaml")
    return doc, parse_scenario(doc)


@given(merchants())
def test_drivers_multiply_to_gmv_ratio(merchant: dict[str, Any]) -> None:
    _, scn = load(merchant)
    c = compare_scenario(scn, "p.yaml").merchants[0].comparison
    assert c is not None
    d = c.drivers
    if c.gmv_ratio is None or c.gmv_ratio < 1e-300:  # subnormal floats carry no 12 digits
        return
    product = d.uv * d.conversion * d.aov * d.repurchase  # type: ignore[operator]
    assert math.isclose(product, c.gmv_ratio, rel_tol=1e-12)


@given(merchants())
def test_period_one_of_a_forecast_is_compare(merchant: dict[str, Any]) -> None:
    doc, scn = load(merchant)
    one = compare_scenario(scn, "p.yaml").merchants[0]
    fc = forecast_scenario(scn, doc).merchants[0]
    first = fc.periods[0]
    assert model_data(first.shelf) == model_data(one.shelf)
    assert model_data(first.content) == model_data(one.content)


@given(merchants())
def test_totals_are_sums_of_periods(merchant: dict[str, Any]) -> None:
    doc, scn = load(merchant)
    fc = forecast_scenario(scn, doc).merchants[0]
    assert fc.content_totals is not None and fc.shelf_totals is not None
    assert math.isclose(
        fc.content_totals.contribution,
        sum(p.content.contribution for p in fc.periods if p.content),
        rel_tol=1e-9,
        abs_tol=1e-6,
    )
    assert math.isclose(
        fc.shelf_totals.gmv, sum(p.shelf.gmv for p in fc.periods if p.shelf), rel_tol=1e-9
    )


@given(merchants())
def test_without_dynamics_every_period_is_the_same(merchant: dict[str, Any]) -> None:
    merchant = {**merchant, "policies": [], "forecast": {"periods": 4}}
    doc, scn = load(merchant)
    periods = forecast_scenario(scn, doc).merchants[0].periods
    first = (model_data(periods[0].shelf), model_data(periods[0].content))
    for p in periods[1:]:
        assert (model_data(p.shelf), model_data(p.content)) == first


@given(merchants())
def test_json_has_no_nan_and_no_float_noise(merchant: dict[str, Any]) -> None:
    doc, scn = load(merchant)
    for obj in (
        compare_data(compare_scenario(scn, "p")),
        forecast_data(forecast_scenario(scn, doc)),
    ):
        text = json.dumps(obj, allow_nan=False)
        for token in text.replace(",", " ").replace("}", " ").replace("]", " ").split():
            if token[:1].isdigit() and "." in token and "e" not in token:
                assert len(token.split(".")[1]) <= 6, token


@given(st.integers(min_value=1, max_value=99_999), st.integers(min_value=1, max_value=9_999))
def test_wan_and_plain_numbers_give_identical_output(uv_wan: int, aov: int) -> None:
    template = (
        "name: n\nmerchants:\n  - id: a\n    name: A\n    shelf:\n      uv: {uv}\n"
        "      conversion_rate: {conv}\n      aov: {aov}\n"
    )
    a = template.format(uv=f"{uv_wan}万", conv="2.5%", aov=f"¥{aov:,}")
    b = template.format(uv=uv_wan * 10_000, conv=0.025, aov=aov)
    out_a = compare_data(compare_scenario(parse_scenario(load_text(a, "f")), "f"))
    out_b = compare_data(compare_scenario(parse_scenario(load_text(b, "f")), "f"))
    assert json.dumps(out_a) == json.dumps(out_b)


@given(merchants())
def test_generated_readers_shape_what_the_plan_says(merchant: dict[str, Any]) -> None:
    """model_data and comparison_data are generated code (gmvcli/data.py): the same JSON as the
    plan read row by row, `rounded(get(result), n)`, and the comparison key by key."""
    from gmvcli.data import _PLAN, _shape, comparison_data, r6, rounded
    from gmvcli.rows import COMPARISON, DRIVERS, decimals

    _, scn = load(merchant)
    m = compare_scenario(scn, "p.yaml").merchants[0]
    for result in (m.shelf, m.content):
        if result is not None:
            plan = _PLAN[result.model]
            expected = _shape(result.model, [rounded(get(result), n) for _, _, get, n in plan])
            assert json.dumps(model_data(result)) == json.dumps(expected)
    c = m.comparison
    if c is not None:
        expected_c = {
            **{k: rounded(getattr(c, k), decimals(kind)) for k, kind in COMPARISON},
            "drivers": {k: r6(getattr(c.drivers, k)) for k, _ in DRIVERS},
        }
        assert json.dumps(comparison_data(c)) == json.dumps(expected_c)
