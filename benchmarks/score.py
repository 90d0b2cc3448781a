"""`gmvcli score` at scale (SPEC §11): figures for the README.

    python benchmarks/score.py [--rows 10000000] [--forecast-rows 1000000] [--dask] [--dir DIR]

1. compare-only, Parquet → Parquet, against a bare pyarrow + numpy script of the same §4
   formulas on the same file (the ratio, and the peak RSS of each);
2. with --periods 12;
3. (--dask) the Dask engine on a LocalCluster of 2 worker processes, against local.

Each run is a separate process, timed from outside, peak RSS from getrusage of the child.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GMVCLI = [sys.executable, "-m", "gmvcli"]

#: the bare script: the §4 formulas written out by hand with pyarrow + numpy, no checks, no
#: templates, no policies, no error column — the floor that `score` is measured against (it reads
#: Parquet the way `score` does: without pre-buffering, which otherwise holds every row group read)
BARE = r"""
import sys
import numpy as np, pyarrow as pa, pyarrow.parquet as pq
src, dst = sys.argv[1], sys.argv[2]
writer = None
def col(b, n): return b.column(n).to_numpy(zero_copy_only=False).astype(float)
for b in pq.ParquetFile(src, pre_buffer=False, buffer_size=1 << 20).iter_batches(batch_size=1 << 16):
    out = {"id": b.column("id")}
    cogs = col(b, "cogs_rate")
    def model(uv, conv, rep, aov, refund, traffic_cost, comm, disc, content_cost, private=None):
        orders = uv * conv * rep
        gmv = orders * aov
        refunds = gmv * refund
        net = gmv - refunds
        commission = net * comm
        promotion = net * disc
        goods = net * cogs
        total = traffic_cost + commission + promotion + content_cost + goods
        contribution = net - total
        with np.errstate(divide="ignore", invalid="ignore"):
            roi = np.where(traffic_cost != 0, gmv / traffic_cost, np.nan)
        return dict(uv=uv, conversion=conv, orders=orders, gmv=gmv, refunds=refunds, net_gmv=net,
                    **{"costs.traffic": traffic_cost, "costs.commission": commission,
                       "costs.promotion": promotion, "costs.content": content_cost + 0 * uv,
                       "costs.goods": goods, "costs.total": total},
                    rebate=0 * uv, contribution=contribution, roi=roi)
    suv = col(b, "shelf.uv")
    s = model(suv, col(b, "shelf.conversion_rate"), col(b, "shelf.repurchase_frequency"),
              col(b, "shelf.aov"), col(b, "shelf.refund_rate"),
              suv * col(b, "shelf.traffic_cost_per_uv"), col(b, "shelf.commission_rate"),
              col(b, "shelf.discount_rate"), 0.0)
    private = col(b, "content.fans") * col(b, "content.reach_rate")
    public = col(b, "content.public_uv")
    c = model(private + public, col(b, "content.watch_minutes") * col(b, "content.orders_per_minute"),
              col(b, "content.repurchase_frequency"), col(b, "content.aov"),
              col(b, "content.refund_rate"), public * col(b, "content.public_cost_per_uv"),
              col(b, "content.commission_rate"), col(b, "content.discount_rate"),
              col(b, "content.content_cost"))
    c = {"private_uv": private, "public_uv": public, "bonus_uv": 0 * public, **c}
    ratio = lambda a, d: np.where(d != 0, a / np.where(d != 0, d, 1), np.nan)
    cmp = {"gmv_delta": c["gmv"] - s["gmv"], "gmv_ratio": ratio(c["gmv"], s["gmv"]),
           "net_gmv_delta": c["net_gmv"] - s["net_gmv"],
           "contribution_delta": c["contribution"] - s["contribution"],
           "drivers.uv": ratio(c["uv"], s["uv"]), "drivers.conversion": ratio(c["conversion"], s["conversion"]),
           "drivers.aov": ratio(col(b, "content.aov"), col(b, "shelf.aov")),
           "drivers.repurchase": ratio(col(b, "content.repurchase_frequency"), col(b, "shelf.repurchase_frequency"))}
    for prefix, d in (("shelf", s), ("content", c), ("comparison", cmp)):
        for k, v in d.items():
            digits = 6 if k in ("conversion", "roi", "gmv_ratio") or k.startswith("drivers") else 2
            v = np.round(v, digits)
            out[f"{prefix}.{k}"] = pa.array(v, mask=np.isnan(v))
    out["error"] = pa.nulls(b.num_rows, pa.string())
    table = pa.table(out)
    if writer is None:
        writer = pq.ParquetWriter(dst, table.schema)
    writer.write_table(table)
writer.close()
"""


def generate(path: Path, rows: int) -> None:
    """A table of `rows` merchants with every field as a Parquet column (written in chunks)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = np.random.default_rng(0)
    writer = None
    chunk = 1 << 20
    for start in range(0, rows, chunk):
        n = min(chunk, rows - start)
        u = lambda lo, hi, n=n: rng.uniform(lo, hi, n)  # noqa: E731
        cols = {
            "id": pa.array(np.char.add("m", np.arange(start, start + n).astype(str))),
            "cogs_rate": u(0.3, 0.6),
            "shelf.uv": u(1e4, 5e5).round(),
            "shelf.conversion_rate": u(0.01, 0.04),
            "shelf.aov": u(40, 300).round(2),
            "shelf.repurchase_frequency": np.ones(n),
            "shelf.traffic_cost_per_uv": u(0.3, 1.5),
            "shelf.commission_rate": np.full(n, 0.05),
            "shelf.discount_rate": u(0, 0.1),
            "shelf.refund_rate": u(0.1, 0.35),
            "content.fans": u(1e4, 1e6).round(),
            "content.reach_rate": u(0.05, 0.3),
            "content.public_uv": u(0, 2e5).round(),
            "content.watch_minutes": u(2, 8),
            "content.orders_per_minute": u(0.002, 0.01),
            "content.aov": u(40, 300).round(2),
            "content.repurchase_frequency": u(1, 2),
            "content.public_cost_per_uv": u(0.3, 1.5),
            "content.commission_rate": np.full(n, 0.05),
            "content.discount_rate": u(0, 0.1),
            "content.refund_rate": u(0.1, 0.35),
            "content.content_cost": u(0, 5e4).round(),
        }
        table = pa.table(cols)
        if writer is None:
            writer = pq.ParquetWriter(path, table.schema)
        writer.write_table(table, row_group_size=1 << 20)
    assert writer is not None
    writer.close()


def timed(cmd: list[str]) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS in MiB) of one child process: os.wait4 gives that
    child's own rusage (with its reaped children: Dask's local workers). On a shared machine the
    CPU time is the steadier figure."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    seconds = time.perf_counter() - start
    err = p.stderr.read().decode() if p.stderr else ""
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed:\n{err[-2000:]}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--forecast-rows", type=int, default=1_000_000)
    ap.add_argument("--dask", action="store_true", help="also time --engine dask (2 workers)")
    ap.add_argument("--dir", default=None)
    ap.add_argument("--repeat", type=int, default=1, help="interleaved runs of bare and score")
    args = ap.parse_args()
    work = Path(args.dir or tempfile.mkdtemp(prefix="gmvcli-score-"))
    big = work / f"merchants-{args.rows}.parquet"
    if not big.exists():
        t = time.perf_counter()
        generate(big, args.rows)
        print(
            f"generated {args.rows:,} rows in {time.perf_counter() - t:.1f} s ({big.stat().st_size / 2**20:.0f} MiB)"
        )
    out = work / "out.parquet"
    rows = f"{args.rows:,} rows"
    bare = [sys.executable, "-c", BARE, str(big), str(out)]
    score = [*GMVCLI, "score", str(big), "-o", str(out)]
    runs: dict[str, list[tuple[float, float, float]]] = {"bare": [], "score": []}
    for _ in range(args.repeat):  # interleaved, so both see the same machine
        runs["bare"].append(timed(bare))
        runs["score"].append(timed(score))
    (bw, bc, brss), (sw, sc, srss) = (min(runs[k], key=lambda r: r[1]) for k in ("bare", "score"))
    print(f"bare pyarrow+numpy, {rows}: {bw:.1f} s wall, {bc:.1f} s CPU, peak RSS {brss:.0f} MiB")
    print(
        f"gmvcli score, {rows}: {sw:.1f} s wall, {sc:.1f} s CPU ({sc / bc:.2f}× bare), "
        f"peak RSS {srss:.0f} MiB"
    )
    if args.forecast_rows:
        small = work / f"merchants-{args.forecast_rows}.parquet"
        if not small.exists():
            generate(small, args.forecast_rows)
        w, c, r = timed([*GMVCLI, "score", str(small), "--periods", "12", "-o", str(out)])
        print(
            f"gmvcli score --periods 12, {args.forecast_rows:,} rows: {w:.1f} s wall, {c:.1f} s CPU, peak RSS {r:.0f} MiB"
        )
    if args.dask:
        w, c, r = timed([*GMVCLI, "score", str(big), "--engine", "dask", "-o", str(out)])
        print(
            f"gmvcli score --engine dask (LocalCluster, 2 workers), {rows}: {w:.1f} s wall "
            f"({w / sw:.2f}× local), {c:.1f} s CPU in all processes, client peak RSS {r:.0f} MiB"
        )
    os.remove(out)


if __name__ == "__main__":
    main()
