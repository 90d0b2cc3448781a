"""`forecast --format json|jsonl|csv`, merchant by merchant (issue 16): each merchant is forecast,
rendered and spooled to a temporary file before the next one is computed, so memory holds one
merchant, not the whole document. The text is byte for byte what the whole document gives. The
spool goes out (stdout, or -o) once every input is done, so what is decided at the end still
holds: a failure leaves -o unwritten, an unused --set is a usage error before any output."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import Any

from gmvcli.cli.output import write
from gmvcli.cli.run import Run, single_input
from gmvcli.errors import Problem
from gmvcli.messages import msg


def _merchants(
    run: Run, name: str, scenario: Any, doc: Any, periods: int | None, seen: Any, errors: list[Any]
) -> Iterator[Any]:
    """Each merchant's forecast (as a one-merchant ScenarioForecast), its warnings said as it
    comes and its error kept in `errors`."""
    from gmvcli.forecast import forecast_head, forecast_merchants

    head = forecast_head(scenario, doc)
    for m in forecast_merchants(scenario, doc, periods):
        run.warn(name, m.id, m.warnings)
        if m.error is not None:
            errors.append(m.error)
        seen(scenario, m)
        yield head._replace(merchants=(m,))


def stream_forecast(
    run: Run,
    paths: Sequence[str],
    fmt: str,
    output: str | None,
    lang: str,
    periods: int | None,
    seen: Callable[[Any, Any], None],
) -> int:
    """Forecast every input and write it as json, jsonl or csv; `seen(scenario, merchant)` is
    called with each merchant's forecast (for --plot). Returns the exit code."""
    with tempfile.TemporaryFile(
        "w+", encoding="utf-8", errors="surrogateescape", newline=""
    ) as spool:
        entries = _spool(spool, run, paths, fmt, output, periods, seen)
        run.finish_checks()
        if entries and fmt == "json" and not single_input(paths):
            spool.write("\n]" if _pretty(fmt, output) else "]")
        spool.write("\n" if entries and fmt == "json" else "")
        spool.seek(0)
        code = 1 if run.failed else 0
        write(iter(partial(spool.read, 1 << 20), ""), output, code == 0, lang, run.failed)
    return code


def _pretty(fmt: str, output: str | None) -> bool:
    return fmt == "json" and output is None and sys.stdout.isatty()


def _spool(
    spool: Any,
    run: Run,
    paths: Sequence[str],
    fmt: str,
    output: str | None,
    periods: int | None,
    seen: Callable[[Any, Any], None],
) -> int:
    """Write every input's text to `spool`, without the closing of a list of documents; returns
    the number of inputs written."""
    from gmvcli import data as rdata
    from gmvcli.cli.safety import ascii_json
    from gmvcli.render.csv import render_forecast
    from gmvcli.textsafe import JsonText, json_chunks

    pretty = _pretty(fmt, output)
    ascii, indent = ascii_json(), 2 if pretty else None
    one = fmt != "json" or single_input(paths)
    base = 0 if one or not pretty else 2
    entries = 0
    for name, scenario, doc_or_problems in run.documents(paths):
        if entries == 0:
            if fmt == "csv":
                spool.write(render_forecast([]))
            elif not one:
                spool.write("[\n  " if pretty else "[")
        elif not one:
            spool.write(",\n  " if pretty else ", ")
        entries += 1
        if scenario is None:
            run.report(doc_or_problems)
            if fmt != "csv":
                problem = doc_or_problems[0] or Problem(name, msg("cli.failed"))
                error = rdata.error_data(name, problem)
                spool.writelines(json_chunks(error, 0, ascii=ascii, indent=indent, at=base))
                spool.write("\n" if fmt == "jsonl" else "")
            continue
        errors: list[Problem] = []
        parts = _merchants(run, name, scenario, doc_or_problems, periods, seen, errors)
        if fmt == "csv":
            for part in parts:
                spool.write(render_forecast([part], header=False))
        else:
            from gmvcli.forecast import forecast_head
            from gmvcli.render.forecast_json import merchant_json

            data = rdata.forecast_data(forecast_head(scenario, doc_or_problems))
            objs = (JsonText(merchant_json(p.merchants[0], ascii, pretty)) for p in parts)
            document = {**data, "merchants": objs}
            spool.writelines(json_chunks(document, 2, ascii=ascii, indent=indent, at=base))
            spool.write("\n" if fmt == "jsonl" else "")
        if errors:
            run.report(errors)
    return entries
