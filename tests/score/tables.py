"""Shipped scenarios written as score tables: each merchant one row with every field explicit."""

from __future__ import annotations

import glob
from pathlib import Path
from typing import Any

import yaml

from gmvcli.forecast import settings
from gmvcli.loader import load_bytes
from gmvcli.model import CONTENT_FIELDS, SHELF_FIELDS, Merchant, Scenario, parse_scenario

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = sorted(glob.glob(str(ROOT / "scenarios" / "*.yaml")))


def load(path: str) -> tuple[Scenario, Any]:
    doc = load_bytes(Path(path).read_bytes(), path)
    return parse_scenario(doc), doc.data


def signature(m: Merchant) -> tuple[Any, ...]:
    """What a template's first merchant must share with a row so that nothing leaks from it."""
    content = m.content
    return (
        m.shelf is None,
        content is None,
        content and content.private_uv is None,
        content and content.fans is None,
        content and content.reach_rate is None,
    )


def merchant_row(scenario: Scenario, m: Merchant, first: bool) -> dict[str, Any]:
    row: dict[str, Any] = {"id": m.id, "name": m.name, "role": m.role, "cogs_rate": m.cogs_rate}
    for section, fields in (("shelf", SHELF_FIELDS), ("content", CONTENT_FIELDS)):
        record = getattr(m, section)
        for f in fields:
            row[f"{section}.{f.name}"] = getattr(record, f.name) if record is not None else None
    plain = all(u.effects == type(u.effects)() for u in m.policies)
    # policies with overrides cannot be written as ids: such a row takes the template's list
    row["policies"] = ",".join(u.use for u in m.policies) or "none" if plain or not first else None
    cfg = settings(scenario, m)
    for key in ("follow_rate", "fan_churn_rate", "shelf_traffic_cost_growth", "public_cost_growth"):
        row[f"forecast.{key}"] = getattr(cfg, key)
    return row


def tables(tmp: Path) -> list[tuple[str, Path, list[dict[str, Any]]]]:
    """(scenario path, template path, rows): one table per scenario and kind of merchant; the
    template is the scenario with that kind's first merchant moved first."""
    out = []
    for path in SCENARIOS:
        scenario, data = load(path)
        groups: dict[tuple[Any, ...], list[int]] = {}
        for i, m in enumerate(scenario.merchants):
            groups.setdefault(signature(m), []).append(i)
        for k, members in enumerate(groups.values()):
            order = members[:1] + [i for i in range(len(scenario.merchants)) if i != members[0]]
            reordered = dict(data, merchants=[data["merchants"][i] for i in order])
            template = tmp / f"{Path(path).stem}-{k}.yaml"
            template.write_text(yaml.safe_dump(reordered, allow_unicode=True), encoding="utf-8")
            rows = [merchant_row(scenario, scenario.merchants[i], i == members[0]) for i in members]
            out.append((path, template, rows))
    return out


def flatten(obj: Any, prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in obj.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten(value, name + "."))
        else:
            out[name] = value
    return out
