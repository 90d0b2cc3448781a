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


def test_the_command_registry_names_the_module_of_every_command() -> None:
    """`main` imports only the module of the command it runs (gmvcli.cli.COMMANDS)."""
    from gmvcli.cli import COMMANDS, MODULES, app

    registered = {
        c.name or c.callback.__name__: c.callback.__module__.rsplit(".", 1)[1]
        for c in app.registered_commands
        if c.callback is not None
    }
    assert registered == COMMANDS
    assert set(COMMANDS.values()) == set(MODULES)


ONLY = """
import os, sys
sys.argv = ["gmvcli", "--lang", "en", "compare", sys.argv[1], "--format", "json"]
real_exit = os._exit
def leave(code):
    sys.stdout.flush()
    mods = sorted(m for m in sys.modules if m.startswith("gmvcli.cli."))
    from gmvcli.messages import CATALOGUE
    sys.stderr.write("MODULES=" + ",".join(mods) + "\\n")
    sys.stderr.write("CATALOGUE=" + str(CATALOGUE._texts is not None) + "\\n")
    real_exit(code)
os._exit = leave
from gmvcli.cli import main
main()
"""


def test_compare_json_imports_only_its_command_and_reads_no_catalogue(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "w.yaml"
    path.write_text(WEIWEI, encoding="utf-8")
    p = subprocess.run(
        [sys.executable, "-c", ONLY, str(path)], capture_output=True, text=True, timeout=60
    )
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["merchants"][0]["id"] == "weiwei"
    commands = {"uncertain", "whatif", "checks", "report", "review", "score", "files"}
    loaded = {m.rsplit(".", 1)[1] for m in p.stderr.split("MODULES=")[1].split()[0].split(",")}
    assert "results" in loaded and not loaded & commands, loaded
    assert "CATALOGUE=False" in p.stderr  # help texts are read for a help page, not for a run


TEXT = """
import sys
from gmvcli.cli import app
try:
    app(["compare", sys.argv[1], "--format", sys.argv[2]], prog_name="gmvcli")
except SystemExit:
    pass
loaded = [m for m in ("gmvcli.forecast", "numpy", "matplotlib") if m in sys.modules]
sys.stderr.write("LOADED=" + ",".join(loaded) + "\\n")
"""


def test_compare_tables_do_not_load_the_forecast(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The renderers share words with forecast's, but only its types: compare's table and
    markdown never import gmvcli.forecast (nor numpy)."""
    path = tmp_path / "w.yaml"
    path.write_text(WEIWEI, encoding="utf-8")
    for fmt in ("table", "markdown"):
        p = subprocess.run(
            [sys.executable, "-c", TEXT, str(path), fmt], capture_output=True, text=True, timeout=60
        )
        assert "weiwei" in p.stdout or "薇薇" in p.stdout, p.stdout
        assert "LOADED=\n" in p.stderr, (fmt, p.stderr)
