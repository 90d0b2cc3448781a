"""`gmvcli report FILE --actuals ACTUALS` (SPEC §10, §12): plan vs actual on the page, made by
the same reading and core as `gmvcli review`, with the same errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.report.pages import FACTORY, SESSIONS, review_figures, run
from tests.report.test_report import Page

pytest.importorskip("jinja2")
XLSX = SESSIONS.with_suffix(".xlsx")


def section(html: str) -> str:
    """The plan-vs-actual section of the page (its HTML)."""
    found = re.search(r'<section class="actuals">.*?</section>', html, re.S)
    assert found, "no plan-vs-actual section"
    return found.group(0)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_section_shows_what_review_finds(pages: dict[str, Path], lang: str) -> None:
    html = pages[f"actuals-{lang}"].read_text(encoding="utf-8")
    part = section(html)
    text = Page(part).all_text()
    reviewed = json.loads(run("review", FACTORY, SESSIONS, "--format", "json").stdout)
    expected = review_figures(reviewed["merchants"][0], lang)
    missing = {k: v for k, v in expected.items() if v not in text}
    assert not missing, missing
    # the verdict is review's own sentence
    md = run("review", FACTORY, SESSIONS, "--format", "markdown", "--lang", lang).stdout
    verdict = next(line.strip("*") for line in md.splitlines() if line.startswith("**"))
    assert "GMV" in verdict
    assert f'<p class="verdict">{verdict}</p>' in part
    heading = (
        "Plan vs actual: Content + private" if lang == "en" else "计划与实际对比（复盘）：内容+私域"
    )
    assert f"<h3>{heading}</h3>" in part


def test_the_waterfall_is_svg_with_its_words_as_text(pages: dict[str, Path]) -> None:
    part = section(pages["actuals-zh"].read_text(encoding="utf-8"))
    svg = re.search(r'<svg class="chart".*?</svg>', part, re.S)
    assert svg is not None
    words = re.findall(r"<text[^>]*>([^<]*)</text>", svg.group(0))
    for word in (
        "计划GMV",
        "访客数",
        "内容消费时长",
        "单位时长订单转化率",
        "客单价",
        "复购频次",
        "实际GMV",
    ):
        assert word in words, words
    assert "−¥10.2万" in words and "+¥5.41万" in words
    # a bar per row: plan, the five content factors, actual
    assert len(re.findall(r"<rect ", svg.group(0))) == 7
    assert "<image" not in part and "<script" not in part


def test_xlsx_sessions_give_the_same_section(tmp_path: Path) -> None:
    pages = []
    for source in (SESSIONS, XLSX):
        out = tmp_path / f"{source.suffix[1:]}.html"
        r = run("report", FACTORY, "-o", out, "--actuals", source)
        assert r.exit_code == 0, r.stderr
        pages.append(section(out.read_text(encoding="utf-8")).replace(source.name, "X"))
    assert pages[0] == pages[1]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_bad_sessions_give_the_errors_of_review(tmp_path: Path, lang: str) -> None:
    bad = tmp_path / "s.csv"
    bad.write_text(
        "日期,观看人数,人均观看时长,成交订单数,成交金额\n2024-11-02,x,3:00,1,10\n", "utf-8"
    )
    out = tmp_path / "r.html"
    reviewed = run("review", FACTORY, bad, "--lang", lang)
    reported = run("report", FACTORY, "-o", out, "--actuals", bad, "--lang", lang)
    assert reported.exit_code == reviewed.exit_code == 1
    assert reported.stderr == reviewed.stderr
    assert f"{bad}:2:观看人数:" in reported.stderr
    assert not out.exists()
    missing = run("report", FACTORY, "-o", out, "--actuals", tmp_path / "none.csv")
    assert missing.exit_code == 1 and "no such file" in missing.stderr
    assert "Traceback" not in reported.stderr + missing.stderr


def test_output_over_the_sessions_is_refused(tmp_path: Path) -> None:
    sessions = tmp_path / "s.csv"
    sessions.write_bytes(SESSIONS.read_bytes())
    r = run("report", FACTORY, "-o", sessions, "--actuals", sessions)
    assert r.exit_code == 1 and "it is the report's input" in r.stderr
    assert sessions.read_bytes() == SESSIONS.read_bytes()


def test_without_actuals_there_is_no_section(pages: dict[str, Path]) -> None:
    assert 'class="actuals"' not in pages["factory-zh"].read_text(encoding="utf-8")
