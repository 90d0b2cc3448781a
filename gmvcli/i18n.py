"""How numbers are written in each language (万/亿 or thousands separators), and which language a
run speaks. The words themselves live in the catalogue, `gmvcli.messages`."""

from __future__ import annotations

import math
import os
from collections.abc import Mapping

from gmvcli.messages import CATALOGUE, LANGS, text
from gmvcli.rows import QUANTITIES

__all__ = ["LANGS", "default_lang", "label", "magnitude", "message", "money", "percent"]

#: every variable of the §4 rows: (en, zh, how its value is written), from the row registry
VARIABLES: dict[str, tuple[str, str, str]] = {q.key: (q.en, q.zh, q.written) for q in QUANTITIES}


def default_lang(environ: Mapping[str, str] | None = None) -> str:
    """zh when LC_ALL (or else LANG) starts with zh, otherwise en."""
    env = os.environ if environ is None else environ
    value = env.get("LC_ALL") or env.get("LANG") or ""
    return "zh" if value.lower().startswith("zh") else "en"


def label(key: str, lang: str) -> str:
    """A word of the output (a column, a model, a unit) from the catalogue, as written there."""
    en, zh = CATALOGUE[key]
    return zh if lang == "zh" else en


def message(key: str, lang: str, **params: object) -> str:
    """A sentence of the output from the catalogue, its parameters filled."""
    return text(key, lang, **params)


def _trim(text: str) -> str:
    return text.rstrip("0").rstrip(".") if "." in text else text


def magnitude(value: float, lang: str) -> str:
    """A count: 888,165 in en; 88.8万 / 1.23亿 in zh (three significant digits)."""
    if not math.isfinite(value):
        return str(value)
    sign = "-" if value < 0 else ""
    size = abs(value)
    if lang == "zh":
        for unit, scale in (("亿", 1e8), ("万", 1e4)):
            if size >= scale:
                scaled = size / scale
                digits = len(str(int(scaled)))
                text = _trim(f"{scaled:.{max(0, 3 - digits)}f}")
                if text == "10000" and unit == "万":
                    text, unit = "1", "亿"
                return f"{sign}{text}{unit}"
        return sign + (_trim(f"{size:.2f}") if size < 100 else f"{size:.0f}")
    if size < 100 and size != int(size):
        return sign + _trim(f"{size:,.2f}")
    return f"{sign}{size:,.0f}"


def money(value: float, lang: str, currency: str = "CNY") -> str:
    """¥888,165 (en) or ¥88.8万 (zh); negative amounts as -¥4,200."""
    symbol = "¥" if currency == "CNY" else f"{currency} "
    text = magnitude(value, lang)
    if text.startswith("-"):
        return f"-{symbol}{text[1:]}"
    return f"{symbol}{text}"


#: per-order prices a merchant types (客单价): shown to the cent they have, never rounded to another
#: whole number (¥189.9, not ¥190; ¥99,999.99, not ¥100,000); totals stay whole (README, Tables)
PRICES = frozenset({"aov"})


def price(value: float, lang: str, currency: str) -> str:
    """A price as typed: ¥89, ¥89.9, ¥99,999.99 (en) / ¥99999.99, ¥12万, ¥123456 (zh)."""
    cents = round(value, 2)
    shown = money(cents, lang, currency)
    size = abs(cents)
    if size < 100 or (cents == int(cents) and (lang != "zh" or size < 10_000)):
        return shown  # written in full already (¥89.9, ¥100,000, ¥5000)
    if lang == "zh" and cents == int(cents):
        number = shown.lstrip("-").removeprefix("¥").removeprefix(f"{currency} ")
        unit = {"万": 1e4, "亿": 1e8}.get(number[-1:], 1.0)
        if unit > 1 and float(number[:-1]) * unit == size:
            return shown  # ¥12万 is exact
    symbol = "¥" if currency == "CNY" else f"{currency} "
    digits = _trim(f"{size:,.2f}" if lang != "zh" else f"{size:.2f}")
    return ("-" if cents < 0 else "") + symbol + digits


def percent(value: float) -> str:
    """0.025 → 2.5%."""
    return _trim(f"{value * 100:.2f}") + "%"


def times(value: float | None) -> str:
    """A ratio as 2.1× (two decimals, trimmed)."""
    if value is None:
        return "—"
    return _trim(f"{value:.2f}") + "×"


def plain(value: float, decimals: int = 2) -> str:
    return _trim(f"{value:,.{decimals}f}")
