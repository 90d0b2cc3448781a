"""SPEC §9 `gmvcli diff`: two versions of a scenario, merchant by merchant, every §4 row.

Works on the JSON data of `compare` (rounded as printed), so a difference shown is a difference
a user would see in the two outputs, never float noise.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from gmvcli.compare import ScenarioResult
from gmvcli.data import merchant_data, r6, rounded
from gmvcli.rows import JSON_ROWS, MODELS, TABLE_ROWS, Quantity

#: the decimals JSON gives each row, by its path (the row registry)
_DECIMALS = {q.json: q.decimals for q in JSON_ROWS}


class ModelDiff(NamedTuple):
    base: dict[str, Any] | None
    variant: dict[str, Any] | None
    delta: dict[str, Any] | None
    delta_pct: dict[str, Any] | None


class MerchantDiff(NamedTuple):
    id: str
    name: str
    status: str  # same | changed | added | removed
    models: dict[str, ModelDiff | None]


class RowDiff(NamedTuple):
    """One row of one model in both versions, as every output of `diff` lists it."""

    model: str
    row: Quantity
    path: str  # the row's place in the JSON data (`costs.commission`)
    base: Any
    variant: Any
    delta: Any
    delta_pct: Any
    changed: bool  # moved, or its model is only on one side


def row_diffs(m: MerchantDiff) -> Iterator[RowDiff]:
    """Every row, in table order, of each model that either version has a value for."""
    for model, d in m.models.items():
        if d is None:
            continue
        for q in TABLE_ROWS:
            b, v = q.read(d.base), q.read(d.variant)
            if b is None and v is None:
                continue
            delta = q.read(d.delta)
            changed = d.delta is None or (delta is not None and delta != 0)
            yield RowDiff(model, q, q.json or "", b, v, delta, q.read(d.delta_pct), changed)


def _delta(base: Any, variant: Any, path: str = "") -> tuple[Any, Any]:
    """(variant − base, the same as a % of base) for every number, nested like the rows."""
    if isinstance(base, dict):
        pairs = {k: _delta(base[k], variant.get(k), f"{path}.{k}" if path else k) for k in base}
        return {k: d for k, (d, _) in pairs.items()}, {k: p for k, (_, p) in pairs.items()}
    if base is None or variant is None:
        return None, None
    delta = rounded(variant - base, _DECIMALS.get(path, 2))
    pct = None if base == 0 else r6((variant - base) / abs(base) * 100)
    return delta, pct


def _changed(delta: Any) -> bool:
    if isinstance(delta, dict):
        return any(_changed(v) for v in delta.values())
    return delta is not None and delta != 0


def model_diff(base: dict[str, Any] | None, variant: dict[str, Any] | None) -> ModelDiff | None:
    if base is None and variant is None:
        return None
    if base is None or variant is None:
        return ModelDiff(base, variant, None, None)
    delta, pct = _delta(base, variant)
    return ModelDiff(base, variant, delta, pct)


def diff(base: ScenarioResult, variant: ScenarioResult) -> list[MerchantDiff]:
    """Merchants matched by id: base order first, then those only in the variant."""
    left = {m.id: merchant_data(m) for m in base.merchants}
    right = {m.id: merchant_data(m) for m in variant.merchants}
    out = []
    for merchant_id in [*left, *(i for i in right if i not in left)]:
        b, v = left.get(merchant_id), right.get(merchant_id)
        models = {
            name: model_diff(b[name] if b else None, v[name] if v else None) for name in MODELS
        }
        if b is None:
            status = "added"
        elif v is None:
            status = "removed"
        else:
            moved = any(
                d is not None and (d.delta is None or _changed(d.delta)) for d in models.values()
            )
            status = "changed" if moved else "same"
        name = (b or v or {}).get("name", merchant_id)
        out.append(MerchantDiff(merchant_id, name, status, models))
    return out


def diff_data(
    base_file: str, variant_file: str | None, overrides: list[str], merchants: list[MerchantDiff]
) -> dict[str, Any]:
    return {
        "base": base_file,
        "variant": variant_file,
        "overrides": overrides,
        "merchants": [
            {
                "id": m.id,
                "status": m.status,
                **{name: None if d is None else d._asdict() for name, d in m.models.items()},
            }
            for m in merchants
        ],
    }


def any_difference(merchants: list[MerchantDiff]) -> bool:
    return any(m.status != "same" for m in merchants)
