"""What-if (SPEC §8): `sweep` (a grid of values) and `solve` (goal seek)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Annotated

import typer

from gmvcli.cli.common import (
    Opts,
    PathArg,
    PeriodsOpt,
    command,
    complete_merchant,
    complete_set,
    emit,
    err,
    prepare,
    usage,
)
from gmvcli.cli.run import problem_failure
from gmvcli.errors import safe_text
from gmvcli.messages import msg


@command("fmt", "output", "sets", "merchant")
def sweep(
    o: Opts,
    path: PathArg,
    vary: Annotated[
        list[str],
        typer.Option(
            "--vary",
            metavar="[ID:]PATH=START:STOP:STEP|PATH=v1,v2,...",
            autocompletion=complete_set,
        ),
    ],
    periods: PeriodsOpt = None,
) -> int:
    """A grid of what-ifs: one row per point and merchant with GMV, contribution and advantage."""
    language = o.lang
    from gmvcli import whatif

    varies = [whatif.parse_vary(v) for v in vary]  # a UsageError: exit 2 (guard)
    whatif.check_grid(varies)
    found = prepare(o, path)
    if found is None:
        return 1
    run, name, scenario = found
    try:
        chunks = whatif.sweep_chunks(scenario, varies, periods=periods)
    except whatif.WhatIfError as exc:
        run.report([exc.problem(name)])
        problem_failure(o, [exc.problem(name)])
        return 1
    headers = [v.name for v in varies]
    for merchant_id, field, why in whatif.sweep_gaps(scenario, varies, periods):
        gap = msg("sweep.gap", file=safe_text(name), id=merchant_id, field=field, why=why)
        err(gap.text(language))
    made = SimpleNamespace(
        chunks=chunks, varies=varies, headers=headers, name=name, scenario=scenario
    )
    return emit(o, made)


@command("fmt", "output", "sets")
def solve(
    o: Opts,
    path: PathArg,
    for_: Annotated[
        str,
        typer.Option(
            "--for",
            metavar="[ID:]PATH",
            autocompletion=complete_set,
        ),
    ],
    target: Annotated[
        str,
        typer.Option("--target"),
    ] = "breakeven",
    merchant: Annotated[
        str | None,
        typer.Option(
            "--merchant",
            "-m",
            autocompletion=complete_merchant,
        ),
    ] = None,
    periods: PeriodsOpt = None,
) -> int:
    """Goal seek: the value of one input at which a target is met, re-checked by the engine."""
    from gmvcli import whatif
    from gmvcli.cli.language import given

    if given("--merchant") + given("-m") > 1:  # Click would keep the last one without a word
        usage(msg("solve.merchant_repeated"))
    goal = whatif.parse_target(target)  # a UsageError: exit 2 (guard)
    whatif.parse_field(for_, "--for")
    found = prepare(o, path)
    if found is None:
        return 1
    run, name, scenario = found
    try:
        index = whatif.pick_merchant(scenario, for_, goal, merchant, periods)
        solution = whatif.solve(scenario, index, for_, goal, periods)
    except whatif.WhatIfError as exc:
        run.report([exc.problem(name)])
        problem_failure(o, [exc.problem(name)])
        return 1
    merchant_id = scenario.merchants[index].id
    data = whatif.solve_json(name, merchant_id, goal, solution, periods)
    return emit(o, SimpleNamespace(data=data, solution=solution, scenario=scenario))
