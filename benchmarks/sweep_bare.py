#!/usr/bin/env python3
"""The floor for `benchmarks/sweep.py`: the same grid on weiwei-factory.yaml evaluated with bare numpy
(the §4 formulas written out for this one merchant) and written as the same CSV columns.

    .venv/bin/python benchmarks/sweep_bare.py pyarrow|savetxt SIDE OUT.csv

`pyarrow` writes with pyarrow.csv.write_csv (it prints 50.0 as 50, so the text differs slightly);
`savetxt` with numpy.savetxt and "%s" cells (Python's repr of each float, as gmvcli writes).
"""

from __future__ import annotations

import sys

import numpy as np


def grid(side: int) -> dict[str, np.ndarray]:
    i, j = np.divmod(np.arange(side * side), side)
    aov = np.round(50 + i * 0.1, 1)
    cost = np.round(0.3 + j * 0.001, 3)
    # shelf: uv 20万 × 2.5% × ¥89; refunds 20%; commission 5%, discount 10%, cogs 40%
    shelf_gmv = np.full(side * side, 200_000 * 0.025 * 89.0)
    shelf_net = shelf_gmv * (1 - 0.2)
    shelf_contribution = shelf_net * (1 - 0.05 - 0.10 - 0.40) - 200_000 * cost
    # content: (20万 × 25% + 10万 + 1万 bonus) × 4 min × 0.45% × 1.25 × aov; refunds 28%
    content_gmv = (200_000 * 0.25 + 100_000 + 10_000) * 4 * 0.0045 * 1.25 * aov
    content_net = content_gmv * (1 - 0.28)
    content_contribution = content_net * (1 - 0.05 - 0.02 - 0.40) - 100_000 * 0.6 - 35_000
    out = {
        "content.aov": aov,
        "shelf.traffic_cost_per_uv": cost,
        "shelf_gmv": shelf_gmv,
        "content_gmv": content_gmv,
        "shelf_contribution": shelf_contribution,
        "content_contribution": content_contribution,
        "advantage": content_contribution - shelf_contribution,
    }
    return {k: v if k.count(".") else np.round(v, 2) + 0.0 for k, v in out.items()}


def main() -> None:
    how, side, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    columns = grid(side)
    n = side * side
    if how == "pyarrow":
        import pyarrow as pa
        import pyarrow.csv as pacsv

        table = pa.table(
            {
                "file": pa.array(["scenarios/weiwei-factory.yaml"] * n),
                "merchant": pa.array(["weiwei"] * n),
                **columns,
            }
        )
        pacsv.write_csv(table, out, pacsv.WriteOptions(quoting_style="none"))
    else:
        header = ",".join(["file", "merchant", *columns])
        np.savetxt(
            out,
            np.column_stack(list(columns.values())),
            fmt="scenarios/weiwei-factory.yaml,weiwei" + ",%s" * len(columns),
            header=header,
            comments="",
        )


if __name__ == "__main__":
    main()
