"""SPEC §6 by hand: the built-in bonus-plan table, how effects combine, bets, overrides and warnings,
and one period of the content model with policies applied."""

from __future__ import annotations

import re

import pytest

from gmvcli.compare import MerchantResult, compare_scenario
from gmvcli.engine import ModelResult
from gmvcli.i18n import label
from gmvcli.model import ROLES, Bet, Effects, PolicyDef
from gmvcli.policies import (
    BUILTIN,
    BUILTIN_BY_ID,
    Notice,
    Policy,
    Terms,
    bet_bonus,
    from_definition,
    merchant_policies,
    policy_table,
    terms,
    with_effects,
)
from gmvcli.render.words import notice_text
from tests.helpers import scenario


def policy(pid: str, zh: str, en: str, **effects: object) -> Policy:
    """A policy with these effects (set as a file's `policies:` entry sets them)."""
    return with_effects(Policy(pid, zh, en), Effects(**effects))  # type: ignore[arg-type]


approx = pytest.approx

EFFECTS = ("commission_rate", "commission_discount", "public_uv_bonus", "rebate_rate", "bet")


# --- the built-in table ----------------------------------------------------------------------


@pytest.mark.parametrize("policy", BUILTIN, ids=lambda p: p.id)
def test_every_builtin_is_complete(policy: Policy) -> None:
    assert re.fullmatch(r"[a-z0-9_-]+", policy.id)
    assert policy.zh.strip() and policy.en.strip() and policy.note.strip()
    assert re.search(r"[\u4e00-\u9fff]", policy.zh), "the zh name is Chinese"
    assert policy.roles and set(policy.roles) <= set(ROLES)
    assert policy.group in ("policy", "tool", "traffic")
    assert policy.has_effect() == any(getattr(policy.effects, e) is not None for e in EFFECTS)
    if policy.group == "traffic":
        assert policy.effects.public_uv_bonus is not None or policy.effects.bet is not None
    assert policy.effects.rebate_base in ("traffic", "gmv")
    assert policy.effects.periods is None or policy.effects.periods >= 1
    for rate in (
        policy.effects.commission_rate,
        policy.effects.commission_discount,
        policy.effects.rebate_rate,
    ):
        assert rate is None or 0 <= rate <= 1


def test_builtins_without_an_effect_say_so() -> None:
    # The seed also names product tools (产品赋能) and a badge (官方授牌): listed for completeness,
    # with no §6 effect, and their notes say so. Every other benefit has at least one effect.
    without = {p.id for p in BUILTIN if not p.has_effect()}
    tools = {p.id for p in BUILTIN if p.group == "tool"}
    assert without == tools | {"official_certification"}
    assert all("no direct effect" in BUILTIN_BY_ID[i].note for i in without)
    assert len(BUILTIN) - len(without) == 14


def test_builtin_ids_are_unique_and_indexed() -> None:
    assert len(BUILTIN_BY_ID) == len(BUILTIN)
    assert all(BUILTIN_BY_ID[p.id] is p for p in BUILTIN)
    assert len({p.zh for p in BUILTIN}) == len({p.en for p in BUILTIN}) == len(BUILTIN)


#: every benefit the seed names for 品牌, 主播 and 服务商 (paragraphs 5-7 of the seed article)
SEED_PLAN = {
    "brand": "品牌专属IP活动 品牌JBP计划 达人广场&分销精品库 用户CRM品牌私域营销工具 站内S级资源位 "
    "品牌战略专项资源",
    "streamer": "新店冷启免佣金 平台活动佣金减免 营销大促全面扶持 选品中心 站外分销快赚客 流量投放小店通 "
    "对赌流量激励 高额流量券奖励",
    "service_provider": "官方授牌 现金返点 积分权益 高额拉新奖励 线索推荐工具 流量投放工具 生意参谋工具 "
    "官方资源位 专属活动流量扶持",
}


def test_builtins_cover_the_seed_plan_for_each_role() -> None:
    by_zh = {p.zh: p for p in BUILTIN}
    for role, names in SEED_PLAN.items():
        for zh in names.split():
            assert zh in by_zh, zh
            assert by_zh[zh].roles == (role,), zh
    assert sum(len(n.split()) for n in SEED_PLAN.values()) == len(BUILTIN)


def test_builtin_figures_say_they_are_illustrative() -> None:
    assert "illustrative" in label("plan.illustrative", "en") and "示意" in label(
        "plan.illustrative", "zh"
    )


def test_active_and_eligible() -> None:
    three = BUILTIN_BY_ID["new_store_commission_free"]  # periods=3, streamers
    assert [three.active(t) for t in (1, 3, 4)] == [True, True, False]
    assert BUILTIN_BY_ID["brand_jbp"].active(600)  # no periods: always
    assert three.eligible("streamer") and not three.eligible("factory")
    assert three.eligible(None)  # a merchant without a role is not warned
    assert Policy("x", "x", "x").eligible("factory")  # no roles: everyone


# --- terms(): order, sums, activity ----------------------------------------------------------

REPLACE_4 = policy("replace", "r", "r", commission_rate=0.04)
HALF_OFF = policy("half", "h", "h", commission_discount=0.5)


def test_terms_apply_in_listed_order() -> None:
    # replace then discount: 10% → 4% → 4% × (1 − 50%) = 2%
    assert terms([REPLACE_4, HALF_OFF], 0.10).commission_rate == approx(0.02)
    # discount then replace: 10% → 10% × (1 − 50%) = 5% → replaced by 4%
    assert terms([HALF_OFF, REPLACE_4], 0.10).commission_rate == approx(0.04)


def test_discounts_compound() -> None:
    fifth_off = BUILTIN_BY_ID["brand_jbp"]  # commission_discount 20%
    # 10% × (1 − 50%) × (1 − 20%) = 4%
    assert terms([HALF_OFF, fifth_off], 0.10).commission_rate == approx(0.04)


def test_no_policies_leave_the_rate_alone() -> None:
    assert terms([], 0.07) == Terms(0.07, 0.0, 0.0, 0.0)


def test_bonuses_and_rebates_add_up() -> None:
    b = BUILTIN_BY_ID
    listed = [
        b["promotion_support"],  # 30,000 visitors
        b["traffic_coupon"],  # 50,000 visitors
        b["cash_rebate"],  # 5% of traffic
        policy("more", "m", "m", rebate_rate=0.01),  # 1% of traffic (the default base)
        b["points_rights"],  # 0.5% of gmv
        b["new_merchant_reward"],  # 1% of gmv
    ]
    t = terms(listed, 0.05, period=1, bet_bonus=1_000)
    assert t.commission_rate == 0.05
    assert t.bonus_uv == approx(1_000 + 30_000 + 50_000)  # a bet's bonus is added too
    assert t.rebate_traffic_rate == approx(0.05 + 0.01)
    assert t.rebate_gmv_rate == approx(0.005 + 0.01)


def test_inactive_policies_are_skipped() -> None:
    b = BUILTIN_BY_ID
    listed = [
        b["new_store_commission_free"],  # periods 3
        b["brand_jbp"],  # always: 20% off
        b["traffic_coupon"],  # periods 3
        b["promotion_support"],  # periods 1
        b["new_merchant_reward"],  # periods 3
    ]
    # period 3: 10% → 0 → 0 × 80% = 0; 50,000 coupon visitors; 1% of gmv
    assert terms(listed, 0.10, period=3) == approx(Terms(0.0, 50_000, 0.0, 0.01))
    # period 4: only brand_jbp is left: 10% × 80% = 8%
    assert terms(listed, 0.10, period=4) == approx(Terms(0.08, 0.0, 0.0, 0.0))


def test_a_bet_gives_nothing_through_terms() -> None:
    assert terms([BUILTIN_BY_ID["traffic_bet"]], 0.05) == Terms(0.05)


# --- bet_bonus() -----------------------------------------------------------------------------


def test_bet_pays_only_when_gmv_reaches_the_target() -> None:
    bet = [BUILTIN_BY_ID["traffic_bet"]]  # ¥50万 target, 10万 visitors
    assert bet_bonus(bet, 1, 499_999.99) == 0
    assert bet_bonus(bet, 1, 500_000) == 100_000  # the target itself counts
    assert bet_bonus(bet, 7, 2_000_000) == 100_000  # no periods: any period, a fixed bonus


def test_bet_pays_only_while_active() -> None:
    two = policy("b", "b", "b", bet=Bet(gmv_target=100, public_uv_bonus=10), periods=2)
    assert [bet_bonus([two], t, 1_000) for t in (1, 2, 3)] == [10, 10, 0]


def test_bets_add_up_and_other_policies_are_ignored() -> None:
    small = policy("s", "s", "s", bet=Bet(gmv_target=100, public_uv_bonus=10))
    big = policy("g", "g", "g", bet=Bet(gmv_target=1_000, public_uv_bonus=500))
    coupon = BUILTIN_BY_ID["traffic_coupon"]
    assert bet_bonus([small, big, coupon], 1, 999) == 10
    assert bet_bonus([small, big, coupon], 1, 1_000) == 510
    assert bet_bonus([], 1, 1e9) == 0


# --- the file's policies and {use: ID, ...} --------------------------------------------------


def test_from_definition_names_and_defaults() -> None:
    bare = from_definition("mine", PolicyDef(None, None, Effects(rebate_rate=0.02)))
    assert (bare.id, bare.zh, bare.en, bare.roles) == ("mine", "mine", "mine", ())
    assert (
        bare.effects.rebate_rate,
        bare.effects.rebate_base,
        bare.effects.periods,
        bare.note,
    ) == (
        0.02,
        "traffic",
        None,
        "",
    )
    texty = from_definition("t", PolicyDef("自定义", ("brand",), Effects()))
    assert (texty.zh, texty.en, texty.roles) == ("自定义", "自定义", ("brand",))
    both = from_definition("b", PolicyDef(("双语", "Both"), None, Effects()))
    assert (both.zh, both.en) == ("双语", "Both")


REPLACED = """\
name: replaced
policies:
  cash_rebate: {name: {zh: 自家返点, en: Our rebate}, rebate_rate: 2%}
  extra: {public_uv_bonus: 10}
merchants:
  - id: m
    name: M
    role: factory
    policies: [cash_rebate, extra]
    content: {private_uv: 1000, public_uv: 1000, watch_minutes: 2, orders_per_minute: 1%, aov: 50,
              public_cost_per_uv: 0.5}
"""


def test_a_file_policy_replaces_the_builtin_with_the_same_id() -> None:
    s = scenario(REPLACED)
    table = policy_table(s)
    mine = table["cash_rebate"]
    # replaced, not merged: the built-in's roles and note are gone, the rest are defaults
    assert mine == policy("cash_rebate", "自家返点", "Our rebate", rebate_rate=0.02)
    assert table["extra"].effects.public_uv_bonus == 10
    assert table["brand_jbp"] is BUILTIN_BY_ID["brand_jbp"]
    assert (
        BUILTIN_BY_ID["cash_rebate"].effects.rebate_rate == 0.05
    )  # the built-in table is untouched
    assert policy_table(scenario()) == BUILTIN_BY_ID  # a file without policies: the built-ins
    policies, notices = merchant_policies(s.merchants[0], table)
    assert [p.id for p in policies] == ["cash_rebate", "extra"]
    assert notices == ()  # the replacement has no roles: a factory may use it


def test_use_overrides_only_the_named_effect() -> None:
    text = REPLACED.replace("[cash_rebate, extra]", "[{use: cash_rebate, rebate_rate: 1%}]")
    merchant = scenario(text).merchants[0]._replace(role="service_provider")
    (p,), notices = merchant_policies(merchant, BUILTIN_BY_ID)  # the built-in, not the file's
    assert p == with_effects(BUILTIN_BY_ID["cash_rebate"], Effects(rebate_rate=0.01))
    # everything else is the built-in's: names, roles, base, note
    assert (p.zh, p.roles, p.effects.rebate_base, p.effects.periods) == (
        "现金返点",
        ("service_provider",),
        "traffic",
        None,
    )
    assert notices == ()
    assert BUILTIN_BY_ID["cash_rebate"].effects.rebate_rate == 0.05  # the table itself is untouched


def test_use_overrides_several_effects_and_a_custom_policy() -> None:
    text = REPLACED.replace(
        "[cash_rebate, extra]",
        "[{use: points_rights, rebate_base: traffic, periods: 2}, {use: extra, public_uv_bonus: 99}]",
    )
    s = scenario(text)
    (points, extra), _ = merchant_policies(s.merchants[0], policy_table(s))
    assert (points.effects.rebate_rate, points.effects.rebate_base, points.effects.periods) == (
        0.005,
        "traffic",
        2,
    )
    assert extra == policy("extra", "extra", "extra", public_uv_bonus=99)


# --- warnings --------------------------------------------------------------------------------


def test_an_ineligible_role_is_warned_and_still_applied() -> None:
    text = REPLACED.replace("[cash_rebate, extra]", "[{use: traffic_coupon, public_uv_bonus: 500}]")
    s = scenario(text)
    policies, notices = merchant_policies(s.merchants[0], policy_table(s))
    assert [p.id for p in policies] == ["traffic_coupon"]
    assert notices == (
        Notice(
            "policy.ineligible",
            (("policy", "traffic_coupon"), ("roles", "streamer"), ("role", "factory")),
            ("policies", 0),  # where it is listed (validate's JSON locates it)
        ),
    )
    assert notice_text(notices[0], "en") == (
        "policy 'traffic_coupon' is for streamer, not factory; applied anyway"
    )
    r = compare_scenario(s, "t.yaml").merchants[0]
    assert r.warnings == notices
    assert r.content is not None and r.content.bonus_uv == 500  # applied anyway


def test_a_merchant_without_a_role_is_not_warned() -> None:
    s = scenario(REPLACED.replace("    role: factory\n", "").replace("extra]", "traffic_coupon]"))
    assert merchant_policies(s.merchants[0], policy_table(s))[1] == ()


def test_policies_without_content_are_warned() -> None:
    text = REPLACED.replace(
        "    content: {private_uv: 1000, public_uv: 1000, watch_minutes: 2, orders_per_minute: 1%, "
        "aov: 50,\n              public_cost_per_uv: 0.5}\n",
        "    shelf: {uv: 100, conversion_rate: 1%, aov: 10}\n",
    ).replace("[cash_rebate, extra]", "[brand_jbp]")
    s = scenario(text)
    _, notices = merchant_policies(s.merchants[0], policy_table(s))
    # the role warning first (policy order), then the missing content model
    assert [n.key for n in notices] == ["policy.ineligible", "policies.without_content"]
    assert notices[1] == Notice("policies.without_content", (), ("policies",))
    r = compare_scenario(s, "t.yaml").merchants[0]
    assert r.content is None and r.shelf is not None and r.warnings == notices
    assert "content model only" in notice_text(notices[1], "en")


def test_no_policies_no_warnings() -> None:
    r = compare_scenario(scenario(), "t.yaml").merchants[0]
    assert r.policies == () and r.warnings == ()


# --- one period with policies, by hand (SPEC §4 + §6) ----------------------------------------

ONE_PERIOD = """\
name: one period
merchants:
  - id: traffic
    name: Rebate on traffic
    role: service_provider
    cogs_rate: 40%
    policies: [cash_rebate]
    content: &c {private_uv: 1000, public_uv: 1000, watch_minutes: 2, orders_per_minute: 1%,
                 aov: 50, public_cost_per_uv: 0.5, commission_rate: 10%, refund_rate: 20%,
                 content_cost: 100}
  - id: gmv
    name: Rebate on GMV
    role: service_provider
    cogs_rate: 40%
    policies: [points_rights]
    content: *c
  - id: mixed
    name: Everything at once
    role: streamer
    cogs_rate: 40%
    policies:
      - {use: traffic_coupon, public_uv_bonus: 500}
      - event_commission_cut
      - new_merchant_reward
      - cash_rebate
      - {use: traffic_bet, bet: {gmv_target: 1, public_uv_bonus: 1000000}}
    content: *c
"""


def one_period() -> dict[str, MerchantResult]:
    result = compare_scenario(scenario(ONE_PERIOD), "t.yaml")
    return {m.id: m for m in result.merchants}


def content(m: MerchantResult) -> ModelResult:
    assert m.content is not None
    return m.content


def test_rebate_on_traffic_by_hand() -> None:
    m = one_period()["traffic"]
    r = content(m)
    assert (r.private_uv, r.public_uv, r.bonus_uv, r.uv) == (1000, 1000, 0, 2000)
    assert r.conversion == approx(0.02)  # 2 minutes × 1% per minute
    assert r.orders == approx(40)  # 2,000 × 2% × 1
    assert r.gmv == approx(2_000)  # 40 × 50
    assert r.refunds == approx(400)  # 2,000 × 20%
    assert r.net_gmv == approx(1_600)
    assert r.costs.traffic == approx(500)  # 1,000 paid visitors × 0.5
    assert r.costs.commission == approx(160)  # 1,600 × 10%
    assert r.costs.content == 100
    assert r.costs.goods == approx(640)  # 1,600 × 40%
    assert r.costs.total == approx(1_400)  # 500 + 160 + 0 + 100 + 640
    assert r.rebate == approx(25)  # cash_rebate: 5% × traffic 500
    assert r.contribution == approx(225)  # 1,600 − 1,400 + 25
    assert r.roi == approx(4)  # 2,000 ÷ 500
    assert m.warnings == ()


def test_rebate_on_gmv_by_hand() -> None:
    r = content(one_period()["gmv"])
    assert r.gmv == approx(2_000) and r.costs.total == approx(1_400)  # as above
    assert r.rebate == approx(10)  # points_rights: 0.5% × gmv 2,000
    assert r.contribution == approx(210)  # 1,600 − 1,400 + 10


def test_several_policies_in_one_period_by_hand() -> None:
    m = one_period()["mixed"]
    r = content(m)
    # 500 free coupon visitors; the bet pays only in a later period, so nothing here
    assert (r.private_uv, r.public_uv, r.bonus_uv, r.uv) == (1000, 1000, 500, 2500)
    assert r.gmv == approx(2_500)  # 2,500 × 2% × 50
    assert r.net_gmv == approx(2_000)  # 2,500 − 20%
    assert r.costs.traffic == approx(500)  # bonus visitors cost nothing
    assert r.commission_rate == approx(0.05)  # 10% × (1 − 50%) in the event period
    assert r.costs.commission == approx(100)  # 2,000 × 5%
    assert r.costs.goods == approx(800)  # 2,000 × 40%
    assert r.costs.total == approx(1_500)  # 500 + 100 + 0 + 100 + 800
    assert r.rebate == approx(50)  # 5% × traffic 500 + 1% × gmv 2,500 = 25 + 25
    assert r.contribution == approx(550)  # 2,000 − 1,500 + 50
    # new_merchant_reward and cash_rebate are for service providers: warned, applied anyway
    assert [dict(n.params)["policy"] for n in m.warnings] == [
        "new_merchant_reward",
        "cash_rebate",
    ]


def test_a_policy_declares_its_effects_once() -> None:
    """Policy holds an Effects (plan.py): the seven effect fields are declared in one place."""
    assert not set(Policy._fields) & set(Effects._fields)
    assert Policy("x", "x", "x").effects.rebate_base == "traffic"  # the default base
