"""How a command ends: errors and warnings on stderr, usage errors (exit 2), internal errors
(exit 1, "a bug"), in the run's language."""

from __future__ import annotations

from collections.abc import Callable
from typing import NoReturn

import typer

from gmvcli.cli.language import run_lang
from gmvcli.errors import UsageError, safe_text
from gmvcli.i18n import message
from gmvcli.messages import Msg
from gmvcli.output import OutputError

#: A file with thousands of problems is reported by its first few; the rest are counted.
MAX_SHOWN_PROBLEMS = 50


def err(text: str) -> None:
    """One line on stderr; a closed or broken stderr loses the line, never the run."""
    from gmvcli.cli.safety import err_write

    err_write(text)


def usage(problem: Msg | UsageError) -> NoReturn:
    """A command line that cannot run: one line on stderr, exit 2."""
    lang = run_lang()
    worded = problem.text(lang)
    err(message("cli.error", lang, text=safe_text(worded)))
    raise typer.Exit(2)


def guard(debug: bool, lang: str, body: Callable[[], int]) -> None:
    """Run a command's body and end the run: its exit code, or the error it raised worded (a
    UsageError: exit 2; an -o that cannot be written: 1; anything else is a bug: 1)."""
    try:
        code = body()
    except typer.Exit:
        raise
    except UsageError as exc:
        usage(exc)
    except KeyboardInterrupt:
        err(message("cli.interrupted", lang))
        raise typer.Exit(130) from None
    except OutputError as exc:  # an -o target that cannot be written is the user's to fix
        err(exc.text(lang))
        raise typer.Exit(1) from None
    except Exception as exc:
        if debug:
            raise
        err(message("cli.bug", lang, error=f"{type(exc).__name__}: {exc}"))
        raise typer.Exit(1) from None
    raise typer.Exit(code)
