"""The merchant full-cycle bonus plan (商家全周期红利计划) of SPEC §6 as data: every benefit the seed
names for each role, with its effects. How effects apply lives in `gmvcli.policies`.

The built-in figures are illustrative defaults: the seed article names each benefit but its digits
were stripped. A file's top-level `policies:` replaces or adds entries; a merchant lists ids, or
`{use: ID, ...overrides}`.
"""

from __future__ import annotations

from typing import NamedTuple


class Bet(NamedTuple):
    gmv_target: float
    public_uv_bonus: float


class Effects(NamedTuple):
    """A policy's effects; None where not set (an override leaves the base policy's value)."""

    commission_rate: float | None = None
    commission_discount: float | None = None
    public_uv_bonus: float | None = None
    rebate_rate: float | None = None
    rebate_base: str | None = None
    bet: Bet | None = None
    periods: int | None = None


#: a policy's effects before its own are set: a rebate is on the cost of paid traffic unless said
NO_EFFECT = Effects(rebate_base="traffic")


class Policy(NamedTuple):
    """One bonus-plan benefit and its effects on the content model (`effects`: every one set,
    None where the policy has none)."""

    id: str
    zh: str
    en: str
    roles: tuple[str, ...] = ()  # empty: every role
    effects: Effects = NO_EFFECT  # effects.periods: active in periods 1..periods; None: always
    note: str = ""
    group: str = (
        "policy"  # the seed's three kinds: policy 利好政策, tool 产品赋能, traffic 流量扶持
    )

    def has_effect(self) -> bool:
        e = self.effects
        return any(
            v is not None
            for v in (
                e.commission_rate,
                e.commission_discount,
                e.public_uv_bonus,
                e.rebate_rate,
                e.bet,
            )
        )

    def active(self, period: int) -> bool:
        return self.effects.periods is None or period <= self.effects.periods

    def eligible(self, role: str | None) -> bool:
        return not self.roles or role is None or role in self.roles


def with_effects(policy: Policy, effects: Effects) -> Policy:
    """`policy` with every effect that `effects` sets (the others keep the policy's value)."""
    if all(value is None for value in effects):
        return policy
    merged = (old if new is None else new for old, new in zip(policy.effects, effects, strict=True))
    return policy._replace(effects=Effects._make(merged))


TOOL_NOTE = "a product tool: no direct effect in the model; reflect it in your own figures"
_NONE = Effects()

#: the seed's benefits, a row each: (role, group, id, zh, en, effects, note). group is the seed's
#: kind: policy 利好政策, traffic 流量扶持, tool 产品赋能 — the product tools are listed so the plan
#: is complete, but they have no direct effect of §6 (their value shows up as better conversion or
#: cheaper traffic, which a merchant models in its own numbers).
_PLAN: tuple[tuple[str, str, str, str, str, Effects, str], ...] = (
    # 主播 streamers: 利好政策 and 流量扶持
    ("streamer", "policy", "new_store_commission_free", "新店冷启免佣金", "New-store cold start: no commission", Effects(commission_rate=0.0, periods=3), "commission waived for a new store's first 3 periods"),
    ("streamer", "policy", "event_commission_cut", "平台活动佣金减免", "Platform event commission cut", Effects(commission_discount=0.5, periods=1), "half the commission during one event period"),
    ("streamer", "policy", "promotion_support", "营销大促全面扶持", "Big-promotion support", Effects(public_uv_bonus=30_000, periods=1), "free visitors from a platform promotion"),
    ("streamer", "traffic", "traffic_bet", "对赌流量激励", "Traffic bet incentive", Effects(bet=Bet(gmv_target=500_000, public_uv_bonus=100_000)), "reach ¥50万 GMV in a period, get 10万 visitors the next"),
    ("streamer", "traffic", "traffic_coupon", "高额流量券奖励", "Traffic coupon reward", Effects(public_uv_bonus=50_000, periods=3), "traffic coupons worth 5万 visitors a period for 3 periods"),
    # 品牌 brands
    ("brand", "policy", "brand_ip_event", "品牌专属IP活动", "Brand IP event", Effects(public_uv_bonus=100_000, periods=1), "one branded event's traffic"),
    ("brand", "policy", "brand_jbp", "品牌JBP计划", "Brand joint business plan (JBP)", Effects(commission_discount=0.2), "a fifth off the commission under a joint business plan"),
    ("brand", "traffic", "brand_s_slot", "站内S级资源位", "S-level on-site placement", Effects(public_uv_bonus=200_000, periods=1), "a top placement for one period"),
    ("brand", "traffic", "brand_strategic_resources", "品牌战略专项资源", "Brand strategic resources", Effects(public_uv_bonus=50_000), "steady extra traffic every period"),
    # 服务商 service providers
    ("service_provider", "policy", "cash_rebate", "现金返点", "Cash rebate", Effects(rebate_rate=0.05, rebate_base="traffic"), "cash back on paid traffic; the seed says 'up to X%' with X stripped"),
    ("service_provider", "policy", "points_rights", "积分权益", "Points rights", Effects(rebate_rate=0.005, rebate_base="gmv"), "points worth 0.5% of GMV"),
    ("service_provider", "policy", "new_merchant_reward", "高额拉新奖励", "New-merchant referral reward", Effects(rebate_rate=0.01, rebate_base="gmv", periods=3), "1% of a newly brought merchant's GMV for 3 periods"),
    ("service_provider", "traffic", "official_slot", "官方资源位", "Official placement", Effects(public_uv_bonus=30_000, periods=1), "one period on an official placement"),
    ("service_provider", "traffic", "exclusive_event_traffic", "专属活动流量扶持", "Exclusive event traffic", Effects(public_uv_bonus=20_000, periods=2), "event traffic for 2 periods"),
    ("service_provider", "policy", "official_certification", "官方授牌", "Official certification", _NONE, "a badge of trust: no direct effect in the model"),
    # 产品赋能 product tools
    ("brand", "tool", "brand_talent_square", "达人广场&分销精品库", "Talent square & distribution catalogue", _NONE, TOOL_NOTE),
    ("brand", "tool", "brand_crm", "用户CRM品牌私域营销工具", "CRM private-domain marketing tools", _NONE, TOOL_NOTE),
    ("streamer", "tool", "selection_center", "选品中心", "Product selection center", _NONE, TOOL_NOTE),
    ("streamer", "tool", "kuaizhuanke", "站外分销快赚客", "Off-site distribution", _NONE, TOOL_NOTE),
    ("streamer", "tool", "xiaodiantong", "流量投放小店通", "Paid traffic tool", _NONE, TOOL_NOTE),
    ("service_provider", "tool", "lead_recommendation", "线索推荐工具", "Lead recommendation tool", _NONE, TOOL_NOTE),
    ("service_provider", "tool", "traffic_tool", "流量投放工具", "Traffic buying tool", _NONE, TOOL_NOTE),
    ("service_provider", "tool", "business_advisor", "生意参谋工具", "Business analytics tool", _NONE, TOOL_NOTE),
)  # fmt: skip

BUILTIN: tuple[Policy, ...] = tuple(
    with_effects(Policy(pid, zh, en, (role,), note=note, group=group), effects)
    for role, group, pid, zh, en, effects, note in _PLAN
)

BUILTIN_BY_ID: dict[str, Policy] = {p.id: p for p in BUILTIN}
