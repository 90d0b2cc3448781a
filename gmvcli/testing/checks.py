"""`gmvcli test`: checking one expectation against the output: its path, its value, its margin."""

from __future__ import annotations

import difflib
import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from gmvcli.errors import safe_text
from gmvcli.loader import PathPart, format_path
from gmvcli.testing.results import Bounds, Expectation, Failure, _words

# --- checking one expectation --------------------------------------------------------------------


def resolve(
    data: dict[str, Any], parts: Sequence[PathPart]
) -> tuple[Any, tuple[str, dict[str, Any]] | None]:
    """The value at `parts` in a command's output (first part: a merchant id), or why there is none:
    a message key and its parameters."""
    merchants = data.get("merchants") or []
    ids = [m.get("id") for m in merchants]
    first = parts[0]
    current: Any = next((m for m in merchants if m.get("id") == first), None)
    if current is None:
        params = {
            "id": first,
            "keys": ", ".join(map(str, ids)) or "—",
            "suggest": _suggest(str(first), [str(i) for i in ids]),
        }
        return None, ("test.unknown_merchant", params)
    for depth, part in enumerate(parts[1:], start=1):
        at = format_path(parts[:depth])
        if isinstance(part, int):
            if not isinstance(current, list):
                return None, ("test.not_list", {"at": at, "index": part, "kind": _kind(current)})
            if part >= len(current):
                return None, (
                    "test.index",
                    {"at": at, "index": part, "count": len(current), "last": len(current) - 1},
                )
            current = current[part]
            continue
        if not isinstance(current, dict):
            return None, ("test.not_object", {"at": at, "field": part, "kind": _kind(current)})
        if part not in current:
            keys = list(current)
            return None, (
                "test.no_key",
                {
                    "at": at,
                    "field": part,
                    "keys": ", ".join(keys),
                    "suggest": _suggest(part, keys),
                    "command": _OTHER_COMMAND.get(part, "") if depth == 1 else "",
                },
            )
        current = current[part]
    return current, None


#: merchant keys of one command's output that a test may look for in the other's
_OTHER_COMMAND = {
    "periods": "forecast",
    "totals": "forecast",
    "crossover": "forecast",
    "shelf": "compare",
    "content": "compare",
    "comparison": "compare",
}


def _suggest(word: str, options: list[str]) -> str:
    match = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return match[0] if match else ""


def _kind(value: Any) -> tuple[str, ...]:
    if value is None:
        return ("kind.null",)
    if isinstance(value, list):
        return ("kind.list", str(len(value)))
    if isinstance(value, dict):
        return ("kind.object",)
    return ("kind.value", show(value))


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _dec(value: float) -> Decimal:
    """A number as printed (its shortest repr): 0.1 is exactly 0.1 here."""
    return Decimal(repr(value))


def show(value: Any) -> str:
    """A JSON value as a failure line shows it: 41000, 0.001, null, "factory"."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if _number(value):
        text = f"{_dec(value).normalize():f}"
        return text if text != "-0" else "0"
    return safe_text(json.dumps(value, ensure_ascii=False))


def _json_number(value: float) -> float | int:
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def expected_data(expected: float | str | Bounds | None) -> Any:
    """An expected value as JSON: a number, text, null or {"min", "max"}."""
    if isinstance(expected, Bounds):
        return {
            "min": None if expected.min is None else _json_number(expected.min),
            "max": None if expected.max is None else _json_number(expected.max),
        }
    if isinstance(expected, float):
        return _json_number(expected)
    return expected


def _expected_words(
    expected: float | str | Bounds | None, tolerance: Decimal
) -> tuple[str, dict[str, Any]]:
    if isinstance(expected, Bounds):
        if expected.min is not None and expected.max is not None:
            return "test.between", {"low": show(expected.min), "high": show(expected.max)}
        if expected.min is not None:
            return "test.at_least", {"low": show(expected.min)}
        return "test.at_most", {"high": show(expected.max)}
    if isinstance(expected, float) and tolerance > 0:
        return "test.about", {"value": show(expected), "margin": f"{tolerance.normalize():f}"}
    return "test.exactly", {"value": show(expected)}


def check(
    expectation: Expectation, data: dict[str, Any], relative: float = 0.0, absolute: float = 0.0
) -> Failure | None:
    """None when the output at the expectation's path is as expected, else the failure.

    Numbers pass when |actual − expected| ≤ absolute + relative × |expected| (numpy's `isclose`
    rule), worked in decimals on the numbers as printed, so a margin exactly at the boundary passes.
    """
    path = expectation.path
    expected = expectation.expected
    actual, missing = resolve(data, expectation.parts)
    if missing is not None:
        key, params = missing
        return _failure(expectation, None, key, params)
    if isinstance(actual, dict | list):
        params = {"path": path, "kind": _kind(actual)}
        if isinstance(actual, dict):
            params["keys"] = ", ".join(actual)
            key = "test.not_value_object"
        else:
            key = "test.not_value_list"
        return _failure(expectation, None, key, params)
    tolerance = Decimal(0)
    if isinstance(expected, float):
        tolerance = _dec(absolute) + _dec(relative) * abs(_dec(expected))
    if _passes(expectation, actual, tolerance):
        return None
    params = {"expected": _expected_words(expected, tolerance), "actual": show(actual)}
    return _failure(expectation, actual, "test.expected", params)


def _failure(expectation: Expectation, actual: Any, key: str, params: dict[str, Any]) -> Failure:
    """A failed expectation: what it wanted, what there was, and why (worded in English)."""
    return Failure(
        expectation.line,
        expectation.path,
        expected_data(expectation.expected),
        actual,
        _words(key, "en", params),
        key,
        tuple(params.items()),
    )


def _passes(expectation: Expectation, actual: Any, tolerance: Decimal) -> bool:
    expected = expectation.expected
    if expected is None:
        return actual is None
    if isinstance(expected, str):
        return isinstance(actual, str) and actual == expected
    if isinstance(actual, str) and isinstance(expectation.raw, str):
        return actual == expectation.raw  # text that happens to read as a number: "2021"
    if not _number(actual):
        return False
    value = _dec(actual)
    if isinstance(expected, Bounds):
        low_ok = expected.min is None or value >= _dec(expected.min)
        high_ok = expected.max is None or value <= _dec(expected.max)
        return low_ok and high_ok
    return abs(value - _dec(expected)) <= tolerance
