"""What-if (SPEC §8): the fields a sweep or a solve may change, and evaluating points of them.

Both put numbers or numpy arrays into a scenario with `uncertainty.with_value` and run the same
engine as `compare` (`uncertainty.evaluate`), so a sweep point is exactly `compare` with that
value `--set`. numpy is imported inside the functions, as in `uncertainty`.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from gmvcli.errors import Problem, UsageError, shown
from gmvcli.messages import Msg, listing, msg
from gmvcli.model import BOUNDS, SECTIONS, Forecast, Merchant, Scenario
from gmvcli.rows import METRIC_ROWS, MODELS

if TYPE_CHECKING:
    from gmvcli.uncertainty import Outcome

#: the largest grid `sweep` evaluates (SPEC §8); merchants multiply the rows, not the grid
MAX_GRID = 1_000_000
#: STOP belongs to the grid when it is this close (relative, in steps) to a grid point
ON_GRID = 1e-9
#: the columns of a sweep row after the varied paths
#: sweep's columns: each model's METRIC_ROWS (`shelf_gmv`, `content_gmv`, …), then the advantage
SWEEP_METRICS = (*(f"{m}_{k}" for k in METRIC_ROWS for m in MODELS), "advantage")
_FORMAT = "[MERCHANT_ID:]PATH=START:STOP:STEP or [MERCHANT_ID:]PATH=v1,v2,..."


class WhatIfError(Exception):
    """A sweep or solve that cannot be done for this file (exit 1, like an invalid input)."""

    def __init__(self, message: Msg, path: str = "") -> None:
        super().__init__(str(message))
        self.message = message
        self.path = path

    def problem(self, file: str) -> Problem:
        """The error as a located problem: `FILE: path: message`."""
        return Problem(file, self.message, path=self.path)


class NoSolution(WhatIfError):
    """No value in the field's valid range [lo, hi] meets the target."""

    def __init__(self, message: Msg, path: str, lo: float, hi: float) -> None:
        super().__init__(message, path)
        self.lo = lo
        self.hi = hi


# --- fields --------------------------------------------------------------------------------------


class FieldRef(NamedTuple):
    """A merchant-relative numeric field, as in `--set`: `content.aov`, `weiwei:shelf.uv`."""

    merchant: str | None  # the ID: prefix, if any
    path: tuple[str, ...]  # ("content", "aov"), ("cogs_rate",)
    kind: str  # a key of model.BOUNDS

    @property
    def name(self) -> str:
        return ".".join(self.path)

    @property
    def section(self) -> str | None:
        """shelf, content or forecast; None for a merchant-level field such as cogs_rate."""
        return self.path[0] if len(self.path) > 1 else None

    @property
    def model(self) -> str:
        """The model the field belongs to: merchant-level and forecast fields count as content."""
        return "shelf" if self.section == "shelf" else "content"


def numeric_paths() -> list[str]:
    """Every merchant-relative path that can be varied or solved for."""
    paths = [f.name for f in SECTIONS["merchant"] if f.kind in BOUNDS]
    for section in ("shelf", "content", "forecast"):
        paths += [f"{section}.{f.name}" for f in SECTIONS[section] if f.kind in BOUNDS]
    return paths


def _kinds() -> dict[str, str]:
    kinds = {f.name: f.kind for f in SECTIONS["merchant"]}
    for section in ("shelf", "content", "forecast"):
        kinds.update({f"{section}.{f.name}": f.kind for f in SECTIONS[section]})
    return kinds


def parse_field(text: str, option: str, arg: str | None = None) -> FieldRef:
    """`[MERCHANT_ID:]PATH` → FieldRef; UsageError naming the valid fields when PATH is not one."""
    arg = text if arg is None else arg
    merchant, colon, path = text.strip().rpartition(":")
    path = path.strip()
    valid = numeric_paths()
    kind = _kinds().get(path)
    if kind not in BOUNDS:
        if kind is None:
            match = difflib.get_close_matches(path, valid, n=1, cutoff=0.6)
            hint: Msg | str = msg("hint.did_you_mean_short", word=match[0]) if match else ""
            raise UsageError(
                msg(
                    "field.unknown",
                    option=option,
                    arg=shown(arg),
                    path=shown(path),
                    hint=hint,
                    valid=listing(valid),
                )
            )
        raise UsageError(
            msg(
                "field.not_numeric",
                option=option,
                arg=shown(arg),
                path=path,
                valid=listing(valid),
            )
        )
    if colon and not merchant.strip():
        raise UsageError(msg("set.empty_id", option=option, arg=shown(arg)))
    return FieldRef(merchant.strip() if colon else None, tuple(path.split(".")), kind)


def _file_path(index: int, field: FieldRef) -> tuple[str | int, ...]:
    return ("merchants", index, *field.path)


def _current(merchant: Merchant, field: FieldRef) -> Any:
    record: Any = merchant
    for part in field.path:
        if record is None:
            return None
        record = getattr(record, part)
    return record


def _applies(merchant: Merchant, field: FieldRef, periods: int | None = None) -> Msg | None:
    """Why `field` cannot be changed on this merchant (None when it can)."""
    if (
        periods is not None
        and _unforecastable(merchant)
        and field.path != ("content", "reach_rate")
    ):
        return msg("whatif.unforecastable", id=merchant.id)
    section = field.section
    if section in ("shelf", "content") and getattr(merchant, section) is None:
        return msg("whatif.no_model", id=merchant.id, section=msg("word." + section))
    content = merchant.content
    if field.path == ("content", "fans") and content is not None:
        if content.private_uv is not None:
            return msg("whatif.fans_unused_private", id=merchant.id)
        if content.reach_rate is None:
            return msg("whatif.fans_unused_reach", id=merchant.id)
    if field.path == ("content", "private_uv") and content is not None and content.fans is not None:
        return msg("whatif.private_unused", id=merchant.id)
    # a budget and the visitor count it replaces (SPEC §3): only the one the file gives is used
    for visitors, budget in (("uv", "traffic_budget"), ("public_uv", "public_budget")):
        model = "shelf" if visitors == "uv" else "content"
        record = getattr(merchant, model)
        if record is None or section != model:
            continue
        if field.path == (model, visitors) and getattr(record, budget) is not None:
            return msg(
                "whatif.budget_given", id=merchant.id, model=model, budget=budget, field=visitors
            )
        if field.path == (model, budget) and getattr(record, budget) is None:
            return msg(
                "whatif.count_given", id=merchant.id, model=model, budget=budget, field=visitors
            )
    return None


def _unforecastable(merchant: Merchant) -> bool:
    """SPEC §5: private visitors without a reach_rate cannot be forecast."""
    from gmvcli.engine import private_uv

    content = merchant.content
    return content is not None and not content.reach_rate and private_uv(content) > 0


def _put(
    scenario: Scenario, index: int, fields: Sequence[FieldRef], values: Sequence[Any]
) -> Scenario:
    """The scenario with each field of merchant `index` set to its value (numbers or arrays)."""
    from gmvcli.uncertainty import with_value

    merchant = scenario.merchants[index]
    if any(f.section == "forecast" for f in fields) and merchant.forecast is None:
        # with_value leaves a missing section alone: give the merchant an empty forecast section
        merchants = list(scenario.merchants)
        merchants[index] = merchant._replace(forecast=Forecast())
        scenario = scenario._replace(merchants=tuple(merchants))
    for field, value in zip(fields, values, strict=True):
        scenario = with_value(scenario, _file_path(index, field), value)
    content = scenario.merchants[index].content
    if (
        content is not None
        and content.private_uv is None
        and content.fans is not None
        and content.reach_rate is not None
        and not (_scalar(content.fans) and _scalar(content.reach_rate))
    ):
        # engine.private_uv turns fans × reach_rate into one float, which an array is not: give
        # the engine the same product, computed the same way (`fans * reach_rate`). Forecasts
        # still start from `fans`, as they do when the file gives fans.
        merchants = list(scenario.merchants)
        content = content._replace(private_uv=content.fans * content.reach_rate)
        merchants[index] = merchants[index]._replace(content=content)
        scenario = scenario._replace(merchants=tuple(merchants))
    return scenario


def evaluate_points(
    scenario: Scenario,
    index: int,
    fields: Sequence[FieldRef],
    values: Sequence[Any],
    periods: int | None = None,
) -> Outcome:
    """uncertainty.evaluate of merchant `index` with each field set to its value: numbers, or
    arrays of the same length (evaluated as arrays; point by point where the engine cannot)."""
    from gmvcli.uncertainty import Outcome, evaluate

    trial = _put(scenario, index, fields, values)
    if all(_scalar(v) for v in values):
        return evaluate(trial, trial.merchants[index], periods)
    try:
        return evaluate(trial, trial.merchants[index], periods)
    except (TypeError, ValueError):
        # a piece of the engine that tests a number with `if`/`or` (forecast.py reads
        # `content.reach_rate or 0.0`) cannot take an array: the slow way, one point at a time
        import numpy as np

        n = len(values[0])
        points = [
            evaluate_points(scenario, index, fields, [float(v[j]) for v in values], periods)
            for j in range(n)
        ]

        def stack(model: str) -> dict[str, Any] | None:
            first = getattr(points[0], model)
            if first is None:
                return None
            return {k: np.array([getattr(p, model)[k] for p in points]) for k in first}

        return Outcome(stack("shelf"), stack("content"))


def _scalar(value: Any) -> bool:
    return isinstance(value, int | float)


def _check_periods(field: FieldRef, option: str, periods: int | None) -> None:
    if field.section == "forecast" and periods is None:
        raise UsageError(msg("field.forecast_only", option=option, name=field.name))
