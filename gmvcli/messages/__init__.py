"""The message catalogue: every text a user reads has a stable code and its English and Chinese
wording here, and nowhere else (SPEC §7).

Code keeps a message as data — `Msg(code, params)` — and words it only when it is shown, in the
language of the run. Parameters are filled with `str.format`; a parameter that is itself a `Msg` is
worded in the same language. A test checks that both languages of every code use the same
parameters.
"""

from __future__ import annotations

import errno
from collections.abc import Iterable
from typing import NamedTuple

from gmvcli.messages import (
    cli,
    helptext,
    problems,
    report,
    review,
    safety,
    score,
    tables,
    uncertainty,
    words,
)

LANGS = ("en", "zh")

#: code → (en, zh)
CATALOGUE: dict[str, tuple[str, str]] = {
    **problems.TEXTS,
    **words.TEXTS,
    **cli.TEXTS,
    **helptext.TEXTS,
    **report.TEXTS,
    **review.TEXTS,
    **tables.TEXTS,
    **score.TEXTS,
    **safety.TEXTS,
    **uncertainty.TEXTS,
}


class Msg(NamedTuple):
    """A message not yet worded: its catalogue code and parameters."""

    code: str
    params: tuple[tuple[str, object], ...] = ()

    def text(self, lang: str) -> str:
        return text(self.code, lang, **dict(self.params))

    def __str__(self) -> str:
        return self.text("en")


class Worded(NamedTuple):
    """A text worded outside the catalogue in both languages (a policy's names, PyYAML's words)."""

    en: str
    zh: str

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


def msg(code: str, /, **params: object) -> Msg:
    """A message for later wording; fails at once on a code the catalogue lacks."""
    if code not in CATALOGUE:
        raise KeyError(f"no message {code!r} in the catalogue")
    return Msg(code, tuple(params.items()))


def text(code: str, lang: str, /, **params: object) -> str:
    """The message `code` in `lang`, its parameters filled (a Msg parameter is worded too)."""
    en, zh = CATALOGUE[code]
    template = zh if lang == "zh" else en
    worded = {k: (v.text(lang) if isinstance(v, Msg | Worded) else v) for k, v in params.items()}
    return template.format(**worded)


def join(items: list[str] | tuple[str, ...], lang: str) -> str:
    """A list as it is written in a sentence: `a, b, c` or `a、b、c`."""
    return ("、" if lang == "zh" else ", ").join(items)


def did_you_mean(match: list[str], known: Iterable[str]) -> Msg:
    """The hint for an unknown key: the nearest known one, or the list of them."""
    if match:
        return msg("hint.did_you_mean", word=match[0])
    return msg("hint.known_keys", keys=", ".join(known))


_ERRNO_CODES = {
    errno.EACCES: "os.access",
    errno.EPERM: "os.access",
    errno.ENOENT: "os.missing",
    errno.EISDIR: "os.is_dir",
    errno.ENOTDIR: "os.not_dir",
    errno.ENOSPC: "os.full",
    errno.EROFS: "os.read_only",
    errno.ENAMETOOLONG: "os.name_too_long",
    errno.EBADF: "os.closed",
    errno.EIO: "os.io",
}


def os_reason(exc: OSError) -> Msg | Worded:
    """Why the operating system refused, in words of the catalogue (its own words otherwise)."""
    code = _ERRNO_CODES.get(exc.errno or 0)
    if code is not None:
        return msg(code)
    detail = exc.strerror or str(exc)
    return Worded(detail, f"系统错误 {exc.errno}：{detail}" if exc.errno else f"系统错误：{detail}")
