"""`simulate` (SPEC §8): draws in chunks (memory does not grow with the runs), correlated with
Iman–Conover where the file asks, evaluated, and kept for percentiles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from gmvcli.loader import PathPart
from gmvcli.model import Scenario
from gmvcli.uncertainty.draws import METRICS, draw
from gmvcli.uncertainty.evaluate import Outcome, evaluate, gap
from gmvcli.uncertainty.values import affects, supported, with_value

if TYPE_CHECKING:
    import numpy as np


#: draws are made and evaluated this many at a time, so memory does not grow with --runs
CHUNK = 50_000
#: with --periods a chunk holds every period's rows at once: keep runs × periods under this many
#: (12 periods keep the full CHUNK; 600 periods, 1,000 runs a chunk: memory stays under 1 GiB)
CHUNK_CELLS = 600_000


class MerchantSimulation(NamedTuple):
    id: str
    name: str
    shelf: dict[str, np.ndarray] | None
    content: dict[str, np.ndarray] | None
    advantage: np.ndarray | None


class Achieved(NamedTuple):
    """A correlation as written and the Spearman rank correlation the draws achieved."""

    a: str
    b: str
    rank: float
    achieved: float


class Simulation(NamedTuple):
    merchants: list[MerchantSimulation]
    correlations: list[Achieved]


class Chunk(NamedTuple):
    """Draws start..start+size-1 (0-based): each input's values and each merchant's outcome."""

    start: int
    size: int
    inputs: dict[tuple[PathPart, ...], np.ndarray]
    outcomes: list[Outcome]


def chunks(runs: int, chunk: int = CHUNK) -> list[tuple[int, int]]:
    """(start, size) of equal-sized chunks covering `runs` (no tiny last chunk)."""
    count = max(1, -(-runs // chunk))
    base, extra = divmod(runs, count)
    out, start = [], 0
    for k in range(count):
        size = base + (1 if k < extra else 0)
        out.append((start, size))
        start += size
    return out


def generators(seed: int, count: int) -> list[np.random.Generator]:
    """One independent stream per input (numpy SeedSequence.spawn): an input's draws depend only
    on the seed and its place in the file, never on the chunk size or on the other inputs."""
    import numpy as np

    return [np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(count)]


def simulate(
    scenario: Scenario, runs: int, seed: int, periods: int | None = None
) -> list[MerchantSimulation]:
    """Draw every uncertain input `runs` times and evaluate each merchant on the draws: the
    merchants of `run_simulation`, for a caller that wants no progress or samples."""
    return run_simulation(scenario, runs, seed, periods).merchants


def run_simulation(
    scenario: Scenario,
    runs: int,
    seed: int,
    periods: int | None = None,
    chunk: int = CHUNK,
    progress: Any = None,
    sink: Any = None,
) -> Simulation:
    """Draw every uncertain input `runs` times, impose the file's correlations, and evaluate
    each merchant on the draws, chunk by chunk; `sink(Chunk)` sees every chunk (for --samples).

    Outputs are written into arrays allocated once; draws live only as long as their chunk.
    """
    import numpy as np

    from gmvcli import correlations as corr

    if periods is not None:
        chunk = max(1, min(chunk, CHUNK_CELLS // periods))
    inputs = [(p, d) for p, d in scenario.uncertain if supported(p)]
    streams = generators(seed, len(inputs))
    groups = corr.groups(scenario.correlations)
    # the reordering has its own stream, so the draws themselves are the same with or without it
    reorder = np.random.default_rng([seed, 0x1C])
    mine = [
        [k for k, (p, _) in enumerate(inputs) if affects(scenario, p, i)]
        for i in range(len(scenario.merchants))
    ]
    kept: list[dict[str, dict[str, np.ndarray] | None]] = []
    for m in scenario.merchants:
        kept.append(
            {
                model: None if getattr(m, model) is None else {k: np.empty(runs) for k in METRICS}
                for model in ("shelf", "content")
            }
        )
    achieved = [0.0] * len(scenario.correlations)
    for start, size in chunks(runs, chunk):
        values = {p: draw(d, g, size) for (p, d), g in zip(inputs, streams, strict=True)}
        ranks: dict[tuple[PathPart, ...], np.ndarray] = {}
        for group in groups:
            ranks.update(corr.impose(values, group, reorder))
        for j, c in enumerate(scenario.correlations):
            if c.a in ranks:
                achieved[j] += corr.rank_correlation(ranks[c.a], ranks[c.b]) * size / runs
        outcomes = []
        for index, keys in enumerate(mine):
            trial = scenario
            for k in keys:
                trial = with_value(trial, inputs[k][0], values[inputs[k][0]])
            outcome = evaluate(trial, trial.merchants[index], periods)
            outcomes.append(outcome)
            for model in ("shelf", "content"):
                got, into = getattr(outcome, model), kept[index][model]
                if got is not None and into is not None:
                    for metric in METRICS:
                        into[metric][start : start + size] = got[metric]
            if progress is not None:
                progress(size)
        if sink is not None:
            sink(Chunk(start, size, values, outcomes))
    out = []
    for m, models in zip(scenario.merchants, kept, strict=True):
        shelf, content = models["shelf"], models["content"]
        adv = gap(shelf, content)
        out.append(MerchantSimulation(m.id, m.name, shelf, content, adv))
    found = [
        Achieved(c.a_ref, c.b_ref, c.rank, achieved[j]) for j, c in enumerate(scenario.correlations)
    ]
    return Simulation(out, found)
