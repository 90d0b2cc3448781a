"""Cost linear in merchants, and the plain table layout prints exactly what rich prints (issue 11
item 12). The timings themselves are benchmarks (benchmarks/scale.py), not tests."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

import pytest

from gmvcli.compare import compare_scenario
from gmvcli.diff import diff
from gmvcli.forecast import forecast_scenario
from gmvcli.loader import load_bytes, load_text
from gmvcli.model import parse_scenario
from gmvcli.render import diff as rdiff
from gmvcli.render import layout
from gmvcli.render import table as rtable
from tests.conftest import SCENARIOS
from tests.hostile.common import evil_scenario

#: long zh names, several merchants, one-model merchants and distributions between them
FILES = [SCENARIOS / "brand.yaml", SCENARIOS / "service-provider.yaml"]


def scenarios() -> list[tuple[str, Any, Any]]:
    docs = [load_bytes(p.read_bytes(), p.name) for p in FILES]
    docs.append(load_text(evil_scenario(), "evil.yaml"))
    return [(doc.file, parse_scenario(doc), doc) for doc in docs]


def rendered(monkeypatch: pytest.MonkeyPatch, slow: bool, build: Any) -> str:
    if slow:  # the plain layout declines everything: each line and table goes to rich
        monkeypatch.setattr(layout, "grid_text", lambda grid, width: None)
        monkeypatch.setattr(layout, "line_text", lambda text, width: None)
    else:
        monkeypatch.undo()
    return str(build())


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_fast_path_prints_what_rich_prints(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    for name, scenario, doc in scenarios():
        compared = compare_scenario(scenario, name)
        forecast = forecast_scenario(scenario, doc)
        changed = compare_scenario(scenario._replace(merchants=scenario.merchants[:1]), name)
        for width in (50, 100):
            differences = diff(compared, changed)
            builders = [
                partial(rtable.render_compare, [compared], lang, width, False),
                partial(rdiff.render_table, differences, lang, compared.currency, width, False),
            ]
            if width == 100:
                builders.append(partial(rtable.render_forecast, [forecast], lang, width, False))
            for build in builders:
                fast = rendered(monkeypatch, False, build)
                slow = rendered(monkeypatch, True, build)
                monkeypatch.undo()
                assert fast == slow, (name, lang, width)


def test_colour_always_goes_through_rich() -> None:
    scenario = scenarios()[0][1]
    text = rtable.render_compare([compare_scenario(scenario, "x")], "en", 80, True)
    assert "\x1b[" in text


def many(n: int) -> str:
    row = (
        "  - {{id: m{i}, name: 商家{i}, role: brand, shelf: {{uv: {uv}, conversion_rate: 2%, "
        "aov: 89, traffic_cost_per_uv: 0.6}}, content: {{private_uv: 500, reach_rate: 20%, "
        "watch_minutes: 5, orders_per_minute: 0.5%, aov: 89}}}}"
    )
    return "name: many\nmerchants:\n" + "\n".join(row.format(i=i, uv=1000 + i) for i in range(n))


def test_tables_of_many_merchants_take_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """With rich's own table layout forbidden, 100 merchants still render (at 80 columns)."""
    result = compare_scenario(parse_scenario(load_text(many(100), "many.yaml")), "many.yaml")

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("rich laid out a merchant table")

    monkeypatch.setattr("rich.table.Table._calculate_column_widths", refuse)
    text = rtable.render_compare([result], "en", 80, False)
    assert text.count("Visitors (UV)") == 100


def test_sweep_limit_counts_points_times_merchants(tmp_path: Path) -> None:
    from tests.hostile.common import invoke

    path = tmp_path / "many.yaml"
    path.write_text(many(11), encoding="utf-8")  # 100,000 points is fine for one merchant...
    result = invoke("sweep", str(path), "--vary", "content.aov=1:100000:1", "-f", "csv")
    assert result.exit_code == 2  # ...but not for eleven: the limit counts rows
    assert "1,100,000 rows" in result.output
