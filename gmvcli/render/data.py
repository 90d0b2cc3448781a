"""Moved to `gmvcli.data` (results as plain data are core, not rendering); kept while branches that
import it from here are merged."""

from gmvcli.data import *  # noqa: F403
from gmvcli.data import r2, r6

__all__ = ["r2", "r6"]
