"""SPEC §2–§3 below the command line: the YAML loader (positions, duplicates, tags, plain values),
the validator (every problem at once, defaults, policy lists, hints) and `--set` (SPEC §7)."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from gmvcli import loader
from gmvcli.errors import Problem, ScenarioError, UsageError
from gmvcli.inputs import Override, apply_overrides, field_paths, parse_override
from gmvcli.loader import Document, load_bytes, load_text
from gmvcli.messages import msg
from gmvcli.model import Bet, Effects, PolicyDef, PolicyUse, Scenario, parse_scenario
from tests.helpers import WEIWEI, scenario


def problems(text: str, file: str = "t.yaml") -> list[Problem]:
    """The problems of a scenario text that is expected to be invalid."""
    with pytest.raises(ScenarioError) as info:
        parse_scenario(load_text(text, file))
    return info.value.problems


def load_problems(text: str) -> list[Problem]:
    with pytest.raises(ScenarioError) as info:
        load_text(text, "t.yaml")
    return info.value.problems


def where(p: Problem) -> tuple[int | None, int | None, str]:
    return p.line, p.column, p.path


# --- loader: positions -----------------------------------------------------------------------

NESTED = """\
name: x
merchants:
  - id: a
    shelf:
      uv: 100
      tags: [one, {deep: 42}]
"""


M = msg("value.empty")  # any message: these tests are about the place


def test_node_at_finds_nested_values_and_keys_1_based() -> None:
    doc = load_text(NESTED, "n.yaml")
    uv = doc.node_at(("merchants", 0, "shelf", "uv"))
    assert isinstance(uv, yaml.ScalarNode) and uv.value == "100"
    assert (uv.start_mark.line, uv.start_mark.column) == (4, 10)  # 0-based in the node
    p = doc.problem(("merchants", 0, "shelf", "uv"), M)
    assert (p.file, p.line, p.column, p.path, p.got) == (
        "n.yaml",
        5,
        11,
        "merchants[0].shelf.uv",
        "100",
    )
    # inside a flow sequence and a flow mapping
    deep = doc.problem(("merchants", 0, "shelf", "tags", 1, "deep"), M)
    assert where(deep) == (6, 26, "merchants[0].shelf.tags[1].deep") and deep.got == "42"
    assert str(deep) == "n.yaml:6:26: merchants[0].shelf.tags[1].deep: must not be empty (got 42)"


def test_key_true_points_at_the_key() -> None:
    doc = load_text(NESTED, "n.yaml")
    value = doc.problem(("merchants", 0, "shelf"), M)
    key = doc.problem(("merchants", 0, "shelf"), M, key=True)
    assert (value.line, value.column) == (5, 7)  # the mapping under `shelf:` starts at `uv`
    assert (key.line, key.column) == (4, 5)  # `shelf` itself
    assert doc.node_at(("merchants", 0, "id"), key=True).value == "id"  # type: ignore[union-attr]


def test_a_missing_path_is_located_at_the_deepest_node_that_exists() -> None:
    doc = load_text(NESTED, "n.yaml")
    p = doc.problem(("merchants", 0, "content", "aov"), M)
    assert where(p) == (3, 5, "merchants[0].content.aov")  # the merchant's mapping
    assert p.got is None
    out_of_range = doc.problem(("merchants", 7), M)
    assert (out_of_range.line, out_of_range.column) == (3, 3)  # the merchants list
    root = doc.problem((), M)
    assert (root.line, root.column, root.path) == (1, 1, "")


def test_explicit_got_overrides_the_written_value() -> None:
    doc = load_text(NESTED, "n.yaml")
    assert doc.problem(("merchants", 0, "shelf", "uv"), M, got=None).got is None
    assert doc.problem(("merchants", 0, "shelf", "uv"), M, got="x").got == "x"
    empty = load_text("a:\n", "e.yaml").problem(("a",), "m")
    assert str(empty.got) == "nothing"


def test_empty_document_has_no_data_and_problems_start_at_1_1() -> None:
    for text in ("", "# only a comment\n"):
        doc = load_text(text, "e.yaml")
        assert doc.data is None and doc.root is None
        assert (doc.problem((), M).line, doc.problem((), M).column) == (1, 1)


def test_utf8_bom_is_accepted_and_does_not_shift_columns() -> None:
    text = "name: 薇薇\nmerchants: []\n"
    doc = load_bytes(b"\xef\xbb\xbf" + text.encode(), "bom.yaml")
    assert doc.data == {"name": "薇薇", "merchants": []}
    key = doc.problem(("name",), M, key=True)
    assert (key.line, key.column) == (1, 1)
    assert load_text("\ufeff" + text, "bom.yaml").data == doc.data


def test_invalid_utf8_is_located_at_the_byte() -> None:
    with pytest.raises(ScenarioError) as info:
        load_bytes(b"name: x\nmerchants: \xff\n", "u.yaml")
    (p,) = info.value.problems
    assert (p.line, p.column, str(p.got)) == (2, 12, "byte 0xff")
    assert "not valid UTF-8" in str(p.message)
    with pytest.raises(ScenarioError) as info:  # after a byte-order mark: the same byte
        load_bytes(b"\xef\xbb\xbfname: x\nmerchants: \xff\n", "u.yaml")
    (p,) = info.value.problems
    assert (p.line, p.column, str(p.got)) == (2, 12, "byte 0xff")


def test_invalid_yaml_syntax_is_one_located_problem() -> None:
    (p,) = load_problems("name: x\nmerchants: [a, b\n")
    assert str(p.message).startswith("invalid YAML:") and p.line is not None


# --- loader: duplicates, tags, aliases -------------------------------------------------------


def test_duplicate_keys_are_all_collected() -> None:
    found = load_problems("a: 1\nb: 2\na: 3\nc:\n  x: 1\n  x: 2\n")
    assert [where(p) for p in found] == [(3, 1, "a"), (6, 3, "c.x")]
    assert str(found[0].message) == "duplicate key (first written on line 1)"
    assert str(found[1].message) == "duplicate key (first written on line 5)"


def test_duplicate_key_keeps_problems_from_elsewhere_in_the_file() -> None:
    found = load_problems("a: 1\na: 2\nb: !!python/object:os.system x\n")
    assert [p.path for p in found] == ["a", "b"]


@pytest.mark.parametrize(
    ("text", "got"),
    [
        ("a: !foo 1", "!foo"),
        ("a: !!python/name:os.system x", "!!python/name:os.system"),
        ("a: !!set {x}", "!!set"),
        ("a: !!omap [x: 1]", "!!omap"),
        ("a: !!binary aGVsbG8=", "!!binary"),  # once read silently as text
        ("a: !!timestamp 2024-01-01", "!!timestamp"),
        ("a: !!pairs [x: 1]", "!!pairs"),
        ("a: !<tag:yaml.org,2002:omap> [x: 1]", "!!omap"),
    ],
)
def test_tags_outside_the_core_schema_are_refused_as_written(text: str, got: str) -> None:
    """Only the YAML 1.2 core schema's tags are read; any other is a located error quoting the tag
    in its short form, as the file writes it (not `tag:yaml.org,2002:omap`)."""
    (p,) = load_problems(text)
    assert where(p) == (1, 4, "a")
    assert p.got == got
    assert p.message.text("en").startswith(
        "unsupported YAML tag; only the YAML core schema's tags are read"
    )
    assert p.message.text("zh").startswith("不支持的 YAML 标签；只接受 YAML 核心标签")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a: !!str 1", "1"),
        ("a: !!int 1", 1),
        ("a: !!float 1.5", 1.5),
        ("a: !!bool true", True),
        ("a: !!null ''", None),
        ("a: !!seq [1]", [1]),
        ("a: !!map {b: 1}", {"b": 1}),
    ],
)
def test_the_core_schema_tags_are_read(text: str, value: object) -> None:
    assert load_text(text, "t.yaml").data == {"a": value}


def test_merge_keys_and_complex_keys_are_refused() -> None:
    (merge,) = load_problems("<<: {a: 1}\nb: 2\n")
    assert "merge keys" in str(merge.message) and (merge.line, merge.column) == (1, 1)
    (complex_key,) = load_problems("? [a]\n: 1\n")
    assert str(complex_key.message) == "keys must be plain text"


def test_small_aliases_are_expanded() -> None:
    doc = load_text("a: &x [1, 2]\nb: *x\nc: &s 5\nd: *s\n", "t.yaml")
    assert doc.data == {"a": [1, 2], "b": [1, 2], "c": 5, "d": 5}


def test_alias_expansion_is_limited(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "MAX_ALIASED_NODES", 10)
    load_text("a: &x [1, 2, 3]\nb: [*x, *x, *x]\n", "t.yaml")  # 9 aliased values: fine
    (p,) = load_problems("a: &x [1, 2, 3]\nb: [*x, *x, *x, *x]\n")
    assert "aliases expand to over 10 values" in str(p.message)
    # located at the anchored node that the fourth alias expands, with the alias's path
    assert (p.line, p.column, p.path) == (1, 4, "b[3]")


def test_nesting_is_limited(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "MAX_DEPTH", 4)
    load_text("a: [[[1]]]\n", "t.yaml")  # the 1 is at a[0][0][0]: 4 levels
    (p,) = load_problems("a: [[[[1]]]]\n")
    assert "nested more than 4 levels deep" in str(p.message) and p.line == 1


# --- loader: plain values (YAML 1.1 as PyYAML reads it) --------------------------------------

VALUES = """\
int: 89
octal: 017
hex: 0x1F
binary: 0b101
underscored: 1_000
sexagesimal: 1:30
negative: -5
float: 0.5
short_float: .5
exponent: 1.5e+3
exponent_without_dot: 1e3
inf: .inf
yes: yes
Off: Off
true: TRUE
tilde: ~
null: null
empty:
wan: 15万
yi: 1.2亿
percent: 2.5%
grouped: 1,200
yuan: ¥89
date: 2024-01-01
timestamp: 2024-01-01 10:00:00
quoted: "89"
"""


def test_yaml_scalars_become_python_values() -> None:
    """YAML 1.2 core schema (SPEC §2), not PyYAML's YAML 1.1."""
    d = load_text(VALUES, "v.yaml").data
    assert (d["int"], d["octal"], d["hex"]) == (89, 17, 31)
    assert (d["binary"], d["underscored"], d["sexagesimal"]) == ("0b101", "1_000", "1:30")
    assert d["negative"] == -5
    assert all(type(d[k]) is int for k in ("int", "octal", "hex"))
    assert (d["float"], d["short_float"], d["exponent"]) == (0.5, 0.5, 1500.0)
    assert d["inf"] == float("inf")
    assert (d["yes"], d["Off"], d["true"]) == ("yes", "Off", True)  # keys stay text
    assert d["tilde"] is None and d["null"] is None and d["empty"] is None
    assert d["quoted"] == "89"
    assert load_text("a: 0o17", "v.yaml").data == {"a": 15}


def test_number_text_stays_text_until_validation() -> None:
    d = load_text(VALUES, "v.yaml").data
    assert (d["wan"], d["yi"], d["percent"], d["grouped"], d["yuan"]) == (
        "15万",
        "1.2亿",
        "2.5%",
        "1,200",
        "¥89",
    )
    assert d["exponent_without_dot"] == 1000.0  # a float in YAML 1.2's core schema


def test_timestamps_stay_as_written() -> None:
    """A plain date is text (the core schema has no timestamp); `!!binary` and `!!timestamp`
    written out are refused (test_tags_outside_the_core_schema_are_refused_as_written)."""
    d = load_text(VALUES, "v.yaml").data
    assert d["date"] == "2024-01-01" and isinstance(d["date"], str)
    assert d["timestamp"] == "2024-01-01 10:00:00"


# --- model: every problem at once ------------------------------------------------------------

THREE_ERRORS = """\
name: three
period: fortnight
merchants:
  - id: a
    name: A
    shelf:
      uv: lots
      conversion_rate: 2%
      aov: 89
    content: {private_uv: 10, watch_minutes: 1, orders_per_minute: 1%, aov: 0}
"""


def test_every_problem_is_collected_in_document_order() -> None:
    found = problems(THREE_ERRORS)
    assert [where(p) for p in found] == [
        (2, 9, "period"),
        (7, 11, "merchants[0].shelf.uv"),
        (10, 77, "merchants[0].content.aov"),
    ]
    assert str(found[0].message).startswith("must be one of day, week, month")
    assert str(found[1].message) == "is not a number" and found[1].got == "lots"
    assert str(found[2].message) == "must be more than 0" and found[2].got == "0"


def test_scenario_error_prints_one_line_per_problem() -> None:
    with pytest.raises(ScenarioError) as info:
        parse_scenario(load_text(THREE_ERRORS, "t.yaml"))
    lines = str(info.value).splitlines()
    assert len(lines) == 3
    assert lines[1] == (
        "t.yaml:7:11: merchants[0].shelf.uv: is not a number (got lots) — "
        "write a number such as 1200, 1,200, 2.5%, 15万, 1.2亿 or ¥89"
    )


def test_problems_in_several_merchants_are_all_reported() -> None:
    text = """\
name: m
merchants:
  - {id: a, name: A, role: brand, shelf: {uv: 1, conversion_rate: 250%, aov: 1}}
  - id: a
    name: B
    shelf: {uv: -1, conversion_rate: 1%, aov: 1}
"""
    found = problems(text)
    assert sorted(where(p) for p in found) == [
        (3, 67, "merchants[0].shelf.conversion_rate"),
        (4, 9, "merchants[1].id"),
        (6, 17, "merchants[1].shelf.uv"),
    ]
    assert found[0].hint is None  # 250% is a percentage already: no "write 250%" hint


def test_problems_come_in_document_order() -> None:
    text = """\
name: m
merchants:
  - {id: a, name: A, shelf: {uv: 1, conversion_rate: 1%, aov: 1}}
  - id: a
    name: B
    shelf: {uv: -1, conversion_rate: 1%, aov: 1}
"""
    found = problems(text)
    positions = [(p.line or 0, p.column or 0) for p in found]
    assert positions == sorted(positions)


def test_root_must_be_a_mapping() -> None:
    (p,) = problems("- a\n- b\n")
    assert (p.line, p.column, str(p.got)) == (1, 1, "list")


# --- model: defaults and accepted forms ------------------------------------------------------

MINIMAL = """\
name: minimal
merchants:
  - id: m
    name: M
    shelf: {uv: 100, conversion_rate: 1%, aov: 10}
    content: {watch_minutes: 2, orders_per_minute: 1%, aov: 10}
"""


def test_defaults_are_filled() -> None:
    s = scenario(MINIMAL)
    assert (s.gmvcli, s.currency, s.period, s.forecast, s.policies) == (1, "CNY", "month", None, ())
    m = s.merchants[0]
    assert (m.role, m.cogs_rate, m.policies, m.forecast) == (None, 0.0, (), None)
    assert m.shelf is not None and m.content is not None
    assert m.shelf.repurchase_frequency == 1.0
    assert (m.shelf.traffic_cost_per_uv, m.shelf.commission_rate, m.shelf.refund_rate) == (0, 0, 0)
    c = m.content
    assert c.repurchase_frequency == 1 and c.public_uv == 0
    assert (c.public_cost_per_uv, c.commission_rate, c.content_cost) == (0, 0, 0)
    assert (c.private_uv, c.fans, c.reach_rate) == (None, None, None)


def test_number_forms_of_spec_2_are_converted() -> None:
    m = scenario().merchants[0]
    assert m.cogs_rate == pytest.approx(0.45)
    assert m.shelf is not None and m.shelf.conversion_rate == pytest.approx(0.025)
    wan = scenario(
        MINIMAL.replace("uv: 100,", "uv: 15万,").replace(
            "aov: 10}\n    content", "aov: '¥1,200'}\n    content"
        )
    )
    assert wan.merchants[0].shelf is not None
    assert (wan.merchants[0].shelf.uv, wan.merchants[0].shelf.aov) == (150_000, 1_200)


@pytest.mark.parametrize("version", ["1", '"1"', "'1'", "1.0"])
def test_format_version_1_is_accepted_as_number_or_text(version: str) -> None:
    assert scenario(f"gmvcli: {version}\n" + MINIMAL).gmvcli == 1


@pytest.mark.parametrize("version", ["2", '"2"', "true", "one", "~"])
def test_other_format_versions_are_refused(version: str) -> None:
    (p,) = problems(f"gmvcli: {version}\n" + MINIMAL)
    assert (p.line, p.path) == (1, "gmvcli")
    assert str(p.message) == "unsupported format version; this gmvcli reads version 1"


def test_scenario_level_fields() -> None:
    s = scenario("currency: USD\nperiod: week\n" + MINIMAL)
    assert (s.currency, s.period) == ("USD", "week")
    (p,) = problems("period: weak\n" + MINIMAL)
    assert str(p.hint) == "did you mean 'week'?"


def test_each_record_has_exactly_the_keys_of_its_field_table() -> None:
    """The typed records (for mypy and speed) restate the field tables' names: kept equal here."""
    from gmvcli.model import (
        BET_FIELDS,
        CONTENT_FIELDS,
        EFFECT_FIELDS,
        FORECAST_FIELDS,
        SHELF_FIELDS,
        Bet,
        Content,
        Effects,
        Forecast,
        Shelf,
    )

    for record, table in (
        (Shelf, SHELF_FIELDS),
        (Content, CONTENT_FIELDS),
        (Forecast, FORECAST_FIELDS),
        (Effects, EFFECT_FIELDS),
        (Bet, BET_FIELDS),
    ):
        assert set(record._fields) == {f.name for f in table}, record.__name__


# --- model: policies -------------------------------------------------------------------------

POLICIES = """\
name: p
policies:
  plain: {rebate_rate: 1%}
  texty: {name: 自定义, roles: [brand, streamer], public_uv_bonus: 10}
  bilingual: {name: {zh: 双语, en: Bilingual}, bet: {gmv_target: 15万, public_uv_bonus: 1万}}
merchants:
  - id: m
    name: M
    role: streamer
    policies:
      - new_store_commission_free
      - {use: cash_rebate, rebate_rate: 2%, periods: 2}
      - use: plain
        rebate_base: gmv
    content: {private_uv: 10, watch_minutes: 1, orders_per_minute: 1%, aov: 10}
"""


def test_policy_list_items_are_ids_or_use_mappings() -> None:
    m = scenario(POLICIES).merchants[0]
    assert m.policies == (
        PolicyUse("new_store_commission_free", Effects()),
        PolicyUse("cash_rebate", Effects(rebate_rate=0.02, periods=2)),
        PolicyUse("plain", Effects(rebate_base="gmv")),
    )


def test_custom_policy_names_roles_and_effects() -> None:
    defs = dict(scenario(POLICIES).policies)
    assert defs["plain"] == PolicyDef(None, None, Effects(rebate_rate=0.01))
    assert defs["texty"] == PolicyDef("自定义", ("brand", "streamer"), Effects(public_uv_bonus=10))
    assert defs["bilingual"].name == ("双语", "Bilingual")
    assert defs["bilingual"].effects.bet == Bet(gmv_target=150_000, public_uv_bonus=10_000)
    assert list(defs) == ["plain", "texty", "bilingual"]  # file order


@pytest.mark.parametrize(
    ("body", "path", "message"),
    [
        ("{name: {zh: 只有中文}}", "policies.x.name", "must be text or {zh: TEXT, en: TEXT}"),
        (
            "{name: {zh: a, en: b, fr: c}}",
            "policies.x.name",
            "must be text or {zh: TEXT, en: TEXT}",
        ),
        ("{name: 7}", "policies.x.name", "must be text (put it in quotes)"),
        ("{roles: brand}", "policies.x.roles", "must be a list of roles"),
        ("{roles: [brand, king]}", "policies.x.roles[1]", "must be one of factory, brand"),
        ("{rebate_base: cash}", "policies.x.rebate_base", "must be one of traffic, gmv"),
        ("{rebate_rate: 5}", "policies.x.rebate_rate", "must be between 0 and 1"),
        ("{bet: {gmv_target: 1}}", "policies.x.bet.public_uv_bonus", "missing required key"),
        ("{periods: 0}", "policies.x.periods", "must be a whole number of periods"),
        ("7", "policies.x", "must be a mapping of keys"),
    ],
)
def test_custom_policy_problems(body: str, path: str, message: str) -> None:
    (p,) = problems(MINIMAL.replace("merchants:", f"policies:\n  x: {body}\nmerchants:"))
    assert p.path == path and str(p.message).startswith(message), str(p)


def test_custom_policy_id_must_be_an_id() -> None:
    (p,) = problems(MINIMAL.replace("merchants:", "policies:\n  Big: {}\nmerchants:"))
    assert (p.line, p.column, p.path, p.got) == (3, 3, "policies.Big", "Big")


def test_policy_use_problems() -> None:
    text = MINIMAL.replace(
        "    shelf:",
        "    policies: [{rebate_rate: 1%}, 7, {use: cash_rebate, colour: red}]\n    shelf:",
    )
    found = problems(text)
    assert [(p.path, str(p.message)) for p in found] == [
        ("merchants[0].policies[0].use", "missing required key 'use'"),
        ("merchants[0].policies[1]", "must be a policy id or {use: ID, ...overrides}"),
        ("merchants[0].policies[2].colour", "unknown key"),
    ]
    (not_list,) = problems(MINIMAL.replace("    shelf:", "    policies: cash_rebate\n    shelf:"))
    assert str(not_list.message) == "must be a list of policy ids"


def test_unknown_policy_id_has_a_suggestion() -> None:
    text = MINIMAL.replace(
        "    shelf:", "    policies: [brand_jpb, {use: nothing_like_it}]\n    shelf:"
    )
    first, second = problems(text)
    assert where(first) == (5, 16, "merchants[0].policies[0]")
    assert (first.got, str(first.hint)) == ("brand_jpb", "did you mean 'brand_jbp'?")
    assert second.path == "merchants[0].policies[1].use"
    assert str(second.hint) == "see `gmvcli policies`"


def test_a_custom_policy_id_is_known_to_merchants() -> None:
    m = scenario(POLICIES).merchants[0]
    assert "plain" in {u.use for u in m.policies}


def test_unknown_policy_is_reported_beside_other_problems() -> None:
    text = MINIMAL.replace("uv: 100,", "uv: lots,").replace(
        "    shelf:", "    policies: [no_such_policy]\n    shelf:"
    )
    assert sorted(p.path for p in problems(text)) == [
        "merchants[0].policies[0]",
        "merchants[0].shelf.uv",
    ]


# --- model: roles, fans and private_uv, unknown and missing keys -----------------------------


def test_roles_are_validated_with_a_suggestion() -> None:
    ok = scenario(MINIMAL.replace("name: M", "name: M\n    role: service_provider"))
    assert ok.merchants[0].role == "service_provider"
    (p,) = problems(MINIMAL.replace("name: M", "name: M\n    role: streemer"))
    assert where(p) == (5, 11, "merchants[0].role") and p.got == "streemer"
    assert str(p.message) == "must be one of factory, brand, streamer, service_provider"
    assert str(p.hint) == "did you mean 'streamer'?"


CONTENT = "    content: {watch_minutes: 2, orders_per_minute: 1%, aov: 10}\n"


def with_content(extra: str) -> str:
    return MINIMAL.replace(
        CONTENT, f"    content: {{watch_minutes: 2, orders_per_minute: 1%, aov: 10, {extra}}}\n"
    )


def test_fans_with_reach_rate_and_private_uv_with_reach_rate_are_fine() -> None:
    c = scenario(with_content("fans: 60万, reach_rate: 20%")).merchants[0].content
    assert c is not None and (c.fans, c.reach_rate, c.private_uv) == (600_000, 0.2, None)
    c = scenario(with_content("private_uv: 1000, reach_rate: 20%")).merchants[0].content
    assert c is not None and (c.private_uv, c.reach_rate) == (1000, 0.2)


def test_fans_and_private_uv_together_are_refused_at_the_fans_key() -> None:
    (p,) = problems(with_content("private_uv: 1, fans: 2, reach_rate: 1%"))
    assert where(p) == (6, 80, "merchants[0].content.fans") and p.got is None
    assert str(p.message) == "give private_uv or fans (with reach_rate), not both"


def test_fans_need_reach_rate() -> None:
    (p,) = problems(with_content("fans: 2"))
    assert where(p) == (6, 65, "merchants[0].content.fans")
    assert str(p.hint) == "add reach_rate: 20%"


def test_fans_rule_is_checked_beside_a_missing_required_key() -> None:
    text = MINIMAL.replace(CONTENT, "    content: {watch_minutes: 2, aov: 10, fans: 2}\n")
    assert sorted(p.path for p in problems(text)) == [
        "merchants[0].content.fans",
        "merchants[0].content.orders_per_minute",
    ]


def test_unknown_key_suggests_the_nearest_known_key_at_the_key() -> None:
    (p,) = problems(MINIMAL.replace("conversion_rate: 1%", "conversoin_rate: 1%"))
    # a misspelt required key is reported once, as the unknown key (not also as missing)
    assert where(p) == (5, 22, "merchants[0].shelf.conversoin_rate")
    assert (str(p.message), p.got, str(p.hint)) == (
        "unknown key",
        None,
        "did you mean 'conversion_rate'?",
    )
    assert str(p).endswith("unknown key — did you mean 'conversion_rate'?")


def test_unknown_key_without_a_near_match_lists_the_known_keys() -> None:
    (p,) = problems(MINIMAL.replace("name: M", "name: M\n    zzz: 1"))
    assert p.path == "merchants[0].zzz" and p.hint is not None
    assert str(p.hint).startswith("known keys: id, name, role, cogs_rate, policies, shelf, content")


def test_missing_required_key_is_located_at_its_parent_with_the_full_path() -> None:
    (p,) = problems(MINIMAL.replace("uv: 100, conversion_rate: 1%, aov: 10", "uv: 100, aov: 10"))
    assert where(p) == (5, 12, "merchants[0].shelf.conversion_rate")  # the `{` of shelf
    assert p.got is None
    assert str(p) == (
        "t.yaml:5:12: merchants[0].shelf.conversion_rate: missing required key 'conversion_rate'"
    )
    (top,) = problems("name: x\n")
    assert (
        where(top) == (1, 1, "merchants") and str(top.message) == "missing required key 'merchants'"
    )


def test_a_merchant_needs_a_model() -> None:
    (p,) = problems("name: x\nmerchants:\n  - {id: a, name: A}\n")
    assert where(p) == (3, 5, "merchants[0]")
    assert "needs a shelf: or a content: section" in str(p.message)


# --- inputs: --set ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arg", "merchant", "path", "value"),
    [
        ("content.aov=99", None, ("content", "aov"), 99),
        ("weiwei:shelf.uv=30万", "weiwei", ("shelf", "uv"), "30万"),
        ("shelf.conversion_rate=2.5%", None, ("shelf", "conversion_rate"), "2.5%"),
        ("content.aov=99.5", None, ("content", "aov"), 99.5),
        ("policies=[a, b]", None, ("policies",), ["a", "b"]),
        ("cogs_rate=45%", None, ("cogs_rate",), "45%"),
        ("role=brand", None, ("role",), "brand"),
        ("forecast.periods=6", None, ("forecast", "periods"), 6),
        ("content.aov=", None, ("content", "aov"), ""),
        ("m:name=a=b", "m", ("name",), "a=b"),  # only the first = splits
        ("content.aov=: x", None, ("content", "aov"), ": x"),  # not YAML: kept as text
        (" content.aov =7", None, ("content", "aov"), 7),
    ],
)
def test_parse_override(arg: str, merchant: str | None, path: tuple[str, ...], value: Any) -> None:
    o = parse_override(arg)
    assert o == Override(arg, merchant, path, value)
    assert type(o.value) is type(value)


@pytest.mark.parametrize("arg", ["content.aov", "=3", " =3"])
def test_parse_override_needs_path_and_value(arg: str) -> None:
    with pytest.raises(UsageError, match=r"expected \[MERCHANT_ID:\]PATH=VALUE"):
        parse_override(arg)


@pytest.mark.parametrize(
    ("arg", "hint"),
    [
        ("content.aovv=1", "did you mean 'content.aov'? "),
        ("weiwei:shelf.conversoin_rate=1%", "did you mean 'shelf.conversion_rate'? "),
        ("id=x", ""),
        ("merchants=1", ""),
    ],
)
def test_parse_override_bad_path_lists_valid_fields(arg: str, hint: str) -> None:
    with pytest.raises(UsageError) as info:
        parse_override(arg)
    text = str(info.value)
    assert text.startswith(f"--set {arg}: unknown field ")
    assert f"— {hint}valid fields: name, role, cogs_rate, policies, shelf.uv," in text
    assert "forecast.public_cost_growth" in text


def test_field_paths_cover_every_section() -> None:
    paths = field_paths()
    assert "id" not in paths and "shelf" not in paths
    assert {"content.fans", "shelf.refund_rate", "forecast.follow_rate", "cogs_rate"} <= set(paths)
    assert len(paths) == len(set(paths))


TWO = """\
name: two
merchants:
  - id: a
    name: A
    shelf: {uv: 100, conversion_rate: 1%, aov: 10}
  - id: b
    name: B
    shelf: {uv: 200, conversion_rate: 1%, aov: 10}
    content: {private_uv: 10, watch_minutes: 1, orders_per_minute: 1%, aov: 5}
"""


def overridden(*args: str, text: str = TWO) -> tuple[Document, set[str]]:
    return apply_overrides(load_text(text, "t.yaml"), [parse_override(a) for a in args])


def test_apply_overrides_sets_only_the_named_merchant() -> None:
    doc, used = overridden("b:shelf.uv=30万")
    a, b = doc.data["merchants"]
    assert a["shelf"]["uv"] == 100 and b["shelf"]["uv"] == "30万"
    assert used == {"b:shelf.uv=30万"}
    assert dict(doc.overrides) == {("merchants", 1, "shelf", "uv"): "--set b:shelf.uv=30万"}
    s = parse_scenario(doc)
    assert s.merchants[1].shelf is not None and s.merchants[1].shelf.uv == 300_000


def test_apply_overrides_does_not_touch_the_original_document() -> None:
    original = load_text(TWO, "t.yaml")
    apply_overrides(original, [parse_override("shelf.uv=1")])
    assert original.data["merchants"][0]["shelf"]["uv"] == 100
    assert dict(original.overrides) == {}


def test_apply_overrides_without_id_skips_merchants_lacking_the_section() -> None:
    doc, used = overridden("content.aov=99")
    a, b = doc.data["merchants"]
    assert "content" not in a and b["content"]["aov"] == 99
    assert list(doc.overrides) == [("merchants", 1, "content", "aov")]
    assert used == {"content.aov=99"}


def test_apply_overrides_without_id_sets_merchant_fields_on_every_merchant() -> None:
    doc, _ = overridden("cogs_rate=30%")
    assert [m["cogs_rate"] for m in doc.data["merchants"]] == ["30%", "30%"]
    assert [m.cogs_rate for m in parse_scenario(doc).merchants] == [0.3, 0.3]


def test_apply_overrides_creates_forecast_when_missing() -> None:
    doc, _ = overridden("forecast.periods=3")
    assert [m["forecast"] for m in doc.data["merchants"]] == [{"periods": 3}, {"periods": 3}]
    assert [m.forecast.periods for m in parse_scenario(doc).merchants if m.forecast] == [3, 3]


def test_apply_overrides_with_id_creates_a_missing_section() -> None:
    doc, used = overridden("a:content.aov=99")
    assert doc.data["merchants"][0]["content"] == {"aov": 99}
    assert used == {"a:content.aov=99"}


def test_apply_overrides_reports_unmatched_ids_as_unused() -> None:
    doc, used = overridden("zz:content.aov=99")
    assert used == set()
    assert doc.data == load_text(TWO, "t.yaml").data


def test_apply_overrides_later_wins() -> None:
    doc, _ = overridden("shelf.uv=1", "a:shelf.uv=2")
    assert [m["shelf"]["uv"] for m in doc.data["merchants"]] == [2, 1]


def test_apply_overrides_leaves_non_scenarios_alone() -> None:
    doc = load_text("- a\n", "t.yaml")
    assert apply_overrides(doc, [parse_override("shelf.uv=1")]) == (doc, set())
    assert apply_overrides(load_text(TWO, "t.yaml"), [])[1] == set()


def test_problem_on_an_overridden_path_names_the_set_argument() -> None:
    doc, _ = overridden("content.aov=abc")
    with pytest.raises(ScenarioError) as info:
        parse_scenario(doc)
    (p,) = info.value.problems
    assert "--set" in p.file
    assert (p.file, p.line, p.column, p.path, p.got) == (
        "t.yaml: --set content.aov=abc",
        None,
        None,
        "merchants[1].content.aov",
        "abc",
    )
    assert str(p).startswith(
        "t.yaml: --set content.aov=abc: merchants[1].content.aov: is not a number"
    )


def test_problem_below_an_overridden_path_names_the_set_argument() -> None:
    doc, _ = overridden("b:policies=[no_such_policy]")
    with pytest.raises(ScenarioError) as info:
        parse_scenario(doc)
    (p,) = info.value.problems
    assert p.file == "t.yaml: --set b:policies=[no_such_policy]"
    assert p.got == "no_such_policy" and p.line is None


def test_unknown_policy_from_set_has_the_items_path() -> None:
    doc, _ = overridden("b:policies=[no_such_policy]")
    with pytest.raises(ScenarioError) as info:
        parse_scenario(doc)
    assert info.value.problems[0].path == "merchants[1].policies[0]"


def test_problems_elsewhere_keep_their_file_position() -> None:
    doc, _ = overridden("b:content.aov=99", text=TWO.replace("uv: 100,", "uv: lots,"))
    with pytest.raises(ScenarioError) as info:
        parse_scenario(doc)
    (p,) = info.value.problems
    assert (p.file, p.line, p.column, p.path) == ("t.yaml", 5, 17, "merchants[0].shelf.uv")


def test_weiwei_round_trips_through_set() -> None:
    doc, _ = apply_overrides(load_text(WEIWEI, "w.yaml"), [parse_override("weiwei:content.aov=99")])
    s: Scenario = parse_scenario(doc)
    assert s.merchants[0].content is not None and s.merchants[0].content.aov == 99
    assert s.merchants[0].shelf is not None and s.merchants[0].shelf.aov == 89


def test_a_control_character_is_located() -> None:
    with pytest.raises(ScenarioError) as caught:
        load_text("name: x\x01y\nmerchants: []\n", "c.yaml")
    (p,) = caught.value.problems
    assert (p.line, p.column, p.code, str(p.got)) == (1, 8, "yaml.control", "U+0001")
    assert "<unicode string>" not in p.text("en") and "控制字符" in p.text("zh")


# --- the validator's quick path ------------------------------------------------------------------

QUICK = [
    0,
    1,
    0.5,
    -0.0,
    1e15,
    2e15,
    -1,
    -0.5,
    1.5,
    1e-13,
    7,
    "2.5%",
    "15万",
    "¥89",
    "35,000",
    "-4%",
]
QUICK += ["150%", "0", "1,2", "abc", "", True, None, "1 to 2", "1\tto\t2", "  to  ", "\u30001 to 2"]


FIELD_OF_KIND = {
    "rate": ("shelf", "conversion_rate"),
    "count": ("shelf", "uv"),
    "money": ("shelf", "traffic_cost_per_uv"),
    "positive": ("shelf", "aov"),
    "growth": ("forecast", "public_cost_growth"),
}


@pytest.mark.parametrize("kind", sorted(FIELD_OF_KIND))
@pytest.mark.parametrize("raw", QUICK, ids=repr)
def test_the_quick_path_of_a_number_gives_what_its_kind_gives(kind: str, raw: object) -> None:
    """A number within its kind's BOUNDS is accepted in one call; everything else goes through the
    kind's converter (and its distributions), so both ways give the same value or problem."""
    from gmvcli.model.kinds import KINDS, Invalid, parse_distribution
    from gmvcli.model.validate import _Validator

    section, key = FIELD_OF_KIND[kind]
    validator = _Validator(load_text("a: 1\n", "t.yaml"))
    out = validator.section({key: raw}, ("s",), section)
    assert out is not None
    mine = [p for p in validator.problems if p.path == f"s.{key}"]
    try:
        distribution = parse_distribution(raw, kind)
        convert = KINDS[kind][0]
        expected = convert(raw if distribution is None else distribution.central())
    except Invalid as exc:
        assert key not in out and len(mine) == 1 and mine[0].message == exc.message
        return
    assert not mine and out[key] == expected and type(out[key]) is type(expected)
    assert bool(validator.uncertain) is (distribution is not None)


def test_every_text_a_distribution_may_be_holds_whitespace() -> None:
    """The validator checks a text for "a to b" only when it holds whitespace (`_spaced`)."""
    import sys

    from gmvcli.model.validate import _spaced

    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    assert all(_spaced(f"1{c}to{c}2") for c in spaces)
    assert not _spaced("2.5%") and not _spaced("１万") and not _spaced("¥89")
