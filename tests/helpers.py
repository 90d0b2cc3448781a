"""Small builders shared by the tests."""

from __future__ import annotations

from typing import Any

from gmvcli.loader import load_text
from gmvcli.model import Scenario, parse_scenario

WEIWEI = """\
name: 薇薇 · 大进针织工厂
merchants:
  - id: weiwei
    name: 大进针织工厂（薇薇）
    role: factory
    cogs_rate: 45%
    shelf:
      uv: 200000
      conversion_rate: 2.5%
      aov: 89
      traffic_cost_per_uv: 0.6
      commission_rate: 5%
      discount_rate: 8%
      refund_rate: 10%
    content:
      private_uv: 120000
      reach_rate: 20%
      public_uv: 80000
      watch_minutes: 6
      orders_per_minute: 0.5%
      aov: 89
      repurchase_frequency: 1.6
      public_cost_per_uv: 0.5
      commission_rate: 5%
      refund_rate: 25%
      content_cost: 30000
"""


def scenario(text: str = WEIWEI, file: str = "t.yaml") -> Scenario:
    return parse_scenario(load_text(text, file))


def data(text: str = WEIWEI) -> Any:
    return load_text(text, "t.yaml").data
