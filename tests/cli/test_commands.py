"""validate, explain, policies and --lang zh errors through Typer's runner."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from gmvcli.cli import app
from tests.conftest import SCENARIOS
from tests.helpers import WEIWEI

runner = CliRunner()
EN = {"LANG": "C.UTF-8", "LC_ALL": ""}
EXAMPLES = sorted(SCENARIOS.glob("*.yaml"))


def run(*args: str, env: dict[str, str] | None = None, input: str | None = None) -> Any:
    return runner.invoke(app, list(args), env=env or EN, input=input)


# --- validate -------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_validate_is_silent_for_valid_files(path: Path) -> None:
    r = run("validate", str(path))
    assert (r.exit_code, r.stdout, r.stderr) == (0, "", "")


def test_validate_reports_every_problem_of_a_file(write) -> None:  # type: ignore[no-untyped-def]
    text = (
        WEIWEI.replace("conversion_rate: 2.5%", "conversion_rate: 2.5")
        .replace("watch_minutes: 6", "watch_minutes: 0")
        .replace("aov: 89\n      traffic", "aovv: 89\n      traffic")
    )
    path = write(text)
    r = run("validate", str(path))
    assert r.exit_code == 1
    lines = r.stderr.splitlines()
    assert lines == [
        f"{path}:9:24: merchants[0].shelf.conversion_rate: must be between 0 and 1 (got 2.5) — write 2.5% for a percentage",
        f"{path}:10:7: merchants[0].shelf.aovv: unknown key — did you mean 'aov'?",
        f"{path}:19:22: merchants[0].content.watch_minutes: must be more than 0 (got 0)",
    ]
    assert r.stdout == ""


def test_validate_json_is_one_object_per_file(write) -> None:  # type: ignore[no-untyped-def]
    """`{"file", "valid", "errors", "warnings"}` per file: an object for one file, an array for
    several, like compare (it was a flat list of problems, `[]` when valid)."""
    good = write(WEIWEI, "good.yaml")
    bad = write("name: x\nmerchants: []\n", "bad.yaml")
    r = run("validate", str(good), str(bad), "--format", "json")
    assert r.exit_code == 1
    assert json.loads(r.stdout) == [
        {"file": str(good), "valid": True, "errors": [], "warnings": []},
        {
            "file": str(bad),
            "valid": False,
            "errors": [
                {
                    "code": "merchants.empty",
                    "message": "needs at least one merchant",
                    "line": 2,
                    "column": 12,
                    "path": "merchants",
                }
            ],
            "warnings": [],
        },
    ]
    one = run("validate", str(good), "-f", "json")
    assert json.loads(one.stdout) == {
        "file": str(good),
        "valid": True,
        "errors": [],
        "warnings": [],
    }


HIGH_VALUE = "40%"
HIGH = WEIWEI.replace("conversion_rate: 2.5%", f"conversion_rate: {HIGH_VALUE}")


def test_validate_says_a_file_with_warnings_is_valid(write) -> None:  # type: ignore[no-untyped-def]
    """A conversion over 30% is a real warning (SPEC §2), but the file is valid: the last line says
    so, in the run's language; JSON lists the warnings with their code."""
    path = write(HIGH, "high.yaml")
    r = run("validate", str(path))
    assert r.exit_code == 0 and r.stdout == ""
    assert r.stderr.splitlines()[-1] == f"{path}: valid, with 1 warning"
    assert "check the units" in r.stderr.splitlines()[0]
    zh = run("validate", str(path), "--lang", "zh")
    # the summary names the file as the problem lines do (`high.yaml:12:5: …`): an ASCII colon
    assert zh.stderr.splitlines()[-1] == f"{path}: 文件有效，但有1条警告"
    assert zh.stderr.splitlines()[0].startswith(f"{path}:")
    out = json.loads(run("validate", str(path), "-f", "json").stdout)
    assert out["valid"] is True and out["errors"] == []
    assert [(w["merchant"], w["code"]) for w in out["warnings"]] == [("weiwei", "conversion.high")]
    warning = out["warnings"][0]
    assert warning["path"] == "merchants[0].shelf.conversion_rate"
    line = HIGH.splitlines()[warning["line"] - 1]
    assert line[warning["column"] - 1 :].startswith(HIGH_VALUE), (line, warning)


def test_every_warning_code_is_dotted_as_error_codes_are() -> None:
    """validate's JSON gives a warning's code as an error's (`conversion.high`, `number.unreadable`)."""
    import inspect

    from gmvcli import policies

    keys = re.findall(r'Notice\(\s*"([^"]+)"', inspect.getsource(policies))
    assert keys and all(re.fullmatch(r"[a-z_]+(\.[a-z_]+)+", k) for k in keys), keys


def test_validate_in_chinese(write) -> None:  # type: ignore[no-untyped-def]
    path = write(WEIWEI.replace("conversion_rate: 2.5%", "conversion_rate: 2.5"))
    r = run("validate", str(path), "--lang", "zh")
    assert r.stderr == (
        f"{path}:9:24: merchants[0].shelf.conversion_rate: 必须在0到1之间（实际为 2.5）——百分比请写成 2.5%\n"
    )


# --- explain --------------------------------------------------------------------------------------


def test_explain_shows_worked_rows(write) -> None:  # type: ignore[no-untyped-def]
    r = run("explain", str(write(WEIWEI)), "--lang", "zh", "--model", "shelf")
    assert r.exit_code == 0, r.stderr
    assert (
        "订单数 orders = uv × conversion × repurchase_frequency = 20万 × 2.5% × 1 = 5000"
        in r.stdout
    )
    assert (
        "贡献利润 contribution = net_gmv − total_cost + rebate = ¥40.05万 − ¥35.23万 + ¥0 = ¥4.82万"
        in r.stdout
    )
    assert "内容+私域" not in r.stdout
    en = run("explain", str(write(WEIWEI)), "--lang", "en")
    assert (
        "  orders = uv × conversion × repurchase_frequency = 200,000 × 2.5% × 1 = 5,000\n"
        in en.stdout
    )
    assert "conversion = watch_minutes × orders_per_minute = 6 × 0.5% = 3%\n" in en.stdout


def test_explain_names_the_policies_that_changed_something(write) -> None:  # type: ignore[no-untyped-def]
    text = WEIWEI.replace("role: factory", "role: streamer").replace(
        "    cogs_rate: 45%",
        "    cogs_rate: 45%\n    policies: [new_store_commission_free, traffic_coupon]",
    )
    r = run("explain", str(write(text)), "--model", "content")
    assert (
        "New-store cold start: no commission (new_store_commission_free): commission_rate → 0%"
        in r.stdout
    )
    assert "Traffic coupon reward (traffic_coupon): bonus_uv + 50,000" in r.stdout
    assert "commission rate after these policies (commission_rate): 5% → 0%" in r.stdout


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_explained_value_equals_compare(path: Path) -> None:
    explained = json.loads(run("explain", str(path), "-f", "json").stdout)
    compared = json.loads(run("compare", str(path), "-f", "json").stdout)
    by_id = {m["id"]: m for m in compared["merchants"]}
    checked = 0
    for m in explained["merchants"]:
        for model in m["models"]:
            result = by_id[m["id"]][model["model"]]
            for row in model["rows"]:
                value: Any = result
                for part in row["path"].split("."):
                    value = value[part]
                assert row["value"] == value, (m["id"], model["model"], row["key"])
                checked += 1
    assert checked > 20


def test_explain_bad_input_and_unknown_merchant(write) -> None:  # type: ignore[no-untyped-def]
    r = run("explain", str(write("name: x\n")))
    assert r.exit_code == 1 and "missing required key 'merchants'" in r.stderr
    r = run("explain", str(write(WEIWEI)), "--merchant", "ghost")
    assert r.exit_code == 1 and "no merchant 'ghost'" in r.stderr


# --- policies -------------------------------------------------------------------------------------


def test_policies_lists_builtins_with_the_illustrative_note() -> None:
    r = run("policies", "--role", "streamer", "--lang", "zh")
    assert r.exit_code == 0
    assert "新店冷启免佣金" in r.stdout and "佣金率改为0% · 第1–3期" in r.stdout
    assert "数字为示意默认值" in r.stdout
    assert "站内S级资源位" not in r.stdout  # a brand policy
    data = json.loads(run("policies", "-f", "json").stdout)
    assert "illustrative" in data["note"]
    ids = {p["id"]: p for p in data["policies"]}
    assert ids["cash_rebate"]["effects"] == {"rebate_rate": 0.05, "rebate_base": "traffic"}
    assert ids["traffic_bet"]["effects"]["bet"] == {"gmv_target": 500000, "public_uv_bonus": 100000}
    md = run("policies", "-f", "markdown", "--role", "brand").stdout
    assert "| `brand_s_slot` | S-level on-site placement (站内S级资源位) | brand |" in md


# --- languages ------------------------------------------------------------------------------------


def test_warnings_and_verdicts_follow_the_language(write) -> None:  # type: ignore[no-untyped-def]
    path = write(WEIWEI)
    zh = run("compare", str(path), env={"LANG": "zh_CN.UTF-8", "LC_ALL": ""}).stdout
    assert "第1个月，内容+私域的贡献利润比货架电商多¥20.2万" in zh
    assert "每月" not in zh
    en = run("compare", str(path), "--lang", "en", env={"LANG": "zh_CN.UTF-8"}).stdout
    assert "content earns ¥202,190 more contribution than shelf" in " ".join(
        en.split()
    )  # the verdict wraps at the width


# --- init -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["factory", "brand", "streamer", "service_provider"])
def test_init_then_validate_then_compare(role: str, tmp_path: Path) -> None:
    path = tmp_path / f"{role}.yaml"
    r = run("init", "--role", role, "-o", str(path))
    assert r.exit_code == 0 and path.exists()
    assert f"wrote {path}" in r.stderr
    assert run("validate", str(path)).exit_code == 0
    r = run("compare", str(path), "-f", "json")
    assert r.exit_code == 0 and r.stderr == ""
    assert json.loads(r.stdout)["merchants"]


def test_init_never_overwrites_without_force(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("my own work\n", encoding="utf-8")
    r = run("init", "-o", str(path))
    assert r.exit_code == 1 and "exists; not overwritten" in r.stderr
    assert path.read_text(encoding="utf-8") == "my own work\n"
    zh = run("init", "-o", str(path), "--lang", "zh")
    assert "已存在，未覆盖" in zh.stderr
    assert run("init", "-o", str(path), "--force", "--role", "brand").exit_code == 0
    assert "role: brand" in path.read_text(encoding="utf-8")


def test_init_to_a_device_suggests_no_validate(tmp_path: Path) -> None:
    """`init -o /dev/stdout` (or a device, or a FIFO) has written a stream, not a file to
    validate next: no `next: gmvcli validate /dev/…` line."""
    r = run("init", "-o", os.devnull)
    assert r.exit_code == 0 and r.stderr == ""
    link = tmp_path / "link.yaml"  # a symlink to a regular file is a file: the hint stays
    target = tmp_path / "target.yaml"
    target.write_text("", encoding="utf-8")
    link.symlink_to(target)
    r = run("init", "-o", str(link), "--force")
    assert r.exit_code == 0 and f"next: gmvcli validate {link}" in r.stderr


def test_init_to_stdout_and_bad_role() -> None:
    r = run("init", "--role", "streamer")
    assert r.exit_code == 0 and r.stdout.startswith("# yaml-language-server: $schema=")
    assert run("init", "--role", "wholesaler").exit_code == 2


# --- completion -----------------------------------------------------------------------------------


def test_completion_of_set_paths_and_merchant_ids() -> None:
    import typer

    from gmvcli.cli import complete_merchant, complete_set

    ctx = typer.Context(typer.main.get_command(app))
    ctx.params = {"paths": [str(SCENARIOS / "service-provider.yaml")]}
    assert "content.aov=" in complete_set(ctx, "content.a")
    assert "shelf.uv=" in complete_set(ctx, "shelf.u")
    assert "xiaoyu:" in complete_set(ctx, "xiao")
    assert complete_set(ctx, "xiaoyu:content.wa") == ["xiaoyu:content.watch_minutes="]
    ids = complete_merchant(ctx, "")
    assert {"hongyun", "xiaoyu"} <= set(ids)
    assert complete_merchant(ctx, "xi") == ["xiaoyu"]
