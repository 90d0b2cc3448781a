"""Line breaking of Chinese text (禁则, kinsoku): a wrapped line never starts with closing punctuation
(`，。、：；！？）」』》`) and never ends with an opening bracket (`（「『《“`). Full-width marks only:
English breaks between words already, and its output stays as it was.

rich folds a run of CJK characters wherever the width falls, so `…（前3个月` / `）；之后…` can happen.
`install()` wraps rich's line divider (every table cell, paragraph and help page goes through it):
a break that lands on such a character moves back by one or two characters, the line before becomes
shorter and the rest is divided again from there, so no line grows past the width.
"""

from __future__ import annotations

from collections.abc import Callable

#: may not start a line
CLOSING = frozenset("，。、：；！？）」』》〉】〕”’…％")
#: may not end a line
OPENING = frozenset("（「『《〈【〔“‘")

#: how far a break may move back: past a run of closing marks (`）。`) and a figure (`¥28.9万`)
_MAX_SHIFT = 12
#: the characters of a figure, which a moved break never splits (`¥28.9` / `万` would cut it)
_FIGURE = frozenset("0123456789.,¥￥%％×万亿千+-−")

Divider = Callable[..., list[int]]


def _allowed(text: str, at: int) -> bool:
    return text[at] not in CLOSING and text[at - 1] not in OPENING


def _better(text: str, at: int) -> bool:
    """A break that may replace a forbidden one: allowed, not inside a figure or before a space."""
    return (
        _allowed(text, at)
        and not text[at].isspace()
        and not (text[at - 1] in _FIGURE and text[at] in _FIGURE)
    )


def kinsoku(divide: Divider) -> Divider:
    """`divide` (rich's `divide_line(text, width, fold)` → break offsets) with the rule applied."""

    def divide_line(text: str, width: int, fold: bool = True) -> list[int]:
        breaks = divide(text, width, fold)
        if all(_allowed(text, b) for b in breaks):
            return breaks  # the usual case: nothing to move
        out: list[int] = []
        start = 0
        while True:
            rest = divide(text[start:], width, fold)
            if not rest:
                return out
            at = start + rest[0]
            if not _allowed(text, at):
                for moved in range(at - 1, max(start, at - _MAX_SHIFT - 1), -1):
                    if _better(text, moved):
                        at = moved
                        break
            out.append(at)
            start = at

    return divide_line


def install() -> None:
    """Apply the rule to rich's wrapping, once (rich's `Text.wrap` calls `rich.text.divide_line`)."""
    import rich.text

    current = rich.text.divide_line  # type: ignore[attr-defined]
    if getattr(current, "kinsoku", False):
        return
    patched = kinsoku(current)
    patched.kinsoku = True  # type: ignore[attr-defined]
    rich.text.divide_line = patched  # type: ignore[attr-defined]
