#!/usr/bin/env python3
"""`gmvcli review` over 100,000 session rows against a bare stdlib `csv` script.

    .venv/bin/python benchmarks/review.py [--rows 100000] [--repeat 5]

The export is generated (seeded): zh headers, 12 columns, sessions spread over 12 months of the plan.
The baseline reads the same CSV with `csv.reader` and sums the same columns per month (uv, uv ×
watch minutes, orders, buyers, GMV, refunds, traffic cost, followers/paid visitors, new fans),
nothing else. Both are timed as whole processes (CPU time of the child, medians, interleaved), and in
process (gmvcli's read + review of the rows vs the baseline's loop), so start-up is seen apart.
CPU time rather than wall time: on a shared machine the wall clock mostly measures the neighbours. Budget (issue #13):
≤ 2×.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCENARIO = """\
name: review benchmark
period: month
merchants:
  - id: bench
    name: bench
    content:
      fans: 200000
      reach_rate: 25%
      public_uv: 100000
      watch_minutes: 4
      orders_per_minute: 0.45%
      aov: 109
      repurchase_frequency: 1.25
      public_cost_per_uv: 0.6
      refund_rate: 28%
    forecast: {periods: 12, follow_rate: 15%, public_cost_growth: 2%}
"""
HEADER = "开播时间,观看人数,粉丝观看人数,付费观看人数,人均观看时长,成交订单数,成交人数,成交金额,退款金额,投放消耗,新增粉丝\n"

BASELINE = r"""
import csv, sys
sums = {}
with open(sys.argv[1], encoding="utf-8", newline="") as f:
    reader = csv.reader(f)
    next(reader)
    for row in reader:
        month = row[0][:7]
        s = sums.get(month)
        if s is None:
            s = sums[month] = [0.0] * 10
        uv = float(row[1])
        m, sec = row[4].split(":")
        s[0] += uv
        s[1] += uv * (int(m) + int(sec) / 60)
        s[2] += float(row[5])
        s[3] += float(row[6])
        s[4] += float(row[7])
        s[5] += float(row[8])
        s[6] += float(row[9])
        s[7] += float(row[2])
        s[8] += float(row[3])
        s[9] += float(row[10])
print(len(sums))
"""


def make_export(path: Path, rows: int) -> None:
    rng = random.Random(0)
    lines = [HEADER]
    for i in range(rows):
        month = 1 + i * 12 // rows
        day = 1 + rng.randrange(28)
        uv = rng.randint(800, 9000)
        private = uv * rng.randint(25, 35) // 100
        public = uv * rng.randint(55, 64) // 100
        seconds = rng.randint(120, 320)
        buyers = uv * seconds // 60 * rng.randint(30, 50) // 10000
        orders = buyers + buyers // 5
        gmv = round(orders * rng.uniform(90, 130), 2)
        lines.append(
            f"2024-{month:02d}-{day:02d} {rng.randint(8, 22):02d}:{rng.choice(('00', '30'))},"
            f"{uv},{private},{public},{seconds // 60}:{seconds % 60:02d},{orders},{buyers},"
            f"{gmv},{round(gmv * 0.25, 2)},{round(public * 0.61, 2)},{public // 8}\n"
        )
    path.write_text("".join(lines), encoding="utf-8")


def timed(cmd: list[str]) -> float:
    """CPU seconds (user + system) of the child: steadier than wall time on a shared machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def in_process(scenario: Path, export: Path, baseline: Path) -> tuple[float, float]:
    from gmvcli.loader import load_bytes
    from gmvcli.model import parse_scenario
    from gmvcli.review.actuals import read
    from gmvcli.review.review import review

    plan = parse_scenario(load_bytes(scenario.read_bytes(), str(scenario)))
    start = time.process_time()
    review(plan, str(scenario), read(str(export)))
    ours = time.process_time() - start
    code = compile(baseline.read_text(), str(baseline), "exec")
    argv, sys.argv = sys.argv, ["baseline", str(export)]
    import contextlib
    import io

    start = time.process_time()
    with contextlib.redirect_stdout(io.StringIO()):
        exec(code, {"__name__": "__main__"})
    base = time.process_time() - start
    sys.argv = argv
    return ours, base


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    gmvcli = str(Path(sys.executable).parent / "gmvcli")
    with tempfile.TemporaryDirectory() as tmp:
        scenario = Path(tmp) / "plan.yaml"
        scenario.write_text(SCENARIO, encoding="utf-8")
        export = Path(tmp) / "sessions.csv"
        make_export(export, args.rows)
        baseline = Path(tmp) / "baseline.py"
        baseline.write_text(BASELINE, encoding="utf-8")
        ours_cmd = [gmvcli, "review", str(scenario), str(export), "--format", "json"]
        base_cmd = [sys.executable, str(baseline), str(export)]
        timed(ours_cmd)  # warm the page cache
        ours, base, ours_in, base_in = [], [], [], []
        for _ in range(args.repeat):
            ours.append(timed(ours_cmd))
            base.append(timed(base_cmd))
            o, b = in_process(scenario, export, baseline)
            ours_in.append(o)
            base_in.append(b)
    o, b = statistics.median(ours), statistics.median(base)
    oi, bi = statistics.median(ours_in), statistics.median(base_in)
    print(f"rows: {args.rows:,}")
    print(f"whole process: gmvcli review {o * 1000:.0f} ms, bare csv script {b * 1000:.0f} ms "
          f"= {o / b:.2f}×")  # fmt: skip
    print(f"in process:    read + review  {oi * 1000:.0f} ms, bare csv loop   {bi * 1000:.0f} ms "
          f"= {oi / bi:.2f}×")  # fmt: skip


if __name__ == "__main__":
    main()
