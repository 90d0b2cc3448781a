"""`gmvcli report FILE`: one self-contained HTML page (SPEC §12)."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from gmvcli.cli.common import (
    Opts,
    PeriodsOpt,
    Run,
    check_output,
    command,
    err,
    usage,
    whole,
    write,
)
from gmvcli.errors import Problem, ScenarioError, safe_text
from gmvcli.messages import msg


def _stdout_is_a_terminal() -> bool:
    return sys.stdout.isatty()


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


@command("output", "lang", "merchant", "periods", "runs", "actuals")
def report(
    o: Opts,
    path: Annotated[str, typer.Argument(help="A scenario file, or - for stdin.")],
    periods: PeriodsOpt = None,
    runs: Annotated[int, typer.Option("--runs", parser=whole(100, 1_000_000))] = 10_000,
    actuals: Annotated[str | None, typer.Option("--actuals")] = None,
) -> int:
    """One self-contained HTML page to send (SPEC §12); help: help.report in the catalogue."""
    from gmvcli.report.texts import text

    output, language = o.output, o.lang
    if output is None and _stdout_is_a_terminal():
        usage(msg("report.cli.need_output"))
    try:
        import jinja2  # noqa: F401
    except ImportError:
        usage(msg("report.cli.unavailable"))
    check_output(output)
    for source_path in (path, actuals):
        if output is None or source_path is None or source_path == "-":
            continue
        if _same_file(output, source_path):
            err(text("cli.over_input", language, file=safe_text(output)))
            return 1
    from gmvcli.inputs import expand
    from gmvcli.loader import load_bytes
    from gmvcli.model import parse_scenario
    from gmvcli.report import Source, build

    run = Run([], o.merchants, language)
    if path != "-" and os.path.isdir(path):  # one page is one scenario file
        run.report([Problem(path, msg("file.is_dir"))])
        return 1
    source = next(expand([path]))
    if source.problem is not None or source.data is None:
        run.report([source.problem or Problem(source.name, msg("cli.cannot_read"))])
        return 1
    try:
        doc = load_bytes(source.data, source.name)
        scenario = parse_scenario(doc)
    except ScenarioError as exc:
        run.report(exc.problems)
        return 1
    run.matched_merchants = {m.id for m in scenario.merchants}
    run.seen_merchants = dict.fromkeys(run.matched_merchants)  # named when one is missing
    run.finish_checks()  # --merchant ids that the file lacks
    if run.failed:
        return 1
    review = None
    if actuals is not None:  # plan vs actual: the review command's own reading and core
        from gmvcli.cli.review import reviewed

        review = reviewed(scenario, source.name, actuals, list(o.merchants), language)
        if review is None:
            return 1
    page = build(
        scenario,
        Source(source.name, source.data, doc),
        language,
        periods,
        runs,
        only=o.merchants,
        review=review,
    )
    for merchant_id, notices in page.warnings:
        run.warn(source.name, merchant_id, notices)
    for merchant_id, problem in page.problems:
        err(
            text(
                "cli.cannot_forecast",
                language,
                problem=problem.text(language),
                merchant=merchant_id,
            )
        )
    write(page.html, output, True, language, 0)
    return 0
