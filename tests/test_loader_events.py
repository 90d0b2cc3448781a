"""The loader's fast path (gmvcli/yamlcore.py): plain data straight from libyaml's events must be
exactly what the node-tree path builds, and anything the tree path words as a problem must make it
give up; a clean file composes its node tree only when a position is asked for."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml

from gmvcli import loader, yamlcore
from gmvcli.errors import ScenarioError
from gmvcli.loader import load_text
from gmvcli.textsafe import JsonText, json_chunks, json_dumps

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(
    p
    for pattern in ("examples/**/*.yaml", "tests/**/*.yaml", "gmvcli/**/*.yaml")
    for p in ROOT.glob(pattern)
)

SNIPPETS = [
    "",
    "# only a comment\n",
    "---\n",
    "--- 5\n",
    "a: 1\n",
    "[1, 2.5, -3, 0o17, 0x1F, 017, 1e400, .inf, -.Inf, .nan, 1_000, 4:30, 0b101]\n",
    "[true, False, yes, no, on, off, ~, null, Null, '', \"\", '1', \"true\"]\n",
    "{1: a, true: b, null: c, '2': d, 3.0: e}\n",
    "a: !!str 12\nb: !!int '12'\nc: !!float 1\nd: !!bool true\ne: !!null ''\n",
    "a: ! 12\nc: 2026-01-01\n",
    "a: !!map {b: !!seq [1]}\n",
    'a: |\n  two\n  lines\nb: >-\n  folded\n  text\nc: "\\u00e9\\x41"\n',
    "名字: 商家\n列表:\n  - 一\n  -\n  - [ ]\n  - { }\n",
    "a:\n  b:\n    c:\n      d: [[[[1]]]]\n",
    "x: " + "9" * 5000 + "\n",
    # a mapping's plain values (resolved in its loop): every kind of number, word and text
    "a: 0o17\nb: 0x1F\nc: .inf\nd: -.Inf\ne: .nan\nf: 1e400\ng: 017\nh: -.5\ni: +3\n"
    "j: 1_000\nk: true\nl: FALSE\nm: ~\nn:\no: Null\np: 4:30\nq: 名字\nr: 1.\ns: 2e3\n",
    "big: " + "9" * 4001 + "\nsigned: -" + "9" * 4000 + "\n",
]

GIVE_UP = [
    "a: &x 1\nb: *x\n",
    "a: 1\na: 2\n",
    "<<: {a: 1}\n",
    "? [a]\n: 1\n",
    "a: !!python/object:os.system x\n",
    "a: !custom 1\n",
    "a: !!set {b}\n",
    "b: !!timestamp 2026-01-01\n",  # outside the core schema: refused (by the node tree)
    "d: !!binary aGk=\n",
    "a: 1\n---\nb: 2\n",
    "a: [1\n",
    "a: *nowhere\n",
    "[" * 70 + "]" * 70 + "\n",
    "a: <<\n",
]


def tree_data(text: str) -> object:
    """What the node-tree path builds."""
    root = yaml.compose(text, Loader=yamlcore.Loader)
    if root is None:
        return None
    problems: list[object] = []
    data = loader._Builder("t.yaml", problems).build(root, ())  # type: ignore[arg-type]
    assert not problems
    return data


def fast(text: str) -> object:
    return yamlcore.build(text, 1 << 62, loader.MAX_DEPTH)


@pytest.mark.parametrize("text", SNIPPETS)
def test_events_build_what_the_node_tree_builds(text: str) -> None:
    data = fast(text)
    assert data is not yamlcore.GIVE_UP
    assert repr(data) == repr(tree_data(text))  # repr: nan == nan
    # from the file's bytes (what load_bytes hands libyaml) the same
    encoded = yamlcore.build(text, 1 << 62, loader.MAX_DEPTH, text.encode())
    assert repr(encoded) == repr(data)


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_shipped_yaml_reads_the_same_both_ways(path: Path) -> None:
    text = path.read_bytes().decode("utf-8", "replace").removeprefix("\ufeff")
    try:
        expected = repr(tree_data(text))
    except (yaml.YAMLError, ScenarioError, AssertionError, RecursionError):
        assert fast(text) is yamlcore.GIVE_UP  # a bad file: the tree path words why
        return
    data = fast(text)
    if data is not yamlcore.GIVE_UP:  # an anchor is read the tree's way, and that is all
        assert repr(data) == expected


@pytest.mark.parametrize("text", GIVE_UP)
def test_what_the_tree_path_must_word_or_count_makes_the_events_give_up(text: str) -> None:
    assert fast(text) is yamlcore.GIVE_UP


def test_alias_free_files_never_exceed_the_budget_but_the_events_check_it() -> None:
    assert yamlcore.build("a: [1, 2, 3]\n", 5, 64) is yamlcore.GIVE_UP
    assert yamlcore.build("a: [1, 2, 3]\n", 100, 64) == {"a": [1, 2, 3]}


def test_a_clean_file_composes_its_node_tree_only_when_a_position_is_asked_for() -> None:
    doc = load_text("a:\n  b: [1, x]\n", "t.yaml")
    assert isinstance(doc.tree, loader._Source) and doc.tree.node is None
    node = doc.node_at(("a", "b", 1))
    assert node is not None and (node.start_mark.line, node.start_mark.column) == (1, 9)
    assert doc.tree.node is doc.root  # composed once, then kept
    p = doc.problem(("a", "b", 1), loader.msg("yaml.node"))
    assert (p.line, p.column, p.path, str(p.got)) == (2, 10, "a.b[1]", "x")


def test_a_file_with_anchors_reads_the_tree_way_and_keeps_its_tree() -> None:
    doc = load_text("a: &x [1]\nb: *x\n", "t.yaml")
    assert doc.data == {"a": [1], "b": [1]} and isinstance(doc.tree, yaml.MappingNode)


def test_keys_and_short_texts_are_shared_between_merchants() -> None:
    """... of a big file (a small one is not worth the look-ups)."""
    padding = "# " + "x" * yamlcore.SHARE_ABOVE + "\n"
    data = fast("- {id: a, role: brand}\n- {id: b, role: brand}\n" + padding)
    assert isinstance(data, list)
    first, second = ([next(iter(m)) for m in data], [m["role"] for m in data])
    assert first[0] is first[1] and second[0] is second[1]


OBJECTS = [
    {"a": [1, {"b": math.nan, "c": "\u202e\x85"}], "d": {}, "e": [], "f": (1, 2.5), "g": None},
    [{"x": [math.inf]}, "商家", {"k": {"deep": [1, [2, [3]]]}}],
    "plain",
    {},
]


@pytest.mark.parametrize("obj", OBJECTS)
@pytest.mark.parametrize("levels", [0, 1, 2, 3, 5])
@pytest.mark.parametrize("ascii", [False, True])
@pytest.mark.parametrize("indent", [None, 0, 2])
def test_json_chunks_join_to_json_dumps(
    obj: object, levels: int, ascii: bool, indent: int | None
) -> None:
    expected = json_dumps(obj, ascii=ascii, indent=indent)
    assert "".join(json_chunks(obj, levels, ascii=ascii, indent=indent)) == expected
    nested = "".join(json_chunks(obj, levels, ascii=ascii, indent=indent, at=4))
    assert nested == expected.replace("\n", "\n    ")


@pytest.mark.parametrize("indent", [None, 2])
def test_json_chunks_write_json_text_as_it_is_where_it_stands(indent: int | None) -> None:
    items = [{"a": [1, {"b": "\u202e"}]}, {}, []]
    texts = iter([JsonText(json_dumps(i, indent=indent)) for i in items])
    whole = {"head": {"x": 1}, "m": items}
    text = "".join(json_chunks({"head": {"x": 1}, "m": texts}, 2, indent=indent, at=2))
    assert text == json_dumps(whole, indent=indent).replace("\n", "\n  ")


def test_json_chunks_write_an_iterator_as_a_list_piece_by_piece() -> None:
    pieces = list(json_chunks({"m": iter([{"a": 1}, {"b": 2}])}, 2))
    assert "".join(pieces) == '{"m": [{"a": 1}, {"b": 2}]}'
    assert '{"a": 1}' in pieces  # each item its own piece


def test_only_ascii_text_can_take_an_implicit_tag() -> None:
    """The event walk resolves a plain scalar only when it is ASCII: every core-schema form is."""
    import re

    for resolvers in yamlcore.CoreResolver.yaml_implicit_resolvers.values():
        for _tag, regexp in resolvers:
            pattern = regexp.pattern.replace("\\.", "")
            assert pattern.isascii() and not regexp.flags & re.IGNORECASE, regexp.pattern
            assert "." not in pattern and not re.search(r"\\[dDwWsS]", pattern), regexp.pattern
    assert yamlcore.build("a: ２０\nb: 1\n", 1000, 8) == {"a": "２０", "b": 1}


PLAIN = ["true", "True", "TRUE", "tRue", "false", "FALSE", "null", "Null", "NULL", "nULL", "~", ""]
PLAIN += ["0o17", "0o18", "0x1F", "0X1F", "017", "-017", "+5", "-0", "1e3", "1E+3", "1.", ".5", "."]
PLAIN += ["-.inf", "+.Inf", ".INF", ".NaN", ".nan1", "-.nan", "1_000", "12:30", "１２", "0.45%"]
PLAIN += ["2.5e-3", "1e400", "9" * 30, "-", "+", "e3", "0x", "0o", "true1", "null ", "yes", "Off"]


@pytest.mark.parametrize("value", PLAIN, ids=repr)
def test_plain_scalars_resolve_as_the_core_resolver_resolves_them(value: str) -> None:
    """The event walk's words and single number pattern give CoreResolver's tags."""
    for text in (f"a: {value}\n", f"[{value}]\n"):
        try:
            expected = tree_data(text)
        except yaml.YAMLError:
            continue
        got = fast(text)
        assert got == expected or (got != got and expected != expected), text
        assert type(got) is type(expected) or got is yamlcore.GIVE_UP, text
