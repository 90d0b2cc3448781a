#!/usr/bin/env python3
"""simulate cost: 100,000 runs of a 3-merchant file, one period, against bare numpy.

    .venv/bin/python benchmarks/simulate.py [--runs 100000]

Both sides make the same draws (same generator, same order) and report the same percentiles and
P(content wins); the baseline writes the §4 formulas inline as numpy expressions. Timed
in-process (no interpreter start) in CPU time, best of --repeat, and as the median of paired
ratios. Budget (issue #6): gmvcli ≤ 3× the baseline; issue #16 keeps it at ≤ 1.7×. Also times the
same file with correlated inputs.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from gmvcli.loader import load_text
from gmvcli.model import parse_scenario
from gmvcli.render.uncertain import simulate_data
from gmvcli.uncertainty import draw, generators, simulate

MERCHANT = """\
  - id: m{i}
    name: M{i}
    cogs_rate: {{low: 40%, high: 50%}}
    shelf: {{uv: 15万 to 25万, conversion_rate: {{low: 2%, mode: 2.5%, high: 3.5%}}, aov: 89,
            traffic_cost_per_uv: {{mean: 0.6, sd: 0.1}}, commission_rate: 5%, discount_rate: 8%,
            refund_rate: 10%}}
    content: {{private_uv: 8万 to 16万, public_uv: 8万, watch_minutes: 4 to 8,
              orders_per_minute: 0.5%, aov: 89, repurchase_frequency: {{low: 1.2, high: 1.8}},
              public_cost_per_uv: 0.5, commission_rate: 5%, refund_rate: 25%, content_cost: 30000}}
"""
TEXT = "name: bench\nmerchants:\n" + "".join(MERCHANT.format(i=i) for i in range(3))
#: the same file with two rank correlations in every merchant (Iman–Conover, SPEC §8)
CORRELATED = (
    TEXT
    + "correlations:\n"
    + "  - {a: shelf.uv, b: shelf.conversion_rate, rank: -0.4}\n"
    + "  - {a: content.watch_minutes, b: content.repurchase_frequency, rank: 0.5}\n"
)
PERCENTILES = [("p5", 5.0), ("p50", 50.0), ("p95", 95.0)]


def gmvcli_run(scenario: object, runs: int) -> object:
    sims = simulate(scenario, runs, 0)  # type: ignore[arg-type]
    return simulate_data("bench", "bench", runs, 0, sims, PERCENTILES)


def baseline(scenario: object, runs: int) -> object:
    inputs = scenario.uncertain  # type: ignore[attr-defined]
    streams = generators(0, len(inputs))  # one stream per input, as gmvcli draws them
    values = {path: draw(d, g, runs) for (path, d), g in zip(inputs, streams, strict=True)}
    out = []
    for i in range(3):
        v = {p[2:]: x for p, x in values.items() if p[1] == i}
        cogs = v[("cogs_rate",)]
        uv, conv, cost = (
            v[("shelf", "uv")],
            v[("shelf", "conversion_rate")],
            v[("shelf", "traffic_cost_per_uv")],
        )
        gmv = uv * conv * 1.0 * 89
        net = gmv - gmv * 0.10
        shelf = net - (uv * cost + net * 0.05 + net * 0.08 + 0 + net * cogs)
        private = v[("content", "private_uv")]
        watch, rep = v[("content", "watch_minutes")], v[("content", "repurchase_frequency")]
        uv_c = private + 80000 + 0
        gmv_c = uv_c * (watch * 0.005) * rep * 89
        net_c = gmv_c - gmv_c * 0.25
        content = net_c - (80000 * 0.5 + net_c * 0.05 + net_c * 0.0 + 30000 + net_c * cogs)
        row = {}
        for name, g, n, c in (("shelf", gmv, net, shelf), ("content", gmv_c, net_c, content)):
            row[name] = {
                k: np.percentile(x, [5, 50, 95])
                for k, x in (("gmv", g), ("net_gmv", n), ("contribution", c))
            }
        row["p_content_wins"] = float((content > shelf).mean())
        out.append(row)
    return out


def best(fn: object, *args: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn(*args)  # type: ignore[operator]
        times.append(time.process_time() - start)
    return min(times)


def paired(a: object, b: object, *args: object, repeat: int) -> float:
    """Median over `repeat` back-to-back pairs of CPU(a) ÷ CPU(b): steadier on a shared machine
    than comparing two separate bests."""
    import statistics

    ratios = []
    for _ in range(repeat):
        start = time.process_time()
        a(*args)  # type: ignore[operator]
        middle = time.process_time()
        b(*args)  # type: ignore[operator]
        ratios.append((middle - start) / (time.process_time() - middle))
    return statistics.median(ratios)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    scenario = parse_scenario(load_text(TEXT, "bench.yaml"))
    ours = gmvcli_run(scenario, 1000)
    theirs = baseline(scenario, 1000)
    m0 = ours["merchants"][0]  # type: ignore[index]
    assert (
        abs(m0["content"]["contribution"]["p50"] - theirs[0]["content"]["contribution"][1]) < 0.01
    )
    g = best(gmvcli_run, scenario, args.runs, repeat=args.repeat)
    b = best(baseline, scenario, args.runs, repeat=args.repeat)
    correlated = parse_scenario(load_text(CORRELATED, "bench.yaml"))
    c = best(gmvcli_run, correlated, args.runs, repeat=args.repeat)
    print(f"{args.runs:,} runs × 3 merchants, one period")
    print(f"gmvcli simulate: {g * 1000:.1f} ms")
    print(f"bare numpy:      {b * 1000:.1f} ms")
    print(
        f"ratio: {g / b:.2f}× (bests); median of paired CPU ratios: "
        f"{paired(gmvcli_run, baseline, scenario, args.runs, repeat=args.repeat * 3):.2f}×"
    )
    print(f"with 2 correlations per merchant: {c * 1000:.1f} ms ({c / g:.2f}× uncorrelated)")


if __name__ == "__main__":
    main()
