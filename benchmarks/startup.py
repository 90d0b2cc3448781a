#!/usr/bin/env python3
"""Start-up cost of gmvcli against a minimal Typer "hello" app, timed in the same run.

    .venv/bin/python benchmarks/startup.py [--runs 20]

Each command runs --runs times, interleaved so that machine load hits all of them alike; the
figure is the median wall time of a whole process (interpreter start included), and the ratio
is against the hello app. Budget (issue #3): json ≤ 1.25×, table ≤ 1.5×.
"""

from __future__ import annotations

import argparse
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


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


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
        }
        for cmd in commands.values():  # warm the page cache and .pyc files
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, cmd in commands.items():
                try:
                    times[name].append(timed(cmd))
                except subprocess.CalledProcessError:
                    times[name].append(float("nan"))
    base = statistics.median(times["typer hello"])
    print(f"{'command':<24} {'median ms':>10} {'ratio':>7}")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:<24} {median * 1000:>10.1f} {median / base:>6.2f}×")


if __name__ == "__main__":
    main()
