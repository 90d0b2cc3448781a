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
