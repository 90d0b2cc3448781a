"""`gmvcli schema`: the JSON Schema of scenario v1 (schema/scenario-v1.json), generated from the
field tables of gmvcli.model; in step with the hand validator and with numbers.parse_number."""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from gmvcli.errors import ScenarioError
from gmvcli.loader import load_bytes, load_text
from gmvcli.model import KINDS, SECTIONS, parse_scenario
from gmvcli.numbers import NumberError, parse_number
from gmvcli.schema import (
    NUMBER_PATTERN,
    WHITESPACE,
    scenario_json_schema,
    scenario_model,
    schema_text,
    write_schema,
)
from tests.conftest import ACCEPTANCE, ROOT, SCENARIOS
from tests.helpers import WEIWEI

SHIPPED = ROOT / "schema" / "scenario-v1.json"
REGENERATE = "regenerate it with: .venv/bin/python -m gmvcli.schema schema/scenario-v1.json"
SCHEMA = scenario_json_schema()
VALIDATOR = Draft202012Validator(SCHEMA)
#: $defs name of each section of model.SECTIONS (the root is the scenario)
DEF_NAMES = {name: "".join(p.title() for p in name.split("_")) for name in SECTIONS}


def section_schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = SCHEMA if name == "scenario" else SCHEMA["$defs"][DEF_NAMES[name]]
    return schema


def schema_accepts(data: object) -> bool:
    return bool(VALIDATOR.is_valid(data))


def hand_accepts(data: object) -> bool:
    """What `gmvcli` itself says of the data, written out as YAML."""
    try:
        parse_scenario(load_text(yaml.safe_dump(data, allow_unicode=True), "t.yaml"))
    except ScenarioError:
        return False
    return True


def model_accepts(data: object) -> bool:
    try:
        scenario_model().model_validate(data)
    except ValueError:  # pydantic.ValidationError
        return False
    return True


# --- the shipped file ----------------------------------------------------------------------------


def test_shipped_schema_is_the_generated_one() -> None:
    assert SHIPPED.is_file(), f"{SHIPPED} is missing; {REGENERATE}"
    shipped = SHIPPED.read_text(encoding="utf-8")
    assert json.loads(shipped) == SCHEMA, f"schema/scenario-v1.json is out of date; {REGENERATE}"
    assert shipped == schema_text(), (
        f"schema/scenario-v1.json is not formatted as generated; {REGENERATE}"
    )


def test_write_schema(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    write_schema(path)
    text = path.read_bytes().decode("utf-8")
    assert json.loads(text) == SCHEMA
    assert text.endswith("}\n") and '\n  "$id": ' in text  # 2-space indent, final newline
    assert "访客数" in text  # not ASCII-escaped


def test_schema_header_and_dialect() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert SCHEMA["$id"] == "https://gmvcli.dev/schema/scenario-v1.json"
    assert SCHEMA["title"] and SCHEMA["description"]
    assert list(SCHEMA)[:4] == ["$schema", "$id", "title", "description"]


def test_pydantic_stays_off_the_start_up_path() -> None:
    probe = "import sys, gmvcli.model, gmvcli.cli; print('pydantic' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False", "gmvcli.model or gmvcli.cli imports pydantic at start-up"


# --- generated from the field tables -------------------------------------------------------------


def all_properties(node: object, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties":
                for name, prop in value.items():
                    yield f"{where}.{name}", prop
            yield from all_properties(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from all_properties(item, f"{where}[{i}]")


def test_every_property_has_a_description_and_a_zh_name() -> None:
    props = list(all_properties(SCHEMA))
    assert len(props) > 50
    for where, prop in props:
        assert prop.get("description"), f"{where} has no description"
        assert prop.get("x-zh"), f"{where} has no x-zh"


@pytest.mark.parametrize("section", list(SECTIONS))
def test_each_section_is_its_field_table(section: str) -> None:
    schema = section_schema(section)
    fields = SECTIONS[section]
    assert list(schema["properties"]) == [f.name for f in fields]
    assert schema["additionalProperties"] is False
    assert schema.get("required", []) == [f.name for f in fields if f.required]
    for f in fields:
        prop = schema["properties"][f.name]
        assert prop["description"] == f.en
        assert prop["x-zh"] == prop["title"] == f.zh
        assert prop.get("x-unit", "") == f.unit
        if f.required or f.default is None:
            assert "default" not in prop, f.name
        else:
            assert prop["default"] == f.default, f.name


def test_kinds_have_their_json_types() -> None:
    for section, fields in SECTIONS.items():
        for f in fields:
            if f.kind not in KINDS:
                continue
            prop = section_schema(section)["properties"][f.name]
            branches = prop.get("anyOf", [prop])
            assert branches[0]["type"] == KINDS[f.kind][1], (section, f.name)
            if f.kind in ("rate", "count", "money", "positive", "growth", "periods", "version"):
                assert branches[1] == {"$ref": "#/$defs/NumberText"}, (section, f.name)


def test_number_bounds() -> None:
    shelf = section_schema("shelf")["properties"]
    assert shelf["conversion_rate"]["anyOf"][0] == {"type": "number", "minimum": 0, "maximum": 1}
    assert shelf["uv"]["anyOf"][0]["minimum"] == 0
    assert shelf["traffic_cost_per_uv"]["anyOf"][0]["minimum"] == 0
    assert shelf["aov"]["anyOf"][0]["exclusiveMinimum"] == 0
    merchant = section_schema("merchant")["properties"]
    assert merchant["id"]["pattern"] == "^[a-z0-9_-]{1,64}$"
    assert SCHEMA["properties"]["merchants"]["minItems"] == 1


# --- scenario files ------------------------------------------------------------------------------

SHIPPED_SCENARIOS = sorted(SCENARIOS.glob("*.yaml"))
ACCEPTANCE_CASES = sorted((ACCEPTANCE / "cases").glob("*.yaml"))


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def schema_errors(data: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message!s}" for e in VALIDATOR.iter_errors(data)
    ]


@pytest.mark.parametrize("path", SHIPPED_SCENARIOS, ids=lambda p: p.name)
def test_shipped_scenarios_are_valid_and_point_at_the_schema(path: Path) -> None:
    assert schema_errors(load(path)) == []
    assert model_accepts(load(path))
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/scenario-v1.json"


@pytest.mark.skipif(not ACCEPTANCE_CASES, reason="no acceptance cases in shared/acceptance/cases")
@pytest.mark.parametrize("path", ACCEPTANCE_CASES, ids=lambda p: p.name)
def test_acceptance_cases_are_valid(path: Path) -> None:
    assert schema_errors(load(path)) == []


def loaded_bad_files() -> list[Any]:
    """The tests/data/bad files that gmvcli's loader reads, with their data.

    The others are faults of YAML (an alias bomb, duplicate keys, tags, bad UTF-8), which the loader
    reports before any schema could; yaml.safe_load would even expand the alias bomb."""
    files = []
    for path in sorted((ROOT / "tests" / "data" / "bad").glob("*.yaml")):
        try:
            data = load_bytes(path.read_bytes(), path.name).data
            files.append(pytest.param(path.name, data, id=path.name))
        except ScenarioError:
            continue
    return files


#: bad files whose fault needs more than one value (across the file), or that are out of range only
#: as text numbers (the schema checks a text number's form, not its range)
BEYOND_THE_SCHEMA = {
    "duplicate-merchant-id.yaml",  # across the merchants
    "unknown-policy.yaml",  # needs the built-in and custom policy ids
    "nan.yaml",  # .nan: YAML only (JSON has no NaN), and NaN passes every bound
    "huge-exponent.yaml",  # 1e1000000: beyond a float, kept as text, whose form is good
    "rate-over-one-in-policy.yaml",  # "150%"
    "correlations-not-positive-definite.yaml",  # a property of the whole matrix
}


@pytest.mark.parametrize(("name", "data"), loaded_bad_files())
def test_bad_files_are_rejected(name: str, data: Any) -> None:
    if name in BEYOND_THE_SCHEMA:
        assert schema_accepts(data), f"{name} is rejected now: take it off BEYOND_THE_SCHEMA"
    else:
        assert not schema_accepts(data), (
            f"the schema accepts {name}; if it cannot see that fault, add it to BEYOND_THE_SCHEMA"
        )


# --- the schema, the pydantic model and gmvcli agree ---------------------------------------------

BASE: dict[str, Any] = yaml.safe_load(WEIWEI)


def changed(path: str, value: object) -> dict[str, Any]:
    """BASE with the value at a dotted path set (or deleted when value is DELETE)."""
    data = copy.deepcopy(BASE)
    *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
    node: Any = data
    for part in parents:
        node = node[part] if isinstance(part, int) or part in node else node.setdefault(part, {})
    if value is DELETE:
        del node[last]
    else:
        node[last] = value
    return data


DELETE = object()

AGREE = [
    # (path, value, accepted)
    ("merchants.0.shelf.conversion_rate", "2.5%", True),
    ("merchants.0.shelf.uv", " ¥ 1.5万 ", True),
    ("merchants.0.shelf.uv", "1,200", True),
    ("merchants.0.shelf.uv", "1.2亿", True),
    ("merchants.0.shelf.aov", "¥89", True),
    ("merchants.0.cogs_rate", 0, True),
    ("gmvcli", 1, True),
    ("gmvcli", "1", True),
    ("forecast", {"periods": "12", "shelf_traffic_cost_growth": "-4%"}, True),
    ("forecast", {"periods": 12.0}, True),
    ("policies", {"my-plan": {"name": {"zh": "计划", "en": "Plan"}, "roles": []}}, True),
    (
        "merchants.0.policies",
        ["new_store_commission_free", {"use": "traffic_coupon", "periods": 2}],
        True,
    ),
    ("merchants.0.shelf", DELETE, True),
    ("merchants.0.id", "a" * 64, True),
    # rejected
    ("merchants.0.shelf.conversion_rate", 2.5, False),  # SPEC §2: write 2.5%
    ("merchants.0.shelf.conversoin_rate", "2%", False),  # unknown key
    ("extra", 1, False),
    ("merchants.0.id", "WeiWei", False),
    ("merchants.0.id", "a" * 65, False),
    ("merchants", DELETE, False),
    ("merchants", [], False),
    ("merchants.0.shelf.uv", -5, False),
    ("merchants.0.shelf.uv", "lots", False),
    ("merchants.0.shelf.uv", True, False),
    ("merchants.0.shelf.uv", None, False),
    ("merchants.0.shelf.aov", 0, False),
    ("merchants.0.shelf.uv", 1e300, False),
    ("merchants.0.name", "  ", False),
    ("merchants.0.role", "wholesaler", False),
    ("period", "fortnight", False),
    ("gmvcli", 2, False),
    ("gmvcli", True, False),
    ("forecast", {"periods": 0}, False),
    ("forecast", {"periods": 12.5}, False),
    ("forecast", {"shelf_traffic_cost_growth": -1.5}, False),
    ("forecast", None, False),
    ("merchants.0.content.fans", 50000, False),  # beside private_uv
    ("policies", {"Big": {"commission_rate": 0}}, False),
    ("policies", {"p": {"name": {"zh": "只有中文"}}}, False),
    ("policies", {"p": {"roles": ["wholesaler"]}}, False),
    ("policies", {"p": {"bet": {"gmv_target": 1}}}, False),
    ("merchants.0.policies", [{"periods": 2}], False),
    ("merchants.0.policies", [5], False),
]


@pytest.mark.parametrize(("path", "value", "accepted"), AGREE)
def test_schema_model_and_gmvcli_agree(path: str, value: object, accepted: bool) -> None:
    data = changed(path, value)
    assert hand_accepts(data) is accepted
    assert schema_accepts(data) is accepted, schema_errors(data)
    assert model_accepts(data) is accepted


def test_a_merchant_needs_a_model_and_fans_need_reach() -> None:
    no_model = changed("merchants.0.content", DELETE)
    del no_model["merchants"][0]["shelf"]
    fans = changed("merchants.0.content.fans", 50000)
    del fans["merchants"][0]["content"]["private_uv"]
    del fans["merchants"][0]["content"]["reach_rate"]
    for data in (no_model, fans):
        assert not hand_accepts(data) and not schema_accepts(data) and not model_accepts(data)


#: Where the JSON Schema is looser than gmvcli (the pydantic model, which validates with gmvcli's
#: own converters, is not): a text number's range, and what needs the whole file.
LOOSER = [
    ("merchants.0.shelf.conversion_rate", "250%"),
    ("merchants.0.shelf.uv", "-5"),
    ("merchants.0.shelf.uv", "1e300"),
    ("gmvcli", "2"),
    ("merchants.0.policies", ["no_such_policy"]),
]


@pytest.mark.parametrize(("path", "value"), LOOSER)
def test_where_the_schema_is_looser(path: str, value: object) -> None:
    data = changed(path, value)
    assert not hand_accepts(data)
    assert schema_accepts(data)


# --- the number regex and parse_number -----------------------------------------------------------


def parses(text: str) -> bool:
    """Whether parse_number accepts the form of `text` (a number beyond 1e15 has a good form)."""
    try:
        parse_number(text)
    except NumberError as exc:
        too_big = (
            str(exc.message).startswith("is too large")
            or str(exc.message) == "must be a finite number"
        )
        return too_big and not re.search("nan|inf", text, re.IGNORECASE)
    return True


def matches(text: str) -> bool:
    return re.search(NUMBER_PATTERN, text) is not None  # what jsonschema does with "pattern"


NUMBER_SAMPLES = [
    *[(t, True) for t in ["2.5%", "15万", "1.2亿", "1,200", "¥89", "￥89", " ¥ 1.5万 ", "0%"]],
    *[(t, True) for t in ["-4%", "+4%", "1e3", "1E-3", "1e3%", "0.5％", "1，200", "1,234,567.5"]],
    *[(t, True) for t in ["5.", ".5", "¥-5", "1.5 万", "\u30001万\u3000", "\t7\n", "12,345万"]],
    *[(t, True) for t in ["00012", "-0", "\x1c5", "5\u2029", "1e300", "99999999亿"]],
    *[(t, False) for t in ["", " ", "abc", "1,2", "12,34", "1,2345", "1,200e3", "2.5%%", "万"]],
    *[(t, False) for t in ["%", "¥", "¥¥5", "-¥5", "1.2.3", "nan", "inf", "-inf", ".nan", "1_000"]],
    *[(t, False) for t in ["Infinity", "0x10", "1 000", "- 5", "5-", "1万%", "%5", "5 5", "."]],
    *[(t, False) for t in ["e3", "1e", "1e+", "，", "1,", ",100", "1.2,000", "5%5", "¥5¥"]],
    *[(t, False) for t in ["\ufeff5", "5\u200b", "1\x00"]],  # not whitespace to str.strip()
]


@pytest.mark.parametrize(("text", "accepted"), NUMBER_SAMPLES)
def test_number_regex_is_parse_number(text: str, accepted: bool) -> None:
    assert parses(text) is accepted
    assert matches(text) is accepted


@given(st.from_regex(NUMBER_PATTERN, fullmatch=True))
def test_every_string_the_regex_accepts_parses(text: str) -> None:
    assert parses(text), repr(text)


NEAR_NUMBERS = r"\A[ \t¥￥+-]{0,3}[0-9.,，eE+-]{0,9}[ %％万亿]{0,3}\Z"


@given(st.from_regex(NEAR_NUMBERS) | st.text("0123456789+-.eE,，%％万亿¥￥ \t\u3000x", max_size=10))
def test_regex_and_parse_number_agree_near_numbers(text: str) -> None:
    assert matches(text) is parses(text), repr(text)


def test_whitespace_is_what_str_strip_removes() -> None:
    spaces = {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}
    assert {c for c in spaces if re.fullmatch(WHITESPACE, c)} == spaces
    assert not re.fullmatch(WHITESPACE, "\ufeff") and not re.fullmatch(WHITESPACE, "\u200b")


def test_number_regex_means_the_same_in_python_and_ecma() -> None:
    # \d, \s, \w and \b match more in Python's re (Unicode) than in ECMA-262 regexes
    assert not re.search(r"\\[dDsSwWbB]", NUMBER_PATTERN)


@pytest.mark.skipif(shutil.which("node") is None, reason="no node to run ECMA-262 regexes")
def test_number_regex_in_javascript() -> None:
    """Editors match `pattern` as ECMA-262 (JavaScript) regexes: the same samples, in node."""
    texts = [text for text, _ in NUMBER_SAMPLES]
    script = (
        "const [p, t] = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "const test = (flags) => t.map((s) => new RegExp(p, flags).test(s));"
        "console.log(JSON.stringify([test('u'), test('')]));"
    )
    out = subprocess.run(
        ["node", "-e", script],
        input=json.dumps([NUMBER_PATTERN, texts]),
        capture_output=True,
        text=True,
        check=True,
    )
    expected = {text: accepted for text, accepted in NUMBER_SAMPLES}
    for results in json.loads(out.stdout):  # with the u flag (Unicode), and without
        assert dict(zip(texts, results, strict=True)) == expected


@pytest.mark.parametrize("text", ["１２３", "١٢٣", "２.５%"])
def test_non_ascii_digits(text: str) -> None:
    assert matches(text) is parses(text)


@pytest.mark.parametrize("role", ["factory", "brand", "streamer", "service_provider"])
def test_init_starters_are_valid_against_the_schema(role: str) -> None:
    import jsonschema
    import yaml as pyyaml

    from gmvcli.starters import starter

    jsonschema.Draft202012Validator(scenario_json_schema()).validate(
        pyyaml.safe_load(starter(role))
    )


def test_distributions_are_accepted_by_the_schema() -> None:
    import jsonschema
    import yaml as pyyaml

    from tests.test_uncertainty import UNCERTAIN

    validator = jsonschema.Draft202012Validator(scenario_json_schema())
    validator.validate(pyyaml.safe_load(UNCERTAIN))
    bad = pyyaml.safe_load(UNCERTAIN.replace("{low: 40%, high: 50%}", "{low: 40%, top: 50%}"))
    assert not validator.is_valid(bad)
    bad = pyyaml.safe_load(UNCERTAIN.replace("10万 to 30万", "10万 till 30万"))
    assert not validator.is_valid(bad)
    scenario_model().model_validate(pyyaml.safe_load(UNCERTAIN))


def test_budgets_replace_visitor_counts_in_the_schema_too() -> None:
    """SPEC §3: traffic_budget replaces shelf.uv, public_budget replaces content.public_uv; each
    excludes the field it replaces and needs a cost per visitor above 0."""

    def edit(model: str, drop: str | None, **values: object) -> dict[str, Any]:
        data = copy.deepcopy(BASE)
        section = data["merchants"][0][model]
        if drop:
            del section[drop]
        section.update(values)
        return data

    good = [
        edit("shelf", "uv", traffic_budget="8万", traffic_cost_per_uv=0.8),
        edit("content", "public_uv", public_budget=30000, public_cost_per_uv="0.5"),
    ]
    for data in good:
        assert hand_accepts(data) and schema_accepts(data) and model_accepts(data)
    bad = [
        edit("shelf", None, traffic_budget=80000),  # beside uv
        edit("shelf", "uv"),  # neither
        edit("shelf", "uv", traffic_budget=80000, traffic_cost_per_uv=None),
        edit("content", None, public_budget=30000),  # beside public_uv
    ]
    bad[2]["merchants"][0]["shelf"].pop("traffic_cost_per_uv")
    for data in bad:
        assert not hand_accepts(data) and not schema_accepts(data) and not model_accepts(data)
    free = edit("shelf", "uv", traffic_budget=80000, traffic_cost_per_uv=0)
    assert not hand_accepts(free) and not schema_accepts(free)
