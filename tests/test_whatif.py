"""SPEC §8 what-if: sweep grids (vectorised, chunked) and solve (bracketed root finding)."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

from gmvcli import uncertainty, whatif
from gmvcli.compare import compare_scenario
from gmvcli.data import merchant_data, r2
from gmvcli.errors import UsageError
from gmvcli.model import Forecast, Scenario
from gmvcli.render import sweep as render_sweep
from gmvcli.uncertainty import with_value
from gmvcli.whatif import NoSolution, WhatIfError, parse_vary, solve, sweep_gaps, sweep_rows
from tests.helpers import scenario

TWO = """\
name: two
merchants:
  - id: a
    name: A
    cogs_rate: 30%
    shelf: {uv: 1000, conversion_rate: 2%, aov: 50, traffic_cost_per_uv: 0.5, refund_rate: 5%}
    content: {fans: 10000, reach_rate: 20%, public_uv: 500, public_cost_per_uv: 0.3,
              watch_minutes: 5, orders_per_minute: 1%, aov: 50, content_cost: 1000}
  - id: b
    name: B
    content: {private_uv: 3000, watch_minutes: 5, orders_per_minute: 1%, aov: 50}
  - id: c
    name: C
    shelf: {uv: 2000, conversion_rate: 3%, aov: 80, commission_rate: 5%}
    content: {private_uv: 1000, reach_rate: 10%, watch_minutes: 4, orders_per_minute: 2%,
              aov: 80, repurchase_frequency: 1.5, content_cost: 2000}
"""


@pytest.fixture(scope="module")
def two() -> Scenario:
    return scenario(TWO)


@pytest.fixture(scope="module")
def weiwei() -> Scenario:
    return scenario()


def compared(s: Scenario, index: int, path: str, value: float) -> dict[str, Any]:
    """`compare` with one field of merchant `index` set to value, as a sweep row's metrics."""
    trial = with_value(s, ("merchants", index, *path.split(".")), value)
    m = merchant_data(compare_scenario(trial, "t.yaml").merchants[index])
    shelf, content = m["shelf"], m["content"]
    return {
        "shelf_gmv": shelf and shelf["gmv"],
        "content_gmv": content and content["gmv"],
        "shelf_contribution": shelf and shelf["contribution"],
        "content_contribution": content and content["contribution"],
        "advantage": m["comparison"] and m["comparison"]["contribution_delta"],
    }


# --- parse_vary ------------------------------------------------------------------------------------


def test_range_includes_stop_on_the_grid() -> None:
    v = parse_vary("content.aov=59:129:10")
    assert v.values() == [59, 69, 79, 89, 99, 109, 119, 129]
    assert (v.field.merchant, v.field.path, v.field.kind) == (None, ("content", "aov"), "positive")


def test_range_stop_off_the_grid_is_left_out() -> None:
    assert parse_vary("content.aov=59:125:10").values() == [59, 69, 79, 89, 99, 109, 119]


def test_range_stop_within_float_error_is_included_and_values_are_clean() -> None:
    # (0.3 − 0.1) ÷ 0.1 is 1.9999999999999998, and 0.1 + 2 × 0.1 is 0.30000000000000004
    assert parse_vary("cogs_rate=0.1:0.3:0.1").values() == [0.1, 0.2, 0.3]
    assert parse_vary("cogs_rate=0:1:0.1").values() == [i / 10 for i in range(11)]
    assert parse_vary("shelf.conversion_rate=1%:3%:0.5%").values() == [
        0.01,
        0.015,
        0.02,
        0.025,
        0.03,
    ]


def test_values_list_parsed_like_files_with_merchant_prefix() -> None:
    v = parse_vary("weiwei:shelf.uv=15万,1.2亿, 3000")
    assert v.values() == [150_000, 120_000_000, 3000]
    assert v.field.merchant == "weiwei" and v.name == "shelf.uv" and v.size == 3


@pytest.mark.parametrize(
    ("arg", "words"),
    [
        (
            "content.aovv=1,2",
            ["unknown field 'content.aovv'", "did you mean 'content.aov'", "cogs_rate"],
        ),
        ("role=1", ["not a number that can be varied", "valid fields:"]),
        ("forecast.periods=1:5:1", ["not a number that can be varied"]),
        ("shelf.conversion_rate=0:2.5:0.5", ["2.5 must be between 0 and 1", "write 2.5%"]),
        ("content.aov=0,10", ["0 must be more than 0"]),
        ("content.aov=10:20:0", ["STEP must be more than 0"]),
        ("content.aov=20:10:1", ["range is empty"]),
        ("content.aov=1:2", ["START:STOP:STEP"]),
        ("content.aov=ten", ["'ten' is not a number", "commas separate values"]),
        ("content.aov=1,,2", ["a value is missing"]),
        ("content.aov", ["expected [MERCHANT_ID:]PATH="]),
    ],
)
def test_bad_vary_is_a_usage_error(arg: str, words: list[str]) -> None:
    with pytest.raises(UsageError) as info:
        parse_vary(arg)
    for w in words:
        assert w in str(info.value)


# --- the grid limit ----------------------------------------------------------------------------------


def test_grid_size_and_limit_refused_before_any_work(
    weiwei: Scenario, monkeypatch: pytest.MonkeyPatch
) -> None:
    varies = [parse_vary("content.aov=1:1001:1"), parse_vary("shelf.uv=1:1000:1")]
    assert whatif.grid_size(varies) == 1_001_000

    def boom(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("evaluated a refused grid")

    monkeypatch.setattr(uncertainty, "evaluate", boom)
    monkeypatch.setattr(whatif.Vary, "at", boom)
    with pytest.raises(UsageError, match=r"a grid of 1,001,000 points is more than 1,000,000; "):
        sweep_rows(weiwei, varies)  # refused on the call itself, not when rows are asked for
    with pytest.raises(UsageError, match="more than 1,000,000"):
        whatif.check_grid(varies)
    # ranges are counted, not built: a grid of 10^15 points is refused just as fast
    huge = [parse_vary("shelf.uv=0:1e15:1")]
    assert whatif.grid_size(huge) == 10**15 + 1
    with pytest.raises(UsageError, match="1,000,000,000,000,001 points"):
        whatif.check_grid(huge)


def test_exactly_the_limit_is_allowed() -> None:
    whatif.check_grid([parse_vary("content.aov=1:1000:1"), parse_vary("shelf.uv=1:1000:1")])


def test_same_path_twice_or_two_merchants_refused() -> None:
    with pytest.raises(UsageError, match="varied twice"):
        whatif.check_grid([parse_vary("content.aov=1,2"), parse_vary("content.aov=3")])
    with pytest.raises(UsageError, match="different merchants"):
        whatif.check_grid([parse_vary("a:content.aov=1,2"), parse_vary("b:shelf.uv=3")])


# --- sweep ------------------------------------------------------------------------------------------


def test_rows_per_merchant_and_point_last_vary_fastest(two: Scenario) -> None:
    varies = [parse_vary("content.aov=40:60:10"), parse_vary("cogs_rate=0%,10%,20%,30%")]
    rows = list(sweep_rows(two, varies))
    assert len(rows) == whatif.grid_size(varies) * 3 == 36  # every merchant has content
    assert list(rows[0]) == [
        "merchant",
        "content.aov",
        "cogs_rate",
        "shelf_gmv",
        "content_gmv",
        "shelf_contribution",
        "content_contribution",
        "advantage",
    ]
    assert [r["merchant"] for r in rows] == ["a"] * 12 + ["b"] * 12 + ["c"] * 12
    assert [(r["content.aov"], r["cogs_rate"]) for r in rows[:5]] == [
        (40, 0),
        (40, 0.1),
        (40, 0.2),
        (40, 0.3),
        (50, 0),
    ]


def test_every_merchant_or_the_named_one(two: Scenario) -> None:
    # SPEC §8: a merchant lacking the varied field keeps its rows, the column null (and a warning)
    rows = list(sweep_rows(two, [parse_vary("shelf.aov=10:30:10")]))
    assert [r["merchant"] for r in rows] == ["a"] * 3 + ["b"] * 3 + ["c"] * 3
    assert [r["shelf.aov"] for r in rows if r["merchant"] == "b"] == [None] * 3
    assert all(r["content_gmv"] is not None for r in rows if r["merchant"] == "b")
    gaps = sweep_gaps(two, [parse_vary("shelf.aov=10:30:10")])
    assert [(i, f, str(why)) for i, f, why in gaps] == [
        ("b", "shelf.aov", "merchant b has no shelf model")
    ]
    rows = list(sweep_rows(two, [parse_vary("c:shelf.aov=10:30:10")]))
    assert [r["merchant"] for r in rows] == ["c"] * 3
    with pytest.raises(WhatIfError, match="merchant b has no shelf model"):
        sweep_rows(two, [parse_vary("b:shelf.aov=10")])
    with pytest.raises(WhatIfError, match=r"no merchant 'zz' in this file \(merchants: a, b, c\)"):
        sweep_rows(two, [parse_vary("zz:shelf.aov=10")])


def test_absent_model_is_none(two: Scenario) -> None:
    (row,) = sweep_rows(two, [parse_vary("b:content.aov=60")])
    assert row["shelf_gmv"] is None and row["shelf_contribution"] is None
    assert row["advantage"] is None
    assert row["content_gmv"] == 9000  # 3000 × 5 × 1% × 60


def test_a_sweep_point_equals_compare_with_that_value(two: Scenario) -> None:
    for path, spec in [
        ("content.aov", "33.3:99.9:11.1"),
        ("cogs_rate", "0%:90%:15%"),
        ("shelf.uv", "0,1234.5,15万"),
        ("content.fans", "0,12345,1.2亿"),  # private_uv = fans × reach_rate, on arrays
        ("content.refund_rate", "0:1:0.125"),
    ]:
        for row in sweep_rows(two, [parse_vary(f"{path}={spec}")]):
            index = "abc".index(row["merchant"])
            expected = compared(two, index, path, row[path])
            assert {k: row[k] for k in expected} == expected, (path, row)


def test_chunks_give_the_same_rows(two: Scenario) -> None:
    varies = [parse_vary("content.aov=10:100:7.5"), parse_vary("cogs_rate=0:0.5:0.05")]
    whole = list(sweep_rows(two, varies))
    chunked = list(sweep_rows(two, varies, chunk=7))
    assert chunked == whole
    seen = [part.n for part in whatif.sweep_chunks(two, varies, chunk=7)]
    assert max(seen) == 7 and sum(seen) == len(whole) == 13 * 11 * 3


def test_forecast_fields_need_periods(two: Scenario) -> None:
    with pytest.raises(UsageError, match="forecast fields change only forecasts"):
        sweep_rows(two, [parse_vary("forecast.follow_rate=0,10%")])
    rows = list(sweep_rows(two, [parse_vary("forecast.follow_rate=0,50%")], periods=3))
    # b has private visitors and no reach_rate: it cannot be forecast, so its rows are null
    assert [r["merchant"] for r in rows] == ["a", "a", "b", "b", "c", "c"]
    assert all(v is None for r in rows[2:4] for k, v in r.items() if k != "merchant")
    assert rows[1]["content_gmv"] > rows[0]["content_gmv"]  # followers bring visitors later


def test_round2_is_r2() -> None:
    import numpy as np

    rng = np.random.default_rng(7)
    for scale in (1.0, 1e4, 1e9, 1e14, 1e17):
        values = np.concatenate(
            [rng.uniform(-scale, scale, 2000), np.round(rng.uniform(0, scale, 2000), 3) + 0.005]
        )
        assert whatif.round2(values) == [r2(v) for v in values.tolist()]


def test_csv_json_and_jsonl(two: Scenario) -> None:
    s = scenario(TWO.replace("id: b", "id: -b"))
    varies = [parse_vary("-b:content.aov=50,60")]
    rows = list(sweep_rows(s, varies))
    chunks = list(whatif.sweep_chunks(s, varies))
    lines = "".join(render_sweep.sweep_csv(chunks, ["content.aov"], file="s.yaml"))
    lines = lines.splitlines(keepends=True)
    assert lines[0] == (
        "file,merchant,content.aov,shelf_gmv,content_gmv,shelf_contribution,"
        "content_contribution,advantage\n"
    )
    assert lines[1] == "s.yaml,'-b,50.0,,7500.0,,7500.0,\n"  # a formula-like id is defused
    assert len(lines) == 3
    bare = list(render_sweep.sweep_csv(chunks, ["content.aov"]))
    assert bare[0].startswith("merchant,content.aov,")
    jsonl = "".join(render_sweep.sweep_jsonl(chunks, ["content.aov"])).splitlines()
    assert [json.loads(line) for line in jsonl] == rows
    assert whatif.sweep_json("s.yaml", iter(rows)) == {"file": "s.yaml", "rows": rows}


@pytest.mark.parametrize("periods", [None, 3])
def test_streamed_text_is_what_the_rows_dump_to(two: Scenario, periods: int | None) -> None:
    """Columns formatted in bulk, a chunk at a time, give the very bytes that csv_line and
    json.dumps give row by row: gaps (null), an unforecastable merchant, odd file names, ascii."""
    from gmvcli.textsafe import csv_line, json_dumps

    varies = [parse_vary("shelf.aov=10,20.5,1e9"), parse_vary("content.aov=0.1:1:0.3")]
    rows = list(sweep_rows(two, varies, periods=periods))
    chunks = list(whatif.sweep_chunks(two, varies, chunk=5, periods=periods))
    assert len(chunks) > 3
    heads = ["shelf.aov", "content.aov"]
    name = '=文件,"x".yaml'
    columns = render_sweep.sweep_columns(heads, True)
    expected = csv_line(columns) + "".join(
        csv_line([{"file": name, **r}.get(c) for c in columns]) for r in rows
    )
    assert "".join(render_sweep.sweep_csv(chunks, heads, file=name)) == expected
    jsonl = "".join(json_dumps({"file": name, **r}) + "\n" for r in rows)
    assert "".join(render_sweep.sweep_jsonl(chunks, heads, file=name)) == jsonl
    for ascii in (False, True):
        for pretty in (False, True):
            doc = json_dumps(
                {"file": name, "rows": rows}, ascii=ascii, indent=2 if pretty else None
            )
            text = "".join(render_sweep.sweep_json(chunks, heads, name, ascii, pretty))
            assert text == doc + "\n", (ascii, pretty)


# --- solve ------------------------------------------------------------------------------------------


def engine_metric(s: Scenario, index: int, path: str, value: float, name: str, model: str) -> Any:
    trial = with_value(s, ("merchants", index, *path.split(".")), value)
    return uncertainty.metric(uncertainty.evaluate(trial, trial.merchants[index]), name, model)


def test_breakeven_verified_by_the_engine(weiwei: Scenario) -> None:
    sol = solve(weiwei, 0, "content.aov", "breakeven")
    # content contribution = 3,600 × aov − 70,000; shelf contribution = 48,210
    assert sol.value == pytest.approx(118_210 / 3_600, rel=1e-9)
    assert (sol.lo, sol.hi, sol.metric, sol.model) == (1e-12, 1e15, "advantage", None)
    advantage = engine_metric(weiwei, 0, "content.aov", sol.value, "advantage", "content")
    assert abs(advantage) < 1e-6 and abs(sol.check) < 1e-6
    data = whatif.solve_json("t.yaml", "weiwei", "breakeven", sol)
    assert data == {
        "file": "t.yaml",
        "merchant": "weiwei",
        "for": "content.aov",
        "target": "breakeven",
        "value": sol.value,
        "check": 0.0,
        "periods": 1,
    }


@pytest.mark.parametrize(
    ("path", "target", "expected"),
    [
        ("content.aov", ("gmv", 1_000_000.0), 1_000_000 / 9_600),  # gmv = 9,600 × aov
        ("shelf.uv", ("contribution", 100_000.0), 100_000 / 0.24105),  # 0.24105 per visitor
        ("shelf.uv", ("gmv", 1_000_000.0), 1_000_000 / 2.225),
        # merchant-level: content contribution = 640,800 × (95% − cogs_rate) − 70,000
        ("cogs_rate", ("contribution", 100_000.0), 0.95 - 170_000 / 640_800),
        ("content.watch_minutes", "breakeven", 118_210 / 53_400),
        (
            "shelf.traffic_cost_per_uv",
            ("contribution", -12_345.0),
            (48_210 + 120_000 + 12_345) / 200_000,
        ),
    ],
)
def test_targets_to_1e6_relative(weiwei: Scenario, path: str, target: Any, expected: float) -> None:
    sol = solve(weiwei, 0, path, target)
    assert math.isclose(sol.value, expected, rel_tol=1e-6)
    name, goal = ("advantage", 0.0) if target == "breakeven" else target
    model = "shelf" if path.startswith("shelf.") else "content"
    assert engine_metric(weiwei, 0, path, sol.value, name, model) == pytest.approx(goal, abs=1e-6)
    assert sol.check == pytest.approx(goal, abs=1e-6)


def test_no_solution_names_the_interval(weiwei: Scenario) -> None:
    # cogs_rate costs both models in proportion to net GMV: content stays ahead on all of [0, 1]
    with pytest.raises(NoSolution) as info:
        solve(weiwei, 0, "cogs_rate", "breakeven")
    assert str(info.value).startswith("no solution in [0%, 100%]: ")
    assert (info.value.lo, info.value.hi) == (0.0, 1.0)
    assert str(info.value.problem("t.yaml")).startswith(
        "t.yaml: cogs_rate: no solution in [0%, 100%]"
    )
    with pytest.raises(
        NoSolution, match=r"^no solution in \(0, 1,000,000,000,000,000\]: content gmv goes"
    ):
        solve(weiwei, 0, "content.aov", ("gmv", -1.0))
    with pytest.raises(
        NoSolution, match=r"^no solution in \[0, 1,000,000,000,000,000\]: .* whatever content"
    ):
        solve(weiwei, 0, "content.content_cost", ("gmv", 1.0))
    with pytest.raises(NoSolution, match=r"^no solution in \[0, 1,000,000,000,000,000\]"):
        solve(weiwei, 0, "content.public_uv", ("gmv", 1.0))  # gmv is at least 512,640


def test_solve_refusals(two: Scenario) -> None:
    with pytest.raises(UsageError, match="valid fields"):
        solve(two, 0, "name", "breakeven")
    with pytest.raises(UsageError, match="forecast fields"):
        solve(two, 0, "forecast.fan_churn_rate", "breakeven")
    with pytest.raises(WhatIfError, match="breakeven needs both models"):
        solve(two, 1, "content.aov", "breakeven")
    with pytest.raises(WhatIfError, match="merchant b has no shelf model"):
        solve(two, 1, "shelf.aov", ("gmv", 1.0))


def test_solve_over_a_forecast(two: Scenario) -> None:
    sol = solve(two, 0, "forecast.follow_rate", ("contribution", 20_000.0), periods=6)
    # a has no forecast section: give it one with the answer, and forecast 6 periods
    merchant = two.merchants[0]._replace(forecast=Forecast(follow_rate=sol.value))
    out = uncertainty.evaluate(two, merchant, periods=6)
    assert out.content is not None
    assert out.content["contribution"] == pytest.approx(20_000, rel=1e-9)
    assert sol.check == pytest.approx(20_000, rel=1e-9)


def test_pick_merchant_and_targets(two: Scenario) -> None:
    # a and c could both be solved: never a silent pick of the first
    with pytest.raises(
        UsageError, match=r"several merchants .* pass --merchant ID \(one of a, c\)"
    ):
        whatif.pick_merchant(two, "shelf.aov", "breakeven")
    assert whatif.pick_merchant(two, "shelf.aov", "breakeven", "c") == 2
    # only b has no shelf: content.aov for gmv applies to a, b and c; breakeven only to a and c
    assert whatif.pick_merchant(two, "shelf.aov", ("gmv", 1.0), "a") == 0
    assert whatif.pick_merchant(two, "content.aov", ("gmv", 1.0), "b") == 1
    assert whatif.pick_merchant(two, "c:content.aov", "breakeven") == 2
    with pytest.raises(WhatIfError, match="no merchant 'zz'"):
        whatif.pick_merchant(two, "content.aov", "breakeven", "zz")
    assert whatif.parse_target("breakeven") == "breakeven"
    assert whatif.parse_target("gmv=50万") == ("gmv", 500_000.0)
    assert whatif.parse_target("contribution=-1.5") == ("contribution", -1.5)
    assert whatif.target_text(("gmv", 500_000.0)) == "gmv=500000"
    with pytest.raises(UsageError, match="gmv=X or contribution=X"):
        whatif.parse_target("roi=3")
