"""Writing what a command made: stdout or `-o FILE`, tables at the terminal's width, JSON indented
for a person and compact for a program, progress bars and charts."""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Callable
from typing import Any

import typer

from gmvcli.cli.exits import err, usage
from gmvcli.cli.language import run_lang
from gmvcli.errors import safe_text
from gmvcli.i18n import message
from gmvcli.messages import msg


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


def json_text(obj: Any, fmt: str, output: str | None) -> str:
    """One JSON document: indented for a person at a terminal (json), else compact, as `gh` does."""
    pretty = fmt == "json" and output is None and sys.stdout.isatty()
    return dump(obj, pretty) + "\n"


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
