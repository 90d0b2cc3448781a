"""Which rows `review` and `fit` read: the rows of each merchant (by its id or name) that fall in
the periods of its plan, with the plan (the §5 forecast) they are set against."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence
from typing import NamedTuple

from gmvcli.forecast import Period, Settings, cannot_forecast, forecast_merchant, settings
from gmvcli.messages import listing
from gmvcli.model import Merchant, Scenario
from gmvcli.policies import Policy, merchant_policies, policy_table
from gmvcli.review.actuals import Actuals
from gmvcli.review.headers import ALIASES
from gmvcli.review.issues import Issue, ReadError
from gmvcli.review.periods import Calendar, calendar


class Selection(NamedTuple):
    """The rows of one merchant that fall in its plan, with their period (1-based)."""

    merchant: Merchant
    position: int  # of the merchant in the scenario
    rows: list[int]  # indices into the Actuals columns
    periods: list[int]
    span: int  # how many periods are reviewed: 1..span
    plan: list[Period]
    policies: tuple[Policy, ...]
    cfg: Settings


def _key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold()


def assign_merchants(
    scenario: Scenario, actuals: Actuals, only: Sequence[str]
) -> dict[int, list[int]]:
    """Row indices per merchant (by position in the scenario); ReadError for rows naming none."""
    merchants = scenario.merchants
    wanted = [i for i, m in enumerate(merchants) if not only or m.id in only]
    if actuals.merchants is None:
        if len(wanted) != 1:
            ids = listing(m.id for m in merchants)
            raise ReadError(
                [
                    Issue(
                        "review.missing_column",
                        actuals.file,
                        params=(
                            ("column", "merchant"),
                            ("aliases", listing(("merchant", *ALIASES["merchant"]))),
                        ),
                        hint="review.merchant_column_hint",
                        hint_params=(("ids", ids),),
                    )
                ]
            )
        return {wanted[0]: list(range(len(actuals)))}
    lookup: dict[str, int] = {}
    for i, m in enumerate(merchants):
        lookup.setdefault(_key(m.name), i)
    for i, m in enumerate(merchants):
        lookup[_key(m.id)] = i
    out: dict[int, list[int]] = {i: [] for i in wanted}
    errors: list[Issue] = []
    cache: dict[str, int | None] = {}
    header = actuals.headers["merchant"]
    for r, cell in enumerate(actuals.merchants):
        if cell not in cache:
            cache[cell] = lookup.get(_key(cell))
        found = cache[cell]
        if found is None:
            if not only:
                errors.append(
                    Issue(
                        "review.unknown_merchant",
                        actuals.file,
                        actuals.rows[r],
                        header,
                        cell or "nothing",
                        (("ids", listing(m.id for m in merchants)),),
                    )
                )
            continue
        if found in out:
            out[found].append(r)
    if errors:
        raise ReadError(errors)
    return out


def _check_models(scenario: Scenario, actuals: Actuals, rows: dict[int, list[int]]) -> None:
    errors = []
    header = actuals.headers.get("channel") or actuals.headers["uv"]
    for i, indices in rows.items():
        m = scenario.merchants[i]
        for r in indices:
            channel = actuals.channels[r]
            if getattr(m, channel) is None:
                errors.append(
                    Issue(
                        "review.no_model",
                        actuals.file,
                        actuals.rows[r],
                        header,
                        None,
                        (("merchant", m.id), ("model", channel)),
                    )
                )
    if errors:
        raise ReadError(errors)


def _outside_warning(file: str, lines: list[int], cal: Calendar, count: int) -> Issue:
    first, last = cal.bounds(1)[0], cal.bounds(count)[1]
    shown = ", ".join(str(n) for n in lines[:10]) + (", …" if len(lines) > 10 else "")
    return Issue(
        "review.warn_outside",
        file,
        lines[0],
        params=(
            ("count", len(lines)),
            ("first", first.isoformat()),
            ("last", last.isoformat()),
            ("rows", shown),
        ),
        warning=True,
    )


def _partial_warnings(
    actuals: Actuals, kept: list[int], periods: list[int], cal: Calendar, count: int
) -> list[Issue]:
    """The first and last periods reviewed when the export covers only part of them (it starts
    after the period's first day, or ends before its last): set against a whole period's plan,
    their missing days would read as a shortfall."""
    out = []
    for t in sorted({1, count}):
        days = [actuals.dates[r] for r, p in zip(kept, periods, strict=True) if p == t]
        if not days:
            continue
        start, end = cal.bounds(t)
        first, last = min(days), max(days)
        if (t == 1 and first > start) or (t == count and last < end):
            params = (
                ("period", t),
                ("start", start.isoformat()),
                ("end", end.isoformat()),
                ("first", first.isoformat()),
                ("last", last.isoformat()),
            )
            out.append(Issue("review.warn_partial", actuals.file, params=params, warning=True))
    return out


def select(
    scenario: Scenario,
    actuals: Actuals,
    *,
    path: str = "",
    merchants: Sequence[str] = (),
    start: dt.date | None = None,
) -> tuple[list[Selection], Calendar, dict[int, list[Issue]]]:
    """Rows per merchant in its plan's periods; rows outside are warnings, merchants without a
    forecast errors."""
    rows = assign_merchants(scenario, actuals, merchants)
    _check_models(scenario, actuals, rows)
    chosen = [r for indices in rows.values() for r in indices]
    if not chosen:
        only = merchants[0] if merchants else scenario.merchants[0].id
        raise ReadError([Issue("review.no_rows_for", actuals.file, params=(("merchant", only),))])
    dates = actuals.dates
    first_day = start or min(dates[r] for r in chosen)
    cal = calendar(scenario.period, first_day)
    table = policy_table(scenario)
    selections: list[Selection] = []
    warnings: dict[int, list[Issue]] = {}
    errors: list[Issue] = []
    index_of: dict[dt.date, int] = {}
    for i, indices in rows.items():
        if not indices:
            continue
        merchant = scenario.merchants[i]
        if cannot_forecast(merchant):
            # the plan is the §5 forecast, which needs reach_rate to turn fans into visitors
            errors.append(Issue("forecast.no_reach", path, hint="hint.add_reach_content"))
            continue
        cfg = settings(scenario, merchant)
        policies, _ = merchant_policies(merchant, table)
        # the period of each row, computed once per distinct day
        for day in {dates[r] for r in indices} - index_of.keys():
            index_of[day] = cal.period_of(day)
        all_periods = [index_of[dates[r]] for r in indices]
        inside = [1 <= t <= cfg.periods for t in all_periods]
        if all(inside):
            kept, periods, outside = list(indices), all_periods, []
        else:
            kept = [r for r, ok in zip(indices, inside, strict=True) if ok]
            periods = [t for t, ok in zip(all_periods, inside, strict=True) if ok]
            outside = [actuals.rows[r] for r, ok in zip(indices, inside, strict=True) if not ok]
        merchant_warnings = list(actuals.issues)
        if outside:
            merchant_warnings.append(_outside_warning(actuals.file, outside, cal, cfg.periods))
        if not kept:
            errors.append(
                Issue(
                    "review.nothing_in_plan",
                    actuals.file,
                    params=(("periods", cfg.periods), ("start", cal.bounds(1)[0].isoformat())),
                )
            )
            continue
        count = max(periods)
        merchant_warnings += _partial_warnings(actuals, kept, periods, cal, count)
        plan = forecast_merchant(merchant, policies, cfg._replace(periods=count))
        selections.append(Selection(merchant, i, kept, periods, count, plan, policies, cfg))
        warnings[i] = merchant_warnings
    if errors:
        raise ReadError(errors)
    return selections, cal, warnings
