"""`compare` and `forecast`: many inputs in, one result per input out (SPEC §7)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, NamedTuple

from gmvcli.cli.common import (
    Opts,
    Paths,
    PeriodsOpt,
    Run,
    command,
    draw_chart,
    emit,
    single_input,
)
from gmvcli.cli.formats import by_merchant
from gmvcli.cli.output import json_documents, pretty_json
from gmvcli.errors import Problem
from gmvcli.i18n import label
from gmvcli.messages import msg


class Made(NamedTuple):
    """What compare and forecast hand their renderers (the output registry, cli/formats.py)."""

    #: every input in order: (name, result, None), or (name, None, its problem) when invalid
    entries: list[tuple[str, Any, Problem | None]]
    results: list[Any]  # the results of the valid inputs
    paths: Sequence[str]


def execute(
    o: Opts,
    paths: Sequence[str],
    evaluate: Callable[[Any, Any], Any],
    **extra: Any,
) -> int:
    """The shared body of compare and forecast: evaluate every input, emit, exit code; a format
    the registry writes merchant by merchant goes to its writer instead, with `extra` (forecast:
    computed, rendered and spooled merchant by merchant, gmvcli/cli/stream.py)."""
    o.check(paths)
    run = Run(o.sets, o.merchants, o.lang)
    streamed = by_merchant(o.command, o.fmt)
    if streamed is not None:
        return streamed.writer()(run, paths, o, **extra)
    made = Made([], [], paths)
    for name, scenario, doc_or_problems in run.documents(paths):
        if scenario is None:
            run.report(doc_or_problems)
            made.entries.append((name, None, doc_or_problems[0]))
            continue
        result = evaluate(scenario, doc_or_problems)
        for m in result.merchants:
            run.warn(name, m.id, m.warnings)
        merchant_errors = [m.error for m in result.merchants if getattr(m, "error", None)]
        if merchant_errors:
            run.report(merchant_errors)
        made.results.append(result)
        made.entries.append((name, result, None))
    run.finish_checks()
    return emit(o, made, not run.failed, run.failed)


def json_output(made: Made, o: Opts) -> Iterator[str]:
    """compare's json and jsonl (`output.json_documents`); a big result, written compact, is
    written merchant by merchant as their objects are made. (forecast's: cli/stream.py.)"""
    from gmvcli import data as rdata

    lazy = not pretty_json(o.fmt, o.output)
    objs = (
        rdata.compare_data(r, lazy=lazy and len(r.merchants) > STREAMED)
        if r is not None
        else rdata.error_data(n, p or Problem(n, msg("cli.failed")))
        for n, r, p in made.entries
    )
    return json_documents(objs, o.fmt, o.output, single_input(made.paths))


#: a result with more merchants is written merchant by merchant as their objects are made
STREAMED = 64


@command("fmt", "output", "sets", "merchant")
def compare(o: Opts, paths: Paths) -> int:
    """Compare shelf and content+private for every merchant, one period (SPEC §4)."""

    def evaluate(scenario: Any, doc: Any) -> Any:
        from gmvcli.compare import compare_scenario

        return compare_scenario(scenario, doc.file)

    return execute(o, paths, evaluate)


@command("fmt", "output", "sets", "merchant", "plot")
def forecast(o: Opts, paths: Paths, periods: PeriodsOpt = None) -> int:
    """Forecast period by period: fans, costs and policies; when does content overtake shelf?"""
    plot = o.plot
    drawn: list[bool] = []

    def draw(scenario: Any, m: Any) -> None:
        """The chart of the first merchant with both models (--plot)."""
        if plot is None or drawn or m.shelf_totals is None or m.content_totals is None:
            return
        if not m.periods:
            return
        periods, shelf, content = zip(*m.cumulative(), strict=True)
        draw_chart(
            "cumulative",
            plot,
            o.lang,
            periods=list(periods),
            shelf_cumulative=list(shelf),
            content_cumulative=list(content),
            title=f"{m.name} [{m.id}]",
            unit_label=label(f"unit.{scenario.period}", o.lang),
        )
        drawn.append(True)

    def evaluate(scenario: Any, doc: Any) -> Any:
        from gmvcli.forecast import forecast_scenario

        result = forecast_scenario(scenario, doc, periods)
        for m in result.merchants:
            draw(scenario, m)
        return result

    return execute(o, paths, evaluate, periods=periods, seen=draw)
