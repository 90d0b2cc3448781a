"""explain's worked sums add up as written (issue 12, item 7): at the precision shown, or marked ≈."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from gmvcli.cli import app
from gmvcli.numbers import parse_number
from tests.conftest import SCENARIOS

runner = CliRunner()
EXAMPLES = sorted(p.name for p in SCENARIOS.glob("*.yaml"))
#: a sum or difference of written amounts: `… = ¥39.24万 − ¥10.99万 = ¥28.25万`
SUM = re.compile(r"= ((?:-?¥[\d,.]+[万亿]?(?: [+−] )?)+) (=|≈) (-?¥[\d,.]+[万亿]?)")


def amount(text: str) -> float:
    value = parse_number(text.lstrip("-"))
    return -value if text.startswith("-") else value


def last_digit(text: str) -> float:
    """The value of one unit in the last written digit: ¥28.25万 → 100, ¥5651 → 1."""
    number = re.search(r"[\d,.]+", text)
    assert number
    decimals = len(number.group().split(".")[1]) if "." in number.group() else 0
    scale = 1e8 if "亿" in text else 1e4 if "万" in text else 1
    return float(Decimal(10) ** -decimals) * scale


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("example", EXAMPLES)
def test_worked_sums_add_up_as_written(example: str, lang: str) -> None:
    r = runner.invoke(app, ["explain", str(SCENARIOS / example), "--lang", lang])
    assert r.exit_code == 0
    sums = [m for line in r.stdout.splitlines() if (m := SUM.search(line))]
    assert len(sums) >= 3
    for m in sums:
        terms = re.split(r" ([+−]) ", m.group(1))
        total = amount(terms[0])
        for op, term in zip(terms[1::2], terms[2::2], strict=True):
            total += amount(term) if op == "+" else -amount(term)
        if m.group(2) == "=":
            assert abs(total - amount(m.group(3))) <= last_digit(m.group(3)) / 2 + 1e-6, m.group(0)


def test_roi_as_compare_writes_it_and_every_line_labelled() -> None:
    path = str(SCENARIOS / "streamer.yaml")
    explain = runner.invoke(app, ["explain", path, "--lang", "en"]).stdout
    compare = runner.invoke(app, ["compare", path, "--lang", "en"]).stdout
    roi = re.findall(r"roi = gmv ÷ traffic_cost = .* = ([\d.]+)", explain)
    shown = re.search(r"ROI \(GMV ÷ traffic\)\s+([\d.]+)\s+([\d.]+)", compare)
    assert shown and roi == [shown.group(1), shown.group(2)]
    assert not re.search(r"\n      commission_rate \d", explain)  # the net effect has words
    assert "commission rate after these policies (commission_rate): 5% → 0%" in explain
