"""`gmvcli test`: finding test files and reading one into tests, every problem located."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator, Sequence
from typing import Any

from gmvcli.errors import Problem, ScenarioError
from gmvcli.inputs import (
    Override,
    Source,
    apply_overrides,
    expand,
    field_paths,
    parse_override,
    read_file,
)
from gmvcli.loader import Document, PathPart, format_path, load_bytes
from gmvcli.messages import listing, msg
from gmvcli.numbers import NumberError, parse_number

# --- discovery -----------------------------------------------------------------------------------
from gmvcli.testing.expect import _line, _missing, _unknown_key, read_expectations
from gmvcli.testing.results import (
    COMMANDS,
    REQUIRED_KEYS,
    ROOT_KEYS,
    SUFFIX,
    TEST_KEYS,
    _Test,
)


def discover(paths: Sequence[str]) -> Iterator[Source]:
    """FILE as given (or - for stdin); DIR as its *.test.yaml files, recursively, sorted."""
    for path in paths:
        if path != "-" and os.path.isdir(path):
            found = []
            for folder, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                found += [
                    os.path.join(folder, f)
                    for f in files
                    if f.endswith(SUFFIX) and not f.startswith(".")
                ]
            if not found:
                yield Source(path, None, Problem(path, msg("testfile.no_files")))
            for file in sorted(found):
                yield from expand([file])
        else:
            yield from expand([path])


# --- reading a test file -------------------------------------------------------------------------


class _Reader:
    """Validates one test file, collecting every located problem, and prepares its tests."""

    def __init__(
        self,
        doc: Document,
        base: str,
        cache: dict[str, Document | list[Problem]],
        root: str | None = None,
    ) -> None:
        self.doc = doc
        self.base = base
        self.cache = cache
        self.root = os.path.realpath(root if root is not None else os.getcwd())
        self.problems: list[Problem] = []  # problems of the file outside any one test

    def tests(self) -> list[_Test] | None:
        """The file's tests (each with its own problems), or None when there is no list of tests."""
        doc = self.doc
        data = doc.data
        if not isinstance(data, dict) or "tests" not in data:
            got = (
                msg("value.nothing")
                if data is None
                else None
                if isinstance(data, dict)
                else type(data).__name__
            )
            self.problems.append(
                doc.problem(
                    (),
                    msg("testfile.not_test_file"),
                    got=got,
                    hint=msg("hint.tests"),
                )
            )
            return None
        for key in data:
            if key not in ROOT_KEYS:
                self.problems.append(_unknown_key(doc, (), key, ROOT_KEYS))
        items = data["tests"]
        if not isinstance(items, list):
            self.problems.append(doc.problem(("tests",), msg("testfile.not_list")))
            return None
        if not items:
            self.problems.append(doc.problem(("tests",), msg("testfile.empty"), got=None))
            return None
        return [self.test(item, i) for i, item in enumerate(items)]

    def test(self, item: object, i: int) -> _Test:
        doc = self.doc
        where: tuple[PathPart, ...] = ("tests", i)
        problems: list[Problem] = []
        name = f"tests[{i}]"
        line = _line(doc, where)
        empty = _Test(i, name, line, "compare", None, None, 0.0, 0.0, (), (), line)
        if not isinstance(item, dict):
            problems.append(doc.problem(where, msg("testfile.not_mapping"), got=None))
            return empty._replace(problems=tuple(problems))
        for key in item:
            if key not in TEST_KEYS:
                problems.append(_unknown_key(doc, where, key, TEST_KEYS))
        suggested = {
            m
            for key in item
            if key not in TEST_KEYS
            for m in difflib.get_close_matches(key, TEST_KEYS, n=1, cutoff=0.6)
        }
        for key in REQUIRED_KEYS:
            if key not in item and key not in suggested:
                problems.append(_missing(doc, where, key))

        raw_name = item.get("name")
        if "name" in item:
            if not isinstance(raw_name, str):
                problems.append(doc.problem((*where, "name"), msg("value.text")))
            elif not raw_name.strip():
                problems.append(doc.problem((*where, "name"), msg("value.empty")))
            else:
                name = raw_name

        command = item.get("command", "compare")
        if command not in COMMANDS:
            match = difflib.get_close_matches(str(command), COMMANDS, n=1, cutoff=0.6)
            problems.append(
                doc.problem(
                    (*where, "command"),
                    msg("value.choice", options=listing(COMMANDS)),
                    hint=msg("hint.did_you_mean", word=match[0]) if match else None,
                )
            )
            command = "compare"

        margins = []
        for key in ("relative_error_margin", "absolute_error_margin"):
            margin = 0.0
            if key in item:
                try:
                    margin = parse_number(item[key])
                    if margin < 0:
                        raise NumberError(msg("value.non_negative"))
                except NumberError as exc:
                    problems.append(doc.problem((*where, key), exc.message, hint=exc.hint))
                    margin = 0.0
            margins.append(margin)

        expectations = read_expectations(
            self.doc, item.get("expect", ...), (*where, "expect"), problems
        )
        overrides = self.overrides(item.get("set", ...), (*where, "set"), problems)

        scenario = sdoc = None
        scenario_line = _line(doc, (*where, "scenario"))
        if "scenario" in item:
            scenario, sdoc = self.scenario(item["scenario"], where, overrides, problems)
        return _Test(
            i,
            name,
            line,
            command,
            scenario,
            sdoc,
            margins[0],
            margins[1],
            tuple(expectations),
            tuple(sorted(problems, key=_order)),
            scenario_line,
        )

    def overrides(
        self, raw: object, where: tuple[PathPart, ...], problems: list[Problem]
    ) -> list[tuple[Override, str]]:
        """`set:` entries as --set overrides, each with its key (its arg is a token: see _token)."""
        doc = self.doc
        if raw is ...:
            return []
        if not isinstance(raw, dict):
            problems.append(
                doc.problem(
                    where,
                    msg("testfile.set_mapping"),
                    hint=msg("hint.set"),
                )
            )
            return []
        out = []
        for k, (key, value) in enumerate(raw.items()):
            field = str(key).rpartition(":")[2]
            valid = field_paths()
            if field not in valid:
                match = difflib.get_close_matches(field, valid, n=1, cutoff=0.6)
                hint = (
                    msg("hint.did_you_mean", word=match[0])
                    if match
                    else msg("hint.valid_fields", valid=listing(valid))
                )
                problems.append(
                    doc.problem(
                        (*where, key),
                        msg("testfile.unknown_field", path=field),
                        key=True,
                        got=None,
                        hint=hint,
                    )
                )
                continue
            override = parse_override(f"{key}=")
            out.append((override._replace(arg=_token(k), value=value), key))
        return out

    def scenario(
        self,
        raw: object,
        where: tuple[PathPart, ...],
        overrides: list[tuple[Override, str]],
        problems: list[Problem],
    ) -> tuple[Any, Document | None]:
        from gmvcli.model import parse_scenario

        doc = self.doc
        path = (*where, "scenario")
        inline = isinstance(raw, dict)
        if isinstance(raw, dict):
            sdoc = Document(doc.file, raw, doc.node_at(path))
        elif isinstance(raw, str) and raw.strip():
            loaded = self.load(raw)
            if isinstance(loaded, Problem):
                target = os.path.normpath(os.path.join(self.base, raw))
                hint = loaded.hint or (
                    None if target == raw else msg("hint.looked_for", path=target)
                )
                problems.append(doc.problem(path, loaded.message, hint=hint))
                return None, None
            if isinstance(loaded, list):
                problems.extend(loaded)
                return None, None
            sdoc = loaded
        else:
            problems.append(
                doc.problem(
                    path,
                    msg("testfile.scenario_ref"),
                )
            )
            return None, None
        sdoc, used = apply_overrides(sdoc, [o for o, _ in overrides])
        for override, key in overrides:
            if override.arg not in used:
                problems.append(self.unused(override, key, sdoc, (*where, "set", key)))
        try:
            return parse_scenario(sdoc), sdoc
        except ScenarioError as exc:
            for p in exc.problems:
                problems.append(self.relocate(p, overrides, where, inline))
            return None, sdoc

    def load(self, raw: str) -> Document | list[Problem] | Problem:
        """A scenario file named relative to the test file: its Document, its problems, or the
        problem that kept it from being read (to be located at `scenario:`)."""
        hint = msg("hint.test_root", root=self.root)
        if os.path.isabs(raw) or raw.startswith("~"):
            return Problem(self.doc.file, msg("test.scenario_absolute"), hint=hint)
        target = os.path.normpath(os.path.join(self.base, raw))
        real = os.path.realpath(target)
        if real != self.root and not real.startswith(self.root.rstrip(os.sep) + os.sep):
            return Problem(self.doc.file, msg("test.scenario_outside"), hint=hint)
        cached = self.cache.get(target)
        if cached is not None:
            return cached
        if os.path.isdir(target):
            return Problem(target, msg("testfile.scenario_dir"))
        source = read_file(target, regular_only=True)
        if source.problem is not None or source.data is None:
            return source.problem or Problem(target, msg("cli.cannot_read"))
        try:
            loaded: Document | list[Problem] = load_bytes(source.data, target)
        except ScenarioError as exc:
            loaded = exc.problems
        self.cache[target] = loaded
        return loaded

    def unused(
        self, override: Override, key: str, sdoc: Document, path: tuple[PathPart, ...]
    ) -> Problem:
        merchants = sdoc.data.get("merchants") if isinstance(sdoc.data, dict) else None
        ids = [
            m["id"]
            for m in (merchants if isinstance(merchants, list) else [])
            if isinstance(m, dict) and isinstance(m.get("id"), str)
        ]
        if override.merchant is not None:
            return self.doc.problem(
                path,
                msg("testfile.set_no_merchant", id=override.merchant),
                key=True,
                got=None,
                hint=msg("hint.merchants", ids=listing(ids)) if ids else None,
            )
        return self.doc.problem(
            path,
            msg("testfile.set_nothing", section=override.path[0]),
            key=True,
            got=None,
        )

    def relocate(
        self,
        p: Problem,
        overrides: list[tuple[Override, str]],
        where: tuple[PathPart, ...],
        inline: bool,
    ) -> Problem:
        """A scenario's problem as the test file shows it: a value from `set:` at its line there,
        an inline scenario's field with the path from the test file's root."""
        if p.line is None:
            for override, key in overrides:
                if p.file.endswith(override.arg):
                    located = self.doc.problem((*where, "set", key), p.message, hint=p.hint)
                    return located._replace(got=p.got)
        if inline and p.file == self.doc.file:
            prefix = format_path((*where, "scenario"))
            return p._replace(path=f"{prefix}.{p.path}" if p.path else prefix)
        return p


def _order(p: Problem) -> tuple[bool, int, int]:
    """Problems in the order of their file; those without a line last."""
    return (p.line is None, p.line or 0, p.column or 0)


def _token(k: int) -> str:
    """The arg of the k-th `set:` entry: how a scenario problem says which override it came from."""
    return f"set<{k}>"
