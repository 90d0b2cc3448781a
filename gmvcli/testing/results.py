"""`gmvcli test`: what a test file holds and what running it gives (records), and how a failure is worded."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, NamedTuple

from gmvcli.errors import Problem
from gmvcli.i18n import label, message
from gmvcli.loader import Document, PathPart

#: a directory argument means these files, recursively
SUFFIX = ".test.yaml"
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
    seconds: float = 0.0  # how long it ran (JUnit's `time`)


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
        return str(params["problem"].detail(lang))
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


def summary(results: Sequence[TestResult]) -> tuple[int, int]:
    passed = sum(1 for r in results if r.passed)
    return passed, len(results) - passed
