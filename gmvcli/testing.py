"""`gmvcli test` (SPEC §9): expected results kept beside the scenarios, checked against the output.

A test file is a YAML mapping with `tests:`, a list of tests. Each test names a scenario (a path
relative to the test file, or an inline mapping), a command (compare or forecast), optional `--set`
style overrides and error margins, and `expect:` — paths into the command's JSON output (as printed,
so rounded as SPEC §7 says) mapped to expected values.

Everything that can be wrong with a test file is a located `Problem`, like any scenario's. A test
file with problems is reported on stderr and all its tests count as failed; a failing expectation
is a result (it names its line, path, expected and actual value), not an error.

Public API: `run` (the whole command), `discover`, `run_file`, the `TestResult`/`Failure` records
and the renderers `render_table`, `render_json`, `render_junit`.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from gmvcli.errors import Problem, ScenarioError, UsageError, safe_text
from gmvcli.i18n import label, message
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
from gmvcli.messages import did_you_mean, msg
from gmvcli.numbers import NumberError, parse_number
from gmvcli.output import output_problem, write_atomic

#: a directory argument means these files, recursively
SUFFIX = ".test.yaml"
FORMATS = ("table", "json", "junit")
COMMANDS = ("compare", "forecast")
ROOT_KEYS = ("tests",)
TEST_KEYS = (
    "name",
    "scenario",
    "command",
    "set",
    "relative_error_margin",
    "absolute_error_margin",
    "expect",
)
REQUIRED_KEYS = ("name", "scenario", "expect")
BOUND_KEYS = ("min", "max")

# `weiwei.periods[5].content.gmv`: dot-separated keys, each with any number of [i] indices
_SEGMENT = r"[^.\[\]\s]+(?:\[\d{1,9}\])*"
_PATH = re.compile(rf"{_SEGMENT}(?:\.{_SEGMENT})*")
_INDEX = re.compile(r"\[(\d+)\]")
#: characters XML 1.0 cannot hold, even escaped
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


# --- results -------------------------------------------------------------------------------------


class Failure(NamedTuple):
    """Why a test failed: the line in the test file, the expectation's path, what was expected and
    what came out (JSON values), and an English message. `key`/`params` re-word it for `--lang`."""

    line: int | None
    path: str
    expected: Any
    actual: Any
    message: str
    key: str = ""
    params: tuple[tuple[str, Any], ...] = ()

    def text(self, lang: str) -> str:
        """The message in `lang`."""
        if not self.key or lang == "en":
            return self.message
        return _words(self.key, lang, dict(self.params))


class TestResult(NamedTuple):
    """One test: where it is (file, line of its list item), its name, and its failures."""

    file: str
    name: str
    line: int | None
    passed: bool
    failures: tuple[Failure, ...] = ()


setattr(TestResult, "__test__", False)  # noqa: B010 - not a pytest test class, whatever its name


class Bounds(NamedTuple):
    """`{min: X, max: Y}`: inclusive, either optional."""

    min: float | None
    max: float | None


class Expectation(NamedTuple):
    path: str
    parts: tuple[PathPart, ...]
    expected: float | str | Bounds | None
    raw: Any  # as written in the file
    line: int | None


class _Test(NamedTuple):
    """A test as read from its file: ready to run when `problems` is empty."""

    position: int
    name: str
    line: int | None
    command: str
    scenario: Any  # model.Scenario, or None when it could not be read
    doc: Document | None
    relative_margin: float
    absolute_margin: float
    expectations: tuple[Expectation, ...]
    problems: tuple[Problem, ...]
    scenario_line: int | None


def _words(key: str, lang: str, params: dict[str, Any]) -> str:
    """A message with its parameters worded for `lang`: `expected` is (key, params) of how the
    expected value is described, other tuples are kinds of value, `suggest` a did-you-mean."""
    if key == "problem":
        return _problem_words(params["problem"], lang)
    worded: dict[str, Any] = {}
    suggest = ""
    for name, value in params.items():
        if isinstance(value, Problem):
            worded[name] = value.text(lang)
        elif name == "suggest":
            suggest = value
        elif name == "expected":
            worded[name] = message(value[0], lang, **value[1])
        elif isinstance(value, tuple):
            worded[name] = _kind_text(value, lang)
        else:
            worded[name] = value
    command = worded.pop("command", "")
    text = message(key, lang, **worded)
    if suggest:
        text += message("test.did_you_mean", lang, word=suggest)
    if command:
        text += message("test.other_command", lang, command=command)
    return text


def _kind_text(kind: tuple[str, ...], lang: str) -> str:
    """('kind.list', '12') → 'a list of 12 items' — a value's kind, worded for `lang`."""
    name, *args = kind
    return label(name, lang).format(*args)


# --- discovery -----------------------------------------------------------------------------------


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


def _unknown_key(
    doc: Document, path: tuple[PathPart, ...], key: str, known: Sequence[str]
) -> Problem:
    match = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    hint = did_you_mean(match, known)
    return doc.problem((*path, key), msg("key.unknown"), key=True, got=None, hint=hint)


def _missing(doc: Document, path: tuple[PathPart, ...], key: str) -> Problem:
    problem = doc.problem(path, msg("key.missing", key=key), got=None)
    return problem._replace(path=format_path((*path, key)))


def _line(doc: Document, path: tuple[PathPart, ...], *, key: bool = False) -> int | None:
    node = doc.node_at(path, key=key)
    return None if node is None else node.start_mark.line + 1


def parse_path(text: str) -> tuple[PathPart, ...] | None:
    """'weiwei.periods[5].content.gmv' → ('weiwei', 'periods', 5, 'content', 'gmv'); None if malformed."""
    if not _PATH.fullmatch(text):
        return None
    parts: list[PathPart] = []
    for segment in text.split("."):
        bracket = segment.find("[")
        parts.append(segment if bracket < 0 else segment[:bracket])
        if bracket >= 0:
            parts += [int(i) for i in _INDEX.findall(segment[bracket:])]
    return tuple(parts)


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
                    msg("value.choice", options=", ".join(COMMANDS)),
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

        expectations = self.expectations(item.get("expect", ...), (*where, "expect"), problems)
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

    def expectations(
        self, raw: object, where: tuple[PathPart, ...], problems: list[Problem]
    ) -> list[Expectation]:
        doc = self.doc
        if raw is ...:
            return []
        if not isinstance(raw, dict):
            problems.append(doc.problem(where, msg("testfile.expect_mapping")))
            return []
        if not raw:
            problems.append(doc.problem(where, msg("testfile.expect_empty"), got=None))
            return []
        out = []
        for key, value in raw.items():
            path = (*where, key)
            parts = parse_path(key)
            if parts is None:
                problems.append(
                    doc.problem(
                        path,
                        msg("testfile.not_path"),
                        key=True,
                        got=key,
                        hint=msg("hint.output_path"),
                    )
                )
                continue
            expected = self.expected(value, path, problems)
            if expected is not _BAD:
                out.append(Expectation(key, parts, expected, value, _line(doc, path, key=True)))
        return out

    def expected(self, raw: object, path: tuple[PathPart, ...], problems: list[Problem]) -> Any:
        doc = self.doc
        if raw is None:
            return None
        if isinstance(raw, dict):
            return self.bounds(raw, path, problems)
        if isinstance(raw, str):
            try:
                return parse_number(raw)
            except NumberError:
                return raw  # text, compared as text
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            try:
                return parse_number(raw)
            except NumberError as exc:
                problems.append(doc.problem(path, exc.message, hint=exc.hint))
                return _BAD
        problems.append(doc.problem(path, msg("testfile.expected_value"), got=show(raw)))
        return _BAD

    def bounds(
        self, raw: dict[str, Any], path: tuple[PathPart, ...], problems: list[Problem]
    ) -> Any:
        doc = self.doc
        before = len(problems)
        for key in raw:
            if key not in BOUND_KEYS:
                problems.append(_unknown_key(doc, path, key, BOUND_KEYS))
        if not any(k in raw for k in BOUND_KEYS):
            if len(problems) == before:
                problems.append(doc.problem(path, msg("testfile.bounds_empty"), got=None))
            return _BAD
        values: dict[str, float | None] = {}
        for key in BOUND_KEYS:
            values[key] = None
            if key in raw:
                try:
                    values[key] = parse_number(raw[key])
                except NumberError as exc:
                    problems.append(doc.problem((*path, key), exc.message, hint=exc.hint))
        low, high = values["min"], values["max"]
        if low is not None and high is not None and low > high:
            problems.append(doc.problem((*path, "max"), msg("testfile.bounds_order")))
        return _BAD if len(problems) > before else Bounds(low, high)

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
                    else msg("hint.valid_fields", valid=", ".join(valid))
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
                hint=msg("hint.merchants", ids=", ".join(ids)) if ids else None,
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


class _Bad:
    def __repr__(self) -> str:
        return "<invalid>"


_BAD: Any = _Bad()


# --- running -------------------------------------------------------------------------------------


class FileRun(NamedTuple):
    """The results of one test file and the problems to report (located, in its or other files)."""

    results: list[TestResult]
    problems: list[Problem]
    invalid: bool


def run_file(
    source: Source,
    cache: dict[str, Document | list[Problem]] | None = None,
    root: str | None = None,
) -> FileRun:
    """Read, validate and run one test file; its scenarios must lie under `root` (default: the
    current directory), so a test file cannot make CI read and publish other files (SPEC §9)."""
    cache = {} if cache is None else cache
    name = source.name
    if source.problem is not None or source.data is None:
        problem = source.problem or Problem(name, msg("cli.cannot_read"))
        return FileRun([_broken(name, None, [problem])], [problem], True)
    try:
        doc = load_bytes(source.data, name)
    except ScenarioError as exc:
        return FileRun([_broken(name, None, exc.problems)], exc.problems, True)
    base = os.getcwd() if name == "-" else os.path.dirname(name)
    reader = _Reader(doc, base, cache, root)
    tests = reader.tests()
    if tests is None:
        return FileRun([_broken(name, None, reader.problems)], reader.problems, True)
    problems = list(reader.problems)
    for test in tests:
        problems.extend(test.problems)
    invalid = any(p.file == name for p in problems)
    problems.sort(key=lambda p: (p.file != name, p.file, *_order(p)))
    results = []
    for test in tests:
        if test.problems or invalid or test.scenario is None or test.doc is None:
            failures = [_problem_failure(p, test, name) for p in test.problems] or [
                Failure(
                    test.line,
                    "",
                    None,
                    None,
                    message("test.not_run", "en"),
                    "test.not_run",
                )
            ]
            results.append(TestResult(name, test.name, test.line, False, tuple(failures)))
            continue
        result, errors = _run_test(test, name)
        problems.extend(errors)
        results.append(result)
    return FileRun(results, problems, invalid)


def _broken(file: str, line: int | None, problems: Sequence[Problem]) -> TestResult:
    """A test file that could not be read as a list of tests: one failed result named after it."""
    failures = tuple(_in_file(p) for p in problems)
    return TestResult(file, file, line, False, failures)


def _in_file(p: Problem) -> Failure:
    """A problem of the test file as a failure: its line and path are the failure's."""
    return Failure(
        p.line, p.path, None, None, _problem_words(p, "en"), "problem", (("problem", p),)
    )


def _problem_words(p: Problem, lang: str) -> str:
    """A problem's message, value and hint without its place, worded for `lang`."""
    return p.detail(lang)


def _problem_failure(p: Problem, test: _Test, file: str) -> Failure:
    if p.file == file:
        return _in_file(p)
    # a problem in the scenario file the test names: the failure points at `scenario:`
    return Failure(
        test.scenario_line,
        format_path(("tests", test.position, "scenario")),
        None,
        None,
        message("test.scenario_invalid", "en", problem=str(p)),
        "test.scenario_invalid",
        (("problem", p),),
    )


def output_data(test: _Test) -> tuple[dict[str, Any], list[Problem]]:
    """The JSON data of the test's command, as `--format json` prints it, and its problems."""
    from gmvcli import data as rdata

    assert test.scenario is not None and test.doc is not None
    if test.command == "forecast":
        from gmvcli.forecast import forecast_scenario

        forecast = forecast_scenario(test.scenario, test.doc)
        return rdata.forecast_data(forecast), forecast.errors
    from gmvcli.compare import compare_scenario

    return rdata.compare_data(compare_scenario(test.scenario, test.doc.file)), []


def _run_test(test: _Test, file: str) -> tuple[TestResult, list[Problem]]:
    data, errors = output_data(test)
    failures: list[Failure] = [_problem_failure(p, test, file) for p in errors]
    for expectation in test.expectations:
        failure = check(expectation, data, test.relative_margin, test.absolute_margin)
        if failure is not None:
            failures.append(failure)
    return TestResult(file, test.name, test.line, not failures, tuple(failures)), errors


# --- checking one expectation --------------------------------------------------------------------


def resolve(
    data: dict[str, Any], parts: Sequence[PathPart]
) -> tuple[Any, tuple[str, dict[str, Any]] | None]:
    """The value at `parts` in a command's output (first part: a merchant id), or why there is none:
    a message key and its parameters."""
    merchants = data.get("merchants") or []
    ids = [m.get("id") for m in merchants]
    first = parts[0]
    current: Any = next((m for m in merchants if m.get("id") == first), None)
    if current is None:
        params = {
            "id": first,
            "keys": ", ".join(map(str, ids)) or "—",
            "suggest": _suggest(str(first), [str(i) for i in ids]),
        }
        return None, ("test.unknown_merchant", params)
    for depth, part in enumerate(parts[1:], start=1):
        at = format_path(parts[:depth])
        if isinstance(part, int):
            if not isinstance(current, list):
                return None, ("test.not_list", {"at": at, "index": part, "kind": _kind(current)})
            if part >= len(current):
                return None, (
                    "test.index",
                    {"at": at, "index": part, "count": len(current), "last": len(current) - 1},
                )
            current = current[part]
            continue
        if not isinstance(current, dict):
            return None, ("test.not_object", {"at": at, "field": part, "kind": _kind(current)})
        if part not in current:
            keys = list(current)
            return None, (
                "test.no_key",
                {
                    "at": at,
                    "field": part,
                    "keys": ", ".join(keys),
                    "suggest": _suggest(part, keys),
                    "command": _OTHER_COMMAND.get(part, "") if depth == 1 else "",
                },
            )
        current = current[part]
    return current, None


#: merchant keys of one command's output that a test may look for in the other's
_OTHER_COMMAND = {
    "periods": "forecast",
    "totals": "forecast",
    "crossover": "forecast",
    "shelf": "compare",
    "content": "compare",
    "comparison": "compare",
}


def _suggest(word: str, options: list[str]) -> str:
    match = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return match[0] if match else ""


def _kind(value: Any) -> tuple[str, ...]:
    if value is None:
        return ("kind.null",)
    if isinstance(value, list):
        return ("kind.list", str(len(value)))
    if isinstance(value, dict):
        return ("kind.object",)
    return ("kind.value", show(value))


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _dec(value: float) -> Decimal:
    """A number as printed (its shortest repr): 0.1 is exactly 0.1 here."""
    return Decimal(repr(value))


def show(value: Any) -> str:
    """A JSON value as a failure line shows it: 41000, 0.001, null, "factory"."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if _number(value):
        text = f"{_dec(value).normalize():f}"
        return text if text != "-0" else "0"
    return safe_text(json.dumps(value, ensure_ascii=False))


def _json_number(value: float) -> float | int:
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def expected_data(expected: float | str | Bounds | None) -> Any:
    """An expected value as JSON: a number, text, null or {"min", "max"}."""
    if isinstance(expected, Bounds):
        return {
            "min": None if expected.min is None else _json_number(expected.min),
            "max": None if expected.max is None else _json_number(expected.max),
        }
    if isinstance(expected, float):
        return _json_number(expected)
    return expected


def _expected_words(
    expected: float | str | Bounds | None, tolerance: Decimal
) -> tuple[str, dict[str, Any]]:
    if isinstance(expected, Bounds):
        if expected.min is not None and expected.max is not None:
            return "test.between", {"low": show(expected.min), "high": show(expected.max)}
        if expected.min is not None:
            return "test.at_least", {"low": show(expected.min)}
        return "test.at_most", {"high": show(expected.max)}
    if isinstance(expected, float) and tolerance > 0:
        return "test.about", {"value": show(expected), "margin": f"{tolerance.normalize():f}"}
    return "test.exactly", {"value": show(expected)}


def check(
    expectation: Expectation, data: dict[str, Any], relative: float = 0.0, absolute: float = 0.0
) -> Failure | None:
    """None when the output at the expectation's path is as expected, else the failure.

    Numbers pass when |actual − expected| ≤ absolute + relative × |expected| (numpy's `isclose`
    rule), worked in decimals on the numbers as printed, so a margin exactly at the boundary passes.
    """
    path = expectation.path
    expected = expectation.expected
    actual, missing = resolve(data, expectation.parts)
    if missing is not None:
        key, params = missing
        return Failure(
            expectation.line,
            path,
            expected_data(expected),
            None,
            _words(key, "en", params),
            key,
            tuple(params.items()),
        )
    if isinstance(actual, dict | list):
        params = {"path": path, "kind": _kind(actual)}
        if isinstance(actual, dict):
            params["keys"] = ", ".join(actual)
            key = "test.not_value_object"
        else:
            key = "test.not_value_list"
        return Failure(
            expectation.line,
            path,
            expected_data(expected),
            None,
            _words(key, "en", params),
            key,
            tuple(params.items()),
        )
    tolerance = Decimal(0)
    if isinstance(expected, float):
        tolerance = _dec(absolute) + _dec(relative) * abs(_dec(expected))
    if _passes(expectation, actual, tolerance):
        return None
    params = {"expected": _expected_words(expected, tolerance), "actual": show(actual)}
    return Failure(
        expectation.line,
        path,
        expected_data(expected),
        actual,
        _words("test.expected", "en", params),
        "test.expected",
        tuple(params.items()),
    )


def _passes(expectation: Expectation, actual: Any, tolerance: Decimal) -> bool:
    expected = expectation.expected
    if expected is None:
        return actual is None
    if isinstance(expected, str):
        return isinstance(actual, str) and actual == expected
    if isinstance(actual, str) and isinstance(expectation.raw, str):
        return actual == expectation.raw  # text that happens to read as a number: "2021"
    if not _number(actual):
        return False
    value = _dec(actual)
    if isinstance(expected, Bounds):
        low_ok = expected.min is None or value >= _dec(expected.min)
        high_ok = expected.max is None or value <= _dec(expected.max)
        return low_ok and high_ok
    return abs(value - _dec(expected)) <= tolerance


# --- reports -------------------------------------------------------------------------------------


def failure_line(file: str, failure: Failure, lang: str = "en") -> str:
    """`FILE:LINE: path: expected X, got Y`."""
    where = file if failure.line is None else f"{file}:{failure.line}"
    path = f"{failure.path}: " if failure.path else ""
    return safe_text(f"{where}: {path}{failure.text(lang)}")


def summary(results: Sequence[TestResult]) -> tuple[int, int]:
    passed = sum(1 for r in results if r.passed)
    return passed, len(results) - passed


def render_table(results: Sequence[TestResult], lang: str = "en") -> str:
    """One line per test, its failures indented below it, and `N passed, M failed`."""
    lines = []
    for r in results:
        lines.append(f"{'✓' if r.passed else '✗'} {safe_text(r.name)}")
        lines += [f"  {failure_line(r.file, f, lang)}" for f in r.failures]
    passed, failed = summary(results)
    # the summary in the run's language only (CI that parses it runs with --lang en or --format)
    lines.append(message("test.summary", lang, passed=passed, failed=failed))
    return "\n".join(lines) + "\n"


def results_data(results: Sequence[TestResult]) -> list[dict[str, Any]]:
    """`--format json`: one object per test."""
    return [
        {
            "file": r.file,
            "name": r.name,
            "line": r.line,
            "passed": r.passed,
            "failures": [
                {
                    "line": f.line,
                    "path": f.path,
                    "expected": f.expected,
                    "actual": f.actual,
                    "message": f.message,
                }
                for f in r.failures
            ],
        }
        for r in results
    ]


def render_json(results: Sequence[TestResult], pretty: bool = False, ascii: bool = False) -> str:
    from gmvcli.textsafe import json_dumps

    return json_dumps(results_data(results), ascii=ascii, indent=2 if pretty else None) + "\n"


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", safe_text(text))


def render_junit(results: Sequence[TestResult]) -> str:
    """JUnit XML: a <testsuite> per test file, a <testcase> per test, a <failure> when it fails."""
    import xml.etree.ElementTree as ET

    passed, failed = summary(results)
    root = ET.Element(
        "testsuites",
        name="gmvcli test",
        tests=str(passed + failed),
        failures=str(failed),
        errors="0",
    )
    files: dict[str, list[TestResult]] = {}
    for r in results:
        files.setdefault(r.file, []).append(r)
    for file, tests in files.items():
        suite = ET.SubElement(
            root,
            "testsuite",
            name=_xml(file),
            tests=str(len(tests)),
            failures=str(sum(1 for t in tests if not t.passed)),
            errors="0",
            skipped="0",
        )
        for t in tests:
            attrs = {"name": _xml(t.name), "classname": _xml(file), "file": _xml(file)}
            if t.line is not None:
                attrs["line"] = str(t.line)
            case = ET.SubElement(suite, "testcase", attrs)
            if not t.passed:
                lines = [failure_line(file, f) for f in t.failures]
                first = t.failures[0].message if t.failures else "failed"
                if len(t.failures) > 1:
                    first = f"{first} (and {len(t.failures) - 1} more)"
                failure = ET.SubElement(case, "failure", message=_xml(first), type="failure")
                failure.text = "\n".join(_xml(line) for line in lines)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


# --- the command ---------------------------------------------------------------------------------


def _err(text: str) -> None:
    sys.stderr.write(text + "\n")


def run(
    paths: Sequence[str],
    fmt: str = "table",
    output: str | None = None,
    lang: str = "en",
    emit: Callable[[str], object] | None = None,
    root: str | None = None,
) -> int:
    """`gmvcli test FILE|DIR ...`: run every test, print or write the report, return the exit code
    (0 all passed; 1 a test failed or a test file was invalid). Problems go to stderr, located.
    With `output` the report is written atomically whether or not the tests pass."""
    if fmt not in FORMATS:
        raise UsageError(
            msg("cli.format_unsupported", format=fmt, command="test", formats=", ".join(FORMATS))
        )
    if output is not None:
        trouble = output_problem(output, paths)
        if trouble is not None:
            _err(trouble.text(lang))
            return 1
    results: list[TestResult] = []
    invalid = False
    seen: set[str] = set()
    cache: dict[str, Document | list[Problem]] = {}
    for source in discover(paths):
        outcome = run_file(source, cache, root)
        results += outcome.results
        invalid = invalid or outcome.invalid or bool(outcome.problems)
        for p in outcome.problems:
            text = p.text(lang)
            if text not in seen:
                seen.add(text)
                _err(text)
    if fmt == "json":
        pretty = output is None and sys.stdout.isatty()
        from gmvcli.textsafe import unicode_stream

        text = render_json(results, pretty, ascii=output is None and not unicode_stream(sys.stdout))
    elif fmt == "junit":
        text = render_junit(results)
    else:
        text = render_table(results, lang)
    if output is None:
        (emit or sys.stdout.write)(text)
    else:
        write_atomic([text], output, lang)  # OutputError: the caller reports it (exit 1)
    failed = summary(results)[1]
    return 1 if failed or invalid else 0
