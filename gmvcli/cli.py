"""The `gmvcli` command line: parse arguments, run the core, write text, set the exit code.

Thin on purpose: formulas live in the engine, words in i18n, formatting in render/. rich and the
table renderer are imported only when a table is printed.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import Annotated, Any, NoReturn

import typer

from gmvcli import __version__
from gmvcli.errors import Problem, ScenarioError, UsageError, safe_text
from gmvcli.i18n import LANGS, default_lang, label, message

app = typer.Typer(
    name="gmvcli",
    help="Shelf vs content+private-domain scenarios for live-stream e-commerce (货架 vs 内容+私域).",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
)


class Format(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"


class Lang(StrEnum):
    en = "en"
    zh = "zh"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"gmvcli {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Shelf vs content+private-domain scenarios for live-stream e-commerce."""


Paths = Annotated[
    list[str], typer.Argument(help="Scenario files, directories of *.yaml, or - for stdin.")
]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
OutputOpt = Annotated[
    str | None, typer.Option("--output", "-o", help="Write to FILE atomically instead of stdout.")
]


def _merchant_ids(ctx: typer.Context) -> list[str]:
    """Merchant ids in the files already on the command line (for shell completion)."""
    from gmvcli.loader import load_bytes

    ids: list[str] = []
    paths = ctx.params.get("paths") or ([ctx.params["path"]] if ctx.params.get("path") else [])
    for path in paths:
        try:
            with open(path, "rb") as f:
                data = load_bytes(f.read(), path).data
        except Exception:
            continue
        for m in (data or {}).get("merchants") or []:
            if isinstance(m, dict) and isinstance(m.get("id"), str):
                ids.append(m["id"])
    return ids


def _complete_merchant(ctx: typer.Context, incomplete: str) -> list[str]:
    return [i for i in _merchant_ids(ctx) if i.startswith(incomplete)]


def _complete_set(ctx: typer.Context, incomplete: str) -> list[str]:
    from gmvcli.inputs import field_paths

    prefix, colon, rest = incomplete.rpartition(":")
    head = prefix + colon
    options = [f"{head}{p}=" for p in field_paths() if p.startswith(rest)]
    if not colon:
        options += [f"{i}:" for i in _merchant_ids(ctx) if i.startswith(incomplete)]
    return options


SetOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--set",
        "-s",
        metavar="[ID:]PATH=VALUE",
        help="Override a field for this run, e.g. content.aov=99 or weiwei:shelf.uv=30万.",
        autocompletion=_complete_set,
    ),
]
MerchantOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--merchant",
        "-m",
        help="Only this merchant id (repeatable).",
        autocompletion=_complete_merchant,
    ),
]
LangOpt = Annotated[
    Lang | None, typer.Option("--lang", help="Language of tables and messages (default: LANG).")
]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show a traceback on internal errors.")]


#: A file with thousands of problems is reported by its first few; the rest are counted.
MAX_SHOWN_PROBLEMS = 50


def _err(text: str) -> None:
    sys.stderr.write(text + "\n")


def _usage(text: str) -> NoReturn:
    _err(f"gmvcli: error: {safe_text(text)}")
    raise typer.Exit(2)


class _Run:
    """One command over many inputs: evaluates each, collects results and problems."""

    def __init__(
        self,
        sets: Sequence[str],
        merchants: Sequence[str],
        lang: str,
        policies: str | None = None,
    ) -> None:
        from gmvcli.inputs import parse_override

        self.policies = policies

        try:
            self.overrides = [parse_override(s) for s in sets]
        except UsageError as exc:
            _usage(str(exc))
        self.merchants = set(merchants)
        self.lang = lang
        self.failed = 0
        self.used_sets: set[str] = set()
        self.matched_merchants: set[str] = set()

    def documents(self, paths: Sequence[str]) -> Any:
        """Yield (name, parsed Scenario, Document) or (name, None, Problem)."""
        from gmvcli.inputs import apply_overrides, expand
        from gmvcli.loader import load_bytes
        from gmvcli.model import parse_scenario

        for source in expand(paths):
            if source.problem is not None or source.data is None:
                problem = source.problem or Problem(source.name, "cannot read")
                yield source.name, None, [problem]
                continue
            try:
                doc = load_bytes(source.data, source.name)
                doc, used = apply_overrides(doc, self.overrides)
                self.used_sets |= used
                if self.policies is not None:
                    from gmvcli.inputs import apply_policies, parse_policies

                    doc = apply_policies(
                        doc, parse_policies(self.policies), f"--policies {self.policies}"
                    )
                scenario = parse_scenario(doc)
            except ScenarioError as exc:
                yield source.name, None, exc.problems
                continue
            if self.merchants:
                kept = [m for m in scenario.merchants if m.id in self.merchants]
                self.matched_merchants |= {m.id for m in kept}
                scenario = scenario._replace(merchants=tuple(kept))
            yield source.name, scenario, doc

    def report(self, problems: Sequence[Problem]) -> None:
        self.failed += 1
        from gmvcli.i18n import problem_text

        for p in problems[:MAX_SHOWN_PROBLEMS]:
            _err(problem_text(p, self.lang))
        if len(problems) > MAX_SHOWN_PROBLEMS:
            more = len(problems) - MAX_SHOWN_PROBLEMS
            _err(f"{safe_text(problems[0].file)}: … and {more:,} more problems")

    def warn(self, file: str, merchant_id: str, notices: Sequence[Any]) -> None:
        if not notices:
            return
        from gmvcli.render.words import notice_text

        for n in notices:
            _err(f"{safe_text(file)}: {merchant_id}: {notice_text(n, self.lang)}")

    def finish_checks(self) -> None:
        unused = [o.arg for o in self.overrides if o.merchant and o.arg not in self.used_sets]
        if unused:
            _usage(f"--set {unused[0]}: no merchant with that id in any input")
        missing = sorted(self.merchants - self.matched_merchants)
        if missing:
            _err(f"gmvcli: error: no merchant '{safe_text(missing[0])}' in any input")
            self.failed += 1


def _single(paths: Sequence[str]) -> bool:
    return paths == ["-"] or (len(paths) == 1 and not os.path.isdir(paths[0]))


def _write(text: str, output: str | None, ok: bool, lang: str, failed: int) -> None:
    if output is None:
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:
            # the reader (`| head`) has gone: stop quietly, and keep Python from complaining
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return
    if not ok:
        _err(message("not_written", lang, file=safe_text(output), count=failed))
        return
    from gmvcli.output import write_atomic

    write_atomic([text], output)


def _check_output(output: str | None) -> None:
    if output is None:
        return
    from gmvcli.output import output_problem

    trouble = output_problem(output)
    if trouble is not None:
        _err(trouble)
        raise typer.Exit(1)


def _terminal(output: str | None) -> tuple[int, bool]:
    """Width and colour for tables: the terminal's when stdout is one, else 80 (or $COLUMNS)."""
    tty = output is None and sys.stdout.isatty()
    width = shutil.get_terminal_size((80, 24)).columns  # $COLUMNS first, then the terminal
    color = tty and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"
    return max(width, 40), color


def _dump(obj: Any, pretty: bool) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2 if pretty else None, allow_nan=False)


def _json_text(obj: Any, fmt: Format, output: str | None) -> str:
    """One JSON document: indented for a person at a terminal (json), else compact, as `gh` does."""
    pretty = fmt == Format.json and output is None and sys.stdout.isatty()
    return _dump(obj, pretty) + "\n"


def _execute(
    kind: str,
    paths: Sequence[str],
    fmt: Format,
    output: str | None,
    sets: Sequence[str],
    merchants: Sequence[str],
    lang: str,
    evaluate: Callable[[Any, Any], Any],
) -> int:
    """The shared body of compare and forecast: evaluate every input, render, write, exit code."""
    _check_output(output)
    run = _Run(sets, merchants, lang)
    results: list[Any] = []
    entries: list[tuple[str, Any, Problem | None]] = []  # in input order, for json/jsonl
    from gmvcli.render import data as rdata

    for name, scenario, doc_or_problems in run.documents(paths):
        if scenario is None:
            run.report(doc_or_problems)
            entries.append((name, None, doc_or_problems[0]))
            continue
        result = evaluate(scenario, doc_or_problems)
        for m in result.merchants:
            run.warn(name, m.id, m.warnings)
        merchant_errors = [m.error for m in result.merchants if getattr(m, "error", None)]
        if merchant_errors:
            run.report(merchant_errors)
        results.append(result)
        entries.append((name, result, None))
    run.finish_checks()

    to_data = rdata.compare_data if kind == "compare" else rdata.forecast_data
    if fmt in (Format.json, Format.jsonl):
        objs = [
            to_data(r) if r is not None else rdata.error_data(n, p or Problem(n, "failed"))
            for n, r, p in entries
        ]
        if fmt == Format.jsonl:
            text = "".join(json.dumps(o, ensure_ascii=False, allow_nan=False) + "\n" for o in objs)
        else:
            one = _single(paths) and len(objs) == 1
            text = _json_text(objs[0] if one else objs, fmt, output)
    elif fmt == Format.csv:
        from gmvcli.render import csv as rcsv

        render = rcsv.render_compare if kind == "compare" else rcsv.render_forecast
        text = render(results)
    elif fmt == Format.markdown:
        from gmvcli.render import markdown

        md = markdown.render_compare if kind == "compare" else markdown.render_forecast
        text = md(results, lang)
    else:
        width, color = _terminal(output)
        if results:
            from gmvcli.render import table

            tbl = table.render_compare if kind == "compare" else table.render_forecast
            text = tbl(results, lang, width, color)
        else:
            text = ""
    code = 1 if run.failed else 0
    _write(text, output, code == 0, lang, run.failed)
    return code


def _guard(debug: bool, lang: str, body: Callable[[], int]) -> None:
    try:
        code = body()
    except typer.Exit:
        raise
    except KeyboardInterrupt:
        _err("interrupted")
        raise typer.Exit(130) from None
    except Exception as exc:
        if debug:
            raise
        _err(message("bug", lang, error=f"{type(exc).__name__}: {exc}") + " (--debug shows more)")
        raise typer.Exit(1) from None
    raise typer.Exit(code)


@app.command()
def compare(
    paths: Paths,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    sets: SetOpt = None,
    merchant: MerchantOpt = None,
    lang: LangOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Compare shelf and content+private for every merchant, one period (SPEC §4)."""
    language = lang.value if lang else default_lang()

    def evaluate(scenario: Any, doc: Any) -> Any:
        from gmvcli.compare import compare_scenario

        return compare_scenario(scenario, doc.file)

    _guard(
        debug,
        language,
        lambda: _execute(
            "compare", paths, fmt, output, sets or [], merchant or [], language, evaluate
        ),
    )


@app.command()
def forecast(
    paths: Paths,
    periods: Annotated[
        int | None,
        typer.Option("--periods", "-n", min=1, max=600, help="Number of periods (overrides file)."),
    ] = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    sets: SetOpt = None,
    merchant: MerchantOpt = None,
    plot: Annotated[
        str | None,
        typer.Option(
            "--plot",
            metavar="FILE.png|FILE.svg",
            help="Also draw the cumulative contribution of the first merchant with both models.",
        ),
    ] = None,
    lang: LangOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Forecast period by period: fans, costs and policies; when does content overtake shelf?"""
    language = lang.value if lang else default_lang()
    _check_plot(plot, language)
    drawn: list[bool] = []

    def evaluate(scenario: Any, doc: Any) -> Any:
        from gmvcli.forecast import forecast_scenario

        result = forecast_scenario(scenario, doc, periods)
        if plot is not None and not drawn:
            for m in result.merchants:
                if m.shelf_totals is None or m.content_totals is None or not m.periods:
                    continue
                shelf = content = 0.0
                shelf_cum, content_cum = [], []
                for p in m.periods:
                    shelf += p.shelf.contribution if p.shelf else 0.0
                    content += p.content.contribution if p.content else 0.0
                    shelf_cum.append(shelf)
                    content_cum.append(content)
                _plot(
                    "cumulative",
                    plot,
                    language,
                    periods=[p.period for p in m.periods],
                    shelf_cumulative=shelf_cum,
                    content_cumulative=content_cum,
                    title=f"{m.name} [{m.id}]",
                    unit_label=label(f"unit.{scenario.period}", language),
                )
                drawn.append(True)
                break
        return result

    _guard(
        debug,
        language,
        lambda: _execute(
            "forecast", paths, fmt, output, sets or [], merchant or [], language, evaluate
        ),
    )


class ValidateFormat(StrEnum):
    text = "text"
    json = "json"


@app.command()
def validate(
    paths: Paths,
    fmt: Annotated[
        ValidateFormat, typer.Option("--format", "-f", help="text (stderr) or json (stdout).")
    ] = ValidateFormat.text,
    sets: SetOpt = None,
    lang: LangOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Check scenario files: silent (exit 0) when valid, every problem located otherwise (exit 1)."""
    language = lang.value if lang else default_lang()

    def body() -> int:
        run = _Run(sets or [], [], language)
        problems: list[Problem] = []
        for name, scenario, doc_or_problems in run.documents(paths):
            if scenario is None:
                problems.extend(doc_or_problems)
                if fmt == ValidateFormat.text:
                    run.report(doc_or_problems)
                else:
                    run.failed += 1
                continue
            from gmvcli.policies import merchant_policies, policy_table

            table = policy_table(scenario)
            for m in scenario.merchants:
                run.warn(name, m.id, merchant_policies(m, table)[1])
        run.finish_checks()
        if fmt == ValidateFormat.json:
            rows = [{"file": p.file, **p.as_json()} for p in problems]
            _write(_json_text(rows, Format.json, None), None, True, language, 0)
        return 1 if run.failed else 0

    _guard(debug, language, body)


class Model(StrEnum):
    shelf = "shelf"
    content = "content"


@app.command()
def explain(
    path: Annotated[str, typer.Argument(help="A scenario file, or - for stdin.")],
    merchant: MerchantOpt = None,
    model: Annotated[
        Model | None, typer.Option("--model", help="Only this model (shelf or content).")
    ] = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    sets: SetOpt = None,
    lang: LangOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Show each row of the calculation with its formula and the numbers put into it."""
    language = lang.value if lang else default_lang()

    def body() -> int:
        _check_output(output)
        run = _Run(sets or [], merchant or [], language)
        from gmvcli.explain import explain_scenario
        from gmvcli.render import explain as rexplain

        text = ""
        for name, scenario, doc_or_problems in run.documents([path]):
            if scenario is None:
                run.report(doc_or_problems)
                continue
            merchants = explain_scenario(scenario, model.value if model else None)
            if fmt in (Format.json, Format.jsonl):
                data = rexplain.explain_data(name, scenario.name, merchants)
                text = _json_text(data, fmt, output)
            elif fmt == Format.markdown:
                text = rexplain.render_markdown(
                    scenario.name, merchants, language, scenario.currency
                )
            elif fmt == Format.csv:
                text = rexplain.render_csv(name, merchants)
            else:
                text = rexplain.render_text(scenario.name, merchants, language, scenario.currency)
        run.finish_checks()
        code = 1 if run.failed else 0
        _write(text, output, code == 0, language, run.failed)
        return code

    _guard(debug, language, body)


class Role(StrEnum):
    factory = "factory"
    brand = "brand"
    streamer = "streamer"
    service_provider = "service_provider"


@app.command()
def policies(
    role: Annotated[
        Role | None, typer.Option("--role", help="Only policies for this role.")
    ] = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    lang: LangOpt = None,
    debug: DebugOpt = False,
) -> None:
    """List the built-in bonus-plan policies (商家全周期红利计划) with their effects."""
    language = lang.value if lang else default_lang()

    def body() -> int:
        _check_output(output)
        from gmvcli.policies import BUILTIN
        from gmvcli.render import policies as rpolicies

        chosen = [p for p in BUILTIN if role is None or role.value in p.roles]
        if fmt in (Format.json, Format.jsonl):
            text = _json_text(rpolicies.policies_data(chosen), fmt, output)
        elif fmt == Format.csv:
            text = rpolicies.render_csv(chosen)
        elif fmt == Format.markdown:
            text = rpolicies.render_markdown(chosen, language)
        else:
            width, color = _terminal(output)
            text = rpolicies.render_table(chosen, language, width, color)
        _write(text, output, True, language, 0)
        return 0

    _guard(debug, language, body)


@app.command()
def schema(
    output: OutputOpt = None,
    lang: LangOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Print the JSON Schema of scenario files (for editors: yaml-language-server)."""
    language = lang.value if lang else default_lang()

    def body() -> int:
        _check_output(output)
        from gmvcli.schema import schema_text

        _write(schema_text(), output, True, language, 0)
        return 0

    _guard(debug, language, body)


@app.command()
def init(
    role: Annotated[Role, typer.Option("--role", help="Whose starter scenario.")] = Role.factory,
    output: OutputOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    lang: LangOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Write a commented starter scenario (zh + en) for a role, to -o FILE or stdout."""
    language = lang.value if lang else default_lang()

    def body() -> int:
        from gmvcli.starters import starter

        text = starter(role.value)
        if output is not None:
            _check_output(output)
            if os.path.exists(output) and not force:
                _err(message("init_exists", language, file=safe_text(output)))
                return 1
            _write(text, output, True, language, 0)
            _err(message("init_written", language, file=safe_text(output)))
            return 0
        _write(text, None, True, language, 0)
        return 0

    _guard(debug, language, body)


@app.command()
def diff(
    base: Annotated[str, typer.Argument(help="The scenario as it is.")],
    variant: Annotated[
        str | None, typer.Argument(help="Another version (default: BASE itself).")
    ] = None,
    sets: SetOpt = None,
    policies: Annotated[
        str | None,
        typer.Option(
            "--policies",
            metavar="ID,...|none",
            help="Replace every merchant's policies in the variant (none: no policies).",
        ),
    ] = None,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 when any number differs (like git diff).")
    ] = False,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    lang: LangOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Compare two versions of a scenario merchant by merchant: every row, Δ and Δ%."""
    language = lang.value if lang else default_lang()

    def body() -> int:
        _check_output(output)
        from gmvcli.compare import compare_scenario
        from gmvcli.diff import any_difference, diff_data
        from gmvcli.diff import diff as diff_results

        left = _Run([], [], language)
        right = _Run(sets or [], [], language, policies)
        results = []
        for run, path in ((left, base), (right, variant or base)):
            for name, scenario, doc_or_problems in run.documents([path]):
                if scenario is None:
                    run.report(doc_or_problems)
                else:
                    results.append(compare_scenario(scenario, name))
        right.finish_checks()
        if left.failed or right.failed or len(results) != 2:
            return 1
        merchants = diff_results(results[0], results[1])
        overrides = [
            *(f"--set {s}" for s in sets or []),
            *([f"--policies {policies}"] if policies else []),
        ]
        currency = results[0].currency
        if fmt in (Format.json, Format.jsonl):
            data = diff_data(base, variant, overrides, merchants)
            text = _json_text(data, fmt, output)
        elif fmt == Format.csv:
            from gmvcli.render.diff import render_csv

            text = render_csv(base, variant, merchants)
        elif fmt == Format.markdown:
            from gmvcli.render.diff import render_markdown

            text = render_markdown(merchants, language, currency)
        else:
            from gmvcli.render.diff import render_table

            width, color = _terminal(output)
            text = render_table(merchants, language, currency, width, color)
        _write(text, output, True, language, 0)
        return 1 if exit_code and any_difference(merchants) else 0

    _guard(debug, language, body)


def _one_scenario(
    path: str, sets: Sequence[str] | None, merchants: Sequence[str] | None, lang: str
) -> tuple[_Run, str, Any] | None:
    """The scenario of a command that reads one FILE (or -), with --set and --merchant applied;
    None (its problems reported) when it is invalid."""
    run = _Run(sets or [], merchants or [], lang)
    found = None
    for name, scenario, doc_or_problems in run.documents([path]):
        if scenario is None:
            run.report(doc_or_problems)
        else:
            found = (run, name, scenario)
    run.finish_checks()
    return None if run.failed else found


def _parse_percentiles(text: str) -> list[tuple[str, float]]:
    out = []
    for part in text.split(","):
        part = part.strip()
        try:
            value = float(part)
        except ValueError:
            _usage(f"--percentiles {text}: '{part}' is not a number")
        if not 0 <= value <= 100:
            _usage(f"--percentiles {text}: {part} is not between 0 and 100")
        out.append((f"p{part}", value))
    if not out:
        _usage("--percentiles needs at least one number, e.g. 5,50,95")
    return out


PlotOpt = Annotated[
    str | None,
    typer.Option(
        "--plot", metavar="FILE.png|FILE.svg", help="Also draw a chart (needs gmvcli[plot])."
    ),
]
PeriodsOpt = Annotated[
    int | None,
    typer.Option("--periods", "-n", min=1, max=600, help="Forecast totals over N periods."),
]


@app.command()
def simulate(
    path: Annotated[str, typer.Argument(help="A scenario file, or - for stdin.")],
    runs: Annotated[
        int, typer.Option("--runs", min=1, max=10_000_000, help="Number of draws.")
    ] = 10_000,
    seed: Annotated[int, typer.Option("--seed", help="Random seed: same seed, same output.")] = 0,
    periods: PeriodsOpt = None,
    percentiles: Annotated[
        str, typer.Option("--percentiles", help="Comma-separated percentiles.")
    ] = "5,50,95",
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    sets: SetOpt = None,
    merchant: MerchantOpt = None,
    plot: PlotOpt = None,
    lang: LangOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Monte Carlo over the inputs written as distributions: percentiles and P(content wins)."""
    language = lang.value if lang else default_lang()
    points = _parse_percentiles(percentiles)

    def body() -> int:
        _check_output(output)
        _check_plot(plot, language)
        found = _one_scenario(path, sets, merchant, language)
        if found is None:
            return 1
        _, name, scenario = found
        if periods is not None and _unforecastable(name, scenario, language):
            return 1
        from gmvcli import uncertainty
        from gmvcli.render import uncertain

        work = runs * len(scenario.merchants) * (periods or 1)
        with _progress(work > 3_000_000, runs * len(scenario.merchants), language) as advance:
            sims = uncertainty.simulate(scenario, runs, seed, periods, progress=advance)
        data = uncertain.simulate_data(name, scenario.name, runs, seed, sims, points)
        if plot is not None:
            first = next((s for s in sims if s.advantage is not None), None)
            if first is not None:
                _plot(
                    "histogram",
                    plot,
                    language,
                    values=first.advantage,
                    title=f"{first.name} [{first.id}]",
                )
        if fmt in (Format.json, Format.jsonl):
            text = _json_text(data, fmt, output)
        elif fmt == Format.csv:
            text = uncertain.simulate_csv(data)
        else:
            width, color = _terminal(output)
            text = uncertain.simulate_text(data, sims, language, scenario.currency, width, color)
        _write(text, output, True, language, 0)
        return 0

    _guard(debug, language, body)


class Metric(StrEnum):
    advantage = "advantage"
    gmv = "gmv"
    contribution = "contribution"


@app.command()
def sensitivity(
    path: Annotated[str, typer.Argument(help="A scenario file, or - for stdin.")],
    metric: Annotated[
        Metric,
        typer.Option("--metric", help="advantage (content − shelf), or content gmv/contribution."),
    ] = Metric.advantage,
    everything: Annotated[
        bool, typer.Option("--all", help="Also move inputs without a distribution by ±10%.")
    ] = False,
    periods: PeriodsOpt = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    sets: SetOpt = None,
    merchant: MerchantOpt = None,
    plot: PlotOpt = None,
    lang: LangOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Tornado: which uncertain input moves the result most (10th–90th percentile each)."""
    language = lang.value if lang else default_lang()

    def body() -> int:
        _check_output(output)
        _check_plot(plot, language)
        found = _one_scenario(path, sets, merchant, language)
        if found is None:
            return 1
        _, name, scenario = found
        if periods is not None and _unforecastable(name, scenario, language):
            return 1
        from gmvcli import uncertainty
        from gmvcli.render import uncertain

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
                _plot(
                    "tornado",
                    plot,
                    language,
                    rows=[(r["path"], r["metric_low"], r["metric_high"]) for r in first["rows"]],
                    base=float(base or 0.0),
                    title=first["id"],
                    metric_label=label("metric." + metric.value, language),
                )
        if fmt in (Format.json, Format.jsonl):
            text = _json_text(data, fmt, output)
        elif fmt == Format.csv:
            text = uncertain.sensitivity_csv(data)
        else:
            width, color = _terminal(output)
            text = uncertain.sensitivity_text(data, language, scenario.currency, width, color)
        _write(text, output, True, language, 0)
        return 0

    _guard(debug, language, body)


def _write_lines(lines: Any, output: str | None) -> None:
    """Stream lines to stdout, or through a temporary file renamed onto `output` when complete."""
    if output is None:
        try:
            for line in lines:
                sys.stdout.write(line)
            sys.stdout.flush()
        except BrokenPipeError:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return
    from gmvcli.output import write_atomic

    write_atomic(lines, output)


#: a sweep drawn as a table stops here; csv and jsonl stream any size
MAX_TABLE_ROWS = 500


@app.command()
def sweep(
    path: Annotated[str, typer.Argument(help="A scenario file, or - for stdin.")],
    vary: Annotated[
        list[str],
        typer.Option(
            "--vary",
            metavar="[ID:]PATH=START:STOP:STEP|PATH=v1,v2,...",
            help="A field and its values; repeat for a grid (at most 1,000,000 points).",
            autocompletion=_complete_set,
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
    language = lang.value if lang else default_lang()

    def body() -> int:
        from gmvcli import whatif

        try:
            varies = [whatif.parse_vary(v) for v in vary]
            whatif.check_grid(varies)
        except UsageError as exc:
            _usage(str(exc))
        _check_output(output)
        found = _one_scenario(path, sets, merchant, language)
        if found is None:
            return 1
        run, name, scenario = found
        try:
            rows = whatif.sweep_rows(scenario, varies, periods=periods)
        except UsageError as exc:
            _usage(str(exc))
        except whatif.WhatIfError as exc:
            run.report([exc.problem(name)])
            return 1
        headers = [v.name for v in varies]
        if fmt == Format.csv:
            _write_lines(whatif.render_sweep_csv(rows, headers, file=name), output)
        elif fmt == Format.jsonl:
            _write_lines(whatif.render_sweep_jsonl(rows), output)
        elif fmt == Format.json:
            _write(
                _json_text(whatif.sweep_json(name, rows), fmt, output), output, True, language, 0
            )
        else:
            from gmvcli.render.uncertain import sweep_table

            width, color = _terminal(output)
            text = sweep_table(
                scenario.name,
                rows,
                headers,
                language,
                scenario.currency,
                width,
                color,
                markdown=fmt == Format.markdown,
                limit=MAX_TABLE_ROWS,
            )
            _write(text, output, True, language, 0)
        return 0

    _guard(debug, language, body)


@app.command()
def solve(
    path: Annotated[str, typer.Argument(help="A scenario file, or - for stdin.")],
    for_: Annotated[
        str,
        typer.Option(
            "--for",
            metavar="[ID:]PATH",
            help="The input to solve for, e.g. content.aov or weiwei:shelf.uv.",
            autocompletion=_complete_set,
        ),
    ],
    target: Annotated[
        str,
        typer.Option(
            "--target", help="breakeven (content = shelf contribution), gmv=X or contribution=X."
        ),
    ] = "breakeven",
    merchant: Annotated[
        str | None,
        typer.Option(
            "--merchant",
            "-m",
            help="The merchant (default: the first it applies to).",
            autocompletion=_complete_merchant,
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
    language = lang.value if lang else default_lang()

    def body() -> int:
        from gmvcli import whatif

        try:
            goal = whatif.parse_target(target)
            whatif.parse_field(for_, "--for")
        except UsageError as exc:
            _usage(str(exc))
        _check_output(output)
        found = _one_scenario(path, sets, None, language)
        if found is None:
            return 1
        run, name, scenario = found
        try:
            index = whatif.pick_merchant(scenario, for_, goal, merchant, periods)
            solution = whatif.solve(scenario, index, for_, goal, periods)
        except UsageError as exc:
            _usage(str(exc))
        except whatif.WhatIfError as exc:
            run.report([exc.problem(name)])
            return 1
        merchant_id = scenario.merchants[index].id
        data = whatif.solve_json(name, merchant_id, goal, solution)
        if fmt in (Format.json, Format.jsonl):
            text = _json_text(data, fmt, output)
        else:
            from gmvcli.render.uncertain import solve_text

            text = solve_text(data, solution, language, scenario.currency)
        _write(text, output, True, language, 0)
        return 0

    _guard(debug, language, body)


def _unforecastable(file: str, scenario: Any, lang: str) -> bool:
    """Report (and say whether there are) merchants that --periods cannot forecast (SPEC §5)."""
    from gmvcli.forecast import NO_REACH, NO_REACH_HINT, cannot_forecast
    from gmvcli.i18n import problem_text

    bad = [i for i, m in enumerate(scenario.merchants) if cannot_forecast(m)]
    for i in bad:
        _err(
            problem_text(
                Problem(file, NO_REACH, path=f"merchants[{i}].content", hint=NO_REACH_HINT), lang
            )
        )
    return bool(bad)


class _NoProgress:
    def __enter__(self) -> Callable[[int], None]:
        return lambda n: None

    def __exit__(self, *exc: object) -> None:
        return None


def _progress(slow: bool, total: int, lang: str) -> Any:
    """A rich progress bar on stderr for long runs at a terminal; otherwise nothing."""
    if not (slow and sys.stderr.isatty()):
        return _NoProgress()
    from contextlib import contextmanager

    from rich.console import Console
    from rich.progress import Progress

    @contextmanager
    def bar() -> Any:
        with Progress(console=Console(stderr=True), transient=True) as progress:
            task = progress.add_task("simulate", total=total)
            yield lambda n: progress.advance(task, n)

    return bar()


def _check_plot(path: str | None, lang: str) -> None:
    """Refuse a bad --plot (extension, missing matplotlib) before any work is done."""
    if path is None:
        return
    try:
        from gmvcli import plot as charts

        charts.check(path, lang)
    except ImportError:
        _usage("charts need matplotlib: pip install 'gmvcli[plot]'")
    except charts.PlotUnavailable as exc:
        _usage(str(exc))
    except ValueError as exc:
        _usage(f"--plot {path}: {exc}")
    _check_output(path)


def _plot(kind: str, path: str, lang: str, **kwargs: Any) -> None:
    """Draw a chart with gmvcli.plot; a missing matplotlib or a bad extension is a usage error."""
    try:
        from gmvcli import plot as charts
    except ImportError:
        _usage("charts need matplotlib: pip install 'gmvcli[plot]'")
    try:
        getattr(charts, kind)(path=path, lang=lang, **kwargs)
    except charts.PlotUnavailable as exc:
        _usage(str(exc))
    except ValueError as exc:
        _usage(f"--plot {path}: {exc}")


class TestFormat(StrEnum):
    table = "table"
    json = "json"
    junit = "junit"


@app.command("test")
def test_command(
    paths: Annotated[
        list[str], typer.Argument(help="Test files (*.test.yaml) or directories of them.")
    ],
    fmt: Annotated[
        TestFormat, typer.Option("--format", "-f", help="table, json, or junit (XML for CI).")
    ] = TestFormat.table,
    output: OutputOpt = None,
    lang: LangOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Run scenario tests: pinned expectations of compare/forecast output (SPEC §9)."""
    language = lang.value if lang else default_lang()

    def body() -> int:
        from gmvcli.testing import run

        try:
            return run(paths, fmt.value, output, language)
        except UsageError as exc:
            _usage(str(exc))

    _guard(debug, language, body)


def main() -> None:
    """Console entry point: run the app, flush, and leave without interpreter teardown.

    Tearing down typer, pydantic and rich costs about 0.1 s of CPU on every run, a third of a
    start-up; nothing of ours needs it (files are closed and renamed before we get here), so
    after flushing stdout and stderr the process ends with os._exit.
    """
    code: int
    try:
        app(prog_name="gmvcli")
        code = 0
    except SystemExit as exc:
        if isinstance(exc.code, str):
            sys.stderr.write(exc.code + "\n")
            code = 1
        else:
            code = exc.code or 0
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # `gmvcli ... | head`: the reader left, which is not an error of ours
        code = code or 1
    os._exit(code)


assert set(LANGS) == {lang.value for lang in Lang}
