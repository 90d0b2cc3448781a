"""The json path must not pay for rich tables, numpy or matplotlib (startup budget)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.helpers import WEIWEI

PROBE = """
import sys
from gmvcli.cli import app  # main() would leave through os._exit before we could look
try:
    app(["compare", sys.argv[1], "--format", "json"], prog_name="gmvcli")
except SystemExit:
    pass
heavy = ("rich.table", "rich.console", "numpy", "matplotlib", "jinja2", "openpyxl", "ruamel.yaml")
heavy = [m for m in heavy if m in sys.modules]
sys.stderr.write("HEAVY=" + ",".join(heavy) + "\\n")
"""


def test_compare_json_imports_no_heavy_modules(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "w.yaml"
    path.write_text(WEIWEI, encoding="utf-8")
    p = subprocess.run(
        [sys.executable, "-c", PROBE, str(path)], capture_output=True, text=True, timeout=60
    )
    assert json.loads(p.stdout)["merchants"][0]["id"] == "weiwei"
    assert "HEAVY=\n" in p.stderr, p.stderr
