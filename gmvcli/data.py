"""Results as plain, JSON-ready data (SPEC §7): English keys, money and counts to 2 decimals, ratios to 6."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from gmvcli.i18n import message
from gmvcli.rows import COMPARISON, DRIVERS, JSON_ROWS, MODELS, TOTALS, decimals

if TYPE_CHECKING:
    from gmvcli.compare import MerchantResult, ScenarioResult
    from gmvcli.engine import Comparison, ModelResult
    from gmvcli.errors import Problem
    from gmvcli.forecast import MerchantForecast, ScenarioForecast, Totals
    from gmvcli.policies import Notice


def _split(path: str) -> tuple[str, str]:
    head, _, leaf = path.rpartition(".")
    return head, leaf


def r2(value: float) -> float:
    """Money and counts: 2 decimals, never -0.0."""
    return round(value, 2) + 0.0


def r6(value: float | None) -> float | None:
    """Ratios: 6 decimals."""
    return None if value is None else round(value, 6) + 0.0


def rounded(value: float | None, decimals: int) -> float | None:
    """A number as JSON shows it (SPEC §7): 2 or 6 decimals, never -0.0 or float noise."""
    return None if value is None else round(value, decimals) + 0.0


#: how a model's JSON is read from its result: (section or "", key, getter, decimals) per row
_PLAN: dict[str, tuple[tuple[str, str, Callable[[Any], Any], int], ...]] = {
    model: tuple(
        (*_split(q.json or ""), attrgetter(q.json or ""), q.decimals)
        for q in JSON_ROWS
        if model in q.models
    )
    for model in MODELS
}


def _generate(model: str, arg: str, value: Callable[[int, str, int], str], name: str) -> Any:
    """`lambda arg: {...}`, nesting a model's rows as its JSON, generated from the plan: one dict
    display instead of a loop of `setdefault`s; `value(i, path, decimals)` is the expression of
    row i's value."""
    entries: list[str] = []  # "'key': value", or a section's name where its dict goes
    sections: dict[str, list[str]] = {}
    for i, (head, leaf, _, n) in enumerate(_PLAN[model]):
        item = f"{leaf!r}: {value(i, f'{head}.{leaf}' if head else leaf, n)}"
        if not head:
            entries.append(item)
            continue
        if head not in sections:
            sections[head] = []
            entries.append(head)
        sections[head].append(item)
    top = ", ".join(f"{e!r}: {{{', '.join(sections[e])}}}" if e in sections else e for e in entries)
    code = compile(f"lambda {arg}: {{{top}}}", f"<gmvcli.data {model} {name}>", "eval")
    return eval(code, {"__builtins__": {}, "round": round})


#: a model's row values (rounded) → its JSON (a forecast's periods, rounded in bulk)
_SHAPE: dict[str, Callable[[Sequence[float | None]], dict[str, Any]]] = {
    model: _generate(model, "v", lambda i, path, n: f"v[{i}]", "json") for model in MODELS
}
#: a model's result → its JSON: each row read, rounded and put in place in one expression
#: (`rounded(get(result), n)` for each row of the plan; compare writes two per merchant)
_READ: dict[str, Callable[[Any], dict[str, Any]]] = {
    model: _generate(
        model,
        "r",
        lambda i, path, n: f"(None if (t := r.{path}) is None else round(t, {n}) + 0.0)",
        "reader",
    )
    for model in MODELS
}


def _shape(model: str, values: Sequence[float | None]) -> dict[str, Any]:
    return _SHAPE[model](values)


def model_data(result: ModelResult | None) -> dict[str, Any] | None:
    """A model's §4 rows as JSON: every quantity of the registry with a JSON path, in order."""
    return None if result is None else _READ[result.model](result)


def models_data(results: Sequence[ModelResult | None]) -> list[dict[str, Any] | None]:
    """model_data of many results of one model (a forecast's periods), rounded in bulk: the same
    numbers, several times faster than one `round` per value."""
    present = [r for r in results if r is not None]
    if len(present) < 32:
        return [model_data(r) for r in results]
    model = present[0].model
    plan = _PLAN[model]
    columns = round_columns(
        [[get(r) for r in present] for _, _, get, _ in plan], [n for *_, n in plan]
    )
    shaped = iter([_shape(model, row) for row in zip(*columns, strict=True)])
    return [None if r is None else next(shaped) for r in results]


def round_many(values: Sequence[float | None], decimals: int) -> list[float | None]:
    """`[rounded(v, decimals) for v in values]`, exactly, several times faster.

    (`rounding.round_exact`: rint(v·10ⁿ) / 10ⁿ, and Python's round where that is in doubt.)
    """
    if any(v is None for v in values):
        return [rounded(v, decimals) for v in values]
    import numpy as np

    from gmvcli.rounding import round_exact

    out: list[float | None] = round_exact(np.asarray(values, dtype=float), decimals).tolist()
    return out


def round_columns(
    columns: Sequence[Sequence[float | None]], decimals: Sequence[int]
) -> list[list[float | None]]:
    """`[round_many(c, n) for c, n in zip(columns, decimals)]`, exactly, with one array operation
    per number of decimals for the columns that hold no None (a forecast's 30-odd columns).
    Short columns (under 32 values) are rounded one by one: not worth importing numpy."""
    if not columns or len(columns[0]) < 32:
        return [[rounded(v, n) for v in c] for c, n in zip(columns, decimals, strict=True)]
    import numpy as np

    from gmvcli.rounding import round_exact

    out: list[list[float | None]] = [[] for _ in columns]
    for places in set(decimals):
        full = [
            i
            for i, (c, n) in enumerate(zip(columns, decimals, strict=True))
            if n == places and None not in c
        ]
        for i, n in enumerate(decimals):
            if n == places and i not in full:
                out[i] = round_many(columns[i], n)
        if not full:
            continue
        array = np.array([columns[i] for i in full], dtype=float)
        rounded_rows: list[list[float | None]] = round_exact(array, places).tolist()
        for i, row in zip(full, rounded_rows, strict=True):
            out[i] = row
    return out


def _comparison_reader() -> Callable[[Any, Any], dict[str, Any]]:
    """`lambda c, d: {...}`: a comparison's JSON, each value read and rounded in one expression,
    its drivers `d` (r6) under "drivers"."""
    rounds = [(f"c.{k}", decimals(kind), k) for k, kind in COMPARISON]
    items = [f"{k!r}: (None if (t := {v}) is None else round(t, {n}) + 0.0)" for v, n, k in rounds]
    drivers = [f"{k!r}: (None if (t := d.{k}) is None else round(t, 6) + 0.0)" for k, _ in DRIVERS]
    source = f"lambda c, d: {{{', '.join(items)}, 'drivers': {{{', '.join(drivers)}}}}}"
    code = compile(source, "<gmvcli.data comparison>", "eval")
    read: Callable[[Any, Any], dict[str, Any]] = eval(code, {"__builtins__": {}, "round": round})
    return read


_COMPARISON = _comparison_reader()


def comparison_data(comparison: Comparison | None) -> dict[str, Any] | None:
    return None if comparison is None else _COMPARISON(comparison, comparison.drivers)


def warnings_data(notices: tuple[Notice, ...]) -> list[str]:
    return [message(n.key, "en", **dict(n.params)) for n in notices]


def merchant_data(m: MerchantResult) -> dict[str, Any]:
    return {
        "id": m.id,
        "name": m.name,
        "role": m.role,
        "shelf": model_data(m.shelf),
        "content": model_data(m.content),
        "comparison": comparison_data(m.comparison),
        "warnings": warnings_data(m.warnings),
    }


def _scenario_data(
    result: Any, merchant: Callable[[Any], dict[str, Any]], lazy: bool
) -> dict[str, Any]:
    """A scenario's results: the file, its name and currency, and `merchant(m)` for each; with
    `lazy`, the merchants as an iterator (for `textsafe.json_chunks`)."""
    merchants = map(merchant, result.merchants)
    return {
        "file": result.file,
        "name": result.name,
        "currency": result.currency,
        "merchants": merchants if lazy else list(merchants),
    }


def compare_data(result: ScenarioResult, *, lazy: bool = False) -> dict[str, Any]:
    return _scenario_data(result, merchant_data, lazy)


def _totals(t: Totals | None) -> dict[str, float] | None:
    if t is None:
        return None
    return {k: r2(getattr(t, k)) for k in TOTALS}


def forecast_merchant_data(m: MerchantForecast) -> dict[str, Any]:
    periods = []
    shelves = models_data([p.shelf for p in m.periods])
    contents = models_data([p.content for p in m.periods])
    for p, shelf, content in zip(m.periods, shelves, contents, strict=True):
        if content is not None:
            content["fans_start"] = r2(p.fans_start or 0.0)
            content["fans_end"] = r2(p.fans_end or 0.0)
        periods.append({"period": p.period, "shelf": shelf, "content": content})
    out: dict[str, Any] = {
        "id": m.id,
        "name": m.name,
        "role": m.role,
        "periods": periods,
        "totals": {"shelf": _totals(m.shelf_totals), "content": _totals(m.content_totals)},
        "crossover": m.crossover,
        "warnings": warnings_data(m.warnings),
    }
    if m.error is not None:
        out["totals"] = None
        out["error"] = m.error.as_json()
    return out


def forecast_data(result: ScenarioForecast, *, lazy: bool = False) -> dict[str, Any]:
    return _scenario_data(result, forecast_merchant_data, lazy)


def error_data(file: str, problem: Problem) -> dict[str, Any]:
    """A failed input in json/jsonl output: {"file", "error": {"message", "line", "column", "path"}}."""
    return {"file": file, "error": problem.as_json()}
