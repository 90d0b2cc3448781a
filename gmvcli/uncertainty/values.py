"""Putting values — numbers or arrays of draws — into a scenario, and which inputs can be drawn."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from gmvcli.loader import PathPart
from gmvcli.model import Distribution, Merchant, Scenario

if TYPE_CHECKING:
    pass


def with_value(scenario: Scenario, path: Sequence[PathPart], value: Any) -> Scenario:
    """The scenario with the number at `path` (as in the file) replaced by `value` (maybe an array).

    Every path a distribution can sit at is supported: a merchant's fields (its forecast keys and
    the effects of its `{use: ID, ...}` policies included), the file-level forecast, and the
    effects of the file's own policies.
    """
    if path[0] == "merchants" and isinstance(path[1], int):
        i = path[1]
        merchants = list(scenario.merchants)
        merchants[i] = _set_in_merchant(merchants[i], tuple(path[2:]), value)
        return scenario._replace(merchants=tuple(merchants))
    if path[0] == "forecast" and scenario.forecast is not None and len(path) == 2:
        return scenario._replace(forecast=scenario.forecast._replace(**{str(path[1]): value}))
    if path[0] == "policies" and len(path) >= 3:
        policies = tuple(
            (pid, d._replace(effects=_set(d.effects, tuple(path[2:]), value)))
            if pid == path[1]
            else (pid, d)
            for pid, d in scenario.policies
        )
        return scenario._replace(policies=policies)
    return scenario


def _set_in_merchant(merchant: Merchant, rest: tuple[PathPart, ...], value: Any) -> Merchant:
    if rest[0] == "policies" and len(rest) >= 3 and isinstance(rest[1], int):
        uses = list(merchant.policies)
        use = uses[rest[1]]
        uses[rest[1]] = use._replace(effects=_set(use.effects, rest[2:], value))
        return merchant._replace(policies=tuple(uses))
    return _set(merchant, rest, value)  # type: ignore[no-any-return]


def _set(record: Any, rest: tuple[PathPart, ...], value: Any) -> Any:
    if len(rest) == 1:
        return record._replace(**{str(rest[0]): value})
    child = getattr(record, str(rest[0]))
    if child is None:
        return record
    return record._replace(**{str(rest[0]): _set(child, rest[1:], value)})


def supported(path: Sequence[PathPart]) -> bool:
    """Whether `with_value` can put a value at `path` (every path of `Scenario.uncertain`)."""
    if path[0] == "merchants":
        return len(path) >= 3
    return (path[0] == "forecast" and len(path) == 2) or (path[0] == "policies" and len(path) >= 3)


def affects(scenario: Scenario, path: Sequence[PathPart], index: int) -> bool:
    """Whether the input at `path` can change merchant `index`'s results."""
    merchant = scenario.merchants[index]
    if path[0] == "merchants":
        return path[1] == index
    if path[0] == "forecast":
        own = merchant.forecast
        return own is None or getattr(own, str(path[1])) is None
    if path[0] == "policies":
        return any(use.use == path[1] for use in merchant.policies)
    return False


def uncertain_of(scenario: Scenario, index: int) -> list[tuple[tuple[PathPart, ...], Distribution]]:
    """The distributions that bear on merchant `index`, in file order."""
    return [(p, d) for p, d in scenario.uncertain if supported(p) and affects(scenario, p, index)]


def shown_path(path: Sequence[PathPart]) -> str:
    """An input's path as sensitivity shows it: relative to its merchant, or from the file's top."""
    from gmvcli.loader import format_path

    return format_path(path[2:]) if path[0] == "merchants" else format_path(path)
