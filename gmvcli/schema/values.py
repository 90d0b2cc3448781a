"""What JSON Schema can say of each kind of value of `model.KINDS`: the number strings of SPEC §2,
the distributions of §8, choices and ids, each validated by the hand validator's own converter."""

from __future__ import annotations

import operator
from types import GenericAlias
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, PlainValidator, RootModel, StringConstraints, create_model
from pydantic import Field as Property

from gmvcli import model
from gmvcli.model import KINDS, MAX_PERIODS, PERIOD_LABELS, REBATE_BASES, ROLES
from gmvcli.numbers import MAX_MAGNITUDE, NUMBER_HINT, NUMBER_PATTERN, WHITESPACE

# --- the number strings of SPEC §2 ---------------------------------------------------------------
#
# What `numbers.parse_number` accepts as text is one regex, numbers.NUMBER_PATTERN, that means the
# same in Python's `re` and in ECMA-262 (the dialect of JSON Schema's `pattern`, used by editors).
# tests/test_schema.py checks it against parse_number.

_NOT_WHITESPACE = "[^" + WHITESPACE[1:]


class NumberText(RootModel[Annotated[str, StringConstraints(pattern=NUMBER_PATTERN)]]):
    """A number written as text (SPEC §2): 2.5%, 15万, 1.2亿, 1,200, ¥89."""

    # patternErrorMessage: what VS Code and yaml-language-server show instead of the regex
    model_config = ConfigDict(
        json_schema_extra={"x-zh": "文本形式的数字", "patternErrorMessage": NUMBER_HINT}
    )


# --- types built at run time (written as calls: they are values, not type expressions) ----------


def _choice(options: tuple[str, ...]) -> Any:
    return operator.getitem(Literal, options)


def annotated(annotation: Any, *metadata: Any) -> Any:
    return operator.getitem(Annotated, (annotation, *metadata))


def list_of(item: Any) -> Any:
    return GenericAlias(list, (item,))


def dict_of(key: Any, value: Any) -> Any:
    return GenericAlias(dict, (key, value))


def _number(*, ge: float | None = None, gt: float | None = None, le: float | None = None) -> Any:
    """A JSON number within bounds, or a number written as text."""
    return annotated(float, Property(ge=ge, gt=gt, le=le)) | NumberText


_MAX = int(MAX_MAGNITUDE)  # written 1000000000000000, not 1000000000000000.0

_NUMBER_BODY = NUMBER_PATTERN[1:-1]


class RangeText(
    RootModel[Annotated[str, StringConstraints(pattern=f"^{_NUMBER_BODY} to {_NUMBER_BODY}$")]]
):
    """An uncertain value "a to b": lognormal with a and b as its 5th and 95th percentiles (SPEC §8)."""

    model_config = ConfigDict(json_schema_extra={"x-zh": "区间（对数正态，90%区间）"})


_DIST_FIELDS = {
    "low": ("lowest value", "最低值"),
    "high": ("highest value", "最高值"),
    "mode": ("most likely value", "最可能值"),
    "mean": ("mean", "均值"),
    "sd": ("standard deviation", "标准差"),
}


def _uncertain(kind: str, number: Any) -> Any:
    """`number`, or one of the distributions of SPEC §8 over such numbers."""

    def shape(name: str, zh: str, doc: str, fields: tuple[str, ...]) -> Any:
        definitions: dict[str, Any] = {
            f: (
                number,
                Property(
                    description=_DIST_FIELDS[f][0],
                    title=_DIST_FIELDS[f][1],
                    json_schema_extra={"x-zh": _DIST_FIELDS[f][1]},
                ),
            )
            for f in fields
        }
        return create_model(
            f"{name}{kind.capitalize()}",
            __config__=ConfigDict(extra="forbid", json_schema_extra={"x-zh": zh}),
            __doc__=f"{doc} ({kind} field)",
            **definitions,
        )

    return (
        number
        | shape("Uniform", "均匀分布", "Uniform between low and high (SPEC §8)", ("low", "high"))
        | shape(
            "Triangular",
            "三角分布",
            "Triangular: low, most likely, high (SPEC §8)",
            ("low", "mode", "high"),
        )
        | shape(
            "Normal", "正态分布", "Normal: mean and standard deviation (SPEC §8)", ("mean", "sd")
        )
        | RangeText
    )


#: What JSON Schema can say of each value kind of `model.KINDS`.
_JSON_TYPES: dict[str, Any] = {
    "rate": _uncertain("rate", _number(ge=0, le=1)),
    "count": _uncertain("count", _number(ge=0, le=_MAX)),
    "money": _uncertain("money", _number(ge=0, le=_MAX)),
    "positive": _uncertain("positive", _number(gt=0, le=_MAX)),
    "growth": _uncertain("growth", _number(ge=-1, le=1)),
    "periods": annotated(int, Property(ge=1, le=MAX_PERIODS)) | NumberText,
    "version": Literal[1] | NumberText,
    "text": annotated(str, StringConstraints(pattern=_NOT_WHITESPACE)),
    "id": annotated(str, StringConstraints(pattern=f"^{model._ID.pattern}$")),
    "role": _choice(ROLES),
    "period": _choice(PERIOD_LABELS),
    "rebate_base": _choice(REBATE_BASES),
    "rank": annotated(float, Property(gt=-1, lt=1)) | NumberText,
}
if set(_JSON_TYPES) != set(KINDS):
    raise RuntimeError("gmvcli.schema and model.KINDS do not name the same kinds of value")


def value_kind(kind: str) -> Any:
    """A value of a `model.KINDS` kind: validated by the hand converter, described as JSON."""
    plain = KINDS[kind][0]

    def converter(raw: Any) -> Any:
        if kind in model.BOUNDS:
            try:
                distribution = model.parse_distribution(raw, kind)
            except model.Invalid as exc:
                raise ValueError(exc.message) from None
            if distribution is not None:
                return plain(distribution.central())
        return plain(raw)

    return annotated(Any, PlainValidator(converter, json_schema_input_type=_JSON_TYPES[kind]))
