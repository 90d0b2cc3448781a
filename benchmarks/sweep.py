#!/usr/bin/env python3
"""sweep cost: a 1000 × 1000 grid (1,000,000 points) to CSV — wall time and peak memory.

    .venv/bin/python benchmarks/sweep.py [--side 1000]

Runs `gmvcli sweep` as a child process writing CSV to a file, and reads the child's peak resident
memory (ru_maxrss) when it ends. Budget (issue #6): peak memory under 1 GiB.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--side", type=int, default=1000)
    args = parser.parse_args()
    gmvcli = str(Path(sys.executable).parent / "gmvcli")
    n = args.side
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "grid.csv"
        cmd = [
            gmvcli, "sweep", str(ROOT / "scenarios" / "weiwei-factory.yaml"),
            "--vary", f"content.aov=50:{50 + (n - 1) * 0.1:.1f}:0.1",
            "--vary", f"shelf.traffic_cost_per_uv=0.3:{0.3 + (n - 1) * 0.001:.3f}:0.001",
            "--format", "csv", "-o", str(out),
        ]  # fmt: skip
        start = time.perf_counter()
        subprocess.run(cmd, check=True)
        wall = time.perf_counter() - start
        peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        lines = sum(1 for _ in out.open(encoding="utf-8"))
        size = out.stat().st_size
    print(f"grid: {n} × {n} = {n * n:,} points; CSV {lines - 1:,} rows, {size / 1e6:.0f} MB")
    print(f"wall time: {wall:.1f} s")
    print(f"peak memory (RSS): {peak_kib / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
