"""`gmvcli report` pages in a real headless Chromium, as a reader on a phone or a laptop sees
them: no console error, no network request, no horizontal scrolling at 390 and 1280 px, every
figure of `compare --format json` on the page, Chinese drawn with a CJK font. Screenshots of
each page go to tests/artifacts/ (git-ignored) to be looked at."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.report.conftest import Browser, skip_or_fail
from tests.report.pages import (
    FACTORY,
    HOSTILE_NAME,
    SERVICE,
    SESSIONS,
    UNCERTAIN,
    figures,
    review_figures,
    run,
)

pytest.importorskip("jinja2")

PHONE = (390, 844)
LAPTOP = (1280, 800)


def check_loaded(state: dict[str, Any]) -> None:
    """Nothing logged, nothing fetched but the page itself, nothing wider than the window."""
    assert state["console"] == [], state["console"]
    assert [u for u in state["requests"] if u != state["url"]] == []
    assert state["resources"] == []
    assert state["scroll_width"] <= state["inner_width"], state


@pytest.mark.parametrize("name", ["uncertain-en", "uncertain-zh", "service-zh"])
def test_page_at_phone_and_laptop_width(
    browser: Browser, pages: dict[str, Path], name: str
) -> None:
    for width, height in (PHONE, LAPTOP):
        check_loaded(browser.open(pages[name], width, height))
        if not name.startswith("service") or width == PHONE[0]:
            browser.screenshot(f"report-{name}-{width}.png", 2400 if width == PHONE[0] else 1600)
    assert browser.js("return document.scripts.length") == 0


@pytest.mark.parametrize(
    ("name", "scenario", "lang"),
    [
        ("uncertain-en", UNCERTAIN, "en"),
        ("uncertain-zh", UNCERTAIN, "zh"),
        ("service-zh", SERVICE, "zh"),
    ],
)
def test_every_compare_figure_is_on_the_page(
    browser: Browser, pages: dict[str, Path], name: str, scenario: Path, lang: str
) -> None:
    """Each number of `compare --format json` is the text of a table cell or a word of the
    drivers line in its merchant's section, written as tests/report/pages.shown says."""
    r = run("compare", scenario, "--format", "json", "--lang", lang)
    assert r.exit_code == 0, r.stderr
    compared = json.loads(r.stdout)
    browser.open(pages[name], *LAPTOP)
    for merchant in compared["merchants"]:
        # as a reader sees it: scrolled to (sections off screen are not rendered until then)
        words = browser.driver.execute_async_script(
            """
            const [id, done] = arguments;
            const s = document.getElementById('m-' + id);
            s.scrollIntoView();
            requestAnimationFrame(() => requestAnimationFrame(() => {
                const cells = [...s.querySelectorAll('table.compare td')]
                    .map(td => td.innerText.trim());
                const caption = s.querySelector('figure figcaption');
                done(cells.concat(caption ? caption.innerText.split(/\\s+/) : []));
            }));
            """,
            merchant["id"],
        )
        expected = figures(merchant, lang)
        assert expected
        missing = {k: v for k, v in expected.items() if v not in words}
        assert not missing, (merchant["id"], missing, words)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_plan_vs_actual_on_a_phone(browser: Browser, pages: dict[str, Path], lang: str) -> None:
    """`report --actuals` at 390 px: nothing wider than the window (each table and chart of the
    section inside it: the merchant's section clips what overflows, so the page's own scroll
    width cannot tell), and every figure of `review --format json` it shows, as a reader sees
    it (the effects per period opened too)."""
    check_loaded(browser.open(pages[f"actuals-{lang}"], *PHONE))
    browser.js("document.querySelector('section.actuals').scrollIntoView()")
    browser.js("document.querySelectorAll('section.actuals details').forEach(d => d.open = true)")
    overflow = browser.js(
        """
        const limit = window.innerWidth;
        return [...document.querySelectorAll('section.actuals table, section.actuals svg')]
            .map(e => e.getBoundingClientRect())
            .filter(r => r.left < 0 || r.right > limit)
            .map(r => [r.left, r.right]);
        """
    )
    assert overflow == []
    shown = browser.driver.execute_async_script(
        """
        const done = arguments[0];
        requestAnimationFrame(() => requestAnimationFrame(() => {
            const s = document.querySelector('section.actuals');
            const svg = [...s.querySelectorAll('svg text')].map(t => t.textContent);
            done(s.innerText + '\\n' + svg.join('\\n'));
        }));
        """
    )
    reviewed = json.loads(run("review", FACTORY, SESSIONS, "--format", "json").stdout)
    expected = review_figures(reviewed["merchants"][0], lang)
    missing = {k: v for k, v in expected.items() if v not in shown}
    assert not missing, missing
    browser.screenshot(f"report-actuals-{lang}-390.png", 6000)


def test_uncertainty_figures_match_simulate(browser: Browser, pages: dict[str, Path]) -> None:
    from gmvcli.i18n import percent

    r = run("simulate", UNCERTAIN, "--runs", "500", "--format", "json")
    wins = json.loads(r.stdout)["merchants"][0]["p_content_wins"]
    browser.open(pages["uncertain-en"], *LAPTOP)
    big = browser.js("return document.querySelector('#m-weiwei .big').innerText")
    assert big == percent(wins)
    svgs = browser.js("return document.querySelectorAll('#m-weiwei svg.chart').length")
    assert svgs == 4  # drivers, cumulative contribution, histogram, tornado
    # chart words are text: selectable and searchable, not outlines
    texts = browser.js(
        "return [...document.querySelectorAll('#m-weiwei svg text')].map(t => t.textContent)"
    )
    assert "content overtakes: month 9" in texts
    assert "break-even" in texts


def test_chinese_is_drawn_with_a_cjk_font(browser: Browser, pages: dict[str, Path]) -> None:
    """Chromium says it drew the Chinese heading with a CJK font, and a CJK string is not as
    wide as the same number of missing-glyph boxes."""
    browser.open(pages["uncertain-zh"], *PHONE)
    d = browser.driver
    d.execute_cdp_cmd("DOM.enable", {})
    d.execute_cdp_cmd("CSS.enable", {})
    root = d.execute_cdp_cmd("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = d.execute_cdp_cmd("DOM.querySelector", {"nodeId": root, "selector": "h1 bdi"})["nodeId"]
    fonts = d.execute_cdp_cmd("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    families = [f["familyName"] for f in fonts]
    if not any("CJK" in f or "Han " in f or "Hei" in f for f in families):
        skip_or_fail(
            f"no CJK font drew the Chinese heading, only {families} (apt-get install fonts-noto-cjk)"
        )
    widths = browser.js(
        """
        const probe = text => {
            const s = document.createElement('span');
            s.textContent = text;
            s.style.cssText = 'position:absolute;white-space:nowrap;font-size:20px';
            document.body.appendChild(s);
            const w = s.getBoundingClientRect().width;
            s.remove();
            return w;
        };
        return [probe('货架电商内容私域'), probe('\\u0378'.repeat(8))];
        """
    )
    cjk, boxes = widths
    assert cjk > 0 and abs(cjk - boxes) > 8, widths


def test_hostile_text_stays_text(browser: Browser, pages: dict[str, Path]) -> None:
    check_loaded(browser.open(pages["hostile-en"], *PHONE))
    browser.screenshot("report-hostile-390.png", 2500)
    assert browser.js("return document.scripts.length") == 0
    assert browser.js("return document.images.length") == 0
    assert browser.js("return document.querySelectorAll('[onerror],[onmouseover]').length") == 0
    heading = browser.js("return document.querySelector('section.merchant h2 bdi').textContent")
    # the text as written, with the bidi override and the bell shown rather than obeyed
    assert heading == HOSTILE_NAME.replace("\u202e", "\\u202e").replace("\x07", "\\x07")
    title = browser.js("return document.title")
    assert "<script>" in title and "\u202e" not in title


def test_a_hundred_merchants_open(browser: Browser, pages: dict[str, Path]) -> None:
    page = pages["hundred-en"]
    assert page.stat().st_size < 8_000_000
    state = browser.open(page, *PHONE)  # how long it takes: benchmarks/, not a test
    check_loaded(state)
    links = browser.js("return [...document.querySelectorAll('nav.contents a')].map(a => a.hash)")
    assert links == [f"#m-m{i:03d}" for i in range(100)]
    assert browser.js("return document.querySelectorAll('section.merchant').length") == 100
    # the last merchant is reached from the table of contents
    browser.js("document.querySelector('nav.contents a[href=\"#m-m099\"]').click()")
    top = browser.js("return document.getElementById('m-m099').getBoundingClientRect().top")
    assert abs(top) < 5
    state = browser.open(page, *LAPTOP)
    assert state["scroll_width"] <= state["inner_width"]
    browser.screenshot("report-hundred-en-1280.png", 2000)


def test_screenshots_are_kept_out_of_git() -> None:
    assert "tests/artifacts/" in (Path(__file__).parents[2] / ".gitignore").read_text()


def test_the_checks_would_notice(browser: Browser, tmp_path: Path) -> None:
    """A page that fetches something and logs an error fails `check_loaded`: the checks see."""
    page = tmp_path / "leaky.html"
    page.write_text(
        '<!doctype html><img src="http://127.0.0.1:9/x.png">'
        '<script>console.error("boom")</script><div style="width:2000px">wide</div>',
        encoding="utf-8",
    )
    state = browser.open(page, *PHONE)
    assert "http://127.0.0.1:9/x.png" in state["requests"]
    assert any("boom" in entry["message"] for entry in state["console"])
    assert state["scroll_width"] > state["inner_width"]
    with pytest.raises(AssertionError):
        check_loaded(state)


#: every chart's crossover label and every table header as Chromium lays them out: the label's
#: box against the plot area (the x range of the chart's grid lines), and each header's words
#: (split at spaces and brackets) with the lines each word is drawn on
MEASURE = """
const out = {labels: [], headers: []};
for (const svg of document.querySelectorAll('svg.chart')) {
    const grid = [...svg.querySelectorAll('line.grid, line.zero')];
    for (const t of svg.querySelectorAll('text.cross-label')) {
        const xs = grid.flatMap(l => [l.x1.baseVal.value, l.x2.baseVal.value]);
        const b = t.getBBox();
        out.labels.push({text: t.textContent, left: Math.min(...xs), right: Math.max(...xs),
                         x: b.x, end: b.x + b.width});
    }
}
const boundary = /[\\s()（）]/u;
for (const th of document.querySelectorAll('th')) {
    if (!th.offsetParent) continue;  // a stacked table's hidden header
    const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent;
        let start = 0;
        for (let i = 0; i <= text.length; i++) {
            if (i < text.length && !boundary.test(text[i])) continue;
            if (i > start) {
                const range = document.createRange();
                range.setStart(node, start);
                range.setEnd(node, i);
                const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                out.headers.push({word: text.slice(start, i), lines: tops.size});
            }
            start = i + 1;
        }
    }
}
out.tables = [...document.querySelectorAll('table, svg.chart')].flatMap(t => {
    const box = t.getBoundingClientRect(), outer = t.parentElement.getBoundingClientRect();
    const name = t.getAttribute('class');
    return box.left < outer.left - 0.5 || box.right > outer.right + 0.5 ? [[name, box.right]] : [];
});
return out;
"""


def laid_out(browser: Browser) -> dict[str, Any]:
    """What MEASURE finds, once every section has been scrolled to (content-visibility: auto
    lays a section out only then) and every collapsed section opened."""
    browser.js("document.querySelectorAll('details').forEach(d => d.open = true)")
    browser.js("document.querySelectorAll('section').forEach(s => s.scrollIntoView())")
    return dict(
        browser.driver.execute_async_script(
            "const done = arguments[0];"
            "requestAnimationFrame(() => requestAnimationFrame(() => done((() => {"
            + MEASURE
            + "})())));"
        )
    )


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(
    ("scenario", "periods"),
    [(UNCERTAIN, "9"), (UNCERTAIN, "10"), (UNCERTAIN, "16"), (UNCERTAIN, "17"), (FACTORY, "12")],
)
def test_crossover_label_stays_inside_its_chart(
    browser: Browser, tmp_path: Path, lang: str, scenario: Path, periods: str
) -> None:
    """Wherever the crossover falls (month 9 of 9, 10, 16, 17: at the right edge, either side of
    the middle; month 6 of 12), its label is inside the plot area with a margin, at phone and
    laptop width, as Chromium draws it."""
    from tests.report.pages import report

    page = report(scenario, tmp_path / "p.html", "--lang", lang, "--runs", "100", "-n", periods)
    for width, height in (PHONE, LAPTOP):
        check_loaded(browser.open(page, width, height))
        labels = laid_out(browser)["labels"]
        assert labels
        for b in labels:
            assert b["left"] + 2 <= b["x"] and b["end"] <= b["right"] - 2, (width, b)
        if scenario == FACTORY:
            browser.js("document.querySelector('svg.chart polyline').scrollIntoView()")
            browser.screenshot(f"report-crossover-{lang}-{width}.png", 6000)


@pytest.mark.parametrize(
    "name",
    [f"{page}-{lang}" for page in ("uncertain", "service", "actuals") for lang in ("en", "zh")]
    + ["factory-zh", "hostile-en"],
)
def test_no_header_breaks_inside_a_word(
    browser: Browser, pages: dict[str, Path], name: str
) -> None:
    """A table header wraps, if it must, between its words (内容+私域, 不用政策 stay whole); the
    page is still no wider than the screen, and every table and chart fits inside its box (a
    table too wide would scroll there rather than be cut off: none needs to)."""
    for width, height in (PHONE, LAPTOP):
        check_loaded(browser.open(pages[name], width, height))
        found = laid_out(browser)
        assert found["headers"]
        broken = [h["word"] for h in found["headers"] if h["lines"] > 1]
        assert broken == [], (width, broken)
        assert found["tables"] == [], width
