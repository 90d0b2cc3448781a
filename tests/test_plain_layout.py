"""Tables without colour are laid out without rich (gmvcli/render/layout.py) and print exactly what
rich prints (issue 11 item 12, issue 16 item 0)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gmvcli.compare import compare_scenario
from gmvcli.diff import diff
from gmvcli.forecast import forecast_scenario
from gmvcli.loader import load_bytes
from gmvcli.model import parse_scenario
from gmvcli.render import layout, richgrid
from gmvcli.render import table as rtable
from gmvcli.render.grid import Column, Grid, Line, print_blocks
from tests.conftest import ROOT, SCENARIOS

PROBE = """
import sys
from gmvcli.cli import app  # main() would leave through os._exit before we could look
for args in sys.argv[1:]:
    try:
        app(args.split("|"), prog_name="gmvcli")
    except SystemExit:
        pass
# rich.cells (its table of character widths) is all a plain table may use
allowed = {"rich", "rich._extension", "rich.cells", "rich._unicode_data"}
loaded = [m for m in sys.modules if m.startswith("rich")]
loaded = [m for m in loaded if m not in allowed and not m.startswith("rich._unicode_data.")]
sys.stderr.write("RICH=" + ",".join(sorted(loaded)) + "\\n")
"""


def test_piped_tables_never_import_rich() -> None:
    brand, weiwei = str(SCENARIOS / "brand.yaml"), str(SCENARIOS / "weiwei-factory.yaml")
    sessions = str(SCENARIOS / "actuals" / "weiwei-sessions.csv")
    runs = [
        f"compare|{weiwei}",
        f"compare|{brand}|--lang|zh",
        f"forecast|{weiwei}|-n|6",
        f"diff|{brand}|--set|content.aov=2000万",
        "policies",
        f"review|{weiwei}|{sessions}",
        f"review|{weiwei}|{sessions}|--lang|zh",
        f"fit|{weiwei}|{sessions}",
        f"fit|{weiwei}|{sessions}|--lang|zh",
    ]
    p = subprocess.run(
        [sys.executable, "-c", PROBE, *runs],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "COLUMNS": "80"},
    )
    assert "贡献利润" in p.stdout and "Contribution" in p.stdout  # the tables were printed
    assert "GMV 变动原因" in p.stdout and "90% interval" in p.stdout  # review's and fit's too
    assert "RICH=\n" in p.stderr, p.stderr


def through_rich(blocks: list[Any], width: int) -> str:
    printer = richgrid.console(width, False)
    for block in blocks:
        printer.print(richgrid.renderable(block))
    return str(printer.file.getvalue())  # type: ignore[attr-defined]


def shipped() -> list[tuple[str, Any, Any]]:
    out = []
    for path in sorted(SCENARIOS.glob("*.yaml")):
        doc = load_bytes(path.read_bytes(), path.name)
        out.append((path.name, parse_scenario(doc), doc))
    return out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_shipped_table_prints_as_rich_prints_it(lang: str) -> None:
    for name, scenario, doc in shipped():
        compared = compare_scenario(scenario, name)
        forecast = forecast_scenario(scenario, doc)
        for width in (40, 60, 80, 123, 160):
            made: list[list[Any]] = [
                rtable.compare_renderables(compared, lang, width),
                rtable.forecast_renderables(forecast, lang, width),
            ]
            for block in made:
                assert print_blocks(block, width, False) == through_rich(block, width), (
                    name,
                    width,
                )


def _no_layout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(layout, "grid_text", lambda grid, width: None)
    monkeypatch.setattr(layout, "line_text", lambda text, width: None)


def test_diff_prints_as_rich_prints_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from gmvcli.render import diff as rdiff

    for name, scenario, _ in shipped():
        compared = compare_scenario(scenario, name)
        changed = compare_scenario(scenario._replace(merchants=scenario.merchants[:1]), name)
        for width in (40, 80):
            for lang in ("en", "zh"):
                merchants = diff(compared, changed)
                fast = rdiff.render_table(merchants, lang, compared.currency, width, False)
                with monkeypatch.context() as patched:
                    _no_layout(patched)
                    slow = rdiff.render_table(merchants, lang, compared.currency, width, False)
                assert fast == slow, (name, lang, width)


WORDS = [
    "GMV",
    "访客数",
    "私域确定UV",
    "净GMV",
    "contribution",
    "x" * 15,
    "薇薇工厂主播带货直播间",
    "-¥19.3万",
    "Visitors (UV)",
    "ｗｉｄｅ",
    "é",
    "",
]
texts = st.lists(
    st.tuples(st.sampled_from(WORDS), st.sampled_from(["", " ", "  ", "\n"])), max_size=4
).map(lambda parts: "".join(a + b for a, b in parts))
columns = st.builds(
    Column,
    header=texts,
    justify=st.sampled_from(["left", "right"]),
    width=st.one_of(st.none(), st.integers(1, 14)),
    min_width=st.one_of(st.none(), st.integers(1, 12)),
    no_wrap=st.booleans(),
    overflow=st.sampled_from(["ellipsis", "fold"]),
)


@st.composite
def grids(draw: st.DrawFn) -> Grid:
    cols = tuple(draw(st.lists(columns, min_size=1, max_size=5)))
    rows = draw(st.lists(st.lists(texts, min_size=len(cols), max_size=len(cols)), max_size=4))
    breaks = draw(st.frozensets(st.integers(1, max(1, len(rows) - 1))))
    title = draw(st.one_of(st.none(), texts.map(lambda t: Line(t, "bold"))))
    return Grid(cols, rows, None, breaks, title)


@given(grids(), st.integers(12, 100))
def test_any_grid_is_laid_out_as_rich_lays_it_out(grid: Grid, width: int) -> None:
    """Where the layout takes a grid (it may leave odd ones to rich), it prints rich's characters:
    wrapped and cut cells, wide characters, shrunk columns, titles, sections."""
    text = layout.grid_text(grid, width)
    if text is not None:
        assert text == through_rich([grid], width)


@given(texts, st.integers(1, 60))
def test_any_line_is_wrapped_as_rich_wraps_it(text: str, width: int) -> None:
    laid = layout.line_text(text, width)
    assert laid is not None
    assert laid == through_rich([Line(text)], width)


def test_a_declined_grid_still_prints_through_rich() -> None:
    grid = Grid((Column("tab"), Column("b", width=30)), [["1\t2", "2"]])
    assert layout.grid_text(grid, 40) is None  # rich expands tabs: left to it
    assert print_blocks([grid], 40, False) == through_rich([grid], 40)
    narrow = Grid(tuple(Column(str(i), width=3) for i in range(8)), [["123"] * 8])
    assert layout.grid_text(narrow, 12) is None  # columns narrower than their padding
    assert print_blocks([narrow], 12, False) == through_rich([narrow], 12)


def test_colour_converts_the_same_model_to_rich(tmp_path: Path) -> None:
    scenario = shipped()[0][1]
    blocks = rtable.compare_renderables(compare_scenario(scenario, "x"), "zh", 80)
    coloured = print_blocks(blocks, 80, True)
    assert "\x1b[1m" in coloured
    assert richgrid.print_rich(blocks, 80, color=False) == print_blocks(blocks, 80, False)


@pytest.mark.parametrize("command", ["review", "fit"])
def test_review_and_fit_print_as_rich_prints_them(
    command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from gmvcli.cli import app

    runs = [
        [
            str(SCENARIOS / "weiwei-factory.yaml"),
            str(SCENARIOS / "actuals" / "weiwei-sessions.csv"),
        ],
        [
            str(ROOT / "tests" / "data" / "review" / f"p3-review.{ext}")
            for ext in ("yaml", "actuals.csv")
        ],
    ]
    for args in runs:
        for width in (40, 60, 80, 160):
            for lang in ("en", "zh"):
                argv, env = [command, *args, "--lang", lang], {"COLUMNS": str(width)}
                fast = CliRunner().invoke(app, argv, env=env)
                with monkeypatch.context() as patched:
                    _no_layout(patched)
                    slow = CliRunner().invoke(app, argv, env=env)
                assert fast.exit_code == 0 and "───" in fast.stdout, fast.output
                assert fast.stdout == slow.stdout, (args, lang, width)
