"""score's own targets and tables (found by review): it never writes over its table or template,
--errors and -o may not be one file, -o /dev/stdout is written directly, and a ragged CSV row is
a clear error, not an internal one."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pyarrow")

ROOT = Path(__file__).resolve().parents[2]
GMVCLI = str(Path(sys.executable).with_name("gmvcli"))
TABLE = "id,name,shelf.uv\nweiwei,x,1000\n"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    return subprocess.run([GMVCLI, *args], capture_output=True, text=True, cwd=cwd, env=env)


@pytest.fixture
def files(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "scenarios" / "weiwei-factory.yaml", tmp_path / "t.yaml")
    (tmp_path / "m.csv").write_text(TABLE, encoding="utf-8")
    return tmp_path


def test_never_over_the_template_or_the_table(files: Path) -> None:
    before = (files / "t.yaml").read_bytes()
    r = run("score", "m.csv", "--template", "t.yaml", "-f", "csv", "-o", "t.yaml", cwd=files)
    assert r.returncode == 1 and "t.yaml" in r.stderr
    assert (files / "t.yaml").read_bytes() == before
    r = run("score", "m.csv", "--template", "t.yaml", "-f", "csv", "-o", "m.csv", cwd=files)
    assert r.returncode == 1 and (files / "m.csv").read_text(encoding="utf-8") == TABLE


def test_errors_and_output_may_not_be_one_file(files: Path) -> None:
    r = run("score", "m.csv", "--template", "t.yaml", "--errors", "s.csv", "-o", "s.csv", cwd=files)
    assert r.returncode == 2 and not (files / "s.csv").exists()


def test_dev_stdout_is_written_directly(files: Path) -> None:
    out = files / "out.csv"
    with out.open("w") as f:
        args = [GMVCLI, "score", "m.csv", "--template", "t.yaml", "-f", "csv", "-o", "/dev/stdout"]
        p = subprocess.run(args, stdout=f, stderr=subprocess.PIPE, text=True, cwd=files)
    assert p.returncode == 0, p.stderr
    assert out.read_text(encoding="utf-8").splitlines()[1].startswith('"weiwei",')


def test_a_ragged_row_is_a_clear_error(files: Path) -> None:
    (files / "short.csv").write_text("id,name,shelf.uv\nweiwei,x\n", encoding="utf-8")
    r = run("score", "short.csv", "--template", "t.yaml", "-f", "csv", "-o", "o.csv", cwd=files)
    assert r.returncode == 1 and "internal error" not in r.stderr
    assert "short.csv" in r.stderr and "Expected 3 columns" in r.stderr
    assert not (files / "o.csv").exists()
