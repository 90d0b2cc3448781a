"""SPEC §4: one period of each model, the comparison and its drivers. Pure functions, no I/O.

Every row of §4 is written once, as text, in `ROWS`; the text is compiled and evaluated, so the
formula shown by `explain` is the formula computed here.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from types import CodeType
from typing import Any, NamedTuple

from gmvcli.model import Content, Merchant, Shelf
from gmvcli.policies import Terms
from gmvcli.rows import (
    BUDGET_UV_FORMULAS,
    BUDGETS,
    CONTENT,
    DRIVERS,
    JSON_ROWS,
    MODELS,
    PRIVATE_UV_FORMULA,
    QUANTITIES,
    SHELF,
)


class Row(NamedTuple):
    """One line of the §4 table: the variable it defines and its formula, as written for people."""

    key: str
    formula: str
    model: str | None = None  # None: the same formula for both models
    nullable: bool = False  # a ratio, None when its divisor is 0

    @property
    def code(self) -> CodeType:
        return _compiled(self.formula)


_CODE: dict[str, CodeType] = {}


def _compiled(formula: str) -> CodeType:
    code = _CODE.get(formula)
    if code is None:
        code = _CODE[formula] = compile(_python(formula), formula, "eval")
    return code


#: the rows of §4 as the registry declares them, in the order they are computed
ROWS: tuple[Row, ...] = tuple(
    Row(q.key, formula, model, q.nullable) for q in QUANTITIES for model, formula in q.formulas
)


def rows_for(model: str) -> tuple[Row, ...]:
    return tuple(r for r in ROWS if r.model in (None, model))


class Costs(NamedTuple):
    traffic: float
    commission: float
    promotion: float
    content: float
    goods: float
    total: float


class ModelResult(NamedTuple):
    """The §4 rows of one model in one period."""

    model: str
    uv: float
    conversion: float
    orders: float
    gmv: float
    refunds: float
    net_gmv: float
    costs: Costs
    rebate: float
    contribution: float
    roi: float | None
    aov: float
    repurchase: float
    private_uv: float = 0.0
    public_uv: float = 0.0
    bonus_uv: float = 0.0
    commission_rate: float = 0.0


def _ratio(a: float, b: float) -> float | None:
    """a ÷ b; None when b is 0 (or so near 0 that the ratio is not a finite number).

    On numpy arrays (simulate, sweep) the same, element-wise, with NaN for None.
    """
    if isinstance(a, int | float) and isinstance(b, int | float):
        if not b:
            return None
        value = a / b
        return value if math.isfinite(value) else None
    import numpy as np

    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.divide(a, b)
    return np.where(np.isfinite(out), out, np.nan)


def _python(formula: str) -> str:
    return formula.replace("×", "*").replace("−", "-").replace("÷", "/")


def _expression(row: Row) -> str:
    """A row's formula as Python; a nullable ratio `a ÷ b` divides safely (None when b is 0)."""
    if row.nullable:
        top, _, bottom = row.formula.partition("÷")
        return f"_ratio({_python(top.strip())}, {_python(bottom.strip())})"
    return _python(row.formula)


def _evaluator(model: str) -> Callable[[dict[str, float]], dict[str, float]]:
    """One Python function per model, generated from the formula text of its rows.

    Evaluating the rows one `eval` at a time costs several times more; generating the function
    keeps the text as the single source while running at the speed of hand-written code.
    """
    rows = rows_for(model)
    keys = [r.key for r in rows]
    names = sorted({n for r in rows for n in r.code.co_names} - set(keys))
    body = [f"    {n} = v[{n!r}]" for n in names]
    body += [f"    {r.key} = {_expression(r)}" for r in rows]
    body.append("    v.update(" + ", ".join(f"{k}={k}" for k in dict.fromkeys(keys)) + ")")
    source = f"def evaluate_{model}(v):\n" + "\n".join(body) + "\n    return v\n"
    namespace: dict[str, Any] = {"__builtins__": {}, "_ratio": _ratio}
    exec(compile(source, f"<gmvcli.engine {model} rows>", "exec"), namespace)
    return namespace[f"evaluate_{model}"]  # type: ignore[no-any-return]


_EVALUATE = {m: _evaluator(m) for m in MODELS}


def evaluate(model: str, inputs: Mapping[str, float]) -> dict[str, float]:
    """Every §4 variable of `model` from its inputs, in the order of ROWS."""
    return _EVALUATE[model](dict(inputs))


def shelf_inputs(shelf: Shelf, cogs_rate: float, cost_factor: float = 1.0) -> dict[str, float]:
    """The variables the shelf rows read; `cost_factor` scales the cost of a paid visitor."""
    cost = shelf.traffic_cost_per_uv * cost_factor
    uv = bought(SHELF, shelf, cost)
    return {
        "uv": uv,
        "conversion_rate": shelf.conversion_rate,
        "repurchase_frequency": shelf.repurchase_frequency,
        "aov": shelf.aov,
        "refund_rate": shelf.refund_rate,
        "traffic_cost_per_uv": cost,
        "commission_rate": shelf.commission_rate,
        "discount_rate": shelf.discount_rate,
        "cogs_rate": cogs_rate,
        "content_cost": 0.0,
        "rebate": 0.0,
    }


#: private-domain visitors when the file gives fans instead of private_uv
PRIVATE_UV = Row("private_uv", PRIVATE_UV_FORMULA, CONTENT)
#: bought visitors when the file gives a budget instead of a count (SPEC §3)
BUDGET_UV = {
    SHELF: Row("uv", BUDGET_UV_FORMULAS[SHELF], SHELF),
    CONTENT: Row("public_uv", BUDGET_UV_FORMULAS[CONTENT], CONTENT),
}


def bought(model: str, record: Any, cost: float) -> Any:
    """The visitors of a model's inputs (`record`: a Shelf or Content) as given, or bought by its
    budget at `cost` a visitor (rows.BUDGETS, SPEC §3): a budget is held, so the visitors it buys
    shrink as the cost of one grows."""
    names = BUDGETS[model]
    budget = getattr(record, names.budget)
    if budget is None:
        return getattr(record, names.visitors)
    values = {names.budget: budget, names.cost: cost}
    return eval(BUDGET_UV[model].code, {"__builtins__": {}}, values)  # our own formula text


def private_uv(content: Content) -> float:
    """private_uv as given, or fans × reach_rate, or 0."""
    if content.private_uv is not None:
        return content.private_uv
    if content.fans is not None and content.reach_rate is not None:
        values = {"fans": content.fans, "reach_rate": content.reach_rate}
        value: float = eval(PRIVATE_UV.code, {"__builtins__": {}}, values)  # our own formula text
        return value
    return 0.0


def content_inputs(
    content: Content,
    cogs_rate: float,
    terms: Terms,
    private: float,
    cost_factor: float = 1.0,
) -> dict[str, float]:
    """The variables the content rows read, after the period's policy terms."""
    cost = content.public_cost_per_uv * cost_factor
    public = bought(CONTENT, content, cost)
    return {
        "private_uv": private,
        "public_uv": public,
        "bonus_uv": terms.bonus_uv,
        "watch_minutes": content.watch_minutes,
        "orders_per_minute": content.orders_per_minute,
        "repurchase_frequency": content.repurchase_frequency,
        "aov": content.aov,
        "refund_rate": content.refund_rate,
        "public_cost_per_uv": cost,
        "commission_rate": terms.commission_rate,
        "discount_rate": content.discount_rate,
        "cogs_rate": cogs_rate,
        "content_cost": content.content_cost,
        "rebate_traffic_rate": terms.rebate_traffic_rate,
        "rebate_gmv_rate": terms.rebate_gmv_rate,
    }


#: where each row of a model's JSON goes in its result, as its path says: (attribute, key) on the
#: result itself, and in `costs`; rows another model has keep the result's default (0)
_FIELDS = {
    model: tuple(
        (q.json, q.key) for q in JSON_ROWS if q.json and "." not in q.json and model in q.models
    )
    for model in MODELS
}
_COSTS = tuple(
    (q.json.removeprefix("costs."), q.key)
    for q in JSON_ROWS
    if q.json and q.json.startswith("costs.")
)


def _typed(model: str) -> Callable[[dict[str, float]], ModelResult]:
    """`lambda v: ModelResult(...)`: a model's variables into its typed result, generated once per
    model with every argument in place (each JSON row from its variable as _FIELDS and _COSTS say,
    aov, repurchase and the commission rate; a row the model lacks its default)."""
    costs = dict(_COSTS)
    source = {
        **{a: repr(d) for a, d in ModelResult._field_defaults.items()},
        **{a: f"v[{k!r}]" for a, k in _FIELDS[model]},
        "model": repr(model),
        "costs": f"Costs({', '.join(f'v[{costs[a]!r}]' for a in Costs._fields)})",
        "aov": "v['aov']",
        "repurchase": "v['repurchase_frequency']",
        "commission_rate": "v['commission_rate']",
    }
    arguments = ", ".join(source[a] for a in ModelResult._fields)
    code = compile(f"lambda v: ModelResult({arguments})", f"<gmvcli.engine {model} result>", "eval")
    typed: Callable[[dict[str, float]], ModelResult] = eval(
        code, {"__builtins__": {}, "ModelResult": ModelResult, "Costs": Costs}
    )
    return typed


_TYPED = {model: _typed(model) for model in MODELS}


def result(model: str, inputs: Mapping[str, float]) -> ModelResult:
    """Evaluate `model` on `inputs` into a typed result."""
    return _TYPED[model](evaluate(model, inputs))


def shelf_result(merchant: Merchant, cost_factor: float = 1.0) -> ModelResult | None:
    if merchant.shelf is None:
        return None
    return result(SHELF, shelf_inputs(merchant.shelf, merchant.cogs_rate, cost_factor))


def content_result(
    merchant: Merchant,
    terms: Terms,
    private: float | None = None,
    cost_factor: float = 1.0,
) -> ModelResult | None:
    content = merchant.content
    if content is None:
        return None
    if private is None:
        private = private_uv(content)
    return result(CONTENT, content_inputs(content, merchant.cogs_rate, terms, private, cost_factor))


class Drivers(NamedTuple):
    """content ÷ shelf of each factor of GMV; their product is gmv_ratio."""

    uv: float | None
    conversion: float | None
    aov: float | None
    repurchase: float | None


class Comparison(NamedTuple):
    gmv_delta: float
    gmv_ratio: float | None
    net_gmv_delta: float
    contribution_delta: float
    drivers: Drivers


def compare(shelf: ModelResult, content: ModelResult) -> Comparison:
    """Differences content − shelf, gmv_ratio and the four drivers (SPEC §4)."""
    return Comparison(
        gmv_delta=content.gmv - shelf.gmv,
        gmv_ratio=_ratio(content.gmv, shelf.gmv),
        net_gmv_delta=content.net_gmv - shelf.net_gmv,
        contribution_delta=content.contribution - shelf.contribution,
        drivers=Drivers(
            uv=_ratio(content.uv, shelf.uv),
            conversion=_ratio(content.conversion, shelf.conversion),
            aov=_ratio(content.aov, shelf.aov),
            repurchase=_ratio(content.repurchase, shelf.repurchase),
        ),
    )


def main_driver(drivers: Drivers, gmv_ratio: float | None) -> str | None:
    """The driver that moves GMV most in the direction it moved (largest |log ratio|)."""
    if gmv_ratio is None or gmv_ratio == 1:
        return None
    up = gmv_ratio > 1
    best, best_size = None, 0.0
    for name, _ in DRIVERS:
        value = getattr(drivers, name)
        if value is None or value <= 0 or (value > 1) != up:
            continue
        size = abs(math.log(value))
        if size > best_size:
            best, best_size = name, size
    return best
