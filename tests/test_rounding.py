"""One exact-rounding implementation (gmvcli/rounding.py): the bulk rounding of compare/forecast
JSON, the sweep, score and the column forecast all go through `round_exact`, so they cannot drift
apart (a different margin or limit in one of them once did)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gmvcli import data, rounding
from gmvcli.data import rounded


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    seen: list[int] = []
    real = rounding.round_exact

    def spy(x: Any, digits: int) -> Any:
        seen.append(digits)
        return real(x, digits)

    monkeypatch.setattr(rounding, "round_exact", spy)
    return seen


def test_round_many_is_round_exact(calls: list[int]) -> None:
    assert data.round_many([0.125, 2.675, 1.005], 2) == [0.12, 2.67, 1.0]
    assert calls == [2]


def test_round_columns_is_round_exact(calls: list[int]) -> None:
    columns = [[i * 1.005 for i in range(40)], [i / 7 for i in range(40)]]
    out = data.round_columns(columns, [2, 6])
    assert out == [[rounded(v, n) for v in c] for c, n in zip(columns, [2, 6], strict=True)]
    assert sorted(calls) == [2, 6]


def test_score_uses_the_same_function() -> None:
    from gmvcli.score import batch

    assert batch.round_exact is rounding.round_exact


def test_the_crossover_compares_in_cents_in_one_place(calls: list[int]) -> None:
    """rounding.at_least_in_cents: numbers by round, arrays by round_exact; neither forecast
    keeps a copy of its own."""
    import inspect

    from gmvcli import forecast
    from gmvcli.score import forecast as columns

    assert not hasattr(columns, "ahead") and not hasattr(forecast, "ahead")
    for module in (forecast, columns):
        assert "round(" not in inspect.getsource(module).replace("_round(", "")
    ahead = rounding.at_least_in_cents
    assert ahead(0.004, 0.0) and not ahead(-0.006, 0.0)
    assert calls == []
    got = ahead(np.array([[0.004, -0.006]]), np.zeros((1, 2)))
    assert got.tolist() == [[True, False]] and calls == [2, 2]


@given(
    st.lists(
        st.floats(min_value=-1e15, max_value=1e15, allow_nan=False, allow_infinity=False)
        | st.sampled_from([0.125, 2.675, 1.005, -0.5, 1e-7, 0.0, 2.0**50 + 0.5, 0.0000005]),
        min_size=1,
        max_size=50,
    ),
    st.sampled_from([2, 6]),
)
def test_round_exact_is_python_round(values: list[float], digits: int) -> None:
    out = rounding.round_exact(np.array(values, dtype=float), digits).tolist()
    assert out == [round(v, digits) + 0.0 for v in values]


def test_nan_and_infinity_are_kept() -> None:
    out = rounding.round_exact(np.array([np.nan, np.inf, -np.inf, -0.001]), 2)
    assert np.isnan(out[0]) and out[1] == np.inf and out[2] == -np.inf
    assert str(out[3]) == "0.0"  # never -0.0
