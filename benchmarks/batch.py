#!/usr/bin/env python3
"""Batch cost: one `gmvcli compare DIR --format jsonl` over N files, per file, against libyaml.

    .venv/bin/python benchmarks/batch.py [--files 2000]

The files are the shipped scenarios copied with varied numbers. gmvcli's per-file cost is
(time of the batch run − time of the same command on one file) ÷ N, so start-up is not counted;
the baseline is a plain Python loop doing `yaml.load(text, CSafeLoader)` and `json.dumps` of each
file. Times are CPU time (user + system; the children's for gmvcli, the process's own for the
baseline), the steadier measure on a shared machine; the runs are interleaved and the figures are
medians. Budget (issue #16): gmvcli's per-file cost ≤ 1.3× the baseline's.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def make_files(directory: Path, count: int) -> list[Path]:
    examples = sorted((ROOT / "scenarios").glob("*.yaml"))
    texts = [p.read_text(encoding="utf-8") for p in examples]
    paths = []
    for i in range(count):
        # every copy differs: the first aov (written `aov: ¥89` or `aov: 89`) takes another value
        text = re.sub(r"aov: ¥?[0-9.]+", f"aov: ¥{60 + i % 90}", texts[i % len(texts)], count=1)
        path = directory / f"s{i:05d}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def baseline(paths: list[Path]) -> float:
    start = time.process_time()
    for path in paths:
        data = yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
        json.dumps(data, ensure_ascii=False)
    return time.process_time() - start


def run(cmd: list[str]) -> float:
    """CPU time (user + system) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    gmvcli = str(Path(sys.executable).parent / "gmvcli")
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp) / "batch"
        directory.mkdir()
        paths = make_files(directory, args.files)
        one = [gmvcli, "compare", str(paths[0]), "--format", "jsonl"]
        batch = [gmvcli, "compare", str(directory), "--format", "jsonl"]
        run(batch)  # warm the page cache
        single, total, base = [], [], []
        for _ in range(args.repeat):
            single.append(run(one))
            total.append(run(batch))
            base.append(baseline(paths))
    n = args.files
    per_file = (statistics.median(total) - statistics.median(single)) / n
    per_base = statistics.median(base) / n
    print(f"files: {n}")
    print(
        f"gmvcli batch run: {statistics.median(total):.2f} s CPU "
        f"(one file: {statistics.median(single):.2f} s)"
    )
    print(f"gmvcli per file:  {per_file * 1000:.3f} ms")
    print(f"libyaml + json.dumps per file: {per_base * 1000:.3f} ms")
    print(f"ratio: {per_file / per_base:.2f}×")


if __name__ == "__main__":
    main()
