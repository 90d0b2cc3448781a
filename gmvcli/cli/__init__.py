"""The `gmvcli` command line: parse arguments, run the core, write text, set the exit code.

`common` holds the app and what the commands share; each other module registers its commands on
import. Entry point: `main` (`gmvcli`, `python -m gmvcli`).
"""

# isort: skip_file
# `gmvcli --help` lists commands in the order their modules are imported: the main job first.
from gmvcli.cli import results, files, uncertain, whatif, checks
from gmvcli.cli import report  # noqa: F401  (registers `gmvcli report`)
from gmvcli.cli import review
from gmvcli.cli import score
from gmvcli.cli.common import app, complete_merchant, complete_set, main

__all__ = [
    "app",
    "checks",
    "complete_merchant",
    "complete_set",
    "files",
    "main",
    "results",
    "review",
    "score",
    "uncertain",
    "whatif",
]
