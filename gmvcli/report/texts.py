"""The report's words: `report.CODE` entries of the message catalogue (gmvcli/messages/report.json),
the period unit, and amounts as the tables write them."""

from __future__ import annotations

from collections.abc import Callable

from gmvcli.i18n import label, money
from gmvcli.messages import text as catalogue_text


def text(code: str, lang: str, **params: object) -> str:
    """The catalogue's `report.{code}` in `lang`, its {placeholders} filled."""
    return catalogue_text(f"report.{code}", lang, **params)


def period_unit(period: str, lang: str) -> str:
    """The period unit (month, week, ...) in `lang`."""
    return label(f"unit.{period}", lang)


def money_format(lang: str, currency: str) -> Callable[[float], str]:
    """An amount as the tables write it, for a chart's axis and labels."""
    return lambda v: money(v, lang, currency)
