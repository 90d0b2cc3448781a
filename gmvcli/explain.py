"""`gmvcli explain`: each §4 row as a worked calculation, from the engine's own formula text.

Nothing is computed here that the engine does not compute: the values come from
`engine.evaluate`, the formulas from `engine.ROWS`; this module only lines them up.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from gmvcli import engine
from gmvcli.model import Merchant, Scenario
from gmvcli.policies import Policy, Terms, merchant_policies, policy_table, terms
from gmvcli.rows import BUDGETS, BY_KEY, CONTENT, EFFECTS, SHELF

_NAME = re.compile(r"[a-z_]+")


class Step(NamedTuple):
    """One worked line: key = formula = the numbers put in = value."""

    key: str
    formula: str  # "" for an input
    operands: tuple[tuple[str, float], ...]  # the variables the formula reads, in order
    value: float | None

    @property
    def path(self) -> str:
        quantity = BY_KEY.get(self.key)
        return self.key if quantity is None or quantity.json is None else quantity.json


class PolicyChange(NamedTuple):
    policy: Policy
    effect: str  # commission_rate | commission_discount | public_uv_bonus | rebate_rate | bet
    value: float


class ModelExplanation(NamedTuple):
    model: str
    inputs: tuple[Step, ...]
    steps: tuple[Step, ...]
    policies: tuple[PolicyChange, ...]
    base_commission_rate: float | None
    terms: Terms | None


class MerchantExplanation(NamedTuple):
    id: str
    name: str
    role: str | None
    models: tuple[ModelExplanation, ...]


def _operands(formula: str, values: dict[str, float]) -> tuple[tuple[str, float], ...]:
    names = dict.fromkeys(n for n in _NAME.findall(formula))
    return tuple((n, values[n]) for n in names)


def explain_model(
    model: str, inputs: dict[str, float]
) -> tuple[tuple[Step, ...], tuple[Step, ...]]:
    """The inputs a model reads and its rows, worked through with the engine's values."""
    values = engine.evaluate(model, inputs)
    rows = engine.rows_for(model)
    keys = {r.key for r in rows}
    read = dict.fromkeys(n for r in rows for n in _NAME.findall(r.formula) if n not in keys)
    given = tuple(Step(n, "", (), values[n]) for n in read)
    steps = [Step(r.key, r.formula, _operands(r.formula, values), values[r.key]) for r in rows]
    return given, tuple(steps)


def _changes(policies: tuple[Policy, ...]) -> tuple[PolicyChange, ...]:
    out = []
    for p in policies:
        if not p.active(1):
            continue
        for effect in EFFECTS:
            if effect.key == "bet":
                if p.effects.bet is not None:
                    out.append(PolicyChange(p, "bet", p.effects.bet.gmv_target))
                continue
            value = getattr(p.effects, effect.key)
            if value is not None:
                out.append(PolicyChange(p, effect.key, value))
    return tuple(out)


def _derived(
    given: tuple[Step, ...], row: engine.Row, values: dict[str, float], value: float
) -> tuple[Step, ...]:
    """The inputs with `row.key` shown as worked out from others (a budget ÷ a cost)."""
    step = Step(row.key, row.formula, _operands(row.formula, values), value)
    return tuple(step if s.key == row.key else s for s in given)


def _budget(
    model: str, record: object, given: tuple[Step, ...], inputs: dict[str, float]
) -> tuple[Step, ...]:
    """`given` with the visitors shown as bought by the budget, when the file gives one."""
    names = BUDGETS[model]
    budget = getattr(record, names.budget)
    if budget is None:
        return given
    values = {names.budget: budget, **inputs}
    return _derived(given, engine.BUDGET_UV[model], values, inputs[names.visitors])


def explain_merchant(
    merchant: Merchant, table: dict[str, Policy], only: str | None = None
) -> MerchantExplanation:
    policies, _ = merchant_policies(merchant, table)
    models = []
    if merchant.shelf is not None and only in (None, SHELF):
        inputs = engine.shelf_inputs(merchant.shelf, merchant.cogs_rate)
        given, steps = explain_model(SHELF, inputs)
        given = _budget(SHELF, merchant.shelf, given, inputs)
        models.append(ModelExplanation(SHELF, given, steps, (), None, None))
    content = merchant.content
    if content is not None and only in (None, CONTENT):
        period_terms = terms(policies, content.commission_rate, period=1)
        inputs = engine.content_inputs(
            content, merchant.cogs_rate, period_terms, engine.private_uv(content)
        )
        given, steps = explain_model(CONTENT, inputs)
        if content.private_uv is None and content.fans is not None:
            # private visitors come from fans × reach_rate: show that step among the inputs
            row = engine.PRIVATE_UV
            values = {"fans": content.fans, "reach_rate": content.reach_rate or 0.0}
            derived = Step(
                row.key, row.formula, _operands(row.formula, values), inputs["private_uv"]
            )
            given = tuple(derived if s.key == "private_uv" else s for s in given)
        given = _budget(CONTENT, content, given, inputs)
        models.append(
            ModelExplanation(
                CONTENT,
                given,
                steps,
                _changes(policies),
                content.commission_rate,
                period_terms,
            )
        )
    return MerchantExplanation(merchant.id, merchant.name, merchant.role, tuple(models))


def explain_scenario(
    scenario: Scenario, only: str | None = None
) -> tuple[MerchantExplanation, ...]:
    table = policy_table(scenario)
    return tuple(explain_merchant(m, table, only) for m in scenario.merchants)
