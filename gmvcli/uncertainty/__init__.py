"""SPEC §8: uncertain inputs — drawing them (`draws`), putting them into a scenario (`values`),
evaluating the engine on arrays of draws (`evaluate`), and the analyses: `simulate`, `sensitivity`
(the tornado) and `sobol`.

numpy is imported inside the functions, so that `compare` and friends never pay for it. The
engine itself is the same code as for one number: its formulas are plain arithmetic and run on
arrays unchanged, so simulate with zero-width distributions gives exactly `compare`.
"""

from gmvcli.uncertainty.draws import (
    METRICS,
    draw,
    quantile,
)
from gmvcli.uncertainty.evaluate import (
    Outcome,
    advantage,
    evaluate,
    metric,
)
from gmvcli.uncertainty.sensitivity import (
    Swing,
    inputs_of,
    sensitivity,
)
from gmvcli.uncertainty.simulate import (
    CHUNK,
    Achieved,
    Chunk,
    MerchantSimulation,
    Simulation,
    chunks,
    generators,
    run_simulation,
    simulate,
)
from gmvcli.uncertainty.sobol import (
    SobolResult,
    SobolRow,
    quantiles,
    sobol,
)
from gmvcli.uncertainty.values import (
    affects,
    shown_path,
    supported,
    uncertain_of,
    with_value,
)

__all__ = [
    "CHUNK",
    "METRICS",
    "Achieved",
    "Chunk",
    "MerchantSimulation",
    "Outcome",
    "Simulation",
    "SobolResult",
    "SobolRow",
    "Swing",
    "advantage",
    "affects",
    "chunks",
    "draw",
    "evaluate",
    "generators",
    "inputs_of",
    "metric",
    "quantile",
    "quantiles",
    "run_simulation",
    "sensitivity",
    "shown_path",
    "simulate",
    "sobol",
    "supported",
    "uncertain_of",
    "with_value",
]
