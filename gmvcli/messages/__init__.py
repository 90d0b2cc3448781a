"""The message catalogue: every text a user reads has a stable code and its English and Chinese
wording here, and nowhere else (SPEC §7).

Code keeps a message as data — `Msg(code, params)` — and words it only when it is shown, in the
language of the run. Parameters are filled with `str.format`; a parameter that is itself a `Msg` is
worded in the same language. A test checks that both languages of every code use the same
parameters.
"""

from __future__ import annotations

import errno
from collections.abc import Iterable, Iterator, Mapping
from typing import NamedTuple

LANGS = ("en", "zh")

#: the catalogue's files, one per area: `code: [en, zh]` in JSON (data, loaded on first use)
AREAS = (
    "problems",  # problems in input files and the hints that fix them
    "words",  # words of the output: labels, verdicts, notices
    "cli",  # the command line: usage errors, Click's own messages, what-if problems
    "helptext",  # --help of every command and option (help.CMD, help.CMD.PARAM, help.opt.PARAM)
    "tables",  # tables, verdicts, diffs, what-if output and workbooks
    "report",  # gmvcli report
    "review",  # gmvcli review and fit
    "score",  # gmvcli score
    "safety",  # output targets, standard streams, bounded inputs
    "uncertainty",  # Sobol indices, raw samples, correlated inputs
)


def load_area(area: str) -> dict[str, tuple[str, str]]:
    """One file of the catalogue."""
    import json
    from importlib.resources import files

    raw = json.loads(files("gmvcli.messages").joinpath(f"{area}.json").read_text("utf-8"))
    return {code: (en, zh) for code, (en, zh) in raw.items()}


class _Catalogue(Mapping[str, tuple[str, str]]):
    """code → (en, zh), read from the area files the first time a text is worded: a run that
    words nothing (compare's JSON, say) never reads them."""

    def __init__(self) -> None:
        self._texts: dict[str, tuple[str, str]] | None = None

    def _load(self) -> dict[str, tuple[str, str]]:
        if self._texts is None:
            texts: dict[str, tuple[str, str]] = {}
            for area in AREAS:
                part = load_area(area)
                twice = sorted(set(part) & set(texts))
                if twice:
                    raise RuntimeError(f"message codes defined twice: {twice}")
                texts.update(part)
            self._texts = texts
        return self._texts

    def __getitem__(self, code: str) -> tuple[str, str]:
        return self._load()[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())


CATALOGUE: Mapping[str, tuple[str, str]] = _Catalogue()


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
    """A message for later wording (a test checks that every code written in the source is in the
    catalogue, so the catalogue need not be read to make one)."""
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


def listing(items: Iterable[object]) -> Worded:
    """Items as a sentence lists them: `a, b, c` in en, `a、b、c` in zh."""
    words = [str(i) for i in items]
    return Worded(", ".join(words), "、".join(words))


def did_you_mean(match: list[str], known: Iterable[str]) -> Msg:
    """The hint for an unknown key: the nearest known one, or the list of them."""
    if match:
        return msg("hint.did_you_mean", word=match[0])
    return msg("hint.known_keys", keys=listing(known))


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
