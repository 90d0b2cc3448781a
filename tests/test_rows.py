"""The row registry is the one declaration of each quantity: the engine computes its formulas,
JSON and CSV show its paths, and every label exists in both languages."""

from __future__ import annotations

from operator import attrgetter

from hypothesis import given
from hypothesis import strategies as st

from gmvcli import engine
from gmvcli.data import model_data, models_data, round_many, rounded
from gmvcli.policies import Terms
from gmvcli.render.csv import METRICS
from gmvcli.rows import BY_KEY, EFFECTS, JSON_ROWS, KINDS, MODELS, QUANTITIES
from tests.helpers import scenario


def test_every_quantity_is_declared_once_with_both_words_and_a_kind() -> None:
    assert len(BY_KEY) == len(QUANTITIES)
    for q in QUANTITIES:
        assert q.kind in KINDS and q.en and q.zh, q
    for e in EFFECTS:
        assert e.row in BY_KEY and e.en and e.zh


def test_the_engine_computes_exactly_the_registry_formulas_in_order() -> None:
    for model in MODELS:
        rows = [(r.key, r.formula) for r in engine.rows_for(model)]
        declared = [(q.key, q.formula(model)) for q in QUANTITIES if q.formula(model)]
        assert rows == declared


def test_formula_text_and_the_computed_value_agree() -> None:
    """Evaluate each formula's text by hand (× − + ÷ as Python) and compare with the engine."""
    m = scenario().merchants[0]
    terms = Terms(m.content.commission_rate, 0.0, 0.0, 0.0)  # type: ignore[union-attr]
    inputs = {
        "shelf": engine.shelf_inputs(m.shelf, m.cogs_rate),  # type: ignore[arg-type]
        "content": engine.content_inputs(m.content, m.cogs_rate, terms, 120000),  # type: ignore[arg-type]
    }
    for model, model_inputs in inputs.items():
        values = engine.evaluate(model, model_inputs)
        for q in QUANTITIES:
            text = q.formula(model)
            if not text:
                continue
            python = text.replace("×", "*").replace("−", "-").replace("÷", "/")
            assert eval(python, {}, dict(values)) == values[q.key], (model, q.key)


def test_json_and_csv_are_the_registry_rows_in_order() -> None:
    m = scenario().merchants[0]
    result = engine.shelf_result(m)
    assert result is not None
    data = model_data(result)
    assert data is not None
    flat = [k for k in data if k != "costs"] + [f"costs.{k}" for k in data["costs"]]
    shown = [q.json for q in JSON_ROWS if "shelf" in q.models]
    assert sorted(flat) == sorted(shown)
    assert tuple(q.csv for q in JSON_ROWS) == METRICS
    for q in JSON_ROWS:  # a result record holds each row at its JSON path
        if "shelf" in q.models:
            assert attrgetter(q.json or "")(result) is not None or q.nullable


@given(
    st.lists(
        st.floats(min_value=-1e13, max_value=1e13, allow_nan=False, allow_infinity=False)
        | st.sampled_from([0.125, 2.675, 1.005, -0.5, 1e-7, 0.0]),
        min_size=1,
        max_size=80,
    ),
    st.sampled_from([2, 6]),
)
def test_rounding_in_bulk_is_exactly_rounding_each(values: list[float], decimals: int) -> None:
    assert round_many(values, decimals) == [rounded(v, decimals) for v in values]


def test_a_long_forecast_is_rounded_in_bulk_to_the_same_json() -> None:
    from gmvcli.forecast import forecast_scenario
    from gmvcli.loader import load_text
    from tests.helpers import WEIWEI

    text = WEIWEI.replace("name: 薇薇 · 大进针织工厂\n", "name: x\nforecast: {periods: 60}\n")
    doc = load_text(text, "t.yaml")
    forecast = forecast_scenario(scenario(text), doc)
    periods = forecast.merchants[0].periods
    for model in ("shelf", "content"):
        results = [getattr(p, model) for p in periods]
        assert models_data(results) == [model_data(r) for r in results]


#: Modules that may spell a §4 row key as a string, and why: each names something else that
#: happens to share the key's name, or is a file another change owns. Anything not listed here
#: must read the key from gmvcli/rows.py.
ROW_KEY_LITERALS: dict[str, tuple[set[str], str]] = {
    "engine.py": ({"rebate", "bonus_uv"}, "the variables its compiled formulas read, by name"),
    "review/actuals.py": ({"gmv", "orders"}, "the columns of an actuals export (SPEC §10)"),
    "review/cells.py": ({"orders", "gmv", "refunds", "traffic_cost"}, "export columns"),
    "review/consistency.py": ({"gmv", "orders", "refunds"}, "export columns"),
    "review/headers.py": ({"orders", "gmv", "refunds", "traffic_cost"}, "export columns"),
    "review/fit.py": ({"orders", "gmv", "refunds", "traffic_cost"}, "sums of export columns"),
    "review/sides.py": ({"orders", "gmv", "refunds", "traffic_cost"}, "sums of export columns"),
    "review/review.py": ({"net_gmv", "rebate", "refunds", "traffic_cost"}, "contribution lines"),
    "review/results.py": ({"net_gmv", "rebate"}, "review's contribution lines (its JSON keys)"),
    "plan.py": ({"gmv"}, "rebate_base: gmv, a value of the field (SPEC §6)"),
    "model/kinds.py": ({"gmv"}, "REBATE_BASES, the values of rebate_base"),
    "policies.py": ({"gmv"}, "rebate_base == gmv"),
    "render/explain.py": ({"gmv", "traffic_cost"}, "rebate_base's values and the row each reads"),
    "model/fields.py": ({"orders"}, "a unit (repurchase_frequency is in orders)"),
    "plot/review.py": ({"gmv"}, "a key of review's word catalogue"),
    "render/review/words.py": ({"gmv", "contribution"}, "EFFECT_TABLES: review explains both"),
    "render/review/csv.py": ({"gmv", "contribution"}, "review's CSV columns plan_gmv, …"),
    "render/diff.py": ({"contribution"}, "diff's summary line speaks of contribution"),
    "render/uncertain.py": ({"contribution"}, "solve's contribution=0 is 保本 (SPEC §8)"),
    "whatif/solve.py": ({"contribution"}, "solve's 保本 is contribution=0 (SPEC §8)"),
    "cli/uncertain.py": (
        {"gmv", "contribution"},
        "Metric: the words a user types after --metric (SPEC §8 advantage|gmv|contribution)",
    ),
}


def test_no_module_spells_a_row_key_outside_the_registry() -> None:
    """Issue 10: the rows of §4 are named in gmvcli/rows.py only (docstrings aside); a key that
    is also a scenario field (uv, content_cost, …) is the field table's to name as well."""
    import ast
    from pathlib import Path

    from gmvcli.model import SECTIONS

    fields = {f.name for section in SECTIONS.values() for f in section}
    keys = {q.key for q in QUANTITIES if q.formulas or q.json} - fields
    root = Path(__file__).resolve().parent.parent / "gmvcli"
    found: dict[str, set[str]] = {}
    for path in sorted(root.rglob("*.py")):
        name = path.relative_to(root).as_posix()
        if name == "rows.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        spelled = {
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and node.value in keys and id(node) not in docstrings
        }
        found[name] = spelled
    beyond = {n: s - ROW_KEY_LITERALS.get(n, (set(), ""))[0] for n, s in found.items()}
    assert not {n: s for n, s in beyond.items() if s}, "row keys spelled outside gmvcli/rows.py"
    stale = {n: a - found.get(n, set()) for n, (a, _) in ROW_KEY_LITERALS.items()}
    assert not {n: s for n, s in stale.items() if s}, "allowed but no longer spelled: drop them"
