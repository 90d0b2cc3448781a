"""`score`: every merchant of a table at once (SPEC §11)."""

from __future__ import annotations

import os
from enum import StrEnum
from typing import Annotated, Any

import typer

from gmvcli.cli.common import Opts, PeriodsOpt, check_output, choice, command, err, usage
from gmvcli.errors import ScenarioError, safe_text
from gmvcli.messages import msg, os_reason, text

#: bad rows shown on stderr; the rest are counted (all of them go to --errors FILE)
SHOWN_ERRORS = 20
SHOWN_WARNINGS = 5


class ScoreFormat(StrEnum):
    csv = "csv"
    jsonl = "jsonl"
    parquet = "parquet"
    xlsx = "xlsx"


class Engine(StrEnum):
    local = "local"
    dask = "dask"


def _device(path: str) -> bool:
    """A device or FIFO (/dev/stdout, a named pipe): no name to take a format from."""
    import stat

    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _require(modules: tuple[str, ...], lang: str, extra: str = "scale") -> None:
    """An extra, checked before any work: a clear message naming it when it is missing."""
    import importlib.util

    for module in modules:
        if importlib.util.find_spec(module) is None:
            usage(msg(f"score.needs_{extra}", module=module))


@command("output", "errors", "engine", "scheduler")
def score(
    o: Opts,
    table: Annotated[
        str, typer.Argument(help="CSV, JSONL or Parquet table: one merchant per row.")
    ],
    template: Annotated[
        str | None,
        typer.Option(
            "--template",
            metavar="FILE",
            help="Scenario whose first merchant gives every field a row lacks (and whose "
            "policies and forecast settings apply).",
        ),
    ] = None,
    periods: PeriodsOpt = None,
    fmt: Annotated[
        ScoreFormat | None,
        typer.Option(
            "--format",
            "-f",
            parser=choice(ScoreFormat, "score"),
            help="Output format (default: from -o, else csv).",
        ),
    ] = None,
    errors: Annotated[
        str | None,
        typer.Option(
            "--errors", metavar="FILE", help="Write every bad row as CSV: row,column,value,message."
        ),
    ] = None,
    engine: Annotated[
        Engine, typer.Option("--engine", help="local, or dask (a local cluster, or --scheduler).")
    ] = Engine.local,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", metavar="tcp://HOST:PORT", help="An existing Dask scheduler."),
    ] = None,
) -> int:
    """Score every merchant of a table at once (help: help.score in the catalogue)."""
    output, language = o.output, o.lang
    from gmvcli.score.tables import table_format

    chosen = fmt.value if fmt is not None else None
    if chosen is None and output is not None:
        chosen = "xlsx" if output.lower().endswith(".xlsx") else table_format(output)
        named = os.path.splitext(os.path.basename(output))[1] != ""
        if chosen is None and named and not _device(output):
            usage(msg("score.output_format", file=output))
    chosen = chosen or "csv"
    if chosen in ("parquet", "xlsx") and output is None:
        usage(msg("score.parquet_stdout", format=chosen))
    if scheduler is not None and engine != Engine.dask:
        usage(msg("score.scheduler_without_dask"))
    source_format = table_format(table)
    if source_format is None:
        usage(msg("score.table_format", file=table))
    if chosen == "xlsx":
        _require(("xlsxwriter",), language, extra="xlsx")
    _require(
        ("pyarrow",) + (("dask", "distributed", "pandas") if engine == Engine.dask else ()),
        language,
    )
    inputs = [table, *([template] if template is not None else [])]
    check_output(output, inputs)
    check_output(errors, inputs)
    if output is not None and errors is not None and _same(output, errors):
        usage(msg("score.same_output"))
    return _score(
        table, source_format, template, periods, chosen, output, errors, engine, scheduler, language
    )


def _score(
    path: str,
    source_format: str,
    template_path: str | None,
    periods: int | None,
    fmt: str,
    output: str | None,
    errors_path: str | None,
    engine: Engine,
    scheduler: str | None,
    lang: str,
) -> int:
    from gmvcli.render.score import ErrorsFile, Writer
    from gmvcli.score import run
    from gmvcli.score.columns import output_names
    from gmvcli.score.plan import check_columns, load_template, make_plan
    from gmvcli.score.tables import TableError, open_table

    name = safe_text(path)
    for target in (output, errors_path):
        if (
            target is not None
            and os.path.exists(target)
            and os.path.exists(path)
            and os.path.samefile(target, path)
        ):
            err(text("score.same_file", lang, file=safe_text(target)))
            return 1
    try:
        tbl = open_table(path, source_format)
    except TableError as exc:
        err(f"{name}: " + text("score.unreadable", lang, reason=exc.text(lang)))
        return 1
    scenario = None
    if template_path is not None:
        try:
            scenario = load_template(template_path)
        except ScenarioError as exc:
            for p in exc.problems[:50]:
                err(p.text(lang))
            return 1
    if tbl.format != "jsonl":
        problems = check_columns(path, tbl.columns)
        if problems:
            for p in problems:
                err(p.text(lang))
            return 1
    plan = make_plan(path, tbl.columns, scenario, periods)
    try:
        writer = Writer(fmt, output, output_names(periods), lang)
        errors_file = ErrorsFile(errors_path) if errors_path is not None else None
    except OSError as exc:  # stdout closed or full before the first byte
        err(
            msg("output.cannot_write", file=safe_text(output or "-"), reason=os_reason(exc)).text(
                lang
            )
        )
        return 1
    results: Any = (
        run.run_local(tbl, plan) if engine == Engine.local else run.run_dask(tbl, plan, scheduler)
    )
    rows = bad = shown = warned = 0
    try:
        for batch, problems in results:
            writer.write(batch)
            rows += batch.num_rows
            last = None
            for p in problems:
                if p.warning:
                    warned += 1
                    if warned <= SHOWN_WARNINGS:
                        err(
                            f"{name}: "
                            + text("score.row_warning", lang, row=p.row, message=p.what(lang))
                        )
                    continue
                if p.row != last:
                    bad += 1
                    last = p.row
                if shown < SHOWN_ERRORS:
                    err(f"{name}: {p.describe(lang)}")
                    shown += 1
                if errors_file is not None:
                    errors_file.write(p.row, p.column, p.value, p.what(with_value=False))
        writer.close()
        if errors_file is not None:
            errors_file.close()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
        return 0
    except BaseException as exc:  # nothing half-written is left behind
        writer.abort()
        if errors_file is not None:
            errors_file.abort()
        why = _failure(exc, name, output, lang)
        if why is None:
            raise
        err(why)
        return 1
    if warned > SHOWN_WARNINGS:
        err(text("score.more_warnings", lang, file=name, count=warned, shown=SHOWN_WARNINGS))
    if bad:
        hint = "" if errors_file is not None else text("score.errors_hint", lang)
        err(text("score.more_errors", lang, file=name, count=bad, shown=shown, hint=hint))
        return 1
    return 0


def _same(a: str, b: str) -> bool:
    """Whether two -o targets are one file (the same path, or one file by two names)."""
    if os.path.abspath(a) == os.path.abspath(b):
        return True
    return os.path.exists(a) and os.path.exists(b) and os.path.samefile(a, b)


def _failure(exc: BaseException, name: str, output: str | None, lang: str) -> str | None:
    """What to say when scoring stops on `exc`; None for what is not ours to word (a bug, ^C)."""
    from gmvcli.render.xlsx import TooManyRows
    from gmvcli.score.run import SchedulerError
    from gmvcli.score.tables import TableError

    if isinstance(exc, TableError):
        return f"{name}: " + text("score.unreadable", lang, reason=exc.text(lang))
    if type(exc).__name__ == "ArrowInvalid":  # a row the CSV reader cannot split (pyarrow's words)
        return f"{name}: " + text("score.bad_csv", lang, reason=safe_text(str(exc)))
    if isinstance(exc, TooManyRows):
        return text("score.xlsx_too_many", lang, file=name)
    if isinstance(exc, OSError):  # a full disk, a closed stdout, a vanished directory
        where = output or "-"
        return msg("output.cannot_write", file=safe_text(where), reason=os_reason(exc)).text(lang)
    if isinstance(exc, SchedulerError):
        return text("score.no_scheduler", lang, address=safe_text(exc.address), reason=exc.reason)
    return None
