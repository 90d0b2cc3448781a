"""Commands that check and contrast scenarios: `diff` and `test` (SPEC §9)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from types import SimpleNamespace
from typing import Annotated

import typer

from gmvcli.cli.common import (
    Format,
    Opts,
    PathArg,
    Run,
    command,
    emit,
    err,
    write,
)
from gmvcli.cli.formats import FORMATS, rendered
from gmvcli.cli.run import problem_failure
from gmvcli.errors import Problem, UsageError
from gmvcli.messages import listing


@command("sets", "policies", "exit_code", "fmt", "output")
def diff(
    o: Opts,
    base: PathArg,
    variant: Annotated[str | None, typer.Argument()] = None,
    policies: Annotated[
        str | None,
        typer.Option(
            "--policies",
            metavar="ID,...|none",
        ),
    ] = None,
    exit_code: Annotated[bool, typer.Option("--exit-code")] = False,
) -> int:
    """Compare two versions of a scenario merchant by merchant: every row, Δ and Δ%."""
    language = o.lang
    o.check([base, *([variant] if variant else [])])
    from gmvcli.compare import compare_scenario
    from gmvcli.diff import any_difference
    from gmvcli.diff import diff as diff_results

    left = Run([], [], language)
    right = Run(o.sets, [], language, policies)
    results = []
    for run, path in ((left, base), (right, variant or base)):
        if run is right and left.failed and path == base:
            break  # the same file again would report the same problems twice
        for name, scenario in run.scenarios([path]):
            results.append(compare_scenario(scenario, name))
    right.finish_checks()
    if left.failed or right.failed or len(results) != 2:
        problem_failure(o, [*left.problems, *right.problems])
        return 1
    merchants = diff_results(results[0], results[1])
    overrides = [
        *(f"--set {s}" for s in o.sets),
        *([f"--policies {policies}"] if policies else []),
    ]
    currency = results[0].currency
    differs = 1 if exit_code and any_difference(merchants) else 0
    made = SimpleNamespace(
        base=base, variant=variant, overrides=overrides, merchants=merchants, currency=currency
    )
    emit(o, made)
    return differs


@command("fmt", "output", "root", name="test")
def test_command(
    o: Opts,
    paths: Annotated[list[str], typer.Argument()],
    root: Annotated[str | None, typer.Option("--root")] = None,
) -> int:
    """Run scenario tests: pinned expectations of compare/forecast output (SPEC §9)."""

    def show(text: str) -> None:
        write(text, None, True, o.lang, 0)

    return run_tests(paths, o.fmt.value, o.output, o.lang, show, root)  # UsageError: exit 2


def run_tests(
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
    import sys

    from gmvcli.loader import Document
    from gmvcli.messages import msg
    from gmvcli.output import output_problem, write_atomic
    from gmvcli.testing import TestResult, discover, run_file, summary

    formats = FORMATS["test"]  # the output registry's
    if fmt not in formats:
        raise UsageError(
            msg("cli.format_unsupported", format=fmt, command="test", formats=listing(formats))
        )
    if output is not None:
        trouble = output_problem(output, paths)
        if trouble is not None:
            err(trouble.text(lang))
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
                err(text)
    to = SimpleNamespace(command="test", fmt=Format(fmt), output=output, lang=lang)
    text = rendered(to, results)
    if output is None:
        (emit or sys.stdout.write)(text)
    else:
        write_atomic([text], output, lang)  # OutputError: the caller reports it (exit 1)
    failed = summary(results)[1]
    return 1 if failed or invalid else 0
