"""`--plot` charts (gmvcli.plot): files written in png and svg, labels by language and font,
atomic writes, and clear errors without matplotlib or for another file type."""

from __future__ import annotations

import os
import sys
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from gmvcli import plot
from gmvcli.i18n import label
from gmvcli.plot import files as plot_files
from gmvcli.plot import fonts as plot_fonts
from gmvcli.plot import style as plot_style

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
FORMATS = ("png", "svg")


def _histogram(path: Path, lang: str = "en", title: str = "weiwei") -> None:
    np = pytest.importorskip("numpy")
    draws = np.random.default_rng(0).normal(20_000, 50_000, 500)
    plot.histogram(draws, str(path), lang, title)


def _tornado(path: Path, lang: str = "en", title: str = "weiwei") -> None:
    rows = [
        ("content.aov", -1_000.0, 5_000.0),
        ("content.conversion_rate", -30_000.0, 40_000.0),
        ("shelf.uv", 2_000.0, 1_500.0),
    ]
    plot.tornado(rows, 1_800.0, str(path), lang, title, "advantage")


def _cumulative(path: Path, lang: str = "en", title: str = "weiwei") -> None:
    periods = list(range(1, 13))
    shelf = [10_000.0 * t for t in periods]
    content = [1_500.0 * t * t - 20_000 for t in periods]
    plot.cumulative(periods, shelf, content, str(path), lang, title, "month")


CHARTS: dict[str, Callable[..., None]] = {
    "histogram": _histogram,
    "tornado": _tornado,
    "cumulative": _cumulative,
}


def _check_file(path: Path) -> None:
    data = path.read_bytes()
    assert data, f"{path} is empty"
    if path.suffix == ".png":
        assert data.startswith(PNG_SIGNATURE)
    else:
        root = ET.fromstring(data)
        assert root.tag.endswith("svg")
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".gmvcli-")]


@pytest.fixture
def figures(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """The figures the charts would save; nothing is drawn or written (fast)."""
    saved: list[Any] = []
    monkeypatch.setattr(plot_files, "save", lambda fig, path, fmt: saved.append(fig))
    yield saved


def _texts(fig: Any) -> list[str]:
    """Every piece of text on a figure: titles, axis labels, legend entries, text boxes."""
    from matplotlib.text import Text

    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("chart", sorted(CHARTS))
def test_chart_files(tmp_path: Path, chart: str, fmt: str) -> None:
    pytest.importorskip("matplotlib")
    path = tmp_path / f"{chart}.{fmt}"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        CHARTS[chart](path)
    _check_file(path)


def test_english_labels(tmp_path: Path, figures: list[Any]) -> None:
    pytest.importorskip("matplotlib")
    _histogram(tmp_path / "h.png")
    _tornado(tmp_path / "t.png")
    _cumulative(tmp_path / "c.png")
    hist, _, cum = (_texts(f) for f in figures)
    assert label("plot.advantage", "en") in hist
    assert any(t.startswith("Content ahead in ") and "500 draws" in t for t in hist)
    rows = [t.get_text() for t in figures[1].axes[0].get_yticklabels()]
    assert rows == ["content.conversion_rate", "content.aov", "shelf.uv"]  # largest swing on top
    assert "Content overtakes in month 9" in cum
    assert "Shelf" in cum and "Content + private" in cum


def test_zh_without_cjk_font_falls_back_to_english(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("matplotlib")
    monkeypatch.setattr(plot_fonts, "cjk_font", lambda: None)
    plot_fonts.say_no_cjk.cache_clear()
    assert plot.chart_lang("zh") == "en"
    figures: list[Any] = []
    real = plot_files.save

    def _save(fig: Any, path: str, fmt: str) -> None:
        figures.append(fig)
        real(fig, path, fmt)  # drawn for real: a missing glyph would warn

    monkeypatch.setattr(plot_files, "save", _save)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for chart in CHARTS.values():
            chart(tmp_path / "chart.svg", "zh", "维维工厂 weiwei")
    assert len(figures) == 3
    for fig in figures:
        texts = _texts(fig)
        assert not [t for t in texts if any("\u4e00" <= c <= "\u9fff" for c in t)], texts
        assert fig.axes[0].get_title() == "weiwei"  # the Chinese the fonts lack is left out
    # not a silent switch: one line on stderr, in Chinese, once per run
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "未安装含中文字形的字体" in err and "fonts-noto-cjk" in err
    plot_fonts.say_no_cjk.cache_clear()


def test_no_notice_in_english_or_with_a_cjk_font(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("matplotlib")
    plot_fonts.say_no_cjk.cache_clear()
    monkeypatch.setattr(plot_files, "save", lambda fig, path, fmt: None)
    monkeypatch.setattr(plot_fonts, "cjk_font", lambda: None)
    _cumulative(tmp_path / "c.png", "en")
    monkeypatch.setattr(plot_fonts, "cjk_font", lambda: "Some CJK Font")
    _cumulative(tmp_path / "c.png", "zh")
    assert capsys.readouterr().err == ""


def test_zh_labels_with_cjk_font(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, figures: list[Any]
) -> None:
    pytest.importorskip("matplotlib")
    monkeypatch.setattr(plot_fonts, "cjk_font", lambda: "Some CJK Font")
    assert plot.chart_lang("zh") == "zh"
    assert plot.chart_lang("en") == "en"
    _histogram(tmp_path / "h.png", "zh")
    _cumulative(tmp_path / "c.png", "zh")
    hist, cum = (_texts(f) for f in figures)
    assert label("plot.advantage", "zh") in hist
    assert label("plot.draws", "zh") in hist
    assert "货架电商" in cum and "内容+私域" in cum
    assert figures[1].axes[0].get_xlabel() == "期数（month）"
    # money ticks in 万 in zh
    ticks = [t.get_text() for t in figures[1].axes[0].get_yticklabels()]
    assert any(t.endswith("万") for t in ticks), ticks


def _require_cjk_font() -> None:
    pytest.importorskip("matplotlib")
    if plot.cjk_font() is None:
        reason = "no font with CJK glyphs installed (Debian: apt-get install fonts-noto-cjk)"
        if os.environ.get("GMVCLI_REQUIRE_CJK_FONT") == "1":
            pytest.fail(reason + "; GMVCLI_REQUIRE_CJK_FONT=1 (set by .ci/run) requires one")
        pytest.skip(reason)


def test_zh_renders_with_the_installed_cjk_font(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _require_cjk_font()
    from matplotlib import font_manager
    from matplotlib.text import Text

    assert plot.chart_lang("zh") == "zh"
    cjk_file = font_manager.findfont(font_manager.FontProperties(family=plot.cjk_font()))
    assert {ord(c) for c in "货架内容私域"} <= plot_fonts.charmap(cjk_file)
    drawn: list[Any] = []
    real = plot_files.save

    def _save(fig: Any, path: str, fmt: str) -> None:
        drawn.append(fig)
        real(fig, path, fmt)

    monkeypatch.setattr(plot_files, "save", _save)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a glyph missing from every font would warn
        for name, chart in CHARTS.items():
            path = tmp_path / f"{name}.png"
            chart(path, "zh", "维维工厂")
            _check_file(path)
    assert capsys.readouterr().err == ""  # no notice: the font was found
    for fig in drawn:
        assert fig.axes[0].get_title() == "维维工厂"  # the caller's Chinese is kept
        for text in fig.findobj(Text):
            words = text.get_text()
            if any("\u4e00" <= c <= "\u9fff" for c in words):
                # the Chinese words are drawn with the CJK font, not DejaVu's missing-glyph boxes
                found = font_manager.findfont(text.get_fontproperties(), fallback_to_default=False)
                assert {ord(c) for c in words if c > "\u2fff"} <= plot_fonts.charmap(found), words


def test_zh_svg_keeps_chinese_as_outlines(tmp_path: Path) -> None:
    """SVG charts carry the glyphs as paths: a reader without CJK fonts still sees Chinese."""
    _require_cjk_font()
    path = tmp_path / "c.svg"
    _cumulative(path, "zh", "维维工厂")
    svg = path.read_text(encoding="utf-8")
    assert "<text" not in svg  # outlines, not text that needs the reader's fonts
    assert svg.count("<path") > 50


@pytest.mark.parametrize("name", ["chart.pdf", "chart", "chart.png.txt", "chart.jpg"])
def test_unsupported_extension(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    with pytest.raises(ValueError, match=r"unsupported chart format .*\.png or \.svg"):
        plot.check(str(path))
    with pytest.raises(plot.PlotError) as caught:
        plot.tornado([], 0.0, str(path), "zh", "t", "m")
    assert "不支持的图表格式" in caught.value.problem.text("zh")
    assert not path.exists()


def test_extension_is_case_insensitive() -> None:
    pytest.importorskip("matplotlib")
    assert plot.check("a.PNG") == "png"
    assert plot.check("dir.v2/a.Svg") == "svg"


def test_without_matplotlib(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # `import matplotlib` fails
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    path = tmp_path / "c.png"
    with pytest.raises(plot.PlotUnavailable, match=r"pip install 'gmvcli\[plot\]'"):
        _cumulative(path)
    with pytest.raises(plot.PlotUnavailable, match="charts need matplotlib"):
        plot.check(str(path))
    with pytest.raises(plot.PlotUnavailable) as caught:
        plot.check(str(path), "zh")
    assert "绘图需要 matplotlib" in caught.value.problem.text("zh")
    assert not path.exists()


def test_replaces_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("matplotlib")
    from matplotlib.figure import Figure

    path = tmp_path / "t.svg"
    path.write_text("old", encoding="utf-8")
    _tornado(path)
    _check_file(path)
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask

    def fail(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("disk on fire")

    before = path.read_bytes()
    monkeypatch.setattr(Figure, "savefig", fail)
    with pytest.raises(RuntimeError):
        _tornado(path)
    assert path.read_bytes() == before  # untouched, and no temp file left
    assert [p.name for p in tmp_path.iterdir()] == ["t.svg"]


def test_missing_directory(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    from gmvcli.output import OutputError

    with pytest.raises(OutputError, match="does not exist"):
        _tornado(tmp_path / "nope" / "t.png")


def test_svg_is_reproducible(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    a, b = tmp_path / "a.svg", tmp_path / "b.svg"
    _tornado(a)
    _tornado(b)
    assert a.read_bytes() == b.read_bytes()


def test_edge_cases(tmp_path: Path, figures: list[Any]) -> None:
    pytest.importorskip("matplotlib")
    np = pytest.importorskip("numpy")
    plot.tornado([], 5.0, str(tmp_path / "t.png"), "en", "t", "m")  # nothing uncertain
    assert label("plot.no_inputs", "en") in _texts(figures[-1])
    plot.histogram(np.full(50, 7.0), str(tmp_path / "h.png"), "en", "t")  # no spread
    assert any("100% of 50 draws" in t for t in _texts(figures[-1]))
    plot.cumulative([1, 2], [5.0, 10.0], [1.0, 2.0], str(tmp_path / "c.png"), "en", "t", "week")
    assert "Content does not overtake within 2 weeks" in _texts(figures[-1])
    with pytest.raises(ValueError, match="no finite values"):
        plot.histogram(np.array([np.nan]), str(tmp_path / "h.png"), "en", "t")
    with pytest.raises(ValueError, match="same length"):
        plot.cumulative([1, 2], [1.0], [1.0, 2.0], str(tmp_path / "c.png"), "en", "t", "week")


def test_dollar_is_not_mathtext(tmp_path: Path, figures: list[Any]) -> None:
    pytest.importorskip("matplotlib")
    rows = [("a $x$ b", 1.0, 2.0)]
    plot.tornado(rows, 1.5, str(tmp_path / "t.png"), "en", "$5 and $6", "USD", "$")
    ax = figures[-1].axes[0]
    assert ax.get_title() == r"\$5 and \$6"  # drawn as "$5 and $6", not as math
    assert ax.get_yticklabels()[0].get_text() == r"a \$x\$ b"


def test_compact_numbers() -> None:
    assert plot_style.compact(0) == "0"
    assert plot_style.compact(950) == "950"
    assert plot_style.compact(999_999) == "1M"
    assert plot_style.compact(-250_000) == "-250k"
    assert plot_style.compact(1_234_567_890) == "1.23B"
    assert plot_style.compact(0.5) == "0.5"


def test_fonts_fontconfig_knows_but_matplotlib_has_not_seen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pytest.importorskip("matplotlib")
    asked: list[bool] = []

    def files() -> list[str]:
        asked.append(True)
        return ["/nonexistent/font-that-is-not-there.ttc"]  # unreadable: skipped

    monkeypatch.setattr(plot_fonts, "_fontconfig_cjk_files", files)
    monkeypatch.setattr(plot_fonts, "_scan_cjk", lambda: None)
    plot_fonts.find_cjk.cache_clear()
    try:
        assert plot.cjk_font() is None
        assert asked == [True]
    finally:
        plot_fonts.find_cjk.cache_clear()


def test_forecast_plot_says_on_stderr_when_zh_has_no_font(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through the command line: `--lang zh --plot` without a CJK font still draws the chart, in
    English, and says so in one line of Chinese on stderr; with a font it says nothing."""
    pytest.importorskip("matplotlib")
    from typer.testing import CliRunner

    from gmvcli.cli import app

    weiwei = str(Path(__file__).parent.parent / "scenarios" / "weiwei-factory.yaml")
    chart = tmp_path / "c.png"
    args = ["forecast", weiwei, "--lang", "zh", "-n", "3", "--plot", str(chart)]
    plot_fonts.say_no_cjk.cache_clear()
    monkeypatch.setattr(plot_fonts, "cjk_font", lambda: None)
    r = CliRunner().invoke(app, args)
    assert r.exit_code == 0, r.stderr
    assert chart.stat().st_size > 1000
    from gmvcli.messages import text

    assert r.stderr.splitlines() == [text("plot.no_cjk", "zh")]
    plot_fonts.say_no_cjk.cache_clear()
    if plot_fonts.find_cjk() is not None:
        monkeypatch.undo()
        r = CliRunner().invoke(app, args)
        assert r.exit_code == 0 and r.stderr == ""
