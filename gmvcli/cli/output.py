"""Writing what a command made: stdout or `-o FILE`, tables at the terminal's width, JSON indented
for a person and compact for a program, progress bars and charts."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import typer

from gmvcli.cli.exits import err, usage
from gmvcli.cli.language import run_lang
from gmvcli.errors import safe_text
from gmvcli.i18n import message
from gmvcli.messages import msg


def write(text: str | Iterable[str], output: str | None, ok: bool, lang: str, failed: int) -> None:
    """Write the output (one text, or its pieces as they are made) to stdout or `output`."""
    chunks = [text] if isinstance(text, str) else text
    if output is None:
        from gmvcli.cli.safety import stdout_write

        stdout_write(chunks, lang)
        return
    if not ok:
        err(message("cli.not_written", lang, file=safe_text(output), count=failed))
        return
    from gmvcli.output import write_atomic

    write_atomic(chunks, output, lang)


def check_xlsx(fmt: str, output: str | None, lang: str) -> None:
    """`--format xlsx` needs -o and XlsxWriter: usage errors, before any work (SPEC §7). (Commands
    that cannot write a workbook refuse xlsx in the output registry, FORMATS.)"""
    if fmt != "xlsx":
        return
    from importlib.util import find_spec

    if output is None:
        usage(msg("cli.xlsx_needs_output"))
    if find_spec("xlsxwriter") is None:
        usage(msg("xlsx.unavailable"))


def write_xlsx(sheets: Any, currency: str, output: str, lang: str, ok: bool, failed: int) -> None:
    """Write a workbook to `output` atomically (not at all when an input failed, like write)."""
    if not ok:
        err(message("cli.not_written", lang, file=safe_text(output), count=failed))
        return
    from gmvcli.output import write_atomic_bytes
    from gmvcli.render.xlsx import MAX_ROWS, TooManyRows, workbook

    try:
        write_atomic_bytes(workbook(sheets, currency), output)
    except TooManyRows as exc:
        too_many = msg("xlsx.too_many_rows", rows=f"{exc.rows:,}+", most=f"{MAX_ROWS:,}")
        err(message("cli.error", lang, text=too_many.text(lang)))
        raise typer.Exit(1) from None


def check_output(output: str | None, inputs: Sequence[str] = (), lang: str | None = None) -> None:
    """Refuse an -o target that cannot be written, or that is one of the run's `inputs` (exit 1),
    before any work (SPEC §7)."""
    if output is None:
        return
    from gmvcli.output import output_problem

    trouble = output_problem(output, inputs)
    if trouble is not None:
        err(safe_text(trouble.text(lang or run_lang())))
        raise typer.Exit(1)


#: the width of a table written to a pipe or a file: as wide as its content needs (SPEC §7)
PIPED_WIDTH = 1000


def terminal(output: str | None) -> tuple[int, bool]:
    """Width and colour for tables: $COLUMNS, else the terminal's when stdout is one, else as wide
    as the content needs (piped or -o: never cut or wrapped at an arbitrary 80)."""
    tty = output is None and sys.stdout.isatty()
    if os.environ.get("COLUMNS", "").strip().isdigit():
        width = int(os.environ["COLUMNS"])
    elif tty:
        width = shutil.get_terminal_size((80, 24)).columns
    else:
        width = PIPED_WIDTH
    color = tty and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"
    return max(width, 40), color


def dump(obj: Any, pretty: bool) -> str:
    """JSON for output: no NaN, no terminal control characters, \\u escapes when stdout cannot
    encode every character (SPEC §7)."""
    from gmvcli.cli.safety import ascii_json
    from gmvcli.textsafe import json_dumps

    return json_dumps(obj, ascii=ascii_json(), indent=2 if pretty else None)


def json_chunks(obj: Any, levels: int) -> Iterator[str]:
    """`dump(obj, False)` in pieces made as they are written (`textsafe.json_chunks`)."""
    from gmvcli.cli.safety import ascii_json
    from gmvcli.textsafe import json_chunks as chunks

    return chunks(obj, levels, ascii=ascii_json())


def pretty_json(fmt: str, output: str | None) -> bool:
    """Indented for a person at a terminal (json), else compact, as `gh` does."""
    return fmt == "json" and output is None and sys.stdout.isatty()


def json_text(obj: Any, fmt: str, output: str | None) -> str:
    """One JSON document: indented for a person at a terminal (json), else compact, as `gh` does."""
    return dump(obj, pretty_json(fmt, output)) + "\n"


def json_documents(objs: Iterator[Any], fmt: str, output: str | None, one: bool) -> Iterator[str]:
    """compare's and forecast's json and jsonl, the one implementation (SPEC §7): one object per
    input (an invalid input as its error object), one a line (jsonl), the only one as a document
    (`one`: a single input), else a list of them; nothing at all when there is none. The objects
    are made as they are written (their merchants may be an iterator), so whatever an object's
    maker does after yielding it (reporting its errors) happens once it is written."""
    from itertools import chain

    from gmvcli.cli.safety import ascii_json
    from gmvcli.textsafe import json_chunks

    first = next(objs, None)
    if first is None:
        return
    objs = chain((first,), objs)
    ascii, indent = ascii_json(), 2 if pretty_json(fmt, output) else None
    if fmt == "jsonl" or one:
        for obj in objs:
            yield from json_chunks(obj, 2, ascii=ascii, indent=indent)
            yield "\n"
    else:
        yield from json_chunks(objs, 3, ascii=ascii, indent=indent)
        yield "\n"


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
