"""What every command shares: the Typer app, its options, reading inputs, writing output and
exit codes. Thin on purpose: formulas live in the engine, words in i18n, formatting in render/;
rich and the table renderer are imported only when a table is printed."""

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
from gmvcli.i18n import LANGS, default_lang, message
from gmvcli.messages import Msg, msg

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


def language_of(lang: Lang | None) -> str:
    """--lang as given, else from LC_ALL / LANG."""
    return lang.value if lang else default_lang()


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


def merchant_ids(ctx: typer.Context) -> list[str]:
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


def complete_merchant(ctx: typer.Context, incomplete: str) -> list[str]:
    return [i for i in merchant_ids(ctx) if i.startswith(incomplete)]


def complete_set(ctx: typer.Context, incomplete: str) -> list[str]:
    from gmvcli.inputs import field_paths

    prefix, colon, rest = incomplete.rpartition(":")
    head = prefix + colon
    options = [f"{head}{p}=" for p in field_paths() if p.startswith(rest)]
    if not colon:
        options += [f"{i}:" for i in merchant_ids(ctx) if i.startswith(incomplete)]
    return options


SetOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--set",
        "-s",
        metavar="[ID:]PATH=VALUE",
        help="Override a field for this run, e.g. content.aov=99 or weiwei:shelf.uv=30万.",
        autocompletion=complete_set,
    ),
]
MerchantOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--merchant",
        "-m",
        help="Only this merchant id (repeatable).",
        autocompletion=complete_merchant,
    ),
]
LangOpt = Annotated[
    Lang | None, typer.Option("--lang", help="Language of tables and messages (default: LANG).")
]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show a traceback on internal errors.")]


#: A file with thousands of problems is reported by its first few; the rest are counted.
MAX_SHOWN_PROBLEMS = 50


def err(text: str) -> None:
    sys.stderr.write(text + "\n")


#: the language of this run: set once from --lang / GMVCLI_LANG / LC_ALL / LANG (see language.py)
RUN_LANG: list[str] = []


def run_lang() -> str:
    return RUN_LANG[-1] if RUN_LANG else default_lang()


def usage(problem: Msg | UsageError) -> NoReturn:
    """A command line that cannot run: one line on stderr, exit 2."""
    lang = run_lang()
    worded = problem.text(lang)
    err(message("cli.error", lang, text=safe_text(worded)))
    raise typer.Exit(2)


class Run:
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
            usage(exc)
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
                problem = source.problem or Problem(source.name, msg("cli.cannot_read"))
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
        for p in problems[:MAX_SHOWN_PROBLEMS]:
            err(p.text(self.lang))
        if len(problems) > MAX_SHOWN_PROBLEMS:
            more = len(problems) - MAX_SHOWN_PROBLEMS
            file = safe_text(problems[0].file)
            err(message("cli.more_problems", self.lang, file=file, count=f"{more:,}"))

    def warn(self, file: str, merchant_id: str, notices: Sequence[Any]) -> None:
        if not notices:
            return
        from gmvcli.render.words import notice_text

        for n in notices:
            err(f"{safe_text(file)}: {merchant_id}: {notice_text(n, self.lang)}")

    def finish_checks(self) -> None:
        unused = [o.arg for o in self.overrides if o.merchant and o.arg not in self.used_sets]
        if unused:
            usage(msg("set.unused", arg=unused[0]))
        missing = sorted(self.merchants - self.matched_merchants)
        if missing:
            text = message("cli.no_merchant", self.lang, id=safe_text(missing[0]))
            err(message("cli.error", self.lang, text=text))
            self.failed += 1


def single_input(paths: Sequence[str]) -> bool:
    return paths == ["-"] or (len(paths) == 1 and not os.path.isdir(paths[0]))


def write(text: str, output: str | None, ok: bool, lang: str, failed: int) -> None:
    if output is None:
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:
            # the reader (`| head`) has gone: stop quietly, and keep Python from complaining
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return
    if not ok:
        err(message("cli.not_written", lang, file=safe_text(output), count=failed))
        return
    from gmvcli.output import write_atomic

    write_atomic([text], output)


def check_output(output: str | None) -> None:
    if output is None:
        return
    from gmvcli.output import output_problem

    trouble = output_problem(output)
    if trouble is not None:
        err(trouble.text(run_lang()))
        raise typer.Exit(1)


def terminal(output: str | None) -> tuple[int, bool]:
    """Width and colour for tables: the terminal's when stdout is one, else 80 (or $COLUMNS)."""
    tty = output is None and sys.stdout.isatty()
    width = shutil.get_terminal_size((80, 24)).columns  # $COLUMNS first, then the terminal
    color = tty and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"
    return max(width, 40), color


def dump(obj: Any, pretty: bool) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2 if pretty else None, allow_nan=False)


def json_text(obj: Any, fmt: Format, output: str | None) -> str:
    """One JSON document: indented for a person at a terminal (json), else compact, as `gh` does."""
    pretty = fmt == Format.json and output is None and sys.stdout.isatty()
    return dump(obj, pretty) + "\n"


def guard(debug: bool, lang: str, body: Callable[[], int]) -> None:
    try:
        code = body()
    except typer.Exit:
        raise
    except KeyboardInterrupt:
        err(message("cli.interrupted", lang))
        raise typer.Exit(130) from None
    except Exception as exc:
        if debug:
            raise
        err(message("cli.bug", lang, error=f"{type(exc).__name__}: {exc}"))
        raise typer.Exit(1) from None
    raise typer.Exit(code)


def one_scenario(
    path: str, sets: Sequence[str] | None, merchants: Sequence[str] | None, lang: str
) -> tuple[Run, str, Any] | None:
    """The scenario of a command that reads one FILE (or -), with --set and --merchant applied;
    None (its problems reported) when it is invalid."""
    run = Run(sets or [], merchants or [], lang)
    found = None
    for name, scenario, doc_or_problems in run.documents([path]):
        if scenario is None:
            run.report(doc_or_problems)
        else:
            found = (run, name, scenario)
    run.finish_checks()
    return None if run.failed else found


def parse_percentiles(text: str) -> list[tuple[str, float]]:
    out = []
    for part in text.split(","):
        part = part.strip()
        try:
            value = float(part)
        except ValueError:
            usage(msg("percentiles.not_number", text=text, part=part))
        if not 0 <= value <= 100:
            usage(msg("percentiles.range", text=text, part=part))
        out.append((f"p{part}", value))
    if not out:
        usage(msg("percentiles.empty"))
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


def write_lines(lines: Any, output: str | None) -> None:
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


def unforecastable(file: str, scenario: Any, lang: str) -> bool:
    """Report (and say whether there are) merchants that --periods cannot forecast (SPEC §5)."""
    from gmvcli.forecast import NO_REACH, NO_REACH_HINT, cannot_forecast

    bad = [i for i, m in enumerate(scenario.merchants) if cannot_forecast(m)]
    for i in bad:
        problem = Problem(file, NO_REACH, path=f"merchants[{i}].content", hint=NO_REACH_HINT)
        err(problem.text(lang))
    return bool(bad)


class _NoProgress:
    def __enter__(self) -> Callable[[int], None]:
        return lambda n: None

    def __exit__(self, *exc: object) -> None:
        return None


def progress(slow: bool, total: int, lang: str) -> Any:
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


def check_plot(path: str | None, lang: str) -> None:
    """Refuse a bad --plot (extension, missing matplotlib) before any work is done."""
    if path is None:
        return
    try:
        from gmvcli import plot as charts

        charts.check(path, lang)
    except ImportError:
        usage(msg("plot.unavailable"))
    except charts.PlotUnavailable as exc:
        usage(exc.problem)
    except charts.PlotError as exc:
        usage(msg("plot.option", path=path, problem=exc.problem))
    check_output(path)


def draw_chart(kind: str, path: str, lang: str, **kwargs: Any) -> None:
    """Draw a chart with gmvcli.plot; a missing matplotlib or a bad extension is a usage error."""
    try:
        from gmvcli import plot as charts
    except ImportError:
        usage(msg("plot.unavailable"))
    try:
        getattr(charts, kind)(path=path, lang=lang, **kwargs)
    except charts.PlotUnavailable as exc:
        usage(exc.problem)
    except charts.PlotError as exc:
        usage(msg("plot.option", path=path, problem=exc.problem))


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
