#!/usr/bin/env python3
"""Start-up cost of gmvcli against a minimal Typer "hello" app, timed in the same run.

    .venv/bin/python benchmarks/startup.py [--runs 20]

Each command runs --runs times, interleaved so that machine load hits all of them alike; the
figures are the median wall time and the median CPU time (user + system) of a whole process,
interpreter start included, each as a ratio to the hello app's. CPU time is the steadier of the
two on a shared machine. Budget (issue #16): json ≤ 1.05×, tables (en and zh) ≤ 1.2×, validate ≤ 1.25×.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HELLO = """
import typer

app = typer.Typer()


@app.command()
def main(name: str = "world") -> None:
    print(f"hello {name}")


app()
"""


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--scenario", default=str(ROOT / "scenarios" / "weiwei-factory.yaml"))
    args = parser.parse_args()
    gmvcli = str(Path(sys.executable).parent / "gmvcli")
    with tempfile.TemporaryDirectory() as tmp:
        hello = Path(tmp) / "hello.py"
        hello.write_text(HELLO, encoding="utf-8")
        commands = {
            "typer hello": [sys.executable, str(hello)],
            "compare --format json": [gmvcli, "compare", args.scenario, "--format", "json"],
            "compare (table)": [gmvcli, "compare", args.scenario],
            "compare --lang zh (table)": [gmvcli, "compare", args.scenario, "--lang", "zh"],
            "validate": [gmvcli, "validate", args.scenario],
        }
        for cmd in commands.values():  # warm the page cache and .pyc files
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        walls: dict[str, list[float]] = {name: [] for name in commands}
        cpus: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, cmd in commands.items():
                wall, cpu = timed(cmd)
                walls[name].append(wall)
                cpus[name].append(cpu)
    print(f"{'command':<24} {'wall median':>12} {'ratio':>6} {'CPU median':>11} {'ratio':>6}")
    base_wall = statistics.median(walls["typer hello"])
    base_cpu = statistics.median(cpus["typer hello"])
    for name in commands:
        wall, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
        print(
            f"{name:<24} {wall * 1000:>9.1f} ms {wall / base_wall:>5.2f}× "
            f"{cpu * 1000:>8.1f} ms {cpu / base_cpu:>5.2f}×"
        )


if __name__ == "__main__":
    main()
