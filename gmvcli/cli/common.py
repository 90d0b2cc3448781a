"""What every command shares: the Typer app, its options, reading inputs, writing output and
exit codes. Thin on purpose: formulas live in the engine, words in i18n, formatting in render/;
rich and the table renderer are imported only when a table is printed."""

from __future__ import annotations

import contextlib
import functools
import inspect
import os
import sys
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import Annotated, Any

import typer

from gmvcli import __version__
from gmvcli.cli.formats import FORMATS, Format, emit
from gmvcli.cli.language import LocalisedBadParameter, LocalisedGroup, run_lang
from gmvcli.cli.safety import prepare_streams, stdout_failed
from gmvcli.i18n import LANGS
from gmvcli.messages import listing, msg

app = typer.Typer(
    name="gmvcli",
    cls=LocalisedGroup,
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
)


def _format(ctx: typer.Context, value: str) -> Format:
    """--format: one of the formats this command writes, else a usage error now."""
    command = ctx.info_name or ""
    formats = FORMATS[command]
    if value not in formats:
        problem = msg(
            "cli.format_unsupported",
            format=value,
            command=command,
            formats=listing(formats),
        )
        raise LocalisedBadParameter(problem.text(run_lang()))
    return Format(value)


def choice(options: type[StrEnum], command: str | None = None) -> Callable[[str], Any]:
    """A parser for an option with a fixed set of values, worded from the catalogue; `command`'s
    --format (one outside the registry: score) is refused as --format is, "X cannot write …"."""

    def parse(value: str) -> Any:
        if isinstance(value, options):
            return value
        try:
            return options(value)
        except ValueError:
            names = listing(o.value for o in options)
            problem = (
                msg("option.choice", value=value, choices=names)
                if command is None
                else msg("cli.format_unsupported", format=value, command=command, formats=names)
            )
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
PathArg = Annotated[str, typer.Argument()]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", parser=str, callback=_format)]
OutputOpt = Annotated[str | None, typer.Option("--output", "-o")]


def merchant_ids(ctx: typer.Context) -> list[str]:
    """Merchant ids in the files already on the command line (for shell completion).

    While completing `--merchant <TAB>` Click has not yet given the positional arguments to their
    parameters (the option's value is missing), so the files are also looked for in ctx.args."""
    from gmvcli.loader import load_bytes

    ids: list[str] = []
    paths: list[str] = []
    for name in ("paths", "path", "base", "variant"):
        value = ctx.params.get(name)
        if isinstance(value, str):
            paths.append(value)
        elif isinstance(value, list | tuple):
            paths += [v for v in value if isinstance(v, str)]
    paths += [a for a in ctx.args if isinstance(a, str) and not a.startswith("-")]
    for path in dict.fromkeys(paths):
        if not os.path.isfile(path):
            continue
        try:
            with open(path, "rb") as f:
                data = load_bytes(f.read(4 << 20), path).data
        except Exception:
            continue
        merchants = data.get("merchants") if isinstance(data, dict) else None
        for m in merchants if isinstance(merchants, list) else []:
            if isinstance(m, dict) and isinstance(m.get("id"), str) and m["id"] not in ids:
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


PlotOpt = Annotated[
    str | None,
    typer.Option("--plot", metavar="FILE.png|FILE.svg"),
]
PeriodsOpt = Annotated[
    int | None,
    typer.Option("--periods", "-n", parser=whole(1, 600)),
]

#: The options many commands share, by the name the command's layout gives them: (annotation,
#: default). --format's default is the command's first format in the output registry.
SHARED: dict[str, tuple[Any, Any]] = {
    "fmt": (FormatOpt, None),
    "output": (OutputOpt, None),
    "sets": (SetOpt, None),
    "merchant": (MerchantOpt, None),
    "plot": (PlotOpt, None),
    "lang": (LangOpt, None),
    "debug": (DebugOpt, False),
}


class Opts:
    """The shared options of one run of a command, as `command` hands them to it (a plain class:
    a dataclass would cost every start-up more than half a millisecond to build)."""

    def __init__(self, command: str, lang: Lang | None, given: dict[str, Any]) -> None:
        self.command = command
        self.lang = language_of(lang)  # --lang, else the run's (GMVCLI_LANG, LC_ALL, LANG)
        self.debug: bool = given.get("debug", False)
        self.fmt: Format = given.get("fmt", Format.table)
        self.output: str | None = given.get("output")
        self.sets: Sequence[str] = given.get("sets") or ()
        self.merchants: Sequence[str] = given.get("merchant") or ()
        self.plot: str | None = given.get("plot")

    @property
    def width(self) -> int:
        """The width of a table (`output.terminal`: $COLUMNS, the terminal's, or unbounded)."""
        return terminal(self.output)[0]

    @property
    def color(self) -> bool:
        return terminal(self.output)[1]

    def check(self, inputs: Sequence[str] = ()) -> None:
        """Refuse what cannot be written before any work: xlsx without -o, an -o that cannot be
        written or is one of `inputs`, a bad --plot (usage errors, exit 2; -o: exit 1)."""
        check_xlsx(self.fmt, self.output, self.lang)
        check_output(self.output, inputs, self.lang)
        check_plot(self.plot, self.lang)


def command(*layout: str, name: str | None = None) -> Callable[[Callable[..., int]], Any]:
    """Register a command that takes the shared options named in `layout` (sqlite-utils'
    `output_options`, for Typer): they are added to its signature, and it gets them as one `o: Opts`.

    `layout` is the order its help lists them; a name that is not shared is one of the command's
    own options, placed there. Its own parameters not named come first, --lang and --debug last
    (unless named). The command returns its exit code; errors are ended by `guard`."""
    return lambda fn: app.command(name)(_Command(fn, layout, name or fn.__name__))


class _Command:
    """A command as Typer reads it: the signature of `fn` without `o`, with the shared options of
    its layout. Worked out when Typer asks (`__signature__`, `__annotations__`), which it does
    only for the command that runs: evaluating every command's annotations at import would cost
    every start-up about a millisecond."""

    def __init__(self, fn: Callable[..., int], layout: tuple[str, ...], name: str) -> None:
        self.fn, self.layout, self.name = fn, layout, name
        self.__name__, self.__qualname__, self.__doc__ = fn.__name__, fn.__qualname__, fn.__doc__
        self.__module__ = fn.__module__

    @functools.cached_property
    def __signature__(self) -> inspect.Signature:
        own = dict(inspect.signature(self.fn, eval_str=True).parameters)
        del own["o"]
        tail = [n for n in ("lang", "debug") if n not in self.layout]
        params = []
        for n in [n for n in own if n not in self.layout] + [*self.layout, *tail]:
            if n in own:
                params.append(own[n].replace(kind=KEYWORD_ONLY))
                continue
            annotation, default = SHARED[n]
            if n == "fmt":
                default = FORMATS[self.name][0]
            params.append(
                inspect.Parameter(n, KEYWORD_ONLY, annotation=annotation, default=default)
            )
        return inspect.Signature(params)

    @property
    def __annotations__(self) -> dict[str, Any]:  # type: ignore[override]
        return {p.name: p.annotation for p in self.__signature__.parameters.values()}

    def __call__(self, **kwargs: Any) -> None:
        own = inspect.signature(self.fn).parameters
        given = {n: kwargs.pop(n) for n in list(kwargs) if n not in own}
        o = Opts(self.name, given["lang"], given)
        guard(o.debug, o.lang, lambda: self.fn(o=o, **kwargs))


KEYWORD_ONLY = inspect.Parameter.KEYWORD_ONLY


from gmvcli.cli.exits import MAX_SHOWN_PROBLEMS, err, guard, usage  # noqa: E402
from gmvcli.cli.output import (  # noqa: E402
    check_output,
    check_plot,
    check_xlsx,
    draw_chart,
    json_text,
    progress,
    terminal,
    write,
)
from gmvcli.cli.run import Run, one_scenario, parse_percentiles, prepare, single_input  # noqa: E402

__all__ = [  # what the commands take from here besides what is defined here
    "FORMATS",
    "MAX_SHOWN_PROBLEMS",
    "Format",
    "Run",
    "check_output",
    "check_plot",
    "check_xlsx",
    "draw_chart",
    "emit",
    "err",
    "guard",
    "json_text",
    "one_scenario",
    "parse_percentiles",
    "prepare",
    "progress",
    "single_input",
    "terminal",
    "usage",
    "write",
]


def main() -> None:
    """Console entry point: run the app, flush, and leave without interpreter teardown.

    Tearing down typer, pydantic and rich costs about 0.1 s of CPU on every run, a third of a
    start-up; nothing of ours needs it (files are closed and renamed before we get here), so
    after flushing stdout and stderr the process ends with os._exit.
    """
    code: int
    prepare_streams()  # closed descriptors, terminals that cannot encode (SPEC §7)
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
    except BrokenPipeError:  # `gmvcli ... | head`: the reader left, which is not an error of ours
        pass
    except (OSError, ValueError) as exc:  # a closed stdout or a full disk at the last moment
        if isinstance(exc, OSError):
            with contextlib.suppress(typer.Exit):
                stdout_failed(exc, run_lang())
        code = code or 1
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    os._exit(code)


assert set(LANGS) == {lang.value for lang in Lang}
