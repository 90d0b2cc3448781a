"""SPEC §5's crossover is one function (gmvcli.crossover), used by the forecast, the column
forecast and `score`, and the --plot chart; nothing else compares cumulative sums in cents."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from gmvcli.crossover import crossover, first_period
from gmvcli.forecast import Period

ROOT = Path(__file__).resolve().parents[1] / "gmvcli"


class _R:
    def __init__(self, contribution: float) -> None:
        self.contribution = contribution


def _periods(shelf: list[float], content: list[float | None]) -> list[Period]:
    return [
        Period(t, _R(s), None if c is None else _R(c), None, None)  # type: ignore[arg-type]
        for t, (s, c) in enumerate(zip(shelf, content, strict=True), start=1)
    ]


def test_numbers_and_arrays_agree() -> None:
    steps = [(1, 10.0, 0.0), (2, 20.0, 20.004), (3, 30.0, 40.0)]  # a tie in cents at 2
    assert crossover(steps) == 2
    assert crossover([(1, 10.0, 0.0), (2, 20.0, 19.99)]) == 0
    columns = [(t, np.array([s, s]), np.array([c, c - 1.0])) for t, s, c in steps]
    assert crossover(columns, np.zeros(2, dtype=np.int64)).tolist() == [2, 3]


def test_a_merchant_without_both_models_has_none() -> None:
    assert first_period(_periods([1.0, 1.0], [0.0, 5.0])) == 2
    assert first_period(_periods([1.0, 1.0], [None, 5.0])) is None
    assert first_period(_periods([1.0, 1.0], [0.0, 0.0])) is None


def test_no_module_compares_in_cents_on_its_own() -> None:
    """Only gmvcli/crossover.py calls at_least_in_cents; the CLI adds no contributions up."""
    users = sorted(
        str(p.relative_to(ROOT))
        for p in ROOT.rglob("*.py")
        if "at_least_in_cents" in p.read_text(encoding="utf-8")
    )
    assert users == ["crossover.py", "rounding.py"]
    for layer in ("cli", "plot"):
        for p in (ROOT / layer).rglob("*.py"):
            text = p.read_text(encoding="utf-8")
            assert not re.search(r"round\(\s*\w+,\s*2\)", text), p
            assert not re.search(r"\+=\s*p\.\w+\.contribution", text), p
