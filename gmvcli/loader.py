"""YAML text → plain Python data, keeping the node tree so any path can be located later.

Only the safe YAML subset is read (libyaml when available): no Python objects are ever constructed.
The loader knows nothing of scenarios: it turns bytes into mappings, lists and scalars, and errors
into located `Problem`s.
"""

from __future__ import annotations

import gc
import math
import re
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any, NamedTuple

import yaml

from gmvcli.errors import Problem, ScenarioError, shown
from gmvcli.messages import Msg, Worded, msg


class _CoreResolver(yaml.resolver.BaseResolver):
    """YAML 1.2 core schema (SPEC §2), as editors and JSON-Schema validators read files: `4:30` is
    text (never sexagesimal 270), `017` is 17 (never octal 15), `0o17` is 15, yes/no/on/off are
    text and only true/false are booleans. PyYAML alone resolves YAML 1.1."""


_DIGITS = list("-+0123456789.")
for _tag, _regexp, _first in (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", _DIGITS),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        _DIGITS,
    ),
    ("tag:yaml.org,2002:merge", r"^(?:<<)$", ["<"]),
):
    _CoreResolver.add_implicit_resolver(_tag, re.compile(_regexp), _first)

_Parser: Any = getattr(yaml, "cyaml", None) and getattr(yaml.cyaml, "CParser", None)  # libyaml


if _Parser is not None:

    class _Loader(_Parser, yaml.constructor.SafeConstructor, _CoreResolver):  # type: ignore[misc]
        def __init__(self, stream: str) -> None:
            _Parser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            _CoreResolver.__init__(self)

else:  # pragma: no cover

    class _Loader(  # type: ignore[no-redef]
        yaml.reader.Reader,
        yaml.scanner.Scanner,
        yaml.parser.Parser,
        yaml.composer.Composer,
        yaml.constructor.SafeConstructor,
        _CoreResolver,
    ):
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            _CoreResolver.__init__(self)


#: Visiting more nodes than this through aliases means a "billion laughs", not a scenario.
MAX_ALIASED_NODES = 100_000
#: Expanding aliases may not grow a document past this many times its size (scalars included, SPEC §7).
MAX_EXPANSION = 10
#: ... with a floor so that a tiny file may still use an anchor or two
MIN_EXPANDED = 4096
#: Scenario files are a few levels deep; anything deeper is not a scenario.
MAX_DEPTH = 64

_STR = "tag:yaml.org,2002:str"


def _core_int(text: str) -> int | str:
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10) if len(text) <= 4000 else text  # beyond int(): the number check says why


def _core_float(text: str) -> float | str:
    lowered = text.lower()
    if lowered.endswith(".inf"):
        return -math.inf if text.startswith("-") else math.inf
    if lowered == ".nan":
        return math.nan
    number = float(text)
    return number if math.isfinite(number) else text  # 1e400 as written: "too large", not inf


_SCALAR_TAGS: dict[str, Any] = {
    "tag:yaml.org,2002:int": _core_int,
    "tag:yaml.org,2002:float": _core_float,
    "tag:yaml.org,2002:bool": lambda text: text.lower() == "true",
    "tag:yaml.org,2002:null": lambda text: None,
}
_PLAIN_TEXT_TAGS = {_STR, "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:binary"}

PathPart = str | int


class Document(NamedTuple):
    """A parsed file: its data, its node tree (for positions) and the name it is reported under."""

    file: str
    data: Any
    root: yaml.Node | None
    #: paths whose value came from the command line (`--set`), with the argument that set them
    overrides: Mapping[tuple[PathPart, ...], str] = MappingProxyType({})

    def node_at(self, path: Sequence[PathPart], *, key: bool = False) -> yaml.Node | None:
        """The deepest node along `path` (the key's node instead of its value's when `key`)."""
        node = self.root
        for i, part in enumerate(path):
            last = i == len(path) - 1
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    if k.value == part:
                        node = k if (last and key) else v
                        break
                else:
                    return node
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if 0 <= part < len(node.value):
                    node = node.value[part]
                else:
                    return node
            else:
                return node
        return node

    def problem(
        self,
        path: Sequence[PathPart],
        message: Msg,
        *,
        key: bool = False,
        got: object = ...,
        hint: Msg | None = None,
    ) -> Problem:
        """A Problem located at `path`; `got` defaults to the scalar written there."""
        for k in range(len(path), 0, -1):
            arg = self.overrides.get(tuple(path[:k]))
            if arg is not None:
                value = self.value_at(path)
                got_value = (shown(value) if value is not ... else None) if got is ... else got
                return Problem(
                    f"{self.file}: {shown(arg)}",
                    message,
                    path=format_path(path),
                    got=None if got_value is None else shown(got_value),
                    hint=hint,
                )
        node = self.node_at(path, key=key)
        line, column = 1, 1  # an empty document: its start
        if node is not None:
            line, column = node.start_mark.line + 1, node.start_mark.column + 1
        if got is ...:
            got_text = None
            found = self.node_at(path)
            if found is not None and isinstance(found, yaml.ScalarNode) and len(path) > 0:
                got_text = shown(found.value) if found.value != "" else msg("value.nothing")
        else:
            got_text = None if got is None else got if isinstance(got, Msg) else shown(got)
        return Problem(self.file, message, line, column, format_path(path), got_text, hint)

    def value_at(self, path: Sequence[PathPart]) -> Any:
        """The data at `path`, or ... when there is none."""
        value = self.data
        for part in path:
            try:
                value = value[part]
            except (KeyError, IndexError, TypeError):
                return ...
        return value


def format_path(path: Sequence[PathPart]) -> str:
    """('merchants', 0, 'shelf', 'uv') → 'merchants[0].shelf.uv'."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def load_bytes(raw: bytes, file: str) -> Document:
    """Parse YAML bytes into a Document; raise ScenarioError with the position of any problem."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise ScenarioError(
            [
                Problem(
                    file,
                    msg("file.utf8"),
                    line,
                    column,
                    got=msg("value.byte", byte=f"{raw[exc.start]:02x}"),
                    hint=msg("hint.utf8"),
                )
            ]
        ) from None
    return load_text(text, file)


def load_text(text: str, file: str) -> Document:
    """Parse YAML text into a Document; raise ScenarioError with the position of any problem."""
    gc_was_enabled = gc.isenabled()
    gc.disable()  # node trees are acyclic: the collector only slows big files down (2-4×)
    try:
        return _load(text, file)
    finally:
        if gc_was_enabled:
            gc.enable()


def _load(text: str, file: str) -> Document:
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        raise ScenarioError([Problem(file, _yaml_problem(exc), line, column)]) from None
    except yaml.YAMLError as exc:
        detail = Worded(str(exc), _zh_yaml(str(exc)))
        raise ScenarioError([Problem(file, msg("yaml.invalid", detail=detail))]) from None
    except RecursionError:
        nested = msg("yaml.invalid", detail=msg("yaml.nested"))
        raise ScenarioError([Problem(file, nested)]) from None
    if root is None:
        return Document(file, None, None)
    problems: list[Problem] = []
    builder = _Builder(file, problems, max(MAX_EXPANSION * len(text), MIN_EXPANDED))
    data = builder.build(root, ())
    if problems:
        raise ScenarioError(problems)
    return Document(file, data, root)


class _Builder:
    """Turns composed nodes into plain data, checking keys, tags, depth and alias expansion."""

    def __init__(self, file: str, problems: list[Problem], budget: int = 1 << 62) -> None:
        self.file = file
        self.problems = problems
        self.seen: set[int] = set()
        self.aliased = 0
        #: characters the built data may hold: every scalar counts each time it is built
        self.budget = budget
        self.size = 0

    def _problem(
        self, node: yaml.Node, message: Msg, path: tuple[PathPart, ...] = (), got: str | None = None
    ) -> None:
        mark = node.start_mark
        self.problems.append(
            Problem(self.file, message, mark.line + 1, mark.column + 1, format_path(path), got)
        )

    def build(self, node: yaml.Node, path: tuple[PathPart, ...]) -> Any:
        self.size += len(node.value) + 1
        if self.size > self.budget:
            self._problem(node, msg("yaml.expansion", times=MAX_EXPANSION), path)
            raise ScenarioError(self.problems)
        if not isinstance(node, yaml.ScalarNode):
            if id(node) in self.seen:  # reached again through an alias: count what it expands to
                self.aliased += len(node.value)
                if self.aliased > MAX_ALIASED_NODES:
                    self._problem(
                        node,
                        msg("yaml.aliases", limit=f"{MAX_ALIASED_NODES:,}"),
                        path,
                    )
                    raise ScenarioError(self.problems)
            self.seen.add(id(node))
        if len(path) > MAX_DEPTH:
            self._problem(node, msg("yaml.depth", depth=MAX_DEPTH))
            raise ScenarioError(self.problems)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                self._problem(node, msg("yaml.tag"), path, shown(node.tag))
                return None
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        self._problem(node, msg("yaml.node"))  # pragma: no cover
        return None  # pragma: no cover

    def scalar(self, node: yaml.ScalarNode, path: tuple[PathPart, ...]) -> Any:
        tag = node.tag
        if tag in _PLAIN_TEXT_TAGS:
            return node.value
        construct = _SCALAR_TAGS.get(tag)
        if construct is None:
            self._problem(node, msg("yaml.tag"), path, shown(tag))
            return None
        try:
            return construct(node.value)
        except (ValueError, OverflowError):
            return node.value

    def mapping(self, node: yaml.MappingNode, path: tuple[PathPart, ...]) -> dict[str, Any]:
        if node.tag != "tag:yaml.org,2002:map":
            self._problem(node, msg("yaml.tag"), path, shown(node.tag))
        out: dict[str, Any] = {}
        first: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(key_node, msg("yaml.key_text"), path)
                continue
            if key_node.tag == "tag:yaml.org,2002:merge":
                self._problem(key_node, msg("yaml.merge"), path)
                continue
            key = key_node.value
            self.size += len(key)  # an aliased key counts like any scalar
            if key in first:
                line = first[key].start_mark.line + 1
                self._problem(key_node, msg("yaml.duplicate", line=line), (*path, key))
                continue
            first[key] = key_node
            out[key] = self.build(value_node, (*path, key))
        return out


def _yaml_problems_zh() -> dict[str, str]:
    """PyYAML's own wording of a syntax problem → its Chinese (messages/yaml_zh.json)."""
    import json
    from importlib.resources import files

    table: dict[str, str] = json.loads(
        files("gmvcli.messages").joinpath("yaml_zh.json").read_text("utf-8")
    )
    return table


def _zh_yaml(text: str) -> str:
    """PyYAML's wording of a problem in Chinese: its known phrases, else a general one."""
    return _yaml_problems_zh().get(text, "语法不符合 YAML")


def _yaml_problem(exc: yaml.MarkedYAMLError) -> Msg:
    """`invalid YAML: <PyYAML's problem>`, with the construct it was in; worded in en and zh."""
    problem = exc.problem or exc.context or ""
    en, zh = problem, _zh_yaml(problem)
    if exc.context and exc.context_mark and exc.problem:
        line = exc.context_mark.line + 1
        en = f"{en} ({exc.context} that starts on line {line})"
        zh = f"{zh}（{_zh_yaml(exc.context)}，始于第 {line} 行）"
    return msg("yaml.invalid", detail=Worded(en, zh))
