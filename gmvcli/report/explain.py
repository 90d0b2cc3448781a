"""The explanation of a merchant: each model's inputs, policy changes and steps, worded by the
same functions as `gmvcli explain`."""

from __future__ import annotations

from gmvcli.explain import MerchantExplanation
from gmvcli.i18n import label, percent
from gmvcli.report.texts import text
from gmvcli.report.view import ExplainModel


def explain_models(e: MerchantExplanation, lang: str, currency: str) -> tuple[ExplainModel, ...]:
    """Each model of the explanation, worded for `lang`."""
    from gmvcli.render.explain import change_text, step_text

    out = []
    for model in e.models:
        policies = [change_text(c, lang, currency) for c in model.policies]
        if (
            model.terms is not None
            and model.base_commission_rate is not None
            and model.terms.commission_rate != model.base_commission_rate
        ):
            policies.append(
                f"commission_rate {percent(model.base_commission_rate)} → "
                f"{percent(model.terms.commission_rate)}"
            )
        out.append(
            ExplainModel(
                text("explain.model", lang, model=label(model.model, lang)),
                tuple(step_text(s, lang, currency) for s in model.inputs),
                tuple(policies),
                tuple(step_text(s, lang, currency) for s in model.steps),
            )
        )
    return tuple(out)
