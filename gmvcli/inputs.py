"""Command-line inputs: FILE|DIR|- arguments into named bytes, and `--set` overrides applied to a
parsed document before validation."""

from __future__ import annotations

import copy
import difflib
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from typing import Any, BinaryIO, NamedTuple

from gmvcli.errors import Problem, UsageError, shown
from gmvcli.loader import Document, load_text
from gmvcli.messages import Msg, listing, msg, os_reason
from gmvcli.rows import BUDGETS

MAX_FILE_BYTES = 64 * 1024 * 1024


class Source(NamedTuple):
    """One input: its name as given, and its bytes or the problem that kept us from reading it."""

    name: str
    data: bytes | None
    problem: Problem | None = None
    note: Msg | None = None  # a file of a directory left out on purpose (a test file), said once


TEST_SUFFIXES = (".test.yaml", ".test.yml")


def expand(paths: Sequence[str]) -> Iterator[Source]:
    """FILE as is, DIR as its *.yaml/*.yml files sorted, - as standard input."""
    for path in paths:
        if path == "-":
            yield _read_stdin()
        elif os.path.isdir(path):
            # the kind of each entry comes with the listing (no stat per file; a link is followed)
            with os.scandir(path) as entries:
                names = sorted(
                    e.name
                    for e in entries
                    if e.name.endswith((".yaml", ".yml"))
                    and not e.name.startswith(".")
                    and e.is_file()
                )
            files = [os.path.join(path, n) for n in names]
            # scenario tests beside the scenarios are not scenarios (SPEC §9): skipped, with a note
            tests = [f for f in files if f.endswith(TEST_SUFFIXES)]
            files = [f for f in files if not f.endswith(TEST_SUFFIXES)]
            if tests:
                yield Source(path, None, note=msg("file.tests_skipped", dir=path, count=len(tests)))
            if not files:
                yield Source(path, None, Problem(path, msg("file.no_yaml")))
            for f in files:
                yield read_file(f)
        else:
            yield read_file(path)


def _too_large(name: str, size: int | None = None) -> Source:
    if size is not None:
        return Source(name, None, Problem(name, msg("file.too_large", size=f"{size:,}")))
    got = msg("input.more_than_limit")
    return Source(name, None, Problem(name, msg("input.too_large", size=got)))


def read_capped(f: BinaryIO, name: str, size: int | None = None) -> Source:
    """At most 64 MiB from any stream (a file, device, FIFO or pipe): the size a file reports is
    no bound (0 for /dev/zero), so the read itself stops one byte past the limit (SPEC §7).

    `size`, a regular file's size, is only a first guess: reading it (plus one byte) spares a
    buffer of the whole limit for every small file, and a file that grew meanwhile is read on."""
    want = MAX_FILE_BYTES + 1 if size is None else min(size, MAX_FILE_BYTES) + 1
    data = f.read(want)
    if len(data) == want and want <= MAX_FILE_BYTES:  # it grew since its size was taken
        data += f.read(MAX_FILE_BYTES + 1 - want)
    if len(data) > MAX_FILE_BYTES:
        return _too_large(name)
    return Source(name, data)


def _read_stdin() -> Source:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        return Source("-", None, Problem("-", msg("input.stdin_closed")))
    try:
        return read_capped(stream, "-")
    except OSError as exc:
        return Source("-", None, Problem("-", msg("file.unreadable", reason=os_reason(exc))))


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)


def _read_regular(fd: int, name: str, size: int) -> Source:
    """`read_capped` of a regular file of `size` bytes, from its descriptor: the size plus one
    byte (a file that grew meanwhile is read on, up to the limit)."""
    want = size + 1
    pieces = []
    while want > 0:
        piece = os.read(fd, want)
        if not piece:
            break
        pieces.append(piece)
        want -= len(piece)
    data = b"".join(pieces)
    if len(data) == size + 1:  # it grew since its size was taken
        with open(fd, "rb", closefd=False) as f:
            data += f.read(MAX_FILE_BYTES + 1 - len(data))
    if len(data) > MAX_FILE_BYTES:
        return _too_large(name)
    return Source(name, data)


def read_file(path: str, regular_only: bool = False) -> Source:
    """The bytes of `path`, at most 64 MiB; `regular_only` refuses devices, FIFOs and sockets."""
    try:
        if regular_only and not stat.S_ISREG(os.stat(path).st_mode):
            return Source(path, None, Problem(path, msg("input.not_regular")))
        # the descriptor itself, not a file object: a batch reads thousands of small files
        fd = os.open(path, _READ_FLAGS)
        try:
            st = os.fstat(fd)
            if stat.S_ISDIR(st.st_mode):
                raise IsADirectoryError(path)
            if not stat.S_ISREG(st.st_mode):
                with open(fd, "rb", closefd=False) as f:
                    return read_capped(f, path)
            if st.st_size > MAX_FILE_BYTES:
                return _too_large(path, st.st_size)
            return _read_regular(fd, path, st.st_size)
        finally:
            os.close(fd)
    except FileNotFoundError:
        return Source(path, None, Problem(path, msg("file.missing")))
    except IsADirectoryError:  # pragma: no cover - handled by expand
        return Source(path, None, Problem(path, msg("file.is_dir")))
    except OSError as exc:
        return Source(path, None, Problem(path, msg("file.unreadable", reason=os_reason(exc))))


# --- --set ---------------------------------------------------------------------------------------


class Override(NamedTuple):
    """`--set [MERCHANT_ID:]PATH=VALUE`: a merchant-relative field path and its new value."""

    arg: str
    merchant: str | None
    path: tuple[str, ...]
    value: Any


def field_paths() -> list[str]:
    """Every merchant-relative path that --set accepts, e.g. shelf.uv, content.aov, cogs_rate."""
    from gmvcli.model import SECTIONS

    paths = [
        f.name for f in SECTIONS["merchant"] if f.name not in ("id", "shelf", "content", "forecast")
    ]
    for section in ("shelf", "content", "forecast"):
        paths += [f"{section}.{f.name}" for f in SECTIONS[section]]
    return paths


def parse_override(arg: str) -> Override:
    """Parse one --set argument; raise UsageError naming the valid fields when the path is wrong."""
    left, eq, text = arg.partition("=")
    if not eq or not left.strip():
        raise UsageError(msg("set.syntax", arg=shown(arg)))
    merchant, colon, path = left.strip().rpartition(":")
    if colon and not merchant.strip():
        raise UsageError(msg("set.empty_id", option="--set", arg=shown(arg)))
    valid = field_paths()
    if path not in valid:
        match = difflib.get_close_matches(path, valid, n=1, cutoff=0.6)
        hint: Msg | str = msg("hint.did_you_mean_short", word=match[0]) if match else ""
        raise UsageError(
            msg(
                "set.unknown_field",
                arg=shown(arg),
                path=shown(path),
                hint=hint,
                valid=listing(valid),
            )
        )
    return Override(arg, merchant if colon else None, tuple(path.split(".")), _value(text))


def _value(text: str) -> Any:
    """The value as YAML would read it in a file (99 → int, 30万 → text parsed later, [a, b] → list)."""
    if not text.strip():
        return ""
    try:
        return load_text(text, "--set").data
    except Exception:  # any YAML trouble: keep it as text, validation will say what is wrong
        return text


def apply_overrides(doc: Document, overrides: Sequence[Override]) -> tuple[Document, set[str]]:
    """The document with every override applied; also the args that matched some merchant."""
    if not overrides or not isinstance(doc.data, dict):
        return doc, set()
    data = copy.deepcopy(doc.data)
    merchants = data.get("merchants")
    located: dict[tuple[str | int, ...], str] = dict(doc.overrides)
    used: set[str] = set()
    if not isinstance(merchants, list):
        return doc, set()
    for override in overrides:
        for i, merchant in enumerate(merchants):
            if not isinstance(merchant, dict):
                continue
            if override.merchant is not None and merchant.get("id") != override.merchant:
                continue
            target = merchant
            section = override.path[:-1]
            if section and not isinstance(merchant.get(section[0]), dict):
                if override.merchant is None and section[0] != "forecast":
                    continue  # this merchant has no such model: leave it alone
                merchant[section[0]] = {}
                located[("merchants", i, section[0])] = f"--set {override.arg}"
            for part in section:
                target = target[part]
            target[override.path[-1]] = override.value
            # a field replaces the one it excludes (uv/traffic_budget, public_uv/public_budget,
            # private_uv/fans), as a template's field does in `score`
            target.pop(EXCLUDES.get(override.path, ("",))[-1], None)
            located[("merchants", i, *override.path)] = f"--set {override.arg}"
            used.add(override.arg)
    return doc._replace(data=data, overrides=located), used


#: each field path → the path it excludes in the same section (SPEC §3)
EXCLUDES: dict[tuple[str, ...], tuple[str, ...]] = {
    **{(m, b.visitors): (m, b.budget) for m, b in BUDGETS.items()},
    **{(m, b.budget): (m, b.visitors) for m, b in BUDGETS.items()},
    ("content", "private_uv"): ("content", "fans"),
    ("content", "fans"): ("content", "private_uv"),
}


def parse_policies(arg: str) -> list[str]:
    """`--policies a,b` → ["a", "b"]; `--policies none` → []."""
    text = arg.strip()
    if text.lower() == "none" or not text:
        return []
    return [p.strip() for p in text.split(",") if p.strip()]


def apply_policies(doc: Document, policies: list[str], arg: str) -> Document:
    """The document with every merchant's policy list replaced (SPEC §9 `diff --policies`)."""
    if not isinstance(doc.data, dict) or not isinstance(doc.data.get("merchants"), list):
        return doc
    data = copy.deepcopy(doc.data)
    located = dict(doc.overrides)
    for i, merchant in enumerate(data["merchants"]):
        if isinstance(merchant, dict):
            merchant["policies"] = list(policies)
            located[("merchants", i, "policies")] = arg
    return doc._replace(data=data, overrides=located)
