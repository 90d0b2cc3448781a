"""The scenario file of SPEC §3: its fields as data, and validation into typed, immutable records.

Each section's fields are a table of `Field`s (name, kind, default, zh name, description, unit).
Validation walks the loaded data once, collects *every* located problem, and builds the records.
The same tables generate the pydantic model behind `gmvcli schema` (see `schema.py`), so the
schema cannot drift from what is accepted; pydantic itself stays off the start-up path.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable
from typing import Any, NamedTuple

from gmvcli.errors import Problem, ScenarioError, shown
from gmvcli.loader import Document, PathPart
from gmvcli.messages import Msg, Worded, did_you_mean, msg
from gmvcli.numbers import NumberError, as_minutes, parse_number
from gmvcli.plan import BUILTIN_BY_ID, Bet, Effects

ROLES = ("factory", "brand", "streamer", "service_provider")
PERIOD_LABELS = ("day", "week", "month", "quarter", "year")
REBATE_BASES = ("traffic", "gmv")
MAX_PERIODS = 600
_ID = re.compile(r"[a-z0-9_-]{1,64}")


class Invalid(ValueError):
    """A value that does not fit its field; `hint` says how to fix it."""

    def __init__(self, message: Msg, hint: Msg | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.hint = hint


# --- kinds of value ------------------------------------------------------------------------------


def _number(value: object) -> float:
    try:
        return parse_number(value)
    except NumberError as exc:
        raise Invalid(exc.message, exc.hint) from None


def _rate(value: object) -> float:
    number = _number(value)
    if not 0 <= number <= 1:
        as_percent = isinstance(value, int | float) and 1 < number <= 100
        hint = msg("hint.percent", value=shown(value)) if as_percent else None
        raise Invalid(msg("value.rate"), hint)
    return number


def _non_negative(value: object) -> float:
    number = _number(value)
    if number < 0:
        raise Invalid(msg("value.non_negative"))
    return number


def _positive(value: object) -> float:
    number = _number(value)
    if number <= 0:
        raise Invalid(msg("value.positive"))
    return number


def _growth(value: object) -> float:
    number = _number(value)
    if not -1 <= number <= 1:
        raise Invalid(msg("value.growth"), msg("hint.growth"))
    return number


def _periods(value: object) -> int:
    number = _number(value)
    if number != int(number) or not 1 <= number <= MAX_PERIODS:
        raise Invalid(msg("value.periods", max=MAX_PERIODS))
    return int(number)


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise Invalid(msg("value.text"))
    if not value.strip():
        raise Invalid(msg("value.empty"))
    return value


def _id(value: object) -> str:
    text = _text(value)
    if not _ID.fullmatch(text):
        raise Invalid(msg("value.id"))
    return text


def _choice(options: tuple[str, ...]) -> Callable[[object], str]:
    def check(value: object) -> str:
        if value not in options:
            match = difflib.get_close_matches(str(value), options, n=1, cutoff=0.6)
            hint = msg("hint.did_you_mean", word=match[0]) if match else None
            listed = Worded(", ".join(options), "、".join(options))
            raise Invalid(msg("value.choice", options=listed), hint)
        return str(value)

    return check


def _rank(value: object) -> float:
    number = _number(value)
    if not -1 < number < 1:
        raise Invalid(msg("corr.rank_range"), msg("corr.rank_hint"))
    return number


def _version(value: object) -> int:
    try:
        number = parse_number(value)
    except NumberError:
        number = -1.0
    if number != 1:
        raise Invalid(msg("value.version"))
    return 1


#: kind → (converter, JSON-schema type of the converted value)
KINDS: dict[str, tuple[Callable[[object], Any], str]] = {
    "rate": (_rate, "number"),
    "count": (_non_negative, "number"),
    "money": (_non_negative, "number"),
    "positive": (_positive, "number"),
    "growth": (_growth, "number"),
    "periods": (_periods, "integer"),
    "text": (_text, "string"),
    "id": (_id, "string"),
    "role": (_choice(ROLES), "string"),
    "period": (_choice(PERIOD_LABELS), "string"),
    "rebate_base": (_choice(REBATE_BASES), "string"),
    "version": (_version, "integer"),
    "rank": (_rank, "number"),
}


#: the valid range of each numeric kind: draws are clipped to it (SPEC §8)
BOUNDS: dict[str, tuple[float, float]] = {
    "rate": (0.0, 1.0),
    "count": (0.0, 1e15),
    "money": (0.0, 1e15),
    "positive": (1e-12, 1e15),
    "growth": (-1.0, 1.0),
}
_TO = re.compile(r"\s*(.+?)\s+to\s+(.+?)\s*", re.IGNORECASE)
#: z of the 95th percentile of a normal distribution: "a to b" is a 90% interval
Z95 = 1.6448536269514722


class Distribution(NamedTuple):
    """An uncertain input (SPEC §8): uniform, triangular, lognormal ("a to b") or normal."""

    shape: str  # uniform (a=low, b=high) | triangular (a=low, b=mode, c=high)
    # | lognormal (a=5th, b=95th percentile) | normal (a=mean, b=sd)
    a: float
    b: float
    c: float
    low: float  # the field's valid range: draws are clipped to it
    high: float

    def central(self) -> float:
        """The value deterministic commands use: midpoint, mode, √(a·b), mean."""
        if self.shape == "uniform":
            return (self.a + self.b) / 2
        if self.shape == "triangular":
            return self.b
        if self.shape == "lognormal":
            return math.sqrt(self.a * self.b)
        return self.a


def parse_distribution(raw: object, kind: str) -> Distribution | None:
    """A Distribution when `raw` is written as one, else None; Invalid when it is a bad one."""
    if isinstance(raw, dict):
        keys = set(raw)
        shapes = {
            frozenset({"low", "high"}): ("uniform", ("low", "high")),
            frozenset({"low", "mode", "high"}): ("triangular", ("low", "mode", "high")),
            frozenset({"mean", "sd"}): ("normal", ("mean", "sd")),
        }
        found = shapes.get(frozenset(keys))
        if found is None:
            if keys & {"low", "high", "mode", "mean", "sd"}:
                raise Invalid(
                    msg("dist.shape"), msg("hint.got_keys", keys=", ".join(sorted(map(str, keys))))
                )
            return None
        shape, names = found
        values = []
        for name in names:
            try:
                values.append(parse_number(raw[name]))
            except NumberError as exc:
                raise Invalid(msg("dist.part", part=name, problem=exc.message), exc.hint) from None
        a, b = values[0], values[1]
        c = values[2] if len(values) > 2 else 0.0
    elif isinstance(raw, str) and _TO.fullmatch(raw) and kind in BOUNDS:
        match = _TO.fullmatch(raw)
        assert match is not None
        try:
            a, b = parse_number(match.group(1)), parse_number(match.group(2))
        except NumberError as exc:
            raise Invalid(
                msg("dist.part", part="'a to b'", problem=exc.message), exc.hint
            ) from None
        if a <= 0 or b <= 0:
            raise Invalid(msg("dist.lognormal_positive"))
        if a >= b:
            raise Invalid(msg("dist.lognormal_order"))
        shape, c = "lognormal", 0.0
    else:
        return None
    if kind not in BOUNDS:
        raise Invalid(msg("dist.not_uncertain"))
    low, high = BOUNDS[kind]
    if shape == "uniform" and a > b:
        raise Invalid(msg("dist.low_high"))
    if shape == "triangular" and not a <= b <= c:
        raise Invalid(msg("dist.mode"))
    if shape == "normal" and b < 0:
        raise Invalid(msg("dist.sd"))
    ends = {"uniform": (a, b), "triangular": (a, c), "lognormal": (a, b), "normal": (a, a)}[shape]
    if ends[0] < low or ends[1] > high:
        hint = None
        if kind == "rate" and 1 < ends[1] <= 100 and ends[0] >= 0:
            hint = msg("hint.percents", low=f"{ends[0]:g}", high=f"{ends[1]:g}")
        code = "dist.rate_range" if kind == "rate" else "dist.range"
        raise Invalid(msg(code, low=f"{low:g}", high=f"{high:g}"), hint)
    return Distribution(shape, a, b, c, low, high)


class Field(NamedTuple):
    """One key of a section: how its value is read, its default, and what it means."""

    name: str
    kind: str  # a KINDS key, or a section/structure name handled by the validator
    zh: str
    en: str
    default: Any = None
    required: bool = False
    unit: str = ""


SHELF_FIELDS = (
    Field("uv", "count", "访客数", "visitors per period, all bought (外部买量); or give traffic_budget", unit="visitors"),
    Field("traffic_budget", "money", "流量预算", "spend on bought traffic per period, instead of uv: uv = traffic_budget ÷ traffic_cost_per_uv", unit="CNY"),
    Field("conversion_rate", "rate", "转化率", "orders per visitor", required=True, unit="share"),
    Field("aov", "positive", "客单价", "average order value", required=True, unit="CNY"),
    Field("repurchase_frequency", "positive", "复购频次", "orders per buying visitor in the period", 1.0, unit="orders"),
    Field("traffic_cost_per_uv", "money", "单个访客流量成本", "cost of one bought visitor", 0.0, unit="CNY"),
    Field("commission_rate", "rate", "平台佣金率", "platform take rate on net GMV", 0.0, unit="share"),
    Field("discount_rate", "rate", "促销让利率", "merchant-funded promotions (满减/低价), share of net GMV", 0.0, unit="share"),
    Field("refund_rate", "rate", "退款率", "share of GMV refunded or returned", 0.0, unit="share"),
)  # fmt: skip
CONTENT_FIELDS = (
    Field("private_uv", "count", "私域确定UV", "private-domain visitors per period (or give fans + reach_rate)", unit="visitors"),
    Field("fans", "count", "粉丝数", "private-domain followers at the start", unit="fans"),
    Field("reach_rate", "rate", "粉丝触达率", "share of fans who watch in a period", unit="share"),
    Field("public_uv", "count", "公域投放UV", "paid public-domain visitors per period; or give public_budget", 0.0, unit="visitors"),
    Field("public_budget", "money", "公域投放预算", "spend on paid public visitors per period, instead of public_uv: public_uv = public_budget ÷ public_cost_per_uv", unit="CNY"),
    Field("watch_minutes", "positive", "内容消费时长", "minutes watched per visitor", required=True, unit="minutes"),
    Field("orders_per_minute", "rate", "单位时长订单转化率", "orders per visitor-minute", required=True, unit="orders/minute"),
    Field("aov", "positive", "客单价", "average order value", required=True, unit="CNY"),
    Field("repurchase_frequency", "positive", "复购频次", "orders per buying visitor in the period", 1.0, unit="orders"),
    Field("public_cost_per_uv", "money", "公域访客成本", "cost of one paid public visitor (小店通)", 0.0, unit="CNY"),
    Field("commission_rate", "rate", "平台佣金率", "platform take rate on net GMV", 0.0, unit="share"),
    Field("discount_rate", "rate", "促销让利率", "merchant-funded promotions, share of net GMV", 0.0, unit="share"),
    Field("refund_rate", "rate", "退款率", "share of GMV refunded or returned", 0.0, unit="share"),
    Field("content_cost", "money", "内容成本", "production cost per period (hosts, studio)", 0.0, unit="CNY"),
)  # fmt: skip
FORECAST_FIELDS = (
    Field("periods", "periods", "预测期数", "number of periods to forecast", 12, unit="periods"),
    Field("follow_rate", "rate", "关注转化率", "share of public and bonus visitors who become fans", 0.0, unit="share"),
    Field("fan_churn_rate", "rate", "粉丝流失率", "share of fans lost per period", 0.0, unit="share"),
    Field("shelf_traffic_cost_growth", "growth", "货架流量成本增速", "per-period growth of the cost of a bought shelf visitor", 0.0, unit="share per period"),
    Field("public_cost_growth", "growth", "公域流量成本增速", "per-period growth of the cost of a paid public visitor", 0.0, unit="share per period"),
)  # fmt: skip
BET_FIELDS = (
    Field("gmv_target", "money", "对赌GMV目标", "GMV a period must reach", required=True, unit="CNY"),
    Field("public_uv_bonus", "count", "奖励流量", "free visitors in the next period", required=True, unit="visitors"),
)  # fmt: skip
EFFECT_FIELDS = (
    Field("commission_rate", "rate", "佣金率（替换）", "replaces the commission rate", unit="share"),
    Field("commission_discount", "rate", "佣金减免", "commission rate × (1 − discount)", unit="share"),
    Field("public_uv_bonus", "count", "赠送流量", "free public visitors (bonus_uv, no cost)", unit="visitors"),
    Field("rebate_rate", "rate", "返点率", "cash back as a share of rebate_base", unit="share"),
    Field("rebate_base", "rebate_base", "返点基数", "traffic (cost of paid traffic) or gmv", unit=""),
    Field("bet", "bet", "对赌", "reach gmv_target in a period, get public_uv_bonus in the next"),
    Field("periods", "periods", "有效期数", "active in periods 1..periods (default: all)", unit="periods"),
)  # fmt: skip
POLICY_FIELDS = (
    Field("name", "policy_name", "名称", "text, or {zh: ..., en: ...}; default: the id"),
    Field("roles", "roles", "适用角色", "eligible roles; default: all"),
    *EFFECT_FIELDS,
)
POLICY_USE_FIELDS = (
    Field("use", "text", "政策ID", "id of a built-in or custom policy", required=True),
    *EFFECT_FIELDS,
)
MERCHANT_FIELDS = (
    Field("id", "id", "商家ID", "unique in the file, [a-z0-9_-]+, at most 64 characters", required=True),
    Field("name", "text", "商家名称", "free text", required=True),
    Field("role", "role", "角色", "factory | brand | streamer | service_provider"),
    Field("cogs_rate", "rate", "货品成本率", "cost of goods as a share of net GMV", 0.0, unit="share"),
    Field("policies", "policy_uses", "政策", "policy ids, or {use: ID, <effect overrides>} (content model only)"),
    Field("shelf", "shelf", "货架电商", "shelf-style selling: bought traffic × conversion"),
    Field("content", "content", "内容+私域", "content + private domain: followers and paid public visitors"),
    Field("forecast", "forecast", "预测", "overrides the file-level forecast keys for this merchant"),
)  # fmt: skip
CORRELATION_FIELDS = (
    Field("a", "text", "输入A", "MERCHANT:PATH, or PATH for every merchant having it", required=True),
    Field("b", "text", "输入B", "MERCHANT:PATH, or PATH for every merchant having it", required=True),
    Field("rank", "rank", "秩相关系数", "Spearman rank correlation, strictly between -1 and 1", required=True),
)  # fmt: skip
SCENARIO_FIELDS = (
    Field("gmvcli", "version", "格式版本", "format version; only 1", 1),
    Field("name", "text", "场景名称", "name of the scenario", required=True),
    Field("currency", "text", "币种", "currency code; CNY is shown as ¥", "CNY"),
    Field("period", "period", "周期", "period the flows refer to", "month"),
    Field("forecast", "forecast", "预测", "forecast settings for every merchant (SPEC §5)"),
    Field("policies", "policy_defs", "自定义政策", "custom policies: id → definition (SPEC §6)"),
    Field("merchants", "merchants", "商家", "the merchants, at least one", required=True),
    Field("correlations", "correlations", "相关性", "rank correlations between distributions (SPEC §8)"),
)  # fmt: skip

SECTIONS: dict[str, tuple[Field, ...]] = {
    "scenario": SCENARIO_FIELDS,
    "merchant": MERCHANT_FIELDS,
    "shelf": SHELF_FIELDS,
    "content": CONTENT_FIELDS,
    "forecast": FORECAST_FIELDS,
    "bet": BET_FIELDS,
    "policy": POLICY_FIELDS,
    "policy_use": POLICY_USE_FIELDS,
    "correlation": CORRELATION_FIELDS,
}


# --- the records ---------------------------------------------------------------------------------


class Shelf(NamedTuple):
    uv: float  # with traffic_budget: the visitors it buys at the base cost (the engine recomputes)
    conversion_rate: float
    aov: float
    repurchase_frequency: float = 1.0
    traffic_cost_per_uv: float = 0.0
    commission_rate: float = 0.0
    discount_rate: float = 0.0
    refund_rate: float = 0.0
    traffic_budget: float | None = None  # held in a forecast: uv = budget ÷ cost of a visitor


class Content(NamedTuple):
    watch_minutes: float
    orders_per_minute: float
    aov: float
    private_uv: float | None = None
    fans: float | None = None
    reach_rate: float | None = None
    public_uv: float = 0.0
    repurchase_frequency: float = 1.0
    public_cost_per_uv: float = 0.0
    commission_rate: float = 0.0
    discount_rate: float = 0.0
    refund_rate: float = 0.0
    content_cost: float = 0.0
    public_budget: float | None = None  # held in a forecast: public_uv = budget ÷ cost


class Forecast(NamedTuple):
    """Forecast keys; None where the file does not set them (merchant keys override file keys)."""

    periods: int | None = None
    follow_rate: float | None = None
    fan_churn_rate: float | None = None
    shelf_traffic_cost_growth: float | None = None
    public_cost_growth: float | None = None


class PolicyDef(NamedTuple):
    name: str | tuple[str, str] | None  # text, or (zh, en)
    roles: tuple[str, ...] | None
    effects: Effects


class PolicyUse(NamedTuple):
    use: str
    effects: Effects


class Merchant(NamedTuple):
    id: str
    name: str
    role: str | None = None
    cogs_rate: float = 0.0
    policies: tuple[PolicyUse, ...] = ()
    shelf: Shelf | None = None
    content: Content | None = None
    forecast: Forecast | None = None


class Correlation(NamedTuple):
    """A rank correlation imposed between two drawn inputs (SPEC §8), resolved to their paths."""

    a: tuple[PathPart, ...]
    b: tuple[PathPart, ...]
    rank: float
    a_ref: str  # MERCHANT:PATH, or PATH for a file-level input
    b_ref: str
    entry: int  # index in the file's correlations: list


class Scenario(NamedTuple):
    name: str
    merchants: tuple[Merchant, ...]
    gmvcli: int = 1
    currency: str = "CNY"
    period: str = "month"
    forecast: Forecast | None = None
    policies: tuple[tuple[str, PolicyDef], ...] = ()
    #: the inputs written as distributions: (path in the file, distribution); the records hold
    #: their central values
    uncertain: tuple[tuple[tuple[PathPart, ...], Distribution], ...] = ()
    correlations: tuple[Correlation, ...] = ()


def only_merchants(scenario: Scenario, ids: set[str]) -> Scenario:
    """The scenario with only these merchants; uncertain inputs and correlations follow them."""
    kept = [i for i, m in enumerate(scenario.merchants) if m.id in ids]
    new = {old: new for new, old in enumerate(kept)}

    def moved(path: tuple[PathPart, ...]) -> tuple[PathPart, ...] | None:
        if path[0] != "merchants":
            return path
        index = new.get(int(path[1]))
        return None if index is None else ("merchants", index, *path[2:])

    uncertain = []
    for path, d in scenario.uncertain:
        where = moved(path)
        if where is not None:
            uncertain.append((where, d))
    correlations = []
    for c in scenario.correlations:
        a, b = moved(c.a), moved(c.b)
        if a is not None and b is not None:
            correlations.append(c._replace(a=a, b=b))
    return scenario._replace(
        merchants=tuple(scenario.merchants[i] for i in kept),
        uncertain=tuple(uncertain),
        correlations=tuple(correlations),
    )


# --- validation ----------------------------------------------------------------------------------


class _Validator:
    """Walks loaded data against the field tables, collecting every problem."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.problems: list[Problem] = []
        self.uncertain: list[tuple[tuple[PathPart, ...], Distribution]] = []
        #: every policy a merchant uses: (path of the list item, id, written as a mapping)
        self.policy_uses: list[tuple[tuple[PathPart, ...], str, bool]] = []

    def fail(
        self, path: tuple[PathPart, ...], message: Msg, hint: Msg | None = None, **kw: Any
    ) -> None:
        self.problems.append(self.doc.problem(path, message, hint=hint, **kw))

    def section(
        self, value: object, path: tuple[PathPart, ...], name: str
    ) -> dict[str, Any] | None:
        """The section's values by key (converted), or None when it is not a mapping."""
        fields = SECTIONS[name]
        if not isinstance(value, dict):
            self.fail(path, msg("section.not_mapping"))
            return None
        known = {f.name: f for f in fields}
        out: dict[str, Any] = {}
        suggested: set[str] = set()
        for key, raw in value.items():
            field = known.get(key)
            if field is None:
                match = difflib.get_close_matches(str(key), list(known), n=1, cutoff=0.6)
                hint = did_you_mean(match, known)
                suggested.update(match)
                self.fail((*path, key), msg("key.unknown"), hint, key=True, got=None)
                continue
            if field.unit == "minutes":
                raw = as_minutes(raw)  # "4:30" → 4.5 (SPEC §2 durations)
            converted = self.value(raw, (*path, key), field.kind)
            if converted is not _BAD:
                out[key] = converted
        for field in fields:
            # a misspelt required key is reported once, as the unknown key with its suggestion
            if field.required and field.name not in value and field.name not in suggested:
                problem = self.doc.problem(path, msg("key.missing", key=field.name), got=None)
                from gmvcli.loader import format_path

                self.problems.append(problem._replace(path=format_path((*path, field.name))))
        return out

    def value(self, raw: object, path: tuple[PathPart, ...], kind: str) -> Any:
        simple = KINDS.get(kind)
        if simple is not None:
            try:
                if isinstance(raw, dict | str) and kind in BOUNDS:
                    distribution = parse_distribution(raw, kind)
                    if distribution is not None:
                        value = simple[0](distribution.central())
                        self.uncertain.append((path, distribution))
                        return value
                return simple[0](raw)
            except Invalid as exc:
                self.fail(path, exc.message, exc.hint, got=None if isinstance(raw, dict) else ...)
                return _BAD
        return getattr(self, "_" + kind)(raw, path)

    # structured kinds

    def _budget(
        self,
        values: dict[str, Any],
        raw: object,
        path: tuple[PathPart, ...],
        names: tuple[str, str, str],
    ) -> bool:
        """A budget instead of a visitor count (SPEC §3): not both, and a cost per visitor > 0.
        Sets the visitor count from the budget; False when the section is unusable."""
        visitors, budget, cost = names
        given = raw if isinstance(raw, dict) else {}
        if budget not in given:
            return True
        if visitors in given:
            self.fail(
                (*path, budget),
                msg("budget.not_both", visitors=visitors, budget=budget),
                msg("hint.budget", visitors=visitors, budget=budget, cost=cost),
                key=True,
                got=None,
            )
            return False
        if budget not in values:
            return False  # its own problem is reported
        per_visitor = values.get(cost)
        if per_visitor is None or per_visitor <= 0:
            where = (*path, cost) if cost in given else (*path, budget)
            self.fail(
                where,
                msg("budget.cost", visitors=visitors, budget=budget, cost=cost),
                msg("hint.add_cost", cost=cost) if cost not in given else None,
                key=cost not in given,
                got=None if cost not in given else ...,
            )
            return False
        values[visitors] = values[budget] / per_visitor
        return True

    def _shelf(self, raw: object, path: tuple[PathPart, ...]) -> Any:
        values = self.section(raw, path, "shelf")
        if values is None:
            return _BAD
        given = raw if isinstance(raw, dict) else {}
        if "uv" not in given and "traffic_budget" not in given:
            problem = self.doc.problem(
                path,
                msg("key.missing", key="uv"),
                hint=msg("hint.or_budget"),
                got=None,
            )
            from gmvcli.loader import format_path

            self.problems.append(problem._replace(path=format_path((*path, "uv"))))
            return _BAD
        if not self._budget(values, raw, path, ("uv", "traffic_budget", "traffic_cost_per_uv")):
            return _BAD
        if any(f.name not in values for f in SHELF_FIELDS if f.required) or "uv" not in values:
            return _BAD
        return Shelf(**values)

    def _content(self, raw: object, path: tuple[PathPart, ...]) -> Any:
        values = self.section(raw, path, "content")
        if values is None:
            return _BAD
        if values.get("private_uv") is not None and values.get("fans") is not None:
            self.fail(
                (*path, "fans"),
                msg("content.private_and_fans"),
                key=True,
                got=None,
            )
        elif values.get("fans") is not None and values.get("reach_rate") is None:
            self.fail(
                (*path, "fans"),
                msg("content.fans_reach"),
                msg("hint.add_reach"),
                key=True,
                got=None,
            )
        if not self._budget(
            values, raw, path, ("public_uv", "public_budget", "public_cost_per_uv")
        ):
            return _BAD
        if any(f.required and f.name not in values for f in CONTENT_FIELDS):
            return _BAD
        conversion = values["watch_minutes"] * values["orders_per_minute"]
        if conversion > 1:  # SPEC §2: more orders than visitors is a unit mistake
            self.fail(
                (*path, "orders_per_minute"),
                msg("value.conversion_over", value=f"{conversion:.4g}"),
                msg("hint.conversion_units"),
            )
            return _BAD
        return Content(**values)

    def _forecast(self, raw: object, path: tuple[PathPart, ...]) -> Any:
        values = self.section(raw, path, "forecast")
        return _BAD if values is None else Forecast(**values)

    def _bet(self, raw: object, path: tuple[PathPart, ...]) -> Any:
        values = self.section(raw, path, "bet")
        if values is None or len(values) < len(BET_FIELDS):
            return _BAD
        return Bet(**values)

    def _effects(self, values: dict[str, Any]) -> Effects:
        return Effects(**{f.name: values[f.name] for f in EFFECT_FIELDS if f.name in values})

    def _policy_uses(self, raw: object, path: tuple[PathPart, ...]) -> Any:
        if not isinstance(raw, list):
            self.fail(path, msg("policies.not_list"), msg("hint.policies_list"))
            return _BAD
        uses = []
        for i, item in enumerate(raw):
            where = (*path, i)
            if isinstance(item, str):
                uses.append(PolicyUse(item, Effects()))
                self.policy_uses.append((where, item, False))
                continue
            if not isinstance(item, dict):
                self.fail(where, msg("policies.item"))
                continue
            values = self.section(item, where, "policy_use")
            if values is not None and "use" in values:
                uses.append(PolicyUse(values["use"], self._effects(values)))
                self.policy_uses.append((where, values["use"], True))
        return tuple(uses)

    def _correlations(self, raw: object, path: tuple[PathPart, ...]) -> Any:
        """The entries as written; their references are resolved once the file is read."""
        if not isinstance(raw, list):
            self.fail(path, msg("corr.not_list"))
            return _BAD
        entries = []
        for i, item in enumerate(raw):
            values = self.section(item, (*path, i), "correlation")
            if values is not None and len(values) == len(CORRELATION_FIELDS):
                entries.append((i, values["a"], values["b"], values["rank"]))
        return tuple(entries)

    def _policy_name(self, raw: object, path: tuple[PathPart, ...]) -> Any:
        if isinstance(raw, dict):
            zh, en = raw.get("zh"), raw.get("en")
            extra = set(raw) - {"zh", "en"}
            if extra or not isinstance(zh, str) or not isinstance(en, str):
                self.fail(path, msg("policy.name"))
                return _BAD
            if not zh.strip() or not en.strip():
                self.fail(path, msg("value.empty"))
                return _BAD
            return (zh, en)
        return self.value(raw, path, "text")

    def _roles(self, raw: object, path: tuple[PathPart, ...]) -> Any:
        if not isinstance(raw, list):
            self.fail(path, msg("policy.roles"), msg("hint.roles"))
            return _BAD
        roles = [self.value(r, (*path, i), "role") for i, r in enumerate(raw)]
        return _BAD if _BAD in roles else tuple(roles)

    def _policy_defs(self, raw: object, path: tuple[PathPart, ...]) -> Any:
        if not isinstance(raw, dict):
            self.fail(path, msg("policy.defs"))
            return _BAD
        defs = []
        for policy_id, body in raw.items():
            where = (*path, policy_id)
            if not _ID.fullmatch(policy_id):
                self.fail(where, msg("policy.id"), key=True, got=policy_id)
            values = self.section(body, where, "policy")
            if values is not None:
                defs.append(
                    (
                        policy_id,
                        PolicyDef(values.get("name"), values.get("roles"), self._effects(values)),
                    )
                )
        return tuple(defs)

    def _merchants(self, raw: object, path: tuple[PathPart, ...]) -> Any:
        if not isinstance(raw, list):
            self.fail(path, msg("merchants.not_list"))
            return _BAD
        if not raw:
            self.fail(path, msg("merchants.empty"))
            return _BAD
        merchants = []
        seen: dict[str, int] = {}
        for i, item in enumerate(raw):
            where = (*path, i)
            values = self.section(item, where, "merchant")
            if values is None:
                continue
            merchant_id = values.get("id")
            if merchant_id is not None:
                if merchant_id in seen:
                    self.fail(
                        (*where, "id"),
                        msg("merchant.duplicate", index=seen[merchant_id]),
                    )
                seen.setdefault(merchant_id, i)
            if "shelf" not in item and "content" not in item:
                self.fail(where, msg("merchant.no_model"), got=None)
            if "id" in values and "name" in values:
                merchants.append(Merchant(**values))
        return tuple(merchants)


class _Bad:
    def __repr__(self) -> str:
        return "<invalid>"


_BAD: Any = _Bad()


def parse_scenario(doc: Document) -> Scenario:
    """Validate a Document as a Scenario, raising ScenarioError with every located problem."""
    if not isinstance(doc.data, dict):
        kinds = {
            list: "kind.root_list",
            str: "kind.root_text",
            int: "kind.root_number",
            float: "kind.root_number",
        }
        code = "value.nothing" if doc.data is None else kinds.get(type(doc.data))
        kind: str | Msg = msg(code) if code else type(doc.data).__name__
        raise ScenarioError([doc.problem((), msg("scenario.not_mapping"), got=kind)])
    if "tests" in doc.data and "merchants" not in doc.data:
        # a scenario test given where a scenario is expected (SPEC §9)
        problem = doc.problem((), msg("scenario.is_test", file=doc.file), got=None)
        raise ScenarioError([problem])
    validator = _Validator(doc)
    values = validator.section(doc.data, (), "scenario")
    problems = validator.problems + _unknown_policies(doc, validator.policy_uses)
    correlations: tuple[Correlation, ...] = ()
    if values is not None and values.get("correlations"):
        from gmvcli.correlations import resolve

        correlations, found = resolve(
            doc, values.pop("correlations"), validator.uncertain, problems
        )
        problems += found
    elif values is not None:
        values.pop("correlations", None)
    if not problems and values is not None:
        return Scenario(**values, uncertain=tuple(validator.uncertain), correlations=correlations)
    # in the order of the file; problems from --set (no line) last
    problems.sort(key=lambda p: (p.line is None, p.line or 0, p.column or 0))
    raise ScenarioError(problems)


def _unknown_policies(
    doc: Document, uses: list[tuple[tuple[PathPart, ...], str, bool]]
) -> list[Problem]:
    """A problem for each policy id that is neither built in nor defined in the file."""
    custom = doc.data.get("policies")
    known = list(BUILTIN_BY_ID) + (list(custom) if isinstance(custom, dict) else [])
    problems = []
    for where, policy_id, as_mapping in uses:
        if policy_id in known:
            continue
        match = difflib.get_close_matches(policy_id, known, n=1, cutoff=0.5)
        hint = msg("hint.did_you_mean", word=match[0]) if match else msg("hint.see_policies")
        path = (*where, "use") if as_mapping else where
        problems.append(doc.problem(path, msg("policy.unknown"), got=policy_id, hint=hint))
    return problems
