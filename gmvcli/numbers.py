"""Numbers as people write them in scenario files: 2.5%, 15万, 1.2亿, 1,200, ¥89 (SPEC §2)."""

from __future__ import annotations

import math
import re
from decimal import Decimal

from gmvcli.messages import Msg, msg

#: Anything larger than this is a typo, not a business (¥1,000万亿).
MAX_MAGNITUDE = 1e15

_PLAIN = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?", re.ASCII)
_SCALE = {"%": Decimal("0.01"), "万": Decimal(10_000), "亿": Decimal(100_000_000)}


class NumberError(ValueError):
    """A value that is not a number of SPEC §2; `hint` says how to write it."""

    def __init__(self, message: Msg, hint: Msg | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.hint = hint


def parse_number(value: object) -> float:
    """Turn a YAML number or a number string ("2.5%", "15万", "1,200", "¥89") into a finite float."""
    if isinstance(value, bool) or value is None:
        raise NumberError(msg("number.not_number"))
    if isinstance(value, int):
        number = float(value) if abs(value) <= MAX_MAGNITUDE else math.inf
    elif isinstance(value, float):
        number = value
    elif isinstance(value, str):
        number = _parse_text(value)
    else:
        raise NumberError(msg("number.not_number"))
    if not math.isfinite(number):
        raise NumberError(msg("number.not_finite"))
    if abs(number) > MAX_MAGNITUDE:
        raise NumberError(msg("number.too_large"))
    return number + 0.0  # -0.0 → 0.0


def _parse_text(text: str) -> float:
    s = text.strip().replace("，", ",").replace("％", "%")
    if s[:1] in ("¥", "￥"):
        s = s[1:].strip()
    scale = Decimal(1)
    if s[-1:] in _SCALE:
        scale = _SCALE[s[-1]]
        s = s[:-1].strip()
    if s.lower().lstrip("+-") in ("nan", "inf", "infinity", ".nan", ".inf"):
        raise NumberError(msg("number.not_finite"))
    if _GROUPED.fullmatch(s):
        s = s.replace(",", "")
    elif not _PLAIN.fullmatch(s):
        raise NumberError(msg("number.unreadable"), msg("hint.number_forms"))
    try:
        number = float(Decimal(s) * scale)
    except ArithmeticError:  # decimal.Overflow for 1e1000000 or a megabyte of digits
        raise NumberError(msg("number.too_large")) from None
    return number
