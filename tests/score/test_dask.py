"""`--engine dask` on a real distributed.LocalCluster (2 worker processes): equal to local."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from gmvcli.cli import app
from tests.score.tables import ROOT

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
distributed = pytest.importorskip("distributed")

WEIWEI = str(ROOT / "scenarios" / "weiwei-factory.yaml")


def generated(n: int) -> dict[str, list[object]]:
    """A table with every kind of row: values as numbers and as §2 text, policies, bad cells, and
    an id repeated across partitions."""
    import numpy as np

    rng = np.random.default_rng(7)
    policies = ["", "none", "mascot_video", "cash_rebate,traffic_bet", "brand_jbp"]
    columns: dict[str, list[object]] = {
        "id": [f"m{i}" for i in range(n)],
        "shelf.uv": [str(v) for v in rng.integers(1_000, 500_000, n)],
        "shelf.conversion_rate": [f"{v:.2f}%" for v in rng.uniform(1, 4, n)],
        "content.public_uv": [str(v) for v in rng.integers(0, 200_000, n)],
        "content.aov": [str(round(v, 2)) for v in rng.uniform(40, 300, n)],
        "forecast.follow_rate": [f"{v:.1f}%" for v in rng.uniform(0, 10, n)],
        "policies": [policies[i % len(policies)] for i in range(n)],
    }
    columns["id"][n - 3] = "m5"  # repeated, in the last partition
    columns["shelf.uv"][n // 2] = "many"  # bad
    columns["content.aov"][7] = ""  # the template's
    return columns


def test_dask_engine_equals_local(tmp_path: Path) -> None:
    table = tmp_path / "t.parquet"
    pq.write_table(pa.table(generated(1_000)), table, row_group_size=250)
    local, remote = tmp_path / "local.parquet", tmp_path / "dask.parquet"
    runner = CliRunner()
    base = ["score", str(table), "--template", WEIWEI, "--periods", "2"]
    r = runner.invoke(app, [*base, "-o", str(local)])
    assert r.exit_code == 1 and "rows with errors: 2" in r.stderr
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster:
        scheduler = cluster.scheduler_address
        d = runner.invoke(
            app, [*base, "-o", str(remote), "--engine", "dask", "--scheduler", scheduler]
        )
    assert d.exit_code == 1, d.stderr
    assert d.stderr == r.stderr
    a, b = pq.read_table(local), pq.read_table(remote)
    assert a.num_rows == 1_000 and a.equals(b)
    errors = a.column("error").to_pylist()
    assert errors[997] == "row 998, column id: repeated id (first on row 6) (got m5)"
