"""The starter scenarios behind `gmvcli init --role ROLE` (SPEC §7): valid, bilingual, shipped."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gmvcli.cli import app
from gmvcli.policies import BUILTIN_BY_ID
from gmvcli.starters import ROLES, starter

runner = CliRunner()
ENV = {"LANG": "en_US.UTF-8", "LC_ALL": ""}
CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN_WORDS = re.compile(r"[A-Za-z]{3,}(?: [A-Za-z]{2,})+")


def _comments(text: str) -> list[str]:
    return [line.split("#", 1)[1] for line in text.splitlines() if "#" in line]


def test_roles_are_the_four_of_the_spec() -> None:
    assert set(ROLES) == {"factory", "brand", "streamer", "service_provider"}


def test_unknown_role_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown role"):
        starter("wholesaler")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("command", ["compare", "forecast"])
def test_starter_runs_cleanly(role: str, command: str, tmp_path: Path) -> None:
    path = tmp_path / f"{role}.yaml"
    path.write_text(starter(role), encoding="utf-8")
    r = runner.invoke(app, [command, str(path), "--format", "json"], env=ENV)
    assert r.exit_code == 0, r.stderr
    assert r.stderr == ""
    out = json.loads(r.stdout)
    assert all(m["warnings"] == [] for m in out["merchants"])
    # the table (human) path too
    r = runner.invoke(app, [command, str(path)], env=ENV)
    assert r.exit_code == 0, r.stderr
    assert r.stderr == ""


@pytest.mark.parametrize("role", ROLES)
def test_starter_has_both_models_and_a_forecast(role: str, tmp_path: Path) -> None:
    path = tmp_path / f"{role}.yaml"
    path.write_text(starter(role), encoding="utf-8")
    r = runner.invoke(app, ["compare", str(path), "--format", "json"], env=ENV)
    merchants = json.loads(r.stdout)["merchants"]
    assert any(m["shelf"] for m in merchants)
    assert any(m["content"] for m in merchants)
    assert re.search(r"^forecast:", starter(role), re.MULTILINE)


@pytest.mark.parametrize("role", ROLES)
def test_starter_is_short_commented_and_bilingual(role: str) -> None:
    text = starter(role)
    lines = text.splitlines()
    assert 40 <= len(lines) <= 70
    comments = _comments(text)
    assert any(CJK.search(c) for c in comments)
    assert any(LATIN_WORDS.search(c) for c in comments)
    assert "illustrative" in text and "示意" in text
    # every field line carries a comment with both Chinese and English in it
    for line in lines:
        if re.match(r"\s*(- )?[a-z_]+:", line):
            assert "#" in line, line
            comment = line.split("#", 1)[1]
            assert CJK.search(comment) and re.search(r"[A-Za-z]{3,}", comment), line


@pytest.mark.parametrize("role", ROLES)
def test_modeline_first_then_how_to_write_the_schema(role: str) -> None:
    lines = starter(role).splitlines()
    assert lines[0] == "# yaml-language-server: $schema=scenario-v1.json"
    assert lines[1].startswith("#")
    assert "gmvcli schema -o scenario-v1.json" in lines[1]


@pytest.mark.parametrize("role", ROLES)
def test_policies_are_builtins_of_the_role(role: str, tmp_path: Path) -> None:
    path = tmp_path / f"{role}.yaml"
    path.write_text(starter(role), encoding="utf-8")
    r = runner.invoke(app, ["compare", str(path), "--format", "json"], env=ENV)
    text = starter(role)
    used = re.findall(r"^\s+- ([a-z_]+)\s", text, re.MULTILINE) + [
        p.strip() for group in re.findall(r"policies: \[([^\]]*)\]", text) for p in group.split(",")
    ]
    if role == "factory":
        assert used == []
    else:
        assert 1 <= len(used) <= 2
        assert all(role in BUILTIN_BY_ID[p].roles for p in used)
    ids = [m["id"] for m in json.loads(r.stdout)["merchants"]]
    expected = {
        "factory": ["my-factory"],
        "brand": ["my-brand"],
        "streamer": ["my-streamer"],
        "service_provider": ["client-a", "client-b", "my-agency"],
    }[role]
    assert ids == expected


def test_package_data_found_from_another_cwd(tmp_path: Path) -> None:
    code = "from gmvcli.starters import starter; print(len(starter('brand')))"
    p = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert p.returncode == 0, p.stderr
    assert int(p.stdout) == len(starter("brand")) > 0
