"""Chinese line breaking (禁则): no wrapped line starts with closing punctuation or ends with an
opening bracket, in tables, verdicts and help, and a moved break never splits a figure."""

from __future__ import annotations

import re

import pytest
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
