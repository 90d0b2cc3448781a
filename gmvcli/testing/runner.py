"""`gmvcli test`: running the tests of a file against the command's JSON output."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from typing import Any, NamedTuple

from gmvcli.errors import Problem, ScenarioError
from gmvcli.i18n import message
from gmvcli.inputs import (
    Source,
)
from gmvcli.loader import Document, format_path, load_bytes
from gmvcli.messages import msg
from gmvcli.testing.checks import check
from gmvcli.testing.reader import _order, _Reader
from gmvcli.testing.results import Failure, TestResult, _Test

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
    start = time.perf_counter()
    data, errors = output_data(test)
    failures: list[Failure] = [_problem_failure(p, test, file) for p in errors]
    for expectation in test.expectations:
        failure = check(expectation, data, test.relative_margin, test.absolute_margin)
        if failure is not None:
            failures.append(failure)
    seconds = time.perf_counter() - start
    result = TestResult(file, test.name, test.line, not failures, tuple(failures), seconds)
    return result, errors
