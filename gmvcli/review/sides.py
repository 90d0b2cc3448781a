"""Plan and actual of one model in one period, as `Side`s (SPEC §10).

Actual per period and model: uv = Σuv; watch_minutes = Σ(uv·watch_minutes) ÷ Σuv; repurchase_frequency
= Σorders ÷ Σbuyers (the plan's without buyers); orders_per_minute = Σorders ÷ (uv · watch_minutes ·
repurchase_frequency); shelf conversion_rate = Σorders ÷ (uv · repurchase_frequency); aov = Σgmv ÷
Σorders; refund rate, cost per paid visitor likewise from their sums or the plan's. These inputs go
through the §4 engine, so every actual row is computed by the same formulas as the plan; a ratio
with nothing to measure (0 ÷ 0: a period without sessions or orders) takes the plan's value, so the
factor that really is 0 carries the change.
"""

from __future__ import annotations

from gmvcli import engine
from gmvcli.engine import ModelResult
from gmvcli.model import Merchant
from gmvcli.policies import Terms, bet_bonus, terms
from gmvcli.review.actuals import Actuals
from gmvcli.review.issues import Issue
from gmvcli.review.results import FACTORS, Side
from gmvcli.review.selection import Selection

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
    """The plan's factors of GMV (FACTORS): its visitors as computed, the rest as the file says."""
    spec = merchant.content if model == "content" else merchant.shelf
    assert spec is not None
    return {k: result.uv if k == "uv" else getattr(spec, k) for k in FACTORS[model]}


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
    growth = cfg.public_cost_growth if model == "content" else cfg.shelf_traffic_cost_growth
    cost_growth = (1 + growth) ** (t - 1)
    factors: dict[str, float] = {"uv": uv}
    if model == "content":
        c = merchant.content
        assert c is not None
        factors["watch_minutes"] = wm
        factors["orders_per_minute"] = _ratio(s["orders"], uv * wm * rf, pf["orders_per_minute"])
        factors.update(aov=aov, repurchase_frequency=rf)
        private, public, bonus = _split(s, have, plan, uv)
        hint = "review.cost_without_paid_hint"
        cost = _cost_per_visitor(s, have, public, c.public_cost_per_uv * cost_growth, t, file, hint)
        actual = c._replace(
            **{k: v for k, v in factors.items() if k != "uv"},
            public_uv=public,
            refund_rate=refund_rate,
            public_cost_per_uv=cost,
        )
        policy_terms = period_terms(sel, t)._replace(bonus_uv=bonus)
        inputs = engine.content_inputs(actual, merchant.cogs_rate, policy_terms, private)
    else:
        sh = merchant.shelf
        assert sh is not None
        factors["conversion_rate"] = _ratio(s["orders"], uv * rf, pf["conversion_rate"])
        factors.update(aov=aov, repurchase_frequency=rf)
        cost = _cost_per_visitor(s, have, uv, sh.traffic_cost_per_uv * cost_growth, t, file)
        actual_shelf = sh._replace(**factors, refund_rate=refund_rate, traffic_cost_per_uv=cost)
        inputs = engine.shelf_inputs(actual_shelf, merchant.cogs_rate)
    return Side(engine.result(model, inputs), factors, inputs)


def _cost_per_visitor(
    s: dict[str, float],
    have: frozenset[str],
    paid: float,
    planned: float,
    t: int,
    file: str,
    hint: str | None = None,
) -> float:
    """Σtraffic_cost ÷ the visitors it paid for, or the plan's cost when there is no cost column;
    a cost without paid visitors is a problem."""
    if "traffic_cost" not in have:
        return planned
    if paid == 0 and s["traffic_cost"] > 0:
        raise Problemed(
            Issue(
                "review.cost_without_paid",
                file,
                params=(("cost", round(s["traffic_cost"], 2)), ("period", t)),
                hint=hint,
            )
        )
    return _ratio(s["traffic_cost"], paid, planned)


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
