"""Uncertainty (SPEC §8): `simulate` and `sensitivity` (a tornado, or Sobol indices)."""

from __future__ import annotations

from enum import StrEnum
from types import SimpleNamespace
from typing import Annotated, Any

import typer

from gmvcli.cli.common import (
    Opts,
    PathArg,
    PeriodsOpt,
    check_output,
    choice,
    command,
    draw_chart,
    emit,
    err,
    parse_percentiles,
    prepare,
    progress,
    usage,
    whole,
)
from gmvcli.errors import safe_text
from gmvcli.i18n import label
from gmvcli.messages import msg, text


def no_distribution(file: str, scenario: Any, lang: str) -> None:
    """Warn when nothing in the file is uncertain: every draw would be the same (SPEC §8)."""
    if scenario.uncertain:
        return
    from gmvcli.errors import safe_text
    from gmvcli.render.words import say

    err(say("sim.no_distribution", lang, file=safe_text(file)))


@command("fmt", "output", "sets", "merchant", "plot")
def simulate(
    o: Opts,
    path: PathArg,
    runs: Annotated[int, typer.Option("--runs", parser=whole(1, 10_000_000))] = 10_000,
    seed: Annotated[int, typer.Option("--seed", parser=whole(0, 2**32 - 1))] = 0,
    periods: PeriodsOpt = None,
    percentiles: Annotated[str, typer.Option("--percentiles")] = "5,50,95",
    samples: Annotated[str | None, typer.Option("--samples")] = None,
) -> int:
    """Monte Carlo over the inputs written as distributions: percentiles and P(content wins)."""
    plot, language = o.plot, o.lang
    points = parse_percentiles(percentiles)
    check = None if samples is None else lambda: _check_samples(samples, path, language)
    found = prepare(o, path, periods=periods, check=check)
    if found is None:
        return 1
    _, name, scenario = found
    from gmvcli import uncertainty

    no_distribution(name, scenario, language)
    work = runs * len(scenario.merchants) * (periods or 1)

    def simulated(sink: Any = None) -> Any:
        with progress(work > 3_000_000, runs * len(scenario.merchants), language) as advance:
            return uncertainty.run_simulation(
                scenario, runs, seed, periods, progress=advance, sink=sink
            )

    if samples is None:
        result = simulated()
    else:
        from gmvcli.output import open_output
        from gmvcli.render.samples import SamplesWriter, kind_of

        with open_output(samples, language) as out:
            kind = kind_of(samples) or "csv"
            writer = SamplesWriter(out, kind, scenario, seed, runs, name)
            result = simulated(writer)
            writer.finish()
    from gmvcli.render.data import r6

    sims = result.merchants
    from gmvcli.uncertainty.summary import simulate_data

    data = simulate_data(name, scenario.name, runs, seed, sims, points, periods)
    if result.correlations:
        data["correlations"] = [
            {"a": c.a, "b": c.b, "rank": c.rank, "achieved": r6(c.achieved)}
            for c in result.correlations
        ]
    if samples is not None:
        data["samples"] = samples
    if plot is not None and not scenario.uncertain:
        err(text("unc.plot_nothing", language, file=safe_text(plot)))
    elif plot is not None:
        first = next((s for s in sims if s.advantage is not None), None)
        if first is not None:
            draw_chart(
                "histogram",
                plot,
                language,
                values=first.advantage,
                title=f"{first.name} [{first.id}]",
            )
    made = SimpleNamespace(
        data=data, sims=sims, scenario=scenario, periods=periods, correlations=result.correlations
    )
    return emit(o, made)


def _require(module: str, what: str, package: str) -> None:
    """An optional package that `what` needs (the `uncertainty` extra): a usage error naming it."""
    import importlib

    try:
        importlib.import_module(module)
    except ImportError:
        usage(msg("unc.needs_extra", what=what, package=package, extra="uncertainty"))


def _check_samples(samples: str, path: str, language: str) -> None:
    """Refuse a bad --samples (its kind, a missing pyarrow, a target that cannot be written or is
    the scenario itself) before any work."""
    from gmvcli.render.samples import kind_of, problem

    code = problem(samples)
    if code is not None:
        usage(msg(code, file=samples))
    if kind_of(samples) == "parquet":
        _require("pyarrow.parquet", "--samples FILE.parquet", "pyarrow")
    check_output(samples, [path], language)


class Metric(StrEnum):
    advantage = "advantage"
    gmv = "gmv"
    contribution = "contribution"


class Method(StrEnum):
    tornado = "tornado"
    sobol = "sobol"


@command("fmt", "output", "sets", "merchant", "plot")
def sensitivity(
    o: Opts,
    path: PathArg,
    metric: Annotated[
        Metric,
        typer.Option("--metric", parser=choice(Metric)),
    ] = Metric.advantage,
    method: Annotated[Method, typer.Option("--method", parser=choice(Method))] = Method.tornado,
    runs: Annotated[int | None, typer.Option("--runs", parser=whole(2, 1_000_000))] = None,
    seed: Annotated[int | None, typer.Option("--seed", parser=whole(0, 2**32 - 2))] = None,
    everything: Annotated[bool, typer.Option("--all")] = False,
    periods: PeriodsOpt = None,
) -> int:
    """Which uncertain input moves the result most: a tornado, or Sobol indices (--method sobol)."""
    plot, language = o.plot, o.lang
    sobol = method == Method.sobol
    if not sobol and (runs is not None or seed is not None):
        usage(msg("unc.method_options"))
    if sobol and everything:
        usage(msg("unc.all_sobol"))
    if sobol and plot is not None:
        usage(msg("unc.plot_sobol"))
    check = (lambda: _require("SALib", "--method sobol", "SALib")) if sobol else None
    found = prepare(o, path, periods=periods, check=check)
    if found is None:
        return 1
    _, name, scenario = found
    from gmvcli import uncertainty
    from gmvcli.render import uncertain

    if not everything:
        no_distribution(name, scenario, language)
    if sobol:
        return _sobol(o, name, scenario, metric.value, runs or 1024, seed or 0, periods)
    rows = {
        m.id: uncertainty.sensitivity(scenario, i, metric.value, everything, periods)
        for i, m in enumerate(scenario.merchants)
    }
    data = uncertain.sensitivity_data(name, scenario.name, metric.value, rows)
    if plot is not None:
        first = next((m for m in data["merchants"] if m["rows"]), None)
        if first is not None:
            index = next(i for i, m in enumerate(scenario.merchants) if m.id == first["id"])
            base = uncertainty.metric(
                uncertainty.evaluate(scenario, scenario.merchants[index], periods), metric.value
            )
            draw_chart(
                "tornado",
                plot,
                language,
                rows=[(r["path"], r["metric_low"], r["metric_high"]) for r in first["rows"]],
                base=float(base or 0.0),
                title=first["id"],
                metric_label=label("metric." + metric.value, language),
            )
    return emit(o, SimpleNamespace(data=data, scenario=scenario, periods=periods, sobol=False))


def _sobol(
    o: Opts, name: str, scenario: Any, metric_name: str, n: int, s: int, periods: int | None
) -> int:
    from gmvcli import uncertainty
    from gmvcli.render import sobol as render

    if scenario.correlations:
        err(text("unc.sobol_independent", o.lang, file=safe_text(name)))
    results = {
        m.id: uncertainty.sobol(scenario, i, metric_name, n, s, periods)
        for i, m in enumerate(scenario.merchants)
    }
    data = render.sobol_data(name, scenario.name, metric_name, n, s, results)
    return emit(o, SimpleNamespace(data=data, scenario=scenario, sobol=True))
