"""What-if (SPEC §8): `sweep` (a grid of values) and `solve` (goal seek)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from gmvcli.cli.common import (
    MAX_TABLE_ROWS,
    DebugOpt,
    Format,
    FormatOpt,
    LangOpt,
    MerchantOpt,
    OutputOpt,
    PathArg,
    PeriodsOpt,
    SetOpt,
    app,
    complete_merchant,
    complete_set,
    emit,
    err,
    guard,
    language_of,
    prepare,
    terminal,
    usage,
    write,
    write_lines,
    write_xlsx,
)
from gmvcli.cli.run import json_failure
from gmvcli.errors import Problem, UsageError, safe_text
from gmvcli.messages import msg


@app.command()
def sweep(
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
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    sets: SetOpt = None,
    merchant: MerchantOpt = None,
    lang: LangOpt = None,
    debug: DebugOpt = False,
) -> None:
    """A grid of what-ifs: one row per point and merchant with GMV, contribution and advantage."""
    language = language_of(lang)

    def body() -> int:
        from gmvcli import whatif
        from gmvcli.render import sweep as render_sweep

        try:
            varies = [whatif.parse_vary(v) for v in vary]
            whatif.check_grid(varies)
        except UsageError as exc:
            usage(exc)
        found = prepare(path, output, sets, merchant, language, fmt=fmt)
        if found is None:
            return 1
        run, name, scenario = found
        try:
            chunks = whatif.sweep_chunks(scenario, varies, periods=periods)
        except UsageError as exc:
            usage(exc)
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
            write_lines(
                render_sweep.sweep_json(chunks, headers, name, ascii_json(), pretty), output
            )
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

    guard(debug, language, body)


@app.command()
def solve(
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
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    sets: SetOpt = None,
    lang: LangOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Goal seek: the value of one input at which a target is met, re-checked by the engine."""
    language = language_of(lang)

    def body() -> int:
        from gmvcli import whatif

        try:
            goal = whatif.parse_target(target)
            whatif.parse_field(for_, "--for")
        except UsageError as exc:
            usage(exc)
        failures: list[Problem] = []
        found = prepare(path, output, sets, None, language, failures=failures)
        if found is None:
            for p in failures[:1]:
                json_failure(fmt, p.file, p.as_json(), language)
            return 1
        run, name, scenario = found
        try:
            index = whatif.pick_merchant(scenario, for_, goal, merchant, periods)
            solution = whatif.solve(scenario, index, for_, goal, periods)
        except UsageError as exc:
            usage(exc)
        except whatif.WhatIfError as exc:
            run.report([exc.problem(name)])
            json_failure(fmt, name, exc.problem(name).as_json(), language)
            return 1
        merchant_id = scenario.merchants[index].id
        data = whatif.solve_json(name, merchant_id, goal, solution, periods)

        def text(width: int, color: bool) -> str:
            from gmvcli.render.uncertain import solve_text

            return solve_text(data, solution, language, scenario.currency, scenario.period)

        return emit(fmt, output, language, json=lambda: data, table=text)

    guard(debug, language, body)
