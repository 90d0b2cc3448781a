"""Every command has help text and a README section; the Quick start holds exactly two commands."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from gmvcli.cli import app
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]


@pytest.mark.parametrize("command", COMMANDS)
def test_command_has_help_and_is_documented(command: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "--format" in result.stdout or command in ("init", "schema", "policies", "report")
    assert f"gmvcli {command}" in README


def test_quick_start_has_exactly_two_commands() -> None:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, flags=re.S)
    assert len(blocks) == 2
    assert all(len(b.strip().splitlines()) == 1 for b in blocks)
    assert "gmvcli compare scenarios/" in blocks[0]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert blocks[1].strip() in ci


def test_readme_examples_are_current() -> None:
    """Every one-command example in the README prints what the README shows (see
    scripts/readme_examples.py, which refreshes them)."""
    import subprocess
    import sys

    script = ROOT / "scripts" / "readme_examples.py"
    r = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, timeout=300)
    assert r.returncode == 0, "README examples are stale: run scripts/readme_examples.py"


@pytest.mark.parametrize("doc", ["README.md", "docs/architecture.md"])
def test_every_file_a_doc_names_exists(doc: str) -> None:
    """A module moved or split (gmvcli/model.py → gmvcli/model/) must take its docs with it."""
    text = (ROOT / doc).read_text(encoding="utf-8")
    named = set(re.findall(r"\bgmvcli/[\w/.-]*\w", text))
    assert "gmvcli/rows.py" in named or doc == "README.md"
    missing = sorted(p for p in named if not (ROOT / p).exists())
    assert missing == [], f"{doc} names files that do not exist: {missing}"
