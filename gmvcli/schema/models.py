"""The pydantic model of a scenario file, one model per section of `model.SECTIONS` (the field
tables the hand validator walks), each property with its description, zh name and unit."""

from __future__ import annotations

import functools
from typing import Any

from pydantic import BaseModel, ConfigDict, create_model, model_validator
from pydantic import Field as Property

from gmvcli.model import KINDS, SECTIONS, Field
from gmvcli.schema.rules import RULES, Rule
from gmvcli.schema.values import annotated, dict_of, list_of, value_kind

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


def _property(field: Field) -> Any:
    """The pydantic field of a table Field: its default, description, zh name and unit."""
    extra: dict[str, Any] = {"x-zh": field.zh}
    if field.unit:
        extra["x-unit"] = field.unit
    # an optional field without a default gets None, which the schema leaves out (see gmvcli.schema._Generator)
    default: Any = ... if field.required else field.default
    return Property(default, title=field.zh, description=field.en, json_schema_extra=extra)


def _rule_checker(section: str, rules: tuple[Rule, ...]) -> Any:
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
            rules = RULES.get(name, ())
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
            return value_kind(kind)
        if kind in SECTIONS:
            return self.section(kind)
        structure = getattr(self, "_" + kind, None)
        if structure is None:
            raise RuntimeError(f"gmvcli.schema does not know the kind {kind!r} of model.SECTIONS")
        return structure()

    # the structured kinds, checked by the methods of the same name of model._Validator

    def _policy_uses(self) -> Any:
        return list_of(value_kind("id") | self.section("policy_use"))

    def _policy_defs(self) -> Any:
        # patternProperties + additionalProperties false: every key is a policy id
        return annotated(
            dict_of(value_kind("id"), self.section("policy")),
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
        return value_kind("text") | both

    def _roles(self) -> Any:
        return list_of(value_kind("role"))

    def _correlations(self) -> Any:
        return list_of(self.section("correlation"))

    def _merchants(self) -> Any:
        return annotated(list_of(self.section("merchant")), Property(min_length=1))


@functools.cache
def scenario_model() -> type[BaseModel]:
    """The pydantic model of a scenario file, built from the field tables of `model.SECTIONS`."""
    return _Models().section("scenario")
