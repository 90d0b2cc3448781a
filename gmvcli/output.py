"""Writing results: `-o FILE` goes through a temporary file renamed into place (SPEC §7), so a
failure never leaves a partial or clobbered file."""

from __future__ import annotations

import os
from collections.abc import Iterable

from gmvcli.errors import safe_text


def output_problem(output: str) -> str | None:
    """Why `output` cannot be written (checked before any work), or None."""
    directory = os.path.dirname(os.path.abspath(output))
    if not os.path.isdir(directory):
        return f"{safe_text(output)}: cannot write: directory {safe_text(directory)} does not exist"
    if os.path.isdir(output):
        return f"{safe_text(output)}: cannot write: is a directory"
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
