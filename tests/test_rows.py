"""The row registry is the one declaration of each quantity: the engine computes its formulas,
JSON and CSV show its paths, and every label exists in both languages."""

from __future__ import annotations

from operator import attrgetter

from gmvcli import engine
from gmvcli.data import model_data
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
    for model, given in inputs.items():
        values = engine.evaluate(model, given)
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
