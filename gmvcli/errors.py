"""Errors as data: every problem knows its file, position and field path."""

from __future__ import annotations

from typing import NamedTuple

from gmvcli.messages import Msg
from gmvcli.messages import text as message_text

_MAX_SHOWN = 80


def shown(value: object) -> str:
    """A value as it is quoted in an error: short, on one line, with control characters made visible."""
    text = value if isinstance(value, str) else repr(value)
    text = safe_text(text)
    if len(text) > _MAX_SHOWN:
        text = text[: _MAX_SHOWN - 1] + "…"
    return text


def safe_text(text: str) -> str:
    """Replace terminal control characters so that text from a file cannot drive the terminal."""
    from gmvcli.textsafe import terminal

    return terminal(text)


def error_json(
    code: str, message: str, line: object, column: object, path: str
) -> dict[str, object]:
    """A located error as JSON shows it (SPEC §7): its code, its English words and its place.

    `path` is null, never "", when no field is at fault (a YAML syntax error, an export's cell).
    """
    return {"code": code, "message": message, "line": line, "column": column, "path": path or None}


class Problem(NamedTuple):
    """One located problem in an input: `FILE:LINE:COL: path: message (got VALUE) — hint`.

    `message` and `hint` are catalogue messages, worded only when shown (`text(lang)`).
    """

    file: str
    message: Msg
    line: int | None = None
    column: int | None = None
    path: str = ""
    got: str | Msg | None = None
    hint: Msg | None = None

    @property
    def code(self) -> str:
        return self.message.code

    def detail(self, lang: str) -> str:
        """The message, the value and the hint, without the place."""
        text = self.message.text(lang)
        if self.got is not None:
            got = self.got.text(lang) if isinstance(self.got, Msg) else self.got
            text += message_text("frame.got", lang, got=got)
        if self.hint is not None:
            text += message_text("frame.hint", lang, hint=self.hint.text(lang))
        return text

    def text(self, lang: str) -> str:
        """The whole located line, worded for `lang`."""
        where = self.file
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        text = f"{where}: "
        if self.path:
            text += f"{self.path}: "
        return safe_text(text + self.detail(lang))

    def __str__(self) -> str:
        return self.text("en")

    def as_json(self) -> dict[str, object]:
        return error_json(self.code, self.detail("en"), self.line, self.column, self.path)


class WrongValue(ValueError):
    """A value that does not fit: the message says what is wrong, `hint` how to fix it."""

    def __init__(self, message: Msg, hint: Msg | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.hint = hint


class ScenarioError(Exception):
    """An input that cannot be evaluated; holds every problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.problems = problems

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class UsageError(Exception):
    """A command line that cannot run (exit 2); the message is worded in the run's language."""

    def __init__(self, message: Msg) -> None:
        super().__init__(message)
        self.message = message

    def text(self, lang: str) -> str:
        return safe_text(self.message.text(lang))

    def __str__(self) -> str:
        return self.text("en")
