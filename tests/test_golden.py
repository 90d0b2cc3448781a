"""Golden outputs of every shipped scenario in every format; refresh with
`python -m pytest tests/test_golden.py --update-golden` and review the diff."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gmvcli.cli import app
from tests.conftest import ROOT, SCENARIOS

GOLDEN = Path(__file__).parent / "golden"
EXAMPLES = sorted(p.name for p in SCENARIOS.glob("*.yaml"))
VARIANTS = {
    "compare.json": ["compare", "--format", "json"],
    "compare.csv": ["compare", "--format", "csv"],
    "compare.md": ["compare", "--format", "markdown", "--lang", "en"],
    "compare.en.txt": ["compare", "--lang", "en"],
    "compare.zh.txt": ["compare", "--lang", "zh"],
    "forecast.json": ["forecast", "--format", "json"],
    "forecast.csv": ["forecast", "--format", "csv"],
    "forecast.md": ["forecast", "--format", "markdown", "--lang", "zh"],
    "forecast.en.txt": ["forecast", "--lang", "en"],
    "forecast.zh.txt": ["forecast", "--lang", "zh"],
    "explain.en.txt": ["explain", "--lang", "en"],
    "explain.zh.txt": ["explain", "--lang", "zh"],
    "explain.json": ["explain", "--format", "json"],
}


def test_every_example_is_covered() -> None:
    assert len(EXAMPLES) >= 4


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("example", EXAMPLES)
def test_golden(
    example: str, variant: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    command, *options = VARIANTS[variant]
    result = CliRunner().invoke(
        app,
        [command, f"scenarios/{example}", *options],
        env={"COLUMNS": "100", "LANG": "C.UTF-8", "LC_ALL": ""},
    )
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""  # shipped examples carry no warnings
    golden = GOLDEN / f"{Path(example).stem}.{variant}"
    text = result.stdout
    if variant.endswith(".json"):  # piped JSON is compact; keep the goldens reviewable
        text = json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"
    if request.config.getoption("--update-golden"):
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("example", EXAMPLES)
def test_chinese_tables_stay_aligned(example: str) -> None:
    """Wide characters count two columns: every row of a table has the same display width."""
    from rich.cells import cell_len

    for variant in ("compare.zh.txt", "forecast.zh.txt"):
        text = (GOLDEN / f"{Path(example).stem}.{variant}").read_text(encoding="utf-8")
        groups: list[list[str]] = [[]]
        for line in text.splitlines():
            if line.startswith(" ") and line.strip():
                groups[-1].append(line)
            elif groups[-1]:
                groups.append([])
        tables = [g for g in groups if len(g) > 3]
        assert tables
        for rows in tables:
            assert len({cell_len(r) for r in rows}) == 1, rows


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_policies_golden(lang: str, request: pytest.FixtureRequest) -> None:
    result = CliRunner().invoke(
        app, ["policies", "--lang", lang], env={"COLUMNS": "100", "LANG": "C.UTF-8"}
    )
    assert result.exit_code == 0
    golden = GOLDEN / f"policies.{lang}.txt"
    if request.config.getoption("--update-golden"):
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")
