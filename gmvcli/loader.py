"""YAML text → plain Python data; any path can be located later (node tree composed on demand).

Only the safe YAML subset is read (libyaml when available): no Python objects are ever constructed.
The loader knows nothing of scenarios: it turns bytes into mappings, lists and scalars, and errors
into located `Problem`s.
"""

from __future__ import annotations

import gc
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any, NamedTuple

import yaml

from gmvcli.errors import Problem, ScenarioError, shown
from gmvcli.messages import Msg, Worded, msg
from gmvcli.yamlcore import (
    FORMS,
    GIVE_UP,
    MAX_ALIASED_NODES,
    MAX_DEPTH,
    MAX_EXPANSION,
    MIN_EXPANDED,
    PLAIN_TEXT_TAGS,
    SCALAR_TAGS,
    Loader,
    build,
)

PathPart = str | int


class _Source:
    """A clean file's text, composed into a node tree the first time a position is asked for."""

    __slots__ = ("node", "text")

    def __init__(self, text: str) -> None:
        self.text: str | None = text
        self.node: yaml.Node | None = None

    def compose(self) -> yaml.Node | None:
        if self.text is not None:
            gc_was_enabled = gc.isenabled()
            gc.disable()
            try:
                self.node = yaml.compose(self.text, Loader=Loader)
            finally:
                if gc_was_enabled:
                    gc.enable()
            self.text = None
        return self.node


class Document(NamedTuple):
    """A parsed file: its data, its node tree (for positions) and the name it is reported under."""

    file: str
    data: Any
    #: the node tree, or the text it is composed from when first needed (`root`)
    tree: yaml.Node | _Source | None
    #: paths whose value came from the command line (`--set`), with the argument that set them
    overrides: Mapping[tuple[PathPart, ...], str] = MappingProxyType({})

    @property
    def root(self) -> yaml.Node | None:
        """The document's node tree (composed now if the file was read without one)."""
        tree = self.tree
        return tree.compose() if isinstance(tree, _Source) else tree

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


def written_tag(tag: str) -> str:
    """A tag as the file wrote it: `!!omap`, not the `tag:yaml.org,2002:omap` it stands for."""
    core = "tag:yaml.org,2002:"
    return shown("!!" + tag[len(core) :] if tag.startswith(core) else tag)


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
    if raw.startswith(b"\xef\xbb\xbf"):  # a byte-order mark: not part of the text
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
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
    return load_text(text, file, raw)


def load_text(text: str, file: str, encoded: bytes | None = None) -> Document:
    """Parse YAML text into a Document; raise ScenarioError with the position of any problem.
    `encoded`: the UTF-8 bytes `text` was decoded from, when there are any."""
    gc_was_enabled = gc.isenabled()
    gc.disable()  # node trees are acyclic: the collector only slows big files down (2-4×)
    try:
        return _load(text, file, encoded)
    finally:
        if gc_was_enabled:
            gc.enable()


def _load(text: str, file: str, encoded: bytes | None) -> Document:
    budget = max(MAX_EXPANSION * len(text), MIN_EXPANDED)
    # a clean file: plain data straight from libyaml's events, no node tree
    data = build(text, budget, MAX_DEPTH, encoded)
    if data is not GIVE_UP:
        return Document(file, data, _Source(text))
    try:
        root = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        from gmvcli.yamlwords import yaml_problem

        raise ScenarioError([Problem(file, yaml_problem(exc, text), line, column)]) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (a control character)
        before = text[: exc.position]
        line = before.count("\n") + 1
        column = exc.position - (before.rfind("\n") + 1) + 1
        got = f"U+{exc.character:04X}" if isinstance(exc.character, int) else str(exc.character)
        problem = Problem(file, msg("yaml.control"), line, column, got=got)
        raise ScenarioError([problem]) from None
    except yaml.YAMLError as exc:
        from gmvcli.yamlwords import zh_detail

        detail = Worded(str(exc), zh_detail(str(exc)))
        raise ScenarioError([Problem(file, msg("yaml.invalid", detail=detail))]) from None
    except RecursionError:
        nested = msg("yaml.invalid", detail=msg("yaml.nested"))
        raise ScenarioError([Problem(file, nested)]) from None
    if root is None:
        return Document(file, None, None)
    problems: list[Problem] = []
    builder = _Builder(file, problems, budget)
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
                self._problem(node, msg("yaml.tag"), path, written_tag(node.tag))
                return None
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        self._problem(node, msg("yaml.node"))  # pragma: no cover
        return None  # pragma: no cover

    def scalar(self, node: yaml.ScalarNode, path: tuple[PathPart, ...]) -> Any:
        tag = node.tag
        if tag in PLAIN_TEXT_TAGS:
            return node.value
        construct = SCALAR_TAGS.get(tag)
        if construct is None:
            self._problem(node, msg("yaml.tag"), path, written_tag(tag))
            return None
        if not FORMS[tag].match(node.value):
            return node.value  # `!!int 1_000`: text, as a plain 1_000 is (SPEC §2 then words it)
        try:
            return construct(node.value)
        except (ValueError, OverflowError):
            return node.value

    def mapping(self, node: yaml.MappingNode, path: tuple[PathPart, ...]) -> dict[str, Any]:
        if node.tag != "tag:yaml.org,2002:map":
            self._problem(node, msg("yaml.tag"), path, written_tag(node.tag))
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
