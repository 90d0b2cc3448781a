"""`-o` behaves as a shell redirection looks, but safely (SPEC §7; issue 11 items 1, 9, 11)."""

from __future__ import annotations

import os
import signal
import stat
import sys
import threading
import time
from pathlib import Path

import pytest

from gmvcli.output import OutputError, open_output, output_problem, write_atomic
from tests.hostile.common import PLAIN, clean_exit, fork_main, invoke


def leftovers(directory: Path) -> list[str]:
    return [p.name for p in directory.iterdir() if p.name.startswith(".gmvcli-")]


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    path = tmp_path / "s.yaml"
    path.write_text(PLAIN, encoding="utf-8")
    return path


def test_a_new_file_gets_0666_minus_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(["x"], str(tmp_path / "new.txt"))
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o644
    assert leftovers(tmp_path) == []


def test_an_existing_file_keeps_its_permission_bits(tmp_path: Path) -> None:
    target = tmp_path / "old.txt"
    target.write_text("before")
    target.chmod(0o640)
    write_atomic(["after"], str(target))
    assert target.read_text() == "after"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_symlink_is_followed_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_atomic(["new"], str(link))
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == "new"


def test_a_device_is_written_directly_not_replaced(tmp_path: Path) -> None:
    # through a link of our own, so that a regression could only replace the link, never the device
    link = tmp_path / "null"
    link.symlink_to(os.devnull)
    write_atomic(["into the void"], str(link))
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
    assert link.is_symlink() and leftovers(tmp_path) == []


def test_a_fifo_is_written_directly_and_its_reader_gets_the_text(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    write_atomic(["through the pipe\n"], str(fifo))
    reader.join(5)
    assert got == [b"through the pipe\n"]
    assert stat.S_ISFIFO(fifo.stat().st_mode) and leftovers(tmp_path) == []


def test_dev_stdout_is_the_descriptor_not_a_file(tmp_path: Path) -> None:
    read, write = os.pipe()
    saved = os.dup(1)
    try:
        os.dup2(write, 1)
        write_atomic(["to fd 1\n"], "/dev/stdout")
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(write)
    assert os.read(read, 100) == b"to fd 1\n"
    os.close(read)


@pytest.mark.parametrize("as_link", [False, True])
def test_writing_over_an_input_is_refused(scenario: Path, as_link: bool) -> None:
    before = scenario.read_bytes()
    target = scenario
    if as_link:
        target = scenario.parent / "alias.yaml"
        target.symlink_to(scenario)
    result = invoke("compare", str(scenario), "-f", "json", "-o", str(target))
    clean_exit(result, 1)
    assert "refusing to write over an input" in result.output
    assert scenario.read_bytes() == before


def test_a_file_inside_an_input_directory_is_an_input(scenario: Path) -> None:
    assert output_problem(str(scenario), [str(scenario.parent)]) is not None
    assert output_problem(str(scenario.parent / "new.json"), [str(scenario.parent)]) is None


@pytest.mark.parametrize(
    ("target", "words"),
    [
        ("", "the file name is empty"),
        ("x/", "is a directory"),
        ("nodir/out.json", "does not exist"),
        ("n" * 300 + ".json", "the file name is too long"),
        ("s.yaml/out.json", "is not a directory"),
    ],
)
def test_bad_targets_are_clear_errors(
    scenario: Path, target: str, words: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(scenario.parent)
    result = invoke("compare", "s.yaml", "-o", target)
    clean_exit(result, 1)
    assert words in result.output
    assert leftovers(scenario.parent) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only directories")
def test_a_read_only_directory_is_a_clear_error(scenario: Path) -> None:
    locked = scenario.parent / "locked"
    locked.mkdir(mode=0o500)
    result = invoke("compare", str(scenario), "-o", str(locked / "out.json"))
    clean_exit(result, 1)
    assert "not writable" in result.output


def test_a_full_disk_is_a_clear_error(scenario: Path) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    result = invoke("compare", str(scenario), "-o", "/dev/full")
    clean_exit(result, 1)
    assert "no space left" in result.output


def test_a_failed_write_leaves_neither_a_partial_file_nor_a_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("the old report")

    def chunks() -> object:
        yield "half a report"
        raise RuntimeError("the run failed")

    with pytest.raises(RuntimeError):
        write_atomic(chunks(), str(target))  # type: ignore[arg-type]
    assert target.read_text() == "the old report" and leftovers(tmp_path) == []


def test_an_unwritable_target_raises_output_error_not_oserror(tmp_path: Path) -> None:
    with pytest.raises(OutputError), open_output(str(tmp_path / "missing" / "x.png")):
        pass


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_during_sweep_o_leaves_no_temp_file(scenario: Path, signum: int) -> None:
    """A long `sweep -o`: once its temporary file exists, a signal ends the run and removes it."""
    grid = ["--vary", "content.aov=1:10000:1", "--vary", "shelf.aov=1:100:1"]
    args = ["sweep", "s.yaml", *grid, "-f", "csv", "-o", "sweep.csv"]
    invoke("sweep", str(scenario), "--vary", "content.aov=1,2", "-f", "csv")  # imports, here
    pid = fork_main(args, scenario.parent)
    deadline = time.monotonic() + 30
    while not leftovers(scenario.parent):
        assert os.waitpid(pid, os.WNOHANG) == (0, 0), "the run ended before writing"
        assert time.monotonic() < deadline, "the temporary file never appeared"
        time.sleep(0.005)
    os.kill(pid, signum)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 128 + signum
    assert leftovers(scenario.parent) == [] and not (scenario.parent / "sweep.csv").exists()


def test_ctrl_c_during_a_write_leaves_no_temp_file(tmp_path: Path) -> None:
    def chunks() -> object:
        yield "rows"
        assert leftovers(tmp_path)  # the temporary file exists while writing
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomic(chunks(), str(tmp_path / "out.csv"))  # type: ignore[arg-type]
    assert leftovers(tmp_path) == [] and not (tmp_path / "out.csv").exists()


def test_the_cli_helpers_refuse_an_input_as_output() -> None:
    # every command routes -o through check_output(output, inputs): keep the API the CLI uses
    from gmvcli.cli.common import check_output

    assert "inputs" in check_output.__code__.co_varnames
    assert sys.modules["gmvcli.output"].write_atomic is write_atomic


def test_init_writes_to_a_device_but_never_over_a_file(tmp_path: Path) -> None:
    link = tmp_path / "null"
    link.symlink_to(os.devnull)
    # a device "exists" but is written, as by a shell
    clean_exit(invoke("init", "-o", str(link)), 0)
    (tmp_path / "mine.yaml").write_text("keep")
    clean_exit(invoke("init", "-o", str(tmp_path / "mine.yaml")), 1)
    assert (tmp_path / "mine.yaml").read_text() == "keep"
