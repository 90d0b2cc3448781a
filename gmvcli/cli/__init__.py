"""The `gmvcli` command line: parse arguments, run the core, write text, set the exit code.

`common` holds the app and what the commands share; each command module registers its commands
on import. Entry point: `main` (`gmvcli`, `python -m gmvcli`), which imports the module of the
command it runs and no other, and has Typer build only that command (Click's lazy-group idea):
every command module, and Typer turning every command into a Click command, cost more than most
runs. `app` (and the other names below) import them all, so `gmvcli --help`, tests and shell
completion see every command.
"""

from __future__ import annotations

import gc
import importlib
import sys
from typing import Any

#: the command modules, in the order `gmvcli --help` lists their commands: the main job first
MODULES = ("results", "files", "uncertain", "whatif", "checks", "report", "review", "score")

#: each command → the module that registers it (a test checks this against the registered commands)
COMMANDS = {
    "compare": "results",
    "forecast": "results",
    "validate": "files",
    "explain": "files",
    "policies": "files",
    "schema": "files",
    "init": "files",
    "simulate": "uncertain",
    "sensitivity": "uncertain",
    "sweep": "whatif",
    "solve": "whatif",
    "diff": "checks",
    "test": "checks",
    "report": "report",
    "review": "review",
    "fit": "review",
    "score": "score",
}

__all__ = ["COMMANDS", "MODULES", "app", "complete_merchant", "complete_set", "main"]


def _import(modules: tuple[str, ...]) -> None:
    for module in modules:
        importlib.import_module(f"gmvcli.cli.{module}")


def __getattr__(name: str) -> Any:
    """`app` with every command registered (and the completion helpers), on first use."""
    if name in ("app", "complete_merchant", "complete_set"):
        _import(MODULES)
        from gmvcli.cli import common

        return getattr(common, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def invoked_command(args: list[str]) -> str | None:
    """The command a command line runs: its first word that is not an option (or --lang's value)."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg == "--lang":
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def main() -> None:
    """Console entry point: import and build only the command this run invokes, then run it.

    The root's help, an unknown command and shell completion get every command. The collector is
    kept out of start-up (imports allocate hundreds of thousands of objects, none of them garbage)
    and what start-up made is frozen out of its way: a batch of files then pays a collection only
    for objects of its own.
    """
    gc.disable()
    from gmvcli.cli.language import completing

    name = invoked_command(sys.argv[1:])
    module = None if completing() else COMMANDS.get(name or "")
    _import(MODULES if module is None else (module,))
    from gmvcli.cli import common

    if module is not None:
        common.app.registered_commands = [
            c for c in common.app.registered_commands if _command_name(c) == name
        ]
    gc.freeze()
    gc.enable()
    common.main()


def _command_name(info: Any) -> str:
    return str(info.name or info.callback.__name__.replace("_", "-"))
