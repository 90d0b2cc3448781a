"""Shared builders of the hostile suite: hostile scenario text, the CLI in-process and as a process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from typer.testing import CliRunner, Result

from gmvcli.cli import app

EN = {"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "GMVCLI_LANG": ""}
GMVCLI = [sys.executable, "-m", "gmvcli"]

#: terminal escapes (CSI colour, OSC title with BEL), markdown/HTML/rich markup, a bare CR followed by
#: a formula, a right-to-left override, an 8-bit CSI, backspace and NUL
EVIL = (
    "A\x1b[31mRED\x1b]0;pwned\x07|`tick`<b>[x](http://e.vil)[bold red]mk[/]"
    "\r=1+1\u202eevil\x9b2J\x08\x00end"
)
#: what must never reach a terminal or a file reader raw
FORBIDDEN = [chr(c) for c in [*range(0, 9), *range(11, 32), *range(0x7F, 0xA0)]] + [
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
    "\u200e", "\u200f", "\u2028", "\u2029",
]  # fmt: skip


def evil_scenario() -> str:
    """A valid scenario whose every text (name, merchant name, custom policy names) is hostile;
    written as JSON (valid YAML) so the control characters are escapes in the file."""
    doc: dict[str, Any] = {
        "name": "S" + EVIL,
        "policies": {
            "mine": {"name": {"zh": "政" + EVIL, "en": "P" + EVIL}, "public_uv_bonus": 1000}
        },
        "merchants": [
            {
                "id": "m1",
                "name": "M" + EVIL,
                "role": "brand",
                "policies": ["mine"],
                "shelf": {
                    "uv": 1000,
                    "conversion_rate": "2%",
                    "aov": 50,
                    "traffic_cost_per_uv": 0.5,
                },
                "content": {
                    "private_uv": 1000,
                    "reach_rate": "10%",
                    "public_uv": 500,
                    "watch_minutes": 5,
                    "orders_per_minute": "0.5%",
                    "aov": {"low": 40, "high": 60},
                    "public_cost_per_uv": 0.3,
                },
            }
        ],
    }
    return json.dumps(doc, ensure_ascii=True)


PLAIN = """\
name: plain
merchants:
  - id: a
    name: A
    shelf: {uv: 1000, conversion_rate: 2%, aov: 50, traffic_cost_per_uv: 0.5}
    content: {private_uv: 1000, reach_rate: 10%, watch_minutes: 5, orders_per_minute: 0.5%, aov: 50}
"""


def invoke(*args: str, input: str | bytes | None = None) -> Result:
    """gmvcli in-process (English)."""
    return CliRunner(env=EN).invoke(app, list(args), input=input)


def clean_exit(result: Result, code: int) -> None:
    """The exit code, through SystemExit: never a traceback or an internal error."""
    assert result.exit_code == code, (result.exit_code, result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output and "internal error" not in result.output


def spawn(args: list[str], cwd: Path, **kw: Any) -> subprocess.Popen[bytes]:
    """gmvcli as a real process (for streams, signals and descriptors), English."""
    env = {**os.environ, **EN, **kw.pop("env", {})}
    return subprocess.Popen(
        [*GMVCLI, *args], cwd=cwd, env=env, stdout=kw.pop("stdout", subprocess.PIPE),
        stderr=kw.pop("stderr", subprocess.PIPE), **kw,
    )  # fmt: skip


def forked(
    args: list[str],
    cwd: Path,
    *,
    stdin: str = "null",
    stdout: str = "pipe",
    stderr: str = "pipe",
    encoding: str | None = None,
) -> tuple[int, bytes, bytes]:
    """gmvcli's real entry point (main, which ends with os._exit) in a forked child whose standard
    descriptors are set up as a shell would: "pipe" (read back), "closed", "full" (/dev/full),
    "null", or "broken" (a pipe whose reader is gone). `encoding` is the one Python would have
    chosen for stdout and stderr (PYTHONIOENCODING). Much faster than a new interpreter."""
    import contextlib
    import io

    pipes = {name: os.pipe() for name in ("out", "err")}
    broken = {"out": stdout == "broken", "err": stderr == "broken"}
    for name, gone in broken.items():
        if gone:  # the reader has left before anything is written
            os.close(pipes[name][0])
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            os.chdir(cwd)
            for fd, how, pipe in (
                (0, stdin, None),
                (1, stdout, pipes["out"]),
                (2, stderr, pipes["err"]),
            ):
                if how == "closed":
                    os.close(fd)
                elif how in ("pipe", "broken"):
                    os.dup2(pipe[1], fd)
                else:
                    target = os.open("/dev/full" if how == "full" else os.devnull, os.O_RDWR)
                    os.dup2(target, fd)
                    os.close(target)
            for r, w in pipes.values():
                for fd in (r, w):
                    with contextlib.suppress(OSError):
                        os.close(fd)

            def stream(fd: int, mode: str) -> Any:
                try:
                    os.fstat(fd)
                except OSError:
                    return None  # what Python gives for a descriptor closed at start-up
                raw = io.FileIO(fd, mode, closefd=False)
                buffered: Any = io.BufferedWriter(raw) if mode == "w" else io.BufferedReader(raw)
                return io.TextIOWrapper(buffered, encoding=encoding or "utf-8")

            sys.stdin, sys.stdout, sys.stderr = stream(0, "r"), stream(1, "w"), stream(2, "w")
            if sys.stderr is not None:
                sys.stderr.reconfigure(errors="backslashreplace")  # as Python sets up stderr
            os.environ.update(EN)
            sys.argv = ["gmvcli", *args]
            from gmvcli.cli.common import main

            main()
        finally:
            os._exit(99)
    outputs = {}
    for name, (_r, w) in pipes.items():
        os.close(w)
        outputs[name] = b""
    for name, (r, _) in pipes.items():
        if not broken[name]:
            with os.fdopen(r, "rb") as f:
                outputs[name] = f.read()
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), outputs["out"], outputs["err"]


def fork_main(args: list[str], cwd: Path) -> int:
    """Start gmvcli's entry point in a forked child (output to /dev/null); return its pid."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            os.chdir(cwd)
            null = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(null, fd)
            os.environ.update(EN)
            sys.argv = ["gmvcli", *args]
            from gmvcli.cli.common import main

            main()
        finally:
            os._exit(99)
    return pid
