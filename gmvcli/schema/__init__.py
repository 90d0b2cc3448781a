"""`gmvcli schema`: the JSON Schema (draft 2020-12) of scenario files, version 1 (SPEC §2–§3, §6).

The schema is generated, never hand-written: `scenario_model()` builds one pydantic model per
section of `model.SECTIONS` (the field tables the hand validator walks), and `scenario_json_schema()`
is that model's `model_json_schema()`. Every property carries the field's English description, its
Chinese name (`x-zh`, also the `title` that editors show) and its unit (`x-unit`).

The pydantic model validates each value with the hand validator's own converter (`model.KINDS`),
so it accepts what `gmvcli` accepts field by field; the JSON Schema says as much as JSON Schema can:
a number string is checked for its form (SPEC §2) but not its range, and what needs the whole file
(unique merchant ids, known policy ids) is left to `gmvcli`.

`values` says what JSON Schema can say of each kind of value, `rules` the rules across the keys of
a section, `models` builds the pydantic model; this module writes the document. pydantic is
imported by this package and nowhere else, so it stays off the start-up path of the other commands.
Regenerate the shipped file with `python -m gmvcli.schema schema/scenario-v1.json`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from gmvcli.numbers import NUMBER_PATTERN, WHITESPACE
from gmvcli.schema.models import scenario_model

__all__ = [
    "NUMBER_PATTERN",
    "WHITESPACE",
    "scenario_json_schema",
    "scenario_model",
    "schema_text",
    "write_schema",
]

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = "https://gmvcli.dev/schema/scenario-v1.json"
TITLE = "gmvcli scenario, version 1"
DESCRIPTION = (
    "A gmvcli scenario file (SPEC §3): merchants compared as shelf selling (bought traffic) and "
    "content + private domain, with a forecast (§5) and bonus-plan policies (§6). Every numeric "
    "field takes a number or a number written as text: 2.5%, 15万, 1.2亿, 1,200, ¥89 (§2); the "
    "schema checks a text number's form, gmvcli also checks its range."
)


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
