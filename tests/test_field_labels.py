"""Fields by their zh/en label (SPEC §8), a policy's effect included: `policies.ID.EFFECT` is the
policy's name and the effect's in tornado tables and the report; the JSON keeps the path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gmvcli.cli import app
from gmvcli.render.words import field_label
from tests.conftest import SCENARIOS

UNCERTAIN = SCENARIOS / "weiwei-uncertain.yaml"
PATH = "policies.mascot_video.public_uv_bonus"


def _run(*args: str) -> str:
    env = {"LANG": "C.UTF-8", "LC_ALL": "", "COLUMNS": "160"}
    r = CliRunner(env=env).invoke(app, list(args))
    assert r.exit_code == 0, r.stderr
    return r.stdout


@pytest.mark.parametrize(
    ("lang", "shown"),
    [
        ("zh", "引力大会吉祥物同框视频：赠送公域访客"),
        ("en", "free public visitors (Conference-day video with the platform mascots)"),
    ],
)
def test_sensitivity_names_a_policy_effect(lang: str, shown: str) -> None:
    out = _run("sensitivity", str(UNCERTAIN), "--lang", lang)
    assert shown in out, out
    assert "policies." not in out
    data = json.loads(_run("sensitivity", str(UNCERTAIN), "--format", "json"))
    assert PATH in [r["path"] for m in data["merchants"] for r in m["rows"]]


def test_labels_of_policy_effects_and_forecast_settings() -> None:
    # a built-in policy by its own name, without the scenario
    assert field_label("policies.promotion_support.public_uv_bonus", "zh") == (
        "营销大促全面扶持：赠送公域访客"
    )
    assert field_label("policies.x.bet.gmv_target", "en") == "bet: GMV target (x)"
    names = {"policies[0]": ("新店冷启", "New-shop start")}
    assert field_label("m:policies[0].commission_rate", "en", names) == (
        "commission rate (New-shop start)"
    )
    assert field_label("forecast.follow_rate", "zh") == "关注转化率"
    assert field_label("forecast.fan_churn_rate", "en") == "fan churn rate"


def test_report_tornado_names_the_policy(tmp_path: Path) -> None:
    pytest.importorskip("jinja2")
    for lang, column, shown in (
        ("zh", "输入", "引力大会吉祥物同框视频：赠送公域访客"),
        ("en", "Input", "free public visitors (Conference-day video with the platform mascots)"),
    ):
        out = tmp_path / f"r-{lang}.html"
        _run("report", str(UNCERTAIN), "--lang", lang, "--runs", "200", "-o", str(out))
        html = out.read_text(encoding="utf-8")
        assert f'data-label="{column}">{shown}<' in html  # the tornado's table
        assert f'data-label="{column}">{PATH}<' not in html  # (the inputs table keeps the path)


def test_policy_effects_are_shown_as_their_kind() -> None:
    """A policy effect's values were 'plain' (zh `6,000 14,000` in a tornado): visitors are a count
    (6000 / 1.4万), commission and rebate rates are percents."""
    from gmvcli.render.words import field_kind

    assert field_kind("policies.mascot_video.public_uv_bonus") == "count"
    assert field_kind("weiwei:policies[0].commission_discount") == "percent"
    assert field_kind("policies.x.rebate_rate") == "percent"
