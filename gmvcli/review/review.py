"""SPEC §10 `review`: the sessions of each period set against the §5 forecast of the same merchant.

Actual per period and model: uv = Σuv; watch_minutes = Σ(uv·watch_minutes) ÷ Σuv; repurchase_frequency
= Σorders ÷ Σbuyers (the plan's without buyers); orders_per_minute = Σorders ÷ (uv · watch_minutes ·
repurchase_frequency); shelf conversion_rate = Σorders ÷ (uv · repurchase_frequency); aov = Σgmv ÷
Σorders; refund rate, cost per paid visitor likewise from their sums or the plan's. These inputs go
through the §4 engine, so every actual row is computed by the same formulas as the plan; a ratio
with nothing to measure (0 ÷ 0: a period without sessions or orders) takes the plan's value, so the
factor that really is 0 carries the change.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence
from typing import NamedTuple

from gmvcli import engine
from gmvcli.engine import ModelResult
from gmvcli.forecast import Period, Settings, cannot_forecast, forecast_merchant, settings
from gmvcli.model import Merchant, Scenario
from gmvcli.policies import Policy, Terms, bet_bonus, merchant_policies, policy_table, terms
from gmvcli.review import lmdi
from gmvcli.review.actuals import Actuals
from gmvcli.review.headers import ALIASES
from gmvcli.review.issues import Issue, ReadError
from gmvcli.review.periods import Calendar, calendar

FACTORS: dict[str, tuple[str, ...]] = {
    "content": ("uv", "watch_minutes", "orders_per_minute", "aov", "repurchase_frequency"),
    "shelf": ("uv", "conversion_rate", "aov", "repurchase_frequency"),
}
CONTRIBUTION_LINES = ("net_gmv", "traffic", "commission", "promotion", "content", "goods", "rebate")
#: the sums kept per period and model, in this order
SUMS = (
    "uv",
    "uv_minutes",
    "orders",
    "buyers",
    "gmv",
    "refunds",
    "traffic_cost",
    "private_uv",
    "public_uv",
    "new_fans",
)


class Side(NamedTuple):
    """Plan or actual of one model in one period: the §4 rows and the factors of GMV."""

    result: ModelResult
    factors: dict[str, float]
    inputs: dict[str, float]


class ModelReview(NamedTuple):
    plan: Side
    actual: Side
    gmv_effects: dict[str, float]
    contribution_effects: dict[str, float]

    @property
    def gmv_delta(self) -> float:
        return self.actual.result.gmv - self.plan.result.gmv

    @property
    def contribution_delta(self) -> float:
        return self.actual.result.contribution - self.plan.result.contribution


class PeriodReview(NamedTuple):
    period: int
    start: dt.date
    end: dt.date
    rows: int
    content: ModelReview | None
    shelf: ModelReview | None


class TotalReview(NamedTuple):
    plan_gmv: float
    actual_gmv: float
    gmv_effects: dict[str, float]
    plan_contribution: float
    actual_contribution: float
    contribution_effects: dict[str, float]

    @property
    def gmv_delta(self) -> float:
        return self.actual_gmv - self.plan_gmv

    @property
    def contribution_delta(self) -> float:
        return self.actual_contribution - self.plan_contribution


class MerchantReview(NamedTuple):
    id: str
    name: str
    periods: tuple[PeriodReview, ...]
    content: TotalReview | None
    shelf: TotalReview | None
    warnings: tuple[Issue, ...]
    notes: tuple[tuple[str, tuple[tuple[str, object], ...]], ...]
    first: dt.date | None  # first and last session reviewed
    last: dt.date | None


class Review(NamedTuple):
    file: str
    actuals: str
    name: str
    currency: str
    period: str
    merchants: tuple[MerchantReview, ...]


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
            ids = ", ".join(m.id for m in merchants)
            raise ReadError(
                [
                    Issue(
                        "review.missing_column",
                        actuals.file,
                        params=(
                            ("column", "merchant"),
                            ("aliases", ", ".join(("merchant", *ALIASES["merchant"]))),
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
                        (("ids", ", ".join(m.id for m in merchants)),),
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


def review(
    scenario: Scenario,
    file: str,
    actuals: Actuals,
    *,
    merchants: Sequence[str] = (),
    start: dt.date | None = None,
) -> Review:
    """SPEC §10 for every merchant with rows (or the ones asked for). Raises ReadError."""
    selections, cal, warnings = select(
        scenario, actuals, path=file, merchants=merchants, start=start
    )
    reviewed = tuple(
        _merchant_review(scenario, actuals, s, cal, warnings.get(s.position, []))
        for s in selections
    )
    return Review(file, actuals.file, scenario.name, scenario.currency, scenario.period, reviewed)


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
        plan = forecast_merchant(merchant, policies, cfg._replace(periods=count))
        selections.append(Selection(merchant, i, kept, periods, count, plan, policies, cfg))
        warnings[i] = merchant_warnings
    if errors:
        raise ReadError(errors)
    return selections, cal, warnings


def period_sums(actuals: Actuals, sel: Selection, channel: str) -> list[dict[str, float]]:
    """The sums of SUMS for each period 1..span of one model (index 0 is period 1)."""
    from operator import mul

    v = actuals.values
    channels = actuals.channels
    by_period: list[list[int]] = [[] for _ in range(sel.span)]
    for r, t in zip(sel.rows, sel.periods, strict=True):
        if channels[r] == channel:
            by_period[t - 1].append(r)
    uv = v["uv"]
    minutes = v.get("watch_minutes")
    sums = []
    for rows in by_period:
        s = dict.fromkeys(SUMS, 0.0)
        for name in SUMS:
            column = v.get(name)
            if column is not None:
                s[name] = sum(map(column.__getitem__, rows))
        if minutes is not None:
            s["uv_minutes"] = sum(
                map(mul, map(uv.__getitem__, rows), map(minutes.__getitem__, rows))
            )
        sums.append(s)
    return sums


def _ratio(num: float, den: float, planned: float) -> float:
    """num ÷ den, or the plan's value when there is nothing to measure (den is 0)."""
    return num / den if den > 0 else planned


def period_terms(sel: Selection, t: int) -> Terms:
    """The policy terms the plan used in period t (bets paid out by the plan's GMV)."""
    content = sel.merchant.content
    assert content is not None
    bonus = 0.0
    if t > 1:
        previous = sel.plan[t - 2].content
        assert previous is not None
        bonus = bet_bonus(sel.policies, t - 1, previous.gmv)
    return terms(sel.policies, content.commission_rate, t, bonus)


def plan_factors(model: str, merchant: Merchant, result: ModelResult) -> dict[str, float]:
    if model == "content":
        c = merchant.content
        assert c is not None
        return {
            "uv": result.uv,
            "watch_minutes": c.watch_minutes,
            "orders_per_minute": c.orders_per_minute,
            "aov": c.aov,
            "repurchase_frequency": c.repurchase_frequency,
        }
    s = merchant.shelf
    assert s is not None
    return {
        "uv": result.uv,
        "conversion_rate": s.conversion_rate,
        "aov": s.aov,
        "repurchase_frequency": s.repurchase_frequency,
    }


class Problemed(Exception):
    """A period whose sums cannot be put through the §4 formulas."""

    def __init__(self, issue: Issue) -> None:
        super().__init__(issue)
        self.issue = issue


def actual_side(
    model: str,
    sel: Selection,
    t: int,
    s: dict[str, float],
    have: frozenset[str],
    file: str,
) -> Side:
    """The actual of period t of one model, computed by the §4 engine from the period's sums."""
    merchant = sel.merchant
    plan = getattr(sel.plan[t - 1], model)
    assert plan is not None
    pf = plan_factors(model, merchant, plan)
    uv = s["uv"]
    wm = _ratio(s["uv_minutes"], uv, pf.get("watch_minutes", 0.0))
    rf = pf["repurchase_frequency"]
    if "buyers" in have:
        rf = _ratio(s["orders"], s["buyers"], rf)
    aov = _ratio(s["gmv"], s["orders"], pf["aov"])
    gmv = s["gmv"]
    spec = merchant.content if model == "content" else merchant.shelf
    assert spec is not None
    refund_rate = spec.refund_rate
    if "refunds" in have:
        if gmv == 0 and s["refunds"] > 0:
            raise Problemed(
                Issue(
                    "review.refunds_without_gmv",
                    file,
                    params=(("refunds", s["refunds"]), ("period", t)),
                )
            )
        refund_rate = _ratio(s["refunds"], gmv, refund_rate)
    cfg = sel.cfg
    if model == "content":
        c = merchant.content
        assert c is not None
        opm = _ratio(s["orders"], uv * wm * rf, pf["orders_per_minute"])
        private, public, bonus = _split(s, have, plan, uv)
        cost = c.public_cost_per_uv * (1 + cfg.public_cost_growth) ** (t - 1)
        if "traffic_cost" in have:
            if public == 0 and s["traffic_cost"] > 0:
                raise Problemed(
                    Issue(
                        "review.cost_without_paid",
                        file,
                        params=(("cost", round(s["traffic_cost"], 2)), ("period", t)),
                        hint="review.cost_without_paid_hint",
                    )
                )
            cost = _ratio(s["traffic_cost"], public, cost)
        period_terms_ = period_terms(sel, t)
        inputs = engine.content_inputs(
            c._replace(
                watch_minutes=wm,
                orders_per_minute=opm,
                aov=aov,
                repurchase_frequency=rf,
                public_uv=public,
                refund_rate=refund_rate,
                public_cost_per_uv=cost,
            ),
            merchant.cogs_rate,
            period_terms_._replace(bonus_uv=bonus),
            private,
        )
        factors = {
            "uv": uv,
            "watch_minutes": wm,
            "orders_per_minute": opm,
            "aov": aov,
            "repurchase_frequency": rf,
        }
    else:
        sh = merchant.shelf
        assert sh is not None
        conversion = _ratio(s["orders"], uv * rf, pf["conversion_rate"])
        cost = sh.traffic_cost_per_uv * (1 + cfg.shelf_traffic_cost_growth) ** (t - 1)
        if "traffic_cost" in have:
            if uv == 0 and s["traffic_cost"] > 0:
                raise Problemed(
                    Issue(
                        "review.cost_without_paid",
                        file,
                        params=(("cost", round(s["traffic_cost"], 2)), ("period", t)),
                    )
                )
            cost = _ratio(s["traffic_cost"], uv, cost)
        inputs = engine.shelf_inputs(
            sh._replace(
                uv=uv,
                conversion_rate=conversion,
                aov=aov,
                repurchase_frequency=rf,
                refund_rate=refund_rate,
                traffic_cost_per_uv=cost,
            ),
            merchant.cogs_rate,
        )
        factors = {"uv": uv, "conversion_rate": conversion, "aov": aov, "repurchase_frequency": rf}
    return Side(engine.result(model, inputs), factors, inputs)


def _split(
    s: dict[str, float], have: frozenset[str], plan: ModelResult, uv: float
) -> tuple[float, float, float]:
    """(private, public, bonus) visitors: measured, the rest of uv, or split as planned."""
    if "private_uv" in have and "public_uv" in have:
        private, public = s["private_uv"], s["public_uv"]
        return private, public, max(uv - private - public, 0.0)
    if "public_uv" in have:
        return max(uv - s["public_uv"], 0.0), s["public_uv"], 0.0
    if "private_uv" in have:
        return s["private_uv"], max(uv - s["private_uv"], 0.0), 0.0
    if plan.uv > 0:
        public = uv * plan.public_uv / plan.uv
        bonus = uv * plan.bonus_uv / plan.uv
        return uv - public - bonus, public, bonus
    return uv, 0.0, 0.0


def contribution_effects(plan: ModelResult, actual: ModelResult) -> dict[str, float]:
    """How each additive line moved contribution: net GMV and rebate up, each cost down."""
    p, a = plan.costs, actual.costs
    return {
        "net_gmv": actual.net_gmv - plan.net_gmv,
        "traffic": -(a.traffic - p.traffic),
        "commission": -(a.commission - p.commission),
        "promotion": -(a.promotion - p.promotion),
        "content": -(a.content - p.content),
        "goods": -(a.goods - p.goods),
        "rebate": actual.rebate - plan.rebate,
    }


def _merchant_review(
    scenario: Scenario,
    actuals: Actuals,
    sel: Selection,
    cal: Calendar,
    warnings: list[Issue],
) -> MerchantReview:
    merchant = sel.merchant
    have = frozenset(actuals.values)
    channels = {actuals.channels[r] for r in sel.rows}
    models = [m for m in ("content", "shelf") if m in channels]
    sums = {m: period_sums(actuals, sel, m) for m in models}
    counts = [0] * sel.span
    for t in sel.periods:
        counts[t - 1] += 1
    notes: list[tuple[str, tuple[tuple[str, object], ...]]] = []
    if "refunds" not in have:
        notes.append(("review.note_refunds", ()))
    if "buyers" not in have:
        notes.append(("review.note_buyers", ()))
    if "traffic_cost" not in have:
        notes.append(("review.note_traffic", ()))
    if "content" in models and not ({"private_uv", "public_uv"} & have):
        notes.append(("review.note_split", ()))
    periods: list[PeriodReview] = []
    errors: list[Issue] = []
    for t in range(1, sel.span + 1):
        start, end = cal.bounds(t)
        by_model: dict[str, ModelReview | None] = {"content": None, "shelf": None}
        if counts[t - 1] == 0:
            notes.append(("review.note_empty_period", (("period", t),)))
        for model in models:
            plan_result = getattr(sel.plan[t - 1], model)
            plan = Side(plan_result, plan_factors(model, merchant, plan_result), {})
            try:
                actual = actual_side(model, sel, t, sums[model][t - 1], have, actuals.file)
            except Problemed as exc:
                errors.append(exc.issue)
                continue
            by_model[model] = ModelReview(
                plan,
                actual,
                lmdi.effects(FACTORS[model], plan.factors, actual.factors),
                contribution_effects(plan.result, actual.result),
            )
        periods.append(
            PeriodReview(t, start, end, counts[t - 1], by_model["content"], by_model["shelf"])
        )
    if errors:
        raise ReadError(errors)
    totals = {m: _total([getattr(p, m) for p in periods], m) for m in models}
    days = [actuals.dates[r] for r in sel.rows]
    return MerchantReview(
        merchant.id,
        merchant.name,
        tuple(periods),
        totals.get("content"),
        totals.get("shelf"),
        tuple(warnings),
        tuple(notes),
        min(days) if days else None,
        max(days) if days else None,
    )


def _total(reviews: list[ModelReview | None], model: str) -> TotalReview:
    done = [r for r in reviews if r is not None]
    gmv_effects = dict.fromkeys(FACTORS[model], 0.0)
    contribution = dict.fromkeys(CONTRIBUTION_LINES, 0.0)
    for r in done:
        for k, v in r.gmv_effects.items():
            gmv_effects[k] += v
        for k, v in r.contribution_effects.items():
            contribution[k] += v
    return TotalReview(
        sum(r.plan.result.gmv for r in done),
        sum(r.actual.result.gmv for r in done),
        gmv_effects,
        sum(r.plan.result.contribution for r in done),
        sum(r.actual.result.contribution for r in done),
        contribution,
    )
