"""SPEC §6: the bonus-plan policies (商家全周期红利计划) as data, and how their effects apply.

The built-in figures are illustrative defaults: the seed article names each benefit but its digits
were stripped. A file's top-level `policies:` replaces or adds entries; a merchant lists ids, or
`{use: ID, ...overrides}`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from gmvcli.model import Merchant, PolicyDef, Scenario
from gmvcli.plan import BUILTIN, BUILTIN_BY_ID, Bet, Effects, Policy, with_effects

__all__ = ["BUILTIN", "BUILTIN_BY_ID", "Bet", "Effects", "Policy"]


def from_definition(policy_id: str, definition: PolicyDef) -> Policy:
    """A Policy from a file's `policies:` entry."""
    name = definition.name
    if name is None:
        zh = en = policy_id
    elif isinstance(name, str):
        zh = en = name
    else:
        zh, en = name
    base = Policy(policy_id, zh, en, tuple(definition.roles or ()))
    return with_effects(base, definition.effects)


def policy_table(scenario: Scenario) -> dict[str, Policy]:
    """Built-ins, then the file's own policies (an equal id replaces the built-in)."""
    table = dict(BUILTIN_BY_ID)
    for policy_id, definition in scenario.policies:
        table[policy_id] = from_definition(policy_id, definition)
    return table


class Notice(NamedTuple):
    """A warning as data: a message key and its parameters, worded by i18n."""

    key: str
    params: tuple[tuple[str, object], ...] = ()
    #: where in the merchant it is, e.g. ("policies", 0): a located warning (validate's JSON)
    at: tuple[str | int, ...] = ()


def merchant_policies(
    merchant: Merchant, table: dict[str, Policy]
) -> tuple[tuple[Policy, ...], tuple[Notice, ...]]:
    """The merchant's policies in listed order, overrides applied, with eligibility warnings."""
    policies = []
    notices = []
    for j, use in enumerate(merchant.policies):
        policy = with_effects(table[use.use], use.effects)
        if not policy.eligible(merchant.role):
            notices.append(
                Notice(
                    "policy.ineligible",
                    (
                        ("policy", policy.id),
                        ("roles", ", ".join(policy.roles)),
                        ("role", merchant.role or ""),
                    ),
                    ("policies", j),
                )
            )
        policies.append(policy)
    if policies and merchant.content is None:
        notices.append(Notice("policies.without_content", (), ("policies",)))
    notices += conversion_notices(merchant)
    return tuple(policies), tuple(notices)


#: a conversion above this is possible but usually a unit mistake (SPEC §2)
HIGH_CONVERSION = 0.3


def conversion_notices(merchant: Merchant) -> list[Notice]:
    """Warnings to check the units: a conversion above 30% (either model), naming its fields."""
    out: list[Notice] = []
    if merchant.content is not None and not isinstance(merchant.content.watch_minutes, float | int):
        return out  # draws of a simulation (arrays): the central scenario has warned already
    if merchant.shelf is not None and not isinstance(merchant.shelf.conversion_rate, float | int):
        return out
    if merchant.shelf is not None and merchant.shelf.conversion_rate > HIGH_CONVERSION:
        value = f"{merchant.shelf.conversion_rate:.4g}"
        out.append(
            Notice(
                "conversion.high",
                (("fields", "shelf.conversion_rate"), ("value", value)),
                ("shelf", "conversion_rate"),
            )
        )
    if merchant.content is not None:
        conversion = merchant.content.watch_minutes * merchant.content.orders_per_minute
        if conversion > HIGH_CONVERSION:
            fields = "content.watch_minutes × content.orders_per_minute"
            out.append(
                Notice(
                    "conversion.high",
                    (("fields", fields), ("value", f"{conversion:.4g}")),
                    ("content", "orders_per_minute"),
                )
            )
    return out


class Terms(NamedTuple):
    """What the policies active in one period do to the content model."""

    commission_rate: float
    bonus_uv: float = 0.0
    rebate_traffic_rate: float = 0.0
    rebate_gmv_rate: float = 0.0


def terms(
    policies: Iterable[Policy], commission_rate: float, period: int = 1, bet_bonus: float = 0.0
) -> Terms:
    """Apply the active policies in order: rates replace or discount, bonuses and rebates add up."""
    rate = commission_rate
    bonus = bet_bonus
    rebate_traffic = rebate_gmv = 0.0
    for policy in policies:
        if not policy.active(period):
            continue
        e = policy.effects
        if e.commission_rate is not None:
            rate = e.commission_rate
        if e.commission_discount is not None:
            rate = rate * (1 - e.commission_discount)
        if e.public_uv_bonus is not None:
            bonus += e.public_uv_bonus
        if e.rebate_rate is not None:
            if e.rebate_base == "gmv":
                rebate_gmv += e.rebate_rate
            else:
                rebate_traffic += e.rebate_rate
    return Terms(rate, bonus, rebate_traffic, rebate_gmv)


def bet_bonus(policies: Sequence[Policy], period: int, gmv: float) -> float:
    """Bonus visitors earned for period+1 by the bets active in `period` whose target `gmv` reached."""
    total: Any = 0.0
    for p in policies:
        bet = p.effects.bet
        if bet is not None and p.active(period):
            # `* bonus` rather than `if`: gmv may be an array of simulated draws
            total = total + (gmv >= bet.gmv_target) * bet.public_uv_bonus
    return total  # type: ignore[no-any-return]
