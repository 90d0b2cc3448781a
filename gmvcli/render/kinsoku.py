"""Line breaking of Chinese text (禁则, kinsoku): a wrapped line never starts with closing punctuation
(`，。、：；！？）」』》`) and never ends with an opening bracket (`（「『《“`). English keeps rich's
breaks between words; only where rich would cut a word too long for its line does the cut move to
just after a separator in it (`table|json|jsonl|csv|` / `markdown|xlsx`, not `…|markd` / `own|…`),
and a figure is never cut where a break before it exists.

rich folds a run of CJK characters wherever the width falls, so `…（前3个月` / `）；之后…` can happen.
`install()` wraps rich's line divider (every table cell, paragraph and help page goes through it):
a break that lands on such a character moves back by one or two characters, the line before becomes
shorter and the rest is divided again from there, so no line grows past the width.

rich also breaks only at spaces, so a Chinese sentence is one long "word": rich moves it whole to
a new line (leaving the line before it half empty, `…货架电商的 GMV ` / `之比为…`) and then folds
it. Text with wide (CJK) characters is therefore divided by `cjk_breaks`: a line may break at a
space or beside any wide character, under the same rules (no closing mark first, no opening
bracket last, never inside a figure), and lines are filled greedily. Text that is not mostly
Chinese goes to rich's own divider unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

#: may not start a line
CLOSING = frozenset("，。、：；！？）」』》〉】〕”’…％")
#: may not end a line
OPENING = frozenset("（「『《〈【〔“‘")

#: how far a break may move back: past a run of closing marks (`）。`) and a figure (`¥28.9万`)
_MAX_SHIFT = 12
#: the characters of a figure, which a moved break never splits (`¥28.9` / `万` would cut it)
_FIGURE = frozenset("0123456789.,¥￥%％×万亿千+-−")

Divider = Callable[..., list[int]]

#: a character that may be two cells wide (CJK, full-width forms); text without one is left to rich
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]"
)


#: a run between spaces this wide or narrower (a name, `仅第1期`, `(新店冷启免佣金)`) moves to the
#: next line whole, as rich moves a word; a longer one (a Chinese sentence) breaks inside
_SHORT_WORD = 16
_WORD = re.compile(r"\S+")


@lru_cache(maxsize=4096)
def _cells(char: str) -> int:
    from rich.cells import cell_len

    return cell_len(char)


def _chinese(text: str) -> bool:
    """Is this mostly Chinese? At least half its characters wide (an English line that quotes a
    Chinese name keeps rich's breaking, which moves the name whole)."""
    wide = len(_WIDE.findall(text))
    return wide > 0 and 2 * wide >= len(text) - text.count(" ")


def _opportunity(text: str, at: int) -> bool:
    """May a line break before `text[at]`? After a space before a word (as rich breaks), or between
    two characters one of which is wide — never before a closing mark, after an opening bracket,
    inside a figure, or between a Chinese character and a digit or Latin letter beside it."""
    before, after = text[at - 1], text[at]
    if after.isspace() or not _allowed(text, at):
        return False
    if before.isspace():
        return True
    if _cells(before) < 2 and _cells(after) < 2:
        return False  # inside a word of narrow characters (`GMV`, `0.88×`)
    if (_glued(before) and not _mark(after)) or (_glued(after) and not _mark(before)):
        return False  # a number or a Latin word stays with the character beside it (`第1期`)
    return not (before in _FIGURE and after in _FIGURE)


def _mark(char: str) -> bool:
    """Chinese punctuation (，。、：；（）…), beside which a line may break."""
    return char in CLOSING or char in OPENING


def _glued(char: str) -> bool:
    """A digit or Latin letter, which stays with a Chinese character beside it (not with a mark:
    `、LC_ALL` may break after the 、)."""
    return char.isascii() and char.isalnum()


def cjk_breaks(text: str, width: int, fold: bool = True) -> list[int]:
    """Break offsets for a line with CJK characters: greedy, at the opportunities above; a run with
    no opportunity longer than `width` is folded (if `fold`) where it meets the edge. Spaces at the
    end of a line may pass the width (the caller crops them, as rich's `rstrip_end` does)."""
    long_words = {  # the words (runs between spaces) that may break inside
        at
        for word in _WORD.finditer(text)
        if sum(map(_cells, word.group())) > min(_SHORT_WORD, width)  # or it cannot fit at all
        for at in range(word.start() + 1, word.end())
    }
    breaks: list[int] = []
    start = col = 0
    last = -1  # the latest opportunity on this line, and the columns before it
    last_col = 0
    seen_text = False  # a line's leading spaces are not a word of their own
    for at, char in enumerate(text):
        size = _cells(char)
        if char.isspace():
            col += size
            continue
        inside = at in long_words or text[at - 1].isspace()
        if at > start and seen_text and inside and _opportunity(text, at):
            last, last_col = at, col
        if col + size > width and at > start:
            if last > start:
                breaks.append(last)
                start, col, last = last, col - last_col, -1
            if col + size > width and at > start and fold:
                cut = next(  # no opportunity on the line: fold, but not before a closing mark
                    (k for k in range(at, start, -1) if _allowed(text, k)), at
                )
                breaks.append(cut)
                start, col, last = cut, sum(map(_cells, text[cut:at])), -1
        col += size
        seen_text = True
    return breaks


#: where a word too long for its line is better folded (after `|` in `table|json|…`, a path's `/`,
#: a Chinese list's 、)
_SEPARATORS = "|,/、，；："


def _folded(text: str, at: int) -> bool:
    """Is a break at `at` a fold inside a word of narrow characters (rich cut it at the width)?"""
    before, after = text[at - 1], text[at]
    if before.isspace() or after.isspace() or before in _SEPARATORS:
        return False  # a break between words, or already after a separator
    return _cells(before) == _cells(after) == 1


def _allowed(text: str, at: int) -> bool:
    return text[at] not in CLOSING and text[at - 1] not in OPENING


def _better(text: str, at: int) -> bool:
    """A break that may replace a forbidden one: allowed, not inside a figure or before a space."""
    return (
        _allowed(text, at)
        and not text[at].isspace()
        and not (text[at - 1] in _FIGURE and text[at] in _FIGURE)
    )


def _figure_start(text: str, at: int, start: int, width: int) -> int | None:
    """Where to break instead of inside a figure (`¥` / `12,345.6万`, `…678` / `.90万`): before the
    figure, or before the opening bracket just ahead of it — if the line from `start` keeps some
    text and the figure fits on a line of its own (a longer one folds where it must)."""
    if not (text[at - 1] in _FIGURE and text[at] in _FIGURE):
        return None
    first = at - 1
    while first > start and text[first - 1] in _FIGURE:
        first -= 1
    end = at
    while end < len(text) and text[end] in _FIGURE:
        end += 1
    if sum(map(_cells, text[first:end])) > width:
        return None
    return next((k for k in range(first, start, -1) if _allowed(text, k)), None)


def kinsoku(divide: Divider) -> Divider:
    """`divide` (rich's `divide_line(text, width, fold)` → break offsets) with the rule applied."""

    def divide_line(text: str, width: int, fold: bool = True) -> list[int]:
        if _chinese(text):
            return cjk_breaks(text, width, fold)
        breaks = divide(text, width, fold)
        if all(_allowed(text, b) and not _folded(text, b) for b in breaks) and not any(
            _figure_start(text, b, 0, width) for b in breaks
        ):
            return breaks  # the usual case: nothing to move
        out: list[int] = []
        start = 0
        while True:
            rest = divide(text[start:], width, fold)
            if not rest:
                return out
            at = start + rest[0]
            if not _allowed(text, at):
                back = [
                    k
                    for k in range(at - 1, max(start, at - _MAX_SHIFT - 1), -1)
                    if _better(text, k)
                ]
                # the nearest break that does not cut a word (`LANG`), else the nearest at all
                at = next((k for k in back if not _folded(text, k)), back[0] if back else at)
            elif _folded(text, at):  # a word too long for the line: fold after a separator in it
                after = max(text.rfind(mark, start, at - 1) for mark in _SEPARATORS) + 1
                if after > start and not text[start:after].isspace():
                    at = after
            at = _figure_start(text, at, start, width) or at
            out.append(at)
            start = at

    return divide_line


def install() -> None:
    """Apply the rule to rich's wrapping, once (rich's `Text.wrap` calls `rich.text.divide_line`).
    A rich without that name (a later version may rename it) is left alone: tables still print,
    with rich's own breaks (tests/test_kinsoku.py checks `Text.wrap` obeys the rule after this)."""
    import rich.text

    current = getattr(rich.text, "divide_line", None)
    if not callable(current) or getattr(current, "kinsoku", False):
        return
    patched = kinsoku(current)
    patched.kinsoku = True  # type: ignore[attr-defined]
    rich.text.divide_line = patched  # type: ignore[attr-defined]
