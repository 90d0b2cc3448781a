"""`review` and `fit` (SPEC §10): the shop's session export against the plan, and back into it.

openpyxl and ruamel.yaml (the `review` extra) are imported only inside these commands.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Annotated, Any

import typer

from gmvcli.cli.common import (
    Format,
    Opts,
    PathArg,
    command,
    draw_chart,
    emit,
    err,
    one_scenario,
    usage,
)
from gmvcli.cli.run import json_failure
from gmvcli.errors import UsageError, safe_text
from gmvcli.i18n import message
from gmvcli.messages import listing, msg

StartOpt = Annotated[
    str | None,
    typer.Option("--start", metavar="DATE"),
]
ColumnsOpt = Annotated[
    str | None,
    typer.Option("--columns", metavar="MAP.yaml"),
]
SheetOpt = Annotated[str | None, typer.Option("--sheet")]


def _over_inputs(outputs: list[str | None], inputs: list[str | None], lang: str) -> bool:
    """Report (and say) whether -o or --plot would write over one of the run's own inputs."""
    import os

    for out in outputs:
        for source in inputs:
            if out is None or source is None or source == "-":
                continue
            try:
                same = os.path.samefile(out, source)
            except OSError:
                same = False
            if same:
                problem = msg("review.over_input", file=out)
                err(message("cli.error", lang, text=safe_text(problem.text(lang))))
                return True
    return False


def _start(value: str | None, lang: str) -> dt.date | None:
    if value is None:
        return None
    from gmvcli.review.actuals import parse_date

    day = parse_date(value)
    if day is None:
        usage(msg("review.bad_start", value=value))
    return day


def _load(
    path: str,
    actuals_path: str,
    merchants: list[str],
    columns: str | None,
    sheet: str | None,
    lang: str,
    fmt: Format = Format.table,
    output: str | None = None,
) -> tuple[Any, Any, str] | None:
    """(scenario, actuals, file name) or None after reporting why not (in json/jsonl also as an
    error object on stdout)."""
    failures: list[Any] = []
    found = one_scenario(path, None, None, lang, failures)
    if found is None:
        for p in failures[:1]:
            json_failure(fmt, p.file, p.as_json(), lang, output)
        return None
    _, name, scenario = found
    ids = [m.id for m in scenario.merchants]
    for wanted in merchants:
        if wanted not in ids:
            problem = msg("review.no_merchant", id=wanted, file=name, ids=listing(ids))
            err(message("cli.error", lang, text=safe_text(problem.text(lang))))
            json_failure(fmt, name, _error(problem.code, problem.text("en")), lang, output)
            return None
    from gmvcli.review.actuals import ReadError, read, read_columns_map

    try:
        mapping = read_columns_map(columns) if columns else None
        actuals = read(actuals_path, sheet=sheet, columns_map=mapping)
    except ReadError as exc:
        _unreadable(exc.issues, actuals_path, lang, fmt, output)
        return None
    except UsageError as exc:  # --sheet on a CSV
        usage(exc)
    return scenario, actuals, name


def _report(issues: Any, lang: str) -> None:
    from gmvcli.cli.common import MAX_SHOWN_PROBLEMS

    for shown, issue in enumerate(issues):
        if shown == MAX_SHOWN_PROBLEMS:
            err(message("review.more_problems", lang, count=f"{len(issues) - shown:,}"))
            break
        if issue.warning:
            worded = message("review.warning", lang, where=issue.where(), text=issue.message(lang))
            err(safe_text(worded))
        else:
            err(issue.text(lang))


def _unreadable(issues: Any, actuals: str, lang: str, fmt: Format, output: str | None) -> None:
    """Report why the actuals cannot be read; in json/jsonl also as an error object on stdout."""
    _report(issues, lang)
    errors = [i for i in issues if not i.warning] or list(issues)
    json_failure(fmt, actuals, errors[0].as_json(), lang, output)


def _error(code: str, text: str) -> dict[str, object]:
    """An error object for a failure that is not at a place in a file (SPEC §7's keys)."""
    from gmvcli.errors import error_json

    return error_json(code, text, None, None, "")  # no field path: null in JSON


def report_warnings(result: Any, lang: str) -> None:
    """The review's warnings on stderr, once each (file-level ones repeat per merchant)."""
    warnings = {w for m in result.merchants for w in m.warnings}
    _report(sorted(warnings, key=lambda w: (w.row or 0, w.code)), lang)


def reviewed(
    scenario: Any, name: str, actuals_path: str, merchants: list[str], lang: str
) -> Any | None:
    """`review`'s result for the report (`report --actuals`): read and reviewed by the same core,
    its problems told as review tells them; None when there is an error (exit 1)."""
    from gmvcli.review.actuals import ReadError, read
    from gmvcli.review.review import review as run_review

    try:
        result = run_review(scenario, name, read(actuals_path), merchants=merchants)
    except ReadError as exc:
        _report(exc.issues, lang)
        return None
    report_warnings(result, lang)
    return result


@command("merchant", "start", "columns", "sheet", "fmt", "output", "plot")
def review(
    o: Opts,
    path: PathArg,
    actuals: PathArg,
    start: StartOpt = None,
    columns: ColumnsOpt = None,
    sheet: SheetOpt = None,
) -> int:
    """复盘: the sessions exported from the shop against the plan, per period — and why GMV moved."""
    fmt, output, plot, language = o.fmt, o.output, o.plot, o.lang
    day = _start(start, language)
    o.check()
    if _over_inputs([output, plot], [path, actuals, columns], language):
        return 1
    loaded = _load(path, actuals, list(o.merchants), columns, sheet, language, fmt, output)
    if loaded is None:
        return 1
    scenario, rows, name = loaded
    from gmvcli.review.actuals import ReadError
    from gmvcli.review.review import review as run_review

    try:
        result = run_review(scenario, name, rows, merchants=o.merchants, start=day)
    except ReadError as exc:
        _unreadable(exc.issues, actuals, language, fmt, output)
        return 1
    report_warnings(result, language)
    emit(o, result)
    if plot is not None and result.merchants:
        _draw(result, plot, language)
    return 0


@command("fmt", "output")
def fit(
    o: Opts,
    path: PathArg,
    actuals: PathArg,
    merchant: Annotated[str | None, typer.Option("--merchant", "-m")] = None,
    start: StartOpt = None,
    columns: ColumnsOpt = None,
    sheet: SheetOpt = None,
    write_file: Annotated[
        bool,
        typer.Option("--write"),
    ] = False,
) -> int:
    """Fit the plan to the sessions: estimates with 90% intervals, as a diff or written in place."""
    output, language = o.output, o.lang
    day = _start(start, language)
    o.check()
    if path == "-":  # fit shows or makes an edit of a file: standard input has none
        usage(msg("fit.needs_file"))
    if _over_inputs([output], [path, actuals, columns], language):
        return 1
    wanted = [merchant] if merchant else []
    loaded = _load(path, actuals, wanted, columns, sheet, language, o.fmt, output)
    if loaded is None:
        return 1
    scenario, rows, name = loaded
    from gmvcli.review import edit
    from gmvcli.review import fit as fitting
    from gmvcli.review.actuals import ReadError
    from gmvcli.review.messages import text

    try:
        result = fitting.fit(scenario, name, rows, merchant=merchant, start=day)
    except ReadError as exc:
        _unreadable(exc.issues, actuals, language, o.fmt, output)
        return 1
    except fitting.NeedMerchant as exc:
        usage(msg("fit.one_merchant", ids=listing(exc.ids)))
    _report(list(result.warnings), language)
    try:
        with open(path, "rb") as f:
            original = f.read().decode("utf-8")
        edited = edit.edit_text(original, result, language)
    except edit.EditError as exc:
        err(text("fit.cannot_edit", language, file=path, reason=exc.text(language)))
        worded = text("fit.cannot_edit", "en", file=path, reason=exc.text("en"))
        json_failure(o.fmt, path, _error("fit.cannot_edit", worded), language, output)
        return 1
    if write_file and edited != original:
        from gmvcli.output import write_atomic

        write_atomic([edited], path)
    made = SimpleNamespace(
        result=result,
        currency=scenario.currency,
        original=original,
        edited=edited,
        path=path,
        written=write_file,
    )
    return emit(o, made)


def _draw(result: Any, path: str, lang: str) -> None:
    """The chart of the first merchant (and model) reviewed: plan vs actual GMV per period and the
    waterfall of the driver effects over all periods, rounded as printed."""
    from gmvcli.review.lmdi import round_to_sum

    m = result.merchants[0]
    model = "content" if m.content is not None else "shelf"
    total = getattr(m, model)
    periods = [p for p in m.periods if getattr(p, model) is not None]
    draw_chart(
        "waterfall",
        path,
        lang,
        periods=[p.period for p in periods],
        plan=[getattr(p, model).plan.result.gmv for p in periods],
        actual=[getattr(p, model).actual.result.gmv for p in periods],
        effects=list(round_to_sum(total.gmv_effects, total.gmv_delta).items()),
        plan_total=total.plan_gmv,
        actual_total=total.actual_gmv,
        title=f"{m.name} [{m.id}]",
    )
