#!/usr/bin/env python3
"""sweep cost: a 1000 × 1000 grid (1,000,000 points) to CSV, against the bare-numpy floor.

    .venv/bin/python benchmarks/sweep.py [--side 1000] [--repeat 3] [--format csv|json]

Runs `gmvcli sweep` as a child process writing to a file, then `benchmarks/sweep_bare.py` (the
same grid evaluated with bare numpy and written with pyarrow's CSV writer, and with numpy.savetxt),
and reads each child's CPU time (user + system: the machine is shared, so wall time mostly measures
the neighbours) and peak resident memory with os.wait4. Ratios are the median of per-run ratios.
Budget (issue #16): CPU ≤ 2× the faster floor; peak memory under 1 GiB (issue #6).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(cmd: list[str]) -> tuple[float, float]:
    """CPU seconds and peak RSS (MiB) of one child process."""
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"{cmd[0]} failed: exit {child.returncode}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--side", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--format", default="csv", choices=["csv", "json", "jsonl"])
    args = parser.parse_args()
    gmvcli = str(Path(sys.executable).parent / "gmvcli")
    n = args.side
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"grid.{args.format}"
        sweep = [
            gmvcli, "sweep", str(ROOT / "scenarios" / "weiwei-factory.yaml"),
            "--vary", f"content.aov=50:{50 + (n - 1) * 0.1:.1f}:0.1",
            "--vary", f"shelf.traffic_cost_per_uv=0.3:{0.3 + (n - 1) * 0.001:.3f}:0.001",
            "--format", args.format, "-o", str(out),
        ]  # fmt: skip
        bare = [sys.executable, str(ROOT / "benchmarks" / "sweep_bare.py")]
        floors = {
            h: [*bare, h, str(n), str(Path(tmp) / f"{h}.csv")] for h in ("pyarrow", "savetxt")
        }
        times: dict[str, list[float]] = {"gmvcli": [], "pyarrow": [], "savetxt": []}
        peak = 0.0
        for _ in range(args.repeat):
            cpu, rss = run(sweep)
            times["gmvcli"].append(cpu)
            peak = max(peak, rss)
            for how, cmd in floors.items():
                times[how].append(run(cmd)[0])
        size = out.stat().st_size
    print(f"grid: {n} × {n} = {n * n:,} points; {args.format} {size / 1e6:.0f} MB")
    for name, values in times.items():
        print(
            f"{name:8} CPU {statistics.median(values):6.2f} s  (runs: {', '.join(f'{v:.2f}' for v in values)})"
        )
    for how in ("pyarrow", "savetxt"):
        ratios = [g / f for g, f in zip(times["gmvcli"], times[how], strict=True)]
        print(f"gmvcli / {how}: {statistics.median(ratios):.2f}×")
    print(f"gmvcli peak memory (RSS): {peak:.0f} MiB")


if __name__ == "__main__":
    main()
