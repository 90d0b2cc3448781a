"""The row registry: every quantity of SPEC §4–§6 declared once.

A quantity's key (the name its formula uses), kind (how it is written and rounded), words in both
languages, place in the JSON (and so its CSV column), and formula per model live here and nowhere
else. The engine compiles the formulas; JSON, CSV, explain, diff and what-if read the rest. Adding a
cost line is one entry here plus its word in the tables.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

SHELF, CONTENT = "shelf", "content"
MODELS = (SHELF, CONTENT)

#: kinds of quantity: how a value is written, and how JSON rounds it (SPEC §7)
KINDS = ("money", "count", "rate", "ratio", "minutes", "plain")
#: how each kind is written in tables: rates as percents, ratios and minutes as plain numbers
WRITTEN = {
    "money": "money",
    "count": "count",
    "rate": "percent",
    "ratio": "plain",
    "minutes": "plain",
    "plain": "plain",
}


class Quantity(NamedTuple):
    """One quantity: an input a formula reads, or a row of §4 with its formula."""

    key: str
    kind: str
    en: str  # as a word in a sentence: "net GMV"
    zh: str
    json: str | None = None  # its path in a model's JSON ("costs.commission"); None: not shown
    formulas: tuple[tuple[str | None, str], ...] = ()  # (model, formula); model None: both
    models: tuple[str, ...] = MODELS  # the models whose JSON shows it
    nullable: bool = False  # a ratio that is null (None) when its divisor is 0

    @property
    def decimals(self) -> int:
        """JSON rounds ratios and rates to 6 decimals, money and counts to 2."""
        return 6 if self.kind in ("rate", "ratio") else 2

    @property
    def csv(self) -> str | None:
        """Its column in long-format CSV: the JSON path with `_` (`costs_commission`)."""
        return None if self.json is None else self.json.replace(".", "_")

    @property
    def written(self) -> str:
        """How a table writes it: money, count, percent or plain."""
        return WRITTEN[self.kind]

    def read(self, data: Mapping[str, Any] | None) -> Any:
        """Its value in a model's JSON data (`costs.commission` nested), None where there is none."""
        value: Any = data
        for part in (self.json or "").split("."):
            if not isinstance(value, Mapping):
                return None
            value = value.get(part)
        return value

    def formula(self, model: str) -> str | None:
        for m, text in self.formulas:
            if m in (None, model):
                return text
        return None


#: In JSON order (SPEC §7); formulas in the order they are computed.
QUANTITIES: tuple[Quantity, ...] = (
    # inputs (the merchant's fields after policies), those JSON shows first
    Quantity(
        "private_uv",
        "count",
        "private visitors",
        "私域确定UV",
        json="private_uv",
        models=(CONTENT,),
    ),
    Quantity(
        "public_uv",
        "count",
        "paid public visitors",
        "公域投放UV",
        json="public_uv",
        models=(CONTENT,),
    ),
    Quantity(
        "bonus_uv", "count", "bonus visitors", "政策赠送UV", json="bonus_uv", models=(CONTENT,)
    ),
    Quantity("fans", "count", "fans", "粉丝数"),
    Quantity("reach_rate", "rate", "reach rate", "粉丝触达率"),
    Quantity("conversion_rate", "rate", "conversion rate", "转化率"),
    Quantity("watch_minutes", "minutes", "watch minutes", "内容消费时长"),
    Quantity("orders_per_minute", "rate", "orders per minute", "单位时长订单转化率"),
    Quantity("repurchase_frequency", "plain", "repurchase frequency", "复购频次"),
    Quantity("aov", "money", "average order value", "客单价"),
    Quantity("refund_rate", "rate", "refund rate", "退款率"),
    Quantity("traffic_cost_per_uv", "money", "cost per bought visitor", "单个访客流量成本"),
    Quantity("public_cost_per_uv", "money", "cost per paid public visitor", "公域访客成本"),
    # budgets instead of visitor counts (SPEC §3): uv, public_uv = budget ÷ cost per visitor
    Quantity("traffic_budget", "money", "traffic budget", "流量预算"),
    Quantity("public_budget", "money", "paid public budget", "公域投放预算"),
    Quantity("commission_rate", "rate", "commission rate", "佣金率"),
    Quantity("discount_rate", "rate", "promotion rate", "促销让利率"),
    Quantity("cogs_rate", "rate", "cost-of-goods rate", "货品成本率"),
    Quantity("rebate_traffic_rate", "rate", "rebate rate on traffic", "流量返点率"),
    Quantity("rebate_gmv_rate", "rate", "rebate rate on GMV", "GMV返点率"),
    # the rows of §4
    Quantity(
        "uv",
        "count",
        "visitors",
        "访客数",
        json="uv",
        formulas=((CONTENT, "private_uv + public_uv + bonus_uv"),),
    ),
    Quantity(
        "conversion",
        "rate",
        "conversion",
        "转化率",
        json="conversion",
        formulas=((SHELF, "conversion_rate"), (CONTENT, "watch_minutes × orders_per_minute")),
    ),
    Quantity(
        "orders",
        "count",
        "orders",
        "订单数",
        json="orders",
        formulas=((None, "uv × conversion × repurchase_frequency"),),
    ),
    Quantity("gmv", "money", "GMV", "GMV", json="gmv", formulas=((None, "orders × aov"),)),
    Quantity(
        "refunds",
        "money",
        "refunds",
        "退款",
        json="refunds",
        formulas=((None, "gmv × refund_rate"),),
    ),
    Quantity(
        "net_gmv", "money", "net GMV", "净GMV", json="net_gmv", formulas=((None, "gmv − refunds"),)
    ),
    Quantity(
        "traffic_cost",
        "money",
        "traffic cost",
        "流量成本",
        json="costs.traffic",
        formulas=(
            (SHELF, "uv × traffic_cost_per_uv"),
            (CONTENT, "public_uv × public_cost_per_uv"),
        ),
    ),
    Quantity(
        "commission_cost",
        "money",
        "commission",
        "平台佣金",
        json="costs.commission",
        formulas=((None, "net_gmv × commission_rate"),),
    ),
    Quantity(
        "promotion_cost",
        "money",
        "promotions",
        "促销让利",
        json="costs.promotion",
        formulas=((None, "net_gmv × discount_rate"),),
    ),
    Quantity("content_cost", "money", "content cost", "内容成本", json="costs.content"),
    Quantity(
        "goods_cost",
        "money",
        "cost of goods",
        "货品成本",
        json="costs.goods",
        formulas=((None, "net_gmv × cogs_rate"),),
    ),
    Quantity(
        "total_cost",
        "money",
        "total costs",
        "成本合计",
        json="costs.total",
        formulas=(
            (None, "traffic_cost + commission_cost + promotion_cost + content_cost + goods_cost"),
        ),
    ),
    Quantity(
        "rebate",
        "money",
        "rebate",
        "返点",
        json="rebate",
        formulas=((CONTENT, "traffic_cost × rebate_traffic_rate + gmv × rebate_gmv_rate"),),
    ),
    Quantity(
        "contribution",
        "money",
        "contribution",
        "贡献利润",
        json="contribution",
        formulas=((None, "net_gmv − total_cost + rebate"),),
    ),
    Quantity(
        "roi",
        "ratio",
        "ROI",
        "投放ROI",
        json="roi",
        formulas=((None, "gmv ÷ traffic_cost"),),
        nullable=True,
    ),
)

BY_KEY: dict[str, Quantity] = {q.key: q for q in QUANTITIES}

#: the rows of a model's JSON, in order
JSON_ROWS: tuple[Quantity, ...] = tuple(q for q in QUANTITIES if q.json is not None)
#: the rows as tables show them: visitors first, the parts they come from under them
TABLE_ROWS: tuple[Quantity, ...] = (BY_KEY["uv"], *(q for q in JSON_ROWS if q.key != "uv"))


def _table_lines() -> tuple[tuple[str, Quantity], ...]:
    orders = TABLE_ROWS.index(BY_KEY["orders"]) + 1
    beside = (("aov", BY_KEY["aov"]), ("repurchase", BY_KEY["repurchase_frequency"]))
    rows = [(q.json or q.key, q) for q in TABLE_ROWS]
    return (*rows[:orders], *beside, *rows[orders:])


#: the lines of a model in compare's table (text and markdown), as (its attribute path on a
#: model's result, which is also its word's key; the quantity): the table rows, with the order
#: value and the repurchase frequency beside the orders they explain
TABLE_LINES: tuple[tuple[str, Quantity], ...] = _table_lines()

#: private-domain visitors when the file gives fans instead of private_uv (SPEC §4)
PRIVATE_UV_FORMULA = "fans × reach_rate"


class Budget(NamedTuple):
    """A model's budget (SPEC §3): given instead of `visitors`, which follow as budget ÷ cost."""

    visitors: str
    budget: str
    cost: str  # per visitor; must be above 0 with a budget


BUDGETS: dict[str, Budget] = {
    SHELF: Budget("uv", "traffic_budget", "traffic_cost_per_uv"),
    CONTENT: Budget("public_uv", "public_budget", "public_cost_per_uv"),
}
#: bought visitors from a budget (SPEC §3): the budget is held, the visitors follow the cost
BUDGET_UV_FORMULAS = {model: f"{b.budget} ÷ {b.cost}" for model, b in BUDGETS.items()}

# --- the comparison (SPEC §4) and the forecast (§5) ----------------------------------------------

#: comparison keys and kinds; the drivers are ratios content ÷ shelf of these factors of GMV
COMPARISON: tuple[tuple[str, str], ...] = (
    ("gmv_delta", "money"),
    ("gmv_ratio", "ratio"),
    ("net_gmv_delta", "money"),
    ("contribution_delta", "money"),
)
DRIVERS: tuple[tuple[str, str], ...] = (
    # (driver, the §4 quantity it compares)
    ("uv", "uv"),
    ("conversion", "conversion"),
    ("aov", "aov"),
    ("repurchase", "repurchase_frequency"),
)
#: forecast totals over the periods, per model; also what simulate draws and tables set in bold
TOTALS: tuple[str, ...] = ("gmv", "net_gmv", "contribution")
#: the rows a what-if can aim at or sweep (`solve --target gmv=X`, sweep's columns)
METRIC_ROWS: tuple[str, ...] = ("gmv", "contribution")
#: the advantage of content (SPEC §8) is content − shelf of this row
ADVANTAGE_ROW = "contribution"


def decimals(kind: str) -> int:
    return 6 if kind in ("rate", "ratio") else 2


# --- policy effects (SPEC §6) --------------------------------------------------------------------


class Effect(NamedTuple):
    """A kind of policy effect: the field that states it, how it is written, the row it moves."""

    key: str
    kind: str
    en: str
    zh: str
    row: str  # the quantity of §4 it changes


EFFECTS: tuple[Effect, ...] = (
    Effect("commission_rate", "rate", "commission rate", "佣金率", "commission_cost"),
    Effect("commission_discount", "rate", "commission discount", "佣金减免", "commission_cost"),
    Effect("public_uv_bonus", "count", "free public visitors", "赠送公域访客", "uv"),
    Effect("rebate_rate", "rate", "rebate rate", "返点率", "rebate"),
    Effect("bet", "money", "bet: GMV target", "对赌GMV目标", "uv"),
)
EFFECT_BY_KEY: dict[str, Effect] = {e.key: e for e in EFFECTS}
