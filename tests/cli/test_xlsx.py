"""`--format xlsx` (SPEC §7): workbooks read back with openpyxl, as Excel and WPS would open them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from gmvcli.cli import app
from tests.conftest import SCENARIOS

openpyxl = pytest.importorskip("openpyxl")
runner = CliRunner()
EN = {"LANG": "C.UTF-8", "LC_ALL": ""}
WEIWEI = str(SCENARIOS / "weiwei-factory.yaml")
UNCERTAIN = str(SCENARIOS / "weiwei-uncertain.yaml")
MONEY = '"¥"#,##0.00;-"¥"#,##0.00'


def run(*args: str) -> Any:
    return runner.invoke(app, list(args), env=EN)


def sheets(path: Path) -> dict[str, list[list[Any]]]:
    book = openpyxl.load_workbook(path)
    out = {}
    for ws in book.worksheets:
        assert ws.freeze_panes == "A2", ws.title  # the header row stays in view
        out[ws.title] = [list(row) for row in ws.iter_rows()]
    return out


def column(rows: list[list[Any]], header: str) -> list[Any]:
    i = [c.value for c in rows[0]].index(header)
    return [r[i] for r in rows[1:]]


def test_compare_in_chinese_has_numeric_cells_with_yuan_and_percent(tmp_path: Path) -> None:
    out = tmp_path / "对比.xlsx"
    r = run("compare", WEIWEI, "--format", "xlsx", "-o", str(out), "--lang", "zh")
    assert r.exit_code == 0, r.stderr
    assert r.stdout == ""
    book = sheets(out)
    assert list(book) == ["结果", "对比"]
    results = book["结果"]
    assert [c.value for c in results[0]][:7] == [
        "文件",
        "场景",
        "商家ID",
        "商家",
        "角色",
        "模式",
        "访客数",
    ]
    expected = json.loads(run("compare", WEIWEI, "--format", "json").stdout)["merchants"][0]
    gmv = column(results, "GMV")
    assert [c.value for c in gmv] == [expected["shelf"]["gmv"], expected["content"]["gmv"]]
    assert all(c.data_type == "n" and c.number_format == MONEY for c in gmv)
    conversion = column(results, "转化率")
    assert conversion[0].value == pytest.approx(0.025) and conversion[0].number_format == "0.00%"
    assert [c.value for c in column(results, "模式")] == ["货架电商", "内容+私域"]
    delta = column(book["对比"], "贡献利润差额")[0]
    assert delta.value == expected["comparison"]["contribution_delta"]
    assert delta.number_format == MONEY
    assert "贡献利润" in column(book["对比"], "结论")[0].value


def test_forecast_diff_sweep_and_simulate_write_workbooks(tmp_path: Path) -> None:
    cases = {
        "forecast": ["forecast", WEIWEI, "-n", "6"],
        "diff": ["diff", WEIWEI, "--set", "content.aov=120"],
        "sweep": ["sweep", WEIWEI, "--vary", "content.orders_per_minute=0.3%,0.5%"],
        "simulate": ["simulate", UNCERTAIN, "--runs", "200"],
    }
    for name, args in cases.items():
        out = tmp_path / f"{name}.xlsx"
        r = run(*args, "--format", "xlsx", "-o", str(out))
        assert r.exit_code == 0, (name, r.stderr)
        book = sheets(out)
        assert all(len(rows) > 1 for rows in book.values()), name
    periods = sheets(tmp_path / "forecast.xlsx")["periods"]
    assert [c.value for c in column(periods, "Period")][:2] == [1, 1]
    diff = sheets(tmp_path / "diff.xlsx")["diff"]
    rows = {(r[3].value, r[4].value): r for r in diff[1:]}
    aov_gmv = rows[("Content + private", "GMV")]
    assert aov_gmv[5].number_format == MONEY and aov_gmv[7].value > 0
    base, variant = aov_gmv[5].value, aov_gmv[6].value
    assert aov_gmv[8].number_format == "0.00%"
    assert aov_gmv[8].value == pytest.approx((variant - base) / base, abs=1e-6)
    sweep = sheets(tmp_path / "sweep.xlsx")["sweep"]
    varied = column(sweep, "orders per minute (content)")
    assert [c.value for c in varied] == [0.003, 0.005]
    assert varied[0].number_format == "0.00%"
    wins = column(sheets(tmp_path / "simulate.xlsx")["simulate"], "P(content wins)")[0]
    assert 0 <= wins.value <= 1 and wins.number_format == "0.00%"


def test_xlsx_needs_an_output_file_and_a_command_that_writes_it(tmp_path: Path) -> None:
    r = run("compare", WEIWEI, "--format", "xlsx")
    assert r.exit_code == 2 and "-o" in r.stderr and r.stdout == ""
    for args in (["explain", WEIWEI], ["solve", WEIWEI, "--for", "content.aov"]):
        out = tmp_path / "x.xlsx"
        r = run(*args, "--format", "xlsx", "-o", str(out))
        assert r.exit_code == 2 and "xlsx" in r.stderr and not out.exists()


def test_text_from_files_stays_text(tmp_path: Path, write: Any) -> None:
    path = write(
        "name: '=HYPERLINK(\"http://x\")'\nmerchants:\n  - id: a\n    name: '@SUM(A1)'\n"
        "    shelf: {uv: 10, conversion_rate: 10%, aov: 5}\n"
    )
    out = tmp_path / "x.xlsx"
    assert run("compare", str(path), "--format", "xlsx", "-o", str(out)).exit_code == 0
    row = sheets(out)["results"][1]
    assert row[1].value == '=HYPERLINK("http://x")' and row[1].data_type == "s"
    assert row[3].value == "@SUM(A1)"


def test_a_fifo_is_written_not_replaced(tmp_path: Path) -> None:
    import os
    import stat
    import threading

    fifo = tmp_path / "pipe.xlsx"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    r = run("compare", WEIWEI, "--format", "xlsx", "-o", str(fifo))
    reader.join(timeout=10)
    assert r.exit_code == 0, r.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and got and got[0][:2] == b"PK"


SESSIONS = str(SCENARIOS / "actuals" / "weiwei-sessions.csv")


def test_review_workbook_in_chinese_equals_the_json(tmp_path: Path) -> None:
    out = tmp_path / "复盘.xlsx"
    r = run("review", WEIWEI, SESSIONS, "--format", "xlsx", "-o", str(out), "--lang", "zh")
    assert r.exit_code == 0, r.stderr
    assert r.stdout == ""
    book = sheets(out)
    assert list(book) == ["各期", "合计"]
    expected = json.loads(run("review", WEIWEI, SESSIONS, "--format", "json").stdout)
    m = expected["merchants"][0]
    periods, totals = book["各期"], book["合计"]
    head = ["商家ID", "商家", "模式", "期", "开始日期", "结束日期", "场次"]
    assert [c.value for c in periods[0]][:7] == head
    assert [c.value for c in column(periods, "期")] == [p["period"] for p in m["periods"]]
    gmv = column(periods, "实际GMV")
    assert [c.value for c in gmv] == [p["content"]["actual"]["gmv"] for p in m["periods"]]
    assert all(c.data_type == "n" and c.number_format == MONEY for c in gmv)
    pct = column(periods, "差额%")[0]
    assert pct.number_format == "0.00%"
    assert pct.value == pytest.approx(m["periods"][0]["content"]["gmv_delta_pct"] / 100)
    total = m["total"]["content"]
    watch = column(totals, "对GMV影响：内容消费时长")[0]
    assert watch.value == total["gmv_effects"]["watch_minutes"] and watch.number_format == MONEY
    heads = [str(c.value) for c in totals[0]]
    effects = [c.value or 0 for h, c in zip(heads, totals[1], strict=True) if h.startswith("对GMV")]
    assert sum(effects) == pytest.approx(total["gmv_delta"], abs=0.005)
    assert column(totals, "结论")[0].value.startswith("3个月内 GMV 比计划低")


def test_fit_workbook_formats_each_field_as_it_is(tmp_path: Path) -> None:
    out = tmp_path / "fit.xlsx"
    r = run("fit", WEIWEI, SESSIONS, "--format", "xlsx", "-o", str(out))
    assert r.exit_code == 0, r.stderr
    fields = sheets(out)["fit"]
    head = ["Field", "Estimate", "Low (5th percentile)", "High (95th percentile)"]
    assert [c.value for c in fields[0]][:4] == head
    rows = {r[0].value: r for r in fields[1:]}
    data = json.loads(run("fit", WEIWEI, SESSIONS, "--format", "json").stdout)
    for f in data["fields"]:
        assert rows[f["path"]][1].value == f["value"]
    assert rows["content.aov"][1].number_format == MONEY
    assert rows["content.orders_per_minute"][2].number_format == "0.00%"
    r = run("fit", WEIWEI, SESSIONS, "--format", "xlsx")
    assert r.exit_code == 2 and "-o" in r.stderr
