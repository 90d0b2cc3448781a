"""Error objects in JSON output: one shape everywhere, `path` a field path or null (never "")."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from gmvcli.cli import app
from tests.conftest import ROOT

EN = {"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "GMVCLI_LANG": "", "COLUMNS": "80"}
WEIWEI = str(ROOT / "scenarios" / "weiwei-factory.yaml")
P3 = str(ROOT / "tests" / "data" / "review" / "p3-review.yaml")


def run(*args: str) -> Any:
    return CliRunner(env=EN).invoke(app, list(args))


@pytest.fixture
def syntax_error(tmp_path: Path) -> str:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nmerchants: [\n", encoding="utf-8")
    return str(bad)


@pytest.mark.parametrize(
    "args",
    [
        ("compare", "{bad}", "--format", "json"),
        ("compare", "{bad}", "--format", "jsonl"),
        ("forecast", "{bad}", "--format", "json"),
        ("forecast", "{bad}", "--format", "jsonl"),
    ],
    ids=lambda a: "-".join(a[::3]),
)
def test_yaml_syntax_error_has_null_path(syntax_error: str, args: tuple[str, ...]) -> None:
    r = run(*(a.format(bad=syntax_error) for a in args))
    assert r.exit_code == 1
    error = json.loads(r.stdout)["error"]
    assert error["code"] == "yaml.invalid"
    assert error["path"] is None
    assert (error["line"], error["column"]) == (3, 1)


def test_review_export_error_has_null_path(tmp_path: Path) -> None:
    actuals = tmp_path / "a.csv"
    actuals.write_text("date,gmv\n2024-11-01,100\n", encoding="utf-8")  # no uv, no orders
    r = run("review", P3, str(actuals), "--format", "json")
    assert r.exit_code == 1
    error = json.loads(r.stdout)["error"]
    assert "path" in error and error["path"] is None


def test_a_field_error_keeps_its_path(tmp_path: Path) -> None:
    bad = tmp_path / "rate.yaml"
    text = (
        Path(WEIWEI)
        .read_text(encoding="utf-8")
        .replace("conversion_rate: 2.5%", "conversion_rate: 2.5")
    )
    assert text != Path(WEIWEI).read_text(encoding="utf-8")
    bad.write_text(text, encoding="utf-8")
    r = run("compare", str(bad), "--format", "json")
    assert r.exit_code == 1
    assert json.loads(r.stdout)["error"]["path"] == "merchants[0].shelf.conversion_rate"


P3_CSV = str(ROOT / "tests" / "data" / "review" / "p3-review.actuals.csv")


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
@pytest.mark.parametrize(
    "command",
    [
        ("solve", "{bad}", "--for", "content.aov"),
        ("fit", "{bad}", P3_CSV),
        ("review", "{bad}", P3_CSV),
    ],
    ids=lambda c: c[0],
)
def test_an_invalid_scenario_is_an_error_object(
    syntax_error: str, command: tuple[str, ...], fmt: str
) -> None:
    """solve, fit and review print what compare prints for an input that failed."""
    r = run(*(a.format(bad=syntax_error) for a in command), "--format", fmt)
    assert r.exit_code == 1
    assert r.stdout.count("\n") == 1
    out = json.loads(r.stdout)
    assert out["file"] == syntax_error
    assert out["error"]["code"] == "yaml.invalid"
    assert set(out["error"]) == {"code", "message", "line", "column", "path"}


def test_solve_without_solution_is_an_error_object() -> None:
    r = run("solve", WEIWEI, "--for", "content.aov", "--target", "gmv=-5", "--format", "json")
    assert r.exit_code == 1
    out = json.loads(r.stdout)
    assert out["file"] == WEIWEI
    assert out["error"]["code"] == "solve.never"
    assert out["error"]["path"] == "content.aov"


def test_fit_unreadable_export_is_an_error_object(tmp_path: Path) -> None:
    actuals = tmp_path / "a.csv"
    actuals.write_text("date,gmv\n2024-11-01,100\n", encoding="utf-8")
    r = run("fit", P3, str(actuals), "--format", "jsonl")
    assert r.exit_code == 1
    out = json.loads(r.stdout)
    assert out["file"] == str(actuals)
    assert out["error"]["code"] == "review.missing_column"


#: every command that writes json and reads one scenario FILE, with what it needs besides
ONE_FILE = [
    ("explain", "{bad}"),
    ("simulate", "{bad}"),
    ("sensitivity", "{bad}"),
    ("sweep", "{bad}", "--vary", "content.aov=80,90"),
    ("solve", "{bad}", "--for", "content.aov"),
    ("review", "{bad}", P3_CSV),
    ("fit", "{bad}", P3_CSV),
    ("diff", "{bad}", "--set", "content.aov=99"),
]


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
@pytest.mark.parametrize("command", ONE_FILE, ids=lambda c: c[0])
def test_every_json_command_prints_the_error_object(
    syntax_error: str, command: tuple[str, ...], fmt: str
) -> None:
    """Every command with a json format prints what compare prints for an input that failed."""
    r = run(*(a.format(bad=syntax_error) for a in command), "--format", fmt)
    assert r.exit_code == 1
    assert r.stdout.count("\n") == 1, r.stdout
    out = json.loads(r.stdout)
    assert out["file"] == syntax_error
    assert out["error"]["code"] == "yaml.invalid"
    assert set(out["error"]) == {"code", "message", "line", "column", "path"}


@pytest.mark.parametrize("command", [("compare", "{bad}"), *ONE_FILE], ids=lambda c: c[0])
def test_with_output_a_failure_writes_nothing(
    syntax_error: str, command: tuple[str, ...], tmp_path: Path
) -> None:
    """With -o, as compare: nothing on stdout, the target left as it was, stderr says so."""
    target = tmp_path / "out.json"
    target.write_text("before\n", encoding="utf-8")
    args = [a.format(bad=syntax_error) for a in command]
    r = run(*args, "--format", "json", "-o", str(target))
    assert r.exit_code == 1
    assert r.stdout == ""
    assert target.read_text(encoding="utf-8") == "before\n"
    assert "not written" in r.stderr or "not written" in r.output


#: every command that takes --merchant, with the rest of what it needs
MERCHANT = [
    ("compare", WEIWEI),
    ("forecast", WEIWEI),
    ("explain", WEIWEI),
    ("simulate", WEIWEI),
    ("sensitivity", WEIWEI),
    ("sweep", WEIWEI, "--vary", "content.aov=80,90"),
    ("solve", WEIWEI, "--for", "content.aov"),
    ("review", P3, P3_CSV),
    ("fit", P3, P3_CSV),
]


def test_the_merchant_list_is_every_command_with_merchant() -> None:
    from gmvcli.cli import app

    taking = set()
    for info in app.registered_commands:
        params = info.callback.__signature__.parameters  # type: ignore[union-attr]
        if "merchant" in params:
            taking.add(info.name or info.callback.__name__)  # type: ignore[union-attr]
    assert taking - {"report"} == {c[0] for c in MERCHANT}


@pytest.mark.parametrize("command", MERCHANT, ids=lambda c: c[0])
def test_an_unknown_merchant_is_one_rule(command: tuple[str, ...]) -> None:
    """Found only once the file is read, so not a usage error (SPEC §7: 2 is before any work):
    exit 1, the id named on stderr, and in json an error object for one-file commands."""
    r = run(*command, "--merchant", "nosuch", "--format", "json")
    assert r.exit_code == 1, r.output
    assert "'nosuch'" in r.output
    if command[0] in ("compare", "forecast"):  # the inputs' objects: none matched, none shown
        assert r.stdout == ""
        return
    out = json.loads(r.stdout)
    assert out["file"] == command[1]
    assert out["error"]["code"].endswith("no_merchant")


def test_report_names_the_merchants_when_one_is_missing(tmp_path: Path) -> None:
    r = run("report", WEIWEI, "-o", str(tmp_path / "r.html"), "--merchant", "nosuch")
    assert r.exit_code == 1
    assert "(merchants: weiwei)" in r.output
