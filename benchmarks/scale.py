#!/usr/bin/env python3
"""Cost with the number of merchants in one file (issue 11 item 12): CPU time and peak memory of
whole `gmvcli` processes.

    .venv/bin/python benchmarks/scale.py [--merchants 10000] [--big 100000] [--skip-big]

- `compare` and `diff` as a table (piped: 80 columns, no colour) against `--format json` of the same
  file, at --merchants; budget: table ≤ 3× json.
- `compare --format jsonl` at --big merchants: peak RSS (budget < 1 GiB).
- `simulate --runs 10000000` (one merchant) and `simulate --periods 600 --runs 50000`: peak RSS
  (budget < 1 GiB).

CPU time (user + system of the child) is reported rather than wall time, which the shared machine
makes noisy; both are printed.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GMVCLI = [sys.executable, "-m", "gmvcli"]

ROW = (
    "  - {{id: m{i}, name: 商家{i}, role: brand, cogs_rate: 40%, shelf: {{uv: {uv}, "
    "conversion_rate: 2%, aov: 89, traffic_cost_per_uv: 0.6}}, content: {{private_uv: {pu}, "
    "reach_rate: 20%, public_uv: 300, watch_minutes: 5, orders_per_minute: 0.5%, aov: 89, "
    "public_cost_per_uv: 0.5}}}}"
)
UNCERTAIN = """\
name: one uncertain merchant
merchants:
  - id: a
    name: A
    shelf: {uv: "1万 to 3万", conversion_rate: 2%, aov: 89, traffic_cost_per_uv: 0.6}
    content: {private_uv: 5000, reach_rate: 20%, public_uv: 3000, watch_minutes: {low: 3, high: 8},
              orders_per_minute: 0.5%, aov: 89, public_cost_per_uv: 0.5}
"""


def many(path: Path, n: int) -> Path:
    rows = (ROW.format(i=i, uv=1000 + i, pu=500 + i) for i in range(n))
    path.write_text("name: scale\nmerchants:\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def measure(args: list[str], cwd: Path) -> tuple[float, float, float]:
    """(CPU seconds, wall seconds, peak RSS MiB) of one gmvcli process, output discarded."""
    env = {**os.environ, "COLUMNS": "80", "LC_ALL": "C.UTF-8"}
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    pid = subprocess.Popen([*GMVCLI, *args], cwd=cwd, env=env, stdout=subprocess.DEVNULL).pid
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"gmvcli {' '.join(args)} failed")
    del before
    return usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024


def line(what: str, figures: tuple[float, float, float]) -> None:
    cpu, wall, rss = figures
    print(f"{what:<44} cpu {cpu:7.2f} s   wall {wall:7.2f} s   peak RSS {rss:7.0f} MiB", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--merchants", type=int, default=10_000)
    parser.add_argument("--big", type=int, default=100_000)
    parser.add_argument("--skip-big", action="store_true")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        many(folder / "many.yaml", options.merchants)
        for command in ("compare", "diff"):
            table = measure([command, "many.yaml"], folder)
            json = measure([command, "many.yaml", "-f", "json"], folder)
            line(f"{command} {options.merchants:,} merchants, table", table)
            line(f"{command} {options.merchants:,} merchants, json", json)
            print(f"  table ÷ json (cpu): {table[0] / json[0]:.2f}× (budget ≤ 3×)")
        (folder / "one.yaml").write_text(UNCERTAIN, encoding="utf-8")
        line("simulate --runs 10,000,000 (one merchant)",
             measure(["simulate", "one.yaml", "--runs", "10000000", "-f", "json"], folder))  # fmt: skip
        line("simulate --periods 600 --runs 50,000",
             measure(["simulate", "one.yaml", "--periods", "600", "--runs", "50000", "-f", "json"],
                     folder))  # fmt: skip
        if not options.skip_big:
            many(folder / "big.yaml", options.big)
            line(f"compare {options.big:,} merchants, jsonl",
                 measure(["compare", "big.yaml", "-f", "jsonl"], folder))  # fmt: skip


if __name__ == "__main__":
    main()
