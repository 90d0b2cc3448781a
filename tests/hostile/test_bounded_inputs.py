"""Inputs are bounded whatever they are: 64 MiB from any file, device, FIFO or stdin; aliases may not
grow a document past 10× its size (SPEC §7; issue 11 items 4, 5)."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import pytest

from gmvcli import inputs
from gmvcli.errors import ScenarioError
from gmvcli.inputs import MAX_FILE_BYTES, read_capped, read_file
from gmvcli.loader import load_text
from tests.hostile.common import clean_exit, invoke


class Counted(io.RawIOBase):
    """A stream that counts the bytes read from it (bounded work, not a timing)."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.read_bytes = inner, 0

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        n = int(self.inner.readinto(buffer))
        self.read_bytes += n
        return n

    def readable(self) -> bool:
        return True


def test_a_device_of_endless_bytes_is_refused_after_the_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    streams: list[Counted] = []
    real = inputs.read_capped

    def counting(f: Any, name: str, size: int | None = None) -> Any:
        streams.append(Counted(f))
        return real(io.BufferedReader(streams[-1]), name, size)

    monkeypatch.setattr(inputs, "read_capped", counting)
    source = read_file("/dev/zero")
    assert source.data is None and source.problem is not None
    assert "more than 64 MiB" in str(source.problem)
    assert len(streams) == 1
    # one buffer past the limit at most: never the device's endless bytes
    assert MAX_FILE_BYTES < streams[0].read_bytes <= MAX_FILE_BYTES + io.DEFAULT_BUFFER_SIZE


def test_stdin_is_capped_too() -> None:
    class Endless(io.RawIOBase):
        def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
            buffer[:] = b"x" * len(buffer)
            return len(buffer)

        def readable(self) -> bool:
            return True

    source = read_capped(io.BufferedReader(Endless()), "-")
    assert source.data is None and "at most 64 MiB" in str(source.problem)


def test_a_large_sparse_file_is_refused_by_its_size(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with open(big, "wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)
    result = invoke("validate", str(big))
    clean_exit(result, 1)
    assert "too large" in result.output


def test_exactly_the_limit_is_read() -> None:
    source = read_capped(io.BytesIO(b"a: 1\n"), "small.yaml")
    assert source.data == b"a: 1\n"


def test_a_file_that_grew_after_its_size_was_taken_is_read_whole() -> None:
    """read_file reads a regular file's size (plus a byte), not the whole limit, at first."""
    assert read_capped(io.BytesIO(b"a: 1\nb: 2\n"), "grew.yaml", 4).data == b"a: 1\nb: 2\n"
    assert read_capped(io.BytesIO(b"a: 1\n"), "same.yaml", 5).data == b"a: 1\n"
    assert read_capped(io.BytesIO(b""), "empty.yaml", 0).data == b""


def test_a_fifo_named_by_a_test_is_refused_without_waiting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    os.mkfifo(tmp_path / "pipe.yaml")  # nobody ever writes to it: reading it would hang
    (tmp_path / "t.test.yaml").write_text(
        "tests:\n  - {name: t, scenario: pipe.yaml, expect: {a.shelf.gmv: 1}}\n", encoding="utf-8"
    )
    result = invoke("test", "t.test.yaml")  # had it opened the FIFO, this would never return
    assert result.exit_code == 1 and "not a regular file" in result.output


def alias_amplifier(copies: int, size: int) -> str:
    """One anchored string of `size` characters used as `copies` merchant names."""
    lines = ["name: amp", "merchants:"]
    shelf = "shelf: {uv: 1, conversion_rate: 1%, aov: 1}"
    lines.append(f"  - {{id: m0, name: &big {'x' * size}, role: brand, {shelf}}}")
    lines += [f"  - {{id: m{i}, name: *big, role: brand, {shelf}}}" for i in range(1, copies)]
    return "\n".join(lines) + "\n"


def test_scalar_alias_amplification_is_refused() -> None:
    text = alias_amplifier(copies=200, size=100_000)  # 0.1 MB of text, 20 MB of names
    with pytest.raises(ScenarioError) as caught:
        load_text(text, "amp.yaml")
    assert "past 10× its size" in str(caught.value)
    assert "amp.yaml:3:" in str(caught.value)


def test_a_few_aliases_are_fine() -> None:
    doc = load_text(alias_amplifier(copies=5, size=1_000), "few.yaml")
    assert len(doc.data["merchants"]) == 5


def test_a_regular_file_is_read_from_its_descriptor_whole(tmp_path: Path) -> None:
    """read_file reads a regular file through its descriptor: the size it had (plus a byte), and
    on to the end when it grew since."""

    from gmvcli.inputs import _read_regular

    path = tmp_path / "grew.yaml"
    path.write_bytes(b"a: 1\nb: 2\n")
    for size in (0, 4, 10, 11):
        fd = os.open(path, os.O_RDONLY)
        try:
            assert _read_regular(fd, "grew.yaml", size).data == b"a: 1\nb: 2\n"
        finally:
            os.close(fd)
    assert read_file(str(path)).data == b"a: 1\nb: 2\n"
    assert read_file(str(tmp_path)).problem is not None  # a directory
