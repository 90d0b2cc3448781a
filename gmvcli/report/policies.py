"""The policies section of a merchant: each policy it uses, worded as `gmvcli policies` words it,
and what they change (the content model compared and forecast without them)."""

from __future__ import annotations

from typing import Any

from gmvcli.compare import MerchantResult, compare_merchant
from gmvcli.forecast import MerchantForecast, forecast_merchant, settings
from gmvcli.i18n import money
from gmvcli.model import Scenario
from gmvcli.policies import Policy, merchant_policies
from gmvcli.render.data import r2
from gmvcli.render.words import fmt
from gmvcli.report.texts import period_unit, text
from gmvcli.report.view import PoliciesView, PolicyItem, Table


def _effects(p: Policy, lang: str) -> tuple[str, ...]:
    """What a policy does, worded as `gmvcli policies` words it (its periods are shown apart)."""
    from gmvcli.render.policies import effects_text

    return tuple(
        effects_text(p._replace(effects=p.effects._replace(periods=None)), lang).split(" · ")
    )


def policies_view(
    scenario: Scenario,
    index: int,
    m: MerchantResult,
    f: MerchantForecast,
    table: dict[str, Policy],
    lang: str,
    currency: str,
) -> PoliciesView:
    """The section for the merchant at `index` of the file."""
    merchant = scenario.merchants[index]
    policies, _ = merchant_policies(merchant, table)
    unit = period_unit(scenario.period, lang)
    items = tuple(
        PolicyItem(
            p.zh if lang == "zh" else p.en,
            p.id,
            text("policies.active_all", lang)
            if p.effects.periods is None
            else text("policies.active_first", lang, unit=unit)
            if p.effects.periods == 1
            else text("policies.active_until", lang, unit=unit, n=p.effects.periods),
            _effects(p, lang),
        )
        for p in policies
    )
    if not policies:
        return PoliciesView((), text("policies.none", lang), None)
    if merchant.content is None or m.content is None:
        return PoliciesView(items, text("policies.content_only", lang), None)
    bare = merchant._replace(policies=())
    without = compare_merchant(bare, table).content
    assert without is not None
    rows = [
        ("impact.gmv1", without.gmv, m.content.gmv),
        ("impact.contribution1", without.contribution, m.content.contribution),
    ]
    params: dict[str, Any] = {}
    if f.error is None and f.content_totals is not None:
        cfg = settings(scenario, merchant, len(f.periods))
        bare_periods = forecast_merchant(bare, (), cfg)
        total = sum(p.content.contribution for p in bare_periods if p.content is not None)
        rows.append(("impact.contribution_total", total, f.content_totals.contribution))
        params = {"n": len(f.periods), "unit": unit}
    impact = Table(
        (
            text("col.item", lang),
            text("col.without", lang),
            text("col.with", lang),
            text("col.change", lang),
        ),
        tuple(
            (
                text(code, lang, **params)
                if code == "impact.contribution_total"
                else text(code, lang),
                money(r2(a), lang, currency),
                money(r2(b), lang, currency),
                fmt(r2(b) - r2(a), "money", lang, currency, signed=True),
            )
            for code, a, b in rows
        ),
        (False, True, True, True),
    )
    return PoliciesView(items, None, impact)
