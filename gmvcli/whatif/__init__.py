"""SPEC §8 what-if, in the core: the fields that can change (`fields`), `sweep` (a grid evaluated
vectorised) and `solve` (goal seek by bracketed root finding). Their output as CSV/JSON lines is
rendering: `gmvcli.render.sweep`."""

from gmvcli.whatif.fields import (
    MAX_GRID,
    SWEEP_METRICS,
    FieldRef,
    NoSolution,
    WhatIfError,
    evaluate_points,
    numeric_paths,
    parse_field,
)
from gmvcli.whatif.solve import (
    TARGET_METRICS,
    Solution,
    Target,
    parse_target,
    pick_merchant,
    solve,
    solve_json,
    target_text,
)
from gmvcli.whatif.sweep import (
    SweepChunk,
    Vary,
    check_grid,
    chunk_rows,
    grid_size,
    parse_vary,
    round2,
    sweep_chunks,
    sweep_gaps,
    sweep_json,
    sweep_merchants,
    sweep_rows,
)

__all__ = [
    "MAX_GRID",
    "SWEEP_METRICS",
    "TARGET_METRICS",
    "FieldRef",
    "NoSolution",
    "Solution",
    "SweepChunk",
    "Target",
    "Vary",
    "WhatIfError",
    "check_grid",
    "chunk_rows",
    "evaluate_points",
    "grid_size",
    "numeric_paths",
    "parse_field",
    "parse_target",
    "parse_vary",
    "pick_merchant",
    "round2",
    "solve",
    "solve_json",
    "sweep_chunks",
    "sweep_gaps",
    "sweep_json",
    "sweep_merchants",
    "sweep_rows",
    "target_text",
]
