"""A block of merchants forecast at once as columns (forecast.py's `columns`, score/forecast.py on
numpy; issue 16) gives what forecasting each merchant on its own gives: the same records, totals,
crossover and warnings, and byte for byte the same JSON, on generated merchants (hypothesis) with
every kind of input §5 reads — budgets, fans or private visitors, merchant-level settings, policies
limited in time, bets, rebates — and merchants that cannot be forecast among them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from gmvcli import forecast
from gmvcli.cli import app
from gmvcli.data import forecast_data, forecast_merchant_data
from gmvcli.forecast import ColumnPeriods, forecast_merchants, forecast_scenario
from gmvcli.loader import load_text
from gmvcli.model import parse_scenario
from gmvcli.render.forecast_json import merchant_json
from gmvcli.textsafe import json_dumps

rates = st.floats(min_value=0, max_value=1)
money = st.floats(min_value=0, max_value=1e6)
prices = st.floats(min_value=0.01, max_value=1e5)
counts = st.floats(min_value=0, max_value=1e8)
growth = st.floats(min_value=-0.5, max_value=0.5)


def or_drawn(values: st.SearchStrategy[float]) -> st.SearchStrategy[Any]:
    """A number, or a distribution around it (every command but simulate uses its central value)."""
    return st.one_of(
        values,
        st.builds(lambda v: {"low": v / 2, "high": v}, values),
        st.builds(lambda v: {"low": v / 2, "mode": v * 0.6, "high": v}, values),
        st.builds(lambda v: f"{v / 2} to {v}", values.filter(lambda v: v > 1e-6)),
    )


overrides = st.fixed_dictionaries(
    {},
    optional={
        "periods": st.integers(min_value=1, max_value=6),
        "commission_rate": rates,
        "commission_discount": rates,
        "public_uv_bonus": or_drawn(counts),
        "rebate_rate": rates,
        "rebate_base": st.sampled_from(["traffic", "gmv"]),
        "bet": st.fixed_dictionaries({"gmv_target": money, "public_uv_bonus": counts}),
    },
)
policy_ids = st.sampled_from(
    [
        "new_store_commission_free",
        "event_commission_cut",
        "traffic_bet",
        "traffic_coupon",
        "brand_jbp",
        "cash_rebate",
        "points_rights",
        "mine",
    ]
)
policy_uses = st.lists(
    st.one_of(policy_ids, st.builds(lambda i, o: {"use": i, **o}, policy_ids, overrides)),
    max_size=4,
)
settings_ = st.fixed_dictionaries(
    {},
    optional={
        "periods": st.integers(min_value=1, max_value=30),
        "follow_rate": or_drawn(rates),
        "fan_churn_rate": rates,
        "shelf_traffic_cost_growth": growth,
        "public_cost_growth": growth,
    },
)


@st.composite
def bought(draw: st.DrawFn, visitors: str, budget: str, cost: str) -> dict[str, Any]:
    """A model's paid visitors: a count at any cost, or a budget at a cost above 0 (SPEC §3)."""
    if draw(st.booleans()):
        return {budget: draw(money), cost: draw(st.floats(min_value=0.01, max_value=50))}
    return {visitors: draw(counts), cost: draw(st.floats(min_value=0, max_value=50))}


@st.composite
def shelves(draw: st.DrawFn) -> dict[str, Any]:
    out = {
        "conversion_rate": draw(st.floats(min_value=0, max_value=1)),
        "aov": draw(or_drawn(prices)),
        "repurchase_frequency": draw(st.floats(min_value=0.1, max_value=10)),
        "commission_rate": draw(rates),
        "discount_rate": draw(rates),
        "refund_rate": draw(rates),
    }
    return out | draw(bought("uv", "traffic_budget", "traffic_cost_per_uv"))


@st.composite
def contents(draw: st.DrawFn) -> dict[str, Any]:
    out = {
        "watch_minutes": draw(or_drawn(st.floats(min_value=0.01, max_value=20))),
        "orders_per_minute": draw(st.floats(min_value=0, max_value=0.05)),
        "aov": draw(prices),
        "repurchase_frequency": draw(st.floats(min_value=0.1, max_value=10)),
        "commission_rate": draw(rates),
        "discount_rate": draw(rates),
        "refund_rate": draw(rates),
        "content_cost": draw(money),
    }
    private = draw(st.sampled_from(["fans", "private_uv", "none"]))
    if private == "fans":
        out["fans"] = draw(counts)
    elif private == "private_uv":
        out["private_uv"] = draw(counts)  # without reach_rate (or 0): cannot be forecast
    if private == "fans" or draw(st.booleans()):
        out["reach_rate"] = draw(rates)
    return out | draw(bought("public_uv", "public_budget", "public_cost_per_uv"))


@st.composite
def merchants(draw: st.DrawFn, i: int) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": f"m{i}",
        "name": f"商家{i}",
        "role": draw(st.sampled_from(["factory", "brand", "streamer", "service_provider"])),
        "cogs_rate": draw(rates),
        "policies": draw(policy_uses),
    }
    models = draw(st.sampled_from(["shelf", "content", "both"]))
    if models != "content":
        out["shelf"] = draw(shelves())
    if models != "shelf":
        out["content"] = draw(contents())
    if draw(st.booleans()):
        out["forecast"] = draw(settings_)
    return out


@st.composite
def scenarios(draw: st.DrawFn) -> str:
    count = draw(st.integers(min_value=1, max_value=8))
    data = {
        "name": "columns",
        "forecast": draw(settings_),
        "policies": {"mine": {"roles": ["brand"], **draw(overrides)}},
        "merchants": [draw(merchants(i)) for i in range(count)],
    }
    return json.dumps(data, ensure_ascii=False)


@contextmanager
def always_columns(block: int) -> Iterator[None]:
    """Forecast as columns whatever the block's size (the thresholds only save time), in blocks
    of about `block` merchant-periods."""
    saved = forecast.MIN_BLOCK, forecast.MIN_WORK, forecast.BLOCK
    forecast.MIN_BLOCK = forecast.MIN_WORK = 1
    forecast.BLOCK = block
    try:
        yield
    finally:
        forecast.MIN_BLOCK, forecast.MIN_WORK, forecast.BLOCK = saved


def both_ways(text: str, block: int) -> tuple[list[Any], list[Any]]:
    doc = load_text(text, "c.yaml")
    scenario = parse_scenario(doc)
    one_by_one = list(forecast_merchants(scenario, doc, columns=False))
    with always_columns(block):
        blocks = list(forecast_merchants(scenario, doc))
    return one_by_one, blocks


def same(a: Any, b: Any) -> bool:
    """Equal, NaN equal to NaN (a number that is not one is so either way)."""
    if isinstance(a, tuple | list) and isinstance(b, tuple | list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and a != a:
        return isinstance(b, float) and b != b
    return bool(a == b)


@settings(max_examples=100, deadline=None)
@given(scenarios(), st.integers(min_value=1, max_value=100))
def test_columns_give_what_one_merchant_at_a_time_gives(text: str, block: int) -> None:
    one_by_one, blocks = both_ways(text, block)
    assert len(one_by_one) == len(blocks)
    for a, b in zip(one_by_one, blocks, strict=True):
        assert isinstance(b.periods, ColumnPeriods) == (b.error is None)
        assert same(b._replace(periods=()), a._replace(periods=()))  # totals, crossover, warnings
        assert same(list(b.periods), list(a.periods))
        for ascii, pretty in ((False, False), (True, True)):  # (test_forecast_stream: all four)
            want = json_dumps(forecast_merchant_data(a), ascii=ascii, indent=2 if pretty else None)
            assert merchant_json(b, ascii, pretty) == want
            assert merchant_json(a, ascii, pretty) == want


ROW = (
    "  - {{id: m{i}, name: 商家{i}, role: streamer, cogs_rate: 45%,"
    " policies: [new_store_commission_free, traffic_coupon, {{use: traffic_bet, periods: {p}}}],"
    " shelf: {{uv: {uv}, conversion_rate: 2.5%, aov: 89, traffic_cost_per_uv: 0.6,"
    " commission_rate: 5%, discount_rate: 8%, refund_rate: 10%}},"
    " content: {{fans: {fans}, reach_rate: 20%, public_uv: 8万, watch_minutes: 6,"
    " orders_per_minute: 0.5%, aov: 89, repurchase_frequency: 1.6, public_cost_per_uv: 0.5,"
    " commission_rate: 5%, refund_rate: 25%, content_cost: 30000}}}}"
)


def test_the_command_writes_a_big_forecast_from_columns_as_the_whole_document(
    tmp_path: Path,
) -> None:
    """Over the thresholds, without patching: json, jsonl and csv as the records give them."""
    rows = [ROW.format(i=i, uv=100_000 + 7919 * i, fans=10_000 * i, p=1 + i % 5) for i in range(20)]
    text = (
        "name: many\nforecast: {periods: 150, follow_rate: 5%, fan_churn_rate: 2%,"
        " shelf_traffic_cost_growth: 1%, public_cost_growth: 1%}\nmerchants:\n"
        + "\n".join(rows)
        + "\n  - {id: x, name: no reach, content: {private_uv: 5, watch_minutes: 1,"
        " orders_per_minute: 1%, aov: 9}}\n"
    )
    path = tmp_path / "many.yaml"
    path.write_text(text, encoding="utf-8")
    doc = load_text(text, str(path))
    scenario = parse_scenario(doc)
    assert forecast.MIN_WORK <= 20 * 150
    assert isinstance(next(forecast_merchants(scenario, doc)).periods, ColumnPeriods)
    whole = forecast_scenario(scenario, doc)
    runner = CliRunner()
    out = runner.invoke(app, ["forecast", str(path), "--format", "json"]).stdout
    assert out == json_dumps(forecast_data(whole)) + "\n"
    out = runner.invoke(app, ["forecast", str(path), "--format", "jsonl"]).stdout
    assert out == json_dumps(forecast_data(whole)) + "\n"
    from gmvcli.render.csv import render_forecast

    out = runner.invoke(app, ["forecast", str(path), "--format", "csv"]).stdout
    assert out == render_forecast([whole])


@settings(max_examples=300)
@given(
    st.lists(
        st.one_of(
            st.floats(allow_nan=True, allow_infinity=True),
            st.floats(min_value=-1e14, max_value=1e14),
            st.integers(min_value=-(10**15), max_value=10**15).map(lambda k: k / 100),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_cents_are_written_as_repr_writes_them(values: list[float]) -> None:
    """A row of numbers rounded to cents, written from whole cents as units and cents, is repr's
    text of each (rows that cannot be are left to repr)."""
    import numpy as np

    from gmvcli.render.forecast_json import _cents_rows

    rounded = [round(v, 2) + 0.0 if np.isfinite(v) else v for v in values]
    rows = _cents_rows(np.array([rounded, rounded[::-1]]))
    for r, (units, cents) in rows.items():
        texts = [f"{u}{c}" for u, c in zip(units, cents, strict=True)]
        assert texts == [repr(v) for v in (rounded if r == 0 else rounded[::-1])]
    if all(np.isfinite(v) and abs(v) < 1e12 for v in rounded):
        assert len(rows) == 2


def test_fans_start_is_one_rule_for_one_merchant_and_for_columns() -> None:
    """fans₀ (SPEC §5) is worked out by forecast.fans_start for both; the two forms agree."""
    import numpy as np

    from gmvcli.forecast import fans_start

    cases = [  # (fans or None, private_uv, reach_rate or None)
        (500.0, 120.0, 0.2),
        (None, 120.0, 0.2),
        (None, 120.0, 0.0),
        (None, 120.0, None),
        (0.0, 0.0, 0.5),
    ]
    one = [fans_start(f, p, r) for f, p, r in cases]
    assert one == [500.0, 600.0, 0.0, 0.0, 0.0]
    given = np.array([f is not None for f, _, _ in cases])
    reached = np.array([r is not None for _, _, r in cases])
    fans = np.array([f or 0.0 for f, _, _ in cases])
    private = np.array([p for _, p, _ in cases])
    reach = np.array([r or 0.0 for _, _, r in cases])
    assert fans_start(fans, private, reach, given, reached).tolist() == one
