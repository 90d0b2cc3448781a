#!/usr/bin/env python3
"""Forecast cost: 120 periods of 100 merchants in one file, against `compare` of the same file.

    .venv/bin/python benchmarks/forecast.py [--merchants 100] [--periods 120]

Whole-process CPU times (user + system of each child, read with os.wait4: the machine is shared, so
wall time mostly measures the neighbours) and the forecast's peak RSS, both with `--format json` to
/dev/null; the ratio is the median of the per-pair ratios of --repeat paired runs.
Budget (issue #16): forecast ≤ 3× compare, memory that streams per merchant.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

MERCHANT = """\
  - id: m{i}
    name: 商家{i}
    role: streamer
    cogs_rate: 45%
    policies: [new_store_commission_free, traffic_coupon, traffic_bet]
    shelf: {{uv: {uv}, conversion_rate: 2.5%, aov: 89, traffic_cost_per_uv: 0.6,
            commission_rate: 5%, discount_rate: 8%, refund_rate: 10%}}
    content: {{fans: 60万, reach_rate: 20%, public_uv: 8万, watch_minutes: 6,
              orders_per_minute: 0.5%, aov: 89, repurchase_frequency: 1.6, public_cost_per_uv: 0.5,
              commission_rate: 5%, refund_rate: 25%, content_cost: 30000}}
"""


def scenario(merchants: int, periods: int) -> str:
    head = (
        "name: forecast benchmark\n"
        f"forecast: {{periods: {periods}, follow_rate: 5%, fan_churn_rate: 2%,"
        " shelf_traffic_cost_growth: 1%, public_cost_growth: 1%}\nmerchants:\n"
    )
    return head + "".join(MERCHANT.format(i=i, uv=100_000 + i * 1000) for i in range(merchants))


def timed(cmd: list[str]) -> tuple[float, float]:
    """CPU seconds and peak RSS (MiB) of one child process."""
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"{' '.join(cmd)}: failed")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--merchants", type=int, default=100)
    parser.add_argument("--periods", type=int, default=120)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    gmvcli = str(Path(sys.executable).parent / "gmvcli")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "many.yaml"
        path.write_text(scenario(args.merchants, args.periods), encoding="utf-8")
        compare = [gmvcli, "compare", str(path), "--format", "json"]
        forecast = [gmvcli, "forecast", str(path), "--format", "json"]
        timed(compare)
        c, f, peak = [], [], 0.0
        for _ in range(args.repeat):
            c.append(timed(compare)[0])
            cpu, rss = timed(forecast)
            f.append(cpu)
            peak = max(peak, rss)
    ratios = [b / a for a, b in zip(c, f, strict=True)]
    print(f"{args.merchants} merchants × {args.periods} periods")
    print(f"compare:  {statistics.median(c) * 1000:.0f} ms CPU")
    print(f"forecast: {statistics.median(f) * 1000:.0f} ms CPU, peak RSS {peak:.0f} MiB")
    print(
        f"ratio: {statistics.median(ratios):.2f}× (runs: {', '.join(f'{r:.2f}' for r in ratios)})"
    )


if __name__ == "__main__":
    main()
