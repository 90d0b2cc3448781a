"""`gmvcli schema`: the JSON Schema (draft 2020-12) of scenario files, version 1 (SPEC §2–§3, §6).

The schema is generated, never hand-written: `scenario_model()` builds one pydantic model per
section of `model.SECTIONS` (the field tables the hand validator walks), and `scenario_json_schema()`
is that model's `model_json_schema()`. Every property carries the field's English description, its
Chinese name (`x-zh`, also the `title` that editors show) and its unit (`x-unit`).

The pydantic model validates each value with the hand validator's own converter (`model.KINDS`),
so it accepts what `gmvcli` accepts field by field; the JSON Schema says as much as JSON Schema can:
a number string is checked for its form (SPEC §2) but not its range, and what needs the whole file
(unique merchant ids, known policy ids) is left to `gmvcli`.

pydantic is imported here and nowhere else, so it stays off the start-up path of the other commands.
Regenerate the shipped file with `python -m gmvcli.schema schema/scenario-v1.json`.
"""

from __future__ import annotations

import functools
import json
import operator
import sys
from collections.abc import Callable, Set
from pathlib import Path
from types import GenericAlias
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import (
    BaseModel,
    ConfigDict,
    PlainValidator,
    RootModel,
    StringConstraints,
    create_model,
    model_validator,
)
from pydantic import Field as Property
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from gmvcli import model
from gmvcli.model import KINDS, MAX_PERIODS, PERIOD_LABELS, REBATE_BASES, ROLES, SECTIONS, Field
from gmvcli.numbers import MAX_MAGNITUDE, NUMBER_HINT, NUMBER_PATTERN, WHITESPACE

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = "https://gmvcli.dev/schema/scenario-v1.json"
TITLE = "gmvcli scenario, version 1"
DESCRIPTION = (
    "A gmvcli scenario file (SPEC §3): merchants compared as shelf selling (bought traffic) and "
    "content + private domain, with a forecast (§5) and bonus-plan policies (§6). Every numeric "
    "field takes a number or a number written as text: 2.5%, 15万, 1.2亿, 1,200, ¥89 (§2); the "
    "schema checks a text number's form, gmvcli also checks its range."
)

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


def _annotated(annotation: Any, *metadata: Any) -> Any:
    return operator.getitem(Annotated, (annotation, *metadata))


def _list(item: Any) -> Any:
    return GenericAlias(list, (item,))


def _dict(key: Any, value: Any) -> Any:
    return GenericAlias(dict, (key, value))


def _number(*, ge: float | None = None, gt: float | None = None, le: float | None = None) -> Any:
    """A JSON number within bounds, or a number written as text."""
    return _annotated(float, Property(ge=ge, gt=gt, le=le)) | NumberText


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
    "periods": _annotated(int, Property(ge=1, le=MAX_PERIODS)) | NumberText,
    "version": Literal[1] | NumberText,
    "text": _annotated(str, StringConstraints(pattern=_NOT_WHITESPACE)),
    "id": _annotated(str, StringConstraints(pattern=f"^{model._ID.pattern}$")),
    "role": _choice(ROLES),
    "period": _choice(PERIOD_LABELS),
    "rebate_base": _choice(REBATE_BASES),
    "rank": _annotated(float, Property(gt=-1, lt=1)) | NumberText,
}
if set(_JSON_TYPES) != set(KINDS):
    raise RuntimeError("schema.py and model.KINDS do not name the same kinds of value")


def _kind(kind: str) -> Any:
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

    return _annotated(Any, PlainValidator(converter, json_schema_input_type=_JSON_TYPES[kind]))


#: Descriptions and zh names of the section models (`$defs`).
_SECTION_DOCS = {
    "scenario": ("A scenario file (SPEC §3).", "场景文件"),
    "merchant": ("One merchant and its models; at least one of shelf and content.", "商家"),
    "shelf": ("Shelf selling: bought traffic × conversion (SPEC §4).", "货架电商"),
    "content": ("Content + private domain: fans and paid public visitors (SPEC §4).", "内容+私域"),
    "forecast": ("Forecast settings (SPEC §5).", "预测"),
    "bet": ("对赌: reach gmv_target in a period, get the bonus in the next (SPEC §6).", "对赌"),
    "policy": ("A custom policy: name, eligible roles and effects (SPEC §6).", "自定义政策"),
    "policy_use": ("A policy by id, with effects that override its own (SPEC §6).", "政策引用"),
    "correlation": (
        "A Spearman rank correlation imposed between two distributions (SPEC §8).",
        "相关性",
    ),
}


class _Rule(NamedTuple):
    """A rule across the keys of a section (the hand validator checks it in code)."""

    schema: dict[str, Any]  # the rule as JSON Schema keywords
    holds: Callable[[Set[str]], bool]  # the same rule on the keys given
    message: str


def _budget_rule(visitors: str, budget: str, cost: str) -> dict[str, Any]:
    """A budget replaces a visitor count (not both) and needs a cost per visitor above 0."""
    return {
        "not": {"required": [visitors, budget]},
        "if": {"required": [budget]},
        "then": {
            "required": [cost],
            "properties": {
                cost: {
                    "description": f"above 0 when {budget} is given: {visitors} = {budget} ÷ {cost}",
                    "x-zh": "给出预算时必须大于 0",
                    "not": {"const": 0},
                }
            },
        },
    }


#: The cross-key rules of `model._Validator._merchants`, `._shelf` and `._content`.
_RULES: dict[str, tuple[_Rule, ...]] = {
    "shelf": (
        _Rule(
            {"anyOf": [{"required": ["uv"]}, {"required": ["traffic_budget"]}]},
            lambda keys: "uv" in keys or "traffic_budget" in keys,
            "missing required key 'uv' (or give traffic_budget)",
        ),
        _Rule(
            {"allOf": [_budget_rule("uv", "traffic_budget", "traffic_cost_per_uv")]},
            lambda keys: (
                not {"uv", "traffic_budget"} <= keys
                and ("traffic_budget" not in keys or "traffic_cost_per_uv" in keys)
            ),
            "give uv or traffic_budget (with traffic_cost_per_uv above 0), not both",
        ),
    ),
    "merchant": (
        _Rule(
            {"anyOf": [{"required": ["shelf"]}, {"required": ["content"]}]},
            lambda keys: "shelf" in keys or "content" in keys,
            "a merchant needs a shelf: or a content: section (or both)",
        ),
    ),
    "content": (
        _Rule(
            {"not": {"required": ["private_uv", "fans"]}},
            lambda keys: not {"private_uv", "fans"} <= keys,
            "give private_uv or fans (with reach_rate), not both",
        ),
        _Rule(
            {"dependentRequired": {"fans": ["reach_rate"]}},
            lambda keys: "fans" not in keys or "reach_rate" in keys,
            "fans needs reach_rate (the share of fans who watch in a period)",
        ),
        _Rule(
            {"allOf": [_budget_rule("public_uv", "public_budget", "public_cost_per_uv")]},
            lambda keys: (
                not {"public_uv", "public_budget"} <= keys
                and ("public_budget" not in keys or "public_cost_per_uv" in keys)
            ),
            "give public_uv or public_budget (with public_cost_per_uv above 0), not both",
        ),
    ),
}


# --- the models ----------------------------------------------------------------------------------


def _property(field: Field) -> Any:
    """The pydantic field of a table Field: its default, description, zh name and unit."""
    extra: dict[str, Any] = {"x-zh": field.zh}
    if field.unit:
        extra["x-unit"] = field.unit
    # an optional field without a default gets None, which the schema leaves out (see _Generator)
    default: Any = ... if field.required else field.default
    return Property(default, title=field.zh, description=field.en, json_schema_extra=extra)


def _rule_checker(section: str, rules: tuple[_Rule, ...]) -> Any:
    def check(instance: BaseModel) -> BaseModel:
        for rule in rules:
            if not rule.holds(instance.model_fields_set):
                raise ValueError(rule.message)
        return instance

    check.__name__ = check.__qualname__ = f"check_{section}"
    return model_validator(mode="after")(check)


class _Models:
    """Builds each section model once, so that every use of it shares one `$defs` entry."""

    def __init__(self) -> None:
        self.built: dict[str, type[BaseModel]] = {}

    def section(self, name: str) -> type[BaseModel]:
        if name not in self.built:
            description, zh = _SECTION_DOCS[name]
            rules = _RULES.get(name, ())
            extra: dict[str, Any] = {"x-zh": zh}
            for rule in rules:
                if set(rule.schema) & set(extra):
                    raise RuntimeError(f"two rules of section {name} use the same keyword")
                extra.update(rule.schema)
            fields: dict[str, Any] = {
                f.name: (self.annotation(f.kind), _property(f)) for f in SECTIONS[name]
            }
            self.built[name] = create_model(
                "".join(part.title() for part in name.split("_")),  # policy_use → PolicyUse
                __config__=ConfigDict(extra="forbid", json_schema_extra=extra),
                __doc__=description,
                __module__=__name__,
                __validators__={"check_rules": _rule_checker(name, rules)} if rules else None,
                **fields,
            )
        return self.built[name]

    def annotation(self, kind: str) -> Any:
        if kind in KINDS:
            return _kind(kind)
        if kind in SECTIONS:
            return self.section(kind)
        structure = getattr(self, "_" + kind, None)
        if structure is None:
            raise RuntimeError(f"schema.py does not know the kind {kind!r} of model.SECTIONS")
        return structure()

    # the structured kinds, checked by the methods of the same name of model._Validator

    def _policy_uses(self) -> Any:
        return _list(_kind("id") | self.section("policy_use"))

    def _policy_defs(self) -> Any:
        # patternProperties + additionalProperties false: every key is a policy id
        return _annotated(
            _dict(_kind("id"), self.section("policy")),
            Property(json_schema_extra={"additionalProperties": False}),
        )

    def _policy_name(self) -> Any:
        both = create_model(
            "PolicyName",
            __config__=ConfigDict(extra="forbid", strict=True, json_schema_extra={"x-zh": "名称"}),
            __doc__="A name in both languages.",
            __module__=__name__,
            zh=(str, _property(Field("zh", "text", "中文名称", "Chinese name", required=True))),
            en=(str, _property(Field("en", "text", "英文名称", "English name", required=True))),
        )
        return _kind("text") | both

    def _roles(self) -> Any:
        return _list(_kind("role"))

    def _correlations(self) -> Any:
        return _list(self.section("correlation"))

    def _merchants(self) -> Any:
        return _annotated(_list(self.section("merchant")), Property(min_length=1))


@functools.cache
def scenario_model() -> type[BaseModel]:
    """The pydantic model of a scenario file, built from the field tables of `model.SECTIONS`."""
    return _Models().section("scenario")


class _Generator(GenerateJsonSchema):
    def default_schema(self, schema: core_schema.WithDefaultSchema) -> JsonSchemaValue:
        if "default" in schema and schema["default"] is None:
            return self.generate_inner(schema["schema"])  # optional without a default; not null
        return super().default_schema(schema)

    def handle_ref_overrides(self, json_schema: JsonSchemaValue) -> JsonSchemaValue:
        # keep every key of a property beside its "$ref", even one the target has too (x-zh)
        return json_schema


def scenario_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of scenario files, version 1."""
    generated = scenario_model().model_json_schema(schema_generator=_Generator)
    generated.pop("title", None)
    generated.pop("description", None)
    return {
        "$schema": DIALECT,
        "$id": SCHEMA_ID,
        "title": TITLE,
        "description": DESCRIPTION,
        **generated,
    }


def schema_text() -> str:
    """The schema as the shipped file holds it: JSON indented by 2, not ASCII-escaped, final newline."""
    return json.dumps(scenario_json_schema(), indent=2, ensure_ascii=False) + "\n"


def write_schema(path: str | Path) -> None:
    """Write the schema to `path` (schema/scenario-v1.json in the repository), as UTF-8."""
    Path(path).write_text(schema_text(), encoding="utf-8", newline="\n")


if __name__ == "__main__":  # python -m gmvcli.schema [PATH]
    write_schema(sys.argv[1] if len(sys.argv) > 1 else "schema/scenario-v1.json")
