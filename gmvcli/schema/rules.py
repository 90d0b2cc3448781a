"""The rules across the keys of a section that the hand validator checks in code
(`model._Validator`): as JSON Schema keywords for editors, and as checks for the pydantic model."""

from __future__ import annotations

from collections.abc import Callable, Set
from typing import Any, NamedTuple

from gmvcli.rows import BUDGETS, CONTENT, SHELF


class Rule(NamedTuple):
    """A rule across the keys of a section (the hand validator checks it in code)."""

    schema: dict[str, Any]  # the rule as JSON Schema keywords
    holds: Callable[[Set[str]], bool]  # the same rule on the keys given
    message: str


def _budget_rule(model: str) -> Rule:
    """A budget replaces a visitor count (not both) and needs a cost per visitor above 0."""
    visitors, budget, cost = BUDGETS[model]
    schema: dict[str, Any] = {
        "not": {"required": [visitors, budget]},
        "if": {"required": [budget]},
        "then": {
            "required": [cost],
            "properties": {
                cost: {
                    "description": f"above 0 when {budget} is given: {visitors} = {budget} ÷ {cost}",
                    "x-zh": "给出预算时必须大于 0",
                    "not": {"const": 0},
                }
            },
        },
    }
    return Rule(
        {"allOf": [schema]},
        lambda keys: not {visitors, budget} <= keys and (budget not in keys or cost in keys),
        f"give {visitors} or {budget} (with {cost} above 0), not both",
    )


#: The cross-key rules of `model._Validator._merchants`, `._shelf` and `._content`.
RULES: dict[str, tuple[Rule, ...]] = {
    "shelf": (
        Rule(
            {"anyOf": [{"required": ["uv"]}, {"required": ["traffic_budget"]}]},
            lambda keys: "uv" in keys or "traffic_budget" in keys,
            "missing required key 'uv' (or give traffic_budget)",
        ),
        _budget_rule(SHELF),
    ),
    "merchant": (
        Rule(
            {"anyOf": [{"required": ["shelf"]}, {"required": ["content"]}]},
            lambda keys: "shelf" in keys or "content" in keys,
            "a merchant needs a shelf: or a content: section (or both)",
        ),
    ),
    "content": (
        Rule(
            {"not": {"required": ["private_uv", "fans"]}},
            lambda keys: not {"private_uv", "fans"} <= keys,
            "give private_uv or fans (with reach_rate), not both",
        ),
        Rule(
            {"dependentRequired": {"fans": ["reach_rate"]}},
            lambda keys: "fans" not in keys or "reach_rate" in keys,
            "fans needs reach_rate (the share of fans who watch in a period)",
        ),
        _budget_rule(CONTENT),
    ),
}
