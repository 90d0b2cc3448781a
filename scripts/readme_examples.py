#!/usr/bin/env python3
"""Refresh the output of the README's one-command examples from real runs.

    .venv/bin/python scripts/readme_examples.py [--check]

Every ```console block whose only prompt line is `$ gmvcli ...` is re-run (80 columns, English
locale unless the command says --lang) and its output replaced. With --check, exit 1 when the
README is not current (nothing is written).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"```console\n(\$ gmvcli [^\n]*)\n(.*?)```", re.S)


def run(command: str) -> str:
    env = dict(os.environ, COLUMNS="80", LANG="C.UTF-8", LC_ALL="", NO_COLOR="1")
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    p = subprocess.run(["bash", "-c", command], capture_output=True, text=True, env=env, cwd=ROOT)
    text = p.stdout + p.stderr
    return "\n".join(line.rstrip() for line in text.rstrip("\n").split("\n")) + "\n"


def main() -> int:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")

    def refresh(match: re.Match[str]) -> str:
        prompt = match.group(1)
        if "$ " in match.group(2):  # several commands in one block: written by hand
            return match.group(0)
        return f"```console\n{prompt}\n{run(prompt[2:])}```"

    new = BLOCK.sub(refresh, text)
    if "--check" in sys.argv:
        return 0 if new == text else 1
    readme.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
