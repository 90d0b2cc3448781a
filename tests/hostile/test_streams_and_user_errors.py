"""Odd terminals and descriptors, and user errors that are never "internal errors" (SPEC §7;
issue 11 items 8, 10, 11). The process cases run side by side, once, to keep the suite fast."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.hostile.common import GMVCLI, PLAIN, clean_exit, forked, invoke

#: name: (args, descriptors and encoding for `forked`)
CASES: dict[str, tuple[list[str], dict[str, str]]] = {
    "ascii_json": (["compare", "zh.yaml", "-f", "json"], {"encoding": "ascii"}),
    "gbk_json": (["compare", "zh.yaml", "-f", "json"], {"encoding": "gbk"}),
    "ascii_table": (["compare", "zh.yaml", "--lang", "zh"], {"encoding": "ascii"}),
    "latin1_forecast": (["forecast", "zh.yaml", "--lang", "zh"], {"encoding": "latin-1"}),
    "cp1252_policies": (["policies", "--lang", "zh"], {"encoding": "cp1252"}),
    "ascii_help": (["--lang", "zh", "--help"], {"encoding": "ascii"}),
    "closed_stdout": (["compare", "zh.yaml", "-f", "json"], {"stdout": "closed"}),
    "full_stdout": (["compare", "zh.yaml", "-f", "json"], {"stdout": "full"}),
    "broken_pipe": (["forecast", "zh.yaml", "-f", "csv"], {"stdout": "broken"}),
    "closed_stderr_warning": (["compare", "hot.yaml", "-f", "json"], {"stderr": "closed"}),
    "full_stderr_warning": (["compare", "hot.yaml", "-f", "json"], {"stderr": "full"}),
    "broken_stderr_warning": (["compare", "hot.yaml", "-f", "json"], {"stderr": "broken"}),
    "closed_stdin": (["compare", "-"], {"stdin": "closed"}),
}


@pytest.fixture(scope="module")
def shell(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("streams")
    (folder / "zh.yaml").write_text(
        PLAIN.replace("name: plain", "name: 薇薇 · 大进针织工厂 ¥"), encoding="utf-8"
    )
    # a conversion above 30%: one warning on stderr
    (folder / "hot.yaml").write_text(PLAIN.replace("2%", "40%"), encoding="utf-8")
    for args in (["compare", "zh.yaml"], ["forecast", "zh.yaml", "-f", "csv"], ["policies"]):
        invoke(*[a if a != "zh.yaml" else str(folder / a) for a in args])  # imports, once, here
    return {name: forked(args, folder, **how) for name, (args, how) in CASES.items()}


def outcome(shell: dict[str, Any], name: str) -> tuple[int, bytes, bytes]:
    code, out, err = shell[name]
    assert b"Traceback" not in out + err and b"internal error" not in out + err, (out, err)
    return code, out, err


@pytest.mark.parametrize("name", ["ascii_json", "gbk_json"])
def test_json_falls_back_to_u_escapes(shell: dict[str, Any], name: str) -> None:
    code, out, _ = outcome(shell, name)
    assert code == 0
    assert json.loads(out)["name"] == "薇薇 · 大进针织工厂 ¥"
    assert out.isascii()


@pytest.mark.parametrize(
    "name", ["ascii_table", "latin1_forecast", "cp1252_policies", "ascii_help"]
)
def test_text_falls_back_to_replacement_characters(shell: dict[str, Any], name: str) -> None:
    code, out, err = outcome(shell, name)
    assert code == 0 and out, err
    assert b"?" in out


@pytest.mark.parametrize(
    ("name", "words"), [("closed_stdout", b"closed"), ("full_stdout", b"space")]
)
def test_a_closed_or_full_stdout_is_one_line_and_exit_1(
    shell: dict[str, Any], name: str, words: bytes
) -> None:
    code, _, err = outcome(shell, name)
    assert code == 1 and len(err.strip().splitlines()) == 1 and words in err, err


def test_a_broken_pipe_is_quiet(shell: dict[str, Any]) -> None:
    assert outcome(shell, "broken_pipe") == (0, b"", b"")


@pytest.mark.parametrize(
    "name", ["closed_stderr_warning", "full_stderr_warning", "broken_stderr_warning"]
)
def test_a_broken_stderr_does_not_lose_stdout(shell: dict[str, Any], name: str) -> None:
    code, out, _ = outcome(shell, name)
    assert code == 0 and json.loads(out)["merchants"][0]["id"] == "a"


def test_a_closed_stdin_is_a_located_error(shell: dict[str, Any]) -> None:
    code, _, err = outcome(shell, "closed_stdin")
    assert code == 1 and b"standard input is closed" in err


def test_a_real_ascii_terminal(tmp_path: Path) -> None:
    """The same through a new interpreter and the environment (PYTHONIOENCODING, LC_ALL=C)."""
    (tmp_path / "zh.yaml").write_text(PLAIN.replace("plain", "薇薇 ¥"), encoding="utf-8")
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}
    proc = subprocess.run(
        [*GMVCLI, "compare", "zh.yaml", "-f", "json"], cwd=tmp_path, env=env, capture_output=True
    )
    assert proc.returncode == 0 and b"Traceback" not in proc.stderr
    assert proc.stdout.isascii() and json.loads(proc.stdout)["name"] == "薇薇 ¥"


# --- user errors in-process ----------------------------------------------------------------------


@pytest.fixture
def plain(tmp_path: Path) -> Path:
    path = tmp_path / "s.yaml"
    path.write_text(PLAIN, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["compare"],
        ["forecast"],
        ["explain"],
        ["diff"],
        ["sweep", "--vary", "content.aov=1,2"],
        ["solve", "--for", "content.aov"],
        ["simulate", "--runs", "10"],
        ["sensitivity"],
    ],
    ids=lambda c: c[0],
)
def test_set_with_an_empty_id_is_a_usage_error(plain: Path, command: list[str]) -> None:
    result = invoke(command[0], str(plain), *command[1:], "--set", ":content.aov=5")
    clean_exit(result, 2)
    assert "empty merchant id" in result.output


def test_a_negative_seed_is_a_usage_error(plain: Path) -> None:
    clean_exit(invoke("simulate", str(plain), "--seed", "-1"), 2)


def test_an_infinite_roi_is_null_in_json(tmp_path: Path) -> None:
    path = tmp_path / "inf.yaml"
    path.write_text(
        "name: inf\nmerchants:\n  - id: a\n    name: A\n    shelf: {uv: 1000000000000, "
        "conversion_rate: 20%, aov: 1000, traffic_cost_per_uv: 5e-324}\n",
        encoding="utf-8",
    )
    for command in ("explain", "compare", "diff"):
        result = invoke(command, str(path), "-f", "json")
        clean_exit(result, 0)
        json.loads(result.output[result.output.index("{") :])
