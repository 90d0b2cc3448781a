"""The output registry (SPEC §7): for each command, the formats it writes and the renderer that
writes each, declared once. `--format` offers a command exactly its formats (any other is a usage
error, exit 2, while the command line is parsed) and `emit` looks the renderer up: a command never
branches on its format, and an unregistered pair cannot be reached.

A renderer is called as `renderer(made, o)`: `made` is what the command computed (each command's
value is named below), `o` its options (`common.Opts`: format, -o, language, terminal). It returns
text (a str, or an iterator of pieces written as they are made), data for json and jsonl (`emit`
serialises it), or, for xlsx, `(sheets, currency)`. The renderers themselves live in
gmvcli/render/ and are imported when called, never at start-up.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from enum import StrEnum
from typing import Any, NamedTuple

from gmvcli.cli.output import MAX_TABLE_ROWS, json_text, pretty_json, write, write_xlsx


class Format(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"
    text = "text"
    junit = "junit"
    xlsx = "xlsx"


Renderer = Callable[[Any, Any], Any]


def _r(module: str) -> Any:
    """A module of gmvcli/render/, imported on first use."""
    return importlib.import_module(f"gmvcli.render.{module}")


def _core(module: str) -> Any:
    """A module of the core whose data a renderer writes (diff_data, the sweep's rows)."""
    return importlib.import_module(f"gmvcli.{module}")


class ByMerchant(NamedTuple):
    """A pair its command writes merchant by merchant as it computes them (memory: one merchant),
    by the writer named here — `gmvcli.cli.<module>.<function>(run, paths, o, **extra)`, `extra`
    from the command — never through `emit` (EMITTED holds no such pair)."""

    module: str
    function: str

    def writer(self) -> Callable[..., int]:
        writer: Callable[..., int] = getattr(
            importlib.import_module(f"gmvcli.cli.{self.module}"), self.function
        )
        return writer


#: forecast's json, jsonl and csv: the same text as the whole document (gmvcli/cli/stream.py)
_STREAM = ByMerchant("stream", "stream_forecast")


def _results(kind: str) -> dict[Format, Renderer | ByMerchant]:
    """compare's and forecast's (made: results.Made): the same renderers for either kind; with
    no input to show (--merchant matched nowhere) nothing is printed."""

    def by(module: str, *args: str) -> Renderer:
        def render(m: Any, o: Any) -> Any:
            if not m.entries:
                return ""
            function = getattr(_r(module), f"render_{kind}")
            return function(m.results, *(getattr(o, a) for a in args))

        return render

    def table(m: Any, o: Any) -> str:
        return by("table", "lang", "width", "color")(m, o) if m.results else ""

    def sheets(m: Any, o: Any) -> Any:
        xlsx = _r("xlsx")
        made = getattr(xlsx, f"{kind}_sheets")(m.results, o.lang)
        return made, m.results[0].currency if m.results else "CNY"

    json: Renderer | ByMerchant = _STREAM if kind == "forecast" else _json
    return {
        Format.table: table,
        Format.json: json,
        Format.jsonl: json,
        Format.csv: _STREAM if kind == "forecast" else by("csv"),
        Format.markdown: by("markdown", "lang"),
        Format.xlsx: sheets,
    }


def _json(m: Any, o: Any) -> Any:
    from gmvcli.cli.results import json_output

    return json_output(m, o)


def _explain(module: str, function: str) -> Renderer:
    """explain's text formats (made: name, scenario, merchants; None when the file is invalid)."""

    def render(m: Any, o: Any) -> str:
        if m is None:
            return ""
        markdown = o.fmt == Format.markdown
        s = m.scenario
        worded = getattr(_r(module), function)(s.name, m.merchants, o.lang, s.currency)
        if s.correlations:
            worded += _r("correlations").explain_lines(s.correlations, o.lang, markdown=markdown)
        return str(worded)

    return render


def _explain_data(m: Any, o: Any) -> Any:
    if m is None:
        return ""
    data = _r("explain").explain_data(m.name, m.scenario.name, m.merchants)
    if m.scenario.correlations:  # SPEC §8: shown where the inputs are explained
        data["correlations"] = _r("correlations").correlations_data(m.scenario.correlations)
    return data


def _simulate_table(m: Any, o: Any) -> str:
    s = m.scenario
    shown = _r("uncertain").simulate_text(
        m.data, m.sims, o.lang, s.currency, o.width, o.color, m.periods, s.period
    )
    if m.correlations:
        shown += _r("correlations").achieved_text(m.correlations, o.lang, o.width, o.color)
    return str(shown)


def _sensitivity_table(m: Any, o: Any) -> str:
    if m.sobol:
        return str(_r("sobol").sobol_text(m.data, o.lang, o.width, o.color, m.scenario))
    s = m.scenario
    return str(
        _r("uncertain").sensitivity_text(
            m.data, o.lang, s.currency, o.width, o.color, m.periods, s.period, s
        )
    )


def _sweep_table(m: Any, o: Any) -> str:
    rows = _core("whatif").chunk_rows(m.chunks, m.varies)
    s = m.scenario
    markdown = o.fmt == Format.markdown
    return str(
        _r("uncertain").sweep_table(
            s.name,
            rows,
            m.headers,
            o.lang,
            s.currency,
            o.width,
            o.color,
            markdown=markdown,
            limit=MAX_TABLE_ROWS,
        )
    )


def _sweep_json(m: Any, o: Any) -> Any:
    from gmvcli.cli.safety import ascii_json

    pretty = pretty_json(o.fmt, o.output)  # the text json_text gives the whole document
    return _r("sweep").sweep_json(m.chunks, m.headers, m.name, ascii_json(), pretty)


def _sweep_sheets(m: Any, o: Any) -> Any:
    rows = _core("whatif").chunk_rows(m.chunks, m.varies)
    return _r("xlsx").sweep_sheets(rows, m.headers, o.lang, m.name), m.scenario.currency


def _test_json(m: Any, o: Any) -> str:
    import sys

    from gmvcli.textsafe import unicode_stream

    ascii = o.output is None and not unicode_stream(sys.stdout)
    return str(_r("testreport").render_json(m, pretty_json(o.fmt, o.output), ascii=ascii))


def _fit_table(m: Any, o: Any) -> str:
    from gmvcli.review import edit
    from gmvcli.review.messages import text

    shown = _r("review").render_fit(m.result, o.lang, o.width, o.color)
    if m.written:
        return (
            str(shown) + text("fit.written", o.lang, file=m.path, count=len(m.result.fields)) + "\n"
        )
    change = edit.unified_diff(m.original, m.edited, m.path) or text("fit.no_change", o.lang) + "\n"
    return str(shown) + change


#: The registry: command → {format: renderer}. A command's first format is its default. What each
#: command hands its renderers (`made`): compare, forecast: results.Made; validate: its problems;
#: explain: name, scenario, merchants; policies: chosen, role; simulate: data, sims, scenario,
#: periods, correlations; sensitivity: data, sobol (and scenario, periods); sweep: chunks, varies,
#: headers, name, scenario; solve: data, solution, scenario; diff: base, variant, overrides,
#: merchants, currency; test: its results; review: the review; fit: result, currency, original,
#: edited, path, written.
RENDERERS: dict[str, dict[Format, Renderer | ByMerchant]] = {
    "compare": _results("compare"),
    "forecast": _results("forecast"),
    "validate": {
        Format.text: lambda m, o: "",  # the problems, located, are on stderr as they are found
        Format.json: lambda m, o: m,
    },
    "explain": {
        Format.table: _explain("explain", "render_text"),
        Format.json: _explain_data,
        Format.jsonl: _explain_data,
        Format.csv: lambda m, o: _r("explain").render_csv(m.name, m.merchants) if m else "",
        Format.markdown: _explain("explain", "render_markdown"),
    },
    "policies": {
        Format.table: lambda m, o: _r("policies").render_table(
            m.chosen, o.lang, o.width, o.color, m.role
        ),
        Format.json: lambda m, o: _r("policies").policies_data(m.chosen),
        Format.jsonl: lambda m, o: _r("policies").policies_data(m.chosen),
        Format.csv: lambda m, o: _r("policies").render_csv(m.chosen),
        Format.markdown: lambda m, o: _r("policies").render_markdown(m.chosen, o.lang),
    },
    "simulate": {
        Format.table: _simulate_table,
        Format.json: lambda m, o: m.data,
        Format.jsonl: lambda m, o: m.data,
        Format.csv: lambda m, o: _r("uncertain").simulate_csv(m.data),
        Format.xlsx: lambda m, o: (
            _r("xlsx").simulate_sheets(m.data, o.lang),
            m.scenario.currency,
        ),
    },
    "sensitivity": {
        Format.table: _sensitivity_table,
        Format.json: lambda m, o: m.data,
        Format.jsonl: lambda m, o: m.data,
        Format.csv: lambda m, o: (
            _r("sobol").sobol_csv(m.data) if m.sobol else _r("uncertain").sensitivity_csv(m.data)
        ),
    },
    "sweep": {
        Format.table: _sweep_table,
        Format.json: _sweep_json,
        Format.jsonl: lambda m, o: _r("sweep").sweep_jsonl(m.chunks, m.headers, file=m.name),
        Format.csv: lambda m, o: _r("sweep").sweep_csv(m.chunks, m.headers, file=m.name),
        Format.markdown: _sweep_table,
        Format.xlsx: _sweep_sheets,
    },
    "solve": {
        Format.table: lambda m, o: _r("uncertain").solve_text(
            m.data, m.solution, o.lang, m.scenario.currency, m.scenario.period
        ),
        Format.json: lambda m, o: m.data,
        Format.jsonl: lambda m, o: m.data,
    },
    "diff": {
        Format.table: lambda m, o: _r("diff").render_table(
            m.merchants, o.lang, m.currency, o.width, o.color
        ),
        Format.json: lambda m, o: _core("diff").diff_data(
            m.base, m.variant, m.overrides, m.merchants
        ),
        Format.jsonl: lambda m, o: _core("diff").diff_data(
            m.base, m.variant, m.overrides, m.merchants
        ),
        Format.csv: lambda m, o: _r("diff").render_csv(m.base, m.variant, m.merchants),
        Format.markdown: lambda m, o: _r("diff").render_markdown(m.merchants, o.lang, m.currency),
        Format.xlsx: lambda m, o: (_r("xlsx").diff_sheets(m.merchants, o.lang), m.currency),
    },
    "test": {
        Format.table: lambda m, o: _r("testreport").render_table(m, o.lang),
        Format.json: _test_json,
        Format.junit: lambda m, o: _r("testreport").render_junit(m),
    },
    "review": {
        Format.table: lambda m, o: _r("review").render_table(m, o.lang, o.width, o.color),
        Format.json: lambda m, o: _r("review").review_data(m),
        Format.jsonl: lambda m, o: _r("review").review_data(m),
        Format.csv: lambda m, o: _r("review").render_csv([m]),
        Format.markdown: lambda m, o: _r("review").render_markdown(m, o.lang),
        Format.xlsx: lambda m, o: (
            _r("xlsx.review").review_sheets(m, o.lang),
            m.currency,
        ),
    },
    "fit": {
        Format.table: _fit_table,
        Format.json: lambda m, o: _r("review").fit_data(m.result),
        Format.jsonl: lambda m, o: _r("review").fit_data(m.result),
        Format.xlsx: lambda m, o: (
            _r("xlsx.review").fit_sheets(m.result, o.lang),
            m.currency,
        ),
    },
}

#: what each command can write, the first its default (read by --format's parser and help)
FORMATS: dict[str, tuple[Format, ...]] = {c: tuple(r) for c, r in RENDERERS.items()}


#: what `emit` writes: every pair but those a command writes merchant by merchant
EMITTED: dict[str, dict[Format, Renderer]] = {
    c: {f: r for f, r in rs.items() if not isinstance(r, ByMerchant)} for c, rs in RENDERERS.items()
}


def by_merchant(command: str, fmt: str) -> ByMerchant | None:
    """The writer of a pair written merchant by merchant as it is computed (None: through emit)."""
    entry = RENDERERS[command].get(Format(fmt))
    return entry if isinstance(entry, ByMerchant) else None


def rendered(o: Any, made: Any) -> Any:
    """What the registry's renderer for `o`'s command and format makes of `made`."""
    return EMITTED[o.command][o.fmt](made, o)


def emit(o: Any, made: Any, ok: bool = True, failed: int = 0) -> int:
    """Write what a command made in its --format, by the registry's renderer, to stdout or -o:
    text as it is made, data as JSON (indented for a person, compact for a program), a workbook
    atomically. Nothing is written to -o when an input failed (`ok` false). Exit code 0 or 1."""
    out = rendered(o, made)
    if out == "" and o.output is None:
        return 0 if ok else 1  # nothing to show (validate's text is on stderr)
    if o.fmt == Format.xlsx:
        sheets, currency = out
        write_xlsx(sheets, currency, o.output, o.lang, ok, failed)
    else:
        if not isinstance(out, str | Iterator):
            out = json_text(out, o.fmt, o.output)
        write(out, o.output, ok, o.lang, failed)
    return 0 if ok else 1
