"""What-if (SPEC §8): `sweep` (a grid of values) and `solve` (goal seek)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from gmvcli.cli.common import (
    MAX_TABLE_ROWS,
    Format,
    Opts,
    PathArg,
    PeriodsOpt,
    command,
    complete_merchant,
    complete_set,
    emit,
    err,
    prepare,
    terminal,
    write,
    write_lines,
    write_xlsx,
)
from gmvcli.cli.run import json_failure
from gmvcli.errors import Problem, safe_text
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
    fmt, output, language = o.fmt, o.output, o.lang
    from gmvcli import whatif
    from gmvcli.render import sweep as render_sweep

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
        return 1
    headers = [v.name for v in varies]
    for merchant_id, field, why in whatif.sweep_gaps(scenario, varies, periods):
        gap = msg("sweep.gap", file=safe_text(name), id=merchant_id, field=field, why=why)
        err(gap.text(language))
    if fmt == Format.xlsx:
        from gmvcli.render.xlsx import sweep_sheets

        assert output is not None
        sheets = sweep_sheets(whatif.chunk_rows(chunks, varies), headers, language, name)
        write_xlsx(sheets, scenario.currency, output, language, True, 0)
        return 0
    if fmt == Format.csv:
        write_lines(render_sweep.sweep_csv(chunks, headers, file=name), output)
    elif fmt == Format.jsonl:
        write_lines(render_sweep.sweep_jsonl(chunks, headers, file=name), output)
    elif fmt == Format.json:
        from gmvcli.cli.safety import ascii_json

        # the text json_text would give for the whole document (indented at a terminal)
        pretty = output is None and sys.stdout.isatty()
        write_lines(render_sweep.sweep_json(chunks, headers, name, ascii_json(), pretty), output)
    else:
        from gmvcli.render.uncertain import sweep_table

        width, color = terminal(output)
        text = sweep_table(
            scenario.name,
            whatif.chunk_rows(chunks, varies),
            headers,
            language,
            scenario.currency,
            width,
            color,
            markdown=fmt == Format.markdown,
            limit=MAX_TABLE_ROWS,
        )
        write(text, output, True, language, 0)
    return 0


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
    language = o.lang
    from gmvcli import whatif

    goal = whatif.parse_target(target)  # a UsageError: exit 2 (guard)
    whatif.parse_field(for_, "--for")
    failures: list[Problem] = []
    found = prepare(o, path, failures=failures)
    if found is None:
        for p in failures[:1]:
            json_failure(o.fmt, p.file, p.as_json(), language)
        return 1
    run, name, scenario = found
    try:
        index = whatif.pick_merchant(scenario, for_, goal, merchant, periods)
        solution = whatif.solve(scenario, index, for_, goal, periods)
    except whatif.WhatIfError as exc:
        run.report([exc.problem(name)])
        json_failure(o.fmt, name, exc.problem(name).as_json(), language)
        return 1
    merchant_id = scenario.merchants[index].id
    data = whatif.solve_json(name, merchant_id, goal, solution, periods)

    def text(width: int, color: bool) -> str:
        from gmvcli.render.uncertain import solve_text

        return solve_text(data, solution, language, scenario.currency, scenario.period)

    return emit(o.fmt, o.output, language, json=lambda: data, table=text)
