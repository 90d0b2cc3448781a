"""Forecast JSON written merchant by merchant and column-wise (issue 16) is the very text the whole
document dumps to: merchant_json against json_dumps of forecast_merchant_data, the streamed
document against the dump of forecast_data, and bulk rounding of many columns against round_many."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gmvcli.data import forecast_data, forecast_merchant_data, round_columns, round_many
from gmvcli.forecast import forecast_scenario
from gmvcli.loader import load_text
from gmvcli.model import parse_scenario
from gmvcli.render.forecast_json import merchant_json
from gmvcli.textsafe import JsonText, json_chunks, json_dumps

ROOT = Path(__file__).resolve().parent.parent
#: no shelf, roi over a zero cost (null), a name with the slot's text and a bidi control, NaN-free
ODD = """\
gmvcli: 1
name: odd
forecast: {periods: 40, follow_rate: 5%, fan_churn_rate: 2%, public_cost_growth: 3%}
merchants:
  - id: a
    name: "@slot@ 甲 \\u202e"
    role: streamer
    cogs_rate: 45%
    shelf: {uv: 100000, conversion_rate: 2.5%, aov: 89, traffic_cost_per_uv: 0,
            commission_rate: 5%, discount_rate: 8%, refund_rate: 10%}
    content: {private_uv: 5万, reach_rate: 33.3333%, public_uv: 8万, watch_minutes: 6,
              orders_per_minute: 0.5%, aov: 89.5, public_cost_per_uv: 0, commission_rate: 5%,
              refund_rate: 25%, content_cost: 30000}
  - id: b
    name: 乙
    role: streamer
    cogs_rate: 45%
    content: {fans: 60万, reach_rate: 20%, public_uv: 8万, watch_minutes: 6,
              orders_per_minute: 0.5%, aov: 89, public_cost_per_uv: 0.5, commission_rate: 5%,
              refund_rate: 25%, content_cost: 30000}
  - id: c
    name: 丙
    role: streamer
    cogs_rate: 45%
    content: {private_uv: 5万, public_uv: 8万, watch_minutes: 6, orders_per_minute: 0.5%,
              aov: 89, public_cost_per_uv: 0.5, commission_rate: 5%, refund_rate: 25%,
              content_cost: 30000}
"""


def forecasts() -> list:
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(ROOT.glob("scenarios/*.yaml"))]
    out = []
    for name, text in [*texts, ("odd.yaml", ODD)]:
        doc = load_text(text, name)
        out.append(forecast_scenario(parse_scenario(doc), doc))
    return out


@pytest.mark.parametrize("ascii", [False, True])
@pytest.mark.parametrize("pretty", [False, True])
def test_merchant_json_is_the_dump_of_its_data(ascii: bool, pretty: bool) -> None:
    indent = 2 if pretty else None
    seen = 0
    for result in forecasts():
        for m in result.merchants:
            expected = json_dumps(forecast_merchant_data(m), ascii=ascii, indent=indent)
            assert merchant_json(m, ascii, pretty) == expected, (result.file, m.id)
            seen += 1
    assert seen >= 6


@pytest.mark.parametrize("pretty", [False, True])
def test_a_streamed_document_is_the_dump_of_the_whole(pretty: bool) -> None:
    indent = 2 if pretty else None
    for result in forecasts():
        whole = forecast_data(result)
        head = {k: v for k, v in whole.items() if k != "merchants"}
        parts = (JsonText(merchant_json(m, False, pretty)) for m in result.merchants)
        document = {**head, "merchants": parts}
        text = "".join(json_chunks(document, 2, indent=indent, at=2))
        assert text == json_dumps(whole, indent=indent).replace("\n", "\n  ")
    empty = "".join(json_chunks({"file": "x", "merchants": iter([])}, 2, indent=2, at=2))
    assert empty == json_dumps({"file": "x", "merchants": []}, indent=2).replace("\n", "\n  ")


@given(
    st.lists(
        st.lists(
            st.one_of(
                st.floats(-1e17, 1e17, allow_nan=False),
                st.integers(-(10**9), 10**9).map(lambda i: i / 1000 + 0.005),
            ),
            min_size=5,
            max_size=5,
        ),
        min_size=1,
        max_size=6,
    ),
    st.lists(st.sampled_from([2, 6]), min_size=6, max_size=6),
    st.integers(0, 5),
)
def test_rounding_columns_in_bulk_is_round_many(
    columns: list[list[float]], decimals: list[int], gap: int
) -> None:
    places = decimals[: len(columns)]
    for times in (1, 8):  # 5 values are rounded one by one, 40 as arrays
        long = [list(c) * times for c in columns]
        if gap < len(long):
            long[gap][1] = None  # type: ignore[call-overload]
        assert round_columns(long, places) == [
            round_many(c, n) for c, n in zip(long, places, strict=True)
        ]
