"""Kinds of value in scenario files (SPEC §2, §8): each kind's converter, its valid range, and
distributions in any numeric field."""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable
from typing import Any, NamedTuple

from gmvcli.errors import WrongValue, shown
from gmvcli.messages import Worded, listing, msg
from gmvcli.numbers import NumberError, parse_number

__all__ = [
    "BOUNDS",
    "KINDS",
    "MAX_PERIODS",
    "PERIOD_LABELS",
    "REBATE_BASES",
    "ROLES",
    "Z95",
    "_ID",
    "Distribution",
    "Invalid",
    "parse_distribution",
]

ROLES = ("factory", "brand", "streamer", "service_provider")
PERIOD_LABELS = ("day", "week", "month", "quarter", "year")
REBATE_BASES = ("traffic", "gmv")
MAX_PERIODS = 600
_ID = re.compile(r"[a-z0-9_-]{1,64}")


class Invalid(WrongValue):
    """A value that does not fit its field; `hint` says how to fix it."""


# --- kinds of value ------------------------------------------------------------------------------


def _number(value: object) -> float:
    try:
        return parse_number(value)
    except NumberError as exc:
        raise Invalid(exc.message, exc.hint) from None


def _rate(value: object) -> float:
    number = _number(value)
    if not 0 <= number <= 1:
        as_percent = isinstance(value, int | float) and 1 < number <= 100
        hint = msg("hint.percent", value=shown(value)) if as_percent else None
        raise Invalid(msg("value.rate"), hint)
    return number


def _non_negative(value: object) -> float:
    number = _number(value)
    if number < 0:
        raise Invalid(msg("value.non_negative"))
    return number


def _positive(value: object) -> float:
    number = _number(value)
    if number <= 0:
        raise Invalid(msg("value.positive"))
    return number


#: the lowest cost growth a period may have: a cost that falls faster reaches 0 (at −100%, or by
#: underflow over hundreds of periods), and a budget would then buy infinitely many visitors
MIN_GROWTH = -0.5


def _growth(value: object) -> float:
    number = _number(value)
    if not MIN_GROWTH <= number <= 1:
        raise Invalid(msg("value.growth"), msg("hint.growth"))
    return number


def _periods(value: object) -> int:
    number = _number(value)
    if number != int(number) or not 1 <= number <= MAX_PERIODS:
        raise Invalid(msg("value.periods", max=MAX_PERIODS))
    return int(number)


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise Invalid(msg("value.text"))
    if not value.strip():
        raise Invalid(msg("value.empty"))
    return value


def _id(value: object) -> str:
    text = _text(value)
    if not _ID.fullmatch(text):
        raise Invalid(msg("value.id"))
    return text


def _choice(options: tuple[str, ...]) -> Callable[[object], str]:
    def check(value: object) -> str:
        if value not in options:
            match = difflib.get_close_matches(str(value), options, n=1, cutoff=0.6)
            hint = msg("hint.did_you_mean", word=match[0]) if match else None
            listed = Worded(", ".join(options), "、".join(options))
            raise Invalid(msg("value.choice", options=listed), hint)
        return str(value)

    return check


def _rank(value: object) -> float:
    number = _number(value)
    if not -1 < number < 1:
        raise Invalid(msg("corr.rank_range"), msg("corr.rank_hint"))
    return number


def _version(value: object) -> int:
    try:
        number = parse_number(value)
    except NumberError:
        number = -1.0
    if number != 1:
        raise Invalid(msg("value.version"))
    return 1


#: kind → (converter, JSON-schema type of the converted value)
KINDS: dict[str, tuple[Callable[[object], Any], str]] = {
    "rate": (_rate, "number"),
    "count": (_non_negative, "number"),
    "money": (_non_negative, "number"),
    "positive": (_positive, "number"),
    "growth": (_growth, "number"),
    "periods": (_periods, "integer"),
    "text": (_text, "string"),
    "id": (_id, "string"),
    "role": (_choice(ROLES), "string"),
    "period": (_choice(PERIOD_LABELS), "string"),
    "rebate_base": (_choice(REBATE_BASES), "string"),
    "version": (_version, "integer"),
    "rank": (_rank, "number"),
}


#: the valid range of each numeric kind: draws are clipped to it (SPEC §8)
BOUNDS: dict[str, tuple[float, float]] = {
    "rate": (0.0, 1.0),
    "count": (0.0, 1e15),
    "money": (0.0, 1e15),
    "positive": (1e-12, 1e15),
    "growth": (MIN_GROWTH, 1.0),
}
_TO = re.compile(r"\s*(.+?)\s+to\s+(.+?)\s*", re.IGNORECASE)
#: z of the 95th percentile of a normal distribution: "a to b" is a 90% interval
Z95 = 1.6448536269514722


class Distribution(NamedTuple):
    """An uncertain input (SPEC §8): uniform, triangular, lognormal ("a to b") or normal."""

    shape: str  # uniform (a=low, b=high) | triangular (a=low, b=mode, c=high)
    # | lognormal (a=5th, b=95th percentile) | normal (a=mean, b=sd)
    a: float
    b: float
    c: float
    low: float  # the field's valid range: draws are clipped to it
    high: float

    def central(self) -> float:
        """The value deterministic commands use: midpoint, mode, √(a·b), mean."""
        if self.shape == "uniform":
            return (self.a + self.b) / 2
        if self.shape == "triangular":
            return self.b
        if self.shape == "lognormal":
            return math.sqrt(self.a * self.b)
        return self.a


def parse_distribution(raw: object, kind: str) -> Distribution | None:
    """A Distribution when `raw` is written as one, else None; Invalid when it is a bad one."""
    if isinstance(raw, dict):
        keys = set(raw)
        shapes = {
            frozenset({"low", "high"}): ("uniform", ("low", "high")),
            frozenset({"low", "mode", "high"}): ("triangular", ("low", "mode", "high")),
            frozenset({"mean", "sd"}): ("normal", ("mean", "sd")),
        }
        found = shapes.get(frozenset(keys))
        if found is None:
            if keys & {"low", "high", "mode", "mean", "sd"}:
                raise Invalid(
                    msg("dist.shape"), msg("hint.got_keys", keys=listing(sorted(map(str, keys))))
                )
            return None
        shape, names = found
        values = []
        for name in names:
            try:
                values.append(parse_number(raw[name]))
            except NumberError as exc:
                raise Invalid(msg("dist.part", part=name, problem=exc.message), exc.hint) from None
        a, b = values[0], values[1]
        c = values[2] if len(values) > 2 else 0.0
    elif isinstance(raw, str) and _TO.fullmatch(raw) and kind in BOUNDS:
        match = _TO.fullmatch(raw)
        assert match is not None
        try:
            a, b = parse_number(match.group(1)), parse_number(match.group(2))
        except NumberError as exc:
            raise Invalid(
                msg("dist.part", part="'a to b'", problem=exc.message), exc.hint
            ) from None
        if a <= 0 or b <= 0:
            raise Invalid(msg("dist.lognormal_positive"))
        if a >= b:
            raise Invalid(msg("dist.lognormal_order"))
        shape, c = "lognormal", 0.0
    else:
        return None
    if kind not in BOUNDS:
        raise Invalid(msg("dist.not_uncertain"))
    low, high = BOUNDS[kind]
    if shape == "uniform" and a > b:
        raise Invalid(msg("dist.low_high"))
    if shape == "triangular" and not a <= b <= c:
        raise Invalid(msg("dist.mode"))
    if shape == "normal" and b < 0:
        raise Invalid(msg("dist.sd"))
    ends = {"uniform": (a, b), "triangular": (a, c), "lognormal": (a, b), "normal": (a, a)}[shape]
    if ends[0] < low or ends[1] > high:
        hint = None
        if kind == "rate" and 1 < ends[1] <= 100 and ends[0] >= 0:
            hint = msg("hint.percents", low=f"{ends[0]:g}", high=f"{ends[1]:g}")
        code = "dist.rate_range" if kind == "rate" else "dist.range"
        raise Invalid(msg(code, low=f"{low:g}", high=f"{high:g}"), hint)
    return Distribution(shape, a, b, c, low, high)
