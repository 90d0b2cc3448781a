"""The field tables of SPEC §3: one `Field` per key of each section (name, kind, default, zh name,
description, unit). Validation, the JSON Schema and `--set` all read these tables."""

from __future__ import annotations

from typing import Any, NamedTuple

__all__ = [
    "BET_FIELDS",
    "CONTENT_FIELDS",
    "CORRELATION_FIELDS",
    "EFFECT_FIELDS",
    "FORECAST_FIELDS",
    "MERCHANT_FIELDS",
    "POLICY_FIELDS",
    "POLICY_USE_FIELDS",
    "SCENARIO_FIELDS",
    "SECTIONS",
    "SHELF_FIELDS",
    "Field",
]


class Field(NamedTuple):
    """One key of a section: how its value is read, its default, and what it means."""

    name: str
    kind: str  # a KINDS key, or a section/structure name handled by the validator
    zh: str
    en: str
    default: Any = None
    required: bool = False
    unit: str = ""


def _sales(cost: Field, discount: Field) -> tuple[Field, ...]:
    """The keys after a model's visitors, in order: the same for both models but for the cost of a
    visitor and how the promotions are described."""
    return (
        Field("aov", "positive", "客单价", "average order value", required=True, unit="CNY"),
        Field("repurchase_frequency", "positive", "复购频次", "orders per buying visitor in the period", 1.0, unit="orders"),
        cost,
        Field("commission_rate", "rate", "平台佣金率", "platform take rate on net GMV", 0.0, unit="share"),
        discount,
        Field("refund_rate", "rate", "退款率", "share of GMV refunded or returned", 0.0, unit="share"),
    )  # fmt: skip


SHELF_FIELDS = (
    Field("uv", "count", "访客数", "visitors per period, all bought (外部买量); or give traffic_budget", unit="visitors"),
    Field("traffic_budget", "money", "流量预算", "spend on bought traffic per period, instead of uv: uv = traffic_budget ÷ traffic_cost_per_uv", unit="CNY"),
    Field("conversion_rate", "rate", "转化率", "orders per visitor", required=True, unit="share"),
    *_sales(
        Field("traffic_cost_per_uv", "money", "单个访客流量成本", "cost of one bought visitor", 0.0, unit="CNY"),
        Field("discount_rate", "rate", "促销让利率", "merchant-funded promotions (满减/低价), share of net GMV", 0.0, unit="share"),
    ),
)  # fmt: skip
CONTENT_FIELDS = (
    Field("private_uv", "count", "私域确定UV", "private-domain visitors per period (or give fans + reach_rate)", unit="visitors"),
    Field("fans", "count", "粉丝数", "private-domain followers at the start", unit="fans"),
    Field("reach_rate", "rate", "粉丝触达率", "share of fans who watch in a period", unit="share"),
    Field("public_uv", "count", "公域投放UV", "paid public-domain visitors per period; or give public_budget", 0.0, unit="visitors"),
    Field("public_budget", "money", "公域投放预算", "spend on paid public visitors per period, instead of public_uv: public_uv = public_budget ÷ public_cost_per_uv", unit="CNY"),
    Field("watch_minutes", "positive", "内容消费时长", "minutes watched per visitor", required=True, unit="minutes"),
    Field("orders_per_minute", "rate", "单位时长订单转化率", "orders per visitor-minute", required=True, unit="orders/minute"),
    *_sales(
        Field("public_cost_per_uv", "money", "公域访客成本", "cost of one paid public visitor (小店通)", 0.0, unit="CNY"),
        Field("discount_rate", "rate", "促销让利率", "merchant-funded promotions, share of net GMV", 0.0, unit="share"),
    ),
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
