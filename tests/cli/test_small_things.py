"""The smaller things a merchant trips over (issue 12, item 10), each pinned."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from gmvcli.cli import app
from tests.conftest import SCENARIOS

runner = CliRunner()
GROUP = str(SCENARIOS / "service-provider.yaml")  # merchants hongyun, nuts, teafarm, xiaoyu


def run(*args: str, stdin: str | None = None) -> Any:
    env = {"LANG": "C.UTF-8", "LC_ALL": "", "COLUMNS": "100"}
    return runner.invoke(app, list(args), env=env, input=stdin)


def test_sweep_keeps_merchants_lacking_the_field_with_null_and_a_warning() -> None:
    r = run("sweep", GROUP, "--vary", "content.fans=1万,2万", "--format", "jsonl")
    assert r.exit_code == 0
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert {row["merchant"] for row in rows} == {"hongyun", "nuts", "teafarm", "xiaoyu"}
    assert all(row["file"] == GROUP for row in rows)
    nuts = [row for row in rows if row["merchant"] == "nuts"]
    assert len(nuts) == 2 and all(row["content.fans"] is None for row in nuts)
    assert "nuts: warning: cannot vary content.fans" in r.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["compare", GROUP],
        ["compare", GROUP, "--format", "json"],
        ["compare", GROUP, "--format", "csv"],
        ["forecast", GROUP],
        ["explain", GROUP],
        ["simulate", GROUP, "--runs", "10"],
        ["sensitivity", GROUP],
        ["sweep", GROUP, "--vary", "content.aov=1,2"],
        ["solve", GROUP, "--for", "content.aov"],
    ],
    ids=lambda a: "-".join(a[:1] + a[2:4]),
)
def test_an_unknown_merchant_prints_nothing_and_lists_the_ids(args: list[str]) -> None:
    r = run(*args, "--merchant", "nobody")
    assert (r.exit_code, r.stdout) == (1, "")
    assert "'nobody'" in r.stderr and "hongyun, nuts, teafarm, xiaoyu" in r.stderr
    if args[0] in ("compare", "sweep"):
        zh = run(*args, "--merchant", "nobody", "--lang", "zh")
        assert zh.exit_code == 1 and "现有商家：" in zh.stderr


def test_test_files_beside_scenarios_are_skipped_with_a_note(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text((SCENARIOS / "brand.yaml").read_text("utf-8"), "utf-8")
    test = tmp_path / "a.test.yaml"
    test.write_text(
        "tests:\n  - name: t\n    scenario: a.yaml\n    expect: {brand.crossover: null}\n"
    )
    for command in ("compare", "validate"):
        r = run(command, str(tmp_path))
        assert r.exit_code == 0, r.stderr
        assert "skipped 1 scenario test file" in r.stderr and "gmvcli test" in r.stderr
    r = run("validate", str(test))
    assert r.exit_code == 1 and f"gmvcli test {test}" in r.stderr


def test_policies_for_a_role_without_any_say_so() -> None:
    r = run("policies", "--role", "factory")
    assert r.exit_code == 0 and "No built-in policy is for the role factory" in r.stdout
    assert (
        "没有面向角色 工厂 的内置政策"
        in run("policies", "--role", "factory", "--lang", "zh").stdout
    )


def test_stdin_is_minus_in_the_csv_file_column() -> None:
    text = (SCENARIOS / "brand.yaml").read_text("utf-8")
    r = run("compare", "-", "--format", "csv", stdin=text)
    assert r.exit_code == 0
    assert [line.split(",")[0] for line in r.stdout.splitlines()[1:]] == ["-", "-"]
