"""SPEC §5's crossover, the one rule: the first period whose cumulative content contribution is at
least the cumulative shelf contribution, compared in cents as printed (`at_least_in_cents`).

Used by the one-merchant forecast, the column forecast and `score` (arrays, one merchant per
element) and the `--plot` chart.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Protocol

from gmvcli.rounding import at_least_in_cents


class _Result(Protocol):
    @property
    def contribution(self) -> float: ...


class _Period(Protocol):
    @property
    def period(self) -> int: ...
    @property
    def shelf(self) -> _Result | None: ...
    @property
    def content(self) -> _Result | None: ...


def crossover(steps: Iterable[tuple[int, Any, Any]], first: Any = 0) -> Any:
    """The first period `t` of `steps` — (t, cumulative shelf, cumulative content) in order — at
    which content ≥ shelf in cents; 0 if none. With numbers, `first` is 0 and the period is
    returned; with arrays, `first` is an integer array (0: not yet), filled in place and returned."""
    scalar = isinstance(first, int)
    for t, shelf, content in steps:
        over = at_least_in_cents(content, shelf)
        if scalar:
            if over:
                return t
        else:
            first[(first == 0) & over] = t
    return first


def running(periods: Iterable[_Period]) -> Iterator[tuple[int, float, float]]:
    """(period, cumulative shelf contribution, cumulative content contribution), adding in order;
    it stops at the first period without both models."""
    shelf = content = 0.0
    for p in periods:
        if p.shelf is None or p.content is None:
            return
        shelf += p.shelf.contribution
        content += p.content.contribution
        yield p.period, shelf, content


def first_period(periods: Sequence[_Period]) -> int | None:
    """A merchant's crossover period over its forecast periods; None if none (or a model missing)."""
    return crossover(running(periods)) or None
