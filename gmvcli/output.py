"""Writing results: `-o FILE` goes through a temporary file renamed into place (SPEC §7), so a
failure never leaves a partial or clobbered file."""

from __future__ import annotations

import os
from collections.abc import Iterable

from gmvcli.errors import safe_text
from gmvcli.messages import Msg, msg


def output_problem(output: str) -> Msg | None:
    """Why `output` cannot be written (checked before any work), or None."""
    directory = os.path.dirname(os.path.abspath(output))
    if not os.path.isdir(directory):
        return msg("output.no_dir", file=safe_text(output), dir=safe_text(directory))
    if os.path.isdir(output):
        return msg("output.is_dir", file=safe_text(output))
    return None


def write_atomic(chunks: Iterable[str], output: str) -> None:
    """Write text (streamed in chunks) to a temporary file beside `output`, then rename it."""
    import tempfile

    directory = os.path.dirname(os.path.abspath(output))
    fd, tmp = tempfile.mkstemp(prefix=".gmvcli-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.writelines(chunks)
        os.replace(tmp, output)
    except BaseException:
        os.unlink(tmp)
        raise


def write_atomic_bytes(chunks: Iterable[bytes], output: str) -> None:
    """Write bytes (a workbook) the way write_atomic writes text; a device or FIFO (`/dev/null`,
    `/dev/stdout`) is opened and written, never replaced by a regular file (SPEC §7)."""
    import stat
    import tempfile

    try:
        special = not stat.S_ISREG(os.stat(output).st_mode)
    except FileNotFoundError:
        special = False
    if special:
        with open(output, "wb") as f:
            f.writelines(chunks)
        return
    directory = os.path.dirname(os.path.abspath(output))
    fd, tmp = tempfile.mkstemp(prefix=".gmvcli-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            f.writelines(chunks)
        os.replace(tmp, output)
    except BaseException:
        os.unlink(tmp)
        raise
