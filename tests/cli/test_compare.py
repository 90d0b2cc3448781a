"""`gmvcli compare` end to end through Typer's runner (SPEC §7)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from gmvcli import __version__
from gmvcli.cli import app
from tests.helpers import WEIWEI

runner = CliRunner()


def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Any:
    return runner.invoke(app, list(args), input=input, env=env or {"LANG": "en_US.UTF-8"})


@pytest.fixture
def weiwei(write) -> Path:  # type: ignore[no-untyped-def]
    return write(WEIWEI, "weiwei.yaml")  # type: ignore[no-any-return]


def test_json_shape_and_values(weiwei: Path) -> None:
    r = run("compare", str(weiwei), "--format", "json")
    assert r.exit_code == 0, r.stderr
    out = json.loads(r.stdout)
    assert list(out) == ["file", "name", "currency", "merchants"]
    assert out["file"] == str(weiwei)
    m = out["merchants"][0]
    assert list(m) == ["id", "name", "role", "shelf", "content", "comparison", "warnings"]
    assert m["shelf"]["gmv"] == 445000.0
    assert m["shelf"]["costs"] == {
        "traffic": 120000.0,
        "commission": 20025.0,
        "promotion": 32040.0,
        "content": 0.0,
        "goods": 180225.0,
        "total": 352290.0,
    }
    assert m["shelf"]["roi"] == 3.708333  # ratios to 6 decimals
    assert m["content"]["private_uv"] == 120000.0
    assert m["comparison"]["contribution_delta"] == 202190.0
    assert m["comparison"]["drivers"] == {
        "uv": 1.0,
        "conversion": 1.2,
        "aov": 1.0,
        "repurchase": 1.6,
    }
    assert m["warnings"] == []


def test_json_is_an_array_for_several_inputs_and_jsonl_a_line_each(weiwei: Path, write) -> None:  # type: ignore[no-untyped-def]
    bad = write("name: x\n", "bad.yaml")
    r = run("compare", str(weiwei), str(bad), "--format", "json")
    assert r.exit_code == 1
    out = json.loads(r.stdout)
    assert [o["file"] for o in out] == [str(weiwei), str(bad)]
    assert out[1]["error"]["path"] == "merchants"
    r = run("compare", str(bad), str(weiwei), "--format", "jsonl")
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    assert [("error" in o) for o in lines] == [True, False]
    assert set(lines[0]["error"]) == {"code", "message", "line", "column", "path"}
    assert "missing required key 'merchants'" in r.stderr


def test_directory_means_its_yaml_files_sorted(tmp_path: Path) -> None:
    for name in ("b.yaml", "a.yml", "c.txt"):
        (tmp_path / name).write_text(WEIWEI, encoding="utf-8")
    r = run("compare", str(tmp_path), "--format", "jsonl")
    assert r.exit_code == 0
    files = [json.loads(line)["file"] for line in r.stdout.splitlines()]
    assert files == [str(tmp_path / "a.yml"), str(tmp_path / "b.yaml")]


def test_stdin(weiwei: Path) -> None:
    r = run("compare", "-", "--format", "json", input=WEIWEI)
    assert r.exit_code == 0
    assert json.loads(r.stdout)["file"] == "-"


def test_csv_is_long_and_injection_safe(write) -> None:  # type: ignore[no-untyped-def]
    text = WEIWEI.replace("name: 大进针织工厂（薇薇）", 'name: "=HYPERLINK(\\"http://x\\")"')
    path = write(text)
    r = run("compare", str(path), "--format", "csv")
    assert r.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert [row["model"] for row in rows] == ["shelf", "content"]
    assert rows[0]["merchant_name"] == '\'=HYPERLINK("http://x")'
    assert rows[0]["file"] == str(path)
    assert rows[0]["gmv"] == "445000.0"
    assert rows[0]["costs_total"] == "352290.0"
    assert rows[1]["private_uv"] == "120000.0"


def test_csv_negative_numbers_are_not_altered(write) -> None:  # type: ignore[no-untyped-def]
    path = write(WEIWEI.replace("traffic_cost_per_uv: 0.6", "traffic_cost_per_uv: 5"))
    r = run("compare", str(path), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert rows[0]["contribution"].startswith("-")
    assert float(rows[0]["contribution"]) < 0


def test_markdown(weiwei: Path) -> None:
    r = run("compare", str(weiwei), "--format", "markdown")
    assert r.exit_code == 0
    assert "## 薇薇 · 大进针织工厂" in r.stdout
    assert "| GMV | ¥445,000 | ¥854,400 | +¥409,400 |" in r.stdout
    assert (
        "**In period 1 (the first month), content earns ¥202,190 more contribution than shelf, "
        "with 1.92× the GMV, mostly from repurchase.**" in r.stdout
    )


def test_table_en_and_zh(weiwei: Path) -> None:
    r = run("compare", str(weiwei))
    assert r.exit_code == 0
    assert "大进针织工厂（薇薇） · factory" in r.stdout
    assert "content earns ¥202,190 more contribution than shelf, with 1.92× the GMV" in " ".join(
        r.stdout.split()
    )  # the verdict wraps at the width
    assert "per month" not in r.stdout
    assert "\x1b[" not in r.stdout  # not a terminal: no colour
    zh = run("compare", str(weiwei), "--lang", "zh")
    assert "货架电商" in zh.stdout and "内容+私域" in zh.stdout
    assert "¥44.5万" in zh.stdout  # shelf GMV 445,000
    assert "第1个月，内容+私域的贡献利润比货架电商多¥20.2万" in zh.stdout


def test_lang_defaults_from_environment(weiwei: Path) -> None:
    r = run("compare", str(weiwei), env={"LC_ALL": "", "LANG": "zh_CN.UTF-8"})
    assert "货架电商" in r.stdout
    r = run("compare", str(weiwei), env={"LC_ALL": "C", "LANG": "zh_CN.UTF-8"})
    assert "Shelf" in r.stdout


def test_text_from_files_cannot_style_or_drive_the_terminal(write) -> None:  # type: ignore[no-untyped-def]
    text = WEIWEI.replace("name: 大进针织工厂（薇薇）", 'name: "[bold red]boom[/] \\e]0;pwned\\a"')
    r = run("compare", str(write(text)))
    assert r.exit_code == 0
    assert "[bold red]boom[/]" in r.stdout
    assert "\x1b" not in r.stdout and "\x07" not in r.stdout
    assert "\\x1b]0;pwned\\x07" in r.stdout


def test_set_overrides_a_field_parsed_like_the_file(weiwei: Path) -> None:
    r = run("compare", str(weiwei), "--format", "json", "--set", "shelf.uv=30万")
    assert json.loads(r.stdout)["merchants"][0]["shelf"]["uv"] == 300000.0
    r = run(
        "compare",
        str(weiwei),
        "-f",
        "json",
        "--set",
        "weiwei:content.aov=¥99",
        "-s",
        "cogs_rate=50%",
    )
    m = json.loads(r.stdout)["merchants"][0]
    assert m["content"]["gmv"] == 9600 * 99
    assert m["content"]["costs"]["goods"] == pytest.approx(m["content"]["net_gmv"] * 0.5, abs=0.01)


def test_set_bad_path_is_a_usage_error_listing_fields(weiwei: Path) -> None:
    r = run("compare", str(weiwei), "--set", "shelf.uvv=3")
    assert r.exit_code == 2
    assert "--set shelf.uvv=3: unknown field 'shelf.uvv'" in r.stderr
    assert "did you mean 'shelf.uv'?" in r.stderr and "content.watch_minutes" in r.stderr
    r = run("compare", str(weiwei), "--set", "nobody:shelf.uv=3")
    assert r.exit_code == 2 and "no merchant with that id" in r.stderr
    r = run("compare", str(weiwei), "--set", "shelf.uv")
    assert r.exit_code == 2


def test_set_bad_value_is_located_at_the_option(weiwei: Path) -> None:
    r = run("compare", str(weiwei), "--set", "shelf.conversion_rate=2.5")
    assert r.exit_code == 1
    assert (
        f"{weiwei}: --set shelf.conversion_rate=2.5: merchants[0].shelf.conversion_rate: "
        "must be between 0 and 1 (got 2.5) — write 2.5% for a percentage"
    ) in r.stderr


def test_merchant_filter(write) -> None:  # type: ignore[no-untyped-def]
    two = WEIWEI + WEIWEI.split("merchants:\n", 1)[1].replace("id: weiwei", "id: other")
    path = write(two)
    r = run("compare", str(path), "-f", "json", "--merchant", "other")
    assert [m["id"] for m in json.loads(r.stdout)["merchants"]] == ["other"]
    r = run("compare", str(path), "-f", "json", "--merchant", "ghost")
    assert r.exit_code == 1 and "no merchant 'ghost'" in r.stderr


def test_output_is_written_atomically(weiwei: Path, tmp_path: Path, write) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out.json"
    r = run("compare", str(weiwei), "-f", "json", "-o", str(out))
    assert r.exit_code == 0 and r.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["name"] == "薇薇 · 大进针织工厂"
    out.write_text("keep me", encoding="utf-8")
    bad = write("name: [\n", "bad.yaml")
    r = run("compare", str(weiwei), str(bad), "-f", "json", "-o", str(out))
    assert r.exit_code == 1
    assert out.read_text(encoding="utf-8") == "keep me"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".gmvcli-")] == []
    r = run("compare", str(weiwei), "-o", str(tmp_path / "missing" / "out.txt"))
    assert r.exit_code == 1 and "does not exist" in r.stderr
    assert not (tmp_path / "missing").exists()


def test_table_to_file_has_no_colour(weiwei: Path, tmp_path: Path) -> None:
    out = tmp_path / "t.txt"
    assert run("compare", str(weiwei), "-o", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "\x1b" not in text and "Contribution" in text


def test_exit_codes(weiwei: Path) -> None:
    assert run("compare", str(weiwei)).exit_code == 0
    assert run("compare", "/no/such/file.yaml").exit_code == 1
    assert run("compare", str(weiwei), "--format", "xml").exit_code == 2
    assert run("compare").exit_code == 2
    r = run("--version")
    assert r.exit_code == 0 and r.stdout.strip() == f"gmvcli {__version__}"


def test_policy_warning_goes_to_stderr_and_json(write) -> None:  # type: ignore[no-untyped-def]
    path = write(
        WEIWEI.replace(
            "    cogs_rate: 45%", "    cogs_rate: 45%\n    policies: [new_store_commission_free]"
        )
    )
    r = run("compare", str(path), "-f", "json")
    assert r.exit_code == 0
    m = json.loads(r.stdout)["merchants"][0]
    assert m["content"]["costs"]["commission"] == 0.0
    assert m["warnings"] == [
        "policy 'new_store_commission_free' is for streamer, not factory; applied anyway"
    ]
    assert "weiwei: policy 'new_store_commission_free' is for streamer" in r.stderr
    zh = run("compare", str(path), "--lang", "zh")
    assert "仍按该政策计算" in zh.stderr


def test_installed_script_and_module_run(weiwei: Path) -> None:
    script = Path(sys.executable).parent / "gmvcli"
    env = {**os.environ, "LANG": "C.UTF-8"}
    for cmd in ([str(script)], [sys.executable, "-m", "gmvcli"]):
        p = subprocess.run(
            [*cmd, "compare", str(weiwei), "-f", "json"],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        assert p.returncode == 0, p.stderr
        assert json.loads(p.stdout)["merchants"][0]["shelf"]["gmv"] == 445000.0


def test_internal_errors_say_they_are_bugs(weiwei: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gmvcli.compare

    def boom(*args: object) -> None:
        raise RuntimeError("kaput")

    monkeypatch.setattr(gmvcli.compare, "compare_scenario", boom)
    r = run("compare", str(weiwei))
    assert r.exit_code == 1
    assert "internal error (a bug in gmvcli" in r.stderr and "Traceback" not in r.stderr
