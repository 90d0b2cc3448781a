"""Tables never cut a figure (SPEC §7): at 60 and 80 columns and piped (as wide as the content:
wider terminals lie between), every number is whole."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from typer.testing import CliRunner

from gmvcli.cli import app
from gmvcli.i18n import money
from tests.conftest import SCENARIOS

runner = CliRunner()
BRAND = str(SCENARIOS / "brand.yaml")
WEIWEI = str(SCENARIOS / "weiwei-factory.yaml")
UNCERTAIN = str(SCENARIOS / "weiwei-uncertain.yaml")
#: a figure as tables write it: -¥1,234.5, ¥88.8万, 2.5%, 0.88×
FIGURE = re.compile(r"[-+−]?¥?\d[\d,]*(?:\.\d+)?(?:万|亿|%|×)?")

COMMANDS: dict[str, list[str]] = {
    "compare": ["compare", BRAND],
    "forecast": ["forecast", WEIWEI, "-n", "12"],
    "diff": ["diff", BRAND, "--set", "content.aov=2000万"],
    "sweep": ["sweep", WEIWEI, "--vary", "content.aov=80,120", "--vary", "shelf.uv=20万,30万"],
    "simulate": ["simulate", UNCERTAIN, "--runs", "100"],
    "sensitivity": ["sensitivity", WEIWEI, "--all"],
    "policies": ["policies"],
}


def table(args: list[str], lang: str, width: int | None) -> str:
    env = {"LANG": "C.UTF-8", "LC_ALL": "", "COLUMNS": str(width) if width else ""}
    r = runner.invoke(app, [*args, "--lang", lang], env=env)
    assert r.exit_code == 0, r.stderr
    return r.stdout


def figures(text: str) -> set[str]:
    return set(FIGURE.findall(text))


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_figure_is_whole_at_every_width(command: str, lang: str) -> None:
    args = COMMANDS[command]
    piped = table(args, lang, None)  # no $COLUMNS, not a terminal: as wide as the content needs
    assert "…" not in piped.replace(" … ", "")  # the histogram's range marker is not a cut
    whole = figures(piped)
    assert whole
    for width in (60, 80) if lang == "en" else (60,):
        text = table(args, lang, width)
        assert "…" not in text.replace(" … ", ""), (width, text)
        assert figures(text) == whole, (width, text)
        widest = max(len(line.rstrip()) for line in text.splitlines() if line.strip())
        assert widest <= width, (width, text)


def amounts(obj: Any, keys: set[str]) -> list[float]:
    """Every number under one of `keys` (not in totals or percentages)."""
    if isinstance(obj, dict):
        out = []
        for k, v in obj.items():
            if k in ("totals", "delta_pct"):
                continue
            out += [v] if k in keys and isinstance(v, float) else amounts(v, keys)
        return out
    if isinstance(obj, list):
        return [x for v in obj for x in amounts(v, keys)]
    return []


def test_the_json_figures_are_in_the_tables() -> None:
    """The money of compare, forecast and diff's JSON, as the en table writes it, at 60 columns."""
    for args, keys in (
        (COMMANDS["compare"], {"gmv", "net_gmv", "contribution", "refunds"}),
        (COMMANDS["forecast"], {"gmv", "contribution"}),
        (COMMANDS["diff"], {"gmv", "contribution", "refunds"}),
    ):
        data = json.loads(runner.invoke(app, [*args, "--format", "json"]).stdout)
        found = amounts(data, keys)
        assert len(found) >= 4
        tokens = {t.lstrip("-+−") for t in FIGURE.findall(table(args, "en", 60))}
        for value in found:
            assert money(value, "en").lstrip("-") in tokens, (args[0], value)
