"""Standard streams that never turn a user's setup into a traceback (SPEC §7).

- a terminal that cannot encode a character (ASCII, Latin-1, GBK, `LC_ALL=C PYTHONUTF8=0`): text gets a
  replacement character and JSON `\\u` escapes;
- a closed stdout (`>&-`) or a full disk (`> /dev/full`): one line on stderr, exit 1;
- a reader that goes away (`| head -1`): a quiet exit 0;
- a closed or broken stderr: warnings are dropped, stdout is still written;
- a closed stdin (`<&-`): reading `-` is a located problem of that input.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
from collections.abc import Iterable
from typing import Any

import typer


class _Closed(io.TextIOBase):
    """Stands for a standard stream that was closed when gmvcli started."""

    def __init__(self, name: str, loud: bool) -> None:
        self._name = name
        self._loud = loud  # stdout: writing is an error; stderr: dropped

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "utf-8"

    def isatty(self) -> bool:
        return False

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if self._loud and text:
            raise OSError(errno.EBADF, f"{self._name} is closed")
        return len(text)

    def fileno(self) -> int:
        raise io.UnsupportedOperation("closed stream")


def _unicode(stream: Any) -> bool:
    from gmvcli.textsafe import unicode_stream

    return unicode_stream(stream)


def prepare_streams() -> None:
    """Make the standard streams safe before anything is printed (called first by main)."""
    for fd, name in ((0, "stdin"), (1, "stdout"), (2, "stderr")):
        try:
            os.fstat(fd)
        except OSError:
            # closed: hold the descriptor with /dev/null so no file we open later becomes it
            with contextlib.suppress(OSError):
                null = os.open(os.devnull, os.O_RDWR)
                if null != fd:
                    os.dup2(null, fd)
                    os.close(null)
            if name == "stdin":
                sys.stdin = None
            else:
                setattr(sys, name, _Closed(name, loud=name == "stdout"))
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and not _unicode(stream):
            with contextlib.suppress(Exception):
                stream.reconfigure(errors="replace")


def ascii_json(output: str | None = None) -> bool:
    """Whether JSON for stdout must escape non-ASCII (stdout cannot encode every character)."""
    return output is None and not _unicode(sys.stdout)


def _message(code: str, lang: str, **params: object) -> str:
    from gmvcli.messages import text

    return text(code, lang, **params)


def err_write(text: str) -> None:
    """One line on stderr; a closed or broken stderr loses the line, never the run."""
    try:
        sys.stderr.write(text + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass


def reader_gone() -> None:
    """The reader of stdout left (`| head`): send the rest to /dev/null so exit is quiet."""
    with contextlib.suppress(OSError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)


def stdout_failed(exc: OSError, lang: str) -> None:
    """A write to stdout failed for a reason that is the user's setup: one line, exit 1."""
    if exc.errno == errno.EBADF:
        err_write(_message("stdout.closed", lang))
    elif exc.errno in (errno.ENOSPC, errno.EDQUOT):
        err_write(_message("stdout.full", lang))
    else:
        from gmvcli.messages import os_reason

        err_write(_message("stdout.failed", lang, reason=os_reason(exc)))
    # the buffered text cannot be written either: drop it so the exit does not try again
    with contextlib.suppress(OSError, ValueError, AttributeError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    raise typer.Exit(1)


def stdout_write(chunks: Iterable[str], lang: str = "en") -> None:
    """Write text to stdout: quiet on a broken pipe, one clear line on a closed stdout or full disk."""
    try:
        for chunk in chunks:
            sys.stdout.write(chunk)
        sys.stdout.flush()
    except BrokenPipeError:
        reader_gone()
    except OSError as exc:
        stdout_failed(exc, lang)
