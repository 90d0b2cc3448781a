"""SPEC §10 core: reading exports (encodings, aliases, xlsx, bad input), calendar periods,
aggregation per period, the plan vs actual review and fit."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gmvcli.loader import load_bytes
from gmvcli.model import parse_scenario
from gmvcli.render.review import review_data
from gmvcli.review.actuals import ReadError, decode, parse_date, parse_minutes, read
from gmvcli.review.periods import calendar
from gmvcli.review.review import review
from tests.conftest import ROOT

DATA = ROOT / "tests" / "data" / "review"
P3 = DATA / "p3-review.yaml"

PLAN = """\
name: test
period: month
merchants:
  - id: shop
    name: 小店
    cogs_rate: 40%
    content:
      private_uv: 1000
      reach_rate: 10%
      public_uv: 1000
      watch_minutes: 4
      orders_per_minute: 0.5%
      aov: 100
      repurchase_frequency: 1.25
      public_cost_per_uv: 0.5
      refund_rate: 10%
"""
HEAD = "日期,观看人数,人均观看时长,成交订单数,成交金额\n"


def scenario(text: str = PLAN):  # type: ignore[no-untyped-def]
    return parse_scenario(load_bytes(text.encode(), "plan.yaml"))


def export(tmp_path: Path, text: str, name: str = "s.csv", encoding: str = "utf-8") -> str:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


def issues(tmp_path: Path, text: str, **kw: object) -> list[tuple[str, int | None, str | None]]:
    with pytest.raises(ReadError) as info:
        sc = scenario()
        a = read(export(tmp_path, text), **kw)  # type: ignore[arg-type]
        review(sc, "plan.yaml", a)
    return [(i.code, i.row, i.header) for i in info.value.issues if not i.warning]


# --- acceptance case -----------------------------------------------------------------------------


def test_acceptance_case_matches_expected() -> None:
    sc = parse_scenario(load_bytes(P3.read_bytes(), str(P3)))
    got = review_data(review(sc, str(P3), read(str(DATA / "p3-review.actuals.csv"))))
    want = json.loads((DATA / "p3-review.expected.json").read_text(encoding="utf-8"))

    def check(g: object, w: object, path: str) -> None:
        if isinstance(w, dict):
            assert isinstance(g, dict), path
            for k, v in w.items():
                check(g[k], v, f"{path}.{k}")
        elif isinstance(w, list):
            assert isinstance(g, list) and len(g) == len(w), path
            for i, (a, b) in enumerate(zip(g, w, strict=True)):
                check(a, b, f"{path}[{i}]")
        elif isinstance(w, float):
            assert abs(g - w) <= max(0.011, 2e-6 * abs(w)), (path, g, w)  # type: ignore[operator]
        else:
            assert g == w, path

    check(got, want, "$")
    # the printed effects add up to the printed delta, cent for cent
    for p in got["merchants"][0]["periods"]:
        x = p["content"]
        assert round(sum(x["gmv_effects"].values()), 2) == x["gmv_delta"]
        assert round(sum(x["contribution_effects"].values()), 2) == x["contribution_delta"]


# --- encodings, aliases, xlsx --------------------------------------------------------------------

ROWS = "2025-06-01,100,3:00,2,200\n2025-06-02,300,5:00,4,360\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    a = read(export(tmp_path, HEAD + ROWS, encoding=encoding))
    assert a.headers["uv"] == "观看人数"
    assert a.values["uv"] == [100.0, 300.0]
    assert a.encoding == {"utf-8-sig": "utf-8-sig", "utf-8": "utf-8"}.get(encoding, "gb18030")


def test_gbk_never_read_as_mojibake() -> None:
    text = "开播时间,观看人数\n"
    assert decode(text.encode("gbk"), "x") == (text, "gb18030")
    with pytest.raises(ReadError) as info:
        decode(b"a,b\n\x81\x30\xff\xff\n", "x")
    assert info.value.issues[0].code == "review.encoding"


def test_english_headers_case_space_and_units(tmp_path: Path) -> None:
    text = "Date, UV ,Watch Minutes,ORDERS,GMV (CNY)\n" + ROWS
    a = read(export(tmp_path, text))
    assert set(a.headers) == {"date", "uv", "watch_minutes", "orders", "gmv"}


def test_seconds_header_unit(tmp_path: Path) -> None:
    text = "日期,观看人数,人均观看时长(秒),成交订单数,成交金额\n2025-06-01,100,90,1,10\n"
    assert read(export(tmp_path, text)).values["watch_minutes"] == [1.5]


def test_columns_map(tmp_path: Path) -> None:
    text = "场次日期,观看人数,看播时长,成交订单数,成交金额\n" + ROWS
    mapping = tmp_path / "map.yaml"
    mapping.write_text("场次日期: date\nwatch_minutes: 看播时长\n", encoding="utf-8")
    from gmvcli.review.actuals import read_columns_map

    a = read(export(tmp_path, text), columns_map=read_columns_map(str(mapping)))
    assert a.values["watch_minutes"] == [3.0, 5.0]


def test_title_row_and_total_row(tmp_path: Path) -> None:
    text = "直播数据导出 2025-06\n" + HEAD + ROWS + "合计,400,4:30,6,560\n"
    a = read(export(tmp_path, text))
    assert a.rows == [3, 4]
    assert [w.code for w in a.issues] == ["review.warn_total_row"]


def test_xlsx(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "说明"
    data = book.create_sheet("直播")
    data.append(["开播时间", "观看人数", "人均观看时长", "成交订单数", "成交金额"])
    data.append([dt.datetime(2025, 6, 1, 19, 30), 100, "3:00", 2, 200])
    data.append([dt.datetime(2025, 6, 2, 19, 30), 300, dt.time(0, 5, 0), 4, "¥360"])
    data.append([dt.datetime(2025, 6, 3, 19, 30), 300, 5, 4, None])
    path = tmp_path / "s.xlsx"
    book.save(path)
    with pytest.raises(ReadError) as info:
        read(str(path), sheet="直播")
    assert [(i.code, i.row, i.header) for i in info.value.issues] == [
        ("review.empty_cell", 4, "成交金额")
    ]
    with pytest.raises(ReadError) as info:
        read(str(path), sheet="nope")
    assert info.value.issues[0].code == "review.no_sheet"


def test_cell_formats() -> None:
    assert parse_date("2024年11月5日") == dt.date(2024, 11, 5)
    assert parse_date("2024/11/05 19:30") == dt.date(2024, 11, 5)
    assert parse_date("2024-11-05T19:30:00+08:00") == dt.date(2024, 11, 5)
    assert parse_date("2024-02-30") is None
    assert parse_minutes("4:30") == 4.5
    assert parse_minutes("1:02:30") == 62.5
    assert parse_minutes("3分30秒") == 3.5
    assert parse_minutes("３.５") == 3.5
    with pytest.raises(ValueError):
        parse_minutes("abc")


# --- bad input corpus ----------------------------------------------------------------------------

BAD = [
    # (export text, code, row, header)
    ("日期,观看人数,成交订单数\n2025-06-01,1,1\n", "review.missing_column", 1, None),
    ("", "review.empty", None, None),
    ("  \n\n", "review.empty", None, None),
    (HEAD, "review.header_only", 1, None),
    (HEAD + "2025-06-01,100,3:00,2,200\n2025/13/01,1,1,1,1\n", "review.not_date", 3, "日期"),
    (HEAD + "2025-06-01,1百,3:00,2,200\n", "review.not_number", 2, "观看人数"),
    (HEAD + "2025-06-01,100,3:00,-2,200\n", "review.negative", 2, "成交订单数"),
    (HEAD + "2025-06-01,100,abc,2,200\n", "review.not_minutes", 2, "人均观看时长"),
    (HEAD + "2025-06-01,,3:00,2,200\n", "review.empty_cell", 2, "观看人数"),
    (HEAD + "2025-06-01,100,3:00,0,200\n", "review.gmv_without_orders", 2, "成交金额"),
    (HEAD + "2025-06-01,0,3:00,2,200\n", "review.orders_without_uv", 2, "成交订单数"),
    (
        "日期,观看人数,人均观看时长,成交订单数,成交人数,成交金额\n2025-06-01,100,3:00,2,3,200\n",
        "review.buyers_over_orders",
        2,
        "成交人数",
    ),
    (
        "日期,渠道,观看人数,人均观看时长,成交订单数,成交金额\n2025-06-01,货架,100,3:00,2,200\n",
        "review.no_model",
        2,
        "渠道",
    ),
    (
        "日期,渠道,观看人数,人均观看时长,成交订单数,成交金额\n2025-06-01,抖音,100,3:00,2,200\n",
        "review.bad_channel",
        2,
        "渠道",
    ),
    (
        "日期,商家,观看人数,人均观看时长,成交订单数,成交金额\n2025-06-01,别家,100,3:00,2,200\n",
        "review.unknown_merchant",
        2,
        "商家",
    ),
    (
        "日期,观看人数,成交订单数,成交金额\n2025-06-01,100,2,200\n",
        "review.missing_column",
        1,
        None,
    ),
]


@pytest.mark.parametrize(("text", "code", "row", "header"), BAD)
def test_bad_input_is_located(
    tmp_path: Path, text: str, code: str, row: int | None, header: str | None
) -> None:
    assert issues(tmp_path, text)[0] == (code, row, header)


def test_missing_column_names_the_aliases(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as info:
        read(export(tmp_path, "日期,场观,订单数\n2025-06-01,1,1\n"))
    text = info.value.issues[0].text("en")
    assert "missing column 'gmv'" in text and "成交金额, 支付金额, 销售额" in text
    assert "headers found: 日期, 场观, 订单数" in text
    assert "缺少列 'gmv'" in info.value.issues[0].text("zh")


def test_warnings_are_reported_not_silent(tmp_path: Path) -> None:
    text = HEAD + ROWS + "2025-06-02,300,5:00,4,360\n2025-06-03,10,2:00,1,0\n2027-01-01,1,1,0,0\n"
    sc = scenario()
    a = read(export(tmp_path, text))
    assert [(w.code, w.row) for w in a.issues] == [
        ("review.warn_duplicate", 4),
        ("review.warn_orders_no_gmv", 5),
    ]
    r = review(sc, "plan.yaml", a)
    m = r.merchants[0]
    # (June is covered only from the 1st to the 3rd: a partial period, warned about too)
    assert [w.code for w in m.warnings][-2:] == ["review.warn_outside", "review.warn_partial"]
    assert "left out: rows 6" in m.warnings[-2].text("en")
    assert sum(p.rows for p in m.periods) == 3


def test_a_partial_period_is_a_warning(tmp_path: Path) -> None:
    """An export that starts after the first period's first day, or ends before the last one's
    last day, is set against whole periods of plan: said in both languages, never silent."""
    july = "".join(f"2025-07-{d:02},100,3:00,2,200\n" for d in range(1, 32))
    text = HEAD + "2025-06-10,100,3:00,2,200\n2025-06-30,100,3:00,2,200\n" + july
    m = review(scenario(), "plan.yaml", read(export(tmp_path, text))).merchants[0]
    partial = [w for w in m.warnings if w.code == "review.warn_partial"]
    assert [w.text("en") for w in partial] == [
        f"{tmp_path / 's.csv'}: period 1 (2025-06-01..2025-06-30) has rows only from 2025-06-10 to"
        " 2025-06-30: its plan is for the whole period, so the missing days read as a shortfall"
    ]
    assert "第1期（2025-06-01 至 2025-06-30）的数据只覆盖 2025-06-10 至 2025-06-30" in partial[
        0
    ].text("zh")
    # whole months: no warning; a last month that stops early: one
    whole = HEAD + "2025-06-01,1,1:00,1,1\n2025-06-30,1,1:00,1,1\n" + july
    m = review(scenario(), "plan.yaml", read(export(tmp_path, whole))).merchants[0]
    assert not [w for w in m.warnings if w.code == "review.warn_partial"]
    early = (
        HEAD + "2025-06-01,1,1:00,1,1\n2025-06-30,1,1:00,1,1\n" + july[: july.index("2025-07-21")]
    )
    m = review(scenario(), "plan.yaml", read(export(tmp_path, early))).merchants[0]
    assert [
        "2025-07-20" in w.text("en") for w in m.warnings if w.code == "review.warn_partial"
    ] == [True]


def test_several_merchants_need_a_column_or_merchant(tmp_path: Path) -> None:
    two = PLAN + PLAN.split("merchants:\n", 1)[1].replace("id: shop", "id: other")
    sc = scenario(two)
    a = read(export(tmp_path, HEAD + ROWS))
    with pytest.raises(ReadError) as info:
        review(sc, "plan.yaml", a)
    assert "--merchant" in info.value.issues[0].text("en")
    assert review(sc, "plan.yaml", a, merchants=["other"]).merchants[0].id == "other"


# --- periods and aggregation ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "start", "day", "index", "bounds"),
    [
        ("day", "2025-06-03", "2025-06-05", 3, ("2025-06-03", "2025-06-03")),
        ("week", "2025-06-04", "2025-06-09", 2, ("2025-06-02", "2025-06-08")),  # ISO: Monday
        ("month", "2025-06-15", "2025-08-01", 3, ("2025-06-01", "2025-06-30")),
        ("quarter", "2025-05-15", "2025-07-01", 2, ("2025-04-01", "2025-06-30")),
        ("year", "2024-12-31", "2025-01-01", 2, ("2024-01-01", "2024-12-31")),
    ],
)
def test_calendar_periods(
    kind: str, start: str, day: str, index: int, bounds: tuple[str, str]
) -> None:
    cal = calendar(kind, dt.date.fromisoformat(start))
    assert cal.period_of(dt.date.fromisoformat(day)) == index
    assert tuple(d.isoformat() for d in cal.bounds(1)) == bounds
    first, last = cal.bounds(index)
    assert first <= dt.date.fromisoformat(day) <= last


def test_aggregation_uv_weighted_minutes_and_plan_repurchase(tmp_path: Path) -> None:
    # two sessions: 100 visitors × 3 min and 300 × 5 min → 1,800 visitor-minutes ÷ 400 = 4.5 min
    # no buyers column: repurchase is the plan's 1.25; orders per minute = 6 ÷ (400 × 4.5 × 1.25)
    r = review(scenario(), "plan.yaml", read(export(tmp_path, HEAD + ROWS)))
    x = r.merchants[0].periods[0].content
    assert x is not None
    f = x.actual.factors
    assert f["uv"] == 400
    assert f["watch_minutes"] == pytest.approx(4.5)
    assert f["repurchase_frequency"] == 1.25
    assert f["orders_per_minute"] == pytest.approx(6 / (400 * 4.5 * 1.25))
    assert f["aov"] == pytest.approx(560 / 6)
    assert x.actual.result.orders == pytest.approx(6)
    assert x.actual.result.gmv == pytest.approx(560)
    # refunds as planned (10%) on actual GMV; traffic cost at the plan's ¥0.5 × the planned share
    assert x.actual.result.refunds == pytest.approx(56)
    assert x.actual.result.costs.traffic == pytest.approx(0.5 * 400 * 1000 / 2000)
    assert [c for c, _ in r.merchants[0].notes][:2] == ["review.note_refunds", "review.note_buyers"]
    assert sum(x.gmv_effects.values()) == pytest.approx(x.gmv_delta)


def test_aggregation_with_buyers(tmp_path: Path) -> None:
    text = "日期,观看人数,人均观看时长,成交订单数,成交人数,成交金额\n"
    text += "2025-06-01,100,3:00,3,2,300\n2025-06-02,300,5:00,5,4,500\n"
    x = (
        review(scenario(), "plan.yaml", read(export(tmp_path, text)))
        .merchants[0]
        .periods[0]
        .content
    )
    assert x is not None
    # repurchase = 8 orders ÷ 6 buyers; orders per minute = buyers per visitor-minute = 6 ÷ 1,800
    assert x.actual.factors["repurchase_frequency"] == pytest.approx(8 / 6)
    assert x.actual.factors["orders_per_minute"] == pytest.approx(6 / 1800)
    assert x.actual.result.orders == pytest.approx(8)


def test_empty_period_takes_the_plan_and_uv_carries_it(tmp_path: Path) -> None:
    text = HEAD + "2025-06-01,100,3:00,2,200\n2025-08-01,100,3:00,2,200\n"
    m = review(scenario(), "plan.yaml", read(export(tmp_path, text))).merchants[0]
    assert [p.rows for p in m.periods] == [1, 0, 1]
    july = m.periods[1].content
    assert july is not None and july.actual.result.gmv == 0
    assert july.gmv_effects["uv"] == pytest.approx(july.gmv_delta)
    assert ("review.note_empty_period", (("period", 2),)) in m.notes


def test_start_moves_period_one(tmp_path: Path) -> None:
    r = review(
        scenario(), "plan.yaml", read(export(tmp_path, HEAD + ROWS)), start=dt.date(2025, 5, 20)
    )
    assert [(p.period, p.rows) for p in r.merchants[0].periods] == [(1, 0), (2, 2)]


# --- fit -----------------------------------------------------------------------------------------


def test_fit_estimates_and_intervals() -> None:
    from gmvcli.review.fit import fit

    sc = parse_scenario(load_bytes(P3.read_bytes(), str(P3)))
    a = read(str(DATA / "p3-review.actuals.csv"))
    f = fit(sc, str(P3), a)
    fields = {x.path: x for x in f.fields}
    assert f.rows == 68 and f.merchant == "orchard"
    wm = fields["content.watch_minutes"]
    total_uv = sum(a.values["uv"])
    weighted = sum(u * m for u, m in zip(a.values["uv"], a.values["watch_minutes"], strict=True))
    assert wm.value == pytest.approx(weighted / total_uv)
    assert wm.low is not None and wm.high is not None and wm.low < wm.value < wm.high
    assert wm.written == f"{wm.low:.4g} to {wm.high:.4g}"
    assert fields["content.aov"].value == pytest.approx(
        sum(a.values["gmv"]) / sum(a.values["orders"])
    )
    assert fields["forecast.follow_rate"].value == pytest.approx(
        sum(a.values["new_fans"]) / sum(a.values["public_uv"])
    )
    # the plan gives fans, so private visitors become a reach rate: Σprivate ÷ Σ fans at each start
    assert "content.reach_rate" in fields and "content.private_uv" not in fields
    # seed 0: the same intervals every run
    again = {x.path: x for x in fit(sc, str(P3), a).fields}
    assert again["content.watch_minutes"] == wm


def test_fit_edit_keeps_every_other_byte(tmp_path: Path) -> None:
    from gmvcli.review.edit import edit_text
    from gmvcli.review.fit import fit

    source = (ROOT / "scenarios" / "weiwei-factory.yaml").read_text(encoding="utf-8")
    sc = parse_scenario(load_bytes(source.encode(), "weiwei-factory.yaml"))
    a = read(str(ROOT / "scenarios" / "actuals" / "weiwei-sessions.csv"))
    f = fit(sc, "weiwei-factory.yaml", a)
    edited = edit_text(source, f)
    before, after = source.splitlines(), edited.splitlines()
    note = [
        i for i, line in enumerate(after) if "# fitted from weiwei-sessions.csv, 91 rows" in line
    ]
    assert len(note) == 1
    del after[note[0]]
    # the merchant had no forecast: section: follow_rate arrives in a new one, at its end
    assert after[-2:] == ["    forecast:", "      follow_rate: " + f.fields[-1].written]
    del after[-2:]
    assert len(before) == len(after)
    changed = [i for i, (b, c) in enumerate(zip(before, after, strict=True)) if b != c]
    keys = {x.path.split(".")[1] for x in f.fields}
    for i in changed:  # only fitted lines changed, and each kept its comment
        key = before[i].split(":")[0].strip()
        assert key in keys, before[i]
        assert before[i].split("#", 1)[1] == after[i].split("#", 1)[1]
    assert len(changed) == len(f.fields) - 1
    # the comments stay in their column (as displayed), unless the new value is longer
    from gmvcli.review.edit import _width

    for i in changed:
        col_before = _width(before[i].split("#", 1)[0])
        value, _ = after[i].split("#", 1)
        assert _width(value) == col_before or (value.endswith(" ") and not value.endswith("  "))
    # a second fit replaces the note instead of stacking another
    assert edit_text(edited, f).count("# fitted from") == 1
    # and the result is a valid scenario holding the intervals
    sc2 = parse_scenario(load_bytes(edited.encode(), "w.yaml"))
    assert len(sc2.uncertain) >= len(f.fields) - 1


def test_fit_adds_missing_keys_and_sections(tmp_path: Path) -> None:
    from gmvcli.review.edit import edit_text
    from gmvcli.review.fit import fit

    text = "日期,观看人数,人均观看时长,成交订单数,成交人数,成交金额,付费观看人数,新增粉丝\n"
    text += "".join(
        f"2025-06-{d:02d},{100 + d},3:{d:02d},{3 + d % 2},3,{300 + d},50,{d}\n" for d in range(1, 9)
    )
    source = PLAN.replace("      repurchase_frequency: 1.25\n", "")
    sc = scenario(source)
    f = fit(sc, "plan.yaml", read(export(tmp_path, text)))
    edited = edit_text(source, f)
    assert "      repurchase_frequency: " in edited
    assert "    forecast:\n      follow_rate: " in edited
    parse_scenario(load_bytes(edited.encode(), "plan.yaml"))


BOTH = """\
name: both
period: week
merchants:
  - id: m1
    name: 店一
    cogs_rate: 40%
    shelf: {uv: 2000, conversion_rate: 2%, aov: 80, traffic_cost_per_uv: 0.5, refund_rate: 10%}
    content: {private_uv: 1000, reach_rate: 10%, public_uv: 500, watch_minutes: 3,
              orders_per_minute: 0.5%, aov: 90, public_cost_per_uv: 0.6}
    forecast: {periods: 8, shelf_traffic_cost_growth: 5%}
  - id: m2
    name: 店二
    shelf: {uv: 1000, conversion_rate: 3%, aov: 50}
"""
BOTH_CSV = """\
Date,Merchant,Channel,UV,Watch minutes,Orders,Buyers,GMV,Refunds,Traffic cost
2025-06-02,m1,货架,1900,,40,38,3100,300,1000
2025-06-03,m1,直播,700,3:10,10,9,950,50,200
2025-06-10,店一,shelf,2100,,44,40,3500,,1100
2025-06-11,m1,content,800,2:50,12,10,1100,80,
2025-06-04,m2,货架,900,,25,25,1300,0,0
"""


def test_weeks_channels_and_merchants_by_id_or_name(tmp_path: Path) -> None:
    r = review(scenario(BOTH), "both.yaml", read(export(tmp_path, BOTH_CSV)))
    m1, m2 = r.merchants
    assert [(p.start.isoformat(), p.end.isoformat(), p.rows) for p in m1.periods] == [
        ("2025-06-02", "2025-06-08", 2),
        ("2025-06-09", "2025-06-15", 2),
    ]
    shelf = m1.periods[1].shelf
    assert shelf is not None
    # shelf: conversion = orders ÷ (uv × repurchase) = buyers ÷ uv; cost from the column
    assert shelf.actual.factors["conversion_rate"] == pytest.approx(40 / 2100)
    assert shelf.actual.result.costs.traffic == pytest.approx(1100)
    # period 2's plan pays the grown cost per visitor: 2000 × 0.5 × 1.05
    assert shelf.plan.result.costs.traffic == pytest.approx(1050)
    for p in m1.periods:
        for x in (p.shelf, p.content):
            assert x is not None
            assert sum(x.gmv_effects.values()) == pytest.approx(x.gmv_delta)
            assert sum(x.contribution_effects.values()) == pytest.approx(x.contribution_delta)
    assert m2.content is None and m2.shelf is not None and len(m2.periods) == 1
    only = review(scenario(BOTH), "both.yaml", read(export(tmp_path, BOTH_CSV)), merchants=["m2"])
    assert [m.id for m in only.merchants] == ["m2"]


def test_fit_edits_flow_mappings_and_distributions(tmp_path: Path) -> None:
    from gmvcli.review.edit import edit_text
    from gmvcli.review.fit import fit

    source = (
        "name: t  # 注释\n"
        "merchants:\n"
        "  - id: shop\n"
        "    name: 小店\n"
        "    content: {private_uv: 1000, reach_rate: 10%, watch_minutes: 4,"
        " orders_per_minute: 0.5%, aov: 100}\n"
        "    shelf:\n"
        "      uv: 5000\n"
        "      conversion_rate:  # 区间\n"
        "        low: 1%\n"
        "        high: 3%\n"
        "      aov: 80\n"
        "# 文件结尾\n"
    )
    text = "日期,渠道,观看人数,人均观看时长,成交订单数,成交人数,成交金额\n"
    text += "".join(
        f"2025-06-{d:02d},{'直播' if d % 2 else '货架'},{100 + d},3:{d:02d},{3 + d % 3},3,{300 + d}\n"
        for d in range(1, 13)
    )
    sc = scenario(source)
    f = fit(sc, "plan.yaml", read(export(tmp_path, text)))
    edited = edit_text(source, f)
    assert edited.startswith("name: t  # 注释\n") and edited.endswith("\n# 文件结尾\n")
    assert "repurchase_frequency: " in edited.split("shelf:")[0]  # added inside the flow mapping
    assert "      conversion_rate: " in edited and "low: 1%" not in edited
    assert "% to " in edited and "%  # 区间\n" in edited  # the comment inside the old value stays
    edited_sc = parse_scenario(load_bytes(edited.encode(), "plan.yaml"))
    assert edited_sc.merchants[0].shelf is not None


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(1, 28),
            st.integers(1, 5000),
            st.integers(30, 600),
            st.integers(0, 40),
            st.floats(1, 500),
        ),
        min_size=1,
        max_size=12,
    ),
    st.randoms(use_true_random=False),
)
def test_review_properties(sessions: list[tuple[int, int, int, int, float]], rng: Any) -> None:
    """Actual orders and GMV are the sums of the rows; effects add up to the gap; the order of the
    rows does not matter."""
    import tempfile

    lines = [
        f"2025-06-{d:02d},{uv},{s // 60}:{s % 60:02d},{o},{round(g * o, 2)}"
        for d, uv, s, o, g in sessions
    ]

    def run(rows: list[str]) -> Any:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "s.csv"
            path.write_text(HEAD + "\n".join(rows) + "\n", encoding="utf-8")
            try:
                a = read(str(path))
            except ReadError as exc:  # duplicates are warnings; nothing else may fail
                raise AssertionError([i.text("en") for i in exc.issues]) from None
            return review(scenario(), "plan.yaml", a).merchants[0].periods[0].content

    x = run(lines)
    kept = list(dict.fromkeys(lines))  # a repeated row is counted once (with a warning)
    gmv = sum(float(line.rsplit(",", 1)[1]) for line in kept)
    orders = sum(int(line.split(",")[3]) for line in kept)
    assert x.actual.result.gmv == pytest.approx(gmv, rel=1e-9, abs=1e-6)
    assert x.actual.result.orders == pytest.approx(orders, rel=1e-9, abs=1e-9)
    assert sum(x.gmv_effects.values()) == pytest.approx(x.gmv_delta, rel=1e-9, abs=1e-6)
    shuffled = list(lines)
    rng.shuffle(shuffled)
    y = run(shuffled)
    assert y.actual.result.gmv == pytest.approx(x.actual.result.gmv, rel=1e-12, abs=1e-9)
    for k, v in x.gmv_effects.items():
        assert y.gmv_effects[k] == pytest.approx(v, rel=1e-9, abs=1e-6)


def test_fit_keeps_crlf_line_ends(tmp_path: Path) -> None:
    from gmvcli.review.edit import edit_text
    from gmvcli.review.fit import fit

    source = PLAN.replace("      repurchase_frequency: 1.25\n", "").replace("\n", "\r\n")
    text = "日期,观看人数,人均观看时长,成交订单数,成交人数,成交金额\n"
    text += "".join(
        f"2025-06-{d:02d},{100 + d},3:{d:02d},{3 + d % 2},3,{300 + d}\n" for d in range(1, 7)
    )
    f = fit(scenario(source), "plan.yaml", read(export(tmp_path, text)))
    edited = edit_text(source, f)
    assert "\n" not in edited.replace("\r\n", "")
    assert "\r\n      repurchase_frequency: " in edited


def test_fit_refuses_to_edit_a_section_written_as_a_yaml_anchor() -> None:
    """`content: &c {...}` reused as `*c` elsewhere: an edit there would change every merchant
    that uses it, so fit --write refuses (in both languages) and leaves the file alone."""
    from gmvcli.review.edit import EditError, edit_text
    from gmvcli.review.fit import fit

    source = (ROOT / "scenarios" / "weiwei-factory.yaml").read_text(encoding="utf-8")
    anchored = source.replace("    content:\n", "    content: &c\n", 1)
    assert anchored != source
    sc = parse_scenario(load_bytes(anchored.encode(), "w.yaml"))
    f = fit(sc, "w.yaml", read(str(ROOT / "scenarios" / "actuals" / "weiwei-sessions.csv")))
    with pytest.raises(EditError) as caught:
        edit_text(anchored, f)
    assert "&c" in caught.value.text("en") and "锚点" in caught.value.text("zh")


def test_an_export_issue_joins_its_hint_as_a_scenario_problem_does() -> None:
    """One joiner, from the catalogue (frame.hint): " — " in en, "——" in zh, for both."""
    from gmvcli.errors import Problem
    from gmvcli.messages import msg
    from gmvcli.review.issues import Issue

    issue = Issue("review.encoding", "a.csv", params=(("line", 3),), hint="review.encoding_hint")
    problem = Problem("s.yaml", msg("review.encoding", line=3), hint=msg("review.encoding_hint"))
    for lang in ("en", "zh"):
        joined = problem.text(lang).removeprefix("s.yaml: ")
        assert issue.text(lang).removeprefix("a.csv: ") == joined
    assert "——请把" in issue.text("zh") and " — save" in issue.text("en")
