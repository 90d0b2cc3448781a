"""Chinese line breaking (禁则): no wrapped line starts with closing punctuation or ends with an
opening bracket, in tables, verdicts and help, and a moved break never splits a figure."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from typer.testing import CliRunner

from gmvcli.cli import app
from gmvcli.render.kinsoku import CLOSING, OPENING, kinsoku
from tests.conftest import ROOT, SCENARIOS

#: a closing mark at the start of a line, or of a table cell (after a border or a wide gap)
BAD_START = re.compile(r"(^|[│┃|] ?|\s{2,})[" + "".join(sorted(CLOSING)) + "]")
BAD_END = re.compile("[" + "".join(sorted(OPENING)) + r"]\s*([│┃|]|$)")


def lines_of(text: str, width: int) -> list[str]:
    from rich._wrap import divide_line

    breaks = kinsoku(divide_line)(text, width)
    return [text[a:b] for a, b in zip([0, *breaks], [*breaks, len(text)], strict=True)]


def test_a_break_before_a_closing_mark_moves_back() -> None:
    from rich._wrap import divide_line

    text = "第1个月含限时政策：新店冷启免佣金（前3个月）、高额流量券奖励（前3个月）；之后各月"
    for width in range(8, 60):
        lines = lines_of(text, width)
        assert "".join(lines) == text
        assert all(line[0] not in CLOSING for line in lines[1:]), (width, lines)
        assert all(line[-1] not in OPENING for line in lines[:-1]), (width, lines)
        assert all(cell_len(line) <= width for line in lines), (width, lines)  # never wider
    assert any(  # rich alone breaks some of these widths badly: the rule is what fixes them
        text[b] in CLOSING or text[b - 1] in OPENING
        for width in range(8, 60)
        for b in divide_line(text, width)
    )


def test_a_moved_break_never_splits_a_figure() -> None:
    text = "12个月内内容+私域都没有追上货架电商；货架电商累计多赚¥28.9万。"
    # rich puts 。 alone on the next line at 60 columns; moving one character back would cut ¥28.9万
    assert lines_of(text, 60) == [
        "12个月内内容+私域都没有追上货架电商；货架电商累计多赚",
        "¥28.9万。",
    ]


def test_english_is_untouched() -> None:
    from rich._wrap import divide_line

    text = "content contribution equals shelf contribution (content = shelf), in period 1."
    for width in range(10, 80):
        assert kinsoku(divide_line)(text, width) == divide_line(text, width)


CASES = [
    ["compare", str(SCENARIOS / "brand.yaml")],
    ["compare", str(SCENARIOS / "streamer.yaml")],
    ["compare", str(SCENARIOS / "service-provider.yaml")],
    ["compare", str(ROOT / "tests" / "data" / "review" / "p3-review.yaml")],
    ["forecast", str(SCENARIOS / "service-provider.yaml")],
    ["explain", str(SCENARIOS / "streamer.yaml")],
    ["policies"],
    ["compare", "--help"],
]


@pytest.mark.parametrize("args", CASES, ids=lambda a: "-".join(x.rsplit("/", 1)[-1] for x in a))
def test_chinese_output_at_60_to_80_columns(args: list[str]) -> None:
    for width in (60, 63, 64, 70, 75, 80):
        env = {"LANG": "C.UTF-8", "LC_ALL": "", "COLUMNS": str(width)}
        r = CliRunner(env=env).invoke(app, [*args, "--lang", "zh"])
        assert r.exit_code == 0, r.stderr
        for line in r.stdout.splitlines():
            assert not BAD_START.search(line), (width, line)
            assert not BAD_END.search(line.rstrip()), (width, line)


def test_a_chinese_sentence_fills_its_lines() -> None:
    """rich breaks only at spaces, so `…的 GMV ` stayed alone on a half-empty line before the rest
    of the sentence; a mostly Chinese line breaks beside its characters and fills each line."""
    text = (
        "第1个月，货架电商的贡献利润比内容+私域多¥5460；内容+私域与货架电商的 GMV 之比为0.88×，"
        "主要差在转化率。第1个月含限时政策：引力大会吉祥物同框视频（仅第1个月）；之后各月的结果请用"
    )
    lines = lines_of(text, 60)
    assert "".join(lines) == text
    assert all(cell_len(line.rstrip()) <= 60 for line in lines)
    assert all(cell_len(line) >= 56 for line in lines[:-1]), lines  # no half-empty line


def test_short_words_and_english_lines_move_whole() -> None:
    # a short run between spaces moves whole, as rich moves a word (`仅第1期`, not `仅第` / `1期`)
    assert lines_of("赠送访客 +10万 · 仅第1期", 20) == ["赠送访客 +10万 · ", "仅第1期"]
    # an English line quoting a Chinese name keeps rich's breaks: the name moves whole
    text = "Platform event commission cut (平台活动佣金减免)"
    assert lines_of(text, 40) == ["Platform event commission cut ", "(平台活动佣金减免)"]


@given(
    st.lists(
        st.sampled_from(list("货架电商内容私域访客转化率客单价，。、：；（）¥0123456789.万 GMV")),
        min_size=1,
        max_size=120,
    ),
    st.integers(min_value=6, max_value=80),
)
def test_chinese_breaks_keep_the_rules(chars: list[str], width: int) -> None:
    text = "".join(chars)
    lines = lines_of(text, width)
    assert "".join(lines) == text  # nothing lost or repeated
    for before, line in pairwise(lines):
        assert line, lines
        joined = before + line
        if any(
            joined[k] not in CLOSING and joined[k - 1] not in OPENING for k in range(1, len(joined))
        ):
            # wherever an allowed break exists, the rules hold (else a fold must break them)
            assert line[0] not in CLOSING, (width, lines)
            assert before[-1] not in OPENING, (width, lines)
    # a line passes the width only by trailing spaces or where nothing could break
    for line in lines:
        assert (
            cell_len(line.rstrip()) <= width
            or len(line.rstrip()) == 1
            or not any(c.isspace() for c in line.rstrip())
        ), (width, lines)


def test_a_word_too_long_for_its_line_folds_after_a_separator() -> None:
    # a metavar in a help page: rich cut `markd` / `own|xlsx`
    assert lines_of("table|json|jsonl|csv|markdown|xlsx", 26) == [
        "table|json|jsonl|csv|",
        "markdown|xlsx",
    ]
    # a break moved back from before 。 no longer lands inside `LANG`
    text = "表格和提示所用的语言：en 或 zh（默认依次取 GMVCLI_LANG、LC_ALL、LANG）。"
    assert lines_of(text, 28)[-2:] == ["GMVCLI_LANG、LC_ALL、", "LANG）。"]


def test_help_metavars_fold_between_choices() -> None:
    for lang in ("en", "zh"):
        r = CliRunner(env={"COLUMNS": "80", "LC_ALL": "", "LANG": "C.UTF-8"}).invoke(
            app, ["compare", "--help", "--lang", lang]
        )
        assert "table|json|jsonl|csv|" in r.stdout and "markdown|xlsx" in r.stdout, r.stdout


def test_rich_text_wrap_obeys_the_rule_after_install() -> None:
    """If a rich upgrade stopped calling `rich.text.divide_line`, install() would silently do
    nothing: wrap through rich's own `Text` and check the lines."""
    from rich.console import Console
    from rich.text import Text

    from gmvcli.render.kinsoku import install

    install()
    text = "第1个月含限时政策：新店冷启免佣金（前3个月）、高额流量券奖励（前3个月）；之后各月"
    console = Console(width=200)
    for width in range(8, 60):
        lines = [str(line) for line in Text(text).wrap(console, width)]
        assert "".join(lines) == text, (width, lines)
        assert all(line[0] not in CLOSING for line in lines[1:]), (width, lines)
        assert all(line[-1] not in OPENING for line in lines[:-1]), (width, lines)


def test_install_leaves_a_rich_without_divide_line_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    import rich.text

    from gmvcli.render.kinsoku import install

    monkeypatch.delattr(rich.text, "divide_line")
    install()  # no AttributeError
    assert not hasattr(rich.text, "divide_line")
    # tables still print (the plain layout has its own copy of rich's divider)
    env = {"LANG": "C.UTF-8", "LC_ALL": "", "COLUMNS": "70"}
    r = CliRunner(env=env).invoke(app, ["compare", str(SCENARIOS / "brand.yaml"), "--lang", "zh"])
    assert r.exit_code == 0, r.stderr
    assert "GMV" in r.stdout


@given(
    st.lists(
        st.tuples(
            st.sampled_from(
                [
                    "Weiwei",
                    "GMV",
                    "over",
                    "months",
                    "content",
                    "商家",
                    "多",
                    "元。",
                    "（",
                    "）",
                    "¥12,345,678.90万",
                    "12",
                    "0.88×",
                    "−¥1.37万",
                    "+10万",
                    "98.5%",
                    "|",
                    "…",
                    "。",
                ]
            ),
            st.sampled_from(["", " "]),
        ),
        min_size=1,
        max_size=30,
    ),
    st.integers(min_value=4, max_value=50),
)
def test_rich_breaks_never_cut_a_figure_that_fits(words: list[tuple[str, str]], width: int) -> None:
    """Lines that are not mostly Chinese keep rich's breaks, but not inside a figure (`¥` /
    `12,345,678.90万元`, `…678` / `.90万元`) when it fits on a line and a break before it exists."""
    from hypothesis import assume
    from rich._wrap import divide_line

    from gmvcli.render.kinsoku import _FIGURE, _chinese

    text = "".join(word + gap for word, gap in words).strip()
    assume(text and not _chinese(text))
    breaks = kinsoku(divide_line)(text, width)
    for previous, at in zip([0, *breaks], breaks, strict=False):
        if not (text[at - 1] in _FIGURE and text[at] in _FIGURE):
            continue
        first, end = at - 1, at
        while first > previous and text[first - 1] in _FIGURE:
            first -= 1
        while end < len(text) and text[end] in _FIGURE:
            end += 1
        fits = cell_len(text[first:end]) <= width
        elsewhere = any(
            text[k] not in CLOSING and text[k - 1] not in OPENING
            for k in range(first, previous, -1)
        )
        assert not (fits and elsewhere), (width, text, at)
