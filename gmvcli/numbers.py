"""Numbers as people write them in scenario files (SPEC §2): 2.5%, 15万, 15万5千, 1.2亿, 5w, 1.5千,
8万元, 1,200, ¥89, and their full-width forms (８万, ２.５％, ￥89, 1，200); durations as m:ss.

The accepted text is one regex, `NUMBER_PATTERN`, which is also the JSON Schema `pattern` that
editors check (schema.py); it means the same in Python's `re` and in ECMA-262: no `\\s` or `\\d`.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from functools import cache

from gmvcli.errors import WrongValue
from gmvcli.messages import msg

#: Anything larger than this is a typo, not a business (¥1,000万亿).
MAX_MAGNITUDE = 1e15

#: Exactly the characters of `str.isspace()`, which `str.strip()` removes.
WHITESPACE = r"[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
_W = WHITESPACE + "*"
_DIGIT = "[0-9０-９]"
_DOT = "[.．]"
_COMMA = "[,，]"
_SIGN = "[+＋\\-－]"
_UNSIGNED = (
    f"(?:{_DIGIT}{{1,3}}(?:{_COMMA}{_DIGIT}{{3}})+(?:{_DOT}{_DIGIT}+)?"  # 1,200  1,234.5
    f"|(?:{_DIGIT}+(?:{_DOT}{_DIGIT}*)?|{_DOT}{_DIGIT}+)"  # 1200  2.5  5.  .5
    f"(?:[eEｅＥ]{_SIGN}?{_DIGIT}+)?)"  # 1e3
)
#: magnitudes, largest first: (regex, power of ten)
_UNITS = (
    ("亿", 8),
    ("千万", 7),
    ("百万", 6),
    ("[万wWｗＷ]", 4),
    ("[千kKｋＫ]", 3),
)


def _terms() -> str:
    """One or more `number unit` terms in strictly decreasing magnitude (15万5千, 1亿2千万)."""
    terms = [f"{_UNSIGNED}{_W}{unit}" for unit, _ in _UNITS]
    options = []
    for i, first in enumerate(terms):
        rest = "".join(f"(?:{_W}{t})?" for t in terms[i + 1 :])
        options.append(first + rest)
    return "(?:" + "|".join(options) + ")"


#: A number written as text (SPEC §2): an optional ¥, a sign, then a number with an optional %, or
#: magnitude terms (千 k 万 w 百万 千万 亿), with an optional trailing 元.
NUMBER_PATTERN = (
    f"^{_W}(?:[¥￥]{_W})?{_SIGN}?"
    f"(?:{_UNSIGNED}{_W}[%％]|(?:{_terms()}|{_UNSIGNED})(?:{_W}元)?){_W}$"
)
NUMBER_HINT = "write a number such as 1200, 1,200, 2.5%, 15万, 1.2亿 or ¥89"


@cache
def _number() -> re.Pattern[str]:
    """The whole pattern, compiled on first need (compiling it costs ~8 ms of every start-up)."""
    return re.compile(NUMBER_PATTERN)


@cache
def _term() -> re.Pattern[str]:
    return re.compile("(" + _UNSIGNED + ")" + _W + "(" + "|".join(unit for unit, _ in _UNITS) + ")")


#: the forms most files use (89, ¥89, 2.5%, 15万, 1.2亿, 35,000) in plain ASCII: read without the
#: pattern
_SIMPLE = re.compile("(¥?)((?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:[.][0-9]+)?)(%|万|亿)?")
_SIMPLE_POWER = {"%": -2, "万": 4, "亿": 8}
_POWERS = {"亿": 8, "千万": 7, "百万": 6, "万": 4, "w": 4, "W": 4, "千": 3, "k": 3, "K": 3}

#: a duration as minutes:seconds or hours:minutes:seconds (`watch_minutes: "4:30"` = 4.5)
_DURATION = re.compile(f"^{_W}([0-9]+):([0-5][0-9])(?::([0-5][0-9]))?{_W}$")


class NumberError(WrongValue):
    """A value that is not a number of SPEC §2; `hint` says how to write it."""


def parse_number(value: object, *, duration: bool = False) -> float:
    """Turn a YAML number or a number string ("2.5%", "15万", "1,200", "¥89") into a finite float;
    with `duration`, also "m:ss" and "h:mm:ss" as minutes."""
    if type(value) is str:  # the common case first (as the branch for str below)
        number = _parse_text(value, duration)
    elif isinstance(value, bool) or value is None:
        raise NumberError(msg("number.not_number"))
    elif isinstance(value, int):
        number = float(value) if abs(value) <= MAX_MAGNITUDE else math.inf
    elif isinstance(value, float):
        number = value
    elif isinstance(value, str):
        number = _parse_text(value, duration)
    else:
        raise NumberError(msg("number.not_number"))
    if not math.isfinite(number):
        raise NumberError(msg("number.not_finite"))
    if abs(number) > MAX_MAGNITUDE:
        raise NumberError(msg("number.too_large"))
    return number + 0.0  # -0.0 → 0.0


def parse_duration(value: object) -> float:
    """Minutes from a number, a number string, "m:ss" or "h:mm:ss" (SPEC §2 duration fields)."""
    return parse_number(value, duration=True)


def as_minutes(value: object) -> object:
    """A duration written "m:ss" or "h:mm:ss" as minutes; any other value unchanged."""
    if isinstance(value, str) and _DURATION.fullmatch(value):
        return parse_duration(value)
    return value


def quick_number(text: str) -> float | None:
    """The number `_parse_text` reads from the commonest plain forms (89, 1.5, ¥89, 15%, 2.5%,
    15万, 1.2亿: ASCII digits, no separators or spaces), computed as it computes them, its range
    not checked; None for any other text, which `parse_number` then reads (or words as a problem).
    Validation tries it first for every number field: one call, no pattern."""
    power = _SIMPLE_POWER.get(text[-1:])
    body = text if power is None else text[:-1]
    if body[:1] == "¥":
        body = body[1:]
    if body.isdigit():  # 5%, 30万, 89: no fraction
        digits, fraction = body, ""
    else:
        whole, _, fraction = body.partition(".")
        if not whole.isdigit() or not fraction.isdigit():
            return None
        digits = whole + fraction
    if not body.isascii() or len(body) > 28:
        return None
    if power is None:
        return float(body)
    power -= len(fraction)
    return int(digits) / _TENS[-power] if power < 0 else float(int(digits) * _TENS[power])


#: 10**n for the powers quick_number divides or multiplies by (at most 28 digits, 亿)
_TENS = tuple(10**n for n in range(40))


def _parse_text(text: str, duration: bool = False) -> float:
    if duration:
        clock = _DURATION.fullmatch(text)
        if clock is not None:
            first, second, third = clock.groups()
            if third is None:  # m:ss
                return int(first) + int(second) / 60
            return int(first) * 60 + int(second) + int(third) / 60  # h:mm:ss
    simple = _SIMPLE.fullmatch(text) if len(text) <= 40 else None
    if simple is not None:  # the number the Decimal arithmetic below gives, for the common forms
        _, digits, unit = simple.groups()
        digits = digits.replace(",", "")
        if unit is None:
            return float(digits)  # correctly rounded, as float(Decimal(digits)) is
        whole, _, fraction = digits.partition(".")
        if len(whole) + len(fraction) <= 28:  # within Decimal's precision, where it is exact
            # digits × 10^power exactly, rounded once: int arithmetic is exact and `/` of two
            # ints is correctly rounded, as float() of the exact Decimal is
            mantissa = int(whole + fraction)
            power = _SIMPLE_POWER[unit] - len(fraction)
            return mantissa / 10**-power if power < 0 else float(mantissa * 10**power)
        if unit == "%":
            return float(Decimal(digits) / 100)
        return float(Decimal(digits) * Decimal(10) ** _SIMPLE_POWER[unit])
    if len(text) > 400 or not _number().search(text):
        if text.strip().lower().lstrip("+-") in ("nan", "inf", "infinity", ".nan", ".inf"):
            raise NumberError(msg("number.not_finite"))
        hint = msg("hint.duration_forms" if duration else "hint.number_forms")
        if len(text) > 400 and re.fullmatch(r"\s*[+-]?[0-9]+\s*", text):
            raise NumberError(msg("number.too_large"))
        raise NumberError(msg("number.unreadable"), hint)
    import unicodedata  # only the full forms need it (its import is start-up time)

    s = unicodedata.normalize("NFKC", text).strip()
    if s.startswith("¥"):
        s = s[1:].strip()
    negative = s.startswith("-")
    s = s.lstrip("+-")
    if s.endswith("元"):
        s = s[:-1].strip()
    try:
        if s.endswith("%"):
            number = Decimal(s[:-1].strip().replace(",", "")) / 100
        else:
            terms = _term().findall(s)
            if terms:
                number = sum(
                    (Decimal(n.replace(",", "")) * Decimal(10) ** _POWERS[u] for n, u in terms),
                    Decimal(0),
                )
            else:
                number = Decimal(s.replace(",", ""))
        result = float(-number if negative else number)
    except ArithmeticError:  # decimal.Overflow for 1e1000000
        raise NumberError(msg("number.too_large")) from None
    if not math.isfinite(result):  # 1e400: beyond a float, not "infinity" as written
        raise NumberError(msg("number.too_large"))
    return result
