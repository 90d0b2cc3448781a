"""The report's words: `report.CODE` entries of the message catalogue (gmvcli/messages/report.py)."""

from __future__ import annotations

from gmvcli.messages import text as catalogue_text


def text(code: str, lang: str, **params: object) -> str:
    """The catalogue's `report.{code}` in `lang`, its {placeholders} filled."""
    return catalogue_text(f"report.{code}", lang, **params)
