"""Text from a file never drives the terminal, starts a formula or breaks a format (SPEC §7;
issue 11 items 2, 3)."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from gmvcli import textsafe
from tests.hostile.common import FORBIDDEN, clean_exit, evil_scenario, invoke

COMMANDS = [
    ["compare"],
    ["forecast"],
    ["explain"],
    ["diff"],
    ["simulate", "--runs", "50"],
    ["sensitivity"],
    ["sweep", "--vary", "content.public_uv=100,200"],
]
FORMATS = ["table", "json", "jsonl", "csv", "markdown"]


@pytest.fixture(scope="module")
def evil(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("evil") / "evil.yaml"
    path.write_text(evil_scenario(), encoding="utf-8")
    return path


def raw_controls(text: str) -> list[str]:
    return sorted({repr(c) for c in text if c in FORBIDDEN})


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_control_character_reaches_the_output(evil: Path, command: list[str], lang: str) -> None:
    for fmt in FORMATS if lang == "en" else ["table", "markdown"]:  # json/csv: same in zh
        result = invoke(command[0], str(evil), *command[1:], "-f", fmt, "--lang", lang)
        if result.exit_code == 2:
            assert "--format" in result.output
            continue  # a format this command does not write
        clean_exit(result, 0)
        text = result.output
        if fmt == "csv":  # a CR inside a quoted cell is data, checked below
            text = text.replace("\r", "")
        assert raw_controls(text) == [], (command, fmt)


def test_csv_quotes_a_bare_cr_and_prefixes_formulas(evil: Path) -> None:
    result = invoke("compare", str(evil), "-f", "csv")
    clean_exit(result, 0)
    rows = list(csv.reader(io.StringIO(result.output, newline="")))
    assert len(rows) == 3  # header + shelf + content: the CR did not start a row
    assert all(len(r) == len(rows[0]) for r in rows)
    name = rows[1][rows[0].index("merchant_name")]
    assert "\r=1+1" in name and "\\x1b" in name and "\x1b" not in name


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("a\x1bb", "a\\x1bb"),
        ("a\u202eb", "a\\u202eb"),
        (-5.5, -5.5),
        (1e-07, 1e-07),
        (None, ""),
    ],
)
def test_csv_cells(value: object, cell: object) -> None:
    assert textsafe.csv_cell(value) == cell


def test_csv_line_quotes_cr_lf_comma_and_quotes() -> None:
    line = textsafe.csv_line(["a\rb", "c\nd", 'e"f', "g,h", 1.5, -2])
    assert line == '"a\rb","c\nd","e""f","g,h",1.5,-2\n'
    assert list(csv.reader(io.StringIO(line, newline=""))) == [
        ["a\rb", "c\nd", 'e"f', "g,h", "1.5", "-2"]
    ]


def test_markdown_escapes_tables_code_links_and_html(evil: Path) -> None:
    for command in ("compare", "explain"):
        result = invoke(command, str(evil), "-f", "markdown", "--lang", "zh")
        clean_exit(result, 0)
        heading = next(line for line in result.output.splitlines() if "RED" in line)
        assert "\\|" in heading and "\\`" in heading and "\\<b\\>" in heading
        assert "\\[x\\](http" in heading  # no link
    assert textsafe.code_span("a`b\x1b") == "a\u02cbb\\x1b"


def test_json_escapes_c1_and_bidi_controls(evil: Path) -> None:
    result = invoke("compare", str(evil), "-f", "json")
    clean_exit(result, 0)
    assert "\\u202e" in result.output and "\\u009b" in result.output
    assert json.loads(result.output)["name"].startswith("SA\x1b[31m")  # the data is intact


def test_junit_and_errors_are_safe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "s.yaml").write_text(evil_scenario(), encoding="utf-8")
    hostile_key = "m1.shelf.gmv\x1b]0;x\x07"
    test = {"tests": [{"name": "T\x1b[2J\u202e", "scenario": "s.yaml", "expect": {hostile_key: 1}}]}
    (tmp_path / "t.test.yaml").write_text(json.dumps(test), encoding="utf-8")
    for fmt in ("table", "junit", "json"):
        result = invoke("test", "t.test.yaml", "-f", fmt)
        assert result.exit_code == 1
        assert raw_controls(result.output) == [], fmt
        if fmt == "junit":
            start = result.output.index("<?xml")
            end = result.output.index("</testsuites>") + len("</testsuites>")
            ET.fromstring(result.output[start:end].encode())


def test_the_sanitiser_is_idempotent_and_keeps_printable_text() -> None:
    text = "薇薇 · 大进 ¥1,200 — ok"
    assert textsafe.terminal(text) == text
    once = textsafe.terminal("a\x1b\u202eb\r")
    assert once == "a\\x1b\\u202eb\\x0d" and textsafe.terminal(once) == once
