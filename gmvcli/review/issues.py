"""What is wrong with an export, located at FILE:ROW:HEADER: `Issue` (an error or a warning), and
`ReadError`, raised with every issue found when the export cannot be used."""

from __future__ import annotations

from typing import NamedTuple

from gmvcli.review.messages import text


class Issue(NamedTuple):
    """A problem or warning in the export, located at FILE:ROW:HEADER."""

    code: str
    file: str
    row: int | None = None
    header: str | None = None
    got: str | None = None
    params: tuple[tuple[str, object], ...] = ()
    hint: str | None = None  # a message code
    hint_params: tuple[tuple[str, object], ...] = ()
    warning: bool = False

    def where(self) -> str:
        out = self.file
        if self.row is not None:
            out += f":{self.row}"
            if self.header is not None:
                out += f":{self.header}"
        return out

    def message(self, lang: str) -> str:
        out = text(self.code, lang, **dict(self.params))
        if self.got is not None:
            out += f"（实际为 {self.got}）" if lang == "zh" else f" (got {self.got})"
        if self.hint:
            out += " — " + text(self.hint, lang, **dict(self.hint_params))
        return out

    def text(self, lang: str) -> str:
        """`FILE:ROW:HEADER: what is wrong (got V) — hint`, worded for `lang`."""
        from gmvcli.errors import safe_text

        return safe_text(f"{self.where()}: {self.message(lang)}")

    def as_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "message": self.message("en"),
            "line": self.row,
            "column": self.header,
            "path": None,  # an export has no field path (its place is line and column)
        }


class ReadError(Exception):
    """The export cannot be read at all (or has errors): every issue found."""

    def __init__(self, issues: list[Issue]) -> None:
        super().__init__(issues)
        self.issues = issues
