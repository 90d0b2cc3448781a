"""`sensitivity` (SPEC §8): the tornado — each uncertain input at its 10th and 90th percentile."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from gmvcli.loader import PathPart
from gmvcli.model import Scenario
from gmvcli.uncertainty.draws import quantile
from gmvcli.uncertainty.evaluate import evaluate, metric
from gmvcli.uncertainty.values import shown_path, uncertain_of, with_value

if TYPE_CHECKING:
    pass


class Swing(NamedTuple):
    path: str
    low: float
    high: float
    metric_low: float
    metric_high: float

    @property
    def swing(self) -> float:
        return abs(self.metric_high - self.metric_low)


def inputs_of(
    scenario: Scenario, index: int, everything: bool
) -> list[tuple[tuple[PathPart, ...], float, float]]:
    """(path, low, high) of the inputs to move for one merchant: distributions at their 10th and
    90th percentile, and with `everything` the other numeric inputs ±10%."""
    from gmvcli.model import SECTIONS

    found: list[tuple[tuple[PathPart, ...], float, float]] = []
    seen = set()
    for path, d in uncertain_of(scenario, index):
        found.append((path, quantile(d, 0.1), quantile(d, 0.9)))
        seen.add(path)
    if everything:
        merchant = scenario.merchants[index]
        numeric = {"rate", "count", "money", "positive"}
        candidates: list[tuple[tuple[PathPart, ...], Any]] = [
            (("merchants", index, "cogs_rate"), merchant.cogs_rate)
        ]
        for section in ("shelf", "content"):
            record = getattr(merchant, section)
            if record is None:
                continue
            for field in SECTIONS[section]:
                if field.kind in numeric:
                    candidates.append(
                        (("merchants", index, section, field.name), getattr(record, field.name))
                    )
        for path, value in candidates:
            if path in seen or value is None or value == 0:
                continue
            high = value * 1.1
            if str(path[-1]).endswith("_rate") or path[-1] == "orders_per_minute":
                high = min(high, 1.0)
            found.append((path, value * 0.9, high))
    return found


def sensitivity(
    scenario: Scenario, index: int, name: str, everything: bool = False, periods: int | None = None
) -> list[Swing]:
    """Move each input to its low and high value (others central); rows ranked by swing."""
    rows = []
    for path, low, high in inputs_of(scenario, index, everything):
        values = []
        for value in (low, high):
            trial = with_value(scenario, path, value)
            values.append(metric(evaluate(trial, trial.merchants[index], periods), name))
        if values[0] is None or values[1] is None:
            continue
        rows.append(Swing(shown_path(path), low, high, float(values[0]), float(values[1])))
    rows.sort(key=lambda r: -r.swing)
    return rows
