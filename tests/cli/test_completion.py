"""Merchant-id completion in a real shell: the bash script gmvcli prints, sourced in `bash --norc`,
driven the way bash drives it (COMP_WORDS / COMP_CWORD)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gmvcli.cli import app
from tests.conftest import SCENARIOS

FILE = str(SCENARIOS / "service-provider.yaml")
SCRIPT = r"""
source SCRIPT_FILE
complete_words() {
  read -ra COMP_WORDS <<< "$1"
  [[ "$1" == *" " ]] && COMP_WORDS+=("")
  COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
  COMPREPLY=()
  _gmvcli_completion gmvcli
  echo "${COMPREPLY[*]}"
}
complete_words "gmvcli compare FILE --merchant "
complete_words "gmvcli compare FILE --set h"
"""


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_merchant_ids_complete_after_the_file_in_bash(tmp_path: Path) -> None:
    bin_dir = Path(sys.executable).parent
    if not (bin_dir / "gmvcli").exists():
        pytest.skip("gmvcli is not installed beside this Python")
    # the script `gmvcli --show-completion bash` prints (asked in-process: one process less)
    shown = CliRunner().invoke(app, ["--show-completion", "bash"])
    assert "complete -o default -F _gmvcli_completion gmvcli" in shown.stdout
    script = tmp_path / "gmvcli.bash"
    script.write_text(shown.stdout, encoding="utf-8")
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    commands = SCRIPT.replace("SCRIPT_FILE", str(script)).replace("FILE", FILE)
    r = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", commands],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
    merchant, set_ = r.stdout.splitlines()
    assert merchant.split() == ["hongyun", "nuts", "teafarm", "xiaoyu"]
    assert set_.split() == ["hongyun:"]
