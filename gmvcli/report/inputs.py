"""The inputs of the page: every value of the file under a root, as written (with its line) and as
the model read it, and the names the page gives an input."""

from __future__ import annotations

from collections.abc import Container, Sequence
from typing import Any

from gmvcli.i18n import label, magnitude, money, percent, plain
from gmvcli.loader import Document, PathPart, format_path
from gmvcli.model import SECTIONS, Distribution, Field, Scenario
from gmvcli.policies import Policy
from gmvcli.report.texts import text
from gmvcli.report.view import Source, Table


def section_field(section: str, name: str) -> Field | None:
    """The Field of `name` in a section of the model (None for a key it does not describe)."""
    return next((f for f in SECTIONS[section] if f.name == name), None)


def field_name(field: Field | None, shown: str, lang: str) -> str:
    """An input as the page names it: its path, after its Chinese name in zh."""
    if lang == "zh" and field is not None:
        return f"{field.zh} {shown}"
    return shown


def _section_of(path: Sequence[PathPart]) -> str:
    """The section whose Field describes the key at the end of `path`."""
    keys = [p for p in path if isinstance(p, str)]
    if keys[0] == "policies":
        return "bet" if "bet" in keys[1:-1] else "policy"
    if keys[0] == "forecast":
        return "forecast"
    # merchants, i, ...
    inner = keys[1:-1]
    if not inner:
        return "merchant"
    if inner[0] == "policies":
        return "bet" if "bet" in inner[1:] else "policy_use"
    return inner[0] if inner[0] in SECTIONS else "merchant"


def _read_value(scenario: Scenario, path: Sequence[PathPart]) -> Any:
    """The value the model holds for a path of the file (its central value for a distribution),
    or ... when it has none there."""
    obj: Any = scenario
    for part in path:
        if isinstance(part, int):
            obj = obj[part] if isinstance(obj, tuple) and 0 <= part < len(obj) else ...
        elif hasattr(obj, "_fields") and part in obj._fields:  # a record
            obj = getattr(obj, part)
        elif hasattr(obj, "effects") and part in obj.effects._fields:  # a policy's effect
            obj = getattr(obj.effects, part)
        elif isinstance(obj, tuple) and all(
            isinstance(x, tuple) and len(x) == 2 and hasattr(x[1], "_fields") for x in obj
        ):  # the file's policies: ((id, definition), ...)
            obj = next((d for k, d in obj if k == part), ...)
        else:
            return ...
        if obj is ...:
            return ...
    return obj


def _value_text(value: Any, field: Field | None, lang: str, currency: str) -> str:
    if value is ... or value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float) and field is not None:
        if field.kind in ("rate", "growth"):
            return percent(value)
        if field.unit == "CNY":
            return money(value, lang, currency)
        if field.kind == "count":
            return magnitude(value, lang)
        if field.kind == "periods":
            return str(int(value))
        return plain(value, 4)
    if isinstance(value, int | float):
        return plain(value, 4)
    if field is not None and field.kind == "role" and isinstance(value, str):
        return label("role." + value, lang)
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def _written(doc: Document, path: Sequence[PathPart]) -> str:
    """The value as written in the file: a scalar's text, a flow of a small mapping."""
    import yaml

    node = doc.node_at(path)
    if isinstance(node, yaml.ScalarNode):
        return str(node.value)
    if isinstance(node, yaml.MappingNode):
        return (
            "{"
            + ", ".join(
                f"{k.value}: {v.value}" for k, v in node.value if isinstance(v, yaml.ScalarNode)
            )
            + "}"
        )
    return ""


def _line(doc: Document, path: Sequence[PathPart]) -> int:
    node = doc.node_at(path)
    return 1 if node is None else node.start_mark.line + 1


def _leaves(value: Any, path: tuple[PathPart, ...], stop: Container[tuple[PathPart, ...]]) -> Any:
    """Every leaf of the file's data under `path` (a distribution counts as one leaf)."""
    if isinstance(value, dict) and path not in stop:
        for k, v in value.items():
            yield from _leaves(v, (*path, k), stop)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _leaves(v, (*path, i), stop)
    else:
        yield path


def inputs_table(
    scenario: Scenario,
    source: Source,
    roots: Sequence[tuple[PathPart, ...]],
    skip: frozenset[str],
    lang: str,
    policies: dict[str, Policy],
    uncertain: dict[tuple[PathPart, ...], Distribution],
) -> Table:
    """Field, value as written, value as read and file:line of each leaf under `roots` (the keys
    of `skip` right under a root left out)."""
    doc = source.doc
    rows = []
    for root in roots:
        data = doc.value_at(root)
        if data is ...:
            continue
        for path in _leaves(data, root, uncertain):
            if path[-1] in skip and len(path) == len(root) + 1:
                continue
            section = _section_of(path)
            key = path[-1]
            field = None
            if isinstance(key, str):
                field = section_field(section, key)
            distribution: Distribution | None = uncertain.get(path)
            value = _read_value(scenario, path)
            read = _value_text(value, field, lang, scenario.currency)
            if distribution is not None:
                read = text(
                    "distribution",
                    lang,
                    value=_value_text(distribution.central(), field, lang, scenario.currency),
                )
            elif hasattr(value, "use") and value.use in policies:  # a policy listed by id
                policy = policies[value.use]
                read = policy.zh if lang == "zh" else policy.en
            shown = format_path(path[2:]) if path[0] == "merchants" else format_path(path)
            name = field_name(field, shown, lang)
            rows.append((name, _written(doc, path), read, f"{source.name}:{_line(doc, path)}"))
    head = tuple(text(k, lang) for k in ("col.field", "col.written", "col.read", "col.where"))
    return Table(head, tuple(rows), (False, False, False, False), True)
