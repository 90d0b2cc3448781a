"""compare's verdict is true as written (SPEC §7): it speaks of period 1 and names what is one-off."""

from __future__ import annotations

from typing import Any

from typer.testing import CliRunner

from gmvcli.cli import app
from tests.conftest import SCENARIOS
from tests.helpers import WEIWEI

runner = CliRunner()


def run(*args: str) -> Any:
    return runner.invoke(app, list(args), env={"LANG": "C.UTF-8", "LC_ALL": "", "COLUMNS": ""})


def test_a_one_off_policy_is_named_and_forecast_pointed_to() -> None:
    path = str(SCENARIOS / "brand.yaml")  # 站内S级资源位: 20万 free visitors in period 1 only
    zh = run("compare", path, "--lang", "zh").stdout
    assert "第1个月，内容+私域的贡献利润比货架电商多" in zh
    assert "站内S级资源位（仅第1个月）" in zh and "`gmvcli forecast`" in zh
    assert "每月" not in zh
    en = run("compare", path).stdout
    assert "In period 1 (the first month), content earns" in en
    assert "S-level on-site placement (month 1 only)" in en and "per month" not in en


def test_the_period_label_follows_the_file_and_lasting_policies_are_not_named(write: Any) -> None:
    weekly = WEIWEI.replace("name: 薇薇 · 大进针织工厂\n", "name: 周\nperiod: week\n")
    weekly = weekly.replace(
        "    cogs_rate: 45%\n", "    cogs_rate: 45%\n    policies: [brand_jbp]\n"
    )
    path = str(write(weekly))
    zh = run("compare", path, "--lang", "zh").stdout
    assert "第1周，" in zh and "限时政策" not in zh  # brand_jbp holds every period
    assert "In period 1 (the first week)" in run("compare", path).stdout
