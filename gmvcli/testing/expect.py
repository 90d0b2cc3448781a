"""`gmvcli test`: reading a test's `expect:` — output paths and the values or bounds they should hold."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import Any

from gmvcli.errors import Problem
from gmvcli.loader import Document, PathPart, format_path
from gmvcli.messages import did_you_mean, msg
from gmvcli.numbers import NumberError, parse_number
from gmvcli.testing.checks import show
from gmvcli.testing.results import (
    _INDEX,
    _PATH,
    BOUND_KEYS,
    Bounds,
    Expectation,
)

# --- discovery -----------------------------------------------------------------------------------


def _unknown_key(
    doc: Document, path: tuple[PathPart, ...], key: str, known: Sequence[str]
) -> Problem:
    match = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    hint = did_you_mean(match, known)
    return doc.problem((*path, key), msg("key.unknown"), key=True, got=None, hint=hint)


def _missing(doc: Document, path: tuple[PathPart, ...], key: str) -> Problem:
    problem = doc.problem(path, msg("key.missing", key=key), got=None)
    return problem._replace(path=format_path((*path, key)))


def _line(doc: Document, path: tuple[PathPart, ...], *, key: bool = False) -> int | None:
    node = doc.node_at(path, key=key)
    return None if node is None else node.start_mark.line + 1


def parse_path(text: str) -> tuple[PathPart, ...] | None:
    """'weiwei.periods[5].content.gmv' → ('weiwei', 'periods', 5, 'content', 'gmv'); None if malformed."""
    if not _PATH.fullmatch(text):
        return None
    parts: list[PathPart] = []
    for segment in text.split("."):
        bracket = segment.find("[")
        parts.append(segment if bracket < 0 else segment[:bracket])
        if bracket >= 0:
            parts += [int(i) for i in _INDEX.findall(segment[bracket:])]
    return tuple(parts)


class _Bad:
    def __repr__(self) -> str:
        return "<invalid>"


_BAD: Any = _Bad()


def read_expectations(
    doc: Document, raw: object, where: tuple[PathPart, ...], problems: list[Problem]
) -> list[Expectation]:
    if raw is ...:
        return []
    if not isinstance(raw, dict):
        problems.append(doc.problem(where, msg("testfile.expect_mapping")))
        return []
    if not raw:
        problems.append(doc.problem(where, msg("testfile.expect_empty"), got=None))
        return []
    out = []
    for key, value in raw.items():
        path = (*where, key)
        parts = parse_path(key)
        if parts is None:
            problems.append(
                doc.problem(
                    path,
                    msg("testfile.not_path"),
                    key=True,
                    got=key,
                    hint=msg("hint.output_path"),
                )
            )
            continue
        expected = _expected(doc, value, path, problems)
        if expected is not _BAD:
            out.append(Expectation(key, parts, expected, value, _line(doc, path, key=True)))
    return out


def _expected(
    doc: Document, raw: object, path: tuple[PathPart, ...], problems: list[Problem]
) -> Any:
    if raw is None:
        return None
    if isinstance(raw, dict):
        return _bounds(doc, raw, path, problems)
    if isinstance(raw, str):
        try:
            return parse_number(raw)
        except NumberError:
            return raw  # text, compared as text
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        try:
            return parse_number(raw)
        except NumberError as exc:
            problems.append(doc.problem(path, exc.message, hint=exc.hint))
            return _BAD
    problems.append(doc.problem(path, msg("testfile.expected_value"), got=show(raw)))
    return _BAD


def _bounds(
    doc: Document, raw: dict[str, Any], path: tuple[PathPart, ...], problems: list[Problem]
) -> Any:
    before = len(problems)
    for key in raw:
        if key not in BOUND_KEYS:
            problems.append(_unknown_key(doc, path, key, BOUND_KEYS))
    if not any(k in raw for k in BOUND_KEYS):
        if len(problems) == before:
            problems.append(doc.problem(path, msg("testfile.bounds_empty"), got=None))
        return _BAD
    values: dict[str, float | None] = {}
    for key in BOUND_KEYS:
        values[key] = None
        if key in raw:
            try:
                values[key] = parse_number(raw[key])
            except NumberError as exc:
                problems.append(doc.problem((*path, key), exc.message, hint=exc.hint))
    low, high = values["min"], values["max"]
    if low is not None and high is not None and low > high:
        problems.append(doc.problem((*path, "max"), msg("testfile.bounds_order")))
    return _BAD if len(problems) > before else Bounds(low, high)
