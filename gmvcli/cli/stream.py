"""`forecast --format json|jsonl|csv`, merchant by merchant (issue 16): each merchant is forecast,
rendered and spooled to a temporary file before the next one is computed, so memory holds one
merchant, not the whole document. The text is byte for byte what the whole document gives. The
spool goes out (stdout, or -o) once every input is done, so what is decided at the end still
holds: a failure leaves -o unwritten, an unused --set is a usage error before any output."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import Any

from gmvcli.cli.output import json_documents, pretty_json, write
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
    run: Run, paths: Sequence[str], o: Any, periods: int | None, seen: Callable[[Any, Any], None]
) -> int:
    """Forecast every input and write it as json, jsonl or csv (`o.fmt`); `seen(scenario,
    merchant)` is called with each merchant's forecast (for --plot). Returns the exit code."""
    fmt, output = o.fmt, o.output
    with tempfile.TemporaryFile(
        "w+", encoding="utf-8", errors="surrogateescape", newline=""
    ) as spool:
        if fmt == "csv":
            spool.writelines(_csv(run, paths, periods, seen))
        else:
            documents = _documents(run, paths, fmt, output, periods, seen)
            spool.writelines(json_documents(documents, fmt, output, single_input(paths)))
        run.finish_checks()
        spool.seek(0)
        code = 1 if run.failed else 0
        write(iter(partial(spool.read, 1 << 20), ""), output, code == 0, o.lang, run.failed)
    return code


def _csv(
    run: Run, paths: Sequence[str], periods: int | None, seen: Callable[[Any, Any], None]
) -> Iterator[str]:
    """Every input's rows under one header (an invalid input: its problems on stderr)."""
    from gmvcli.render.csv import render_forecast

    header = False
    for name, scenario, doc_or_problems in run.documents(paths):
        if not header:
            header = True
            yield render_forecast([])
        if scenario is None:
            run.report(doc_or_problems)
            continue
        errors: list[Problem] = []
        for part in _merchants(run, name, scenario, doc_or_problems, periods, seen, errors):
            yield render_forecast([part], header=False)
        if errors:
            run.report(errors)


def _documents(
    run: Run,
    paths: Sequence[str],
    fmt: str,
    output: str | None,
    periods: int | None,
    seen: Callable[[Any, Any], None],
) -> Iterator[dict[str, Any]]:
    """Every input's JSON object, its merchants rendered as they are forecast (an invalid input:
    its error object); a document's errors are reported once it is written."""
    from gmvcli import data as rdata
    from gmvcli.cli.safety import ascii_json
    from gmvcli.forecast import forecast_head
    from gmvcli.render.forecast_json import merchant_json
    from gmvcli.textsafe import JsonText

    ascii, pretty = ascii_json(), pretty_json(fmt, output)
    for name, scenario, doc_or_problems in run.documents(paths):
        if scenario is None:
            run.report(doc_or_problems)
            problem = doc_or_problems[0] or Problem(name, msg("cli.failed"))
            yield rdata.error_data(name, problem)
            continue
        errors: list[Problem] = []
        parts = _merchants(run, name, scenario, doc_or_problems, periods, seen, errors)
        data = rdata.forecast_data(forecast_head(scenario, doc_or_problems))
        objs = (JsonText(merchant_json(p.merchants[0], ascii, pretty)) for p in parts)
        yield {**data, "merchants": objs}
        if errors:
            run.report(errors)
