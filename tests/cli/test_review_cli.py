"""`gmvcli review` and `gmvcli fit` end to end (SPEC §10)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from gmvcli.cli import app
from tests.conftest import ROOT

runner = CliRunner()
WEIWEI = str(ROOT / "scenarios" / "weiwei-factory.yaml")
CSV = str(ROOT / "scenarios" / "actuals" / "weiwei-sessions.csv")
XLSX = str(ROOT / "scenarios" / "actuals" / "weiwei-sessions.xlsx")
P3 = str(ROOT / "tests" / "data" / "review" / "p3-review.yaml")
P3_CSV = str(ROOT / "tests" / "data" / "review" / "p3-review.actuals.csv")


def run(*args: str) -> Any:
    return runner.invoke(app, list(args), env={"LANG": "en_US.UTF-8", "COLUMNS": "80"})


def test_json_shape() -> None:
    r = run("review", P3, P3_CSV, "--format", "json")
    assert r.exit_code == 0, r.stderr
    out = json.loads(r.stdout)
    assert list(out)[:5] == ["file", "actuals", "name", "currency", "period"]
    m = out["merchants"][0]
    assert list(m)[:5] == ["id", "name", "periods", "total", "warnings"]
    p = m["periods"][0]
    assert list(p) == ["period", "start", "end", "rows", "content", "shelf"]
    x = p["content"]
    assert list(x) == [
        "plan",
        "actual",
        "gmv_delta",
        "gmv_delta_pct",
        "gmv_effects",
        "contribution_delta",
        "contribution_effects",
    ]
    assert list(x["contribution_effects"]) == [
        "net_gmv",
        "traffic",
        "commission",
        "promotion",
        "content",
        "goods",
        "rebate",
    ]
    assert x["gmv_delta_pct"] == pytest.approx(-26014.8 / 70156.8 * 100, abs=1e-4)
    assert set(m["total"]["content"]) >= {
        "plan_gmv",
        "actual_gmv",
        "gmv_delta",
        "gmv_effects",
        "plan_contribution",
        "actual_contribution",
        "contribution_delta",
    }


def test_gbk_csv_and_xlsx_give_the_same_review() -> None:
    a = json.loads(run("review", WEIWEI, CSV, "--format", "json").stdout)
    b = json.loads(run("review", WEIWEI, XLSX, "--format", "json").stdout)
    assert a["merchants"] == b["merchants"]
    assert len(a["merchants"][0]["periods"]) == 3


def test_table_verdict_en_and_zh() -> None:
    r = run("review", WEIWEI, CSV)
    assert r.exit_code == 0
    assert "GMV ¥74,690 below plan (−6.48%) over 3 months: watch minutes −¥" in " ".join(
        r.stdout.split()
    )
    r = run("review", WEIWEI, CSV, "--lang", "zh")
    text = "".join(r.stdout.split())
    assert "3个月内GMV比计划低¥7.47万（−6.48%）：内容消费时长−¥" in text
    assert "Plan" not in r.stdout


@pytest.mark.parametrize("width", ["60", "80", "160"])
def test_table_never_cuts_a_figure(width: str) -> None:
    r = runner.invoke(app, ["review", P3, P3_CSV], env={"LANG": "en_US.UTF-8", "COLUMNS": width})
    assert "…" not in r.stdout
    assert "−¥60,960" in r.stdout and "¥210,078" in r.stdout
    assert max(len(line) for line in r.stdout.splitlines()) <= int(width)


def test_csv_markdown_jsonl() -> None:
    r = run("review", P3, P3_CSV, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert [row["period"] for row in rows] == ["1", "2", "3", "total"]
    assert rows[-1]["gmv_delta"] == "-60960.04"
    md = run("review", P3, P3_CSV, "--format", "markdown").stdout
    assert "| Period | Dates |" in md and "**GMV ¥60,960 below plan" in md
    line = run("review", P3, P3_CSV, "--format", "jsonl").stdout
    assert line.count("\n") == 1 and json.loads(line)["merchants"][0]["id"] == "orchard"


def test_usage_errors_exit_2_before_work() -> None:
    r = run("review", P3, P3_CSV, "--format", "xlsx")
    assert r.exit_code == 2
    r = run("review", P3, P3_CSV, "--start", "June")
    assert r.exit_code == 2 and "--start June" in r.stderr
    r = run("fit", P3, P3_CSV, "--format", "csv")
    assert r.exit_code == 2


def test_bad_export_exit_1_located(tmp_path: Path) -> None:
    bad = tmp_path / "s.csv"
    bad.write_text(
        "日期,观看人数,人均观看时长,成交订单数,成交金额\n2025-06-01,x,3:00,1,10\n", "utf-8"
    )
    r = run("review", P3, str(bad))
    assert r.exit_code == 1
    assert f"{bad}:2:观看人数: is not a number (got x)" in r.stderr
    r = run("review", P3, str(bad), "--format", "json", "--lang", "zh")
    assert r.exit_code == 1
    assert json.loads(r.stdout)["error"]["code"] == "review.not_number"
    assert "不是数字" in r.stderr
    r = run("review", P3, str(tmp_path / "missing.csv"))
    assert r.exit_code == 1 and "no such file" in r.stderr
    r = run("review", P3, P3_CSV, "--merchant", "nobody")
    assert r.exit_code == 1 and "no merchant 'nobody'" in r.stderr


def test_warnings_go_to_stderr_and_json(tmp_path: Path) -> None:
    text = Path(P3_CSV).read_text(encoding="utf-8")
    lines = text.splitlines()
    export = tmp_path / "dup.csv"
    export.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    r = run("review", P3, str(export), "--format", "json")
    assert r.exit_code == 0
    assert f"{export}:70: warning: repeats row 2 cell for cell: counted once" in r.stderr
    assert json.loads(r.stdout)["merchants"][0]["warnings"] == [
        f"{export}:70: repeats row 2 cell for cell: counted once"
    ]


def test_fit_diff_and_write_keep_the_file(tmp_path: Path) -> None:
    plan = tmp_path / "weiwei.yaml"
    shutil.copy(WEIWEI, plan)
    before = plan.read_bytes()
    r = run("fit", str(plan), CSV)
    assert r.exit_code == 0, r.stderr
    assert "+      watch_minutes: 3.583 to 3.722" in r.stdout
    assert "--- a/" + str(plan).lstrip("/") in r.stdout
    assert plan.read_bytes() == before  # a diff only
    r = run("fit", str(plan), CSV, "--write", "--format", "json")
    assert r.exit_code == 0
    fields = {f["path"]: f for f in json.loads(r.stdout)["fields"]}
    assert fields["content.watch_minutes"]["written"] == "3.583 to 3.722"
    after = plan.read_text(encoding="utf-8")
    assert "# fitted from weiwei-sessions.csv, 91 rows, 2024-11-01..2025-01-31" in after
    assert after.startswith(before.decode("utf-8").split("    content:")[0])  # untouched above
    # the fitted file runs: simulate draws the intervals
    r = run("simulate", str(plan), "--runs", "200", "--format", "json")
    assert r.exit_code == 0, r.stderr


def test_fit_json_rounds_each_field_as_its_kind() -> None:
    """Visitors (counts) to 2 decimals, every other fitted input to 6 (as review gives the same
    factors): an estimate's interval must not collapse (¥0.6007 from 0.5985 to 0.6029 is not
    0.6 to 0.6); the value written to the scenario keeps its own 4 digits."""
    data = json.loads(run("fit", WEIWEI, CSV, "--format", "json").stdout)
    fields = {f["path"]: f for f in data["fields"]}
    two = ("content.public_uv",)
    six = (
        "content.aov",
        "content.public_cost_per_uv",
        "content.watch_minutes",
        "content.reach_rate",
        "content.orders_per_minute",
        "forecast.follow_rate",
    )
    for path, places in [*((p, 2) for p in two), *((p, 6) for p in six)]:
        for key in ("value", "low", "high"):
            number = fields[path][key]
            assert number == round(number, places), (path, key, number)
    cost = fields["content.public_cost_per_uv"]
    assert cost["low"] < cost["value"] < cost["high"]  # the interval does not collapse
    assert cost["value"] != round(cost["value"], 2)
    assert fields["content.public_cost_per_uv"]["written"] == "0.5985 to 0.6029"
    assert fields["content.aov"] | {"value": 0} == {
        "path": "content.aov",
        "value": 0,
        "low": 113.126794,
        "high": 115.715573,
        "rows": 91,
        "written": "113.1 to 115.7",
    }


def test_fit_needs_one_merchant(tmp_path: Path) -> None:
    two = Path(P3).read_text(encoding="utf-8") + (
        "  - id: other\n    name: other\n    shelf: {uv: 1000, conversion_rate: 2%, aov: 50}\n"
    )
    plan = tmp_path / "two.yaml"
    plan.write_text(two, encoding="utf-8")
    r = run("fit", str(plan), P3_CSV)
    assert r.exit_code == 2 and "--merchant" in r.stderr
    assert run("fit", str(plan), P3_CSV, "--merchant", "orchard").exit_code == 0


def test_plot(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    out = tmp_path / "review.svg"
    r = run("review", P3, P3_CSV, "--plot", str(out), "--format", "json")
    assert r.exit_code == 0, r.stderr
    svg = out.read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and "<svg" in svg
    assert run("review", P3, P3_CSV, "--plot", str(tmp_path / "x.gif")).exit_code == 2


def test_output_never_overwrites_an_input(tmp_path: Path) -> None:
    export = tmp_path / "s.csv"
    shutil.copy(P3_CSV, export)
    before = export.read_bytes()
    r = run("review", P3, str(export), "-o", str(export))
    assert r.exit_code == 1 and "refusing to write over" in r.stderr
    assert export.read_bytes() == before


@pytest.mark.parametrize("columns", ["60", "80"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_fit_table_never_cuts_a_figure(columns: str, lang: str) -> None:
    """Long field names wrap; the estimates and intervals beside them are shown whole (SPEC §7)."""
    import re

    from typer.testing import CliRunner

    from gmvcli.cli import app

    scenario = str(ROOT / "scenarios" / "weiwei-factory.yaml")
    sessions = str(ROOT / "scenarios" / "actuals" / "weiwei-sessions.csv")
    r = CliRunner().invoke(
        app, ["fit", scenario, sessions, "--lang", lang], env={"COLUMNS": columns, "LANG": "C"}
    )
    assert r.exit_code == 0, r.output
    table = r.stdout.split("---")[0]  # the tables, before the diff of the file
    assert not re.search(r"[0-9%万亿¥]…", table)


def test_columns_naming_a_header_the_export_lacks_is_a_located_error(tmp_path: Path) -> None:
    mapping = tmp_path / "map.yaml"
    mapping.write_text("场观人数: uv\n", encoding="utf-8")  # the export's header is 观看人数
    for command in ("review", "fit"):
        r = run(command, P3, P3_CSV, "--columns", str(mapping))
        assert r.exit_code == 1, r.stdout
        assert f"{P3_CSV}:1: --columns maps the header '场观人数' to uv, but the export" in r.stderr
        assert "headers found: 开播时间, 观看人数" in r.stderr


def test_sheet_on_a_csv_is_a_usage_error() -> None:
    for command in ("review", "fit"):
        r = run(command, P3, P3_CSV, "--sheet", "直播")
        assert r.exit_code == 2 and r.stdout == ""
        assert "--sheet 直播:" in r.stderr and "is not an .xlsx workbook" in r.stderr


def test_fit_warns_about_a_partial_month(tmp_path: Path) -> None:
    lines = Path(P3_CSV).read_text(encoding="utf-8").splitlines(keepends=True)
    cut = tmp_path / "cut.csv"
    cut.write_text("".join(x for x in lines if not x.startswith("2025-08-3")), encoding="utf-8")
    r = run("fit", P3, str(cut))
    assert r.exit_code == 0, r.stderr
    assert "warning: period 3 (2025-08-01..2025-08-31) has rows only from 2025-08-01" in r.stderr
    r = run("fit", P3, P3_CSV)
    assert "has rows only" not in r.stderr


@pytest.mark.parametrize(
    ("make", "zh"),
    [
        ("directory", "这是目录，不是文件：请给出导出的 CSV 或 XLSX 文件本身"),
        ("not-a-zip.xlsx", "它不是 zip 格式（.xlsx 工作簿都是 zip 格式）"),
    ],
)
def test_unreadable_actuals_in_chinese_have_no_library_english(
    tmp_path: Path, make: str, zh: str
) -> None:
    target = tmp_path / make
    if make == "directory":
        target.mkdir()
    else:
        target.write_bytes(b"date,uv\n2025-06-01,1\n")
    r = runner.invoke(app, ["review", P3, str(target), "--lang", "zh"], env={"COLUMNS": "80"})
    assert r.exit_code == 1
    line = r.stderr.strip().replace(str(target), "")
    assert zh in line
    assert "directory" not in line and "zip file" not in line  # no library/system English
