"""The rules across the keys of a section that the hand validator checks in code
(`model._Validator`): as JSON Schema keywords for editors, and as checks for the pydantic model."""

from __future__ import annotations

from collections.abc import Callable, Set
from typing import Any, NamedTuple


class Rule(NamedTuple):
    """A rule across the keys of a section (the hand validator checks it in code)."""

    schema: dict[str, Any]  # the rule as JSON Schema keywords
    holds: Callable[[Set[str]], bool]  # the same rule on the keys given
    message: str


def _budget_rule(visitors: str, budget: str, cost: str) -> dict[str, Any]:
    """A budget replaces a visitor count (not both) and needs a cost per visitor above 0."""
    return {
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


#: The cross-key rules of `model._Validator._merchants`, `._shelf` and `._content`.
RULES: dict[str, tuple[Rule, ...]] = {
    "shelf": (
        Rule(
            {"anyOf": [{"required": ["uv"]}, {"required": ["traffic_budget"]}]},
            lambda keys: "uv" in keys or "traffic_budget" in keys,
            "missing required key 'uv' (or give traffic_budget)",
        ),
        Rule(
            {"allOf": [_budget_rule("uv", "traffic_budget", "traffic_cost_per_uv")]},
            lambda keys: (
                not {"uv", "traffic_budget"} <= keys
                and ("traffic_budget" not in keys or "traffic_cost_per_uv" in keys)
            ),
            "give uv or traffic_budget (with traffic_cost_per_uv above 0), not both",
        ),
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
        Rule(
            {"allOf": [_budget_rule("public_uv", "public_budget", "public_cost_per_uv")]},
            lambda keys: (
                not {"public_uv", "public_budget"} <= keys
                and ("public_budget" not in keys or "public_cost_per_uv" in keys)
            ),
            "give public_uv or public_budget (with public_cost_per_uv above 0), not both",
        ),
    ),
}
