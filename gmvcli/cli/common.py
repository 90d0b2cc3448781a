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
from gmvcli.cli.language import LocalisedBadParameter, LocalisedGroup, run_lang
from gmvcli.errors import Problem, ScenarioError, UsageError, safe_text
from gmvcli.i18n import LANGS, message
from gmvcli.messages import Msg, msg

app = typer.Typer(
    name="gmvcli",
    cls=LocalisedGroup,
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
    text = "text"
    junit = "junit"


#: The output registry: what each command can really write (SPEC §7). Any other --format is a
#: usage error (exit 2) while the command line is parsed, before any work; the first is the default.
FORMATS: dict[str, tuple[Format, ...]] = {
    "compare": (Format.table, Format.json, Format.jsonl, Format.csv, Format.markdown),
    "forecast": (Format.table, Format.json, Format.jsonl, Format.csv, Format.markdown),
    "validate": (Format.text, Format.json),
    "explain": (Format.table, Format.json, Format.jsonl, Format.csv, Format.markdown),
    "policies": (Format.table, Format.json, Format.jsonl, Format.csv, Format.markdown),
    "simulate": (Format.table, Format.json, Format.jsonl, Format.csv),
    "sensitivity": (Format.table, Format.json, Format.jsonl, Format.csv),
    "sweep": (Format.table, Format.json, Format.jsonl, Format.csv, Format.markdown),
    "solve": (Format.table, Format.json, Format.jsonl),
    "diff": (Format.table, Format.json, Format.jsonl, Format.csv, Format.markdown),
    "test": (Format.table, Format.json, Format.junit),
}


def _format(ctx: typer.Context, value: str) -> Format:
    """--format: one of the formats this command writes, else a usage error now."""
    command = ctx.info_name or ""
    formats = FORMATS[command]
    if value not in formats:
        problem = msg(
            "cli.format_unsupported",
            format=value,
            command=command,
            formats=", ".join(formats),
        )
        raise LocalisedBadParameter(problem.text(run_lang()))
    return Format(value)


def choice(options: type[StrEnum]) -> Callable[[str], Any]:
    """A parser for an option with a fixed set of values, worded from the catalogue."""

    def parse(value: str) -> Any:
        if isinstance(value, options):
            return value
        try:
            return options(value)
        except ValueError:
            names = ", ".join(o.value for o in options)
            problem = msg("option.choice", value=value, choices=names)
            raise LocalisedBadParameter(problem.text(run_lang())) from None

    return parse


def whole(low: int, high: int) -> Callable[[str], int]:
    """A parser for a whole-number option in [low, high], worded from the catalogue."""

    def parse(value: str) -> int:
        try:
            number = int(str(value).strip())
        except ValueError:
            number = low - 1
        if not low <= number <= high:
            problem = msg("option.whole", value=value, low=low, high=f"{high:,}")
            raise LocalisedBadParameter(problem.text(run_lang()))
        return number

    return parse


class Lang(StrEnum):
    en = "en"
    zh = "zh"


def language_of(lang: Lang | None) -> str:
    """--lang as given, else the run's (GMVCLI_LANG, LC_ALL, LANG)."""
    return lang.value if lang else run_lang()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"gmvcli {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True)] = False,
    lang: Annotated[Lang | None, typer.Option("--lang", parser=choice(Lang))] = None,
) -> None:
    """The root of the command tree; its help comes from the catalogue (help.app)."""


Paths = Annotated[list[str], typer.Argument(metavar="FILE...")]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", callback=_format)]
OutputOpt = Annotated[str | None, typer.Option("--output", "-o")]


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
        autocompletion=complete_set,
    ),
]
MerchantOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--merchant",
        "-m",
        autocompletion=complete_merchant,
    ),
]
LangOpt = Annotated[Lang | None, typer.Option("--lang", parser=choice(Lang))]
DebugOpt = Annotated[bool, typer.Option("--debug")]


#: A file with thousands of problems is reported by its first few; the rest are counted.
MAX_SHOWN_PROBLEMS = 50


def err(text: str) -> None:
    sys.stderr.write(text + "\n")


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
    typer.Option("--plot", metavar="FILE.png|FILE.svg"),
]
PeriodsOpt = Annotated[
    int | None,
    typer.Option("--periods", "-n", parser=whole(1, 600)),
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
