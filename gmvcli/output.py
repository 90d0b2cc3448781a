"""Writing results to `-o FILE` the way a shell redirection looks to the user, but safely (SPEC §7).

- a regular file (or a new one) is written to a temporary file beside it and renamed into place, so a
  failure, Ctrl-C, SIGTERM or SIGHUP never leaves a partial file or a temporary file behind; an existing
  file keeps its permission bits, a new one gets 0666 minus the umask;
- a symlink is followed: its target is replaced, the link stays;
- a device, FIFO or `/dev/stdout` is opened and written directly, never replaced;
- a run never writes over one of its own inputs;
- every user mistake (empty name, missing or read-only directory, a directory, a name too long, a full
  disk) is an `OutputError` with a clear message, never an internal error.

This is the one writer: every `-o`, chart and report file goes through `write_atomic`/`open_output`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Any

from gmvcli.messages import Msg, msg, os_reason

_STD_STREAMS = {"/dev/stdout": 1, "/dev/stderr": 2, "/proc/self/fd/1": 1, "/proc/self/fd/2": 2}


class OutputError(Exception):
    """An `-o` target that cannot be written: a user error (exit 1), as a catalogue message."""

    def __init__(self, code: str, file: str, **params: object) -> None:
        from gmvcli.errors import shown

        self.message = msg(code, file=shown(file), **params)
        super().__init__(str(self.message))
        self.code = code
        self.file = file

    def text(self, lang: str = "en") -> str:
        from gmvcli.errors import safe_text

        return safe_text(self.message.text(lang))

    def __str__(self) -> str:
        return self.text("en")


def _os_error(exc: OSError, output: str) -> OutputError:
    """An OSError met while writing `output`, as the user's problem it is."""
    directory = os.path.dirname(os.path.abspath(output)) or "/"
    if exc.errno == errno.ENAMETOOLONG:
        return OutputError("output.too_long", output)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return OutputError("output.full", output)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return OutputError("output.read_only", output, dir=directory)
    if exc.errno == errno.ENOENT:
        return OutputError("output.no_dir", output, dir=directory)
    if exc.errno == errno.ENOTDIR:
        return OutputError("output.not_dir", output, dir=directory)
    if exc.errno == errno.EISDIR:
        return OutputError("output.is_dir", output)
    return OutputError("output.cannot_write", output, reason=os_reason(exc))


def _std_fd(output: str) -> int | None:
    """The descriptor that `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` stand for, or None."""
    if output in _STD_STREAMS:
        return _STD_STREAMS[output]
    for prefix in ("/dev/fd/", "/proc/self/fd/"):
        if output.startswith(prefix) and output[len(prefix) :].isdigit():
            return int(output[len(prefix) :])
    return None


def _special(output: str) -> bool:
    """Whether `output` (followed through links) exists and is not a regular file."""
    try:
        st = os.stat(output)
    except OSError:
        return False
    return not stat.S_ISREG(st.st_mode) and not stat.S_ISDIR(st.st_mode)


def check(output: str, inputs: Sequence[str] = ()) -> None:
    """Raise OutputError when `output` cannot be written (called before any work is done)."""
    if output == "":
        raise OutputError("output.empty", output)
    if _std_fd(output) is not None:
        return
    if output.endswith(os.sep) or os.path.isdir(output):
        raise OutputError("output.is_dir", output)
    try:
        st: os.stat_result | None = os.stat(output)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise _os_error(exc, output) from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        return  # a device or FIFO: opened and written directly, as a shell would
    if own_input(output, inputs):
        raise OutputError("output.own_input", output)
    target = os.path.realpath(output)
    directory = os.path.dirname(target) or "/"
    if not os.path.exists(directory):
        raise OutputError("output.no_dir", output, dir=os.path.dirname(os.path.abspath(output)))
    if not os.path.isdir(directory):
        raise OutputError("output.not_dir", output, dir=directory)
    if not os.access(directory, os.W_OK | os.X_OK):
        raise OutputError("output.read_only", output, dir=directory)
    try:
        name_max = os.pathconf(directory, "PC_NAME_MAX")
    except (OSError, ValueError):
        name_max = 255
    if len(os.path.basename(target).encode(errors="surrogateescape")) > name_max:
        raise OutputError("output.too_long", output)


def output_problem(output: str, inputs: Sequence[str] = ()) -> Msg | None:
    """Why `output` cannot be written, or is one of the run's `inputs` (checked before any work),
    or None."""
    try:
        check(output, inputs)
    except OutputError as exc:
        return exc.message
    return None


def _input_files(inputs: Sequence[str]) -> Iterator[os.stat_result]:
    for path in inputs:
        try:
            if path == "-":
                yield os.fstat(0)
                continue
            st = os.stat(path)
        except (OSError, ValueError):
            continue
        yield st
        if stat.S_ISDIR(st.st_mode):
            with contextlib.suppress(OSError):
                for entry in os.scandir(path):
                    with contextlib.suppress(OSError):
                        yield entry.stat()


def own_input(output: str, inputs: Sequence[str]) -> bool:
    """Whether `output` is (a link to) one of the run's input files, or a file in an input directory."""
    try:
        target = os.stat(output)
    except OSError:
        return False
    if not stat.S_ISREG(target.st_mode):
        return False
    return any(
        st.st_ino == target.st_ino and st.st_dev == target.st_dev for st in _input_files(inputs)
    )


class _Interrupted(BaseException):
    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def _signals_interrupt() -> Iterator[None]:
    """While a temporary file exists, SIGTERM and SIGHUP unwind (so it is removed) instead of
    killing the process on the spot; SIGINT already unwinds as KeyboardInterrupt."""

    def handler(signum: int, frame: object) -> None:
        raise _Interrupted(signum)

    previous: dict[int, Any] = {}
    try:
        for sig in (signal.SIGTERM, signal.SIGHUP):
            previous[sig] = signal.signal(sig, handler)
    except ValueError:  # not the main thread: signals cannot be caught here
        pass
    try:
        yield
    finally:
        for number, old in previous.items():
            signal.signal(number, old)


_WRITE_SIGNALS = {signal.SIGTERM, signal.SIGHUP, signal.SIGINT}


def _block_signals() -> Any:
    try:
        return signal.pthread_sigmask(signal.SIG_BLOCK, _WRITE_SIGNALS)
    except (AttributeError, OSError, ValueError):  # pragma: no cover - no POSIX signal masks
        return None


def _unblock_signals(previous: Any) -> None:
    if previous is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextlib.contextmanager
def open_output(output: str | os.PathLike[str], lang: str = "en") -> Iterator[IO[bytes]]:
    """A binary file object for `output` with the semantics of this module's docstring."""
    output = os.fspath(output)
    check(output)
    fd_number = _std_fd(output)
    if fd_number is None and not _special(output):
        yield from _atomic(output, lang)
        return
    if fd_number is not None:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
    try:
        f = _in_place(output, fd_number)
    except OSError as exc:
        raise _os_error(exc, output) from None
    try:
        with f:
            yield f
    except OSError as exc:
        raise _os_error(exc, output) from None


def _in_place(output: str, fd_number: int | None) -> IO[bytes]:
    """A standard stream (a duplicate of its descriptor) or a special file, opened to write."""
    if fd_number is not None:
        return os.fdopen(os.dup(fd_number), "wb")
    return open(output, "wb")  # the caller closes it


def _atomic(output: str, lang: str) -> Iterator[IO[bytes]]:
    import tempfile

    target = os.path.realpath(output)  # a symlink is followed: its target is replaced
    directory = os.path.dirname(target) or "/"
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        mode = _new_file_mode()
    with _signals_interrupt():
        # no signal between the temporary file's creation and our knowing its name: one that
        # arrived there would leave it behind; a blocked signal is delivered just below
        blocked = _block_signals()
        try:
            fd, tmp = tempfile.mkstemp(prefix=".gmvcli-", suffix=".tmp", dir=directory)
        except OSError as exc:
            _unblock_signals(blocked)
            raise _os_error(exc, output) from None
        try:
            _unblock_signals(blocked)
            with os.fdopen(fd, "wb") as f:
                yield f
                f.flush()
                os.fchmod(f.fileno(), mode)
            os.replace(tmp, target)
        except _Interrupted as exc:
            _remove(tmp)
            _say(msg("output.interrupted", file=output), lang)
            raise SystemExit(128 + exc.signum) from None
        except OSError as exc:
            _remove(tmp)
            raise _os_error(exc, output) from None
        except BaseException:
            _remove(tmp)
            raise


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _say(message: Msg, lang: str) -> None:
    from gmvcli.errors import safe_text

    with contextlib.suppress(Exception):
        sys.stderr.write(safe_text(message.text(lang)) + "\n")
        sys.stderr.flush()


def write_atomic(chunks: Iterable[str | bytes], output: str, lang: str = "en") -> None:
    """Write text or bytes (streamed in chunks) to `output` (see the module docstring).

    Text is written as UTF-8. Raises OutputError for any problem of the target."""
    with open_output(output, lang) as f:
        for chunk in chunks:
            f.write(chunk.encode("utf-8", "surrogateescape") if isinstance(chunk, str) else chunk)


def write_atomic_bytes(chunks: Iterable[bytes], output: str, lang: str = "en") -> None:
    """Write bytes (a workbook) exactly as write_atomic writes text."""
    write_atomic(chunks, output, lang)
