"""`compare` and `forecast`: many inputs in, one result per input out (SPEC §7)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain
from typing import Any, NamedTuple

from gmvcli.cli.common import (
    Format,
    Opts,
    Paths,
    PeriodsOpt,
    Run,
    command,
    draw_chart,
    emit,
    json_text,
    single_input,
)
from gmvcli.cli.formats import by_merchant
from gmvcli.cli.output import dump, json_chunks, pretty_json
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
    per_merchant: Callable[[Run], int] | None = None,
) -> int:
    """The shared body of compare and forecast: evaluate every input, emit, exit code; a format
    the registry writes merchant by merchant through `per_merchant` (forecast: computed, rendered
    and spooled merchant by merchant, gmvcli/cli/stream.py)."""
    o.check(paths)
    run = Run(o.sets, o.merchants, o.lang)
    if per_merchant is not None and by_merchant(o.command, o.fmt):
        return per_merchant(run)
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


def json_output(made: Made, o: Opts) -> str | Iterable[str]:
    """compare's and forecast's json and jsonl: one object per input (an invalid one as its
    error), one document for one input; a big result written merchant by merchant."""
    if not made.entries:
        return ""  # no input had anything to show (--merchant matched nowhere): print nothing
    from gmvcli import data as rdata

    fmt, output = o.fmt, o.output
    to_data = rdata.compare_data if o.command == "compare" else rdata.forecast_data
    stream = not pretty_json(fmt, output)  # compact: a big result merchant by merchant
    objs = (
        to_data(r, lazy=stream and len(r.merchants) > STREAMED)
        if r is not None
        else rdata.error_data(n, p or Problem(n, msg("cli.failed")))
        for n, r, p in made.entries
    )
    if fmt == Format.jsonl:
        return chain.from_iterable(chain(_pieces(obj), "\n") for obj in objs)
    if single_input(made.paths) and len(made.entries) == 1:
        return chain(_pieces(next(objs)), "\n") if stream else json_text(next(objs), fmt, output)
    return _json_list(objs) if stream else json_text(list(objs), fmt, output)


#: a result with more merchants is written merchant by merchant as their objects are made
STREAMED = 64


def _pieces(obj: dict[str, Any]) -> Iterable[str]:
    """The compact JSON of one output object, in pieces when its merchants are an iterator."""
    return (
        json_chunks(obj, 2) if isinstance(obj.get("merchants"), Iterator) else (dump(obj, False),)
    )


def _json_list(objs: Iterable[dict[str, Any]]) -> Iterator[str]:
    """`[obj, obj, ...]` as json.dumps writes a list, object by object."""
    yield "["
    for i, obj in enumerate(objs):
        if i:
            yield ", "
        yield from _pieces(obj)
    yield "]\n"


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

    def stream(run: Run) -> int:
        from gmvcli.cli.stream import stream_forecast

        return stream_forecast(run, paths, o.fmt, o.output, o.lang, periods, draw)

    return execute(o, paths, evaluate, stream)
