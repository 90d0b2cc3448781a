"""Errors as data: every problem knows its file, position and field path."""

from __future__ import annotations

from typing import NamedTuple

_MAX_SHOWN = 60


def shown(value: object) -> str:
    """A value as it is quoted in an error: short, on one line, with control characters made visible."""
    text = value if isinstance(value, str) else repr(value)
    text = safe_text(text)
    if len(text) > _MAX_SHOWN:
        text = text[: _MAX_SHOWN - 1] + "…"
    return text


def safe_text(text: str) -> str:
    """Replace terminal control characters so that text from a file cannot drive the terminal."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        code = ord(ch)
        if code < 0x20 or 0x7F <= code < 0xA0:
            out.append(f"\\x{code:02x}")
        elif (
            ch
            in "\u2028\u2029\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
        ):
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


class Problem(NamedTuple):
    """One located problem in an input: `FILE:LINE:COL: path: message (got VALUE) — hint`."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    path: str = ""
    got: str | None = None
    hint: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        text = f"{where}: "
        if self.path:
            text += f"{self.path}: "
        text += self.message
        if self.got is not None:
            text += f" (got {self.got})"
        if self.hint:
            text += f" — {self.hint}"
        return safe_text(text)

    def as_json(self) -> dict[str, object]:
        message = self.message
        if self.got is not None:
            message += f" (got {self.got})"
        if self.hint:
            message += f" — {self.hint}"
        return {"message": message, "line": self.line, "column": self.column, "path": self.path}


class ScenarioError(Exception):
    """An input that cannot be evaluated; holds every problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.problems = problems

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class UsageError(Exception):
    """A command line that cannot run (exit 2)."""
