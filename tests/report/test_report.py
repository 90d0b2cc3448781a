"""`gmvcli report` without a browser: what the page holds, how it is written, and the errors."""

from __future__ import annotations

import hashlib
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.report.pages import FACTORY, SERVICE, UNCERTAIN, report, run

pytest.importorskip("jinja2")


class Page(HTMLParser):
    """Tags, attributes and text of a page, as a browser's parser sees them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def all_text(self) -> str:
        return "".join(self.text)


def test_page_is_self_contained(pages: dict[str, Path]) -> None:
    html = pages["uncertain-en"].read_text(encoding="utf-8")
    page = Page(html)
    names = {tag for tag, _ in page.tags}
    assert not names & {"script", "link", "img", "iframe", "object", "embed", "base", "video"}
    for tag, attrs in page.tags:
        assert not any(a.startswith("on") for a in attrs), (tag, attrs)
        for key in ("href", "src", "xlink:href", "action"):
            value = attrs.get(key)
            assert value is None or value.startswith("#"), (tag, key, value)
    assert "url(" not in html and "@import" not in html and "@font-face" not in html
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", html)
    # the facts of SPEC §12's header
    text = page.all_text()
    assert hashlib.sha256(UNCERTAIN.read_bytes()).hexdigest() in text
    assert str(UNCERTAIN) in text
    assert "Made 2026-01-01 by gmvcli 0.1.0" in text  # SOURCE_DATE_EPOCH is honoured
    assert "薇薇 · 大进针织工厂（不确定版）" in text
    assert ("html", {"lang": "en"}) in page.tags
    # phone and paper
    assert (
        "meta",
        {"name": "viewport", "content": "width=device-width, initial-scale=1"},
    ) in page.tags
    assert "@page { size: A4" in html and "@media print" in html
    # the sections, with the worked calculation and the inputs folded away
    for heading in (
        "Period 1: both models side by side",
        "Why GMV differs: the drivers",
        "Forecast over 12 months",
        "Uncertainty: 500 draws, period 1",
        "Which input moves the advantage most",
        "Policies applied and what they changed",
        "Every input, with where it is written",
        "The worked calculation",
    ):
        assert heading in text
    assert sum(1 for tag, a in page.tags if tag == "svg" and a.get("class") == "chart") == 4
    assert html.count('<details class="explain">') == 2


def test_zh_page(pages: dict[str, Path]) -> None:
    html = pages["factory-zh"].read_text(encoding="utf-8")
    text = Page(html).all_text()
    assert '<html lang="zh-CN">' in html
    for words in (
        "第1期：两种模式并排对比",
        "12个月预测",
        "第6个月内容追上货架",
        "全部输入及其出处",
        "¥44.5万",
    ):
        assert words in text
    assert "不确定性" not in text  # no distributions in this file: no uncertainty section


def test_stdout_when_piped(tmp_path: Path) -> None:
    r = run("report", FACTORY)
    assert r.exit_code == 0, r.stderr
    assert r.stdout.startswith("<!doctype html>") and r.stdout.rstrip().endswith("</html>")


def test_output_is_required_at_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With stdout a terminal and no -o: a usage error (exit 2) before any work."""
    from gmvcli.cli import report as command

    monkeypatch.setattr(command, "_stdout_is_a_terminal", lambda: True)
    r = run("report", FACTORY)
    assert r.exit_code == 2
    assert "give -o FILE.html" in r.stderr and r.stdout == ""
    r = run("report", FACTORY, "--lang", "zh")
    assert "请用 -o 文件.html 指定文件" in r.stderr
    assert run("report", FACTORY, "-o", tmp_path / "r.html").exit_code == 0


def test_output_into_a_missing_directory(tmp_path: Path) -> None:
    r = run("report", FACTORY, "-o", tmp_path / "no" / "r.html")
    assert r.exit_code == 1
    assert "does not exist" in r.stderr
    assert not (tmp_path / "no").exists()


def test_output_over_the_input_is_refused(tmp_path: Path) -> None:
    scenario = tmp_path / "s.yaml"
    scenario.write_bytes(FACTORY.read_bytes())
    link = tmp_path / "link.html"
    link.symlink_to(scenario)
    for target in (scenario, link):
        r = run("report", scenario, "-o", target)
        assert r.exit_code == 1
        assert "it is the report's input" in r.stderr
        assert scenario.read_bytes() == FACTORY.read_bytes()
    r = run("report", scenario, "-o", scenario, "--lang", "zh")
    assert "它是本报告的输入文件" in r.stderr


@pytest.mark.parametrize(
    ("bad", "lang"),
    [
        ("bad-role.yaml", "en"),
        ("duplicate-key.yaml", "en"),
        ("invalid-utf8.yaml", "en"),
        ("unknown-key.yaml", "zh"),
    ],
)
def test_bad_input_gives_the_errors_of_compare(tmp_path: Path, bad: str, lang: str) -> None:
    path = ROOT / "tests" / "data" / "bad" / bad
    compared = run("compare", path, "--lang", lang)
    reported = run("report", path, "--lang", lang, "-o", tmp_path / "r.html")
    assert reported.exit_code == compared.exit_code == 1
    assert reported.stderr == compared.stderr
    assert re.match(rf"{re.escape(str(path))}:\d+:\d+: ", reported.stderr)
    assert not (tmp_path / "r.html").exists()


def test_missing_file_and_unknown_merchant(tmp_path: Path) -> None:
    r = run("report", tmp_path / "nothing.yaml", "-o", tmp_path / "r.html")
    assert r.exit_code == 1 and "no such file" in r.stderr
    r = run("report", FACTORY.parent, "-o", tmp_path / "r.html")
    assert r.exit_code == 1 and r.stderr == f"{FACTORY.parent}: is a directory\n"
    r = run("report", FACTORY, "--merchant", "nobody", "-o", tmp_path / "r.html")
    assert r.exit_code == 1 and "no merchant 'nobody'" in r.stderr
    assert not (tmp_path / "r.html").exists()


def test_without_jinja2_the_command_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "jinja2", None)  # import jinja2 → ImportError
    r = run("report", FACTORY, "-o", tmp_path / "r.html")
    assert r.exit_code == 2
    assert "pip install 'gmvcli[report]'" in r.stderr


def _rows(html: str, table_class: str) -> list[list[str]]:
    """The text of each row of the tables with this class."""
    out = []
    for table in re.findall(rf'<table class="{table_class}[^"]*">(.*?)</table>', html, re.S):
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.S):
            cells = [Page(c).all_text() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            if cells:
                out.append(cells)
    return out


def test_every_input_is_located(pages: dict[str, Path]) -> None:
    """Each input row names FILE:LINE, and that line of the file holds that key."""
    html = pages["uncertain-en"].read_text(encoding="utf-8")
    lines = UNCERTAIN.read_text(encoding="utf-8").splitlines()
    rows = _rows(html, "inputs")
    assert len(rows) > 25
    for field, written, _read, where in rows:
        file, line = where.rsplit(":", 1)
        assert file == str(UNCERTAIN)
        source = lines[int(line) - 1]
        key = field.rsplit(".", 1)[-1].split("[")[0]
        assert (key in source or field.startswith("policies[")) and written.split(":")[0].strip(
            "{"
        ) in source, (field, written, source)


def test_merchant_filter_keeps_locations_and_figures(
    tmp_path: Path, pages: dict[str, Path]
) -> None:
    whole = pages["service-en"].read_text(encoding="utf-8")
    one = report(SERVICE, tmp_path / "one.html", "--lang", "en", "--merchant", "xiaoyu").read_text(
        encoding="utf-8"
    )
    assert one.count('<section class="merchant"') == 1
    assert 'id="contents"' not in one  # one merchant: no table of contents

    def section(html: str) -> str:
        found = re.search(r'<section class="merchant" id="m-xiaoyu".*?</section>', html, re.S)
        assert found is not None
        # alone, a merchant's per-period table is open and there is no list to go back to
        text = found.group(0).replace("<details open>", "<details>")
        return re.sub(r'<p class="top">.*?</p>\n', "", text)

    assert section(one) == section(whole)  # the same figures, inputs' lines included


def test_periods_and_runs(tmp_path: Path) -> None:
    html = report(UNCERTAIN, tmp_path / "r.html", "--lang", "en", "-n", "3", "--runs", "300")
    text = html.read_text(encoding="utf-8")
    assert "Forecast over 3 months" in text and "Uncertainty: 300 draws" in text
    assert len(_rows(text, "periods")) == 3
    assert run("report", UNCERTAIN, "--runs", "5").exit_code == 2


def test_a_merchant_that_cannot_be_forecast(tmp_path: Path) -> None:
    scenario = tmp_path / "s.yaml"
    scenario.write_text(
        "name: x\nmerchants:\n  - id: a\n    name: A\n"
        "    content: {private_uv: 100, watch_minutes: 2, orders_per_minute: 1%, aov: 10}\n",
        encoding="utf-8",
    )
    r = run("report", scenario, "-o", tmp_path / "r.html")
    assert r.exit_code == 0
    assert f"{scenario}:5:14: merchants[0].content: cannot forecast" in r.stderr
    assert "(the report has no forecast for a)" in r.stderr
    assert "This merchant cannot be forecast" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_explain_lines_are_in_the_page(pages: dict[str, Path]) -> None:
    html = pages["factory-zh"].read_text(encoding="utf-8")
    details = "".join(re.findall(r'<details class="explain">.*?</details>', html, re.S))
    shown = Page(details).all_text()
    explained = run("explain", FACTORY, "--lang", "zh").stdout.splitlines()
    worked = [line.strip() for line in explained if " = " in line]
    assert len(worked) > 30
    assert all(line in shown for line in worked), [w for w in worked if w not in shown]


@pytest.mark.parametrize("name", ["hostile-en", "hostile-zh"])
def test_hostile_text_is_escaped_and_visible(pages: dict[str, Path], name: str) -> None:
    html = pages[name].read_text(encoding="utf-8")
    page = Page(html)
    names = [tag for tag, _ in page.tags]
    assert "script" not in names and "img" not in names and "b" not in names
    assert not any(a.startswith("on") for _, attrs in page.tags for a in attrs)
    assert names.count("title") == 1 + names.count("svg")  # the page's, and each chart's
    assert "\u202e" not in html and "\x07" not in html
    text = page.all_text()
    assert "<script>alert('x')</script>" in text and "\\u202egnp.exe" in text
    policy = (
        "<b onmouseover=alert(2)>免佣</b>"
        if name.endswith("zh")
        else "</title><script>alert(3)</script>"
    )
    assert policy in text


def test_a_hundred_merchants(pages: dict[str, Path]) -> None:
    html = pages["hundred-en"].read_text(encoding="utf-8")
    assert html.count('<section class="merchant"') == 100
    assert len(re.findall(r'<a href="#m-m\d{3}">', html)) == 100
    assert len(html) < 6_000_000


def test_standard_input(tmp_path: Path) -> None:
    data = FACTORY.read_bytes()
    r = run("report", "-", "-o", tmp_path / "r.html", input=data)
    assert r.exit_code == 0, r.stderr
    text = Page((tmp_path / "r.html").read_text(encoding="utf-8")).all_text()
    assert hashlib.sha256(data).hexdigest() in text
    assert "-:" in text  # inputs are located in "-" as compare locates its errors


def test_a_header_is_words_that_never_break_inside() -> None:
    """Each word of a table header is a nowrap span (the browser test measures the result): the
    header wraps at its spaces and before a bracket only; text is still escaped and made safe."""
    from gmvcli.report.html import words

    assert str(words("差额（内容−货架）")) == (
        '<span class="w">差额</span><span class="w">（内容−货架）</span>'
    )
    assert str(words("5th  percentile")) == (
        '<span class="w">5th</span>  <span class="w">percentile</span>'
    )
    assert str(words("<b>\u202e")) == '<span class="w">&lt;b&gt;\\u202e</span>'
